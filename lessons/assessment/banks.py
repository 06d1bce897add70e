"""Question banks: finding, loading and validating ``data/quizzes/NN-slug.json``.

A bank is checked against ``quiz_schema.json`` plus rules a schema can't express (answer indices in range, unique
ids, sources that resolve, includes that exist).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterable

from .core import BankError, lesson_of
from .grading import normalize_text
from .schema import explain, field_of, validator

__all__ = ["bank_names", "load_bank", "validate_bank", "check_sources", "all_questions"]

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

    for error in sorted(validator().iter_errors(doc), key=lambda e: [str(p) for p in e.path]):
        path = list(error.path)
        if error.validator == "required":
            missing = re.findall(r"'([^']+)' is a required property", error.message)
            path = path + missing[:1]
        elif error.validator == "additionalProperties":
            path = path + re.findall(r"'([^']+)'", error.message)[:1]
        if len(path) >= 2 and path[0] == "questions" and isinstance(path[1], int):
            problems.append(f"{where}, question {qid_at(path[1])}, field '{field_of(path)}' {explain(error)}.")
        else:
            field = ".".join(str(p) for p in path) or "(top level)"
            problems.append(f"{where}, field '{field}' {explain(error)}.")
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
    if "feedback" in q and (kind != "single" or len(q["feedback"]) != len(q["options"])):
        out.append(("feedback", "is for single-choice questions: one text per option, in the order of the options."))
    if kind in ("single", "multiple", "ordering") and len(set(map(normalize_text, q["options"]))) != len(q["options"]):
        out.append(("options", "two options are the same; every option must differ."))
    return out


def _source_problem(source: dict) -> str | None:
    from .. import data

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
    from .. import data

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
    from .. import data

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
    from .. import data

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



def bank_problems(name: str, doc: Any) -> list[str]:
    """Every problem of one bank document (schema, rules, sources), as ``python -m lessons validate`` reports them."""
    return validate_bank(doc, f"data/{name}.json", sources=True)
