"""The decision room: a role-play of the choice Seoul faced on 22 Aug 2019, built from the course data.

Students take a role (South Korea's National Security Council, Japan's government, the US government, the
press), read a short brief, weigh four options for the GSOMIA notice deadline against trade-offs that cite
data rows by id, record their advice with two to four sentences of reasons, and then open a debrief: what
Seoul chose, and what followed up to the pact's normalization.

Every date and number shown comes from ``data/`` (timeline, launches, figures, positions, people, claims);
the wording around them is the course's. Evidence from after the decision (or resting on later reports) is marked as
later, and treaty terms fixed in advance (the notice deadline) as known in advance, so students
can tell what advisers could have known that day from what we know now.

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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._html import dom_id, esc, json_for_script, notice, twin
from ..component import Component
from ..static import text as static_text

__all__ = [
    "ACTIVITY",
    "FORMAT",
    "OPTIONS",
    "ROLES",
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

#: The activity name written with every record (lesson 07).
ACTIVITY = "07-decision-room"
#: The format tag of the decisions file.
FORMAT = "gsomia-decisions"
#: The timeline row of the decision point and of the notice deadline.
DECISION_ROW = "gsomia-termination-announced"
DEADLINE_ROW = "notice-deadline-2019"
SUSPENSION_ROW = "gsomia-suspension"
NORMALIZED_ROW = "gsomia-normalized"
#: Key of the twin's saved choice in the browser's localStorage.
STORAGE_KEY = "gsomia-decision:" + ACTIVITY

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _css() -> str:
    """lessons/static/decision.css"""
    return static_text("decision.css")


def fmt_date(iso: str | None) -> str:
    """``2019-08-22`` → ``22 Aug 2019``; ``2019-07`` → ``Jul 2019``; ``2019`` → ``2019``."""
    if not iso:
        return ""
    parts = str(iso).split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return str(iso)


def _decision_date() -> str:
    from .. import data

    return data.row("timeline", DECISION_ROW)["date"]


# --------------------------------------------------------------------------------------------------------
# Evidence: citations of data rows, resolved to short texts
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cite:
    """A data row cited as evidence: ``Cite("timeline", "gsomia-signed")``; ``field`` picks a people column."""

    dataset: str
    id: str
    field: str | None = None

    @property
    def ref(self) -> str:
        return f"{self.dataset}: {self.id}"


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.1f}"


_SOURCE_DATE = re.compile(r"\((\d{4}-\d{2}-\d{2})\)")


def _when(iso: str | None, decided: str) -> str:
    """'before', 'same day' or 'later' than the decision (or '' when the row has no date)."""
    if not iso:
        return ""
    day = str(iso)
    if len(day) < 10:  # a month or a year: compare its last possible day roughly by prefix
        return "before" if day < decided[: len(day)] else ("later" if day > decided[: len(day)] else "same day")
    return "before" if day < decided else ("same day" if day == decided else "later")


def _conf_note(confidence: str | None) -> str:
    if confidence == "medium":
        return " (medium confidence: reported, not fully confirmed)"
    if confidence == "low":
        return " (low confidence: not verified)"
    return ""


def evidence(cite: Cite) -> dict[str, str]:
    """A cited row as ``{"ref", "date", "when", "text"}``; a missing row gives a text saying so (no error)."""
    from .. import data

    decided = _decision_date()
    try:
        rec = data.row(cite.dataset, cite.id)
    except Exception:  # noqa: BLE001 - a missing row must show as a message, not a traceback
        return {"ref": cite.ref, "date": "", "when": "",
                "text": f"This evidence row is missing from the course data ({cite.ref}). Tell your teacher."}
    date = ""
    if cite.dataset in ("timeline", "launches"):
        date = rec["date"]
    if cite.dataset == "timeline":
        text = f"{fmt_date(rec['date'])}: {rec['title']}. {rec['description']}"
    elif cite.dataset == "launches":
        text = (f"{fmt_date(rec['date'])}: launch from {rec['launch_area']}. South Korea called it: "
                f"{rec['class_south_korea']}. North Korea called it: {rec['class_north_korea']}.")
    elif cite.dataset == "figures":
        value = "not known" if rec["value"] is None else f"{_number(rec['value'])} {rec['unit']}"
        note = f" ({rec['note']})" if rec.get("note") else ""
        text = f"{rec['series']}, {rec['period']}: {value}{note}."
        dates = sorted(d for s in (rec.get("sources") or []) for d in _SOURCE_DATE.findall(s))
        date = dates[0] if dates else ""
    elif cite.dataset == "positions":
        text = f"{rec['position']} (Attributed to: {rec['attributed_to']}.)"
        date = _latest_source_date(rec)
    elif cite.dataset == "people":
        column = cite.field or "verified_role"
        text = f"{rec['name']}: {rec[column]}"
        date = _latest_source_date(rec)
    elif cite.dataset == "claims":
        text = (f"The article (paragraph {rec['paragraph']}) says “{rec['claim']}”. Verdict of later sources: "
                f"{rec['verdict']}. {rec['what_sources_say']}")
    else:  # pragma: no cover - only the datasets above are cited
        text = str(rec)
    text += _conf_note(rec.get("confidence"))
    when = "advance" if (cite.dataset, cite.id) in _KNOWN_IN_ADVANCE else _when(date, decided)
    return {"ref": cite.ref, "date": date, "when": when, "text": text}


#: Rows dated after the decision that were nevertheless known before it: treaty terms fixed in advance.
_KNOWN_IN_ADVANCE = frozenset({("timeline", DEADLINE_ROW)})


def _latest_source_date(rec: dict) -> str:
    """The latest dated source of an undated row: a row resting on later reports is marked as later."""
    dates = sorted(d for s in (rec.get("sources") or []) for d in _SOURCE_DATE.findall(s))
    return dates[-1] if dates else ""


# --------------------------------------------------------------------------------------------------------
# Roles, options and trade-offs
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Role:
    """A role in the room: who you are, what you must do, and what you know (cited rows)."""

    id: str
    title: str
    task: str
    cites: tuple[Cite, ...]


@dataclass(frozen=True)
class TradeOff:
    """One argument for or against an option. ``text`` may use ``{placeholders}`` filled from data."""

    side: str  # "for" or "against"
    text: str
    cites: tuple[Cite, ...]


@dataclass(frozen=True)
class Option:
    """One option at the decision point, with its trade-offs."""

    id: str
    label: str
    summary: str
    tradeoffs: tuple[TradeOff, ...] = field(default_factory=tuple)


def _t(*ids: str) -> tuple[Cite, ...]:
    return tuple(Cite("timeline", i) for i in ids)


def _run_launches() -> list[dict]:
    from .. import data

    return sorted((r for r in data.rows("launches") if r["in_article_run"]), key=lambda r: r["date"])


def _run_cites() -> tuple[Cite, ...]:
    return tuple(Cite("launches", r["id"]) for r in _run_launches())


ROLES: tuple[Role, ...] = (
    Role(
        "south-korea-nsc",
        "South Korea's National Security Council",
        "You advise President Moon Jae-in before the notice deadline. Weigh security against the trade dispute "
        "and opinion at home, and recommend one option.",
        (Cite("positions", "export-controls-south-korea"), *_t("whitelist-removal-approved",
         "kr-whitelist-removal-announced", "kang-kono-bangkok", "liberation-day-speech-2019", "kang-kono-beijing")),
    ),
    Role(
        "japan-government",
        "Japan's government",
        "You speak for Tokyo. Explain what Japan wants, how it would answer each option, and what (if anything) "
        "would make it move on export controls.",
        (Cite("positions", "export-controls-japan"), Cite("positions", "claims-1965-japan"),
         *_t("export-controls-effective", "whitelist-removal-approved", "kang-kono-beijing")),
    ),
    Role(
        "us-government",
        "The US government",
        "You want both allies to keep sharing intelligence. Decide what to say to Seoul and Tokyo, and what you "
        "can offer either of them.",
        (*_t("gsomia-signed", "tisa-finalized", "nk-launch-run-begins", "biegun-seoul-talks",
             "biegun-kim-hyun-chong-meeting"),
         Cite("people", "donald-trump", "said"), Cite("people", "stephen-biegun")),
    ),
    Role(
        "press",
        "The press",
        "You report for readers in Seoul, Tokyo and Washington. Question each adviser, check their facts, and "
        "explain the decision fairly, with both governments' views attributed.",
        (*_t("boycott-begins", "uniqlo-boycott-impact", "gsomia-poll-2016"),
         Cite("figures", "kr-visitors-to-japan-yoy-2019-07"), Cite("claims", "claim-six-missile-tests")),
    ),
)

# Trade-off texts are the course's wording; every {placeholder} is filled from the data (see _facts()).
OPTIONS: tuple[Option, ...] = (
    Option(
        "terminate",
        "Terminate: give Japan notice that GSOMIA will end",
        "Send the 90 days' notice before the deadline of {deadline}; the pact then lapses.",
        (
            TradeOff("for", "Japan cited security and trust when it took Seoul off its white list on "
                     "{whitelist_approved}; the day before, Seoul's foreign minister had warned that it would then "
                     "have to review its security agreements with Japan.",
                     _t("whitelist-removal-approved", "kang-kono-bangkok")),
            TradeOff("for", "Sharing need not stop completely: the three-way arrangement (TISA), finalized on "
                     "{tisa}, runs through the United States as the hub.", _t("tisa-finalized")),
            TradeOff("for", "Opinion at home is angry: a boycott of Japanese goods began on {boycott}, and South "
                     "Korean visits to Japan in July 2019 were {visitors_jul} % on a year earlier.",
                     (*_t("boycott-begins"), Cite("figures", "kr-visitors-to-japan-yoy-2019-07"))),
            TradeOff("against", "North Korea has just fired {run_n} rounds of launches between {run_first} and "
                     "{run_last}; the pact lets Seoul and Tokyo swap tracking data directly.",
                     (*_t("gsomia-signed"), *_run_cites())),
            TradeOff("against", "The United States has urged Seoul to stay in; its envoy is meeting Seoul's "
                     "deputy national security adviser on the very day.",
                     (Cite("people", "donald-trump", "said"), *_t("biegun-kim-hyun-chong-meeting"))),
            TradeOff("against", "Japan's government calls its export controls a review, not retaliation, so ending "
                     "the pact may not change them; its foreign minister said the pact should be kept.",
                     (Cite("positions", "export-controls-japan"), *_t("kang-kono-beijing"))),
        ),
    ),
    Option(
        "renew",
        "Renew: let GSOMIA roll over for another year",
        "Give no notice by {deadline}; the pact renews itself automatically.",
        (
            TradeOff("for", "It keeps the direct channel open during {run_n} rounds of North Korean launches "
                     "(from {run_first} to {run_last}).", (*_t("nk-launch-run-begins"), *_run_cites())),
            TradeOff("for", "It is what Washington asked for, and what Japan's foreign minister said he wanted.",
                     (Cite("people", "donald-trump", "said"), *_t("kang-kono-beijing"))),
            TradeOff("for", "Later figures show how the channel was used: {exchanges} exchanges between November "
                     "2016 and October 2019.", (Cite("figures", "gsomia-exchanges-2016-11-to-2019-10"),)),
            TradeOff("against", "Japan's removal of South Korea from its white list still takes effect on "
                     "{whitelist_effective}; South Korea's government calls the measures retaliation and gets "
                     "nothing back.", (*_t("whitelist-removal-approved"), Cite("positions",
                                                                               "export-controls-south-korea"))),
            TradeOff("against", "On {bangkok} Seoul's foreign minister warned that it would have to review "
                     "security agreements if Japan cited security for its trade steps; renewing quietly drops "
                     "that warning.", _t("kang-kono-bangkok")),
        ),
    ),
    Option(
        "suspend",
        "Suspend conditionally: give notice, but offer to withdraw it",
        "Send the notice by {deadline}, and say it will be withdrawn if Japan reverses its export measures "
        "before the pact lapses on {lapse}.",
        (
            TradeOff("for", "It keeps pressure on Tokyo while leaving about 90 days to talk before the pact "
                     "actually lapses.", _t("notice-deadline-2019")),
            TradeOff("for", "It matches President Moon's offer of {speech}: South Korea would gladly join hands "
                     "if Japan chose dialogue.", _t("liberation-day-speech-2019")),
            TradeOff("against", "Japan's government says its export controls are not a bargaining matter but a "
                     "review of trust and management; it may refuse to trade them for the pact.",
                     (Cite("positions", "export-controls-japan"),)),
            TradeOff("against", "Allies and military planners face months of uncertainty; the United States "
                     "wanted a clear renewal.", (Cite("people", "dave-eastburn", "said"),
                                                 Cite("people", "donald-trump", "said"))),
        ),
    ),
    Option(
        "link",
        "Link to trade talks: renew for now, and offer talks on export controls and GSOMIA together",
        "Give no notice by {deadline}, and propose one negotiation that covers both the export measures and "
        "the pact.",
        (
            TradeOff("for", "Dialogue is already on the table: the two foreign ministers met in Beijing on "
                     "{beijing}, and President Moon offered to join hands on {speech}.",
                     _t("kang-kono-beijing", "liberation-day-speech-2019")),
            TradeOff("for", "Washington wants its two allies to settle their differences together.",
                     (Cite("people", "dave-eastburn", "said"), Cite("people", "stephen-biegun"))),
            TradeOff("against", "Two meetings of the foreign ministers, on {bangkok} and {beijing}, ended without "
                     "narrowing differences.", _t("kang-kono-bangkok", "kang-kono-beijing")),
            TradeOff("against", "Japan's government treats its export controls as a separate review, not a "
                     "bargaining chip; and if talks fail, the next chance to give notice is a year away.",
                     (Cite("positions", "export-controls-japan"), *_t("gsomia-signed"))),
        ),
    ),
)


def roles() -> list[Role]:
    """The four roles."""
    return list(ROLES)


def options() -> list[Option]:
    """The four options at the decision point."""
    return list(OPTIONS)


def _role(role_id: str | None) -> Role | None:
    return next((r for r in ROLES if r.id == role_id), None)


def _option(option_id: str | None) -> Option | None:
    return next((o for o in OPTIONS if o.id == option_id), None)


def _facts() -> dict[str, str]:
    """Values for the {placeholders} of options and trade-offs, all read from the data."""
    from .. import data

    def day(row_id: str) -> str:
        return fmt_date(data.row("timeline", row_id)["date"])

    run = _run_launches()
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
        "exchanges": _number(data.row("figures", "gsomia-exchanges-2016-11-to-2019-10")["value"]),
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

#: What Seoul chose, and what followed (timeline rows unless stated), in order.
DEBRIEF_CHOSE: tuple[Cite, ...] = _t(DECISION_ROW, "gsomia-termination-notice")
DEBRIEF_REACTIONS: tuple[Cite, ...] = _t("japan-protests-termination", "us-disappointment")
DEBRIEF_FOLLOWED: tuple[Cite, ...] = (
    *_t("nk-launch-after-notice", "whitelist-removal-effective", "visitors-halve-august-2019",
        "us-urges-no-termination", SUSPENSION_ROW, "chengdu-summit-2019", "gsomia-continues-2020",
        "export-controls-lifted", NORMALIZED_ROW, "missile-warning-data-sharing"),
)
DEBRIEF_FORECASTS: tuple[Cite, ...] = (Cite("claims", "claim-abandon-pact"), Cite("claims", "claim-foreclose-ties"),
                                       Cite("claims", "claim-regularly-share-analysis"))


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

    option = _option(choice)
    if option is None:
        raise ValueError(f"{choice!r} is not an option. Choose one of: {', '.join(o.id for o in OPTIONS)}.")
    rationale = (rationale or "").strip()
    if not rationale:
        raise ValueError("Write your reasons (2–4 sentences) before recording your decision.")
    if role is not None and _role(role) is None:
        raise ValueError(f"{role!r} is not a role. Roles: {', '.join(r.id for r in ROLES)}.")
    if path is None:
        progress.check_target(progress.progress_path())  # a misdirected GSOMIA_PROGRESS: a sentence, not a guess
    path = Path(path) if path is not None else decisions_path()
    entry = {
        "activity": ACTIVITY,
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
    found = [d for d in load_decisions(path) if d.get("activity") == ACTIVITY]
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
    r, o = _role(role), _option(choice)
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
        parts.append(f"<h{level + 1}>{esc(head)}</h{level + 1}><p class=\"gs-muted\"><em>{esc(prompt)}</em></p><p>…</p>")
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

    return f'<li>{esc(ev["text"])}{flag} <span class="gs-ref">[{esc(ev["ref"])}]</span></li>'


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
    day = fmt_date(_decision_date())
    return (f"<h4>The decision point: {esc(day)}</h4>"
            f"<p>The pact renews itself every year unless one side gives 90 days' notice. This year the last day "
            f"for notice is {esc(fmt_date(deadline['date']))}. You are in the room on the morning of "
            f"{esc(day)}, before any announcement.</p>"
            + _evidence_list(_t("gsomia-signed", DEADLINE_ROW)))


def options_html(facts: dict[str, str] | None = None) -> str:
    """The four options, each with its trade-offs and the rows they cite."""
    facts = facts or _facts()
    parts = ["<h4>Options and trade-offs</h4>"]
    for o in OPTIONS:
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
            + "<p><strong>What Seoul chose</strong></p>" + _evidence_list(DEBRIEF_CHOSE, False)
            + "<p><strong>How Tokyo and Washington answered</strong></p>" + _evidence_list(DEBRIEF_REACTIONS, False)
            + "<p><strong>What followed</strong></p>" + _evidence_list(DEBRIEF_FOLLOWED, False)
            + "<p><strong>Were the article's forecasts right?</strong></p>" + _evidence_list(DEBRIEF_FORECASTS, False))


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
        return self.role is None or _role(self.role) is not None

    def _role_notice(self) -> str:
        listed = ", ".join(r.id for r in ROLES)
        return notice(f"There is no role called {self.role!r}. Choose one of: {listed}. All briefs are shown "
                      "below.", "error")

    def plain_text(self) -> str:
        try:
            day = f" ({fmt_date(_decision_date())})"
        except Exception:  # noqa: BLE001 - the plain form must never fail, even without data
            day = ""
        return (f"Decision room{day}: {len(ROLES)} role briefs, {len(OPTIONS)} options with their trade-offs, "
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
        role_dd = w.Dropdown(options=[("All roles", None)] + [(r.title, r.id) for r in ROLES],
                             value=self.role if self.role_known else None, description="Your role", style=wide)
        briefs = w.HTML()

        def draw_briefs(_: Any = None) -> None:
            shown = [r for r in ROLES if role_dd.value in (None, r.id)]
            html = "" if self.role_known or role_dd.value else self._role_notice()
            briefs.value = (f'<div class="gs-twin gs-decision"><style>{_css()}</style>{html}'
                            + "".join(brief_html(r, open_=role_dd.value is not None) for r in shown) + "</div>")

        role_dd.observe(draw_briefs, names="value")
        draw_briefs()
        point = w.HTML(f'<div class="gs-twin gs-decision"><style>{_css()}</style>{decision_point_html()}'
                       f"{options_html(facts)}</div>")
        advice = w.RadioButtons(options=[(o.label, o.id) for o in OPTIONS], value=None, description="Your advice",
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
        root = dom_id("decision", self.role, [o.id for o in OPTIONS])
        role = self.role if self.role_known and self.role else None
        briefs = "".join(brief_html(r, open_=(r.id == role)) for r in ROLES)
        radios = "".join(
            f'<label class="gs-choice"><input type="radio" name="{esc(root)}-advice" value="{esc(o.id)}"> '
            f"{esc(o.label)}</label>" for o in OPTIONS)
        payload = {
            "key": STORAGE_KEY,
            "role": role,
            "labels": {o.id: o.label for o in OPTIONS},
            "compare": {o.id: compare_text(o.id) for o in OPTIONS},
            "msg": MESSAGES,
        }
        body = (
            f"<h3>The decision room: {esc(fmt_date(_decision_date()))}</h3>"
            + ("" if self.role_known else self._role_notice())
            + "<h4>Role briefs</h4>" + briefs
            + decision_point_html()
            + options_html(facts)
            + '<h4 id="' + esc(root) + '-form">Your decision</h4>'
            + '<p class="gs-noscript">Scripts are off in this page: write your advice and reasons on paper or in '
              "the memo template, then open the debrief below.</p>"
            + f'<div class="gs-js" hidden><form onsubmit="return false" aria-labelledby="{esc(root)}-form">'
            + f'<fieldset><legend>Your advice</legend>{radios}</fieldset>'
            + f'<label for="{esc(root)}-reasons">Your reasons (2–4 sentences)</label>'
            + f'<textarea id="{esc(root)}-reasons" rows="5"></textarea>'
            + '<div class="gs-controls"><button type="button" class="gs-record">Record my decision</button>'
            + '<button type="button" class="gs-reveal gs-secondary" disabled>Debrief</button></div>'
            + '<p class="gs-status" role="status" aria-live="polite"></p></form></div>'
            + '<details class="gs-debrief"><summary>Debrief: what Seoul chose (open it after you decide)</summary>'
            + '<p class="gs-compare gs-compare-js" aria-live="polite"></p>'
            + debrief_html(None, heading=False) + "</details>"
            + f'<script type="application/json" class="gs-decision-data">{json_for_script(payload)}</script>'
        )
        return twin("decision", "The decision room", body, root_id=root, script=_js(), css=_css())
