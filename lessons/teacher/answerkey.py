"""The teacher's answer key, generated from the quiz banks and the exercise checks — never typed by hand.

Every question of every bank in ``data/quizzes/`` is listed with its type, prompt, options, the correct answer
(in the words a student sees after the last try, from :func:`lessons.assessment.grading.correct_answer_text`), the
explanation and the source (as text, and as a link where the source has a web address or is a paragraph of the
seed article). Every computed-answer check of :mod:`lessons.assessment.checks` is listed with its description and its
expected value, computed from the data when the key is built, and confirmed by running the check on it.

The page is one self-contained HTML file: inline CSS, no scripts, every text from the data escaped, and laid
out to print (questions never split across pages).

Usage::

    python -m lessons answerkey --out DIR    # writes DIR/answer-key.html
    lessons.teacher.answerkey.build("DIR")   # the same from Python; returns the path written
"""

from __future__ import annotations

import argparse
import datetime as _dt
import re
import sys
from pathlib import Path
from typing import Any

from ..dates import WEEKDAYS, fmt_short
from ..static import text as static_text

__all__ = ["FILENAME", "build", "body_html", "page_html", "check_entries", "question_entries", "main"]

FILENAME = "answer-key.html"
TITLE = "Answer key — GSOMIA 2019 course"

_URL = re.compile(r"https?://[^\s|]+")

def _css() -> str:
    """lessons/static/answerkey.css"""
    return static_text("answerkey.css")


def _esc(value: Any) -> str:
    from .._html import esc

    return esc(value)


# --------------------------------------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------------------------------------


def _first_url(text: str | None) -> str:
    m = _URL.search(text or "")
    return m.group(0).rstrip(".,);") if m else ""


def _seed_url() -> str:
    """The seed article's web address, as the course data cites it (the first "Seed article" source with one)."""
    from .. import data

    for name in ("people", "claims", "timeline"):
        try:
            rows = data.rows(name)
        except Exception:  # noqa: BLE001 - a missing file only loses the link, never the key
            continue
        for rec in rows:
            for src in rec.get("sources") or []:
                if src.lower().startswith("seed article") and _first_url(src):
                    return _first_url(src)
    return ""


def _source_link(source: dict, seed_url: str) -> str:
    """A web address for a question's source: the cited URL, the data row's first URL, or the seed article."""
    if "url" in source:
        return str(source["url"])
    if "seed" in source:
        return seed_url
    if "data" in source:
        from .. import data

        try:
            rec = data.row(source["data"], source["id"])
        except Exception:  # noqa: BLE001
            return ""
        for src in rec.get("sources") or []:
            url = _first_url(src)
            if url:
                return url
    return ""


# --------------------------------------------------------------------------------------------------------
# Entries (plain data; the HTML is made from these)
# --------------------------------------------------------------------------------------------------------


def question_entries() -> list[dict[str, Any]]:
    """One dict per bank: ``{"name", "lesson", "title", "questions": [...]}``; each question carries
    ``answer_text``, ``source_text``, ``source_url`` and ``from_bank`` (for questions a bank includes)."""
    from ..assessment import quiz

    seed_url = _seed_url()
    home: dict[str, str] = {}
    banks = []
    for name in quiz.bank_names():
        bank = quiz.load_bank(name)
        banks.append(bank)
    for bank in banks:  # a question's home bank is the one whose lesson its id starts with
        for q in bank["questions"]:
            if quiz.lesson_of(q["id"]) == bank["lesson"]:
                home.setdefault(q["id"], bank["name"])
    out = []
    for bank in banks:
        questions = []
        for q in bank["questions"]:
            entry = dict(q)
            entry["answer_text"] = quiz.correct_answer_text(q)
            entry["source_text"] = quiz.source_text(q["source"])
            entry["source_url"] = _source_link(q["source"], seed_url)
            origin = home.get(q["id"], bank["name"])
            entry["from_bank"] = origin if origin != bank["name"] else ""
            entry["in_bank"] = bank["name"]
            questions.append(entry)
        out.append({"name": bank["name"], "lesson": bank["lesson"], "title": bank["title"],
                    "shuffle": bool(bank.get("shuffle")), "questions": questions})
    return out


def _candidates(expected: Any) -> list[Any]:
    """Values a student could submit for a check: the expected value itself, or one of its parts."""
    found = [expected]
    if isinstance(expected, dict):
        found += [v for v in expected.values() if v is not None]
    return found


def check_entries() -> list[dict[str, Any]]:
    """One dict per check: ``id``, ``description``, ``expected`` (computed now), ``answer`` (the value that the
    check accepts, found by running the check), ``message`` (what the check says to it), or ``error``."""
    from ..assessment import checks

    out = []
    for name, description in checks.available().items():
        entry: dict[str, Any] = {"id": name, "description": description, "expected": None, "answer": None,
                                 "message": "", "error": ""}
        try:
            expected = checks.expected(name)
        except Exception as exc:  # noqa: BLE001 - the key says what went wrong instead of failing to build
            entry["error"] = f"The expected value could not be computed from the data: {exc}"
            out.append(entry)
            continue
        entry["expected"] = expected
        for value in _candidates(expected):
            result = checks.check(name, value, record=False)
            if result.correct:
                entry["answer"], entry["message"] = value, result.message
                break
        else:
            entry["error"] = ("None of the computed values passes the check itself. Tell the course maintainers: "
                              "lessons/checks.py and data/ disagree.")
        out.append(entry)
    return out


# --------------------------------------------------------------------------------------------------------
# Formatting
# --------------------------------------------------------------------------------------------------------


def format_value(value: Any) -> str:
    """A computed value in plain words: dates as ISO and day name, floats to two decimals, dicts as key: value."""
    if isinstance(value, _dt.date):
        return f"{value.isoformat()} ({WEEKDAYS[value.weekday()]} {fmt_short(value)})"
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, float):
        return f"{value:,.2f}" if not value.is_integer() else f"{value:,.0f}"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {format_value(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(format_value(v) for v in value)
    if value is None:
        return "—"
    return str(value)


def _options_html(q: dict) -> str:
    kind, key = q["type"], q["answer"]
    if kind in ("single", "multiple"):
        right = {key} if kind == "single" else set(key)
        items = []
        for i, opt in enumerate(q["options"]):
            mark = ' class="gs-key-right"' if i in right else ""
            tick = " ✓" if i in right else ""
            why = (q.get("feedback") or [""] * len(q["options"]))[i] if kind == "single" else ""
            why = f' <span class="gs-key-muted">— {_esc(why)}</span>' if why else ""
            items.append(f"<li{mark}>{_esc(opt)}{tick}{why}</li>")
        return '<ol type="A">' + "".join(items) + "</ol>"
    if kind == "ordering":
        shown = "".join(f"<li>{_esc(o)}</li>" for o in q["options"])
        right = "".join(f"<li>{_esc(q['options'][i])}</li>" for i in key)
        return (f'<p class="gs-key-muted">Options as shown:</p><ol type="A">{shown}</ol>'
                f'<p class="gs-key-muted">Correct order:</p><ol class="gs-key-right">{right}</ol>')
    if kind == "matching":
        left, rightcol = q["options"]["left"], q["options"]["right"]
        rows = "".join(f"<tr><td>{_esc(item)}</td><td class=\"gs-key-right\">{_esc(rightcol[k])}</td></tr>"
                       for item, k in zip(left, key))
        unused = [r for i, r in enumerate(rightcol) if i not in set(key)]
        extra = (f'<p class="gs-key-muted">Not used: {"; ".join(_esc(u) for u in unused)}</p>' if unused else "")
        return ('<table><thead><tr><th scope="col">Item</th><th scope="col">Matches</th></tr></thead>'
                f"<tbody>{rows}</tbody></table>{extra}")
    if kind == "truefalse":
        return '<p class="gs-key-muted">True or false.</p>'
    if kind == "numeric":
        tol = q.get("tolerance", 0)
        unit = q.get("unit", "")
        bits = [f"unit: {unit}" if unit else "", f"accepted within ±{tol:g}" if tol else "exact value"]
        return f'<p class="gs-key-muted">Number answer ({_esc(", ".join(b for b in bits if b))}).</p>'
    if kind == "text":
        alts = q.get("alternatives") or []
        also = f" Also accepted: {'; '.join(_esc(a) for a in alts)}." if alts else ""
        return ('<p class="gs-key-muted">Short text answer (case, punctuation and spacing are ignored).'
                f"{also}</p>")
    return ""


def _question_html(q: dict) -> str:
    link = ""
    if q["source_url"]:
        label = "open the seed article" if "seed" in q["source"] else "open the source"
        link = f' — <a href="{_esc(q["source_url"])}">{label}</a>'
    origin = (f' <span class="gs-key-muted">(from bank {_esc(q["from_bank"])})</span>' if q["from_bank"] else "")
    anchor = f'q-{q["id"]}' + (f'-in-{q["in_bank"]}' if q["from_bank"] else "")  # ids stay unique on the page
    return (f'<article class="gs-key-q" id="{_esc(anchor)}" data-question="{_esc(q["id"])}">'
            f'<h3><span class="gs-key-id">{_esc(q["id"])}</span><span class="gs-key-type">{_esc(q["type"])}</span>'
            + (f'<span class="gs-key-type">skill: {_esc(q["skill"])}</span>' if q.get("skill") else "")
            + f"{origin}</h3>"
            f"<p>{_esc(q['prompt'])}</p>{_options_html(q)}"
            f'<p class="gs-key-answer">Answer: {_esc(q["answer_text"])}</p>'
            f"<p>{_esc(q['explanation'])}</p>"
            f'<p class="gs-key-src">Source: {_esc(q["source_text"])}{link}</p></article>')


def _check_html(c: dict) -> str:
    if c["error"]:
        value = f'<td colspan="2">{_esc(c["error"])}</td>'
    else:
        value = (f'<td><span class="gs-key-answer">{_esc(format_value(c["answer"]))}</span>'
                 f'<br><span class="gs-key-muted">Computed now from the data: {_esc(format_value(c["expected"]))}'
                 f"</span></td><td>{_esc(c['message'])}</td>")
    return (f'<tr id="check-{_esc(c["id"])}" data-check="{_esc(c["id"])}"><td class="gs-key-id">{_esc(c["id"])}</td>'
            f"<td>{_esc(c['description'])}</td>{value}</tr>")


def body_html() -> str:
    """The key as an HTML fragment (a ``<style>`` and a ``<div class="gs-key">``), for the site's teacher pages."""
    from ..assessment.core import within_tries

    banks = question_entries()
    checks = check_entries()
    n_questions = sum(len(b["questions"]) for b in banks)
    unique = len({q["id"] for b in banks for q in b["questions"]})
    parts = [f"<style>{_css()}</style>", '<div class="gs-key">', f"<h1>{_esc(TITLE)}</h1>",
             '<p class="gs-key-warn"><strong>For teachers.</strong> Do not hand this page to students. It is '
             "generated from the quiz banks (<code>data/quizzes/</code>) and the exercise checks "
             "(<code>lessons/assessment/checks.py</code>); the check values are computed from the course data "
             "when the key is built, so a correction to the data corrects the key.</p>",
             f"<p>{len(banks)} question banks, {n_questions} questions listed ({unique} different questions: the "
             f"assessment bank repeats some from earlier lessons), {len(checks)} computed-answer checks. "
             f"A question counts as right when a student answers it correctly {within_tries()}; after that "
             "the answer is shown (the live quiz, the website, the scorecard and the gradebook apply the same "
             "rule).</p>",
             '<h2 id="contents">Contents</h2><ul>']
    for b in banks:
        parts.append(f'<li><a href="#bank-{_esc(b["name"])}">{_esc(b["name"])}: {_esc(b["title"])}</a> '
                     f'({len(b["questions"])} questions)</li>')
    parts.append('<li><a href="#checks">Computed-answer checks</a></li></ul>')
    for b in banks:
        parts.append(f'<section id="bank-{_esc(b["name"])}"><h2>Lesson {_esc(b["lesson"])} · {_esc(b["title"])}'
                     f' <span class="gs-key-muted">({_esc(b["name"])})</span></h2>')
        if b.get("shuffle"):  # the letters here are the bank's order, not what a student sees
            parts.append('<p class="gs-key-muted">Each student sees the options of this bank in their own order: '
                         "name the answer by its text, not by its letter.</p>")
        parts += [_question_html(q) for q in b["questions"]]
        parts.append("</section>")
    parts.append('<section id="checks"><h2>Computed-answer checks</h2>'
                 "<p>Students compute these in the notebooks and call <code>lessons.check(id, value)</code>. The "
                 "value below is the one the check accepts today; the last column is what the check tells a "
                 "student who gives it.</p><table><thead><tr><th scope=\"col\">Check</th>"
                 "<th scope=\"col\">What the student computes</th><th scope=\"col\">Expected value</th>"
                 "<th scope=\"col\">What the check says</th></tr></thead><tbody>")
    parts += [_check_html(c) for c in checks]
    parts.append("</tbody></table></section></div>")
    return "".join(parts)


def page_html() -> str:
    """The key as a complete, self-contained HTML document."""
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_esc(TITLE)}</title></head><body>{body_html()}</body></html>\n")


def build(out_dir: Path | str) -> Path:
    """Write ``answer-key.html`` into `out_dir` (created if needed) and return its path."""
    from ..outdir import write_owned_file

    # An existing answer-key.html is replaced only when the course wrote it (its title is on the page).
    return write_owned_file(Path(out_dir) / FILENAME, page_html(), f"<title>{_esc(TITLE)}</title>")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lessons answerkey",
                                     description="Write the teacher's answer key (answer-key.html).")
    parser.add_argument("--out", default="_build/teacher", help="folder to write answer-key.html into")
    args = parser.parse_args(argv)
    try:
        path = build(args.out)
    except Exception as exc:  # noqa: BLE001 - a teacher gets a sentence, not a traceback
        print(f"The answer key could not be built: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote {path}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
