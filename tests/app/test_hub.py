"""``kblam.hub``: push/pull of knowledge bases and adapters with the real ``huggingface_hub`` client against the
minimal Hub API test server (tests/datagen/hubserver.py) on 127.0.0.1; and the Hub tab through the running app."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

import pytest
import torch
import yaml

from kblam import hub
from kblam.adapters import AdapterConfig, KBAdapters
from kblam.encoder import EncodedKB
from kblam.kb import KnowledgeBase, Triple

TOKEN = "hf_unit_token_77aa"
WRONG = "hf_WRONG_token_d00d"
TRIPLES = [Triple("Vega", "constellation", "Lyra"), Triple("Altair", "constellation", "Aquila")]


@pytest.fixture
def online(monkeypatch, tmp_path):
    """The test session runs with HF_HUB_OFFLINE=1; these tests talk to a server on 127.0.0.1 only."""
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(constants, "HF_HUB_DISABLE_XET", True)
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path / "hf-cache"))
    monkeypatch.delenv("HF_TOKEN", raising=False)


@pytest.fixture
def server(online, tmp_path, monkeypatch):
    import hubserver

    with hubserver.serve(tmp_path / "hub", {TOKEN}) as srv:  # model-repo LFS is not served
        monkeypatch.setenv("HF_ENDPOINT", srv.url)  # read at call time
        yield srv


def _files(srv, kind: str, repo: str) -> dict:
    return srv.app.state.repos[(kind, repo)].commits[-1].files


def _encoded(triples) -> EncodedKB:
    keys, values = torch.randn(len(triples), 8), torch.randn(len(triples), 8)
    return EncodedKB(list(triples), keys, values, "test-encoder", 8)


def _adapters(folder) -> KBAdapters:
    cfg = AdapterConfig(backbone_id="HuggingFaceTB/SmolLM2-135M-Instruct", hidden_size=32, num_layers=4,
                        num_heads=4, num_kv_heads=2, head_dim=8, encoder_id="test-encoder", encoder_dim=8)
    adapters = KBAdapters(cfg)
    adapters.save(folder, trained_steps=12)
    return adapters


def test_kb_round_trip_with_encoded_tensors(server):
    kb = KnowledgeBase(TRIPLES)
    encoded = _encoded(TRIPLES)
    url = hub.push_kb(kb, "alice/stars", encoded=encoded, token=TOKEN)
    assert url.endswith("/datasets/alice/stars")
    assert set(_files(server, "datasets", "alice/stars")) >= {"kb.jsonl", "encoded/kb.safetensors",
                                                              "encoded/meta.json", "README.md"}
    pulled = hub.pull_kb("alice/stars", encoder_id="test-encoder")
    assert list(pulled.kb) == TRIPLES
    assert torch.equal(pulled.encoded.key_emb, encoded.key_emb) and pulled.encoded.encoder_id == "test-encoder"
    assert hub.pull_kb("alice/stars", encoder_id="other-encoder").encoded is None  # mismatch: re-encode


def test_adapters_push_writes_model_card_and_pulls_back(server, tmp_path):
    original = _adapters(tmp_path / "ad")
    hub.push_adapters(tmp_path / "ad", "alice/kblam-adapters", token=TOKEN, private=True)
    files = _files(server, "models", "alice/kblam-adapters")
    assert set(files) >= {"adapters.safetensors", "meta.json", "README.md"}
    folder = hub.pull_adapters("alice/kblam-adapters", token=TOKEN, dest=tmp_path / "pulled")  # not left in /tmp
    card = (folder / "README.md").read_text()
    meta = yaml.safe_load(card.split("---")[1])
    assert meta["base_model"] == "HuggingFaceTB/SmolLM2-135M-Instruct" and "kblam" in meta["tags"]
    assert meta["license"] == "mit" and "trained steps: 12" in card
    loaded = KBAdapters.load(folder)
    for name, tensor in original.state_dict().items():
        assert torch.equal(loaded.state_dict()[name], tensor)
    before = set(Path(tempfile.gettempdir()).glob("kblam-adapters-*"))
    with pytest.raises(hub.HubError, match="not found"):
        hub.pull_adapters("alice/kblam-adapters")  # private: invisible without the token
    assert set(Path(tempfile.gettempdir()).glob("kblam-adapters-*")) == before  # the failed pull left no folder


def test_wrong_token_is_scrubbed(server, caplog):
    caplog.set_level(logging.DEBUG)
    with pytest.raises(hub.HubError) as err:
        hub.push_kb(TRIPLES, "alice/stars", token=WRONG)
    assert "authentication failed (401)" in str(err.value)
    assert WRONG not in str(err.value) and WRONG not in caplog.text and err.value.__cause__ is None


def test_bad_inputs_refused_before_any_request(server, tmp_path):
    with pytest.raises(hub.HubError, match="invalid repo id"):
        hub.push_kb(TRIPLES, "no-namespace", token=TOKEN)
    with pytest.raises(hub.HubError, match="the knowledge base is empty"):
        hub.push_kb([], "alice/empty", token=TOKEN)
    with pytest.raises(hub.HubError, match="missing adapters.safetensors, meta.json"):
        hub.push_adapters(tmp_path, "alice/none", token=TOKEN)
    with pytest.raises(hub.HubError, match="does not match"):
        hub.push_kb(TRIPLES, "alice/stars", encoded=_encoded(TRIPLES[:1]), token=TOKEN)
    assert server.app.state.requests == []


def test_pulled_kb_with_a_bad_line_names_it(server):
    from huggingface_hub import CommitOperationAdd, HfApi

    api = HfApi(endpoint=server.url, token=TOKEN)
    api.create_repo("alice/broken", repo_type="dataset")
    bad = b'{"name": "A", "property": "p", "value": "v"}\n{"name": "B", "property": "p"}\n'
    api.create_commit("alice/broken", [CommitOperationAdd("kb.jsonl", bad)], commit_message="x", repo_type="dataset")
    with pytest.raises(Exception, match=r"alice/broken/kb.jsonl, line 2, field 'value'"):
        hub.pull_kb("alice/broken")


def test_unreachable_endpoint(online):
    with pytest.raises(hub.HubError, match="cannot reach http://127.0.0.1:9"):
        hub.pull_kb("alice/stars", endpoint="http://127.0.0.1:9")


# ---------------------------------------------------------------------------------------------- the Hub tab


@pytest.mark.realmodel
def test_hub_tab_round_trips(app_server, hub_server, hub_token):
    from gradio_client import Client

    alice = Client(app_server.url + "/", verbose=False)
    alice.predict("solar_system", api_name="/load_example")
    result = alice.predict("alice/solar", False, hub_token, api_name="/hub_push_kb")
    assert result == f"pushed to {hub_server.url}/datasets/alice/solar"
    files = hub_server.app.state.repos[("datasets", "alice/solar")].commits[-1].files
    assert "encoded/kb.safetensors" in files and "kb.jsonl" in files

    bob = Client(app_server.url + "/", verbose=False)
    bob.predict("company_directory", api_name="/load_example")
    assert "authentication failed" in bob.predict("bob/kb", False, "", api_name="/hub_push_kb")  # no token of his
    table, status, error, result = bob.predict("alice/solar", "", api_name="/hub_pull_kb")
    assert "pulled 51 triples from alice/solar (with encoded tensors)" in result
    assert len(table["data"]) == 51 and error == ""
    table, status = bob.predict("Mars", api_name="/search_kb")
    assert len(table["data"]) == 4 and "from `hub:alice/solar`" in status and "0 new strings" in status

    result = alice.predict("loaded", "", "alice/adapters", False, hub_token, api_name="/hub_push_adapters")
    assert result.startswith("pushed to")
    files = hub_server.app.state.repos[("models", "alice/adapters")].commits[-1].files
    assert files["adapters.safetensors"]["size"] > 1_000_000 and "README.md" in files
    before = set(Path(tempfile.gettempdir()).glob("kblam-adapters-*"))
    result = bob.predict("alice/adapters", "", api_name="/hub_pull_adapters")
    assert result.startswith("pulled adapters from alice/adapters")
    # into the server's own folder, removed when it exits (each pull had left a 30 MB folder in /tmp)
    assert "kblam-pulls-" in result and set(Path(tempfile.gettempdir()).glob("kblam-adapters-*")) == before


@pytest.mark.realmodel
def test_hub_tab_dataset_pull_then_push(app_server, hub_server, hub_token, online):
    from gradio_client import Client

    from datagen.hub import push_dataset

    rows = [{"instruction": f"Question {i}?", "input": "", "output": f"Answer {i}.", "system": ""} for i in range(3)]
    push_dataset({"train": rows}, "alice/qa", token=hub_token, endpoint=hub_server.url)
    client = Client(app_server.url + "/", verbose=False)
    result = client.predict("hubdemo", "alice/qa", hub_token, api_name="/hub_pull_dataset")
    assert "pulled alice/qa into project `hubdemo`" in result and "'imported': 3" in result
    result = client.predict("hubdemo", "alice/qa-copy", "sharegpt", False, hub_token, api_name="/hub_push_dataset")
    assert result == f"pushed to {hub_server.url}/datasets/alice/qa-copy"
    result = client.predict("hubdemo", "bad id", "alpaca", False, hub_token, api_name="/hub_push_dataset")
    assert "invalid repo id" in result


def test_the_studio_import_never_sends_the_servers_own_token(server, monkeypatch):
    """The studio's Import tab pulls public Hub datasets for any visitor: it must not fall back to the server's own
    login (HF_TOKEN here), or a visitor could read the owner's private datasets (before: it did)."""
    from app_ui.studio_mix import MixHandlers
    from datagen.hub import push_dataset

    rows = [{"instruction": f"Question {i}?", "output": f"Answer {i}."} for i in range(2)]
    push_dataset({"train": rows}, "owner/private-qa", token=TOKEN, private=True)
    push_dataset({"train": rows}, "owner/public-qa", token=TOKEN, private=False)
    monkeypatch.setenv("HF_TOKEN", TOKEN)  # the server owner's own login
    records, source = MixHandlers._records(None, "owner/public-qa")
    assert len(records) == 2 and source == "owner/public-qa"
    with pytest.raises(Exception, match="(?i)not found|no access|404|authentic"):
        MixHandlers._records(None, "owner/private-qa")


def test_pulled_adapters_live_in_the_servers_own_folder_and_a_stopped_servers_folder_goes(tmp_path, monkeypatch):
    """A server stopped by SIGTERM runs no exit handlers (uvicorn re-raises the signal), so the folder of pulls of a
    server that no longer runs is removed when the next server first pulls; a running server's is kept."""
    import os
    import subprocess
    import sys

    from app_ui import common

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    common._session_root.cache_clear()
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f"kblam-pulls-{gone.stdout.strip()}-abc"
    live = tmp_path / f"kblam-pulls-{os.getppid()}-def"
    for folder in (stale, live):
        (folder / "kblam-adapters-x").mkdir(parents=True)
    try:
        pulled = common.session_folder("kblam-adapters-")
    finally:
        common._session_root.cache_clear()
    assert pulled.is_dir() and pulled.parent.name.startswith(f"kblam-pulls-{os.getpid()}-")
    assert not stale.exists() and live.exists()
