"""Large KBs: the candidate path (knowledge tokens narrowed per question before the rectangular attention) agrees
with the exhaustive path, and encoded KBs are stored on disk, memory-mapped and reused by a new process-like
cache object. Tiny random model, deterministic bag-of-words encoder."""

from __future__ import annotations

import hashlib
import re

import numpy as np
import pytest
import torch
from test_training import tiny_backbone, tokenizer  # noqa: F401 - shared tiny-model fixtures

from kblam import candidates
from kblam.encoder import Encoder
from kblam.engine import ChatSettings, KBLaM, resolve_adapters
from kblam.kb import Triple
from kblam.kb_cache import EncodedKBCache, content_key

PROPS = ["colour", "home city", "founder", "motto", "rival", "mascot"]
WORDS = "amber river lantern orchard comet falcon meadow signal harbor willow cedar basalt".split()


class WordHashEncoder(Encoder):
    """Bag of words hashed into 256 signed buckets: distinct names get near-orthogonal vectors."""

    id, dim = "word-hash-256", 256

    def encode(self, texts, *, batch_size=64, progress=None):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                h = int(hashlib.md5(word.encode()).hexdigest()[:8], 16)
                out[i, h % self.dim] += 1.0 if h & 1 << 20 else -1.0
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-6)


def make_triples(n: int) -> list[Triple]:
    out = []
    for i in range(n):
        name = f"Entity{i:04d}"
        prop = PROPS[i % len(PROPS)]
        out.append(Triple(name, prop, f"{WORDS[i % len(WORDS)]} {WORDS[(i * 7) % len(WORDS)]} {i}"))
    return out


@pytest.fixture(scope="module")
def engine(tokenizer):  # noqa: F811
    backbone, encoder = tiny_backbone(tokenizer), WordHashEncoder()
    adapters = resolve_adapters(None, backbone, encoder)
    adapters.eval().requires_grad_(False)
    return KBLaM(backbone, encoder, adapters, ChatSettings(mode="kblam+prior", max_new_tokens=3,
                                                           inject_untrained=True, prior_weight=50.0))


def test_candidate_path_keeps_the_exhaustive_top_triple(engine):
    encoded = engine.encode(make_triples(300))
    questions = [f"What is the {PROPS[i % len(PROPS)]} of Entity{i:04d}?" for i in range(0, 300, 37)]
    exhaustive = [engine.answer(q, encoded) for q in questions]
    engine.exhaustive_max, engine.num_candidates = 50, 16  # force the candidate path on 300 triples
    try:
        narrowed = [engine.answer(q, encoded) for q in questions]
    finally:
        engine.exhaustive_max, engine.num_candidates = candidates.EXHAUSTIVE_MAX, candidates.NUM_CANDIDATES
    for q, full, cand in zip(questions, exhaustive, narrowed, strict=True):
        assert cand.timings["candidates"] < 300, q  # the candidate path ran
        assert full.evidence[0].index == cand.evidence[0].index, q
        assert encoded.triples[cand.evidence[0].index] == cand.evidence[0].triple
        assert len(cand.attention) == 300 and int(np.argmax(cand.attention)) == cand.evidence[0].index
        assert full.refused == cand.refused


def test_candidates_hold_the_named_entity_and_the_nearest_key(engine):
    encoded = engine.encode(make_triples(2000))
    engine.exhaustive_max, engine.num_candidates = 100, 8
    try:
        view = candidates.narrow(engine, "What is the motto of Entity0003?", encoded)
        assert view is not None and len(view) < 100
        assert encoded.triples[3] in view.triples  # the named entity's triple
        q = engine.cache.encode(engine.encoder, ["the rival of Entity1234"])[0]
        exact = int(np.argmax(encoded.key_emb.numpy() @ q))
        assert exact in candidates.nearest_keys(encoded, q, 8)
        assert candidates.narrow(engine, "anything", engine.encode(make_triples(50))) is None  # small: exhaustive
    finally:
        engine.exhaustive_max, engine.num_candidates = candidates.EXHAUSTIVE_MAX, candidates.NUM_CANDIDATES


def test_encoded_kb_is_stored_memory_mapped_and_reused(engine, tmp_path):
    triples = make_triples(400)
    cache = EncodedKBCache(tmp_path / "encoded")
    assert cache.load(triples, engine.encoder.id) is None
    stored = cache.save(engine.encode(triples))
    assert stored.store_dir is not None and (stored.store_dir / "embeddings.safetensors").is_file()
    candidates.key_index(stored)  # built and saved beside the embeddings
    assert (stored.store_dir / candidates.INDEX_FILE).is_file()

    again = EncodedKBCache(tmp_path / "encoded").load(triples, engine.encoder.id)  # a "restarted" server
    assert again is not None and torch.equal(again.key_emb, stored.key_emb)
    assert torch.equal(again.value_emb, engine.encode(triples).value_emb)
    index = candidates.key_index(again)  # read back, not rebuilt
    assert index.ntotal == 400
    assert cache.load(triples[:-1], engine.encoder.id) is None  # other content: other key
    assert content_key(triples, "other-encoder") != content_key(triples, engine.encoder.id)


def test_disk_cache_is_bounded(engine, tmp_path):
    first = EncodedKBCache(tmp_path / "c").save(engine.encode(make_triples(100)))
    size = sum(f.stat().st_size for f in first.store_dir.iterdir())
    cache = EncodedKBCache(tmp_path / "c", max_bytes=int(size * 1.5))
    second = cache.save(engine.encode(make_triples(101)))
    assert second.store_dir.is_dir() and not first.store_dir.exists()  # the older one made room
