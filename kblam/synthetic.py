"""Procedural synthetic knowledge base for KBLaM training: many entity types, many property names, values of
mixed styles drawn independently of the names (the styles and entity types are in :mod:`synthetic_values`),
deterministic from a seed, split into train/validation by entity.

The paper trained on ~135K GPT-written triples that are not available here; this module replaces them with a
generator built from syllable and word pools. Every random draw goes through one `random.Random(seed)`, and no
set or hash order is ever iterated, so the output does not depend on `PYTHONHASHSEED`.
"""

from __future__ import annotations

import json
import logging
import random
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .errors import KBFormatError
from .kb import KnowledgeBase, Triple
from .synthetic_values import ENTITY_TYPES, PROPERTIES, VALUE_STYLES, generate_value, invent_name

__all__ = ["ENTITY_TYPES", "PROPERTIES", "VALUE_STYLES", "Entity", "SyntheticConfig", "entities_to_triples",
           "generate_entities", "generate_kb", "generate_value", "invent_name", "load_split", "load_triples",
           "save_split", "save_triples", "split_entities"]

logger = logging.getLogger(__name__)

FORMAT_VERSION = 1

# ------------------------------------------------------------------------------------------- the generator
@dataclass
class SyntheticConfig:
    """Settings of the synthetic KB. Validates itself; `ValueError` names the offending values."""

    n_entities: int = 3000
    seed: int = 0
    val_fraction: float = 0.1
    min_properties: int = 4
    max_properties: int = 8
    entity_types: tuple[str, ...] = field(default_factory=lambda: tuple(ENTITY_TYPES))

    def __post_init__(self) -> None:
        if self.n_entities < 1:
            raise ValueError(f"n_entities must be >= 1, got {self.n_entities}")
        if not 0.0 <= self.val_fraction < 1.0:
            raise ValueError(f"val_fraction must be in [0, 1), got {self.val_fraction}")
        if not 1 <= self.min_properties <= self.max_properties:
            raise ValueError(f"need 1 <= min_properties <= max_properties, got {self.min_properties}, "
                             f"{self.max_properties}")
        self.entity_types = tuple(self.entity_types)
        unknown = [t for t in self.entity_types if t not in ENTITY_TYPES]
        if unknown or not self.entity_types:
            raise ValueError(f"unknown entity types {unknown}; known: {sorted(ENTITY_TYPES)}")


@dataclass
class Entity:
    """One synthetic entity: a unique invented name, its type and its property values."""

    name: str
    type: str
    properties: dict[str, str]

    def triples(self) -> list[Triple]:
        return [Triple(self.name, prop, value) for prop, value in self.properties.items()]


def generate_entities(cfg: SyntheticConfig) -> list[Entity]:
    """`cfg.n_entities` entities with names unique (case-insensitively) across the whole list."""
    rng = random.Random(cfg.seed)
    used: set[str] = set()  # membership only, never iterated
    entities = []
    for _ in range(cfg.n_entities):
        etype = rng.choice(cfg.entity_types)
        make_name, props = ENTITY_TYPES[etype]
        for _attempt in range(200):
            name = make_name(rng)
            if name.casefold() not in used:
                break
        else:
            raise ValueError(f"could not find a new unique {etype} name after 200 tries "
                             f"(n_entities={cfg.n_entities} is too large for the name pools)")
        used.add(name.casefold())
        k = rng.randint(min(cfg.min_properties, len(props)), min(cfg.max_properties, len(props)))
        chosen = rng.sample(props, k)
        entities.append(Entity(name, etype, {p: generate_value(p, rng) for p in chosen}))
    return entities


def split_entities(entities: Sequence[Entity], val_fraction: float, seed: int) -> tuple[list[Entity], list[Entity]]:
    """Disjoint (train, val) lists of entities; at least one of each when there are two or more entities."""
    order = list(range(len(entities)))
    random.Random(f"split-{seed}").shuffle(order)
    n_val = round(len(entities) * val_fraction)
    if val_fraction > 0 and len(entities) >= 2:
        n_val = min(max(n_val, 1), len(entities) - 1)
    val_ids = sorted(order[:n_val])
    train_ids = sorted(order[n_val:])
    return [entities[i] for i in train_ids], [entities[i] for i in val_ids]


def entities_to_triples(entities: Iterable[Entity]) -> list[Triple]:
    return [t for e in entities for t in e.triples()]


def generate_kb(cfg: SyntheticConfig | None = None) -> tuple[list[Triple], list[Triple]]:
    """(train_triples, val_triples), split by entity: no entity has triples in both lists."""
    cfg = cfg or SyntheticConfig()
    train, val = split_entities(generate_entities(cfg), cfg.val_fraction, cfg.seed)
    train_t, val_t = entities_to_triples(train), entities_to_triples(val)
    logger.info("synthetic KB: %d train triples (%d entities), %d val triples (%d entities)",
                len(train_t), len(train), len(val_t), len(val))
    return train_t, val_t


# ------------------------------------------------------------------------------------------------- JSONL I/O
def save_triples(path: str | Path, triples: Sequence[Triple]) -> Path:
    """Write triples as JSONL {name, property, value} (atomically, through `KnowledgeBase.save`)."""
    return KnowledgeBase(triples, source=str(path)).save(path)


def load_triples(path: str | Path) -> list[Triple]:
    """Read a JSONL file of triples; `KBFormatError` names the file, line and field. An empty file gives []."""
    if Path(path).stat().st_size == 0:
        return []
    return list(KnowledgeBase.from_jsonl(path).triples)


def save_split(directory: str | Path, train: Sequence[Triple], val: Sequence[Triple],
               cfg: SyntheticConfig | None = None) -> Path:
    """Write train.jsonl, val.jsonl and meta.json (format version, config, counts) into `directory`."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    for name, triples in (("train.jsonl", train), ("val.jsonl", val)):
        if triples:
            save_triples(out / name, triples)
        else:
            (out / name).write_text("", encoding="utf-8")
    meta = {"format_version": FORMAT_VERSION, "generator": "kblam.synthetic",
            "config": asdict(cfg) if cfg else None, "n_train": len(train), "n_val": len(val)}
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return out


def load_split(directory: str | Path) -> tuple[list[Triple], list[Triple]]:
    """Read what `save_split` wrote; refuses an unknown format version."""
    d = Path(directory)
    meta_path = d / "meta.json"
    if meta_path.exists():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("format_version") != FORMAT_VERSION:
            raise KBFormatError(f"format_version {meta.get('format_version')!r} is not {FORMAT_VERSION}",
                                file=str(meta_path), field="format_version")
    return load_triples(d / "train.jsonl"), load_triples(d / "val.jsonl")
