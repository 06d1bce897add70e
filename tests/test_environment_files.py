"""One dependency truth: environment.yml (conda, Binder) lists what pyproject.toml lists (the dependencies and
the test extra), with the same bounds."""

from __future__ import annotations

import re
from pathlib import Path

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
