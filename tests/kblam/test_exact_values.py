"""The failure examples of issue 10 with the real default model (SmolLM2 + the shipped adapters, default mode) on
a fixed hand-written KB (data/failure_kb.json): every value comes out byte for byte (units, dates, e-mails, codes,
a colour, version strings, comparison operators, URLs, a name with a plural noun, times, a list), refusals stay,
and a prompt that used to repeat one line until max_new_tokens now ends early with no repeated line.

Measured before the copy mechanism: 15/19 exact ("3,412 meters", "5" for "<= 5 ms", "18 years" for ">= 18 years",
"06:15, 17:05"); after: 19/19 (``python -m bench.bench_decoding``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kblam.decoding import answer_budget
from kblam.engine import ChatSettings, KBLaM
from kblam.kb import Triple
from kblam.prompting import REFUSAL

pytestmark = pytest.mark.realmodel
DATA = json.loads((Path(__file__).resolve().parent / "data" / "failure_kb.json").read_text())
TRIPLES = [Triple(*row) for row in DATA["triples"]]
MAX_NEW = 96


@pytest.fixture(scope="module")
def engine():
    return KBLaM.load()  # the shipped adapters


@pytest.fixture(scope="module")
def kb(engine):
    return engine.encode(TRIPLES)


def test_every_value_is_stated_byte_for_byte(engine, kb):
    wrong = []
    for question, targets in DATA["questions"]:
        answer = engine.answer(question, kb, ChatSettings(max_new_tokens=MAX_NEW))
        if not all(TRIPLES[i].value in answer.text for i in targets):
            wrong.append((question, answer.text))
    assert not wrong, wrong


def test_unanswerable_questions_are_still_refused(engine, kb):
    for question in DATA["refusals"]:
        answer = engine.answer(question, kb, ChatSettings(max_new_tokens=MAX_NEW))
        assert answer.refused and answer.text.startswith(REFUSAL), (question, answer.text)


def test_a_prompt_that_looped_ends_early_without_repeating_a_line(engine, kb):
    """With the KB in attention only (kblam+prior) this question used to give "The ingredients of her signature
    dish of Orla Venn is:" on every line until max_new_tokens."""
    question = "What are the ingredients of her signature dish of Orla Venn?"
    answer = engine.answer(question, kb, ChatSettings(mode="kblam+prior", max_new_tokens=MAX_NEW))
    lines = [ln.strip() for ln in answer.text.splitlines() if ln.strip()]
    tokens = len(engine.backbone.tokenizer.encode(answer.text, add_special_tokens=False))
    assert lines and len(lines) == len(set(lines)) and tokens < MAX_NEW // 2, answer.text
    # grounded: the answer is bounded by what the matched triple needs, and states the list exactly
    grounded = engine.answer(question, kb, ChatSettings(max_new_tokens=MAX_NEW))
    budget = answer_budget(engine.backbone.tokenizer, [TRIPLES[14]])
    assert TRIPLES[14].value in grounded.text
    assert len(engine.backbone.tokenizer.encode(grounded.text, add_special_tokens=False)) <= budget < MAX_NEW


def test_a_compound_question_states_both_values_or_says_what_it_left_out(engine):
    """The real default model: "What version is sed, and who maintains it?" states both values; a clause the KB
    cannot answer is named at the end of the answer rather than dropped silently, and a compound question with
    no clause the KB answers is refused."""
    kb = engine.encode([Triple("sed", "version", "4.9-1"), Triple("sed", "maintainer", "Clint Adams"),
                        Triple("grep", "version", "3.8-5"), Triple("grep", "maintainer", "Anibal Monsalve")])
    answer = engine.answer("What version is sed, and who maintains it?", kb, ChatSettings(max_new_tokens=MAX_NEW))
    assert "4.9-1" in answer.text and "Clint Adams" in answer.text and not answer.refused, answer.text
    assert "does not answer" not in answer.text
    answer = engine.answer("What version is sed, and what is its favourite colour?", kb,
                           ChatSettings(max_new_tokens=MAX_NEW))
    assert "4.9-1" in answer.text and not answer.refused, answer.text
    assert answer.text.endswith('The KB does not answer "what is its favourite colour?".'), answer.text
    answer = engine.answer("What is sed's favourite colour, and what is its shoe size?", kb,
                           ChatSettings(max_new_tokens=MAX_NEW))
    assert answer.refused, answer.text


def test_a_value_two_entities_share_is_stated_for_each_and_a_value_points_at_its_entity(engine):
    """The real default model: numpy and pandas both need ">=3.11"; the answer states it for each (it ended after
    numpy). "Which package is at version 2.4.6?" writes a value only numpy holds and is answered with it."""
    kb = engine.encode([Triple("numpy", "requires Python", ">=3.11"), Triple("numpy", "version", "2.4.6"),
                        Triple("pandas", "requires Python", ">=3.11"), Triple("pandas", "version", "3.1.1"),
                        Triple("httpx", "requires Python", ">=3.8"), Triple("httpx", "version", "0.28.1")])
    answer = engine.answer("minimum python for numpy and for pandas?", kb, ChatSettings(max_new_tokens=MAX_NEW))
    assert answer.text.count(">=3.11") == 2 and "pandas" in answer.text and not answer.refused, answer.text
    answer = engine.answer("Which package is at version 2.4.6?", kb, ChatSettings(max_new_tokens=MAX_NEW))
    assert "numpy" in answer.text and "2.4.6" in answer.text and not answer.refused, answer.text


def test_a_value_longer_than_the_default_budget_is_stated_whole_unless_the_caller_set_a_hard_limit(engine):
    """From the hashes fresh KB: blake2b's digest of the empty input is 128 hex digits, about 100 tokens, and the
    default budget of 96 cut it short ("…afee58531389644"). The budget now grows to what the matched value needs
    (up to ``value_tokens``); with ``value_tokens=0`` (an API client's ``max_tokens``) the limit holds."""
    digest = ("786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419d25e1031afee585313896444934eb04b"
              "903a685b1448b755d56f701afe9be2ce")
    kb = engine.encode([Triple("blake2b", "digest of empty input", digest), Triple("blake2b", "block size", "128 bytes"),
                        Triple("sha256", "digest of empty input", digest[:64]), Triple("sha256", "block size", "64 bytes")])
    question = "Give me the blake2b digest of empty input."
    answer = engine.answer(question, kb, ChatSettings(max_new_tokens=MAX_NEW))
    assert digest in answer.text and MAX_NEW < answer.budget <= answer_budget(
        engine.backbone.tokenizer, [kb.triples[0]]), (answer.text, answer.budget)
    capped = engine.answer(question, kb, ChatSettings(max_new_tokens=MAX_NEW, value_tokens=0))
    assert digest not in capped.text and capped.budget == MAX_NEW, capped.text
