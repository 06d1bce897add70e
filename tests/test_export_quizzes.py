"""LMS export: each format is parsed back with an independent reader and compared with the banks, question by
question (id, type, prompt, options, right answer, tolerance, accepted texts, feedback with the source)."""

from __future__ import annotations

import html
import io
import re
import xml.etree.ElementTree as ET
import zipfile

import pytest

from lessons.assessment import export
from lessons.assessment.grading import source_text


@pytest.fixture(scope="module")
def bank_list():
    return export.banks()


@pytest.fixture(scope="module")
def by_id(bank_list):
    return {(b["lesson"], q["id"]): q for b in bank_list for q in b["questions"]}


def _ordinal(n):
    return export._ordinal(n)


def _expected(q):
    """What each format must say about a question: the bank's content in a neutral shape."""
    kind = q["type"]
    out = {"prompt": q["prompt"] + export.unit_suffix(q), "type": kind}
    if kind == "single":
        out["options"], out["right"] = q["options"], {q["answer"]}
    elif kind == "multiple":
        out["options"], out["right"] = q["options"], set(q["answer"])
    elif kind == "truefalse":
        out["right"] = bool(q["answer"])
    elif kind == "ordering":
        out["order"] = [q["options"][i] for i in q["answer"]]
        out["options"] = sorted(q["options"])
    elif kind == "matching":
        out["pairs"] = [(left, q["options"]["right"][k]) for left, k in zip(q["options"]["left"], q["answer"])]
        out["options"] = sorted(q["options"]["right"])
    elif kind == "numeric":
        out["value"], out["tol"] = float(q["answer"]), float(q.get("tolerance", 0))
    else:
        out["accepted"] = [q["answer"], *q.get("alternatives", [])]
    return out


def test_every_question_type_is_in_the_banks(bank_list):
    kinds = {q["type"] for b in bank_list for q in b["questions"]}
    assert kinds == set(export.mapping()) - {"all"}, "a type the course uses has no mapping note (or vice versa)"


# --------------------------------------------------------------------------------------------------------
# Moodle XML
# --------------------------------------------------------------------------------------------------------


def _t(el, path):
    found = el.find(path)
    return None if found is None else html.unescape(found.findtext("text") or "")


def read_moodle(text):
    root = ET.fromstring(text)
    assert root.tag == "quiz"
    category, out = None, {}
    for el in root.findall("question"):
        mtype = el.get("type")
        if mtype == "category":
            category = el.find("category").findtext("text")
            continue
        qid = el.findtext("idnumber")
        assert el.find("name").findtext("text") == qid
        got = {"prompt": _t(el, "questiontext"), "feedback": _t(el, "generalfeedback"), "category": category,
               "hints": len(el.findall("hint")), "tags": [t.findtext("text") for t in el.iter("tag")]}
        answers = el.findall("answer")
        if mtype == "multichoice":
            got["options"] = [_t(a, ".") for a in answers]
            fractions = [float(a.get("fraction")) for a in answers]
            got["right"] = {i for i, f in enumerate(fractions) if f > 0}
            got["type"] = "single" if el.findtext("single") == "true" else "multiple"
            if got["type"] == "multiple":
                assert abs(sum(f for f in fractions if f > 0) - 100) < 0.01
                assert all(f == -100 for f in fractions if f <= 0)
        elif mtype == "truefalse":
            got["type"] = "truefalse"
            got["right"] = next(a.findtext("text") for a in answers if a.get("fraction") == "100") == "true"
        elif mtype == "ordering":
            got["type"] = "ordering"
            got["order"] = [_t(a, ".") for a in answers]
            got["options"] = sorted(got["order"])
            assert el.findtext("gradingtype") == "ALL_OR_NOTHING"
        elif mtype == "matching":
            got["type"] = "matching"
            subs = [(_t(s, "."), s.find("answer").findtext("text")) for s in el.findall("subquestion")]
            got["pairs"] = [(left, right) for left, right in subs if left]
            got["options"] = sorted(r for _, r in subs)
        elif mtype == "numerical":
            got["type"] = "numeric"
            a = answers[0]
            got["value"], got["tol"] = float(a.findtext("text")), float(a.findtext("tolerance"))
        elif mtype == "shortanswer":
            got["type"] = "text"
            got["accepted"] = [a.findtext("text") for a in answers if a.get("fraction") == "100"]
        else:  # pragma: no cover
            raise AssertionError(f"unexpected Moodle type {mtype}")
        out[(category, qid)] = got
    return out


def test_moodle_parses_back_to_the_banks(bank_list):
    text = export.to_moodle(bank_list)
    got = read_moodle(text)
    n = 0
    for bank in bank_list:
        category = f"$course$/top/{export.COURSE}/{bank['lesson']} {bank['title']}"
        for q in bank["questions"]:
            g = got[(category, q["id"])]
            for key, value in _expected(q).items():
                assert g[key] == value, (q["id"], key)
            assert g["feedback"] == f"{q['explanation']} Source: {source_text(q['source'])}"
            assert g["hints"] == 1  # two tries in Moodle's interactive mode
            assert f"lesson-{q['id'][:2]}" in g["tags"]
            n += 1
    assert len(got) == n


# --------------------------------------------------------------------------------------------------------
# QTI 1.2 package
# --------------------------------------------------------------------------------------------------------

NS = {"q": export.QTI_NS, "cp": export.CP_NS}


def _mat(el):
    m = el.find("q:material/q:mattext", NS)
    text = m.text or ""
    return html.unescape(text) if m.get("texttype") == "text/html" else text


def read_qti(data):
    zf = zipfile.ZipFile(io.BytesIO(data))
    manifest = ET.fromstring(zf.read("imsmanifest.xml"))
    out = {}
    for res in manifest.findall("cp:resources/cp:resource", NS):
        assert res.get("type") == "imsqti_xmlv1p2"
        href = res.find("cp:file", NS).get("href")
        root = ET.fromstring(zf.read(href))
        assessment = root.find("q:assessment", NS)
        for item in assessment.iter(f"{{{export.QTI_NS}}}item"):
            meta = {f.findtext("q:fieldlabel", namespaces=NS): f.findtext("q:fieldentry", namespaces=NS)
                    for f in item.iter(f"{{{export.QTI_NS}}}qtimetadatafield")}
            qtype = meta["question_type"]
            pres = item.find("q:presentation", NS)
            got = {"prompt": _mat(pres), "qtype": qtype}
            fbs = {fb.get("ident"): _mat(fb.find("q:flow_mat", NS)) for fb in item.findall("q:itemfeedback", NS)}
            got["feedback"] = fbs["general_fb"]
            conds = item.findall("q:resprocessing/q:respcondition", NS)
            scoring = [c for c in conds if c.find("q:setvar", NS) is not None]
            if qtype in ("multiple_choice_question", "multiple_answers_question", "true_false_question"):
                labels = pres.findall("q:response_lid/q:render_choice/q:response_label", NS)
                idents = [lab.get("ident") for lab in labels]
                options = [_mat(lab) for lab in labels]
                var = scoring[0].find("q:conditionvar", NS)
                if qtype == "multiple_answers_question":
                    both = var.find("q:and", NS)
                    right = {idents.index(v.text) for v in both.findall("q:varequal", NS)}
                    wrong = {idents.index(v.text) for v in both.findall("q:not/q:varequal", NS)}
                    assert right | wrong == set(range(len(options))) and not right & wrong
                    got.update(type="multiple", options=options, right=right)
                else:
                    right = idents.index(var.find("q:varequal", NS).text)
                    if qtype == "true_false_question":
                        got.update(type="truefalse", right=options[right] == "True")
                    else:
                        got.update(type="single", options=options, right={right})
            elif qtype == "matching_question":
                lids = pres.findall("q:response_lid", NS)
                lefts = [_mat(lid) for lid in lids]
                rights = {lab.get("ident"): _mat(lab) for lab in lids[0].findall("q:render_choice/q:response_label", NS)}
                chosen = {}
                for c in scoring:
                    v = c.find("q:conditionvar/q:varequal", NS)
                    chosen[v.get("respident")] = rights[v.text]
                pairs = [(left, chosen[lid.get("ident")]) for left, lid in zip(lefts, lids)]
                got.update(pairs=pairs, options=sorted(rights.values()))
                if all(re.fullmatch(r"\d+(st|nd|rd|th)", left) for left in lefts):
                    got.update(type="ordering", order=[r for _, r in pairs])
                else:
                    got.update(type="matching")
            elif qtype == "numerical_question":
                var = scoring[0].find("q:conditionvar/q:or", NS)
                value = float(var.findtext("q:varequal", namespaces=NS))
                low = float(var.findtext("q:and/q:vargte", namespaces=NS))
                high = float(var.findtext("q:and/q:varlte", namespaces=NS))
                assert abs((value - low) - (high - value)) < 1e-9
                got.update(type="numeric", value=value, tol=high - value)
            elif qtype == "short_answer_question":
                got.update(type="text", accepted=[c.findtext("q:conditionvar/q:varequal", namespaces=NS)
                                                  for c in scoring])
            else:  # pragma: no cover
                raise AssertionError(qtype)
            out[(assessment.get("ident"), item.get("ident"))] = got
    return out


def test_qti_package_parses_back_to_the_banks(bank_list):
    data = export.to_qti(bank_list)
    got = read_qti(data)
    n = 0
    for bank in bank_list:
        for q in bank["questions"]:
            g = got[(f"gsomia-{bank['name']}", q["id"])]
            exp = _expected(q)
            if q["type"] == "ordering":   # QTI has no ordering: positions matched to items
                exp.pop("order")
                assert g["pairs"] == [(_ordinal(i + 1), q["options"][k]) for i, k in enumerate(q["answer"])]
                assert g["type"] == "ordering"
            if "tol" in exp:
                assert g.pop("tol") == pytest.approx(exp.pop("tol"), abs=1e-9)
            for key, value in exp.items():
                assert g[key] == value, (q["id"], key)
            assert g["qtype"] == export.QTI_TYPES[q["type"]]
            assert g["feedback"] == f"{q['explanation']} Source: {source_text(q['source'])}"
            n += 1
    assert len(got) == n
    assert export.to_qti(bank_list) == data, "the package must be the same bytes on every run"


# --------------------------------------------------------------------------------------------------------
# GIFT
# --------------------------------------------------------------------------------------------------------

_ESC = re.compile(r"\\(.)")


def _split_unescaped(text, seps):
    """Split GIFT answer text at unescaped separator characters, keeping the separator with each part."""
    parts, cur, i = [], "", 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            cur += text[i:i + 2]
            i += 2
            continue
        if c in seps:
            if cur.strip():
                parts.append(cur.strip())
            cur = c
        else:
            cur += c
        i += 1
    if cur.strip():
        parts.append(cur.strip())
    return parts


def _unesc(text):
    return _ESC.sub(r"\1", text).strip()


def _find_unescaped(text, target, start=0):
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text.startswith(target, i):
            return i
        i += 1
    return -1


def read_gift(text):
    out, category = {}, None
    blocks = re.split(r"\n\s*\n", text)
    for block in blocks:
        lines = [ln for ln in block.strip().splitlines() if not ln.lstrip().startswith("//")]
        if not lines:
            continue
        body = "\n".join(lines)
        if body.startswith("$CATEGORY:"):
            category = body.split(":", 1)[1].strip()
            continue
        m = re.match(r"::(.*?)::", body)
        assert m, body
        qid = _unesc(m.group(1))
        rest = body[m.end():]
        open_ = _find_unescaped(rest, "{")
        close = len(rest) - 1 - rest[::-1].index("}")
        prompt = _unesc(rest[:open_])
        answers = rest[open_ + 1:close]
        cut = _find_unescaped(answers, "####")
        feedback = _unesc(answers[cut + 4:])
        answers = answers[:cut].strip()
        got = {"prompt": prompt, "feedback": feedback, "category": category}
        if answers.startswith("#"):
            value, tol = answers[1:].split(":")
            got.update(type="numeric", value=float(value), tol=float(tol))
        elif answers in ("TRUE", "FALSE", "T", "F"):
            got.update(type="truefalse", right=answers.startswith("T"))
        elif _find_unescaped(answers, "~") >= 0:
            parts = _split_unescaped(answers, "~=")
            if all(p.startswith("~%") for p in parts):
                fr = [float(p[2:p.index("%", 2)]) for p in parts]
                opts = [_unesc(p[p.index("%", 2) + 1:]) for p in parts]
                assert abs(sum(f for f in fr if f > 0) - 100) < 0.01
                got.update(type="multiple", options=opts, right={i for i, f in enumerate(fr) if f > 0})
            else:
                got.update(type="single", options=[_unesc(p[1:]) for p in parts],
                           right={i for i, p in enumerate(parts) if p.startswith("=")})
        elif _find_unescaped(answers, "->") >= 0:
            pairs = []
            for p in _split_unescaped(answers, "="):
                at = _find_unescaped(p, "->")
                pairs.append((_unesc(p[1:at]), _unesc(p[at + 2:])))
            real = [(left, right) for left, right in pairs if left]
            got.update(pairs=real, options=sorted(r for _, r in pairs))
            if all(re.fullmatch(r"\d+(st|nd|rd|th)", left) for left, _ in real):
                got.update(type="ordering", order=[r for _, r in real])
            else:
                got["type"] = "matching"
        else:
            got.update(type="text", accepted=[_unesc(p[1:]) for p in _split_unescaped(answers, "=")])
        out[(category, qid)] = got
    return out


def test_gift_parses_back_to_the_banks(bank_list):
    text = export.to_gift(bank_list)
    got = read_gift(text)
    n = 0
    for bank in bank_list:
        category = f"$course$/top/{export.COURSE}/{bank['lesson']} {bank['title']}"
        for q in bank["questions"]:
            g = got[(category, q["id"])]
            exp = _expected(q)
            exp["prompt"] = " ".join(exp["prompt"].split())
            for key, value in exp.items():
                assert g[key] == value, (q["id"], key)
            assert g["feedback"] == " ".join(f"{q['explanation']} Source: {source_text(q['source'])}".split())
            n += 1
    assert len(got) == n


def test_gift_escapes_special_characters():
    q = {"id": "09-x", "type": "single", "prompt": "Is {this} = 50% #1: yes~no?", "options": ["a=b", "c~d"],
         "answer": 1, "explanation": "Because {x}.", "source": {"cite": "A: b", "url": "https://example.org/a"},
         "difficulty": 1, "objective": "o"}
    bank = {"name": "09-x", "lesson": "09", "title": "X", "questions": [q]}
    got = read_gift(export.to_gift([bank]))
    g = got[(f"$course$/top/{export.COURSE}/09 X", "09-x")]
    assert g["prompt"] == q["prompt"]
    assert g["options"] == q["options"] and g["right"] == {1}


def test_cli_writes_all_three_formats(tmp_path, capsys):
    from lessons import cli

    assert cli.main(["export-quizzes", "--format", "all", "--out", str(tmp_path / "x")]) == 0
    names = sorted(p.name for p in (tmp_path / "x").iterdir())
    assert names == sorted(export.FILES.values())
    assert "Exported" in capsys.readouterr().out
    # --out naming a file: one sentence, the file untouched
    f = tmp_path / "notes.txt"
    f.write_text("mine")
    assert cli.main(["export-quizzes", "--format", "gift", "--out", str(f)]) == 2
    assert "is a file, not a folder" in capsys.readouterr().out
    assert f.read_text() == "mine"


def test_matching_questions_meet_moodles_import_rule(bank_list):
    """Moodle refuses a matching question with fewer than 2 pairs or 3 answers; ordering questions become matching
    questions in GIFT and QTI, so they count too."""
    got = read_moodle(export.to_moodle(bank_list))
    gift = read_gift(export.to_gift(bank_list))
    for g in [*got.values(), *gift.values()]:
        if "pairs" in g:
            assert len(g["pairs"]) >= 2 and len(set(g["options"])) >= 3, g["prompt"]


def test_a_teachers_file_of_the_same_name_is_left_alone(tmp_path, capsys):
    from lessons import cli

    mine = tmp_path / export.FILES["gift"]
    mine.write_text("my own questions\n", encoding="utf-8")
    assert cli.main(["export-quizzes", "--format", "gift", "--out", str(tmp_path)]) == 2
    assert "left untouched" in capsys.readouterr().out
    assert mine.read_text(encoding="utf-8") == "my own questions\n"
    mine.unlink()
    assert cli.main(["export-quizzes", "--format", "all", "--out", str(tmp_path)]) == 0
    assert cli.main(["export-quizzes", "--format", "all", "--out", str(tmp_path)]) == 0, "its own files are replaced"
