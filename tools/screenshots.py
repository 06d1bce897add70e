"""Screenshots of every lesson page of the built site, at a desktop and a phone width, for a person to look at.

Usage (after ``make html``)::

    .venv/bin/python tools/screenshots.py [--site _build/html] [--out _build/screenshots] [--full]

For each lesson page and width (1366 and 390 CSS px) it writes ``NN-slug-1366.png`` / ``NN-slug-390.png`` (the
first screen) and, with ``--full``, ``NN-slug-390-full.jpg`` (the whole page, JPEG to keep it small). It also
prints, per page and width, what the tests check: the page's height, whether it scrolls sideways, and the
smallest label (in CSS px, as drawn) inside the course's SVG pictures. Debian's Chromium, offline; nothing is
fetched.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
WIDTHS = {1366: 768, 390: 844}
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--no-first-run", "--disable-sync", "--disable-quic"]

#: JavaScript measuring a page: height, sideways overflow, smallest drawn SVG label (CSS px) in visible pictures.
MEASURE = """() => {
  const de = document.documentElement;
  let minLabel = null, where = '';
  for (const t of document.querySelectorAll('main svg text')) {
    const box = t.getBoundingClientRect();
    if (!box.width || !box.height || t.closest('[hidden]')) continue;
    const svg = t.ownerSVGElement, ctm = t.getScreenCTM();
    if (!svg || !ctm) continue;
    const size = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(ctm.a, ctm.b);
    if (minLabel === null || size < minLabel) {
      minLabel = size;
      const sec = t.closest('section'); where = (sec && sec.getAttribute('aria-label')) || '';
    }
  }
  return {height: de.scrollHeight, scrollWidth: de.scrollWidth, clientWidth: de.clientWidth,
          sideways: de.scrollWidth > de.clientWidth + 1, minSvgLabelPx: minLabel, minLabelIn: where};
}"""


def lesson_pages(site: Path) -> list[Path]:
    import re

    return sorted(p for p in site.glob("*.html") if re.match(r"^\d{2}-", p.name))


def run(site: Path, out: Path, full: bool = False) -> dict:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    report: dict = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        for width, height in WIDTHS.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:"))
                          else r.abort())
            page = context.new_page()
            for path in lesson_pages(site):
                page.goto(path.resolve().as_uri())
                page.wait_for_timeout(100)
                figures = page.evaluate(MEASURE)
                report.setdefault(path.stem, {})[width] = figures
                page.screenshot(path=str(out / f"{path.stem}-{width}.png"))
                if full:
                    page.screenshot(path=str(out / f"{path.stem}-{width}-full.jpg"), full_page=True, type="jpeg",
                                    quality=45)
            context.close()
        browser.close()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", default=str(ROOT / "_build" / "html"))
    parser.add_argument("--out", default=str(ROOT / "_build" / "screenshots"))
    parser.add_argument("--full", action="store_true", help="also a whole-page JPEG of each page")
    args = parser.parse_args(argv)
    site = Path(args.site)
    if not lesson_pages(site):
        print(f"No lesson pages in {site}: run `make html` first.", file=sys.stderr)
        return 1
    report = run(site, Path(args.out), full=args.full)
    for stem, widths in report.items():
        for width, f in widths.items():
            label = "-" if f["minSvgLabelPx"] is None else f"{f['minSvgLabelPx']:.1f} px ({f['minLabelIn']})"
            print(f"{stem:28} {width:>5} px  height {f['height']:>6} px  sideways {'YES' if f['sideways'] else 'no ':3}"
                  f"  smallest SVG label {label}")
    (Path(args.out) / "report.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(f"Screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
