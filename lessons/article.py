"""The seed article: numbered paragraphs, its quotes and who said them, and a paragraph-by-paragraph reader.

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
from typing import Any

from ._html import dom_id, esc, notice, twin
from .component import Component

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


# --- the reader component --------------------------------------------------------------------------------------


def _claims_by_paragraph(claims: list[dict] | None) -> dict[int, list[dict]]:
    if claims is None:
        from . import data

        try:
            claims = data.rows("claims")
        except Exception:  # noqa: BLE001 - the reader still works without the claims layer
            claims = []
    grouped: dict[int, list[dict]] = {}
    for claim in claims:
        grouped.setdefault(int(claim["paragraph"]), []).append(claim)
    return grouped


def _paragraph_html(para: Paragraph, quotes_here: list[Quote], claims_here: list[dict]) -> str:
    body = esc(para.text)
    for q in quotes_here:
        if q.kind != "speech":
            continue
        quoted = esc(f"“{q.text}”")
        who = esc(q.speaker or "unattributed")
        body = body.replace(quoted, f'<q class="gs-quote" title="{who}">{esc(q.text)}</q>'
                            f'<span class="gs-speaker"> [{who}]</span>', 1)
    notes = "".join(
        f'<p class="gs-claim"><strong>Later sources:</strong> {esc(c.get("what_sources_say", ""))}</p>'
        for c in claims_here
    )
    return f'<p class="gs-para-text">{body}</p>{notes}'


_READER_CSS = """
.gs-article ol.gs-paras{padding-left:2.6em}
.gs-article ol.gs-paras li{margin:0.35em 0}
.gs-article q.gs-quote{background:#eaf3fb;quotes:"“" "”"}
.gs-article .gs-speaker{font-size:0.85em;color:#0b57a4;font-weight:600}
.gs-article .gs-claim{margin:0.2em 0 0.6em 0;padding:0.3em 0.6em;border-left:4px solid #CC79A7;background:#f8f0f5;
 font-size:0.92em}
.gs-article .gs-source{font-size:0.9em;color:#555}
"""


class ArticleReader(Component):
    """Read the article paragraph by paragraph, with quotes attributed and later corrections alongside.

    Live view: a "Paragraph" slider with Previous/Next buttons. Twin: every paragraph, numbered, with anchors
    `para-N` that quizzes, voices and claims link to.
    """

    label = "Article reader"

    def __init__(self, start: int = 1, claims: list[dict] | None = None, show_claims: bool = True) -> None:
        super().__init__()
        self.start = start
        self._claims = _claims_by_paragraph(claims) if show_claims else {}

    def plain_text(self) -> str:
        return (f"Article reader: “{title()}” in {len(_paragraphs())} numbered paragraphs — "
                "run this cell to read it one paragraph at a time.")

    def _quotes_in(self, number: int) -> list[Quote]:
        return [q for q in quotes(kind=None) if q.paragraph == number]

    def render_paragraph(self, number: Any) -> str:
        """HTML for one paragraph (or a notice if `number` is not a paragraph)."""
        try:
            para = paragraph(int(number))
        except (TypeError, ValueError):
            return notice(f"There is no paragraph {number!r}: choose a number from 1 to {len(_paragraphs())}.")
        return (f'<div class="gs-twin gs-article"><style>{_READER_CSS}</style>'
                f'<h4>Paragraph {para.number} of {len(_paragraphs())}</h4>'
                + _paragraph_html(para, self._quotes_in(para.number), self._claims.get(para.number, []))
                + "</div>")

    def build_widget(self) -> Any:
        import ipywidgets as w

        total = len(_paragraphs())
        slider = w.IntSlider(value=min(max(self.start, 1), total), min=1, max=total, step=1,
                             description="Paragraph", continuous_update=False)
        prev_btn = w.Button(description="Previous", tooltip="Previous paragraph", icon="arrow-left")
        next_btn = w.Button(description="Next", tooltip="Next paragraph", icon="arrow-right")
        view = w.HTML(self.render_paragraph(slider.value))

        def on_change(change: dict) -> None:
            view.value = self.render_paragraph(change["new"])

        slider.observe(on_change, names="value")
        prev_btn.on_click(lambda _: setattr(slider, "value", max(1, slider.value - 1)))
        next_btn.on_click(lambda _: setattr(slider, "value", min(total, slider.value + 1)))
        box = w.VBox([w.HBox([prev_btn, slider, next_btn]), view])
        box.slider, box.view = slider, view  # handles for tests and notebooks
        return box

    def twin_html(self) -> str:
        root = dom_id("article", title())
        items = []
        for para in _paragraphs():
            items.append(f'<li id="{anchor(para.number)}" value="{para.number}">'
                         + _paragraph_html(para, self._quotes_in(para.number), self._claims.get(para.number, []))
                         + "</li>")
        body = (f"<h3>{esc(title())}</h3>"
                f'<p class="gs-source">{esc(OUTLET)}, 22 Aug 2019. Quoted for teaching; '
                "quotes are highlighted with the speaker in brackets; notes marked “Later sources” show where "
                "later reporting qualifies the article.</p>"
                f'<ol class="gs-paras">{"".join(items)}</ol>')
        return twin("article", "The article, paragraph by paragraph", body, root_id=root, css=_READER_CSS)
