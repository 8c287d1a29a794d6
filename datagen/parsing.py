"""Strict parsing of LLM replies: one JSON value, checked against a JSON schema.

Tolerated around the value, and nothing more: a Markdown code fence (```json … ``` or ``` … ```) and prose
before or after it. List replies may be a bare array or an object holding it (``{"questions": [...]}``), the
shape JSON-object modes force; :func:`unwrap` gives the list either way. Not tolerated: two JSON values, unbalanced or truncated JSON, single quotes, trailing
commas, comments — such replies raise :class:`~datagen.errors.LLMOutputError` carrying the raw text, so the
caller can retry (bounded) and finally record the failure. Nothing is repaired or invented.
"""

from __future__ import annotations

import json
import re

import jsonschema

from datagen.errors import LLMOutputError

_FENCE_RE = re.compile(r"```[ \t]*([A-Za-z0-9_-]*)[ \t]*\n(.*?)```", re.DOTALL)
_DECODER = json.JSONDecoder()


def _position(text: str, index: int) -> str:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"line {line}, column {column}"


def extract_json(raw: str):
    """The one JSON value in ``raw`` (inside a code fence if there is one). Raises LLMOutputError otherwise."""
    text = raw.strip()
    if not text:
        raise LLMOutputError("empty reply", raw)
    fences = [m for m in _FENCE_RE.finditer(text) if m.group(1).lower() in ("", "json", "javascript", "js")]
    if len(fences) > 1:
        raise LLMOutputError(f"reply has {len(fences)} code blocks; expected one JSON value", raw)
    if fences:
        body = fences[0].group(2).strip()
        try:
            return json.loads(body)
        except json.JSONDecodeError as exc:
            raise LLMOutputError(f"invalid JSON in the code block at {_position(body, exc.pos)}: {exc.msg}",
                                 raw) from None
    starts = [i for i in (text.find("{"), text.find("[")) if i >= 0]
    if not starts:
        raise LLMOutputError("no JSON object or array in the reply", raw)
    start = min(starts)
    try:
        value, end = _DECODER.raw_decode(text, start)
    except json.JSONDecodeError as exc:
        raise LLMOutputError(f"invalid JSON at {_position(text, exc.pos)}: {exc.msg}", raw) from None
    rest = text[end:]
    for i, char in enumerate(rest):
        if char in "{[":
            try:
                _DECODER.raw_decode(rest, i)
            except json.JSONDecodeError:
                continue
            raise LLMOutputError("reply contains more than one JSON value", raw)
    return value


def _where(error: jsonschema.ValidationError) -> str:
    path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
    return f"at {path.lstrip('.') or 'the top level'}"


def parse_reply(raw: str, schema: dict):
    """Extract the JSON value from ``raw`` and validate it against ``schema``; LLMOutputError names the spot."""
    value = extract_json(raw)
    validator = jsonschema.Draft202012Validator(schema)
    errors = list(validator.iter_errors(value))
    if errors:
        best = jsonschema.exceptions.best_match(errors)
        while best.context:  # inside anyOf: report the most relevant alternative's problem
            best = jsonschema.exceptions.best_match(best.context)
        more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
        raise LLMOutputError(f"JSON does not match the expected shape {_where(best)}: {best.message}{more}", raw)
    return value


def unwrap(value, key: str):
    """The list of a reply that may be a bare array or an object holding it under ``key``."""
    return value[key] if isinstance(value, dict) else value


def require_text(raw: str, *, min_chars: int = 1) -> str:
    """A plain-text reply, stripped; an empty (or too short) one raises LLMOutputError."""
    text = raw.strip()
    if len(text) < min_chars:
        raise LLMOutputError("empty reply" if not text else f"reply too short ({len(text)} characters)", raw)
    return text


# ------------------------------------------------------------------------------------------ schemas

_NAME = {"type": "string", "minLength": 1, "maxLength": 200}
TAG_TREE_SCHEMA = {
    "type": "object",
    "required": ["tags"],
    "properties": {
        "tags": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["name"],
                "properties": {"name": _NAME, "children": {"type": "array", "items": _NAME}},
            },
        }
    },
}
_QUESTION_LIST = {
    "type": "array",
    "minItems": 1,
    "items": {
        "anyOf": [
            {"type": "string", "minLength": 5},
            {
                "type": "object",
                "required": ["question"],
                "properties": {"question": {"type": "string", "minLength": 5}, "tag": {"type": ["string", "null"]}},
            },
        ]
    },
}
_TRIPLE_LIST = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["name", "property", "value"],
        "properties": {"name": _NAME, "property": _NAME, "value": {"type": ["string", "number"], "minLength": 1}},
    },
}
_STRING_LIST = {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 5}}


def _list_or_object(items: dict, key: str) -> dict:
    """A bare array, or an object with the array under ``key`` (JSON modes that only allow objects)."""
    return {"anyOf": [items, {"type": "object", "required": [key], "properties": {key: items}}]}


QUESTIONS_SCHEMA = _list_or_object(_QUESTION_LIST, "questions")
TRIPLES_SCHEMA = _list_or_object(_TRIPLE_LIST, "triples")
STRING_LIST_SCHEMA = _list_or_object(_STRING_LIST, "questions")
JUDGE_SCHEMA = {
    "type": "object",
    "required": ["score"],
    "properties": {"score": {"type": "number", "minimum": 0, "maximum": 5}, "reason": {"type": "string"}},
}
