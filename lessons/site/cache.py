"""The build's cache of lessons (``_build/.cache/`` by default), on two levels.

- ``<stem>.<key>.ipynb``: the executed notebook; the key hashes the notebook and every file it can depend on
  (``lessons/`` without the site's own code, ``data/``, ``seeds/``).
- ``<stem>.<key>.json``: the rendered page body; the key adds the site's own code, so changing a template
  renders again without executing again.

When a lesson is cached anew, its older entries go; nothing else in the folder is touched.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path


def tree_digest(dirs: Iterable[Path], exclude: Iterable[Path] = ()) -> str:
    """A hash of every file (path and bytes) under `dirs`, ignoring caches, checkpoints and `exclude`."""
    digest = hashlib.sha256()
    skip = [Path(e).resolve() for e in exclude]
    for base in dirs:
        base = Path(base)
        if not base.is_dir():
            continue
        for p in sorted(base.rglob("*")):
            parts = p.relative_to(base).parts
            if not p.is_file() or any(x in {"__pycache__", ".ipynb_checkpoints", ".pytest_cache"} for x in parts):
                continue
            if p.suffix in {".pyc", ".pyo"}:
                continue
            if skip and any(x == p.resolve() or x in p.resolve().parents for x in skip):
                continue
            digest.update(f"{base.name}/{p.relative_to(base).as_posix()}\0".encode())
            digest.update(p.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()


def cache_files(source: Path, stem: str, cache_dir: Path | None,
                digests: tuple[str, str]) -> tuple[Path | None, Path | None]:
    """The cache entries of one notebook: (executed notebook, rendered page), or (None, None) without a cache.

    `digests` is (:func:`tree_digest` of the files a notebook can depend on, :func:`tree_digest` of the site's code).
    """
    files_digest, site_digest = digests
    exec_key = hashlib.sha256(Path(source).read_bytes() + files_digest.encode()).hexdigest()[:24]
    render_key = hashlib.sha256(f"{exec_key}:{site_digest}".encode()).hexdigest()[:24]
    exec_file = cache_dir / f"{stem}.{exec_key}.ipynb" if cache_dir else None
    render_file = cache_dir / f"{stem}.{render_key}.json" if cache_dir else None
    return exec_file, render_file


def drop_stale_cache(folder: Path, stem: str, suffix: str) -> None:
    """Delete the cache entries of an earlier build of `stem` (only files named as the cache names them)."""
    from ..outdir import is_regular_file

    pattern = re.compile(re.escape(stem) + r"\.[0-9a-f]{24}" + re.escape(suffix))
    for old in folder.glob(f"*{suffix}"):
        if pattern.fullmatch(old.name) and is_regular_file(old):
            old.unlink()
