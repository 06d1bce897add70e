"""Quiz-bank includes: resolved once, against the questions each bank holds itself (issue 13, finding 5).

Reproduction: an ``include`` in a second bank made ``quiz.show``, lesson 08 and the gradebook crash with
RecursionError while ``python -m lessons validate`` said every bank was fine.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lessons.assessment import banks, gradebook, quiz
from lessons.assessment.core import BankError

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    monkeypatch.setenv("GSOMIA_DATA_DIR", str(target))
    banks._BANK_CACHE.clear()
    return target


def _add_include(data: Path, bank: str, ids: list[str]) -> None:
    path = data / "quizzes" / f"{bank}.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["include"] = ids
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")


def _validate(data: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lessons", "validate"], capture_output=True, text=True,
                          env={**os.environ, "GSOMIA_DATA_DIR": str(data)}, cwd=ROOT, timeout=120)


def test_an_include_in_a_second_bank_works_everywhere(data_copy: Path, tmp_path: Path) -> None:
    _add_include(data_copy, "01-the-story", ["02-colonial-end"])
    lesson_01 = quiz.show("01")
    assert lesson_01.questions[0]["id"] == "02-colonial-end"
    final = quiz.show("08")                                   # lesson 08's cell
    assert "01-who-announced" in [q["id"] for q in final.questions]
    assert final.twin_html()
    results = tmp_path / "r.json"
    results.write_text(json.dumps({"format": "gsomia-results", "version": 1, "name": "A", "answers": [
        {"question": "02-colonial-end", "answer": 0}]}), encoding="utf-8")
    assert gradebook.build([results]).students[0].answered == 1
    out = _validate(data_copy)
    assert out.returncode == 0, out.stdout


def test_an_include_cycle_is_reported_by_validate_and_stops_nothing(data_copy: Path, tmp_path: Path) -> None:
    _add_include(data_copy, "01-the-story", ["08-sea-name"])  # 08 includes from 01, 01 from 08
    out = _validate(data_copy)
    assert out.returncode == 1
    assert "FAIL  quizzes/01-the-story" in out.stdout and "FAIL  quizzes/08-assessment" in out.stdout
    assert "banks include each other in a circle (01-the-story → 08-assessment → 01-the-story)" in out.stdout
    assert "Traceback" not in out.stdout + out.stderr
    with pytest.raises(BankError, match="in a circle"):
        quiz.show("08")
    with pytest.raises(BankError, match="in a circle"):
        quiz.show("01")
    assert len(quiz.show("02").questions) > 0                 # the other lessons are untouched
    assert "08-sea-name" in banks.all_questions()             # and the gradebook still grades everything
    qs = banks.all_questions()
    results = tmp_path / "r.json"
    results.write_text(json.dumps({"format": "gsomia-results", "version": 1, "name": "A", "answers": [
        {"question": i, "answer": qs[i]["answer"]} for i in ("08-sea-name", "01-who-announced")]}),
        encoding="utf-8")
    assert gradebook.build([results]).students[0].answered == 2


def test_a_longer_cycle_is_found(data_copy: Path) -> None:
    _add_include(data_copy, "01-the-story", ["02-colonial-end"])
    _add_include(data_copy, "02-roots", ["08-sea-name"])
    problems = banks.include_problems("08-assessment", json.loads(
        (data_copy / "quizzes" / "08-assessment.json").read_text(encoding="utf-8")))
    assert any("08-assessment → 01-the-story → 02-roots → 08-assessment" in p or
               "08-assessment → 02-roots → 08-assessment" in p for p in problems), problems


def test_a_self_include_is_reported(data_copy: Path) -> None:
    _add_include(data_copy, "04-security", ["04-deadline-date"])
    out = _validate(data_copy)
    assert out.returncode == 1
    assert "'04-deadline-date' is a question of this bank itself" in out.stdout
    with pytest.raises(BankError, match="of this bank itself"):
        quiz.show("04")


def test_an_unknown_include_is_reported(data_copy: Path) -> None:
    _add_include(data_copy, "04-security", ["01-no-such-question"])
    out = _validate(data_copy)
    assert out.returncode == 1 and "there is no question '01-no-such-question' in the other banks" in out.stdout
