"""The site's own fonts: @font-face rules for the subset woff2 files in ``lessons/site/static/fonts/``.

The files are made by ``tools/make_fonts.py`` (Korean, Japanese and symbols, cut to the characters the course uses;
``chars.txt`` lists them). The site copies them into ``fonts/`` beside its pages; nothing is fetched from the web.
"""

from __future__ import annotations

from pathlib import Path

STATIC = Path(__file__).resolve().parent / "static"
FONTS = STATIC / "fonts"
#: (file, family, which characters of chars.txt) for the shipped subset fonts (see tools/make_fonts.py).
FONT_FILES = (("noto-sans-kr-subset.woff2", "GS Noto Sans KR", "kr"),
              ("noto-sans-jp-subset.woff2", "GS Noto Sans JP", "jp"),
              ("symbols-subset.woff2", "GS Symbols", "symbols"))


def unicode_range(chars: str) -> str:
    """A CSS unicode-range listing `chars` (runs of consecutive code points merged)."""
    points = sorted({ord(c) for c in chars})
    runs: list[list[int]] = []
    for p in points:
        if runs and p == runs[-1][1] + 1:
            runs[-1][1] = p
        else:
            runs.append([p, p])
    return ",".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in runs)


def font_faces_css(root: str) -> str:
    """@font-face rules for the shipped fonts, with URLs relative to a page at `root` ('' or '../').

    Each face is limited (unicode-range) to the characters it was cut to, so a browser downloads a font only
    for a page that shows such a character, and never uses it for Latin text. Symbols: only those beyond
    Latin punctuation (arrows, shapes, ✓ …)."""
    table = FONTS / "chars.txt"
    if not table.is_file():
        return ""
    chars = dict(line.split("\t", 1) for line in table.read_text(encoding="utf-8").splitlines() if "\t" in line)
    rules = []
    for name, family, key in FONT_FILES:
        text = chars.get(key, "")
        if key == "symbols":
            text = "".join(c for c in text if ord(c) >= 0x2190)
        if not text or not (FONTS / name).is_file():
            continue
        rules.append(f'@font-face{{font-family:"{family}";src:url("{root}fonts/{name}") format("woff2");'
                     f"font-display:swap;unicode-range:{unicode_range(text)}}}")
    return "".join(rules)
