"""The OpenAI-compatible client against real local HTTP servers: retries, backoff, usage, reasoning, secrets."""

from __future__ import annotations

import asyncio
import logging
import time

import pytest
from openai_server import ServerThread, scripted_app

from datagen import llm
from datagen.errors import LLMError
from datagen.llm import LLMSettings, OpenAIChatClient, split_think

KEY = "sk-test-SECRET-0123456789abcdef"
MESSAGES = [{"role": "user", "content": "What is the capital of France?"}]


def _client(base_url: str, **overrides) -> OpenAIChatClient:
    values = {"base_url": base_url, "api_key": KEY, "model": "test-model", "max_retries": 4, "backoff_base": 0.05,
              "backoff_max": 0.2, "timeout": 0.5}
    return OpenAIChatClient(LLMSettings(**{**values, **overrides}))


def _chat(client, messages=MESSAGES):
    async def go():
        try:
            return await client.chat(messages, purpose="test")
        finally:
            await client.aclose()

    return asyncio.run(go())


@pytest.fixture(autouse=True)
def _capture_everything(caplog):
    caplog.set_level(logging.DEBUG)  # openai/httpx debug logs too: the key must not show up anywhere
    yield
    for record in caplog.records:
        assert KEY not in record.getMessage()
        assert KEY not in str(record.args)


def test_retries_429_500_and_timeout_then_succeeds_with_bounded_backoff():
    app = scripted_app([{"status": 429}, {"status": 500}, {"status": 503, "headers": {"Retry-After": "0.1"}},
                        {"delay": 3.0, "content": "too late"},
                        {"content": "Paris.", "prompt_tokens": 11, "completion_tokens": 2}])
    with ServerThread(app) as base_url:
        start = time.monotonic()  # (a 1.5 s timeout: the good reply must not miss it on a loaded 2-core machine)
        result = _chat(_client(base_url, timeout=1.5))
        elapsed = time.monotonic() - start
    assert result.text == "Paris." and result.attempts == 5
    assert (result.prompt_tokens, result.completion_tokens) == (11, 2)
    times = [t for t, _, _ in app.state.requests]
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert len(times) == 5
    assert gaps[0] >= 0.025 - 0.01 and gaps[1] >= 0.05 - 0.01  # base * 2^n with >= 50 % of it kept
    assert gaps[2] >= 0.1 - 0.01  # Retry-After honoured
    assert gaps[3] >= 1.5  # the timeout (1.5 s) elapsed before the retry
    assert elapsed < 0.05 + 0.1 + 0.1 + 1.5 + 0.2 + 1.0  # no sleep beyond the caps, nor waiting out the 3 s reply
    assert all(h["authorization"] == f"Bearer {KEY}" for _, h, _ in app.state.requests)


def test_gives_up_after_the_bounded_retries_with_a_clear_message(caplog):
    app = scripted_app([{"status": 500, "message": f"internal error for key {KEY}"}] * 3)
    with ServerThread(app) as base_url:
        with pytest.raises(LLMError) as info:
            _chat(_client(base_url, max_retries=2))
    message = str(info.value)
    assert "failed after 3 attempts" in message and "HTTP 500" in message and base_url in message
    assert KEY not in message and "for key ***" in message
    assert len(app.state.requests) == 3
    assert sum("retry" in r.getMessage() for r in caplog.records) == 2


def test_authentication_errors_are_not_retried_and_never_echo_the_key():
    body = {"error": {"message": f"Incorrect API key provided: {KEY}", "type": "invalid_request_error"}}
    app = scripted_app([{"status": 401, "body": body}])
    with ServerThread(app) as base_url:
        with pytest.raises(LLMError) as info:
            _chat(_client(base_url))
    assert "check the API key" in str(info.value) and KEY not in str(info.value)
    assert info.value.status == 401 and len(app.state.requests) == 1


def test_connection_refused_is_retried_then_reported():
    client = _client("http://127.0.0.1:9/v1", max_retries=1)
    with pytest.raises(LLMError, match="connection failed"):
        _chat(client)


def test_reasoning_from_reasoning_content_and_think_blocks():
    app = scripted_app([{"content": "Paris.", "reasoning": "France's capital is Paris."},
                        {"content": "<think>\nThe capital of France...\n</think>\n\nParis."},
                        {"content": "<think>cut off while thinking"}])
    with ServerThread(app) as base_url:
        client = _client(base_url)
        native, think, unfinished = (_chat(client) for _ in range(3))  # also rebinds to each new event loop
    assert (native.text, native.reasoning) == ("Paris.", "France's capital is Paris.")
    assert (think.text, think.reasoning) == ("Paris.", "The capital of France...")
    assert (unfinished.text, unfinished.reasoning) == ("", "cut off while thinking")


def test_split_think_variants():
    assert split_think("no thinking") == ("no thinking", None)
    assert split_think("<think>a</think>x<THINK>b</THINK>y") == ("xy", "a\n\nb")


def test_concurrency_limit_and_model_discovery():
    app = scripted_app([], default={"content": "ok", "delay": 0.2}, model="served-model")
    with ServerThread(app) as base_url:
        client = _client(base_url, model=None, concurrency=2)

        async def go():
            try:
                return await asyncio.gather(*(client.chat(MESSAGES) for _ in range(6)))
            finally:
                await client.aclose()

        start = time.monotonic()
        results = asyncio.run(go())
        elapsed = time.monotonic() - start
    assert [r.text for r in results] == ["ok"] * 6 and client.model == "served-model"
    assert app.state.max_in_flight == 2 and elapsed >= 0.55
    assert app.state.requests[0][2]["model"] == "served-model"


def test_test_connection_reports_success_and_failure():
    app = scripted_app([{"content": "OK"}, {"status": 404}])
    with ServerThread(app) as base_url:
        client = _client(base_url)
        ok = asyncio.run(llm.test_connection(client))
        bad = asyncio.run(llm.test_connection(client))
    assert ok["ok"] and ok["reply"] == "OK" and ok["model"] == "test-model" and ok["notice"] is None
    assert not bad["ok"] and "not found" in bad["error"]


def test_settings_from_env_and_validation(monkeypatch):
    monkeypatch.setenv("DATAGEN_BASE_URL", "http://127.0.0.1:1/v1")
    monkeypatch.setenv("DATAGEN_MODEL", "m")
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    settings = llm.settings_from_env(model="explicit")
    assert (settings.base_url, settings.model, settings.api_key) == ("http://127.0.0.1:1/v1", "explicit", KEY)
    assert KEY not in repr(settings)
    assert isinstance(llm.make_client(settings), OpenAIChatClient)
    assert isinstance(llm.make_client(LLMSettings()), llm.LocalChatClient)
    assert llm.LocalChatClient().notice == llm.LOCAL_MODEL_NOTICE
    with pytest.raises(ValueError, match="concurrency"):
        LLMSettings(concurrency=0)


@pytest.mark.realmodel
def test_local_client_generates_with_a_tiny_model_and_the_real_chat_template():
    """The in-process backend's code path (chat template, generate, usage) with a tiny random Llama."""
    import torch
    from transformers import AutoTokenizer, LlamaConfig, LlamaForCausalLM

    from kblam.models import default_backbone_dir

    tokenizer = AutoTokenizer.from_pretrained(default_backbone_dir())
    torch.manual_seed(0)
    config = LlamaConfig(vocab_size=len(tokenizer), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=512)
    model = LlamaForCausalLM(config).eval()
    client = llm.LocalChatClient(LLMSettings(max_tokens=12, temperature=0.0), loader=lambda: (model, tokenizer))
    result = asyncio.run(client.chat(MESSAGES))
    assert result.completion_tokens <= 12 and result.prompt_tokens > 5
    assert result.model == llm.LOCAL_MODEL_NAME and client.notice == llm.LOCAL_MODEL_NOTICE
    assert isinstance(result.text, str)
