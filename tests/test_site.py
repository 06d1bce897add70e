"""The static course site (lessons/site): offline, self-contained, twins instead of widgets, cached rebuilds.

A fast build uses the fixture lessons in tests/fixtures/site_basic/ (a component with a widget view *and* a
text/html twin, a bare widget, matplotlib figures with and without alt text, cell tags, an error on purpose).
The slow test builds whatever real lessons exist in notebooks/.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape

from lessons.site import build as site

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site_basic" / "notebooks"

FORBIDDEN_TEXT = ["Loading widget", "widget-view+json", "<pre>IntSlider", "Traceback", "Error displaying widget",
                  "widget-state+json"]
CDN_WORDS = ["require.js", "mathjax", "unpkg", "cdnjs", "jsdelivr"]
PAGE_LIMIT = 1_500_000
SITE_LIMIT = 15_000_000


# ---------------------------------------------------------------------------------------------------------
# Page inspection (no browser)
# ---------------------------------------------------------------------------------------------------------


class PageParser(HTMLParser):
    """Collects what the checks need: resource URLs, links, images, headings, landmarks, lang attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.resources: list[tuple[str, str]] = []  # (tag, url) loaded by the browser
        self.links: list[str] = []
        self.images: list[dict] = []
        self.headings: list[int] = []
        self.tags: list[tuple[str, dict]] = []
        self.html_lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        self.tags.append((tag, a))
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag in {"script", "img", "iframe", "source", "video", "audio", "embed", "track"} and a.get("src"):
            self.resources.append((tag, a["src"]))
        if tag == "link" and a.get("href"):
            self.resources.append((tag, a["href"]))
        if tag == "object" and a.get("data"):
            self.resources.append((tag, a["data"]))
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "img":
            self.images.append(a)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def html_pages(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def exists_case_sensitive(path: Path, base: Path) -> bool:
    """True if `path` exists with exactly this spelling, component by component, below `base`."""
    try:
        rel = path.resolve().relative_to(base.resolve())
    except ValueError:
        return False
    current = base.resolve()
    for part in rel.parts:
        if part not in os.listdir(current):
            return False
        current = current / part
    return current.is_file()


def site_problems(out: Path) -> list[str]:
    """Everything wrong with a built site, as sentences (an empty list means it passes)."""
    problems: list[str] = []
    total = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    if total > SITE_LIMIT:
        problems.append(f"the site is {total} bytes, over {SITE_LIMIT}")
    for js in out.rglob("*.js"):
        text = js.read_text(encoding="utf-8").lower()
        problems += [f"{js.name} mentions {w}" for w in CDN_WORDS if w in text]
    for page in html_pages(out):
        name = page.relative_to(out).as_posix()
        text = page.read_text(encoding="utf-8")
        if page.stat().st_size > PAGE_LIMIT:
            problems.append(f"{name} is {page.stat().st_size} bytes, over {PAGE_LIMIT}")
        problems += [f"{name} contains {s!r}" for s in FORBIDDEN_TEXT if s in text]
        problems += [f"{name} mentions {w}" for w in CDN_WORDS if w in text.lower()]
        parsed = parse(page)
        if parsed.html_lang != "en":
            problems.append(f"{name}: <html> has lang={parsed.html_lang!r}, not 'en'")
        for tag, url in parsed.resources:
            if re.match(r"^(https?:)?//", url.strip(), re.I):
                problems.append(f"{name}: <{tag}> loads {url} from the network")
        for url in [u for _, u in parsed.resources] + parsed.links:
            url = url.strip()
            if re.match(r"^([a-z][a-z0-9+.-]*:|#|//)", url, re.I):
                continue  # data:, http(s): links in text, mailto:, in-page anchors
            target_path = url.split("#")[0].split("?")[0]
            if not target_path:
                continue
            if not exists_case_sensitive(page.parent / target_path, out):
                problems.append(f"{name}: the link {url!r} points at nothing in the site")
        for img in parsed.images:
            if not img.get("alt", "").strip():
                problems.append(f"{name}: an <img> has no alt text")
        if parsed.headings.count(1) != 1:
            problems.append(f"{name}: {parsed.headings.count(1)} <h1> elements (want exactly one)")
        for before, after in zip(parsed.headings, parsed.headings[1:]):
            if after > before + 1:
                problems.append(f"{name}: heading level jumps from h{before} to h{after}")
        tags = [t for t, _ in parsed.tags]
        if "main" not in tags:
            problems.append(f"{name}: no <main>")
        if not any(t == "nav" and a.get("aria-label") for t, a in parsed.tags):
            problems.append(f"{name}: no <nav aria-label=…>")
        if not any(t == "a" and a.get("href") == "#main" for t, a in parsed.tags):
            problems.append(f"{name}: no skip link")
        if not name.startswith("teacher/"):
            problems += [f"{name}: links to the teacher pages ({u})" for u in parsed.links if "teacher/" in u]
    return problems


# ---------------------------------------------------------------------------------------------------------
# The fixture site
# ---------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Build the fixture course once (fresh execution), then again with nothing changed."""
    base = tmp_path_factory.mktemp("site")
    notebooks = base / "notebooks"
    shutil.copytree(FIXTURE, notebooks)
    # What invalidates the cache besides the notebook: a private folder, so other people editing lessons/ in
    # the same checkout cannot make the no-change rebuild re-execute (test_tree_digest covers the real folders).
    hashed = base / "hashed"
    hashed.mkdir()
    (hashed / "helper.py").write_text("VALUE = 1\n")
    # The teacher hook is replaced by a fixed one, so the fixture does not depend on lessons/teacher.py.
    kwargs = dict(notebooks=notebooks, cache_dir=base / "cache", hash_dirs=[hashed], quiet=True,
                  teacher_hook=lambda: [("hook-page.html", "Hook page", "<p>HOOK-PAGE-TEXT</p>")])
    full = site.build_site(base / "html", **kwargs)
    zip_digest = hashlib.sha256((base / "html" / site.DATA_ZIP).read_bytes()).hexdigest()
    again = site.build_site(base / "html", **kwargs)
    print(f"\nfixture site: full build {full.seconds:.2f} s, no-change rebuild {again.seconds:.3f} s")
    return {"base": base, "out": base / "html", "full": full, "again": again, "kwargs": kwargs,
            "zip_digest": zip_digest}


def test_fixture_site_passes_every_offline_and_structure_check(fixture_build: dict) -> None:
    out = fixture_build["out"]
    assert site_problems(out) == []
    assert sorted(fixture_build["full"].executed) == ["00-fixture-start", "01-fixture-widgets"]
    for name in ["index.html", "00-fixture-start.html", "01-fixture-widgets.html", "glossary.html",
                 "sources.html", "search-index.js", site.DATA_ZIP, "notebooks/00-fixture-start.ipynb",
                 "teacher/index.html", "teacher/guide.html"]:
        assert (out / name).is_file(), name


def test_twin_html_replaces_the_widget_view(fixture_build: dict) -> None:
    page = (fixture_build["out"] / "01-fixture-widgets.html").read_text(encoding="utf-8")
    assert "FIXTURE-TWIN-QUIZ" in page  # the component's text/html twin
    assert page.count('data-gs-kind="quiz"') == 1
    assert 'data-gs-kind="regionmap"' in page and 'data-gs-kind="timeline"' in page
    assert "application/vnd.jupyter.widget-view+json" not in page
    assert "IntSlider(value=3" not in page  # the bare widget's repr
    assert site.NEEDS_PYTHON in page  # … became a plain sentence
    assert "Fixture component — run this cell" not in page  # the text/plain form is not shown when HTML exists


def test_figures_have_alt_text_from_metadata_or_the_nearest_heading(fixture_build: dict) -> None:
    parsed = parse(fixture_build["out"] / "01-fixture-widgets.html")
    alts = [img.get("alt") for img in parsed.images if img.get("src", "").startswith("data:image/png")]
    assert "A line that falls from 2 to 1 and rises to 3." in alts
    assert "Figure from Fixture widgets: Figures" in alts
    assert all(alts) and len(alts) == 2


def test_cell_tags_and_errors(fixture_build: dict) -> None:
    out = fixture_build["out"]
    page = (out / "01-fixture-widgets.html").read_text(encoding="utf-8")
    assert "QUIZ_BODY" not in page.split('id="cell-id=01-cell-3"')[0]  # remove-input: the definitions are hidden
    # Student mode: every code input is in a .gs-code block, hidden by CSS until "Show the code" is ticked.
    code_blocks = re.findall(r'<div class="input gs-code">(.*?)</div>\s*</div>\s*</div>', page, re.S)
    assert any("TL_BODY" in b for b in code_blocks)
    assert page.count('id="gs-show-code"') == 1 and 'for="gs-show-code"' in page
    hidden_output = re.search(r'<details class="gs-hide-output">(.*?)</details>', page, re.S)
    assert hidden_output and "HIDDEN-OUTPUT-TEXT" in hidden_output.group(1)
    start = (out / "00-fixture-start.html").read_text(encoding="utf-8")
    assert "This cell stops with an error on purpose: ZeroDivisionError" in start
    assert "hello from the fixture" in start
    assert 'class="highlight' in start and ".highlight .k" in start  # syntax highlighting, styled inline


def test_index_cards_navigation_and_downloads(fixture_build: dict) -> None:
    out = fixture_build["out"]
    index = (out / "index.html").read_text(encoding="utf-8")
    for text in ["Fixture start", "Fixture widgets", "Read a page of the <em>fixture</em> course",
                 "See a twin instead of a widget", "Time to learn: 5 minutes", "Time to learn: 10 minutes",
                 'id="gs-scorecard"', 'href="00-fixture-start.html"', 'href="01-fixture-widgets.html"']:
        assert text in index, text
    assert "gsomia-quiz:" in index  # the quiz twins' localStorage prefix, for the scorecard
    first = parse(out / "00-fixture-start.html")
    second = parse(out / "01-fixture-widgets.html")
    assert "01-fixture-widgets.html" in first.links and "00-fixture-start.html" in second.links
    assert "notebooks/00-fixture-start.ipynb" in first.links and site.DATA_ZIP in first.links
    assert (out / "notebooks" / "01-fixture-widgets.ipynb").read_bytes() == (FIXTURE / "01-fixture-widgets.ipynb").read_bytes()
    # The title of a lesson page is the notebook's own H1 (no second H1 added by the layout).
    assert first.headings.count(1) == 1


def test_search_index_covers_every_student_page_but_not_teacher_pages(fixture_build: dict) -> None:
    text = (fixture_build["out"] / "search-index.js").read_text(encoding="utf-8")
    assert text.startswith("window.GS_SEARCH_INDEX=")
    index = json.loads(text[len("window.GS_SEARCH_INDEX="):].rstrip().rstrip(";"))
    urls = {entry["u"] for entry in index}
    assert {"index.html", "00-fixture-start.html", "01-fixture-widgets.html", "glossary.html", "sources.html"} <= urls
    start = next(e for e in index if e["u"] == "00-fixture-start.html")
    assert "zebrafish" in start["x"] and ["Printing", "Printing"] in start["h"]
    assert "TEACHER-ONLY-TEXT" not in text
    teacher = fixture_build["out"] / "teacher"
    assert "TEACHER-ONLY-TEXT" in (teacher / "guide.html").read_text(encoding="utf-8")
    # Pages from the teacher hook (the answer key generator) get the layout and a place in teacher/index.html.
    hook_page = (teacher / "hook-page.html").read_text(encoding="utf-8")
    assert "HOOK-PAGE-TEXT" in hook_page and "<h1>Hook page</h1>" in hook_page
    assert 'href="hook-page.html"' in (teacher / "index.html").read_text(encoding="utf-8")
    assert "HOOK-PAGE-TEXT" not in text


def test_no_change_rebuild_executes_nothing(fixture_build: dict) -> None:
    # How fast a no-change rebuild is (≤ 10 % of a full build) is a benchmark figure, `rebuild_fraction` in
    # benchmarks/run.py, measured side by side with the full build; a timed unit test failed under load.
    full, again = fixture_build["full"], fixture_build["again"]
    assert again.executed == [] and sorted(again.cached) == sorted(full.executed)
    # The data zip is the same bytes on every build.
    digest = hashlib.sha256((fixture_build["out"] / site.DATA_ZIP).read_bytes()).hexdigest()
    assert digest == fixture_build["zip_digest"]


def test_a_changed_notebook_is_executed_again_and_only_it(fixture_build: dict) -> None:
    notebooks = fixture_build["kwargs"]["notebooks"]
    path = notebooks / "00-fixture-start.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"].append({"cell_type": "markdown", "id": "added", "metadata": {}, "source": "An added line: okapi."})
    path.write_text(json.dumps(nb), encoding="utf-8")
    stats = site.build_site(fixture_build["out"], **fixture_build["kwargs"])
    assert stats.executed == ["00-fixture-start"] and stats.cached == ["01-fixture-widgets"]
    assert "okapi" in (fixture_build["out"] / "00-fixture-start.html").read_text(encoding="utf-8")


def test_tree_digest_follows_files_but_not_caches(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1\n")
    first = site.tree_digest([tmp_path])
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"junk")
    assert site.tree_digest([tmp_path]) == first
    (tmp_path / "a.py").write_text("x = 2\n")
    assert site.tree_digest([tmp_path]) != first


def test_glossary_and_sources_pages(fixture_build: dict) -> None:
    from lessons import data

    out = fixture_build["out"]
    glossary = (out / "glossary.html").read_text(encoding="utf-8")
    if "glossary" in data.available():
        rows = data.rows("glossary")
        assert 'lang="ko"' in glossary and 'lang="ja"' in glossary
        for row in rows:
            assert f'id="term-{row["id"]}"' in glossary
    sources = (out / "sources.html").read_text(encoding="utf-8")
    cited = 0
    for name in data.available():
        if name.startswith(("quizzes/", "geo")):
            continue
        for row in data.rows(name):
            for source in row.get("sources") or []:
                parts = site.split_source(source)
                assert str(escape(parts["title"])) in sources, source
                if parts["url"]:
                    assert f'href="{escape(parts["url"])}"' in sources, source
                cited += 1
    # Deduplicated: each distinct source is listed once, however many rows cite it.
    listed = sources.count('<li><a href="http') + sources.count("<li>Seed article")
    assert 0 < listed <= cited or cited == 0


def test_split_source_and_grouping() -> None:
    parts = site.split_source("Yonhap: N. Korea fires two missiles (2019-05-09) — https://en.yna.co.kr/x")
    assert parts == {"outlet": "Yonhap", "title": "N. Korea fires two missiles (2019-05-09)",
                     "url": "https://en.yna.co.kr/x"}
    groups = site.collect_sources(
        {"timeline": [{"id": "a", "sources": ["Yonhap: T (2019-01-01) — https://y/1", "Seed article"]},
                      {"id": "b", "sources": ["Yonhap: T (2019-01-01) — https://y/1"]}]},
        {"01-x": {"questions": [{"id": "01-q", "source": {"cite": "BBC: Q", "url": "https://b/q"}},
                                {"id": "01-r", "source": {"seed": 4}}]}},
    )
    by_outlet = {g["outlet"]: g["entries"] for g in groups}
    assert [g["outlet"] for g in groups] == ["BBC", "Seed article", "Yonhap"]
    assert by_outlet["Yonhap"][0]["cited_by"] == ["timeline: a", "timeline: b"]
    assert by_outlet["BBC"][0]["cited_by"] == ["quiz 01-x: 01-q"]
    assert len(by_outlet["Seed article"]) == 2


def test_parse_opening_reads_title_objectives_and_time() -> None:
    cells = site.read_cells(FIXTURE / "00-fixture-start.ipynb")
    title, objectives, ttl = site.parse_opening(cells, "fallback")
    assert title == "Fixture start"
    assert objectives == ["Read a page of the *fixture* course", "Follow the link to the next lesson"]
    assert ttl == "5 minutes"


def _tiny_notebook(folder: Path, name: str, code: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    nb = {"cells": [{"cell_type": "markdown", "id": "t", "metadata": {}, "source": "# Tiny\n\n## Overview\n1. x"},
                    {"cell_type": "code", "id": "c1", "metadata": {}, "execution_count": None, "outputs": [],
                     "source": "x = 1"},
                    {"cell_type": "code", "id": "c2", "metadata": {}, "execution_count": None, "outputs": [],
                     "source": code}],
          "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
          "nbformat": 4, "nbformat_minor": 5}
    path = folder / name
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def test_a_failing_cell_names_the_notebook_and_cell_and_exits_non_zero(tmp_path: Path, capsys) -> None:
    _tiny_notebook(tmp_path / "nb", "00-broken.ipynb", "undefined_name_here + 1")
    code = site.cli(["--out", str(tmp_path / "html"), "--notebooks", str(tmp_path / "nb"), "--no-cache"])
    err = capsys.readouterr().err
    assert code == 1
    assert "00-broken.ipynb" in err and "cell 3" in err and "undefined_name_here" in err
    assert not (tmp_path / "html" / "index.html").exists()


def test_a_hung_cell_is_stopped_by_the_timeout(tmp_path: Path) -> None:
    _tiny_notebook(tmp_path / "nb", "00-slow.ipynb", "import time\ntime.sleep(60)")
    start = time.perf_counter()
    with pytest.raises(site.BuildError, match=r"00-slow\.ipynb.*longer than 2 s"):
        site.build_site(tmp_path / "html", notebooks=tmp_path / "nb", use_cache=False, timeout=2, quiet=True)
    assert time.perf_counter() - start < 45


def test_cache_and_no_cache_flag(tmp_path: Path, capsys) -> None:
    _tiny_notebook(tmp_path / "nb", "00-tiny.ipynb", "print('tiny')")
    args = ["--out", str(tmp_path / "html"), "--notebooks", str(tmp_path / "nb"), "--cache-dir", str(tmp_path / "c")]
    assert site.cli(args) == 0
    assert "[1/1] 00-tiny … executed in" in capsys.readouterr().out
    assert site.cli(args) == 0
    assert "[1/1] 00-tiny … cached" in capsys.readouterr().out
    assert site.cli(args + ["--no-cache"]) == 0
    assert "[1/1] 00-tiny … executed in" in capsys.readouterr().out


def test_no_lessons_is_a_plain_error(tmp_path: Path) -> None:
    with pytest.raises(site.BuildError, match="No lessons found"):
        site.build_site(tmp_path / "html", notebooks=tmp_path, quiet=True)


# ---------------------------------------------------------------------------------------------------------
# The real course
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_real_site_builds_offline_and_rebuilds_from_the_cache(tmp_path: Path) -> None:
    lessons_found = site.lesson_paths(ROOT / "notebooks")
    if not lessons_found:
        pytest.skip("notebooks/ has no NN-slug.ipynb lessons yet")
    # "No change" must hold between the two builds: hash a snapshot of lessons/, data/ and seeds/, so that people
    # editing the shared checkout meanwhile cannot make the second build re-execute (kernels still use the
    # live package; test_tree_digest checks that a changed file changes the key).
    snapshot = tmp_path / "snapshot"
    for name in ("lessons", "data", "seeds"):
        shutil.copytree(ROOT / name, snapshot / name, ignore=shutil.ignore_patterns("__pycache__"))
    kwargs = dict(cache_dir=tmp_path / "cache", quiet=True,
                  hash_dirs=[snapshot / "lessons", snapshot / "data", snapshot / "seeds"])
    full = site.build_site(tmp_path / "html", **kwargs)
    again = site.build_site(tmp_path / "html", **kwargs)
    sizes = {p.name: p.stat().st_size for p in html_pages(tmp_path / "html")}
    print(f"\nreal site: {len(lessons_found)} lessons, full build {full.seconds:.1f} s, "
          f"no-change rebuild {again.seconds:.2f} s, pages {sizes}")
    assert site_problems(tmp_path / "html") == []
    assert sorted(full.executed) == sorted(p.stem for p in lessons_found)
    assert again.executed == []  # its speed is the benchmark figure rebuild_fraction (benchmarks/run.py)
    for p in lessons_found:
        assert f'href="{p.stem}.html"' in (tmp_path / "html" / "index.html").read_text(encoding="utf-8")


def test_links_between_notebooks_lead_to_pages() -> None:
    warnings: list[str] = []
    body = ('<a href="01-the-story.ipynb#Sec-1">the story</a> <a href="../02-roots.ipynb">roots</a> '
            '<a href="05-voices.ipynb">voices</a> <a href="https://example.org/x.ipynb">elsewhere</a>')
    out = site.rewrite_notebook_links(body, {"01-the-story", "02-roots"}, "", "p.html", warnings)
    assert 'href="01-the-story.html#Sec-1"' in out and 'href="02-roots.html"' in out
    assert '<span class="gs-missing-link">voices</span>' in out and "05-voices" in warnings[0]
    assert 'href="https://example.org/x.ipynb"' in out
    teacher = site.rewrite_notebook_links('<a href="../01-the-story.ipynb">x</a>', {"01-the-story"}, "../", "t", [])
    assert teacher == '<a href="../01-the-story.html">x</a>'


def test_a_source_without_a_title_is_grouped_under_its_outlet() -> None:
    parts = site.split_source("Aju Press (2019-10-02) — https://example.org/a")
    assert parts == {"outlet": "Aju Press", "title": "Aju Press (2019-10-02)", "url": "https://example.org/a"}


def test_parse_opening_joins_wrapped_objectives() -> None:
    cells = [{"cell_type": "markdown", "source": "# T\n\n## Overview\n\n1. Explain what the 1965 treaty did,\n"
              "   and why the two governments read it differently (*Roots*).\n2. Short one.\n\nAfter the list.\n"}]
    _, objectives, _ = site.parse_opening(cells, "fallback")
    assert objectives == ["Explain what the 1965 treaty did, and why the two governments read it differently (*Roots*).",
                          "Short one."]


# ---------------------------------------------------------------------------------------------------------
# Student mode (issue 16)
# ---------------------------------------------------------------------------------------------------------


def test_student_mode_tables_extensions_memo_and_lab_only_cells(fixture_build: dict) -> None:
    page = (fixture_build["out"] / "00-fixture-start.html").read_text(encoding="utf-8")
    # A data table: human column names, no row numbers, the row id only in attributes, verdicts in words,
    # sources as outlet, date and link.
    table = re.search(r'<table class="gs-data gs-phone-cards">(.*?)</table>', page, re.S)
    assert table, "the DataFrame became a student table"
    t = table.group(1)
    assert ">English<" in t and "term_en<" not in t.replace('data-gs-column="term_en"', "")
    assert 'data-gs-row="annexation-1910"' in t and ">annexation-1910<" not in t
    assert ">Not borne out<" in t and ">not-borne-out<" not in t
    assert re.search(r'<a class="gs-cite" href="https://en.yna.co.kr/view/1" title="Seoul says X">Yonhap, 22 Aug '
                     r"2019</a>", t)
    assert not re.search(r"<th>\s*0\s*</th>", t), "no row numbers"
    # A printed Markdown template is shown rendered.
    assert ('<div class="gs-md-output"><p class="gs-md-heading"><strong>Memo template</strong></p>' in page
            and "<strong>To:</strong>" in page)
    # Extension cells: one collapsed <details>, titled by their heading; the TOC marks the section.
    ext = re.search(r'<details class="gs-extension"><summary>Extension: Going further(.*?)</details>', page, re.S)
    assert ext and "EXTENSION-TEXT" in ext.group(1) and "extension output" in ext.group(1)
    toc = re.search(r'<nav aria-label="On this page" class="gs-toc" id="gs-toc">(.*?)</nav>', page, re.S)
    assert toc and "Going further</a> <span class=\"gs-toc-ext\">(extension)</span>" in toc.group(1)
    assert "Printing</a>" in toc.group(1)
    # Cells tagged lab-only are for JupyterLab only.
    assert "LAB-ONLY-TEXT" not in page


def test_humanize_keeps_other_html_and_names_references() -> None:
    from lessons.site import student

    assert student.humanize_html("<p>plain</p>") == "<p>plain</p>"
    assert student.column_label("what_sources_say") == "What later sources say"
    assert student.column_label("launch_area") == "Launch area" and student.column_label("Country") == "Country"
    assert student.value_label("not-borne-out") == "Not borne out"
    from lessons import data

    row = data.rows("people")[0]
    cited = student.ref_html(f"people: {row['id']}")
    assert cited and f'data-gs-row="people: {row["id"]}"' in cited
    assert f">people: {row['id']}<" not in cited
    assert student.ref_html("not a reference") is None


def test_machine_specific_output_is_replaced() -> None:
    import nbformat

    from lessons.environment import check_environment
    from lessons.site import student

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("lessons.check_environment()")
    cell.outputs = [nbformat.v4.new_output("execute_result", data={"text/html": check_environment()._repr_html_(),
                                                                    "text/plain": "..."}, execution_count=1)]
    nb.cells = [cell]
    student.prepare(nb)
    html_out = nb.cells[0].outputs[0]["data"]["text/html"]
    assert student.MACHINE_SPECIFIC in html.unescape(html_out)
    import platform

    assert platform.python_version() not in html_out
