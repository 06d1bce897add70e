"""The quiz-bank JSON Schema (``quiz_schema.json``) and a small validator for it that needs no jsonschema.

Importing jsonschema takes a second or more, so the course validates banks with :class:`MiniValidator`, which
applies the same schema file; the tests check that it agrees with jsonschema.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = ["SCHEMA_PATH", "schema", "jsonschema_validator", "SchemaError", "MiniValidator", "validator", "explain",
           "field_of"]

SCHEMA_PATH = Path(__file__).with_name("quiz_schema.json")

_CACHE: dict[str, Any] = {}



def schema() -> dict:
    if "schema" not in _CACHE:
        _CACHE["schema"] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return _CACHE["schema"]


def jsonschema_validator():
    """A full :mod:`jsonschema` validator for the bank schema (used by the tests and by teachers' tools).

    Importing jsonschema takes a second or more (it builds URI grammars on import), so quizzes and the gradebook
    use :class:`MiniValidator`.
    """
    import jsonschema  # heavy: only when asked for

    doc = schema()
    cls = jsonschema.validators.validator_for(doc)
    cls.check_schema(doc)
    return cls(doc)


class SchemaError:
    """One schema violation, with the attributes of a jsonschema ValidationError that :func:`explain` uses."""

    def __init__(self, validator: str, validator_value: Any, instance: Any, path: tuple, schema: Any, message: str):
        self.validator, self.validator_value, self.instance = validator, validator_value, instance
        self.path, self.schema, self.message = list(path), schema, message


_TYPES = {
    "object": lambda x: isinstance(x, dict),
    "array": lambda x: isinstance(x, list),
    "string": lambda x: isinstance(x, str),
    "boolean": lambda x: isinstance(x, bool),
    "number": lambda x: isinstance(x, (int, float)) and not isinstance(x, bool),
    "integer": lambda x: (isinstance(x, int) and not isinstance(x, bool)) or (isinstance(x, float) and x.is_integer()),
}


class MiniValidator:
    """The subset of JSON Schema (2020-12) that quiz_schema.json uses, without importing jsonschema."""

    def __init__(self, schema: dict):
        self.root = schema

    def is_valid(self, instance: Any, schema: Any) -> bool:
        return next(self._errors(instance, schema, ()), None) is None

    def iter_errors(self, instance: Any) -> Iterable[SchemaError]:
        return self._errors(instance, self.root, ())

    def _errors(self, x: Any, s: Any, path: tuple) -> Iterable[SchemaError]:
        if s is True:
            return
        if s is False:
            yield SchemaError("false", False, x, path, s, "False schema does not allow it")
            return
        if "$ref" in s:
            target: Any = self.root
            for part in s["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            yield from self._errors(x, target, path)
        t = s.get("type")
        if t is not None and not _TYPES[t](x):
            yield SchemaError("type", t, x, path, s, f"{x!r} is not of type {t!r}")
            return
        if "enum" in s and x not in s["enum"]:
            yield SchemaError("enum", s["enum"], x, path, s, f"{x!r} is not one of {s['enum']!r}")
        if "const" in s and x != s["const"]:
            yield SchemaError("const", s["const"], x, path, s, f"{s['const']!r} was expected")
        if isinstance(x, str):
            if len(x) < s.get("minLength", 0):
                yield SchemaError("minLength", s["minLength"], x, path, s, f"{x!r} is too short")
            if "pattern" in s and not re.search(s["pattern"], x):
                yield SchemaError("pattern", s["pattern"], x, path, s, f"{x!r} does not match {s['pattern']!r}")
        if _TYPES["number"](x):
            if "minimum" in s and x < s["minimum"]:
                yield SchemaError("minimum", s["minimum"], x, path, s, f"{x} is less than the minimum")
            if "maximum" in s and x > s["maximum"]:
                yield SchemaError("maximum", s["maximum"], x, path, s, f"{x} is greater than the maximum")
        if isinstance(x, dict):
            for name in s.get("required", []):
                if name not in x:
                    yield SchemaError("required", s["required"], x, path, s, f"{name!r} is a required property")
            props = s.get("properties", {})
            for name, value in x.items():
                if name in props:
                    yield from self._errors(value, props[name], path + (name,))
            if s.get("additionalProperties") is False:
                extra = [k for k in x if k not in props]
                if extra:
                    yield SchemaError("additionalProperties", False, x, path, s,
                                       f"Additional properties are not allowed ({extra[0]!r} was unexpected)")
            if len(x) < s.get("minProperties", 0):
                yield SchemaError("minProperties", s["minProperties"], x, path, s, f"{x!r} should be non-empty")
        if isinstance(x, list):
            if len(x) < s.get("minItems", 0):
                yield SchemaError("minItems", s["minItems"], x, path, s, f"{x!r} is too short")
            if s.get("uniqueItems") and len({json.dumps(v, sort_keys=True) for v in x}) != len(x):
                yield SchemaError("uniqueItems", True, x, path, s, f"{x!r} has non-unique elements")
            if "items" in s:
                for i, value in enumerate(x):
                    yield from self._errors(value, s["items"], path + (i,))
        for sub in s.get("allOf", []):
            yield from self._errors(x, sub, path)
        if "if" in s and self.is_valid(x, s["if"]) and "then" in s:
            yield from self._errors(x, s["then"], path)
        if "oneOf" in s and sum(self.is_valid(x, sub) for sub in s["oneOf"]) != 1:
            yield SchemaError("oneOf", s["oneOf"], x, path, s, f"{x!r} is not valid under exactly one schema")
        if "anyOf" in s and not any(self.is_valid(x, sub) for sub in s["anyOf"]):
            yield SchemaError("anyOf", s["anyOf"], x, path, s, f"{x!r} is not valid under any schema")
        if "not" in s and self.is_valid(x, s["not"]):
            yield SchemaError("not", s["not"], x, path, s, f"{x!r} should not be valid under {s['not']!r}")


def validator() -> MiniValidator:
    if "v" not in _CACHE:
        _CACHE["v"] = MiniValidator(schema())
    return _CACHE["v"]


def explain(error: Any) -> str:
    """One jsonschema error as a plain sentence (without the location)."""
    v = error.validator
    if v == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        return f"is missing (required){'' if missing else ': ' + error.message}"
    if v == "additionalProperties":
        allowed = ", ".join(sorted(error.schema.get("properties", {})))
        return f"is not allowed here (a misspelling?); the allowed fields are: {allowed}"
    if v in ("enum", "const"):
        return f"has the value {json.dumps(error.instance, ensure_ascii=False)}; expected one of " \
               f"{json.dumps(error.validator_value, ensure_ascii=False)}"
    if v == "type":
        return f"has the value {json.dumps(error.instance, ensure_ascii=False)[:60]}; expected {error.validator_value}"
    if v == "oneOf" and "source" in [str(p) for p in error.path]:
        return ("must be exactly one of {\"seed\": paragraph number}, {\"data\": dataset, \"id\": row id} or "
                "{\"cite\": \"Outlet: title (date)\", \"url\": \"https://…\"}")
    if v == "minItems":
        return f"needs at least {error.validator_value} items (it has {len(error.instance)})"
    if v in ("minimum", "maximum"):
        return f"has the value {error.instance}; it must be {'at least' if v == 'minimum' else 'at most'} " \
               f"{error.validator_value}"
    if v == "uniqueItems":
        return f"has the value {json.dumps(error.instance)}; each item may appear only once"
    if v == "pattern" and error.validator_value == "\\S":
        return "must not be empty"
    if v == "pattern":
        return f"has the value {json.dumps(error.instance, ensure_ascii=False)[:60]}, which is not in the expected " \
               f"form ({error.validator_value})"
    if v == "false" or error.validator_value is False:
        return "is not used by this type of question; remove it"
    return error.message


def field_of(path: list) -> str:
    # path like ['questions', 3, 'source', 'seed'] → "source.seed"
    rest = [str(p) for p in path[2:]] if len(path) >= 2 and path[0] == "questions" else [str(p) for p in path]
    return ".".join(rest) or "(the question itself)"

