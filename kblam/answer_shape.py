"""Where the shape of a question or of the entity it names settles what the property cosines cannot.

- A question answered by yes or no alone ("Does X cover Cyrillic?") is answered by a yes/no fact, a fact whose words
  or value it writes, or a choice among a property's values; else the KB does not hold what it asks
  (:func:`yes_no_answer`).
- A setting, an entity holding a "value" and at most a description, is asked for its value unless the question asks
  what it means (:func:`catch_all`).
- Of properties that score alike, an "A of B" whose A the question does not write is the less likely one
  (:func:`unwritten_head`: "the default for X" is not its "type of default").
"""

from __future__ import annotations

import re

from .encoder import EmbeddingCache, EncodedKB, Encoder
from .entities import STOPWORDS, NameIndex, fold, tokens
from .intents import NAMED_KIND, intended, intent_held, stem
from .labels import PAGE_LABEL
from .value_fit import (
    CHOICE,
    PLACEHOLDER,
    STEM_STOPWORDS,
    _cosine,
    _distinct_values,
    boolean,
    prose_shared,
    states_value,
    value_words,
    written_choices,
    yes_no_properties,
)
from .wording import stems

# An entity that holds a "value" and at most one other property (a setting and its description: "Which group owns the
# terminals? TTYGROUP", "SYSLOG_SG_ENAB setting?") is asked for that value unless the question asks what it means:
# chosen, scored this much above its own cosine, and not marked down for generic properties that fit better
CATCH_ALL = frozenset({"value", "setting", "current value"})
CATCH_ALL_BONUS = 0.3
_MEANING = re.compile(rf"\b(?:mean\w*|represent\w*|signif\w*|denot\w*|control\w*|purpose|describ\w*|description|"
                      rf"explain\w*|document\w*|comment\w*|summary|used\s+for)\b|\bwhat\s+(?:does|do|did)\s+(?:the\s+)?(?:{PLACEHOLDER}|it|this|that)\b"
                      rf".*\bdo\b|\b(?:for|about)\s*(?:[?.!]|$)|\bwhat\s+(?:changes|happens)\b", re.IGNORECASE)
# Of properties that score alike, one named "A of B" whose A the question does not write while it writes B ("What's
# the default for X?" and a "type of default") counts this much less in the choice (0 turns it off)
UNWRITTEN_HEAD_DROP = 0.1
# A question answered by yes or no alone whose chosen property is no yes/no one, writes none of its words nor its
# value and is no choice among its values ("Does X cover Cyrillic?" answered by X's glyph count) asks for something
# the KB does not hold: refused like any other question whose answer kind no value is (0 turns it off)
YES_NO_KIND = "yes or no"
# a value that answers "Is there any …?" or "Do they have to pay anything?" with no ("joining fee: none")
_NOTHING = re.compile(r"(?:none|nil|nothing)\.?", re.IGNORECASE)
_RULE = re.compile(r"(?:must|may|can|cannot|can't|should|shall|only|never|always)\b", re.IGNORECASE)  # a rule answers yes/no
YES_NO_UNFIT = True
YES_NO_PROSE_WORDS = 2  # ... unless a free-text value of the entity writes this many of its words
# ... or whose sentence is closest to the question by this cosine at least, this far ahead of the entity's next
# ("does dircolors check the flags I put in OPTIONS?" of its "validation: dircolors does not verify the validity of
# these options"); a sentence of PROSE_SENTENCE words or more
YES_NO_VALUE_LEAST, YES_NO_VALUE_MARGIN, PROSE_SENTENCE, SAID_OTHERWISE_SCORE = 0.6, 0.08, 6, 0.45
# "can I write 1 instead of yes?": a value that writes both ("can also be specified as 1 for yes")
_INSTEAD = re.compile(r"([\w.-]+)['\"]?\s+(?:instead\s+of|rather\s+than|in\s+place\s+of)\s+['\"]?([\w.-]+)", re.IGNORECASE)
# "Is X a tier 1 target?": what the question says the entity is, which names no property asked for
PREDICATE = re.compile(rf"^\W*(?:(?:and|so|but)\W+)?(?:is|are|was|were)\s+(?:the\s+)?{PLACEHOLDER}\s+"
                       rf"(?:an?|the|one\s+of\s+the)\s+(.+?)\s*[?.!]*$", re.IGNORECASE)


# "Is X turned on?", "X on or off?", "Is X enabled?": the state of a setting, which its boolean value says
_ON_OFF = re.compile(r"\b(?:turned|switched|set)\s+(?:on|off)\b|\b(?:enabled|disabled)\b|\bon\s+or\s+off\b"
                     r"|\boff\s+or\s+on\b", re.IGNORECASE)


_WH_OPEN = re.compile(r"^\W*(?:(?:and|so|ok|okay)\W+)?(?:how|what|which|who|whom|where|when|why)\b", re.IGNORECASE)


def yes_no_asked(kb: EncodedKB, props: list[str], states: set[str], masked: str, yes_no: bool,
                 sims: dict[str, float], floor: float) -> list[str]:
    """The properties, of ``props``, that a yes/no or either/or question asks for other things equal: those whose
    every value is yes or no (or, for a question answered by yes or no alone, of ``states``: the entity's properties
    whose value is one) when the question writes a word of theirs or, opening with no question word, they score
    ``floor`` without it ("Is X deprecated?" is no question for its boolean "default"); a question about a setting's state ("Is X turned on?",
    "X on or off?") asks for ``states`` whatever they score."""
    on_off = bool(_ON_OFF.search(masked))
    if not (CHOICE.search(masked) or on_off):
        return []
    flags = (yes_no_properties(kb) & set(props)) | (states if yes_no or on_off else set())
    written = stems(masked)
    asks = not _WH_OPEN.match(masked)  # "How do passengers board at X - is it stairs or something else?" asks how
    return [p for p in flags if stems(p) & written or asks and sims[p] >= floor or on_off and p in states]


def _about_itself(name: str, value: str) -> bool:
    """Does the value state something of the entity in a sentence whose subject it is ("Trailing spaces are ignored
    unless they are quoted" of "trailing spaces")? Such a sentence answers a yes/no question about the entity."""
    words = [fold(m.group()) for m in tokens(name)]
    opening = [fold(m.group()) for m in tokens(value)][:len(words)]  # ("Slice units cannot be templated" of "slice unit")
    plural = len(opening) == len(words) and opening[:-1] + [opening[-1].removesuffix("s")] == words
    return len(words) > 1 and (opening == words or plural) and len(value.split()) > len(words) + 2


def stated_in_full(masked: str, value: str) -> bool:
    """Whether the question writes every word of a value of two words or more ("the core Git commands")."""
    return len(value.split()) >= 2 and states_value(masked, value)


def yes_no_answer(kb: EncodedKB, pool: list[int], best: int, sims: dict[str, float], masked: str, props: list[str]
                  ) -> int | None:
    """The triple of ``pool`` that answers a question answered by yes or no alone, whose choice so far is ``best``:
    ``best`` itself when its property or value is yes or no (or none), the question writes a word of its property (not as
    what the entity is: "Can I submit a X request from a form?" asks nothing of its "request body") or its
    value (all of it, or a word of four letters or more), its value states a rule ("must begin with …"), or asks for
    one of the property's values or for the kind
    of property it is; else a triple of ``pool`` whose value is yes or no and that outscores it (one the values' fit
    passed over: "Is writing .ico files supported?" for its "can write", not its file extensions); else None (no
    triple answers it). A sentence whose subject is the entity answers too (:func:`_about_itself`); and see
    :func:`said_otherwise`."""
    chosen, value = kb.triples[best].property, kb.triples[best].value
    yes_nos = yes_no_properties(kb)
    written = stems(masked)
    named = NAMED_KIND.search(masked)
    if named and stems(named.group(1)) != stems(chosen):  # unless the kind is the property ("paste the X emoji")
        written -= stems(named.group(1))
    predicate = PREDICATE.search(masked)
    if predicate and not stems(chosen) <= stems(predicate.group(1)):  # "Is X a tier 1 target?" asks nothing of its
        # "target family" (a value it states still answers); "Is X the default journaling mode?" asks its "default"
        written -= stems(predicate.group(1))
    # "Is X back in service yet?": "Returned to service 2024-04-06 after a 9-year rebuild" (a word of four letters or
    # more, not one most of the property's values write: not the "image" of "image/x-xpixmap" for "… an image to xpm")
    worded = stems(" ".join(w for w in value.split() if len(w) >= 4 and fold(w) not in STOPWORDS)) - stems(
        " ".join(value_words(kb).get(chosen, ())))
    numbered = written | {f"{w}s" for w in written} | {w[:-1] for w in written if w.endswith("s")}  # "my dog" of "dogs"
    numbered |= {p for p in stems(chosen) for w in (fold(m.group()) for m in tokens(masked))
                 if len(p.rstrip("s")) >= 4 and w.endswith(p.rstrip("s")) and len(w) >= len(p.rstrip("s")) + 3}
    # (a compound that ends with it: "a campfire" of "fires")
    if (chosen in yes_nos or boolean(value) or _NOTHING.fullmatch(value.strip()) or stems(chosen) & numbered
            or fold(chosen).split()[-1:] in (["status"], ["state"]) or _RULE.match(value.strip())  # "Is X actually on air yet?" of "Licence applied for"
            or states_value(masked, value) or worded & written or chosen in written_choices(masked, kb)
            or chosen in intended(masked, props) or _about_itself(kb.triples[best].name, value) or _derived(chosen, masked)):
        return best
    stated = [i for i in pool if stated_in_full(masked, kb.triples[i].value)]
    if stated:  # another value the question writes in full: "do the core git commands read X too?" of its "not used
        return max(stated, key=lambda i: sims[kb.triples[i].property])  # by: the core Git commands"
    asked = {w for w in _content_words(masked) if len(w) >= 4 and stem(w) in written} - _written(kb.triples[best].name)
    labelled = [i for i in pool if any(w.startswith(a) for w in _written(kb.triples[i].property) for a in asked)]
    if len(labelled) == 1:  # the one property whose label the question writes a word of: "can I edit X by hand?" of
        return labelled[0]  # its "direct editing: not intended to be modified directly"
    flags = [i for i in pool if (kb.triples[i].property in yes_nos or boolean(kb.triples[i].value))
             and sims[kb.triples[i].property] > sims[chosen]]
    if flags:
        return max(flags, key=lambda i: sims[kb.triples[i].property])
    # free text that says it in the question's words: "Is X the right stop for the bus station?" of notes "…
    # passengers for the bus station should stay on to the next stop"
    shared = prose_shared({fold(m.group()) for m in tokens(masked)}, pool, kb)
    told = [i for i in pool if shared.get(kb.triples[i].property, 0) >= YES_NO_PROSE_WORDS]
    if not told:  # free text that states what is asked in other words (:func:`intents.intent_held`): "is X honoured by
        held = intent_held(masked, [(kb.triples[i].property, kb.triples[i].value) for i in pool])  # setuid programs?"
        told = [i for i in pool if kb.triples[i].property in held]  # of notes "ignored in set-user-ID … programs"
        return max(told, key=lambda i: sims[kb.triples[i].property]) if told else None
    return max(told, key=lambda i: (shared[kb.triples[i].property], sims[kb.triples[i].property])) if told else None


_NOUN_ENDINGS = ("ature", "ation", "ition", "ion", "ure", "ment")


def _derived(prop: str, masked: str) -> bool:
    """Whether the question writes a verb in "-ed" whose noun is a word of ``prop`` ("can a X be gpg signed?" of its
    "signature", "is X compressed" of its "compression")."""
    said = {fold(m.group())[:-2] for m in tokens(masked) if fold(m.group()).endswith("ed") and len(m.group()) >= 6}
    return any(w.startswith(base) and w[len(base):] in _NOUN_ENDINGS for w in (fold(m.group()) for m in tokens(prop))
               for base in said)


def said_otherwise(kb: EncodedKB, pool: list[int], masked: str, asked: tuple[str, Encoder, EmbeddingCache]
                   ) -> int | None:
    """Where :func:`yes_no_answer` finds none, the triple of ``pool`` whose value states what the yes/no question
    asks in words of its own, or None: the one value that writes both words of "A instead of B", or the sentence of
    ``pool`` closest to the question (``asked``: the question, the KB's encoder and its cache) by far
    (:data:`YES_NO_VALUE_LEAST`). Such an answer scores :data:`SAID_OTHERWISE_SCORE` at least."""
    for instead in _INSTEAD.finditer(masked):
        pair = {fold(instead.group(1)), fold(instead.group(2))}
        both = [i for i in pool if pair <= {fold(m.group()) for m in tokens(kb.triples[i].value)}]
        if len(both) == 1:
            return both[0]
    prose = [i for i in pool if len(kb.triples[i].value.split()) >= PROSE_SENTENCE]
    if not prose:
        return None
    question, encoder, cache = asked
    near = _cosine(cache.encode(encoder, [question]), kb.value_emb[prose].float().numpy())[0].tolist()
    ranked = sorted(zip(near, prose, strict=True), reverse=True)
    ahead = ranked[0][0] - (ranked[1][0] if len(ranked) > 1 else 0.0)
    return ranked[0][1] if ranked[0][0] >= YES_NO_VALUE_LEAST and ahead >= YES_NO_VALUE_MARGIN else None


def catch_all(values: dict[str, str], masked: str) -> str | None:
    """The property of :data:`CATCH_ALL` that answers the question about an entity (its ``values`` by property)
    holding only it and at most a description (a value of four words or more), unless the question asks what the
    entity means or does (None then, and for other entities: a constant's "value" and "unit" are two answers)."""
    found = [p for p in values if p.casefold() in CATCH_ALL]
    others = [v for p, v in values.items() if p not in found]
    if len(found) != 1 or len(others) > 1 or any(len(v.split()) < 4 for v in others) or _MEANING.search(masked):
        return None
    return found[0]


def unwritten_head(prop: str, said: set[str]) -> bool:
    """Whether ``prop`` is "A of B" and the question (its stems ``said``) writes B but no word of A."""
    head, of, rest = prop.partition(" of ")
    return bool(of) and not stems(head) & said and bool(stems(rest) & said)


def head_drop(prop: str, said: set[str], unmeant: bool) -> float:
    """What a close rival property loses for the noun heading it that the question (its stems ``said``) leaves out:
    :data:`UNWRITTEN_HEAD_DROP` for :func:`unwritten_head`; a whole point where another property, no describing one,
    is what the question's words ask (``unmeant``) and ``prop`` is words ending in a noun the question leaves out, with another
    of them written ("man page date" beside the "see also" of "related man pages for X?")."""
    if unwritten_head(prop, said):
        return UNWRITTEN_HEAD_DROP
    words = [stem(fold(m.group())) for m in tokens(prop) if fold(m.group()) not in STEM_STOPWORDS]
    return 1.0 if unmeant and len(words) > 1 and words[-1] not in said | stems("value field") and set(words[:-1]) & said else 0.0


# "the bells at X", "the X bells", "the bell in X": the things a count property of X counts, named as what the
# question is about rather than as what it asks (its "bells: 10" for "Who cast the bells at X?")
_THINGS_AT = re.compile(rf"\bthe\s+(\w+)\s+(?:at|in|on)\s+(?:the\s+)?{PLACEHOLDER}\b|\bthe\s+{PLACEHOLDER}\s+(\w+)\b")
# ... unless the question asks for them: "What are the seats in X?", "and the X seats?"
_ASKS_THEM = re.compile(r"\W*(?:(?:and|so|ok|okay)\W+)?(?:(?:what|which)(?:['\u2019]s|\s+(?:is|are|was|were))?\s+)?",
                        re.IGNORECASE)
_YEAR = re.compile(r"1[5-9]\d\d|20\d\d")  # "1951 Festival of Britain scrapbook" starts with a year, not a count
_COUNT_ASKED = re.compile(r"\bhow\s+many\b|\bnumber\s+of\b|\bcount\b", re.IGNORECASE)


def counted_things(masked: str, kb: EncodedKB, props: list[str]) -> str:
    """The masked question without the word that names the things one of ``props`` counts (a property named by a
    plural noun, every value of which in the KB starts with a whole number: "10", "3 (chime)"), where the question
    names them as what it is about ("What does the writing on the bells at X say?", "how are the X bells hung?")
    and asks no count."""
    found = _THINGS_AT.search(masked)
    if not found or _COUNT_ASKED.search(masked) or _ASKS_THEM.fullmatch(masked[:found.start()]):
        return masked
    start, end = found.span(1) if found.group(1) else found.span(2)
    word = fold(masked[start:end])
    values = _distinct_values(kb)[0]
    counts = [p for p in props if fold(p) in (word, word + "s") and fold(p).endswith("s")
              and all(v.split()[0].isdigit() and not _YEAR.fullmatch(v.split()[0]) for v in values.get(p, ("-",)))]
    return " ".join(f"{masked[:start]} {masked[end:]}".split()) if counts else masked


def _head_nouns(kb: EncodedKB) -> frozenset[str]:
    """The last words of the KB's names, singular and plural, that are no word of its properties nor a stopword:
    written right after a name ("the Fennick Brewery records" of an archive holding "St Bride's Parish Records"),
    such a noun says what kind of thing the entity is, not what is asked. Cached on the encoded KB."""
    cached = kb.derived.get("head_nouns")
    if cached is None:
        heads = {words[-1].group() for n in {t.name for t in kb.triples} for words in [tokens(n)]
                 if len(words) > 1 and words[-1].group().isalpha()}
        said = {m.group() for p in {t.property for t in kb.triples} for m in tokens(p)}  # "group" of "lint groups"
        cached = kb.derived["head_nouns"] = frozenset(_numbers(heads) - _numbers(said) - STOPWORDS)
    return cached


def _numbers(words: set[str]) -> set[str]:
    """The words, each also without a plural "s" and with one."""
    return words | {w[:-1] for w in words if w.endswith("s")} | {f"{w}s" for w in words}


def head_noun_dropped(masked: str, kb: EncodedKB) -> str:
    """The masked question without a noun written right after the entity that ends other names of the KB ("the X
    records" where collections are named "… Parish Records", "… Papers"): it says what X is (:func:`_head_nouns`)."""
    noun = _AFTER_NAME.search(masked)
    if noun and fold(noun.group(1)) in _head_nouns(kb):
        return masked[:noun.start(1)].rstrip() + masked[noun.end(1):]
    return masked


# the word after the name, not a verb after an auxiliary ("Which direction does X face?")
_AFTER_NAME = re.compile(rf"(?<!\bdoes\s)(?<!\bdo\s)(?<!\bdid\s)(?<!\bcan\s)(?<!\bwill\s)(?<!\bwould\s)(?<!\bcould\s)"
                         rf"(?<!\bshould\s)(?<!\bmay\s)(?<!\bmust\s)\b{PLACEHOLDER}\s+([^\W\d_]+)\b", re.IGNORECASE)
_KIND_PROPERTIES = frozenset({"kind", "type", "category", "class"})
# a noun after the name in the subject of an auxiliary's question that says what kind of thing it is, then the verb
# and the question's end ("when does the X signal fire", "what does the X method return?", "how is the X section
# terminated?"); not a verb right after the name ("when do the X get together", "when did the X first start running")
# nor a noun going on ("what does the X key usage mean")
_SUBJECT_KINDS = (r"signal|method|property|function|call|option|flag|setting|variable|field|file|directory|command|"
                  r"service|unit|interface|object|section|table|map|macro|constant|module|library|program|daemon|"
                  r"socket|event|message|parameter|argument|entry|record|header|struct|structure|attribute|element|"
                  r"directive|hook|routine|syscall|ioctl|builtin")
_SUBJECT_NOUN = re.compile(rf"\b(?:does|do|did|can|could|will|would|should|may|might|must)\s+(?:the\s+|an?\s+)?{PLACEHOLDER}"
                           rf"\s+({_SUBJECT_KINDS})\s+([a-z]{{3,}})\s*(?:[?.!,;]|$)"
                           rf"|\bhow\s+(?:is|are|was|were)\s+(?:the\s+|an?\s+)?{PLACEHOLDER}\s+({_SUBJECT_KINDS})\s+([a-z]{{3,}}(?:ed|en))\s*(?:[?.!,;]|$)",
                           re.IGNORECASE)
_PAGE_AFTER = re.compile(rf"\b{PLACEHOLDER}\s+((?:man(?:ual)?\s+)?page|manpage)\b", re.IGNORECASE)  # a man page's


def own_kind_dropped(masked: str, held: list) -> str:
    """The masked question without the word right after the name that says what the named entity is, by the last word
    of its own "kind" ("origin token - what does it expand to?" of $ORIGIN, a "dynamic string token"; "the SIOCINQ
    ioctl"): what the entity is, not what is asked (a rival's "expands tokens" is no property asked for); unchanged
    where that word is a word of one of its properties' names. ``held``: the named entities' triples."""
    if (page := _PAGE_AFTER.search(masked)) and any(PAGE_LABEL.fullmatch(t.property.strip()) for t in held):
        return masked[:page.start(1)].rstrip() + masked[page.end(1):]  # "what does the X man page describe"
    found = _AFTER_NAME.search(masked)
    if not found:
        return masked
    word = fold(found.group(1))
    kinds = {fold(m.group()) for t in held if fold(t.property) in _KIND_PROPERTIES for m in tokens(t.value)[-1:]}
    named = {fold(m.group()) for t in held for m in tokens(t.property)}
    subject = _SUBJECT_NOUN.search(masked)  # "what does the X signal carry?": the noun is the subject's, the verb asks
    if subject is not None and found.start(1) in (subject.start(1), subject.start(3)) and fold(
            subject.group(2) or subject.group(4)) not in named:  # (not "what does the X field count?" of a "count")
        kinds.add(word)
    if word not in kinds and word.removesuffix("s") not in kinds or word in named:
        return masked
    return masked[:found.start(1)].rstrip() + masked[found.end(1):]


_ASKING_LABEL = re.compile(r"^(?:when|where|who|how)\s|\s+when$")  # a label that is itself a question ("when run",
# "when it runs"), or a rule's condition after its verb ("sent when", "emitted when")
_LABEL_PRONOUNS = frozenset({"it", "its", "is", "are", "they", "them", "one"})
# a question asking when something happens, as a rule rather than a date ("When does the X signal fire?")
_WHEN_AS_A_RULE = re.compile(r"^\W*when\s+(?:does|do|is|are|will|would|can|should|must)\b", re.IGNORECASE)


def label_asked(prop: str, masked: str) -> bool:
    """Whether the question asks for ``prop`` by its own words, whatever kind of answer its asking word wants: a label
    that is itself a question written but for its pronoun ("when does X run" of a "when it runs"), or a label of one word
    naming what can be done, written in another form ("when is X available" of an "availability"; not a "contractor"
    of "when does the contract …")."""
    said = {w.removesuffix("s") for w in stems(masked)}
    words = [fold(m.group()) for m in tokens(prop)]
    if _ASKING_LABEL.search(prop):  # (any "when …" label of a question asking when it happens, in the present: "when
        return {stem(w).removesuffix("s") for w in words if w not in _LABEL_PRONOUNS} <= said or (  # does X fire" of
            "when" in (words[0], words[-1]) and _WHEN_AS_A_RULE.search(masked) is not None)  # its "when sent")
    return len(words) == 1 and words[0].endswith(("ability", "ibility")) and words[0] not in {
        fold(m.group()) for m in tokens(masked)} and stem(words[0]).removesuffix("s") in said


def name_written(value: str, question: str, index: NameIndex, name: str) -> bool:
    """Whether a value that is a KB name (a path maybe) other than the entity ``name`` asked about is written in the
    question, whole or by its file's name: what a yes/no question asks of it ("can i put a LC_IDENTIFICATION line in
    locale.conf?" of "configurable in: /etc/locale.conf"); or that writes another KB name the question writes ("is it
    hard to go back from ext3 to ext2?" of ext3's "It is easy to switch back and forth between ext2 and ext3")."""
    value = value.strip()
    if index.key_of(value) in index.display and index.key_of(value) != name and any(
            re.search(rf"(?<![\w./-]){re.escape(v)}(?![\w/-])", question) for v in {value, value.rsplit("/", 1)[-1]} if len(v) >= 3):
        return True
    others = {m.name for m in index.find(question)[0] if m.exact} - {name}
    return bool(others and others & {m.name for m in index.find(value)[0] if m.exact})


def said_in_value(masked: str, value: str, yes_no: bool) -> bool:
    """Whether a question answered by yes or no writes words the chosen value writes, all of its own content words
    (two or more, whole): "Is X used by Linux init?" of "Exit status of a process …; not used by Linux init(1)"; or
    one of four letters or more that a value stating a rule writes ("can X be zero?" of "must not be zero"). The
    value says it, so no rival property that fits the question's words better is asked."""
    words = _content_words(masked)
    alone = len(words) == 1 and len(next(iter(words))) >= 4 and _RULE.match(value.strip())
    return yes_no and (len(words) >= 2 or bool(alone)) and words <= _written(value)


def _content_words(masked: str) -> set[str]:
    """The words of a masked question that say what it asks: neither stopwords nor the entity's placeholder."""
    return {fold(m.group()) for m in tokens(masked)} - STOPWORDS - {fold(PLACEHOLDER)}


def _written(value: str) -> set[str]:
    return {fold(m.group()) for m in tokens(value)}


_WHY = re.compile(r"\W*why\b", re.IGNORECASE)
_REASONS = frozenset({"reason", "reasons", "purpose", "rationale", "why", "motivation"})


def why_stated(masked: str, held: list[tuple[str, str]]) -> list[str]:
    """The one property, of ``held`` (property, value), whose value writes every content word (two or more) of a
    question asking why ("why is X never -2**31?" of "never equal to -2**31, to let 32-bit clients negate it"): the
    value states what is asked about, and why."""
    if not _WHY.match(masked) or any(fold(p) in _REASONS for p, _ in held):  # (its "purpose" says why)
        return []
    words = _content_words(masked) - {"why"}
    stating = [p for p, v in held if len(words) >= 2 and words <= _written(v)]
    return stating if len(stating) == 1 else []


_WHICH_KIND = re.compile(r"\W*(?:which|what)\s+([a-z]+)\b(?:\s+([a-z]+)\b)?", re.IGNORECASE)


def kind_in_values(masked: str, values: list[str]) -> bool:
    """Whether the kind of thing a which-question asks for (one of the two words after "which": "fields" of "Which
    fields can regular users change …") is a word the entity's values write ("Which fields may be changed …" of
    CHFN_RESTRICT): its value is that choice, not the entity what is asked for ("which record type stores the time of
    the system boot" of BOOT_TIME, whose "Time of system boot" writes no "type")."""
    asked = _WHICH_KIND.match(masked)
    words = {stem(fold(w)).removesuffix("s") for w in (asked.groups() if asked else ()) if w and fold(w) not in STOPWORDS}
    return any(stem(fold(m.group())).removesuffix("s") in words for v in values for m in tokens(v))


# "which localedef option points it at …?", "which pkgconf command-line flag selects X?": an option of a program asked
_OPTION_ASKED = re.compile(r"\bwhich\s+(?:\S+\s+){1,2}?(?:command[-\s]line\s+)?(?:option|flag|switch)\b", re.IGNORECASE)
_OPTION_HELD = re.compile(r"\b(?:options?|flags?|switch(?:es)?|arguments?)\b|(?<![\w-])--?[A-Za-z]", re.IGNORECASE)
OPTION_KIND = "command-line option"


def options_lacking(masked: str, kb: EncodedKB) -> bool:
    """Whether the question asks which option of a program does something (the program named before "option"; not
    "which option sets …", which asks which entity), of a KB that names no option, flag or switch anywhere (no label
    or value writes one, nor a "-x"): it asks for what the KB lacks."""
    if not _OPTION_ASKED.search(masked):
        return False
    held = kb.derived.get("options")
    if held is None:
        held = kb.derived["options"] = any(_OPTION_HELD.search(f"{t.name} {t.property} {t.value}") for t in kb.triples)
    return not held

