"""Reading the course's notebooks for the site, without running them: which files are lessons, in what order,
each one's cells, its opening (title, objectives, time to learn), and which cell a failure message quotes.

Every problem is a :class:`BuildError` whose message names the file (and cell) and says what to do.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

NOTEBOOK_NAME = re.compile(r"^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.ipynb$")


class BuildError(RuntimeError):
    """The site could not be built; the message says which notebook and cell, and what to do."""


def course_manifest(notebooks: Path, data_dir: Path) -> dict | None:
    """The course manifest (data/course.json) when ``notebooks`` is the course's own folder next to ``data_dir``;
    None for another folder of notebooks (which is then taken as it is, lessons named NN-slug.ipynb)."""
    from .. import data

    if not (Path(data_dir) / data.COURSE_FILE).is_file():
        return None
    if Path(notebooks).resolve() != Path(data_dir).resolve().parent / "notebooks":
        return None
    return data.course(Path(data_dir))


def lesson_paths(notebooks: Path) -> list[Path]:
    """The lessons, in course order: ``notebooks/NN-slug.ipynb``."""
    return sorted(p for p in Path(notebooks).glob("*.ipynb") if NOTEBOOK_NAME.match(p.name))


def strip_markdown(markdown: str) -> str:
    """Markdown inline text without its markup (for titles and the search index)."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"[*_`]+", "", text)
    return " ".join(text.split())


def shown_name(path: Path) -> str:
    """A file name safe to print in any terminal (undecodable bytes and control characters replaced)."""
    name = os.fsencode(Path(path).name).decode("utf-8", "replace")
    return "".join(ch if ch.isprintable() else "\ufffd" for ch in name)


def read_cells(path: Path) -> list[dict[str, Any]]:
    """A notebook's cells as plain dicts with `source` as one string (plain json: nbformat is slow to import)."""
    name = shown_name(path)
    if Path(path).is_dir():
        raise BuildError(f"{name} is a folder, not a notebook. Rename it or move it out of the notebooks folder, "
                         "then build again.")
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
        cells = doc["cells"]
    except (OSError, ValueError, KeyError, TypeError, RecursionError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc.__class__.__name__
        raise BuildError(f"{name} is not a readable notebook ({reason}). Open it in JupyterLab and save it "
                         "again.") from None
    if not isinstance(cells, list):
        raise BuildError(f"{name} is not a readable notebook: its \"cells\" are not a list. Open it in JupyterLab "
                         "and save it again.")
    out = []
    for number, cell in enumerate(cells, 1):
        source = cell.get("source", "") if isinstance(cell, dict) else None
        if isinstance(source, list) and all(isinstance(part, str) for part in source):
            source = "".join(source)
        if not isinstance(source, str):
            raise BuildError(f"{name}, cell {number}, is not a notebook cell with text. Open the notebook in "
                             "JupyterLab and save it again.")
        out.append({**cell, "source": source})
    return out


def misnamed_notebooks(notebooks: Path) -> list[str]:
    """Warnings for notebooks that are not built because of their name, each with the name to use instead."""
    import unicodedata

    out = []
    for p in sorted(Path(notebooks).glob("*.ipynb")):
        if NOTEBOOK_NAME.match(p.name):
            continue
        stem = unicodedata.normalize("NFKD", os.fsencode(p.stem).decode("utf-8", "replace"))
        slug = re.sub(r"[^a-z0-9]+", "-", stem.encode("ascii", "ignore").decode().lower()).strip("-")
        number = re.match(r"^(\d{2})-?", slug)
        if number:
            slug = slug[number.end():].strip("-")
        suggestion = f"{number.group(1) if number else 'NN'}-{slug or 'lesson'}.ipynb"
        out.append(f"{shown_name(p)} is not part of the site: a lesson's file name must be two digits, a hyphen "
                   f"and lower-case letters a–z, digits and hyphens. Rename it (for example to {suggestion}) to "
                   "build it.")
    return out


def parse_opening(cells: list[dict[str, Any]], fallback: str) -> tuple[str, list[str], str]:
    """The H1 title, the ``## Overview`` numbered objectives and the 'Time to learn' line of a notebook."""
    title, objectives, time_to_learn = "", [], ""
    in_overview = continuing = False
    for cell in cells[:12]:
        if cell.get("cell_type") != "markdown":
            continue
        for line in cell["source"].splitlines():
            stripped = line.strip()
            heading = re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", stripped)
            if heading:
                level, text = len(heading.group(1)), heading.group(2)
                if level == 1 and not title:
                    title = strip_markdown(text)
                in_overview = level == 2 and strip_markdown(text).lower() == "overview"
                continue
            if in_overview:
                item = re.match(r"^\d+[.)]\s+(.*)$", stripped)
                if item:
                    objectives.append(item.group(1).strip())
                    continuing = True
                elif continuing and stripped and line[:1].isspace():
                    objectives[-1] += " " + stripped  # an objective wrapped onto the next, indented line
                else:
                    continuing = False
            if not time_to_learn and "time to learn" in stripped.lower():
                after = re.split(r"time to learn", stripped, flags=re.I, maxsplit=1)[1]
                time_to_learn = strip_markdown(after).lstrip(":*_ ").strip() or strip_markdown(stripped)
    # Cards show the total ("50 minutes"), not the breakdown that often follows it.
    time_to_learn = re.split(r"\s+[(—–]|\s+-\s|;", time_to_learn)[0].strip().rstrip(".,")
    return title or fallback, objectives, time_to_learn


def failed_cell(nb_path: Path, message: str) -> str:
    """'cell N' for the cell whose source nbclient quoted in its error message, when it can be found."""
    m = re.search(r"-{10,}\n(.*?)\n-{10,}", message, re.S)
    if not m:
        return ""
    quoted = m.group(1).strip()
    try:
        cells = read_cells(nb_path)
    except BuildError:
        return ""
    for i, cell in enumerate(cells, start=1):
        if cell.get("cell_type") == "code" and cell["source"].strip() and cell["source"].strip() == quoted:
            first = cell["source"].strip().splitlines()[0][:60]
            return f"cell {i} (the code cell starting `{first}`)"
    return ""
