"""Synthetic KB generator: determinism (also across hash seeds), diversity, unique names, split by entity, I/O."""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from kblam.errors import KBFormatError
from kblam.kb import Triple
from kblam.synthetic import (
    ENTITY_TYPES,
    PROPERTIES,
    SyntheticConfig,
    generate_entities,
    generate_kb,
    generate_value,
    invent_name,
    load_split,
    load_triples,
    save_split,
    save_triples,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def default_kb() -> tuple[list[Triple], list[Triple]]:
    return generate_kb(SyntheticConfig())


@pytest.fixture(scope="module")
def entities():
    return generate_entities(SyntheticConfig())


def _digest(triples: list[Triple]) -> str:
    return hashlib.sha256(json.dumps([t.as_dict() for t in triples]).encode()).hexdigest()


# ----------------------------------------------------------------------------------------------- determinism
def test_same_seed_same_kb_and_other_seed_differs():
    cfg = SyntheticConfig(n_entities=400, seed=7)
    assert generate_kb(cfg) == generate_kb(SyntheticConfig(n_entities=400, seed=7))
    other_train, _ = generate_kb(SyntheticConfig(n_entities=400, seed=8))
    assert other_train != generate_kb(cfg)[0]


def test_output_does_not_depend_on_python_hash_seed():
    code = ("import hashlib, json; from kblam.synthetic import SyntheticConfig, generate_kb; "
            "tr, va = generate_kb(SyntheticConfig(n_entities=500, seed=3)); "
            "print(hashlib.sha256(json.dumps([t.as_dict() for t in tr + va]).encode()).hexdigest())")
    digests = set()
    for hash_seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                             check=True)
        digests.add(out.stdout.strip())
    train, val = generate_kb(SyntheticConfig(n_entities=500, seed=3))
    assert digests == {_digest(train + val)}


# ------------------------------------------------------------------------------------------------- diversity
def test_many_types_and_properties_are_used(entities):
    types = Counter(e.type for e in entities)
    assert len(ENTITY_TYPES) >= 15 and len(types) == len(ENTITY_TYPES)
    assert min(types.values()) >= 80  # every type well represented among 3000 entities
    props = {p for e in entities for p in e.properties}
    assert len(PROPERTIES) >= 80 and len(props) >= 80
    for e in entities:
        assert 4 <= len(e.properties) <= 8
        assert set(e.properties) <= set(ENTITY_TYPES[e.type][1])


def test_shared_property_names_across_types():
    owners = Counter(p for _, props in ENTITY_TYPES.values() for p in props)
    shared = [p for p, n in owners.items() if n >= 2]
    assert {"description", "website", "founding year", "email address"} <= set(shared)


STYLE_PATTERNS = {
    "email": r"^[a-z0-9._]+@[a-z]+\.[a-z.]+$",
    "url": r"^https://[\w.-]+\.[a-z.]+(/.*)?$",
    "iso date": r"^\d{4}-\d{2}-\d{2}$",
    "slash date": r"^\d{2}/\d{2}/\d{4}$",
    "long date": r"^(\d{1,2} )?[A-Z][a-z]+ \d{1,2}(,)? \d{4}$|^\d{1,2} [A-Z][a-z]+ \d{4}$",
    "year": r"^(1[789]|20)\d{2}$",
    "integer": r"^\d{1,3}(,\d{3})*$|^\d+$",
    "decimal with unit": r"^-?\d+\.\d+ \S+",
    "code": r"^[A-Z]{1,4}[- ]?\d{2,}(-[A-Z0-9]+)?$",
    "phone": r"^(\+\d[\d -]+|\(\d{3}\) \d{3}-\d{4}|0\d{3} \d{3} \d{3})$",
    "money": r"^[$€£¥][\d,.]+( million| billion)?$",
    "percentage": r"^\d+(\.\d+)?%$",
    "ip": r"^\d{1,3}(\.\d{1,3}){3}$",
    "version": r"^v?\d+\.\d+(\.\d+)?(-[a-z0-9.]+)?$",
}


def test_values_have_many_styles_and_lengths(default_kb):
    train, val = default_kb
    values = [t.value for t in train + val]
    counts = {style: sum(bool(re.match(p, v)) for v in values) for style, p in STYLE_PATTERNS.items()}
    assert all(n >= 20 for n in counts.values()), counts
    n_words = Counter(min(len(v.split()), 9) for v in values)
    assert n_words[1] > 1000 and all(n_words[k] > 50 for k in range(2, 9)), n_words
    sentences = [v for v in values if len(v.split()) >= 8 and v.endswith(".")]
    assert len(sentences) >= 300
    colours = [t.value for t in train if t.property == "favourite colour"]
    assert len(set(colours)) >= 20
    assert len(set(values)) / len(values) > 0.6  # mostly distinct, some natural repeats (colours, genres)


def test_every_property_generator_gives_clean_text():
    rng = random.Random(0)
    for prop in PROPERTIES:
        for _ in range(20):
            value = generate_value(prop, rng)
            assert value and value == value.strip() and "\n" not in value, (prop, value)
            assert "  " not in value and "{" not in value, (prop, value)


# ------------------------------------------------------------------------------------- names and the split
def test_names_are_unique_and_invented(entities):
    names = [e.name for e in entities]
    assert len({n.casefold() for n in names}) == len(names) == 3000
    assert all(n and n == n.strip() for n in names)
    # names are built from invented words: thousands of distinct words, none of them dominant
    words = Counter(w.strip(":'s") for n in names for w in n.replace("-", " ").split())
    assert len(words) > 3000 and sum(n == 1 for n in words.values()) > 2000


def test_values_are_independent_of_names(entities):
    """A value never repeats its entity's name, and one property's values do not track the name."""
    for e in entities:
        for value in e.properties.values():
            assert e.name.casefold() not in value.casefold()
    ceos = [(e.name, e.properties["chief executive"]) for e in entities if "chief executive" in e.properties]
    assert len({v for _, v in ceos}) == len(ceos)  # fresh person names, not derived from the company


def test_split_is_by_entity_and_near_the_fraction(default_kb, entities):
    train, val = default_kb
    train_names, val_names = {t.name for t in train}, {t.name for t in val}
    assert not train_names & val_names
    assert train_names | val_names == {e.name for e in entities}
    assert 250 <= len(val_names) <= 350  # 10 % of 3000 entities
    assert len(train) + len(val) == sum(len(e.properties) for e in entities)


def test_tiny_kb_still_has_both_splits():
    train, val = generate_kb(SyntheticConfig(n_entities=2, val_fraction=0.1))
    assert train and val and {t.name for t in train}.isdisjoint({t.name for t in val})
    train, val = generate_kb(SyntheticConfig(n_entities=5, val_fraction=0.0))
    assert val == [] and len({t.name for t in train}) == 5


@pytest.mark.parametrize("kwargs, message", [
    ({"n_entities": 0}, "n_entities"),
    ({"val_fraction": 1.0}, "val_fraction"),
    ({"min_properties": 5, "max_properties": 3}, "min_properties"),
    ({"entity_types": ("person", "dragon")}, "dragon"),
])
def test_config_rejects_bad_values(kwargs, message):
    with pytest.raises(ValueError, match=message):
        SyntheticConfig(**kwargs)


def test_entity_types_can_be_restricted():
    ents = generate_entities(SyntheticConfig(n_entities=50, entity_types=("server", "recipe")))
    assert {e.type for e in ents} == {"server", "recipe"}


def test_invent_name_gives_varied_names():
    rng = random.Random(5)
    names = [invent_name(rng) for _ in range(200)]
    assert len(set(names)) >= 190


# ----------------------------------------------------------------------------------------------------- I/O
def test_save_and_load_split_round_trip(tmp_path):
    cfg = SyntheticConfig(n_entities=60, seed=2)
    train, val = generate_kb(cfg)
    out = save_split(tmp_path / "kb", train, val, cfg)
    meta = json.loads((out / "meta.json").read_text())
    assert meta["config"]["n_entities"] == 60 and meta["n_train"] == len(train)
    assert load_split(out) == (train, val)
    empty_val = save_split(tmp_path / "no-val", train, [], cfg)
    assert load_split(empty_val) == (train, [])


def test_load_names_file_line_and_field(tmp_path):
    path = tmp_path / "bad.jsonl"
    save_triples(path, [Triple("A", "b", "c")])
    with path.open("a", encoding="utf-8") as fh:
        fh.write('{"name": "X", "property": "p"}\n')
    with pytest.raises(KBFormatError) as info:
        load_triples(path)
    assert info.value.line == 2 and info.value.field == "value" and "bad.jsonl" in str(info.value)
    path.write_text('{"name": "A", "property": "b", "value": "c"}\n{not json\n', encoding="utf-8")
    with pytest.raises(KBFormatError, match="line 2"):
        load_triples(path)
    path.write_bytes(b'{"name": "\xff", "property": "b", "value": "c"}\n')
    with pytest.raises(KBFormatError, match="UTF-8|utf-8"):
        load_triples(path)


def test_load_split_refuses_unknown_format_version(tmp_path):
    out = save_split(tmp_path, [Triple("A", "b", "c")], [Triple("D", "e", "f")])
    (out / "meta.json").write_text(json.dumps({"format_version": 99}))
    with pytest.raises(KBFormatError, match="format_version"):
        load_split(out)
