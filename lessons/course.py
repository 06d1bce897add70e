"""The course map: the lessons in order, each with its question and time, read from ``data/course.json``.

Nothing is read at import. :func:`lessons` reads the manifest (validated by :func:`lessons.data.course`); the
package, the site, the teacher kit and the tests all take the list of lessons from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Lesson", "LessonMap", "lessons", "lesson", "course_title", "lesson_map"]


@dataclass(frozen=True)
class Lesson:
    number: str
    slug: str
    title: str
    question: str
    minutes: int
    kind: str = "lesson"
    quiz: str | None = None
    teacher_page: str | None = None

    @property
    def filename(self) -> str:
        return f"{self.number}-{self.slug}.ipynb"

    @property
    def name(self) -> str:
        return f"{self.number}-{self.slug}"


def lessons() -> tuple[Lesson, ...]:
    """Every lesson of the course, in order."""
    from . import data

    return tuple(Lesson(**entry) for entry in data.course()["lessons"])


def lesson(number: str) -> Lesson:
    """One lesson by its number (``"04"``); a plain error naming the numbers that exist."""
    found = [item for item in lessons() if item.number == str(number)]
    if not found:
        numbers = ", ".join(item.number for item in lessons())
        raise KeyError(f"There is no lesson {number!r}. The lessons are: {numbers}.")
    return found[0]


def course_title() -> str:
    from . import data

    return str(data.course()["title"])


def __getattr__(name: str) -> Any:
    if name == "LESSONS":
        return lessons()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class LessonMap:
    """The lesson list as a table, each lesson a link to its notebook (relative, so it works in JupyterLab and on
    the site)."""

    def __init__(self, lessons_: tuple[Lesson, ...] | None = None) -> None:
        self.lessons = lessons() if lessons_ is None else lessons_

    def __repr__(self) -> str:
        return "\n".join(f"{item.number}  {item.title:<20} {item.minutes:>3} min  {item.question}"
                         for item in self.lessons)

    def _repr_html_(self) -> str:
        from ._html import esc

        rows = []
        for item in self.lessons:
            name = f'<a href="{esc(item.filename)}">{esc(item.title)}</a>'
            rows.append(f"<tr><td>{esc(item.number)}</td><td>{name}</td><td>{esc(item.question)}</td>"
                        f"<td>{item.minutes} min</td></tr>")
        return ('<table class="gs-lesson-map"><caption>The lessons</caption><thead><tr><th scope="col">#</th>'
                '<th scope="col">Lesson</th><th scope="col">Question</th><th scope="col">Time</th></tr></thead>'
                f"<tbody>{''.join(rows)}</tbody></table>")


def lesson_map() -> LessonMap:
    """The course's lessons as a table with links."""
    return LessonMap()
