"""How people write a register's long names: without the courtesy title of a person ("Zoe Fairbrother" of "Ms Zoë
Fairbrother"), without the code that files a site ("St Cuthbert's Water Tower" of "Tx MB-03 St. Cuthbert's Water
Tower"), by the qualifier in brackets and the place after a comma ("the Upper Tier at Carreg Ddu" of "Carreg Ddu
Quarry (Upper Tier)", "Section K2 at Holm Road" of "Section K2 (Baby Memorial Garden), Holm Road"), and a memorial
named after a person by that person (the "Hélène Durand" of "Hélène Durand's grave", for "Grave of Hélène Durand").

:func:`variant_forms` lists them for one name; :class:`entities.NameIndex` keeps those that name one entity alone and
finds them as it finds its other shorter forms (the question's words in the KB name's order)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .folding import fold, tokens
from .mentions import Mention
from .name_forms import OPTION_KEY, coded_forms, placed_forms
from .typos import english_words

# courtesy titles and ranks a register writes before a person's name, and people leave off
_TITLE = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Revd|Rev|Reverend|Fr|Cllr|Capt|Sir|Dame|Lady|Lord|Sgt|"
                    r"Pte|Cpl|Lt|Col|Maj|Insp|Supt)\.?\s+(?=\S)")
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019.-][^\W\d_]+)*(?:['\u2019]s)?\.?")  # "St.", "Cuthbert's", "Ashworth-Pryce"
_CODE = re.compile(r"(?=[\w/-]*\d)[A-Za-z\d]+(?:[-/.][A-Za-z\d]+)*")  # "MB-03", "WV-01A", "NMP-2"
_QUALIFIED = re.compile(r"^(.+?)\s*\(([^()]+)\)\s*$")  # "Carreg Ddu Quarry (Upper Tier)"
_MAN_PAGE = re.compile(r"[\w.-]+\([1-9][a-z]*\)")  # "group(5)", "crypt(3)"
_PLACE = re.compile(r"^(.+?),\s*([^,()]+)$")  # "Section K2 (Baby Memorial Garden), Holm Road"
_OF = re.compile(r"^(\w+)\s+of\s+(.+)$")  # "Grave of Hélène Durand", "Tomb of Sir Edmund Vayle"
_AFTER = ("at", "in", "of")
_PREPOSITION = re.compile(r"\b(?:at|in|of)\b")
MAX_DEPTH = 3
# words a register abbreviates in names, and how they are written out ("Glebe Fm Camping Barn", "Mt Pleasant Rd")
SHORT_WORDS = {"fm": "Farm", "rd": "Road", "ln": "Lane", "ave": "Avenue", "sq": "Square", "cres": "Crescent",
               "gdns": "Gardens", "mt": "Mount", "cott": "Cottage", "stn": "Station", "nth": "North", "sth": "South",
               "upr": "Upper", "lwr": "Lower", "gt": "Great", "bros": "Brothers", "hosp": "Hospital", "ctr": "Centre",
               "pk": "Park", "bldg": "Building", "dept": "Department", "assoc": "Association", "univ": "University"}
_LONG_WORDS = {v.casefold(): k.capitalize() for k, v in SHORT_WORDS.items()}


def _words(text: str) -> bool:
    """Two words or more, each a word (no code), the first capitalised: a name by itself."""
    parts = text.split()
    return len(parts) >= 2 and parts[0][:1].isupper() and all(_WORD.fullmatch(p) for p in parts)


def untitled(name: str) -> str | None:
    """A person's name without the title before it, when two words or more are left ("R. J. Okonkwo")."""
    rest = _TITLE.sub("", name.strip(), count=1)
    return rest if rest != name.strip() and len(re.findall(r"\w+", rest)) >= 2 else None


def uncoded(name: str) -> str | None:
    """The words of a name after the short head and the code that file it ("Pier Head Mast" of "Tx HS-02 Pier Head
    Mast"), when they are a name of two words or more. None otherwise; a code that ends a name is never dropped (the
    "Field Recorder" of "Field Recorder QR-7" may be another model's)."""
    parts = name.split()
    for k in (1, 2):  # "MB-03 …" or "Tx MB-03 …"
        if len(parts) > k + 1 and _CODE.fullmatch(parts[k - 1]) and all(
                _WORD.fullmatch(p) and len(p) <= 3 for p in parts[:k - 1]) and _words(" ".join(parts[k:])):
            return " ".join(parts[k:])
    return None


def loose_forms(name: str) -> list[str]:
    """The forms of ``name`` that leave out its code ("Pier Head Mast" of "Tx HS-02 Pier Head Mast", "Edge Farm" of
    "Noise Monitoring Point NMP-2 (Edge Farm)"): written after another code, they name another thing."""
    qualified = _QUALIFIED.match(" ".join(name.split()))
    return [f for f in (uncoded(name), qualified and _words(qualified.group(2)) and qualified.group(2)) if f]


def other_code(question: str, toks: Sequence[re.Match], i: int, n: int, name_words: Sequence[str]) -> str | None:
    """The code and name a question writes where a name found by a :func:`loose_forms` form (tokens ``i`` to
    ``i + n``) follows a code that is not the name's own ("WV-02 Beacon Hill" of a KB whose Beacon Hill is "Tx WV-01
    Beacon Hill"): another thing of that name. None when no such code comes right before."""
    before = toks[i - 1].group() if i else ""
    if not any(c.isdigit() for c in before) or before.casefold() in name_words:
        return None
    start = toks[i - 2].start() if i > 1 and question[toks[i - 2].end():toks[i - 1].start()] in "-/" else toks[i - 1].start()
    return question[start:toks[i + n - 1].end()]


def spelled_forms(name: str) -> list[str]:
    """``name`` with its abbreviated words written out ("Glebe Farm Camping Barn" of "Glebe Fm Camping Barn"; "St"
    as "Saint" before a name, "Street" at the end), and with its words abbreviated ("Mt Pleasant Rd" of "Mount
    Pleasant Road"): the forms people write."""
    parts = name.split()

    def long(n: int, w: str) -> str:
        key = w.rstrip(".").casefold()
        if key == "st":
            return "Street" if n == len(parts) - 1 and n else "Saint"
        return SHORT_WORDS.get(key, w)
    out = " ".join(long(n, w) for n, w in enumerate(parts))
    short = " ".join(_LONG_WORDS.get(w.casefold(), w) for w in parts)
    return [f for f in dict.fromkeys((out, short)) if f != name]


def kind_parts(name: str) -> list[str]:
    """A thing named by a compound kind word and its code written by either part of the word ("tram 3021" and "car
    3021" of "Tramcar 3021", "station 11" of "Substation 11"), each part an English word of three letters or more."""
    parts = name.split()
    if len(parts) != 2 or not parts[0].isalpha() or not _CODE.fullmatch(parts[1]):
        return []
    word, english = parts[0].casefold(), english_words()
    return [f"{half} {parts[1]}" for cut in range(3, len(word) - 2)
            if word[:cut] in english and word[cut:] in english for half in (word[:cut], word[cut:])]


_NICKNAMED = re.compile(r"^([A-Z][\w-]+)\s+['\u2018\u2019\"]([A-Z][\w-]+)['\u2018\u2019\"]\s+([A-Z][\w'\u2019-]+)")
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def variant_forms(name: str, depth: int = 0) -> list[str]:
    """The other forms of ``name`` (see the module), with the coded forms of :func:`name_forms.coded_forms` of the
    name without its qualifier and place ("Section K2", "K2"); the caller keeps those that name one entity alone."""
    name = " ".join(name.split())
    if depth >= MAX_DEPTH:
        return []
    forms: list[str] = spelled_forms(name) + kind_parts(name) if depth == 0 else []
    person = untitled(name)
    if person:
        forms.append(person)
    code_free = uncoded(name)
    if code_free:
        forms.append(code_free)
    placed = _PLACE.match(name)
    if placed and re.search(r"[^\W\d_]", placed.group(2)) and not _TITLE.match(placed.group(2)):
        thing, place = placed.groups()  # "X, Holm Road": X alone, "X at Holm Road"
        inner = [thing] + [f for f in variant_forms(thing, depth + 1) if not _PREPOSITION.search(f)]
        forms += inner + [f"{t} {word} {place}" for t in inner for word in _AFTER]
    qualified = _QUALIFIED.match(name)
    if qualified:
        base, qualifier = qualified.groups()
        words = base.split()
        forms += [f"{base} {qualifier}", f"{qualifier} {base}"] + [f"{qualifier} {w} {base}" for w in _AFTER]
        if len(words) >= 3 and words[-1].isalpha():  # "carreg ddu upper tier", "the Upper Tier at Carreg Ddu"
            short = " ".join(words[:-1])
            forms += [f"{short} {qualifier}"] + [f"{qualifier} {w} {short}" for w in _AFTER]
        if len(qualifier.split()) == 1 and qualifier.istitle() and len(words) >= 2:  # "the West Chapel at Holm Road
            inserted = " ".join(words[:-1] + [qualifier, words[-1]])  # Cemetery" of "Holm Road Cemetery Chapel (West)"
            forms += [inserted] + placed_forms(inserted)
        if _words(qualifier):  # "Edge Farm" of "Noise Monitoring Point NMP-2 (Edge Farm)"
            forms.append(qualifier)
        forms += [f"{c} {qualifier}" for c in words if _CODE.fullmatch(c)]  # "NMP-2 Edge Farm"
        forms += [base] + variant_forms(base, depth + 1) + (coded_forms(base) if depth == 0 else [])
    nicknamed = _NICKNAMED.match(name)  # "Bob 'Sparky' Ellery": "Sparky Ellery", "Bob Ellery", "Sparky"
    if nicknamed and depth == 0:
        given, nick, rest = nicknamed.groups()
        forms += [f"{nick} {rest}", f"{given} {rest}"] + ([nick] if len(nick) >= 5 else [])
    numeral = re.search(r"\s([IVX]{1,4}|\d{1,2})$", name)  # "Mary Ellen 2" of "Mary Ellen II", and the other way
    if numeral and depth == 0 and numeral.group(1) in _ROMAN + [str(n) for n in range(1, len(_ROMAN) + 1)]:
        said = numeral.group(1)
        other = str(_ROMAN.index(said) + 1) if said in _ROMAN else _ROMAN[int(said) - 1]
        forms.append(name[:numeral.start(1)] + other)
    memorial = _OF.match(name)
    if memorial and memorial.group(1)[:1].isupper() and len(memorial.group(2).split()) >= 2 and "," not in name:
        whom = memorial.group(2)  # the person alone: "X's grave" then asks for the grave's "grave ref" in its words
        forms += [whom] + ([untitled(whom)] if untitled(whom) else [])
    return list(dict.fromkeys(f for f in forms if f != name))


_PERSONAL = re.compile(r"^(?:[A-Z][a-z]+\s+)?(?:[A-Z]\.\s*)+[A-Z][\w'-]+$")  # "R. J. Okonkwo", "Ahmed R. Tahri"
_BODY = re.compile(r"(?:\b(?:Ltd|Limited|plc|PLC|Inc|LLC|LLP|GmbH)\.?|\b(?:Council|Committee|Association|Society|Club|"
                   r"Trust|Board|Authority|Partnership|Group|Company|Co-operative|Cooperative|Federation|Agency))$")


def who(name: str) -> str | None:
    """"person" for a name written with a courtesy title or initials ("Mrs E. M. Tavistock"), "body" for a company's
    or a committee's ("Northdale Aggregates Ltd"), None for anything else: what "she" and "they" may stand for."""
    name = name.strip()
    if _TITLE.match(name) and untitled(name) or _PERSONAL.match(name):
        return "person"
    return "body" if _BODY.search(name) else None


_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_YEAR_AFTER = re.compile(r"[ \t]*(?:,[ \t]*|(?:in|of|from|for)[ \t]+)?(?:[A-Z][a-z]{2,8}\.?[ \t]+)?((?:1[89]|20)\d\d)\b")
_YEAR_BEFORE = re.compile(r"\b((?:1[89]|20)\d\d)(?:'s)?[ \t]+$")


def other_year(question: str, start: int, end: int, name: str) -> str | None:
    """The year written right before or after a name found in part ("the Summer Budding Workshop in Aug 2025", "the
    2023 open day") when the KB's name holds another one ("…, Aug 2024"): the words of another thing, which the KB
    lacks; None when the name holds no year or the same one."""
    years = set(_YEAR.findall(name))
    after, before = _YEAR_AFTER.match(question, end), _YEAR_BEFORE.search(question[:start])
    for found, s, e in ((after, start, after and after.end()), (before, before and before.start(), end)):
        if years and found and found.group(1) not in years:
            return question[s:e]
    return None


_MONTH = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?:[a-z]*)\b", re.IGNORECASE)
_MONTH_AROUND = 3  # a month this many words from a name found in part is said of it ("the March monthly meeting")
_NUMBERED_PART = re.compile(r"\b([A-Za-z]{3,})\.?\s+(\d+)\b")  # "Section 4", "Phase 2", "Vol. 3"


def other_part(question: str, start: int, end: int, name: str, spans: Sequence[tuple[int, int]] = ()) -> str | None:
    """A month or a numbered part written near a name found in part where the KB's name holds another ("the March
    monthly meeting" of "Monthly Meeting – 14 Feb 2025", "section 5 of the Wend Valley Way" of "… (Section 4)"): the
    words of another thing, which the KB lacks; None when the name holds none or the same one. A numbered part inside
    ``spans`` (the other names found) is theirs ("the DigiPress 9150 and the DigiPress 9350")."""
    months = {m.group(1).casefold() for m in _MONTH.finditer(name) if m.group(0)[:1].isupper()}
    parts = {m.group(1).casefold(): m.group(2) for m in _NUMBERED_PART.finditer(name)}
    before = [m for m in tokens(question[:start])][-_MONTH_AROUND:]
    after = [m for m in tokens(question[end:])][:_MONTH_AROUND]
    near = [(m.start(), m) for m in before] + [(end + m.start(), m) for m in after]
    for at, m in near:
        word = question[at:at + len(m.group())]
        said = _MONTH.fullmatch(word)
        if (months and said and word[:1].isupper() and said.group(1).casefold() not in months
                and not re.search(r"(?:^|[.?!])\s*$", question[:at])):  # (not a sentence's first word: "May I …")
            return question[min(at, start):max(at + len(word), end)]
    for m in _NUMBERED_PART.finditer(question):
        if parts.get(m.group(1).casefold(), m.group(2)) != m.group(2) and not any(
                a <= m.start() < b or a < m.end() <= b for a, b in [(start, end), *spans]):
            return question[min(m.start(), start):max(m.end(), end)]
    return None


_AND_CODE = re.compile(r"\s*(?:,|and|&|or)\s+(?:no\.\s*)?([A-Za-z]*\d[\w/.-]*?)(?=[\s,?!;:]|$)", re.IGNORECASE)


def coordinated(question: str, mentions: Sequence[Mention], known: set[str] | frozenset[str]) -> list[Mention]:
    """The codes written after a name of a kind and a code, joined by "and", "or" or commas ("tramcars 3012 and 3105",
    "Hives HL-04, HL-05 and HL-07"): each the thing of that kind with that code, where the KB holds it (its name in
    ``known``, as the index keys it)."""
    more = []
    for m in mentions:
        head, end = m.name.split()[:-1], m.end
        if not head or not any(c.isdigit() for c in m.name.split()[-1]):
            continue
        while (joined := _AND_CODE.match(question, end)) is not None:
            key = " ".join(head + [t.group() for t in tokens(joined.group(1))])
            if key not in known or any(o.name == key for o in mentions):
                break
            more.append(Mention(key, joined.start(1), joined.end(1), joined.group(1), False))
            end = joined.end()
    return more


_LINES = re.compile(r"(.+) (?:line|lines|entry|entries)")


def qualified_elsewhere(bases: dict[str, set[str]], display: dict[str, str]) -> None:
    """A thing's bracketed qualifier that is another KB name or that name's first words ("St Brannock's" of "Session – 1
    March 2025 (St Brannock's)" beside "St Brannock's Church Hall", "Kiln Rooms" beside "The Kiln Rooms"): a form of
    that other name, not of the thing. ``bases`` (each folded form and the names it stands for) is changed in place;
    ``display`` maps the KB's folded names to the names as written. A file's form that paths ending in its name share
    is the file's ("pstore config" of pstore.conf, not of /etc/systemd/pstore.conf); a form for a file's lines is that of
    the name "X file" ("shlibs line" of "shlibs file", not of debian/shlibs)."""
    for form, names in bases.items():
        files = [n for n in names if len(names) > 1 and all(o == n or o.strip().endswith("/" + n.strip()) for o in names)]
        if len(files) == 1 or len(files := [n for n in names if len(names) > 1 and (lines := _LINES.fullmatch(form))
                                            and fold(n) == f"{lines.group(1)} file"]) == 1:
            names.intersection_update(files)  # ("shlibs line" of "shlibs file", not of debian/shlibs)
            continue
        inside = {n for n in names if (q := _QUALIFIED.match(" ".join(n.split())))
                  and " ".join(t.group() for t in tokens(q.group(2))) == form}
        if not inside:
            continue
        starting = [display[k] for k in display if k.startswith(form + " ") and display[k] not in inside]
        if names - inside or len(starting) == 1:
            names -= inside
            names.update(starting if not names else ())
    words = Counter(w for k in display for w in set(k.split()))  # a man page named by an English word that other
    for form, names in bases.items():  # names write ("group" of group(5) beside "group name", /etc/group): no name
        if words[form] > 1 and form in english_words():  # of it alone ("the group in the first column")
            names.difference_update({n for n in names if _MAN_PAGE.fullmatch(n.strip()) and fold(n.split("(")[0]) == form})


_HOME_PATH = re.compile(r"(?:~|\$\{?HOME\}?|%h)/\S")  # "$HOME/.config/user-dirs.dirs", "~/.netrc"


def twins_completed(by_key: dict[str, list[int]], triples: Sequence, key_of) -> dict[str, list[int]]:
    """``by_key`` (each index key and its triples' indices), with a name and the one absolute path ending in it
    ("gshadow", the page, and "/etc/gshadow", the file; a path in the home directory too: "$HOME/.config/user-dirs.dirs")
    each holding the other's facts it lacks: people name the file by either ("who may read the gshadow file", "the
    fields of a gshadow line"). Changed in place and returned."""
    names, paths = {t.name.strip() for t in triples}, dict[str, list[str]]()
    for name in names:
        if name.startswith("/") and name.count("/") >= 2 or _HOME_PATH.match(name):
            paths.setdefault(name.rstrip("/").rsplit("/", 1)[-1], []).append(name)
    for name in names:
        found = paths.get(name, []) if "/" not in name and re.search(r"[^\W\d_]", name) else []
        one, other = (key_of(name), key_of(found[0])) if len(found) == 1 else ("", "")
        if one in by_key and other in by_key and one != other:
            held = [{triples[i].property for i in by_key[k]} for k in (one, other)]
            by_key[one], by_key[other] = (by_key[one] + [i for i in by_key[other] if triples[i].property not in held[0]],
                                          by_key[other] + [i for i in by_key[one] if triples[i].property not in held[1]])
    return by_key


_VERSIONED = re.compile(r"^(.*?[^\W\d_]\w*?)(?:[-_]v?(\d+(?:\.\d+)*)|\s+v?(\d+(?:\.\d+)+(?:\.[x*])?))$", re.IGNORECASE)  # "GPL-3",
# "Apache-2.0", "Python 3.11", "dpkg 1.22.x" (not "Studio 4": a number after a space is no version unless dotted)
_VERSION_NAMED = re.compile(r"version\s+(\d+(?:\.\d+)*)(?:\s+([a-z]+))?", re.IGNORECASE)  # "Version 3 format"


def versioned_forms(name: str) -> list[str]:
    """Other ways people write a name that ends in a version number ("GPL-3", "Apache-2.0", "LGPL-2.1"): with a "v"
    run on or apart ("GPLv3", "GPL v3"), "version" written out ("GPL version 3"), and a trailing ".0" left out
    ("Apache 2", "Apache v2"), and the name without its version ("CC0" of "CC0-1.0"). The caller keeps the forms
    that name one entity alone."""
    if numbered := _VERSION_NAMED.fullmatch(name.strip()):  # "v3" of "Version 3 format", "v1" of "Version 1"; "format
        number = numbered.group(1)  # 1.1" and "1.1" alone of "version 1.1" (a dotted number)
        return [f"v{number}"] + ([f"v{number} {numbered.group(2)}"] if numbered.group(2) else []) + (
            [f"format {number}", number] if "." in number and not numbered.group(2) else [])
    found = _VERSIONED.match(name.strip())
    if not found or not re.search(r"[^\W\d_]{2}", found.group(1)):
        return []
    stem, number = found.group(1).rstrip(), found.group(2) or found.group(3)
    numbers = [number] + ([short] if (short := re.sub(r"(?:\.0)+$", "", number)) != number else [])
    forms = []
    for n in numbers:
        forms += [f"{stem}v{n}", f"{stem} v{n}", f"{stem} version {n}"]
    return forms + [f"{stem} {n}" for n in numbers[1:]] + ([stem] if len(stem) >= 3 else [])  # ("the CC0 text")


def initialisms(written: list[str]) -> list[str]:
    """The index keys a run of capitalised words may stand for by their initials, a version after them kept
    ("Mozilla Public License 1.1": "mpl 1 1"; "GNU Free Documentation License 1.3": "gfdl 1 3"; "Lesser GPL 3": "lgpl
    3", an acronym among them kept whole or by its initial). Empty unless two or more words of letters lead, each
    capitalised, and only numbers follow."""
    alpha = [w for w in written if not w.isdigit()]
    numbers = written[len(alpha):]
    if len(alpha) < 2 or len(alpha) > 5 or not all(w.isdigit() for w in numbers) or not all(
            w.isalpha() and w[:1].isupper() for w in alpha):
        return []
    options = [[w[0]] + ([w] if w.isupper() and len(w) >= 2 else []) for w in alpha]
    found = [""]
    for choice in options:
        found = [f + c for f in found for c in choice]
    return [" ".join([f.casefold()] + numbers) for f in found]


def program_forms(name: str) -> list[str]:
    """Other ways people write a name of a program and one of its options or parts ("pg_dump --schema-only"): with
    the program as a possessive ("pg_dump's --schema-only"), and the option alone ("--maintenance-db" of "createdb
    --maintenance-db"). The caller keeps the forms that name one entity alone."""
    program, _, rest = name.strip().partition(" ")
    if not rest or " " in rest or not rest.startswith("-") or not re.fullmatch(r"[\w.+-]+", program):
        return []
    return [f"{program}'s {rest}", rest]


_DOTTED_VERSION = re.compile(r"\b\d+\.\d+\b")  # "18.04", "24.10"


def version_rest(name: str, rest: str, lasts: dict[str, int]) -> str | None:
    """The version a name of a namespace word holds, as a form of that name ("18 04" of "Ubuntu 18.04 LTS" and of
    "Ubuntu 18.04"): the rest after the namespace (folded tokens), without a last word several names end with, when
    it is a dotted version alone; else None."""
    words = rest.split()
    if len(words) >= 3 and not words[-1].isdigit() and lasts.get(words[-1], 0) >= 2:
        words = words[:-1]
    return " ".join(words) if len(words) == 2 and all(w.isdigit() for w in words) and _DOTTED_VERSION.search(
        name) else None


_KEYED = re.compile(rf"^{OPTION_KEY}([\w.|{{}}<>\[\]-]+)$")  # "size=bytes", "huge=huge_option", "prefer:node"


def keyed_forms(names: Sequence[str]) -> list[tuple[str, str]]:
    """(the key, the name) of options a page writes with a placeholder or a value after "=" or ":" ("size=bytes",
    "mpol=mpol_option", "prefer:node"), where no other of ``names`` has that key and none is the key alone: people
    call it by its key ("size default?", "the huge option"). (:func:`name_forms._shorter_forms` gives the key of any
    such name whose placeholder is no English word; this takes "bytes" and "node" too, the key being the KB's one.)"""
    keyed = [(m.group(1), name) for name in names if (m := _KEYED.fullmatch(name.strip()))]
    counts, alone = Counter(k.casefold() for k, _ in keyed), {n.strip().casefold() for n in names}
    return [(key, name) for key, name in keyed if counts[key.casefold()] == 1 and key.casefold() not in alone]


def other_value(question: str, start: int, end: int, name: str) -> str | None:
    """The key and value a question writes where a :func:`keyed_forms` name was found by its key (``start`` to ``end``)
    and another value follows it ("mpol=weighted_interleave" of a KB whose mpol is "mpol=mpol_option"): another
    option than the KB's. None otherwise."""
    keyed, after = _KEYED.fullmatch(name.strip()), re.match(r"[=:]([\w.-]+)", question[end:])
    if not keyed or not after or fold(question[start:end]) != fold(keyed.group(1)) or fold(after.group(1)) == fold(keyed.group(2)):
        return None
    return question[start:end + after.end()]


_GENERIC_MIDDLE = re.compile(r"^(\S+)\s+(?:resource|configuration|config)\s+(record|records|file|files|entry|entries)$", re.IGNORECASE)


def everyday_forms(name: str) -> list[str]:
    """Forms people say for a name (:func:`_generic_middle_left_out`, :func:`_quantity_said_otherwise`,
    :func:`_path_tail`, :func:`_lines_of_file`, :func:`_format_left_out`). The caller keeps the forms that name one
    entity alone."""
    return (_generic_middle_left_out(name) + _quantity_said_otherwise(name) + _path_tail(name) + _lines_of_file(name)
            + _format_left_out(name))


def _format_left_out(name: str) -> list[str]:
    """ "a multi-part .deb" of "multi-part .deb format": a format named for what it makes, when that is written with a
    symbol (a file name, a joined word), not in words alone ("Git bundle format" is no "Git bundle")."""
    named = re.fullmatch(r"(.*\S)\s+(?:file\s+)?format", name.strip(), re.IGNORECASE)
    return [named.group(1)] if named and len(named.group(1).split()) >= 2 and re.search(r"[^\w\s]", named.group(1)) else []


def _generic_middle_left_out(name: str) -> list[str]:
    """ "DS record" of "DS resource record": without the generic word in its middle."""
    middle = _GENERIC_MIDDLE.fullmatch(name.strip())
    return [f"{middle.group(1)} {middle.group(2)}"] if middle else []


def _quantity_said_otherwise(name: str) -> list[str]:
    """ "several machine tokens", "many machine tokens" of "multiple machine tokens"; "extra members", "further
    members" of "additional members"."""
    many = re.fullmatch(r"multiple\s+(\w.*)", name.strip(), re.IGNORECASE)
    if many:
        return [f"{word} {many.group(1)}" for word in ("several", "many")] if " " in many.group(1) else []
    more = re.fullmatch(r"(additional|extra)\s+(\w.*)", name.strip(), re.IGNORECASE)
    return [f"{word} {more.group(2)}" for word in ("additional", "extra", "further") if word != more.group(1).casefold()] if more else []


def _path_tail(name: str) -> list[str]:
    """A path of three parts or more by its last two, when the last is a file name or a pattern ("auth.conf.d/*.conf" of
    /etc/apt/auth.conf.d/*.conf)."""
    parts = name.strip().rstrip("/").split("/")
    return ["/".join(parts[-2:])] if name.strip().startswith("/") and len(parts) >= 4 and re.search(r"[.*]", parts[-1]) else []


def _lines_of_file(name: str) -> list[str]:
    """ "shlibs line", "shlibs entries" of "shlibs file": a file of lines named by its lines (a question about "a shlibs
    entry" asks of the file, not of another name "shlibs" is a form of: the page deb-shlibs)."""
    named = re.fullmatch(r"(\S+)\s+file", name.strip(), re.IGNORECASE)
    return [f"{named.group(1)} {word}" for word in ("line", "lines", "entry", "entries")] if named else []
