"""Output folders the course owns: a builder replaces only what an earlier build of the course wrote.

A folder the course builds into (the static site, for instance) gets a small marker file, ``.gsomia-build.json``,
listing every file the build wrote. The next build deletes exactly those files — regular files only, never a
link, a folder or anything else — and keeps everything else that has appeared in the folder since. A folder
without the marker is used only when it is empty or does not exist yet; otherwise the builder refuses with one
sentence saying what to do, and touches nothing. So ``--out .`` in a repository, or ``--out ~``, deletes nothing.

Typical use::

    folder = OwnedFolder(out, kind="site")
    kept = folder.claim()        # raises OutputFolderError (a plain sentence) when the folder isn't ours
    ...write the files...
    folder.finish()              # records what was written, for the next build
"""

from __future__ import annotations

import json
import os
import re
import stat
import tempfile
from pathlib import Path, PurePosixPath

__all__ = ["MARKER", "OutputFolderError", "OwnedFolder", "is_regular_file", "replaceable", "write_owned_file"]

MARKER = ".gsomia-build.json"
FORMAT = "gsomia-build"
_MARKER_MAX_BYTES = 5_000_000


class OutputFolderError(ValueError):
    """The output folder can't be used; the message is one sentence saying what to do."""


def is_regular_file(path: Path) -> bool:
    """True for a regular file that is not a symbolic link (``lstat``)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _safe_relative(name: object) -> str | None:
    """A marker entry as a relative POSIX path that stays inside the folder, or None."""
    if not isinstance(name, str) or not name or "\0" in name:
        return None
    rel = PurePosixPath(name)
    if rel.is_absolute() or any(part in {"..", ""} for part in rel.parts) or name.startswith("/"):
        return None
    return rel.as_posix()


class OwnedFolder:
    """A folder a builder of kind `kind` (``"site"``, ``"answer-key"``, …) writes into and may clean."""

    def __init__(self, out: str | Path, kind: str, *, what: str = "the output", option: str = "--out",
                 legacy: tuple[str, ...] = ()):
        self.out = Path(out)
        self.kind = kind
        self.what = what
        self.option = option
        self.legacy = legacy  # files an unmarked build of an older course version always holds (for the message)
        self.kept: list[str] = []

    # --- reading the marker ----------------------------------------------------------------------------
    def _marker(self) -> dict | None:
        marker = self.out / MARKER
        try:
            st = os.lstat(marker)
        except OSError:
            return None
        if not stat.S_ISREG(st.st_mode) or st.st_size > _MARKER_MAX_BYTES:
            return None
        try:
            doc = json.loads(marker.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return None
        if not isinstance(doc, dict) or doc.get("format") != FORMAT or not isinstance(doc.get("files"), list):
            return None
        return doc

    def _listing(self) -> list[str]:
        """Every file (not folder) under the folder, relative, without following links into other folders."""
        found: list[str] = []
        for root, dirs, files in os.walk(self.out, followlinks=False):
            rel_root = Path(root).relative_to(self.out)
            for name in files + [d for d in dirs if os.path.islink(os.path.join(root, d))]:
                found.append((rel_root / name).as_posix())
        return sorted(f for f in found if f != MARKER)

    def _inside(self, rel: str) -> Path | None:
        """The path of `rel` inside the folder, if no component on the way is a link (else None)."""
        path = self.out
        parts = PurePosixPath(rel).parts
        for part in parts[:-1]:
            path = path / part
            try:
                if not stat.S_ISDIR(os.lstat(path).st_mode):
                    return None
            except OSError:
                return None
        return path / parts[-1]

    # --- claiming and finishing --------------------------------------------------------------------------
    def check(self) -> dict | None:
        """Raise :class:`OutputFolderError` unless the folder is missing, empty or made by an earlier build of
        this kind; change nothing. Returns the earlier build's marker (None for a new or empty folder)."""
        out = self.out
        try:
            st = os.stat(out)  # a link to a folder is used like the folder it points to, by the same rules
        except FileNotFoundError:
            if os.path.lexists(out):
                raise OutputFolderError(f"{out} is a broken link, so it was left untouched. Give {self.option} "
                                        "the name of a new or empty folder.") from None
            return None
        except OSError as exc:
            raise OutputFolderError(f"{out} can't be used for {self.what} ({exc.strerror or exc}). Choose another "
                                    f"folder with {self.option}.") from None
        if not stat.S_ISDIR(st.st_mode):
            raise OutputFolderError(f"{out} is a file, not a folder, so it was left untouched. Give {self.option} "
                                    "the name of a new or empty folder.")
        marker = self._marker()
        if marker is None:
            present = self._listing()
            if present and self.legacy and all(name in present for name in self.legacy):
                raise OutputFolderError(
                    f"{out} looks like {self.what} built by an older version of the course, which did not mark "
                    f"the files it wrote, so nothing was deleted; delete that folder yourself (or give "
                    f"{self.option} a new or empty folder) and build again.")
            if present:
                sample = ", ".join(present[:3]) + (" …" if len(present) > 3 else "")
                raise OutputFolderError(
                    f"{out} already holds files that this course did not write ({sample}), so nothing was "
                    f"deleted or written there. Give {self.option} a new or empty folder, or the folder of an "
                    "earlier build.")
            return None
        if marker.get("kind") != self.kind:
            raise OutputFolderError(
                f"{out} holds {marker.get('kind')!s:.40} files from this course, not {self.what}, so it was left "
                f"untouched. Give {self.option} a new or empty folder.")
        return marker

    def claim(self) -> list[str]:
        """Make the folder ready for a new build and return the files kept that an earlier build did not write.

        Raises :class:`OutputFolderError` — and changes nothing — when the folder is not one the course made.
        """
        marker = self.check()
        out = self.out
        if not out.is_dir():
            try:
                out.mkdir(parents=True)
            except OSError as exc:
                raise OutputFolderError(f"The folder {out} could not be created ({exc.strerror or exc}). Choose a "
                                        f"folder you can write to with {self.option}.") from None
        if marker is None:
            self._write_marker([], [], complete=False)
            return []
        present = self._listing()
        foreign = {f for f in (_safe_relative(x) for x in marker.get("foreign", [])) if f}
        if marker.get("complete", True):
            ours = {f for f in (_safe_relative(x) for x in marker["files"]) if f}
        else:  # an interrupted build: everything but the files kept last time is ours
            ours = {f for f in present if f not in foreign}
        folders: set[str] = set()
        for rel in sorted(ours):
            path = self._inside(rel)
            if path is not None and is_regular_file(path):
                try:
                    path.unlink()
                except OSError as exc:
                    raise OutputFolderError(f"{path} could not be replaced ({exc.strerror or exc}). Close any "
                                            "program using it, then build again.") from None
            parent = PurePosixPath(rel).parent
            while parent.parts:
                folders.add(parent.as_posix())
                parent = parent.parent
        for rel in sorted(folders, key=lambda f: -len(PurePosixPath(f).parts)):
            path = self._inside(rel + "/x")
            if path is not None:
                try:
                    path.parent.rmdir()  # only when empty: a file someone added keeps its folder
                except OSError:
                    pass
        self.kept = self._listing()  # what is left was not written by the course (or is not a regular file)
        self._write_marker([], self.kept, complete=False)
        return self.kept

    def fresh_path(self, path: str | Path) -> Path:
        """`path` (inside the folder) checked for a new file: nothing there yet, and no link or file on the way
        from the folder to it — so a build never writes through a link or over a file it did not write (after
        :meth:`claim`, anything present was not written by this build). Parent folders are created."""
        path = Path(path)
        try:
            rel = path.relative_to(self.out)
        except ValueError:
            raise OutputFolderError(f"{path} is outside {self.out}, so it was not written.") from None
        where = self.out
        for part in rel.parts[:-1]:
            where = where / part
            if os.path.lexists(where) and not stat.S_ISDIR(os.lstat(where).st_mode):
                raise OutputFolderError(f"{where} is a link or a file that this course did not make, so nothing "
                                        "was written through it. Move it out of the folder, then build again.")
            if not os.path.lexists(where):
                where.mkdir()
        if os.path.lexists(path):
            raise OutputFolderError(f"{path} was not written by this course, so it was not replaced. Move it out of "
                                    "the folder, then build again.")
        return path

    def finish(self) -> None:
        """Record every file now in the folder (except those kept from before) as written by this build."""
        kept = set(self.kept)
        ours = [f for f in self._listing() if f not in kept]
        self._write_marker(ours, sorted(kept), complete=True)

    def _write_marker(self, files: list[str], foreign: list[str], *, complete: bool) -> None:
        doc = {"format": FORMAT, "version": 1, "kind": self.kind, "complete": complete,
               "note": "Written by the GSOMIA course. The next build deletes only the files listed here.",
               "files": files, "foreign": foreign}
        marker = self.out / MARKER
        if os.path.lexists(marker) and not is_regular_file(marker):
            raise OutputFolderError(f"{marker} is not a file this course wrote, so {self.out} was left as it "
                                    f"is. Give {self.option} a new or empty folder.")
        try:
            replace_atomically(marker, (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
        except OSError as exc:
            raise OutputFolderError(f"Could not write in {self.out} ({exc.strerror or exc}). Choose a folder you "
                                    f"can write to with {self.option}.") from None


def replaceable(path: str | Path, signature: str) -> bool:
    """True when nothing is at `path`, or a regular file (not a link) holding `signature` in its first 4 KiB."""
    path = Path(path)
    if not os.path.lexists(path):
        return True
    if not is_regular_file(path):
        return False
    try:
        with open(path, "rb") as handle:
            return signature.encode("utf-8") in handle.read(4096)
    except OSError:
        return False


def _new_file_mode() -> int:
    """The permissions a newly created file gets here (0o666 less the umask)."""
    if os.name != "posix":
        return 0o666
    try:  # Linux: read it without changing it (os.umask would, briefly, for every thread)
        with open("/proc/self/status", encoding="ascii", errors="replace") as handle:
            mask = next(int(line.split()[1], 8) for line in handle if line.startswith("Umask:"))
    except (OSError, StopIteration, ValueError, IndexError):
        mask = os.umask(0o022)
        os.umask(mask)
    return 0o666 & ~mask


def replace_atomically(path: str | Path, data: bytes, *, mode: int | None = None, sync_folder: bool = False) -> None:
    """Put `data` at `path` in one step: a temporary file in the same folder (``.<name>.*.tmp``), written, flushed
    and fsynced, then renamed over `path` (``os.replace``), so a crash leaves the old file or the new one, never
    half of either. The file gets `mode` (default: what a plain write would give under the umask; mkstemp alone
    would make it private). With `sync_folder`, the folder is fsynced too, so the rename itself survives a power
    cut. On any failure the temporary file is removed and the error raised; `path` is untouched."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, _new_file_mode() if mode is None else mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.lexists(tmp):
            os.unlink(tmp)
        raise
    if sync_folder and os.name == "posix":
        try:
            folder = os.open(path.parent, os.O_RDONLY)
        except OSError:
            return
        try:
            os.fsync(folder)
        except OSError:
            pass
        finally:
            os.close(folder)


def write_owned_file(path: str | Path, text: str, signature: str, *, option: str = "--out") -> Path:
    """Write `text` to `path` atomically, replacing an existing file only if it is a regular file that holds
    `signature` near its start (so it was written by the course). Otherwise raise :class:`OutputFolderError`
    and leave everything as it was. Characters that can't be stored in UTF-8 become U+FFFD."""
    path = Path(path)
    if not replaceable(path, signature):
        raise OutputFolderError(f"{path} already exists and was not written by this course, so it was left "
                                f"untouched. Move it, or give {option} another folder.")
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputFolderError(f"{folder} is a file, not a folder. Give {option} the name of a folder.") from None
    except OSError as exc:
        raise OutputFolderError(f"The folder {folder} could not be created ({exc.strerror or exc}). Give {option} "
                                "a folder you can write to.") from None
    if not folder.is_dir():
        raise OutputFolderError(f"{folder} is not a folder. Give {option} the name of a folder.")
    data = re.sub("[\ud800-\udfff]", "\ufffd", text).encode("utf-8")
    try:
        replace_atomically(path, data, mode=stat.S_IMODE(os.stat(path).st_mode) if is_regular_file(path) else None)
    except OSError as exc:
        raise OutputFolderError(f"{path} could not be written ({exc.strerror or exc}). Give {option} a folder you "
                                "can write to.") from None
    return path
