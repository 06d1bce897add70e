"""The decision room (lesson 07): briefs and trade-offs grounded in data, both renderings, saving, the debrief."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lessons import _html, data
from lessons.components import decision

ROOT = Path(__file__).resolve().parent.parent
EXTERNAL = re.compile(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)


def day(iso: str) -> str:
    """A data date as the course writes it (computed here independently of lessons.decision.fmt_date)."""
    d = dt.date.fromisoformat(iso)
    return f"{d.day} {d.strftime('%b')} {d.year}"


def timeline_day(row_id: str) -> str:
    return day(data.row("timeline", row_id)["date"])


def all_cites() -> list[decision.Cite]:
    cites = [c for r in decision.ROLES for c in r.cites]
    cites += [c for o in decision.OPTIONS for t in o.tradeoffs for c in t.cites]
    cites += [*decision.DEBRIEF_CHOSE, *decision.DEBRIEF_REACTIONS, *decision.DEBRIEF_FOLLOWED,
              *decision.DEBRIEF_FORECASTS]
    return cites


def twin_payload(html: str) -> dict:
    match = re.search(r'<script type="application/json" class="gs-decision-data">(.*?)</script>', html, re.DOTALL)
    assert match, "the twin carries its data in a JSON script block"
    return json.loads(match.group(1))


# --- content grounded in data ------------------------------------------------------------------------------


def test_roles_and_options_are_the_ones_the_lesson_promises() -> None:
    assert [r.id for r in decision.roles()] == ["south-korea-nsc", "japan-government", "us-government", "press"]
    assert [o.id for o in decision.options()] == ["terminate", "renew", "suspend", "link"]


def test_every_cited_row_exists() -> None:
    for cite in all_cites():
        row = data.row(cite.dataset, cite.id)  # raises DataError for a missing row
        if cite.field:
            assert row.get(cite.field), f"{cite.ref}: column {cite.field!r} is empty"


def test_every_option_has_cited_trade_offs_on_both_sides() -> None:
    for option in decision.OPTIONS:
        sides = {t.side for t in option.tradeoffs}
        assert sides == {"for", "against"}, f"{option.id}: needs arguments for and against"
        for t in option.tradeoffs:
            assert t.cites, f"{option.id}: every trade-off cites at least one data row ({t.text[:40]}…)"


def test_trade_offs_cite_the_evidence_the_issue_asks_for() -> None:
    cited = {(c.dataset, c.id) for o in decision.OPTIONS for t in o.tradeoffs for c in t.cites}
    run = [r["id"] for r in data.rows("launches") if r["in_article_run"]]
    assert run and all(("launches", i) in cited for i in run), "the launches of the article's run"
    assert ("figures", "kr-visitors-to-japan-yoy-2019-07") in cited, "the visitors drop"
    assert ("timeline", "notice-deadline-2019") in cited, "the 90-day notice deadline"
    assert any(d == "people" and i in ("donald-trump", "dave-eastburn") for d, i in cited), "US statements"


def test_numbers_and_dates_in_the_twin_come_from_the_data() -> None:
    html = decision.DecisionRoom().twin_html()
    run = sorted(r["date"] for r in data.rows("launches") if r["in_article_run"])
    assert f"{len(run)} rounds of launches between {day(run[0])} and {day(run[-1])}" in html
    assert f"deadline of {timeline_day('notice-deadline-2019')}" in html
    jul = data.row("figures", "kr-visitors-to-japan-yoy-2019-07")["value"]
    assert f"{abs(jul):.1f} %" in html
    assert f"The decision room: {timeline_day('gsomia-termination-announced')}" in html


def test_evidence_reported_later_is_marked() -> None:
    later = decision.evidence(decision.Cite("figures", "gsomia-exchanges-2016-11-to-2019-10"))
    assert later["when"] == "later"
    before = decision.evidence(decision.Cite("timeline", "gsomia-signed"))
    assert before["when"] == "before" and before["text"].startswith(timeline_day("gsomia-signed"))
    same = decision.evidence(decision.Cite("timeline", "biegun-kim-hyun-chong-meeting"))
    assert same["when"] == "same day"
    html = decision.options_html()
    assert "later: not known on the morning of the decision" in html


def test_medium_confidence_rows_say_so(tmp_path, monkeypatch) -> None:
    """A cited row rated medium says so (checked on a copy where one cited row is medium: the audit of issue 14
    raised the course's own cited rows to high once sources were checked)."""
    import csv
    import shutil

    target = tmp_path / "data"
    shutil.copytree(data.data_dir(), target)
    cited = next(c for c in all_cites() if c.dataset == "timeline")
    path = target / "timeline.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for rec in rows:
        if rec["id"] == cited.id:
            rec["confidence"] = "medium"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    monkeypatch.setenv("GSOMIA_DATA_DIR", str(target))
    medium = [c for c in all_cites() if data.row(c.dataset, c.id).get("confidence") == "medium"]
    assert cited in medium
    for cite in medium:
        assert "medium confidence" in decision.evidence(cite)["text"]
    monkeypatch.delenv("GSOMIA_DATA_DIR")
    assert "medium confidence" not in decision.evidence(cited)["text"]


def test_missing_row_is_a_message_not_a_traceback() -> None:
    ev = decision.evidence(decision.Cite("timeline", "no-such-row"))
    assert "missing" in ev["text"] and "timeline: no-such-row" in ev["text"]


# --- the twin ----------------------------------------------------------------------------------------------


def test_twin_has_briefs_options_form_and_debrief() -> None:
    html = decision.DecisionRoom(role="us-government").twin_html()
    for role in decision.ROLES:
        assert _html.esc(role.title) in html
    for option in decision.OPTIONS:
        assert _html.esc(option.label) in html
        assert f'value="{option.id}"' in html
    assert "<legend>Your advice</legend>" in html
    label = re.search(r'<label for="([^"]+)">Your reasons \(2–4 sentences\)</label>', html)
    assert label and f'<textarea id="{label.group(1)}"' in html, "the text area is labelled"
    assert ">Record my decision</button>" in html and ">Debrief</button>" in html
    assert re.search(r'<details class="gs-brief" data-role="us-government" open>', html), "the chosen brief is open"
    assert html.count("<details class=\"gs-brief\"") == 4
    assert timeline_day("gsomia-suspension") in html and timeline_day("gsomia-normalized") in html


def test_twin_payload_drives_the_script() -> None:
    payload = twin_payload(decision.DecisionRoom().twin_html())
    assert set(payload["compare"]) == {o.id for o in decision.OPTIONS}
    assert payload["key"] == decision.STORAGE_KEY
    suspended = timeline_day("gsomia-suspension")
    assert all(suspended in text for text in payload["compare"].values())


def test_twin_is_deterministic_small_and_offline() -> None:
    _html.reset_ids()
    first = decision.DecisionRoom().twin_html()
    _html.reset_ids()
    second = decision.DecisionRoom().twin_html()
    assert first == second
    assert len(first.encode("utf-8")) < 300_000
    assert not EXTERNAL.search(first)
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", first, re.DOTALL)
    assert scripts and not any(re.search(r"https?://|fetch\(|XMLHttpRequest|import\(", s) for s in scripts)


def test_two_rooms_on_a_page_have_different_ids() -> None:
    _html.reset_ids()
    a, b = decision.DecisionRoom().twin_html(), decision.DecisionRoom().twin_html()
    id_a, id_b = (re.search(r'<section[^>]* id="([^"]+)"', h).group(1) for h in (a, b))
    assert id_a != id_b


def test_unknown_role_shows_a_notice() -> None:
    room = decision.DecisionRoom(role="<b>spy</b>")
    html = room.twin_html()
    assert "There is no role called" in html and "<b>spy</b>" not in html and "&lt;b&gt;spy" in html
    assert "Decision room" in room.plain_text()


def test_plain_text_is_friendly() -> None:
    text = decision.DecisionRoom().plain_text()
    assert "run this cell" in text and "Widget" not in text and "object at" not in text
    assert timeline_day("gsomia-termination-announced") in text


def test_mimebundle_outside_a_kernel_has_twin_and_text() -> None:
    bundle = decision.DecisionRoom()._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html"}


def test_text_from_data_is_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "data"
    shutil.copytree(data.data_dir(), copy)
    evil = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'
    tl = copy / "timeline.csv"
    text = tl.read_text(encoding="utf-8")
    title = data.row("timeline", "notice-deadline-2019")["title"]
    assert title in text
    tl.write_text(text.replace(title, title + " " + evil.replace('"', "'"), 1), encoding="utf-8")
    pos = copy / "positions.csv"
    ptext = pos.read_text(encoding="utf-8")
    pos.write_text(ptext.replace("Foreign Minister Taro Kono (22 August 2019)",
                                 "Foreign Minister Taro Kono (22 August 2019) <b>bold</b>", 1), encoding="utf-8")
    monkeypatch.setenv("GSOMIA_DATA_DIR", str(copy))
    assert evil.replace('"', "'") in data.row("timeline", "notice-deadline-2019")["title"]
    html = decision.DecisionRoom().twin_html()
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;img src=x" in html
    # the memo in HTML escapes too
    assert "<script>" not in decision.memo_template("html", role="<script>")


# --- saving and the live view -------------------------------------------------------------------------------


def test_widget_records_a_decision_and_reveals_the_debrief() -> None:
    pytest.importorskip("ipywidgets")
    room = decision.DecisionRoom(role="south-korea-nsc")
    box = room.widget()
    assert box.advice.description == "Your advice" and box.reasons.description == "Your reasons (2–4 sentences)"
    assert box.record_button.description == "Record my decision" and box.debrief_button.disabled
    assert box.debrief.value == ""
    box.advice.value = "link"
    box.reasons.value = "Talks were already on the table. The deadline is close, so renewing buys time."
    box.record_button.click()
    saved = json.loads(decision.decisions_path().read_text(encoding="utf-8"))
    assert saved["format"] == "gsomia-decisions"
    [entry] = saved["decisions"]
    assert entry["choice"] == "link" and entry["role"] == "south-korea-nsc" and entry["sentences"] == 2
    assert entry["rationale"].startswith("Talks were already")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", entry["time"])
    assert "Recorded" in box.status.value and not box.debrief_button.disabled
    box.debrief_button.click()
    deb = box.debrief.value
    for row_id in ("gsomia-termination-announced", "gsomia-suspension", "gsomia-normalized"):
        assert timeline_day(row_id) in deb, row_id
    assert "close to the link you proposed" in deb
    # changing the advice and recording again refreshes the open debrief and appends a record
    box.advice.value = "renew"
    box.reasons.value = "Keep the channel. The launches continue."
    box.record_button.click()
    assert [d["choice"] for d in decision.load_decisions()] == ["link", "renew"]
    assert "as you advised" in box.debrief.value and decision.latest_decision()["choice"] == "renew"


def test_widget_refuses_empty_input_without_saving() -> None:
    pytest.importorskip("ipywidgets")
    box = decision.DecisionRoom().widget()
    box.record_button.click()
    assert "Choose an option" in box.status.value and not decision.decisions_path().exists()
    box.advice.value = "terminate"
    box.reasons.value = "   "
    box.record_button.click()
    assert "Write your reasons" in box.status.value and not decision.decisions_path().exists()
    assert box.debrief_button.disabled
    box.debrief_button.click()  # disabled buttons can still be clicked from Python: it must not reveal anything
    assert box.debrief.value == ""


def test_widget_length_advice_and_role_switch() -> None:
    pytest.importorskip("ipywidgets")
    box = decision.DecisionRoom().widget()
    assert box.briefs.value.count("gs-brief") == 4
    box.role.value = "press"
    assert box.briefs.value.count('class="gs-brief"') == 1 and "Brief: The press" in box.briefs.value
    box.advice.value = "terminate"
    box.reasons.value = "Just one sentence"
    box.record_button.click()
    assert "aim for 2–4" in box.status.value
    assert decision.latest_decision()["role"] == "press"


def test_decisions_live_next_to_the_progress_file_not_in_it(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("GSOMIA_PROGRESS", str(tmp_path / "sub" / "progress.json"))
    decision.record_decision("renew", "A. B.")
    assert decision.decisions_path() == tmp_path / "sub" / "decisions.json"
    assert decision.decisions_path().exists() and not (tmp_path / "sub" / "progress.json").exists()


def test_record_decision_validates() -> None:
    with pytest.raises(ValueError, match="not an option"):
        decision.record_decision("invade", "Because.")
    with pytest.raises(ValueError, match="Write your reasons"):
        decision.record_decision("renew", "")
    with pytest.raises(ValueError, match="not a role"):
        decision.record_decision("renew", "Because.", role="spy")


def test_a_failed_write_leaves_the_old_file_intact(monkeypatch: pytest.MonkeyPatch) -> None:
    decision.record_decision("renew", "First. Second.")
    before = decision.decisions_path().read_bytes()

    def boom(*args, **kwargs):
        raise OSError("disk full")

    with monkeypatch.context() as m:
        m.setattr(os, "replace", boom)
        ok, message = decision.DecisionRoom().record("terminate", "Third. Fourth.")
    assert not ok and "could not be saved" in message
    assert decision.decisions_path().read_bytes() == before
    leftovers = [p for p in decision.decisions_path().parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_a_corrupt_file_is_kept_aside() -> None:
    path = decision.decisions_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"format": "gsomia-decisions", "decisions": [', encoding="utf-8")
    with pytest.warns(UserWarning, match="could not be read"):
        assert decision.load_decisions() == []
    kept = list(path.parent.glob("decisions.json.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8").endswith("[")
    decision.record_decision("suspend", "One. Two.")
    assert decision.latest_decision()["choice"] == "suspend"


# --- the memo, sentences, the light import ------------------------------------------------------------------


def test_memo_template_has_the_five_sections_in_order() -> None:
    md = decision.memo_template(role="japan-government", choice="suspend")
    heads = re.findall(r"^### (.+)$", md, re.MULTILINE)
    assert heads == ["Recommendation", "Reasons", "Risks", "Evidence cited", "What would change my mind"]
    assert "Japan's government" in md and "Suspend conditionally" in md
    assert timeline_day("gsomia-termination-announced") in md
    html = decision.memo_template("html")
    assert [h for h in re.findall(r"<h4>(.*?)</h4>", html)] == heads
    with pytest.raises(ValueError):
        decision.memo_template("pdf")


@pytest.mark.parametrize("text, n", [
    ("", 0), ("One sentence", 1), ("One. Two.", 2), ("It ended, e.g. for a while. Then?", 2),
    ("“Quoted.” Next one! Third?", 3), ("ソウル。東京。", 2),
])
def test_count_sentences(text: str, n: int) -> None:
    assert decision.count_sentences(text) == n


def test_compare_text_never_marks_and_needs_a_choice() -> None:
    for option in decision.OPTIONS:
        assert "no mark" in decision.compare_text(option.id)
    assert "Choose an option" in decision.compare_text(None)


def test_importing_the_module_stays_light() -> None:
    code = ("import sys, lessons.components.decision; heavy=[m for m in ('ipywidgets','matplotlib','pandas','numpy') "
            "if m in sys.modules]; print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == ""


def test_issue14_deadline_is_a_treaty_term_known_in_advance() -> None:
    """The 24 Aug 2019 deadline follows from the treaty's 90-day notice term, so it is not 'later' evidence."""
    ev = decision.evidence(decision.Cite("timeline", decision.DEADLINE_ROW))
    assert ev["when"] == "advance"
    html = decision.options_html()
    assert "a treaty term, known in advance" in html
    assert "reported after the decision" not in html


def test_issue14_undated_rows_resting_on_later_reports_are_marked_later() -> None:
    """Positions citing September 2019 sources (the WTO case, Seko) must carry the 'later' warning."""
    from lessons import data

    rec = data.row("positions", "export-controls-japan")
    assert any("2019-09" in s for s in rec["sources"])
    assert decision.evidence(decision.Cite("positions", "export-controls-japan"))["when"] == "later"
    assert decision.evidence(decision.Cite("positions", "claims-1965-japan"))["when"] == "before"


def test_issue14_no_argument_quotes_the_announcement_itself() -> None:
    """A 'for' argument must not cite Seoul's own announcement of the decision the students are weighing."""
    for option in decision.options():
        for t in option.tradeoffs:
            refs = {c.ref for c in t.cites}
            assert "positions: gsomia-termination-south-korea" not in refs, (option.id, t.text)
            assert "timeline: gsomia-termination-announced" not in refs, (option.id, t.text)
