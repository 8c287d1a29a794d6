"""Which KB entities a question names: the names written in it (:mod:`entities`), read again where the question names
something else by them or names nothing (a variant of a name, a position, a value it writes, a description, a page
addressed as "this man page", the one entity doing what is asked), before :mod:`matching` weighs their properties."""

from __future__ import annotations

import re

import numpy as np

from . import described as meaning
from .answer_kinds import fits_kind
from .clauses import addressed_entity, cited_place, page_beside, page_written
from .compound_names import variant_named
from .encoder import EmbeddingCache, EncodedKB, Encoder
from .entities import fold
from .intents import asks_which_one
from .joined import joined_to
from .kb_index import name_index
from .language import looks_english
from .match_result import QuestionMatch, TripleMatch
from .mentions import Mention, NearMiss
from .not_names import asked_kind, plain_misses_dropped
from .typos import english_form
from .value_fit import _cosine
from .value_lookup import actor, defined_in_value, label_holder, label_naming, match_by_value, stands
from .wording import answer_kind, stems

_BARE = re.compile(r"[\s\"'`]*(?:\(\))?[\s\"'`]*[?.!]*\s*")  # around a name written alone (its "()" too)
_BARE_MOST_WORDS = 8  # a question of more words is no name written alone
CLOSEST_KEYS, CLOSEST_NAMES = 20, 3  # a refusal for a question naming no KB entity lists the closest names


def _page_of_kind(question: str, kb: EncodedKB, index, guessed: list[int]) -> Mention | None:
    """The page the KB is about, addressed as "this page", where the question expects a kind of answer (a version, a
    date) that the page holds and the entity its words describe (its triples ``guessed``) does not; or where it writes
    more words of one of the page's labels than of any of that entity's ("what the man page recommends prefixing the
    filenames with" of the page's "recommended filename prefix", not /dev/null's "filename")."""
    page = addressed_entity(question, kb.triples, "")
    if page is None:
        return None
    kind = answer_kind(question)
    if kind is not None and not any(fits_kind(kind, kb.triples[i].property, kb.triples[i].value) for i in guessed) and any(
            fits_kind(kind, t.property, t.value) for t in kb.triples if t.name == page[0]):
        return Mention(index.key_of(page[0]), page[1].start(), page[1].end(), page[1].group(), False)
    said = stems(question)
    own = max((len(stems(t.property) & said) for t in kb.triples if t.name == page[0]), default=0)
    if own >= 2 and own > max((len(stems(kb.triples[i].property) & said) for i in guessed), default=0):
        return Mention(index.key_of(page[0]), page[1].start(), page[1].end(), page[1].group(), False)
    return None


# an identifier written before the kind of thing it is ("the force-confold option", "a --dry-run flag")
_OF_KIND = re.compile(r"\b(?:the|a|an|this)\s+(-{0,2}[A-Za-z][\w]*(?:[-_.][\w]+)+|--?[A-Za-z][\w-]*)\s+"
                      r"(option|flag|setting|directive|key|field|parameter|variable)s?\b", re.IGNORECASE)


def _unknown_of_kind(question: str, mentions: list[Mention], index) -> NearMiss | None:
    """The identifier a question writes before its kind ("the force-confold option") where it is no KB name and the
    question names only the entity of that kind ("option"): a thing the KB lacks, never that kind's facts."""
    found = _OF_KIND.search(question)
    if found is None or len(mentions) != 1 or not (found.start(2) <= mentions[0].start < found.end(2)):
        return None
    if index.find(found.group(1))[0]:
        return None
    return NearMiss(found.group(1), (index.display[mentions[0].name],))


_OPTION_AFTER = re.compile(r"\s+(--?[A-Za-z][\w-]*)(?![\w=-])")  # a command's option after its name


def bare_name_asked(question: str, kb: EncodedKB) -> str:
    """A question that is one KB name alone ("SetImageLimit?") as asking what it is ("What is SetImageLimit?");
    ``question`` unchanged otherwise (a clause of a compound question is not read so: "… socket? IP_MTU_DISCOVER").
    Only a short question is looked up: any other is no name alone, and is not searched for names twice."""
    if len(question.split()) > _BARE_MOST_WORDS:
        return question
    mentions, misses = plain_misses_dropped(name_index(kb)[0], question)
    if len(mentions) == 1 and not misses and _BARE.fullmatch(question[:mentions[0].start]) and _BARE.fullmatch(
            question[mentions[0].end:]):
        return f"What is {question[mentions[0].start:mentions[0].end]}?"
    return question


def _written_anywhere(word: str, kb: EncodedKB) -> bool:
    """Whether a label or a value of the KB writes ``word`` whole (its pattern compiled once, not once per triple)."""
    written = re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")
    return any(written.search(t.property) or written.search(t.value) for t in kb.triples)


def _unknown_option(question: str, mentions: list[Mention], kb: EncodedKB, index) -> NearMiss | None:
    """The option a question writes right after a named command ("what does hwclock --systohc do") where the KB names
    no such thing and no label or value writes it: an option the KB lacks, not the command's facts ("bind -l" of a
    "-l option" is the KB's)."""
    for m in mentions:
        found = _OPTION_AFTER.match(question, m.end)
        if not found or index.find(found.group(1))[0]:
            continue
        if not _written_anywhere(found.group(1), kb):
            return NearMiss(found.group(1), (index.display[m.name],))
    return None


# a constant the question is about, as its subject ("What does the TERMCAP_COMPAT environment variable do in …?")
_CONSTANT_SUBJECT = re.compile(r"^\W*(?i:what|how)\s+(?i:does|do|did|is|are)\s+(?i:the\s+)?([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b")


def _unknown_subject(question: str, mentions: list[Mention], kb: EncodedKB, index) -> NearMiss | None:
    """The constant a question is about, as the subject of its asking verb, where it is no KB name and no label or
    value writes it, and the names found come after it only as where it is asked ("… do in the terminfo binary
    format?"): a thing the KB lacks, not the facts of the names after it."""
    found = _CONSTANT_SUBJECT.match(question)
    if found is None or not mentions or any(m.start < found.end(1) for m in mentions) or index.find(found.group(1))[0]:
        return None
    if _written_anywhere(found.group(1), kb):
        return None
    return NearMiss(found.group(1), (index.display[mentions[0].name],))


def chosen_mentions(question: str, kb: EncodedKB, encoder: Encoder, cache: EmbeddingCache, matcher: Encoder
                    ) -> QuestionMatch | tuple[str, list[Mention], list, bool]:
    """The question (a variant of a name read as written), the entities it names, its near misses and whether it reads
    as English; or the match itself where the names settle it (a value naming no entity, a code a value explains, a
    place only cited, nothing named)."""
    index, by_key = name_index(kb)
    mentions, misses = plain_misses_dropped(index, question)  # ("the deny lines" beside "deny statements")
    if (variant := variant_named(question, mentions, index)) is not None:  # "the noawait flavour of activate"
        question, (mentions, misses) = variant, index.find(variant)
    mentions = meaning.kind_not_named(question, meaning.by_position(question, kb, index, mentions))  # ("the 4th field";
    english = looks_english(question)  # "which option …" of a KB's "option = value": the kind asked for)
    if (unknown := _unknown_of_kind(question, mentions, index) or _unknown_option(question, mentions, kb, index)
            or _unknown_subject(question, mentions, kb, index)) is not None:
        return QuestionMatch(0.0, (), False, near_miss=unknown, english=english)  # "the force-confold option" of a KB
    # whose one "option" is the kind; "hwclock --systohc" where no triple writes "--systohc"
    if not mentions and len(misses) == 1 and (defined := defined_in_value(misses[0].said, kb)) is not None:  # a code a
        return QuestionMatch(meaning.MEANING_LEAST, (TripleMatch(defined, meaning.MEANING_LEAST),), True)  # value explains
    if not mentions and not misses:
        by_value = match_by_value(question, kb, matcher, cache)  # "Which service runs on port 123?": the value
        described = meaning.over_guess(index.words.by_words(question) or meaning.described_by_prose(  # "the clerk" of "Mr D. Fenwick,
            question, kb, index, encoder, cache), question, kb, index, encoder, cache) or meaning.by_label(
            question, kb, index)  # Parish Clerk"; by meaning; by a label ("the fifth field", "disable a vendor … file")
        if by_value is not None and stands(by_value, described, kb, index.key_of):  # is written, the entity asked
            return by_value  # for (not the word pointing at the one name holding it, nor an English word in passing)
        mentions = [described] if described else []  # ("a deadlock" of "deadlock_timeout")
        if described and (page := _page_of_kind(question, kb, index, by_key[described.name])) is not None:
            mentions = [page]  # "which systemd release is this page from": the page's version, not a unit's man page
    elif not mentions and len(misses) == 1 and (described := index.words.by_words(question) or meaning.described_by_prose(
            question, kb, index, encoder, cache) or meaning.missed_by_meaning(question, misses[0], kb, index, encoder,
            cache)) and (index.words.explains_miss(described, misses[0]) or meaning.in_describing_clause(
                question, misses[0], described)):
        mentions, misses = [described], []  # "the diner" of "Lane Diner": the word only it holds, not a near miss
    elif mentions and (paged := page_written(question, kb.triples, mentions, index.key_of)):
        mentions = paged  # "which Git release is this protocol v2 man page from?": the page
    elif mentions and (page := page_beside(question, kb.triples, mentions, index.key_of)):
        mentions = [*mentions, Mention(index.key_of(page), 0, 0, "", False)]  # "… the man page use to define X?"
    elif mentions and (described := index.words.pointed(question)) and described.name not in {
            m.name for m in mentions} and joined_to(question, described, mentions):
        mentions = sorted([*mentions, described], key=lambda m: m.start)  # "zutty and chromium" of "Chromium Web …"
    elif len(mentions) == 1 and (doer := actor(question, mentions[0], kb, index.key_of, index.display[mentions[0].name])
                                 or label_holder(question, mentions[0], kb, index.key_of, index.display[mentions[0].name])):
        mentions = [doer]  # "what program parses X?": the one whose value says it parses X; "the day codes of X" of another
    elif named_in_label := label_naming(question, mentions, kb, index.key_of, index.display):  # "what happens to
        mentions = named_in_label  # REMOVE_HOME if I turn on X": X's "effect on REMOVE_HOME"
    elif len(mentions) == 1 and (longer := index.words.longer_by_parts(question, mentions[0])):
        mentions = [longer]  # "the period used for measuring the cpu quota": CPUQuotaPeriodSec=, not CPUQuota=
    elif mentions and not misses and (other := meaning.described_beside(question, mentions, kb, index, encoder, cache)):
        mentions = [other]  # "which element wipes out the font dirs added by <dir> lines": not <dir>
    elif len(mentions) == 1 and not misses and (not mentions[0].exact or mentions[0].said.islower() and (not index.display[
            mentions[0].name].islower() or asked_kind(question, mentions[0]))) and (english_form(fold(mentions[0].said)) or asks_which_one(question, True)):
        mentions = [meaning.over_guess(mentions[0], question, kb, index, encoder, cache, True)]  # ("which signal …")
    if not mentions:
        sims = _cosine(cache.encode(encoder, [question]), kb.key_emb.float().numpy())[0]
        top = np.argsort(-sims)[:CLOSEST_KEYS]
        closest = tuple(dict.fromkeys(kb.triples[int(i)].name for i in top))[:CLOSEST_NAMES]
        best = int(top[0])
        addressed = None if misses else addressed_entity(question, kb.triples, kb.triples[best].name)  # "Are you open on
        if addressed is not None:  # Sundays?": the KB's keeper, the entity whose key fits best; "this man page"
            mentions = [Mention(index.key_of(addressed[0]), addressed[1].start(), addressed[1].end(),
                                addressed[1].group(), False)]
        else:
            return QuestionMatch(float(sims[best]), (TripleMatch(best, float(sims[best])),), False,
                                 near_miss=misses[0] if misses else None, english=english, closest=closest)
    if (cited := cited_place(question, mentions, kb.triples, by_key, index.display)) is not None:
        return QuestionMatch(0.0, (), True, near_miss=cited, english=english)  # ("… in a charmap file", only cited)
    return question, mentions, misses, english
