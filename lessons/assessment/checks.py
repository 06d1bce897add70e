"""Checks for computed-answer exercises: students compute something from the course data, then check it.

Typical use in a notebook::

    change = (aug_2019 - aug_2018) / aug_2018 * 100
    lessons.check("03-visitors-drop", change)

The expected value is computed from the data files *when you check*, never typed into this module, so a
correction to the data corrects the check too. Every message says honestly what was checked: the value
("Correct: …" / "Not yet: …"), or only the form of the answer ("This checks that your answer is a number…")
when the data needed for the value can't be loaded. Every check is recorded in your progress file.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from typing import Any, NamedTuple

from ..dates import MONTHS, WEEKDAYS, fmt_long, fmt_short

__all__ = ["CHECKS", "CheckResult", "available", "check", "expected"]


class CheckResult(NamedTuple):
    """What a check found. ``checked`` is ``"value"`` or ``"format"`` (only the kind of answer was checked)."""

    name: str
    correct: bool
    message: str
    checked: str = "value"

    def __repr__(self) -> str:
        return self.message

    def __bool__(self) -> bool:
        return bool(self.correct)

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        p.text(self.message)

    def _repr_html_(self) -> str:
        from .._html import esc
        from ..style import CORRECT, WRONG

        colour = CORRECT if self.correct else WRONG if self.checked == "value" else "#1a1a1a"
        return (f'<div role="status" style="color:{colour};border-left:4px solid {colour};padding:0.2em 0.6em">'
                f"{esc(self.message)}</div>")


class _Check(NamedTuple):
    description: str
    expected: Callable[[], Any]
    judge: Callable[[Any, Any], tuple[bool | None, str]]   # (correct or None for "wrong kind", message)
    kind: str                                              # what a valid answer is, for format-only messages


# --------------------------------------------------------------------------------------------------------
# 03-visitors-drop: percent change of South Korean visitors to Japan, Aug 2018 → Aug 2019
# --------------------------------------------------------------------------------------------------------

_VISITORS = "kr-visitors-to-japan"            # JNTO's monthly estimates as first published (Aug 2018: preliminary)
_REVISED = "kr-visitors-to-japan-revised"     # JNTO's revised counts: the base of the officially reported change


def _visitors(period: str, series: str = _VISITORS) -> float:
    from .. import data

    for rec in data.rows("figures"):
        if rec["series_id"] == series and rec["period"] == period:
            if rec["value"] is None:
                raise data.DataError(f"data/figures.csv has no value for {series} in {period}.")
            return float(rec["value"])
    raise data.DataError(f"data/figures.csv has no row for {series} in {period}.")


def _visitors_expected() -> dict:
    """The official change (revised August 2018 count as the base) and the change from the preliminary count."""
    after = _visitors("2019-08")
    before, preliminary = _visitors("2018-08", _REVISED), _visitors("2018-08")
    reported = None
    try:
        from .. import data

        for rec in data.rows("figures"):
            if rec["series_id"] == f"{_VISITORS}-yoy" and rec["period"] == "2019-08":
                reported = rec["value"]
    except Exception:  # noqa: BLE001 - the reported figure is only used in an explanation
        pass
    return {"before": before, "after": after, "change": (after - before) / before * 100,
            "preliminary_before": preliminary, "preliminary_change": (after - preliminary) / preliminary * 100,
            "reported": reported}


def _number(value: Any) -> float | None:
    from .grading import parse_number

    return parse_number(value)


def _visitors_judge(value: Any, exp: dict) -> tuple[bool | None, str]:
    x = _number(value)
    if x is None:
        return None, ""
    change, pchange = exp["change"], exp["preliminary_change"]
    after, before, pbefore = exp["after"], exp["before"], exp["preliminary_before"]
    lesson = (f"Japan's tourism office (JNTO) first estimated {pbefore:,.0f} South Korean visitors for August 2018 and "
              f"later revised the count to {before:,.0f}. Official statistics are often published first as preliminary "
              "figures and corrected when fuller data arrive, so always ask which version a number is.")
    if abs(x - change) <= 0.5:
        return True, (f"Correct: from {before:,.0f} (August 2018, revised count) to {after:,.0f} (August 2019) is "
                      f"a change of {change:.1f} %, the figure JNTO reported. {lesson}")
    if abs(x - pchange) <= 0.5:
        return True, (f"Correct arithmetic: from {pbefore:,.0f} to {after:,.0f} is {pchange:.1f} %. You used JNTO's "
                      f"preliminary count for August 2018; the official figure, {change:.1f} %, starts from the "
                      f"revised count of {before:,.0f}. Both are honest calculations from different bases. {lesson}")
    if abs(x * 100 - change) <= 0.5 or abs(x * 100 - pchange) <= 0.5:
        return False, (f"Not yet: {x:g} looks like a fraction. Multiply by 100 to get a percentage "
                       "(the change is about −50 %).")
    if abs(x + change) <= 0.5 or abs(x + pchange) <= 0.5:
        return False, "Not yet: right size, wrong sign. The number of visitors fell, so the change is negative."
    return False, ("Not yet: compute (August 2019 − August 2018) ÷ August 2018 × 100 with the values printed in "
                   "the table above (the August 2019 count and the revised count for August 2018), then check again.")


# --------------------------------------------------------------------------------------------------------
# 04-notice-deadline: the last day to give notice in 2019
# --------------------------------------------------------------------------------------------------------


class Day(_dt.date):
    """A calendar day that also takes whole numbers of days: ``day - 90`` is the day 90 days earlier.

    Lesson 04 gives students ``year_ends`` as a ``Day`` so that the natural first try, ``year_ends - 90``, gives a
    date (and a hint) instead of a TypeError; ``datetime.timedelta`` works as usual.
    """

    def __add__(self, other: Any) -> Any:
        if isinstance(other, int) and not isinstance(other, bool):
            other = _dt.timedelta(days=other)
        return super().__add__(other)

    __radd__ = __add__

    def __sub__(self, other: Any) -> Any:
        if isinstance(other, int) and not isinstance(other, bool):
            other = _dt.timedelta(days=other)
        return super().__sub__(other)


def _deadline_expected() -> _dt.date:
    from .. import data

    return data.as_date(data.row("timeline", "notice-deadline-2019")["date"])


_MONTHS = {m.lower(): i for i, m in enumerate(MONTHS, 1)}


def _as_date(value: Any) -> _dt.date | None:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        return value.to_pydatetime().date()
    if not isinstance(value, str):
        return None
    text = value.strip()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    try:
        if m:
            return _dt.date(int(m[1]), int(m[2]), int(m[3]))
        m = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?,?\s+(\d{4})", text)
        if m and m[2].lower() in _MONTHS:
            return _dt.date(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
        m = re.fullmatch(r"([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})", text)
        if m and m[1].lower() in _MONTHS:
            return _dt.date(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))
    except ValueError:
        return None
    return None


def _deadline_judge(value: Any, exp: _dt.date) -> tuple[bool | None, str]:
    if isinstance(value, str) and _as_date(value) is not None:
        # the point is the computation: a typed date is not accepted, and is not counted as an attempt
        return None, ("This exercise asks you to compute the date, not to type it. Replace ... with an expression "
                      "that starts from year_ends, such as year_ends - 10, change the number, and run the cell again.")
    d = _as_date(value)
    if d is None:
        return None, ""
    said = f"{fmt_long(exp)} ({WEEKDAYS[exp.weekday()]})"
    if d == exp:
        return True, (f"Correct: {said} was the last day either government could give the 90 days' notice that "
                      "stops the pact's automatic yearly renewal.")
    if d == exp + _dt.timedelta(days=1):
        return False, (f"Not yet, but close: {fmt_long(d, year=False)} begins exactly 90 days before the year "
                       "ends. Notice given during that day, at lunchtime say, is less than 90 full days before the "
                       "end. Which day is the last one that still works?")
    if d == _dt.date(2019, 8, 22) or d == _dt.date(2019, 8, 23):
        return False, ("Not yet: that is when South Korea announced its decision or delivered its notice, not the "
                       "deadline. Start from year_ends and count back.")
    return False, (f"Not yet: your date is {fmt_long(d)}. Start from year_ends and count back 90 "
                   "full days (for example year_ends - 90, then think about the last day that works).")


# --------------------------------------------------------------------------------------------------------
# 04-launch-count: North Korean launch events 25 Jul – 16 Aug 2019
# --------------------------------------------------------------------------------------------------------


def _launches_expected() -> dict:
    from .. import data

    start, end = _dt.date(2019, 7, 25), _dt.date(2019, 8, 16)
    run = [r for r in data.rows("launches")
           if r["in_article_run"] and start <= data.as_date(r["date"]) <= end]
    return {"count": len(run), "dates": sorted(r["date"] for r in run)}


def _launches_judge(value: Any, exp: dict) -> tuple[bool | None, str]:
    x = _number(value)
    if x is None or not float(x).is_integer():
        return None, ""
    n = exp["count"]
    dates = ", ".join(fmt_short(_dt.date.fromisoformat(d), year=False) for d in exp["dates"])
    if int(x) == n:
        return True, (f"Correct: {n} launch events between 25 July and 16 August 2019 ({dates}). South Korea's "
                      "military assessed them as short-range ballistic missiles; North Korea called some of them "
                      "rockets, so say “launches South Korea assessed as ballistic”.")
    return False, ("Not yet: count the rows of the launch table above whose in_article_run is True (they run "
                   "from 25 July to 16 August 2019), then check again.")


CHECKS: dict[str, _Check] = {
    "03-visitors-drop": _Check(
        "Percent change of South Korean visitors to Japan from August 2018 to August 2019 (a number, e.g. -12.3).",
        _visitors_expected, _visitors_judge, "a number (a percentage such as -12.3)"),
    "04-notice-deadline": _Check(
        "The 2019 deadline for giving notice to end GSOMIA (a date computed in Python, e.g. year_ends - 10).",
        _deadline_expected, _deadline_judge, "a date computed in Python, such as year_ends - 10"),
    "04-launch-count": _Check(
        "How many North Korean launch events there were from 25 July to 16 August 2019 (a whole number).",
        _launches_expected, _launches_judge, "a whole number, such as 3"),
}


def available() -> dict[str, str]:
    """The checks you can run, with what each one expects."""
    return {name: c.description for name, c in CHECKS.items()}


def expected(name: str) -> Any:
    """The expected value of a check, computed from the data now (for teachers)."""
    return CHECKS[name].expected()


def check(name: str, value: Any, *, record: bool = True) -> CheckResult:
    """Check a computed answer. ``lessons.check("03-visitors-drop", -48.0)``."""
    if name not in CHECKS:
        listed = "".join(f"\n- {n}: {d}" for n, d in available().items())
        return CheckResult(str(name), False, f"There is no check called {name!r}. The checks are:{listed}",
                           "format")
    c = CHECKS[name]
    try:
        exp = c.expected()
    except Exception as exc:  # noqa: BLE001 - missing data must not become a traceback for a student
        form_ok = _form_ok(name, value)
        msg = (f"This checks that your answer is {c.kind}: "
               + ("it is. " if form_ok else "it isn't yet. ")
               + f"The value itself could not be checked because the course data could not be loaded ({exc}).")
        return CheckResult(name, False, msg, "format")
    if value is Ellipsis or value is None:
        return CheckResult(name, False, f"You have not given an answer yet: replace the ... with {c.kind}, then run "
                                        "the cell again.", "format")
    verdict, message = c.judge(value, exp)
    if verdict is None:
        return CheckResult(name, False, message or f"This check needs {c.kind}; you gave {_described(value)}. Fix the "
                                                   "form of your answer, then check again.", "format")
    result = CheckResult(name, bool(verdict), message, "value")
    if record:
        from . import progress

        try:
            progress.record(name, value, result.correct, lesson=name.split("-", 1)[0])
        except progress.ProgressError as exc:  # a read-only folder, a misdirected GSOMIA_PROGRESS: say so
            result = result._replace(message=f"{result.message} {exc}")
    return result


def _described(value: Any) -> str:
    """A student's value in words, never a Python repr: 'the text "abc"', 'a list of 3 items', 'the number 4'."""
    if isinstance(value, bool):
        return "True or False (a yes/no value)"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f'the text "{shown}"'
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, (list, tuple, set, dict)):
        kind = {list: "a list", tuple: "a tuple", set: "a set", dict: "a dictionary"}[type(value)] \
            if type(value) in (list, tuple, set, dict) else "a collection"
        return f"{kind} of {len(value)} item{'s' if len(value) != 1 else ''}"
    return f"a value of the kind {type(value).__name__}"


def _form_ok(name: str, value: Any) -> bool:
    if name == "04-notice-deadline":
        return _as_date(value) is not None
    x = _number(value)
    return x is not None and (name != "04-launch-count" or float(x).is_integer())
