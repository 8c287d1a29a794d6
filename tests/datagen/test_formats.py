"""Export formats x file types: schema-valid, byte-for-byte re-readable, round-trip equal; detection, conversion,
LLaMA-Factory entries checked against its documented dataset_info schema, and bad files named precisely."""

from __future__ import annotations

import json

import pytest

from datagen import format_registry
from datagen.errors import FormatError
from datagen.formats import (
    FILE_TYPES,
    QA_DEFAULTS,
    convert_file,
    detect_format,
    export_items,
    from_records,
    llamafactory_entry,
    read_records,
    to_records,
    train_test_split,
    validate_records,
    write_dataset_info,
    write_records,
)

ITEMS = [
    {
        "question": "What is KBLaM?",
        "answer": "A way to inject a knowledge base into an LLM.",
        "reasoning": "The paper describes knowledge tokens.",
        "system": "You are precise.",
        "rejected": "A kind of llama.",
        "context": "chunk text",
        "score": 0.9,
        "confirmed": True,
    },
    {
        "question": 'Quote "this", with commas,\nand a newline?',
        "answer": 'Yes, "quoted"; also\ttabs.',
        "reasoning": None,
        "rejected": "No.",
    },
    {
        "question": "矩形注意力是什么？",
        "answer": "一种让提示词关注知识令牌的注意力。",
        "reasoning": "论文第三节。",
        "rejected": "不知道。",
    },
    {
        "question": "First question?",
        "answer": "Final answer.",
        "reasoning": "Thought about it.",
        "rejected": "Bad final answer.",
        "turns": [
            {"role": "user", "content": "First question?"},
            {"role": "assistant", "content": "First answer."},
            {"role": "user", "content": "Follow-up?"},
            {"role": "assistant", "content": "Final answer."},
        ],
    },
]
TRIPLES = [
    {"name": "Ada", "property": "occupation", "value": "engineer"},
    {"name": "巴黎", "property": "country", "value": "法国, Europe"},
]
CHUNKS = [{"text": "# Title\n\nA raw chunk, kept as it is."}, {"text": "第二段, with \"quotes\"."}]


def _expected(items: list[dict], fmt: str, include_reasoning: bool) -> list[dict]:
    """What a format can carry back: conversation, system, reasoning (when exported) and DPO's rejected."""
    if fmt in ("kblam", "pretrain"):
        return items
    out = []
    for item in items:
        expected = dict(QA_DEFAULTS)
        expected.update(question=item["question"], answer=item["answer"], system=item.get("system"))
        expected["turns"] = item.get("turns")
        if include_reasoning and fmt != "dpo":
            expected["reasoning"] = item.get("reasoning")
        if fmt == "dpo":
            expected["rejected"] = item["rejected"]
        out.append(expected)
    return out


@pytest.mark.parametrize("ext", FILE_TYPES)
@pytest.mark.parametrize("fmt", format_registry.names())
def test_every_format_in_every_file_type_round_trips(tmp_path, fmt, ext):
    items = {"kblam": TRIPLES, "pretrain": CHUNKS}.get(fmt, ITEMS)
    records = to_records(items, fmt, include_reasoning=True)
    validate_records(records, fmt)
    path = write_records(records, tmp_path / f"data{ext}")
    back = read_records(path)
    assert back == records
    assert detect_format(back) == fmt
    assert from_records(back) == _expected(items, fmt, include_reasoning=True)


def test_record_shapes_match_the_documented_formats():
    item = ITEMS[0]
    (alpaca,) = to_records([item], "alpaca", include_reasoning=True)
    assert alpaca == {
        "instruction": "What is KBLaM?",
        "input": "",
        "output": "<think>\nThe paper describes knowledge tokens.\n</think>\n\nA way to inject a knowledge base into an LLM.",
        "system": "You are precise.",
    }
    (sharegpt,) = to_records([item], "sharegpt")
    assert sharegpt == {
        "conversations": [
            {"from": "human", "value": "What is KBLaM?"},
            {"from": "gpt", "value": "A way to inject a knowledge base into an LLM."},
        ],
        "system": "You are precise.",
    }
    (openai,) = to_records([item], "openai")
    assert [m["role"] for m in openai["messages"]] == ["system", "user", "assistant"]
    (dpo,) = to_records([item], "dpo", include_reasoning=True)
    assert dpo["chosen"] == item["answer"] and dpo["rejected"] == "A kind of llama."  # no think block in DPO
    multi = to_records([ITEMS[3]], "alpaca")[0]
    assert multi["instruction"] == "Follow-up?" and multi["history"] == [["First question?", "First answer."]]


def test_system_prompt_default_and_reasoning_switch():
    plain = {"question": "Q?", "answer": "A.", "reasoning": "R."}
    (record,) = to_records([plain], "openai", system_prompt="Be brief.")
    assert record["messages"][0] == {"role": "system", "content": "Be brief."}
    assert record["messages"][-1]["content"] == "A."
    (with_think,) = to_records([plain], "sharegpt", include_reasoning=True)
    assert with_think["conversations"][-1]["value"].startswith("<think>\nR.\n</think>")
    assert from_records([with_think])[0]["reasoning"] == "R."


def test_edited_answer_wins_over_stale_turns():
    item = dict(ITEMS[3], answer="Edited final answer.")
    (record,) = to_records([item], "openai")
    assert record["messages"][-1]["content"] == "Edited final answer."
    assert from_records([record])[0]["turns"][-1]["content"] == "Edited final answer."


def test_dpo_needs_rejected_answers():
    items = [{"question": "Q1", "answer": "A1", "rejected": "R1"}, {"question": "Q2", "answer": "A2"}]
    with pytest.raises(FormatError, match="item 1: no 'rejected'"):
        to_records(items, "dpo")
    assert [r["instruction"] for r in to_records(items, "dpo", skip_incomplete=True)] == ["Q1"]


def test_kblam_export_refuses_qa_items():
    with pytest.raises(FormatError, match="item 0: kblam export needs triples"):
        to_records([{"question": "Q", "answer": "A"}], "kblam")


def test_unknown_format_named():
    with pytest.raises(FormatError, match="'yaml'"):
        to_records(ITEMS, "yaml")


def test_alpaca_input_column_joins_the_prompt_on_import():
    (item,) = from_records([{"instruction": "Translate:", "input": "bonjour", "output": "hello"}])
    assert item["question"] == "Translate:\nbonjour" and item["answer"] == "hello"


def test_sharegpt_preference_rows_import():
    record = {
        "conversations": [{"from": "human", "value": "Q?"}],
        "chosen": {"from": "gpt", "value": "good"},
        "rejected": {"from": "gpt", "value": "bad"},
    }
    (item,) = from_records([record])
    assert (item["question"], item["answer"], item["rejected"]) == ("Q?", "good", "bad")


# ------------------------------------------------------------------------------------ detection & errors


def test_detect_format_names_the_keys_it_saw():
    with pytest.raises(FormatError) as info:
        detect_format([{"prompt": "x", "completion": "y"}])
    assert "completion, prompt" in str(info.value) and "alpaca" in str(info.value)


def test_wrong_columns_and_types_name_row_and_field(tmp_path):
    path = tmp_path / "bad.jsonl"
    rows = [
        {"instruction": "ok", "output": "ok"},
        {"instruction": "ok", "output": "ok"},
        {"instruction": 5, "output": "x"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    with pytest.raises(FormatError, match=r"row 3: field 'instruction': 5 is not of type 'string'"):
        from_records(read_records(path))
    with pytest.raises(FormatError, match=r"row 1: field 'conversations': missing required"):
        from_records([{"instruction": "a", "output": "b"}], "sharegpt")
    bad_role = {"conversations": [{"from": "human", "value": "q"}, {"from": "robot", "value": "a"}]}
    with pytest.raises(FormatError, match=r"row 1: field 'conversations\[1\]\.from'"):
        validate_records([bad_role], "sharegpt")
    with pytest.raises(FormatError, match="row 1: the conversation must alternate"):
        from_records([{"messages": [{"role": "user", "content": "a"}, {"role": "user", "content": "b"}]}])


def test_malformed_json_line_names_the_line(tmp_path):
    path = tmp_path / "broken.jsonl"
    path.write_text(
        '{"instruction": "a", "output": "b"}\n\n{"instruction": "c", "output": \n', encoding="utf-8"
    )
    with pytest.raises(FormatError, match=r"broken\.jsonl: line 3: invalid JSON"):
        read_records(path)


def test_malformed_json_file_names_line_and_column(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('[\n{"instruction": "a"},\n{"instruction" "c"}\n]', encoding="utf-8")
    with pytest.raises(FormatError, match=r"broken\.json: line 3, column"):
        read_records(path)
    path.write_text('{"instruction": "a"}', encoding="utf-8")
    with pytest.raises(FormatError, match="expected a JSON list"):
        read_records(path)


def test_non_utf8_file_names_the_line(tmp_path):
    path = tmp_path / "latin.jsonl"
    path.write_bytes(b'{"instruction": "a", "output": "b"}\n{"instruction": "caf\xe9", "output": "b"}\n')
    with pytest.raises(FormatError, match=r"latin\.jsonl: line 2: not valid UTF-8"):
        read_records(path)


def test_csv_bad_nested_json_and_extra_values(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text('conversations,system\n"[{""from"": ""human""",x\n', encoding="utf-8")
    with pytest.raises(FormatError, match=r"bad\.csv: line 2: field 'conversations': invalid JSON"):
        read_records(path)
    path.write_text("instruction,output\na,b\nc,d,e\n", encoding="utf-8")
    with pytest.raises(FormatError, match="line 3: more values than the header"):
        read_records(path)


def test_unreadable_parquet_and_unknown_type(tmp_path):
    path = tmp_path / "x.parquet"
    path.write_bytes(b"PAR1 definitely not parquet")
    with pytest.raises(FormatError, match=r"x\.parquet: not a readable Parquet"):
        read_records(path)
    with pytest.raises(FormatError, match=r"\.xml"):
        write_records([], tmp_path / "x.xml")


def test_failed_write_keeps_the_previous_file(tmp_path, monkeypatch):
    import pyarrow.parquet as pq

    path = write_records([{"instruction": "a", "output": "b"}], tmp_path / "keep.parquet")
    before = path.read_bytes()

    def disk_full(table, where, **kwargs):
        with open(where, "wb") as handle:
            handle.write(b"partial")
        raise OSError("disk full")

    monkeypatch.setattr(pq, "write_table", disk_full)
    with pytest.raises(OSError, match="disk full"):
        write_records([{"instruction": "new", "output": "rows"}], path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["keep.parquet"]  # no temporary file left behind


# ------------------------------------------------------------------------------------------ conversion


def test_convert_chain_preserves_items(tmp_path):
    qa = [{k: v for k, v in item.items() if k != "rejected"} for item in ITEMS]
    src = export_items(qa, tmp_path / "a.jsonl", "alpaca", include_reasoning=True)
    step1 = convert_file(src, tmp_path / "b.parquet", to_fmt="sharegpt", include_reasoning=True)
    step2 = convert_file(step1, tmp_path / "c.csv", to_fmt="openai", include_reasoning=True)
    step3 = convert_file(
        step2, tmp_path / "d.json", to_fmt="alpaca", from_fmt="openai", include_reasoning=True
    )
    assert detect_format(read_records(step2)) == "openai"
    assert from_records(read_records(step3)) == from_records(read_records(src))
    assert [i["reasoning"] for i in from_records(read_records(step3))] == [i.get("reasoning") for i in qa]


def test_convert_between_triples_and_qa_refused(tmp_path):
    src = export_items(TRIPLES, tmp_path / "kb.json", "kblam")
    with pytest.raises(FormatError, match="cannot convert kblam to alpaca"):
        convert_file(src, tmp_path / "out.json", to_fmt="alpaca")


def test_train_test_split_is_deterministic_and_disjoint():
    items = [{"question": f"q{i}", "answer": "a"} for i in range(10)]
    train, test = train_test_split(items, 0.3, seed=7)
    assert len(test) == 3 and len(train) == 7
    assert sorted(i["question"] for i in train + test) == sorted(i["question"] for i in items)
    assert train_test_split(items, 0.3, seed=7) == (train, test)
    assert train_test_split(items, 0.3, seed=8) != (train, test)
    assert train_test_split(items, 0.0) == (train_test_split(items, 0.0)[0], [])
    with pytest.raises(ValueError, match="test_ratio"):
        train_test_split(items, 1.0)


# -------------------------------------------------------------------------------------- LLaMA-Factory


def _check_llamafactory(entry: dict, records: list[dict]) -> None:
    """Apply LLaMA-Factory's documented dataset_info semantics (data/README.md) to the written records."""
    formatting = entry.get("formatting", "alpaca")
    columns = entry.get("columns", {})
    for record in records:
        if formatting == "alpaca":
            assert isinstance(record[columns.get("prompt", "instruction")], str)
            assert isinstance(record.get(columns.get("query", "input"), ""), str)
            if entry.get("ranking"):
                assert isinstance(record[columns["chosen"]], str) and isinstance(
                    record[columns["rejected"]], str
                )
            else:
                assert isinstance(record[columns.get("response", "output")], str)
            if "history" in columns:
                assert all(len(pair) == 2 for pair in record[columns["history"]])
            if "system" in columns:
                assert isinstance(record[columns["system"]], str)
        else:
            tags = entry.get("tags", {})
            role, content = tags.get("role_tag", "from"), tags.get("content_tag", "value")
            user, assistant = tags.get("user_tag", "human"), tags.get("assistant_tag", "gpt")
            system = tags.get("system_tag", "system")
            messages = record[columns.get("messages", "conversations")]
            if messages and messages[0][role] == system:
                messages = messages[1:]
            assert [m[role] for m in messages] == [user, assistant] * (
                len(messages) // 2
            )  # odd: user, even: assistant
            assert all(isinstance(m[content], str) for m in messages)
            if "system" in columns:
                assert isinstance(record[columns["system"]], str)


@pytest.mark.parametrize("ext", [".json", ".jsonl", ".parquet"])
@pytest.mark.parametrize("fmt", ["alpaca", "sharegpt", "openai", "dpo"])
def test_llamafactory_entry_matches_the_written_file(tmp_path, fmt, ext):
    records = to_records(ITEMS, fmt)
    path = write_records(records, tmp_path / f"train{ext}")
    history = any("history" in r for r in records)
    entry = llamafactory_entry("studio_qa", path.name, fmt, history=history)
    (name,) = entry
    assert name == "studio_qa" and entry[name]["file_name"] == path.name
    assert entry[name].get("ranking", False) is (fmt == "dpo")
    assert entry[name].get("formatting", "alpaca") == (
        "sharegpt" if fmt in ("sharegpt", "openai") else "alpaca"
    )
    _check_llamafactory(entry[name], read_records(path))


def test_llamafactory_entry_columns_exact():
    assert llamafactory_entry("d", "d.json", "alpaca")["d"]["columns"] == {
        "prompt": "instruction",
        "query": "input",
        "response": "output",
        "system": "system",
    }
    dpo = llamafactory_entry("d", "d.json", "dpo")["d"]
    assert (
        dpo["ranking"] is True
        and dpo["columns"]["chosen"] == "chosen"
        and dpo["columns"]["rejected"] == "rejected"
    )
    sharegpt = llamafactory_entry("d", "d.jsonl", "sharegpt")["d"]
    assert sharegpt["tags"] == {
        "role_tag": "from",
        "content_tag": "value",
        "user_tag": "human",
        "assistant_tag": "gpt",
    }
    assert sharegpt["columns"] == {"messages": "conversations", "system": "system"}
    openai = llamafactory_entry("d", "d.jsonl", "openai")["d"]
    assert openai["columns"] == {"messages": "messages"} and openai["tags"]["system_tag"] == "system"
    with pytest.raises(FormatError, match="not CSV"):
        llamafactory_entry("d", "d.csv", "sharegpt")
    with pytest.raises(FormatError, match="not a LLaMA-Factory"):
        llamafactory_entry("d", "d.json", "kblam")


def test_write_dataset_info_merges_and_never_overwrites_a_corrupt_file(tmp_path):
    (tmp_path / "dataset_info.json").write_text(
        json.dumps({"old": {"file_name": "old.json"}}), encoding="utf-8"
    )
    path = write_dataset_info(tmp_path, llamafactory_entry("new", "new.json", "alpaca"))
    info = json.loads(path.read_text(encoding="utf-8"))
    assert set(info) == {"old", "new"} and info["new"]["file_name"] == "new.json"
    path.write_text("{ not json", encoding="utf-8")
    with pytest.raises(FormatError, match="not overwriting"):
        write_dataset_info(tmp_path, llamafactory_entry("x", "x.json", "alpaca"))
    assert path.read_text(encoding="utf-8") == "{ not json"
    fresh = write_dataset_info(tmp_path / "sub", llamafactory_entry("y", "y.json", "dpo"))
    assert json.loads(fresh.read_text(encoding="utf-8"))["y"]["ranking"] is True
