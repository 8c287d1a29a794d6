"""Batched, grammar-constrained generation with the built-in model, in process on the CPU.

:func:`decode_batch` runs many chat requests through one left-padded forward pass per step (a KV cache, rows
that finish leave the batch so later steps get cheaper). A request with a JSON schema decodes under a token
mask computed by **llguidance** from that schema, applied to the logits *before* temperature and top-p, so
the reply is valid JSON of that shape by construction (unless it runs out of tokens, reported as
``finish_reason="length"``). Requests without a schema decode freely. Nothing here knows about stages.

llguidance was chosen over xgrammar (both install from PyPI here; lm-format-enforcer is pure Python and was
not measured): on SmolLM2 with the questions schema, greedy, one request, both ran at about 20 tok/s against
about 10 tok/s unconstrained in the same noisy run (load 4-10), i.e. the mask costs less than the noise, and
matcher set-up took 1-4 ms (llguidance) vs 6 ms schema compilation (xgrammar). llguidance has no Python
dependencies, while xgrammar requires triton and apache-tvm-ffi.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import torch

# compact JSON as small models write it naturally: {"a": 1, "b": [2, 3]}
JSON_OPTIONS = {"whitespace_flexible": False, "item_separator": ", ", "key_separator": ": "}
TOP_P = 0.95


@dataclass
class GenRequest:
    """One chat to complete: the messages, a token budget, a temperature and an optional JSON schema."""

    messages: list[dict]
    max_new_tokens: int
    temperature: float = 0.7
    schema: dict | None = None


@dataclass
class Generated:
    """The completion of one request."""

    text: str
    prompt_tokens: int
    completion_tokens: int
    finish_reason: str  # "stop" (EOS or grammar complete) or "length"


_TOKENIZERS: dict[int, object] = {}
_TOKENIZER_LOCK = threading.Lock()


def ll_tokenizer(tokenizer, vocab_size: int):
    """llguidance's view of a Hugging Face fast tokenizer (built once per tokenizer, ~1 s)."""
    import llguidance.hf

    with _TOKENIZER_LOCK:
        key = id(tokenizer)
        if key not in _TOKENIZERS:
            _TOKENIZERS[key] = llguidance.hf.from_tokenizer(tokenizer, n_vocab=vocab_size)
        return _TOKENIZERS[key]


@functools.lru_cache(maxsize=256)
def _grammar(schema_json: str) -> str:
    import llguidance

    return llguidance.LLMatcher.grammar_from_json_schema(schema_json, defaults=JSON_OPTIONS)


def make_matcher(tokenizer, vocab_size: int, schema: dict):
    """A fresh llguidance matcher for ``schema``; a schema llguidance cannot compile raises ValueError."""
    import llguidance

    matcher = llguidance.LLMatcher(ll_tokenizer(tokenizer, vocab_size),
                                   _grammar(json.dumps(schema, sort_keys=True)))
    if matcher.is_error():
        raise ValueError(f"cannot decode under this JSON schema: {matcher.get_error()}")
    return matcher


def allowed_tokens(matcher, vocab_size: int) -> torch.Tensor:
    """The matcher's next-token mask as a bool tensor of shape (V,)."""
    bits = np.frombuffer(matcher.compute_bitmask(), dtype=np.uint8)
    return torch.from_numpy(np.unpackbits(bits, bitorder="little")[:vocab_size].astype(bool))


def _eos_ids(model, tokenizer) -> set[int]:
    ids = {tokenizer.eos_token_id}
    configured = getattr(getattr(model, "generation_config", None), "eos_token_id", None)
    ids.update(configured if isinstance(configured, list) else [configured])
    return {i for i in ids if i is not None}


def _sample(logits: torch.Tensor, temperatures: torch.Tensor, generator: torch.Generator | None) -> torch.Tensor:
    """Next tokens (B,) from masked logits (B, V): greedy where the temperature is 0, else top-p sampling."""
    greedy = logits.argmax(dim=-1)
    if bool((temperatures <= 0).all()):
        return greedy
    scaled = logits / temperatures.clamp(min=1e-4)[:, None]
    probs = torch.softmax(scaled, dim=-1)  # (B, V)
    sorted_probs, order = probs.sort(dim=-1, descending=True)
    cutoff = sorted_probs.cumsum(dim=-1) - sorted_probs > TOP_P  # keep the smallest set reaching TOP_P
    sorted_probs[cutoff] = 0.0
    picked = torch.multinomial(sorted_probs, 1, generator=generator)  # (B, 1)
    sampled = order.gather(-1, picked).squeeze(-1)
    return torch.where(temperatures <= 0, greedy, sampled)


def _encode(tokenizer, requests: Sequence[GenRequest]) -> tuple[torch.Tensor, torch.Tensor]:
    texts = [tokenizer.apply_chat_template(r.messages, add_generation_prompt=True, tokenize=False)
             for r in requests]
    old_side = tokenizer.padding_side
    tokenizer.padding_side = "left"
    try:
        batch = tokenizer(texts, return_tensors="pt", padding=True, add_special_tokens=False)
    finally:
        tokenizer.padding_side = old_side
    return batch["input_ids"], batch["attention_mask"]


def decode_threads() -> int:
    """Torch threads for the next batch: ``KBLAM_STUDIO_THREADS`` if set, else torch's default unless the CPU
    is oversubscribed (1-minute load average above the core count), then 1.

    Measured on the shared 2-core machine at load 12: 2 threads decode at 0.5-0.6 tok/s and burn 9x the CPU
    time of 1 thread (threads spin waiting for each other while descheduled); 1 thread decodes at 5-6 tok/s."""
    configured = os.environ.get("KBLAM_STUDIO_THREADS")
    if configured:
        return max(1, int(configured))
    cores = os.cpu_count() or 1
    return 1 if os.getloadavg()[0] > cores else torch.get_num_threads()


@contextlib.contextmanager
def torch_threads(count: int):
    """Run the block with ``count`` intra-op threads, then restore the previous setting."""
    before = torch.get_num_threads()
    torch.set_num_threads(count)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def decode_batch(model, tokenizer, requests: Sequence[GenRequest], *,
                 generator: torch.Generator | None = None, threads: int | None = None,
                 on_tokens: Callable[[int], None] | None = None) -> list[Generated]:
    """Complete every request in one batch (see the module docstring) with ``threads`` torch threads
    (default: :func:`decode_threads`); ``on_tokens(n)`` is told after each step how many tokens it made."""
    if not requests:
        return []
    with torch_threads(threads or decode_threads()), torch.no_grad():
        return _decode(model, tokenizer, requests, generator, on_tokens)


def _decode(model, tokenizer, requests: Sequence[GenRequest], generator: torch.Generator | None,
            on_tokens: Callable[[int], None] | None = None) -> list[Generated]:
    from transformers import DynamicCache

    vocab = model.get_output_embeddings().weight.shape[0]
    eos = _eos_ids(model, tokenizer)
    eos_mask = torch.zeros(vocab, dtype=torch.bool)
    eos_mask[list(eos)] = True
    matchers = [make_matcher(tokenizer, vocab, r.schema) if r.schema is not None else None for r in requests]
    input_ids, attention = _encode(tokenizer, requests)  # (B, T) each, left-padded
    prompt_tokens = attention.sum(dim=1).tolist()
    cache = DynamicCache(config=model.config)
    positions = (attention.cumsum(-1) - 1).clamp(min=0)
    out = model(input_ids=input_ids, attention_mask=attention, position_ids=positions, past_key_values=cache,
                use_cache=True, logits_to_keep=1)
    logits = out.logits[:, -1, :].float()  # (B, V)
    active = list(range(len(requests)))  # request index of each batch row
    produced: list[list[int]] = [[] for _ in requests]
    finish = ["length"] * len(requests)
    temperatures = torch.tensor([r.temperature for r in requests], dtype=torch.float32)
    while active:
        for row, index in enumerate(active):
            if matchers[index] is not None:
                logits[row].masked_fill_(~allowed_tokens(matchers[index], vocab), float("-inf"))
        tokens = _sample(logits, temperatures[active], generator).tolist()
        if on_tokens is not None:
            on_tokens(len(tokens))
        keep = []
        for row, (index, token) in enumerate(zip(active, tokens, strict=True)):
            matcher = matchers[index]
            if matcher is not None:
                matcher.consume_token(token)
            if token not in eos:
                produced[index].append(token)
            if token in eos or (matcher is not None and matcher.is_stopped()):
                finish[index] = "stop"
            elif len(produced[index]) < requests[index].max_new_tokens:
                keep.append(row)
        if not keep:
            break
        if len(keep) < len(active):
            rows = torch.tensor(keep)
            cache.batch_select_indices(rows)
            attention = attention[rows]
        active = [active[row] for row in keep]
        next_ids = torch.tensor([produced[i][-1] for i in active])[:, None]  # (B', 1)
        attention = torch.cat([attention, torch.ones(len(active), 1, dtype=attention.dtype)], dim=1)
        positions = attention.sum(dim=1, keepdim=True) - 1  # (B', 1)
        out = model(input_ids=next_ids, attention_mask=attention, position_ids=positions, past_key_values=cache,
                    use_cache=True)
        logits = out.logits[:, -1, :].float()
    return [Generated(text=tokenizer.decode(produced[i], skip_special_tokens=True), prompt_tokens=prompt_tokens[i],
                      completion_tokens=len(produced[i]), finish_reason=finish[i]) for i in range(len(requests))]


class Batcher:
    """Collects concurrent requests from asyncio tasks and decodes them together, ``max_batch`` at a time.

    The first request waits ``gather_seconds`` for its siblings (the stage's other workers), then a batch runs
    in a worker thread; requests that arrive meanwhile form the next batch. One batcher per event loop."""

    def __init__(self, run_batch, *, max_batch: int, gather_seconds: float = 0.05) -> None:
        self.run_batch = run_batch  # list[GenRequest] -> list[Generated] (blocking)
        self.max_batch = max_batch
        self.gather_seconds = gather_seconds
        self._pending: list[tuple[GenRequest, asyncio.Future]] = []
        self._draining = False

    async def submit(self, request: GenRequest) -> Generated:
        future = asyncio.get_running_loop().create_future()
        self._pending.append((request, future))
        if not self._draining:
            self._draining = True
            asyncio.get_running_loop().create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        try:
            while self._pending:
                await asyncio.sleep(self.gather_seconds)
                batch = [p for p in self._pending[: self.max_batch] if not p[1].done()]
                del self._pending[: self.max_batch]
                if not batch:
                    continue
                try:
                    results = await asyncio.to_thread(self.run_batch, [request for request, _ in batch])
                except BaseException as exc:  # noqa: BLE001 - every waiting caller gets the error
                    for _, future in batch:
                        if not future.done():
                            future.set_exception(exc)
                    if not isinstance(exc, Exception):
                        raise
                    continue
                for (_, future), result in zip(batch, results, strict=True):
                    if not future.done():
                        future.set_result(result)
        finally:
            self._draining = False
