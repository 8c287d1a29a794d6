"""The app server's configuration: every knob of ``python app.py`` (host, port, limits, default model stack,
runs folder, studio workspace, share link) in one frozen :class:`ServerConfig`, built once from flags and
environment variables. Who may use the app (logins, API keys) is :class:`app_ui.access.AccessConfig`."""

from __future__ import annotations

from dataclasses import dataclass

from kblam.kb import MAX_FIELD_CHARS, KBLimits
from studio_core.defaults import DEFAULT_BACKBONE, DEFAULT_ENCODER


@dataclass(frozen=True)
class ServerConfig:
    """Every knob of the app server; built once in ``app.py`` from flags and environment variables."""

    host: str = "127.0.0.1"
    port: int = 7860
    concurrency: int = 16  # generations running at once (shared by the UI and the API), decoded as one batch
    batching: bool = True  # False: each generation runs alone in its own generate() thread (the old path)
    max_queue: int = 32  # generations allowed to wait for a slot before requests get 429
    backbone: str = DEFAULT_BACKBONE
    encoder: str = DEFAULT_ENCODER
    adapters: str = "default"
    quantize: str = "auto"
    precision: str = "auto"  # backbone weights on CPU: auto | fp32 | bf16 | int8
    device: str | None = None
    preload: bool = True  # load the default model stack in the background at start-up
    max_engines: int = 2  # distinct model stacks kept in memory (LRU)
    max_request_bytes: int = 32 * 1024 * 1024  # a 100,000-triple KB is about 10 MB of JSON
    max_kb_triples: int = 100_000  # KBs uploaded through /v1/kbs (encoded at upload, in the background)
    max_inline_kb_triples: int = 5000  # KBs sent inline with a chat request (encoded within the request)
    max_encoded_bytes: int = 8 * 1024 * 1024 * 1024  # disk used by stored encodings (least recently used dropped)
    max_new_tokens: int = 1024
    max_prompt_tokens: int = 6000  # plain chat prompts (the context window is 8192 for SmolLM2)
    max_stored_kbs: int = 64  # KBs kept by /v1/kbs (oldest dropped first)
    ui_max_kb_triples: int = 20000
    max_total_kbs: int = 1024  # KBs kept by /v1/kbs for all owners together
    max_messages: int = 64  # messages per API request
    max_upload_bytes: int = 50 * 1024 * 1024  # one upload through the UI
    max_ui_request_bytes: int = 16 * 1024 * 1024  # any other request to the Gradio routes
    runs_dir: str = "runs/app"
    workspace: str = "workspaces/default"
    data_dir: str | None = None  # persistent data (workspaces, runs, API KBs); /data on Spaces with storage
    share: bool = False  # open a Gradio share link
    root_path: str = ""  # URL prefix behind a proxy

    def __post_init__(self) -> None:
        for name in ("concurrency", "max_engines", "max_request_bytes", "max_kb_triples", "max_inline_kb_triples",
                     "max_encoded_bytes", "max_new_tokens",
                     "max_prompt_tokens", "max_stored_kbs", "ui_max_kb_triples", "max_total_kbs", "max_messages",
                     "max_upload_bytes", "max_ui_request_bytes"):
            if getattr(self, name) < 1:
                raise ValueError(f"ServerConfig.{name} must be >= 1, got {getattr(self, name)}")
        if self.max_queue < 0 or not 0 < self.port < 65536:
            raise ValueError(f"invalid max_queue={self.max_queue} or port={self.port}")

    @property
    def encoded_dir(self) -> str:
        """Where encoded KBs are stored (memory-mapped safetensors, reused across restarts)."""
        from pathlib import Path

        base = Path(self.data_dir) if self.data_dir else Path(self.runs_dir).parent
        return str(base / "encoded-kbs")

    @property
    def kb_limits(self) -> KBLimits:
        return KBLimits(max_bytes=self.max_request_bytes, max_triples=self.max_kb_triples, max_field_chars=MAX_FIELD_CHARS)

    @property
    def ui_kb_limits(self) -> KBLimits:
        return KBLimits(max_bytes=self.max_upload_bytes, max_triples=self.ui_max_kb_triples, max_field_chars=MAX_FIELD_CHARS)
