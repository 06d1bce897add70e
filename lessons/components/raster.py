"""The one raster helper of the components: figures mapped onto a fixed palette of the course colours.

A palette image keeps the course colours exact, makes PNGs small, and gives the same bytes for the same figure.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ..style import CATEGORY_STYLES, MUTED_TEXT, TEXT

__all__ = ["course_palette", "quantize_rgb"]


@cache
def course_palette() -> list[int]:
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


def quantize_rgb(rgb: Any) -> Any:
    """An RGB array (height × width × 3) as a 'P' mode PIL image on :func:`course_palette`, without dithering."""
    import numpy as np
    from PIL import Image

    palette = Image.new("P", (1, 1))
    palette.putpalette(course_palette())
    return Image.fromarray(np.ascontiguousarray(rgb)).quantize(palette=palette, dither=Image.Dither.NONE)
