"""The map, voices and information-flow twins in a real Chromium, opened from file:// with no network.

Each twin is written to its own HTML page. The tests use the controls as a reader would (select a launch, tick
a layer off, filter the voices, also from the keyboard) and check what becomes visible. Every request is
routed; any that would leave file:// fails the test.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from lessons.components.infoflow import InfoFlow
from lessons.components.regionmap import RegionMap
from lessons.components.voices import NO_MATCH, VoicesExplorer

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ROWS = json.loads((FIXTURES / "map_rows.json").read_text(encoding="utf-8"))
GEO = json.loads((FIXTURES / "map_geo.geojson").read_text(encoding="utf-8"))
VOICES = json.loads((FIXTURES / "voices_fixture.json").read_text(encoding="utf-8"))


def page_file(tmp_path: Path, name: str, body: str) -> str:
    path = tmp_path / f"{name}.html"
    path.write_text(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{name}</title></head>'
        f"<body><main>{body}</main></body></html>",
        encoding="utf-8",
    )
    return path.as_uri()


def open_twin(offline_page, tmp_path, name, body):
    page, log = offline_page
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(page_file(tmp_path, name, body))
    return page, log, errors


def assert_stayed_local(log, errors):
    assert log.external == [], f"requests left the machine: {log.external}"
    assert all(u.startswith(("file://", "data:")) for u in log.urls), log.urls
    assert errors == []


def test_map_twin_choose_launch_and_toggle_layers(offline_page, tmp_path):
    m = RegionMap(launches=ROWS["launches"], places=ROWS["places"], geo=GEO)
    page, log, errors = open_twin(offline_page, tmp_path, "map", m.twin_html())
    select = page.get_by_label("Launch", exact=True)
    assert select.is_visible()  # the script revealed the controls
    assert page.locator("table").count() == len(ROWS["launches"])
    assert not page.locator("table").first.is_visible()  # no launch chosen yet

    overlay = page.locator('svg g.gs-overlay[data-launch="fx-2019-07-25"]')
    ring = overlay.locator('g[data-layer="rings"] path')
    assert not ring.is_visible()
    select.select_option("fx-2019-07-25")
    assert ring.is_visible()
    table = page.locator('div[data-launch="fx-2019-07-25"] table')
    assert table.is_visible()
    assert "Seoul" in table.inner_text() and "Tokyo" in table.inner_text()
    desc = page.locator("svg desc").text_content()
    assert "near Wonsan on 25 Jul 2019" in desc and "600 km range ring" in desc
    assert "600 km range ring" in page.locator(".gs-map-summary").inner_text()

    select.select_option("fx-2019-10-02")
    assert not ring.is_visible() and not table.is_visible()
    other = page.locator('div[data-launch="fx-2019-10-02"] table')
    assert (
        other.is_visible()
        and "Approximate location" in page.locator('div[data-launch="fx-2019-10-02"]').inner_text()
    )
    other_ring = page.locator('svg g.gs-overlay[data-launch="fx-2019-10-02"] g[data-layer="rings"] path')
    assert other_ring.is_visible()

    select.select_option("")  # back to no launch: the summary says so again (its words are on the element)
    assert page.locator(".gs-map-summary").inner_text().startswith("No launch chosen.")
    assert not other.is_visible()
    select.select_option("fx-2019-10-02")

    page.get_by_label("Range rings").uncheck()
    assert not other_ring.is_visible()
    page.get_by_label("Range rings").check()
    assert other_ring.is_visible()

    countries = page.locator('svg g[data-layer="countries"]')
    assert countries.is_visible()
    page.get_by_label("Countries", exact=True).press("Space")  # from the keyboard
    assert not countries.is_visible()
    assert_stayed_local(log, errors)


def test_voices_twin_filters_and_counts(offline_page, tmp_path):
    v = VoicesExplorer(quotes=VOICES["quotes"], people=VOICES["people"])
    page, log, errors = open_twin(offline_page, tmp_path, "voices", v.twin_html())
    count = page.locator(".gs-count")
    start = count.inner_text()
    assert start == "5 quotes from 3 speakers"
    empty = page.get_by_text(NO_MATCH)
    assert not empty.is_visible()

    page.get_by_label("Country").select_option("United States")
    assert count.inner_text() == "1 quote from 1 speaker"
    assert page.locator("article:visible").count() == 1

    page.get_by_label("Country").select_option("")
    page.get_by_label("Perspective").select_option("Japanese government")
    assert count.inner_text() == "0 quotes from 0 speakers"
    assert empty.is_visible()
    assert page.locator(".gs-speakers article:visible").count() == 0

    page.get_by_label("Perspective").select_option("")
    assert count.inner_text() == start and not empty.is_visible()
    # keyboard: focus the country list and move down one option
    page.get_by_label("Country").focus()
    page.keyboard.press("ArrowDown")
    assert count.inner_text() != start
    link = page.locator("blockquote a").first
    assert re.fullmatch(r"#para-\d+", link.get_attribute("href"))
    assert_stayed_local(log, errors)


def test_infoflow_twin_shows_both_states(offline_page, tmp_path):
    f = InfoFlow(timeline=ROWS["timeline"])
    page, log, errors = open_twin(offline_page, tmp_path, "flow", f.twin_html())
    svgs = page.locator("svg[role=img]")
    assert svgs.count() == 2
    for i in range(2):
        assert svgs.nth(i).is_visible()
        box = svgs.nth(i).bounding_box()
        assert box and box["width"] > 150 and box["height"] > 100
    text = page.locator("section").inner_text()
    assert "23 Nov 2016" in text and "29 Dec 2014" in text
    assert_stayed_local(log, errors)


def test_real_data_twins_render_offline(offline_page, tmp_path):
    from lessons import data

    try:
        data.rows("launches"), data.rows("places"), data.geojson(), data.rows("timeline"), data.rows("people")
    except data.DataError as exc:
        pytest.skip(f"course data not available yet: {exc}")
    body = RegionMap().twin_html() + InfoFlow().twin_html() + VoicesExplorer().twin_html()
    page, log, errors = open_twin(offline_page, tmp_path, "all", body)
    select = page.get_by_label("Launch", exact=True)
    first = select.locator("option").nth(1).get_attribute("value")
    select.select_option(first)
    assert page.locator(f'div[data-launch="{first}"] table').is_visible()
    before = page.locator(".gs-voices .gs-count").inner_text()
    page.get_by_label("Perspective").select_option("Japanese government")
    assert page.locator(".gs-voices .gs-count").inner_text() != before
    assert_stayed_local(log, errors)
