"""Reading the package's Python source with stdlib ``ast``, shared by the tests that check what code contains."""

from __future__ import annotations

import ast


def docstring_nodes(tree: ast.AST) -> set[int]:
    """The ``id()`` of every docstring constant in `tree` (module, class and function docstrings)."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out
