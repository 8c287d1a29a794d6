"""How :class:`entities.NameIndex` reads one span of a question: which KB name a run of words means (exactly, by a
shorter or compacted form, an initialism, or with a small typo), whether a found name is really another one (a
qualifier, a generation, a dash or a letter the KB's name lacks), which of the names told apart by case alone it
writes, and which spans are near misses of a name or unknown identifiers. A mixin: NameIndex holds the tables these
read (``exact``, ``bare``, ``compact``, ``by_len``, ``display`` …)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from . import name_forms, name_spans, name_variants, written_names
from .aliases import written_as
from .folding import fold, tokens
from .mentions import Mention, NearMiss
from .name_spans import clitic
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
# a name followed by a capital letter (not "A", "I"), where the KB extends it by another ("Studio C" beside "Studio B")
_VARIANT = re.compile(r"\s+([B-HJ-Z])(?!\w|['\u2019](?!s\b)|[.,:/-]\w)")
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
HYPHENED = re.compile(r"(?<![\w./-])[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?![\w/-]|\.\w)")  # a name of words joined by hyphens ("ofs-delta")
_SYMBOL_KEY = "\x01"  # begins the index key of a name without a letter or digit


def _plural(word: str) -> str:
    """A regular plural of an English word ("extension" -> "extensions", "entry" -> "entries")."""
    return f"{word[:-1]}ies" if re.search(r"[^aeiou]y$", word) else f"{word}s"


# the words after which a singular names the plural class the KB writes ("an extension", "the same option")
_ARTICLES = frozenset(("a", "an", "the", "each", "every", "any", "same", "this", "that", "one"))


def _compact(key: str) -> str:
    """A name key without its word breaks and in American spelling: "huggingface_hub", "huggingface-hub" and
    "HuggingFace Hub" are one, so are "utf8_centre" and "utf8_center". An underscore at the start or end is no word
    break ("bytes_" is not the word "bytes", "_apt" not "apt")."""
    return _BREAK.sub("", american(key))


class NameLookup:
    """The span readers of a name index (see the module docstring)."""

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
        # ... and words joined by hyphens, one of them no English word ("bundle-uri"), where the KB's names are such
        codes += [m.group() for m in HYPHENED.finditer(question) if not any(x.start < m.end() and m.start() < x.end for x in
                  mentions) and not all(p in english_words() for p in m.group().split("-"))
                  and m.group().casefold() not in self.hyphened_said] if self.hyphened else []  # ("dpkg-query", a value's)
        return [w for w in [m.group() for m in _IDENTIFIER.finditer(question)
                            if not any(x.start < m.end() and m.start() < x.end for x in mentions)] + before + codes
                if not any(fold(w) in known for known in (self.vocabulary, self.values, english_words(), self.exact))]

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
                and name_spans.whole_span(folded, toks, i, n + 1) and not clitic(folded, toks[i]))

    def _lookup(self, words: list[str], written: list[str] | None = None, singular: bool = True,
                before: str | None = None) -> tuple[str, bool] | None:
        """The KB name ``words`` (folded tokens; ``written``: as written; ``before``: the word before them, None at the
        start) mean, and whether exactly; None if none. A lone singular names the KB's plural class only at the start
        or after an article (:data:`_ARTICLES`: "an extension"; not "the noauto option"); a multi-word singular, by a
        typo too ("a continous test" of "continuous tests"), only as a whole name (not "machine tokens" of "multiple
        …"); ``singular`` False: no singular looked for (the plural's own lookup)."""
        found = self._looked_up(words, written, singular)
        if found and len(words) == 1 and found[0] in (f"{words[0]}s", f"{words[0][:-1]}ies") and (
                before is not None and before not in _ARTICLES):
            return None
        return found

    def _looked_up(self, words: list[str], written: list[str] | None, singular: bool) -> tuple[str, bool] | None:
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
            plural = [[_plural(word)]] if k == len(words) - 1 and word.isalpha() else []
            for form in [[stem] for stem in uninflected(word)] + ([[word[:-1], "s"]] if word.endswith("s") else []) + plural:
                if (other := " ".join(words[:k] + form + words[k + 1:])) in self.exact or other in self.bare and (
                        form not in plural):  # (a plural: of a whole name only, not "machine tokens" of "multiple …")
                    return self.bare.get(other, other), False
                if " " in other and (joined := self.compact.get(_compact(other))) is not None:  # "serialization
                    return joined, False  # failures" of "serialization_failure"
        if len(words) == 1 and len(key) >= 4 and key.isalpha() and (plural := _plural(key)) in self.exact:
            return plural, False  # "an extension" of the KB's "extensions" (a class written in the plural)
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
            elif same >= 1 and all(_typo(a, b) or _dropped_letter(a, b) or _doubled_letter(a, b) or _plural_typo(a, b)
                                   or same >= 2 and (
                    _dropped_letter(b, a) or same >= LONG_NAME_TOKENS and (_swap(a, b) or _dropped_letter(a, b, 3)))
                    for a, b in zip(words, parts, strict=True)):  # ("…login1.power-of-multiple-sessions")
                return name, False
        last = words[-1]  # a typo in a plural name written in the singular
        if singular and len(words) > 1 and last.isalpha() and len(last) >= 3 and not last.endswith("s"):
            found = self._looked_up([*words[:-1], _plural(last)], None, False)
            return (found[0], False) if found and len(found[0].split()) == len(words) else None
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
                        or not name_spans.whole_span(folded, toks, i, n) or any(a <= toks[i].start() < b for a, b in links)):
                    continue
                close = name_forms.close_names(span, self.by_len.get(len(span), []), STOPWORDS | self.subject if n > 1 and all(
                    w in self.subject or w in STOPWORDS or english_form(w) for w in span) else STOPWORDS,  # (words of the page's
                                               self.vocabulary, said.islower(), joined)  # name and English ones: "index end")
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


def _plural_typo(said: str, word: str) -> bool:
    """Whether ``said`` is ``word`` in the plural with a small typo ("ofsets" of "Chunk Offset")."""
    return said[-1:] == "s" != word[-1:] and len(said) >= 5 and (_typo(said[:-1], word) or _dropped_letter(said[:-1], word))
