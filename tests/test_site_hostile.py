"""The site build ends in a sentence naming the notebook, never a traceback (issue 13, finding 8, site part).

Reproductions: a killed kernel, a folder named ``*.ipynb`` and ``cells`` that is not a list gave tracebacks;
notebooks named with non-ASCII letters or spaces were silently skipped; the cache ignored ``GSOMIA_DATA_DIR``,
so edited data never reached the lesson pages.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from lessons import site
from lessons.site import build as site_build

ROOT = Path(__file__).resolve().parents[1]


def tiny(folder: Path, name: str, code: str, cells: object = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    nb = {"cells": [{"cell_type": "markdown", "id": "t", "metadata": {}, "source": "# Tiny\n\n## Overview\n1. x"},
                    {"cell_type": "code", "id": "c1", "metadata": {}, "execution_count": None, "outputs": [],
                     "source": code}] if cells is None else cells,
          "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
          "nbformat": 4, "nbformat_minor": 5}
    path = folder / name
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def run_cli(tmp_path: Path, capsys, *extra: str) -> tuple[int, str]:
    code = site.cli(["--out", str(tmp_path / "html"), "--notebooks", str(tmp_path / "nb"),
                     "--cache-dir", str(tmp_path / "cache"), "--quiet", *extra])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def assert_sentence(code: int, text: str, *needles: str) -> None:
    assert code == 1, text
    assert "Traceback" not in text, text
    for needle in needles:
        assert needle in text, (needle, text)


def test_a_folder_named_like_a_notebook(tmp_path: Path, capsys) -> None:
    tiny(tmp_path / "nb", "00-start.ipynb", "print(1)")
    (tmp_path / "nb" / "01-folder.ipynb").mkdir()
    code, text = run_cli(tmp_path, capsys)
    assert_sentence(code, text, "01-folder.ipynb is a folder, not a notebook")


@pytest.mark.parametrize("cells, needle", [
    ({"not": "a list"}, '"cells" are not a list'),
    (7, '"cells" are not a list'),
    (["just text"], "cell 1, is not a notebook cell"),
    ([{"cell_type": "markdown", "source": 42}], "cell 1, is not a notebook cell"),
])
def test_cells_that_are_not_a_list_of_cells(tmp_path: Path, capsys, cells, needle) -> None:
    tiny(tmp_path / "nb", "00-odd.ipynb", "", cells=cells)
    code, text = run_cli(tmp_path, capsys)
    assert_sentence(code, text, "00-odd.ipynb", needle)


def test_a_notebook_that_is_not_json(tmp_path: Path, capsys) -> None:
    (tmp_path / "nb").mkdir()
    (tmp_path / "nb" / "00-junk.ipynb").write_bytes(b"\xff\xfe not json")
    code, text = run_cli(tmp_path, capsys)
    assert_sentence(code, text, "00-junk.ipynb is not a readable notebook")


def test_misnamed_notebooks_are_reported_not_silently_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "nb"
    for name in ["03-trade war.ipynb", "04-sécurité.ipynb", "05-Voices.ipynb", "Untitled.ipynb"]:
        tiny(folder, name, "print(1)")
    warnings = site_build.misnamed_notebooks(folder)
    assert len(warnings) == 4
    text = "\n".join(warnings)
    for original, suggestion in [("03-trade war.ipynb", "03-trade-war.ipynb"), ("04-sécurité.ipynb",
                                 "04-securite.ipynb"), ("05-Voices.ipynb", "05-voices.ipynb"),
                                 ("Untitled.ipynb", "NN-untitled.ipynb")]:
        assert f"{original} is not part of the site" in text and suggestion in text
    # with nothing else to build, the build says why instead of "no lessons" alone
    with pytest.raises(site.BuildError, match="03-trade war.ipynb is not part of the site"):
        site.build_site(tmp_path / "html", notebooks=folder, quiet=True)


@pytest.mark.slow
def test_misnamed_notebooks_appear_in_the_build_warnings(tmp_path: Path, capsys) -> None:
    tiny(tmp_path / "nb", "00-start.ipynb", "print(1)")
    tiny(tmp_path / "nb", "01-the story.ipynb", "print(2)")
    code = site.cli(["--out", str(tmp_path / "html"), "--notebooks", str(tmp_path / "nb"),
                     "--cache-dir", str(tmp_path / "cache")])
    out = capsys.readouterr().out
    assert code == 0
    assert "Warning: 01-the story.ipynb is not part of the site" in out and "01-the-story.ipynb" in out


@pytest.mark.slow
def test_a_killed_kernel_is_a_sentence(tmp_path: Path, capsys) -> None:
    tiny(tmp_path / "nb", "00-killed.ipynb", "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)")
    code, text = run_cli(tmp_path, capsys, "--no-cache")
    assert_sentence(code, text, "00-killed.ipynb", "kernel stopped")
    assert not (tmp_path / "html" / "index.html").exists()


@pytest.mark.slow
def test_edited_data_in_gsomia_data_dir_reaches_the_lesson_page(tmp_path: Path, monkeypatch) -> None:
    data_copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", data_copy)
    monkeypatch.setenv("GSOMIA_DATA_DIR", str(data_copy))
    glossary = data_copy / "glossary.csv"
    with glossary.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header, rows = list(reader.fieldnames or []), list(reader)
    term = rows[0]["id"]
    tiny(tmp_path / "nb", "00-data.ipynb",
         f"from lessons import data\nprint('DEFINITION:', data.row('glossary', {term!r})['definition'])")
    hashed = tmp_path / "hashed"  # a private folder instead of lessons/: others' edits can't re-execute
    hashed.mkdir()
    kwargs = dict(notebooks=tmp_path / "nb", cache_dir=tmp_path / "cache", hash_dirs=[hashed], quiet=True,
                  teacher_hook=None)
    first = site.build_site(tmp_path / "html", **kwargs)
    assert first.executed == ["00-data"]
    page = (tmp_path / "html" / "00-data.html").read_text(encoding="utf-8")
    assert "DEFINITION:" in page
    rows[0]["definition"] = "An edited definition written by the teacher."
    with glossary.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    second = site.build_site(tmp_path / "html", **kwargs)
    assert second.executed == ["00-data"], "the edited data did not invalidate the cache"
    page = (tmp_path / "html" / "00-data.html").read_text(encoding="utf-8")
    assert "An edited definition written by the teacher." in page
    third = site.build_site(tmp_path / "html", **kwargs)
    assert third.executed == [] and third.cached == ["00-data"]


def test_a_cache_folder_that_cannot_be_made_is_a_sentence(tmp_path: Path, capsys) -> None:
    tiny(tmp_path / "nb", "00-start.ipynb", "print(1)")
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    code, text = run_cli(tmp_path, capsys, "--cache-dir", str(blocker / "cache"))
    assert_sentence(code, text, "cache folder", "can't be made")
    assert blocker.read_text() == "x"
