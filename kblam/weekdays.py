"""Days of the week in property names and questions: an opening-hours table kept as one property per day or run of
days ("Mon–Fri", "Sat", "Sun & bank hols") answers "Is X open on Sundays?", "Does X shut for lunch on weekdays?" by
the property that covers the days the question writes."""

from __future__ import annotations

import re

from .folding import fold, tokens

_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SHORT = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "weds": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5,
          "sun": 6}
_DAY = {**{n: i for i, n in enumerate(_NAMES)}, **_SHORT}
_RANGE = re.compile(r"^\s*([A-Za-z]{3,9})\.?\s*(?:[-\u2013\u2014]|to)\s*([A-Za-z]{3,9})\b")
_JOINING = frozenset({"and", "bank", "hols", "holidays", "holiday", "only"})


def _day(word: str) -> int | None:
    return _DAY.get(fold(word).removesuffix("s") if fold(word).removesuffix("s") in _DAY else fold(word))


def covered(prop: str) -> frozenset[int]:
    """The days a property named for days covers ("Mon–Fri": Monday to Friday; "Sun & bank hols": Sunday), empty when
    its name does not start with a day."""
    words = [m.group() for m in tokens(prop)]
    if not words or _day(words[0]) is None:
        return frozenset()
    ranged = _RANGE.match(prop)
    if ranged and _day(ranged.group(1)) is not None and _day(ranged.group(2)) is not None:
        a, b = _day(ranged.group(1)), _day(ranged.group(2))
        return frozenset(range(a, b + 1) if a <= b else [*range(a, 7), *range(0, b + 1)])
    if any(_day(w) is None and w not in _JOINING for w in words):
        return frozenset()
    return frozenset(d for w in words if (d := _day(w)) is not None)


def asked_days(question: str) -> frozenset[int]:
    """The days a question writes out ("on Sundays", "on a Saturday", "weekdays", "at the weekend")."""
    days: set[int] = set()
    for m in tokens(question):
        w = fold(m.group())
        if w.removesuffix("s") in _NAMES:
            days.add(_NAMES.index(w.removesuffix("s")))
        elif w in ("weekday", "weekdays"):
            days.update(range(5))
        elif w in ("weekend", "weekends"):
            days.update((5, 6))
    return frozenset(days)


def day_properties(question: str, props: list[str]) -> list[str]:
    """Of ``props``, those named for days that cover every day the question writes, when any covers some but not all
    of the others do (an entity with one property per run of days)."""
    days = asked_days(question)
    spans = {p: covered(p) for p in props}
    if not days or sum(bool(s) for s in spans.values()) < 2:
        return []
    return [p for p, s in spans.items() if s and days <= s]
