"""Reading the package's Python source with stdlib ``ast``, shared by the tests that check what code contains."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from pathlib import Path


def docstring_nodes(tree: ast.AST) -> set[int]:
    """The ``id()`` of every docstring constant in `tree` (module, class and function docstrings)."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


ROOT = Path(__file__).resolve().parent.parent


def package_nodes(skip: tuple[str, ...] = ()) -> Iterator[tuple[str, ast.AST]]:
    """(``lessons/…py:line``, node) for every node of every module of the package, but the files named in `skip`."""
    for path in sorted((ROOT / "lessons").rglob("*.py")):
        if path.name in skip:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            yield f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}", node


def method_call(node: ast.AST, methods: tuple[str, ...], arg: Callable[[object], bool]) -> bool:
    """`node` is a call ``x.method(...)`` (a name in `methods`) with a constant argument for which `arg` is true."""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in methods
            and any(isinstance(a, ast.Constant) and arg(a.value) for a in node.args))
