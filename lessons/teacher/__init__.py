"""Teacher tools: the answer key, the teacher kit (guide blocks, role-play pack) and the site's teacher pages."""

from __future__ import annotations

from typing import Any

__all__ = ["site_pages"]


def __getattr__(name: str) -> Any:
    if name == "site_pages":
        from .pages import site_pages

        return site_pages
    raise AttributeError(f"module 'lessons.teacher' has no attribute {name!r}")
