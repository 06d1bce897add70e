"""The quiz component: a live ipywidgets view in JupyterLab and a kernel-free HTML twin.

Typical use in a notebook::

    from lessons import quiz
    quiz.show("04")                                  # every question of lesson 04
    quiz.Quiz("04-security", sample=3, seed=1)       # three questions picked at random, the same every run
    quiz.grade(question, answer)                     # pure-Python grading, shared with the gradebook

Grading lives in :mod:`lessons.assessment.grading`, banks in :mod:`lessons.assessment.banks`; the twin's script
and style are ``lessons/static/quiz.js`` and ``quiz.css``.
"""

from __future__ import annotations

import random
from typing import Any, Iterable

from ..component import Component
from .banks import all_questions, bank_names, check_sources, load_bank, validate_bank
from .core import MAX_TRIES, MESSAGES, TYPES, BankError, Result, fmt, lesson_of, plural
from .grading import (correct_answer_text, describe_answer, feedback, grade, normalize_text, parse_number,
                      source_text)

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


from ..static import text as static_text


def _js() -> str:
    # The script without its line breaks (every statement already ends with ; or }).
    return "".join(line.strip() for line in static_text("quiz.js").strip().splitlines())


class Quiz(Component):
    """A quiz over a bank or a list of questions.

    ``Quiz(bank_or_questions, ids=None, sample=None, seed=0, one_at_a_time=False, max_tries=2)``

    - ``bank_or_questions``: a bank name (``"04-security"`` or ``"04"``), a loaded bank dict, or a list of
      question dicts (validated against the schema).
    - ``ids``: only these questions, in this order. ``sample``: that many questions picked at random with
      ``seed`` (the same ones on every run), kept in bank order.
    - ``one_at_a_time``: show one question with Previous/Next buttons instead of all of them.
    - ``max_tries``: wrong attempts before the answer is shown.
    - ``record``: record every counted answer in the student's progress file (see :mod:`lessons.assessment.progress`).
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
        noun = plural(n, "question", "questions")
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
        return fmt("score", right=self.score[0], total=len(self.questions), answered=answered)

    def submit(self, question_id: str, answer: Any) -> tuple[Result, str, str]:
        """Grade an answer as the Check button does: count the attempt, record it, return (result, kind, text)."""
        q = next(q for q in self.questions if q["id"] == question_id)
        result = grade(q, answer)
        not_saved = ""
        if result.counted:
            self.attempts[question_id] += 1
            attempt = self.attempts[question_id]
            if result.correct and attempt <= self.max_tries:
                self.solved[question_id] = True
            if self.record:
                from . import progress

                try:
                    progress.record(question_id, answer, result.correct, attempt, lesson=lesson_of(question_id))
                except progress.ProgressError as exc:  # read-only folder, misdirected GSOMIA_PROGRESS: a sentence
                    not_saved = " " + str(exc)
        kind, text = feedback(q, result, self.attempts[question_id], self.max_tries, self.source_of(q))
        return result, kind, text + not_saved

    # --- live view -------------------------------------------------------------------------------------
    def build_widget(self) -> Any:
        import ipywidgets as w

        from .._html import esc
        from ..style import CORRECT, WRONG

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
        from .. import __version__

        qs = []
        for q in self.questions:
            item = {"id": q["id"], "lesson": lesson_of(q["id"]), "type": q["type"], "answer": q["answer"],
                    "expl": q["explanation"], "src": self.source_of(q), "reveal": correct_answer_text(q)}
            if q["type"] == "truefalse":
                item["answer"] = bool(q["answer"])
            if q["type"] == "numeric":
                item["tol"] = float(q.get("tolerance", 0))
            if q.get("feedback"):
                item["fb"] = q["feedback"]
            if q["type"] == "text":
                item["alts"] = [q["answer"], *q.get("alternatives", [])]
            qs.append(item)
        return {"qs": qs, "M": MESSAGES, "max": self.max_tries, "one": self.one_at_a_time, "cv": __version__,
                "dl": "Your results file has been saved to your downloads folder. Hand it in as your teacher asks."}

    def twin_html(self) -> str:
        from .._html import dom_id, json_for_script, twin
        from ..style import CORRECT, WRONG

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
        css = static_text("quiz.css") % {"ok": CORRECT, "bad": WRONG}
        return twin("quiz", title, "".join(body), root_id=root, script=_js(), css=css)


def _esc(text: Any) -> str:
    from .._html import esc

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
