"""A class on a real JupyterHub (issue 18): a 3-student run end to end, and the figures the docs take from it.

The 3-student run is `benchmarks/class_test.py --students 3` on 127.0.0.1: JupyterHub with its npm proxy,
nbgitpuller, three students at once following the `hub-link` link, running lesson 04, answering its quiz through
the course's API, exporting, editing; the teacher's upstream change; the link again. It is marked `hub`: skipped
where JupyterHub or configurable-http-proxy is missing (`make test` installs both), a failure when CI is set.
The 30-student run is `make class-test`.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from classtest.hub import HubError, proxy_command  # noqa: E402
from classtest.run import answer_plan, percentile  # noqa: E402

CLASS_JSON = ROOT / "benchmarks" / "class.json"


def _needs_hub() -> None:
    missing = [m for m in ("jupyterhub", "nbgitpuller", "websocket", "psutil") if importlib.util.find_spec(m) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed: `make test` installs the hub extra (pip install -e '.[hub]')")
    try:
        proxy_command()
    except HubError as exc:
        pytest.skip(str(exc))


@pytest.mark.slow
@pytest.mark.hub
@pytest.mark.timeout(1500)
def test_a_class_of_three_on_a_real_hub(tmp_path: Path) -> None:
    _needs_hub()
    out = tmp_path / "class.json"
    env = {k: v for k, v in os.environ.items() if k != "GSOMIA_PROGRESS"}
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "class_test.py"), "--students", "3",
                          "--out", str(out), "--no-md"], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=1400)
    assert out.exists(), f"no results written:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"
    result = next(r for r in json.loads(out.read_text())["runs"] if r["students"] == 3)
    report = json.dumps(result, indent=1)[:4000]
    assert result["completed"] == 3, report
    assert result["answers_expected"] == sum(len(answer_plan(i)) for i in (1, 2, 3)) > 0
    assert result["answers_recorded"] == result["answers_expected"], report      # none lost …
    assert result["answers_exported"] == result["answers_expected"], report
    assert result["answers_crossed"] == 0, report                                 # … none crossed
    assert result["upstream_change_arrived"] == 3, report
    assert result["edits_kept"] == 3, report
    assert result["merge_conflict_markers"] == 0, report
    assert result["cell_errors"] == 0 and result["cells_per_lesson"] > 5, report
    assert 0 < result["p50_first_output_s"] <= result["p95_first_output_s"], report
    assert 0 < result["peak_mib_server"] < result["peak_mib_per_student"] <= 300, report
    assert result["peak_mib_kernels"] > 0 and result["hub_mib"] > 0 and result["proxy_mib"] > 0, report
    assert result["leftover_processes"] == 0 and result["temp_removed"], report
    assert run.returncode == 0, run.stderr[-3000:]


def test_every_student_gives_answers_only_they_give() -> None:
    plans = {i: answer_plan(i) for i in (1, 2, 3)}
    markers = {i: [s["answer"] for s in p if s["question"] == "04-notice-days" and not s["expect"]]
               for i, p in plans.items()}
    assert markers == {1: [1001], 2: [1002], 3: [1003]}
    # wrong tries really are wrong, right ones right, under the course's own grading (answer_plan checks it)
    assert any(not s["expect"] for s in plans[2]) and any(s["expect"] for s in plans[2])


def test_percentile_is_nearest_rank() -> None:
    assert percentile([], 50) is None
    assert percentile([3.0], 95) == 3.0
    values = [float(v) for v in range(1, 31)]
    assert percentile(values, 50) == 15.0
    assert percentile(values, 95) == 29.0


def test_class_json_has_the_three_class_sizes() -> None:
    doc = json.loads(CLASS_JSON.read_text(encoding="utf-8"))
    runs = {r["students"]: r for r in doc["runs"]}
    assert {1, 10, 30} <= set(runs), "run make class-test for 1, 10 and 30 students"
    for n in (1, 10, 30):
        r = runs[n]
        assert r["completed"] == n and r["answers_recorded"] == r["answers_expected"] > 0, r
        assert r["answers_crossed"] == 0 and r["edits_kept"] == n == r["upstream_change_arrived"], r
        assert 0 < r["peak_mib_per_student"] <= 300, r


@pytest.mark.parametrize("doc", ["README.md", "docs/deployment.md"])
def test_class_tables_match_class_json(doc: str) -> None:
    runs = {r["students"]: r for r in json.loads(CLASS_JSON.read_text(encoding="utf-8"))["runs"]}
    readme = (ROOT / doc).read_text(encoding="utf-8")
    for n in (1, 10, 30):
        r = runs[n]
        row = next((line for line in readme.splitlines() if re.match(rf"^\|\s*{n}\s*\|", line)), None)
        assert row is not None, f"README has no row for a class of {n}"
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert f"{r['completed']} of {n}" in cells[1], row
        assert f"{r['p50_first_output_s']:.0f} s" in row or f"{r['p50_first_output_s']} s" in row, row
        assert f"{r['peak_mib_per_student']:.0f} MiB" in row, row
        assert f"{r['hub_mib']:.0f} + {r['proxy_mib']:.0f} MiB" in row, row
    assert "make class-test" in readme


def _bytes(spec: str) -> int:
    """A Kubernetes / JupyterHub memory size ("320M", "256Mi", "1G") in bytes (M and Mi both 1024², as
    JupyterHub's ByteSpecification reads them)."""
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([KMGT])i?", str(spec))
    assert m, f"not a memory size: {spec!r}"
    return int(float(m.group(1)) * 1024 ** ("KMGT".index(m.group(2)) + 1))


def test_z2jh_config_comes_from_the_measurements() -> None:
    import yaml
    from classtest import sizing

    from lessons.hub import hub_link

    config = yaml.safe_load((ROOT / "docs" / "z2jh" / "config.yaml").read_text(encoding="utf-8"))
    want = sizing.load(ROOT)
    class_doc = json.loads(CLASS_JSON.read_text(encoding="utf-8"))
    largest = sizing.largest_run(class_doc)
    assert largest["students"] >= 30 and largest["completed"] == largest["students"]
    mib = 1024 ** 2
    single = config["singleuser"]
    # the values are the rule's, computed from class.json and results.json
    assert _bytes(single["memory"]["guarantee"]) == want["guarantee_mib"] * mib
    assert _bytes(single["memory"]["limit"]) == want["limit_mib"] * mib
    assert _bytes(config["hub"]["resources"]["requests"]["memory"]) == want["hub_request_mib"] * mib
    assert _bytes(config["proxy"]["chp"]["resources"]["requests"]["memory"]) == want["proxy_request_mib"] * mib
    # … and the rule holds what was measured: a student at their peak fits the guarantee, a second lesson
    # kernel fits under the limit, and the hub and proxy requests cover their peaks
    assert largest["peak_mib_per_student"] * mib <= _bytes(single["memory"]["guarantee"])
    assert (want["per_student_mib"] + want["kernel_mib"]) * mib <= _bytes(single["memory"]["limit"])
    assert largest["hub_mib"] * mib < _bytes(config["hub"]["resources"]["requests"]["memory"])
    assert largest["proxy_mib"] * mib < _bytes(config["proxy"]["chp"]["resources"]["requests"]["memory"])
    # the default URL is the course's nbgitpuller link (as hub-link prints it) on the user's own server
    default = single["defaultUrl"]
    parts = urlsplit(default)
    repo = parse_qs(parts.query)["repo"][0]
    link = urlsplit(hub_link("https://hub.example.edu", repo))
    assert (parts.path, parse_qs(parts.query)) == ("/git-pull", parse_qs(link.query))
    assert config["cull"]["enabled"] is True and 0 < config["cull"]["timeout"] <= 4 * 3600
    assert config["hub"]["config"]["JupyterHub"]["implicit_spawn_seconds"] > 0


def test_deployment_doc_states_the_measured_settings() -> None:
    from classtest import sizing

    want = sizing.load(ROOT)
    doc = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for text in (doc, readme):
        assert f"{want['guarantee_mib']} MiB" in text and f"{want['limit_mib']} MiB" in text
    assert "docs/z2jh/config.yaml" in doc or "z2jh/config.yaml" in doc
