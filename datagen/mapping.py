"""Import of an existing dataset with a field mapping: which column is the instruction, the output, the system
prompt, the history, the reasoning, the rejected answer, the tag …

A mapping is ``{field: column}`` (CLI: ``--map instruction=prompt --map output=response``). The fields:

- ``instruction`` (or ``question``) and ``output`` (or ``answer``): required unless ``messages`` is mapped;
  ``input`` is appended to the instruction on its own line, as LLaMA-Factory does;
- ``messages``: a column holding a whole conversation (ShareGPT ``{from, value}`` or OpenAI ``{role,
  content}`` turns, a system turn first allowed);
- ``system``, ``reasoning``, ``rejected``, ``tag``, ``context``, ``genre``, ``audience``: text columns;
- ``history``: ``[[user, assistant], …]`` earlier turns (a JSON string in CSV files);
- ``score``: a number 0–5.

An output that starts with ``<think>…</think>`` gives its reasoning when no reasoning column is mapped. Rows
come from any file :func:`datagen.formats.read_records` reads (JSON, JSONL, CSV, Parquet) or from a Hub
dataset (:func:`datagen.hub.pull_dataset`). Errors name the file, the row and the field.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from datagen.builtin_formats import _SHAREGPT_ROLES, _item_from_pairs
from datagen.errors import FormatError
from datagen.format_registry import normalize_item

FIELDS = ("instruction", "input", "output", "messages", "system", "history", "reasoning", "rejected", "tag",
          "context", "score", "genre", "audience")
ALIASES = {"question": "instruction", "answer": "output", "prompt": "instruction", "response": "output",
           "conversations": "messages", "query": "input"}
TEXT_FIELDS = ("system", "reasoning", "rejected", "tag", "context", "genre", "audience")
PREVIEW_ROWS = 5


def parse_mapping(entries: Iterable[str] | dict | None) -> dict[str, str]:
    """``["instruction=prompt", …]`` (or a dict) as ``{field: column}``; ValueError names a bad entry."""
    if entries is None:
        return {}
    pairs = entries.items() if isinstance(entries, dict) else []
    if not isinstance(entries, dict):
        pairs = []
        for entry in entries:
            field, sep, column = str(entry).partition("=")
            if not sep or not field.strip() or not column.strip():
                raise ValueError(f"--map {entry!r}: write FIELD=COLUMN, e.g. instruction=prompt")
            pairs.append((field, column))
    mapping: dict[str, str] = {}
    for field, column in pairs:
        field = ALIASES.get(field.strip(), field.strip())
        if field not in FIELDS:
            raise ValueError(f"--map {field}={column}: unknown field {field!r}; the fields are "
                             f"{', '.join(FIELDS)}")
        if field in mapping:
            raise ValueError(f"--map: field {field!r} is mapped twice ({mapping[field]!r} and {column!r})")
        if column.strip():
            mapping[field] = column.strip()
    return mapping


def columns(records: Sequence[dict]) -> list[str]:
    """Every column name seen in the first rows, in order of appearance."""
    seen: dict[str, None] = {}
    for record in records[:1000]:
        for key in record:
            seen.setdefault(str(key), None)
    return list(seen)


def guess_mapping(records: Sequence[dict]) -> dict[str, str]:
    """A starting mapping from column names that say what they hold (for the UI's preview)."""
    names = {c.lower(): c for c in columns(records)}
    guess = {}
    for field in FIELDS:
        for name in (field, *[a for a, f in ALIASES.items() if f == field]):
            if name in names and field not in guess and names[name] not in guess.values():
                guess[field] = names[name]
    return guess


def preview(records: Sequence[dict], rows: int = PREVIEW_ROWS) -> dict:
    """``{columns, rows, guess}``: what the UI shows before the user picks the mapping."""
    head = [{k: _short(v) for k, v in r.items()} for r in records[:rows]]
    return {"columns": columns(records), "rows": head, "guess": guess_mapping(records), "total": len(records)}


def _short(value, limit: int = 120) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _text(record: dict, column: str, where: str, *, required: bool = False) -> str | None:
    value = record.get(column)
    if value is None or (isinstance(value, float) and value != value):  # missing, or NaN from pandas/parquet
        value = None
    elif not isinstance(value, str):
        if isinstance(value, (int, float, bool)):
            value = str(value)
        else:
            raise FormatError(f"{where}: field '{column}': expected text, got {type(value).__name__}")
    if required and not (value or "").strip():
        raise FormatError(f"{where}: field '{column}' is empty or missing")
    return value


def _nested(record: dict, column: str, where: str):
    value = record.get(column)
    if isinstance(value, str):
        if not value.strip():
            return None
        try:
            value = json.loads(value)
        except json.JSONDecodeError as exc:
            raise FormatError(f"{where}: field '{column}': invalid JSON ({exc.msg})") from exc
    if value is not None and not isinstance(value, list):
        raise FormatError(f"{where}: field '{column}': expected a list, got {type(value).__name__}")
    return value


def _history_pairs(value: list | None, column: str, where: str) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for n, turn in enumerate(value or []):
        if not (isinstance(turn, list | tuple) and len(turn) == 2 and all(isinstance(t, str) for t in turn)):
            raise FormatError(f"{where}: field '{column}[{n}]': expected [user, assistant] texts")
        pairs += [("user", turn[0]), ("assistant", turn[1])]
    return pairs


def _message_pairs(value: list | None, column: str, where: str) -> list[tuple[str, str]]:
    pairs = []
    for n, message in enumerate(value or []):
        if not isinstance(message, dict):
            raise FormatError(f"{where}: field '{column}[{n}]': expected an object, got {type(message).__name__}")
        role = message.get("role", message.get("from"))
        content = message.get("content", message.get("value"))
        role = _SHAREGPT_ROLES.get(role, role)
        if role not in ("system", "user", "assistant") or not isinstance(content, str):
            raise FormatError(f"{where}: field '{column}[{n}]': needs a role (system/user/assistant or "
                              f"human/gpt) and a text content")
        pairs.append((role, content))
    return pairs


def map_record(record: dict, mapping: dict[str, str], row: int, source: str = "") -> dict:
    """One source row as a canonical QA item, through ``mapping``."""
    where = f"{source}: row {row}" if source else f"row {row}"
    missing = [c for c in mapping.values() if c not in record]
    if missing and row == 1:
        raise FormatError(f"{where}: no column {', '.join(map(repr, missing))}; columns seen: "
                          f"{', '.join(map(str, record)) or 'none'}")
    if "messages" in mapping:
        pairs = _message_pairs(_nested(record, mapping["messages"], where), mapping["messages"], where)
    else:
        if "instruction" not in mapping or "output" not in mapping:
            raise FormatError("the mapping needs instruction and output columns (or a messages column)")
        prompt = _text(record, mapping["instruction"], where, required=True)
        extra = _text(record, mapping["input"], where) if "input" in mapping else None
        if extra:
            prompt = f"{prompt}\n{extra}"
        history = _nested(record, mapping["history"], where) if "history" in mapping else None
        pairs = _history_pairs(history, mapping.get("history", ""), where)
        pairs += [("user", prompt), ("assistant", _text(record, mapping["output"], where, required=True))]
    system = _text(record, mapping["system"], where) if "system" in mapping else None
    try:
        item = _item_from_pairs(pairs, system, row)
    except FormatError as exc:
        raise FormatError(f"{source}: {exc}" if source else str(exc)) from exc
    for field in TEXT_FIELDS:
        if field in mapping and field != "system":
            value = _text(record, mapping[field], where) or None
            if value or field != "reasoning":  # an empty reasoning column keeps a <think> block's reasoning
                item[field] = value
    if "score" in mapping:
        item["score"] = _score(record.get(mapping["score"]), mapping["score"], where)
    return normalize_item(item)


def _score(value, column: str, where: str) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise FormatError(f"{where}: field '{column}': expected a score 0-5, got {value!r}") from None
    if not 0 <= number <= 5:
        raise FormatError(f"{where}: field '{column}': score {number:g} is outside 0-5")
    return number


def map_records(records: Sequence[dict], mapping: dict[str, str], source: str = "") -> list[dict]:
    """Every row as a canonical QA item; the first bad row raises FormatError naming it."""
    if not mapping:
        raise FormatError("an empty mapping: map at least instruction and output (or messages)")
    return [map_record(r, mapping, row, source) for row, r in enumerate(records, start=1)]
