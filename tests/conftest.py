"""Test-suite set-up: offline guard, throwaway progress files, and mandatory browser tests in CI.

- Every test and every notebook kernel started by nbval runs with the network guard on: a connection to any
  non-loopback address fails (see lessons/_netguard_impl.py).
- Kernels record quiz progress in a temporary file, so saved outputs never depend on who ran the tests.
- Browser tests skip where Chromium is missing, but when `CI` is set a skipped browser test is a failure; so
  is a skipped JupyterHub class test (marker `hub`: skipped where JupyterHub or its proxy is missing).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from lessons._netguard_impl import install as install_netguard
from lessons._netguard_impl import kernel_env

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("GSOMIA_CHROMIUM", "/usr/bin/chromium")
IN_CI = bool(os.environ.get("CI"))

# Fixture notebooks are inputs for tests, not lessons: nbval must not collect them.
collect_ignore_glob = ["fixtures/*", "fixtures/**/*"]

# Kernels (nbval) inherit this environment: guard on, progress in a throwaway folder.
_progress_dir = tempfile.mkdtemp(prefix="gsomia-test-progress-")
os.environ.update(kernel_env())
os.environ["GSOMIA_PROGRESS"] = str(Path(_progress_dir) / "progress.json")
os.environ["GSOMIA_EXECUTING"] = "1"
install_netguard()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "needs_chromium: skipped without Chromium unless CI is set")


@pytest.fixture(autouse=True)
def _fresh_progress(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each unit test gets its own empty progress file."""
    monkeypatch.setenv("GSOMIA_PROGRESS", str(tmp_path / "progress.json"))


def chromium_or_skip() -> str:
    """Path of Debian's Chromium; skip the test without it (in CI, the skip becomes a failure)."""
    if shutil.which(CHROMIUM) or Path(CHROMIUM).exists():
        return CHROMIUM
    pytest.skip(f"Chromium not found at {CHROMIUM}: install Debian's chromium package to run browser tests")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and item.get_closest_marker("browser") is not None:
        report.outcome = "failed"
        report.longrepr = f"Browser test skipped in CI, where it is mandatory: {report.longrepr}"
    elif IN_CI and report.skipped and item.get_closest_marker("hub") is not None:
        report.outcome = "failed"
        report.longrepr = f"JupyterHub class test skipped in CI, where it is mandatory: {report.longrepr}"
