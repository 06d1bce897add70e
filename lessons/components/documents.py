"""Source analysis: read a document as a historian — who made it, when, for whom, why, in which language.

One component, three uses:

- ``SourceAnalysis("kono-gsomia-statement-2019")`` — the document (excerpt in the original language and the
  English translation, marked as the source's or the course's) beside its **sourcing panel**, and below it a
  short **sourcing chart** the student fills in (who / when / purpose / reliability, with a reason);
- ``SourceAnalysis("radar-japan-account-2018", "radar-korea-account-2018")`` — a **corroboration** view: the
  two documents side by side, a table comparing their sourcing, and questions for comparing them;
- ``SourceAnalysis(..., chart=False)`` — the documents without the chart.

The chart is saved with the student's quiz answers: in the live view through :func:`save_chart` (the progress
file of :mod:`lessons.assessment.progress`), in the twin in the browser's localStorage under the same key prefix and
entry format the quiz twins use (``gsomia-quiz:<question id>``), so the site's scorecard counts it. A chart
counts as "complete" (``correct``) when every field is filled in; nothing is graded.

Documents come from ``data/documents.csv`` and ``data/documents/<id>.md`` (see data/README.md). Text from the
data is always escaped; document ids written in back-quotes in a Context section are shown as the other
document's title, never as an id. The twin loads nothing and links nowhere: the source is shown as the name of
the site where the text was checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from lessons._html import dom_id, esc, json_for_script, notice, table, twin
from lessons.assessment.core import STORAGE_PREFIX
from lessons.component import Component
from lessons.dates import fmt_date
from lessons.static import text as static_text

__all__ = ["SourceAnalysis", "save_chart", "chart_question_id", "CHART_FIELDS", "RELIABILITY", "MESSAGES",
           "STORAGE_PREFIX", "sourcing_facts"]

#: The sourcing chart: field name -> (label, kind). Kinds: "text", "long", "choice".
CHART_FIELDS: dict[str, tuple[str, str]] = {
    "who": ("Who made it, and what was their role?", "text"),
    "when": ("When was it made, and what had just happened?", "text"),
    "purpose": ("For whom, and why, was it made?", "long"),
    "reliability": ("How far can you trust it as evidence for your question?", "choice"),
    "because": ("Because…", "long"),
}
RELIABILITY = ("reliable", "partly reliable", "not reliable", "can't tell yet")
MESSAGES = {
    "saved": "Saved with your quiz answers.",
    "saved_incomplete": "Saved with your quiz answers. Some fields are still empty: fill them in and save again.",
    "saved_twin": "Saved on this browser with your quiz answers.",
    "empty": "Write at least one answer before saving.",
    "error": "Your chart could not be saved ({error}). Copy your answers somewhere safe and tell your teacher.",
}
COMPARE_QUESTIONS = (
    "Where do the two documents agree? Where do they contradict each other?",
    "Who made each one, for whom, and why? How does that explain the differences?",
    "Which detail could you check in a third source? Which one?",
)

_LANG_NAMES = {"en": "English", "ja": "Japanese", "ko": "Korean"}
_KIND_NAMES = {
    "government-statement": "government statement", "court-ruling": "court ruling", "treaty-text": "treaty text",
    "speech": "speech", "testimony": "testimony", "poll": "opinion poll", "state-media": "state media report",
    "news-report": "news report",
}
_SOURCE_KIND_NAMES = {  # the course's shared source kinds (lessons.data.SOURCE_KINDS)
    "seed": "the seed article", "government": "a government's own site", "court": "a court's site",
    "treaty": "a treaty collection", "statistics": "a statistics office",
    "intergovernmental": "an intergovernmental organization", "news-agency": "a news agency",
    "news": "a newspaper or broadcaster", "state-media": "state media (a state-controlled outlet)",
    "reprint": "a copy on a site that is not the original publisher", "scholarly": "a scholarly publication",
    "think-tank": "a think tank", "reference": "a reference work", "trade-press": "the trade press",
    "other": "another kind of site",
}
_CONFIDENCE_NOTE = {
    "high": "the text was checked in a reliable source",
    "medium": "the text was seen only in a reprint, a quotation or copies that differ slightly",
    "low": "the text could not be confirmed; treat it as uncertain",
}



# --------------------------------------------------------------------------------------------------------
# Data helpers
# --------------------------------------------------------------------------------------------------------


def chart_question_id(doc_id: str, lesson: str | None = None) -> str:
    """The id under which a sourcing chart is saved: ``03-sourcing-<doc id>`` (``sourcing-<doc id>`` without a
    lesson)."""
    return f"{lesson}-sourcing-{doc_id}" if lesson else f"sourcing-{doc_id}"


def _site(url: str | None) -> str:
    try:
        host = urlsplit(url or "").hostname or ""
    except ValueError:
        host = ""
    return host[4:] if host.startswith("www.") else host


def _translator(text: str | None) -> str | None:
    m = re.match(r"^Translation: the (source's|course's)", text or "")
    if not m:
        return None
    return "the source's own translation" if m.group(1) == "source's" else "the course's translation"


def sourcing_facts(row: dict[str, Any], text: dict[str, Any]) -> list[tuple[str, str]]:
    """The sourcing panel as (label, sentence) pairs, computed from the row and the text's sections."""
    sections = text.get("sections", {})
    lang = row.get("language") or ""
    lang_name = _LANG_NAMES.get(lang, lang or "not recorded")
    translator = _translator(sections.get("Translation")) or "a translation"
    language = lang_name if lang == "en" else f"{lang_name}; the English is {translator}"
    issued, published = fmt_date(row.get("date_issued")), fmt_date(row.get("date_published"))
    when = issued if issued == published else f"{issued}; made public {published}"
    site = _site(row.get("source_url"))
    where = f"{site} — {_SOURCE_KIND_NAMES.get(row.get('source_kind') or '', row.get('source_kind') or '')}"
    quote = ("word for word as in that source" if row.get("quote_status") == "exact"
             else "a paraphrase in the course's words, not a quotation")
    conf = row.get("confidence") or ""
    return [
        ("Who", f"{row.get('issuer') or 'not recorded'} "
                f"({_KIND_NAMES.get(row.get('kind') or '', row.get('kind') or '')})"),
        ("When", when),
        ("For whom", _plain(sections.get("Audience")) or "not recorded"),
        ("Why", _plain(sections.get("Purpose")) or "not recorded"),
        ("Language", language),
        ("Where the course found the text", where),
        ("The excerpt is", quote),
        ("Confidence", f"{conf}: {_CONFIDENCE_NOTE.get(conf, '')}".rstrip(": ")),
        ("Evidence of", row.get("evidence_of") or "not recorded"),
    ]


def _plain(md: str | None) -> str:
    return " ".join((md or "").split())


def _inline(text: str, titles: dict[str, str]) -> str:
    """Escape a line; show `document-id` references as the document's title, other back-quoted text plainly."""
    out, last = [], 0
    for m in re.finditer(r"`([^`]+)`", text):
        out.append(esc(text[last:m.start()]))
        ref = m.group(1)
        out.append(f"“{esc(titles[ref])}”" if ref in titles else esc(ref))
        last = m.end()
    out.append(esc(text[last:]))
    return "".join(out)


def _blocks(md: str | None, titles: dict[str, str], lang: str | None = None) -> str:
    """A tiny, safe Markdown subset: paragraphs, and ``>`` quotations as <blockquote>. Everything is escaped."""
    parts: list[str] = []
    for block in re.split(r"\n\s*\n", (md or "").strip()):
        lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
        if not lines:
            continue
        if all(ln.startswith(">") for ln in lines):
            inner = "".join(f"<p>{_inline(ln.lstrip('>').strip(), titles)}</p>" for ln in lines)
            lang_attr = f' lang="{esc(lang)}"' if lang else ""
            parts.append(f"<blockquote{lang_attr}>{inner}</blockquote>")
        else:
            parts.append(f"<p>{_inline(' '.join(lines), titles)}</p>")
    return "".join(parts)


# --------------------------------------------------------------------------------------------------------
# Saving the chart (one small function, so the assessment layout can adapt it)
# --------------------------------------------------------------------------------------------------------


def save_chart(doc_id: str, answers: dict[str, Any], *, lesson: str | None = None,
               path: Path | str | None = None) -> dict:
    """Record a sourcing chart with the student's quiz answers and return the entry written.

    The question id is :func:`chart_question_id`; the answer is a list of ``[field, text]`` pairs in the order
    of :data:`CHART_FIELDS` (the progress file keeps lists, not dicts); ``correct`` means "every field filled
    in" (charts are not graded). Uses :func:`lessons.assessment.progress.record` (atomic write; a broken
    progress file is moved aside, never deleted).
    """
    from lessons.assessment import progress

    clean = [[k, str(answers.get(k) or "").strip()] for k in CHART_FIELDS]
    complete = all(v for _, v in clean)
    return progress.record(chart_question_id(doc_id, lesson), clean, complete, lesson=lesson or "sourcing",
                           path=Path(path) if path is not None else None)


# --------------------------------------------------------------------------------------------------------
# The component
# --------------------------------------------------------------------------------------------------------


class SourceAnalysis(Component):
    """One document with its sourcing panel, or two side by side for corroboration, plus a sourcing chart.

    ``SourceAnalysis(*doc_ids, chart=None, lesson=None, rows=None, texts=None, path=None)``

    - ``doc_ids``: one or two ids from ``data/documents.csv``;
    - ``chart``: show the sourcing chart (default: yes for one document, no for two);
    - ``lesson``: "03" etc., used in the id the chart is saved under;
    - ``rows`` / ``texts``: documents rows and parsed texts (tests, previews); default: :mod:`lessons.data`;
    - ``path``: progress file for the live view's saves (default: the student's progress file).
    """

    label = "Source analysis"

    def __init__(self, *doc_ids: str, chart: bool | None = None, lesson: str | None = None,
                 rows: Iterable[dict[str, Any]] | None = None, texts: dict[str, Any] | None = None,
                 path: Path | str | None = None) -> None:
        super().__init__()
        self.problems: list[str] = []
        self.lesson = lesson
        self.path = path
        if not 1 <= len(doc_ids) <= 2:
            self.problems.append(f"Give one document (to read it) or two (to compare them); {len(doc_ids)} were "
                                 "given, so only the first two are shown.")
        all_rows = self._load_rows(rows)
        self.titles = {r["id"]: r.get("title") or r["id"] for r in all_rows}
        by_id = {r["id"]: r for r in all_rows}
        self.docs: list[tuple[dict[str, Any], dict[str, Any]]] = []
        for did in list(doc_ids)[:2]:
            if did not in by_id:
                close = [i for i in by_id if str(did) in i or i in str(did)][:3]
                hint = f" Did you mean: {', '.join(close)}?" if close else ""
                self.problems.append(f"There is no document called {did!r} in data/documents.csv.{hint}")
                continue
            text = self._load_text(did, texts)
            if text is None:
                continue
            self.docs.append((by_id[did], text))
        self.chart = (len(self.docs) == 1) if chart is None else bool(chart)

    # --- loading ---------------------------------------------------------------------------------------
    def _load_rows(self, rows: Iterable[dict[str, Any]] | None) -> list[dict[str, Any]]:
        if rows is not None:
            return [dict(r) for r in rows]
        from lessons import data

        try:
            return data.rows("documents")
        except data.DataError as exc:
            self.problems.append(f"The document library can't be read: {exc}")
            return []

    def _load_text(self, did: str, texts: dict[str, Any] | None) -> dict[str, Any] | None:
        from lessons import data

        if texts is not None:
            raw = texts.get(did)
            if raw is None:
                self.problems.append(f"The text of the document {did!r} is missing.")
                return None
            return data.parse_document_text(raw) if isinstance(raw, str) else raw
        try:
            return data.document_text(did)
        except data.DataError as exc:
            self.problems.append(str(exc))
            return None

    # --- pieces ----------------------------------------------------------------------------------------
    @property
    def ids(self) -> list[str]:
        return [row["id"] for row, _ in self.docs]

    def question_ids(self) -> list[str]:
        return [chart_question_id(i, self.lesson) for i in self.ids] if self.chart else []

    def plain_text(self) -> str:
        if len(self.docs) == 2:
            a, b = (row.get("title") for row, _ in self.docs)
            return f"Two documents side by side: “{a}” and “{b}” — run this cell to compare them."
        if self.docs:
            row = self.docs[0][0]
            return (f"Document: “{row.get('title')}” ({row.get('issuer')}, {fmt_date(row.get('date_issued'))}) "
                    "— run this cell to open the document.")
        return "Source analysis — run this cell to open the document."

    def _text_html(self, row: dict[str, Any], text: dict[str, Any]) -> str:
        s = text.get("sections", {})
        lang = row.get("language") or "en"
        if lang == "en":
            body = "<h4>Excerpt</h4>" + _blocks(s.get("Excerpt"), self.titles, "en")
        else:
            name = _LANG_NAMES.get(lang, lang)
            translation = s.get("Translation") or ""
            first, _, rest = translation.partition("\n")
            body = (f"<h4>Original ({esc(name)})</h4>" + _blocks(s.get("Original"), self.titles, lang)
                    + "<h4>English translation</h4>"
                    + f'<p class="gs-translator">{_inline(first.strip(), self.titles)}</p>'
                    + _blocks(rest, self.titles, "en"))
        if s.get("Context"):
            body += f"<details><summary>Context</summary>{_blocks(s.get('Context'), self.titles)}</details>"
        if s.get("Source"):
            where = _blocks(s.get("Source"), self.titles)
            body += f"<details><summary>Where the text comes from</summary>{where}</details>"
        return f'<div class="gs-doc-text">{body}</div>'

    def _panel_html(self, row: dict[str, Any], text: dict[str, Any]) -> str:
        items = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in sourcing_facts(row, text))
        return (f'<aside class="gs-sourcing" aria-label="Sourcing: {esc(row.get("title"))}">'
                f"<h4>Sourcing</h4><dl>{items}</dl></aside>")

    def doc_html(self, row: dict[str, Any], text: dict[str, Any]) -> str:
        """One document: title, text (original and translation) and sourcing panel."""
        title = text.get("title") or row.get("title")
        return (f'<article class="gs-doc" data-doc="{esc(row["id"])}"><h3>{esc(title)}</h3>'
                f'<div class="gs-doc-grid">{self._text_html(row, text)}{self._panel_html(row, text)}</div></article>')

    def compare_html(self) -> str:
        """The sourcing of two documents in one table, and the corroboration questions."""
        (ra, ta), (rb, tb) = self.docs
        fa, fb = sourcing_facts(ra, ta), sourcing_facts(rb, tb)
        rows = [(label, va, vb) for (label, va), (_, vb) in zip(fa, fb)]
        questions = "".join(f"<li>{esc(q)}</li>" for q in COMPARE_QUESTIONS)
        return (table(["", ra.get("title") or "", rb.get("title") or ""], rows,
                      caption="Compare the sourcing of the two documents")
                + f"<h4>Corroborate</h4><ol>{questions}</ol>")

    def _chart_fields_html(self, root: str, did: str) -> str:
        parts = []
        for key, (label, kind) in CHART_FIELDS.items():
            fid = f"{root}-{did}-{key}"
            if kind == "choice":
                opts = '<option value="">Choose…</option>' + "".join(
                    f'<option value="{esc(o)}">{esc(o)}</option>' for o in RELIABILITY)
                ctl = f'<select id="{esc(fid)}" data-field="{key}">{opts}</select>'
            elif kind == "long":
                ctl = f'<textarea id="{esc(fid)}" data-field="{key}" rows="2"></textarea>'
            else:
                ctl = f'<input type="text" id="{esc(fid)}" data-field="{key}">'
            parts.append(f'<label class="gs-field" for="{esc(fid)}">{esc(label)}{ctl}</label>')
        return "".join(parts)

    def chart_html(self, root: str, row: dict[str, Any]) -> str:
        """The sourcing chart form of one document (the twin's script reveals and saves it)."""
        did = row["id"]
        return (f'<form class="gs-chart" data-question="{esc(chart_question_id(did, self.lesson))}" '
                f'data-lesson="{esc(self.lesson or "sourcing")}" onsubmit="return false">'
                f"<fieldset><legend>Your sourcing chart: {esc(row.get('title'))}</legend>"
                + self._chart_fields_html(root, did)
                + '<button type="button" class="gs-save">Save my sourcing chart</button>'
                + '<p class="gs-status" role="status" aria-live="polite"></p></fieldset></form>')

    def _notices(self) -> str:
        return "".join(notice(m, "error") for m in self.problems)

    def body_html(self) -> str:
        """Everything but the chart: notices, the document(s) and, for two, the comparison."""
        if not self.docs:
            return self._notices() or notice("No document to show.", "error")
        if len(self.docs) == 1:
            return self._notices() + self.doc_html(*self.docs[0])
        pair = "".join(self.doc_html(r, t) for r, t in self.docs)
        return self._notices() + f'<div class="gs-pair">{pair}</div>' + self.compare_html()

    # --- renderings ------------------------------------------------------------------------------------
    def twin_html(self) -> str:
        root = dom_id("docs", self.ids, self.lesson, self.chart)
        charts = ""
        if self.chart and self.docs:
            charts = (f'<div class="gs-js" hidden>{"".join(self.chart_html(root, r) for r, _ in self.docs)}</div>'
                      '<p class="gs-noscript">Scripts are off in this page: write your sourcing chart (who, when, '
                      "purpose, reliability and why) on paper.</p>")
        title = "Two documents compared" if len(self.docs) == 2 else "A document to source"
        payload = {"prefix": STORAGE_PREFIX, "msg": MESSAGES, "fields": list(CHART_FIELDS)}
        body = (self.body_html() + charts
                + f'<script type="application/json" class="gs-docs-data">{json_for_script(payload)}</script>')
        return twin("docs", title, body, root_id=root, script=_js() if charts else None, css=_css())

    def build_widget(self) -> Any:
        import ipywidgets as w

        from lessons._html import twin_css

        view = w.HTML(value=f'<div class="gs-twin gs-docs"><style>{twin_css()}{_css()}</style>{self.body_html()}</div>')
        children: list[Any] = [view]
        self.chart_widgets: dict[str, dict[str, Any]] = {}
        if self.chart:
            for row, _ in self.docs:
                children.append(self._chart_widget(w, row))
        return w.VBox(children)

    def _chart_widget(self, w: Any, row: dict[str, Any]) -> Any:
        did = row["id"]
        layout = w.Layout(width="100%", max_width="40em")
        style = {"description_width": "initial"}
        controls: dict[str, Any] = {}
        items: list[Any] = [w.HTML(f"<strong>Your sourcing chart: {esc(row.get('title'))}</strong>")]
        for key, (label, kind) in CHART_FIELDS.items():
            items.append(w.Label(label))
            if kind == "choice":
                controls[key] = w.Dropdown(options=[("Choose…", "")] + [(o, o) for o in RELIABILITY], value="",
                                           description="", style=style, layout=layout)
            elif kind == "long":
                controls[key] = w.Textarea(layout=layout, description="", placeholder="")
            else:
                controls[key] = w.Text(layout=layout, description="")
            items.append(controls[key])
        button = w.Button(description="Save my sourcing chart", button_style="primary")
        status = w.HTML("")

        def on_save(_: Any = None) -> None:
            answers = {k: c.value for k, c in controls.items()}
            if not any(str(v).strip() for v in answers.values()):
                status.value = esc(MESSAGES["empty"])
                return
            try:
                entry = save_chart(did, answers, lesson=self.lesson, path=self.path)
            except Exception as exc:  # noqa: BLE001 - a save must never crash the lesson
                status.value = esc(MESSAGES["error"].format(error=exc.__class__.__name__))
                return
            status.value = esc(MESSAGES["saved"] if entry["correct"] else MESSAGES["saved_incomplete"])

        button.on_click(on_save)
        self.chart_widgets[did] = {"controls": controls, "button": button, "status": status, "save": on_save}
        return w.VBox(items + [button, status])



def _css() -> str:
    """lessons/static/documents.css"""
    return static_text("documents.css")


def _js() -> str:
    """lessons/static/documents.js, without its comment, one line (every statement ends with ; or })."""
    source = static_text("documents.js").split("*/", 1)[-1]
    return "".join(line.strip() for line in source.strip().splitlines())
