"""A format added through the registry alone (one ExportFormat entry, no other code) works everywhere the
built-in ones do: export and import through the studio service, detection, conversion, schema checks, the
LLaMA-Factory entry and the format lists of the CLI."""

from __future__ import annotations

import json

import pytest

from datagen import format_registry, formats, service
from datagen.errors import FormatError
from datagen.format_registry import ExportFormat, normalize_item
from datagen.store import Store

SCHEMA = {"type": "object", "required": ["q", "a"],
          "properties": {"q": {"type": "string"}, "a": {"type": "string"}, "sys": {"type": "string"}}}


def _to_record(item: dict, index: int, options) -> dict:
    if not item.get("question"):
        raise FormatError(f"item {index}: needs a 'question'")
    return {"q": item["question"], "a": item["answer"], "sys": item.get("system") or options.system_prompt or ""}


def _from_record(record: dict, row: int) -> dict:
    return {**normalize_item({"question": record["q"], "answer": record["a"]}), "system": record.get("sys") or None}


@pytest.fixture
def qa_pairs():
    fmt = format_registry.register(ExportFormat(
        "qa_pairs", SCHEMA, _to_record, _from_record, lambda keys: {"q", "a"} <= keys, "q, a",
        lambda file_name, history: {"file_name": file_name, "columns": {"prompt": "q", "response": "a"}}))
    yield fmt
    format_registry.unregister("qa_pairs")


def test_a_registered_format_round_trips_through_the_studio(qa_pairs, tmp_path):
    store = Store.open(tmp_path / "ws", create=True)
    pid = store.create_project("p")
    qids = store.add_questions(pid, [{"key": f"k{i}", "text": f"Question {i}?"} for i in range(3)])
    for i, qid in enumerate(qids):
        store.add_answer(qid, text=f"Answer {i}.")
    result = service.export(store, pid, "qa_pairs", tmp_path / "out" / "pairs.jsonl", system_prompt="Be brief.",
                            test_ratio=0.34, llamafactory="pairs")
    train = tmp_path / "out" / "pairs_train.jsonl"
    assert result["counts"] == {"train": 2, "test": 1}
    rows = [json.loads(line) for line in train.read_text().splitlines()]
    assert set(rows[0]) == {"q", "a", "sys"} and rows[0]["sys"] == "Be brief."
    info = json.loads((tmp_path / "out" / "dataset_info.json").read_text())
    assert info["pairs"] == {"file_name": "pairs_train.jsonl", "columns": {"prompt": "q", "response": "a"}}
    assert formats.detect_format(rows) == "qa_pairs"

    other = store.create_project("copy")
    imported = service.import_file(store, other, train)
    assert imported == {"imported": 2, "already_present": 0, "format": "qa_pairs"}
    back = service.collect_items(store, other)
    assert sorted((i["question"], i["answer"]) for i in back) == sorted((r["q"], r["a"]) for r in rows)

    converted = formats.convert_file(train, tmp_path / "pairs.sharegpt.json", to_fmt="sharegpt")
    again = formats.convert_file(converted, tmp_path / "again.csv", to_fmt="qa_pairs", system_prompt="Be brief.")
    assert formats.read_records(again) == rows
    with pytest.raises(FormatError, match="field 'q, a'"):
        formats.validate_records([{"q": "only a question"}], "qa_pairs")


def test_the_cli_offers_a_registered_format(qa_pairs):
    from datagen.cli import build_parser

    args = build_parser().parse_args(["export", "--format", "qa_pairs", "--out", "x.jsonl"])
    assert args.format == "qa_pairs"
