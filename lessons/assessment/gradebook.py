"""The teacher's gradebook: read the students' results files, recompute every mark, and analyse the questions.

Usage (from a terminal in the course folder)::

    python -m lessons gradebook results/*.json --out gradebook/

writes ``gradebook.csv`` (one row per student), ``items.csv`` (one row per question) and ``report.html``
(per-student scores, per-question percent correct, the most common wrong answer, questions ranked from hardest
to easiest, and a chart). The report is one self-contained page: it opens offline from a USB stick.

Marks are always recomputed from the recorded answers with :func:`lessons.assessment.grading.grade` against the
course's question banks; a "correct" flag or a score stored in a file is ignored. Every file is treated as
hostile: only regular files are read (not folders, devices, pipes or links to them), the size is checked before
reading (1 MB at most), nesting is bounded, an answer longer than 2,000 characters (100 for a number, or a list
of more than 100 items) is not marked, and text that isn't valid Unicode is replaced with U+FFFD. A file that
fails is skipped with one line naming it and the reason; the rest of the class is graded. The same student
(name and group) in two files is reported as a duplicate. Every string from a student's file is escaped in the
report.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .core import RESULTS_FORMAT, verdict, within_tries

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_ANSWER_CHARS", "MAX_ANSWER_ITEMS", "Student", "Item", "Gradebook",
           "read_results", "build", "write", "cli"]

MAX_BYTES = 1_000_000
MAX_DEPTH = 16              # a results file nests 4 levels (document, answers, entry, list answer)
MAX_ANSWER_CHARS = 2_000    # longer answers are not marked: no question needs more, and grading stays fast
MAX_ANSWER_ITEMS = 100      # items in a list answer (multiple choice, ordering, matching)
MAX_NUMBER_CHARS = 100      # a typed number longer than this is not a number: not marked, like "needs a number"
MAX_ANSWERS = 2_000         # answers marked per file (the whole course has well under 200 questions)
WORK_FORMAT = "gsomia-work"   # a student's whole work file (lessons.components.mywork): the same answers, and more


@dataclass
class Student:
    file: str
    name: str
    group: str
    solved: dict[str, bool] = field(default_factory=dict)      # question id -> solved (core.verdict)
    first_try: dict[str, bool] = field(default_factory=dict)   # question id -> right on the first try
    unknown: int = 0                                            # answers to questions not in the banks
    too_long: int = 0                                           # answers over the length limits (not marked)
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
    duplicates: list[tuple[str, str, list[str]]] = field(default_factory=list)  # (name, group, files)

    def ranked_items(self) -> list[Item]:
        return self.items


_UNSAFE = re.compile("[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(value: Any, limit: int = 80) -> str:
    """Text from a student's file, safe to show and to store: one line, no control characters, valid Unicode
    (lone surrogates become U+FFFD), at most `limit` characters."""
    if isinstance(value, str):
        text = value[: limit * 4]
    elif value is None:
        text = ""
    elif isinstance(value, (int, float, bool)):
        text = str(value) if not isinstance(value, int) or abs(value) < 10 ** 30 else "(a very long number)"
    else:
        text = _describe_value(value)
    text = _UNSAFE.sub("\ufffd", text)
    text = " ".join(text.split())
    return text[:limit]


def _describe_value(value: Any) -> str:
    """A short text for a list or an object without walking all of it."""
    if isinstance(value, list):
        return "[" + ", ".join(_clean(v, 20) if not isinstance(v, (list, dict)) else "…" for v in value[:10]) + \
            (", …]" if len(value) > 10 else "]")
    if isinstance(value, dict):
        return "{…}"
    return value.__class__.__name__


def _file_label(path: Path) -> str:
    """A file name safe to print and to store (undecodable bytes and control characters replaced)."""
    return _clean(os.fsencode(path.name).decode("utf-8", "replace"), 200)


def _depth_ok(doc: Any, limit: int = MAX_DEPTH) -> bool:
    """True when `doc` nests no deeper than `limit` (checked without recursion)."""
    stack = [(doc, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, (list, dict)):
            if depth > limit:
                return False
            stack.extend((v, depth + 1) for v in (value.values() if isinstance(value, dict) else value))
    return True


def _bounded_answer(value: Any, kind: str = "") -> bool:
    """True when an answer is small enough to mark (checked before it reaches the grader)."""
    if isinstance(value, str):
        return len(value) <= (MAX_NUMBER_CHARS if kind == "numeric" else MAX_ANSWER_CHARS)
    if isinstance(value, int) and not isinstance(value, bool):
        return abs(value) < 10 ** 30
    if isinstance(value, list):
        return len(value) <= MAX_ANSWER_ITEMS and all(
            not isinstance(v, (list, dict)) and _bounded_answer(v) for v in value)
    if isinstance(value, dict):
        return False  # no question takes an object as its answer
    return True


def _read_bounded(path: Path) -> tuple[bytes | None, str | None]:
    """The bytes of a regular file of at most MAX_BYTES, or (None, reason). Never blocks on a pipe and never
    reads more than MAX_BYTES + 1 bytes, whatever the file is."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        return None, f"it could not be opened ({exc.strerror or exc.__class__.__name__})"
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            return None, "it is a folder, not a results file"
        if not stat.S_ISREG(st.st_mode):
            return None, "it is not an ordinary file (it is a device, a pipe or a link to one), so it was not read"
        if st.st_size > MAX_BYTES:
            return None, (f"it is larger than 1 MB ({st.st_size / 1e6:.1f} MB); a results file is much smaller, so "
                          "this is not one")
        chunks, total = [], 0
        while total <= MAX_BYTES:
            chunk = os.read(fd, min(1 << 16, MAX_BYTES + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > MAX_BYTES:
            return None, "it grew past 1 MB while being read, so it is not a results file"
        return b"".join(chunks), None
    except OSError as exc:
        return None, f"it could not be read ({exc.strerror or exc.__class__.__name__})"
    finally:
        os.close(fd)


def read_results(path: Path) -> tuple[dict | None, str | None]:
    """A results document, or (None, reason) when the file must be skipped."""
    data, reason = _read_bounded(Path(path))
    if data is None:
        return None, reason
    try:
        doc = json.loads(data.decode("utf-8-sig"))  # a byte-order mark (Windows Notepad) is fine
    except UnicodeDecodeError:
        return None, "it is not UTF-8 text (it may be damaged, or saved in another encoding)"
    except RecursionError:
        return None, "it is nested far too deeply to be a results file"
    except ValueError:
        return None, "it is not a readable JSON file (it may be damaged or only partly copied)"
    if not _depth_ok(doc):
        return None, "it is nested far too deeply to be a results file"
    if not isinstance(doc, dict) or doc.get("format") not in (RESULTS_FORMAT, WORK_FORMAT):
        return None, "it is not a results file of this course (it has no \"format\": \"gsomia-results\")"
    if doc.get("version") != 1:
        return None, f"it is a results file of an unknown version ({_clean(doc.get('version'), 20)!s})"
    if not isinstance(doc.get("answers"), list):
        return None, "its \"answers\" are missing or not a list"
    return doc, None


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """The files named, and the *.json files of each folder named, in order (an unreadable folder stays in the
    list, to be reported as skipped)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            try:
                out.extend(sorted(p.glob("*.json")))
            except OSError:
                out.append(p)  # an unreadable folder: reported as a skipped file
        else:
            out.append(p)
    return out


def _identity(student: Student) -> tuple[str, str]:
    return (" ".join(student.name.casefold().split()), " ".join(student.group.casefold().split()))


def build(paths: Iterable[str | Path], questions: dict[str, dict] | None = None) -> Gradebook:
    """Read every results file and recompute all marks against the question banks."""
    from .banks import all_questions
    from .grading import describe_answer, grade

    bank = questions if questions is not None else all_questions()
    students: list[Student] = []
    skipped: list[tuple[str, str]] = []
    items: dict[str, Item] = {}
    files = expand(paths)
    for path in files:
        label = _file_label(path)
        doc, reason = read_results(path)
        if doc is None:
            skipped.append((label, reason or "unreadable"))
            continue
        student = Student(file=label, name=_clean(doc.get("name")) or _clean(label.rsplit(".", 1)[0]),
                          group=_clean(doc.get("group")), total=len(bank))
        logs: dict[str, list[bool]] = {}
        wrong_seen: dict[str, list[str]] = {}
        if len(doc["answers"]) > MAX_ANSWERS:
            student.too_long += len(doc["answers"]) - MAX_ANSWERS
        for entry in doc["answers"][:MAX_ANSWERS]:
            if not isinstance(entry, dict) or not isinstance(entry.get("question"), str):
                continue
            qid = entry["question"]
            q = bank.get(qid)
            if q is None:
                student.unknown += 1
                continue
            if not _bounded_answer(entry.get("answer"), str(q.get("type"))):
                student.too_long += 1  # refused before the grader sees it
                continue
            try:
                result = grade(q, entry.get("answer"))
            except Exception:  # noqa: BLE001 - a hostile answer must not stop the gradebook
                continue
            if not result.counted:
                continue
            logs.setdefault(qid, []).append(result.correct)
            if not result.correct:
                try:
                    text = _clean(describe_answer(q, entry.get("answer")), 120)
                except Exception:  # noqa: BLE001
                    text = _clean(entry.get("answer"), 120)
                wrong_seen.setdefault(qid, []).append(text)
        for qid, log in logs.items():
            v = verdict(log)
            student.solved[qid] = v.solved
            student.first_try[qid] = v.first_try
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
    by_identity: dict[tuple[str, str], list[Student]] = {}
    for student in students:
        by_identity.setdefault(_identity(student), []).append(student)
    duplicates = [(same[0].name, same[0].group, [s.file for s in same])
                  for same in by_identity.values() if len(same) > 1]
    return Gradebook(students=students, items=ranked, skipped=skipped, files_read=len(files), duplicates=duplicates)


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
    alt = (f"Bar chart of the percent of students who got each question right {within_tries()}, hardest first: "
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
    from .._html import esc, table, twin_css

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
        f"<style>{twin_css()}body{{margin:1em auto;max-width:60em;padding:0 1em}}</style></head><body>",
        '<main class="gs-twin"><h1>Gradebook — GSOMIA course</h1>',
        f"<p>{len(gb.students)} results file(s) read, {len(gb.skipped)} skipped. Average score "
        f"{mean:.0f} %. Every mark was recomputed from the answers in the files; marks stored in the files were "
        f"ignored. A question counts as right if it was answered correctly {within_tries()}.</p>",
    ]
    if unknown:
        parts.append(f"<p>{unknown} answer(s) were to questions that are not in this version of the course and "
                     "were not marked.</p>")
    too_long = sum(s.too_long for s in gb.students)
    if too_long:
        parts.append(f"<p>{too_long} answer(s) were not marked because they were too long (over "
                     f"{MAX_ANSWER_CHARS:,} characters, {MAX_NUMBER_CHARS} for a number, or lists of more than "
                     f"{MAX_ANSWER_ITEMS} items) or came after the first {MAX_ANSWERS:,} answers in a file.</p>")
    if gb.duplicates:
        dups = "".join(f"<li>{esc(_duplicate_line(d))}</li>" for d in gb.duplicates)
        parts.append(f"<h2>The same student in more than one file</h2><ul>{dups}</ul>")
    if skipped:
        parts.append(f"<h2>Skipped files</h2><ul>{skipped}</ul>")
    parts.append("<h2>Students</h2>")
    parts.append(table(["Name", "Group", "File", "Questions answered", "Right", "Score"], srows,
                       caption=f"Per-student scores: right {within_tries()}, of every question of the course "
                               "(unanswered = not yet)")
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


def _duplicate_line(dup: tuple[str, str, list[str]]) -> str:
    name, group, files = dup
    who = f"{name} ({group})" if group else name
    return (f"{who} is in {len(files)} files: {', '.join(files)}. Each file is marked as it is; check whether "
            "they are one student who handed in twice or different students with the same name")


#: What each output file starts with: an existing file is replaced only if it holds this (the course wrote it).
SIGNATURES = {"gradebook": "name,group,file,answered,correct,percent", "items": "rank,question,type,students",
              "report": "<title>Gradebook — GSOMIA course</title>"}


def write(gb: Gradebook, out: str | Path) -> dict[str, Path]:
    """Write gradebook.csv, items.csv and report.html into ``out`` (created if needed).

    Each file is written whole and then moved into place, so a failure never leaves a half-written (or empty)
    gradebook. A file of the same name that the gradebook did not write is never replaced:
    :class:`lessons.outdir.OutputFolderError` says so in a sentence.
    """
    from ..outdir import OutputFolderError, replaceable, write_owned_file

    out = Path(out)
    if out.exists() and not out.is_dir():
        raise OutputFolderError(f"{out} is a file, not a folder. Give --out the name of a folder for the "
                                "gradebook files.")
    paths = {"gradebook": out / "gradebook.csv", "items": out / "items.csv", "report": out / "report.html"}
    texts = {"gradebook": _csv_students(gb), "items": _csv_items(gb), "report": _report_html(gb)}
    for key, target in paths.items():  # check all three before writing any
        if not replaceable(target, SIGNATURES[key]):
            raise OutputFolderError(f"{target} already exists and was not written by the gradebook, so nothing "
                                    "was written. Move it, or give --out another folder.")
    for key, target in paths.items():
        write_owned_file(target, texts[key], SIGNATURES[key])
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
        shown = ", ".join(_clean(os.fsencode(p).decode("utf-8", "replace"), 200) for p in missing)
        print(f"Could not find {shown}. Check the file names, then run the command again.")
        return 2
    from ..outdir import OutputFolderError

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        print(f"{args.out} is a file, not a folder. Give --out the name of a folder for the gradebook files "
              "(it is created if needed).")
        return 2
    gb = build(args.results)
    try:
        paths = write(gb, out)
    except OutputFolderError as exc:
        print(str(exc))
        return 2
    print(f"Read {len(gb.students)} results file(s), skipped {len(gb.skipped)}.")
    for name, reason in gb.skipped:
        print(f"  Skipped {name}: {reason}.")
    for dup in gb.duplicates:
        print(f"  Duplicate: {_duplicate_line(dup)}.")
    too_long = sum(s.too_long for s in gb.students)
    if too_long:
        print(f"  {too_long} answer(s) were not marked because they were too long or too many (see the report).")
    print(f"Wrote {paths['gradebook']}, {paths['items']} and {paths['report']}.")
    return 0 if gb.students else 1
