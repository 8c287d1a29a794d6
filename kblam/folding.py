"""Text as names are compared: case-folded and without accents, character for character, and cut into word tokens.
:mod:`entities` and the modules that read names (matching, conversation, the name forms) share these."""

from __future__ import annotations

import functools
import re
import unicodedata

_TOKEN = re.compile(r"\w+")
_UNACCENTED = {"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i"}  # letters with no decomposition


def fold(text: str) -> str:
    """Case-folded text without accents ("Île-de-France" and "ile-de-france" are one), character for character."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return folded if folded.isascii() else "".join(_plain(c) for c in folded)


@functools.lru_cache(maxsize=4096)
def _plain(char: str) -> str:
    if char in _UNACCENTED:
        return _UNACCENTED[char]
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base if len(base) == 1 else char


def tokens(text: str) -> list[re.Match]:
    """The word tokens of ``text`` folded (:func:`fold`), as matches (their places are the folded text's)."""
    return list(_TOKEN.finditer(fold(text)))
