"""Issue 16: the student pages in a real Chromium at a desktop (1366 px) and a phone (390 px) width.

Built from the real lessons (the repository's execution cache, as `make html` uses it) and the fixture course:
code hidden by default with one "Show the code" box, no data row id or Python repr in the visible text, no
sideways scrolling, "On this page" navigation, labels in the pictures large enough to read, the glossary as
cards on a phone, the decision room's debrief only after a recorded decision, "Who is working?" keeping two
students' answers apart, Reset asking first, and axe at 0 serious/critical at the phone width.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from lessons.site import build as site

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "site_basic" / "notebooks"
WIDTHS = (1366, 390)
#: What must never be visible to a student: data row references, Python reprs, raw verdict codes.
FORBIDDEN = re.compile(
    r"\b(?:timeline|positions|claims|people|places|figures|launches|glossary): [a-z0-9]+(?:-[a-z0-9]+)+\b"
    r"|\bEllipsis\b|\b(?:Int|Float)?Slider\(|\binteractive\(|<function |\bnot-borne-out\b|\bterm_(?:en|ko|ja)\b"
    r"|Loading widget"
)

sys.path.insert(0, str(ROOT / "tools"))


def _axe_serious(page) -> list[str]:
    import axe_playwright_python

    page.add_script_tag(path=str(Path(axe_playwright_python.__file__).parent / "axe.min.js"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"] if v.get("impact") in {"serious", "critical"}]


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import chromium_or_skip

    chromium_or_skip()
    if not site.lesson_paths(ROOT / "notebooks"):
        pytest.skip("notebooks/ has no lessons yet")
    out = tmp_path_factory.mktemp("student-site") / "html"
    site.build_site(out, cache_dir=ROOT / "_build" / ".cache", quiet=True)
    return out


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import chromium_or_skip

    chromium_or_skip()
    base = tmp_path_factory.mktemp("student-fixture")
    hashed = base / "hashed"
    hashed.mkdir()
    (hashed / "x").write_text("1")
    site.build_site(base / "html", notebooks=FIXTURE, cache_dir=base / "cache", hash_dirs=[hashed], quiet=True,
                    teacher_hook=None)
    return base / "html"


def _page(browser, width: int):
    context = browser.new_context(viewport={"width": width, "height": 844 if width < 600 else 768})
    external: list[str] = []
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:"))
                  else (external.append(r.request.url), r.abort()))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return context, page, external, errors


@pytest.mark.parametrize("width", WIDTHS)
def test_every_lesson_page_in_student_mode(real_site: Path, browser, width: int) -> None:
    from screenshots import MEASURE

    context, page, external, errors = _page(browser, width)
    problems: list[str] = []
    measured = {}
    for lesson in site.lesson_paths(ROOT / "notebooks"):
        name = f"{lesson.stem}.html"
        page.goto((real_site / name).resolve().as_uri())
        page.wait_for_timeout(50)
        # Code: hidden by default; the one "Show the code" box shows it.
        code = page.locator(".gs-notebook .gs-code")
        if code.count():
            if any(code.nth(i).is_visible() for i in range(code.count())):
                problems.append(f"{name}: code is visible by default")
            page.locator("label[for=gs-show-code]").click()
            if not code.first.is_visible():
                problems.append(f"{name}: 'Show the code' does not show the code")
            page.locator("label[for=gs-show-code]").click()
        # Lesson prose may name a data row in `code` (how to look it up in JupyterLab): that is the lesson
        # writers' text, listed in their notes; everything the course generates is checked.
        text = page.evaluate("""() => { const codes = [...document.querySelectorAll('.text_cell_render code')];
            codes.forEach(c => c.dataset.gsDisplay = c.style.display, codes.forEach(c => c.style.display = 'none'));
            const t = document.querySelector('main').innerText;
            codes.forEach(c => c.style.display = c.dataset.gsDisplay || ''); return t; }""")
        problems += [f"{name}: visible text shows {m!r}" for m in sorted(set(FORBIDDEN.findall(text)))]
        figures = page.evaluate(MEASURE)
        measured[name] = figures
        if figures["sideways"]:
            problems.append(f"{name}: scrolls sideways at {width} px ({figures['scrollWidth']} px wide)")
        smallest = figures["minSvgLabelPx"]
        floor = 11 if width < 600 else 10
        if smallest is not None and smallest < floor - 0.05:
            problems.append(f"{name}: an SVG label is {smallest:.1f} px ({figures['minLabelIn']})")
        toc = page.locator('nav[aria-label="On this page"] a')
        if len(text) > 8000:
            if toc.count() < 3:
                problems.append(f"{name}: a long page without 'On this page' navigation")
            for href in toc.evaluate_all("els => els.map(e => e.getAttribute('href'))"):
                if page.locator(f"[id='{href[1:]}']").count() != 1:
                    problems.append(f"{name}: 'On this page' links to a missing section {href}")
        if width < 600:
            problems += [f"{name} at {width} px: {p}" for p in _axe_serious(page)]
    print(f"\nstudent pages at {width} px: " + ", ".join(
        f"{k} {v['height']} px tall" + (f", smallest SVG label {v['minSvgLabelPx']:.1f} px"
                                         if v["minSvgLabelPx"] else "") for k, v in measured.items()))
    context.close()
    assert problems == [], "\n".join(problems)
    assert errors == [] and external == []


def test_extension_sections_start_collapsed_and_open_from_the_contents(fixture_site: Path, browser) -> None:
    context, page, external, errors = _page(browser, 390)
    page.goto((fixture_site / "00-fixture-start.html").resolve().as_uri())
    ext = page.locator("details.gs-extension")
    assert ext.count() == 1 and ext.get_attribute("open") is None
    assert not page.get_by_text("EXTENSION-TEXT", exact=False).is_visible()
    toc = page.locator('nav[aria-label="On this page"] details')
    assert toc.get_attribute("open") is None, "on a phone the long list of sections starts closed"
    toc.locator("summary").click()
    page.locator('nav[aria-label="On this page"] a', has_text="Going further").click()
    page.wait_for_timeout(100)
    assert ext.get_attribute("open") is not None and page.get_by_text("EXTENSION-TEXT", exact=False).is_visible()
    # The data table is a list of cards on a phone, with the column names as labels.
    card = page.locator("table.gs-data tbody tr").first
    assert card.evaluate("e => getComputedStyle(e).display") == "block"
    labels = card.locator("td[data-label]").evaluate_all("els => els.map(e => getComputedStyle(e, '::before').content)")
    assert '"English: "' in labels and "Annexation" in card.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
    assert errors == [] and external == []


@pytest.mark.parametrize("width", WIDTHS)
def test_glossary_is_cards_on_a_phone(real_site: Path, browser, width: int) -> None:
    context, page, external, errors = _page(browser, width)
    page.goto((real_site / "glossary.html").resolve().as_uri())
    row = page.locator("table.gs-glossary tbody tr").first
    display = row.evaluate("e => getComputedStyle(e).display")
    assert display == ("block" if width < 600 else "table-row")
    if width < 600:
        labels = row.locator("td[data-label]").evaluate_all(
            "els => els.map(e => getComputedStyle(e, '::before').content)")
        assert '"Korean: "' in labels and '"Definition: "' in labels
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
    assert errors == [] and external == []


def test_decision_debrief_only_after_a_recorded_decision(real_site: Path, browser) -> None:
    page_file = real_site / "07-decision-room.html"
    if 'data-gs-kind="decision"' not in page_file.read_text(encoding="utf-8"):
        pytest.skip("lesson 07 has no decision room")
    from lessons import data

    suspended = data.row("timeline", "gsomia-suspension")
    context, page, external, errors = _page(browser, 390)
    page.goto(page_file.resolve().as_uri())
    room = page.locator('section[data-gs-kind="decision"]').first
    assert "Debrief: what Seoul chose" not in room.inner_text()
    assert not page.locator("details.gs-debrief").count(), "no debrief in the page before a decision"
    room.locator("input[type=radio]").first.check()
    room.locator("textarea").fill("Renewing keeps the channel. Washington wants it. Trade is separate.")
    room.locator("button.gs-record").click()
    assert not page.locator("details.gs-debrief").count(), "recording alone does not open the debrief"
    room.locator("button.gs-reveal").click()
    debrief = page.locator("details.gs-debrief")
    assert debrief.count() == 1 and debrief.is_visible()
    assert suspended["title"].split()[0] in debrief.inner_text() or "suspend" in debrief.inner_text().lower()
    context.close()
    assert errors == [] and external == []


def test_who_is_working_keeps_students_apart_and_reset_asks_first(real_site: Path, browser) -> None:
    with_quiz = [p for p in sorted(real_site.glob("0*.html"))
                 if 'class="gs-reset' in p.read_text(encoding="utf-8")]
    if not with_quiz:
        pytest.skip("no lesson has a quiz yet")
    context, page, external, errors = _page(browser, 1366)
    index = (real_site / "index.html").resolve().as_uri()
    lesson = with_quiz[0].resolve().as_uri()

    def answer_a_question():
        page.goto(lesson)
        quiz = page.locator('section.gs-twin[data-gs-kind="quiz"]').first
        fieldset = quiz.locator("fieldset:has(input[type=radio])").first
        fieldset.locator("input[type=radio]").first.check()
        fieldset.locator("button.gs-check").first.click()

    def answered() -> str:
        page.goto(index)
        return page.inner_text("#gs-scorecard-status")

    page.goto(index)
    page.fill("#gs-who-name", "Mina")
    page.click("#gs-who-form button[type=submit]")
    assert "Working as Mina" in page.inner_text("#gs-who-status")
    answer_a_question()
    assert "Working as: Mina" in page.inner_text("#gs-who-badge")
    assert "You have answered 1" in answered()
    page.fill("#gs-who-name", "Kenji")
    page.click("#gs-who-form button[type=submit]")
    assert "No quiz answers" in page.inner_text("#gs-scorecard-status"), "Kenji does not see Mina's answers"
    page.fill("#gs-who-name", "Mina")
    page.click("#gs-who-form button[type=submit]")
    assert "You have answered 1" in page.inner_text("#gs-scorecard-status"), "Mina's answers come back"
    # Reset asks first: cancelling keeps the answers, accepting removes them.
    page.goto(lesson)
    page.once("dialog", lambda d: d.dismiss())
    page.locator("button.gs-reset").first.click()
    assert "You have answered 1" in answered()
    page.goto(lesson)
    page.once("dialog", lambda d: d.accept())
    page.locator("button.gs-reset").first.click()
    assert "No quiz answers" in answered()
    # Forget and Reset are secondary actions (outlined), not the main button style.
    for selector, url in (("#gs-scorecard-reset", index), ("button.gs-reset", lesson)):
        page.goto(url)
        colour = page.locator(selector).first.evaluate("e => getComputedStyle(e).backgroundColor")
        assert colour in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), f"{selector} looks like the main action"
    context.close()
    assert errors == [] and external == []


def test_article_reader_twin_has_paragraph_navigation(browser, tmp_path: Path) -> None:
    from lessons.article import paragraphs
    from lessons.components.reader import ArticleReader

    path = tmp_path / "reader.html"
    path.write_text('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Reader</title></head><body>'
                    + ArticleReader(start=3).twin_html() + "</body></html>", encoding="utf-8")
    context, page, external, errors = _page(browser, 390)
    page.goto(path.as_uri())
    visible = page.locator("ol.gs-paras > li:visible")
    assert visible.count() == 1 and visible.first.get_attribute("id") == "para-3"
    assert f"Paragraph 3 of {len(paragraphs())}" in page.inner_text(".gs-reader-status")
    page.click("button.gs-next")
    assert page.locator("ol.gs-paras > li:visible").first.get_attribute("id") == "para-4"
    page.select_option(".gs-reader-nav select", "10")
    assert page.locator("ol.gs-paras > li:visible").first.get_attribute("id") == "para-10"
    page.click("button.gs-all")
    assert page.locator("ol.gs-paras > li:visible").count() == len(paragraphs())
    page.goto(path.as_uri() + "#para-7")
    assert page.locator("ol.gs-paras > li:visible").first.get_attribute("id") == "para-7"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
    assert errors == [] and external == []


def test_no_quiz_answer_or_explanation_in_the_page_source(real_site: Path, browser) -> None:
    """Issue 16: View Source showed every quiz's answers and explanations, the final test included. Now the raw
    HTML holds none of them (they are sealed), yet the quiz still grades and explains in the browser."""
    import json

    from lessons import data

    checked = 0
    problems = []
    for name in data.available():
        if not name.startswith("quizzes/"):
            continue
        page_file = real_site / f"{name.removeprefix('quizzes/')}.html"
        if not page_file.is_file():
            continue
        # The quizzes' own markup (questions, scripts, data): where a key would leak. (The lesson around them may
        # quote the same data sentences an explanation quotes.)
        raw = "".join(re.findall(r'<section [^>]*data-gs-kind="quiz".*?</section>',
                                 page_file.read_text(encoding="utf-8"), re.S))
        if not raw:
            continue  # this lesson shows no quiz
        for blob in re.findall(r'class="gs-quiz-data">(.*?)</script>', raw, re.S):
            for q in json.loads(blob)["qs"]:  # what the browser is handed: no key field in the open
                leaked = {"answer", "alts", "expl", "reveal", "src"} & set(q)
                if leaked or "k" not in q:
                    problems.append(f"{page_file.name}: {q.get('id')}: key fields in the open: {sorted(leaked)}")
        bank = json.loads(data.path(name).read_text(encoding="utf-8"))
        for q in bank.get("questions", []):
            explanation = " ".join(str(q.get("explanation", "")).split())
            if len(explanation) > 30:
                checked += 1
                # The whole explanation (pieces of it may quote a visible option or the question itself).
                for piece in (explanation,):
                    if json.dumps(piece, ensure_ascii=False)[1:-1] in raw or piece in raw:
                        problems.append(f"{page_file.name}: {q['id']}: explanation in the source ({piece!r})")
            if q.get("type") == "text":
                for answer in [q.get("answer"), *q.get("alternatives", [])]:
                    if answer and f'"{answer}"' in raw:
                        problems.append(f"{page_file.name}: {q['id']}: answer {answer!r} in the source")
    assert checked > 10 and problems == [], "\n".join(problems)
    # …and the quiz still works: answering shows feedback with the explanation.
    with_quiz = sorted(p for p in real_site.glob("0*.html") if 'data-gs-kind="quiz"' in p.read_text(encoding="utf-8"))
    context, page, external, errors = _page(browser, 390)
    page.goto(with_quiz[0].resolve().as_uri())
    quiz = page.locator('section.gs-twin[data-gs-kind="quiz"]').first
    fieldset = quiz.locator("fieldset:has(input[type=radio])").first
    fieldset.locator("input[type=radio]").first.check()
    fieldset.locator("button.gs-check").click()
    feedback = fieldset.locator(".gs-fb")
    assert len(feedback.inner_text().strip()) > 10
    context.close()
    assert errors == [] and external == []
