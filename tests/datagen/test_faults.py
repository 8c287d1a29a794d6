"""A flaky endpoint (issue 12, findings 2-4), through the real ``openai`` client against the fault-injecting server:
unusable bodies are retried like 5xx, ``--timeout`` is a deadline per request, a whole ``python -m datagen run``
completes in one invocation at 10 % mixed faults with a truthful exit code and summary, and failed units are
recorded with their reasons and retried, exactly them, by the next run."""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fault_server import FAULTS, FaultServer, mixed_faults

from datagen.errors import LLMError
from datagen.llm import LLMSettings, OpenAIChatClient
from datagen.store import Store

ROOT = Path(__file__).resolve().parents[2]
MESSAGES = [{"role": "user", "content": "Say hi"}]
N_TOPICS = 16
_ITEM = re.compile(r"item (\d+)")


def _client(base_url: str, **overrides) -> OpenAIChatClient:
    values = {"base_url": base_url, "model": "fault-model", "max_retries": 4, "backoff_base": 0.02,
              "backoff_max": 0.2, "timeout": 1.0}
    return OpenAIChatClient(LLMSettings(**{**values, **overrides}))


def _chat(client):
    async def go():
        try:
            return await client.chat(MESSAGES, purpose="test")
        finally:
            await client.aclose()

    return asyncio.run(go())


def test_unusable_200_bodies_are_retried_like_5xx():
    script = ["bad_json", "empty", "no_choices", "html"]
    server = FaultServer(lambda body: "hi", lambda n, body: script[n] if n < len(script) else None)
    with server as base_url:
        result = _chat(_client(base_url))
    assert result.text == "hi" and result.attempts == 5
    assert server.faults() == script


def test_unusable_bodies_after_the_retries_name_the_endpoint():
    server = FaultServer(lambda body: "hi", lambda n, body: "bad_json")
    with server as base_url, pytest.raises(LLMError) as info:
        _chat(_client(base_url, max_retries=2))
    assert base_url in str(info.value) and "unusable reply body" in str(info.value) and "3 attempts" in str(info.value)
    assert info.value.transient


def test_timeout_is_a_deadline_for_the_whole_request():
    server = FaultServer(lambda body: "hi", lambda n, body: "trickle", trickle_interval=0.2)
    with server as base_url:
        start = time.monotonic()
        with pytest.raises(LLMError, match="no complete reply within 1 s"):
            _chat(_client(base_url, max_retries=1, timeout=1.0))
        elapsed = time.monotonic() - start
    assert elapsed < 4, elapsed  # two attempts of 1 s each (+ backoff); a trickle would take minutes


def _doc() -> str:
    sections = [f"## Topic {i}\n\nThe value of item {i} is {i * 7} units, measured in the year {1900 + i}."
                for i in range(N_TOPICS)]
    return "# Items\n\n" + "\n\n".join(sections) + "\n"


def respond(body: dict) -> str:
    """A rule-based model: recognises each prompt by its wording and answers about the item it names."""
    text = body["messages"][-1]["content"]
    items = _ITEM.findall(text)
    n = items[-1] if items else "0"
    if "subject tags" in text:
        return '{"tags": [{"name": "Items", "children": ["Values"]}]}'
    if "questions that a reader could answer" in text:
        return json.dumps([{"question": f"What is the value of item {n}?", "tag": "Values"}])
    if "Answer the question using only the reference text" in text:
        return f"The value of item {n} is {int(n) * 7} units."
    if "from general knowledge" in text:
        return f"I do not know the value of item {n}."
    if "(name, property, value)" in text:
        return json.dumps([{"name": f"item {n}", "property": "value", "value": f"{int(n) * 7} units"}])
    if "Explain, step by step" in text:
        return f"The passage gives the value of item {n} directly."
    return "unexpected prompt"


def _run(docs: Path, ws: Path, base_url: str, *extra: str) -> subprocess.CompletedProcess:
    argv = [sys.executable, "-m", "datagen", "run", str(docs), "-w", str(ws), "--base-url", base_url, "--model",
            "fault-model", "--timeout", "1", "--max-retries", "4", "--concurrency", "4", "--dedup-threshold", "1",
            "--max-questions", "1", "--min-len", "10", "--max-len", "300", "-q", *extra]
    return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.fixture
def docs(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "items.md").write_text(_doc(), encoding="utf-8")
    return folder


def test_one_run_completes_at_ten_percent_mixed_faults(docs, tmp_path):
    server = FaultServer(respond, mixed_faults(0.10, seed=7), trickle_interval=0.3)
    with server as base_url:
        start = time.monotonic()
        run = _run(docs, tmp_path / "ws", base_url)
        seconds = time.monotonic() - start
    faults = server.faults()
    print(f"\n{len(server.requests)} requests, {len(faults)} faults ({sorted(set(faults))}), {seconds:.1f} s")
    assert len(faults) >= 0.06 * len(server.requests) and set(faults) == set(FAULTS)  # every kind, ~10 %
    store = Store.open(tmp_path / "ws")
    counts = store.counts(1)
    failed_now = int(re.search(r"this run: (\d+) failures", run.stdout).group(1))
    assert run.returncode == (3 if failed_now else 0), run.stdout + run.stderr  # the exit code tells the truth
    assert counts["failures"] == failed_now == len(store.list_failures(1))
    assert "stopped:" not in run.stdout and "Traceback" not in run.stderr
    # every unit either produced its rows or is a recorded failure: nothing silently lost
    assert counts["questions"] + len(store.list_failures(1, stage="questions")) == N_TOPICS
    assert counts["answers"] + len(store.list_failures(1, stage="answers")) == counts["questions"]
    assert failed_now == 0 and counts["answers"] == counts["dpo_pairs"] == counts["triples"] == N_TOPICS
    assert [t["status"] for t in store.list_tasks(1)] == ["done"] * len(store.list_tasks(1))
    store.close()


def test_failed_units_are_recorded_then_exactly_they_are_retried(docs, tmp_path):
    broken = {"3", "11"}

    def plan(n: int, body: dict) -> str | None:  # answers about items 3 and 11 always fail
        text = body["messages"][-1]["content"]
        if "Answer the question using only" in text and _ITEM.findall(text)[-1] in broken:
            return "503"
        return None

    with FaultServer(respond, plan) as base_url:
        first = _run(docs, tmp_path / "ws", base_url, "--max-retries", "1")
    assert first.returncode == 3, first.stdout + first.stderr
    assert "this run: 2 failures" in first.stdout and "2 unit(s) failed" in first.stderr
    store = Store.open(tmp_path / "ws")
    failures = store.list_failures(1)
    assert len(failures) == 2 and all(f["stage"] == "answers" and "HTTP 503" in f["error"] for f in failures)
    assert store.counts(1)["answers"] == N_TOPICS - 2

    server = FaultServer(respond)  # the endpoint is healthy again
    with server as base_url:
        second = _run(docs, tmp_path / "ws", base_url)
    assert second.returncode == 0, second.stdout + second.stderr
    asked = {_ITEM.findall(body["messages"][-1]["content"])[-1] for _, body, _ in server.requests}
    assert asked == broken  # only the failed units (and the DPO/reasoning work they unblock) were asked
    counts = store.counts(1)
    assert counts["answers"] == counts["dpo_pairs"] == N_TOPICS and counts["failures"] == 0
    assert "0 failures recorded" in second.stdout
    assert len(store.list_failures(1, include_resolved=True)) == 2  # kept as history, marked resolved
    store.close()


def test_two_concurrent_runs_on_one_workspace_do_the_llm_work_once(docs, tmp_path):
    def slow(body: dict) -> str:
        time.sleep(0.3)
        return respond(body)

    server = FaultServer(slow)
    with server as base_url:
        argv = [sys.executable, "-m", "datagen", "run", str(docs), "-w", str(tmp_path / "ws"), "--base-url", base_url,
                "--model", "fault-model", "--concurrency", "4", "--dedup-threshold", "1", "--max-questions", "1",
                "--min-len", "10", "--max-len", "300", "-q"]
        procs = [subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(2)]
        results = [(p.wait(timeout=300), p.stdout.read(), p.stderr.read()) for p in procs]
    codes = sorted(code for code, _, _ in results)
    assert codes == [0, 1], results
    refused = next(err for code, _, err in results if code == 1)
    assert "is already working on this project" in refused and "pid" in refused
    prompts = [body["messages"][-1]["content"] for _, body, _ in server.requests]
    assert len(prompts) == len(set(prompts)) == 1 + 5 * N_TOPICS  # tags + per topic: question, answer,
    # reasoning, rejected, triples — each asked once
    store = Store.open(tmp_path / "ws")
    assert store.counts(1)["answers"] == N_TOPICS
    store.close()
