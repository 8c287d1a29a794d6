"""KBs uploaded through ``/v1/kbs`` are encoded at upload in a background worker: the upload returns at once,
``GET /v1/kbs/{id}`` reports the progress, a question on a KB still encoding waits a bounded time and then gets
409, and a restarted server (new services on the same data folder) maps the stored encoding back instead of
encoding again. Control flow with a stand-in engine (no model); the real server is in test_api.py."""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace

import numpy as np
import pytest

from app_ui import api as api_module
from app_ui.config import ServerConfig
from app_ui.context import AppServices
from kblam.encoder import EmbeddingCache, Encoder, encode_kb


class GatedEncoder(Encoder):
    """Encodes in chunks of 2 strings, reporting progress, and stops after the first chunk until ``gate`` opens."""

    id, dim = "gated", 4

    def __init__(self) -> None:
        self.gate, self.seen = threading.Event(), 0

    def encode(self, texts, *, batch_size=64, progress=None):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), 2):
            if start:
                assert self.gate.wait(30), "the test never opened the gate"
            out[start:start + 2] = np.arange(self.dim, dtype=np.float32) + start
            self.seen += len(texts[start:start + 2])
            if progress:
                progress(min(start + 2, len(texts)), len(texts))
        return out


class GatedEngine:
    """What the API and the KB store need of an engine before any generation."""

    def __init__(self, encoder: GatedEncoder) -> None:
        self.encoder, self.cache = encoder, EmbeddingCache()
        self.backbone = SimpleNamespace(model_id="stand-in")

    def encode(self, triples, progress=None):
        return encode_kb(triples, self.encoder, self.cache, progress=progress)


def make_client(tmp_path, encoder: GatedEncoder, **config):
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    cfg = ServerConfig(runs_dir=str(tmp_path / "runs"), data_dir=str(tmp_path / "data"), **config)
    services = AppServices.create(cfg, loader=lambda **kw: GatedEngine(encoder))
    app = FastAPI()
    app.include_router(api_module.create_router(services))
    return TestClient(app), services


TRIPLES = [{"name": f"Star{i}", "property": "constellation", "value": f"Const{i}"} for i in range(5)]


def wait_state(client, kb_id: str, state: str) -> dict:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        status = client.get(f"/v1/kbs/{kb_id}").json()["status"]
        if status["state"] == state:
            return status
        time.sleep(0.02)
    raise AssertionError(f"KB {kb_id} never reached {state}: {status}")


def test_upload_returns_at_once_and_reports_progress(tmp_path, monkeypatch):
    monkeypatch.setattr(api_module, "KB_READY_WAIT_S", 0.2)
    encoder = GatedEncoder()
    client, _ = make_client(tmp_path, encoder)
    with client:
        resp = client.post("/v1/kbs", json={"name": "stars", "triples": TRIPLES})
        assert resp.status_code == 200 and resp.json()["status"]["state"] == "encoding"
        kb_id = resp.json()["id"]
        deadline = time.monotonic() + 30
        while client.get(f"/v1/kbs/{kb_id}").json()["status"]["done"] < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        polled = client.get(f"/v1/kbs/{kb_id}?triples=false").json()
        assert "triples" not in polled and polled["num_triples"] == 5
        status = polled["status"]
        assert status["state"] == "encoding" and status["done"] == 2 and status["total"] == 10  # 5 keys + 5 values
        listed = client.get("/v1/kbs").json()["data"][0]["status"]
        assert listed["state"] == "encoding"
        ask = {"messages": [{"role": "user", "content": "Where is Star1?"}], "kb_id": kb_id}
        t0 = time.monotonic()
        resp = client.post("/v1/chat/completions", json=ask)
        assert resp.status_code == 409 and resp.json()["error"]["code"] == "kb_not_ready"
        assert "2/10 strings" in resp.json()["error"]["message"] and time.monotonic() - t0 < 5
        encoder.gate.set()
        status = wait_state(client, kb_id, "ready")
        assert status["done"] == status["total"] == 10 and "seconds" in status
        assert client.get("/v1/kbs/kb-unknown").status_code == 404


def test_restarted_server_maps_the_stored_encoding_back(tmp_path):
    first = GatedEncoder()
    first.gate.set()
    client, services = make_client(tmp_path, first)
    with client:
        kb_id = client.post("/v1/kbs", json={"triples": TRIPLES}).json()["id"]
        wait_state(client, kb_id, "ready")
        assert first.seen == 10
    stored = list((tmp_path / "data" / "encoded-kbs").glob("*/embeddings.safetensors"))
    assert len(stored) == 1

    again = GatedEncoder()  # the gate stays shut: encoding anything would hang
    client, services = make_client(tmp_path, again)
    with client:
        wait_state(client, kb_id, "ready")
        assert again.seen == 0  # nothing was encoded: read back from disk
        entry = services.kbs.get(kb_id)
        encoded = entry.encoded(services.models.engine())
        assert encoded.store_dir == stored[0].parent
        assert np.allclose(encoded.key_emb[2].numpy(), np.arange(4) + 2)  # the first run's vectors


@pytest.mark.parametrize(("limit", "n", "status"), [(20, 21, 413), (20, 20, 200)])
def test_upload_limit_is_configurable(tmp_path, limit, n, status):
    encoder = GatedEncoder()
    encoder.gate.set()
    client, _ = make_client(tmp_path, encoder, max_kb_triples=limit)
    with client:
        triples = [{"name": f"E{i}", "property": "p", "value": f"v{i}"} for i in range(n)]
        resp = client.post("/v1/kbs", json={"triples": triples})
        assert resp.status_code == status
        if status == 413:
            assert "limit is 20 (max_kb_triples)" in resp.json()["error"]["message"]


def test_inline_kbs_keep_their_own_smaller_limit(tmp_path):
    encoder = GatedEncoder()
    client, _ = make_client(tmp_path, encoder, max_inline_kb_triples=3)
    with client:
        resp = client.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": "hi"}],
                                                          "kb": TRIPLES})
        assert resp.status_code == 413
        message = resp.json()["error"]["message"]
        assert "(max_inline_kb_triples)" in message and "POST /v1/kbs" in message


def test_default_limits_fit_a_100k_triple_kb():
    cfg = ServerConfig()
    assert cfg.max_kb_triples >= 100_000
    one = b'{"name": "Entity Number 12345", "property": "home city", "value": "Montevideo"},'
    assert cfg.max_request_bytes > 100_000 * len(one) * 2
