"""One work file per student for the whole course: ``gsomia-work-<name>.json``, the same from both media.

It holds the student's name and group, every quiz and check answer with its attempts, the exit tickets, the
source-analysis charts, the decision room's choice and memo, and the written reflections. The format is documented
by ``lessons/assessment/mywork_schema.json`` (beside the other schemas; ``"format": "gsomia-work", "version": 1``)
and read by both gradebooks. The module is in the components layer because it gathers what the components keep
(the decision room's choice, the source charts, the reflections form) as well as the quiz answers.

- In JupyterLab: ``lessons.mywork.export(name="Min-jun", group="10B")`` (lesson 08) writes the file into the
  notebook's own folder — visible in the file browser — and shows a download link. ``Reflections()`` is the
  form for the written reflections (live view and static twin).
- On the website: the ``my-work.html`` page (linked from every page) shows what the student has done so far and
  has one **Download my work** button; :func:`page_html` builds it, ``lessons/static/mywork.js`` runs it.

Typical use in a notebook::

    from lessons import mywork
    mywork.Reflections()                                  # write your reflections
    mywork.export(name="Your name", group="Your class")  # the file to hand in
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from .._html import dom_id, esc, json_for_script, notice, twin
from ..assessment.core import STORAGE_PREFIX, rule_data
from ..component import Component
from ..course import reflection_prompts
from ..static import filled
from ..static import text as static_text

__all__ = [
    "FORMAT",
    "PLACEHOLDER_NAME",
    "REFLECTION_PREFIX",
    "SCHEMA_PATH",
    "STUDENT_KEY",
    "VERSION",
    "Exported",
    "Reflections",
    "canonical",
    "collect",
    "exit_tickets",
    "export",
    "file_name",
    "load_reflections",
    "page_data",
    "page_html",
    "reflection_prompts",
    "reflections_path",
    "save_reflection",
    "validate",
]

FORMAT = "gsomia-work"
VERSION = 1
SCHEMA_PATH = Path(__file__).parent.parent / "assessment" / "mywork_schema.json"
#: The name lesson 08's cell starts with: nothing is written until the student puts in their own.
PLACEHOLDER_NAME = "Your name"
#: localStorage keys of the site: reflections, and the student's name and group on the my-work page.
REFLECTION_PREFIX = "gsomia-reflection:"
STUDENT_KEY = "gsomia-work:student"
_SOURCING = re.compile(r"^(?:(\d{2})-)?sourcing-(.+)$")


# --------------------------------------------------------------------------------------------------------
# Reflections: prompts from data/reflections.json, answers beside the progress file
# --------------------------------------------------------------------------------------------------------


def reflections_path() -> Path:
    """``reflections.json`` in the folder of the progress file (``$GSOMIA_PROGRESS`` moves both)."""
    from ..assessment import progress

    return progress.progress_path().with_name("reflections.json")


def load_reflections(path: Path | None = None) -> dict[str, dict]:
    """The latest text of each reflection: ``{id: {"text", "time"}}`` (empty when nothing was saved, or when the
    file is unreadable — it is then left where it is, never deleted)."""
    path = Path(path) if path is not None else reflections_path()
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    items = doc.get("reflections") if isinstance(doc, dict) else None
    if not isinstance(items, dict):
        return {}
    return {k: v for k, v in items.items()
            if isinstance(v, dict) and isinstance(v.get("text"), str) and isinstance(v.get("time"), str)}


def _fresh_reflections() -> dict:
    return {"format": "gsomia-reflections", "version": 1, "reflections": {}}


def _valid_reflections(doc: Any) -> bool:
    return (isinstance(doc, dict) and doc.get("format") == "gsomia-reflections"
            and isinstance(doc.get("reflections"), dict))


def save_reflection(reflection_id: str, text: str, *, path: Path | None = None, time: str | None = None) -> dict:
    """Save one reflection and return it. The latest text of each prompt is kept; the file is written under the
    progress store's lock and atomically (:func:`lessons.assessment.progress.update`), so two kernels saving at
    once lose nothing."""
    from ..assessment import progress

    known = {p["id"] for p in reflection_prompts()}
    if reflection_id not in known:
        raise ValueError(f"There is no reflection called {reflection_id!r}. The reflections are: "
                         f"{', '.join(sorted(known))}.")
    path = Path(path) if path is not None else reflections_path()
    entry = {"text": str(text).strip(), "time": time or progress.now_iso()}

    def change(doc: dict) -> None:
        doc["reflections"][reflection_id] = entry

    progress.update(path, change, fresh=_fresh_reflections, valid=_valid_reflections, what="reflections file")
    return entry


# --------------------------------------------------------------------------------------------------------
# Exit tickets: the question ids in each lesson's cell tagged "exit-ticket"
# --------------------------------------------------------------------------------------------------------


def _notebooks_dir() -> Path | None:
    from .. import data

    for candidate in (data.data_dir().parent / "notebooks", Path.cwd()):
        if any(candidate.glob("[0-9][0-9]-*.ipynb")):
            return candidate
    return None


def exit_ticket_ids(notebook: Path) -> list[str] | None:
    """Question ids in the notebook's cell tagged ``exit-ticket`` (None when there is no such cell)."""
    try:
        nb = json.loads(Path(notebook).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    for cell in nb.get("cells", []) if isinstance(nb, dict) else []:
        if "exit-ticket" in (cell.get("metadata", {}).get("tags") or []):
            source = "".join(cell.get("source", []))
            return re.findall(r"[\"'](\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*)[\"']", source)
    return None


def exit_tickets(notebooks: Path | None = None) -> dict[str, list[str]]:
    """``{lesson: [question ids]}`` of every lesson whose notebook has an exit-ticket cell."""
    folder = Path(notebooks) if notebooks is not None else _notebooks_dir()
    out: dict[str, list[str]] = {}
    if folder is None:
        return out
    for nb in sorted(folder.glob("[0-9][0-9]-*.ipynb")):
        ids = exit_ticket_ids(nb)
        if ids:
            out[nb.name[:2]] = ids
    return out


# --------------------------------------------------------------------------------------------------------
# The work file
# --------------------------------------------------------------------------------------------------------


def _sourcing_entry(entry: dict) -> dict | None:
    m = _SOURCING.match(str(entry.get("question", "")))
    if not m:
        return None
    answer = entry.get("answer")
    fields = {}
    if isinstance(answer, list):
        for pair in answer:
            if isinstance(pair, (list, tuple)) and len(pair) == 2:
                fields[str(pair[0])] = str(pair[1] if pair[1] is not None else "")
    return {"question": entry["question"], "document": m.group(2), "lesson": m.group(1) or str(entry.get("lesson", "")),
            "fields": fields, "complete": bool(entry.get("correct")), "time": str(entry.get("time", ""))}


def canonical(answers: list[dict], decision: dict | None, reflections: dict[str, dict],
              prompts: list[dict] | None = None) -> dict[str, Any]:
    """The answer-bearing parts of a work file, in the one order both media use: quiz and check answers grouped by
    question id, each question's attempts in log order and numbered by their place; the latest sourcing chart of
    each document; the decision; reflections in prompt order (empty ones left out)."""
    quiz, charts, seen = [], {}, {}
    for a in answers:
        if not isinstance(a, dict) or not isinstance(a.get("question"), str):
            continue
        chart = _sourcing_entry(a)
        if chart is not None:
            charts[chart["question"]] = chart
            continue
        # The one rule (core.verdict): attempts count by their place in the log, never by a stored number (an
        # older re-run cell wrote 1, 2, 1), so the file keeps each question's log order and numbers it afresh.
        seen[a["question"]] = seen.get(a["question"], 0) + 1
        quiz.append({"question": a["question"], "lesson": str(a.get("lesson") or a["question"][:2]),
                     "answer": a.get("answer"), "attempt": seen[a["question"]],
                     "time": str(a.get("time", "")), "correct": bool(a.get("correct"))})
    quiz.sort(key=lambda a: a["question"])  # stable: each question's attempts stay in log order
    prompts = prompts if prompts is not None else reflection_prompts()
    refl = [{"id": p["id"], "lesson": p["lesson"], "prompt": p["prompt"], "text": reflections[p["id"]]["text"],
             "time": reflections[p["id"]]["time"]}
            for p in prompts if p["id"] in reflections and reflections[p["id"]].get("text", "").strip()]
    dec = None
    if decision:
        dec = {"role": decision.get("role"), "choice": str(decision.get("choice", "")),
               "choice_label": str(decision.get("choice_label", "")), "rationale": str(decision.get("rationale", "")),
               "time": str(decision.get("time", ""))}
    return {"answers": quiz, "sourcing": sorted(charts.values(), key=lambda c: c["question"]), "decision": dec,
            "reflections": refl}


def collect(name: str = "", group: str = "", *, progress_file: Path | None = None,
            notebooks: Path | None = None) -> dict:
    """The work file of the student using this kernel: everything in the progress file, the latest decision and
    the reflections, as a ``gsomia-work`` document."""
    from .. import __version__
    from ..assessment import progress
    from .decision import latest_decision

    path = Path(progress_file) if progress_file is not None else progress.progress_path()
    answers = progress.load(path)["answers"]
    decision = latest_decision(path.with_name("decisions.json"))
    reflections = load_reflections(path.with_name("reflections.json"))
    return {"format": FORMAT, "version": VERSION, "name": str(name).strip(), "group": str(group).strip(),
            "exported": progress.now_iso(), "course_version": __version__, "made_in": "jupyterlab",
            **_with_tickets(canonical(answers, decision, reflections), exit_tickets(notebooks))}


def _with_tickets(parts: dict, tickets: dict[str, list[str]]) -> dict:
    return {"answers": parts["answers"], "exit_tickets": tickets, "sourcing": parts["sourcing"],
            "decision": parts["decision"], "reflections": parts["reflections"]}


def file_name(name: str) -> str:
    """``gsomia-work-<name>.json``: letters of any script, digits, ``_`` and ``-`` kept, the rest become ``-``
    (the site's JavaScript does exactly the same)."""
    slug = re.sub(r"[^\w-]+", "-", unicodedata.normalize("NFC", str(name)), flags=re.UNICODE).strip("-_")[:60]
    return f"gsomia-work-{slug or 'student'}.json"


class Exported:
    """What :func:`export` did: the file written (or why nothing was written), with a download link in Jupyter."""

    def __init__(self, path: Path | None, message: str):
        self.path, self.message = path, message

    def __repr__(self) -> str:
        return self.message

    def __fspath__(self) -> str:
        if self.path is None:
            raise ValueError(self.message)
        return str(self.path)

    def _repr_html_(self) -> str:
        if self.path is None:
            return notice(self.message)
        name = esc(self.path.name)
        return f'<p role="status">{esc(self.message)} <a href="{name}" download="{name}">Download {name}</a></p>'


def export(name: str = "", group: str = "", folder: str | Path | None = None) -> Exported:
    """Write your work file into ``folder`` (default: this notebook's folder, which the file browser shows) and
    return what was written, with a download link. Run it again whenever you like: it replaces your own file."""
    from ..assessment import progress

    if not str(name).strip() or str(name).strip() == PLACEHOLDER_NAME:
        return Exported(None, f"Replace “{PLACEHOLDER_NAME}” with your name (and your class), then run the cell "
                              "again: your work file is named after you.")
    doc = collect(name, group)
    target_dir = Path(folder) if folder is not None else Path.cwd()
    target = target_dir / file_name(name)
    try:
        progress.write_atomic(target, doc)
    except OSError as exc:
        return Exported(None, f"Your work file could not be saved in {target_dir} ({exc.strerror or exc}). Ask your "
                              "teacher where to save it, then run the cell again with folder=\"…\".")
    n = len(doc["answers"])
    return Exported(target, f"Saved your work ({n} answers, {len(doc['sourcing'])} source charts, "
                            f"{'a decision' if doc['decision'] else 'no decision'}, {len(doc['reflections'])} "
                            f"reflections) as {target.name} in the folder of this notebook. Hand in this file.")


def validate(doc: Any) -> list[str]:
    """Problems of a work document against ``mywork_schema.json`` (empty when it is valid)."""
    import jsonschema  # heavy: only when asked for

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return [f"{'.'.join(map(str, e.path)) or '(top level)'}: {e.message}" for e in cls(schema).iter_errors(doc)]


# --------------------------------------------------------------------------------------------------------
# The reflections form: live view and twin
# --------------------------------------------------------------------------------------------------------


class Reflections(Component):
    """A form for the written reflections (``data/reflections.json``), saved with your work.

    ``Reflections(lesson=None, ids=None)``: every prompt, or those of one lesson, or those ids. Saved beside your
    progress file in JupyterLab, in this browser on the website; both go into your work file.
    """

    label = "Your reflections"

    def __init__(self, lesson: str | None = None, ids: list[str] | None = None, *, path: Path | None = None):
        super().__init__()
        prompts = reflection_prompts()
        if lesson is not None:
            prompts = [p for p in prompts if p["lesson"] == str(lesson).zfill(2)]
        if ids is not None:
            prompts = [p for p in prompts if p["id"] in set(ids)]
        self.prompts = prompts
        self.path = Path(path) if path is not None else None

    def plain_text(self) -> str:
        return f"Your reflections: {len(self.prompts)} prompts — run this cell to write and save your answers here."

    def build_widget(self) -> Any:
        import ipywidgets as w

        saved = load_reflections(self.path)
        rows, areas = [], {}
        status = w.HTML(value='<p role="status" aria-live="polite"></p>')
        for p in self.prompts:
            area = w.Textarea(value=saved.get(p["id"], {}).get("text", ""), description=p["title"] + ":",
                              placeholder="Two or three sentences", layout=w.Layout(width="100%", height="6em"),
                              style={"description_width": "initial"})
            areas[p["id"]] = area
            rows += [w.HTML(value=f"<p><b>{esc(p['title'])}.</b> {esc(p['prompt'])}</p>"), area]
        button = w.Button(description="Save my reflections", button_style="primary")

        def on_save(_: Any) -> None:
            n = 0
            try:
                for rid, area in areas.items():
                    if area.value.strip():
                        save_reflection(rid, area.value, path=self.path)
                        n += 1
            except OSError as exc:  # ProgressError (an OSError) is a sentence
                status.value = f'<p role="status">{esc(f"Not saved: {exc} Copy your text somewhere safe.")}</p>'
                return
            status.value = f'<p role="status" aria-live="polite">Saved {n} reflection(s) with your work.</p>'

        button.on_click(on_save)
        return w.VBox([w.HTML(value=f"<h3>{esc(self.label)}</h3>"), *rows, button, status])

    def twin_html(self) -> str:
        root = dom_id("reflections", [p["id"] for p in self.prompts])
        parts = [f"<h3>{esc(self.label)}</h3>"]
        for p in self.prompts:
            fid = f"{root}-{p['id']}"
            parts.append(f'<div class="gs-refl" data-id="{esc(p["id"])}"><label for="{esc(fid)}"><b>{esc(p["title"])}.'
                         f'</b> {esc(p["prompt"])}</label><textarea id="{esc(fid)}" rows="4"></textarea></div>')
        parts.append('<div class="gs-controls gs-js" hidden><button type="button" class="gs-save">Save my reflections'
                     '</button></div><p class="gs-status" role="status" aria-live="polite"></p>'
                     '<script type="application/json" class="gs-refl-data">'
                     f'{json_for_script({"prefix": REFLECTION_PREFIX})}</script>')
        css = ".gs-refl{margin:0.4em 0}.gs-refl textarea{display:block;width:100%;font:inherit;margin-top:0.2em}"
        return twin("reflections", self.label, "".join(parts), root_id=root,
                    script=_js("reflections.js"), css=css)


def _js(name: str) -> str:
    return "\n".join(line.strip() for line in static_text(name).strip().splitlines())


# --------------------------------------------------------------------------------------------------------
# The site's my-work page
# --------------------------------------------------------------------------------------------------------


def decision_key() -> str:
    """The browser key under which the decision room's twin keeps the student's decision (its activity id)."""
    from .decision import STORAGE_PREFIX as DECISION_PREFIX
    from .roomspec import activity

    return DECISION_PREFIX + activity()


def page_data(notebooks: Path | None = None) -> dict:
    """What the my-work page's script needs, written into the page as JSON (no answers, no key)."""
    from .. import __version__, course
    from ..assessment.banks import all_questions
    from .decision import options

    lessons_ = list(course.lessons()) if callable(getattr(course, "lessons", None)) else list(course.LESSONS)
    per: dict[str, list[str]] = {}
    for qid in all_questions():
        per.setdefault(qid[:2], []).append(qid)
    return {
        "prefix": STORAGE_PREFIX, "reflPrefix": REFLECTION_PREFIX, "studentKey": STUDENT_KEY,
        "decisionKey": decision_key(), "rule": rule_data(), "cv": __version__,
        "lessons": [{"n": lesson.number, "title": lesson.title, "questions": sorted(per.get(lesson.number, []))}
                    for lesson in lessons_],
        "options": {o.id: o.label for o in options()},
        "prompts": [{k: p[k] for k in ("id", "lesson", "title", "prompt")} for p in reflection_prompts()],
        "tickets": exit_tickets(notebooks),
        "sourcing": _SOURCING.pattern,
    }


def page_html(notebooks: Path | None = None) -> str:
    """The body of ``my-work.html``: name and group, what is done so far, the reflections, one download button."""
    root = "gs-mywork"
    body = filled("mywork.html", data=json_for_script(page_data(notebooks)))  # lessons/static/mywork.html
    from ..assessment.quiz import verdict_js  # the one rule (core.verdict) as window.gsVerdict

    page = twin("mywork", "My work", body, root_id=root, script=verdict_js() + "\n" + _js("mywork.js"))
    return page + Reflections().twin_html()

