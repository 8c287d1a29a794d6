"""The typed context of the web layer: :class:`AppServices` bundles the configuration and the services that
every tab and the API share (the model stack, the API's KB store, training runs)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kblam.engine import KBLaM
from kblam.kb_cache import EncodedKBCache
from kblam.kb_store import KBStore
from kblam.serving import ModelService
from kblam.training_jobs import TrainingManager

from .access import AccessConfig
from .config import ServerConfig


@dataclass
class AppServices:
    """What the UI and the API share: the config, the model stack, the API's KB store, training runs, and who may
    use what (``access``)."""

    config: ServerConfig
    models: ModelService
    kbs: KBStore
    training: TrainingManager
    access: AccessConfig = field(default_factory=AccessConfig)

    @classmethod
    def create(cls, config: ServerConfig, *, loader: Callable[..., KBLaM] | None = None,
               train_fn: Callable | None = None, access: AccessConfig | None = None) -> AppServices:
        kb_root = Path(config.data_dir) / "kbs" if config.data_dir else None
        disk = EncodedKBCache(config.encoded_dir, max_bytes=config.max_encoded_bytes)
        kbs = KBStore(config.max_stored_kbs, max_total=config.max_total_kbs, root=kb_root, limits=config.kb_limits,
                      disk=disk)
        models = ModelService(config, loader)
        kbs.start_encoding(models.engine)  # KBs are encoded at upload, in the background
        return cls(config, models, kbs, TrainingManager(Path(config.runs_dir), train_fn), access or AccessConfig())

    def workspace_for(self, identity: str) -> Path:
        """The studio workspace of ``identity``: its own folder under the workspace root, or the root itself with
        ``--shared-workspace``."""
        from .access import owner_folder

        root = Path(self.config.workspace)
        return root if self.access.shared_workspace else root / "owners" / owner_folder(identity)
