"""Course defaults for the JupyterLab inside the project's .venv (run by `make setup`).

JupyterLab can ask the internet for news and update checks. A classroom may have no internet, and the course
promises to work offline, so the venv's JupyterLab gets settings that switch both off. The user's own
~/.jupyter settings are not touched: this writes only inside the virtual environment.

Usage: python -m lessons.labconfig VENV_DIR
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"checkForUpdates": False, "fetchNews": "false"},
    "@jupyterlab/extensionmanager-extension:plugin": {"enabled": False},
}


def write_overrides(venv: Path) -> Path:
    """Merge the course's overrides into VENV/share/jupyter/lab/settings/overrides.json and return its path."""
    target = Path(venv) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    current = {}
    if target.exists():
        try:
            current = json.loads(target.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            current = {}
    for plugin, settings in OVERRIDES.items():
        current.setdefault(plugin, {}).update(settings)
    target.write_text(json.dumps(current, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return target


def main(argv: list[str]) -> int:
    venv = Path(argv[0]) if argv else Path(sys.prefix)
    print(f"JupyterLab offline settings written to {write_overrides(venv)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
