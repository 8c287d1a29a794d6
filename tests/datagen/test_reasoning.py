"""Reasoning data: the chain of thought kept from ``reasoning_content``, ``reasoning`` or ``<think>`` (closed, opened
in the prompt, or cut off), synthesised on request when missing (resumable after SIGKILL), and exported in the
formats that carry it (Alpaca with a ``reasoning`` column; ShareGPT/OpenAI with ``<think>`` in the answer)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fakes import ScriptedLLM
from fastapi import FastAPI, Request
from openai_server import ServerThread, completion

from datagen import cli, formats
from datagen.generate import GenerationSettings
from datagen.llm import LLMSettings, OpenAIChatClient, native_reasoning, split_think
from datagen.reasoning import synthesize_reasoning
from datagen.store import Store

ROOT = Path(__file__).resolve().parents[2]


def test_split_think_keeps_every_shape_of_thinking():
    assert split_think("<think>\nstep 1\n</think>\n\nParis.") == ("Paris.", "step 1")
    assert split_think("step 1, step 2\n</think>\n\nParis.") == ("Paris.", "step 1, step 2")  # opened in the prompt
    assert split_think("<think>cut off while") == ("", "cut off while")
    assert split_think("Paris. <think>an afterthought") == ("Paris.", "an afterthought")
    assert split_think("Plain answer.") == ("Plain answer.", None)


def test_native_reasoning_reads_both_fields_and_ignores_non_text():
    assert native_reasoning({"reasoning_content": "A"}) == "A"
    assert native_reasoning({"reasoning": "B"}) == "B"
    assert native_reasoning({"reasoning_content": "A", "reasoning": "A"}) == "A"
    assert native_reasoning({"reasoning_content": "A", "reasoning": "B"}) == "A\n\nB"
    assert native_reasoning({"reasoning": {"effort": "high"}, "reasoning_content": None}) is None


def reasoning_app(replies: list[dict]) -> FastAPI:
    """Answers with the next ``{"content", <extra message fields>}`` (e.g. ``reasoning``), without streaming."""
    app = FastAPI()

    @app.post("/v1/chat/completions")
    async def chat(request: Request) -> dict:
        body = await request.json()
        assert not body.get("stream")
        step = dict(replies.pop(0))
        reply = completion(step.pop("content"), model="reasoner")
        reply["choices"][0]["message"].update(step)
        return reply

    return app


def test_the_openai_client_keeps_reasoning_from_every_server_shape():
    app = reasoning_app([{"content": "Paris.", "reasoning": "OpenRouter-style field."},
                         {"content": "Paris.", "reasoning_content": "DeepSeek-style field."},
                         {"content": "It starts inside the block.\n</think>\n\nParis."},
                         {"content": "Paris.", "reasoning": None, "reasoning_details": [{"type": "x"}]}])
    with ServerThread(app) as base_url:
        client = OpenAIChatClient(LLMSettings(base_url=base_url, model="reasoner", max_retries=0))

        async def ask():
            try:
                return await client.chat([{"role": "user", "content": "Capital of France?"}])
            finally:
                await client.aclose()

        import asyncio

        results = [asyncio.run(ask()) for _ in range(4)]
    assert [(r.text, r.reasoning) for r in results] == [
        ("Paris.", "OpenRouter-style field."), ("Paris.", "DeepSeek-style field."),
        ("Paris.", "It starts inside the block."), ("Paris.", None)]


def _workspace(tmp_path, n: int, *, with_context: bool = True) -> tuple[Store, int]:
    store = Store.open(tmp_path / "ws", create=True)
    pid = store.create_project("p")
    store.add_questions(pid, [{"key": f"k{i}", "text": f"Question {i}?",
                               "context": f"Passage {i} says {i}." if with_context or i % 2 else None,
                               "source": "import"} for i in range(n)])
    for qid, _ in store.active_question_texts(pid):
        store.add_answer(qid, text=f"Answer {qid}.", reasoning="Native chain." if qid == 1 else None,
                         reasoning_source="native" if qid == 1 else None)
    return store, pid


def test_synthesis_fills_only_missing_chains_with_the_right_prompt(tmp_path):
    store, pid = _workspace(tmp_path, 4, with_context=False)
    llm = ScriptedLLM(by_purpose={"reasoning": "From the passage.", "reasoning_free": "From general knowledge."})
    report = synthesize_reasoning(store, pid, llm, GenerationSettings())
    assert (report.total, report.created, report.skipped) == (3, 3, 1)
    items = {i["id"]: i for i in store.iter_items(pid, status="answered")}
    assert (items[1]["reasoning"], items[1]["reasoning_source"]) == ("Native chain.", "native")  # untouched
    assert {items[q]["reasoning"] for q in (2, 4)} == {"From the passage."}  # grounded: explained from the chunk
    assert items[3]["reasoning"] == "From general knowledge." and items[3]["reasoning_source"] == "generated"
    assert synthesize_reasoning(store, pid, ScriptedLLM(), GenerationSettings()).total == 0  # nothing left


KILL_SCRIPT = """
import sys
sys.path.insert(0, {root!r}); sys.path.insert(0, {tests!r})
from fakes import ScriptedLLM
from datagen.generate import GenerationSettings
from datagen.reasoning import synthesize_reasoning
from datagen.store import Store

store = Store.open(sys.argv[1])
llm = ScriptedLLM(by_purpose={{"reasoning": lambda m: "Chain for " + m[-1]["content"].split("Question: ")[1][:12]}},
                  concurrency=4, delay=float(sys.argv[2]))
report = synthesize_reasoning(store, store.project_id("p"), llm, GenerationSettings())
print(len(llm.calls))
"""


def test_synthesis_killed_with_sigkill_resumes_with_the_rest(tmp_path):
    n = 40
    store, pid = _workspace(tmp_path, n)
    script = KILL_SCRIPT.format(root=str(ROOT), tests=str(Path(__file__).parent))
    proc = subprocess.Popen([sys.executable, "-c", script, str(tmp_path / "ws"), "0.05"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120

    def done() -> dict:
        return {r["question_id"]: r["reasoning"] for r in store.query(
            "SELECT question_id, reasoning FROM answers WHERE reasoning_source = 'generated'")}

    while len(done()) < 8:
        assert proc.poll() is None, proc.stderr.read().decode()
        assert time.monotonic() < deadline, "no progress"
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    before = done()
    assert 8 <= len(before) < n - 1
    rerun = subprocess.run([sys.executable, "-c", script, str(tmp_path / "ws"), "0"], capture_output=True, text=True,
                           timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert int(rerun.stdout) == n - 1 - len(before)  # only the chains still missing were asked for
    after = done()
    assert len(after) == n - 1 and all(after[q] == before[q] for q in before)
    assert all(after[q] == f"Chain for Question {q - 1}?"[: len("Chain for ") + 12] for q in after)


def rules_app(requests: list) -> FastAPI:
    """Answers like a reasoning model: the chain in the ``reasoning`` field for the first question, in a think
    block opened by the prompt for the second, none for the third; the reasoning prompt gets plain text."""
    app = FastAPI()

    @app.post("/v1/chat/completions")
    async def chat(request: Request) -> dict:
        body = await request.json()
        requests.append(body)
        text = body["messages"][-1]["content"]
        if "Explain, step by step" in text:
            return completion("The passage names the value.", model="r1")
        if "Question: First?" in text:
            reply = completion("One.", model="r1")
            reply["choices"][0]["message"]["reasoning"] = "Field chain."
            return reply
        if "Question: Second?" in text:
            return completion("Opened in the prompt.\n</think>\n\nTwo.", model="r1")
        return completion("Three.", model="r1")

    return app


def test_reasoning_is_kept_synthesised_and_exported_through_the_cli(tmp_path, capsys):
    datasets = pytest.importorskip("datasets")
    ws = str(tmp_path / "ws")
    store = Store.open(ws, create=True)
    pid = store.create_project("default")
    store.add_questions(pid, [{"key": f"k{i}", "text": q, "context": f"Passage {i}.", "source": "import"}
                              for i, q in enumerate(("First?", "Second?", "Third?"))])
    requests: list = []
    with ServerThread(rules_app(requests)) as base_url:
        common = ["-w", ws, "--base-url", base_url, "--model", "r1", "-q"]
        assert cli.main(["answers", *common, "--no-reasoning"]) == 0
        items = {i["question"]: i for i in store.iter_items(pid, status="answered")}
        assert (items["First?"]["reasoning"], items["First?"]["reasoning_source"]) == ("Field chain.", "native")
        assert (items["Second?"]["answer"], items["Second?"]["reasoning"]) == ("Two.", "Opened in the prompt.")
        assert items["Third?"]["reasoning"] is None
        assert cli.main(["reasoning", *common]) == 0
    items = {i["question"]: i for i in store.iter_items(pid, status="answered")}
    assert (items["Third?"]["reasoning"], items["Third?"]["reasoning_source"]) == ("The passage names the value.",
                                                                                   "generated")
    assert sum("Explain, step by step" in r["messages"][-1]["content"] for r in requests) == 1
    capsys.readouterr()

    out = tmp_path / "alpaca_r.jsonl"
    assert cli.main(["export", "-w", ws, "--format", "alpaca_reasoning", "--out", str(out), "--llamafactory", "r"]) == 0
    rows = datasets.load_dataset("json", data_files=str(out), split="train")
    first = next(r for r in rows if r["instruction"] == "First?")
    assert (first["output"], first["reasoning"]) == ("One.", "Field chain.")
    entry = json.loads((tmp_path / "dataset_info.json").read_text())["r"]
    assert entry["columns"]["response"] == "output" and entry["file_name"] == out.name
    assert formats.from_records(formats.read_records(out))[0]["reasoning"] == "Field chain."  # round trip

    for fmt, key, content in (("sharegpt", "conversations", "value"), ("openai", "messages", "content")):
        path = tmp_path / f"{fmt}.json"
        assert cli.main(["export", "-w", ws, "--format", fmt, "--out", str(path), "--include-reasoning"]) == 0
        rows = datasets.load_dataset("json", data_files=str(path), split="train")
        answer = next(m[content] for r in rows for m in r[key] if m[content].endswith("One."))
        assert answer == "<think>\nField chain.\n</think>\n\nOne."  # LLaMA-Factory's reasoning-template layout
