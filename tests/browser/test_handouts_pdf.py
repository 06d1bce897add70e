"""Printed handouts (issue 17, item 4): the PDFs printed by Chromium and read back with pypdf — worksheets ≤ 2 A4
pages, role cards one per page, memo and debrief sheets, the answer key; fonts embedded, Korean and Japanese
included. (Issue 17 found lesson 03 printing as 19 A4 pages and 4 role cards as 9.)"""

from __future__ import annotations

import re
import unicodedata

import pytest

from lessons.teacher import handouts

A4 = (595.0, 842.0)  # points
HANGUL = re.compile(r"[\uac00-\ud7a3]")
KANA_KANJI = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def printed(tmp_path_factory, browser):
    import pypdf

    out = tmp_path_factory.mktemp("handouts")
    paths = handouts.build(out, browser=browser)
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


