"""A quiz's Check says when an answer could not be saved (issue 13, finding 8; needs the quiz.py hunk)."""

from __future__ import annotations

import pytest

from lessons.assessment import banks, progress, quiz


class _RefusingLock:
    def acquire(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    def release(self, *args, **kwargs):
        pass


def test_check_on_a_read_only_progress_folder_shows_a_sentence(monkeypatch) -> None:
    monkeypatch.setattr(progress, "_lock", lambda path: _RefusingLock())  # as a read-only folder fails
    qid, q = next((k, v) for k, v in banks.all_questions().items() if v["type"] == "numeric")
    result, _kind, text = quiz.Quiz([q]).submit(qid, q["answer"])
    assert result.correct and "could not be saved" in text and "Traceback" not in text


def test_check_with_a_misdirected_progress_path_shows_a_sentence(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("GSOMIA_PROGRESS", str(tmp_path))  # a folder
    qid, q = next((k, v) for k, v in banks.all_questions().items() if v["type"] == "numeric")
    from lessons.assessment.progress import ProgressWarning

    with pytest.warns(ProgressWarning, match="is a folder, not a file"):  # reloading earlier answers says so too
        _result, _kind, text = quiz.Quiz([q]).submit(qid, q["answer"])
    assert "is a folder, not a file" in text and tmp_path.is_dir()
