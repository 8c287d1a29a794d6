"""Values that name their entity. People name an entity by its codename, short name, symbol or alias as often as by
the KB's name for it: "when did jammy come out?" of "Ubuntu 22.04 LTS" (series "jammy", codename "Jammy
Jellyfish"), "bookworm eol?" of "Debian 12", "the capital of DE" (alpha-2 code), "what does ts do?" of Vim's
"tabstop" (short name "ts"). A property counts when its label says it names the thing (:data:`NAMING`), several
entities hold it and each value is one entity's alone: then each value is another form of that entity's name
(:class:`entities.NameIndex` finds it, as a name assumed rather than written). A value that is a short code or an
English word ("IS", "noble", "stretch") is found only written as the KB writes it, so "What is …" never names
Iceland."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from .folding import fold, tokens
from .labels import PAGE_LABEL, spelled_out
from .typos import english_words

# labels of properties whose value names the entity
NAMING = re.compile(r"^(?:(?:full|long|official|display|english|common|feature|project|product|package) )?names?$|"
                    r"^titles?$|"
                    r"\b(?:code ?names?|series|nick ?names?|alias(?:es)?|a\.?k\.?a\.?|(?:also )?known as|short ?names?|"
                    r"also (?:called|named)|"
                    r"acronyms?|abbreviations?|abbreviated(?: as)?|symbols?|tickers?|call ?signs?|(?:common|other|trade|brand|generic) "
                    r"names?)\b|\bcodes?$", re.IGNORECASE)  # "alpha-2 code", "IATA code"
_SAID_TO_NAME = re.compile(r"\b(?:alias(?:es)?|abbreviations?|abbreviated(?: as)?|acronyms?|a\.?k\.?a\.?|(?:also )?known as|also (?:called|named)|nick ?names?)\b", re.IGNORECASE)
MAX_WORDS, MAX_CHARS = 5, 48
_NOT_A_NAME = re.compile(r"://|@|/|^\W|\d{4}-\d{2}")  # a URL, an address, a path, a date
_SPLIT = re.compile(r"\s*[,;]\s+")  # "ts, tabstop": each is a name


_SUFFIX_LABEL = re.compile(r"(?:file\s+)?(?:suffix|extension|name\s+suffix)", re.IGNORECASE)


def aliases(triples: Iterable) -> dict[str, set[str]]:
    """Per KB name, the values of its naming properties that name it alone (as the KB writes them)."""
    triples = list(triples)
    owners: dict[str, set[str]] = {}  # folded value -> the entities holding it under any property
    for t in triples:
        owners.setdefault(fold(t.value.strip()), set()).add(t.name)
    by_prop: dict[str, list] = {}
    for t in triples:
        if NAMING.search(spelled_out(t.property)):
            by_prop.setdefault(t.property, []).append(t)
    names = {fold(t.name.strip()) for t in triples}
    out: dict[str, set[str]] = {}
    for prop, held in by_prop.items():
        if len({t.name for t in held}) < 2 and not _SAID_TO_NAME.search(spelled_out(prop)):  # ("also called: the tty
            continue  # field", held by one entity: a label that says so names it all the same)
        for t in held:
            for part in _SPLIT.split(t.value.strip()):
                part = re.sub(r"^(?:the|a|an)\s+", "", part.strip().strip("'\"`"), flags=re.IGNORECASE)
                folded = fold(part)
                if (len(part) < 2 or len(part) > MAX_CHARS or not any(c.isalpha() for c in part)
                        or len(tokens(part)) > MAX_WORDS or _NOT_A_NAME.search(part) or folded in names
                        or owners.get(folded, {t.name}) != {t.name}):  # (a value others hold names none)
                    continue
                out.setdefault(t.name, set()).add(part)
    for t in triples:  # "acct(5)" of the page "acct" in man section 5; "a .positive file" of one whose suffix is that
        cited = f"{t.name.strip()}({t.value.strip()})"
        if PAGE_LABEL.fullmatch(t.property.strip()) and re.fullmatch(r"\d\w{0,4}", t.value.strip()) and fold(cited) not in names:
            out.setdefault(t.name, set()).add(cited)
        if _SUFFIX_LABEL.fullmatch(t.property.strip()) and re.fullmatch(r"\.\w+", t.value.strip()) and len(owners[fold(t.value.strip())]) == 1:
            out.setdefault(t.name, set()).update(f"{t.value.strip()} {kind}" for kind in ("file", "files"))
    return out


def strict(alias: str) -> tuple[str, ...] | None:
    """The tokens of ``alias`` as the question must write them when it is a short code or an English word ("IS",
    "noble"; a lower-case word may start a sentence), else None (any case)."""
    words = [m.group() for m in tokens(alias)]
    if len(alias) <= 3 or all(w in (english_words() or ()) for w in words):
        return tuple(alias[m.start():m.end()] for m in tokens(alias))
    return None


def written_as(required: tuple[str, ...], written: list[str]) -> bool:
    """Whether the question's tokens end with ``required`` as written (the first word's initial in either case, unless
    the word is all capitals: "noble" or "Noble", never "Is" for "IS")."""
    said = written[-len(required):]
    return len(said) == len(required) and all(
        w == r or k == 0 and (r.islower() or r[1:].islower()) and w.casefold() == r.casefold()  # ("Traditional DES")
        for k, (w, r) in enumerate(zip(said, required, strict=False)))


def kindless(values: Iterable[str], least: int) -> dict[str, str]:
    """Alias values without the kind noun that ends ``least`` or more of them ("NTH_VALUE" of "NTH_VALUE function"
    beside "CHARACTER_LENGTH function"): the shorter form, as written -> the value."""
    spans = {v: list(tokens(v)) for v in values}
    tails = Counter(" ".join(m.group() for m in t[-n:]) for t in spans.values() for n in (1, 2) if len(t) > n)
    out = {}
    for v, t in spans.items():
        for n in (2, 1):
            if len(t) > n and tails[" ".join(m.group() for m in t[-n:])] >= least:
                short = v[:t[-n].start()].strip(" :,-")
                if any(c.isalpha() for c in short):
                    out[short] = v
                break
    return out


def add_forms(aliases: dict[str, set[str]], display: dict[str, str], exact: set[str], bases: dict[str, set[str]],
              spoken: set[str]) -> tuple[dict[str, list[tuple[str, ...]]], frozenset[str]]:
    """Adds the values that name their entity (``aliases``, of :func:`aliases`) to a name index's ``bases`` (folded
    form -> the names it may mean) and ``spoken`` (forms found as written, never with a typo), also without a kind
    noun their values share and after the word that starts the entity's name and others ("Debian etch"); returns the
    forms found only as written (:func:`strict`), with how, and every form it added."""
    firsts = Counter(k.split(" ", 1)[0] for k in display if " " in k)
    ways: dict[str, list[tuple[str, ...] | None]] = {}
    shorter = kindless({v for vs in aliases.values() for v in vs}, 2)  # "NTH_VALUE" of "NTH_VALUE function"
    for name, values in aliases.items():
        head = " ".join(m.group() for m in tokens(name)).split(" ", 1)[0]
        for value in values | {s for s, v in shorter.items() if v in values}:
            form = " ".join(m.group() for m in tokens(value))
            for f in [form] + ([f"{head} {form}"] if firsts[head] >= 2 and head.isalpha() else []):
                if not f or f in exact or f in bases and f not in ways:
                    continue  # (a form of a name already)
                bases.setdefault(f, set()).add(name)  # (two entities' alias names neither)
                spoken.add(f)
                ways.setdefault(f, []).append(strict(value))  # ("Bookworm" and "bookworm" are one)
    return {f: w for f, w in ways.items() if None not in w}, frozenset(ways)
