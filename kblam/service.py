"""Service layer of the app server: one shared, lazily loaded model stack, a concurrency limit, knowledge bases
held per session or per API id, plain chat generation, and background training jobs.

The Gradio UI (``app_ui/``) and the HTTP API (``app_ui/api.py``) call these functions; nothing here imports
gradio or fastapi. Model weights are loaded once per :class:`EngineSpec` and shared by every
session; generation runs under :meth:`ModelService.slot`, a semaphore of ``concurrency`` slots with a bounded
wait queue, so a busy model never blocks the rest of the UI.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .engine import Answer, ChatSettings, KBLaM
from .errors import KBLaMError
from .kb import KBLimits, KnowledgeBase, Triple
from .slots import BusyError, SlotQueue, Ticket

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


class ServingConfig(Protocol):
    """What the service layer reads from the app's configuration (``app_ui.config.ServerConfig`` has it all)."""

    backbone: str
    encoder: str
    adapters: str
    quantize: str
    device: str | None
    concurrency: int
    max_queue: int
    max_engines: int


class LimitError(KBLaMError, ValueError):
    """A request exceeds a configured limit; ``limit`` names it (e.g. ``max_kb_triples``)."""

    def __init__(self, message: str, *, limit: str) -> None:
        super().__init__(message)
        self.limit = limit


@dataclass(frozen=True)
class EngineSpec:
    """What to load: equal specs share one loaded model stack."""

    backbone: str = "smollm2"
    encoder: str = "all-MiniLM-L6-v2"
    adapters: str = "default"
    quantize: str = "auto"
    device: str | None = None

    @classmethod
    def from_config(cls, config: ServingConfig) -> EngineSpec:
        return cls(config.backbone, config.encoder, config.adapters, config.quantize, config.device)

    def label(self) -> str:
        return f"{self.backbone} + {self.encoder} + adapters {self.adapters}"


def settings_from(values: Mapping[str, Any] | None, base: ChatSettings | None = None) -> ChatSettings:
    """ChatSettings from a mapping of field names (API ``extra_body``, UI controls); unknown keys and bad values
    raise ValueError naming them."""
    allowed = {f.name for f in dataclasses.fields(ChatSettings)}
    values = dict(values or {})
    unknown = sorted(set(values) - allowed)
    if unknown:
        raise ValueError(f"unknown setting(s) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}")
    try:
        return dataclasses.replace(base or ChatSettings(), **values)
    except TypeError as exc:
        raise ValueError(f"invalid settings: {exc}") from exc


# ---------------------------------------------------------------------------------------------- shared model


class ModelService:
    """Loads each :class:`EngineSpec` once (lazily, one load at a time) and keeps at most ``max_engines`` in
    memory. ``slot()`` bounds concurrent generations; waiting callers beyond ``max_queue`` get BusyError."""

    def __init__(self, config: ServingConfig, loader: Callable[..., KBLaM] | None = None) -> None:
        self.config = config
        self.default_spec = EngineSpec.from_config(config)
        self._loader = loader or KBLaM.load
        self._engines: OrderedDict[EngineSpec, KBLaM] = OrderedDict()
        self._load_lock = threading.Lock()
        self._state_lock = threading.Lock()
        self.queue = SlotQueue(config.concurrency, config.max_queue)
        self.loading: EngineSpec | None = None
        self.load_error: str | None = None

    def engine(self, spec: EngineSpec | None = None, *, token: str | None = None,
               progress: Callable[[str], None] | None = None) -> KBLaM:
        """The loaded engine for ``spec`` (default: the server's), loading it on first use."""
        spec = spec or self.default_spec
        with self._state_lock:
            if spec in self._engines:
                self._engines.move_to_end(spec)
                return self._engines[spec]
        with self._load_lock:
            with self._state_lock:
                if spec in self._engines:
                    return self._engines[spec]
            if progress:
                progress(f"loading {spec.label()}")
            self.loading = spec
            start = time.perf_counter()
            try:
                import torch

                torch.manual_seed(0)  # untrained adapters (no shipped ones) are then the same after every restart
                adapters: str | None = None if spec.adapters == "none" else spec.adapters
                engine = self._loader(backbone=spec.backbone, encoder=spec.encoder, adapters=adapters,
                                      quantize=spec.quantize, device=spec.device, token=token)
            except Exception as exc:
                if spec == self.default_spec:
                    self.load_error = str(exc)
                raise
            finally:
                self.loading = None
            log.info("model stack ready in %.1f s: %s", time.perf_counter() - start, spec.label())
            with self._state_lock:
                self._engines[spec] = engine
                while len(self._engines) > self.config.max_engines:
                    old, _ = self._engines.popitem(last=False)
                    log.info("unloading %s (max_engines=%d)", old.label(), self.config.max_engines)
            if spec == self.default_spec:
                self.load_error = None
            return engine

    def is_loaded(self, spec: EngineSpec | None = None) -> bool:
        with self._state_lock:
            return (spec or self.default_spec) in self._engines

    def preload(self) -> threading.Thread:
        """Load the default stack in a background thread (errors are kept in ``load_error``)."""

        def run() -> None:
            try:
                self.engine()
            except Exception as exc:  # noqa: BLE001 - reported by /health and on first use
                log.error("loading the default model failed: %s", exc)

        thread = threading.Thread(target=run, name="kblam-preload", daemon=True)
        thread.start()
        return thread

    @property
    def running(self) -> int:
        return self.queue.running

    @property
    def waiting(self) -> int:
        return self.queue.waiting

    def reserve(self) -> Ticket:
        """A place in the generation queue (granted or waiting); BusyError when the queue is full. Async callers
        ``await ticket.wait_async()`` (no thread held while waiting) and must ``ticket.release()``."""
        return self.queue.reserve()

    def slot(self) -> contextlib.AbstractContextManager[Ticket]:
        """Hold one generation slot, blocking this thread while queued (BusyError when the queue is full)."""
        return self.queue.hold()

    def status(self) -> dict:
        with self._state_lock:
            loaded = [spec.label() for spec in self._engines]
        state = "ready" if self.is_loaded() else ("error" if self.load_error else "loading"
                                                  if self.loading else "idle")
        return {"status": state, "loaded": loaded, "running": self.running, "waiting": self.waiting,
                "concurrency": self.config.concurrency, "error": self.load_error}


# ---------------------------------------------------------------------------------------------- knowledge bases


class KBEntry:
    """A knowledge base and its encoding for one engine; re-encoding after an edit only computes new strings
    (the engine's embedding cache), and :attr:`last_new_strings` says how many that was."""

    def __init__(self, kb: KnowledgeBase, *, name: str | None = None, encoded=None) -> None:
        self.kb = kb
        self.name = name or kb.source or "knowledge base"
        self.created = time.time()
        self.last_new_strings = 0
        self._encoded: tuple[tuple[int, str], Any] | None = None
        self._preset = encoded  # e.g. pulled from the Hub: used while it matches the content and the encoder
        self._lock = threading.Lock()

    def encoded(self, engine: KBLaM, progress: Progress | None = None):
        """The :class:`~kblam.encoder.EncodedKB` of the current content for ``engine``."""
        key = (id(engine), self.kb.fingerprint())
        with self._lock:
            if self._encoded is not None and self._encoded[0] == key:
                return self._encoded[1]
            preset = self._preset
            if (preset is not None and preset.encoder_id == engine.encoder.id
                    and list(preset.triples) == list(self.kb)):
                self.last_new_strings = 0
                self._encoded = (key, preset)
                return preset
            before = engine.cache.misses
            encoded = engine.encode(list(self.kb), progress=progress)
            self.last_new_strings = engine.cache.misses - before
            self._encoded = (key, encoded)
            return encoded

    def describe(self) -> dict:
        return {"name": self.name, "num_triples": len(self.kb), "names": len(self.kb.names()),
                "properties": len(self.kb.properties())}


def apply_table_edits(kb: KnowledgeBase, shown: Sequence[int], rows: Sequence[Sequence[Any]]) -> dict[str, int]:
    """Apply an edited table view to ``kb``.

    ``shown``: the KB indices the view displayed (in order); ``rows``: the edited rows as (index, name, property,
    value). A row whose index was shown and whose fields changed replaces that triple; a shown index missing from
    the rows is deleted; a row with a blank index is added. All rows are validated before anything changes (a
    KBFormatError names the row and field and leaves the KB untouched). Returns the counts."""
    from .errors import KBFormatError

    shown_set = set(shown)
    updates: dict[int, dict[str, str]] = {}
    additions: list[dict[str, str]] = []
    for number, row in enumerate(rows, 1):
        cells = ["" if c is None else str(c).strip() for c in list(row)[:4]]
        cells += [""] * (4 - len(cells))
        index_text, values = cells[0], dict(zip(("name", "property", "value"), cells[1:], strict=True))
        if not index_text and not any(values.values()):
            continue  # an empty new row
        try:
            probe = KnowledgeBase(limits=kb.limits)
            probe.add(values)  # the same validation as files: names the field
            record = probe[0]
        except KBFormatError as exc:
            raise KBFormatError(exc.reason, file="table", line=number, field=exc.field) from None
        if not index_text:
            additions.append(record.as_dict())
            continue
        try:
            index = int(float(index_text))
        except ValueError:
            raise KBFormatError(f"'#' must be a triple number, got {index_text!r}", file="table", line=number,
                                field="#") from None
        if index not in shown_set:
            raise KBFormatError(f"triple #{index} is not in the table shown; clear '#' to add a new triple",
                                file="table", line=number, field="#")
        if index in updates:
            raise KBFormatError(f"triple #{index} appears twice", file="table", line=number, field="#")
        updates[index] = record.as_dict()
    deleted = sorted(shown_set - set(updates), reverse=True)
    trial = KnowledgeBase(kb.triples, source=kb.source, limits=kb.limits)  # rehearse on a copy first
    counts = _apply(trial, updates, deleted, additions)
    _apply(kb, updates, deleted, additions)
    return counts


def _apply(kb: KnowledgeBase, updates: dict[int, dict], deleted: list[int], additions: list[dict]) -> dict:
    changed = sum(kb[i].as_dict() != rec for i, rec in updates.items())
    for index, record in updates.items():
        kb.replace(index, record)
    for index in deleted:  # highest first, so earlier indices stay valid
        kb.remove(index)
    before = len(kb)
    for record in additions:
        kb.add(record)
    return {"edited": changed, "deleted": len(deleted), "added": len(kb) - before}


class KBStore:
    """Knowledge bases uploaded through ``/v1/kbs``, each owned by the identity that uploaded it.

    Ids are random; an owner sees, uses and deletes only its own KBs (another owner's id answers "not found").
    Each owner keeps at most ``max_per_owner`` KBs (its own oldest is dropped), so one caller cannot evict
    everybody's; ``max_total`` bounds the whole store (a new KB is then refused with BusyError). With ``root``
    every KB is also written to ``root/<id>/`` (triples + owner) and read back at start-up."""

    def __init__(self, max_per_owner: int, *, max_total: int = 1024, root: str | Path | None = None,
                 limits: KBLimits | None = None) -> None:
        self.max_per_owner, self.max_total = max_per_owner, max_total
        self.root = Path(root) if root else None
        self._items: OrderedDict[str, tuple[str, KBEntry]] = OrderedDict()
        self._lock = threading.Lock()
        if self.root is not None:
            self._load(limits)

    def _load(self, limits: KBLimits | None) -> None:
        assert self.root is not None
        self.root.mkdir(parents=True, exist_ok=True)
        found = []
        for folder in self.root.glob("kb-*"):
            try:
                meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
                kb = KnowledgeBase.from_file(folder / "kb.jsonl", **({"limits": limits} if limits else {}))
            except (OSError, ValueError, KBLaMError) as exc:
                log.warning("skipping stored KB %s: %s", folder.name, exc)
                continue
            entry = KBEntry(kb, name=meta.get("name"))
            entry.created = float(meta.get("created", entry.created))
            found.append((entry.created, folder.name, str(meta.get("owner", "anonymous")), entry))
        for _, kb_id, owner, entry in sorted(found):
            self._items[kb_id] = (owner, entry)
        if found:
            log.info("loaded %d stored KBs from %s", len(found), self.root)

    def _save(self, kb_id: str, owner: str, entry: KBEntry) -> None:
        if self.root is None:
            return
        folder = self.root / kb_id
        folder.mkdir(parents=True, exist_ok=True)
        entry.kb.save(folder / "kb.jsonl")
        meta = {"owner": owner, "name": entry.name, "created": entry.created}
        (folder / "meta.json").write_text(json.dumps(meta) + "\n", encoding="utf-8")

    def _drop(self, kb_id: str) -> None:
        if self.root is not None:
            import shutil

            shutil.rmtree(self.root / kb_id, ignore_errors=True)

    def add(self, kb: KnowledgeBase, name: str | None = None, owner: str = "anonymous") -> str:
        kb_id = "kb-" + uuid.uuid4().hex[:20]
        entry = KBEntry(kb, name=name)
        with self._lock:
            mine = [i for i, (o, _) in self._items.items() if o == owner]
            dropped = mine[:max(0, len(mine) + 1 - self.max_per_owner)]
            if len(self._items) - len(dropped) >= self.max_total:
                raise BusyError(f"the server keeps {self.max_total} KBs and is full (max_total_kbs); delete "
                                "some of yours or try later")
            for old in dropped:
                del self._items[old]
                self._drop(old)
                log.info("dropped stored KB %s (max_stored_kbs=%d per owner)", old, self.max_per_owner)
            self._items[kb_id] = (owner, entry)
            self._save(kb_id, owner, entry)
        return kb_id

    def get(self, kb_id: str, owner: str = "anonymous") -> KBEntry | None:
        with self._lock:
            item = self._items.get(kb_id)
        return item[1] if item is not None and item[0] == owner else None

    def delete(self, kb_id: str, owner: str = "anonymous") -> bool:
        with self._lock:
            item = self._items.get(kb_id)
            if item is None or item[0] != owner:
                return False
            del self._items[kb_id]
            self._drop(kb_id)
        return True

    def list(self, owner: str = "anonymous") -> list[dict]:
        with self._lock:
            items = [(kb_id, e) for kb_id, (o, e) in self._items.items() if o == owner]
        return [{"id": kb_id, "object": "kb", "created": int(e.created), **e.describe()} for kb_id, e in items]


# ---------------------------------------------------------------------------------------------- generation


@dataclass
class ChatResult:
    """The end of a plain (no-KB) generation."""

    text: str
    prompt_tokens: int
    completion_tokens: int
    finish_reason: str
    timings: dict[str, float] = field(default_factory=dict)


def count_tokens(engine: KBLaM, text: str) -> int:
    return len(engine.backbone.tokenizer(text, add_special_tokens=False)["input_ids"])


def check_prompt_length(engine: KBLaM, text: str, limit: int, what: str = "question") -> int:
    """The token count of ``text``; LimitError naming ``max_prompt_tokens`` when it is over ``limit``. A text far
    over the limit is refused by its length alone (no tokenizer run on megabytes)."""
    if len(text) > limit * 16:
        raise LimitError(f"the {what} is {len(text)} characters, far over the limit of {limit} tokens "
                         "(max_prompt_tokens)", limit="max_prompt_tokens")
    tokens = count_tokens(engine, text)
    if tokens > limit:
        raise LimitError(f"the {what} is {tokens} tokens; the limit is {limit} (max_prompt_tokens)",
                         limit="max_prompt_tokens")
    return tokens


def render_messages(engine: KBLaM, messages: Sequence[Mapping[str, str]]) -> str:
    """The backbone's chat template applied to OpenAI-style messages, ending with the assistant prompt."""
    return engine.backbone.tokenizer.apply_chat_template(
        [{"role": m["role"], "content": m["content"]} for m in messages], tokenize=False,
        add_generation_prompt=True)


def stream_chat(engine: KBLaM, messages: Sequence[Mapping[str, str]], *, max_new_tokens: int = 256,
                temperature: float | None = None, top_p: float | None = None, seed: int | None = None,
                max_prompt_tokens: int | None = None) -> Iterator[str | ChatResult]:
    """Plain chat with the frozen backbone and no knowledge tokens (the stock model): yields text pieces, then a
    :class:`ChatResult`. Sampling when ``temperature`` > 0, greedy otherwise."""
    import torch
    from transformers import TextIteratorStreamer

    t0 = time.perf_counter()
    tok = engine.backbone.tokenizer
    text = render_messages(engine, messages)
    inputs = tok(text, return_tensors="pt", add_special_tokens=False)
    prompt_tokens = int(inputs["input_ids"].shape[1])
    if max_prompt_tokens is not None and prompt_tokens > max_prompt_tokens:
        raise LimitError(f"the prompt is {prompt_tokens} tokens; the limit is {max_prompt_tokens} "
                         f"(max_prompt_tokens)", limit="max_prompt_tokens")
    inputs = {k: v.to(engine.backbone.device) for k, v in inputs.items()}
    streamer = TextIteratorStreamer(tok, skip_prompt=True, skip_special_tokens=True)
    kwargs: dict[str, Any] = dict(**inputs, max_new_tokens=max_new_tokens, streamer=streamer,
                                  pad_token_id=tok.pad_token_id, do_sample=bool(temperature and temperature > 0))
    if kwargs["do_sample"]:
        kwargs.update(temperature=float(temperature), top_p=float(top_p if top_p is not None else 1.0))
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            if seed is not None:
                torch.manual_seed(seed)
            with torch.no_grad():
                outcome["ids"] = engine.backbone.model.generate(**kwargs)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            outcome["error"] = exc
            streamer.end()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    pieces: list[str] = []
    first = None
    for piece in streamer:
        if piece:
            first = first or time.perf_counter()
            pieces.append(piece)
            yield piece
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    completion = int(outcome["ids"].shape[1]) - prompt_tokens
    done = time.perf_counter()
    yield ChatResult("".join(pieces).strip(), prompt_tokens, completion,
                     "length" if completion >= max_new_tokens else "stop",
                     {"first_token_s": (first or done) - t0, "total_s": done - t0})


def in_context_messages(engine: KBLaM, question: str, triples: Sequence[Triple], max_new_tokens: int
                        ) -> list[dict[str, str]]:
    """The in-context baseline: every triple written into the prompt. LimitError when that does not fit the
    backbone's context window with room for the answer."""
    from . import prompting

    messages = prompting.build_messages(question, context=list(triples))
    window = int(getattr(engine.backbone.model.config, "max_position_embeddings", 2048))
    needed = count_tokens(engine, render_messages(engine, messages)) + max_new_tokens
    if needed > window:
        raise LimitError(f"{len(triples)} triples as text need {needed} tokens; the context window is {window}",
                         limit="context_window")
    return messages


def usage_of_answer(engine: KBLaM, question: str, answer: Answer, context: Sequence[Triple] | None) -> dict:
    """Approximate token counts of a KB answer (prompt as rendered for the mode, answer re-tokenised)."""
    from . import prompting

    if answer.mode == "grounded" and context is None:
        context = [e.triple for e in answer.evidence[:engine.settings.grounded_k]]
    prompt = prompting.render_prompt(engine.backbone.tokenizer, question, context=context or None)
    prompt_tokens, completion = count_tokens(engine, prompt), count_tokens(engine, answer.text)
    return {"prompt_tokens": prompt_tokens, "completion_tokens": completion,
            "total_tokens": prompt_tokens + completion}


# ---------------------------------------------------------------------------------------------- training


@dataclass
class TrainingJob:
    """A training run in a background thread: ``records`` grows as it logs; ``stop`` asks it to end."""

    id: str
    out_dir: Path
    config: Any
    stop: threading.Event = field(default_factory=threading.Event)
    records: list[dict] = field(default_factory=list)
    status: str = "starting"  # starting | running | stopping | finished | stopped | failed
    error: str | None = None
    result: Path | None = None
    started: float = field(default_factory=time.time)
    thread: threading.Thread | None = None

    @property
    def done(self) -> bool:
        return self.status in ("finished", "stopped", "failed")

    def losses(self) -> list[dict]:
        return [r for r in list(self.records) if "loss" in r]

    def evals(self) -> list[dict]:
        return [r for r in list(self.records) if "eval" in r]


class TrainingManager:
    """At most one training run at a time for the whole server (the machine is shared)."""

    def __init__(self, runs_dir: str | Path, train_fn: Callable | None = None) -> None:
        self.runs_dir = Path(runs_dir)
        self._train_fn = train_fn
        self._jobs: dict[str, TrainingJob] = {}
        self._lock = threading.Lock()

    def start(self, *, source: str = "synthetic", kb: KnowledgeBase | None = None, steps: int = 200,
              batch_size: int = 4, lr: float = 1e-3, backbone: str = "smollm2",
              encoder: str = "all-MiniLM-L6-v2", **overrides: Any) -> TrainingJob:
        """Start training adapters on the synthetic KB or on ``kb``; BusyError if a run is going."""
        from .train import TrainConfig, train

        with self._lock:
            running = [j for j in self._jobs.values() if not j.done]
            if running:
                raise BusyError(f"training run {running[0].id} is still going; stop it or wait for it")
            job_id = time.strftime("train-%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:6]
            out = self.runs_dir / job_id
            out.mkdir(parents=True, exist_ok=True)
            kb_file = None
            if source == "kb":
                if kb is None or len(kb) == 0:
                    raise ValueError("the current knowledge base is empty: load a KB or train on the synthetic KB")
                kb_file = str(kb.save(out / "kb.jsonl"))
            elif source != "synthetic":
                raise ValueError(f"training source must be 'synthetic' or 'kb', got {source!r}")
            cfg = TrainConfig(out_dir=str(out), backbone=backbone, encoder=encoder, kb_file=kb_file, steps=steps,
                              batch_size=batch_size, lr=lr, warmup_steps=min(100, max(1, steps // 10)),
                              log_every=max(1, min(10, steps // 20)), **overrides)
            job = TrainingJob(job_id, out, cfg)
            self._jobs[job_id] = job
        fn = self._train_fn or train

        def run() -> None:
            job.status = "running"
            try:
                job.result = Path(fn(cfg, resume=False, stop=job.stop, on_log=job.records.append))
                job.status = "stopped" if job.stop.is_set() else "finished"
            except Exception as exc:  # noqa: BLE001 - shown in the UI
                log.exception("training run %s failed", job_id)
                job.error, job.status = f"{type(exc).__name__}: {exc}", "failed"

        job.thread = threading.Thread(target=run, name=job_id, daemon=True)
        job.thread.start()
        return job

    def get(self, job_id: str | None) -> TrainingJob | None:
        return self._jobs.get(job_id) if job_id else None

    def request_stop(self, job_id: str | None) -> TrainingJob | None:
        job = self.get(job_id)
        if job is not None and not job.done:
            job.stop.set()
            job.status = "stopping"
        return job


# ---------------------------------------------------------------------------------------------- evaluation


def run_evaluation(engine: KBLaM, triples: Sequence[Triple] | None, out_dir: str | Path, *,
                   kb_sizes: Sequence[int] = (50, 100), n_questions: int = 20, answers: bool = False,
                   mode: str = "kblam", progress: Callable[..., None] | None = None) -> dict:
    """Evaluate the engine's adapters on ``triples`` (None: the synthetic held-out split); writes ``report.json``
    and PNG plots into ``out_dir`` and returns the report (with ``plots``: the PNG paths).

    Uses :func:`kblam.evaluate.run_eval` (retrieval at each KB size, plus answer quality and cost against the
    baselines when ``answers``) when that module provides it, else the attention-retrieval accuracy per KB layer
    and size only. ``progress(done, total)``."""
    from . import evaluate

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if hasattr(evaluate, "run_eval") and hasattr(evaluate, "EvalConfig"):
        report = _run_full_eval(evaluate, engine, triples, out, kb_sizes, n_questions, answers, progress)
    else:
        if triples is None:
            from .synthetic import SyntheticConfig, generate_kb

            triples = generate_kb(SyntheticConfig(n_entities=max(400, max(kb_sizes) // 2), seed=1))[1]
        report = _retrieval_report(evaluate, engine, triples, kb_sizes, n_questions, mode, progress)
        (out / "report.json").write_text(json.dumps(report, indent=1) + "\n")
        _plot_retrieval(report, out / "retrieval.png")
    report["plots"] = sorted(str(p) for p in out.glob("*.png"))
    return report


def _run_full_eval(evaluate, engine, triples, out, kb_sizes, n_questions, answers, progress) -> dict:
    """Call ``evaluate.run_eval`` with the EvalConfig fields it has (sizes, question counts, KB file)."""
    names = {f.name for f in dataclasses.fields(evaluate.EvalConfig)}
    n_unanswerable = max(1, n_questions // 5)
    wanted: dict[str, Any] = {
        "out_dir": str(out), "retrieval_sizes": tuple(kb_sizes), "retrieval_questions": n_questions,
        "answer_sizes": (min(kb_sizes),) if answers else (), "n_answerable": max(1, n_questions - n_unanswerable),
        "n_unanswerable": n_unanswerable, "cost_sizes": (0, max(kb_sizes)) if answers else ()}
    if triples is not None:
        KnowledgeBase(triples).save(out / "eval_kb.jsonl")
        wanted["kb_file"] = str(out / "eval_kb.jsonl")
    cfg = evaluate.EvalConfig(**{k: v for k, v in wanted.items() if k in names})

    def relay(*args) -> None:  # run_eval reports (stage, done, total)
        if progress and len(args) >= 2:
            progress(int(args[-2]), int(args[-1]))

    report = evaluate.run_eval(cfg, engine=engine, progress=relay)
    if not isinstance(report, dict):
        report = json.loads((out / "report.json").read_text()) if (out / "report.json").is_file() else {}
    return report


def _retrieval_report(evaluate, engine, triples, kb_sizes, n_questions, mode, progress) -> dict:
    sizes = sorted({min(s, len(triples)) for s in kb_sizes if s > 0})
    results = []
    for i, size in enumerate(sizes):
        acc = evaluate.retrieval_accuracy(engine.backbone, engine.encoder, engine.adapters, list(triples),
                                          kb_size=size, n_questions=n_questions, mode=mode, engine=engine)
        results.append(acc)
        if progress:
            progress(i + 1, len(sizes))
    return {"kind": "retrieval", "backbone": engine.backbone.model_id, "encoder": engine.encoder.id,
            "mode": mode, "retrieval": results}


def _plot_retrieval(report: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 3.2))
    for res in report["retrieval"]:
        layers = [int(k) for k in res["top1"]]
        ax.plot(layers, list(res["top1"].values()), marker="o", label=f"top-1, {res['kb_size']} triples")
        ax.plot(layers, list(res["top5"].values()), marker=".", linestyle="--",
                label=f"top-5, {res['kb_size']} triples")
    ax.set_xlabel("KB layer")
    ax.set_ylabel("attention retrieval accuracy")
    ax.set_ylim(0, 1.05)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


ROW_SKIP = {"plots", "config", "top1", "top5"}  # per-layer curves are in the plots


def report_rows(report: Mapping[str, Any], prefix: str = "") -> list[list[str]]:
    """A nested report flattened to (metric, value) rows for a table; list items are labelled by their mode,
    method and KB size when they have them."""
    rows: list[list[str]] = []
    for key, value in report.items():
        if key in ROW_SKIP:
            continue
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            rows += report_rows(value, name + ".")
        elif isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
            for i, item in enumerate(value):
                tags = [str(item[k]) for k in ("mode", "method", "kb_size") if k in item]
                rows += report_rows(item, f"{name}[{' @'.join(tags) if tags else i}].")
        elif isinstance(value, float):
            rows.append([name, f"{value:.4g}"])
        else:
            rows.append([name, json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else
                         str(value)])
    return rows
