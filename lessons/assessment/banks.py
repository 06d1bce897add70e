"""Question banks: finding, loading and validating ``data/quizzes/NN-slug.json``.

A bank is checked against ``quiz_schema.json`` plus rules a schema can't express (answer indices in range, unique
ids, sources that resolve, includes that exist).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

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
    """Names of the question banks, e.g. ``['01-…', '02-…']`` (lesson number, hyphen, slug)."""
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
                    "Use the file name without .json, or just the lesson number such as \"04\".")


_BANK_CACHE: dict[tuple, dict] = {}


def _read_raw(name: str) -> tuple[dict, str]:
    from .. import data

    p = data.path(f"quizzes/{name}")
    display = f"data/quizzes/{p.name}"
    try:
        doc = json.loads(p.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise BankError(f"{display} is not valid JSON ({exc}). Fix the file, then run the cell again.") from None
    return doc, display


def _folder_key() -> tuple:
    """Changes whenever any bank file changes (a bank's includes depend on the other banks)."""
    out = []
    for name in bank_names():
        try:
            st = (_quiz_dir() / f"{name}.json").stat()
        except OSError:
            continue
        out.append((name, st.st_mtime_ns, st.st_size))
    return (str(_quiz_dir().resolve()), tuple(out))


def _own_questions() -> dict[str, dict[str, dict]]:
    """Every bank that reads and validates, by name: its own questions (not its includes) by id."""
    out: dict[str, dict[str, dict]] = {}
    for name in bank_names():
        try:
            doc, display = _read_raw(name)
        except (BankError, OSError):
            continue
        if not validate_bank(doc, display):
            out[name] = {q["id"]: q for q in doc["questions"]}
    return out


def _include_refs(name: str) -> list[str]:
    try:
        doc, _ = _read_raw(name)
    except (BankError, OSError):
        return []
    refs = doc.get("include") if isinstance(doc, dict) else None
    return [r for r in refs if isinstance(r, str)] if isinstance(refs, list) else []


def _cycle_through(start: str, graph: dict[str, list[str]]) -> list[str] | None:
    """A circle of banks that starts and ends at ``start`` (depth-first, no recursion), or None."""
    stack = [(start, [start], iter(graph.get(start, [])))]
    seen = {start}
    while stack:
        _, path, todo = stack[-1]
        nxt = next(todo, None)
        if nxt is None:
            stack.pop()
        elif nxt == start:
            return path + [start]
        elif nxt not in seen:
            seen.add(nxt)
            stack.append((nxt, path + [nxt], iter(graph.get(nxt, []))))
    return None


def include_problems(name: str, doc: dict, owners: dict[str, dict[str, dict]] | None = None) -> list[str]:
    """Problems with the ``include`` list of bank ``name``: an id it holds itself, an id no other bank holds, and
    banks that include each other in a circle. Includes resolve to the questions each bank holds itself."""
    owners = dict(_own_questions() if owners is None else owners)
    own = {q["id"] for q in doc.get("questions", []) if isinstance(q, dict) and isinstance(q.get("id"), str)}
    owners[name] = {qid: {} for qid in own}
    holder = {qid: bank for bank, qs in owners.items() for qid in qs}
    refs_of = {bank: _include_refs(bank) for bank in owners if bank != name}
    refs_of[name] = [r for r in doc.get("include", []) if isinstance(r, str)]
    display = f"data/quizzes/{name}.json"
    problems = []
    for ref in refs_of[name]:
        if ref in own:
            problems.append(f"{display}, field 'include': {ref!r} is a question of this bank itself; list it only "
                            "once, in \"questions\".")
        elif ref not in holder:
            problems.append(f"{display}, field 'include': there is no question {ref!r} in the other banks.")
    graph = {bank: sorted({holder[r] for r in refs if holder.get(r) not in (None, bank)})
             for bank, refs in refs_of.items()}
    cycle = _cycle_through(name, graph)
    if cycle:
        problems.append(f"{display}, field 'include': banks include each other in a circle ({' → '.join(cycle)}). "
                        "Include questions only from banks that include nothing from this one.")
    return problems


def load_bank(name: Any) -> dict:
    """Load and validate a bank by name (``"NN-slug"`` or just the number ``"NN"``). ``include`` references are resolved
    into ``questions`` (from the questions the other banks hold themselves, read once).
    Returns ``{"name", "file", "lesson", "title", "questions": [...]}``."""
    resolved = _resolve_name(name)
    key = (resolved, _folder_key())
    if key in _BANK_CACHE:
        return json.loads(json.dumps(_BANK_CACHE[key]))
    doc, display = _read_raw(resolved)
    problems = validate_bank(doc, display)
    if problems:
        raise BankError(f"{display} has {len(problems)} problem(s):\n- " + "\n- ".join(problems), problems)
    questions = list(doc["questions"])
    if doc.get("include"):
        owners = _own_questions()
        problems = include_problems(resolved, doc, owners)
        if problems:
            raise BankError("\n".join(problems) + "\nFix the include list, then run the cell again.", problems)
        holder = {qid: q for bank, qs in owners.items() if bank != resolved for qid, q in qs.items()}
        questions = [holder[i] for i in doc["include"]] + questions
    bank = {"name": resolved, "file": display, "lesson": doc["lesson"], "title": doc["title"],
            "questions": questions, "shuffle": bool(doc.get("shuffle", False))}
    _BANK_CACHE[key] = bank
    return json.loads(json.dumps(bank))


def all_questions() -> dict[str, dict]:
    """Every question of every bank, by id (the gradebook grades against these).

    A bank's includes are copies of other banks' questions, so only the questions each bank holds itself are
    read; a bank whose include list is wrong still adds its own questions.
    """
    out: dict[str, dict] = {}
    for name in bank_names():
        doc, display = _read_raw(name)
        problems = validate_bank(doc, display)
        if problems:
            raise BankError(f"{display} has {len(problems)} problem(s):\n- " + "\n- ".join(problems), problems)
        for q in doc["questions"]:
            out.setdefault(q["id"], json.loads(json.dumps(q)))
    return out


def bank_problems(name: str, doc: Any) -> list[str]:
    """Every problem of one bank document (schema, rules, sources, includes), as ``python -m lessons validate``
    reports them."""
    problems = validate_bank(doc, f"data/{name}.json", sources=True)
    if problems or not isinstance(doc, dict) or not doc.get("include"):
        return problems
    return include_problems(name.removeprefix("quizzes/"), doc)
