"""Class deployment on a JupyterHub: an nbgitpuller link that opens the course's start page.

A teacher pastes the link into the class page. When a student clicks it, nbgitpuller (installed on the hub)
clones or updates the course in the student's home folder, without overwriting their work, and JupyterLab opens
the course's first lesson (listed first in data/course.json). The format follows nbgitpuller's documentation
("Options in an nbgitpuller URL"):
`{hub}/hub/user-redirect/git-pull?repo=…&targetpath={folder}&urlpath=lab/tree/{folder}/{file}&branch=…`.
The link names the folder (`targetpath`) as well as the page in it: left to itself, nbgitpuller clones
`…/gsomia-lessons.git` into a folder called `gsomia-lessons.git`, and a link that opened
`lab/tree/gsomia-lessons/…` would show "file not found" (found by the class test, benchmarks/class_test.py).

Usage: python -m lessons hub-link --hub https://hub.example.edu [--repo URL] [--branch main]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit


def start_page() -> str:
    """The course's first lesson (from data/course.json), as a path inside the repository."""
    from .course import lessons

    return f"notebooks/{lessons()[0].filename}"


def __getattr__(name: str) -> Any:
    if name == "START_PAGE":
        return start_page()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def repo_folder(repo_url: str) -> str:
    """The folder nbgitpuller clones into: the last part of the repository URL, without `.git`."""
    path = urlsplit(repo_url).path if "://" in repo_url else repo_url
    name = path.rstrip("/").split("/")[-1]
    name = name.split(":")[-1]
    return name[:-4] if name.endswith(".git") else name


def hub_link(hub: str, repo: str, branch: str | None = "main", page: str | None = None) -> str:
    """The nbgitpuller link for `repo` on `hub` that opens `page` (default: the start page) in JupyterLab."""
    page = page or start_page()
    parts = urlsplit(hub.strip())
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ValueError(f"The hub address {hub!r} is not a web address. Give it like https://hub.example.edu")
    if not repo.strip():
        raise ValueError("The repository address is empty (this checkout has no `origin` remote). Give the "
                         "address the students' hub can clone from with --repo URL.")
    folder = repo_folder(repo.strip())
    query = {"repo": repo.strip(), "targetpath": folder, "urlpath": f"lab/tree/{folder}/{page}"}
    if branch:
        query["branch"] = branch
    path = parts.path.rstrip("/") + "/hub/user-redirect/git-pull"
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode(query), ""))


def default_repo() -> str:
    """This checkout's `origin` remote, or "" when there is none."""
    try:
        out = subprocess.run(["git", "config", "--get", "remote.origin.url"], capture_output=True, text=True,
                             cwd=Path(__file__).resolve().parent, timeout=5)
        if out.returncode == 0 and out.stdout.strip():
            return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return ""


def cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m lessons hub-link",
                                     description="Print an nbgitpuller link that opens the course on a JupyterHub.")
    parser.add_argument("--hub", required=True, help="the hub's address, e.g. https://hub.example.edu")
    parser.add_argument("--repo", default=None, help="the course repository to clone (default: this checkout's origin)")
    parser.add_argument("--branch", default="main", help="branch to pull (default: main)")
    args = parser.parse_args(argv)
    try:
        print(hub_link(args.hub, args.repo or default_repo(), args.branch))
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    return 0
