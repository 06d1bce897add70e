"""The article reader: the seed article paragraph by paragraph, quotes attributed, later corrections alongside."""

from __future__ import annotations

import re
from typing import Any

from .._html import dom_id, esc, notice, twin
from ..article import OUTLET, Paragraph, Quote, anchor, paragraph, paragraphs, quotes, seeds_dir, title
from ..component import Component
from ..static import text as static_text

__all__ = ["ArticleReader", "easier_paragraphs", "EASIER_FILE"]

#: The course's easier-reading adaptation of the article (seeds/easier-reading.md), numbered like the original.
EASIER_FILE = "easier-reading.md"
EASIER_LABEL = "Easier reading: the course's adaptation in short sentences, not the article's own words."


def easier_paragraphs() -> dict[int, str]:
    """The easier-reading version, ``{paragraph number: text}``; empty if the file is missing."""
    try:
        text = (seeds_dir() / EASIER_FILE).read_text(encoding="utf-8")
    except OSError:  # includes FileNotFoundError from seeds_dir()
        return {}
    parts = re.split(r"^## (\d+)\s*$", text, flags=re.M)
    return {int(n): " ".join(body.split()) for n, body in zip(parts[1::2], parts[2::2])}


def _easier_html(text: str) -> str:
    return re.sub(r"\*([^*]+)\*", r"<em>\1</em>", esc(text))  # *term* marks a glossed word


def _css() -> str:
    """lessons/static/reader.css"""
    return static_text("reader.css")


def _claims_by_paragraph(claims: list[dict] | None) -> dict[int, list[dict]]:
    if claims is None:
        from .. import data

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
    return f'<p class="gs-para-text">{body}</p>{_notes_html(claims_here)}'


def _notes_html(claims_here: list[dict]) -> str:
    return "".join(f'<p class="gs-claim"><strong>Later sources:</strong> {esc(c.get("what_sources_say", ""))}</p>'
                   for c in claims_here)


class ArticleReader(Component):
    """Read the article paragraph by paragraph, with quotes attributed and later corrections alongside.

    Live view: a "Paragraph" slider with Previous/Next buttons. Twin: every paragraph, numbered, with anchors
    `para-N` that quizzes, voices and claims link to.
    """

    label = "Article reader"

    def __init__(self, start: int = 1, claims: list[dict] | None = None, show_claims: bool = True,
                 easier: bool = False) -> None:
        super().__init__()
        self.start = start
        self.easier = easier  # start on the easier-reading version (both versions are always offered)
        self._claims = _claims_by_paragraph(claims) if show_claims else {}

    def plain_text(self) -> str:
        return (f"Article reader: “{title()}” in {len(paragraphs())} numbered paragraphs — "
                "run this cell to read it one paragraph at a time.")

    def _quotes_in(self, number: int) -> list[Quote]:
        return [q for q in quotes(kind=None) if q.paragraph == number]

    def render_paragraph(self, number: Any, easier: bool = False) -> str:
        """HTML for one paragraph, original or easier reading (or a notice if `number` is not a paragraph)."""
        try:
            para = paragraph(int(number))
        except (TypeError, ValueError):
            return notice(f"There is no paragraph {number!r}: choose a number from 1 to {len(paragraphs())}.")
        simple = easier_paragraphs().get(para.number) if easier else None
        body = (f'<p class="gs-source">{esc(EASIER_LABEL)}</p><p class="gs-para-text">{_easier_html(simple)}</p>'
                if simple else _paragraph_html(para, self._quotes_in(para.number), []))
        notes = _notes_html(self._claims.get(para.number, []))
        return (f'<div class="gs-twin gs-article"><style>{_css()}</style>'
                f'<h4>Paragraph {para.number} of {len(paragraphs())}</h4>' + body + notes + "</div>")

    def build_widget(self) -> Any:
        import ipywidgets as w

        total = len(paragraphs())
        slider = w.IntSlider(value=min(max(self.start, 1), total), min=1, max=total, step=1,
                             description="Paragraph", continuous_update=False)
        prev_btn = w.Button(description="Previous", tooltip="Previous paragraph", icon="arrow-left")
        next_btn = w.Button(description="Next", tooltip="Next paragraph", icon="arrow-right")
        version = w.ToggleButtons(options=["Original", "Easier reading"], description="Version",
                                  value="Easier reading" if self.easier and easier_paragraphs() else "Original",
                                  tooltips=["The article's own words", "The course's adaptation in short sentences"])
        view = w.HTML(self.render_paragraph(slider.value, version.value != "Original"))

        def on_change(_change: dict) -> None:
            view.value = self.render_paragraph(slider.value, version.value != "Original")

        slider.observe(on_change, names="value")
        version.observe(on_change, names="value")
        prev_btn.on_click(lambda _: setattr(slider, "value", max(1, slider.value - 1)))
        next_btn.on_click(lambda _: setattr(slider, "value", min(total, slider.value + 1)))
        box = w.VBox([w.HBox([prev_btn, slider, next_btn]), version, view])
        box.slider, box.view, box.version = slider, view, version  # handles for tests and notebooks
        return box

    def twin_html(self) -> str:
        root = dom_id("article", title())
        items = []
        for para in paragraphs():
            items.append(f'<li id="{anchor(para.number)}" value="{para.number}">'
                         + _paragraph_html(para, self._quotes_in(para.number), self._claims.get(para.number, []))
                         + "</li>")
        total = len(items)
        start = min(max(int(self.start), 1), total) if total else 1
        options = "".join(f'<option value="{k}"{" selected" if k == start else ""}>{k}</option>'
                          for k in range(1, total + 1))
        # Paragraph navigation like the live view (Previous / Paragraph / Next), shown when scripts run; without
        # them (or before the cell is run in JupyterLab) every paragraph is listed.
        nav = (f'<div class="gs-controls gs-reader-nav" data-gs-start="{start}" hidden>'
               '<button type="button" class="gs-prev">Previous</button>'
               f'<label for="{esc(root)}-para">Paragraph</label><select id="{esc(root)}-para">{options}</select>'
               '<button type="button" class="gs-next">Next</button>'
               '<button type="button" class="gs-all gs-secondary" aria-pressed="false">Show all paragraphs</button>'
               '<span class="gs-reader-status" role="status" aria-live="polite"></span></div>')
        body = (f"<h3>{esc(title())}</h3>"
                f'<p class="gs-source">{esc(OUTLET)}, 22 Aug 2019. Quoted for teaching; '
                "quotes are highlighted with the speaker in brackets; notes marked “Later sources” show where "
                "later reporting qualifies the article.</p>"
                + nav +
                f'<ol class="gs-paras">{"".join(items)}</ol>')
        easier = easier_paragraphs()
        if easier:
            simple = "".join(f'<li value="{n}"><p class="gs-para-text">{_easier_html(t)}</p></li>'
                             for n, t in sorted(easier.items()))
            body += (f'<details class="gs-easier"{" open" if self.easier else ""}><summary>Easier reading: the '
                     "article in short sentences</summary>"
                     f'<p class="gs-source">{esc(EASIER_LABEL)} Paragraph numbers match the original.</p>'
                     f'<ol class="gs-paras">{simple}</ol></details>')
        return twin("article", "The article, paragraph by paragraph", body, root_id=root, css=_css(),
                    script=static_text("reader.js"))
