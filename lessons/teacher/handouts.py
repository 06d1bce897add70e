"""Printable handouts for a class without a computer each: ``make handouts`` → ``_build/handouts/``.

Writes A4 PDFs, laid out by Chromium (the browser the tests already use, through Playwright's ``page.pdf``),
with the fonts embedded — Korean and Japanese included (Noto Sans CJK, Debian's ``fonts-noto-cjk``):

- ``NN-slug-worksheet.pdf`` for lessons 01–07 (at most two pages each): the central question, the key document
  excerpt (from ``data/documents.csv`` when the document library is there, else paragraphs of the seed article),
  a graphic organiser (sourcing, corroboration, perspectives, cause-and-consequence or options chart) and the exit
  ticket (the questions of the notebook's cell tagged ``exit-ticket``, else those in ``data/handouts.json``);
- ``role-cards.pdf``: the decision room's roles, one per page;
- ``decision-memo.pdf`` and ``debrief-sheet.pdf`` for lesson 07;
- ``answer-key.pdf`` for teachers (every question with its answer, and the exit tickets' answers).

Every text comes from ``data/`` and the notebooks; nothing is typed here but headings and instructions.
``python -m lessons handouts --out DIR`` does the same; it writes only these file names into ``DIR``.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._html import esc
from ..static import text as static_text

__all__ = [
    "FILES",
    "Worksheet",
    "answer_key_html",
    "build",
    "cli",
    "debrief_html",
    "documents_html",
    "memo_html",
    "role_cards_html",
    "worksheet_html",
    "worksheets",
]

FILES = ("role-cards.pdf", "decision-memo.pdf", "debrief-sheet.pdf", "answer-key.pdf")
CJK_FONTS = ("Noto Sans CJK KR", "Noto Sans CJK JP", "Noto Sans KR", "Noto Sans JP")



@dataclass
class Worksheet:
    number: str
    slug: str
    title: str
    question: str
    organiser: str
    # each {"title", "issuer", "date", "lang", "original", "translation", "note", "source"}
    documents: list[dict] = field(default_factory=list)
    ticket: list[dict] = field(default_factory=list)      # a bank question, or {"write": text}
    ticket_from: str = "data/handouts.json"

    @property
    def filename(self) -> str:
        return f"{self.number}-{self.slug}-worksheet.pdf"


# --------------------------------------------------------------------------------------------------------
# Content, from data and notebooks
# --------------------------------------------------------------------------------------------------------


def config() -> dict:
    """``data/handouts.json``."""
    from .. import data

    return json.loads((data.data_dir() / "handouts.json").read_text(encoding="utf-8"))


def _lessons() -> list[Any]:
    from .. import course

    getter = getattr(course, "lessons", None)
    return list(getter()) if callable(getter) else list(course.LESSONS)


def _md_sections(text: str) -> dict[str, str]:
    sections, head, buf = {}, "", []
    for line in text.splitlines():
        m = re.match(r"^##\s+(.*)", line)
        if m:
            sections[head] = "\n".join(buf).strip()
            head, buf = m.group(1).strip(), []
        else:
            buf.append(line)
    sections[head] = "\n".join(buf).strip()
    return sections


def _quotes(md: str) -> list[str]:
    """The block quotes of a Markdown section, one string per quoted paragraph."""
    out, cur = [], []
    for line in md.splitlines():
        if line.startswith(">"):
            cur.append(line[1:].strip())
        elif cur:
            out.append(" ".join(cur).strip())
            cur = []
    if cur:
        out.append(" ".join(cur).strip())
    return [q for q in out if q]


def _document(doc_id: str) -> dict | None:
    """A document of the library (``data/documents.csv`` + ``data/documents/<id>.md``), or None."""
    from .. import data

    try:
        row = data.row("documents", doc_id)
    except Exception:  # noqa: BLE001 - the library may not be there yet: the worksheet falls back to the article
        return None
    path = data.data_dir() / "documents" / f"{doc_id}.md"
    try:
        sections = _md_sections(path.read_text(encoding="utf-8"))
    except OSError:
        return None
    lang = row.get("language") or "en"
    original = next((v for k, v in sections.items() if k.lower().startswith("original")), "")
    translation = sections.get("Translation", "")
    note = next((ln.strip() for ln in translation.splitlines() if ln.strip().lower().startswith("translation:")), "")
    from ..components.decision import fmt_date

    return {"title": row.get("title") or doc_id, "issuer": row.get("issuer") or "",
            "date": fmt_date(row.get("date_issued")), "lang": lang,
            "original": _quotes(original) if lang != "en" else [],
            "translation": (_quotes(translation) if lang != "en"
                            else _quotes(sections.get("Excerpt") or original or translation)),
            "note": note, "source": _first_line(sections.get("Source", ""))}


def _first_line(text: str) -> str:
    return next((ln.strip() for ln in text.splitlines() if ln.strip()), "")


def _article_excerpt(paragraphs: list[int]) -> dict:
    from .. import article
    from ..assessment.grading import SEED_CITATION

    return {"title": "The article: " + article.title(),
            "issuer": "FocusWashington (summary of a New York Times report)",
            "date": "22 Aug 2019", "lang": "en", "original": [],
            "translation": [f"[{n}] {article.paragraph(n).text}" for n in paragraphs],
            "note": "", "source": SEED_CITATION + f", paragraphs {', '.join(map(str, paragraphs))}"}


def exit_ticket_ids(notebook: Path) -> list[str] | None:
    """Question ids in the notebook's cell tagged ``exit-ticket`` (None when there is no such cell)."""
    from ..components.mywork import exit_ticket_ids as ids

    return ids(notebook)


def _notebooks_dir() -> Path:
    from .. import data

    return data.data_dir().parent / "notebooks"


def worksheets() -> list[Worksheet]:
    """The worksheets of lessons 01–07, with their content resolved."""
    from ..assessment.banks import all_questions

    cfg = config()
    questions = all_questions()
    out = []
    for lesson in _lessons():
        entry = cfg["lessons"].get(lesson.number)
        if entry is None:
            continue
        docs = [d for d in (_document(i) for i in entry.get("documents", [])) if d]
        if not docs:
            docs = [_article_excerpt(entry["article"])]
        sheet = Worksheet(lesson.number, lesson.slug, lesson.title, lesson.question, entry["organiser"], docs)
        ids = exit_ticket_ids(_notebooks_dir() / f"{lesson.number}-{lesson.slug}.ipynb")
        if ids:
            sheet.ticket = [questions[i] for i in ids if i in questions][:3]
            sheet.ticket_from = f"the notebook's exit-ticket cell ({lesson.number}-{lesson.slug}.ipynb)"
        if not sheet.ticket:
            sheet.ticket = [questions[i] if isinstance(i, str) else i for i in entry["exit_ticket"]
                            if not isinstance(i, str) or i in questions]
        out.append(sheet)
    return out


# --------------------------------------------------------------------------------------------------------
# HTML for each handout
# --------------------------------------------------------------------------------------------------------


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{esc(title)}</title>'
            f"<style>{static_text('handouts.css')}</style><style>{static_text('handouts-pack.css')}</style>"
            f"</head><body>{body}</body></html>")


def _header(title: str, number: str | None = None) -> str:
    label = f"Lesson {number} · " if number else ""
    return (f"<h1>{esc(label + title)}</h1>"
            '<div class="meta"><span>Name:</span><span>Class:</span><span>Date:</span></div>')


def documents_html(docs: list[dict]) -> str:
    parts = []
    for d in docs:
        who = ", ".join(x for x in (d["issuer"], d["date"]) if x)
        parts.append(f'<div class="doc"><h3>{esc(d["title"])}</h3><p class="small">{esc(who)}</p>')
        if d["original"]:
            parts += [f'<blockquote lang="{esc(d["lang"])}">{esc(q)}</blockquote>' for q in d["original"]]
            parts.append(f'<p class="small">{esc(d["note"] or "Translation:")}</p>')
        parts += [f"<blockquote>{esc(q)}</blockquote>" for q in d["translation"]]
        if d["source"]:
            parts.append(f'<p class="src">Source: {esc(d["source"])}</p>')
        parts.append("</div>")
    return "".join(parts)


def _rows(labels: list[str], cols: int, cls: str = "blank") -> str:
    return "".join(f"<tr><th scope=\"row\">{esc(label)}</th>" + f'<td class="{cls}"></td>' * cols + "</tr>"
                   for label in labels)


def organiser_html(kind: str, docs: list[dict]) -> str:
    """The graphic organiser of a worksheet: a table to fill in by hand."""
    titles = [d["title"] for d in docs]
    if kind == "sourcing":
        try:
            from ..components.documents import CHART_FIELDS  # the on-screen sourcing chart's own questions

            labels = [label for label, _ in CHART_FIELDS.values()]
        except Exception:  # noqa: BLE001 - before the document library, the same five questions
            labels = ["Who made it, and what was their role?", "When was it made, and what had just happened?",
                      "For whom, and why, was it made?", "How far can you trust it as evidence for your question?",
                      "Because…"]
        return ("<table><caption class=\"small\">Fill in for the document above.</caption>"
                + _rows(labels, 1) + "</table>")
    if kind == "corroboration":
        a, b = (titles + ["A second source"])[:2]
        head = f"<tr><th></th><th scope=\"col\">{esc(a)}</th><th scope=\"col\">{esc(b)}</th></tr>"
        labels = ["Who, when, for whom?", "What does it claim?", "Where do the two agree?",
                  "Where do they disagree?", "What could you check in a third source?"]
        return f"<table>{head}{_rows(labels, 2)}</table>"
    if kind == "perspectives":
        head = ("<tr><th></th><th scope=\"col\">South Korea's government</th><th scope=\"col\">Japan's government"
                "</th><th scope=\"col\">A voice outside government</th></tr>")
        labels = ["What do they say?", "Who said it, and when?", "What evidence do they give?", "What do they want?"]
        return f"<table>{head}{_rows(labels, 3)}</table>"
    if kind == "cause":
        head = ('<tr><th></th><th scope="col">Cause</th><th scope="col">Event</th>'
                '<th scope="col">Consequence</th></tr>')
        labels = ["2019", "2019–2020", "2023"]
        return f"<table>{head}{_rows(labels, 3, 'tall')}</table>"
    if kind == "decision":
        from ..components.decision import options

        head = ('<tr><th scope="col">Option</th><th scope="col">For (evidence)</th>'
                '<th scope="col">Against (evidence)</th></tr>')
        rows = "".join(f"<tr><th scope=\"row\">{esc(o.label.split(':')[0])}</th><td class=\"blank\"></td>"
                       "<td class=\"blank\"></td></tr>" for o in options())
        return f"<table>{head}{rows}</table>"
    raise ValueError(f"data/handouts.json names an unknown organiser {kind!r}.")


def paper_order(q: dict, items: list[str]) -> list[str]:
    """The items of a question in the order the worksheet prints them: shuffled, the same on every build (seeded
    by the question id), so the right answer is not always first and an ordering is never printed solved."""
    import random

    out = list(items)
    random.Random(q["id"]).shuffle(out)
    if q["type"] == "ordering" and out == [q["options"][i] for i in q["answer"]] and len(out) > 1:
        out = out[1:] + out[:1]
    return out


def question_html(q: dict) -> str:
    """A quiz question on paper (no answer; options in :func:`paper_order`)."""
    if "write" in q:
        return f"<li>{esc(q['write'])}<div class=\"line\"></div><div class=\"line\"></div></li>"
    kind, prompt = q["type"], esc(q["prompt"])
    if kind in ("single", "multiple"):
        tick = "tick one" if kind == "single" else "tick all that apply"
        hint = f' <span class="small">({tick})</span>'
        opts = "".join(f"<li>{esc(o)}</li>" for o in paper_order(q, q["options"]))
        return f"<li>{prompt}{hint}<ul class=\"opts\">{opts}</ul></li>"
    if kind == "truefalse":
        return f"<li>{prompt}<ul class=\"opts\"><li>True</li><li>False</li></ul></li>"
    if kind == "ordering":
        opts = "".join(f"<li>____ {esc(o)}</li>" for o in paper_order(q, q["options"]))
        return (f"<li>{prompt} <span class=\"small\">(number them 1–{len(q['options'])})</span>"
                f"<ul style=\"list-style:none\">{opts}</ul></li>")
    if kind == "matching":
        letters = "ABCDEFGHIJ"
        left = "".join(f"<li>____ {esc(t)}</li>" for t in q["options"]["left"])
        right = "".join(f"<li>{letters[i]}. {esc(t)}</li>"
                        for i, t in enumerate(paper_order(q, q["options"]["right"])))
        return (f"<li>{prompt} <span class=\"small\">(write a letter in each gap)</span><ul style=\"list-style:none\">"
                f"{left}</ul><ul style=\"list-style:none\">{right}</ul></li>")
    unit = f" ({esc(q['unit'])})" if kind == "numeric" and q.get("unit") else ""
    return f"<li>{prompt}{unit}<div class=\"line\"></div></li>"


def key_terms(number: str, limit: int = 4) -> list[dict]:
    """The first glossary terms of a lesson, with their Korean and Japanese names (``data/glossary.csv``)."""
    from .. import data

    return [r for r in data.rows("glossary") if r.get("lesson") == number][:limit]


def terms_html(terms: list[dict]) -> str:
    if not terms:
        return ""
    rows = "".join(f"<tr><td>{esc(t['term_en'])}</td><td lang=\"ko\">{esc(t['term_ko'])}</td>"
                   f"<td lang=\"ja\">{esc(t['term_ja'])}</td></tr>" for t in terms)
    return ('<table class="terms"><tr><th scope="col">Key term</th><th scope="col">Korean</th>'
            f'<th scope="col">Japanese</th></tr>{rows}</table>')


def worksheet_html(sheet: Worksheet) -> str:
    cfg = config()
    organiser = cfg["organisers"].get(sheet.organiser, sheet.organiser)
    body = (_header(sheet.title, sheet.number)
            + f'<p class="question">{esc(sheet.question)}</p>' + terms_html(key_terms(sheet.number))
            + "<h2>Key document" + ("s" if len(sheet.documents) > 1 else "") + "</h2>" + documents_html(sheet.documents)
            + f"<h2>{esc(organiser)}</h2>" + organiser_html(sheet.organiser, sheet.documents)
            + "<h2>Exit ticket</h2><ol class=\"ticket\">" + "".join(question_html(q) for q in sheet.ticket) + "</ol>")
    return _page(f"Lesson {sheet.number} worksheet", body)


def _pack(html_text: str, title: str) -> str:
    """A page of the teacher kit's role-play pack (role cards, memos, debrief), laid out for A4: the pack's own
    introduction is left out (it is for the screen), and each ``gs-sheet`` section is one printed page."""
    body = re.sub(r"<h1>.*?</h1>\s*<p class=\"gs-note\">.*?</p>", "", html_text, count=1, flags=re.DOTALL)
    return _page(title, body)




def role_cards_html() -> str:
    """The teacher kit's role cards, one per A4 page."""
    from .kit import role_cards_html as cards

    return _pack(cards(), "Role cards")


def memo_html() -> str:
    """The teacher kit's decision memo sheets (one per role), one per A4 page."""
    from .kit import memos_html

    return _pack(memos_html(), "Decision memo")


def debrief_html() -> str:
    """The teacher kit's debrief sheet."""
    from .kit import debrief_sheet_html

    return _pack(debrief_sheet_html(), "Debrief sheet")


def answer_key_html(sheets: list[Worksheet] | None = None) -> str:
    from ..assessment.grading import correct_answer_text
    from . import answerkey

    sheets = sheets if sheets is not None else worksheets()
    tickets = []
    for s in sheets:
        rows = []
        for q in s.ticket:
            if "write" in q:
                rows.append(f"<li>{esc(q['write'])} <span class=\"small\">(open answer)</span></li>")
            else:
                rows.append(f"<li>{esc(q['prompt'])} — <span class=\"ans\">{esc(correct_answer_text(q))}</span></li>")
        tickets.append(f"<section><h3>Lesson {esc(s.number)} · {esc(s.title)}</h3><ol>{''.join(rows)}</ol></section>")
    body = ('<div class="key"><h1>Answer key for teachers — exit tickets and quizzes</h1>'
            "<p><strong>For teachers. Do not hand this out.</strong></p><h2>Exit tickets on the worksheets</h2>"
            + "".join(tickets) + "</div>" + answerkey.body_html())
    return _page("Answer key", body)


# --------------------------------------------------------------------------------------------------------
# Rendering with Chromium
# --------------------------------------------------------------------------------------------------------


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def cjk_fonts_installed() -> bool:
    """True when fontconfig knows a Korean and a Japanese font (Debian: ``fonts-noto-cjk``)."""
    import subprocess

    try:
        ko, ja = (subprocess.run(["fc-list", f":lang={lang}", "family"], check=False, capture_output=True, text=True,
                                 timeout=20).stdout for lang in ("ko", "ja"))
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(ko.strip()) and bool(ja.strip())


def _print(browser: Any, pages: dict[str, str], out: Path) -> list[Path]:
    written = []
    page = browser.new_page()
    try:
        page.route("**/*", lambda route: route.abort() if not route.request.url.startswith(("data:", "about:"))
                   else route.continue_())
        for name, html_text in pages.items():
            page.set_content(html_text, wait_until="load")
            page.evaluate("document.fonts.ready.then(() => true)")
            target = out / name
            tmp = out / f".{name}.tmp"
            page.pdf(path=str(tmp), format="A4", print_background=True, prefer_css_page_size=True)
            tmp.replace(target)
            written.append(target)
    finally:
        page.close()
    return written


def render(pages: dict[str, str], out: Path, browser: Any = None) -> list[Path]:
    """Print each HTML document to ``out/<name>`` as an A4 PDF with Chromium; returns the paths written.
    ``browser``: a Playwright Chromium already running (the tests'); otherwise one is started and stopped."""
    if browser is not None:
        return _print(browser, pages, out)
    from playwright.sync_api import sync_playwright

    exe = chromium_path()
    if exe is None:
        raise RuntimeError("Chromium was not found. Install it (Debian/Ubuntu: apt-get install chromium), then run "
                           "make handouts again.")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-sync"])
        try:
            return _print(browser, pages, out)
        finally:
            browser.close()


def all_pages() -> dict[str, str]:
    """Every handout: file name → HTML."""
    sheets = worksheets()
    pages = {s.filename: worksheet_html(s) for s in sheets}
    pages["role-cards.pdf"] = role_cards_html()
    pages["decision-memo.pdf"] = memo_html()
    pages["debrief-sheet.pdf"] = debrief_html()
    pages["answer-key.pdf"] = answer_key_html(sheets)
    return pages


def build(out: str | Path = "_build/handouts", browser: Any = None) -> list[Path]:
    """Write every handout into ``out`` (only the handouts' own file names; nothing else there is touched)."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(f"{out} is a file, not a folder. Give --out the name of a folder.")
    out.mkdir(parents=True, exist_ok=True)
    return render(all_pages(), out, browser)


def cli(argv: list[str]) -> int:
    """``python -m lessons handouts [--out DIR]``."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m lessons handouts",
                                     description="Write the printable worksheets, role cards, memo, debrief sheet "
                                                 "and answer key as A4 PDFs.")
    parser.add_argument("--out", default="_build/handouts", help="folder for the PDFs (default: _build/handouts)")
    args = parser.parse_args(argv)
    if not cjk_fonts_installed():
        print("Warning: no Korean or Japanese font was found, so Korean and Japanese text would print as empty "
              "boxes. Install Noto Sans CJK (Debian/Ubuntu: apt-get install fonts-noto-cjk), then run again.",
              file=sys.stderr)
    try:
        written = build(args.out)
    except Exception as exc:  # noqa: BLE001 - a teacher gets a sentence, not a traceback
        print(f"The handouts could not be made: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(f"Wrote {path}")
    return 0
