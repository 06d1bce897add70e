"""The course's scripts and style sheets as real files (``quiz.js``, ``quiz.css``, …), read with importlib.resources."""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = ["filled", "script", "text"]


@cache
def text(name: str) -> str:
    """The contents of ``lessons/static/<name>`` (UTF-8)."""
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def _without_opening_comment(source: str) -> str:
    """`source` without a ``/* … */`` or ``<!-- … -->`` comment at its start (the file's note to its readers)."""
    for opening, closing in (("/*", "*/"), ("<!--", "-->")):
        if source.lstrip().startswith(opening):
            return source.split(closing, 1)[1].lstrip("\n")
    return source


def script(name: str) -> str:
    """A twin's script ``lessons/static/<name>`` on one line, without its opening comment.

    The course's twin scripts end every statement with ``;`` or ``}``, so joining the stripped lines keeps them valid.
    """
    return "".join(line.strip() for line in _without_opening_comment(text(name)).strip().splitlines())


def filled(name: str, **values: str) -> str:
    """``lessons/static/<name>`` without its opening comment, with ``$key`` replaced by ``values[key]``.

    For style sheets in the course's colours (:mod:`lessons.style`) and page bodies (``*.html``) with data put in.
    A missing value raises KeyError; ``$$`` is a dollar sign. Values go in as given: escape them for where they go.
    """
    from string import Template

    return Template(_without_opening_comment(text(name))).substitute(values)
