"""Rectangular attention on tiny random Llama models: exactness against the stock model and a naive reference."""

from __future__ import annotations

import math

import pytest
import torch
from tiny import ENCODER_DIM, attached, tiny_model

from kblam.adapters import decoder_layers
from kblam.attention import KBState, kb_context, length_shift


@pytest.fixture(autouse=True)
def no_grad():
    with torch.no_grad():
        yield


def make_state(adapters, m: int, seed: int = 3, **kw) -> KBState:
    g = torch.Generator().manual_seed(seed)
    key_emb = torch.randn(1, m, ENCODER_DIM, generator=g)
    value_emb = torch.randn(1, m, ENCODER_DIM, generator=g)
    keys, values = adapters.knowledge_tokens(key_emb, value_emb)
    return KBState(keys=keys, values=values, **kw)


def ids(batch: int = 1, length: int = 7, seed: int = 5) -> torch.Tensor:
    g = torch.Generator().manual_seed(seed)
    return torch.randint(3, 97, (batch, length), generator=g)


@pytest.mark.parametrize("layout", ["smollm2", "llama3"])
def test_empty_kb_equals_stock_model(layout):
    stock = tiny_model(layout)
    model, adapters, _ = attached(layout)
    x = ids(2, 9)
    expected = stock(x).logits
    assert torch.allclose(model(x).logits, expected, atol=1e-5)  # attached, no KB context
    with kb_context(make_state(adapters, 0)):
        assert (model(x).logits - expected).abs().max() <= 1e-5
    with kb_context(KBState(keys={}, values={})):
        assert (model(x).logits - expected).abs().max() <= 1e-5


@pytest.mark.parametrize("layout", ["smollm2", "llama3"])
def test_kb_changes_output_and_detach_restores(layout):
    stock = tiny_model(layout)
    model, adapters, handle = attached(layout)
    x = ids()
    with kb_context(make_state(adapters, 5)):
        with_kb = model(x).logits
    assert (with_kb - stock(x).logits).abs().max() > 1e-3
    handle.detach()
    assert torch.allclose(model(x).logits, stock(x).logits, atol=1e-5)


def naive_layer(attn, hidden, cos, sin, kb_keys, kb_values, q_proj_kb, shift=0.0, prior=None):
    """The DESIGN's formula, token by token and head by head, with explicit loops."""
    b, t, _ = hidden.shape
    h, d = attn.config.num_attention_heads, attn.head_dim
    groups = h // attn.config.num_key_value_heads

    def rope(x):  # x: (T, d)
        x1, x2 = x[..., : d // 2], x[..., d // 2:]
        return x * cos[0] + torch.cat((-x2, x1), dim=-1) * sin[0]

    out = torch.zeros(b, t, h * d)
    for bi in range(b):
        q = attn.q_proj(hidden[bi]).view(t, h, d)
        k = attn.k_proj(hidden[bi]).view(t, -1, d)
        v = attn.v_proj(hidden[bi]).view(t, -1, d)
        qkb = q_proj_kb(hidden[bi]).view(t, h, d)
        for head in range(h):
            qh, kh, vh = rope(q[:, head]), rope(k[:, head // groups]), v[:, head // groups]
            for n in range(t):
                kb_logits = torch.stack([qkb[n, head] @ kb_keys[0, j, head] for j in range(kb_keys.shape[1])])
                kb_logits = kb_logits / math.sqrt(d) + shift
                if prior is not None:
                    kb_logits = kb_logits + prior[0]
                p_logits = torch.stack([qh[n] @ kh[j] for j in range(n + 1)]) / math.sqrt(d)
                w = torch.softmax(torch.cat([kb_logits, p_logits]), dim=0)
                m = kb_logits.shape[0]
                out[bi, n, head * d:(head + 1) * d] = w[:m] @ kb_values[0, :, head] + w[m:] @ vh[: n + 1]
    return attn.o_proj(out)


@pytest.mark.parametrize("layout", ["smollm2", "llama3"])
def test_kb_layer_equals_naive_reference(layout):
    model, adapters, _ = attached(layout)
    layer_idx = adapters.config.kb_layers[1]
    attn = decoder_layers(model)[layer_idx].self_attn
    torch.manual_seed(0)
    t = 6
    hidden = torch.randn(1, t, model.config.hidden_size)
    pos = torch.arange(t)[None]
    cos, sin = model.model.rotary_emb(hidden, pos)
    mask = torch.ones(t, t, dtype=torch.bool).tril()[None, None]
    m = 4
    prior = torch.randn(1, m)
    state = make_state(adapters, m, length_shift=length_shift(m, 100.0), prior=prior)
    with kb_context(state):
        got = attn(hidden_states=hidden, position_embeddings=(cos, sin), attention_mask=mask)[0]
    want = naive_layer(attn, hidden, cos, sin, state.keys[layer_idx], state.values[layer_idx],
                       adapters.query_heads[str(layer_idx)], shift=length_shift(m, 100.0), prior=prior)
    assert torch.allclose(got, want, atol=1e-5), (got - want).abs().max()


def test_kb_is_permutation_invariant():
    model, adapters, _ = attached()
    x = ids()
    state = make_state(adapters, 6)
    perm = torch.randperm(6)
    permuted = KBState(keys={k: v[:, perm] for k, v in state.keys.items()},
                       values={k: v[:, perm] for k, v in state.values.items()})
    with kb_context(state):
        a = model(x).logits
    with kb_context(permuted):
        b = model(x).logits
    assert torch.allclose(a, b, atol=1e-5)


@pytest.mark.parametrize("layout", ["smollm2", "llama3"])
def test_cached_decoding_equals_uncached(layout):
    model, adapters, _ = attached(layout)
    x = ids(1, 6)
    with kb_context(make_state(adapters, 5)):
        out = model.generate(x, max_new_tokens=6, do_sample=False, use_cache=True, pad_token_id=0)
        full = model(out).logits  # one uncached pass over prompt + generated tokens
        incremental = model.generate(x, max_new_tokens=6, do_sample=False, use_cache=True, pad_token_id=0,
                                     output_logits=True, return_dict_in_generate=True)
    assert torch.equal(out, incremental.sequences)
    for step, logits in enumerate(incremental.logits):
        assert torch.allclose(logits[0], full[0, x.shape[1] - 1 + step], atol=1e-4)


def test_batch_with_left_padding_equals_members_alone():
    model, adapters, _ = attached()
    a, b = ids(1, 8, seed=1), ids(1, 5, seed=2)
    batch = torch.zeros(2, 8, dtype=torch.long)
    mask = torch.zeros(2, 8, dtype=torch.long)
    batch[0], mask[0] = a[0], 1
    batch[1, 3:], mask[1, 3:] = b[0], 1
    with kb_context(make_state(adapters, 5)):
        together = model.generate(batch, attention_mask=mask, max_new_tokens=5, do_sample=False, pad_token_id=0)
        alone_a = model.generate(a, max_new_tokens=5, do_sample=False, pad_token_id=0)
        alone_b = model.generate(b, max_new_tokens=5, do_sample=False, pad_token_id=0)
        logits_batch = model(batch, attention_mask=mask).logits
        logits_b = model(b).logits
    assert torch.equal(together[0, 8:], alone_a[0, 8:])
    assert torch.equal(together[1, 8:], alone_b[0, 5:])
    assert torch.isfinite(logits_batch).all()  # padded rows stay finite
    assert torch.allclose(logits_batch[1, 3:], logits_b[0], atol=1e-5)


def test_padded_rows_see_no_kb():
    model, adapters, _ = attached()
    state = make_state(adapters, 5, record=True)
    x = torch.tensor([[0, 0, 5, 6, 7]])
    with kb_context(state):
        model(x, attention_mask=torch.tensor([[0, 0, 1, 1, 1]]))
    for weights in state.attention.values():  # (B, T, M)
        assert weights[0, :2].abs().max() == 0
        assert weights[0, 2:].sum() > 0


def test_per_sample_kbs_with_kb_mask_match_separate_runs():
    model, adapters, _ = attached()
    x = ids(2, 6)
    full = make_state(adapters, 6)
    kb_mask = torch.tensor([[True] * 6, [True] * 3 + [False] * 3])
    batched = KBState(keys={k: v.expand(2, -1, -1, -1) for k, v in full.keys.items()},
                      values={k: v.expand(2, -1, -1, -1) for k, v in full.values.items()}, kb_mask=kb_mask)
    small = KBState(keys={k: v[:, :3] for k, v in full.keys.items()},
                    values={k: v[:, :3] for k, v in full.values.items()})
    with kb_context(batched):
        together = model(x).logits
    with kb_context(full):
        first = model(x[:1]).logits
    with kb_context(small):
        second = model(x[1:]).logits
    assert torch.allclose(together[0], first[0], atol=1e-5)
    assert torch.allclose(together[1], second[0], atol=1e-5)
