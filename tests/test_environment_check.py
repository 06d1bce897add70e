"""`lessons.check_environment()`: OK on a working machine, a plain PROBLEM line naming the file when data breaks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import lessons
from lessons import data


def test_everything_is_ok_here() -> None:
    report = lessons.check_environment()
    bad = [c for c in report.checks if not c.ok]
    assert report.ok, f"environment check reports problems on the test machine: {bad}"
    assert "Everything is ready." in str(report) and "<table" in report._repr_html_()


def test_broken_data_is_reported_with_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "data"
    shutil.copytree(data.data_dir(), copy)
    timeline = copy / "timeline.csv"
    lines = timeline.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    lines[0] = ",".join(h if h != "date" else "when" for h in header)
    timeline.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv("GSOMIA_DATA_DIR", str(copy))
    report = lessons.check_environment()
    line = next(c for c in report.checks if c.part == "Course data")
    assert not line.ok and "timeline.csv" in line.advice
    assert "PROBLEM" in str(report)
