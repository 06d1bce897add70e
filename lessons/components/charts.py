"""Charts of the course's numeric series (visitors, beer imports, trade …) with a period selector.

:class:`SeriesChart` is a component (see :class:`lessons.component.Component`):

* live (JupyterLab): "From" and "To" drop-downs of the series' periods; the figure zooms to that range and a
  readout gives the change between the two ends ("From Aug 2018 to Aug 2019: 620,900 → 308,700 (−50.3 %)");
* twin (static site, no kernel): the figure of the whole series as an inline image with alt text, the table of
  values with their sources, and the same two drop-downs driving the readout with a small inline script.

Honesty rules: a missing value is a gap, never interpolated — a month with no figure (or no row at all) breaks
the line, is hatched on the chart and named in a note ("No figure found for Feb–Jul 2018."). Periods of
different lengths are never mixed on one axis: by default the chart shows the most common kind of period in
the series (months, quarters, years …) and says what it left out. Key dates come from timeline rows by id.

Typical use::

    from lessons import SeriesChart, visitors, beer_imports
    visitors()                                   # Korean visitors to Japan, monthly
    SeriesChart("kr-japan-trade-deficit")        # any series of data/figures.csv
"""

from __future__ import annotations

import base64
import datetime as _dt
import math
from collections import Counter
from collections.abc import Iterable
from typing import Any

from .._html import dom_id, esc, json_for_script, notice, png_img, source_html, table, twin
from ..component import Component
from ..dates import MONTHS
from ..static import text as static_text
from ..style import DPI, MUTED_TEXT, OKABE_ITO, TEXT
from .chart_layout import NOTE_PT, PHONE, TICK_PT, PathText, axis_labels, shorten, slots
from .periods import KIND_ORDER, KIND_WORDS, Period, change_text, format_value, gap_notes, is_percent, parse_period

__all__ = [
    "SeriesChart",
    "visitors",
    "beer_imports",
    "Period",
    "parse_period",
    "change_text",
    "format_value",
    "DEFAULT_ANNOTATIONS",
]

#: Timeline ids marked on charts by default (only those inside the chart's range are drawn).
DEFAULT_ANNOTATIONS = (
    "export-controls-effective",
    "whitelist-removal-effective",
    "gsomia-termination-announced",
    "gsomia-suspension",
)

#: Short labels for the usual key dates (other ids use the timeline title).
SHORT_LABELS = {
    "export-controls-announced": "Export controls announced",
    "export-controls-effective": "Export controls",
    "boycott-begins": "Boycott begins",
    "whitelist-removal-effective": "White-list removal",
    "kr-whitelist-removal-effective": "Seoul's white-list removal",
    "gsomia-termination-announced": "GSOMIA end announced",
    "gsomia-suspension": "GSOMIA kept",
    "export-controls-lifted": "Controls lifted",
    "gsomia-normalized": "GSOMIA normalized",
}

_FIGSIZE = (8.0, 4.4)
_AX_RECT = (0.13, 0.2, 0.84, 0.76)
_LINE = OKABE_ITO["blue"]


# --------------------------------------------------------------------------------------------------------
# Periods and numbers (no heavy imports)
# --------------------------------------------------------------------------------------------------------


def _css() -> str:
    """lessons/static/chart.css"""
    return static_text("chart.css")


def _script() -> str:
    """the twin's script"""
    return static_text("chart-change.js") + static_text("chart.js")


# --------------------------------------------------------------------------------------------------------
# The component
# --------------------------------------------------------------------------------------------------------


class SeriesChart(Component):
    """A time series of ``data/figures.csv`` with a period selector, key dates, gaps and a change readout.

    Parameters
    ----------
    series_id:
        The ``series_id`` to draw, e.g. ``"kr-visitors-to-japan"``.
    rows:
        Rows of the figures dataset (loaded from data when None).
    periods:
        Which periods to draw: None (the most common kind of period in the series), a kind ("month",
        "quarter", "half", "year", "range") or a list of period strings.
    annotate:
        Timeline ids whose dates are marked (those inside the chart's range).
    title:
        Heading (default: the series name).
    events:
        Timeline rows for the annotations (loaded from data when None).
    start, end:
        The periods compared at first (default: the first and last periods with a value).
    """

    label = "Interactive chart"

    def __init__(
        self,
        series_id: str,
        rows: list[dict] | None = None,
        periods: str | Iterable[str] | None = None,
        annotate: Iterable[str] = DEFAULT_ANNOTATIONS,
        title: str | None = None,
        events: list[dict] | None = None,
        start: str | None = None,
        end: str | None = None,
    ) -> None:
        super().__init__()
        from .. import data

        if rows is None:
            rows = data.rows("figures")
        if events is None:
            try:
                events = data.rows("timeline")
            except data.DataError:
                events = []
        self.series_id = series_id
        self.error: str | None = None
        self.notes: list[str] = []
        self.points: list[dict] = []
        self.unit = ""
        series_rows = [r for r in rows if r.get("series_id") == series_id]
        self.series_name = series_rows[0]["series"] if series_rows else series_id
        self.title = title or self.series_name
        if not series_rows:
            known = sorted({r.get("series_id") for r in rows if r.get("series_id")})
            self.error = (
                f"There is no series called {series_id!r} in the figures data. Series available: "
                f"{', '.join(known) or 'none'}."
            )
        else:
            try:
                self._build_points(series_rows, periods)
            except ValueError as exc:
                self.error = str(exc)
        if not self.error and not self.points:
            self.error = f"The series {series_id!r} has no periods to draw."
        self.annotations = self._annotations(annotate, events or [])
        self._start, self._end = 0, max(len(self.points) - 1, 0)
        with_value = [i for i, p in enumerate(self.points) if p["value"] is not None]
        if with_value:
            self._start, self._end = with_value[0], with_value[-1]
        self.range_error: str | None = None
        self._fig: Any = None
        if not self.error:
            self.set_periods(start=start, end=end)
        self._initial = (self._start, self._end, self.range_error)

    def plain_text(self) -> str:
        """What JupyterLab shows for the saved output before the notebook runs."""
        return (
            f"Interactive chart: {self.title} — run this cell to choose the periods compared; the course "
            "website shows a version without Python."
        )

    # --- data ------------------------------------------------------------------------------------------------
    def _build_points(self, series_rows: list[dict], periods: Any) -> None:
        parsed = []
        for r in series_rows:
            parsed.append((parse_period(r["period"]), r))
        kinds = Counter(p.kind for p, _ in parsed)
        if periods is None:
            kind = max(KIND_ORDER, key=lambda k: (kinds.get(k, 0), -KIND_ORDER.index(k)))
            chosen = [(p, r) for p, r in parsed if p.kind == kind]
        elif isinstance(periods, str):
            if periods not in KIND_ORDER:
                raise ValueError(
                    f"{periods!r} is not a kind of period. Use one of: {', '.join(KIND_ORDER)} — "
                    f"or a list of periods."
                )
            kind = periods
            chosen = [(p, r) for p, r in parsed if p.kind == kind]
            if not chosen:
                have = ", ".join(KIND_WORDS[k] for k in KIND_ORDER if kinds.get(k))
                raise ValueError(
                    f"The series {self.series_id!r} has no {KIND_WORDS[kind]} figures " f"(it has: {have})."
                )
        else:
            wanted = list(periods)
            by_period = {r["period"]: (p, r) for p, r in parsed}
            unknown = [w for w in wanted if w not in by_period]
            if unknown:
                raise ValueError(f"The series {self.series_id!r} has no row for the period {unknown[0]!r}.")
            chosen = [by_period[w] for w in wanted]
            kind = chosen[0][0].kind if len({p.kind for p, _ in chosen}) == 1 else "range"
        chosen.sort(key=lambda pr: (pr[0].start, pr[0].end))
        left_out = [r["period"] for p, r in parsed if all(r is not c for _, c in chosen)]
        if left_out:
            self.notes.append(
                f"Not drawn: {len(left_out)} figure(s) of this series for periods of another length "
                f"({', '.join(left_out)}); they are in the data but can't share an axis with "
                f"{KIND_WORDS.get(kind, 'these')} figures."
            )
        units = Counter(r.get("unit") for _, r in chosen)
        self.unit = units.most_common(1)[0][0] or ""
        points = []
        for p, r in chosen:
            points.append(
                {
                    "period": r["period"],
                    "period_obj": p,
                    "label": p.label,
                    "value": r.get("value"),
                    "unit": r.get("unit") or self.unit,
                    "note": r.get("note"),
                    "sources": list(r.get("sources") or ()),
                    "confidence": r.get("confidence"),
                    "row": True,
                }
            )
        if (kind in ("month", "year") and periods is None) or periods in ("month", "year"):
            points = self._fill(points, kind)
        self.points = points

    def _fill(self, points: list[dict], kind: str) -> list[dict]:
        """Add the months (or years) that have no row at all as missing values, so they show as gaps."""
        if not points:
            return points
        out = []
        for p in points:
            while out:
                nxt = out[-1]["period_obj"].end
                if nxt >= p["period_obj"].start:
                    break
                text = f"{nxt.year}-{nxt.month:02d}" if kind == "month" else str(nxt.year)
                per = parse_period(text)
                out.append(
                    {
                        "period": text,
                        "period_obj": per,
                        "label": per.label,
                        "value": None,
                        "unit": self.unit,
                        "note": "no row in the data for this period",
                        "sources": [],
                        "confidence": None,
                        "row": False,
                    }
                )
            out.append(p)
        return out

    def _annotations(self, ids: Iterable[str], events: list[dict]) -> list[dict]:
        by_id = {e.get("id"): e for e in events}
        out = []
        for event_id in ids or ():
            event = by_id.get(event_id)
            if event is None:
                continue  # only dates backed by a timeline row are drawn
            parts = [int(x) for x in str(event["date"]).split("-")] + [1, 1]
            date = _dt.date(parts[0], parts[1], parts[2])
            prec = event.get("precision") or "day"
            when = (
                f"{date.day} {MONTHS[date.month - 1]} {date.year}"
                if prec == "day"
                else f"{MONTHS[date.month - 1]} {date.year}"
                if prec == "month"
                else str(date.year)
            )
            name = SHORT_LABELS.get(event_id) or shorten(str(event.get("title", event_id)), 26)
            out.append({"id": event_id, "date": date, "when": when, "label": name, "x": self._x_of(date)})
        return [a for a in out if a["x"] is not None]

    _figsize = _FIGSIZE
    _ax_rect = _AX_RECT
    _tick_pt = TICK_PT
    _note_pt = NOTE_PT

    def _slots(self) -> tuple[list[float], list[float]]:
        """(left edge, width) of each period on the x axis (see :func:`chart_layout.slots`)."""
        return slots(self.points)

    def _phone_chart(self) -> SeriesChart:
        """The same chart drawn for a phone (see :data:`PHONE`), made once."""
        import copy

        phone = self.__dict__.get("_phone")
        if phone is None:
            phone = copy.copy(self)
            phone._fig = None
            for key, value in PHONE.items():
                setattr(phone, key, value)
            self.__dict__["_phone"] = phone
        return phone

    def _centre(self, k: int) -> float:
        lefts, widths = self._slots()
        return lefts[k] + widths[k] / 2

    def _edges(self, i: int, j: int) -> tuple[float, float]:
        """Left edge of period i and right edge of period j on the x axis."""
        lefts, widths = self._slots()
        return lefts[i], lefts[j] + widths[j]

    def _x_of(self, date: _dt.date) -> float | None:
        """Position of a date on the chart's axis (see :meth:`_slots`)."""
        lefts, widths = self._slots()
        for i, p in enumerate(self.points):
            per = p["period_obj"]
            if per.start <= date < per.end:
                return lefts[i] + widths[i] * (date - per.start).days / (per.end - per.start).days
        return None

    # --- state ------------------------------------------------------------------------------------------------
    def set_periods(self, start: str | None = None, end: str | None = None) -> SeriesChart:
        """Choose the first and last period shown and compared (period strings such as '2018-08', or None to keep
        the current one). A period that isn't in the chart, or a start after the end, shows a notice."""
        if self.error:
            return self
        self.range_error = None
        index = {p["period"]: i for i, p in enumerate(self.points)}
        for value in (start, end):
            if value is not None and value not in index:
                first, last = self.points[0]["label"], self.points[-1]["label"]
                self.range_error = (
                    f"There is no period {value!r} in this chart. Choose one from {first} to " f"{last}."
                )
        if not self.range_error:
            i = self._start if start is None else index[start]
            j = self._end if end is None else index[end]
            if i > j:
                self.range_error = (
                    f"The start ({self.points[i]['label']}) comes after the end "
                    f"({self.points[j]['label']}). Choose a start before the end."
                )
            else:
                self._start, self._end = i, j
        self._refresh()
        return self

    @property
    def start(self) -> str | None:
        return self.points[self._start]["period"] if self.points else None

    @property
    def end(self) -> str | None:
        return self.points[self._end]["period"] if self.points else None

    def readout(self) -> str:
        """The change between the selected start and end, as a sentence."""
        if self.error:
            return self.error
        if self.range_error:
            return self.range_error
        return change_text(self.points, self._start, self._end, self.unit)

    def visible_points(self) -> list[dict]:
        return self.points[self._start : self._end + 1]

    # --- figure ------------------------------------------------------------------------------------------------
    # Speed. Matplotlib 3.11 renders text glyph by glyph (about a quarter of a millisecond each here), so redrawing
    # a chart with its tick labels and key dates took ~200 ms. So: (1) labels are paths built once per string
    # (PathText); (2) the chart always shows the whole series and is drawn once; its pixels are kept as a
    # background, and choosing periods only redraws the highlight (a shaded band from start to end and rings on
    # the two compared points) on top of that background; (3) the PNG is encoded on the course palette.

    def _make_figure(self) -> Any:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.lines import Line2D
        from matplotlib.patches import Rectangle
        from matplotlib.ticker import MaxNLocator

        fig = Figure(figsize=self._figsize, dpi=DPI)
        FigureCanvasAgg(fig)
        ax = fig.add_axes(self._ax_rect)
        lefts, widths = self._slots()
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.tick_params(labelbottom=False, labelleft=False, colors=TEXT, length=4)
        n = len(self.points)
        xs = [lefts[k] + widths[k] / 2 for k in range(n)]
        ys = [float("nan") if p["value"] is None else p["value"] for p in self.points]
        ax.plot(xs, ys, color=_LINE, lw=2, marker="o", ms=5, zorder=3)
        gaps = 0
        i = 0
        while i < n:
            if self.points[i]["value"] is None:
                j = i
                while j + 1 < n and self.points[j + 1]["value"] is None:
                    j += 1
                ax.axvspan(
                    *self._edges(i, j), facecolor="none", edgecolor="#b0b0b0", hatch="///", lw=0, zorder=1
                )
                gaps += 1
                i = j + 1
            else:
                i += 1
        ax.grid(axis="y", color="#e3e3e3", lw=0.6)
        ax.set_axisbelow(True)
        xlim = (-0.1, lefts[-1] + widths[-1] + 0.1) if n else (-0.6, 0.6)
        ax.set_xlim(*xlim)
        # x tick labels: at most 8, month/quarter labels on two lines.
        # Ticks on periods with a figure (or the first of a gap), at most as many as fit.
        most = 8 if self._figsize[0] >= 6 else 4
        candidates = [k for k in range(n) if widths[k] >= 1.0 or k == 0 or self.points[k - 1]["value"] is not None]
        step = next(s for s in (1, 2, 3, 4, 6, 12, 24, 60) if len(candidates) / s <= most)
        ticks = candidates[::step]
        ax.set_xticks([xs[k] for k in ticks])
        xaxis = ax.get_xaxis_transform()
        for k in ticks:
            label = self.points[k]["label"]
            two_lines = self.points[k]["period_obj"].kind in ("month", "quarter", "half")
            first, _, rest = label.partition(" ") if two_lines else (label, "", "")
            PathText(fig, first, xaxis, xs[k], -0.035, self._tick_pt, ha="center", va="top", gid="gs-tick")
            if rest:
                PathText(fig, rest, xaxis, xs[k], -0.035 - 0.055 * self._tick_pt / 9.5 * 4.4 / self._figsize[1],
                          self._tick_pt, ha="center", va="top", gid="gs-tick")
        # Key dates: dashed lines; labels stacked on levels so they never overlap.
        width_px = self._ax_rect[2] * self._figsize[0] * DPI
        px_per_x = width_px / (xlim[1] - xlim[0])
        level_ends: list[float] = []
        placed = []
        for a in self.annotations:
            ax.axvline(a["x"], color=TEXT, ls=(0, (2, 2)), lw=1, zorder=2)
            x_px = (a["x"] - xlim[0]) * px_per_x
            w = max(PathText.width_px(a["label"], self._note_pt), PathText.width_px(a["when"], self._note_pt))
            ha = "left" if x_px + 3 + w + 4 <= width_px else "right"
            left = x_px + 1 if ha == "left" else x_px - 5 - w
            level = next((k for k, end in enumerate(level_ends) if left > end + 4), len(level_ends))
            if level == len(level_ends):
                level_ends.append(0.0)
            level_ends[level] = left + w + 4
            placed.append((a, ha, level, w, x_px))
        # Line height and level spacing of the key-date labels, as fractions of the axes' height.
        lh = 1.2 * self._note_pt / 72 * DPI / (self._ax_rect[3] * self._figsize[1] * DPI)
        lev = 2 * lh + 0.008
        top_free = 0.97 - lev * len(level_ends)  # the data stay below the key-date labels
        values = [v for v in ys if v == v]
        if values:
            lo, hi = min(values), max(values)
            if lo >= 0:
                ymin, ymax = (
                    0.0,
                    (hi / top_free * 1.02 if hi > 0 else 1.0),
                )  # from zero: a fall is not exaggerated
            else:
                span = (hi - lo) or abs(hi) or 1.0
                ymin, ymax = lo - 0.08 * span, lo + (hi - lo + 0.1 * span) / top_free
        else:
            ymin, ymax = 0.0, 1.0
        ax.set_ylim(ymin, ymax)
        yticks = [
            t
            for t in MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]).tick_values(ymin, ymax)
            if ymin <= t <= ymax
        ]
        ax.set_yticks(yticks)
        yaxis = ax.get_yaxis_transform()
        for t, label in zip(yticks, axis_labels(yticks)):
            PathText(fig, label, yaxis, -0.012, t, self._tick_pt, ha="right", va="center", gid="gs-tick")
        if ymin < 0 < ymax:
            ax.axhline(0, color=MUTED_TEXT, lw=0.8)
        for a, ha, level, w, x_px in placed:
            y = 0.97 - lev * level
            dx = 3 if ha == "left" else -3
            box_left = (x_px + dx - (0 if ha == "left" else w) - 2) / px_per_x + xlim[0]
            ax.add_patch(
                Rectangle(
                    (box_left, y - 2 * lh - 0.002),
                    (w + 4) / px_per_x,
                    2 * lh + 0.004,
                    transform=xaxis,
                    facecolor="white",
                    edgecolor="none",
                    alpha=0.85,
                    zorder=4,
                )
            )
            for k, text in enumerate((a["label"], a["when"])):
                PathText(
                    fig,
                    text,
                    xaxis,
                    a["x"],
                    y - lh * k,
                    self._note_pt,
                    ha=ha,
                    va="top",
                    dx_px=dx,
                    zorder=5,
                    gid="gs-annotation",
                )
        PathText(
            fig,
            self.unit,
            fig.transFigure,
            0.02 * 8 / self._figsize[0],
            self._ax_rect[1] + self._ax_rect[3] / 2,
            self._tick_pt,
            rotation=90,
            ha="center",
            va="center",
        )
        if gaps:
            fig.add_artist(
                Rectangle(
                    (self._ax_rect[0], 0.02),
                    0.025 * 8 / self._figsize[0],
                    0.04 * 4.4 / self._figsize[1],
                    transform=fig.transFigure,
                    facecolor="none",
                    edgecolor="#b0b0b0",
                    hatch="///",
                    lw=0.6,
                )
            )
            PathText(fig, "no figure found (a gap, drawn narrow)", fig.transFigure,
                      self._ax_rect[0] + 0.035 * 8 / self._figsize[0], 0.02 + 0.02 * 4.4 / self._figsize[1],
                      self._tick_pt, va="center")
        # The highlight: drawn over the cached background on every change.
        band = Rectangle(
            (0, 0), 1, 1, transform=xaxis, facecolor=OKABE_ITO["orange"], alpha=0.2, lw=0, zorder=0.5
        )
        ax.add_patch(band)
        rings = Line2D(
            [],
            [],
            ls="",
            marker="o",
            ms=11,
            markerfacecolor="none",
            markeredgecolor=TEXT,
            markeredgewidth=1.6,
            zorder=6,
        )
        ax.add_line(rings)
        self._ax, self._band, self._rings = ax, band, rings
        self._ys = ys
        # Two backgrounds, drawn once: with the band across the whole axis, and without it. A highlight is the
        # plain background with the band's columns copied from the other, then the rings drawn on top — the
        # same pixels a full redraw gives, as everything the band lies under is in both backgrounds.
        rings.set_visible(False)
        band.set_x(xlim[0])
        band.set_width(xlim[1] - xlim[0])
        fig.canvas.draw()
        self._background_band = fig.canvas.copy_from_bbox(fig.bbox)
        band.set_visible(False)
        fig.canvas.draw()
        self._background = fig.canvas.copy_from_bbox(fig.bbox)
        band.set_visible(True)
        rings.set_visible(True)
        return fig

    def _highlight(self, i: int, j: int) -> None:
        """Move the band to cover periods i..j and ring the two compared points."""
        left, right = self._edges(i, j)
        self._band.set_x(left)
        self._band.set_width(right - left)
        ends = [k for k in (i, j) if self._ys[k] == self._ys[k]]
        self._rings.set_data([self._centre(k) for k in ends], [self._ys[k] for k in ends])

    def figure(self) -> Any:
        """The chart as a :class:`matplotlib.figure.Figure` (reused between redraws): the whole series, with
        the selected periods shaded and the two compared points ringed."""
        if self._fig is None:
            self._fig = self._make_figure()
        self._highlight(self._start, self._end)
        return self._fig

    def _fast_png(self, i: int, j: int) -> bytes:
        """PNG of the chart highlighting i..j: the cached background plus the highlight, on the course palette."""
        import io

        import numpy as np

        from .raster import quantize_rgb

        if self._fig is None:
            self._fig = self._make_figure()
        self._highlight(i, j)
        canvas = self._fig.canvas
        canvas.restore_region(self._background)
        edge_l, edge_r = self._edges(i, j)
        left = self._ax.transData.transform([(edge_l, 0), (edge_r, 0)])[:, 0]
        ax_box = self._ax.bbox
        x0, x1 = max(round(left[0]), int(ax_box.x0)), min(round(left[1]), math.ceil(ax_box.x1))
        canvas.restore_region(self._background_band, bbox=(x0, 0, x1, int(self._fig.bbox.height)), xy=(0, 0))
        self._ax.draw_artist(self._rings)
        buffer = io.BytesIO()
        quantize_rgb(np.asarray(canvas.buffer_rgba())[:, :, :3]).save(buffer, format="PNG", compress_level=6)
        return buffer.getvalue()

    def png(self) -> bytes:
        """The chart as PNG bytes (fixed size and dpi, so the same data and periods give the same bytes)."""
        return self._fast_png(self._start, self._end)

    def alt_text(self, i: int | None = None, j: int | None = None) -> str:
        """What the chart shows, in words: the series, its range, extremes, gaps, key dates and the shading."""
        i = self._start if i is None else i
        j = self._end if j is None else j
        pts = self.points
        known = [p for p in pts if p["value"] is not None]
        kind = KIND_WORDS.get(pts[0]["period_obj"].kind, "") if pts else ""
        text = (
            f"Line chart of {self.series_name} ({self.unit}), {kind}, {pts[0]['label']} to "
            f"{pts[-1]['label']}: {len(known)} of {len(pts)} periods have a figure."
        )
        if known:
            hi = max(known, key=lambda p: p["value"])
            lo = min(known, key=lambda p: p["value"])
            text += (
                f" Highest {format_value(hi['value'], self.unit)} in {hi['label']}; lowest "
                f"{format_value(lo['value'], self.unit)} in {lo['label']}."
            )
        gaps = gap_notes(pts)
        if gaps:
            text += " Gaps in the line (hatched): " + " ".join(gaps)
        marks = [f"{a['label']} ({a['when']})" for a in self.annotations]
        if marks:
            text += " Dashed lines mark: " + "; ".join(marks) + "."
        text += f" Shaded: {pts[i]['label']} to {pts[j]['label']}, the periods compared."
        return text

    def figure_html(self) -> str:
        if self.error:
            return notice(self.error, "error")
        if self.range_error:
            return notice(self.range_error, "error")
        return png_img(self.png(), alt=self.alt_text())

    def notes_html(self, i: int | None = None, j: int | None = None) -> str:
        if self.error:
            return ""
        i = self._start if i is None else i
        j = self._end if j is None else j
        gaps = [g.removeprefix("No figure found for ").rstrip(".") for g in gap_notes(self.points[i : j + 1])]
        notes = list(self.notes)
        if gaps:  # one note for every gap: "No figure found for Feb–Jul 2018, Nov 2018 and Feb–Jun 2019 (…)."
            spans = gaps[0] if len(gaps) == 1 else ", ".join(gaps[:-1]) + " and " + gaps[-1]
            notes.insert(0, f"No figure found for {spans} (hatched on the chart, each gap drawn narrow).")
        return "".join(f'<p class="gs-muted">{esc(n)}</p>' for n in notes)

    def table_html(self, i: int | None = None, j: int | None = None) -> str:
        """The values from period i to j (default: the selected range) with unit, note and sources."""
        if self.error:
            return ""
        i = self._start if i is None else i
        j = self._end if j is None else j
        body = []
        for p in self.points[i : j + 1]:
            value = format_value(p["value"], None)
            if p["value"] is None and p.get("note"):
                value = f"no figure ({p['note']})"
            sources = "<br>".join(source_html(s) for s in p["sources"]) or '<span class="gs-muted">—</span>'
            conf = (
                f' <span class="gs-conf-{esc(p["confidence"])}">({esc(p["confidence"])} confidence)</span>'
                if p.get("confidence") in ("low", "medium")
                else ""
            )
            note = (
                f'<br><span class="gs-muted">{esc(p["note"])}</span>'
                if p["value"] is not None and p.get("note")
                else ""
            )
            body.append(
                [
                    p["label"],
                    esc(value),
                    p["unit"],
                    f'<span class="gs-chart-sources">{sources}</span>{conf}{note}',
                ]
            )
        return table(
            ("Period", "Value", "Unit", "Source"),
            body,
            caption=f"{self.series_name} — values and sources",
            raw_columns=(1, 3),
            css_class="gs-table gs-chart-table",
        )

    # --- live view ------------------------------------------------------------------------------------------------
    def build_widget(self) -> Any:
        import ipywidgets as w

        self._w_figure = w.HTML()
        self._w_readout = w.HTML()
        self._w_notes = w.HTML()
        self._w_table = w.HTML()
        from .timeline import live_header

        header = w.HTML(live_header(self.title, _css().replace(".gs-chart", ".gs-live")))
        if self.error:
            self._w_figure.value = notice(self.error, "error")
            view = w.VBox([header, self._w_figure])
            view.add_class("gs-live")
            return view
        options = [(p["label"], p["period"]) for p in self.points]
        self._w_from = w.Dropdown(options=options, value=self.start, description="From")
        self._w_to = w.Dropdown(options=options, value=self.end, description="To")
        self._syncing = False
        self._w_from.observe(self._on_control, names="value")
        self._w_to.observe(self._on_control, names="value")
        self._w_notes.value = self.notes_html(0, len(self.points) - 1)
        self._w_table.value = self.table_html(0, len(self.points) - 1)
        view = w.VBox(
            [
                header,
                w.HBox([self._w_from, self._w_to]),
                self._w_readout,
                self._w_figure,
                self._w_notes,
                self._w_table,
            ]
        )
        view.add_class("gs-live")
        self._widget = view
        self._refresh()
        return view

    def _on_control(self, _change: Any = None) -> None:
        if getattr(self, "_syncing", False):
            return
        self.set_periods(start=self._w_from.value, end=self._w_to.value)

    def _refresh(self) -> None:
        if self._widget is None or not hasattr(self, "_w_from"):
            return
        self._syncing = True
        try:
            if not self.range_error:
                self._w_from.value = self.start
                self._w_to.value = self.end
        finally:
            self._syncing = False
        self._w_readout.value = (
            notice(self.range_error, "error")
            if self.range_error
            else f'<p class="gs-chart-readout" role="status">{esc(self.readout())}</p>'
        )
        self._w_figure.value = self.figure_html()

    # --- twin ------------------------------------------------------------------------------------------------------
    def twin_html(self) -> str:
        root = dom_id(
            "chart", self.series_id, self.title, [p["period"] for p in self.points], self._initial[:2]
        )
        head = f"<h3>{esc(self.title)}</h3>"
        if self.error:
            return twin("chart", self.title, head + notice(self.error, "error"), root_id=root, css=_css())
        i0, j0, initial_error = self._initial
        n = len(self.points)
        # The picture shows the whole series with the initial comparison shaded; on a phone, a narrower drawing
        # with larger labels (a <picture> source), so labels stay readable instead of shrinking.
        img = png_img(self._fast_png(i0, j0), alt=self.alt_text(i0, j0))
        phone = base64.b64encode(self._phone_chart()._fast_png(i0, j0)).decode("ascii")
        img = (f'<picture><source media="(max-width: 40em)" srcset="data:image/png;base64,{phone}">'
               f"{img}</picture>")
        fid = root + "-"

        def options(selected: int) -> str:
            return "".join(
                f'<option value="{k}"{" selected" if k == selected else ""}>{esc(p["label"])}</option>'
                for k, p in enumerate(self.points)
            )

        payload = {
            "percent": is_percent(self.unit),
            "points": [
                {"l": p["label"], "v": p["value"], "f": format_value(p["value"], self.unit)}
                for p in self.points
            ],
        }
        readout = initial_error or change_text(self.points, i0, j0, self.unit)
        body = (
            head
            + img
            + self.notes_html(0, n - 1)
            + f'<div class="gs-controls" hidden><label for="{fid}from">From</label><select id="{fid}from" '
            f'data-gs-from>{options(i0)}</select><label for="{fid}to">To</label><select id="{fid}to" data-gs-to>'
            f"{options(j0)}</select></div>"
            + f'<p class="gs-chart-readout" role="status" aria-live="polite">{esc(readout)}</p>'
            + '<details class="gs-chart-table-box"><summary>The figures, with notes and sources (table)</summary>'
            + self.table_html(0, n - 1).replace('<table class="gs-table', '<table class="gs-table gs-phone-cards', 1)
            + "</details>"
            + f'<script type="application/json">{json_for_script(payload)}</script>'
        )
        return twin("chart", self.title, body, root_id=root, script=_script(), css=_css())


# --------------------------------------------------------------------------------------------------------
# Ready-made charts
# --------------------------------------------------------------------------------------------------------


def visitors(**kwargs: Any) -> SeriesChart:
    """Monthly South Korean visitors to Japan (series ``kr-visitors-to-japan``), comparing Aug 2018 with Aug 2019
    at first. Keyword arguments go to :class:`SeriesChart`."""
    kwargs.setdefault("periods", "month")
    kwargs.setdefault("title", "South Korean visitors to Japan, per month")
    chart = SeriesChart("kr-visitors-to-japan", **kwargs)
    if kwargs.get("start") is None and kwargs.get("end") is None:
        _with_default_comparison(chart, "2018-08", "2019-08")
    return chart


def beer_imports(**kwargs: Any) -> SeriesChart:
    """Monthly South Korean imports of Japanese beer (series ``kr-beer-imports-from-japan``), comparing Aug 2018
    with Aug 2019 at first. Keyword arguments go to :class:`SeriesChart`."""
    kwargs.setdefault("periods", "month")
    kwargs.setdefault("title", "South Korea's imports of Japanese beer, per month")
    chart = SeriesChart("kr-beer-imports-from-japan", **kwargs)
    if kwargs.get("start") is None and kwargs.get("end") is None:
        _with_default_comparison(chart, "2018-08", "2019-08")
    return chart


def _with_default_comparison(chart: SeriesChart, start: str, end: str) -> SeriesChart:
    """Compare `start` with `end` at first when both are in the chart and no comparison was asked for."""
    periods = {p["period"] for p in chart.points}
    if not chart.error and chart._initial[2] is None and start in periods and end in periods:
        chart.set_periods(start=start, end=end)
        chart._initial = (chart._start, chart._end, chart.range_error)
    return chart
