"""Where the data lives: the data folder, the file behind a dataset name, and reading a JSON data file.

How files are named in messages (``data/timeline.csv`` for the course's own folder, else the full path) is
decided here too, so every error names the file the same way. Re-exported by :mod:`lessons.data`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .data_schema import GEOJSON_NAME, MAX_FILE_BYTES, SCHEMAS, DataError


def data_dir() -> Path:
    """The folder holding the data: ``$GSOMIA_DATA_DIR``, else ``lessons/_data`` (installed), else ``data/``.

    The environment variable is read at every call, so tests and teachers can point at a copy.
    """
    override = os.environ.get("GSOMIA_DATA_DIR")
    if override:
        return Path(override).expanduser()
    here = Path(__file__).resolve().parent
    installed = here / "_data"
    if installed.is_dir():
        return installed
    return here.parent / "data"


def display_name(p: Path) -> str:
    """How a file is named in messages: ``data/timeline.csv`` for the course's own folder, else the path."""
    base = data_dir()
    try:
        rel = p.resolve().relative_to(base.resolve())
    except ValueError:
        return str(p)
    if os.environ.get("GSOMIA_DATA_DIR"):
        return str(base / rel)
    return f"data/{rel.as_posix()}"


def quiz_names() -> list[str]:
    folder = data_dir() / "quizzes"
    if not folder.is_dir():
        return []
    return sorted(f"quizzes/{p.stem}" for p in folder.glob("*.json"))


def available() -> list[str]:
    """Names of the datasets present in the data folder (CSV datasets, quiz banks and the region map)."""
    base = data_dir()
    names = [n for n in SCHEMAS if (base / f"{n}.csv").is_file()]
    names += quiz_names()
    if (base / f"{GEOJSON_NAME}.geojson").is_file():
        names.append(GEOJSON_NAME)
    return sorted(names)


def unknown(name: str) -> DataError:
    names = ", ".join(available()) or "(none: the data folder is empty or missing)"
    return DataError(
        f"There is no dataset called {name!r} in {data_dir()}. Available datasets: {names}."
    )


def path(name: str) -> Path:
    """The file behind a dataset name: ``path("timeline")`` → ``data/timeline.csv``,
    ``path("quizzes/NN-slug")`` → ``data/quizzes/NN-slug.json``, ``path("geo/northeast_asia")`` →
    the GeoJSON file. Raises :class:`DataError` for an unknown name."""
    if not isinstance(name, str) or not name or ".." in name or name.startswith("/"):
        raise unknown(str(name))
    base = data_dir()
    if name in SCHEMAS:
        p = base / f"{name}.csv"
    elif name.startswith("quizzes/"):
        p = base / f"{name}.json"
    elif name == GEOJSON_NAME:
        p = base / f"{name}.geojson"
    else:
        raise unknown(name)
    if not p.is_file():
        if name in SCHEMAS or name == GEOJSON_NAME:
            raise DataError(f"{display_name(p)} is missing. The course needs it for the dataset {name!r}.")
        raise unknown(name)
    return p


# --------------------------------------------------------------------------------------------------------
# Parsing and validation


def read_json(p: Path, what: str, fix: str) -> Any:
    """A JSON data file, or :class:`DataError` with one sentence: unreadable, not UTF-8, not JSON, or nested far
    too deeply (which would otherwise stop Python with a RecursionError)."""
    display = display_name(p)
    try:
        if p.stat().st_size > MAX_FILE_BYTES:
            raise DataError(f"{display} is larger than {MAX_FILE_BYTES // 1_000_000} MB, far too large for {what}. "
                            f"{fix}")
        return json.loads(p.read_text(encoding="utf-8-sig"))
    except DataError:
        raise
    except RecursionError:
        raise DataError(f"{display} is nested far too deeply to be {what}. {fix}") from None
    except UnicodeDecodeError:
        raise DataError(f"{display} is not UTF-8 text. Save it as UTF-8. {fix}") from None
    except ValueError as exc:
        raise DataError(f"{display} is not valid JSON ({exc}). {fix}") from None
    except OSError as exc:
        raise DataError(f"{display} could not be read ({exc.strerror or exc.__class__.__name__}). {fix}") from None
