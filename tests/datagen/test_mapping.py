"""Import with a field mapping (files and Hub datasets), the export → import → export round trip of every format
in every file type, and an imported dataset reviewed, judged through the real ``openai`` client, tagged,
balanced and exported in another format."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import hubserver
import pytest
from mixdata import populate
from openai_server import ServerThread, model_app

from datagen import cli, formats, ga_pairs, mapping, service
from datagen.balance import Selection
from datagen.errors import FormatError
from datagen.format_registry import names
from datagen.formats import FILE_TYPES
from datagen.store import Store


@pytest.fixture
def ws(tmp_path):
    store = Store.open(tmp_path / "ws", create=True)
    source = store.create_project("source")
    populate(store, source)
    store.add_triples(source, [{"name": "Moon", "property": "pull", "value": "raises tides"},
                               {"name": "Basalt", "property": "viscosity", "value": "low"}])
    yield store, source
    store.close()


def _export(store, pid, fmt, path, **options) -> list[dict]:
    service.export(store, pid, fmt, path, **options)
    return formats.read_records(path)


MAPPINGS = {  # an explicit mapping of each format's own columns (the round trip through --map)
    "alpaca": {"instruction": "instruction", "input": "input", "output": "output", "system": "system",
               "history": "history"},
    "dpo": {"instruction": "instruction", "input": "input", "output": "chosen", "rejected": "rejected",
            "system": "system", "history": "history"},
    "sharegpt": {"messages": "conversations", "system": "system"},
    "openai": {"messages": "messages"},
}


# every format in every file type it is exported to (a KB file is CSV, JSON or JSONL: datagen.triples)
ROUND_TRIPS = [(f, e) for f in names() for e in FILE_TYPES if not (f == "kblam" and e == ".parquet")]


@pytest.mark.parametrize(("fmt", "ext"), ROUND_TRIPS)
def test_export_import_export_gives_the_same_records(ws, tmp_path, fmt, ext):
    store, source = ws
    options = {"include_reasoning": True} if fmt in ("alpaca", "sharegpt", "openai") else {}
    if ext == ".csv" and fmt in ("alpaca", "dpo"):
        options["tag"] = "Geology"  # CSV rows have no history: single-turn items only
    first = _export(store, source, fmt, tmp_path / f"first{ext}", **options)
    copy = store.create_project("copy")
    result = service.import_file(store, copy, tmp_path / f"first{ext}")
    assert result["imported"] == len(first) and result["format"] == fmt
    options.pop("tag", None)
    assert _export(store, copy, fmt, tmp_path / f"second{ext}", **options) == first
    assert service.import_file(store, copy, tmp_path / f"first{ext}")["already_present"] == len(first)
    if fmt in MAPPINGS:  # the same through an explicit field mapping
        mapped = store.create_project("mapped")
        columns = set(mapping.columns(first))
        used = {k: v for k, v in MAPPINGS[fmt].items() if v in columns}
        assert service.import_file(store, mapped, tmp_path / f"first{ext}", mapping=used)["imported"] == len(first)
        assert _export(store, mapped, fmt, tmp_path / f"third{ext}", **options) == first


ROWS = [
    {"prompt": "What raises the tides?", "extra": "", "response": "<think>Gravity.</think>The moon.", "why": "",
     "bad": "The sun only.", "topic": "Oceans", "grade": 4, "style": "quiz", "reader": "pupils", "sys": "Be short."},
    {"prompt": "Why is basalt lava runny?", "extra": "Answer in one line.", "response": "Low silica.",
     "why": "Silica makes lava viscous.", "bad": "", "topic": "Geology", "grade": None, "style": "quiz",
     "reader": "pupils", "sys": None},
    {"prompt": "What is a delta?", "extra": None, "response": "Silt laid down where a river slows.", "why": None,
     "bad": None, "topic": "Geology", "grade": 5, "style": "", "reader": "", "sys": ""},
]
MAP = ["instruction=prompt", "input=extra", "output=response", "reasoning=why", "rejected=bad", "tag=topic",
       "score=grade", "genre=style", "audience=reader", "system=sys"]


@pytest.mark.parametrize("ext", FILE_TYPES)
def test_mapped_columns_become_items_pairs_tags_and_ratings(ws, tmp_path, ext):
    store, _ = ws
    pid = store.create_project("imported")
    path = formats.write_records(ROWS, tmp_path / f"rows{ext}")
    assert service.import_file(store, pid, path, mapping=mapping.parse_mapping(MAP))["imported"] == 3
    items = {i["question"]: i for i in store.iter_items(pid)}
    tides = items["What raises the tides?"]
    assert (tides["answer"], tides["reasoning"], tides["rejected"]) == ("The moon.", "Gravity.", "The sun only.")
    assert (tides["tag"], tides["rating"], tides["genre"], tides["audience"], tides["system"]) == (
        "Oceans", 4, "quiz", "pupils", "Be short.")
    basalt = items["Why is basalt lava runny?\nAnswer in one line."]
    assert basalt["reasoning"] == "Silica makes lava viscous." and basalt["rejected"] is None
    assert items["What is a delta?"]["genre"] is None and items["What is a delta?"]["rating"] == 5
    assert [(p["genre"], p["audience"], p["questions"]) for p in ga_pairs.list_pairs(store, pid)] == [
        ("quiz", "pupils", 2)]
    assert [t["name"] for t in store.list_tags(pid)] == ["Oceans", "Geology"]


def test_bad_mappings_and_rows_are_named_and_import_nothing(ws, tmp_path):
    store, _ = ws
    pid = store.create_project("imported")
    path = formats.write_records(ROWS, tmp_path / "rows.jsonl")
    with pytest.raises(ValueError, match="unknown field 'answerz'; the fields are instruction"):
        mapping.parse_mapping(["answerz=response"])
    with pytest.raises(ValueError, match="write FIELD=COLUMN"):
        mapping.parse_mapping(["instruction"])
    with pytest.raises(FormatError, match=r"rows.jsonl: row 1: no column 'answer'; columns seen: prompt, extra"):
        service.import_file(store, pid, path, mapping={"instruction": "prompt", "output": "answer"})
    with pytest.raises(FormatError, match="rows.jsonl: row 2: field 'bad' is empty or missing"):
        service.import_file(store, pid, path, mapping={"instruction": "prompt", "output": "bad"})
    with pytest.raises(FormatError, match="row 1: field 'grade': score 7 is outside 0-5"):
        formats.write_records([{**ROWS[0], "grade": 7}], tmp_path / "seven.json")
        service.import_file(store, pid, tmp_path / "seven.json", mapping={"instruction": "prompt",
                                                                         "output": "response", "score": "grade"})
    with pytest.raises(FormatError, match="needs instruction and output columns"):
        service.import_file(store, pid, path, mapping={"instruction": "prompt"})
    assert store.counts(pid)["questions"] == 0 and not ga_pairs.list_pairs(store, pid)


def test_pull_a_hub_dataset_with_a_mapping(ws, tmp_path, monkeypatch):
    from huggingface_hub import constants

    from datagen.hub import push_dataset

    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path / "hf-cache"))
    store, _ = ws
    pid = store.create_project("hub")
    rows = [{k: v for k, v in r.items() if k in ("prompt", "response", "topic")} for r in ROWS]
    with hubserver.serve(tmp_path / "hub", {"hf_token"}) as server:
        push_dataset({"train": rows[:2], "test": rows[2:]}, "alice/geo", token="hf_token", endpoint=server.url)
        result = service.pull(store, pid, "alice/geo", token="hf_token", endpoint=server.url,
                              mapping={"instruction": "prompt", "output": "response", "tag": "topic"})
    assert result == {"train": {"imported": 2, "already_present": 0}, "test": {"imported": 1, "already_present": 0}}
    assert sorted(i["tag"] for i in store.iter_items(pid)) == ["Geology", "Geology", "Oceans"]


def judge(messages, max_tokens, temperature):
    text = messages[-1]["content"]
    reply = '{"score": 5, "reason": "matches"}' if "moon" in text.lower() else '{"score": 2, "reason": "vague"}'
    return reply, len(text.split()), len(reply.split())


def test_cli_import_mapped_csv_then_judge_tag_balance_and_export_another_format(tmp_path, capsys, monkeypatch):
    from datasets import load_dataset

    def main(*argv):
        code = cli.main([str(a) for a in argv])
        out, err = capsys.readouterr()
        assert code == 0, err
        return out

    passages = ["The moon's pull raises the tides.", "Basalt lava holds little silica.", "Deltas form at river mouths."]
    rows = [{**ROWS[i % 3], "prompt": f"{ROWS[i % 3]['prompt']} ({i})", "passage": passages[i % 3]} for i in range(9)]
    src = formats.write_records(rows, tmp_path / "legacy.csv")
    ws = tmp_path / "ws"
    main("init", "-w", ws)
    out = main("import", src, "-w", ws, *[a for m in [*MAP, "context=passage"] for a in ("--map", m)])
    assert out.strip() == "imported 9 (mapped); 0 already present"
    with ServerThread(model_app(judge, model="judge")) as base_url:
        monkeypatch.setenv("DATAGEN_BASE_URL", base_url)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
        main("score", "-w", ws, "--judge", "-q")
    items = [json.loads(line) for line in main("list", "-w", ws, "--json", "--page-size", "50").splitlines()]
    assert sorted(i["judge_score"] for i in items) == [2] * 6 + [5] * 3  # judged through the openai client
    first = items[0]["id"]
    main("review", "confirm", first, "-w", ws)
    out_file = tmp_path / "out" / "balanced.jsonl"
    main("export", "-w", ws, "--format", "sharegpt", "--out", out_file, "--cap-per-tag", "2", "--include-reasoning")
    data = load_dataset("json", data_files=str(out_file), split="train")
    assert data.num_rows == 4  # 3 Oceans + 6 Geology, two of each kept
    assert all(c[0]["from"] == "human" for c in data["conversations"])
    store = Store.open(ws)
    selected = service.collect_items(store, store.project_id("default"))
    assert len(selected) == 9 and len(service.balance.select(selected, Selection(cap_per_tag=2))) == 4
    store.close()


def test_a_killed_import_resumes_without_duplicates(tmp_path):
    rows = [{"q": f"Question number {i}?", "a": f"Answer {i}.", "t": f"tag{i % 3}"} for i in range(6000)]
    src = formats.write_records(rows, tmp_path / "big.jsonl")
    ws = tmp_path / "ws"
    store = Store.open(ws, create=True)
    pid = store.create_project("default")
    argv = [sys.executable, "-m", "datagen", "import", str(src), "-w", str(ws), "--map", "instruction=q",
            "--map", "output=a", "--map", "tag=t"]
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.Popen(argv, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while store.counts(pid)["answers"] < 300:
        assert proc.poll() is None, proc.stderr.read().decode()
        assert time.monotonic() < deadline, "the import made no progress"
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    counts = store.counts(pid)
    assert 300 <= counts["answers"] == counts["questions"] < len(rows)  # a row and its answer commit together
    rerun = subprocess.run(argv, cwd=root, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.strip() == f"imported {len(rows) - counts['answers']} (mapped); {counts['answers']} already present"
    texts = [r["text"] for r in store.query("SELECT text FROM questions ORDER BY id")]
    assert texts == [r["q"] for r in rows]  # each row once, in file order
    store.close()
