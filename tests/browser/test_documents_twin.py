"""The source-analysis twin in a real Chromium, opened from file:// with no network.

A reader fills in the sourcing chart from the keyboard, saves it (into localStorage with the quiz twins' key
prefix and entry format), reloads the page and finds the chart again. The corroboration view shows two
documents side by side on a wide screen and one under the other on a phone. Every request is routed; any that
would leave file:// fails the test.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lessons import data
from lessons.components.documents import CHART_FIELDS, MESSAGES, STORAGE_PREFIX, SourceAnalysis, chart_question_id

pytestmark = pytest.mark.browser


def _page_file(tmp_path: Path, name: str, body: str) -> str:
    path = tmp_path / f"{name}.html"
    path.write_text(f'<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" '
                    f'content="width=device-width, initial-scale=1"><title>{name}</title></head>'
                    f"<body><main>{body}</main></body></html>", encoding="utf-8")
    return path.as_uri()


def _open(offline_page, url: str):
    page, log = offline_page
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(url)
    return page, log, errors


def test_fill_save_and_reload_the_sourcing_chart(offline_page, tmp_path):
    doc_id = "meti-export-update-2019"
    rec = data.row("documents", doc_id)
    url = _page_file(tmp_path, "doc", SourceAnalysis(doc_id, lesson="03").twin_html())
    page, log, errors = _open(offline_page, url)

    assert page.locator("article.gs-doc h3").inner_text() == data.document_text(doc_id)["title"]
    assert rec["issuer"] in page.locator("aside.gs-sourcing").inner_text()
    assert page.locator('blockquote[lang="ja"]').count() >= 1
    assert not page.locator(".gs-noscript").is_visible()  # the script ran and revealed the chart
    save = page.get_by_role("button", name="Save my sourcing chart")
    assert save.is_visible()

    save.click()
    assert page.locator(".gs-status").inner_text() == MESSAGES["empty"]

    labels = {key: label for key, (label, _) in CHART_FIELDS.items()}
    page.get_by_label(labels["who"]).focus()
    page.keyboard.type("Japan's trade ministry (METI)")
    page.keyboard.press("Tab")
    page.keyboard.type("1 July 2019, eight months after the 2018 ruling")
    page.get_by_label(labels["purpose"]).fill("Exporters and the public; to justify stricter licences")
    page.get_by_label(labels["reliability"]).select_option("partly reliable")
    save.focus()
    page.keyboard.press("Enter")
    assert page.locator(".gs-status").inner_text() == MESSAGES["saved_incomplete"]

    page.get_by_label(labels["because"]).fill("It is the government's own account; the cases are not disclosed.")
    save.click()
    assert page.locator(".gs-status").inner_text() == MESSAGES["saved_twin"]

    qid = chart_question_id(doc_id, "03")
    stored = json.loads(page.evaluate(f"() => window.localStorage.getItem({json.dumps(STORAGE_PREFIX + qid)})"))
    assert stored["ok"] is True and [e["attempt"] for e in stored["log"]] == [1, 2]
    last = stored["log"][-1]
    assert last["question"] == qid and last["lesson"] == "03" and last["correct"] is True
    assert dict(last["answer"])["reliability"] == "partly reliable"

    page.reload()
    assert page.get_by_label(labels["who"]).input_value() == "Japan's trade ministry (METI)"
    assert page.get_by_label(labels["reliability"]).input_value() == "partly reliable"

    assert log.external == [], f"requests left the machine: {log.external}"
    assert all(u.startswith(("file://", "data:")) for u in log.urls), log.urls
    assert errors == []


@pytest.mark.parametrize("width,side_by_side", [(1200, True), (390, False)])
def test_corroboration_side_by_side_on_wide_screens_stacked_on_phones(offline_page, tmp_path, width, side_by_side):
    ids = ("radar-japan-account-2018", "radar-korea-account-2018")
    url = _page_file(tmp_path, "pair", SourceAnalysis(*ids).twin_html())
    page, log, errors = offline_page[0], offline_page[1], []
    page.set_viewport_size({"width": width, "height": 900})
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    first, second = (page.locator(f'article.gs-doc[data-doc="{i}"]').bounding_box() for i in ids)
    if side_by_side:
        assert second["x"] > first["x"] + first["width"] / 2 and abs(second["y"] - first["y"]) < 5
    else:
        assert second["y"] >= first["y"] + first["height"] - 1
    assert page.get_by_role("table").count() == 1
    assert page.locator("form").count() == 0
    # nothing wider than the phone screen forces sideways scrolling
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width + 1
    assert log.external == [] and errors == []
