"""Continuous batching (kblam/batching.py): requests decoded together give the same greedy tokens as each request
alone, for batches that mix plain chat, KB questions and different KBs (tiny random model, real tokenizer); a
stream closed early leaves the batch without disturbing the others; a failing step reaches every caller."""

from __future__ import annotations

import threading
import time

import pytest
import torch
from test_large_kb import WordHashEncoder, make_triples
from test_training import tiny_backbone, tokenizer  # noqa: F401 - shared tiny-model fixtures

from kblam.batching import BatchScheduler, Job
from kblam.engine import Answer, ChatResult, ChatSettings, KBLaM, resolve_adapters

SCALE = 12.0


@pytest.fixture(scope="module")
def engine(tokenizer):  # noqa: F811
    backbone, encoder = tiny_backbone(tokenizer), WordHashEncoder()
    with torch.no_grad():  # larger weights than the tiny init: varied text, no near-ties for float noise to flip
        for p in backbone.model.parameters():
            if p.ndim == 2:
                p.mul_(SCALE)
    adapters = resolve_adapters(None, backbone, encoder).eval().requires_grad_(False)
    return KBLaM(backbone, encoder, adapters, ChatSettings(mode="kblam+prior", max_new_tokens=12,
                                                           inject_untrained=True, prior_weight=5.0))


def _requests(engine: KBLaM) -> list:
    """Plain chats of different lengths, questions on two different KBs (kblam+prior and grounded, whose copy
    and cover logic runs per sequence), and an in-context question: thunks returning a fresh stream each."""
    kb_a, kb_b = engine.encode(make_triples(12)), engine.encode(make_triples(40)[20:])
    chat = lambda text, n: lambda: engine.stream_chat([{"role": "user", "content": text}], max_new_tokens=n)  # noqa: E731
    return [
        chat("Hello there, who are you?", 10),
        lambda: engine.stream("What is the colour of Entity0000?", kb_a),
        chat("Write one long sentence about rivers and their many bends and bridges.", 16),
        lambda: engine.stream("What is the founder of Entity0026?", kb_b, max_new_tokens=7),
        lambda: engine.stream("What is the home city of Entity0001?", kb_a, mode="grounded", max_new_tokens=20),
        lambda: engine.stream_text("Who founded Entity0002?", make_triples(3)),
        chat("Hi", 5),
    ]


def _run(stream) -> tuple[str, str]:
    pieces, final = [], None
    for item in stream:
        if isinstance(item, (Answer, ChatResult)):
            final = item
        else:
            pieces.append(item)
    return "".join(pieces), final.text


def _together(engine: KBLaM, thunks: list) -> list:
    """Start every request in its own thread while the scheduler's gate is held, so that they are admitted and
    decoded as one batch."""
    results: list = [None] * len(thunks)

    def work(i: int) -> None:
        results[i] = _run(thunks[i]())

    with engine.batcher.gate:
        threads = [threading.Thread(target=work, args=(i,)) for i in range(len(thunks))]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 60
        while engine.batcher.queued < len(thunks) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert engine.batcher.queued == len(thunks)
    for t in threads:
        t.join(120)
    return results


def test_batched_generations_equal_each_alone(engine):
    thunks = _requests(engine)
    engine.batcher = None
    alone = [_run(t()) for t in thunks]
    batcher = engine.enable_batching(max_batch=16)
    try:
        batched = _together(engine, thunks)
    finally:
        engine.batcher = None
    assert batcher.max_rows_seen == len(thunks)  # all of them were decoded in one batch
    assert batcher._prefix is not None and len(batcher._prefix[0]) >= 8  # plain chats shared a cached prefix
    assert batched == alone
    assert len({text for text, _ in alone}) == len(alone)  # the requests really differ


def test_a_batch_larger_than_max_batch_waits_and_still_matches(engine):
    thunks = _requests(engine)[:5]
    engine.batcher = None
    alone = [_run(t()) for t in thunks]
    batcher = engine.enable_batching(max_batch=2)
    try:
        batched = _together(engine, thunks)
    finally:
        engine.batcher = None
    assert batcher.max_rows_seen == 2 and batched == alone


def test_closing_a_stream_leaves_the_batch_and_the_others_go_on(engine):
    thunks = _requests(engine)[:3]
    engine.batcher = None
    alone = [_run(t()) for t in thunks]
    batcher = engine.enable_batching(max_batch=8)
    try:
        stream = engine.stream_chat([{"role": "user", "content": "Tell me a very long story."}],
                                    max_new_tokens=200)
        first = next(stream)  # running in the batch now
        assert isinstance(first, str)
        steps_before = batcher.steps
        results = _together(engine, thunks)
        stream.close()  # the client went away
        deadline = time.monotonic() + 30
        while batcher.rows and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        engine.batcher = None
    assert results == alone
    assert not batcher.rows  # the closed stream left the batch instead of decoding to 200 tokens
    assert batcher.steps - steps_before < 200


def test_a_failing_step_reaches_every_waiting_caller():
    class Broken(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.w = torch.nn.Parameter(torch.zeros(1))
            self.config = None

        def forward(self, **kwargs):
            raise RuntimeError("out of memory (simulated)")

    scheduler = BatchScheduler(Broken(), max_batch=4)
    ends: list = []
    done = threading.Event()

    def on_end(error) -> None:
        ends.append(error)
        if len(ends) == 3:
            done.set()

    with scheduler.gate:
        for _ in range(3):
            scheduler.submit(Job([1, 2, 3], None, 4, [0], on_token=lambda t: None, on_end=on_end))
    assert done.wait(30)
    assert [str(e) for e in ends] == ["out of memory (simulated)"] * 3
    with pytest.raises(ValueError, match="max_batch"):
        BatchScheduler(Broken(), max_batch=0)


@pytest.mark.realmodel
@pytest.mark.parametrize("precision", ["auto", "fp32"])
def test_real_model_batched_answers_equal_each_alone(precision):
    """SmolLM2 + MiniLM + the shipped adapters: plain chats, grounded KB questions on two KBs (values copied by
    the grounded decoding) and a plain-kblam question, decoded in one batch, give each request's lone answer at fp32.
    At the CPU default (int8 weights, bf16 activations; no activation is quantised across the batch, as dynamic
    int8 did, which turned "Paris" into "Le Grand-Bouleau") the grounded answers are the same and free text may
    be worded differently (bf16 rounding differs with the batch's shapes)."""
    from kblam.kb import Triple

    engine = KBLaM.load(precision=precision)
    kb_a = engine.encode([Triple("Zorblat Quinn", "favourite colour", "teal"),
                          Triple("Mira Castellan", "home town", "Oslo"),
                          Triple("Orla Venn", "height", "1.82 m")])
    kb_b = engine.encode([Triple("Project Kestrel", "budget", "4,250,000 EUR"),
                          Triple("Project Kestrel", "start date", "2023-07-19")])
    thunks = [
        lambda: engine.stream_chat([{"role": "user", "content": "What is the capital of France?"}], max_new_tokens=20),
        lambda: engine.stream("What is the favourite colour of Zorblat Quinn?", kb_a),
        lambda: engine.stream("What is the budget of Project Kestrel?", kb_b),
        lambda: engine.stream_chat([{"role": "user", "content": "Name three colours."}], max_new_tokens=24),
        lambda: engine.stream("Where is Mira Castellan's home town?", kb_a, mode="kblam", max_new_tokens=16),
        lambda: engine.stream("When did Project Kestrel start?", kb_b),
    ]
    alone = [_run(t()) for t in thunks]
    engine.enable_batching(max_batch=8)
    batched = _together(engine, thunks)
    assert engine.batcher.max_rows_seen == len(thunks)
    if precision == "fp32":
        assert batched == alone
    else:  # bf16 activations: a batch's other shapes round differently, so free text may be worded otherwise;
        # the grounded answers lead with the matched triple and copy its value, and do not change
        assert [batched[i] for i in (1, 2, 5)] == [alone[i] for i in (1, 2, 5)]
        assert "Paris" in batched[0][1]
    assert "teal" in alone[1][1] and "4,250,000 EUR" in alone[2][1] and "Paris" in alone[0][1]
