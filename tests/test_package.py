"""`import lessons` is light and has no side effects; the package has a proper public surface."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import lessons

ROOT = Path(__file__).resolve().parent.parent


def _best_of(code: str, runs: int = 5, env: dict | None = None) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        best = min(best, time.perf_counter() - start)
    return best


def test_import_adds_less_than_0_3_s() -> None:
    bare = _best_of("pass")
    with_lessons = _best_of("import lessons")
    assert with_lessons - bare < 0.3, f"import lessons costs {with_lessons - bare:.3f} s over a bare interpreter"


def test_import_pulls_no_heavy_libraries() -> None:
    code = ("import sys, lessons; heavy = [m for m in ('matplotlib','pandas','numpy','ipywidgets','jsonschema') "
            "if m in sys.modules]; print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout.strip()
    assert out == "", f"`import lessons` imported heavy libraries: {out}"


def test_import_leaves_rcparams_untouched() -> None:
    code = (
        "import matplotlib; before = dict(matplotlib.rcParams); import lessons, lessons.data, lessons.article;"
        "after = dict(matplotlib.rcParams); changed = [k for k in before if str(before[k]) != str(after[k])];"
        "print(changed)"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout.strip()
    assert out == "[]", f"importing lessons changed rcParams: {out}"


def test_setup_applies_the_course_style() -> None:
    code = ("import matplotlib; d = matplotlib.rcParams['figure.dpi']; import lessons; lessons.setup();"
            "from lessons.style import DPI; print(matplotlib.rcParams['figure.dpi'] == DPI, d != DPI or True)")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout.split()
    assert out[0] == "True"


def test_import_writes_no_files(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = dict(os.environ, HOME=str(home), XDG_DATA_HOME=str(home / ".local/share"), PYTHONDONTWRITEBYTECODE="1")
    env.pop("GSOMIA_PROGRESS", None)
    subprocess.run([sys.executable, "-c", "import lessons, lessons.data, lessons.article"], check=True, cwd=tmp_path, env=env)
    created = [p for p in tmp_path.rglob("*") if p != home]
    assert created == [], f"importing lessons created files: {created}"


def test_public_surface() -> None:
    assert lessons.__doc__ and "GSOMIA" in lessons.__doc__
    assert isinstance(lessons.__version__, str) and lessons.__version__.count(".") == 2
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'version = "{lessons.__version__}"' in pyproject, "lessons.__version__ and pyproject.toml disagree"
    for name in lessons.__all__:
        assert getattr(lessons, name) is not None, f"lessons.{name} is listed in __all__ but not importable"


def test_unknown_attribute_is_a_clear_error() -> None:
    try:
        lessons.no_such_thing  # noqa: B018
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("lessons.no_such_thing should raise AttributeError")
