"""Document texts: ``data/documents/<id>.md``, one per row of ``data/documents.csv``.

:func:`parse_document_text` splits a text into its title and sections; :func:`document_text_problems` says what
is wrong with the text of one documents row (used when the dataset is checked). Re-exported by :mod:`lessons.data`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .data_files import data_dir, display_name
from .data_schema import DOC_EXCERPT_MAX, DOC_SECTIONS, DOCUMENTS_DIR, LANGUAGES, SLUG

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


def document_file(rid: str) -> Path:
    return data_dir() / DOCUMENTS_DIR / f"{rid}.md"


def document_text_problems(rec: dict[str, Any]) -> list[tuple[str, str]]:
    """What is wrong with the text file of one documents row (empty list when it is fine)."""
    rid = rec.get("id")
    if not isinstance(rid, str) or not SLUG.match(rid):
        return []
    f = document_file(rid)
    shown = display_name(f)
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

