"""Fixtures for the app tests: one real ``python app.py`` server per test session (real SmolLM2 + MiniLM from the
wheels, loaded once), and a minimal Hub API server on 127.0.0.1 it talks to through ``HF_ENDPOINT``.

Both are opt-in (only tests that ask for ``app_server`` start it). The server's log is kept in
``test-artifacts/app-server.log``."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
HUB_TOKEN = "hf_test_app_token_5c1e"
APP_LIMITS = {"KBLAM_MAX_KB_TRIPLES": "200", "KBLAM_MAX_REQUEST_BYTES": "300000", "KBLAM_MAX_NEW_TOKENS": "256",
              "KBLAM_CONCURRENCY": "1", "KBLAM_MAX_QUEUE": "8"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class AppServer:
    url: str
    api: str
    process: subprocess.Popen
    log_path: Path
    hub_url: str
    runs_dir: Path
    workspace: Path

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")


@pytest.fixture(scope="session")
def hub_server(tmp_path_factory):
    import hubserver  # tests/datagen/hubserver.py (on sys.path through tests/conftest.py)

    with hubserver.serve(tmp_path_factory.mktemp("hub"), {HUB_TOKEN}, lfs_threshold=1 << 30) as server:  # no model-repo LFS there
        yield server


def _get_json(url: str, timeout: float = 5.0) -> dict:
    with urllib.request.urlopen(url, timeout=timeout) as resp:  # noqa: S310 - 127.0.0.1 only
        return json.loads(resp.read())


@pytest.fixture(scope="session")
def app_server(tmp_path_factory, hub_server) -> AppServer:
    """``python app.py`` on a free port, with its model stack loaded (waits for /health to say ready)."""
    base = tmp_path_factory.mktemp("app")
    port = free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log_path = ARTIFACTS / "app-server.log"
    env = {k: v for k, v in os.environ.items() if k not in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN")}
    env.update(APP_LIMITS, GRADIO_ANALYTICS_ENABLED="False", HF_HUB_OFFLINE="0", HF_ENDPOINT=hub_server.url,
               HF_HUB_DISABLE_XET="1", HF_HOME=str(base / "hf-home"), DATAGEN_WORKSPACE=str(base / "workspace"),
               KBLAM_RUNS_DIR=str(base / "runs"), PYTHONUNBUFFERED="1")
    log = open(log_path, "wb")  # noqa: SIM115 - closed at teardown
    proc = subprocess.Popen([sys.executable, str(ROOT / "app.py"), "--host", "127.0.0.1", "--port", str(port)],
                            cwd=base, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    server = AppServer(url, url + "/v1", proc, log_path, hub_server.url, base / "runs", base / "workspace")
    deadline = time.monotonic() + 240
    try:
        while True:
            if proc.poll() is not None:
                pytest.fail(f"app.py exited with {proc.returncode}:\n{server.log_text()[-3000:]}")
            try:
                health = _get_json(url + "/health")
                if health["model"]["status"] == "ready":
                    break
                if health["model"]["status"] == "error":
                    pytest.fail(f"model load failed: {health['model']['error']}")
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"app.py did not become ready in time:\n{server.log_text()[-3000:]}")
            time.sleep(0.5)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
        log.close()


@pytest.fixture(scope="session")
def hub_token() -> str:
    return HUB_TOKEN


@pytest.fixture
def client(app_server):
    """A fresh gradio_client session (its own gr.State) on the running app."""
    from gradio_client import Client

    return Client(app_server.url + "/", verbose=False)


@pytest.fixture
def openai_client(app_server):
    from openai import OpenAI

    return OpenAI(base_url=app_server.api, api_key="unused", max_retries=0, timeout=120)
