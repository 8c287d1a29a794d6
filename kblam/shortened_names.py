"""The shortened forms of a KB name that people write for it: words abbreviated ("Ashcombe Rd" of "Ashcombe Road"),
initials ("wrangle fen ps", "SAN" of subjectAltName) and the usual short words of a camel-case identifier ("txqueuelen"
of TransmitQueueLength=). :class:`entities.NameIndex` adds each as a form of the name."""

from __future__ import annotations

import itertools
import re

from .name_forms import _PREPOSITIONS

# words that names write in full or abbreviated ("Ashcombe Rd Cabinet 14" for "Ashcombe Road Cabinet 14", "Saint
# Hild's" for "St. Hild's"), folded
_ABBREVIATED = (("road", "rd"), ("street", "st"), ("saint", "st"), ("avenue", "ave"), ("mount", "mt"), ("fort", "ft"),
                ("lane", "ln"), ("drive", "dr"), ("square", "sq"), ("place", "pl"), ("crescent", "cres"),
                ("terrace", "terr"), ("boulevard", "blvd"), ("building", "bldg"), ("university", "univ"),
                ("department", "dept"), ("limited", "ltd"), ("company", "co"), ("brothers", "bros"))
# ... and the words that people shorten in technical names too ("home dir" of "Home Directory"; see _SHORT_PARTS)


# ... and parts of identifiers written short that people say in full, in names of two words or more ("comment
# character" of <comment_char>, "mb current max" of <mb_cur_max>)
_IDENTIFIER_PARTS = (("character", "char"), ("current", "cur"), ("variable", "var"), ("package", "pkg"),
                     ("information", "info"))


# phrases that people write as one word or two ("symlinks" of "symbolic links", "env vars" of "environment variables")
_SHORT_PHRASES = (("symbolic links", "symlinks"), ("symbolic link", "symlink"), ("environment variables", "env vars"),
                  ("environment variable", "env var"), ("configuration files", "config files"))


def abbreviated_forms(key: str) -> list[str]:
    """The index key ``key`` with its words that names also write abbreviated, or in full, written the other way (each
    such word, one at a time, and all of them): "ashcombe rd cabinet 14" of "ashcombe road cabinet 14"; an identifier's
    parts apart ("comment character" of comment_char)."""
    words = key.replace("_", " ").split() if re.fullmatch(r"[a-z0-9]+(?:_[a-z0-9]+)+", key) else key.split()  # ("comment_char")
    pairs = _ABBREVIATED + tuple(_SHORT_PARTS.items()) + (_IDENTIFIER_PARTS if len(words) > 1 else ())
    swaps = [(i, other) for i, w in enumerate(words) for full, short in pairs
             for other in ((short,) if w == full else (full,) if w == short else ())]
    forms = [" ".join(words[:i] + [other] + words[i + 1:]) for i, other in swaps] + [
        f" {key} ".replace(f" {full} ", f" {short} ").strip() for full, short in _SHORT_PHRASES if f" {full} " in f" {key} "]
    if len({i for i, _ in swaps}) > 1:
        every = list(words)
        for i, other in swaps:
            every[i] = other
        forms.append(" ".join(every))
    return list(dict.fromkeys(forms))


def initialled_forms(key: str) -> list[str]:
    """The index key ``key`` with its last two or three words of letters by their initials ("wrangle fen ps" of
    "… Pumping Station"): found only where the question writes the initials in capitals ("go" is no "Grand Organ")."""
    words = key.split()
    return [" ".join(words[:-k] + ["".join(w[0] for w in words[-k:])]) for k in (2, 3) if len(words) > k
            and all(w.isalpha() and len(w) >= 3 for w in words[-k:]) and words[-k - 1] not in _PREPOSITIONS]


_CAMEL_PART = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


def camel_initials(name: str) -> list[str]:
    """The initials of a camel-case identifier of three words or more ("san" of "subjectAltName", "aia" of
    "authorityInfoAccess"), and of its first three words or more ("gso" of "GenericSegmentOffloadMaxBytes="): found
    only written in capitals, as people write them ("the SAN extension", "biggest GSO packet size")."""
    name = name.strip().rstrip("=")
    parts = _CAMEL_PART.findall(name)
    if not re.fullmatch(r"[A-Za-z]+", name) or name.islower() or name.isupper() or len(parts) < 3 or len(parts) > 5:
        return []
    return ["".join(p[0] for p in parts[:n]).casefold() for n in range(len(parts), 2, -1)]


_SHORT_PARTS = {"transmit": "tx", "receive": "rx", "alternative": "alt", "maximum": "max", "minimum": "min",
                "address": "addr", "length": "len", "number": "num", "directory": "dir", "configuration": "config",
                "interface": "iface", "message": "msg", "buffer": "buf", "source": "src", "destination": "dst",
                "environment": "env", "parameter": "param", "argument": "arg", "repository": "repo"}


def camel_abbreviated(name: str) -> list[str]:
    """A camel-case identifier of two words or more with its words that people shorten written short (any of them),
    joined and apart: "txqueuelength", "tx queue len" of "TransmitQueueLength=", "alt name" of "AlternativeName="."""
    parts = [p.casefold() for p in _CAMEL_PART.findall(name.strip().rstrip("="))]
    if not re.fullmatch(r"[A-Za-z]+=?", name.strip()) or not 2 <= len(parts) <= 5:
        return []
    ways = itertools.product(*[(p, _SHORT_PARTS[p]) if p in _SHORT_PARTS else (p,) for p in parts])
    return [form for short in ways if list(short) != parts for form in ("".join(short), " ".join(short))]
