"""A student's progress: every answer given in the live view, kept in a small JSON file that is never lost.

The file lives in the platform's user-data folder (``$GSOMIA_PROGRESS`` overrides it with a file path):

- Linux: ``$XDG_DATA_HOME/gsomia-lessons/progress.json`` (default ``~/.local/share/gsomia-lessons/``)
- macOS: ``~/Library/Application Support/gsomia-lessons/progress.json``
- Windows: ``%APPDATA%\\gsomia-lessons\\progress.json``

Every write goes to a temporary file in the same folder, is flushed to disk (``fsync``) and then renamed over
the old file (``os.replace``), so a crash or a killed kernel leaves either the old file or the new one, never
half of one. A file that can't be read anyway (edited by hand, copied half-way) is moved aside as
``progress.json.corrupt-<time>`` — nothing is deleted — and a fresh file is started, with a warning.

Typical use::

    from lessons import progress
    progress.summary()                                   # your scorecard per lesson
    progress.export(name="Min-jun", group="10B")         # the results file to hand in
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import sys
import tempfile
import time as _time
import warnings
from pathlib import Path
from typing import Any

from ..component import Component
from .core import MAX_TRIES, PROGRESS_FORMAT, RESULTS_FORMAT, lesson_of, logs_by_question, verdict, within_tries

__all__ = ["ProgressWarning", "progress_path", "load", "answers", "record", "summary", "export", "Summary",
           "FORMAT", "RESULTS_FORMAT", "now_iso"]

FORMAT = PROGRESS_FORMAT
APP = "gsomia-lessons"


class ProgressWarning(UserWarning):
    """Shown when the progress file could not be read and a fresh one was started."""


def now_iso() -> str:
    """The current time in UTC, ISO 8601 to the second: ``2019-08-22T09:30:00Z``."""
    return _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def progress_path() -> Path:
    """Where this student's progress is kept (read from the environment at every call)."""
    override = os.environ.get("GSOMIA_PROGRESS")
    if override:
        return Path(override).expanduser()
    if sys.platform.startswith("win"):
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP / "progress.json"


def _fresh() -> dict:
    return {"format": FORMAT, "version": 1, "answers": []}


def _is_valid(doc: Any) -> bool:
    return (isinstance(doc, dict) and doc.get("format") == FORMAT and isinstance(doc.get("answers"), list)
            and all(isinstance(a, dict) and isinstance(a.get("question"), str) for a in doc["answers"]))


def _backup_name(path: Path) -> Path:
    stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        n += 1
    return candidate


def load(path: Path | None = None) -> dict:
    """The progress document ``{"format", "version", "answers": [...]}`` (a fresh one if there is no file).

    A file that can't be read is moved aside (never deleted) and a fresh document is returned, with a
    :class:`ProgressWarning` saying where the old file went.
    """
    path = Path(path) if path is not None else progress_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return _fresh()
    except (OSError, UnicodeDecodeError) as exc:
        problem = f"could not be read ({exc.__class__.__name__})"
        text = None
    else:
        problem = None
    if text is not None:
        if not text.strip():
            return _fresh()  # an empty file simply means "no answers yet"
        try:
            doc = json.loads(text)
        except ValueError:
            doc = None
            problem = "is not complete JSON (perhaps it was cut off while being saved)"
        if doc is not None:
            if _is_valid(doc):
                return doc
            problem = "is not a progress file of this course"
    backup = _backup_name(path)
    try:
        os.replace(path, backup)
        kept = f"It was kept as {backup}"
    except OSError as exc:  # pragma: no cover - e.g. a read-only folder
        kept = f"It could not be moved aside ({exc}); it was left where it is"
    warnings.warn(
        f"Your progress file {path} {problem}. {kept}, so nothing is lost, and a new progress file was started. "
        "Your teacher can recover earlier answers from the kept copy.",
        ProgressWarning,
        stacklevel=2,
    )
    return _fresh()


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _clean_stale_temps(path: Path) -> None:
    cutoff = _time.time() - 120
    for tmp in path.parent.glob(f".{path.name}.*.tmp"):
        try:
            if tmp.stat().st_mtime < cutoff:
                tmp.unlink()
        except OSError:
            pass


def write_atomic(path: Path, doc: Any) -> None:
    """Write JSON to ``path`` atomically: temp file in the same folder, fsync, os.replace, fsync the folder."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(doc, handle, ensure_ascii=False, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_dir(path.parent)


def _jsonable(value: Any) -> Any:
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, set):
        return sorted(_jsonable(v) for v in value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if hasattr(value, "item"):  # numpy scalars
        try:
            return _jsonable(value.item())
        except Exception:  # noqa: BLE001
            pass
    return str(value)


def record(question: str, answer: Any, correct: bool, attempt: int | None = None, *, lesson: str | None = None,
           time: str | None = None, path: Path | None = None) -> dict:
    """Append one answer to the progress file and return the entry written.

    ``attempt`` defaults to one more than the answers already recorded for this question; ``lesson`` to the
    number at the start of the question id.
    """
    path = Path(path) if path is not None else progress_path()
    doc = load(path)
    if attempt is None:
        attempt = 1 + sum(1 for a in doc["answers"] if a.get("question") == question)
    entry = {
        "question": str(question),
        "lesson": lesson or str(question).split("-", 1)[0],
        "answer": _jsonable(answer),
        "correct": bool(correct),
        "attempt": int(attempt),
        "time": time or now_iso(),
    }
    doc["answers"].append(entry)
    write_atomic(path, doc)
    _clean_stale_temps(path)
    return entry


def answers(path: Path | None = None) -> list[dict]:
    """Every recorded answer, oldest first."""
    return load(path)["answers"]


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-")[:60]


def export(path: str | Path | None = None, name: str = "", group: str = "") -> Path:
    """Write the results file to hand in and return its path.

    The format is the one the static site's "Download my results" button writes, and the one the teacher's
    gradebook reads: ``{"format": "gsomia-results", "version": 1, "name", "group", "exported",
    "course_version", "answers": [{"question", "lesson", "answer", "attempt", "time", "correct"}, …]}``.
    The gradebook recomputes every mark from the answers; it ignores "correct".
    """
    from .. import __version__

    doc = {
        "format": RESULTS_FORMAT,
        "version": 1,
        "name": str(name),
        "group": str(group),
        "exported": now_iso(),
        "course_version": __version__,
        "answers": [
            {k: a.get(k) for k in ("question", "lesson", "answer", "attempt", "time", "correct")}
            for a in answers()
        ],
    }
    if path is None:
        path = Path.cwd() / f"gsomia-results-{_slug(str(name)) or 'student'}.json"
    path = Path(path)
    if path.is_dir():
        path = path / f"gsomia-results-{_slug(str(name)) or 'student'}.json"
    write_atomic(path, doc)
    return path


# --------------------------------------------------------------------------------------------------------
# Scorecard
# --------------------------------------------------------------------------------------------------------


def scorecard(entries: list[dict], max_tries: int = MAX_TRIES) -> list[dict]:
    """Per lesson: questions answered, questions solved (by :func:`lessons.assessment.core.verdict`), percent."""
    per: dict[str, dict[str, bool]] = {}
    for qid, log in logs_by_question(entries).items():
        lesson = str(log[0].get("lesson") or lesson_of(qid))
        per.setdefault(lesson, {})[qid] = verdict(log, max_tries).solved
    out = []
    for lesson in sorted(per):
        solved = per[lesson]
        right = sum(solved.values())
        out.append({"lesson": lesson, "answered": len(solved), "correct": right,
                    "percent": round(100 * right / len(solved)) if solved else 0})
    return out


class Summary(Component):
    """A per-lesson scorecard of the answers recorded so far (a snapshot taken when it is created)."""

    label = "Your scorecard"

    def __init__(self, entries: list[dict]):
        super().__init__()
        self.entries = entries
        self.rows = scorecard(entries)

    EMPTY = ("No answers recorded yet. Answer a quiz or a check in a lesson, then run this cell again to see "
             "your scorecard.")

    def plain_text(self) -> str:
        if not self.rows:
            return self.EMPTY
        lines = [f"Your scorecard (questions right {within_tries()}):"]
        for r in self.rows:
            lines.append(f"  Lesson {r['lesson']}: {r['correct']} of {r['answered']} right ({r['percent']} %)")
        return "\n".join(lines)

    def alt_text(self) -> str:
        parts = [f"lesson {r['lesson']} {r['percent']} percent ({r['correct']} of {r['answered']})" for r in self.rows]
        return "Bar chart of the share of answered questions you got right, per lesson: " + "; ".join(parts) + "."

    def figure(self):
        from matplotlib.figure import Figure

        from ..style import CORRECT, DPI, MUTED_TEXT

        fig = Figure(figsize=(6.0, 0.5 + 0.45 * len(self.rows)), dpi=DPI)
        ax = fig.add_subplot()
        labels = [f"Lesson {r['lesson']}" for r in self.rows][::-1]
        values = [r["percent"] for r in self.rows][::-1]
        ax.barh(labels, values, color=CORRECT)
        for y, r in enumerate(self.rows[::-1]):
            ax.text(min(r["percent"] + 2, 85), y, f"{r['correct']} of {r['answered']}", va="center",
                    color=MUTED_TEXT, fontsize=9)
        ax.set_xlim(0, 100)
        ax.set_xlabel(f"% of answered questions right {within_tries()}")
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        fig.tight_layout()
        return fig

    def twin_html(self) -> str:
        from .._html import dom_id, figure_img, notice, table, twin

        root = dom_id("progress", self.rows)
        if not self.rows:
            return twin("progress", self.label, f"<h3>{self.label}</h3>" + notice(self.EMPTY), root_id=root)
        rows = [(f"Lesson {r['lesson']}", r["answered"], r["correct"], f"{r['percent']} %") for r in self.rows]
        body = (f"<h3>{self.label}</h3>"
                + table(["Lesson", "Questions answered", f"Right {within_tries()}", "Percent"], rows,
                        caption="Your answers so far, per lesson")
                + figure_img(self.figure(), alt=self.alt_text()))
        return twin("progress", self.label, body, root_id=root)

    def build_widget(self) -> Any:
        import ipywidgets as w

        return w.HTML(value=self.twin_html())


def summary(path: Path | None = None) -> Summary:
    """Your scorecard: a table and a bar chart per lesson (or a plain sentence when nothing is recorded yet)."""
    return Summary(load(path)["answers"])
