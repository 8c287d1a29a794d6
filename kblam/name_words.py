"""A KB name written by its distinctive words alone, in any order, among other words ("the Low Snape wind turbine" of
"Low Snape Farm Turbine WT-01", "the 2021 share offer" of "Community Share Offer 2021", "Pickersgill" of "R. J.
Pickersgill"): the last resort of :meth:`entities.NameIndex.find` when no form of a name is written.

A word of a name is distinctive when at most :data:`RARE_NAMES` of the KB's names hold it. The question must write two
such words of one name, or one long word no other name holds that is no English word (or any such word after a
courtesy title: "Captain Hollis"); one name must take more of them than any other. A capitalised word, a number or a
code written right beside them that the name lacks makes it another thing of that name ("Blackstone Edge South" beside
the KB's "Blackstone Edge North", "Route 14C"), and so does leaving out the qualifier that ends a name ("neutron mass
energy equivalent" of the KB's "… in MeV"), so nothing is guessed then, and the question stays one about a name the KB
lacks. :meth:`entities.NameIndex.find` guesses only where no form of a KB name was turned down quietly ("the
castlemere north annex" stays turned down) and a near miss, if any, points at the same name or writes only its words
and lower-case English (:meth:`NameWords.explains`); a guess also replaces a name found in part that it holds whole
and that writes fewer of the question's words (:meth:`NameWords.wider`)."""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from .folding import fold, tokens
from .mentions import Mention, NearMiss
from .name_forms import AFTER_HEAD
from .typos import _typo

RARE_NAMES = 2  # a word held by at most this many names tells them apart
_PERSON = re.compile(r"(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Cllr)\.?\s+)*[A-Z][a-z]+\s+[A-Z][a-z]*['\u2019]?[A-Z]?[a-z]+(?:-[A-Z][a-z]+)?")
_NICKNAME = re.compile(r"\s['\u2018\"][A-Z][a-z]+['\u2019\"]\s")  # "Bob 'Sparky' Ellery"
_ROLE = re.compile(r"\s*(?:\([^()]*\)|,[^,]*)$")  # "(network coordinator)", ", Parish Clerk"
COMMON_NAMES = 3  # a word held by at least this many names says what kind of thing they are
_UNKNOWN_CODE = re.compile(r"\b[A-Z][a-z]+\s+[A-Z]{1,4}-?\d+[A-Z]?\b")  # "Pitch AB-09", "Hive HL-04": a named thing
# courtesy titles and ranks, written out or not ("Captain Hollis" of "Capt. R. J. Hollis"): no other thing's name
TITLES = frozenset("""mr mrs ms miss mx dr doctor prof professor capt captain fr father revd rev reverend sir dame lady
lord cllr councillor sgt sergeant""".split())
FUNCTION = frozenset("the of and at in on for to by with from de la le du".split())
GENERIC = frozenset("a an any every each".split())  # before a kind of thing, not a name
# the words that end a name of something offered, written by its instance ("a repeat prescription" of "Repeat
# Prescription Service", "a flu jab" of "Flu Jab Service 2024/25")
OFFERED = frozenset("service services scheme programme program".split())
DEFINITE = frozenset("the our my your his her their this that".split())  # before the one thing meant
_CLOCK = re.compile(r"\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm)", re.IGNORECASE)  # "2am": a time, no code
_DOUBLE = re.compile(r"(?<![\w-])[A-Z][a-z]{2,}-[A-Z][a-z]{2,}(?![\w-])")
NUMBER_REACH = 3  # a number this many words from the words that point at a name may be another of its number
_BRACKETED = re.compile(r"\s*\(([^()]*)\)")
QUALIFIERS = frozenset("in with per at for from to on by".split())  # "… in MeV": the tail that sets a name apart
CLIPPED = 3  # a name's word written short ("defib", "Mak") from this many letters
# an English word after a prefix and a hyphen ("auto-creates", "per-connection", "self-signed"): prose, no identifier
_PREFIXED = re.compile(r"(?:auto|self|non|re|co|pre|post|multi|sub|semi|per|built|well|over|under|cross|anti|inter|"
                       r"un|half|full|read|write|one|two|long|short)-[^\W\d_]+", re.IGNORECASE)
_CODE_WRITTEN = re.compile(r"[^\W_][-_.:/+=]+[^\W\d_]|--?[^\W\d_]")  # "strict-peer-deps", "--exclude", "max_wal"
WHOLE_PART_LETTERS = 4  # a shorter part is found only written whole
PART_LETTERS = 5  # a word of an identifier and a written word that begin with this many letters alike may be one
LONE_WORD = 6  # one distinctive word alone names an entity from this many letters (no English word)
# a day written out stands for its short form in a name ("the Saturday morning taster" of "Taster Session (Sat 09:30)")
_MONTHS = {m.casefold(): m[:3].casefold() for m in ("January February March April May June July August September "
                                                  "October November December").split()}
_DAYS = {f"{day}day": day[:3] for day in ("mon", "tues", "wednes", "thurs", "fri", "satur", "sun")} | {
    "tues": "tue", "thur": "thu", "thurs": "thu", "weds": "wed"}


_CONTEXT_BEFORE = re.compile(r"\b(?:for|on|in|of)\s+(?:(?:an?|the|my|your|our|every|each)\s+)?$", re.IGNORECASE)
_ASKED_INSIDE = re.compile(r"\b(?:can|could|do|does|should|may|must|would)\s+(?:i|you|we|one)\s+\w", re.IGNORECASE)


_CODE_SHAPED = re.compile(r"[^\W_]_[^\W_]|[a-z][A-Z]|^[A-Z][A-Z0-9]+$")  # snake_case, camelCase, CAPITALS


class NameWords:
    """The distinctive words of a KB's names (index keys, folded and tokenised) and how to guess a name from them."""

    def __init__(self, keys: Iterable[str], stopwords: frozenset[str], english: frozenset[str],
                 spaced: dict[str, str] | None = None, described: dict[str, frozenset[str]] | None = None,
                 labels: Iterable[str] = ()) -> None:
        keys, spaced = list(keys), spaced or {}  # (``spaced``: each key's name as the KB writes it)
        holders: dict[str, list[str]] = {}  # the keys that hold each word
        for k in keys:
            for w in set(k.split()):
                holders.setdefault(w, []).append(k)
        held = {w: len(ks) for w, ks in holders.items()}
        self.english, self.stopwords, self.display = english, stopwords, spaced
        self.upper = {w.casefold() for k in keys for w in re.findall(r"\b[A-Z]{2,5}\b", spaced.get(k, ""))}  # "PV"
        self.described = described or {}  # each key's value words: what the thing is ("the spindle whorl 2018.41/…")
        self.written = frozenset().union(*self.described.values())  # (any of them: "VF" of "virtual function (VF)",
        # an abbreviation in capitals that the KB writes, is no other system's name)
        self.labels = frozenset(labels)  # the words of the KB's property names ("Brannoc Boutique EPC?")
        self.rare = {k: {w for w in k.split() if held[w] <= RARE_NAMES and w not in stopwords
                         and (len(w) >= 3 or any(c.isdigit() for c in w))} for k in keys
                     if " " in spaced.get(k, k)}  # (an identifier, "-Wunused-but-set-parameter", only as written)
        # a name's letter that tells it from its siblings: lower case ("letter e with …") or last ("Kestrel Booth B")
        self.marks = {k: {w for n, w in enumerate(k.split()) if len(w) == 1 and w.isalpha() and w != "s"
                          and (n == len(k.split()) - 1 or re.search(rf"(?<![\w.]){w}(?![\w.])", spaced.get(k, "")))}
                      for k in keys}
        # the words that say what kind of thing the names are: each one's last word of letters ("annex", "turbine")
        self.kinds = {next((w for w in reversed(k.split()) if w.isalpha() and len(w) >= 3), "") for k in keys} - {""}
        self.lone = {w for w, n in held.items() if n == 1 and len(w) >= LONE_WORD and w.isalpha() and w not in english
                     and w not in stopwords}
        # the first word of one name of several, held by no other (an English word too: "Kestrel" of "Kestrel Dental
        # Laboratory"): written with a capital inside a question, alone it names that one
        self.firsts = {k.split()[0] for k in keys if " " in k and held[k.split()[0]] == 1 and k.split()[0].isalpha()
                       and len(k.split()[0]) >= 4 and k.split()[0] not in stopwords}
        # people's names (a title, a given name and a surname, a role after them): the given name alone names one
        self.people = {k for k in keys if _PERSON.fullmatch(_ROLE.sub("", spaced.get(k, "")))}
        given = {k: next(w for w in k.split() if w not in TITLES) for k in self.people}
        self.firsts |= {w for k, w in given.items() if held[w] == 1 and len(w) >= 3 and w.isalpha()}
        # words that many names hold ("dental" of a dental practice's KB): the kind of place, not a part of one name
        self.common = {w for w, n in held.items() if n >= COMMON_NAMES}
        # each word of letters that one name alone holds, and every name word (for :meth:`pointed`)
        self.only = {w: ks[0] for w, ks in holders.items() if len(ks) == 1 and w.isalpha() and len(w) >= CLIPPED
                     and w not in stopwords and w not in TITLES}
        self.all_words, self.holders = frozenset(holders), holders
        # the words of identifiers ("deadlock_timeout", "huggingface-cli"): each such name by its parts of letters
        self.parts = {k: {p for p in split if p.isalpha() and len(p) >= WHOLE_PART_LETTERS}
                      for k in keys if " " not in spaced.get(k, k) and len(split := _parts(k, spaced.get(k, k))) >= 2}
        self.part_holders = Counter(p for parts in self.parts.values() for p in parts)  # how many names hold each
        self.single_words = [k for k in keys if k.isalpha() and len(k) >= 5 and k not in english]  # ("ttyperm")
        self.clipped_words = [k for k in keys if k.isalpha() and len(k) >= 4 and k not in english]  # ("skel")
        self.spaced = {k for k in keys if " " in spaced.get(k, k)}  # names of several words, not identifiers
        # the words of people's names, not their roles ("kit" of "Christopher 'Kit' Marsh (Treasurer)", not
        # "treasurer"): such a word points at its name only written with a capital ("Kit's mobile?", not "the kit")
        self.proper = {w for k in keys if (bare := _ROLE.sub("", spaced.get(k, ""))) and (
            _PERSON.fullmatch(bare) and tokens(bare)[-1].group() not in english or _NICKNAME.search(bare))
            for w in (t.group() for t in tokens(bare))}  # ("Sill Gate", "Second Wind": no surname, no person)
        # such a word also held by names that extend this one ("Brackenhurst" of "Brackenhurst Campsite", beside its
        # "Brackenhurst Campsite – Woodland Field"): alone, it names the one they extend
        self.parents: dict[str, set[str]] = {}
        for w, ks in holders.items():
            base = min(ks, key=len)
            if (1 < len(ks) <= RARE_NAMES and len(w) >= LONE_WORD and w.isalpha() and w not in english
                    and all(k == base or k.startswith(base + " ") for k in ks)):
                self.parents.setdefault(base, set()).add(w)

    def guess(self, question: str) -> Mention | None:
        """The one KB name the question writes by its distinctive words, as a mention spanning them (not exact);
        None when none, or more than one equally, or when a word beside them makes it another thing."""
        toks = tokens(question)
        written = [self._spelt(t.group()) for t in toks]  # ("Kettlebrough's" of "Mr D. A. Kettleborough")
        said = set(written) | {w[:-1] for w in written if w.endswith("s")}  # "St Oswalds" of "St Oswald's …"
        said |= {_DAYS[w.removesuffix("s")] for w in written if w.removesuffix("s") in _DAYS}  # "Saturday" of "(Sat …)"
        titled = {w for t, w in zip(written, written[1:], strict=False) if t in TITLES}  # "Captain Hollis"
        titled |= {fold(w) for w in re.findall(r"(?<=\s)[A-Z][a-z]{3,}\b", question)} & self.firsts  # "the Kestrel …"
        pairs = {" ".join(p) for p in zip(written, written[1:], strict=False)}  # "the Gang Show" of "Gang Show '25: …"
        found = sorted(((len(hit), key, hit) for key, words in self.rare.items()
                        if (hit := words & said) and (len(hit) >= 2 or hit <= self.lone | titled | self.parents.get(
                            key, set()) or any(
                            f" {w} " in f" {key} " for w in pairs if set(w.split()) & hit and self._plain(w)))),
                       reverse=True)
        if not found or len(found) > 1 and found[1][0] == found[0][0] or _UNKNOWN_CODE.search(question):
            return None  # (and not beside a named thing of its own: "How big is Pitch AB-09 at Aldbrae?")
        _, key, hit = found[0]
        own = set(key.split())
        if _complement_only(key, hit):
            return None
        marks = self.marks.get(key, set())  # "Latin small letter a with diaeresis" is not the KB's letter e
        if marks - said:
            return None
        numbers = {w for w in own if any(c.isdigit() for c in w)}  # "2nd Wrexley (St Aidan's)" is no "1st Wrexley (St
        if numbers - said and {w for w in said if any(c.isdigit() for c in w)} - numbers:  # Aidan's)": its number
            return None  # left out, another written
        parts = key.split()  # "neutron mass energy equivalent" is not the KB's "… in MeV" (another unit may be meant)
        tail = next((parts[n + 1:] for n, w in enumerate(parts[1:-1], 1) if w in QUALIFIERS and parts[n - 1] in said),
                    [])  # (not a subtitle left out whole: "the Gang Show" of "Gang Show '25: Back on the Boards")
        if set(tail) - said:
            return None
        places = [i for i, w in enumerate(written) if w in hit or w[:-1] in hit]
        runs = []  # the runs of the name's own words the question writes (through "s" and words it lacks)
        for i in places:
            if runs and runs[-1][1] >= i - 2 and all(self._joined(question, toks, k) is not None
                                                    for k in range(runs[-1][1], i)):
                runs[-1][1] = i
            else:
                runs.append([i, i])
        kinds = self.kinds - own
        for run in runs:
            first, last = run
            inner = own - FUNCTION  # (a function word only between the name's words: "… 34.10-2012 with GOST R …",
            while first > 0 and (written[first - 1] in inner or written[first - 1] in own and first > 1  # not "the Gang
                                 and written[first - 2] in inner) and self._joined(question, toks, first - 1) is not None:  # Show")
                first -= 1  # the name's own words around them ("Nesting Restriction NR" of "… NR-22")
            while last + 1 < len(toks) and (written[last + 1] in inner or written[last + 1] in own and last + 2 < len(toks)
                                            and written[last + 2] in inner) and self._joined(question, toks, last) is not None:
                last += 1
            run[:] = first, last
            prefix = len(runs) == 1 and written[first:last + 1] == parts[:last + 1 - first] and not (
                hit <= self.parents.get(key, set())) and key not in self.people  # (but "at Brackenhurst" of
            # "Brackenhurst Campsite", see parents; and "Hattie" of "Hattie O'Rourke", a person)
            clipped = parts[last + 1 - first:] if prefix else []
            if clipped[:1] and clipped[0] in OFFERED and all(not w.isalpha() or w in OFFERED for w in clipped):
                continue  # "a flu jab" of "Flu Jab Service 2024/25": one of what the service offers, that service
            if (any(w.isalpha() and w not in self.upper | FUNCTION | self.common for w in clipped[:1])  # ("Holloway Green
                    and not set(clipped) & hit  # cedar" of "… Cedar of Lebanon"; "the Tuesday evening taster session"
                    or first and written[first - 1] in GENERIC):  # of "Taster Session (Tue 18:00)", the day written)
                return None  # its first words alone, but before a code or year, are the index's to judge ("Hollins
                # Lane" of "… Extension"; not "the Harwick Barge Match" of "… 2025", "the Gang Show" of "Gang Show '25:
                # Back on the Boards", "Moorside Community Centre" of "… PV");
            after = _BRACKETED.match(question, toks[last].end())  # "a suspension bridge" is any such bridge
            if after and {t.group() for t in tokens(after.group(1))} - own:  # "Statistics II (Weekend)"
                return None
            if {w for w in written[last + 1:last + 4] for w in (w, w[:-1])} & kinds - self.described.get(key, set()):
                return None  # "harbourside children's annex": the kind of another KB name follows (not one its own
                # values write: "the furniture & electrical shop" whose notes say "outside the shop")
            for j in [first - 1, last + 1] + [k for k in range(first, last) if not {written[k], written[k][:-1]} & own]:
                if 0 <= j < len(toks) and not self._told(key, written[j]) and self._apart(
                        question, toks, first, last, j, lone=len(hit) == 1 and j < first):
                    return None
        first, last = max(runs, key=lambda r: r[1] - r[0])  # the longest run stands for the name
        start, end = toks[first].start(), toks[last].end()
        return Mention(key, start, end, question[start:end], False)

    def pointed(self, question: str) -> Mention | None:
        """The one KB name a question points at by a word only that name holds, English or clipped ("the clerk" of
        "Mr D. Fenwick, Parish Clerk", "the hoist" of "Travel Hoist TH-35", "the defib" of "Defibrillator – …", "the
        Mak" of "TEL-18 Maksutov (180 mm)"): the last resort when the question writes no form of any KB name and no near
        miss. None when such words point at more than one name, after "a", "any" (any such thing), or beside a
        capitalised word or a code the name lacks (another thing: "the Old Forge hoist")."""
        toks = tokens(question)
        written = [t.group() for t in toks]
        hits: dict[str, list[int]] = {}
        doubled = [m.span() for m in _DOUBLE.finditer(question)]
        for i, w in enumerate(written):
            if (len(w) < CLIPPED or not w.isalpha() or w in self.stopwords or w in TITLES
                    or w in self.labels and w not in self.only and w[:-1] in self.only):  # (a property's word that
                continue  # a name holds only in the singular is what is asked: "the kilojoule in SI base units")
            keys = [k for k in self._holding(w) if k in self.spaced]
            if any(self._joined(question, toks, k) for k in (i - 1, i) if 0 <= k < len(toks) - 1) and not any(
                    a <= toks[i].start() < b for a, b in doubled):  # part of an identifier ("pydantic-settings",
                continue  # "--cookie-jar"), not a double-barrelled name ("a Marlow-Bright order")
            if len(keys) > 1 or not keys and question[toks[i].start()].isupper():  # "Kingsmead" of the one name it
                keys = self._headed(w, keys or [k for k in self.holders.get(w, ()) if k in self.spaced])  # starts
            if len(keys) == 1 and not (w in self.proper and question[toks[i].start()].islower()):
                hits.setdefault(keys[0], []).append(i)
        hits = self._jointly(question, toks, written) or hits  # "the vaccine fridge at Kingsmead"
        if len(hits) > 1:  # "Can the superintendent write prescriptions?": the thing written as one, not the kind
            hits = {k: ps for k, ps in hits.items() if any(p and written[p - 1] in DEFINITE for p in ps)}
        if not hits:  # "the bench that looks out over the pond": one bench's values say "pond"
            hits = self._kind_by_value(question, toks, written)
        if len(hits) != 1:
            return None
        key, places = next(iter(hits.items()))
        own = set(key.split()) | self.described.get(key, frozenset())
        for j, t in enumerate(toks):
            word = question[t.start():t.end()]
            if j in places or written[j] in own or written[j] in self.labels or _CLOCK.fullmatch(word):
                continue  # ("Has Tom had his DBS check?" of a "DBS checked"; "at 2am")
            if (j > 0 and word[:1].isupper() and written[j] not in self.stopwords and word != "I"
                    or any(c.isdigit() for c in word) and any(c.isalpha() for c in word)):
                return None  # ("What's the grid ref for Hollins Brow car park?": a place the KB does not name)
        if any(p and written[p - 1] in GENERIC and not question[toks[p].start()].isupper() for p in places):
            return None  # ("a defib": any; "a Marlow-Bright order": an order of that one)
        if any(p >= 2 and written[p - 2] in DEFINITE | GENERIC and (w := written[p - 1]).isalpha()
               and w not in own | self.english | self.stopwords | self.labels and p - 1 not in places for p in places):
            return None  # ("the gzip manual": another's manual, named by a word the KB lacks)
        numbers = {int(w) for w in own if w.isdigit()}  # "the PCC Guide Vol. 3" of "… Vol. 2 (4th edn)", written
        near = {int(written[j]) for p in places for j in range(p - NUMBER_REACH, p + NUMBER_REACH + 1)  # beside it
                if 0 <= j < len(toks) and written[j].isdigit()}  # (not "my 15-year-old" elsewhere)
        if numbers and near - numbers:
            return None
        first, last = min(places), max(places)
        return Mention(key, toks[first].start(), toks[last].end(), question[toks[first].start():toks[last].end()],
                       False)

    def by_parts(self, question: str) -> Mention | None:
        """The one identifier of the KB ("deadlock_timeout", "unique_violation") a question describes by words of its
        parts, inflected ("when a unique index is violated", "how long does it wait before it checks for a deadlock"):
        the last resort after :meth:`pointed`. A written word stands for a part when both share their first
        :data:`PART_LETTERS` letters and all but the last three of the shorter one ("violated" of "violation",
        "authenticating" of "authentication"); the identifier must take more of the question's words than any other,
        and a word that takes one alone must be held by no other. None beside a capitalised word or a code it lacks
        (another system's: "… in MySQL", "NOT NULL")."""
        if any(_CODE_WRITTEN.search(w) and not _PREFIXED.fullmatch(w)  # ("what does the strict-peer-deps option do":
               for w in re.findall(r"[^\s,;:?!()]+", question)):  # another identifier; not "auto-creates")
            return None
        toks = tokens(question)
        taken: dict[str, set[str]] = {}
        places: dict[str, list[int]] = {}
        shared: dict[str, int] = {}  # letters written alike, over all parts taken (the closer words rank first)
        said = {t.group() for t in toks} - self.stopwords
        for i, t in enumerate(toks):
            if len(t.group()) < WHOLE_PART_LETTERS or not t.group().isalpha() or t.group() in self.stopwords | self.labels:
                continue
            for w in (t.group(), *_ORDINALS.get(t.group(), ())):  # ("lowest GID" of FIRST_GID)
                for key, parts in self.parts.items():
                    for p in parts:
                        n = len(os.path.commonprefix([w, p]))
                        if n >= max(PART_LETTERS, min(len(w), len(p)) - 3) or w == p or (  # ("sync" of
                                len(p) >= 6 and w not in self.english and _typo(w, p)  # "SyncIntervalSec"; "pasword";
                                and not any(_typo(w, lab) for lab in self.labels if len(lab) >= 6)):  # not "defualt")
                            taken.setdefault(key, set()).add(p)
                            places.setdefault(key, []).append(i)
                            shared[key] = shared.get(key, 0) + n
        from .contrasts import extremes  # (contrasts reads the entities that read this module)

        said |= extremes(said)  # the other words for the low or high end ("the lowest uid" of UID_MIN)
        short = {k: {p for p in _parts(k, self.display.get(k, k)) if len(p) < WHOLE_PART_LETTERS} & said
                 for k in self.parts}  # a short part written whole is one more part taken beside a longer one ("ttl for
        for k in [k for k, ps in short.items() if k in taken or len(ps) > 1]:  # outgoing multicast packets" of
            taken.setdefault(k, set()).update(short[k])  # IP_MULTICAST_TTL beside IP_MULTICAST_IF; "crl distribution
            places.setdefault(k, [])  # point" of crlDistributionPoints …), or two of them ("lowest uid": UID_MIN)
        holders = self.part_holders  # a part only one name holds tells
        own = {k: sum(holders[p] == 1 for p in ps) for k, ps in taken.items()}  # more than a shared one ("parent
        # directories" of DirectoryMode= beside SocketMode=, in "socket unit", "socket file"); then the name with fewer
        # parts left unsaid (UID_MIN, not SYS_UID_MIN)
        rank = {k: (len(taken[k]), own[k], len(taken[k]) - len(_parts(k, self.display.get(k, k))), shared.get(k, 0))
                for k in taken}
        ranked = sorted(taken, key=lambda k: rank[k], reverse=True)
        if not ranked or len(ranked) > 1 and rank[ranked[1]] == rank[ranked[0]]:
            return None
        key = ranked[0]
        if len(taken[key]) == 1 and sum(1 for k in self.parts if taken[key] & self.parts[k]) > 1:
            return None  # ("connect" of "max_connections" beside "superuser_reserved_connections")
        for t in toks:
            word = question[t.start():t.end()]
            if t.start() and word[:1].isupper() and t.group() not in self.stopwords and word != "I" and not (
                    word.isupper() and t.group() in self.written) or (
                    "_" in word or any(c.isdigit() for c in word) and any(c.isalpha() for c in word)
                    or _CAMEL.search(word)):  # (an identifier written out: "RemainAfterElapse" is a name of its own)
                return None
        words = [t.group() for t in toks]
        ordered = _parts(key, self.display.get(key, key))  # ("the fd store" of FileDescriptorStoreMax=: its initials)
        initials = {"".join(p[0] for p in ordered[a:b]) for a in range(len(ordered)) for b in range(a + 2, len(ordered) + 1)}
        if any(i >= 2 and words[i - 2] in DEFINITE | GENERIC and (w := words[i - 1]).isalpha()
               and w not in self.english | self.stopwords | self.labels | self.all_words | initials
               and not any(w.startswith(p[:PART_LETTERS]) for p in self.parts[key]) and w not in self.words_of(key)
               and w not in self.described.get(key, ()) for i in places[key]):  # (its own value's: "the secureon
            return None  # pasword"; "the gzip manual": another's, named by a word the KB lacks; not "will gcc unroll")
        spots = places[key] + [i for i, t in enumerate(toks) if t.group() in short[key]
                               or extremes({t.group()}) & short[key]]
        first, last = min(spots), max(spots)
        said = question[toks[first].start():toks[last].end()]
        if _ASKED_INSIDE.search(said):  # "which pre-timeout governors can i pick for the watchdog?": the words between
            end = len(question.rstrip())  # ask what is wanted; the whole question describes it (no width, as meant)
            return Mention(key, end, end, said, False)
        return Mention(key, toks[first].start(), toks[last].end(), said, False)

    def longer_by_parts(self, question: str, mention: Mention) -> Mention | None:
        """The identifier the question describes by its parts (:meth:`by_parts`) where the one name it writes in
        another form (not exactly) holds only some of them ("the default period used for measuring the cpu quota":
        CPUQuotaPeriodSec=, whose parts are CPUQuota='s and "period"); else None."""
        if mention.exact:  # ... or where the one name written says where the one described lives ("which option
            # sets an idle timeout for an automount unit?": TimeoutIdleSec=, described by two of its parts)
            longer = self.by_parts(question) if _CONTEXT_BEFORE.search(question[:mention.start]) else None
            return longer if longer and longer.name != mention.name and len(tokens(longer.said)) >= 2 and (
                longer.end <= mention.start or longer.start >= mention.end) else None  # (its parts written apart)
        own = self.parts.get(mention.name) or {mention.name}  # (a name of one part: itself)
        longer = self.by_parts(question)
        return longer if longer and longer.name != mention.name and own < self.parts.get(longer.name, set()) else None

    def by_words(self, question: str) -> Mention | None:
        """The one name the question points at by a word only it holds (:meth:`pointed`), else the one identifier it
        describes by the words of its parts (:meth:`by_parts`): where it writes no form of a KB name."""
        found = self.pointed(question) or self.by_parts(question) or self.run_together(question)
        return None if found and _complement_only(found.name, set(found.said.casefold().split())) else found

    def run_together(self, question: str) -> Mention | None:
        """The one name of one word (no English word, five letters or more) that runs together the beginnings of two
        or three words the question writes in a row, three letters or more of each but the first, of which its initial
        may do ("tty permisions" of TTYPERM, "kill char" of KILLCHAR, "default shell" of DSHELL); else, the one such
        name of four letters or more that an English word written whole starts with ("skeleton" of SKEL); else None."""
        toks = tokens(question)
        found = {}
        for n in (2, 3):
            for i in range(len(toks) - n + 1):
                words = [t.group() for t in toks[i:i + n]]
                if any(w in self.stopwords or not w.isalpha() for w in words):
                    continue
                for key in self.single_words:
                    if _runs(key, words, 1):
                        found.setdefault(key, (toks[i].start(), toks[i + n - 1].end()))
        for t in toks if not found else ():  # a name that clips a word written whole ("skeleton files" of SKEL)
            for key in self.clipped_words:
                if len(t.group()) >= len(key) + 3 and t.group().startswith(key) and t.group() in self.english:
                    found.setdefault(key, t.span())
        if len(found) != 1:
            return None
        key, (start, end) = found.popitem()
        return Mention(key, start, end, question[start:end], False)

    def explains_miss(self, described: Mention, miss: NearMiss) -> bool:
        """Whether a near miss is a word by which the question points at or describes a name (``described``, of
        :meth:`by_words`): "the diner" of "Lane Diner", "sessions" of "SessionsMax" ("max number of concurrent
        sessions"), "reserved" of "ReserveVT"; or a word inside a longer description of another ("ignore inhibitor locks
        for the lid switch" of "LidSwitchIgnoreInhibited", not "InhibitorsMax")."""
        if _CODE_SHAPED.search(miss.said):  # (an identifier written as one, "VARIANT_ID", names a thing of its own,
            return False  # though a value writes it: "VARIANT_ID should be used …" of VARIANT=)
        said, span = {m.group() for m in tokens(miss.said)}, {m.group() for m in tokens(described.said)}
        if described.start == described.end and miss.closest == (self.display.get(described.name),):
            return True  # (described by its meaning, the miss's only closest name: "… via madvise?" of "advise")
        if described.name not in self.parts:  # (a name of words: each word the miss writes is one of them)
            return said <= set(described.name.split()) | DEFINITE and self.display.get(described.name) in miss.closest
        return said <= self.words_of(described.name) | span | DEFINITE and (  # (an identifier, by words of its parts)
            self.display.get(described.name) in miss.closest or len(span - DEFINITE) > len(said - DEFINITE))

    def words_of(self, key: str) -> set[str]:
        """The words of a name: of an identifier, its parts ("handle", "power", "key" of "HandlePowerKey")."""
        return set(key.split()) if " " in key else set(_parts(key, self.display.get(key, key)))

    def _headed(self, word: str, keys: list[str]) -> list[str]:
        """Of several names holding ``word`` (written with a capital), the one it starts when the others hold it only in
        a bracketed or comma-set qualifier ("Kingsmead" of "Kingsmead Health Centre Branch" beside "Fridge F3
        (Kingsmead, vaccines)"); else ``keys``."""
        heads = [k for k in keys if k.split()[0] == word]
        rest = [k for k in keys if k not in heads]
        if len(heads) == 1 and rest and all(
                word in {t.group() for t in tokens(" ".join(_ROLE.findall(self.display.get(k, ""))))} for k in rest):
            return heads
        return keys

    def _jointly(self, question: str, toks: list[re.Match], written: list[str]) -> dict[str, list[int]]:
        """The one name that holds more of the question's name words than any other, two at least, among them one
        that several names hold ("the vaccine fridge at Kingsmead" of "Fridge F3 (Kingsmead, vaccines)" beside two
        other fridges and two other Kingsmead names), as {its key: their places}; else {}."""
        places: dict[str, list[int]] = {}
        for i, w in enumerate(written):
            if len(w) < CLIPPED or not w.isalpha() or w in self.stopwords or w in TITLES or w in self.labels or any(
                    self._joined(question, toks, k) for k in (i - 1, i) if 0 <= k < len(toks) - 1):
                continue
            for k in {k for v in (w, f"{w}s", w[:-1] if w.endswith("s") else w) for k in self.holders.get(v, ())
                      if k in self.spaced}:
                places.setdefault(k, []).append(i)
        ranked = sorted(places.items(), key=lambda kv: -len(set(kv[1])))
        if (not ranked or len(set(ranked[0][1])) < 2 or len(ranked) > 1 and len(set(ranked[1][1])) == len(set(ranked[0][1]))
                or all(len(self.holders.get(written[p], ())) <= 1 for p in ranked[0][1])):
            return {}
        return {ranked[0][0]: sorted(set(ranked[0][1]))}

    def _kind_by_value(self, question: str, toks: list[re.Match], written: list[str]) -> dict[str, list[int]]:
        """The one name among several holding a written word ("bench") whose own values write another word of the
        question that none of the others' do ("pond"), as {its key: [the places of both words]}; else {}."""
        found: dict[str, list[int]] = {}
        for i, w in enumerate(written):
            keys = [k for k in self.holders.get(w, ()) if k in self.spaced]
            if len(w) < CLIPPED or not w.isalpha() or w in self.stopwords or len(keys) < 2 or any(
                    self._joined(question, toks, k) for k in (i - 1, i) if 0 <= k < len(toks) - 1):
                continue
            said = {v for v in written if len(v) >= 4 and v.isalpha() and v not in self.stopwords and v != w
                    and v not in self.labels}
            told = [k for k in keys if said & self.described.get(k, frozenset())]
            if len(told) == 1:  # (the value's words are part of the name as written: nothing asked)
                found.setdefault(told[0], []).extend([i] + [j for j, v in enumerate(written)
                                                            if v in said & self.described[told[0]]])
        return found

    def _holding(self, word: str) -> list[str]:
        """The names that hold ``word`` as a word of their own no other name holds: the word itself, its singular, or
        a word it begins that is no English word (from :data:`CLIPPED` letters: "defib", "Mak"), a month written out
        for its short form ("February" of "Feb")."""
        found = [k for k in (self.only.get(word), self.only.get(word[:-1]) if word.endswith("s") else None) if k]
        if found:
            return found[:1]
        if word in _MONTHS and _MONTHS[word] in self.only:
            return [self.only[_MONTHS[word]]]
        if word in self.english:  # ("car" is no "caravan")
            return []
        held = {k for w, k in self.only.items() if w.startswith(word)}
        return sorted(held) if not any(w.startswith(word) and w not in self.only for w in self.all_words) else []

    def _spelt(self, word: str) -> str:
        """The distinctive word of a name that ``word`` misspells ("kettlebrough" of "kettleborough"), else ``word``."""
        if len(word) < LONE_WORD or not word.isalpha() or word in self.english or word in self.lone:
            return word
        near = process.extractOne(word, self.lone, scorer=fuzz.ratio, score_cutoff=80)
        return near[0] if near and _typo(word, near[0]) else word

    def explains(self, guessed: Mention, said: str) -> bool:
        """Whether a near miss's words are the guessed name's own but for lower-case English words ("1st Wrexley (St
        Aidan's)" of "… Scout Group"; "Kettleford High Street sell" of "Kettleford High Street Furniture & …")."""
        own = set(guessed.name.split())
        return all(fold(w) in own or w.islower() and fold(w) in self.english for w in re.findall(r"[^\W_]+", said))

    @staticmethod
    def wider(guessed: Mention, found: Mention, written: list[str]) -> bool:
        """Whether a guessed name holds every word of a name found in part and more of the question's words than it
        ("the furniture & electrical shop on Kettleford High Street" of the KB's "Kettleford High Street Furniture &
        Electrical", where "Kettleford High Street" alone found its "Kettleford High Street Shop")."""
        said, own, other = set(written), set(guessed.name.split()), set(found.name.split())
        return (guessed.name != found.name and {t.group() for t in tokens(found.said)} <= own
                and len(own & said) > len(other & said))

    @staticmethod
    def _plain(pair: str) -> bool:
        """Whether two written words are both words of letters (three or more), no function word; or such a word and
        a letter after it ("Pontoon B" of "Launch Pontoon B (Downstream)")."""
        first, second = pair.split()
        return (first.isalpha() and len(first) >= 3 and first not in FUNCTION
                and (second.isalpha() and len(second) >= 3 and second not in FUNCTION or len(second) == 1))

    def _told(self, key: str, word: str) -> bool:
        """Whether ``word`` is a word of letters that the thing's own values write (what it is: "the spindle whorl
        2018.41/0421"), or a day the name writes short ("Saturday" of "(Sat 09:30)"); a number or a code never is ("Mix
        Suite 4" is no Mix Suite 3 that holds "4 hours")."""
        return word.isalpha() and len(word) >= 3 and (word in self.described.get(key, ()) or word in self.labels
                                                      or _DAYS.get(word.removesuffix("s")) in key.split())  # "Saturday"

    @staticmethod
    def _joined(question: str, toks: list[re.Match], k: int) -> str | None:
        """What joins tokens ``k`` and ``k + 1``: "" for spaces alone, the glue of a compound ("-", "/", "."), or None
        for anything else (a comma, a spaced dash: the name ends there)."""
        between = question[toks[k].end():toks[k + 1].start()]
        if between.isspace() or between in (". ", "'", "\u2019"):  # ("Vol. 3", "Halvard's")
            return ""
        return between if between in ("-", "/", ".", "\u2013") else None  # (an unspaced en dash: "Tutte–Coxeter")

    def _apart(self, question: str, toks: list[re.Match], first: int, last: int, j: int, lone: bool = False) -> bool:
        """Whether token ``j``, beside or inside the name's words (tokens ``first`` to ``last``), makes the name
        another thing's: joined to it as one compound ("X9-glx"), or written beside it with spaces alone and a
        number, a code, a letter ("Booth A"), a capitalised word (not the question's first) or no English word
        ("the harbourside children's annex"); before one word alone, any word but a function word or a title ("what
        nationality is ingrid brekke" of the KB's Sunniva Brekke)."""
        joined = self._joined(question, toks, min(j, first if j < first else last))
        if j < first or j > last:
            if joined is None:
                return False
            if joined:
                return True
        word = question[toks[j].start():toks[j].end()]  # (folding keeps places for these questions)
        folded = fold(word)
        if folded in TITLES or folded == "s" or folded in self.stopwords and not (
                len(word) == 1 and word.isupper() and word != "I"):  # ("Hollis's"; but "Booth A" is another booth)
            return False
        return (lone or any(c.isdigit() for c in word) or len(word) == 1 or word[:1].isupper() and j > 0
                or any(c.isupper() for c in word[1:])  # ("in eV/K" of "… in Hz/K"); a word the vocabulary lacks,
                or folded not in self.english and not (j > last and word.islower()))  # but a noun after ("substation")


_CAMEL = re.compile(r"[a-z][A-Z]")
_ORDINALS = {"lowest": ("first",), "smallest": ("first",), "highest": ("last",), "largest": ("last",)}


def _runs(key: str, words: list[str], least: int = 3) -> bool:
    """Whether ``key`` is the beginnings of ``words`` run together, ``least`` letters or more of the first (its initial:
    "default shell" of DSHELL), three or more of each other (all of a shorter word)."""
    if not words:
        return not key
    first = words[0]
    return any(key[:k] == first[:k] and _runs(key[k:], words[1:])
               for k in range(min(least, len(first)), len(first) + 1) if k <= len(key))


def _parts(key: str, written: str) -> list[str]:
    """The words of an identifier (folded): joined by underscores ("deadlock_timeout") or run together in camel case
    as the KB writes it ("SyncIntervalSec": sync, interval, sec; "DirectoryMode=" too)."""
    written = written.strip("=:")  # ("DirectoryMode=": directory, mode)
    camel = re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z]{2})(?=[A-Z][a-z])", "_", written) if written.casefold() == key else key
    return [p.casefold() for p in re.split(r"[_ ]+", camel) if p]


def _complement_only(key: str, words: set[str]) -> bool:
    """Whether ``words`` are all written after a preposition of the name ``key``: "base object" of "Instruction to copy
    from base object" is what it copies from, no word of what it is."""
    after = next((key.split()[n + 1:] for n, w in enumerate(key.split()[1:], 1) if w in AFTER_HEAD), [])
    return bool(after) and words <= set(after)
