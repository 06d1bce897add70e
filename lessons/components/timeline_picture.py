"""The timeline picture in HTML and inline SVG: one row per event, a marker on a time axis, legible at any width.

Used by the explorer's twin (where an inline script hides rows and moves markers as the filters change, with the
same rules as here, in ``lessons/static/timeline.js``) and by its live view. Text is HTML text, so labels keep
their size on a phone (the rows re-flow: date and title above, the time track below) instead of shrinking with
a picture.

**The axis.** Three eras — "Background" (before July 2018), "The dispute" (July 2018 – December 2019) and
"Afterwards" (2020 on) — each linear, drawn as shaded bands with dashed breaks. Each era's share of the width
grows with the number of events shown in it (``0.15 + share of the events``), so a century of history gets most
of the width when the selection is about history (lesson 02: 1910–2018) and the months of 2019 get it when the
selection is about the dispute. The ends are padded so the first and last markers are never cut off.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence

from .._html import esc
from ..dates import MONTHS
from ..style import CATEGORY_STYLES, MUTED_TEXT, TEXT

#: Era boundaries as decimal years, with names.
ERA_BOUNDS: tuple[tuple[str, float, float], ...] = (
    ("Background", 1800.0, 2018.5),
    ("The dispute", 2018.5, 2020.0),
    ("Afterwards", 2020.0, 2100.0),
)
#: Each era's share of the width is BASE + (its events ÷ all events shown), normalised.
BASE_SHARE = 0.15
#: Markers stay this far (fraction of the track) from either end.
PAD = 0.025
#: Tick steps in years (one month up to fifty years).
_STEPS = (1 / 12, 0.25, 0.5, 1, 2, 5, 10, 20, 25, 50)

#: SVG shapes (10×10 view box) matching the figure's markers.
SHAPES = {
    "s": '<rect x="1.5" y="1.5" width="7" height="7"/>',
    "D": '<path d="M5 0.5 9.5 5 5 9.5 0.5 5z"/>',
    "o": '<circle cx="5" cy="5" r="4"/>',
    "^": '<path d="M5 0.8 9.6 9 0.4 9z"/>',
    "v": '<path d="M0.4 1 9.6 1 5 9.2z"/>',
}


def decimal_year(iso: str) -> float:
    """'2019-08-22' → 2019.64 (a date as a fraction of its year); '2019-08' → its first day; '1910' → 1910.0."""
    parts = [int(x) for x in str(iso).split("-")] + [1, 1]
    d = _dt.date(parts[0], parts[1], parts[2])
    start = _dt.date(d.year, 1, 1)
    return d.year + (d - start).days / ((_dt.date(d.year + 1, 1, 1) - start).days)


class Scale:
    """The piecewise time axis for events at decimal years `ts` between `first` and `last + 1` (years)."""

    def __init__(self, first: int, last: int, ts: Iterable[float]):
        lo, hi = float(first), float(last + 1)
        ts = list(ts)
        eras = [(name, max(a, lo), min(b, hi)) for name, a, b in ERA_BOUNDS if min(b, hi) > max(a, lo)]
        counts = [sum(1 for t in ts if a <= t < b) for _, a, b in eras]
        total = sum(counts) or 1
        weights = [BASE_SHARE + c / total for c in counts]
        whole = sum(weights) or 1.0
        self.segments: list[tuple[str, float, float, float, float]] = []  # name, t0, t1, x0, x1 (fractions)
        x = 0.0
        for (name, a, b), w in zip(eras, weights):
            self.segments.append((name, a, b, x, x + w / whole))
            x += w / whole

    def x(self, t: float) -> float:
        """Position of decimal year `t` on the track, 0..1 (padded at both ends)."""
        for i, (_name, a, b, x0, x1) in enumerate(self.segments):
            if t < b or i == len(self.segments) - 1:
                f = min(max((t - a) / (b - a), 0.0), 1.0)
                return PAD + (1 - 2 * PAD) * (x0 + (x1 - x0) * f)
        return 1 - PAD

    def ticks(self, width_px: float, gap_px: float = 56.0) -> list[tuple[float, str]]:
        """(position 0..1, label) for ticks at least `gap_px` apart on a track `width_px` wide."""
        out: list[tuple[float, str]] = []
        for _name, a, b, x0, x1 in self.segments:
            px_per_year = (x1 - x0) * (1 - 2 * PAD) * width_px / max(b - a, 1e-9)
            step = next((s for s in _STEPS if s * px_per_year >= gap_px), _STEPS[-1])
            months = max(1, round(step * 12))
            m = round(a * 12)
            m += (-m) % months
            while m / 12 < b - 1e-9:
                year, month = divmod(m, 12)
                label = str(year) if months % 12 == 0 else f"{MONTHS[month]} {year}"
                pos = self.x(m / 12)
                if not out or (pos - out[-1][0]) * width_px >= gap_px:
                    out.append((pos, label))
                m += months
        return out

    def bands_css(self) -> str:
        """The era bands (alternate shading) as a CSS gradient for the track background."""
        stops = []
        for i, (_n, _a, _b, x0, x1) in enumerate(self.segments):
            colour = "#eeeeee" if i % 2 == 0 else "#ffffff"
            p0, p1 = (PAD + (1 - 2 * PAD) * x0) * 100, (PAD + (1 - 2 * PAD) * x1) * 100
            if i == 0:
                p0 = 0.0
            if i == len(self.segments) - 1:
                p1 = 100.0
            stops.append(f"{colour} {p0:.2f}% {p1:.2f}%")
        return "linear-gradient(to right," + ",".join(stops) + ")"


def era_label(name: str, a: float, b: float) -> str:
    """'Background (1910–Jun 2018)', 'The dispute (Jul 2018–Dec 2019)': an era's name and its span."""
    whole = float(a).is_integer() and float(b).is_integer()
    first = round(a * 12)
    last = round(b * 12) - 1
    if whole:
        return f"{name} ({first // 12}–{last // 12})" if last // 12 != first // 12 else f"{name} ({first // 12})"
    return f"{name} ({MONTHS[first % 12]} {first // 12}–{MONTHS[last % 12]} {last // 12})" if float(
        a).is_integer() is False else f"{name} ({first // 12}–{MONTHS[last % 12]} {last // 12})"


def marker_svg(category: str, css_class: str = "gs-tl-m", left: float | None = None) -> str:
    style = CATEGORY_STYLES.get(category, {"colour": TEXT, "marker": "o"})
    pos = f' style="left:{left * 100:.2f}%"' if left is not None else ""
    return (f'<svg class="{css_class}" viewBox="0 0 10 10" aria-hidden="true" focusable="false"{pos} '
            f'fill="{style["colour"]}" stroke="{TEXT}" stroke-width="0.6">{SHAPES[style["marker"]]}</svg>')


def picture_html(rows: Sequence[dict], shown: Iterable[int], years: tuple[int, int], *, dates: Sequence[str],
                 alt: str, width_px: float = 560.0) -> str:
    """The picture: every row of `rows` (sorted by date) as an `<li>`, those not in `shown` hidden, positions for
    the axis over `years` and the shown rows. `dates` are the display dates. The script re-lays it out live."""
    shown = set(shown)
    ts = [decimal_year(r["date"]) for r in rows]
    scale = Scale(years[0], years[1], [ts[i] for i in sorted(shown)])
    ticks = "".join(f'<span class="gs-tl-tick" style="left:{x * 100:.2f}%">{esc(label)}</span>'
                    for x, label in scale.ticks(width_px))
    breaks = "".join(f'<span class="gs-tl-break" style="left:{(PAD + (1 - 2 * PAD) * x0) * 100:.2f}%"></span>'
                     for _n, _a, _b, x0, _x1 in scale.segments[1:])
    eras = " · ".join(esc(era_label(n, a, b)) for n, a, b, _x0, _x1 in scale.segments)
    present = {r["category"] for r in rows}
    legend = "".join(f'<span class="gs-tl-key" data-gs-cat="{esc(c)}"'
                     f'{"" if any(rows[i]["category"] == c for i in shown) else " hidden"}>'
                     f'{marker_svg(c, "gs-tl-km")} {esc(c)}</span>' for c in CATEGORY_STYLES if c in present)
    items = []
    for i, r in enumerate(rows):
        hidden = "" if i in shown else " hidden"
        items.append(
            f'<li data-gs-i="{i}" data-gs-t="{ts[i]:.4f}" data-gs-cat="{esc(r["category"])}"{hidden}>'
            f'<span class="gs-tl-d">{esc(dates[i])}</span><span class="gs-tl-t">{esc(r.get("title"))}</span>'
            f'<span class="gs-tl-track">{marker_svg(r["category"], left=scale.x(ts[i]))}</span></li>'
        )
    return (
        f'<figure class="gs-tl-pic" style="--gs-bands:{scale.bands_css()}" aria-label="{esc(alt)}">'
        f'<p class="gs-tl-legend">{legend}</p>'
        f'<div class="gs-tl-axis" aria-hidden="true"><span class="gs-tl-d"></span><span class="gs-tl-t"></span>'
        f'<span class="gs-tl-track gs-tl-ticks">{breaks}{ticks}</span></div>'
        f'<ol class="gs-tl-rows">{"".join(items)}</ol>'
        f'<figcaption class="gs-tl-eras">Shaded bands: {eras}. Each era is evenly spaced inside; the more events '
        f"an era has, the wider it is drawn.</figcaption></figure>"
    )


def picture_css() -> str:
    """The picture's styles (``lessons/static/timeline-picture.css``) in the course's colours."""
    from ..static import filled

    return filled("timeline-picture.css", muted=MUTED_TEXT, text=TEXT)
