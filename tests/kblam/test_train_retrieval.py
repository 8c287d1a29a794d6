"""The one-layer retrieval objective: training the KB query head on cached hidden states raises the KB attention
on the asked triple (planted linear problem, no model needed)."""

from __future__ import annotations

import torch

from kblam.train_retrieval import retrieval_loss, top1


def test_training_the_query_head_finds_the_planted_triple():
    torch.manual_seed(0)
    heads, dim, hidden, m = 2, 8, 16, 20
    true = torch.randn(heads * dim, hidden)
    rows = []
    for _ in range(60):
        keys = torch.randn(m, heads, dim)
        target = int(torch.randint(m, (1,)))
        # question tokens whose true query points at the target key
        h = torch.linalg.lstsq(true, keys[target].reshape(-1, 1) * 3).solution.T.repeat(3, 1)
        rows.append((h + 0.05 * torch.randn_like(h), keys, target))
    start = torch.randn(heads * dim, hidden) * 0.01
    weight = start.clone().requires_grad_(True)
    before_loss, before_top1 = float(retrieval_loss(start, rows, heads, dim)), top1(start, rows, heads, dim)
    opt = torch.optim.Adam([weight], lr=0.05)
    for _ in range(100):
        loss = retrieval_loss(weight, rows, heads, dim)
        opt.zero_grad()
        loss.backward()
        opt.step()
    assert float(retrieval_loss(weight.detach(), rows, heads, dim)) < before_loss - 1.0
    assert top1(weight.detach(), rows, heads, dim) >= max(0.6, before_top1 + 0.4)
