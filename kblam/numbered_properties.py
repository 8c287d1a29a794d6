"""Properties of a numbered family ("shade 50" … "shade 950" of a colour palette): the numbers a property's name
writes, and whether a question asks for a number the family lacks ("gray 25"); and of a family told apart by one word
("allow_any", "allow_active"). Used by :mod:`matching`."""

from __future__ import annotations

import re

from .entities import STOPWORDS, fold, tokens
from .intents import stem
from .labels import spelled_out
from .value_fit import PLACEHOLDER
from .wording import stems


def numbered(prop: str) -> set[str]:
    """The whole numbers a property's name writes ("500" of "shade 500")."""
    return {m.group() for m in tokens(prop) if m.group().isdigit()}


def _unnumbered(prop: str) -> list[str]:
    return [m.group() for m in tokens(prop) if not m.group().isdigit()]


def other_number(masked_q: str, chosen: str, owned: frozenset[str]) -> bool:
    """Does the question write, right after the entity or next to a word of the chosen property, a number that no
    property of its numbered family has ("X 25" or "shade 25" where the entity has "shade 50" … "shade 950")?"""
    family = [p for p in owned if numbered(p) and _unnumbered(p) == _unnumbered(chosen)]
    if len(family) < 2:
        return False
    near = "|".join([PLACEHOLDER] + [re.escape(w) for w in _unnumbered(chosen)])
    written = {a or b for a, b in re.findall(rf"\b(?:{near})[\s-]+(\d+)\b(?![-.]\w)|(?<![\w.-])(\d+)[\s-]+(?:{near})\b",
                                            masked_q, re.IGNORECASE)}
    return bool(written) and not any(written & numbered(p) for p in family)


def told_apart(question_words: set[str], props: list[str]) -> list[str]:
    """The one property of a family (three or more properties whose words differ in one place only: "allow_any",
    "allow_inactive", "allow_active") whose own word there the question writes ("… for an active session?"), as a
    list; empty when the question writes none or several. (Two, "licence no." and "licence expiry", make no family:
    "number" is what either is, not what tells it apart.)"""
    words = {p: [fold(m.group()) for m in tokens(spelled_out(p))] for p in props}
    families: dict[tuple, dict[str, str]] = {}
    for p, ws in words.items():
        for k in range(len(ws) if len(ws) >= 2 else 0):
            families.setdefault((len(ws), k, *ws[:k], *ws[k + 1:]), {})[p] = ws[k]
    marks: dict[str, set[str]] = {}
    for members in families.values():
        if len(members) >= FAMILY_LEAST:
            for p, word in members.items():
                marks.setdefault(p, set()).add(word)
    hit = [p for p, own in marks.items() if own & question_words]
    return hit if len(hit) == 1 else []


FAMILY_LEAST = 3


def cased_apart(masked_q: str, props: list[str]) -> list[str]:
    """The property, of two or more whose labels differ only in case ("flag t", "flag T" of magic's string type), whose
    own word there the question writes as it is ("what does the T flag …?"), as a list; empty when it writes none
    or several."""
    by_fold: dict[str, list[str]] = {}
    for p in props:
        by_fold.setdefault(p.casefold(), []).append(p)
    written = {m.group() for m in re.finditer(r"\w+", masked_q)}
    hit = []
    for variants in (v for v in by_fold.values() if len(v) > 1):
        own = [p for p in variants if (set(re.findall(r"\w+", p)) - set().union(*(
            re.findall(r"\w+", q) for q in variants if q != p))) & written]
        hit += own if len(own) == 1 else []
    return hit


def longer_label_written(masked_q: str, props: list[str]) -> list[tuple[str, str]]:
    """Pairs (p, q) of ``props`` where p is a label run together ("Bundle-SymbolicName") whose words the question
    writes as one phrase ("the symbolic name of X"), and more of them than of q ("Bundle-Name"): the encoder reads such
    a label poorly, the question asks for p; and a label of several words written all ("when does X get replaced by
    nothing" of its "when replaced by nothing" beside its "replaced by"). (Not for one written in part: "the UTC offset
    … with DST" asks for a "daylight saving offset", not the "standard UTC offset".)"""
    said = stems(masked_q)
    written = {p: stems(p) & said for p in props}
    run = f" {' '.join(fold(m.group()) for m in tokens(masked_q))} "
    return [(p, q) for p in props if (" " not in p.strip()
            and f" {' '.join(w for m in tokens(spelled_out(p)) if stem(w := fold(m.group())) in written[p])} " in run
            or " " in p.strip() and len(written[p]) > 1 and written[p] == stems(p))
            for q in props if written[q] and written[q] < written[p] and (" " not in p.strip() or stems(q) < written[p])]


def member_by_value(masked_q: str, held: list[tuple[str, str]], named: str = "") -> tuple[list[str], bool]:
    """The members of a numbered family ("code 0" … "code 47") that a question asking for the family's word with no
    number names by what their values say ("ansi code for underlined text?" of "code 4: for underlined text"): those
    whose value's words it writes all, else the one it writes the most of (half or more, no other as many), else the
    one whose value alone writes a word it writes ("which log level also logs passwords?" of "level 7: traces …,
    including passwords"); and whether it asks so at all (it writes the family's word, none of its numbers and words
    of its own beyond them). ``named``: the entity's name where the question asks "which <name>" (its words write the
    family's: "which log level" of log_level's levels)."""
    words = {_plain(m.group()) for m in tokens(fold(masked_q))}
    named_words = {_plain(w) for w in re.split(r"[\W_]+", fold(named)) if w} - words if _WHICH_NAMED.search(masked_q) else set()
    words |= named_words
    props = [p for p, _ in held]
    for p in props:
        family = [q for q in props if numbered(q) and _unnumbered(q) == _unnumbered(p)]
        label = {_plain(fold(w)) for w in _unnumbered(p)}
        if len(family) < FAMILY_LEAST or not label <= words:
            continue
        if any(c.isdigit() for c in masked_q) or not words - label - named_words - STOPWORDS - {fold(PLACEHOLDER)}:
            return [], False
        values = {q: {_plain(m.group()) for m in tokens(fold(re.sub(r"\([^)]*\)", "", v)))} - STOPWORDS  # (an aside
                  for q, v in held if q in family}  # left out: "Dump ELF headers (since Linux 2.6.24).")
        common = set.intersection(*values.values()) if len(values) > 1 else set()  # (a word every member's value
        values = {q: vs - common or vs for q, vs in values.items()}  # writes tells none apart: "print" of "print …")
        full = [q for q, vs in values.items() if vs and vs <= words]
        if full:
            return full, True
        share = {q: len({w for w in vs if w in words or len(w) >= 4 and any(x.startswith(stem(w)) for x in words)})
                 / len(vs) for q, vs in values.items() if vs}  # ("dumped" of "Dump")
        top = max(share.values(), default=0.0)
        best = [q for q, s in share.items() if s == top]
        if len(best) == 1 and top >= 0.5:
            return best, True
        alone = [q for q, vs in values.items() if vs & words - named_words - set().union(*(v for r, v in values.items() if r != q))]
        return (alone if len(alone) == 1 else []), True
    return [], False


_WHICH_NAMED = re.compile(rf"\b(?:which|what)\s+{PLACEHOLDER}\b", re.IGNORECASE)  # "which X …": which one of X's family


def _plain(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 and not word.endswith("ss") else word


def number_written(props: list[str], numbers: set[str]) -> list[str]:
    """The one member of a numbered family ("value 0 effect", "value 1 effect") whose number the question writes, no
    other member's ("what happens if I set X to 0?"); [] where none or several are written. ``numbers``: those the
    question writes on their own (the caller's reading: "0" of "to 0", no "3" of "alpha-3")."""
    written = [p for p in props if numbered(p) and numbered(p) <= numbers and sum(
        _unnumbered(q) == _unnumbered(p) for q in props if numbered(q)) >= 2]
    if len(written) != 1 or any(numbered(q) <= numbers and _unnumbered(q) != _unnumbered(written[0]) for q in props
                                if numbered(q)):  # (a number another label writes: the "3" of "ISO 3166-3 code" is no
        return []  # "former alpha-3 code")
    return written
