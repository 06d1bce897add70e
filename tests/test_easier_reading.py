"""The easier-reading version of the seed article (issue 15, item 2).

It is the course's adaptation for weaker readers: the same paragraphs in short sentences with hard words glossed,
marked as an adaptation wherever it appears, adding no fact the article does not state, and reachable from lesson 01
and from the article reader (live switch and static page).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from lessons import article
from lessons.components.reader import EASIER_FILE, ArticleReader, easier_paragraphs

ROOT = Path(__file__).resolve().parent.parent
FILE = ROOT / "seeds" / EASIER_FILE


def _sentences(text: str) -> list[str]:
    text = re.sub(r"\([^)]*\)", "", text)  # a gloss in brackets is not part of the sentence's length
    return [s for s in re.split(r"(?<=[.!?])[\"”]?\s+", text) if s.strip()]


def test_every_paragraph_of_the_article_has_an_easier_version() -> None:
    easier = easier_paragraphs()
    assert sorted(easier) == [p.number for p in article.paragraphs()]


def test_sentences_are_short() -> None:
    lengths = [len(s.split()) for text in easier_paragraphs().values() for s in _sentences(text)]
    original = [len(s.split()) for p in article.paragraphs() for s in _sentences(p.text)]
    assert max(lengths) <= 22, f"the longest sentence has {max(lengths)} words"
    assert sum(lengths) / len(lengths) <= 0.6 * sum(original) / len(original)


def test_hard_terms_are_glossed() -> None:
    text = FILE.read_text(encoding="utf-8")
    for term in ["pact", "intelligence", "ally", "envoy", "national interest", "ballistic missile", "boycott",
                 "forced labour", "compensation", "deadline"]:
        assert re.search(rf"\*{term}\*[^.]*\(|\*{term}\* (?:is|are)", text, re.I) or f"*{term}*" in text, term


def test_adds_no_number_the_article_does_not_have() -> None:
    for number, text in easier_paragraphs().items():
        original = article.paragraph(number).text
        for figure in re.findall(r"\d+", text):
            assert figure in original, f"paragraph {number}: {figure} is not in the original paragraph"


def test_marked_as_the_courses_adaptation_with_provenance() -> None:
    head = FILE.read_text(encoding="utf-8")[:600]
    assert "adaptation" in head and "not the article" in head
    provenance = (ROOT / "seeds" / "PROVENANCE.md").read_text(encoding="utf-8")
    assert EASIER_FILE in provenance and "adaptation" in provenance


def test_reader_switches_between_versions() -> None:
    box = ArticleReader(claims=[]).widget()
    box.slider.value = 10
    assert "no immediate response" in box.view.value
    box.version.value = "Easier reading"
    assert "did not reply straight away" in box.view.value and "adaptation" in box.view.value
    box.slider.value = 11
    assert "Pentagon" in box.view.value and "adaptation" in box.view.value
    assert ArticleReader(claims=[], easier=True).widget().version.value == "Easier reading"


def test_static_reader_offers_the_easier_version() -> None:
    html = ArticleReader(claims=[]).twin_html()
    assert '<details class="gs-easier">' in html and "adaptation" in html
    assert "<details class=\"gs-easier\" open>" in ArticleReader(claims=[], easier=True).twin_html()
    assert "<script src" not in html


def test_lesson_01_points_to_it() -> None:
    nb = json.loads((ROOT / "notebooks" / "01-the-story.ipynb").read_text(encoding="utf-8"))
    core = "\n".join("".join(c["source"]) for c in nb["cells"]
                     if "extension" not in c.get("metadata", {}).get("tags", []))
    assert "Easier reading" in core


def test_missing_file_leaves_the_reader_working(monkeypatch, tmp_path) -> None:
    from lessons.components import reader

    monkeypatch.setattr(reader, "seeds_dir", lambda: tmp_path)
    assert reader.easier_paragraphs() == {}
    html = ArticleReader(claims=[]).twin_html()
    assert "gs-easier" not in html and 'id="para-1"' in html
