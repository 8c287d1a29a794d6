"""Evaluation sets end to end: ``python -m datagen eval …`` through the real ``openai`` client against local
OpenAI-compatible servers (one for the model under test, another for the judge), and an evaluation run killed
with SIGKILL that resumes without asking any answered question again."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fastapi import FastAPI, Request
from openai_server import ServerThread, completion

from datagen import cli
from datagen import evalsets_store as es
from datagen.store import Store

ROOT = Path(__file__).resolve().parents[2]
DOC = """# Coffee

## Roasting
Coffee beans are roasted at temperatures between 180 and 240 degrees Celsius. Light roasts keep more acidity.

## Brewing
Espresso is brewed by forcing water at about 9 bar of pressure through finely ground coffee.
"""
ITEMS = {
    "true/false": {"question": "Espresso is brewed at about 9 bar.", "answer": True},
    "single-choice": {"question": "At what pressure is espresso brewed?", "options": ["1 bar", "9 bar", "20 bar",
                                                                                     "90 bar"], "answer": "B"},
    "multiple-choice": {"question": "Which statements about roasting hold?", "options": [
        "Beans reach 180 degrees or more", "Light roasts keep acidity", "Roasting uses 9 bar", "Dark is sour"],
        "answer": ["A", "B"]},
    "short-answer": {"question": "What is the lowest roasting temperature in degrees Celsius?", "answer": "180"},
    "open": {"question": "Why does a light roast taste different from a dark one?",
             "answer": "Light roasts keep more acidity.", "rubric": "Names acidity."},
}


def chat_app(rules, *, model: str, reasoning_field: str = "reasoning_content") -> FastAPI:
    """An OpenAI-compatible server answering each request with ``rules(body) -> (content, reasoning)``."""
    app = FastAPI()
    app.state.bodies = []

    @app.get("/v1/models")
    async def models() -> dict:
        return {"object": "list", "data": [{"id": model, "object": "model", "created": 0, "owned_by": "test"}]}

    @app.post("/v1/chat/completions")
    async def chat(request: Request) -> dict:
        body = await request.json()
        app.state.bodies.append(body)
        content, reasoning = rules(body)
        reply = completion(content, model=model)
        if reasoning is not None:
            reply["choices"][0]["message"][reasoning_field] = reasoning
        return reply

    return app


def model_rules(body) -> tuple[str, str | None]:
    """Writes eval items when asked to; otherwise answers like a fair student: right on the single choice,
    wrong on the multiple choice, prose on the rest."""
    text = body["messages"][-1]["content"]
    if "Item type:" in text:
        word = next(w for w in ITEMS if f"Item type: {w}" in text)
        return json.dumps({"questions": [{**ITEMS[word], "tag": "Coffee"}]}), None
    if "one correct option" in text:
        return '{"answer": "B"}', "9 bar is espresso pressure."
    if "every correct option" in text:
        return "A", None
    if "true or false" in text:
        return "True", None
    return "About 180 degrees; light roasts are more acidic.", None


def judge_rules(body) -> tuple[str, str | None]:
    text = body["messages"][-1]["content"]
    score = 5 if "acidic" in text.split("Model's answer:")[-1] else 0
    return json.dumps({"score": score, "reason": "checked against the reference"}), None


def run_cli(capsys, *argv) -> tuple[int, str]:
    code = cli.main(list(argv))
    return code, capsys.readouterr().out


def test_eval_generate_review_export_and_run_through_the_openai_client(tmp_path, capsys):
    datasets = pytest.importorskip("datasets")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "coffee.md").write_text(DOC, encoding="utf-8")
    ws = str(tmp_path / "ws")
    model_app, judge_app = chat_app(model_rules, model="student"), chat_app(judge_rules, model="judge")
    with ServerThread(model_app) as base_url, ServerThread(judge_app) as judge_url:
        assert run_cli(capsys, "init", "-w", ws)[0] == 0
        assert run_cli(capsys, "add", "-w", ws, str(docs))[0] == 0
        assert run_cli(capsys, "split", "-w", ws, "--min-len", "10", "--max-len", "400")[0] == 0
        assert run_cli(capsys, "tag", "-w", ws, "add", "Coffee")[0] == 0
        code, out = run_cli(capsys, "eval", "generate", "-w", ws, "--base-url", base_url, "--per-type", "1", "-q")
        assert code == 0, out
        store = Store.open(ws)
        pid = store.project_id("default")
        n_chunks = len(store.list_chunks(pid))
        assert es.eval_counts(store, pid) == {t: n_chunks for t in es.QTYPES}
        asked = [b for b in model_app.state.bodies if "Item type:" in b["messages"][-1]["content"]]
        assert all(b["response_format"]["type"] == "json_schema" for b in asked)  # the guide went as a schema

        code, out = run_cli(capsys, "eval", "list", "-w", ws, "--types", "single_choice", "--json")
        single = json.loads(out.splitlines()[0])
        assert single["answer"] == "B" and single["options"][1] == "9 bar" and single["tag"] == "Coffee"
        code, out = run_cli(capsys, "eval", "edit", str(single["id"]), "-w", ws, "--answer", "b", "--json")
        assert code == 0 and json.loads(out)["answer"] == "B"

        code, out = run_cli(capsys, "eval", "run", "-w", ws, "--base-url", base_url,  # model: the first listed
                            "--judge-base-url", judge_url, "--judge-model", "judge", "-q")
        assert code == 0, out
        assert "| single_choice |" in out and "| Coffee |" in out
        judged = [b for b in judge_app.state.bodies]
        assert len(judged) == 2 * n_chunks and all("Reference answer:" in b["messages"][-1]["content"]
                                                    for b in judged)
        assert not any("Reference answer:" in b["messages"][-1]["content"] for b in model_app.state.bodies)
        closed = [b for b in model_app.state.bodies if "Reply with one JSON object" in b["messages"][-1]["content"]
                  and "Item type:" not in b["messages"][-1]["content"]]
        assert closed and all("response_format" in b for b in closed)

    code, out = run_cli(capsys, "eval", "report", "1", "-w", ws, "--json", "--out", str(tmp_path / "results.jsonl"))
    report = json.loads(out)
    by_type = {t: c["score"] for t, c in report["summary"]["by_type"].items()}
    assert by_type == {"true_false": 1.0, "single_choice": 1.0, "multiple_choice": 0.0, "short_answer": 1.0,
                       "open": 1.0}
    assert report["status"] == "done" and report["summary"]["by_tag"]["Coffee"]["n"] == 5 * n_chunks
    results = datasets.load_dataset("json", data_files=str(tmp_path / "results.jsonl"), split="train")
    single_row = next(r for r in results if r["qtype"] == "single_choice")
    assert single_row["parsed"] == "B" and single_row["score"] == 1.0
    runs = run_cli(capsys, "eval", "runs", "-w", ws)[1]
    assert "run 1: student at" in runs and "[done]" in runs and "score 80.0%" in runs

    for ext in ("jsonl", "parquet"):
        code, out = run_cli(capsys, "eval", "export", "-w", ws, "--out", str(tmp_path / f"set.{ext}"))
        rows = datasets.load_dataset({"jsonl": "json"}.get(ext, ext), data_files=out.strip(), split="train")
        assert len(rows) == 5 * n_chunks and set(rows["type"]) == set(es.QTYPES)


KILL_SCRIPT = """
import sys
sys.path.insert(0, {root!r}); sys.path.insert(0, {tests!r})
from fakes import ScriptedLLM
from datagen import evalsets_service as svc
from datagen.generate import GenerationSettings
from datagen.store import Store

store = Store.open(sys.argv[1])
llm = ScriptedLLM(by_purpose={{"eval_closed": '{{"answer": "B"}}', "eval_open": "Because.",
                               "eval_judge": '{{"score": 5, "reason": "ok"}}'}}, concurrency=4, delay=float(sys.argv[2]))
run_id, report = svc.evaluate(store, store.project_id("p"), llm, GenerationSettings())
print(run_id, len(llm.calls))
"""


def test_an_evaluation_killed_with_sigkill_resumes_without_asking_answered_questions(tmp_path):
    store = Store.open(tmp_path / "ws", create=True)
    pid = store.create_project("p")
    n = 40
    rows = [{"key": f"q{i}", "qtype": "single_choice", "question": f"Which {i}?", "options": list("wxyz"),
             "answer": "B" if i % 2 else "C"} for i in range(n)]
    rows += [{"key": f"open{i}", "qtype": "open", "question": f"Why {i}?", "answer": "Because."} for i in range(10)]
    es.add_eval_questions(store, pid, rows)
    script = KILL_SCRIPT.format(root=str(ROOT), tests=str(Path(__file__).parent))
    proc = subprocess.Popen([sys.executable, "-c", script, str(tmp_path / "ws"), "0.05"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while store.query("SELECT count(*) AS n FROM eval_results")[0]["n"] < 10:
        assert proc.poll() is None, proc.stderr.read().decode()
        assert time.monotonic() < deadline, "the evaluation made no progress"
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    before = {r["question_id"]: (r["reply"], r["score"]) for r in store.query("SELECT * FROM eval_results")}
    unjudged = sum(1 for score in (s for _, s in before.values()) if score is None)
    assert 10 <= len(before) < n + 10
    assert es.list_eval_runs(store, pid)[0]["status"] == "running"  # killed: never closed

    rerun = subprocess.run([sys.executable, "-c", script, str(tmp_path / "ws"), "0"], capture_output=True, text=True,
                           timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    run_id, calls = map(int, rerun.stdout.split())
    open_left = 10 - sum(1 for qid in before if qid > n)
    # every question without a reply is asked once; open ones are also judged; a stored reply is never re-asked
    assert calls == (n + 10 - len(before)) + open_left + unjudged
    after = {r["question_id"]: (r["reply"], r["score"]) for r in store.query("SELECT * FROM eval_results")}
    assert len(after) == n + 10 and all(after[q][0] == before[q][0] for q in before)
    run = es.get_eval_run(store, run_id)
    assert run_id == 1 and run["status"] == "done" and run["summary"]["overall"]["scored"] == n + 10
    assert run["summary"]["by_type"]["single_choice"]["score"] == 0.5
