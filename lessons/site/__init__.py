"""The static course site: every lesson executed fresh and rendered to self-contained, offline HTML.

``python -m lessons.site --out _build/html`` (or ``make html``) builds it. Each page carries its own CSS and
scripts inline, links only to relative files, and shows each component's kernel-free HTML twin instead of a
widget. See :func:`lessons.site.build.build_site`.
"""

from __future__ import annotations

__all__ = ["build_site", "BuildStats", "BuildError", "cli"]


def __getattr__(name: str):
    if name in __all__:
        from . import build

        return getattr(build, name)
    raise AttributeError(f"module 'lessons.site' has no attribute {name!r}")
