"""The figure of a series chart (matplotlib, imported only when a chart is first drawn) and its alt text.

Speed. Matplotlib 3.11 renders text glyph by glyph (about a quarter of a millisecond each here), so redrawing a
chart with its tick labels and key dates took ~200 ms. So: (1) labels are paths built once per string
(:class:`~lessons.components.chart_layout.PathText`); (2) the chart always shows the whole series and is drawn
once; its pixels are kept as a background, and choosing periods only redraws the highlight (a shaded band from
start to end and rings on the two compared points) on top of that background; (3) the PNG is encoded on the
course palette (:mod:`lessons.components.raster`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from ..style import DPI, MUTED_TEXT, OKABE_ITO, TEXT
from .chart_layout import NOTE_PT, TICK_PT, PathText, axis_labels, slots
from .chart_series import centre, edges
from .periods import KIND_WORDS, format_value, gap_notes

__all__ = ["FIGSIZE", "AX_RECT", "ChartDrawing", "chart_alt_text"]

#: Size of the chart (inches at :data:`lessons.style.DPI`) and its axes (figure fractions); the phone drawing
#: uses :data:`lessons.components.chart_layout.PHONE` instead.
FIGSIZE = (8.0, 4.4)
AX_RECT = (0.13, 0.2, 0.84, 0.76)
LINE = OKABE_ITO["blue"]


class ChartDrawing:
    """The figure of a chart's points, drawn once at a fixed size; :meth:`figure` and :meth:`png` show periods
    i..j shaded and the two compared points ringed.

    `annotations` are key dates as made by :func:`lessons.components.chart_series.key_dates`.
    """

    def __init__(
        self,
        points: Sequence[dict],
        annotations: Sequence[dict],
        unit: str,
        figsize: tuple[float, float] = FIGSIZE,
        ax_rect: tuple[float, float, float, float] = AX_RECT,
        tick_pt: float = TICK_PT,
        note_pt: float = NOTE_PT,
    ) -> None:
        self.points = points
        self.annotations = annotations
        self.unit = unit
        self.figsize = figsize
        self.ax_rect = ax_rect
        self.tick_pt = tick_pt
        self.note_pt = note_pt
        self._draw()

    def _draw(self) -> None:
        """Draw the figure and keep its two backgrounds (see the module's note on speed)."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.lines import Line2D
        from matplotlib.patches import Rectangle
        from matplotlib.ticker import MaxNLocator

        fig = Figure(figsize=self.figsize, dpi=DPI)
        FigureCanvasAgg(fig)
        ax = fig.add_axes(self.ax_rect)
        lefts, widths = slots(self.points)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.tick_params(labelbottom=False, labelleft=False, colors=TEXT, length=4)
        n = len(self.points)
        xs = [lefts[k] + widths[k] / 2 for k in range(n)]
        ys = [float("nan") if p["value"] is None else p["value"] for p in self.points]
        ax.plot(xs, ys, color=LINE, lw=2, marker="o", ms=5, zorder=3)
        gaps = 0
        i = 0
        while i < n:
            if self.points[i]["value"] is None:
                j = i
                while j + 1 < n and self.points[j + 1]["value"] is None:
                    j += 1
                ax.axvspan(
                    *edges(self.points, i, j), facecolor="none", edgecolor="#b0b0b0", hatch="///", lw=0, zorder=1
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
        most = 8 if self.figsize[0] >= 6 else 4
        candidates = [k for k in range(n) if widths[k] >= 1.0 or k == 0 or self.points[k - 1]["value"] is not None]
        step = next(s for s in (1, 2, 3, 4, 6, 12, 24, 60) if len(candidates) / s <= most)
        ticks = candidates[::step]
        ax.set_xticks([xs[k] for k in ticks])
        xaxis = ax.get_xaxis_transform()
        for k in ticks:
            label = self.points[k]["label"]
            two_lines = self.points[k]["period_obj"].kind in ("month", "quarter", "half")
            first, _, rest = label.partition(" ") if two_lines else (label, "", "")
            PathText(fig, first, xaxis, xs[k], -0.035, self.tick_pt, ha="center", va="top", gid="gs-tick")
            if rest:
                PathText(fig, rest, xaxis, xs[k], -0.035 - 0.055 * self.tick_pt / 9.5 * 4.4 / self.figsize[1],
                          self.tick_pt, ha="center", va="top", gid="gs-tick")
        # Key dates: dashed lines; labels stacked on levels so they never overlap.
        width_px = self.ax_rect[2] * self.figsize[0] * DPI
        px_per_x = width_px / (xlim[1] - xlim[0])
        level_ends: list[float] = []
        placed = []
        for a in self.annotations:
            ax.axvline(a["x"], color=TEXT, ls=(0, (2, 2)), lw=1, zorder=2)
            x_px = (a["x"] - xlim[0]) * px_per_x
            w = max(PathText.width_px(a["label"], self.note_pt), PathText.width_px(a["when"], self.note_pt))
            ha = "left" if x_px + 3 + w + 4 <= width_px else "right"
            left = x_px + 1 if ha == "left" else x_px - 5 - w
            level = next((k for k, end in enumerate(level_ends) if left > end + 4), len(level_ends))
            if level == len(level_ends):
                level_ends.append(0.0)
            level_ends[level] = left + w + 4
            placed.append((a, ha, level, w, x_px))
        # Line height and level spacing of the key-date labels, as fractions of the axes' height.
        lh = 1.2 * self.note_pt / 72 * DPI / (self.ax_rect[3] * self.figsize[1] * DPI)
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
            PathText(fig, label, yaxis, -0.012, t, self.tick_pt, ha="right", va="center", gid="gs-tick")
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
                    self.note_pt,
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
            0.02 * 8 / self.figsize[0],
            self.ax_rect[1] + self.ax_rect[3] / 2,
            self.tick_pt,
            rotation=90,
            ha="center",
            va="center",
        )
        if gaps:
            fig.add_artist(
                Rectangle(
                    (self.ax_rect[0], 0.02),
                    0.025 * 8 / self.figsize[0],
                    0.04 * 4.4 / self.figsize[1],
                    transform=fig.transFigure,
                    facecolor="none",
                    edgecolor="#b0b0b0",
                    hatch="///",
                    lw=0.6,
                )
            )
            PathText(fig, "no figure found (a gap, drawn narrow)", fig.transFigure,
                      self.ax_rect[0] + 0.035 * 8 / self.figsize[0], 0.02 + 0.02 * 4.4 / self.figsize[1],
                      self.tick_pt, va="center")
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
        self.fig, self.ax, self.band, self.rings = fig, ax, band, rings
        self.ys = ys
        # Two backgrounds, drawn once: with the band across the whole axis, and without it. A highlight is the
        # plain background with the band's columns copied from the other, then the rings drawn on top — the
        # same pixels a full redraw gives, as everything the band lies under is in both backgrounds.
        rings.set_visible(False)
        band.set_x(xlim[0])
        band.set_width(xlim[1] - xlim[0])
        fig.canvas.draw()
        self.background_band = fig.canvas.copy_from_bbox(fig.bbox)
        band.set_visible(False)
        fig.canvas.draw()
        self.background = fig.canvas.copy_from_bbox(fig.bbox)
        band.set_visible(True)
        rings.set_visible(True)

    def highlight(self, i: int, j: int) -> None:
        """Move the band to cover periods i..j and ring the two compared points."""
        left, right = edges(self.points, i, j)
        self.band.set_x(left)
        self.band.set_width(right - left)
        ends = [k for k in (i, j) if self.ys[k] == self.ys[k]]
        self.rings.set_data([centre(self.points, k) for k in ends], [self.ys[k] for k in ends])

    def figure(self, i: int, j: int) -> Any:
        """The :class:`matplotlib.figure.Figure` (the same one every time) with periods i..j highlighted."""
        self.highlight(i, j)
        return self.fig

    def png(self, i: int, j: int) -> bytes:
        """PNG of the chart highlighting i..j: the cached background plus the highlight, on the course palette."""
        import io

        import numpy as np

        from .raster import quantize_rgb

        self.highlight(i, j)
        canvas = self.fig.canvas
        canvas.restore_region(self.background)
        edge_l, edge_r = edges(self.points, i, j)
        left = self.ax.transData.transform([(edge_l, 0), (edge_r, 0)])[:, 0]
        ax_box = self.ax.bbox
        x0, x1 = max(round(left[0]), int(ax_box.x0)), min(round(left[1]), math.ceil(ax_box.x1))
        canvas.restore_region(self.background_band, bbox=(x0, 0, x1, int(self.fig.bbox.height)), xy=(0, 0))
        self.ax.draw_artist(self.rings)
        buffer = io.BytesIO()
        quantize_rgb(np.asarray(canvas.buffer_rgba())[:, :, :3]).save(buffer, format="PNG", compress_level=6)
        return buffer.getvalue()


def chart_alt_text(points: Sequence[dict], series_name: str, unit: str, annotations: Sequence[dict], i: int,
                   j: int) -> str:
    """What the chart shows, in words: the series, its range, extremes, gaps, key dates and the shading of i..j."""
    pts = points
    known = [p for p in pts if p["value"] is not None]
    kind = KIND_WORDS.get(pts[0]["period_obj"].kind, "") if pts else ""
    text = (
        f"Line chart of {series_name} ({unit}), {kind}, {pts[0]['label']} to "
        f"{pts[-1]['label']}: {len(known)} of {len(pts)} periods have a figure."
    )
    if known:
        hi = max(known, key=lambda p: p["value"])
        lo = min(known, key=lambda p: p["value"])
        text += (
            f" Highest {format_value(hi['value'], unit)} in {hi['label']}; lowest "
            f"{format_value(lo['value'], unit)} in {lo['label']}."
        )
    gaps = gap_notes(pts)
    if gaps:
        text += " Gaps in the line (hatched): " + " ".join(gaps)
    marks = [f"{a['label']} ({a['when']})" for a in annotations]
    if marks:
        text += " Dashed lines mark: " + "; ".join(marks) + "."
    text += f" Shaded: {pts[i]['label']} to {pts[j]['label']}, the periods compared."
    return text
