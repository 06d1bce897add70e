"""Structure checks for the lessons: names, openings and closings, tags, links, no bad habits.

These are the promises a teacher relies on when opening any lesson: the same shape every time, data reached
by name, nothing installed from inside a notebook, and no link that leads nowhere.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
NAME_RE = re.compile(r"^(\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*\.ipynb$")
ALLOWED_TAGS = {"nbval-ignore-output", "raises-exception", "remove-input", "hide-input", "hide-output", "nav", "imports",
                "extension", "exit-ticket"}
IMPORT_RE = re.compile(r"^\s*(?:import\s+\w|from\s+[\w.]+\s+import\s)", re.MULTILINE)
RELATIVE_DATA_RE = re.compile(r"""["'](?:\.{1,2}/)+[^"']*|["']data/[^"']*|["'][^"']*\.(?:csv|json|geojson)["']""")
LINK_RE = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)|<(?:img|a)\s[^>]*(?:src|href)=\"([^\"]+)\"")


def lesson_paths() -> list[Path]:
    return sorted(p for p in NOTEBOOKS.glob("*.ipynb"))


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


LESSONS = lesson_paths()
IDS = [p.name for p in LESSONS]


def test_there_are_lessons() -> None:
    assert any(p.name == "00-start-here.ipynb" for p in LESSONS), "notebooks/00-start-here.ipynb is missing"


def test_names_are_numbered_slugs_in_order() -> None:
    numbers = []
    for path in LESSONS:
        match = NAME_RE.match(path.name)
        assert match, f"{path.name}: lesson files are named NN-slug.ipynb (two digits, lower-case words joined by -)"
        numbers.append(int(match.group(1)))
    assert numbers == list(range(len(numbers))), f"lesson numbers must run 00, 01, 02… without gaps: {numbers}"


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_opening_and_closing(path: Path) -> None:
    cells = load(path)["cells"]
    markdown = [source(c) for c in cells if c["cell_type"] == "markdown"]
    h1 = [line for text in markdown for line in text.splitlines() if re.match(r"^#\s+\S", line)]
    assert len(h1) == 1, f"{path.name}: needs exactly one H1 title, found {len(h1)}: {h1}"
    assert cells[0]["cell_type"] == "markdown" and source(cells[0]).lstrip().startswith("# "), (
        f"{path.name}: the first cell must be the title (an H1)"
    )
    text = "\n".join(markdown)
    overview = re.search(r"^##\s+Overview\s*$(.*?)(?=^##\s)", text, re.MULTILINE | re.DOTALL)
    assert overview, f"{path.name}: needs a '## Overview' section"
    objectives = re.findall(r"^\s*\d+\.\s+\S", overview.group(1), re.MULTILINE)
    assert 3 <= len(objectives) <= 6, f"{path.name}: the overview lists 3–5 numbered objectives, found {len(objectives)}"
    prereq = re.search(r"^##\s+Prerequisites\s*$(.*?)(?=^##\s)", text, re.MULTILINE | re.DOTALL)
    assert prereq and "|" in prereq.group(1), f"{path.name}: needs a '## Prerequisites' section with a table"
    assert re.search(r"Time to learn", text), f"{path.name}: needs a 'Time to learn' line"
    assert re.search(r"^##\s+Summary\s*$", text, re.MULTILINE), f"{path.name}: needs a '## Summary' section"
    assert re.search(r"^###\s+What.s next\??\s*$", text, re.MULTILINE), f"{path.name}: needs a \"### What's next?\" section"
    summary_at = max(i for i, c in enumerate(cells) if c["cell_type"] == "markdown" and re.search(r"^##\s+Summary", source(c), re.MULTILINE))
    code_after = [i for i, c in enumerate(cells) if c["cell_type"] == "code" and i > summary_at and source(c).strip()]
    assert not code_after, f"{path.name}: the summary closes the lesson; code cells {code_after} come after it"


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_one_imports_cell_first(path: Path) -> None:
    code = [(i, source(c)) for i, c in enumerate(load(path)["cells"]) if c["cell_type"] == "code" and source(c).strip()]
    assert code, f"{path.name}: has no code cells"
    with_imports = [i for i, src in code if IMPORT_RE.search(src)]
    assert with_imports == [code[0][0]], (
        f"{path.name}: imports belong in one cell, the first code cell; cells with imports: {with_imports}"
    )


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_no_bad_habits(path: Path) -> None:
    for i, cell in enumerate(load(path)["cells"]):
        if cell["cell_type"] != "code":
            continue
        src = source(cell)
        assert "import *" not in src, f"{path.name}, cell {i}: no `import *` — import names explicitly"
        assert not re.search(r"^\s*[!%](?:pip|conda|mamba)\b", src, re.MULTILINE), (
            f"{path.name}, cell {i}: no installs inside a lesson — `make lab` installs everything"
        )
        match = RELATIVE_DATA_RE.search(src)
        assert not match, (
            f"{path.name}, cell {i}: data is reached by name (lessons.data.load('timeline')), "
            f"not by path: {match.group(0) if match else ''}"
        )


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_only_known_tags(path: Path) -> None:
    for i, cell in enumerate(load(path)["cells"]):
        unknown = set(cell.get("metadata", {}).get("tags", [])) - ALLOWED_TAGS
        assert not unknown, f"{path.name}, cell {i}: unknown cell tag(s) {sorted(unknown)}; allowed: {sorted(ALLOWED_TAGS)}"


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_ignored_outputs_are_rare(path: Path) -> None:
    code = [c for c in load(path)["cells"] if c["cell_type"] == "code" and source(c).strip()]
    ignored = [c for c in code if "nbval-ignore-output" in c.get("metadata", {}).get("tags", [])]
    assert len(ignored) <= 0.2 * len(code), (
        f"{path.name}: {len(ignored)} of {len(code)} code cells skip output checks; at most 20 % may"
    )


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_outputs_are_committed_clean(path: Path) -> None:
    nb = load(path)
    assert "widgets" not in nb.get("metadata", {}), f"{path.name}: widget state must not be saved (run `make execute`)"
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code" or not source(cell).strip():
            continue
        assert cell.get("execution_count") is not None, f"{path.name}, cell {i}: not executed (run `make execute`)"
        for out in cell.get("outputs", []):
            assert out.get("output_type") != "error", f"{path.name}, cell {i}: a saved error output"
            if out.get("output_type") == "stream":
                assert out.get("name") != "stderr", f"{path.name}, cell {i}: saved warnings/errors on stderr: {out.get('text')!r}"


def _exists_case_sensitive(base: Path, target: str) -> bool:
    path = base
    for part in Path(target).parts:
        if part in ("", "."):
            continue
        if part == "..":
            path = path.parent
            continue
        if not path.is_dir() or part not in {p.name for p in path.iterdir()}:
            return False
        path = path / part
    return True


@pytest.mark.parametrize("path", LESSONS, ids=IDS)
def test_relative_links_resolve(path: Path) -> None:
    for i, cell in enumerate(load(path)["cells"]):
        if cell["cell_type"] != "markdown":
            continue
        for match in LINK_RE.finditer(source(cell)):
            target = (match.group(1) or match.group(2)).split("#")[0]
            if not target or re.match(r"^[a-z]+:", target):
                continue
            assert _exists_case_sensitive(path.parent, target), f"{path.name}, cell {i}: link to {target!r} leads nowhere"


def test_readme_lists_every_lesson() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in LESSONS:
        assert f"notebooks/{path.name}" in readme, f"README.md should list and link notebooks/{path.name}"


def test_readme_links_resolve() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for match in LINK_RE.finditer(readme):
        target = (match.group(1) or match.group(2)).split("#")[0]
        if target and not re.match(r"^[a-z]+:", target):
            assert _exists_case_sensitive(ROOT, target), f"README.md: link to {target!r} leads nowhere"
