"""The OpenAI-compatible HTTP API of the app server: ``/health``, ``/v1/models``, ``/v1/chat/completions``
(streaming over SSE or not) and ``/v1/kbs`` (upload, list, get, delete knowledge bases).

A request may carry a KB inline (``"kb": [{"name", "property", "value"}, …]``) or by id (``"kb_id"``), plus
``mode`` and the other :class:`~kblam.engine.ChatSettings` fields; the answer then comes from the KB (the last
user message is the question) and the response has a ``"kblam"`` field with the refusal flag and the evidence.
Without a KB the backbone answers as a plain chat model (all messages, system prompts, temperature, max_tokens).
Limits (request bytes, KB triples, max tokens, prompt tokens, queue) give 4xx errors in OpenAI's error JSON
that name the limit. Only wiring lives here; the work is done by the services
(:mod:`kblam.chat_service`, :mod:`kblam.kb_store`, :mod:`kblam.serving`).
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import json
import logging
import time
import uuid
from collections.abc import AsyncGenerator, Generator, Iterator
from typing import Any

import anyio.to_thread
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.concurrency import iterate_in_threadpool, run_in_threadpool

from kblam.chat_service import Reply, check_prompt_length, kb_reply, plain_reply, settings_from
from kblam.engine import Answer, ChatSettings
from kblam.errors import BusyError, KBFormatError, LimitError, StudioError
from kblam.kb import KnowledgeBase, load_json
from kblam.kb_store import KBEntry
from kblam.slots import Ticket

from .context import AppServices

log = logging.getLogger(__name__)

MODEL_ALIAS = "kblam-studio"
KB_READY_WAIT_S = 10.0  # a question on a KB still being encoded waits this long, then gets 409
DEFAULT_PLAIN_MAX_TOKENS = 256
THREAD_HEADROOM = 16  # worker threads kept for uploads, prompt checks and KB requests beyond the generations
# OpenAI request fields accepted and ignored (clients send them; this server does not implement them)
IGNORED_FIELDS = {"stop", "presence_penalty", "frequency_penalty", "logit_bias", "user", "response_format",
                  "logprobs", "top_logprobs", "tools", "tool_choice", "parallel_tool_calls", "metadata", "store",
                  "service_tier", "reasoning_effort", "modalities", "prediction", "audio", "stream_options", "n"}
KNOWN_FIELDS = {"model", "messages", "stream", "max_tokens", "max_completion_tokens", "temperature", "top_p",
                "seed", "kb", "kb_id"}
SETTING_FIELDS = {f.name for f in dataclasses.fields(ChatSettings)} - {"max_new_tokens", "temperature", "top_p",
                                                                        "do_sample", "value_tokens"}


class APIError(Exception):
    """An error answered as OpenAI-style JSON: ``{"error": {"message", "type", "param", "code"}}``."""

    def __init__(self, status: int, message: str, *, param: str | None = None, code: str | None = None,
                 type_: str | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.param, self.code = status, message, param, code
        self.type = type_ or {400: "invalid_request_error", 404: "not_found_error", 413: "invalid_request_error",
                              429: "rate_limit_error"}.get(status, "server_error")

    def body(self) -> dict:
        return {"error": {"message": self.message, "type": self.type, "param": self.param, "code": self.code}}

    def response(self) -> JSONResponse:
        return JSONResponse(self.body(), status_code=self.status)


def _limit_error(exc: LimitError, param: str | None = None) -> APIError:
    return APIError(exc.http_status, str(exc), param=param, code=f"{exc.limit}_exceeded")


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused (413, naming the limit) as soon as it is larger than ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise _limit_error(LimitError(f"the request body is {declared} bytes; the limit is {limit} bytes "
                                      f"(max_request_bytes)", limit="max_request_bytes"))
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _limit_error(LimitError(f"the request body is over {limit} bytes (max_request_bytes)",
                                          limit="max_request_bytes"))
        chunks.append(chunk)
    return b"".join(chunks)


async def read_json(request: Request, limit: int) -> Any:
    body = await read_body(request, limit)
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise APIError(400, f"the request body is not valid JSON: {exc}") from None


def _kb_name(name: Any) -> str | None:
    """The optional KB name of a JSON upload: a string (unencodable characters escaped), else refused."""
    if name is None:
        return None
    if not isinstance(name, str):
        raise APIError(400, f"'name' must be a string, got {type(name).__name__}", param="name")
    return name.encode("utf-8", "backslashreplace").decode("utf-8")[:200]


def _kb_from_records(records: Any, services: AppServices, source: str, param: str, *, inline: bool = False
                     ) -> KnowledgeBase:
    if isinstance(records, dict):
        records = records.get("triples", records.get("kb"))
    if not isinstance(records, list) or not records:
        raise APIError(400, f"'{param}' must be a non-empty list of {{name, property, value}} objects", param=param)
    config = services.config
    # an inline KB is bounded by both limits; the message names the one that binds
    name = ("max_inline_kb_triples" if inline and config.max_inline_kb_triples < config.max_kb_triples
            else "max_kb_triples")
    limit = getattr(config, name)
    if len(records) > limit:
        inline_bound = name == "max_inline_kb_triples"
        hint = "; upload larger KBs with POST /v1/kbs and ask with kb_id" if inline_bound else ""
        raise _limit_error(LimitError(f"the KB has {len(records)} triples; the limit is {limit} ({name}){hint}",
                                      limit=name), param)
    try:
        return KnowledgeBase.from_records(records, source=source, limits=services.config.kb_limits)
    except KBFormatError as exc:
        raise APIError(400, str(exc), param=param, code="invalid_kb") from None


async def parse_kb_upload(request: Request, services: AppServices) -> tuple[KnowledgeBase, str | None]:
    """A KB from a multipart upload (field ``file``: CSV, TSV, JSON or JSONL) or a JSON body (``{"name",
    "triples": [...]}`` or a bare list); errors name the file, line and field, or the limit."""
    config = services.config
    body = await read_body(request, config.max_request_bytes)
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        try:
            data = load_json(body.decode("utf-8"), "the request body")
        except (UnicodeDecodeError, KBFormatError) as exc:
            raise APIError(400, f"the request body is not valid JSON: {exc}") from None
        records = data.get("triples", data.get("kb")) if isinstance(data, dict) else data
        name = _kb_name(data.get("name") if isinstance(data, dict) else None)
        # a 100,000-triple KB takes seconds to validate: off the event loop
        return await run_in_threadpool(_kb_from_records, records, services, "kb", "triples"), name

    async def replay() -> dict:  # the body was already read (bounded); let the form parser read it again
        return {"type": "http.request", "body": body, "more_body": False}

    form = await Request(request.scope, replay).form()
    upload = form.get("file")
    if upload is None or not hasattr(upload, "read"):
        raise APIError(400, "multipart upload needs a 'file' field (CSV, TSV, JSON or JSONL)", param="file")
    name = _kb_name(upload.filename) or "upload"
    try:
        data = await upload.read()
        return await run_in_threadpool(KnowledgeBase.from_bytes, data, name, limits=config.kb_limits), name
    except KBFormatError as exc:
        if f"more than {config.max_kb_triples} triples" in str(exc):
            raise APIError(413, f"{exc} (max_kb_triples)", param="file", code="max_kb_triples_exceeded") from None
        raise APIError(400, str(exc), param="file", code="invalid_kb") from None


# ---------------------------------------------------------------------------------------------- requests


@dataclasses.dataclass
class ChatRequest:
    model: str
    messages: list[dict[str, str]]
    stream: bool
    include_usage: bool
    max_tokens: int | None
    temperature: float | None
    top_p: float | None
    seed: int | None
    kb: KBEntry | None
    settings: dict[str, Any]

    @property
    def question(self) -> str:
        return next(m["content"] for m in reversed(self.messages) if m["role"] == "user")


def _text_of(content: Any, index: int) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content parts: only text is supported
        texts = []
        for part in content:
            if not isinstance(part, dict) or part.get("type") != "text" or not isinstance(part.get("text"), str):
                raise APIError(400, f"messages[{index}].content: only text parts are supported",
                               param=f"messages[{index}].content")
            texts.append(part["text"])
        return "".join(texts)
    if content is None:
        return ""
    raise APIError(400, f"messages[{index}].content must be a string or a list of text parts",
                   param=f"messages[{index}].content")


def _number(body: dict, name: str, kind: type, low: float, high: float | None = None) -> Any:
    value = body.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (kind is int and int(value) != value):
        raise APIError(400, f"'{name}' must be {'an integer' if kind is int else 'a number'}, got {value!r}",
                       param=name)
    if value < low or (high is not None and value > high):
        raise APIError(400, f"'{name}' must be between {low} and {high}, got {value}", param=name)
    return kind(value)


async def wait_until_encoded(kb_id: str, entry: KBEntry, wait_s: float | None = None) -> None:
    """A question on an uploaded KB still being encoded waits up to ``wait_s`` (a small KB is ready by then);
    then 409 ``kb_not_ready`` with the progress, or 409 ``kb_encoding_failed`` when its encoding failed
    (GET /v1/kbs/{id} reports both)."""
    deadline = time.monotonic() + (KB_READY_WAIT_S if wait_s is None else wait_s)
    while entry.state == "encoding" and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    if entry.state == "encoding":
        pct = 100 * entry.done // max(entry.total, 1)
        raise APIError(409, f"KB '{kb_id}' is still being encoded ({entry.done}/{entry.total} strings, {pct} %); "
                       f"ask again when GET /v1/kbs/{kb_id} says status.state = ready", param="kb_id",
                       code="kb_not_ready")
    if entry.state == "failed":
        raise APIError(409, f"encoding KB '{kb_id}' failed: {entry.error}; upload it again", param="kb_id",
                       code="kb_encoding_failed")


def parse_chat_request(body: Any, services: AppServices, model_ids: list[str], owner: str = "anonymous"
                       ) -> ChatRequest:
    """Validate a /v1/chat/completions body; every problem is an APIError naming the field or limit. A
    ``kb_id`` must belong to ``owner`` (another owner's KB is "not found")."""
    if not isinstance(body, dict):
        raise APIError(400, "the request body must be a JSON object")
    unknown = sorted(set(body) - KNOWN_FIELDS - IGNORED_FIELDS - SETTING_FIELDS)
    if unknown:
        raise APIError(400, f"unknown field(s): {', '.join(unknown)}", param=unknown[0])
    model = body.get("model") or MODEL_ALIAS
    if model not in model_ids:
        raise APIError(404, f"model '{model}' does not exist; available: {', '.join(model_ids)}", param="model",
                       code="model_not_found")
    if body.get("n") not in (None, 1):
        raise APIError(400, "only n=1 is supported", param="n")
    raw = body.get("messages")
    if not isinstance(raw, list) or not raw:
        raise APIError(400, "'messages' must be a non-empty list", param="messages")
    if len(raw) > services.config.max_messages:
        raise APIError(400, f"'messages' has {len(raw)} entries; the limit is {services.config.max_messages} "
                       "(max_messages)", param="messages", code="max_messages_exceeded")
    messages = []
    for i, m in enumerate(raw):
        if not isinstance(m, dict) or m.get("role") not in ("system", "developer", "user", "assistant"):
            raise APIError(400, f"messages[{i}].role must be system, user or assistant", param=f"messages[{i}]")
        role = "system" if m["role"] == "developer" else m["role"]
        messages.append({"role": role, "content": _text_of(m.get("content"), i)})
    if not any(m["role"] == "user" for m in messages):
        raise APIError(400, "'messages' needs at least one user message", param="messages")
    limit = services.config.max_new_tokens
    max_tokens = None
    for name in ("max_completion_tokens", "max_tokens"):
        value = _number(body, name, int, 1)
        if value is not None and value > limit:
            raise APIError(400, f"'{name}' is {value}; the limit is {limit} (max_new_tokens)", param=name,
                           code="max_tokens_exceeded")
        max_tokens = max_tokens or value
    kb = None
    if body.get("kb") is not None and body.get("kb_id") is not None:
        raise APIError(400, "give either 'kb' or 'kb_id', not both", param="kb_id")
    if body.get("kb") is not None:
        kb = KBEntry(_kb_from_records(body["kb"], services, "kb", "kb", inline=True), name="inline")
    elif body.get("kb_id") is not None:
        kb = services.kbs.get(str(body["kb_id"]), owner)
        if kb is None:
            raise APIError(404, f"KB '{body['kb_id']}' not found (upload it with POST /v1/kbs)", param="kb_id",
                           code="kb_not_found")
    settings = {k: body[k] for k in SETTING_FIELDS if k in body}
    if settings and kb is None:
        raise APIError(400, f"{', '.join(sorted(settings))} only apply with a KB ('kb' or 'kb_id')",
                       param=sorted(settings)[0])
    stream_options = body.get("stream_options") or {}
    return ChatRequest(model, messages, bool(body.get("stream")), bool(stream_options.get("include_usage")),
                       max_tokens, _number(body, "temperature", float, 0, 2), _number(body, "top_p", float, 0, 1),
                       _number(body, "seed", int, 0), kb, settings)


# ---------------------------------------------------------------------------------------------- generation


def _kb_settings(req: ChatRequest, limit: int) -> ChatSettings:
    """The settings of one KB request. A client's ``max_tokens`` is a hard limit; without it an answer stating a long
    value (a hex digest, a paragraph) may run past the default budget to what the value needs, within ``limit`` (the
    server's max_new_tokens)."""
    values = dict(req.settings)
    values["value_tokens"] = min(ChatSettings.value_tokens, limit)
    if req.max_tokens:
        values["max_new_tokens"] = req.max_tokens
        values["value_tokens"] = 0
    if req.temperature:
        values.update(do_sample=True, temperature=req.temperature)
    if req.top_p is not None:
        values["top_p"] = req.top_p
    try:
        return settings_from(values)
    except ValueError as exc:
        raise APIError(400, str(exc), param=next(iter(req.settings), None)) from None


def check_prompt(services: AppServices, req: ChatRequest) -> None:
    """LimitError naming ``max_prompt_tokens`` when the question (KB modes) or the whole prompt (plain chat) is
    too long; checked before the request waits for a slot, so a huge question costs no generation memory."""
    engine, limit = services.models.engine(), services.config.max_prompt_tokens
    whole = "\n".join(m["content"] for m in req.messages)
    if req.kb is not None:  # the question first (named so), then the conversation it is resolved against
        check_prompt_length(engine, req.question, limit, "question")
        if len(req.messages) > 1:
            check_prompt_length(engine, whole, limit, "conversation")
    else:
        check_prompt_length(engine, whole, limit, "prompt")


def generate(services: AppServices, req: ChatRequest) -> Iterator[str | dict]:
    """Text pieces, then a final dict {"finish_reason", "usage", "kblam"?}. The caller holds a generation slot;
    each step runs in a worker thread."""
    settings = _kb_settings(req, services.config.max_new_tokens) if req.kb is not None else None
    engine = services.models.engine()
    if req.kb is None:
        replies = plain_reply(engine, req.messages, max_new_tokens=req.max_tokens or DEFAULT_PLAIN_MAX_TOKENS,
                              temperature=req.temperature, top_p=req.top_p, seed=req.seed,
                              max_prompt_tokens=services.config.max_prompt_tokens)
    else:
        replies = kb_reply(engine, req.messages, req.kb.encoded(engine), settings)  # follow-ups resolved
    for item in replies:
        if isinstance(item, Reply):
            final = {"finish_reason": item.finish_reason, "usage": item.usage}
            if item.answer is not None:
                final["kblam"] = kblam_field(item.answer, item.kb_size)
            yield final
        else:
            yield item


def kblam_field(answer: Answer, kb_size: int) -> dict:
    info = answer.as_dict()
    return {"refused": info["refused"], "mode": info["mode"], "layer": info["layer"], "kb_size": kb_size,
            "evidence": info["evidence"], "timings": info["timings"], "question": info["question"],
            "note": info["note"]}


def _completion(req: ChatRequest, text: str, final: dict, cid: str, created: int) -> dict:
    body = {"id": cid, "object": "chat.completion", "created": created, "model": req.model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                         "finish_reason": final["finish_reason"]}],
            "usage": final["usage"]}
    if "kblam" in final:
        body["kblam"] = final["kblam"]
    return body


async def _sse(services: AppServices, req: ChatRequest, cid: str, created: int, ticket: Ticket
               ) -> AsyncGenerator[str, None]:
    """The SSE stream: waits for its slot (no thread held), then relays each generation step from a worker
    thread; when the stream ends or the client goes away the generation is closed (it stops) and the slot is
    given back."""
    def chunk(delta: dict, finish: str | None = None, **extra: Any) -> str:
        data = {"id": cid, "object": "chat.completion.chunk", "created": created, "model": req.model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra}
        return f"data: {json.dumps(data, ensure_ascii=False)}\n\n"

    steps = generate(services, req)
    try:
        yield chunk({"role": "assistant", "content": ""})
        await ticket.wait_async()
        async for item in iterate_in_threadpool(steps):
            if isinstance(item, str):
                yield chunk({"content": item})
                continue
            extra = {"kblam": item["kblam"]} if "kblam" in item else {}
            yield chunk({}, item["finish_reason"], **extra)
            if req.include_usage:
                usage = {"id": cid, "object": "chat.completion.chunk", "created": created, "model": req.model,
                         "choices": [], "usage": item["usage"]}
                yield f"data: {json.dumps(usage)}\n\n"
        yield "data: [DONE]\n\n"
    except (StudioError, ValueError) as exc:
        yield f"data: {json.dumps(_api_error(exc).body(), ensure_ascii=False)}\n\ndata: [DONE]\n\n"
    except Exception:
        log.exception("generation failed")
        body = APIError(500, "generation failed (see the server log)").body()
        yield f"data: {json.dumps(body)}\n\ndata: [DONE]\n\n"
    finally:
        _close(steps)  # a cancelled step has finished by now (thread steps are not abandoned): stops generating
        ticket.release()


def _close(steps: Generator) -> None:
    try:
        steps.close()
    except ValueError:  # still executing in a worker thread: it stops at its next step (nobody asks for it)
        log.debug("generation still running a step when its stream closed")


def _api_error(exc: Exception) -> APIError:
    """An error as the API answers it: the status the error class carries (``http_status``), 400 for a plain
    ValueError."""
    if isinstance(exc, APIError):
        return exc
    if isinstance(exc, BusyError):
        return APIError(exc.http_status, str(exc), code="queue_full")
    if isinstance(exc, LimitError):
        return _limit_error(exc)
    return APIError(getattr(exc, "http_status", 400), str(exc))


class ClosingStreamingResponse(StreamingResponse):
    """A streaming response that closes its generator as soon as the response ends, also when the client
    disconnects, so generation stops then (instead of whenever the abandoned generator is garbage-collected).
    With a ``ticket`` its generation slot is given back too, however the response ends (even when the client
    leaves before the body generator has started, which would skip the generator's own ``finally``)."""

    def __init__(self, content: Generator[str, None, None] | AsyncGenerator[str, None], *,
                 ticket: Ticket | None = None, **kwargs: Any) -> None:
        super().__init__(content, **kwargs)
        self.source, self.ticket = content, ticket

    async def __call__(self, scope, receive, send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            try:
                if isinstance(self.source, AsyncGenerator):
                    await self.source.aclose()
                else:
                    self.source.close()
            finally:
                if self.ticket is not None:
                    self.ticket.release()


# ---------------------------------------------------------------------------------------------- routes


def identity(request: Request) -> str:
    """The caller's identity, set by :class:`app_ui.access.AccessMiddleware` (``anonymous`` without it)."""
    return getattr(request.state, "identity", None) or "anonymous"


def create_router(services: AppServices) -> APIRouter:
    """The API routes; mount with ``app.include_router(create_router(services))`` before the Gradio app."""
    router = APIRouter()
    config = services.config

    def model_ids() -> list[str]:
        return [MODEL_ALIAS, _backbone_id(services)]

    def handle(fn):
        @functools.wraps(fn)
        async def wrapper(request: Request, *args, **kwargs):
            try:
                return await fn(request, *args, **kwargs)
            except APIError as exc:
                return exc.response()
            except (StudioError, ValueError) as exc:
                return _api_error(exc).response()
        return wrapper

    @router.get("/health")
    async def health() -> dict:
        return {"status": "ok", "model": services.models.status(), "time": int(time.time())}

    @router.get("/v1/models")
    async def list_models() -> dict:
        created = int(time.time())
        return {"object": "list", "data": [{"id": mid, "object": "model", "created": created,
                                            "owned_by": "kblam-studio"} for mid in model_ids()]}

    @router.post("/v1/chat/completions")
    @handle
    async def chat_completions(request: Request):
        _enough_threads(config.concurrency)
        body = await read_json(request, config.max_request_bytes)
        req = parse_chat_request(body, services, model_ids(), identity(request))
        if req.kb is not None and isinstance(body, dict) and body.get("kb_id") is not None:
            await wait_until_encoded(str(body["kb_id"]), req.kb)
        ticket = services.models.reserve()  # BusyError (429) here, before any stream starts
        try:
            await run_in_threadpool(check_prompt, services, req)
        except BaseException:
            ticket.release()
            raise
        cid, created = "chatcmpl-" + uuid.uuid4().hex[:24], int(time.time())
        if req.stream:
            return ClosingStreamingResponse(_sse(services, req, cid, created, ticket), ticket=ticket,
                                            media_type="text/event-stream",
                                            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})

        def run() -> dict:
            pieces, final = [], None
            for item in generate(services, req):
                if isinstance(item, str):
                    pieces.append(item)
                else:
                    final = item
            assert final is not None, "generate() always ends with its final record"
            return _completion(req, "".join(pieces).strip(), final, cid, created)

        try:
            await ticket.wait_async()  # queued without holding a thread
            return JSONResponse(await run_in_threadpool(run))
        finally:
            ticket.release()

    @router.post("/v1/kbs")
    @handle
    async def upload_kb(request: Request):
        kb, name = await parse_kb_upload(request, services)
        kb_id = await run_in_threadpool(services.kbs.add, kb, name=name, owner=identity(request))  # writes it
        entry = services.kbs.get(kb_id, identity(request))
        return JSONResponse({"id": kb_id, "object": "kb", "num_triples": len(kb), "name": name,
                             "duplicates_removed": kb.duplicates_removed,
                             "status": entry.status() if entry is not None else {"state": "deleted"}})

    @router.get("/v1/kbs")
    async def list_kbs(request: Request) -> dict:
        return {"object": "list", "data": services.kbs.list(identity(request))}

    @router.get("/v1/kbs/{kb_id}")
    @handle
    async def get_kb(request: Request, kb_id: str):
        entry = services.kbs.get(kb_id, identity(request))
        if entry is None:
            raise APIError(404, f"KB '{kb_id}' not found", param="kb_id", code="kb_not_found")
        out = {"id": kb_id, "object": "kb", **entry.describe(), "status": entry.status()}
        if request.query_params.get("triples", "true").lower() not in ("0", "false", "no"):
            out["triples"] = entry.kb.to_records()  # ?triples=false: the status alone (polling a large KB)
        return JSONResponse(out)

    @router.delete("/v1/kbs/{kb_id}")
    @handle
    async def delete_kb(request: Request, kb_id: str):
        if not services.kbs.delete(kb_id, identity(request)):
            raise APIError(404, f"KB '{kb_id}' not found", param="kb_id", code="kb_not_found")
        return JSONResponse({"id": kb_id, "object": "kb", "deleted": True})

    return router


def _enough_threads(concurrency: int) -> None:
    """Let the worker-thread pool hold every running generation at once (a non-streaming one holds a thread to
    its end, a streaming one between its pieces) plus room for the rest of the API: batched decoding runs up to
    ``concurrency`` generations together, more than anyio's default of 40 threads allows."""
    limiter = anyio.to_thread.current_default_thread_limiter()
    wanted = concurrency + THREAD_HEADROOM
    if limiter.total_tokens < wanted:
        limiter.total_tokens = wanted


def _backbone_id(services: AppServices) -> str:
    spec = services.models.default_spec
    if services.models.is_loaded(spec):
        return services.models.engine(spec).backbone.model_id
    from kblam.models import DEFAULT_ALIASES, DEFAULT_BACKBONE_ID

    return DEFAULT_BACKBONE_ID if spec.backbone.lower() in DEFAULT_ALIASES else spec.backbone
