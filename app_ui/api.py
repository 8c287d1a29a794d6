"""The OpenAI-compatible HTTP API of the app server: ``/health``, ``/v1/models``, ``/v1/chat/completions``
(streaming over SSE or not) and ``/v1/kbs`` (upload, list, get, delete knowledge bases).

A request may carry a KB inline (``"kb": [{"name", "property", "value"}, …]``) or by id (``"kb_id"``), plus
``mode`` and the other :class:`~kblam.engine.ChatSettings` fields; the answer then comes from the KB (the last
user message is the question) and the response has a ``"kblam"`` field with the refusal flag and the evidence.
Without a KB the backbone answers as a plain chat model (all messages, system prompts, temperature, max_tokens).
Limits (request bytes, KB triples, max tokens, prompt tokens, queue) give 4xx errors in OpenAI's error JSON
that name the limit. Only wiring lives here; the work is done by :mod:`kblam.service`.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.concurrency import iterate_in_threadpool, run_in_threadpool

from kblam.engine import Answer, ChatSettings
from kblam.errors import KBFormatError, KBLaMError
from kblam.kb import KnowledgeBase
from kblam.service import (
    BusyError,
    ChatResult,
    KBEntry,
    LimitError,
    Ticket,
    check_prompt_length,
    settings_from,
    stream_chat,
    usage_of_answer,
)

from .context import AppServices

log = logging.getLogger(__name__)

MODEL_ALIAS = "kblam-studio"
DEFAULT_PLAIN_MAX_TOKENS = 256
# OpenAI request fields accepted and ignored (clients send them; this server does not implement them)
IGNORED_FIELDS = {"stop", "presence_penalty", "frequency_penalty", "logit_bias", "user", "response_format",
                  "logprobs", "top_logprobs", "tools", "tool_choice", "parallel_tool_calls", "metadata", "store",
                  "service_tier", "reasoning_effort", "modalities", "prediction", "audio", "stream_options", "n"}
KNOWN_FIELDS = {"model", "messages", "stream", "max_tokens", "max_completion_tokens", "temperature", "top_p",
                "seed", "kb", "kb_id"}
SETTING_FIELDS = {f.name for f in dataclasses.fields(ChatSettings)} - {"max_new_tokens", "temperature", "top_p",
                                                                        "do_sample"}


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
    return APIError(413 if exc.limit in ("max_request_bytes", "max_kb_triples") else 400, str(exc), param=param,
                    code=f"{exc.limit}_exceeded")


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
    except (UnicodeDecodeError, ValueError) as exc:
        raise APIError(400, f"the request body is not valid JSON: {exc}") from None


def _kb_from_records(records: Any, services: AppServices, source: str, param: str) -> KnowledgeBase:
    if isinstance(records, dict):
        records = records.get("triples", records.get("kb"))
    if not isinstance(records, list) or not records:
        raise APIError(400, f"'{param}' must be a non-empty list of {{name, property, value}} objects", param=param)
    limit = services.config.max_kb_triples
    if len(records) > limit:
        raise _limit_error(LimitError(f"the KB has {len(records)} triples; the limit is {limit} (max_kb_triples)",
                                      limit="max_kb_triples"), param)
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
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise APIError(400, f"the request body is not valid JSON: {exc}") from None
        records = data.get("triples", data.get("kb")) if isinstance(data, dict) else data
        name = data.get("name") if isinstance(data, dict) else None
        return _kb_from_records(records, services, "kb", "triples"), name

    async def replay() -> dict:  # the body was already read (bounded); let the form parser read it again
        return {"type": "http.request", "body": body, "more_body": False}

    form = await Request(request.scope, replay).form()
    upload = form.get("file")
    if upload is None or not hasattr(upload, "read"):
        raise APIError(400, "multipart upload needs a 'file' field (CSV, TSV, JSON or JSONL)", param="file")
    name = upload.filename or "upload"
    try:
        return KnowledgeBase.from_bytes(await upload.read(), name, limits=config.kb_limits), name
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
        kb = KBEntry(_kb_from_records(body["kb"], services, "kb", "kb"), name="inline")
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


def _kb_settings(req: ChatRequest) -> ChatSettings:
    values = dict(req.settings)
    if req.max_tokens:
        values["max_new_tokens"] = req.max_tokens
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
    if req.kb is not None:
        text, what = req.question, "question"
    else:
        text, what = "\n".join(m["content"] for m in req.messages), "prompt"
    check_prompt_length(services.models.engine(), text, services.config.max_prompt_tokens, what)


def generate(services: AppServices, req: ChatRequest) -> Iterator[str | dict]:
    """Text pieces, then a final dict {"finish_reason", "usage", "kblam"?}. The caller holds a generation slot;
    each step runs in a worker thread."""
    settings = _kb_settings(req) if req.kb is not None else None
    engine = services.models.engine()
    if req.kb is None:
        for item in stream_chat(engine, req.messages, max_new_tokens=req.max_tokens or DEFAULT_PLAIN_MAX_TOKENS,
                                temperature=req.temperature, top_p=req.top_p, seed=req.seed,
                                max_prompt_tokens=services.config.max_prompt_tokens):
            if isinstance(item, ChatResult):
                yield {"finish_reason": item.finish_reason,
                       "usage": {"prompt_tokens": item.prompt_tokens, "completion_tokens": item.completion_tokens,
                                 "total_tokens": item.prompt_tokens + item.completion_tokens}}
            else:
                yield item
        return
    encoded = req.kb.encoded(engine)
    for item in engine.stream(req.question, encoded, settings):
        if isinstance(item, Answer):
            usage = usage_of_answer(engine, req.question, item, None)
            finish = "length" if usage["completion_tokens"] >= settings.max_new_tokens else "stop"
            yield {"finish_reason": finish, "usage": usage, "kblam": kblam_field(item, len(encoded))}
        else:
            yield item


def kblam_field(answer: Answer, kb_size: int) -> dict:
    info = answer.as_dict()
    return {"refused": info["refused"], "mode": info["mode"], "layer": info["layer"], "kb_size": kb_size,
            "evidence": info["evidence"], "timings": info["timings"]}


def _completion(req: ChatRequest, text: str, final: dict, cid: str, created: int) -> dict:
    body = {"id": cid, "object": "chat.completion", "created": created, "model": req.model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                         "finish_reason": final["finish_reason"]}],
            "usage": final["usage"]}
    if "kblam" in final:
        body["kblam"] = final["kblam"]
    return body


async def _sse(services: AppServices, req: ChatRequest, cid: str, created: int, ticket: Ticket
               ) -> AsyncIterator[str]:
    """The SSE stream: waits for its slot (no thread held), then relays each generation step from a worker
    thread; the slot is given back when the stream ends or the client goes away."""
    def chunk(delta: dict, finish: str | None = None, **extra: Any) -> str:
        data = {"id": cid, "object": "chat.completion.chunk", "created": created, "model": req.model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra}
        return f"data: {json.dumps(data, ensure_ascii=False)}\n\n"

    try:
        yield chunk({"role": "assistant", "content": ""})
        await ticket.wait_async()
        async for item in iterate_in_threadpool(generate(services, req)):
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
    except (KBLaMError, ValueError) as exc:
        yield f"data: {json.dumps(_api_error(exc).body(), ensure_ascii=False)}\n\ndata: [DONE]\n\n"
    except Exception:
        log.exception("generation failed")
        body = APIError(500, "generation failed (see the server log)").body()
        yield f"data: {json.dumps(body)}\n\ndata: [DONE]\n\n"
    finally:
        ticket.release()


class _TicketStream(StreamingResponse):
    """A stream that gives its generation slot back however it ends (even when the client leaves before the
    body generator has started, which would skip the generator's own ``finally``)."""

    def __init__(self, ticket: Ticket, content: AsyncIterator[str], **kwargs: Any) -> None:
        super().__init__(content, **kwargs)
        self.ticket = ticket

    async def __call__(self, scope, receive, send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self.ticket.release()


def _api_error(exc: Exception) -> APIError:
    if isinstance(exc, APIError):
        return exc
    if isinstance(exc, BusyError):
        return APIError(429, str(exc), code="queue_full")
    if isinstance(exc, LimitError):
        return _limit_error(exc)
    if isinstance(exc, KBLaMError):
        return APIError(503 if "load" in type(exc).__name__.lower() else 400, str(exc))
    return APIError(400, str(exc))


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
            except (KBLaMError, ValueError) as exc:
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
        body = await read_json(request, config.max_request_bytes)
        req = parse_chat_request(body, services, model_ids(), identity(request))
        ticket = services.models.reserve()  # BusyError (429) here, before any stream starts
        try:
            await run_in_threadpool(check_prompt, services, req)
        except BaseException:
            ticket.release()
            raise
        cid, created = "chatcmpl-" + uuid.uuid4().hex[:24], int(time.time())
        if req.stream:
            return _TicketStream(ticket, _sse(services, req, cid, created, ticket), media_type="text/event-stream",
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
        kb_id = services.kbs.add(kb, name=name, owner=identity(request))
        return JSONResponse({"id": kb_id, "object": "kb", "num_triples": len(kb), "name": name,
                             "duplicates_removed": kb.duplicates_removed})

    @router.get("/v1/kbs")
    async def list_kbs(request: Request) -> dict:
        return {"object": "list", "data": services.kbs.list(identity(request))}

    @router.get("/v1/kbs/{kb_id}")
    @handle
    async def get_kb(request: Request, kb_id: str):
        entry = services.kbs.get(kb_id, identity(request))
        if entry is None:
            raise APIError(404, f"KB '{kb_id}' not found", param="kb_id", code="kb_not_found")
        return JSONResponse({"id": kb_id, "object": "kb", **entry.describe(), "triples": entry.kb.to_records()})

    @router.delete("/v1/kbs/{kb_id}")
    @handle
    async def delete_kb(request: Request, kb_id: str):
        if not services.kbs.delete(kb_id, identity(request)):
            raise APIError(404, f"KB '{kb_id}' not found", param="kb_id", code="kb_not_found")
        return JSONResponse({"id": kb_id, "object": "kb", "deleted": True})

    return router


def _backbone_id(services: AppServices) -> str:
    spec = services.models.default_spec
    if services.models.is_loaded(spec):
        return services.models.engine(spec).backbone.model_id
    from kblam.models import DEFAULT_ALIASES, DEFAULT_BACKBONE_ID

    return DEFAULT_BACKBONE_ID if spec.backbone.lower() in DEFAULT_ALIASES else spec.backbone
