"""The decision room: a role-play of the choice Seoul faced on 22 Aug 2019, built from the course data.

Students take a role (South Korea's National Security Council, Japan's government, the US government, the
press), read a short brief, weigh four options for the GSOMIA notice deadline against trade-offs that cite
data rows by id, record their advice with two to four sentences of reasons, and then open a debrief: what
Seoul chose, and what followed up to the pact's normalization.

Every date and number shown comes from ``data/`` (timeline, launches, figures, positions, people, claims);
the wording around them is the course's. The briefs and the options cite only what was public by the morning of
the decision (issue 14), each item dated by its publication: documents of ``data/documents.csv`` by their date of
publication, rows by their date or their sources' dates. Treaty terms fixed in advance (the notice deadline) are
marked as known in advance; evidence from after the decision (or resting on later reports) is marked as later
wherever it is shown, and appears only in the debrief.

Decisions are not marked: there is no right answer. The live view saves each recorded decision in
``decisions.json`` next to the student's progress file (see :func:`decisions_path`), written atomically; the
progress file itself only holds marked answers. The HTML twin keeps the choice in the browser's
``localStorage``.

Typical use in a notebook::

    from lessons import decision
    decision.DecisionRoom(role="us-government")   # the live room (or its kernel-free twin)
    print(decision.memo_template())               # a decision memo to copy into a Markdown cell
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .._html import cite_html, dom_id, esc, json_for_script, notice, twin
from ..component import Component
from ..dates import fmt_date
from ..static import text as static_text
from .roomspec import (
    DEADLINE_ROW,
    DEBRIEF_PARTS,
    DECISION_ROW,
    NORMALIZED_ROW,
    SUSPENSION_ROW,
    Cite,
    Option,
    Role,
    TradeOff,
    activity,
    decision_date,
    evidence,
    load_spec,
    option_by_id,
    options,
    role_by_id,
    roles,
    room_title,
    run_launches,
    timeline_cites,
)

__all__ = [
    "FORMAT",
    "activity",
    "load_spec",
    "room_title",
    "Cite",
    "DecisionRoom",
    "Option",
    "Role",
    "TradeOff",
    "brief_html",
    "compare_text",
    "count_sentences",
    "debrief_html",
    "decision_point_html",
    "decisions_path",
    "evidence",
    "fmt_date",
    "latest_decision",
    "load_decisions",
    "memo_template",
    "options",
    "options_html",
    "record_decision",
    "roles",
]

#: The format tag of the decisions file.
FORMAT = "gsomia-decisions"
#: Prefix of the twin's saved choice in the browser's localStorage (followed by the activity name).
STORAGE_PREFIX = "gsomia-decision:"



def _css() -> str:
    """lessons/static/decision.css"""
    return static_text("decision.css")


def __getattr__(name: str) -> Any:
    """ROLES, OPTIONS, ACTIVITY, STORAGE_KEY and DEBRIEF_* as module attributes (read from the data when asked)."""
    if name == "ACTIVITY":
        return activity()
    if name == "STORAGE_KEY":
        return STORAGE_PREFIX + activity()
    if name == "ROLES":
        return load_spec()[0]
    if name == "OPTIONS":
        return load_spec()[1]
    if name.startswith("DEBRIEF_") and name[8:].lower() in DEBRIEF_PARTS:
        return load_spec()[2][name[8:].lower()]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")



def _facts() -> dict[str, str]:
    """Values for the {placeholders} of options and trade-offs, all read from the data."""
    from .. import data

    def day(row_id: str) -> str:
        return fmt_date(data.row("timeline", row_id)["date"])

    run = run_launches()
    deadline = data.row("timeline", DEADLINE_ROW)
    lapse = re.search(r"lapse on (\d{1,2} \w+ \d{4})", deadline["description"])
    jul = data.row("figures", "kr-visitors-to-japan-yoy-2019-07")["value"]
    return {
        "deadline": fmt_date(deadline["date"]),
        "lapse": _short_month(lapse.group(1)) if lapse else "the end of the notice period",
        "tisa": day("tisa-finalized"),
        "boycott": day("boycott-begins"),
        "visitors_jul": f"{jul:+.1f}".replace("-", "−"),
        "run_n": str(len(run)),
        "run_first": fmt_date(run[0]["date"]) if run else "",
        "run_last": fmt_date(run[-1]["date"]) if run else "",
        "nk_first": fmt_date(data.row("documents", "kcna-tactical-guided-weapon-2019")["date_published"]),
        "whitelist_effective": day("whitelist-removal-effective"),
        "whitelist_approved": day("whitelist-removal-approved"),
        "bangkok": day("kang-kono-bangkok"),
        "beijing": day("kang-kono-beijing"),
        "speech": day("liberation-day-speech-2019"),
    }


def _short_month(text: str) -> str:
    """``23 November 2019`` → ``23 Nov 2019``."""
    parts = text.split()
    if len(parts) == 3 and len(parts[1]) > 3:
        parts[1] = parts[1][:3]
    return " ".join(parts)


def _fill(text: str, facts: dict[str, str]) -> str:
    return text.format(**facts)


# --------------------------------------------------------------------------------------------------------
# The debrief
# --------------------------------------------------------------------------------------------------------

def compare_text(choice: str | None) -> str:
    """One or two sentences comparing the student's option with what Seoul did (no mark is given)."""
    from .. import data

    decided = fmt_date(data.row("timeline", DECISION_ROW)["date"])
    suspended = fmt_date(data.row("timeline", SUSPENSION_ROW)["date"])
    normalized = fmt_date(data.row("timeline", NORMALIZED_ROW)["date"])
    texts = {
        "terminate": f"You advised what Seoul announced on {decided}: ending the pact. Three months on, on "
                     f"{suspended}, Seoul stepped back and suspended its notice.",
        "renew": f"Seoul did the opposite on {decided} and gave notice. But it suspended that notice on "
                 f"{suspended} and withdrew it on {normalized}, so in the end the pact carried on, as you advised.",
        "suspend": f"Seoul first gave plain notice on {decided}. On {suspended} it moved to something close to "
                   "your option: it suspended the notice while keeping the right to end the pact at any time.",
        "link": f"Seoul gave notice on {decided} instead. On {suspended} it suspended the notice and paused its "
                "WTO case while talks on export controls went on, which is close to the link you proposed.",
    }
    if choice not in texts:
        return "Choose an option and record your decision first; then compare it with what Seoul did."
    return texts[choice] + " There is no mark for this: ask what each choice would have gained and cost."


# --------------------------------------------------------------------------------------------------------
# Saving decisions (next to the progress file; the progress file holds only marked answers)
# --------------------------------------------------------------------------------------------------------


def decisions_path() -> Path:
    """``decisions.json`` in the same folder as the progress file (``$GSOMIA_PROGRESS`` moves both)."""
    from ..assessment import progress

    return progress.progress_path().with_name("decisions.json")


def _fresh() -> dict:
    return {"format": FORMAT, "version": 1, "decisions": []}


def _valid(doc: Any) -> bool:
    return isinstance(doc, dict) and doc.get("format") == FORMAT and isinstance(doc.get("decisions"), list)


def load_decisions(path: Path | None = None) -> list[dict]:
    """Every recorded decision, oldest first. A file that can't be read is moved aside (never deleted; only a
    regular file is ever moved), with a warning."""
    from ..assessment import progress

    path = Path(path) if path is not None else decisions_path()
    return progress.read_document(path, _fresh, _valid, "decisions file")["decisions"]


# A sentence ends at . ! ? or … (plus closing quotes) before a space and a non-lower-case letter, or at the end;
# or at Japanese/Chinese 。！？. So "e.g. this" stays one sentence.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[^\sa-z]|\s*$)|[。！？]+")


def count_sentences(text: str) -> int:
    """How many sentences a text has (a last sentence without a full stop counts too). Only advice is based
    on it ("aim for 2–4"), never a mark."""
    text = (text or "").strip()
    if not text:
        return 0
    ends = list(_SENTENCE_END.finditer(text))
    tail = text[ends[-1].end():].strip() if ends else text
    return len(ends) + (1 if tail else 0)


def record_decision(choice: str, rationale: str, role: str | None = None, *, path: Path | None = None,
                    time: str | None = None) -> dict:
    """Save one decision (atomically) and return the entry written. Unknown options or empty reasons raise
    ``ValueError`` with a sentence saying what to do."""
    from ..assessment import progress

    option = option_by_id(choice)
    if option is None:
        raise ValueError(f"{choice!r} is not an option. Choose one of: {', '.join(o.id for o in options())}.")
    rationale = (rationale or "").strip()
    if not rationale:
        raise ValueError("Write your reasons (2–4 sentences) before recording your decision.")
    if role is not None and role_by_id(role) is None:
        raise ValueError(f"{role!r} is not a role. Roles: {', '.join(r.id for r in roles())}.")
    if path is None:
        progress.check_target(progress.progress_path())  # a misdirected GSOMIA_PROGRESS: a sentence, not a guess
    path = Path(path) if path is not None else decisions_path()
    entry = {
        "activity": activity(),
        "role": role,
        "choice": option.id,
        "choice_label": option.label,
        "rationale": rationale,
        "sentences": count_sentences(rationale),
        "time": time or progress.now_iso(),
    }
    # Under the same lock as quiz answers: two kernels recording at once keep both decisions.
    progress.update(path, lambda doc: doc["decisions"].append(entry), fresh=_fresh, valid=_valid,
                    what="decisions file")
    return entry


def latest_decision(path: Path | None = None) -> dict | None:
    """The most recent decision recorded, or None."""
    found = [d for d in load_decisions(path) if d.get("activity") == activity()]
    return found[-1] if found else None


# --------------------------------------------------------------------------------------------------------
# The memo template
# --------------------------------------------------------------------------------------------------------

_MEMO_SECTIONS = (
    ("Recommendation", "Which option do you advise, in one sentence? Say who the memo is for."),
    ("Reasons", "Two to four sentences. Each reason should rest on a piece of evidence."),
    ("Risks", "What could go wrong with your option, and for whom (Seoul, Tokyo, Washington, people at home)?"),
    ("Evidence cited", ("List the rows you used, e.g. “timeline: notice-deadline-2019”. Mark anything "
                        "reported only after the decision.")),
    ("What would change my mind", "Name one fact or event that would make you advise a different option."),
)


def memo_template(fmt: str = "markdown", *, role: str | None = None, choice: str | None = None,
                  level: int = 3) -> str:
    """A decision memo to fill in: Recommendation / Reasons / Risks / Evidence cited / What would change my mind.

    ``fmt`` is ``"markdown"`` (to paste into a Markdown cell) or ``"html"``. ``role`` and ``choice`` fill in the
    header when given. ``level`` is the HTML heading level of the memo's title (its sections are one level
    lower), so the memo fits under whatever heading the page around it has.
    """
    from .. import data

    if not 1 <= level <= 5:
        raise ValueError(f"level must be 1 to 5, not {level!r}.")
    if fmt not in ("markdown", "html"):
        raise ValueError(f"fmt must be 'markdown' or 'html', not {fmt!r}.")
    r, o = role_by_id(role), option_by_id(choice)
    day = fmt_date(data.row("timeline", DECISION_ROW)["date"])
    title = f"Decision memo: GSOMIA, {day}"
    meta = [("From", r.title if r else "(your role)"), ("To", "(who decides)"),
            ("Option", o.label if o else "(terminate / renew / suspend conditionally / link to trade talks)")]
    if fmt == "markdown":
        lines = [f"## {title}", ""]
        lines += [f"**{k}:** {v}  " for k, v in meta]
        for head, prompt in _MEMO_SECTIONS:
            lines += ["", f"### {head}", f"*{prompt}*", "", "- …"]
        return "\n".join(lines) + "\n"
    parts = [f'<article class="gs-memo"><h{level}>{esc(title)}</h{level}><dl>']
    parts += [f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in meta]
    parts.append("</dl>")
    for head, prompt in _MEMO_SECTIONS:
        parts.append(f"<h{level + 1}>{esc(head)}</h{level + 1}>"
                     f"<p class=\"gs-muted\"><em>{esc(prompt)}</em></p><p>…</p>")
    parts.append("</article>")
    return "".join(parts)


# --------------------------------------------------------------------------------------------------------
# HTML pieces shared by the live view and the twin
# --------------------------------------------------------------------------------------------------------

_WHEN_LABEL = {"later": "later: not known on the morning of the decision", "same day": "same day",
               "advance": "a treaty term, known in advance"}


def _evidence_li(cite: Cite, flags: bool = True) -> str:
    ev = evidence(cite)
    flag = ""
    if flags and ev["when"] in _WHEN_LABEL:
        flag = f' <span class="gs-later">{esc(_WHEN_LABEL[ev["when"]])}</span>'

    # Students see where the evidence comes from (outlet, date, link); the data row is for teachers, in an
    # attribute and a tooltip.
    where = cite_html(ev["source"]) if ev.get("source") else "course data"
    return (f'<li>{esc(ev["text"])}{flag} <span class="gs-ref" data-gs-row="{esc(ev["ref"])}" '
            f'title="Data row {esc(ev["ref"])}">({where})</span></li>')


def _evidence_list(cites: tuple[Cite, ...], flags: bool = True) -> str:
    """A list of cited rows; ``flags`` marks rows reported on the day of the decision or later."""
    return '<ul class="gs-ev">' + "".join(_evidence_li(c, flags) for c in cites) + "</ul>"


def brief_html(role: Role, open_: bool = False) -> str:
    """One role's brief as a <details> element (open when ``open_``)."""
    return (f'<details class="gs-brief" data-role="{esc(role.id)}"{" open" if open_ else ""}>'
            f"<summary>Brief: {esc(role.title)}</summary><p><strong>Your task:</strong> {esc(role.task)}</p>"
            "<p>What you know:</p>" + _evidence_list(role.cites) + "</details>")


def decision_point_html() -> str:
    """The decision point: the date, the deadline, and why it matters (from timeline rows)."""
    from .. import data

    deadline = data.row("timeline", DEADLINE_ROW)
    day = fmt_date(decision_date())
    return (f"<h4>The decision point: {esc(day)}</h4>"
            f"<p>The pact renews itself every year unless one side gives 90 days' notice. This year the last day "
            f"for notice is {esc(fmt_date(deadline['date']))}. You are in the room on the morning of "
            f"{esc(day)}, before any announcement.</p>"
            + _evidence_list(timeline_cites("gsomia-signed", DEADLINE_ROW)))


def options_html(facts: dict[str, str] | None = None) -> str:
    """The four options, each with its trade-offs and the rows they cite."""
    facts = facts or _facts()
    parts = ["<h4>Options and trade-offs</h4>"]
    for o in options():
        parts.append(f'<div class="gs-opt" data-option="{esc(o.id)}"><p><strong>{esc(o.label)}</strong><br>'
                     f"{esc(_fill(o.summary, facts))}</p>")
        for side, title in (("for", "For"), ("against", "Against")):
            items = [t for t in o.tradeoffs if t.side == side]
            if not items:
                continue
            parts.append(f'<div class="gs-{side}"><p><strong>{title}</strong></p><ul>')
            for t in items:
                parts.append(f"<li>{esc(_fill(t.text, facts))}" + _evidence_list(t.cites) + "</li>")
            parts.append("</ul></div>")
        parts.append("</div>")
    return "".join(parts)


def debrief_html(choice: str | None = None, heading: bool = True) -> str:
    """The debrief: your choice compared with Seoul's, what Seoul chose, reactions, what followed, forecasts."""
    head = "<h4>Debrief: what Seoul chose and what followed</h4>" if heading else ""
    compare = f'<p class="gs-compare" data-compare="1">{esc(compare_text(choice))}</p>' if choice else ""
    return (head + compare
            + "<p><strong>What Seoul chose</strong></p>" + _evidence_list(load_spec()[2]["chose"], False)
            + "<p><strong>How Tokyo and Washington answered</strong></p>"
            + _evidence_list(load_spec()[2]["reactions"], False)
            + "<p><strong>What followed</strong></p>" + _evidence_list(load_spec()[2]["followed"], False)
            + "<p><strong>Were the article's forecasts right?</strong></p>"
            + _evidence_list(load_spec()[2]["forecasts"], False))


# --------------------------------------------------------------------------------------------------------
# The component
# --------------------------------------------------------------------------------------------------------

def _js() -> str:
    return "".join(line.strip() for line in static_text("decision.js").strip().splitlines())


#: Messages shared by the live view and the twin.
MESSAGES = {
    "nochoice": "Choose an option under “Your advice” first.",
    "noreasons": "Write your reasons (2–4 sentences) before recording your decision.",
    "saved": "Recorded: {label}. Press Debrief to see what Seoul chose.",
    "length": "(You wrote {n} sentence(s); aim for 2–4.)",
}


class DecisionRoom(Component):
    """The decision room of 22 Aug 2019: role briefs, options with trade-offs, your advice, and a debrief.

    ``DecisionRoom(role=None, *, path=None)``: ``role`` opens one brief first (``"south-korea-nsc"``,
    ``"japan-government"``, ``"us-government"`` or ``"press"``; None shows all four, closed); ``path`` overrides
    where decisions are saved (default :func:`decisions_path`).

    Live view: "Your role" dropdown, "Your advice" radio buttons, "Your reasons (2–4 sentences)" text area,
    "Record my decision" and "Debrief" buttons. Twin: the same briefs, options and trade-offs, a form that
    keeps the choice in the browser's localStorage, and the debrief once a choice is recorded.
    """

    label = "Decision room"

    def __init__(self, role: str | None = None, *, path: Path | str | None = None) -> None:
        super().__init__()
        self.role = role
        self.path = Path(path) if path is not None else None
        self.recorded: dict | None = None

    @property
    def role_known(self) -> bool:
        return self.role is None or role_by_id(self.role) is not None

    def _role_notice(self) -> str:
        listed = ", ".join(r.id for r in roles())
        return notice(f"There is no role called {self.role!r}. Choose one of: {listed}. All briefs are shown "
                      "below.", "error")

    def plain_text(self) -> str:
        try:
            day = f" ({fmt_date(decision_date())})"
        except Exception:  # noqa: BLE001 - the plain form must never fail, even without data
            day = ""
        return (f"Decision room{day}: {len(roles())} role briefs, {len(options())} options with their trade-offs, "
                "your advice and a debrief — run this cell to record your decision here.")

    # --- actions shared by the live view and tests --------------------------------------------------------
    def record(self, choice: str | None, rationale: str, role: str | None = None) -> tuple[bool, str]:
        """Record a decision; returns (saved, message). Never raises for a student's input."""
        if not choice:
            return False, MESSAGES["nochoice"]
        if not (rationale or "").strip():
            return False, MESSAGES["noreasons"]
        role = role if role is not None else (self.role if self.role_known else None)
        try:
            entry = record_decision(choice, rationale, role=role, path=self.path)
        except ValueError as exc:
            return False, str(exc)
        except OSError as exc:
            from ..assessment import progress

            if isinstance(exc, progress.ProgressError):
                return False, f"{exc} Copy your reasons somewhere safe."
            return False, f"Your decision could not be saved ({exc}). Copy your reasons somewhere safe."
        self.recorded = entry
        message = MESSAGES["saved"].format(label=entry["choice_label"])
        if not 2 <= entry["sentences"] <= 4:
            message += " " + MESSAGES["length"].format(n=entry["sentences"])
        return True, message

    def _saved_path(self) -> Path:
        return self.path if self.path is not None else decisions_path()

    # --- the live view ---------------------------------------------------------------------------------
    def build_widget(self) -> Any:
        import ipywidgets as w

        facts = _facts()
        wide = {"description_width": "initial"}
        role_dd = w.Dropdown(options=[("All roles", None)] + [(r.title, r.id) for r in roles()],
                             value=self.role if self.role_known else None, description="Your role", style=wide)
        briefs = w.HTML()

        def draw_briefs(_: Any = None) -> None:
            shown = [r for r in roles() if role_dd.value in (None, r.id)]
            html = "" if self.role_known or role_dd.value else self._role_notice()
            briefs.value = (f'<div class="gs-twin gs-decision"><style>{_css()}</style>{html}'
                            + "".join(brief_html(r, open_=role_dd.value is not None) for r in shown) + "</div>")

        role_dd.observe(draw_briefs, names="value")
        draw_briefs()
        point = w.HTML(f'<div class="gs-twin gs-decision"><style>{_css()}</style>{decision_point_html()}'
                       f"{options_html(facts)}</div>")
        advice = w.RadioButtons(options=[(o.label, o.id) for o in options()], value=None, description="Your advice",
                                style=wide, layout=w.Layout(width="auto"))
        reasons = w.Textarea(value="", description="Your reasons (2–4 sentences)", style=wide,
                             placeholder="Two to four sentences. Cite evidence, e.g. timeline: notice-deadline-2019.",
                             layout=w.Layout(width="95%", height="7em"))
        record_btn = w.Button(description="Record my decision", button_style="primary",
                              tooltip="Save your advice and reasons")
        debrief_btn = w.Button(description="Debrief", tooltip="See what Seoul chose and what followed",
                               disabled=True)
        status = w.HTML(value="")
        debrief = w.HTML(value="")

        def on_record(_: Any) -> None:
            ok, message = self.record(advice.value, reasons.value, role=role_dd.value)
            status.value = (f'<p class="gs-status" role="status">{esc(message)}</p>' if ok
                            else f'<div class="gs-twin">{notice(message, "error")}</div>')
            if ok:
                debrief_btn.disabled = False
                if debrief.value:  # already open: refresh the comparison with the new choice
                    on_debrief(None)

        def on_debrief(_: Any) -> None:
            if self.recorded is None:
                status.value = f'<div class="gs-twin">{notice(MESSAGES["nochoice"], "error")}</div>'
                return
            debrief.value = (f'<div class="gs-twin gs-decision"><style>{_css()}</style>'
                             f'{debrief_html(self.recorded["choice"])}</div>')

        record_btn.on_click(on_record)
        debrief_btn.on_click(on_debrief)
        box = w.VBox([role_dd, briefs, point, advice, reasons, w.HBox([record_btn, debrief_btn]), status, debrief])
        # handles for tests and notebooks
        box.role, box.briefs, box.advice, box.reasons = role_dd, briefs, advice, reasons
        box.record_button, box.debrief_button, box.status, box.debrief = record_btn, debrief_btn, status, debrief
        return box

    # --- the twin ------------------------------------------------------------------------------------------
    def twin_html(self) -> str:
        facts = _facts()
        root = dom_id("decision", self.role, [o.id for o in options()])
        role = self.role if self.role_known and self.role else None
        briefs = "".join(brief_html(r, open_=(r.id == role)) for r in roles())
        radios = "".join(
            f'<label class="gs-choice"><input type="radio" name="{esc(root)}-advice" value="{esc(o.id)}"> '
            f"{esc(o.label)}</label>" for o in options())
        payload = {
            "key": STORAGE_PREFIX + activity(),
            "role": role,
            "labels": {o.id: o.label for o in options()},
            "compare": {o.id: compare_text(o.id) for o in options()},
            "msg": MESSAGES,
        }
        body = (
            f"<h3>{esc(room_title())}: {esc(fmt_date(decision_date()))}</h3>"
            + ("" if self.role_known else self._role_notice())
            + "<h4>Role briefs</h4>" + briefs
            + decision_point_html()
            + options_html(facts)
            + '<h4 id="' + esc(root) + '-form">Your decision</h4>'
            + '<p class="gs-noscript">Run this cell in JupyterLab to record your decision here. In a browser with '
              "scripts turned off, write your advice and reasons on paper or in the memo template first.</p>"
            + f'<div class="gs-js" hidden><form onsubmit="return false" aria-labelledby="{esc(root)}-form">'
            + f'<fieldset><legend>Your advice</legend>{radios}</fieldset>'
            + f'<label for="{esc(root)}-reasons">Your reasons (2–4 sentences)</label>'
            + f'<textarea id="{esc(root)}-reasons" rows="5"></textarea>'
            + '<div class="gs-controls"><button type="button" class="gs-record">Record my decision</button>'
            + '<button type="button" class="gs-reveal gs-secondary" disabled>Debrief</button></div>'
            + '<p class="gs-status" role="status" aria-live="polite"></p></form></div>'
            # The debrief appears only once a decision is recorded: with scripts, it waits in a <template>
            # (never rendered, not found by the browser's text search); without scripts (where nothing can be
            # recorded) it is a closed <details> in <noscript>. JupyterLab's pre-run view shows neither.
            + '<div class="gs-debrief-slot" hidden></div>'
            + '<template class="gs-debrief-tpl"><details class="gs-debrief" open><summary>Debrief: what Seoul '
              'chose and what followed</summary><p class="gs-compare gs-compare-js" aria-live="polite"></p>'
            + debrief_html(None, heading=False) + "</details></template>"
            + '<noscript><details class="gs-debrief"><summary>Debrief: what Seoul chose (open it after you decide)'
              "</summary>" + debrief_html(None, heading=False) + "</details></noscript>"
            + f'<script type="application/json" class="gs-decision-data">{json_for_script(payload)}</script>'
        )
        return twin("decision", room_title(), body, root_id=root, script=_js(), css=_css())
