"""Shared Playwright fixtures for the browser tests: Debian's Chromium, offline, every request recorded."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import chromium_or_skip

LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One Chromium for the whole session (start-up costs about a second)."""
    path = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=path, args=LAUNCH_ARGS)
        yield instance
        instance.close()


class RequestLog:
    """Every URL a page asked for, and those that would have left the machine."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        self.external: list[str] = []

    @staticmethod
    def is_local(url: str) -> bool:
        return url.startswith(("file://", "data:", "blob:", "about:")) or url.startswith(
            ("http://127.0.0.1", "http://localhost", "ws://127.0.0.1", "ws://localhost")
        )


@pytest.fixture
def offline_page(browser: object) -> Iterator[tuple[object, RequestLog]]:
    """A fresh page whose requests are recorded; anything not local is aborted and listed in `log.external`."""
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    log = RequestLog()

    def route(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        log.urls.append(url)
        if log.is_local(url):
            route.continue_()  # type: ignore[attr-defined]
        else:
            log.external.append(url)
            route.abort()  # type: ignore[attr-defined]

    context.route("**/*", route)
    yield page, log
    context.close()


def wait_until_stored(page: object, timeout_s: float = 30.0) -> None:
    """Wait until what `page`'s scripts put in localStorage has reached the browser process.

    Chromium hands a page's localStorage writes to the browser process asynchronously; on a busy machine a reload
    or a navigation right after a write can load a page that sees the older store (seen as flaky "nothing was
    remembered" failures, and as two pages each making their own shuffle seed). A second page of the same file://
    origin, with no scripts of its own, is polled until it sees the same store. Fails, saying so, after `timeout_s`.
    """
    import tempfile
    import time
    from pathlib import Path

    snapshot = page.evaluate("() => JSON.stringify(Object.entries(localStorage).sort())")
    probe_file = Path(tempfile.mkdtemp(prefix="gs-probe-")) / "probe.html"
    probe_file.write_text("<!DOCTYPE html><title>probe</title>", encoding="utf-8")
    probe = page.context.new_page()
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            probe.goto(probe_file.as_uri())
            seen = probe.evaluate("() => JSON.stringify(Object.entries(localStorage).sort())")
            if seen == snapshot:
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"the page's localStorage did not reach the browser within {timeout_s} s: "
                                     f"the page sees {snapshot[:300]}, another page of its origin {seen[:300]}")
            time.sleep(0.1)
    finally:
        probe.close()


def reload_when_stored(page: object, timeout_s: float = 30.0) -> None:
    """Reload `page` once what its scripts put in localStorage has reached the browser (see wait_until_stored)."""
    wait_until_stored(page, timeout_s)
    page.reload()
