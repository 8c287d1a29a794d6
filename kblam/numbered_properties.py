"""Properties of a numbered family ("shade 50" … "shade 950" of a colour palette): the numbers a property's name
writes, and whether a question asks for a number the family lacks ("gray 25"). Used by :mod:`matching`."""

from __future__ import annotations

import re

from .entities import tokens
from .value_fit import PLACEHOLDER


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
