"""One reader of source strings (issue 12): lessons.citation.parse_source, used by the validator, the citation
links and the site's source list."""

from __future__ import annotations

import pytest

from lessons._html import cite_html
from lessons.citation import parse_source
from lessons.data_checks import source_problem
from lessons.site.datapages import split_source
from tests.pysource import method_call, package_nodes


def test_the_full_form():
    c = parse_source("Yonhap: Seoul  ends\nGSOMIA (2019-08-22) — https://en.yna.co.kr/view/A")
    assert (c.outlet, c.title, c.date, c.url, c.dated) == ("Yonhap", "Seoul ends GSOMIA", "2019-08-22",
                                                           "https://en.yna.co.kr/view/A", True)


@pytest.mark.parametrize("text, outlet, date, url", [
    ("Korea Herald (2012-02-24) — https://www.koreaherald.com/x", "Korea Herald", "2012-02-24",
     "https://www.koreaherald.com/x"),
    ("CSIS Missile Threat: North Korea Launches Missiles — https://missilethreat.csis.org/x", "CSIS Missile Threat",
     "", "https://missilethreat.csis.org/x"),
    ("Seed article: FocusWashington, summary", "Seed article", "", ""),
])
def test_shorter_forms(text, outlet, date, url):
    c = parse_source(text)
    assert (c.outlet, c.date, c.url) == (outlet, date, url)


def test_a_title_with_a_dash_is_one_title_everywhere():
    """The last ' — ' separates the address: a title may contain the dash (the validator once refused it)."""
    text = "Outlet: Japan — Korea talks (2019-11-22) — https://example.org/talks"
    c = parse_source(text)
    assert (c.title, c.url) == ("Japan — Korea talks", "https://example.org/talks")
    assert source_problem(text) is None
    assert split_source(text)["url"] == "https://example.org/talks"
    assert 'href="https://example.org/talks"' in cite_html(text) and "Outlet, 22 Nov 2019" in cite_html(text)


@pytest.mark.parametrize("text, says", [
    ("Outlet: title (2019)", "no web address"),
    ("Outlet: title — not an address", "no web address"),
    ("— https://example.org/x", "not a source"),
])
def test_what_is_not_a_source(text, says):
    assert says in (source_problem(text) or "")


def test_no_other_module_splits_sources_itself():
    """Only lessons/citation.py splits on the ' — ' of a source."""
    found = [where for where, node in package_nodes(skip=("citation.py",))
             if method_call(node, ("partition", "rpartition"), lambda v: v == " — ")]
    assert found == []
