"""What the decision room is made of: its roles, options, trade-offs and debrief (``data/decision.json``), and
the course data rows they cite, resolved to short texts of evidence. Read when first used, never at import."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .._html import VERDICT_LABELS
from ..dates import fmt_date

__all__ = ["DECISION_ROW", "DEADLINE_ROW", "SUSPENSION_ROW", "NORMALIZED_ROW", "SPEC_FILE", "DEBRIEF_PARTS", "Cite",
           "Role", "TradeOff", "Option", "evidence", "number_text", "decision_date", "timeline_cites", "run_launches",
           "load_spec", "activity", "room_title", "roles", "options", "role_by_id", "option_by_id"]

#: The timeline row of the decision point, of the notice deadline, and of what followed.
DECISION_ROW = "gsomia-termination-announced"
DEADLINE_ROW = "notice-deadline-2019"
SUSPENSION_ROW = "gsomia-suspension"
NORMALIZED_ROW = "gsomia-normalized"


def decision_date() -> str:
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


def number_text(value: float) -> str:
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

    decided = decision_date()
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
        value = "not known" if rec["value"] is None else f"{number_text(rec['value'])} {rec['unit']}"
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
    elif cite.dataset == "documents":
        date = rec["date_published"]
        text = f"{fmt_date(date)}: {rec['title']} ({rec['issuer']}). Evidence of {rec['evidence_of']}."
    elif cite.dataset == "claims":
        verdict = VERDICT_LABELS.get(rec["verdict"], rec["verdict"])  # in words, never the coded form
        text = (f"The article (paragraph {rec['paragraph']}) says “{rec['claim']}”. Verdict of later sources: "
                f"{verdict}. {rec['what_sources_say']}")
    else:  # pragma: no cover - only the datasets above are cited
        text = str(rec)
    if date and cite.dataset in ("figures", "positions", "people"):  # date each item by its publication
        text = (f"First reported {fmt_date(date)}: " if cite.dataset == "figures"
                else f"As stated in sources up to {fmt_date(date)}: ") + text
    text += _conf_note(rec.get("confidence"))
    when = "advance" if (cite.dataset, cite.id) in _KNOWN_IN_ADVANCE else _when(date, decided)
    sources = rec.get("sources") or []
    if isinstance(sources, str):
        sources = [sources]
    return {"ref": cite.ref, "date": date, "when": when, "text": text, "source": sources[0] if sources else ""}


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


def timeline_cites(*ids: str) -> tuple[Cite, ...]:
    return tuple(Cite("timeline", i) for i in ids)


def run_launches() -> list[dict]:
    from .. import data

    return sorted((r for r in data.rows("launches") if r["in_article_run"]), key=lambda r: r["date"])


_SPEC_CACHE: dict[tuple, tuple[tuple[Role, ...], tuple[Option, ...], dict[str, tuple[Cite, ...]]]] = {}
DEBRIEF_PARTS = ("chose", "reactions", "followed", "forecasts")
SPEC_FILE = "decision.json"


def _cites(items: Any, where: str, problems: list[str]) -> tuple[Cite, ...]:
    """``"dataset:id"`` or ``"people:id:column"``; ``"launches:*in_article_run"`` is every launch of the run."""
    from .. import data

    out: list[Cite] = []
    if not isinstance(items, list):
        problems.append(f"{where}, field 'cites': expected a list of \"dataset:id\" strings.")
        return ()
    for item in items:
        parts = item.split(":") if isinstance(item, str) else []
        if item == "launches:*in_article_run":
            out += [Cite("launches", r["id"]) for r in run_launches()]
            continue
        if len(parts) not in (2, 3) or not all(parts):
            problems.append(f"{where}, field 'cites': {item!r} is not \"dataset:id\" or \"people:id:column\".")
            continue
        try:
            rec = data.row(parts[0], parts[1])
        except data.DataError as exc:
            problems.append(f"{where}, field 'cites': {item!r} does not resolve ({exc}).")
            continue
        if len(parts) == 3 and parts[2] not in rec:
            problems.append(f"{where}, field 'cites': {item!r} names a column the {parts[0]} rows do not have.")
            continue
        out.append(Cite(parts[0], parts[1], parts[2] if len(parts) == 3 else None))
    return tuple(out)


def _text(item: dict, key: str, where: str, problems: list[str]) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{where}, field {key!r}: expected a non-empty text.")
        return ""
    return value


def load_spec() -> tuple[tuple[Role, ...], tuple[Option, ...], dict[str, tuple[Cite, ...]]]:
    """The roles and options of ``data/decision.json``, validated (read when first needed, never at import).

    Raises :class:`lessons.data.DataError` naming the file, the role or option and the field of every problem.
    """
    import json

    from .. import data

    path = data.data_dir() / SPEC_FILE
    display = f"data/{SPEC_FILE}"
    try:
        st = path.stat()
    except OSError:
        raise data.DataError(f"{display} is missing. The role-play component needs it for its roles and "
                             "options.") from None
    key = (str(path.resolve()), st.st_mtime_ns, st.st_size)
    if key in _SPEC_CACHE:
        return _SPEC_CACHE[key]
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise data.DataError(f"{display} is not valid JSON ({exc}). Fix the file, then run the cell again.") from None
    problems: list[str] = []
    if not isinstance(doc, dict) or not isinstance(doc.get("roles"), list) or not isinstance(doc.get("options"), list):
        raise data.DataError(f"{display} must hold a JSON object with lists \"roles\" and \"options\".")
    roles_: list[Role] = []
    for i, item in enumerate(doc["roles"], 1):
        where = f"{display}, role {item.get('id', f'#{i}') if isinstance(item, dict) else f'#{i}'}"
        if not isinstance(item, dict):
            problems.append(f"{where}: expected an object with id, title, task and cites.")
            continue
        roles_.append(Role(_text(item, "id", where, problems), _text(item, "title", where, problems),
                           _text(item, "task", where, problems), _cites(item.get("cites"), where, problems)))
    options_: list[Option] = []
    for i, item in enumerate(doc["options"], 1):
        where = f"{display}, option {item.get('id', f'#{i}') if isinstance(item, dict) else f'#{i}'}"
        if not isinstance(item, dict):
            problems.append(f"{where}: expected an object with id, label, summary and tradeoffs.")
            continue
        trades = []
        for j, t in enumerate(item.get("tradeoffs") or [], 1):
            at = f"{where}, trade-off {j}"
            if not isinstance(t, dict) or t.get("side") not in ("for", "against"):
                problems.append(f"{at}, field 'side': expected \"for\" or \"against\".")
                continue
            trades.append(TradeOff(t["side"], _text(t, "text", at, problems), _cites(t.get("cites"), at, problems)))
        options_.append(Option(_text(item, "id", where, problems), _text(item, "label", where, problems),
                               _text(item, "summary", where, problems), tuple(trades)))
    for key in ("activity", "title"):
        if not isinstance(doc.get(key), str) or not doc[key].strip():
            problems.append(f"{display}, field {key!r}: expected a non-empty text.")
    debrief = doc.get("debrief") if isinstance(doc.get("debrief"), dict) else {}
    parts = {k: _cites(debrief.get(k), f"{display}, debrief {k}", problems) for k in DEBRIEF_PARTS}
    for kind, items in (("role", roles_), ("option", options_)):
        ids = [x.id for x in items]
        if len(set(ids)) != len(ids):
            problems.append(f"{display}: two {kind}s have the same id; every id must be unique.")
    if problems:
        raise data.DataError(f"{display} has {len(problems)} problem(s):\n- " + "\n- ".join(problems), problems)
    _SPEC_CACHE[key] = (tuple(roles_), tuple(options_), parts)
    return _SPEC_CACHE[key]


def _doc() -> dict:
    import json

    from .. import data

    load_spec()
    return json.loads((data.data_dir() / SPEC_FILE).read_text(encoding="utf-8"))


def activity() -> str:
    """The activity name written with every recorded decision (``"activity"`` in data/decision.json)."""
    return str(_doc()["activity"])


def room_title() -> str:
    """The room's title (``"title"`` in data/decision.json)."""
    return str(_doc()["title"])


def roles() -> list[Role]:
    """The roles of the room (from data/decision.json)."""
    return list(load_spec()[0])


def options() -> list[Option]:
    """The options at the decision point (from data/decision.json)."""
    return list(load_spec()[1])


def role_by_id(role_id: str | None) -> Role | None:
    return next((r for r in roles() if r.id == role_id), None)


def option_by_id(option_id: str | None) -> Option | None:
    return next((o for o in options() if o.id == option_id), None)
