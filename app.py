"""KBLaM Studio: the Gradio UI, an OpenAI-compatible API under /v1 and /health, on one server.

The UI has four tabs: dataset studio, knowledge chat, train & evaluate, Hugging Face Hub.

    python app.py [--host 127.0.0.1] [--port 7860] [--concurrency 16] [--no-batching] …

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
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

from app_ui.config import ServerConfig  # noqa: E402
from app_ui.context import AppServices  # noqa: E402

if TYPE_CHECKING:
    from app_ui.access import AccessConfig

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
                   help="generations running at once (decoded together in one batch unless --no-batching); "
                        "others wait in a queue [env KBLAM_CONCURRENCY]")
    p.add_argument("--no-batching", action="store_true", default=env("KBLAM_BATCHING", "1") == "0",
                   help="run each generation alone (one generate() thread each) instead of decoding the running "
                        "ones together; the baseline of bench/load_test.py [env KBLAM_BATCHING=0]")
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
    p.add_argument("--precision", choices=["auto", "fp32", "bf16", "int8"], default=env("KBLAM_PRECISION", d.precision),
                   help="backbone weights on CPU: fp32, bf16 or dynamic int8 (auto: the measured default) "
                        "[env KBLAM_PRECISION]")
    p.add_argument("--no-preload", action="store_true", default=env("KBLAM_PRELOAD", "1") == "0",
                   help="load the model on first use instead of at start-up [env KBLAM_PRELOAD=0]")
    p.add_argument("--max-new-tokens", type=int, default=_env_int("KBLAM_MAX_NEW_TOKENS", d.max_new_tokens),
                   help="upper limit of max_tokens per request [env KBLAM_MAX_NEW_TOKENS]")
    p.add_argument("--max-kb-triples", type=int, default=_env_int("KBLAM_MAX_KB_TRIPLES", d.max_kb_triples),
                   help="largest KB accepted by POST /v1/kbs (encoded at upload, in the background) "
                        "[env KBLAM_MAX_KB_TRIPLES]")
    p.add_argument("--max-inline-kb-triples", type=int,
                   default=_env_int("KBLAM_MAX_INLINE_KB_TRIPLES", d.max_inline_kb_triples),
                   help="largest KB sent inline with a chat request (encoded within it) "
                        "[env KBLAM_MAX_INLINE_KB_TRIPLES]")
    p.add_argument("--max-request-bytes", type=int,
                   default=_env_int("KBLAM_MAX_REQUEST_BYTES", d.max_request_bytes),
                   help="largest API request body [env KBLAM_MAX_REQUEST_BYTES]")
    p.add_argument("--runs-dir", default=env("KBLAM_RUNS_DIR", d.runs_dir),
                   help="where training runs and evaluation reports go [env KBLAM_RUNS_DIR]")
    p.add_argument("--workspace", default=env("DATAGEN_WORKSPACE", d.workspace),
                   help="dataset studio workspace folder [env DATAGEN_WORKSPACE]")
    _sharing_arguments(p)
    p.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    return p


def _sharing_arguments(p: argparse.ArgumentParser) -> None:
    """Flags of "Sharing and security" (README): logins, API keys, ownership, limits, share link, proxy."""
    env = os.environ.get
    g = p.add_argument_group("sharing and security (secrets: prefer the environment or a file; argv shows in ps)")
    g.add_argument("--auth", action="append", default=[], metavar="USER:PASS",
                   help="require a login for the UI and the API (repeatable) [env KBLAM_AUTH: comma-separated]")
    g.add_argument("--auth-file", default=env("KBLAM_AUTH_FILE"),
                   help="file with one USER:PASS per line [env KBLAM_AUTH_FILE]")
    g.add_argument("--api-keys", default=None, metavar="KEY,KEY",
                   help="keys for /v1 (Authorization: Bearer KEY) [env KBLAM_API_KEYS]")
    g.add_argument("--api-keys-file", default=env("KBLAM_API_KEYS_FILE"),
                   help="file with API keys, one per line [env KBLAM_API_KEYS_FILE]")
    g.add_argument("--admin", default=env("KBLAM_ADMIN"),
                   help="the login that may use the server's HF_TOKEN (default: the first --auth user)")
    g.add_argument("--hub-token-for-all", action="store_true", default=env("KBLAM_HUB_TOKEN_FOR_ALL") == "1",
                   help="let every visitor push/pull with the server's HF_TOKEN [env KBLAM_HUB_TOKEN_FOR_ALL=1]")
    g.add_argument("--shared-workspace", action="store_true", default=env("KBLAM_SHARED_WORKSPACE") == "1",
                   help="one studio workspace for every user instead of one per user [env KBLAM_SHARED_WORKSPACE=1]")
    g.add_argument("--max-prompt-tokens", type=int, default=_env_int("KBLAM_MAX_PROMPT_TOKENS", 6000),
                   help="longest prompt or question in tokens, every mode, API and UI [env KBLAM_MAX_PROMPT_TOKENS]")
    g.add_argument("--max-messages", type=int, default=_env_int("KBLAM_MAX_MESSAGES", 64),
                   help="most messages in one API request [env KBLAM_MAX_MESSAGES]")
    g.add_argument("--max-stored-kbs", type=int, default=_env_int("KBLAM_MAX_STORED_KBS", 64),
                   help="KBs kept per API key/user by /v1/kbs (their oldest is dropped) [env KBLAM_MAX_STORED_KBS]")
    g.add_argument("--max-upload-bytes", type=int, default=_env_int("KBLAM_MAX_UPLOAD_BYTES", 50 * 1024 * 1024),
                   help="largest upload through the UI [env KBLAM_MAX_UPLOAD_BYTES]")
    g.add_argument("--max-ui-request-bytes", type=int,
                   default=_env_int("KBLAM_MAX_UI_REQUEST_BYTES", 16 * 1024 * 1024),
                   help="largest other UI request body [env KBLAM_MAX_UI_REQUEST_BYTES]")
    g.add_argument("--share", action="store_true", default=env("KBLAM_SHARE") == "1",
                   help="also open a public Gradio share link (needs internet) [env KBLAM_SHARE=1]")
    g.add_argument("--root-path", default=env("KBLAM_ROOT_PATH", ""),
                   help="URL prefix when served behind a proxy, e.g. /kblam [env KBLAM_ROOT_PATH]")
    g.add_argument("--data-dir", default=env("KBLAM_DATA_DIR"),
                   help="keep workspaces, runs and API KBs here (default: /data on a Space with persistent "
                        "storage; 'none' turns it off) [env KBLAM_DATA_DIR]")


def access_from_args(args: argparse.Namespace) -> AccessConfig:
    """Logins and API keys from flags, the environment and files; bad entries raise ValueError naming them."""
    from app_ui.access import AccessConfig, parse_keys, parse_logins, read_secret_file

    if args.auth:
        log.warning("--auth on the command line is visible to every local user (ps); prefer KBLAM_AUTH or "
                    "--auth-file")
    if args.api_keys:
        log.warning("--api-keys on the command line is visible to every local user (ps); prefer KBLAM_API_KEYS "
                    "or --api-keys-file")
    logins = parse_logins(args.auth, "--auth")
    logins += parse_logins((os.environ.get("KBLAM_AUTH") or "").split(","), "KBLAM_AUTH")
    logins += parse_logins(read_secret_file(args.auth_file, "--auth").splitlines(), str(args.auth_file))
    keys = parse_keys(args.api_keys, "--api-keys") + parse_keys(os.environ.get("KBLAM_API_KEYS"), "KBLAM_API_KEYS")
    keys += parse_keys(read_secret_file(args.api_keys_file, "API keys"), str(args.api_keys_file))
    if args.admin and args.admin not in [u for u, _ in logins]:
        raise ValueError(f"--admin {args.admin!r} is not one of the --auth logins")
    return AccessConfig(logins=logins, api_keys=tuple(dict.fromkeys(keys)), admin=args.admin,
                        hub_token_for_all=args.hub_token_for_all, shared_workspace=args.shared_workspace)


def apply_data_dir(args: argparse.Namespace, parser: argparse.ArgumentParser) -> Path | None:
    """Point the workspace and the runs folder into the data folder (unless they were given explicitly)."""
    from app_ui.access import data_dir

    environ = dict(os.environ)
    if args.data_dir is not None:
        environ["KBLAM_DATA_DIR"] = args.data_dir
    root = data_dir(environ)
    if root is None:
        return None
    if args.workspace == parser.get_default("workspace") and not os.environ.get("DATAGEN_WORKSPACE"):
        args.workspace = str(root / "workspaces" / "default")
    if args.runs_dir == parser.get_default("runs_dir") and not os.environ.get("KBLAM_RUNS_DIR"):
        args.runs_dir = str(root / "runs" / "app")
    return root


def config_from_args(args: argparse.Namespace) -> ServerConfig:
    return ServerConfig(host=args.host, port=args.port, concurrency=args.concurrency, max_queue=args.max_queue,
                        batching=not args.no_batching,
                        backbone=args.backbone, encoder=args.encoder, adapters=args.adapters,
                        quantize=args.quantize, device=args.device or None, precision=args.precision,
                        preload=not args.no_preload,
                        max_new_tokens=args.max_new_tokens, max_kb_triples=args.max_kb_triples,
                        max_inline_kb_triples=args.max_inline_kb_triples,
                        max_request_bytes=args.max_request_bytes, runs_dir=args.runs_dir, workspace=args.workspace,
                        max_prompt_tokens=args.max_prompt_tokens, max_messages=args.max_messages,
                        max_stored_kbs=args.max_stored_kbs, max_upload_bytes=args.max_upload_bytes,
                        max_ui_request_bytes=args.max_ui_request_bytes, data_dir=args.data_dir,
                        share=args.share, root_path=(args.root_path or "").rstrip("/"))


def create_app(config: ServerConfig, services: AppServices | None = None, access: AccessConfig | None = None):
    """The FastAPI app: API routes first, then the Gradio UI mounted at ``/``. Returns (app, services).

    ``gr.mount_gradio_app`` does not mark the Blocks as launched, and Gradio skips its check that a file input
    names a file uploaded through its upload route while ``has_launched`` is False (``processing_utils.
    _check_allowed``); so the Blocks is marked launched here, which makes that check run for every file input."""
    import gradio as gr
    from fastapi import FastAPI

    from app_ui import CSS, HEAD, build_ui
    from app_ui.access import AccessMiddleware, BodyLimitMiddleware
    from app_ui.api import create_router

    services = services or AppServices.create(config, access=access)
    access = services.access
    app = FastAPI(title="KBLaM Studio", docs_url="/v1/docs", openapi_url="/v1/openapi.json", redoc_url=None)
    app.include_router(create_router(services))
    blocks, i18n = build_ui(services)
    blocks.queue(default_concurrency_limit=max(4, config.concurrency * 2), max_size=256)
    app = gr.mount_gradio_app(app, blocks, path="", i18n=i18n, css=CSS, head=HEAD,
                              max_file_size=config.max_upload_bytes,
                              footer_links=["api", "settings"], server_name=config.host, server_port=config.port,
                              auth=access.check_login if access.login_required else None,
                              root_path=config.root_path or None)
    blocks.has_launched = True  # see the docstring: turns on Gradio's uploaded-files-only check
    app.add_middleware(BodyLimitMiddleware, max_upload_bytes=config.max_upload_bytes,
                       max_ui_request_bytes=config.max_ui_request_bytes)
    app.add_middleware(AccessMiddleware, access=access)
    app.state.blocks = blocks
    return app, services


def open_share_link(blocks, host: str, port: int) -> None:
    """A Gradio share link to the running server, in a background thread; a clear log line when it fails."""
    import threading
    import urllib.request

    def run() -> None:
        from gradio import networking

        url = f"http://{host}:{port}/health"
        for _ in range(120):
            try:
                urllib.request.urlopen(url, timeout=2).close()  # noqa: S310 - our own server
                break
            except OSError:
                time.sleep(0.5)
        try:
            link = networking.setup_tunnel(host, port, blocks.share_token, None, None)
        except Exception as exc:  # noqa: BLE001 - reported, the local server keeps running
            log.error("could not create a Gradio share link (it needs internet access to api.gradio.app and "
                      "cdn-media.huggingface.co): %s; the app is still served on http://%s:%d", exc, host, port)
            return
        log.info("public share link (valid up to a week, anyone with it can use the app): %s", link)

    threading.Thread(target=run, name="share-link", daemon=True).start()


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "sentence_transformers", "transformers", "urllib3", "filelock", "multipart"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        data = apply_data_dir(args, parser)
        args.data_dir = str(data) if data else None
        if args.share and os.environ.get("SPACE_ID"):
            log.warning("--share is ignored on Hugging Face Spaces (the Space has its own URL)")
            args.share = False
        access = access_from_args(args)
        config = config_from_args(args)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    import uvicorn

    app, services = create_app(config, access=access)
    if config.preload:
        services.models.preload()
    log.info("KBLaM Studio on http://%s:%d%s (API: /v1, health: /health, concurrency %d)", config.host,
             config.port, config.root_path, config.concurrency)
    log.info("data: workspace %s, runs %s%s; access: %r", Path(config.workspace).resolve(),
             Path(config.runs_dir).resolve(), f" (persistent data folder {data})" if data else
             " (lost when the container restarts)", access)
    if config.share:
        if not access.login_required:
            log.warning("--share without --auth: anyone with the link can use this app")
        open_share_link(app.state.blocks, config.host, config.port)
    uvicorn.run(app, host=config.host, port=config.port, log_level="warning", timeout_graceful_shutdown=2,
                root_path=config.root_path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
