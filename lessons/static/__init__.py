"""The course's scripts and style sheets as real files (``quiz.js``, ``quiz.css``, …), read with importlib.resources."""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = ["text"]


@cache
def text(name: str) -> str:
    """The contents of ``lessons/static/<name>`` (UTF-8)."""
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
