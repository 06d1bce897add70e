"""The points of a series chart: which rows of ``data/figures.csv`` are drawn, the periods with no row (gaps),
the key dates from timeline rows, and where each falls on the x axis. No heavy imports.

:mod:`lessons.components.charts` (the component) and :mod:`lessons.components.chart_draw` (its figure) build on
it. A point is a dict: ``period``, ``period_obj`` (:class:`~lessons.components.periods.Period`), ``label``,
``value`` (None for a gap), ``unit``, ``note``, ``sources``, ``confidence`` and ``row`` (False when the data has no
row for the period at all).
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from ..dates import MONTHS
from .chart_layout import shorten, slots
from .periods import KIND_ORDER, KIND_WORDS, parse_period

__all__ = ["DEFAULT_ANNOTATIONS", "SHORT_LABELS", "build_points", "fill_gaps", "key_dates", "centre", "edges",
           "x_of"]

#: Timeline ids marked on charts by default (only those inside the chart's range are drawn).
DEFAULT_ANNOTATIONS = (
    "export-controls-effective",
    "whitelist-removal-effective",
    "gsomia-termination-announced",
    "gsomia-suspension",
)

#: Short labels for the usual key dates (other ids use the timeline title).
SHORT_LABELS = {
    "export-controls-announced": "Export controls announced",
    "export-controls-effective": "Export controls",
    "boycott-begins": "Boycott begins",
    "whitelist-removal-effective": "White-list removal",
    "kr-whitelist-removal-effective": "Seoul's white-list removal",
    "gsomia-termination-announced": "GSOMIA end announced",
    "gsomia-suspension": "GSOMIA kept",
    "export-controls-lifted": "Controls lifted",
    "gsomia-normalized": "GSOMIA normalized",
}


def build_points(series_id: str, series_rows: list[dict], periods: Any) -> tuple[list[dict], str, list[str]]:
    """(points, unit, notes) of one series: the rows of the chosen periods in order, months or years with no
    row added as gaps, and a note on the rows left out. `periods` is None (the most common kind of period in
    the series), a kind ("month", "quarter", "half", "year", "range") or a list of period strings.

    Raises ValueError, with a sentence for people, when `periods` asks for something the series lacks.
    """
    notes: list[str] = []
    parsed = []
    for r in series_rows:
        parsed.append((parse_period(r["period"]), r))
    kinds = Counter(p.kind for p, _ in parsed)
    if periods is None:
        kind = max(KIND_ORDER, key=lambda k: (kinds.get(k, 0), -KIND_ORDER.index(k)))
        chosen = [(p, r) for p, r in parsed if p.kind == kind]
    elif isinstance(periods, str):
        if periods not in KIND_ORDER:
            raise ValueError(
                f"{periods!r} is not a kind of period. Use one of: {', '.join(KIND_ORDER)} — "
                f"or a list of periods."
            )
        kind = periods
        chosen = [(p, r) for p, r in parsed if p.kind == kind]
        if not chosen:
            have = ", ".join(KIND_WORDS[k] for k in KIND_ORDER if kinds.get(k))
            raise ValueError(
                f"The series {series_id!r} has no {KIND_WORDS[kind]} figures " f"(it has: {have})."
            )
    else:
        wanted = list(periods)
        by_period = {r["period"]: (p, r) for p, r in parsed}
        unknown = [w for w in wanted if w not in by_period]
        if unknown:
            raise ValueError(f"The series {series_id!r} has no row for the period {unknown[0]!r}.")
        chosen = [by_period[w] for w in wanted]
        kind = chosen[0][0].kind if len({p.kind for p, _ in chosen}) == 1 else "range"
    chosen.sort(key=lambda pr: (pr[0].start, pr[0].end))
    left_out = [r["period"] for p, r in parsed if all(r is not c for _, c in chosen)]
    if left_out:
        notes.append(
            f"Not drawn: {len(left_out)} figure(s) of this series for periods of another length "
            f"({', '.join(left_out)}); they are in the data but can't share an axis with "
            f"{KIND_WORDS.get(kind, 'these')} figures."
        )
    units = Counter(r.get("unit") for _, r in chosen)
    unit = units.most_common(1)[0][0] or ""
    points = []
    for p, r in chosen:
        points.append(
            {
                "period": r["period"],
                "period_obj": p,
                "label": p.label,
                "value": r.get("value"),
                "unit": r.get("unit") or unit,
                "note": r.get("note"),
                "sources": list(r.get("sources") or ()),
                "confidence": r.get("confidence"),
                "row": True,
            }
        )
    if (kind in ("month", "year") and periods is None) or periods in ("month", "year"):
        points = fill_gaps(points, kind, unit)
    return points, unit, notes


def fill_gaps(points: list[dict], kind: str, unit: str) -> list[dict]:
    """Add the months (or years) that have no row at all as missing values, so they show as gaps."""
    if not points:
        return points
    out = []
    for p in points:
        while out:
            nxt = out[-1]["period_obj"].end
            if nxt >= p["period_obj"].start:
                break
            text = f"{nxt.year}-{nxt.month:02d}" if kind == "month" else str(nxt.year)
            per = parse_period(text)
            out.append(
                {
                    "period": text,
                    "period_obj": per,
                    "label": per.label,
                    "value": None,
                    "unit": unit,
                    "note": "no row in the data for this period",
                    "sources": [],
                    "confidence": None,
                    "row": False,
                }
            )
        out.append(p)
    return out


def key_dates(ids: Iterable[str], events: list[dict], points: Sequence[dict]) -> list[dict]:
    """The key dates to mark: one dict (``id``, ``date``, ``when``, ``label``, ``x``) for each id that has a
    timeline row and falls inside the chart's periods, in the order of `ids`."""
    by_id = {e.get("id"): e for e in events}
    out = []
    for event_id in ids or ():
        event = by_id.get(event_id)
        if event is None:
            continue  # only dates backed by a timeline row are drawn
        parts = [int(x) for x in str(event["date"]).split("-")] + [1, 1]
        date = _dt.date(parts[0], parts[1], parts[2])
        prec = event.get("precision") or "day"
        when = (
            f"{date.day} {MONTHS[date.month - 1]} {date.year}"
            if prec == "day"
            else f"{MONTHS[date.month - 1]} {date.year}"
            if prec == "month"
            else str(date.year)
        )
        name = SHORT_LABELS.get(event_id) or shorten(str(event.get("title", event_id)), 26)
        out.append({"id": event_id, "date": date, "when": when, "label": name, "x": x_of(points, date)})
    return [a for a in out if a["x"] is not None]


# --- positions on the x axis (see :func:`lessons.components.chart_layout.slots`) --------------------------------


def centre(points: Sequence[dict], k: int) -> float:
    """The middle of period k on the x axis."""
    lefts, widths = slots(points)
    return lefts[k] + widths[k] / 2


def edges(points: Sequence[dict], i: int, j: int) -> tuple[float, float]:
    """Left edge of period i and right edge of period j on the x axis."""
    lefts, widths = slots(points)
    return lefts[i], lefts[j] + widths[j]


def x_of(points: Sequence[dict], date: _dt.date) -> float | None:
    """Position of a date on the x axis, or None when no period holds it."""
    lefts, widths = slots(points)
    for i, p in enumerate(points):
        per = p["period_obj"]
        if per.start <= date < per.end:
            return lefts[i] + widths[i] * (date - per.start).days / (per.end - per.start).days
    return None
