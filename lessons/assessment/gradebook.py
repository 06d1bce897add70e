"""The teacher's gradebook: read the students' results files, recompute every mark, and analyse the questions.

Usage (from a terminal in the course folder)::

    python -m lessons gradebook results/*.json --out gradebook/

writes ``gradebook.csv`` (one row per student), ``items.csv`` (one row per question) and ``report.html``
(per-student scores, per-question percent correct, the most common wrong answer, questions ranked from hardest
to easiest, and a chart). The report is one self-contained page: it opens offline from a USB stick.

Marks are always recomputed from the recorded answers with :func:`lessons.assessment.grading.grade` against the course's
question banks; a "correct" flag or a score stored in a file is ignored. Files larger than 1 MB, files that
are not results files of this course and files that can't be read are skipped, with a line in the report
saying which and why. Every string from a student's file is escaped in the report.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

__all__ = ["MAX_BYTES", "Student", "Item", "Gradebook", "read_results", "build", "write", "cli"]

MAX_BYTES = 1_000_000
RESULTS_FORMAT = "gsomia-results"
WORK_FORMAT = "gsomia-work"   # a student's whole work file (lessons.assessment.mywork): the same answers, and more


@dataclass
class Student:
    file: str
    name: str
    group: str
    solved: dict[str, bool] = field(default_factory=dict)      # question id -> right within MAX_TRIES tries
    first_try: dict[str, bool] = field(default_factory=dict)   # question id -> right on the first try
    unknown: int = 0                                            # answers to questions not in the banks
    total: int = 0                                              # questions in the course (the score's denominator)

    @property
    def answered(self) -> int:
        return len(self.solved)

    @property
    def correct(self) -> int:
        return sum(self.solved.values())

    @property
    def percent(self) -> float:
        """Right within the allowed tries, of every question of the course (unanswered counts as not yet)."""
        return 100.0 * self.correct / self.total if self.total else 0.0


@dataclass
class Item:
    id: str
    prompt: str
    type: str
    students: int = 0
    solved: int = 0
    first_try: int = 0
    wrong: Counter = field(default_factory=Counter)

    @property
    def percent(self) -> float:
        return 100.0 * self.solved / self.students if self.students else 0.0

    @property
    def first_percent(self) -> float:
        return 100.0 * self.first_try / self.students if self.students else 0.0

    def common_wrong(self) -> tuple[str, int]:
        if not self.wrong:
            return "", 0
        # Most common first; ties broken alphabetically so the report is the same on every run.
        text, n = sorted(self.wrong.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        return text, n


@dataclass
class Gradebook:
    students: list[Student]
    items: list[Item]          # ranked: hardest first
    skipped: list[tuple[str, str]]
    files_read: int

    def ranked_items(self) -> list[Item]:
        return self.items


def _clean(value: Any, limit: int = 80) -> str:
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    return text[:limit]


def read_results(path: Path) -> tuple[dict | None, str | None]:
    """A results document, or (None, reason) when the file must be skipped."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return None, f"it could not be opened ({exc.__class__.__name__})"
    if size > MAX_BYTES:
        return None, f"it is larger than 1 MB ({size / 1e6:.1f} MB); a results file is much smaller, so this is not one"
    try:
        doc = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None, "it is not a readable JSON file (it may be damaged or only partly copied)"
    if not isinstance(doc, dict) or doc.get("format") not in (RESULTS_FORMAT, WORK_FORMAT):
        return None, "it is not a results file of this course (it has no \"format\": \"gsomia-results\")"
    if doc.get("version") != 1:
        return None, f"it is a results file of an unknown version ({_clean(doc.get('version'), 20)!s})"
    if not isinstance(doc.get("answers"), list):
        return None, "its \"answers\" are missing or not a list"
    return doc, None


def _expand(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(p.glob("*.json")))
        else:
            out.append(p)
    return out


def build(paths: Iterable[str | Path], questions: dict[str, dict] | None = None) -> Gradebook:
    """Read every results file and recompute all marks against the question banks."""
    from .banks import all_questions
    from .core import MAX_TRIES
    from .grading import describe_answer, grade

    bank = questions if questions is not None else all_questions()
    students: list[Student] = []
    skipped: list[tuple[str, str]] = []
    items: dict[str, Item] = {}
    files = _expand(paths)
    for path in files:
        doc, reason = read_results(path)
        if doc is None:
            skipped.append((path.name, reason or "unreadable"))
            continue
        student = Student(file=path.name, name=_clean(doc.get("name")) or path.stem, group=_clean(doc.get("group")),
                          total=len(bank))
        attempts: Counter = Counter()
        wrong_seen: dict[str, list[str]] = {}
        for entry in doc["answers"]:
            if not isinstance(entry, dict) or not isinstance(entry.get("question"), str):
                continue
            qid = entry["question"]
            q = bank.get(qid)
            if q is None:
                student.unknown += 1
                continue
            try:
                result = grade(q, entry.get("answer"))
            except Exception:  # noqa: BLE001 - a hostile answer must not stop the gradebook
                continue
            if not result.counted:
                continue
            attempts[qid] += 1
            n = attempts[qid]
            if n == 1:
                student.first_try[qid] = result.correct
            student.solved[qid] = student.solved.get(qid, False) or (result.correct and n <= MAX_TRIES)
            if not result.correct:
                try:
                    text = _clean(describe_answer(q, entry.get("answer")), 120)
                except Exception:  # noqa: BLE001
                    text = _clean(entry.get("answer"), 120)
                wrong_seen.setdefault(qid, []).append(text)
        for qid, ok in student.solved.items():
            q = bank[qid]
            item = items.setdefault(qid, Item(id=qid, prompt=q["prompt"], type=q["type"]))
            item.students += 1
            item.solved += ok
            item.first_try += student.first_try.get(qid, False)
            # Count each distinct wrong answer once per student.
            for text in set(wrong_seen.get(qid, [])):
                item.wrong[text] += 1
        students.append(student)
    ranked = sorted(items.values(), key=lambda i: (i.percent, i.first_percent, i.id))
    return Gradebook(students=students, items=ranked, skipped=skipped, files_read=len(files))


# --------------------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------------------


def _cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas in student-supplied text (=, +, -, @ at the start)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv_students(gb: Gradebook) -> str:
    qids = sorted(i.id for i in gb.items)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["name", "group", "file", "answered", "correct", "percent", *qids])
    for s in gb.students:
        marks = ["" if q not in s.solved else int(s.solved[q]) for q in qids]
        w.writerow([_cell(s.name), _cell(s.group), _cell(s.file), s.answered, s.correct, f"{s.percent:.0f}", *marks])
    return buf.getvalue()


def _csv_items(gb: Gradebook) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["rank", "question", "type", "students", "percent_correct", "percent_first_try",
                "most_common_wrong_answer", "times_given"])
    for rank, i in enumerate(gb.items, 1):
        text, n = i.common_wrong()
        w.writerow([rank, i.id, i.type, i.students, f"{i.percent:.0f}", f"{i.first_percent:.0f}", _cell(text), n])
    return buf.getvalue()


def _svg_chart(gb: Gradebook) -> str:
    from .._html import esc
    from ..style import CORRECT, MUTED_TEXT, TEXT

    items = gb.items
    if not items:
        return ""
    row, left, width = 20, 190, 300
    height = row * len(items) + 40
    alt = ("Bar chart of the percent of students who got each question right within two tries, hardest first: "
           + "; ".join(f"{i.id} {i.percent:.0f} percent" for i in items) + ".")
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="gb-chart-title gb-chart-desc" '
             f'width="{left + width + 60}" height="{height}" viewBox="0 0 {left + width + 60} {height}" '
             f'font-family="sans-serif" font-size="12">',
             '<title id="gb-chart-title">Percent correct per question</title>',
             f'<desc id="gb-chart-desc">{esc(alt)}</desc>']
    for k, i in enumerate(items):
        y = 10 + k * row
        w = width * i.percent / 100
        parts.append(f'<text x="{left - 6}" y="{y + 13}" text-anchor="end" fill="{TEXT}">{esc(i.id)}</text>'
                     f'<rect x="{left}" y="{y + 2}" width="{w:.1f}" height="{row - 6}" fill="{CORRECT}"/>'
                     f'<text x="{left + w + 4:.1f}" y="{y + 13}" fill="{MUTED_TEXT}">{i.percent:.0f} %</text>')
    base = 10 + len(items) * row
    parts.append(f'<line x1="{left}" y1="10" x2="{left}" y2="{base}" stroke="{MUTED_TEXT}"/>'
                 f'<text x="{left}" y="{base + 16}" fill="{MUTED_TEXT}">0 %</text>'
                 f'<text x="{left + width}" y="{base + 16}" text-anchor="end" fill="{MUTED_TEXT}">100 %</text></svg>')
    return "".join(parts)


def _report_html(gb: Gradebook) -> str:
    from .._html import TWIN_CSS, esc, table

    students = sorted(gb.students, key=lambda s: (s.group.lower(), s.name.lower(), s.file))
    srows = [(s.name, s.group, s.file, s.answered, s.correct, f"{s.percent:.0f} %") for s in students]
    irows = []
    for rank, i in enumerate(gb.items, 1):
        text, n = i.common_wrong()
        irows.append((rank, i.id, i.prompt, i.students, f"{i.percent:.0f} %", f"{i.first_percent:.0f} %",
                      f"{text} ({n})" if n else "—"))
    skipped = "".join(f"<li>Skipped <code>{esc(name)}</code>: {esc(reason)}.</li>" for name, reason in gb.skipped)
    unknown = sum(s.unknown for s in gb.students)
    mean = sum(s.percent for s in gb.students) / len(gb.students) if gb.students else 0
    parts = [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Gradebook — GSOMIA course</title>",
        f"<style>{TWIN_CSS}body{{margin:1em auto;max-width:60em;padding:0 1em}}</style></head><body>",
        '<main class="gs-twin"><h1>Gradebook — GSOMIA course</h1>',
        f"<p>{len(gb.students)} results file(s) read, {len(gb.skipped)} skipped. Average score "
        f"{mean:.0f} %. Every mark was recomputed from the answers in the files; marks stored in the files were "
        "ignored. A question counts as right if it was answered correctly within two tries.</p>",
    ]
    if unknown:
        parts.append(f"<p>{unknown} answer(s) were to questions that are not in this version of the course and "
                     "were not marked.</p>")
    if skipped:
        parts.append(f"<h2>Skipped files</h2><ul>{skipped}</ul>")
    parts.append("<h2>Students</h2>")
    parts.append(table(["Name", "Group", "File", "Questions answered", "Right", "Score"], srows,
                       caption="Per-student scores: right within two tries, of every question of the course (unanswered = not yet)")
                 if srows else "<p>No results files could be read.</p>")
    parts.append("<h2>Questions, hardest first (item analysis)</h2>")
    if irows:
        parts.append(table(["Rank", "Question", "Prompt", "Students", "Right", "Right first try",
                            "Most common wrong answer (students)"], irows,
                           caption="Percent of the students who answered each question and got it right"))
        parts.append("<h2>Chart</h2>" + _svg_chart(gb))
    else:
        parts.append("<p>No answers to mark yet.</p>")
    parts.append("</main></body></html>")
    return "".join(parts)


def write(gb: Gradebook, out: str | Path) -> dict[str, Path]:
    """Write gradebook.csv, items.csv and report.html into ``out`` (created if needed)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = {"gradebook": out / "gradebook.csv", "items": out / "items.csv", "report": out / "report.html"}
    paths["gradebook"].write_text(_csv_students(gb), encoding="utf-8")
    paths["items"].write_text(_csv_items(gb), encoding="utf-8")
    paths["report"].write_text(_report_html(gb), encoding="utf-8")
    return paths


def cli(argv: list[str]) -> int:
    """``python -m lessons gradebook RESULTS... [--out DIR]``. Returns the exit status."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m lessons gradebook",
        description="Mark students' results files (downloaded from the course pages or written by "
                    "lessons.progress.export) and write gradebook.csv, items.csv and report.html.",
    )
    parser.add_argument("results", nargs="+", help="results files (.json) or folders holding them")
    parser.add_argument("--out", default=".", help="folder for the gradebook files (default: this folder)")
    args = parser.parse_args(argv)
    missing = [p for p in args.results if not Path(p).exists()]
    if missing:
        print(f"Could not find {', '.join(missing)}. Check the file names, then run the command again.")
        return 2
    gb = build(args.results)
    paths = write(gb, args.out)
    print(f"Read {len(gb.students)} results file(s), skipped {len(gb.skipped)}.")
    for name, reason in gb.skipped:
        print(f"  Skipped {name}: {reason}.")
    print(f"Wrote {paths['gradebook']}, {paths['items']} and {paths['report']}.")
    return 0 if gb.students else 1
