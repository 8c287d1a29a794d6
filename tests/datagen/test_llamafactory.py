"""Every export format, in every file type LLaMA-Factory reads, loaded by LLaMA-Factory's own dataset loader
through the ``dataset_info.json`` entry the studio writes (LLaMA-Factory 0.9.5 in ``.lf/``: ``make llamafactory``).

The loader runs in a subprocess (``lf_loader.py``); its aligned rows must hold exactly the studio's items: the
conversation up to the last answer as ``_prompt``, the answer (DPO: chosen then rejected) as ``_response``, the
system prompt as ``_system``; raw chunks as the prompt of a pretraining row.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from mixdata import populate

from datagen import service
from datagen.balance import Selection
from datagen.store import Store

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
LF_DIR = Path(os.environ.get("LLAMAFACTORY_TARGET") or ROOT / ".lf")


def lf_load(dataset_dir: Path, names: list[str], cache: Path) -> dict:
    if not (LF_DIR / "llamafactory").is_dir():
        pytest.fail(f"LLaMA-Factory is not installed in {LF_DIR}: run `make llamafactory` (pip install --no-deps "
                    f"--target .lf -r requirements-lf.txt)")
    env = {**os.environ, "PYTHONPATH": str(LF_DIR), "DISABLE_VERSION_CHECK": "1", "HF_DATASETS_CACHE": str(cache),
           "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}
    result = cache / "loaded.json"
    proc = subprocess.run([sys.executable, str(HERE / "lf_loader.py"), str(result), str(dataset_dir), *names],
                          capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr[-4000:]
    return json.loads(result.read_text(encoding="utf-8"))


def _conversation(item: dict, reasoning: bool) -> list[dict]:
    turns = [dict(t) for t in item["turns"]] if item["turns"] else [
        {"role": "user", "content": item["question"]}, {"role": "assistant", "content": item["answer"]}]
    turns[0]["content"], turns[-1]["content"] = item["question"], item["answer"]
    if reasoning and item["reasoning"]:
        turns[-1]["content"] = f"<think>\n{item['reasoning']}\n</think>\n\n{item['answer']}"
    return turns


def _expected(items: list[dict], fmt: str, reasoning: bool = False) -> list[dict]:
    rows = []
    for item in items:
        if fmt == "pretrain":
            rows.append({"_prompt": [{"role": "user", "content": item["text"]}], "_response": [], "_system": ""})
            continue
        turns = _conversation(item, reasoning and fmt != "dpo")
        response = [turns[-1]]
        if fmt == "dpo":
            response.append({"role": "assistant", "content": item["rejected"]})
        rows.append({"_prompt": turns[:-1], "_response": response, "_system": item["system"] or ""})
    return rows


def _normal(rows: list[dict]) -> list[dict]:
    return [{**r, "_system": r["_system"] or ""} for r in rows]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    store = Store.open(tmp_path_factory.mktemp("lf") / "ws", create=True)
    pid = store.create_project("p")
    populate(store, pid)
    yield store, pid
    store.close()


CASES = [  # (dataset name, format, file, export options)
    ("alpaca_json", "alpaca", "alpaca.json", {}),
    ("alpaca_parquet", "alpaca", "alpaca.parquet", {"include_reasoning": True}),
    ("alpaca_csv", "alpaca", "alpaca.csv", {"tag": "Geology"}),  # single-turn: CSV has no history column
    ("alpaca_reasoning", "alpaca_reasoning", "alpaca_reasoning.jsonl", {}),  # the answer; reasoning column unread
    ("alpaca_reasoning_parquet", "alpaca_reasoning", "alpaca_reasoning.parquet", {"system_prompt": "Default."}),
    ("sharegpt_jsonl", "sharegpt", "sharegpt.jsonl", {"include_reasoning": True}),
    ("sharegpt_parquet", "sharegpt", "sharegpt.parquet", {}),
    ("openai_json", "openai", "openai.json", {"system_prompt": "Default system."}),
    ("openai_parquet", "openai", "openai.parquet", {}),
    ("dpo_jsonl", "dpo", "dpo.jsonl", {}),
    ("dpo_csv", "dpo", "dpo.csv", {"tag": "Geology"}),
    ("pretrain_jsonl", "pretrain", "pretrain.jsonl", {}),
    ("pretrain_csv", "pretrain", "pretrain.csv", {}),
    ("pretrain_parquet", "pretrain", "pretrain.parquet", {}),
]


def _source_items(store, pid, fmt: str, options: dict) -> list[dict]:
    if fmt == "pretrain":
        return [{"text": c["text"]} for c in store.list_chunks(pid)]
    items = service.collect_items(store, pid, tag=options.get("tag"))
    if options.get("system_prompt"):
        items = [{**i, "system": i["system"] or options["system_prompt"]} for i in items]
    return [i for i in items if fmt != "dpo" or i["rejected"]]


def test_every_export_format_loads_in_llamafactorys_own_loader(project, tmp_path):
    store, pid = project
    out = tmp_path / "data"
    for name, fmt, file_name, options in CASES:
        service.export(store, pid, fmt, out / file_name, llamafactory=name, **options)
    # a stratified train/test split gets an entry per part
    result = service.export(store, pid, "sharegpt", out / "split.json", llamafactory="split", test_ratio=0.5,
                            selection=Selection(stratify="tag"))
    assert result["counts"] == {"train": 3, "test": 3}
    info = json.loads((out / "dataset_info.json").read_text())
    assert info["pretrain_jsonl"] == {"file_name": "pretrain.jsonl", "columns": {"prompt": "text"}}
    assert info["dpo_jsonl"]["ranking"] is True

    (tmp_path / "cache").mkdir()
    loaded = lf_load(out, [c[0] for c in CASES] + ["split", "split_test"], tmp_path / "cache")
    for name, fmt, _, options in CASES:
        items = _source_items(store, pid, fmt, options)
        assert len(loaded[name]["rows"]) == len(items) > 0, name
        assert loaded[name]["ranking"] is (fmt == "dpo"), name
        assert _normal(loaded[name]["rows"]) == _expected(items, fmt, options.get("include_reasoning", False)), name
    assert len(loaded["split"]["rows"]) == 3 and len(loaded["split_test"]["rows"]) == 3
    everything = {json.dumps(r, sort_keys=True) for r in _expected(_source_items(store, pid, "sharegpt", {}),
                                                                   "sharegpt")}
    got = {json.dumps(r, sort_keys=True) for r in _normal(loaded["split"]["rows"] + loaded["split_test"]["rows"])}
    assert got == everything
