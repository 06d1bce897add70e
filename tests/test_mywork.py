"""One work file per student (issue 17, item 1): the format, export in JupyterLab, reflections, the schema."""

from __future__ import annotations

import json

import pytest

from lessons.assessment import progress
from lessons.assessment.quiz import Quiz
from lessons.components import decision, mywork


def _answer_some():
    q1 = Quiz("01", record=True)
    bank = {q["id"]: q for q in q1.questions}
    announced, deadline = bank["01-what-announced"], bank["01-deadline-saturday"]
    q1.submit("01-what-announced", announced["answer"])
    q1.submit("01-deadline-saturday", (deadline["answer"] + 1) % len(deadline["options"]))
    q1.submit("01-deadline-saturday", deadline["answer"])
    progress.record("03-sourcing-meti-export-update-2019", [["who", "METI"], ["when", ""]], False, lesson="03")
    progress.record("03-sourcing-meti-export-update-2019", [["who", "METI"], ["when", "1 Jul 2019"]], True,
                    lesson="03")
    decision.record_decision("suspend", "It keeps the door open. Washington wants the pact.", role="us-government")
    mywork.save_reflection("08-view", "  I thought it was about missiles.  ")


def test_export_writes_one_valid_file_named_after_the_student(tmp_path):
    _answer_some()
    out = mywork.export(name="Min-jun Kim", group="10B", folder=tmp_path)
    assert out.path == tmp_path / "gsomia-work-Min-jun-Kim.json"
    doc = json.loads(out.path.read_text(encoding="utf-8"))
    assert mywork.validate(doc) == []
    assert (doc["format"], doc["version"], doc["name"], doc["group"], doc["made_in"]) == \
        ("gsomia-work", 1, "Min-jun Kim", "10B", "jupyterlab")
    assert [(a["question"], a["attempt"], a["correct"]) for a in doc["answers"]] == [
        ("01-deadline-saturday", 1, False), ("01-deadline-saturday", 2, True), ("01-what-announced", 1, True)]
    # the source chart is kept once (its latest save), not among the marked answers
    assert doc["sourcing"] == [{"question": "03-sourcing-meti-export-update-2019", "document": "meti-export-update-2019",
                                "lesson": "03", "fields": {"who": "METI", "when": "1 Jul 2019"}, "complete": True,
                                "time": doc["sourcing"][0]["time"]}]
    assert doc["decision"]["choice"] == "suspend" and doc["decision"]["role"] == "us-government"
    assert doc["decision"]["choice_label"].startswith("Suspend")
    assert [(r["id"], r["text"]) for r in doc["reflections"]] == [("08-view", "I thought it was about missiles.")]
    assert "Download gsomia-work-Min-jun-Kim.json" in out._repr_html_()
    assert 'href="gsomia-work-Min-jun-Kim.json"' in out._repr_html_()


def test_export_defaults_to_the_notebook_folder_not_a_hidden_one(tmp_path, monkeypatch):
    """Issue 17: lesson 08 saved the file into a hidden ~/.local/share folder the file browser does not show."""
    monkeypatch.chdir(tmp_path)
    out = mywork.export(name="Aiko", group="2A")
    assert out.path.parent == tmp_path
    assert out.path.name == "gsomia-work-Aiko.json"


def test_placeholder_name_writes_nothing_and_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = mywork.export(name=mywork.PLACEHOLDER_NAME, group="Your class")
    assert out.path is None and "Replace" in repr(out)
    assert list(tmp_path.iterdir()) == []


def test_unwritable_folder_is_a_sentence(tmp_path):
    target = tmp_path / "file-not-folder"
    target.write_text("x")
    out = mywork.export(name="Aiko", folder=target)
    assert out.path is None and "could not be saved" in repr(out)


@pytest.mark.parametrize("name, expected", [
    ("Min-jun Kim", "gsomia-work-Min-jun-Kim.json"), ("김민준", "gsomia-work-김민준.json"),
    ("山田 花子", "gsomia-work-山田-花子.json"), ("../../etc/passwd", "gsomia-work-etc-passwd.json"),
    ("", "gsomia-work-student.json"), ("a" * 100, "gsomia-work-" + "a" * 60 + ".json")])
def test_file_name(name, expected):
    assert mywork.file_name(name) == expected


def test_unknown_reflection_is_a_sentence():
    with pytest.raises(ValueError, match="no reflection called"):
        mywork.save_reflection("99-nope", "x")


def test_schema_rejects_a_results_file_and_accepts_an_empty_work_file(tmp_path):
    doc = mywork.collect("A", "B")
    assert mywork.validate(doc) == []
    assert doc["answers"] == [] and doc["decision"] is None
    assert mywork.validate({"format": "gsomia-results", "version": 1, "answers": []})


def test_exit_tickets_come_from_tagged_cells(tmp_path):
    nb = {"cells": [{"cell_type": "code", "metadata": {"tags": ["exit-ticket"]},
                     "source": ["quiz.show('04', ids=['04-deadline-date', '04-why-direct'])"]}]}
    (tmp_path / "04-security.ipynb").write_text(json.dumps(nb))
    (tmp_path / "05-voices.ipynb").write_text(json.dumps({"cells": []}))
    assert mywork.exit_tickets(tmp_path) == {"04": ["04-deadline-date", "04-why-direct"]}


def test_reflections_component_has_both_renderings():
    r = mywork.Reflections(lesson="08")
    assert "run this cell" in r.plain_text()
    html = r.twin_html()
    assert html.count("<textarea") == len([p for p in mywork.reflection_prompts() if p["lesson"] == "08"])
    assert "islets" not in html and "Sea of Japan" not in html, "no lesson teaches these positions (issue 14)"


def test_page_data_has_no_answer_key():
    text = json.dumps(mywork.page_data())
    from lessons.assessment.banks import all_questions

    for q in list(all_questions().values())[:20]:
        assert q["explanation"] not in text


def test_reflection_prompts_are_valid_data():
    import re

    prompts = mywork.reflection_prompts()
    ids = [p["id"] for p in prompts]
    assert len(ids) == len(set(ids))
    for p in prompts:
        assert re.fullmatch(r"\d{2}-[a-z0-9-]+", p["id"]) and p["id"][:2] == p["lesson"]
        assert p["title"].strip() and len(p["prompt"].split()) >= 8
    assert "07-memo" in ids, "the decision memo is part of the work file"


def test_schema_is_a_valid_json_schema():
    import jsonschema

    schema = json.loads(mywork.SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema).check_schema(schema)


def test_two_kernels_saving_reflections_lose_nothing(tmp_path):
    """The reflections file uses the progress store's lock (issue 13): concurrent saves keep every reflection."""
    import subprocess
    import sys

    path = tmp_path / "reflections.json"
    ids = [p["id"] for p in mywork.reflection_prompts()]
    code = ("import sys\nfrom lessons.components import mywork\n"
            "for i in range(40):\n"
            "    rid = sys.argv[2 + i % (len(sys.argv) - 2)]\n"
            "    mywork.save_reflection(rid, f'{sys.argv[1]} {i}', path=__import__('pathlib').Path(sys.argv[1]))\n")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(path), *ids[k::2]]) for k in (0, 1)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    saved = mywork.load_reflections(path)
    assert set(saved) == set(ids), "a reflection saved by one kernel was lost by the other"
