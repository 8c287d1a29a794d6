"""Export formats that carry the chain of thought in a field of its own.

``alpaca_reasoning``: ``{instruction, input, output, reasoning, system}`` (plus ``history`` for multi-turn items)
with the answer alone in ``output`` and the chain in ``reasoning`` (empty when the item has none), the shape of
reasoning datasets that keep the two apart. Its LLaMA-Factory entry maps the Alpaca columns; LLaMA-Factory has
no reasoning column, so a model trained from it with LLaMA-Factory learns the answers only; to train the
thinking there, export ``alpaca``/``sharegpt``/``openai`` with ``include_reasoning``, which writes
``<think>\\n…\\n</think>\\n\\nanswer`` into the assistant message, the layout LLaMA-Factory's reasoning templates
read. Import reads the ``reasoning`` column back, so export → import → export gives the same records.
"""

from __future__ import annotations

from datagen.builtin_formats import SCHEMAS, _alpaca, _drop_empty_history, _from_alpaca_like, _lf_alpaca
from datagen.format_registry import ExportFormat, ExportOptions, register

_SCHEMA = {**SCHEMAS["alpaca"], "required": ["instruction", "output", "reasoning"],
           "properties": {**SCHEMAS["alpaca"]["properties"], "reasoning": {"type": ["string", "null"]}}}


def _to_record(item: dict, index: int, options: ExportOptions) -> dict:
    record = _alpaca(item, index, ExportOptions(options.system_prompt, include_reasoning=False))
    record["reasoning"] = item.get("reasoning") or ""
    return record


def _from_record(record: dict, row: int) -> dict:
    item = _from_alpaca_like(record, row, "output")
    item["reasoning"] = record.get("reasoning") or item.get("reasoning") or None
    return item


register(ExportFormat(
    "alpaca_reasoning", _SCHEMA, _to_record, _from_record,
    lambda keys: {"instruction", "output", "reasoning"} <= keys, "instruction, output, reasoning", _lf_alpaca,
    finish=_drop_empty_history, priority=45))
