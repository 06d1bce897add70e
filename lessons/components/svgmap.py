"""SVG helpers of the region map: numbers for path data, markers, greedy label placement, the projection."""

from __future__ import annotations

from typing import Any

from .. import geo

__all__ = ["num", "triangle", "LabelPlacer", "feature_name", "projection"]


def num(v: float) -> str:
    text = f"{v:.1f}"
    return text[:-2] if text.endswith(".0") else text


def triangle(x: float, y: float, s: float) -> str:
    return f"M{num(x)} {num(y - s)}L{num(x + s)} {num(y + s * 0.8)}L{num(x - s)} {num(y + s * 0.8)}Z"


class LabelPlacer:
    """Greedy label placement: try a few spots around a marker, keep the first that overlaps nothing."""

    SPOTS = (
        (6, -5, "start"),
        (6, 13, "start"),
        (-6, -5, "end"),
        (-6, 13, "end"),
        (0, -8, "middle"),
        (0, 17, "middle"),
    )

    def __init__(self, width: float, height: float) -> None:
        self.width, self.height = width, height
        self.boxes: list[tuple[float, float, float, float]] = [(0, 0, 420, 34)]  # the chosen-launch box

    @staticmethod
    def _box(x: float, y: float, text: str, size: float, anchor: str) -> tuple[float, float, float, float]:
        w = len(text) * size * 0.58
        x0 = x if anchor == "start" else (x - w if anchor == "end" else x - w / 2)
        return (x0, y - size * 0.85, x0 + w, y + size * 0.25)

    def _free(self, b: tuple[float, float, float, float]) -> bool:
        if b[0] < 2 or b[1] < 2 or b[2] > self.width - 2 or b[3] > self.height - 2:
            return False
        return all(b[2] <= o[0] or b[0] >= o[2] or b[3] <= o[1] or b[1] >= o[3] for o in self.boxes)

    def reserve(self, x: float, y: float, text: str, size: float, anchor: str) -> None:
        self.boxes.append(self._box(x, y, text, size, anchor))

    def mark(self, x: float, y: float) -> None:
        self.boxes.append((x - 4, y - 4, x + 4, y + 4))

    def place(self, x: float, y: float, text: str, size: float) -> tuple[float, float, str] | None:
        for dx, dy, anchor in self.SPOTS:
            b = self._box(x + dx, y + dy, text, size, anchor)
            if self._free(b):
                self.boxes.append(b)
                return x + dx, y + dy, anchor
        return None


def feature_name(feature: dict[str, Any]) -> str:
    props = feature.get("properties") or {}
    for key in ("name", "NAME_EN", "NAME", "ADMIN", "name_en"):
        if props.get(key):
            return str(props[key])
    return "Country"


_PROJECTIONS: dict[int, geo.Projection] = {}


def projection(width: int) -> geo.Projection:
    if width not in _PROJECTIONS:
        _PROJECTIONS[width] = geo.Projection(geo.EXTENT, width)
    return _PROJECTIONS[width]
