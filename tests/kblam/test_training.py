"""Training and evaluation on a tiny random Llama with the real SmolLM2 tokenizer (so the chat template and label
masks are the real ones) and a small deterministic encoder: loss goes down, checkpoints resume exactly, the
evaluation writes a well-formed report, every mode runs."""

from __future__ import annotations

import json
import threading

import numpy as np
import pytest
import torch
from transformers import AutoTokenizer, LlamaConfig, LlamaForCausalLM

from kblam import matching
from kblam.adapters import KBAdapters
from kblam.encoder import Encoder
from kblam.engine import MODES, KBLaM, resolve_adapters
from kblam.evaluate import EvalConfig, run_eval
from kblam.models import Backbone, default_backbone_dir
from kblam.train import TrainConfig, train


class HashEncoder(Encoder):
    """Deterministic bag-of-words embeddings: similar strings get similar vectors, no model needed."""

    id, dim = "hash-bow-32", 32

    def encode(self, texts, *, batch_size=64, progress=None):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().split():
                out[i, sum(map(ord, word)) % self.dim] += 1.0
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-6)


@pytest.fixture(scope="module")
def tokenizer():
    tok = AutoTokenizer.from_pretrained(default_backbone_dir())
    tok.padding_side = "left"
    return tok


def tiny_backbone(tokenizer) -> Backbone:
    torch.manual_seed(0)
    cfg = LlamaConfig(vocab_size=len(tokenizer), hidden_size=36, intermediate_size=48, num_hidden_layers=3,
                      num_attention_heads=3, num_key_value_heads=1, head_dim=12, max_position_embeddings=1024,
                      pad_token_id=tokenizer.pad_token_id, attn_implementation="sdpa", tie_word_embeddings=True)
    model = LlamaForCausalLM(cfg).eval().requires_grad_(False)
    return Backbone(model, tokenizer, "tiny-llama", torch.device("cpu"), torch.float32)


def small_config(out, **kw) -> TrainConfig:
    base = dict(out_dir=str(out), steps=12, batch_size=4, lr=5e-3, warmup_steps=2, kb_size=(4, 8),
                n_entities=40, checkpoint_every=5, eval_every=0, log_every=1, layer_frequency=1, max_length=160)
    base.update(kw)
    return TrainConfig(**base)


def read_log(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


def fixed_batch_losses(backbone, adapters, cfg) -> dict[str, float]:
    from kblam.train import (
        BatchBuilder,
        KBLaMTrainer,
        TripleEmbeddings,
        load_training_triples,
        shared_prefix_tokens,
    )

    encoder = HashEncoder()
    triples, _ = load_training_triples(cfg)
    builder = BatchBuilder(cfg, triples, TripleEmbeddings(triples, encoder, None), backbone.tokenizer, encoder)
    trainer = KBLaMTrainer(backbone, adapters, shared_prefix_tokens(backbone.tokenizer))
    with torch.no_grad():
        totals = [trainer(builder.build(step)) for step in range(3)]  # the first three training batches
    return {k: float(sum(t[k] for t in totals)) / 3 for k in ("loss", "lm", "retrieval")}


def test_training_reduces_loss_and_writes_adapters(tokenizer, tmp_path):
    cfg = small_config(tmp_path / "run", steps=30)
    backbone = tiny_backbone(tokenizer)
    fresh = resolve_adapters(None, backbone, HashEncoder())
    fresh.prior_weight.data.fill_(cfg.prior_weight_init)
    before = fixed_batch_losses(backbone, fresh, cfg)
    out = train(cfg, backbone=backbone, encoder=HashEncoder())
    after = fixed_batch_losses(backbone, KBAdapters.load(out), cfg)
    assert after["retrieval"] < before["retrieval"] - 0.03, (before, after)
    assert after["lm"] < before["lm"] - 0.01, (before, after)
    logged = [r for r in read_log(tmp_path / "run" / "train_log.jsonl") if "loss" in r]
    assert [r["step"] for r in logged] == list(range(1, 31)) and logged[-1]["lr"] < logged[5]["lr"]
    meta = json.loads((out / "meta.json").read_text())
    assert meta["extra"]["trained_steps"] == 30 and meta["encoder_id"] == "hash-bow-32"


def test_checkpoint_resumes_to_the_same_state(tokenizer, tmp_path):
    straight = train(small_config(tmp_path / "a", steps=10), backbone=tiny_backbone(tokenizer),
                     encoder=HashEncoder())
    stop = threading.Event()
    steps_seen = []

    def stop_after_six(record):
        steps_seen.append(record["step"])
        if record["step"] == 6:
            stop.set()

    train(small_config(tmp_path / "b", steps=10), backbone=tiny_backbone(tokenizer), encoder=HashEncoder(),
          stop=stop, on_log=stop_after_six)
    assert max(steps_seen) == 6  # interrupted; the checkpoint holds step 6
    resumed = train(small_config(tmp_path / "b", steps=10), backbone=tiny_backbone(tokenizer),
                    encoder=HashEncoder())
    a, b = KBAdapters.load(straight).state_dict(), KBAdapters.load(resumed).state_dict()
    for name in a:
        assert torch.allclose(a[name], b[name], atol=1e-5), name
    log_b = [r["loss"] for r in read_log(tmp_path / "b" / "train_log.jsonl") if "loss" in r]
    log_a = [r["loss"] for r in read_log(tmp_path / "a" / "train_log.jsonl") if "loss" in r]
    assert np.allclose(log_a, log_b, atol=1e-4)


def test_evaluation_end_to_end_and_every_mode(tokenizer, tmp_path):
    backbone, encoder = tiny_backbone(tokenizer), HashEncoder()
    engine = KBLaM(backbone, encoder, resolve_adapters(None, backbone, encoder))
    cfg = EvalConfig(out_dir=str(tmp_path / "eval"), retrieval_sizes=(10, 20), retrieval_questions=4,
                     answer_sizes=(10,), n_answerable=4, n_unanswerable=2, max_new_tokens=4, cost_sizes=(0, 10))
    report = run_eval(cfg, engine=engine)
    saved = json.loads((tmp_path / "eval" / "report.json").read_text())
    assert saved["backbone"] == "tiny-llama" and len(saved["retrieval"]) == 4
    for res in saved["retrieval"]:
        assert set(res["top1"]) == {"0"} and 0 <= res["best_top1"] <= res["best_top5"] <= 1
    methods = saved["answers"][0]["methods"]
    base = {"in-context", "rag", "kblam", "kblam+prior", "grounded"}
    assert set(methods) == base | {"zero-shot", "grounded+cosine-threshold"} | {f"{m}+threshold" for m in base}
    cal = saved["calibration"]
    assert 0 <= cal["threshold"] <= 1 and saved["answers"][0]["refusal_threshold"] is not None
    assert cal["score"] == matching.SCORE_NAME and 0 <= cal["cosine_threshold"] <= 1
    for res in methods.values():
        assert 0 <= res["exact_match"] <= 1 and 0 <= res["refusal_recall"] <= 1
    assert [r["kb_size"] for r in saved["cost"]] == [0, 10]
    rows = [json.loads(x) for x in (tmp_path / "eval" / "answers_10.jsonl").read_text().splitlines()]
    assert {r["method"] for r in rows} == base | {"zero-shot"} and all("match_score" in r for r in rows)
    for plot in report["plots"]:
        assert (tmp_path / "eval" / plot).read_bytes()[:4] == b"\x89PNG"
    kb = engine.encode([t for t in __import__("kblam.synthetic", fromlist=["x"]).generate_kb(
        __import__("kblam.synthetic", fromlist=["x"]).SyntheticConfig(n_entities=10))[0]][:6])
    for mode in MODES:
        answer = engine.answer("What is the colour of nothing?", kb, mode=mode, max_new_tokens=3,
                               inject_untrained=True)
        assert answer.mode == mode and isinstance(answer.text, str)
        assert len(answer.evidence) == 5
    plain = engine.answer("What is the colour of nothing?", kb, max_new_tokens=3)  # adapters never trained
    assert plain.mode == "grounded-text" and "not trained" in plain.note and plain.attention == []
