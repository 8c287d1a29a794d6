"""Chat clients for the dataset studio: any OpenAI-compatible endpoint, or the built-in SmolLM2 in-process.

Both share one async interface (:class:`ChatClient`): ``await client.chat(messages)`` returns a
:class:`ChatResult` with the answer text, the reasoning trace (from a ``reasoning_content``/``reasoning``
message field or ``<think>…</think>`` blocks, which are stripped from the text) and token usage.

:class:`OpenAIChatClient` wraps ``openai.AsyncOpenAI`` with a concurrency limit (a semaphore) and its own
bounded retries — exponential backoff with jitter on 429, 408/409, 5xx, timeouts and connection errors —
after which it raises :class:`~datagen.errors.LLMError`. The API key is held in memory only and scrubbed from
every message. :class:`LocalChatClient` runs the default model through transformers, many requests per
batch, JSON replies decoded under their schema (:mod:`datagen.localgen`); its data is of low quality (it
carries :data:`LOCAL_MODEL_NOTICE`). ``chat(..., schema=...)`` asks for a JSON reply of that shape: the built-in
model is held to it by a grammar, an endpoint gets ``response_format`` (a ``json_schema``) unless it refused
one before. Tests use a scripted fake with the same interface.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from datagen.errors import LLMError

logger = logging.getLogger(__name__)

LOCAL_MODEL_NAME = "SmolLM2-135M-Instruct (built-in)"
LOCAL_MODEL_NOTICE = (
    "Generating with the built-in SmolLM2-135M model on this machine: its JSON is valid by construction, "
    "but its questions and answers are of low quality (check the grounding scores and review before "
    "exporting). Give an OpenAI-compatible endpoint (--base-url / --model / --api-key) for far better data."
)
RETRYABLE_STATUS = frozenset({408, 409, 429})
Messages = Sequence[dict]

_THINK_BLOCK = re.compile(r"<think>(.*?)</think>", re.DOTALL | re.IGNORECASE)
_OPEN_THINK_ANYWHERE = re.compile(r"<think>", re.IGNORECASE)
_CLOSE_THINK = re.compile(r"</think>", re.IGNORECASE)
_KEY_LIKE = re.compile(r"\b(sk-|hf_)[A-Za-z0-9_\-*.]{4,}")


@dataclass(frozen=True)
class LLMSettings:
    """How to reach a model. ``base_url=None`` selects the in-process default model."""

    base_url: str | None = None
    model: str | None = None
    api_key: str | None = field(default=None, repr=False)
    temperature: float = 0.7
    max_tokens: int = 1024
    concurrency: int = 4
    timeout: float = 120.0
    max_retries: int = 4
    backoff_base: float = 0.5
    backoff_max: float = 8.0

    def __post_init__(self) -> None:
        if self.concurrency < 1:
            raise ValueError(f"concurrency must be >= 1, got {self.concurrency}")
        if self.max_retries < 0:
            raise ValueError(f"max_retries must be >= 0, got {self.max_retries}")
        if not 0.0 <= self.temperature <= 2.0:
            raise ValueError(f"temperature must be in [0, 2], got {self.temperature}")
        if self.max_tokens < 1 or self.timeout <= 0 or self.backoff_base < 0 or self.backoff_max < 0:
            raise ValueError(f"max_tokens, timeout must be positive and backoff times >= 0 (got "
                             f"{self.max_tokens}, {self.timeout}, {self.backoff_base}, {self.backoff_max})")


@dataclass
class ChatResult:
    """One completed chat call."""

    text: str
    reasoning: str | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    model: str = ""
    seconds: float = 0.0
    attempts: int = 1
    finish_reason: str | None = None


def split_think(text: str) -> tuple[str, str | None]:
    """Remove ``<think>…</think>`` blocks from ``text``; returns (answer, reasoning or None).

    Two cut-off shapes are handled too: a ``</think>`` without its opening tag (chat templates that open the
    think block in the prompt, e.g. DeepSeek-R1's: the reply starts inside it) makes everything before it
    reasoning; an unclosed ``<think>`` (a reply cut off while thinking) makes everything after it reasoning."""
    parts = [m.strip() for m in _THINK_BLOCK.findall(text)]
    answer = _THINK_BLOCK.sub("", text)
    orphan = _CLOSE_THINK.search(answer)
    if orphan:
        parts.insert(0, answer[: orphan.start()].strip())
        answer = _CLOSE_THINK.sub("", answer[orphan.end():])
    unclosed = _OPEN_THINK_ANYWHERE.search(answer)
    if unclosed:
        parts.append(answer[unclosed.end():].strip())
        answer = answer[: unclosed.start()]
    reasoning = "\n\n".join(p for p in parts if p)
    return answer.strip(), reasoning or None


def native_reasoning(message_fields: dict) -> str | None:
    """The reasoning a server returned beside the content: ``reasoning_content`` (DeepSeek, vLLM, SiliconFlow)
    or ``reasoning`` (OpenRouter, Ollama, newer vLLM); both when both differ. Non-text values are ignored."""
    found = []
    for name in ("reasoning_content", "reasoning"):
        value = message_fields.get(name)
        if isinstance(value, str) and value.strip() and value.strip() not in found:
            found.append(value.strip())
    return "\n\n".join(found) or None


def scrub(text: str, secret: str | None) -> str:
    """``text`` with the secret and anything that looks like an API key or HF token masked."""
    if secret:
        text = text.replace(secret, "***")
    return _KEY_LIKE.sub(lambda m: m.group(1) + "***", text)


class ChatClient:
    """Interface of every chat backend. ``notice`` is a user-facing warning about data quality (or None)."""

    model: str = ""
    notice: str | None = None
    notice_logged: bool = False
    concurrency: int = 1
    settings: LLMSettings

    async def chat(self, messages: Messages, *, temperature: float | None = None, max_tokens: int | None = None,
                   purpose: str = "", schema: dict | None = None) -> ChatResult:
        """Complete ``messages``; ``purpose`` (the prompt name) is for logs and test doubles only.

        ``schema``: the JSON schema the reply should match (enforced where the backend can; always parse)."""
        raise NotImplementedError

    async def aclose(self) -> None:
        """Release network resources (safe to call more than once)."""

    def describe(self) -> str:
        return self.model


class OpenAIChatClient(ChatClient):
    """An OpenAI-compatible endpoint through ``openai.AsyncOpenAI`` (its own retries off; ours are bounded)."""

    def __init__(self, settings: LLMSettings, *, sleep: Callable = asyncio.sleep) -> None:
        if not settings.base_url:
            raise ValueError("OpenAIChatClient needs a base_url")
        self.settings = settings
        self.model = settings.model or ""
        self.concurrency = settings.concurrency
        self._sleep = sleep
        self._loop: asyncio.AbstractEventLoop | None = None
        self._client = None
        self._semaphore: asyncio.Semaphore | None = None

    def describe(self) -> str:
        return f"{self.model or '?'} at {self.settings.base_url}"

    def _bind(self):
        """The client and semaphore of the running event loop (each ``asyncio.run`` gets fresh ones)."""
        loop = asyncio.get_running_loop()
        if self._loop is not loop:
            import openai

            self._client = openai.AsyncOpenAI(
                base_url=self.settings.base_url, api_key=self.settings.api_key or "not-needed",
                timeout=self.settings.timeout, max_retries=0)
            self._semaphore = asyncio.Semaphore(self.settings.concurrency)
            self._loop = loop
        return self._client, self._semaphore

    async def aclose(self) -> None:
        if self._client is not None and self._loop is asyncio.get_running_loop():
            await self._client.close()
        self._client, self._loop = None, None

    def _error(self, message: str, status: int | None = None, *, transient: bool = False) -> LLMError:
        error = LLMError(scrub(message, self.settings.api_key))
        error.status = status
        error.transient = transient  # the endpoint may well answer the next request (5xx, timeout, bad body)
        return error

    def backoff(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait before retry ``attempt`` (0-based): base·2^attempt capped, with 50–100 % jitter."""
        cap = min(self.settings.backoff_max, self.settings.backoff_base * 2**attempt)
        if retry_after is not None and 0 < retry_after <= self.settings.backoff_max:
            return retry_after
        return cap * (0.5 + random.random() / 2)

    async def list_models(self) -> list[str]:
        """The model ids the endpoint lists at ``/v1/models`` (bounded retries, like every call)."""
        client, _ = self._bind()
        models = await self._with_retries(
            lambda: asyncio.wait_for(client.models.list(), timeout=self.settings.timeout), "list models")
        return [m.id for m in models.data]

    async def resolve_model(self) -> str:
        """The configured model, or the first one the endpoint lists."""
        if self.model:
            return self.model
        names = await self.list_models()
        if not names:
            raise self._error(f"{self.settings.base_url} lists no models; pass --model")
        self.model = names[0]
        return self.model

    def _endpoint(self, model: str) -> tuple[str, str]:
        return (self.settings.base_url or "", model)

    async def chat(self, messages: Messages, *, temperature: float | None = None, max_tokens: int | None = None,
                   purpose: str = "", schema: dict | None = None) -> ChatResult:
        model = await self.resolve_model()
        client, semaphore = self._bind()
        temperature = self.settings.temperature if temperature is None else temperature
        max_tokens = max_tokens or self.settings.max_tokens
        start = time.perf_counter()
        extra: dict = {}
        if schema is not None and self._endpoint(model) not in NO_RESPONSE_FORMAT:
            extra["response_format"] = response_format(schema, purpose or "reply")

        async def call():
            async with semaphore:  # the deadline covers the whole request, not the wait for a slot
                response = await asyncio.wait_for(client.chat.completions.create(
                    model=model, messages=list(messages), temperature=temperature, max_tokens=max_tokens, **extra),
                    timeout=self.settings.timeout)
            _check_completion(response)
            return response

        try:
            response, attempts = await self._with_retries(call, purpose or "chat", count=True)
        except LLMError as exc:
            if not (extra and getattr(exc, "status", None) == 400 and _mentions_response_format(str(exc))):
                raise
            logger.warning("%s does not accept response_format (%s); parsing its replies strictly instead",
                           self.settings.base_url, exc)
            NO_RESPONSE_FORMAT.add(self._endpoint(model))
            extra.clear()
            response, attempts = await self._with_retries(call, purpose or "chat", count=True)
            attempts += 1
        choice = response.choices[0]
        message = choice.message
        extra = message.model_extra or {}
        native = native_reasoning(extra)
        text, think = split_think(message.content or "")
        reasoning = "\n\n".join(p for p in (native, think) if p) or None
        usage = response.usage
        return ChatResult(text=text, reasoning=reasoning, prompt_tokens=getattr(usage, "prompt_tokens", 0) or 0,
                          completion_tokens=getattr(usage, "completion_tokens", 0) or 0,
                          model=response.model or model, seconds=time.perf_counter() - start, attempts=attempts,
                          finish_reason=choice.finish_reason)

    async def _with_retries(self, call: Callable, what: str, *, count: bool = False):
        import openai

        where = self.settings.base_url
        for attempt in range(self.settings.max_retries + 1):
            retry_after, transient = None, True
            try:
                result = await call()
                return (result, attempt + 1) if count else result
            except openai.APIStatusError as exc:
                status = exc.status_code
                reason = f"HTTP {status}: {exc.message}"
                if status in (401, 403):
                    raise self._error(f"{where} refused the request ({reason}); check the API key", status) from None
                if status == 404:
                    raise self._error(f"{where}: not found ({reason}); check the base URL and model name",
                                      status) from None
                if status not in RETRYABLE_STATUS and status < 500:
                    raise self._error(f"{where} rejected the {what} request ({reason})", status) from None
                retry_after = _retry_after(exc.response)
            except (openai.APITimeoutError, asyncio.TimeoutError):
                status, reason = None, f"no complete reply within {self.settings.timeout:g} s"
            except openai.APIConnectionError as exc:
                status, reason = None, f"connection failed ({exc.__cause__ or exc})"
                transient = not _never_connected(exc)  # nothing listens there: every unit would fail the same
            except (openai.APIError, BadReplyError, ValueError, TypeError, AttributeError, KeyError) as exc:
                # HTTP 200 with an unusable body: not JSON, empty, or no choices; the next try may be fine
                status, reason = None, f"unusable reply body ({type(exc).__name__}: {str(exc)[:200]})"
            if attempt == self.settings.max_retries:
                raise self._error(f"{where}: {what} failed after {attempt + 1} attempts; last error: {reason}",
                                  status, transient=transient) from None
            delay = self.backoff(attempt, retry_after)
            logger.warning("%s: %s (%s); retry %d/%d in %.2f s", where, what, scrub(reason, self.settings.api_key),
                           attempt + 1, self.settings.max_retries, delay)
            await self._sleep(delay)
        raise AssertionError("unreachable")


NO_RESPONSE_FORMAT: set[tuple[str, str]] = set()  # (base_url, model) that refused response_format (per process)


def response_format(schema: dict, name: str) -> dict:
    """The OpenAI ``response_format`` asking for a reply that matches ``schema``."""
    safe = re.sub(r"[^A-Za-z0-9_-]", "_", name)[:64] or "reply"
    return {"type": "json_schema", "json_schema": {"name": safe, "schema": schema, "strict": True}}


def _mentions_response_format(message: str) -> bool:
    lowered = message.lower()
    return any(word in lowered for word in ("response_format", "json_schema", "response format", "structured"))


def _never_connected(exc: BaseException) -> bool:
    """True when the connection itself was refused (the HTTP library's ``ConnectError``, httpx or httpx2)."""
    return type(exc.__cause__).__name__ == "ConnectError"


class BadReplyError(Exception):
    """An HTTP 200 whose body is not a usable chat completion (retried like a 5xx)."""


def _check_completion(response) -> None:
    """Raise BadReplyError unless ``response`` is a completion with a first choice that has a message."""
    choices = getattr(response, "choices", None)
    if not isinstance(choices, list) or not choices:
        raise BadReplyError(f"no 'choices' in the reply (got {type(response).__name__})")
    if getattr(choices[0], "message", None) is None:
        raise BadReplyError("the first choice has no 'message'")


def _retry_after(response) -> float | None:
    try:
        value = response.headers.get("retry-after")
        return float(value) if value is not None else None
    except (AttributeError, ValueError):
        return None


def load_local_model():
    """The default in-process model and tokenizer (one switchable place; loads ~3-20 s, once per process)."""
    from kblam.models import load_backbone
    from studio_core.defaults import DEFAULT_BACKBONE

    backbone = load_backbone(DEFAULT_BACKBONE, device="cpu")
    return backbone.model, backbone.tokenizer


_LOCAL_CACHE: dict[Callable, tuple] = {}
_LOCAL_LOCK = threading.Lock()


LOCAL_BATCH = 8  # requests the built-in model decodes together
LOCAL_MAX_TOKENS = 200  # cap on one built-in free-text reply (a 135M model rambles; JSON is bounded by its guide)


class LocalChatClient(ChatClient):
    """The built-in model in process: concurrent requests are decoded in batches, JSON under its schema."""

    notice = LOCAL_MODEL_NOTICE

    def __init__(self, settings: LLMSettings | None = None, *, loader: Callable[[], tuple] = load_local_model,
                 batch_size: int = LOCAL_BATCH, max_tokens_cap: int = LOCAL_MAX_TOKENS):
        self.settings = settings or LLMSettings()
        self.model = LOCAL_MODEL_NAME
        self.concurrency = batch_size  # the stage runs this many workers; their requests form one batch
        self.max_tokens_cap = max_tokens_cap
        self._loader = loader
        self._batchers: dict[int, object] = {}
        self.live_tokens = 0  # tokens decoded so far, counted step by step (stage progress reads it mid-batch)

    def _components(self) -> tuple:
        with _LOCAL_LOCK:
            key = self._loader  # the default loader is one function: every client shares its model
            if key not in _LOCAL_CACHE:
                logger.info("loading the built-in model (%s)", LOCAL_MODEL_NAME)
                _LOCAL_CACHE[key] = self._loader()
            return _LOCAL_CACHE[key]

    def _batcher(self):
        from datagen.localgen import Batcher

        loop = asyncio.get_running_loop()
        key = id(loop)
        if key not in self._batchers:
            self._batchers = {key: Batcher(self.generate_batch, max_batch=self.concurrency)}
        return self._batchers[key]

    def _request(self, messages: Messages, temperature: float | None, max_tokens: int | None, schema: dict | None):
        from datagen.localgen import GenRequest

        temperature = self.settings.temperature if temperature is None else temperature
        budget = max_tokens or self.settings.max_tokens
        if schema is None:  # free text: capped; JSON is bounded by its schema's counts and lengths
            budget = min(budget, self.max_tokens_cap)
        return GenRequest(list(messages), budget, temperature, schema)

    async def chat(self, messages: Messages, *, temperature: float | None = None, max_tokens: int | None = None,
                   purpose: str = "", schema: dict | None = None) -> ChatResult:
        start = time.perf_counter()
        generated = await self._batcher().submit(self._request(messages, temperature, max_tokens, schema))
        return self._result(generated, time.perf_counter() - start)

    def _result(self, generated, seconds: float) -> ChatResult:
        text, reasoning = split_think(generated.text)
        return ChatResult(text=text, reasoning=reasoning, prompt_tokens=generated.prompt_tokens,
                          completion_tokens=generated.completion_tokens, model=self.model, seconds=seconds,
                          finish_reason=generated.finish_reason)

    def generate_batch(self, requests: list) -> list:
        """Decode ``requests`` (GenRequest) together; the shared model is used by one thread at a time."""
        from datagen.localgen import decode_batch

        model, tokenizer = self._components()
        with _LOCAL_LOCK:
            return decode_batch(model, tokenizer, requests, on_tokens=self._count_tokens)

    def _count_tokens(self, n: int) -> None:
        self.live_tokens += n

    def generate(self, messages: list[dict], temperature: float, max_tokens: int,
                 schema: dict | None = None) -> ChatResult:
        """One synchronous generation (a batch of one)."""
        start = time.perf_counter()
        generated = self.generate_batch([self._request(messages, temperature, max_tokens, schema)])[0]
        return self._result(generated, time.perf_counter() - start)


def make_client(settings: LLMSettings) -> ChatClient:
    """An endpoint client when ``settings.base_url`` is set, else the in-process default model."""
    if settings.base_url:
        return OpenAIChatClient(settings)
    return LocalChatClient(settings)


def settings_from_env(**overrides) -> LLMSettings:
    """LLMSettings from ``DATAGEN_BASE_URL``, ``DATAGEN_MODEL``, ``OPENAI_API_KEY``; explicit values win."""
    env = {"base_url": os.environ.get("DATAGEN_BASE_URL") or None, "model": os.environ.get("DATAGEN_MODEL") or None,
           "api_key": os.environ.get("OPENAI_API_KEY") or None}
    values = {**env, **{k: v for k, v in overrides.items() if v is not None}}
    return LLMSettings(**values)


async def test_connection(client: ChatClient) -> dict:
    """Send one tiny chat; returns ``{ok, model, seconds, reply | error, notice}`` (never raises LLMError)."""
    start = time.perf_counter()
    try:
        result = await client.chat([{"role": "user", "content": "Reply with the single word: OK"}],
                                   temperature=0.0, max_tokens=8, purpose="test_connection")
    except LLMError as exc:
        return {"ok": False, "model": client.model, "seconds": time.perf_counter() - start, "error": str(exc),
                "notice": client.notice}
    return {"ok": True, "model": result.model or client.model, "seconds": time.perf_counter() - start,
            "reply": result.text, "notice": client.notice}


test_connection.__test__ = False  # a helper, not a pytest test, even when imported into a test module
