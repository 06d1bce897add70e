"""Progress: where the file lives, atomic writes that survive SIGKILL, corrupt files, scorecard and export."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
import warnings
from pathlib import Path

import pytest

from lessons import _html
from lessons.assessment import progress

ROOT = Path(__file__).resolve().parent.parent


# --- where the file lives ----------------------------------------------------------------------------------

def test_env_var_overrides(tmp_path, monkeypatch):
    monkeypatch.setenv("GSOMIA_PROGRESS", str(tmp_path / "x" / "mine.json"))
    assert progress.progress_path() == tmp_path / "x" / "mine.json"


@pytest.mark.parametrize("platform, env, expected", [
    ("linux", {"XDG_DATA_HOME": "/xdg"}, "/xdg/gsomia-lessons/progress.json"),
    ("linux", {}, "~/.local/share/gsomia-lessons/progress.json"),
    ("darwin", {}, "~/Library/Application Support/gsomia-lessons/progress.json"),
    ("win32", {"APPDATA": "/appdata"}, "/appdata/gsomia-lessons/progress.json"),
])
def test_platform_folders(monkeypatch, platform, env, expected):
    monkeypatch.delenv("GSOMIA_PROGRESS", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.delenv("APPDATA", raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    monkeypatch.setattr(sys, "platform", platform)
    assert progress.progress_path() == Path(os.path.expanduser(expected))


# --- recording ----------------------------------------------------------------------------------------------

def test_record_appends_and_numbers_attempts():
    progress.record("04-deadline-date", 1, False)
    progress.record("04-deadline-date", 0, True)
    progress.record("03-wto", "WTO", True, lesson="03")
    saved = progress.answers()
    assert [(a["question"], a["attempt"], a["correct"], a["lesson"]) for a in saved] == [
        ("04-deadline-date", 1, False, "04"), ("04-deadline-date", 2, True, "04"), ("03-wto", 1, True, "03")]
    doc = json.loads(progress.progress_path().read_text(encoding="utf-8"))
    assert doc["format"] == "gsomia-progress" and len(doc["answers"]) == 3


def test_progress_survives_a_new_process(tmp_path):
    """What one kernel recorded, the next one (a fresh interpreter) reads back."""
    path = tmp_path / "p.json"
    env = dict(os.environ, GSOMIA_PROGRESS=str(path))
    subprocess.run([sys.executable, "-c", "from lessons import progress; progress.record('02-roots-order', [1, 2], True)"],
                   env=env, check=True, cwd=ROOT)
    out = subprocess.run([sys.executable, "-c", "from lessons import progress; print(progress.answers()[0]['answer'])"],
                         env=env, check=True, cwd=ROOT, capture_output=True, text=True)
    assert out.stdout.strip() == "[1, 2]"


WRITER = textwrap.dedent("""
    import sys
    from lessons.assessment import progress
    i = 0
    while True:
        progress.record(f"01-q{i % 7}", "x" * (i % 50), i % 2 == 0)
        i += 1
        if i == 3:
            print("started", flush=True)
""")


def test_file_survives_sigkill_mid_write(tmp_path):
    """Kill a writer with SIGKILL at random moments, again and again: the file always loads, nothing shrinks."""
    if not hasattr(signal, "SIGKILL"):
        pytest.skip("no SIGKILL on this platform")
    path = tmp_path / "progress.json"
    env = dict(os.environ, GSOMIA_PROGRESS=str(path))
    rng = random.Random(7)
    count = 0
    for _ in range(12):
        proc = subprocess.Popen([sys.executable, "-c", WRITER], env=env, cwd=ROOT, stdout=subprocess.PIPE)
        assert proc.stdout.readline().strip() == b"started"
        time.sleep(rng.uniform(0.01, 0.25))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a corrupt file would warn: make that a failure
            doc = progress.load(path)
        assert len(doc["answers"]) >= count + 3
        count = len(doc["answers"])
    assert not list(tmp_path.glob("*.corrupt-*"))
    assert count > 36


# --- corrupt files ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("content", ['{"format": "gsomia-progress", "answers": [{"quest', "not json at all",
                                     '{"something": "else"}', "[1, 2, 3]"])
def test_corrupt_file_is_kept_aside_and_a_fresh_one_started(content):
    path = progress.progress_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    with pytest.warns(progress.ProgressWarning, match="nothing is lost"):
        entry = progress.record("01-q", 1, True)
    backups = list(path.parent.glob("progress.json.corrupt-*"))
    assert len(backups) == 1
    assert backups[0].read_text(encoding="utf-8") == content  # the old bytes are kept exactly
    assert progress.answers() == [entry]


def test_two_corruptions_keep_two_backups():
    path = progress.progress_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    for text in ("broken one", "broken two"):
        path.write_text(text, encoding="utf-8")
        with pytest.warns(progress.ProgressWarning):
            progress.load()
    kept = sorted(p.read_text() for p in path.parent.glob("progress.json.corrupt-*"))
    assert kept == ["broken one", "broken two"]


def test_empty_or_missing_file_means_no_answers_without_warning():
    path = progress.progress_path()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert progress.answers() == []
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("", encoding="utf-8")
        assert progress.answers() == []
    assert path.exists() and not list(path.parent.glob("*.corrupt-*"))


# --- scorecard ----------------------------------------------------------------------------------------------

def test_summary_with_no_answers_is_plain_and_deterministic():
    _html.reset_ids()
    first = progress.summary()
    html1 = first.twin_html()
    _html.reset_ids()
    html2 = progress.summary().twin_html()
    assert html1 == html2
    assert first.plain_text().startswith("No answers recorded yet.")
    assert "No answers recorded yet." in html1 and "<img" not in html1


def test_summary_counts_right_within_two_tries():
    progress.record("03-wto", "OMC", False)
    progress.record("03-wto", "WTO", True)          # right on the 2nd try: counts
    progress.record("03-boycott", [0], False)
    progress.record("03-boycott", [1], False)
    progress.record("03-boycott", [0, 1, 2], True)  # right on the 3rd try: does not count
    progress.record("04-tisa", 0, True)
    s = progress.summary()
    assert s.rows == [{"lesson": "03", "answered": 2, "correct": 1, "percent": 50},
                      {"lesson": "04", "answered": 1, "correct": 1, "percent": 100}]
    assert "Lesson 03: 1 of 2 right (50 %)" in s.plain_text()
    html = s.twin_html()
    assert "<table" in html and 'alt="Bar chart' in html and "lesson 03 50 percent" in html


# --- export -------------------------------------------------------------------------------------------------

def test_export_writes_the_results_format(tmp_path):
    progress.record("04-tisa", 0, True)
    progress.record("03-wto", "wto", True)
    out = progress.export(tmp_path / "r.json", name="Min-jun <b>", group="10B")
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["format"] == "gsomia-results" and doc["version"] == 1
    assert doc["name"] == "Min-jun <b>" and doc["group"] == "10B"
    assert set(doc) == {"format", "version", "name", "group", "exported", "course_version", "answers"}
    assert [a["question"] for a in doc["answers"]] == ["04-tisa", "03-wto"]
    assert set(doc["answers"][0]) >= {"question", "lesson", "answer", "attempt", "time"}
    assert doc["answers"][1]["answer"] == "wto"


def test_export_to_a_folder_names_the_file(tmp_path):
    out = progress.export(tmp_path, name="Ji-woo Park")
    assert out.parent == tmp_path and out.name == "gsomia-results-Ji-woo-Park.json"


def test_no_temp_files_left_behind():
    for i in range(5):
        progress.record(f"01-q{i}", i, True)
    folder = progress.progress_path().parent
    # the lock file writers share (empty) may stay; no temporary file does
    assert sorted(p.name for p in folder.iterdir() if p.name != "progress.json.lock") == ["progress.json"]
