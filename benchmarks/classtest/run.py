"""Run a whole class on a real JupyterHub and measure it.

Steps (all inside one temporary folder, removed at the end unless ``keep=True``):

1. ``origin/gsomia-lessons.git``: a bare clone of this checkout's HEAD (branch ``main``) — the course's
   "upstream", reachable offline as a ``file://`` URL.
2. The hub (:class:`classtest.hub.Hub`) and the class link, printed by ``python -m lessons hub-link``.
3. Every student at once (one thread each): the first visit (:meth:`Student.first_visit`).
4. The teacher changes lessons 04 and 05 upstream (a commit pushed to the origin).
5. Every student at once follows the link again; each home is then checked: the teacher's change arrived,
   the student's own notes cell is still there, and every quiz answer is in that student's progress file and
   results file — and no other student's.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from .hub import MIB, ROOT, Hub, node_version, proxy_version
from .student import LESSON, NOTE_MARK, QUIZ_BANK, Student

TEACHER_MARK = "Teacher's update for this class"
GIT_ENV = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0"}


def git(*args: str, cwd: Path | None = None, home: Path) -> str:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "LANG": "C.UTF-8", **GIT_ENV}
    out = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    if out.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)} failed: {out.stderr.strip()}")
    return out.stdout


def make_origin(tmp: Path) -> tuple[Path, str]:
    """A bare repository holding this checkout's HEAD as `main`; returns (path, file:// URL)."""
    origin = tmp / "origin" / "gsomia-lessons.git"
    origin.parent.mkdir(parents=True)
    home = tmp / "git-home"
    home.mkdir(exist_ok=True)
    git("init", "--quiet", "--bare", str(origin), home=home)
    git("fetch", "--quiet", "--no-tags", str(ROOT), "+HEAD:refs/heads/main", cwd=origin, home=home)
    git("symbolic-ref", "HEAD", "refs/heads/main", cwd=origin, home=home)
    return origin, origin.as_uri()


def teacher_change(tmp: Path, origin: Path) -> dict:
    """The teacher edits lessons 04 and 05 (their opening cell) and pushes; returns what to look for."""
    import nbformat

    home = tmp / "git-home"
    work = tmp / "teacher"
    git("clone", "--quiet", str(origin), str(work), home=home)
    stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    note = f"> **{TEACHER_MARK}** ({stamp}): read the positions table before the quiz."
    changed = {}
    for rel in (LESSON, "notebooks/05-voices.ipynb"):
        path = work / rel
        nb = nbformat.read(path, as_version=4)
        first = nb.cells[0]
        first.source = first.source + "\n\n" + note
        path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
        changed[rel] = note
    git("-c", "user.name=Teacher", "-c", "user.email=teacher@example.invalid", "commit", "--quiet", "-am",
        "Teacher's update before the next class", cwd=work, home=home)
    git("push", "--quiet", "origin", "HEAD:main", cwd=work, home=home)
    return changed


def quiz_api():
    """(load_bank, grade) from the course, wherever the package keeps them (lessons.assessment.* since the
    package's reorganisation, lessons.quiz before it). The harness only reads the bank to plan the answers;
    the students' kernels do the grading and recording (student.QUIZ_CELL)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    try:
        from lessons.assessment.banks import load_bank
        from lessons.assessment.grading import grade
    except ImportError:
        from lessons.quiz import grade, load_bank
    return load_bank, grade


def answer_plan(student_index: int) -> list[dict]:
    """What student N answers, in order: right answers, plus wrong first tries that only this student gives.

    Every student's first try at the numeric question is 1000 + N (wrong), so an answer that turns up in
    another student's files shows a crossed record.
    """
    load_bank, grade = quiz_api()
    bank = load_bank(QUIZ_BANK)
    plan = []
    for q in bank["questions"]:
        key = q["answer"]
        if q["type"] == "numeric":
            plan.append({"question": q["id"], "answer": 1000 + student_index, "expect": False})
        elif q["type"] == "single" and student_index % 2 == 1:
            plan.append({"question": q["id"], "answer": (key + 1) % len(q["options"]), "expect": False})
        plan.append({"question": q["id"], "answer": key, "expect": True})
    for step in plan:  # the plan must mean what it says under the course's own grading
        q = next(q for q in bank["questions"] if q["id"] == step["question"])
        assert grade(q, step["answer"]).correct is step["expect"], step
    return plan


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile (p in 0..100); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def _answers_match(entries: list[dict], plan: list[dict]) -> int:
    """How many planned answers appear, in order and with the right grade, among `entries` of the bank."""
    quiz_ids = {p["question"] for p in plan}
    mine = [e for e in entries if e.get("question") in quiz_ids]
    n = 0
    for step, entry in zip(plan, mine):
        if entry.get("answer") == step["answer"] and bool(entry.get("correct")) is step["expect"]:
            n += 1
    return n


def check_home(home: Path, name: str, plan: list[dict], markers: dict[int, str]) -> dict:
    """What is really in one student's home folder."""
    out: dict[str, Any] = {"progress_matches": 0, "export_matches": 0, "crossed": 0, "course": False}
    progress = home / ".local" / "share" / "gsomia-lessons" / "progress.json"
    export = home / f"gsomia-results-{name}.json"
    course = home / "gsomia-lessons"
    out["course"] = (course / LESSON).exists()
    entries: list[dict] = []
    try:
        entries = json.loads(progress.read_text(encoding="utf-8"))["answers"]
    except (OSError, ValueError, KeyError):
        pass
    out["progress_matches"] = _answers_match(entries, plan)
    try:
        exported = json.loads(export.read_text(encoding="utf-8"))
        if exported.get("name") == name:
            out["export_matches"] = _answers_match(exported.get("answers", []), plan)
    except (OSError, ValueError):
        pass
    # Another student's marker answer (1000 + their index) in this home is a crossed record.
    mine = next((i for i, n in markers.items() if n == name), None)
    for e in entries:
        a = e.get("answer")
        if isinstance(a, int) and not isinstance(a, bool) and a - 1000 in markers and a - 1000 != mine:
            out["crossed"] += 1
    out["other_entries"] = len(entries) - len([e for e in entries if e.get("question", "").startswith("04-")
                                               and e.get("question") in {p["question"] for p in plan}])
    return out


def check_after_repull(home: Path, changed: dict) -> dict:
    course = home / "gsomia-lessons"
    lesson = (course / LESSON).read_text(encoding="utf-8") if (course / LESSON).exists() else ""
    other = course / "notebooks" / "05-voices.ipynb"
    other_text = other.read_text(encoding="utf-8") if other.exists() else ""
    return {
        "edit_kept": NOTE_MARK in lesson,
        "change_in_untouched_lesson": TEACHER_MARK in other_text,
        "change_in_edited_lesson": TEACHER_MARK in lesson,
        "conflict_files": sorted(p.name for p in (course / "notebooks").glob("*.ipynb")
                                 if "<<<<<<<" in p.read_text(encoding="utf-8", errors="replace")),
    }


def hub_link(base: str, repo_url: str) -> str:
    """Exactly what the course's own command prints for this hub and repository."""
    out = subprocess.run([sys.executable, "-m", "lessons", "hub-link", "--hub", base, "--repo", repo_url],
                         cwd=ROOT, capture_output=True, text=True, timeout=60, check=True)
    return out.stdout.strip()


def run_class(students: int, *, keep: bool = False, log=print, timeout: float | None = None) -> dict:
    """Run a class of `students`; return the measurements (see benchmarks/README.md, "class")."""
    started = time.monotonic()
    load_start = [round(x, 2) for x in os.getloadavg()]
    tmp = Path(tempfile.mkdtemp(prefix="gsomia-class-"))
    timeout = timeout or 300 + 30 * students
    names = [f"student{i:02d}" for i in range(1, students + 1)]
    markers = {i: n for i, n in enumerate(names, start=1)}
    plans = {n: answer_plan(i) for i, n in markers.items()}
    result: dict[str, Any] = {"students": students}
    try:
        origin, repo_url = make_origin(tmp)
        with Hub(tmp, log=log, start_timeout=int(timeout)) as hub:
            link = hub_link(hub.base, repo_url)
            log(f"class link: {link}")
            class_ = [Student(hub.base, n, hub.password, link, timeout=timeout) for n in names]
            t_class = time.monotonic()
            with ThreadPoolExecutor(max_workers=students) as pool:
                firsts = list(pool.map(lambda st: st.first_visit(plans[st.name], time.monotonic()), class_))
            first_visit_s = time.monotonic() - t_class
            log(f"first visit: {sum(o.ok for o in firsts)}/{students} in {first_visit_s:.1f} s")
            changed = teacher_change(tmp, origin)
            t_repull = time.monotonic()
            with ThreadPoolExecutor(max_workers=students) as pool:
                list(pool.map(lambda st: st.second_visit(time.monotonic()), [s for s in class_ if s.outcome.ok]))
            repull_s = time.monotonic() - t_repull
            for st in class_:
                st.close()
            hub.sample()
            homes = {n: check_home(hub.homes / n, n, plans[n], markers) for n in names}
            after = {n: check_after_repull(hub.homes / n, changed) for n in names}
            memory = hub.memory
            hwm = hub.peak_hwm()
            cpu = hub.cpu_seconds()
            hub_cpu_s, proxy_cpu_s = hub.hub_cpu_s, hub.proxy_cpu_s()
            leftovers = hub.stop()
            hub_log_tail = hub.tail_log(15)
        outcomes = [st.outcome for st in class_]
        complete = []
        for o in outcomes:
            h, a = homes[o.name], after[o.name]
            o_done = (o.ok and o.repull_ok and not o.cell_errors and h["course"]
                      and h["progress_matches"] == len(plans[o.name]) == h["export_matches"]
                      and h["crossed"] == 0 and a["edit_kept"] and a["change_in_untouched_lesson"])
            complete.append(o_done)
        firsts_s = [o.first_output_s for o in outcomes if o.first_output_s is not None]
        lessons_s = [o.lesson_s for o in outcomes if o.lesson_s is not None]
        sampled = [memory.per_student.get(n, 0) / MIB for n in names]
        peaks = [max(hwm.get(n, 0) / MIB, s) for n, s in zip(names, sampled)]
        result.update({
            "completed": sum(complete),
            "answers_expected": sum(len(p) for p in plans.values()),
            "answers_recorded": sum(homes[n]["progress_matches"] for n in names),
            "answers_exported": sum(homes[n]["export_matches"] for n in names),
            "answers_crossed": sum(homes[n]["crossed"] for n in names),
            "p50_first_output_s": _r(percentile(firsts_s, 50)),
            "p95_first_output_s": _r(percentile(firsts_s, 95)),
            "p50_ready_s": _r(percentile([o.ready_s for o in outcomes if o.ready_s is not None], 50)),
            "p50_lesson_s": _r(percentile(lessons_s, 50)),
            "p95_lesson_s": _r(percentile(lessons_s, 95)),
            "peak_mib_per_student": _r(max(peaks) if peaks else None, 1),
            "median_peak_mib_per_student": _r(statistics.median(peaks) if peaks else None, 1),
            "peak_mib_per_student_sampled": _r(max(sampled) if sampled else None, 1),
            # JupyterLab runs short node helpers at server start (`yarn config`, `npm prefix -g`) when node is on
            # PATH, as in most hub images; counted here, not in the server + kernel figure above
            "peak_mib_per_student_all": _r(max((memory.hwm_all_per_student.get(n, 0) / MIB for n in names),
                                               default=0.0), 1),
            "peak_mib_server": _r(max(memory.server_only.values(), default=0) / MIB, 1),
            "peak_mib_kernels": _r(max(memory.kernels_only.values(), default=0) / MIB, 1),
            "hub_mib": _r(memory.hub / MIB, 1),
            "proxy_mib": _r(memory.proxy / MIB, 1),
            "total_peak_mib": _r(memory.total / MIB, 1),
            "memory_samples": memory.samples,
            "p50_cpu_s_per_student": _r(percentile([cpu.get(n, 0.0) for n in names], 50), 1),
            "max_cpu_s_per_student": _r(max((cpu.get(n, 0.0) for n in names), default=0.0), 1),
            "hub_cpu_s": _r(hub_cpu_s, 1),
            "proxy_cpu_s": _r(proxy_cpu_s, 1),
            "edits_kept": sum(a["edit_kept"] for a in after.values()),
            "upstream_change_arrived": sum(a["change_in_untouched_lesson"] for a in after.values()),
            "upstream_change_merged_into_edited_lesson": sum(a["change_in_edited_lesson"] for a in after.values()),
            "merge_conflict_markers": sum(len(a["conflict_files"]) for a in after.values()),
            "cells_per_lesson": max((o.cells for o in outcomes), default=0),
            "cell_errors": sum(len(o.cell_errors) for o in outcomes),
            "first_visit_s": _r(first_visit_s, 1),
            "repull_s": _r(repull_s, 1),
            "p50_repull_s": _r(percentile([o.repull_s for o in outcomes if o.repull_s is not None], 50)),
            "wall_s": _r(time.monotonic() - started, 1),
            "leftover_processes": len(leftovers),
            "ws_reconnects": sum(len(o.ws_reconnects) for o in outcomes),
            "kernel_restarts": sum(len(o.kernel_events) for o in outcomes),
            "failures": [f"{o.name} ({o.stage}): {o.error or o.cell_errors or homes[o.name] | after[o.name]}"
                         f"{' ws: ' + '; '.join(o.ws_reconnects) if o.ws_reconnects else ''}"
                         f"{' kernel: ' + '; '.join(o.kernel_events) if o.kernel_events else ''}"
                         for o, done in zip(outcomes, complete) if not done][:10],
            "date": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "load_avg_start": load_start,
            "load_avg_end": [round(x, 2) for x in os.getloadavg()],
        })
        if result["failures"] or result["ws_reconnects"] or result["kernel_restarts"]:
            result["hub_log_tail"] = hub_log_tail
            # keep the whole hub log for a look (benchmarks/out/ is not in git)
            out = ROOT / "benchmarks" / "out"
            out.mkdir(parents=True, exist_ok=True)
            shutil.copy(tmp / "hub.log", out / f"class-{students}-hub.log")
            result["hub_log"] = f"benchmarks/out/class-{students}-hub.log"
        return result
    finally:
        if keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
        result["temp_removed"] = not tmp.exists()


def _r(value: float | None, ndigits: int = 2) -> float | None:
    return None if value is None else round(float(value), ndigits)


def versions() -> dict:
    from importlib.metadata import version

    out = {"python": platform.python_version(), "node": node_version(),
           "configurable-http-proxy": proxy_version(), "cpus": os.cpu_count()}
    for dist in ("jupyterhub", "nbgitpuller", "jupyter_server", "jupyterlab", "ipykernel"):
        try:
            out[dist] = version(dist)
        except Exception:  # noqa: BLE001
            out[dist] = "missing"
    return out
