"""A retrieval objective at one KB layer (SR-KI's idea): train that layer's KB query head alone so that plain KBLaM
attention picks the asked triple, over hidden states computed once.

The hidden states that enter a KB layer depend only on the layers below it, so they can be computed once per
(question, KB) with the backbone frozen and the other adapters fixed, and cached. The layer's KB query head (a
linear map from those hidden states to per-head queries) is then trained alone against the layer's knowledge-token
keys: the loss is the negative log of the KB attention the question tokens give the asked triple (softmax over the
KB per head and token, averaged), which is what the retrieval figures rank by. An L2 pull toward the head's
starting weights keeps the layer close to what the answer path was trained with.

    python -m kblam.train_retrieval --adapters kblam/weights/smollm2-minilm --out runs/retrieval-head
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import time
from pathlib import Path

import torch

from .adapters import decoder_layers
from .chat_types import ChatSettings

log = logging.getLogger(__name__)


def collect(engine, triples, *, n_kbs: int, per_kb: int, kb_size: int, layer: int, seed: int) -> list[tuple]:
    """(question hidden states (T, hidden), the layer's keys (M, H, d), target index) per training question."""
    from .evaluate import pick_kb
    from .samples import questions_for_kb

    captured: dict[str, torch.Tensor] = {}

    def grab(module, args, kwargs):
        captured.setdefault("h", kwargs.get("hidden_states", args[0] if args else None).detach()[0].float())

    handle = decoder_layers(engine.backbone.model)[layer].self_attn.register_forward_pre_hook(grab, with_kwargs=True)
    rows = []
    try:
        for k in range(n_kbs):
            kb_triples = pick_kb(triples, kb_size, seed + k)
            encoded = engine.encode(kb_triples)
            keys = engine.knowledge_tokens(encoded)[0][layer][0].float()  # (M, H, d)
            for q in questions_for_kb(kb_triples, per_kb, 0, seed + k, kinds=("simple", "open")):
                captured.clear()
                engine.attention_scores(q.question, encoded, ChatSettings(mode="kblam"))
                _, span = engine._inputs(q.question, None)
                rows.append((captured["h"][span], keys, q.targets[0]))
    finally:
        handle.remove()
    return rows


def kb_attention(weight: torch.Tensor, hidden: torch.Tensor, keys: torch.Tensor, num_heads: int,
                 head_dim: int) -> torch.Tensor:
    """The KB attention (H, T, M) of the question tokens with the query head ``weight``: softmax over the KB."""
    q = (hidden @ weight.T).view(hidden.shape[0], num_heads, head_dim)  # (T, H, d)
    return torch.softmax(torch.einsum("thd,mhd->htm", q, keys) / head_dim ** 0.5, dim=-1)


def retrieval_loss(weight: torch.Tensor, rows: list[tuple], num_heads: int, head_dim: int) -> torch.Tensor:
    losses = [-torch.log(kb_attention(weight, hidden, keys, num_heads, head_dim)[..., target].mean().clamp_min(1e-9))
              for hidden, keys, target in rows]
    return torch.stack(losses).mean()


def top1(weight: torch.Tensor, rows: list[tuple], num_heads: int, head_dim: int) -> float:
    hits = 0
    with torch.no_grad():
        for hidden, keys, target in rows:
            p = kb_attention(weight, hidden, keys, num_heads, head_dim).sum(dim=(0, 1))
            hits += int(p.argmax()) == target
    return hits / max(1, len(rows))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m kblam.train_retrieval", description=__doc__.split("\n\n")[0])
    ap.add_argument("--adapters", default="kblam/weights/smollm2-minilm")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--layer", type=int, default=15)
    ap.add_argument("--kbs", type=int, default=24)
    ap.add_argument("--per-kb", type=int, default=40)
    ap.add_argument("--kb-size", type=int, default=100)
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--lr", type=float, default=3e-4)
    ap.add_argument("--pull", type=float, default=1.0, help="L2 weight toward the starting head")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    from .engine import KBLaM
    from .synthetic import SyntheticConfig, generate_kb

    engine = KBLaM.load(adapters=args.adapters, precision="fp32")
    cfg = engine.adapters.config
    train_triples, held_out = generate_kb(SyntheticConfig(seed=0))[:2]
    t0 = time.time()
    cache = args.out / f"hidden_L{args.layer}_{args.kbs}x{args.per_kb}_{args.kb_size}_s{args.seed}.pt"
    if cache.exists():  # a re-run with other training settings reuses the collected hidden states
        rows, test = torch.load(cache)
    else:
        rows = collect(engine, train_triples, n_kbs=args.kbs, per_kb=args.per_kb, kb_size=args.kb_size,
                       layer=args.layer, seed=args.seed)
        test = collect(engine, held_out, n_kbs=2, per_kb=50, kb_size=args.kb_size, layer=args.layer, seed=1000)
        args.out.mkdir(parents=True, exist_ok=True)
        torch.save((rows, test), cache)
    log.info("collected %d training and %d held-out questions in %.0f s", len(rows), len(test), time.time() - t0)
    head = engine.adapters.query_heads[str(args.layer)]
    start = head.weight.detach().float().clone()
    weight = start.clone().requires_grad_(True)
    opt = torch.optim.Adam([weight], lr=args.lr)
    before = {"train_top1": top1(start, rows, cfg.num_heads, cfg.head_dim),
              "held_out_top1": top1(start, test, cfg.num_heads, cfg.head_dim)}
    log.info("before %s", before)
    rng = random.Random(args.seed)
    history = []
    for epoch in range(args.epochs):
        rng.shuffle(rows)
        for i in range(0, len(rows), 32):
            loss = retrieval_loss(weight, rows[i:i + 32], cfg.num_heads, cfg.head_dim)
            loss = loss + args.pull * ((weight - start) ** 2).sum() / start.pow(2).sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
        history.append({"epoch": epoch, "loss": round(loss.item(), 4),
                        "held_out_top1": top1(weight.detach(), test, cfg.num_heads, cfg.head_dim)})
        log.info("%s", history[-1])
    with torch.no_grad():
        head.weight.copy_(weight.detach().to(head.weight.dtype))
    after = {"train_top1": top1(weight.detach(), rows, cfg.num_heads, cfg.head_dim),
             "held_out_top1": top1(weight.detach(), test, cfg.num_heads, cfg.head_dim)}
    extra = dict(cfg.extra)
    extra["retrieval_head"] = {"layer": args.layer, "questions": len(rows), "epochs": args.epochs, "lr": args.lr,
                               "pull": args.pull, "before": before, "after": after, "history": history}
    engine.adapters.save(args.out, dtype=torch.float16, **extra)
    print(json.dumps({"before": before, "after": after}))


if __name__ == "__main__":
    main()
