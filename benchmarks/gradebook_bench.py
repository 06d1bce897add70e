"""Benchmark: mark 200 students' results files with the gradebook (target: under 5 seconds).

Run with ``.venv/bin/python benchmarks/gradebook_bench.py [N]``. It writes N synthetic results files (default
200; every question of every bank answered, about a third wrong first, some after a retry) into a temporary
folder, runs ``python -m lessons gradebook`` the way a teacher would (``lessons.gradebook.cli``) and prints the
time taken. Exit status 1 if it took 5 seconds or more.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lessons.assessment import gradebook, quiz  # noqa: E402

LIMIT_S = 5.0


def wrong_answer(q: dict, rng: random.Random):
    kind = q["type"]
    if kind == "single":
        return (q["answer"] + 1) % len(q["options"])
    if kind == "multiple":
        return [i for i in range(len(q["options"])) if i not in q["answer"]][:1] or [0]
    if kind == "truefalse":
        return not q["answer"]
    if kind in ("ordering", "matching"):
        a = list(q["answer"])
        a[0], a[1] = a[1], a[0]
        return a if a != q["answer"] else [a[0]] * len(a)
    if kind == "numeric":
        return str(q["answer"] + 10 * (q.get("tolerance", 0) + 1))
    return "I don't know"


def make_files(folder: Path, n: int, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    questions = list(quiz.all_questions().values())
    paths = []
    for s in range(n):
        answers = []
        for q in questions:
            attempt = 1
            if rng.random() < 0.35:
                answers.append({"question": q["id"], "lesson": q["id"][:2], "answer": wrong_answer(q, rng),
                                "attempt": attempt, "time": "2026-03-02T09:00:00Z", "correct": True})
                attempt += 1
            answers.append({"question": q["id"], "lesson": q["id"][:2], "answer": q["answer"], "attempt": attempt,
                            "time": "2026-03-02T09:01:00Z", "correct": True})
        doc = {"format": "gsomia-results", "version": 1, "name": f"Student {s:03d}", "group": f"10{'ABC'[s % 3]}",
               "exported": "2026-03-02T09:30:00Z", "course_version": "0.1.0", "answers": answers}
        p = folder / f"student-{s:03d}.json"
        p.write_text(json.dumps(doc), encoding="utf-8")
        paths.append(p)
    return paths


def run(n: int = 200) -> float:
    """Time the command a teacher runs, in a fresh interpreter (imports and bank validation included)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "results"
        folder.mkdir()
        paths = make_files(folder, n)
        size = sum(p.stat().st_size for p in paths)
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        cmd = [sys.executable, "-c", "import sys; from lessons import gradebook; sys.exit(gradebook.cli(sys.argv[1:]))",
               str(folder), "--out", str(Path(tmp) / "out")]
        start = time.perf_counter()
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert "Read 200 results file(s)" in proc.stdout or n != 200
        start = time.perf_counter()
        gradebook.write(gradebook.build([folder]), Path(tmp) / "out2")
        warm = time.perf_counter() - start
        print(f"{n} results files ({size / 1e6:.1f} MB, {len(quiz.all_questions())} questions each): "
              f"command line (fresh process) {elapsed:.2f} s, in a warm process {warm:.2f} s "
              f"(limit {LIMIT_S:.0f} s)")
    return elapsed


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    sys.exit(0 if run(count) < LIMIT_S else 1)
