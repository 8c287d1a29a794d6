"""GPU check of the KBLaM path: a Llama-3-8B-shaped model with random weights (no download), the rectangular
attention's equalities on the device, then time to first token, decode tokens/s and peak memory per KB size.

    python -m bench.gpu_check                       # CUDA: 8B shape in bf16, KB sizes 0,1000,10000,100000
    python -m bench.gpu_check --nf4                 # also the 4-bit NF4 path (needs bitsandbytes there)
    python -m bench.gpu_check --smoke               # CPU: a tiny config, KB sizes 0,10,100 (runs in the tests)

Writes a JSON report (``--out``, default bench/results/gpu_check.json). Random weights say nothing about answers;
they measure cost and check the maths on the device. ``bench/gpu_check.sh`` wraps it for the device machine.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path

import torch

from kblam.adapters import AdapterConfig, KBAdapters, attach
from kblam.attention import KBState, kb_context, length_shift

RESULTS = Path(__file__).resolve().parent / "results"
ENCODER_DIM = 384  # all-MiniLM-L6-v2, the default encoder
LLAMA3_8B = dict(vocab_size=128256, hidden_size=4096, intermediate_size=14336, num_hidden_layers=32,
                 num_attention_heads=32, num_key_value_heads=8, head_dim=128, max_position_embeddings=8192,
                 rope_theta=500000.0)
TINY = dict(vocab_size=97, hidden_size=64, intermediate_size=128, num_hidden_layers=4, num_attention_heads=8,
            num_key_value_heads=2, head_dim=8, max_position_embeddings=256)


def build_model(shape: dict, device: str, dtype: torch.dtype, layers: int | None = None):
    """A random-weight Llama of ``shape`` built directly on ``device`` in ``dtype`` (no fp32 copy first)."""
    from transformers import LlamaConfig, LlamaForCausalLM

    cfg = LlamaConfig(**{**shape, **({"num_hidden_layers": layers} if layers else {})}, pad_token_id=0,
                      bos_token_id=1, eos_token_id=2, attn_implementation="sdpa")
    previous = torch.get_default_dtype()
    torch.set_default_dtype(dtype)
    try:
        with torch.device(device):
            torch.manual_seed(0)
            model = LlamaForCausalLM(cfg)
    finally:
        torch.set_default_dtype(previous)
    return model.eval().requires_grad_(False)


def build_adapters(model, device: str) -> KBAdapters:
    cfg = AdapterConfig.for_backbone(model, "random-llama", "random-encoder", ENCODER_DIM)
    adapters = KBAdapters(cfg).to(device)
    adapters.init_query_heads_from(model)
    adapters.to(dtype=next(model.parameters()).dtype)
    return adapters.eval().requires_grad_(False)


def knowledge_state(adapters: KBAdapters, m: int, device: str, chunk: int = 8192, seed: int = 3) -> KBState:
    """Knowledge tokens of ``m`` random triples, made in chunks so that 100,000 triples fit the adapters' output."""
    cfg = adapters.config
    width = (1, m, cfg.num_heads, cfg.head_dim)
    dtype = adapters.key_adapter.weight.dtype
    keys = {layer: torch.empty(width, device=device, dtype=dtype) for layer in cfg.kb_layers}
    values = {layer: torch.empty(width, device=device, dtype=dtype) for layer in cfg.kb_layers}
    g = torch.Generator(device=device).manual_seed(seed)
    for start in range(0, m, chunk):
        n = min(chunk, m - start)
        k_emb = torch.randn(1, n, ENCODER_DIM, device=device, generator=g)
        v_emb = torch.randn(1, n, ENCODER_DIM, device=device, generator=g)
        k, v = adapters.knowledge_tokens(k_emb, v_emb)  # {layer: (1, n, H, d)}
        for layer in cfg.kb_layers:
            keys[layer][:, start:start + n] = k[layer]
            values[layer][:, start:start + n] = v[layer]
    return KBState(keys=keys, values=values, length_shift=length_shift(m, 100.0))


def equalities(shape: dict, device: str) -> dict:
    """The unit tests' properties on the device, in fp32 on a 2-layer slice of the shape: an empty KB gives the
    stock logits, cached decoding equals a full forward, and permuting the KB changes nothing."""
    small = {**shape, "vocab_size": min(shape["vocab_size"], 4096)}
    stock = build_model(small, device, torch.float32, layers=2)
    x = torch.randint(3, small["vocab_size"], (2, 12), device=device, generator=torch.Generator(device).manual_seed(5))
    with torch.no_grad():
        expected = stock(x).logits
        model = build_model(small, device, torch.float32, layers=2)
        adapters = build_adapters(model, device)
        attach(model, adapters)
        with kb_context(knowledge_state(adapters, 0, device)):
            empty = (model(x).logits - expected).abs().max().item()
        state = knowledge_state(adapters, 64, device)
        with kb_context(state):
            full = model(x).logits
        with kb_context(knowledge_state(adapters, 64, device)):
            out = model(x[:, :-1], use_cache=True)
        with kb_context(knowledge_state(adapters, 64, device)):
            last = model(x[:, -1:], past_key_values=out.past_key_values, use_cache=True).logits[:, -1]
        cached = (last - full[:, -1]).abs().max().item()
        perm = torch.randperm(64, device=device, generator=torch.Generator(device).manual_seed(9))
        shuffled = KBState(keys={k: v[:, perm] for k, v in state.keys.items()},
                           values={k: v[:, perm] for k, v in state.values.items()}, length_shift=state.length_shift)
        with kb_context(shuffled):
            permuted = (model(x).logits - full).abs().max().item()
    tol = 1e-3 if device.startswith("cuda") else 1e-5  # TF32 matmuls on CUDA
    result = {"empty_kb_vs_stock": empty, "cached_vs_full": cached, "permuted_kb": permuted, "tolerance": tol}
    result["ok"] = all(v <= tol for v in (empty, cached, permuted))
    return result


def _sync(device: str) -> None:
    if device.startswith("cuda"):
        torch.cuda.synchronize()


def measure(model, adapters, m: int, device: str, prompt_len: int, new_tokens: int) -> dict:
    """TTFT (one prefill) and decode tokens/s (greedy, cached) with a KB of ``m`` random triples."""
    if device.startswith("cuda"):
        torch.cuda.empty_cache()
        torch.cuda.reset_peak_memory_stats()
    state = knowledge_state(adapters, m, device) if m else None
    kb_bytes = sum(t.numel() * t.element_size() for d in (state.keys, state.values) for t in d.values()) if m else 0
    vocab = model.config.vocab_size
    x = torch.randint(3, vocab, (1, prompt_len), device=device, generator=torch.Generator(device).manual_seed(1))
    with torch.no_grad(), kb_context(state):
        warm = model(x[:, :8], use_cache=True)  # warm-up: a short prefill and a few cached steps
        for _ in range(4):
            warm = model(warm.logits[:, -1:].argmax(-1), past_key_values=warm.past_key_values, use_cache=True)
        _sync(device)
        t0 = time.perf_counter()
        out = model(x, use_cache=True)
        _sync(device)
        ttft = time.perf_counter() - t0
        past, token = out.past_key_values, out.logits[:, -1:].argmax(-1)
        t0 = time.perf_counter()
        for _ in range(new_tokens):
            out = model(token, past_key_values=past, use_cache=True)
            past, token = out.past_key_values, out.logits[:, -1:].argmax(-1)
        _sync(device)
        decode = time.perf_counter() - t0
    row = {"kb_size": m, "ttft_s": ttft, "decode_tok_s": new_tokens / decode, "kb_tokens_mb": kb_bytes / 2**20}
    if device.startswith("cuda"):
        row["peak_gpu_mb"] = torch.cuda.max_memory_allocated() / 2**20
    return row


def run(args: argparse.Namespace, save=lambda report: None) -> dict:
    """The whole check; ``save(report)`` is called after each stage so that a run stopped at its time limit still
    leaves what it measured."""
    device = "cpu" if args.smoke else args.device
    shape = TINY if args.smoke else LLAMA3_8B
    sizes = [int(s) for s in (args.sizes or ("0,10,100" if args.smoke else "0,1000,10000,100000")).split(",")]
    report: dict = {"date": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()), "device": device,
                    "torch": torch.__version__, "machine": platform.machine(), "shape": shape}
    if device.startswith("cuda"):
        report["gpu"] = torch.cuda.get_device_name(0)
    t0 = time.perf_counter()
    report["equalities"] = equalities(shape, device)
    save(report)
    dtypes = {"bf16": torch.bfloat16} if not args.smoke else {"fp32": torch.float32}
    for name, dtype in dtypes.items():
        model = build_model(shape, device, dtype)
        # the same model before the adapters are attached: what the KB hooks cost with no KB
        report[f"{name}_stock"] = measure(model, None, 0, device, args.prompt_len, args.new_tokens)
        adapters = build_adapters(model, device)
        attach(model, adapters)
        report[name] = []
        for m in sizes:
            report[name].append(measure(model, adapters, m, device, args.prompt_len, args.new_tokens))
            save(report)
        del model, adapters
    if args.nf4:
        report["nf4"] = nf4_rows(shape, device, sizes, args)
        save(report)
    report["seconds"] = time.perf_counter() - t0
    return report


def nf4_rows(shape: dict, device: str, sizes: list[int], args: argparse.Namespace) -> list[dict] | dict:
    """The 4-bit path: the random bf16 model's linear layers replaced by bitsandbytes NF4 ones."""
    try:
        import bitsandbytes as bnb
    except ImportError as exc:
        return {"skipped": f"bitsandbytes not importable: {exc}"}
    model = build_model(shape, device, torch.bfloat16)
    for layer in model.model.layers:
        for parent in (layer.self_attn, layer.mlp):
            for name, child in list(parent.named_children()):
                if isinstance(child, torch.nn.Linear):
                    q = bnb.nn.Linear4bit(child.in_features, child.out_features, bias=child.bias is not None,
                                          compute_dtype=torch.bfloat16, quant_type="nf4")
                    q.weight = bnb.nn.Params4bit(child.weight.data.cpu(), requires_grad=False, quant_type="nf4")
                    setattr(parent, name, q.to(device))
    adapters = build_adapters(model, device)
    attach(model, adapters)
    return [measure(model, adapters, m, device, args.prompt_len, args.new_tokens) for m in sizes]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--smoke", action="store_true", help="tiny config on CPU (seconds); used by the test suite")
    p.add_argument("--device", default="cuda", help="device for the full check")
    p.add_argument("--sizes", default=None, help="KB sizes, comma-separated")
    p.add_argument("--prompt-len", type=int, default=64)
    p.add_argument("--new-tokens", type=int, default=32)
    p.add_argument("--nf4", action="store_true", help="also measure 4-bit NF4 (bitsandbytes)")
    p.add_argument("--out", default=str(RESULTS / "gpu_check.json"))
    args = p.parse_args(argv)
    if not args.smoke and args.device.startswith("cuda") and not torch.cuda.is_available():
        print("error: no CUDA device here; use --smoke for the CPU check", flush=True)
        return 2
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)

    def save(report: dict) -> None:
        out.write_text(json.dumps(report, indent=2) + "\n")
        print(f"[{time.perf_counter() - started:.0f}s] saved {', '.join(report)}", flush=True)

    started = time.perf_counter()
    report = run(args, save)
    save(report)
    print(json.dumps(report, indent=2), flush=True)
    return 0 if report["equalities"]["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
