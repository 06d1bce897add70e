"""Keep the answer key out of a static quiz's page source: the answers, explanations and sources of each question
are sealed (XOR with a keystream from the question's own seed, then base64) and opened by the quiz script in the
browser only when it starts.

This is not encryption: anyone who reads the script can open the seal. It makes sure the key is not *readable* in
the page source and not found by a text search (Ctrl+F, grep, the site's search box), which is what a quiz page
needs; the teacher's answer key is published only in ``teacher/``. The same bytes every run (the seed is derived
from the question id), so strict nbval still compares saved outputs. ``lessons/static/seal.js`` is the opener.
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

#: The fields of a static-quiz question that give the answer away; sealed into ``"k"``.
SEALED = ("answer", "alts", "tol", "expl", "reveal", "src")


def _seed(qid: str) -> int:
    return int.from_bytes(hashlib.sha256(f"gsomia-seal:{qid}".encode()).digest()[:4], "big") or 1


def _keystream(seed: int, n: int) -> bytes:
    """xorshift32 from `seed`: the same sequence as ``seal.js``."""
    x, out = seed & 0xFFFFFFFF, bytearray()
    for _ in range(n):
        x ^= (x << 13) & 0xFFFFFFFF
        x ^= x >> 17
        x ^= (x << 5) & 0xFFFFFFFF
        out.append(x & 0xFF)
    return bytes(out)


def seal(value: Any, qid: str) -> str:
    """`value` as JSON, sealed for question `qid` (base64 text)."""
    raw = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    ks = _keystream(_seed(qid), len(raw))
    return base64.b64encode(bytes(a ^ b for a, b in zip(raw, ks))).decode("ascii")


def unseal(text: str, qid: str) -> Any:
    """The inverse of :func:`seal` (tests and teachers' tools)."""
    raw = base64.b64decode(text)
    return json.loads(bytes(a ^ b for a, b in zip(raw, _keystream(_seed(qid), len(raw)))).decode("utf-8"))


def seal_questions(data: dict) -> dict:
    """A static quiz's data with each question's key fields moved into a sealed ``"k"`` (and its seed in ``"s"``)."""
    qs = []
    for q in data.get("qs", []):
        key = {f: q[f] for f in SEALED if f in q}
        rest = {f: v for f, v in q.items() if f not in SEALED}
        qs.append({**rest, "k": seal(key, str(q["id"])), "s": _seed(str(q["id"]))})
    return {**data, "qs": qs}
