"""KB names found only as written: names of one character ("t", "f" of scipy.stats) and names of symbols ("^", "|"
of matplotlib's markers, "%a" of strftime), where they stand as a name in the question. ``names`` maps each such name
as written to its index key (:class:`kblam.entities.NameIndex`)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .mentions import Mention

# the kind of thing a one-letter name is, written after it ("a w line", "c lines", "the z entry", "the C type")
_KIND_AFTER = re.compile(r"\s+(?:lines?|entry|entries|types?|specifiers?|directives?|options?|flags?|modes?|"
                         r"registers?|fields?|columns?|variables?)\b", re.IGNORECASE)
# ... after an article or a preposition, or first
_KIND_BEFORE = re.compile(r"(?:^|[(,:;]\s*|\b(?:a|an|the|each|every|any|this|that|these|those|for|of|on|in|about|to|with|"
                          r"and|or)\s+)$", re.IGNORECASE)  # (not "what c type does 'l' map to?")


def single(question: str, taken: list[bool], toks: Sequence[re.Match], names: dict[str, str],
           stopwords: frozenset[str]) -> list[Mention]:
    """One-character names, written exactly (case too) and standing as a name: possessive ("t's"), between "the"
    and a noun ("the f distribution"), after "of"/"for"/"about" at the end of the question ("summary of t?"),
    quoted (also as a tag: "<i>"), before a word saying what kind of name it is ("a w line", "c lines"), with symbols
    glued after it ("p+"), or an upper-case letter on its own ("F mode's base type?"); "I" and "a" only between "the"
    and a noun or quoted ("A" also after "for" at the end: "same for A?"); never a letter an apostrophe or a hyphen
    is attached to ("don't", "f-string")."""
    found = []
    for i, tok in enumerate(toks):
        said = question[tok.start():tok.end()]
        if taken[i] or said not in names:
            continue
        before, after = question[:tok.start()], question[tok.end():]
        if (before and before[-1] in "'\u2019-" and not re.search(r"(?:^|[\s=(\[,])['\u2019]$", before)
                or after[:1] == "-"):
            continue
        glued = re.match(r"[+#]+(?=[\s?.!,;:)]|$)", after)  # "p+", "a+" of tmpfiles.d's types: a name as written
        if glued and not re.search(r"\w$", before):
            found.append(Mention(names[said], tok.start(), tok.end(), said, True))
            continue
        the_noun = re.search(r"\b(?:the|lower-?case|upper-?case|capital|small)\s$", before, re.IGNORECASE) and re.match(
            r"\s+[a-z]{3,}", after)
        quoted = re.search(r"[`'\"\u2018\u201c]$|</?$", before) and re.match(r"[`'\"\u2019\u201d>]", after)  # or "<i>"
        closing = re.search(r"\b(?:of|for|about|on)\s$", before, re.IGNORECASE) and re.match(r"\s*(?:[?.!]|$)", after)
        if names[said] in stopwords:  # "I", "a": a name only as "the I mode" or quoted, or "same for A?"
            standing = the_noun or quoted or said.isupper() and said != "I" and closing
        else:  # "t's", "the f distribution", "summary of t?", "F mode's base type?", "for F images", "a w line"
            standing = (re.match(r"['\u2019]s\b", after) or the_noun or quoted or closing
                        or _KIND_AFTER.match(after) and bool(_KIND_BEFORE.search(before))
                        or said.isupper() and not re.match(r"\.\s+[A-Z]", after))  # not an initial ("F. Scott")
        if standing:
            found.append(Mention(names[said], tok.start(), tok.end(), said, True))
    return found


def symbols(question: str, mentions: list[Mention], names: dict[str, str]) -> list[Mention]:
    """Names without a letter or digit, written exactly: quoted ("the '^' marker", "marker='|'") or standing
    apart between spaces ("the ^ marker"); longest first, outside the names already found."""
    found: list[Mention] = []
    for name in sorted(names, key=len, reverse=True):
        for m in re.finditer(re.escape(name), question):
            s, e = m.span()
            before, after = question[:s], question[e:]
            quoted = re.search(r"[`'\"\u2018\u201c]$", before) and re.match(r"[`'\"\u2019\u201d]", after)
            apart = re.search(r"(?:^|\s)$", before) and re.match(r"(?:\s|$|[?.,;:!)]|['\u2019]s\b)", after)
            if apart and not quoted and name in _DASHES and not (re.search(r"\b(?:the|an?)\s+$", before, re.IGNORECASE)
                                                              or re.match(r"\s+(?:character|sign|prefix|symbol)", after)):
                continue  # a dash between words is punctuation ("netmask format - cidr number or …?"), not the name "-"
            if (quoted or apart) and not any(x.start < e and s < x.end for x in mentions + found):
                found.append(Mention(names[name], s, e, name, True))
    for spoken in _SPOKEN.finditer(question):  # "a single asterisk" of "*", "a line starting with a hash" of "#"
        name = SYMBOL_WORDS[re.sub(r"\s+", " ", spoken.group(1).casefold()).removesuffix("s")]
        s, e = spoken.span(1)
        if name in names and not any(x.start < e and s < x.end or x.name == names[name] for x in mentions + found):
            found.append(Mention(names[name], s, e, spoken.group(1), False))  # (once: "the underscore marker '_'")
    return found


_DASHES = frozenset("-\u2013\u2014")
# symbols named in words: a name the KB holds (here), a value a question asks about (:func:`pointed_values.code_quoted`)
SYMBOL_WORDS = {"dot": ".", "slash": "/", "forward slash": "/", "tilde": "~", "asterisk": "*", "star": "*",
                "double asterisk": "**", "double star": "**", "two asterisk": "**", "caret": "^", "backslash": "\\",
                "semicolon": ";", "underscore": "_", "ampersand": "&", "hyphen": "-", "colon": ":", "exclamation mark": "!",
                "exclamation point": "!", "bang": "!", "question mark": "?", "at sign": "@", "dollar sign": "$",
                "percent sign": "%", "plus sign": "+", "equals sign": "=", "hash": "#", "hash sign": "#", "pound sign": "#",
                "number sign": "#", "octothorpe": "#", "pipe": "|"}
_SPOKEN = re.compile(r"\b(" + "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in SYMBOL_WORDS),
                                             key=len, reverse=True)) + r")(?:s|es)?\b", re.IGNORECASE)


def written_whole(question: str, start: int, end: int, names: Sequence[str]) -> tuple[str, int, int] | None:
    """Of names that fold to the same words ("${HOME}" and "@{HOME}" of pam_env.conf), the longest one the question
    writes whole, symbols and brackets too, over the words found at ``start:end``: (that name, its start, its end).
    Names told apart by case alone are left out."""
    text, best = question.casefold(), None
    folded = [name.strip().casefold() for name in names]
    for name in sorted(names, key=lambda n: len(n.strip()), reverse=True):
        form = name.strip().casefold()
        if folded.count(form) > 1:  # told apart by case alone: left to the case
            continue
        at = text.find(form, max(0, start - len(form)))
        while 0 <= at <= start:
            if at + len(form) >= end:
                if best is None:
                    best = (name, at, at + len(form))
                break
            at = text.find(form, at + 1)
    return best
