"""Dates as the course writes them: ``22 Aug 2019``, ``Aug 2019`` or ``2019`` (English month names, any locale)."""

from __future__ import annotations

import datetime as _dt

__all__ = ["MONTHS", "fmt_date", "fmt_day"]

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


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
