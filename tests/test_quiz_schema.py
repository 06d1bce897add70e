"""The question banks: schema, clear messages for malformed questions, coverage, and sources that resolve."""

from __future__ import annotations

import copy
import json
from collections import Counter
from pathlib import Path

import pytest

from lessons import data
from lessons.assessment import quiz, schema

ROOT = Path(__file__).resolve().parent.parent
BANK_FILES = sorted((ROOT / "data" / "quizzes").glob("*.json"))
LESSON_BANKS = ["01-the-story", "02-roots", "03-trade-war", "04-security", "05-voices", "06-what-happened-next"]

GOOD = {"id": "04-good", "type": "single", "prompt": "P?", "options": ["a", "b"], "answer": 1, "explanation": "E.",
        "source": {"seed": 2}, "difficulty": 2, "objective": "O"}


def _bank(question: dict) -> dict:
    return {"lesson": "04", "title": "T", "questions": [question]}


def _with(**changes) -> dict:
    q = copy.deepcopy(GOOD)
    for k, v in changes.items():
        if v is ...:
            q.pop(k)
        else:
            q[k] = v
    return q


MALFORMED = [
    ("missing explanation", _with(explanation=...), "explanation", "missing"),
    ("unknown type", _with(type="essay"), "type", "essay"),
    ("difficulty out of range", _with(difficulty=5), "difficulty", "5"),
    ("single answer is text", _with(answer="b"), "answer", "integer"),
    ("single answer past the options", _with(answer=4), "answer", "past the last option"),
    ("only one option", _with(options=["a"]), "options", ""),
    ("source with two kinds", _with(source={"seed": 2, "cite": "X: y (2019)", "url": "https://x.org"}), "source", "exactly one"),
    ("data source without id", _with(source={"data": "timeline"}), "source", "exactly one"),
    ("cite without https url", _with(source={"cite": "X: y (2019)", "url": "ftp://x"}), "source.url", "expected form"),
    ("truefalse with a number", _with(type="truefalse", options=..., answer=1), "answer", "boolean"),
    ("numeric without tolerance", _with(type="numeric", options=..., answer=3, unit="km"), "tolerance", "missing"),
    ("ordering that is not a permutation", _with(type="ordering", options=["a", "b", "c"], answer=[0, 0, 1]), "answer", ""),
    ("matching with too few answers", _with(type="matching", options={"left": ["a", "b"], "right": ["x", "y"]}, answer=[0]), "answer", ""),
    ("extra field", _with(hint="psst"), "hint", "not allowed"),
    ("empty prompt", _with(prompt="   "), "prompt", ""),
    ("bad id", _with(id="Question 4"), "id", "expected form"),
    ("id from another lesson", _with(id="03-good"), "id", "lesson number"),
    ("duplicate options", _with(options=["Seoul", "seoul"]), "options", "same"),
]


def test_good_question_is_accepted():
    assert quiz.validate_bank(_bank(GOOD), "data/quizzes/04-test.json") == []


@pytest.mark.parametrize("label, question, field, words", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_question_is_rejected_with_a_clear_message(label, question, field, words):
    problems = quiz.validate_bank(_bank(question), "data/quizzes/04-test.json")
    assert problems, f"{label} was accepted"
    text = "\n".join(problems)
    assert "data/quizzes/04-test.json" in text
    assert f"question {question.get('id')}" in text
    assert f"field '{field}'" in text, text
    assert words.lower() in text.lower(), text


def test_at_least_eight_kinds_of_malformed_questions_are_covered():
    assert len(MALFORMED) >= 8


def test_duplicate_ids_and_unknown_includes():
    bank = {"lesson": "04", "title": "T", "questions": [GOOD, GOOD], "include": ["01-nope"]}
    text = "\n".join(quiz.validate_bank(bank, "b.json", known_ids=["01-yes"]))
    assert "used twice" in text and "'01-nope'" in text


def test_unresolvable_sources_are_reported():
    far = _with(source={"seed": data.ARTICLE_PARAGRAPHS + 1})
    text = "\n".join(quiz.validate_bank(_bank(far), "b.json", sources=True))
    assert "no paragraph" in text and "field 'source'" in text
    missing_row = _with(source={"data": "timeline", "id": "no-such-event"})
    text = "\n".join(quiz.validate_bank(_bank(missing_row), "b.json", sources=True))
    assert "no-such-event" in text


def test_a_broken_bank_file_gives_a_plain_error(tmp_path, monkeypatch):
    folder = tmp_path / "quizzes"
    folder.mkdir()
    (folder / "04-x.json").write_text('{"lesson": "04", "title": "T", "questions": [', encoding="utf-8")
    (folder / "05-y.json").write_text(json.dumps(_bank(_with(id="05-q", difficulty=9)) | {"lesson": "05"}))
    monkeypatch.setenv("GSOMIA_DATA_DIR", str(tmp_path))
    with pytest.raises(quiz.BankError, match=r"04-x.json is not valid JSON"):
        quiz.load_bank("04-x")
    with pytest.raises(quiz.BankError, match=r"05-y.json, question 05-q, field 'difficulty'"):
        quiz.load_bank("05")


# --- the real banks ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", BANK_FILES, ids=[p.stem for p in BANK_FILES])
def test_every_bank_validates_and_every_source_resolves(path):
    doc = json.loads(path.read_text(encoding="utf-8"))
    others = {q["id"] for p in BANK_FILES if p != path for q in json.loads(p.read_text(encoding="utf-8"))["questions"]}
    assert quiz.validate_bank(doc, path.name, sources=True, known_ids=others) == []
    assert path.stem.split("-", 1)[0] == doc["lesson"]


def test_required_banks_exist_with_enough_questions():
    names = quiz.bank_names()
    for name in LESSON_BANKS:
        assert name in names
        assert len(quiz.load_bank(name)["questions"]) >= 8, name
    assessment = quiz.load_bank("08-assessment")
    assert len(assessment["questions"]) >= 10
    lessons_covered = {quiz.lesson_of(q["id"]) for q in assessment["questions"]}
    assert {"01", "02", "03", "04", "05", "06"} <= lessons_covered


def test_question_ids_are_unique_across_banks():
    ids = Counter(q["id"] for p in BANK_FILES for q in json.loads(p.read_text(encoding="utf-8"))["questions"])
    assert [i for i, n in ids.items() if n > 1] == []


def test_at_least_six_types_in_use():
    types = {q["type"] for name in quiz.bank_names() for q in quiz.load_bank(name)["questions"]}
    assert len(types) >= 6, types


def test_every_question_has_an_objective_and_a_difficulty():
    for q in quiz.all_questions().values():
        assert q["objective"].strip() and q["difficulty"] in (1, 2, 3)


def test_bank_answers_agree_with_the_data():
    """Numbers asked about in the banks are the numbers in data/ (computed here from the rows)."""
    qs = quiz.all_questions()
    rows = {r["period"]: r["value"] for r in data.rows("figures") if r["series_id"] == "kr-visitors-to-japan"}
    revised = data.row("figures", "kr-visitors-to-japan-revised-2018-08")["value"]
    change = (rows["2019-08"] - revised) / revised * 100  # the official base (issue 14)
    assert quiz.grade(qs["03-visitors-percent"], round(change, 1)).correct
    assert quiz.grade(qs["03-visitors-aug"], rows["2019-08"]).correct
    run = [r for r in data.rows("launches") if r["in_article_run"] and "2019-07-25" <= r["date"] <= "2019-08-16"]
    assert quiz.grade(qs["04-launches-count"], len(run)).correct
    assert quiz.grade(qs["01-missile-count"], len(run)).correct
    deadline = data.row("timeline", "notice-deadline-2019")["date"]
    q = qs["04-deadline-date"]
    assert q["options"][q["answer"]] == f"{int(deadline[8:])} August {deadline[:4]}"
    signed = data.row("timeline", "gsomia-signed")["date"]
    q = qs["04-signed-date"]
    assert q["options"][q["answer"]].startswith(f"{int(signed[8:])} November {signed[:4]}")
    assert quiz.grade(qs["02-annexation-year"], int(data.row("timeline", "annexation-treaty-signed")["date"][:4])).correct
    assert quiz.grade(qs["06-normalized-year"], int(data.row("timeline", "gsomia-normalized")["date"][:4])).correct


def test_contested_matters_are_asked_as_attributed_positions():
    """Questions sourced from data/positions.csv name a government in the prompt or the options."""
    for q in quiz.all_questions().values():
        if q["source"].get("data") == "positions":
            text = json.dumps(q, ensure_ascii=False)
            assert "government" in text, q["id"]


def test_neutral_names():
    text = " ".join(p.read_text(encoding="utf-8") for p in BANK_FILES)
    for name, pair in (("Takeshima", "Dokdo / Takeshima"), ("Sea of Japan", "East Sea / Sea of Japan")):
        if name in text:
            assert pair in text


def _verdicts(validator, doc) -> set:
    return {(tuple(str(p) for p in e.path), e.validator) for e in validator.iter_errors(doc)}


def test_built_in_validator_agrees_with_jsonschema():
    """Quizzes use a small built-in validator (jsonschema is slow to import); it must agree with jsonschema."""
    full = schema.jsonschema_validator()
    mini = schema.validator()
    docs = [_bank(q) for _, q, _, _ in MALFORMED] + [_bank(GOOD)]
    docs += [json.loads(p.read_text(encoding="utf-8")) for p in BANK_FILES]
    docs += [[], {"lesson": 4}, {"lesson": "04", "title": "", "questions": "none"}]
    for doc in docs:
        a, b = _verdicts(full, doc), _verdicts(mini, doc)
        assert bool(a) == bool(b), (doc, a, b)
        assert {p for p, _ in a if p} <= {p for p, _ in b} | {p[:-1] for p, _ in b} | {()}, (doc, a, b)
