"""The course manifest (data/course.json): the one list of lessons everything else derives from.

Checks the manifest against the notebooks, the README's lesson table, the teacher guide and the quiz banks; that
no lesson slug or title is written in the package's code; that a broken manifest gives plain sentences; and the
"add a lesson" checklist of docs/writing-lessons.md, followed on a temporary copy of the course.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lessons import course, data
from tests.pysource import docstring_nodes

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = json.loads((ROOT / "data" / "course.json").read_text(encoding="utf-8"))


def readme_table_problems(readme: str, lessons: list[dict]) -> list[str]:
    """Each manifest lesson must have its row in the README's lesson table, in manifest order."""
    rows = re.findall(r"^\| (\d\d) \| \[([^\]]+)\]\(notebooks/([^)]+)\) \| (.+?) \| (\d+) min \|$", readme, re.M)
    expected = [(item["number"], item["title"], f"{item['number']}-{item['slug']}.ipynb", item["question"], str(item["minutes"]))
                for item in lessons]
    if rows == expected:
        return []
    return [f"README.md lesson table differs from data/course.json: expected {e}, found {f}"
            for e, f in zip(expected + [None] * len(rows), rows + [None] * len(expected)) if e != f]


def test_readme_lesson_table_is_the_manifest() -> None:
    assert readme_table_problems((ROOT / "README.md").read_text(encoding="utf-8"), MANIFEST["lessons"]) == []


def test_notebooks_teacher_pages_and_banks_match_the_manifest() -> None:
    lessons = course.lessons()
    assert [item.filename for item in lessons] == sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    for lesson in lessons:
        nb = json.loads((ROOT / "notebooks" / lesson.filename).read_text(encoding="utf-8"))
        h1 = "".join(nb["cells"][0]["source"]).splitlines()[0]
        assert h1.startswith(f"# {lesson.number} · {lesson.title}"), (lesson.filename, h1)
        assert (ROOT / "notebooks" / "teacher" / lesson.teacher_page).is_file(), lesson.teacher_page
        if lesson.quiz:
            assert (ROOT / "data" / "quizzes" / f"{lesson.quiz}.json").is_file(), lesson.quiz
    banks = sorted(p.stem for p in (ROOT / "data" / "quizzes").glob("*.json"))
    assert banks == sorted(item.quiz for item in lessons if item.quiz), "every bank belongs to a lesson of the manifest"


def test_no_lesson_slug_or_title_in_the_package_code() -> None:
    names = [f"{item['number']}-{item['slug']}" for item in MANIFEST["lessons"]]
    slugs = [item["slug"] for item in MANIFEST["lessons"] if "-" in item["slug"]]
    titles = [item["title"].lower() for item in MANIFEST["lessons"] if " " in item["title"]]
    found = []
    for path in sorted((ROOT / "lessons").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        found += [f"{path.relative_to(ROOT)}: {n}" for n in names + slugs if n in text]
        tree = ast.parse(text)
        docs = docstring_nodes(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
                found += [f"{path.relative_to(ROOT)}:{node.lineno}: {t!r}" for t in titles if t in node.value.lower()]
    assert found == []


def test_course_and_lessons_read_the_manifest() -> None:
    assert [item.number for item in course.lessons()] == [item["number"] for item in MANIFEST["lessons"]]
    assert course.lesson("04").title == next(item["title"] for item in MANIFEST["lessons"] if item["number"] == "04")
    assert data.teaching_lessons() == [item["number"] for item in MANIFEST["lessons"] if item["kind"] == "lesson"]
    with pytest.raises(KeyError, match="There is no lesson '42'"):
        course.lesson("42")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["lessons"][3].pop("slug"), "lesson 03, field 'slug' is missing (required)"),
        (lambda d: d["lessons"][3].update(minutes="fifty"), "lesson 03, field 'minutes': 'fifty' is not a whole"),
        (lambda d: d["lessons"][3].update(number="02"), "lesson 02, field 'number': lessons must be listed in order"),
        (lambda d: d["lessons"][3].update(kind="lecture"), "field 'kind': 'lecture' is not one of"),
        (lambda d: d["lessons"][3].update(quiz="03-nope"), "field 'quiz': there is no file data/quizzes/03-nope.json"),
        (lambda d: d["lessons"][3].update(titel="x"), "field 'titel' is not allowed here (a misspelling?)"),
        (lambda d: d.update(lessons=[]), "must hold a JSON object with \"title\" and a non-empty list"),
    ],
)
def test_a_broken_manifest_is_a_plain_sentence(tmp_path, monkeypatch, change, message) -> None:
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    doc = json.loads((copy / "course.json").read_text(encoding="utf-8"))
    change(doc)
    (copy / "course.json").write_text(json.dumps(doc), encoding="utf-8")
    monkeypatch.setenv("GSOMIA_DATA_DIR", str(copy))
    with pytest.raises(data.DataError) as info:
        data.course()
    assert message in str(info.value) and str(copy / "course.json") in str(info.value)
    out = subprocess.run([sys.executable, "-m", "lessons", "validate"], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "GSOMIA_DATA_DIR": str(copy)}, timeout=120)
    assert out.returncode == 1 and "FAIL  course" in out.stdout and "Traceback" not in out.stderr


FIXTURE = {"number": "09", "slug": "fixture-lesson", "title": "Fixture lesson",
           "question": "Does adding a lesson take one manifest entry plus its files?", "minutes": 45,
           "kind": "lesson", "quiz": None, "teacher_page": "lesson-09-fixture-lesson.md"}


@pytest.mark.slow
def test_add_a_lesson_checklist_builds_the_site(tmp_path, monkeypatch) -> None:
    """docs/writing-lessons.md, "Add a lesson", step by step on a copy of the course."""
    from lessons.site import build as site

    copy = tmp_path / "course"
    for folder in ("data", "notebooks"):
        shutil.copytree(ROOT / folder, copy / folder)
    shutil.copyfile(ROOT / "README.md", copy / "README.md")
    monkeypatch.setenv("GSOMIA_DATA_DIR", str(copy / "data"))
    number, slug, title = FIXTURE["number"], FIXTURE["slug"], FIXTURE["title"]
    # 1. one entry in data/course.json
    manifest = json.loads((copy / "data" / "course.json").read_text(encoding="utf-8"))
    manifest["lessons"].append(FIXTURE)
    (copy / "data" / "course.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    # 2. the notebook, from the template
    template = (ROOT / "templates" / "lesson-template.ipynb").read_text(encoding="utf-8")
    (copy / "notebooks" / f"{number}-{slug}.ipynb").write_text(
        template.replace("NN · Lesson title", f"{number} · {title}").replace("NN-slug", f"{number}-{slug}"),
        encoding="utf-8")
    # 3. the teacher page
    (copy / "notebooks" / "teacher" / FIXTURE["teacher_page"]).write_text(
        f"# Lesson {number} · {title}\n\nNotes for the teacher.\n", encoding="utf-8")
    # 4. the README row
    readme = (copy / "README.md").read_text(encoding="utf-8")
    last = manifest["lessons"][-2]
    row = re.search(rf"^\| {last['number']} \|.*$", readme, re.M)
    assert row is not None
    readme = readme.replace(row.group(0), row.group(0) + f"\n| {number} | [{title}](notebooks/{number}-{slug}.ipynb) | "
                            f"{FIXTURE['question']} | {FIXTURE['minutes']} min |")
    assert readme_table_problems(readme, manifest["lessons"]) == []
    # 5. validate
    out = subprocess.run([sys.executable, "-m", "lessons", "validate"], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "GSOMIA_DATA_DIR": str(copy / "data")}, timeout=300)
    assert out.returncode == 0, out.stdout
    assert f"{len(manifest['lessons'])} lessons" in out.stdout
    assert [item.filename for item in course.lessons()][-1] == f"{number}-{slug}.ipynb"
    # 6. build the site (unchanged lessons come from the repository's build cache)
    stats = site.build_site(tmp_path / "html", notebooks=copy / "notebooks", data_dir=copy / "data",
                            cache_dir=ROOT / "_build" / ".cache",
                            hash_dirs=[ROOT / "lessons", ROOT / "data", ROOT / "seeds"], quiet=True)
    page = tmp_path / "html" / f"{number}-{slug}.html"
    assert page.is_file(), stats
    html = page.read_text(encoding="utf-8")
    assert title in html and "GSOMIA from signing to 2019" in html
    index = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert f'href="{number}-{slug}.html"' in index
    assert (tmp_path / "html" / "teacher" / f"lesson-{number}-{slug}.html").is_file()
    # a lesson listed in the manifest without its notebook is a plain error, not a silent gap
    (copy / "notebooks" / f"{number}-{slug}.ipynb").unlink()
    with pytest.raises(site.BuildError, match=f"data/course.json lists {number}-{slug}.ipynb"):
        site.build_site(tmp_path / "html2", notebooks=copy / "notebooks", data_dir=copy / "data",
                        cache_dir=ROOT / "_build" / ".cache", quiet=True)
