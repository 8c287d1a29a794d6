"""Questions that ask for a property in other words than its name: the kind of property they ask for (a class, a
wording, other names, a signature, a base, a provider, an entry point, a byte order, a module, what the entity does
or is for, what an abbreviation stands for, file extensions: :data:`INTENTS`), a
beginning or an end, how many of something, how large, or the size of the entity. Each returns the properties of
the named entity that answer such a question; :mod:`matching` gives them a bonus."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .entities import STOPWORDS as STOPWORDS_EN
from .entities import fold, tokens
from .intent_table import INTENTS
from .labels import spelled_out
from .value_fit import PLACEHOLDER, PROSE_WORDS

STEM_CHARS = 5  # a property word and a question word meet when their first STEM_CHARS letters do


def stem(word: str) -> str:
    """A folded word's stem: its first STEM_CHARS letters."""
    return word[:STEM_CHARS]

# "the X filter", "a X request", "the X module": the word after the name says what the entity is (see kind_word);
# not a state said of it ("when is the X open", "is the X free"), even where "open" is a value many entities hold
STATES = r"(?:open|closed|shut|free|busy|full|available|active|inactive|enabled|disabled|running|ready|on|off)\b"
NAMED_KIND = re.compile(rf"\b(?:the|a|an|this|that)\s+{PLACEHOLDER}\s+(?!{STATES})(\w+)\b")


def kind_word(masked: str, props: list[str]) -> set[str]:
    """The word right after "the X" ("the X lint"), which says what the entity is rather than which property is
    asked, unless the word after it goes on with it to name one of ``props`` ("the X lint groups"); else nothing."""
    named = NAMED_KIND.search(masked)
    if not named:
        return set()
    word, after = fold(named.group(1)), re.match(r"[\s-]+(\w+)", masked[named.end(1):])
    if after and any({word, fold(after.group(1))} <= {fold(m.group()) for m in tokens(p)} for p in props):
        return set()
    return {word}



# a kind's last resort, when the entity has no property named for it: "Which values can I set X to?" of a setting
# whose "type" lists them ('"all", "none", or "root"')
FALLBACK_HEADS = {"allowed": frozenset({"type", "types"}), "full name": frozenset({"zone name", "name"}),
                  "default": frozenset({"when unset", "if unset", "when not set", "if not set"}),  # "SYSTEMD_READY default?"
                  "output": frozenset({"description", "summary"}), "contents": frozenset({"description"}),  # ("what's stored in X")
                  "use case": frozenset({"notes", "recommendation"}),  # ("when should someone set X=no" of notes)
                  "weakness": frozenset({"status", "problem", "problems", "issue", "issues"}),  # "what's wrong with X?"
                  "format": frozenset({"type", "argument", "argument type"}),  # ("format of the X value" of its type)
                  "origin": frozenset({"history"}),  # ("where did the X format originally come from?")
                  "stands for": frozenset({"description"}), "what is": frozenset({"description", "summary", "meaning"}),
                  "signature": frozenset({"value type", "argument type"}),  # "what argument does X expect" of an option
                  "only if": frozenset({"restriction", "restrictions", "limitation", "limitations"}),
                  "listed in": frozenset({"argument", "arguments", "value type"}),  # "what can you pass to X"
                  "syntax": frozenset({"accepted values", "allowed values", "values"}),  # ("syntax for BPFProgram=?")  # ("what does Ign stand for" of a KB of descriptions)
                  # "What does X do?" of a man page's synopsis; "the description of X" of a table's comment on it
                  "purpose": frozenset({"synopsis", "usage", "help", "comment", "comments", "note", "notes",
                                        "when called", "when run"}),  # ("what's abort-remove for": when it is called)
                  # "Can someone in a wheelchair get into X?" of its "access notes"; "Is X still in use?" of remarks
                  "accessible": frozenset({"access", "access notes", "access details", "access information"}),
                  "status": frozenset({"remarks", "notes", "comments", "current notes"}),
                  "parking": frozenset({"access notes", "access", "directions", "getting there"}),
                  "remains": frozenset({"remarks", "notes", "description", "comments"}),
                  "entrance": frozenset({"access notes", "access", "directions"}),
                  "season": frozenset({"available", "availability", "open", "opening", "bookable"})}
_EFFECT = frozenset({"effect", "effects", "function", "what it does"})
_VALUE_KIND = re.compile(r"\b(?:kind|sort)\s+of(?=\s+(?:values?|arguments?|args?|inputs?|strings?|data)\b)",
                         re.IGNORECASE)
# a property "A of B" headed by one of these is an A, not a B ("type of default" is no default; "number of arguments"
# still answers for the arguments)
_OTHER_HEADS = frozenset({"type", "kind", "class", "category", "format", "unit"})
# heads that name a kind only as a property's whole name: an option's "argument" is its signature, but "takes an
# argument" (whether it takes one) and "argument meaning" are not
_WHOLE_ONLY = frozenset({"argument"})
_SINGULAR = {"kinds": "kind", "types": "type", "sorts": "sort", "classes": "class", "categories": "category",
             "words": "word"}


_CLAUSES = re.compile(r"\band\b|[;,?]")
_USE_ASKED = re.compile(r"\b(?:use(?:d|full?)?|usage|meant|intended|good)\s+for\b", re.IGNORECASE)
_WRITE_OBJECT = re.compile(r"\bwrite\s+(?:an?\s+|the\s+|my\s+)?([a-z]{4,}?)s?\b", re.IGNORECASE)  # "write a comment"
_GENERAL_STEPS = r"(?:read|use|parse|interpret|decode|walk|traverse|find|get|do|run|call)"  # (not "how to disable")
_HOW_DO_I = re.compile(r"^\s*how\s+(?:do|can|should|would|could|must)\s+(?:i|you|we|one)\b|^\s*how\s+to\b", re.IGNORECASE)
_USE_LABELS = frozenset({"use", "uses", "used for", "use case", "use cases", "intended use", "intended for", "role"})  # (not a
# command's "usage": its synopsis)


_ASKING_VERBS = frozenset({"set", "pass", "give", "use", "put", "choose", "pick"})  # ("what can I set X to")
_UNSET_LABEL = re.compile(r"\b(?:unset|not\s+set|none\s+(?:specified|given)|unspecified|empty|omitted)\b")  # ("if none
# specified": what holds when it is not set)


def intended(masked_q: str, props: list[str]) -> list[str]:
    """The properties, of ``props``, named for the kind of property the question asks for in other words (see
    :data:`INTENTS`: a property's last word, or its first before "of"); none of a kind when a word of the question's
    asking phrase is a word of one of ``props`` ("What kind is X?" where a property is "kind" asks for that property
    by its own name), but the property whose words it writes all ("kind"; "based on" in "Which style is X based
    on?", where the asked word "style" would otherwise take the "style type"); of those, only a property named by the
    kind word alone ("kind", "category") when there is one
    ("What category does CTCLoss fall under?" asks for its "kind", not its "base class")."""
    own = {fold(m.group()) for p in props for m in tokens(spelled_out(p))}  # ("open hrs": "open hours")
    words = [[fold(m.group()) for m in tokens(spelled_out(p))] for p in props]
    found = []
    entity_kind = kind_word(masked_q, props)  # "What is the X lint about?" writes no "lint groups"
    said = {fold(m.group()) for m in tokens(masked_q)}
    for kind, asks, heads in INTENTS:
        hit = asks.search(masked_q)
        if not hit:
            continue
        clause = _CLAUSES.split(masked_q[:hit.start()])[-1] + _CLAUSES.split(masked_q[hit.start():])[0]
        used = [p for p in props if fold(p) in _USE_LABELS] if kind == "purpose" and _USE_ASKED.search(clause) else []
        if used:  # "whats X usefull for": its "use", where it has one
            found += [p for p in used if p not in found]
            continue
        thing = _WRITE_OBJECT.search(clause) if kind == "syntax" else None  # "how do I write a comment in X?": its
        led = [p for p, ws in zip(props, words, strict=True) if thing and ws[:1] == [fold(thing.group(1))]]  # "comment
        if len(led) == 1:  # prefix", not its "format"
            found += [p for p in led if p not in found]
            continue
        if _named_by_pair(clause, props, words, [p for p in props if p in heads]) or kind == "purpose" and any(
                label_written(p, masked_q) for p in props if fold(p) not in heads):  # ("some examples of what X do")
            continue
        asked = ({_SINGULAR.get(w, w) for w in (fold(m.group()) for m in tokens(_VALUE_KIND.sub("type of", hit.group())))}
                 - {"which", "what"} - entity_kind)  # ("what kind of value": its "value type", not its "kind")
        written, head_words = (asked - STOPWORDS_EN) & own, {w for h in heads for w in h.split()}
        if written:  # the kind written by a property's own name: that property alone ("based on"), or one the kind
            # names in full whose words the question writes in part, none other being written out ("by default" of
            # a "default value", but "what type is its default" of a "type of default")
            whole = written <= head_words and not any(
                set(ws) - STOPWORDS_EN and set(ws) - STOPWORDS_EN <= said and " ".join(ws) not in heads for ws in words)
            alone = [p for p, ws in zip(props, words, strict=True) if ws and set(ws) <= asked and not (  # ("what kind of
                ws == ["type"] and "type" not in said and any(q[:1] == ["value"] for q in words))]  # value": its "value format")
            alone = alone or [p for p, ws in zip(props, words, strict=True) if whole and " ".join(ws) in heads]
            if alone or written & head_words or not written <= _ASKING_VERBS:  # (only a verb of the asking phrase,
                found += [p for p in alone if p not in found]  # no property's whole, leaves the kind to its names:
                continue  # "what can I set X to" beside a "who can set")
        led = [p for p, ws in zip(props, words, strict=True) if kind == "default" and ws[:1] == ["default"]]
        named = [p for p, ws in zip(props, words, strict=True)
                 if ws and (ws[-1] in heads - _WHOLE_ONLY and not (ws[0] in _OTHER_HEADS and "of" in ws)
                            or led == [p]  # the one property led by "default" ("default here"; not one of many)
                            or ws[0] in heads and ws[1:2] == ["of"] or " ".join(ws) in heads
                            or any(" ".join(ws[k:]) in heads for k in range(1, len(ws) - 1)))]  # "volunteer in charge"
        named = named or [p for p, ws in zip(props, words, strict=True) if " ".join(ws) in _EFFECT and kind == "purpose"] or [
            p for p, ws in zip(props, words, strict=True) if " ".join(ws) in FALLBACK_HEADS.get(kind, ())]  # (its effect
        # before its notes: "what does a commondir file do?" of "effect: If this file exists, $GIT_COMMON_DIR …")
        bare = [p for p, ws in zip(props, words, strict=True) if len(ws) == 1 and ws[0] in heads]
        # a plain "kind" beside a "base class"; but "kind of flag" for "Which category of flag is X?"
        extra = {p: set(ws) - STOPWORDS_EN - head_words for p, ws in zip(props, words, strict=True)}
        spelt = [p for p in named if extra[p] and extra[p] <= said]
        unset = [p for p in named if _UNSET_LABEL.search(p)] if kind in ("unset", "left empty") else []  # (its "behaviour when
        found += [p for p in unset or spelt or bare or named if p not in found]  # unset" before a "default: unset")
    steps = [p for p in props if re.fullmatch(rf"how to {_GENERAL_STEPS}\b.*", p)] if _HOW_DO_I.search(masked_q) else []
    return found or (steps if len(steps) == 1 else []) or [  # its one "how to …" for "how do I …" ("how do I walk the
        p for p in props if re.fullmatch(r"[a-z]{3,}s", p) and re.search(  # parents of X?": its "how to read"); else a
            rf"\b(?:does|do|did)\s+(?:the\s+)?{PLACEHOLDER}\s+{p[:-1]}\b", masked_q)]  # verb of its own: "what does X
    # read?" (reads)


def intent_words(masked_q: str) -> set[str]:
    """The words (five letters or more) of the property names that the kinds the question asks for in other words
    end with (:data:`INTENTS`): what a free-text value may write for it ("Turnaround 6–8 weeks" for "How long does X
    take to get through a bone assemblage?", "No parking at the barn" for "where can I leave the car?")."""
    return {w for kind, asks, heads in INTENTS if asks.search(masked_q)
            for h in heads for w in h.split() if len(w) >= 5 and w not in STOPWORDS_EN}


def intent_held(masked_q: str, held: list[tuple[str, str]]) -> list[str]:
    """The properties, of the named entity's (property, value) pairs ``held``, whose free-text value writes out a
    property name that the kinds the question asks for in other words end with, as a phrase or a word of five letters
    or more (:data:`INTENTS`): the value states what is asked ("Who was X named after?" of notes "… named after
    founder member Jenny Whitlock"; "Are there times when X is shut?" of notes "… is closed whenever …"); not for a
    word a property's name writes ("the notice issued on X" of its "notice ref", not of the "last inspection: … notice
    issued …"). (:mod:`matching` asks only where no property of the entity is named for what is asked.)"""
    named = {fold(m.group()) for p, _ in held for m in tokens(p)}
    heads = {h for kind, asks, hs in INTENTS if asks.search(masked_q) for h in hs if (" " in h or len(h) >= 5)
             and not {w for x in h.split() for w in (x, x.removesuffix("s"))} & named}  # ("overrides" of an "override")
    if not heads:
        return []
    found = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, heads), key=len, reverse=True)) + r")\b(?![=(])")  # (no
    # setting's name: "Options=" is no "options")
    return list(dict.fromkeys(p for p, v in held if len(v.split()) >= PROSE_WORDS and found.search(fold(v))))


def label_written(prop: str, masked_q: str) -> bool:
    """Whether the question writes the property's label: a one-word label as it is (or with an "s": "examples") and
    not as the head of a phrase that ties another thing to the entity ("the package that ships X", "the package behind
    X"), a longer one by the stems of all its words ("typical use" of "what's X typically used for"), an option's
    label by the option ("-s option" of "why pass -s to X?")."""
    from .label_spellings import option_written  # (it reads this module)
    from .wording import stems  # (wording reads this module)

    if option_written(prop, masked_q):  # "-s option" of "why pass -s to X?"
        return True
    if " " in prop.strip():  # (a stem and a longer form of it meet: "use" and "used")
        said = stems(masked_q)
        return all(any(s == w or len(w) >= 3 and s.startswith(w) for s in said) for w in stems(prop))
    return re.search(rf"\b{re.escape(prop.strip())}s?\b(?!\s+(?:that|which|who|behind|(?:of|for)\s+(?:the|an?))\b)",
                     masked_q, re.IGNORECASE) is not None  # (not a thing tied to X: "the package that ships X")


def _named_by_pair(clause: str, props: list[str], words: list[list[str]], found: list[str]) -> bool:
    """Whether the clause names a property not in ``found`` by two of its words in a row ("a Changing Places loo for
    disabled visitors" of a "changing places toilet"): what it asks is written, not asked in other words."""
    text = f" {' '.join(m.group() for m in tokens(clause))} "
    return any(p not in found and any(f" {a} {b} " in text for a, b in zip(ws, ws[1:], strict=False)
                                      if a not in STOPWORDS_EN and b not in STOPWORDS_EN)
               for p, ws in zip(props, words, strict=True))


_PURPOSE, _RETURNS = (next(asks for kind, asks, _ in INTENTS if kind == name) for name in ("purpose", "returns"))


# "which setting caps the number of open file descriptors X": a question that describes the entity whole (the
# placeholder of a mention of no width at its end, :func:`described.described_by_meaning`) and asks which one it is
_WHICH_ONE = re.compile(r"\W*(?:which\s+(?:[\w/.-]+\s+)?|what(?:['\u2019]?s|\s+is)?(?:\s+the)?\s+"
                        r"|is\s+there\s+(?:an?|any|some)\s+(?:[\w/.-]+\s+)?|(?:the\s+)?(?=(?:setting|option|key|flag|parameter|"
                        r"directive|variable)s?\s+(?:to|that|which)\s(?!.*\b(?:what|which|how|who|whose)\b(?!\s+is\s+it\b))))(?:setting|option|item|parameter|directive|"  # ("option to …")
                        r"variable|flag|field|key|entry|knob|sysctl|signal|limit|value|ioctl|errno|error|constant|macro|code|"
                        r"config\w*|type(?!s?\s+of\b)|element|attribute|tag|specifier|command|program|service|"
                        r"(capabilit(?:y|ie)|protocol|module|keyword|action|mode))s?\b", re.IGNORECASE)


def asks_purpose(masked_q: str, whole: bool = False, props: Iterable[str] = ()) -> bool:
    """Whether the question asks what the entity does or is for ("What does X do?", "what is X for", "the difference
    between X and Y", where it has no "difference" of its own), or what it
    gives back ("What does X return?", answered by what it does where it has no "returns"), or, where it describes
    the entity ``whole`` (a mention of no width, or one English word that is not its name: :func:`described.describing`),
    which one it is ("which item limits how many processes … X")."""
    return bool(_PURPOSE.search(masked_q) or _RETURNS.search(masked_q)) or asks_which_one(masked_q, whole, props) or bool(
        _DIFFERENCE.search(masked_q)) and not any("differ" in fold(p) for p in props)  # (not its "difference from …")


_DIFFERENCE = re.compile(rf"\b(?:diff|difference|differences)\s+between\s+(?:the\s+)?{PLACEHOLDER}\b", re.IGNORECASE)


def asks_which_one(masked_q: str, whole: bool, props: Iterable[str] = ()) -> bool:
    """Whether a question that describes the entity ``whole`` asks which one it is ("which setting chooses the signal
    used when X a service?"): answered by what the entity is, whatever its words ask of a count or a kind; not where
    a kind of thing fewer KBs hold (a capability, a mode, …) heads one of the entity's ``props`` ("What capability
    do I need to pick …" of a "required capability")."""
    hit = _WHICH_ONE.match(masked_q) if whole else None
    kind = re.sub(r"ie$", "y", fold(hit.group(1))) if hit and hit.group(1) else ""
    said = f" {' '.join(fold(m.group()) for m in tokens(masked_q))} "  # (nor where a label of two words is written
    return hit is not None and not (kind and any(  # whole: "which day codes are accepted in X" asks its "day codes")
        re.sub(r"ies$", "y", fold(p.split()[-1])).removesuffix("s") == kind for p in props if p.split())) and not any(
        len(p.split()) >= 2 and f" {' '.join(fold(m.group()) for m in tokens(p))} " in said for p in props)


# "Which extension provides X?", "Who maintains X?" ask for its "provided by", "maintained by": the verb of a
# property named "<verb>ed by", written in another form by a question that asks which, what or who; so do "Which
# packages does X maintain?", "What did X write?" for the "maintainer of", "author of" (a doer's noun and "of")
_WH = re.compile(r"\b(?:which|what|who|whom)\b", re.IGNORECASE)
_WHO = re.compile(r"\W*(?:(?:and|so|but|ok|okay)\W+)?who\s+(?!is\b|are\b|was\b|were\b|do\b|does\b|did\b|has\b|have\b|had\b)",
                  re.IGNORECASE)  # "Who tunes …", not "Who is …"
_WRITES = frozenset({"write", "writes", "wrote", "written", "writing"})  # what an author does


def agent_asked(masked_q: str, props: list[str]) -> list[str]:
    """The properties, of ``props``, named "<verb>ed by" or "<doer> of" (or the doer alone, asked "Who <verb>s X?")
    whose verb the question writes in another form and no other property of ``props`` holds."""
    if not _WH.search(masked_q):
        return []
    words = {fold(m.group()) for m in tokens(masked_q)}
    if words & _WRITES:
        words |= {"author"}
    found = []
    for p in props:
        parts = [fold(m.group()) for m in tokens(p)]
        by = len(parts) == 2 and parts[1] == "by" and parts[0].endswith("ed") and "by" not in words
        doer = len(parts) == 2 and parts[1] == "of" and parts[0].endswith(("er", "or")) and "of" not in words
        one = len(parts) == 1 and parts[0].endswith(("er", "or")) and _WHO.match(masked_q)  # "Who tunes X?": "tuner"
        if by or doer or one:
            root = parts[0][:-2]  # "provid" of "provided", "want" of "wanted", "maintain" of "maintainer"
            # not when another property has a word of that root ("the uploader's e-mail" of an "uploader e-mail")
            if (len(root) >= 3 and any(w.startswith(root) for w in words) or len(root) == 2 and re.search(  # ("which
                    rf"\b(?:which|what|who)\s+(?:\w+\s+)?{root}(?:e|es)\b", masked_q, re.IGNORECASE)) and not any(  # variable
                # uses X" of "used by"; not "what do I need to use it")
                    fold(m.group()).startswith(root) for q in props if q != p for m in tokens(q)):
                found.append(p)
    return found


# "How many shape parameters does X have?" asks for its "number of shape parameters" (or "shape parameter count"),
# not for the parameters themselves
_HOW_MANY = re.compile(r"\bhow\s+many\s+((?:[^\W\d_][\w-]*\s*){1,3})", re.IGNORECASE)
_COUNT_WORDS = frozenset({"number", "of", "count", "total", "num"})


# "How many X mics have we got?", "how many X do we own?": how many of the entity itself are held, which a property
# named for a quantity held or in stock states ("How many X are there?" is left alone: it may count anything)
_HELD_ASKED = re.compile(rf"{PLACEHOLDER}\b(?:\s+[^\W\d_]+)?\s+(?:(?:do|does|have|has|did)\s+)?(?:we|you|they|i|there|it)\s+"
                         r"(?:\w+\s+)?(?:got|have|own|hold|keep|stock|are|is)\b", re.IGNORECASE)
_HELD = frozenset({"quantity", "qty", "stock", "held", "owned", "inventory", "units"})


# what an "arity" counts: "How many arguments (inputs, operands, parameters) does X take?"
_ARGUMENTS = frozenset({"argum", "arg", "input", "opera", "param"})


def _singular_stem(word: str) -> str:
    return (word[:-1] if len(word) > 3 and word.endswith("s") else word)[:STEM_CHARS]


_PREPOSITIONS = frozenset("between per across inside within through during under among before after around along "
                          "behind beyond".split())


_BARE_COUNTS = frozenset({"count", "total", "number", "number of entries", "entry count"})


def counted(masked_q: str, props: list[str]) -> list[str]:
    """The properties, of ``props``, that count what the question asks how many of: "number of W" or "W count" where
    the question says "how many W" (the same words by their first STEM_CHARS letters)."""
    found = _HOW_MANY.search(masked_q)
    if not found:
        return []
    asked = []
    for m in tokens(found.group(1)):
        word = fold(m.group())
        if word in STOPWORDS_EN or word in _PREPOSITIONS or word == PLACEHOLDER.casefold():
            break  # "how many ms between frames" counts ms
        asked.append(_singular_stem(word))
    if not asked and _HELD_ASKED.match(masked_q, found.start(1)):  # "how many X mics have we got": X itself
        return [p for p in props if {fold(m.group()) for m in tokens(p)} & _HELD]
    out = []
    for p in props:
        words = [fold(m.group()) for m in tokens(p)]
        rest = [_singular_stem(w) for w in words if w not in _COUNT_WORDS]
        # the same counted noun, after the same words or others ("how many tz database zones" of a "number of time
        # zones"); the arguments' nouns are one noun ("how many params" of a "number of inputs")
        same = asked[-1:] == rest[-1:] or bool(asked and rest) and {asked[-1], rest[-1]} <= _ARGUMENTS
        if rest and (words[:2] == ["number", "of"] or words[-1] == "count") and same:
            out.append(p)
        elif words == ["arity"] and asked[-1:] and asked[-1] in _ARGUMENTS:  # the number of arguments, by its name
            out.append(p)
    return out or [p for p in props if asked and fold(p) in _BARE_COUNTS]  # ("how many entries are under FILES?" of
    # its "count", where no label names what it counts)


# "When did X start being valid?", "X start date?" for "valid from" beside "valid until"; "When does X expire?" for the
# other; "X max value?" for the "support upper bound" beside a lower one: a question about a beginning or a low end
# (an end, a high end) asks for the property named for it, when the entity has both
_LOW = frozenset("lower lowest low minimum min smallest least bottom".split())
_HIGH = frozenset("upper highest high maximum max largest greatest top".split())
_STARTS = frozenset("start starts started starting begin begins began beginning since issued first earliest commence "
                    "commenced opening opened from".split()) | _LOW
_ENDS = frozenset("end ends ended ending expire expires expired expiry expiration until till last latest finish "
                  "finished stop stopped closing closed through".split()) | _HIGH
# a question's "first", "last" or "from" often says something else ("What runs first when X boots?")
_ASKED_DIRECTION = frozenset({"first", "earliest", "last", "latest", "through", "from"})


def directed(masked_q: str, props: list[str]) -> list[str]:
    """The properties, of ``props``, named for the beginning ("valid from", "start date") when the question asks
    about a beginning and none about an end, or for the end ("valid until", "expiry date") the other way round;
    none unless ``props`` name both."""
    words = {fold(m.group()) for m in tokens(masked_q)} - _ASKED_DIRECTION
    named = {p: {fold(m.group()) for m in tokens(p)} for p in props}
    starts = [p for p, ws in named.items() if ws & _STARTS and not ws & _ENDS]
    ends = [p for p, ws in named.items() if ws & _ENDS and not ws & _STARTS]
    if not starts or not ends:
        return []
    if words & _STARTS and not words & _ENDS:
        return starts
    if words & _ENDS and not words & _STARTS:
        return ends
    return []


# "How large is X?", "How big is X, numerically?": the question asks for a quantity, which a property named for the
# quantity itself states ("value" in a KB of physical constants), rather than any size or area it lacks
_QUANTITY_ASKED = re.compile(r"\bhow\s+(?:big|large|small|much|heavy|long|high|far|fast)\b|\bnumerically\b",
                             re.IGNORECASE)
_QUANTITY_NAMES = frozenset({"value", "numerical value", "numeric value", "amount", "magnitude", "quantity"})


def quantity_named(masked_q: str, props: list[str]) -> list[str]:
    """The properties, of ``props``, named for a quantity itself ("value", "amount"), when the question asks how big
    (large, much, long …) the entity is or for it numerically."""
    if not _QUANTITY_ASKED.search(masked_q):
        return []
    return [p for p in props if _named_for_quantity(p)]


def _named_for_quantity(prop: str) -> bool:
    return " ".join(fold(m.group()) for m in tokens(prop)) in _QUANTITY_NAMES


# "How big is the X block?", "X size?": the size of an entity that has no property named for a quantity or a size is
# the one count it has ("number of code points")
_SIZE_ASKED = re.compile(r"\bhow\s+(?:big|large|small)\b|\bsizes?\b", re.IGNORECASE)


def size_counted(masked_q: str, props: list[str]) -> list[str]:
    """The one property of ``props`` named for a count ("number of code points"), when the question asks for the
    entity's size ("how big", "size") and no property is named for a quantity or a size."""
    if not _SIZE_ASKED.search(masked_q) or any(
            re.search(r"\bsize", p, re.IGNORECASE) or _named_for_quantity(p) for p in props):
        return []
    counts = [p for p in props if re.match(r"number\s+of\s", p, re.IGNORECASE)]
    return counts if len(counts) == 1 else []
