"""Tests of lessons.timeline: the figure's layout, both renderings, the filters and the widget callbacks.

Expected values are computed from the fixture rows (tests/fixtures/timeline_small.csv, loaded through
lessons.data so the rows have the same types as the course's data), never copied from the code's output.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import itertools
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lessons import _html
from lessons.style import CATEGORY_STYLES

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[1]
SCRIPT_ALERT = "<script>alert(1)</script>"


@pytest.fixture()
def rows(tmp_path, monkeypatch):
    """The fixture timeline, loaded by lessons.data from a temporary data folder."""
    from lessons import data

    shutil.copy(FIXTURES / "timeline_small.csv", tmp_path / "timeline.csv")
    monkeypatch.setenv("GSOMIA_DATA_DIR", str(tmp_path))
    return data.rows("timeline")


@pytest.fixture()
def explorer(rows):
    from lessons.components.timeline import TimelineExplorer

    return TimelineExplorer(rows=rows)


def synthetic_rows(n: int) -> list[dict]:
    """n events from 1910 to 2024, crowded in 2019, with long titles, in every category."""
    cats = list(CATEGORY_STYLES)
    out = []
    for k in range(n):
        if k % 3 == 0:
            date = f"{1910 + (k * 7) % 110}-0{1 + k % 9}-1{k % 9}"
        else:
            date = (dt.date(2019, 1, 1) + dt.timedelta(days=(k * 5) % 365)).isoformat()
        out.append(
            {
                "id": f"event-{k}",
                "date": date,
                "precision": "day",
                "category": cats[k % len(cats)],
                "actors": ["Japan", "South Korea"][: 1 + k % 2],
                "title": f"Event {k}: a deliberately long title that goes on and on about what happened W{k}",
                "sources": [f"Example: source {k} (2019-01-01) — https://example.org/{k}"],
            }
        )
    return out


def table_rows(html_text: str) -> list[str]:
    body = html_text.split("<tbody>", 1)[1] if "<tbody>" in html_text else ""
    return re.findall(r"<tr[^>]*>.*?</tr>", body, flags=re.S)


def visible_text(html_text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", html_text))


# --------------------------------------------------------------------------------------------------------
# The figure
# --------------------------------------------------------------------------------------------------------


def test_labels_never_overlap_with_85_events():
    from matplotlib.figure import Figure

    from lessons.components.timeline import plot

    rows = synthetic_rows(85)
    fig = plot(rows)
    assert isinstance(fig, Figure)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    labels = [t for t in fig.texts if t.get_gid() == "gs-label"]
    assert len(labels) == 2 * len(rows)  # a date and a title per event: the check below can't pass on nothing
    boxes = [t.get_window_extent(renderer) for t in labels]
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), f"labels overlap: {a} and {b}"
    axes_left = fig.axes[0].get_window_extent(renderer).x0
    assert all(b.x1 < axes_left for b in boxes), "a label runs into the time axis"
    assert any(t.get_text().endswith("…") for t in labels), "long titles should be shortened to fit"


def test_axis_gives_2019_more_room_than_a_whole_decade():
    from lessons.components.timeline_draw import _Axis

    axis = _Axis(1910, 2024)
    spring_to_autumn_2019 = axis(dt.date(2019, 10, 1)) - axis(dt.date(2019, 4, 1))
    fifties = axis(dt.date(1960, 1, 1)) - axis(dt.date(1950, 1, 1))
    assert spring_to_autumn_2019 > fifties
    xs = [axis(dt.date(y, m, 1)) for y in range(1910, 2025) for m in (1, 7)]
    assert xs == sorted(xs) and 0 <= xs[0] and xs[-1] <= 1  # still in time order


def test_markers_use_category_colour_and_shape(rows):
    from matplotlib.colors import to_hex

    from lessons.components.timeline import plot

    fig = plot(rows)
    ax = fig.axes[0]
    counts = {c: sum(r["category"] == c for r in rows) for c in CATEGORY_STYLES}
    seen = {}
    for coll in ax.collections:
        if coll.get_offsets().shape[0] and len(coll.get_facecolors()):
            seen[to_hex(coll.get_facecolors()[0])] = coll.get_offsets().shape[0]
    for cat, n in counts.items():
        if n:
            assert seen.get(CATEGORY_STYLES[cat]["colour"].lower()) == n
    legend_labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend_labels == [c for c in CATEGORY_STYLES if counts[c]]


def test_fast_png_equals_full_drawing_and_has_one_row_per_event(explorer):
    import numpy as np
    from PIL import Image

    from lessons.components.timeline_draw import _BOTTOM, _ROW, _TOP, _quantize
    from lessons.components.timeline_draw import draw as _draw
    from lessons.style import DPI

    full = np.asarray(Image.open(io.BytesIO(explorer.png())))
    slow = np.asarray(_quantize(_draw(explorer.rows, explorer.year_range)))
    assert np.array_equal(full, slow)
    explorer.set_filters(categories=["security"])
    n = sum(r["category"] == "security" for r in explorer.rows)
    part = Image.open(io.BytesIO(explorer.png()))
    assert part.size[1] == round((_TOP + _BOTTOM + n * _ROW) * DPI)


def test_plot_rejects_bad_filters_with_a_sentence(rows):
    from lessons.components.timeline import plot

    with pytest.raises(ValueError, match="no category called 'weather'"):
        plot(rows, categories=["weather"])
    fig = plot(rows, categories=[])  # nothing selected: a message, not empty axes
    assert not fig.axes and "No events match" in fig.texts[0].get_text()
    fig = plot(rows, actor="United States")
    expected = [r for r in rows if "United States" in r["actors"]]
    assert len([t for t in fig.texts if t.get_gid() == "gs-label"]) == 2 * len(expected) > 0


# --------------------------------------------------------------------------------------------------------
# The twin
# --------------------------------------------------------------------------------------------------------


def test_twin_lists_every_event_with_its_sources(explorer, rows):
    page = explorer.twin_html()
    trs = table_rows(page)
    assert len(trs) == len(rows)
    for r in rows:
        assert _html.esc(r["title"]) in page
        for source in r["sources"]:
            url = source.rsplit(" — ", 1)[1]
            assert f'href="{_html.esc(url)}"' in page
    years = sorted(int(r["date"][:4]) for r in rows)
    assert f'value="{years[0]}"' in page and f'value="{years[-1]}"' in page
    assert f"{len(rows)} of {len(rows)} events shown" in page
    for cat in {r["category"] for r in rows}:
        assert f'data-gs-cat="{cat}"' in page
    for actor in {a for r in rows for a in r["actors"]}:
        assert f'<option value="{_html.esc(actor)}">' in page
    # the picture (one list item per event) and its label say how many events and which categories
    pic = re.search(r'<figure class="gs-tl-pic"[^>]*aria-label="([^"]*)"', page)
    assert pic and f"{len(rows)} events" in html.unescape(pic.group(1))
    assert page.count('<li data-gs-i="') == len(rows) and " hidden>" not in page.split("gs-tl-rows")[1][:200]
    assert "No events match these filters" in page  # present (hidden) for the script to show


def test_twin_is_self_contained(explorer):
    page = explorer.twin_html()
    assert "<script src" not in page.lower()
    for tag, _attr, value in re.findall(
        r"<(script|link|img|iframe)\b[^>]*?\b(src|href)=\"([^\"]*)\"", page, re.I
    ):
        assert value.startswith("data:"), f"{tag} loads {value}"
    assert not re.search(r"<(link|iframe)\b", page, re.I)
    assert "fetch(" not in page and "XMLHttpRequest" not in page


def test_text_from_data_is_escaped(explorer):
    page = explorer.twin_html()
    assert SCRIPT_ALERT not in page
    assert _html.esc(SCRIPT_ALERT) in page
    explorer.set_filters(categories=["society"])
    assert SCRIPT_ALERT not in explorer.table_html()
    assert _html.esc(SCRIPT_ALERT) in explorer.table_html()


def test_twin_is_deterministic(rows):
    from lessons.components import timeline, timeline_draw

    _html.reset_ids()
    first = timeline.TimelineExplorer(rows=rows).twin_html()
    timeline_draw._RASTER_CACHE.clear()  # draw the figure again rather than reuse the cached pixels
    _html.reset_ids()
    second = timeline.TimelineExplorer(rows=rows).twin_html()
    assert first == second


def test_twin_starts_from_the_initial_filters(rows):
    from lessons.components.timeline import TimelineExplorer

    page = TimelineExplorer(rows=rows, categories=["trade"]).twin_html()
    trade = sum(r["category"] == "trade" for r in rows)
    assert 'data-gs-cat="trade" checked' in page and 'data-gs-cat="history" checked' not in page
    assert f"{trade} of {len(rows)} events shown" in page
    items = re.findall(r'<li data-gs-i="\d+"[^>]*data-gs-cat="(\w+)"( hidden)?>', page)
    assert len(items) == len(rows)
    assert all((cat == "trade") != bool(hidden) for cat, hidden in items), "only the trade events are visible"


def test_twin_of_the_course_data_is_small_enough():
    from lessons import data
    from lessons.components.timeline import TimelineExplorer

    if "timeline" not in data.available():
        pytest.skip("data/timeline.csv is not there yet")
    page = TimelineExplorer().twin_html()
    assert len(page.encode("utf-8")) <= 300_000


def test_plain_text_is_friendly(explorer):
    text = explorer.plain_text()
    assert "timeline" in text.lower() and "Slider" not in text and "Widget" not in text
    assert repr(explorer) == text


# --------------------------------------------------------------------------------------------------------
# Filters and the live view
# --------------------------------------------------------------------------------------------------------


def test_choosing_trade_leaves_only_trade_rows(explorer, rows):
    view = explorer.widget()
    assert view is not None
    for cat, box in explorer._w_cats.items():
        box.value = cat == "trade"
    shown = table_rows(explorer._w_table.value)
    expected = [r for r in rows if r["category"] == "trade"]
    assert len(shown) == len(expected) > 0
    for tr, r in zip(shown, sorted(expected, key=lambda r: r["date"])):
        assert _html.esc(r["title"]) in tr and "trade" in tr
    assert f"{len(expected)} of {len(rows)} events shown" in explorer._w_status.value
    picture = explorer._w_figure.value
    assert 'class="gs-tl-pic"' in picture and "aria-label=" in picture
    assert picture.count("<li ") == len(expected), "the picture shows exactly the filtered events"


def test_actor_dropdown_filters_by_actor(explorer, rows):
    explorer.widget()
    explorer._w_actor.value = ("United States",)
    expected = [r for r in rows if "United States" in r["actors"]]
    shown = table_rows(explorer._w_table.value)
    assert len(shown) == len(expected) > 0
    explorer._w_actor.value = ()
    assert len(table_rows(explorer._w_table.value)) == len(rows)
    labels = [label for label, _ in explorer._w_actor.options]
    assert labels[0] == "All actors" and explorer._w_actor.description == "Actor"


def test_years_slider_filters_by_year(explorer, rows):
    explorer.widget()
    assert explorer._w_years.description == "Years"
    explorer._w_years.value = (2019, 2019)
    expected = [r for r in rows if r["date"].startswith("2019")]
    assert len(table_rows(explorer._w_table.value)) == len(expected) > 0


def test_years_outside_the_data_show_a_notice(explorer, rows):
    explorer.widget()
    before = explorer._w_years.value
    explorer.set_filters(years=(1800, 1850))
    assert "gs-notice" in explorer._w_status.value and "1800" in visible_text(explorer._w_status.value)
    assert "gs-tl-pic" not in explorer._w_figure.value and explorer.selected() == []
    assert explorer._w_years.value == before  # the controls keep the last valid choice
    explorer.set_filters(years=None)
    assert explorer.error is None and len(explorer.selected()) == len(rows)


@pytest.mark.parametrize(
    "kwargs, words",
    [
        ({"categories": ["weather"]}, "weather"),
        ({"actor": "Atlantis"}, "Atlantis"),
        ({"years": (2020, 2010)}, "comes after"),
        ({"years": "soon"}, "whole numbers"),
    ],
)
def test_invalid_input_is_a_notice_not_a_traceback(explorer, kwargs, words):
    explorer.widget()
    explorer.set_filters(**kwargs)
    assert explorer.error and words in explorer.error
    assert words in visible_text(explorer._w_status.value)
    assert 'role="alert"' in explorer._w_status.value
    assert words in visible_text(explorer.figure_html())


def test_nothing_matching_says_so(explorer, rows):
    explorer.widget()
    explorer.set_filters(categories=["society"], actor="United States")
    assert not [r for r in rows if r["category"] == "society" and "United States" in r["actors"]]
    assert "No events match these filters" in visible_text(explorer._w_figure.value)
    assert "No events match these filters" in visible_text(explorer._w_table.value)
    assert "gs-tl-pic" not in explorer._w_figure.value


def test_set_filters_updates_the_controls(explorer):
    explorer.widget()
    explorer.set_filters(categories=["security", "trade"], actor="Japan", years=(2016, 2020))
    assert {c for c, b in explorer._w_cats.items() if b.value} == {"security", "trade"}
    assert explorer._w_actor.value == ("Japan",)
    assert explorer._w_years.value == (2016, 2020)


def test_import_lessons_timeline_and_charts_stays_light(tmp_path):
    code = (
        "import sys, time; t=time.perf_counter(); import lessons, lessons.components.timeline, lessons.components.charts; "
        "d=time.perf_counter()-t; heavy=[m for m in ('matplotlib','numpy','pandas','ipywidgets','PIL') "
        "if m in sys.modules]; print(heavy, d)"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(ROOT), PYTHONPYCACHEPREFIX=str(tmp_path / "pycache"))
    times = []
    for _ in range(
        4
    ):  # the first run compiles the modules; a student's later imports use the cached bytecode
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, check=True
        ).stdout
        heavy, seconds = out.rsplit(" ", 1)
        assert heavy == "[]", f"importing lessons.timeline/charts loaded {heavy}"
        times.append(float(seconds))
    assert min(times[1:]) < 0.3
