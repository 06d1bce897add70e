"""lessons.voices.VoicesExplorer: grouping, roles, links, filters, the missing voice, both renderings."""

from __future__ import annotations

import copy
import html
import json
import re
from pathlib import Path

import pytest

from lessons import _html
from lessons.components.voices import NO_MATCH, VoicesExplorer, count_text

FIXTURES = Path(__file__).parent / "fixtures"
FX = json.loads((FIXTURES / "voices_fixture.json").read_text(encoding="utf-8"))
QUOTES, PEOPLE = FX["quotes"], FX["people"]
SPEECH = [q for q in QUOTES if q["kind"] == "speech"]


def make(**kw):
    return VoicesExplorer(quotes=QUOTES, people=PEOPLE, **kw)


def expected_count(country=None, perspective=None):
    by_id = {p["id"]: p for p in PEOPLE}
    qs = [
        q
        for q in SPEECH
        if (country is None or by_id[q["speaker_id"]]["country"] == country)
        and (perspective is None or by_id[q["speaker_id"]]["perspective"] == perspective)
    ]
    n, m = len(qs), len({q["speaker_id"] for q in qs})
    return f"{n} quote{'s' if n != 1 else ''} from {m} speaker{'s' if m != 1 else ''}"


def visible_articles(markup):
    return [a for a in re.findall(r"<article([^>]*)>(.*?)</article>", markup, re.S) if " hidden" not in a[0]]


def test_quotes_are_grouped_by_speaker_in_article_order():
    twin = make().twin_html()
    arts = re.findall(r"<article[^>]*><h4>(.*?)</h4>(.*?)</article>", twin, re.S)
    names = [re.sub(r"<.*", "", h).strip() for h, _ in arts]
    # speakers ordered by their first quoted paragraph
    first = {}
    for q in sorted(SPEECH, key=lambda q: q["paragraph"]):
        first.setdefault(q["speaker"], q["paragraph"])
    assert names == sorted(first, key=first.get)
    assert twin.count("<blockquote>") == len(SPEECH)
    lee = next(body for h, body in arts if h.startswith("Lee Analyst"))
    assert lee.index("It was a political decision") < lee.index("Seoul has other channels")


def test_phrases_are_not_quotes():
    assert "strategic ambiguity" not in make().twin_html()


def test_each_quote_links_to_its_paragraph():
    from lessons import article

    twin = make().twin_html()
    for q in SPEECH:
        n = q["paragraph"]
        assert f'href="#{article.anchor(n)}"' in twin
        assert f"¶ {n}</a>" in twin
    custom = VoicesExplorer(quotes=QUOTES, people=PEOPLE, anchor=lambda n: f"p{n}-x").twin_html()
    assert 'href="#p19-x"' in custom


def test_count_and_filters_in_the_twin():
    twin = make().twin_html()
    assert f">{expected_count()}</p>" in twin
    assert expected_count() == "5 quotes from 3 speakers"
    only_us = make(country="United States").twin_html()
    assert f">{expected_count(country='United States')}</p>" in only_us
    assert len(visible_articles(only_us)) == 1
    none = make(perspective="Japanese government").twin_html()
    assert ">0 quotes from 0 speakers</p>" in none
    assert re.search(r"<p data-empty [^>]*>" + re.escape(NO_MATCH), none)
    assert re.search(r"<p data-empty hidden [^>]*>", twin)


def test_filter_controls_are_labelled_and_offer_the_data():
    twin = make().twin_html()
    for label in ("Country", "Perspective"):
        m = re.search(rf'<label for="([^"]+)">{label}</label><select id="([^"]+)"', twin)
        assert m and m.group(1) == m.group(2)
    for p in PEOPLE:  # every perspective and country in people.csv can be chosen, even one never quoted
        assert f'<option value="{html.escape(p["perspective"])}">' in twin
        assert f'<option value="{html.escape(p["country"])}">' in twin


def test_roles_flagged_only_where_they_differ():
    twin = make().twin_html()
    arts = dict(
        (re.sub(r"<.*", "", h).strip(), body)
        for h, body in re.findall(r"<article[^>]*><h4>(.*?)</h4>(.*?)</article>", twin, re.S)
    )
    assert "⚑" in arts["Kim Official"] and "deputy national security adviser" in arts["Kim Official"]
    assert "⚑" not in arts["Pat Analyst"]
    assert "Analyst – United States" in arts["Pat Analyst"] and "United States" in arts["Pat Analyst"]


def test_missing_voice_and_named_not_quoted_come_from_the_data():
    twin = make().twin_html()
    assert "No one speaking for the Japanese government is quoted" in twin
    assert "Kono Minister" in twin and "Protested the decision the same day." in twin
    # quote the minister and the missing voice disappears
    quotes = QUOTES + [
        {
            "paragraph": 30,
            "text": "Regrettable.",
            "kind": "speech",
            "speaker_id": "jp-minister",
            "speaker": "Kono Minister",
        }
    ]
    people = copy.deepcopy(PEOPLE)
    next(p for p in people if p["id"] == "jp-minister")["quoted"] = True
    twin2 = VoicesExplorer(quotes=quotes, people=people).twin_html()
    assert "No one speaking for the Japanese government" not in twin2
    assert "Named in the article but not quoted" not in twin2


def test_data_text_is_escaped():
    twin = make().twin_html()
    assert "<script>alert('x')</script>" not in twin
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in twin
    assert "Think Tank <i>" not in twin and "Think Tank &lt;i&gt;" in twin


def test_unknown_filter_and_unknown_speaker_show_notices():
    v = make(country="Atlantis")
    assert v.country is None and "Atlantis" in v.twin_html() and "gs-notice" in v.twin_html()
    quotes = SPEECH + [
        {"paragraph": 2, "text": "Hello.", "kind": "speech", "speaker_id": None, "speaker": "Someone Else"}
    ]
    w = VoicesExplorer(quotes=quotes, people=PEOPLE)
    twin = w.twin_html()
    assert "Someone Else" in twin and "not in data/people.csv" in twin


def test_twin_is_offline_deterministic_and_small():
    _html.reset_ids()
    a = make().twin_html()
    _html.reset_ids()
    b = make().twin_html()
    assert a == b
    for m in re.finditer(r"<(script|link|img|iframe)\b[^>]*>", a, re.I):
        assert not re.search(r"(src|href)\s*=", m.group(0), re.I)
    assert len(a.encode("utf-8")) <= 300_000


def test_widget_filters_redraw_and_count_changes():
    v = make()
    v.widget()
    assert v.country_dropdown.description == "Country"
    assert v.perspective_dropdown.description == "Perspective"
    assert expected_count() in v.output.value
    v.country_dropdown.value = "South Korea"
    assert expected_count(country="South Korea") in v.output.value
    assert "Pat Analyst" not in re.sub(r"<h4>Named.*", "", v.output.value, flags=re.S)
    v.perspective_dropdown.value = "Analyst – South Korea"
    assert expected_count("South Korea", "Analyst – South Korea") in v.output.value
    v.perspective_dropdown.value = "Japanese government"
    assert NO_MATCH in v.output.value and "0 quotes from 0 speakers" in v.output.value
    v.country_dropdown.value = None
    v.perspective_dropdown.value = None
    assert expected_count() in v.output.value


def test_plain_text_is_friendly():
    text = make().plain_text()
    assert "Dropdown" not in text and "<" not in text and "quoted" in text


def test_real_article_quotes():
    from lessons import article, data

    try:
        quotes = article.quotes()
        people = data.rows("people")
    except Exception as exc:  # the article or people.csv not there yet
        pytest.skip(f"article data not available: {exc}")
    v = VoicesExplorer()
    assert not v.problems, v.problems
    speech = [q for q in quotes if q.kind == "speech"]
    n_speakers = len({q.speaker_id for q in speech})
    twin = v.twin_html()
    assert speech
    assert f">{len(speech)} quotes from {n_speakers} speakers</p>" in twin
    assert len(twin.encode("utf-8")) <= 300_000
    not_quoted = [p for p in people if p["quoted"] is False]
    for p in not_quoted:
        assert html.escape(p["name"]) in twin
    quoted_perspectives = {p["perspective"] for p in people if p["id"] in {q.speaker_id for q in speech}}
    for persp in {p["perspective"] for p in people} - quoted_perspectives:
        assert f"No one speaking for the {html.escape(persp)} is quoted" in twin


def test_quotes_can_link_to_the_article_in_another_lesson() -> None:
    from lessons import article

    twin = VoicesExplorer(quotes=QUOTES, people=PEOPLE, article_page="01-the-story.ipynb").twin_html()
    numbers = {int(q["paragraph"]) for q in SPEECH}
    for n in numbers:
        assert f'href="01-the-story.ipynb#{article.anchor(n)}"' in twin


def test_twin_script_is_a_static_file_and_its_words_are_data():
    """The twin's script is lessons/static/voices.js; the words it writes come from a JSON block, not spliced code."""
    twin = make().twin_html()
    code = re.findall(r"<script>(.*?)</script>", twin, re.S)
    assert len(code) == 1
    assert "root.querySelector('script.gs-voices-data')" in code[0]
    for word in (NO_MATCH, "'quotes'", "'speaker'", "' from '"):
        assert word not in code[0]
    block = re.search(r'<script type="application/json" class="gs-voices-data">(.*?)</script>', twin, re.S)
    words = json.loads(block.group(1))
    assert words["no_match"] == NO_MATCH
    assert f"2 {words['quote'][1]} {words['from']} 1 {words['speaker'][0]}" == count_text(2, 1)
