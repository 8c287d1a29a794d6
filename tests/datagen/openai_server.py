"""Tiny OpenAI-compatible servers on 127.0.0.1 for tests: scripted failures, canned replies, or a real model.

``ServerThread(app)`` runs a FastAPI app under uvicorn in a background thread on a free port
(``with ServerThread(app) as base_url: ...``). :func:`scripted_app` answers each request with the next step of
a script (an HTTP error, a delay, or a reply with optional ``reasoning_content``) and records the requests.
:func:`model_app` serves ``/v1/models`` and ``/v1/chat/completions`` from any ``generate(messages,
max_tokens, temperature) -> (text, prompt_tokens, completion_tokens)`` function, e.g. SmolLM2 in-process.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
import uuid
from collections.abc import Callable

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerThread:
    """Run ``app`` on 127.0.0.1 in a daemon thread; the context value is the ``/v1`` base URL."""

    def __init__(self, app: FastAPI) -> None:
        self.port = free_port()
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", access_log=False,
                                timeout_keep_alive=30, limit_concurrency=1000, backlog=2048)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("test server did not start")
            time.sleep(0.02)
        return self.base_url

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def completion(content: str, *, model: str = "test-model", reasoning: str | None = None, prompt_tokens: int = 7,
               completion_tokens: int = 5, finish_reason: str = "stop") -> dict:
    message = {"role": "assistant", "content": content}
    if reasoning is not None:
        message["reasoning_content"] = reasoning
    return {"id": f"chatcmpl-{uuid.uuid4().hex[:12]}", "object": "chat.completion", "created": int(time.time()),
            "model": model, "choices": [{"index": 0, "message": message, "finish_reason": finish_reason}],
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                      "total_tokens": prompt_tokens + completion_tokens}}


def scripted_app(script: list[dict], *, model: str = "test-model", default: dict | None = None) -> FastAPI:
    """Each chat request takes the next step: ``{"status": 429, "headers": {...}, "body": {...}}``,
    ``{"delay": s}`` (then the next step answers), or ``{"content": …, "reasoning": …}``. When the script is
    used up, ``default`` (a reply step) answers. ``app.state.requests`` records (time, headers, json)."""
    app = FastAPI()
    app.state.requests = []
    app.state.in_flight = app.state.max_in_flight = 0
    steps = list(script)

    @app.get("/v1/models")
    async def models() -> dict:
        return {"object": "list", "data": [{"id": model, "object": "model", "created": 0, "owned_by": "test"}]}

    @app.post("/v1/chat/completions")
    async def chat(request: Request):
        app.state.in_flight += 1
        app.state.max_in_flight = max(app.state.max_in_flight, app.state.in_flight)
        try:
            return await answer(request)
        finally:
            app.state.in_flight -= 1

    async def answer(request: Request):
        body = await request.json()
        app.state.requests.append((time.monotonic(), dict(request.headers), body))
        step = steps.pop(0) if steps else dict(default or {"content": "ok"})
        while "delay" in step and "content" not in step and "status" not in step:
            await asyncio.sleep(step["delay"])
            step = steps.pop(0) if steps else dict(default or {"content": "ok"})
        if "status" in step:
            error = step.get("body") or {"error": {"message": step.get("message", "scripted failure"),
                                                   "type": "server_error"}}
            return JSONResponse(error, status_code=step["status"], headers=step.get("headers"))
        if step.get("delay"):
            await asyncio.sleep(step["delay"])
        return completion(step["content"], model=model, reasoning=step.get("reasoning"),
                          prompt_tokens=step.get("prompt_tokens", 7), completion_tokens=step.get("completion_tokens", 5))

    return app


def model_app(generate: Callable[[list[dict], int, float], tuple[str, int, int]], *, model: str) -> FastAPI:
    """An OpenAI-compatible server around a synchronous ``generate`` function (one request at a time)."""
    app = FastAPI()
    lock = threading.Lock()

    def run(messages, max_tokens, temperature):
        with lock:
            return generate(messages, max_tokens, temperature)

    @app.get("/v1/models")
    async def models() -> dict:
        return {"object": "list", "data": [{"id": model, "object": "model", "created": 0, "owned_by": "local"}]}

    @app.post("/v1/chat/completions")
    async def chat(request: Request):
        body = await request.json()
        messages = body.get("messages")
        if not isinstance(messages, list) or not messages:
            return JSONResponse({"error": {"message": "messages must be a non-empty list"}}, status_code=400)
        max_tokens = int(body.get("max_tokens") or body.get("max_completion_tokens") or 256)
        temperature = float(body.get("temperature") if body.get("temperature") is not None else 0.7)
        text, prompt_tokens, completion_tokens = await asyncio.to_thread(run, messages, max_tokens, temperature)
        finish = "length" if completion_tokens >= max_tokens else "stop"
        return completion(text, model=model, prompt_tokens=prompt_tokens, completion_tokens=completion_tokens,
                          finish_reason=finish)

    return app
