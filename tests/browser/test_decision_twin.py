"""The decision room's kernel-free twin in a real Chromium, opened from file:// with no network."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lessons import data
from lessons.components import decision
from tests.browser.conftest import reload_when_stored

pytestmark = pytest.mark.browser


def _day(row_id: str) -> str:
    d = dt.date.fromisoformat(data.row("timeline", row_id)["date"])
    return f"{d.day} {d.strftime('%b')} {d.year}"


@pytest.fixture
def twin_file(tmp_path: Path) -> Path:
    page = tmp_path / "decision.html"
    page.write_text('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Decision room</title></head>'
                    "<body><main>" + decision.DecisionRoom(role="press").twin_html() + "</main></body></html>",
                    encoding="utf-8")
    return page


def test_choose_write_reveal_and_reload(offline_page, twin_file: Path) -> None:
    page, log = offline_page
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(twin_file.as_uri())

    # scripts run: the form shows, the no-script note hides, the debrief waits for a decision
    form = page.locator(".gs-decision .gs-js")
    assert form.is_visible()
    assert not page.locator(".gs-noscript").is_visible()
    assert not page.locator("details.gs-debrief").is_visible()
    reveal = page.get_by_role("button", name="Debrief")
    assert reveal.is_disabled()
    assert page.locator('details.gs-brief[data-role="press"]').get_attribute("open") is not None

    # recording with no choice explains what to do
    page.get_by_role("button", name="Record my decision").click()
    assert "Choose an option" in page.locator(".gs-status").inner_text()

    # keyboard only: focus the first option, arrow to the second, type the reasons, press Enter on the button
    group = page.get_by_role("group", name="Your advice")
    group.get_by_role("radio").first.focus()
    page.keyboard.press("ArrowDown")
    assert page.locator('input[value="renew"]').is_checked()
    reasons = page.get_by_label("Your reasons (2–4 sentences)")
    reasons.focus()
    page.keyboard.type("The launches make the channel vital. Washington wants it kept.")
    page.get_by_role("button", name="Record my decision").focus()
    page.keyboard.press("Enter")
    status = page.locator(".gs-status").inner_text()
    assert "Recorded" in status and "Renew" in status and "aim for" not in status

    assert reveal.is_enabled()
    reveal.focus()
    page.keyboard.press("Enter")
    debrief = page.locator("details.gs-debrief")
    assert debrief.is_visible() and debrief.get_attribute("open") is not None
    text = debrief.inner_text()
    for row_id in ("gsomia-termination-announced", "gsomia-suspension", "gsomia-normalized"):
        assert _day(row_id) in text, row_id
    assert "as you advised" in page.locator(".gs-compare-js").inner_text()

    # reload: the choice, the reasons and the open debrief are kept (localStorage)
    reload_when_stored(page)
    assert page.locator('input[value="renew"]').is_checked()
    assert page.get_by_label("Your reasons (2–4 sentences)").input_value().startswith("The launches make")
    assert page.locator("details.gs-debrief").is_visible()

    assert errors == []
    assert log.external == [], f"requests left the machine: {log.external}"
    assert all(u.startswith("file://") for u in log.urls), log.urls


def test_without_scripts_everything_is_still_readable(browser, twin_file: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(twin_file.as_uri())
    assert page.locator(".gs-noscript").is_visible()
    assert not page.locator(".gs-js").is_visible()
    debrief = page.locator("details.gs-debrief")
    assert debrief.is_visible()  # closed but openable: no blank area
    debrief.locator("summary").click()
    assert _day("gsomia-suspension") in debrief.inner_text()
    assert page.get_by_text("Options and trade-offs").is_visible()
    context.close()
