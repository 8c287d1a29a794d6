"""Which triples a question asks about, and whether the KB can answer it at all.

The cosine similarity between a question and a key string ("the {property} of {name}") mixes two things: the entity and
the property. A question about a known entity's *missing* property still scores high against that entity's other keys,
and a question about two entities scores low against each of them, so one threshold on the raw cosine cannot tell
"unanswerable" from "asks two things" (measured in DESIGN and the README).

Here the two are separated. Entity names of the KB are found in the question as text (:mod:`entities`: any case,
possessive forms, small typos; a near miss such as "Model X9-glx" for "Model X9-dri" is *not* taken for the KB entity).
Each name is replaced by a placeholder and the masked question is compared by the matcher encoder (the KB's MiniLM with
its top layers fine-tuned on paraphrased questions, :mod:`matcher_model`; another KB encoder is used as it is) with a
few phrasings of each property the named entity really has ("the {property} of X", "X's {property}", "X {property}"), so
possessive, imperative and terse questions meet a phrasing like their own. A property whose words all occur in the
question gets a small bonus (``LEXICAL_BONUS``). The best property per named entity gives that entity's score; the
question's score is the best entity score. Question words that call for a kind of answer ("who", "which year", "how
many") restrict the choice to triples whose values are such an answer, and a named entity with none is refused ("Who
proposed X?" is not answered with a byte sequence). When no name of the KB occurs in the question, a question that
writes out a distinctive value and asks which entity holds it is matched to that value's triples (:mod:`value_lookup`);
otherwise the plain cosine to the closest key is used instead (an unknown entity then scores low), and a near miss or a
question that is not in the KB's language is marked so that a refusal can say why.

A property that fits the question better than every property the named entity has suggests the question asks for
something the entity lacks: the entity's score drops by the difference, fully when entities of the same kind hold that
property, by half for another kind's property or a generic one, and a property of the same kind written out word for
word is taken as asked for. A word most values of a property hold ("HTTPStatus", "KiB", "tcp") written in the question
points at that property. Properties written out and joined by "and" are each asked for, and a compound question ("What
version is sed, and who maintains it?") is matched clause by clause. How a question writes the properties it asks for
(whole, misspelt, abbreviated, as an acronym or one written out, joined by "and", with another identifier) and the kind
of value its words call for ("who", "how many", "two-letter") is read by :mod:`wording`; a property asked for in other
words than its name (a kind, a beginning or an end, a count, a size, what the entity does) by :mod:`intents`. A number
next to the entity picks the property of a numbered family it names ("red 500" for the "shade 500"); a number no
property of the family has asks for something missing ("gray 25").
"""

from __future__ import annotations

import re

from . import answer_shape as shape
from . import described as meaning
from . import numbered_properties
from . import rival_properties as rivals
from .answer_kinds import CALENDAR_DATE, KIND_PROPERTIES, fits_kind
from .clauses import (
    asked_inside,
    page_as_place,
    split_clauses,
)
from .contrasts import bound_unstated, contrasted, extremes
from .conversation import facts_of, resolve
from .encoder import EmbeddingCache, EncodedKB, Encoder
from .entities import fold, tokens
from .intents import (
    agent_asked,
    asks_purpose,
    asks_which_one,
    counted,
    directed,
    intended,
    intent_held,
    intent_words,
    kind_word,
    label_written,
    quantity_named,
    size_counted,
    stem,
)
from .joined import joined_phrase
from .kb_index import name_index, sibling_properties  # noqa: F401 - the matching API: engine, chat and benches read them from here
from .label_spellings import abbreviations, acronym, clipped_labels, misspelt, respelt, spelt_out
from .labels import spelled_out
from .match_result import (  # noqa: F401 - the matching API: engine, chat and benches read them from here
    DEFAULT_THRESHOLD,
    SECONDARY_MARGIN,
    QuestionMatch,
    TripleMatch,
    partly_unanswered,
)
from .mention_choice import bare_name_asked, chosen_mentions
from .numbered_properties import cased_apart, longer_label_written, numbered, other_number, told_apart
from .pointed_values import value_pointed
from .rival_properties import (  # noqa: F401 - distractors: the matching API, value_lookup reads it from here
    ASKED_ELSEWHERE,
    ASKED_ELSEWHERE_FLOOR,
    DISTRACTORS,
    MAX_KB_DISTRACTORS,
    distractors,
)
from .value_fit import (
    DESCRIBING,
    OWN_VALUE_WORDS,
    PLACEHOLDER,
    STEM_STOPWORDS,
    _cosine,
    boolean,
    count_written,
    domain_word_dropped,
    duration_asked,
    measure_asked,
    own_value_words,
    prose_shared,
    uncounted_nouns,
    value_hinted,
    value_scores,
    values_apart,
    written_choices,
)
from .weekdays import day_properties
from .wording import (
    answer_kind,
    clause_kinds,
    conjoined,
    context_dropped,
    contradicted,
    empty_heads,
    joined_names,
    kind_noun_dropped,
    labelled,
    lexical,
    mask,
    nearest_literal,
    opening,
    other_identifiers,
    other_qualifier,
    singulars,
    stems,
    verb_opened,
    writes_value,
    yes_no_only,
)

SCORE_NAME = "entity-masked-v4"  # stored with a calibrated threshold, so a threshold meets its own score
PHRASINGS = ("the {p} of X", "X's {p}", "X {p}")
LEXICAL_BONUS = 0.1  # added when every word of the property occurs in the question
# Selecting the property among the named entity's own (tuned on the OOD dev phrasings only; `bench/match_dev.py`): STEM_BONUS
# times the share of its content words whose first STEM_CHARS letters the question has ("categorise": "general category"),
# plus the fit of the value and of the property's profile (:mod:`value_fit`). A word most values of one property hold
# ("KiB"), or letters they start with ("-O" of "-O2"), written in the question point at it: VALUE_WORD_BONUS.
STEM_BONUS = VALUE_WORD_BONUS = 0.2
OWN_VALUE_BONUS = 0.2  # a word of the named entity's own value written ("in microns" of "148 microns")
PROSE_BONUS, PROSE_MOST = 0.2, 2  # per word of a free-text value written (:func:`value_fit.prose_shared`), at most 2
CHOICE_BONUS = 1.0  # per own property a yes/no or either/or question offers values of ("living or extinct?")
# A yes/no question ("Can X open PCX files?") asks for a property answered by yes or no: YES_NO_BONUS each (value_fit).
YES_NO_BONUS = 0.2
YES_NO_FLOOR = 0.275  # ... only for a property whose words it writes, or that fits this well without them
# The word after which/what/how says what is asked: ASKED_WORD_BONUS per own property with its stem or a value it starts.
ASKED_WORD_BONUS = 0.2
# A question asking for a kind of property in other words than its name ("What kind of response is X?"): INTENT_BONUS
# for each property named for it (:func:`intents.intended`); so for a beginning or an end (:func:`intents.directed`), "how many W" (`counted`).
INTENT_BONUS = 0.4
# "How large is X?", "How big is X, numerically?" asks for the quantity: QUANTITY_BONUS for an entity's property named
# for the quantity itself ("value", "amount"; :func:`intents.quantity_named`), which no size or area distractor beats.
QUANTITY_BONUS = FAMILY_BONUS = 0.2  # (FAMILY: a property's own word among a family's written, `told_apart`)
ONE_VALUE_KINDS = frozenset({"weekday", "postcode", "time of day", "range"})  # answer kinds that an entity's only value of the kind answers
_WHEN_WORDS = frozenset({"date", "time", "day", "year", "month", "hour"})  # "what date", "what time": when, not a noun
_WHEN_STEMS = frozenset(stem(w) for w in _WHEN_WORDS)
_CAPACITY = re.compile(r"\bas\s+(?:a|an|the)\s+([^\W\d_]+)", re.IGNORECASE)
_NUMBER_ALONE = re.compile(r"(?<![\w.-])\d+(?![\w.-])")  # a number written on its own ("set X to 0")
_ASKED_WORD = re.compile(r"\b(?:which|what|how)\s+(\w+)", re.IGNORECASE)
_GENERIC_STEMS = frozenset(stem(w) for w in ("value", "values", "name", "type", "description", "default"))
_CONDITION = re.compile(r"(?<=^what\shappens\s)\s*(?:if|when|once|unless)\b.*", re.IGNORECASE)
_EVER = re.compile(r"^\s*(?:is|are|does|do|can|will|must)\b[^?]*\bever\b", re.IGNORECASE)  # "is X ever required?": "when required"
_SUBJECT_VERB = re.compile(r"\b(?:i|you|we|they)\s+([^\W\d_]+)", re.IGNORECASE)
FIT_MARGIN = 0.2  # only properties scoring within this of the best are weighed by their values
DISTRACTOR_WEIGHT = 1.0  # how much a rival property that fits better counts (:mod:`rival_properties`)
# How much each kind of rival counts (times the difference). A property the named entity lacks counts fully when
# entities of its kind (:func:`kb_index.sibling_properties`) hold it ("summer time offset").
# Other kinds' properties (STRANGER_WEIGHT) and the generic list (GENERIC_WEIGHT) are weaker: a signal's "description"
# fits "What does EPERM mean?" better than the code's "message" (bench/match_dev.py).
# A property of the same kind written word for word, the chosen one not ("When daylight saving is on, what is the UTC
# offset of X?" of a zone without one), is what is asked: the score drops by WRITTEN_SIBLING_DROP; so is the word after "which", "what" or "how"
# that only such a property holds ("What degree do X's vertices have?" of a graph without the others' "regular degree").
WRITTEN_SIBLING_DROP = 1.0
OWN_CLEAR = 0.7  # ... but not for the kind the question points at (:func:`intents.intended`) when an own property fits so
# A question (not yes/no) writing the very value it would be answered with asks for something else (:func:`writes_value`).
WRITTEN_VALUE_DROP = 1.0
STRANGER_WEIGHT = GENERIC_WEIGHT = 0.5
# A property word written with the counterpart of its own modifier ("previous" of "latest version") asks for that: CONTRAST_DROP.
CONTRAST_DROP = 1.0
# Refusal thresholds of this score per (frozen) encoder id, calibrated on phrasings no evaluation uses (`python -m
# bench.match_dev --ood dev`): the highest that refuses at most 2 % of the answerable dev questions. A fine-tuned matcher
# carries its own (`--option v2-ft --write-threshold`), used unless the adapters carry one of this score.
CALIBRATED = {"sentence-transformers/all-MiniLM-L6-v2": 0.56}
ANSWER_KIND_DROP = 1.0
# names of answer_kinds.ANSWER_KINDS: "who" a person or a name unless the property is written out; "when" a date or a time
PERSON_KIND, DATE_KINDS = "person or name", ("date or time", "calendar date")
# a value that is a date beyond doubt: a year, an ISO date, a month's name with a number, a time of day
_CALENDAR = re.compile(rf"{CALENDAR_DATE}|\b\d{{1,2}}:\d\d\b", re.IGNORECASE)
# The generic DISTRACTORS are weighed by their cosine alone, without the bonus for property words written: such a word
# often says what the entity is ("Thai baht's three-digit currency number?"); a question asking for one fits closely.
GENERIC_PLAIN = True


def calibrated_threshold(matcher: Encoder) -> float | None:
    """The refusal threshold calibrated for ``matcher``: a fine-tuned matcher carries its own (in its meta.json,
    calibrated by the same rule on the OOD dev phrasings), a frozen encoder's is in :data:`CALIBRATED`."""
    own = getattr(matcher, "meta", {}).get("refusal_threshold")
    return float(own) if own is not None else CALIBRATED.get(matcher.id)


def property_scores(masked_q: str, props: list[str], encoder: Encoder, cache: EmbeddingCache,
                    plain: frozenset[str] = frozenset()) -> dict[str, float]:
    """Score of each property for a masked question: best cosine over the phrasings, plus the lexical bonus (every
    word of the property in the question) and the stem bonus (the share of its words' stems in the question);
    the properties in ``plain`` get the cosine alone."""
    texts = [masked_q] + [ph.format(p=spelled_out(p)) for p in props for ph in PHRASINGS]
    emb = cache.encode(encoder, texts)
    sims = _cosine(emb[:1], emb[1:])[0].reshape(len(props), len(PHRASINGS)).max(axis=1)
    words = {fold(m.group()) for m in tokens(masked_q)} | ({"when"} if _EVER.search(masked_q) else set())
    words |= misspelt(words, props, plain) | spelt_out(masked_q, props) | clipped_labels(masked_q, props)
    said = stems(masked_q) | {stem(w) for w in words}
    short = abbreviations(words)
    capitals = {fold(w) for w in re.findall(r"\b[A-Z]{2,5}\b", masked_q) if w != PLACEHOLDER}  # "the UA of X"
    out = {}
    for p, sim in zip(props, sims, strict=True):
        own = stems(p)
        if p in plain:
            out[p] = float(sim)
            continue
        parts = [fold(m.group()) for m in tokens(p)]
        if any(acronym(w, parts, w in capitals) for w in short | words - STEM_STOPWORDS):  # "uid" for "user ID"
            out[p] = float(sim) + LEXICAL_BONUS + STEM_BONUS
            continue
        met = sum(s in said or any(s.startswith(a) for a in short) for s in own)
        out[p] = (float(sim) + (LEXICAL_BONUS if lexical(p, words) else 0.0)
                  + (STEM_BONUS * met / len(own) if own else 0.0))
    return out


def match_question(question: str, kb: EncodedKB, encoder: Encoder, cache: EmbeddingCache | None = None,
                   matcher: Encoder | None = None) -> QuestionMatch:
    """Score how well the KB answers ``question`` and which triple answers each entity it names. ``encoder`` is
    the KB's (its key embeddings); ``matcher`` (default: the same) compares masked questions with properties: the
    fine-tuned :class:`matcher_model.MatcherEncoder` when the KB uses MiniLM.

    A compound question ("What version is sed, and who maintains it?") is matched clause by clause, each later clause
    read as a follow-up of the first that names a KB entity (pronouns or ellipsis resolved as in a conversation; "What
    port and which protocol does X use?" names it last); a clause's triple is relevant when it passes the threshold,
    the question is refused when none does. A page written as the place asked about: :func:`clauses.page_as_place`."""
    cache = EmbeddingCache() if cache is None else cache
    matcher = encoder if matcher is None else matcher
    if len(kb) == 0:
        return QuestionMatch(0.0, (), False)
    question, clauses = split_clauses(question)
    if len(clauses) < 2:
        question = bare_name_asked(question, kb)  # ("SetImageLimit?": what it is)
        return page_as_place(question, name_index(kb)[0], kb.triples, _match_one(question, kb, encoder, cache, matcher),
                             lambda q: _match_one(q, kb, encoder, cache, matcher), calibrated_threshold(matcher))
    index, by_key = name_index(kb)
    # the clause that names the entity: usually the first; "What port and which protocol does X use?" names it last
    anchor = next((c for c in clauses if index.find(c)[0]), None)
    if anchor is None:
        return _match_one(question, kb, encoder, cache, matcher)
    parts = [_match_one(c if c is anchor else resolve([{"role": "user", "content": anchor},
                                                       {"role": "user", "content": c}], index, facts_of(kb.triples, by_key)).question,
                        kb, encoder, cache, matcher) for c in clauses]
    if any(not p.named or p.near_miss is not None for p in parts):
        return _match_one(question, kb, encoder, cache, matcher)
    tops: dict[int, TripleMatch] = {}
    for p in parts:  # each clause's best triple; its other entities' best ones as the clause scores them
        for rank, m in enumerate(p.matches):
            if m.index not in tops or tops[m.index].score < m.score:
                tops[m.index] = TripleMatch(m.index, m.score, alone=rank == 0 or m.alone)
    best = max(parts, key=lambda p: p.score)
    return QuestionMatch(best.score, tuple(sorted(tops.values(), key=lambda m: m.score, reverse=True)), True,
                         tuple(dict.fromkeys(a for p in parts for a in p.assumed)), english=parts[0].english,
                         unfit=best.unfit,
                         clauses=tuple((c.strip(), p.score) for c, p in zip(clauses, parts, strict=True)))


def _match_one(question: str, kb: EncodedKB, encoder: Encoder, cache: EmbeddingCache, matcher: Encoder
               ) -> QuestionMatch:
    chosen = chosen_mentions(question, kb, encoder, cache, matcher)
    if isinstance(chosen, QuestionMatch):
        return chosen
    question, mentions, misses, english = chosen
    index, by_key = name_index(kb)
    names = list(dict.fromkeys(m.name for m in mentions))
    props = list(dict.fromkeys(kb.triples[i].property for n in names for i in by_key[n]))
    others, generic = distractors(kb, matcher, cache) if DISTRACTOR_WEIGHT else ([], frozenset())
    elsewhere = generic.intersection(ASKED_ELSEWHERE)  # the rivals counted only where a question fits them closely
    masked = joined_names(mask(question, mentions), [index.display[n] for n in names])  # "X and X kept": "X kept"
    masked = respelt(domain_word_dropped(kind_noun_dropped(context_dropped(masked, props), props), kb, props), props)
    masked = asked_inside(meaning.name_words_dropped(masked, mentions, index.display, props))  # "Tell me who wrote X": "who wrote X"
    masked = shape.head_noun_dropped(masked, kb)  # "the X records" of an archive holding "… Parish Records"
    masked = shape.own_kind_dropped(masked, [kb.triples[i] for n in names for i in by_key[n]])  # "X token"
    masked = shape.counted_things(masked, kb, props)  # "Who cast the bells at X?" asks nothing of its "bells: 10"
    sims = property_scores(masked, props + [p for p in others if p not in props], matcher, cache,
                           plain=generic if GENERIC_PLAIN else frozenset())
    noun = shape.NAMED_KIND.search(masked)  # "the X filter" where most entities are filters: what X is, not asked
    if noun and fold(noun.group(1)) in index.kinds:
        masked = masked[:noun.start(1)].rstrip() + masked[noun.end(1):]
    spelt = spelt_out(masked, props) | clipped_labels(masked, props)  # "long-term support": "LTS"; "qualifications": "quals"
    qwords = {fold(m.group()) for m in tokens(masked)} | spelt
    kind = shape.NAMED_KIND.search(masked)  # "the bz2 module": what the entity is, not what is asked
    said_values = qwords - {fold(kind.group(1))} if kind else qwords
    said_values = said_values - uncounted_nouns(kb, [i for n in names for i in by_key[n]], masked)  # "the buses at X": no count
    for p in value_hinted(kb, props, masked, said_values) if VALUE_WORD_BONUS else ():
        sims[p] += VALUE_WORD_BONUS
    yes_no = yes_no_only(masked)  # ("Is writing .X icon files supported?" asks no "image/x-icon" MIME type)
    own = [i for n in names for i in by_key[n]] if OWN_VALUE_BONUS and not yes_no else []
    capacity = {fold(m.group(1)) for m in _CAPACITY.finditer(masked)}  # "what does X hold as an instructor": no
    for p in own_value_words(kb, own, said_values - capacity):  # word of what is asked
        sims[p] += OWN_VALUE_BONUS
    for p, shared in prose_shared(said_values - capacity, [i for n in names for i in by_key[n]], kb).items():
        sims[p] += PROSE_BONUS * min(shared, PROSE_MOST)  # "the rules about stockpiles" of notes "Stockpiles not to …"
    for p in prose_shared(intent_words(masked) - qwords, [i for n in names for i in by_key[n]], kb):
        sims[p] += PROSE_BONUS  # "How long does X take?" of remarks "Turnaround 6–8 weeks …": what is asked, written
    held = [(kb.triples[i].property, kb.triples[i].value) for n in names for i in by_key[n]]
    meant = intended(masked, props)  # (where a property is named for what is asked, free text does not answer it)
    for p in intent_held(masked, held) if not meant else ():
        sims[p] += INTENT_BONUS  # "Who was X named after?" of notes "… named after founder member Jenny Whitlock"
    whole = any(meaning.describing(m, index.display.get(m.name, ""), " ".join(v for _, v in held)) for m in mentions)
    asked_stem, purpose, which_one = "", not meant and asks_purpose(masked, whole, props), not meant and asks_which_one(masked, whole, props)
    if ASKED_WORD_BONUS and not purpose:  # ("which setting chooses …" describing one: what it is, not a "setting")
        asked = _ASKED_WORD.search(masked)
        if asked and asked.group(1).casefold() not in STEM_STOPWORDS | {PLACEHOLDER.casefold()}:
            word = fold(asked.group(1))
            asked_stem = stem(word)
            heading = {kb.triples[i].property for n in names for i in by_key[n]
                       if fold(kb.triples[i].value).startswith(word)} if len(word) >= 2 else set()
            for p in props:
                if asked_stem in stems(p) or p in heading:  # "which distribution …", "how urgent …", "which RFC" (RFC1701)
                    sims[p] += ASKED_WORD_BONUS
    # "What kind of response is X?" for its "status class", "How many shape parameters …?" for its "number of …"
    counts = counted(masked, props)
    size = size_counted(masked, props)
    timed = duration_asked(masked, kb, props)
    timed = [] if meant and not set(meant) & set(timed) else timed  # ("What internet speed …?": its "broadband")
    measured, written_count = measure_asked(masked, held), count_written(masked, held)
    described = meaning.describing_properties(kb, props) if purpose else []
    if purpose and (which_one or not any(label_written(p, masked) for p in props if p not in described)):
        meant = described  # "What does X do?": its sentences, unless another label is written ("examples")
    explained = value_pointed(masked, held) or shape.why_stated(masked, held)  # "set X to -1", "which file …"
    meant = [] if explained and set(meant) <= DESCRIBING and not set(explained) & set(meant) and not which_one else meant  # ("the dot")
    members, family_asked = numbered_properties.member_by_value(masked, held, index.display.get(names[0], "")) if len(
        names) == 1 else ([], False)  # "ansi code for underlined text"
    # none by the words of an asking phrase the intents read ("if I don't set X, what level do I get?" asks its
    members = [] if meant and not set(meant) & set(members) else members  # default, not the level "don't log anything")
    unnumbered = bool(meant) and family_asked and not members  # (its family members no choice then)
    for found, bonus in ((meant, INTENT_BONUS), (directed(masked, props), INTENT_BONUS), (members, INTENT_BONUS),
                         (agent_asked(masked, props), INTENT_BONUS), (counts, INTENT_BONUS), (size, INTENT_BONUS),
                         (quantity_named(masked, props), QUANTITY_BONUS), (timed, INTENT_BONUS), (measured, INTENT_BONUS),
                         (written_count, INTENT_BONUS), (verb_opened(masked, held), INTENT_BONUS), (explained, INTENT_BONUS)):
        for p in found:
            sims[p] += bonus
    for p in (daily := day_properties(masked, props)):  # "Is X open on Sundays?" of its "Sun"; "… on weekdays?"
        sims[p] += INTENT_BONUS
    for p in told_apart({fold(m.group()) for m in tokens(masked)}, props) + cased_apart(masked, props):  # "… for an active session?" of its
        sims[p] += FAMILY_BONUS  # "allow_active" beside "allow_inactive" and "allow_any"
    for p in meant:  # "What does X's acronym stand for?" asks for the "acronym expanded", not the "acronym" it names
        sims[p] = max([sims[p]] + [sims[q] + FIT_MARGIN for q in props if stems(q) < stems(p) and q not in meant])
    for p, q in longer_label_written(masked, props):  # "the symbolic name" of a "Bundle-SymbolicName" beside its
        if sims[q] > sims[p] - FIT_MARGIN:  # "Bundle-Name": the label run together whose words it writes more of
            sims[p] = max(sims[p], sims[q] + FIT_MARGIN)
    if YES_NO_BONUS:
        states = {kb.triples[i].property for n in names for i in by_key[n] if boolean(kb.triples[i].value)}
        for p in shape.yes_no_asked(kb, props, states, masked, yes_no, sims, YES_NO_FLOOR):
            sims[p] += YES_NO_BONUS
    for p in set(written_choices(masked, kb, [kb.triples[i] for n in names for i in by_key[n]]) if CHOICE_BONUS else ()) & set(props):
        sims[p] += CHOICE_BONUS
    near = nearest_literal(question, mentions, props) if len(names) > 1 else {}
    if near:  # "How many fields do A and B have?": the count of the written property, for each of them
        near = {n: {next((c for c in counts if stems(p) <= stems(c)), p) for p in ps} for n, ps in near.items()}
    said = stems(masked) | {stem(w) for w in spelt | misspelt(qwords, props, frozenset()) | extremes(qwords)  # (typos)
                            | singulars(qwords)}  # "steps" writes the "step" of "step-free access"
    said |= {f"{w}s" for w in qwords if 3 <= len(w) <= 4 and w.isalpha()}  # "what time" writes "… times"
    expects = None if which_one else answer_kind(masked)  # ("which item limits how many processes …": not a count)
    named_for = KIND_PROPERTIES.get(expects[0]) if expects else None  # "what number do I ring for X?": its "tel."; a
    named = [p for p in props if named_for and named_for.search(spelled_out(p))]  # "why" its one "reason for rise"
    for p in named if expects and (expects[0] == "phone number" or len(named) == 1 and expects[0] == "reason") else ():
        sims[p] += INTENT_BONUS  # (a date or a version is asked for by many names)
    if expects and expects[0] in ONE_VALUE_KINDS:  # "What days does X work?" of its one value naming days, the
        of_kind = {prop for prop, value in held if expects[1].search(value)}
        for p in of_kind if len(of_kind) == 1 else ():  # remarks "Part-time, Tue–Thu 08:30–16:30"
            if expects[0] != "time of day" or not stems(p) - _WHEN_STEMS & stems(masked):  # ("What time's the soul
                sims[p] += INTENT_BONUS  # show on?" of its "slot"; not "what time is check-out" of a "check-in time")
    heads_said = said | ({"date", "time"} if expects and expects[0] in DATE_KINDS else set())  # ("When was X's latest upload?")
    # "what the X lint detects": "lint" says what X is, it writes out no "lint groups" that X lacks; nor does a word of
    # its name written again ("the Zone A2 controlled zone") or a verb after "I", "you" ("the number I type in")
    sibling_words = (qwords - (kind_said := kind_word(masked, props + others)) - empty_heads(masked) - {fold(w) for w in _SUBJECT_VERB.findall(
        masked)} - (in_name := rivals.name_written(qwords, names, [index.display.get(n, "") for n in names])))
    renamed, rivals_meant = other_identifiers(masked, others), set(intended(masked, others)) if meant else set()
    numbers = {w for w in qwords if any(c.isdigit() for c in w)}
    numbers_alone = set(_NUMBER_ALONE.findall(masked))  # (those written on their own: not the "3" of "alpha-3")
    matches, unfit_for = [], set()
    unfit_kind = expects[0] if expects else ""
    lacking = shape.options_lacking(masked, kb)  # "which localedef option …?" of a KB that names no option at all
    kinds = clause_kinds(masked, len(names)) if expects and len(names) > 1 else None  # ("X's address and Y's phone")
    masked_words = f" {' '.join(m.group() for m in tokens(_CONDITION.sub('', masked)))} "  # (for labels written as
    # they are; not in the condition of "what happens if …": "… doesn't match the repo's hash algorithm")
    for k, name in enumerate(names):
        expects = kinds[k] if kinds else expects
        owned = frozenset(kb.triples[i].property for i in by_key[name])
        pool = [i for i in by_key[name] if kb.triples[i].property in near.get(name, ())] or by_key[name]
        unfit = 0.0
        if expects:
            fitting = [i for i in pool if fits_kind(expects, kb.triples[i].property, kb.triples[i].value)
                       or kb.triples[i].property in written_count  # ("256 memory levels" after a version; "when does
                       or shape.label_asked(kb.triples[i].property, masked)]  # X run": "when run"; "when is X available?")
            if expects[0] in DATE_KINDS:  # "When was X's latest upload?": its date, not the upload ("3.7.9-2")
                fitting = [i for i in fitting if _CALENDAR.search(kb.triples[i].value)
                           and stems(kb.triples[i].property) & said] or fitting
            if not fitting and expects[0] == PERSON_KIND:  # "Who is listed as the vendor of X?": the property
                fitting = [i for i in pool if lexical(kb.triples[i].property, qwords)]  # written out, whatever it holds
            pool, unfit = (fitting, 0.0) if fitting else (pool, ANSWER_KIND_DROP)
            if not fitting:
                unfit_for.update(pool)
        if lacking:
            unfit, unfit_kind = ANSWER_KIND_DROP, shape.OPTION_KIND
            unfit_for.update(pool)
        pool = [i for i in pool if not contradicted(kb.triples[i].property, numbers)] or pool
        if any(numbered(kb.triples[i].property) and numbered(kb.triples[i].property) <= numbers for i in pool):
            # "red 500" of a palette with "shade 50" … "shade 950": the shade whose number is written
            pool = [i for i in pool if numbered(kb.triples[i].property) <= numbers]
            one = numbered_properties.number_written(sorted(owned), numbers_alone)  # ("set X to 0" of its "value 0 effect",
            pool = ([i for i in pool if kb.triples[i].property in one or label_written(kb.triples[i].property, masked)
                     and not numbered(kb.triples[i].property)] or pool) if one else pool  # unless another label is written)
        # "How many arguments does X take?" of an entity with both its "arguments" and their count ("arity")
        pool = [i for i in pool if not which_one or kb.triples[i].property in meant] or pool  # (its description)
        pool = [i for i in pool if not unnumbered or not numbered(kb.triples[i].property)] or pool
        pool = [i for i in pool if kb.triples[i].property in counts] or pool
        pool = [i for i in pool if kb.triples[i].property in timed] or pool  # "the delay between frames": a time
        best = max(pool, key=lambda i: sims[kb.triples[i].property])
        top = sims[kb.triples[best].property]
        close = [i for i in pool if sims[kb.triples[i].property] > top - FIT_MARGIN and (
            kb.triples[i].property in meant or kb.triples[best].property not in meant
            or sims[kb.triples[i].property] > top - FIT_MARGIN / 2)]  # (an intent's property well ahead is not
        # overruled by a value: "What do I :set to switch X off?" of its "negated form", not the "default": "on")
        if len(close) > 1:  # an uncertain choice: the values help decide (and cost an encoder call)
            fit = value_scores(masked, close, kb, matcher, cache)
            for i in close:  # "the default for X" asks for the default, not its "type of default"
                fit[i] -= shape.head_drop(kb.triples[i].property, heads_said, bool(set(meant) - DESCRIBING - set(described)) and kb.triples[i].property not in meant and sims[kb.triples[i].property] < max(sims[p] for p in meant) + FIT_MARGIN / 2)
            best = max(close, key=lambda i: sims[kb.triples[i].property] + fit[i])
            whole = [i for i in close if label_written(kb.triples[i].property, masked)]  # (a label of two words or more
            if len(whole) == 1 and len(stems(kb.triples[whole[0]].property)) >= 2 and stems(kb.triples[whole[0]].property) & stems(
                    kb.triples[best].property) and (  # written whole, the other not, a word of the two shared:
                    kb.triples[whole[0]].property in meant or kb.triples[best].property not in meant):  # "in what order
                best = whole[0]  # are entries sorted?" asks the "sort order", not a "same-name order" whose value sorts)
        chosen = kb.triples[best].property
        score = sims[chosen]
        if shape.YES_NO_UNFIT and yes_no and not expects:  # "Does X cover Cyrillic?": a yes/no fact or nothing
            answer = best if kb.triples[best].property in daily or shape.name_written(kb.triples[best].value, question, index, name) else shape.yes_no_answer(kb, pool, best, sims, masked, props)
            restated = None if answer is not None or not any(m.exact and m.name == name for m in mentions) else (
                shape.said_otherwise(kb, pool, masked, (question, encoder, cache)))  # (of an entity named as written)
            if answer is None and restated is None:
                unfit, unfit_kind = ANSWER_KIND_DROP, shape.YES_NO_KIND
                unfit_for.add(best)
            else:
                best = answer if answer is not None else restated
                chosen = kb.triples[best].property
                score = sims[chosen] if restated is None and not shape.stated_in_full(masked, kb.triples[best].value) else max(sims[chosen], shape.SAID_OTHERWISE_SCORE)
        kin = sibling_properties(kb, owned)  # never holds an owned property
        # a word the chosen short value writes tells no sibling apart ("Which PDUs feed X?" of "A-PDU-07A and
        # B-PDU-07B"; not the "C" of a description "Size in bytes of the C type …" for "the C macro behind X")
        value = kb.triples[best].value  # (a value that opens with a rival's word says it: "Returns true if …")
        others_here = [p for p in others if not stems(p) <= opening(value) and not rivals.says_what_it_is(p, masked, kind_said, [kb.triples[i].value for i in by_key[name]])
                       and not (yes_no and (w := stems(p) & said) and w <= stems(f"{value} {chosen}"))]  # "does X accept ipv6 addresses?": its "IPv6"
        apart = sibling_words - ({f"{m.group()}{s}" for m in tokens(value) if len(m.group()) > 2 for s in ("", "s")}
                                 if len(value.split()) <= OWN_VALUE_WORDS else set())
        drop = max((max(0.0, sims[p] - score) * (GENERIC_WEIGHT if p in generic else 1.0 if p in kin
                                                  else STRANGER_WEIGHT)
                    for p in others_here if p not in owned and rivals.telling(p, chosen, said)
                    and not (p in generic and chosen in size)  # "size" when the count is asked; nor one the
                    and not (chosen in meant and p not in rivals_meant)  # question asks in no words when it asks the
                    and not (p in elsewhere and sims[p] < ASKED_ELSEWHERE_FLOOR)), default=0.0)  # chosen one so
        # (a word of the chosen label that the rival lacks, written, says the chosen one is asked though another
        # label is written whole: "what does xpg4 getwin demand of the header parameters?" of a "getwin requirement")
        own_said = (stems(chosen) & said) - _GENERIC_STEMS
        kin_written = WRITTEN_SIBLING_DROP and not lexical(chosen, qwords) and any(  # (or a KB label written whole:
            (p in kin and lexical(p, apart) or p not in generic and p not in owned and " " in p and labelled(p, masked_words)
             and not own_said - stems(p) and not (stems(p) - stems(name)) & stems(chosen) and not {fold(m.group()) for m in tokens(p)} <= in_name)
            and rivals.telling(p, chosen, said) for p in others_here)  # "the theatre lead for X"; no word in common but
        # the name's ("minimum age" of a clinic's "age range"), nor the name's own (SizeMinBytes='s "minimum size")
        drop = max(drop, WRITTEN_SIBLING_DROP) if kin_written else drop
        # ... or, when no word of the chosen property is written, one that outscores it and has a word of its own
        if WRITTEN_SIBLING_DROP and not stems(chosen) & said and any(  # written out ("What Windows locale ID does X
            # have?" of a locale without a "Windows LCID"; "which kernel version added X" asks its "since")
                p in kin and sims[p] > score and rivals.written_words(p, chosen, apart)
                and not (chosen in meant and p not in rivals_meant) for p in others_here):
            drop = max(drop, WRITTEN_SIBLING_DROP)
        # ... or, when the question writes no word that tells them apart, one that outscores it ("the summer time
        # offset of X" of a zone without the "daylight saving offset" others have; the name's words written count)
        if WRITTEN_SIBLING_DROP and not expects and any(
                p in kin and sims[p] > score and rivals.unwritten_difference(p, chosen, said | stems(" ".join(m.said for m in mentions if m.name == name))) for p in others_here):
            drop = max(drop, WRITTEN_SIBLING_DROP)
        if WRITTEN_SIBLING_DROP and (any(not any(w <= {fold(m.group()) for m in tokens(p)} for p in owned)
                                         for w in renamed)  # "ISO 639-2/T code" of an entity with a "…/B code"
                                     or chosen in other_qualifier(masked, [chosen])):  # "number on mips" (x86/ARM)
            drop = max(drop, WRITTEN_SIBLING_DROP)
        if WRITTEN_SIBLING_DROP and asked_stem and asked_stem not in _WHEN_WORDS and chosen not in explained + meant and not any(
                asked_stem in stems(p) for p in owned) and any(  # ("On what date …" of a "retired on": a date)
                asked_stem in stems(p) for p in kin):  # "What degree do X's vertices have?" (others: "regular degree")
            drop = max(drop, WRITTEN_SIBLING_DROP)
        unit_free = score - INTENT_BONUS * (chosen in measured)  # (a unit that fits is no sign of the property:
        if WRITTEN_SIBLING_DROP and kin and unit_free < OWN_CLEAR and not stems(chosen) & said and not set(intended(
                masked, sorted(owned)) + agent_asked(masked, sorted(owned))) and set(intended(masked, sorted(
                owned | kin)) + agent_asked(masked, sorted(owned | kin))) & kin:  # "What does X do?" of a
            drop = max(drop, WRITTEN_SIBLING_DROP)  # component without the "summary" that others have; "How tall is
            # tree T-04418?" of a tree without the "height" of others, whose "girth: 2.61 m" is in metres too)
        if WRITTEN_SIBLING_DROP and numbered(chosen) and (other_number(masked, chosen, owned) or family_asked and not members):
            drop = max(drop, WRITTEN_SIBLING_DROP)  # "gray 25" where the gray palette has shades 50 … 950
        if WRITTEN_SIBLING_DROP and not lexical(chosen, qwords) and any(
                p in kin and sims[p] > score - FIT_MARGIN and values_apart(kb, p, chosen, said_values) for p in others_here):
            drop = max(drop, WRITTEN_SIBLING_DROP)  # "What does it cost per kWh at X?" of a site without a "tariff"
        if CONTRAST_DROP and (contrasted(masked, spelled_out(chosen)) or bound_unstated(masked, chosen, value, owned, kin)):  # "X's previous version" where X has a "latest version"
            drop = max(drop, CONTRAST_DROP)
        if WRITTEN_VALUE_DROP and chosen not in members and writes_value(masked, kb.triples[best].value, (
                t.value for t in kb.triples if t.property == chosen), chosen):
            drop = max(drop, WRITTEN_VALUE_DROP)  # "What's the SHA-256 fingerprint of X?" where X's hash is SHA-256
        if (told := meaning.by_description(mentions, name, best, kb, pool, [*meant, *timed, *counts, *(expects or ())], masked)) is not None:  # (it is
            best, chosen, score, drop = told, kb.triples[told].property, max(score, meaning.MEANING_LEAST), 0.0  # the question)
        elif shape.said_in_value(masked, kb.triples[best].value, yes_no) or (yes_no or len(names) > 1) and shape.name_written(kb.triples[best].value, question, index, name):  # "Is X used by Linux init?" of "… not used
            score, drop = max(score, meaning.MEANING_LEAST), 0.0  # by Linux init(1)": what the value says
        setting = shape.catch_all({kb.triples[i].property: kb.triples[i].value for i in by_key[name]}, masked)
        if setting is not None and not unfit and not (which_one and not shape.kind_in_values(masked, [v for _, v in held])):  # a setting's value answers whatever is asked of it but its meaning,
            best, chosen = next(i for i in by_key[name] if kb.triples[i].property == setting), setting
            # or a property its kin hold, written out ("Which C macro does X correspond to?"); found by its meaning
            # (a mention of no width), as sure as that match ("How many days can a password be used …?": its value)
            score = max(score, sims[setting] + shape.CATCH_ALL_BONUS, meaning.MEANING_LEAST * any(m.whole for m in mentions))
            drop = WRITTEN_SIBLING_DROP if kin_written else 0.0
        matches.append(TripleMatch(best, score - DISTRACTOR_WEIGHT * drop * (not which_one) - unfit))  # (which one X is: no rival)
        if len(names) == 1:  # "the alpha-2 code and the numeric code of X": each of them, at the entity's score
            also = (set(conjoined(question, mentions, sorted(owned))) | set(members)) - {chosen}
            matches += [TripleMatch(i, matches[-1].score) for i in by_key[name] if kb.triples[i].property in also]
            for prop, prop_score in joined_phrase(masked, sorted(owned), lambda q, ps: property_scores(q, ps, matcher, cache)).items():
                if prop != chosen and prop not in also:  # "the hex code and the RGB triplet for X"
                    matches += [TripleMatch(i, prop_score, alone=True) for i in by_key[name]
                                if kb.triples[i].property == prop]
    matches.sort(key=lambda m: m.score, reverse=True)
    assumed = tuple(dict.fromkeys((m.said, index.display[m.name]) for m in mentions if not m.exact))
    unfit = unfit_kind if matches[0].index in unfit_for else ""
    return QuestionMatch(matches[0].score, tuple(matches), True, assumed, english=english, unfit=unfit)
