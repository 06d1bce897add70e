"""`python -m lessons`: the teacher's command line."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from lessons import data

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lessons", *args], capture_output=True, text=True, env=env, timeout=120)


def test_help_lists_commands() -> None:
    out = run("--help")
    assert out.returncode == 0
    for command in ("check", "validate", "gradebook", "hub-link", "html"):
        assert command in out.stdout


def test_unknown_command_is_a_plain_error() -> None:
    out = run("frobnicate")
    assert out.returncode == 2 and "Unknown command 'frobnicate'" in out.stderr and "validate" in out.stderr


def test_validate_passes_on_the_course_data() -> None:
    out = run("validate")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "All data valid." in out.stdout


def test_validate_names_a_broken_bank(tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(data.data_dir(), copy)
    bank = copy / "quizzes" / "01-the-story.json"
    doc = json.loads(bank.read_text(encoding="utf-8"))
    first = doc["questions"][0]
    del first["explanation"]
    bank.write_text(json.dumps(doc), encoding="utf-8")
    out = run("validate", env=dict(os.environ, GSOMIA_DATA_DIR=str(copy)))
    assert out.returncode == 1
    assert "01-the-story" in out.stdout and first["id"] in out.stdout and "explanation" in out.stdout


def test_check_prints_the_environment_table() -> None:
    out = run("check")
    assert "Python" in out.stdout and "Course data" in out.stdout
    assert out.returncode in (0, 1)
