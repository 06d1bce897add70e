"""`validate` ends in plain sentences, never tracebacks (issue 13, finding 8, data part).

Reproductions: a CSV field over 128 KiB, a GeoJSON whose top level is a list, and deeply nested JSON crashed
``python -m lessons validate``; GeoJSON features like ``[1, null]`` passed as valid. Each test breaks a copy of
data/ (``GSOMIA_DATA_DIR``), runs the command as a teacher would and reads what it prints.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lessons import data, geo

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
GEO = "geo/northeast_asia.geojson"


@pytest.fixture
def copy_dir(tmp_path: Path, monkeypatch) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    monkeypatch.setenv("GSOMIA_DATA_DIR", str(target))
    return target


def validate(copy: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, GSOMIA_DATA_DIR=str(copy))
    return subprocess.run([sys.executable, "-m", "lessons", "validate"], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)


def assert_sentence_failure(result: subprocess.CompletedProcess, *needles: str) -> None:
    text = result.stdout + result.stderr
    assert result.returncode == 1, text
    assert "Traceback" not in text and "Error:" not in result.stderr, text
    for needle in needles:
        assert needle in text, (needle, text)


def test_a_csv_cell_over_128_kib_is_a_sentence(copy_dir: Path) -> None:
    p = copy_dir / "glossary.csv"
    lines = p.read_text(encoding="utf-8").splitlines(keepends=True)
    # an unclosed quote: the rest of the file (padded to 200 KiB) becomes one cell
    lines.insert(3, '"' + "x" * 200_000 + "\n")
    p.write_text("".join(lines), encoding="utf-8")
    result = validate(copy_dir)
    assert_sentence_failure(result, "glossary.csv", "unclosed quote", "128 KiB")


def test_a_geojson_whose_top_level_is_a_list(copy_dir: Path) -> None:
    (copy_dir / GEO).write_text(json.dumps([1, None]), encoding="utf-8")
    result = validate(copy_dir)
    assert_sentence_failure(result, "northeast_asia.geojson", "top level is a list", "make_geo.py")


def test_features_like_1_null_are_rejected(copy_dir: Path) -> None:
    doc = json.loads((copy_dir / GEO).read_text(encoding="utf-8"))
    doc["features"] = doc["features"][:2] + [1, None]
    (copy_dir / GEO).write_text(json.dumps(doc), encoding="utf-8")
    result = validate(copy_dir)
    assert_sentence_failure(result, "feature 3 is 1, not a GeoJSON Feature", "feature 4 is null")


@pytest.mark.parametrize("breakage, expected", [
    (lambda g: g.update(type="Point", coordinates=[1, None]), "geometry Point"),
    (lambda g: g.update(coordinates=[[[[1, None], [2, 3], [3, 4], [1, None]]]]), "[1, null] is not a position"),
    (lambda g: g.update(coordinates=[[[[500, 0], [2, 3], [3, 4], [500, 0]]]]), "off the globe"),
    (lambda g: g.update(coordinates=[[[[1, 2], [2, 3]]]]), "at least 4 positions"),
    (lambda g: g.update(coordinates=[[[[1, 2], [2, 3], [3, 4], [5, 6]]]]), "end where it starts"),
    (lambda g: g.update(coordinates="nowhere"), "list of polygons"),
    (lambda g: g.update(coordinates=[[[["1", "2"], [2, 3], [3, 4], ["1", "2"]]]]), "must be numbers"),
])
def test_geometry_shapes_are_checked(breakage, expected) -> None:
    doc = json.loads((DATA / GEO).read_text(encoding="utf-8"))
    assert geo.geojson_problems(doc) == []
    breakage(doc["features"][1]["geometry"])
    problems = geo.geojson_problems(doc)
    assert len(problems) == 1 and problems[0].startswith("feature 2 (") and expected in problems[0], problems


def test_a_feature_without_a_name_is_reported() -> None:
    doc = json.loads((DATA / GEO).read_text(encoding="utf-8"))
    doc["features"][0]["properties"] = None
    assert any("no \"name\"" in p for p in geo.geojson_problems(doc))


@pytest.mark.parametrize("target", [GEO, "quizzes/01-the-story.json"])
def test_deeply_nested_json_is_a_sentence(copy_dir: Path, target: str) -> None:
    (copy_dir / target).write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    result = validate(copy_dir)
    assert_sentence_failure(result, Path(target).name, "nested far too deeply")


def test_a_quiz_bank_nested_just_under_the_parser_limit_is_a_sentence(copy_dir: Path) -> None:
    target = copy_dir / "quizzes" / "01-the-story.json"
    doc = json.loads(target.read_text(encoding="utf-8"))
    doc["questions"][0]["prompt"] = json.loads("[" * 900 + "]" * 900)
    target.write_text(json.dumps(doc), encoding="utf-8")
    result = validate(copy_dir)
    assert_sentence_failure(result, "01-the-story")


def test_the_map_api_raises_data_error_not_attribute_error(copy_dir: Path) -> None:
    (copy_dir / GEO).write_text("[]", encoding="utf-8")
    with pytest.raises(data.DataError, match="top level is a list"):
        data.geojson()


def test_a_data_table_that_is_a_folder_is_a_sentence(copy_dir: Path) -> None:
    (copy_dir / "glossary.csv").unlink()
    (copy_dir / "glossary.csv").mkdir()
    result = validate(copy_dir)
    assert_sentence_failure(result, "glossary")


def test_the_real_data_still_validates() -> None:
    result = subprocess.run([sys.executable, "-m", "lessons", "validate"], capture_output=True, text=True,
                            cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
