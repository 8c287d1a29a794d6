"""The fine-tuned property matcher: its training data is kept apart from the OOD evaluation, it trains and loads,
and the shipped one ties paraphrased questions to the property the frozen encoder misses."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from kblam import matching
from kblam.encoder import EmbeddingCache, Encoder, encode_kb, load_encoder
from kblam.kb import Triple
from kblam.matcher_model import (
    DATA_DIR,
    SHIPPED,
    MatcherEncoder,
    evaluation_phrasings,
    load_matcher_encoder,
    load_rows,
    phrasing_pattern,
    train,
)

OOD = Path(__file__).resolve().parents[2] / "kblam" / "ood"
HELD_OUT_WORDS = re.compile(r"\b(HTTP|status code|Unicode|code point|UTF-8|UTC|time ?zone offset|CODATA|"
                            r"Planck|Pygments|lexer|errno|SIGKILL)\b", re.IGNORECASE)


def test_training_data_is_apart_from_the_evaluation():
    rows = load_rows()
    assert len(rows) >= 400 and sum(len(r["questions"]) for r in rows) >= 3500
    templates = evaluation_phrasings()
    for row in rows:
        assert row["type"] and row["property"] and row["value"] and len(row["questions"]) >= 5
        patterns = [p for p in (phrasing_pattern(t, row["property"]) for t in templates) if p]
        for q in row["questions"]:
            assert re.search(r"\bX\b", q), q
            assert not any(p.match(q.strip()) for p in patterns), f"{q!r} is an evaluation/dev phrasing"
            assert not HELD_OUT_WORDS.search(q), f"{q!r} is from a held-out evaluation domain"
    ood_kb_properties = {p for kb in json.loads((OOD / "templates.json").read_text())["kbs"].values()
                         for p in kb.get("properties", {})}
    shared = ood_kb_properties & {r["property"] for r in rows}
    assert all(" " not in p for p in shared), shared  # only generic one-word names ("country", "description")


def test_training_writes_layers_that_load_over_minilm(tmp_path, minilm):
    data = tmp_path / "data"
    data.mkdir()
    rows = load_rows()[:12]
    (data / "part.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    meta = train(tmp_path / "m", steps=2, batch=8, layers=1, data_dir=data)
    assert meta["rows"] == 12 and meta["layers"] == ["encoder.layer.5."] and len(meta["log"]) == 2
    encoder = MatcherEncoder(tmp_path / "m", precision="fp32")
    assert encoder.id.startswith(minilm.id + "+matcher-") and encoder.id != minilm.id
    texts = ["How high up is X?", "the altitude of X"]
    # against MiniLM in the same precision: on a CPU with native bf16 the default one runs in bf16, whose rounding
    # alone moves a cosine by more than two training steps do
    base = load_encoder(precision="fp32")
    moved = np.einsum("ij,ij->i", encoder.encode(texts), base.encode(texts))
    assert np.all(moved < 0.99999)  # the trained layer changed the embeddings
    untrained = np.einsum("ij,ij->i", base.encode(texts), base.encode(texts))
    assert np.all(untrained > 0.99999)  # the same encoder twice: the check above measures training, not noise


def test_matcher_only_replaces_minilm():
    class Other(Encoder):
        id, dim = "other-encoder", 8

    other = Other()
    assert load_matcher_encoder(other) is other
    assert load_matcher_encoder(other, weights_dir=Path("/nonexistent")) is other


@pytest.mark.skipif(not (SHIPPED / "meta.json").exists(), reason="no shipped matcher")
def test_shipped_matcher_is_calibrated_and_trained_on_the_shipped_data():
    meta = json.loads((SHIPPED / "meta.json").read_text())
    from kblam.matcher_model import data_hash

    assert meta["data_hash"] == data_hash(load_rows(DATA_DIR)), "the shipped matcher was trained on other data"
    assert 0 < meta["refusal_threshold"] < 1 and meta["calibration"]["split"].startswith("OOD dev")


LAKE = [Triple("Lake Orvel", "surface area", "188 km²"), Triple("Lake Orvel", "maximum depth", "312 m"),
        Triple("Lake Orvel", "shoreline length", "96 km"), Triple("Lake Orvel", "inflow", "River Dask"),
        Triple("Lake Orvel", "trophic state", "oligotrophic"), Triple("Lake Orvel", "frozen months", "December to March"),
        Triple("Lake Orvel", "water temperature in summer", "19 °C"),
        Triple("Lake Orvel", "fish species", "pike, perch, vendace")]
# written for this test after training; lakes are in no training file
LAKE_QUESTIONS = {
    "How deep does Lake Orvel get at its deepest point?": "maximum depth",
    "Which river feeds Lake Orvel?": "inflow", "How much ground does Lake Orvel cover?": "surface area",
    "How long would a walk all the way around Lake Orvel be?": "shoreline length",
    "When can you skate on Lake Orvel?": "frozen months",
    "How warm is Lake Orvel for a swim in July?": "water temperature in summer",
    "What can I catch when angling in Lake Orvel?": "fish species",
    "Is Lake Orvel rich or poor in nutrients?": "trophic state", "how big is lake orvel": "surface area",
    "Which stream flows into Lake Orvel?": "inflow"}


def test_shipped_matcher_ties_paraphrases_to_their_property(minilm):
    """Free phrasings about an entity type that no training file has: with its own calibrated threshold the
    fine-tuned matcher picks the asked property and keeps it for clearly more of them than the frozen encoder at
    its threshold (measured: 6 of 10 against 3 of 10)."""
    matcher = load_matcher_encoder(minilm)
    assert isinstance(matcher, MatcherEncoder)
    cache = EmbeddingCache()
    kb = encode_kb(LAKE, minilm, cache)
    right = {}
    for label, encoder in (("frozen", minilm), ("matcher", matcher)):
        threshold = matching.calibrated_threshold(encoder)
        right[label] = 0
        for question, prop in LAKE_QUESTIONS.items():
            match = matching.match_question(question, kb, minilm, cache, encoder)
            right[label] += kb.triples[match.matches[0].index].property == prop and not match.refused(threshold)
    assert right["matcher"] >= 5 and right["matcher"] >= right["frozen"] + 2, right


def test_a_generic_property_word_that_names_the_entity_type_does_not_refuse(minilm):
    """'currency' is a property people ask of countries (a generic distractor), but in "Thai baht's three-digit
    currency number?" it says what the baht is: a generic distractor is weighed by its cosine alone, without the
    bonus for words written in the question, so it no longer outscores the asked property (0.11 before, refused).
    A question that does ask for a currency the KB lacks is still refused."""
    matcher = load_matcher_encoder(minilm)
    threshold = matching.calibrated_threshold(matcher)
    kb = encode_kb([Triple("Baht", "alphabetic code", "THB"), Triple("Baht", "numeric code", "764"),
                    Triple("Germany", "alpha-2 code", "DE"), Triple("Germany", "numeric code", "276")], minilm)
    cache = EmbeddingCache()
    match = matching.match_question("Thai baht's three-digit currency number?", kb, minilm, cache, matcher)
    assert not match.refused(threshold) and kb.triples[match.matches[0].index].property == "numeric code"
    assert matching.match_question("What currency does Germany use?", kb, minilm, cache, matcher).refused(threshold)


def test_a_property_of_another_kind_of_entity_is_weak_evidence_of_a_missing_one(minilm):
    """In a KB of error codes and signals, "What does EPERM mean?" fits a signal's "description" better than the
    error code's own "message" (0.77 against 0.52): a property the named entity lacks counts fully against it only
    when entities of the same kind hold it (before: refused). A property the entity's own kind has and it lacks is
    still a missing property, refused."""
    matcher = load_matcher_encoder(minilm)
    threshold = matching.calibrated_threshold(matcher)
    triples = []
    for name, number, message in (("EPERM", "1", "Operation not permitted"),
                                  ("ENOENT", "2", "No such file or directory"),
                                  ("EHOSTUNREACH", "113", "No route to host")):
        triples += [Triple(name, "error number", number), Triple(name, "message", message),
                    Triple(name, "Python constant", f"errno.{name}")]
    for name, number, description in (("SIGINT", "2", "Interrupt"), ("SIGKILL", "9", "Killed")):
        triples += [Triple(name, "signal number", number), Triple(name, "description", description),
                    Triple(name, "Python constant", f"signal.{name}")]
    triples += [Triple("SIGTERM", "signal number", "15"), Triple("SIGTERM", "Python constant", "signal.SIGTERM")]
    kb = encode_kb(triples, minilm)
    cache = EmbeddingCache()
    for question in ("What does EPERM mean?", "What does EHOSTUNREACH mean?"):
        match = matching.match_question(question, kb, minilm, cache, matcher)
        assert not match.refused(threshold), (question, match.score)
        assert kb.triples[match.matches[0].index].property == "message"
    assert matching.sibling_properties(kb, frozenset({"signal number", "Python constant"})) == {"description"}
    assert matching.sibling_properties(kb, frozenset({"error number", "message", "Python constant"})) == frozenset()
    assert matching.match_question("What is the description of SIGTERM?", kb, minilm, cache, matcher).refused(threshold)
