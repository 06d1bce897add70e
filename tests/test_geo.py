"""lessons.geo: distances, destinations, range rings and the map projection, checked independently."""

from __future__ import annotations

import math
import re

import pytest

from lessons import geo

R = 6371.0088


def vincenty_sphere_km(lat1, lon1, lat2, lon2):
    """Great-circle distance by the (spherical) Vincenty formula — a different route from haversine."""
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    num = math.hypot(
        math.cos(p2) * math.sin(dl), math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    )
    den = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return R * math.atan2(num, den)


PAIRS = [
    ((37.5665, 126.9780), (35.6762, 139.6503)),  # Seoul – Tokyo
    ((39.0392, 125.7625), (39.9042, 116.4074)),  # Pyongyang – Beijing
    ((35.1796, 129.0756), (34.4, 129.33)),  # Busan – Tsushima
    ((0.0, 0.0), (0.0, 90.0)),  # a quarter of the equator
    ((39.15, 127.44), (37.2417, 131.8647)),  # Wonsan – Dokdo / Takeshima
]


@pytest.mark.parametrize("a,b", PAIRS)
def test_haversine_matches_an_independent_formula(a, b):
    assert geo.haversine_km(*a, *b) == pytest.approx(vincenty_sphere_km(*a, *b), abs=1e-6)


def test_seoul_tokyo_is_about_1150_km():
    d = geo.haversine_km(37.5665, 126.9780, 35.6762, 139.6503)
    assert 1145 <= d <= 1165


def test_quarter_equator_is_a_quarter_of_the_circumference():
    assert geo.haversine_km(0, 0, 0, 90) == pytest.approx(2 * math.pi * R / 4, rel=1e-12)


def test_distance_is_symmetric_and_zero_to_itself():
    assert geo.haversine_km(37.5, 127.0, 35.7, 139.7) == pytest.approx(
        geo.haversine_km(35.7, 139.7, 37.5, 127.0)
    )
    assert geo.haversine_km(37.5, 127.0, 37.5, 127.0) == 0


def test_destination_one_degree_north():
    lat, lon = geo.destination(38.0, 127.0, 0, 2 * math.pi * R / 360)
    assert lat == pytest.approx(39.0, abs=1e-9)
    assert lon == pytest.approx(127.0, abs=1e-9)


def test_destination_due_east_on_the_equator():
    lat, lon = geo.destination(0.0, 100.0, 90, 2 * math.pi * R / 4)
    assert lat == pytest.approx(0.0, abs=1e-9)
    assert lon == pytest.approx(-170.0, abs=1e-9)  # 190°E wrapped to -180..180


@pytest.mark.parametrize("bearing", [0, 37, 90, 181, 270, 333])
@pytest.mark.parametrize("dist", [50, 600, 1500])
def test_destination_is_at_the_requested_distance(bearing, dist):
    lat, lon = geo.destination(39.15, 127.44, bearing, dist)
    assert vincenty_sphere_km(39.15, 127.44, lat, lon) == pytest.approx(dist, abs=1e-6)


def test_range_ring_points_are_all_at_the_radius_and_go_round():
    ring = geo.range_ring(39.15, 127.44, 600, n=120)
    assert len(ring) == 120
    for lat, lon in ring:
        assert vincenty_sphere_km(39.15, 127.44, lat, lon) == pytest.approx(600, abs=1e-6)
    # first point due north, the 31st due east (bearing 90°), the 61st due south
    assert ring[0][1] == pytest.approx(127.44, abs=1e-9) and ring[0][0] > 39.15
    assert ring[60][1] == pytest.approx(127.44, abs=1e-9) and ring[60][0] < 39.15
    assert ring[30][1] > 127.44 + 6  # 600 km east at 39°N is about 7° of longitude


@pytest.mark.parametrize("bad", [dict(n=2), dict(radius_km=0), dict(radius_km=-5)])
def test_range_ring_rejects_bad_input_with_a_sentence(bad):
    args = dict(lat=39.0, lon=127.0, radius_km=100, n=12) | bad
    with pytest.raises(ValueError, match=r"[A-Z].*\."):
        geo.range_ring(**args)


def test_bad_latitude_is_a_plain_error():
    with pytest.raises(ValueError, match="Latitude 95"):
        geo.haversine_km(95, 0, 0, 0)


def test_extent_matches_the_data_contract_and_includes_beijing():
    from lessons import data

    assert tuple(geo.EXTENT) == tuple(data.MAP_REGION)
    west, south, east, north = geo.EXTENT
    assert west <= 116.4 <= east and south <= 39.9 <= north


def test_projection_corners_and_aspect():
    proj = geo.Projection(width=640)
    west, south, east, north = geo.EXTENT
    assert proj.xy(north, west) == pytest.approx((0.0, 0.0))
    assert proj.xy(south, east) == pytest.approx((640.0, proj.height))
    expected_ratio = (east - west) * math.cos(math.radians(39)) / (north - south)
    assert 640 / proj.height == pytest.approx(expected_ratio)
    # one degree of latitude and one of longitude at 39°N have the ratio cos(39°)
    x0, y0 = proj.xy(39, 127)
    x1, _ = proj.xy(39, 128)
    _, y1 = proj.xy(40, 127)
    assert (x1 - x0) / (y0 - y1) == pytest.approx(math.cos(math.radians(39)))
    assert geo.project(39, 127) == pytest.approx((x0, y0))


def test_projection_rejects_an_inverted_extent():
    with pytest.raises(ValueError, match="west < east"):
        geo.Projection(extent=(147, 29, 113, 49))


def test_geometry_path_rounds_and_drops_repeats():
    proj = geo.Projection(width=640)
    square = {
        "type": "Polygon",
        "coordinates": [[[120, 40], [121, 40], [121, 40.000001], [121, 41], [120, 41], [120, 40]]],
    }
    d = geo.geometry_path(square, proj)
    assert d.startswith("M") and d.endswith("Z")
    numbers = re.findall(r"-?\d+(?:\.\d+)?", d)
    assert all(len(n.split(".")[1]) <= 1 for n in numbers if "." in n)
    assert d.count("L") == 4  # the near-duplicate corner is dropped after rounding
    multi = {"type": "MultiPolygon", "coordinates": [square["coordinates"], square["coordinates"]]}
    assert geo.geometry_path(multi, proj).count("M") == 2
    assert geo.geometry_path({"type": "Point", "coordinates": [120, 40]}, proj) == ""
