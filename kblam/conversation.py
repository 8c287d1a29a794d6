"""Chat messages to one standalone question: follow-ups are resolved against the earlier turns.

A conversation is a question string or a list of ``{"role": ..., "content": ...}`` messages (OpenAI style).
The user turns are read in order, each rewritten into a question that stands on its own:

- a turn that names no KB entity takes the entity of the previous turn: pronouns ("its director", "when was it
  founded") are replaced by the name, and an ellipsis ("and the altitude?") gets "of {name}" appended;
- a turn that names an entity and nothing else ("What about Paranal Observatory?") takes the previous turn's
  question with the new name in place of the old one (the property is carried; "Same for A and B." asks it of
  both; a previous question about a near miss of a KB name has the near miss replaced);
  when the KB's facts are given and the answer before states the value of exactly one property of the previous entity
  ("It's 13.0% ABV." after "How strong is X?"), that property is what is carried: "What is the abv of Y?";
- a turn that is a number or an ordinal alone ("and 37?", "and the third?") is the previous question with its one
  number or ordinal replaced ("What's the third word of a DS record?" after "What's the second word of …?");
- "what about {Something}" where Something is not a KB name is left alone, so an unknown entity is refused
  rather than answered about the previous one;
- "that gallery", "this station" is the latest KB name the turns so far named that holds the word ("Long Gallery
  North", named in the answer before), or the KB name the entity's property of that word holds ("that inspector");
- a pronoun whose question no property of the entity answers, where one KB name the answer before wrote has a
  property of its words, stands for that name ("what's its hull number?" after "They row in Kingfisher Junior.").

Only text is looked at (the KB's names via :class:`entities.NameIndex`), so this costs no model call.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from .compound_names import variant_turn
from .entities import STOPWORDS, Mention, NameIndex, fold, tokens
from .name_variants import who
from .not_names import plain_words
from .typos import english_words

PRONOUNS = {"its": "{n}'s", "their": "{n}'s", "it": "{n}", "they": "{n}", "them": "{n}", "his": "{n}'s",
            "her": "{n}'s", "he": "{n}", "she": "{n}", "him": "{n}"}
_PRONOUN = re.compile(r"\b(" + "|".join(PRONOUNS) + r")\b", re.IGNORECASE)
FILLER = STOPWORDS | {"now", "next", "ok", "okay", "thanks", "thank", "too", "as", "well", "same", "question",
                     "ordinary", "regular", "normal", "plain",  # "what about the ordinary Pillar Face?"
                     "instead", "one", "ones", "case", "then", "again", "lowercase", "uppercase",  # "What about lowercase \\supset?"
                     "character", "symbol", "sign", "option", "setting", "keyword", "directive", "flag",  # "the # character"
                     "under", "inside", "within",  # ("and under SEE ALSO?" after "how many entries are under FILES?")
                     "itself", "themselves", "page", "manpage"}  # ("what about the X page itself?")
_ABOUT = re.compile(r"^\s*(?:and\s+)?(?:what|how)\s+about\s+(.+?)\s*[?.!]*\s*$", re.IGNORECASE)
# "what about X, what does that one do?": a name, then a question of its own about it
_ABOUT_ASKED = re.compile(r"^\s*(?:ok\W+)?(?:and\s+)?(?:what|how)\s+about\s+(?P<name>[^,;:?]+?)\s*(?:[,;:\u2013\u2014]|\s-)\s*"
                          r"(?P<ask>(?:and\s+)?(?:what|which|how|when|where|who|whose|is|are|does|do|can|could|will|would)"
                          r"\b.+)$", re.IGNORECASE)
# a follow-up that is a condition alone ("and if i give it a key file?", "what if X is unset?")
_CONDITION = re.compile(r"^\W*(?:(?:and|but|so|ok(?:ay)?)\W+)?(?:what\s+)?(?P<cond>(?:if|when|unless)\b[^?]*?)\s*[?.!]*$",
                        re.IGNORECASE)
_NUMBER_ONLY = re.compile(r"^\W*(?:and\s+|(?:and\s+)?(?:what|how)\s+about\s+)?#?(\d+)\s*[?.!]*$", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\w.])\d+(?![\w.])")
_ORDINALS = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|\d+(?:st|nd|rd|th))"
_ORDINAL_ONLY = re.compile(rf"^\W*(?:and\s+|(?:and\s+)?(?:what|how)\s+about\s+)?(?:the\s+)?({_ORDINALS})(?:\s+one)?\s*[?.!]*$",
                           re.IGNORECASE)
_ORDINAL = re.compile(rf"\b{_ORDINALS}\b", re.IGNORECASE)
_THAT_ONE = re.compile(r"\b(?:that|this)\s+one\b", re.IGNORECASE)


def _about_asked(question: str, index: NameIndex) -> str:
    """ "what about X, what does that one do?": the question after the name, about the name ("what does X do?"); the
    question itself when it is no such turn or the name is none of the KB's."""
    m = _ABOUT_ASKED.match(question)
    if m is None or not index.find(m.group("name"))[0]:
        return question
    ask = _THAT_ONE.sub("it", m.group("ask"), count=1)
    return _substitute(ask, m.group("name").strip())


@dataclass(frozen=True)
class Resolved:
    question: str  # the last user turn as a standalone question
    original: str  # the last user turn as written
    carried: str | None = None  # the entity taken from earlier turns, if any


def user_turns(conversation: str | Sequence[dict]) -> list[tuple[str, str]]:
    """(role, content) of a question string or a chat message list, checked; raises ValueError naming the
    offending message."""
    if isinstance(conversation, str):
        return [("user", conversation)]
    turns = []
    for i, msg in enumerate(conversation):
        if not isinstance(msg, dict) or not isinstance(msg.get("content"), str):
            raise ValueError(f"message {i}: expected {{'role': ..., 'content': <text>}}, got {msg!r:.80}")
        role = msg.get("role")
        if role not in ("system", "user", "assistant", "developer", "tool"):
            raise ValueError(f"message {i}: unknown role {role!r}")
        turns.append((role, msg["content"]))
    if not any(role == "user" for role, _ in turns):
        raise ValueError("the conversation has no user message")
    return turns


_PLACED_DEMONSTRATIVE = re.compile(r"\b(?:on|at|in|for|of|about|from|to|with|near|inside|outside)\s+"
                                   r"((?:that|this)\s+([^\W\d_]{3,}))\b", re.IGNORECASE)

# ... or as the subject, a thing of a kind a KB holds ("and where is that file located?")
_SUBJECT_DEMONSTRATIVE = re.compile(r"\b(?:is|are|was|were|does|do|did|can|could|will|would|should|has|have)\s+"
                                    r"((?:that|this)\s+(file|unit|option|setting|directive|keyword|variable|command|key|"
                                    r"section|line|entry|field|package|service|module|function|flag|parameter))\b",
                                    re.IGNORECASE)

_OBJECT_DEMONSTRATIVE = re.compile(r"\b(?!(?:is|was|are|were|be|been|do|does|did|has|have|had|can|could|will|would|should|"
                                   r"may|might|must)\b)[^\W\d_]+\s+((?:that|this)\s+([^\W\d_]{3,}))(?=\s*[?.!]*\s*$)",
                                   re.IGNORECASE)


def _substitute(question: str, name: str) -> str:
    """Pronouns replaced by ``name``; with none, "that hole" after a preposition (a noun no name holds: see
    :func:`_demonstrated`) by it; else "of {name}" appended to the question's phrase."""
    if _PRONOUN.search(question):
        return _PRONOUN.sub(lambda m: PRONOUNS[m.group(1).lower()].format(n=name), question, count=1)
    placed = (_PLACED_DEMONSTRATIVE.search(question) or _OBJECT_DEMONSTRATIVE.search(question)
              or _SUBJECT_DEMONSTRATIVE.search(question))
    if placed and placed.group(2).casefold() not in FILLER:  # "what trouble is there on that hole?", "who runs that
        # session?" (not "when was that built?")
        return question[:placed.start(1)] + name + question[placed.end(2):]
    body = question.rstrip(" ?.!")
    return f"{body} of {name}{question[len(body):] or '?'}"


def _quoted(name: str) -> str:
    """A name as a question writes it: quoted when it is one character, has no letter or digit or is a word that
    questions use anyway ("'o'", "'^'", "'all'"), which a question names only quoted or standing as a name."""
    return f"'{name}'" if len(name) == 1 or not any(c.isalnum() for c in name) or name.casefold() in STOPWORDS else name


_DOES_WHAT = re.compile(r"\b(?:what|how)\s+(?:does|do|did)\b.*\b(?:do|work)\s*[?.!]*$", re.IGNORECASE)


def _only_names(question: str, mentions: list[Mention]) -> bool:
    """True when the question holds nothing but names and filler words ("What about X?", "And X?", "and X's?")."""
    if _DOES_WHAT.search(question) or (it := _IT_FIRST.search(question)) and mentions and it.end() <= mentions[0].start and not (
            re.match(r"\s+(?:for|of|in|on|at|with|about|like)\b", question[it.end():], re.IGNORECASE)):  # ("what is it for X?")
        return False  # "what does X do?", "how does X work?", "what does it do to X?": a question of its own
    spans = [(m.start, m.end) for m in mentions]
    rest = [t.group() for t in tokens(question) if not any(s <= t.start() < e for s, e in spans)
            and not (t.group().lower() == "s" and any(question[e:t.start()] in ("'", "\u2019") for _, e in spans))]
    if re.match(r"^\W*(?:and\s+|ok\W+)?(?:the\s+)?same\s+(?:[\w-]+\s+){1,2}?(?:for|with|about|of)\s", question,
                re.IGNORECASE):  # "same shade for sky?": the same thing asked as before, of another name
        rest = rest[rest.index("same") + 2:] if "same" in rest else rest
    return all(w in FILLER for w in rest)


def _find(index: NameIndex, text: str) -> tuple[list, list]:
    """The names ``text`` writes and its near misses, or where it has neither, the one name it points at by words only
    that name holds, as the matcher reads it ("which icon does chromium use?" of "Chromium Web Browser")."""
    mentions, misses = index.find(text)
    if not mentions and not misses and (described := index.words.by_words(text)):
        return [described], []
    return mentions, misses


def _replace_names(question: str, index: NameIndex, names: Sequence[str]) -> str | None:
    """``question`` with its KB names replaced by ``names`` in order (more names than the question had: the last
    one becomes "A and B"; "Same for starlette and uvicorn."). A question that named no KB entity but something
    close to one (a near miss: "smtps") has that replaced. None when it names neither."""
    mentions, misses = _find(index, question)
    spans = [(m.start, m.end) for m in mentions]
    if not spans and misses:
        start = question.find(misses[0].said)
        spans = [(start, start + len(misses[0].said))] if start >= 0 else []
    if not spans:
        return None
    names = list(names)
    if len(names) > len(spans):  # the extra names join the last one
        names = names[:len(spans) - 1] + [" and ".join(names[len(spans) - 1:])]
    parts = names + [names[-1]] * (len(spans) - len(names))
    kept = len(names)  # the names beyond those given: filled only where joined to the one before ("A and B"); one
    while kept < len(spans) and re.fullmatch(r"\s*(?:,|and|or|&|,\s*and|,\s*or)\s*", question[spans[kept - 1][1]:spans[kept][0]]):
        kept += 1  # apart from them it says where ("what does LOCAL match in the origins field?": that field kept)
    spans, parts = spans[:kept], parts[:kept]
    out, last = [], 0
    for (start, end), name in zip(spans, parts, strict=True):
        lead = re.match(r"\W*", name).group()  # "\\" of "\\supset", "--" of "--verbose": replaced with the name
        if lead and question[max(last, start - len(lead)):start] == lead:
            start -= len(lead)
        out.append(question[last:start] + name)
        last = end
    return "".join(out) + question[last:]


Facts = Callable[[str], Sequence[tuple[str, str]]]  # index key of a KB name -> its (property, value) pairs


def facts_of(triples: Sequence, by_key: Mapping[str, Sequence[int]]) -> Facts:
    """The (property, value) pairs of a KB name by its index key, read from the KB's ``triples`` through the name
    index's grouping of them (``by_key``, :func:`matching.name_index`), for :func:`resolve`."""
    return lambda key: [(triples[i].property, triples[i].value) for i in by_key.get(key, ())]


STATED_SHARE = 0.3  # the least share of the answer's sentence that a value it states takes up
STATED_OVER_WRITTEN = 0.6  # ... where the question before wrote another property of the entity
_SENTENCE = re.compile(r"[^.!?]*(?:[.!?](?=\S)[^.!?]*)*(?:[.!?]+|$)")  # "13.0%" and "e.g." stay inside one


def stated_property(answer: str, pairs: Sequence[tuple[str, str]], named: Sequence[tuple[int, int]] = (),
                    share: float = STATED_SHARE) -> str | None:
    """The one property whose value ``answer`` states, or None when it states none or several. A value counts when it
    is written whole (two characters or more; not inside a longer word or number, nor inside another value stated:
    "13.0" in "13.0%") and is what its sentence says: ``share`` (STATED_SHARE) or more of the sentence's characters
    other than spaces, the KB names found in the answer (their spans, ``named``), filler and the words of the entity's
    properties ("It's 13.0% ABV.", "The loading bays of X are 14."; not the "J s" of "… is about 1.0546e-34 J s")."""
    spans = [(m.start(), m.end(), p) for p, value in pairs if len(v := value.strip()) >= 2
             for m in re.finditer(rf"(?<![\w.]){re.escape(v)}(?!\w|\.\d)", answer, re.IGNORECASE)]
    said = {(a, b, p) for a, b, p in spans if not any(c <= a and b <= d and (c, d) != (a, b) for c, d, _ in spans)}
    if len({p for _, _, p in said}) != 1:
        return None
    a, b, prop = min(said)
    sentence = next(m for m in _SENTENCE.finditer(answer) if m.start() <= a < max(m.end(), m.start() + 1))
    skip = FILLER | {t.group() for p, _ in pairs for t in tokens(p)}
    own = sum(len(t.group()) for t in re.finditer(r"\S+", answer[:sentence.end()]) if t.start() >= sentence.start()
              and not any(s <= t.start() < e for s, e in named) and _bare(t.group()) not in skip)
    return prop if len(re.sub(r"\s", "", answer[a:b])) >= share * own else None


def _bare(word: str) -> str:
    return re.sub(r"^\W+|\W+$", "", word).casefold()


def resolve(conversation: str | Sequence[dict], index: NameIndex, facts: Facts | None = None,
            about: Callable[[str], str | None] | None = None) -> Resolved:
    """The last user turn of ``conversation`` as a standalone question (see the module docstring); ``facts``
    (:func:`facts_of`) lets a turn naming only another entity carry the property the answer before stated; ``about``
    (the KB name a standalone question is matched to by meaning, or None) gives an earlier turn that names no KB name
    its entity ("What's the dependencies value in the example?" — "what version must that mention?")."""
    turns = user_turns(conversation)
    last = max((at for at, (role, _) in enumerate(turns) if role == "user"), default=-1)
    previous: str | None = None  # the previous user turn, resolved
    entity: str | None = None  # the KB name the conversation is about so far
    recent: list[str] = []  # the KB names the turns so far named, in order
    answer, answer_names = "", []  # the latest assistant turn, and the spans of the KB names it writes
    spoken: list[str] = []  # the KB names the latest assistant turn writes
    named: list[str] = []  # the KB names the previous user turn named
    asked = ""  # the previous user turn as written
    resolved = Resolved("", "")
    pending: str | None = None  # the previous user turn, resolved, where it named no KB name (for ``about``)
    for at, (role, written) in enumerate(turns):
        if role == "user" and entity is None and pending and about is not None:  # (no answer between)
            entity, pending = about(pending), None
        owned = facts(index.key_of(entity)) if facts and entity and role == "user" else ()
        own = _about_asked(written, index) if role == "user" else written  # (a question of its own after the name)
        text = _demonstrated(own, recent, answer, index, asked, owned) if role == "user" else written
        mentions, misses = _find(index, text) if entity is None else index.find(text)
        recent += [index.display[m.name] for m in mentions]
        if role == "assistant":
            answer, answer_names = written, [(m.start, m.end) for m in mentions]
            spoken = [index.display[m.name] for m in mentions if m.said == index.display[m.name]
                      or not (m.said.islower() and m.said in english_words())]  # (not "the package" of Package)
            if entity is None and mentions:
                entity = index.display[mentions[0].name]
            elif entity is None and facts is not None:  # an answer that is one entity's value alone: that entity
                entity = _holder(written, index, facts)  # ("CONFIG_BSD_PROCESS_ACCT_V3." of struct acct_v3)
            entity = entity or (about(pending) if about is not None and pending else None)  # else the one the
            pending = None  # question before was matched to by meaning
            continue
        if role != "user":
            continue
        carried = None
        if entity is not None and mentions and (_POSSESSIVE.search(text) and all(
                m.said.islower() and m.said in english_words() and m.said != index.display[m.name] for m in mentions)
                or (_IT.search(text) or _GOES_ON.match(text)) and all(_label_word(m.said, text, owned) for m in mentions)):
            mentions = []  # "where's its exact format described?" after a turn about Version: its format, not Format;
            # "what type of property is it?" of an entity with a "property type": that, not the entity "property"
        if previous and (number := _NUMBER_ONLY.match(text)) and len(found := list(_NUMBER.finditer(previous))) == 1 and not any(
                m.start <= found[0].start() < m.end for m in index.find(previous)[0]):  # (not a name's: "#204")
            text = _NUMBER.sub(number.group(1), previous)  # "and 37?" after "what does ansi code 0 do?"
            mentions, misses = _find(index, text)
        elif previous and (ordinal := _ORDINAL_ONLY.match(text)) and len(found := list(_ORDINAL.finditer(previous))) == 1:
            said = found[0]  # "and the third?" after "What's the second word of a DS record?": that question, of the third
            text = previous[:said.start()] + ordinal.group(1) + previous[said.end():]
            mentions, misses = _find(index, text)
        if not mentions and entity is not None and (sibling := _sibling(text, entity, index)):
            text = sibling  # "what about #219?" after "Wellspring Pharmacy #204": that name with "#219" in place
            mentions, misses = index.find(text)
        elif entity is not None and (variant := variant_turn(text, index.key_of(entity), mentions, index)):
            text = variant  # "and the noawait version?" after a turn about interest: interest-noawait
            mentions, misses = index.find(text)
        question = text
        if not mentions and spoken and (pointed := index.words.pointed(text)) is not None and index.display.get(
                pointed.name) in spoken and pointed.said[:1].isupper() and pointed.start > 0 and not _IT.search(text):
            mentions = [pointed]  # "what did Raymond contribute?" after an answer naming Eric S. Raymond: a name
            # written capitalised inside the turn, no "it" ("are uppercase digits ok?" names nothing)
        if mentions:
            names = [index.display[m.name] for m in mentions]
            if entity is not None and (qualified := _qualified(text, mentions, owned)):  # "what about under PAM?" of
                question, names = f"What is the {qualified} of {_quoted(entity)}?", [entity]  # its "with PAM"
            elif previous is not None and entity is not None and (cond := _CONDITION.match(text)):
                question, names = f"{previous.rstrip(' ?.!')} {cond.group('cond')}?", [entity]  # the turn before, on
                # that condition ("what's the default integrity-algorithm?" … "and if i give it a key file?")
            elif previous is not None and own == written and _only_names(text, mentions):
                pairs = facts(index.key_of(entity)) if facts and entity else []
                prop = stated_property(answer, pairs, answer_names) if pairs else None
                if prop and (ending := tokens(dict(pairs)[prop])) and ending[-1].group().casefold() in {t.group().casefold() for t in tokens(asked)}:
                    prop = None  # (a value naming the kind the question before wrote: "what's the X option?" — "a … option")
                if prop and any(p != prop and _words(p) and _words(p) <= _words(previous) for p, _ in pairs):
                    # the question before wrote another property: the answer's value must say more to overrule it
                    # ("default for unlock_time?" — "600 seconds (10 minutes)." — "and the root one?": the default)
                    prop = stated_property(answer, pairs, answer_names, STATED_OVER_WRITTEN)
                if prop and all(prop in dict(facts(m.name)) for m in mentions):
                    question = f"What is the {prop} of {' and '.join(map(_quoted, names))}?"  # after "It's 13.0% ABV."
                else:  # (a question before that named nothing, "how long does ext4 wait at most by default?",
                    question = (_replace_names(previous, index, names)  # is asked of this name)
                                or (_substitute(previous, _quoted(names[0])) if len(names) == 1 else text))
            elif entity is not None and entity not in names and (it := _IT_FIRST.search(text)) and it.end() <= mentions[0].start:
                question, names = _substitute(text, _quoted(entity)), [entity, *names]  # "is it read before or after
                # pam_env.conf?" after a turn about /etc/environment: "it" is that entity, the name written another
            entity = names[0]
        elif entity is not None and facts and (swapped := next((
                (e, p) for e in dict.fromkeys([entity, _holder(answer, index, facts) if answer else None]) if e
                and (p := _swapped(text, previous, facts(index.key_of(e))))), None)):  # "what about Meta?" after
            entity = carried = swapped[0]  # "which suffix means Shift …?" — "2.": the "meta suffix" beside the "shift
            question = f"What is the {swapped[1]} of {_quoted(entity)}?"  # suffix" that answer was
        elif entity is not None and not _named_miss(misses, index.display.values()) and not _names_unknown_thing(text):
            alone = len(spoken) == 1 and answer.strip().rstrip(".!") == spoken[0]  # an answer of one KB name alone
            referent = spoken[0] if alone and (_WHICH_ASKED.match(asked) and _IT.search(text) or _THAT_FILE.search(text) and (
                _PATH.match(spoken[0]) and not _PATH.match(entity))) else _referent(text, entity, spoken)  # "it" after
            # "which env var overrides X?" ("UCF_FORCE_CONFFOLD."), "that file" after one naming a path where the
            # question's entity is none ("/usr/lib/os-release."): that name; "she" of the person answered
            if facts and referent == entity:  # ("his" is the person's, above; "their phone number" after "… is on
                referent = _answered(text, entity, [*dict.fromkeys([*spoken, *named])], index, facts)  # loan to M. &
                # J. Pellegrini" theirs; the other name the turn before wrote: "what values can it have?" after "Which
                # line of X holds the clock mode?")
            entity = referent
            counted = _LIST_THEM.match(text) and _counted_noun(previous or "")
            each = _EACH.search(text) if len(named) > 1 else None  # "… give me the peak power of each."
            question = (f"What are the {counted} of {_quoted(entity)}?" if counted  # "Which ones are they?"
                        else text[:each.start()] + " and ".join(map(_quoted, named)) + text[each.end():] if each
                        else _substitute(text, _quoted(entity)))
            carried = entity
        resolved = Resolved(question, written, carried)
        previous, answer, asked, spoken = question, "", written, []
        named = list(dict.fromkeys(index.display[m.name] for m in mentions)) if mentions else named if carried else []
        if not mentions and carried is None:
            entity = None  # a turn about something else: later follow-ups do not reach back past it
            pending = question if about is not None and at < last else None  # (unless it is matched by meaning)
    return resolved


# "what about under PAM?", "and with systemd?": the entity before, in the case another KB name stands for
_ABOUT_CASE = re.compile(r"^\s*(?:and\s+)?(?:(?:what|how)\s+about\s+)?(?:under|with|using|via|on|in|for)\s+(?:the\s+)?"
                         r"(?P<case>[^?.!]+?)\s*[?.!]*\s*$", re.IGNORECASE)


def _qualified(text: str, mentions: Sequence[Mention], owned: Sequence[tuple[str, str]]) -> str | None:
    """The one property of the entity before (``owned``: its pairs) whose label writes the KB name a follow-up asks
    about as a case alone ("what about under PAM?" of a "with PAM" property), else None."""
    case = _ABOUT_CASE.match(text)
    if not case or len(mentions) != 1 or (mentions[0].start, mentions[0].end) != case.span("case"):
        return None
    said = {fold(m.group()) for m in tokens(mentions[0].said)}
    labels = [p for p, _ in owned if said <= {fold(m.group()) for m in tokens(p)}]
    return labels[0] if len(set(labels)) == 1 else None


_ABOUT_WORD = re.compile(r"^\s*(?:and\s+)?(?:(?:what|how)\s+about\s+)?(?:the\s+)?([^\W\d_]{3,})\s*[?.!]*\s*$", re.IGNORECASE)


def _swapped(text: str, previous: str | None, owned: Sequence[tuple[str, str]]) -> str | None:
    """The property of the entity before (``owned``) that a follow-up naming one word asks for ("what about Meta?"):
    the label the turn before wrote (in part: "Shift" of a "shift suffix") with that word in place of its own, where
    the entity has that label ("meta suffix"); else None."""
    said = _ABOUT_WORD.match(text)
    if said is None or not previous:
        return None
    word, labels = fold(said.group(1)), {fold(p): p for p, _ in owned}
    before = {fold(m.group()) for m in tokens(previous)}
    found = {labels[new] for label in labels for w in label.split() if w in before and w != word
             and (new := " ".join(word if x == w else x for x in label.split())) in labels}
    return found.pop() if len(found) == 1 else None


def _holder(answer: str, index: NameIndex, facts: Facts) -> str | None:
    """The one KB entity holding a value that is the whole ``answer`` (less its full stop), else None."""
    said = fold(answer.strip().rstrip(".!"))
    holders = {index.display[k] for k in index.display if any(fold(v.strip()) == said for _, v in facts(k))} if said else set()
    return holders.pop() if len(holders) == 1 else None


def _words(text: str) -> set[str]:
    return {w.removesuffix("s") for m in tokens(text) if len(w := m.group()) > 2 and w not in FILLER}


def _answered(question: str, entity: str, spoken: Sequence[str], index: NameIndex, facts: Facts) -> str:
    """The KB name the answer before wrote (``spoken``, with the other names the turn before wrote) that a follow-up
    asks about when no property of the conversation's entity
    shares a word with the follow-up and one such name's does ("What boat does X row in?" — "Kingfisher Junior …" —
    "what's its hull number?" of the boat's "hull no."); else ``entity``."""
    asked = _words(question) - set(PRONOUNS)
    whole = [n for n in dict.fromkeys([entity, *spoken]) if any(len(w := _words(p)) > 1 and w <= asked for p, _ in facts(
        index.key_of(n)))]  # (the one name whose label of two words or more it writes whole, not the entity: "The
    if len(whole) == 1 and whole[0] != entity and all(  # openssl-fipsinstall(1) program." — "what man section is that
            _words(p) <= _words(q) for p, _ in facts(index.key_of(entity)) if _meet(asked, _words(p))  # in?"; labels of
            for q, _ in facts(index.key_of(whole[0])) if (w := _words(q)) and len(w) > 1 and w <= asked):  # the entity
        return whole[0]  # it meets only inside that one's: "section" of "man section", not "search position" of "search order")
    if any(_meet(asked, _words(p)) for p, _ in facts(index.key_of(entity))):
        return entity
    others = [n for n in dict.fromkeys(spoken) if n != entity and any(_meet(asked, _words(p))
                                                                      for p, _ in facts(index.key_of(n)))]
    return others[0] if len(others) == 1 else entity


def _meet(asked: set[str], words: set[str]) -> bool:
    """Whether a question's words write a property's word, or the word it is made from ("who owns" of an "owner")."""
    return any(a == w or w.startswith(a) and len(w) - len(a) <= 2 for a in asked for w in words)


def _named_miss(misses: Sequence, names: Iterable[str] = ()) -> bool:
    """Whether a turn's near misses name something: not a pronoun or an article before lower-case words ("which way
    does it face?" is no misspelt "Pillar Face")."""
    return any(not re.fullmatch(r"(?:it|its|they|them|the|this|that)(?:\s+[a-z]+)+", m.said) and not plain_words(m, names)
               for m in misses)  # (nor words describing a thing: "what version must that mention?")


# "it" as the subject, before any name the turn writes ("is it read before or after X?", "does it still work if …")
_IT_FIRST = re.compile(r"\b(?:is|does|do|can|will|would|should|was|did|could)\s+it\b", re.IGNORECASE)
_WHICH_ASKED, _IT = re.compile(r"\W*which\b", re.IGNORECASE), re.compile(r"\bit\b", re.IGNORECASE)
_THAT_FILE = re.compile(r"\b(?:that|this|the)\s+(?:file|path|directory|folder)\b", re.IGNORECASE)  # ("that file")
_PATH = re.compile(r"[/~]")  # a name written as a path
_GOES_ON = re.compile(r"\W*(?:and|also|plus)\b", re.IGNORECASE)  # a turn that goes on about the same thing ("and
# what's written as the mode for a missing stage?" of its "missing stage mode", not the entities "mode" and "stage")
_POSSESSIVE = re.compile(r"\bits\b", re.IGNORECASE)


def _label_word(said: str, text: str, owned) -> bool:
    """Whether ``said`` is a word of a label of the entity's ``owned`` (property, value) pairs whose other words
    ``text`` writes too ("property" in "what type of property is it?" of a "property type"; a verb's "s" apart:
    "which journalctl option filters on it?" of a "journalctl filter")."""
    words = {f for w in re.findall(r"\w+", text) for f in (w.casefold(), w.casefold().removesuffix("s"))}
    return any(said.casefold() in (label := p.casefold().split()) and len(label) > 1 and set(label) <= words
               for p, _ in owned)
_THING = re.compile(r"\b(?:it|its|this|that)\b", re.IGNORECASE)
_FULL_NAME = re.compile(r"[A-Z]\w*(?:[-'\u2019]\w+)*(?:\s+[A-Z]\w*(?:[-'\u2019]\w+)*){1,2}")  # "Siân Aldous"
_GENDERED = re.compile(r"\b(?:she|her|hers|he|him|his)\b", re.IGNORECASE)
_PLURAL = re.compile(r"\b(?:they|their|them)\b", re.IGNORECASE)


def _referent(question: str, entity: str, spoken: Sequence[str]) -> str:
    """Whom a follow-up's pronoun stands for: "she", "his" a person and "they", "their" a company or a committee
    (:func:`name_variants.who`), the latest such KB name the answer before wrote ("The superintendent is Mrs E. M.
    Tavistock." — "How long has she been in the job?") unless the conversation's entity is one, or for "she" a name
    written like a person's without a title whose surname is no English word ("Siân Aldous"), where the turn names no
    thing ("it") and the entity is no one-word name ("Nandi"); else that entity."""
    want = "person" if _GENDERED.search(question) else "body" if _PLURAL.search(question) else None
    if want is None or who(entity) == want:
        return entity
    found = next((name for name in reversed(spoken) if who(name) == want), None)
    if found or want != "person" or _THING.search(question) or " " not in entity.strip():
        return found or entity  # ("can he put a shed up on it?": the plot; "when was she born?" of "Nandi")
    return next((name for name in reversed(spoken) if name != entity and who(name) is None and _FULL_NAME.fullmatch(name)
                 and not any(c.isdigit() for c in name) and name.split()[-1].casefold() not in english_words()),
                entity)  # "she" of "… is Siân Aldous." (not of "… lives in Savanna Paddock South.")


# a turn asking to name what the answer before counted: "Which ones are they?", "name them", "and what are they?"
_LIST_THEM = re.compile(r"^\W*(?:(?:ok(?:ay)?|and|so|great|thanks|cool)\W+)*(?:(?:which|what)(?:\s+ones)?\s+(?:are|were)"
                        r"\s+(?:they|those|these|them)(?:\s+called)?|which\s+ones|(?:(?:can|could)\s+you\s+|please\s+)?"
                        r"(?:name|list)\s+(?:them|those|these)(?:\s+all)?(?:\s+for\s+me)?(?:\s+please)?)\W*$", re.IGNORECASE)
# what a question counts: "How many time zones does China have?", "the number of variants of the German layout"
_COUNTED = re.compile(r"\b(?:how\s+many|number\s+of)\s+((?:[^\W\d_][\w-]*\s+){0,2}?[^\W\d_][\w-]*?s)\b"
                      r"(?=\s+(?:does|do|did|is|are|was|were|has|have|can|will|would|of|in|on|at|for|there)\b)",
                      re.IGNORECASE)


def _counted_noun(question: str) -> str | None:
    """The plural noun phrase a question counts ("time zones" of "How many time zones does China have?"), if any."""
    m = _COUNTED.search(question)
    return m.group(1).lower() if m else None


_KIND_OF_ONE = re.compile(r"^(?:the\s+)?(.+?)(?:\s+(?:one|version|model|variant|edition))?$", re.IGNORECASE)


def _sibling(question: str, entity: str, index: NameIndex) -> str | None:
    """``question`` with what it asks about alone ("what about #219?", "and the south one?", "what about the cargo
    version?") replaced by the one KB name that ``entity`` becomes with those words in place of one of its own, or
    added to it ("Muffle Furnace MF-1700 South" after "… North", "Wellspring Pharmacy #219" after "… #204",
    "Velo-Lyn E5-cargo" after "Velo-Lyn E5"); None when there is no such name, or more than one."""
    m = _ABOUT.match(question) or re.match(r"^\s*(?:ok\W+)?and\s+(?:(?:for|about|with)\s+)?(.+?)\s*[?.!]*\s*$", question,
                                           re.IGNORECASE)  # ("and for the concession version?")
    if not m:
        return None
    written = _KIND_OF_ONE.match(m.group(1).strip()).group(1)
    said = {t.group() for t in tokens(written)} - FILLER
    own = index.words.words_of(index.key_of(entity))  # (an identifier's parts: "and the suspend key?" after
    if not said or len(written.split()) > 2 or said <= own:  # "HandlePowerKey" is "HandleSuspendKey")
        return None
    found: set[str] = set()
    head = tokens(written)[-1].group()  # "the valley station" of "North Fell Valley AWS" after "North Fell Summit AWS":
    for left, asked in itertools.product((1, 2), (said, said - {head} if len(said) == 2 and head.isalpha() else set())):
        found = {key for key in index.display if asked - own and asked <= (words := index.words.words_of(key))  # apart,
                 and words - asked <= own and len(own - words) <= left and (left == 1 or len(words & own) > 1)
                 and words & own}  # (a name sharing no word is no sibling: "and its override?" after DISPLAY)
        if found:  # (the noun left out; or two of the entity's words where two more are shared: "the burst one" after
            # DefaultStartLimitIntervalSec= is DefaultStartLimitBurst=)
            break
    if len(found) != 1:
        return None
    start = m.start(1)  # "the cargo version" as a whole: the rest of the turn is filler
    return question[:start] + index.display[found.pop()] + question[m.end(1):]


# a turn asking the same of every entity the turn before named: "Please give me the peak power of each.", "… of both"
_EACH = re.compile(r"\b(?:each|both|either)(?:\s+of\s+(?:them|those|these|the\s+two))?(?=\s*[?.!]*$)"
                   r"|\b(?:for|of)\s+(?:them|the\s+two|those\s+two)(?:\s+both)?(?=\s*[?.!]*$)", re.IGNORECASE)
_DEMONSTRATIVE = re.compile(r"\b(?:that|this|the\s+same)\s+([^\W\d_]{3,})\b", re.IGNORECASE)


def _demonstrated(question: str, recent: Sequence[str], answer: str = "", index: NameIndex | None = None,
                  asked: str = "", owned: Sequence[tuple[str, str]] = ()) -> str:
    """``question`` with "that gallery" replaced by the latest KB name named so far that holds the word ("Long Gallery
    North", named by the answer before: "ok, and who's the curator of that gallery?"); "that one" by the KB name the
    answer before (``answer``) writes last, as a value too ("X uses the Brightline CCS Mini 50." — "what plugs does
    that one have?"), else by the latest name; "that model", where no name holds the word but the question before
    (``asked``) wrote it ("Which turbine model is installed at X?"), likewise."""
    for m in _DEMONSTRATIVE.finditer(question):
        noun = m.group(1).casefold()
        if noun == "one" and recent:
            ends = {n: found[-1].end() for n in (index.display.values() if index is not None and answer else ())
                    if n in answer and (found := list(re.finditer(rf"(?<!\w){re.escape(n)}(?!\w)", answer)))}
            last = max(ends, key=lambda n: (ends[n], len(n))) if ends else recent[-1]  # whole names, not "Ash" of
            return question[:m.start()] + last + question[m.end():]  # "Ashcombe"
        if recent and answer and (noun not in STOPWORDS or index is not None and noun in index.exact) and re.search(
                rf"\b(?:the|a|an|its|their)\s+{re.escape(noun)}\b", answer, re.IGNORECASE) and not any(
                name in answer and noun in {t.group() for t in tokens(name)} for name in recent):
            return question[:m.start()] + "it" + question[m.end():]  # "that list" after "… names given in the list":
            # the thing the answer spoke of, the conversation's entity's (not a KB name "--list" it does not write)
        if noun in STOPWORDS:
            continue
        for name in reversed(recent):
            words = {t.group() for t in tokens(name)}
            if noun in words or noun.removesuffix("s") in words:
                return question[:m.start()] + name + question[m.end():]
        held = [v for p, v in owned if noun.removesuffix("s") in _words(p) and index is not None
                and index.key_of(v) in index.display]  # "that inspector": the KB name the entity's "inspector" holds
        if len(held) == 1:
            return question[:m.start()] + held[0] + question[m.end():]
        if answer and index is not None and noun in {t.group() for t in tokens(asked)}:  # "that model" after "Which
            # turbine model is installed at X?", where no name says "model": the one the answer named ("… the AG-150")
            return _demonstrated(question[:m.start(1)] + "one" + question[m.end(1):], recent, answer, index)
    return question


def _names_unknown_thing(question: str) -> bool:
    """ "What about Zanzibar?": the turn names something (capitalised, not a pronoun or article) that is not a
    KB entity, so it is not a follow-up about the previous one."""
    m = _ABOUT.match(question)
    if not m:
        return False
    first = m.group(1).split()[0]
    return first[:1].isupper() and first.lower() not in STOPWORDS
