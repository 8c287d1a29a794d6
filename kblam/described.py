"""An entity a question names by no form of its name but describes by its kind and what it does ("the option that
makes recvmsg hand me the original destination address", "option to disable netfilter reassembly of outgoing
packets", "field that keeps the original syslog line as received"): the one whose prose value (its description) the
describing clause is close to, by a clear margin over every other entity. Narrow on purpose: among questions that name
nothing, the KB's own refusals far outnumber the answerable ones (the ~290 KBs of ``bench/match_fresh.py``: 396
refusals against 75), so only a clause headed by a kind noun and a relative or "to" clause is read, and only a close
and unrivalled description is taken. A wider reading (:func:`described_by_meaning`) matches the whole question to the
entities' descriptions, under the guards described above it."""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

from .encoder import EmbeddingCache, EncodedKB, Encoder
from .entities import STOPWORDS, NameIndex, fold, tokens
from .intents import intent_words, label_written, stem
from .kb_index import name_index
from .mentions import Mention, NearMiss
from .not_names import FILE_NAME
from .typos import _typo, american, camel_words, english_form, misspelt_english
from .value_fit import _cosine, prose_properties
from .value_lookup import labelled_value, placed_entity
from .wording import _HOW, _HOW_NOUNS

# a kind noun of a reference KB and what the thing does or holds ("the option that …", "field that keeps …", "the
# setting used to …"); up to a colon, a dash, a semicolon or a question mark, where what is asked of it begins
_DESCRIBING = re.compile(r"\b(?:(?:the|an?)\s+)?(?:option|field|setting|flag|parameter|attribute|directive|variable|"
                         r"key|entry|signal|capability|extension|knob|sysctl)\s+(?:that|which|to|whose|used\s+to)\s+"
                         r"(?:(?!\s-\s)[^?:;,\u2014\u2013])+", re.IGNORECASE)
DESCRIBED_LEAST = 0.55  # cosine of the clause with the entity's description, at least
DESCRIBED_MARGIN = 0.18  # over the next entity's best description


def described_by_prose(question: str, kb: EncodedKB, index: NameIndex, encoder: Encoder,
                       cache: EmbeddingCache) -> Mention | None:
    """The entity the question describes by a kind noun and a clause (:data:`_DESCRIBING`), as a mention spanning that
    clause (so that what is asked of it is read without it), or None."""
    clause = _DESCRIBING.search(question)
    if clause is None:
        return None
    prose = prose_properties(kb)
    rows = [i for i, t in enumerate(kb.triples) if t.property in prose]
    if len(rows) < 2:
        return None
    sims = _cosine(cache.encode(encoder, [clause.group().strip()]), kb.value_emb[rows].float().numpy())[0]
    best: dict[str, float] = {}
    for i, s in zip(rows, sims.tolist(), strict=True):
        name = kb.triples[i].name
        best[name] = max(best.get(name, -1.0), s)
    ranked = sorted(best.values(), reverse=True)
    top = max(best, key=best.__getitem__)
    if ranked[0] < DESCRIBED_LEAST or len(ranked) > 1 and ranked[0] - ranked[1] < DESCRIBED_MARGIN:
        return None
    end = clause.start() + len(clause.group().rstrip())
    return Mention(index.key_of(top), clause.start(), end, question[clause.start():end], False)




# The wider reading: a question that names nothing may still describe one entity by what it means ("lowest GID handed
# out to ordinary groups?" of FIRST_GID, whose description says "GIDs for non-system groups … start of the range").
# Among such questions the KB's refusals outnumber the answerable ones, and most refusals name an unknown thing that
# resembles a KB entity ("Standing Figure I" beside "Standing Figure II", "npm set-script" beside "npm set"), so the
# entity is taken only when (1) its name and descriptions are close to the whole question (their cosine), (2) every
# name-like word of the question (an identifier, an acronym, a capitalised word inside the sentence, a word of three
# letters or more that is no English word) is one its values write (an identifier verbatim, as a word of its own) or
# one the values of many described entities write (the KB's own words: "fstab" of systemd's mount options), (3) its
# text holds a share of the question's content words, and (4) the question names no other thing by two capitalised
# words. Only entities with a description are read (an entity known by its name alone is only resembled, not
# described); a description is a value of prose or of a property labelled as one ("description", "summary", …).
MEANING_LEAST = 0.55  # cosine of the question with the entity's "name: descriptions", at least
# the entities closest by cosine are ranked again by it plus MEANING_WORDS times the share of the question's content
# words their text holds (:func:`_covered`): "which setting picks the signal sent first when a unit gets stopped?" of
# KillSignal= ("… it is sent as the first step of shutting down a unit"), third by cosine alone; one below the floor
# is taken with a cosine of MEANING_BY_WORDS and a sum of MEANING_WITH_WORDS
MEANING_RERANK, MEANING_WORDS, MEANING_BY_WORDS, MEANING_WITH_WORDS = 10, 0.3, 0.5, 0.68
MEANING_GUESS_MARGIN = 0.03  # a one-word guess at the entity stands unless another fits this much better
MEANING_OVER_GUESS = 0.7  # the least cosine of a described entity that overrules a guess at one with no description
MEANING_KIND_LEAST = 0.45  # the floor among the entities of the kind asked for ("which capability …": a capability)
_LISTED = re.compile(r"[^\s<>=!~\[(]+(?:\s*[<>=!~\[(].*)?")  # a listed item: one word, or one with a version after it
_ITEM_HEAD = re.compile(r"[\s<>=!~\[(]")  # where a listed item's name ends ("httpcore==1.*", "idna (>=2.8)")
MEANING_MOST = 3000  # entities with a description, at most (their embeddings are made once per KB, at its first use)
MEANING_COMMON = 0.1  # share of the described entities whose values write a word that is the KB's own ("fstab")
MEANING_COVERED = 0.3  # share of the question's content words (by stem) the entity's text holds, at least
# a property whose label says it describes the entity: its values of three words or more describe it, though too short
# to count as prose ("nproc: maximum number of processes" of limits.conf(5))
_DESCRIBING_LABEL = re.compile(r"(?:description|summary|meaning|purpose|definition|explanation|what it is)", re.I)
_WORD = re.compile(r"--?[A-Za-z][\w-]*=?|%[A-Za-z]|[\w][\w.:=()/+@-]*")
_CODE = re.compile(r"\w[-_.=:@/]\w|^[-%_]|\w=$|\d|\w\(\)$")  # an identifier: joined by punctuation, an option, a
# digit, a call, a format directive ("%e"), a leading underscore or a trailing "=" ("_PIDFDID=", "KillMode=")
_SENTENCE_START = re.compile(r"(?:^|[.?!:;\u2014\u2013\"'(]|\s-)\s*$")
# two capitalised words inside the sentence name a thing ("the club secretary at Hatherley Cross CC"): not described
# examples a question gives of the values it means, in brackets or after "such as", "like", "e.g." ("what wakes the
# machine over the lan (magic packet, arp etc)"): items of the entity's lists that describe it rather than name them
_EXAMPLES = re.compile(r"\(([^()]*)\)|\b(?:such\s+as|like|e\.?g\.?|for\s+example)\s+([^?.;]*)", re.IGNORECASE)
_PROPER_NAME = re.compile(r"(?<=[a-z,]\s)[A-Z][a-z]+\s+[A-Z]\w*")
_CONTENT_STOP = STOPWORDS | frozenset("""actually after anybody anyone anything as before box default each even ever every
gets go goes going happen happens here just kind like long make makes need needs only others really set somebody someone
something sort still thing things use used value want wants way""".split())  # (words that say nothing of the entity)


# what an entity is, by a property so labelled ("type: socket option", "kind: error code"): a question that asks
# "which option …", "what error …" ("errno") points at one of the entities of that kind (a value of three words at
# most, its parentheses left out: "type (management group)")
_KIND_LABEL = re.compile(r"(?:type|kind|category|class)", re.I)
_ASKED_KINDS = re.compile(r"\W*(?:which|what)\s+([a-z]+)(?:\s+([a-z]+))?", re.I)
_SAME_KIND = {"errno": "error", "errnos": "error", "env": "environment", "envvar": "environment", "var": "variable",
              "vars": "variable"}


def kinds(kb: EncodedKB) -> dict[str, frozenset[str]]:
    """Per word of a short kind value (:data:`_KIND_LABEL`), the entities of that kind; under "" those with a kind,
    under "\\x01" those without one (cached on the KB)."""
    cached = kb.derived.get("entity_kinds")
    if cached is None:
        found: dict[str, set[str]] = {}
        for t in kb.triples:
            if _KIND_LABEL.fullmatch(t.property.strip()):
                value = re.sub(r"\([^)]*\)", "", t.value)
                found.setdefault("", set()).add(t.name)  # (every entity with a kind, under "")
                for m in tokens(value) if len(value.split()) <= 3 else ():
                    found.setdefault(m.group(), set()).add(t.name)
        found["\x01"] = {t.name for t in kb.triples} - found.get("", set())  # (and those without one)
        cached = kb.derived["entity_kinds"] = {w: frozenset(n) for w, n in found.items() if w not in STOPWORDS}
    return cached


def of_asked_kind(question: str, kb: EncodedKB) -> frozenset[str]:
    """The entities of the kind the question asks for ("which capability …", "what module type …", "which errno …"),
    the word after "which"/"what" or the one after it, in the singular, and those whose kind the KB does not say; none
    where no entity is of that kind."""
    asked, known = _ASKED_KINDS.match(question), kinds(kb)
    for word in (asked.group(2), asked.group(1)) if asked else ():
        word = fold(word or "")
        word = _SAME_KIND.get(word, word)
        for form in (word, word[:-1] if word.endswith("s") else word):
            if form and form in known:
                return known[form] | known["\x01"]
    return frozenset()


def describing_properties(kb: EncodedKB, props: list[str]) -> list[str]:
    """Those of ``props`` whose label says they describe the entity ("description", "summary", "meaning", …, whatever
    the length of their values), else its prose properties (:func:`value_fit.prose_properties`): what "which setting
    …?" describing an entity, or "What does X do?", asks for."""
    return [p for p in props if _DESCRIBING_LABEL.fullmatch(p)] or [p for p in props if p in prose_properties(kb)]


def by_description(mentions: list[Mention], name: str, best: int, kb: EncodedKB, pool: list[int], meant: list[str],
                   masked: str) -> int | None:
    """Where the entity ``name`` was found by what the question says it means (a mention of no width) and the
    question asks for no property nor kind of value (``meant``: those it asks for): the question is its description,
    and the triple that answers it is ``best`` if that describes it, else the describing triple of ``pool`` when the
    words of ``best``'s label that the question writes are the description's own ("How do I start a section of the
    file that only applies to one terminal type?" of TERM's "Starts a terminal-specific section …", not its "global
    section"); or None. Such an
    answer is as sure as the match by meaning, whatever rival's label the question writes in passing ("how do i stop
    tracking a file that's already tracked" of ``git rm --cached``, beside others' "effect on tracked files")."""
    if meant or not any(m.whole and m.name == name for m in mentions):
        return None
    props = list(dict.fromkeys(kb.triples[i].property for i in pool))
    describing = describing_properties(kb, props)
    if kb.triples[best].property in describing:
        return best
    told = [i for i in pool if kb.triples[i].property in describing]
    text = {fold(m.group()) for i in told for m in tokens(kb.triples[i].value)}
    written = {fold(m.group()) for m in tokens(kb.triples[best].property)} & {fold(m.group()) for m in tokens(masked)}
    return told[0] if told and written - _CONTENT_STOP and written - _CONTENT_STOP <= text else None


_KIND_ASKED = re.compile(r"\W*(?:which|what)\s+([a-z]+)\b")  # "which ioctl tells me …": the kind of thing asked for


def _name_like(question: str) -> list[str]:
    """The words of ``question`` that read as names rather than as English: identifiers, acronyms, capitalised words
    inside the sentence, lower-case words that are no English word (nor an inflection of one)."""
    out, kind = [], _KIND_ASKED.match(question)
    for m in _WORD.finditer(question):
        word = m.group().rstrip(".:/")
        if not word:
            continue
        inside = not _SENTENCE_START.search(question[:m.start()])
        if (_CODE.search(word) or re.search(r"[a-z][A-Z]", word) or re.fullmatch(r"[A-Z]{2,}s?", word)
                or inside and word[0].isupper() and word != "I"
                or word.isalpha() and word.islower() and len(word) > 2 and not english_form(word)  # ("fs")
                and not misspelt_english(word) and not (kind and kind.end(1) == m.end())):  # ("recieved"; the
            out.append(word)  # kind asked for: "which ioctl …")
    return out


def _misspelt_in(word: str, text: str) -> bool:
    """Whether a folded word of five letters or more is a small typo of a word of ``text`` ("timout" of "timeout")."""
    return len(word) >= 5 and word.isalpha() and any(_typo(word, m.group()) for m in tokens(text) if len(m.group()) >= 5)


def _written(word: str, values: str) -> bool:
    """Whether a name-like ``word`` is one the folded ``values`` write: an identifier verbatim as a word of its own,
    another word's every part as a whole word or (from four letters) inside one."""
    if re.fullmatch(r"[A-Za-z0-9]+(?:/[A-Za-z0-9]+)+", word):  # each of "LDAP/AD" ("centralized (AD, IdM, LDAP …)")
        return all(_written(part, values) for part in word.split("/"))
    if re.fullmatch(r"[A-Za-z]+(?:-[A-Za-z]+)+", word) and fold(word) not in values:  # each of "ctrl-alt-del" (a name's
        return all(_written(part, values) for part in word.split("-"))  # words "ctrl alt del burst action")
    if re.fullmatch(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+", word) and re.search(r"\d", word) and fold(word) not in values:
        return all(_written(part, values) for part in word.split("-")  # "base64-encoded": its code, "base64"
                   if not part.isalpha() or not english_form(fold(part)))
    if _CODE.search(word):
        return re.search(rf"(?<![\w-]){re.escape(fold(word))}(?![\w-])", values) is not None
    held = [m.group() for m in tokens(values)]
    spaced, joined = f" {' '.join(held)} ", {a + b for a, b in zip(held, held[1:], strict=False)}
    return any(all(f" {p} " in spaced or f" {p}s " in spaced or len(p) >= 4 and p in spaced  # ("GID": "GIDs")
                   or len(p) >= 4 and p.endswith("s") and f" {p[:-1]} " in spaced  # ("diffs": "git-diff")
                   or len(p) >= 6 and (p in joined or f"{p}s" in joined)  # ("hugepage": "huge pages")
                   for p in (m.group() for m in tokens(form)))
               for form in {word, american(word)})  # either spelling ("optimise" of "… optimize the extent tree")


def _covered(question: str, text: str, common: frozenset[str] | None = None) -> float:
    """The share of the question's content words that a word of ``text`` begins with (their first five letters), or
    that begin with one of its words of three letters or more ("GIDs" of "GID"); "how deep" writes a "depth". Given
    the KB's own words (``common``), those and the kind asked for ("which specifier …") count only where ``text``
    holds them, and a possessive's "s" not at all (the KB's words only in the share that lets a description be taken,
    not in the one ranking the entities: they tell apart close ones, "/var" of SystemKeepFree)."""
    how, kind = {fold(m.group(1)) for m in _HOW.finditer(question)}, _KIND_ASKED.match(question)
    own = {m.group() for m in tokens(text)}
    skip = (common | {fold(kind.group(1))} if kind else common) - own if common is not None else frozenset()
    words = [_HOW_NOUNS[w] if w in how else american(w) for w in (m.group() for m in tokens(question))
             if w not in _CONTENT_STOP and not w.isdigit() and w not in skip and (common is None or len(w) > 1)]
    # (either spelling: "colour" of "color")
    if not words:
        return 1.0
    held = {m.group() for m in tokens(text)} - _CONTENT_STOP
    return sum(any(h.startswith(w[:5]) or len(h) >= 3 and w.startswith(h) for h in held) for w in words) / len(words)


def described_by_meaning(question: str, kb: EncodedKB, index: NameIndex, encoder: Encoder,
                         cache: EmbeddingCache, guess: Mention | None = None, worded: bool = False) -> Mention | None:
    """The entity a question that names nothing describes by what it means (see above), as a mention of no width at
    the question's end (the whole question says what is asked of it; the question itself is what was "said" of the
    entity, for the note on the name assumed), or None; None too where the entity of a one-word ``guess`` has no
    description or fits the question within :data:`MEANING_GUESS_MARGIN` of the best (``worded``: with the words the
    question writes of each counted, as in the ranking, where the guess is named as what the other acts on)."""
    docs = kb.derived.get("meaning_docs")
    if docs is None:
        prose, described, held = prose_properties(kb), {}, {}
        for t in kb.triples:
            describes = t.property in prose or _DESCRIBING_LABEL.fullmatch(t.property) and len(t.value.split()) >= 3
            described.setdefault(t.name, []).extend([t.value] if describes else [])
            held.setdefault(t.name, []).extend([t.property, t.value])
        names = [n for n, d in described.items() if d]  # (an entity known by its name alone is only resembled)
        names = names if len(names) <= MEANING_MOST else []
        emb = cache.encode(encoder, [f"{n}: {' '.join(described[n])}" for n in names]) if names else None
        items = {n: {fold(_ITEM_HEAD.split(i.strip())[0]) for v in held[n][1::2] for i in re.split(r"[,;]", v)
                     if _LISTED.fullmatch(i.strip()) or all(_CODE.search(w) for w in i.split())}  # ("httpx" requires
                 # "httpcore==1.*, certifi"; "imply: org.freedesktop.hostname1.set-hostname org.…": it names
                 # "httpcore", not describes it; but a "wake source: RTC alarm" is no list of names, nor a word its
                 - {fold(m.group()) for p, v in zip(held[n][::2], held[n][1::2], strict=True)  # description writes
                    if _DESCRIBING_LABEL.fullmatch(p) for m in tokens(v)}  # ("TXT" of TxtData=)
                 for n in names}
        counts = Counter(w for n in names for w in {m.group() for v in held[n][1::2] for m in tokens(v)})
        common = frozenset(w for w, c in counts.items() if c >= max(3, MEANING_COMMON * len(names)))
        docs = kb.derived["meaning_docs"] = (names, emb, {n: fold(" ".join(held[n][1::2])) for n in names},
                                             {n: f"{n} {' '.join(held[n])}" for n in names}, items, common)
    names, emb, values, texts, items, common = docs
    if len(names) < 2:
        return None
    sims = _cosine(cache.encode(encoder, [question]), emb)[0]
    kind, least = of_asked_kind(question, kb), MEANING_LEAST  # ("which capability do i need …": of the
    if kind & set(names) and not set(names) <= kind:  # capabilities, the best, on a lower floor)
        sims, least = np.where([n in kind for n in names], sims, -1.0), MEANING_KIND_LEAST
    covered = {int(i): _covered(question, texts[names[i]]) for i in np.argsort(-sims)[:MEANING_RERANK]}
    best = max(covered, key=lambda i: sims[i] + MEANING_WORDS * covered[i])  # (the closest, by words written too)
    top, fit = names[best], float(sims[best])
    said = [w for w in _name_like(question) if fold(w) not in intent_words(question)]  # (no word asking: "downside")
    guessed = [s + worded * MEANING_WORDS * (_covered(question, texts[n]) - covered[best]) for n, s in zip(
        names, sims.tolist(), strict=True) if guess is not None and index.key_of(n) == guess.name]
    own = f"{values[top]} {' '.join(camel_words(top) if ' ' not in top.strip() else ())}"  # (its values and words)
    examples = {fold(m.group()) for e in _EXAMPLES.finditer(question) for m in tokens(e.group(1) or e.group(2) or "")}
    if (fit < least and not (fit >= MEANING_BY_WORDS and fit + MEANING_WORDS * covered[best] >= MEANING_WITH_WORDS)
            or _PROPER_NAME.search(question) or {fold(w) for w in said} - common - examples & items[top]
            or guess is not None and (guessed[0] > fit - MEANING_GUESS_MARGIN if guessed  # (a guess with no
                                      else fit < MEANING_OVER_GUESS or not _written(guess.said, values[top]))
            # description: unless a close entity's values write its word: "which error do i get sending to a broadcast
            # address" of EACCES, not "Source Address"; not "What days does the clerk work?" of a precept's reasons)
            or not all(_written(w, own) or fold(w) in common
                       or _misspelt_in(fold(w), own) for w in said)
            or max(covered[best], _covered(question, texts[top], common)) < MEANING_COVERED):
        return None
    end = len(question.rstrip())
    return Mention(index.key_of(top), end, end, question.strip(), False)


def describing(mention: Mention, display: str = "", prose: str = "") -> bool:
    """Whether the question points at the entity by describing it, not by naming it: a mention of no width (found by
    its meaning), lower-case English words that are not its name written apart ("restarting", "signal used when
    restarting" of RestartKillSignal= in "which setting chooses the signal used when restarting a service?"; not
    "kill mode" of KillMode=), a lower-case word of its name, half of it at most ("initrd" of x-initrd.mount), its
    parts written apart by other words ("systemd create an automount" of x-systemd.automount), or lower-case words
    that are its name's tail ("dns servers" of publish-dns-servers in "which option lets me announce unicast dns
    servers …"), or an upper-case name (the KB's ``display`` one) written in lower case as the word its own values
    write (``prose``: "… chases referrals" of REFERRALS, "follow referrals returned by LDAP servers"; not "sigterm")."""
    words, said, name = mention.said.split(), re.sub(r"\W", "", fold(mention.said)), re.sub(r"\W", "", mention.name)
    if mention.said.isalpha() and mention.said.islower() and display.isupper() and re.search(rf"\b{mention.said}\b", prose):
        return True
    return mention.whole or not mention.exact and mention.said.islower() and (
        all(w.isalpha() and english_form(w) for w in words) and said != name
        or len(words) == 1 and said in name and len(said) <= len(name) / 2
        or len(words) > 1 and (any(fold(w) not in name for w in words) or said not in name and len(said) < len(name))
        or len(words) > 1 and said in name and len(said) < len(name) and not name.startswith(said))


def name_words_dropped(masked: str, mentions: list[Mention], display: dict[str, str], props: list[str]) -> str:
    """A question that describes the entity whole (a mention of no width) writes the words of its name as it describes
    it; one that is also a word of its property labels does not ask for that property ("how do i turn off the mount
    timeout …" of TimeoutSec=, whose "on timeout" is not asked; its "disable" is): such words left out, but not one
    that is a whole label ("default start timout for units?" of DefaultTimeoutStartSec= asks its "default")."""
    own = {w for m in mentions if m.whole for w in camel_words(display.get(m.name, ""))}
    words = own & {m.group() for p in props for m in tokens(p)} - set(props)
    return re.sub(rf"\b(?:{'|'.join(map(re.escape, sorted(words)))})\b\s*", "", masked, flags=re.IGNORECASE) if words else masked


def over_guess(guess: Mention | None, question: str, kb: EncodedKB, index: NameIndex, encoder: Encoder,
               cache: EmbeddingCache, written_whole: bool = False) -> Mention | None:
    """``guess`` (an entity the question points at by one word: a word only its name holds, an inexact name that is an
    English word, "signal" of "signal(7)", "mount options" of Options=; or any inexact or lower-case name in a question
    asking which one it is: "keepalive probes" of KEEPALIVE_PROBES in "which option sets how long a connection sits idle
    before tcp starts sending keepalive probes?"), unless the question describes another entity by its meaning: that one
    (KEEPALIVE_IDLE); with ``written_whole`` (a name in a question asking which one it is), a guess that is no English
    word only where that one's values write its words, each whole ("which signals can i set as final kill signal …"
    is not SIGQUIT's, whose values name "FinalKillSignal=")."""
    meaning = described_by_meaning(question, kb, index, encoder, cache, guess)
    head = _DOES_WHAT.match(question)  # (unless the guess is what the thing asked for acts on: "which filesystem
    if meaning and guess is not None and written_whole and not english_form(fold(guess.said)) and not (  # types get
            head and guess.start >= head.end()):  # skipped when deluser hunts …", not deluser)
        text = kb.derived["meaning_docs"][2].get(index.display[meaning.name], "")
        values = f" {' '.join(m.group() for m in tokens(text))} "
        meaning = meaning if all(f" {m.group()} " in values for m in tokens(guess.said)) else None
    return meaning if meaning and (guess is None or guess.name != meaning.name) else guess


def missed_by_meaning(question: str, miss: NearMiss, kb: EncodedKB, index: NameIndex, encoder: Encoder,
                      cache: EmbeddingCache) -> Mention | None:
    """The entity the question describes by its meaning (:func:`described_by_meaning`), where each word of the near
    miss is a word of that entity's identifier: "which setting makes apt keep the gzip'd Packages indexes compressed
    …?" of GzipIndexes, whose "indexes" the question writes apart from its "gzip"; or where that entity is the
    miss's one closest name ("hugepage setting that only allocates when asked via madvise?" of "advise")."""
    found = described_by_meaning(question, kb, index, encoder, cache)
    said = {m.group() for m in tokens(miss.said)}  # (or the miss is only ever that one: "madvise" of "advise")
    return found if found is not None and (len(said) == 1 and said <= index.words.words_of(found.name)  # (one word:
                                           or miss.closest == (index.display.get(found.name),)  # a whole identifier
                                           or in_describing_clause(question, miss)) else None  # written with a word
    # more or less, "org.freedesktop.hostname1.set-hostname", stays a near miss)


def in_describing_clause(question: str, miss: NearMiss, found: Mention | None = None) -> bool:
    """Whether a near miss is lower-case words inside the clause of a question asking which thing of a kind
    does something ("which special name drops every inheritable capability?": what the thing acts on, not its name),
    and ``found``, where given, is an entity the whole question describes."""
    asked, at = _DOES_WHAT.match(question), question.find(miss.said)
    return asked is not None and at >= asked.end() and all(w.isalpha() and w.islower() for w in miss.said.split()) and (
        found is None or found.whole)


# a question asking which thing of a kind does something ("which element wipes out …", "which filesystem types get
# skipped …") or is one ("which tag is the root element …"): its kind noun (one or two words) and the verb it is the
# subject of, no auxiliary ("which option does X take" asks X's option)
_NOT_VERB_S = r"(?:is|was|has|does|goes|comes|means|applies|exists|happens|this|its|his|these|those|yes|us|as|plus|always)"
_NOT_VERB = r"(?:do|did|are|were|have|had|can|could|will|would|should|shall|must|may|might|the|an?|of|in|on|for|to|i|you|we)"
_NOT_SUBJECT = r"(?:every|each|all|any|some|no|my|your|his|her|its|our|their|this|that|these|those|it|they|he|she|one)"
_DOES_WHAT = re.compile(rf"\W*(?:which|what)\s+(?:[a-z]+\s+)?(?:[a-z]+\s+(?!{_NOT_VERB_S}\b)[a-z]{{2,}}s|[a-z]+s\s+"
                        rf"(?!{_NOT_VERB}\b|[a-z]+ly\b)[a-z]{{2,}}|[a-z]+\s+is\s+the|[a-z]+\s+(?:can|could|will|would|may|might|must|should)\s+"
                        rf"(?!{_NOT_VERB}\b|{_NOT_SUBJECT}\b)[a-z]{{2,}})\b", re.IGNORECASE)  # (no adverb; "which server can augment …")


_ASKED_NOUN = re.compile(r"\W*(?:which|what)\s+(?:[a-z]+\s+)?([a-z]{3,})\s+(?:does|do|did|will|would|can|could|should|must|"
                         r"may|might|is|are|am|was|were|has|have)\b", re.IGNORECASE)  # ("What units is the X stored in?",
# "Which characters am I allowed to use in … X?" of X's "allowed name characters")
_MEMBER_ASKED = re.compile(r"\s+(?:value|type|flag|option|constant|entry|code|kind|member|name)s?\b", re.IGNORECASE)


def described_beside(question: str, mentions: list[Mention], kb: EncodedKB, index: NameIndex, encoder: Encoder,
                     cache: EmbeddingCache) -> Mention | None:
    """Another entity than the one a question names, where the question asks which thing of a kind does something to
    the named one and describes that thing by what it does ("which element wipes out all the font directories added
    by earlier <dir> lines?" of <reset-dirs />, not <dir>): the entity it describes by its meaning, as sure by a margin
    over the named one (:func:`described_by_meaning` with it as the guess); or where it asks which of the named one's
    values is meant ("which ut_type value …"), the one of those its values name that it describes; or None."""
    if not 1 <= len(mentions) <= 2:
        return None
    mention = mentions[0]
    head, member = _DOES_WHAT.match(question), _MEMBER_ASKED.match(question[mention.end:])
    if member and len(mentions) == 1 and re.fullmatch(r"\W*(?:which|what)\s+(?:the\s+)?", question[:mention.start], re.IGNORECASE):
        names = set(index.display.values())  # "which ut_type value do i use for a record that doesn't contain valid
        listed = {w for t in kb.triples if index.key_of(t.name) == mention.name  # info?" of EMPTY, one of the names
                  for w in re.split(r"[\s,;|]+", t.value) if w in names}  # ut_type's values list
        found = described_by_meaning(question, kb, index, encoder, cache) if len(listed) >= 2 else None
        return found if found is not None and index.display.get(found.name) in listed else None
    rest = "".join(question[a:b] for a, b in zip([head.end() if head else 0, *(m.end for m in mentions)],
                                                  [m.start for m in mentions] + [len(question)], strict=True))
    if head is None or any(m.start < head.end() or m.whole for m in mentions) or len(
            {m.group() for m in tokens(rest)} - _CONTENT_STOP) < 2:  # (a clause that describes: not "which glibc
        return None  # versions recognise X?", asked of X)
    asked = _ASKED_NOUN.match(question)  # "which versions does git accept when reading a .pack file?": a label the
    if asked and stem(asked.group(1).casefold().removesuffix("s")) in {  # named one holds, asked of it (in either number:
            stem(w.removesuffix("s")) for i in name_index(kb)[1].get(mention.name, ())  # "What units is the X …" of
            for w in re.findall(r"[a-z]+", kb.triples[i].property.casefold())}:  # its "unit")
        return None
    found = described_by_meaning(question, kb, index, encoder, cache, mention, worded=True)
    return found if found is not None and found.name not in {m.name for m in mentions} else None


def kind_not_named(question: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` without the kind of thing a question asks for, found as a KB name in lower case ("which option
    makes deluser wipe every file …" of a KB holding "option = value": an option is asked for, not that entity)."""
    asked = _KIND_ASKED.match(question)
    return [m for m in mentions if not (asked and m.start == asked.start(1) and m.end == asked.end(1) and not m.exact
                                        and m.said.islower())] if asked else mentions


def by_position(question: str, kb: EncodedKB, index: NameIndex, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with the entity the question names by its place in a line ("what goes in the 4th field of a
    time.conf line", "what is the 9th field for": :func:`value_lookup.placed_entity`) in place of the names it writes
    as what holds that line (a file, "time.conf", or a name with a property about its fields), and the place written
    as a mention of that entity (what is asked is not where it is: "what do i put in the 3rd field if i dont have a
    key file")."""
    placed = placed_entity(question, kb)
    if placed is None or any(m.start < placed[2] and placed[1] < m.end for m in mentions):
        return mentions
    i, start, end = placed
    key = index.key_of(kb.triples[i].name)
    if any(m.name != key for m in mentions) and any(m.name == key for m in mentions):  # (named already, beside
        return mentions  # another: "if I use data-device, what ends up on the block device in the second field?")
    holders = {index.key_of(t.name) for t in kb.triples if re.search(r"\b(?:fields?|columns?)\b", t.property)}
    kept = [m for m in mentions if m.name == key or not (FILE_NAME.search(index.display.get(m.name, ""))
                                                        or m.name in holders)]
    if re.match(r"(?:last|final)\b", question[start:end], re.IGNORECASE) and any(  # "the last field" only where it
            not FILE_NAME.search(index.display.get(m.name, "")) for m in mentions):
        return mentions  # is what is asked, or a file holds it ("$SHELL value when the last field is empty?")
    return sorted([*kept, Mention(key, start, end, question[start:end], False)], key=lambda m: m.start)


def by_label(question: str, kb: EncodedKB, index: NameIndex) -> Mention | None:
    """The entity a question that names none points at by a label: a value it writes beside that value's own label
    ("which program reads the fifth field?" of fs_freq's "field: fifth"), as a mention of both; or the one entity
    holding a property of two words or more (or one no English word: "udeb"), held by no other entity, whose every word
    the question writes ("how do i disable a vendor-supplied sysusers file" of /etc/sysusers.d's "disabling a vendor
    file"), as a mention of no width; None when no such label is written, or several entities' are."""
    labelled = labelled_value(question, kb)
    if labelled is not None:
        i, start, end = labelled
        return Mention(index.key_of(kb.triples[i].name), start, end, question[start:end], False)

    if _PROPER_NAME.search(question):  # "the home stadium of the Velmora Hawks": a name the KB lacks, not its holder
        return None
    owned = kb.derived.get("own_labels")  # (cached: each label of two words or more that one entity holds, its holder)
    if owned is None:
        holders: dict[str, set[str]] = {}
        for t in kb.triples:
            holders.setdefault(t.property, set()).add(t.name)
        owned = kb.derived["own_labels"] = {p: next(iter(held)) for p, held in holders.items() if len(held) == 1 and (len(
            [w for w in tokens(p) if fold(w.group()) not in STOPWORDS]) >= 2 or re.fullmatch(r"[a-z]{4,}", p) and not english_form(p))}
    written = [p for p in owned if label_written(p, question)]  # (of those written, the ones written as they are, and
    written = [p for p in written if re.search(rf"\b{re.escape(p)}\b", question, re.IGNORECASE)] or written  # the
    names = {owned[p] for p in written if not any(p in q and p != q for q in written)}  # longer: "different screen
    # size", not foo.out's "screen size" nor a "dump size" whose words are written apart)
    if len(names) != 1:
        return None
    end = len(question.rstrip())
    return Mention(index.key_of(names.pop()), end, end, question.strip(), False)
