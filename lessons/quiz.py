"""Quizzes that work everywhere: a live ipywidgets view in JupyterLab and a kernel-free HTML twin.

Question banks live in ``data/quizzes/NN-slug.json`` and are checked against ``lessons/quiz_schema.json``
plus a few rules a schema can't express (answer indices in range, unique ids, sources that resolve).

Typical use in a notebook::

    from lessons import quiz
    quiz.show("04")                                  # every question of lesson 04
    quiz.Quiz("04-security", sample=3, seed=1)       # three questions picked at random, the same every run
    quiz.grade(question, answer)                     # pure-Python grading, shared with the gradebook

One grading rule everywhere: :func:`grade` here, and the inline JavaScript of the twin, which mirrors it
(same normalization of text, same number parsing, same messages: they are passed to the page from
:data:`MESSAGES`). The gradebook uses :func:`grade` again to recompute every mark.
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from pathlib import Path
from typing import Any, Iterable, NamedTuple

from .component import Component

__all__ = [
    "TYPES",
    "MAX_TRIES",
    "MESSAGES",
    "Result",
    "BankError",
    "grade",
    "normalize_text",
    "parse_number",
    "describe_answer",
    "correct_answer_text",
    "source_text",
    "feedback",
    "lesson_of",
    "bank_names",
    "load_bank",
    "validate_bank",
    "check_sources",
    "all_questions",
    "Quiz",
    "show",
]

TYPES = ("single", "multiple", "truefalse", "ordering", "matching", "numeric", "text")

#: A question counts as answered correctly if one of the first MAX_TRIES counted attempts is right; after that
#: many wrong attempts the answer is shown.
MAX_TRIES = 2

SCHEMA_PATH = Path(__file__).with_name("quiz_schema.json")

SEED_CITATION = (
    "“South Korea to Abandon Intelligence-Sharing with Japan” (FocusWashington summary of a New York Times "
    "report, 22 Aug 2019)"
)

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


# --------------------------------------------------------------------------------------------------------
# Normalization (mirrored in the twin's JavaScript: keep the two in step)
# --------------------------------------------------------------------------------------------------------

_NON_WORD = re.compile(r"[\W_]+")
_THOUSANDS = re.compile(r",(?=\d{3}(?!\d))")
_UNIT_TAIL = re.compile(r"\s*(%|[a-zA-Z][a-zA-Z .]*)$")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def normalize_text(value: Any) -> str:
    """Lower-case, Unicode NFKC, punctuation and runs of spaces turned into one space, trimmed."""
    text = unicodedata.normalize("NFKC", str(value)).lower()
    return _NON_WORD.sub(" ", text).strip()


def parse_number(value: Any) -> float | None:
    """A number from what a student typed ("−50.3 %", "1,234", "24 km"), or None if it isn't one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if value == value and abs(value) != float("inf") else None
    if not isinstance(value, str):
        return None
    text = value.strip().replace("\u2212", "-").replace("\u2013", "-")
    text = _UNIT_TAIL.sub("", text)
    text = _THOUSANDS.sub("", text).replace(" ", "")
    if not _NUMBER.fullmatch(text):
        return None
    return float(text)


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


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


# --------------------------------------------------------------------------------------------------------
# Grading
# --------------------------------------------------------------------------------------------------------


def _fmt(key: str, **values: Any) -> str:
    return MESSAGES[key].format(**values)


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
        return Result(False, _fmt("multiple_partial", right=len(chosen & right), total=len(right),
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
            return Result(False, _fmt("incomplete", missing=missing), False)
        if kind == "ordering" and len(set(values)) != len(values):
            return Result(False, MESSAGES["duplicate"], False)
        right = sum(v == k for v, k in zip(values, key))
        if right == slots:
            return Result(True, MESSAGES["correct"])
        return Result(False, _fmt(f"{kind}_partial", right=right, total=slots))
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
        given = normalize_text(answer)
        if not given:
            return Result(False, MESSAGES["notext"], False)
        accepted = {normalize_text(a) for a in [key, *question.get("alternatives", [])]}
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
            return "; ".join(f"{_short(l)} = {'?' if a is None else right[_as_index(a)]}"  # type: ignore
                             for l, a in zip(left, answer))
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


def lesson_of(question_id: str) -> str:
    """The lesson number of a question or check id: ``"04-deadline-date"`` → ``"04"``."""
    return str(question_id).split("-", 1)[0]


def source_text(source: dict) -> str:
    """A question's source as one readable line (course data rows are looked up for their own source)."""
    if "seed" in source:
        return f"seed article, paragraph {source['seed']}: {SEED_CITATION}"
    if "data" in source:
        text = f"course data, {source['data']}.csv, row “{source['id']}”"
        try:
            from . import data

            rec = data.row(source["data"], source["id"])
            first = (rec.get("sources") or [None])[0]
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
    src = _fmt("source", source=source if source is not None else source_text(question["source"]))
    if result.correct:
        return "ok", f"{result.message} {question['explanation']} {src}"
    left = max_tries - attempt
    if left > 0:
        return "bad", f"{result.message} " + _fmt("try_again", left=left, tries=_plural(left, "try", "tries"))
    return "bad", (f"{result.message} " + _fmt("reveal", answer=correct_answer_text(question))
                   + f" {question['explanation']} {src}")


# --------------------------------------------------------------------------------------------------------
# Banks: loading and validation
# --------------------------------------------------------------------------------------------------------

_SCHEMA_CACHE: dict[str, Any] = {}


def _schema() -> dict:
    if "schema" not in _SCHEMA_CACHE:
        _SCHEMA_CACHE["schema"] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return _SCHEMA_CACHE["schema"]


def jsonschema_validator():
    """A full :mod:`jsonschema` validator for the bank schema (used by the tests and by teachers' tools).

    Importing jsonschema takes a second or more (it builds URI grammars on import), so quizzes and the gradebook
    use :class:`_MiniValidator`, which applies the same schema file; the tests check the two agree.
    """
    import jsonschema  # heavy: only when asked for

    schema = _schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


class _SchemaError:
    """One schema violation, with the attributes of a jsonschema ValidationError that :func:`_explain` uses."""

    def __init__(self, validator: str, validator_value: Any, instance: Any, path: tuple, schema: Any, message: str):
        self.validator, self.validator_value, self.instance = validator, validator_value, instance
        self.path, self.schema, self.message = list(path), schema, message


_TYPES = {
    "object": lambda x: isinstance(x, dict),
    "array": lambda x: isinstance(x, list),
    "string": lambda x: isinstance(x, str),
    "boolean": lambda x: isinstance(x, bool),
    "number": lambda x: isinstance(x, (int, float)) and not isinstance(x, bool),
    "integer": lambda x: (isinstance(x, int) and not isinstance(x, bool)) or (isinstance(x, float) and x.is_integer()),
}


class _MiniValidator:
    """The subset of JSON Schema (2020-12) that quiz_schema.json uses, without importing jsonschema."""

    def __init__(self, schema: dict):
        self.root = schema

    def is_valid(self, instance: Any, schema: Any) -> bool:
        return next(self._errors(instance, schema, ()), None) is None

    def iter_errors(self, instance: Any) -> Iterable[_SchemaError]:
        return self._errors(instance, self.root, ())

    def _errors(self, x: Any, s: Any, path: tuple) -> Iterable[_SchemaError]:
        if s is True:
            return
        if s is False:
            yield _SchemaError("false", False, x, path, s, "False schema does not allow it")
            return
        if "$ref" in s:
            target: Any = self.root
            for part in s["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            yield from self._errors(x, target, path)
        t = s.get("type")
        if t is not None and not _TYPES[t](x):
            yield _SchemaError("type", t, x, path, s, f"{x!r} is not of type {t!r}")
            return
        if "enum" in s and x not in s["enum"]:
            yield _SchemaError("enum", s["enum"], x, path, s, f"{x!r} is not one of {s['enum']!r}")
        if "const" in s and x != s["const"]:
            yield _SchemaError("const", s["const"], x, path, s, f"{s['const']!r} was expected")
        if isinstance(x, str):
            if len(x) < s.get("minLength", 0):
                yield _SchemaError("minLength", s["minLength"], x, path, s, f"{x!r} is too short")
            if "pattern" in s and not re.search(s["pattern"], x):
                yield _SchemaError("pattern", s["pattern"], x, path, s, f"{x!r} does not match {s['pattern']!r}")
        if _TYPES["number"](x):
            if "minimum" in s and x < s["minimum"]:
                yield _SchemaError("minimum", s["minimum"], x, path, s, f"{x} is less than the minimum")
            if "maximum" in s and x > s["maximum"]:
                yield _SchemaError("maximum", s["maximum"], x, path, s, f"{x} is greater than the maximum")
        if isinstance(x, dict):
            for name in s.get("required", []):
                if name not in x:
                    yield _SchemaError("required", s["required"], x, path, s, f"{name!r} is a required property")
            props = s.get("properties", {})
            for name, value in x.items():
                if name in props:
                    yield from self._errors(value, props[name], path + (name,))
            if s.get("additionalProperties") is False:
                extra = [k for k in x if k not in props]
                if extra:
                    yield _SchemaError("additionalProperties", False, x, path, s,
                                       f"Additional properties are not allowed ({extra[0]!r} was unexpected)")
            if len(x) < s.get("minProperties", 0):
                yield _SchemaError("minProperties", s["minProperties"], x, path, s, f"{x!r} should be non-empty")
        if isinstance(x, list):
            if len(x) < s.get("minItems", 0):
                yield _SchemaError("minItems", s["minItems"], x, path, s, f"{x!r} is too short")
            if s.get("uniqueItems") and len({json.dumps(v, sort_keys=True) for v in x}) != len(x):
                yield _SchemaError("uniqueItems", True, x, path, s, f"{x!r} has non-unique elements")
            if "items" in s:
                for i, value in enumerate(x):
                    yield from self._errors(value, s["items"], path + (i,))
        for sub in s.get("allOf", []):
            yield from self._errors(x, sub, path)
        if "if" in s and self.is_valid(x, s["if"]) and "then" in s:
            yield from self._errors(x, s["then"], path)
        if "oneOf" in s and sum(self.is_valid(x, sub) for sub in s["oneOf"]) != 1:
            yield _SchemaError("oneOf", s["oneOf"], x, path, s, f"{x!r} is not valid under exactly one schema")
        if "anyOf" in s and not any(self.is_valid(x, sub) for sub in s["anyOf"]):
            yield _SchemaError("anyOf", s["anyOf"], x, path, s, f"{x!r} is not valid under any schema")
        if "not" in s and self.is_valid(x, s["not"]):
            yield _SchemaError("not", s["not"], x, path, s, f"{x!r} should not be valid under {s['not']!r}")


def _validator() -> _MiniValidator:
    if "v" not in _SCHEMA_CACHE:
        _SCHEMA_CACHE["v"] = _MiniValidator(_schema())
    return _SCHEMA_CACHE["v"]


def _explain(error: Any) -> str:
    """One jsonschema error as a plain sentence (without the location)."""
    v = error.validator
    if v == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        return f"is missing (required){'' if missing else ': ' + error.message}"
    if v == "additionalProperties":
        allowed = ", ".join(sorted(error.schema.get("properties", {})))
        return f"is not allowed here (a misspelling?); the allowed fields are: {allowed}"
    if v in ("enum", "const"):
        return f"has the value {json.dumps(error.instance, ensure_ascii=False)}; expected one of " \
               f"{json.dumps(error.validator_value, ensure_ascii=False)}"
    if v == "type":
        return f"has the value {json.dumps(error.instance, ensure_ascii=False)[:60]}; expected {error.validator_value}"
    if v == "oneOf" and "source" in [str(p) for p in error.path]:
        return ("must be exactly one of {\"seed\": paragraph number}, {\"data\": dataset, \"id\": row id} or "
                "{\"cite\": \"Outlet: title (date)\", \"url\": \"https://…\"}")
    if v == "minItems":
        return f"needs at least {error.validator_value} items (it has {len(error.instance)})"
    if v in ("minimum", "maximum"):
        return f"has the value {error.instance}; it must be {'at least' if v == 'minimum' else 'at most'} " \
               f"{error.validator_value}"
    if v == "uniqueItems":
        return f"has the value {json.dumps(error.instance)}; each item may appear only once"
    if v == "pattern" and error.validator_value == "\\S":
        return "must not be empty"
    if v == "pattern":
        return f"has the value {json.dumps(error.instance, ensure_ascii=False)[:60]}, which is not in the expected " \
               f"form ({error.validator_value})"
    if v == "false" or error.validator_value is False:
        return "is not used by this type of question; remove it"
    return error.message


def _field_of(path: list) -> str:
    # path like ['questions', 3, 'source', 'seed'] → "source.seed"
    rest = [str(p) for p in path[2:]] if len(path) >= 2 and path[0] == "questions" else [str(p) for p in path]
    return ".".join(rest) or "(the question itself)"


def validate_bank(doc: Any, name: str = "bank", *, sources: bool = False,
                  known_ids: Iterable[str] | None = None) -> list[str]:
    """Problems with a bank (an empty list if it is fine). Each names the file, the question id and the field.

    ``sources=True`` also checks that every source resolves (seed paragraph exists, data row exists).
    ``known_ids`` are question ids of other banks that ``include`` may reference.
    """
    where = name
    problems: list[str] = []
    if not isinstance(doc, dict):
        return [f"{where}: the file must hold a JSON object with \"lesson\", \"title\" and \"questions\"."]
    questions = doc.get("questions") if isinstance(doc.get("questions"), list) else []

    def qid_at(i: int) -> str:
        q = questions[i] if i < len(questions) else None
        return q.get("id") if isinstance(q, dict) and isinstance(q.get("id"), str) else f"#{i + 1}"

    for error in sorted(_validator().iter_errors(doc), key=lambda e: [str(p) for p in e.path]):
        path = list(error.path)
        if error.validator == "required":
            missing = re.findall(r"'([^']+)' is a required property", error.message)
            path = path + missing[:1]
        elif error.validator == "additionalProperties":
            path = path + re.findall(r"'([^']+)'", error.message)[:1]
        if len(path) >= 2 and path[0] == "questions" and isinstance(path[1], int):
            problems.append(f"{where}, question {qid_at(path[1])}, field '{_field_of(path)}' {_explain(error)}.")
        else:
            field = ".".join(str(p) for p in path) or "(top level)"
            problems.append(f"{where}, field '{field}' {_explain(error)}.")
    if problems:
        return problems
    lesson = doc["lesson"]
    seen: set[str] = set()
    for q in questions:
        qid = q["id"]
        at = f"{where}, question {qid}"
        if qid in seen:
            problems.append(f"{at}, field 'id': the id is used twice; ids must be unique.")
        seen.add(qid)
        if lesson_of(qid) != lesson:
            problems.append(f"{at}, field 'id': the id must start with the lesson number \"{lesson}-\".")
        problems += [f"{at}, field '{f}': {m}" for f, m in _semantic_problems(q)]
        if sources:
            problem = _source_problem(q["source"])
            if problem:
                problems.append(f"{at}, field 'source': {problem}")
    if known_ids is not None:
        known = set(known_ids)
        for ref in doc.get("include", []):
            if ref not in known:
                problems.append(f"{where}, field 'include': there is no question {ref!r} in the other banks.")
    return problems


def _semantic_problems(q: dict) -> list[tuple[str, str]]:
    kind, key = q["type"], q["answer"]
    out: list[tuple[str, str]] = []
    if kind == "single" and not key < len(q["options"]):
        out.append(("answer", f"index {key} is past the last option (there are {len(q['options'])}; counting from 0)."))
    if kind == "multiple" and any(k >= len(q["options"]) for k in key):
        out.append(("answer", f"an index is past the last option (there are {len(q['options'])}; counting from 0)."))
    if kind == "ordering" and sorted(key) != list(range(len(q["options"]))):
        out.append(("answer", f"must list every option index 0…{len(q['options']) - 1} once, in the right order."))
    if kind == "matching":
        left, right = q["options"]["left"], q["options"]["right"]
        if len(key) != len(left):
            out.append(("answer", f"needs one right-hand index for each of the {len(left)} left items."))
        if any(k >= len(right) for k in key):
            out.append(("answer", f"an index is past the last right-hand item (there are {len(right)})."))
    if kind in ("single", "multiple", "ordering") and len(set(map(normalize_text, q["options"]))) != len(q["options"]):
        out.append(("options", "two options are the same; every option must differ."))
    return out


def _source_problem(source: dict) -> str | None:
    from . import data

    if "seed" in source:
        if not 1 <= source["seed"] <= data.ARTICLE_PARAGRAPHS:
            return (f"the seed article has paragraphs 1–{data.ARTICLE_PARAGRAPHS}; there is no paragraph "
                    f"{source['seed']}.")
        return None
    if "data" in source:
        try:
            data.row(source["data"], source["id"])
        except data.DataError as exc:
            return str(exc)
    return None


def check_sources(bank: dict) -> list[str]:
    """Problems with the sources of a loaded bank (empty when every source resolves)."""
    out = []
    for q in bank["questions"]:
        problem = _source_problem(q["source"])
        if problem:
            out.append(f"{bank.get('file', bank.get('name'))}, question {q['id']}, field 'source': {problem}")
    return out


def _quiz_dir() -> Path:
    from . import data

    return data.data_dir() / "quizzes"


def bank_names() -> list[str]:
    """Names of the question banks, e.g. ``['01-the-story', …, '08-assessment']``."""
    folder = _quiz_dir()
    return sorted(p.stem for p in folder.glob("*.json")) if folder.is_dir() else []


def _resolve_name(name: Any) -> str:
    text = f"{name:02d}" if isinstance(name, int) and not isinstance(name, bool) else str(name).strip()
    text = text.removeprefix("quizzes/").removesuffix(".json")
    names = bank_names()
    if text in names:
        return text
    matches = [n for n in names if lesson_of(n) == text.zfill(2)]
    if len(matches) == 1:
        return matches[0]
    listed = ", ".join(names) or "(none found)"
    raise BankError(f"There is no question bank called {text!r}. Available banks: {listed}. "
                    "Use a name like \"04-security\" or just the lesson number \"04\".")


_BANK_CACHE: dict[tuple[str, int, int], dict] = {}


def _read_raw(name: str) -> tuple[dict, str]:
    from . import data

    p = data.path(f"quizzes/{name}")
    display = f"data/quizzes/{p.name}"
    try:
        doc = json.loads(p.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise BankError(f"{display} is not valid JSON ({exc}). Fix the file, then run the cell again.") from None
    return doc, display


def load_bank(name: Any) -> dict:
    """Load and validate a bank by name (``"01-the-story"`` or ``"01"``). ``include`` references are resolved
    into ``questions``. Returns ``{"name", "file", "lesson", "title", "questions": [...]}``."""
    from . import data

    resolved = _resolve_name(name)
    p = data.path(f"quizzes/{resolved}")
    st = p.stat()
    key = (str(p.resolve()), st.st_mtime_ns, st.st_size)
    if key in _BANK_CACHE:
        return json.loads(json.dumps(_BANK_CACHE[key]))
    doc, display = _read_raw(resolved)
    problems = validate_bank(doc, display)
    if problems:
        raise BankError(f"{display} has {len(problems)} problem(s):\n- " + "\n- ".join(problems), problems)
    questions = list(doc["questions"])
    if doc.get("include"):
        others = {}
        for other in bank_names():
            if other != resolved:
                for q in load_bank(other)["questions"]:
                    others.setdefault(q["id"], q)
        missing = [i for i in doc["include"] if i not in others]
        if missing:
            raise BankError(f"{display}, field 'include': no question with id {', '.join(missing)} in the other "
                            "banks. Check the ids, then run the cell again.")
        questions = [others[i] for i in doc["include"]] + questions
    bank = {"name": resolved, "file": display, "lesson": doc["lesson"], "title": doc["title"],
            "questions": questions}
    _BANK_CACHE[key] = bank
    return json.loads(json.dumps(bank))


def all_questions() -> dict[str, dict]:
    """Every question of every bank, by id (the gradebook grades against these)."""
    out: dict[str, dict] = {}
    for name in bank_names():
        for q in load_bank(name)["questions"]:
            out.setdefault(q["id"], q)
    return out


# --------------------------------------------------------------------------------------------------------
# The component
# --------------------------------------------------------------------------------------------------------

_QUIZ_CSS = """
.gs-quiz fieldset{border:1px solid #c9c9c9;border-radius:6px;margin:0.6em 0;padding:0.5em 0.8em}
.gs-quiz legend{font-weight:600;padding:0 0.3em}
.gs-quiz .gs-opt{display:block;margin:0.15em 0}
.gs-quiz .gs-slot{display:block;margin:0.25em 0}
.gs-quiz .gs-fb{margin:0.4em 0 0 0;padding:0.3em 0.6em;border-left:4px solid transparent}
.gs-quiz .gs-fb:empty{display:none}
.gs-quiz .gs-ok{color:%(ok)s;border-left-color:%(ok)s;background:#f0f8f2}
.gs-quiz .gs-bad{color:%(bad)s;border-left-color:%(bad)s;background:#fdf2f4}
.gs-quiz .gs-info{color:#1a1a1a;border-left-color:#E69F00;background:#fff8e1}
.gs-quiz .gs-score{font-weight:600}
"""

# The inline script. Defined once per page (window.gsQuizLib) and run once per quiz with its own data, so two
# quizzes on one page both work. Mirrors grade(), normalize_text(), parse_number() and feedback() above.
_QUIZ_JS = r"""
var L=window.gsQuizLib;if(!L){L=window.gsQuizLib=(function(){
function nt(s){return String(s).normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu,' ').trim();}
function pn(s){s=String(s).trim().replace(/\u2212|\u2013/g,'-').replace(/\s*(%|[a-zA-Z][a-zA-Z .]*)$/,'');
s=s.replace(/,(?=\d{3}(?!\d))/g,'').replace(/ /g,'');
return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s)?parseFloat(s):null;}
function f(t,o){return t.replace(/\{(\w+)\}/g,function(m,k){return o[k];});}
function grade(q,a,M){var t=q.type,k=q.answer,i,r=0;
if(t=='single'||t=='truefalse'){if(a===null||a===undefined||a==='')return[0,M.empty,0];return a===k?[1,M.correct,1]:[0,M.wrong,1];}
if(t=='multiple'){if(!a||!a.length)return[0,M.empty,0];var x=0;for(i=0;i<a.length;i++){if(k.indexOf(a[i])>=0)r++;else x++;}
return(r==k.length&&!x)?[1,M.correct,1]:[0,f(M.multiple_partial,{right:r,total:k.length,extra:x}),1];}
if(t=='ordering'||t=='matching'){var m=0,s={};for(i=0;i<k.length;i++){if(a[i]===null)m++;else{if(s[a[i]])s.d=1;s[a[i]]=1;if(a[i]===k[i])r++;}}
if(m==k.length)return[0,M.empty,0];if(m)return[0,f(M.incomplete,{missing:m}),0];if(t=='ordering'&&s.d)return[0,M.duplicate,0];
return r==k.length?[1,M.correct,1]:[0,f(M[t+'_partial'],{right:r,total:k.length}),1];}
if(!String(a).trim())return[0,M.empty,0];
if(t=='numeric'){var n=pn(a);if(n===null)return[0,M.nan,0];var ok=Math.abs(n-k)<=q.tol+1e-9;return[ok?1:0,ok?M.correct:M.wrong,1];}
var g=nt(a);if(!g)return[0,M.notext,0];var ok2=q.alts.some(function(x){return nt(x)==g;});return[ok2?1:0,ok2?M.correct:M.wrong,1];}
function fb(q,res,n,D){var M=D.M,src=f(M.source,{source:q.src});if(!res[2])return['info',res[1]];
if(res[0])return['ok',res[1]+' '+q.expl+' '+src];var left=D.max-n;
if(left>0)return['bad',res[1]+' '+f(M.try_again,{left:left,tries:left==1?'try':'tries'})];
return['bad',res[1]+' '+f(M.reveal,{answer:q.reveal})+' '+q.expl+' '+src];}
function st(){try{return window.localStorage;}catch(e){return null;}}
function get(id){var s=st();try{return s?JSON.parse(s.getItem('gsomia-quiz:'+id)||'null'):null;}catch(e){return null;}}
function put(id,v){var s=st();try{if(s){if(v)s.setItem('gsomia-quiz:'+id,JSON.stringify(v));else s.removeItem('gsomia-quiz:'+id);}}catch(e){}}
function read(fs,q){var t=q.type,el,out,i;
if(t=='single'||t=='truefalse'){el=fs.querySelector('input:checked');if(!el)return null;return t=='single'?+el.value:el.value=='true';}
if(t=='multiple'){out=[];el=fs.querySelectorAll('input:checked');for(i=0;i<el.length;i++)out.push(+el[i].value);return out;}
if(t=='ordering'||t=='matching'){out=[];el=fs.querySelectorAll('select');for(i=0;i<el.length;i++)out.push(el[i].value===''?null:+el[i].value);return out;}
return fs.querySelector('input').value;}
function write(fs,q,a){var t=q.type,el=fs.querySelectorAll('input,select'),i;for(i=0;i<el.length;i++){var e=el[i];
if(e.type=='radio'||e.type=='checkbox'){e.checked=a!==null&&a!==undefined&&(t=='multiple'?a.indexOf(+e.value)>=0:String(a)===e.value);}
else if(e.tagName=='SELECT'){e.value=(a&&a[i]!==null&&a[i]!==undefined)?String(a[i]):'';}else e.value=a===null||a===undefined?'':a;}}
function init(root,D){var qs=D.qs,cur=0,fss=root.querySelectorAll('fieldset.gs-q');
function score(){var r=0,n=0;qs.forEach(function(q){var s=get(q.id);if(s&&s.log.length){n++;if(s.ok)r++;}});
root.querySelector('.gs-score').textContent=f(D.M.score,{right:r,total:qs.length,answered:n});}
function show(fs,q,s){var box=fs.querySelector('.gs-fb'),btn=fs.querySelector('.gs-check');btn.disabled=false;box.textContent='';box.className='gs-fb';
if(!s||!s.log.length)return;var last=s.log[s.log.length-1];write(fs,q,last.answer);
var x=fb(q,grade(q,last.answer,D.M),s.log.length,D);box.className='gs-fb gs-'+x[0];box.textContent=x[1];
if(s.ok||s.log.length>=D.max)btn.disabled=true;}
function nav(){if(!D.one)return;for(var i=0;i<fss.length;i++)fss[i].hidden=i!=cur;
root.querySelector('.gs-pos').textContent=(cur+1)+' / '+fss.length;}
qs.forEach(function(q,i){var fs=fss[i];show(fs,q,get(q.id));
function check(){var a=read(fs,q),res=grade(q,a,D.M),box=fs.querySelector('.gs-fb'),s=get(q.id)||{log:[],ok:false};
if(res[2]){var d=new Date().toISOString().slice(0,19)+'Z';s.log.push({question:q.id,lesson:q.lesson,answer:a,attempt:s.log.length+1,time:d,correct:!!res[0]});
if(res[0]&&s.log.length<=D.max)s.ok=true;put(q.id,s);}
var x=fb(q,res,s.log.length,D);box.className='gs-fb gs-'+x[0];box.textContent='';box.textContent=x[1];
if(res[2]&&(res[0]||s.log.length>=D.max))fs.querySelector('.gs-check').disabled=true;score();}
fs.querySelector('.gs-check').addEventListener('click',check);
var tx=fs.querySelector('input[type=text]');if(tx)tx.addEventListener('keydown',function(e){if(e.key=='Enter'){e.preventDefault();check();}});});
root.querySelector('.gs-reset').addEventListener('click',function(){qs.forEach(function(q,i){put(q.id,null);write(fss[i],q,null);show(fss[i],q,null);});score();});
root.querySelector('.gs-download').addEventListener('click',function(){var ans=[];
qs.forEach(function(q){var s=get(q.id);if(s)ans=ans.concat(s.log);});
var nm=root.querySelector('.gs-name').value.trim(),gr=root.querySelector('.gs-group').value.trim();
var doc={format:'gsomia-results',version:1,name:nm,group:gr,exported:new Date().toISOString().slice(0,19)+'Z',course_version:D.cv,answers:ans};
var a=document.createElement('a');a.href='data:application/json;charset=utf-8,'+encodeURIComponent(JSON.stringify(doc,null,1));
a.download='gsomia-results-'+(nm.replace(/[^A-Za-z0-9_-]+/g,'-')||'student')+'.json';root.appendChild(a);a.click();root.removeChild(a);
root.querySelector('.gs-dlmsg').textContent=D.dl;});
if(D.one){var b=root.querySelectorAll('.gs-nav button');b[0].addEventListener('click',function(){if(cur>0){cur--;nav();fss[cur].querySelector('legend').focus();}});
b[1].addEventListener('click',function(){if(cur<fss.length-1){cur++;nav();fss[cur].querySelector('legend').focus();}});}
var hd=root.querySelectorAll('.gs-js,.gs-check,.gs-nav');for(var j=0;j<hd.length;j++)hd[j].hidden=false;var ns=root.querySelector('.gs-noscript');if(ns)ns.hidden=true;nav();score();}
return{init:init,grade:grade,nt:nt,pn:pn};})();}
L.init(root,JSON.parse(root.querySelector('script.gs-quiz-data').textContent));
"""


def _js() -> str:
    # Strip the newlines the source keeps for readability (every statement already ends with ; or }).
    return "".join(line.strip() for line in _QUIZ_JS.strip().splitlines())


class Quiz(Component):
    """A quiz over a bank or a list of questions.

    ``Quiz(bank_or_questions, ids=None, sample=None, seed=0, one_at_a_time=False, max_tries=2)``

    - ``bank_or_questions``: a bank name (``"04-security"`` or ``"04"``), a loaded bank dict, or a list of
      question dicts (validated against the schema).
    - ``ids``: only these questions, in this order. ``sample``: that many questions picked at random with
      ``seed`` (the same ones on every run), kept in bank order.
    - ``one_at_a_time``: show one question with Previous/Next buttons instead of all of them.
    - ``max_tries``: wrong attempts before the answer is shown.
    - ``record``: record every counted answer in the student's progress file (see :mod:`lessons.progress`).
    """

    label = "Quiz"

    def __init__(self, bank_or_questions: Any, ids: Iterable[str] | None = None, sample: int | None = None,
                 seed: int = 0, one_at_a_time: bool = False, max_tries: int = MAX_TRIES, record: bool = True):
        super().__init__()
        if isinstance(bank_or_questions, dict) and "questions" in bank_or_questions:
            bank = bank_or_questions
        elif isinstance(bank_or_questions, (list, tuple)):
            questions = list(bank_or_questions)
            lessons_ = sorted({lesson_of(q.get("id", "")) for q in questions if isinstance(q, dict)})
            doc = {"lesson": lessons_[0] if len(lessons_) == 1 else "00", "title": "Quiz", "questions": questions}
            problems = [p for p in validate_bank(doc, "these questions") if "must start with the lesson" not in p]
            if problems:
                raise BankError("Some questions are malformed:\n- " + "\n- ".join(problems), problems)
            bank = {"name": None, "file": None, "lesson": doc["lesson"] if len(lessons_) == 1 else None,
                    "title": "Quiz", "questions": questions}
        else:
            bank = load_bank(bank_or_questions)
        questions = list(bank["questions"])
        if ids is not None:
            by_id = {q["id"]: q for q in questions}
            ids = list(ids)
            unknown = [i for i in ids if i not in by_id]
            if unknown:
                raise BankError(f"No question with id {', '.join(map(repr, unknown))} in this bank. "
                                f"Its ids are: {', '.join(by_id)}.")
            questions = [by_id[i] for i in ids]
        if sample is not None:
            if not isinstance(sample, int) or sample < 1:
                raise BankError(f"sample must be a whole number of questions (1 or more), not {sample!r}.")
            if sample < len(questions):
                chosen = set(random.Random(seed).sample(range(len(questions)), sample))
                questions = [q for i, q in enumerate(questions) if i in chosen]
        if not questions:
            raise BankError("This quiz has no questions. Choose a bank that has some, or fewer filters.")
        if not isinstance(max_tries, int) or max_tries < 1:
            raise BankError(f"max_tries must be a whole number 1 or more, not {max_tries!r}.")
        self.bank = bank
        self.questions = questions
        self.one_at_a_time = bool(one_at_a_time)
        self.max_tries = max_tries
        self.record = record
        self.attempts: dict[str, int] = {q["id"]: 0 for q in questions}
        self.solved: dict[str, bool] = {q["id"]: False for q in questions}
        self._sources: dict[str, str] = {}
        self._controls: dict[str, Any] = {}

    # --- helpers ---------------------------------------------------------------------------------------
    def _describe(self) -> str:
        n = len(self.questions)
        noun = _plural(n, "question", "questions")
        lesson = self.bank.get("lesson")
        if lesson == "08":
            return f"{n} {noun} from the whole course (final assessment)"
        if lesson:
            return f"{n} {noun} on lesson {lesson}"
        return f"{n} {noun}"

    def plain_text(self) -> str:
        return f"Quiz: {self._describe()} — run this cell to answer them here."

    def source_of(self, question: dict) -> str:
        if question["id"] not in self._sources:
            self._sources[question["id"]] = source_text(question["source"])
        return self._sources[question["id"]]

    @property
    def score(self) -> tuple[int, int]:
        """(questions answered correctly within the allowed tries, number of questions)."""
        return sum(self.solved.values()), len(self.questions)

    def score_text(self) -> str:
        answered = sum(1 for n in self.attempts.values() if n)
        return _fmt("score", right=self.score[0], total=len(self.questions), answered=answered)

    def submit(self, question_id: str, answer: Any) -> tuple[Result, str, str]:
        """Grade an answer as the Check button does: count the attempt, record it, return (result, kind, text)."""
        q = next(q for q in self.questions if q["id"] == question_id)
        result = grade(q, answer)
        if result.counted:
            self.attempts[question_id] += 1
            attempt = self.attempts[question_id]
            if result.correct and attempt <= self.max_tries:
                self.solved[question_id] = True
            if self.record:
                from . import progress

                progress.record(question_id, answer, result.correct, attempt, lesson=lesson_of(question_id))
        kind, text = feedback(q, result, self.attempts[question_id], self.max_tries, self.source_of(q))
        return result, kind, text

    # --- live view -------------------------------------------------------------------------------------
    def build_widget(self) -> Any:
        import ipywidgets as w

        from ._html import esc
        from .style import CORRECT, WRONG

        colours = {"ok": CORRECT, "bad": WRONG, "info": "#1a1a1a"}
        score = w.HTML(value=f'<p role="status" aria-live="polite"><b>{esc(self.score_text())}</b></p>')
        boxes = []
        for number, q in enumerate(self.questions, 1):
            control, read = self._control(w, q)
            fb = w.HTML(value='<div role="status" aria-live="polite"></div>')
            button = w.Button(description="Check", tooltip=f"Check your answer to question {number}",
                              button_style="primary")

            def on_click(_btn: Any, q: dict = q, read: Any = read, fb: Any = fb, button: Any = button) -> None:
                result, kind, text = self.submit(q["id"], read())
                fb.value = (f'<div role="status" aria-live="polite" style="color:{colours[kind]};'
                            f'border-left:4px solid {colours[kind]};padding:0.2em 0.6em">{esc(text)}</div>')
                if result.counted and (result.correct or self.attempts[q["id"]] >= self.max_tries):
                    button.disabled = True
                score.value = f'<p role="status" aria-live="polite"><b>{esc(self.score_text())}</b></p>'

            button.on_click(on_click)
            prompt = w.HTML(value=f"<p><b>{number}. {esc(q['prompt'])}</b></p>")
            box = w.VBox([prompt, control, button, fb], layout=w.Layout(border="1px solid #c9c9c9",
                                                                        padding="0.4em", margin="0.3em 0"))
            self._controls[q["id"]] = {"control": control, "read": read, "button": button, "feedback": fb}
            boxes.append(box)
        title = w.HTML(value=f"<h3>{esc(self.plain_text().split(' — ')[0])}</h3>")
        if not self.one_at_a_time:
            return w.VBox([title, *boxes, score])
        position = w.Label(value=f"1 / {len(boxes)}")
        prev_b = w.Button(description="Previous", tooltip="Previous question")
        next_b = w.Button(description="Next", tooltip="Next question")
        holder = w.VBox([boxes[0]])
        state = {"i": 0}

        def go(delta: int) -> None:
            state["i"] = max(0, min(len(boxes) - 1, state["i"] + delta))
            holder.children = [boxes[state["i"]]]
            position.value = f"{state['i'] + 1} / {len(boxes)}"

        prev_b.on_click(lambda _b: go(-1))
        next_b.on_click(lambda _b: go(1))
        self._nav = {"previous": prev_b, "next": next_b, "holder": holder, "position": position}
        return w.VBox([title, holder, w.HBox([prev_b, position, next_b]), score])

    def _control(self, w: Any, q: dict) -> tuple[Any, Any]:
        kind = q["type"]
        wide = w.Layout(width="auto")
        style = {"description_width": "initial"}
        if kind in ("single", "truefalse"):
            options = list(enumerate(q["options"])) if kind == "single" else [(0, "True"), (1, "False")]
            radio = w.RadioButtons(options=[(text, i) for i, text in options], value=None, description="Answer:",
                                   layout=wide, style=style)
            if kind == "single":
                return radio, lambda: radio.value
            return radio, lambda: None if radio.value is None else radio.value == 0
        if kind == "multiple":
            boxes = [w.Checkbox(value=False, description=text, indent=False, layout=wide) for text in q["options"]]
            return w.VBox(boxes), lambda: [i for i, b in enumerate(boxes) if b.value]
        if kind in ("ordering", "matching"):
            if kind == "ordering":
                choices = [("— choose —", None)] + [(t, i) for i, t in enumerate(q["options"])]
                labels = [f"{_ordinal(i + 1)}:" for i in range(len(q["answer"]))]
                rows = [w.Dropdown(options=choices, value=None, description=lab, style=style, layout=wide)
                        for lab in labels]
                return w.VBox(rows), lambda: [d.value for d in rows]
            choices = [("— choose —", None)] + [(t, i) for i, t in enumerate(q["options"]["right"])]
            drops, parts = [], []
            for i, left in enumerate(q["options"]["left"]):
                d = w.Dropdown(options=choices, value=None, description=f"Match for item {i + 1}:", style=style,
                               layout=wide)
                drops.append(d)
                parts += [w.HTML(value=f"<div>{i + 1}. {_esc(left)}</div>"), d]
            return w.VBox(parts), lambda: [d.value for d in drops]
        unit = q.get("unit", "") if kind == "numeric" else ""
        text = w.Text(value="", description=f"Your answer{f' ({unit})' if unit else ''}:",
                      placeholder="a number, e.g. 12.5" if kind == "numeric" else "type your answer",
                      style=style, layout=w.Layout(width="28em"))
        return text, lambda: text.value

    # --- twin ------------------------------------------------------------------------------------------
    def _twin_question(self, number: int, q: dict, qdom: str) -> str:
        kind = q["type"]
        parts = [f'<fieldset class="gs-q" data-q="{_esc(q["id"])}"><legend tabindex="-1">{number}. '
                 f'{_esc(q["prompt"])}</legend>']
        if kind in ("single", "truefalse"):
            options = list(enumerate(q["options"])) if kind == "single" else [("true", "True"), ("false", "False")]
            for value, text in options:
                parts.append(f'<label class="gs-opt"><input type="radio" name="{qdom}" value="{value}"> '
                             f"{_esc(text)}</label>")
        elif kind == "multiple":
            for value, text in enumerate(q["options"]):
                parts.append(f'<label class="gs-opt"><input type="checkbox" value="{value}"> {_esc(text)}</label>')
        elif kind == "ordering":
            opts = '<option value="">— choose —</option>' + "".join(
                f'<option value="{i}">{_esc(t)}</option>' for i, t in enumerate(q["options"]))
            for i in range(len(q["answer"])):
                parts.append(f'<label class="gs-slot">{_ordinal(i + 1)}: <select>{opts}</select></label>')
        elif kind == "matching":
            opts = '<option value="">— choose —</option>' + "".join(
                f'<option value="{i}">{_esc(t)}</option>' for i, t in enumerate(q["options"]["right"]))
            for i, left in enumerate(q["options"]["left"]):
                parts.append(f'<label class="gs-slot">{i + 1}. {_esc(left)} <select>{opts}</select></label>')
        else:
            unit = q.get("unit", "") if kind == "numeric" else ""
            mode = ' inputmode="decimal"' if kind == "numeric" else ""
            parts.append(f'<label class="gs-slot">Your answer{f" ({_esc(unit)})" if unit else ""}: '
                         f'<input type="text"{mode} autocomplete="off"></label>')
        parts.append('<button type="button" class="gs-check" hidden>Check</button>'
                     '<p class="gs-fb" role="status" aria-live="polite"></p></fieldset>')
        return "".join(parts)

    def _twin_data(self) -> dict:
        from . import __version__

        qs = []
        for q in self.questions:
            item = {"id": q["id"], "lesson": lesson_of(q["id"]), "type": q["type"], "answer": q["answer"],
                    "expl": q["explanation"], "src": self.source_of(q), "reveal": correct_answer_text(q)}
            if q["type"] == "truefalse":
                item["answer"] = bool(q["answer"])
            if q["type"] == "numeric":
                item["tol"] = float(q.get("tolerance", 0))
            if q["type"] == "text":
                item["alts"] = [q["answer"], *q.get("alternatives", [])]
            qs.append(item)
        return {"qs": qs, "M": MESSAGES, "max": self.max_tries, "one": self.one_at_a_time, "cv": __version__,
                "dl": "Your results file has been saved to your downloads folder. Hand it in as your teacher asks."}

    def twin_html(self) -> str:
        from ._html import dom_id, json_for_script, twin
        from .style import CORRECT, WRONG

        ids = [q["id"] for q in self.questions]
        root = dom_id("quiz", ids, self.one_at_a_time, self.max_tries)
        title = self.plain_text().split(" — ")[0]
        body = [f"<h3>{_esc(title)}</h3>",
                '<p class="gs-noscript gs-muted">Answers are checked by a small script in this page, and it is not '
                "running (scripts may be turned off in this browser). You can still read the questions and answer "
                "them on paper; your teacher has the answers.</p>"]
        for number, q in enumerate(self.questions, 1):
            body.append(self._twin_question(number, q, f"{root}-q{number}"))
        if self.one_at_a_time:
            body.append('<div class="gs-nav gs-controls" hidden><button type="button" class="gs-secondary">Previous'
                        '</button><span class="gs-pos" aria-live="polite"></span><button type="button" '
                        'class="gs-secondary">Next</button></div>')
        body.append(
            '<div class="gs-js" hidden><p class="gs-score" role="status" aria-live="polite"></p>'
            '<div class="gs-controls">'
            f'<label>Your name: <input type="text" class="gs-name" autocomplete="name"></label>'
            f'<label>Class or group: <input type="text" class="gs-group"></label>'
            '<button type="button" class="gs-download">Download my results</button>'
            '<button type="button" class="gs-reset gs-secondary">Reset my answers</button></div>'
            '<p class="gs-dlmsg gs-muted" role="status" aria-live="polite"></p>'
            '<p class="gs-muted">Your answers are remembered by this browser on this computer only.</p></div>'
            f'<script type="application/json" class="gs-quiz-data">{json_for_script(self._twin_data())}</script>'
        )
        css = _QUIZ_CSS % {"ok": CORRECT, "bad": WRONG}
        return twin("quiz", title, "".join(body), root_id=root, script=_js(), css=css)


def _esc(text: Any) -> str:
    from ._html import esc

    return esc(text)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def show(lesson_or_bank: Any, **kw: Any) -> Quiz:
    """A quiz for a lesson (``show("04")``, ``show(4)``) or a bank name (``show("04-security")``).

    Keyword arguments go to :class:`Quiz` (``ids``, ``sample``, ``seed``, ``one_at_a_time``, ``max_tries``).
    Put the call last in a cell so Jupyter displays the quiz.
    """
    return Quiz(lesson_or_bank, **kw)
