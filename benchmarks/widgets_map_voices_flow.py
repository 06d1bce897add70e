"""Redraw times and twin sizes of the region map, the voices explorer and the information-flow diagram.

Drives the live views' controls from Python (each change runs the real observer callbacks, as a click does in
JupyterLab), 20 changes per control, and prints the median redraw time per control in ms plus each twin's size
in bytes, as JSON. Targets: median redraw <= 100 ms, twin <= 300 KB.

    .venv/bin/python benchmarks/widgets_map_voices_flow.py            # course data (fixtures if missing)
    .venv/bin/python benchmarks/widgets_map_voices_flow.py --fixtures # the small test fixtures
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHANGES = 20
REDRAW_TARGET_MS = 100.0
TWIN_TARGET_BYTES = 300_000


def _timed(set_value, values) -> float:
    times = []
    for v in values:
        t0 = time.perf_counter()
        set_value(v)
        times.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(times), 3)


def _cycle(options, n=CHANGES):
    """n values from `options` such that consecutive values differ (so every set is a real change)."""
    options = list(options)
    return [options[(i + 1) % len(options)] for i in range(n)]


def build(use_fixtures: bool):
    from lessons.components.infoflow import InfoFlow
    from lessons.components.regionmap import RegionMap
    from lessons.components.voices import VoicesExplorer

    if not use_fixtures:
        try:
            from lessons import data

            data.rows("launches"), data.rows("places"), data.geojson(), data.rows("people")
            data.rows("timeline")
            return "course data", RegionMap(), VoicesExplorer(), InfoFlow()
        except Exception as exc:  # noqa: BLE001 - data not written yet
            print(f"course data not available ({exc}); using the test fixtures", file=sys.stderr)
    fx = ROOT / "tests" / "fixtures"
    rows = json.loads((fx / "map_rows.json").read_text(encoding="utf-8"))
    geo = json.loads((fx / "map_geo.geojson").read_text(encoding="utf-8"))
    voices = json.loads((fx / "voices_fixture.json").read_text(encoding="utf-8"))
    return (
        "fixtures",
        RegionMap(launches=rows["launches"], places=rows["places"], geo=geo),
        VoicesExplorer(quotes=voices["quotes"], people=voices["people"]),
        InfoFlow(timeline=rows["timeline"]),
    )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    source, regionmap, voices, flow = build("--fixtures" in argv)
    medians: dict[str, float] = {}

    t0 = time.perf_counter()
    regionmap.widget()
    first_ms = (time.perf_counter() - t0) * 1000
    launch_ids = [v for _, v in regionmap.dropdown.options if v is not None]
    medians["regionmap.Launch"] = _timed(
        lambda v: setattr(regionmap.dropdown, "value", v), _cycle(launch_ids + [None])
    )
    for cb in regionmap.checkboxes.values():
        medians[f"regionmap.{cb.description}"] = _timed(
            lambda v, cb=cb: setattr(cb, "value", v), _cycle([not cb.value, cb.value])
        )

    voices.widget()
    medians["voices.Country"] = _timed(
        lambda v: setattr(voices.country_dropdown, "value", v),
        _cycle([v for _, v in voices.country_dropdown.options]),
    )
    voices.country_dropdown.value = None
    medians["voices.Perspective"] = _timed(
        lambda v: setattr(voices.perspective_dropdown, "value", v),
        _cycle([v for _, v in voices.perspective_dropdown.options]),
    )

    flow.widget()
    medians["infoflow.Show"] = _timed(lambda v: setattr(flow.toggle, "value", v), _cycle(["without", "with"]))

    sizes = {
        "regionmap": len(regionmap.twin_html().encode("utf-8")),
        "voices": len(voices.twin_html().encode("utf-8")),
        "infoflow": len(flow.twin_html().encode("utf-8")),
    }
    result = {
        "source": source,
        "changes_per_control": CHANGES,
        "redraw_median_ms": medians,
        "regionmap_first_build_ms": round(first_ms, 1),
        "twin_bytes": sizes,
        "ok": all(v <= REDRAW_TARGET_MS for v in medians.values())
        and all(v <= TWIN_TARGET_BYTES for v in sizes.values()),
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
