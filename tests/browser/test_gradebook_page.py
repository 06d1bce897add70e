"""Issue 17, item 2: teacher/gradebook.html marks a class in Chromium with no Python, no server and no network,
and gives the same numbers as `python -m lessons gradebook` for the same files (every number compared, and the
CSV byte for byte)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lessons.assessment import classbook
from lessons.assessment.banks import all_questions
from lessons.teacher import gradebook_page
from tests.classfiles import make_class


def _open(browser, folder: Path):
    page_file = folder / "gradebook.html"
    page_file.write_text('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Gradebook</title></head>'
                         f"<body>{gradebook_page.body_html()}</body></html>", encoding="utf-8")
    context = browser.new_context(accept_downloads=True)
    requests = []
    context.route("**/*", lambda r: (requests.append(r.request.url), r.continue_()
                                     if r.request.url.startswith(("file:", "data:", "about:")) else r.abort()))
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(page_file.as_uri())
    return context, page, errors, requests


def _mark(page, files):
    page.locator(".gs-gb-files").set_input_files([str(p) for p in files])
    page.wait_for_function(f"document.getElementById('gs-gradebook').getAttribute('data-gs-done') === '{len(files)}'",
                           timeout=60_000)
    return page.evaluate("() => document.getElementById('gs-gradebook').gsResult")


def test_browser_and_python_give_the_same_numbers(browser, tmp_path):
    files = make_class(tmp_path / "class", 30, all_questions())
    cb = classbook.build([tmp_path / "class"])
    expected = classbook.summary(cb)
    hardened = "MAX_DEPTH" in classbook.limits()
    assert len(expected["students"]) == 30 + (5 if hardened else 0)
    assert len(expected["skipped"]) == 7 + (2 if hardened else 0)
    if hardened:
        assert expected["duplicates"] and any(s["too_long"] for s in expected["students"])
    assert any(s["unknown"] for s in expected["students"]) and any(i["wrong_n"] for i in expected["items"])
    context, page, errors, requests = _open(browser, tmp_path)
    result = _mark(page, files)
    got = result["summary"]
    got.pop("lessons"), got.pop("totals")
    for key in ("students", "items", "skipped", "duplicates", "work"):
        assert got[key] == expected[key], key
    assert result["csv"] == classbook.class_csv(cb)
    # the page shows the students × lessons table, the item analysis and the memos, all escaped
    text = page.locator(".gs-gb-out").inner_text()
    assert "Students × lessons" in text and "item analysis" in text and "Reason 0. <b>Keep</b> talking." in text
    assert page.locator(".gs-gb-out b").count() == 0, "student text must never become markup"
    assert "Skipped big.json: it is larger than 1 MB" in text
    with page.expect_download() as info:
        page.locator(".gs-gb-csv").click()
    assert Path(info.value.path()).read_bytes().decode("utf-8-sig") == classbook.class_csv(cb)
    assert not errors, errors
    assert all(u.startswith(("file:", "data:")) for u in requests), requests
    context.close()


def test_a_work_file_downloaded_from_my_work_shows_in_the_gradebook(browser, tmp_path):
    """Done-when: the file from "Download my work" is read by teacher/gradebook.html and shows the student."""
    from lessons.assessment import progress
    from lessons.assessment.quiz import Quiz
    from lessons.components import mywork

    q = Quiz("04")
    numeric = next(x for x in q.questions if x["type"] == "numeric")
    q.submit(numeric["id"], str(numeric["answer"]))
    first = next(x for x in Quiz("01").questions if x["type"] == "single")
    progress.record(first["id"], first["answer"], True)
    out = mywork.export(name="Aiko Tanaka", group="2A", folder=tmp_path)
    context, page, errors, _ = _open(browser, tmp_path)
    result = _mark(page, [out.path])
    (student,) = result["summary"]["students"]
    assert (student["name"], student["group"], student["correct"]) == ("Aiko Tanaka", "2A", 2)
    assert student["total"] == len(all_questions()) and student["percent"] < 100
    assert "Aiko Tanaka" in page.locator(".gs-gb-out").inner_text()
    assert not errors
    context.close()


@pytest.mark.parametrize("limit", sorted(classbook.limits()))
def test_limits_in_the_page_are_the_gradebooks(limit):
    data = json.loads(gradebook_page.body_html().split('class="gs-gradebook-data">', 1)[1].split("</script>", 1)[0])
    from lessons.assessment import gradebook

    assert data["limits"][limit] == getattr(gradebook, limit)
