"""The static site in a real Chromium, from file://: every page reached by its links, the twins used, the search
box, the quiz scorecard, the print stylesheet, no request leaving the machine and no serious axe violation.

Runs over the fixture course (tests/fixtures/site_basic) and over the real lessons in notebooks/ when there are any.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import pytest

from lessons.site import build as site
from tests.browser.conftest import reload_when_stored

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "site_basic" / "notebooks"


def _axe_script() -> Path:
    import axe_playwright_python

    return Path(axe_playwright_python.__file__).parent / "axe.min.js"


@pytest.fixture(scope="module", params=["fixture", "real"])
def built_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict:
    from tests.conftest import chromium_or_skip

    chromium_or_skip()  # skip before spending time on a build
    base = tmp_path_factory.mktemp(f"site-{request.param}")
    if request.param == "fixture":
        hashed = base / "hashed"
        hashed.mkdir()
        (hashed / "x").write_text("1")
        site.build_site(base / "html", notebooks=FIXTURE, cache_dir=base / "cache", hash_dirs=[hashed], quiet=True,
                        teacher_hook=None)
        search_word = "zebrafish"
    else:
        found = site.lesson_paths(ROOT / "notebooks")
        if not found:
            pytest.skip("notebooks/ has no NN-slug.ipynb lessons yet")
        # The repository cache (as `make html` uses it): unchanged lessons are not executed again.
        site.build_site(base / "html", cache_dir=ROOT / "_build" / ".cache", quiet=True)
        search_word = "GSOMIA"
    lessons = [p.stem for p in site.lesson_paths(FIXTURE if request.param == "fixture" else ROOT / "notebooks")]
    return {"out": base / "html", "lessons": lessons, "search_word": search_word, "kind": request.param}


def _axe_serious(page) -> list[str]:
    page.add_script_tag(path=str(_axe_script()))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v.get("impact") in {"serious", "critical"}
    ]


def _site_links(page, out: Path) -> list[str]:
    """Absolute file:// URLs of the site's HTML pages linked from this page (downloads and anchors left out)."""
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    pages = []
    for href in hrefs:
        url, _ = urldefrag(href)
        if url.startswith("file://") and url.endswith(".html"):
            path = Path(unquote(urlparse(url).path))
            assert path.is_file(), f"a link points at a missing page: {href}"
            assert out.resolve() in path.resolve().parents or path.resolve().parent == out.resolve(), href
            pages.append(url)
    return pages


def _changes(page, section_selector: str, action) -> bool:
    before = page.inner_html(section_selector)
    action()
    page.wait_for_timeout(150)
    return page.inner_html(section_selector) != before


def _use_twins(page, name: str) -> dict:
    used = {"quiz": 0, "regionmap": 0, "timeline": 0}
    quizzes = page.locator('section.gs-twin[data-gs-kind="quiz"]')
    for i in range(quizzes.count()):
        quiz = quizzes.nth(i)
        fieldsets = quiz.locator("fieldset:has(input[type=radio])")
        if fieldsets.count() == 0:
            continue
        fieldset = fieldsets.first
        if not fieldset.is_visible():
            continue
        before = quiz.inner_text()
        fieldset.locator("input[type=radio]").first.check()
        check = fieldset.locator("button.gs-check, button:has-text('Check')").first
        check.click()
        page.wait_for_timeout(150)
        assert quiz.inner_text() != before, f"{name}: answering the quiz changed nothing on the page"
        used["quiz"] += 1
    # extension sections ("Going further") are collapsed on the site; a student opens them to use what is inside
    page.evaluate("() => document.querySelectorAll('details.gs-extension').forEach(d => { d.open = true; })")
    maps = page.locator('section.gs-twin[data-gs-kind="regionmap"]')
    for i in range(maps.count()):
        section = maps.nth(i)
        select = section.locator("select").first
        if section.locator("select").count() == 0 or not select.is_visible():
            continue
        options = select.locator("option")
        if options.count() < 2:
            continue
        current = select.input_value()
        values = [options.nth(j).get_attribute("value") for j in range(options.count())]
        target = next(v for v in values if v != current)
        before = section.inner_html()
        select.select_option(target)
        page.wait_for_timeout(150)
        assert section.inner_html() != before, f"{name}: choosing another option in the map changed nothing"
        used["regionmap"] += 1
    timelines = page.locator('section.gs-twin[data-gs-kind="timeline"]')
    for i in range(timelines.count()):
        section = timelines.nth(i)
        box = section.locator("input[type=checkbox]").first
        if section.locator("input[type=checkbox]").count() == 0 or not box.is_visible():
            continue
        before = section.inner_html()
        box.click()
        page.wait_for_timeout(150)
        assert section.inner_html() != before, f"{name}: ticking a timeline checkbox changed nothing"
        used["timeline"] += 1
    return used


def test_every_page_from_file_url(built_site: dict, offline_page) -> None:
    page, log = offline_page
    out: Path = built_site["out"]
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    index_url = (out / "index.html").resolve().as_uri()
    page.goto(index_url)
    assert page.title()
    # Follow every navigation link, breadth first, from the index: cards, prev/next, glossary, sources.
    queue, seen, problems, used_total = [index_url], set(), [], {"quiz": 0, "regionmap": 0, "timeline": 0}
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        page.goto(url)
        name = Path(urlparse(url).path).name
        assert page.locator("main").count() == 1, name
        assert "Loading widget" not in page.content()
        problems += [f"{name}: {p}" for p in _axe_serious(page)]
        if name in {f"{s}.html" for s in built_site["lessons"]}:
            used = _use_twins(page, name)
            for k in used_total:
                used_total[k] += used[k]
            problems += [f"{name}: {p}" for p in _axe_serious(page)]  # again, after the twins changed
        for link in _site_links(page, out):
            if link not in seen:
                queue.append(link)
    names = {Path(urlparse(u).path).name for u in seen}
    expected = {f"{s}.html" for s in built_site["lessons"]} | {"index.html", "glossary.html", "sources.html"}
    assert expected <= names, f"pages not reachable by links: {expected - names}"
    assert not any("/teacher/" in u for u in seen), "a student page links to the teacher pages"
    assert problems == [], "axe found serious or critical problems:\n" + "\n".join(problems)
    if built_site["kind"] == "fixture":
        assert used_total == {"quiz": 1, "regionmap": 1, "timeline": 1}
    # Every kind of twin the site has was really used (the selectors found its controls).
    html_text = " ".join((out / f"{s}.html").read_text(encoding="utf-8") for s in built_site["lessons"])
    for kind in used_total:
        if f'data-gs-kind="{kind}"' in html_text:
            assert used_total[kind] >= 1, f"no {kind} twin could be used"
    # The scorecard on the index reads the quiz answers kept in localStorage.
    if used_total["quiz"]:
        page.goto(index_url)
        assert "You have answered" in page.inner_text("#gs-scorecard-status")
        assert page.locator("#gs-scorecard table").count() == 1
    assert errors == [], f"JavaScript errors: {errors}"
    assert log.external == [], f"requests left the machine: {log.external}"
    assert all(u.startswith(("file://", "data:")) for u in log.urls), [u for u in log.urls if u.startswith("http")]


def test_search_box_finds_pages(built_site: dict, offline_page) -> None:
    page, log = offline_page
    out: Path = built_site["out"]
    first_lesson = out / f"{built_site['lessons'][0]}.html"
    page.goto(first_lesson.resolve().as_uri())
    page.fill("#gs-search-q", built_site["search_word"])
    page.wait_for_selector("#gs-search-results a", timeout=3000)
    assert "match" in page.inner_text("#gs-search-status")
    page.locator("#gs-search-results a").first.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://") and Path(urlparse(page.url).path).is_file()
    page.fill("#gs-search-q", "qqqxqqqnothing")
    page.wait_for_function("document.getElementById('gs-search-status').textContent.indexOf('No page') >= 0")
    assert log.external == []


def test_a_lesson_page_works_alone(built_site: dict, offline_page, tmp_path: Path) -> None:
    """One lesson page copied on its own (a USB stick, an e-mail): it renders, its twins work, search says why not."""
    page, log = offline_page
    lesson = built_site["lessons"][-1]
    alone = tmp_path / f"{lesson}.html"
    shutil.copyfile(built_site["out"] / f"{lesson}.html", alone)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(alone.resolve().as_uri())
    assert page.locator("h1").count() == 1
    _use_twins(page, alone.name)
    page.fill("#gs-search-q", "pact")
    page.wait_for_function("document.getElementById('gs-search-status').textContent.length > 0")
    assert "search-index.js" in page.inner_text("#gs-search-status")
    assert errors == [] and log.external == []


def test_print_stylesheet_hides_the_navigation(built_site: dict, offline_page) -> None:
    page, _ = offline_page
    page.goto((built_site["out"] / f"{built_site['lessons'][0]}.html").resolve().as_uri())
    assert page.locator(".gs-header").is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".gs-header").is_visible()
    assert not page.locator(".gs-pager").is_visible()
    assert page.locator("main h1").is_visible()


@pytest.mark.parametrize("built_site", ["real"], indirect=True)
def test_a_poisoned_quiz_store_does_not_stop_the_start_page(built_site: dict, offline_page) -> None:
    """Issue 13: localStorage.setItem('gsomia-quiz:00-two-names', 'true'), then open 00-start-here.html."""
    page, log = offline_page
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    start = (built_site["out"] / "00-start-here.html").resolve().as_uri()
    page.goto(start)
    page.evaluate("localStorage.setItem('gsomia-quiz:00-two-names', 'true')")
    reload_when_stored(page)
    quiz = page.locator(".gs-quiz")
    assert quiz.locator(".gs-storemsg").is_visible()
    assert quiz.locator(".gs-reset").is_visible()
    fs = quiz.locator('fieldset[data-q="00-two-names"]')
    fs.locator("input[type=radio]").first.check()
    fs.locator(".gs-check").click()
    assert fs.locator(".gs-fb").text_content()
    page.goto((built_site["out"] / "index.html").resolve().as_uri())
    assert "answered 1 question" in page.inner_text("#gs-scorecard-status")
    assert errors == [] and log.external == []


def test_hand_in_from_the_site_to_the_gradebook(built_site: dict, offline_page, tmp_path: Path) -> None:
    """Issue 17, done when: answer quizzes on two lessons and record a decision on the site, press "Download my work"
    on my-work.html (reached by the link on every page), and teacher/gradebook.html reads the file and shows the
    student; both pages pass axe."""
    import json

    page, log = offline_page
    out: Path = built_site["out"]
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    if built_site["kind"] != "real":  # the fixture course: the page is there, linked, and downloads a valid file
        from lessons.components import mywork

        page.goto((out / "index.html").resolve().as_uri())
        page.get_by_role("link", name="My work").click()
        page.locator(".gs-mywork .gs-name").fill("Fixture Student")
        with page.expect_download() as info:
            page.locator(".gs-mywork .gs-download").click()
        doc = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
        assert mywork.validate(doc) == [] and doc["name"] == "Fixture Student" and doc["answers"] == []
        assert not errors, errors
        return
    answered = 0
    for stem in [s for s in built_site["lessons"] if s[:2] in ("01", "04")]:
        page.goto((out / f"{stem}.html").resolve().as_uri())
        fieldset = page.locator('section.gs-twin[data-gs-kind="quiz"] fieldset:has(input[type=radio])').first
        fieldset.scroll_into_view_if_needed()
        fieldset.locator("input[type=radio]").first.check()
        fieldset.locator("button.gs-check").click()
        answered += 1
    assert answered == 2
    decision_stem = next(s for s in built_site["lessons"] if s.startswith("07"))
    page.goto((out / f"{decision_stem}.html").resolve().as_uri())
    room = page.locator('section.gs-twin[data-gs-kind="decision"]').first
    room.locator("input[type=radio]").first.check()
    room.locator("textarea").fill("It keeps both allies talking. The deadline forces a choice now.")
    room.locator(".gs-record").click()
    page.get_by_role("link", name="My work").click()
    assert page.url.endswith("/my-work.html")
    page.locator(".gs-mywork .gs-name").fill("Ji-woo Park")
    page.locator(".gs-mywork .gs-group").fill("11C")
    with page.expect_download() as info:
        page.locator(".gs-mywork .gs-download").click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    assert target.name == "gsomia-work-Ji-woo-Park.json"
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert {a["lesson"] for a in doc["answers"]} == {"01", "04"}
    assert doc["decision"] and doc["decision"]["rationale"].startswith("It keeps")
    assert _axe_serious(page) == [], "my-work.html"
    page.goto((out / "teacher" / "gradebook.html").resolve().as_uri())
    page.locator(".gs-gb-files").set_input_files(str(target))
    page.wait_for_function("document.getElementById('gs-gradebook').getAttribute('data-gs-done') === '1'")
    shown = page.locator(".gs-gb-out").inner_text()
    assert "Ji-woo Park" in shown and "It keeps both allies talking." in shown
    assert _axe_serious(page) == [], "teacher/gradebook.html"
    assert not errors, errors
    assert not log.external, log.external
