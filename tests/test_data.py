"""Tests of the data pack (data/) and of its loader, lessons.data.

Expected values here are written out independently (dates from the article and the research base, counts
recomputed with the csv/hashlib modules) rather than copied from what lessons.data returns.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import itertools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lessons import data

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
DATASETS = ["timeline", "launches", "places", "people", "claims", "positions", "figures", "glossary"]
HANGUL = re.compile(r"[\uac00-\ud7a3]")
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def _repo_data(monkeypatch):
    """Every test here reads the repository's data/ unless it says otherwise."""
    monkeypatch.delenv("GSOMIA_DATA_DIR", raising=False)


def _read_csv(name: str) -> list[dict[str, str]]:
    with (DATA / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _seed_file() -> Path | None:
    for folder in (ROOT / "seeds", ROOT / "lessons" / "_seeds"):
        found = sorted(folder.glob("000_*.txt")) if folder.is_dir() else []
        if found:
            return found[0]
    return None


def _seed_paragraphs() -> list[str]:
    """Paragraphs of the seed article numbered from 1 (title and comment box left out)."""
    seed = _seed_file()
    if seed is None:
        pytest.skip("the seed article is not in seeds/ yet")
    lines = [ln.strip() for ln in seed.read_text(encoding="utf-8").splitlines() if ln.strip()]
    body = lines[1:]
    end = next(i for i, ln in enumerate(body) if ln == "Be the first to comment")
    return body[:end]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("“", '"').replace("”", '"')).strip()


# ----------------------------------------------------------------------------------------------------------
# Loader API
# ----------------------------------------------------------------------------------------------------------


def test_every_dataset_is_available_and_validates():
    names = data.available()
    for name in DATASETS:
        assert name in names
    counts = data.validate_all()
    for name in DATASETS:
        assert counts[name] == len(_read_csv(name)), name


def test_headers_match_declared_schemas():
    for name in DATASETS:
        with (DATA / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh))
        assert header == [c.name for c in data.SCHEMAS[name][1]], name


def test_rows_are_typed_and_copies():
    first = data.rows("launches")
    assert isinstance(first[0]["latitude"], float)
    assert isinstance(first[0]["in_article_run"], bool)
    assert isinstance(first[0]["sources"], list)
    first[0]["launch_area"] = "changed"
    first.clear()
    again = data.rows("launches")
    assert len(again) == 13 and again[0]["launch_area"] != "changed"


def test_empty_cells_are_none_and_lists_split():
    rec = data.row("timeline", "annexation-treaty-signed")
    assert rec["article_paragraphs"] is None
    assert rec["actors"] == ["Japan", "Korean Empire"]
    rec = data.row("timeline", "export-controls-effective")
    assert rec["article_paragraphs"] == [3, 32]


def test_load_returns_dataframe_with_same_rows():
    frame = data.load("timeline")
    assert list(frame.columns) == [c.name for c in data.SCHEMAS["timeline"][1]]
    assert len(frame) == len(_read_csv("timeline"))
    assert set(frame["id"]) == {r["id"] for r in _read_csv("timeline")}


def test_unknown_dataset_lists_available_names():
    with pytest.raises(data.DataError) as info:
        data.load("nope")
    message = str(info.value)
    assert "'nope'" in message
    for name in DATASETS:
        assert name in message


def test_unknown_id_names_dataset_and_id():
    with pytest.raises(data.DataError) as info:
        data.row("people", "mr-kim")
    assert "'mr-kim'" in str(info.value) and "'people'" in str(info.value)


def test_path_and_data_dir(monkeypatch, tmp_path):
    assert data.path("timeline") == DATA / "timeline.csv"
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "quizzes" / "01-the-story.json").write_text('{"questions": []}', encoding="utf-8")
    monkeypatch.setenv("GSOMIA_DATA_DIR", str(tmp_path))  # read at call time, not import time
    assert data.data_dir() == tmp_path
    assert data.path("quizzes/01-the-story") == tmp_path / "quizzes" / "01-the-story.json"
    assert "quizzes/01-the-story" in data.available()
    monkeypatch.delenv("GSOMIA_DATA_DIR")
    assert data.data_dir() == DATA


def test_import_does_not_pull_pandas_or_numpy():
    code = ("import sys, lessons.data; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pandas', 'numpy')))")
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"
    assert not re.search(r"\|\s+(pandas|numpy)\b", out.stderr)


def test_command_line_validates_everything():
    out = subprocess.run([sys.executable, "-m", "lessons.data"], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "GSOMIA_DATA_DIR": ""})
    assert out.returncode == 0, out.stdout + out.stderr
    for name in DATASETS:
        assert re.search(rf"^ok\s+{name}\s+\d+ rows", out.stdout, re.M), name


# ----------------------------------------------------------------------------------------------------------
# Manifest
# ----------------------------------------------------------------------------------------------------------


def _data_files() -> set[str]:
    return {p.relative_to(DATA).as_posix() for p in DATA.rglob("*")
            if p.is_file() and p.suffix in (".csv", ".json", ".geojson") and p.name != "manifest.json"}


def test_manifest_lists_every_file_with_hash_rows_and_columns():
    manifest = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))
    entries = {e["file"]: e for e in manifest["files"]}
    assert set(entries) == _data_files()
    for rel, entry in entries.items():
        path = DATA / rel
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert entry["sha256"] == digest, f"{rel} changed: run python -m lessons.data --write-manifest"
        assert entry["licence"]
        if path.suffix == ".csv":
            with path.open(encoding="utf-8", newline="") as fh:
                records = list(csv.reader(fh))
            assert entry["columns"] == records[0]
            assert entry["rows"] == len(records) - 1
        elif path.suffix == ".geojson":
            assert entry["rows"] == len(json.loads(path.read_text(encoding="utf-8"))["features"])


def test_manifest_is_what_the_generator_writes():
    manifest = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))
    assert manifest == data.build_manifest()


# ----------------------------------------------------------------------------------------------------------
# Sources and confidence
# ----------------------------------------------------------------------------------------------------------


def test_every_row_has_a_source():
    for name in DATASETS:
        for i, rec in enumerate(_read_csv(name), start=2):
            if name == "figures" and rec["value"] == "":
                continue
            assert rec["sources"].strip(), f"{name} row {i} has no source"
            for source in rec["sources"].split(" | "):
                cited = re.search(r" — https?://", source) or source.startswith("Seed article")
                assert cited, (name, i, source)


def test_no_row_cites_the_shared_research_folder():
    for name in DATASETS:
        assert "/work/shared" not in (DATA / f"{name}.csv").read_text(encoding="utf-8")


# ----------------------------------------------------------------------------------------------------------
# Timeline
# ----------------------------------------------------------------------------------------------------------

# The article's dated events (and the ids other modules use), with the day each happened.
ARTICLE_EVENTS = {
    "liberation-day-speech-2019": "2019-08-15",
    "kang-kono-beijing": "2019-08-21",
    "gsomia-termination-announced": "2019-08-22",
    "biegun-kim-hyun-chong-meeting": "2019-08-22",
    "notice-deadline-2019": "2019-08-24",
    "gsomia-signed": "2016-11-23",
    "comfort-women-agreement": "2015-12-28",
    "supreme-court-nippon-steel": "2018-10-30",
    "supreme-court-mitsubishi": "2018-11-29",
    "export-controls-effective": "2019-07-04",
    "whitelist-removal-approved": "2019-08-02",
    "whitelist-removal-effective": "2019-08-28",
    "kr-whitelist-removal-announced": "2019-08-12",
    "kr-whitelist-removal-effective": "2019-09-18",
    "boycott-begins": "2019-07-05",
    "nk-launch-run-begins": "2019-07-25",
    "healing-foundation-dissolution-announced": "2018-11-21",
    "japan-protests-termination": "2019-08-22",
    "us-disappointment": "2019-08-22",
}
OTHER_REFERENCED = {
    "gsomia-suspension": "2019-11-22",
    "camp-david-summit": "2023-08-18",
    "gsomia-normalized": "2023-03-21",
    "annexation-effective": "1910-08-29",
    "claims-agreement-1965": "1965-06-22",
    "export-controls-announced": "2019-07-01",
    "gsomia-termination-notice": "2019-08-23",
}


def test_timeline_size_and_span():
    recs = data.rows("timeline")
    assert len(recs) >= 60
    years = [int(r["date"][:4]) for r in recs]
    assert min(years) == 1910 and max(years) >= 2023
    assert {r["category"] for r in recs} == {"history", "trade", "security", "diplomacy", "society"}


@pytest.mark.parametrize("event_id,date", sorted({**ARTICLE_EVENTS, **OTHER_REFERENCED}.items()))
def test_event_dates(event_id, date):
    rec = data.row("timeline", event_id)
    assert rec["date"] == date and rec["precision"] == "day"


@pytest.mark.parametrize("event_id", sorted(ARTICLE_EVENTS))
def test_article_events_are_marked(event_id):
    rec = data.row("timeline", event_id)
    assert rec["in_article"] is True and rec["article_paragraphs"]


def test_deadline_was_a_saturday():
    assert dt.date.fromisoformat(data.row("timeline", "notice-deadline-2019")["date"]).weekday() == 5


def test_timeline_is_in_date_order():
    dates = [data.as_date(r["date"]) for r in data.rows("timeline")]
    assert dates == sorted(dates)


# ----------------------------------------------------------------------------------------------------------
# Seed paragraph numbering (needs seeds/000_*.txt)
# ----------------------------------------------------------------------------------------------------------


def test_paragraph_count_matches_seed():
    assert len(_seed_paragraphs()) == data.ARTICLE_PARAGRAPHS


def test_key_paragraph_numbers():
    paras = _seed_paragraphs()
    assert paras[0].startswith("South Korea announced its plan")
    assert "gladly join hands" in paras[5 - 1]
    assert "six ballistic missile tests in about a month" in paras[24 - 1]
    assert "signed in late 2016" in paras[34 - 1]
    assert "90-day notice" in paras[35 - 1] and "Saturday" in paras[35 - 1]
    assert "met in Beijing" in paras[36 - 1]


def test_claims_quote_their_paragraph():
    paras = [_norm(p) for p in _seed_paragraphs()]
    for rec in data.rows("claims"):
        quote = _norm(rec["claim"])
        pieces = [p.strip(' ."') for p in quote.split("...")]
        for piece in pieces:
            assert piece in paras[rec["paragraph"] - 1], (rec["id"], piece)


def test_people_aliases_appear_in_the_article():
    text = _norm(" ".join(_seed_paragraphs()))
    for rec in data.rows("people"):
        for alias in rec["aliases"] or []:
            assert _norm(alias) in text, (rec["id"], alias)


# ----------------------------------------------------------------------------------------------------------
# Launches, places, people, claims, positions
# ----------------------------------------------------------------------------------------------------------


def test_launches_2019():
    recs = data.rows("launches")
    assert len(recs) == 13
    assert all(r["date"].startswith("2019-") for r in recs)
    run = sorted(r["id"] for r in recs if r["in_article_run"])
    assert run == ["2019-07-25", "2019-07-31", "2019-08-02", "2019-08-06", "2019-08-10", "2019-08-16"]
    assert data.row("launches", "2019-07-25")["range_km"] == 600
    assert data.row("launches", "2019-10-02")["apogee_km"] == 910


def test_places_on_map_and_neutral_names():
    recs = {r["id"]: r for r in data.rows("places")}
    for rec in recs.values():
        inside = 113 <= rec["longitude"] <= 147 and 29 <= rec["latitude"] <= 49
        assert rec["on_map"] is inside, rec["id"]
    assert recs["dokdo-takeshima"]["name"] == "Dokdo / Takeshima"
    assert recs["east-sea-sea-of-japan"]["name"] == "East Sea / Sea of Japan"
    assert recs["east-sea-sea-of-japan"]["kind"] == "sea"
    for far in ("bangkok", "geneva", "camp-david", "washington"):
        assert recs[far]["on_map"] is False
    for island in ("jeju", "tsushima", "ulleungdo", "oki-islands", "dokdo-takeshima"):
        assert recs[island]["kind"] == "island"


PEOPLE = ["ankit-panda", "kim-you-geun", "kim-sung-han", "moon-jae-in", "dave-eastburn", "jonathan-miller",
          "tsuneo-watanabe", "tobias-harris", "cheon-seong-whun", "stephen-biegun", "kang-kyung-wha",
          "taro-kono", "shinzo-abe", "donald-trump"]


def test_people():
    recs = {r["id"]: r for r in data.rows("people")}
    assert set(PEOPLE) <= set(recs)
    for rec in recs.values():
        assert "Mr. Kim" not in (rec["aliases"] or []), rec["id"]
        assert HANGUL.search(rec["name_ko"]) and JAPANESE.search(rec["name_ja"]), rec["id"]
    assert recs["cheon-seong-whun"]["confidence"] == "low"


def test_claims_cover_the_research_list():
    recs = data.rows("claims")
    assert len(recs) >= 9
    by_paragraph = {r["paragraph"] for r in recs}
    assert {1, 3, 4, 8, 10, 24, 31, 32} <= by_paragraph


def test_positions_one_row_per_government_per_topic():
    recs = data.rows("positions")
    topics: dict[str, set[str]] = {}
    for rec in recs:
        topics.setdefault(rec["topic_id"], set()).add(rec["government"])
        country = "South Korea's" if rec["government"] == "South Korea" else "Japan's"
        assert re.match(rf"{country} (government|defence ministry) says", rec["position"]), rec["id"]
    assert len(topics) >= 7
    assert all(govs == {"South Korea", "Japan"} for govs in topics.values())
    assert len(recs) == 2 * len(topics)


# ----------------------------------------------------------------------------------------------------------
# Figures
# ----------------------------------------------------------------------------------------------------------


def _months(start: str, end: str) -> list[str]:
    y, m = map(int, start.split("-"))
    out = []
    while f"{y:04d}-{m:02d}" <= end:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


@pytest.mark.parametrize("series,start,end", [
    ("kr-visitors-to-japan", "2018-01", "2020-02"),
    ("kr-beer-imports-from-japan", "2019-01", "2019-12"),
])
def test_monthly_series_complete_with_explained_gaps(series, start, end):
    recs = [r for r in data.rows("figures") if r["series_id"] == series]
    by_period = {r["period"]: r for r in recs}
    for month in _months(start, end):
        assert month in by_period, f"{series} has no row for {month}"
        rec = by_period[month]
        if rec["value"] is None:
            assert rec["note"] and rec["sources"] is None
    assert len([p for p in by_period if start <= p <= end]) == len(_months(start, end))


def test_known_values_and_gaps():
    figures = {(r["series_id"], r["period"]): r for r in data.rows("figures")}
    assert figures[("kr-visitors-to-japan", "2019-08")]["value"] == 308700
    assert figures[("kr-visitors-to-japan-yoy", "2019-08")]["value"] == -48.0
    assert figures[("kr-visitors-to-japan", "2019-03")]["value"] is None  # never interpolated
    assert figures[("kr-beer-imports-from-japan", "2019-09")]["value"] == 6000
    assert figures[("kr-beer-imports-from-japan", "2019-11")]["value"] is None
    assert figures[("gsomia-exchanges", "2016-11..2019-10")]["value"] == 29


def test_required_series_exist():
    series = {r["series_id"] for r in data.rows("figures")}
    for sid in ("kr-visitors-to-japan", "kr-visitors-to-japan-yoy", "kr-beer-imports-from-japan",
                "kr-japan-trade-exports", "kr-japan-trade-imports", "kr-japan-trade-deficit",
                "import-dependence-photoresist", "import-dependence-polyimide", "import-dependence-hf",
                "gsomia-exchanges"):
        assert sid in series


def test_each_series_has_one_unit_and_label():
    units: dict[str, set[str]] = {}
    for rec in data.rows("figures"):
        units.setdefault(rec["series_id"], set()).add((rec["unit"], rec["series"]))
    assert all(len(v) == 1 for v in units.values()), {k: v for k, v in units.items() if len(v) > 1}


# ----------------------------------------------------------------------------------------------------------
# Glossary
# ----------------------------------------------------------------------------------------------------------


def test_glossary_three_scripts():
    recs = data.rows("glossary")
    terms = [r for r in recs if r["kind"] == "term"]
    assert len(terms) >= 40
    for rec in recs:
        assert rec["term_en"] and rec["term_ko"] and rec["term_ja"], rec["id"]
        assert HANGUL.search(rec["term_ko"]), (rec["id"], rec["term_ko"])
        assert JAPANESE.search(rec["term_ja"]), (rec["id"], rec["term_ja"])
    kinds = {r["kind"] for r in recs}
    assert {"person", "place"} <= kinds
    by_id = {r["id"]: r for r in recs}
    assert "지소미아" in by_id["gsomia"]["term_ko"] and "軍事情報保護協定" in by_id["gsomia"]["term_ja"]
    assert by_id["pl-dokdo-takeshima"]["term_ko"] == "독도" and by_id["pl-dokdo-takeshima"]["term_ja"] == "竹島"
    assert by_id["pl-east-sea-sea-of-japan"]["term_ko"] == "동해"
    assert by_id["pl-east-sea-sea-of-japan"]["term_ja"] == "日本海"


def test_glossary_covers_required_terms():
    text = " ".join(r["term_en"].lower() for r in data.rows("glossary"))
    for term in ("gsomia", "white list", "tisa", "90-day notice", "photoresist", "fluorinated polyimide",
                 "hydrogen fluoride", "export control", "individual licence", "comfort women",
                 "forced labour", "liberation day", "jcs", "srbm", "slbm", "apogee", "mlrs", "nsc", "wto",
                 "boycott", "claims agreement", "treaty on basic relations", "normalization", "camp david",
                 "trilateral"):
        assert term in text, term


# ----------------------------------------------------------------------------------------------------------
# Region map
# ----------------------------------------------------------------------------------------------------------


def _point_in_ring(x: float, y: float, ring: list[list[float]]) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def _in_feature(feature: dict, lon: float, lat: float) -> bool:
    for polygon in feature["geometry"]["coordinates"]:
        if _point_in_ring(lon, lat, polygon[0]) and not any(_point_in_ring(lon, lat, h) for h in polygon[1:]):
            return True
    return False


def test_geojson_size_bbox_and_countries():
    path = DATA / "geo" / "northeast_asia.geojson"
    assert path.stat().st_size <= 200 * 1024
    doc = data.geojson()
    isos = {f["properties"]["iso_a3"] for f in doc["features"]}
    assert {"KOR", "JPN", "PRK", "CHN", "RUS", "MNG"} <= isos
    for feature in doc["features"]:
        props = feature["properties"]
        assert props["name"] and props["name_ko"] and props["name_ja"] and props["iso_a3"]
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                for lon, lat in ring:
                    assert 108 - 1e-9 <= lon <= 152 + 1e-9 and 26 - 1e-9 <= lat <= 50 + 1e-9
                    assert round(lon, 3) == lon and round(lat, 3) == lat
    assert "Natural Earth" in doc["metadata"]["credit"]


@pytest.mark.parametrize("place,iso", [("jeju", "KOR"), ("ulleungdo", "KOR"), ("tsushima", "JPN"),
                                       ("oki-islands", "JPN"), ("seoul", "KOR"), ("tokyo", "JPN"),
                                       ("pyongyang", "PRK"), ("beijing", "CHN")])
def test_islands_and_capitals_fall_in_their_country(place, iso):
    doc = data.geojson()
    feature = next(f for f in doc["features"] if f["properties"]["iso_a3"] == iso)
    rec = data.row("places", place)
    assert _in_feature(feature, rec["longitude"], rec["latitude"])


def test_readme_documents_every_file_and_column():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert "Made with Natural Earth" in readme and "CC BY 4.0" in readme
    for name in DATASETS:
        assert f"{name}.csv" in readme
        for col in data.SCHEMAS[name][1]:
            assert f"`{col.name}`" in readme, (name, col.name)
