"""A question joining two properties of one entity by "and", one written out and one in other words ("both the hex code
and the RGB triplet for X"): which property each side asks for (:func:`joined_phrase`, used by :mod:`matching`)."""

from __future__ import annotations

import re
from collections.abc import Callable

from .entities import STOPWORDS as STOPWORDS_EN
from .entities import fold, tokens
from .value_fit import PLACEHOLDER
from .wording import written

Scorer = Callable[[str, list[str]], dict[str, float]]  # (masked question, properties) -> each property's score


_BOTH = re.compile(r"\bboth\b", re.IGNORECASE)
_AND = re.compile(r"\s*(?:,\s*)?\b(?:and|plus|as\s+well\s+as)\s+|\s*&\s*", re.IGNORECASE)


# the two sides of a question joining two short noun phrases: "What's the phone number", "email address for X"
_NP = r"((?:[^\W\d_]+[\s-]+){0,2}[^\W\d_]+)"
_NOUNS = (re.compile(rf"(?:(?:what|which)(?:['\u2019]s|\s+(?:is|are))|(?:tell|give)\s+me)\s+(?:(?:the|its|their)\s+)?{_NP}",
                     re.IGNORECASE),
          re.compile(rf"(?:(?:the|its|their)\s+)?{_NP}(?:\s+(?:for|of|at)\s+{PLACEHOLDER})?", re.IGNORECASE))


def joined_phrase(masked_q: str, owned: list[str], score: Scorer) -> dict[str, float]:
    """A question joining, by "and", a property of the entity written out and a phrase in other words ("both the hex
    code and the RGB triplet for X"): the entity's property the phrase fits best and the one written out, with their
    scores (empty unless one side writes out a property and the other writes none, or "both" or two short noun
    phrases join two sides in other words). Both, since either may be the
    question's overall choice ("X's signature, and is it a function or a class?" chooses the class by its choice)."""
    parts = _AND.split(masked_q)
    if len(parts) != 2:
        return {}
    nouns = [noun.fullmatch(part.strip(" ?.!")) for noun, part in zip(_NOUNS, parts, strict=True)]
    if (_BOTH.search(masked_q) or all(nouns)) and not any(written(part, [], owned) for part in parts):
        # "both ISO codes for X, the letters and the number", "What's the phone number and web address for X?": each
        # side in other words, two different properties
        sides = [m.group(1) for m in nouns] if all(nouns) else (parts[0].rsplit(",", 1)[-1], parts[1])
        found = dict(_fitting(side, owned, score, article=False) for side in sides)
        return found if len(found) == 2 else {}
    for side, other in ((parts[0], parts[1]), (parts[1], parts[0])):
        if written(other, [], owned) and not written(side, [], owned) and any(
                w not in STOPWORDS_EN and w != PLACEHOLDER.casefold() for w in (fold(m.group()) for m in tokens(side))):
            return dict((_fitting(other, owned, score), _fitting(side, owned, score)))
    return {}


def _fitting(side: str, owned: list[str], score: Scorer, article: bool = True) -> tuple[str, float]:
    """The entity's property that one side of a joined question fits best, with its score; a side without the
    placeholder is read as "the <side> of X" (``article=False``: its own leading article dropped first)."""
    core = side.strip(" ?.,!")
    if not article:
        core = re.sub(r"^(?:the|its|their)\s+", "", core, flags=re.IGNORECASE)
    text = side if re.search(rf"\b{PLACEHOLDER}\b", side) else f"the {core} of {PLACEHOLDER}"
    sims = score(text, owned)
    best = max(sims, key=sims.get)
    return best, sims[best]


_BESIDE = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*)(?:(?:for|of)\s+)?(?:the\s+)?", re.IGNORECASE)


def joined_to(question: str, mention, others: list) -> bool:
    """Whether ``mention`` is joined to one of ``others`` by "and", "or" or a comma ("zutty and chromium")."""
    return any(_BESIDE.fullmatch(question[a.end:b.start]) for o in others
               for a, b in ((o, mention), (mention, o)) if a.end <= b.start)
