"""Which triples a question asks about, and whether the KB can answer it at all.

The cosine similarity between a question and a key string ("the {property} of {name}") mixes two things: the
entity and the property. A question about a known entity's *missing* property still scores high against that
entity's other keys, and a question about two entities scores low against each of them, so one threshold on
the raw cosine cannot tell "unanswerable" from "asks two things" (measured in DESIGN and the README).

Here the two are separated. Entity names of the KB are found in the question as text (case-insensitive, whole
words, longest first), each is replaced by a placeholder, and the masked question is compared by the same
frozen encoder with the masked keys ("the {property} of X") of the properties that entity really has. The best
property per named entity gives that entity's score; the question's score is the best entity score. When no
name of the KB occurs in the question the plain cosine to the closest key is used instead, so paraphrased or
misspelt names still work (and an unknown entity falls back to a low score).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .encoder import EmbeddingCache, EncodedKB, Encoder

PLACEHOLDER = "X"
SCORE_NAME = "entity-masked-v1"  # stored with a calibrated threshold, so a threshold meets its own score
# Once a question passes the threshold, the other entities it names count as asked about when their best
# property scores at least this much below the threshold (a question about two things matches each less well).
SECONDARY_MARGIN = 0.25
DEFAULT_THRESHOLD = 0.68  # used for `relevant()` when refusal is off


@dataclass(frozen=True)
class TripleMatch:
    index: int  # into the KB's triples
    score: float


@dataclass(frozen=True)
class QuestionMatch:
    score: float  # answerability: compare with the refusal threshold
    matches: tuple[TripleMatch, ...]  # the best triple per entity named in the question, best first
    named: bool  # False when no KB name occurs in the question (score is then the plain cosine)

    def relevant(self, threshold: float | None) -> list[TripleMatch]:
        """The triples the question asks for: none unless the best match passes ``threshold``; then that one
        and every other named entity's best match scoring at least ``threshold - SECONDARY_MARGIN``. Only for
        named matches: the plain-cosine fallback is not trusted to point at the exact triple."""
        threshold = DEFAULT_THRESHOLD if threshold is None else threshold
        if not self.named or not self.matches or self.score < threshold:
            return []
        return [m for m in self.matches if m.score >= threshold - SECONDARY_MARGIN]


class _NameIndex:
    """Lower-cased entity names of one KB with the indices of their triples."""

    def __init__(self, kb: EncodedKB) -> None:
        by_name: dict[str, list[int]] = {}
        for i, t in enumerate(kb.triples):
            by_name.setdefault(t.name.strip().lower(), []).append(i)
        # longest first, so "Havis Comets" wins over "Havis" where both are names
        self.names = sorted((n for n in by_name if len(n) >= 2), key=len, reverse=True)
        self.by_name = by_name

    def find(self, question: str) -> list[tuple[str, int, int]]:
        """(name, start, end) of non-overlapping whole-word occurrences in ``question``, in text order."""
        low = question.lower()
        taken = np.zeros(len(low) + 1, dtype=bool)
        found = []
        for name in self.names:
            if name not in low:  # cheap filter before the boundary check
                continue
            for m in re.finditer(re.escape(name), low):
                s, e = m.span()
                if taken[s:e].any() or (s > 0 and _word(low[s - 1])) or (e < len(low) and _word(low[e])):
                    continue
                taken[s:e] = True
                found.append((name, s, e))
                break
        return sorted(found, key=lambda x: x[1])


def _word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a = a / np.clip(np.linalg.norm(a, axis=-1, keepdims=True), 1e-8, None)
    b = b / np.clip(np.linalg.norm(b, axis=-1, keepdims=True), 1e-8, None)
    return a @ b.T


def masked_key(prop: str) -> str:
    return f"the {prop} of {PLACEHOLDER}"


def match_question(question: str, kb: EncodedKB, encoder: Encoder, cache: EmbeddingCache | None = None
                   ) -> QuestionMatch:
    """Score how well the KB answers ``question`` and which triple answers each entity it names."""
    cache = EmbeddingCache() if cache is None else cache
    if len(kb) == 0:
        return QuestionMatch(0.0, (), False)
    index = kb.derived.get("names")
    if index is None:
        index = kb.derived["names"] = _NameIndex(kb)
    found = index.find(question)
    if not found:
        q = cache.encode(encoder, [question])
        sims = _cosine(q, kb.key_emb.float().numpy())[0]
        best = int(sims.argmax())
        return QuestionMatch(float(sims[best]), (TripleMatch(best, float(sims[best])),), False)
    masked, last = [], 0
    for _, s, e in found:
        masked.append(question[last:s] + PLACEHOLDER)
        last = e
    masked_q = "".join(masked) + question[last:]
    candidates = [i for name in dict.fromkeys(n for n, _, _ in found) for i in index.by_name[name]]
    props = list(dict.fromkeys(kb.triples[i].property for i in candidates))
    emb = cache.encode(encoder, [masked_q] + [masked_key(p) for p in props])
    sims = dict(zip(props, _cosine(emb[:1], emb[1:])[0].tolist(), strict=True))
    matches = []
    for name in dict.fromkeys(n for n, _, _ in found):
        best = max(index.by_name[name], key=lambda i: sims[kb.triples[i].property])
        matches.append(TripleMatch(best, float(sims[kb.triples[best].property])))
    matches.sort(key=lambda m: m.score, reverse=True)
    return QuestionMatch(matches[0].score, tuple(matches), True)
