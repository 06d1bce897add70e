"""The assessment core: question types, messages, the attempt rule and the results-file formats.

Every part of the course that decides whether a question is solved (the live quiz, the scorecard, the gradebook,
the answer key and the static site's quiz) uses the constants and the one rule here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

__all__ = ["TYPES", "MAX_TRIES", "MESSAGES", "RESULTS_FORMAT", "PROGRESS_FORMAT", "FORMAT_VERSION",
           "STORAGE_PREFIX", "Result", "BankError", "Verdict", "verdict", "logs_by_question", "rule_data",
           "lesson_of", "plural", "fmt"]

TYPES = ("single", "multiple", "truefalse", "ordering", "matching", "numeric", "text")

#: A question counts as answered correctly if one of the first MAX_TRIES counted attempts is right; after that
#: many wrong attempts the answer is shown.
MAX_TRIES = 2

#: The ``format`` field of a results file (handed in) and of the progress file (kept by the live view).
RESULTS_FORMAT = "gsomia-results"
PROGRESS_FORMAT = "gsomia-progress"
FORMAT_VERSION = 1

#: The static quiz keeps each question's answers in the browser's localStorage under this prefix + question id.
STORAGE_PREFIX = "gsomia-quiz:"

#: Every sentence a student can see as feedback. The twin's JavaScript receives this dict, so the live view
#: and the static page say exactly the same thing.
MESSAGES = {
    "correct": "Correct!",
    "wrong": "Not quite.",
    "empty": "You haven't answered yet. Choose or type an answer, then press Check.",
    "incomplete": "Fill in every box before pressing Check ({missing} still empty).",
    "duplicate": "You used the same event twice. Put each one in exactly one place, then press Check.",
    "nan": "This question needs a number, such as 42 or -3.5 (a unit is optional). Type a number, then press Check.",
    "notext": "This question needs a short text answer. Type a word or a few words, then press Check.",
    "badchoice": "That choice isn't one of the options. Choose one of the options shown, then press Check.",
    "multiple_partial": "Not quite: you picked {right} of the {total} right options and {extra} wrong one(s).",
    "ordering_partial": "Not quite: {right} of {total} in the right place.",
    "matching_partial": "Not quite: {right} of {total} matched correctly.",
    "try_again": "Try again: {left} more {tries} before the answer is shown.",
    "reveal": "The answer is: {answer}.",
    "source": "Source: {source}",
    "score": "Score: {right} of {total} correct ({answered} answered).",
    "earlier": "Your earlier answers were kept ({attempts} {tries}).",
    "bad_store": "Some answers this browser kept for this quiz could not be read, so they were ignored. Answer "
                 "again, or press Reset my answers.",
    "not_saved": "This browser could not save your answer (its storage is full or turned off). It counts while "
                  "this page is open; press Download my results to keep it.",
    "reset_confirm": "Reset your answers to this quiz? Your tries and score on this quiz are deleted.",
}


class Result(NamedTuple):
    """The outcome of grading one answer.

    ``counted`` is False when the answer was of the wrong kind (text for a number, nothing chosen): such an
    answer is not an attempt, so it never uses up a try and is never recorded as wrong.
    """

    correct: bool
    message: str
    counted: bool = True


class BankError(ValueError):
    """A question bank is missing or malformed. ``problems`` lists every problem, each naming the file, the
    question id and the field."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or [message]



def lesson_of(question_id: str) -> str:
    """The lesson number of a question or check id: ``"04-deadline-date"`` → ``"04"``."""
    return str(question_id).split("-", 1)[0]


def plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def fmt(key: str, **values: Any) -> str:
    """The message ``key`` of :data:`MESSAGES` with its ``{placeholders}`` filled in."""
    return MESSAGES[key].format(**values)


class Verdict(NamedTuple):
    """What an answer log means for one question.

    ``solved``: one of the first ``max_tries`` counted attempts was right. ``attempts``: counted attempts so far.
    ``first_try``: the first attempt was right. ``finished``: no more tries (solved, or ``max_tries`` used), so
    the answer is shown. ``score``: 1 when solved, else 0.
    """

    solved: bool
    attempts: int
    first_try: bool
    finished: bool
    score: int


def _is_correct(entry: Any) -> bool:
    if isinstance(entry, Mapping):
        return entry.get("correct") is True
    return entry is True


def verdict(answer_log: Iterable[Any], max_tries: int = MAX_TRIES) -> Verdict:
    """THE rule, used by the live quiz, the scorecard, the gradebook, the answer key and (as data) the site.

    ``answer_log`` holds one question's counted attempts, oldest first: booleans (right or not) or answer
    entries with a ``"correct"`` field. Attempts are counted by their position in the log, never by a stored
    attempt number, so a re-run cell or a restarted kernel cannot give a question fresh tries. The static
    quiz's JavaScript (``lessons/static/verdict.js``) applies the same rule to the same log.
    """
    solved = first = False
    attempts = 0
    for entry in answer_log:
        attempts += 1
        ok = _is_correct(entry)
        if attempts == 1:
            first = ok
        if ok and attempts <= max_tries:
            solved = True
    return Verdict(solved, attempts, first, solved or attempts >= max_tries, int(solved))


def logs_by_question(entries: Iterable[Any]) -> dict[str, list[dict]]:
    """Answer entries (progress or results file) grouped by question id, each group in file order."""
    out: dict[str, list[dict]] = {}
    for entry in entries:
        if isinstance(entry, Mapping) and isinstance(entry.get("question"), str):
            out.setdefault(entry["question"], []).append(dict(entry))
    return out


_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def within_tries(max_tries: int = MAX_TRIES) -> str:
    """The rule in words for pages and reports: ``"within two tries"``."""
    word = _NUMBER_WORDS[max_tries] if 0 <= max_tries < len(_NUMBER_WORDS) else str(max_tries)
    return f"within {word} {plural(max_tries, 'try', 'tries')}"


def rule_data(max_tries: int = MAX_TRIES) -> dict[str, Any]:
    """The rule's constants as data for the pages' JavaScript (the quiz twin and the site's scorecard)."""
    return {"max_tries": max_tries, "prefix": STORAGE_PREFIX, "format": RESULTS_FORMAT, "version": FORMAT_VERSION}
