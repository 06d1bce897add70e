"""The teacher pages the site builder adds to its teacher section (answer key, role cards, memos, debrief)."""

from __future__ import annotations

from .kit import site_pages

__all__ = ["site_pages"]
