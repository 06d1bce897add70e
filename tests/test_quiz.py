"""Quiz engine: grading of every type (right, wrong, edges), feedback, selection, the live widget and the twin."""

from __future__ import annotations

import json
import re

import pytest

from lessons import _html
from lessons.assessment import progress, quiz
from lessons.assessment.quiz import MESSAGES, Quiz, grade, validate_bank

SRC = {"seed": 3}


def _q(qid: str, kind: str, answer, **kw) -> dict:
    base = {"id": qid, "type": kind, "prompt": f"Prompt of {qid}", "answer": answer, "explanation": f"Because {qid}.",
            "source": SRC, "difficulty": 1, "objective": "test"}
    base.update(kw)
    return base


SINGLE = _q("01-single", "single", 1, options=["Seoul", "Tokyo", "Beijing"])
MULTI = _q("01-multi", "multiple", [0, 2], options=["fluorinated polyimide", "rice", "hydrogen fluoride"])
TF = _q("01-tf", "truefalse", False)
ORDER = _q("01-order", "ordering", [2, 0, 1], options=["1945", "1965", "1910"])
MATCH = _q("01-match", "matching", [1, 0, 1], options={"left": ["q1", "q2", "q3"], "right": ["Panda", "Kim"]})
NUM = _q("01-num", "numeric", -50.3, tolerance=0.2, unit="%")
TEXT = _q("01-text", "text", "Camp David", alternatives=["Camp David, Maryland"])
ALL = [SINGLE, MULTI, TF, ORDER, MATCH, NUM, TEXT]


# --- grading: right, wrong, edges ------------------------------------------------------------------------

@pytest.mark.parametrize("question, answer, correct", [
    (SINGLE, 1, True), (SINGLE, 0, False), (SINGLE, "tokyo", True), (SINGLE, " Tokyo! ", True), (SINGLE, "Seoul", False),
    (SINGLE, 1.0, True),
    (MULTI, [0, 2], True), (MULTI, [2, 0], True), (MULTI, (0, 2), True), (MULTI, [0], False), (MULTI, [0, 1, 2], False),
    (MULTI, [1], False),
    (TF, False, True), (TF, True, False), (TF, "false", True), (TF, "TRUE", False),
    (ORDER, [2, 0, 1], True), (ORDER, [0, 1, 2], False), (ORDER, [2, 1, 0], False),
    (MATCH, [1, 0, 1], True), (MATCH, [1, 1, 1], False), (MATCH, [0, 1, 0], False),
    (NUM, -50.3, True), (NUM, "-50.3", True), (NUM, "-50.1", True), (NUM, "-50.5 %", True), (NUM, "\u221250.3", True),
    (NUM, "-50.6", False), (NUM, "50.3", False), (NUM, -48, False), (NUM, "-5.03e1", True), (NUM, "-5e1", False),
    (TEXT, "Camp David", True), (TEXT, "  camp   DAVID. ", True), (TEXT, "Camp-David", True),
    (TEXT, "camp david maryland", True), (TEXT, "Camp Davis", False), (TEXT, "David", False),
])
def test_grade_right_and_wrong(question, answer, correct):
    result = grade(question, answer)
    assert result.counted, result.message
    assert result.correct is correct
    assert result.message == (MESSAGES["correct"] if correct else result.message)
    if not correct:
        assert result.message.startswith("Not quite")


@pytest.mark.parametrize("question, answer, key", [
    (SINGLE, None, "empty"), (SINGLE, "", "empty"), (SINGLE, 7, "badchoice"), (SINGLE, "Osaka", "badchoice"),
    (SINGLE, True, "badchoice"),
    (MULTI, [], "empty"), (MULTI, None, "empty"), (MULTI, [5], "badchoice"), (MULTI, "x", "badchoice"),
    (TF, None, "empty"), (TF, "maybe", "badchoice"), (TF, 1, "badchoice"),
    (ORDER, [None, None, None], "empty"), (ORDER, [2, 2, 1], "duplicate"), (ORDER, [2, 0, 9], "badchoice"),
    (ORDER, [2, 0, 1, 1], "badchoice"),
    (NUM, "about fifty", "nan"), (NUM, "", "empty"), (NUM, "  ", "empty"), (NUM, True, "nan"), (NUM, None, "empty"),
    (NUM, float("nan"), "nan"),
    (TEXT, "", "empty"), (TEXT, "   ", "empty"), (TEXT, "?!", "notext"), (TEXT, 5, "notext"),
])
def test_wrong_kind_is_not_counted(question, answer, key):
    result = grade(question, answer)
    assert result.counted is False
    assert result.correct is False
    assert result.message == MESSAGES[key]


def test_incomplete_ordering_and_matching_name_the_number_missing():
    r = grade(ORDER, [2, None, None])
    assert not r.counted and "2 still empty" in r.message
    r = grade(MATCH, [1])  # a short list means the other boxes are empty
    assert not r.counted and "2 still empty" in r.message


def test_partial_messages_count_what_is_right():
    assert grade(MULTI, [0, 1]).message == "Not quite: you picked 1 of the 2 right options and 1 wrong one(s)."
    assert grade(ORDER, [2, 1, 0]).message == "Not quite: 1 of 3 in the right place."
    assert grade(MATCH, [1, 1, 0]).message == "Not quite: 1 of 3 matched correctly."


def test_numeric_edges_of_tolerance():
    assert grade(NUM, -50.5).correct and grade(NUM, -50.1).correct
    assert not grade(NUM, -50.51).correct and not grade(NUM, -50.09).correct
    exact = _q("01-exact", "numeric", 6, tolerance=0, unit="launches")
    assert grade(exact, "6 launches").correct and grade(exact, "6.0").correct and not grade(exact, 7).correct
    big = _q("01-big", "numeric", 308700, tolerance=100, unit="visitors")
    assert grade(big, "308,700").correct and grade(big, "308 700").correct and not grade(big, "308,900").correct


def test_normalization_and_number_parsing():
    assert quiz.normalize_text("  Kim  You-geun’s!! ") == "kim you geun s"
    assert quiz.normalize_text("ＷＴＯ") == "wto"  # full-width letters (NFKC)
    assert quiz.parse_number("1,234.5") == 1234.5
    assert quiz.parse_number("12,34") is None
    assert quiz.parse_number("−3 km") == -3.0
    assert quiz.parse_number("3 4") == 34.0 or quiz.parse_number("3 4") is None  # spaces are digit groups
    assert quiz.parse_number("ten") is None


def test_feedback_tries_then_reveals():
    wrong = grade(SINGLE, 0)
    kind, text = quiz.feedback(SINGLE, wrong, attempt=1, max_tries=2, source="S")
    assert kind == "bad" and "1 more try" in text and "Tokyo" not in text
    kind, text = quiz.feedback(SINGLE, wrong, attempt=2, max_tries=2, source="S")
    assert kind == "bad" and "The answer is: Tokyo." in text and SINGLE["explanation"] in text and "Source: S" in text
    kind, text = quiz.feedback(SINGLE, grade(SINGLE, 1), attempt=1, source="S")
    assert kind == "ok" and text.startswith("Correct!") and "Source: S" in text
    kind, text = quiz.feedback(SINGLE, grade(SINGLE, None), attempt=0)
    assert kind == "info" and text == MESSAGES["empty"]


def test_reveal_text_for_every_type():
    assert quiz.correct_answer_text(MULTI) == "fluorinated polyimide; hydrogen fluoride"
    assert quiz.correct_answer_text(ORDER) == "1910 → 1945 → 1965"
    assert quiz.correct_answer_text(MATCH) == "q1 = Kim; q2 = Panda; q3 = Kim"
    assert quiz.correct_answer_text(TF) == "False"
    assert quiz.correct_answer_text(NUM) == "-50.3 % (within ±0.2)"
    assert quiz.correct_answer_text(TEXT) == "Camp David"


def test_source_text_forms():
    assert "paragraph 3" in quiz.source_text({"seed": 3})
    assert quiz.source_text({"cite": "Yonhap: x (2019-08-22)", "url": "https://en.yna.co.kr/x"}) == \
        "Yonhap: x (2019-08-22) — https://en.yna.co.kr/x"
    line = quiz.source_text({"data": "timeline", "id": "gsomia-signed"})
    assert "timeline.csv" in line and "gsomia-signed" in line


# --- Quiz selection ---------------------------------------------------------------------------------------

def test_plain_text_is_friendly():
    assert Quiz(ALL).plain_text() == "Quiz: 7 questions on lesson 01 — run this cell to answer them here."
    bank = quiz.load_bank("04")
    assert Quiz("04").plain_text() == f"Quiz: {len(bank['questions'])} questions on lesson 04 — run this cell to answer them here."
    assert "whole course" in Quiz("08-assessment").plain_text()
    assert repr(Quiz(ALL)) == Quiz(ALL).plain_text()


def test_subset_by_ids_and_sample_is_reproducible():
    q = Quiz(ALL, ids=["01-text", "01-single"])
    assert [x["id"] for x in q.questions] == ["01-text", "01-single"]
    a = [x["id"] for x in Quiz(ALL, sample=3, seed=5).questions]
    b = [x["id"] for x in Quiz(ALL, sample=3, seed=5).questions]
    assert a == b and len(a) == 3 and len(set(a)) == 3
    # kept in bank order
    order = [x["id"] for x in ALL]
    assert a == sorted(a, key=order.index)
    seeds = {tuple(x["id"] for x in Quiz(ALL, sample=3, seed=s).questions) for s in range(10)}
    assert len(seeds) > 1  # the seed really changes the pick


def test_bad_arguments_give_plain_messages():
    with pytest.raises(quiz.BankError, match="No question with id 'nope'"):
        Quiz(ALL, ids=["nope"])
    with pytest.raises(quiz.BankError, match="no question bank called '99'"):
        Quiz("99")
    with pytest.raises(quiz.BankError, match="sample must be"):
        Quiz(ALL, sample=0)
    with pytest.raises(quiz.BankError, match="field 'answer'"):
        Quiz([dict(SINGLE, answer="Tokyo")])


def test_show_accepts_numbers_and_names():
    assert quiz.show(3).bank["name"] == "03-trade-war"
    assert quiz.show("03-trade-war", sample=2).questions.__len__() == 2


# --- live view: set values from Python and click -----------------------------------------------------------

def _find(widget, cls_name):
    out = []
    stack = [widget]
    while stack:
        w = stack.pop(0)
        if type(w).__name__ == cls_name:
            out.append(w)
        stack.extend(getattr(w, "children", ()))
    return out


def test_widget_check_button_grades_records_and_reveals(tmp_path, monkeypatch):
    monkeypatch.setenv("GSOMIA_PROGRESS", str(tmp_path / "p.json"))
    qz = Quiz(ALL)
    qz.widget()
    c = qz._controls
    # single: wrong, then wrong again → answer revealed, button disabled
    c["01-single"]["control"].value = 0
    c["01-single"]["button"].click()
    assert "Try again" in c["01-single"]["feedback"].value
    assert 'role="status"' in c["01-single"]["feedback"].value
    c["01-single"]["button"].click()
    assert "The answer is: Tokyo." in c["01-single"]["feedback"].value
    assert c["01-single"]["button"].disabled
    # multiple via checkboxes
    boxes = _find(c["01-multi"]["control"], "Checkbox")
    boxes[0].value = True
    boxes[2].value = True
    c["01-multi"]["button"].click()
    assert "Correct!" in c["01-multi"]["feedback"].value and c["01-multi"]["button"].disabled
    # truefalse radio (value 1 = False)
    c["01-tf"]["control"].value = 1
    c["01-tf"]["button"].click()
    assert "Correct!" in c["01-tf"]["feedback"].value
    # ordering dropdowns
    drops = _find(c["01-order"]["control"], "Dropdown")
    for d, v in zip(drops, [2, 0, 1]):
        d.value = v
    c["01-order"]["button"].click()
    assert "Correct!" in c["01-order"]["feedback"].value
    # matching dropdowns, one left empty → not counted
    drops = _find(c["01-match"]["control"], "Dropdown")
    drops[0].value = 1
    c["01-match"]["button"].click()
    assert "2 still empty" in c["01-match"]["feedback"].value
    assert qz.attempts["01-match"] == 0
    # numeric: text in a number box is not an attempt; then right
    c["01-num"]["control"].value = "about half"
    c["01-num"]["button"].click()
    assert MESSAGES["nan"] in c["01-num"]["feedback"].value and qz.attempts["01-num"] == 0
    c["01-num"]["control"].value = "-50.3"
    c["01-num"]["button"].click()
    assert "Correct!" in c["01-num"]["feedback"].value
    # text
    c["01-text"]["control"].value = "camp david"
    c["01-text"]["button"].click()
    assert "Correct!" in c["01-text"]["feedback"].value

    assert qz.score == (5, 7)
    saved = progress.answers()
    assert [(a["question"], a["correct"], a["attempt"]) for a in saved] == [
        ("01-single", False, 1), ("01-single", False, 2), ("01-multi", True, 1), ("01-tf", True, 1),
        ("01-order", True, 1), ("01-num", True, 1), ("01-text", True, 1)]
    assert saved[0]["answer"] == 0 and saved[2]["answer"] == [0, 2] and saved[5]["answer"] == "-50.3"
    assert all(a["lesson"] == "01" for a in saved)
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", a["time"]) for a in saved)


def test_widget_controls_are_labelled():
    qz = Quiz(ALL)
    qz.widget()
    for entry in qz._controls.values():
        control = entry["control"]
        leaves = [control] + _find(control, "Dropdown") + _find(control, "Checkbox")
        assert any(getattr(w, "description", "") for w in leaves)
        assert entry["button"].description == "Check"


def test_one_at_a_time_navigation():
    qz = Quiz(ALL, one_at_a_time=True)
    qz.widget()
    nav = qz._nav
    assert nav["position"].value == "1 / 7"
    nav["next"].click()
    nav["next"].click()
    assert nav["position"].value == "3 / 7"
    nav["previous"].click()
    assert nav["position"].value == "2 / 7"
    for _ in range(3):
        nav["previous"].click()
    assert nav["position"].value == "1 / 7"


# --- twin -------------------------------------------------------------------------------------------------

def test_twin_is_deterministic_escaped_and_offline():
    hostile = dict(SINGLE, id="01-hostile", prompt="<script>alert(1)</script> & <b>bold</b>")
    _html.reset_ids()
    first = Quiz([hostile, *ALL]).twin_html()
    _html.reset_ids()
    second = Quiz([hostile, *ALL]).twin_html()
    assert first == second
    assert "<script>alert(1)</script>" not in first
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in first
    data = re.search(r'<script type="application/json" class="gs-quiz-data">(.*?)</script>', first, re.S).group(1)
    assert "<" not in data  # json_for_script escapes it
    assert json.loads(data)["qs"][0]["id"] == "01-hostile"
    assert not re.search(r'(src|href)\s*=\s*"(https?:)?//', first)
    assert len(first.encode()) < 300_000


def test_twin_has_labelled_native_controls():
    html = Quiz(ALL).twin_html()
    assert html.count("<fieldset") == 7 and html.count("<legend") == 7
    assert 'aria-live="polite"' in html and "Reset my answers" in html and "Download my results" in html
    controls = [m.start() for m in re.finditer(r"<select|<input", html)]
    assert len(controls) > 10
    for pos in controls:  # every control sits inside a <label> (implicit labelling)
        assert html.rfind("<label", 0, pos) > html.rfind("</label>", 0, pos), html[pos - 80:pos + 40]


def test_inline_script_is_compact():
    # a budget (the script is inlined in every quiz): the verdict rule, storage checks, the number spec and the
    # reset confirmation included
    assert len(quiz._js().encode()) < 11 * 1024


def test_js_uses_the_python_messages():
    html = Quiz(ALL).twin_html()
    data = json.loads(re.search(r'class="gs-quiz-data">(.*?)</script>', html, re.S).group(1))
    from lessons.assessment.seal import unseal

    for q in data["qs"]:  # the key is sealed in the page (issue 16); the browser opens it as this does
        q.update(unseal(q.pop("k"), q["id"]))
        q.pop("s")
    assert data["M"] == MESSAGES
    by_id = {q["id"]: q for q in data["qs"]}
    assert by_id["01-num"]["tol"] == 0.2 and by_id["01-text"]["alts"] == ["Camp David", "Camp David, Maryland"]
    assert by_id["01-tf"]["answer"] is False
    assert by_id["01-single"]["reveal"] == "Tokyo"


def test_a_wrong_option_gets_its_own_feedback():
    """Issue 15: every distractor is a misconception with its own feedback, in both renderings."""
    q = {"id": "01-fb", "type": "single", "prompt": "p", "options": ["a", "b", "c"], "answer": 1,
         "feedback": ["a is a misconception because x.", "", "c confuses y."], "explanation": "e",
         "source": {"seed": 1}, "difficulty": 1, "objective": "o", "skill": "sourcing"}
    assert validate_bank({"lesson": "01", "title": "t", "questions": [q]}, "t") == []
    wrong = grade(q, 0)
    assert not wrong.correct and wrong.message.endswith("a is a misconception because x.")
    assert grade(q, 1).correct and grade(q, 1).message == MESSAGES["correct"]
    twin = Quiz([q]).twin_html()
    assert "c confuses y." in twin and "q.fb" in twin  # the twin's script shows the same text
    bad = dict(q, feedback=["only one"])
    assert any("feedback" in p for p in validate_bank({"lesson": "01", "title": "t", "questions": [bad]}, "t"))
