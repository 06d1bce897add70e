"""Issue 16: Korean and Japanese render with the course's own subset fonts on a computer without CJK fonts.

Chromium is started with a fontconfig that knows only DejaVu (no CJK font, no emoji font), the glossary is
opened from file://, and every Korean and Japanese character of the glossary is drawn on a canvas in the
element's own font stack and compared with the "missing glyph" box (U+E000, which no font has): none may be
tofu. The same check on a copy of the site without its fonts/ folder must find tofu, so the test can fail.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lessons.site import build as site

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "site_basic" / "notebooks"

#: For each KO/JA cell of the glossary: its characters that render as the missing-glyph box.
TOFU = """async () => {
  await document.fonts.ready;
  const canvas = document.createElement('canvas'); canvas.width = canvas.height = 40;
  const ctx = canvas.getContext('2d');
  const draw = (ch, family) => { ctx.clearRect(0, 0, 40, 40); ctx.font = '32px ' + family; ctx.fillText(ch, 2, 32);
    return ctx.getImageData(0, 0, 40, 40).data.join(''); };
  const out = {checked: 0, tofu: [], families: []};
  for (const el of document.querySelectorAll('td[lang=ko], td[lang=ja]')) {
    const family = getComputedStyle(el).fontFamily, box = draw('\\uE000', family);
    for (const ch of el.textContent.trim()) {
      if (ch.codePointAt(0) < 0x2E80) continue;      // Latin, digits, punctuation: the system's fonts
      out.checked++;
      if (draw(ch, family) === box) out.tofu.push(ch);
    }
  }
  document.fonts.forEach(f => { if (f.status === 'loaded') out.families.push(f.family.replace(/"/g, '')); });
  return out;
}"""


@pytest.fixture(scope="module")
def glossary_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import chromium_or_skip

    chromium_or_skip()
    base = tmp_path_factory.mktemp("fonts-site")
    hashed = base / "hashed"
    hashed.mkdir()
    (hashed / "x").write_text("1")
    site.build_site(base / "html", notebooks=FIXTURE, cache_dir=base / "cache", hash_dirs=[hashed], quiet=True,
                    teacher_hook=None)
    return base / "html"


@pytest.fixture(scope="module")
def no_cjk_browser(browser, tmp_path_factory: pytest.TempPathFactory):
    """A second Chromium whose fontconfig lists DejaVu only: a machine without CJK or emoji fonts."""
    from tests.browser.conftest import LAUNCH_ARGS

    folder = tmp_path_factory.mktemp("fontconfig")
    (folder / "cache").mkdir()
    dejavu = "/usr/share/fonts/truetype/dejavu"
    (folder / "fonts.conf").write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"<dir>{dejavu}</dir><cachedir>{folder / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("FONTCONFIG")}
    env["FONTCONFIG_FILE"] = str(folder / "fonts.conf")
    from tests.conftest import chromium_or_skip

    instance = browser.browser_type.launch(executable_path=chromium_or_skip(), args=LAUNCH_ARGS, env=env)
    yield instance
    instance.close()


def _tofu(browser, page_path: Path) -> dict:
    context = browser.new_context()
    external: list[str] = []
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:"))
                  else (external.append(r.request.url), r.abort()))
    page = context.new_page()
    page.goto(page_path.resolve().as_uri())
    result = page.evaluate(TOFU)
    context.close()
    assert external == []
    return result


def test_glossary_korean_and_japanese_render_with_the_shipped_fonts(glossary_site: Path, no_cjk_browser) -> None:
    result = _tofu(no_cjk_browser, glossary_site / "glossary.html")
    assert result["checked"] > 50, "the glossary has Korean and Japanese terms to check"
    assert result["tofu"] == [], f"characters drawn as empty boxes: {''.join(sorted(set(result['tofu'])))}"
    assert {"GS Noto Sans KR", "GS Noto Sans JP"} <= set(result["families"])


def test_without_the_shipped_fonts_the_same_text_is_tofu(glossary_site: Path, no_cjk_browser,
                                                         tmp_path: Path) -> None:
    """The control: the test machine really has no CJK font, so the check above would catch missing fonts."""
    bare = tmp_path / "bare"
    shutil.copytree(glossary_site, bare)
    shutil.rmtree(bare / "fonts")
    result = _tofu(no_cjk_browser, bare / "glossary.html")
    assert result["checked"] > 50 and len(result["tofu"]) > 0.9 * result["checked"]


def test_the_fonts_cover_every_korean_and_japanese_character_in_the_course() -> None:
    """A new term in data/ needs `tools/make_fonts.py` run again: this names the characters it lacks."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_fonts", ROOT / "tools" / "make_fonts.py")
    make_fonts = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_fonts)  # type: ignore[union-attr]
    needed = make_fonts.collect()
    covered = dict(line.split("\t", 1) for line in
                   (site.FONTS / "chars.txt").read_text(encoding="utf-8").splitlines() if "\t" in line)
    for key in ("kr", "jp"):
        missing = set(needed[key]) - set(covered.get(key, ""))
        assert not missing, f"{key}: run tools/make_fonts.py again; missing {''.join(sorted(missing))}"
    total = sum(p.stat().st_size for p in site.FONTS.glob("*.woff2"))
    assert total < 400 * 1024, f"the shipped fonts weigh {total / 1024:.0f} KiB"
