"""One dependency truth: environment.yml (conda, Binder) lists what pyproject.toml lists (the dependencies and
the test extra), with the same bounds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import tomllib

ROOT = Path(__file__).resolve().parent.parent


def _pyproject_deps() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    deps = {}
    extras = data["project"]["optional-dependencies"]
    # the yml also installs the hub extra's nbgitpuller: a hub's user image and Binder need it for the course link
    hub = [spec for spec in extras["hub"] if spec.startswith("nbgitpuller")]
    for spec in data["project"]["dependencies"] + extras["test"] + hub:
        name, bounds = re.match(r"^([A-Za-z0-9_.-]+)\s*(.*)$", spec).groups()
        deps[name.lower().replace("_", "-")] = bounds.replace(" ", "")
    return deps


def _environment_deps() -> tuple[dict[str, str], list]:
    import yaml  # PyYAML comes with Jupyter (jupyter_events)

    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    deps, pip = {}, []
    for item in env["dependencies"]:
        if isinstance(item, dict):
            pip.extend(item.get("pip", []))
            continue
        name, bounds = re.match(r"^([A-Za-z0-9_.-]+)\s*(.*)$", item).groups()
        deps[name.lower().replace("_", "-")] = bounds.replace(" ", "")
    for item in pip:
        if not item.startswith("-"):
            name, bounds = re.match(r"^([A-Za-z0-9_.-]+)\s*(.*)$", item).groups()
            deps[name.lower().replace("_", "-")] = bounds.replace(" ", "")
    return deps, pip


def _hub_extra() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    deps = {}
    for spec in data["project"]["optional-dependencies"].get("hub", []):
        name, bounds = re.match(r"^([A-Za-z0-9_.-]+)\s*(.*)$", spec).groups()
        deps[name.lower().replace("_", "-")] = bounds.replace(" ", "")
    return deps


#: Packages of the `hub` extra that environment.yml also lists: a hub's user image needs nbgitpuller for the link.
HUB_IMAGE_PACKAGES = ("nbgitpuller",)


def test_environment_yml_matches_pyproject() -> None:
    py = _pyproject_deps()
    env, pip = _environment_deps()
    for name in ("python", "pip"):
        env.pop(name, None)
    hub = _hub_extra()
    for name in HUB_IMAGE_PACKAGES:
        assert name in env and name in hub, f"{name} belongs in both environment.yml and the hub extra"
        assert env[name] == hub[name], f"{name}: environment.yml and the hub extra give different bounds"
    assert env == py, f"environment.yml and pyproject.toml disagree: only in yml {set(env) - set(py)}, only in toml {set(py) - set(env)}, bounds {[(k, env.get(k), py.get(k)) for k in py if env.get(k) != py.get(k)]}"
    assert "-e ." in pip, "environment.yml must install the course package itself (pip: -e .)"


def test_environment_yml_is_valid_for_conda() -> None:
    import yaml

    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert isinstance(env.get("name"), str) and env["name"]
    assert env.get("channels"), "environment.yml must name its channels"
    python = [d for d in env["dependencies"] if isinstance(d, str) and re.match(r"^python[<>=!]", d)]
    assert python, "environment.yml must pin a Python version"
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert python[0][len("python"):].replace(" ", "") == requires.replace(" ", "")


@pytest.mark.slow
def test_the_environment_yml_list_alone_runs_the_tests(tmp_path) -> None:
    """What environment.yml installs is enough to run the course's tests: a fresh venv gets exactly its list
    (conda's packages by the same names from PyPI, then its pip section with ``-e .``: no extras), and pytest runs
    a unit test, a notebook under nbval and a browser test in it. (conda itself and conda-forge are not reachable
    from this project's machines; the package list is what this checks.)"""
    import os
    import subprocess
    import sys

    import yaml

    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    specs = [d for d in env["dependencies"] if isinstance(d, str) and not re.match(r"^(python|pip)\b", d)]
    for item in env["dependencies"]:
        if isinstance(item, dict):
            specs += [str(ROOT) if s == "-e ." else s for s in item.get("pip", [])]
    assert str(ROOT) in specs
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    # constraints.txt: the same versions `make setup` uses, so this checks the list, not today's newest releases
    done = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-c", str(ROOT / "constraints.txt"),
                           *specs], capture_output=True, text=True, timeout=1200)
    assert done.returncode == 0, done.stderr[-3000:]
    notebook = sorted((ROOT / "notebooks").glob("00-*.ipynb"))[0]
    run = subprocess.run([str(python), "-m", "pytest", "-q", "-p", "no:randomly", "tests/test_layers.py",
                          str(notebook.relative_to(ROOT)), "tests/browser/test_twins_map_voices_flow.py"],
                         cwd=ROOT, capture_output=True, text=True, timeout=1200,
                         env={k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")})
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert " passed" in run.stdout and "skipped" not in run.stdout.splitlines()[-1], run.stdout[-500:]
