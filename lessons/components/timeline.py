"""The timeline explorer: the dispute's dated events, filtered by category, actor and years.

Two renderings of one component (see :class:`lessons.component.Component`):

* live (JupyterLab): category checkboxes, an actor drop-down and a "Years" range slider redraw a matplotlib
  timeline and the table of selected events with their sources;
* twin (static site, no kernel): the timeline figure as an inline image with alt text, and the same table with a
  small inline script that filters its rows (category checkboxes, actor list, year from/to, a live count).

The figure has one row per event, sorted by date: the date and title form a left-hand column and a marker sits
on a time axis to the right, coloured *and* shaped by category (:data:`lessons.style.CATEGORY_STYLES`). Because
the rows are a fixed height apart, labels can never overlap, however many events there are.

**Time axis.** A linear axis from 1910 to 2024 would squash 2019 — the year most events happened — into a sliver.
The axis is therefore *piecewise linear* with three eras, drawn as shaded bands with their names:
"Background" (up to June 2018), "The dispute" (July 2018 – December 2019) and "Afterwards" (2020 on). Each era
gets a fixed share of the width (1.5 : 3 : 1) and dashed lines mark the breaks, so no reader mistakes the axis
for an even one. See :data:`ERAS`. The axis always spans the whole timeline (eras outside its years are
dropped), so an event keeps its place on the axis however the filters change.

**Speed.** Matplotlib 3.11 draws text glyph by glyph, so drawing 70 labelled rows takes a second or more. The
whole timeline is therefore drawn once and cached as pixels; a selection is composed from the rows' pixel strips
(one 20-pixel strip per event) and encoded as PNG in well under 100 ms. :func:`plot` draws a real Figure.

Typical use::

    from lessons.components.timeline import TimelineExplorer, plot
    TimelineExplorer()                       # the whole timeline
    TimelineExplorer(categories=["trade"])   # start with trade events only
    fig = plot(years=(2019, 2019))           # just the figure, for a notebook
"""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any, Iterable, Sequence

from .._html import cite_html, dom_id, esc, notice, table, twin
from ..component import Component
from ..style import CATEGORY_STYLES, DPI, MUTED_TEXT, TEXT
from ..static import text as static_text

__all__ = ["TimelineExplorer", "plot", "ERAS", "ALL_ACTORS", "NO_MATCH", "filter_rows", "display_date"]

#: The label of the "no actor filter" choice.
ALL_ACTORS = "All actors"
#: What the component says when a filter leaves nothing.
NO_MATCH = "No events match these filters."

#: Eras of the piecewise time axis: (name, first day, first day after, share of the width).
ERAS: tuple[tuple[str, _dt.date, _dt.date, float], ...] = (
    ("Background", _dt.date(1900, 1, 1), _dt.date(2018, 7, 1), 1.5),
    ("The dispute", _dt.date(2018, 7, 1), _dt.date(2020, 1, 1), 3.0),
    ("Afterwards", _dt.date(2020, 1, 1), _dt.date(2031, 1, 1), 1.0),
)

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

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


# --------------------------------------------------------------------------------------------------------
# Rows and filters (no heavy imports)
# --------------------------------------------------------------------------------------------------------


def _css() -> str:
    """lessons/static/timeline.css"""
    return static_text("timeline.css")


def _picture_css() -> str:
    from .timeline_picture import PICTURE_CSS

    return PICTURE_CSS


def _script() -> str:
    """lessons/static/timeline.js"""
    return static_text("timeline.js")


def _as_date(value: str) -> _dt.date:
    parts = [int(x) for x in str(value).split("-")] + [1, 1]
    return _dt.date(parts[0], parts[1], parts[2])


def _precision(row: dict) -> str:
    prec = row.get("precision")
    if prec in ("day", "month", "year"):
        return prec
    return {3: "day", 2: "month"}.get(str(row["date"]).count("-") + 1, "year")


def display_date(row: dict) -> str:
    """The date of an event as people write it: '4 Jul 2019', 'Jul 2019' or '1910', as precise as the source."""
    d = _as_date(row["date"])
    prec = _precision(row)
    if prec == "day":
        return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
    if prec == "month":
        return f"{_MONTHS[d.month - 1]} {d.year}"
    return str(d.year)


def _sorted(rows: Iterable[dict]) -> list[dict]:
    return sorted(rows, key=lambda r: (_as_date(r["date"]), str(r.get("id", ""))))


def filter_rows(
    rows: Iterable[dict],
    categories: Iterable[str] | None = None,
    actors: Iterable[str] | None = None,
    years: Sequence[int] | None = None,
) -> list[dict]:
    """Events in `categories` (all when None), involving any of `actors` (all when None or empty) and dated in
    `years` = (first, last) inclusive (all when None), sorted by date."""
    cats = None if categories is None else set(categories)
    acts = set(actors or ())
    out = []
    for r in rows:
        if cats is not None and r.get("category") not in cats:
            continue
        if acts and not acts.intersection(r.get("actors") or ()):
            continue
        if years is not None and not years[0] <= _as_date(r["date"]).year <= years[1]:
            continue
        out.append(r)
    return _sorted(out)


def _source_html(source: str) -> str:
    """One source as outlet, date and link (the title in a tooltip)."""
    return cite_html(source)


def _sources_html(sources: Iterable[str] | None) -> str:
    items = list(sources or ())
    if not items:
        return '<span class="gs-muted">no source listed</span>'
    return "<br>".join(_source_html(s) for s in items)


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
                label = str(d.year) if step % 12 == 0 else f"{_MONTHS[d.month - 1]}\n{d.year}"
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


def _message_figure(message: str) -> Any:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(_WIDTH, 1.0), dpi=DPI)
    fig.text(0.5, 0.5, message, ha="center", va="center", fontsize=11, color=TEXT, parse_math=False)
    return fig


def _draw(selected: Sequence[dict], years: Sequence[int], title: str | None = None) -> Any:
    """A timeline Figure of `selected` (already sorted) on a piecewise axis covering `years`."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.lines import Line2D
    from matplotlib.transforms import blended_transform_factory

    if not selected:
        return _message_figure(NO_MATCH)
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
                f"{_MONTHS[s.month - 1]} {s.year}–{_MONTHS[(e - _dt.timedelta(days=1)).month - 1]} "
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
    xs = [axis(_as_date(r["date"])) for r in selected]
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


def _palette() -> list[int]:
    """A fixed palette: a ramp of greys (text, guides, era bands) and each category colour with its blends
    towards white, grey and the marker edge, so the category colours survive exactly."""

    def rgb(hex_colour: str) -> tuple[int, int, int]:
        h = hex_colour.lstrip("#")
        return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)

    def mix(a: tuple, b: tuple, t: float) -> tuple[int, int, int]:
        return tuple(round(x + (y - x) * t) for x, y in zip(a, b))  # type: ignore[return-value]

    colours: list[tuple[int, int, int]] = []
    dark, white = rgb(TEXT), (255, 255, 255)
    for k in range(24):
        colours.append(mix(dark, white, k / 23))
    for exact in ("#f0f0f0", "#e3e3e3", "#dddddd", MUTED_TEXT, "#000000"):
        colours.append(rgb(exact))
    for style in CATEGORY_STYLES.values():
        c = rgb(style["colour"])
        colours += [
            c,
            mix(c, white, 0.5),
            mix(c, rgb("#f0f0f0"), 0.75),
            mix(c, dark, 0.5),
            mix(c, white, 0.8),
        ]
    flat = [v for colour in colours for v in colour]
    return flat + [255] * (768 - len(flat))


def _row_key(rows: Sequence[dict]) -> tuple:
    return tuple((r.get("id"), r["date"], _precision(r), r["category"], r.get("title")) for r in rows)


def _quantize(fig: Any) -> Any:
    """Draw `fig` and map it onto the fixed course palette (a 'P' mode PIL image): exact colours, small PNGs."""
    import numpy as np
    from PIL import Image

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    fig.canvas.draw()
    rgb = np.ascontiguousarray(np.asarray(fig.canvas.buffer_rgba())[:, :, :3])
    palette = Image.new("P", (1, 1))
    palette.putpalette(_palette())
    return Image.fromarray(rgb).quantize(palette=palette, dither=Image.Dither.NONE)


def _full_raster(rows: Sequence[dict], years: Sequence[int]) -> tuple[Any, list[int]]:
    """(palette image of every row as a numpy array, palette) for `rows`, drawn once and cached."""
    import numpy as np

    key = (tuple(years), _row_key(rows))
    cached = _RASTER_CACHE.get(key)
    if cached is None:
        image = _quantize(_draw(rows, years))
        cached = (np.asarray(image), image.getpalette())
        if len(_RASTER_CACHE) > 8:
            _RASTER_CACHE.clear()
        _RASTER_CACHE[key] = cached
    return cached


def _compose_png(rows: Sequence[dict], indices: Sequence[int], years: Sequence[int]) -> bytes:
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


def _alt(selected: Sequence[dict]) -> str:
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


def plot(
    rows: list[dict] | None = None,
    categories: Iterable[str] | None = None,
    actors: str | Iterable[str] | None = None,
    years: Sequence[int] | None = None,
    title: str | None = None,
    actor: str | None = None,
) -> Any:
    """The timeline as a :class:`matplotlib.figure.Figure` (no pyplot), for use in a notebook.

    `rows` defaults to ``lessons.data.rows("timeline")``; the filters are those of :class:`TimelineExplorer`
    (`actor="Japan"` is the same as `actors="Japan"`). Bad filters raise ``ValueError`` with a plain sentence
    (the explorer shows the same sentence as a notice). The figure is drawn afresh (about a second for 70 events).
    """
    explorer = TimelineExplorer(
        rows=rows, categories=categories, actors=actors if actors is not None else actor, years=years
    )
    if explorer.error:
        raise ValueError(explorer.error)
    selected = explorer.selected()
    if not selected:
        return _message_figure(NO_MATCH)
    return _draw(selected, explorer.year_range, title=title)


# --------------------------------------------------------------------------------------------------------
# The component
# --------------------------------------------------------------------------------------------------------

_UNSET: Any = object()

class TimelineExplorer(Component):
    """Explore the timeline: filter by category, actor and years; see a figure and a table with sources.

    Parameters
    ----------
    rows:
        Timeline rows (dicts as returned by ``lessons.data.rows("timeline")``); loaded from data when None.
    categories:
        Categories shown at the start (all when None).
    actors:
        An actor (or several) the events must involve (all actors when None).
    years:
        ``(first, last)`` years shown at the start, inclusive (the whole timeline when None).
    title:
        A heading for the component.
    """

    label = "Interactive timeline"

    def __init__(
        self,
        rows: list[dict] | None = None,
        categories: Iterable[str] | None = None,
        actors: str | Iterable[str] | None = None,
        years: Sequence[int] | None = None,
        title: str = "Timeline of the dispute",
    ) -> None:
        super().__init__()
        if rows is None:
            from .. import data

            rows = data.rows("timeline")
        self.rows = _sorted(rows)
        self.title = title
        self.categories_available = [c for c in CATEGORY_STYLES if any(r["category"] == c for r in self.rows)]
        self.actors_available = sorted({a for r in self.rows for a in (r.get("actors") or ())})
        years_all = [_as_date(r["date"]).year for r in self.rows]
        self.year_range = (min(years_all), max(years_all)) if years_all else (1910, 2024)
        # Current (valid) filters, an error message for the last invalid input, an info note.
        self._categories: tuple[str, ...] = tuple(self.categories_available)
        self._actors: tuple[str, ...] = ()
        self._years: tuple[int, int] = self.year_range
        self.error: str | None = None
        self.note: str | None = None
        self._syncing = False
        self.set_filters(categories=categories, actor=actors, years=years)
        self._initial = (self._categories, self._actors, self._years)

    def plain_text(self) -> str:
        """What JupyterLab shows for the saved output before the notebook runs."""
        lo, hi = self.year_range
        return (
            f"Interactive timeline: {self.title} ({len(self.rows)} events, {lo}–{hi}) — run this cell to filter "
            "it here; the course website shows a version without Python."
        )

    # --- filters -----------------------------------------------------------------------------------------
    def set_filters(
        self, categories: Any = _UNSET, actor: Any = _UNSET, years: Any = _UNSET
    ) -> "TimelineExplorer":
        """Change the filters (arguments left out stay as they are; None means "all").

        `categories`: iterable of category names; `actor`: an actor name, a list of names, None or
        "All actors"; `years`: (first, last). Invalid input does not raise: it sets :attr:`error` to a plain
        sentence, which both renderings show as a notice instead of the figure and table.
        """
        cats = self._categories if categories is _UNSET else categories
        acts = self._actors if actor is _UNSET else actor
        yrs = self._years if years is _UNSET else years
        self.error, self.note = None, None
        try:
            cats = self._check_categories(cats)
            acts = self._check_actors(acts)
            yrs = self._check_years(yrs)
        except ValueError as exc:
            self.error = str(exc)
        else:
            self._categories, self._actors, self._years = cats, acts, yrs
        self._refresh()
        return self

    def _check_categories(self, cats: Any) -> tuple[str, ...]:
        if cats is None:
            return tuple(self.categories_available)
        if isinstance(cats, str):
            cats = [cats]
        cats = list(cats)
        unknown = [c for c in cats if c not in CATEGORY_STYLES]
        if unknown:
            raise ValueError(
                f"There is no category called {unknown[0]!r}. Choose from: " f"{', '.join(CATEGORY_STYLES)}."
            )
        return tuple(c for c in CATEGORY_STYLES if c in cats)

    def _check_actors(self, acts: Any) -> tuple[str, ...]:
        if acts is None or acts == ALL_ACTORS:
            return ()
        if isinstance(acts, str):
            acts = [acts]
        acts = [a for a in acts if a != ALL_ACTORS]
        unknown = [a for a in acts if a not in self.actors_available]
        if unknown:
            raise ValueError(
                f"No event in the timeline involves {unknown[0]!r}. Choose one of: "
                f"{', '.join(self.actors_available)} — or {ALL_ACTORS}."
            )
        return tuple(sorted(set(acts)))

    def _check_years(self, yrs: Any) -> tuple[int, int]:
        lo, hi = self.year_range
        if yrs is None:
            return (lo, hi)
        try:
            y0, y1 = (int(y) for y in yrs)
        except (TypeError, ValueError):
            raise ValueError(f"Years must be two whole numbers, first and last, e.g. ({lo}, {hi}).") from None
        if y0 > y1:
            raise ValueError(f"The first year ({y0}) comes after the last year ({y1}). Swap them.")
        if y1 < lo or y0 > hi:
            raise ValueError(
                f"The timeline runs from {lo} to {hi}; {y0}–{y1} is outside it. "
                f"Choose years between {lo} and {hi}."
            )
        if y0 < lo or y1 > hi:
            self.note = f"The timeline runs from {lo} to {hi}, so only those years are shown."
        return (max(y0, lo), min(y1, hi))

    @property
    def filters(self) -> dict[str, Any]:
        """The current filters: categories, actors and years."""
        return {"categories": list(self._categories), "actors": list(self._actors), "years": self._years}

    def _indices(self) -> list[int]:
        if self.error:
            return []
        chosen = {id(r) for r in filter_rows(self.rows, self._categories, self._actors, self._years)}
        return [i for i, r in enumerate(self.rows) if id(r) in chosen]

    def selected(self) -> list[dict]:
        """The events the current filters select, by date (none while an invalid input is showing)."""
        return [self.rows[i] for i in self._indices()]

    # --- pieces shared by both renderings -----------------------------------------------------------------
    def figure(self) -> Any:
        """The timeline of the selected events as a Figure (a message figure when nothing matches or on error).

        The time axis always spans the whole timeline, so an event keeps its place whatever the filters."""
        if self.error:
            return _message_figure(self.error)
        return _draw(self.selected(), self.year_range)

    def alt_text(self) -> str:
        """What the figure shows, in words."""
        return self.error or _alt(self.selected())

    def png(self) -> bytes:
        """The figure of the selected events as PNG bytes (fast: composed from a cached drawing)."""
        return _compose_png(self.rows, self._indices(), self.year_range)

    def figure_html(self) -> str:
        """The figure as an inline <img> with alt text, or a notice when there is nothing to draw."""
        if self.error:
            return notice(self.error, "error")
        indices = self._indices()
        if not indices:
            return notice(NO_MATCH)
        # The same picture as the twin (HTML + SVG markers, legible at any width), for the shown events only,
        # on an axis over the chosen years.
        from .timeline_picture import picture_html

        selected = [self.rows[i] for i in indices]
        return picture_html(selected, range(len(selected)), self._years, dates=[display_date(r) for r in selected],
                            alt=_alt(selected))

    def status_text(self) -> str:
        """'N of M events shown', or the error sentence."""
        if self.error:
            return self.error
        return f"{len(self.selected())} of {len(self.rows)} events shown"

    def _table_rows(self, rows: Sequence[dict]) -> list[list[str]]:
        out = []
        for r in rows:
            style = CATEGORY_STYLES.get(r["category"], {})
            swatch = (
                f'<span class="gs-tl-cat"><span aria-hidden="true" style="color:{style.get("colour", TEXT)}">'
                f'{_MARKER_GLYPH.get(style.get("marker"), "●")}</span> {esc(r["category"])}</span>'
            )
            out.append(
                [
                    display_date(r),
                    esc(r.get("title")),
                    swatch,
                    esc(", ".join(r.get("actors") or ())),
                    f'<span class="gs-tl-sources">{_sources_html(r.get("sources"))}</span>',
                ]
            )
        return out

    _HEADERS = ("Date", "Event", "Category", "Actors", "Sources")

    def _picture(self, indices: Sequence[int], years: Sequence[int]) -> str:
        """The picture of the timeline (HTML + inline SVG markers), rows outside `indices` hidden."""
        from .timeline_picture import picture_html

        return picture_html(self.rows, indices, (years[0], years[1]), dates=[display_date(r) for r in self.rows],
                            alt=_alt([self.rows[i] for i in indices]))

    def table_html(self) -> str:
        """The selected events as a table (date, event, category, actors, sources as links)."""
        if self.error:
            return ""
        selected = self.selected()
        if not selected:
            return notice(NO_MATCH)
        return table(
            self._HEADERS,
            self._table_rows(selected),
            caption=f"{len(selected)} selected events",
            raw_columns=(1, 2, 3, 4),
            css_class="gs-table gs-tl-table",
        )

    # --- live view ------------------------------------------------------------------------------------------
    def build_widget(self) -> Any:
        import ipywidgets as w

        self._w_cats = {
            c: w.Checkbox(
                value=c in self._categories,
                description=c.capitalize(),
                indent=False,
                layout=w.Layout(width="auto"),
            )
            for c in self.categories_available
        }
        self._w_actor = w.Dropdown(options=self._actor_options(), value=self._actors, description="Actor")
        lo, hi = self.year_range
        self._w_years = w.IntRangeSlider(
            value=self._years,
            min=lo,
            max=hi,
            step=1,
            description="Years",
            continuous_update=False,
            layout=w.Layout(width="32em"),
        )
        self._w_status = w.HTML()
        self._w_figure = w.HTML()
        self._w_table = w.HTML()
        for box in self._w_cats.values():
            box.observe(self._on_control, names="value")
        self._w_actor.observe(self._on_control, names="value")
        self._w_years.observe(self._on_control, names="value")
        cats = w.HBox([w.Label("Categories:"), *self._w_cats.values()], layout=w.Layout(flex_flow="row wrap"))
        view = w.VBox(
            [
                w.HTML(live_header(self.title, _css().replace(".gs-timeline", ".gs-live") + _picture_css())),
                cats,
                w.HBox([self._w_actor, self._w_years]),
                self._w_status,
                self._w_figure,
                self._w_table,
            ]
        )
        view.add_class("gs-live")
        self._widget = view
        self._refresh()
        return view

    def _actor_options(self) -> list[tuple[str, tuple[str, ...]]]:
        options = [(ALL_ACTORS, ())] + [(a, (a,)) for a in self.actors_available]
        if len(self._actors) > 1:
            options.append((" or ".join(self._actors), self._actors))
        return options

    def _on_control(self, _change: Any = None) -> None:
        if self._syncing:
            return
        cats = [c for c, box in self._w_cats.items() if box.value]
        self.set_filters(categories=cats, actor=self._w_actor.value, years=self._w_years.value)

    def _refresh(self) -> None:
        """Bring the live view (if built) up to date with the filters."""
        if self._widget is None or not hasattr(self, "_w_figure"):
            return
        self._syncing = True
        try:
            if not self.error:
                for c, box in self._w_cats.items():
                    box.value = c in self._categories
                if self._actors not in [v for _, v in self._w_actor.options]:
                    self._w_actor.options = self._actor_options()
                self._w_actor.value = self._actors
                self._w_years.value = self._years
        finally:
            self._syncing = False
        status = (
            notice(self.error, "error")
            if self.error
            else (
                (notice(self.note) if self.note else "")
                + f'<p class="gs-tl-count" role="status">{esc(self.status_text())}</p>'
            )
        )
        self._w_status.value = status
        self._w_figure.value = "" if self.error else self.figure_html()
        self._w_table.value = self.table_html()

    # --- twin ------------------------------------------------------------------------------------------------
    def twin_html(self) -> str:
        root = dom_id("timeline", self.title, [r.get("id") for r in self.rows], self._initial)
        if not self.rows:
            return twin(
                "timeline",
                self.title,
                f"<h3>{esc(self.title)}</h3>" + notice("The timeline has no events."),
                root_id=root,
                css=_css(),
            )
        cats0, acts0, (y0, y1) = self._initial
        lo, hi = self.year_range
        chosen = {id(r) for r in filter_rows(self.rows, cats0, acts0, (y0, y1))}
        indices = [i for i, r in enumerate(self.rows) if id(r) in chosen]
        selected = [self.rows[i] for i in indices]
        parts = [f"<h3>{esc(self.title)}</h3>"]
        if self.error:
            parts.append(notice(self.error, "error"))
        if selected:
            # The picture lists every event; those outside the initial filters are hidden, and the script shows,
            # hides and moves them as the filters change (so the picture always matches the count and the table).
            parts.append(self._picture(indices, (y0, y1)))
        # Controls (hidden until the script runs, so a reader without JavaScript sees no dead controls).
        fid = root + "-"
        boxes = "".join(
            f'<label><input type="checkbox" data-gs-cat="{esc(c)}"{" checked" if c in cats0 else ""}> '
            f'<span aria-hidden="true" style="color:{CATEGORY_STYLES[c]["colour"]}">'
            f'{_MARKER_GLYPH[CATEGORY_STYLES[c]["marker"]]}</span> {esc(c)}</label>'
            for c in self.categories_available
        )
        actor_value = acts0[0] if len(acts0) == 1 else ""
        options = "".join(
            f'<option value="{esc(v)}"{" selected" if v == actor_value else ""}>{esc(label)}</option>'
            for label, v in [(ALL_ACTORS, "")] + [(a, a) for a in self.actors_available]
        )
        parts.append(
            f'<div class="gs-controls" hidden><fieldset style="border:0;padding:0;margin:0"><legend>Categories'
            f"</legend>{boxes}</fieldset>"
            f'<label for="{fid}actor">Actor</label><select id="{fid}actor" data-gs-actor>{options}</select>'
            f'<label for="{fid}from">Years from</label><input id="{fid}from" type="number" data-gs-from '
            f'min="{lo}" max="{hi}" step="1" value="{y0}">'
            f'<label for="{fid}to">to</label><input id="{fid}to" type="number" data-gs-to min="{lo}" max="{hi}" '
            f'step="1" value="{y1}"></div>'
            f'<p class="gs-noscript">Run this cell to filter the timeline here (on the course website the filters '
            f"work in the browser). Shown: the events chosen for this lesson.</p>"
            f'<p class="gs-tl-count" role="status" aria-live="polite">{len(indices)} of {len(self.rows)} events '
            f"shown</p>"
            + notice(NO_MATCH).replace('class="gs-notice', 'hidden class="gs-tl-empty gs-notice', 1)
            + notice(
                f"Choose years between {lo} and {hi}, the first no later than the last.", "error"
            ).replace('class="gs-notice', 'hidden class="gs-tl-bad gs-notice', 1)
        )
        attrs = [
            f'data-gs-cat="{esc(r["category"])}" data-gs-year="{_as_date(r["date"]).year}" '
            f'data-gs-actors="{esc(json.dumps(list(r.get("actors") or ()), ensure_ascii=False))}"'
            + ("" if i in set(indices) else " hidden")
            for i, r in enumerate(self.rows)
        ]
        parts.append(
            '<details class="gs-tl-table-box"><summary>The events shown, with their actors and sources '
            "(table)</summary>"
            + table(
                self._HEADERS,
                self._table_rows(self.rows),
                caption="Events and their sources",
                raw_columns=(1, 2, 3, 4),
                row_attrs=attrs,
                css_class="gs-table gs-tl-table gs-phone-cards",
            )
            + "</details>"
        )
        from .timeline_picture import PICTURE_CSS

        return twin("timeline", self.title, "".join(parts), root_id=root, script=_script(),
                    css=_css() + PICTURE_CSS)


def live_header(title: str, css: str = "") -> str:
    """The heading of a live view, with the twins' styles (notices, tables) scoped to `.gs-live`."""
    from .._html import TWIN_CSS

    style = TWIN_CSS.replace(".gs-twin", ".gs-live") + ".gs-live{border:0;padding:0;margin:0}" + css
    return f"<style>{style}</style><h3>{esc(title)}</h3>"


#: Text glyphs matching the figure's marker shapes, for the table and the twin's checkboxes.
_MARKER_GLYPH = {"s": "■", "D": "◆", "o": "●", "^": "▲", "v": "▼"}
