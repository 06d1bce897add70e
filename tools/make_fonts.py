"""Make the site's subset web fonts: Korean, Japanese and the symbols the course uses, as small woff2 files.

The site must show Korean and Japanese (the glossary, names, places) and a few symbols (■ ▲ ▼ ◆ ● ○ ⚑ ✓ → ≈ …) on
any computer, including one without CJK fonts, and must fetch nothing. So it ships fonts cut down to exactly the
characters the course uses:

- ``noto-sans-kr-subset.woff2`` and ``noto-sans-jp-subset.woff2``: Noto Sans CJK KR / JP (SIL Open Font Licence
  1.1) from Debian's ``fonts-noto-cjk`` package, cut to the Hangul, kana, Han characters and CJK punctuation found
  in ``data/``, ``notebooks/``, ``seeds/`` and ``lessons/``;
- ``symbols-subset.woff2``: DejaVu Sans (Bitstream Vera licence) from Debian's ``fonts-dejavu-core``, cut to the
  symbols listed in :data:`SYMBOLS` that appear in those files.

Run it again after new Korean or Japanese text is added (a test fails when a character is missing)::

    apt-get download fonts-noto-cjk && dpkg -x fonts-noto-cjk_*.deb /tmp/noto   # no root needed
    .venv/bin/python -m pip install brotli                                        # fonttools is installed
    .venv/bin/python tools/make_fonts.py --cjk /tmp/noto/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

Output: ``lessons/site/static/fonts/`` (the woff2 files, ``chars.txt`` with the characters covered, and
``LICENSE-fonts.md``). Only those files are committed; the source fonts are build-time tools.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "lessons" / "site" / "static" / "fonts"
SCAN = [ROOT / "data", ROOT / "notebooks", ROOT / "seeds", ROOT / "lessons"]
SUFFIXES = {".csv", ".json", ".ipynb", ".md", ".py", ".js", ".css", ".j2", ".txt", ".html"}
#: Symbols the site may show that a bare system might lack (only those found in the sources are kept).
SYMBOLS = "■□▲△▼▽◆◇●○◉★☆⚑⚠✓✔✗✘→←↑↓↔⇒≈≠≤≥−×÷…‹›«»·•–—‘’“”′″°±€£¥₩"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
TTC_INDEX = {"jp": 0, "kr": 1}  # faces in NotoSansCJK-Regular.ttc


def is_hangul(o: int) -> bool:
    return 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F


def is_kana(o: int) -> bool:
    return 0x3040 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF


def is_han(o: int) -> bool:
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF


def is_cjk_punct(o: int) -> bool:
    return 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF


def collect(paths: list[Path] = SCAN) -> dict[str, str]:
    """The characters to cover, by font: {"kr": ..., "jp": ..., "symbols": ...} (sorted, no duplicates)."""
    seen: set[str] = set()
    han_in_korean: set[str] = set()  # Han characters written next to Hangul (Korean names and terms with hanja)
    for base in paths:
        for p in sorted(base.rglob("*")):
            if p.is_file() and p.suffix in SUFFIXES and ".ipynb_checkpoints" not in p.parts \
                    and "fonts" not in p.parts:
                try:
                    text = p.read_text(encoding="utf-8")
                except (UnicodeDecodeError, OSError):
                    continue
                if p.suffix == ".ipynb":  # outputs hold data: URIs (images); keep the text only
                    try:
                        text = json.dumps(json.loads(text), ensure_ascii=False)
                    except ValueError:
                        pass
                seen.update(text)
                for line in text.splitlines():
                    if any(is_hangul(ord(c)) for c in line) and not any(is_kana(ord(c)) for c in line):
                        han_in_korean.update(c for c in line if is_han(ord(c)))
    punct = {c for c in seen if is_cjk_punct(ord(c))}
    # Korean: Hangul, and only the Han characters met in Korean text (the Korean font stack falls back to the
    # Japanese subset for any other); Japanese: kana and every Han character (untagged Han text uses it).
    kr = sorted({c for c in seen if is_hangul(ord(c))} | han_in_korean | punct)
    jp = sorted({c for c in seen if is_kana(ord(c)) or is_han(ord(c))} | punct)
    symbols = sorted(c for c in SYMBOLS if c in seen)
    return {"kr": "".join(kr), "jp": "".join(jp), "symbols": "".join(symbols)}


def subset(source: Path, chars: str, target: Path, index: int | None = None) -> int:
    """Cut `source` (a TTF/OTF, or face `index` of a TTC) to `chars` and write a woff2; returns its size."""
    from fontTools import subset as ft_subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(source), fontNumber=index if index is not None else -1, lazy=False)
    options = ft_subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["kern", "liga", "locl", "vert", "ccmp", "palt"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep copyright, licence and names
    options.hinting = False
    options.desubroutinize = True
    sub = ft_subset.Subsetter(options)
    sub.populate(text=chars)
    sub.subset(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    font.flavor = "woff2"
    font.save(str(target))
    return target.stat().st_size


LICENCE = """# Fonts shipped with the course site

- `noto-sans-kr-subset.woff2`, `noto-sans-jp-subset.woff2`: subsets of Noto Sans CJK KR and JP (Regular),
  © Google / Adobe, under the SIL Open Font License 1.1 (https://openfontlicense.org). Source: Debian package
  `fonts-noto-cjk`. Renamed subsets are allowed by the licence; the fonts are not sold on their own.
- `symbols-subset.woff2`: a subset of DejaVu Sans (Bitstream Vera Fonts licence, public-domain changes by the
  DejaVu authors). Source: Debian package `fonts-dejavu-core`.

Made by `tools/make_fonts.py`; `chars.txt` lists the characters each file covers.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cjk", required=True, help="NotoSansCJK-Regular.ttc from Debian's fonts-noto-cjk")
    parser.add_argument("--symbols", default=str(DEJAVU), help="DejaVuSans.ttf (default: the system's)")
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args(argv)
    out = Path(args.out)
    chars = collect()
    sizes = {
        "noto-sans-kr-subset.woff2": subset(Path(args.cjk), chars["kr"], out / "noto-sans-kr-subset.woff2",
                                            TTC_INDEX["kr"]),
        "noto-sans-jp-subset.woff2": subset(Path(args.cjk), chars["jp"], out / "noto-sans-jp-subset.woff2",
                                            TTC_INDEX["jp"]),
        "symbols-subset.woff2": subset(Path(args.symbols), chars["symbols"], out / "symbols-subset.woff2"),
    }
    (out / "chars.txt").write_text(
        "".join(f"{k}\t{v}\n" for k, v in chars.items()), encoding="utf-8")
    (out / "LICENSE-fonts.md").write_text(LICENCE, encoding="utf-8")
    for name, size in sizes.items():
        print(f"{name}: {size / 1024:.1f} KiB")
    print(f"total: {sum(sizes.values()) / 1024:.1f} KiB ({len(chars['kr'])} KR, {len(chars['jp'])} JP, "
          f"{len(chars['symbols'])} symbol characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
