"""Which KB entities a question names: exactly (any case, possessive), with a small typo, or not at all but
close to one (a near miss, to be refused with the closest names rather than answered with a neighbour's value).

Names and questions are compared as sequences of word tokens (``\\w+``, case-folded, accents dropped), so "Mara's
e-mail" finds "Mara", "model x9-dri" finds "Model X9-dri" and "Sao Paulo" finds "São Paulo". A name does not match
the start of a longer compound ("Model X9" is not found in "Model X9-glx"). A name with a qualifier is also found by
its shorter forms when no other KB name has them: "Swahili (macrolanguage)" by "Swahili", "Edinburgh, City of" by
"Edinburgh" or "City of Edinburgh", "Catalunya [Cataluña]" by either form, with small typos too ("devanagri"); the
bare name followed by another qualifier is a near miss.

Typos are judged per token with a maintained fuzzy-matching library (rapidfuzz): short words must match exactly; an
alphabetic token of 5 or more letters may differ by one edit (two from 10 letters), but under 6 letters a letter
more or less makes another name ("igrp" is not "eigrp") unless it is a doubled letter ("htpx" for "httpx"); one of
4 letters may have two neighbouring letters swapped ("ldpa" for "ldap"; "smtps" is not "smtp"); a token holding a
number keeps the number and may have a typo in a long enough word ("iprute2"); at least one token of a multi-word
name must be exact. No typo is looked for inside a web or e-mail address, and a whole English word is no typo
("dark photon mass" does not ask about "proton mass"; the word list is the default encoder's vocabulary). A span
that is not a name nor a typo of one, but has the same number of tokens as a name and shares at least half of them
(or is one long token close to a one-token name), is a near miss.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from . import aliases as aliases_
from . import name_forms, name_spans, name_variants, not_names, shortened_names, written_names
from .folding import fold, tokens  # noqa: F401 - the name API: other modules read them from here
from .labels import page_of
from .mentions import Mention, NearMiss
from .name_forms import bare_forms, prefix_forms, spoken_forms, symbolic
from .name_lookup import (  # noqa: F401 - STOPWORDS, MAX_NAME_TOKENS: other modules read them from here
    _ADDRESS,
    _CAPITALS,
    _SYMBOL_KEY,
    HYPHENED,
    MAX_LONG_NAME,
    MAX_NAME_TOKENS,
    MAX_TAIL_TOKENS,
    STOPWORDS,
    NameLookup,
    _compact,
)
from .name_spans import clitic, inside_longer_name
from .name_words import NameWords
from .typos import _typo, english_words

_DASH_BEFORE = re.compile(r"(?:\b[A-Z]\w*|\w*\d\w*)\s[-\u2013\u2014]\s$")  # a part the KB's name lacks, before or after
_DASH_AFTER = re.compile(r"\s[-\u2013\u2014]\s[A-Z]")
KIND_NOUN_NAMES, KIND_NOUN_SHARE = 3, 0.5  # a kind noun ends at least this many and this share of the names
_LONG_OPTION = re.compile(r"(?<![\w-])--[A-Za-z][\w-]*[A-Za-z0-9]")  # a program's long option ("--list-diagnostics")
CODED_NAMES = 5  # a KB with this many such names is one of codes: another code written is a name it may lack


_BUS_KINDS = frozenset({"interface", "object", "class", "module", "service", "manager"})


class NameIndex(NameLookup):
    """The entity names of one KB, searchable in questions."""

    def __init__(self, names: Iterable[str], vocabulary: Iterable[str] = (), values: Iterable[str] = (),
                 kinds: Iterable[str] = (), described: dict[str, set[str]] | None = None,
                 aliases: dict[str, set[str]] | None = None, labels: Iterable[tuple[str, str]] = ()) -> None:
        # the KB's property words, folded: no near miss of an entity ("And its base class?" is no misspelt "ClassDef")
        self.vocabulary = frozenset(vocabulary)
        self.values = frozenset(values)  # the KB's values, folded: an identifier among them is no unknown name
        self.prose = f" {' | '.join(' '.join(m.group() for m in tokens(v)) for v in self.values)} "  # (their words)
        # values several entities hold ("filter" of Jinja's filters), folded: see :func:`not_names.values_not_names`
        self.kinds = frozenset(kinds)
        # per name, the folded words of its values: "the Firefly G-SLNG" of a "… T67M Firefly" is no longer name
        self.described = {" ".join(m.group() for m in tokens(n)): frozenset(w) for n, w in (described or {}).items()}
        self.cited: dict[str, frozenset[str]] = {}  # a key -> the KB names citing it (:meth:`_citing`, filled as asked)
        self.display: dict[str, str] = {}
        forms: dict[str, list[str]] = {}
        names = list(names)
        for name in names:
            key = " ".join(m.group() for m in tokens(name))
            if key:
                self.display.setdefault(key, name.strip())
                if name.strip() not in forms.setdefault(key, []):
                    forms[key].append(name.strip())
        # names told apart by case alone ("LA" and "La" of Pillow's image modes) are separate entities: found under the
        # shared folded key, then told apart by how the question writes them (see :meth:`key_of`)
        self.cased = {key: names for key, names in forms.items() if len(names) > 1}
        for names_ in self.cased.values():
            for name in names_:
                self.display[self.key_of(name)] = name
        # one-character names ("t", "f" of scipy.stats) are found only as written, where a name must stand
        self.single = {name: key for key, names in forms.items() if len(key) == 1 for name in names if name.isalnum()}
        self.display = {k: v for k, v in self.display.items() if len(k) >= 2 or k in self.single.values()}
        # names without a letter or digit ("^", "|"), or with one beside symbols ("%a"): found only as written (standing
        self.symbols = {name.strip(): _SYMBOL_KEY + name.strip() for name in names if symbolic(name)}  # apart or quoted)
        for name, key in self.symbols.items():
            self.display[key] = name
        self.keys = sorted((k for k in self.display if len(k) >= 2 and "\x00" not in k and _SYMBOL_KEY not in k),
                           key=lambda k: (-len(k.split()), -len(k)))
        self.exact, self.longest = set(self.keys), min(MAX_LONG_NAME, max((len(k.split()) for k in self.keys), default=1))
        # a name with a qualifier ("Swahili (macrolanguage)") is also found without it, if that names one entity
        bases, taken = {}, self.exact | {"." + k for k, v in self.display.items() if v.strip().startswith(".")}  # (".slice")
        english = frozenset(english_words() or ()) | STOPWORDS
        for name in self.display.values():
            for base in bare_forms(name, english, self.prose, taken):
                bases.setdefault(" ".join(m.group() for m in tokens(base)), set()).add(name)
        for key, name in self.display.items():  # a dotted name by its English last part and the kind its values say
            if (dotted := name_forms.DOTTED.fullmatch(name.strip())) and name.count(".") >= 3 and "<" not in name and (
                    last := dotted.group(1).casefold()) in english:  # (four parts or more: "org.example.bus1.Image")
                for noun in _BUS_KINDS & self.described.get(key, frozenset()):  # ("the Image interface" of
                    bases.setdefault(f"{last} {noun}", set()).add(name)  # org.freedesktop.portable1.Image)
        # a word or a phrase that ends many of the KB's names says what kind of thing they are ("graph" of "Petersen
        # graph", "fire station" of "Ashcombe Fire Station"): each is found without it too (:func:`name_forms.kind_forms`)
        self.kind_nouns = {}  # the name without its kind noun -> that noun; kind_tails: the names' last 2-3 words, counted
        self.kind_tails = Counter(" ".join(k.split()[-n:]) for k in self.display for n in (2, 3) if len(k.split()) > n)
        for base, name, noun in name_forms.kind_forms(self.display, self.kind_tails, english, english_words(),
                                                      KIND_NOUN_NAMES, KIND_NOUN_SHARE, STOPWORDS):
            bases.setdefault(base, set()).add(name)
            self.kind_nouns.setdefault(base, noun)
        # a word that starts most of the KB's names, on the same terms, is a namespace ("c" of rustc's "-C opt-level"): each is
        # found without it too ("opt-level"); one word left alone, no English one, only where the question names nothing else
        first = Counter(k.split(" ", 1)[0] for k in self.display if " " in k)
        self.spaces = {w for w, n in first.items() if n >= KIND_NOUN_NAMES and n >= KIND_NOUN_SHARE * len(self.display)}
        leads = Counter(n.strip().split("_", 1)[0].casefold() for n in self.display.values() if "_" in n.strip()[1:])
        self.prefixes = {w for w, n in leads.items() if n >= KIND_NOUN_NAMES and w.isalpha()}  # ("netlink" of NETLINK_*)
        self.lone, self.key_words = set(), {w for k in self.keys for w in k.split()}  # (the names' words)
        lasts = Counter(k.rsplit(" ", 1)[-1] for k in self.display if " " in k)
        for key, name in self.display.items():
            head, _, rest = key.partition(" ")
            if head in self.spaces and any(c.isalpha() for c in rest) and (" " in rest or rest not in english):
                bases.setdefault(rest, set()).add(name)
                if " " not in rest:
                    self.lone.add(rest)
            if head in self.spaces and (version := name_variants.version_rest(name, rest, lasts)):
                bases.setdefault(version, set()).add(name)  # "18.04" of "Ubuntu 18.04 LTS", "24.10" of "Ubuntu 24.10"
        for rest, name in (prefix_forms(list(self.display.values()), english, KIND_NOUN_NAMES)  # "INET6" of "AF_INET6"
                           + name_variants.keyed_forms(list(self.display.values()))):  # "size" of "size=bytes"
            bases.setdefault(" ".join(m.group() for m in tokens(rest)), set()).add(name)
        self.stems = set()
        for stem, name in name_forms.suffix_forms(list(self.display.values()), english, KIND_NOUN_NAMES):
            bases.setdefault(stem, set()).add(name)  # "sha512" of "sha512crypt" beside "md5crypt", "bcrypt"
            self.stems.add(stem)
        # how people write a name of several words ("mass of a proton") or a part of it ("Klitzing constant"); as written
        spoken, self.partial, clipped, codes = set(), set(), {}, set()
        self.variants: set[str] = set()  # the forms of :func:`name_variants.variant_forms`: whole names, not parts
        self.uncoded: set[str] = set()  # names without the code that files them ("Pier Head Mast" of "Tx HS-02 …")
        self.initialled: set[str] = set()  # forms by initials ("wrangle fen ps"): found only written in capitals
        for key, name in self.display.items():
            head = name_forms.joined_head(name)  # "Harrowmere Half Marathon" of "… & Fun Run"
            variants = name_variants.variant_forms(name)  # "Zoe Fairbrother", "the Upper Tier at Carreg Ddu"
            self.variants |= {" ".join(m.group() for m in tokens(v)) for v in variants}
            self.uncoded |= {" ".join(m.group() for m in tokens(v)) for v in name_variants.loose_forms(name)}
            initials = shortened_names.initialled_forms(key) + shortened_names.camel_initials(name)  # ("SAN" of subjectAltName)
            self.initialled.update(f for f in initials if f not in self.exact)
            for coded in (name_forms.coded_forms(name) + ([head] if head else []) + shortened_names.abbreviated_forms(key)
                          + initials  # "Wrangle Fen PS" of "… Pumping Station"
                          + name_forms.placed_forms(name) + variants  # "the chancel organ at Christ Church Saltcote"
                          + name_variants.versioned_forms(name) + name_variants.everyday_forms(name) + shortened_names.camel_abbreviated(name)  # "GPLv3",
                          + name_variants.program_forms(name)):  # "txqueuelen"; "pg_dump's --format" of "pg_dump --format"
                form = " ".join(m.group() for m in tokens(coded))  # "QR-7" of "… Recorder QR-7", "Ashcombe Rd …"
                if any(c.isdigit() for c in form):
                    codes.add(form)
                if form not in bases:
                    spoken.add(form)
                bases.setdefault(form, set()).add(name)
            for form in name_forms.clipped_name_forms(name, STOPWORDS):
                clipped.setdefault(form, set()).add(name)
            if not all(re.fullmatch(r"[^\W_]+(?:['\u2019]s)?\.?", part) for part in name.split()) and not re.fullmatch(
                    r"[A-Z][A-Z\d]*(?:_[A-Z][A-Z\d]*){3,}", name):  # words joined by symbols ("large-function-growth",
                continue  # "Ts'o") are one identifier; a constant of four words or more is also words ("SVr4 magic number")
            whole, partial = spoken_forms(re.split(r"[_\s]+", key), STOPWORDS)
            for form in whole + partial:
                if form not in bases:
                    spoken.add(form)
                bases.setdefault(form, set()).add(name)
            self.partial.update(partial)
        # a codename, a short name ("jammy" of "Ubuntu 22.04 LTS"): the forms found only as written, with how
        self.aliased, self.alias_forms = aliases_.add_forms(aliases or {}, self.display, self.exact, bases, spoken)
        name_variants.qualified_elsewhere(bases, self.display)  # "(St Brannock's)" names St Brannock's Church Hall
        for b, full in bases.items():  # a D-Bus object path beside the interface it spells with slashes: the short
            dotted = {n.strip().strip("/").replace("/", ".") for n in full if n.strip().startswith("/")}  # form
            if len(full) == 2 and len(dotted) == 1 and dotted <= full:  # names the interface ("LogControl1" of
                bases[b] = dotted  # org.freedesktop.LogControl1, not /org/freedesktop/LogControl1)
        self.bare = {b: " ".join(m.group() for m in tokens(next(iter(full)))) for b, full in bases.items()
                     if b and len(full) == 1 and b not in self.exact and tokens(next(iter(full)))}  # (not "and" of "&")
        # the name by its first words, its last left out: only a form no other form takes and whose words no other
        # name holds all ("latin small letter" is no form of "… eth" beside "latin small letter e with diaeresis")
        holding: dict[str, set[str]] = {}
        for key in self.display:
            for word in key.split():
                holding.setdefault(word, set()).add(key)
        self.clipped = {b for b, full in clipped.items() if len(full) == 1 and b not in bases and b not in self.exact
                        and len(set.intersection(*(holding.get(w, set()) for w in b.split()))) == 1}
        self.bare.update((b, " ".join(m.group() for m in tokens(next(iter(clipped[b]))))) for b in self.clipped)
        spoken |= self.clipped
        self.partial = (self.partial & self.bare.keys()) | self.clipped  # those that name one entity
        self.partial -= self.variants  # ("reach Zoe Fairbrother" names Ms Zoë Fairbrother, not another Fairbrother)
        self.bare_by_len = name_forms.by_length(self.bare.keys() - spoken | self.bare.keys() & {  # (typos looked for)
            c for c in self.clipped | self.variants if len(c.split()) >= 2 + (c in self.clipped)})
        self.compact = {_compact(k): k for k in self.keys}
        for b, full in self.bare.items():  # "leaky relu" for the "leaky_relu" of "torch.nn.functional.leaky_relu"
            if b not in spoken or b in codes:  # a code run together too ("Ainsworth FL300" of "Flute Ainsworth FL-300")
                self.compact.setdefault(_compact(b), full)
        # English words that begin KB names of several words ("dark" of "dark slate gray"): before another KB name, a
        self.heads = {k.split()[0] for k in self.keys if len(k.split()) > 1} - STOPWORDS - self.exact  # longer name
        self.heads &= english_words() or self.heads
        # the words of the man page's own name (:func:`labels.page_of`; not the pages it cites): the place its names
        labels = list(labels)  # live, no other name ("the index header" of gitformat-index's "header"; "the index
        page = page_of(labels)  # little endian", no "index entry")
        self.subject = frozenset(w for w in re.split(r"[\W_]+", fold(page)) if w) if page is not None else frozenset()
        self.heads -= self.subject
        self.words = NameWords(self.keys, STOPWORDS, english, self.display, self.described, self.vocabulary)
        # an identifier's words run together by underscores, written apart ("exlusion violation" of "exclusion_violation"):
        self.parted = {" ".join(parts): k for k in self.keys if " " not in k and len(parts := k.split("_")) >= 2
                       and all(p.isalpha() for p in parts)}
        self.by_len = name_forms.by_length(self.keys)
        self.coded = sum(bool(_CAPITALS.fullmatch(n)) for n in self.display.values()) >= CODED_NAMES
        self.hyphened = sum(bool(HYPHENED.fullmatch(n.strip())) for n in self.display.values()) >= CODED_NAMES
        self.hyphened_said = {m.group() for v in self.values for m in HYPHENED.finditer(v)}  # (those values write)
        self.optioned = sum(bool(_LONG_OPTION.fullmatch(n.strip())) for n in self.display.values()) >= CODED_NAMES
        self.parted_by_len = name_forms.by_length(self.parted.keys() - self.exact)
        # qualifiers that tell KB entities apart: the words (up to MAX_TAIL_TOKENS) by which one KB name extends another
        self.tails: dict[tuple[str, ...], list[str]] = {}
        self.extended: dict[str, list[str]] = {}  # a KB name -> the KB names that extend it by such a qualifier
        for k in self.keys:
            parts = k.split()
            for cut in range(max(1, len(parts) - MAX_TAIL_TOKENS), len(parts)):
                if " ".join(parts[:cut]) in self.exact:
                    self.tails.setdefault(tuple(parts[cut:]), []).append(k)
                    self.extended.setdefault(" ".join(parts[:cut]), []).extend(  # (not by a KB name: "/home/lennart"
                        [] if " ".join(parts[cut:]) in self.display else [k])  # of "the automount point /home/lennart")
        # the KB's property labels as word tuples, and each entity's own (folded, by its key), from ``labels``' (name,
        # property) pairs; without them each property word is a label of its own
        said = [(n, tuple(fold(m.group()) for m in tokens(p))) for n, p in labels]
        self.labels = frozenset(ws for _, ws in said) or frozenset((w,) for w in self.vocabulary)
        self.own_labels: dict[str, set[str]] = {}
        for name, ws in said:
            self.own_labels.setdefault(self.key_of(name), set()).add(" ".join(ws))

    # ---- finding names --------------------------------------------------------------------------------------

    def find(self, question: str) -> tuple[list[Mention], list[NearMiss]]:
        """Names the question mentions (text order, non-overlapping) and near misses among the rest."""
        folded = fold(question)
        toks = tokens(question)
        words = [m.group() for m in toks]
        # the tokens as written (their case tells the words of "UnicodeEncodeError" apart), when folding kept places
        written = [question[m.start():m.end()] for m in toks] if len(folded) == len(question) else None
        taken = [False] * len(toks)
        links = [m.span() for m in _ADDRESS.finditer(folded)]
        mentions: list[Mention] = []
        unknown: list[NearMiss] = []
        partly: list[NearMiss] = []
        seen = False
        for n in range(min(max(MAX_NAME_TOKENS, self.longest), len(toks)), 0, -1):  # longest spans first
            for i in range(len(toks) - n + 1):
                if any(taken[i:i + n]) or not (name_spans.whole_span(folded, toks, i, n) or self._numbered(folded, toks, i, n)):
                    continue
                hit = self._lookup(words[i:i + n], written[i:i + n] if written else None, before=words[i - 1] if i else None)
                if hit is None or hit[0] not in self.display or not hit[1] and any(a <= toks[i].start() < b for a, b in links) or (
                        n > 1 and clitic(folded, toks[i + n - 1]) and " ".join(words[i:i + n - 1]) in self.exact):
                    continue  # no typo inside an address ("https" of a URL is not "httpx"); "repertoiremap's" is no "…maps"
                if not hit[1] and "." in self.display[hit[0]] and name_spans.other_qualifier(folded, toks[i].start(), hit[0]):
                    continue  # a dotted name's part after another's word of four letters or more ("cfg" of "dselect.cfg"
                    # is no dpkg.cfg; "F.conv1d", "np.flaot16" are the KB's)
                if n > 1 and hit[1] and not_names.dotted_apart(question, toks, i, n, self.display[hit[0]], words[i] in self.exact):
                    taken[i:i + n] = [True] * n  # ".mailmap file": the file .mailmap, not the option mailmap.file
                    mentions.append(Mention(words[i], toks[i].start(), toks[i].end(), question[toks[i].start():toks[i].end()], True))
                    continue
                seen = True  # (a form of a name, whatever the rules below make of it)
                taken[i:i + n] = [True] * n
                if (not hit[1] and " ".join(words[i:i + n]) in self.clipped and i + n < len(toks)  # "castlemere north
                        and (words[i + n] not in STOPWORDS or len(words[i + n]) == 1)  # annex", "… figure i": names
                        and words[i + n] not in name_spans.PLACEHOLDERS  # ("the sunday papers thing" is the name)
                        and not question[toks[i + n - 1].end():toks[i + n].start()].strip(" ")  # the KB lacks; not
                        and words[i + n][:5] not in {w[:5] for w in hit[0].split()}  # "… photographs" of "… Photographic"
                        and not (written and written[i][:1].isupper() and written[i + n][:1].islower()  # (unless a kind
                                 and not set(words[i + n:i + n + 2]) & self.words.kinds)):  # follows: "… bring bank")
                    taken[i:i + n] = [False] * n
                    continue
                if (not hit[1] and " ".join(words[i:i + n]) in self.partial and i > 0 and not taken[i - 1]
                        and words[i - 1] not in STOPWORDS and not clitic(folded, toks[i - 1])  # (a path by its file
                        and not ("/" in self.display[hit[0]] and words[i - 1] in english_words())  # "sample locale.conf")
                        and not name_spans.verb_before(words, i - 1)):  # (not a verb: "I missed folk roots")
                    # "coptic small letter alpha" is no "greek …": a part of a name after another word (shorter spans may be)
                    taken[i:i + n] = [False] * n
                    partly.append(NearMiss(question[toks[i - 1].start():toks[i + n - 1].end()], (self.display[hit[0]],)))
                    continue
                if (not hit[1] and i > 0 and words[i - 1] in ("a", "an") and " ".join(words[i:i + n]) in self.partial
                        and not any(c.isdigit() for c in words[i + n - 1])):  # "how a cable-stayed bridge differs
                    taken[i:i + n] = [False] * n  # from a suspension bridge": any such bridge, not the KB's one
                    continue
                longer = inside_longer_name(question, toks, i, n, STOPWORDS)
                if longer is not None and hit[0] in STOPWORDS:  # "Which Node versions …?" of a KB with npm's "which"
                    taken[i:i + n] = [False] * n
                    continue
                if longer is not None and not all(any(_typo(w, o) for o in hit[0].split()) for w in (
                        {m.group() for m in tokens(longer)} - set(words[i:i + n]) - self.values
                        - self.described.get(hit[0], frozenset())
                        - {w for w in self.vocabulary if w.isdigit()})):  # the name's own words, typos too
                    # "Payment Accepted Later" is not the KB's "Accepted"; "Debian Buzz" is "Buzz" of Debian
                    unknown.append(NearMiss(longer, (self.display[hit[0]],)))
                    continue
                start = None if hit[1] or not hit[0].endswith(" " + " ".join(words[i:i + n])) else (  # a name's
                    name_spans.named_before(question, toks, i, hit[0].split(), STOPWORDS))  # last words
                if start is not None:
                    unknown.append(NearMiss(question[toks[start].start():toks[i + n - 1].end()], (self.display[hit[0]],)))
                    continue
                before = _DASH_BEFORE.search(question[:toks[i].start()])  # "Line F2 Harbourgate – Skelholm":
                if not hit[1] and name_forms.SPACED_DASH.search(self.display[hit[0]]) and (  # another line
                        before or _DASH_AFTER.match(question[toks[i + n - 1].end():])):
                    s0 = toks[max(0, i - 2)].start() if before else toks[i].start()
                    e0 = toks[i + n - 1].end() if before else toks[min(len(toks), i + n + 2) - 1].end()
                    unknown.append(NearMiss(question[s0:e0], (self.display[hit[0]],)))
                    continue
                if words[i:i + n] != hit[0].split() and " ".join(words[i:i + n]) in self.bare and re.match(
                        r"\s*[(\[]", question[toks[i + n - 1].end():]):  # the bare name with another qualifier
                    close = max(question.find(")", toks[i + n - 1].end()), question.find("]", toks[i + n - 1].end()))
                    said = question[toks[i].start():close + 1 if close >= 0 else len(question)]
                    if f" {hit[0]} " in f" {' '.join(m.group() for m in tokens(said))} ":  # the same qualifier both
                        taken[i:i + n] = [False] * n  # ways ("the evening Statistics II (Evening)"): the name
                        continue  # in full is found next
                    unknown.append(NearMiss(said, (self.display[hit[0]],)))
                    continue
                coded = (None if hit[1] or taken[i - 1:i] != [False] or " ".join(words[i:i + n]) not in self.uncoded else
                         name_variants.other_code(question, toks, i, n, hit[0].split())) or name_variants.other_value(
                    question, toks[i].start(), toks[i + n - 1].end(), self.display[hit[0]])  # "mpol=weighted_interleave"
                if coded:
                    unknown.append(NearMiss(coded, (self.display[hit[0]],)))
                    continue
                if (written and i and not taken[i - 1] and " ".join(words[i:i + n]) in self.bare  # "the US Virgin
                        and re.fullmatch(r"[A-Z]{2,4}", written[i - 1]) and words[i - 1] not in hit[0].split()):
                    unknown.append(NearMiss(question[toks[i - 1].start():toks[i + n - 1].end()], (self.display[hit[0]],)))
                    continue  # Islands" is not the KB's "Virgin Islands (UK)"
                kind = self.kind_nouns.get(" ".join(words[i:i + n]))
                other = kind and hit[0] != " ".join(words[i:i + n]) and name_spans.other_kind(words, i + n, kind,
                                                                                            self.kind_tails)
                if other:  # "the Tutte Coxeter graph": another name of that kind, not the "Tutte graph"; "harbourside
                    # children's annex", where the KB's annex is another's: not the "Harbourside Branch Library"
                    unknown.append(NearMiss(question[toks[i].start():toks[other - 1].end()], (self.display[hit[0]],)))
                    continue
                if (i > 0 and not taken[i - 1] and " ".join(words[i:i + n]) in self.stems and re.fullmatch(
                        r"(?=\w*\d)(?=\w*[a-z])\w+", words[i - 1]) and words[i - 1] not in self.vocabulary | self.values):
                    s0 = toks[i - 1].start()  # "apr1 md5": another method than "md5crypt", named by a code of its own
                    unknown.append(NearMiss(question[s0:toks[i + n - 1].end()], (self.display[hit[0]],)))
                    continue
                if (i > 0 and not taken[i - 1] and words[i - 1] in self.heads - self.own_labels.get(hit[0], set())
                        and (words[i - 1] not in self._citing(hit[0]) or (words[i - 1], *words[i:i + n]) in self.labels)
                        and not clitic(folded, toks[i - 1]) and question[toks[i - 1].end():toks[i].start()] == " "):  # "dark
                    # orchid": not "orchid" (but one of its own labels: "example triplet?" asks its "example"; or one that
                    # begins a name whose values write this one, its place: "dumb info/refs" of a "dumb protocol")
                    unknown.append(NearMiss(question[toks[i - 1].start():toks[i + n - 1].end()], (self.display[hit[0]],)))
                    continue
                other = self.extended.get(hit[0]) and name_spans.extension_elsewhere(  # "the winter stock fair (… Show)"
                    words, name_spans.hyphen_taken(question, toks, taken), len(hit[0].split()), self.extended[hit[0]], STOPWORDS)
                hit = (other, False) if other else hit
                qualified = self._qualified(question, toks, words, i, n, hit[0])
                if qualified is not None:  # "electron mass energy equivalent in MeV" where only the plain one is
                    unknown.append(qualified)
                    continue
                first, after = name_spans.widened(question, toks, taken, i, n, hit[0]) if not hit[1] else (i, i + n)
                taken[first:after] = [True] * (after - first)
                s, e = toks[first].start(), toks[after - 1].end()
                if question[s:e].count("(") > question[s:e].count(")") and question.startswith(")", e):
                    e += 1  # "Intermediate members (18-29)": the bracket opened inside the name closes with it
                mentions.append(Mention(hit[0], s, e, question[s:e], hit[1]))
        mentions = not_names.words_not_names(self, question, not_names.label_words(self, question, sorted(
            mentions, key=lambda m: m.start)))  # (in text order from here: "A and B" is read between neighbours)
        mentions, elsewhere = not_names.other_programs(self, question, mentions)  # "pg_dumpall --clean"
        mentions, keyed = not_names.inside_keys(self, question, mentions)  # "submodule.<name>.active"
        mentions, unknown = not_names.unknown_keyword(self, question, mentions, unknown + elsewhere + keyed)  # "nohosts"
        # "the State component" where "Component" is a KB entity too: the lower-case word is the kind of the one before;
        # "default color for FIFOs" where COLOR is one: the word in passing, beside a name written as the KB writes it
        mentions = [m for m in mentions if not (not_names.english_as_such(self, m) and any(
            o.end < m.start and re.fullmatch(r"\s+", question[o.end:m.start]) and o.said[:1].isupper()
            or not not_names.english_as_such(self, o) and o.said[:1].isupper() for o in mentions if o is not m))]
        mentions, kind_of = not_names.values_not_names(self, question, mentions)
        if len(mentions) > 1:  # a namespace's lone word beside another name is a word of the question's own
            mentions = [m for m in mentions if fold(m.said) not in self.lone - self.exact] or mentions
        if self.single:
            mentions += written_names.single(question, taken, toks, self.single, STOPWORDS)
        if self.symbols:
            mentions += written_names.symbols(question, mentions, self.symbols)
        if not mentions and not unknown:
            mentions = self._the_one(question, folded)
        mentions += name_variants.coordinated(question, mentions, self.exact)  # "tramcars 3012 and 3105"
        if self.cased:
            mentions = [self._by_case(question, m) if m.name in self.cased else m for m in mentions]
        mentions.sort(key=lambda m: m.start)
        strange = self._unknown_identifiers(question, mentions) + kind_of + not_names.unknown_paths(self, question, mentions)
        kept = [m for m in mentions if not (not_names.english_as_such(self, m) or m.name in self.vocabulary)]  # ("the UTC
        # offset of MST": a word of the KB's properties beside a name of its own the KB lacks)
        options = [m.group() for m in _LONG_OPTION.finditer(question) if self.optioned and self.key_of(m.group()) not in self.exact
                   and not any(x.start < m.end() and m.start() < x.end for x in mentions)]
        if options and mentions:  # "what does ld.so --list-diagnostics print" of a KB of ld.so's options: that option
            mentions, unknown = [], [self._closest_to(options[0])]
        if strange and all(m.said.strip("[]").isalpha() for m in mentions) and not_names.unknown_constant(strange, self.exact, question, self.display.values()):
            kept = []  # "what does SO_REUSEPORT do on a udp socket?": about the constant, not the KB's "UDP"
        if strange and len(kept) < len(mentions):  # "Which module is the AudioSlider component in?": about
            mentions, unknown = kept, unknown or [self._closest_to(strange[0])]  # AudioSlider, not the KB's "Component"
        misses = [] if mentions else unknown or partly or self._near_misses(question, toks, words)
        if not mentions and not misses and strange:  # a name of its own, like none of the KB's
            misses = [self._closest_to(strange[0])]
        if len(mentions) == 1 and not mentions[0].exact and (wider := self.words.guess(question)) and self.words.wider(
                wider, mentions[0], words):  # "the furniture & electrical shop on Kettleford High Street"
            mentions = [wider]
        guessed = None if mentions or seen and not misses else self.words.guess(question)  # "the Low Snape wind
        if guessed and any(self.display[guessed.name] not in m.closest and not self.words.explains(guessed, m.said)
                           for m in misses):  # turbine": not where a form of a name was
            guessed = None  # turned down quietly ("castlemere north annex"), nor against a near miss to another name
            # unless the miss writes this name's words alone ("1st Wrexley (St Aidan's)" of "… Scout Group")
        found, misses = ([guessed], []) if guessed else (mentions, misses)
        dated = [NearMiss(said, (self.display[m.name],)) for m in found if not m.exact and (said := name_variants.other_year(
            question, m.start, m.end, self.display[m.name]) or name_variants.other_part(  # "the … Workshop in Aug
            question, m.start, m.end, self.display[m.name], [(o.start, o.end) for o in found]))]  # 2025": not 2024's
        return ([], dated) if dated else (found, misses)

    def _citing(self, key: str) -> frozenset[str]:
        """The first words of the KB's longer names whose values write all the words of the name ``key`` (once per key)."""
        if (cited := self.cited.get(key)) is None:
            cited = self.cited[key] = frozenset(k.split()[0] for k in self.keys if " " in k and set(key.split()) <= self.described.get(
                k, frozenset()))
        return cited

    def key_of(self, name: str) -> str:
        """The index key of a KB name: its folded words (and, for a name told apart by case alone, its own form)."""
        key = " ".join(m.group() for m in tokens(name))
        if symbolic(name):
            return _SYMBOL_KEY + name.strip()
        return f"{key}\x00{name.strip()}" if key in self.cased else key
