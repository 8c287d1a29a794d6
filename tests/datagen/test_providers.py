"""Provider presets, ``/v1/models`` listing, per-stage model routing and token usage per stage and per run:
presets resolve without the network; routing and listing go through the real ``openai`` client to two local
OpenAI-compatible servers that record which model each request named and which key it carried."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fakes import ScriptedLLM
from fastapi import FastAPI, Request
from openai_server import ServerThread, completion

from datagen import cli, cli_common, providers, usage
from datagen.generate import GenerationSettings
from datagen.llm import LLMSettings
from datagen.questions import generate_questions
from datagen.store import Store

KEY = "sk-main-SECRET-0123456789abcdef"
DOC = """# Lava

## Temperature
Lava leaves a volcano at about 700 to 1200 degrees Celsius and cools into basalt or obsidian.
"""


def recording_app(models: list[str]) -> FastAPI:
    """Lists ``models``; answers question and answer prompts; records (model, authorization, prompt kind)."""
    app = FastAPI()
    app.state.seen = []

    @app.get("/v1/models")
    async def list_models() -> dict:
        return {"object": "list", "data": [{"id": m, "object": "model", "created": 0, "owned_by": "t"} for m in models]}

    @app.post("/v1/chat/completions")
    async def chat(request: Request):
        body = await request.json()
        text = body["messages"][-1]["content"]
        if "questions that a reader could answer" in text:
            kind, reply = "questions", '[{"question": "How hot is lava?"}, {"question": "What does lava become?"}]'
        elif "Answer the question using only the reference text" in text:
            kind, reply = "answer", f"Answered by {body['model']}."
        else:
            kind, reply = "other", "unexpected prompt"
        app.state.seen.append((body["model"], request.headers.get("authorization"), kind))
        return completion(reply, model=body["model"], prompt_tokens=11, completion_tokens=3)

    return app


def test_presets_fill_the_base_url_and_the_key_rules():
    env = {"OPENAI_API_KEY": KEY, "DEEPSEEK_API_KEY": "sk-deep-0123456789"}
    ollama = providers.resolve_settings("ollama", environ=env)
    assert (ollama.base_url, ollama.api_key) == ("http://127.0.0.1:11434/v1", None)  # no key sent to Ollama
    assert providers.resolve_settings("vllm", environ={}).base_url == "http://127.0.0.1:8000/v1"
    deepseek = providers.resolve_settings("deepseek", environ=env, model="deepseek-chat")
    assert (deepseek.base_url, deepseek.api_key, deepseek.model) == (
        "https://api.deepseek.com/v1", "sk-deep-0123456789", "deepseek-chat")
    assert providers.resolve_settings("openrouter", api_key="k", environ={}).base_url == "https://openrouter.ai/api/v1"
    assert providers.resolve_settings("siliconflow", api_key="k", environ={}).base_url.endswith("siliconflow.cn/v1")
    assert providers.resolve_settings("ollama", base_url="http://10.0.0.5:11434/v1/", environ={}).base_url == \
        "http://10.0.0.5:11434/v1"  # an explicit URL wins over the preset
    with pytest.raises(ValueError, match="DeepSeek needs an API key: set DEEPSEEK_API_KEY"):
        providers.resolve_settings("deepseek", environ={"OPENAI_API_KEY": KEY})
    with pytest.raises(ValueError, match="provider 'custom' needs a base URL"):
        providers.resolve_settings("custom", environ={})
    with pytest.raises(ValueError, match="no user:password@"):
        providers.resolve_settings("custom", base_url="http://me:pw@host/v1", environ={})
    with pytest.raises(ValueError, match="unknown provider 'nope'"):
        providers.provider("nope")
    args = cli.build_parser().parse_args(["models", "--provider", "ollama", "--model", "llama3.2"])
    settings = cli_common.llm_settings(args)
    assert (settings.base_url, settings.model, settings.api_key) == ("http://127.0.0.1:11434/v1", "llama3.2", None)


def test_stage_routes_are_stored_without_keys_and_route_each_stage(tmp_path):
    store = Store.open(tmp_path / "ws", create=True)
    pid = store.create_project("p")
    providers.set_stage_route(store, pid, "answers", model="big-b", base_url="http://127.0.0.1:9/v1")
    providers.set_stage_route(store, pid, "distill", model="d-model")
    providers.set_stage_route(store, pid, "judge", model="j", provider_name="deepseek")
    with pytest.raises(ValueError, match="unknown stage 'answer'"):
        providers.set_stage_route(store, pid, "answer", model="x")
    base = LLMSettings(base_url="http://127.0.0.1:8/v1", model="small-a", api_key=KEY)
    made: list[LLMSettings] = []
    router = providers.routed_client(store, pid, base, factory=lambda s: made.append(s) or ScriptedLLM(model=s.model))
    assert router.for_stage("questions").model == "small-a"  # no route: the run's model
    assert router.for_stage("answers").model == "big-b" and router.for_stage("answers") is router.for_stage("answers")
    assert router.for_stage("distill_tags").model == "d-model"
    answers, distill = made[1], made[2]
    assert (answers.base_url, answers.api_key) == ("http://127.0.0.1:9/v1", None)  # another host: not our key
    assert (distill.base_url, distill.api_key) == (base.base_url, KEY)  # same endpoint: the run's key
    judge = providers.route_settings(base, providers.stage_routes(store, pid)["judge"], environ={
        "DEEPSEEK_API_KEY": "sk-deep-0123456789"})
    assert (judge.base_url, judge.api_key) == ("https://api.deepseek.com/v1", "sk-deep-0123456789")
    providers.set_stage_route(store, pid, "judge")  # no model: cleared
    assert set(providers.stage_routes(store, pid)) == {"answers", "distill"}
    assert KEY not in store.conn.execute("SELECT settings FROM projects").fetchone()[0]
    store.close()


def test_job_uses_the_stage_client(tmp_path):
    store = Store.open(tmp_path / "ws", create=True)
    pid = store.create_project("p")
    fid, _ = store.add_file(pid, name="d", stored_path="d", kind="md", sha256="s", size=1, text="t", outline=[],
                            meta={})
    store.replace_chunks(pid, fid, [{"text": "Passage one about lava."}])
    providers.set_stage_route(store, pid, "questions", model="q-model")
    clients = {}

    def factory(settings):
        clients[settings.model] = ScriptedLLM(model=settings.model, by_purpose={"questions": '["Is lava hot?"]'})
        return clients[settings.model]

    router = providers.routed_client(store, pid, LLMSettings(base_url="http://127.0.0.1:8/v1", model="m"), factory)
    report = generate_questions(store, pid, router, GenerationSettings(min_questions=1, dedup_threshold=1.0))
    assert report.created == 1 and clients["q-model"].purposes() == ["questions"] and not clients["m"].calls
    assert [(r["stage"], r["model"]) for r in usage.by_stage(store, pid)] == [("questions", "q-model")]
    store.close()


def _main(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out, err


def test_per_stage_models_through_two_servers_and_usage_per_stage_and_run(tmp_path, capsys, monkeypatch):
    doc = tmp_path / "lava.md"
    doc.write_text(DOC, encoding="utf-8")
    ws = tmp_path / "ws"
    key_file = tmp_path / "key.txt"
    key_file.write_text(KEY + "\n")
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    app_a, app_b = recording_app(["small-a", "other-a"]), recording_app(["big-b"])
    with ServerThread(app_a) as url_a, ServerThread(app_b) as url_b:
        out, _ = _main(capsys, "models", "--base-url", url_a)
        assert out.split() == ["small-a", "other-a"]  # GET /v1/models through the openai client
        assert json.loads(_main(capsys, "models", "--base-url", url_b, "--json")[0]) == ["big-b"]
        _main(capsys, "init", "-w", ws)
        _main(capsys, "add", doc, "-w", ws)
        _main(capsys, "split", "-w", ws)
        out, _ = _main(capsys, "stage-models", "set", "answers", "big-b", "--base-url", url_b, "-w", ws)
        assert f"answers: big-b at {url_b}" in out and "questions: (the run model)" in out
        common = ["-w", ws, "--base-url", url_a, "--model", "small-a", "--api-key-file", key_file, "-q",
                  "--no-reasoning", "--dedup-threshold", "1", "--min-questions", "2", "--max-questions", "2"]
        _main(capsys, "questions", *common)
        out, _ = _main(capsys, "answers", *common)
    assert "answers: 2/2 units, 2 created" in out
    assert {(m, k) for m, _, k in app_a.state.seen} == {("small-a", "questions")}
    assert [(m, k) for m, _, k in app_b.state.seen] == [("big-b", "answer")] * 2
    assert {auth for _, auth, _ in app_a.state.seen} == {f"Bearer {KEY}"}
    assert all(KEY not in (auth or "") for _, auth, _ in app_b.state.seen)  # the key stays with its host
    store = Store.open(ws)
    answers = [r["text"] for r in store.query("SELECT text FROM answers ORDER BY id")]
    assert answers == ["Answered by big-b."] * 2
    stats = json.loads(_main(capsys, "stats", "-w", ws, "--json")[0])["usage"]
    stages = {(r["stage"], r["model"]): (r["calls"], r["prompt_tokens"], r["completion_tokens"])
              for r in stats["stages"]}
    n_q = len(app_a.state.seen)
    assert stages == {("questions", "small-a"): (n_q, 11 * n_q, 3 * n_q), ("answers", "big-b"): (2, 22, 6)}
    runs = {r["stage"]: (r["calls"], r["prompt_tokens"], r["completion_tokens"], r["models"]) for r in stats["tasks"]}
    assert runs == {"questions": (n_q, 11 * n_q, 3 * n_q, "small-a"), "answers": (2, 22, 6, "big-b")}
    text, _ = _main(capsys, "stats", "-w", ws)
    assert "answers [big-b]: 2 calls, prompt 22, completion 6" in text
    assert "answers (done 2/2) [big-b]: 2 calls, prompt 22, completion 6" in text
    raw = b"".join(p.read_bytes() for p in Path(ws).iterdir() if p.is_file())
    assert KEY.encode() not in raw  # not in the database, its WAL, or any other file of the workspace
    store.close()

