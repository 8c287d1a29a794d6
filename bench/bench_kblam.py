"""KBLaM engine benchmark: KB encoding throughput against raw SentenceTransformer.encode of the same strings,
re-encoding after a one-triple edit of a 10,000-triple KB, and time to first token / memory per KB size against
in-context learning, all measured in the same run. Writes bench/results/kblam.json.

    python -m bench.bench_kblam [--sizes 0,100,1000,10000] [--encode-n 2000]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path

import torch

from kblam.encoder import EmbeddingCache, encode_kb
from kblam.engine import KBLaM
from kblam.evaluate import cost_eval
from kblam.kb import Triple
from kblam.synthetic import SyntheticConfig, generate_kb

RESULTS = Path(__file__).resolve().parent / "results"


def bench_encoding(engine: KBLaM, triples: list[Triple]) -> dict:
    """Our encode path (hashing, cache, tensors) against the raw encoder on the same 2·M strings."""
    texts = [t.key_string for t in triples] + [t.value_string for t in triples]
    model = engine.encoder.model
    model.encode(texts[:64], batch_size=64)  # warm-up
    t0 = time.perf_counter()
    model.encode(texts, batch_size=64, convert_to_numpy=True, show_progress_bar=False)
    raw = time.perf_counter() - t0
    t0 = time.perf_counter()
    encode_kb(triples, engine.encoder, EmbeddingCache())
    ours = time.perf_counter() - t0
    return {"triples": len(triples), "raw_encode_s": raw, "kblam_encode_s": ours,
            "raw_triples_per_s": len(triples) / raw, "kblam_triples_per_s": len(triples) / ours,
            "overhead": ours / raw - 1, "goal_overhead_max": 0.10}


def bench_incremental(engine: KBLaM, triples: list[Triple]) -> dict:
    """Encode 10,000 triples, add one, re-encode: only the new triple's strings go through the encoder."""
    cache = EmbeddingCache()
    kb = triples[:10_000]
    encode_kb(kb, engine.encoder, cache)
    edited = kb + [Triple("Benchmark Entity", "serial number", "BX-0001-Z")]
    times = []
    for i in range(5):
        edited[-1] = Triple("Benchmark Entity", "serial number", f"BX-{i:04d}-Z")
        t0 = time.perf_counter()
        encode_kb(edited, engine.encoder, cache)
        times.append(time.perf_counter() - t0)
    return {"kb_size": len(kb), "reencode_after_one_edit_ms": 1000 * sorted(times)[2], "goal_ms_max": 100,
            "cache_misses_total": cache.misses}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0,100,1000,10000", help="KB sizes for time to first token / memory")
    parser.add_argument("--encode-n", type=int, default=2000, help="triples for the encoding throughput test")
    parser.add_argument("--adapters", default="default", help="'default', a folder, or 'none'")
    parser.add_argument("--out", default=str(RESULTS / "kblam.json"), help="output JSON")
    parser.add_argument("--parts", default="encoding,incremental,first_token",
                        help="which parts to run; the others are kept from an existing output file")
    args = parser.parse_args(argv)
    engine = KBLaM.load(adapters=None if args.adapters == "none" else args.adapters)
    pool, val = generate_kb(SyntheticConfig(n_entities=3000, seed=7))
    triples = pool + val
    parts = set(args.parts.split(","))
    out = Path(args.out)
    result = json.loads(out.read_text()) if out.is_file() else {}
    result.update({"machine": {"cpu": platform.processor() or platform.machine(),
                               "threads": torch.get_num_threads(), "load_avg": os.getloadavg()},
                   "backbone": engine.backbone.model_id, "encoder": engine.encoder.id})
    if "encoding" in parts:
        result["encoding"] = bench_encoding(engine, triples[: args.encode_n])
    if "incremental" in parts:
        result["incremental"] = bench_incremental(engine, triples)
    if "first_token" in parts:
        sizes = [int(s) for s in args.sizes.split(",")]
        window = engine.backbone.model.config.max_position_embeddings
        result["first_token"] = cost_eval(engine, triples, sizes, window)
        base = next((r for r in result["first_token"] if r["kb_size"] == 0), None)
        at_1000 = next((r for r in result["first_token"] if r["kb_size"] == 1000), None)
        if base and at_1000:
            result["ttft_ratio_1000_vs_empty"] = at_1000["kblam_first_token_s"] / base["kblam_first_token_s"]
            result["goal_ttft_ratio_max"] = 2.0
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
