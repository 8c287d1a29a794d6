"""The question/KB match behind refusal and the grounded mode's choice of triples (real MiniLM). The logits
processor that keeps a grounded answer from ending before it states every matched value is in test_decoding.py."""

from __future__ import annotations

import pytest

from kblam.encoder import EmbeddingCache, encode_kb, load_encoder
from kblam.evaluate import pick_kb
from kblam.kb import Triple
from kblam.matching import DEFAULT_THRESHOLD, match_question
from kblam.samples import questions_for_kb
from kblam.synthetic import SyntheticConfig, generate_kb

KB = [
    Triple("Havis Comets", "home stadium", "Orlen Park"),
    Triple("Havis Comets", "team colours", "green and gold"),
    Triple("Havis", "population", "12,400"),
    Triple("Coraral Labs", "headquarters", "Tallinn"),
    Triple("Coraral Labs", "founding year", "1987"),
    Triple("Zakan Dynamics", "registration number", "ZD-44-1180"),
]


@pytest.fixture(scope="module")
def minilm():
    return load_encoder()


@pytest.fixture(scope="module")
def kb(minilm):
    return encode_kb(KB, minilm)


@pytest.mark.realmodel
def test_names_are_found_whole_longest_first_and_case_insensitive(kb, minilm):
    m = match_question("what is the HOME STADIUM of havis comets?", kb, minilm)
    assert m.named and KB[m.matches[0].index] == KB[0]
    m = match_question("How many people live in Havis?", kb, minilm)
    assert [KB[x.index].name for x in m.matches] == ["Havis"] and KB[m.matches[0].index].property == "population"
    # "Havisham" is not the entity "Havis": no name found, plain cosine fallback, nothing counted as asked for
    m = match_question("Who wrote about Miss Havisham?", kb, minilm)
    assert not m.named and m.relevant(None) == []


@pytest.mark.realmodel
def test_missing_property_of_a_known_entity_scores_below_a_present_one(kb, minilm):
    present = match_question("Where are Coraral Labs' headquarters?", kb, minilm)
    missing = match_question("Who is the chief executive of Coraral Labs?", kb, minilm)
    unknown = match_question("Where are Pelorin Works' headquarters?", kb, minilm)
    assert present.score > DEFAULT_THRESHOLD > max(missing.score, unknown.score)
    assert KB[present.matches[0].index].value == "Tallinn"
    assert missing.relevant(DEFAULT_THRESHOLD) == []


@pytest.mark.realmodel
def test_a_two_entity_question_matches_both_triples(kb, minilm):
    m = match_question("Tell me the team colours of Havis Comets and the registration number of Zakan Dynamics.",
                       kb, minilm)
    assert {KB[x.index].value for x in m.relevant(DEFAULT_THRESHOLD)} == {"green and gold", "ZD-44-1180"}


def test_an_empty_kb_matches_nothing(minilm):
    m = match_question("anything?", encode_kb([], minilm), minilm)
    assert m.score == 0.0 and m.matches == () and m.relevant(None) == []


@pytest.mark.realmodel
def test_refusal_by_match_score_separates_held_out_questions(minilm):
    """On the evaluation's held-out 100-triple KB (80 answerable incl. two-entity questions, 20 unanswerable,
    half of them known entities with a missing property), the default threshold refuses with P and R >= 0.9,
    where the plain cosine could not reach 0.9 on both (README)."""
    triples = pick_kb(generate_kb(SyntheticConfig(seed=0))[1], 100, 0)
    encoded, cache = encode_kb(triples, minilm), EmbeddingCache()
    questions = questions_for_kb(triples, 80, 20, seed=0)
    refused = [(match_question(q.question, encoded, minilm, cache).score < DEFAULT_THRESHOLD, not q.targets)
               for q in questions]
    tp = sum(r and u for r, u in refused)
    precision, recall = tp / max(1, sum(r for r, _ in refused)), tp / sum(u for _, u in refused)
    assert precision >= 0.9 and recall >= 0.9, (precision, recall)
