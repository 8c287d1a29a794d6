"""Continuous batching: one scheduler thread owns the model and decodes every running generation together.

Requests (:class:`Job`) are queued from any thread. Between decoding steps the scheduler admits what is queued (up
to ``max_batch`` running): the prompts without a KB are prefilled together (left-padded), a prompt with a KB is
prefilled alone (its KB attention is recorded there, as for a request served alone, for the evidence); their KV
caches join the running batch's cache (padding columns masked per row). Prompts without a KB share the chat
template's start (the system prompt): its KV cache is computed once and reused (a prefix cache), so their
prefill costs only their own tokens. Each step then runs one forward pass over all running
sequences, each with its own KB or none (:class:`~kblam.attention.BatchKB`: rows of one KB take the joint
softmax with its knowledge tokens, rows without one stock SDPA), and picks each row's token with that row's own
logits processors (the grounded decoding of :mod:`kblam.decoding` sees that sequence alone, as ``(1, t)``), so a
greedy answer has the same tokens batched as alone, up to floating-point ties, with fp32 or bf16 weights. Dynamic
int8 weights (``precision="int8"``) quantise each linear's whole input with one scale, so there a row's rounding
depends on the other rows and freely generated tokens can differ from the lone run. Finished and cancelled
sequences leave the batch at once.

The old path (``generate()`` per request, one thread each) stays in :meth:`kblam.engine.KBLaM._generate` when no
scheduler is attached (``--no-batching``)."""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import torch
from transformers import DynamicCache
from transformers.generation.logits_process import (
    TemperatureLogitsWarper,
    TopKLogitsWarper,
    TopPLogitsWarper,
)

from . import attention

log = logging.getLogger(__name__)

TOP_K = 50  # generate()'s default top-k when sampling, kept so both paths sample alike
MIN_PREFIX = 8  # shortest shared prompt start worth a cached prefix


@dataclass(eq=False)
class Job:
    """One generation. ``on_token`` receives each new token id (in the scheduler thread), ``on_end`` the error or
    None once it is finished; ``cancelled`` ends it at the next step."""

    prompt: list[int]
    state: attention.KBState | None
    max_new_tokens: int
    stop_ids: Sequence[int]
    on_token: Callable[[int], None]
    on_end: Callable[[BaseException | None], None]
    processor: Callable | None = None  # (input_ids (1, t), scores (1, V)) -> scores
    do_sample: bool = False
    temperature: float = 1.0
    top_p: float = 1.0
    generator: torch.Generator | None = None
    cancelled: threading.Event = field(default_factory=threading.Event)
    tokens: list[int] = field(default_factory=list)  # the prompt's, then the generated ones
    done: bool = False

    def finish(self, error: BaseException | None) -> None:
        """Hand ``on_end`` its result, once."""
        if not self.done:
            self.done = True
            self.on_end(error)

    def pick(self, logits: torch.Tensor) -> int:
        """This sequence's next token from its last logits (V,), as ``generate()`` would pick it."""
        ids = torch.tensor([self.tokens])
        scores = logits[None].float()  # (1, V)
        if self.processor is not None:
            scores = self.processor(ids, scores)
        if not self.do_sample:
            return int(scores[0].argmax())
        for warper in self._warpers():
            scores = warper(ids, scores)
        probs = torch.softmax(scores, dim=-1)
        return int(torch.multinomial(probs[0], 1, generator=self.generator))

    def _warpers(self) -> list:
        out = []
        if self.temperature and self.temperature != 1.0:
            out.append(TemperatureLogitsWarper(self.temperature))
        out.append(TopKLogitsWarper(TOP_K))
        if self.top_p < 1.0:
            out.append(TopPLogitsWarper(self.top_p))
        return out


class BatchScheduler:
    """Decodes all running :class:`Job` s of one model together (see the module docstring). The thread starts on
    the first job and stops after ``idle_s`` without work."""

    def __init__(self, model: torch.nn.Module, max_batch: int = 32, idle_s: float = 30.0) -> None:
        if max_batch < 1:
            raise ValueError(f"max_batch must be >= 1, got {max_batch}")
        self.model, self.max_batch, self.idle_s = model, max_batch, idle_s
        self._queue: deque[Job] = deque()
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self.rows: list[Job] = []  # the running sequences, one per row of the batch cache
        self.cache: DynamicCache | None = None
        self.mask: torch.Tensor | None = None  # (B, S) bool: which cache columns each row may attend to
        self._prefix: tuple[list[int], DynamicCache] | None = None  # shared prompt start and its KV cache
        self._last_plain: list[int] = []
        self.gate = threading.Lock()  # held (by a test) to let jobs queue up and be admitted together
        self.steps = 0  # decoding steps run (for tests and logs)
        self.max_rows_seen = 0  # the largest batch decoded in one step

    @property
    def queued(self) -> int:
        return len(self._queue)

    @property
    def device(self) -> torch.device:
        return next(self.model.parameters()).device

    def submit(self, job: Job) -> None:
        job.tokens = list(job.prompt)
        with self._cond:
            self._queue.append(job)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="kblam-batch", daemon=True)
                self._thread.start()
            self._cond.notify()

    # ---- the loop -------------------------------------------------------------------------------------------

    def _run(self) -> None:
        while True:
            with self._cond:
                if not self._queue and not self.rows:
                    self._cond.wait(self.idle_s)
                    if not self._queue:
                        self._thread = None
                        return
            with self.gate:  # a held gate stops the loop here, before it takes the queued jobs
                pass
            with self._cond:
                new = [self._queue.popleft() for _ in range(min(len(self._queue), self.max_batch - len(self.rows)))]
            try:
                with torch.no_grad():
                    for job in new:
                        if job.cancelled.is_set():
                            job.finish(None)
                    self._admit([j for j in new if not j.done])
                    if self.rows:
                        self._step()
            except BaseException as exc:  # noqa: BLE001 - handed to every caller of the failed batch
                log.exception("batched decoding failed")
                for job in self.rows + new:
                    job.finish(exc)
                self.rows, self.cache, self.mask = [], None, None

    def _admit(self, jobs: list[Job]) -> None:
        """Prefill the new jobs (those without a KB together, each with a KB alone) and join them to the batch."""
        plain = [j for j in jobs if j.state is None]
        prefix = self._shared_prefix(plain)
        shared = [j for j in plain if prefix is not None and _starts_with(j.tokens, prefix[0])]
        groups = [g for g in (shared, [j for j in plain if j not in shared]) if g]
        groups += [[j] for j in jobs if j.state is not None]
        for group in groups:
            start = time.perf_counter()
            logits, cache, mask = self._prefill(group, prefix if group is shared else None)
            log.debug("prefill of %d prompt(s) (shared prefix: %s) in %.3f s", len(group), group is shared,
                      time.perf_counter() - start)
            keep = [i for i, job in enumerate(group) if not self._emit(job, logits[i])]
            if keep:
                self._join([group[i] for i in keep], _select(cache, keep), mask[keep])

    def _shared_prefix(self, plain: list[Job]) -> tuple[list[int], DynamicCache] | None:
        """The KV cache of the prompt start that requests without a KB share (the chat template's system prompt):
        computed once, when two such prompts share at least ``MIN_PREFIX`` tokens, and reused while they do."""
        if not plain:
            return None
        if self._prefix is not None and any(_starts_with(j.tokens, self._prefix[0]) for j in plain):
            return self._prefix
        prompts = [j.tokens for j in plain] + ([self._last_plain] if self._last_plain else [])
        self._last_plain = plain[-1].tokens[:]
        if len(prompts) < 2:
            return None
        start = _best_prefix(prompts)
        if len(start) < MIN_PREFIX:
            return None
        ids = torch.tensor([start], device=self.device)
        cache = DynamicCache(config=self.model.config)
        with attention.kb_context(None):
            self.model(input_ids=ids, past_key_values=cache, use_cache=True, logits_to_keep=1)
        self._prefix = (start, cache)
        return self._prefix

    def _prefill(self, jobs: list[Job], prefix: tuple[list[int], DynamicCache] | None
                 ) -> tuple[torch.Tensor, DynamicCache, torch.Tensor]:
        """One forward pass over the jobs' prompts (after ``prefix``, whose cache they then share), left-padded:
        their first logits (b, V), their KV cache and its (b, S) attention mask."""
        skip = len(prefix[0]) if prefix is not None else 0
        rests = [j.tokens[skip:] for j in jobs]
        width = max(len(r) for r in rests)
        ids = torch.zeros(len(jobs), width, dtype=torch.long)
        mask = torch.zeros(len(jobs), skip + width, dtype=torch.long)
        mask[:, :skip] = 1
        for i, rest in enumerate(rests):  # left padding: every prompt ends at the last column
            ids[i, width - len(rest):] = torch.tensor(rest)
            mask[i, skip + width - len(rest):] = 1
        positions = (mask.cumsum(-1) - 1).clamp_min(0)[:, skip:]
        cache = DynamicCache(config=self.model.config)
        if prefix is not None:
            for layer, shared in zip(cache.layers, prefix[1].layers, strict=True):
                layer.update(shared.keys.expand(len(jobs), -1, -1, -1), shared.values.expand(len(jobs), -1, -1, -1))
        state = jobs[0].state if len(jobs) == 1 else None
        dev = self.device
        with attention.kb_context(state):
            out = self.model(input_ids=ids.to(dev), attention_mask=mask.to(dev), position_ids=positions.to(dev),
                             past_key_values=cache, use_cache=True, logits_to_keep=1)
        return out.logits[:, -1], out.past_key_values, mask.bool()

    def _emit(self, job: Job, logits: torch.Tensor) -> bool:
        """Pick and hand out the job's next token; True when the job is finished (it then gets ``on_end``)."""
        token = job.pick(logits)
        job.tokens.append(token)
        job.on_token(token)
        generated = len(job.tokens) - len(job.prompt)
        done = token in job.stop_ids or generated >= job.max_new_tokens or job.cancelled.is_set()
        if done:
            job.finish(None)
        return done

    def _join(self, jobs: list[Job], cache: DynamicCache, mask: torch.Tensor) -> None:
        """Append prefilled rows to the running batch, left-padding whichever side is shorter."""
        if self.cache is None or not self.rows:
            self.cache, self.mask, self.rows = cache, mask, list(jobs)
        else:
            width = max(self.mask.shape[1], mask.shape[1])
            for old, new in zip(self.cache.layers, cache.layers, strict=True):
                old.keys = torch.cat([_pad_left(old.keys, width), _pad_left(new.keys, width)])
                old.values = torch.cat([_pad_left(old.values, width), _pad_left(new.values, width)])
            self.mask = torch.cat([_pad_mask(self.mask, width), _pad_mask(mask, width)])
            self.rows += jobs
        self.max_rows_seen = max(self.max_rows_seen, len(self.rows))

    def _step(self) -> None:
        """One decoding step over every running sequence; finished ones leave the batch."""
        b = len(self.rows)
        self.mask = torch.cat([self.mask, torch.ones(b, 1, dtype=torch.bool)], dim=1)  # (B, S + 1)
        ids = torch.tensor([[job.tokens[-1]] for job in self.rows])
        positions = self.mask.sum(dim=1, keepdim=True) - 1  # each row's own position
        dev = self.device
        start = time.perf_counter()
        with attention.kb_context(self._batch_kb()):
            out = self.model(input_ids=ids.to(dev), attention_mask=self.mask.long().to(dev),
                             position_ids=positions.to(dev), past_key_values=self.cache, use_cache=True)
        self.steps += 1
        log.debug("decoding step over %d sequence(s), %d cache columns, in %.3f s", b, self.mask.shape[1],
                  time.perf_counter() - start)
        logits = out.logits[:, -1]
        keep = []
        for i, job in enumerate(self.rows):
            if job.cancelled.is_set():
                job.finish(None)
            elif not self._emit(job, logits[i]):
                keep.append(i)
        if len(keep) < b:
            self._retire(keep)

    def _retire(self, keep: list[int]) -> None:
        self.rows = [self.rows[i] for i in keep]
        if not self.rows:
            self.cache = self.mask = None
            return
        self.cache, self.mask = _select(self.cache, keep), self.mask[keep]
        used = self.mask.any(dim=0).nonzero()
        trim = int(used[0]) if len(used) else 0  # leading columns that are padding in every row
        if trim > 0:
            self.mask = self.mask[:, trim:]
            for layer in self.cache.layers:
                layer.keys, layer.values = layer.keys[:, :, trim:], layer.values[:, :, trim:]

    def _batch_kb(self) -> attention.BatchKB | None:
        """The rows' KBs for one step: rows with the same knowledge tokens, shift and kind of prior share a group
        (their priors stacked), so each row computes exactly what it would alone."""
        groups: dict[tuple, list[int]] = {}
        for i, job in enumerate(self.rows):
            st = job.state
            if st is not None and st.num_triples:
                key = (id(st.keys), id(st.kb_mask), st.length_shift, st.prior is None)
                groups.setdefault(key, []).append(i)
        if not groups:
            return None
        out = []
        for rows in groups.values():
            first = self.rows[rows[0]].state
            prior = None if first.prior is None else torch.cat([self.rows[i].state.prior for i in rows])
            kb = attention.KBState(keys=first.keys, values=first.values, kb_mask=first.kb_mask, prior=prior,
                                   length_shift=first.length_shift)
            out.append((torch.tensor(rows), kb))
        return attention.BatchKB(out)


def _pad_mask(mask: torch.Tensor, width: int) -> torch.Tensor:
    return torch.cat([mask.new_zeros(mask.shape[0], width - mask.shape[1]), mask], dim=1)


def _starts_with(tokens: list[int], prefix: list[int]) -> bool:
    return len(tokens) > len(prefix) and tokens[: len(prefix)] == prefix


def _best_prefix(prompts: list[list[int]]) -> list[int]:
    """The prompt start that saves the most prefill: among the common starts of prompts next to each other in
    sorted order, the one with the largest (prompts sharing it) × (its length); each prompt keeps a token of its
    own after it."""
    ordered = sorted(prompts)
    best: list[int] = []
    best_saving = 0
    for a, b in zip(ordered, ordered[1:], strict=False):
        n = 0
        while n < min(len(a), len(b)) - 1 and a[n] == b[n]:
            n += 1
        start = a[:n]
        saving = n * sum(_starts_with(p, start) for p in prompts)
        if n and saving > best_saving:
            best, best_saving = start, saving
    return best


def _pad_left(t: torch.Tensor, width: int) -> torch.Tensor:
    """(B, H, S, d) → (B, H, width, d) with zeros in front (masked out by the attention mask)."""
    extra = width - t.shape[-2]
    if extra <= 0:
        return t
    return torch.cat([t.new_zeros(*t.shape[:2], extra, t.shape[-1]), t], dim=-2)


def _select(cache: DynamicCache, rows: list[int]) -> DynamicCache:
    if len(rows) == cache.layers[0].keys.shape[0]:
        return cache
    index = torch.tensor(rows, device=cache.layers[0].keys.device)
    for layer in cache.layers:
        layer.keys, layer.values = layer.keys[index], layer.values[index]
    return cache
