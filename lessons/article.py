"""The seed article: numbered paragraphs, its quotes and who said them (the reader is lessons.components.reader).

The course is built on one news text: "South Korea to Abandon Intelligence-Sharing with Japan", a FocusWashington
summary (22 Aug 2019) of a New York Times report of the same day. It is kept unchanged in `seeds/`. Line 1 is
the title; each following non-empty line is one paragraph, numbered from 1; the web page's comment box at the
end ("Be the first to comment", …) is not part of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SEED_FILE = "000_b3a6b13b04ce39c2.txt"
TITLE_FALLBACK = "South Korea to Abandon Intelligence-Sharing with Japan"
OUTLET = "FocusWashington (summary of a New York Times report)"
DATE = "2019-08-22"
URL = "https://focuswashington.com/2019/08/22/south-korea-to-abandon-intelligence-sharing-with-japan"
ORIGINAL_URL = "https://www.nytimes.com/2019/08/22/world/asia/south-korea-japan-intelligence.html"

# The web page's comment box, captured with the text; not part of the article.
_PAGE_FURNITURE = {"Be the first to comment", "Leave a Reply", "Your email address will not be published.", "*"}

# Quotes of this many words or fewer with no speaker are phrases (“white list”, “America first”), not speech.
_PHRASE_MAX_WORDS = 3

_QUOTE_RE = re.compile(r"“([^”]+)”")
_HONORIFIC_RE = re.compile(r"\b(?:Mr|Ms|Mrs|Dr)\.\s+([A-Z][a-z]+)")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the article (numbered from 1)."""

    number: int
    text: str


@dataclass(frozen=True)
class Quote:
    """A quotation in the article: its paragraph, words, kind and (for speech) who said it."""

    paragraph: int
    text: str
    kind: str  # "speech" or "phrase"
    speaker_id: str | None
    speaker: str | None


def seeds_dir() -> Path:
    """The folder holding the seed article: `lessons/_seeds` in an installed wheel, else the repository's `seeds/`."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_seeds", here.parent / "seeds"):
        if (candidate / SEED_FILE).is_file():
            return candidate
    raise FileNotFoundError(
        f"The seed article {SEED_FILE} was not found in lessons/_seeds or seeds/. "
        "Re-install the course with `make setup`, or restore seeds/ from the repository."
    )


@lru_cache(maxsize=1)
def _lines() -> tuple[str, ...]:
    text = (seeds_dir() / SEED_FILE).read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def title() -> str:
    """The article's headline."""
    return _lines()[0]


@lru_cache(maxsize=1)
def _paragraphs() -> tuple[Paragraph, ...]:
    body = [line for line in _lines()[1:] if line not in _PAGE_FURNITURE]
    return tuple(Paragraph(i, text) for i, text in enumerate(body, start=1))


def paragraphs() -> list[Paragraph]:
    """All paragraphs, numbered from 1."""
    return list(_paragraphs())


def paragraph(number: int) -> Paragraph:
    """One paragraph by number; a clear error if there is no such paragraph."""
    paras = _paragraphs()
    if not isinstance(number, int) or not 1 <= number <= len(paras):
        raise ValueError(f"The article has paragraphs 1 to {len(paras)}; there is no paragraph {number!r}.")
    return paras[number - 1]


def anchor(number: int) -> str:
    """The HTML anchor id of paragraph `number` (used by links from quizzes, voices and claims)."""
    return f"para-{int(number)}"


def _clean_name(name: str) -> str:
    name = re.sub(r"\s*\(.*?\)", "", name)
    return name.replace('"', "").strip()


def _people(people: list[dict] | None) -> list[dict]:
    if people is not None:
        return people
    from . import data

    return data.rows("people")


def _mentions(text: str, people: list[dict]) -> list[tuple[int, str, bool]]:
    """(position, person id, exact) for every name or alias in `text`; `exact` False for “Mr. X” forms."""
    found: list[tuple[int, str, bool]] = []
    for person in people:
        forms = {_clean_name(person["name"])}
        forms.update(a.strip() for a in (person.get("aliases") or []) if a and a.strip())
        for form in sorted(forms, key=len, reverse=True):
            if len(form) < 4 or form.startswith(("Mr.", "Ms.", "Mrs.", "Dr.")):
                continue
            for match in re.finditer(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", text):
                found.append((match.start(), person["id"], True))
    for match in _HONORIFIC_RE.finditer(text):
        found.append((match.start(), "?" + match.group(1), False))
    return sorted(found)


def _resolve_honorific(surname: str, people: list[dict], recent: list[str]) -> str | None:
    candidates = [p["id"] for p in people if surname in _clean_name(p["name"]).split()]
    for person_id in reversed(recent):
        if person_id in candidates:
            return person_id
    return candidates[0] if len(candidates) == 1 else None


def find_quotes(people: list[dict] | None = None) -> list[Quote]:
    """Locate every quotation and attribute speech to a speaker.

    A speaker is the person named nearest the quote in the same paragraph (names inside quotes don't count);
    with no name there (“…,” he said), the person mentioned most recently before. “Mr. Kim” goes to the Kim
    mentioned most recently. Short quotes with no speaker are phrases, not speech.
    """
    people = _people(people)
    names = {p["id"]: _clean_name(p["name"]) for p in people}
    recent: list[str] = []
    result: list[Quote] = []
    for para in _paragraphs():
        spans = [(m.start(), m.end(), m.group(1)) for m in _QUOTE_RE.finditer(para.text)]
        # Blank out quoted words so names inside quotes are not taken as speakers.
        outside = list(para.text)
        for start, end, _ in spans:
            outside[start:end] = " " * (end - start)
        mentions = []
        for pos, pid, exact in _mentions("".join(outside), people):
            if not exact:
                pid = _resolve_honorific(pid[1:], people, recent)
                if pid is None:
                    continue
            mentions.append((pos, pid))
            recent.append(pid)
        for start, end, words in spans:
            speaker_id = None
            if mentions:
                speaker_id = min(mentions, key=lambda m: min(abs(m[0] - start), abs(m[0] - end)))[1]
            elif recent:
                speaker_id = recent[-1]
            is_phrase = len(words.split()) <= _PHRASE_MAX_WORDS
            if is_phrase:
                result.append(Quote(para.number, words, "phrase", None, None))
            else:
                result.append(Quote(para.number, words, "speech", speaker_id, names.get(speaker_id)))
    return result


@lru_cache(maxsize=1)
def _cached_quotes() -> tuple[Quote, ...]:
    return tuple(find_quotes())


def quotes(kind: str | None = "speech") -> list[Quote]:
    """The article's quotes (by default only speech, not phrases such as “white list”)."""
    items = _cached_quotes()
    return [q for q in items if kind is None or q.kind == kind]


def speakers() -> list[str]:
    """Names of everyone quoted, in order of first quote."""
    seen: dict[str, None] = {}
    for q in quotes():
        if q.speaker:
            seen.setdefault(q.speaker, None)
    return list(seen)


def text() -> str:
    """The article as plain text: title, a blank line, then the numbered paragraphs."""
    return title() + "\n\n" + "\n\n".join(f"[{p.number}] {p.text}" for p in _paragraphs())
