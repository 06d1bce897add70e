"""One way to write dates (issue 12): lessons.dates, in English whatever the computer's locale."""

from __future__ import annotations

import ast
import datetime as dt
import re

import pytest

from lessons import dates
from lessons._html import cite_html
from tests.pysource import method_call, package_nodes


@pytest.mark.parametrize("iso, shown", [("2019-08-22", "22 Aug 2019"), ("2019-07", "Jul 2019"), ("2019", "2019"),
                                        ("2019-13-01", "2019-13-01"), ("", ""), (None, "")])
def test_fmt_date(iso, shown):
    assert dates.fmt_date(iso) == shown


def test_long_and_short_forms():
    d = dt.date(2019, 8, 22)
    assert dates.fmt_long(d) == "22 August 2019"
    assert dates.fmt_long(d, weekday=True) == "Thursday 22 August 2019"
    assert dates.fmt_long(dt.date(2019, 11, 23), year=False) == "23 November"
    assert dates.fmt_short(dt.date(2019, 7, 5), year=False) == "5 Jul"
    # every day of a year agrees with an independent count (1 Jan 2019 was a Tuesday)
    for n in range(365):
        day = dt.date(2019, 1, 1) + dt.timedelta(days=n)
        assert dates.fmt_long(day, weekday=True).split()[0] == dates.WEEKDAYS[(1 + n) % 7]


def test_citations_use_the_course_date_form():
    html = cite_html("Yonhap: Seoul ends pact (2019-08-22) — https://example.org/a")
    assert "Yonhap, 22 Aug 2019" in html


def test_no_module_writes_month_or_day_names_its_own_way():
    """Month and weekday names come from lessons.dates: no strftime with a name (it follows the locale), no
    second table of month names."""
    wrong = []
    for where, node in package_nodes(skip=("dates.py",)):
        if method_call(node, ("strftime",), lambda v: bool(re.search(r"%[aAbBcx]", str(v)))):
            wrong.append(f"{where}: a locale-dependent date format")
        if isinstance(node, (ast.Tuple, ast.List)) and len(node.elts) == 12 and all(
                isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
            if [e.value[:3].lower() for e in node.elts][:3] == ["jan", "feb", "mar"]:
                wrong.append(f"{where}: a second table of month names")
    assert wrong == []
