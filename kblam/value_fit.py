"""How a question fits the values of a KB's properties, beside their names (used by :mod:`matching`).

- :func:`value_scores`: to choose among one entity's triples that fit a question about equally well, each triple is
  compared as a sentence ("the status class of X is Success" meets "Is X a success or an error?", VALUE_WEIGHT) and
  as its property's profile, the property with a few example values from the KB ("the code point of X, such as
  U+00E6, U+2163", PROFILE_WEIGHT).
- :func:`value_words`: the words most values of a property hold ("HTTPStatus" in "HTTPStatus.NOT_FOUND", "KiB",
  "tcp"): words of two or more letters held by at least VALUE_WORD_SHARE of the property's distinct values (at least
  VALUE_WORD_MIN of them) and not in the property's own name.
- :func:`written_choices`: the properties a yes/no or either/or question offers values of ("Is X living or
  extinct?", "Is X a macrolanguage?"): a categorical property (at most CATEGORY_SHARE as many distinct values as
  triples) one of whose values the question writes out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

import numpy as np
import torch

from .encoder import EmbeddingCache, EncodedKB, Encoder
from .entities import STOPWORDS, fold, tokens
from .kb import Triple

PLACEHOLDER = "X"
STEM_STOPWORDS = frozenset("the of a an in on at to for by and or is are what which who how".split())
VALUE_WEIGHT = PROFILE_WEIGHT = 0.25
PROFILE_VALUES, VALUE_CHARS = 3, 80
VALUE_WORD_SHARE, VALUE_WORD_MIN = 0.5, 3
CATEGORY_SHARE = 0.5
OWN_VALUE_WORDS = 8
# the last word of a property that describes its entity in words (the "purpose" intent's heads too)
DESCRIBING = frozenset({"summary", "description", "purpose", "definition", "meaning", "explanation", "docstring"})
# a question answered by yes or no (also after a lead-in: "Hey, quick one: is X …?"), or offering a choice ("…, or is
# it extinct?", "living, ancient or extinct"); "Can you give me a recipe?" is a request, not a yes/no question
CHOICE = re.compile(r"(?:^|[:;\u2014])\W*(?:(?:and|so|but)\s+)?(?:is|are|was|were|does|do|did|has|have|can)\b"
                    r"(?!\s+you\s+(?:please\s+)?(?:tell|give|show|list|name|explain|describe|recommend|suggest|find)\b)"
                    r"|\bor\b", re.IGNORECASE)


def _cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine similarity of each row of ``a`` with each row of ``b``. Computed by torch, on the thread pool that the
    model's forward passes use: numpy's OpenBLAS keeps its own threads spinning for ~0.1 s after a product, and on a
    2-core machine the next prefill ran ~90 ms slower beside them (``bench/ttft_match.py``)."""
    x, y = (torch.from_numpy(np.ascontiguousarray(m, dtype=np.float32)) for m in (a, b))
    x = x / x.norm(dim=-1, keepdim=True).clamp_min(1e-8)
    y = y / y.norm(dim=-1, keepdim=True).clamp_min(1e-8)
    return (x @ y.T).numpy()


def masked_key(prop: str) -> str:
    return f"the {prop} of {PLACEHOLDER}"


def profiles(kb: EncodedKB) -> dict[str, str]:
    """Per property of the KB, the property with a few example values ("the code point of X, such as U+00E6,
    U+2163"): the same examples every time (the first distinct values in KB order), cached on the encoded KB."""
    cached = kb.derived.get("profiles")
    if cached is None:
        examples: dict[str, list[str]] = {}
        for t in kb.triples:
            seen = examples.setdefault(t.property, [])
            value = t.value.strip()[:VALUE_CHARS]
            if len(seen) < PROFILE_VALUES and value and value not in seen:
                seen.append(value)
        cached = kb.derived["profiles"] = {p: f"{masked_key(p)}, such as {', '.join(v)}" for p, v in examples.items()}
    return cached


def _shared_by_values(kb: EncodedKB, parts) -> dict[str, set[str]]:
    """Per property of the KB with VALUE_WORD_MIN distinct values or more, the parts (``parts(value)``: its words,
    its prefixes) that at least VALUE_WORD_SHARE of them hold."""
    shared = {}
    for prop, vals in _stripped_values(kb).items():
        if len(vals) >= VALUE_WORD_MIN:
            counts = Counter(part for v in vals for part in set(parts(v)))
            shared[prop] = {w for w, c in counts.items() if c >= VALUE_WORD_SHARE * len(vals)}
    return shared


def value_words(kb: EncodedKB) -> dict[str, frozenset[str]]:
    """Per property of the KB, the words most of its values hold (see :data:`VALUE_WORD_SHARE`; no function words:
    not the "with" of descriptions, the "from" of "from 15:00"), cached."""
    cached = kb.derived.get("value_words")
    if cached is None:
        cached = {}
        for prop, words in _shared_by_values(kb, lambda v: {fold(m.group()) for m in tokens(v)}).items():
            own = {fold(m.group()) for m in tokens(prop)}
            common = {w for w in words if len(w) >= 2 and w.isalpha() and w not in STOPWORDS and w not in own}
            if common:
                cached[prop] = frozenset(common)
        kb.derived["value_words"] = cached
    return cached


_PREFIX = re.compile(r"(?<![\w-])(-{0,2}[A-Za-z]{1,6})(?=\d)")  # "-O" of "-O2", "RFC" of "RFC1945"


def values_apart(kb: EncodedKB, rival: str, chosen: str, said: set[str]) -> bool:
    """Does the question write a word most values of ``rival`` hold (:func:`value_words`) that neither the values
    of ``chosen`` nor its name hold ("per kWh" of a "tariff", where the chosen property is the "charger model"; not
    the "UTC" of a "daylight saving offset" when the "standard UTC offset" was chosen)?"""
    hit = value_words(kb).get(rival, frozenset()) & said
    if not hit:
        return False
    written = {w for value in _distinct_values(kb)[0].get(chosen, ()) for w in value.split()}
    return bool(hit - written - {fold(m.group()) for m in tokens(chosen)})


def value_prefixes(kb: EncodedKB) -> dict[str, str]:
    """Per property of the KB, the letters (after any dashes) that most of its values put before a number ("-O" of
    gcc's levels "-O1", "-O2"; "RFC" of "RFC1945"), cached: a question that writes them asks for that property."""
    cached = kb.derived.get("value_prefixes")
    if cached is None:
        cached = {}
        for prop, prefixes in _shared_by_values(kb, _PREFIX.findall).items():
            common = [w for w in prefixes if len(w) >= 2]
            if len(common) == 1:
                cached[prop] = common[0]
        kb.derived["value_prefixes"] = cached
    return cached


def writes_prefix(question: str, prefix: str) -> bool:
    """Whether the question writes ``prefix`` (:func:`value_prefixes`) standing alone or before a number ("Which -O
    level …", "at -O2")."""
    return bool(re.search(rf"(?<![\w-]){re.escape(prefix)}(?=\d|\s|[?.,!]|$)", question))


# notations a question may name instead of the property ("which U+ value?", "its dotted form?", "the glyphs of X"),
# and the values written in them: Unicode's code point notation; dotted decimal numbers (object identifiers,
# addresses); symbols alone (a spinner's "⠋⠙⠹")
NOTATIONS = (("U+", re.compile(r"(?<![\w-])U\+(?![\dA-Fa-f])"), re.compile(r"U\+[0-9A-F]{4,6}")),
             ("dotted", re.compile(r"\bdotted\b", re.IGNORECASE), re.compile(r"\d+(?:\.\d+){2,}")),
             ("symbol", re.compile(r"\b(?:symbols?|glyphs?|characters?|chars)\b", re.IGNORECASE),
              re.compile(r"(?=.*[^\s])[^A-Za-z0-9]+", re.DOTALL)))


def _stems(text: str) -> set[str]:
    return {fold(m.group())[:5] for m in tokens(text)}


def notations(kb: EncodedKB) -> dict[str, set[str]]:
    """Per property of the KB, the :data:`NOTATIONS` most of its values are written in (cached)."""
    cached = kb.derived.get("notations")
    if cached is None:
        cached = kb.derived["notations"] = {p: names for p, names in _shared_by_values(
            kb, lambda v: {n for n, _, form in NOTATIONS if form.fullmatch(v)}).items() if names}
    return cached


_COUNT_VALUE = re.compile(r"^\s*[\d,.]+\s+([^\W\d_]+)\s*$")  # "46 buses"
_UNIT = re.compile(r"(?:metres?|meters?|miles?|feet|foot|inch(?:es)?|microns?|minutes?|mins|seconds?|secs|hours?|hrs|days?|"
                   r"weeks?|months?|years?|tonnes?|tons?|grams?|kilos?|litres?|liters?|gallons?|volts?|watts?|amps?|"
                   r"bytes?|bits|pixels?|degrees?|percent|knots?)", re.IGNORECASE)
_COUNTED_NOUN = re.compile(r"\b(?:how\s+many|number\s+of)\s+((?:[^\W\d_]+\s+){0,2}[^\W\d_]+)", re.IGNORECASE)


def uncounted_nouns(kb: EncodedKB, triples: Iterable[int], masked: str) -> set[str]:
    """The nouns of the count values of ``triples`` ("buses" of a "fleet size: 46 buses") that the question writes
    but does not count ("What do the buses at X run on?", "How many places are there to charge buses?"): they say
    what the question is about, not that it asks for that count. Counted are the three words after "how many"."""
    counted = {fold(w) for m in _COUNTED_NOUN.finditer(masked) for w in m.group(1).split()}
    nouns = {fold(m.group(1)) for i in triples if (m := _COUNT_VALUE.match(kb.triples[i].value))
             and len(m.group(1)) >= 4 and not _UNIT.fullmatch(m.group(1))}  # (a unit is no thing: "148 microns")
    return _singular_too(nouns) - _singular_too(counted)


def _singular_too(words: set[str]) -> set[str]:
    return {f for w in words for f in (w, w.removesuffix("s"), w.removesuffix("es"))}


_CODE_PART = re.compile(r"_|[^\W\d_][.=(][^\W\d_]")  # a word of code: "num_features", "vim.basic", "median(data)"


def own_value_words(kb: EncodedKB, triples: Iterable[int], said: set[str]) -> set[str]:
    """The properties of ``triples`` (the named entity's) whose own value writes a word the question writes that
    their name does not ("how thick is X in microns" of its caliper "148 microns", "pure white or more of a cream" of
    its shade "natural cream"): words of three letters or more, no function word, of a value of OWN_VALUE_WORDS words
    or fewer and no property of sentences (:func:`prose_properties`: a description writes many words); not a value
    the question writes whole (what it says the entity is)."""
    found, prose = set(), prose_properties(kb)
    for i in triples:
        t = kb.triples[i]
        if t.property in prose or len(t.value.split()) > OWN_VALUE_WORDS or DESCRIBING.intersection(
                fold(t.property).split()[-1:]):
            continue  # (a description in a few words is prose all the same: "Change the shell working directory")
        if {fold(m.group()) for m in tokens(t.value)} <= said:  # "Is the pentagon code 'p' filled?": its name
            continue
        # the words of its prose, not of code ("statistics.median_low(data)", "/usr/bin/vim.basic", "num_features, eps")
        parts = re.split(r"[\s/]+", t.value)
        if any(_CODE_PART.search(part) for part in parts):
            continue
        words = {w for w in (fold(part.strip(".,;:!?()[]\"'")) for part in parts) if w.isalpha()}
        words -= {fold(m.group()) for m in tokens(t.property)}
        if any(len(w) >= 3 and w not in STOPWORDS for w in words & said):
            found.add(t.property)
    return found


def value_hinted(kb: EncodedKB, props: list[str], masked: str, said: set[str]) -> list[str]:
    """The properties, of ``props``, whose values the question hints at: it writes a word most of them hold
    (:func:`value_words`: "Which RFC …"), the letters most of them start with (:func:`value_prefixes`: "Which -O
    level turns X on?" of levels "-O1", "-O2") or names the notation they are written in (:data:`NOTATIONS`; not
    where the property's own name writes that word: "the character of X" hints nothing beyond the name)."""
    words, prefixes, written = value_words(kb), value_prefixes(kb), notations(kb)
    named = {n: asks.search(masked) for n, asks, _ in NOTATIONS}
    found = [p for p in props if words.get(p, frozenset()) & said or p in prefixes and writes_prefix(masked, prefixes[p])
             or any(named[n] and not _stems(named[n].group()) & _stems(p) for n in written.get(p, ()))]
    # ... and a property of too few values to count whose every value holds a word so hinted ("up to which glibc
    # release" of an "until: glibc 2.22" beside a "since" whose values mostly write "glibc")
    hinted = {w for p in found for w in words.get(p, frozenset()) & said}
    held = _value_word_sets(kb) if hinted else {}
    return found + [p for p in props if p not in found and p in held and len(held[p]) < VALUE_WORD_MIN
                    and all(ws & hinted for ws in held[p]) and not hinted & {fold(m.group()) for m in tokens(p)}]


def _value_word_sets(kb: EncodedKB) -> dict[str, list[set[str]]]:
    """Per property of the KB, the words of each of its distinct values (folded), cached."""
    cached = kb.derived.get("value_word_sets")
    if cached is None:
        cached = kb.derived["value_word_sets"] = {p: [{fold(m.group()) for m in tokens(v)} for v in vs]
                                                  for p, vs in _stripped_values(kb).items()}
    return cached


def _stripped_values(kb: EncodedKB) -> dict[str, set[str]]:
    """Per property of the KB, its distinct values as written (stripped), cached."""
    cached = kb.derived.get("stripped_values")
    if cached is None:
        cached = kb.derived["stripped_values"] = {}
        for t in kb.triples:
            cached.setdefault(t.property, set()).add(t.value.strip())
    return cached


# "How long is each frame shown?", "the delay between frames", "X speed?", "How often does X advance?": a duration,
# which a property whose values are times holds ("80 ms", "2 s", "30 seconds")
_DURATION_ASKED = re.compile(r"\bhow\s+(?:long|often|fast|quickly|frequently)\b"
                             r"|\b(?:delay|interval|timing|speed|period|pause|timeout)s?\b", re.IGNORECASE)
_TIME_UNIT = (r"(?:ms|msecs?|milliseconds?|[µu]s|microseconds?|ns|nanoseconds?|s|secs?|seconds?|min|mins|minutes?|h|"
              r"hrs?|hours?|days?|weeks?|months?|years?)")
# ("2 h 05 min", and with a remark after it: "48 h (working days)")
_DURATION = re.compile(rf"\d+(?:\.\d+)?\s*{_TIME_UNIT}"
                       rf"(?:\s*(?:,\s*|and\s+)?\d+(?:\.\d+)?\s*{_TIME_UNIT})*(?:\s*\([^()]*\))?", re.IGNORECASE)
# ... or one led by a comparison and followed by what it is before (">= 24 hours before books are packed"; a bare "<=
# 12 ms" is a latency more often than what "how long" asks)
_TIMED = re.compile(rf"\s*(?:[<>]=?|[\u2264\u2265~]|at\s+least|at\s+most|up\s+to)\s*{_DURATION.pattern}\s+[^\W\d_]",
                    re.IGNORECASE)

# how often something happens ("every 90 days", "weekly", "twice a year"), what "how often" asks besides durations
_FREQUENCY = re.compile(r"^\s*(?:once\s+|twice\s+)?every\b|\b(?:hourly|daily|nightly|weekly|fortnightly|monthly|"
                        r"quarterly|yearly|annually)\b|\b(?:once|twice|\d+\s+times)\s+(?:a|an|per|each)\b", re.IGNORECASE)
_OFTEN = re.compile(r"\bhow\s+(?:often|frequently)\b", re.IGNORECASE)


_NONE = re.compile(r"\s*(?:no|none|n/a|not\s+applicable|nil)\b", re.IGNORECASE)


def duration_asked(masked: str, kb: EncodedKB, props: list[str]) -> list[str]:
    """The properties, of ``props``, whose values are durations (all of them, or most of three or more:
    :data:`_DURATION`), when the question asks how long, how often or how fast, or for a delay, an interval or a
    timing."""
    if not _DURATION_ASKED.search(masked):
        return []
    timed = kb.derived.get("durations")
    if timed is None:
        values = _stripped_values(kb)

        def shared(fit) -> frozenset[str]:  # all of a property's values fit, or most of three or more (a value
            # that says there is none, "no Sunday service", neither fits nor counts against)
            held = {p: [v for v in vs if not _NONE.match(v)] for p, vs in values.items()}
            return frozenset(p for p, vs in held.items() if vs and ((n := sum(bool(fit(v)) for v in vs)) == len(vs)
                             or len(vs) >= VALUE_WORD_MIN and n >= VALUE_WORD_SHARE * len(vs)))
        timed = kb.derived["durations"] = (shared(lambda v: _DURATION.fullmatch(v) or _TIMED.match(v)),
                                           shared(_FREQUENCY.search))
    often = _OFTEN.search(masked)  # "How often do keys get rotated?": "every 90 days" too
    return [p for p in props if p in timed[0] or often and p in timed[1]]


def _distinct_values(kb: EncodedKB) -> tuple[dict[str, frozenset[str]], dict[str, int]]:
    """Per property of the KB, its distinct values folded into words (:func:`_loose`), and how many triples hold it
    (cached)."""
    cached = kb.derived.get("distinct_values")
    if cached is None:
        values: dict[str, set[str]] = {}
        counts: dict[str, int] = {}
        for t in kb.triples:
            value = _loose(t.value)
            if value:
                values.setdefault(t.property, set()).add(value)
                counts[t.property] = counts.get(t.property, 0) + 1
        cached = kb.derived["distinct_values"] = ({p: frozenset(v) for p, v in values.items()}, counts)
    return cached


def categories(kb: EncodedKB) -> dict[str, frozenset[str]]:
    """Per categorical property of the KB (see :data:`CATEGORY_SHARE`), its distinct values, folded."""
    values, counts = _distinct_values(kb)
    return {p: v for p, v in values.items() if len(v) <= CATEGORY_SHARE * counts[p]}


_KIND_AFTER = re.compile(r"(?<=\w) (?:field|option|setting|value|type|mode|file|line|entry)$")  # a value's kind noun


def written_choices(masked_q: str, kb: EncodedKB, held: Iterable[Triple] = ()) -> set[str]:
    """The categorical properties one of whose values a yes/no or either/or question writes out (see the module
    docstring), and of the named entities' facts ``held``, those whose value of one or two words is an alternative
    the question offers ("Is X a male or a female plant?" of its "sex": male, a property no other entity holds);
    empty for other questions."""
    if not CHOICE.search(masked_q):
        return set()
    said = f" {_loose(masked_q)} "
    offered = {p for p, v in ((t.property, _KIND_AFTER.sub("", _loose(t.value))) for t in held)  # ("multiline field":
               if 0 < len(v.split()) <= 2 and not any(c.isdigit() for c in v)  # "folded or multiline?")
               and re.search(rf" (?:{re.escape(v)} or|or (?:an? )?(?:plain |simple |normal |ordinary )?{re.escape(v)}) ", said)}
    return offered | {p for p, values in categories(kb).items() if any(f" {v} " in said or f" {_singular(v)} " in said
                                                                       for v in values)}


_BOOLEAN = frozenset({"yes", "no", "true", "false", "enabled", "disabled", "on", "off"})


_QUALIFIED = re.compile(r"\s*(yes|no|true|false)\s*(?:[,;:(]|\s[-\u2013\u2014]\s)", re.IGNORECASE)  # "yes, on a lead"


def boolean(value: str) -> bool:
    """Whether a value is yes or no (true or false, enabled or disabled, on or off), also with a qualification after
    it ("yes, on a lead", "no (summer only)")."""
    return value.strip().rstrip(".!").casefold() in _BOOLEAN or bool(_QUALIFIED.match(value))


def prose_properties(kb: EncodedKB) -> frozenset[str]:
    """The KB's properties most of whose values are sentences (ending in a full stop, or six words or more): what
    "What does X do?" asks for of a KB that names no property for it ("checks", "same as"), cached."""
    cached = kb.derived.get("prose")
    if cached is None:
        values: dict[str, list[str]] = {}
        for t in kb.triples:
            values.setdefault(t.property, []).append(t.value.strip())
        cached = kb.derived["prose"] = frozenset(
            p for p, vs in values.items()
            if sum(v.endswith(".") and len(v.split()) >= 3 or len(v.split()) >= 6 for v in vs) > len(vs) / 2)
    return cached


def yes_no_properties(kb: EncodedKB) -> frozenset[str]:
    """The KB's properties whose every value is yes or no (true or false): what a yes/no question that writes none
    of the entity's values asks for ("Can Pillow open PCX files?" for PCX's "can read")."""
    return frozenset(p for p, v in _distinct_values(kb)[0].items() if v <= _BOOLEAN)


def _singular(value: str) -> str:
    """A number and a unit as a question writes it before a noun ("a 64-bit CPU" for "64 bits"); other values as
    they are."""
    words = value.split()
    last = words[-1]
    if len(words) >= 2 and len(last) >= 4 and last.isalpha() and last.endswith("s") and not last.endswith("ss"):
        return " ".join(words[:-1] + [last[:-1]])
    return value


def _loose(text: str) -> str:
    """The words of ``text``, letters and digits parted and a version's "v" left out (on both sides alike), so that
    "TLS 1.2" writes the value "TLSv1.2"."""
    parts = (re.sub(r"v(?=\d)", " ", m.group()) for m in tokens(text))  # tokens are case-folded
    return " ".join(w for part in parts for w in re.findall(r"\d+|[^\d\s]+", part))


def states_value(masked_q: str, value: str) -> bool:
    """Whether the question writes out every word of ``value`` ("Is X's port 21?")."""
    words = _loose(value).split()
    return bool(words) and set(words) <= set(_loose(masked_q).split())


def value_scores(masked_q: str, triples: list[int], kb: EncodedKB, encoder: Encoder, cache: EmbeddingCache
                 ) -> dict[int, float]:
    """How well each triple, stated as a sentence and as its property's profile, fits the masked question: added
    to the property score to choose among one entity's triples."""
    if not triples or not (VALUE_WEIGHT or PROFILE_WEIGHT):
        return dict.fromkeys(triples, 0.0)
    texts = [masked_q] + [f"{masked_key(kb.triples[i].property)} is {kb.triples[i].value.strip()[:VALUE_CHARS]}"
                          for i in triples] + [profiles(kb)[kb.triples[i].property] for i in triples]
    emb = cache.encode(encoder, texts)
    sims = _cosine(emb[:1], emb[1:])[0]
    n = len(triples)
    return {i: VALUE_WEIGHT * float(sims[k]) + PROFILE_WEIGHT * float(sims[n + k]) for k, i in enumerate(triples)}


_BEFORE_PLACEHOLDER = re.compile(rf"\b([^\W\d_]+)[\s-]+(?={PLACEHOLDER}\b)")


def domain_word_dropped(masked: str, kb: EncodedKB, props: list[str]) -> str:
    """The masked question without a word written right before the entity that most values of some property hold
    and no property name has ("What does git X do?" where every manual page is "git-…(1)"): it names the KB's
    domain, as a namespace does, not what is asked (and its value-word bonus would point at that property)."""
    held = _domain_words(kb)
    if not held:
        return masked
    # (nor a word of any property's name: "what's the default X?" asks for a default, also of an X without one)
    own = {fold(m.group()) for p in props for m in tokens(p)} | _property_words(kb)
    return _BEFORE_PLACEHOLDER.sub(lambda m: "" if fold(m.group(1)) in held - own and not _VERB_PLACE.search(
        masked[:m.start()]) else m.group(), masked)


# a word right after these is a verb the question uses ("if i don't set X"), no namespace of the KB's values
_VERB_PLACE = re.compile(r"\b(?:don['\u2019]?t|do\s+not|not|never|to|i|you|we|please|can|should)\s+$", re.IGNORECASE)


def _property_words(kb: EncodedKB) -> frozenset[str]:
    """The words of the KB's property names, cached."""
    cached = kb.derived.get("property_words")
    if cached is None:
        cached = kb.derived["property_words"] = frozenset(fold(m.group()) for p in {t.property for t in kb.triples}
                                                          for m in tokens(p))
    return cached


def _domain_words(kb: EncodedKB) -> frozenset[str]:
    """Every word that most values of some property hold (:func:`value_words`), cached."""
    cached = kb.derived.get("domain_words")
    if cached is None:
        cached = kb.derived["domain_words"] = frozenset().union(*value_words(kb).values())
    return cached


# A measured quantity a question asks for, and how a value measuring it is written (a number and a unit): "How far can
# X drive on a charge?" asks for the property holding "310 km", "How heavy is X?" for "2.75 kg", "What does X cost?"
# for "EUR 189.00"
_UNIT_END = r"(?![\w/])"
MEASURES = (
    (re.compile(r"\bhow\s+(?:far|high|tall|deep|wide)\b|\b(?:distance|altitude|elevation|height)\b"
                r"|\bhow\s+many\s+(?:kilomet(?:re|er)s|kms?|miles|met(?:re|er)s)\b(?!\s+(?:an?|per)\s)", re.IGNORECASE),
     re.compile(rf"\d\s*(?:km|kilomet(?:re|er)s?|m|met(?:re|er)s?|mi|miles?|ft|feet|foot|cm|mm|nmi){_UNIT_END}",
                re.IGNORECASE)),
    (re.compile(r"\bhow\s+heavy\b|\bweigh(?:s|t)?\b|\bhow\s+many\s+(?:kilos|kgs?|kilograms|tonnes|tons|grams|pounds|lbs)\b"
                r"(?!\s+(?:an?|per)\s)", re.IGNORECASE),
     re.compile(rf"\d\s*(?:kg|g|grams?|kilograms?|t|tonnes?|tons?|lbs?|pounds?|oz|ounces?){_UNIT_END}", re.IGNORECASE)),
    (re.compile(r"\bhow\s+much\s+(?:is|are|does|do|did|will|would)\b(?!.*\b(?:weigh|power|current|voltage|"
                r"memory|storage|space)\b)|\bcosts?\b|\bprice[sd]?\b|\bfares?\b|\bpay\b", re.IGNORECASE),
     re.compile(r"[£€$¥]\s*\d|\d\s*(?:EUR|USD|GBP|CHF|NOK|SEK|DKK|JPY|euros?|dollars?)\b|\b(?:EUR|USD|GBP|CHF|NOK|"
                r"SEK|DKK)\s*\d")),
    # an age ("Roughly how old is X?" of remarks "Veteran tree, est. 350-400 years old")
    (re.compile(r"\bhow\s+old\b", re.IGNORECASE), re.compile(r"\d\s*(?:years?|yrs?)\s+old\b", re.IGNORECASE)),
    (re.compile(r"\bhow\s+(?:hot|cold|warm)\b|\btemperatures?\b", re.IGNORECASE),
     re.compile(r"\d\s*(?:°\s*[CF]\b|degrees?\b)", re.IGNORECASE)),
    (re.compile(r"\bwattage\b|\bhow\s+much\s+power\b|\bhow\s+many\s+watts\b", re.IGNORECASE),
     re.compile(rf"\d\s*(?:W|kW|watts?|kilowatts?){_UNIT_END}")),
    # "How big is the plot of land X sits on?" asks for "4,850 square metres", not the number of flats in X
    (re.compile(r"\bhow\s+(?:big|large)\b|\bareas?\b|\bsquare\s+(?:met(?:re|er)s?|feet|foot)\b|\bhectares?\b|"
                r"\bacres?\b", re.IGNORECASE),
     re.compile(rf"\d\s*(?:m²|m2|sq\.?\s*(?:m|ft)|square\s+(?:met(?:re|er)s?|feet|foot)|hectares?|ha|acres?){_UNIT_END}",
                re.IGNORECASE)),
    # a volume or a flow written in its units: "How much cargo space, in cubic metres, …?", "how many litres per second"
    (re.compile(r"\bhow\s+(?:big|large)\b|\bvolumes?\b|\bcubic\b|\b(?:mega)?lit(?:re|er)s?\b(?!\s+(?:per|a|an)\s)",
                re.IGNORECASE),
     re.compile(rf"\d\s*(?:m³|m3|cubic\s+met(?:re|er)s?|(?:mega)?lit(?:re|er)s?|Ml|l){_UNIT_END}(?!\s*(?:per|/))",
                re.IGNORECASE)),
    (re.compile(r"\b(?:lit(?:re|er)s?|gallons?|cubic\s+met(?:re|er)s?)\s+(?:per|a|an)\s+(?:second|minute|hour|day)\b|"
                r"\bflow\s+rate\b|\b(?:l|m3|m³)/(?:s|h|d)\b", re.IGNORECASE),
     re.compile(r"\d\s*(?:(?:l|m3|m³|Ml)/(?:s|h|d|min)|(?:lit(?:re|er)s?|gallons?|cubic\s+met(?:re|er)s?|megalit(?:re|er)s?)"
                r"\s+(?:per|a|an)\s+\w+)", re.IGNORECASE)),
    # a rate: "how many kilos an hour can X get through?" asks for "approx. 500 kg/hr"
    (re.compile(r"\bhow\s+many\s+\w+\s+(?:an?|per|each)\s+(?:hour|minute|day|week|second)\b", re.IGNORECASE),
     re.compile(r"\d\s*[^\W\d]+\.?\s*(?:/\s*|per\s+|an?\s+)(?:hr|hour|h|min|minute|day|d|week|wk|s|sec|second)\b",
                re.IGNORECASE)),
)


_HOW_MANY_OF = re.compile(r"\bhow\s+many\s+(?:[^\W\d_]+\s+){0,2}?([^\W\d_]{3,}s)\b", re.IGNORECASE)


_HOW_MANY_UNITS = re.compile(r"\bhow\s+many\s+([^\W\d_]{2,})s\b", re.IGNORECASE)


def measure_asked(masked: str, held: list[tuple[str, str]]) -> list[str]:
    """The properties, of the named entity's (property, value) pairs ``held``, whose value measures what the
    question asks for (:data:`MEASURES`): none when the question asks for no such quantity."""
    units = [unit for asked, unit in MEASURES if asked.search(masked)]
    found = [p for p, v in held if any(u.search(v) for u in units)]
    counted = _HOW_MANY_UNITS.search(masked)  # "by how many bytes does X grow …?" of an option whose "unit" is bytes:
    if counted and any(fold(p) in ("unit", "units") and re.match(rf"\W*{re.escape(fold(counted.group(1)))}s?\b", fold(v))
                       for p, v in held):  # its numbers ("default: 1048576 (~1 MB)"), not the unit itself
        found += [p for p, v in held if re.match(r"\W*\d", v) and fold(p) not in ("unit", "units")]
    return list(dict.fromkeys(found))


def count_written(masked: str, held: list[tuple[str, str]]) -> list[str]:
    """The properties, of the named entity's (property, value) pairs ``held``, whose value counts the very things the
    question counts ("How many memory levels does X have?" of "combination system: Kimber Solid-State v3.2.1, 256
    memory levels", whose first number is a version's)."""
    things = [re.compile(rf"\d\s+(?:[^\W\d_]+\s+){{0,2}}{re.escape(m.group(1))}\b", re.IGNORECASE)
              for m in _HOW_MANY_OF.finditer(masked)]
    return list(dict.fromkeys(p for p, v in held if any(t.search(v) for t in things)))


# a free-text value of this many words or more is read for the question's own words ("Is there a fee to park?" of
# "notes: Car park free for visitors; 20 spaces")
PROSE_WORDS = 6
# words of a question that frame it rather than say what it is about ("anything I should know before …")
_FRAME = frozenset("""know need anything something thing things like tell give want wonder wondering wondered
planning going heading get got let please just actually really still there here way sort kind""".split())


def prose_shared(question_words: set[str], triples: Iterable[int], kb: EncodedKB) -> dict[str, int]:
    """Per property of ``triples`` (the named entity's) holding free text, how many word stems of the question its
    value writes that its property name does not ("how long does it stay wet after rain?" of remarks "Wet for 2–3
    days after heavy rain"): content words of three letters or more, no function or framing word, nor a word of the
    entity's name; not of a description ("summary": it says what the entity is, in the words asked about it)."""
    from .intents import STEM_CHARS  # (intents reads this module)

    said = {w[:STEM_CHARS] for w in question_words if len(w) >= 3 and w.isalpha() and w not in STOPWORDS
            and w not in _FRAME}
    found: dict[str, int] = {}
    for i in triples:
        t = kb.triples[i]
        if len(t.value.split()) < PROSE_WORDS or DESCRIBING.intersection(fold(t.property).split()[-1:]) or any(
                _CODE_PART.search(part) for part in t.value.split()):
            continue  # (what a description says is what X is: "Which events does Button support?" of its summary; a
            # signature or a list of parameters is code: "num_features, eps, momentum")
        own = {fold(m.group())[:STEM_CHARS] for m in tokens(t.property)}
        name = re.sub(r"[\W_]+", "", fold(t.name))  # nor the words of X's name ("the rotated files" of TimedRotating…)
        words = {fold(m.group()) for m in tokens(t.value)}  # ("not available" of "Unavailable during …")
        words |= {fold(w.replace("-", "")) for w in re.findall(r"\w+(?:-\w+)+", t.value)}  # "wi-fi" writes "wifi"
        written = {w[:STEM_CHARS] for w in words} | {w[2:2 + STEM_CHARS] for w in words if w.startswith("un")
                                                      and len(w) >= 6}
        shared = {w for w in written & said - own if w not in name}
        if shared:
            found[t.property] = max(found.get(t.property, 0), len(shared))
    return found
