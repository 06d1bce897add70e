"""One rule, three implementations: the same answers through the live quiz (and its scorecard), the gradebook and
the static quiz's JavaScript in Chromium give the same verdict on every question (issue 12, item 2).

Also, from issue 13: one number-normalisation table (tests/fixtures/numbers.json) read the same way by the page's
script and by Python; a poisoned or full browser store never stops a static quiz.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lessons import _html, course
from lessons.assessment import core, gradebook, progress
from lessons.assessment.grading import parse_number
from lessons.assessment.quiz import Quiz
from lessons.components import mywork
from lessons.site import build as site_build
from lessons.teacher import gradebook_page
from tests.browser.conftest import reload_when_stored, wait_until_stored

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
IDS = ["04-deadline-date", "04-signed-date", "04-tisa", "03-un-panel", "03-japan-says", "03-korea-says"]
RERUN = None
R, W = True, False
# Two lessons interleaved; RERUN re-runs the cell (live: a new Quiz; browser: the page is reloaded).
STEPS = [("04-deadline-date", R), ("03-un-panel", W), ("04-signed-date", W), ("03-un-panel", W),
         ("04-tisa", W), ("03-japan-says", W), RERUN, ("04-signed-date", R), ("03-un-panel", W),
         ("04-tisa", W), ("03-japan-says", R), ("04-tisa", R), ("03-korea-says", W), ("03-korea-says", R)]
# Worked out by hand from the rule (solved within two counted attempts; no third attempt once finished):
EXPECTED = {"04-deadline-date": (True, 1), "04-signed-date": (True, 2), "04-tisa": (False, 2),
            "03-un-panel": (False, 2), "03-japan-says": (True, 2), "03-korea-says": (True, 2)}


def _questions() -> list[dict]:
    from lessons.assessment.banks import all_questions

    qs = all_questions()
    return [qs[i] for i in IDS]


def _option(q: dict, right: bool) -> int:
    return q["answer"] if right else (q["answer"] + 1) % len(q["options"])


def _quiz_page(tmp_path: Path) -> Path:
    _html.reset_ids()
    page = tmp_path / "quiz.html"
    page.write_text('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Quiz</title></head><body>'
                    + Quiz(_questions(), record=False).twin_html() + "</body></html>", encoding="utf-8")
    return page


def _scorecard_page(tmp_path: Path) -> Path:
    """The site's own scorecard script (as every page of the site carries it) on a bare page."""
    page = tmp_path / "scorecard.html"
    prefixes = json.dumps([core.STORAGE_PREFIX])
    page.write_text('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Scorecard</title></head><body>'
                    '<div id="gs-scorecard"></div><p id="gs-scorecard-status"></p>'
                    '<button id="gs-scorecard-reset" hidden>Reset</button>'
                    f"<script>window.GS_QUIZ_PREFIXES={prefixes};{site_build._site_js()}</script></body></html>",
                    encoding="utf-8")
    return page


def _live(steps: list) -> Quiz:
    questions = {q["id"]: q for q in _questions()}
    quiz = Quiz(list(questions.values()))
    quiz.build_widget()
    for step in steps:
        if step is RERUN:
            quiz = Quiz(list(questions.values()))
            quiz.build_widget()
            continue
        qid, right = step
        controls = quiz._controls[qid]
        controls["control"].value = _option(questions[qid], right)
        if not controls["button"].disabled:
            controls["button"].click()
    return quiz


def _browser(page, url: str, steps: list) -> None:
    questions = {q["id"]: q for q in _questions()}
    page.goto(url)
    for step in steps:
        if step is RERUN:
            reload_when_stored(page)
            continue
        qid, right = step
        fs = page.locator(f'fieldset[data-q="{qid}"]')
        fs.locator("input[type=radio]").nth(_option(questions[qid], right)).check()
        if fs.locator(".gs-check").is_enabled():
            fs.locator(".gs-check").click()


def _scorecard_table(page) -> dict[str, tuple[int, int]]:
    rows = page.locator("#gs-scorecard tbody tr").all()
    out = {}
    for row in rows:
        lesson = row.locator("th").text_content().removeprefix("Lesson ")
        answered, right = (int(td.text_content()) for td in row.locator("td").all())
        out[lesson] = (answered, right)
    return out


def test_same_answers_same_verdicts_live_gradebook_and_browser(offline_page, tmp_path):
    page, log = offline_page
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    # 1. the live quiz (JupyterLab's widget), recording to the progress file
    live = _live(STEPS)
    live_verdicts = {qid: tuple(live.verdict(qid)) for qid in IDS}
    assert {qid: (v[0], v[1]) for qid, v in live_verdicts.items()} == EXPECTED
    card = {r["lesson"]: (r["answered"], r["correct"]) for r in progress.scorecard(progress.answers())}

    # 2. the teacher's gradebook, from the results file the live view exports
    exported = progress.export(tmp_path / "live.json", name="Live")
    student = gradebook.build([exported]).students[0]
    assert student.solved == {qid: v[0] for qid, v in live_verdicts.items()}
    assert student.first_try == {qid: v[2] for qid, v in live_verdicts.items()}

    # 3. the static quiz in Chromium: the same clicks, the page reloaded for the re-run
    _browser(page, _quiz_page(tmp_path).as_uri(), STEPS)
    stored = {qid: page.evaluate(f"JSON.parse(localStorage.getItem('{core.STORAGE_PREFIX}{qid}'))") for qid in IDS}
    js_verdicts = {qid: page.evaluate("([log, max]) => window.gsVerdict(log, max)", [s["log"], core.MAX_TRIES])
                   for qid, s in stored.items()}
    js_verdicts = {qid: (v["solved"], v["attempts"], v["first_try"], v["finished"], v["score"])
                   for qid, v in js_verdicts.items()}
    assert js_verdicts == live_verdicts
    solved = sum(v[0] for v in live_verdicts.values())
    assert page.locator(".gs-score").text_content() == core.MESSAGES["score"].format(
        right=solved, total=len(IDS), answered=len(IDS))
    with page.expect_download() as info:
        page.locator(".gs-download").click()
    saved = tmp_path / "browser.json"
    info.value.save_as(saved)
    from_browser = gradebook.build([saved]).students[0]
    assert (from_browser.solved, from_browser.first_try) == (student.solved, student.first_try)

    # 4. the site's scorecard, reading the same browser store
    page.goto(_scorecard_page(tmp_path).as_uri())
    assert _scorecard_table(page) == card == {"03": (3, 2), "04": (3, 2)}
    assert errors == []
    assert log.external == []


def test_an_old_wrong_wrong_rerun_right_log_is_unsolved_in_every_view(offline_page, tmp_path):
    """The log an older live quiz wrote after a re-run (attempt numbers 1, 2, 1) as it reaches each view,
    including the hand-in work file of both media (issue 17), the my-work page and the browser gradebook."""
    page, _ = offline_page
    qid = "04-deadline-date"
    q = _questions()[0]
    entries = [{"question": qid, "lesson": "04", "answer": _option(q, ok), "attempt": n, "correct": ok,
                "time": "2026-01-01T00:00:00Z"} for ok, n in [(False, 1), (False, 2), (True, 1)]]
    for entry in entries:
        progress.record(qid, entry["answer"], entry["correct"], entry["attempt"])
    assert progress.scorecard(progress.answers()) == [{"lesson": "04", "answered": 1, "correct": 0, "percent": 0}]
    results = progress.export(tmp_path / "old.json", name="Old")
    assert gradebook.build([results]).students[0].solved == {qid: False}
    assert Quiz("04", ids=[qid]).verdict(qid).solved is False

    page.goto(_quiz_page(tmp_path).as_uri())
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [core.STORAGE_PREFIX + qid, json.dumps({"log": entries})])
    reload_when_stored(page)
    fs = page.locator(f'fieldset[data-q="{qid}"]')
    assert fs.locator(".gs-check").is_disabled()
    assert "The answer is:" in fs.locator(".gs-fb").text_content()
    assert page.locator(".gs-score").text_content().startswith("Score: 0 of")
    page.goto(_scorecard_page(tmp_path).as_uri())
    assert _scorecard_table(page) == {"04": (1, 0)}

    # Issue 17's hand-in: the work file (both media), the my-work page's table and the browser gradebook
    lab_work = mywork.export(name="Old", group="9A", folder=tmp_path / "lab")
    lab_doc = json.loads(lab_work.path.read_text(encoding="utf-8"))
    assert [(a["correct"], a["attempt"]) for a in lab_doc["answers"]] == [(False, 1), (False, 2), (True, 3)]
    assert gradebook.build([lab_work.path]).students[0].solved == {qid: False}
    mine = tmp_path / "my-work.html"
    mine.write_text('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>My work</title></head>'
                    f"<body>{mywork.page_html()}</body></html>", encoding="utf-8")
    page.goto(mine.as_uri())
    row = page.locator(".gs-mywork .gs-summary tbody tr").nth(
        [lesson.number for lesson in course.lessons()].index("04"))
    answered, right = (td.text_content() for td in row.locator("td").all()[:2])
    assert (answered.split(" of ")[0], right.split(" of ")[0]) == ("1", "0")
    page.locator(".gs-mywork .gs-name").fill("Old")
    with page.expect_download() as info:
        page.locator(".gs-mywork .gs-download").click()
    web_work = tmp_path / "web.json"
    info.value.save_as(web_work)
    web_doc = json.loads(web_work.read_text(encoding="utf-8"))
    assert [(a["correct"], a["attempt"]) for a in web_doc["answers"]] == [(False, 1), (False, 2), (True, 3)]
    book = tmp_path / "gradebook.html"
    book.write_text('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Gradebook</title></head>'
                    f"<body>{gradebook_page.body_html()}</body></html>", encoding="utf-8")
    page.goto(book.as_uri())
    page.locator(".gs-gb-files").set_input_files([str(lab_work.path), str(web_work)])
    page.wait_for_function("document.getElementById('gs-gradebook').getAttribute('data-gs-done') === '2'")
    marked = page.evaluate("() => document.getElementById('gs-gradebook').gsResult.summary.students")
    assert [(s["answered"], s["correct"]) for s in marked] == [(1, 0), (1, 0)]
    assert [(s.answered, s.correct) for s in gradebook.build([lab_work.path, web_work]).students] == [(1, 0)] * 2


def test_number_table_is_read_the_same_in_python_and_chromium(offline_page, tmp_path):
    page, _ = offline_page
    cases = json.loads((ROOT / "tests" / "fixtures" / "numbers.json").read_text(encoding="utf-8"))["cases"]
    page.goto(_quiz_page(tmp_path).as_uri())
    inputs = [c["input"] for c in cases]
    js = page.evaluate("(xs) => xs.map(x => window.gsQuizLib.pn(x))", inputs)
    for case, got in zip(cases, js):
        expected = case["expected"]
        assert got == expected, (case["input"], got)
        assert parse_number(case["input"]) == (None if expected is None else float(expected)), case["input"]


BAD_VALUES = ["true", "null", "42", '"text"', "{", "[]", '{"log": "x"}', '{"log": [1]}',
              '{"log": [{"question": "00-article-date", "correct": true, "answer": 1}]}',
              '{"log": [{"question": "00-two-names", "correct": "yes", "answer": 1}]}',
              '{"log": [{"question": "00-two-names", "correct": true, "answer": "<img src=x onerror=alert(1)>"}]}',
              '{"log": [{"question": "00-two-names", "correct": true, "answer": [0]}]}']


@pytest.mark.parametrize("value", BAD_VALUES)
def test_a_poisoned_store_never_stops_the_quiz(offline_page, tmp_path, value):
    page, _ = offline_page
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    _html.reset_ids()
    path = tmp_path / "q00.html"
    path.write_text('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Q</title></head><body>'
                    + Quiz("00", record=False).twin_html() + "</body></html>", encoding="utf-8")
    # The poisoned value is in the store before the page's script runs (an init script of this page only), as it
    # would be for a student who opens the page again; no reload, so no wait on Chromium's storage hand-over.
    page.add_init_script(f"localStorage.setItem('gsomia-quiz:00-two-names', {json.dumps(value)})")
    page.goto(path.as_uri())
    note = page.locator(".gs-storemsg")
    note.wait_for(state="visible", timeout=5000)  # raises if the note never shows (on a busy machine it can lag)
    assert note.is_visible() and note.text_content() == core.MESSAGES["bad_store"]
    assert page.locator(".gs-reset").is_visible()
    fs = page.locator('fieldset[data-q="00-two-names"]')
    assert fs.locator(".gs-fb").text_content() == "" and fs.locator(".gs-check").is_enabled()
    fs.locator("input[type=radio]").first.check()
    fs.locator(".gs-check").click()
    assert fs.locator(".gs-fb").text_content() != ""
    assert page.locator(".gs-score").text_content().endswith("(1 answered).")
    page.once("dialog", lambda d: d.accept())  # Reset asks first
    page.locator(".gs-reset").click()
    assert not note.is_visible()
    assert page.evaluate("localStorage.getItem('gsomia-quiz:00-two-names')") is None
    assert errors == [] and page.evaluate("window.__pwned === undefined")


def test_a_full_store_tells_the_student_and_keeps_the_answer_on_the_page(offline_page, tmp_path):
    page, _ = offline_page
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.add_init_script("Storage.prototype.setItem = function () {"
                         " throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };")
    _html.reset_ids()
    path = tmp_path / "q00.html"
    path.write_text('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Q</title></head><body>'
                    + Quiz("00", record=False).twin_html() + "</body></html>", encoding="utf-8")
    page.goto(path.as_uri())
    fs = page.locator('fieldset[data-q="00-two-names"]')
    fs.locator("input[type=radio]").first.check()
    fs.locator(".gs-check").click()
    note = page.locator(".gs-storemsg")
    assert note.is_visible() and note.text_content() == core.MESSAGES["not_saved"]
    assert fs.locator(".gs-fb").text_content() != ""
    assert page.locator(".gs-score").text_content().endswith("(1 answered).")
    with page.expect_download() as info:
        page.locator(".gs-download").click()
    saved = tmp_path / "r.json"
    info.value.save_as(saved)
    assert [a["question"] for a in json.loads(saved.read_text(encoding="utf-8"))["answers"]] == ["00-two-names"]
    assert errors == []


def test_text_variants_and_shuffle_in_chromium(offline_page, tmp_path):
    """The page's script compares text answers like Python (``tk`` = text_key) and shuffles options stably."""
    from lessons.assessment.grading import text_key

    page, _ = offline_page
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    cases = [("The Islets", ["plural", "articles"]), ("Information Agreements", ["plural"]), ("a pass", ["articles"]),
             ("  Dokdo / Takeshima!! ", []), ("the the classes", ["articles", "plural"])]
    page.goto(_quiz_page(tmp_path).as_uri())
    for text, accept in cases:
        assert page.evaluate("([s, a]) => window.gsQuizLib.tk(s, a)", [text, accept]) == text_key(text, accept)

    questions = [q for q in _questions() if q["type"] == "single"]
    _html.reset_ids()
    path = tmp_path / "shuffled.html"
    path.write_text('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Q</title></head><body>'
                    + Quiz(questions, record=False, shuffle=True).twin_html() + "</body></html>", encoding="utf-8")
    page.goto(path.as_uri())

    def shown(p) -> dict[str, list[str]]:
        return {q["id"]: p.locator(f'fieldset[data-q="{q["id"]}"] input[type=radio]').evaluate_all(
            "els => els.map(e => e.value)") for q in questions}

    def opened_with_seed(value: str):
        # A fresh page whose store holds `value` before the page's own script runs: what a retry (a reload, the
        # page opened again) reads. Set by an init script, so the check does not depend on when Chromium hands
        # one page's localStorage writes to the next page (wait_until_stored checks that hand-over itself).
        other = page.context.new_page()
        other.add_init_script(f"localStorage.setItem('gsomia-seed', {json.dumps(value)})")
        other.on("pageerror", lambda e: errors.append(str(e)))
        other.goto(path.as_uri())
        return other

    first = shown(page)
    seed = page.evaluate("() => localStorage.getItem('gsomia-seed')")
    assert seed, "a shuffled quiz keeps a seed for this browser"
    wait_until_stored(page)  # the seed has reached the browser: the next page of this origin reads it
    assert any(order != [str(i) for i in range(len(order))] for order in first.values()), first
    assert all(sorted(map(int, order)) == list(range(len(order))) for order in first.values())
    q = questions[0]
    fs = page.locator(f'fieldset[data-q="{q["id"]}"]')
    fs.locator(f'input[value="{(q["answer"] + 1) % len(q["options"])}"]').check()
    fs.locator(".gs-check").click()
    wait_until_stored(page)
    retry = opened_with_seed(seed)
    assert retry.evaluate("() => localStorage.getItem('gsomia-seed')") == seed
    assert shown(retry) == first, "a retry shows the same order"
    elsewhere = opened_with_seed(seed + "1")
    assert shown(elsewhere) != first, "another browser's seed gives another order"
    fs = retry.locator(f'fieldset[data-q="{q["id"]}"]')
    fs.locator(f'input[value="{q["answer"]}"]').check()
    fs.locator(".gs-check").click()
    assert fs.locator(".gs-fb").text_content().startswith("Correct!")
    assert errors == []
