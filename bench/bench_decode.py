"""Decode speed of the backbone per weight precision (fp32 / bf16 / int8), all in the same run.

The same prompt is decoded greedily for a fixed number of new tokens with an empty KB and with a 100-triple KB
(the knowledge tokens join the rectangular attention at every KB layer). On a shared machine absolute numbers
drift, so the precisions are interleaved in rounds (rotating the order) and the report keeps medians of the
tokens/s and of the per-round ratios to fp32. Decode speed is timed from the first to the last generated token
(the prefill is excluded). Writes ``bench/results/decode.json``.

    python -m bench.bench_decode [--precisions fp32,bf16,int8] [--rounds 5] [--new-tokens 32]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from pathlib import Path

import torch
from transformers import LogitsProcessor, LogitsProcessorList

from kblam import attention
from kblam.encoder import load_encoder
from kblam.engine import KBLaM, resolve_adapters
from kblam.models import load_backbone
from kblam.synthetic import SyntheticConfig, generate_kb
from studio_core.defaults import DEFAULT_BACKBONE, DEFAULT_ENCODER

RESULTS = Path(__file__).resolve().parent / "results"
QUESTION = "What is the founding year of Quorvex Dynamics? Answer in one detailed paragraph."


class StepClock(LogitsProcessor):
    """Records the time at which each decoding step's logits arrive (one call per generated token)."""

    def __init__(self) -> None:
        self.times: list[float] = []

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        self.times.append(time.perf_counter())
        return scores


def decode_once(engine: KBLaM, encoded, new_tokens: int) -> tuple[float, list[int]]:
    """Greedy decode of exactly ``new_tokens`` tokens; returns (decode tokens/s, generated ids)."""
    inputs, _ = engine._inputs(QUESTION, None)
    state = None
    if encoded is not None and len(encoded):
        keys, values = engine.knowledge_tokens(encoded)
        prior = (float(engine.adapters.prior_weight) * engine.similarity(QUESTION, encoded))[None]
        state = attention.KBState(keys=keys, values=values, prior=prior.to(engine.backbone.device),
                                  length_shift=attention.length_shift(len(encoded), 100.0))
    clock = StepClock()
    with torch.no_grad(), attention.kb_context(state):
        out = engine.backbone.model.generate(**inputs, max_new_tokens=new_tokens, min_new_tokens=new_tokens,
                                             do_sample=False, logits_processor=LogitsProcessorList([clock]),
                                             pad_token_id=engine.backbone.tokenizer.pad_token_id)
    steps = len(clock.times) - 1
    rate = steps / (clock.times[-1] - clock.times[0])
    return rate, out[0, inputs["input_ids"].shape[1]:].tolist()


def machine_info() -> dict:
    return {"platform": platform.platform(), "processor": platform.processor() or platform.machine(),
            "cpu_count": os.cpu_count(), "torch": torch.__version__, "torch_threads": torch.get_num_threads(),
            "loadavg_start": list(os.getloadavg())}


def load_engines(precisions: list[str], backbone: str, encoder_name: str) -> dict[str, KBLaM]:
    encoder = load_encoder(encoder_name)
    engines = {}
    for precision in precisions:
        bb = load_backbone(backbone, device="cpu", precision=precision)
        adapters = resolve_adapters("default", bb, encoder)
        adapters.to(dtype=torch.float32).eval().requires_grad_(False)
        engines[precision] = KBLaM(bb, encoder, adapters)
    return engines


def summarise(rates: dict, tokens: dict, precisions: list[str]) -> dict:
    """Medians of tokens/s and of the per-round ratios to the first precision, and greedy-token agreement."""
    base = precisions[0]
    result: dict = {}
    for p in precisions:
        result[p] = {}
        for kb_name, values in rates[p].items():
            ratios = [a / b for a, b in zip(values, rates[base][kb_name], strict=False)]
            same = sum(a == b for a, b in zip(tokens[p][kb_name], tokens[base][kb_name], strict=False))
            result[p][kb_name] = {"tok_s_median": statistics.median(values), "tok_s_all": values,
                                  f"ratio_vs_{base}_median": statistics.median(ratios),
                                  f"greedy_tokens_equal_to_{base}": f"{same}/{len(tokens[base][kb_name])}"}
    return result


def run(precisions: list[str], rounds: int, new_tokens: int, kb_size: int, write) -> dict:
    engines = load_engines(precisions, DEFAULT_BACKBONE, DEFAULT_ENCODER)
    triples = generate_kb(SyntheticConfig(seed=0))[1][:kb_size]
    kbs = {"kb0": None, f"kb{kb_size}": next(iter(engines.values())).encode(triples)}
    rates: dict[str, dict[str, list[float]]] = {p: {k: [] for k in kbs} for p in precisions}
    tokens: dict[str, dict[str, list[int]]] = {p: {} for p in precisions}
    loads = []
    for p in precisions:  # warm-up
        decode_once(engines[p], None, 4)
    print(f"loaded {', '.join(precisions)}; {rounds} rounds of {new_tokens} tokens", flush=True)
    for r in range(rounds):
        order = precisions[r % len(precisions):] + precisions[:r % len(precisions)]
        for kb_name, encoded in kbs.items():
            for p in order:
                rate, ids = decode_once(engines[p], encoded, new_tokens)
                rates[p][kb_name].append(rate)
                tokens[p][kb_name] = ids
        loads.append(os.getloadavg()[0])
        print(f"round {r + 1}/{rounds}: " + ", ".join(f"{p} {rates[p]['kb0'][-1]:.1f}" for p in precisions)
              + f" tok/s (kb0), load {loads[-1]:.1f}", flush=True)
        write({"results": summarise(rates, tokens, precisions), "rounds_done": r + 1, "loadavg_per_round": loads})
    return {"results": summarise(rates, tokens, precisions), "rounds_done": rounds, "loadavg_per_round": loads}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--precisions", default="fp32,bf16,int8", help="comma-separated; the first is the baseline")
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--new-tokens", type=int, default=32)
    p.add_argument("--kb-size", type=int, default=100)
    p.add_argument("--out", default=str(RESULTS / "decode.json"))
    args = p.parse_args(argv)
    precisions = [x for x in args.precisions.split(",") if x]
    info = machine_info()
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    head = {"benchmark": "decode tokens/s per backbone precision (same run, interleaved rounds, medians)",
            "date": started, "machine": info,
            "config": {"precisions": precisions, "rounds": args.rounds, "new_tokens": args.new_tokens,
                       "kb_size": args.kb_size, "prompt": QUESTION, "greedy": True, "backbone": DEFAULT_BACKBONE},
            "goal": "int8 or bf16 >= 3x fp32 decode tokens/s"}

    def write(partial: dict) -> None:  # after every round, so a cut-short run still leaves its figures
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps({**head, "loadavg_end": list(os.getloadavg()), **partial}, indent=2)
                                  + "\n")

    report = run(precisions, args.rounds, args.new_tokens, args.kb_size, write)
    write(report)
    print(json.dumps(report["results"], indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
