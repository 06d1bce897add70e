"""Memory settings for a hub, computed from the measurements (benchmarks/class.json and results.json).

One rule, used by docs/deployment.md, the README and docs/z2jh/config.yaml, and re-computed by
tests/test_class_hub.py so that the published settings can't drift from the figures:

- per student, at the heaviest moment of a lesson = the single-user server's peak in the largest class run +
  the heaviest lesson kernel's peak (the larger of the class run's kernel and `make bench`'s
  `kernel_rss_mb_max`, which runs every lesson) — or, if higher, everything the student's server ran at once
  in the class run (`peak_mib_per_student_all`: JupyterLab's node helpers at start-up included);
- **guarantee** = that, rounded up to a multiple of 64 MiB;
- **limit** = the guarantee + one more heaviest kernel (a second open lesson), rounded up to 128 MiB;
- hub and proxy requests = 1.5 × their peak in the largest class run, rounded up to 64 MiB.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def ceil_to(value: float, step: int) -> int:
    return int(math.ceil(value / step) * step)


def largest_run(class_doc: dict) -> dict:
    return max(class_doc["runs"], key=lambda r: r["students"])


def heaviest_kernel_mib(class_doc: dict, results_doc: dict | None) -> float:
    run = largest_run(class_doc)
    bench = ((results_doc or {}).get("figures", {}).get("kernel_rss_mb_max") or {}).get("value") or 0
    return max(float(run["peak_mib_kernels"]), float(bench))


def recommend(class_doc: dict, results_doc: dict | None = None) -> dict:
    run = largest_run(class_doc)
    kernel = heaviest_kernel_mib(class_doc, results_doc)
    per_student = max(float(run["peak_mib_server"]) + kernel, float(run.get("peak_mib_per_student_all") or 0))
    guarantee = ceil_to(per_student, 64)
    limit = ceil_to(guarantee + kernel, 128)
    return {
        "measured_students": run["students"],
        "server_mib": run["peak_mib_server"],
        "kernel_mib": kernel,
        "per_student_mib": round(per_student, 1),
        "guarantee_mib": guarantee,
        "limit_mib": limit,
        "hub_request_mib": ceil_to(1.5 * float(run["hub_mib"]), 64),
        "proxy_request_mib": ceil_to(1.5 * float(run["proxy_mib"]), 64),
    }


def load(root: Path = ROOT) -> dict:
    class_doc = json.loads((root / "benchmarks" / "class.json").read_text(encoding="utf-8"))
    try:
        results_doc = json.loads((root / "benchmarks" / "results.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        results_doc = None
    return recommend(class_doc, results_doc)


if __name__ == "__main__":
    print(json.dumps(load(), indent=1))
