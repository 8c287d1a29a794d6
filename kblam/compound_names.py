"""A name made of another KB name and one word ("activate-noawait" beside "activate", "interest-await" beside
"interest"), asked for by that word as a kind of the other: "the noawait flavour of activate", "activate's await
variant", or, after a turn about interest, "and the noawait version?". The question is rewritten with the compound
name in place of the phrase, so that matching and conversations see the entity written out."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .entities import NameIndex, fold
from .mentions import Mention

_KIND = r"(?:version|variant|flavou?r|form|kind|type|one|edition)s?"
_BEFORE = re.compile(rf"\b(?:the\s+|an?\s+)?([A-Za-z][\w]*)\s+{_KIND}\s+(?:of|for)\s+(?:the\s+)?$", re.IGNORECASE)
_AFTER = re.compile(rf"^(?:['\u2019]s)?\s+([A-Za-z][\w]*)\s+{_KIND}\b", re.IGNORECASE)
# a follow-up that is only the word, with or without a kind noun: "and the noawait version?", "what about await?"
_TURN = re.compile(rf"^\W*(?:(?:and|but|ok|so)\s+)?(?:(?:what|how)\s+about\s+)?(?:the\s+|an?\s+)?([A-Za-z][\w]*)"
                   rf"(?:\s+{_KIND})?\s*[?.!]*\s*$", re.IGNORECASE)


def _compound(index: NameIndex, base: str, word: str) -> str | None:
    """The display name of the KB name made of ``base`` (an index key) and ``word``, either way round, if any."""
    word = fold(word)
    if word in base.split():
        return None
    for key in (f"{base} {word}", f"{word} {base}"):
        if key in index.display:
            return index.display[key]
    return None


def variant_named(question: str, mentions: Sequence[Mention], index: NameIndex) -> str | None:
    """``question`` with "the W kind of X" (or "X's W kind") written as the KB name made of X and W, where X is a
    name the question writes exactly and W a word outside every exact mention; else None."""
    exact = [m for m in mentions if m.exact and not m.whole]
    for m in exact:
        before, after = _BEFORE.search(question[:m.start]), _AFTER.match(question[m.end:])
        for found, span in ((before, (before.start(), m.end) if before else None),
                            (after, (m.start, m.end + after.end()) if after else None)):
            if found is None:
                continue
            word_at = (found.start(1) if found is before else m.end + found.start(1))
            if any(o.start <= word_at < o.end for o in exact):
                continue
            if name := _compound(index, m.name, found.group(1)):
                return question[:span[0]] + name + question[span[1]:]
    return None


def variant_turn(text: str, entity_key: str, mentions: Sequence[Mention], index: NameIndex) -> str | None:
    """A follow-up that is only a word (and a kind noun), "and the noawait version?", written as the KB name made of
    the conversation's entity and that word ("and interest-noawait?"); else None."""
    turn = _TURN.match(text)
    if turn is None or any(m.exact for m in mentions):
        return None
    name = _compound(index, entity_key, turn.group(1))
    return f"{text[:turn.start(1)]}{name}?" if name else None
