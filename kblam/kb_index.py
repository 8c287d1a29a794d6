"""What a KB's triples say about its names, computed once per encoded KB and cached on it: the name index (which
entity each mention in a question names, :class:`entities.NameIndex`) with each entity's triples, and the kinds of
entity (the property sets that share most of their properties) for telling a property an entity lacks from a
stranger's."""

from __future__ import annotations

import re

from . import name_variants
from .aliases import aliases
from .encoder import EncodedKB
from .entities import NameIndex, fold, tokens

SIBLING_SHARE = 0.5  # entities whose property sets share more than this of the smaller one are of the same kind


def name_index(kb: EncodedKB) -> tuple[NameIndex, dict[str, list[int]]]:
    """The KB's name index and, per index key, the indices of its triples (cached on the encoded KB)."""
    cached = kb.derived.get("names")
    if cached is None:
        holders: dict[str, set[str]] = {}
        described: dict[str, set[str]] = {}
        for t in kb.triples:
            holders.setdefault(fold(t.value.strip()), set()).add(t.name)
            described.setdefault(t.name, set()).update(m.group() for m in tokens(t.value))
        index = NameIndex((t.name for t in kb.triples),
                          {fold(m.group()) for t in kb.triples for m in tokens(t.property)} | {w for t in kb.triples for w in re.findall(r"\w+", t.property) if w.isupper()}, set(holders),  # (and the capitals they write: "UTC")
                          {v for v, names in holders.items() if len(names) >= 2}, described, aliases(kb.triples),
                          [(t.name, t.property) for t in kb.triples])
        by_key: dict[str, list[int]] = {}
        for i, t in enumerate(kb.triples):
            by_key.setdefault(index.key_of(t.name), []).append(i)
        for key in index.cased:  # a key names told apart by case share ("etc passwd" of /etc/passwd-), found by its
            if (shown := index.display.get(key)) and index.key_of(shown) in by_key:  # words: the name it displays as
                by_key.setdefault(key, by_key[index.key_of(shown)])
        cached = kb.derived["names"] = (index, name_variants.twins_completed(by_key, kb.triples, index.key_of))
    return cached


def sibling_properties(kb: EncodedKB, owned: frozenset[str]) -> frozenset[str]:
    """The properties that entities of the same kind as an entity holding ``owned`` hold and it lacks: the union
    over the KB's property sets that share more than :data:`SIBLING_SHARE` of the smaller set with ``owned``
    (cached per property set on the encoded KB)."""
    kinds = kb.derived.get("kinds")
    if kinds is None:
        _, by_key = name_index(kb)
        sets = {frozenset(kb.triples[i].property for i in ids) for ids in by_key.values()}
        kinds = kb.derived["kinds"] = (sets, {})
    sets, found = kinds
    if owned not in found:
        near = [s for s in sets if len(owned & s) > SIBLING_SHARE * min(len(owned), len(s))]
        found[owned] = frozenset().union(*near) - owned
    return found[owned]
