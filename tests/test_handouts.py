"""Printable handouts (issue 17, item 4): worksheets ≤ 2 A4 pages, role cards one per page, memo, debrief, answer
key; fonts embedded, Korean and Japanese included. The PDFs are printed by Chromium and read back with pypdf."""

from __future__ import annotations

import json

import pytest

from lessons.teacher import handouts


def test_every_teaching_lesson_has_a_worksheet_with_content():
    sheets = handouts.worksheets()
    assert [s.number for s in sheets] == ["01", "02", "03", "04", "05", "06", "07"]
    cfg = handouts.config()
    for s in sheets:
        assert s.question and s.documents, s.number
        assert len(s.ticket) == 3, f"lesson {s.number}: the exit ticket must have three items"
        assert s.organiser in cfg["organisers"]
        for doc in s.documents:
            assert doc["translation"], f"lesson {s.number}: an empty document excerpt"
            assert len(" ".join(doc["translation"]).split()) <= 300, "an excerpt is a short excerpt"


def test_exit_ticket_comes_from_the_notebooks_tagged_cell(tmp_path):
    nb = {"cells": [{"cell_type": "code", "metadata": {"tags": ["exit-ticket"]},
                     "source": ['quiz.show("03", ids=["03-japan-says", "03-korea-says", "03-wto"])']}]}
    path = tmp_path / "03-x.ipynb"
    path.write_text(json.dumps(nb))
    assert handouts.exit_ticket_ids(path) == ["03-japan-says", "03-korea-says", "03-wto"]
    path.write_text(json.dumps({"cells": []}))
    assert handouts.exit_ticket_ids(path) is None


def test_worksheet_html_has_no_answers():
    for s in handouts.worksheets():
        html = handouts.worksheet_html(s)
        for q in s.ticket:
            if "write" in q:
                continue
            assert q["prompt"].replace("'", "&#x27;") in html
            assert q["explanation"].replace("'", "&#x27;") not in html, "a worksheet must not give the answer away"


def test_unknown_organiser_is_a_sentence():
    with pytest.raises(ValueError, match="unknown organiser"):
        handouts.organiser_html("mind-map", [])


def test_cli_refuses_a_file_as_out(tmp_path, capsys):
    from lessons import cli

    f = tmp_path / "mine.pdf"
    f.write_text("teacher's file")
    assert cli.main(["handouts", "--out", str(f)]) == 1
    assert "is a file, not a folder" in capsys.readouterr().err
    assert f.read_text() == "teacher's file"


def test_paper_options_are_shuffled_stably_and_orderings_never_printed_solved():
    from lessons.assessment.banks import all_questions

    qs = all_questions()
    firsts = []
    for q in qs.values():
        if q["type"] == "single":
            order = handouts.paper_order(q, q["options"])
            assert sorted(order) == sorted(q["options"]) and order == handouts.paper_order(q, q["options"])
            firsts.append(order[0] == q["options"][q["answer"]])
        if q["type"] == "ordering":
            assert handouts.paper_order(q, q["options"]) != [q["options"][i] for i in q["answer"]]
    assert sum(firsts) < len(firsts) / 2, "the right answer must not usually come first on paper"
