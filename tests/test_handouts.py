"""Printable handouts (issue 17, item 4): worksheets ≤ 2 A4 pages, role cards one per page, memo, debrief, answer
key; fonts embedded, Korean and Japanese included. The PDFs are printed by Chromium and read back with pypdf."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from lessons.teacher import handouts
from tests.conftest import chromium_or_skip

A4 = (595.0, 842.0)  # points
HANGUL = re.compile(r"[\uac00-\ud7a3]")
KANA_KANJI = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


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


# --------------------------------------------------------------------------------------------------------
# Printed with Chromium
# --------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    chromium_or_skip()
    pypdf = pytest.importorskip("pypdf")
    out = tmp_path_factory.mktemp("handouts")
    paths = handouts.build(out)
    readers = {p.name: pypdf.PdfReader(str(p)) for p in paths}
    return out, readers


def _text(reader, page=None):
    pages = reader.pages if page is None else [reader.pages[page]]
    # NFKC folds the ligatures a PDF may use ("ﬂ" → "fl").
    return " ".join(" ".join(unicodedata.normalize("NFKC", p.extract_text() or "").split()) for p in pages)


def _fonts(reader):
    """(name, subtype, embedded?) of every font used. A TrueType/CFF font counts as embedded when its descriptor
    holds a font file; a Type3 font (Chromium writes CJK OpenType fonts this way) when it carries its glyph
    outlines (/CharProcs) and a /ToUnicode map, so the text stays searchable."""
    out = set()
    for page in reader.pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for ref in fonts.values():
            font = ref.get_object()
            if font.get("/Subtype") == "/Type3":
                out.add((f"Type3-{id(font)}", "/Type3", "/CharProcs" in font and "/ToUnicode" in font))
                continue
            for f in [font, *[d.get_object() for d in font.get("/DescendantFonts", [])]]:
                desc = f.get("/FontDescriptor")
                if desc is None:
                    continue
                desc = desc.get_object()
                embedded = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                out.add((str(f.get("/BaseFont")), str(f.get("/Subtype")), embedded))
    return out


@pytest.mark.browser
def test_worksheets_fit_two_a4_pages(printed):
    _, readers = printed
    for s in handouts.worksheets():
        reader = readers[s.filename]
        assert 1 <= len(reader.pages) <= 2, f"{s.filename} has {len(reader.pages)} pages"
        for page in reader.pages:
            w, h = float(page.mediabox.width), float(page.mediabox.height)
            assert abs(w - A4[0]) < 2 and abs(h - A4[1]) < 2, "not A4"
        text = _text(reader)
        assert " ".join(s.question.split()) in text
        assert "Exit ticket" in text
        first = s.ticket[0]
        assert " ".join((first.get("write") or first.get("prompt")).split())[:40] in text


@pytest.mark.browser
def test_role_cards_one_per_page(printed):
    from lessons.components.decision import roles

    _, readers = printed
    reader = readers["role-cards.pdf"]
    rs = roles()
    assert len(reader.pages) == len(rs), "issue 17: the role-card pack printed 9 pages for 4 cards"
    for i, role in enumerate(rs):
        page = _text(reader, i)
        assert f"Role card: {role.title}" in page
        assert all(f"Role card: {other.title}" not in page for other in rs if other is not role)
        assert "Questions you will be asked" in page, f"the card of {role.title} runs onto another page"


@pytest.mark.browser
def test_memo_debrief_and_answer_key(printed):
    from lessons.assessment.banks import all_questions
    from lessons.assessment.grading import correct_answer_text
    from lessons.components.decision import roles

    _, readers = printed
    memo = readers["decision-memo.pdf"]
    assert len(memo.pages) == len(roles()), "one memo sheet per role, one per page"
    for i, role in enumerate(roles()):
        assert "Decision memo" in _text(memo, i) and role.title in _text(memo, i)
    debrief = readers["debrief-sheet.pdf"]
    assert len(debrief.pages) == 2, "the debrief sheet: what followed on one page, the reflection on the next"
    assert "What Seoul chose" in _text(debrief, 0) and "Reflect" in _text(debrief, 1)
    key = _text(readers["answer-key.pdf"])
    assert "Do not hand this out" in key
    q = all_questions()["04-notice-days"] if "04-notice-days" in all_questions() else next(iter(all_questions().values()))
    assert " ".join(correct_answer_text(q).split())[:20] in key


@pytest.mark.browser
def test_fonts_are_embedded_including_korean_and_japanese(printed):
    _, readers = printed
    for name, reader in readers.items():
        fonts = _fonts(reader)
        assert fonts, name
        assert all(embedded for _, _, embedded in fonts), f"{name}: a font is not embedded: {fonts}"
    for sheet in handouts.worksheets():
        reader = readers[sheet.filename]
        text = _text(reader)
        assert HANGUL.search(text) and KANA_KANJI.search(text), f"{sheet.filename}: Korean and Japanese text " \
            "must print as text"
        assert any(kind == "/Type3" for _, kind, _ in _fonts(reader)), "the CJK glyphs must be in the PDF"
        assert "\ufffd" not in text


@pytest.mark.browser
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
