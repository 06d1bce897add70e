"""The docs say what the code does: every name, path, command and make target they mention exists (issue 12).

Read from README.md and docs/*.md: backticked dotted names under ``lessons`` (a module, or an attribute of one),
backticked paths of the repository, ``python -m lessons COMMAND`` and ``make TARGET``.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
TOP = ("lessons/", "data/", "tests/", "docs/", "notebooks/", "tools/", "benchmarks/", "seeds/", "templates/", ".ci/")
CODE = re.compile(r"`([^`\n]+)`")


def _spans(doc: Path) -> list[str]:
    text = doc.read_text(encoding="utf-8")
    blocks = re.findall(r"```[^\n]*\n(.*?)```", text, flags=re.DOTALL)
    inline = CODE.findall(re.sub(r"```.*?```", "", text, flags=re.DOTALL))
    return inline + [line for block in blocks for line in block.splitlines()]


def resolves(dotted: str) -> bool:
    """`lessons.a.b` is a module, or an attribute reached from the longest importable module prefix."""
    parts = dotted.split(".")
    for i in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for name in parts[i:]:
            if not hasattr(obj, name):
                return False
            obj = getattr(obj, name)
        return True
    return False


def dotted_names(spans: list[str]) -> set[str]:
    found = set()
    for span in spans:
        for m in re.finditer(r"\b(lessons(?:\.[A-Za-z_]\w*)+)", span):
            name = m.group(1)
            if re.search(r"\.(py|js|css|json|html|md|git)$", name):  # a file name, not a dotted name
                continue
            found.add(name)
        for m in re.finditer(r"from (lessons(?:\.\w+)*) import ([\w, ]+)", span):
            found.update(f"{m.group(1)}.{n.strip()}" for n in m.group(2).split(",") if n.strip())
    return found


def paths(spans: list[str]) -> set[str]:
    found = set()
    for span in spans:
        for token in re.split(r"[\s,;()'\"=]+", span):
            token = token.rstrip(".:")
            if token.startswith(TOP) and not re.search(r"[<>*{}$…]|NN|\.\.\.", token):
                found.add(token.split("#")[0])
    return found


def commands(spans: list[str]) -> set[str]:
    return {m.group(1) for s in spans for m in re.finditer(r"python -m lessons(?!\.)\s+([a-z][\w-]*)", s)}


def make_targets(spans: list[str]) -> set[str]:
    return {m.group(1) for s in spans for m in re.finditer(r"(?:^|\s)make\s+([a-z][\w-]*)", s)}


def _cli_commands() -> set[str]:
    from lessons import cli

    return set(cli.COMMANDS)


def _make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return {m.group(1) for m in re.finditer(r"^([a-z][\w-]*)\s*:", text, flags=re.MULTILINE)}


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_docs_name_what_exists(doc: Path) -> None:
    spans = _spans(doc)
    wrong = sorted(n for n in dotted_names(spans) if not resolves(n))
    assert wrong == [], f"{doc.name} names what the package does not have: {wrong}"
    missing = sorted(p for p in paths(spans) if not (ROOT / p).exists())
    assert missing == [], f"{doc.name} names files that are not in the repository: {missing}"
    unknown = sorted(commands(spans) - _cli_commands())
    assert unknown == [], f"{doc.name} names `python -m lessons` commands that do not exist: {unknown}"
    targets = sorted(make_targets(spans) - _make_targets())
    assert targets == [], f"{doc.name} names make targets the Makefile does not have: {targets}"


def test_the_checks_can_fail() -> None:
    spans = ["lessons.course.no_such_thing", "from lessons import NoSuchComponent", "lessons/no_such.py",
             "python -m lessons no-such-command", "make no-such-target", "lessons.course.lessons", "README.md"]
    assert {n for n in dotted_names(spans) if not resolves(n)} == {"lessons.course.no_such_thing",
                                                                   "lessons.NoSuchComponent"}
    assert paths(spans) == {"lessons/no_such.py"}
    assert commands(spans) - _cli_commands() == {"no-such-command"}
    assert make_targets(spans) - _make_targets() == {"no-such-target"}
