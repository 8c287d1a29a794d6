"""Decoding constraints for answers grounded on KB triples: values copied byte for byte, no degenerate output.

:class:`GroundedDecoding` is one logits processor that does three things while ``generate()`` runs:

* **Copy.** Once the model starts stating the value of an evidence triple, the rest of that value is forced
  token by token from the value's own characters, so numbers, units, dates, codes, e-mails, URLs, operators
  and multi-word names come out exactly as in the KB. The model still chooses *which* value to state and how to
  phrase the rest of the sentence. Matching is done on the characters of the answer decoded so far (the model's
  first value token may be ``" 3"``, ``"3"`` or ``" <="``); the forced tokens encode the *remaining* characters.
  Two triggers:

  - a *value slot*: the answer ends with a triple's answer opening ("The {property} of {name} is", "{name}'s
    {property} are:", ...): the whole value is forced there;
  - a *value prefix*: the text since a word start is a proper prefix of a value and distinctive enough (two
    characters or more; a number only once whole, "3,412" of "3,412 metres" but not "20" of "2023-07-19"; see
    :func:`_distinctive`), and the answer is not the refusal sentence.

  When several values fit, the triples the question was matched to win; the characters the rest share are
  forced, and where they part the model's own logits choose (then evidence order).
* **Lead** (``lead=True``, the default of grounded answers): the answer opens with the first matched triple's
  opening and value, and each copied value ends its sentence with a full stop (a small model otherwise glues
  text to a value, "HTTPStatus.NO_CONTENT_204", or repeats the opening after it); the next matched triple not yet
  stated opens the next sentence, and the answer ends when all are stated.
* **Cover.** When the model wants to end while a matched triple's value is still missing and its entity not even
  named, the triple's answer opening is forced once; the slot trigger then copies the value.
* **Repetition.** A repeated line, or a chunk of text looping at the end of the answer ("/foo/foo/foo"), ends the
  answer (the end-of-sequence token is forced).

The answer text is decoded in full at each step: it is bounded by the answer's token budget (:func:`answer_budget`)
and decoding 100 tokens costs ~15 µs against ~40 ms for one decoding step of the smallest model on CPU.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import torch

from .kb import Triple
from .prompting import REFUSAL, normalise

log = logging.getLogger(__name__)

# A value whose first word is one of these is only recognised once the answer goes past that word.
STOP_WORDS = frozenset("a an the i it is in on of at to and or as by for this that".split())
SLOT_VERBS = ("is", "are", "was", "were")
MIN_PREFIX_CHARS = 2
WORD_START_AFTER = frozenset(" \t\n\"'([{")  # not "," or ":": "19,451" holds no value starting "45"
NUMBER_CHARS = frozenset("0123456789.,:/-+")
# loops: a chunk of characters repeated back to back at the end of the answer, with a letter in it (digits of a
# long number are no loop): short chunks three times ("/foo/foo/foo"), long ones (a sentence) twice
MAX_LOOP_CHARS = 200
LONG_CHUNK_CHARS = 16
MIN_LOOP_CHARS = 12
MIN_LINE_CHARS = 4  # shorter repeated lines (a bare "-") are not a loop
BUDGET_SLACK_TOKENS = 16  # answer budget: the answer sentences of the matched triples plus this, plus per triple
BUDGET_TOKENS_PER_TRIPLE = 8
SENTENCE_ENDS = frozenset(".!?")


@dataclass(frozen=True)
class _Value:
    text: str
    triple: Triple
    tier: int  # 0: matched to the question, 1: other evidence
    order: int
    openings: tuple[str, ...]  # normalised answer openings that call for this value


def _openings(t: Triple) -> tuple[str, ...]:
    name, prop = normalise(t.name), normalise(t.property)
    stems = (f"{prop} of {name}", f"{name}'s {prop}", f"{name}' {prop}")
    openings = tuple(f"{stem} {verb}" for stem in stems for verb in SLOT_VERBS)
    own = normalise(answer_opening(t.property, t.name))  # "x is the author of", where it is not one of those
    return openings if own.endswith(openings) else openings + (own,)


# a property that ends or starts with one of these reads as a phrase about the entity ("author of", "wanted by",
# "based on", "in SI base units"), not as a noun: "The author of of X is" would be no English
_PREPOSITIONS = frozenset({"of", "by", "on", "from", "in", "to", "for", "with", "at"})


def answer_opening(prop: str, name: str) -> str:
    """The words an answer opens with to state the value of ``name``'s ``prop``: "The altitude of X is", "The
    aliases of X are"; for a property ending in a preposition "X is the author of", "X is wanted by", "X is valid
    from", "X inherits from" (a verb of its own), and "X in SI base units is" for one starting with one. A question
    mark that ends a yes/no property's label ("RIDDOR?", "walk-in?") is left out: "The RIDDOR of X is"."""
    prop = prop.rstrip().removesuffix("?").rstrip() or prop
    words = prop.split()
    if len(words) >= 2 and words[-1].casefold() in _PREPOSITIONS:
        before = words[-2].casefold()
        if len(before) > 3 and before.endswith("s") and not before.endswith(("ss", "us", "is")):
            return f"{name} {prop}"  # "inherits from", "belongs to"
        doer = words[-1].casefold() == "of" and not before.endswith("ed")
        return f"{name} is {'the ' if doer else ''}{prop}"
    if len(words) >= 2 and words[0].casefold() in _PREPOSITIONS:
        return f"{name} {prop} is"
    return f"The {prop} of {name} {agreeing_verb(prop)}"


def answer_budget(tokenizer, triples: Sequence[Triple]) -> int:
    """Tokens an answer stating the values of ``triples`` needs: their answer sentences plus some slack."""
    sentences = sum(len(tokenizer.encode(f"The {t.property} of {t.name} is {t.value}.", add_special_tokens=False))
                    for t in triples)
    return sentences + BUDGET_SLACK_TOKENS + BUDGET_TOKENS_PER_TRIPLE * len(triples)


def _distinctive(prefix: str, value: str) -> bool:
    """Is ``prefix`` (a proper prefix of ``value``) enough to tell that the model is stating ``value``? At least two
    characters, not ending in a space, not a whole stop word; a number only once it is whole as in the value ("2."
    could be "2.13", "10" could be "10:45"; "3,412" of "3,412 metres" is enough) and, if a bare integer of under four digits followed by a
    word, with that word begun ("14 M" of "14 March 2003"); a URL from four characters ("http" of "https://..."
    fixes a scheme); past a leading stop word ("The H" of "The Hague")."""
    if len(prefix) < MIN_PREFIX_CHARS or prefix[-1].isspace():
        return False
    following = value[len(prefix)]
    if set(prefix) <= NUMBER_CHARS:
        return following not in NUMBER_CHARS and not (following.isspace() and prefix.isdigit() and len(prefix) < 4)
    if prefix.lower() in STOP_WORDS:  # a whole common word ("in" of "indigo")
        return False
    if "://" in value and len(prefix) < 4:
        return False
    first = value.split()[0]
    return not (first.lower() in STOP_WORDS and len(prefix) <= len(first) + 1)


def repetition(text: str, free_from: int = 0) -> bool:
    """True when the answer has started to loop: its last completed line repeats an earlier one, or it ends with a
    chunk of characters repeated back to back, the last copy written after ``free_from`` (the end of the last
    copied value, so a value that repeats itself is not a loop)."""
    if text.endswith("\n"):
        lines = [ln.strip() for ln in text.split("\n")]
        last = next((ln for ln in reversed(lines) if ln), "")
        if len(last) >= MIN_LINE_CHARS and lines.count(last) >= 2:
            return True
    for size in range(1, min(MAX_LOOP_CHARS, len(text) - free_from) + 1):
        chunk = text[-size:]
        need = 2 if size >= LONG_CHUNK_CHARS else max(3, -(-MIN_LOOP_CHARS // size))
        if not any(c.isalpha() for c in chunk):
            continue
        head = text[: len(text) - size * (need - 1)]  # the first copy may lack its leading space (answer start)
        if text.endswith(chunk * (need - 1)) and head.endswith(chunk.lstrip()):
            return True
    return False


class GroundedDecoding:
    """A logits processor (``generate(logits_processor=[...])``, batch size 1) that copies evidence values, covers
    the matched triples and stops loops. ``evidence``: the triples written into the prompt, best first;
    ``matched``: the ones the question was matched to (their values win ties and must be stated)."""

    def __init__(self, tokenizer, evidence: Sequence[Triple], matched: Sequence[Triple], stop_ids: Sequence[int],
                 *, copy: bool = True, cover: bool = True, stop_loops: bool = True, lead: bool = False) -> None:
        self.tokenizer, self.stop_ids = tokenizer, list(stop_ids)
        self.copy, self.stop_loops = copy, stop_loops
        self.matched = [t for t in matched if t.value.strip()]
        self.lead = lead and copy and bool(self.matched) and bool(self.stop_ids)
        ordered = list(dict.fromkeys([*matched, *evidence]))
        openings: dict[str, tuple[str, ...]] = {}  # a value several triples hold is called for by each opening
        for t in ordered:
            key = t.value.strip()
            openings[key] = openings.get(key, ()) + _openings(t)
        seen: set[str] = set()
        self.values: list[_Value] = []
        for order, t in enumerate(ordered):
            value = t.value.strip()
            if value and value not in seen:
                seen.add(value)
                self.values.append(_Value(value, t, 0 if t in matched else 1, order, openings[value]))
        self.pending = [t for t in matched if t.value.strip()] if cover else []
        self.queue: list[int] = []
        self.start: int | None = None
        self.resume = 0  # no value prefix may start before this character of the answer
        self.forced_values: list[str] = []  # values completed by copying, for tests and logs
        self.looped = False  # the answer was ended because it repeated itself

    # ---- the processor --------------------------------------------------------------------------------------

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        if input_ids.shape[0] != 1:
            return scores  # the engine decodes one answer at a time
        if self.start is None:
            self.start = input_ids.shape[1]
        ids = input_ids[0, self.start:].tolist()
        if self.queue:
            return self._force(scores, self.queue.pop(0))
        if self.lead and not ids:
            self.queue = self._opening(self.matched[0], first=True)
            return self._force(scores, self.queue.pop(0))
        text = self.tokenizer.decode(ids, skip_special_tokens=True)
        if self.lead and self.forced_values and _sentence_done(text[self.resume:]):
            missing = [t for t in self.matched if not self._answered(t, text)]
            self.queue = self._opening(missing[0]) if missing else [self.stop_ids[0]]
            self.resume = len(text) + 1  # the next sentence is judged from its own start
            return self._force(scores, self.queue.pop(0))
        if self.stop_loops and self.stop_ids and repetition(text, self.resume):
            log.debug("repetition after %d tokens: ending the answer", len(ids))
            self.looped = True
            return self._force(scores, self.stop_ids[0])
        if self.copy and self.values and not _refusing(text):
            planned = self._slot(text) or self._prefix(text, scores)
            if planned:
                self.queue = planned
                return self._force(scores, self.queue.pop(0))
        if self.pending and self.stop_ids and int(scores[0].argmax()) in self.stop_ids:
            opening = self._cover(text)
            if opening:
                self.queue = opening
                return self._force(scores, self.queue.pop(0))
        return scores

    def _force(self, scores: torch.FloatTensor, token: int) -> torch.FloatTensor:
        scores[:] = float("-inf")
        scores[:, token] = 0.0
        return scores

    # ---- triggers -------------------------------------------------------------------------------------------

    def _plan(self, value: _Value, text: str, rest: str) -> list[int]:
        """Token ids that write ``rest`` (the remaining characters of ``value``) after ``text``."""
        ids = self.tokenizer.encode(rest, add_special_tokens=False)
        if not ids or self.tokenizer.decode(ids, skip_special_tokens=True) != rest:
            log.debug("cannot copy %r exactly with this tokenizer; left to the model", rest)
            return []
        self.resume = len(text) + len(rest)
        self.forced_values.append(value.text)
        if self.lead and rest.rstrip()[-1:] not in SENTENCE_ENDS:  # the answer states triples: the value ends it
            ids = ids + self.tokenizer.encode(".", add_special_tokens=False)
        return ids

    def _slot(self, text: str) -> list[int]:
        """The answer ends with an answer opening ("The altitude of X is"): force that triple's whole value."""
        tail = normalise(text[-300:])
        if not tail or len(text) <= self.resume:
            return []
        bare = tail.rstrip(":").rstrip()
        for value in sorted(self.values, key=lambda v: (v.tier, v.order)):
            if any(bare.endswith(o) and (len(bare) == len(o) or not bare[-len(o) - 1].isalnum())
                   for o in value.openings):
                rest = value.text if text[-1].isspace() else " " + value.text
                return self._plan(value, text, rest)
        return []

    def _prefix(self, text: str, scores: torch.FloatTensor) -> list[int]:
        """The text since a word start is a proper prefix of a value: force the value's remaining characters.
        Several values fit: the matched ones win; among those left, the characters they share are forced and
        where they part the model's logits choose (at the next step, once the shared part is written)."""
        longest = max(len(v.text) for v in self.values)
        for s in range(max(self.resume, len(text) - longest), len(text)):
            if text[s].isspace() or (s > 0 and text[s - 1] not in WORD_START_AFTER):
                continue
            said = text[s:]
            fits = [v for v in self.values if len(v.text) > len(said) and v.text.startswith(said)
                    and _distinctive(said, v.text)]
            if not fits:
                continue
            tier = min(v.tier for v in fits)
            fits = [v for v in fits if v.tier == tier]
            shared = os.path.commonprefix([v.text[len(said):] for v in fits])
            if len(fits) > 1 and shared:
                ids = self.tokenizer.encode(shared, add_special_tokens=False)
                return ids if self.tokenizer.decode(ids, skip_special_tokens=True) == shared else []
            firsts = {id(v): self.tokenizer.encode(v.text[len(said):], add_special_tokens=False)[:1] for v in fits}
            best = min(fits, key=lambda v: (-_logit(scores, firsts[id(v)]), v.order))
            return self._plan(best, text, best.text[len(said):])
        return []

    def _cover(self, text: str) -> list[int]:
        """The model wants to end: force the answer opening of the first matched triple whose value is not stated and
        whose name and property are not both written yet (two properties of one entity are two triples to cover)."""
        loose = normalise(text).rstrip(".")
        self.pending = [t for t in self.pending if not self._answered(t, text) and not self._talked_about(t, loose, text)]
        if not self.pending:
            return []
        return self._opening(self.pending.pop(0))

    def _answered(self, t: Triple, text: str) -> bool:
        """Whether the answer states ``t``'s value for it: matched triples with the same value (numpy's and
        pandas's ">=3.11") need it stated once each, in order."""
        twins = [u for u in self.matched if u.value.strip() == t.value.strip()]
        # not inside a longer name: "rsa" is not stated by "The key exchange of DHE-RSA-AES256-GCM-SHA384 is dhe."
        # (but "bin" is by "The primary group of bin is bin.", and "/var/cache/man" by itself)
        value = normalise(t.value).rstrip(".")
        names = {normalise(u.name) for u in self.matched if len(normalise(u.name)) > len(value)}
        return _stated(t.value, text, times=twins.index(t) + 1, outside=names)

    def _talked_about(self, t: Triple, loose: str, text: str) -> bool:
        """The answer names ``t``'s entity ("A is red; B is big."), and its property too when the name is there for
        another triple of the same entity that is answered ("The key exchange of X is dhe." does not cover X's
        authentication)."""
        if normalise(t.name) not in loose:
            return False
        siblings = [u for u in self.matched if u is not t and u.name == t.name and self._answered(u, text)]
        return not siblings or normalise(t.property) in loose

    def _opening(self, t: Triple, first: bool = False) -> list[int]:
        """Token ids of the answer opening that calls for ``t``'s value ("The altitude of X is", "The aliases of X
        are")."""
        opening = answer_opening(t.property, t.name)
        return self.tokenizer.encode(opening if first else " " + opening, add_special_tokens=False)


class LineHoldback:
    """Holds back streamed text while the current line repeats an earlier line of the answer, so that a loop the
    processor ends ("The X of Y are:" twice) is not shown: the held text is released as soon as the line differs,
    or at the end unless the answer looped."""

    def __init__(self) -> None:
        self.lines: set[str] = set()
        self.line = ""
        self.held = ""

    def feed(self, piece: str) -> str:
        out = []
        for ch in piece:
            self.line += ch
            said = self.line.strip()
            repeating = bool(said) and any(earlier.startswith(said) for earlier in self.lines)
            if repeating and not (ch == "\n" and said not in self.lines):
                self.held += ch
            else:
                out.append(self.held + ch)
                self.held = ""
            if ch == "\n":
                if len(said) >= MIN_LINE_CHARS:
                    self.lines.add(said)
                self.line = ""
        return "".join(out)

    def finish(self, looped: bool) -> str:
        held, self.held = self.held, ""
        return "" if looped else held


def agreeing_verb(prop: str) -> str:
    """ "are" after a property that reads as a plural ("aliases", "coordinates", "opening hours"), else "is"."""
    words = prop.split()
    last = words[-1].casefold() if words else ""
    return "are" if len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is", "ics")) else "is"


def _stated(value: str, text: str, times: int = 1, outside: Iterable[str] = ()) -> bool:
    """Whether the answer states ``value`` as a whole (at least ``times`` times), not counting where it is part of one
    of the names ``outside``: "JP" is not stated by "JPN", nor "15" by "152"."""
    text = normalise(text)
    said = re.escape(normalise(value).rstrip("."))
    inside = [m.span() for name in outside if name
              for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]
    found = [m for m in re.finditer(rf"(?<!\w){said}(?!\w)", text)
             if not any(a <= m.start() and m.end() <= b for a, b in inside)]
    return len(found) >= times


def _sentence_done(tail: str) -> bool:
    """The text written since the last copied value ends its sentence (". ", a line break, "!" or "?")."""
    said = tail.rstrip(" ")
    return "\n" in tail or (bool(said) and said[-1] in ".!?" and not said[-2:-1].isdigit())


def _logit(scores: torch.FloatTensor, first: list[int]) -> float:
    return float(scores[0, first[0]]) if first else float("-inf")


def _refusing(text: str) -> bool:
    """The answer so far is (the start of) the refusal sentence."""
    said = normalise(text)
    return bool(said) and (REFUSAL.lower().startswith(said) or said.startswith(REFUSAL.lower().rstrip(".")))
