"""`make class-test`: a class of N students on a real JupyterHub on 127.0.0.1, measured end to end (issue 18).

    .venv/bin/python benchmarks/class_test.py --students 30          # one class of 30
    .venv/bin/python benchmarks/class_test.py --students 1 10 30     # three classes, one after the other
    .venv/bin/python benchmarks/class_test.py --students 3 --out /tmp/c.json --no-md   # (the test suite)

Each run replaces the entry with the same number of students in benchmarks/class.json (others are kept) and
rewrites benchmarks/class.md. Needs the `hub` extra (`pip install -e ".[hub]"`) and configurable-http-proxy
(`make hubtools`). The exit status is 1 when a student did not finish, an answer was lost or crossed, an edit
was overwritten, the change did not arrive, per-student memory exceeded the limit, or a process outlived the run.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from classtest.run import run_class, versions  # noqa: E402

PEAK_LIMIT_MIB = 300.0  # issue 18: per-student peak (single-user server + kernel, RSS)

ABOUT = ("A class on a real JupyterHub on 127.0.0.1 (benchmarks/class_test.py): every student at once follows the "
         "nbgitpuller link from `python -m lessons hub-link`, runs lesson 04 cell by cell over the Jupyter Server "
         "REST + kernel websocket APIs, answers its quiz through the course's API, exports the results file and "
         "saves an edit; then the teacher changes lessons 04 and 05 upstream and every student follows the link "
         "again. Memory is resident set size (RSS) sampled every second: per student, the single-user server plus "
         "its kernel; times in seconds from opening the link (login included).")


def problems(run: dict) -> list[str]:
    out = []
    n = run["students"]
    if run.get("completed") != n:
        out.append(f"{run.get('completed')} of {n} students completed")
    if run.get("answers_recorded") != run.get("answers_expected"):
        out.append(f"{run.get('answers_recorded')} of {run.get('answers_expected')} answers recorded")
    if run.get("answers_exported") != run.get("answers_expected"):
        out.append(f"{run.get('answers_exported')} of {run.get('answers_expected')} answers exported")
    if run.get("answers_crossed"):
        out.append(f"{run['answers_crossed']} answers in another student's home")
    if run.get("edits_kept") != n:
        out.append(f"{run.get('edits_kept')} of {n} students' edits kept")
    if run.get("upstream_change_arrived") != n:
        out.append(f"the teacher's change reached {run.get('upstream_change_arrived')} of {n} students")
    peak = run.get("peak_mib_per_student")
    if peak is None or peak > PEAK_LIMIT_MIB:
        out.append(f"per-student peak {peak} MiB (limit {PEAK_LIMIT_MIB:.0f})")
    if run.get("leftover_processes"):
        out.append(f"{run['leftover_processes']} processes had to be killed after the hub stopped")
    if not run.get("temp_removed", True):
        out.append("the temporary folder was not removed")
    return out


def write_md(doc: dict, path: Path) -> None:
    runs = sorted(doc.get("runs", []), key=lambda r: r["students"])
    v = doc.get("versions", {})
    lines = [
        "# A class on a real JupyterHub (measured)", "",
        "Written by `make class-test` (`benchmarks/class_test.py`); the raw figures are in `class.json`.", "",
        doc.get("about", ""), "",
        f"Machine: {v.get('cpus')} cores. JupyterHub {v.get('jupyterhub')}, configurable-http-proxy "
        f"{v.get('configurable-http-proxy')} (Node {v.get('node')}), nbgitpuller {v.get('nbgitpuller')}, "
        f"Jupyter Server {v.get('jupyter_server')}, JupyterLab {v.get('jupyterlab')}, Python {v.get('python')}.", "",
        "| students | completed | answers recorded | link → first output p50 / p95 | lesson run p50 / p95 "
        "| peak per student | hub | proxy | all processes, peak | edits kept | change arrived |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in runs:
        lines.append(
            f"| {r['students']} | {r['completed']} | {r['answers_recorded']} of {r['answers_expected']} "
            f"| {r['p50_first_output_s']} s / {r['p95_first_output_s']} s | {r['p50_lesson_s']} s / "
            f"{r['p95_lesson_s']} s | {r['peak_mib_per_student']} MiB | {r['hub_mib']} MiB | {r['proxy_mib']} MiB "
            f"| {r['total_peak_mib']} MiB | {r['edits_kept']} | {r['upstream_change_arrived']} |")
    lines += [
        "", "Per student, the peak is the single-user server plus its kernel: each process's own peak resident "
        "memory (VmHWM) added up, or the largest sampled sum if that is higher. Shared library pages count in "
        "both processes and the two peaks need not coincide, so the figure errs high. The load average (other "
        "work on the same 2 cores) is in class.json. Breakdown of the largest class:", "",
    ]
    if runs:
        r = runs[-1]
        lines += [
            f"- single-user server alone: up to {r['peak_mib_server']} MiB; kernel running lesson 04: up to "
            f"{r['peak_mib_kernels']} MiB; median student peak {r['median_peak_mib_per_student']} MiB; with "
            f"everything a student's server ran at once (JupyterLab's short node helpers at start-up, git) up to "
            f"{r.get('peak_mib_per_student_all')} MiB.",
            f"- Kernel websockets lost and reconnected: {r.get('ws_reconnects')}; kernels restarted: "
            f"{r.get('kernel_restarts')}.",
            f"- {r['cells_per_lesson']} code cells per lesson run; {r['cell_errors']} cell errors; "
            f"{r['answers_exported']} of {r['answers_expected']} answers in the exported results files; "
            f"{r['answers_crossed']} in another student's home.",
            f"- The teacher's change to a lesson no student edited reached {r['upstream_change_arrived']} of "
            f"{r['students']}; the change to the lesson each student had edited was merged next to their notes "
            f"for {r['upstream_change_merged_into_edited_lesson']} of {r['students']} (nbgitpuller keeps the "
            "student's side where the two touch).",
            f"- CPU time per student (server start, pulling the course, the lesson's kernel): median "
            f"{r.get('p50_cpu_s_per_student')} s, at most {r.get('max_cpu_s_per_student')} s; the hub "
            f"{r.get('hub_cpu_s')} s and the proxy {r.get('proxy_cpu_s')} s for the whole class.",
            f"- Whole class: first visit {r['first_visit_s']} s, second visit (pull of the change) {r['repull_s']} s; "
            f"{r['leftover_processes']} processes left after the hub stopped.",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, nargs="+", default=[30])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "class.json")
    parser.add_argument("--no-md", action="store_true", help="do not rewrite benchmarks/class.md")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (for debugging)")
    args = parser.parse_args(argv)
    try:
        doc = json.loads(args.out.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        doc = {}
    doc["about"] = ABOUT
    doc["versions"] = versions()
    doc.setdefault("runs", [])
    status = 0
    for n in args.students:
        if n < 1:
            parser.error("--students must be 1 or more")
        print(f"--- a class of {n}", flush=True)
        run = run_class(n, keep=args.keep, log=lambda m: print(m, flush=True))
        found = problems(run)
        run["passed"] = not found
        print(json.dumps(run, indent=1), flush=True)
        if found:
            print("PROBLEMS: " + "; ".join(found), file=sys.stderr, flush=True)
            status = 1
        doc["runs"] = sorted([r for r in doc["runs"] if r.get("students") != n] + [run],
                             key=lambda r: r["students"])
        args.out.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        if not args.no_md:
            write_md(doc, args.out.with_suffix(".md"))
    return status


if __name__ == "__main__":
    sys.exit(main())
