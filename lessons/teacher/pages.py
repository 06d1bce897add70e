"""The teacher pages the site builder adds to its teacher section.

Answer key, role cards, memos, debrief and the browser gradebook.
"""

from __future__ import annotations

__all__ = ["site_pages"]


def site_pages() -> list[tuple[str, str, str]]:
    """The teacher kit's generated pages, then the browser gradebook, as ``(file name, title, HTML body)``."""
    from . import gradebook_page
    from .kit import site_pages as kit_pages

    return [*kit_pages(), (gradebook_page.FILENAME, gradebook_page.TITLE, gradebook_page.body_html())]
