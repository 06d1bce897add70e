"""One student's file never stops the gradebook for the whole class (issue 13, finding 2).

Built from the reproductions: a 200 KB numeric answer "aaa…a1", 200,000-deep nested JSON, a lone surrogate in a
name, a symlink to /dev/zero and a FIFO named *.json, a UTF-8 file with a byte-order mark, --out naming a file,
and the same student in two files. Each bad file is skipped with one line naming it and the reason; the rest of
the class is graded; the report is written within 60 s with all of them in the folder.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lessons.assessment import banks, gradebook, grading

ROOT = Path(__file__).resolve().parents[1]
POSIX = os.name == "posix"


def results_doc(name: str, answers: list[dict], group: str = "10A") -> dict:
    return {"format": "gsomia-results", "version": 1, "name": name, "group": group,
            "exported": "2026-03-02T09:30:00Z", "course_version": "0.1.0", "answers": answers}


def answer(qid: str, value) -> dict:
    return {"question": qid, "lesson": qid[:2], "answer": value, "attempt": 1, "time": "2026-03-02T09:00:00Z"}


def numeric_question() -> tuple[str, dict]:
    return next((qid, q) for qid, q in banks.all_questions().items() if q["type"] == "numeric")


def write_doc(path: Path, doc: dict, *, bom: bool = False) -> Path:
    data = json.dumps(doc, ensure_ascii=True).encode("utf-8")  # ensure_ascii: lone surrogates as \ud800
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def good_student(folder: Path, name: str, group: str = "10A", filename: str | None = None) -> Path:
    qid, q = numeric_question()
    return write_doc(folder / (filename or f"{name.lower()}.json"), results_doc(name, [answer(qid, q["answer"])],
                                                                                group))


def hostile_class(folder: Path) -> dict[str, str]:
    """Three ordinary students and every hostile file of the issue; returns file → what is expected."""
    folder.mkdir(parents=True, exist_ok=True)
    qid, q = numeric_question()
    expect = {}
    for name in ("Ana", "Bo", "Chen"):
        good_student(folder, name)
        expect[f"{name.lower()}.json"] = "graded"
    write_doc(folder / "long-number.json", results_doc("Dara", [answer(qid, "a" * 200_000 + "1"),
                                                                answer(qid, q["answer"])]))
    expect["long-number.json"] = "graded"  # the long answer is not marked; the right one is
    (folder / "deep.json").write_text("[" * 200_000 + "]" * 200_000)
    expect["deep.json"] = "skipped"
    write_doc(folder / "surrogate.json", results_doc("Eun\ud800ji", [answer(qid, "\ud800")], group="10\udfffB"))
    expect["surrogate.json"] = "graded"
    write_doc(folder / "bom.json", results_doc("Fumiko", [answer(qid, q["answer"])]), bom=True)
    expect["bom.json"] = "graded"
    (folder / "bigger.json").write_bytes(b" " * 2_000_000)
    expect["bigger.json"] = "skipped"
    (folder / "latin1.json").write_bytes(json.dumps(results_doc("Gé", [])).encode("utf-8").replace(b"G", b"\xe9"))
    expect["latin1.json"] = "skipped"
    (folder / "folder.json").mkdir()
    expect["folder.json"] = "skipped"
    many = results_doc("Hana", [answer(qid, "a" * 40 + "1")] * 6_000 + [answer(qid, q["answer"])])
    write_doc(folder / "many.json", many)
    expect["many.json"] = "graded"
    write_doc(folder / "dup-1.json", results_doc("Ito", [answer(qid, q["answer"])], group="10B"))
    write_doc(folder / "dup-2.json", results_doc(" ito ", [answer(qid, 0)], group="10b"))
    expect["dup-1.json"] = expect["dup-2.json"] = "graded"
    deep_answer = results_doc("Jae", [answer(qid, [[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]])])
    write_doc(folder / "deep-answer.json", deep_answer)
    expect["deep-answer.json"] = "skipped"
    write_doc(folder / "object-answer.json", results_doc("Kai", [answer(qid, {"x": 1}), "not an entry", 7]))
    expect["object-answer.json"] = "graded"
    write_doc(folder / "huge-int.json", results_doc("Lee", [answer(qid, 10 ** 200)]))
    expect["huge-int.json"] = "graded"
    if POSIX:
        (folder / "zero.json").symlink_to("/dev/zero")
        expect["zero.json"] = "skipped"
        os.mkfifo(folder / "pipe.json")
        expect["pipe.json"] = "skipped"
        (folder / "dangling.json").symlink_to(folder / "nowhere")
        expect["dangling.json"] = "skipped"
    return expect


def test_hostile_class_folder_is_graded_and_every_bad_file_named(tmp_path: Path) -> None:
    expect = hostile_class(tmp_path / "results")
    start = time.perf_counter()
    gb = gradebook.build([tmp_path / "results"])
    elapsed = time.perf_counter() - start
    assert elapsed < 60, f"{elapsed:.1f} s"
    skipped = dict(gb.skipped)
    graded = {s.file for s in gb.students}
    for name, what in expect.items():
        if what == "skipped":
            assert name in skipped and skipped[name], name
        else:
            assert name in graded, name
    assert len(gb.students) + len(gb.skipped) == len(expect)
    by_file = {s.file: s for s in gb.students}
    assert by_file["long-number.json"].too_long == 1 and by_file["long-number.json"].correct == 1
    assert by_file["bom.json"].correct == 1 and by_file["bom.json"].name == "Fumiko"
    assert by_file["surrogate.json"].name == "Eun\ufffdji" and by_file["surrogate.json"].group == "10\ufffdB"
    assert by_file["many.json"].too_long >= 4_000
    # reasons say what is wrong
    assert "deep" in skipped["deep.json"] and "1 MB" in skipped["bigger.json"]
    assert "UTF-8" in skipped["latin1.json"] and "folder" in skipped["folder.json"]
    if POSIX:
        assert "not an ordinary file" in skipped["zero.json"] and "not an ordinary file" in skipped["pipe.json"]
    # the same student twice is reported, not silently counted as two
    assert [sorted(files) for _, _, files in gb.duplicates] == [["dup-1.json", "dup-2.json"]]


@pytest.mark.slow
def test_cli_writes_the_class_report_within_60_seconds(tmp_path: Path) -> None:
    expect = hostile_class(tmp_path / "results")
    out = tmp_path / "out"
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "lessons", "gradebook", str(tmp_path / "results"), "--out", str(out)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    elapsed = time.perf_counter() - start
    assert elapsed < 60 and proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stdout.splitlines()
    for name, what in expect.items():
        if what == "skipped":
            assert sum(1 for line in lines if line.strip().startswith(f"Skipped {name}:")) == 1, name
    assert any(line.strip().startswith("Duplicate: Ito (10B) is in 2 files") for line in lines)
    rows = list(csv.DictReader((out / "gradebook.csv").open(encoding="utf-8")))
    assert len(rows) == sum(1 for w in expect.values() if w == "graded")
    assert any(r["name"] == "Eun\ufffdji" for r in rows)
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "The same student in more than one file" in report and "were not marked" in report


def test_lone_surrogate_never_leaves_an_empty_gradebook(tmp_path: Path) -> None:
    qid, q = numeric_question()
    f = write_doc(tmp_path / "s.json", results_doc("\ud800", [answer(qid, "\udcff" * 3)]))
    out = tmp_path / "out"
    assert gradebook.cli([str(f), "--out", str(out)]) == 0
    text = (out / "gradebook.csv").read_text(encoding="utf-8")
    assert text.startswith("name,group,file") and "\ufffd" in text
    assert (out / "gradebook.csv").stat().st_size > 0


def test_out_naming_a_file_is_a_sentence(tmp_path: Path, capsys) -> None:
    f = good_student(tmp_path, "Ana")
    target = tmp_path / "gradebook.csv.txt"
    target.write_text("mine")
    assert gradebook.cli([str(f), "--out", str(target)]) == 2
    out = capsys.readouterr().out
    assert "is a file, not a folder" in out and "--out" in out
    assert target.read_text() == "mine"


def test_files_the_gradebook_did_not_write_are_never_replaced(tmp_path: Path, capsys) -> None:
    f = good_student(tmp_path, "Ana")
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.html").write_text("<p>my own report</p>")
    assert gradebook.cli([str(f), "--out", str(out)]) == 2
    assert "was not written by the gradebook" in capsys.readouterr().out
    assert (out / "report.html").read_text() == "<p>my own report</p>"
    assert not (out / "gradebook.csv").exists()  # nothing half-written either
    # its own files from an earlier run are replaced
    (out / "report.html").unlink()
    assert gradebook.cli([str(f), "--out", str(out)]) == 0
    assert gradebook.cli([str(f), "--out", str(out)]) == 0


@pytest.mark.skipif(not POSIX, reason="symlinks and FIFOs")
def test_a_fifo_or_device_given_by_name_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    start = time.perf_counter()
    gb = gradebook.build([fifo, Path("/dev/zero"), Path("/dev/null")])
    assert time.perf_counter() - start < 5
    assert [name for name, _ in gb.skipped] == ["pipe.json", "zero", "null"]


def test_answers_too_long_never_reach_the_grader(tmp_path: Path, monkeypatch) -> None:
    qid, q = numeric_question()
    seen: list = []
    real = grading.grade

    def spy(question, value):
        seen.append(value)
        return real(question, value)

    monkeypatch.setattr(grading, "grade", spy)
    f = write_doc(tmp_path / "a.json", results_doc("A", [answer(qid, "9" * 150), answer(qid, ["x"] * 500),
                                                         answer(qid, "x" * 3000), answer(qid, q["answer"])]))
    gb = gradebook.build([f])
    assert seen == [q["answer"]]
    assert gb.students[0].too_long == 3
