"""The course map: the lessons in order, each with its question and time, for the start page and the site."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Lesson:
    number: str
    slug: str
    title: str
    question: str
    minutes: int

    @property
    def filename(self) -> str:
        return f"{self.number}-{self.slug}.ipynb"


LESSONS = (
    Lesson("00", "start-here", "Start here", "How does this course work?", 20),
    Lesson("01", "the-story", "The story", "What does one news article tell us, and what does it leave out?", 50),
    Lesson("02", "roots", "Roots", "Why does history from 1910 to 2018 still shape relations today?", 50),
    Lesson("03", "trade-war", "The trade war", "What happened to trade in 2019, and how did each government explain it?", 50),
    Lesson("04", "security", "Security", "What is GSOMIA, and what was at stake with North Korea's launches?", 50),
    Lesson("05", "voices", "Voices", "Who speaks in the article, for whom, and who is missing?", 45),
    Lesson("06", "what-happened-next", "What happened next", "How did the story end, and what did the ending leave unsettled?", 50),
    Lesson("07", "decision-room", "The decision room", "What would you have advised Seoul on 22 Aug 2019?", 50),
    Lesson("08", "assessment", "Assessment", "What have you learned, and how do you hand it in?", 45),
)


class LessonMap:
    """The lesson list as a table, each lesson a link to its notebook (relative, so it works in JupyterLab and on the site)."""

    def __init__(self, lessons: tuple[Lesson, ...] = LESSONS) -> None:
        self.lessons = lessons

    def __repr__(self) -> str:
        return "\n".join(f"{l.number}  {l.title:<20} {l.minutes:>3} min  {l.question}" for l in self.lessons)

    def _repr_html_(self) -> str:
        from ._html import esc

        rows = []
        for l in self.lessons:
            name = f'<a href="{esc(l.filename)}">{esc(l.title)}</a>'
            rows.append(f"<tr><td>{esc(l.number)}</td><td>{name}</td><td>{esc(l.question)}</td>"
                        f"<td>{l.minutes} min</td></tr>")
        return ('<table class="gs-lesson-map"><caption>The lessons</caption><thead><tr><th scope="col">#</th>'
                '<th scope="col">Lesson</th><th scope="col">Question</th><th scope="col">Time</th></tr></thead>'
                f"<tbody>{''.join(rows)}</tbody></table>")


def lesson_map() -> LessonMap:
    """The course's lessons as a table with links."""
    return LessonMap()
