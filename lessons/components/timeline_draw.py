"""The timeline figure: the piecewise time axis, one row per event, and a fast raster path for redraws.

Also the event-row helpers the figure and :mod:`lessons.components.timeline` share (dates, precision, order).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from typing import Any

from ..dates import MONTHS
from ..style import CATEGORY_STYLES, DPI, MUTED_TEXT, TEXT
from .raster import quantize_rgb

__all__ = ["NO_MATCH", "ERAS", "as_date", "precision", "display_date", "sort_rows", "draw", "message_figure",
           "compose_png", "alt_text"]

#: What the timeline says when a filter leaves nothing.
NO_MATCH = "No events match these filters."

#: Eras of the piecewise time axis: (name, first day, first day after, share of the width).
ERAS: tuple[tuple[str, _dt.date, _dt.date, float], ...] = (
    ("Background", _dt.date(1900, 1, 1), _dt.date(2018, 7, 1), 1.5),
    ("The dispute", _dt.date(2018, 7, 1), _dt.date(2020, 1, 1), 3.0),
    ("Afterwards", _dt.date(2020, 1, 1), _dt.date(2031, 1, 1), 1.0),
)


# Figure geometry (inches). Fixed, so a given selection always gives the same picture.
_WIDTH = 10.0
_ROW = 0.25  # height of one event row (20 px at DPI 80: rows are whole pixels)
_TOP = 1.05  # legend + era names + top tick labels
_BOTTOM = 0.55  # bottom tick labels
_DATE_X = 0.005  # left edge of the date column (figure fraction)
_TITLE_X = 0.095  # left edge of the title column
_AX_LEFT = 0.555  # the time axis starts here …
_AX_RIGHT = 0.985  # … and ends here
_LABEL_PT = 8.0
_TICK_PT = 7.5


def as_date(value: str) -> _dt.date:
    parts = [int(x) for x in str(value).split("-")] + [1, 1]
    return _dt.date(parts[0], parts[1], parts[2])


def precision(row: dict) -> str:
    prec = row.get("precision")
    if prec in ("day", "month", "year"):
        return prec
    return {3: "day", 2: "month"}.get(str(row["date"]).count("-") + 1, "year")


def display_date(row: dict) -> str:
    """The date of an event as people write it: '4 Jul 2019', 'Jul 2019' or '1910', as precise as the source."""
    d = as_date(row["date"])
    prec = precision(row)
    if prec == "day":
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if prec == "month":
        return f"{MONTHS[d.month - 1]} {d.year}"
    return str(d.year)


def sort_rows(rows: Iterable[dict]) -> list[dict]:
    return sorted(rows, key=lambda r: (as_date(r["date"]), str(r.get("id", ""))))


# --------------------------------------------------------------------------------------------------------
# The figure
# --------------------------------------------------------------------------------------------------------


class _Axis:
    """The piecewise-linear time axis: maps dates to 0..1 with one linear segment per era."""

    def __init__(self, first_year: int, last_year: int):
        lo, hi = _dt.date(first_year, 1, 1), _dt.date(last_year + 1, 1, 1)
        eras = []
        for name, start, end, weight in ERAS:
            s, e = max(start, lo), min(end, hi)
            if s < e:
                eras.append((name, s, e, weight))
        total = sum(w for *_, w in eras)
        self.segments = []  # (name, start, end, x0, x1)
        x = 0.0
        for name, s, e, w in eras:
            self.segments.append((name, s, e, x, x + w / total))
            x += w / total

    def __call__(self, d: _dt.date) -> float:
        for _name, s, e, x0, x1 in self.segments:
            if d < e or e == self.segments[-1][2]:
                d = max(d, s)
                return x0 + (x1 - x0) * min((d - s).days / (e - s).days, 1.0)
        return 1.0

    def ticks(self, width_px: float, min_gap_px: float = 44.0) -> list[tuple[float, str]]:
        """Tick positions and labels, at least `min_gap_px` apart so tick labels never collide."""
        steps = (1, 3, 6, 12, 24, 60, 120, 240, 600)
        candidates: list[tuple[float, str]] = []
        for _name, s, e, x0, x1 in self.segments:
            months = (e.year - s.year) * 12 + e.month - s.month
            seg_px = (x1 - x0) * width_px
            step = next((st for st in steps if seg_px * st / max(months, 1) >= min_gap_px), steps[-1])
            m = s.year * 12 + s.month - 1
            m += (-m) % step
            while m < e.year * 12 + e.month - 1:
                d = _dt.date(m // 12, m % 12 + 1, 1)
                label = str(d.year) if step % 12 == 0 else f"{MONTHS[d.month - 1]}\n{d.year}"
                candidates.append((self(d), label))
                m += step
        kept: list[tuple[float, str]] = []
        for x, label in sorted(candidates):
            if not kept or (x - kept[-1][0]) * width_px >= min_gap_px:
                kept.append((x, label))
        return kept


def _fit(text: str, max_px: float, renderer: Any, prop: Any) -> str:
    """`text`, shortened with '…' if it is wider than `max_px` at the label font."""
    if renderer.get_text_width_height_descent(text, prop, ismath=False)[0] <= max_px:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # longest prefix that fits with the ellipsis
        mid = (lo + hi + 1) // 2
        if renderer.get_text_width_height_descent(text[:mid].rstrip() + "…", prop, ismath=False)[0] <= max_px:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


def message_figure(message: str) -> Any:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(_WIDTH, 1.0), dpi=DPI)
    fig.text(0.5, 0.5, message, ha="center", va="center", fontsize=11, color=TEXT, parse_math=False)
    return fig


def draw(selected: Sequence[dict], years: Sequence[int], title: str | None = None) -> Any:
    """A timeline Figure of `selected` (already sorted) on a piecewise axis covering `years`."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.lines import Line2D
    from matplotlib.transforms import blended_transform_factory

    if not selected:
        return message_figure(NO_MATCH)
    n = len(selected)
    height = _TOP + _BOTTOM + n * _ROW
    fig = Figure(figsize=(_WIDTH, height), dpi=DPI)
    canvas = FigureCanvasAgg(fig)
    renderer = canvas.get_renderer()
    ax = fig.add_axes((_AX_LEFT, _BOTTOM / height, _AX_RIGHT - _AX_LEFT, n * _ROW / height))
    ax.set_xlim(0, 1)
    ax.set_ylim(n - 0.5, -0.5)  # earliest event at the top
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)

    axis = _Axis(years[0], years[1])
    width_px = (_AX_RIGHT - _AX_LEFT) * _WIDTH * DPI
    # Era bands (alternate shading), names above the plot, dashed breaks between eras.
    for i, (name, s, e, x0, x1) in enumerate(axis.segments):
        if i % 2 == 0:
            ax.axvspan(x0, x1, color="#f0f0f0", zorder=0, lw=0)
        if i:
            ax.axvline(x0, color=MUTED_TEXT, lw=0.8, ls=(0, (4, 3)), zorder=1)
        span = f"{s.year}–{(e - _dt.timedelta(days=1)).year}" if e.year - s.year > 1 else f"{s.year}"
        if name == "The dispute":
            span = (
                f"{MONTHS[s.month - 1]} {s.year}–{MONTHS[(e - _dt.timedelta(days=1)).month - 1]} "
                f"{(e - _dt.timedelta(days=1)).year}"
            )
        ax.annotate(  # the era's name, above the top tick labels (0.36 in = 26 pt)
            f"{name}\n{span}",
            xy=((x0 + x1) / 2, 1.0),
            xycoords=ax.get_xaxis_transform(),
            xytext=(0, 26),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=_TICK_PT,
            color=MUTED_TEXT,
            parse_math=False,
        )
    ticks = axis.ticks(width_px)
    ax.set_xticks([x for x, _ in ticks], [label for _, label in ticks], fontsize=_TICK_PT)
    ax.tick_params(axis="x", top=True, labeltop=True, colors=TEXT, length=3)
    for x, _ in ticks:
        ax.axvline(x, color="#dddddd", lw=0.5, zorder=0.5)

    # Markers, one scatter per category (colour and shape).
    xs = [axis(as_date(r["date"])) for r in selected]
    by_cat: dict[str, list[int]] = {}
    for i, r in enumerate(selected):
        by_cat.setdefault(r["category"], []).append(i)
    handles = []
    for cat, style in CATEGORY_STYLES.items():
        idx = by_cat.get(cat)
        if not idx:
            continue
        ax.scatter(
            [xs[i] for i in idx],
            idx,
            marker=style["marker"],
            s=30,
            color=style["colour"],
            edgecolors=TEXT,
            linewidths=0.4,
            zorder=3,
        )
        handles.append(
            Line2D(
                [],
                [],
                ls="",
                marker=style["marker"],
                color=style["colour"],
                markeredgecolor=TEXT,
                markeredgewidth=0.4,
                markersize=6,
                label=cat,
            )
        )
    # Row guides so the eye can follow a label to its marker.
    ax.hlines(range(n), 0, xs, color="#e3e3e3", lw=0.5, zorder=0.6)

    # Left-hand label column: date, then the title shortened to fit.
    trans = blended_transform_factory(fig.transFigure, ax.transData)
    prop = FontProperties(size=_LABEL_PT)
    title_px = (_AX_LEFT - _TITLE_X - 0.01) * _WIDTH * DPI
    for i, r in enumerate(selected):
        fig.text(
            _DATE_X,
            i,
            display_date(r),
            transform=trans,
            fontsize=_LABEL_PT,
            va="center",
            ha="left",
            color=MUTED_TEXT,
            parse_math=False,
            gid="gs-label",
        )
        fig.text(
            _TITLE_X,
            i,
            _fit(str(r.get("title", "")), title_px, renderer, prop),
            transform=trans,
            fontsize=_LABEL_PT,
            va="center",
            ha="left",
            color=TEXT,
            parse_math=False,
            gid="gs-label",
        )
    fig.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(_DATE_X, 1 - 0.05 / height),
        ncol=len(handles),
        frameon=False,
        fontsize=_LABEL_PT,
        handletextpad=0.3,
        columnspacing=1.2,
        borderaxespad=0,
    )
    if title:
        fig.text(
            _DATE_X, 1 - 0.4 / height, title, fontsize=_LABEL_PT + 1, color=TEXT, va="top", parse_math=False
        )
    return fig


# --- fast raster path --------------------------------------------------------------------------------------
# Drawing text is matplotlib's slow part (about 6 ms per label here), far too slow to redraw 70 labelled rows on
# every click. So the whole timeline is drawn once (the same `_draw` that `plot` uses), reduced to a 32-colour
# palette, and cached; a selection is then the header strip, the selected rows' 20-pixel strips and the footer
# strip stacked together, and encoded as PNG (about 15 ms). Every event keeps its place on the shared time axis
# as the filters change.

_RASTER_CACHE: dict[tuple, tuple[Any, list[int]]] = {}


def _row_key(rows: Sequence[dict]) -> tuple:
    return tuple((r.get("id"), r["date"], precision(r), r["category"], r.get("title")) for r in rows)


def _quantize(fig: Any) -> Any:
    """Draw `fig` and map it onto the fixed course palette (a 'P' mode PIL image): exact colours, small PNGs."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    fig.canvas.draw()
    return quantize_rgb(np.asarray(fig.canvas.buffer_rgba())[:, :, :3])


def _full_raster(rows: Sequence[dict], years: Sequence[int]) -> tuple[Any, list[int]]:
    """(palette image of every row as a numpy array, palette) for `rows`, drawn once and cached."""
    import numpy as np

    key = (tuple(years), _row_key(rows))
    cached = _RASTER_CACHE.get(key)
    if cached is None:
        image = _quantize(draw(rows, years))
        cached = (np.asarray(image), image.getpalette())
        if len(_RASTER_CACHE) > 8:
            _RASTER_CACHE.clear()
        _RASTER_CACHE[key] = cached
    return cached


def compose_png(rows: Sequence[dict], indices: Sequence[int], years: Sequence[int]) -> bytes:
    """PNG of the timeline showing only rows[i] for i in `indices` (rows sorted by date), from the cached raster."""
    import io

    import numpy as np
    from PIL import Image

    full, palette = _full_raster(rows, years)
    top, row = round(_TOP * DPI), round(_ROW * DPI)
    bottom = top + row * len(rows)
    pieces = [full[:top]] + [full[top + i * row : top + (i + 1) * row] for i in indices] + [full[bottom:]]
    image = Image.fromarray(np.ascontiguousarray(np.concatenate(pieces)))  # "L", made "P" below
    image.putpalette(palette)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=6)
    return buffer.getvalue()


def alt_text(selected: Sequence[dict]) -> str:
    if not selected:
        return NO_MATCH
    counts = {c: sum(1 for r in selected if r["category"] == c) for c in CATEGORY_STYLES}
    parts = ", ".join(f"{c} {k}" for c, k in counts.items() if k)
    first, last = display_date(selected[0]), display_date(selected[-1])
    return (
        f"Timeline of {len(selected)} events from {first} to {last} ({parts}). Each event is a row: date and "
        f"title on the left, a marker on a time axis on the right, coloured and shaped by category. The axis has "
        f"three eras (background, the dispute from July 2018 to December 2019, afterwards), each evenly spaced "
        f"inside and drawn wider the more events it has."
    )
