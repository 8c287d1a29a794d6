"""Modifiers that set a thing apart from its counterpart ("the previous version" is not the "latest version"):
a question that writes a property's word with a contrasting modifier asks for something the entity may lack."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from .entities import fold, tokens
from .intents import _HIGH, _LOW, stem
from .value_fit import PLACEHOLDER, STEM_STOPWORDS

# Modifiers that set one thing apart from its counterpart: within a row, words of different groups name different
# things ("the previous version" is not the "latest version", "secondary groups" not the "primary group", "the
# closing price" not the "opening price"); words of one group are rewordings of each other ("the newest version").
CONTRASTS = (
    ({"previous", "prior", "former", "old", "older", "earlier", "original", "initial", "first"},
     {"latest", "current", "newest", "recent", "present", "new", "last"}, {"next", "upcoming", "future", "planned"}),
    ({"primary", "main", "principal"}, {"secondary", "supplementary", "additional", "alternate", "alternative",
                                         "backup", "other"}),
    (_LOW | {"fewest", "shortest"}, _HIGH | {"most", "peak", "longest"}),  # the low and high ends, and counts
    ({"inner"}, {"outer"}), ({"front"}, {"rear", "back"}), ({"left"}, {"right"}),
    ({"input", "inbound", "incoming", "download"}, {"output", "outbound", "outgoing", "upload"}),
    ({"source"}, {"target", "destination"}), ({"opening", "start", "starting"}, {"closing", "end", "ending"}),
    ({"daylight", "summer"}, {"standard", "winter"}),
    ({"sea"}, {"ground"}),  # "How high above sea level is X?" of an "antenna height (above ground level)"
    ({"red"}, {"white"}, {"yellow"}, {"blue"}, {"black"}, {"green"}, {"orange"}),  # "the red tees", "white tee yardage"
)
_CONTRAST_GROUP = {w: (row, k) for row, groups in enumerate(CONTRASTS) for k, group in enumerate(groups)
                   for w in group}


_EXTREMES = CONTRASTS[2]
_ASIDE = re.compile(r"\([^()]*\)")


def extremes(words: set[str]) -> set[str]:
    """Every word for the low end (the high end) when ``words`` hold one: "the longest I can book" writes the
    "maximum" of a "maximum booking"."""
    return set().union(*(group for group in _EXTREMES if group & words))


def contrasted(masked_q: str, prop: str) -> bool:
    """Whether the question writes a word of the property with a modifier that contrasts with the property's own
    modifier of it (:data:`CONTRASTS`): "What was X's previous version?" for a "latest version", "Which supplementary
    groups is X in?" for a "primary group", "When is X expected to flower next?" for a "last flowering" (a word of
    time also after the word); not when it also writes the property's own pair, or its modifier joined to the other
    ("the minimum and maximum inputs")."""
    q = [fold(m.group()) for m in tokens(_ASIDE.sub(" ", masked_q))]  # "the red (forward) tees"
    p = [fold(m.group()) for m in tokens(prop)]
    heads = {stem(w): j for j, w in enumerate(p) if j > 0 and w not in STEM_STOPWORDS}
    pairs = set(itertools.pairwise(q)) | set(itertools.pairwise(w for w in q if w != fold(PLACEHOLDER)))  # "the last X tram"
    joined = pairs | {(a, c) for a, b, c in zip(q, q[1:], q[2:], strict=False) if b in ("and", "or")}
    after = {(m, w) for w, m in pairs if _CONTRAST_GROUP.get(m, (-1,))[0] == 0}  # "when will X flower next?"
    for mod, word in pairs | after:
        j = heads.get(stem(word)) or heads.get(stem(word.removesuffix("s")))  # "tees" of a "tee"
        if j is None or (p[j - 1], word) in pairs or (p[j - 1], mod) in joined or (mod, p[j - 1]) in joined:
            continue
        ours, theirs = _CONTRAST_GROUP.get(mod), _CONTRAST_GROUP.get(p[j - 1])
        if ours and theirs and ours[0] == theirs[0] and ours[1] != theirs[1]:
            return True
    return False


# a question asking for a bound: "max line length", "the maximum value X accepts", "minimum size"
_LIMIT_ASKED = re.compile(r"(?<!\bat\s)(?<!\bat\sa\s)\b(?:max|maximum|minimum|min(?=\s+(?:value|length|size|number|count))|upper\s+(?:limit|bound)|"
                          r"lower\s+(?:limit|bound))\b", re.IGNORECASE)
# ... and a fact that states one: a number, or a word of bounds
_LIMIT_STATED = re.compile(r"\d|\b(?:max\w*|min\w*|limit\w*|range|between|most|least|up\s+to|bound\w*|no\s+more|"
                           r"short\w*|long\w*|small\w*|larg\w*|low\w*|high\w*|few\w*|"
                           r"less\s+than|greater\s+than|more\s+than|exceed\w*|unlimited|infinity|infinite|cap\w*)\b",
                           re.IGNORECASE)


# ... or a default ("what's the default value of X?"), and a fact that states one
_DEFAULT_ASKED = re.compile(r"\bdefault(?:s|ed)?\b", re.IGNORECASE)
_DEFAULT_STATED = re.compile(r"\bdefault|\binitial|\bunset\b|\bunspecified\b|\bfall\s*back|\bnot\s+(?:set|given|specified)\b|"
                             r"\bomitted\b|\babsent\b|\bmissing\b|\bblank\b|\bempty\b|\bwithout\b", re.IGNORECASE)


def bound_unstated(masked_q: str, prop: str, value: str, owned: Iterable[str] = (), labels: Iterable[str] = ()) -> bool:
    """Does the question ask for a bound ("max line length in X?", "the maximum value X accepts") or a default
    ("the default value of X") that the chosen fact, its label and value, does not state (no number, no word of
    bounds: "Each line … consists of a keyword and its parameters"; no word of defaults: "value: all"), and that no
    label the entity holds names ("the minimum hire and is there a deposit" of a tariff with a "min. hire": the
    deposit is asked too)? The entity then lacks what is asked. (A default only where its kin's ``labels`` name one,
    or the question writes "default" before a label that says nothing more, "the default value" of a "value": polkit's
    "allow_active", terminfo's "columns" are defaults that no label calls so.)"""
    def unstated(asked: re.Pattern, stated: re.Pattern) -> bool:
        return bool(asked.search(masked_q)) and not any(stated.search(p) for p in owned) and not stated.search(f"{prop} {value}")

    defaults_named = any(_DEFAULT_STATED.search(p) for p in labels) or prop.casefold() in ("value", "setting") and bool(
        re.search(rf"\bdefault\s+{prop}\b", masked_q, re.IGNORECASE))
    return unstated(_LIMIT_ASKED, _LIMIT_STATED) or defaults_named and unstated(_DEFAULT_ASKED, _DEFAULT_STATED)
