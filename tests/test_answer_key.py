"""The teacher's answer key (lessons/answerkey.py) and the rule that student notebooks hold no solutions.

Expected texts are computed here with lessons.quiz and lessons.checks, never copied from the key.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from lessons import data
from lessons._html import esc
from lessons.assessment import checks, quiz
from lessons.teacher import answerkey

ROOT = Path(__file__).resolve().parent.parent
LESSON_NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


@pytest.fixture(scope="module")
def key_html(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = answerkey.build(tmp_path_factory.mktemp("key"))
    assert path.name == "answer-key.html"
    return path.read_text(encoding="utf-8")


def _article(html: str, qid: str) -> str:
    m = re.search(rf'<article class="gs-key-q" id="q-{re.escape(esc(qid))}".*?</article>', html, re.S)
    assert m, f"question {qid} is missing from the answer key"
    return m.group(0)


def test_every_question_of_every_bank_with_its_answer(key_html: str) -> None:
    names = quiz.bank_names()
    assert names, "no question banks found"
    count = 0
    for name in names:
        assert f'id="bank-{esc(name)}"' in key_html, f"bank {name} has no section in the key"
        for q in quiz.load_bank(name)["questions"]:
            block = _article(key_html, q["id"])
            assert f"Answer: {esc(quiz.correct_answer_text(q))}</p>" in block, q["id"]
            assert esc(q["prompt"]) in block and esc(q["explanation"]) in block, q["id"]
            assert f">{esc(q['type'])}<" in block, q["id"]
            assert esc(quiz.source_text(q["source"])) in block, q["id"]
            count += 1
    assert count == sum(len(quiz.load_bank(n)["questions"]) for n in names)


def test_options_are_listed_and_sources_link(key_html: str) -> None:
    for q in quiz.all_questions().values():
        block = _article(key_html, q["id"])
        options = q.get("options")
        if isinstance(options, list):
            for option in options:
                assert esc(option) in block, (q["id"], option)
        elif isinstance(options, dict):
            for option in options["left"]:
                assert esc(option) in block, (q["id"], option)
        src = q["source"]
        if "url" in src or "seed" in src:
            assert '<a href="http' in block, f"{q['id']}: its source should be a link"
        elif "data" in src:
            sources = data.row(src["data"], src["id"]).get("sources") or []
            if any("http" in s for s in sources):
                assert '<a href="http' in block, f"{q['id']}: its data row has a URL; the key should link it"


def test_every_check_with_the_value_computed_now(key_html: str) -> None:
    names = list(checks.available())
    assert names
    for name, description in checks.available().items():
        m = re.search(rf'<tr id="check-{re.escape(name)}".*?</tr>', key_html, re.S)
        assert m, f"check {name} is missing from the key"
        row = m.group(0)
        assert esc(description) in row
        assert "Correct" in row, f"{name}: the key's value is not accepted by the check itself"
        expected = checks.expected(name)
        if hasattr(expected, "isoformat"):
            assert expected.isoformat() in row
        if isinstance(expected, dict) and "count" in expected:
            assert f">{expected['count']}<" in row
        if isinstance(expected, dict) and "change" in expected:
            assert f"{expected['change']:,.2f}" in row


def _copy_data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(data.data_dir(), copy)
    return copy


def test_check_values_follow_the_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Edit the deadline in a copy of the data: the key shows the new date (computed at build time)."""
    copy = _copy_data(tmp_path)
    csv = copy / "timeline.csv"
    text = csv.read_text(encoding="utf-8")
    old = checks.expected("04-notice-deadline").isoformat()
    new = "2019-08-25"
    line = next(item for item in text.splitlines() if item.startswith("notice-deadline-2019,"))
    csv.write_text(text.replace(line, line.replace(old, new, 1)), encoding="utf-8")
    monkeypatch.setenv("GSOMIA_DATA_DIR", str(copy))
    html = answerkey.build(tmp_path / "out").read_text(encoding="utf-8")
    row = re.search(r'<tr id="check-04-notice-deadline".*?</tr>', html, re.S).group(0)
    assert new in row and old not in row


def test_text_is_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = _copy_data(tmp_path)
    bank_path = sorted((copy / "quizzes").glob("*.json"))[0]
    doc = json.loads(bank_path.read_text(encoding="utf-8"))
    evil = "<script>alert('key')</script> & <b>bold</b>"
    doc["questions"][0]["prompt"] = evil
    doc["questions"][0]["explanation"] = "Tom & Jerry <i>said</i>"
    bank_path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv("GSOMIA_DATA_DIR", str(copy))
    html = answerkey.build(tmp_path / "out").read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    assert "<b>bold</b>" not in html and "<i>said</i>" not in html
    assert esc(evil) in html and "Tom &amp; Jerry &lt;i&gt;said&lt;/i&gt;" in html


class _Resources(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.loaded: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag in {"script", "img", "iframe", "link", "source", "embed"}:
            self.loaded.append(f"{tag} {a.get('src') or a.get('href') or ''}")


def test_self_contained_and_printable(key_html: str) -> None:
    parser = _Resources()
    parser.feed(key_html)
    assert parser.loaded == [], f"the key must load nothing: {parser.loaded}"
    assert key_html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in key_html
    assert "@media print" in key_html and "break-inside:avoid" in key_html


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert answerkey.main(["--out", str(tmp_path / "k")]) == 0
    assert (tmp_path / "k" / "answer-key.html").is_file()
    assert "answer-key.html" in capsys.readouterr().out


# --------------------------------------------------------------------------------------------------------
# Student notebooks hold no solutions
# --------------------------------------------------------------------------------------------------------


def _code_cells(nb: dict) -> list[str]:
    out = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            src = cell.get("source", "")
            src = "".join(src) if isinstance(src, list) else src
            # IPython magics and shell lines are not Python; blank them so the rest still parses
            out.append("\n".join("" if item.lstrip().startswith(("%", "!")) else item for item in src.splitlines()))
    return out


def _literal(node: ast.AST) -> tuple[bool, object]:
    try:
        return True, ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False, None


def solutions_in(nb: dict) -> list[str]:
    """Check calls whose answer is a literal (directly, or through a variable assigned a literal) that the
    check accepts: that is a solution written into the notebook."""
    literals: dict[str, object] = {}
    calls: list[tuple[str, ast.AST]] = []
    for src in _code_cells(nb):
        try:
            tree = ast.parse(src)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                ok, value = _literal(node.value)
                for target in node.targets:
                    if isinstance(target, ast.Name) and ok:
                        literals[target.id] = value
            if isinstance(node, ast.Call) and len(node.args) >= 2:
                func = node.func
                fname = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                ok, name = _literal(node.args[0])
                if fname == "check" and ok and isinstance(name, str):
                    calls.append((name, node.args[1]))
    found = []
    for name, arg in calls:
        ok, value = _literal(arg)
        if not ok and isinstance(arg, ast.Name) and arg.id in literals:
            ok, value = True, literals[arg.id]
        if ok and value is not Ellipsis and checks.check(name, value, record=False).correct:
            found.append(f"check({name!r}, …) is given the accepted answer {value!r}")
    # any variable named answer/answers holding the accepted value of a check
    for var, value in literals.items():
        if var.startswith("answer") and value is not Ellipsis:
            for name in checks.available():
                if checks.check(name, value, record=False).correct:
                    found.append(f"{var} = {value!r} is the accepted answer of {name}")
    return found


def _synthetic(code: str) -> dict:
    return {"cells": [{"cell_type": "code", "source": code, "metadata": {}, "outputs": []}]}


def test_the_scanner_finds_a_planted_solution() -> None:
    count = checks.expected("04-launch-count")["count"]
    deadline = checks.expected("04-notice-deadline").isoformat()
    assert solutions_in(_synthetic(f'import lessons\nlessons.check("04-launch-count", {count})'))
    assert solutions_in(_synthetic(f'deadline = "{deadline}"\nlessons.check("04-notice-deadline", deadline)'))
    assert solutions_in(_synthetic(f"answer = {count}"))
    assert not solutions_in(_synthetic('run_count = ...\nlessons.check("04-launch-count", run_count)'))
    assert not solutions_in(_synthetic(f'lessons.check("04-launch-count", {count + 1})'))


@pytest.mark.parametrize("path", LESSON_NOTEBOOKS, ids=lambda p: p.name)
def test_student_notebooks_hold_no_solutions(path: Path) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert solutions_in(nb) == [], f"{path.name} contains solution code"
