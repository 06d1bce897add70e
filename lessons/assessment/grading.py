"""Grading one answer: text normalisation, number parsing, the grade of each question type and the feedback.

The static quiz's JavaScript (``lessons/static/quiz.js``) mirrors these functions; the messages come from
:data:`lessons.assessment.core.MESSAGES` in both.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from .core import MAX_TRIES, MESSAGES, TYPES, BankError, Result, fmt, plural

__all__ = ["normalize_text", "text_key", "parse_number", "grade", "describe_answer", "correct_answer_text",
           "source_text", "feedback", "SEED_CITATION"]

SEED_CITATION = (
    "“South Korea to Abandon Intelligence-Sharing with Japan” (FocusWashington summary of a New York Times "
    "report, 22 Aug 2019)"
)

_NON_WORD = re.compile(r"[\W_]+")

# The number-normalisation spec, the same in lessons/static/quiz.js (pn) and checked on one table of cases
# (tests/fixtures/numbers.json) in Python and in Chromium:
#  1. at most MAX_NUMBER_CHARS characters, else not a number;
#  2. Unicode NFKC (full-width ６ → 6, full-width －, ％ → ASCII; no-break and other wide spaces → space);
#  3. invisible characters removed (INVISIBLE: soft hyphen, zero-width and bidi marks, word joiner, BOM);
#  4. minus sign U+2212, figure dash U+2012 and en dash U+2013 → "-";
#  5. whitespace (WHITESPACE) trimmed at both ends;
#  6. a unit tail removed: a final "%", or a run of ASCII letters, spaces and dots that starts with a letter;
#  7. commas before exactly three digits removed ("1,234,567"), then every whitespace character removed;
#  8. what is left must be an ASCII decimal number ("+1.5", "-.5", "2e3"), and finite.
MAX_NUMBER_CHARS = 1000
WHITESPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
INVISIBLE = "\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
_WS = re.compile(f"[{WHITESPACE}]")
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_MINUS = re.compile("[\u2212\u2012\u2013]")
_THOUSANDS = re.compile(r",(?=[0-9]{3}(?![0-9]))")
_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")
_UNIT_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ .")


def normalize_text(value: Any) -> str:
    """Lower-case, Unicode NFKC, punctuation and runs of spaces turned into one space, trimmed."""
    text = unicodedata.normalize("NFKC", str(value)).lower()
    return _NON_WORD.sub(" ", text).strip()


_ARTICLES = frozenset(("a", "an", "the"))


def text_key(value: Any, accept: Any = ()) -> str:
    """What a text answer is compared by: :func:`normalize_text` (case and punctuation never count), then the
    question's ``accept`` variants: ``"articles"`` drops a, an and the; ``"plural"`` drops a final "s" from words
    of four letters or more (not "ss"). Mirrored by ``tk`` in lessons/static/quiz.js."""
    words = normalize_text(value).split()
    if "articles" in accept:
        words = [w for w in words if w not in _ARTICLES]
    if "plural" in accept:
        words = [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words]
    return " ".join(words)


def _strip_unit(text: str) -> str:
    """Step 6 of the spec, in one pass from the right (linear in the length, whatever the text)."""
    if text.endswith("%"):
        return text[:-1]
    i = len(text)
    while i > 0 and text[i - 1] in _UNIT_CHARS:
        i -= 1
    for j in range(i, len(text)):
        if text[j].isascii() and text[j].isalpha():
            return text[:j]
    return text


def _trim(text: str) -> str:
    a, b = 0, len(text)
    while a < b and _WS.fullmatch(text[a]):
        a += 1
    while b > a and _WS.fullmatch(text[b - 1]):
        b -= 1
    return text[a:b]


def parse_number(value: Any) -> float | None:
    """A number from what a student typed ("−50.3 %", "1,234", "24 km", "６"), or None if it isn't one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if value == value and abs(value) != float("inf") else None
    if not isinstance(value, str) or len(value) > MAX_NUMBER_CHARS:
        return None
    text = _MINUS.sub("-", _INVISIBLE.sub("", unicodedata.normalize("NFKC", value)))
    text = _strip_unit(_trim(text))
    text = _WS.sub("", _THOUSANDS.sub("", text))
    if not _NUMBER.fullmatch(text):
        return None
    number = float(text)
    return number if abs(number) != float("inf") else None


def _as_index(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None



def _index_list(answer: Any, n_slots: int) -> tuple[list[int | None] | None, Result | None]:
    """A list of option indices (None for an empty box) or an uncounted Result explaining what's wrong."""
    if not isinstance(answer, (list, tuple)):
        return None, Result(False, MESSAGES["empty"] if answer in (None, "") else MESSAGES["badchoice"], False)
    values: list[int | None] = []
    for item in answer:
        if item is None or item == "":
            values.append(None)
            continue
        index = _as_index(item)
        if index is None:
            return None, Result(False, MESSAGES["badchoice"], False)
        values.append(index)
    values += [None] * (n_slots - len(values))
    return values, None


def grade(question: dict, answer: Any) -> Result:
    """Grade one answer to one question (a dict from a bank).

    Answers: ``single`` → option index (or the option's text); ``multiple`` → list of indices; ``truefalse`` →
    bool; ``ordering`` → list of option indices in the order given; ``matching`` → for each left item the index
    of the chosen right item (None for an empty box); ``numeric`` → a number or the text typed; ``text`` → the
    text typed.
    """
    kind = question["type"]
    key = question["answer"]
    if kind == "single":
        if answer is None or answer == "":
            return Result(False, MESSAGES["empty"], False)
        options = question["options"]
        index = _as_index(answer)
        if index is None and isinstance(answer, str):
            wanted = normalize_text(answer)
            matches = [i for i, o in enumerate(options) if normalize_text(o) == wanted]
            index = matches[0] if matches else None
        if index is None or not 0 <= index < len(options):
            return Result(False, MESSAGES["badchoice"], False)
        if index != key and question.get("feedback"):  # why this option is a misconception
            return Result(False, f"{MESSAGES['wrong']} {question['feedback'][index]}".strip())
        return Result(index == key, MESSAGES["correct"] if index == key else MESSAGES["wrong"])
    if kind == "multiple":
        if answer is None or (isinstance(answer, (list, tuple, set)) and not answer):
            return Result(False, MESSAGES["empty"], False)
        if not isinstance(answer, (list, tuple, set)):
            return Result(False, MESSAGES["badchoice"], False)
        chosen = {_as_index(a) for a in answer}
        if None in chosen or any(not 0 <= i < len(question["options"]) for i in chosen):  # type: ignore[operator]
            return Result(False, MESSAGES["badchoice"], False)
        right = set(key)
        if chosen == right:
            return Result(True, MESSAGES["correct"])
        return Result(False, fmt("multiple_partial", right=len(chosen & right), total=len(right),
                                  extra=len(chosen - right)))
    if kind == "truefalse":
        if answer is None or answer == "":
            return Result(False, MESSAGES["empty"], False)
        if isinstance(answer, str):
            word = normalize_text(answer)
            answer = {"true": True, "false": False}.get(word, answer)
        if not isinstance(answer, bool):
            return Result(False, MESSAGES["badchoice"], False)
        return Result(answer == key, MESSAGES["correct"] if answer == key else MESSAGES["wrong"])
    if kind in ("ordering", "matching"):
        slots = len(key)
        values, problem = _index_list(answer, slots)
        if problem:
            return problem
        assert values is not None
        n_choices = len(question["options"]) if kind == "ordering" else len(question["options"]["right"])
        if len(values) != slots or any(v is not None and not 0 <= v < n_choices for v in values):
            return Result(False, MESSAGES["badchoice"], False)
        missing = sum(v is None for v in values)
        if missing == slots:
            return Result(False, MESSAGES["empty"], False)
        if missing:
            return Result(False, fmt("incomplete", missing=missing), False)
        if kind == "ordering" and len(set(values)) != len(values):
            return Result(False, MESSAGES["duplicate"], False)
        right = sum(v == k for v, k in zip(values, key))
        if right == slots:
            return Result(True, MESSAGES["correct"])
        return Result(False, fmt(f"{kind}_partial", right=right, total=slots))
    if kind == "numeric":
        if answer is None or (isinstance(answer, str) and not answer.strip()):
            return Result(False, MESSAGES["empty"], False)
        number = parse_number(answer)
        if number is None:
            return Result(False, MESSAGES["nan"], False)
        ok = abs(number - float(key)) <= float(question.get("tolerance", 0)) + 1e-9
        return Result(ok, MESSAGES["correct"] if ok else MESSAGES["wrong"])
    if kind == "text":
        if answer is None or (isinstance(answer, str) and not answer.strip()):
            return Result(False, MESSAGES["empty"], False)
        if not isinstance(answer, str):
            return Result(False, MESSAGES["notext"], False)
        if not normalize_text(answer):
            return Result(False, MESSAGES["notext"], False)
        accept = question.get("accept", ())
        given = text_key(answer, accept)
        accepted = {text_key(a, accept) for a in [key, *question.get("alternatives", [])]}
        ok = given in accepted
        return Result(ok, MESSAGES["correct"] if ok else MESSAGES["wrong"])
    raise BankError(f"Question {question.get('id')!r} has an unknown type {kind!r}; expected one of {TYPES}.")


def describe_answer(question: dict, answer: Any) -> str:
    """A student's answer in words (for the gradebook's "most common wrong answer")."""
    kind = question["type"]
    try:
        if kind == "single":
            index = _as_index(answer)
            return question["options"][index] if index is not None else str(answer)
        if kind == "multiple":
            return "; ".join(question["options"][_as_index(a)] for a in sorted(answer, key=str))  # type: ignore
        if kind == "truefalse":
            return "True" if answer is True else "False" if answer is False else str(answer)
        if kind == "ordering":
            return " → ".join("?" if a is None else question["options"][_as_index(a)] for a in answer)  # type: ignore
        if kind == "matching":
            left, right = question["options"]["left"], question["options"]["right"]
            return "; ".join(f"{_short(item)} = {'?' if a is None else right[_as_index(a)]}"  # type: ignore
                             for item, a in zip(left, answer))
    except (IndexError, TypeError, KeyError):
        pass
    return str(answer).strip()


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def correct_answer_text(question: dict) -> str:
    """The right answer in words, as revealed after the last try."""
    kind = question["type"]
    key = question["answer"]
    if kind == "numeric":
        unit = question.get("unit", "")
        value = f"{key:g}" if isinstance(key, float) else str(key)
        tol = question.get("tolerance", 0)
        text = f"{value} {unit}".strip() if unit not in ("%",) else f"{value} %"
        return text + (f" (within ±{tol:g})" if tol else "")
    if kind == "text":
        return str(key)
    return describe_answer(question, key)


def source_text(source: dict) -> str:
    """A question's source as one readable line (course data rows are looked up for their own source)."""
    if "seed" in source:
        return f"seed article, paragraph {source['seed']}: {SEED_CITATION}"
    if "data" in source:
        text = f"course data, {source['data']}.csv, row “{source['id']}”"
        try:
            from .. import data

            rec = data.row(source["data"], source["id"])
            first = (rec.get("sources") or [None])[0]
            if not first and rec.get("source_url"):  # a document of data/documents.csv
                first = f"{rec.get('issuer', '')}: {rec.get('title', '')} — {rec['source_url']}"
            if first:
                text += f" (from {first})"
        except Exception:  # noqa: BLE001 - the source line must never break a quiz
            pass
        return text
    return f"{source.get('cite', '')} — {source.get('url', '')}".strip(" —")


def feedback(question: dict, result: Result, attempt: int, max_tries: int = MAX_TRIES,
             source: str | None = None) -> tuple[str, str]:
    """The feedback shown after a check: (kind, text) with kind "ok", "bad" or "info".

    Correct → verdict, explanation and source. Wrong with tries left → verdict and how many tries are left.
    Wrong on the last try → verdict, the answer, explanation and source. Not counted → just the message.
    """
    if not result.counted:
        return "info", result.message
    src = fmt("source", source=source if source is not None else source_text(question["source"]))
    if result.correct:
        return "ok", f"{result.message} {question['explanation']} {src}"
    left = max_tries - attempt
    if left > 0:
        return "bad", f"{result.message} " + fmt("try_again", left=left, tries=plural(left, "try", "tries"))
    return "bad", (f"{result.message} " + fmt("reveal", answer=correct_answer_text(question))
                   + f" {question['explanation']} {src}")

