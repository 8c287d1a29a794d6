"""The built-in export formats, each one :class:`~datagen.format_registry.ExportFormat` entry: Alpaca, ShareGPT,
OpenAI messages, DPO (LLaMA-Factory ranking rows) and KBLaM triples (record shapes as LLaMA-Factory documents
them in its ``data/README.md``; see :mod:`datagen.formats` for the canonical item)."""

from __future__ import annotations

import re

from datagen.errors import FormatError
from datagen.format_registry import ExportFormat, ExportOptions, normalize_item, register

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


# ------------------------------------------------------------------------------------- conversations


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


def _triple_record(item: dict, index: int) -> dict:
    missing = [k for k in ("name", "property", "value") if not str(item.get(k) or "").strip()]
    if missing:
        raise FormatError(
            f"item {index}: kblam export needs triples with name/property/value; missing {', '.join(missing)} "
            f"(keys seen: {', '.join(sorted(item)) or 'none'})"
        )
    return {"name": str(item["name"]), "property": str(item["property"]), "value": str(item["value"])}




# ------------------------------------------------------------------------------------------- entries


def _system(item: dict, options: ExportOptions) -> str:
    return item.get("system") or options.system_prompt or ""


def _alpaca(item: dict, index: int, options: ExportOptions) -> dict:
    instruction, output, history = _alpaca_like(_conversation(item, index, options.include_reasoning))
    return {"instruction": instruction, "input": "", "output": output, "system": _system(item, options),
            "history": history}


def _dpo(item: dict, index: int, options: ExportOptions) -> dict:
    if not item.get("rejected"):
        raise FormatError(
            f"item {index}: no 'rejected' answer; DPO export needs one for every item "
            "(or leave such items out with skip_incomplete=True)"
        )
    instruction, chosen, history = _alpaca_like(_conversation(item, index, False))  # no think block: see above
    return {"instruction": instruction, "input": "", "chosen": chosen, "rejected": item["rejected"],
            "system": _system(item, options), "history": history}


def _sharegpt(item: dict, index: int, options: ExportOptions) -> dict:
    pairs = _conversation(item, index, options.include_reasoning)
    return {"conversations": [{"from": _TO_SHAREGPT[r], "value": c} for r, c in pairs],
            "system": _system(item, options)}


def _openai(item: dict, index: int, options: ExportOptions) -> dict:
    system = item.get("system") or options.system_prompt or None
    messages = [{"role": "system", "content": system}] if system else []
    pairs = _conversation(item, index, options.include_reasoning)
    return {"messages": messages + [{"role": r, "content": c} for r, c in pairs]}


def _drop_empty_history(records: list[dict]) -> list[dict]:
    if not any(r["history"] for r in records):
        for record in records:
            del record["history"]  # single-turn data: keep the classic four columns
    return records


def _from_alpaca_like(record: dict, row: int, answer_key: str) -> dict:
    pairs: list[tuple[str, str]] = []
    for pair in record.get("history") or []:
        pairs += [("user", pair[0]), ("assistant", pair[1])]
    pairs += [("user", _prompt(record)), ("assistant", record[answer_key])]
    return _item_from_pairs(pairs, record.get("system"), row)


def _from_dpo(record: dict, row: int) -> dict:
    item = _from_alpaca_like(record, row, "chosen")
    item["rejected"] = record["rejected"]
    return item


def _from_sharegpt(record: dict, row: int) -> dict:
    pairs = [(_SHAREGPT_ROLES[m["from"]], m["value"]) for m in record["conversations"]]
    rejected = None
    if isinstance(record.get("chosen"), dict) and isinstance(record.get("rejected"), dict):
        pairs.append(("assistant", record["chosen"].get("value") or ""))  # ShareGPT preference rows
        rejected = record["rejected"].get("value")
    item = _item_from_pairs(pairs, record.get("system"), row)
    item["rejected"] = rejected
    return item


def _alpaca_columns(history: bool, **columns: str) -> dict:
    columns = {**columns, "system": "system"}
    if history:
        columns["history"] = "history"
    return columns


def _lf_alpaca(file_name: str, history: bool) -> dict:
    return {"file_name": file_name, "columns": _alpaca_columns(
        history, prompt="instruction", query="input", response="output")}


def _lf_dpo(file_name: str, history: bool) -> dict:
    return {"file_name": file_name, "ranking": True, "columns": _alpaca_columns(
        history, prompt="instruction", query="input", chosen="chosen", rejected="rejected")}


def _lf_sharegpt(file_name: str, history: bool) -> dict:
    return {"file_name": file_name, "formatting": "sharegpt",
            "columns": {"messages": "conversations", "system": "system"},
            "tags": {"role_tag": "from", "content_tag": "value", "user_tag": "human", "assistant_tag": "gpt"}}


def _lf_openai(file_name: str, history: bool) -> dict:
    return {"file_name": file_name, "formatting": "sharegpt", "columns": {"messages": "messages"},
            "tags": {"role_tag": "role", "content_tag": "content", "user_tag": "user", "assistant_tag": "assistant",
                     "system_tag": "system"}}


register(ExportFormat(
    "alpaca", SCHEMAS["alpaca"], _alpaca, lambda r, row: _from_alpaca_like(r, row, "output"),
    lambda keys: {"instruction", "output"} <= keys, "instruction, output", _lf_alpaca,
    finish=_drop_empty_history, priority=50))
register(ExportFormat(
    "sharegpt", SCHEMAS["sharegpt"], _sharegpt, _from_sharegpt, lambda keys: "conversations" in keys,
    "conversations", _lf_sharegpt, nested=True, priority=30))
register(ExportFormat(
    "openai", SCHEMAS["openai"], _openai,
    lambda r, row: _item_from_pairs([(m["role"], m["content"]) for m in r["messages"]], None, row),
    lambda keys: "messages" in keys, "messages", _lf_openai, nested=True, priority=20))
register(ExportFormat(
    "dpo", SCHEMAS["dpo"], _dpo, _from_dpo, lambda keys: {"instruction", "chosen", "rejected"} <= keys,
    "instruction, chosen, rejected", _lf_dpo, exportable=lambda item: bool(item.get("rejected")),
    incomplete="a rejected answer", finish=_drop_empty_history, priority=40))
register(ExportFormat(
    "kblam", SCHEMAS["kblam"], lambda item, index, options: _triple_record(item, index),
    lambda r, row: {"name": r["name"], "property": r["property"], "value": r["value"]},
    lambda keys: {"name", "property", "value"} <= keys, "name, property, value", None, data="triples",
    priority=10))
