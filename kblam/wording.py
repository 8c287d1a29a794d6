"""How a question writes the properties it asks for (used by :mod:`matching`): whole or in part, misspelt,
abbreviated, as an acronym or a compound of their words; joined by "and"; attached to one of several entities; with
an identifier of another property; and what kind of answer its words call for.

- :func:`stems`, :func:`lexical`: the words a property shares with a question; :func:`misspelt`, :func:`abbreviations`,
  :func:`acronym`: its words with a typo ("gorup id"), cut short ("dist"), by initials ("uid") or run together;
- :func:`written`, :func:`conjoined`, :func:`nearest_literal`: where each property is written, joined by "and", and
  which of several named entities it belongs to; :func:`other_identifiers`, :func:`contradicted`: one written with
  another letter, number or acronym ("ISO 639-2/T code" beside the KB's "/B");
- :func:`kind_noun_dropped`: the noun saying what kind of thing the entity is ("the mail user") set aside;
- :func:`answer_kind`: the kind of value asked for ("who", "when", "which year", "how many", "two-letter"); other
  words for a property are read by :mod:`intents`; :func:`writes_value`: a question writing out the value it would
  get; :func:`contrasted`: a modifier's counterpart ("previous" for the "latest version").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from .answer_kinds import answer_kind, fits_kind  # noqa: F401 (read from here by the matcher and tests)
from .conversation import FILLER
from .entities import STOPWORDS as STOPWORDS_EN
from .entities import Mention, fold, tokens
from .intents import _ENDS, _STARTS, STATES, STEM_CHARS, stem
from .label_spellings import acronym, misspelt, shortened
from .labels import spelled_out
from .typos import _typo, english_words
from .value_fit import CHOICE, PLACEHOLDER, STEM_STOPWORDS

# A question answered by yes or no alone ("Does X cover Cyrillic?", "Is X thread-safe?"): it starts with a verb
# and asks for no choice, no thing ("Is there …?", "Does X have any …?" ask for the thing) and nothing else
_YES_NO = re.compile(r"^\W*(?:(?:and|so|but|ok|okay|also)\W+)?(?:is|are|was|were|does|do|did|has|have|can|could|will|"
                     r"would|should|may|must)\b(?!\s+(?:you|u|there)\b)"  # ("Can I have the phone numbers …?" asks for them)
                     r"(?!\s+(?:i|we)\s+(?:please\s+)?(?:have|get\s+(?:the|a|an|some|their|its|his|her|my|your))\b)",
                     re.IGNORECASE)
_NOT_YES_NO = re.compile(r"\b(?:or|what|which|who|whom|whose|when|where|why|how|whether|tell|explain|list|show|give|"
                         r"name)\b|\b(?:have|has|had)\s+(?:any|an?|some|no)\b", re.IGNORECASE)


# a clause asking only "when?", "where?", "what grade?" ("When exactly?", "If so, when?") of the yes/no clause before it
_BARE_WH = re.compile(r"^\W*(?:(?:and|so|ok|okay)\W+)*(?:if\s+(?:so|yes)\W+)?(when|where|who|why|how\s+(?:much|many|long|"
                      r"often|old|far)|(?:what|which)\s+[^\W\d_]+)(?:\s+(?:exactly|precisely|then|roughly))?\W*$",
                      re.IGNORECASE)
_AUXILIARY = re.compile(r"(?:is|are|was|were|does|do|did|has|have|can|could|will|would)\b", re.IGNORECASE)


def wh_merged(clauses: list[str]) -> list[str]:
    """``clauses`` with a yes/no question followed by a clause that asks only when, where, who… of it made one
    question: "Was X shut for building work?" + "When exactly?" is "When was X shut for building work?"; "Is X to
    be shut down for good?" + "If so, when?" likewise. Text before the yes/no sentence is kept."""
    out: list[str] = []
    for clause in clauses:
        wh = _BARE_WH.match(clause)
        if wh and out:
            start = max((m.end() for m in re.finditer(r"[.!?]\s+", out[-1].rstrip(" .!?"))), default=0)
            body = out[-1][start:].strip()
            if _AUXILIARY.match(body):
                asked = wh.group(1)
                out[-1] = (f"{out[-1][:start]}{asked[:1].upper()}{asked[1:]} {body[:1].lower()}{body[1:]}"
                           .rstrip(" ,.!?") + "?")
                continue
        out.append(clause)
    return out


def yes_no_only(question: str) -> bool:
    """Whether the question is answered by yes or no alone (see :data:`_YES_NO`)."""
    return bool(_YES_NO.search(question)) and not _NOT_YES_NO.search(question)


# a namespace written onto a name: "ast.keyword", "np.float16", "os.path.join"
_NAMESPACE = re.compile(r"(?<![\w.])(?:[A-Za-z_]\w*\.)+$")
_DASHES = re.compile(r"(?:(?<=\s)|^)(?:-{1,2}|/|\.|!)$")  # an option's dashes ("the --rcs option"), a path's first
# slash, a section's dot ("the .text section"), a pseudo-tag's "!" ("a !_TAG_FILE_FORMAT line")


_JOINED_NAMES = re.compile(rf"\b{PLACEHOLDER}(?:\s*,\s*{PLACEHOLDER})*\s*,?\s*(?:and|or|&)\s+{PLACEHOLDER}\b")


def joined_names(masked: str, names: list[str]) -> str:
    """Names joined by "and" masked as one ("where are stretcher kits X and X kept?": "where are X kept?"), the words
    right before them that all ``names`` hold, also in the plural ("stretcher kits" of "Stretcher Kit S-04a"), left out."""
    joined = _JOINED_NAMES.search(masked)
    if not joined:
        return masked
    shared = set.intersection(*({fold(m.group()) for m in tokens(n)} for n in names)) if names else set()
    cut = joined.start()
    for m in reversed(list(re.finditer(r"\w+", masked[:cut]))):
        word = fold(m.group())
        if masked[m.end():cut].strip() or not ({word, word.removesuffix("s"), word.removesuffix("es")} & shared):
            break
        cut = m.start()
    return masked[:cut] + PLACEHOLDER + masked[joined.end():]


_QUOTES = {"'": "'", '"': '"', "`": "`", "\u2018": "\u2019", "\u201c": "\u201d"}
_BARE_EQUALS = re.compile(r"=(?![^\s?!.,;:)])|\(\)")  # the "=" a setting's name is written with, no value after it,
# or the empty parentheses of a function's ("where does ImportRaw() put …": "X")


def mask(question: str, mentions: list[Mention], start: int = 0, end: int | None = None) -> str:
    """``question[start:end]`` with each name mentioned inside it replaced by the placeholder, together with a
    namespace written onto it ("ast.keyword": the module's name is no word of the question's own), the dashes of
    an option ("--rcs"), the angle brackets of a tag ("the <a> tag"), the bare "=" of a setting ("ProtectHome=") or
    the empty parentheses of a function ("ImportRaw()")."""
    end = len(question) if end is None else end
    parts, last = [], start
    for m in mentions:
        if start <= m.start and m.end <= end:
            before = question[last:m.start]
            tag = before.endswith("<") and question[m.end:m.end + 1] == ">" or bool(before) and _QUOTES.get(
                before[-1]) == question[m.end:m.end + 1]  # (or quotes: "the 'shared' flag")
            parts.append(_DASHES.sub("", _NAMESPACE.sub("", before[:-1] if tag else before))
                         + (" " if m.whole else "") + PLACEHOLDER)  # (a mention of no width: a word apart)
            bare = _BARE_EQUALS.match(question, m.end, end)  # ("does X= hide": "X")
            last = m.end + (1 if tag else len(bare.group()) if bare else 0)
    return "".join(parts) + question[last:end]


def labelled(prop: str, masked_words: str) -> bool:
    """Whether the question (its folded words, space-joined and space-wrapped) writes ``prop``'s label as it is."""
    return f" {' '.join(m.group() for m in tokens(prop))} " in masked_words


def lexical(prop: str, question_words: set[str]) -> bool:
    words = [m.group() for m in tokens(prop)]
    return bool(words) and all(w in question_words for w in words)


# the head noun of a compound naming one thing by its modifier ("address" of "e-mail address"): no property of its own
_EMPTY_HEAD = re.compile(r"\b(?:e-?mail|web|website|internet)\s+(address)(?:es)?\b|\b(?:phone|telephone|mobile|fax)\s+"
                         r"(number)s?\b", re.IGNORECASE)


def empty_heads(question: str) -> set[str]:
    """The head nouns of the question's compounds that name one thing by their modifier ("address" of "email
    address"; :data:`_EMPTY_HEAD`), folded."""
    return {fold(w) for m in _EMPTY_HEAD.finditer(question) for w in m.groups() if w}


_HYPHENATED = re.compile(r"\b[^\W\d_]+(?:-[^\W\d_]+)+\b")


def singulars(words: set[str]) -> set[str]:
    """The question words of four or five letters ending in a plural "s", without it ("steps": "step"); longer words
    meet a property's singular by their first letters already."""
    return {w[:-1] for w in words if 4 <= len(w) <= STEM_CHARS and w.endswith("s") and not w.endswith(("ss", "us", "is"))}


def stems(text: str) -> set[str]:
    """The stems of ``text``'s words; a hyphenated compound also as one word ("e-mail" gives "email" as well as "e"
    and "mail"), so that its two spellings meet."""
    words = [fold(m.group()) for m in tokens(text)]
    if "-" in text:
        words += [fold(m.group()).replace("-", "") for m in _HYPHENATED.finditer(text)]
    if " " not in text.strip() and (apart := spelled_out(text)) != text:  # a label run together: its words too
        words += [fold(m.group()) for m in tokens(apart)]  # ("Bundle-SymbolicName": "symbolic")
    return {stem(w) for w in words if w not in STEM_STOPWORDS}


def opening(value: str) -> set[str]:
    """The stems of a value's first word ("Returns true if …": "retur")."""
    return stems(value.split()[0]) if value.split() else set()


# a verb that says what a thing does with what is asked ("the X tag take", "does X create accept")
_VERB = (r"(?:take|takes|have|has|had|use|uses|used|do|does|did|is|are|was|were|can|could|will|would|should|support|"
         r"supports|accept|accepts|mean|means|return|returns|hold|holds|store|stores|get|gets|allow|allows|need|needs|require|"
         r"requires)")
_DOES_VERB = re.compile(rf"\b(?:what|which)(?:\s+\w+)?\s+(?:does|do|did|will|would|can)\s+(?:the\s+)?(?:it|{PLACEHOLDER})(?:\s+(?:field|feild|column|option|"
                        rf"setting|keyword|flag|entry|directive|variable|token))?\s+([a-z]{{4,}})\b(?!\s+{_VERB}\b)|\b(?:it|{PLACEHOLDER})\s+(?:gets?|is|are)\s+([a-z]{{2,}}ed)\s+when\b",
                        re.IGNORECASE)  # ("What check does X skip?")


def verb_opened(masked: str, held: list[tuple[str, str]]) -> set[str]:
    """The properties among ``held`` (property, value) whose value opens with the verb the question asks about: "what
    does X return?" of a description "Returns true if …"; the verb with a small typo ("what does X supress")."""
    written = {fold(v) for found in _DOES_VERB.findall(masked) for v in found if v}
    verbs = {stem(v) for v in written}
    return {prop for prop, value in held if len(first := opening(value)) == 1 and (first <= verbs or (said := re.match(
        r"[a-z]{5,}", value.casefold())) and any(_typo(v, said.group().removesuffix("s").removesuffix("e"))
                                                 for v in written))}


# "the X user?", "X user's gid", "the X tag take": a noun right after the entity that says what kind of thing it is
_UNITS = r"(?:bytes|bits|words|seconds|secs|ms|milliseconds|minutes|hours|days|kb|kib|mb|mib|gb|gib)"  # ("… in bytes")
_KIND_NOUN = re.compile(rf"(?:\bthe\s+{PLACEHOLDER}\s+(?!{STATES})(\w+)(?=\s*(?:[?.!,;]|$)|\s+{_VERB}\b|\s+in\s+{_UNITS}\b)"
                        rf"|\b{PLACEHOLDER}\s+(\w+)(?=['\u2019]s\b)"
                        # "the X layout tagged with", "the X layout display …", "X layout - what …?"
                        rf"|\bthe\s+{PLACEHOLDER}\s+(\w+)(?=\s+(?:\w+ed|display|displays|show|shows|come|comes)\b)"
                        rf"|^\W*{PLACEHOLDER}\s+(\w+)(?=\s+[-\u2013\u2014:]\s))")


# "What is X in scipy special?", "What is the X property on a machine object?": where the entity lives, after a bare
# "What is X", says nothing of what is asked
_WHERE_CONTEXT = re.compile(rf"^(\W*what(?:['\u2019]?s|\s+is|\s+are)\s+(?:the\s+)?{PLACEHOLDER}(?:\s+(?:property|method|signal|"
                            r"field|option|setting|variable|key|flag|attribute|parameter))?)\s+(?:in|from|within|on)\s+"
                            r"([\w.\s-]+?)(\s*[?.!]*)$", re.IGNORECASE)


# the file or directory a setting lives in, named after it: "in resolv.conf" (not a path: "in /etc/…" asks its value)
_IN_FILE = re.compile(r"\s+(?:in|from|within|inside)\s+(?:the\s+|an?\s+|my\s+)?((?<![/\w])[\w-]+\.[a-z]{1,5}"
                      r"(?:\s+(?:files?|config(?:uration)?|directory|dir))?|[\w.-]+\s+files?|(?<![/\w])[\w.-]+/[\w.-]+(?=\s+(?:do|does|mean|means)\s*[?.!]*$))"
                      r"(?=\s*[?.!,]*$|\s+[-\u2013:]\s|\s+(?:do|does|mean|means)\s*[?.!]*$)",  # ("what does the X target
                      re.IGNORECASE)  # in debian/rules do?", "… do in a gitignor file")


def context_dropped(masked_q: str, props: list[str]) -> str:
    """A bare "What is X in C?" as "What is X?" when no word of C is a word of ``props`` ("in scipy special", not "in
    SI units" of an entity with "SI units"); likewise the file it is set in, at the end of any question ("tell me
    what the X type does in tmpfiles.d", "X in resolv.conf - meaning?")."""
    own = set().union(*(stems(p) for p in props))
    found = _WHERE_CONTEXT.match(masked_q)
    if found and not stems(found.group(2)) & own:
        return found.group(1) + found.group(3)
    filed = _IN_FILE.search(masked_q)
    if filed and not stems(filed.group(1)) & own:
        return masked_q[:filed.start()] + masked_q[filed.end():]
    return masked_q


# "how big", "how long": the quantity asked, by the word a property names it with
_HOW_NOUNS = {"big": "size", "large": "size", "small": "size", "long": "length", "wide": "width", "tall": "height",
              "high": "height", "heavy": "weight", "old": "age", "deep": "depth"}
_HOW = re.compile(rf"\bhow\s+({'|'.join(_HOW_NOUNS)})\b", re.IGNORECASE)


def kind_noun_dropped(masked_q: str, props: list[str]) -> str:
    """The masked question without the noun that says what kind of thing the entity is ("the gorup id of the X
    user", "X user's gid"), when that noun is a word of one of the entity's properties ("user ID") and a word of
    another of its properties is written elsewhere (here the group ID: misspelt, or as "gid"); unchanged otherwise
    ("What is the X version?" asks for the version)."""
    found = _KIND_NOUN.search(masked_q)
    if not found:
        return masked_q
    start, end = next(found.span(g) for g in (1, 2, 3, 4) if found.group(g))
    noun = fold(masked_q[start:end])
    if noun.isdigit():  # "X 400's hex": a number names a property ("shade 400"), not what X is
        return masked_q
    rest = masked_q[:start] + masked_q[end:]
    words = {fold(m.group()) for m in tokens(rest)}
    words |= misspelt(words, props, frozenset())
    holding = [p for p in props if noun in {fold(m.group()) for m in tokens(p)}]
    said = {stem(w) for w in words if w not in STEM_STOPWORDS} | {  # "how big is the X detector?": its size
        stem(_HOW_NOUNS[fold(m.group(1))]) for m in _HOW.finditer(rest)}
    other = [p for p in props if p not in holding and (stems(p) & said or any(
        acronym(w, [fold(m.group()) for m in tokens(p)]) for w in words))]
    # ... or when no property holding it is named by it and the rest ("Which symbol is the X token?" of a "token
    # number": "symbol" is asked; but "tell me the X version?" of a "library version" asks for that version)
    asked = {w for w in words if len(w) > 2 and w not in FILLER and w not in STEM_STOPWORDS}
    unnamed = all(stems(p) - {stem(noun)} - said for p in holding) and (asked or not any(
        fold(p).split()[-1] == noun for p in holding))
    return (re.sub(r"\s+(?=['\u2019?.!,;]|$)", "", rest.replace("  ", " ")) if holding and (other or unnamed)
            else masked_q)


_WHETHER = re.compile(r"\b(?:whether|if)\b|^\W*(?:could|will|would)\b", re.IGNORECASE)  # besides CHOICE


def writes_value(masked_q: str, value: str, others: Iterable[str] = (), label: str = "") -> bool:
    """Does the question write out ``value`` whole (three characters or more, as a run of whole words), and is it no
    yes/no or either/or question and no list of choices (it writes none of ``others``, the property's other values),
    nor the property's ``label`` itself (a default that is "default": "X default?")?"""
    def written(text: str) -> bool:
        words = [fold(m.group()) for m in tokens(text)]
        return bool(words) and f" {' '.join(words)} " in said

    if len(value.strip()) < 3 or CHOICE.search(masked_q) or _WHETHER.search(masked_q) or (
            {fold(m.group()) for m in tokens(value)} <= {fold(m.group()) for m in tokens(label)}):
        return False
    said = " " + " ".join(fold(m.group()) for m in tokens(masked_q)) + " "
    return written(value) and not any(written(v) for v in others if v != value)


def _owner(question: str, start: int, end: int, mentions: list[Mention]) -> Mention:
    """The named entity a property written at ``question[start:end]`` belongs to: the name right after it
    ("the code point of A"), else the name right before it ("A's code point", "A code point"), else the nearest."""
    for m in mentions:
        if m.start >= end and _OF.fullmatch(question[end:m.start]):
            return m
    for m in mentions:
        if m.end <= start and _POSSESSIVE.fullmatch(question[m.end:start]):
            return m
    return min(mentions, key=lambda m: min(abs(start - m.end), abs(m.start - end)))


_OF = re.compile(r"\s+(?:of|for|in|at|on|from)\s+(?:the\s+|an?\s+)?", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:['\u2019]s?)?\s+(?:the\s+)?", re.IGNORECASE)


def written(question: str, mentions: list[Mention], props: list[str]) -> list[tuple[int, int, str]]:
    """Where each property is written out in the question, outside the names: (start, end, property), in order
    ("unit" inside "atomic unit of ..." is part of a name, not a property)."""
    words = [(fold(m.group()), m.start(), m.end()) for m in tokens(question)]
    spans = []
    for prop in props:
        parts = [fold(m.group()) for m in tokens(prop)]
        for i in range(len(words) - len(parts) + 1):
            said = [w for w, _, _ in words[i:i + len(parts)]]
            if not parts or said[:-1] != parts[:-1] or said[-1] not in (parts[-1], parts[-1] + "s",
                                                                        parts[-1] + "es"):
                continue
            start, end = words[i][1], words[i + len(parts) - 1][2]
            if not any(m.start < end and start < m.end for m in mentions):
                spans.append((start, end, prop))
        spans += [(start, end, prop) for w, start, end in words if (acronym(w, parts) or shortened(w, parts)
                                                                    or len(parts) > 1 and w == "".join(parts))  # "email"
                  and not any(m.start < end and start < m.end for m in mentions)]
    return sorted(spans)


def nearest_literal(question: str, mentions: list[Mention], props: list[str]) -> dict[str, set[str]]:
    """For a question naming several entities: each property written out in it (outside the names), given to the
    entity it is attached to ("the code point of A plus the UTF-8 encoding of B" asks A for its code point, B for
    its encoding; see :func:`_owner`)."""
    out: dict[str, set[str]] = {}
    for start, end, prop in written(question, mentions, props):
        out.setdefault(_owner(question, start, end, mentions).name, set()).add(prop)
    return out


_JOINED = re.compile(rf"(?:\s+(?:number|address|details))?(?:\s+(?:of|for|in)\s+(?:the\s+)?{PLACEHOLDER})?\W*"
                     r"(?:and|&|plus|as\s+well\s+as|,)\W*"
                     r"(?:(?:also|the|its|their|his|her)\s+)*(?:official\s+|full\s+|exact\s+|C\s+|C\+\+\s+)?",
                     re.IGNORECASE)  # ("the sqlstate and the C macro")


def conjoined(question: str, mentions: list[Mention], props: list[str]) -> list[str]:
    """Properties of one entity written out and joined by "and" ("the alpha-2 code and the numeric code of X",
    "X's error number, message and constant"): all of them are asked for. Empty unless two or more are."""
    chained: list[str] = []
    spans = written(question, mentions, props)
    for (_, end, prop), (start, _, nxt) in itertools.pairwise(spans):
        if end <= start and _JOINED.fullmatch(mask(question, mentions, end, start)):
            chained += [p for p in (prop, nxt) if p not in chained]
    # a shared last word written once: "the ISO 639-1 and ISO 639-3 codes", "the alpha-2 and alpha-3 codes"
    heads, lasts = {}, {}
    for p in props:
        parts = [fold(m.group()) for m in tokens(p)]
        if len(parts) >= 2:
            heads[" ".join(parts[:-1])] = (p, parts[-1])
            lasts.setdefault(parts[-1], []).append(p)
    for start, end, head in written(question, mentions, list(heads)):
        prop, last = heads[head]
        if any(a == start for a, _, _ in spans):
            continue
        for nxt_start, _, nxt in spans:
            if (nxt_start >= end and fold(tokens(nxt)[-1].group()) == last
                    and _JOINED.fullmatch(mask(question, mentions, end, nxt_start))):
                chained += [p for p in (prop, nxt) if p not in chained]
    # a property named by its last word alone, the only one ending so, joined to one written out: "the version and
    # the upload date" (of a "latest version")
    for start, end, last in written(question, mentions, [w for w, ps in lasts.items() if len(ps) == 1]):
        prop = lasts[last][0]
        if any(a <= start and end <= b for a, b, _ in spans):
            continue
        for other_start, other_end, other in spans:
            between = (mask(question, mentions, end, other_start) if other_start >= end
                       else mask(question, mentions, other_end, start) if start >= other_end else None)
            if other != prop and between is not None and _JOINED.fullmatch(between):
                chained += [p for p in (prop, other) if p not in chained]
    # two properties told apart by one word, those words joined: "the lower and upper bounds of X's support" for
    # "support lower bound" and "support upper bound"; the words before it may be written again after the "and":
    # "X's former alpha-2 and alpha-3 codes"
    said = " ".join(fold(m.group()) for m in tokens(mask(question, mentions)))
    named = [(p, [fold(m.group()) for m in tokens(p)]) for p in props]
    for (p, a), (q, b) in itertools.combinations(named, 2):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y] if len(a) == len(b) > 1 else []
        if len(diff) == 1 and any(f" {x} {joiner} {' '.join([*a[k:diff[0]], y])} " in f" {said} "
                                  for x, y in ((a[diff[0]], b[diff[0]]), (b[diff[0]], a[diff[0]]))
                                  for joiner in ("and", "plus") for k in range(diff[0] + 1)):
            chained += [r for r in (p, q) if r not in chained]
    # a beginning and an end joined, in other words than the properties' own: "the first and last colours of X" for
    # its "lowest colour" and "highest colour", "start and end" for "valid from" and "valid until"
    starts = [p for p, ws in named if set(ws) & _STARTS and not set(ws) & _ENDS]
    ends = [p for p, ws in named if set(ws) & _ENDS and not set(ws) & _STARTS]
    if len(starts) == len(ends) == 1 and any(
            {x, y} & _STARTS and {x, y} & _ENDS and not {x, y} <= _STARTS and not {x, y} <= _ENDS
            for x, y in (m.groups() for m in _PAIRED.finditer(said))):
        chained += [r for r in (starts[0], ends[0]) if r not in chained]
    return chained


_PAIRED = re.compile(r"\b(\w+)\s+(?:and|to|&)\s+(\w+)\b")


def _identifier(word: str) -> bool:
    """A word that identifies rather than describes: a letter, a number, or an acronym of up to three letters that
    is no English word ("rgb", "hsl")."""
    if word == PLACEHOLDER.casefold() or word in STOPWORDS_EN:
        return False
    return len(word) == 1 or any(c.isdigit() for c in word) or (
        len(word) <= 3 and word.isalpha() and word not in english_words())


def contradicted(prop: str, numbers: set[str]) -> bool:
    """Whether the numbers in a property's name contradict those the question writes: they share one and the
    property has another ("ISO 639-1 code" when the question says "ISO 639-2")."""
    own = {fold(m.group()) for m in tokens(prop) if any(c.isdigit() for c in m.group())}
    return bool(own & numbers) and not own <= numbers


def _unit_dropped(a: str, b: str) -> bool:
    """Is one a number and the other the same number with letters after it ("8" and "8pm": "after 8" of an "after
    8pm" says the same)?"""
    return any(x.isdigit() and re.fullmatch(rf"{x}[^\W\d_]+", y) is not None for x, y in ((a, b), (b, a)))


def other_identifiers(masked_q: str, props: list[str]) -> list[set[str]]:
    """The words of each property name the question writes out with one identifier changed ("ISO 639-2/T code" for
    the KB's "ISO 639-2/B code", "alpha-3 code" for "alpha-2 code"): the question's own words at that place."""
    folded = fold(masked_q)
    # the words, but not what an apostrophe leaves ("s" of "X's", "t" of "don't")
    words = [m.group() if not (m.start() and folded[m.start() - 1] in "'\u2019") else "" for m in tokens(masked_q)]
    named = set()  # the words of the KB's property names, and each two of them run together ("iso4217")
    for p in props:
        parts = [fold(m.group()) for m in tokens(p)]
        named.update(parts, (a + b for a, b in itertools.pairwise(parts)))
    found = []
    for prop in props:
        parts = [fold(m.group()) for m in tokens(prop)]
        if len(parts) < 2:
            continue
        for i in range(len(words) - len(parts) + 1):
            window = words[i:i + len(parts)]
            diff = [j for j, (a, b) in enumerate(zip(window, parts, strict=True)) if a != b]
            if (len(diff) == 1 and _identifier(window[diff[0]]) and _identifier(parts[diff[0]])
                    and window[diff[0]] not in named  # "hex value" may be a "hex code" beside an "RGB value"
                    and not _unit_dropped(window[diff[0]], parts[diff[0]])):
                found.append(set(window))
    return found


_QUALIFIED = re.compile(r"(.+?)\s+(on|in|for|under)\s+(.+)", re.IGNORECASE)


def other_qualifier(masked_q: str, props: list[str]) -> set[str]:
    """The properties named "<what> on|in|for|under <qualifier>" ("number on x86/ARM") that the question writes with
    another word after the same preposition, no English word ("sigsegv number on mips"): a variant the KB does not
    hold ("the UTC offset in winter" may well be the "UTC offset in January")."""
    words = [fold(m.group()) for m in tokens(masked_q)]
    found = set()
    for prop in props:
        qualified = _QUALIFIED.fullmatch(prop.strip())
        if not qualified:
            continue
        head = [fold(m.group()) for m in tokens(qualified.group(1))]
        own = {fold(m.group()) for m in tokens(qualified.group(3))}
        own |= {w.removesuffix("s") for w in own} | {f"{w}s" for w in own}
        after = len(head) + 1
        if any(words[i:i + len(head)] == head and words[i + len(head)] == qualified.group(2).casefold()
               and (w := words[i + after]) not in own and w not in STOPWORDS_EN and w != PLACEHOLDER.casefold()
               and w not in english_words()  # (a code: "mips"; not "winter" of an "offset in January")
               for i in range(len(words) - after)):
            found.add(prop)
    return found


_CLAUSE_BREAK = re.compile(r"\band\b|[;,]")


def clause_kinds(masked: str, n: int) -> list[tuple[str, re.Pattern] | None] | None:
    """The kind of answer each of ``n`` named entities is asked for, where the question names each in a clause of its
    own: the clause's kind, else the first clause's ("When did X and X open?": a date of both; "X's headquarters and
    X's support phone number": a phone number of the second only). None when the clauses do not part the entities one
    by one."""
    clauses = [c for c in _CLAUSE_BREAK.split(masked) if PLACEHOLDER in c]
    if len(clauses) != n or any(c.count(PLACEHOLDER) != 1 for c in clauses):
        return None
    first = answer_kind(clauses[0]) if re.match(r"\W*(?:when|where|who|how|what|which)\b", clauses[0], re.IGNORECASE) else None
    return [answer_kind(c) or first for c in clauses]  # (not a noun's kind: "X url and X path pls")
