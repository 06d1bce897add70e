"""No fixed credentials anywhere in the repository (issue 13, finding 7).

The browser test's JupyterLab used the fixed token ``gsomia-lab-test-token``: while the suite ran, any local
user could create kernels and terminals as whoever ran ``make test``. Every server a test starts now gets a
random token for that run. This test reads every file git tracks and fails on a token or password written out
as a literal, so a fixed one can't come back.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# A credential setting followed by a literal value (not a variable, an f-string field or an empty string).
_LITERAL = r"""\s*[:=]\s*(?:["'](?P<q>[^"'{}\s$]{4,})["']|(?P<bare>[A-Za-z0-9_\-]{6,})\b)"""
PATTERNS = [
    re.compile(r"(?:IdentityProvider|ServerApp|NotebookApp|PasswordIdentityProvider)\.(?:token|password)"
               + _LITERAL, re.I),
    re.compile(r"JUPYTER_TOKEN[\"'\]]*" + _LITERAL),
    re.compile(r"[?&]token=(?![{$])[A-Za-z0-9_\-]{4,}"),
    re.compile(r"Authorization['\"]?\s*:\s*['\"]?token\s+(?![{$])[A-Za-z0-9_\-]{4,}", re.I),
    re.compile(r"\b(?:TOKEN|PASSWORD|SECRET)\s*=\s*[\"'][^\"'{}]{4,}[\"']"),
    re.compile(r"gsomia-lab-test-token"),
]


def fixed_credentials(text: str) -> list[str]:
    """Every place in `text` that writes a token or password out literally."""
    found = []
    for pattern in PATTERNS:
        found.extend(m.group(0) for m in pattern.finditer(text))
    return found


def _tracked_files() -> list[Path]:
    try:
        out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return [ROOT / name for name in out.decode("utf-8", "surrogateescape").split("\0") if name]


@pytest.mark.parametrize("sample", [
    'TOKEN = "gsomia-lab-test-token"',
    'cmd += ["--IdentityProvider.token=abcdef123"]',
    "c.ServerApp.token = 'letmein99'",
    'page.goto(f"{url}/lab?token=abcd1234")',
    'headers={"Authorization": "token s3cr3t-value"}',
    'env["JUPYTER_TOKEN"] = "hello-world"',
])
def test_the_check_finds_a_fixed_credential(sample: str) -> None:
    assert fixed_credentials(sample), sample


@pytest.mark.parametrize("sample", [
    "TOKEN = secrets.token_urlsafe(32)",
    'f"--IdentityProvider.token={TOKEN}"',
    'page.goto(f"{lab.url}/lab/tree/x.ipynb?token={TOKEN}&reset")',
    'headers={"Authorization": f"token {TOKEN}"}',
    'env["JUPYTER_TOKEN"] = TOKEN',
])
def test_the_check_accepts_a_token_made_at_run_time(sample: str) -> None:
    assert not fixed_credentials(sample), sample


def test_no_fixed_credentials_in_the_repository() -> None:
    problems = []
    for path in _tracked_files():
        if path.resolve() == Path(__file__).resolve() or not path.is_file():
            continue  # this file holds the samples above
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # binary files (images, zips)
        for hit in fixed_credentials(text):
            problems.append(f"{path.relative_to(ROOT)}: {hit}")
    assert not problems, "fixed credentials found:\n" + "\n".join(problems)


def test_the_jupyterlab_test_makes_a_random_token() -> None:
    source = (ROOT / "tests" / "browser" / "test_jupyterlab.py").read_text(encoding="utf-8")
    assert re.search(r"^TOKEN = secrets\.token_(?:urlsafe|hex)\(\d+\)", source, re.M)
    # and it is not on the server's command line, where `ps` shows it to every local user
    assert "IdentityProvider.token" not in source
