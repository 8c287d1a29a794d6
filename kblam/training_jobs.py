"""Training runs started from the app: a :class:`TrainingJob` runs :func:`kblam.train.train` in a background
thread and collects its log records; :class:`TrainingManager` allows one run at a time for the whole server."""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studio_core.defaults import DEFAULT_BACKBONE, DEFAULT_ENCODER

from .errors import BusyError
from .kb import KnowledgeBase

log = logging.getLogger(__name__)


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
              batch_size: int = 4, lr: float = 1e-3, backbone: str = DEFAULT_BACKBONE,
              encoder: str = DEFAULT_ENCODER, **overrides: Any) -> TrainingJob:
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
