"""Tests of lessons.charts: periods, the change readout, gaps, key dates, both renderings and the callbacks.

The fixture (tests/fixtures/figures_small.csv) is loaded through lessons.data. Expected numbers are worked out
here from the fixture values, independently of the code under test.
"""

from __future__ import annotations

import html
import itertools
import json
import re
import shutil
from pathlib import Path

import pytest

from lessons import _html

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture()
def data_rows(tmp_path, monkeypatch):
    from lessons import data

    shutil.copy(FIXTURES / "figures_small.csv", tmp_path / "figures.csv")
    shutil.copy(FIXTURES / "timeline_small.csv", tmp_path / "timeline.csv")
    monkeypatch.setenv("GSOMIA_DATA_DIR", str(tmp_path))
    return data.rows("figures"), data.rows("timeline")


@pytest.fixture()
def chart(data_rows):
    from lessons.components.charts import SeriesChart

    figures, events = data_rows
    return SeriesChart("test-visitors", rows=figures, events=events)


def monthly(figures, series="test-visitors"):
    """The fixture's monthly values by period (only rows present in the file)."""
    return {r["period"]: r["value"] for r in figures if r["series_id"] == series and len(r["period"]) == 7}


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def month_label(period: str) -> str:
    """'2018-08' -> 'Aug 2018'."""
    return f"{MONTHS[int(period[5:]) - 1]} {period[:4]}"


def expected_change(label_a, a, label_b, b):
    pct = (b - a) / a * 100
    sign = "−" if pct < 0 else "+"
    return f"From {label_a} to {label_b}: {a:,.0f} → {b:,.0f} ({sign}{abs(pct):.1f} %)"


def visible_text(html_text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", html_text))


def table_rows(html_text: str) -> list[str]:
    body = html_text.split("<tbody>", 1)[1] if "<tbody>" in html_text else ""
    return re.findall(r"<tr[^>]*>.*?</tr>", body, flags=re.S)


# --------------------------------------------------------------------------------------------------------
# Periods, numbers, readout
# --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, kind, label, months",
    [
        ("2018-08", "month", "Aug 2018", 1),
        ("2019", "year", "2019", 12),
        ("2019-Q3", "quarter", "Q3 2019", 3),
        ("2019-H1", "half", "H1 2019", 6),
        ("2019-07..12", "range", "Jul–Dec 2019", 6),
        ("2018-12..2019-02", "range", "Dec 2018–Feb 2019", 3),
    ],
)
def test_parse_period(text, kind, label, months):
    from lessons.components.charts import parse_period

    p = parse_period(text)
    assert (p.kind, p.label) == (kind, label)
    assert (p.end.year - p.start.year) * 12 + p.end.month - p.start.month == months


def test_parse_period_rejects_nonsense():
    from lessons.components.charts import parse_period

    with pytest.raises(ValueError, match="not a period"):
        parse_period("August 2019")


def test_default_readout_compares_first_and_last_values(chart, data_rows):
    values = monthly(data_rows[0])
    known = sorted(p for p, v in values.items() if v is not None)
    first, last = known[0], known[-1]
    assert chart.readout() == expected_change(
        month_label(first), values[first], month_label(last), values[last]
    )


def test_readout_aug_to_aug(chart, data_rows):
    values = monthly(data_rows[0])
    chart.set_periods(start="2018-08", end="2019-08")
    assert chart.readout() == expected_change("Aug 2018", values["2018-08"], "Aug 2019", values["2019-08"])


def test_readout_with_a_missing_end_is_a_sentence(chart):
    chart.set_periods(start="2018-03", end="2019-08")
    assert chart.readout().startswith("No figure found for Mar 2018")
    chart.set_periods(start="2018-08", end="2018-12")  # a month with no row at all is a gap too
    assert "No figure found for Dec 2018" in chart.readout()


def test_percent_series_reports_percentage_points(data_rows):
    from lessons.components.charts import SeriesChart

    figures, events = data_rows
    values = monthly(figures, "test-yoy")
    c = SeriesChart("test-yoy", rows=figures, events=events)
    diff = values["2019-09"] - values["2019-07"]
    assert c.readout().endswith(f"(−{abs(diff):.1f} percentage points)")
    assert "−7.6 %" in c.readout()


def test_zero_start_has_no_percent_change(data_rows):
    from lessons.components.charts import SeriesChart

    c = SeriesChart("test-zero", rows=data_rows[0], events=data_rows[1])
    assert "start value is zero" in c.readout()


def test_js_rounding_rule_matches_to_fixed():
    from lessons.components.periods import fixed1 as _fixed1

    # JavaScript's toFixed works on the exact binary value and takes the larger candidate on a tie: 0.25 (exact)
    # gives "0.3" where Python's format gives "0.2"; 0.15 is stored as 0.1499999… so both give "0.1".
    assert _fixed1(0.25) == "0.3" and _fixed1(0.15) == "0.1" and _fixed1(-2.25) == "2.3"


# --------------------------------------------------------------------------------------------------------
# Gaps, kinds of period, key dates
# --------------------------------------------------------------------------------------------------------


def test_gaps_stay_gaps(chart, data_rows):
    import numpy as np

    fig = chart.figure()
    line = fig.axes[0].lines[0]
    ys = np.asarray(line.get_ydata(), dtype=float)
    values = monthly(data_rows[0])
    # every month from the first to the last row is on the axis; months without a value are NaN (a break)
    first, last = min(values), max(values)
    n_months = (int(last[:4]) - int(first[:4])) * 12 + int(last[5:]) - int(first[5:]) + 1
    assert len(ys) == n_months
    n_known = sum(v is not None for v in values.values())
    assert int(np.sum(~np.isnan(ys))) == n_known
    assert sorted(ys[~np.isnan(ys)].tolist()) == sorted(v for v in values.values() if v is not None)
    notes = visible_text(chart.notes_html(0, len(chart.points) - 1))
    # one note for all the gaps (issue 16): Feb–Apr blank in the file, May–Jul absent; then Nov 2018–Jun 2019
    assert "No figure found for Feb–Jul 2018 and Nov 2018–Jun 2019 (hatched" in notes
    assert notes.count("No figure found") == 1


def test_other_kinds_of_period_are_left_out_and_said_so(chart):
    assert all(p["period_obj"].kind == "month" for p in chart.points)
    assert any("2019" in n and "Not drawn" in n for n in chart.notes)


def test_periods_argument(data_rows):
    from lessons.components.charts import SeriesChart

    figures, events = data_rows
    yearly = SeriesChart("test-visitors", rows=figures, events=events, periods="year")
    assert [p["period"] for p in yearly.points] == ["2019"]
    chosen = SeriesChart("test-visitors", rows=figures, events=events, periods=["2018-08", "2019-08"])
    assert [p["period"] for p in chosen.points] == ["2018-08", "2019-08"]
    bad = SeriesChart("test-visitors", rows=figures, events=events, periods="quarter")
    assert bad.error and "no quarterly figures" in bad.error


def test_key_dates_come_from_timeline_rows(chart, data_rows):
    events = {e["id"]: e for e in data_rows[1]}
    ann = {a["id"]: a for a in chart.annotations}
    assert set(ann) == {
        "export-controls-effective",
        "whitelist-removal-effective",
        "gsomia-termination-announced",
    }
    for event_id, a in ann.items():
        assert a["date"].isoformat() == events[event_id]["date"]
        month = events[event_id]["date"][:7]
        index = [p["period"] for p in chart.points].index(month)
        left, right = chart._edges(index, index)  # the period's slot on the axis (gaps are drawn narrow)
        assert left <= a["x"] < right
    # 22 Nov 2019 is after the series ends: not drawn; an id with no timeline row: not drawn either
    from lessons.components.charts import SeriesChart

    other = SeriesChart("test-visitors", rows=data_rows[0], events=data_rows[1], annotate=("no-such-event",))
    assert other.annotations == []


def test_key_date_labels_do_not_overlap(chart):
    fig = chart.figure()
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    labels = [a for a in fig.artists if a.get_gid() == "gs-annotation"]
    assert len(labels) == 2 * len(chart.annotations) >= 6
    boxes = [a.get_window_extent(renderer) for a in labels]
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b)
    fig_box = fig.bbox
    assert all(fig_box.x0 <= b.x0 and b.x1 <= fig_box.x1 for b in boxes)


def test_fast_png_matches_a_full_redraw(chart):
    import io

    import numpy as np
    from PIL import Image

    from lessons.components.timeline_draw import _quantize

    chart.set_periods(start="2018-08", end="2019-08")
    fast = np.asarray(Image.open(io.BytesIO(chart.png())))
    slow = np.asarray(_quantize(chart.figure()))
    # the blitted highlight may differ from a full redraw only in a few antialiased pixels
    assert fast.shape == slow.shape
    assert np.mean(fast != slow) < 0.002


# --------------------------------------------------------------------------------------------------------
# The twin
# --------------------------------------------------------------------------------------------------------


def test_twin_has_figure_table_readout_and_data(chart, data_rows):
    page = chart.twin_html()
    assert re.search(r'<img [^>]*src="data:image/png;base64,[^"]+" alt="Line chart of [^"]+"', page)
    assert (
        f'<p class="gs-chart-readout" role="status" aria-live="polite">{_html.esc(chart.readout())}</p>'
        in page
    )
    values = monthly(data_rows[0])
    payload = json.loads(re.search(r'<script type="application/json">(.*?)</script>', page, re.S).group(1))
    got = {p["l"]: p["v"] for p in payload["points"]}
    for period, v in values.items():
        assert got[month_label(period)] == v
    assert len(table_rows(page)) == len(payload["points"])
    for r in data_rows[0]:
        if r["series_id"] == "test-visitors" and len(r["period"]) == 7:
            for s in r["sources"] or []:
                assert f'href="{_html.esc(s.rsplit(" — ", 1)[1])}"' in page
    assert page.count("<option") == 2 * len(payload["points"])
    assert "<label for=" in page and ">From</label>" in page and ">To</label>" in page


def test_twin_is_self_contained_and_escaped(chart):
    page = chart.twin_html()
    assert "<script src" not in page.lower()
    for _tag, _attr, value in re.findall(
        r"<(script|link|img|iframe)\b[^>]*?\b(src|href)=\"([^\"]*)\"", page, re.I
    ):
        assert value.startswith("data:")
    assert "<script>alert(2)</script>" not in page and _html.esc("<script>alert(2)</script>") in page
    assert "<b>to</b>" not in page and "&lt;b&gt;to&lt;/b&gt;" in page


def test_twin_is_deterministic(data_rows):
    from lessons.components.charts import SeriesChart

    _html.reset_ids()
    a = SeriesChart("test-visitors", rows=data_rows[0], events=data_rows[1]).twin_html()
    _html.reset_ids()
    b = SeriesChart("test-visitors", rows=data_rows[0], events=data_rows[1]).twin_html()
    assert a == b


def test_unknown_series_is_a_notice(data_rows):
    from lessons.components.charts import SeriesChart

    c = SeriesChart("no-such-series", rows=data_rows[0], events=data_rows[1])
    assert "no-such-series" in visible_text(c.twin_html()) and "gs-notice" in c.twin_html()
    view = c.widget()
    assert "no-such-series" in visible_text(view.children[-1].value)


def test_course_charts_twins_are_small_enough():
    from lessons import data
    from lessons.components import charts

    if "figures" not in data.available():
        pytest.skip("data/figures.csv is not there yet")
    for make in (charts.visitors, charts.beer_imports):
        c = make()
        assert c.error is None
        assert len(c.twin_html().encode("utf-8")) <= 300_000


def test_course_charts_labels_do_not_overlap():
    from lessons import data
    from lessons.components import charts

    if not {"figures", "timeline"} <= set(data.available()):
        pytest.skip("the course data is not there yet")
    for make in (charts.visitors, charts.beer_imports):
        fig = make().figure()
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        for gid in ("gs-annotation", "gs-tick"):
            boxes = [a.get_window_extent(renderer) for a in fig.artists if a.get_gid() == gid]
            assert boxes, f"no {gid} labels drawn"
            for a, b in itertools.combinations(boxes, 2):
                assert not a.overlaps(b), f"{make.__name__}: {gid} labels overlap"


def test_visitors_compares_august_with_august():
    from lessons import data
    from lessons.components import charts

    if "figures" not in data.available():
        pytest.skip("data/figures.csv is not there yet")
    rows = {r["period"]: r["value"] for r in data.rows("figures") if r["series_id"] == "kr-visitors-to-japan"}
    c = charts.visitors()
    if rows.get("2018-08") is None or rows.get("2019-08") is None:
        pytest.skip("the data has no August figures")
    assert c.readout() == expected_change("Aug 2018", rows["2018-08"], "Aug 2019", rows["2019-08"])
    assert all(p["period_obj"].kind == "month" for p in c.points)


# --------------------------------------------------------------------------------------------------------
# The live view
# --------------------------------------------------------------------------------------------------------


def test_dropdowns_drive_the_readout(chart, data_rows):
    chart.widget()
    assert chart._w_from.description == "From" and chart._w_to.description == "To"
    values = monthly(data_rows[0])
    chart._w_from.value = "2018-09"
    chart._w_to.value = "2019-07"
    text = visible_text(chart._w_readout.value).strip()
    assert text == expected_change("Sep 2018", values["2018-09"], "Jul 2019", values["2019-07"])
    assert "Shaded: Sep 2018 to Jul 2019" in html.unescape(chart._w_figure.value)


def test_start_after_end_in_the_dropdowns_is_a_notice(chart):
    chart.widget()
    chart._w_to.value = "2018-09"
    chart._w_from.value = "2019-07"
    assert "comes after" in visible_text(chart._w_readout.value)
    assert "gs-notice" in chart._w_figure.value and "<img" not in chart._w_figure.value


def test_unknown_period_is_a_notice(chart):
    chart.widget()
    chart.set_periods(start="1999-01")
    assert "no period '1999-01'" in visible_text(chart._w_readout.value)
    chart.set_periods(start="2018-08", end="2019-08")
    assert chart.range_error is None and "<img" in chart._w_figure.value


def test_table_shows_value_unit_and_source(chart, data_rows):
    chart.widget()
    table = chart._w_table.value
    for r in data_rows[0]:
        if r["series_id"] == "test-visitors" and len(r["period"]) == 7 and r["value"] is not None:
            assert f"{r['value']:,.0f}" in table
    assert "persons" in table and "no figure" in table


def test_plain_text_is_friendly(chart):
    assert "chart" in chart.plain_text().lower() and "Dropdown" not in chart.plain_text()
    assert repr(chart) == chart.plain_text()



def test_gaps_are_drawn_narrow_and_labels_are_readable(chart):
    """Issue 16: charts were mostly hatched 'no figure' areas, with 8 px labels. A run of missing periods now
    shares one period's width, and tick and key-date labels are at least 10 px at the chart's own size."""
    from lessons.components import chart_layout as charts
    from lessons.style import DPI

    _lefts, widths = chart._slots()
    runs, i, n = [], 0, len(chart.points)
    while i < n:
        if chart.points[i]["value"] is None:
            j = i
            while j + 1 < n and chart.points[j + 1]["value"] is None:
                j += 1
            runs.append((i, j))
            i = j + 1
        else:
            i += 1
    assert runs, "the test chart has gaps"
    for i, j in runs:
        assert abs(sum(widths[i : j + 1]) - 1.0) < 1e-9  # a whole gap takes one period's width
    assert all(w == 1.0 for k, w in enumerate(widths) if chart.points[k]["value"] is not None)
    assert charts.TICK_PT / 72 * DPI >= 10 and charts.NOTE_PT / 72 * DPI >= 10
    phone = charts.PHONE
    shown = 340 / (phone["_figsize"][0] * DPI)  # a phone shows the phone drawing about 340 px wide
    assert min(phone["_tick_pt"], phone["_note_pt"]) / 72 * DPI * shown >= 11
    page = chart.twin_html()
    assert '<picture><source media="(max-width: 40em)" srcset="data:image/png;base64,' in page
