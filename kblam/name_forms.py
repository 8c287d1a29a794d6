"""The forms of a KB name other than itself: the shorter forms people write for a name with a qualifier
(:func:`bare_forms`), and whether a name is written in symbols (:func:`symbolic`), found only as written."""

from __future__ import annotations

import re

_BRACKETED = re.compile(r"^(.+?)\s*\[([^\[\]]+)\]\s*$")  # "Catalunya [Cataluña]": a name and another form of it
_PARENTHESISED = re.compile(r"^(.+?)\s*\(([^()]*)\)\s*$")  # "Swahili (macrolanguage)"
_INVERTED = re.compile(r"^([^,]+),\s*([^,]+)$")  # "Edinburgh, City of"
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&-]{2,9}")
_INITIALLED = re.compile(r"^([^\W\d_][\w'-]+)\s+(?:[A-Z]\.\s*)+([^\W\d_][\w'-]+)$")  # "Ahmed R. TAHRI"
_ASSIGNED = re.compile(r"^--?[A-Za-z][\w-]*=([^\W_][\w.-]{2,})$")  # gcc's "--param=max-unroll-times"
_DOTTED = re.compile(r"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*\.([A-Za-z_]\w{2,})$")  # "operator.lshift", "torch.bfloat16"


def symbolic(name: str) -> bool:
    """A name of symbols alone ("^"), or of symbols and then one letter or digit ("%a"; not "C#")."""
    name = name.strip()
    return bool(name) and not any(c.isspace() for c in name) and (
        not any(c.isalnum() for c in name) or not name[0].isalnum() and sum(c.isalnum() for c in name) == 1)


def bare_forms(name: str, english: frozenset[str] = frozenset()) -> list[str]:
    """Shorter forms by which people name an entity whose KB name carries a qualifier: the name without a trailing
    parenthesised qualifier ("Swahili (macrolanguage)"), or that acronym alone ("European Southern Observatory
    (ESO)"), or the qualifier's first word before or after the name ("simplified Han" for "Han (Simplified
    variant)"); without an inverted one ("Edinburgh, City of"), without a leading "The", and both forms of a name
    with another form in brackets ("Catalunya [Cataluña]"); a person's name without its middle initials; the last
    part of a dotted name that is no word of ``english`` ("lshift" of "operator.lshift", not "add" of
    "operator.add"); what an option assigns ("max-unroll-times" of "--param=max-unroll-times")."""
    assigned = _ASSIGNED.match(name.strip())
    if assigned:
        return [assigned.group(1)]
    dotted = _DOTTED.match(name.strip())
    if dotted:
        last = dotted.group(1)
        return [last] if last.casefold().strip("_") not in english else []
    initialled = _INITIALLED.match(name.strip())
    if initialled:  # a person's name without its middle initials ("Ahmed TAHRI" of "Ahmed R. TAHRI")
        return [f"{initialled.group(1)} {initialled.group(2)}"]
    forms = [name[4:]] if name.startswith("The ") and len(name) > 6 else []  # "The Hague"
    bracketed = _BRACKETED.match(name)
    if bracketed:
        return forms + [bracketed.group(1), bracketed.group(2)]
    parenthesised = _PARENTHESISED.match(name)
    if parenthesised:  # "European Southern Observatory (ESO)": an acronym in parentheses is a name too
        base, qualifier = parenthesised.groups()
        if _ACRONYM.fullmatch(qualifier):
            return forms + [base, qualifier]
        # "Han (Simplified variant)" is "simplified Han" or "Han simplified" to its users
        first = qualifier.split()[0] if qualifier.split() else ""
        return forms + [base] + ([f"{first} {base}", f"{base} {first}"] if first.isalpha() and len(first) > 2 else [])
    inverted = _INVERTED.match(name)  # "Edinburgh, City of": "Edinburgh" and "City of Edinburgh"
    return forms + ([inverted.group(1), f"{inverted.group(2)} {inverted.group(1)}"] if inverted else [])
