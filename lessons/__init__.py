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
    from lessons import TimelineExplorer, data, quiz
    lessons.setup()
    timeline = data.load("timeline")
    TimelineExplorer()

The package is layered (see docs/architecture.md): base modules (data, geo, style, component, _html, course, …),
then ``assessment/`` and ``components/``, then ``teacher/``, ``site/`` and ``cli``.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# Short, stable names for notebooks. Each is imported on first use, so `import lessons` stays light.
# Modules: name -> full module path.
_SUBMODULES = {
    "article": "lessons.article",
    "component": "lessons.component",
    "course": "lessons.course",
    "data": "lessons.data",
    "environment": "lessons.environment",
    "geo": "lessons.geo",
    "style": "lessons.style",
    "charts": "lessons.components.charts",
    "decision": "lessons.components.decision",
    "infoflow": "lessons.components.infoflow",
    "reader": "lessons.components.reader",
    "regionmap": "lessons.components.regionmap",
    "timeline": "lessons.components.timeline",
    "voices": "lessons.components.voices",
    "checks": "lessons.assessment.checks",
    "gradebook": "lessons.assessment.gradebook",
    "progress": "lessons.assessment.progress",
    "quiz": "lessons.assessment.quiz",
}

# Functions and classes: name -> (module path, attribute).
_EXPORTS = {
    "setup": ("lessons.style", "setup"),
    "check_environment": ("lessons.environment", "check_environment"),
    "check": ("lessons.assessment.checks", "check"),
    "lesson_map": ("lessons.course", "lesson_map"),
    "ArticleReader": ("lessons.components.reader", "ArticleReader"),
    "TimelineExplorer": ("lessons.components.timeline", "TimelineExplorer"),
    "SeriesChart": ("lessons.components.charts", "SeriesChart"),
    "visitors": ("lessons.components.charts", "visitors"),
    "beer_imports": ("lessons.components.charts", "beer_imports"),
    "RegionMap": ("lessons.components.regionmap", "RegionMap"),
    "InfoFlow": ("lessons.components.infoflow", "InfoFlow"),
    "VoicesExplorer": ("lessons.components.voices", "VoicesExplorer"),
    "DecisionRoom": ("lessons.components.decision", "DecisionRoom"),
    "SourceAnalysis": ("lessons.components.documents", "SourceAnalysis"),
    "Quiz": ("lessons.assessment.quiz", "Quiz"),
}

__all__ = ["__version__", *sorted(_EXPORTS), *sorted(_SUBMODULES)]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        module_name, attribute = _EXPORTS[name]
        value = getattr(importlib.import_module(module_name), attribute)
    elif name in _SUBMODULES:
        value = importlib.import_module(_SUBMODULES[name])
    else:
        raise AttributeError(f"module 'lessons' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
