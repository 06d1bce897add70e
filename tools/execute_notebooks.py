"""Re-execute the course notebooks in place and normalize them (`make execute`).

Usage: python tools/execute_notebooks.py [NOTEBOOK ...]   (default: every notebooks/NN-*.ipynb)
Running it twice in a row leaves no diff (tests/test_structure.py and the site build rely on that).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from lessons._nbrun import NotebookError, execute, write

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    failed = 0
    for path in paths:
        start = time.perf_counter()
        try:
            nb = execute(path)
        except NotebookError as exc:
            failed += 1
            print(f"FAILED {path.name}: {exc}", file=sys.stderr)
            continue
        changed = write(nb, path)
        print(f"{path.name}: {'updated' if changed else 'unchanged'} ({time.perf_counter() - start:.1f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
