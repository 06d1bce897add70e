"""The class view of the gradebook (issue 17, item 2, Python side): students × lessons against every question,
work files' decisions and memos, class.csv and work.html from `python -m lessons gradebook`."""

from __future__ import annotations

import csv
import io

from lessons import cli
from lessons.assessment import classbook
from lessons.assessment.banks import all_questions
from tests.classfiles import make_class


def test_students_by_lessons_against_every_question(tmp_path):
    qs = all_questions()
    make_class(tmp_path / "c", 6, qs, hostile=False)
    cb = classbook.build([tmp_path / "c"])
    s = classbook.summary(cb)
    totals = cb.totals()
    assert sum(totals.values()) == len(qs)
    for st in s["students"]:
        assert st["total"] == len(qs)
        assert sum(v[1] for v in st["lessons"].values()) == st["correct"]
        assert sum(v[0] for v in st["lessons"].values()) == st["answered"]
        assert all(v[2] == totals[n] for n, v in st["lessons"].items())
        assert st["percent"] == classbook.percent(st["correct"], len(qs))
    assert set(s["work"]) == {f"student-{i:03d}.json" for i in (0, 2, 4)}
    assert s["work"]["student-000.json"]["decision"]["choice"] == "suspend"


def test_percent_rounds_halves_up_the_same_everywhere():
    assert [classbook.percent(r, 8) for r in (0, 1, 3, 4, 8)] == [0, 13, 38, 50, 100]
    assert classbook.percent(1, 0) == 0


def test_cli_writes_class_csv_and_work_html_and_leaves_a_teachers_file(tmp_path, capsys):
    make_class(tmp_path / "c", 8, all_questions(), hostile=False)
    out = tmp_path / "out"
    assert cli.main(["gradebook", str(tmp_path / "c"), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Read 8 results file(s)" in printed and "class.csv" in printed
    rows = list(csv.DictReader(io.StringIO((out / "class.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == 8 and rows[0]["questions"] == str(len(all_questions()))
    assert any(r["name"].startswith("'=") for r in rows), "a formula-like name is neutralised"
    work = (out / "work.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;Keep&lt;/b&gt;" in work and "<b>Keep</b>" not in work
    # a teacher's own class.csv is never overwritten
    (out / "class.csv").write_text("my own marks\n", encoding="utf-8")
    assert cli.main(["gradebook", str(tmp_path / "c"), "--out", str(out)]) == 0
    assert "left untouched" in capsys.readouterr().out
    assert (out / "class.csv").read_text(encoding="utf-8") == "my own marks\n"
