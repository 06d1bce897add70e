"""Two kernels at once lose nothing; a misdirected or read-only progress store ends in a sentence (issue 13,
findings 3, 4 and 8).

Reproductions: two processes × 300 ``record()`` calls kept 346–406 of 600 answers; ``GSOMIA_PROGRESS`` pointing
at a folder renamed that folder to ``*.corrupt-…``, pointing at a device replaced it with a regular file; a
read-only progress folder or an unencodable answer made Check raise.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import pytest

from lessons.assessment import banks, checks, progress, quiz
from lessons.components import decision

ROOT = Path(__file__).resolve().parents[1]

WRITER = textwrap.dedent("""
    import sys, time
    from lessons import progress, decision
    who, n, kind = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    sys.stdin.readline()  # everybody starts together
    slowest = 0.0
    for i in range(n):
        start = time.perf_counter()
        if kind == "answers":
            progress.record(f"01-q{i % 7}", f"{who}:{i}", i % 2 == 0)
        else:
            decision.record_decision("suspend", f"Writer {who}. Decision {i}.", time=f"{who}:{i}")
        slowest = max(slowest, time.perf_counter() - start)
    print(f"{slowest:.3f}")
""")


def run_writers(tmp_path: Path, writers: int, n: int, kind: str = "answers") -> Path:
    path = tmp_path / "store" / "progress.json"
    env = dict(os.environ, GSOMIA_PROGRESS=str(path))
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(w), str(n), kind], env=env, cwd=ROOT,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for w in range(writers)]
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    slowest = []
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
        slowest.append(float(out.split()[-1]))
    print(f"\n{writers} writers x {n} {kind}: slowest single call {max(slowest):.2f} s")
    return path


@pytest.mark.slow
@pytest.mark.parametrize("writers", [2, 4])
def test_concurrent_writers_lose_no_answer(tmp_path: Path, writers: int) -> None:
    path = run_writers(tmp_path, writers, 300)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = [a["answer"] for a in progress.answers(path)]
    expected = {f"{w}:{i}" for w in range(writers) for i in range(300)}
    assert len(got) == writers * 300 and set(got) == expected
    # each writer's answers stay in its own order, and attempts are numbered per question without gaps
    for w in range(writers):
        mine = [int(a.split(":")[1]) for a in got if a.startswith(f"{w}:")]
        assert mine == sorted(mine)
    doc = progress.load(path)
    for q in {a["question"] for a in doc["answers"]}:
        attempts = [a["attempt"] for a in doc["answers"] if a["question"] == q]
        assert attempts == list(range(1, len(attempts) + 1))
    assert not list(path.parent.glob("*.corrupt-*")) and not list(path.parent.glob(".*.tmp"))


@pytest.mark.slow
def test_concurrent_decisions_lose_nothing(tmp_path: Path) -> None:
    path = run_writers(tmp_path, 2, 100, kind="decisions")
    times = [d["time"] for d in decision.load_decisions(path.with_name("decisions.json"))]
    assert sorted(times) == sorted(f"{w}:{i}" for w in range(2) for i in range(100))


# --- a misdirected GSOMIA_PROGRESS --------------------------------------------------------------------------------


def snapshot(path: Path) -> tuple:
    st = os.lstat(path)
    inside = sorted(p.name for p in path.iterdir()) if stat.S_ISDIR(st.st_mode) else None
    return stat.S_IFMT(st.st_mode), st.st_ino, inside


def misdirected(tmp_path: Path, kind: str) -> Path:
    if kind == "folder":
        target = tmp_path / "my-folder"
        target.mkdir()
        (target / "homework.txt").write_text("mine")
        return target
    if kind == "fifo":
        target = tmp_path / "pipe"
        os.mkfifo(target)
        return target
    target = tmp_path / "null-link"
    target.symlink_to("/dev/null")  # the link, not /dev/null itself: a regression must not harm the machine
    return target


@pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev/null")
@pytest.mark.parametrize("kind", ["folder", "fifo", "device"])
def test_a_misdirected_progress_path_is_never_renamed_or_replaced(tmp_path: Path, monkeypatch, kind: str) -> None:
    target = misdirected(tmp_path, kind)
    monkeypatch.setenv("GSOMIA_PROGRESS", str(target))
    before = snapshot(target)
    before_dev = os.stat("/dev/null")
    with pytest.raises(progress.ProgressError) as info:
        progress.record("01-q", 1, True)
    message = str(info.value)
    assert str(target) in message and "GSOMIA_PROGRESS" in message and "\n" not in message
    with pytest.warns(progress.ProgressWarning, match="GSOMIA_PROGRESS"):
        assert progress.load() == {"format": "gsomia-progress", "version": 1, "answers": []}
    assert snapshot(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]  # nothing moved aside, nothing added
    assert os.stat("/dev/null").st_ino == before_dev.st_ino and stat.S_ISCHR(os.stat("/dev/null").st_mode)
    # the decision room says the same, as a sentence, and the Check of a lesson too
    saved, text = decision.DecisionRoom().record("suspend", "One. Two.")
    assert not saved and str(target) in text
    result = checks.check("04-launch-count", 10)
    assert str(target) in result.message


# --- a read-only folder, an unencodable answer ---------------------------------------------------------------------


class _RefusingLock:
    def acquire(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    def release(self, *args, **kwargs):
        pass


@pytest.fixture
def read_only_store(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "read-only"
    folder.mkdir()
    (folder / "progress.json").write_text(json.dumps({"format": "gsomia-progress", "version": 1, "answers": []}))
    folder.chmod(0o555)
    if os.access(folder, os.W_OK):  # root ignores permissions: fail the way a read-only folder fails
        monkeypatch.setattr(progress, "_lock", lambda path: _RefusingLock())
    monkeypatch.setenv("GSOMIA_PROGRESS", str(folder / "progress.json"))
    yield folder
    folder.chmod(0o755)


def test_a_read_only_folder_gives_a_sentence(read_only_store: Path) -> None:
    before = (read_only_store / "progress.json").read_bytes()
    with pytest.raises(progress.ProgressError) as info:
        progress.record("01-q", 1, True)
    assert "can't be written to" in str(info.value) and str(read_only_store) in str(info.value)
    result = checks.check("04-launch-count", 10)  # the lesson's Check: a sentence, no exception
    assert "could not be saved" in result.message
    saved, text = decision.DecisionRoom().record("suspend", "One. Two.")
    assert not saved and "could not be saved" in text
    assert (read_only_store / "progress.json").read_bytes() == before


def test_an_unencodable_answer_is_saved_with_a_replacement_character() -> None:
    entry = progress.record("01-q", "Dok\ud800do", False)
    assert entry["answer"] == "Dok\ufffddo"
    raw = progress.progress_path().read_bytes()
    raw.decode("utf-8")  # strict: the file is valid UTF-8
    assert progress.answers()[0]["answer"] == "Dok\ufffddo"
    # through a quiz's Check, as a student types it
    qid, q = next((k, v) for k, v in banks.all_questions().items() if v["type"] == "text")
    result, kind, text = quiz.Quiz([q]).submit(qid, "Dok\udcffdo")
    assert result.counted and text and progress.answers()[-1]["answer"] == "Dok\ufffddo"


def test_a_pasted_essay_is_kept_but_cut() -> None:
    progress.record("01-q", "x" * 1_000_000, False)
    assert len(progress.answers()[0]["answer"]) == progress.MAX_STORED_CHARS


# --- exporting the results file: never over something the course did not write -----------------------------------


def test_export_never_replaces_a_file_that_is_not_a_results_file(tmp_path: Path) -> None:
    progress.record("01-q", 1, True)
    notebook = tmp_path / "01-the-story.ipynb"
    notebook.write_text('{"cells": []}')
    with pytest.raises(progress.ProgressError, match="not a results file of this course"):
        progress.export(notebook, name="Min-jun")
    assert notebook.read_text() == '{"cells": []}'
    first = progress.export(tmp_path / "mine.json", name="Min-jun")
    assert progress.export(first, name="Min-jun") == first  # its own earlier export is replaced


@pytest.mark.skipif(os.name != "posix", reason="/dev/null")
def test_export_to_a_link_to_a_device_is_refused(tmp_path: Path) -> None:
    progress.record("01-q", 1, True)
    (tmp_path / "null.json").symlink_to("/dev/null")
    with pytest.raises(progress.ProgressError, match="not an ordinary file") as info:
        progress.export(tmp_path / "null.json")
    assert "GSOMIA_PROGRESS" not in str(info.value)
    assert (tmp_path / "null.json").is_symlink() and stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_lock_name_taken_by_a_folder_is_a_sentence(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("GSOMIA_PROGRESS", str(tmp_path / "progress.json"))
    (tmp_path / "progress.json.lock").mkdir()
    with pytest.raises(progress.ProgressError, match="Rename or remove it"):
        progress.record("01-q", 1, True)
    assert (tmp_path / "progress.json.lock").is_dir()


def test_progress_through_a_link_to_a_regular_file_keeps_the_link(tmp_path: Path, monkeypatch) -> None:
    real = tmp_path / "elsewhere" / "real.json"
    real.parent.mkdir()
    (tmp_path / "progress.json").symlink_to(real)
    monkeypatch.setenv("GSOMIA_PROGRESS", str(tmp_path / "progress.json"))
    progress.record("01-q", 1, True)
    assert (tmp_path / "progress.json").is_symlink() and len(progress.answers(real)) == 1
