"""Test doubles for the dataset studio: a scripted chat client and a deterministic bag-of-words embedder."""

from __future__ import annotations

import asyncio
import hashlib
import re
from collections.abc import Callable

import numpy as np

from datagen.llm import ChatClient, ChatResult, LLMSettings, split_think

Reply = str | ChatResult | BaseException | Callable[[list[dict]], "str | ChatResult"]


class ScriptedLLM(ChatClient):
    """A chat client that answers from canned replies, like simonw/llm's test model.

    ``replies`` is one FIFO queue used for every call; ``by_purpose`` maps a prompt name to a queue (a list,
    consumed in order), a fixed reply (str, repeated) or a function of the messages. A reply that is an
    exception is raised. Every call is recorded in ``calls`` as ``(purpose, messages)``.
    """

    def __init__(self, replies: list[Reply] | None = None, *, by_purpose: dict | None = None,
                 concurrency: int = 1, delay: float = 0.0, model: str = "scripted", notice: str | None = None):
        self.replies = list(replies or [])
        self.by_purpose = dict(by_purpose or {})
        self.concurrency = concurrency
        self.delay = delay
        self.model = model
        self.notice = notice
        self.settings = LLMSettings(concurrency=concurrency)
        self.calls: list[tuple[str, list[dict]]] = []
        self.schemas: list[dict | None] = []  # the guide each call asked for
        self.in_flight = 0
        self.max_in_flight = 0

    def purposes(self) -> list[str]:
        return [purpose for purpose, _ in self.calls]

    def _next(self, purpose: str, messages: list[dict]) -> Reply:
        if purpose in self.by_purpose:
            source = self.by_purpose[purpose]
            if isinstance(source, list):
                if not source:
                    raise AssertionError(f"no scripted reply left for {purpose!r}")
                return source.pop(0)
            return source
        if not self.replies:
            raise AssertionError(f"no scripted reply left (purpose {purpose!r})")
        return self.replies.pop(0)

    async def chat(self, messages, *, temperature=None, max_tokens=None, purpose="", schema=None):
        messages = list(messages)
        self.calls.append((purpose, messages))
        self.schemas.append(schema)
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.delay:
                await asyncio.sleep(self.delay)
            reply = self._next(purpose, messages)
            if callable(reply) and not isinstance(reply, BaseException):
                reply = reply(messages)
            if isinstance(reply, BaseException):
                raise reply
            if isinstance(reply, ChatResult):
                return reply
            text, reasoning = split_think(reply)
            prompt_words = sum(len(m["content"].split()) for m in messages)
            return ChatResult(text=text, reasoning=reasoning, prompt_tokens=prompt_words,
                              completion_tokens=len(reply.split()), model=self.model)
        finally:
            self.in_flight -= 1


_WORD = re.compile(r"\w+")


def hash_embed(texts: list[str], dim: int = 512) -> np.ndarray:
    """Bag-of-words vectors (hashed words): same words → cosine 1, disjoint words → cosine 0."""
    out = np.zeros((len(texts), dim), dtype=np.float32)
    for i, text in enumerate(texts):
        for word in _WORD.findall(text.lower()):
            out[i, int(hashlib.md5(word.encode()).hexdigest(), 16) % dim] += 1.0
    return out


hash_embed.model_id = "test-hash-bow"


def last_user(messages: list[dict]) -> str:
    return next(m["content"] for m in reversed(messages) if m["role"] == "user")
