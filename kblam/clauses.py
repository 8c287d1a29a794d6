"""The shape of a question as a whole: where a compound question splits into the clauses that each ask something
("What version is sed, and who maintains it?", "Was X shut? When exactly?"), which :func:`matching.match_question`
matches one by one; the question a request asks ("Tell me who wrote X"); the KB's keeper addressed as "you"."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz.distance import OSA

from .conversation import FILLER
from .entities import tokens
from .intents import asks_purpose
from .labels import page_of
from .mentions import Mention, NearMiss
from .typos import english_form
from .wording import wh_merged

# the words of a clause that asks nothing: filler ("ok, and …") and instructions about the answer ("Give both counts.")
_NO_QUESTION = FILLER | {"give", "both", "each", "please", "list", "show", "tell", "counts", "them", "us"}
# Where a compound question's next clause starts: "…, and who maintains it?", "…? And its homepage?", "… and tell me
# what quantity it measures", "…, and in which release did it first appear?", "…, and is it deprecated?"
_CLAUSE = re.compile(r"\s*[,;]?\s+and\s+(?:(?:also\s+)?(?:tell|give|show)\s+(?:me|us)\s+)?"
                     r"(?=(?:if\s+so\W*\s)?(?:(?:in|on|at|from|since|by|for|to|with|under)\s+)?"
                     r"(?:who|whom|whose|what|which|where|when|why|how)\b"
                     r"|(?:is|are|was|were|does|do|did|has|have|can)\s+(?:it|they)\b"
                     # "…, and does rustc still emit it?", "… send it back too?": a yes/no clause pointing back
                     r"|(?:is|are|was|were|does|do|did|has|have|can)\s+\w+(?:\s+\w+){0,3}?\s+(?:it|them)"
                     r"(?:\s+(?:back|too|also|either|again|out|in|on|off|up|down|over|now|still)){0,2}\s*[?.!]*$)"
                     r"|(?<=\?)\s+(?=\S)", re.IGNORECASE)


_WH_ALONE = re.compile(r"\W*(?:where|when|who|whose)\s+(?:is|are|was|were)\s+(?:it|they|he|she)\s*[?.!]*$", re.IGNORECASE)


_WORD = re.compile(r"\b[A-Za-z]{3,8}\b")
_WH_WORDS = ("what", "which", "where", "when", "who", "whose", "why", "how")
_GLUED = frozenset("-_./=:@")  # what joins the parts of an identifier
_ASKING_WORDS = (*_WH_WORDS, "the", "return", "returns", "default")  # ("whats teh object path": "the"; "what does X
# retrun?": "return")


_CONTRACTED_WH = re.compile(r"\b(what|where|who|how|that|there)s\b", re.IGNORECASE)


def wh_respelt(question: str) -> str:
    """The question with its misspelt question words written right ("wher does X live", "whch unit types …", "tell me
    wich slice …", "whats teh object path"): a word that is no English word and one edit (a letter swapped, dropped,
    added or changed; of three letters, only swapped: "rho" is no "who") from one asking word alone (a question word,
    "the", "return", "default"); a question word run on ("whats"), an acronym and a part of an identifier stay."""
    def respelt(found: re.Match) -> str:
        word, start, end = found.group().lower(), found.start(), found.end()
        if english_form(word) or word.startswith(_WH_WORDS) or found.group().isupper() or (  # ("whats": "what's";
                question[start - 1:start] in _GLUED or question[end:end + 1] in _GLUED and question[end + 1:end + 2].isalnum()):
            return found.group()  # no acronym, "WMO", nor a part of an identifier: "dhe-rsa-…", "--inspect-wiat")
        close = [w for w in _ASKING_WORDS if OSA.distance(word, w) == 1 and (len(word) > 3 or sorted(word) == sorted(w))]
        close = [w for w in close if len(w) == len(word) + 1] or close  # a letter dropped first ("wher": where, not when)
        return close[0] if len(close) == 1 else found.group()
    return _WORD.sub(respelt, question)


def split_clauses(question: str) -> tuple[str, list[str]]:
    """The question (its clauses joined again where a lone question word was merged into the one before, a misspelt
    question word that opens it written right, "whats", "hows", … typed without the apostrophe written with it) and
    the clauses that ask something; one clause, or none, when it is no compound question."""
    question = wh_respelt(_CONTRACTED_WH.sub(r"\1's", question))  # ("whats the X do": "what's the X do")
    cuts = [m for m in _CLAUSE.finditer(question) if question[m.end():].strip()]
    if not cuts:
        return question, [question]
    starts = [0] + [m.end() for m in cuts]
    ends = [m.start() for m in cuts] + [len(question)]
    clauses = wh_merged([question[a:b] for a, b in zip(starts, ends, strict=True)])  # "Was X shut? When exactly?"
    question = " ".join(c.strip() for c in clauses) if len(clauses) < len(starts) else question
    # "ok, and what's its …?"; "…, sin or exp? Give both counts." (an instruction about the answer, no question)
    # ("…, and what does it do?" asks in function words alone; "…, and where is it?" in a question word alone)
    return question, [c for c in clauses if any(m.group() not in _NO_QUESTION for m in tokens(c)) or asks_purpose(c)
                      or _WH_ALONE.match(c)]


# the KB's keeper addressed ("Are you open on Sundays?", "What's your phone number?", "what r ur opening hours")
# (not "Can you explain …", "Can you give me …": a request to the assistant)
ADDRESSED = re.compile(r"\b(?:your|ur)\b|\b(?:are|do|will|can|when|what\s+time)\s+(?:you|u)\s+(?:open|close|shut|charge|"
                       r"take|accept|need|use|offer|deliver)\b", re.IGNORECASE)
# "this man page", "the manual page": a KB of one page's facts, the entity holding its "man section"
_MAN_PAGE = r"(?:man(?:ual)?[\s-]+page|manpage)"
_THIS_PAGE = re.compile(rf"\b(?:this|the|that)\s+(?:{_MAN_PAGE}|page)\b", re.IGNORECASE)


def _page(triples: Sequence) -> str | None:
    """The page a KB of one page's facts is about (:func:`labels.page_of`)."""
    return page_of((t.name, t.property) for t in triples)


def addressed_entity(question: str, triples: Sequence, best: str) -> tuple[str, re.Match] | None:
    """The entity a question names by addressing it, and the words that do: the KB's keeper (:data:`ADDRESSED`), the
    entity ``best`` whose key fits the question best; or "this man page" of the first entity holding a man section
    (the page the KB is about, pages it cites after it)."""
    if found := ADDRESSED.search(question):
        return best, found
    page = _page(triples)
    return (page, found) if page is not None and (found := _THIS_PAGE.search(question)) else None


# a question asked inside a request ("Tell me who wrote X.", "Do you know when X opens?"): the question itself
_EMBEDDED = re.compile(r"^\W*(?:(?:please\s+)?(?:tell|show|let)\s+me(?:\s+know)?|(?:can|could|would)\s+you\s+(?:tell|let)\s+"
                       r"me(?:\s+know)?|do\s+you\s+know|i(?:['\u2019]d|\s+would)\s+like\s+to\s+know|i\s+(?:want|need)\s+to\s+"
                       r"know|any\s+idea)\s*,?\s+(?=(?:who|when|where|which|how|whether)\b)", re.IGNORECASE)  # (not "what": "Tell
# me what X does" asks as it is)


def asked_inside(masked: str) -> str:
    """The question a request asks ("Tell me who wrote X." -> "who wrote X."); ``masked`` unchanged when none."""
    return _EMBEDDED.sub("", masked)


_LABEL_WORD = re.compile(r"\b(?!manual\b|page\b|section\b)[a-z]{4,}")  # (a word of a label, not one of "man page")


def page_beside(question: str, triples: Sequence, mentions: list, key_of) -> str | None:
    """The page the KB is about (:func:`addressed_entity`), where a question that names other things says "the man page"
    of it and asks in so many words for what only the page holds ("which notation does the man page use to define the
    bundle format?": its "notation"; not "what does the man page say about the pack?"): asked beside them."""
    found = _THIS_PAGE.search(question)  # (before the triples are scanned: most questions say no "man page")
    if found and re.search(r"\b(?:from|according\s+to|in|on)\s+$", question[:found.start()], re.IGNORECASE):
        return None  # where it is read, not what is asked: "give me the description of X from the page"
    page = _page(triples) if found else None
    if page is None or any(m.start < found.end() and found.start() < m.end for m in mentions):
        return None
    named = {m.name for m in mentions}
    own = ({w for t in triples if t.name == page for w in _LABEL_WORD.findall(t.property.casefold())}
           - {w for t in triples if key_of(t.name) in named for w in _LABEL_WORD.findall(t.property.casefold())})
    return page if key_of(page) not in named and own & set(_LABEL_WORD.findall(question.casefold())) else None


# the page named by what it documents ("this protocol v2 man page", "the fips_config manual page")
_NAMED_PAGE = re.compile(rf"\b(?:this|the)\s+((?:[\w.()-]+\s+){{1,3}}?){_MAN_PAGE}\b", re.IGNORECASE)


def page_written(question: str, triples: Sequence, mentions: list, key_of) -> list | None:
    """The mentions with those written as what "this … man page" documents put as the page the KB is about (:func:`
    _page`): "which Git release is this protocol v2 man page from?" asks the page, not the protocol; None if none."""
    found = _NAMED_PAGE.search(question)
    page = _page(triples) if found else None
    inside = [m for m in mentions if found and found.start(1) <= m.start and m.end <= found.end(1)] if page else []
    if not inside:
        return None
    kept = [m for m in mentions if m not in inside and m.name != key_of(page)]
    return [Mention(key_of(page), found.start(), found.end(), found.group(), False), *kept]


# a page written as where the thing asked lives ("… to vi style in editrc?", "… or full ones in hosts.equiv?")
_PLACE_BEFORE = re.compile(r"\s*\b(?:in|inside|within|for|from|with|under|using)\s+(?:the\s+|an?\s+|my\s+|your\s+)?"
                           r"(?:[\w.+-]*[\d+-][\w.+-]*\s+)?$", re.IGNORECASE)  # (and a code before it: "the UTF-8 charmap")


# another name written as where the thing asked lives ("the magic signature at the start of a commit-graph file")
_INSIDE_BEFORE = re.compile(r"\s*\b(?:in|inside|within|at\s+the\s+(?:start|end|beginning|top|head)\s+of)\s+"
                            r"(?:the\s+|an?\s+|each\s+)?$", re.IGNORECASE)
_CONTAINER = re.compile(r"^\s+(?:file|files|chunk|chunks|section|table)\b", re.IGNORECASE)  # ("… a X file")


_CITED = frozenset({"man section", "man sections", "section", "listed in", "see also"})  # what a page only cited has


def cited_place(question: str, mentions: Sequence, triples: Sequence, by_key, display) -> NearMiss | None:
    """Of a question naming two things, the second written as where the first lives, where the KB only cites that
    one (its man section, where it is listed: "what is the default escape character in a charmap file?" of a KB
    about repertoire maps that lists charmap(5)): what it asks lives in a page the KB does not describe, a near miss
    of the first; else None."""
    if len(names := list(dict.fromkeys(m.name for m in mentions))) != 2 or mentions[-1].name != names[1]:
        return None
    last = mentions[-1]
    held = {triples[i].property for i in by_key.get(last.name, ())}
    if not held or not held <= _CITED or _INSIDE_BEFORE.search(question[:last.start]) is None:
        return None
    return NearMiss(question[mentions[0].start:last.end], (display[names[0]], display[names[1]]))


def page_as_place(question: str, index, triples: Sequence, found, match, threshold: float | None):
    """``found``, the question's match; or, where it is refused at ``threshold``, the match (``match``) of the
    question without the place it writes, when that one passes: the one name written is the page the KB is about
    (:func:`addressed_entity`), written as where the thing asked lives ("how do I switch all my key bindings to vi
    style in editrc?"), found by what it describes; or the second of two names is written as the place of the first
    ("what's the magic signature at the start of a commit-graph file?")."""
    if threshold is None or not found.refused(threshold) or found.near_miss is not None:
        return found
    mentions, misses = index.find(question)
    names = list(dict.fromkeys(index.display[m.name] for m in mentions))
    if misses or not names:
        return found
    if len(names) == 2 and mentions[-1].name != mentions[0].name:
        place, last = _INSIDE_BEFORE.search(question[:mentions[-1].start]), mentions[-1]
    elif names == [page := _page(triples)] and page is not None:
        place, last = _PLACE_BEFORE.search(question[:mentions[0].start]), mentions[0]
    else:
        return found
    if place is None or last is not mentions[0] and place.start() < mentions[0].end:
        return found
    rest = question[last.end:]
    again = match((question[:place.start()] + rest[(kind.end() if (kind := _CONTAINER.match(rest)) else 0):]).strip())
    return found if again.refused(threshold) else again
