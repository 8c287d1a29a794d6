"""Rectangular attention: knowledge tokens joined to a frozen Llama-family model through transformers'
attention interface, without copying any modelling code.

How it plugs in:
- an attention function and a mask function are registered under the name ``"kblam"``;
- each KB layer's attention module gets a forward pre-hook that computes the KB query
  ``q_kb = q_proj_kb(hidden_states)`` (the attention function itself never sees the hidden states);
- the KB tensors for the current forward pass live in a context variable set by :func:`kb_context`, so
  ``generate()``, streaming threads and concurrent requests each see only their own KB.

Per query token n of a KB layer, one softmax in fp32 runs over [KB logits ‖ prompt logits]:
KB logits ``q_kb·k_kb/√d (+ log C − log M) (+ prior)``, prompt logits ``q·k/√d`` with RoPE and the causal mask.
Knowledge tokens take no positions and never enter the KV cache. Query rows that are padding see nothing of the
KB (they attend to themselves only, which keeps them finite).
"""

from __future__ import annotations

import contextlib
import contextvars
import math
from collections.abc import Iterator
from dataclasses import dataclass, field

import torch
from torch import nn
from transformers import AttentionInterface
from transformers.integrations.sdpa_attention import sdpa_attention_forward
from transformers.masking_utils import AttentionMaskInterface, sdpa_mask
from transformers.models.llama.modeling_llama import repeat_kv

ATTN_NAME = "kblam"


@dataclass
class KBState:
    """The knowledge tokens of one forward pass (or one ``generate()`` call).

    keys / values: ``{layer_idx: (B_kb, M, H, d)}`` with B_kb = 1 (one KB shared by the batch) or B.
    kb_mask: ``(B_kb, M)`` bool, False for padding entries of per-sample KBs (training batches).
    prior: optional ``(B_kb, M)`` additive logits (encoder-similarity retrieval prior).
    """

    keys: dict[int, torch.Tensor]
    values: dict[int, torch.Tensor]
    kb_mask: torch.Tensor | None = None
    prior: torch.Tensor | None = None
    length_shift: float = 0.0
    record: bool = False
    queries: dict[int, torch.Tensor] = field(default_factory=dict)
    # {layer_idx: (B, T, M)} KB attention summed over heads, from the first (prefill) pass only
    attention: dict[int, torch.Tensor] = field(default_factory=dict)
    # {layer_idx: (B, T, M)} KB logits averaged over heads (for the auxiliary retrieval loss)
    logits: dict[int, torch.Tensor] = field(default_factory=dict)
    keep_logits: bool = False

    @property
    def num_triples(self) -> int:
        first = next(iter(self.keys.values()), None)
        return 0 if first is None else first.shape[1]

    def injects(self, layer: int | None) -> bool:
        """Whether this KB adds knowledge tokens at ``layer``."""
        return layer in self.keys and self.num_triples > 0


@dataclass
class BatchKB:
    """The knowledge tokens of a batch whose rows have different KBs, or none (continuous batching of requests,
    :mod:`kblam.batching`): ``groups`` pairs the row indices ``(b_g,)`` of each KB with its :class:`KBState`
    (keys/values with B_kb = 1, prior ``(b_g, M)`` or None). Rows in no group see no KB."""

    groups: list[tuple[torch.Tensor, KBState]]
    queries: dict[int, torch.Tensor] = field(default_factory=dict)

    def injects(self, layer: int | None) -> bool:
        return any(kb.injects(layer) for _, kb in self.groups)


_STATE: contextvars.ContextVar[KBState | BatchKB | None] = contextvars.ContextVar("kblam_state", default=None)


def length_shift(num_triples: int, scale: float | None) -> float:
    """The paper's ``log C − log M`` added to KB logits at inference (0 when disabled or the KB is empty)."""
    if not scale or num_triples <= 0:
        return 0.0
    return math.log(scale) - math.log(num_triples)


@contextlib.contextmanager
def kb_context(state: KBState | BatchKB | None) -> Iterator[KBState | BatchKB | None]:
    """Make ``state`` the KB of every KBLaM-attached forward pass run inside the block (this thread only)."""
    token = _STATE.set(state)
    try:
        yield state
    finally:
        _STATE.reset(token)


def current_state() -> KBState | BatchKB | None:
    return _STATE.get()


def _rows_without_keys(mask: torch.Tensor) -> torch.Tensor:
    """(B, 1, T, S) bool mask → (B, 1, T, 1) True where a query row may attend to no prompt key (padding)."""
    return ~mask.any(dim=-1, keepdim=True)


def _attend_self_if_empty(mask: torch.Tensor) -> torch.Tensor:
    """Let fully masked (padding) query rows attend to their own position, so the softmax stays finite."""
    empty = _rows_without_keys(mask)
    if not bool(empty.any()):
        return mask
    q_len, kv_len = mask.shape[-2], mask.shape[-1]
    diag = torch.zeros(q_len, kv_len, dtype=torch.bool, device=mask.device)
    idx = torch.arange(q_len, device=mask.device)
    diag[idx, kv_len - q_len + idx] = True
    return mask | (empty & diag)


def kblam_mask(*args, **kwargs) -> torch.Tensor:
    """Mask function for the ``kblam`` implementation: always an explicit boolean (B, 1, T, S) mask."""
    kwargs["allow_is_causal_skip"] = False
    kwargs.pop("dtype", None)
    return sdpa_mask(*args, **kwargs)


def rectangular_attention(
    module: nn.Module,
    query: torch.Tensor,  # (B, H, T, d), RoPE applied
    key: torch.Tensor,  # (B, H_kv, S, d), RoPE applied, cache included
    value: torch.Tensor,  # (B, H_kv, S, d)
    attention_mask: torch.Tensor | None,  # (B, 1, T, S) bool, True = attend
    scaling: float,
    dropout: float = 0.0,
    **kwargs,
) -> tuple[torch.Tensor, None]:
    """The attention function registered as ``kblam``. Layers without knowledge tokens run stock SDPA."""
    if attention_mask is None:  # only when called outside a model forward; rebuild causality
        t, s = query.shape[-2], key.shape[-2]
        attention_mask = torch.ones(t, s, dtype=torch.bool, device=query.device).tril(s - t)[None, None]
    elif attention_mask.dtype != torch.bool:
        attention_mask = attention_mask > torch.finfo(attention_mask.dtype).min / 2
    attention_mask = attention_mask[..., : key.shape[-2]]
    state = _STATE.get()
    layer = getattr(module, "layer_idx", None)
    if state is None or not state.injects(layer):
        mask = _attend_self_if_empty(attention_mask)
        kwargs.pop("is_causal", None)
        return sdpa_attention_forward(module, query, key, value, mask, dropout=dropout, scaling=scaling,
                                      is_causal=False, **kwargs)[0], None

    if isinstance(state, BatchKB):
        return _grouped_attention(module, query, key, value, attention_mask, scaling, dropout, state, layer,
                                  **kwargs), None
    q_kb = state.queries.pop(layer)  # (B, H, T, d)
    return _joint_attention(module, query, key, value, attention_mask, q_kb, state, scaling, dropout), None


def _joint_attention(module: nn.Module, query: torch.Tensor, key: torch.Tensor, value: torch.Tensor,
                     attention_mask: torch.Tensor, q_kb: torch.Tensor, state: KBState, scaling: float,
                     dropout: float) -> torch.Tensor:
    """One softmax over [KB logits ‖ prompt logits] for every query row of one KB; returns (B, T, H, d)."""
    layer = module.layer_idx
    batch = query.shape[0]
    kb_keys = state.keys[layer].expand(batch, -1, -1, -1)  # (B, M, H, d)
    kb_values = state.values[layer].expand(batch, -1, -1, -1)
    out_dtype = query.dtype
    key_full = repeat_kv(key, module.num_key_value_groups)  # (B, H, S, d)
    value_full = repeat_kv(value, module.num_key_value_groups)

    prompt_logits = torch.matmul(query.float(), key_full.float().transpose(2, 3)) * scaling  # (B, H, T, S)
    kb_logits = torch.einsum("bhtd,bmhd->bhtm", q_kb.float(), kb_keys.float()) * scaling  # (B, H, T, M)
    if state.keep_logits:
        state.logits[layer] = kb_logits.mean(dim=1)  # (B, T, M)
    kb_logits = kb_logits + state.length_shift
    if state.prior is not None:
        kb_logits = kb_logits + state.prior.expand(batch, -1)[:, None, None, :].float()

    mask = _attend_self_if_empty(attention_mask)  # (B, 1, T, S)
    neg = torch.finfo(torch.float32).min
    prompt_logits = prompt_logits.masked_fill(~mask, neg)
    kb_visible = ~_rows_without_keys(attention_mask)  # (B, 1, T, 1): padding rows see no KB
    if state.kb_mask is not None:
        kb_visible = kb_visible & state.kb_mask.expand(batch, -1)[:, None, None, :]
    kb_logits = kb_logits.masked_fill(~kb_visible, neg)

    weights = torch.softmax(torch.cat([kb_logits, prompt_logits], dim=-1), dim=-1)  # (B, H, T, M + S)
    if dropout and module.training:
        weights = nn.functional.dropout(weights, p=dropout)
    m = kb_logits.shape[-1]
    kb_weights, prompt_weights = weights[..., :m], weights[..., m:]
    if state.record and layer not in state.attention:
        state.attention[layer] = kb_weights.detach().sum(dim=1)  # (B, T, M)
    output = torch.matmul(prompt_weights, value_full.float())  # (B, H, T, d)
    output = output + torch.einsum("bhtm,bmhd->bhtd", kb_weights, kb_values.float())
    return output.to(out_dtype).transpose(1, 2).contiguous()  # (B, T, H, d)


def _grouped_attention(module: nn.Module, query: torch.Tensor, key: torch.Tensor, value: torch.Tensor,
                       attention_mask: torch.Tensor, scaling: float, dropout: float, state: BatchKB, layer: int,
                       **kwargs) -> torch.Tensor:
    """A batch whose rows have different KBs (or none): the rows of each KB take the joint softmax with that KB's
    knowledge tokens, exactly as they would alone; rows without a KB take stock SDPA. Returns (B, T, H, d)."""
    q_kb = state.queries.pop(layer)  # (B, H, T, d)
    batch, heads, t, d = query.shape
    mask = attention_mask.expand(batch, -1, -1, -1)
    out = query.new_empty(batch, t, heads, d)
    plain = torch.ones(batch, dtype=torch.bool, device=query.device)
    for rows, kb in state.groups:
        if not kb.injects(layer):
            continue
        rows = rows.to(query.device)
        out[rows] = _joint_attention(module, query[rows], key[rows], value[rows], mask[rows], q_kb[rows], kb,
                                     scaling, dropout)
        plain[rows] = False
    if bool(plain.any()):
        rest = plain.nonzero().squeeze(1)
        kwargs.pop("is_causal", None)
        out[rest] = sdpa_attention_forward(module, query[rest], key[rest], value[rest],
                                           _attend_self_if_empty(mask[rest]), dropout=dropout, scaling=scaling,
                                           is_causal=False, **kwargs)[0]
    return out


def register() -> None:
    """Register the ``kblam`` attention and mask functions with transformers (idempotent)."""
    AttentionInterface.register(ATTN_NAME, rectangular_attention)
    AttentionMaskInterface.register(ATTN_NAME, kblam_mask)


class KBQueryHook:
    """Forward pre-hook of one KB layer's attention module: computes the KB query from its hidden states."""

    def __init__(self, layer_idx: int, q_proj_kb: nn.Linear, num_heads: int, head_dim: int) -> None:
        self.layer_idx, self.q_proj_kb = layer_idx, q_proj_kb
        self.num_heads, self.head_dim = num_heads, head_dim

    def __call__(self, module: nn.Module, args: tuple, kwargs: dict) -> None:
        state = _STATE.get()
        if state is None or not state.injects(self.layer_idx):
            return None
        hidden = kwargs.get("hidden_states", args[0] if args else None)  # (B, T, hidden)
        b, t, _ = hidden.shape
        weight = self.q_proj_kb.weight
        q = self.q_proj_kb(hidden.to(weight.dtype))  # (B, T, H * d)
        state.queries[self.layer_idx] = q.view(b, t, self.num_heads, self.head_dim).transpose(1, 2)
        return None
