"""Evaluation of KBLaM against baselines: attention retrieval per KB layer and size, answer exact match and
token-F1, refusal precision/recall, cost (time to first token, memory); JSON report and PNG plots."""

from __future__ import annotations

import logging
import random
from collections.abc import Sequence

import torch

from .encoder import Encoder
from .engine import ChatSettings, KBLaM
from .kb import Triple
from .models import Backbone

log = logging.getLogger(__name__)


def pick_kb(triples: Sequence[Triple], size: int, seed: int) -> list[Triple]:
    """A deterministic random sub-KB of ``size`` triples (whole entities are not kept together on purpose)."""
    rng = random.Random(seed)
    return rng.sample(list(triples), min(size, len(triples)))


def retrieval_accuracy(backbone: Backbone, encoder: Encoder, adapters, triples: Sequence[Triple], *,
                       kb_size: int = 100, n_questions: int = 50, seed: int = 0, mode: str = "kblam",
                       engine: KBLaM | None = None) -> dict:
    """Top-1 / top-5 accuracy of the KB attention (summed over heads and question tokens) at every KB layer,
    on simple questions about triples of a ``kb_size`` KB. Returns {"top1": {layer: acc}, "top5": …, "best_layer"}."""
    from .samples import questions_for_kb

    engine = engine or KBLaM(backbone, encoder, adapters)
    kb_triples = pick_kb(triples, kb_size, seed)
    encoded = engine.encode(kb_triples)
    questions = questions_for_kb(kb_triples, n_questions, 0, seed, kinds=("simple",))
    settings = ChatSettings(mode=mode)
    hits1: dict[int, int] = {}
    hits5: dict[int, int] = {}
    for sample in questions:
        scores = engine.attention_scores(sample.question, encoded, settings)
        for layer, s in scores.items():
            top = torch.topk(s, min(5, len(s))).indices.tolist()
            hits1[layer] = hits1.get(layer, 0) + int(top[0] in sample.targets)
            hits5[layer] = hits5.get(layer, 0) + int(any(t in sample.targets for t in top))
    n = max(1, len(questions))
    top1 = {layer: hits1[layer] / n for layer in sorted(hits1)}
    top5 = {layer: hits5[layer] / n for layer in sorted(hits5)}
    best = max(top1, key=lambda k: (top1[k], top5[k])) if top1 else None
    return {"kb_size": len(kb_triples), "n": len(questions), "mode": mode, "top1": top1, "top5": top5,
            "best_layer": best, "best_top1": top1.get(best, 0.0), "best_top5": top5.get(best, 0.0)}
