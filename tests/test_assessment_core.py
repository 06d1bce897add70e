"""The assessment core: one verdict rule, used by the live quiz, the scorecard and the gradebook alike.

Built from the reproduction of issue 12: answer a lesson-04 single-choice question wrong twice, re-run the cell,
answer it right. The progress file used to hold attempts [1, 2, 1]; the scorecard said 100 % and the gradebook
said unsolved. Now every part asks :func:`lessons.assessment.core.verdict`, which counts attempts by their place
in the log.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lessons.assessment import core, gradebook, progress
from lessons.assessment.core import MAX_TRIES, verdict
from lessons.assessment.quiz import Quiz

QID = "04-deadline-date"     # a lesson-04 single-choice question


def _answers(qid: str = QID) -> tuple[int, int]:
    """(right option, a wrong option) for a single-choice question, read from its bank."""
    q = next(q for q in Quiz("04", record=False).questions if q["id"] == qid)
    return q["answer"], (q["answer"] + 1) % len(q["options"])


@pytest.mark.parametrize(
    ("log", "expected"),
    [
        ([], (False, 0, False, False, 0)),
        ([True], (True, 1, True, True, 1)),
        ([False, True], (True, 2, False, True, 1)),
        ([False, False], (False, 2, False, True, 0)),
        ([False, False, True], (False, 3, False, True, 0)),
        ([False, False, False], (False, 3, False, True, 0)),
        ([True, False], (True, 2, True, True, 1)),
        ([{"correct": False, "attempt": 1}, {"correct": False, "attempt": 2}, {"correct": True, "attempt": 1}],
         (False, 3, False, True, 0)),
        ([{"correct": "yes"}, {"correct": 1}], (False, 2, False, True, 0)),
    ],
)
def test_verdict_counts_attempts_by_position(log, expected):
    assert tuple(verdict(log)) == expected


def test_verdict_honours_max_tries():
    assert verdict([False, False, True], max_tries=3).solved
    assert not verdict([False, True], max_tries=1).solved
    assert verdict([False], max_tries=1).finished


def _entries(corrects: list[bool], attempts: list[int], qid: str = QID) -> list[dict]:
    right, wrong = _answers(qid)
    return [{"question": qid, "lesson": qid[:2], "answer": right if ok else wrong, "correct": ok, "attempt": n,
             "time": "2026-01-01T00:00:00Z"} for ok, n in zip(corrects, attempts)]


def test_old_progress_file_wrong_wrong_rerun_right_is_unsolved_everywhere(tmp_path):
    """The file an older version wrote for wrong, wrong, re-run, right: attempts [1, 2, 1]."""
    entries = _entries([False, False, True], [1, 2, 1])
    assert progress.scorecard(entries) == [{"lesson": "04", "answered": 1, "correct": 0, "percent": 0}]
    results = tmp_path / "student.json"
    results.write_text(json.dumps({"format": core.RESULTS_FORMAT, "version": 1, "name": "A", "answers": entries}))
    student = gradebook.build([results]).students[0]
    assert student.solved == {QID: False}
    assert verdict(entries) == verdict([e["correct"] for e in entries])


def test_live_quiz_rerun_continues_the_attempts(tmp_path):
    right, wrong = _answers()
    first = Quiz("04", ids=[QID])
    first.submit(QID, wrong)
    first.submit(QID, wrong)
    rerun = Quiz("04", ids=[QID])                      # the cell is run again: a new Quiz object
    assert rerun.attempts[QID] == 2 and rerun.verdict(QID).finished and not rerun.solved[QID]
    rerun.build_widget()
    control = rerun._controls[QID]
    assert control["button"].disabled                  # no third try after a re-run
    assert "Your earlier answers were kept (2 attempts)." in control["feedback"].value
    assert "The answer is:" in control["feedback"].value
    rerun.submit(QID, right)                           # even through the API, a third attempt cannot solve it
    entries = progress.answers()
    assert [e["attempt"] for e in entries] == [1, 2, 3]
    assert progress.scorecard(entries)[0]["correct"] == 0
    exported = progress.export(tmp_path / "out.json", name="A")
    assert gradebook.build([exported]).students[0].solved == {QID: False}
    assert rerun.score == (0, 1)


def test_live_quiz_rerun_after_one_wrong_can_still_solve(tmp_path):
    right, wrong = _answers()
    Quiz("04", ids=[QID]).submit(QID, wrong)
    rerun = Quiz("04", ids=[QID])
    rerun.build_widget()
    assert not rerun._controls[QID]["button"].disabled
    assert "1 more try" in rerun._controls[QID]["feedback"].value
    result, kind, _ = rerun.submit(QID, right)
    assert result.correct and kind == "ok" and rerun.solved[QID]
    assert progress.scorecard(progress.answers())[0]["correct"] == 1


def test_quiz_without_recording_ignores_the_progress_file():
    _, wrong = _answers()
    Quiz("04", ids=[QID]).submit(QID, wrong)
    assert Quiz("04", ids=[QID], record=False).attempts[QID] == 0


def test_live_quiz_shows_earlier_attempts_after_a_kernel_restart(tmp_path):
    """Two Python processes stand for the kernel before and after a restart."""
    _, wrong = _answers()
    env = {**os.environ, "GSOMIA_PROGRESS": str(tmp_path / "progress.json")}
    before = (f"from lessons import Quiz\nq = Quiz('04', ids=['{QID}'])\nq.submit('{QID}', {wrong})\n")
    subprocess.run([sys.executable, "-c", before], check=True, env=env, cwd=tmp_path)
    after = (f"from lessons import Quiz\nq = Quiz('04', ids=['{QID}'])\nq.build_widget()\n"
             f"c = q._controls['{QID}']\nprint(q.attempts['{QID}'], c['button'].disabled)\n"
             "print(c['feedback'].value)\n")
    out = subprocess.run([sys.executable, "-c", after], check=True, env=env, cwd=tmp_path, capture_output=True,
                         text=True).stdout
    first, feedback = out.split("\n", 1)
    assert first == "1 False"
    assert "Your earlier answers were kept (1 attempt)." in feedback and "Try again: 1 more try" in feedback


def test_an_unreadable_progress_file_does_not_stop_the_quiz(tmp_path, monkeypatch):
    path = tmp_path / "progress.json"
    path.write_text("{not json", encoding="utf-8")
    monkeypatch.setenv("GSOMIA_PROGRESS", str(path))
    with pytest.warns(progress.ProgressWarning):
        q = Quiz("04", ids=[QID])
    assert q.attempts[QID] == 0


def test_rule_data_for_the_pages():
    data = core.rule_data()
    assert data == {"max_tries": MAX_TRIES, "prefix": core.STORAGE_PREFIX, "format": core.RESULTS_FORMAT,
                    "version": core.FORMAT_VERSION}
    twin = Quiz("04", ids=[QID], record=False)._twin_data()
    assert twin["rule"] == data
    assert "gsomia-quiz:" not in Path(core.__file__).with_name("quiz.py").read_text(encoding="utf-8")
