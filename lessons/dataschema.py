"""The schemas of the course's datasets and the constants they use: every column of every file in ``data/``,
and the format of a document text (``data/documents/<id>.md``, :func:`parse_document_text`).

:mod:`lessons.data` reads and checks the files against :data:`SCHEMAS` (and re-exports these names); this module
only declares them, so it imports nothing from the course.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = [
    "MAP_REGION", "ARTICLE_PARAGRAPHS", "DATE_MIN_YEAR", "DATE_MAX_YEAR", "CONFIDENCE", "YES_NO", "SOURCE_KINDS",
    "Column", "CATEGORIES", "PERSPECTIVES", "COUNTRIES", "VERDICTS", "PLACE_KINDS", "GLOSSARY_KINDS",
    "DOCUMENT_KINDS", "LANGUAGES", "QUOTE_STATUS", "DOCUMENTS_DIR", "DOC_SECTIONS", "DOC_EXCERPT_MAX",
    "COURSE_LESSONS", "SCHEMAS", "LICENCES", "GEOJSON_NAME", "JSON_DESCRIPTIONS", "JSON_SOURCES", "MANIFEST",
    "parse_document_text",
]


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

#: What kind of source each item of ``sources`` is; ``source_kinds`` lists one per source, in the same order.
SOURCE_KINDS = ("seed", "government", "court", "treaty", "statistics", "intergovernmental", "news-agency", "news",
                "state-media", "reprint", "scholarly", "think-tank", "reference", "trade-press", "other")


# --------------------------------------------------------------------------------------------------------
# Schemas
# --------------------------------------------------------------------------------------------------------


class Column:
    """One column of a dataset: its name, type, whether a value is required, and allowed values (enums).

    Types: ``id`` (unique lowercase slug), ``slug``, ``str``, ``int``, ``float``, ``date``, ``period``,
    ``enum``, ``list`` (split on ``sep``), ``sources`` (a list split on ``" | "``), ``lat``, ``lon``,
    ``bool-yes-no``, ``int-list`` (``"; "``-separated whole numbers), ``kinds`` (source kinds, ``" | "``-separated).
    """

    __slots__ = ("allowed", "help", "name", "required", "sep", "type")

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
DOCUMENT_KINDS = ("government-statement", "court-ruling", "treaty-text", "speech", "testimony", "poll",
                  "state-media", "news-report")
#: ISO 639-1 codes of the documents' original languages.
LANGUAGES = {"en": "English", "ja": "Japanese", "ko": "Korean"}
QUOTE_STATUS = ("exact", "paraphrase")
DOCUMENTS_DIR = "documents"
#: Sections every document text (data/documents/<id>.md) must have; the excerpt sections depend on the language.
DOC_SECTIONS = ("Audience", "Purpose", "Source")
DOC_EXCERPT_MAX = 2000  # characters of the excerpt in one language (about 250 English words)
#: Marks a column whose values are the numbers of the course's teaching lessons (kind "lesson" in course.json).
COURSE_LESSONS = ("(a teaching lesson of data/course.json)",)

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
            _c("lesson", "enum", allowed=COURSE_LESSONS),
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
#: What the course's other JSON files hold (for data/manifest.json).
JSON_DESCRIPTIONS = {
    "course.json": "The course manifest: every lesson in order with its number, slug, title, question, time, "
                   "quiz bank and teacher page.",
    "decision.json": "The role-play: roles, options with trade-offs, and the debrief, citing rows.",
    "forecasts.json": "The article's forecasts that lesson 06 checks, with the evidence rows and the course's "
                      "reading of each.",
    "handouts.json": "What each printed worksheet (make handouts) holds: its key document, graphic organiser and "
                     "exit ticket, from the document library and the quiz banks.",
    "reflections.json": "The written-reflection prompts of the student's work file (not marked: the teacher reads "
                        "them).",
}
#: Where the facts of a course JSON file come from, when it is not "the course data rows it cites".
JSON_SOURCES = {
    "reflections.json": "none: writing prompts by the course's authors",
}
MANIFEST = "manifest.json"


# Document texts: data/documents/<id>.md
_HEADING = re.compile(r"^(#{1,2})[ \t]+(.+?)[ \t]*$", re.M)


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
