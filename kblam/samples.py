"""KBLaM training and evaluation samples: per-sample KBs with the four question kinds, and their tokenisation.

A sample is a small KB (10–100 triples by default) that contains the true triple(s) at random positions among
distractors, a question, an answer and the indices of the true triples. Kinds: `simple` (one fact, many
paraphrases, answer "The {property} of {name} is {value}."), `multi` (two facts, answer covering both),
`open` (one fact, answer in a sentence or two) and `unanswerable` (answer exactly `REFUSAL`; half of them ask
about a property a known entity lacks, half about an entity that is not in the KB).

Tokenisation goes through the backbone's real chat template (`render_prompt`, the same text inference uses);
only the answer tokens and the template's end-of-turn token carry labels.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import torch

from .kb import Triple
from .prompting import REFUSAL, SYSTEM_PROMPT, build_messages, render_prompt
from .synthetic import invent_name

if TYPE_CHECKING:
    from .kb import KnowledgeBase

logger = logging.getLogger(__name__)

KINDS = ("simple", "multi", "open", "unanswerable")
ANSWERABLE_KINDS = ("simple", "multi", "open")
DEFAULT_MIX: Mapping[str, float] = {"simple": 0.3, "multi": 0.3, "open": 0.3, "unanswerable": 0.1}
IGNORE_INDEX = -100

# {n}: name (always verbatim, never re-cased), {ns}: possessive name, {p}: property, {v}: value
SIMPLE_QUESTIONS = (
    "What is the {p} of {n}?", "Tell me the {p} of {n}.", "Tell me {ns} {p}.", "Do you know the {p} of {n}?",
    "{n}: what's its {p}?", "What's {ns} {p}?", "Could you tell me the {p} of {n}?", "I need the {p} of {n}.",
    "Which {p} does {n} have?", "Please give me the {p} of {n}.", "What {p} is recorded for {n}?",
    "Look up the {p} of {n}.", "{n} - what is the {p}?", "Can you find {ns} {p}?",
    "What does the knowledge base say is the {p} of {n}?", "Quick question: what is {ns} {p}?",
    "Remind me of the {p} of {n}.", "What is listed as the {p} for {n}?", "The {p} of {n}?",
)
SIMPLE_ANSWER = "The {p} of {n} is {v}."
OPEN_QUESTIONS = (
    "What can you tell me about the {p} of {n}?", "Describe the {p} of {n}.",
    "Could you explain what {ns} {p} is?", "I'd like to know more about the {p} of {n}.",
    "Give me some details on {ns} {p}.", "What information do you have on the {p} of {n}?",
    "Tell me about {ns} {p}.", "How would you describe the {p} of {n}?",
    "I'm curious about {n}. What about its {p}?", "Share what you know regarding the {p} of {n}.",
    "Explain the {p} of {n} to me.", "What should I know about {ns} {p}?",
)
# answers whose value ends the sentence ("{v}.") also fit values that are sentences themselves
OPEN_ANSWERS = (
    "According to the knowledge base, the {p} of {n} is {v}.",
    "{ns} {p} is {v}. That is the value recorded for it in the knowledge base.",
    "The knowledge base lists {v} as the {p} of {n}.",
    "For {n}, the recorded {p} is {v}.",
    "{n} has {v} as its {p}.",
    "The {p} of {n} is {v}. This comes straight from the knowledge base entry for {n}.",
    "Here is what I found: the {p} of {n} is {v}.",
    "As far as the knowledge base goes, {ns} {p} is {v}.",
    "{n} is recorded with the following {p}: {v}.",
)
MULTI_QUESTIONS = (
    "What is the {p1} of {n1}, and what is the {p2} of {n2}?", "Tell me the {p1} of {n1} and the {p2} of {n2}.",
    "I need two things: {n1s} {p1} and {n2s} {p2}.", "What about the {p1} of {n1} and the {p2} of {n2}?",
    "Could you give me the {p1} of {n1} as well as the {p2} of {n2}?",
    "{n1}: what's its {p1}? And {n2}: what's its {p2}?", "Do you know {n1s} {p1} and {n2s} {p2}?",
    "Look up the {p1} of {n1} and the {p2} of {n2}, please.",
    "First, what is the {p1} of {n1}? Second, what is the {p2} of {n2}?",
)
MULTI_ANSWERS = (
    "The {p1} of {n1} is {v1}, and the {p2} of {n2} is {v2}.",
    "The {p1} of {n1} is {v1}. The {p2} of {n2} is {v2}.",
    "{n1s} {p1} is {v1}; {n2s} {p2} is {v2}.",
)


@dataclass
class Sample:
    """One training/evaluation example. `kb` may be shared between samples: treat it as read-only."""

    kb: list[Triple]
    question: str
    answer: str
    kind: str
    targets: list[int]                        # indices into kb of the true triple(s); [] for unanswerable
    context: list[Triple] | None = None       # triples also given as text (grounded mode), else None
    asked: list[tuple[str, str]] = field(default_factory=list)  # (name, property) keys the question asks about
    source_ids: list[int] | None = None       # index of each kb triple in the source sequence (cached embeddings)

    @property
    def values(self) -> list[str]:
        return [self.kb[i].value for i in self.targets]


class TriplePool:
    """Indexes a triple sequence once (by entity and by property) so samples are drawn in O(KB size).

    Duplicate (name, property) keys are ambiguous for a question; only the first occurrence is used.
    """

    def __init__(self, triples: Sequence[Triple]) -> None:
        self.triples = triples
        self.ids: list[int] = []
        self.by_name: dict[str, list[int]] = {}
        self.by_property: dict[str, list[int]] = {}
        seen: set[tuple[str, str]] = set()
        for i, t in enumerate(triples):
            key = (t.name.strip().casefold(), t.property.strip().casefold())
            if key in seen:
                continue
            seen.add(key)
            self.ids.append(i)
            self.by_name.setdefault(t.name, []).append(i)
            self.by_property.setdefault(t.property, []).append(i)
        if len(self.ids) < len(triples):
            logger.warning("%d duplicate (name, property) keys ignored for questions", len(triples) - len(self.ids))
        if not self.ids:
            raise ValueError("cannot build samples from an empty knowledge base")
        self.names = list(self.by_name)
        self.properties = list(self.by_property)
        self.name_keys = {n.strip().casefold() for n in self.names}

    def __len__(self) -> int:
        return len(self.ids)


# ---------------------------------------------------------------------------------------- text templates
def _possessive(name: str) -> str:
    return name + ("'" if name.endswith("s") else "'s")


def _fill(template: str, **slots: str) -> str:
    """Format a template; a value that already ends a sentence does not get a second full stop."""
    for key in ("v", "v1", "v2"):
        if slots.get(key, "x")[-1:] in ".!?":
            slot = "{" + key + "}"
            template = template.replace(slot + ".", slot)
    return template.format(**slots)


def _slots(t: Triple, suffix: str = "") -> dict[str, str]:
    """Template slots of one fact: n (name), ns (possessive), p, v; with `suffix` '1' → n1, n1s, p1, v1."""
    return {f"n{suffix}": t.name, f"n{suffix}s": _possessive(t.name), f"p{suffix}": t.property,
            f"v{suffix}": t.value}


def _ends_sentence(value: str) -> bool:
    return value[-1:] in ".!?"


def _question_answer(kind: str, facts: Sequence[Triple], rng: random.Random) -> tuple[str, str]:
    """Question and answer text for `facts` (one triple, or two for `multi`)."""
    if kind == "multi":
        a, b = facts
        slots = {**_slots(a, "1"), **_slots(b, "2")}
        question = _fill(rng.choice(MULTI_QUESTIONS), **slots)
        answers = [t for t in MULTI_ANSWERS if "{v1}." in t] if _ends_sentence(a.value) else MULTI_ANSWERS
        return question, _fill(rng.choice(answers), **slots)
    (fact,) = facts
    slots = _slots(fact)
    if kind == "simple":
        return _fill(rng.choice(SIMPLE_QUESTIONS), **slots), _fill(SIMPLE_ANSWER, **slots)
    if kind == "open":
        answers = [t for t in OPEN_ANSWERS if "{v}." in t] if _ends_sentence(fact.value) else OPEN_ANSWERS
        return _fill(rng.choice(OPEN_QUESTIONS), **slots), _fill(rng.choice(answers), **slots)
    if kind == "unanswerable":
        return _fill(rng.choice(SIMPLE_QUESTIONS + OPEN_QUESTIONS), **slots), REFUSAL
    raise ValueError(f"unknown sample kind {kind!r}; expected one of {KINDS}")


# ------------------------------------------------------------------------------------------ KB assembly
def _draw_kind(rng: random.Random, mix: Mapping[str, float]) -> str:
    unknown = [k for k in mix if k not in KINDS]
    if unknown or any(w < 0 for w in mix.values()) or sum(mix.values()) <= 0:
        raise ValueError(f"bad mix {dict(mix)}: keys must be in {KINDS}, weights >= 0 with a positive sum")
    x = rng.random() * sum(mix.values())
    for kind in KINDS:
        x -= mix.get(kind, 0.0)
        if x < 0:
            return kind
    return next(k for k in reversed(KINDS) if mix.get(k, 0.0) > 0)


def _sample_from(rng: random.Random, candidates: Sequence[int], taken: set[int], k: int) -> list[int]:
    free = [i for i in candidates if i not in taken]
    return rng.sample(free, min(k, len(free)))


def _fill_kb(pool: TriplePool, rng: random.Random, size: int, must: Sequence[int], exclude: set[int],
             focus: Sequence[Triple]) -> list[int]:
    """Pool indices of a shuffled KB of ~`size` triples: `must` + distractors, never anything in `exclude`.

    Some distractors share the entity or the property of a `focus` triple, so that retrieval has to use both.
    """
    chosen = list(dict.fromkeys(must))
    taken = set(chosen) | exclude  # all pool ids
    n_free = len(pool.ids) - len(taken)
    want = max(0, min(size - len(chosen), n_free))  # number of distractors
    for t in focus:
        for group, k in ((pool.by_name.get(t.name, []), rng.randint(0, 3)),
                         (pool.by_property.get(t.property, []), rng.randint(0, max(1, want // 4)))):
            extra = _sample_from(rng, group, taken, max(0, min(k, want - (len(chosen) - len(must)))))
            chosen += extra
            taken.update(extra)
    missing = size - len(chosen)
    if missing > 0 and missing * 3 < len(pool.ids) - len(taken):
        while missing > 0:  # rejection sampling: cheap when the pool is much larger than the KB
            i = rng.choice(pool.ids)
            if i not in taken:
                chosen.append(i)
                taken.add(i)
                missing -= 1
    elif missing > 0:
        chosen += _sample_from(rng, pool.ids, taken, missing)
    rng.shuffle(chosen)
    return chosen


def _context(kb: Sequence[Triple], targets: Sequence[int], rng: random.Random, k: int,
             focus: Sequence[tuple[str, str]]) -> list[Triple]:
    """The true triples plus distractors up to k (related ones first, as a similarity top-k would), shuffled."""
    names, props, true = {n for n, _ in focus}, {p for _, p in focus}, set(targets)
    others = [i for i in range(len(kb)) if i not in true]
    related = [i for i in others if kb[i].name in names or kb[i].property in props]
    unrelated = [i for i in others if kb[i].name not in names and kb[i].property not in props]
    rng.shuffle(related)
    rng.shuffle(unrelated)
    n_related = rng.randint(0, len(related))
    picked = list(targets) + (related[:n_related] + unrelated + related[n_related:])[:max(0, k - len(targets))]
    rng.shuffle(picked)
    return [kb[i] for i in picked]


def _second_fact(pool: TriplePool, rng: random.Random, first: int) -> int:
    """Partner of a multi-entity question: another entity, sometimes with the same property."""
    a = pool.triples[first]
    same_prop = [i for i in pool.by_property[a.property] if pool.triples[i].name != a.name]
    if same_prop and rng.random() < 0.35:
        return rng.choice(same_prop)
    if len(pool.names) > 1:
        for _ in range(1000):
            i = rng.choice(pool.ids)
            if pool.triples[i].name != a.name:
                return i
    others = [i for i in pool.ids if i != first]
    if not others:
        raise ValueError("a multi-entity question needs at least two triples in the knowledge base")
    return rng.choice(others)


def _unknown_name(pool: TriplePool, rng: random.Random) -> str:
    while True:
        name = invent_name(rng)
        if name.strip().casefold() not in pool.name_keys:
            return name


def make_sample(triples: Sequence[Triple] | TriplePool, rng: random.Random, *,
                kb_size: int | tuple[int, int] = (10, 100), kind: str | None = None,
                mix: Mapping[str, float] = DEFAULT_MIX, context_k: int | None = None) -> Sample:
    """One sample with its own KB drawn from `triples` (pass a `TriplePool` to avoid re-indexing each call)."""
    pool = triples if isinstance(triples, TriplePool) else TriplePool(triples)
    kind = kind or _draw_kind(rng, mix)
    if kind not in KINDS:
        raise ValueError(f"unknown sample kind {kind!r}; expected one of {KINDS}")
    size = kb_size if isinstance(kb_size, int) else rng.randint(*kb_size)
    if size < 1:
        raise ValueError(f"kb_size must be >= 1, got {kb_size}")
    first = rng.choice(pool.ids)
    fact = pool.triples[first]
    if kind != "unanswerable":
        true_ids = [first, _second_fact(pool, rng, first)] if kind == "multi" else [first]
        facts = [pool.triples[i] for i in true_ids]
        question, answer = _question_answer(kind, facts, rng)
        kb_ids = _fill_kb(pool, rng, max(size, len(true_ids)), true_ids, set(), facts)
        targets = [kb_ids.index(i) for i in true_ids]
        asked = [(t.name, t.property) for t in facts]
    else:
        siblings = [i for i in pool.by_name[fact.name] if i != first]
        if siblings and (rng.random() < 0.5 or len(pool.names) == 1):
            # hard case: the entity stays in the KB through its other triples, the asked triple is removed
            keep = rng.sample(siblings, rng.randint(1, min(3, len(siblings), size)))
            kb_ids = _fill_kb(pool, rng, size, keep, {first}, [fact])
        elif len(pool.names) > 1:  # the entity is absent from the KB altogether
            kb_ids = _fill_kb(pool, rng, size, [], set(pool.by_name[fact.name]), [fact])
        else:  # a one-entity KB without siblings: ask about an invented entity
            fact = Triple(_unknown_name(pool, rng), fact.property, fact.value)
            kb_ids = _fill_kb(pool, rng, size, [], set(), [fact])
        question, answer = _question_answer(kind, [fact], rng)
        targets, asked = [], [(fact.name, fact.property)]
    kb = [pool.triples[i] for i in kb_ids]
    context = _context(kb, targets, rng, context_k, asked) if context_k is not None else None
    return Sample(kb, question, answer, kind, targets, context, asked, kb_ids)


def sample_stream(triples: Sequence[Triple] | TriplePool, seed: int, **kw) -> Iterator[Sample]:
    """Endless deterministic stream of `make_sample(...)` with one `random.Random(seed)`."""
    pool = triples if isinstance(triples, TriplePool) else TriplePool(triples)
    rng = random.Random(seed)
    while True:
        yield make_sample(pool, rng, **kw)


def questions_for_kb(kb: KnowledgeBase | Sequence[Triple], n_answerable: int, n_unanswerable: int, seed: int, *,
                     kb_size: int | tuple[int, int] | None = None, context_k: int | None = None,
                     kinds: Sequence[str] = ANSWERABLE_KINDS) -> list[Sample]:
    """Questions on a user's own KB (a `KnowledgeBase` or a sequence of triples), answerable kinds in turn.

    With `kb_size=None` every sample's `kb` is the whole KB (one shared list, in the KB's order) and
    unanswerable questions ask for properties a known entity lacks, or about invented entities; this is the
    evaluation set-up. With a `kb_size`, each sample gets its own sub-KB as in `make_sample` (for training).
    """
    bad = [k for k in kinds if k not in ANSWERABLE_KINDS]
    if bad or not kinds:
        raise ValueError(f"kinds must be a non-empty subset of {ANSWERABLE_KINDS}, got {list(kinds)}")
    triples = list(getattr(kb, "triples", kb))
    pool = TriplePool(triples)
    rng = random.Random(seed)
    kind_list = [kinds[i % len(kinds)] for i in range(n_answerable)] + ["unanswerable"] * n_unanswerable
    rng.shuffle(kind_list)
    if kb_size is not None:
        return [make_sample(pool, rng, kb_size=kb_size, kind=k, context_k=context_k) for k in kind_list]
    order: list[int] = []
    source_ids = list(range(len(triples)))
    samples: list[Sample] = []
    n_refusals = 0
    for kind in kind_list:
        if kind == "unanswerable":
            fact = _absent_fact(pool, rng, hard=n_refusals % 2 == 0)
            n_refusals += 1
            question, answer = _question_answer(kind, [fact], rng)
            targets, asked = [], [(fact.name, fact.property)]
        else:
            if len(order) < 2:
                order += rng.sample(pool.ids, len(pool.ids))  # cover every triple before repeating
            first = order.pop()
            true_ids = [first, _second_fact(pool, rng, first)] if kind == "multi" else [first]
            facts = [triples[i] for i in true_ids]
            question, answer = _question_answer(kind, facts, rng)
            targets, asked = true_ids, [(t.name, t.property) for t in facts]
        context = _context(triples, targets, rng, context_k, asked) if context_k is not None else None
        samples.append(Sample(triples, question, answer, kind, targets, context, asked, source_ids))
    return samples


def _absent_fact(pool: TriplePool, rng: random.Random, hard: bool) -> Triple:
    """A (name, property) the KB does not hold: a known entity with a property it lacks when `hard` allows
    it (the property exists elsewhere in the KB), else an invented entity with a property of the KB."""
    if hard and len(pool.properties) > 1:
        for _ in range(200):
            name = rng.choice(pool.names)
            have = [pool.triples[i].property for i in pool.by_name[name]]
            # prefer a property of a similar entity (one sharing a property with this one)
            peer = pool.triples[rng.choice(pool.by_property[rng.choice(have)])].name
            missing = [pool.triples[i].property for i in pool.by_name[peer] if pool.triples[i].property not in have]
            missing = missing or [p for p in pool.properties if p not in have]
            if missing:
                return Triple(name, rng.choice(missing), "")
        logger.info("every entity has every property: asking about an invented entity instead")
    return Triple(_unknown_name(pool, rng), rng.choice(pool.properties), "")


# ------------------------------------------------------------------------------------------ tokenisation
_SENTINEL = "KBLAMANSWERSENTINEL"


def end_of_turn(tokenizer) -> str:
    """The text the chat template puts after an assistant message (ChatML: '<|im_end|>'; Llama 3: '<|eot_id|>')."""
    messages = [{"role": "user", "content": "hi"}, {"role": "assistant", "content": _SENTINEL}]
    text = tokenizer.apply_chat_template(messages, tokenize=False)
    tail = text[text.rindex(_SENTINEL) + len(_SENTINEL):].strip()
    if tail:
        return tail
    if tokenizer.eos_token:
        return tokenizer.eos_token
    raise ValueError("the chat template ends an assistant turn with nothing and the tokenizer has no eos token")


def encode_prompt(tokenizer, question: str, *, context: Sequence[Triple] | None = None,
                  system: str | None = SYSTEM_PROMPT) -> list[int]:
    """Token ids of the chat-templated prompt, exactly as training sees them (the template adds any BOS)."""
    text = render_prompt(tokenizer, question, context=context, system=system)
    return list(tokenizer(text, add_special_tokens=False)["input_ids"])


def _truncate_user_text(tokenizer, prompt: str, user: str, n_drop: int, max_length: int) -> list[int]:
    """Prompt ids with the first `n_drop` tokens of the user turn removed (the question is at its end)."""
    start = prompt.rfind(user)
    if start < 0:
        raise ValueError("cannot truncate: the chat template rewrote the user text")
    end = start + len(user)
    enc = tokenizer(prompt, add_special_tokens=False, return_offsets_mapping=True)
    user_pos = [i for i, (a, b) in enumerate(enc["offset_mapping"]) if start <= a < b <= end]
    if len(user_pos) <= n_drop:
        raise ValueError(f"sample does not fit in max_length={max_length}: the answer plus the prompt without "
                         f"its user text already take {max_length + n_drop - len(user_pos)} tokens")
    drop = set(user_pos[:n_drop])
    return [t for i, t in enumerate(enc["input_ids"]) if i not in drop]


def tokenize_sample(tokenizer, sample: Sample, *, max_length: int = 256,
                    system: str | None = SYSTEM_PROMPT) -> dict:
    """input_ids / attention_mask / labels (-100 except answer + end-of-turn tokens) / targets, as lists.

    Too long: distractor facts of a grounded context are dropped first, then tokens are cut from the start of
    the user turn (the question, at its end, stays); `ValueError` if even that cannot make the answer fit.
    """
    answer_ids = list(tokenizer(sample.answer + end_of_turn(tokenizer), add_special_tokens=False)["input_ids"])
    context = list(sample.context) if sample.context is not None else None
    truth = {sample.kb[i] for i in sample.targets}
    while True:
        prompt = render_prompt(tokenizer, sample.question, context=context, system=system)
        prompt_ids = list(tokenizer(prompt, add_special_tokens=False)["input_ids"])
        overflow = len(prompt_ids) + len(answer_ids) - max_length
        distractors = [i for i, t in enumerate(context or []) if t not in truth]
        if overflow <= 0 or not distractors:
            break
        del context[distractors[-1]]  # too long: drop a distractor fact before cutting any text
    if overflow > 0:
        user = build_messages(sample.question, context=context, system=system)[-1]["content"]
        prompt_ids = _truncate_user_text(tokenizer, prompt, user, overflow, max_length)
        logger.debug("truncated %d prompt tokens of a %s sample", overflow, sample.kind)
    input_ids = prompt_ids + answer_ids
    return {"input_ids": input_ids, "attention_mask": [1] * len(input_ids),
            "labels": [IGNORE_INDEX] * len(prompt_ids) + answer_ids, "targets": list(sample.targets)}


def collate(batch: list[dict], pad_token_id: int, padding_side: str = "left") -> dict[str, torch.Tensor]:
    """Pad tokenised samples into tensors: input_ids/attention_mask/labels (B, T), targets (B, max targets)
    padded with -1. Pads get attention 0 and label -100."""
    if not batch:
        raise ValueError("cannot collate an empty batch")
    if padding_side not in ("left", "right"):
        raise ValueError(f"padding_side must be 'left' or 'right', got {padding_side!r}")
    width = max(len(b["input_ids"]) for b in batch)
    n_targets = max(1, max(len(b.get("targets", [])) for b in batch))

    def pad(seq: list[int], value: int, to: int, side: str) -> list[int]:
        fill = [value] * (to - len(seq))
        return fill + list(seq) if side == "left" else list(seq) + fill

    out = {
        "input_ids": [pad(b["input_ids"], pad_token_id, width, padding_side) for b in batch],
        "attention_mask": [pad(b["attention_mask"], 0, width, padding_side) for b in batch],
        "labels": [pad(b["labels"], IGNORE_INDEX, width, padding_side) for b in batch],
        "targets": [pad(b.get("targets", []), -1, n_targets, "right") for b in batch],
    }
    return {k: torch.tensor(v, dtype=torch.long) for k, v in out.items()}  # each (B, T) / (B, n_targets)
