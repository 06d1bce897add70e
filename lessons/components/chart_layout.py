"""Layout rules of the series charts (lessons.components.charts): label sizes, the phone drawing, compact gaps,
axis labels. Kept apart so the chart component stays within its size ceiling."""

from __future__ import annotations

from collections.abc import Sequence

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
