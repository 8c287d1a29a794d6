"""Decoding schemas ("guides"): the exact JSON shape a model is asked to produce for each stage.

The parse schemas in :mod:`datagen.parsing` accept every reasonable shape a model may answer with (a bare
array or an object holding it). A guide is one strict shape inside that set: an object at the top level
(what OpenAI's ``response_format`` and most servers require), no extra keys, bounded lengths and counts, and
string patterns that keep a small model on track (a question is one line that ends with a question mark and
holds no quote marks or ellipsis; a tag is one of the project's tags). The built-in model decodes under the
guide (:mod:`datagen.localgen`), an endpoint receives it as ``response_format``; the reply is then parsed
against the parse schema as before, which every guide-shaped reply passes.
"""

from __future__ import annotations

from collections.abc import Sequence

from datagen import parsing

_LINE = r'[^"\\\n]'  # one character of a single-line string without quote marks or backslashes
NAME_PATTERN = rf"^{_LINE}{{1,80}}$"
VALUE_PATTERN = rf"^{_LINE}{{1,200}}$"
SENTENCE_PATTERN = rf"^{_LINE}{{1,400}}$"
# one line without quote marks, backslashes, <placeholders>, "..." or "…" (a period is followed by another
# character), ending with its only ? or ？ (one question: the model cannot go on to answer it inside the string); English questions start with a question word (a 135M model otherwise
# writes "A question that the passage answers?")
_BODY = r'(?:[^".\\\n…<>?？]|\.[^".\\\n…<>?？]){4,240}[?？]$'
QUESTION_PATTERN = r'^[^\s".\\…<>]' + _BODY
QUESTION_WORDS = ("What", "Which", "Who", "Whom", "Whose", "When", "Where", "Why", "How", "Is", "Are", "Does", "Do",
                  "Did", "Can", "May", "Must", "Should", "Under", "According", "If", "In")
EN_QUESTION_PATTERN = rf"^(?:{'|'.join(QUESTION_WORDS)}) " + _BODY
MAX_CHILDREN = 5


def _string(pattern: str) -> dict:
    return {"type": "string", "pattern": pattern}


def _object(properties: dict, required: Sequence[str] | None = None) -> dict:
    return {"type": "object", "properties": properties, "required": list(required or properties),
            "additionalProperties": False}


def _array(items: dict, low: int, high: int) -> dict:
    return {"type": "array", "items": items, "minItems": low, "maxItems": high}


def question_pattern(lang: str = "") -> str:
    """The pattern of one question (English ones start with a question word)."""
    return EN_QUESTION_PATTERN if lang == "en" else QUESTION_PATTERN


def questions_guide(count: int, tags: Sequence[str] = (), lang: str = "") -> dict:
    """``{"questions": [{"question", "tag"}]}`` with exactly ``count`` questions; tags from ``tags`` only."""
    item = {"question": _string(question_pattern(lang))}
    if tags:
        item["tag"] = {"type": "string", "enum": list(dict.fromkeys(tags))}
    return _object({"questions": _array(_object(item), count, count)})


def string_list_guide(count: int, lang: str = "") -> dict:
    """``{"questions": ["…?", …]}`` with 1 to ``count`` questions."""
    return _object({"questions": _array(_string(question_pattern(lang)), 1, count)})


def tag_tree_guide(max_tags: int = 10) -> dict:
    """``{"tags": [{"name", "children": [...]}]}`` with 1 to ``max_tags`` top-level tags."""
    node = _object({"name": _string(NAME_PATTERN), "children": _array(_string(NAME_PATTERN), 0, MAX_CHILDREN)})
    return _object({"tags": _array(node, 1, max_tags)})


def triples_guide(max_triples: int = 20) -> dict:
    """``{"triples": [{"name", "property", "value"}]}`` with 1 to ``max_triples`` facts."""
    triple = _object({"name": _string(NAME_PATTERN), "property": _string(NAME_PATTERN),
                      "value": _string(VALUE_PATTERN)})
    return _object({"triples": _array(triple, 1, max_triples)})


JUDGE_GUIDE = _object({"score": {"type": "integer", "enum": [0, 1, 2, 3, 4, 5]},
                       "reason": _string(SENTENCE_PATTERN)})


def default_guide(schema: dict | None) -> dict | None:
    """The guide for one of :mod:`datagen.parsing`'s schemas (None for a schema this module does not know)."""
    if schema is None:
        return None
    known = {id(parsing.QUESTIONS_SCHEMA): lambda: questions_guide(3),
             id(parsing.STRING_LIST_SCHEMA): lambda: string_list_guide(5),
             id(parsing.TAG_TREE_SCHEMA): tag_tree_guide,
             id(parsing.TRIPLES_SCHEMA): triples_guide,
             id(parsing.JUDGE_SCHEMA): lambda: JUDGE_GUIDE}
    make = known.get(id(schema))
    return make() if make else None
