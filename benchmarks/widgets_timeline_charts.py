"""Measure how fast the timeline explorer and the series charts redraw, and how big their twins are.

Drives the live views' callbacks directly (setting widget values from Python, as a click would), 20 changes per
control, and prints the medians as JSON. The target is a median of at most 100 ms per change.

    .venv/bin/python benchmarks/widgets_timeline_charts.py            # the course data
    GSOMIA_DATA_DIR=/some/copy .venv/bin/python benchmarks/…          # another data folder
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TARGET_MS = 100.0
CHANGES = 20


def _timed(changes, shown=None) -> dict:
    """Time each change; `shown()` (optional) counts what is on screen afterwards, to prove the change did work."""
    times, counts = [], []
    for change in changes:
        start = time.perf_counter()
        change()
        times.append((time.perf_counter() - start) * 1000)
        if shown is not None:
            counts.append(shown())
    result = {
        "n": len(times),
        "median_ms": round(statistics.median(times), 1),
        "max_ms": round(max(times), 1),
        "ok": statistics.median(times) <= TARGET_MS,
    }
    if counts:
        result["median_rows_shown"] = statistics.median(counts)
    return result


def bench_timeline() -> dict:
    from lessons.components.timeline import TimelineExplorer

    start = time.perf_counter()
    explorer = TimelineExplorer()
    explorer.widget()  # first render: draws the whole timeline once and caches it
    first = time.perf_counter() - start
    cats = list(explorer._w_cats)
    actors = [value for _label, value in explorer._w_actor.options]
    lo, hi = explorer.year_range

    def toggle(k):
        box = explorer._w_cats[cats[k % len(cats)]]
        return lambda: setattr(box, "value", not box.value)

    def actor(k):
        return lambda: setattr(explorer._w_actor, "value", actors[(k + 1) % len(actors)])

    # Ranges that keep most events in view (a range with no events would only show a notice: too easy).
    starts = [y for y in (lo, 1945, 1965, 2012, 2016, 2018, 2019) if lo <= y <= hi] or [lo]
    ends = [y for y in (hi, 2019, 2020, 2023) if lo <= y <= hi] or [hi]

    def years(k):
        a, b = starts[k % len(starts)], ends[(k // len(starts)) % len(ends)]
        return lambda: setattr(explorer._w_years, "value", (min(a, b), max(a, b)))

    result = {"events": len(explorer.rows), "first_render_s": round(first, 2)}

    def shown():
        return len(explorer.selected())

    result["category_checkbox"] = _timed([toggle(k) for k in range(CHANGES)], shown)
    for box in explorer._w_cats.values():
        box.value = True
    result["actor_dropdown"] = _timed([actor(k) for k in range(CHANGES)], shown)
    explorer._w_actor.value = ()
    result["years_slider"] = _timed([years(k) for k in range(CHANGES)], shown)
    explorer.set_filters(categories=None, actor=None, years=None)
    result["twin_bytes"] = len(TimelineExplorer().twin_html().encode("utf-8"))
    return result


def bench_chart(make) -> dict:
    start = time.perf_counter()
    chart = make()
    chart.widget()
    first = time.perf_counter() - start
    periods = [p["period"] for p in chart.points]
    n = len(periods)
    half = n // 2

    def set_from(k):
        return lambda: setattr(chart._w_from, "value", periods[k % max(half, 1)])

    def set_to(k):
        return lambda: setattr(chart._w_to, "value", periods[half + k % max(n - half, 1)])

    result = {"series": chart.series_id, "periods": n, "first_render_s": round(first, 2)}
    result["from_dropdown"] = _timed([set_from(k) for k in range(CHANGES)])
    result["to_dropdown"] = _timed([set_to(k) for k in range(CHANGES)])
    result["twin_bytes"] = len(make().twin_html().encode("utf-8"))
    return result


def main() -> int:
    from lessons.components import charts

    report = {
        "machine": {"cpus": os.cpu_count(), "load_average_1min": round(os.getloadavg()[0], 2)},
        "target_median_ms": TARGET_MS,
        "timeline": bench_timeline(),
        "charts": [bench_chart(charts.visitors), bench_chart(charts.beer_imports)],
    }
    print(json.dumps(report, indent=2))
    medians = [
        v["median_ms"]
        for part in [report["timeline"], *report["charts"]]
        for v in part.values()
        if isinstance(v, dict) and "median_ms" in v
    ]
    return 0 if all(m <= TARGET_MS for m in medians) else 1


if __name__ == "__main__":
    raise SystemExit(main())
