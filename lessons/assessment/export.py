"""Quiz export for learning platforms: Moodle XML, an IMS QTI 1.2 package (Canvas) and GIFT text.

``python -m lessons export-quizzes --format moodle|qti|gift|all --out DIR`` writes every question bank of the
course (``data/quizzes/*.json``; the final assessment with its included questions) into ``DIR``:

- ``gsomia-quizzes-moodle.xml`` — Moodle XML, one question category per lesson;
- ``gsomia-quizzes-qti.zip`` — an IMS QTI 1.2 content package (``imsmanifest.xml`` + one assessment per lesson),
  the format Canvas imports as "QTI .zip file";
- ``gsomia-quizzes-gift.txt`` — GIFT text (Moodle and other platforms), one ``$CATEGORY`` per lesson.

Every question keeps its id (Moodle ``idnumber``, QTI ``ident``, GIFT ``::name::``), its prompt, options and
right answer, its explanation and its source (as general feedback: "Source: …"), and its lesson, objective and
difficulty (Moodle tags, QTI metadata, a GIFT comment). How the course's question types map, and what a platform
can't express, is in :func:`mapping` (printed by the command and written into the teacher guide).
"""

from __future__ import annotations

import html
import io
import json
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .core import MAX_TRIES, MESSAGES

__all__ = ["FILES", "FORMATS", "mapping", "banks", "cli", "export", "to_gift", "to_moodle", "to_qti", "unit_suffix"]

FORMATS = ("moodle", "qti", "gift")
FILES = {"moodle": "gsomia-quizzes-moodle.xml", "qti": "gsomia-quizzes-qti.zip", "gift": "gsomia-quizzes-gift.txt"}
COURSE = "GSOMIA 2019"

def mapping() -> dict[str, str]:
    """How each question type of the course maps to each format, and what is lost (for the teacher guide).

    The words are in ``lessons/static/export-mapping.json``; the tries figures come from the course's rule."""
    from ..static import filled

    notes = json.loads(filled("export-mapping.json", tries=str(MAX_TRIES), hints=str(MAX_TRIES - 1)))
    notes.pop("_about", None)
    return notes


# --------------------------------------------------------------------------------------------------------
# The banks
# --------------------------------------------------------------------------------------------------------


def banks(names: Iterable[str] | None = None) -> list[dict]:
    """Every bank (or those named), loaded and validated, includes resolved, in lesson order."""
    from .banks import bank_names, load_bank

    return [load_bank(n) for n in (names if names is not None else bank_names())]


def _category(bank: dict) -> str:
    return f"{bank['lesson']} {bank['title']}".strip()


def unit_suffix(question: dict) -> str:
    """The sentence added to a numeric prompt so that the unit is not lost: ``" (Answer in days.)"``."""
    unit = str(question.get("unit") or "").strip()
    return f" (Answer in {unit}.)" if question["type"] == "numeric" and unit else ""


def _source(question: dict) -> str:
    from .grading import source_text

    return MESSAGES["source"].format(source=source_text(question["source"]))


def _general_feedback(question: dict) -> str:
    return f"{question['explanation']} {_source(question)}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _as_pairs(question: dict) -> tuple[list[str], list[str], list[int]]:
    """(left items, right items, right index for each left) of a matching question, or of an ordering question
    seen as matching (positions "1st", "2nd", … to items)."""
    if question["type"] == "ordering":
        options = question["options"]
        return [_ordinal(i + 1) for i in range(len(question["answer"]))], list(options), list(question["answer"])
    return list(question["options"]["left"]), list(question["options"]["right"]), list(question["answer"])


def _fraction_text(value: float) -> str:
    return f"{value:.7g}"


def _multiple_fractions(question: dict) -> list[float]:
    right = set(question["answer"])
    k = len(right)
    return [round(100.0 / k, 5) if i in right else -100.0 for i in range(len(question["options"]))]


# --------------------------------------------------------------------------------------------------------
# Moodle XML
# --------------------------------------------------------------------------------------------------------


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = text
    return el


def _html_text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    el = _sub(parent, tag, format="html", **attrs)
    _sub(el, "text", html.escape(text, quote=False))
    return el


def _plain_text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    el = _sub(parent, tag, **attrs)
    _sub(el, "text", text)
    return el


def _moodle_question(quiz: ET.Element, q: dict) -> None:
    kind = q["type"]
    mtype = {"single": "multichoice", "multiple": "multichoice", "truefalse": "truefalse", "ordering": "ordering",
             "matching": "matching", "numeric": "numerical", "text": "shortanswer"}[kind]
    el = _sub(quiz, "question", type=mtype)
    _plain_text(el, "name", q["id"])
    _html_text(el, "questiontext", q["prompt"] + unit_suffix(q))
    _html_text(el, "generalfeedback", _general_feedback(q))
    _sub(el, "defaultgrade", "1.0000000")
    _sub(el, "penalty", "0.0000000")   # right within the allowed tries counts in full, as in the course
    _sub(el, "hidden", "0")
    _sub(el, "idnumber", q["id"])
    if kind in ("single", "multiple"):
        _sub(el, "single", "true" if kind == "single" else "false")
        _sub(el, "shuffleanswers", "true")
        _sub(el, "answernumbering", "abc")
        _sub(el, "showstandardinstruction", "0")
    if kind in ("single", "multiple", "matching", "ordering"):
        _html_text(el, "correctfeedback", MESSAGES["correct"])
        _html_text(el, "partiallycorrectfeedback", MESSAGES["wrong"])
        _html_text(el, "incorrectfeedback", MESSAGES["wrong"])
        _sub(el, "shownumcorrect")
    if kind == "single":
        for i, option in enumerate(q["options"]):
            a = _html_text(el, "answer", option, fraction="100" if i == q["answer"] else "0")
            _html_text(a, "feedback", MESSAGES["correct"] if i == q["answer"] else MESSAGES["wrong"])
    elif kind == "multiple":
        for option, fraction in zip(q["options"], _multiple_fractions(q)):
            a = _html_text(el, "answer", option, fraction=_fraction_text(fraction))
            _html_text(a, "feedback", "")
    elif kind == "truefalse":
        for word in ("true", "false"):
            right = (word == "true") == bool(q["answer"])
            a = _plain_text(el, "answer", word, fraction="100" if right else "0")
            _html_text(a, "feedback", MESSAGES["correct"] if right else MESSAGES["wrong"])
    elif kind == "ordering":
        for tag, value in (("layouttype", "VERTICAL"), ("selecttype", "ALL"), ("selectcount", "0"),
                           ("gradingtype", "ALL_OR_NOTHING"), ("showgrading", "SHOW"), ("numberingstyle", "123")):
            _sub(el, tag, value)
        for index in q["answer"]:          # Moodle takes the items in their right order and shuffles them itself
            _html_text(el, "answer", q["options"][index], fraction=str(q["answer"].index(index) + 1))
    elif kind == "matching":
        _sub(el, "shuffleanswers", "true")
        left, right, key = _as_pairs(q)
        for item, k in zip(left, key):
            sub = _html_text(el, "subquestion", item)
            _plain_text(sub, "answer", right[k])
        for j, extra in enumerate(right):
            if j not in key:                # an unused right item: a distractor (a subquestion with no text)
                sub = _html_text(el, "subquestion", "")
                _plain_text(sub, "answer", extra)
    elif kind == "numeric":
        a = _plain_text(el, "answer", _number_text(q["answer"]), fraction="100")
        _sub(a, "tolerance", _number_text(q.get("tolerance", 0)))
        _html_text(a, "feedback", MESSAGES["correct"])
        _sub(el, "unitgradingtype", "0")
        _sub(el, "unitpenalty", "0.0000000")
        _sub(el, "showunits", "3")
        _sub(el, "unitsleft", "0")
    elif kind == "text":
        _sub(el, "usecase", "0")
        for accepted in [q["answer"], *q.get("alternatives", [])]:
            a = _plain_text(el, "answer", accepted, fraction="100")
            _html_text(a, "feedback", MESSAGES["correct"])
    for _ in range(MAX_TRIES - 1):
        _html_text(el, "hint", MESSAGES["try_again"].format(left=1, tries="try"))
    tags = _sub(el, "tags")
    for tag in (f"lesson-{q['id'][:2]}", f"difficulty-{q['difficulty']}", f"objective: {q['objective']}",
                *([f"skill-{q['skill']}"] if q.get("skill") else [])):
        _plain_text(tags, "tag", tag)


def _number_text(value: Any) -> str:
    number = float(value)
    return str(int(number)) if number.is_integer() else repr(number)


def to_moodle(bank_list: list[dict]) -> str:
    """Moodle XML for the banks: a category per bank, then its questions."""
    quiz = ET.Element("quiz")
    for bank in bank_list:
        cat = _sub(quiz, "question", type="category")
        _plain_text(cat, "category", f"$course$/top/{COURSE}/{_category(bank)}")
        _html_text(cat, "info", f"{bank['title']}: questions of lesson {bank['lesson']} of the {COURSE} course.")
        for q in bank["questions"]:
            _moodle_question(quiz, q)
    ET.indent(quiz, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"


# --------------------------------------------------------------------------------------------------------
# IMS QTI 1.2 (Canvas)
# --------------------------------------------------------------------------------------------------------

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
QTI_TYPES = {"single": "multiple_choice_question", "multiple": "multiple_answers_question",
             "truefalse": "true_false_question", "ordering": "matching_question", "matching": "matching_question",
             "numeric": "numerical_question", "text": "short_answer_question"}


def _mattext(parent: ET.Element, text: str, html_text: bool = True) -> ET.Element:
    material = _sub(parent, "material")
    if html_text:
        return _sub(material, "mattext", html.escape(text, quote=False), texttype="text/html")
    return _sub(material, "mattext", text, texttype="text/plain")


def _meta(parent: ET.Element, fields: list[tuple[str, str]]) -> None:
    md = _sub(parent, "qtimetadata")
    for label, entry in fields:
        f = _sub(md, "qtimetadatafield")
        _sub(f, "fieldlabel", label)
        _sub(f, "fieldentry", entry)


def _setvar(parent: ET.Element, value: str, action: str = "Set") -> None:
    _sub(parent, "setvar", value, action=action, varname="SCORE")


def _qti_item(section: ET.Element, q: dict) -> None:
    kind = q["type"]
    item = _sub(section, "item", ident=q["id"], title=q["id"])
    md = _sub(item, "itemmetadata")
    _meta(md, [("question_type", QTI_TYPES[kind]), ("points_possible", "1.0"), ("lesson", q["id"][:2]),
               ("difficulty", str(q["difficulty"])), ("objective", q["objective"]),
               *([("skill", q["skill"])] if q.get("skill") else [])])
    pres = _sub(item, "presentation")
    _mattext(pres, q["prompt"] + unit_suffix(q))
    rp = _sub(item, "resprocessing")
    outcomes = _sub(rp, "outcomes")
    _sub(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    general = _sub(rp, "respcondition", **{"continue": "Yes"})
    _sub(_sub(general, "conditionvar"), "other")
    _sub(general, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")

    def correct_condition() -> ET.Element:
        cond = _sub(rp, "respcondition", **{"continue": "No"})
        return cond

    if kind in ("single", "multiple", "truefalse"):
        options = q["options"] if kind != "truefalse" else ["True", "False"]
        lid = _sub(pres, "response_lid", ident="response1", rcardinality="Single" if kind != "multiple" else "Multiple")
        choice = _sub(lid, "render_choice", shuffle="Yes" if kind != "truefalse" else "No")
        for i, option in enumerate(options):
            label = _sub(choice, "response_label", ident=f"{q['id']}-{i}")
            _mattext(label, option, html_text=kind != "truefalse")
        cond = correct_condition()
        var = _sub(cond, "conditionvar")
        if kind == "single":
            _sub(var, "varequal", f"{q['id']}-{q['answer']}", respident="response1")
        elif kind == "truefalse":
            _sub(var, "varequal", f"{q['id']}-{0 if q['answer'] else 1}", respident="response1")
        else:
            both = _sub(var, "and")
            for i in range(len(options)):
                if i in q["answer"]:
                    _sub(both, "varequal", f"{q['id']}-{i}", respident="response1")
                else:
                    _sub(_sub(both, "not"), "varequal", f"{q['id']}-{i}", respident="response1")
        _setvar(cond, "100")
        _sub(cond, "displayfeedback", feedbacktype="Response", linkrefid="correct_fb")
    elif kind in ("ordering", "matching"):
        left, right, key = _as_pairs(q)
        share = f"{100 / len(left):.2f}"
        for i, item_text in enumerate(left):
            lid = _sub(pres, "response_lid", ident=f"response_{q['id']}-l{i}")
            _mattext(lid, item_text, html_text=False)
            choice = _sub(lid, "render_choice")
            for j, r in enumerate(right):
                label = _sub(choice, "response_label", ident=f"{q['id']}-r{j}")
                _mattext(label, r, html_text=False)
        for i, k in enumerate(key):
            cond = _sub(rp, "respcondition")
            _sub(_sub(cond, "conditionvar"), "varequal", f"{q['id']}-r{k}", respident=f"response_{q['id']}-l{i}")
            _setvar(cond, share, "Add")
    elif kind in ("numeric", "text"):
        rs = _sub(pres, "response_str", ident="response1", rcardinality="Single")
        fib = _sub(rs, "render_fib", fibtype="Decimal" if kind == "numeric" else "String")
        _sub(fib, "response_label", ident="answer1", rshuffle="No")
        if kind == "numeric":
            value, tol = float(q["answer"]), float(q.get("tolerance", 0))
            cond = correct_condition()
            either = _sub(_sub(cond, "conditionvar"), "or")
            _sub(either, "varequal", _number_text(value), respident="response1")
            both = _sub(either, "and")
            _sub(both, "vargte", _number_text(value - tol), respident="response1")
            _sub(both, "varlte", _number_text(value + tol), respident="response1")
            _setvar(cond, "100")
            _sub(cond, "displayfeedback", feedbacktype="Response", linkrefid="correct_fb")
        else:
            for accepted in [q["answer"], *q.get("alternatives", [])]:
                cond = correct_condition()
                _sub(_sub(cond, "conditionvar"), "varequal", accepted, respident="response1")
                _setvar(cond, "100")
                _sub(cond, "displayfeedback", feedbacktype="Response", linkrefid="correct_fb")
    if kind not in ("ordering", "matching"):
        wrong = _sub(rp, "respcondition", **{"continue": "Yes"})
        _sub(_sub(wrong, "conditionvar"), "other")
        _sub(wrong, "displayfeedback", feedbacktype="Response", linkrefid="general_incorrect_fb")
    for ident, text in (("general_fb", _general_feedback(q)), ("correct_fb", MESSAGES["correct"]),
                        ("general_incorrect_fb", MESSAGES["wrong"])):
        fb = _sub(item, "itemfeedback", ident=ident)
        _mattext(_sub(fb, "flow_mat"), text)


def _assessment_ident(bank: dict) -> str:
    return f"gsomia-{bank['name'] or bank['lesson']}"


def qti_assessment(bank: dict) -> str:
    """The QTI 1.2 assessment document of one bank."""
    root = ET.Element("questestinterop", xmlns=QTI_NS)
    assessment = _sub(root, "assessment", ident=_assessment_ident(bank), title=_category(bank))
    _meta(assessment, [("cc_maxattempts", "1")])
    section = _sub(assessment, "section", ident="root_section")
    for q in bank["questions"]:
        _qti_item(section, q)
    ET.indent(root, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def qti_manifest(bank_list: list[dict]) -> str:
    root = ET.Element("manifest", identifier="gsomia-quizzes", xmlns=CP_NS)
    metadata = _sub(root, "metadata")
    _sub(metadata, "schema", "IMS Content")
    _sub(metadata, "schemaversion", "1.1.3")
    _sub(root, "organizations")
    resources = _sub(root, "resources")
    for bank in bank_list:
        ident = _assessment_ident(bank)
        res = _sub(resources, "resource", identifier=ident, type="imsqti_xmlv1p2", href=f"{ident}/{ident}.xml")
        _sub(res, "file", href=f"{ident}/{ident}.xml")
    ET.indent(root, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def to_qti(bank_list: list[dict]) -> bytes:
    """An IMS QTI 1.2 content package (zip bytes): imsmanifest.xml and one assessment per bank."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        def add(name: str, text: str) -> None:
            info = zipfile.ZipInfo(name, date_time=(2019, 8, 22, 0, 0, 0))   # fixed: the same bytes every run
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text.encode("utf-8"))

        add("imsmanifest.xml", qti_manifest(bank_list))
        for bank in bank_list:
            ident = _assessment_ident(bank)
            add(f"{ident}/{ident}.xml", qti_assessment(bank))
    return buf.getvalue()


# --------------------------------------------------------------------------------------------------------
# GIFT
# --------------------------------------------------------------------------------------------------------

_GIFT_SPECIAL = "\\~=#{}:"


def gift_escape(text: str) -> str:
    """Text safe inside GIFT: the special characters ``\\ ~ = # { } :`` escaped, one line."""
    text = " ".join(str(text).split())
    return "".join("\\" + c if c in _GIFT_SPECIAL else c for c in text)


def _gift_question(q: dict) -> str:
    kind = q["type"]
    head = (f"// {q['id']} · lesson {q['id'][:2]} · difficulty {q['difficulty']} · objective: "
            f"{' '.join(q['objective'].split())}\n")
    prompt = f"::{gift_escape(q['id'])}::{gift_escape(q['prompt'] + unit_suffix(q))}"
    general = f"####{gift_escape(_general_feedback(q))}"
    if kind == "single":
        parts = [("=" if i == q["answer"] else "~") + gift_escape(o) for i, o in enumerate(q["options"])]
    elif kind == "multiple":
        parts = [f"~%{_fraction_text(f)}%{gift_escape(o)}" for o, f in zip(q["options"], _multiple_fractions(q))]
    elif kind == "truefalse":
        parts = ["TRUE" if q["answer"] else "FALSE"]
    elif kind in ("ordering", "matching"):
        left, right, key = _as_pairs(q)
        for text in [*left, *right]:
            if "->" in text:
                raise ValueError(f"Question {q['id']}: the text {text!r} holds '->', which GIFT can't escape in a "
                                 "matching question. Reword it (e.g. with '→').")
        parts = [f"={gift_escape(item)} -> {gift_escape(right[k])}" for item, k in zip(left, key)]
        parts += [f"= -> {gift_escape(r)}" for j, r in enumerate(right) if j not in key]
    elif kind == "numeric":
        parts = [f"#{_number_text(q['answer'])}:{_number_text(q.get('tolerance', 0))}"]
    else:
        parts = [f"={gift_escape(a)}" for a in [q["answer"], *q.get("alternatives", [])]]
    body = "\n".join(f"  {p}" for p in parts)
    return f"{head}{prompt} {{\n{body}\n  {general}\n}}\n"


def to_gift(bank_list: list[dict]) -> str:
    """GIFT text for the banks: a ``$CATEGORY`` line per bank, then its questions, separated by blank lines."""
    out = [(f"// {COURSE}: question banks exported by `python -m lessons export-quizzes --format gift`.\n"
            "// Ordering questions are written as matching questions (1st, 2nd, … → item).\n")]
    for bank in bank_list:
        out.append(f"$CATEGORY: $course$/top/{COURSE}/{_category(bank)}\n")
        out.extend(_gift_question(q) for q in bank["questions"])
    return "\n".join(out)


# --------------------------------------------------------------------------------------------------------
# Writing and the command line
# --------------------------------------------------------------------------------------------------------


#: What each exported file holds near its start: an existing file is replaced only if it has this (we wrote it).
SIGNATURES = {"moodle": f"$course$/top/{COURSE}/", "qti": "imsmanifest.xml",
              "gift": f"// {COURSE}: question banks exported"}


def export(formats: Iterable[str], out: str | Path, names: Iterable[str] | None = None) -> list[Path]:
    """Write the chosen formats into ``out`` (created if needed); returns the files written. Only the course's
    own file names (:data:`FILES`) are written; nothing else in the folder is touched."""
    from ..outdir import replace_atomically, replaceable

    out = Path(out)
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(f"{out} is a file, not a folder. Give --out the name of a folder.")
    out.mkdir(parents=True, exist_ok=True)
    bank_list = banks(names)
    written = []
    for fmt in formats:
        if fmt == "moodle":
            data = to_moodle(bank_list).encode("utf-8")
        elif fmt == "qti":
            data = to_qti(bank_list)
        elif fmt == "gift":
            data = to_gift(bank_list).encode("utf-8")
        else:
            raise ValueError(f"Unknown format {fmt!r}; choose one of {', '.join(FORMATS)}.")
        path = out / FILES[fmt]
        if not replaceable(path, SIGNATURES[fmt]):
            raise FileExistsError(f"{path} already exists and was not written by this command, so it was left "
                                  "untouched. Move it, or give --out another folder.")
        replace_atomically(path, data)  # an ordinary file the teacher can upload
        written.append(path)
    return written


def cli(argv: list[str]) -> int:
    """``python -m lessons export-quizzes --format moodle|qti|gift|all --out DIR``."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m lessons export-quizzes",
        description="Write the course's question banks for a learning platform: Moodle XML, an IMS QTI 1.2 "
                    "package (Canvas) or GIFT text.")
    parser.add_argument("--format", default="all", choices=[*FORMATS, "all"], help="which format (default: all)")
    parser.add_argument("--out", default="quiz-export", help="folder to write into (default: quiz-export)")
    parser.add_argument("--bank", action="append",
                        help="only this bank (a file name in data/quizzes, without .json); may be repeated")
    args = parser.parse_args(argv)
    formats = FORMATS if args.format == "all" else (args.format,)
    try:
        written = export(formats, args.out, args.bank)
    except (NotADirectoryError, FileExistsError) as exc:
        print(str(exc))
        return 2
    except Exception as exc:  # noqa: BLE001 - a bank error or a bad name becomes one sentence
        print(f"Could not export the quizzes: {exc}")
        return 2
    n = sum(len(b["questions"]) for b in banks(args.bank))
    print(f"Exported {n} questions from {len(banks(args.bank))} banks:")
    for path in written:
        print(f"  {path}")
    print("Ordering questions become matching questions in QTI and GIFT; see the teacher guide for what each "
          "platform keeps.")
    return 0


def mapping_json() -> str:
    """The mapping table as JSON (for the teacher guide's generated block)."""
    return json.dumps(mapping(), ensure_ascii=False, indent=1)
