"""A real final assessment (issue 15, item 5).

Lesson 08's questions are its own: own ids, no ``include`` of lesson questions (on the website a reused id starts
already answered), no prompt copied from a lesson bank. Each names, in ``taught_in``, the lesson and the heading of
the section that teaches it; the reference must resolve to a heading that exists in that notebook, and together the
questions cover every teaching lesson 01–07. Nothing asks for what no lesson teaches (each government's position on
the islets or the sea's name: the course teaches only the neutral names).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from lessons.assessment.banks import bank_names, load_bank

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
FINAL = "08-assessment"
TEACHING = [f"{n:02d}" for n in range(1, 8)]
UNTAUGHT_TOPICS = ("sea-name", "dokdo-takeshima")  # positions.csv topics no lesson teaches


def _raw_bank() -> dict:
    return json.loads((ROOT / "data" / "quizzes" / f"{FINAL}.json").read_text(encoding="utf-8"))


def headings(lesson: str) -> set[str]:
    """Every ``##``–``####`` heading of lesson NN's notebook, as written (core and extension)."""
    path = next(NOTEBOOKS.glob(f"{lesson}-*.ipynb"))
    found = set()
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] == "markdown":
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            found |= {m.strip() for m in re.findall(r"^#{2,4}\s+(.+?)\s*#*\s*$", source, re.M)}
    return found


def unresolved(questions: list[dict]) -> list[str]:
    """Questions whose ``taught_in`` is missing or does not name a heading of a teaching lesson."""
    bad = []
    for q in questions:
        ref = q.get("taught_in") or {}
        lesson, section = ref.get("lesson"), ref.get("section")
        if lesson not in TEACHING or section not in headings(lesson):
            bad.append(f"{q['id']}: taught_in {ref!r}")
    return bad


def test_the_final_bank_has_only_its_own_questions() -> None:
    raw = _raw_bank()
    assert "include" not in raw, "lesson 08 must not include lesson questions: they start already answered"
    ids = [q["id"] for q in raw["questions"]]
    assert all(i.startswith("08-") for i in ids), ids
    others = {}
    for name in bank_names():
        if name != FINAL:
            others.update({q["id"]: q for q in load_bank(name)["questions"]})
    assert not set(ids) & set(others), "a final-assessment id is also a lesson question's id"
    lesson_prompts = {" ".join(q["prompt"].split()).lower() for q in others.values()}
    copied = [q["id"] for q in raw["questions"] if " ".join(q["prompt"].split()).lower() in lesson_prompts
              and q["type"] != "ordering"]
    assert not copied, f"prompts copied from a lesson bank: {copied}"


def test_every_taught_in_resolves_to_a_heading() -> None:
    questions = load_bank(FINAL)["questions"]
    assert len(questions) >= 12
    assert not unresolved(questions), "\n".join(unresolved(questions))


def test_the_final_assessment_covers_every_lesson() -> None:
    covered = [q["taught_in"]["lesson"] for q in load_bank(FINAL)["questions"]]
    thin = [n for n in TEACHING if covered.count(n) < 2]
    assert not thin, f"lessons with fewer than two final-assessment questions: {thin}"


def test_nothing_untaught_is_asked() -> None:
    questions = load_bank(FINAL)["questions"]
    assert not {"08-sea-name", "08-islets-positions"} & {q["id"] for q in questions}
    for q in questions:
        src = q["source"]
        assert not (src.get("data") == "positions" and src.get("id", "").startswith(UNTAUGHT_TOPICS)), q["id"]
    nb = json.loads((NOTEBOOKS / "08-assessment.ipynb").read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    looking_back = re.search(r"^## Looking back$(.*?)(?=^## )", text, re.M | re.S)
    assert looking_back, "08 needs its 'Looking back' section"
    for name in ("Dokdo", "Takeshima", "East Sea", "Sea of Japan"):
        assert name not in looking_back.group(1), f"a reflection prompt asks about {name}, which no lesson teaches"


def test_the_notebook_asks_every_question() -> None:
    """A sample could drop a lesson: the final quiz shows the whole bank."""
    nb = json.loads((NOTEBOOKS / "08-assessment.ipynb").read_text(encoding="utf-8"))
    calls = [("".join(c["source"])) for c in nb["cells"] if c["cell_type"] == "code" and FINAL in "".join(c["source"])]
    assert calls and not any("sample=" in c or "ids=" in c for c in calls), calls


def test_the_resolver_can_fail() -> None:
    good = {"id": "08-x", "taught_in": {"lesson": "04", "section": sorted(headings("04"))[0]}}
    assert unresolved([good]) == []
    assert unresolved([{"id": "08-y", "taught_in": {"lesson": "04", "section": "A heading that is not there"}}])
    assert unresolved([{"id": "08-z", "taught_in": {"lesson": "08", "section": "The final quiz"}}])
    assert unresolved([{"id": "08-w"}])


def test_the_schema_refuses_a_malformed_taught_in() -> None:
    from lessons import quiz

    raw = _raw_bank()
    good = dict(raw, questions=raw["questions"][:1])
    assert not quiz.validate_bank(good, "08-assessment.json")
    for bad in ("lesson 01", {"lesson": "1", "section": "Reading the article"}, {"lesson": "01"}):
        broken = dict(raw, questions=[dict(raw["questions"][0], taught_in=bad)])
        problems = "\n".join(quiz.validate_bank(broken, "08-assessment.json"))
        assert "taught_in" in problems, bad
