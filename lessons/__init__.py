"""Helpers for the GSOMIA teaching notebooks.

`lessons` backs a Jupyter course on the 2019 Japan–South Korea dispute over GSOMIA, the two countries'
military intelligence-sharing pact. It loads the course's sourced data by name, parses the seed article, and
provides interactive components (timeline, region map, charts, voices, information flow, quizzes) that each
have a live ipywidgets view for JupyterLab and a kernel-free HTML twin for the static site.

Importing the package has no side effects: it changes no settings, writes no files and opens no connections.
Heavy libraries are imported only when a function needs them. Call :func:`lessons.setup` to apply the course
style to matplotlib.

Typical use in a notebook::

    import lessons
    lessons.setup()
    timeline = lessons.data.load("timeline")
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# Submodules reachable as attributes (imported on first use, so `import lessons` stays light).
_SUBMODULES = (
    "article",
    "charts",
    "checks",
    "component",
    "course",
    "data",
    "decision",
    "environment",
    "gradebook",
    "infoflow",
    "progress",
    "quiz",
    "regionmap",
    "style",
    "timeline",
    "voices",
)

# Public functions and classes re-exported at the top level: name -> (module, attribute).
_EXPORTS = {
    "setup": ("style", "setup"),
    "check_environment": ("environment", "check_environment"),
    "check": ("checks", "check"),
}

__all__ = ["__version__", *sorted(_EXPORTS), *_SUBMODULES]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        module_name, attribute = _EXPORTS[name]
        value = getattr(importlib.import_module(f"{__name__}.{module_name}"), attribute)
    elif name in _SUBMODULES:
        value = importlib.import_module(f"{__name__}.{name}")
    else:
        raise AttributeError(f"module 'lessons' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
