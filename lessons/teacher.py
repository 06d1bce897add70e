"""Teacher pages for the static site (the site build's teacher hook); see lessons.teacherkit."""

from .teacherkit import site_pages

__all__ = ["site_pages"]
