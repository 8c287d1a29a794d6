"""Backbone precisions (fp32 / bf16 / int8 weights with bf16 activations) on tiny random Llama models: each loads through
``load_backbone``, the KB path keeps its equalities at that precision, and lowered weights stay close to fp32."""

from __future__ import annotations

import pytest
import torch
from tiny import ENCODER_DIM, tiny_adapters, tiny_model

from kblam import models
from kblam.adapters import attach
from kblam.attention import KBState, kb_context
from kblam.errors import ModelLoadError

# measured on these tiny models: int8 0.024, bf16 0.005 max |logit diff| for logits of magnitude ~0.6
INT8_ATOL, BF16_ATOL = 0.08, 0.03


@pytest.fixture(autouse=True)
def no_grad():
    with torch.no_grad():
        yield


def _tiny_folder(path):
    """A tiny random Llama saved with a word-level tokenizer, so ``load_backbone`` can load it like any folder."""
    from tokenizers import Tokenizer
    from tokenizers.models import WordLevel
    from tokenizers.pre_tokenizers import Whitespace
    from transformers import PreTrainedTokenizerFast

    vocab = {"<pad>": 0, "<s>": 1, "</s>": 2, **{f"w{i}": i for i in range(3, 97)}}
    raw = Tokenizer(WordLevel(vocab, unk_token="<pad>"))
    raw.pre_tokenizer = Whitespace()
    tok = PreTrainedTokenizerFast(tokenizer_object=raw, pad_token="<pad>", bos_token="<s>", eos_token="</s>")
    tiny_model(num_layers=2).save_pretrained(path)
    tok.save_pretrained(path)
    return str(path)


def _kb_state(adapters, m: int = 5) -> KBState:
    g = torch.Generator().manual_seed(3)
    keys, values = adapters.knowledge_tokens(torch.randn(1, m, ENCODER_DIM, generator=g),
                                             torch.randn(1, m, ENCODER_DIM, generator=g))
    return KBState(keys=keys, values=values)


def _ids() -> torch.Tensor:
    return torch.randint(3, 97, (2, 9), generator=torch.Generator().manual_seed(5))


@pytest.mark.parametrize("precision", ["fp32", "bf16", "int8"])
def test_each_precision_loads_a_tiny_llama(tmp_path, precision):
    bb = models.load_backbone(_tiny_folder(tmp_path), device="cpu", precision=precision)
    assert bb.precision == precision
    q_proj = bb.model.model.layers[0].self_attn.q_proj
    if precision == "int8":
        assert isinstance(q_proj, models.Int8WeightLinear) and q_proj.weight_int8.dtype == torch.int8
        assert isinstance(bb.model.lm_head, models.Int8WeightLinear)
        assert bb.model.model.embed_tokens.weight.dtype == torch.bfloat16  # untied: the table stays a float table
    else:
        assert q_proj.weight.dtype == (torch.bfloat16 if precision == "bf16" else torch.float32)
    logits = bb.model(_ids()).logits
    assert logits.shape == (2, 9, 97) and torch.isfinite(logits).all()


@pytest.mark.parametrize("precision", ["fp32", "bf16", "int8"])
def test_empty_kb_equals_stock_model_at_that_precision(precision):
    stock = models.apply_precision(tiny_model(), precision)
    model = models.apply_precision(tiny_model(), precision)
    adapters = tiny_adapters(model)  # fp32 adapters, as the engine keeps them on CPU
    attach(model, adapters)
    x = _ids()
    expected = stock(x).logits.float()
    # rectangular attention computes in fp32 and casts back, sdpa in bf16 computes in bf16: one bf16 rounding apart
    atol = 2e-2 if precision == "bf16" else 1e-5
    assert (model(x).logits.float() - expected).abs().max() <= atol
    with kb_context(KBState(keys={}, values={})):
        assert (model(x).logits.float() - expected).abs().max() <= atol
    with kb_context(_kb_state(adapters)):
        assert (model(x).logits.float() - expected).abs().max() > 1e-3  # the KB does reach the output


@pytest.mark.parametrize(("precision", "atol"), [("bf16", BF16_ATOL), ("int8", INT8_ATOL)])
def test_lowered_precision_logits_close_to_fp32_with_a_kb(precision, atol):
    """Logits at bf16 / int8 stay near fp32's with a KB in attention; greedy decoding with the KB runs."""
    ref = tiny_model()
    adapters = tiny_adapters(ref)
    attach(ref, adapters)
    low = models.apply_precision(tiny_model(), precision)
    attach(low, adapters)  # the same fp32 adapters: same knowledge tokens and KB query heads
    state = _kb_state(adapters)
    x = _ids()
    with kb_context(state):
        expected = ref(x).logits
        got = low(x).logits.float()
    assert (got - expected).abs().max() <= atol
    assert (got - expected).abs().max() > 0  # the weights really are lowered
    with kb_context(state):  # greedy decoding with the KB still runs (cache + rectangular attention)
        out = low.generate(x[:1], max_new_tokens=4, do_sample=False, pad_token_id=0)
    assert out.shape == (1, 13)


def test_precision_choices_and_errors(monkeypatch):
    from kblam import encoder

    cpu, cuda = torch.device("cpu"), torch.device("cuda")
    monkeypatch.delenv("KBLAM_PRECISION", raising=False)
    monkeypatch.setattr(encoder, "cpu_has_bf16", lambda: True)
    assert models.resolve_precision("auto", cpu, "none") == models.CPU_AUTO_PRECISION == "int8"
    monkeypatch.setattr(encoder, "cpu_has_bf16", lambda: False)
    assert models.resolve_precision("auto", cpu, "none") == "fp32"  # bf16 activations would be emulated
    assert models.resolve_precision("auto", cuda, "none") == "auto"  # CUDA keeps bf16 / 4-bit as before
    assert models.resolve_precision("BF16", cpu, "none") == "bf16"
    monkeypatch.setenv("KBLAM_PRECISION", "int8")
    assert models.resolve_precision(None, cpu, "none") == "int8"
    with pytest.raises(ModelLoadError, match="precision must be one of"):
        models.resolve_precision("fp8", cpu, "none")
    with pytest.raises(ModelLoadError, match="CPU only"):
        models.resolve_precision("int8", cuda, "none")
    with pytest.raises(ModelLoadError, match="4-bit"):
        models.resolve_precision("bf16", cuda, "4bit")


# ---- encoder precision ------------------------------------------------------------------------------------------

def test_encoder_precision_auto_follows_the_cpu_and_rejects_unknown_values(monkeypatch):
    from kblam import encoder

    monkeypatch.delenv("KBLAM_ENCODER_PRECISION", raising=False)
    monkeypatch.setattr(encoder, "cpu_has_bf16", lambda: True)
    assert encoder.resolve_encoder_precision(None, "cpu") == "bf16"
    assert encoder.resolve_encoder_precision("auto", "cuda") == "fp32"
    monkeypatch.setattr(encoder, "cpu_has_bf16", lambda: False)
    assert encoder.resolve_encoder_precision("auto", "cpu") == "fp32"  # emulated bf16 would be slower
    monkeypatch.setenv("KBLAM_ENCODER_PRECISION", "bf16")
    assert encoder.resolve_encoder_precision(None, "cpu") == "bf16"
    with pytest.raises(ModelLoadError, match="encoder precision must be one of"):
        encoder.resolve_encoder_precision("int4", "cpu")


@pytest.mark.realmodel
def test_bf16_encoder_embeddings_stay_at_the_fp32_ones():
    """MiniLM with bf16 weights: float32 embeddings within a cosine of 0.999 of fp32's, same nearest key."""
    import numpy as np

    from kblam.encoder import SentenceTransformerEncoder

    texts = ["the founding year of Quorvex Dynamics", "the home stadium of Havis Comets",
             "the code point of Roman numeral four", "What is the UTC offset of Asia/Tokyo?"]
    fp32 = SentenceTransformerEncoder("default", precision="fp32")
    bf16 = SentenceTransformerEncoder("default", precision="bf16")
    a, b = fp32.encode(texts), bf16.encode(texts)
    assert b.dtype == np.float32 and bf16.id == fp32.id
    assert next(bf16.model.parameters()).dtype == torch.bfloat16
    cos = (a * b).sum(1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))
    assert cos.min() > 0.999
    assert ((a[:3] @ a[3]).argmax()) == ((b[:3] @ b[3]).argmax())


def test_int8_rows_do_not_depend_on_the_rest_of_the_batch():
    """Int8 weights with unquantised activations: a row's logits are the same alone and batched with others (the
    batching scheduler decodes concurrent requests together; they must not move each other's tokens)."""
    for layout in ("llama3-4bit", "smollm2"):  # widths the packed kernel takes (128), and 72 (the fallback)
        model = models.apply_precision(tiny_model(layout), "int8")
        x = _ids()
        batch = torch.cat([x, torch.randint(3, 97, (3, 9), generator=torch.Generator().manual_seed(9))], dim=0)
        alone = model(x[:1]).logits
        together = model(batch).logits[:1]
        assert torch.equal(alone, together), layout


def test_gradients_flow_through_int8_linears_to_their_inputs():
    """Adapters are trained through the frozen backbone: an int8 linear passes the gradient to its input (the
    packed kernel has no derivative of its own)."""
    from torch import nn

    linear = nn.Linear(128, 32, bias=False)
    layer = models.Int8WeightLinear(linear)
    x = torch.randn(3, 128, dtype=torch.bfloat16, requires_grad=True)
    with torch.enable_grad():
        layer(x).float().sum().backward()
    expected = layer.weight.float().sum(0)  # d(sum(x W^T))/dx = the column sums of W, for every row
    assert x.grad is not None and torch.allclose(x.grad.float(), expected.expand(3, -1), atol=0.05)
