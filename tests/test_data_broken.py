"""Broken copies of the data: every mistake a teacher might make must be caught with a message that names the
file, the row (spreadsheet numbering: header = row 1) and the field, and says what to write instead.

Each test copies data/ into a temporary folder, breaks one cell or column there, points GSOMIA_DATA_DIR at the
copy and loads the dataset. The expected row number is computed from the row the test broke.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from lessons import data

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def copy_dir(tmp_path, monkeypatch) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    monkeypatch.setenv("GSOMIA_DATA_DIR", str(target))
    return target


def _read(folder: Path, name: str) -> tuple[list[str], list[dict[str, str]]]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def _write(folder: Path, name: str, header: list[str], records: list[dict[str, str]]) -> None:
    with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)


def _break_cell(folder: Path, name: str, field: str, value: str, where=None) -> int:
    """Set `field` of the first record matching `where` (else the fifth) to `value`; return its sheet row."""
    header, records = _read(folder, name)
    index = next(i for i, r in enumerate(records) if where(r)) if where else 4
    records[index][field] = value
    _write(folder, name, header, records)
    return index + 2  # header is row 1, first record is row 2


def _error(name: str) -> str:
    with pytest.raises(data.DataError) as info:
        data.rows(name)
    return str(info.value)


def _assert_names(message: str, name: str, row: int, field: str) -> None:
    assert f"{name}.csv" in message, message
    assert f"row {row}," in message or f"row {row}:" in message, message
    assert f"field '{field}'" in message, message


def test_missing_column(copy_dir):
    header, records = _read(copy_dir, "timeline")
    header.remove("confidence")
    for r in records:
        del r["confidence"]
    _write(copy_dir, "timeline", header, records)
    message = _error("timeline")
    _assert_names(message, "timeline", 1, "confidence")
    assert "missing" in message


def test_extra_column(copy_dir):
    header, records = _read(copy_dir, "people")
    header.append("colour")
    for r in records:
        r["colour"] = "blue"
    _write(copy_dir, "people", header, records)
    message = _error("people")
    _assert_names(message, "people", 1, "colour")
    assert "not part of the dataset" in message


def test_bad_date(copy_dir):
    row = _break_cell(copy_dir, "timeline", "date", "2019-13-02", where=lambda r: r["precision"] == "day")
    message = _error("timeline")
    _assert_names(message, "timeline", row, "date")
    assert "'2019-13-02' is not a date. Write it as YYYY-MM-DD, YYYY-MM or YYYY." in message


def test_date_out_of_range(copy_dir):
    header, records = _read(copy_dir, "timeline")
    records[0]["date"], records[0]["precision"] = "1850", "year"
    _write(copy_dir, "timeline", header, records)
    message = _error("timeline")
    _assert_names(message, "timeline", 2, "date")
    assert "between 1900 and 2030" in message


def test_coordinates_outside_map_region(copy_dir):
    row = _break_cell(copy_dir, "places", "latitude", "10.5", where=lambda r: r["id"] == "busan")
    message = _error("places")
    _assert_names(message, "places", row, "latitude")
    assert "outside the map region" in message


def test_launch_outside_map_region(copy_dir):
    row = _break_cell(copy_dir, "launches", "longitude", "150.5", where=lambda r: r["id"] == "2019-08-06")
    _assert_names(_error("launches"), "launches", row, "longitude")


def test_coordinates_off_the_globe(copy_dir):
    row = _break_cell(copy_dir, "places", "longitude", "200", where=lambda r: r["on_map"] == "no")
    message = _error("places")
    _assert_names(message, "places", row, "longitude")
    assert "between -180 and 180" in message


def test_on_map_contradicts_coordinates(copy_dir):
    row = _break_cell(copy_dir, "places", "on_map", "no", where=lambda r: r["id"] == "seoul")
    _assert_names(_error("places"), "places", row, "on_map")


def test_duplicate_id(copy_dir):
    header, records = _read(copy_dir, "people")
    records[3]["id"] = records[1]["id"]
    _write(copy_dir, "people", header, records)
    message = _error("people")
    _assert_names(message, "people", 5, "id")
    assert "already used in row 3" in message


def test_empty_source(copy_dir):
    row = _break_cell(copy_dir, "claims", "sources", "")
    message = _error("claims")
    _assert_names(message, "claims", row, "sources")
    assert "needs a source" in message


def test_source_without_url(copy_dir):
    row = _break_cell(copy_dir, "positions", "sources", "Some newspaper: a story (2019-08-22)")
    message = _error("positions")
    _assert_names(message, "positions", row, "sources")
    assert "web address" in message


def test_unknown_category(copy_dir):
    row = _break_cell(copy_dir, "timeline", "category", "sport")
    message = _error("timeline")
    _assert_names(message, "timeline", row, "category")
    assert "Use one of: history, trade, security, diplomacy, society" in message


def test_bad_confidence(copy_dir):
    row = _break_cell(copy_dir, "launches", "confidence", "very high")
    message = _error("launches")
    _assert_names(message, "launches", row, "confidence")
    assert "high, medium, low" in message


def test_bad_number(copy_dir):
    row = _break_cell(copy_dir, "launches", "range_km", "about 600")
    message = _error("launches")
    _assert_names(message, "launches", row, "range_km")
    assert "is not a number" in message


def test_bad_whole_number(copy_dir):
    row = _break_cell(copy_dir, "claims", "paragraph", "24a")
    _assert_names(_error("claims"), "claims", row, "paragraph")


def test_paragraph_outside_article(copy_dir):
    row = _break_cell(copy_dir, "claims", "paragraph", "99")
    message = _error("claims")
    _assert_names(message, "claims", row, "paragraph")
    assert f"1 to {data.ARTICLE_PARAGRAPHS}" in message


def test_precision_does_not_match_date(copy_dir):
    row = _break_cell(copy_dir, "timeline", "date", "2019-08",
                      where=lambda r: r["id"] == "gsomia-termination-announced")
    message = _error("timeline")
    _assert_names(message, "timeline", row, "date")
    assert "does not match precision 'day'" in message


def test_bad_precision(copy_dir):
    row = _break_cell(copy_dir, "timeline", "precision", "week")
    _assert_names(_error("timeline"), "timeline", row, "precision")


def test_bad_yes_no(copy_dir):
    row = _break_cell(copy_dir, "people", "quoted", "maybe")
    message = _error("people")
    _assert_names(message, "people", row, "quoted")
    assert "Write yes or no" in message


def test_in_article_without_paragraphs(copy_dir):
    row = _break_cell(copy_dir, "timeline", "article_paragraphs", "",
                      where=lambda r: r["in_article"] == "yes")
    _assert_names(_error("timeline"), "timeline", row, "article_paragraphs")


def test_blank_figure_without_note(copy_dir):
    row = _break_cell(copy_dir, "figures", "note", "", where=lambda r: r["value"] == "")
    message = _error("figures")
    _assert_names(message, "figures", row, "note")
    assert "why the value is missing" in message


def test_figure_value_without_source(copy_dir):
    row = _break_cell(copy_dir, "figures", "sources", "", where=lambda r: r["value"] != "")
    _assert_names(_error("figures"), "figures", row, "sources")


def test_bad_period(copy_dir):
    row = _break_cell(copy_dir, "figures", "period", "2019-13")
    message = _error("figures")
    _assert_names(message, "figures", row, "period")
    assert "is not a period" in message


def test_bad_glossary_lesson(copy_dir):
    row = _break_cell(copy_dir, "glossary", "lesson", "08")
    _assert_names(_error("glossary"), "glossary", row, "lesson")


def test_bad_id(copy_dir):
    row = _break_cell(copy_dir, "places", "id", "Busan City")
    message = _error("places")
    _assert_names(message, "places", row, "id")
    assert "lowercase" in message


def test_missing_required_value(copy_dir):
    row = _break_cell(copy_dir, "glossary", "term_ja", "")
    message = _error("glossary")
    _assert_names(message, "glossary", row, "term_ja")
    assert "is empty" in message


def test_unclosed_quote_is_reported(copy_dir):
    path = copy_dir / "claims.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.append('claim-broken,5,"unclosed quote,supported\n')
    path.write_text("".join(lines), encoding="utf-8")
    message = _error("claims")
    assert "claims.csv" in message and "row" in message


def test_every_problem_is_listed(copy_dir):
    header, records = _read(copy_dir, "launches")
    records[0]["confidence"] = "sure"
    records[2]["range_km"] = "far"
    _write(copy_dir, "launches", header, records)
    with pytest.raises(data.DataError) as info:
        data.rows("launches")
    assert len(info.value.problems) == 2
    _assert_names(info.value.problems[0], "launches", 2, "confidence")
    _assert_names(info.value.problems[1], "launches", 4, "range_km")


def test_broken_geojson(copy_dir):
    (copy_dir / "geo" / "northeast_asia.geojson").write_text("{not json", encoding="utf-8")
    with pytest.raises(data.DataError) as info:
        data.geojson()
    assert "northeast_asia.geojson" in str(info.value) and "tools/make_geo.py" in str(info.value)


def test_missing_file(copy_dir):
    (copy_dir / "claims.csv").unlink()
    with pytest.raises(data.DataError) as info:
        data.rows("claims")
    assert "claims.csv is missing" in str(info.value)
    assert "claims" not in data.available()


def test_command_line_reports_the_problem(copy_dir):
    import subprocess
    import sys

    row = _break_cell(copy_dir, "timeline", "category", "sport")
    out = subprocess.run([sys.executable, "-m", "lessons.data"], capture_output=True, text=True,
                         cwd=DATA.parent)
    assert out.returncode == 1
    assert f"row {row}, field 'category'" in out.stdout
    assert "FAIL  timeline" in out.stdout and "ok    people" in out.stdout


def test_repository_copy_is_untouched(copy_dir):
    """The breakages above happen only in the temporary copy: the real data still loads."""
    _break_cell(copy_dir, "timeline", "category", "sport")
    import os

    os.environ.pop("GSOMIA_DATA_DIR")
    assert len(data.rows("timeline")) >= 60


# Issue 14: sources a history teacher would question are refused, and each source's kind is recorded.

@pytest.mark.parametrize("source", [
    "Wikipedia (mirror): Japan–Korea Treaty of 1910 — https://wiki.av1.space/content/wikipedia_en_all_mini_2025-06/X",
    "Everything Explained Today (Wikipedia-derived): Treaty on Basic Relations — https://everything.explained.today/T",
    "Wikimapia: Liancourt Rocks — http://wikimapia.org/1626782/Liancourt-Rocks",
    "a-ha.io (Korean Q&A): trade with Japan — https://a-ha.io/questions/4a25ea4811a62e83ab6e820715477ef7",
    "Wikipedia: Sea of Japan naming dispute — https://en.wikipedia.org/wiki/Sea_of_Japan_naming_dispute",
    "Memim encyclopedia: Okinoshima — https://memim.com/okinoshima-shimane.html",
])
@pytest.mark.parametrize("name", ["timeline", "places", "glossary"])
def test_wiki_mirrors_clones_wikimapia_and_qa_sites_are_refused(copy_dir, name, source):
    row = _break_cell(copy_dir, name, "sources", source)
    message = _error(name)
    _assert_names(message, name, row, "sources")
    assert "does not cite" in message and "primary source" in message


def test_a_reputable_source_in_the_same_cell_is_accepted(copy_dir):
    _break_cell(copy_dir, "timeline", "sources",
                "Yonhap: S. Korea to scrap military info-sharing pact with Japan (2019-08-22) — "
                "https://en.yna.co.kr/view/AEN20190822011700315")
    _break_cell(copy_dir, "timeline", "source_kinds", "news-agency")
    assert data.rows("timeline")


def test_source_kinds_must_match_the_sources_one_for_one(copy_dir):
    header, records = _read(copy_dir, "positions")
    index = next(i for i, r in enumerate(records) if " | " in r["sources"])
    records[index]["source_kinds"] = records[index]["source_kinds"].split(" | ")[0]
    _write(copy_dir, "positions", header, records)
    message = _error("positions")
    _assert_names(message, "positions", index + 2, "source_kinds")
    assert "one kind per source" in message


def test_an_unknown_source_kind_is_refused(copy_dir):
    row = _break_cell(copy_dir, "people", "source_kinds", "blog")
    message = _error("people")
    _assert_names(message, "people", row, "source_kinds")
    assert "'blog' is not a source kind" in message


def test_no_row_of_the_real_data_cites_a_wiki_or_qa_site():
    from lessons.data import _banned_source

    for name in data.SCHEMAS:
        for rec in data.rows(name):
            for src in rec.get("sources") or []:
                head, _, url = src.partition(" — ")
                assert not (url and _banned_source(head, url)), (name, rec["id"], src)
            kinds = rec.get("source_kinds") or []
            assert len(kinds) == len(rec.get("sources") or []), (name, rec["id"])
