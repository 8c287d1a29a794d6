"""How a question spells a property's words other than as the property does: with a typo ("gorup id"), in the other
spelling ("license"), said another way ("caps" for "capabilities"), cut short ("desc", "temp"), by initials ("uid"),
run together ("addrlen"), or spelt out ("long-term support" for "LTS"); and an option label whose option the question
writes alone. Read by :mod:`matching` and :mod:`intents` beside :mod:`wording`."""

from __future__ import annotations

import re

from .entities import STOPWORDS as STOPWORDS_EN
from .entities import fold, tokens
from .intents import STEM_CHARS
from .typos import _typo, english_words, spellings
from .value_fit import PLACEHOLDER, STEM_STOPWORDS


def misspelt(words: set[str], props: list[str], plain: frozenset[str]) -> set[str]:
    """The property words a question writes with a small typo ("gorup id" for "group ID"), judged as names are
    (:func:`typos._typo`: not an English word, two letters swapped or, from five letters, one edit), or in the
    other spelling, British or American, with or without such a typo ("license" or "licnese" for "licence")."""
    own = {fold(m.group()) for p in props if p not in plain for m in tokens(p)}
    return {p for w in words - own if len(w) >= 4 and w.isalpha() for p in own
            if len(p) >= 4 and p.isalpha() and any(w == o or _typo(w, o) for o in spellings(p))}


# a word said for a property word, written as it where a property has it ("caps" of "capabilities", "blank lines")
_SAID_FOR = {"caps": ("capabilities",), "blank": ("empty",), "perms": ("permissions",), "args": ("arguments", "argument"),
             "vars": ("variables", "variable"), "chars": ("characters", "character"), "deps": ("dependencies", "dependency"),
             "dirs": ("directories", "directory"), "opts": ("options", "option"), "manual": ("man",), "mandatory": ("required",)}


def respelt(masked_q: str, props: list[str]) -> str:
    """The masked question with each word that is a typo of a property word (:func:`typos._typo`; not a longer or
    shorter form of it), or said for it (:data:`_SAID_FOR`), written as that word ("nubmer of bands for mode X?" →
    "number of bands for mode X?"), so that the encoder meets the property's own word; unchanged when there is none."""
    own = {fold(m.group()) for p in props for m in tokens(p)}

    def one(m: re.Match) -> str:
        w = fold(m.group())
        if said := [f for f in _SAID_FOR.get(w, ()) if f in own]:
            return said[0]
        if len(w) < 4 or not w.isalpha() or w in own:
            return m.group()
        fix = next((p for p in sorted(own) if len(p) >= 4 and p.isalpha() and _typo(w, p)
                    and not (w.startswith(p) or p.startswith(w))), None)  # "glyphs" or "organisational": no typo
        return fix or next((" ".join(ws) for ws in several if run_together(w, ws)), m.group())

    several = [[fold(m.group()) for m in tokens(p)] for p in props]
    several = [ws for ws in several if len(ws) > 1]
    return re.sub(r"[^\W\d_]+", one, masked_q)


def run_together(word: str, parts: list[str]) -> bool:
    """Whether a question word of five letters or more runs the beginnings of a property's words together, three
    letters or more of each, in order, as identifiers do ("addrlen" for the "address length", "bufsize" for a
    "buffer size"); no English word."""
    return len(parts) > 1 and len(word) >= 5 and word not in english_words() and _split(word, parts, _beginnings)


def spelt_out(question: str, props: list[str]) -> set[str]:
    """The acronyms of ``props`` (two to six capitals: "LTS", "ESM"; or a short lower-case word without a vowel: "lr",
    "ns") that the question writes out in words whose initials spell them, none a function word
    ("long-term support" for the "end of LTS", "learning-rate decay" for the "default lr decay"), folded."""
    words = [w for w in re.findall(r"[^\W\d_]+", question)]
    found = set()
    acronyms = {m.group() for p in props for m in re.finditer(r"\b[A-Z]{2,6}\b", p)}
    acronyms |= {w.upper() for p in props for w in re.findall(r"\b[a-z]{2,4}\b", p)  # "lr" of "default lr decay"
                 if not re.search(r"[aeiouy]", w)}
    for acro in acronyms:
        n = len(acro)
        for i in range(len(words) - n + 1):
            run = words[i:i + n]
            if "".join(w[0] for w in run).upper() == acro and not any(
                    fold(w) in STOPWORDS_EN or w.isupper() for w in run):
                found.add(fold(acro))
                break
    return found


_OPTION_LABEL = re.compile(r"(-{1,2}[A-Za-z0-9][\w-]*)\s+(option|flag|switch)")  # "-s option" of a command


def option_written(prop: str, question: str) -> bool:
    """Whether ``prop`` names an option ("-s option") that the question writes alone ("why pass -s to X?")."""
    opt = _OPTION_LABEL.fullmatch(prop.strip())
    return opt is not None and re.search(rf"(?<![\w-]){re.escape(opt.group(1))}(?![\w-])", question) is not None


def clipped_labels(question: str, props: list[str]) -> set[str]:
    """The words of ``props`` that clip a word the question writes in full ("quals" of "qualifications", "temp" of
    "temperature"): three to five letters (less a plural "s" or a full stop), no English word, the question's word at
    least two letters longer; folded, as the properties write them. So is the kind word of a label naming an option
    the question writes alone ("option" of "-s option": "why pass -s to X?")."""
    words = {fold(w) for w in re.findall(r"[^\W\d_]+", question)}
    found = {fold(_OPTION_LABEL.fullmatch(p.strip()).group(2)) for p in props if option_written(p, question)}
    for w in {fold(w) for p in props for w in re.findall(r"[^\W\d_]+", p)}:
        clip = w[:-1] if w.endswith("s") and len(w) > 3 else w
        if 3 <= len(clip) <= 5 and w not in (english_words() or ()) and any(
                len(q) >= len(clip) + 2 and q.startswith(clip) for q in words):
            found.add(w)
    return found


def abbreviations(words: set[str]) -> set[str]:
    """Question words that may abbreviate a property word ("dist" for "distribution", "desc" for "description"):
    three or four letters, no English word nor a question or function word (they count for the stem bonus when a
    property word's stem starts with them); a plural one also without its "s" ("deps" for "depends on")."""
    short = {w for w in words if 3 <= len(w) < STEM_CHARS and w.isalpha() and w not in STEM_STOPWORDS
             and w != PLACEHOLDER.casefold() and w not in english_words()}
    return short | {w[:-1] for w in short if len(w) == 4 and w.endswith("s")}


def shortened(word: str, parts: list[str]) -> bool:
    """Whether a question word shortens a one-word property of six letters or more to its first three or four
    ("desc" for "description"); not an English word ("main" is no "maintainer") unless a usual shortening ("min" for
    "minimum", "max" for "maximum")."""
    return (len(parts) == 1 and len(parts[0]) >= 6 and 3 <= len(word) <= 4 and word.isalpha()
            and parts[0].startswith(word) and (word in _SHORTENINGS or word not in english_words()))


_SHORTENINGS = frozenset({"min", "max"})


def acronym(word: str, parts: list[str], capitals: bool = False) -> bool:
    """Whether a question word abbreviates a property of several words, in order, by the first letter of each or a
    whole short word ("uid" for "user ID", "gid" for "group ID", "dob" for "date of birth"), or by three letters or
    more of each ("typestr" for "type string"); not an English word, unless the question writes it in ``capitals``
    ("the UA" for the "user agent")."""
    if len(parts) < 2 or not 2 <= len(word) <= 12 or not word.isalpha() or word in english_words() and not capitals:
        return False

    return _split(word, parts, _initials) or _split(word, parts, _beginnings)


def _initials(part: str) -> set[int]:  # each word gives its first letter, or the whole of a short word ("id")
    return {1, len(part) if len(part) <= 3 else 1}


def _beginnings(part: str) -> range:  # or each word gives three letters or more ("typestr" for "type string")
    return range(3, len(part) + 1)


def _split(rest: str, left: list[str], sizes) -> bool:
    if not left:
        return not rest
    first = left[0]
    return any(rest[:k] == first[:k] and _split(rest[k:], left[1:], sizes) for k in sizes(first) if k <= len(rest))
