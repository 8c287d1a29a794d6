"""Tiny random Llama models with the head layouts of SmolLM2 and Llama-3-8B, for the attention maths tests."""

from __future__ import annotations

import torch
from transformers import LlamaConfig, LlamaForCausalLM

from kblam.adapters import AdapterConfig, KBAdapters, attach

LAYOUTS = {
    # SmolLM2-135M: 9 query heads, 3 KV heads (3:1 GQA)
    "smollm2": dict(num_attention_heads=9, num_key_value_heads=3, hidden_size=9 * 8, head_dim=8),
    # Llama-3-8B: 32 query heads, 8 KV heads (4:1 GQA); scaled down to 8:2
    "llama3": dict(num_attention_heads=8, num_key_value_heads=2, hidden_size=8 * 8, head_dim=8),
    # 4:1 GQA with dimensions bitsandbytes' CPU 4-bit kernels accept (multiples of 32)
    "llama3-4bit": dict(num_attention_heads=8, num_key_value_heads=2, hidden_size=8 * 16, head_dim=16),
}
ENCODER_DIM = 16


def tiny_model(layout: str = "smollm2", num_layers: int = 4, seed: int = 0) -> LlamaForCausalLM:
    cfg = LlamaConfig(vocab_size=97, intermediate_size=64, num_hidden_layers=num_layers,
                      max_position_embeddings=256, pad_token_id=0, bos_token_id=1, eos_token_id=2,
                      attn_implementation="sdpa", **LAYOUTS[layout])
    model = LlamaForCausalLM(cfg).eval()
    # weights from a private generator: the global RNG may be drawn from by a thread a previous test left
    # running (a built-in-model decode sampling tokens), which made two "identical" tiny models differ
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for _, p in sorted(model.named_parameters()):
            p.copy_(torch.ones_like(p) if p.ndim == 1 else torch.randn(p.shape, generator=g) * cfg.initializer_range)
    return model


def tiny_adapters(model, layer_frequency: int = 2, seed: int = 1) -> KBAdapters:
    torch.manual_seed(seed)
    cfg = AdapterConfig.for_backbone(model, "tiny", "tiny-encoder", ENCODER_DIM, layer_frequency=layer_frequency)
    adapters = KBAdapters(cfg)
    adapters.init_query_heads_from(model)
    with torch.no_grad():  # random, non-trivial adapters
        for p in adapters.parameters():
            if p.ndim:
                p.normal_(0, 0.5)
    return adapters.eval()


def attached(layout: str = "smollm2", num_layers: int = 4):
    model = tiny_model(layout, num_layers)
    adapters = tiny_adapters(model)
    return model, adapters, attach(model, adapters)
