"""The JupyterHub link follows nbgitpuller's documented format and opens the start page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from lessons.hub import START_PAGE, hub_link, repo_folder

ROOT = Path(__file__).resolve().parent.parent


def test_link_matches_nbgitpuller_format() -> None:
    link = hub_link("https://hub.example.edu/", "https://github.com/school/gsomia-lessons.git", "main")
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "hub.example.edu", "/hub/user-redirect/git-pull")
    query = parse_qs(parts.query)
    assert query["repo"] == ["https://github.com/school/gsomia-lessons.git"]
    assert query["branch"] == ["main"]
    assert query["urlpath"] == [f"lab/tree/gsomia-lessons/{START_PAGE}"]
    assert (ROOT / START_PAGE).exists(), "the link opens a page that must exist in the repository"


def test_hub_under_a_prefix_keeps_it() -> None:
    link = hub_link("https://lms.example.edu/jupyter", "https://git.example.edu/a/course", None)
    parts = urlsplit(link)
    assert parts.path == "/jupyter/hub/user-redirect/git-pull"
    assert "branch" not in parse_qs(parts.query)
    assert parse_qs(parts.query)["urlpath"] == [f"lab/tree/course/{START_PAGE}"]


@pytest.mark.parametrize("repo,folder", [("https://github.com/a/b.git", "b"), ("git@github.com:a/c.git", "c"),
                                         ("https://example.org/x/y/", "y")])
def test_repo_folder(repo: str, folder: str) -> None:
    assert repo_folder(repo) == folder


def test_bad_hub_is_a_plain_error() -> None:
    with pytest.raises(ValueError, match="not a web address"):
        hub_link("hub.example.edu", "https://github.com/a/b")


def test_command_line() -> None:
    out = subprocess.run([sys.executable, "-m", "lessons", "hub-link", "--hub", "https://hub.example.edu",
                          "--repo", "https://github.com/school/gsomia-lessons", "--branch", "spring"],
                         capture_output=True, text=True, check=True).stdout.strip()
    assert out.startswith("https://hub.example.edu/hub/user-redirect/git-pull?")
    assert parse_qs(urlsplit(out).query)["branch"] == ["spring"]


@pytest.mark.parametrize("repo", ["https://github.com/school/gsomia-lessons.git", "file:///srv/git/gsomia-lessons.git",
                                  "https://git.example.edu/a/gsomia-lessons/"])
def test_link_opens_the_folder_nbgitpuller_clones_into(repo: str) -> None:
    # Reproduction (issue 18's class test): without `targetpath`, nbgitpuller clones `…/gsomia-lessons.git` into
    # `gsomia-lessons.git` (its UIHandler: targetpath or repo.rstrip('/').split('/')[-1]) while the link opened
    # `lab/tree/gsomia-lessons/…`: every student saw "file not found".
    query = parse_qs(urlsplit(hub_link("https://hub.example.edu", repo)).query)
    clone_folder = query.get("targetpath", [repo.rstrip("/").split("/")[-1]])[0]
    assert query["urlpath"] == [f"lab/tree/{clone_folder}/{START_PAGE}"]
    assert clone_folder == "gsomia-lessons"
