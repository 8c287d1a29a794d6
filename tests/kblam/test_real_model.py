"""The real default model and encoder, from the wheels, offline: general answers with an empty KB, a 100-triple
KB end to end with saved-then-reloaded adapters, the 4-bit path, and the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import torch

from kblam.adapters import attach
from kblam.engine import Answer, KBLaM
from kblam.kb import Triple

pytestmark = pytest.mark.realmodel
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def engine():
    return KBLaM.load(adapters=None)  # fresh (untrained) adapters: this file tests the plumbing, not quality


def test_empty_kb_is_the_stock_model(engine):
    encoded = engine.encode([])
    answer = engine.answer("What is the capital of France?", encoded, mode="kblam", max_new_tokens=16)
    assert "Paris" in answer.text and not answer.refused and answer.evidence == []
    tok = engine.backbone.tokenizer
    ids = tok("The capital of France is", return_tensors="pt").input_ids
    engine.attachment.detach()
    try:
        with torch.no_grad():
            stock = engine.backbone.model(ids).logits
    finally:
        engine.attachment = attach(engine.backbone.model, engine.adapters)
    with torch.no_grad():
        attached = engine.backbone.model(ids).logits
    assert (attached - stock).abs().max() <= 1e-4


def test_hundred_triple_kb_with_saved_and_reloaded_adapters(engine, tmp_path):
    engine.adapters.save(tmp_path / "adapters")
    reloaded = KBLaM(engine.backbone, engine.encoder,
                     type(engine.adapters).load(tmp_path / "adapters", backbone_shape=engine.backbone.shape,
                                                backbone_id=engine.backbone.model_id,
                                                encoder_id=engine.encoder.id, encoder_dim=engine.encoder.dim))
    triples = [Triple(f"Account {i:03d}", "owner e-mail", f"owner{i}@example.org") for i in range(100)]
    encoded = reloaded.encode(triples)
    assert encoded.key_emb.shape == (100, 384)
    pieces, final = [], None
    for item in reloaded.stream("What is the owner e-mail of Account 042?", encoded, mode="kblam+prior",
                                max_new_tokens=8, prior_weight=20.0, inject_untrained=True):
        if isinstance(item, Answer):
            final = item
        else:
            pieces.append(item)
    assert final is not None and final.text == "".join(pieces).strip()
    assert len(final.evidence) == 5 and len(final.attention) == 100
    assert final.evidence[0].triple.name == "Account 042"  # the prior makes retrieval exact
    assert final.timings["first_token_s"] > 0
    grounded = reloaded.answer("What is the owner e-mail of Account 042?", encoded, mode="grounded",
                               max_new_tokens=4, prior_weight=20.0, inject_untrained=True)
    assert grounded.evidence and grounded.mode == "grounded"


def test_untrained_adapters_answer_from_text_evidence_without_knowledge_tokens(engine, monkeypatch):
    """Fresh adapters (a backbone nobody trained adapters for) never get their knowledge tokens injected: the
    question is matched as text, the matched triple written into the prompt, and the answer says which mode ran."""
    from kblam import attention

    states = []
    real_context = attention.kb_context

    def recording(state):
        states.append(state)
        return real_context(state)

    monkeypatch.setattr(attention, "kb_context", recording)
    assert not engine.adapters_trained
    kb = engine.encode([Triple("Orion Labs", "support e-mail", "help@orion-labs.example"),
                        Triple("Vega Inc", "support e-mail", "desk@vega-inc.example")])
    answer = engine.answer("What is the support e-mail of Vega Inc?", kb, mode="kblam", max_new_tokens=32)
    assert answer.mode == "grounded-text" and "not trained" in answer.note and "kblam" in answer.note
    assert "desk@vega-inc.example" in answer.text and answer.evidence[0].triple.name == "Vega Inc"
    assert states and all(s is None for s in states)  # generate() ran with no KB state in attention
    refused = engine.answer("Who founded Sirius Works?", kb)
    assert refused.refused and refused.mode == "grounded-text" and "not trained" in refused.as_dict()["note"]


def test_4bit_default_model_on_cpu():
    from kblam.models import load_backbone

    bb = load_backbone("smollm2", quantize="4bit")
    assert bb.quantized
    from kblam.encoder import load_encoder
    from kblam.engine import resolve_adapters

    enc = load_encoder()
    engine4 = KBLaM(bb, enc, resolve_adapters(None, bb, enc))
    kb = engine4.encode([Triple("Orion Labs", "founding year", "1987")])
    answer = engine4.answer("When was Orion Labs founded?", kb, mode="kblam", max_new_tokens=4, inject_untrained=True)
    assert isinstance(answer.text, str) and len(answer.attention) == 1


def test_cli_ask_json_and_errors(tmp_path):
    kb = tmp_path / "kb.csv"
    kb.write_text("name,property,value\nOrion Labs,founding year,1987\nVega Inc,founding year,2001\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-m", "kblam", "ask", "--kb", str(kb), "--json", "--adapters", "none",
                          "--max-new-tokens", "4", "When was Vega Inc founded?"],
                         capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert set(out) >= {"answer", "refused", "evidence", "timings"} and len(out["evidence"]) == 2
    bad = tmp_path / "bad.csv"
    bad.write_text("name,prop\nx,y\n")
    run = subprocess.run([sys.executable, "-m", "kblam", "ask", "--kb", str(bad), "q"], capture_output=True,
                         text=True, env=env, timeout=300)
    assert run.returncode == 1 and "bad.csv" in run.stderr and run.stdout == ""
    run = subprocess.run([sys.executable, "-m", "kblam", "encode", str(kb), "--out", str(tmp_path / "enc")],
                         capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0, run.stderr
    assert json.loads((tmp_path / "enc" / "meta.json").read_text())["num_triples"] == 2


def test_closing_a_stream_early_stops_generation(engine):
    """A client that goes away (the server or the UI closes the stream) must not leave generate() running to
    max_new_tokens in the background."""
    stream = engine.stream("Write a very long story about a dragon.", engine.encode([]), mode="kblam",
                           max_new_tokens=500)
    assert isinstance(next(stream), str)
    stream.close()
    deadline = time.monotonic() + 3.0  # 500 tokens take far longer than this on a CPU
    while any(t.name == "kblam-generate" for t in threading.enumerate()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(t.name == "kblam-generate" for t in threading.enumerate())


def test_closing_a_plain_chat_stream_early_stops_generation(engine):
    """Plain chat (a message list, no KB) runs on the same generation loop: closing it stops generate() too."""
    stream = engine.stream_chat([{"role": "user", "content": "Write a very long story about a dragon."}],
                                max_new_tokens=500)
    assert isinstance(next(stream), str)
    stream.close()
    deadline = time.monotonic() + 3.0
    while any(t.name == "kblam-generate" for t in threading.enumerate()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(t.name == "kblam-generate" for t in threading.enumerate())


def test_plain_chat_reports_usage_and_length_finish(engine):
    from kblam.engine import ChatResult

    items = list(engine.stream_chat([{"role": "user", "content": "Write a long story about a dragon."}],
                                    max_new_tokens=5, temperature=0.8, seed=3))
    final = items[-1]
    assert isinstance(final, ChatResult) and final.finish_reason == "length" and final.completion_tokens == 5
    assert final.prompt_tokens > 5 and final.text == "".join(items[:-1]).strip()
