"""The teacher guide (notebooks/teacher/), the lesson-07 role-play pack and the teacher pages of the site."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from lessons import data
from lessons.components import decision
from lessons.course import LESSONS
from lessons.teacher import kit as teacherkit

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "notebooks" / "teacher"
STUDENT_NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
SECTIONS = ["Objectives", "Lesson plan", "Prerequisites", "Key vocabulary", "Discussion questions", "Support",
            "Extension", "Standards"]

# Official code patterns. C3 Dimension 2 indicators run His 1–17, Civ 1–14, Eco 1–15, Geo 1–12; CCSS literacy
# standards RH and WHST run 1–10 in the grade bands 6-8, 9-10 and 11-12.
C3 = re.compile(r"D2\.(?:His\.(?:[1-9]|1[0-7])|Civ\.(?:[1-9]|1[0-4])|Eco\.(?:[1-9]|1[0-5])|Geo\.(?:[1-9]|1[0-2]))"
                r"\.(?:K-2|3-5|6-8|9-12)")
CCSS = re.compile(r"(?:RH|WHST)\.(?:6-8|9-10|11-12)\.(?:[1-9]|10)")
CODE_LIKE = re.compile(r"\b(?:D\d\.[A-Za-z]+\.[\w.-]*\d|(?:RH|WHST|RST)\.[\w.-]*\d)")


def _page(number: str) -> str:
    return teacherkit.guide_page(number).read_text(encoding="utf-8")


def _section(text: str, title: str) -> str:
    m = re.search(rf"^## {re.escape(title)}.*?$(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert m, f"no '## {title}' section"
    return m.group(1)


def plan_minutes(text: str) -> tuple[list[int], int | None, int | None]:
    """(minutes of each row, the bold total row, the minutes in the heading) of a '## Lesson plan' table."""
    heading = re.search(r"^## Lesson plan \((\d+) minutes\)", text, re.M)
    body = _section(text, "Lesson plan")
    rows = [int(m.group(1)) for m in re.finditer(r"^\|\s*(\d+)\s*\|", body, re.M)]
    total = re.search(r"^\|\s*\*\*(\d+)\*\*\s*\|", body, re.M)
    return rows, int(total.group(1)) if total else None, int(heading.group(1)) if heading else None


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda item: item.number)
def test_every_lesson_has_a_page_with_a_timed_plan(lesson) -> None:
    text = _page(lesson.number)
    for title in SECTIONS:
        _section(text, title)
    rows, total, heading = plan_minutes(text)
    assert len(rows) >= 4, "a plan needs at least four timed phases"
    assert 45 <= sum(rows) <= 50, f"the plan adds up to {sum(rows)} minutes"
    assert total == sum(rows) == heading, f"rows {sum(rows)}, total row {total}, heading {heading}"
    assert sum(rows) >= lesson.minutes
    assert f"../{lesson.filename}" in text, "the page should link its notebook"
    assert "Good answers" in _section(text, "Discussion questions")
    support = _section(text, "Support")
    assert "struggle" in support and "EAL" in support


def test_the_plan_parser_can_fail() -> None:
    bad = "## Lesson plan (50 minutes)\n\n| Min | Phase | What |\n|---:|---|---|\n| 30 | Hook | x |\n| 30 | Quiz | y |\n"
    rows, total, heading = plan_minutes(bad)
    assert sum(rows) == 60 and total is None and heading == 50


def test_generated_blocks_match_notebooks_and_glossary() -> None:
    assert teacherkit.stale_blocks() == [], "run: python -m lessons teacherkit --update-guide"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda item: item.number)
def test_vocabulary_and_objectives_come_from_the_sources(lesson) -> None:
    text = _page(lesson.number)
    vocab = _section(text, "Key vocabulary")
    for row in data.rows("glossary"):
        if row["lesson"] == lesson.number:
            for column in ("term_en", "term_ko", "term_ja"):
                assert " ".join(str(row[column]).split()) in vocab, (row["id"], column)
    path = ROOT / "notebooks" / lesson.filename
    if path.is_file():
        objectives = teacherkit.read_objectives(path)
        assert objectives, f"{lesson.filename} has no objectives"
        block = _section(text, "Objectives")
        for i, objective in enumerate(objectives, 1):
            assert f"{i}. {objective}" in block


def test_standards_codes_are_real_codes() -> None:
    pages = sorted(GUIDE.glob("*.md"))
    standards = (GUIDE / "standards.md").read_text(encoding="utf-8")
    for page in pages:
        for code in CODE_LIKE.findall(page.read_text(encoding="utf-8")):
            assert C3.fullmatch(code) or CCSS.fullmatch(code), f"{page.name}: {code!r} is not a C3 or CCSS code"
    for lesson in LESSONS:
        codes = CODE_LIKE.findall(_section(_page(lesson.number), "Standards"))
        assert len(codes) >= 2, f"lesson {lesson.number} names {codes}"
        for code in codes:
            row = re.search(rf"^\| {re.escape(code)} \|.*\| ([\d, ]+) \|$", standards, re.M)
            assert row and lesson.number in row.group(1), f"standards.md should list {code} for {lesson.number}"
    assert C3.fullmatch("D2.His.16.9-12") and CCSS.fullmatch("RH.11-12.9")
    assert not C3.fullmatch("D2.His.18.9-12") and not CCSS.fullmatch("RH.11-12.11")


def test_sensitivity_page() -> None:
    text = (GUIDE / "teaching-this-topic.md").read_text(encoding="utf-8")
    for needed in ["colonial", '"comfort women"', "forced labour", "East Sea / Sea of Japan", "Dokdo / Takeshima",
                   "Never role-play victims", "Japan's government says", "South Korea's government says",
                   "positions.csv", "claims.csv", "Ground rules", "Nobody speaks for a country"]:
        assert needed.lower() in text.lower(), needed
    for topic in {r["topic_id"] for r in data.rows("positions")}:
        assert f"`{topic}`" in text, f"the page should name the contested topic {topic}"


def test_guide_wording_is_neutral() -> None:
    for page in sorted(GUIDE.glob("*.md")):
        # generated blocks quote data/ and the notebooks, whose wording their own tests check
        text = re.sub(r"<!-- generated:(\w+) -->.*?<!-- /generated:\1 -->", "", page.read_text(encoding="utf-8"),
                      flags=re.S)
        for m in re.finditer(r"comfort women", text, re.I):
            assert text[m.start() - 1] == '"', f"{page.name}: \"comfort women\" needs quotation marks"
        for m in re.finditer(r"Sea of Japan", text):
            before = text[max(0, m.start() - 11):m.start()]
            assert before.endswith("East Sea / ") or before.endswith('"'), f"{page.name}: {before}Sea of Japan"


def test_role_cards_from_data() -> None:
    html = teacherkit.role_cards_html()
    decided = decision.fmt_date(data.row("timeline", decision.DECISION_ROW)["date"])
    deadline = decision.fmt_date(data.row("timeline", decision.DEADLINE_ROW)["date"])
    cards = re.findall(r'<section class="gs-sheet" data-role="([^"]+)">(.*?)</section>', html, re.S)
    assert [c[0] for c in cards] == [r.id for r in decision.ROLES]
    for role_id, card in cards:
        for heading in ["Who you are", f"What you know on {decided}", "What you want", "Your constraints",
                        "Questions you will be asked"]:
            assert heading in card, (role_id, heading)
        assert deadline in card, f"{role_id}: the deadline from the data should be on the card"
        role = next(r for r in decision.ROLES if r.id == role_id)
        for cite in role.cites:
            ev = decision.evidence(cite)
            known = ev["when"] != "later" or cite.id == decision.DEADLINE_ROW  # a deadline is known in advance
            assert (f"[{ev['ref']}]" in card) == known, (role_id, ev["ref"])
    assert "break-after:page" in html and "page-break-after:always" in html
    assert "<script" not in html


def test_memos_and_debrief_reuse_lesson_07() -> None:
    memos = teacherkit.memos_html()
    for role in decision.ROLES:
        assert decision.memo_template("html", role=role.id, level=2) in memos
    assert decision.debrief_html(heading=False) in teacherkit.debrief_sheet_html()
    names = [name for name, _, _ in teacherkit.site_pages()]
    assert names == ["answer-key.html", "role-cards.html", "decision-memo.html", "debrief-sheet.html"]


TEACHER_LINK = re.compile(r"""(?:\]\(|href=["'])[^)"']*teacher/""")


@pytest.mark.parametrize("path", STUDENT_NOTEBOOKS, ids=lambda p: p.name)
def test_student_notebooks_do_not_link_to_the_guide(path: Path) -> None:
    assert not TEACHER_LINK.search(path.read_text(encoding="utf-8")), f"{path.name} links to teacher/"


def test_teacher_link_pattern_can_fail() -> None:
    assert TEACHER_LINK.search("see [the guide](teacher/guide.md)")
    assert TEACHER_LINK.search('<a href="../teacher/answer-key.html">')


# --------------------------------------------------------------------------------------------------------
# The site: teacher pages under teacher/, never linked from student pages
# --------------------------------------------------------------------------------------------------------


def _links(html: str) -> list[str]:
    return re.findall(r"""<a\b[^>]*\bhref=["']([^"']+)["']""", html)


def _check_site(out: Path) -> None:
    teacher = out / "teacher"
    for md in GUIDE.glob("*.md"):
        assert (teacher / f"{md.stem}.html").is_file(), f"teacher/{md.stem}.html missing"
    for name, _, _ in teacherkit.site_pages():
        assert (teacher / name).is_file(), f"teacher/{name} missing"
    key = (teacher / "answer-key.html").read_text(encoding="utf-8")
    assert 'class="gs-key-q"' in key
    for page in out.glob("*.html"):  # student pages live at the top level
        for href in _links(page.read_text(encoding="utf-8")):
            assert "teacher/" not in href and not href.startswith("teacher"), f"{page.name} links to {href}"
    # links between guide pages resolve
    for page in teacher.glob("*.html"):
        for href in _links(page.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:|#|//", href):
                continue
            target = (page.parent / href.split("#")[0]).resolve()
            assert target.exists(), f"teacher/{page.name} links to a missing page: {href}"


def test_site_with_fixture_lessons(tmp_path: Path) -> None:
    from lessons.site import build as site

    fixture = ROOT / "tests" / "fixtures" / "site_basic" / "notebooks"
    nb = tmp_path / "notebooks"
    shutil.copytree(fixture, nb, ignore=shutil.ignore_patterns("teacher"))
    shutil.copytree(GUIDE, nb / "teacher")
    site.build_site(tmp_path / "html", notebooks=nb, cache_dir=tmp_path / "cache", quiet=True,
                    teacher_hook=teacherkit.site_pages)
    teacher = tmp_path / "html" / "teacher"
    for md in GUIDE.glob("*.md"):
        assert (teacher / f"{md.stem}.html").is_file()
    for name, _, _ in teacherkit.site_pages():
        assert (teacher / name).is_file()
    for page in (tmp_path / "html").glob("*.html"):
        for href in _links(page.read_text(encoding="utf-8")):
            assert "teacher/" not in href, f"{page.name} links to {href}"


def test_site_hook_picks_up_the_generated_pages() -> None:
    from lessons.site import build as site

    # the kit's generated pages, then the browser gradebook (issue 17)
    assert [p[0] for p in site.extra_teacher_pages()] == [p[0] for p in teacherkit.site_pages()] + ["gradebook.html"]


@pytest.mark.slow
def test_real_site_teacher_section(tmp_path: Path) -> None:
    from lessons.site import build as site

    # the site's own hook: the kit's pages and the browser gradebook, which the guide links to
    site.build_site(tmp_path / "html", cache_dir=tmp_path / "cache", quiet=True, teacher_hook=site.extra_teacher_pages)
    _check_site(tmp_path / "html")


def test_a_bank_mixing_exit_ticket_and_taught_in_questions_keeps_one_table(monkeypatch) -> None:
    """One question with ``taught_in`` in a lesson's bank once switched the header to the final assessment's
    columns while the other rows kept the exit-ticket column (a broken table on the teacher page)."""
    from lessons.assessment import banks as banks_mod
    from lessons.teacher import kit as kit_mod

    plain = {"id": "02-plain", "type": "truefalse", "prompt": "A plain question?", "answer": True,
             "skill": "sourcing", "explanation": "x", "source": {"seed": 1}}
    placed = {**plain, "id": "02-placed", "prompt": "A placed question?",
              "taught_in": {"lesson": "02", "section": "The name of the sea"}}
    monkeypatch.setattr(banks_mod, "bank_names", lambda: ["02-fixture"])
    monkeypatch.setattr(banks_mod, "load_bank", lambda name: {"questions": [plain, placed]})
    monkeypatch.setattr(kit_mod, "exit_ticket_ids", lambda number, notebooks=None: ["02-plain"])
    table = [line for line in kit_mod.questions_block("02").splitlines() if line.startswith("|")]
    widths = {line.count("|") for line in table}
    assert len(widths) == 1, table
    assert table[0] == "| Exit ticket | Question | Skill | Answer | Taught in |"
    assert "| **1** | A plain question? |" in table[2] and table[2].endswith("| — |")
    assert table[3].startswith("|  | A placed question? |") and "The name of the sea" in table[3]
