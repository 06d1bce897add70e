"""The teacher kit: pages generated from the course data for the teacher guide (``notebooks/teacher/``).

- **Role-play pack for lesson 07** — printable role cards (one per printed page), decision memos and a debrief
  sheet, built from :mod:`lessons.components.decision` and ``data/``: every date and number is read from the data.
- **Generated blocks in the guide** — each lesson's page in ``notebooks/teacher/`` holds two blocks that are
  written by :func:`update_guide`, never by hand: the objectives (read from the notebook's ``## Overview``) and
  the key vocabulary (the ``data/glossary.csv`` rows of that lesson, with 한국어 and 日本語 forms). A test fails
  when a block drifts from its source; run ``python -m lessons teacherkit --update-guide`` to refresh them.
- :func:`site_pages` — the generated teacher pages (answer key, role cards, memos, debrief sheet) as
  ``(file name, title, HTML body)`` for the site builder's teacher hook.

Nothing here runs at import time; it is for teachers and the site build, not for student notebooks.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from ..dates import MONTH_NAMES
from ..static import text as static_text

__all__ = [
    "GUIDE_DIR",
    "ROLE_CARDS",
    "guide_page",
    "objectives_block",
    "read_objectives",
    "vocabulary_block",
    "questions_block",
    "exit_ticket_ids",
    "update_guide",
    "stale_blocks",
    "role_cards_html",
    "memos_html",
    "debrief_sheet_html",
    "site_pages",
    "main",
]

REPO = Path(__file__).resolve().parents[2]
GUIDE_DIR = REPO / "notebooks" / "teacher"
NOTEBOOKS = REPO / "notebooks"

_BLOCK = re.compile(r"(<!-- generated:(?P<name>[a-z]+) -->\n)(?P<body>.*?)(<!-- /generated:(?P=name) -->)", re.S)


def _pack_css() -> str:
    """lessons/static/teacher-pack.css"""
    return static_text("teacher-pack.css")


def _esc(value: Any) -> str:
    from .._html import esc

    return esc(value)


# --------------------------------------------------------------------------------------------------------
# Generated blocks of the guide's lesson pages
# --------------------------------------------------------------------------------------------------------


def guide_page(number: str) -> Path:
    """The guide page of a lesson: ``notebooks/teacher/lesson-NN-slug.md``."""
    from ..course import lesson

    item = lesson(number)
    return GUIDE_DIR / (item.teacher_page or f"lesson-{item.name}.md")


def objectives_block(number: str, notebooks: Path = NOTEBOOKS) -> str:
    """The lesson's objectives as a numbered Markdown list, read from its notebook's ``## Overview``."""
    from ..course import lesson as find_lesson

    lesson = find_lesson(number)
    path = Path(notebooks) / lesson.filename
    if not path.is_file():
        return f"*The notebook {lesson.filename} is not written yet; its objectives will appear here.*\n"
    objectives = read_objectives(path)
    if not objectives:
        return f"*{lesson.filename} has no numbered objectives under `## Overview` yet.*\n"
    lines = [f"Students who finish [{lesson.number} · {lesson.title}](../{lesson.filename}) can:", ""]
    lines += [f"{i}. {text}" for i, text in enumerate(objectives, 1)]
    return "\n".join(lines) + "\n"


def read_objectives(path: Path) -> list[str]:
    """The numbered objectives under a notebook's ``## Overview``, each item joined across its wrapped lines."""
    import json

    doc = json.loads(Path(path).read_text(encoding="utf-8"))
    items: list[str] = []
    in_overview = False
    for cell in doc.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        current: list[str] | None = None
        for line in source.splitlines():
            heading = re.match(r"^\s*(#{1,6})\s+(.*?)\s*#*\s*$", line)
            if heading:
                in_overview = len(heading.group(1)) == 2 and heading.group(2).strip().lower() == "overview"
                current = None
                continue
            if not in_overview:
                continue
            item = re.match(r"^\s{0,3}\d+[.)]\s+(.*)$", line)
            if item:
                current = [item.group(1).strip()]
                items.append("")
            elif current is not None and line.strip() and line[:1].isspace():
                current.append(line.strip())
            else:
                current = None if not line.strip() or not line[:1].isspace() else current
            if current is not None:
                items[-1] = " ".join(current)
        if items and not in_overview:
            break
    return items


def _cell(text: Any) -> str:
    return " ".join(str(text or "").split()).replace("|", "\\|")


def vocabulary_block(number: str) -> str:
    """The lesson's key vocabulary (``data/glossary.csv`` rows whose ``lesson`` is `number`) as a table."""
    from .. import data

    rows = [r for r in data.rows("glossary") if r["lesson"] == number]
    if not rows:
        return ("*No new terms: `data/glossary.csv` introduces none in this lesson. Revise the terms of the "
                "lessons it draws on (the glossary page of the site lists them all).*\n")
    lines = ["| English | 한국어 | 日本語 | Meaning (from `data/glossary.csv`) |", "|---|---|---|---|"]
    for r in sorted(rows, key=lambda r: str(r["term_en"]).lower()):
        lines.append(f"| **{_cell(r['term_en'])}** | {_cell(r['term_ko'])} | {_cell(r['term_ja'])} | "
                     f"{_cell(r['definition'])} |")
    return "\n".join(lines) + "\n"


def exit_ticket_ids(number: str, notebooks: Path = NOTEBOOKS) -> list[str]:
    """The question ids of the lesson's exit ticket (the code cell tagged ``exit-ticket``), in order."""
    import json

    from ..course import lesson

    path = Path(notebooks) / lesson(number).filename
    if not path.is_file():
        return []
    for cell in json.loads(path.read_text(encoding="utf-8")).get("cells", []):
        if cell.get("cell_type") == "code" and "exit-ticket" in cell.get("metadata", {}).get("tags", []):
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            return re.findall(r"[\"']([0-9]{2}-[a-z0-9-]+)[\"']", source.partition("ids=")[2])
    return []


def questions_block(number: str, notebooks: Path = NOTEBOOKS) -> str:
    """The lesson's questions as a table: exit ticket first, each with the skill it assesses and its answer."""
    from ..assessment.banks import bank_names, load_bank
    from ..assessment.grading import correct_answer_text

    names = [n for n in bank_names() if n.startswith(f"{number}-")]
    if not names:
        return "*This lesson has no question bank.*\n"
    questions = load_bank(names[0])["questions"]
    ticket = exit_ticket_ids(number, notebooks)
    order = sorted(questions, key=lambda q: ticket.index(q["id"]) if q["id"] in ticket else len(ticket))
    taught = any("taught_in" in q for q in questions)  # the final assessment says where each question is taught
    with_ticket = bool(ticket) or not all("taught_in" in q for q in questions)
    head = ((["Exit ticket"] if with_ticket else []) + ["Question", "Skill", "Answer"]
            + (["Taught in"] if taught else []))
    lines = [f"Bank `data/quizzes/{names[0]}.json`: {len(questions)} questions, "
             f"{sum(q.get('skill', 'recall') != 'recall' for q in questions)} of them beyond recall.", "",
             "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for q in order:
        cells = [f"**{ticket.index(q['id']) + 1}**" if q["id"] in ticket else ""] if with_ticket else []
        cells += [_cell(q["prompt"]), q.get("skill", "—"), _cell(correct_answer_text(q))]
        if taught:
            where = q.get("taught_in")
            cells.append(f"{where['lesson']} · *{_cell(where['section'])}*" if where else "—")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _expected_blocks(number: str) -> dict[str, str]:
    # "questions" is refreshed where a page has that block (optional; objectives and vocabulary are required)
    return {"objectives": objectives_block(number), "vocabulary": vocabulary_block(number),
            "questions": questions_block(number)}


def _refresh(text: str, blocks: dict[str, str]) -> str:
    def sub(m: re.Match) -> str:
        name = m.group("name")
        if name not in blocks:
            return m.group(0)
        return m.group(1) + blocks[name] + m.group(4)

    return _BLOCK.sub(sub, text)


def stale_blocks() -> list[str]:
    """Guide pages whose generated blocks differ from the data and notebooks (empty when all are current)."""
    from ..course import lessons

    out = []
    for lesson in lessons():
        page = guide_page(lesson.number)
        if not page.is_file():
            out.append(f"{page.relative_to(REPO)} is missing")
            continue
        text = page.read_text(encoding="utf-8")
        found = {m.group("name") for m in _BLOCK.finditer(text)}
        for name in ("objectives", "vocabulary"):
            if name not in found:
                out.append(f"{page.relative_to(REPO)} has no generated {name} block")
        if _refresh(text, _expected_blocks(lesson.number)) != text:
            out.append(f"{page.relative_to(REPO)}: a generated block is out of date")
    return out


def update_guide() -> list[Path]:
    """Rewrite the generated blocks of every lesson page of the guide; returns the pages that changed."""
    from ..course import lessons

    changed = []
    for lesson in lessons():
        page = guide_page(lesson.number)
        if not page.is_file():
            continue
        text = page.read_text(encoding="utf-8")
        new = _refresh(text, _expected_blocks(lesson.number))
        if new != text:
            page.write_text(new, encoding="utf-8")
            changed.append(page)
    return changed


# --------------------------------------------------------------------------------------------------------
# Role-play pack (lesson 07)
# --------------------------------------------------------------------------------------------------------

# The course's wording for each role; {placeholders} are filled from the data by _facts().
ROLE_CARDS: dict[str, dict[str, Any]] = {
    "south-korea-nsc": {
        "who": "You are an adviser on South Korea's National Security Council, meeting in Seoul on the morning "
               "of {decided}. President Moon Jae-in will decide; your job is to recommend one option.",
        "want": [
            "South Korea's government wants Japan to withdraw its export measures, which it calls retaliation "
            "for the forced-labour rulings of {ruling_1} and {ruling_2} (see your evidence: "
            "positions: export-controls-south-korea).",
            "You want South Korea to stay safe while North Korea is launching: {run_n} rounds from {run_first} "
            "to {run_last}.",
            "You want to keep the United States, South Korea's ally, on side.",
        ],
        "constraints": [
            "Notice must be given by {deadline}, or the pact renews itself for another year.",
            "Opinion at home is angry: a boycott of Japanese goods began on {boycott}.",
            "The US envoy is in Seoul today; whatever you choose, Washington and Tokyo will read it as a signal.",
        ],
        "asked": [
            "What does South Korea lose in security if the pact ends, and what does the three-way arrangement "
            "(TISA, {tisa}) still cover?",
            "Is this a security decision or a trade decision? How will you explain it to the public?",
            "What would make you change your advice?",
        ],
    },
    "japan-government": {
        "who": "You speak for Japan's government in Tokyo on {decided}. You cannot decide for Seoul, but you can "
               "say how Japan would answer each option.",
        "want": [
            "Japan's government says its export steps are a review of export controls, not retaliation "
            "(positions: export-controls-japan), and that the 1965 agreement settled all claims "
            "(positions: claims-1965-japan).",
            "Japan's foreign minister told Seoul's on {beijing} that the pact should be kept.",
        ],
        "constraints": [
            "Your government treats export controls as a separate matter from security: trading them for the "
            "pact would look like admitting they were retaliation.",
            "Japan's removal of South Korea from its white list, approved on {whitelist_approved}, takes effect on "
            "{whitelist_effective}.",
        ],
        "asked": [
            "Why did the export measures follow the court rulings so closely, if they were not retaliation?",
            "What, if anything, would make Japan reconsider its export measures?",
            "Why should Seoul keep sharing secrets with a government that says trust has been undermined?",
        ],
    },
    "us-government": {
        "who": "You represent the US government on {decided}. Japan and South Korea are both allies of the "
               "United States; your envoy is in Seoul today.",
        "want": [
            "You want both allies to keep sharing intelligence directly, during {run_n} rounds of North Korean "
            "launches (from {run_first} to {run_last}).",
            "You want the two governments to settle their quarrel themselves, without the United States having "
            "to take sides.",
        ],
        "constraints": [
            "You cannot order either ally to do anything; pressing one of them hard may look like taking sides.",
            "The three-way arrangement (TISA), finalized on {tisa}, still runs through the United States, so "
            "some sharing continues whatever Seoul decides.",
            "Your own president played down the launches on 9 Aug 2019 (people: donald-trump).",
        ],
        "asked": [
            "Why did Washington not step in earlier to help its two allies settle the dispute?",
            "What can you offer Seoul, or Tokyo, in return for a change of course?",
            "If TISA already exists, why does GSOMIA matter to the United States?",
        ],
    },
    "press": {
        "who": "You are a reporter on {decided}, writing for readers in Seoul, Tokyo and Washington. You do not "
               "advise anyone: you question the advisers and explain the decision fairly.",
        "want": [
            "An accurate story, out today, that gives each government's view in its own words, attributed "
            "(\"Japan's government says…\", \"South Korea's government says…\").",
            "Facts you can check: dates, numbers and who said what.",
        ],
        "constraints": [
            "You know only what was public on {decided}; the rest is speculation and must be labelled so.",
            "Some claims are disputed: South Korea's military called the summer's launches ballistic missiles, "
            "North Korea called some of them rockets (claims: claim-six-missile-tests).",
            "Use neutral names: \"East Sea / Sea of Japan\", \"Dokdo / Takeshima\".",
        ],
        "asked": [
            "Who are your sources, and which of them could you check?",
            "Will you call Japan's export measures \"retaliation\" in your own voice? Why, or why not?",
            "What is the one sentence about the decision that both governments would accept as fair?",
        ],
    },
}


def _facts() -> dict[str, str]:
    """Dates and numbers for the role cards, all read from the data."""
    from .. import data
    from ..components.decision import DEADLINE_ROW, DECISION_ROW
    from ..dates import fmt_date

    def day(row_id: str) -> str:
        return fmt_date(data.row("timeline", row_id)["date"])

    run = sorted((r for r in data.rows("launches") if r["in_article_run"]), key=lambda r: r["date"])
    return {
        "decided": day(DECISION_ROW),
        "deadline": day(DEADLINE_ROW),
        "ruling_1": day("supreme-court-nippon-steel"),
        "ruling_2": day("supreme-court-mitsubishi"),
        "run_n": str(len(run)),
        "run_first": fmt_date(run[0]["date"]) if run else "",
        "run_last": fmt_date(run[-1]["date"]) if run else "",
        "boycott": day("boycott-begins"),
        "tisa": day("tisa-finalized"),
        "beijing": day("kang-kono-beijing"),
        "whitelist_approved": day("whitelist-removal-approved"),
        "whitelist_effective": day("whitelist-removal-effective"),
    }


def _li(items: list[str], facts: dict[str, str]) -> str:
    return "<ul>" + "".join(f"<li>{_esc(t.format(**facts))}</li>" for t in items) + "</ul>"


_LONG_DATE = re.compile(r"(?:(\d{1,2}) )?(" + "|".join(MONTH_NAMES) + r") (\d{4})")


def _said_later(cite: Any, decided: str) -> list[str]:
    """Dates in a position row's ``attributed_to`` that fall after the decision (e.g. a September statement)."""
    if cite.dataset != "positions":
        return []
    from .. import data

    text = data.row("positions", cite.id).get("attributed_to") or ""
    later = []
    for day, month, year in _LONG_DATE.findall(text):
        iso = f"{year}-{MONTH_NAMES.index(month) + 1:02d}" + (f"-{int(day):02d}" if day else "")
        if iso > decided[: len(iso)]:
            later.append(f"{day + ' ' if day else ''}{month[:3]} {year}")
    return later


def _known_evidence(cites: tuple) -> list[dict[str, str]]:
    """The role's evidence that was public on the day of the decision: rows reported later are left out, and
    a position partly stated later says so."""
    from .. import data
    from ..components.decision import DEADLINE_ROW, DECISION_ROW, evidence

    decided = data.row("timeline", DECISION_ROW)["date"]
    out = []
    for cite in cites:
        e = evidence(cite)
        # a deadline is a date in the future that everyone knew in advance; anything else dated later is hindsight
        if e["when"] == "later" and (cite.dataset, cite.id) != ("timeline", DEADLINE_ROW):
            continue
        later = _said_later(cite, decided)
        if later:
            e = {**e, "flag": "part of this was said after the decision (" + ", ".join(later) + ")"}
        out.append(e)
    return out


def role_cards_html() -> str:
    """The four role cards of lesson 07, one per printed page."""
    from .. import data
    from ..components.decision import DEADLINE_ROW, Cite, roles

    facts = _facts()
    common = [Cite("timeline", DEADLINE_ROW), Cite("timeline", "nk-launch-run-begins")]
    parts = [f"<style>{_pack_css()}</style>", '<div class="gs-pack gs-rolecards">',
             "<h1>Lesson 07 · Role cards</h1>",
             f'<p class="gs-note">Print this page: each card comes out on its own sheet. Give one card to each '
             f"member of a group of four. Every date and number on the cards is read from the course data "
             f"(references like <span class=\"gs-ref\">[timeline: {_esc(DEADLINE_ROW)}]</span> name the data row), "
             f"and each card lists what was public on {_esc(facts['decided'])}: a statement made later is marked "
             "as such.</p>"]
    for role in roles():
        card = ROLE_CARDS.get(role.id)
        if card is None:  # a role added to lesson 07 without a card: say so on the page
            parts.append(f'<section class="gs-sheet" data-role="{_esc(role.id)}"><h2>{_esc(role.title)}</h2>'
                         f"<p>{_esc(role.task)}</p><p class=\"gs-note\">No role card has been written for this role "
                         "yet.</p></section>")
            continue
        known = _known_evidence((*common, *role.cites))
        seen: set[str] = set()
        ev = []
        for e in known:
            if e["ref"] in seen:
                continue
            seen.add(e["ref"])
            flag = f' <span class="gs-later">{_esc(e["flag"])}</span>' if e.get("flag") else ""
            ev.append(f'<li>{_esc(e["text"])}{flag} <span class="gs-ref">[{_esc(e["ref"])}]</span></li>')
        parts.append(
            f'<section class="gs-sheet" data-role="{_esc(role.id)}">'
            f"<h2>Role card: {_esc(role.title)}</h2>"
            f"<h3>Who you are</h3><p>{_esc(card['who'].format(**facts))}</p>"
            f"<p><strong>Your task:</strong> {_esc(role.task)}</p>"
            f"<h3>What you know on {_esc(facts['decided'])}</h3><ul>{''.join(ev)}</ul>"
            f"<h3>What you want</h3>{_li(card['want'], facts)}"
            f"<h3>Your constraints</h3>{_li(card['constraints'], facts)}"
            f"<h3>Questions you will be asked</h3>{_li(card['asked'], facts)}"
            '<p class="gs-note">You speak for a role, not for yourself or for a country\'s people. Say '
            "“my government says…”, and attribute every claim.</p></section>")
    parts.append("</div>")
    data.row("timeline", DEADLINE_ROW)  # fail loudly (DataError) if the decision point is missing
    return "".join(parts)


def memos_html() -> str:
    """Decision memo sheets (one per role, one per printed page), from
    :func:`lessons.components.decision.memo_template`."""
    from ..components.decision import memo_template, roles

    parts = [f"<style>{_pack_css()}</style>", '<div class="gs-pack gs-memos">', "<h1>Lesson 07 · Decision memo</h1>",
             '<p class="gs-note">One sheet per role, each on its own printed page. Students may also paste the '
             "Markdown version into a notebook cell (<code>print(decision.memo_template())</code> in lesson 07). "
             "Mark the memo with the rubric in the guide.</p>"]
    for role in roles():
        memo = memo_template("html", role=role.id, level=2)  # under this page's h1
        parts.append(f'<section class="gs-sheet" data-role="{_esc(role.id)}">{memo}'
                     + '<div class="gs-lines"></div>' * 6 + "</section>")
    parts.append("</div>")
    return "".join(parts)


def debrief_sheet_html() -> str:
    """The debrief sheet: what Seoul chose and what followed (from lesson 07's debrief), and prompts."""
    from ..components.decision import debrief_html

    facts = _facts()
    prompts = [
        "Which option did you advise, and which option did Seoul choose on {decided}?",
        "Name one piece of evidence on your role card that pointed the other way. How did you weigh it?",
        "Which events on this sheet could nobody in the room have known on {decided}?",
        "Write one sentence about the decision that both governments would accept as fair.",
    ]
    boxes = "".join(f"<li>{_esc(p.format(**facts))}" + '<div class="gs-lines"></div>' * 3 + "</li>"
                    for p in prompts)
    return (f"<style>{_pack_css()}</style>"
            '<div class="gs-pack gs-debrief"><h1>Lesson 07 · Debrief sheet</h1>'
            '<p class="gs-note">Hand this out only after every student has recorded their own advice. The facts '
            "below are the same as the debrief in the notebook, read from the course data.</p>"
            f'<section class="gs-sheet"><h2>What Seoul chose, and what followed</h2>{debrief_html(heading=False)}'
            "</section>"
            f'<section class="gs-sheet"><h2>Reflect</h2><ol>{boxes}</ol></section></div>')


# --------------------------------------------------------------------------------------------------------
# Pages for the site's teacher section
# --------------------------------------------------------------------------------------------------------


def site_pages() -> list[tuple[str, str, str]]:
    """Generated teacher pages as ``(file name, title, HTML body)`` for the site builder's teacher hook."""
    from . import answerkey

    return [
        (answerkey.FILENAME, "Answer key", answerkey.body_html()),
        ("role-cards.html", "Lesson 07 · Role cards", role_cards_html()),
        ("decision-memo.html", "Lesson 07 · Decision memo", memos_html()),
        ("debrief-sheet.html", "Lesson 07 · Debrief sheet", debrief_sheet_html()),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lessons teacherkit",
                                     description="Refresh or check the generated blocks of the teacher guide.")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--update-guide", action="store_true", help="rewrite the generated blocks")
    group.add_argument("--check", action="store_true", help="exit 1 if a generated block is out of date")
    args = parser.parse_args(argv)
    if args.update_guide:
        changed = update_guide()
        print("\n".join(f"updated {p.relative_to(REPO)}" for p in changed) or "The guide is up to date.")
        return 0
    stale = stale_blocks()
    print("\n".join(stale) or "The guide is up to date.")
    return 1 if stale else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
