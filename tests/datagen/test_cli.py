"""``python -m datagen``: the exact command forms, exit codes, stdout/stderr split, review commands, and an
end-to-end run with the real ``openai`` client against a local server serving the real SmolLM2 model."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openai_server import ServerThread, model_app

from datagen import cli, formats
from datagen.store import Store

ROOT = Path(__file__).resolve().parents[2]
KEY = "sk-cli-SECRET-abcdef0123456789"
DOC = """# Coffee

## Roasting
Coffee beans are roasted at temperatures between 180 and 240 degrees Celsius. Light roasts keep more acidity,
while dark roasts taste more bitter.

## Brewing
Espresso is brewed by forcing water at about 9 bar of pressure through finely ground coffee for 25 to 30 seconds.
"""


def rules(messages, max_tokens, temperature):
    """A rule-based stand-in model: recognises each prompt file by its wording."""
    text = messages[-1]["content"]
    if "subject tags" in text:
        reply = '{"tags": [{"name": "Coffee", "children": ["Roasting", "Brewing"]}]}'
    elif "questions that a reader could answer" in text:
        reply = ('```json\n[{"question": "At what temperatures are coffee beans roasted?", "tag": "Roasting"}]\n```'
                 if "roasted" in text else '[{"question": "How is espresso brewed?", "tag": "Coffee / Brewing"}]')
    elif "Answer the question using only the reference text" in text:
        reply = "<think>The text gives the numbers.</think>Between 180 and 240 degrees Celsius." \
            if "roasted" in text.split("Question:")[-1] else "With water at about 9 bar for 25 to 30 seconds."
    elif "from general knowledge" in text:
        reply = "I am not sure."
    elif "(name, property, value)" in text:
        reply = '[{"name": "Espresso", "property": "brewing pressure", "value": "about 9 bar"}]' \
            if "Espresso" in text else "[]"
    elif "Explain, step by step" in text:
        reply = "The passage states it directly."
    else:
        reply = "unexpected prompt"
    return reply, len(text.split()), len(reply.split())


@pytest.fixture
def docs(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "coffee.md").write_text(DOC, encoding="utf-8")
    return folder


def _main(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_run_review_and_export_in_process(docs, tmp_path, capsys, monkeypatch):
    ws = tmp_path / "ws"
    with ServerThread(model_app(rules, model="rules")) as base_url:
        monkeypatch.setenv("DATAGEN_BASE_URL", base_url)  # the endpoint from the environment
        monkeypatch.setenv("OPENAI_API_KEY", KEY)
        code, out, err = _main(capsys, "run", docs, "--workspace", ws, "--dedup-threshold", "1",
                               "--min-len", "50", "--max-len", "400", "-v")
    assert code == 0, err
    assert "2 questions (0 duplicates removed), 2 answers, 2 DPO pairs, 1 triples" in out
    assert "this run: 0 failures" in out and "LLM calls" in out and "model rules at" in out
    assert "questions:" in out and KEY not in out + err
    assert "note:" not in out  # an endpoint was used: no built-in-model notice

    code, out, err = _main(capsys, "list", "--workspace", ws, "--json")
    items = [json.loads(line) for line in out.splitlines()]
    # the two chunks are generated concurrently, so list order (creation order) may be either way round
    items.sort(key=lambda i: i["tag"] != "Roasting")
    assert code == 0 and [i["tag"] for i in items] == ["Roasting", "Brewing"] and "page 1/1, 2 items" in err
    assert items[0]["reasoning"] == "The text gives the numbers."
    assert items[1]["reasoning"] == "The passage states it directly."
    first = items[0]["id"]
    assert _main(capsys, "review", "rate", first, "5", "-w", ws)[0] == 0
    assert _main(capsys, "review", "confirm", first, "-w", ws)[0] == 0
    code, out, _ = _main(capsys, "review", "edit", items[1]["id"], "--answer", "About 9 bar.", "-w", ws, "--json")
    assert code == 0 and json.loads(out)["answer"] == "About 9 bar."
    code, _, err = _main(capsys, "review", "rate", first, "7", "-w", ws)
    assert code == 1 and err.strip() == "error: rating must be an integer from 0 to 5, got 7"

    out_file = tmp_path / "export" / "coffee.json"
    code, out, err = _main(capsys, "export", "--workspace", ws, "--format", "sharegpt", "--out", out_file,
                           "--only-confirmed", "--system-prompt", "You are a barista.")
    assert code == 0 and out.strip() == str(out_file) and "sharegpt (all: 1)" in err
    records = formats.read_records(out_file)
    assert records[0]["system"] == "You are a barista." and records[0]["conversations"][0]["from"] == "human"
    code, out, _ = _main(capsys, "export", "-w", ws, "--format", "kblam", "--out", tmp_path / "kb.csv")
    assert code == 0 and (tmp_path / "kb.csv").read_text().splitlines()[1] == "Espresso,brewing pressure,about 9 bar"

    code, out, _ = _main(capsys, "stats", "-w", ws)
    assert code == 0 and "questions=2" in out and "LLM calls=" in out
    code, out, _ = _main(capsys, "tags", "-w", ws, "--show")
    assert code == 0 and "- Coffee" in out and "  - Roasting" in out
    code, out, _ = _main(capsys, "convert", out_file, tmp_path / "alpaca.jsonl", "--to", "alpaca")
    assert code == 0 and formats.read_records(tmp_path / "alpaca.jsonl")[0]["system"] == "You are a barista."
    code, out, _ = _main(capsys, "import", "-w", ws, "-p", "copy", tmp_path / "alpaca.jsonl")
    assert code == 1  # project 'copy' does not exist yet
    Store.open(ws).create_project("copy")
    code, out, _ = _main(capsys, "import", "-w", ws, "-p", "copy", tmp_path / "alpaca.jsonl")
    assert code == 0 and out.startswith("imported 1 (alpaca)")


def test_failures_give_one_line_and_nonzero_exit(docs, tmp_path, capsys):
    code, _, err = _main(capsys, "export", "--workspace", tmp_path / "none", "--format", "alpaca", "--out", "x.json")
    assert code == 1 and err.count("\n") == 1 and err.startswith("error: ") and "no workspace here" in err
    with pytest.raises(SystemExit) as info:
        cli.main(["export", "--workspace", str(tmp_path), "--format", "yaml", "--out", "x"])
    assert info.value.code == 2
    code, _, err = _main(capsys, "init", "-w", tmp_path / "ws")
    assert code == 0
    code, _, err = _main(capsys, "export", "-w", tmp_path / "ws", "--format", "alpaca", "--out", tmp_path / "x.txt")
    assert code == 1 and "unsupported file type '.txt'" in err

    start = time.monotonic()
    code, out, err = _main(capsys, "run", docs, "-w", tmp_path / "ws", "--base-url", "http://127.0.0.1:9/v1",
                           "--model", "m", "--api-key", KEY, "--max-retries", "1", "-q")
    assert code == 1 and time.monotonic() - start < 30
    assert "stopped:" in out and "connection failed" in err.splitlines()[-1] and KEY not in out + err
    assert Store.open(tmp_path / "ws").counts(1)["chunks"] == 1  # the work before the failure is kept


def test_dry_run_prints_the_plan_and_calls_nothing(docs, tmp_path, capsys):
    code, out, _ = _main(capsys, "run", docs, "--workspace", tmp_path / "ws", "--dry-run",
                         "--base-url", "http://127.0.0.1:9/v1", "--no-dpo")
    plan = json.loads(out)
    assert code == 0 and plan["chunks"] == 1 and "dpo" not in plan["estimated_calls"]
    assert plan["model"].endswith("http://127.0.0.1:9/v1") and not (tmp_path / "ws").exists()


def _cli(*argv, env=None, timeout=600):
    return subprocess.run([sys.executable, "-m", "datagen", *map(str, argv)], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **(env or {})})


def test_exact_command_forms_as_subprocesses(docs, tmp_path):
    ws, out_file = tmp_path / "WS_DIR", tmp_path / "data.jsonl"
    with ServerThread(model_app(rules, model="rules")) as base_url:
        run = _cli("run", docs, "--workspace", ws, "--dedup-threshold", "1",
                   env={"DATAGEN_BASE_URL": base_url, "DATAGEN_MODEL": "rules"})
    assert run.returncode == 0, run.stderr
    assert "questions:" in run.stderr  # tqdm bars on stderr
    export = _cli("export", "--workspace", ws, "--format", "alpaca", "--out", out_file)
    assert export.returncode == 0, export.stderr
    assert export.stdout.strip() == str(out_file)
    records = formats.read_records(out_file)  # default split: the short file is one chunk
    assert [r["instruction"] for r in records] == ["At what temperatures are coffee beans roasted?"]
    assert records[0]["output"] == "Between 180 and 240 degrees Celsius."


@pytest.mark.realmodel
def test_end_to_end_with_the_real_smollm2_behind_an_openai_compatible_server(docs, tmp_path):
    """The whole pipeline through the real ``openai`` client against SmolLM2 served on 127.0.0.1.

    SmolLM2-135M rarely writes valid JSON: the run must still complete, record failures with the raw
    replies, and say that a real endpoint gives better data."""
    from datagen.llm import LocalChatClient

    local = LocalChatClient()

    def generate(messages, max_tokens, temperature):
        result = local.generate(messages, temperature, max_tokens)
        text = result.text if not result.reasoning else f"<think>{result.reasoning}</think>{result.text}"
        return text, result.prompt_tokens, result.completion_tokens

    (docs / "coffee.md").write_text(DOC.split("## Brewing")[0], encoding="utf-8")  # one short section
    ws = tmp_path / "ws"
    start = time.monotonic()
    with ServerThread(model_app(generate, model="SmolLM2-135M-Instruct")) as base_url:
        run = _cli("run", docs, "--workspace", ws, "--base-url", base_url, "--api-key", KEY, "--max-tokens", "96",
                   "--max-questions", "2", "--parse-retries", "1", "--temperature", "0.2", "--no-triples",
                   "--max-tags", "3", timeout=900)
    seconds = time.monotonic() - start
    failed_now = int(re.search(r"this run: (\d+) failures", run.stdout).group(1))
    assert run.returncode == (3 if failed_now else 0), run.stderr  # exit 3: finished, some units failed
    assert KEY not in run.stdout + run.stderr
    store = Store.open(ws)
    counts = store.counts(1)
    calls = store.token_usage(1)
    assert calls["calls"] >= 3 and calls["completion_tokens"] > 0  # real generations were made and counted
    if counts["failures"]:
        assert all(f["raw"] or f["stage"] == "ingest" for f in store.list_failures(1))
        assert "failed units are stored with the model's raw reply" in run.stdout
    assert counts["tags"] > 0  # from the model, or from the outline when its JSON was unusable

    # Answering is plain text, which SmolLM2 can do: answer one hand-written question through the real server.
    chunk = store.list_chunks(1)[0]
    store.add_questions(1, [{"key": "human:1", "text": "At what temperatures are coffee beans roasted?",
                             "chunk_id": chunk["id"], "source": "human"}])
    with ServerThread(model_app(generate, model="SmolLM2-135M-Instruct")) as base_url:
        answers = _cli("answers", "--workspace", ws, "--base-url", base_url, "--max-tokens", "64",
                       "--temperature", "0", "--parse-retries", "0", timeout=900)
    assert answers.returncode == (3 if ", 1 failed," in answers.stdout else 0), answers.stderr
    assert "answers: 1/1 units" in answers.stdout
    seconds = time.monotonic() - start
    export = _cli("export", "--workspace", ws, "--format", "alpaca", "--out", tmp_path / "out.jsonl")
    assert export.returncode == 0, export.stderr
    records = formats.read_records(tmp_path / "out.jsonl")
    assert len(records) == store.counts(1)["answers"] >= 1
    assert records[-1]["instruction"] == "At what temperatures are coffee beans roasted?" and records[-1]["output"]
    item = store.list_items(1).items[-1]
    assert item["rouge_l"] is not None  # grounding scored against the chunk
    print(f"\nSmolLM2 end-to-end: {seconds:.0f} s, {store.token_usage(1)}, {store.counts(1)}\n"
          f"answer: {item['answer']!r}\nreasoning: {item['reasoning']!r}")


def test_push_and_pull_through_the_cli(tmp_path, capsys, monkeypatch):
    import hubserver
    from huggingface_hub import constants

    token = "hf_cli_TOKEN_0123456789"
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)  # the session is offline; this talks to 127.0.0.1
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path / "hf-cache"))
    rows = [{"instruction": f"Question {i}?", "input": "", "output": f"Answer {i}.", "system": ""} for i in range(6)]
    formats.write_records(rows, tmp_path / "qa.jsonl")
    ws = tmp_path / "ws"
    assert _main(capsys, "init", "-w", ws)[0] == 0
    assert _main(capsys, "import", "-w", ws, tmp_path / "qa.jsonl")[0] == 0
    with hubserver.serve(tmp_path / "hub", {token}) as hub:
        monkeypatch.setenv("HF_ENDPOINT", hub.url)
        monkeypatch.setenv("HF_TOKEN", token)
        code, out, err = _main(capsys, "push", "alice/qa", "-w", ws, "--format", "sharegpt", "--test-ratio", "0.5",
                               "--license", "cc-by-4.0")
        assert code == 0, err
        assert "alice/qa" in out and token not in out + err
        Store.open(ws).create_project("pulled")
        code, out, err = _main(capsys, "pull", "alice/qa", "-w", ws, "-p", "pulled")
        assert code == 0, err
        assert sorted(out.splitlines()) == ["test: imported 3, 0 already present",
                                            "train: imported 3, 0 already present"]
        monkeypatch.setenv("HF_TOKEN", "hf_wrong_TOKEN_999999")
        code, _, err = _main(capsys, "push", "alice/qa", "-w", ws)
        assert code == 1 and err.startswith("error: ") and "hf_wrong_TOKEN_999999" not in err
    store = Store.open(ws)
    assert store.counts(store.project_id("pulled"))["answers"] == 6
