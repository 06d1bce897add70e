"""Geography for the region map: great-circle distances, range rings and a projection to SVG coordinates.

Pure Python (the :mod:`math` module only), so importing it is instant and every result is deterministic.
The Earth is taken as a sphere of mean radius 6,371.0088 km; against the WGS84 ellipsoid that is off by at
most about 2.5 km at 1,000 km, far less than the uncertainty of a reported launch area.

Typical use::

    from lessons import geo
    geo.haversine_km(37.5665, 126.9780, 35.6762, 139.6503)   # Seoul–Tokyo, about 1,150 km
    ring = geo.range_ring(39.15, 127.45, 600)                 # 120 (lat, lon) points 600 km from Wonsan
    proj = geo.Projection()                                   # North-East Asia, 640 px wide
    proj.xy(37.5665, 126.9780)                                # Seoul in SVG pixels
"""

from __future__ import annotations

import math
from typing import Any, Iterable, Sequence

__all__ = [
    "EARTH_RADIUS_KM",
    "EXTENT",
    "haversine_km",
    "destination",
    "range_ring",
    "Projection",
    "project",
    "geometry_path",
]

#: Mean Earth radius (IUGG), in km.
EARTH_RADIUS_KM = 6371.0088

#: The map's extent (west, south, east, north) in degrees; it includes Beijing (116.4°E). Same as
#: ``lessons.data.MAP_REGION``.
EXTENT = (113.0, 29.0, 147.0, 49.0)

#: The latitude whose cosine scales x, so shapes look right in the middle of the map.
STANDARD_PARALLEL = 39.0


def _check_lat_lon(lat: float, lon: float) -> None:
    if not (isinstance(lat, (int, float)) and isinstance(lon, (int, float))):
        raise ValueError(f"A position needs a latitude and a longitude as numbers; got {lat!r}, {lon!r}.")
    if not -90.0 <= lat <= 90.0:
        raise ValueError(f"Latitude {lat} is outside -90 to 90 degrees.")
    if not -180.0 <= lon <= 360.0:
        raise ValueError(f"Longitude {lon} is outside -180 to 360 degrees.")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in degrees (spherical Earth)."""
    _check_lat_lon(lat1, lon1)
    _check_lat_lon(lat2, lon2)
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def destination(lat: float, lon: float, bearing: float, distance_km: float) -> tuple[float, float]:
    """The point reached from (lat, lon) going `distance_km` along a great circle with initial `bearing`
    (degrees clockwise from north). Returns (lat, lon) in degrees, longitude in -180..180."""
    _check_lat_lon(lat, lon)
    if distance_km < 0:
        raise ValueError(f"A distance can't be negative; got {distance_km} km.")
    d = distance_km / EARTH_RADIUS_KM
    p1, l1, b = math.radians(lat), math.radians(lon), math.radians(bearing)
    sin_p2 = math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b)
    p2 = math.asin(max(-1.0, min(1.0, sin_p2)))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * sin_p2)
    lon2 = (math.degrees(l2) + 540.0) % 360.0 - 180.0
    return math.degrees(p2), lon2


def range_ring(lat: float, lon: float, radius_km: float, n: int = 120) -> list[tuple[float, float]]:
    """`n` points (lat, lon) at `radius_km` from the centre, at evenly spaced bearings from north clockwise:
    a geodesic circle (it looks stretched on a flat map, as it should)."""
    if n < 3:
        raise ValueError(f"A ring needs at least 3 points; got n={n}.")
    if radius_km <= 0:
        raise ValueError(f"A range ring needs a positive radius; got {radius_km} km.")
    return [destination(lat, lon, 360.0 * i / n, radius_km) for i in range(n)]


class Projection:
    """Equirectangular projection of `extent` onto an SVG canvas `width` pixels wide.

    x is scaled by cos(39°) so the map is not stretched sideways; y grows downwards as in SVG.
    """

    def __init__(
        self,
        extent: Sequence[float] = EXTENT,
        width: float = 640.0,
        standard_parallel: float = STANDARD_PARALLEL,
    ) -> None:
        west, south, east, north = (float(v) for v in extent)
        if not (west < east and south < north):
            raise ValueError(
                f"The map extent must be (west, south, east, north) with west < east and "
                f"south < north; got {tuple(extent)}."
            )
        self.extent = (west, south, east, north)
        self.width = float(width)
        self.kx = math.cos(math.radians(standard_parallel))
        self.scale = self.width / ((east - west) * self.kx)  # pixels per degree of latitude
        self.height = (north - south) * self.scale

    def xy(self, lat: float, lon: float) -> tuple[float, float]:
        """SVG (x, y) of a point in degrees. Points outside the extent get coordinates outside the canvas."""
        west, _south, _east, north = self.extent
        return (lon - west) * self.kx * self.scale, (north - lat) * self.scale

    def contains(self, lat: float, lon: float) -> bool:
        west, south, east, north = self.extent
        return south <= lat <= north and west <= lon <= east

    def ring_path(self, points: Iterable[tuple[float, float]]) -> str:
        """An SVG path (closed) through (lat, lon) points, coordinates rounded to 0.1 px."""
        return _ring_d([self.xy(lat, lon) for lat, lon in points], closed=True)


def project(
    lat: float, lon: float, extent: Sequence[float] = EXTENT, width: float = 640.0
) -> tuple[float, float]:
    """SVG (x, y) of (lat, lon) on a map of `extent` that is `width` pixels wide (see :class:`Projection`)."""
    return Projection(extent, width).xy(lat, lon)


def _fmt(v: float) -> str:
    text = f"{v:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def _ring_d(points: Sequence[tuple[float, float]], closed: bool) -> str:
    out: list[str] = []
    last = None
    for x, y in points:
        key = (_fmt(x), _fmt(y))
        if key == last:
            continue
        out.append(("M" if not out else "L") + key[0] + " " + key[1])
        last = key
    if len(out) < 2:
        return ""
    return "".join(out) + ("Z" if closed else "")


def geometry_path(geometry: dict[str, Any], projection: Projection) -> str:
    """The SVG path data of a GeoJSON Polygon or MultiPolygon (rings as subpaths, coordinates rounded to
    0.1 px, repeated points dropped). Other geometry types give the empty string."""
    if not isinstance(geometry, dict):
        return ""
    kind = geometry.get("type")
    coords = geometry.get("coordinates") or []
    if kind == "Polygon":
        polygons = [coords]
    elif kind == "MultiPolygon":
        polygons = coords
    else:
        return ""
    parts = []
    for polygon in polygons:
        for ring in polygon:
            d = _ring_d([projection.xy(pt[1], pt[0]) for pt in ring], closed=True)
            if d.count("L") >= 2:  # at least a triangle after rounding
                parts.append(d)
    return "".join(parts)


# --------------------------------------------------------------------------------------------------------
# Checking a GeoJSON map file (used by lessons.data.geojson and `python -m lessons validate`)
# --------------------------------------------------------------------------------------------------------

MAP_GEOMETRIES = ("Polygon", "MultiPolygon")


def _position_problem(pt: Any) -> str | None:
    if not isinstance(pt, list) or not 2 <= len(pt) <= 3:
        return f"{_short(pt)} is not a position [longitude, latitude]"
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in pt):
        return f"{_short(pt)} is not a position: longitude and latitude must be numbers"
    lon, lat = pt[0], pt[1]
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return f"{_short(pt)} is off the globe (longitude −180…180, latitude −90…90)"
    return None


def _short(value: Any) -> str:
    if value is None:
        return "null"
    text = repr(value) if not isinstance(value, (list, dict)) else ("[…]" if isinstance(value, list) else "{…}")
    if isinstance(value, list) and len(value) <= 4 and not any(isinstance(v, (list, dict)) for v in value):
        text = "[" + ", ".join("null" if v is None else repr(v) for v in value) + "]"
    return text[:60]


def _polygon_problem(polygon: Any) -> str | None:
    if not isinstance(polygon, list) or not polygon:
        return "a polygon must be a list of rings"
    for ring in polygon:
        if not isinstance(ring, list) or len(ring) < 4:
            return "each ring of a polygon must be a list of at least 4 positions"
        for pt in ring:
            problem = _position_problem(pt)
            if problem:
                return problem
        if ring[0] != ring[-1]:
            return "a ring must end where it starts (its first and last positions must be the same)"
    return None


def geojson_problems(doc: Any, limit: int = 20) -> list[str]:
    """What is wrong with a map file, one sentence each (at most `limit`); empty when it is a FeatureCollection
    of named Polygon/MultiPolygon features with valid coordinates. Never recurses into the document."""
    if not isinstance(doc, dict):
        return [f"its top level is a {type(doc).__name__ if doc is not None else 'null'}, not a GeoJSON object "
                "with \"type\": \"FeatureCollection\""]
    if doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        return ["it is not a GeoJSON FeatureCollection (it needs \"type\": \"FeatureCollection\" and a "
                "\"features\" list)"]
    problems: list[str] = []
    if not doc["features"]:
        problems.append("it has no features, so the map would be empty")
    for number, feature in enumerate(doc["features"], 1):
        if len(problems) >= limit:
            problems.append("… and more; fix these first")
            break
        where = f"feature {number}"
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.append(f"{where} is {_short(feature)}, not a GeoJSON Feature object")
            continue
        props = feature.get("properties")
        if not isinstance(props, dict) or not isinstance(props.get("name"), str) or not props["name"].strip():
            problems.append(f"{where} has no \"name\" in its properties (the map labels each country)")
        else:
            where = f"feature {number} ({props['name'][:40]})"
        geometry = feature.get("geometry")
        if not isinstance(geometry, dict) or geometry.get("type") not in MAP_GEOMETRIES:
            kind = geometry.get("type") if isinstance(geometry, dict) else _short(geometry)
            problems.append(f"{where} has geometry {kind!s:.40}; the map draws only Polygon and MultiPolygon")
            continue
        coords = geometry.get("coordinates")
        polygons = [coords] if geometry["type"] == "Polygon" else coords
        if not isinstance(polygons, list) or not polygons:
            problems.append(f"{where}: its coordinates must be a list of polygons")
            continue
        for polygon in polygons:
            problem = _polygon_problem(polygon)
            if problem:
                problems.append(f"{where}: {problem}")
                break
    return problems
