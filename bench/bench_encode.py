"""KB encoding throughput per encoder back-end, and what each back-end does to retrieval and matching.

Throughput is timed in rounds (each back-end once per round, the order rotating); the ratio to fp32 is the median
of the per-round ratios, which holds better than absolute numbers while other work shares the cores.

Back-ends of the default encoder (all-MiniLM-L6-v2), all in the same run so the ratios hold on a shared machine:

* ``fp32``: sentence-transformers in float32 (the baseline);
* ``bf16``: the same model with bfloat16 weights (what ``KBLAM_ENCODER_PRECISION=auto`` picks on a CPU with
  native bf16);
* ``onnx-fp32`` / ``onnx-int8``: the model exported with ``torch.onnx`` and run by onnxruntime, as is and with
  dynamically quantised int8 weights (the route sentence-transformers' ONNX back-end takes; its own loader needs
  ``optimum``, which does not support this transformers version). Skipped when onnxruntime is not installed.

Quality, per back-end against fp32: the cosine of each embedding to fp32's, the share of KB keys whose nearest
other key is unchanged, and the question matcher (`kblam.matching`) on the OOD evaluation phrasings: the share of
questions whose chosen triples and refusal are the same as with fp32, and the per-KB figures.

    python -m bench.bench_encode [--strings 4000] [--rounds 3] [--no-matcher]

``--no-matcher`` keeps the matcher comparison of an earlier run in the output file (dated).

Writes ``bench/results/encode.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import torch

from kblam.encoder import Encoder, SentenceTransformerEncoder, cpu_has_bf16

RESULTS = Path(__file__).resolve().parent / "results"
BATCH = 64


class OnnxEncoder(Encoder):
    """MiniLM exported to ONNX and run by onnxruntime: mean pooling and normalisation as sentence-transformers."""

    def __init__(self, base: SentenceTransformerEncoder, folder: Path, *, int8: bool) -> None:
        import onnxruntime as ort

        self.id, self.dim, self.tokenizer = base.id, base.dim, base.model.tokenizer
        path = folder / "minilm.onnx"
        if not path.exists():
            _export(base, path)
        if int8:
            from onnxruntime.quantization import QuantType, quantize_dynamic

            quantised = folder / "minilm-int8.onnx"
            if not quantised.exists():
                quantize_dynamic(str(path), str(quantised), weight_type=QuantType.QInt8)
            path = quantised
        options = ort.SessionOptions()
        options.intra_op_num_threads = torch.get_num_threads()
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def encode(self, texts, *, batch_size=BATCH, progress=None):
        order = np.argsort([len(t) for t in texts])
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), batch_size):
            idx = order[start:start + batch_size]
            batch = self.tokenizer([texts[i] for i in idx], padding=True, truncation=True, max_length=256,
                                   return_tensors="np")
            mask = batch["attention_mask"].astype(np.int64)
            hidden = self.session.run(None, {"input_ids": batch["input_ids"].astype(np.int64),
                                             "attention_mask": mask})[0]
            pooled = (hidden * mask[..., None]).sum(1) / np.clip(mask.sum(1, keepdims=True), 1, None)
            out[idx] = pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-8, None)
        return out


def _export(base: SentenceTransformerEncoder, path: Path) -> None:
    class Hidden(torch.nn.Module):
        def __init__(self, model: torch.nn.Module) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask):
            return self.model(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    model = base.model[0].auto_model.float().eval()
    sample = base.model.tokenizer(["an example", "a second example text"], padding=True, return_tensors="pt")
    axes = {"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
            "hidden": {0: "batch", 1: "tokens"}}
    torch.onnx.export(Hidden(model), (sample["input_ids"], sample["attention_mask"]), str(path),
                      input_names=["input_ids", "attention_mask"], output_names=["hidden"], dynamic_axes=axes,
                      opset_version=17, dynamo=False)


def backends(folder: Path) -> dict[str, Encoder]:
    out: dict[str, Encoder] = {"fp32": SentenceTransformerEncoder("default", precision="fp32"),
                               "bf16": SentenceTransformerEncoder("default", precision="bf16")}
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        return out
    out["onnx-fp32"] = OnnxEncoder(out["fp32"], folder, int8=False)
    out["onnx-int8"] = OnnxEncoder(out["fp32"], folder, int8=True)
    return out


def throughput(encoders: dict[str, Encoder], texts: Sequence[str], rounds: int) -> dict[str, dict]:
    """Strings/s per back-end, interleaved in rounds with a rotating order; medians and ratios to fp32."""
    names = list(encoders)
    rates: dict[str, list[float]] = {n: [] for n in names}
    for enc in encoders.values():
        enc.encode(list(texts[:BATCH]))  # warm-up
    for r in range(rounds):
        for name in names[r % len(names):] + names[:r % len(names)]:
            t0 = time.perf_counter()
            encoders[name].encode(list(texts))
            rates[name].append(len(texts) / (time.perf_counter() - t0))
    ratios = {n: [x / b for x, b in zip(v, rates["fp32"], strict=True)] for n, v in rates.items()}
    return {n: {"strings_per_s": round(statistics.median(v), 1), "runs": [round(x, 1) for x in v],
                "vs_fp32": round(statistics.median(ratios[n]), 2)} for n, v in rates.items()}


def fidelity(encoders: dict[str, Encoder], texts: Sequence[str], keys: int) -> dict[str, dict]:
    """Cosine of each back-end's embeddings to fp32's, and nearest-key agreement among the first ``keys``."""
    def unit(x: np.ndarray) -> np.ndarray:
        return x / np.clip(np.linalg.norm(x, axis=1, keepdims=True), 1e-8, None)

    ref = unit(encoders["fp32"].encode(list(texts)))

    def nearest(e: np.ndarray) -> np.ndarray:
        sims = e[:keys] @ e[:keys].T
        np.fill_diagonal(sims, -2.0)
        return sims.argmax(1)

    out = {}
    for name, enc in encoders.items():
        emb = unit(enc.encode(list(texts)))
        cos = (emb * ref).sum(1)
        out[name] = {"cosine_to_fp32_mean": round(float(cos.mean()), 5), "cosine_to_fp32_min": round(float(cos.min()), 4),
                     "nearest_key_same": round(float((nearest(emb) == nearest(ref)).mean()), 4)}
    return out


def matcher(encoders: dict[str, Encoder]) -> dict[str, dict]:
    """The question matcher on the OOD evaluation phrasings with each back-end: per-KB figures and agreement."""
    from bench import match_dev
    from kblam.matching import CALIBRATED

    threshold = CALIBRATED["sentence-transformers/all-MiniLM-L6-v2"]
    kbs, qs = match_dev.ood_questions("eval")
    rows = {name: match_dev.run_option("v2", kbs, qs, {"minilm": enc}) for name, enc in encoders.items()}
    out = {}
    for name, rs in rows.items():
        same = sum(match_dev.chosen(a, threshold) == match_dev.chosen(b, threshold)
                   for a, b in zip(rs, rows["fp32"], strict=True))
        per_kb = {kb: {k: round(v, 3) for k, v in match_dev.metrics([r for r in rs if r["kb"] == kb], threshold).items()}
                  for kb in kbs}
        out[name] = {"questions": len(rs), "same_choice_as_fp32": round(same / len(rs), 4), "per_kb": per_kb}
    return out


def run(n_strings: int, rounds: int, with_matcher: bool, progress: Callable[[str], None] = print) -> dict:
    from bench._large_kb_data import synthetic_triples

    triples = synthetic_triples(n_strings // 2)
    texts = [t.key_string for t in triples] + [t.value_string for t in triples]
    with tempfile.TemporaryDirectory() as tmp:
        encoders = backends(Path(tmp))
        progress(f"back-ends: {', '.join(encoders)}; {len(texts)} strings")
        report = {"machine": {"platform": platform.platform(), "cpus": os.cpu_count(), "torch_threads":
                              torch.get_num_threads(), "cpu_bf16": cpu_has_bf16(),
                              "load_avg": os.getloadavg()},
                  "date": time.strftime("%Y-%m-%d"), "strings": len(texts), "batch_size": BATCH,
                  "throughput": throughput(encoders, texts, rounds)}
        progress(json.dumps(report["throughput"]))
        report["fidelity"] = fidelity(encoders, texts, keys=len(triples))
        progress(json.dumps(report["fidelity"]))
        if with_matcher:
            report["matcher_ood_eval"] = matcher(encoders)
    report["load_avg_after"] = os.getloadavg()
    return report


def main(argv: Sequence[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--strings", type=int, default=4000, help="key + value strings encoded per round")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--no-matcher", action="store_true", help="skip the matcher comparison on the OOD phrasings")
    p.add_argument("--out", default=str(RESULTS / "encode.json"))
    args = p.parse_args(argv)
    report = run(args.strings, args.rounds, not args.no_matcher)
    previous = json.loads(Path(args.out).read_text()) if Path(args.out).exists() else {}
    if args.no_matcher and "matcher_ood_eval" in previous:  # keep the earlier run's matcher comparison, dated
        report["matcher_ood_eval"] = previous["matcher_ood_eval"]
        report["matcher_ood_eval_date"] = previous.get("matcher_ood_eval_date", previous.get("date"))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=1) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
