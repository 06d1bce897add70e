"""Schema support for the lesson writers: a question's skill, the text variants it accepts, where it is taught,
and a stable per-student shuffle of options (issue 15, items 3-5)."""

from __future__ import annotations

import copy

import pytest

from lessons.assessment import banks, quiz
from lessons.assessment.grading import grade, text_key
from lessons.assessment.quiz import Quiz

TEXT_Q = {"id": "04-pact-name", "type": "text", "prompt": "What does GSOMIA stand for?",
          "answer": "General Security of Military Information Agreement", "explanation": "E.",
          "source": {"seed": 29}, "difficulty": 1, "objective": "o", "skill": "recall",
          "taught_in": "04-security.ipynb#What-GSOMIA-does"}


def _bank(*questions: dict) -> dict:
    return {"lesson": "04", "title": "T", "questions": list(questions)}


def test_skill_accept_and_taught_in_are_part_of_the_schema():
    assert banks.validate_bank(_bank(dict(TEXT_Q, accept=["plural", "articles"]))) == []
    problems = banks.validate_bank(_bank(dict(TEXT_Q, skill="memory")))
    assert any("field 'skill'" in p and "memory" in p for p in problems), problems
    problems = banks.validate_bank(_bank(dict(TEXT_Q, taught_in="lesson four")))
    assert any("field 'taught_in'" in p for p in problems), problems
    single = {"id": "04-x", "type": "single", "prompt": "P?", "options": ["a", "b"], "answer": 0, "explanation": "E.",
              "source": {"seed": 1}, "difficulty": 1, "objective": "o", "accept": ["plural"]}
    problems = banks.validate_bank(_bank(single))
    assert any("field 'accept' is not used by this type of question" in p for p in problems), problems


@pytest.mark.parametrize(
    ("answer", "accept", "right"),
    [
        ("general security of military information agreements", [], False),
        ("general security of military information agreements", ["plural"], True),
        ("The General Security of Military Information Agreement", [], False),
        ("The General Security of Military Information Agreement", ["articles"], True),
        ("the general security-of-military information agreements!", ["articles", "plural"], True),
        ("General Security of Military Information", ["articles", "plural"], False),
        ("  GENERAL security of military information agreement. ", [], True),
    ],
)
def test_text_variants_are_declared_per_question(answer, accept, right):
    question = dict(TEXT_Q, accept=accept)
    assert grade(question, answer).correct is right


def test_text_key_keeps_short_words_and_double_s():
    assert text_key("Gas pass bus class", ["plural"]) == "gas pass bus class"
    assert text_key("The islets", ["plural", "articles"]) == "islet"


def test_shuffle_is_stable_per_student_and_keeps_bank_indices():
    bank = quiz.load_bank("04")
    q = next(q for q in bank["questions"] if q["type"] == "single" and len(q["options"]) >= 4)
    orders = {s: Quiz("04", record=False, shuffle=True, student=s).display_order(q) for s in
              ("min-jun", "ana", "kenji", "sora", "lee", "yui")}
    assert all(sorted(o) == list(range(len(q["options"]))) for o in orders.values())
    assert len({tuple(o) for o in orders.values()}) > 1, "different students see different orders"
    again = Quiz("04", record=False, shuffle=True, student="ana")
    assert again.display_order(q) == orders["ana"], "a re-run shows the same order"
    assert Quiz("04", record=False).display_order(q) == list(range(len(q["options"])))
    again.build_widget()
    radio = again._controls[q["id"]]["control"]
    assert [label for label, _ in radio.options] == [q["options"][i] for i in orders["ana"]]
    radio.value = q["answer"]
    assert again.submit(q["id"], again._controls[q["id"]]["read"]())[0].correct


def test_a_bank_can_ask_for_shuffling(tmp_path, monkeypatch):
    import json
    import shutil
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    shutil.copytree(root / "data", tmp_path / "data")
    path = tmp_path / "data" / "quizzes" / "04-security.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["shuffle"] = True
    path.write_text(json.dumps(doc), encoding="utf-8")
    monkeypatch.setenv("GSOMIA_DATA_DIR", str(tmp_path / "data"))
    assert Quiz("04", record=False).shuffle is True
    assert Quiz("04", record=False)._twin_data()["shuffle"] is True
    assert Quiz("04", record=False, shuffle=False).shuffle is False


def test_multiple_choice_reads_bank_indices_whatever_the_order():
    bank = quiz.load_bank("04")
    q = copy.deepcopy(next(q for q in bank["questions"] if q["type"] == "multiple"))
    live = Quiz([q], record=False, shuffle=True, student="sora")
    live.build_widget()
    boxes = live._controls[q["id"]]["control"].children
    order = live.display_order(q)
    for box, index in zip(boxes, order):
        box.value = index in q["answer"]
    assert live._controls[q["id"]]["read"]() == sorted(q["answer"])
