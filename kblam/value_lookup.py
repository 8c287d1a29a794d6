"""Questions that go from a value to the entity: "Which service runs on port 123?", "What uses port 443?".

:mod:`matching` finds the KB names a question mentions; a question that names none but writes out a KB value as a
whole ("123", "Network Time Protocol") may ask which entity holds it. That is taken as the question when

- the value is distinctive: at least two characters, held by at most :data:`MAX_HOLDERS` entities (a value most
  entities share, "tcp" or "MIT", would make a list, not an answer), written as a whole (not inside a longer word or
  number), and letter for letter in case when it is short ("CAN" is not "Can you…");
- the question asks for a thing ("which", "what", "who") and names no owner of its own after "of" or "for" ("What
  is the port number of rdp, is it 22?" asks about rdp, which the KB lacks), and
- with the value masked, the question fits the value's property at least as well as every other property of the
  KB ("Which service runs on port X?" fits "port number"; "What is the standard abbreviation of Antarctica/X?"
  fits "standard abbreviation" better than "country", whose value "Antarctica" it writes, so it is not this).

The triples holding the value are then the answer ("The port number of ntp is 123."), scored like any match so that
the refusal threshold still applies. Text and one matcher call; no generation.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from .encoder import EmbeddingCache, EncodedKB, Encoder
from .entities import STOPWORDS, fold, tokens
from .intents import intended, stem
from .match_result import QuestionMatch, TripleMatch
from .mentions import Mention
from .name_forms import UNIT_FILE
from .typos import camel_words, english_form
from .value_fit import PLACEHOLDER

MAX_HOLDERS = 3
CASE_SENSITIVE_BELOW = 5  # values shorter than this must be written in the KB's own case
_ASKS_FOR_A_THING = re.compile(r"\b(?:which|what|who)\b", re.IGNORECASE)
# "the port number of rdp, is it 22?" names an entity (one not in the KB) after "of"/"for": asked forwards
_NAMES_AN_OWNER = re.compile(r"\b(?:of|for)\s+(?!(?:the|a|an|it|its|this|that)\b)\w", re.IGNORECASE)


def value_index(kb: EncodedKB) -> tuple[dict[str, list[int]], dict[str, list[str]]]:
    """The distinctive values with their triples, and the values by their rarest word (folded), so that a question
    is only compared with the values whose rarest word it holds (cached on the encoded KB)."""
    cached = kb.derived.get("value_holders")
    if cached is None:
        by_value: dict[str, list[int]] = {}
        for i, t in enumerate(kb.triples):
            value = t.value.strip()
            value = value[1:-1] if len(value) > 2 and value[0] + value[-1] in ('""', "\u201c\u201d", "\u00ab\u00bb") else value  # ('"$6$"')
            if len(value) >= 2 and re.search(r"\w", value):
                by_value.setdefault(value, []).append(i)
        distinctive = {v: ids for v, ids in by_value.items() if len({kb.triples[i].name for i in ids}) <= MAX_HOLDERS}
        words = {v: {m.group() for m in tokens(v)} for v in distinctive}
        counts = Counter(w for ws in words.values() for w in ws)
        by_word: dict[str, list[str]] = {}
        for v, ws in words.items():  # a value is written whole only if its rarest word is: look it up by that one
            by_word.setdefault(min(ws, key=lambda w: (counts[w], w)), []).append(v)
        cached = kb.derived["value_holders"] = (distinctive, by_word)
    return cached


def written_value(question: str, kb: EncodedKB) -> tuple[str, int, int] | None:
    """The longest distinctive KB value written as a whole in ``question``: (value, start, end), or None."""
    folded = fold(question)
    _, by_word = value_index(kb)
    best = None
    for value in {v for m in tokens(question) for v in by_word.get(m.group(), ())}:
        exact = len(value) < CASE_SENSITIVE_BELOW
        m = re.search(rf"(?<!\w)(?<!\w[-./_+]){re.escape(value if exact else fold(value))}(?![-./_+]?\w)",
                      question if exact else folded)  # (not part of a compound: "accelerate-launch")
        if m and (best is None or len(value) > len(best[0])):
            best = (value, m.start(), m.end())
    return best


def labelled_value(question: str, kb: EncodedKB, found: tuple[str, int, int] | None = None) -> tuple[int, int, int] | None:
    """A value the question writes beside its own property's label, held so by one entity ("the fifth field" of
    fs_freq's "field: fifth", "field five"): that triple's index and the span of the value and its label, or None.
    ``found``: the question's :func:`written_value`, where the caller has it."""
    found = written_value(question, kb) if found is None else found
    if found is None:
        return None
    value, start, end = found
    spans = []
    for i in value_index(kb)[0][value]:
        label = re.escape(kb.triples[i].property.strip())
        after = re.match(rf"\s+{label}s?\b", question[end:], re.IGNORECASE)
        before = re.search(rf"\b{label}\s+$", question[:start], re.IGNORECASE)
        if after or before:
            spans.append((i, start - (len(before.group()) if before else 0), end + (after.end() if after else 0)))
    return spans[0] if len({kb.triples[i].name for i, _, _ in spans}) == 1 else None


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
_ORDINAL = rf"({'|'.join(_ORDINALS)}|1st|2nd|3rd|[4-9]th|10th)"
# a place in a line written as a value of its own: "first field", "the fourth (last) field", "field 9", "fifth" (of a
# property "field"); and in a question: "the 4th field", "the fifth column", "field 9"
_PLACE_VALUE = re.compile(rf"(?:the\s+)?{_ORDINAL}(?:\s+\(\w+\))?(?:\s+(?:field|column)|\s+of\s+(?:the\s+)?\w+\s+(?:fields|columns))?"
                          r"(?:\s+(?:of|in)\s+(?:an?|the|each)\s+[\w.-]+(?:\s+(?:line|entry|record))?)?(?:\s+\([^()]*\))?"  # ("… of an
                          # entry", "… (package priority section [maintainer-info])")
                          r"|(?:field|column)\s+(\d\d?)", re.IGNORECASE)  # (or "third of the seven fields")
_PLACE_ASKED = re.compile(rf"\b{_ORDINAL}\s+(?:field|column)\b|\b(?:field|column)\s+(?:(?:number|no\.?|#)\s*)?(\d\d?)\b"
                          r"|\b(last|final)\s+(?:field|column)\b", re.IGNORECASE)  # ("the last field": a value "(last)")


def _place(ordinal: str | None, number: str | None) -> int:
    """The place an ordinal ("fourth", "4th") or a number ("9") names, counted from 1."""
    if number:
        return int(number)
    word = ordinal.casefold()
    return _ORDINALS.index(word) + 1 if word in _ORDINALS else int(word[:-2])


def placed_entity(question: str, kb: EncodedKB) -> tuple[int, int, int] | None:
    """The triple that gives the place in a line ("the 4th field", "field 9") the question writes, held so by one
    entity (a value "fourth (last) field" or "field 4", or "fourth" of a property about a field, column or
    position): that triple's index and the span of the place written; or None."""
    asked = _PLACE_ASKED.search(question)
    if asked is None:
        return None
    place = _place(asked.group(1), asked.group(2)) if not asked.group(3) else None
    held = [i for i, t in enumerate(kb.triples) if (m := _PLACE_VALUE.fullmatch(t.value.strip())) and (_place(
        m.group(1), m.group(2)) == place if place else re.search(r"\(last\)", t.value) is not None)
        and (re.search(r"field|column", t.value, re.IGNORECASE)
                                             or re.search(r"field|column|position|place", t.property, re.IGNORECASE))]
    return (held[0], *asked.span()) if len({kb.triples[i].name for i in held}) == 1 else None


_CONSTANT_FIRST = re.compile(r"[A-Z][A-Z0-9]*_[A-Z0-9_]+\s")  # a constant that a near miss opens with


def defined_in_value(said: str, kb: EncodedKB) -> int | None:
    """The one triple whose value defines a code the KB names nowhere else ("AlFr means all days except Friday",
    "MoMo = no day", "OBJ_OFS_DELTA (aka type 6)", "OBJ_TAG (4)"): the code written there as it is, right before
    "means", " = ", "is", a colon, "(aka" or a number in brackets; or None. What a question asks of a code that is no KB name but that a value explains."""
    said = said.strip()
    if " " in said and _CONSTANT_FIRST.match(said):  # ("OBJ_TAG type number?" of "…, OBJ_TAG (4), …": the constant)
        said = said.split()[0]
    if len(said) < 3 or not re.fullmatch(r"[\w.+-]+", said) or english_form(said.casefold()):
        return None
    defines = re.compile(rf"(?<![\w-]){re.escape(said)}(?:\s+=\s|:\s|\s+(?:means|is|stands\s+for)\s"  # (not "KillMode=")
                         r"|\s+\((?:aka|a\.k\.a\.|i\.e\.)\s|\s+\(\d+\))")  # ("OBJ_OFS_DELTA (aka type 6)", "OBJ_TAG (4)")
    held = [i for i, t in enumerate(kb.triples) if defines.search(t.value)]
    return held[0] if len(held) == 1 else None


def match_by_value(question: str, kb: EncodedKB, matcher: Encoder, cache: EmbeddingCache) -> QuestionMatch | None:
    """A :class:`QuestionMatch` for a question that asks which entity holds a value it writes out, or
    None when it does not (see the module docstring)."""
    # here, not at the top: matching imports this module
    from .matching import distractors, property_scores

    if not _ASKS_FOR_A_THING.search(question):
        return None
    found = written_value(question, kb)
    if found is None:
        return None
    value, start, end = found
    if _NAMES_AN_OWNER.search(question[:start] + question[end:]) or labelled_value(question, kb, found) is not None:
        return None  # (a value beside its own label describes its holder: "which program reads the fifth field")
    props, _ = distractors(kb, matcher, cache)
    masked = question[:start] + PLACEHOLDER + question[end:]
    sims = property_scores(masked, props, matcher, cache)
    ids = value_index(kb)[0][value]
    own = max(sims.get(kb.triples[i].property, float("-inf")) for i in ids)
    if own < max(sims.values()) and not intended(masked, [kb.triples[i].property for i in ids]):  # (or asked in other
        return None  # words: "hashes starting with $6$" of its "prefix")
    chosen = [i for i in ids if sims.get(kb.triples[i].property) == own]
    return QuestionMatch(own, tuple(TripleMatch(i, own) for i in chosen), True)


def stands(by_value: QuestionMatch, described: Mention | None, kb: EncodedKB, key_of: Callable[[str], str]) -> bool:
    """Whether a value lookup ``by_value`` answers the question rather than the entity it ``described`` (by a word of
    its name, by its prose or by its meaning): always where nothing is described; never where the value written is
    that entity's word; nor where the value is an ordinary English word, which a question writes in passing ("which
    html file goes on the projects overview page by default?" describes $home_text, not the "projects" of
    $home_link_str's default)."""
    if described is None:
        return True
    held = {(key_of(kb.triples[m.index].name), fold(kb.triples[m.index].value)) for m in by_value.matches}
    return held != {(described.name, fold(described.said))} and not all(
        len(value.split()) == 1 and english_form(value) for _, value in held)


# "what program actually parses the X directories?": asked for by what it does to the entity named
_ACTOR_ASKED = re.compile(r"^\W*(?:what|which)\s+(?:program|tool|utility|binary|daemon|service|generator|process|"
                          r"command|component)s?\s+(?:\w+ly\s+)?([a-z]{3,})\b"  # (or no kind: "what reads X at boot?")
                          r"|^\W*what\s+(?!(?:is|was|has|does|goes|comes|means|happens|applies|this|its|these|those)\b)"
                          r"([a-z]{2,}[^s\W]s)\b", re.IGNORECASE)


def actor(question: str, named: Mention, kb: EncodedKB, key_of: Callable[[str], str], display: str) -> Mention | None:
    """The entity a question asks for by what it does to the one it names ("what program actually parses the
    environment.d directories?" of systemd-environment-d-generator(8), "parses the configuration files in the
    environment.d/ directories"), as a mention of no width (as found by its meaning): the one other entity a value of
    which writes the named one's name and a word beginning as the verb does; None where the named entity has a property
    the question asks for ("parsed by") or where no other entity, or several, say so."""
    asked = _ACTOR_ASKED.search(question)
    if asked is None or asked.end() > named.start or asked.group(2) and (question[asked.end():named.start].strip(" /~") or re.search(
            r"\b(?:[a-z]{2,}[^s\W]s|do|does|did|is|are)\b", question[named.end:])):  # (the bare verb right before the
        return None  # name, no verb after it: not "what values X takes")
    own = [t for t in kb.triples if key_of(t.name) == named.name]
    if intended(question[:named.start] + PLACEHOLDER + question[named.end:], [t.property for t in own]):
        return None
    verb = fold(asked.group(1) or asked.group(2))
    stem, name = verb[:max(4, len(verb) - 2)], fold(display)
    holders = {t.name for t in kb.triples if key_of(t.name) != named.name and name in fold(t.value)
               and any(m.group().startswith(stem) for m in tokens(t.value))}
    end = len(question.rstrip())  # (found as by its meaning: the question is what was said of it)
    return Mention(key_of(holders.pop()), end, end, question.strip(), False) if len(holders) == 1 else None


def label_holder(question: str, named: Mention, kb: EncodedKB, key_of: Callable[[str], str], display: str) -> Mention | None:
    """The entity whose label of two words or more the question writes whole, where the entity it names holds no such
    label (nor a word of it), no other entity holds it, and a value of that entity names it ("which day codes are
    accepted in the times field" of day/time-range, "day codes: Mo Tu We …", whose description says "an entry of the
    times field"), as a mention in the named one's place; None where there is none, or several."""
    labels = kb.derived.get("unique_labels")
    if labels is None:  # (once per KB: each label of two words or more that one entity alone holds, by its words)
        holders: dict[str, set[str]] = {}
        for t in kb.triples:
            holders.setdefault(t.property, set()).add(t.name)
        labels = kb.derived["unique_labels"] = {
            " ".join(words): next(iter(names)) for p, names in holders.items()
            if len(names) == 1 and len(words := [fold(m.group()) for m in tokens(p)]) >= 2
            and len(set(words) - STOPWORDS) >= 2}  # (two words of its own: not "part of")
    said = f" {' '.join(fold(m.group()) for m in tokens(question[:named.start] + ' ' + question[named.end:]))} "
    written = {label: holder for label, holder in labels.items() if f" {label} " in said and key_of(holder) != named.name}
    if not written:
        return None
    own = {fold(m.group()) for t in kb.triples if key_of(t.name) == named.name for m in tokens(t.property)}
    unit = UNIT_FILE.fullmatch(display.strip())  # (a unit by its name: "of systemd-timedated" of its .service)
    name = re.compile(rf"(?<![\w-])(?:{re.escape(fold(display))}{'|' + re.escape(fold(unit.group(1))) if unit else ''})(?![\w-])")
    found = {holder for label, holder in written.items() if not own & set(label.split())
             and any(name.search(fold(t.value)) for t in kb.triples if t.name == holder)}
    return Mention(key_of(found.pop()), named.start, named.end, named.said, False) if len(found) == 1 else None


def label_naming(question: str, mentions: list[Mention], kb: EncodedKB, key_of: Callable[[str], str], display: dict[str, str]
                 ) -> list[Mention] | None:
    """Of two entities a question names, the one holding a property whose label writes the other's name ("what
    happens to REMOVE_HOME if I turn on REMOVE_ALL_FILES?" of REMOVE_ALL_FILES' "effect on REMOVE_HOME"), alone (the
    other's name is then a word of what is asked; a camel-case name written apart: "default dependencies" of
    DefaultDependencies=); None where neither or both do."""
    if len(mentions) != 2 or mentions[0].name == mentions[1].name or re.fullmatch(  # (not two named alike: "A and B")
            r"\W*(?:and|or|vs\.?|versus|nor|&)?\W*", question[mentions[0].end:mentions[1].start], re.IGNORECASE):
        return None
    found = []
    for m, other in (mentions, mentions[::-1]):
        camel = camel_words(display.get(other.name, "")) if re.search(r"[a-z][A-Z]", display.get(other.name, "")) else []
        forms = {fold(display.get(other.name, "")), " ".join(camel) if len(camel) >= 2 else ""} - {""}
        name = re.compile("|".join(rf"(?<![\w-]){re.escape(f)}(?![\w-])" for f in sorted(forms, key=len, reverse=True)))
        labels = [fold(t.property) for t in kb.triples if key_of(t.name) == m.name and name.search(fold(t.property))]
        rest = {stem(fold(w.group())) for p in labels for w in tokens(name.sub(" ", p))} - {stem(w) for w in STOPWORDS}
        if labels and not any(rest & (own := {stem(fold(w.group())) for w in tokens(t.property)} - {stem(w) for w in STOPWORDS})
                            and own <= rest for t in kb.triples if key_of(t.name) == other.name):  # (not where the other
            found.append(m)  # holds that fact too: glibc's "gai.conf support since" beside gai.conf's "supported since";
            # but /etc/hosts' "when changes take effect" is no "effect on /etc/hosts")
    return found if len(found) == 1 else None
