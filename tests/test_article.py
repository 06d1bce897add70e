"""The seed article parser: paragraphs, quotes and speakers."""

from __future__ import annotations

from pathlib import Path

import pytest

from lessons import article
from lessons.components.reader import ArticleReader

SEED = Path(__file__).resolve().parent.parent / "seeds" / article.SEED_FILE

# Expected attributions, read by a person from the article (paragraph, first words, speaker).
EXPECTED_SPEECH = [
    (5, "we will gladly join hands", "Moon Jae-in"),
    (8, "caused an important change", "Kim You-geun"),
    (9, "Our government has concluded", "Kim You-geun"),
    (12, "We are all stronger", "Dave Eastburn"),
    (14, "My main worry", "Jonathan B. Miller"),
    (17, "This is totally unwise", "Kim Sung-han"),
    (17, "I fear a chill", "Kim Sung-han"),
    (19, "is an indictment", "Ankit Panda"),
    (20, "There was a complete lack", "Ankit Panda"),
    (22, "That was clearly", "Tsuneo Watanabe"),
    (22, "They didn", "Tsuneo Watanabe"),
    (23, "Maybe their business", "Tsuneo Watanabe"),
    (25, "We’re going to lose", "Ankit Panda"),
    (26, "I think the two countries", "Ankit Panda"),
    (26, "In Seoul, the idea", "Ankit Panda"),
    (27, "was such a process", "Tobias Harris"),
    (28, "foreclose the option", "Tobias Harris"),
    (37, "Any political gain", "Cheon Seong-whun"),
    (38, "This is not a positive signal", "Cheon Seong-whun"),
    (38, "In the long term", "Cheon Seong-whun"),
]


def test_paragraphs_leave_out_the_title_and_comment_box() -> None:
    raw = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    paras = article.paragraphs()
    assert article.title() == raw[0]
    assert paras[0].text == raw[1] and paras[0].number == 1
    assert all("Leave a Reply" not in p.text and p.text != "*" for p in paras)
    assert len(paras) == len(raw) - 1 - 4  # minus title and the four lines of the comment box
    assert [p.number for p in paras] == list(range(1, len(paras) + 1))


def test_known_paragraphs() -> None:
    assert "six ballistic missile tests in about a month" in article.paragraph(24).text
    assert "90-day notice" in article.paragraph(35).text
    with pytest.raises(ValueError, match="paragraphs 1 to"):
        article.paragraph(0)


def _norm(text: str) -> str:
    return _strip_name(text)


def _strip_name(name: str | None) -> str:
    return (name or "").split(" (")[0]


def test_every_quote_is_attributed_as_a_reader_would() -> None:
    speech = article.quotes()
    assert len(speech) == len(EXPECTED_SPEECH)
    for quote, (para, start, speaker) in zip(speech, EXPECTED_SPEECH):
        assert quote.paragraph == para and quote.text.startswith(start), (quote, para, start)
        assert _norm(quote.speaker) == speaker, f"¶{para} “{start}…” attributed to {quote.speaker}, expected {speaker}"


def test_scare_quotes_are_phrases_not_speech() -> None:
    phrases = {q.text for q in article.quotes(kind="phrase")}
    assert {"white list", "America first"} <= phrases


def test_reader_twin_has_every_paragraph_with_anchor() -> None:
    html = ArticleReader(claims=[]).twin_html()
    for p in article.paragraphs():
        assert f'id="{article.anchor(p.number)}"' in html
    assert "<script src" not in html and "<img" not in html and "<iframe" not in html


def test_reader_widget_moves_between_paragraphs() -> None:
    reader = ArticleReader(claims=[])
    box = reader.widget()
    box.slider.value = 24
    assert "six ballistic missile tests" in box.view.value and "Paragraph 24 of" in box.view.value
    assert "There is no paragraph" in reader.render_paragraph(999)
