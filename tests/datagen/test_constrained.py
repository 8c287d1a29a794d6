"""Schema-valid output by construction: guides, llguidance-constrained batched decoding, the batcher, and
``response_format`` for endpoints (sent when accepted, dropped and remembered when refused)."""

from __future__ import annotations

import asyncio
import json
import re

import jsonschema
import pytest
from fakes import ScriptedLLM
from openai_server import ServerThread, scripted_app

from datagen import guides, llm, parsing
from datagen.errors import LLMOutputError
from datagen.generate import GenerationSettings, Job
from datagen.llm import LLMSettings, OpenAIChatClient
from datagen.localgen import Batcher, Generated, GenRequest, decode_batch
from datagen.store import Store

MESSAGES = [{"role": "user", "content": "Write questions about Mars."}]


@pytest.fixture(scope="module")
def tiny_model():
    """A tiny random Llama with the real SmolLM2 tokenizer (its output is noise: only the grammar shapes it)."""
    import torch
    from transformers import AutoTokenizer, LlamaConfig, LlamaForCausalLM

    from kblam.models import default_backbone_dir

    tokenizer = AutoTokenizer.from_pretrained(default_backbone_dir())
    torch.manual_seed(0)
    config = LlamaConfig(vocab_size=len(tokenizer), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=2048)
    return LlamaForCausalLM(config).eval(), tokenizer


def test_guides_are_inside_the_parse_schemas():
    """Every guide-shaped value passes the parse schema of its stage (the stricter shape is a subset)."""
    samples = [
        (guides.questions_guide(2, ["Orbit", "Moons"]), parsing.QUESTIONS_SCHEMA,
         {"questions": [{"question": "How many moons does Mars have?", "tag": "Moons"},
                        {"question": "How long is a year on Mars?", "tag": "Orbit"}]}),
        (guides.string_list_guide(3), parsing.STRING_LIST_SCHEMA, {"questions": ["Why is Mars red?"]}),
        (guides.tag_tree_guide(4), parsing.TAG_TREE_SCHEMA, {"tags": [{"name": "Mars", "children": ["Moons"]}]}),
        (guides.triples_guide(5), parsing.TRIPLES_SCHEMA,
         {"triples": [{"name": "Mars", "property": "moons", "value": "2"}]}),
        (guides.JUDGE_GUIDE, parsing.JUDGE_SCHEMA, {"score": 4, "reason": "Grounded in the text."}),
    ]
    for guide, schema, value in samples:
        jsonschema.validate(value, guide)
        assert parsing.parse_reply(json.dumps(value), schema) == value
    pattern = re.compile(guides.QUESTION_PATTERN)
    assert pattern.match("How many moons does Mars have?") and pattern.match("火星有几颗卫星？")
    for bad in ("What does ...?", "What does…?", 'Who said "hi"?', "No question mark", " Leading space?",
                "<question about one fact>?", "How long is it? It is long, then?"):
        assert not pattern.match(bad), bad
    english = re.compile(guides.question_pattern("en"))
    assert english.match("Why is Mars red?") and not english.match("A question that the passage answers?")
    with pytest.raises(jsonschema.ValidationError):  # exactly `count` questions, tags from the list only
        jsonschema.validate({"questions": [{"question": "Why is Mars red?", "tag": "Venus"}]},
                            guides.questions_guide(1, ["Mars"]))


def test_random_model_replies_match_their_schemas_in_one_mixed_batch(tiny_model):
    """A random model (it would never write JSON by itself) produces schema-valid JSON for every guided row;
    rows with different schemas, budgets and a free-text row share one batch."""
    import torch

    model, tokenizer = tiny_model
    schemas = [guides.questions_guide(2, ["Orbit", "Moons"]), guides.JUDGE_GUIDE, guides.triples_guide(2),
               guides.tag_tree_guide(2), guides.string_list_guide(2)]
    requests = [GenRequest(MESSAGES, 400, 0.7, s) for s in schemas]
    requests.append(GenRequest(MESSAGES, 7, 0.0, None))
    out = decode_batch(model, tokenizer, requests, generator=torch.Generator().manual_seed(1))
    assert len(out) == len(requests)
    for result, schema in zip(out, schemas, strict=False):
        assert result.finish_reason == "stop", result
        jsonschema.validate(json.loads(result.text), schema)
    free = out[-1]
    assert free.completion_tokens <= 7 and free.prompt_tokens > 5
    assert out[1].prompt_tokens == free.prompt_tokens  # left padding does not count as prompt


def test_grammar_cut_by_the_token_budget_reports_length(tiny_model):
    model, tokenizer = tiny_model
    [result] = decode_batch(model, tokenizer, [GenRequest(MESSAGES, 5, 0.0, guides.questions_guide(3))])
    assert result.finish_reason == "length" and result.completion_tokens == 5
    with pytest.raises(LLMOutputError):
        parsing.parse_reply(result.text, parsing.QUESTIONS_SCHEMA)


def test_local_client_batches_concurrent_requests(tiny_model):
    """Concurrent chats through the built-in client are decoded together, at most batch_size at a time."""
    model, tokenizer = tiny_model
    client = llm.LocalChatClient(LLMSettings(temperature=0.0), loader=lambda: (model, tokenizer), batch_size=3)
    sizes = []
    real = client.generate_batch
    client.generate_batch = lambda requests: sizes.append(len(requests)) or real(requests)

    async def go():
        return await asyncio.gather(*[client.chat(MESSAGES, max_tokens=4, schema=guides.JUDGE_GUIDE if i % 2
                                                  else None) for i in range(7)])

    results = asyncio.run(go())
    assert sorted(sizes, reverse=True) == [3, 3, 1] and len(results) == 7
    assert all(r.completion_tokens <= 4 for r in results)


def test_batcher_gives_every_waiter_the_batch_error():
    def broken(requests):
        raise RuntimeError("out of memory")

    batcher = Batcher(broken, max_batch=4, gather_seconds=0.0)

    async def go():
        return await asyncio.gather(*[batcher.submit(GenRequest(MESSAGES, 1)) for _ in range(3)],
                                    return_exceptions=True)

    assert [str(e) for e in asyncio.run(go())] == ["out of memory"] * 3
    ok = Batcher(lambda rs: [Generated("x", 1, 1, "stop") for _ in rs], max_batch=2, gather_seconds=0.0)
    assert asyncio.run(ok.submit(GenRequest(MESSAGES, 1))).text == "x"


def test_job_asks_for_the_guide_of_its_schema(tmp_path):


    store = Store.open(tmp_path / "ws", create=True)
    pid = store.create_project("p")
    client = ScriptedLLM(['{"score": 4, "reason": "fine"}'])
    job = Job(store, pid, client, GenerationSettings(), stage="judge")
    value, _ = asyncio.run(job.ask("judge", {"context": "c", "question": "q", "answer": "a"}, key="k",
                                   schema=parsing.JUDGE_SCHEMA))
    assert value["score"] == 4 and client.schemas == [guides.JUDGE_GUIDE]


def _endpoint_client(base_url: str) -> OpenAIChatClient:
    return OpenAIChatClient(LLMSettings(base_url=base_url, model="m", max_retries=1, backoff_base=0.01,
                                        backoff_max=0.02, timeout=5))


def _chat(client, schema):
    async def go():
        try:
            return await client.chat(MESSAGES, purpose="judge", schema=schema)
        finally:
            await client.aclose()

    return asyncio.run(go())


def test_endpoint_gets_response_format_with_the_schema():
    app = scripted_app([{"content": '{"score": 5, "reason": "ok"}'}])
    with ServerThread(app) as base_url:
        result = _chat(_endpoint_client(base_url), guides.JUDGE_GUIDE)
    body = app.state.requests[0][2]
    assert body["response_format"] == {"type": "json_schema", "json_schema": {
        "name": "judge", "schema": guides.JUDGE_GUIDE, "strict": True}}
    assert json.loads(result.text)["score"] == 5


def test_endpoint_that_refuses_response_format_is_asked_without_it_from_then_on():
    refusal = {"status": 400, "message": "response_format json_schema is not supported by this server"}
    app = scripted_app([refusal], default={"content": '{"score": 3, "reason": "ok"}'})
    with ServerThread(app) as base_url:
        first = _chat(_endpoint_client(base_url), guides.JUDGE_GUIDE)
        second = _chat(_endpoint_client(base_url), guides.JUDGE_GUIDE)  # a new client: remembered per endpoint
    sent = [("response_format" in body) for _, _, body in app.state.requests]
    assert sent == [True, False, False]
    assert json.loads(first.text)["score"] == 3 and first.attempts == 2 and second.attempts == 1
    assert (base_url, "m") in llm.NO_RESPONSE_FORMAT


def test_other_400_errors_are_not_mistaken_for_a_response_format_refusal():
    app = scripted_app([{"status": 400, "message": "context length exceeded"}])
    with ServerThread(app) as base_url, pytest.raises(llm.LLMError, match="context length"):
        _chat(_endpoint_client(base_url), guides.JUDGE_GUIDE)
    assert len(app.state.requests) == 1


def test_stage_progress_reports_tokens_per_second_failures_and_eta(tmp_path):
    from datagen.generate import StageReport, run_stage

    store = Store.open(tmp_path / "ws", create=True)
    pid = store.create_project("p")
    client = ScriptedLLM(["one two three"] * 3)
    seen = []
    job = Job(store, pid, client, GenerationSettings(), stage="answers",
              progress=lambda done, total, message: seen.append((done, total, message)))

    async def worker(unit):
        await job.ask("rejected", {"question": f"q{unit}"}, key=str(unit))

    report = run_stage(job, [1, 2, 3], worker)
    assert seen[0][:2] == (0, 3)  # the bar shows before the first unit finishes
    ticks = [s for s in seen[1:] if "in progress" not in s[2]]  # (heartbeats only come after 1 s without a tick)
    assert [s[:2] for s in ticks] == [(1, 3), (2, 3), (3, 3)]
    assert all("tok/s" in m and "0 failed" in m for _, _, m in ticks)
    assert "ETA" in ticks[0][2] and report.completion_tokens == 9 and report.tokens_per_second > 0
    half = StageReport(stage="x", total=4, done=1, seconds=10.0, completion_tokens=50)
    assert half.eta_seconds() == 30.0 and half.pace() == "5.0 tok/s, 0 failed, ETA 0m30s"


class _BatchLikeLLM(ScriptedLLM):
    """Like the built-in model: decodes for ~1.6 s, counting its tokens live, before any reply comes back."""

    def __init__(self) -> None:
        super().__init__(["x " * 40] * 4, concurrency=4)
        self.live_tokens = 0

    async def chat(self, messages, **kwargs):
        for _ in range(8):
            await asyncio.sleep(0.2)
            self.live_tokens += 5  # 40 tokens per reply in 1.6 s
        return await super().chat(messages, **kwargs)


def test_progress_moves_while_a_batch_is_decoding(tmp_path):
    from datagen.generate import run_stage

    store = Store.open(tmp_path / "ws", create=True)
    pid = store.create_project("p")
    seen = []
    job = Job(store, pid, _BatchLikeLLM(), GenerationSettings(), stage="answers",
              progress=lambda done, total, message: seen.append((done, total, message)))

    async def worker(unit):
        await job.ask("rejected", {"question": f"q{unit}"}, key=str(unit))

    run_stage(job, [1, 2, 3, 4], worker)
    before_first = [s for s in seen if s[0] < 1 and "in progress" in s[2]]
    assert before_first, seen  # a heartbeat while all four were still decoding
    done, total, message = before_first[-1]
    assert 0 < done < 1 and total == 4  # live tokens count as a share of a unit
    assert "4 in progress" in message and "tok/s" in message and "ETA" in message and "0 failed" in message
