"""One number-normalisation spec (lessons.assessment.grading.parse_number, mirrored by the quiz page's script).

The table in tests/fixtures/numbers.json is read here by Python and in tests/browser/test_assessment_core.py by
Chromium. From issue 13: "6\\ufeff" and a full-width "６" used to be read differently by the two, and a 200 KB
answer like "aaa…a1" took 166 s (a quadratic unit-tail pattern).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from lessons.assessment import gradebook, grading
from lessons.assessment.banks import all_questions

CASES = json.loads((Path(__file__).parent / "fixtures" / "numbers.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: repr(c["input"])[:40])
def test_number_table(case):
    expected = case["expected"]
    assert grading.parse_number(case["input"]) == (None if expected is None else float(expected))


def test_reported_differences_are_gone():
    assert grading.parse_number("6\ufeff") == 6.0
    assert grading.parse_number("\uff16") == 6.0


@pytest.mark.parametrize("text", ["a" * 200_000 + "1", " a" * 100_000 + "1", "1" + " ." * 100_000,
                                  "a." * 100_000 + "x1"])
def test_unit_tail_is_linear(text):
    start = time.perf_counter()
    grading._strip_unit(text)
    assert grading.parse_number(text) is None or isinstance(grading.parse_number(text), float)
    assert time.perf_counter() - start < 1.0


def test_gradebook_marks_a_200_kb_numeric_answer_quickly(tmp_path):
    qid = next(i for i, q in all_questions().items() if q["type"] == "numeric")
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"format": "gsomia-results", "version": 1, "name": "A",
                                "answers": [{"question": qid, "answer": "a" * 200_000 + "1"}]}), encoding="utf-8")
    start = time.perf_counter()
    gb = gradebook.build([path])
    assert time.perf_counter() - start < 5.0
    assert gb.students[0].answered == 0     # not a number: not an attempt
