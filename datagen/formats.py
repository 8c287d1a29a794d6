"""Export, import and conversion of question/answer data: Alpaca, ShareGPT, OpenAI, DPO and KBLaM triples.

The studio's canonical QA item is a plain dict (see :data:`QA_DEFAULTS`)::

    {"question", "answer", "reasoning", "context", "tag", "system", "rejected", "score", "confirmed", "turns"}

``turns`` (a list of ``{"role": "user"|"assistant", "content"}``) holds a whole multi-turn conversation; its
first user turn and last assistant turn are also ``question`` and ``answer`` (on export the item's
``question``/``answer`` win, so an answer edited in review is what gets exported). KBLaM items are triples
``{"name", "property", "value"}``.

Record shapes (those LLaMA-Factory documents in its ``data/README.md``):

- ``alpaca``: ``{instruction, input, output, system}`` plus ``history`` (``[[user, assistant], ...]``) when
  any item is multi-turn.
- ``sharegpt``: ``{conversations: [{from: human|gpt, value}], system}``.
- ``openai``: ``{messages: [{role: system|user|assistant, content}]}``.
- ``dpo``: Alpaca-style ranking rows ``{instruction, input, chosen, rejected, system}`` (LLaMA-Factory
  ``ranking: true``); items without a ``rejected`` answer are refused unless ``skip_incomplete=True``.
- ``kblam``: ``{name, property, value}``.

With ``include_reasoning`` the reasoning goes before the answer as ``<think>\\n…\\n</think>\\n\\n``; import
splits it off again. DPO rows never carry reasoning: a think block on the chosen side only would teach the
format rather than the preference.

Files: ``.json`` (a list), ``.jsonl``, ``.csv`` (nested fields as JSON strings) and ``.parquet`` (pyarrow,
nested fields as native lists). Reading names the file, row (line) and field of anything malformed.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import random
import re
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from datagen.errors import FormatError

logger = logging.getLogger(__name__)

EXPORT_FORMATS = ("alpaca", "sharegpt", "openai", "dpo", "kblam")
FILE_TYPES = (".json", ".jsonl", ".csv", ".parquet")
QA_DEFAULTS: dict = {
    "question": "",
    "answer": "",
    "reasoning": None,
    "context": None,
    "tag": None,
    "system": None,
    "rejected": None,
    "score": None,
    "confirmed": False,
    "turns": None,
}
NESTED_FIELDS = ("conversations", "messages", "history")
_THINK_RE = re.compile(r"^\s*<think>\s*(.*?)\s*</think>\s*", re.DOTALL)
_SHAREGPT_ROLES = {"human": "user", "gpt": "assistant", "system": "system"}
_TO_SHAREGPT = {"user": "human", "assistant": "gpt", "system": "system"}

_STR = {"type": "string"}
_OPT_STR = {"type": ["string", "null"]}
_HISTORY = {
    "type": ["array", "null"],
    "items": {"type": "array", "items": _STR, "minItems": 2, "maxItems": 2},
}
SCHEMAS: dict[str, dict] = {
    "alpaca": {
        "type": "object",
        "required": ["instruction", "output"],
        "properties": {
            "instruction": _STR,
            "input": _OPT_STR,
            "output": _STR,
            "system": _OPT_STR,
            "history": _HISTORY,
        },
    },
    "sharegpt": {
        "type": "object",
        "required": ["conversations"],
        "properties": {
            "conversations": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["from", "value"],
                    "properties": {"from": {"enum": ["human", "gpt", "system"]}, "value": _STR},
                },
            },
            "system": _OPT_STR,
        },
    },
    "openai": {
        "type": "object",
        "required": ["messages"],
        "properties": {
            "messages": {
                "type": "array",
                "minItems": 2,
                "items": {
                    "type": "object",
                    "required": ["role", "content"],
                    "properties": {"role": {"enum": ["system", "user", "assistant"]}, "content": _STR},
                },
            }
        },
    },
    "dpo": {
        "type": "object",
        "required": ["instruction", "chosen", "rejected"],
        "properties": {
            "instruction": _STR,
            "input": _OPT_STR,
            "chosen": _STR,
            "rejected": _STR,
            "system": _OPT_STR,
            "history": _HISTORY,
        },
    },
    "kblam": {
        "type": "object",
        "required": ["name", "property", "value"],
        "properties": {n: {"type": "string", "minLength": 1} for n in ("name", "property", "value")},
    },
}


def _check_format(fmt: str) -> None:
    if fmt not in EXPORT_FORMATS:
        raise FormatError(f"unknown format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")


def normalize_item(item: dict) -> dict:
    """A canonical QA item with every field present (defaults from :data:`QA_DEFAULTS`)."""
    return {**QA_DEFAULTS, **item}


# ------------------------------------------------------------------------------------------- export


def _with_reasoning(answer: str, reasoning: str | None, include: bool) -> str:
    if include and reasoning:
        return f"<think>\n{reasoning}\n</think>\n\n{answer}"
    return answer


def _split_reasoning(text: str) -> tuple[str, str | None]:
    match = _THINK_RE.match(text)
    if not match:
        return text, None
    return text[match.end() :], match.group(1) or None


def _conversation(item: dict, index: int, include_reasoning: bool) -> list[tuple[str, str]]:
    """(role, content) pairs of an item: user/assistant alternating, reasoning in the last answer."""
    turns = item.get("turns")
    if turns:
        pairs = [(t.get("role"), t.get("content") or "") for t in turns]
        if len(pairs) % 2 or any(
            r != ("user" if i % 2 == 0 else "assistant") for i, (r, _) in enumerate(pairs)
        ):
            raise FormatError(f"item {index}: 'turns' must alternate user/assistant starting with user")
        if item.get("question"):
            pairs[0] = ("user", item["question"])
        if item.get("answer"):
            pairs[-1] = ("assistant", item["answer"])
    else:
        if not item.get("question") or item.get("answer") is None:
            raise FormatError(f"item {index}: needs a 'question' and an 'answer'")
        pairs = [("user", item["question"]), ("assistant", item["answer"])]
    last = pairs[-1]
    pairs[-1] = (last[0], _with_reasoning(last[1], item.get("reasoning"), include_reasoning))
    return pairs


def _alpaca_like(pairs: list[tuple[str, str]]) -> tuple[str, str, list[list[str]]]:
    history = [[pairs[i][1], pairs[i + 1][1]] for i in range(0, len(pairs) - 2, 2)]
    return pairs[-2][1], pairs[-1][1], history


def to_records(
    items: Iterable[dict],
    fmt: str,
    *,
    system_prompt: str | None = None,
    include_reasoning: bool = False,
    skip_incomplete: bool = False,
) -> list[dict]:
    """Convert canonical items (QA dicts, or triples for ``kblam``) to records of the export format ``fmt``."""
    _check_format(fmt)
    items = list(items)
    if fmt == "kblam":
        return [_triple_record(item, i) for i, item in enumerate(items)]
    records, skipped = [], 0
    for index, item in enumerate(items):
        system = item.get("system") or system_prompt or None
        if fmt == "dpo" and not item.get("rejected"):
            if skip_incomplete:
                skipped += 1
                continue
            raise FormatError(
                f"item {index}: no 'rejected' answer; DPO export needs one for every item "
                "(or leave such items out with skip_incomplete=True)"
            )
        pairs = _conversation(item, index, include_reasoning and fmt != "dpo")
        if fmt == "alpaca":
            instruction, output, history = _alpaca_like(pairs)
            record = {"instruction": instruction, "input": "", "output": output, "system": system or ""}
            record["history"] = history
        elif fmt == "dpo":
            instruction, chosen, history = _alpaca_like(pairs)
            record = {"instruction": instruction, "input": "", "chosen": chosen, "rejected": item["rejected"]}
            record["system"] = system or ""
            record["history"] = history
        elif fmt == "sharegpt":
            record = {
                "conversations": [{"from": _TO_SHAREGPT[r], "value": c} for r, c in pairs],
                "system": system or "",
            }
        else:  # openai
            messages = [{"role": "system", "content": system}] if system else []
            record = {"messages": messages + [{"role": r, "content": c} for r, c in pairs]}
        records.append(record)
    if fmt in ("alpaca", "dpo") and not any(r["history"] for r in records):
        for record in records:
            del record["history"]  # single-turn data: keep the classic four columns
    if skipped:
        logger.warning("DPO export left out %d item(s) without a rejected answer", skipped)
    return records


def _triple_record(item: dict, index: int) -> dict:
    missing = [k for k in ("name", "property", "value") if not str(item.get(k) or "").strip()]
    if missing:
        raise FormatError(
            f"item {index}: kblam export needs triples with name/property/value; missing {', '.join(missing)} "
            f"(keys seen: {', '.join(sorted(item)) or 'none'})"
        )
    return {"name": str(item["name"]), "property": str(item["property"]), "value": str(item["value"])}


# ------------------------------------------------------------------------------------------- import


def detect_format(records: Sequence[dict]) -> str:
    """Name the export format of ``records`` from the keys of the first one."""
    if not records:
        raise FormatError("cannot detect the format of an empty dataset")
    first = records[0]
    if not isinstance(first, dict):
        raise FormatError(f"row 1: expected an object, got {type(first).__name__}")
    keys = set(first)
    if {"name", "property", "value"} <= keys:
        return "kblam"
    if "messages" in keys:
        return "openai"
    if "conversations" in keys:
        return "sharegpt"
    if {"instruction", "chosen", "rejected"} <= keys:
        return "dpo"
    if {"instruction", "output"} <= keys:
        return "alpaca"
    raise FormatError(
        f"cannot detect the format: keys seen: {', '.join(sorted(keys)) or 'none'}; expected alpaca "
        "(instruction, output), sharegpt (conversations), openai (messages), dpo (instruction, chosen, "
        "rejected) or kblam (name, property, value)"
    )


def _item_from_pairs(pairs: list[tuple[str, str]], system: str | None, row: int) -> dict:
    if pairs and pairs[0][0] == "system":
        system = system or pairs[0][1]
        pairs = pairs[1:]
    roles = [r for r, _ in pairs]
    expected = ["user" if i % 2 == 0 else "assistant" for i in range(len(pairs))]
    if len(pairs) < 2 or len(pairs) % 2 or roles != expected:
        raise FormatError(
            f"row {row}: the conversation must alternate user/assistant turns starting with the user "
            f"and ending with the assistant (roles seen: {', '.join(roles) or 'none'})"
        )
    answer, reasoning = _split_reasoning(pairs[-1][1])
    item = normalize_item({"question": pairs[0][1], "answer": answer, "reasoning": reasoning})
    item["system"] = system or None
    if len(pairs) > 2:
        item["turns"] = [{"role": r, "content": c} for r, c in pairs[:-1]] + [
            {"role": "assistant", "content": answer}
        ]
    return item


def _prompt(record: dict) -> str:
    instruction, extra = record.get("instruction") or "", record.get("input") or ""
    return f"{instruction}\n{extra}" if extra else instruction


def _record_to_item(record: dict, fmt: str, row: int) -> dict:
    if fmt == "kblam":
        return {"name": record["name"], "property": record["property"], "value": record["value"]}
    if fmt in ("alpaca", "dpo"):
        pairs: list[tuple[str, str]] = []
        for pair in record.get("history") or []:
            pairs += [("user", pair[0]), ("assistant", pair[1])]
        answer_key = "chosen" if fmt == "dpo" else "output"
        pairs += [("user", _prompt(record)), ("assistant", record[answer_key])]
        item = _item_from_pairs(pairs, record.get("system"), row)
        if fmt == "dpo":
            item["rejected"] = record["rejected"]
        return item
    if fmt == "sharegpt":
        pairs = [(_SHAREGPT_ROLES[m["from"]], m["value"]) for m in record["conversations"]]
        rejected = None
        if isinstance(record.get("chosen"), dict) and isinstance(record.get("rejected"), dict):
            pairs.append(("assistant", record["chosen"].get("value") or ""))  # ShareGPT preference rows
            rejected = record["rejected"].get("value")
        item = _item_from_pairs(pairs, record.get("system"), row)
        item["rejected"] = rejected
        return item
    pairs = [(m["role"], m["content"]) for m in record["messages"]]
    return _item_from_pairs(pairs, None, row)


def from_records(records: Iterable[dict], fmt: str | None = None) -> list[dict]:
    """Canonical items from records of ``fmt`` (detected when None); FormatError names the bad row."""
    records = list(records)
    if not records:
        return []
    fmt = fmt or detect_format(records)
    validate_records(records, fmt)
    return [_record_to_item(record, fmt, row) for row, record in enumerate(records, start=1)]


def validate_records(records: Iterable[dict], fmt: str) -> None:
    """Check every record against the JSON schema of ``fmt``; FormatError names the first bad row and field."""
    from jsonschema import Draft202012Validator

    _check_format(fmt)
    validator = Draft202012Validator(SCHEMAS[fmt])
    for row, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise FormatError(f"row {row}: expected an object with {fmt} fields, got {type(record).__name__}")
        if validator.is_valid(record):  # fast path; the full error walk runs only for a bad row
            continue
        error = next(iter(validator.iter_errors(record)), None)
        if error is not None:
            where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path).lstrip(
                "."
            )
            if error.validator == "required":
                where = ", ".join(error.validator_value)
                message = f"missing required field(s); keys seen: {', '.join(sorted(record)) or 'none'}"
            else:
                message = error.message
            raise FormatError(f"row {row}: field '{where or '(record)'}': {message} (format {fmt})")


# ---------------------------------------------------------------------------------------------- files


def _file_type(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FILE_TYPES:
        raise FormatError(
            f"{path}: unsupported file type {suffix or '(none)'!r}; use one of {', '.join(FILE_TYPES)}"
        )
    return suffix


def _columns(records: Sequence[dict]) -> list[str]:
    columns: dict[str, None] = {}
    for record in records:
        for key in record:
            columns.setdefault(key, None)
    return list(columns)


def _atomic_write(path: Path, write) -> None:
    """Write through a temporary file in the same folder, then rename: a failure leaves the old file intact."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_records(records: Sequence[dict], path: str | Path) -> Path:
    """Write records to ``path``; the file type comes from the extension (.json, .jsonl, .csv, .parquet)."""
    path = Path(path)
    suffix = _file_type(path)
    records = list(records)
    if suffix in (".json", ".jsonl"):
        lines = [json.dumps(r, ensure_ascii=False) for r in records]
        body = (
            ("[\n" + ",\n".join(lines) + "\n]\n")
            if suffix == ".json"
            else "".join(line + "\n" for line in lines)
        )
        _atomic_write(path, lambda tmp: Path(tmp).write_text(body, encoding="utf-8"))
    elif suffix == ".csv":
        _atomic_write(path, lambda tmp: _write_csv(records, tmp))
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        columns = _columns(records)
        table = pa.Table.from_pydict({c: [r.get(c) for r in records] for c in columns})
        _atomic_write(path, lambda tmp: pq.write_table(table, tmp))
    logger.info("wrote %d records to %s", len(records), path)
    return path


def _write_csv(records: Sequence[dict], tmp: str) -> None:
    columns = _columns(records)
    with open(tmp, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for record in records:
            row = []
            for column in columns:
                value = record.get(column)
                if isinstance(value, (list, dict)):
                    value = json.dumps(value, ensure_ascii=False)
                row.append("" if value is None else value)
            writer.writerow(row)


def _decode(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FormatError(
            f"{path}: line {line}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save the file as UTF-8"
        ) from exc


def read_records(path: str | Path) -> list[dict]:
    """Read records from a .json/.jsonl/.csv/.parquet file; FormatError names the file, row and field."""
    path = Path(path)
    suffix = _file_type(path)
    if not path.is_file():
        raise FormatError(f"{path}: file not found")
    if suffix == ".parquet":
        return _read_parquet(path)
    text = _decode(path)
    if suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise FormatError(
                f"{path}: line {exc.lineno}, column {exc.colno}: invalid JSON ({exc.msg})"
            ) from exc
        if not isinstance(data, list):
            raise FormatError(f"{path}: expected a JSON list of records, got {type(data).__name__}")
        records = data
    elif suffix == ".jsonl":
        records = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise FormatError(
                    f"{path}: line {number}: invalid JSON ({exc.msg} at column {exc.colno})"
                ) from exc
    else:
        records = _read_csv(path, text)
    for row, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise FormatError(f"{path}: row {row}: expected an object, got {type(record).__name__}")
    return records


def _read_csv(path: Path, text: str) -> list[dict]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    reader = csv.DictReader(text.splitlines(keepends=True))
    records = []
    try:
        for row in reader:
            if None in row:
                raise FormatError(f"{path}: line {reader.line_num}: more values than the header has columns")
            record = {}
            for key, value in row.items():
                if key in NESTED_FIELDS:
                    try:
                        value = json.loads(value) if value else None
                    except json.JSONDecodeError as exc:
                        raise FormatError(
                            f"{path}: line {reader.line_num}: field '{key}': invalid JSON ({exc.msg})"
                        ) from exc
                record[key] = "" if value is None and key not in NESTED_FIELDS else value
            records.append(record)
    except csv.Error as exc:
        raise FormatError(f"{path}: line {reader.line_num}: malformed CSV ({exc})") from exc
    return records


def _read_parquet(path: Path) -> list[dict]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        return pq.read_table(path).to_pylist()
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise FormatError(f"{path}: not a readable Parquet file ({exc})") from exc


def export_items(
    items: Iterable[dict], path: str | Path, fmt: str, *, validate: bool = True, **options
) -> Path:
    """Convert canonical items to ``fmt``, validate them against its schema and write them to ``path``."""
    records = to_records(items, fmt, **options)
    if validate:
        validate_records(records, fmt)
    return write_records(records, path)


def convert_file(
    src: str | Path, dst: str | Path, *, to_fmt: str, from_fmt: str | None = None, **options
) -> Path:
    """Read ``src`` (format detected unless ``from_fmt``), convert to ``to_fmt`` and write ``dst``."""
    _check_format(to_fmt)
    records = read_records(src)
    try:
        items = from_records(records, from_fmt)
    except FormatError as exc:
        raise FormatError(f"{src}: {exc}") from exc
    source = from_fmt or (detect_format(records) if records else to_fmt)
    if (source == "kblam") != (to_fmt == "kblam"):
        raise FormatError(f"{src}: cannot convert {source} to {to_fmt}: KBLaM triples and QA data do not map")
    return export_items(items, dst, to_fmt, **options)


def train_test_split(
    items: Sequence[dict], test_ratio: float, seed: int = 0
) -> tuple[list[dict], list[dict]]:
    """Shuffle deterministically with ``seed`` and return (train, test) with round(n * test_ratio) test items."""
    if not 0.0 <= test_ratio < 1.0:
        raise ValueError(f"test_ratio must be in [0, 1), got {test_ratio}")
    order = list(range(len(items)))
    random.Random(seed).shuffle(order)
    n_test = round(len(items) * test_ratio)
    if test_ratio > 0 and n_test == 0 and len(items) >= 2:
        n_test = 1
    return [items[i] for i in order[n_test:]], [items[i] for i in order[:n_test]]


# ------------------------------------------------------------------------------------- LLaMA-Factory


def llamafactory_entry(dataset_name: str, file_name: str, fmt: str, *, history: bool = False) -> dict:
    """A ``{dataset_name: {...}}`` entry for LLaMA-Factory's ``data/dataset_info.json`` matching our records.

    ``history`` says whether the Alpaca/DPO file has a ``history`` column (multi-turn items).
    """
    _check_format(fmt)
    if fmt == "kblam":
        raise FormatError("KBLaM triples are not a LLaMA-Factory training format")
    nested = fmt in ("sharegpt", "openai") or history
    if nested and Path(file_name).suffix.lower() == ".csv":
        raise FormatError(
            f"{file_name}: LLaMA-Factory reads nested conversations from JSON, JSONL or Parquet, not CSV"
        )
    entry: dict = {"file_name": file_name}
    if fmt == "alpaca":
        entry["columns"] = {
            "prompt": "instruction",
            "query": "input",
            "response": "output",
            "system": "system",
        }
    elif fmt == "dpo":
        entry["ranking"] = True
        entry["columns"] = {
            "prompt": "instruction", "query": "input", "chosen": "chosen", "rejected": "rejected", "system": "system",
        }  # fmt: skip
    elif fmt == "sharegpt":
        entry["formatting"] = "sharegpt"
        entry["columns"] = {"messages": "conversations", "system": "system"}
        entry["tags"] = {
            "role_tag": "from",
            "content_tag": "value",
            "user_tag": "human",
            "assistant_tag": "gpt",
        }
    else:
        entry["formatting"] = "sharegpt"
        entry["columns"] = {"messages": "messages"}
        entry["tags"] = {
            "role_tag": "role", "content_tag": "content", "user_tag": "user", "assistant_tag": "assistant",
            "system_tag": "system",
        }  # fmt: skip
    if history and fmt in ("alpaca", "dpo"):
        entry["columns"]["history"] = "history"
    return {dataset_name: entry}


def write_dataset_info(dir: str | Path, entries: dict) -> Path:
    """Merge ``entries`` into ``dir/dataset_info.json`` (created if missing; a corrupt one is not overwritten)."""
    path = Path(dir) / "dataset_info.json"
    existing: dict = {}
    if path.exists():
        try:
            existing = json.loads(_decode(path))
        except json.JSONDecodeError as exc:
            raise FormatError(
                f"{path}: line {exc.lineno}: invalid JSON ({exc.msg}); not overwriting it"
            ) from exc
        if not isinstance(existing, dict):
            raise FormatError(f"{path}: expected a JSON object of dataset entries; not overwriting it")
    existing.update(entries)
    body = json.dumps(existing, ensure_ascii=False, indent=2) + "\n"
    _atomic_write(path, lambda tmp: Path(tmp).write_text(body, encoding="utf-8"))
    return path
