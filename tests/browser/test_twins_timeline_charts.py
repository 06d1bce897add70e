"""The timeline and chart twins in a real Chromium, opened from file:// with no network.

Each twin is written to a temporary HTML page; the test uses the page's own inline script the way a reader would
(tick boxes, choose from lists, type years, press keys) and checks that the page changed as the data says it
should. Every request is routed: anything that leaves file:// fails the test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

# The Chromium itself comes from the session fixture `browser` in tests/browser/conftest.py: Debian's
# /usr/bin/chromium, skipped when missing, and a failure instead of a skip when CI is set.


@pytest.fixture()
def data_rows(tmp_path, monkeypatch):
    from lessons import data

    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(FIXTURES / "timeline_small.csv", folder / "timeline.csv")
    shutil.copy(FIXTURES / "figures_small.csv", folder / "figures.csv")
    monkeypatch.setenv("GSOMIA_DATA_DIR", str(folder))
    return data.rows("timeline"), data.rows("figures")


@pytest.fixture()
def open_twin(browser, tmp_path):
    """open_twin(html) -> page, with every non-file:// request aborted and recorded."""
    contexts, leaks, errors = [], [], []

    def _open(twin_html: str):
        path = tmp_path / f"twin-{len(contexts)}.html"
        path.write_text(
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Twin</title></head>'
            f"<body>{twin_html}</body></html>",
            encoding="utf-8",
        )
        context = browser.new_context()
        contexts.append(context)

        def route(r):
            if r.request.url.startswith("file://"):
                r.continue_()
            else:
                leaks.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        return page

    yield _open
    for c in contexts:
        c.close()
    assert not leaks, f"the page tried to reach the network: {leaks}"
    assert not errors, f"script errors: {errors}"


def shown_rows(page) -> int:
    return page.locator("tr[data-gs-cat]:not([hidden])").count()


def count_text(page) -> str:
    return page.locator(".gs-tl-count").inner_text().strip()


def test_timeline_twin_filters(open_twin, data_rows):
    from lessons.components.timeline import TimelineExplorer

    rows = data_rows[0]
    m = len(rows)
    page = open_twin(TimelineExplorer(rows=rows).twin_html())
    assert page.locator(".gs-controls").is_visible()
    assert shown_rows(page) == m and count_text(page) == f"{m} of {m} events shown"

    page.uncheck('input[data-gs-cat="trade"]')
    expected = [r for r in rows if r["category"] != "trade"]
    assert shown_rows(page) == len(expected) < m
    assert count_text(page) == f"{len(expected)} of {m} events shown"

    page.select_option("select[data-gs-actor]", "Japan")
    expected = [r for r in expected if "Japan" in r["actors"]]
    assert shown_rows(page) == len(expected)

    page.fill("input[data-gs-from]", "2019")
    page.fill("input[data-gs-to]", "2019")
    expected = [r for r in expected if r["date"].startswith("2019")]
    assert shown_rows(page) == len(expected)
    assert count_text(page) == f"{len(expected)} of {m} events shown"

    # nothing left: a sentence, not an empty table
    for box in page.locator("input[data-gs-cat]").all():
        box.uncheck()
    assert shown_rows(page) == 0
    assert page.get_by_text("No events match these filters").is_visible()
    assert not page.locator("table").is_visible()

    # from the keyboard: Space on a focused checkbox brings a category back
    page.select_option("select[data-gs-actor]", "")
    page.fill("input[data-gs-from]", "1910")
    page.fill("input[data-gs-to]", "2024")
    page.focus('input[data-gs-cat="security"]')
    page.keyboard.press("Space")
    assert shown_rows(page) == sum(r["category"] == "security" for r in rows) > 0

    # impossible years: a visible notice
    page.fill("input[data-gs-from]", "2030")
    assert page.locator(".gs-tl-bad").is_visible()
    assert shown_rows(page) == 0


def shown_markers(page) -> int:
    return page.locator(".gs-tl-rows li:not([hidden]) .gs-tl-m").count()


@pytest.mark.parametrize("width", [1366, 390])
def test_timeline_picture_follows_the_filters(open_twin, data_rows, width):
    """Issue 16: "10 of 46 events shown" sat above a picture of all 46. Now the picture's markers are the
    filtered events, placed inside the track, with labels of at least 11 px, at desktop and phone widths."""
    from lessons.components.timeline import TimelineExplorer

    rows = data_rows[0]
    page = open_twin(TimelineExplorer(rows=rows, categories=["history", "diplomacy"], years=(1910, 2018)).twin_html())
    page.set_viewport_size({"width": width, "height": 800})
    page.wait_for_timeout(50)
    expected = [r for r in rows if r["category"] in ("history", "diplomacy") and r["date"][:4] <= "2018"]
    assert shown_markers(page) == shown_rows(page) == len(expected) > 0
    assert count_text(page) == f"{len(expected)} of {len(rows)} events shown"

    def marker_boxes():
        return page.evaluate("""() => [...document.querySelectorAll('.gs-tl-rows li:not([hidden])')].map(li => {
            const t = li.querySelector('.gs-tl-track').getBoundingClientRect(), m = li.querySelector('.gs-tl-m')
              .getBoundingClientRect();
            return [m.left - t.left, t.right - m.right, m.width]; })""")

    boxes = marker_boxes()
    assert all(left >= 0 and right >= 0 and w > 5 for left, right, w in boxes), "a marker is cut off"
    before = page.locator(".gs-tl-rows li:not([hidden]) .gs-tl-m").first.get_attribute("style")
    page.check('input[data-gs-cat="security"]')
    page.fill("input[data-gs-to]", "2024")
    expected = [r for r in rows if r["category"] in ("history", "diplomacy", "security")]
    assert shown_markers(page) == shown_rows(page) == len(expected)
    after = page.locator(".gs-tl-rows li:not([hidden]) .gs-tl-m").first.get_attribute("style")
    assert before != after, "the axis follows the chosen years"
    assert all(left >= 0 and right >= 0 for left, right, _ in marker_boxes())
    sizes = page.evaluate("""() => [...document.querySelectorAll('.gs-tl-tick, .gs-tl-rows li:not([hidden]) span, '
        + '.gs-tl-eras')].map(e => parseFloat(getComputedStyle(e).fontSize))""")
    assert min(sizes) >= 11, f"labels of {min(sizes)} px"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.uncheck('input[data-gs-cat="history"]')
    page.uncheck('input[data-gs-cat="diplomacy"]')
    page.uncheck('input[data-gs-cat="security"]')
    assert shown_markers(page) == 0 and not page.locator(".gs-tl-pic").is_visible()


def test_timeline_twin_escapes_data(open_twin, data_rows):
    from lessons.components.timeline import TimelineExplorer

    page = open_twin(TimelineExplorer(rows=data_rows[0]).twin_html())
    hostile = next(r for r in data_rows[0] if "<script>" in r["title"])
    # shown as text in the picture and in the table; the script never ran
    assert page.get_by_text(hostile["title"]).count() == 2
    assert page.evaluate("() => document.querySelectorAll('script').length") == 1


def test_chart_twin_readout(open_twin, data_rows):
    from lessons.components.charts import SeriesChart, change_text

    events, figures = data_rows
    chart = SeriesChart("test-visitors", rows=figures, events=events)
    page = open_twin(chart.twin_html())
    readout = page.locator(".gs-chart-readout")
    assert readout.inner_text() == chart.readout()
    periods = [p["period"] for p in chart.points]
    values = {r["period"]: r["value"] for r in figures if r["series_id"] == "test-visitors"}

    page.select_option("select[data-gs-from]", str(periods.index("2018-09")))
    page.select_option("select[data-gs-to]", str(periods.index("2019-07")))
    a, b = values["2018-09"], values["2019-07"]
    pct = (b - a) / a * 100
    assert readout.inner_text() == (
        f"From Sep 2018 to Jul 2019: {a:,.0f} → {b:,.0f} " f"({'−' if pct < 0 else '+'}{abs(pct):.1f} %)"
    )

    page.select_option("select[data-gs-from]", str(periods.index("2018-03")))
    assert readout.inner_text().startswith("No figure found for Mar 2018")

    # the page's script and change_text agree on every pair of periods
    got = page.evaluate("""() => {
      const f = document.querySelector('select[data-gs-from]'), t = document.querySelector('select[data-gs-to]');
      const out = [];
      for (let i = 0; i < f.options.length; i++) for (let j = 0; j < t.options.length; j++) {
        f.value = String(i); t.value = String(j);
        f.dispatchEvent(new Event('change')); t.dispatchEvent(new Event('change'));
        out.push(document.querySelector('.gs-chart-readout').textContent);
      }
      return out;
    }""")
    n = len(chart.points)
    assert got == [change_text(chart.points, i, j, chart.unit) for i in range(n) for j in range(n)]


def test_chart_twin_percentage_points(open_twin, data_rows):
    from lessons.components.charts import SeriesChart, change_text

    chart = SeriesChart("test-yoy", rows=data_rows[1], events=data_rows[0])
    page = open_twin(chart.twin_html())
    page.select_option("select[data-gs-from]", "0")
    page.select_option("select[data-gs-to]", "1")
    text = page.locator(".gs-chart-readout").inner_text()
    assert text.endswith("percentage points)") and text == change_text(chart.points, 0, 1, chart.unit)


def test_course_twins_work_offline(open_twin):
    from lessons import data
    from lessons.components import charts
    from lessons.components.charts import change_text
    from lessons.components.timeline import TimelineExplorer

    if not {"timeline", "figures"} <= set(data.available()):
        pytest.skip("the course data is not there yet")
    rows = data.rows("timeline")
    page = open_twin(TimelineExplorer().twin_html())
    assert shown_rows(page) == len(rows)
    page.uncheck('input[data-gs-cat="history"]')
    assert shown_rows(page) == sum(r["category"] != "history" for r in rows)
    assert shown_markers(page) == shown_rows(page)  # the picture follows the filter
    chart = charts.visitors()
    page = open_twin(chart.twin_html())
    assert page.locator(".gs-chart-readout").inner_text() == chart.readout()
    page.select_option("select[data-gs-from]", "0")
    assert page.locator(".gs-chart-readout").inner_text() == change_text(
        chart.points, 0, chart._end, chart.unit
    )
