"""Builders write and delete only what the course owns (issue 13, finding 1).

Reproduction: ``python -m lessons html --out .`` from the repository root deleted the whole checkout, ``.git``
included. Now a builder replaces an output folder only when it carries the marker of an earlier build, deletes
only the regular files that build listed, and otherwise refuses with one sentence, touching nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lessons.outdir import MARKER, OutputFolderError, OwnedFolder

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "site_basic" / "notebooks"


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under `folder` (links not followed) → a digest of what it is and holds."""
    out = {}
    for root, dirs, files in os.walk(folder, followlinks=False):
        for name in dirs + files:
            p = Path(root) / name
            rel = p.relative_to(folder).as_posix()
            if p.is_symlink():
                out[rel] = "link:" + os.readlink(p)
            elif p.is_dir():
                out[rel] = "dir"
            else:
                out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def someones_folder(base: Path) -> Path:
    """A folder like a repository checkout or a home folder: things the course never wrote."""
    folder = base / "checkout"
    (folder / ".git" / "objects").mkdir(parents=True)
    (folder / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (folder / "notes.txt").write_text("my notes\n")
    (folder / "index.html").write_text("<p>my own page</p>\n")
    return folder


# --- the command line, as in the reproduction -----------------------------------------------------------------


def run_html(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lessons", "html", "--quiet", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_html_out_on_a_folder_with_other_files_leaves_them_untouched(tmp_path: Path) -> None:
    folder = someones_folder(tmp_path)
    before = snapshot(folder)
    result = run_html("--out", str(folder))
    assert result.returncode == 1
    assert snapshot(folder) == before
    message = result.stderr.strip()
    assert "Traceback" not in message and len(message.splitlines()) == 1, message
    assert "did not write" in message and "--out" in message and "new or empty folder" in message


def test_html_out_dot_in_a_checkout_deletes_nothing(tmp_path: Path) -> None:
    folder = someones_folder(tmp_path)
    before = snapshot(folder)
    result = run_html("--out", ".", cwd=folder)
    assert result.returncode == 1 and snapshot(folder) == before
    assert "Traceback" not in result.stderr


def test_a_site_built_by_an_older_version_gets_its_own_sentence(tmp_path: Path) -> None:
    old = tmp_path / "_build" / "html"
    old.mkdir(parents=True)
    for name in ["index.html", "search-index.js", "gsomia-data.zip", "01-the-story.html"]:
        (old / name).write_text("old build")
    before = snapshot(old)
    result = run_html("--out", str(old))
    assert result.returncode == 1 and snapshot(old) == before
    assert "built by an older version of the course" in result.stderr and "delete that folder yourself" in result.stderr


def test_html_out_naming_a_file_says_so(tmp_path: Path) -> None:
    target = tmp_path / "site.html"
    target.write_text("mine")
    result = run_html("--out", str(target))
    assert result.returncode == 1 and target.read_text() == "mine"
    assert "is a file, not a folder" in result.stderr and "Traceback" not in result.stderr


# --- OwnedFolder ---------------------------------------------------------------------------------------------


def build(folder: OwnedFolder, files: dict[str, str]) -> list[str]:
    kept = folder.claim()
    for rel, text in files.items():
        p = folder.out / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    folder.finish()
    return kept


def test_a_new_folder_is_made_and_its_files_recorded(tmp_path: Path) -> None:
    out = tmp_path / "a" / "b" / "site"
    build(OwnedFolder(out, "site"), {"index.html": "1", "sub/page.html": "2"})
    marker = json.loads((out / MARKER).read_text())
    assert marker["kind"] == "site" and marker["complete"] is True
    assert sorted(marker["files"]) == ["index.html", "sub/page.html"]


def test_an_empty_folder_is_used(tmp_path: Path) -> None:
    out = tmp_path / "empty"
    out.mkdir()
    build(OwnedFolder(out, "site"), {"index.html": "1"})
    assert (out / "index.html").read_text() == "1"


def test_a_rebuild_replaces_only_the_files_the_last_build_wrote(tmp_path: Path) -> None:
    out = tmp_path / "site"
    outside = tmp_path / "outside.txt"
    outside.write_text("precious")
    build(OwnedFolder(out, "site"), {"index.html": "1", "old.html": "gone soon", "sub/page.html": "2",
                                     "sub/link.html": "3"})
    (out / "my-notes.txt").write_text("added by a teacher")
    (out / "sub" / "mine.txt").write_text("also added")
    # a file the build wrote, replaced by a link to something else: the link is not ours to remove
    (out / "sub" / "link.html").unlink()
    (out / "sub" / "link.html").symlink_to(outside)
    kept = build(OwnedFolder(out, "site"), {"index.html": "new", "sub/page.html": "new"})
    assert sorted(kept) == ["my-notes.txt", "sub/link.html", "sub/mine.txt"]
    assert (out / "my-notes.txt").read_text() == "added by a teacher"
    assert (out / "sub" / "mine.txt").read_text() == "also added"
    assert (out / "sub" / "link.html").is_symlink() and outside.read_text() == "precious"
    assert not (out / "old.html").exists()
    assert (out / "index.html").read_text() == "new"
    marker = json.loads((out / MARKER).read_text())
    assert sorted(marker["files"]) == ["index.html", "sub/page.html"]
    assert "my-notes.txt" in marker["foreign"]
    # and the build after that still keeps them
    build(OwnedFolder(out, "site"), {"index.html": "newer"})
    assert (out / "my-notes.txt").exists() and (out / "sub" / "mine.txt").exists()
    assert not (out / "sub" / "page.html").exists()


@pytest.mark.parametrize("setup", ["foreign", "file", "other-kind", "broken-link", "marker-is-a-link"])
def test_refusals_change_nothing(tmp_path: Path, setup: str) -> None:
    if setup == "foreign":
        out = someones_folder(tmp_path)
    elif setup == "file":
        out = tmp_path / "a-file"
        out.write_text("x")
    elif setup == "other-kind":
        out = tmp_path / "key"
        build(OwnedFolder(out, "answer-key"), {"answer-key.html": "k"})
    elif setup == "broken-link":
        out = tmp_path / "link"
        out.symlink_to(tmp_path / "nowhere")
    else:
        out = tmp_path / "linked-marker"
        out.mkdir()
        real = tmp_path / "real-marker.json"
        real.write_text(json.dumps({"format": "gsomia-build", "kind": "site", "files": ["x"]}))
        (out / MARKER).symlink_to(real)
        (out / "x").write_text("not ours")
    before = snapshot(tmp_path)
    with pytest.raises(OutputFolderError) as info:
        OwnedFolder(out, "site").claim()
    assert snapshot(tmp_path) == before
    message = str(info.value)
    assert "\n" not in message and message.endswith(".") and "--out" in message


def test_a_marker_cannot_reach_outside_its_folder(tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "file.txt").write_text("keep me too")
    (out / "via").symlink_to(elsewhere)
    (out / MARKER).write_text(json.dumps({"format": "gsomia-build", "kind": "site", "complete": True,
                                          "files": ["../victim.txt", str(victim), "via/file.txt", "via"]}))
    OwnedFolder(out, "site").claim()
    assert victim.read_text() == "keep me" and (elsewhere / "file.txt").read_text() == "keep me too"
    assert (out / "via").is_symlink()


def test_an_interrupted_build_is_cleaned_but_what_was_kept_stays(tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(OwnedFolder(out, "site"), {"index.html": "1"})
    (out / "mine.txt").write_text("mine")
    folder = OwnedFolder(out, "site")
    folder.claim()
    (out / "half-written.html").write_text("the build stopped here")  # no finish(): the build was killed
    OwnedFolder(out, "site").claim()
    assert not (out / "half-written.html").exists()
    assert (out / "mine.txt").read_text() == "mine"


# --- a real build ---------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_site_rebuild_keeps_files_someone_added(tmp_path: Path) -> None:
    from lessons import site

    notebooks = tmp_path / "notebooks"
    shutil.copytree(FIXTURE, notebooks)
    hashed = tmp_path / "hashed"
    hashed.mkdir()
    kwargs = dict(notebooks=notebooks, cache_dir=tmp_path / "cache", hash_dirs=[hashed], quiet=True,
                  teacher_hook=None)
    out = tmp_path / "html"
    site.build_site(out, **kwargs)
    assert (out / "index.html").is_file() and (out / MARKER).is_file()
    (out / "README-for-students.txt").write_text("copied here by the teacher")
    (out / "notebooks" / "extra.ipynb").write_text("{}")
    stats = site.build_site(out, **kwargs)
    assert (out / "README-for-students.txt").read_text() == "copied here by the teacher"
    assert (out / "notebooks" / "extra.ipynb").read_text() == "{}"
    assert (out / "index.html").is_file()
    assert any("did not write" in w for w in stats.warnings)
    # a page the build wrote, replaced by a link to a file outside: the next build never writes through it
    outside = tmp_path / "outside.html"
    outside.write_text("precious")
    (out / "glossary.html").unlink()
    (out / "glossary.html").symlink_to(outside)
    with pytest.raises(site.BuildError, match=r"glossary\.html was not written by this course"):
        site.build_site(out, **kwargs)
    assert outside.read_text() == "precious" and (out / "glossary.html").is_symlink()
    (out / "glossary.html").unlink()
    (out / "notebooks").rename(tmp_path / "moved-notebooks")
    (out / "notebooks").symlink_to(tmp_path / "moved-notebooks")  # a link where the build puts a folder
    moved = snapshot(tmp_path / "moved-notebooks")
    with pytest.raises(site.BuildError, match="is a link or a file"):
        site.build_site(out, **kwargs)
    assert snapshot(tmp_path / "moved-notebooks") == moved  # nothing deleted or written through the link
    # a folder holding someone else's files is refused before anything runs
    mine = someones_folder(tmp_path)
    before = snapshot(mine)
    with pytest.raises(site.BuildError, match="did not write"):
        site.build_site(mine, **kwargs)
    assert snapshot(mine) == before


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_owned_files_get_ordinary_permissions(tmp_path: Path) -> None:
    from lessons.outdir import write_owned_file

    mask = os.umask(0o022)
    try:
        target = write_owned_file(tmp_path / "report.html", "<title>x</title>", "<title>x</title>")
        assert (target.stat().st_mode & 0o777) == 0o644  # readable by a web server, as a plain write would be
        target.chmod(0o600)
        write_owned_file(target, "<title>x</title> again", "<title>x</title>")
        assert (target.stat().st_mode & 0o777) == 0o600  # a replaced file keeps its permissions
    finally:
        os.umask(mask)


def test_replace_atomically_is_the_one_atomic_write(tmp_path) -> None:
    """outdir.replace_atomically: used by the build marker, owned files, quiz exports and the progress file."""
    import os
    import stat as stat_mod

    from lessons import outdir

    target = tmp_path / "file.json"
    outdir.replace_atomically(target, b"one")
    assert target.read_bytes() == b"one"
    assert stat_mod.S_IMODE(os.stat(target).st_mode) == outdir._new_file_mode()  # as a plain write, not 0600
    outdir.replace_atomically(target, b"two", mode=0o600, sync_folder=True)
    assert target.read_bytes() == b"two" and stat_mod.S_IMODE(os.stat(target).st_mode) == 0o600
    with pytest.raises(TypeError):
        outdir.replace_atomically(target, "not bytes")  # fails while writing
    assert target.read_bytes() == b"two", "a failed write leaves the old file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.json"], "and no temporary file"
