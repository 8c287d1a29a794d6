"""An entity a question names by no form of its name but describes by its kind and what it does ("the option that
makes recvmsg hand me the original destination address", "option to disable netfilter reassembly of outgoing
packets", "field that keeps the original syslog line as received"): the one whose prose value (its description) the
describing clause is close to, by a clear margin over every other entity. Narrow on purpose: among questions that name
nothing, the KB's own refusals far outnumber the answerable ones (the ~290 KBs of ``bench/match_fresh.py``: 396
refusals against 75), so only a clause headed by a kind noun and a relative or "to" clause is read, and only a close
and unrivalled description is taken."""

from __future__ import annotations

import re

from .encoder import EmbeddingCache, EncodedKB, Encoder
from .entities import NameIndex
from .mentions import Mention
from .value_fit import _cosine, prose_properties

# a kind noun of a reference KB and what the thing does or holds ("the option that …", "field that keeps …", "the
# setting used to …"); up to a colon, a dash, a semicolon or a question mark, where what is asked of it begins
_DESCRIBING = re.compile(r"\b(?:(?:the|an?)\s+)?(?:option|field|setting|flag|parameter|attribute|directive|variable|"
                         r"key|entry|signal|capability|extension|knob|sysctl)\s+(?:that|which|to|whose|used\s+to)\s+"
                         r"(?:(?!\s-\s)[^?:;,\u2014\u2013])+", re.IGNORECASE)
DESCRIBED_LEAST = 0.55  # cosine of the clause with the entity's description, at least
DESCRIBED_MARGIN = 0.18  # over the next entity's best description


def described_by_prose(question: str, kb: EncodedKB, index: NameIndex, encoder: Encoder,
                       cache: EmbeddingCache) -> Mention | None:
    """The entity the question describes by a kind noun and a clause (:data:`_DESCRIBING`), as a mention spanning that
    clause (so that what is asked of it is read without it), or None."""
    clause = _DESCRIBING.search(question)
    if clause is None:
        return None
    prose = prose_properties(kb)
    rows = [i for i, t in enumerate(kb.triples) if t.property in prose]
    if len(rows) < 2:
        return None
    sims = _cosine(cache.encode(encoder, [clause.group().strip()]), kb.value_emb[rows].float().numpy())[0]
    best: dict[str, float] = {}
    for i, s in zip(rows, sims.tolist(), strict=True):
        name = kb.triples[i].name
        best[name] = max(best.get(name, -1.0), s)
    ranked = sorted(best.values(), reverse=True)
    top = max(best, key=best.__getitem__)
    if ranked[0] < DESCRIBED_LEAST or len(ranked) > 1 and ranked[0] - ranked[1] < DESCRIBED_MARGIN:
        return None
    end = clause.start() + len(clause.group().rstrip())
    return Mention(index.key_of(top), clause.start(), end, question[clause.start():end], False)



