"""Execute notebooks the same way everywhere (make execute, the site build, benchmarks) and normalize them.

Normalizing makes a second `make execute` produce no diff: widget state is dropped from the metadata (the saved
output keeps its friendly text/plain and its HTML twin), widget model ids become stable, timings and the
interpreter's patch version are removed. Kernels run with the network guard on, a per-cell timeout, and an
empty, temporary progress file so outputs never depend on who ran them.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any

WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"
CELL_TIMEOUT = 120  # seconds; a hung cell fails with the notebook and cell named instead of hanging forever


class NotebookError(RuntimeError):
    """A notebook failed to execute; the message names the notebook and the cell."""


def course_env(progress_dir: str | None = None) -> dict:
    """Environment for kernels: network guard on, progress kept in a throwaway folder, no stray config."""
    from ._netguard_impl import kernel_env

    env = kernel_env()
    tmp = progress_dir or tempfile.mkdtemp(prefix="gsomia-progress-")
    env["GSOMIA_PROGRESS"] = str(Path(tmp) / "progress.json")
    env["GSOMIA_EXECUTING"] = "1"
    env.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    return env


def _stable_model_id(name: str, cell_index: int, output_index: int) -> str:
    return hashlib.sha1(f"{name}:{cell_index}:{output_index}".encode()).hexdigest()[:32]


def _coalesce_streams(outputs: list) -> list:
    """Merge consecutive stream outputs of the same stream: a busy machine may split one print loop in two."""
    merged: list = []
    for output in outputs:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and output.get("output_type") == "stream"
            and prev.get("output_type") == "stream"
            and prev.get("name") == output.get("name")
        ):
            prev["text"] = "".join(prev["text"]) + "".join(output["text"])
        else:
            merged.append(output)
    return merged


def normalize(nb: Any, name: str) -> Any:
    """Make an executed notebook deterministic (in place) and return it."""
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    info = nb.metadata.get("language_info")
    if info:
        info.pop("version", None)
    count = 0
    for ci, cell in enumerate(nb.cells):
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        cell.outputs = _coalesce_streams(cell.outputs)
        if cell.outputs or cell.source.strip():
            count += 1
            cell.execution_count = count if cell.source.strip() else None
        for oi, output in enumerate(cell.outputs):
            if "execution_count" in output:
                output["execution_count"] = cell.execution_count
            data = output.get("data") or {}
            view = data.get(WIDGET_VIEW_MIME)
            if isinstance(view, dict) and "model_id" in view:
                view["model_id"] = _stable_model_id(name, ci, oi)
            output.get("metadata", {}).pop("execution", None)
    return nb


def execute(path: Path, *, timeout: int = CELL_TIMEOUT, env: dict | None = None, cwd: Path | None = None) -> Any:
    """Execute the notebook at `path` in a fresh kernel and return the normalized notebook (not saved)."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    run_env = env or course_env()
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(cwd or path.parent)}},
        record_timing=False,
        allow_errors=False,
    )
    saved = dict(os.environ)
    try:
        # nbclient starts the kernel with the parent's environment; swap ours in for the duration.
        os.environ.clear()
        os.environ.update(run_env)
        client.execute()
    except CellTimeoutError as exc:
        raise NotebookError(f"{path.name}: a cell ran longer than {timeout} s and was stopped. {exc}") from exc
    except CellExecutionError as exc:
        raise NotebookError(f"{path.name}: a cell raised an error.\n{exc}") from exc
    except DeadKernelError as exc:
        raise NotebookError(f"{path.name}: the Python kernel stopped while running it (it may have run out of "
                            f"memory or been killed). Run it again; if it stops again, look at the cell that was "
                            f"running. ({exc})") from exc
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return normalize(nb, path.name)


def write(nb: Any, path: Path) -> bool:
    """Write `nb` to `path` if it differs; True when the file changed."""
    import nbformat

    text = nbformat.writes(nb) + "\n"
    old = path.read_text(encoding="utf-8") if path.exists() else None
    if old == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True
