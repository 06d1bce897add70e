"""Layout rules of the series charts (lessons.components.charts): label sizes, the phone drawing, compact gaps,
axis labels and the labels drawn as cached paths (PathText). Kept apart so the chart component stays small."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from ..style import DPI, TEXT

#: Label sizes (points at DPI 80): ticks and key-date annotations, ≥ 10 CSS px when the chart is shown at its size.
TICK_PT = 9.5
NOTE_PT = 9.5
#: The phone version of the chart (shown by a <picture> below 40em): narrower, larger labels (≥ 11 CSS px there).
PHONE = {"_figsize": (4.6, 4.6), "_ax_rect": (0.27, 0.19, 0.7, 0.77), "_tick_pt": 11.5, "_note_pt": 11.0}
#: A run of periods with no figure takes this many period-widths on the axis, however long it is.
GAP_WIDTH = 1.0


def slots(points: Sequence[dict]) -> tuple[list[float], list[float]]:
    """(left edge, width) of each period on the x axis. A period with a figure is 1 wide; a run of periods
    with no figure shares :data:`GAP_WIDTH`, so a long gap is drawn compactly."""
    lefts: list[float] = []
    widths: list[float] = []
    x, i, n = 0.0, 0, len(points)
    while i < n:
        j = i
        if points[i]["value"] is None:
            while j + 1 < n and points[j + 1]["value"] is None:
                j += 1
        w = 1.0 if j == i else GAP_WIDTH / (j - i + 1)
        for _ in range(i, j + 1):
            lefts.append(x)
            widths.append(w)
            x += w
        i = j + 1
    return lefts, widths


def shorten(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def axis_labels(ticks: Sequence[float]) -> list[str]:
    """Tick labels on one scale for the whole axis: '0', '2.5 m', '5 m' … or '0', '200,000', '400,000' …"""
    top = max((abs(t) for t in ticks), default=0)
    scale, suffix = (1e9, " bn") if top >= 1e9 else (1e6, " m") if top >= 1e7 else (1, "")
    for decimals in range(0, 4):
        labels = [f"{t / scale:,.{decimals}f}" for t in ticks]
        if all(
            abs(float(lab.replace(",", "")) * scale - t) < 1e-9 * max(top, 1) for lab, t in zip(labels, ticks)
        ):
            break
    return [("0" if t == 0 else lab + suffix).replace("-", "−") for lab, t in zip(labels, ticks)]


class PathText:
    """A one-line label drawn as a filled path (cached per string), placed at (x, y) in `transform`.

    `fig.text` would re-render every glyph on every redraw; a path built once is redrawn in a fraction of that.
    """

    _cache: ClassVar[dict[tuple[str, float], tuple[Any, float]]] = {}

    @classmethod
    def path(cls, text: str, size: float) -> tuple[Any, float]:
        """(the glyph outlines of `text` in points, its advance width in points), built once per string."""
        from matplotlib.font_manager import FontProperties
        from matplotlib.textpath import TextPath, text_to_path

        key = (text, size)
        if key not in cls._cache:
            if len(cls._cache) > 2000:
                cls._cache.clear()
            prop = FontProperties(size=size)
            width = text_to_path.get_text_width_height_descent(text, prop, ismath=False)[0]
            cls._cache[key] = (TextPath((0, 0), text, prop=prop), width)
        return cls._cache[key]

    @classmethod
    def width_px(cls, text: str, size: float) -> float:
        return cls.path(text, size)[1] * DPI / 72

    def __new__(
        cls,
        fig: Any,
        text: str,
        transform: Any,
        x: float,
        y: float,
        size: float,
        ha: str = "left",
        va: str = "baseline",
        rotation: float = 0,
        dx_px: float = 0,
        colour: str = TEXT,
        zorder: float = 3,
        gid: str | None = None,
    ) -> Any:
        from matplotlib.patches import PathPatch
        from matplotlib.transforms import Affine2D, ScaledTranslation

        path, width = cls.path(text, size)
        ox = {"left": 0.0, "center": width / 2, "right": width}[ha]
        oy = {"baseline": 0.0, "top": 0.76 * size, "center": 0.36 * size, "bottom": -0.24 * size}[va]
        local = Affine2D().translate(-ox, -oy).rotate_deg(rotation).scale(DPI / 72).translate(dx_px, 0)
        patch = PathPatch(
            path,
            transform=local + ScaledTranslation(x, y, transform),
            facecolor=colour,
            edgecolor="none",
            lw=0,
            zorder=zorder,
            gid=gid,
        )
        patch.set_label(text)
        patch.set_clip_on(False)
        fig.add_artist(patch)
        return patch
