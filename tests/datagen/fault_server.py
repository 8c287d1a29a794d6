"""A fault-injecting OpenAI-compatible server on 127.0.0.1 for tests (issue 12).

Written on raw asyncio streams rather than FastAPI, so that it can misbehave below HTTP: besides error
statuses it sends bodies that are not JSON, empty, or lack ``choices``, trickles a reply one byte at a time,
resets the connection, or never answers. ``FaultServer(respond, plan)`` serves ``GET /v1/models`` and
``POST /v1/chat/completions``; for request number ``n`` (0-based) ``plan(n, body)`` names a fault from
:data:`FAULTS` or returns None, in which case ``respond(body)`` gives the reply text. Every chat request is
recorded in ``server.requests`` as ``(n, body, fault)``. Use it as ``with FaultServer(...) as base_url:``.
"""

from __future__ import annotations

import asyncio
import json
import random
import socket
import struct
import threading
import time
import uuid
from collections.abc import Callable

FAULTS = ("500", "502", "503", "429", "bad_json", "empty", "no_choices", "html", "trickle", "reset", "hang")
Plan = Callable[[int, dict], "str | None"]


def mixed_faults(rate: float, *, seed: int = 0, kinds: tuple[str, ...] = FAULTS) -> Plan:
    """A plan that faults ``rate`` of the requests, at random (seeded), cycling through ``kinds`` in order so
    that every kind occurs once enough requests were faulted."""
    rng = random.Random(seed)
    state = {"next": 0}
    lock = threading.Lock()

    def plan(n: int, body: dict) -> str | None:
        with lock:
            if rng.random() >= rate:
                return None
            kind = kinds[state["next"] % len(kinds)]
            state["next"] += 1
            return kind

    return plan


def completion(content: str, model: str) -> dict:
    return {"id": f"chatcmpl-{uuid.uuid4().hex[:12]}", "object": "chat.completion", "created": int(time.time()),
            "model": model, "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                                         "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 9, "completion_tokens": 4, "total_tokens": 13}}


class FaultServer:
    """An asyncio HTTP/1.1 server in a daemon thread (one request per connection, ``Connection: close``)."""

    def __init__(self, respond: Callable[[dict], str], plan: Plan | None = None, *, model: str = "fault-model",
                 trickle_interval: float = 0.25) -> None:
        self.respond, self.plan, self.model = respond, plan or (lambda n, body: None), model
        self.trickle_interval = trickle_interval
        self.requests: list[tuple[int, dict, str | None]] = []
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.AbstractServer | None = None
        self._handlers: set[asyncio.Task] = set()
        self.port = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def faults(self) -> list[str]:
        return [fault for _, _, fault in self.requests if fault]

    def __enter__(self) -> str:
        self._thread.start()
        self._server = asyncio.run_coroutine_threadsafe(
            asyncio.start_server(self._handle, "127.0.0.1", 0), self._loop).result(10)
        self.port = self._server.sockets[0].getsockname()[1]
        return self.base_url

    def __exit__(self, *exc) -> None:
        async def stop() -> None:
            self._server.close()
            for task in list(self._handlers):
                task.cancel()
            await asyncio.gather(*self._handlers, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        self._handlers.add(task)
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, path = lines[0].split(" ")[:2]
            headers = {k.strip().lower(): v.strip() for k, v in (ln.split(":", 1) for ln in lines[1:] if ":" in ln)}
            body = await reader.readexactly(int(headers.get("content-length", "0")))
            await self._route(method, path, body, writer)
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass
        finally:
            self._handlers.discard(task)
            if not writer.is_closing():
                writer.close()

    async def _route(self, method: str, path: str, raw: bytes, writer: asyncio.StreamWriter) -> None:
        if method == "GET" and path.endswith("/models"):
            data = {"object": "list", "data": [{"id": self.model, "object": "model", "created": 0, "owned_by": "t"}]}
            return await self._send(writer, 200, json.dumps(data).encode())
        if method != "POST" or not path.endswith("/chat/completions"):
            return await self._send(writer, 404, b'{"error": {"message": "not found"}}')
        body = json.loads(raw)
        with self._lock:
            n = len(self.requests)
            fault = self.plan(n, body)
            self.requests.append((n, body, fault))
        if fault is None:
            reply = await asyncio.to_thread(self.respond, body)
            return await self._send(writer, 200, json.dumps(completion(reply, self.model)).encode())
        await self._fault(fault, writer)

    async def _fault(self, fault: str, writer: asyncio.StreamWriter) -> None:
        error = json.dumps({"error": {"message": f"injected {fault}", "type": "server_error"}}).encode()
        if fault in ("500", "502", "503"):
            await self._send(writer, int(fault), error)
        elif fault == "429":
            await self._send(writer, 429, error, extra={"Retry-After": "0.2"})
        elif fault == "bad_json":
            await self._send(writer, 200, b'{"id": "chatcmpl-1", "choices": [{"message": {"content": "cut')
        elif fault == "empty":
            await self._send(writer, 200, b"")
        elif fault == "no_choices":
            await self._send(writer, 200, json.dumps({"id": "chatcmpl-2", "object": "chat.completion",
                                                      "model": self.model}).encode())
        elif fault == "html":
            await self._send(writer, 200, b"<html><body>502 Bad Gateway</body></html>", content_type="text/html")
        elif fault == "trickle":
            body = json.dumps(completion("a reply sent far too slowly " * 20, self.model)).encode()
            writer.write(self._head(200, len(body), "application/json"))
            for i in range(len(body)):
                writer.write(body[i:i + 1])
                await writer.drain()
                await asyncio.sleep(self.trickle_interval)
        elif fault == "reset":
            sock = writer.get_extra_info("socket")
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close sends RST
            writer.transport.abort()
        elif fault == "hang":
            await asyncio.sleep(3600)
        else:
            raise ValueError(f"unknown fault {fault!r}; choose from {FAULTS}")

    @staticmethod
    def _head(status: int, length: int, content_type: str, extra: dict | None = None) -> bytes:
        lines = [f"HTTP/1.1 {status} X", f"Content-Type: {content_type}", f"Content-Length: {length}",
                 "Connection: close", *(f"{k}: {v}" for k, v in (extra or {}).items())]
        return ("\r\n".join(lines) + "\r\n\r\n").encode()

    async def _send(self, writer: asyncio.StreamWriter, status: int, body: bytes, *,
                    content_type: str = "application/json", extra: dict | None = None) -> None:
        writer.write(self._head(status, len(body), content_type, extra) + body)
        await writer.drain()
