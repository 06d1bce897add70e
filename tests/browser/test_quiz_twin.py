"""The quiz twin in a real Chromium, opened from file:// with every request routed (nothing may leave file://).

Answers right and wrong (with the mouse and with the keyboard only), feedback text, answers remembered across a
reload (localStorage), reset, "Download my results" read back by the gradebook, a hostile prompt shown as
text, two quizzes on one page, and the JavaScript grading checked against Python's on the same answers.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from lessons import _html
from lessons.assessment import gradebook, quiz
from lessons.assessment.quiz import MESSAGES, Quiz
from tests.browser.conftest import reload_when_stored

pytestmark = pytest.mark.browser

IDS = ["04-deadline-date", "04-launches-count", "04-steps-order", "04-termination-positions", "04-classification",
       "03-article-imprecise", "03-wto"]
HOSTILE = {"id": "01-hostile", "type": "single", "prompt": "Is this text? <script>window.__pwned = 1</script>",
           "options": ["<img src=x onerror=\"window.__pwned=2\">", "no"], "answer": 1, "explanation": "E.",
           "source": {"seed": 1}, "difficulty": 1, "objective": "safety"}


@pytest.fixture
def quiz_page(tmp_path: Path) -> Path:
    qs = quiz.all_questions()
    _html.reset_ids()
    main = Quiz([qs[i] for i in IDS])
    second = Quiz([HOSTILE])
    page = tmp_path / "quiz.html"
    page.write_text('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Quiz</title></head><body>'
                    + main.twin_html() + second.twin_html() + "</body></html>", encoding="utf-8")
    return page


def _fs(page, qid: str):
    return page.locator(f'fieldset[data-q="{qid}"]')


def _feedback(page, qid: str) -> str:
    return _fs(page, qid).locator(".gs-fb").text_content()


def _assert_offline(log) -> None:
    assert log.external == [], f"requests left the machine: {log.external}"
    assert all(u.startswith(("file://", "data:")) for u in log.urls), log.urls


def test_answer_with_keyboard_only(offline_page, quiz_page):
    page, log = offline_page
    page.goto(quiz_page.as_uri())
    page.keyboard.press("Tab")  # first control of the page: the first radio button of question 1
    assert page.evaluate("document.activeElement.type") == "radio"
    q = quiz.all_questions()["04-deadline-date"]
    assert q["answer"] == 1
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # chooses the 3rd option: wrong
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Check"
    page.keyboard.press("Enter")
    # the wrong option's own feedback (issue 15), then how many tries are left
    assert _feedback(page, "04-deadline-date") == (f"Not quite. {q['feedback'][2]} "
                                                   "Try again: 1 more try before the answer is shown.")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("ArrowUp")  # back to the 2nd option: right
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    text = _feedback(page, "04-deadline-date")
    assert text.startswith("Correct! Saturday 24 August 2019.") and "Source: course data, timeline.csv" in text
    assert _fs(page, "04-deadline-date").locator(".gs-check").is_disabled()
    # a text answer submitted with Enter in the box
    page.keyboard.press("Tab")
    box = _fs(page, "03-wto").locator("input")
    box.focus()
    page.keyboard.type("  the W.T.O  ")
    page.keyboard.press("Enter")
    assert _feedback(page, "03-wto") == MESSAGES["wrong"] + " " + MESSAGES["try_again"].format(left=1, tries="try")
    box.fill("")
    page.keyboard.type("World Trade Organization")
    page.keyboard.press("Enter")
    assert _feedback(page, "03-wto").startswith("Correct!")
    _assert_offline(log)


def test_answers_feedback_reload_reset_and_download(offline_page, quiz_page, tmp_path):
    page, log = offline_page
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(quiz_page.as_uri())
    score = page.locator(".gs-score").first
    assert score.text_content() == "Score: 0 of 7 correct (0 answered)."

    # numeric: words are not an attempt; then right
    num = _fs(page, "04-launches-count")
    num.locator("input").fill("six")
    num.locator(".gs-check").click()
    assert _feedback(page, "04-launches-count") == MESSAGES["nan"]
    num.locator("input").fill("6")
    num.locator(".gs-check").click()
    assert _feedback(page, "04-launches-count").startswith("Correct! Six:")

    # ordering: incomplete, then wrong twice → answer revealed
    order = _fs(page, "04-steps-order")
    selects = order.locator("select")
    selects.nth(0).select_option("3")
    order.locator(".gs-check").click()
    assert _feedback(page, "04-steps-order") == MESSAGES["incomplete"].format(missing=3)
    for i, v in enumerate(["3", "2", "1", "0"]):
        selects.nth(i).select_option(v)
    order.locator(".gs-check").click()
    assert _feedback(page, "04-steps-order").startswith("Not quite: 2 of 4 in the right place. Try again")
    order.locator(".gs-check").click()
    revealed = _feedback(page, "04-steps-order")
    assert "The answer is: Termination announced → Termination notice delivered → Deadline for the 90-day notice" \
           " → Termination suspended." in revealed
    assert order.locator(".gs-check").is_disabled()

    # matching right
    match = _fs(page, "04-termination-positions")
    match.locator("select").nth(0).select_option("0")
    match.locator("select").nth(1).select_option("1")
    match.locator(".gs-check").click()
    assert _feedback(page, "04-termination-positions").startswith("Correct!")

    # multiple: partly right
    multi = _fs(page, "04-classification")
    multi.locator("input").nth(0).check()
    multi.locator("input").nth(3).check()
    multi.locator(".gs-check").click()
    assert _feedback(page, "04-classification") == \
        "Not quite: you picked 1 of the 3 right options and 1 wrong one(s). Try again: 1 more try before the answer is shown."

    # true/false right
    tf = _fs(page, "03-article-imprecise")
    tf.locator("input[value=false]").check()
    tf.locator(".gs-check").click()
    assert _feedback(page, "03-article-imprecise").startswith("Correct!")
    assert score.text_content() == "Score: 3 of 7 correct (5 answered)."
    colour = page.evaluate("getComputedStyle(document.querySelector('fieldset[data-q=\"03-article-imprecise\"] .gs-fb')).color")
    assert colour == "rgb(11, 110, 46)"  # lessons.style.CORRECT, AA contrast

    # reload: everything remembered
    reload_when_stored(page)
    assert score.text_content() == "Score: 3 of 7 correct (5 answered)."
    assert _fs(page, "04-launches-count").locator("input").input_value() == "6"
    assert _feedback(page, "04-launches-count").startswith("Correct! Six:")
    assert _fs(page, "04-launches-count").locator(".gs-check").is_disabled()
    assert _fs(page, "04-classification").locator("input").nth(3).is_checked()
    assert "The answer is:" in _feedback(page, "04-steps-order")
    stored = page.evaluate("JSON.parse(localStorage.getItem('gsomia-quiz:04-steps-order'))")
    assert [e["attempt"] for e in stored["log"]] == [1, 2]

    # download the results and mark them with the gradebook
    page.locator(".gs-name").first.fill("<img src=x onerror=alert(1)>")
    page.locator(".gs-group").first.fill("10B")
    with page.expect_download() as info:
        page.locator(".gs-download").first.click()
    saved = tmp_path / "results.json"
    info.value.save_as(saved)
    doc = json.loads(saved.read_text(encoding="utf-8"))
    assert doc["format"] == "gsomia-results" and doc["version"] == 1 and doc["group"] == "10B"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", doc["exported"])
    assert {a["question"] for a in doc["answers"]} == {"04-launches-count", "04-steps-order",
                                                        "04-termination-positions", "04-classification",
                                                        "03-article-imprecise"}
    gb = gradebook.build([saved])
    assert not gb.skipped
    student = gb.students[0]
    assert student.name == "<img src=x onerror=alert(1)>"
    assert (student.answered, student.correct) == (5, 3)
    assert "&lt;img src=x onerror=alert(1)&gt;" in gradebook._report_html(gb)

    # reset asks first (wherever the quiz is shown, not only on the site): cancelling keeps everything
    before = score.text_content()
    asked: list[str] = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.locator(".gs-reset").first.click()
    assert asked == [MESSAGES["reset_confirm"]]
    assert score.text_content() == before != "Score: 0 of 7 correct (0 answered)."
    assert page.evaluate("localStorage.getItem('gsomia-quiz:04-steps-order')") is not None
    # accepting clears answers, storage and score, and stays cleared after a reload
    page.once("dialog", lambda d: d.accept())
    page.locator(".gs-reset").first.click()
    assert score.text_content() == "Score: 0 of 7 correct (0 answered)."
    assert _fs(page, "04-launches-count").locator("input").input_value() == ""
    assert _feedback(page, "04-steps-order") == ""
    assert page.evaluate("localStorage.getItem('gsomia-quiz:04-steps-order')") is None
    reload_when_stored(page)
    assert score.text_content() == "Score: 0 of 7 correct (0 answered)."
    assert errors == []
    _assert_offline(log)


def test_hostile_prompt_is_text_and_second_quiz_works(offline_page, quiz_page):
    page, log = offline_page
    page.goto(quiz_page.as_uri())
    assert page.evaluate("window.__pwned === undefined")
    legend = _fs(page, "01-hostile").locator("legend").text_content()
    assert "<script>window.__pwned = 1</script>" in legend
    assert page.locator("img").count() == 0
    hostile = _fs(page, "01-hostile")
    hostile.locator("input").nth(1).check()
    hostile.locator(".gs-check").click()
    assert _feedback(page, "01-hostile").startswith("Correct!")
    assert page.locator(".gs-score").nth(1).text_content() == "Score: 1 of 1 correct (1 answered)."
    assert page.locator(".gs-score").nth(0).text_content() == "Score: 0 of 7 correct (0 answered)."
    assert page.evaluate("window.__pwned === undefined")
    _assert_offline(log)


def test_javascript_grading_matches_python(offline_page, quiz_page):
    page, _ = offline_page
    page.goto(quiz_page.as_uri())
    qs = quiz.all_questions()
    cases = {
        "04-deadline-date": [0, 1, 3, None],
        "04-launches-count": ["6", "6.0", " 6 launch events", "7", "six", "", "1,000", "-6", "\u22126"],
        "04-steps-order": [[3, 1, 2, 0], [0, 1, 2, 3], [3, None, None, None], [3, 3, 2, 0], [None] * 4],
        "04-termination-positions": [[0, 1], [1, 0], [0, None], [2, 2]],
        "04-classification": [[0, 1, 2], [0, 1], [0, 1, 2, 3], [3], []],
        "03-article-imprecise": [True, False, None],
        "01-japan-response": [0, 1, 2, 3, None],
        "03-wto": ["WTO", " w.t.o. ", "World  Trade Organisation!", "UN", "", "?!", "the wto"],
        "03-visitors-percent": ["-50.3", "-50.1 %", "-50.6", "-5.03e1", "abc", "50.3"],
    }
    for qid, answers in cases.items():
        q = qs[qid]
        data = Quiz([q])._twin_data()
        jq = data["qs"][0]
        for answer in answers:
            js = page.evaluate("([q, a, M]) => window.gsQuizLib.grade(q, a, M)", [jq, answer, MESSAGES])
            py = quiz.grade(q, answer)
            assert (bool(js[0]), js[1], bool(js[2])) == (py.correct, py.message, py.counted), (qid, answer)
    for text in ["Kim You-geun’s", "ＷＴＯ", "  Camp  David, MD. ", "Dokdo / Takeshima", "서울", "東京!"]:
        assert page.evaluate("(s) => window.gsQuizLib.nt(s)", text) == quiz.normalize_text(text)
    for text in ["1,234.5", "−3 km", "12,34", "5 %", ".5", "1e3", "abc", "3 4"]:
        assert page.evaluate("(s) => window.gsQuizLib.pn(s)", text) == quiz.parse_number(text), text


def test_one_at_a_time_with_previous_and_next(offline_page, tmp_path):
    page, log = offline_page
    qs = quiz.all_questions()
    path = tmp_path / "one.html"
    path.write_text("<!DOCTYPE html><html lang=\"en\"><body>" + Quiz([qs[i] for i in IDS[:3]], one_at_a_time=True)
                    .twin_html() + "</body></html>", encoding="utf-8")
    page.goto(path.as_uri())
    visible = lambda: [f.get_attribute("data-q") for f in page.locator("fieldset").all() if f.is_visible()]  # noqa: E731
    assert visible() == [IDS[0]] and page.locator(".gs-pos").text_content() == "1 / 3"
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Next").click()
    assert visible() == [IDS[2]] and page.locator(".gs-pos").text_content() == "3 / 3"
    page.get_by_role("button", name="Previous").click()
    assert visible() == [IDS[1]]
    _assert_offline(log)


def test_without_javascript_the_questions_are_still_readable(browser, quiz_page):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(quiz_page.as_uri())
        assert page.locator("fieldset").first.is_visible()
        assert page.locator("legend").first.text_content().startswith("1. What was the last day in 2019")
        assert page.locator(".gs-noscript").first.is_visible()
        assert page.locator(".gs-check:visible").count() == 0  # no button that would do nothing
    finally:
        context.close()
