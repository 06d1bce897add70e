"""Dates as the course writes them: ``22 Aug 2019``, ``Aug 2019`` or ``2019`` (English month names, any locale)."""

from __future__ import annotations

import datetime as _dt

__all__ = ["MONTHS", "MONTH_NAMES", "WEEKDAYS", "fmt_date", "fmt_day", "fmt_long", "fmt_short"]

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def fmt_date(iso: str | None) -> str:
    """``2019-08-22`` → ``22 Aug 2019``; ``2019-07`` → ``Jul 2019``; ``2019`` → ``2019``; anything else as given."""
    if not iso:
        return ""
    parts = str(iso).split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return str(iso)


def fmt_day(iso: str) -> str:
    """A full ISO date as ``22 Aug 2019``; anything that is not one, as given."""
    try:
        d = _dt.date.fromisoformat(str(iso))
    except ValueError:
        return str(iso)
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def fmt_long(d: _dt.date, *, weekday: bool = False, year: bool = True) -> str:
    """``22 August 2019`` (``Thursday 22 August 2019`` with `weekday`; ``22 August`` without `year`), in English
    whatever the computer's locale (``strftime`` would follow it)."""
    text = f"{d.day} {MONTH_NAMES[d.month - 1]}" + (f" {d.year}" if year else "")
    return f"{WEEKDAYS[d.weekday()]} {text}" if weekday else text


def fmt_short(d: _dt.date, *, year: bool = True) -> str:
    """``22 Aug 2019`` (``22 Aug`` without `year`), in English whatever the locale."""
    return f"{d.day} {MONTHS[d.month - 1]}" + (f" {d.year}" if year else "")
