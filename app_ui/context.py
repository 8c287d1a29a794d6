"""The typed context of the web layer: :class:`AppServices` bundles the configuration and the services that
every tab and the API share (the model stack, the API's KB store, training runs)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kblam.engine import KBLaM
from kblam.service import KBStore, ModelService, TrainingManager

from .config import ServerConfig


@dataclass
class AppServices:
    """What the UI and the API share: the config, the model stack, the API's KB store and training runs."""

    config: ServerConfig
    models: ModelService
    kbs: KBStore
    training: TrainingManager

    @classmethod
    def create(cls, config: ServerConfig, *, loader: Callable[..., KBLaM] | None = None,
               train_fn: Callable | None = None) -> AppServices:
        return cls(config, ModelService(config, loader), KBStore(config.max_stored_kbs),
                   TrainingManager(Path(config.runs_dir), train_fn))
