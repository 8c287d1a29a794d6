"""The forms of a KB name other than itself: the shorter forms people write for a name with a qualifier
(:func:`bare_forms`) and the ways people write a name of several words or a part of it (:func:`spoken_forms`), whether
a name is written in symbols (:func:`symbolic`), found only as written, and the longer name a found one is part of
(:func:`inside_longer_name`)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz, process

from .folding import fold, tokens
from .typos import english_form

_BRACKETED = re.compile(r"^(.+?)\s*\[([^\[\]]+)\]\s*$")  # "Catalunya [Cataluña]": a name and another form of it
_PARENTHESISED = re.compile(r"^(.+?)\s*\(([^()]*)\)\s*$")  # "Swahili (macrolanguage)"
_INVERTED = re.compile(r"^([^,]+),\s*([^,]+)$")  # "Edinburgh, City of"
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&-]{2,9}")
_INITIALLED = re.compile(r"^([^\W\d_][\w'-]+)\s+(?:[A-Z]\.\s*)+([^\W\d_][\w'-]+)$")  # "Ahmed R. TAHRI"
_ASSIGNED = re.compile(r"^--?[A-Za-z][\w-]*=([^\W_][\w.-]{2,})$")  # gcc's "--param=max-unroll-times"
OPTION_KEY = r"([A-Za-z][\w.-]+?)[=:]"  # the key of an option written with its value after "=" or ":"
# an option written with a placeholder for its value ("ndots:n", "commit=nrsec", "errors={continue|remount-ro|panic}")
_TEMPLATED = re.compile(rf"^{OPTION_KEY}(\{{[^{{}}]*\}}|<[^<>]*>|\[[^\[\]]*\]|[a-z]{{1,6}})$")
_DOMAINS = frozenset("org com net io edu gov dev app de uk fr nl ch eu".split())  # reverse domain names' roots ("import1.Manager" of "org.freedesktop.import1.Manager")
DOTTED = re.compile(r"^[A-Za-z_]\w*(?:\.(?:[A-Za-z_]\w*|<[\w-]+>))*\.([A-Za-z_]\w{2,})$")  # "operator.lshift", "fetchRecurseSubmodules" of "submodule.<name>.fetchRecurseSubmodules"
_SHORT_HEAD = re.compile(r"[a-z]{1,3}-(?=[A-Za-z])")  # "id-" of "id-ecPublicKey"


def symbolic(name: str) -> bool:
    """A name of symbols alone ("^"), or of symbols and then one letter or digit ("%a"; not "C#")."""
    name = name.strip()
    return bool(name) and not any(c.isspace() for c in name) and (
        not any(c.isalnum() for c in name) or not name[0].isalnum() and sum(c.isalnum() for c in name) == 1)


def bare_forms(name: str, english: frozenset[str] = frozenset(), prose: str | None = None,
               taken: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """Other forms by which people name an entity: its shorter forms (:func:`_shorter_forms`; ``prose``, the words of
    the KB's values, for :func:`path_base`), and a name joining two things with "&" written with "and" ("Svalbard and
    Jan Mayen"), or back."""
    joined = name.replace("&", " and ") if "&" in name else name.replace(" and ", " & ") if " and " in name else ""
    shorter = _shorter_forms(name, english, prose)
    return (shorter + ([" ".join(joined.split())] if joined else []) + _titled_parts(name)
            + _unincorporated(name) + _config_forms(name, {fold(s) for s in shorter} | set(taken)))


_CONFIG_FILE = re.compile(r"(?:.*/)?([\w@+-]{3,})\.(?:conf|cfg|config)")
_KEY_ASSIGNED = re.compile(r"(-?\w[\w.*/-]*[\w*])\s+=\s+\S.*")  # a line's form by its key: "-key.that.will.not.fail" of "… = value"
_LIBRARY = re.compile(r"([\w-]*_[\w-]+|lib[\w-]+)\.so(?:\.\d+)*")  # a shared object by its name alone: "pam_unix" of "pam_unix.so"
_DROP_IN = re.compile(r"(?:.*/)?([A-Za-z][\w@+-]{2,})\.d/?")  # a folder of drop-in files
_NAMED_FILE = re.compile(r"(?:\S*/)+([a-z]{4,})")  # a file by a path ending in a plain name
UNIT_FILE = re.compile(r"([A-Za-z][\w-]{3,}\w)\.(service|socket|timer|path|mount|target|slice|swap|scope)")  # a unit
_ANY_FILE = re.compile(r"(?:file|filename|name|foo|[\w-]*\*)\.([A-Za-z]\w{2,})")  # "filename.changes", "*.desktop", "pack-*.rev"


def _config_forms(name: str, taken: set[str] = frozenset()) -> list[str]:
    """A configuration file named as people say it ("faillock config" of faillock.conf) or by its man page ("hosts(5)"),
    a kind of file by its extension ("changes file" of "filename.changes"), a shared object by its name, a line's key."""
    if conf := _CONFIG_FILE.fullmatch(name.strip()):
        return [f"{conf.group(1)} {word}" for word in ("config", "configuration")] + [f"{name.strip().rsplit('/', 1)[-1]} 5"]
    if (kind := _ANY_FILE.fullmatch(name.strip())) and "." + fold(kind.group(1)) not in taken:  # (not where the KB names
        return [f"{kind.group(1)} file"]  # the kind itself: "slice file" of .slice, not of the example foo.slice)
    if unit := UNIT_FILE.fullmatch(name.strip()):  # "systemd-timedated" of systemd-timedated.service
        return [unit.group(1), f"{unit.group(1)} {unit.group(2)}"]
    if drop_in := _DROP_IN.fullmatch(name.strip()):  # "binfmt files", "sysctl config" of binfmt.d, /etc/sysctl.d/
        return [f"{drop_in.group(1)} {word}" for word in ("config", "configs", "configuration", "file", "files")]
    if named := _NAMED_FILE.fullmatch(name.strip()):  # "symbols file", "a passwd line" (no name already: "veritytab")
        return [f"{named.group(1)} {w}" for w in ("file", "line", "entry") if named.group(1) not in taken] + [f"{named.group(1)} 5"]
    bare = _LIBRARY.fullmatch(name.strip()) or _KEY_ASSIGNED.fullmatch(name.strip())
    return [bare.group(1)] if bare else []


# the legal form a company's registered name ends with, which people leave off ("Fennick Brewery" of "Fennick Brewery Ltd")
_LEGAL_FORM = re.compile(r",?\s+(?:Ltd\.?|Limited|plc|PLC|Inc\.?|Incorporated|LLC|LLP|GmbH|AG|S\.A\.|& Co\.?|& Sons)$")


def _unincorporated(name: str) -> list[str]:
    """A company's name without its legal form, where two words or more are left ("Fennick Brewery")."""
    bare = _LEGAL_FORM.sub("", name.strip())
    return [bare] if bare != name.strip() and len(bare.split()) > 1 else []


SPACED_DASH = re.compile(r"\s+[-\u2013\u2014]\s+|:\s+")  # "Heathfield 17 – Long Acre Return", "Winter Tides: Reprise"


def _titled_parts(name: str) -> list[str]:
    """Each part of a name made of two joined by a spaced dash or a colon, where people name the thing by one part
    ("Long Acre Return" or "Heathfield 17" of the golf hole "Heathfield 17 – Long Acre Return"). A part of one word
    ("Home", "Reprise", the "Skelholm" of a line "Harbourgate – Skelholm") is no name of its own."""
    parts = SPACED_DASH.split(name.strip())
    if len(parts) != 2:
        return []
    return [part for part in parts if len(part.split()) > 1]


_LEADING_UNDERSCORE = re.compile(r"_+([a-z][a-z0-9]{3,})")
_FILE_PATH = re.compile(r"(?:/[\w.@+-]+)+/([\w@+-]+\.[\w.-]+)")  # a file's path: its base name with an extension
_SHORT_PATH = re.compile(r"/([\w.-]+)/([A-Za-z][A-Za-z0-9]{4,})")  # a file right below a folder: "/etc/veritytab"


def path_base(name: str, english: frozenset[str], prose: str | None) -> str:
    """The base name by which people name a file or folder given by its path, if any: with its extension
    ("nsswitch.conf" of "/etc/nsswitch.conf", "pam.d" of "/etc/pam.d/"), or without one three levels down
    ("bindv6only" of "/proc/sys/net/ipv6/bindv6only") or joined by a hyphen ("machine-info" of "/etc/machine-info"),
    each no word of ``english``; or right below a folder ("veritytab" of "/etc/veritytab"), no English word and
    written in the KB's values (their words, ``prose``) only after that folder, so that it is no word of their own
    (not "hostname" of "/etc/hostname", where values speak of "the hostname"; none without ``prose``)."""
    bare = name.strip().rstrip("/") if len(name.strip()) > 1 else name.strip()
    path = _FILE_PATH.fullmatch(bare) or _DEEP_PATH.fullmatch(bare)
    base = path and (path.group(1) or path.group(2))
    if base:
        return base if base.casefold() not in english else ""
    short = _SHORT_PATH.fullmatch(name.strip()) if prose is not None else None
    base = fold(short.group(2)) if short else ""
    if base and not english_form(base) and prose.count(f" {base} ") == prose.count(f" {fold(short.group(1))} {base} "):
        return base
    return ""


_DEEP_PATH = re.compile(r"(?:/[\w.@+-]+){2,}/([\w@+-]{4,})"  # or, three levels down or more, without one, or a
                        r"|(?:/[\w.@+-]+)+/([A-Za-z][A-Za-z0-9]*-[A-Za-z0-9-]*[A-Za-z0-9])")  # compound ("machine-info")
# a path under a variable or the home folder: the path below it ("info/exclude" of "$GIT_DIR/info/exclude")
_VAR_PATH = re.compile(r"(?:\$\{?\w+\}?|~)/((?:[\w.@+-]+/)+[\w.@+-]+)")
_CAMEL_TAIL = re.compile(r"[\w.-]+/([A-Z][a-z]+(?:[A-Z][a-z0-9]+)+)")  # "PackagePresets" of "Features/PackagePresets"


def _shorter_forms(name: str, english: frozenset[str], prose: str | None = None) -> list[str]:
    """Shorter forms by which people name an entity whose KB name carries a qualifier: the name without a trailing
    parenthesised qualifier ("Swahili (macrolanguage)"), or that acronym alone ("European Southern Observatory
    (ESO)"), or the qualifier's first word before or after the name ("simplified Han" for "Han (Simplified
    variant)"); without an inverted one ("Edinburgh, City of"), without a leading "The", and both forms of a name
    with another form in brackets ("Catalunya [Cataluña]"); a person's name without its middle initials; the last
    part of a dotted name that is no word of ``english`` ("lshift" of "operator.lshift", not "add" of
    "operator.add"), and the rest of a name after a short lower-case head and a hyphen ("ecPublicKey" of
    "id-ecPublicKey"; four characters or more, not starting with a word of ``english``); what an option assigns
    ("max-unroll-times" of "--param=max-unroll-times"); an option by its name alone, without the placeholder for its
    value ("ndots" of "ndots:n", "max_batch_time" of "max_batch_time=usec"; not "data" of "data=ordered"); a
    lower-case word after a leading underscore ("netdev" of "_netdev"; four letters or more, no word of ``english``); a
    file's or folder's base name with its extension ("nsswitch.conf" of "/etc/nsswitch.conf", "pam.d" of
    "/etc/pam.d/") or without one (:func:`path_base`)."""
    lead = _LEADING_UNDERSCORE.fullmatch(name.strip())
    if lead and lead.group(1) not in english:
        return [lead.group(1)]
    bare = name.strip().rstrip("/") if len(name.strip()) > 1 else name.strip()  # (a folder: "/etc/pam.d/")
    below = _VAR_PATH.fullmatch(bare) or _CAMEL_TAIL.fullmatch(bare)
    if below:  # ("info/exclude" of "$GIT_DIR/info/exclude", "git/ignore" of "$XDG_CONFIG_HOME/git/ignore")
        return [below.group(1)]
    base = path_base(name, english, prose)
    if base:
        return [base]
    templated = _TEMPLATED.match(name.strip())
    if templated and (templated.group(2)[0] in "{<[" or len(templated.group(2)) == 1
                      or templated.group(2) not in english):
        return [templated.group(1)]
    assigned = _ASSIGNED.match(name.strip())
    if assigned:
        return [assigned.group(1)]
    head = _SHORT_HEAD.match(name.strip())
    if head:  # "ecPublicKey" of "id-ecPublicKey", "qt-unotice" of "id-qt-unotice"; not "with-sha1" of "dsa-with-sha1"
        rest = name.strip()[head.end():]
        first = re.split(r"[\W_]+", rest)[0].casefold()
        return [rest] if len(re.sub(r"\W+", "", rest)) >= 4 and first not in english else []
    dotted = DOTTED.match(name.strip())
    if dotted:  # and its last parts after a capitalised root ("Number.Bin" of "Literal.Number.Bin"; not "major.pad" of
        last, parts = dotted.group(1), name.strip().split(".")  # "xtick.major.pad", beside which "ytick.major.pad"), or
        return [".".join(parts[k:]) for k in range(1, len(parts) - 1) if parts[0][:1].isupper() or parts[0] in _DOMAINS and k >= 2] + (
            [last] if last.casefold().strip("_") not in english and ("<" not in name or last != last.lower()) else [])
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


_WORD_PART = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*\.?")  # a word of a name ("Gauge", "Add-on", "Prof.")
MAX_CODED_WORDS = 5  # a name with a code and at most this many words around it is also found by fewer of them


def coded_forms(name: str) -> list[str]:
    """Shorter forms of a name made of words and codes (a part holding a digit: "QR-7", "TL-40S", "158-VR 12"):
    every code kept as written and in its place, any of the words around it left out ("QR-7", "Quillbox QR-7",
    "Field Recorder QR-7" of "Quillbox Field Recorder QR-7"; "Railcar 158-VR 12" of "Railcar Class 158-VR 12").
    People name such things by their code and drop the rest, or reorder it; a code ending the name is also written
    first ("the 2019 Harrowgate Reserve Shiraz"). A code without a letter ("23" of "Bus 23 Harbourgate") is kept
    with a word beside it ("Bus 23"), never alone. A code is never left out: "Model" alone is no form of "Model
    X9-dri", so "Model X9-glx" stays a name the KB lacks. The caller keeps the forms that name one entity alone."""
    parts = [p for p in name.split() if re.search(r"\w", p)]
    codes = [i for i, p in enumerate(parts) if any(c.isdigit() for c in p)]
    words = [i for i, p in enumerate(parts) if i not in codes]
    if not codes or not words or len(words) > MAX_CODED_WORDS or not all(_WORD_PART.fullmatch(parts[i]) for i in words):
        return []
    lettered = any(any(c.isalpha() for c in parts[i]) for i in codes)
    forms = []
    for mask in range(2 ** len(words) - 1):  # every subset of the words but all of them
        kept = set(codes) | {w for k, w in enumerate(words) if mask >> k & 1}
        if lettered or len(kept) > len(codes):
            forms.append(" ".join(parts[i] for i in sorted(kept)))
    if codes[-1] == len(parts) - 1 and len(words) >= 2:  # a code ending a name written first ("the 2019 Harrowgate
        forms.append(" ".join([parts[i] for i in codes] + [parts[i] for i in words]))  # Reserve Shiraz")
    return forms


def joined_head(name: str) -> str | None:
    """The first of two names joined by "&" or "and" ("Harrowmere Half Marathon" of "Harrowmere Half Marathon & Fun
    Run"), when it has two words or more: people name such an event or place by its first part. None otherwise."""
    head = re.split(r"\s+(?:&|and)\s+", name.strip(), maxsplit=1)[0]
    return head if head != name.strip() and len(head.split()) >= 2 else None


_PLACED = ("at", "in", "of")


def placed_forms(name: str) -> list[str]:
    """A name of a thing and its place written as people say it, the thing first: "the chancel organ at Christ Church
    Saltcote" of "Christ Church Saltcote Chancel Organ" (its last one or two words, when they are words, after "at",
    "in" or "of" and the rest), "Organ HL-1187 at St Cuthred Netherleigh" of "Organ HL-1187, St Cuthred
    Netherleigh"."""
    parts = [p.strip() for p in name.split(",")]
    if len(parts) == 2 and all(re.search(r"[^\W\d_]", p) for p in parts):  # and "the organ in the Bishop's Chapel,
        return [f"{parts[0]} {word} {parts[1]}" for word in _PLACED] + [  # Thaxford" of "Bishop's Chapel Organ, Thaxford"
            f"{form} {parts[1]}" for form in placed_forms(parts[0])]
    words = name.split()
    if len(parts) > 1 or len(words) < 3:
        return []
    return [f"{' '.join(words[-t:])} {word}{the} {' '.join(words[:-t])}" for t in (1, 2) if len(words) - t >= 2
            and all(_WORD_PART.fullmatch(w) for w in words[-t:]) for word in _PLACED for the in ("", " the")]

_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "my", "our", "your", "his", "her", "their", "its"})
_PREPOSITIONS = frozenset({"of", "in", "on", "at", "for", "to", "from", "with", "by"})
_ARTICLES = ("a", "an", "the")
AFTER_HEAD = _PREPOSITIONS - {"of"}  # what a name's head comes before ("instruction to copy from …"; not "date of …")
_DOCUMENT_PARTS = frozenset({"example", "table", "figure", "step", "chapter", "appendix", "listing", "note"})
_ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
MAX_PARTIAL_WORDS = 6  # names up to this many words are also found by a part of their words


def spoken_forms(words: list[str], stopwords: frozenset[str]) -> tuple[list[str], list[str]]:
    """Other ways people write a KB name of several words (folded tokens), as (whole forms, partial forms): whole,
    its first word as a possessive ("planck s constant" of "Planck constant": "Planck's constant"), a name of two
    words turned round ("mass of a proton" of "proton mass"), an article after one of its prepositions ("speed of
    light in a vacuum"), a thing to do by its verb ("copy instruction" of "instruction to copy from base object"), a
    command by what its subcommand does ("gdbus command for introspecting" of "gdbus introspect"), a numbered thing by
    its ordinal ("first example" of "Example 1");
    partial, the name with some of its words left out but its last ("Klitzing constant" of "von Klitzing constant",
    "standard gravity" of "standard acceleration of gravity"), keeping a preposition only with the word after it,
    leaving out no head with its preposition, and never leaving out a number. The caller keeps the forms that name one
    entity alone."""
    if len(words) < 2 or not all(w.isalnum() for w in words) or words[0] in stopwords:
        return [], []
    whole = [" ".join([words[0], "s"] + words[1:])] if words[0].isalpha() else []
    if len(words) == 2 and all(w.isalpha() and w not in stopwords for w in words):
        whole += [f"{words[1]} of {article}{words[0]}" for article in ("", "a ", "an ", "the ")]
    if len(words) == 2 and words[0] in _DOCUMENT_PARTS and words[1].isdigit() and 1 <= int(words[1]) <= len(_ORDINAL_WORDS):
        n = int(words[1])  # a numbered part of a document by its ordinal ("the first example" of "Example 1"; not "the
        # first Line 2 tram" of a tram's Line 1)
        whole += [f"{_ORDINAL_WORDS[n - 1]} {words[0]}", f"{n}{'st' if n == 1 else 'nd' if n == 2 else 'rd' if n == 3 else 'th'} {words[0]}"]
        whole.append(f"the {words[0]}")  # ("the example in the nss page": the one there is; the caller drops a form of two)
    if len(words) == 2 and all(w.isalpha() for w in words):  # a command and its subcommand ("the gdbus command for
        doing = f"{words[1][:-1] if words[1].endswith('e') else words[1]}ing"  # introspecting …" of "gdbus introspect")
        whole += [f"{words[0]} command to {words[1]}", f"{words[0]} command for {doing}"]
    if len(words) >= 3 and words[1] == "to" and words[0].isalpha() and words[2].isalpha() and words[2] not in stopwords:
        whole.append(f"{words[2]} {words[0]}")  # "copy instruction" of "Instruction to copy from base object"
    for i, w in enumerate(words[:-1]):
        if w in _PREPOSITIONS and words[i + 1] not in _ARTICLES:
            whole += [" ".join(words[:i + 1] + [article] + words[i + 1:]) for article in ("a", "the")]
    partial = []
    if 3 <= len(words) <= MAX_PARTIAL_WORDS:
        n = len(words)
        # leading words left out ("klitzing constant"), or inner ones between the first and the last ("wien
        # displacement constant", "standard gravity")
        options = [list(range(k, n)) for k in range(1, n - 1)]
        options += [[0] + [j for j in range(1, n - 1) if not mask >> (j - 1) & 1] + [n - 1]
                    for mask in range(1, 2 ** (n - 2))]
        for kept in options:
            dropped = [words[j] for j in range(n) if j not in kept]
            if words[kept[0]] in stopwords or any(not w.isalpha() for w in dropped):
                continue
            if kept[0] > 0 and AFTER_HEAD.intersection(dropped):  # (no head left out with its preposition: "base
                continue  # object" of "Instruction to copy from base object" is what it copies from)
            # a preposition stays only with the word it had after it
            if any(words[j] in stopwords and j + 1 not in kept for j in kept):
                continue
            partial.append(" ".join(words[j] for j in kept))
    return whole, partial


def clipped_name_forms(name: str, stopwords: frozenset[str]) -> list[str]:
    """:func:`clipped_forms` of a name as the KB writes it, read without a qualifier in brackets at its end
    ("northfold physics" of "Northfold Physics Services (RPA)"), and without a short capitalised word that ends it
    ("little brayford stoke edith" of "Little Brayford & Stoke Edith CC"); none for a name of words joined by symbols."""
    base = _PARENTHESISED.sub(r"\1", name.strip()) or name.strip()
    if not all(re.fullmatch(r"[^\W_]+(?:['\u2019]s)?\.?|&", part) for part in base.split()):
        return []
    words = [m.group() for m in tokens(fold(base))]
    forms = clipped_forms(words, stopwords)
    if len(words) >= 3 and re.fullmatch(r"[A-Z]{2,3}", base.split()[-1]) and not re.fullmatch("[ivx]+", words[-1]):
        forms += [" ".join(words[:-1])] + clipped_forms(words[:-1], stopwords)
    return forms


_GRADE = re.compile(r"[a-z]\d{1,3}")  # "u18" of "Junior Member U18"
_ROMAN = re.compile(r"[ivxlcdm]+")  # "III" of "Standing Figure III": a number


def clipped_forms(words: list[str], stopwords: frozenset[str]) -> list[str]:
    """A name of three to MAX_PARTIAL_WORDS words (folded tokens) written by its first word and some of the others,
    its last one left out ("ecole bellegarde" of "École Bellegarde Bilingual Primary", "castlemere north" of
    "Castlemere Federation North Site"). Only words of three letters or more are left out: no number, code or roman
    numeral ("B" of "Kestrel Booth B", "III") and no function word (not the qualifier "in MeV" of "neutron mass
    energy equivalent in MeV"); but a last word of a letter and a number may be ("U18" of "Junior Member U18": a
    grade, written where two grades are told apart). The caller keeps the forms that name one entity alone, where no
    other word follows them."""
    n = len(words)
    if not 3 <= n <= MAX_PARTIAL_WORDS or words[0] in stopwords or not all(w.isalnum() for w in words):
        return []
    forms, graded = [], _GRADE.fullmatch(words[-1])
    for mask in range(1, 2 ** (n - 2)):  # which of the inner words are kept (one at least)
        kept = [0] + [j for j in range(1, n - 1) if mask >> (j - 1) & 1]
        left_out = [words[j] for j in range(n - 1 if graded else n) if j not in kept]
        if words[kept[-1]] not in stopwords and all(w.isalpha() and len(w) > 2 and w not in stopwords
                                                    and not _ROMAN.fullmatch(w) for w in left_out):
            forms.append(" ".join(words[j] for j in kept))
    return forms


_CONSTANT = re.compile(r"([A-Z][A-Z\d]*_)([A-Za-z\d]\w*)"  # "AF_" and "INET6" of "AF_INET6"
                       r"|([a-z][a-z\d]*_)([a-z\d]+)")  # "tcp_" and "frto" of "tcp_frto" (one word after it)


_UNSEPARATED = re.compile(r"[A-Z]{3}[A-Z][A-Z\d]{2,}")  # "SIGSTKFLT", "SIGHUP": a constant with no separator


def prefix_forms(names: Sequence[str], english: frozenset[str], least: int) -> list[tuple[str, str]]:
    """(the rest, the name) of constants named with an upper-case prefix that at least ``least`` of ``names`` share
    ("INET6" of "AF_INET6" beside "AF_UNIX", "AF_PACKET", …), or of lower-case names with a prefix and one word
    ("frto" of "tcp_frto" beside "tcp_ecn", "tcp_fastopen"): people leave the prefix off ("the INET6 family", "the
    F-RTO sysctl"), or of upper-case names run together after a prefix of three letters ("STKFLT" of "SIGSTKFLT" beside
    "SIGHUP", "SIGINT", …); not where the rest is an English word or shorter than three characters ("AH", "STREAM",
    "sack", "KILL")."""
    found = [(m.group(1) or m.group(3), m.group(2) or m.group(4), name) for name in names
             if (m := _CONSTANT.fullmatch(name.strip()))]
    found += [(name.strip()[:3], name.strip()[3:], name) for name in names if _UNSEPARATED.fullmatch(name.strip())]
    shared = {p for p, n in Counter(p for p, _, _ in found).items() if n >= least}
    return [(rest, name) for p, rest, name in found
            if p in shared and len(rest) >= 3 and rest.casefold() not in english]


def close_names(span: list[str], candidates: list[str], stopwords: frozenset[str], vocabulary: frozenset[str] = frozenset(),
                lower: bool = False, joined: bool = False) -> tuple[float, list[str]] | None:
    """Of ``candidates`` (KB name keys with as many tokens as ``span``), those that share at least half of the tokens
    in place (or, for one token, are close as strings), best first, with the best one's score; not one from which the
    span differs only by function words and words of ``vocabulary`` (the KB's property words: "hire shoes" of
    "Rental Shoes" that has a "hire", "a Marlow-Bright order" of "Supplier – Marlow-Bright Wholesale" with an "order
    cut-off": the name's words and what is asked), unless the span is written ``joined`` as one identifier
    ("Build-Depends-Version" of "Build-Depends-Package")."""
    key = " ".join(span)
    scored = []
    for cand, score, _ in process.extract(key, candidates, scorer=fuzz.ratio, score_cutoff=50, limit=20):
        parts = cand.split()
        if len(parts) == 1 and cand.strip("_") == key:  # the word "bytes" is no near miss of NumPy's "bytes_"
            continue
        bare = re.sub(r"\W", "", cand)  # a short name inside a longer word, after letters of its own, is in another
        if len(parts) == 1 and 0 < len(bare) <= 5 and bare in key[1:] and not key.startswith(bare):  # word ("glibc"
            continue  # of $LIB)
        other = [(a, b) for a, b in zip(span, parts, strict=True) if a != b]  # (but "the Amazon Root CA one" of
        if len(parts) > 1 and not joined and all((a in stopwords or a in vocabulary) and b.isalpha() for a, b in other) and any(
                a not in _DETERMINERS for a, _ in other):  # "… CA 1"; nor "the mass" of "proton mass")
            continue
        if lower and len(parts) > 1 and other and all(english_form(a) and not english_form(b) and fuzz.ratio(a, b) < 50
                                                      for a, b in other):  # (written in lower case) a word of the name,
            continue  # then English in place of its code: "where does faillock keep …" of faillock.conf
        shared = sum(a == b for a, b in zip(span, parts, strict=True))
        content = [a for a, b in zip(span, parts, strict=True) if a == b and a not in stopwords]
        if len(parts) == 1 and score >= 75 or len(parts) > 1 and 2 * shared >= len(parts) and content:
            scored.append((score, cand))
    if not scored:
        return None
    scored.sort(reverse=True)
    return scored[0][0], [c for _, c in scored[:3]]


def kind_forms(display: dict[str, str], ends: Counter, english: frozenset[str], vocabulary: frozenset[str] | None,
               least: int, share: float, stopwords: frozenset[str] = frozenset()) -> list[tuple[str, str, str]]:
    """(the name's key without its kind, the name, the kind's last word) for each name of ``display`` (key -> name)
    that ends in a word or phrase saying what kind of thing it is (``ends``: how many names end in each phrase of two
    or three words):
    - a word that ends most of the names (``share``, and at least ``least``; a word of ``vocabulary``): "graph" of
      "Petersen graph", "Florentine families graph", found as "the Florentine families network";
    - a word that ends fewer of them but still ``least`` ("allotments" of "Rosière Close Allotments" in a KB of sites
      and plots), where at least two words remain ("Rosière Close");
    - a phrase of two or three words, none of ``stopwords``, ending ``least`` names or more ("fire station" of
      "Ashcombe Fire Station"; not the qualifier "in MeV" of "muon mass energy equivalent in MeV"), where two words
      or more remain, or one that is no word of ``english`` ("Ashcombe", "Kirkby-under-Wold")."""
    last = Counter(k.rsplit(" ", 1)[1] for k in display if " " in k)
    kinds = {w for w, n in last.items() if n >= least and n >= share * len(display) and w.isalpha()} & (
        vocabulary or set(last))
    shared = {w for w, n in last.items() if n >= least and w.isalpha() and len(w) >= 4}
    out = []
    for key, name in display.items():
        base, _, last_word = key.rpartition(" ")
        if base and (last_word in kinds or last_word in shared and " " in base):
            out.append((base, name, last_word))
        parts = key.split()
        n = next((n for n in (3, 2) if len(parts) > n and ends[" ".join(parts[-n:])] >= least
                  and all(w.isalpha() and w not in stopwords for w in parts[-n:])), 0)
        if n and (len(parts) - n >= 2 or len(parts[0]) >= 4 and parts[0] not in english and "/" not in name):  # (not
            # the "config" of "~/.config/environment.d/*.conf": a folder of a path, no name of it)
            out.append((" ".join(parts[:-n]), name, parts[-1]))
    return out


def by_length(keys: Iterable[str]) -> dict[int, list[str]]:
    """Index keys by their number of tokens, in order."""
    grouped: dict[int, list[str]] = {}
    for k in keys:
        grouped.setdefault(len(k.split()), []).append(k)
    return grouped


_RUN_TOGETHER = re.compile(r"[a-z0-9]+")


def suffix_forms(names: Sequence[str], english: frozenset[str], least: int) -> list[tuple[str, str]]:
    """(the stem, the name) of lower-case names run together with a suffix that at least ``least`` of ``names``
    share ("sha512" of "sha512crypt" beside "md5crypt", "bcrypt", "yescrypt"): people say which one by its stem
    ("the sha-512 one"); only a stem with a digit, or of four letters or more that is no English word."""
    plain = [n.strip() for n in names if _RUN_TOGETHER.fullmatch(n.strip())]
    ends = Counter(n[-k:] for n in plain for k in range(3, len(n) - 1))
    out = []
    for name in plain:
        shared = next((k for k in range(len(name) - 2, 2, -1) if ends[name[-k:]] >= least), None)  # the longest
        stem = name[:-shared] if shared else ""
        if stem and (any(c.isdigit() for c in stem) and any(c.isalpha() for c in stem)
                     or len(stem) >= 4 and stem not in english):
            out.append((stem, name))
    return out


