"""Computed-answer checks: right, wrong, wrong form; expected values come from the data at check time."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest

import lessons
from lessons import data
from lessons.assessment import checks, progress

ROOT = Path(__file__).resolve().parent.parent


def _visitors(period: str, series: str = "kr-visitors-to-japan") -> float:
    return next(r["value"] for r in data.rows("figures")
                if r["series_id"] == series and r["period"] == period)


def _change() -> float:
    """The official change: JNTO's revised August 2018 count as the base."""
    before, after = _visitors("2018-08", "kr-visitors-to-japan-revised"), _visitors("2019-08")
    return (after - before) / before * 100


def _preliminary_change() -> float:
    before, after = _visitors("2018-08"), _visitors("2019-08")
    return (after - before) / before * 100


def test_available_lists_every_check_with_a_description():
    names = checks.available()
    assert {"03-visitors-drop", "04-notice-deadline", "04-launch-count"} <= set(names)
    assert all(len(d) > 20 for d in names.values())


def test_unknown_check_lists_the_available_ones():
    r = lessons.check("03-visitor-drop", 1)
    assert not r.correct and "There is no check called '03-visitor-drop'" in r.message
    for name in checks.available():
        assert name in r.message
    assert progress.answers() == []


def test_visitors_drop_right_wrong_and_near_misses():
    change = _change()
    r = lessons.check("03-visitors-drop", round(change, 1))
    assert r.correct and r.checked == "value" and r.message.startswith("Correct:")
    assert f"{change:.1f}" in r.message and "revised" in r.message and "preliminary" in r.message
    assert lessons.check("03-visitors-drop", f"{change:.2f} %").correct
    assert not lessons.check("03-visitors-drop", change + 1.5).correct
    sign = lessons.check("03-visitors-drop", -change)
    assert not sign.correct and "sign" in sign.message
    fraction = lessons.check("03-visitors-drop", change / 100)
    assert not fraction.correct and "fraction" in fraction.message


def test_visitors_drop_accepts_the_official_figure_reported_at_the_time():
    """Issue 14: a student who gives JNTO's officially reported change must not be told "Not yet"."""
    reported = next(r["value"] for r in data.rows("figures")
                    if r["series_id"] == "kr-visitors-to-japan-yoy" and r["period"] == "2019-08")
    assert abs(reported - _change()) < 0.1  # the revised row reproduces the official figure
    news = lessons.check("03-visitors-drop", reported)
    assert news.correct and news.message.startswith("Correct:")


def test_visitors_drop_preliminary_base_is_a_lesson_not_a_penalty():
    pchange = _preliminary_change()
    assert abs(pchange - _change()) > 1  # the two bases really differ
    r = lessons.check("03-visitors-drop", round(pchange, 1))
    assert r.correct and r.message.startswith("Correct arithmetic:")
    assert "preliminary" in r.message and f"{_change():.1f}" in r.message and "Not yet" not in r.message


def test_wrong_form_says_only_the_form_was_checked():
    r = lessons.check("03-visitors-drop", "about half")
    assert not r.correct and r.checked == "format" and "needs a number" in r.message
    r = lessons.check("04-launch-count", 6.5)
    assert r.checked == "format" and "whole number" in r.message
    r = lessons.check("04-notice-deadline", "next Saturday")
    assert r.checked == "format" and "a date" in r.message
    assert progress.answers() == []  # not an attempt


def test_notice_deadline_accepts_computed_dates_only():
    """Issue 15: the point is the computation, so a date object is accepted and typed text is not."""
    iso = data.row("timeline", "notice-deadline-2019")["date"]
    d = dt.date.fromisoformat(iso)
    for value in (d, dt.datetime(d.year, d.month, d.day, 12), checks.Day.fromisoformat(iso)):
        assert lessons.check("04-notice-deadline", value).correct, value
    for typed in (iso, d.strftime("%d %B %Y"), d.strftime("%B %d, %Y")):
        r = lessons.check("04-notice-deadline", typed)
        assert not r.correct and r.checked == "format" and "compute the date, not to type it" in r.message
    wrong = lessons.check("04-notice-deadline", d - dt.timedelta(days=3))
    assert not wrong.correct and wrong.checked == "value"
    assert progress.answers()[-1]["correct"] is False  # a wrong date is an attempt; typed text was not


def test_year_ends_minus_90_gives_a_hint_not_a_traceback():
    """Issue 15: `year_ends - 90`, the natural first try, works on the course's Day and earns a friendly hint."""
    signed = checks.Day.fromisoformat(data.row("timeline", "gsomia-signed")["date"])
    year_ends = signed.replace(year=2019)
    assert isinstance(year_ends, checks.Day)
    first_try = year_ends - 90
    assert first_try == year_ends - dt.timedelta(days=90) and isinstance(first_try, checks.Day)
    r = lessons.check("04-notice-deadline", first_try)
    assert not r.correct and "close" in r.message and "full days" in r.message
    assert lessons.check("04-notice-deadline", year_ends - 91).correct
    assert year_ends - year_ends == dt.timedelta(0) and 1 + year_ends == year_ends + 1
    with pytest.raises(TypeError):
        dt.date(2019, 11, 23) - 90  # a plain date still refuses, which is why the lesson uses Day


def test_hints_never_send_students_to_data_files():
    for name, value in [("03-visitors-drop", 12.0), ("04-launch-count", 99), ("04-notice-deadline", dt.date(2019, 1, 1))]:
        message = lessons.check(name, value).message
        assert "data/" not in message and ".csv" not in message, message


def test_launch_count():
    n = sum(1 for r in data.rows("launches")
            if r["in_article_run"] and "2019-07-25" <= r["date"] <= "2019-08-16")
    assert lessons.check("04-launch-count", n).correct
    assert lessons.check("04-launch-count", str(n)).correct
    assert not lessons.check("04-launch-count", n + 2).correct


def test_checks_are_recorded_in_progress():
    lessons.check("04-launch-count", 1)
    lessons.check("04-launch-count", 6)
    saved = progress.answers()
    assert [(a["question"], a["lesson"], a["attempt"]) for a in saved] == [
        ("04-launch-count", "04", 1), ("04-launch-count", "04", 2)]
    assert [a["correct"] for a in saved] == [lessons.check("04-launch-count", 1, record=False).correct,
                                             lessons.check("04-launch-count", 6, record=False).correct]


def _copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(data.data_dir(), target)
    return target


def test_expected_values_are_computed_from_the_data_not_typed_in(tmp_path, monkeypatch):
    """Change the data: the check follows it."""
    target = _copy_data(tmp_path)
    figures = target / "figures.csv"
    with figures.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
        fields = list(rows[0].keys())
    for row in rows:
        if row["id"] == "kr-visitors-to-japan-2019-08":
            row["value"] = "400000"
    with figures.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    monkeypatch.setenv("GSOMIA_DATA_DIR", str(target))
    base = _visitors("2018-08", "kr-visitors-to-japan-revised")
    new_change = (400000 - base) / base * 100
    assert lessons.check("03-visitors-drop", round(new_change, 1)).correct
    monkeypatch.delenv("GSOMIA_DATA_DIR")
    assert not lessons.check("03-visitors-drop", round(new_change, 1)).correct


def test_missing_data_checks_only_the_form(tmp_path, monkeypatch):
    target = _copy_data(tmp_path)
    (target / "launches.csv").unlink()
    monkeypatch.setenv("GSOMIA_DATA_DIR", str(target))
    r = lessons.check("04-launch-count", 6)
    assert r.checked == "format" and not r.correct
    assert r.message.startswith("This checks that your answer is a whole number") and "could not be checked" in r.message


def test_html_form_is_escaped_and_coloured():
    from lessons.style import CORRECT

    html = lessons.check("04-launch-count", 6, record=False)._repr_html_()
    assert CORRECT in html and 'role="status"' in html
    html = lessons.check("<b>", 1)._repr_html_()
    assert "&lt;b&gt;" in html


def test_a_placeholder_answer_is_named_in_words_not_as_a_python_repr() -> None:
    """Issue 16: `lessons.check(name, ...)` said "you gave Ellipsis"."""
    from lessons.assessment import checks

    for name in checks.available():
        for value in (..., None):
            result = checks.check(name, value, record=False)
            assert not result.correct and result.checked == "format"
            assert "Ellipsis" not in result.message and "None" not in result.message
            assert "replace the ..." in result.message
    odd = checks.check("04-notice-deadline", ["2019", "08"], record=False)
    assert "a list of 2 items" in odd.message and "[" not in odd.message
