"""The one reader of the data's source strings: ``'Outlet: title (YYYY-MM-DD) — URL'``.

Every cited source in ``data/`` (and the quiz banks' ``source`` texts) is written this way; the title and the date
are there when known, and only the seed article may be cited without a web address. :func:`parse_source` splits one
such string; the validator (:func:`lessons.data_checks.source_problem`), the citation links
(:func:`lessons._html.cite_html`) and the site's source list (:func:`lessons.site.datapages.split_source`) all
read sources through it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Citation", "URL", "parse_source"]

#: A web address at the start of a string (``URL.match``) or anywhere in it (``URL.search``).
URL = re.compile(r"https?://\S+")
_HEAD = re.compile(r"^(?P<outlet>[^:]+?):\s*(?P<title>.*?)\s*\((?P<date>\d{4}(?:-\d{2}){0,2})\)$")
_TRAILING_DATE = re.compile(r"\s*\((?:\d{4}(?:-\d{2}){0,2})\)\s*$")


class Citation(NamedTuple):
    """One source string, split. ``url`` is whatever follows the last ' — ' when it is one word (a web address or
    not: check with :data:`URL`); ``outlet``/``title``/``date`` are filled when the head reads
    'Outlet: title (date)' (``dated`` is then True); otherwise ``outlet`` is the head's text before its
    first colon (all of it if none) and ``title`` what follows the colon."""

    text: str  # the whole source, white space collapsed
    head: str  # everything before ' — URL' (the whole text when there is none)
    has_dash: bool  # a ' — ' separates head and tail
    url: str  # the word after the last ' — ', or ""
    outlet: str  # the name before the first colon, without a date in brackets after it
    title: str
    date: str  # YYYY, YYYY-MM or YYYY-MM-DD, or ""
    dated: bool  # the head is exactly 'Outlet: title (date)'


def parse_source(source: str) -> Citation:
    """Split a source string (see the module's docstring); never raises."""
    text = " ".join(str(source).split())
    head, sep, tail = text.rpartition(" — ")
    if not sep or " " in tail:  # no tail, or a tail of several words (not an address): all of it is the head
        head, tail = text, ""
    m = _HEAD.match(head)
    if m:
        return Citation(text, head, bool(sep), tail, m.group("outlet").strip(), m.group("title"), m.group("date"),
                        True)
    outlet, _, title = head.partition(":")
    date = _TRAILING_DATE.search(outlet)  # 'Outlet (2019-10-02) — URL': the date follows the outlet's name
    return Citation(text, head, bool(sep), tail, _TRAILING_DATE.sub("", outlet).strip(), title.strip(),
                    date.group(0).strip()[1:-1] if date else "", False)
