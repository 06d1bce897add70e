"""What every lesson promises a teacher (issue: the full course, lessons 00–08).

- Lessons 01–07 have at least 600 words of teaching text, at least one live component whose widget view is in
  the saved outputs, and a quiz or graded activity; at least 7 lessons show a live widget.
- `make execute` is idempotent: executing a lesson afresh reproduces the committed file byte for byte.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from lessons import data
from lessons._nbrun import execute

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
WIDGET = "application/vnd.jupyter.widget-view+json"


def _nb(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _src(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def _words(nb: dict) -> int:
    text = " ".join(_src(c) for c in nb["cells"] if c["cell_type"] == "markdown")
    text = re.sub(r"\]\([^)]*\)|`[^`]*`|<[^>]+>|[|#*_>-]", " ", text)
    return len(re.findall(r"[A-Za-z][A-Za-z'’-]*", text))


def _has_widget(nb: dict) -> bool:
    return any(WIDGET in out.get("data", {}) for c in nb["cells"] if c["cell_type"] == "code" for out in c.get("outputs", []))


def _graded(nb: dict) -> bool:
    code = "\n".join(_src(c) for c in nb["cells"] if c["cell_type"] == "code")
    return bool(re.search(r"\bquiz\.(show|Quiz)\(|\bQuiz\(|\bcheck\(|DecisionRoom\(", code))


@pytest.mark.parametrize("path", [p for p in LESSONS if p.name[:2] in data.teaching_lessons()], ids=lambda p: p.name)
def test_teaching_lesson_has_text_component_and_grading(path: Path) -> None:
    nb = _nb(path)
    words = _words(nb)
    assert words >= 600, f"{path.name}: {words} words of teaching text; a lesson needs at least 600"
    assert _has_widget(nb), f"{path.name}: no live component (widget view) in the saved outputs"
    assert _graded(nb), f"{path.name}: needs a quiz or a graded activity (quiz.show, check, DecisionRoom)"


def test_at_least_seven_lessons_show_a_live_widget() -> None:
    with_widget = [p.name for p in LESSONS if _has_widget(_nb(p))]
    assert len(with_widget) >= 7, f"only {len(with_widget)} lessons show a live widget: {with_widget}"


def test_counting_can_fail() -> None:
    empty = {"cells": [{"cell_type": "markdown", "source": "# T\n\nShort text."},
                       {"cell_type": "code", "source": "x = 1", "outputs": [{"data": {"text/plain": "1"}}]}]}
    assert _words(empty) < 600 and not _has_widget(empty) and not _graded(empty)


@pytest.mark.slow
@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_make_execute_leaves_no_diff(path: Path) -> None:
    import nbformat

    fresh = nbformat.writes(execute(path)) + "\n"
    assert fresh == path.read_text(encoding="utf-8"), (
        f"{path.name}: executing it again changes the file. Run `make execute` and commit, or remove the source "
        "of the difference (time, random order, memory addresses)."
    )
