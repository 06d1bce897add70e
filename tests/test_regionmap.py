"""lessons.regionmap.RegionMap: both renderings, distances checked independently, escaping, bad input."""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import re
from pathlib import Path

import pytest

from lessons import _html
from lessons.components.regionmap import LAYERS, RegionMap

FIXTURES = Path(__file__).parent / "fixtures"
ROWS = json.loads((FIXTURES / "map_rows.json").read_text(encoding="utf-8"))
GEO = json.loads((FIXTURES / "map_geo.geojson").read_text(encoding="utf-8"))
R = 6371.0088
WEST, SOUTH, EAST, NORTH = 113.0, 29.0, 147.0, 49.0


def great_circle_km(lat1, lon1, lat2, lon2):
    """Spherical law of cosines (independent of the code's haversine)."""
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    c = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return R * math.acos(max(-1.0, min(1.0, c)))


def make(launch=None, **kw):
    return RegionMap(launch, launches=ROWS["launches"], places=ROWS["places"], geo=GEO, **kw)


def launch(id_):
    return next(r for r in ROWS["launches"] if r["id"] == id_)


def expected_places():
    return [p for p in ROWS["places"] if p["on_map"] and p["kind"] in ("capital", "city", "island")]


def table_rows(fragment):
    """(place, km shown, inside text) for each body row of the first table in `fragment`."""
    body = fragment.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    out = []
    for tr in re.findall(r"<tr>(.*?)</tr>", body):
        cells = [html.unescape(c) for c in re.findall(r"<td>(.*?)</td>", tr)]
        km = int(re.sub(r"[^\d]", "", cells[1]))
        out.append((cells[0], km, cells[2]))
    return out


def launch_fragment(twin, launch_id):
    """The HTML of the (table) div for one launch in the twin."""
    m = re.search(rf'<div data-launch="{re.escape(launch_id)}"( hidden)?>(.*?)</div>', twin, re.S)
    assert m, f"no table for {launch_id}"
    return m.group(1), m.group(2)


def assert_offline(markup):
    for tag in ("script", "link", "img", "iframe"):
        for m in re.finditer(rf"<{tag}\b[^>]*>", markup, re.I):
            assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", m.group(0), re.I), m.group(0)
    assert not re.search(r"<script[^>]*\ssrc\s*=", markup, re.I)
    assert "@import" not in markup and "url(http" not in markup


# --- the twin -------------------------------------------------------------------------------------------


def test_twin_has_one_svg_with_every_launch_overlay_and_only_the_chosen_one_visible():
    twin = make("fx-2019-07-25").twin_html()
    assert twin.count("<svg") == 1
    svg = twin.split("<svg", 1)[1].split("</svg>", 1)[0]
    groups = re.findall(r'<g (hidden )?class="gs-overlay" data-launch="([^"]+)"', svg)
    assert sorted(g[1] for g in groups) == sorted(r["id"] for r in ROWS["launches"])
    visible = [g[1] for g in groups if not g[0]]
    assert visible == ["fx-2019-07-25"]


def test_twin_controls_are_labelled():
    twin = make().twin_html()
    sel = re.search(r'<select id="([^"]+)" class="gs-launch-select">', twin)
    assert sel and f'<label for="{sel.group(1)}">Launch</label>' in twin
    for key, text in LAYERS.items():
        m = re.search(rf'<input type="checkbox" id="([^"]+)" data-layer-toggle="{key}"', twin)
        assert m and f'<label for="{m.group(1)}">{text}</label>' in twin
    for text in ("Countries", "Capitals and cities", "Islands", "2019 launch areas", "Range rings"):
        assert f">{text}</label>" in twin


def test_dropdown_label_follows_the_brief_format():
    twin = make().twin_html()
    row = launch("fx-2019-07-25")
    d = dt.date.fromisoformat(row["date"])
    expected = (
        f"{d.day} {d.strftime('%b')} {d.year} — {row['launch_area']} "
        f"({row['projectiles_n']} projectiles, ~{row['range_km']:.0f} km)"
    )
    assert expected == "25 Jul 2019 — near Wonsan (2 projectiles, ~600 km)"
    assert f">{html.escape(expected)}</option>" in twin
    assert "(1 projectile, ~450 km)" in twin  # singular


def test_distance_table_matches_an_independent_great_circle_computation():
    m = make("fx-2019-07-25")
    twin = m.twin_html()
    for row in ROWS["launches"]:
        hidden, fragment = launch_fragment(twin, row["id"])
        assert bool(hidden) == (row["id"] != "fx-2019-07-25")
        shown = table_rows(fragment)
        expected = {
            p["name"]: great_circle_km(row["latitude"], row["longitude"], p["latitude"], p["longitude"])
            for p in expected_places()
        }
        assert sorted(name for name, _, _ in shown) == sorted(expected)
        assert [name for name, _, _ in shown] == sorted(expected, key=expected.get)  # nearest first
        for name, km, inside in shown:
            assert abs(km - expected[name]) <= 5.01, (name, km, expected[name])
            assert km % 10 == 0
            assert inside.startswith("yes" if expected[name] <= row["range_km"] else "no"), (name, inside)


def test_distances_to_seoul_and_tokyo_from_wonsan_are_plausible():
    shown = {
        n: km
        for n, km, _ in table_rows(launch_fragment(make("fx-2019-07-25").twin_html(), "fx-2019-07-25")[1])
    }
    assert 150 <= shown["Seoul"] <= 220
    assert 1080 <= shown["Tokyo"] <= 1200


def test_places_not_on_the_map_or_not_cities_are_not_in_the_table():
    fragment = launch_fragment(make("fx-2019-07-25").twin_html(), "fx-2019-07-25")[1]
    names = [n for n, _, _ in table_rows(fragment)]
    assert "Nagoya" not in names and "Bangkok" not in names and "Wonsan" not in names
    assert "East Sea / Sea of Japan" not in names
    assert "Dokdo / Takeshima" in names


def test_approximate_location_is_said_honestly():
    twin = make("fx-2019-10-02").twin_html()
    fragment = launch_fragment(twin, "fx-2019-10-02")[1]
    assert "Approximate location" in fragment and "coordinate confidence: low" in fragment
    high = launch_fragment(twin, "fx-2019-07-25")[1]
    assert "Approximate location" not in high
    desc = re.search(r'data-desc="([^"]*)"', twin.split('value="fx-2019-10-02"')[1]).group(1)
    assert "(approximate location)" in html.unescape(desc)


def test_ring_is_geodesic_at_the_reported_range():
    m = make("fx-2019-07-25")
    svg = m.svg("fx-2019-07-25")
    d = re.search(r'<g data-layer="rings"><path d="([^"]+)"', svg).group(1)
    pts = [tuple(map(float, p.split())) for p in re.findall(r"[ML]([-\d.]+ [-\d.]+)", d)]
    assert len(pts) >= 100
    kx = math.cos(math.radians(39))
    scale = 640 / ((EAST - WEST) * kx)
    row = launch("fx-2019-07-25")
    for x, y in pts:
        lon = WEST + x / (kx * scale)
        lat = NORTH - y / scale
        # 0.1 px rounding is at most ~0.4 km at this scale
        assert great_circle_km(row["latitude"], row["longitude"], lat, lon) == pytest.approx(600, abs=1.0)


def test_alt_text_says_what_the_ring_reaches():
    m = make("fx-2019-07-25")
    desc = html.unescape(re.search(r"<desc[^>]*>(.*?)</desc>", m.twin_html()).group(1))
    row = launch("fx-2019-07-25")
    assert desc.startswith("Map of North-East Asia")
    assert "near Wonsan on 25 Jul 2019" in desc and "600 km range ring reaching" in desc
    reach, rest = desc.split("range ring reaching", 1)[1].split(";", 1)
    for p in expected_places():
        d = great_circle_km(row["latitude"], row["longitude"], p["latitude"], p["longitude"])
        assert p["name"] in (reach if d <= 600 else rest), p["name"]


def test_map_shows_neutral_names_and_credit():
    twin = make().twin_html()
    assert "Dokdo / Takeshima" in twin
    assert "East Sea / Sea of Japan" in twin
    assert "Made with Natural Earth" in twin
    assert 'role="img"' in twin and "<title" in twin and "<desc" in twin
    # the Korean and Japanese names travel as real text (tooltips)
    assert "독도 / 竹島" in twin


def test_every_country_is_one_path():
    svg = make().svg()
    countries = svg.split('data-layer="countries"', 1)[1].split("</g>", 1)[0]
    assert countries.count("<path") == len(GEO["features"])
    numbers = re.findall(r"\d+\.\d+", countries.split("<title>")[0])
    assert numbers and all(len(n.split(".")[1]) == 1 for n in numbers)


def test_data_text_is_escaped():
    twin = make("fx-2019-10-02").twin_html()
    assert "<script>alert(1)</script>" not in twin
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in twin
    assert "Osaka <b>" not in twin and "Osaka &lt;b&gt;" in twin


def test_twin_is_offline_deterministic_and_small():
    _html.reset_ids()
    a = make("fx-2019-07-25").twin_html()
    _html.reset_ids()
    b = make("fx-2019-07-25").twin_html()
    assert a == b
    assert_offline(a)
    assert len(a.encode("utf-8")) <= 300_000
    assert "uuid" not in a


def test_unknown_launch_shows_a_notice_not_a_traceback():
    m = make("no-such-launch")
    twin = m.twin_html()
    assert 'class="gs-notice' in twin and "no-such-launch" in twin and "Launch list" in twin
    assert not re.search(r'<g class="gs-overlay"', twin)  # every overlay stays hidden
    assert "Traceback" not in twin
    assert "no-such-launch" in m.render()


def test_unknown_layer_shows_a_notice():
    m = make(layers=("countries", "volcanoes"))
    assert "volcanoes" in m.twin_html() and "gs-notice" in m.twin_html()
    assert m.layers == ("countries",)


def test_hidden_layers_in_the_twin_start_hidden():
    twin = make("fx-2019-07-25", layers=("countries", "launches")).twin_html()
    assert '<g hidden data-layer="capitals">' in twin and '<g hidden data-layer="islands">' in twin
    assert '<g data-layer="countries"' in twin
    assert '<g data-layer="rings" hidden>' in twin
    assert not re.search(r'id="[^"]+-layer-rings"[^>]* checked', twin)


def test_plain_text_is_friendly():
    text = make().plain_text()
    assert "map" in text.lower() and "Dropdown(" not in text and "<" not in text
    assert repr(make()) == text


def test_missing_data_becomes_a_notice(monkeypatch, tmp_path):
    monkeypatch.setenv("GSOMIA_DATA_DIR", str(tmp_path))
    m = RegionMap()
    twin = m.twin_html()
    assert "gs-notice" in twin and "launches" in twin and "Traceback" not in twin


# --- the live view --------------------------------------------------------------------------------------


def test_widget_controls_are_labelled_and_choosing_a_launch_redraws():
    m = make()
    box = m.widget()
    assert m.dropdown.description == "Launch"
    assert [cb.description for cb in m.checkboxes.values()] == list(LAYERS.values())
    assert m.dropdown.options[0][1] is None
    assert "No launch chosen" in m.output.value and "<table" not in m.output.value
    m.dropdown.value = "fx-2019-07-25"
    out = m.output.value
    assert 'data-launch="fx-2019-07-25"' in out and 'data-layer="rings"' in out
    shown = {n: km for n, km, _ in table_rows(out)}
    row = launch("fx-2019-07-25")
    seoul = next(p for p in ROWS["places"] if p["id"] == "seoul")
    assert (
        abs(
            shown["Seoul"]
            - great_circle_km(row["latitude"], row["longitude"], seoul["latitude"], seoul["longitude"])
        )
        <= 5.01
    )
    m.dropdown.value = "fx-2019-05-04"
    out2 = m.output.value
    assert 'data-launch="fx-2019-05-04"' in out2 and 'data-launch="fx-2019-07-25"' not in out2
    assert box.children[-1] is m.output


def test_widget_layer_checkboxes_redraw():
    m = make("fx-2019-07-25")
    m.widget()
    assert 'data-layer="countries"' in m.output.value
    m.checkboxes["countries"].value = False
    assert 'data-layer="countries"' not in m.output.value
    m.checkboxes["rings"].value = False
    assert '<g data-layer="rings" hidden>' in m.output.value
    assert "range rings are hidden" in m.output.value
    m.checkboxes["rings"].value = True
    assert '<g data-layer="rings"><path' in m.output.value


def test_widget_starts_with_unknown_launch_notice_then_clears_it():
    m = make("nope")
    m.widget()
    assert "nope" in m.output.value and m.dropdown.value is None
    m.dropdown.value = "fx-2019-07-25"
    assert "nope" not in m.output.value


# --- the real data, when present ------------------------------------------------------------------------


def _real_or_skip():
    from lessons import data

    try:
        data.rows("launches"), data.rows("places"), data.geojson()
    except data.DataError as exc:
        pytest.skip(f"course data not available yet: {exc}")


def test_real_map_twin_is_complete_and_under_300_kb():
    _real_or_skip()
    from lessons import data

    launches = data.rows("launches")
    m = RegionMap(launches[0]["id"])
    twin = m.twin_html()
    assert not m.problems
    assert len(twin.encode("utf-8")) <= 300_000
    for r in launches:
        assert f'data-launch="{r["id"]}"' in twin
    for name in ("Seoul", "Tokyo", "Pyongyang", "Beijing", "Dokdo / Takeshima", "East Sea / Sea of Japan"):
        assert name in twin
    assert_offline(twin)


def test_importing_the_components_stays_light():
    import subprocess
    import sys

    code = (
        "import sys, lessons.geo, lessons.components.regionmap, lessons.components.infoflow, lessons.components.voices\n"
        "heavy = [m for m in ('ipywidgets', 'numpy', 'pandas', 'matplotlib') if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
