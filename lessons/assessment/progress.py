"""A student's progress: every answer given in the live view, kept in a small JSON file that is never lost.

The file lives in the platform's user-data folder (``$GSOMIA_PROGRESS`` overrides it with a file path):

- Linux: ``$XDG_DATA_HOME/gsomia-lessons/progress.json`` (default ``~/.local/share/gsomia-lessons/``)
- macOS: ``~/Library/Application Support/gsomia-lessons/progress.json``
- Windows: ``%APPDATA%\\gsomia-lessons\\progress.json``

Every write goes to a temporary file in the same folder, is flushed to disk (``fsync``) and then renamed over
the old file (``os.replace``), so a crash or a killed kernel leaves either the old file or the new one, never
half of one. Writers take a lock (``progress.json.lock``, via :mod:`filelock`) and re-read the file inside it
before adding their answer, so two kernels recording at once (lessons 01 and 08 open together) lose nothing.
Decisions (lesson 07) are kept the same way, by :func:`update`. A file that can't be read anyway (edited by
hand, copied half-way) is moved aside as ``progress.json.corrupt-<time>`` — nothing is deleted — and a fresh
file is started, with a warning. Only a regular file is ever moved or replaced: when ``$GSOMIA_PROGRESS`` names
a folder, a device or a pipe, recording stops with :class:`ProgressError`, a sentence saying what to do.

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
import stat
import sys
import time as _time
import warnings
from pathlib import Path
from typing import Any

from ..component import Component
from ..outdir import replace_atomically
from .core import MAX_TRIES, PROGRESS_FORMAT, RESULTS_FORMAT, lesson_of, logs_by_question, verdict, within_tries

__all__ = ["ProgressWarning", "ProgressError", "progress_path", "load", "answers", "record", "update",
           "read_document", "summary", "export", "Summary", "FORMAT", "RESULTS_FORMAT", "now_iso"]

FORMAT = PROGRESS_FORMAT
APP = "gsomia-lessons"


class ProgressWarning(UserWarning):
    """Shown when the progress file could not be read and a fresh one was started."""


class ProgressError(OSError):
    """An answer could not be saved. ``str(error)`` is a plain sentence: what went wrong and what to do."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "Your answer could not be saved."


#: Seconds a writer waits for other kernels to finish writing before giving up with a sentence (a write takes
#: milliseconds; this is only reached when something holds the lock and hangs).
LOCK_TIMEOUT = 120.0


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
    while os.path.lexists(candidate):
        candidate = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        n += 1
    return candidate


_HOW_TO_FIX = ("Set GSOMIA_PROGRESS to a file name (for example {example}) or remove the setting, then restart "
               "the kernel.")


def check_target(path: Path, what: str = "progress file", fix: str | None = None) -> Path:
    """The file to read and write for `path`: `path` itself, or the file a link points to. Raises
    :class:`ProgressError` (and changes nothing) when it is a folder, a device, a pipe or a broken link.
    `fix` replaces the advice about GSOMIA_PROGRESS (for files the student names, such as an export)."""
    path = Path(path)
    how = (lambda example: fix) if fix else (lambda example: _HOW_TO_FIX.format(example=example))
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.lexists(path):
            target = Path(os.path.realpath(path))
            if target.parent.is_dir() and not os.path.lexists(target):
                return target  # a link to a file not written yet, in a folder that exists: write it there
            raise ProgressError(f"Your {what} {path} is a link to a file that does not exist, so nothing was "
                                "saved. " + how(Path.home() / "gsomia-progress.json")) from None
        return path
    except OSError as exc:
        raise ProgressError(f"Your {what} {path} can't be opened ({exc.strerror or exc}), so nothing was saved. "
                            + how(Path.home() / "gsomia-progress.json")) from None
    if stat.S_ISDIR(st.st_mode):
        raise ProgressError(f"Your {what} {path} is a folder, not a file, so nothing was saved (and the folder "
                            "was left as it is). " + how(path / "progress.json"))
    if not stat.S_ISREG(st.st_mode):
        raise ProgressError(f"Your {what} {path} is not an ordinary file (it is a device or a pipe), so nothing "
                            "was saved there and it was left as it is. "
                            + how(Path.home() / "gsomia-progress.json"))
    return Path(os.path.realpath(path)) if os.path.islink(path) else path


def _read(path: Path, valid: Any) -> tuple[Any, str | None]:
    """(document, None), (None, None) for no answers yet, or (None, problem)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(64_000_001)
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        return None, f"could not be opened ({exc.strerror or exc.__class__.__name__})"
    if len(data) > 64_000_000:
        return None, "is far larger than a progress file can be"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, "is not UTF-8 text"
    if not text.strip():
        return None, None  # an empty file simply means "no answers yet"
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError):
        return None, "is not complete JSON (perhaps it was cut off while being saved)"
    if not valid(doc):
        return None, "is not a file of this course"
    return doc, None


def _set_aside(path: Path, problem: str, what: str, stacklevel: int = 3) -> None:
    """Move a damaged regular file aside (never anything else) and warn. Call with the lock held."""
    try:
        regular = stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return  # gone meanwhile: nothing to keep
    if regular:
        backup = _backup_name(path)
        try:
            os.replace(path, backup)
            kept = f"It was kept as {backup}"
        except OSError as exc:
            kept = f"It could not be moved aside ({exc.strerror or exc}); it was left where it is"
    else:
        kept = "It was left where it is"
    warnings.warn(
        f"Your {what} {path} could not be read: it {problem}. {kept}, so nothing is lost, and a new {what} was "
        "started. "
        "Your teacher can recover earlier answers from the kept copy.",
        ProgressWarning,
        stacklevel=stacklevel,
    )


def _lock(path: Path) -> Any:
    from filelock import FileLock

    # Poll often: a waiting kernel then gets its turn between another kernel's writes instead of starving.
    return FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT, poll_interval=0.005)


def _locked(path: Path, what: str) -> Any:
    """The lock for `path`, acquired; raises :class:`ProgressError` with a sentence when it can't be."""
    from filelock import Timeout

    lock_path = Path(str(path) + ".lock")
    if os.path.lexists(lock_path) and not stat.S_ISREG(os.lstat(lock_path).st_mode):
        raise ProgressError(f"{lock_path} is not a file, but the course needs that name to lock your {what} while "
                            "saving, so nothing was saved. Rename or remove it, then press the button again.")
    lock = _lock(path)
    try:
        lock.acquire()
    except Timeout:
        raise ProgressError(f"Your {what} {path} is busy (another notebook has been saving to it for "
                            f"{LOCK_TIMEOUT:.0f} s), so this was not saved. Press the button again in a moment.") \
            from None
    except OSError as exc:
        raise ProgressError(_cannot_write(path, exc, what)) from None
    return lock


def _cannot_write(path: Path, exc: OSError, what: str) -> str:
    return (f"Your answer could not be saved: the folder {path.parent} can't be written to "
            f"({exc.strerror or exc.__class__.__name__}). Copy your answer somewhere safe, and ask your teacher "
            f"to make that folder writable or to set GSOMIA_PROGRESS to a {what} in a folder you can write to.")


def load(path: Path | None = None) -> dict:
    """The progress document ``{"format", "version", "answers": [...]}`` (a fresh one if there is no file).

    A file that can't be read is moved aside (never deleted) and a fresh document is returned, with a
    :class:`ProgressWarning` saying where the old file went. When ``$GSOMIA_PROGRESS`` names a folder or a
    device, a warning says so and a fresh document is returned; nothing is moved.
    """
    return read_document(Path(path) if path is not None else progress_path(), _fresh, _is_valid, "progress file")


def read_document(path: Path, fresh: Any, valid: Any, what: str) -> dict:
    """The document at `path` if ``valid(doc)``, else ``fresh()``: a damaged regular file is moved aside under
    the lock, with a warning; a folder, device or pipe is left alone, with a warning."""
    try:
        path = check_target(path, what)
    except ProgressError as exc:
        warnings.warn(str(exc), ProgressWarning, stacklevel=3)
        return fresh()
    doc, problem = _read(path, valid)
    if problem is None:
        return doc if doc is not None else fresh()
    try:
        lock = _locked(path, what)
    except ProgressError:
        warnings.warn(f"Your {what} {path} {problem}. It was left where it is.", ProgressWarning, stacklevel=3)
        return fresh()
    try:
        doc, problem = _read(path, valid)  # another kernel may have repaired it meanwhile
        if problem is not None:
            _set_aside(path, problem, what, stacklevel=4)
    finally:
        lock.release()
    return doc if doc is not None else fresh()


def update(path: Path, change: Any, *, fresh: Any = None, valid: Any = None, what: str = "progress file") -> Any:
    """Read the document at `path`, apply ``change(doc)`` and write it back — all under the file's lock, so
    concurrent writers (two kernels) never lose each other's entries — atomically. Returns what `change`
    returns. Raises :class:`ProgressError` (a sentence) when the file can't be used or written."""
    fresh = fresh or _fresh
    valid = valid or _is_valid
    path = check_target(Path(path), what)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ProgressError(f"The folder for your {what}, {path.parent}, can't be made "
                            f"({exc.strerror or exc.__class__.__name__}). "
                            + _HOW_TO_FIX.format(example=Path.home() / "gsomia-progress.json")) from None
    lock = _locked(path, what)
    try:
        path = check_target(path, what)  # still a file (or nothing) now that we hold the lock
        doc, problem = _read(path, valid)
        if problem is not None:
            _set_aside(path, problem, what, stacklevel=4)
        if doc is None:
            doc = fresh()
        result = change(doc)
        try:
            write_atomic(path, doc)
        except OSError as exc:
            raise ProgressError(_cannot_write(path, exc, what)) from None
    finally:
        lock.release()
    return result


def _clean_stale_temps(path: Path) -> None:
    cutoff = _time.time() - 120
    pattern = re.compile(re.escape(f".{path.name}.") + r"[A-Za-z0-9_]+\.tmp")
    for tmp in path.parent.glob(f".{path.name}.*.tmp"):
        try:
            st = os.lstat(tmp)
            if pattern.fullmatch(tmp.name) and stat.S_ISREG(st.st_mode) and st.st_mtime < cutoff:
                tmp.unlink()
        except OSError:
            pass


_SURROGATES = re.compile("[\ud800-\udfff]")


def write_atomic(path: Path, doc: Any) -> None:
    """Write JSON to ``path`` atomically: temp file in the same folder, fsync, os.replace, fsync the folder.
    Text that can't be stored as UTF-8 (a lone surrogate) becomes U+FFFD instead of failing."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = _SURROGATES.sub("\ufffd", json.dumps(doc, ensure_ascii=False, indent=1))
    # private to the student (0600, as mkstemp makes it); the folder is synced so the rename survives a power cut
    replace_atomically(path, text.encode("utf-8"), mode=0o600, sync_folder=True)


def _jsonable(value: Any) -> Any:
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, set):
        return sorted(_jsonable(v) for v in value)
    if isinstance(value, str):
        # valid UTF-8 only (a lone surrogate becomes U+FFFD), and no answer big enough to swamp the file
        return _SURROGATES.sub("\ufffd", value[:MAX_STORED_CHARS])
    if value is None or isinstance(value, (int, float, bool)):
        return value
    if hasattr(value, "item"):  # numpy scalars
        try:
            return _jsonable(value.item())
        except Exception:  # noqa: BLE001
            pass
    return _jsonable(str(value))


#: Characters of one answer kept in the progress file (a pasted essay is cut here, never refused).
MAX_STORED_CHARS = 10_000


def record(question: str, answer: Any, correct: bool, attempt: int | None = None, *, lesson: str | None = None,
           time: str | None = None, path: Path | None = None) -> dict:
    """Append one answer to the progress file and return the entry written.

    ``attempt`` defaults to one more than the answers already recorded for this question; ``lesson`` to the
    number at the start of the question id.
    """
    path = Path(path) if path is not None else progress_path()
    question = _jsonable(str(question))
    entry = {
        "question": question,
        "lesson": _jsonable(str(lesson)) if lesson else question.split("-", 1)[0],
        "answer": _jsonable(answer),
        "correct": bool(correct),
        "attempt": int(attempt) if attempt is not None else 0,
        "time": time or now_iso(),
    }

    def add(doc: dict) -> None:
        # Inside the lock: the file as it is now, with every other kernel's answers, gets this one added.
        if attempt is None:
            entry["attempt"] = 1 + sum(1 for a in doc["answers"] if a.get("question") == question)
        doc["answers"].append(entry)

    update(path, add)
    _clean_stale_temps(check_target(path))
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
    from ..outdir import replaceable

    path = check_target(path, "results file", fix="Choose another file name, for example "
                        "gsomia-results-yourname.json.")  # never over a device, a pipe or a folder
    if not replaceable(path, f'"{RESULTS_FORMAT}"'):
        raise ProgressError(f"{path} already exists and is not a results file of this course, so it was left as "
                            "it is. Choose another file name, for example gsomia-results-yourname.json.")
    try:
        write_atomic(path, doc)
    except OSError as exc:
        raise ProgressError(f"Your results file {path} could not be written ({exc.strerror or exc}). Choose a "
                            "folder you can write to.") from None
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
