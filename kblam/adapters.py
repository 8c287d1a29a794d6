"""KBLaM's trainable parts: key/value adapters, per-KB-layer query heads, the retrieval-prior weight; their
safetensors + meta.json format; and attaching them to a frozen backbone."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import torch
from safetensors.torch import load_file, save_file
from torch import nn

from . import attention
from .errors import ArtifactMismatchError, ModelLoadError

if TYPE_CHECKING:
    from .encoder import Encoder
    from .models import Backbone

SHIPPED_ADAPTERS = Path(__file__).resolve().parent / "weights" / "smollm2-minilm"

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
WEIGHTS_FILE = "adapters.safetensors"
META_FILE = "meta.json"


@dataclass
class AdapterConfig:
    """Shapes and provenance that an adapter checkpoint must agree with to be loaded."""

    backbone_id: str
    hidden_size: int
    num_layers: int
    num_heads: int
    num_kv_heads: int
    head_dim: int
    encoder_id: str
    encoder_dim: int
    layer_frequency: int = 3
    kb_layers: list[int] = field(default_factory=list)
    prior_weight: float = 20.0  # retrieval-prior weight; learned in training, 20 makes MiniLM retrieval exact
    format_version: int = FORMAT_VERSION
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.layer_frequency < 1:
            raise ValueError(f"layer_frequency must be >= 1, got {self.layer_frequency}")
        if self.num_heads % self.num_kv_heads:
            raise ValueError(f"num_heads={self.num_heads} is not a multiple of num_kv_heads={self.num_kv_heads}")
        if not self.kb_layers:
            self.kb_layers = [i for i in range(self.num_layers) if i % self.layer_frequency == 0]
        bad = [i for i in self.kb_layers if not 0 <= i < self.num_layers]
        if bad:
            raise ValueError(f"kb_layers {bad} outside 0..{self.num_layers - 1}")

    @classmethod
    def for_backbone(cls, model: nn.Module, backbone_id: str, encoder_id: str, encoder_dim: int,
                     layer_frequency: int = 3, **kw: Any) -> AdapterConfig:
        cfg = model.config
        head_dim = getattr(cfg, "head_dim", None) or cfg.hidden_size // cfg.num_attention_heads
        return cls(backbone_id=backbone_id, hidden_size=cfg.hidden_size, num_layers=cfg.num_hidden_layers,
                   num_heads=cfg.num_attention_heads, num_kv_heads=cfg.num_key_value_heads, head_dim=head_dim,
                   encoder_id=encoder_id, encoder_dim=encoder_dim, layer_frequency=layer_frequency, **kw)

    def backbone_shape(self) -> dict[str, int]:
        return {"hidden_size": self.hidden_size, "num_layers": self.num_layers, "num_heads": self.num_heads,
                "num_kv_heads": self.num_kv_heads, "head_dim": self.head_dim}


def _dequantized_weight(linear: nn.Module) -> torch.Tensor:
    """A float copy of a (possibly bitsandbytes 4-bit or dynamic int8) linear layer's weight, shape (out, in)."""
    weight = linear.weight
    if callable(weight):  # torch.ao dynamic int8 linear: weight() returns a quantised tensor
        return weight().dequantize().float()
    quant_state = getattr(weight, "quant_state", None)
    if quant_state is not None:
        import bitsandbytes.functional as bnbf

        return bnbf.dequantize_4bit(weight.data, quant_state).float()
    return weight.detach().float()


class KBAdapters(nn.Module):
    """``W_K``/``W_V`` (encoder dim → KB layers × hidden), a LayerNorm without affine on keys, and a KB query
    head per KB layer. Knowledge tokens are per *query* head: each layer's slice is num_heads × head_dim."""

    def __init__(self, config: AdapterConfig) -> None:
        super().__init__()
        self.config = config
        n_kb, width = len(config.kb_layers), config.num_heads * config.head_dim
        self.key_adapter = nn.Linear(config.encoder_dim, n_kb * width)
        self.value_adapter = nn.Linear(config.encoder_dim, n_kb * width)
        self.key_norm = nn.LayerNorm(n_kb * width, elementwise_affine=False)
        self.query_heads = nn.ModuleDict(
            {str(i): nn.Linear(config.hidden_size, width, bias=False) for i in config.kb_layers})
        self.prior_weight = nn.Parameter(torch.tensor(float(config.prior_weight)))

    def init_query_heads_from(self, model: nn.Module) -> None:
        """Initialise each KB query head as a copy of its layer's ``q_proj`` (de-quantised if 4-bit)."""
        layers = decoder_layers(model)
        for i in self.config.kb_layers:
            q_proj = layers[i].self_attn.q_proj
            head = self.query_heads[str(i)]
            with torch.no_grad():
                head.weight.copy_(_dequantized_weight(q_proj).to(head.weight.dtype))
            bias = getattr(q_proj, "bias", None)
            bias = bias() if callable(bias) else bias  # dynamic int8 linears expose bias() as a method
            if bias is not None:
                head.bias = nn.Parameter(bias.detach().float().clone())

    def knowledge_tokens(self, key_emb: torch.Tensor, value_emb: torch.Tensor
                         ) -> tuple[dict[int, torch.Tensor], dict[int, torch.Tensor]]:
        """Encoder embeddings (…, M, P) → per-layer KB keys and values {layer: (…, M, H, d)}."""
        cfg = self.config
        dtype = self.key_adapter.weight.dtype
        keys = self.key_norm(self.key_adapter(key_emb.to(dtype)))  # (..., M, L * H * d)
        values = self.value_adapter(value_emb.to(dtype))  # (..., M, L * H * d)
        shape = (*keys.shape[:-1], len(cfg.kb_layers), cfg.num_heads, cfg.head_dim)
        keys, values = keys.view(shape), values.view(shape)  # (..., M, L, H, d)
        return ({layer: keys[..., j, :, :] for j, layer in enumerate(cfg.kb_layers)},
                {layer: values[..., j, :, :] for j, layer in enumerate(cfg.kb_layers)})

    # ---- persistence -------------------------------------------------------------------------------------------

    def save(self, directory: str | Path, *, dtype: torch.dtype = torch.float32, **extra: Any) -> Path:
        """Write ``adapters.safetensors`` (in ``dtype``; fp16 halves the size for shipping) and ``meta.json``."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        self.config.prior_weight = float(self.prior_weight.detach())
        self.config.extra.update(extra)
        tensors = {k: v.detach().to(dtype).contiguous().cpu() for k, v in self.state_dict().items()}
        save_file(tensors, str(directory / WEIGHTS_FILE), metadata={"format": "pt"})
        (directory / META_FILE).write_text(json.dumps(asdict(self.config), indent=2) + "\n")
        return directory

    @classmethod
    def load(cls, directory: str | Path, *, backbone_shape: dict[str, int] | None = None,
             backbone_id: str | None = None, encoder_id: str | None = None,
             encoder_dim: int | None = None) -> KBAdapters:
        """Load adapters; refuse (naming both sides) when they were trained for another backbone or encoder."""
        directory = Path(directory)
        meta_path = directory / META_FILE
        if not meta_path.is_file() or not (directory / WEIGHTS_FILE).is_file():
            raise ModelLoadError(f"no adapters in {directory}: expected {META_FILE} and {WEIGHTS_FILE}")
        meta = json.loads(meta_path.read_text())
        if meta.get("format_version", 0) > FORMAT_VERSION:
            raise ModelLoadError(f"adapters in {directory} use format {meta['format_version']}; "
                                 f"this version reads up to {FORMAT_VERSION}: upgrade kblam-studio")
        config = AdapterConfig(**{k: v for k, v in meta.items() if k in AdapterConfig.__dataclass_fields__})
        if backbone_shape is not None and config.backbone_shape() != backbone_shape:
            raise ArtifactMismatchError(
                f"adapters in {directory} were trained for backbone '{config.backbone_id}' "
                f"{config.backbone_shape()}, but the loaded backbone is '{backbone_id}' {backbone_shape}")
        if encoder_dim is not None and (config.encoder_dim != encoder_dim or
                                        (encoder_id and config.encoder_id != encoder_id)):
            raise ArtifactMismatchError(
                f"adapters in {directory} were trained with encoder '{config.encoder_id}' "
                f"(dim {config.encoder_dim}), but the loaded encoder is '{encoder_id}' (dim {encoder_dim})")
        adapters = cls(config)
        state = load_file(str(directory / WEIGHTS_FILE))
        for name, tensor in state.items():  # query heads may carry a bias copied from q_proj
            if name.startswith("query_heads.") and name.endswith(".bias"):
                layer = name.split(".")[1]
                adapters.query_heads[layer].bias = nn.Parameter(torch.zeros_like(tensor))
        adapters.load_state_dict({k: v.float() for k, v in state.items()})
        return adapters


def decoder_layers(model: nn.Module) -> nn.ModuleList:
    """The decoder layers of a Llama-family causal LM (``model.model.layers``)."""
    inner = getattr(model, "model", model)
    layers = getattr(inner, "layers", None)
    if layers is None:
        raise ModelLoadError(f"{type(model).__name__} has no decoder layers at .model.layers: not Llama-family")
    return layers


class Attachment:
    """Handle of adapters attached to a backbone; ``detach()`` restores the stock model."""

    def __init__(self, model: nn.Module, adapters: KBAdapters) -> None:
        self.model, self.adapters = model, adapters
        impl = model.config._attn_implementation
        self.previous_impl = "sdpa" if impl == attention.ATTN_NAME else impl
        self._hooks = []

    def detach(self) -> None:
        for hook in self._hooks:
            hook.remove()
        self._hooks.clear()
        self.model.set_attn_implementation(self.previous_impl or "sdpa")
        if getattr(self.model, "_kblam_attachment", None) is self:
            self.model._kblam_attachment = None


def attach(model: nn.Module, adapters: KBAdapters) -> Attachment:
    """Route the backbone's attention through rectangular attention and install the KB query hooks.

    Outside a :func:`attention.kb_context` block (or with an empty KB) the model computes exactly what the stock
    model computes."""
    previous = getattr(model, "_kblam_attachment", None)
    if previous is not None:
        previous.detach()
    cfg = adapters.config
    mcfg = model.config
    head_dim = getattr(mcfg, "head_dim", None) or mcfg.hidden_size // mcfg.num_attention_heads
    shape = {"hidden_size": mcfg.hidden_size, "num_layers": mcfg.num_hidden_layers,
             "num_heads": mcfg.num_attention_heads, "num_kv_heads": mcfg.num_key_value_heads,
             "head_dim": head_dim}
    if cfg.backbone_shape() != shape:
        raise ArtifactMismatchError(f"adapters for '{cfg.backbone_id}' {cfg.backbone_shape()} do not fit this "
                                    f"backbone {shape}")
    attention.register()
    handle = Attachment(model, adapters)
    model.set_attn_implementation(attention.ATTN_NAME)
    layers = decoder_layers(model)
    for i in cfg.kb_layers:
        hook = attention.KBQueryHook(i, adapters.query_heads[str(i)], cfg.num_heads, cfg.head_dim)
        handle._hooks.append(layers[i].self_attn.register_forward_pre_hook(hook, with_kwargs=True))
    model._kblam_attachment = handle
    return handle


def resolve_adapters(spec: str | Path | None, backbone: Backbone, encoder: Encoder) -> KBAdapters:
    """Adapters for this backbone and encoder: the shipped default when it fits, a folder, or fresh ones."""
    shape = backbone.shape
    if spec == "default":
        if SHIPPED_ADAPTERS.is_dir():
            cfg = KBAdapters.load(SHIPPED_ADAPTERS).config
            if cfg.backbone_shape() == shape and cfg.encoder_id == encoder.id:
                return KBAdapters.load(SHIPPED_ADAPTERS)
            log.warning("shipped adapters are for %s + %s; using untrained adapters for %s + %s",
                        cfg.backbone_id, cfg.encoder_id, backbone.model_id, encoder.id)
        else:
            log.warning("no shipped adapters found at %s; using untrained adapters", SHIPPED_ADAPTERS)
        spec = None
    if spec is not None:
        return KBAdapters.load(spec, backbone_shape=shape, backbone_id=backbone.model_id,
                               encoder_id=encoder.id, encoder_dim=encoder.dim)
    cfg = AdapterConfig.for_backbone(backbone.model, backbone.model_id, encoder.id, encoder.dim)
    adapters = KBAdapters(cfg)
    adapters.init_query_heads_from(backbone.model)
    return adapters
