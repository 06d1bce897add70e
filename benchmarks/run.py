"""`make bench`: one run that measures every performance target side by side.

Writes benchmarks/results.json (every figure with its raw timings, the machine, the date, pass/fail) and
benchmarks/results.md (the table the README shows).

Figures (targets from docs/architecture.md and the project brief):

- course_exec_ratio      executing every lesson (lessons._nbrun.execute) ÷ executing as many notebooks that only
                         `import matplotlib.pyplot` (the kernel floor); interleaved, same run. Target ≤ 1.5.
- rebuild_fraction       a no-change `python -m lessons.site` ÷ a full build (--no-cache, fresh cache dir). ≤ 0.10.
- import_s               `import lessons` over a bare interpreter, best of 7. Target ≤ 0.3 s.
- widget_update_ms_median the slowest component's median redraw, from benchmarks/widgets_*.py. Target ≤ 100 ms.
- page_kb_max            the largest page of the built site, in KiB. Target ≤ 1536.
- kernel_rss_mb_max      peak RSS (VmHWM) of a kernel running any one lesson, in MiB. Target ≤ 250.

    .venv/bin/python benchmarks/run.py                 # everything (several minutes)
    .venv/bin/python benchmarks/run.py --quick         # fewer repetitions
    .venv/bin/python benchmarks/run.py --only import_s # one figure (the others in results.json are kept)
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
sys.path.insert(0, str(ROOT))

PY = sys.executable
RESULTS_JSON = BENCH / "results.json"
RESULTS_MD = BENCH / "results.md"

TARGETS = {
    "course_exec_ratio": (1.5, "×", "all lessons ÷ as many `import matplotlib.pyplot` notebooks"),
    "rebuild_fraction": (0.10, "", "no-change site build ÷ full build"),
    "import_s": (0.3, "s", "`import lessons` over a bare interpreter"),
    "widget_update_ms_median": (100.0, "ms", "slowest component's median redraw"),
    "page_kb_max": (1536.0, "KiB", "largest page of the built site"),
    "kernel_rss_mb_max": (250.0, "MiB", "peak RSS of a kernel running one lesson"),
}
ORDER = list(TARGETS)

RSS_CELL = (
    "import re as _re\n"
    "_hwm = _re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)\n"
    "print(f'GSOMIA_VMHWM_KB {_hwm}', flush=True)"
)


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def lessons_list() -> list[Path]:
    return sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def figure(name: str, value: float | None, raw: dict, note: str = "") -> dict:
    target, unit, what = TARGETS[name]
    return {
        "value": None if value is None else round(value, 4),
        "target": target,
        "unit": unit,
        "what": what,
        "pass": None if value is None else bool(value <= target),
        "note": note,
        "raw": raw,
        "measured_at": _dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    }


# --- course_exec_ratio and kernel_rss_mb_max (one interleaved loop) -----------------------------------------
def _with_rss_cell(src: Path, dest: Path) -> Path:
    import nbformat

    nb = nbformat.read(src, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(RSS_CELL))
    nbformat.write(nb, dest)
    return dest


def _floor_notebook(dest: Path) -> Path:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    nb.cells = [nbformat.v4.new_code_cell("import matplotlib.pyplot"), nbformat.v4.new_code_cell(RSS_CELL)]
    nbformat.write(nb, dest)
    return dest


def _vmhwm_mb(nb: Any) -> float | None:
    text = "".join(out.get("text", "") for out in nb.cells[-1].get("outputs", []))  # streams may be split
    m = re.search(r"GSOMIA_VMHWM_KB (\d+)", text)
    return int(m.group(1)) / 1024 if m else None


def _timed_execute(path: Path, cwd: Path) -> tuple[float, float | None, str | None]:
    from lessons._nbrun import course_env, execute

    with tempfile.TemporaryDirectory(prefix="gsomia-bench-progress-") as progress:
        t0 = time.perf_counter()
        try:
            nb = execute(path, cwd=cwd, env=course_env(progress))
        except Exception as exc:  # noqa: BLE001 - a lesson being written may fail: report it, keep measuring
            return time.perf_counter() - t0, None, f"{type(exc).__name__}: {str(exc)[:300]}"
        return time.perf_counter() - t0, _vmhwm_mb(nb), None


def bench_exec(reps: int) -> dict[str, dict]:
    lessons = lessons_list()
    work = Path(tempfile.mkdtemp(prefix="gsomia-bench-exec-"))
    try:
        copies = {p.name: _with_rss_cell(p, work / p.name) for p in lessons}
        floor = _floor_notebook(work / "floor.ipynb")
        per_lesson: dict[str, list[float]] = {p.name: [] for p in lessons}
        rss: dict[str, list[float]] = {p.name: [] for p in lessons}
        floor_s: list[float] = []
        floor_rss: list[float] = []
        errors: dict[str, str] = {}
        ratios: list[float] = []
        _timed_execute(floor, cwd=work)  # warm-up (disk cache, bytecode): not counted
        for rep in range(reps):
            course_total = floor_total = 0.0
            for p in lessons:  # interleaved: lesson, floor, lesson, floor … so load changes hit both alike
                s, mb, err = _timed_execute(copies[p.name], cwd=p.parent)
                per_lesson[p.name].append(round(s, 3))
                course_total += s
                if mb is not None:
                    rss[p.name].append(round(mb, 1))
                if err:
                    errors[p.name] = err
                fs, fmb, ferr = _timed_execute(floor, cwd=work)
                if ferr:
                    raise RuntimeError(f"the floor notebook failed: {ferr}")
                floor_s.append(round(fs, 3))
                floor_total += fs
                if fmb is not None:
                    floor_rss.append(round(fmb, 1))
                log(f"exec rep {rep + 1}/{reps} {p.name}: {s:.2f} s (floor {fs:.2f} s), "
                    f"kernel peak {mb if mb is None else round(mb)} MiB{' ERROR' if err else ''}")
            ratios.append(course_total / floor_total)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    note = f"{len(lessons)} lessons × {reps} rep(s), interleaved with the floor notebook"
    if errors:
        note += f"; FAILED to execute: {', '.join(sorted(errors))}"
    exec_raw = {
        "reps": reps,
        "ratio_per_rep": [round(r, 3) for r in ratios],
        "lesson_seconds": per_lesson,
        "lesson_median_s": {k: round(statistics.median(v), 3) for k, v in per_lesson.items() if v},
        "floor_seconds": floor_s,
        "floor_median_s": round(statistics.median(floor_s), 3) if floor_s else None,
        "course_total_s_per_rep": [round(sum(v[i] for v in per_lesson.values()), 2) for i in range(reps)],
        "errors": errors,
    }
    ratio = statistics.median(ratios) if ratios else None
    peak = {k: max(v) for k, v in rss.items() if v}
    rss_raw = {
        "method": "VmHWM from /proc/self/status, read in a cell appended to each lesson (max over reps)",
        "per_lesson_mb": peak,
        "floor_mb": max(floor_rss) if floor_rss else None,
        "lessons_without_figure": sorted(set(rss) - set(peak)),
    }
    rss_note = (f"largest: {max(peak, key=peak.get)}; floor kernel (matplotlib only) "
                f"{rss_raw['floor_mb']} MiB" if peak else "no lesson reported its RSS")
    return {
        "course_exec_ratio": figure("course_exec_ratio", ratio, exec_raw, note),
        "kernel_rss_mb_max": figure("kernel_rss_mb_max", max(peak.values()) if peak else None, rss_raw, rss_note),
    }


# --- rebuild_fraction and page_kb_max (one full build, then a no-change build) ------------------------------
def _site(out: Path, cache: Path, *extra: str) -> tuple[float, subprocess.CompletedProcess]:
    cmd = [PY, "-m", "lessons.site", "--out", str(out), "--cache-dir", str(cache), *extra]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    return time.perf_counter() - t0, proc


def _summary(proc: subprocess.CompletedProcess) -> str:
    lines = [ln for ln in (proc.stdout + proc.stderr).splitlines() if ln.startswith("Built ")]
    return lines[-1] if lines else ""


LOCAL_ASSET = re.compile(r'<(?:script|link)\b[^>]*?(?:src|href)="([^"#?:]+\.(?:js|css))"', re.I)


def _page_weights(out: Path) -> dict[str, dict]:
    """Each .html page: its own size and the size with the local scripts/styles it loads (what a browser fetches)."""
    weights = {}
    for page in out.rglob("*.html"):
        own = page.stat().st_size
        assets = {(page.parent / ref).resolve() for ref in LOCAL_ASSET.findall(page.read_text(encoding="utf-8"))}
        extra = sum(a.stat().st_size for a in assets if a.is_file())
        weights[page.relative_to(out).as_posix()] = {"html_kb": round(own / 1024, 1),
                                                     "with_assets_kb": round((own + extra) / 1024, 1)}
    return weights


def bench_site(reps: int) -> dict[str, dict]:
    work = Path(tempfile.mkdtemp(prefix="gsomia-bench-site-"))
    try:
        out, cache = work / "html", work / "cache"
        full_s, full = _site(out, cache, "--no-cache")
        if full.returncode != 0:
            msg = (full.stdout + full.stderr)[-1500:]
            raw = {"full_build_s": round(full_s, 2), "returncode": full.returncode, "output_tail": msg}
            return {"rebuild_fraction": figure("rebuild_fraction", None, raw, "the full build failed"),
                    "page_kb_max": figure("page_kb_max", None, raw, "the full build failed")}
        weights = _page_weights(out)
        pages = {k: v["with_assets_kb"] for k, v in weights.items()}
        nochange = []
        for _ in range(reps):
            s, proc = _site(out, cache)
            if proc.returncode != 0:
                raise RuntimeError(f"no-change build failed: {(proc.stdout + proc.stderr)[-1500:]}")
            nochange.append(round(s, 3))
            last = [_summary(proc)]
        assets = sorted(((p.relative_to(out).as_posix(), round(p.stat().st_size / 1024, 1))
                         for p in out.rglob("*") if p.is_file() and p.suffix != ".html"),
                        key=lambda kv: -kv[1])[:5]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    best = min(nochange)
    rebuild_raw = {
        "full_build_s": round(full_s, 2),
        "full_build_summary": _summary(full),
        "nochange_build_s": nochange,
        "nochange_summary": last[0],
        "fraction_uses": "best no-change build ÷ the full build",
    }
    largest = sorted(pages.items(), key=lambda kv: -kv[1])
    page_raw = {"pages": len(pages), "largest_kb": {k: weights[k] for k, _ in largest[:5]},
                "largest_other_files_kb": dict(assets),
                "unit": "KiB (1024 bytes): the .html file plus the local .js/.css files it loads "
                        "(images are inline data: URIs, so already in the .html)"}
    return {
        "rebuild_fraction": figure("rebuild_fraction", best / full_s, rebuild_raw,
                                   f"full {full_s:.1f} s, no-change {best:.2f} s"),
        "page_kb_max": figure("page_kb_max", largest[0][1] if largest else None, page_raw,
                              f"largest: {largest[0][0]} ({weights[largest[0][0]]['html_kb']} KiB of HTML + "
                              f"its local scripts/styles)" if largest else "no page built"),
    }


# --- import_s -----------------------------------------------------------------------------------------------
def bench_import(reps: int) -> dict[str, dict]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GSOMIA_NETGUARD")}

    def best(code: str) -> list[float]:
        times = []
        for _ in range(reps):
            t0 = time.perf_counter()
            subprocess.run([PY, "-c", code], cwd=tempfile.gettempdir(), env=env, check=True)
            times.append(round(time.perf_counter() - t0, 4))
        return times

    best("import lessons")  # warm the file cache once, not counted
    bare = best("pass")
    imported = best("import lessons")
    check = subprocess.run([PY, "-c", "import sys, lessons; heavy = [m for m in ('matplotlib', 'pandas', 'numpy', "
                            "'ipywidgets', 'jsonschema') if m in sys.modules]; print(','.join(heavy))"],
                           cwd=tempfile.gettempdir(), env=env, capture_output=True, text=True, check=True)
    value = min(imported) - min(bare)
    raw = {"reps": reps, "bare_interpreter_s": bare, "import_lessons_s": imported,
           "heavy_modules_loaded_by_import": check.stdout.strip().split(",") if check.stdout.strip() else []}
    return {"import_s": figure("import_s", value, raw, f"best {min(imported):.3f} s − bare {min(bare):.3f} s")}


# --- widget_update_ms_median --------------------------------------------------------------------------------
def _medians(obj: Any, path: tuple[str, ...] = ()) -> list[tuple[str, float]]:
    """Every numeric leaf whose key path mentions a median (the scripts' reports differ in shape)."""
    found: list[tuple[str, float]] = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            found += _medians(v, path + (str(k),))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            label = v.get("series") if isinstance(v, dict) and isinstance(v.get("series"), str) else str(i)
            found += _medians(v, path + (label,))
    elif isinstance(obj, (int, float)) and not isinstance(obj, bool) and path:
        # a leaf named *median_ms, or a leaf inside a dict named *median_ms (control -> ms); never a target
        key, parent = path[-1], (path[-2] if len(path) > 1 else "")
        if any(k.endswith("median_ms") and not k.startswith("target") for k in (key, parent)):
            found.append((".".join(p for p in path if not p.endswith("median_ms")), float(obj)))
    return found


def _json_from(stdout: str) -> Any:
    start = stdout.find("{")
    if start < 0:
        raise ValueError("no JSON object in the output")
    return json.JSONDecoder().raw_decode(stdout[start:])[0]


def bench_widgets(reps: int) -> dict[str, dict]:
    scripts = sorted(BENCH.glob("widgets_*.py"))
    raw: dict[str, Any] = {"scripts": [s.name for s in scripts], "medians_ms": {}, "errors": {}}
    for script in scripts:
        runs: list[dict[str, float]] = []
        for _ in range(reps):
            proc = subprocess.run([PY, str(script)], cwd=ROOT, capture_output=True, text=True, timeout=900)
            try:
                runs.append(dict(_medians(_json_from(proc.stdout))))
            except ValueError as exc:
                raw["errors"][script.name] = f"exit {proc.returncode}: {exc}; {(proc.stderr or '')[-500:]}"
                break
        for key in (runs[0] if runs else {}):
            values = [r[key] for r in runs if key in r]
            raw["medians_ms"][f"{script.stem}:{key}"] = round(statistics.median(values), 2)
        log(f"{script.name}: {len(runs)} run(s)")
    medians = raw["medians_ms"]
    if not medians:
        return {"widget_update_ms_median": figure("widget_update_ms_median", None, raw, "no component reported")}
    slowest = max(medians, key=medians.get)
    note = f"slowest: {slowest}; {len(medians)} controls in {len(scripts)} scripts"
    if raw["errors"]:
        note += f"; FAILED: {', '.join(raw['errors'])}"
    raw["reps_per_script"] = reps
    return {"widget_update_ms_median": figure("widget_update_ms_median", medians[slowest], raw, note)}


# --- report -------------------------------------------------------------------------------------------------
def machine() -> dict:
    return {
        "cpu_count": os.cpu_count(),
        "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def _fmt(v: float | None) -> str:
    if v is None:
        return "—"
    return f"{v:.3f}" if abs(v) < 10 else f"{v:.1f}"


def write_markdown(doc: dict) -> str:
    m = doc["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"Measured {doc['date']} on {m['cpu_count']} cores ({m['platform']}, Python {m['python']}); load average "
        f"at start {doc.get('load_average_at_start')}, at end {m['load_average_1_5_15']}. "
        f"Command: `{doc['command']}`.",
        "",
        "| figure | value | target | result | what | notes |",
        "|---|---:|---:|:---:|---|---|",
    ]
    for name in ORDER:
        f = doc["figures"].get(name)
        if not f:
            lines.append(f"| `{name}` | — | ≤ {TARGETS[name][0]} {TARGETS[name][1]} | not run | {TARGETS[name][2]} | |")
            continue
        result = "n/a" if f["pass"] is None else ("pass" if f["pass"] else "**MISS**")
        lines.append(f"| `{name}` | {_fmt(f['value'])} {f['unit']} | ≤ {f['target']} {f['unit']} | {result} | "
                     f"{f['what']} | {f['note'].replace('|', '/')} |")
    rss = doc["figures"].get("kernel_rss_mb_max", {}).get("raw", {}).get("per_lesson_mb")
    if rss:
        lines += ["", "Kernel peak memory per lesson (VmHWM, MiB):", "", "| lesson | peak RSS |", "|---|---:|"]
        lines += [f"| {k} | {v:.0f} |" for k, v in sorted(rss.items())]
        floor = doc["figures"]["kernel_rss_mb_max"]["raw"].get("floor_mb")
        if floor:
            lines.append(f"| (floor: `import matplotlib.pyplot` only) | {floor:.0f} |")
    ex = doc["figures"].get("course_exec_ratio", {}).get("raw", {}).get("lesson_median_s")
    if ex:
        floor_s = doc["figures"]["course_exec_ratio"]["raw"].get("floor_median_s")
        lines += ["", "Execution time per lesson (median, s):", "", "| lesson | seconds |", "|---|---:|"]
        lines += [f"| {k} | {v:.2f} |" for k, v in sorted(ex.items())]
        lines.append(f"| (floor notebook) | {floor_s:.2f} |")
    lines += ["", "Raw timings for every figure are in `benchmarks/results.json`.", ""]
    return "\n".join(lines)


BENCHES: dict[str, Callable[[int], dict]] = {}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a rough figure in less time)")
    parser.add_argument("--only", choices=ORDER, action="append",
                        help="measure only this figure (repeatable); other figures in results.json are kept")
    args = parser.parse_args(argv)
    q = args.quick
    plan = [  # (figures produced, function, repetitions)
        (("import_s",), bench_import, 3 if q else 7),
        (("widget_update_ms_median",), bench_widgets, 1 if q else 3),
        (("course_exec_ratio", "kernel_rss_mb_max"), bench_exec, 1 if q else 3),
        (("rebuild_fraction", "page_kb_max"), bench_site, 1 if q else 3),
    ]
    wanted = set(args.only or ORDER)
    load_start = [round(x, 2) for x in os.getloadavg()]
    figures: dict[str, dict] = {}
    if args.only and RESULTS_JSON.exists():
        try:
            figures.update(json.loads(RESULTS_JSON.read_text(encoding="utf-8")).get("figures", {}))
        except ValueError:
            pass
    for names, fn, reps in plan:
        if not wanted & set(names):
            continue
        log(f"measuring {', '.join(names)} ({reps} rep(s))")
        t0 = time.perf_counter()
        try:
            got = fn(reps)
        except Exception as exc:  # noqa: BLE001 - one broken benchmark must not hide the others
            got = {n: figure(n, None, {"error": f"{type(exc).__name__}: {exc}"}, "the benchmark failed")
                   for n in names}
        for n in names:
            got[n]["bench_seconds"] = round(time.perf_counter() - t0, 1)
        figures.update({n: got[n] for n in names})
    doc = {
        "date": _dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "command": "python benchmarks/run.py" + (" --quick" if q else "")
        + "".join(f" --only {o}" for o in args.only or []),
        "quick": q,
        "load_average_at_start": load_start,
        "machine": machine(),
        "figures": {n: figures[n] for n in ORDER if n in figures},
    }
    RESULTS_JSON.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    RESULTS_MD.write_text(write_markdown(doc), encoding="utf-8")
    print(RESULTS_MD.read_text(encoding="utf-8"))
    missed = [n for n, f in doc["figures"].items() if f["pass"] is False]
    unknown = [n for n, f in doc["figures"].items() if f["pass"] is None]
    if missed or unknown:
        print(f"missed: {missed or 'none'}; not measured: {unknown or 'none'}", file=sys.stderr)
    return 1 if missed or unknown else 0


if __name__ == "__main__":
    sys.exit(main())
