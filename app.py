"""KBLaM Studio: the Gradio UI, an OpenAI-compatible API under /v1 and /health, on one server.

The UI has four tabs: dataset studio, knowledge chat, train & evaluate, Hugging Face Hub.

    python app.py [--host 127.0.0.1] [--port 7860] [--concurrency 1] …

Every flag has an environment variable (``HOST``, ``PORT``, ``KBLAM_CONCURRENCY``, …; see ``--help``). The
default model stack (SmolLM2-135M + all-MiniLM-L6-v2 + the shipped adapters) loads once, in the background at
start-up, and is shared by every session and API request.
"""

from __future__ import annotations

import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # before gradio is imported: no outside calls

import argparse  # noqa: E402
import logging  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from app_ui.config import ServerConfig  # noqa: E402
from app_ui.context import AppServices  # noqa: E402

log = logging.getLogger("app")


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    try:
        return int(value) if value else default
    except ValueError:
        raise SystemExit(f"error: environment variable {name} must be an integer, got {value!r}") from None


def production_defaults(environ: dict[str, str] | None = None) -> dict[str, str]:
    """``KBLAM_PRODUCTION``: ``auto`` (the Docker image's setting) picks Llama-3-8B-Instruct in 4-bit when a CUDA
    GPU and ``HF_TOKEN`` are present; ``1`` always; ``0`` (default) never. An explicit ``KBLAM_BACKBONE`` wins."""
    environ = os.environ if environ is None else environ
    choice = (environ.get("KBLAM_PRODUCTION") or "0").lower()
    if environ.get("KBLAM_BACKBONE") or choice in ("0", "false", "no", ""):
        return {}
    if choice == "auto":
        import torch

        if not (torch.cuda.is_available() and environ.get("HF_TOKEN")):
            return {}
    from kblam.models import PRODUCTION_BACKBONE

    return {"backbone": PRODUCTION_BACKBONE, "quantize": "4bit"}


def build_parser() -> argparse.ArgumentParser:
    env, d = os.environ.get, ServerConfig()
    prod = production_defaults()
    p = argparse.ArgumentParser(prog="python app.py", description=__doc__.splitlines()[0])
    p.add_argument("--host", default=env("HOST", d.host), help="interface to listen on [env HOST]")
    p.add_argument("--port", type=int, default=_env_int("PORT", d.port), help="port [env PORT]")
    p.add_argument("--concurrency", type=int, default=_env_int("KBLAM_CONCURRENCY", d.concurrency),
                   help="generations running at once; others wait in a queue [env KBLAM_CONCURRENCY]")
    p.add_argument("--max-queue", type=int, default=_env_int("KBLAM_MAX_QUEUE", d.max_queue),
                   help="generations allowed to wait before API requests get 429 [env KBLAM_MAX_QUEUE]")
    p.add_argument("--backbone", default=env("KBLAM_BACKBONE", prod.get("backbone", d.backbone)),
                   help="default backbone: smollm2, a Hub id or a folder [env KBLAM_BACKBONE; KBLAM_PRODUCTION=auto "
                        "picks Llama-3-8B-Instruct in 4-bit when a GPU and HF_TOKEN are present]")
    p.add_argument("--encoder", default=env("KBLAM_ENCODER", d.encoder), help="sentence encoder [env KBLAM_ENCODER]")
    p.add_argument("--adapters", default=env("KBLAM_ADAPTERS", d.adapters),
                   help="'default' (shipped), a folder, or 'none' [env KBLAM_ADAPTERS]")
    p.add_argument("--quantize", choices=["auto", "none", "4bit"],
                   default=env("KBLAM_QUANTIZE", prod.get("quantize", d.quantize)),
                   help="4-bit NF4 loading (auto: 4-bit for 8B models on CUDA) [env KBLAM_QUANTIZE]")
    p.add_argument("--device", default=env("KBLAM_DEVICE"), help="cpu, cuda, cuda:1 … [env KBLAM_DEVICE]")
    p.add_argument("--no-preload", action="store_true", default=env("KBLAM_PRELOAD", "1") == "0",
                   help="load the model on first use instead of at start-up [env KBLAM_PRELOAD=0]")
    p.add_argument("--max-new-tokens", type=int, default=_env_int("KBLAM_MAX_NEW_TOKENS", d.max_new_tokens),
                   help="upper limit of max_tokens per request [env KBLAM_MAX_NEW_TOKENS]")
    p.add_argument("--max-kb-triples", type=int, default=_env_int("KBLAM_MAX_KB_TRIPLES", d.max_kb_triples),
                   help="largest KB accepted by the API [env KBLAM_MAX_KB_TRIPLES]")
    p.add_argument("--max-request-bytes", type=int,
                   default=_env_int("KBLAM_MAX_REQUEST_BYTES", d.max_request_bytes),
                   help="largest API request body [env KBLAM_MAX_REQUEST_BYTES]")
    p.add_argument("--runs-dir", default=env("KBLAM_RUNS_DIR", d.runs_dir),
                   help="where training runs and evaluation reports go [env KBLAM_RUNS_DIR]")
    p.add_argument("--workspace", default=env("DATAGEN_WORKSPACE", d.workspace),
                   help="dataset studio workspace folder [env DATAGEN_WORKSPACE]")
    p.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    return p


def config_from_args(args: argparse.Namespace) -> ServerConfig:
    return ServerConfig(host=args.host, port=args.port, concurrency=args.concurrency, max_queue=args.max_queue,
                        backbone=args.backbone, encoder=args.encoder, adapters=args.adapters,
                        quantize=args.quantize, device=args.device or None, preload=not args.no_preload,
                        max_new_tokens=args.max_new_tokens, max_kb_triples=args.max_kb_triples,
                        max_request_bytes=args.max_request_bytes, runs_dir=args.runs_dir, workspace=args.workspace)


def create_app(config: ServerConfig, services: AppServices | None = None):
    """The FastAPI app: API routes first, then the Gradio UI mounted at ``/``. Returns (app, services)."""
    import gradio as gr
    from fastapi import FastAPI

    from app_ui import CSS, build_ui
    from app_ui.api import create_router

    services = services or AppServices.create(config)
    app = FastAPI(title="KBLaM Studio", docs_url="/v1/docs", openapi_url="/v1/openapi.json", redoc_url=None)
    app.include_router(create_router(services))
    blocks, i18n = build_ui(services)
    blocks.queue(default_concurrency_limit=max(4, config.concurrency * 2), max_size=256)
    runs = Path(config.runs_dir).resolve()
    runs.mkdir(parents=True, exist_ok=True)
    app = gr.mount_gradio_app(app, blocks, path="", i18n=i18n, css=CSS, allowed_paths=[str(runs)],
                              max_file_size=100 * 1024 * 1024, footer_links=["api", "settings"],
                              server_name=config.host, server_port=config.port)
    return app, services


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "sentence_transformers", "transformers", "urllib3", "filelock", "multipart"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        config = config_from_args(args)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    import uvicorn

    app, services = create_app(config)
    if config.preload:
        services.models.preload()
    log.info("KBLaM Studio on http://%s:%d (API: /v1, health: /health, concurrency %d)", config.host,
             config.port, config.concurrency)
    uvicorn.run(app, host=config.host, port=config.port, log_level="warning", timeout_graceful_shutdown=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
