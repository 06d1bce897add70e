"""Confidence shown to students comes from the data, never typed by hand (issue 14; audit-prose §0).

The data audit raised several rows from medium to high; every "(medium)" typed into prose went stale at once. So
lesson prose may explain what the levels mean, but a level attached to a fact ("*medium* confidence", "(low)",
"confidence high") must be printed from the row by a code cell or a component.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LESSONS = [p for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")) if "01" <= p.name[:2] <= "08"]
TYPED = re.compile(
    r"\*?\b(high|medium|low)\b\*?\s+confidence"                                  # "*medium* confidence"
    r"|\(\s*(?:confidence\s*)?\*?(high|medium|low)\*?\s*(?:confidence)?\s*\)"   # "(medium)", "(confidence low)"
    r"|confidence\s+\*?(high|medium|low)\b",                                     # "confidence low"
    re.I)


def typed_levels(text: str) -> list[str]:
    return [m.group(0) for m in TYPED.finditer(text)]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_no_confidence_level_is_typed_in_prose(path: Path) -> None:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    found = [(i, hit) for i, c in enumerate(cells) if c["cell_type"] == "markdown"
             for hit in typed_levels("".join(c["source"]))]
    assert not found, f"{path.name}: confidence typed by hand (print it from the row instead): {found}"


def test_the_pattern_can_fail() -> None:
    assert typed_levels("the row has *medium* confidence: fewer sources")
    assert typed_levels("a Korean newspaper's count, 93.7% (medium)")
    assert typed_levels("his title is not verified (confidence *low*)")
    assert not typed_levels("each row has a **confidence**: *high* means at least one reliable source states it")
