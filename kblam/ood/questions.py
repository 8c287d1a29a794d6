"""Question sets for the out-of-distribution evaluation: for one :class:`~kblam.ood.kbs.RealKB`, a seeded list of
questions of every kind, each a chat (a list of ``{"role", "content"}`` messages whose last turn is the user's),
with the values an answer must state (none: a refusal is expected).

Kinds: ``simple`` (the training template), ``paraphrase`` (hand-written phrasings per property), ``possessive``,
``imperative``, ``terse``, ``name_variant`` (lower case or one transposed letter in the name), ``two_entity``,
``follow_up`` (a three-message chat whose last turn uses a pronoun or ellipsis), and the refusals
``near_miss`` (a real entity of the same table, not in the KB, whose name resembles one that is),
``unknown_entity`` and ``missing_property``. The phrasings come from ``templates.json`` (evaluation) or
``dev_templates.json`` (calibration and tuning); training never reads either."""

from __future__ import annotations

import difflib
import json
import random
import re
import string
from dataclasses import dataclass, field
from pathlib import Path

from .kbs import RealKB

HERE = Path(__file__).resolve().parent
EVAL_TEMPLATES = HERE / "templates.json"
DEV_TEMPLATES = HERE / "dev_templates.json"

REFUSAL_KINDS = ("near_miss", "unknown_entity", "missing_property")
# questions per kind and KB (104 in all: 80 answerable, 24 refusals)
DEFAULT_COUNTS = {"simple": 12, "paraphrase": 20, "possessive": 6, "imperative": 6, "terse": 6,
                  "name_variant": 10, "two_entity": 8, "follow_up": 12,
                  "near_miss": 8, "unknown_entity": 8, "missing_property": 8}
KINDS = tuple(DEFAULT_COUNTS)
_SLOTS = {"name", "name_pos", "property", "name1", "name2", "property1", "property2", "value"}
_GENERIC = ("simple", "possessive", "imperative", "terse", "two_entity", "two_entity_mixed",
            "follow_up_property", "follow_up_entity")


@dataclass
class OODQuestion:
    id: str
    kb: str
    kind: str
    messages: list[dict[str, str]]
    expected: list[str]  # values the answer must state; [] = a refusal is expected
    asked: list[tuple[str, str]] = field(default_factory=list)  # (name, property) as the KB spells them
    note: str = ""  # what was varied: the typo'd name, the closest KB entity of a near miss, …

    @property
    def answerable(self) -> bool:
        return bool(self.expected)

    @property
    def question(self) -> str:
        return self.messages[-1]["content"]

    def as_dict(self) -> dict:
        return {"id": self.id, "kb": self.kb, "kind": self.kind, "messages": self.messages,
                "expected": self.expected, "asked": [list(a) for a in self.asked], "note": self.note}


# ---- templates --------------------------------------------------------------------------------------------

def load_templates(path: str | Path = EVAL_TEMPLATES) -> dict:
    """Read and check a templates file: every generic kind present, only known placeholders, every KB section
    with ``properties``, ``absent_properties`` and ``unknown_names``. Raises ``ValueError`` naming the field."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: line {exc.lineno}: {exc.msg}") from exc
    for kind in _GENERIC:
        if not data.get("generic", {}).get(kind):
            raise ValueError(f"{path}: generic.{kind}: missing or empty")
    for kb_name, section in data.get("kbs", {}).items():
        for key in ("properties", "absent_properties", "unknown_names"):
            if not section.get(key):
                raise ValueError(f"{path}: kbs.{kb_name}.{key}: missing or empty")
    for where, text in _all_strings(data):
        used = {f for _, f, _, _ in string.Formatter().parse(text) if f}
        if used - _SLOTS:
            raise ValueError(f"{path}: {where}: unknown placeholder(s) {sorted(used - _SLOTS)} in {text!r}")
    return data


def _all_strings(node, where: str = ""):
    if isinstance(node, str):
        yield where, node
    elif isinstance(node, dict):
        for k, v in node.items():
            if k not in ("purpose", "unknown_names"):
                yield from _all_strings(v, f"{where}.{k}" if where else k)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _all_strings(v, f"{where}[{i}]")


def possessive(name: str) -> str:
    return name + ("'" if name.endswith("s") else "'s")


def fill(template: str, **slots: str) -> str:
    """Fill a template; a question that starts with a lower-case property is capitalised (never a name)."""
    if "name" in slots:
        slots.setdefault("name_pos", possessive(slots["name"]))
    text = template.format(**slots)
    if template.startswith("{property") and text[:1].islower():
        text = text[0].upper() + text[1:]
    return text


# ---- name variants ----------------------------------------------------------------------------------------

def typo(name: str) -> str | None:
    """The name with two adjacent inner letters of its longest word (>= 5 letters) swapped, or None."""
    words = [m for m in re.finditer(r"[A-Za-z]{5,}", name)]
    if not words:
        return None
    word = max(words, key=lambda m: (len(m.group()), -m.start()))
    w = word.group()
    for i in range(len(w) // 2, len(w) - 2):
        if w[i] != w[i + 1]:
            swapped = w[:i] + w[i + 1] + w[i] + w[i + 2:]
            return name[:word.start()] + swapped + name[word.end():]
    return None


def name_variants(name: str, taken: set[str]) -> list[tuple[str, str]]:
    """(variant, how) pairs for a name: lower case when that changes it, one transposed letter; never a name
    that ``taken`` (case-folded names of the whole table) holds."""
    out = []
    if name.lower() != name:
        out.append((name.lower(), "lower case"))
    t = typo(name)
    if t and t.casefold() not in taken:
        out.append((t, "typo"))
    return out


def near_misses(kb: RealKB, n: int) -> list[tuple[str, str]]:
    """(table name not in the KB, the KB name it most resembles), most similar first, one per KB name."""
    known = kb.entities
    scored = []
    for other in sorted(kb.other_entities):
        matcher = difflib.SequenceMatcher(None, "", other.casefold())
        best, best_name = 0.0, ""
        for name in known:
            matcher.set_seq1(name.casefold())
            if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best:
                r = matcher.ratio()
                if r > best:
                    best, best_name = r, name
        scored.append((-best, other, best_name))
    out, used = [], set()
    for _, other, closest in sorted(scored):
        if closest not in used:
            used.add(closest)
            out.append((other, closest))
        if len(out) == n:
            break
    return out


# ---- the question set -------------------------------------------------------------------------------------

class _Builder:
    """Draws the questions of one KB with one seeded RNG; each ``kind_*`` method returns one question."""

    def __init__(self, kb: RealKB, templates: dict, seed: int) -> None:
        if kb.name not in templates["kbs"]:
            raise ValueError(f"templates have no section for KB {kb.name!r}")
        self.kb, self.generic, self.own = kb, templates["generic"], templates["kbs"][kb.name]
        missing = [p for p in kb.properties if not self.own["properties"].get(p)]
        if missing:
            raise ValueError(f"templates: kbs.{kb.name}.properties lacks phrasings for {missing}")
        self.rng = random.Random(f"{kb.name}:{seed}:questions")
        self.rows = kb.by_entity()
        self.order: list[int] = []
        self.counter: dict[str, int] = {}
        self.taken = {n.casefold() for n in kb.entities + kb.other_entities}
        self.near = near_misses(kb, 64)

    def _pick(self, options: list[str], kind: str) -> str:
        """Templates in turn (every phrasing used), starting at a seeded offset."""
        i = self.counter.setdefault(kind, self.rng.randrange(len(options)))
        self.counter[kind] = i + 1
        return options[i % len(options)]

    def _triple(self):
        if not self.order:
            self.order = self.rng.sample(range(len(self.kb.triples)), len(self.kb.triples))
        return self.kb.triples[self.order.pop()]

    def _other_entity(self, prop: str, not_name: str) -> str:
        names = [n for n, props in self.rows.items() if prop in props and n != not_name]
        return self.rng.choice(sorted(names))

    def _ask(self, name: str, prop: str, style: str) -> str:
        options = self.own["properties"][prop] if style == "paraphrase" else self.generic[style]
        return fill(self._pick(options, f"{style}:{prop}" if style == "paraphrase" else style),
                    name=name, property=prop)

    def question(self, kind: str, index: int) -> OODQuestion:
        q = getattr(self, f"kind_{kind}")()
        q.id, q.kb, q.kind = f"{self.kb.name}-{kind}-{index:03d}", self.kb.name, kind
        return q

    # answerable kinds
    def _styled(self, style: str) -> OODQuestion:
        t = self._triple()
        return OODQuestion("", "", "", [_user(self._ask(t.name, t.property, style))], [t.value],
                           [(t.name, t.property)])

    def kind_simple(self) -> OODQuestion:
        return self._styled("simple")

    def kind_paraphrase(self) -> OODQuestion:
        return self._styled("paraphrase")

    def kind_possessive(self) -> OODQuestion:
        return self._styled("possessive")

    def kind_imperative(self) -> OODQuestion:
        return self._styled("imperative")

    def kind_terse(self) -> OODQuestion:
        return self._styled("terse")

    def kind_name_variant(self) -> OODQuestion:
        for _ in range(100):
            t = self._triple()
            variants = name_variants(t.name, self.taken - {t.name.casefold()})
            if variants:
                variant, how = variants[self.counter.get("variant", 0) % len(variants)]
                self.counter["variant"] = self.counter.get("variant", 0) + 1
                return OODQuestion("", "", "", [_user(self._ask(variant, t.property, "simple"))], [t.value],
                                   [(t.name, t.property)], f"{how}: {variant!r} for {t.name!r}")
        raise ValueError(f"KB {self.kb.name}: no entity name has a lower-case or typo variant")

    def kind_two_entity(self) -> OODQuestion:
        a = self._triple()
        mixed = self.counter.get("two", 0) % 2 == 1
        self.counter["two"] = self.counter.get("two", 0) + 1
        if mixed:
            b = self._triple()
            while b.name == a.name:
                b = self._triple()
            text = fill(self._pick(self.generic["two_entity_mixed"], "two_entity_mixed"), name1=a.name,
                        property1=a.property, name2=b.name, property2=b.property)
            return OODQuestion("", "", "", [_user(text)], [a.value, b.value],
                               [(a.name, a.property), (b.name, b.property)])
        other = self._other_entity(a.property, a.name)
        text = fill(self._pick(self.generic["two_entity"], "two_entity"), name1=a.name, name2=other,
                    property=a.property)
        return OODQuestion("", "", "", [_user(text)], [a.value, self.rows[other][a.property]],
                           [(a.name, a.property), (other, a.property)])

    def kind_follow_up(self) -> OODQuestion:
        first = self._triple()
        same_entity = self.counter.get("follow", 0) % 2 == 0
        self.counter["follow"] = self.counter.get("follow", 0) + 1
        props = [p for p in self.rows[first.name] if p != first.property]
        opening = [_user(self._ask(first.name, first.property, "simple")),
                   {"role": "assistant", "content": fill(self.generic["assistant"], name=first.name,
                                                          property=first.property, value=first.value)}]
        if same_entity and props:
            prop = self.rng.choice(props)
            text = fill(self._pick(self.generic["follow_up_property"], "follow_up_property"), property=prop)
            return OODQuestion("", "", "", opening + [_user(text)], [self.rows[first.name][prop]],
                               [(first.name, prop)], "same entity, other property")
        other = self._other_entity(first.property, first.name)
        text = fill(self._pick(self.generic["follow_up_entity"], "follow_up_entity"), name=other)
        return OODQuestion("", "", "", opening + [_user(text)], [self.rows[other][first.property]],
                           [(other, first.property)], "same property, other entity")

    # refusal kinds
    def kind_near_miss(self) -> OODQuestion:
        i = self.counter.get("near", 0)
        self.counter["near"] = i + 1
        name, closest = self.near[i % len(self.near)]
        prop = self.rng.choice(sorted(self.rows[closest]))
        style = "simple" if i % 2 == 0 else "paraphrase"
        return OODQuestion("", "", "", [_user(self._ask(name, prop, style))], [], [(name, prop)],
                           f"not in the KB; closest KB entity: {closest!r}")

    def kind_unknown_entity(self) -> OODQuestion:
        names = self.own["unknown_names"]
        i = self.counter.get("unknown", 0)
        self.counter["unknown"] = i + 1
        name = names[i % len(names)]
        if name.casefold() in self.taken:
            raise ValueError(f"templates: kbs.{self.kb.name}.unknown_names: {name!r} is a real entity")
        prop = self.rng.choice(self.kb.properties)
        style = "simple" if i % 2 == 0 else "paraphrase"
        return OODQuestion("", "", "", [_user(self._ask(name, prop, style))], [], [(name, prop)], "unknown entity")

    def kind_missing_property(self) -> OODQuestion:
        i = self.counter.get("missing", 0)
        self.counter["missing"] = i + 1
        lacking = [(n, p) for n, props in sorted(self.rows.items()) for p in self.kb.properties if p not in props]
        if i % 2 == 0 and lacking:
            name, prop = self.rng.choice(lacking)
            style = "simple" if i % 4 == 0 else "paraphrase"
            return OODQuestion("", "", "", [_user(self._ask(name, prop, style))], [], [(name, prop)],
                               "a property of other entities that this one lacks")
        name = self.rng.choice(self.kb.entities)
        text = fill(self._pick(self.own["absent_properties"], "absent"), name=name)
        return OODQuestion("", "", "", [_user(text)], [], [(name, "")], "a property no entity of the KB has")


def _user(text: str) -> dict[str, str]:
    return {"role": "user", "content": text}


def build_questions(kb: RealKB, *, templates: dict | None = None, seed: int = 0,
                    counts: dict[str, int] | None = None) -> list[OODQuestion]:
    """The question set of one KB: ``counts`` questions per kind (default :data:`DEFAULT_COUNTS`), in kind
    order, deterministic for a given KB, templates and seed."""
    templates = templates if templates is not None else load_templates(EVAL_TEMPLATES)
    counts = counts or DEFAULT_COUNTS
    unknown = [k for k in counts if k not in KINDS]
    if unknown:
        raise ValueError(f"unknown question kind(s) {unknown}; choose from {', '.join(KINDS)}")
    builder = _Builder(kb, templates, seed)
    return [builder.question(kind, i) for kind, n in counts.items() for i in range(n)]
