"""What matching a question against a KB found: the triples it asks for, how well, and why the KB cannot answer it.

:mod:`matching` builds these; the engine, the chat and the API read them (which triples are relevant at the refusal
threshold, whether to refuse, the sentence that says why, which inexact name was assumed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .entities import NearMiss

# Once a question passes the threshold, the other entities it names count as asked about when their best
# property scores at least this much below the threshold (a question about two things matches each less well).
SECONDARY_MARGIN = 0.25
DEFAULT_THRESHOLD = 0.56  # used for `relevant()` when refusal is off


@dataclass(frozen=True)
class TripleMatch:
    index: int  # into the KB's triples
    score: float
    alone: bool = False  # the answer to one clause of a compound question: relevant only above the threshold


@dataclass(frozen=True)
class QuestionMatch:
    score: float  # answerability: compare with the refusal threshold
    # the best triple per entity named in the question, best first (and, for one entity, the other properties
    # written out and joined to the chosen one by "and": :func:`conjoined`)
    matches: tuple[TripleMatch, ...]
    named: bool  # False when no KB name occurs in the question (score is then the plain cosine)
    assumed: tuple[tuple[str, str], ...] = ()  # (as written in the question, KB name) for inexact names
    near_miss: NearMiss | None = None  # a name that resembles KB names but is none of them
    english: bool = True  # False when the question does not read as English
    closest: tuple[str, ...] = ()  # no KB name in the question: the names of the closest keys, best first
    unfit: str = ""  # the answer kind the question expects when no value of the best entity is one ("year")
    clauses: tuple[tuple[str, float], ...] = ()  # a compound question: (each clause as written, its score)

    def relevant(self, threshold: float | None) -> list[TripleMatch]:
        """The triples the question asks for: none unless the best match passes ``threshold``; then that one
        and every other named entity's best match scoring at least ``threshold - SECONDARY_MARGIN``. Only for
        named matches: the plain-cosine fallback is not trusted to point at the exact triple."""
        threshold = DEFAULT_THRESHOLD if threshold is None else threshold
        if not self.named or not self.matches or self.score < threshold:
            return []
        return [m for m in self.matches if m.score >= threshold - (0.0 if m.alone else SECONDARY_MARGIN)]

    def about(self, triples, threshold: float | None) -> str | None:
        """The KB name of the best triple the question asks for (``triples``: the KB's) when the KB can answer it, else
        None: what a conversation is about after a turn that names no entity but is matched by meaning."""
        relevant = self.relevant(threshold)
        return triples[relevant[0].index].name if relevant and not self.refused(threshold) else None

    def refused(self, threshold: float | None) -> bool:
        """Whether the KB cannot answer: a near miss of a KB name, no KB name in the question at all (the plain
        cosine of an unknown entity's question to a neighbour's key reaches 0.95, so it is no evidence), or a score
        below ``threshold`` (None: refusal off)."""
        if threshold is None:
            return False
        return self.near_miss is not None or not self.named or self.score < threshold

    def refusal_reason(self) -> str:
        """Why a question below the threshold is refused, in one sentence for the user ("" when plain)."""
        if self.near_miss is not None:
            closest = ", ".join(self.near_miss.closest)
            return f'"{self.near_miss.said}" is not in the KB; closest: {closest}.'
        if not self.english:
            return "The question does not look like English, the language of the KB; please ask in English."
        if not self.named and self.closest:
            return f"The question names no entity of the KB; closest: {', '.join(self.closest)}."
        if self.unfit:
            article = "an" if re.match(r"[aeiou]|[AEFHILMNORSX][A-Z]", self.unfit) else "a"  # "an RFC"
            return f"The question asks for {article} {self.unfit}, and no value the KB holds for it is one."
        return ""

    def unanswered(self, threshold: float | None) -> list[str]:
        """The clauses of a compound question that the KB cannot answer (below ``threshold``), as written."""
        if threshold is None:
            return []
        return [clause for clause, score in self.clauses if score < threshold]

    def note(self) -> str:
        """Which entity was assumed when a name in the question was not exact ("" when all were exact)."""
        return "; ".join(f'Assuming "{said}" means {name}.' for said, name in self.assumed)


def partly_unanswered(match: QuestionMatch, threshold: float | None) -> str:
    """The sentence that ends an answer to a compound question some clause of which the KB cannot answer ("" when
    every clause was answered): the answer says what it left out instead of dropping it silently."""
    left = match.unanswered(threshold)
    if not left:
        return ""
    return " The KB does not answer " + ", nor ".join(f'"{c}"' for c in left) + "."
