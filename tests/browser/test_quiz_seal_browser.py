"""Issue 16: the quiz script opens the sealed key in a real Chromium (lessons/static/seal.js)."""

from __future__ import annotations

import pytest

from lessons.assessment.seal import seal_questions
from lessons.static import text as static_text
from tests.test_quiz_seal import DATA


@pytest.mark.browser
def test_the_browser_opens_the_seal(browser, tmp_path) -> None:
    page_file = tmp_path / "seal.html"
    page_file.write_text("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>s</title></head><body>"
                         f"<script>{static_text('seal.js')}</script></body></html>", encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    page.goto(page_file.as_uri())
    opened = page.evaluate("d => window.gsUnseal(d)", seal_questions(DATA))
    context.close()
    assert opened == DATA
