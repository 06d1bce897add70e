"""`lessons.check_environment()`: the first cell a teacher runs on a new machine.

It prints a table of what the course needs, what is installed, and whether each part is fine, with a plain
sentence saying what to do about anything that is not.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

# (distribution, import name, minimum version, why the course needs it)
REQUIREMENTS = (
    ("jupyterlab", "jupyterlab", "4.2", "the notebook interface"),
    ("ipywidgets", "ipywidgets", "8.1", "the interactive controls"),
    ("jupyterlab_widgets", "jupyterlab_widgets", "3.0", "shows widgets inside JupyterLab"),
    ("matplotlib", "matplotlib", "3.8", "figures"),
    ("numpy", "numpy", "1.26", "numbers behind the figures"),
    ("pandas", "pandas", "2.1", "data tables"),
    ("jsonschema", "jsonschema", "4.20", "checks the quiz files"),
    ("nbformat", "nbformat", "5.9", "reads notebooks"),
)


@dataclass
class Check:
    """One line of the environment table."""

    part: str
    found: str
    needed: str
    ok: bool
    advice: str = ""


def _version_tuple(text: str) -> tuple[int, ...]:
    parts = []
    for piece in text.split("."):
        digits = "".join(ch for ch in piece if ch.isdigit())
        if not digits:
            break
        parts.append(int(digits))
    return tuple(parts)


def _check_package(dist: str, minimum: str, why: str) -> Check:
    try:
        version = metadata.version(dist)
    except metadata.PackageNotFoundError:
        return Check(dist, "not installed", f"≥ {minimum}", False,
                     f"Needed for {why}. Run `make lab` again from the course folder, which installs it.")
    ok = _version_tuple(version) >= _version_tuple(minimum)
    advice = "" if ok else f"Version {version} is too old for {why}. Run `make setup` to update the course's packages."
    return Check(dist, version, f"≥ {minimum}", ok, advice)


def run_checks() -> list[Check]:
    """Check Python, the packages, the course data, the seed article and the progress folder."""
    checks = [
        Check("Python", ".".join(map(str, sys.version_info[:3])), "≥ 3.10", sys.version_info >= (3, 10),
              "" if sys.version_info >= (3, 10) else "Install Python 3.10 or newer, then run `make lab` again."),
    ]
    checks += [_check_package(dist, minimum, why) for dist, _imp, minimum, why in REQUIREMENTS]

    from . import article, data

    try:
        counts = data.validate_all()
        checks.append(Check("Course data", f"{len(counts)} tables valid", "all valid", True))
    except data.DataError as exc:
        checks.append(Check("Course data", f"{len(exc.problems) or 1} problem(s)", "all valid", False,
                            (exc.problems or [str(exc)])[0] + " Run `python -m lessons validate` for the full list."))
    except Exception as exc:  # noqa: BLE001 - report, don't crash the first cell of the course
        checks.append(Check("Course data", "not found", "data/ folder", False, str(exc)))
    try:
        checks.append(Check("Seed article", f"{len(article.paragraphs())} paragraphs", "present", True))
    except FileNotFoundError as exc:
        checks.append(Check("Seed article", "missing", "present", False, str(exc)))

    from . import progress as _progress_module  # noqa: F401 - checks the module imports

    folder = Path(os.environ.get("GSOMIA_PROGRESS", "")).parent if os.environ.get("GSOMIA_PROGRESS") else None
    misdirected = ""
    try:
        _progress_module.check_target(_progress_module.progress_path())  # a folder or a device: say so
    except OSError as exc:
        misdirected = str(exc)
    try:
        target = folder or _progress_module.progress_path().parent
        target.mkdir(parents=True, exist_ok=True)
        writable = os.access(target, os.W_OK) and not misdirected
    except Exception:  # noqa: BLE001
        writable = False
    checks.append(Check("Progress folder", "writable" if writable else "not writable", "writable", writable,
                        "" if writable else misdirected or "Quiz answers can't be saved. Set GSOMIA_PROGRESS to a "
                        "file path in a folder you can write to."))
    return checks


class EnvironmentReport:
    """The result of :func:`check_environment`; shows as a table in notebooks and as text in a terminal."""

    def __init__(self, checks: list[Check]) -> None:
        self.checks = checks

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    def __str__(self) -> str:
        width = max(len(c.part) for c in self.checks)
        lines = [f"{'Part'.ljust(width)}  {'Found':<18} {'Needed':<10} Status"]
        for c in self.checks:
            lines.append(f"{c.part.ljust(width)}  {c.found:<18} {c.needed:<10} {'OK' if c.ok else 'PROBLEM'}")
            if c.advice:
                lines.append(f"{' ' * width}  → {c.advice}")
        lines.append("Everything is ready." if self.ok else "Some parts need attention: see the lines marked PROBLEM.")
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        from ._html import esc

        rows = "".join(
            f"<tr><td>{esc(c.part)}</td><td>{esc(c.found)}</td><td>{esc(c.needed)}</td>"
            f"<td>{'✅ OK' if c.ok else '⚠️ Problem'}</td><td>{esc(c.advice)}</td></tr>"
            for c in self.checks
        )
        verdict = "Everything is ready." if self.ok else "Some parts need attention: see the rows marked Problem."
        return ('<table class="gs-env"><caption>Course environment check</caption><thead><tr>'
                '<th scope="col">Part</th><th scope="col">Found</th><th scope="col">Needed</th>'
                '<th scope="col">Status</th><th scope="col">What to do</th></tr></thead>'
                f"<tbody>{rows}</tbody></table><p><strong>{esc(verdict)}</strong></p>")


def check_environment() -> EnvironmentReport:
    """Check that this machine can run the course; returns a report that displays as a table."""
    return EnvironmentReport(run_checks())


def cli(argv: list[str]) -> int:
    """`python -m lessons check`: print the environment table; exit 1 if anything needs attention."""
    report = check_environment()
    print(report)
    return 0 if report.ok else 1
