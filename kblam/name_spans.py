"""Where a KB name found in a question sits among its words: whether the span is a whole word and not part of a
compound (:func:`whole_span`, :func:`clitic`), part of a longer capitalised name (:func:`inside_longer_name`,
:func:`named_before`), widened over the name's own words beside it (:func:`widened`), extended by words written
elsewhere (:func:`extension_elsewhere`), followed by another kind of thing (:func:`other_kind`), or after its subject
as a verb (:func:`verb_before`). Read by :mod:`entities` and :mod:`name_lookup`; the forms of names are in
:mod:`name_forms`."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from rapidfuzz import fuzz

from .typos import _typo

_SUFFIX_CAPS = re.compile(r"[A-Z]{2,3}")  # a short capitalised word that continues a capitalised name ("JPEG XL")


_NEGATIONS = frozenset({"not", "except", "than", "instead", "besides"})


def extension_elsewhere(words: Sequence[str], taken: Sequence[bool], n: int, extended: Sequence[str],
                        stopwords: frozenset[str]) -> str | None:
    """The KB name extending a name of ``n`` tokens found in a question whose extra words the question writes among
    its words no name took (``words`` where ``taken`` is false: "the winter stock fair (Harrowmere County Agricultural
    Show)" for "Harrowmere County Agricultural Show - Winter Stock Fair"), the one with most such words; None when
    none is. A word written just after a negation ("the regular one, not the large one") does not count."""
    free = {w for j, (w, t) in enumerate(zip(words, taken, strict=True))
            if not t and not _NEGATIONS & set(words[max(0, j - 3):j])}
    fits = [(len(extra), key) for key in extended
            if (extra := set(key.split()[n:]) - stopwords) and extra <= free]
    return max(fits)[1] if fits else None


def hyphen_taken(question: str, toks: Sequence[re.Match], taken: Sequence[bool]) -> list[bool]:
    """``taken``, with each token joined by a hyphen to the next or the one before taken too: a word of a compound
    ("only" of "source-only") is no word written on its own."""
    joined = [k > 0 and question[toks[k - 1].end():toks[k].start()] == "-"
              or k + 1 < len(toks) and question[toks[k].end():toks[k + 1].start()] == "-" for k in range(len(toks))]
    return [t or j for t, j in zip(taken, joined, strict=True)]


def widened(question: str, toks: Sequence[re.Match], taken: Sequence[bool], i: int, n: int, name_key: str
            ) -> tuple[int, int]:
    """The token span (first, after last) of a name found by a part of it, widened over the name's other words
    written right beside it ("field recorder" of "the Quillbox QR-7 field recorder", found by "QR-7" for "Quillbox Field
    Recorder QR-7"): they name the entity too, and are no words of what the question asks."""
    own = Counter(name_key.split()) - Counter(t.group() for t in toks[i:i + n])

    def takes(k: int, gap: str) -> bool:  # a word of the name, or a typo of one ("Kestral" for "Kestrel")
        word = next((w for w in own if own[w] > 0 and (w == toks[k].group() or _typo(toks[k].group(), w))), None)
        if taken[k] or word is None or gap.strip(" -\u2013"):
            return False
        own[word] -= 1
        return True

    first, last = i, i + n
    while last < len(toks) and takes(last, question[toks[last - 1].end():toks[last].start()]):
        last += 1
    while first > 0 and takes(first - 1, question[toks[first - 1].end():toks[first].start()]):
        first -= 1
    return first, last


# a word that stands for a thing already named ("the sunday papers thing", "the Wendlebury one"): no word of a name
PLACEHOLDERS = frozenset({"thing", "things", "one", "ones", "stuff"})
_SUBJECTS = frozenset({"i", "we", "you", "they", "he", "she"})


def verb_before(words: Sequence[str], j: int) -> bool:
    """Whether ``words[j]`` follows its subject ("I missed folk roots", "we've booked the hall"): a verb, no word of a
    name that it comes before."""
    k = j - 1 - (j > 0 and words[j - 1] in _CLITICS)
    return k >= 0 and words[k] in _SUBJECTS


def inside_longer_name(question: str, toks: Sequence[re.Match], i: int, n: int, stopwords: frozenset[str]
                       ) -> str | None:
    """The longer capitalised name a found span is part of, if any: a Title-case word (not the first of
    the question, not a filler word) right before or after it, separated by one space, around a span that is
    itself written with a capital ("Payment Accepted Later"; in "the Polish zloty" the lower-case KB name
    "Zloty" is the noun a proper adjective qualifies, not part of a longer name)."""
    if not question[toks[i].start()].isupper():
        return None

    first, last = _titled_run(question, toks, i, stopwords), i + n - 1
    span = question[toks[i].start():toks[i + n - 1].end()]
    while (last + 1 < len(toks) and question[toks[last].end():toks[last + 1].start()] == " "
           and (_titled(question[toks[last + 1].start():toks[last + 1].end()], stopwords)
                or toks[last + 1].group().isdigit()  # "ActionScript 3"
                or span.isupper() and last == i + n - 1 and _SUFFIX_CAPS.fullmatch(
                    question[toks[last + 1].start():toks[last + 1].end()]))):  # "JPEG XL", not the KB's JPEG
        last += 1
    if (first, last) == (i, i + n - 1):
        return None
    return question[toks[first].start():toks[last].end()]


def _titled(word: str, stopwords: frozenset[str]) -> bool:
    return word[:1].isupper() and word[1:].islower() and len(word) >= 3 and word.isalpha() and word.casefold() not in stopwords


def _titled_run(question: str, toks: Sequence[re.Match], i: int, stopwords: frozenset[str]) -> int:
    """The first of the Title-case words (not the question's first word) right before token ``i``; ``i`` if none."""
    first = i
    while (first > 1 and question[toks[first - 1].end():toks[first].start()] == " "
           and _titled(question[toks[first - 1].start():toks[first - 1].end()], stopwords)):
        first -= 1
    return first


def named_before(question: str, toks: Sequence[re.Match], i: int, name_words: Sequence[str],
                 stopwords: frozenset[str]) -> int | None:
    """Where a name of its own starts, written in Title case right before a KB name's last words that the question
    writes in lower case ("the Kettleby Moor bring bank" of a KB whose one bring bank is "Hollins Cross Bring Bank"):
    another entity of that kind; or another possessor before its "'s" ("St Mary's Churchyard Yew" of the KB's "St Bride's
    Churchyard Yew"). None when no such words come before, or when they are the name's own."""
    first = _titled_run(question, toks, i, stopwords)
    possessor = toks[i - 2].group().casefold() if i > 1 else ""
    if (i > 1 and toks[i - 1].group() == "s" and "s" in name_words and question[toks[i - 2].end():toks[i - 1].start()]
            in ("'", "\u2019") and not any(fuzz.ratio(possessor, w) >= 80 for w in name_words)):  # "St Mary's …" of
        return min(_titled_run(question, toks, i - 2, stopwords), i - 2)  # the KB's "St Bride's …": another possessor
    if first == i or question[toks[i].start()].isupper() or any(
            toks[j].group().casefold() in name_words for j in range(first, i)):
        return None
    return first


def other_kind(words: Sequence[str], j: int, kind: str, tails: Counter) -> int:
    """Where another kind of thing than ``kind`` ends, when the question's ``words`` from ``j`` on (after a KB name
    found without its kind) name one: its ``kind`` a word or two later ("the Tutte Coxeter graph" after "tutte"), or
    two or three words that end another KB name (``tails``) and not in ``kind`` ("children's annex" after
    "harbourside" where "Northgate Children's Annex" is a KB name); else 0."""
    if kind in words[j + 1:j + 3]:
        return words.index(kind, j + 1) + 1
    return next((j + k for k in (3, 2) if j + k <= len(words) and " ".join(words[j:j + k]) in tails
                 and words[j + k - 1] != kind), 0)


_GLUE = "-./_+\u2013"  # what joins the parts of a compound word or name ("x9-glx", "Tutte–Coxeter": an en dash)
_MODULE = re.compile(r"(?:^|[\s(\[\"'`])[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*$")  # "np", "os.path", "numpy"
_CLITICS = frozenset({"s", "t", "re", "ll", "d", "ve", "m"})


def clitic(folded: str, tok: re.Match) -> bool:
    """A token that ends a contraction or a possessive: "s" of "What's" or "X's", "t" of "don't"."""
    return tok.group() in _CLITICS and tok.start() > 0 and folded[tok.start() - 1] in "'\u2019"


# a file's extension after a name ("gnutls.pc" of the KB's "gnutls"): the name, written as its file
_FILE_EXTENSION = re.compile(r"\.(?:pc|jar|so|py|json|conf|cfg|ini|toml|ya?ml|xml|txt|md|sql|policy|control|service|"
                             r"socket|timer|desktop|deb|rpm|whl|tar|gz|zip|h|c|js|ts|rs|go|rb|pl|sh|java|class|mf|"
                             r"dll|dylib|exe)(?![\w.-]*[\w])")


_ALTERNATIVES = re.compile(r"(?<![\w/.-])[^\W\d_]{2,}/[^\W\d_]{2,}(?![\w/.-])")  # "TRIM/discard", "address/netmask"


def whole_span(folded: str, toks: Sequence[re.Match], i: int, n: int) -> bool:
    """False when the span of ``n`` tokens from ``i`` is glued to more of a compound word ("x9" + "-glx", "v2" +
    ".1") or begins with the end of a contraction or possessive ("s" of "What's IPX?" is no word of a name such as
    "S-TAG"); two words joined by a slash are two names ("TRIM/discard")."""
    if clitic(folded, toks[i]):
        return False
    end = toks[i + n - 1].end()
    start = toks[i].start()
    if "/" in folded and any(m.start() <= start and end <= m.end() and (start == m.start() or folded[start - 1] == "/")
           and (end == m.end() or folded[end] == "/") for m in _ALTERNATIVES.finditer(folded)):
        return True
    if end + 1 < len(folded) and folded[end] in _GLUE and folded[end + 1].isalnum() and not _FILE_EXTENSION.match(
            folded, end):  # ("gnutls.pc", "tcl8.6.pc": the file that describes the KB's "gnutls", "tcl8.6")
        return False
    if folded[end:end + 2] == "::" and folded[end + 2:end + 3].isalnum():  # "Digest" of "Digest::SHA1"
        return False
    start = toks[i].start()
    if start >= 3 and folded[start - 2:start] == "::" and folded[start - 3].isalnum():
        return False
    if start >= 2 and folded[start - 1] == "." and _MODULE.search(folded[:start - 1]) and folded[start].isalpha():
        return True  # a name qualified by its module or package: "np.float16", "errno.ENOENT"
    if folded[start - 1:start] == "/" and _PATH_BEFORE.search(folded[:start]) and not folded[end:end + 1].strip("?.!,;)"):
        return True  # the last part of a path ("/usr/share/common-licenses/GPL-2": the KB's "GPL-2")
    return not (start >= 2 and folded[start - 1] in _GLUE and folded[start - 2].isalnum())


_PATH_BEFORE = re.compile(r"(?:^|\s)(?:~|\.{1,2})?(?:/[\w.+-]+)+/$")  # "/usr/share/common-licenses/"


_QUALIFIER = re.compile(r"([a-z][\w-]{3,})\.$")  # a word of four letters or more right before a dot


def other_qualifier(folded: str, start: int, key: str) -> bool:
    """Whether the part of a name found at ``start`` follows a dot after a word of four letters or more that is no
    word of that name (its index ``key``): "dselect.cfg" is another file than the KB's dpkg.cfg; an alias of a module
    ("F.conv1d", "df.ewm") is shorter."""
    qualifier = _QUALIFIER.search(folded[max(0, start - 40):start])
    return qualifier is not None and qualifier.group(1) not in key.split()
