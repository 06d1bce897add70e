"""No style sheet, script or page of prose inside a Python string (issue 12).

CSS and JavaScript live in ``lessons/static/*.css|js`` and page bodies with paragraphs of instructions in
``lessons/static/*.html`` (read with :mod:`lessons.static`), so they can be read, linted and edited as what they
are. Short markup built around data (an ``<option>`` per launch, a table row) and one-sentence messages stay in
Python. Docstrings are not strings of the program and are not checked.

The rules, read from the source with stdlib ``ast``:
- a string literal (adjacent literals and an f-string's fixed parts count as one) that looks like CSS or JS is at
  most CODE_LIMIT characters;
- a string literal has at most PROSE_LIMIT characters of text outside HTML tags (regular expressions excepted).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.pysource import docstring_nodes

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "lessons"
CODE_LIMIT = 150
PROSE_LIMIT = 400
CSS = re.compile(r"[.#@]?[\w-]+[^{};]*\{[^{}]*[\w-]+\s*:\s*[^;{}]+;")
JS = re.compile(r"function\s*\(|=>\s*[{(]|addEventListener|document\.|querySelector|\bvar\s+\w+\s*=")
REGEX = re.compile(r"\(\?[:=!P<]|\\[swdb]")


def strings(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string literal in `source` but docstrings; an f-string gives its fixed parts."""
    tree = ast.parse(source)
    skip = docstring_nodes(tree)
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            skip.update(id(v) for v in node.values)
            out.append((node.lineno, "".join(v.value for v in node.values if isinstance(v, ast.Constant))))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            out.append((node.lineno, node.value))
    return out


def blobs(source: str) -> list[str]:
    """What breaks the rules in one module's source, a line each."""
    found = []
    for line, text in strings(source):
        if (CSS.search(text) or JS.search(text)) and len(text) > CODE_LIMIT:
            found.append(f"line {line}: {len(text)} characters of CSS or JS: move it to lessons/static/")
            continue
        prose = re.sub(r"\s+", " ", re.sub(r"<[^>]*>", " ", text)).strip()
        if len(prose) > PROSE_LIMIT and not REGEX.search(text):
            found.append(f"line {line}: {len(prose)} characters of prose: move it to lessons/static/*.html or data/")
    return found


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_style_script_or_prose_blob_in_python(path: Path):
    assert blobs(path.read_text(encoding="utf-8")) == [], path.relative_to(ROOT)


def test_the_rules_catch_what_they_are_for():
    css = "STYLE = '''\n" + "".join(f".gs-x{i}{{margin:0;padding:{i}px}}\n" for i in range(12)) + "'''\n"
    js = "S = (\"var a=root.querySelector('x');\"\n" + "".join(f"     \"a.addEventListener('c{i}',f);\"\n"
                                                              for i in range(8)) + ")\n"
    prose = "P = f'<p>{x}' " + " ".join(f"'Sentence number {i} of a long page of instructions.'" for i in range(12))
    page = "def f():\n    \"\"\"" + "A long docstring. " * 40 + "\"\"\"\n    return '<p>short</p>'\n"
    assert len(blobs(css)) == 1 and "CSS or JS" in blobs(css)[0]
    assert len(blobs(js)) == 1 and "CSS or JS" in blobs(js)[0]
    assert len(blobs(prose)) == 1 and "prose" in blobs(prose)[0]
    assert blobs(page) == []  # docstrings are documentation
    assert blobs("R = r'^\\s*(?:" + "a|" * 300 + "b)$'\n") == []  # a regular expression is not prose


@pytest.mark.parametrize("name", sorted(p.name for p in (PACKAGE / "static").iterdir()
                                        if p.suffix in (".css", ".js", ".html", ".json")))
def test_every_static_file_is_used(name: str):
    users = [p for p in PACKAGE.rglob("*.py") if name in p.read_text(encoding="utf-8")]
    assert users, f"lessons/static/{name} is read by no module (remove it or use it)"
