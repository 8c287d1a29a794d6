"""Names a question writes that are not meant as names: :class:`entities.NameIndex` finds every form of a KB name,
these rules take back the ones that are words of the question (a KB name that is a lower-case word, a word of the KB's
labels, a value many entities hold) or another thing's name (another program's option)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .folding import fold, tokens
from .mentions import Mention, NearMiss
from .typos import english_words

if TYPE_CHECKING:
    from .entities import NameIndex

_SECTION_AFTER = re.compile(r"\]?\s+(?:section|stanza|block|heading|table)s?\b", re.IGNORECASE)
_POSSESSIVE = re.compile(r"\b(?:its|their|his|her|your|my|our)\s+$", re.IGNORECASE)
_SETTING_MARK = re.compile(r"(?:=|:|\(\))$")  # what a setting's, a key's or a function's name ends with ("What=")
_NAME_LIKE = re.compile(r"[A-Za-z_][\w]*(?:::\w+)+|\b[A-Z]\w*|\b\w+_\w+")  # "Foo::Bar", "Moose", "meta_notation"


_CLAUSE_BREAK = re.compile(r"[;?]|,\s*(?:and|but|or|also|plus)\b")
_SOURCE = re.compile(r"\baccording\s+to\s+(?:the\s+)?$", re.IGNORECASE)
_SOURCE_PAGE, _PAGE_AFTER = re.compile(r"\b(?:in|per|from|by)\s+the\s+$", re.IGNORECASE), re.compile(
    r"\s+(?:man(?:ual)?\s+)?(?:page|manual|docs|documentation)\b", re.IGNORECASE)
_OWNER = re.compile(r"\b(?:of|for|to)\s+(?:the\s+)?$", re.IGNORECASE)
_SUBJECT = re.compile(r"\b(?:i|you|we|they)\s+(?:(?:can|could|should|would|will|must|may|might|do|did|to|also|just|"
                      r"then|still|always|never)\s+)?$", re.IGNORECASE)
_HOW_OFTEN = re.compile(r"\b(?:how\s+many|several|many|multiple|\d+)\s+times$", re.IGNORECASE)  # (how often)
_INDEFINITE = re.compile(r"\b(?:a|an|any|every|each)\s+$", re.IGNORECASE)
_HEAD_ENDS = re.compile(r"\s*(?:$|[?.!,;:)]|(?:\w+ed|is|are|was|that|which|who|with|of|in|on|for|to|from|by|at|must|should|"
                        r"can|may|will|would|has|have)\b)", re.IGNORECASE)  # what follows a noun that is the head
_ASKED_NOUN = re.compile(r"\b(?:what|which)\s+(?:(?:kind|type|sort)\s+of\s+)?$", re.IGNORECASE)
_IT = re.compile(r"\bit\b", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"\b(\w+)\s+$")
_INSTEAD = re.compile(r"\b(?:instead\s+of|rather\s+than)\s+(?:(?:a|an|the|one|a\s+single|just\s+(?:a|one))\s+)?$", re.IGNORECASE)
_KIND_AFTER = re.compile(r"\s+(?:option|flag|setting|keyword|directive)s?\b", re.IGNORECASE)
_CONSTANT = re.compile(r"[A-Z][A-Z0-9]*_[A-Z0-9_]+")  # "SO_REUSEPORT", "MSG_ZEROCOPY"


def unknown_constant(strange: list[str], exact: Iterable[str], question: str = "", names: Iterable[str] = ()) -> bool:
    """Whether one of the ``strange`` words (identifiers the KB does not name) is a constant of a family the KB holds:
    written in capitals with the prefix of a KB name ("SO_REUSEPORT" where the KB has "SO_BSDCOMPAT"), or a setting
    written with its "=" among a KB's settings (``names``: "StopWhenUnneeded=" beside Wants=, After=, …), the thing a
    question that also writes a KB name as a plain word is about ("… on a udp socket", "… for target units"); not a
    function or argument written in lower case ("enumerate_support", "read_csv")."""
    prefixes = {k.split("_")[0] + "_" for k in exact if "_" in k}
    settings = sum(n.strip().endswith("=") for n in names) >= 3
    return any(_CONSTANT.fullmatch(w) and fold(w).split("_")[0] + "_" in prefixes
               or settings and re.search(rf"(?<![\w-]){re.escape(w)}=", question) for w in strange)


def english_as_such(index: NameIndex, m: Mention) -> bool:
    """Whether the mention is an English word written in lower case where the KB writes its name otherwise ("time" of
    [Time], "component" of Component): the word, as likely as the name."""
    return m.said.islower() and not index.display.get(m.name, "").islower() and m.said in english_words()


def titled(index: NameIndex, question: str, m: Mention) -> bool:
    """Whether ``m`` is a word the KB writes as a name in title case ("Format", a field of deb-changes), written so
    in the middle of a sentence, where a word would be in lower case."""
    said = m.said
    return (said == index.display.get(m.name) and len(said) > 1 and said[0].isupper() and said[1:].islower()
            and question[:m.start].rstrip()[-1:] not in ("", ".", "!", "?", ":", '"', "'"))


def asked_kind(question: str, m: Mention) -> bool:
    """Whether ``m`` is the kind of thing the question asks which one of ("which type reads an eight byte windows style
    date" where "type" is a KB name too)."""
    return re.search(r"\bwhich\s+$", question[:m.start], re.IGNORECASE) is not None


def label_words(index: NameIndex, question: str, mentions: list[Mention]) -> list[Mention]:
    """"The token number of X" where the KB has a NUMBER token: an upper-case name written otherwise and that is a word
    of the KB's property names is that word (but "ntp=" of NTP= is that setting; nor a name told apart by case,
    written as it is: "xm" beside "XM"): the mentions without them."""
    return [m for m in mentions if not (
        m.said.casefold() in index.vocabulary and not m.said.isupper() and index.display.get(m.name, "").isupper()
        and not question.startswith("=", m.end) and m.said not in index.cased.get(m.name, ()))]


def words_not_names(index: NameIndex, question: str, mentions: list[Mention]) -> list[Mention]:
    """A KB name that is a lower-case word ("version", "deprecate": Perl's pragmas), or a one-word name found as
    lower-case English words ("data type" for "DataType"), found in a question that names something else is that
    word (those words), not the name: written in lower case as a word of the KB's property names ("which
    version of JSON::PP …?", "What version of Moose ships with perl?"), or inflected ("Time::Piece deprecated");
    not when it is joined to another name ("how many colours do screen and tmux support?"). Such a word after a
    possessive ("And its version?") is the word even when the question names nothing else."""
    def worded(m: Mention) -> bool:
        name = index.display.get(m.name, "")
        if (not m.exact and " " in m.said and m.said.islower() and " " not in name and "_" not in name
                and all(w in english_words() for w in m.said.split())):
            return True  # "data type" written apart for the KB's "DataType" (a TIFF tag; not "learning_rate")
        if not (name.islower() and name.isalpha() and m.said.isalpha() and m.said.islower()):
            return False
        return m.said in index.vocabulary and m.said in english_words() or not m.exact and m.said.startswith(name) and m.said[len(name):] in (  # (not "sysfs" of a label "sysfs directory")
            "s", "d", "ed", "es", "ing")

    def section_word(m: Mention) -> bool:  # "path units" of a KB's section "[Path]" (but "the path section" is it)
        name = index.display.get(m.name, "")
        return (name[:1] == "[" and name[-1:] == "]" and m.said.islower() and m.said in english_words()
                and question[m.start - 1:m.start] != "[" and not _SECTION_AFTER.match(question, m.end))

    mentions = [m for m in mentions if not section_word(m)]
    instead = [m for m in mentions if _INSTEAD.search(question[:m.start])]  # "a whole group instead of a single user":
    mentions = [m for m in mentions if m not in instead] if len(instead) < len(mentions) else mentions  # not the user
    joined = {m for a, b in itertools.pairwise(mentions) for m in (a, b)  # "screen and tmux": both names
              if re.fullmatch(r"\s*(?:,|and|or|&)\s*|\s*,\s*(?:and|or)\s*", question[a.end:b.start])}
    # a KB name that is a function word ("which", Debian's alternative; "What=", systemd's mount setting, written
    # without its "=") is that word unless it follows an article ("the which alternative"), is quoted or is joined to
    # another name ("any and all", Python's builtins)
    def function_word(m: Mention) -> bool:
        name = index.display.get(m.name, "")
        bare = _SETTING_MARK.sub("", name)
        if bare == name:  # (as the KB writes it: "which"; not "CAN", "SO", "NAME" of ASCII's and os-release's names)
            return name in index.words.stopwords and m.said.casefold() == name
        return (bare.casefold() in index.words.stopwords and m.said.casefold() == bare.casefold()
                and not question[m.end:].startswith(name[len(bare):]))

    mentions = [m for m in mentions if m in joined or not (
        function_word(m) and not re.search(r"(?:\b(?:the|a|an)\s+|[\"'`‘“])$", question[:m.start], re.IGNORECASE)
        or _HOW_OFTEN.search(question[:m.end])  # (not "times" of "how many times can i use *")
        or m.said.islower() and _SUBJECT.search(question[:m.start]))]  # (a verb after its subject: "can i use …")
    # a KB name that is a word of its property labels, beside another name it is not joined to, is that word ("the
    # UTC offset for NST", "EDT's offset from UTC"; not "screen and tmux")
    said = {fold(t.group()) for t in tokens(question)}  # (a label whose other words are written: not "getwin" of a
    labels = [ws for ws in index.labels if set(ws) & said]  # "getwin
    owners = {b.start: a.name for a, b in itertools.pairwise(mentions) if not question[a.end:b.start].strip()}
    labelled = [m for m in mentions if m.name in index.vocabulary and m not in joined and (  # requirement"; but "list
        m.name in english_words() or any(m.name in ws and (len(ws) == 1 or set(ws) - {m.name} & said) for ws in labels)
        or any(lab.split()[0] == m.name for lab in index.own_labels.get(owners.get(m.start), ()))
    ) and not (  # the … categories" of a "list separator", an English word, is that word; so is one right after a name
        # with a label it opens: "xpg4 getwin" of its "getwin requirement") (not "OVERRIDE" in
        m.said.isupper() and len(m.said) > 2 and m.said not in index.vocabulary  # capitals no label writes so; nor
        or m.exact and "_" in m.said.strip("_")  # an identifier a label names: "relation to PRETTY_HOSTNAME=";
        or index.display.get(m.name, "")[-1:] in ("=", ":") and question.startswith(index.display[m.name][-1], m.end)  # "Descripton=")
        or titled(index, question, m))]  # (a name in title case written so mid-sentence: "the current Format version")
    context = files_placed(index, question, mentions)
    if labelled and any(m.name not in index.vocabulary for m in mentions if m not in context):  # (not "in veritytab")
        mentions = [m for m in mentions if m not in labelled]
    elif _IT.search(question):  # "it" names another, the name after a word of the same label is that label's: "which
        mentions = [m for m in mentions if m not in labelled or not (  # man section is it in?" (section, a name too)
            (before := _WORD_BEFORE.search(question[:m.start])) and fold(before.group(1)) in index.vocabulary - index.words.stopwords
            and m.said.casefold() in english_words())]  # (not a coined name: "how do I mount sysfs if it isn't there?")
    # an English word for a name the KB writes otherwise, right after "what" or "which", beside another name, is the
    # word asked ("what format does the date field's value have to be in?" where Format is a field too)
    # (or, any word, after an indefinite article: "what format must a hostname passed to SetHostname() have" of Hostname)
    asked = [m for m in mentions if english_as_such(index, m) and _ASKED_NOUN.search(question[:m.start]) or (
        m.said.islower() and not index.display.get(m.name, "").islower() and _INDEFINITE.search(question[:m.start])
        and _HEAD_ENDS.match(question, m.end))]  # (the noun itself: not "udp" of "on a udp socket")
    mentions = [m for m in mentions if m not in asked] if len(asked) < len(mentions) else mentions
    # ... and so is a name written as where the question's facts come from ("according to the shadow page")
    source = [m for m in mentions if _SOURCE.search(question[:m.start]) or _SOURCE_PAGE.search(question[:m.start])
              and _PAGE_AFTER.match(question, m.end)]
    mentions = [m for m in mentions if m not in source] if len(source) < len(mentions) else mentions
    words = [m for m in mentions if worded(m) and m not in joined]
    owned = [m for m in mentions if _POSSESSIVE.search(question[:m.start]) and (  # "And its version?", and "its name
        m in words or m.said.islower() and m.said.isalpha() and m.said in index.vocabulary)]  # field" of the KB's Name
    if not words and not owned:
        return mentions
    if owned:
        return [m for m in mentions if m not in owned]
    others = [m for m in mentions if m not in words and m not in context]
    named_else = others or any(not any(w.start <= t.start() < w.end for w in words)
                               and (t.start() > 0 and t.group()[0].isupper() and t.group() != "I"  # (not "do I")
                                    and not _in_values(index, question, t.start())  # (nor "ABNF", written in the values)
                                    or "_" in t.group() or "::" in t.group())
                               for t in _NAME_LIKE.finditer(question))
    return others if named_else else mentions


def _in_values(index: NameIndex, question: str, start: int) -> bool:
    """Whether the word at ``start``, with any words hyphenated to it ("Build-Depends-Version"), is written in the KB's
    values ("ABNF" of "ABNF notation"): a word of the KB's own, not a name it lacks."""
    whole = re.match(r"[\w-]*\w", question[start:])
    return bool(whole) and f" {' '.join(m.group() for m in tokens(whole.group()))} " in index.prose


def values_not_names(index: NameIndex, question: str, mentions: list[Mention]) -> tuple[list[Mention], list[str]]:
    """A KB name that is also a value several entities hold ("filter" and "test" among Jinja's filters and tests,
    each the "kind" of the others) is that value when the question names something else it is not joined to by "and"
    or a comma ("the unique filter", "mapping - filter or test?"). Right after a word that is no KB name, no
    word of the KB or of its names and no English word ("truncatewords filter?"), or any such word after an article
    ("the strip filter"), it is the kind of that word, a name the KB lacks (not where the name is written short of its
    section or its folder: "the wrong locale" of locale(7), "the sample locale.conf" of /etc/locale.conf): the
    mentions without it and that word."""
    valued = [m for m in mentions if fold(index.display.get(m.name, "")) in index.kinds  # (a name of several
              and " " not in index.display.get(m.name, "").strip()  # words is a name: "… by Northdale Aggregates Ltd";
              and not re.fullmatch(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+", index.display.get(m.name, "").strip())  # a kind
              # is no constant: "what overrides SERVICES_AUTHORITATIVE?" of a variable several functions are "affected by"
              and not _written_whole(question, m, index.display.get(m.name, ""))  # so is "Storage=" written so,
              and not _KIND_AFTER.match(question, m.end)]  # and one its kind follows: "the ignore option")
    if not valued:
        return mentions, []
    joined = {m for a, b in itertools.pairwise(mentions) for m in (a, b)  # "for passwd and for systemd"
              if re.fullmatch(r"\s*(?:,|,?\s*and|&)\s*(?:(?:for|of|in|on|at|about|with|from|to)\s+)?(?:the\s+)?",
                              question[a.end:b.start])}
    others = [m for m in mentions if m not in valued]
    if others:
        return [m for m in mentions if m in others or m in joined and any(o in joined for o in others)], []
    before = [w for m in valued if not english_as_such(index, m)  # (not "the current time" of [Time])
              and not ((shown := index.display.get(m.name, "")).casefold() != m.said.casefold()
                       and re.fullmatch(rf"(?:.*/)?{re.escape(m.said)}(?:\s*\(\w+\))?", shown, re.IGNORECASE))
              for a, w in re.findall(r"(?<![\w-])(?:(the|an?)\s+)?([A-Za-z][\w-]*)\s+$",
                                                        question[:m.start], re.IGNORECASE)
              if fold(w) not in index.words.stopwords and (a or fold(w) not in english_words())
              and not any(fold(w) in known for known in (index.vocabulary, index.values, index.exact, index.key_words))]
    return ([], before[:1]) if before else (mentions, [])


def _written_whole(question: str, m: Mention, display: str) -> bool:
    """Whether the question writes the name as the KB does with a symbol the mention leaves out ("Storage=")."""
    end = m.start + len(display)  # (not "Storage=none": a value of it, written so)
    return display != m.said and question.startswith(display, m.start) and not question[end:end + 1].isalnum()


def other_programs(index: NameIndex, question: str, mentions: list[Mention]) -> tuple[list[Mention], list[NearMiss]]:
    """A program's option found by the option alone ("--clean" of the KB's "pg_dump --clean") but written after
    another program ("pg_dumpall --clean"): that program's option, a near miss; the mentions without them, and those
    near misses."""
    found = [(m, before) for m in mentions if " -" in index.display.get(m.name, "")
             and (before := re.search(r"([\w.+]+)\s+-{1,2}$", question[:m.start]))
             and fold(before.group(1)) not in english_words() | index.words.stopwords
             and not fold(index.display[m.name]).startswith(fold(before.group(1)) + " ")]
    # ... or found by the option alone beside another program named ("why pass -s to echotc?" of "bind -s"): its option
    lone = [m for m in mentions if " -" in (shown := index.display.get(m.name, "")) and fold(m.said) == fold(shown.split(" -")[1])
            and any(" " not in (other := index.display.get(o.name, "")).strip() and other != shown.split(" -")[0] for o in mentions)]
    return ([m for m in mentions if all(m is not o for o, _ in found) and m not in lone],
            [NearMiss(question[b.start(1):m.end], (index.display[m.name],)) for m, b in found])


# a dotted configuration key, a part of it maybe a placeholder ("submodule.<name>.active", "diff.submodule")
_DOTTED_KEY = re.compile(r"(?<![\w.<>/-])[A-Za-z_]\w+(?:\.(?:[A-Za-z_]\w*|<[\w-]+>))*\.[A-Za-z_]\w+(?![\w<>/-])")


def inside_keys(index: NameIndex, question: str, mentions: list[Mention]) -> tuple[list[Mention], list[NearMiss]]:
    """A name found in the head of a dotted key the question writes that is no KB name, where KB names share that head
    ("name" of "submodule.<name>.active", where the KB has "--name" and "submodule.<name>.branch"), is a part of that
    key, a near miss: the mentions without them, and those keys as near misses of the KB names closest to them. (Not
    the key's last part: "float16" of "np.float16" names the KB's float16.)"""
    keys = [k for k in _DOTTED_KEY.finditer(question) if index.key_of(k.group()) not in index.exact and any(
        d.startswith(k.group()[:k.group().rindex(".") + 1]) for d in index.display.values())]
    inside = [(m, k) for m in mentions for k in keys if k.start() <= m.start and m.end <= k.start() + k.group().rindex(".")]
    return ([m for m in mentions if all(m is not o for o, _ in inside)],
            [index._closest_to(k.group()) for k in dict.fromkeys(k for _, k in inside)])


# "the nohosts keyword": a lower-case word named as a keyword, an option, a setting …
_KEYWORD_NAMED = re.compile(r"\b(?:[Tt]he\s+(<[A-Za-z][\w-]*\s*/?>|--?[a-z][\w-]{2,}|[a-z_][a-z0-9_-]{3,}|[A-Z][A-Z0-9_]{2,}=?|[A-Za-z][\w-]{2,}=|[A-Z][a-z]+(?:-[A-Z][a-z0-9]+)+)"
                            r"|\b(?:an?|any)\s+([A-Z][A-Z0-9_]{2,}=?|[A-Za-z][\w-]{2,}=|[A-Z][a-z]+(?:-[A-Z][a-z0-9]+)+))\s+"  # (coined
                            r"(?:keyword|option|directive|setting|flag|key|variable|parameter|argument|command|type|field|element|tag|builtin|"
                            r"built-in|subcommand|function|macro|section)s?\b"  # after "a")
                            r"|\b[Ww]hat\s+(?:does|do)\s+([a-z_][a-z0-9_-]{3,}|[A-Z][A-Z0-9]*_[A-Z0-9_]+=?|[A-Za-z]\w{2,}=)\s+"  # ... or
                            r"(?:do|mean|set|control|limit)\b")  # asked what it does ("what does rttime limit in …", "FOO_BAR= do")
_FORMAT_CODE = re.compile(r"(?<![\w%])%[A-Za-z](?!\w)")  # a format directive, "%h"
# the owner as the subject ("does buildinfo support a Checksums-Sha512 field?")
_OWNS = re.compile(r"^\s+(?:supports?|allows?|accepts?|has|have|takes?|knows?|understands?)\s+(?:an?|any|the)\s+$", re.IGNORECASE)
# where a name is said to be: "in /etc/…", "inside a .dnssd file", "under /sys/bus", "in the context of machine-info", "from faillock.conf"
_PLACED = re.compile(r"\b(in|inside|under|from|within)\s+(?:(?:the|a|an|my|your|our)\s+)?(?:context\s+of\s+(?:the\s+)?)?(?:~?/|\.)?$",
                     re.IGNORECASE)
FILE_NAME = re.compile(r"^/|^\.\w|\.(?:conf|cfg|config|ini|toml|ya?ml|json|preset|service|d)(?:\(\d\))?$")


def _placed(question: str, m: Mention, inside: bool = False) -> bool:
    """Whether ``m`` is written as where something is ("in host.conf"; with ``inside``, not "from" or "within")."""
    hit = _PLACED.search(question[:m.start])
    return bool(hit) and not (inside and hit.group(1).casefold() in ("from", "within"))


def files_placed(index: NameIndex, question: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions of files written as where another name lives ("in /etc/veritytab", "in gai.conf")."""
    return [m for m in mentions if _placed(question, m, inside=True) and FILE_NAME.search(index.display.get(m.name, ""))]


def unknown_keyword(index: NameIndex, question: str, mentions: list[Mention], unknown: list[NearMiss]
                    ) -> tuple[list[Mention], list[NearMiss]]:
    """A keyword the question names as one ("what does the nohosts keyword do in host.conf?") that is no KB name, no
    word of its labels or values and no English word, where every name it writes says only where that keyword lives
    ("in host.conf") or whose it is ("of pam_time"): the question is about a keyword the KB lacks, a near miss of the
    closest names. So is a format code ("%g") the KB's own codes (three or more: "%c", "%d", …) lack, and a subcommand
    (:func:`_other_subcommand`). A file written
    as where another name written lives ("what does the multi keyword do in host.conf?") is no name asked about."""
    if (sub := _other_subcommand(index, question, mentions)) is not None:
        return [], [sub]
    codes = sorted(n for n in index.display.values() if _FORMAT_CODE.fullmatch(n))  # ("%h", "%t" of core(5))
    unknown_code = next((c for c in _FORMAT_CODE.findall(question) if c not in codes), None) if len(codes) >= 3 else None
    if unknown_code is not None:  # "what does %g expand to in core_pattern?" where the KB's codes lack %g
        same = [c for c in codes if c.casefold() == unknown_code.casefold()]
        return [], [NearMiss(unknown_code, tuple(same + [c for c in codes if c not in same])[:3])]
    for hit in _KEYWORD_NAMED.finditer(question):
        group = next(g for g in (1, 2, 3) if hit.group(g))
        said, (s, e) = hit.group(group), hit.span(group)
        word, coined = fold(said).rstrip("="), said[0].isupper() or said.endswith("=") or "_" in said or said[0] in "<-"  # (whole:
        known = index.exact | index.vocabulary | index.values | (  # ("APPEND=": a setting's name, if an English word)
            frozenset() if coined else english_words())
        if (index.key_of(said) in index.exact or any(w in known for w in (word, *(  # "OPERATING_SYSTEM=",
                () if coined else re.split(r"[-_]", word))) if w)  # not its "system")
                or any(m.start < e and s < m.end for m in mentions)  # ("command-line"; a label's words: "Multi-Arch")
                or "-" in word and all(w in index.vocabulary for w in word.split("-"))
                or re.search(r"types?$", hit.group()) and not any(c.isdigit() for c in said)):  # (a type's name: "beid3";
            continue  # not "the ggml type index of bf16")
        kind = [m for m in mentions if m.start > e and not question[e:m.start].strip()]  # (the kind named, a KB name
        rest = [m for m in mentions if m not in kind]  # too: "the beid3 type" where "type" is one)
        if mentions and all(_placed(question, m) or (coined or FILE_NAME.search(index.display.get(m.name, ""))) and (_OWNER.search(
                question[:m.start]) or _OWNS.match(question[m.end:s])) for m in rest):  # (a file named:
            # "in faillock.conf"; or its owner: "the conffile= option of pam_time")
            return [], unknown or [index._closest_to(said)]  # (the near miss found already: "hash-offset=")
    # a file written as where another name lives ("syntax of a label line in gai.conf"): the other name is asked about,
    # where it is written in the same clause (not "which fields in an integritytab line are mandatory, and how is …")
    held = files_placed(index, question, mentions)
    held = [m for m in held if any(o not in held and not _CLAUSE_BREAK.search(question[min(m.end, o.end):max(m.start, o.start)])
                                   for o in mentions)]
    return [m for m in mentions if m not in held] or mentions, unknown


def _other_subcommand(index: NameIndex, question: str, mentions: list[Mention]) -> NearMiss | None:
    """A command the question writes with a subcommand the KB lacks (no English word: not "git command"), where the KB
    names two or more of its subcommands ("systemctl set-default" beside "systemctl isolate", "systemctl enable"): a
    near miss of those."""
    heads: dict[str, list[str]] = {}
    for name in index.display.values():
        if len(parts := name.split()) == 2 and re.fullmatch(r"[a-z][\w.-]+", parts[0]):
            heads.setdefault(parts[0], []).append(name)
    for hit in re.finditer(r"(?<![\w.-])([a-z][\w.-]+)\s+([a-z][\w-]+)", question):
        head, sub = hit.group(1), hit.group(2)
        if (len(heads.get(head, ())) >= 2 and index.key_of(hit.group()) not in index.exact and sub not in english_words()
                and sub not in index.vocabulary and not any(m.start < hit.end() and hit.start() < m.end for m in mentions)):
            return NearMiss(hit.group(), tuple(heads[head][:3]))
    return None


# a file's path, a configuration file's name or a pattern of file names ("/etc/security/limits.conf", "environment.d",
# "limits.conf", "~/.inputrc", "pack-*.keep")
_PATH_WRITTEN = re.compile(r"(?<![\w.])(?:~?/(?:[\w.@+-]+/)*[\w@+-]*\.[\w.-]*\w|[a-z][\w-]*\.(?:conf|d|cfg|ini|rc|toml|ya?ml)"
                           r"|[\w-]*\*[\w-]*\.[A-Za-z]\w*)(?![\w/])")


def unknown_paths(index: NameIndex, question: str, mentions: list[Mention]) -> list[str]:
    """Paths and configuration file names the question writes that are no KB name and that no KB value writes
    ("what's the line syntax of /etc/security/limits.conf?" of a KB about pam_env.conf): names of things the KB does
    not hold."""
    found = []
    for m in _PATH_WRITTEN.finditer(question):
        words = " ".join(t.group() for t in tokens(m.group()))
        if (not any(x.start < m.end() and m.start() < x.end for x in mentions) and index.key_of(m.group()) not in index.exact
                and f" {words} " not in index.prose and words not in index.display):
            found.append(m.group())
    return found


def dotted_apart(question: str, toks: Sequence[re.Match], i: int, n: int, display: str, first_named: bool) -> bool:
    """Whether the words ``toks[i:i + n]``, found as a name that joins them by punctuation (``display``,
    "mailmap.file"), are written apart after a dot that makes the first word another KB name (``first_named``): the
    file ".mailmap" and the word "file", not the option."""
    start = toks[i].start()
    return (first_named and question[start - 1:start] == "." and (start < 2 or not question[start - 2].isalnum())
            and " " not in display.strip() and not question[toks[i].end():toks[i + 1].start()].strip(" "))


_PLAIN_WORDS = re.compile(r"[a-z]+(?:'s)?(?:\s+[a-z]+(?:'s)?)*")


def plain_words(miss: NearMiss, names: Iterable[str] = ()) -> bool:
    """Whether a near miss is written in lower-case English words alone beside a closest KB name that is no proper name
    ("deny lines" beside "deny statements", "slab objects" beside "Slab field"): the way a question describes a thing,
    not a name mistyped or another thing's name (those carry a capital, a digit, a symbol or a word that is no English
    word: "Model X9-glx", "nopasswd"; or stand beside a name in title case: "flea treatment spray" beside "Flea
    Treatment Bath"; or are a KB name, among ``names``, less its last words: "neutron mass energy equivalent" beside
    "… in MeV"; or are named like the KB's plain names: :func:`_sibling`)."""
    said, closest = " ".join(miss.said.split()), miss.closest[0] if miss.closest else ""
    worded = [w for w in closest.split() if w[:1].isalpha()]
    titled = bool(worded) and all(w[:1].isupper() for w in worded)
    lead, names = said.casefold() + " ", list(names)  # (a name less its qualifier is another thing the KB lacks)
    plain = _PLAIN_WORDS.fullmatch(said) and all(w.removesuffix("'s") in english_words() for w in said.split())
    return bool(plain) and not titled and not any(n.casefold().startswith(lead) for n in names) and not _sibling(said, names)


def _sibling(said: str, names: list[str]) -> bool:
    """Whether ``said`` is named the way the KB names things, most of its names plain lower-case English words too,
    sharing a first or a last word with one ("dark orchid" beside "orchid", "sleepy cat" beside "sleepy face", "cargo
    upgrade" beside "cargo update"): another thing of the KB's kind, one it lacks, not a description."""
    plain = [n.split() for n in names if _PLAIN_WORDS.fullmatch(n) and all(w in english_words() for w in n.split())]
    words = said.casefold().split()
    return len(plain) * 2 >= len(names) > 0 and len(words) > 1 and any(
        ws[:1] == words[:1] or ws[-1:] == words[-1:] for ws in plain)


def plain_misses_dropped(index: NameIndex, question: str) -> tuple[list[Mention], list[NearMiss]]:
    """A question's names and near misses (:meth:`NameIndex.find`), without its one near miss when it names nothing and
    that miss is :func:`plain_words`: read as a question naming no KB name, found by what it describes if at all."""
    mentions, misses = index.find(question)
    plain = not mentions and len(misses) == 1 and plain_words(misses[0], index.display.values())
    return mentions, [] if plain else misses
