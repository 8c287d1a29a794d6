"""Synthetic KBs of any size for bench/bench_large_kb.py (and its encode-once step): procedurally generated
entities (kblam.synthetic), fine for a performance bench. Encodings go to a disk cache shared by bench runs."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from kblam.encoder import Encoder, encode_kb
from kblam.kb import Triple
from kblam.kb_cache import EncodedKBCache
from kblam.synthetic import SyntheticConfig, entities_to_triples, generate_entities

log = logging.getLogger(__name__)
CACHE = Path(os.environ.get("KBLAM_BENCH_CACHE", Path.home() / ".cache" / "kblam-studio" / "bench-large-kb"))


def synthetic_triples(n: int, seed: int = 11) -> list[Triple]:
    """The first ``n`` triples of a fixed synthetic KB (the same prefix for every size)."""
    entities = generate_entities(SyntheticConfig(n_entities=max(1, n // 5), seed=seed))
    triples = entities_to_triples(entities)
    while len(triples) < n:  # rare: fewer properties drawn than expected
        entities = generate_entities(SyntheticConfig(n_entities=len(entities) * 2, seed=seed))
        triples = entities_to_triples(entities)
    return triples[:n]


def encode_cached(triples: list[Triple], encoder: Encoder, cache: EncodedKBCache | None = None) -> tuple:
    """(encoded KB memory-mapped from the cache, encode seconds or None when it was cached, strings/s)."""
    cache = cache or EncodedKBCache(CACHE, max_bytes=4 << 30)
    t0 = time.perf_counter()
    hit = cache.load(triples, encoder.id)
    if hit is not None:
        return hit, None, None
    last = [0.0]

    def progress(done: int, total: int) -> None:
        if time.perf_counter() - last[0] > 30:
            last[0] = time.perf_counter()
            log.info("encoding: %d / %d strings (%.0f s)", done, total, last[0] - t0)

    encoded = encode_kb(triples, encoder, progress=progress)
    seconds = time.perf_counter() - t0
    return cache.save(encoded), seconds, 2 * len(triples) / seconds


def encode_resumable(triples: list[Triple], encoder: Encoder, cache: EncodedKBCache | None = None,
                     chunk: int = 4096) -> tuple:
    """Like :func:`encode_cached`, for a KB that takes an hour on a busy machine: the distinct strings are
    encoded in chunks saved to disk as they finish, so a stopped run resumes where it was."""
    import numpy as np
    import torch

    from kblam.encoder import EncodedKB
    from kblam.kb_cache import content_key

    cache = cache or EncodedKBCache(CACHE, max_bytes=4 << 30)
    hit = cache.load(triples, encoder.id)
    if hit is not None:
        return hit, None, None
    texts = [t.key_string for t in triples] + [t.value_string for t in triples]
    unique = list(dict.fromkeys(texts))
    parts = CACHE / "partial" / content_key(triples, encoder.id)
    parts.mkdir(parents=True, exist_ok=True)
    seconds, encoded_now = 0.0, 0
    for n, start in enumerate(range(0, len(unique), chunk)):
        path = parts / f"{n:05d}.npy"
        if path.exists():
            continue
        t0 = time.perf_counter()
        vectors = encoder.encode(unique[start:start + chunk])
        seconds += time.perf_counter() - t0
        encoded_now += len(vectors)
        np.save(path, vectors)
        log.info("encoded %d / %d distinct strings (%.0f strings/s)", min(start + chunk, len(unique)),
                 len(unique), encoded_now / seconds)
    table = np.concatenate([np.load(parts / f"{n:05d}.npy") for n in range((len(unique) + chunk - 1) // chunk)])
    row = {text: i for i, text in enumerate(unique)}
    emb = torch.from_numpy(table[[row[t] for t in texts]])
    m = len(triples)
    stored = cache.save(EncodedKB(triples, emb[:m], emb[m:], encoder.id, encoder.dim))
    return stored, seconds, encoded_now / seconds if seconds else None


if __name__ == "__main__":  # encode the largest KB once: python -m bench._large_kb_data 100000
    import json
    import sys

    import torch

    from kblam.encoder import load_encoder

    torch.set_num_threads(int(os.environ.get("KBLAM_BENCH_THREADS", "1")))  # a shared machine: 1 thread
    logging.basicConfig(level=logging.INFO)
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    triples = synthetic_triples(n)
    enc, secs, rate = encode_resumable(triples, load_encoder())
    record = {"triples": n, "distinct_strings": len({s for t in triples for s in (t.key_string, t.value_string)}),
              "encode_s": secs, "strings_per_s": rate, "threads": torch.get_num_threads(),
              "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "load_avg_at_end": os.getloadavg()}
    if secs is not None:  # read by bench_large_kb (a cached run has nothing to report)
        (CACHE / f"encode_{n}.json").write_text(json.dumps(record) + "\n")
    print(json.dumps({**record, "dir": str(enc.store_dir)}))
