"""The OpenAI-compatible embeddings encoder, through the real ``openai`` client, against a local /v1/embeddings
server on 127.0.0.1 that serves the real MiniLM: same vectors as the local encoder, key never leaked, clear
errors when the endpoint fails."""

from __future__ import annotations

import numpy as np
import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from openai_server import ServerThread

from kblam.encoder import encode_kb, load_encoder
from kblam.errors import ModelLoadError
from kblam.kb import Triple

pytestmark = pytest.mark.realmodel
KEY = "sk-test-embeddings-0123456789"


def embeddings_app(encoder, seen: list[dict]) -> FastAPI:
    app = FastAPI()

    @app.post("/v1/embeddings")
    async def embeddings(request: Request):
        body = await request.json()
        seen.append({"auth": request.headers.get("authorization"), "n": len(body["input"])})
        if body.get("model") != "minilm":
            return JSONResponse({"error": {"message": "unknown model"}}, status_code=404)
        vectors = encoder.encode(list(body["input"]))
        return {"object": "list", "model": "minilm", "usage": {"prompt_tokens": 1, "total_tokens": 1},
                "data": [{"object": "embedding", "index": i, "embedding": v.tolist()} for i, v in enumerate(vectors)]}

    return app


def test_embeddings_endpoint_matches_local_encoder(minilm, caplog):
    seen: list[dict] = []
    with ServerThread(embeddings_app(minilm, seen)) as base_url:
        remote = load_encoder("openai:minilm", base_url=base_url, api_key=KEY)
        assert remote.id == "openai:minilm" and remote.dim == 384
        triples = [Triple("Orion Labs", "founding year", "1987"), Triple("Vega Inc", "headquarters", "Lyon")]
        encoded = encode_kb(triples, remote)
    local = encode_kb(triples, minilm)
    assert np.allclose(encoded.key_emb.numpy(), local.key_emb.numpy(), atol=1e-5)
    assert encoded.encoder_id == "openai:minilm"
    assert seen[-1]["auth"] == f"Bearer {KEY}"
    assert KEY not in caplog.text


def test_failing_embeddings_endpoint_is_a_clear_error(minilm):
    with ServerThread(embeddings_app(minilm, [])) as base_url:
        with pytest.raises(ModelLoadError, match="embeddings endpoint .* failed for model 'nope'") as err:
            load_encoder("openai:nope", base_url=base_url, api_key=KEY)
    assert KEY not in str(err.value)
