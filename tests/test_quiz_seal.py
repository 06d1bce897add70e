"""Issue 16: the static quiz keeps its key out of the page source (sealed), and the browser opens it again."""

from __future__ import annotations

import json

from lessons.assessment.seal import SEALED, seal_questions, unseal

DATA = {"qs": [
    {"id": "01-who", "type": "text", "answer": "Kim You-geun", "alts": ["Kim You-geun", "김유근"],
     "expl": "EXPLANATION-TEXT: he announced it.", "reveal": "Kim You-geun", "src": "people.csv"},
    {"id": "02-when", "type": "single", "answer": 2, "expl": "1965 — the treaty.", "reveal": "1965", "src": "x"},
]}


def test_sealed_data_hides_every_key_field_and_opens_again() -> None:
    sealed = seal_questions(DATA)
    text = json.dumps(sealed, ensure_ascii=False)
    for word in ("Kim You-geun", "김유근", "EXPLANATION-TEXT", "1965", "people.csv"):
        assert word not in text
    for q, original in zip(sealed["qs"], DATA["qs"]):
        assert not set(SEALED) & set(q) and q["id"] == original["id"] and q["type"] == original["type"]
        assert unseal(q["k"], q["id"]) == {f: original[f] for f in SEALED if f in original}
    assert seal_questions(DATA) == sealed, "the same bytes every time (strict nbval compares outputs)"
