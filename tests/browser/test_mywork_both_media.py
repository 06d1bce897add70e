"""Issue 17, item 1: the same answers given in JupyterLab (the live quiz, the decision room, the reflections form)
and on the website (their twins, then "Download my work" on my-work.html) give the same work file."""

from __future__ import annotations

import json
from pathlib import Path

from lessons.assessment.quiz import Quiz
from lessons.components import decision, mywork
from tests.browser.conftest import reload_when_stored


def _wrong(q: dict):
    """A wrong answer of the same form as the right one."""
    if q["type"] == "single":
        return (q["answer"] + 1) % len(q["options"])
    if q["type"] == "numeric":
        return str(q["answer"] + 1)
    return list(reversed(q["answer"]))


def _answers() -> list[tuple[str, list]]:
    """(question, answers in order) — the same in both media, taken from the banks as they are: a right answer
    first time, a wrong then a right one, a number, an ordering and a matching question."""
    from lessons.assessment.banks import load_bank

    qs = [q for lesson in ("01", "04") for q in load_bank(lesson)["questions"]]
    singles = [q for q in qs if q["type"] == "single"]
    by_type = {t: next(q for q in qs if q["type"] == t) for t in ("numeric", "ordering", "matching")}
    right = lambda q: str(q["answer"]) if q["type"] == "numeric" else q["answer"]  # noqa: E731
    return [(singles[0]["id"], [right(singles[0])]), (singles[1]["id"], [_wrong(singles[1]), right(singles[1])]),
            (by_type["numeric"]["id"], [_wrong(by_type["numeric"]), right(by_type["numeric"])]),
            (by_type["ordering"]["id"], [right(by_type["ordering"])]),
            (by_type["matching"]["id"], [_wrong(by_type["matching"]), right(by_type["matching"])])]


ANSWERS = _answers()
CHOICE, ROLE = "suspend", "us-government"
REASONS = "It keeps the door open. Washington wants the pact to last."
REFLECTION = ("08-view", "I thought it was about missiles. Now I see trade and history too.")
NAME, GROUP = "Min-jun Kim", "10B"
DOC, CHART = "meti-export-update-2019", {"who": "METI, Japan's trade ministry", "when": "1 Jul 2019, after the rulings",
                                          "purpose": "Japanese firms and the public", "reliability": "partly reliable",
                                          "because": "It is the government's own account."}


def _page(body: str) -> str:
    return f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>{body}</body></html>'


def _comparable(doc: dict) -> dict:
    """The work file without what differs by nature: when it was made and where."""
    doc = json.loads(json.dumps(doc))
    for key in ("exported", "made_in"):
        doc.pop(key)
    for part in ("answers", "sourcing", "reflections"):
        for entry in doc[part]:
            entry.pop("time")
    if doc["decision"]:
        doc["decision"].pop("time")
    return doc


def _in_jupyterlab(folder: Path) -> dict:
    quizzes = {"01": Quiz("01"), "04": Quiz("04")}
    for qid, answers in ANSWERS:
        for a in answers:
            quizzes[qid[:2]].submit(qid, a)
    decision.DecisionRoom(role=ROLE).record(CHOICE, REASONS)
    from lessons.components.documents import save_chart

    save_chart(DOC, CHART, lesson="03")
    mywork.save_reflection(*REFLECTION)
    out = mywork.export(name=NAME, group=GROUP, folder=folder)
    return json.loads(Path(out.path).read_text(encoding="utf-8"))


def _set(fieldset, kind, answer):
    if kind in ("single",):
        fieldset.locator(f'input[type=radio][value="{answer}"]').check()
    elif kind == "truefalse":
        fieldset.locator(f'input[type=radio][value="{"true" if answer else "false"}"]').check()
    elif kind in ("ordering", "matching"):
        selects = fieldset.locator("select")
        for i, v in enumerate(answer):
            selects.nth(i).select_option(str(v))
    else:
        fieldset.locator("input[type=text]").fill(answer)
    fieldset.locator(".gs-check").click()


def _on_the_website(browser, folder: Path) -> dict:
    from lessons.assessment.banks import all_questions

    bank = all_questions()
    from lessons.components.documents import SourceAnalysis

    pages = {"q01.html": Quiz("01").twin_html(), "q04.html": Quiz("04").twin_html(),
             "doc.html": SourceAnalysis(DOC, lesson="03").twin_html(),
             "decide.html": decision.DecisionRoom(role=ROLE).twin_html(), "my-work.html": mywork.page_html()}
    for name, body in pages.items():
        (folder / name).write_text(_page(body), encoding="utf-8")
    context = browser.new_context(accept_downloads=True)
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:", "about:"))
                  else r.abort())
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    for lesson in ("01", "04"):
        page.goto((folder / f"q{lesson}.html").as_uri())
        for qid, answers in ANSWERS:
            if qid[:2] != lesson:
                continue
            fs = page.locator(f'fieldset[data-q="{qid}"]')
            for a in answers:
                _set(fs, bank[qid]["type"], a)
    page.goto((folder / "doc.html").as_uri())
    form = page.locator("form.gs-chart")
    for key, value in CHART.items():
        field = form.locator(f'[data-field="{key}"]')
        if key == "reliability":
            field.select_option(value)
        else:
            field.fill(value)
    form.locator(".gs-save").click()
    page.goto((folder / "decide.html").as_uri())
    page.locator(f'input[type=radio][value="{CHOICE}"]').check()
    page.locator(".gs-decision textarea").fill(REASONS)
    page.locator(".gs-record").click()
    page.goto((folder / "my-work.html").as_uri())
    page.locator(f'.gs-refl[data-id="{REFLECTION[0]}"] textarea').fill(REFLECTION[1])
    page.locator(".gs-reflections .gs-save").click()
    assert "Saved 1 reflection" in page.locator(".gs-reflections .gs-status").inner_text()
    page.locator(".gs-mywork .gs-name").fill(NAME)
    page.locator(".gs-mywork .gs-group").fill(GROUP)
    summary = page.locator(".gs-mywork .gs-summary").inner_text()
    with page.expect_download() as info:
        page.locator(".gs-mywork .gs-download").click()
    download = info.value
    assert download.suggested_filename == "gsomia-work-Min-jun-Kim.json"
    target = folder / download.suggested_filename
    download.save_as(target)
    assert not errors, errors
    context.close()
    return json.loads(target.read_text(encoding="utf-8")), summary


def test_both_media_give_the_same_work_file(browser, tmp_path):
    lab_dir, web_dir = tmp_path / "lab", tmp_path / "web"
    lab_dir.mkdir()
    web_dir.mkdir()
    lab = _in_jupyterlab(lab_dir)
    web, summary = _on_the_website(browser, web_dir)
    assert mywork.validate(lab) == [] and mywork.validate(web) == []
    assert lab["made_in"] == "jupyterlab" and web["made_in"] == "website"
    assert _comparable(lab) == _comparable(web)
    assert len(lab["answers"]) == sum(len(a) for _, a in ANSWERS)
    assert lab["decision"]["choice"] == CHOICE and lab["reflections"][0]["text"] == REFLECTION[1]
    assert lab["sourcing"][0]["fields"] == CHART and lab["sourcing"][0]["complete"]
    # what the page shows before the download: lesson 01 answered 3 of its questions, right 3 within two tries
    n01 = len([q for q in __import__("lessons").assessment.banks.all_questions() if q.startswith("01-")])
    assert f"3 of {n01}" in summary


def test_my_work_page_survives_a_poisoned_store(browser, tmp_path):
    """A value of the wrong shape under a quiz key, the decision key or a reflection key is ignored."""
    (tmp_path / "my-work.html").write_text(_page(mywork.page_html()), encoding="utf-8")
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((tmp_path / "my-work.html").as_uri())
    page.evaluate("""() => { localStorage.setItem('gsomia-quiz:01-x', 'true');
        localStorage.setItem('gsomia-quiz:01-y', '{"log": [7, null, {"question": 5}]}');
        localStorage.setItem('gsomia-decision:07-decision-room', '[1,2]');
        localStorage.setItem('gsomia-reflection:08-view', '{"text": 5}');
        localStorage.setItem('gsomia-work:student', 'not json'); }""")
    reload_when_stored(page)
    page.locator(".gs-mywork .gs-name").fill("Aiko")
    with page.expect_download() as info:
        page.locator(".gs-mywork .gs-download").click()
    doc = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert doc["answers"] == [] and doc["decision"] is None and doc["reflections"] == []
    assert mywork.validate(doc) == []
    assert not errors, errors
    context.close()


def test_my_work_counts_exit_tickets_and_puts_them_in_the_file(browser, tmp_path):
    nbs = tmp_path / "nbs"
    nbs.mkdir()
    cell = {"cell_type": "code", "metadata": {"tags": ["exit-ticket"]}, "outputs": [], "execution_count": None,
            "source": ["quiz.show('01', ids=['01-what-announced', '01-deadline-saturday'])"]}
    (nbs / "01-the-story.ipynb").write_text(json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4,
                                                        "nbformat_minor": 5}))
    (tmp_path / "q01.html").write_text(_page(Quiz("01", ids=["01-what-announced", "01-deadline-saturday"])
                                             .twin_html()), encoding="utf-8")
    (tmp_path / "my-work.html").write_text(_page(mywork.page_html(nbs)), encoding="utf-8")
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto((tmp_path / "q01.html").as_uri())
    _set(page.locator('fieldset[data-q="01-what-announced"]'), "single", 0)
    page.goto((tmp_path / "my-work.html").as_uri())
    assert "exit ticket 1 of 2" in page.locator(".gs-mywork .gs-summary").inner_text()
    page.locator(".gs-mywork .gs-name").fill("Aiko")
    with page.expect_download() as info:
        page.locator(".gs-mywork .gs-download").click()
    doc = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert doc["exit_tickets"] == {"01": ["01-what-announced", "01-deadline-saturday"]}
    assert mywork.validate(doc) == []
    context.close()
