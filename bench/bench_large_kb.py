"""Large-KB benchmark: time to first token and process memory at 0 / 1K / 10K / 100K triples in the default mode
(candidate knowledge tokens above 5,000 triples), the exhaustive path as the same-run baseline where it fits,
recall of the candidate selection against the exhaustive search, encode throughput, and the time a restarted
server needs to map a stored 100K encoding back. Writes bench/results/large_kb.json.

The KBs are synthetic (kblam.synthetic; the smaller ones are prefixes of the largest). The 100K encoding is made
once by ``python -m bench._large_kb_data 100000`` (an hour on a busy 2-core machine; resumable) and cached; each
size then runs in its own process, so memory figures do not mix.

    python -m bench.bench_large_kb [--sizes 0,1000,10000,100000] [--questions 5] [--recall 200]

On a shared, oversubscribed CPU set KBLAM_BENCH_THREADS=1: two spinning torch threads make every forward pass
5-20x slower and the timings meaningless (measured here: one 31-token forward pass 0.35 s to 6 s).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import psutil
import torch

from bench._large_kb_data import CACHE, synthetic_triples
from kblam import candidates
from kblam.encoder import EncodedKB
from kblam.engine import KBLaM
from kblam.kb_cache import EncodedKBCache

RESULTS = Path(__file__).resolve().parent / "results"
LARGEST = int(os.environ.get("KBLAM_BENCH_LARGEST", "100000"))  # smaller only for a dry run of the script


def load_engine() -> KBLaM:
    engine = KBLaM.load()
    if os.environ.get("KBLAM_BENCH_EXHAUSTIVE_MAX"):  # dry runs on small KBs
        engine.exhaustive_max = candidates.EXHAUSTIVE_MAX = int(os.environ["KBLAM_BENCH_EXHAUSTIVE_MAX"])
    return engine


def rss_mb() -> float:
    return psutil.Process().memory_info().rss / 1e6


def rss_parts_mb() -> dict[str, float]:
    """Resident memory split into anonymous (heap, tensors) and file-backed pages (memory-mapped files, which
    the OS can drop and re-read) from /proc/self/status."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(("RssAnon:", "RssFile:")):
            fields[line.split(":")[0]] = int(line.split()[1]) / 1024
    return {"anon": fields.get("RssAnon", 0.0), "file": fields.get("RssFile", 0.0)}


def stored_kb(n: int, encoder_id: str) -> EncodedKB:
    """The first ``n`` triples of the cached 100K encoding, stored on their own and memory-mapped (as served)."""
    cache = EncodedKBCache(CACHE, max_bytes=4 << 30)
    triples = synthetic_triples(LARGEST)
    full = cache.load(triples, encoder_id)
    if full is None:
        raise SystemExit("no cached 100K encoding: run python -m bench._large_kb_data 100000 first")
    if n == LARGEST:
        return full
    part = cache.load(triples[:n], encoder_id)
    if part is None:
        part = cache.save(EncodedKB(triples[:n], full.key_emb[:n].clone(), full.value_emb[:n].clone(),
                                    encoder_id, full.dim))
    return part


def questions_for(kb: EncodedKB, count: int, seed: int = 0) -> list[tuple[int, str]]:
    rng = random.Random(seed)
    picks = [rng.randrange(len(kb)) for _ in range(count)]
    return [(i, f"What is the {kb.triples[i].property} of {kb.triples[i].name}?") for i in picks]


def one_size(n: int, exhaustive: bool, count: int) -> dict:
    """Time to first token and memory for one KB size in this process (run as a child by :func:`main`).

    Three timings per question, interleaved: ``kblam`` mode with one new token and refusal off (the issue's
    baseline measurement), the default ``grounded`` mode with one new token (everything before the first token:
    matching, candidate selection, the evidence pass, the prefill), and the whole default answer (its first piece
    comes after the line hold-back of the repetition stop, so it is close to the answer time)."""
    torch.set_num_threads(int(os.environ.get("KBLAM_BENCH_THREADS", "2")))
    engine = load_engine()
    if exhaustive:
        engine.exhaustive_max = 10**9
    plain = "What is the capital of France?"
    engine.answer_text(plain)  # warm-up: the model has run once before memory is measured
    rss0, parts0 = rss_mb(), rss_parts_mb()
    out: dict = {"kb_size": n, "path": "exhaustive" if exhaustive or n <= engine.exhaustive_max
                 else "candidates", "torch_threads": torch.get_num_threads()}
    if n == 0:  # the stock model on the same prompt template, no KB
        runs = [engine.answer_text(plain, max_new_tokens=1).timings["first_token_s"] for _ in range(count)]
        out.update(ttft_kblam_s=runs, ttft_default_s=runs)
    else:
        t0 = time.perf_counter()
        kb = stored_kb(n, engine.encoder.id)
        if exhaustive:
            engine.knowledge_tokens(kb)
        candidates.warm(engine, kb)
        out["prepare_s"] = time.perf_counter() - t0  # map the file, name index, property phrasings, candidate
        # index (what the server's upload worker does before a KB is "ready"); exhaustive: the knowledge tokens
        qs = questions_for(kb, count + 1)
        t0 = time.perf_counter()
        engine.answer(qs[0][1], kb)
        out["first_question_s"] = time.perf_counter() - t0
        kblam, default, answers = [], [], []
        for _, q in qs[1:]:
            kblam.append(engine.answer(q, kb, mode="kblam", max_new_tokens=1, refusal_threshold=-1.0,
                                       inject_untrained=True).timings["first_token_s"])
            default.append(engine.answer(q, kb, max_new_tokens=1).timings["first_token_s"])
            answers.append(engine.answer(q, kb))
        out.update(ttft_kblam_s=kblam, ttft_default_s=default,
                   answer_first_piece_s=[a.timings["first_token_s"] for a in answers],
                   answer_total_s=[a.timings["total_s"] for a in answers])
        out["right_triple_in_evidence"] = sum(i in [e.index for e in a.evidence]
                                              for (i, _), a in zip(qs[1:], answers, strict=True)) / count
        out["candidates_per_question"] = [a.timings.get("candidates") for a in answers]
        unknown = engine.answer("Who painted the ceiling of the Sistine Chapel?", kb)  # no KB name: plain cosine
        out["no_entity_question"] = {"first_token_s": unknown.timings["first_token_s"], "refused": unknown.refused}
    for key in ("ttft_kblam_s", "ttft_default_s", "answer_total_s"):
        if key in out:
            out[key[:-2] + "_median_s"] = statistics.median(out[key])
    parts = rss_parts_mb()
    out.update(rss_delta_mb=rss_mb() - rss0, rss_mb=rss_mb(), rss_anon_delta_mb=parts["anon"] - parts0["anon"],
               rss_file_delta_mb=parts["file"] - parts0["file"])
    return out


def recall(n: int, count: int) -> dict:
    """Candidate selection against the exhaustive search: how often the exact nearest key (brute-force cosine)
    is the index's first hit and among its ``num_candidates``, and how often the asked triple is a candidate."""
    engine = load_engine()
    kb = stored_kb(n, engine.encoder.id)
    t0 = time.perf_counter()
    candidates.build_index(kb.key_emb)
    build_s = time.perf_counter() - t0
    qs = questions_for(kb, count, seed=1)
    q_emb = engine.cache.encode(engine.encoder, [q for _, q in qs])  # (Q, P)
    keys = kb.key_emb.float().numpy()
    exact = np.argmax((q_emb / np.linalg.norm(q_emb, axis=1, keepdims=True))
                      @ (keys / np.linalg.norm(keys, axis=1, keepdims=True)).T, axis=1)
    top1 = in_k = asked = 0
    t_search = []
    for (i, q), row, best in zip(qs, q_emb, exact, strict=True):
        t0 = time.perf_counter()
        found = candidates.nearest_keys(kb, row, engine.num_candidates)
        t_search.append(time.perf_counter() - t0)
        top1 += bool(found) and found[0] == best
        in_k += int(best) in found
        view = candidates.narrow(engine, q, kb)
        asked += view is None or i in view.derived["indices"]
    return {"kb_size": n, "questions": count, "index_build_s": build_s,
            "ann_top1_equals_exact_top1": top1 / count, "exact_top1_in_candidates": in_k / count,
            "asked_triple_in_candidates": asked / count, "search_ms_median": 1000 * statistics.median(t_search),
            "exact_search_is_asked_triple": float(np.mean([b == i for (i, _), b in zip(qs, exact, strict=True)]))}


def agreement(n: int, count: int) -> dict:
    """The candidate path against the exhaustive path on the same questions and KB, in one process: the same
    top evidence triple, the same answer text, the same refusal (default mode, greedy)."""
    torch.set_num_threads(int(os.environ.get("KBLAM_BENCH_THREADS", "2")))
    engine = load_engine()
    kb = stored_kb(n, engine.encoder.id)
    candidates.warm(engine, kb)
    qs = questions_for(kb, count, seed=2)
    qs += [(-1, "Who painted the ceiling of the Sistine Chapel?"), (-1, "What is the shoe size of Mara Quill?")]
    same_top = same_text = same_refusal = 0
    for _, q in qs:
        narrowed = engine.answer(q, kb)
        limit, engine.exhaustive_max = engine.exhaustive_max, 10**9
        try:
            full = engine.answer(q, kb)
        finally:
            engine.exhaustive_max = limit
        same_top += bool(full.evidence) and bool(narrowed.evidence) and \
            full.evidence[0].index == narrowed.evidence[0].index
        same_text += full.text == narrowed.text
        same_refusal += full.refused == narrowed.refused
    total = len(qs)
    return {"kb_size": n, "questions": total, "same_top_evidence": same_top / total,
            "same_answer_text": same_text / total, "same_refusal": same_refusal / total}


def restart(n: int) -> dict:
    """A restarted server: map the stored encoding and its candidate index back (no encoding)."""
    from kblam.encoder import DEFAULT_ENCODER_ID

    triples = synthetic_triples(n)
    t0 = time.perf_counter()
    kb = EncodedKBCache(CACHE, max_bytes=4 << 30).load(triples, DEFAULT_ENCODER_ID)
    map_s = time.perf_counter() - t0
    assert kb is not None, "no stored encoding"
    index = candidates.key_index(kb)
    return {"kb_size": n, "map_embeddings_s": map_s, "with_index_s": time.perf_counter() - t0,
            "index_from_file": (kb.store_dir / candidates.INDEX_FILE).is_file(), "ntotal": index.ntotal,
            "disk_mb": sum(f.stat().st_size for f in kb.store_dir.iterdir()) / 1e6}


def encode_rate(count: int = 2000) -> dict:
    from kblam.encoder import load_encoder

    torch.set_num_threads(1)
    enc = load_encoder()
    texts = [t.key_string for t in synthetic_triples(count)]
    enc.encode(texts[:64])
    t0 = time.perf_counter()
    enc.encode(texts)
    return {"backend": "torch (sentence-transformers), 1 thread", "strings": count,
            "strings_per_s": count / (time.perf_counter() - t0)}


def load_threshold() -> int:
    return int(os.environ.get("KBLAM_BENCH_EXHAUSTIVE_MAX", candidates.EXHAUSTIVE_MAX))


def child(args: list[str]) -> dict:
    proc = subprocess.run([sys.executable, "-m", "bench.bench_large_kb", *args], capture_output=True, text=True,
                          timeout=3000, check=False)
    if proc.returncode != 0:
        return {"error": proc.stderr[-2000:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="0,1000,10000,100000")
    p.add_argument("--exhaustive-sizes", default="1000,10000", help="sizes also run on the exhaustive path")
    p.add_argument("--questions", type=int, default=5)
    p.add_argument("--recall", type=int, default=200, help="questions for the recall of the candidate selection")
    p.add_argument("--agree", type=int, default=20, help="questions for the candidate/exhaustive agreement")
    p.add_argument("--parts", default="encode,first_token,recall,agreement,restart")
    p.add_argument("--out", default=str(RESULTS / "large_kb.json"))
    p.add_argument("--one", help=argparse.SUPPRESS)  # child: "first_token:SIZE:exhaustive|candidates",
    args = p.parse_args(argv)
    if args.one:
        kind, size, *rest = args.one.split(":")
        size = int(size)
        result = (one_size(size, rest[0] == "exhaustive", args.questions) if kind == "first_token"
                  else recall(size, args.recall) if kind == "recall"
                  else agreement(size, args.questions) if kind == "agreement" else restart(size))
        print(json.dumps(result))
        return 0
    out = Path(args.out)
    result = json.loads(out.read_text()) if out.is_file() else {}
    result.update(machine={"cpu": platform.processor() or platform.machine(), "cores": os.cpu_count(),
                           "torch_threads_per_child": int(os.environ.get("KBLAM_BENCH_THREADS", "2")),
                           "load_avg_at_start": os.getloadavg(), "note": "shared 2-core machine; ratios count"},
                  date=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))
    parts = set(args.parts.split(","))
    sizes = [int(s) for s in args.sizes.split(",")]
    if "encode" in parts:
        result["encode"] = encode_rate()
        logged = CACHE / f"encode_{LARGEST}.json"  # written by the one-off encode (bench._large_kb_data)
        if logged.is_file():
            result["encode_100k"] = json.loads(logged.read_text())
    if "first_token" in parts:
        rows = [child(["--one", f"first_token:{n}:default", "--questions", str(args.questions)]) for n in sizes]
        rows += [child(["--one", f"first_token:{n}:exhaustive", "--questions", str(args.questions)])
                 for n in (int(s) for s in args.exhaustive_sizes.split(",") if s)]
        result["first_token"] = rows
    if "recall" in parts:
        result["recall"] = [child(["--one", f"recall:{n}", "--recall", str(args.recall)])
                            for n in sizes if n > load_threshold()]
    if "agreement" in parts:
        result["agreement"] = [child(["--one", f"agreement:{n}", "--questions", str(args.agree)])
                               for n in (int(s) for s in args.exhaustive_sizes.split(",") if s)]
    if "restart" in parts:
        result["restart"] = child(["--one", f"restart:{max(sizes)}"])
    result["goals"] = {"ttft_s_at_100k_max": 1.0, "rss_delta_mb_at_10k_max": 500}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
