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

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz, process

from . import aliases as aliases_
from . import name_forms, name_variants, not_names, shortened_names, written_names
from .aliases import written_as
from .folding import fold, tokens  # noqa: F401 - the name API: other modules read them from here
from .mentions import Mention, NearMiss
from .name_forms import bare_forms, clitic, inside_longer_name, prefix_forms, spoken_forms, symbolic
from .name_words import NameWords
from .typos import (
    _camel_typo,
    _doubled_letter,
    _dropped_letter,
    _swap,
    _typo,
    american,
    english_form,
    english_words,
    uninflected,
)

_LEADING_SYMBOLS = "+-@"  # the symbols that begin a name such as nsswitch's "+@netgroup" or "-user"
_NAME_SYMBOLS = "+#*@"  # the symbols that end a name such as "C++", "F#" or systemd's "getty@" (no word of their own)
_UPPER_PREFIX = re.compile(r"[A-Z][A-Z\d]+_(?:[A-Z][A-Z\d]*_)*")  # "GGML_TYPE_", "SIG_"
_BREAK = re.compile(r" |(?<=[^\W_])_+(?=[^\W_])")  # a space, or underscores between letters or digits
_ADDRESS = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")  # URLs and e-mail addresses
_THE_ONE = re.compile(r"\bthe\s+((?:[\w.+-]+\s+){0,3}?[\w.+-]+)\s+one\b")  # "the USERTrust RSA one"
MAX_NAME_TOKENS, MAX_TAIL_TOKENS, MAX_LONG_NAME = 8, 3, 16  # (a KB's longer names are looked for whole, up to 16)
_GENERATIONS = {(w,) for w in ("jr", "sr", "junior", "senior", "ii", "iii", "iv")}  # "Tobias Renn III": another person
LONG_NAME_TOKENS = 3  # in a name with this many tokens written exactly, one short token may have two letters swapped
# a name followed by a dash and capitalised words: another entity of that name where the KB extends it by a dash
_DASHED = re.compile(r"\s+[-\u2013\u2014]\s+([A-Z][\w'-]*)(?:\s+[A-Z][\w'-]*){0,3}")
_DASH_BEFORE = re.compile(r"(?:\b[A-Z]\w*|\w*\d\w*)\s[-\u2013\u2014]\s$")  # a part the KB's name lacks, before or after
_DASH_AFTER = re.compile(r"\s[-\u2013\u2014]\s[A-Z]")
# a name followed by a capital letter (not "A", "I"), where the KB extends it by another ("Studio C" beside "Studio B")
_VARIANT = re.compile(r"\s+([B-HJ-Z])(?!\w|['\u2019](?!s\b)|[.,:/-]\w)")
KIND_NOUN_NAMES, KIND_NOUN_SHARE = 3, 0.5  # a kind noun ends at least this many and this share of the names
# question words that never make a near miss on their own (a span of only these is not a candidate name)
STOPWORDS = frozenset("""a an the of and or to in on at for by with from about what which who whom whose where when
why how is are was were be been do does did has have had it its this that these those there their they them he she
his her i me my you your we our tell give show list name please can could would should will may might much many
any some all one in up down out off over into than then so if not no yes find get see also again same other""".split())


# an identifier: words joined by underscores, or a lower-case run followed by a capital (camel case)
_IDENTIFIER = re.compile(r"(?<![\w.])(?:[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]*[A-Za-z0-9]|[A-Z]?[a-z]+[A-Z][A-Za-z0-9]*"
                         r"|[A-Z]{2,}[a-z][A-Za-z0-9]*(?==))(?![\w.])")  # ("IPMasquerade=", a setting's own shape)
CLOSEST_UNKNOWN = 3
_CAPITALS = re.compile(r"(?<![\w.-])[A-Z]{2,6}(?![\w.-])")  # a short code in capitals ("MST", "AKDT")
_LONG_OPTION = re.compile(r"(?<![\w-])--[A-Za-z][\w-]*[A-Za-z0-9]")  # a program's long option ("--list-diagnostics")
CODED_NAMES = 5  # a KB with this many such names is one of codes: another code written is a name it may lack
_SYMBOL_KEY = "\x01"  # begins the index key of a name without a letter or digit


def _compact(key: str) -> str:
    """A name key without its word breaks and in American spelling: "huggingface_hub", "huggingface-hub" and
    "HuggingFace Hub" are one, so are "utf8_centre" and "utf8_center". An underscore at the start or end is no word
    break ("bytes_" is not the word "bytes", "_apt" not "apt")."""
    return _BREAK.sub("", american(key))


class NameIndex:
    """The entity names of one KB, searchable in questions."""

    def __init__(self, names: Iterable[str], vocabulary: Iterable[str] = (), values: Iterable[str] = (),
                 kinds: Iterable[str] = (), described: dict[str, set[str]] | None = None,
                 aliases: dict[str, set[str]] | None = None) -> None:
        # the KB's property words, folded: no near miss of an entity ("And its base class?" is no misspelt "ClassDef")
        self.vocabulary = frozenset(vocabulary)
        self.values = frozenset(values)  # the KB's values, folded: an identifier among them is no unknown name
        self.prose = f" {' | '.join(' '.join(m.group() for m in tokens(v)) for v in self.values)} "  # (their words)
        # values several entities hold ("filter" of Jinja's filters), folded: see :func:`not_names.values_not_names`
        self.kinds = frozenset(kinds)
        # per name, the folded words of its values: "the Firefly G-SLNG" of a "… T67M Firefly" is no longer name
        self.described = {" ".join(m.group() for m in tokens(n)): frozenset(w) for n, w in (described or {}).items()}
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
        self.words = NameWords(self.keys, STOPWORDS, english, self.display, self.described, self.vocabulary)
        # an identifier's words run together by underscores, written apart ("exlusion violation" of "exclusion_violation"):
        self.parted = {" ".join(parts): k for k in self.keys if " " not in k and len(parts := k.split("_")) >= 2
                       and all(p.isalpha() for p in parts)}
        self.by_len = name_forms.by_length(self.keys)
        self.coded = sum(bool(_CAPITALS.fullmatch(n)) for n in self.display.values()) >= CODED_NAMES
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
                if any(taken[i:i + n]) or not (name_forms.whole_span(folded, toks, i, n) or self._numbered(folded, toks, i, n)):
                    continue
                hit = self._lookup(words[i:i + n], written[i:i + n] if written else None)
                if hit is None or hit[0] not in self.display or not hit[1] and any(a <= toks[i].start() < b for a, b in links) or (
                        n > 1 and clitic(folded, toks[i + n - 1]) and " ".join(words[i:i + n - 1]) in self.exact):
                    continue  # no typo inside an address ("https" of a URL is not "httpx"); "repertoiremap's" is no "…maps"
                if n > 1 and hit[1] and not_names.dotted_apart(question, toks, i, n, self.display[hit[0]], words[i] in self.exact):
                    taken[i:i + n] = [True] * n  # ".mailmap file": the file .mailmap, not the option mailmap.file
                    mentions.append(Mention(words[i], toks[i].start(), toks[i].end(), question[toks[i].start():toks[i].end()], True))
                    continue
                seen = True  # (a form of a name, whatever the rules below make of it)
                taken[i:i + n] = [True] * n
                if (not hit[1] and " ".join(words[i:i + n]) in self.clipped and i + n < len(toks)  # "castlemere north
                        and (words[i + n] not in STOPWORDS or len(words[i + n]) == 1)  # annex", "… figure i": names
                        and words[i + n] not in name_forms.PLACEHOLDERS  # ("the sunday papers thing" is the name)
                        and not question[toks[i + n - 1].end():toks[i + n].start()].strip(" ")  # the KB lacks; not
                        and words[i + n][:5] not in {w[:5] for w in hit[0].split()}  # "… photographs" of "… Photographic"
                        and not (written and written[i][:1].isupper() and written[i + n][:1].islower()  # (unless a kind
                                 and not set(words[i + n:i + n + 2]) & self.words.kinds)):  # follows: "… bring bank")
                    taken[i:i + n] = [False] * n
                    continue
                if (not hit[1] and " ".join(words[i:i + n]) in self.partial and i > 0 and not taken[i - 1]
                        and words[i - 1] not in STOPWORDS and not clitic(folded, toks[i - 1])  # (a path by its file
                        and not ("/" in self.display[hit[0]] and words[i - 1] in english_words())  # "sample locale.conf")
                        and not name_forms.verb_before(words, i - 1)):  # (not a verb: "I missed folk roots")
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
                    name_forms.named_before(question, toks, i, hit[0].split(), STOPWORDS))  # last words
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
                other = kind and hit[0] != " ".join(words[i:i + n]) and name_forms.other_kind(words, i + n, kind,
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
                if (i > 0 and not taken[i - 1] and words[i - 1] in self.heads - getattr(self, "own_labels", {}).get(hit[0], set())
                        and not clitic(folded, toks[i - 1]) and question[toks[i - 1].end():toks[i].start()] == " "):  # "dark
                    # orchid": not "orchid" (but one of its own labels: "example triplet?" asks its "example")
                    unknown.append(NearMiss(question[toks[i - 1].start():toks[i + n - 1].end()], (self.display[hit[0]],)))
                    continue
                other = self.extended.get(hit[0]) and name_forms.extension_elsewhere(  # "the winter stock fair (… Show)"
                    words, name_forms.hyphen_taken(question, toks, taken), len(hit[0].split()), self.extended[hit[0]], STOPWORDS)
                hit = (other, False) if other else hit
                qualified = self._qualified(question, toks, words, i, n, hit[0])
                if qualified is not None:  # "electron mass energy equivalent in MeV" where only the plain one is
                    unknown.append(qualified)
                    continue
                first, after = name_forms.widened(question, toks, taken, i, n, hit[0]) if not hit[1] else (i, i + n)
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

    def _closest_to(self, said: str) -> NearMiss:
        """``said`` as a near miss of the KB names closest to it as strings."""
        return NearMiss(said, tuple(self.display[k] for k, _, _ in process.extract(
            fold(said), list(self.display), scorer=fuzz.ratio, limit=CLOSEST_UNKNOWN)))

    def _unknown_identifiers(self, question: str, mentions: list[Mention]) -> list[str]:
        """Words of the question written as identifiers (snake_case, camelCase, CONSTANT_CASE) that are no KB name
        it mentions, no KB name, property word nor English word: names of things the KB may not hold."""
        # ... and a capitalised word (not first) before a KB name in lower case: "the Sketchpad component" (Component)
        before = [t for m in mentions if m.said.islower() and not self.display.get(m.name, "").islower()
                  for t in re.findall(r"(?<=\S\s)([A-Z][a-z]+[A-Za-z0-9]*)\s+$", question[:m.start])]
        # ... and a short code in capitals ("MST") where the KB's names are such codes ("EST", "PST", "AEST")
        codes = [m.group() for m in _CAPITALS.finditer(question)] if self.coded else []
        return [w for w in [m.group() for m in _IDENTIFIER.finditer(question)
                            if not any(x.start < m.end() and m.start() < x.end for x in mentions)] + before + codes
                if not any(fold(w) in known for known in (self.vocabulary, self.values, english_words(), self.exact))]

    def key_of(self, name: str) -> str:
        """The index key of a KB name: its folded words (and, for a name told apart by case alone, its own form)."""
        key = " ".join(m.group() for m in tokens(name))
        if symbolic(name):
            return _SYMBOL_KEY + name.strip()
        return f"{key}\x00{name.strip()}" if key in self.cased else key

    def _by_case(self, question: str, mention: Mention) -> Mention:
        """Of the names that differ by case alone, or by the symbols that end them ("C", "C++", "C#"), the one the
        question writes (letter for letter, symbols too); when it writes none of them so, the one ending in the symbols
        it writes, else the first, assumed."""
        def shape(text: str) -> str:
            return " ".join(re.findall(r"\w+", text))

        def ending(text: str) -> str:
            return text[len(text.rstrip(_NAME_SYMBOLS)):]

        def beginning(text: str) -> str:  # ("+@netgroup", "-user" of nsswitch's compat entries)
            return text[:len(text) - len(text.lstrip(_LEADING_SYMBOLS))]

        if whole := written_names.written_whole(question, mention.start, mention.end, self.cased[mention.name]):
            return Mention(self.key_of(whole[0]), whole[1], whole[2], question[whole[1]:whole[2]], True)
        said = shape(question[mention.start:mention.end])
        rest, before = question[mention.end:], question[:mention.start]
        symbols = rest[:len(rest) - len(rest.lstrip(_NAME_SYMBOLS))]
        lead = before[len(before.rstrip(_LEADING_SYMBOLS)):]
        names = self.cased[mention.name]
        exact = [n for n in names if shape(n) == said]
        exact = ([n for n in exact if ending(n) == symbols and beginning(n) == lead]
                 or [n for n in exact if ending(n) == symbols] or exact)
        # a typo in the letters still writes the symbols ("posgresql@" is "postgresql@", not "postgresql")
        chosen = exact[0] if exact else next((n for n in names if ending(n) == symbols and beginning(n) == lead),
                                             next((n for n in names if ending(n) == symbols), names[0]))
        end = mention.end + len(symbols) if symbols and ending(chosen) == symbols else mention.end
        start = mention.start - len(lead) if lead and beginning(chosen) == lead else mention.start
        return Mention(self.key_of(chosen), start, end, question[start:end], mention.exact and bool(exact))

    def _the_one(self, question: str, folded: str) -> list[Mention]:
        """ "the USERTrust RSA one": the leading words of exactly one KB name, written between "the" and "one",
        mean that name (assumed, so the answer says which)."""
        if len(folded) != len(question):  # the spans below are the folded text's
            return []
        for m in _THE_ONE.finditer(folded):
            said = [t.group() for t in tokens(m.group(1))]
            if all(w in STOPWORDS for w in said):
                continue
            found = {self.bare.get(k, k) for k in itertools.chain(self.keys, self.bare)
                     if k.split()[:len(said)] == said and len(k.split()) > len(said)}
            if len(found) == 1:  # "the traditional one" of "Han (Traditional variant)", by its "traditional han"
                s, e = m.span(1)
                return [Mention(found.pop(), s, e, question[s:e], False)]
        return []

    def _qualified(self, question: str, toks: Sequence[re.Match], words: list[str], i: int, n: int,
                   name: str) -> NearMiss | None:
        """A near miss when a found name is followed by a qualifier that other KB names carry but this one does
        not have (the longest-first search would have found the qualified name if the KB held it); not when the
        qualifier is words of the KB's property names ("Scalar::Util version?" beside a "CPAN::Version"); a person's
        name followed by a generation ("Jr.", "III") is always another person's."""
        end = i + n
        for k in range(min(MAX_TAIL_TOKENS, len(toks) - end), 0, -1):
            tail = tuple(words[end:end + k])
            if (tail not in self.tails and tail not in _GENERATIONS) or all(w in self.vocabulary for w in tail) or any(
                    question[toks[j].end():toks[j + 1].start()] not in (" ", "-") for j in range(end - 1, end + k - 1)):
                continue
            said = question[toks[i].start():toks[end + k - 1].end()]
            closest = [name] + process.extract(" ".join(words[i:end + k]), self.tails.get(tail, []),
                                               scorer=fuzz.ratio, limit=2)
            return NearMiss(said, tuple(self.display[c if isinstance(c, str) else c[0]] for c in closest))
        longer = self.extended.get(name, [])
        letter = _VARIANT.match(question, toks[end - 1].end()) if longer else None  # "Studio C" beside "Studio B"
        dashed = _DASHED.match(question, toks[end - 1].end()) if longer else None  # "… Show - Spring Lamb Sale"
        other = (letter if letter and any(re.fullmatch(rf" (?!{fold(letter.group(1))})[a-z]", k[len(name):]) for k in longer)
                 else dashed if dashed and fold(dashed.group(1)) not in STOPWORDS else None)
        if other:
            return NearMiss(question[toks[i].start():other.end()], tuple(map(self.display.get, [name, *longer[:2]])))
        return None

    def _numbered(self, folded: str, toks: Sequence[re.Match], i: int, n: int) -> bool:
        """A name glued by a hyphen to a number that is a word of the KB's property names ("red-500" for the red
        palette's "shade 500"), the number ending the question's word there."""
        end = toks[i + n - 1].end()
        nxt = toks[i + n] if i + n < len(toks) else None
        return (nxt is not None and folded[end:nxt.start()] == "-" and nxt.group().isdigit()
                and nxt.group() in self.vocabulary and not folded[nxt.end():nxt.end() + 1].isalnum()
                and name_forms.whole_span(folded, toks, i, n + 1) and not clitic(folded, toks[i]))

    def _lookup(self, words: list[str], written: list[str] | None = None) -> tuple[str, bool] | None:
        """The KB name ``words`` (folded tokens; ``written``: as written) mean, and whether exactly; None if none."""
        key = " ".join(words)
        if key in self.exact or all(w in STOPWORDS for w in words):
            return (key, True) if key in self.exact else None
        if len(words) == 1 and written and re.fullmatch(r"[A-Z][A-Z0-9_]+s", written[0]) and key[:-1] in self.exact:
            return key[:-1], False  # a name in capitals with a plural "s" ("FIFOs" of FIFO)
        if len(words) == 1 and written:  # a C-style namespace before a name: "GGML_TYPE_Q5_0" for the KB's "Q5_0"
            for cut in (m.end() for m in re.finditer("_", words[0])):
                if words[0][cut:] in self.exact and _UPPER_PREFIX.fullmatch(written[0][:cut]) and (
                        re.search(r"[\d_]", words[0][cut:]) or written[0][:cut - 1].count("_")):  # (not "FETCH_HEAD")
                    return words[0][cut:], False
        if key in self.aliased and not (written and any(written_as(r, written) for r in self.aliased[key])):
            return None  # a short code or an English word that names an entity: only as the KB writes it
        if key in self.bare and (key not in self.initialled or written and written[-1].isupper()):
            return self.bare[key], False
        for k, word in enumerate(words if len(words) > 1 else ()):  # "junior members", "Country membership", a
            # possessive without its apostrophe ("Tanners Row" of "Tanner's Row Street Market"), a plural name's singular
            plural = [[f"{word[:-1]}ies" if word.endswith("y") else f"{word}s"]] if k == len(words) - 1 and word.isalpha() else []
            for form in [[stem] for stem in uninflected(word)] + ([[word[:-1], "s"]] if word.endswith("s") else []) + plural:
                if (other := " ".join(words[:k] + form + words[k + 1:])) in self.exact or other in self.bare and (
                        form not in plural):  # (a plural: of a whole name only, not "machine tokens" of "multiple …")
                    return self.bare.get(other, other), False
                if " " in other and (joined := self.compact.get(_compact(other))) is not None:  # "serialization
                    return joined, False  # failures" of "serialization_failure"
        compact = self.compact.get(_compact(key))
        if compact is not None:
            return compact, False
        for initialled in name_variants.initialisms(written) if written and len(words) >= 2 else ():
            # "Mozilla Public License 1.1" of "MPL-1.1" (an alias is no name's initials: "AS" of "Ameirca/Sitka")
            if initialled in self.exact or initialled in self.bare and initialled not in self.alias_forms:
                return self.bare.get(initialled, initialled), False
        for cand, _, _ in process.extract(key, self.by_len.get(len(words), []) + self.bare_by_len.get(len(words), [])
                                          + self.parted_by_len.get(len(words), []),
                                          scorer=fuzz.ratio, score_cutoff=70, limit=5):
            parts = cand.split()
            same = sum(a == b for a, b in zip(words, parts, strict=True))
            name = self.parted.get(cand) or self.bare.get(cand, cand)  # (a shorter form's typo, "devanagri": the name)
            if len(parts) == 1 and words[0] not in self.key_words:  # (a word of another name: "networkd" of networkd.conf)
                if _camel_typo(written[0] if written else words[0], self.display[name], words[0], cand):
                    return name, False
            elif same == 1 and parts[0] == words[0] and parts[0] in self.spaces:  # only a namespace written exactly
                if all(_typo(a, b) for a, b in zip(words, parts, strict=True)):  # ("math.cos"): the rest as a name of
                    return name, False  # its own ("cargo instal", not "math.cosh")
            elif same >= 1 and all(_typo(a, b) or _dropped_letter(a, b) or _doubled_letter(a, b) or same >= 2 and (
                    _dropped_letter(b, a) or same >= LONG_NAME_TOKENS and (_swap(a, b) or _dropped_letter(a, b, 3)))
                    for a, b in zip(words, parts, strict=True)):  # ("…login1.power-of-multiple-sessions")
                return name, False
        return None

    def _near_misses(self, question: str, toks: Sequence[re.Match], words: list[str]) -> list[NearMiss]:
        found: dict[str, tuple[float, list[str]]] = {}
        folded = fold(question)
        links = [m.span() for m in _ADDRESS.finditer(folded)]
        for n in range(min(MAX_NAME_TOKENS, len(toks)), 0, -1):
            for i in range(len(toks) - n + 1):
                span, said = words[i:i + n], question[toks[i].start():toks[i + n - 1].end()]
                joined = n > 2 and re.fullmatch(r"\w+(?:[-_]\w+)+", said) is not None  # one identifier ("Build-Depends-Version")
                # a property word, also in the singular ("tag group" of "tag groups"), is no near miss (unless joined)
                if (all(w in STOPWORDS or w in self.vocabulary or w + "s" in self.vocabulary for w in span) and not joined
                        or (n == 1 and len(span[0]) < 4) or n > 1 and question[  # (a value's words: "the ip header")
                            toks[i].start():toks[i + n - 1].end()].islower() and f" {' '.join(span)} " in self.prose
                        or not name_forms.whole_span(folded, toks, i, n) or any(a <= toks[i].start() < b for a, b in links)):
                    continue
                close = name_forms.close_names(span, self.by_len.get(len(span), []), STOPWORDS, self.vocabulary, said.islower(), joined)
                if close and n == 1 and (question[toks[i].start():toks[i].end()].islower() and (english_form(span[0]) or (
                        f" {span[0]} " in self.prose and not any(span[0] in fold(self.display[k]) for k in close[1])))
                                         or span[0] in self.prefixes):  # ("swapon" the values write; "netlink" of NETLINK_*)
                    continue  # an English word in lower case is a word of its own, no near miss of a one-word name
                    # ("tied" of TID=, "command" of nomand, "start" of Restart=, "auditing" of --audit)
                if close and n > 1 and said.islower() and " ".join(said.split()) == " ".join(span) and any(f" {w} " in self.prose for w in span):
                    kept = [k for k in close[1] if not re.search(r"\w[-_]\w", self.display[k])]  # words of the values
                    close = (close[0], kept) if kept else None  # apart: no near miss of one identifier ("verity corruption")
                if close:
                    found.setdefault(said, close)
        if not found:
            return []
        said, (_, names) = max(found.items(), key=lambda kv: kv[1][0])  # (the first of the best)
        return [NearMiss(said, tuple(self.display[k] for k in names))]
