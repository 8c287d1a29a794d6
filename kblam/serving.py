"""The shared model stack of the app server: model weights are loaded once per :class:`EngineSpec` (lazily, at
most ``max_engines`` kept) and shared by every session and API request; generation runs in one of ``concurrency`` slots
of a :class:`~kblam.slots.SlotQueue` (the running generations of an engine are decoded together in one batch,
:mod:`kblam.batching`, unless ``batching`` is off) with a bounded FIFO wait
queue (threads block in :meth:`ModelService.slot`, async callers await a :meth:`ModelService.reserve` ticket
without holding a thread), so a busy model never blocks the rest of the UI.

One of the services the web layer (``app_ui/``), the API and the CLI share, with :mod:`kblam.kb_store`,
:mod:`kblam.chat_service`, :mod:`kblam.training_jobs` and :mod:`kblam.eval_runner`; nothing here imports gradio
or fastapi.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from studio_core.defaults import DEFAULT_BACKBONE, DEFAULT_ENCODER

from .engine import KBLaM
from .slots import SlotQueue, Ticket

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


class ServingConfig(Protocol):
    """What the service layer reads from the app's configuration (``app_ui.config.ServerConfig`` has it all)."""

    backbone: str
    encoder: str
    adapters: str
    quantize: str
    device: str | None
    precision: str
    concurrency: int
    batching: bool
    max_queue: int
    max_engines: int


@dataclass(frozen=True)
class EngineSpec:
    """What to load: equal specs share one loaded model stack."""

    backbone: str = DEFAULT_BACKBONE
    encoder: str = DEFAULT_ENCODER
    adapters: str = "default"
    quantize: str = "auto"
    device: str | None = None
    precision: str = "auto"

    @classmethod
    def from_config(cls, config: ServingConfig) -> EngineSpec:
        return cls(config.backbone, config.encoder, config.adapters, config.quantize, config.device,
                   config.precision)

    def label(self) -> str:
        return f"{self.backbone} + {self.encoder} + adapters {self.adapters}"


# ---------------------------------------------------------------------------------------------- shared model


class ModelService:
    """Loads each :class:`EngineSpec` once (lazily, one load at a time) and keeps at most ``max_engines`` in
    memory. ``slot()``/``reserve()`` bound concurrent generations; callers beyond ``max_queue`` get BusyError."""

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

    def engine(self, spec: EngineSpec | None = None, *, token: str | bool | None = None,
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
                                      quantize=spec.quantize, device=spec.device, token=token,
                                      precision=spec.precision)
            except Exception as exc:
                if spec == self.default_spec:
                    self.load_error = str(exc)
                raise
            finally:
                self.loading = None
            log.info("model stack ready in %.1f s: %s", time.perf_counter() - start, spec.label())
            if getattr(self.config, "batching", False) and hasattr(engine, "enable_batching"):
                engine.enable_batching(max_batch=self.config.concurrency)  # the running generations, together
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
                "concurrency": self.config.concurrency, "batching": bool(getattr(self.config, "batching", False)),
                "error": self.load_error}
