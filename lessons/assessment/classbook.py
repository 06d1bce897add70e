"""The class view of the gradebook: students × lessons against every question, item analysis, decisions and memos.

:mod:`lessons.assessment.gradebook` reads and marks the files (every file untrusted, its limits, the attempt rule);
this module turns its result into what a teacher reads for a class — and what ``teacher/gradebook.html`` shows in
the browser from the same files:

- per student and per lesson: questions right within the allowed tries, of every question of that lesson
  (unanswered counts as not yet), and the same over the whole course;
- per question: how many answered, how many got it right (difficulty), right first time, the most common wrong
  answer;
- the decision room's choices, memos and reflections of students who handed in a work file.

``python -m lessons gradebook RESULTS... --out DIR`` writes the gradebook's files and ``class.csv`` (students ×
lessons) and ``work.html`` (decisions, memos and reflections to read). :func:`summary` is the set of numbers the
browser gradebook must reproduce exactly (a test compares them).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "LIMIT_NAMES",
    "ClassBook",
    "build",
    "class_csv",
    "cli",
    "limits",
    "page_data",
    "percent",
    "summary",
    "work_html",
]

#: The gradebook's limits on untrusted files; those the gradebook defines are written into the browser page.
LIMIT_NAMES = ("MAX_BYTES", "MAX_DEPTH", "MAX_ANSWER_CHARS", "MAX_ANSWER_ITEMS", "MAX_NUMBER_CHARS", "MAX_ANSWERS")
CSV_NAME, WORK_NAME = "class.csv", "work.html"
_MARK = "<!-- gsomia-lessons class gradebook -->"


def limits() -> dict[str, int]:
    """The limits of :mod:`lessons.assessment.gradebook`, read from the module (one place for both gradebooks)."""
    from . import gradebook

    return {name: int(getattr(gradebook, name)) for name in LIMIT_NAMES if hasattr(gradebook, name)}


def percent(right: int, total: int) -> int:
    """``right`` of ``total`` as a whole percent, halves rounded up (integer arithmetic, so Python and the
    browser always agree)."""
    return (200 * right + total) // (2 * total) if total else 0


@dataclass
class ClassBook:
    gradebook: Any                                   # lessons.assessment.gradebook.Gradebook
    questions: dict[str, dict]
    work: dict[str, dict] = field(default_factory=dict)   # file label -> {"decision", "reflections", "sourcing"}

    @property
    def lessons(self) -> list[str]:
        return sorted({qid[:2] for qid in self.questions})

    def totals(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for qid in self.questions:
            out[qid[:2]] = out.get(qid[:2], 0) + 1
        return out


def build(paths: Iterable[str | Path], questions: dict[str, dict] | None = None) -> ClassBook:
    """Mark every file with the gradebook, then collect the work files' decisions, memos and reflections."""
    from . import gradebook
    from .banks import all_questions

    paths = list(paths)
    bank = questions if questions is not None else all_questions()
    gb = gradebook.build(paths, bank)
    read = {s.file for s in gb.students}
    work: dict[str, dict] = {}
    for path in gradebook.expand(paths):
        if path.name not in read:
            continue
        doc, _ = gradebook.read_results(path)
        if doc is None or doc.get("format") != getattr(gradebook, "WORK_FORMAT", "gsomia-work"):
            continue
        work[path.name] = _extras(doc)
    return ClassBook(gb, bank, work)


def _text(value: Any, limit: int = 4000) -> str:
    text = value if isinstance(value, str) else ""
    text = "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF or (ord(c) < 32 and c not in "\n\t") else c
                   for c in text[:limit])
    return text.strip()


def _extras(doc: dict) -> dict:
    """What a teacher reads in a work file: the decision and the written reflections (bounded, cleaned)."""
    dec = doc.get("decision") if isinstance(doc.get("decision"), dict) else None
    decision = None
    if dec is not None:
        decision = {"choice": _text(dec.get("choice"), 40), "label": _text(dec.get("choice_label"), 200),
                    "role": _text(dec.get("role"), 60), "rationale": _text(dec.get("rationale"))}
    refl = []
    for r in doc.get("reflections") if isinstance(doc.get("reflections"), list) else []:
        if isinstance(r, dict) and _text(r.get("text")):
            refl.append({"id": _text(r.get("id"), 60), "text": _text(r.get("text"))})
    charts = sum(1 for c in doc.get("sourcing") if isinstance(c, dict)) if isinstance(doc.get("sourcing"), list) else 0
    return {"decision": decision, "reflections": refl[:20], "sourcing": charts}


def summary(cb: ClassBook) -> dict:
    """Every number of the class view, in a plain structure (the browser gradebook computes the same)."""
    totals = cb.totals()
    students = []
    for s in cb.gradebook.students:
        per = {}
        for lesson in cb.lessons:
            qids = [q for q in s.solved if q[:2] == lesson]
            per[lesson] = [len(qids), sum(1 for q in qids if s.solved[q]), totals[lesson]]
        students.append({"file": s.file, "name": s.name, "group": s.group, "answered": s.answered,
                         "correct": s.correct, "total": len(cb.questions),
                         "percent": percent(s.correct, len(cb.questions)), "unknown": s.unknown,
                         "too_long": getattr(s, "too_long", 0), "lessons": per})
    items = []
    for i in cb.gradebook.items:
        text, n = i.common_wrong()
        items.append({"id": i.id, "students": i.students, "solved": i.solved, "first_try": i.first_try,
                      "wrong": text, "wrong_n": n})
    return {"students": students, "items": items, "skipped": sorted(name for name, _ in cb.gradebook.skipped),
            "duplicates": sorted([name, group, sorted(files)]
                                 for name, group, files in getattr(cb.gradebook, "duplicates", [])),
            "work": {k: cb.work[k] for k in sorted(cb.work)}}


def _cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas in student-supplied text (=, +, -, @ at the start)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def class_csv(cb: ClassBook) -> str:
    """Students × lessons: right within the allowed tries, per lesson, of that lesson's questions."""
    totals = cb.totals()
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["name", "group", "file", "answered", "right", "questions", "percent",
                *[f"lesson {n} right (of {totals[n]})" for n in cb.lessons], "decision"])
    for s in summary(cb)["students"]:
        dec = (cb.work.get(s["file"]) or {}).get("decision") or {}
        w.writerow([_cell(s["name"]), _cell(s["group"]), _cell(s["file"]), s["answered"], s["correct"], s["total"],
                    s["percent"], *[s["lessons"][n][1] for n in cb.lessons], _cell(dec.get("choice", ""))])
    return buf.getvalue()


def work_html(cb: ClassBook) -> str:
    """A self-contained page with every decision, memo and reflection handed in (all text escaped)."""
    from .._html import esc, twin_css
    from ..course import reflection_prompts

    titles = {p["id"]: p["title"] for p in reflection_prompts()}
    by_file = {s.file: s for s in cb.gradebook.students}
    parts = ["<!DOCTYPE html>", _MARK, '<html lang="en"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             "<title>Decisions, memos and reflections — GSOMIA course</title>",
             f"<style>{twin_css()}body{{margin:1em auto;max-width:60em;padding:0 1em}}</style></head><body>",
             '<main class="gs-twin"><h1>Decisions, memos and reflections</h1>']
    if not cb.work:
        parts.append("<p>No work files (gsomia-work-….json) were handed in, so there is nothing to read here.</p>")
    for file, extra in sorted(cb.work.items(), key=lambda kv: (by_file[kv[0]].group.lower(),
                                                                by_file[kv[0]].name.lower(), kv[0])):
        s = by_file[file]
        parts.append(f"<section><h2>{esc(s.name)} <small>({esc(s.group)}, {esc(file)})</small></h2>")
        dec = extra["decision"]
        parts.append(f"<p><strong>Decision:</strong> {esc(dec['label'] or dec['choice'])}. <strong>Reasons:</strong> "
                     f"{esc(dec['rationale'])}</p>" if dec else "<p>No decision recorded.</p>")
        for r in extra["reflections"]:
            parts.append(f"<p><strong>{esc(titles.get(r['id'], r['id']))}:</strong> {esc(r['text'])}</p>")
        parts.append("</section>")
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


def _write_own(path: Path, text: str, own: str) -> str | None:
    """Write ``text`` to ``path`` unless a file there was not written by this gradebook (``own`` marks ours);
    returns a sentence when it was left alone."""
    from ..outdir import OutputFolderError, write_owned_file

    try:
        write_owned_file(path, text, own)
    except OutputFolderError as exc:
        return str(exc)
    return None


def page_data() -> dict:
    """What teacher/gradebook.html needs, written into the page: the questions with their keys (a teacher page),
    the lessons, the attempt rule and the gradebook's limits."""
    from .banks import all_questions
    from .core import rule_data

    qs = {}
    for qid, q in all_questions().items():
        item = {"type": q["type"], "answer": q["answer"], "prompt": q["prompt"]}
        if q["type"] in ("single", "multiple", "ordering", "matching"):
            item["options"] = q["options"]
        if q["type"] == "numeric":
            item["tol"] = float(q.get("tolerance", 0))
        if q["type"] == "text":
            item["alts"] = [q["answer"], *q.get("alternatives", [])]
        qs[qid] = item
    from . import gradebook

    return {"questions": qs, "rule": rule_data(), "limits": limits(),
            "formats": [gradebook.RESULTS_FORMAT, getattr(gradebook, "WORK_FORMAT", "gsomia-work")],
            "maxFiles": 200}


def cli(argv: list[str]) -> int:
    """``python -m lessons gradebook RESULTS... [--out DIR]``: the gradebook's files, then class.csv and work.html."""
    from . import gradebook

    status = gradebook.cli(argv)
    if status not in (0,):
        return status
    import argparse

    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("results", nargs="+")
    parser.add_argument("--out", default=".")
    args, _ = parser.parse_known_args(argv)
    cb = build(args.results)
    out = Path(args.out)
    messages = [_write_own(out / CSV_NAME, "\ufeff" + class_csv(cb), "name,group,file,answered,right"),
                _write_own(out / WORK_NAME, work_html(cb), _MARK)]
    for m in messages:
        if m:
            print(m)
    print(f"Wrote {out / CSV_NAME} (students × lessons, of all {len(cb.questions)} questions) and "
          f"{out / WORK_NAME} ({len(cb.work)} work file(s): decisions, memos, reflections).")
    return 0
