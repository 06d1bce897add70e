"""A lesson is one class (issue 15): a core a class can finish, an exit ticket, and the rest marked as extension.

For every teaching lesson 01–07:

- the core — Markdown cells *not* tagged ``extension`` — holds at most 1,300 words (counted as the course's
  before-stop hook counts them: whitespace-separated words of the cell source);
- extension material sits in cells tagged ``extension``, in one block that opens with a "Going further" heading,
  after the core sections and before the summary;
- a closing exit ticket: a code cell tagged ``exit-ticket`` that shows three questions of the lesson's own bank
  through the quiz engine (so answers are saved like quiz answers), at most one of them plain recall;
- the "Time to learn" line, the course manifest (data/course.json), the README table and the teacher page's plan give
  the same number of minutes.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from lessons.assessment.banks import load_bank
from lessons.course import LESSONS as COURSE

ROOT = Path(__file__).resolve().parent.parent
TEACHING = [p for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")) if "01" <= p.name[:2] <= "07"]
CORE_WORDS_MAX = 1300
TICKET_CALL = re.compile(r"quiz\.(?:show|Quiz)\((.*)\)", re.S)


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _src(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def _tags(cell: dict) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def core_words(cells: list[dict]) -> int:
    """Words of the Markdown cells that are not tagged ``extension`` (the before-stop hook's count)."""
    return sum(len(_src(c).split()) for c in cells if c["cell_type"] == "markdown" and "extension" not in _tags(c))


def ticket_ids(cell: dict) -> tuple[str, list[str]]:
    """(bank, question ids) of an exit-ticket cell ``quiz.show("NN-slug", ids=[...])``."""
    match = TICKET_CALL.search(_src(cell))
    assert match, "the exit-ticket cell must call quiz.show(bank, ids=[...])"
    call = ast.parse(f"f({match.group(1)})", mode="eval").body
    bank = ast.literal_eval(call.args[0])
    ids = next((ast.literal_eval(k.value) for k in call.keywords if k.arg == "ids"), None)
    assert ids is not None, "the exit-ticket cell must name its questions: quiz.show(bank, ids=[...])"
    return bank, list(ids)


def _summary_at(cells: list[dict]) -> int:
    return next(i for i, c in enumerate(cells)
                if c["cell_type"] == "markdown" and re.search(r"^##\s+Summary", _src(c), re.M))


def test_every_teaching_lesson_is_checked() -> None:
    assert [p.name[:2] for p in TEACHING] == ["01", "02", "03", "04", "05", "06", "07"]


@pytest.mark.parametrize("path", TEACHING, ids=lambda p: p.name)
def test_core_fits_one_class(path: Path) -> None:
    words = core_words(_cells(path))
    assert words <= CORE_WORDS_MAX, (
        f"{path.name}: {words} words of core prose (Markdown cells not tagged 'extension'); one class holds "
        f"{CORE_WORDS_MAX}. Move material into the 'Going further' block and tag it 'extension'.")


@pytest.mark.parametrize("path", TEACHING, ids=lambda p: p.name)
def test_extension_is_one_tagged_block_before_the_summary(path: Path) -> None:
    cells = _cells(path)
    ext = [i for i, c in enumerate(cells) if "extension" in _tags(c)]
    assert ext, f"{path.name}: no cell is tagged 'extension'"
    first = cells[ext[0]]
    assert first["cell_type"] == "markdown" and re.match(r"^##\s+Going further", _src(first).lstrip()), (
        f"{path.name}: the extension block must open with a '## Going further' heading cell")
    assert ext == list(range(ext[0], ext[-1] + 1)), f"{path.name}: extension cells {ext} are not one block"
    assert ext[-1] < _summary_at(cells), f"{path.name}: the extension block must come before the summary"
    for i in ext:
        assert not re.search(r"^##\s+(Summary|Exit ticket)", _src(cells[i]), re.M), (
            f"{path.name}, cell {i}: the summary and the exit ticket belong to the core, not to the extension")


@pytest.mark.parametrize("path", TEACHING, ids=lambda p: p.name)
def test_exit_ticket_has_three_questions_of_the_lesson(path: Path) -> None:
    cells = _cells(path)
    tickets = [c for c in cells if "exit-ticket" in _tags(c) and c["cell_type"] == "code"]
    assert len(tickets) == 1, f"{path.name}: needs exactly one code cell tagged 'exit-ticket', found {len(tickets)}"
    at = cells.index(tickets[0])
    assert "extension" not in _tags(tickets[0]), f"{path.name}: the exit ticket is part of the core"
    assert at < _summary_at(cells), f"{path.name}: the exit ticket closes the class, before the summary"
    name, ids = ticket_ids(tickets[0])
    assert name[:2] == path.name[:2], f"{path.name}: the exit ticket uses bank {name!r}, not this lesson's"
    assert len(ids) == 3 == len(set(ids)), f"{path.name}: an exit ticket has three different questions: {ids}"
    bank = {q["id"]: q for q in load_bank(name)["questions"]}
    missing = [i for i in ids if i not in bank]
    assert not missing, f"{path.name}: exit-ticket questions {missing} are not in {name}"
    recall = [i for i in ids if bank[i].get("skill", "recall") == "recall"]
    assert len(recall) <= 1, f"{path.name}: at most one exit-ticket question may be plain recall: {recall}"
    assert tickets[0].get("outputs"), f"{path.name}: the exit ticket's output is not saved (run make execute)"


@pytest.mark.parametrize("path", TEACHING, ids=lambda p: p.name)
def test_time_to_learn_agrees_everywhere(path: Path) -> None:
    text = "\n".join(_src(c) for c in _cells(path) if c["cell_type"] == "markdown" and "extension" not in _tags(c))
    match = re.search(r"\*\*Time to learn\*\*:?\s*(\d+)\s*minutes", text)
    assert match, f"{path.name}: needs a core line '**Time to learn**: N minutes'"
    minutes = int(match.group(1))
    lesson = next(item for item in COURSE if item.filename == path.name)
    assert lesson.minutes == minutes, f"{path.name}: {minutes} min in the notebook, {lesson.minutes} in data/course.json"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    row = re.search(rf"^\| {path.name[:2]} \|.*\| (\d+) min \|$", readme, re.M)
    assert row and int(row.group(1)) == minutes, f"README.md's lesson table should say {minutes} min for {path.name}"
    page = next((ROOT / "notebooks" / "teacher").glob(f"lesson-{path.name[:2]}-*.md")).read_text(encoding="utf-8")
    plan = re.search(r"^## Lesson plan \((\d+) minutes\)", page, re.M)
    assert plan and int(plan.group(1)) == minutes, f"the teacher page's plan should be {minutes} minutes"


def test_the_checks_can_fail() -> None:
    long_core = [{"cell_type": "markdown", "metadata": {}, "source": "word " * (CORE_WORDS_MAX + 1)}]
    assert core_words(long_core) > CORE_WORDS_MAX
    tagged = [{"cell_type": "markdown", "metadata": {"tags": ["extension"]}, "source": "word " * 5000}]
    assert core_words(tagged) == 0
    bank, ids = ticket_ids({"source": 'quiz.show("01-the-story", ids=["01-a", "01-b"])'})
    assert bank == "01-the-story" and len(ids) == 2


# --------------------------------------------------------------------------------------------------------
# Quizzes that test thinking (issue 15, item 3): banks 01–06
# --------------------------------------------------------------------------------------------------------

LESSON_BANKS = [f"{n:02d}" for n in range(1, 7)]
SKILLS = {"recall", "close-reading", "sourcing", "corroboration", "contextualisation", "data-reasoning", "causation",
          "perspective"}
#: Throwaway options the issue quotes: they give answers away.
JOKE_OPTIONS = {"rice", "crude oil", "a shared currency", "share a currency", "join nato", "hold joint elections"}


def _bank(number: str) -> list[dict]:
    return load_bank(number)["questions"]


@pytest.mark.parametrize("number", LESSON_BANKS)
def test_every_question_has_a_skill_and_most_are_not_recall(number: str) -> None:
    questions = _bank(number)
    missing = [q["id"] for q in questions if q.get("skill") not in SKILLS]
    assert not missing, f"bank {number}: questions without a skill: {missing}"
    beyond = sum(q["skill"] != "recall" for q in questions)
    assert beyond >= 0.6 * len(questions), f"bank {number}: {beyond} of {len(questions)} questions go beyond recall"


@pytest.mark.parametrize("number", LESSON_BANKS)
def test_distractors_are_misconceptions_with_feedback(number: str) -> None:
    for q in _bank(number):
        options = q["options"] if isinstance(q.get("options"), list) else []
        jokes = [o for o in options if o.strip().lower().rstrip(".") in JOKE_OPTIONS]
        assert not jokes, f"{q['id']}: throwaway options {jokes}"
        if q["type"] == "single":
            fb = q.get("feedback", [])
            assert len(fb) == len(options), f"{q['id']}: each option needs its own feedback"
            empty = [options[i] for i, text in enumerate(fb) if i != q["answer"] and not text.strip()]
            assert not empty, f"{q['id']}: wrong options without feedback: {empty}"


@pytest.mark.parametrize("number", LESSON_BANKS)
def test_right_answer_position_is_spread(number: str) -> None:
    singles = [q for q in _bank(number) if q["type"] == "single"]
    if len(singles) >= 4:
        first = sum(q["answer"] == 0 for q in singles)
        assert first <= len(singles) / 2, f"bank {number}: the right answer is the first option in {first} of {len(singles)}"


def test_bank_checks_can_fail() -> None:
    bad = {"id": "01-x", "type": "single", "options": ["Rice", "b"], "answer": 0, "feedback": ["", ""]}
    assert bad["options"][0].lower() in JOKE_OPTIONS and "skill" not in bad


TYPED_CONFIDENCE = re.compile(r"\b(?:high|medium|low)\b\W{0,3}(?:\w+\W+){0,2}confidence\b|"
                              r"\bconfidence\W{0,3}(?:\w+\W+){0,3}?\*?(?:high|medium|low)\b", re.I)


@pytest.mark.parametrize("path", TEACHING, ids=lambda p: p.name)
def test_no_confidence_level_is_typed_by_hand(path: Path) -> None:
    """Issue 14 / audit §0: confidence shown to students comes from the data row, never typed in Markdown."""
    for i, cell in enumerate(_cells(path)):
        if cell["cell_type"] == "markdown":
            match = TYPED_CONFIDENCE.search(_src(cell))
            assert not match, f"{path.name}, cell {i}: confidence typed by hand: {match.group(0)!r}; print it from the row"


def test_typed_confidence_pattern_can_fail() -> None:
    for typed in ["(medium confidence)", "This row has *medium* confidence", "(confidence *low*)", "high confidence"]:
        assert TYPED_CONFIDENCE.search(typed), typed
    assert not TYPED_CONFIDENCE.search("Read the confidence of each row as well as the number.")


DOC_CALL = re.compile(r"SourceAnalysis\(([^)]*)\)")


@pytest.mark.parametrize("path", TEACHING, ids=lambda p: p.name)
def test_main_activity_uses_three_documents(path: Path) -> None:
    """Issue 14 item 3: each lesson's core activity works on at least three documents of data/documents.csv."""
    from lessons import data

    known = {r["id"] for r in data.rows("documents")}
    used: set[str] = set()
    for cell in _cells(path):
        if cell["cell_type"] == "code" and "extension" not in _tags(cell):
            for call in DOC_CALL.findall(_src(cell)):
                node = ast.parse(f"f({call})", mode="eval").body
                used |= {ast.literal_eval(a) for a in node.args}  # positional arguments are document ids
    unknown = used - known
    assert not unknown, f"{path.name}: no such documents: {sorted(unknown)}"
    assert len(used) >= 3, f"{path.name}: the core uses {len(used)} documents ({sorted(used)}); it needs three"
