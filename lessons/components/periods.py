"""Periods and numbers of ``data/figures.csv`` for the chart: parsing a period, formatting a value, the
change readout (mirrored by ``lessons/static/chart-change.js``) and notes on gaps. No heavy imports."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from typing import NamedTuple

from ..dates import MONTHS

__all__ = ["KIND_ORDER", "KIND_WORDS", "Period", "parse_period", "is_percent", "format_value", "fixed1", "signed",
           "change_text", "gap_notes"]

KIND_ORDER = ("month", "quarter", "half", "year", "range")
KIND_WORDS = {
    "month": "monthly",
    "quarter": "quarterly",
    "half": "half-yearly",
    "year": "yearly",
    "range": "multi-month",
}


class Period(NamedTuple):
    """A period of ``data/figures.csv``: its kind, first day, first day after it, and a label for people."""

    kind: str
    start: _dt.date
    end: _dt.date
    label: str


_PERIOD = re.compile(
    r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:\.\.(?:(?P<y2>\d{4})-)?(?P<m2>\d{2}))?|-Q(?P<q>[1-4])|-H(?P<h>[12])"
    r"|\.\.(?P<yend>\d{4}))?$"
)


def _month_after(year: int, month: int) -> _dt.date:
    return _dt.date(year + month // 12, month % 12 + 1, 1)


def parse_period(text: str) -> Period:
    """Parse 'YYYY', 'YYYY-MM', 'YYYY-Qn', 'YYYY-H1', 'YYYY-MM..MM', 'YYYY-MM..YYYY-MM' or 'YYYY..YYYY'."""
    m = _PERIOD.match(str(text))
    if not m:
        raise ValueError(f"{text!r} is not a period. Write YYYY, YYYY-MM, YYYY-Qn, YYYY-H1 or YYYY-MM..MM.")
    y = int(m["y"])
    if m["m"] and m["m2"]:
        m1, y2, m2 = int(m["m"]), int(m["y2"] or y), int(m["m2"])
        if y2 == y:
            label = f"{MONTHS[m1 - 1]}–{MONTHS[m2 - 1]} {y}"
        else:
            label = f"{MONTHS[m1 - 1]} {y}–{MONTHS[m2 - 1]} {y2}"
        return Period("range", _dt.date(y, m1, 1), _month_after(y2, m2), label)
    if m["m"]:
        mo = int(m["m"])
        return Period("month", _dt.date(y, mo, 1), _month_after(y, mo), f"{MONTHS[mo - 1]} {y}")
    if m["q"]:
        q = int(m["q"])
        return Period("quarter", _dt.date(y, 3 * q - 2, 1), _month_after(y, 3 * q), f"Q{q} {y}")
    if m["h"]:
        h = int(m["h"])
        return Period("half", _dt.date(y, 6 * h - 5, 1), _month_after(y, 6 * h), f"H{h} {y}")
    if m["yend"]:
        return Period("range", _dt.date(y, 1, 1), _dt.date(int(m["yend"]) + 1, 1, 1), f"{y}–{m['yend']}")
    return Period("year", _dt.date(y, 1, 1), _dt.date(y + 1, 1, 1), str(y))


def is_percent(unit: str | None) -> bool:
    u = (unit or "").strip().lower()
    return u.startswith("%") or "percent" in u or "per cent" in u


def format_value(value: float | None, unit: str | None = None) -> str:
    """A value as the course prints it: '620,900', '32.2 %', '−3.5 %'; 'no figure' when missing."""
    if value is None:
        return "no figure"
    if float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    text = text.replace("-", "−")
    return f"{text} %" if is_percent(unit) else text


def fixed1(x: float) -> str:
    """|x| to one decimal, rounding halves up on the exact binary value — the same as JavaScript's toFixed(1)."""
    from decimal import ROUND_HALF_UP, Decimal

    return str(Decimal(abs(x)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def signed(x: float) -> str:
    digits = fixed1(x)
    if digits == "0.0":
        return "0.0"
    return ("−" if x < 0 else "+") + digits


def change_text(points: Sequence[dict], i: int, j: int, unit: str | None = None) -> str:
    """The readout between points[i] and points[j]: values and percent change (or percentage points for
    series measured in %), or a plain sentence saying why there is none."""
    a, b = points[i], points[j]
    if i == j:
        return f"Choose two different periods to compare (both are {a['label']})."
    if i > j:
        return f"The start ({a['label']}) comes after the end ({b['label']}). Choose a start before the end."
    missing = [p["label"] for p in (a, b) if p["value"] is None]
    if missing:
        return (
            f"No figure found for {' or '.join(missing)}, so the change from {a['label']} to {b['label']} "
            f"can't be worked out."
        )
    va, vb = a["value"], b["value"]
    head = f"From {a['label']} to {b['label']}: {format_value(va, unit)} → {format_value(vb, unit)}"
    if is_percent(unit):
        return f"{head} ({signed(vb - va)} percentage points)"
    if va == 0:
        return f"{head} (no percent change: the start value is zero)"
    return f"{head} ({signed((vb - va) / va * 100)} %)"


# The same readout in JavaScript for the twin (kept in step with change_text by the browser test).


def _range_label(points: Sequence[dict]) -> str:
    """'Feb 2018', 'Feb–Jul 2018' or 'Dec 2018–Feb 2019' for a run of consecutive points."""
    first, last = points[0], points[-1]
    if first is last:
        return first["label"]
    p, q = first["period_obj"], last["period_obj"]
    if p.kind == "month" and q.kind == "month":
        if p.start.year == q.start.year:
            return f"{MONTHS[p.start.month - 1]}–{MONTHS[q.start.month - 1]} {q.start.year}"
    return f"{first['label']}–{last['label']}"


def gap_notes(points: Sequence[dict]) -> list[str]:
    """One sentence per run of missing values: 'No figure found for Feb–Jul 2018.'"""
    notes, run = [], []
    for p in list(points) + [None]:
        if p is not None and p["value"] is None:
            run.append(p)
            continue
        if run:
            notes.append(f"No figure found for {_range_label(run)}.")
            run = []
    return notes
