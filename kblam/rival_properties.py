"""Properties people ask about that a KB entity may lack (used by :mod:`matching`). When one of them fits a question
better than every property the named entity has, the question probably asks for something the KB does not hold, and
the entity's score drops by ``matching.DISTRACTOR_WEIGHT`` times the difference (times ``matching.GENERIC_WEIGHT``).
How such a rival compares with the chosen property (:func:`telling`, :func:`written_words`,
:func:`unwritten_difference`) decides whether it counts."""

from __future__ import annotations

import re

import numpy as np

from .encoder import EmbeddingCache, EncodedKB, Encoder
from .entities import STOPWORDS, fold, tokens
from .label_spellings import _SHORTENINGS
from .labels import spelled_out
from .typos import camel_words
from .value_fit import PLACEHOLDER, STEM_STOPWORDS, _cosine, masked_key
from .wording import singulars, stems

MAX_KB_DISTRACTORS = 500  # a KB with more distinct properties compares with its first ones only

# Left out where a word of them names a property the KB has.
DISTRACTORS = ("age", "height", "weight", "price", "owner", "author", "creator", "capital city", "area",
               "official language", "currency", "size", "top speed", "temperature", "founder", "parent company",
               "spouse", "nationality", "opening hours", "rating", "genre", "manufacturer", "chief executive",
               "motto", "religion", "favourite food", "salary", "postal address", "lifespan", "diameter", "mass",
               "revenue", "colour", "release date", "budget", "nickname", "sister city", "record label",
               "best friend", "maximum depth", "reason for closure", "successor", "predecessor", "population",
               "postal code", "phone number", "date of birth")
# More of them, each counted only when the question fits it closely (ASKED_ELSEWHERE_FLOOR: "Tell me the serial number
# of X" fits "serial number" at 0.95, "What's the numeric code of X?" its "dialling code" at 0.56), so that a
# question asking for what the entity has, in words near one of them, keeps its answer. Unlike DISTRACTORS they count
# whatever words they share with the KB's properties ("postal code" beside an "ISO 3166-2 code").
ASKED_ELSEWHERE = (
    # people, organisations and places
    "place of birth", "children", "education", "occupation", "employer", "net worth", "hobbies",
    "political party", "awards", "home address", "social media handle", "username", "password",
    "founding year", "headquarters", "number of employees", "stock ticker", "subsidiaries", "slogan",
    "customer support number", "dialling code", "time zone", "climate", "GDP", "mayor", "national flag",
    "national anthem", "famous landmarks", "distance", "coordinates",
    # products, software and documents
    "warranty", "battery life", "fuel consumption", "download size", "memory usage", "system requirements",
    "supported platforms", "installation command", "configuration file", "environment variable",
    "default port", "known bugs", "security vulnerabilities", "bug tracker", "mailing list",
    "code example", "usage example", "tutorial", "benchmark results", "time complexity", "thread safety",
    "deprecation date", "version added", "year introduced", "inventor",
    "origin", "history", "etymology", "pronunciation", "translation", "opposite", "fix",
    "workaround", "replacement", "popularity", "number of users", "market share", "reviews", "box office",
    "serial number", "ISBN", "patent number", "documentation link", "keyboard shortcut",
    # substances, food and things
    "melting point", "boiling point", "density", "smell", "taste", "chemical formula", "toxicity",
    "side effects", "dosage", "ingredients", "recipe", "calories", "CMYK value", "Pantone equivalent")
ASKED_ELSEWHERE_FLOOR = 0.65


# How a rival property that the named entity lacks compares with the one chosen for it

def written_words(rival: str, chosen: str, qwords: set[str]) -> bool:
    """Does the question write out, word for word (or with a plural -s), a word of the rival property that the chosen
    property lacks ("Windows" of a "Windows LCID" when "language" was chosen)?"""
    ours = {fold(m.group()) for m in tokens(chosen)}
    return any(w not in ours and w not in STEM_STOPWORDS | STOPWORDS and (w in qwords or w + "s" in qwords)
               for w in (fold(m.group()) for m in tokens(rival)))  # (not the "does" of "does not work for")


def name_written(qwords: set[str], names: list[str], displays: list[str]) -> set[str]:
    """The question words that write a word of the named entities' names, as the name gives them ("the Zone A2
    controlled zone") or as a camel-case name's words, shortened there or plural here ("if i leave out SizeMinBytes=
    what minimum size do i get": "minimum size" is the name said in words, no other entity's "minimum size" asked)."""
    parts = {w for n in names for w in n.split()} | {w for d in displays for w in camel_words(d) if len(w) >= 3}
    return {w for w in qwords if w in parts or w.endswith("s") and w[:-1] in parts
            or any(w.startswith(c) for c in _SHORTENINGS if c in parts)}


_SAYS_NOTHING = stems("value field")  # a word a label may carry or not: "default value" is the "default" of other
# entities, the "empty field" of one field the "when empty" of others


def unwritten_difference(rival: str, chosen: str, said: set[str]) -> bool:
    """Do the two properties share a word and differ only in words the question does not write, the chosen one
    having words of its own (not "end of LTS" against "end of extended LTS", where the rival only adds a word; "feed"
    writes "feeds"; nor "default value" against "default")? Properties with no word in common ("hazards", "buggy
    access") are told apart by their scores alone."""
    theirs, ours = (found | singulars(found) for found in (stems(rival), stems(chosen)))
    return bool(ours & theirs) and bool(ours - theirs - _SAYS_NOTHING) and not (ours ^ theirs) & said


def telling(rival: str, chosen: str, said: set[str]) -> bool:
    """Can a property the entity lacks be told from the chosen one by this question? Not when the two share words
    and the question uses none of the rival's other words ("EPERM's number?" for an error number, where the KB's
    signals have a "signal number"); a rival sharing no word with the chosen property always counts."""
    theirs, ours = stems(rival), stems(chosen)
    return not (theirs & ours) or any(r.startswith(w) if len(w) >= 4 else r == w for r in theirs - ours for w in said)


def distractors(kb: EncodedKB, encoder: Encoder, cache: EmbeddingCache) -> tuple[list[str], frozenset[str]]:
    """The KB's properties and the generic :data:`DISTRACTORS` that are not near-synonyms of a KB property, and
    which of them are the generic ones (cached on the encoded KB)."""
    cached = kb.derived.get(("distractors", encoder.id))
    if cached is None:
        props = list(dict.fromkeys(t.property for t in kb.triples))[:MAX_KB_DISTRACTORS]
        listed = DISTRACTORS + ASKED_ELSEWHERE
        emb = cache.encode(encoder, [masked_key(spelled_out(p)) for p in props] + [masked_key(d) for d in listed])
        close = _cosine(emb[len(props):], emb[:len(props)]).max(axis=1) if props else np.zeros(len(listed))
        kb_words = {fold(m.group()) for p in props for m in tokens(p)}
        generic = [d for d, c in zip(listed, close, strict=True)
                   if c < 0.8 and (d in ASKED_ELSEWHERE or not {fold(m.group()) for m in tokens(d)} & kb_words)]
        cached = kb.derived[("distractors", encoder.id)] = (props + generic, frozenset(generic) - set(props))
    return cached


def names_the_kind(rival: str, kind: set[str]) -> bool:
    """Is the rival the plural of the word after "the X" that says what X is ("whats the X option for" of a setting,
    where another entity holds "options")? That word asks for no list of options."""
    return any(fold(rival) in (f"{k}s", f"{k}es") for k in kind if not k.endswith("s"))


def names_entity(rival: str, masked: str, own_words: set[str]) -> bool:
    """Is the rival label written right after the entity ("every X unit file", "its unit file") as words the entity's
    own values write ("A unit configuration file whose name ends in .automount")? It then says what the entity is
    (an automount unit file), and asks for no "unit file" that other entities hold. A label of one word is asked for
    ("X default value?")."""
    words = {fold(m.group()) for m in tokens(rival)}
    return len(words) > 1 and words <= own_words and re.search(
        rf"(?:\b{PLACEHOLDER}|\bits)\s+{re.escape(rival)}\b", masked, re.IGNORECASE) is not None


def says_what_it_is(rival: str, masked: str, kind: set[str], own_values: list[str]) -> bool:
    """Does the question write the rival only to say what the entity is (:func:`names_the_kind`,
    :func:`names_entity`)? It is then no rival."""
    return names_the_kind(rival, kind) or names_entity(
        rival, masked, {fold(m.group()) for v in own_values for m in tokens(v)})
