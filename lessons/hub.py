"""Class deployment on a JupyterHub: an nbgitpuller link that opens the course's start page.

A teacher pastes the link into the class page. When a student clicks it, nbgitpuller (installed on the hub)
clones or updates the course in the student's home folder, without overwriting their work, and JupyterLab opens
`notebooks/00-start-here.ipynb`. The format follows nbgitpuller's documentation ("Options in an nbgitpuller
URL"): `{hub}/hub/user-redirect/git-pull?repo=…&targetpath={folder}&urlpath=lab/tree/{folder}/{file}&branch=…`.
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
from urllib.parse import urlencode, urlsplit, urlunsplit

START_PAGE = "notebooks/00-start-here.ipynb"
DEFAULT_REPO = "https://example.org/gsomia-lessons.git"


def repo_folder(repo_url: str) -> str:
    """The folder nbgitpuller clones into: the last part of the repository URL, without `.git`."""
    name = urlsplit(repo_url).path.rstrip("/").split("/")[-1] if "://" in repo_url else repo_url.rstrip("/").split("/")[-1]
    name = name.split(":")[-1]
    return name[:-4] if name.endswith(".git") else name


def hub_link(hub: str, repo: str, branch: str | None = "main", page: str = START_PAGE) -> str:
    """The nbgitpuller link for `repo` on `hub` that opens `page` in JupyterLab."""
    parts = urlsplit(hub.strip())
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ValueError(f"The hub address {hub!r} is not a web address. Give it like https://hub.example.edu")
    if not repo.strip():
        raise ValueError("The repository address is empty. Give the address students' hub can clone from.")
    folder = repo_folder(repo.strip())
    query = {"repo": repo.strip(), "targetpath": folder, "urlpath": f"lab/tree/{folder}/{page}"}
    if branch:
        query["branch"] = branch
    path = parts.path.rstrip("/") + "/hub/user-redirect/git-pull"
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode(query), ""))


def default_repo() -> str:
    """This checkout's `origin` remote if there is one, else the project's published address."""
    try:
        out = subprocess.run(["git", "config", "--get", "remote.origin.url"], capture_output=True, text=True,
                             cwd=Path(__file__).resolve().parent, timeout=5)
        if out.returncode == 0 and out.stdout.strip():
            return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return DEFAULT_REPO


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
