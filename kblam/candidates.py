"""Candidate knowledge tokens for large KBs: the few hundred triples a question can be about, chosen before the
rectangular attention, so that a question's cost grows sub-linearly with the KB.

Up to :data:`EXHAUSTIVE_MAX` triples every knowledge token joins the attention (the paper's exhaustive path).
Above it a question attends to a *view* of the KB (:func:`narrow`) made of

- the ``k`` keys closest to the question by the frozen encoder (cosine), found with an inverted-file index over
  the key embeddings (faiss ``IVF,Flat``, inner product on normalised vectors: the keys are clustered by
  k-means, a question scans the ``nprobe`` closest clusters; AtlasKV's hierarchical key pruning in its simplest
  form, with a maintained library doing the clustering and the search);
- every triple of each KB entity the question names (:func:`matching.name_index`, capped per entity), and the
  triples the question matcher chose on the whole KB, so the triples that grounded mode writes into the prompt
  are always among the candidates.

The question is matched against the whole KB (entity names, near misses, the answerability score) exactly as on
the exhaustive path; only the knowledge tokens are narrowed. The KB logits keep the length shift of the whole KB
(``log C − log M`` with the full M), so each kept token gets the logit it has on the exhaustive path. Indices in
the answer (evidence, attention) are mapped back to the whole KB (:func:`remap`).

The index is built once per encoded KB (seconds at 100,000 triples) and saved beside its memory-mapped
embeddings (:mod:`kblam.kb_cache`), from where it is read back memory-mapped after a restart."""

from __future__ import annotations

import dataclasses
import logging
import math
from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np
import torch

from . import matching
from .encoder import EncodedKB

if TYPE_CHECKING:
    from .engine import Answer, KBLaM

log = logging.getLogger(__name__)

EXHAUSTIVE_MAX = 5000  # KBs up to this size attend to every knowledge token
NUM_CANDIDATES = 256  # nearest keys per question above it
MAX_PER_ENTITY = 256  # triples of one named entity added to the candidates
NPROBE = 16  # clusters scanned per question
INDEX_FILE = "keys.ivf.faiss"


def _normalised(x: np.ndarray) -> np.ndarray:
    x = np.ascontiguousarray(x, dtype=np.float32)
    return x / np.clip(np.linalg.norm(x, axis=1, keepdims=True), 1e-8, None)


def build_index(key_emb: torch.Tensor, *, seed: int = 0):
    """An IVF index (inner product) over the normalised key embeddings, about sqrt(M) clusters."""
    import faiss

    keys = _normalised(key_emb.float().numpy())  # (M, P)
    m, dim = keys.shape
    nlist = max(1, min(int(math.sqrt(m)), m // 39))
    index = faiss.index_factory(dim, f"IVF{nlist},Flat", faiss.METRIC_INNER_PRODUCT)
    rng = np.random.default_rng(seed)
    sample = keys if m <= 64 * nlist else keys[np.sort(rng.choice(m, 64 * nlist, replace=False))]
    index.cp.seed = seed
    index.train(sample)
    index.add(keys)
    index.nprobe = min(NPROBE, nlist)
    return index


def key_index(kb: EncodedKB):
    """The candidate index of ``kb``: cached on it, else read from its store folder (memory-mapped), else built
    (and saved there when the KB came from the disk cache)."""
    cached = kb.derived.get("key_index")
    if cached is not None:
        return cached
    import faiss

    path = kb.store_dir / INDEX_FILE if kb.store_dir is not None else None
    index = None
    if path is not None and path.is_file():
        try:
            index = faiss.read_index(str(path), faiss.IO_FLAG_MMAP | faiss.IO_FLAG_READ_ONLY)
            if index.ntotal != len(kb) or index.d != kb.dim:
                log.warning("candidate index %s does not fit its KB; rebuilding", path)
                index = None
        except RuntimeError as exc:
            log.warning("unreadable candidate index %s (%s); rebuilding", path, exc)
            index = None
    if index is None:
        index = build_index(kb.key_emb)
        if path is not None:
            tmp = path.with_suffix(".tmp")
            faiss.write_index(index, str(tmp))
            tmp.replace(path)
    index.nprobe = min(NPROBE, index.nlist) if hasattr(index, "nlist") else NPROBE
    kb.derived["key_index"] = index
    return index


def nearest_keys(kb: EncodedKB, query: np.ndarray, k: int) -> list[int]:
    """Indices of the ``k`` keys closest to ``query`` (P,) by cosine, from the index (approximate)."""
    _, ids = key_index(kb).search(_normalised(query.reshape(1, -1)), min(k, len(kb)))
    return [int(i) for i in ids[0] if i >= 0]


def subset(kb: EncodedKB, indices: list[int]) -> EncodedKB:
    """A view of ``kb`` holding the triples at ``indices`` (ascending); ``derived`` records the whole KB."""
    idx = torch.tensor(indices, dtype=torch.long)
    view = EncodedKB([kb.triples[i] for i in indices], kb.key_emb[idx].float(), kb.value_emb[idx].float(),
                     kb.encoder_id, kb.dim)
    view.derived.update(parent=kb, indices=indices)
    return view


def full_size(kb: EncodedKB) -> int:
    """The size of the whole KB a view was taken from (the KB's own size otherwise)."""
    parent = kb.derived.get("parent")
    return len(parent) if parent is not None else len(kb)


def narrow(engine: KBLaM, question: str, kb: EncodedKB) -> EncodedKB | None:
    """The candidate view of ``kb`` for ``question``, or None when ``kb`` is small enough to attend to whole.
    The question's match on the whole KB is kept on the view (``derived["match"]``), indices mapped into it."""
    if len(kb) <= engine.exhaustive_max:
        return None
    query = engine.cache.encode(engine.encoder, [question])[0]  # (P,)
    chosen = set(nearest_keys(kb, query, engine.num_candidates))
    match = matching.match_question(question, kb, engine.encoder, engine.cache, engine.matcher)
    chosen.update(m.index for m in match.matches)
    names, by_key = matching.name_index(kb)
    mentions, _ = names.find(question)
    for mention in mentions:
        chosen.update(by_key.get(mention.name, [])[:MAX_PER_ENTITY])
    indices = sorted(chosen)
    view = subset(kb, indices)
    position = {i: p for p, i in enumerate(indices)}
    mapped = tuple(dataclasses.replace(m, index=position[m.index]) for m in match.matches)
    view.derived["match"] = (question, dataclasses.replace(match, matches=mapped))
    return view


def cached_match(kb: EncodedKB, question: str) -> matching.QuestionMatch | None:
    """The whole-KB match that :func:`narrow` kept on a view for this question (None otherwise)."""
    kept = kb.derived.get("match")
    return kept[1] if kept is not None and kept[0] == question else None


def remap(items: Iterator, view: EncodedKB) -> Iterator:
    """Pass a stream of text pieces and an :class:`~kblam.engine.Answer` through, with the answer's evidence
    indices and attention mapped from ``view`` back to the whole KB."""
    for item in items:
        yield _remapped(item, view) if not isinstance(item, str) else item


def _remapped(answer: Answer, view: EncodedKB) -> Answer:
    indices = view.derived["indices"]
    evidence = [dataclasses.replace(e, index=indices[e.index]) for e in answer.evidence]
    attention = answer.attention
    if attention:
        full = [0.0] * full_size(view)
        for p, w in enumerate(attention):
            full[indices[p]] = w
        attention = full
    return dataclasses.replace(answer, evidence=evidence, attention=attention,
                               timings={**answer.timings, "candidates": float(len(view))})


def warm(engine: KBLaM, kb: EncodedKB) -> None:
    """Build what the first question on a KB would otherwise wait for: the entity-name index, the encodings of
    the property phrasings the matcher compares questions with, and above the exhaustive limit the candidate
    index."""
    if len(kb) == 0:
        return
    if len(kb) > getattr(engine, "exhaustive_max", EXHAUSTIVE_MAX):
        key_index(kb)
    first = kb.triples[0]
    matching.match_question(f"What is the {first.property} of {first.name}?", kb, engine.encoder, engine.cache,
                            getattr(engine, "matcher", None))
