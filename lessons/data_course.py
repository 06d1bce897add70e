"""The course manifest, ``data/course.json``: the lessons in order, validated.

Re-exported by :mod:`lessons.data`; :mod:`lessons.course` builds on it.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

from .data_files import data_dir, display_name
from .data_schema import SLUG, DataError

COURSE_FILE = "course.json"
LESSON_KINDS = ("intro", "lesson", "assessment")
_LESSON_FIELDS = ("number", "slug", "title", "question", "minutes", "kind", "quiz", "teacher_page")
_COURSE_CACHE: dict[tuple[str, int, int], dict] = {}


def _course_problems(doc: Any, display: str, base: Path) -> list[str]:
    if not isinstance(doc, dict) or not isinstance(doc.get("lessons"), list) or not doc["lessons"]:
        return [f"{display} must hold a JSON object with \"title\" and a non-empty list \"lessons\"."]
    problems = []
    if not isinstance(doc.get("title"), str) or not doc["title"].strip():
        problems.append(f"{display}, field 'title': expected the course's title as a non-empty text.")
    numbers: list[str] = []
    slugs: set[str] = set()
    for i, lesson in enumerate(doc["lessons"], 1):
        if not isinstance(lesson, dict):
            problems.append(f"{display}, lesson #{i}: expected an object with the fields {', '.join(_LESSON_FIELDS)}.")
            continue
        at = f"{display}, lesson {lesson.get('number', f'#{i}')}"
        for name in _LESSON_FIELDS:
            if name not in lesson:
                problems.append(f"{at}, field '{name}' is missing (required).")
        for name in lesson:
            if name not in _LESSON_FIELDS:
                problems.append(f"{at}, field '{name}' is not allowed here (a misspelling?); the allowed fields "
                                f"are: {', '.join(_LESSON_FIELDS)}.")
        number, slug = lesson.get("number"), lesson.get("slug")
        if not (isinstance(number, str) and re.fullmatch(r"\d\d", number)):
            problems.append(f"{at}, field 'number': {number!r} is not two digits such as \"04\".")
        elif numbers and number <= numbers[-1]:
            problems.append(f"{at}, field 'number': lessons must be listed in order, each number once.")
        else:
            numbers.append(number)
        if not (isinstance(slug, str) and SLUG.match(slug)):
            problems.append(f"{at}, field 'slug': {slug!r} is not lowercase words joined by hyphens.")
        elif slug in slugs:
            problems.append(f"{at}, field 'slug': {slug!r} is used twice.")
        else:
            slugs.add(slug)
        for name in ("title", "question"):
            if name in lesson and not (isinstance(lesson[name], str) and lesson[name].strip()):
                problems.append(f"{at}, field '{name}': expected a non-empty text.")
        minutes = lesson.get("minutes")
        if "minutes" in lesson and not (isinstance(minutes, int) and not isinstance(minutes, bool)
                                        and 5 <= minutes <= 120):
            problems.append(f"{at}, field 'minutes': {minutes!r} is not a whole number of minutes from 5 to 120.")
        if "kind" in lesson and lesson["kind"] not in LESSON_KINDS:
            problems.append(f"{at}, field 'kind': {lesson['kind']!r} is not one of {', '.join(LESSON_KINDS)}.")
        quiz = lesson.get("quiz")
        if quiz is not None:
            if not (isinstance(quiz, str) and SLUG.match(quiz) and isinstance(number, str)
                    and quiz.startswith(f"{number}-")):
                problems.append(f"{at}, field 'quiz': {quiz!r} is not a bank name starting with the lesson number.")
            elif not (base / "quizzes" / f"{quiz}.json").is_file():
                problems.append(f"{at}, field 'quiz': there is no file data/quizzes/{quiz}.json.")
        page = lesson.get("teacher_page")
        if "teacher_page" in lesson and not (isinstance(page, str) and re.fullmatch(r"[a-z0-9-]+\.md", page)):
            problems.append(f"{at}, field 'teacher_page': {page!r} is not a file name like lesson-NN-slug.md.")
    return problems


def course(base: Path | None = None) -> dict:
    """The course manifest ``{"title", "lessons": [{number, slug, title, question, minutes, kind, quiz,
    teacher_page}, …]}``, validated. Raises :class:`DataError` naming the file, the lesson and the field.
    ``base`` is the data folder (default: :func:`data_dir`)."""
    base = Path(base) if base is not None else data_dir()
    p = base / COURSE_FILE
    display = display_name(p)
    try:
        st = p.stat()
    except OSError:
        raise DataError(f"{display} is missing. The course needs it for the list of lessons.") from None
    key = (str(p.resolve()), st.st_mtime_ns, st.st_size)
    if key not in _COURSE_CACHE:
        try:
            doc = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise DataError(f"{display} is not valid JSON ({exc}). Fix the file, then run it again.") from None
        problems = _course_problems(doc, display, base)
        if problems:
            raise DataError(f"{display} has {len(problems)} problem(s):\n- " + "\n- ".join(problems), problems)
        _COURSE_CACHE[key] = doc
    return copy.deepcopy(_COURSE_CACHE[key])


def teaching_lessons() -> list[str]:
    """Numbers of the course's teaching lessons (kind "lesson"), e.g. ``["01", …, "07"]``."""
    return [lesson["number"] for lesson in course()["lessons"] if lesson["kind"] == "lesson"]
