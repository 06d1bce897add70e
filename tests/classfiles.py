"""A made-up class of hand-in files for the gradebook tests and benchmark: work files and results files with
right, wrong and not-counted answers of every kind the course's question types take, plus files a gradebook must
skip. Deterministic (seeded)."""

from __future__ import annotations

import json
import random
from pathlib import Path

NAMES = ["Min-jun Kim", "Aiko Tanaka", "Ji-woo Park", "Sora Ito", "김서연", "山田 花子", "  Lee   Do-hyun ", "=cmd|x",
         "Hana", "Kenji", "Ana", "Yuna"]


def _variants(q: dict, rng: random.Random) -> list:
    """Answers to one question: right, wrong and not counted, in the shapes students' files hold."""
    kind, key = q["type"], q["answer"]
    if kind == "single":
        wrong = (key + 1) % len(q["options"])
        return [key, wrong, str(key), q["options"][key].upper(), q["options"][wrong], None, "", 99, [key], True]
    if kind == "multiple":
        return [list(key), list(reversed(key)), [0], [str(k) for k in key], [], "x", [99], key[:1]]
    if kind == "truefalse":
        return [key, not key, "TRUE" if key else "false", "yes", None, 1]
    if kind in ("ordering", "matching"):
        n = len(key)
        right = list(key)
        swapped = right[::-1] if n > 1 else right
        return [right, swapped, [str(v) for v in right], [None] * n, right[:-1] + [None], [0] * n, "x", right + [0]]
    if kind == "numeric":
        k = key
        tol = q.get("tolerance", 0)
        return [k, str(k), f"{k} {q.get('unit', '')}", f"{k + tol + 5}", "lots", "", f"{k:,}", "".join(
            chr(0xFF10 + int(c)) if c.isdigit() else c for c in str(k)), f"\u2212{abs(k)}"]
    return [key, key.upper() + "!", "nope", "", 7, "  " + key.lower() + "  "]


def make_class(folder: Path, n: int, questions: dict, seed: int = 17, hostile: bool = True) -> list[Path]:
    rng = random.Random(seed)
    ids = sorted(questions)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        name = NAMES[i % len(NAMES)] + ("" if i < len(NAMES) else f" {i}")
        answers = []
        for qid in rng.sample(ids, k=rng.randint(0, len(ids))):
            q = questions[qid]
            for attempt, a in enumerate(rng.sample(_variants(q, rng), k=rng.randint(1, 3)), 1):
                answers.append({"question": qid, "lesson": qid[:2], "answer": a, "attempt": attempt,
                                "time": "2019-08-22T09:00:00Z", "correct": rng.random() < 0.5})
        if i % 5 == 3:
            answers.append({"question": "99-not-in-the-course", "lesson": "99", "answer": 1, "attempt": 1,
                            "time": "2019-08-22T09:00:00Z", "correct": True})
            answers += ["not an entry", 7, {"question": 5}]
        work = i % 2 == 0
        doc = {"format": "gsomia-work" if work else "gsomia-results", "version": 1, "name": name,
               "group": ["10A", "10B", " 10b "][i % 3], "exported": "2019-08-22T09:00:00Z", "course_version": "0.1.0",
               "answers": answers}
        if work:
            doc.update(made_in="website", exit_tickets={}, sourcing=[],
                       decision={"role": "press", "choice": "suspend", "choice_label": "Suspend conditionally",
                                 "rationale": f"Reason {i}. <b>Keep</b> talking.", "time": "2019-08-22T09:00:00Z"}
                       if i % 4 == 0 else None,
                       reflections=[{"id": "08-view", "lesson": "08", "prompt": "p", "text": f"I learned {i}.",
                                     "time": "2019-08-22T09:00:00Z"}])
        path = folder / f"student-{i:03d}.json"
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
        paths.append(path)
    if hostile:
        bad = {
            "big.json": b"[" + b" " * 1_100_000 + b"]",
            "broken.json": b'{"format": "gsomia-work", "version": 1, "answers": [',
            "latin1.json": '{"format": "gsomia-results", "version": 1, "name": "Jos\xe9", "answers": []}'.encode("latin-1"),
            "other.json": b'{"format": "something-else", "answers": []}',
            "v2.json": b'{"format": "gsomia-work", "version": 2, "answers": []}',
            "noanswers.json": b'{"format": "gsomia-results", "version": 1, "answers": {"a": 1}}',
            "list.json": b"[1, 2, 3]",
        }
        from lessons.assessment.classbook import limits

        if "MAX_DEPTH" in limits():  # the hardened gradebook (issue 13): its rules, tried in both gradebooks
            good = {"format": "gsomia-results", "version": 1, "group": "10A", "answers": [
                {"question": ids[0], "answer": questions[ids[0]]["answer"], "attempt": 1}]}
            long_text = next(q for q in ids if questions[q]["type"] == "text")
            long_num = next(q for q in ids if questions[q]["type"] == "numeric")
            listy = next(q for q in ids if questions[q]["type"] == "multiple")
            bad.update({
                "bom.json": b"\xef\xbb\xbf" + json.dumps({**good, "name": "Notepad"}).encode(),
                "deep.json": b"[" * 200_000 + b"]" * 200_000,
                "deep-answer.json": json.dumps({**good, "name": "Deep", "answers": [
                    {"question": ids[0], "answer": json.loads("[" * 20 + "]" * 20)}]}).encode(),
                "surrogate.json": (b'{"format": "gsomia-results", "version": 1, "name": "Ji\\ud800woo", '
                                   b'"group": "10\\u0007A", "answers": []}'),
                "long.json": json.dumps({**good, "name": "Long", "answers": [
                    {"question": long_text, "answer": "a" * 2_001}, {"question": long_num, "answer": "9" * 101},
                    {"question": listy, "answer": list(range(101))},
                    *[{"question": ids[0], "answer": 0} for _ in range(2_100)]]}).encode(),
                "dup-1.json": json.dumps({**good, "name": "Ito  Sora", "group": "10B"}).encode(),
                "dup-2.json": json.dumps({**good, "name": "ito sora", "group": " 10b"}).encode(),
            })
        for name, data in bad.items():
            (folder / name).write_bytes(data)
            paths.append(folder / name)
    return paths
