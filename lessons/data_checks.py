"""Reading and checking one CSV dataset: each cell converted to its column's type, each row checked.

:func:`parse_table` reads a file with the standard-library :mod:`csv` module and raises one :class:`DataError`
listing every problem, each naming the file, the row (as a spreadsheet numbers it: the header is row 1) and the
field. Used by :mod:`lessons.data`, which caches the result.
"""

from __future__ import annotations

import csv
import datetime as _dt
import re
from pathlib import Path
from typing import Any

from .citation import URL, parse_source
from .data_course import teaching_lessons
from .data_documents import document_text_problems
from .data_files import display_name
from .data_schema import (
    ARTICLE_PARAGRAPHS,
    COURSE_LESSONS,
    DATE_MAX_YEAR,
    DATE_MIN_YEAR,
    DOCUMENTS_DIR,
    MAP_REGION,
    MAX_FILE_BYTES,
    SCHEMAS,
    SLUG,
    SOURCE_KINDS,
    YES_NO,
    Column,
    DataError,
)

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

#: Sources a history teacher would not accept: wikis and their mirrors or clones, Wikimapia, Q&A sites.
_BANNED_HOSTS = ("everything.explained.today", "memim.com", "infosekolah.net", "absoluteastronomy.com",
                 "clateway.com", "piglix.com", "iiab.me", "a-ha.io", "quora.com", "answers.yahoo.com",
                 "chiebukuro.yahoo.co.jp", "kin.naver.com", "stackexchange.com", "en-academic.com")
_BANNED_WORDS = ("wikipedia-derived", "wiki mirror", "(mirror)", "q&a")


def as_date(value: str) -> _dt.date:
    """An ISO date string of this course (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) as a :class:`datetime.date`
    (the first day of the month or year when the day or month is not known)."""
    for pattern in _DATE_FORMS.values():
        if pattern.match(value):
            parts = [int(x) for x in value.split("-")] + [1, 1]
            return _dt.date(parts[0], parts[1], parts[2])
    raise ValueError(f"{value!r} is not a date. Write it as YYYY-MM-DD, YYYY-MM or YYYY.")


def date_problem(text: str) -> str | None:
    """None if ``text`` is a valid course date, else a sentence saying what is wrong."""
    try:
        d = as_date(text)
    except ValueError:
        return f"{text!r} is not a date. Write it as YYYY-MM-DD, YYYY-MM or YYYY."
    if not DATE_MIN_YEAR <= d.year <= DATE_MAX_YEAR:
        return (f"{text!r} is outside the years the course covers. Dates must fall between "
                f"{DATE_MIN_YEAR} and {DATE_MAX_YEAR}.")
    return None


def period_problem(text: str) -> str | None:
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


def source_problem(source: str) -> str | None:
    """None if ``source`` reads 'Outlet: title (YYYY-MM-DD) — URL' (title, date when known), else why not."""
    c = parse_source(source)
    if c.text.lower().startswith("seed article"):
        return None
    if not c.has_dash and not URL.search(c.text):
        return (f"{source!r} has no web address. Write 'Outlet: title (YYYY-MM-DD) — URL' "
                "(only the seed article may be cited without one).")
    if not c.has_dash or not c.head.strip():
        return (f"{source!r} is not a source. Write 'Outlet: title (YYYY-MM-DD) — URL', with ' — ' "
                "between the title and the web address.")
    if not URL.match(c.url):
        return (f"{source!r} has no web address. Add ' — https://…' after the title "
                "(only the seed article may be cited without one).")
    return banned_source(c.head, c.url)


def banned_source(head: str, url: str) -> str | None:
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


def convert(col: Column, raw: str) -> tuple[Any, str | None]:
    """Convert one non-empty cell. Returns (value, problem sentence or None)."""
    t = col.type
    if t in ("str",):
        return raw, None
    if t in ("id", "slug"):
        if not SLUG.match(raw):
            return raw, (f"{raw!r} is not a valid id. Use lowercase letters, digits and single hyphens, "
                         "e.g. 'gsomia-signed'.")
        return raw, None
    if t == "enum":
        allowed = col.allowed if col.allowed != COURSE_LESSONS else tuple(teaching_lessons())
        if raw not in allowed:
            return raw, f"{raw!r} is not allowed. Use one of: {', '.join(allowed)}."
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
        if not URL.fullmatch(raw):
            return raw, f"{raw!r} is not a web address. Write the full address, starting with https://."
        return raw, banned_source(raw, raw)
    if t == "date":
        return raw, date_problem(raw)
    if t == "period":
        return raw, period_problem(raw)
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
                problem = source_problem(item)
                if problem:
                    return items, problem
        return items, None
    raise AssertionError(f"unknown column type {t!r}")  # a bug in SCHEMAS, not in the data


def in_region(lat: float, lon: float) -> bool:
    west, south, east, north = MAP_REGION
    return west <= lon <= east and south <= lat <= north


def row_checks(name: str, rec: dict[str, Any]) -> list[tuple[str, str]]:
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
            if on_map is True and not in_region(lat, lon):
                field = "latitude" if not MAP_REGION[1] <= lat <= MAP_REGION[3] else "longitude"
                out.append((field, f"({lat}, {lon}) lies outside the map region ({region}). Check the "
                                   "coordinates" + (" or set on_map to no." if name == "places" else ".")))
            if on_map is False and in_region(lat, lon):
                out.append(("on_map", f"is no, but ({lat}, {lon}) lies inside the map region ({region}). "
                                      "Set on_map to yes."))
    srcs, kinds = rec.get("sources"), rec.get("source_kinds")
    if "source_kinds" in rec and isinstance(srcs or [], list) and isinstance(kinds or [], list):
        if len(srcs or []) != len(kinds or []):
            out.append(("source_kinds", f"lists {len(kinds or [])} kind(s) for {len(srcs or [])} source(s). Give "
                                        "one kind per source, in the same order, joined by ' | '."))
    if name == "documents":
        issued, published = rec.get("date_issued"), rec.get("date_published")
        if isinstance(issued, str) and isinstance(published, str) and not date_problem(issued) \
                and not date_problem(published) \
                and published[:min(len(issued), len(published))] < issued[:min(len(issued), len(published))]:
            out.append(("date_published", f"{published!r} is before date_issued {issued!r}. A document cannot be "
                                          "published before it was issued; check both dates."))
        out.extend(document_text_problems(rec))
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


def parse_table(name: str, p: Path) -> list[dict[str, Any]]:
    """Read and validate one CSV dataset. Raises DataError listing every problem."""
    display = display_name(p)
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
        raise DataError(summary(display, problems), problems)

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
            value, problem = convert(col, raw)
            rec[col.name] = value
            if problem:
                problems.append(f"{display}, row {index}, field {col.name!r}: {problem}")
        for field, problem in row_checks(name, rec):
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
                problems.append(f"{display_name(md)}: there is no row with id {md.stem!r} in {display}. Add a row for "
                                "it (field 'id'), or move the file out of the folder.")
    if problems:
        raise DataError(summary(display, problems), problems)
    return out


def summary(display: str, problems: list[str]) -> str:
    if len(problems) == 1:
        return problems[0]
    shown = problems[:20]
    more = f"\n- … and {len(problems) - 20} more" if len(problems) > 20 else ""
    return f"{display} has {len(problems)} problems:\n- " + "\n- ".join(shown) + more
