"""Control flow of the app's service layer and API edge, with fakes instead of models: loading once under
concurrency, the generation slots and queue limit, KB editing and incremental re-encoding, the API's KB store,
training jobs, request validation, and the 429 when the queue is full."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from app_ui.config import ServerConfig
from app_ui.context import AppServices
from kblam.chat_service import settings_from
from kblam.encoder import EmbeddingCache, Encoder, encode_kb
from kblam.errors import BusyError, KBFormatError
from kblam.eval_runner import report_rows
from kblam.kb import KnowledgeBase, Triple
from kblam.kb_store import KBEntry, KBStore, apply_table_edits
from kblam.serving import ModelService
from kblam.training_jobs import TrainingManager

SOLAR = [Triple("Mars", "moons", "Phobos and Deimos"), Triple("Earth", "moons", "the Moon"),
         Triple("Venus", "moons", "none")]


class CountingEncoder(Encoder):
    id, dim = "counting", 4

    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts, *, batch_size=64, progress=None):
        self.seen += list(texts)
        if progress:
            progress(len(texts), len(texts))
        return np.ones((len(texts), self.dim), dtype=np.float32)


class FakeEngine:
    """What the service needs of a KBLaM engine: an encoder, an embedding cache and encode()."""

    def __init__(self) -> None:
        self.encoder, self.cache = CountingEncoder(), EmbeddingCache()

    def encode(self, triples, progress=None):
        return encode_kb(triples, self.encoder, self.cache, progress=progress)


# ---------------------------------------------------------------------------------------------- KB editing


def test_table_edits_edit_delete_and_add():
    kb = KnowledgeBase(SOLAR)
    rows = [["0", "Mars", "moons", "two small moons"], ["", "Jupiter", "moons", "95"]]  # row #1 deleted, #2 hidden
    counts = apply_table_edits(kb, [0, 1], rows)
    assert counts == {"edited": 1, "deleted": 1, "added": 1}
    assert list(kb) == [Triple("Mars", "moons", "two small moons"), Triple("Venus", "moons", "none"),
                        Triple("Jupiter", "moons", "95")]


def test_invalid_table_row_changes_nothing():
    kb = KnowledgeBase(SOLAR)
    with pytest.raises(KBFormatError) as err:
        apply_table_edits(kb, [0, 1, 2], [["0", "Mars", "moons", "x"], ["1", "Earth", "", "the Moon"]])
    assert str(err.value) == "table, line 2, field 'property': is empty"
    with pytest.raises(KBFormatError, match="triple #7 is not in the table shown"):
        apply_table_edits(kb, [0, 1], [["7", "Mars", "moons", "y"]])
    with pytest.raises(KBFormatError, match="'#' must be a triple number"):
        apply_table_edits(kb, [0], [["first", "Mars", "moons", "y"]])
    assert list(kb) == SOLAR and kb.version == 0


def test_kb_entry_reencodes_only_new_strings():
    engine, kb = FakeEngine(), KnowledgeBase(SOLAR)
    entry = KBEntry(kb)
    entry.encoded(engine)
    assert entry.last_new_strings == 6 and len(engine.encoder.seen) == 6
    assert entry.encoded(engine) is entry.encoded(engine)  # unchanged content: no work at all
    kb.replace(0, {"name": "Mars", "property": "moons", "value": "two"})  # the key string is unchanged
    kb.add({"name": "Ceres", "property": "type", "value": "dwarf planet"})
    encoded = entry.encoded(engine)
    assert entry.last_new_strings == 3 and engine.encoder.seen[6:] == ["the type of Ceres", "two", "dwarf planet"]
    assert len(encoded) == 4


def test_preset_encoding_is_used_only_while_it_matches():
    engine, kb = FakeEngine(), KnowledgeBase(SOLAR)
    preset = encode_kb(SOLAR, engine.encoder, EmbeddingCache())
    engine.encoder.seen.clear()
    entry = KBEntry(kb, encoded=preset)
    assert entry.encoded(engine) is preset and engine.encoder.seen == []
    kb.remove(2)
    assert entry.encoded(engine) is not preset


# ---------------------------------------------------------------------------------------------- model service


def test_engine_loads_once_under_concurrent_requests():
    calls = []

    def loader(**kwargs):
        calls.append(kwargs)
        time.sleep(0.2)
        return FakeEngine()

    models = ModelService(ServerConfig(), loader)
    engines = []
    threads = [threading.Thread(target=lambda: engines.append(models.engine())) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and len({id(e) for e in engines}) == 1
    assert calls[0]["backbone"] == "smollm2" and calls[0]["adapters"] == "default"
    assert models.status()["status"] == "ready"


def test_engines_are_evicted_lru_and_load_errors_reported():
    from kblam.errors import ModelLoadError
    from kblam.serving import EngineSpec

    def loader(**kwargs):
        if kwargs["backbone"] == "broken":
            raise ModelLoadError("'broken' was not found")
        return FakeEngine()

    models = ModelService(ServerConfig(max_engines=2, backbone="broken"), loader)
    with pytest.raises(ModelLoadError):
        models.engine()
    status = models.status()
    assert status["status"] == "error" and "'broken' was not found" in status["error"] and status["loaded"] == []
    a, b, c = (EngineSpec(backbone=name) for name in ("a", "b", "c"))
    models.engine(a), models.engine(b), models.engine(c)
    assert not models.is_loaded(a) and models.is_loaded(b) and models.is_loaded(c)


def test_slots_bound_concurrency_and_queue():
    models = ModelService(ServerConfig(concurrency=2, max_queue=1), lambda **kw: FakeEngine())
    running, peak, lock = [0], [0], threading.Lock()
    gate = threading.Event()

    def work():
        with models.slot():
            with lock:
                running[0] += 1
                peak[0] = max(peak[0], running[0])
            gate.wait(5)
            with lock:
                running[0] -= 1

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 5
    while (models.running, models.waiting) != (2, 1) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert (models.running, models.waiting) == (2, 1)
    with pytest.raises(BusyError, match="max_queue=1"):
        with models.slot():
            pass
    gate.set()
    for t in threads:
        t.join()
    assert peak[0] == 2 and (models.running, models.waiting) == (0, 0)


def test_kb_store_ids_list_delete_and_eviction():
    store = KBStore(max_per_owner=2)
    first = store.add(KnowledgeBase(SOLAR), name="solar")
    second = store.add(KnowledgeBase(SOLAR[:1]))
    assert first != second and first.startswith("kb-") and len(first) > 20
    assert [k["num_triples"] for k in store.list()] == [3, 1]
    third = store.add(KnowledgeBase(SOLAR[:2]))
    assert store.get(first) is None and store.get(third) is not None  # the oldest went
    assert store.delete(second) and not store.delete(second)


def test_settings_reject_unknown_keys_and_bad_values():
    assert settings_from({"mode": "kblam", "top_k": 3}).top_k == 3
    with pytest.raises(ValueError, match="unknown setting\\(s\\) colour"):
        settings_from({"colour": "red"})
    with pytest.raises(ValueError, match="mode must be one of"):
        settings_from({"mode": "nope"})


def test_training_jobs_one_at_a_time_and_stop(tmp_path):
    started = threading.Event()

    def fake_train(cfg, *, resume, stop, on_log):
        for step in range(1, 1000):
            on_log({"step": step, "loss": 1.0 / step, "lm": 1.0})
            started.set()
            if stop.is_set():
                break
            time.sleep(0.01)
        return tmp_path / "adapters"

    manager = TrainingManager(tmp_path, fake_train)
    job = manager.start(source="kb", kb=KnowledgeBase(SOLAR), steps=50)
    assert (job.out_dir / "kb.jsonl").is_file() and job.config.kb_file.endswith("kb.jsonl")
    started.wait(5)
    with pytest.raises(BusyError, match="still going"):
        manager.start(source="synthetic")
    manager.request_stop(job.id)
    job.thread.join(5)
    assert job.status == "stopped" and job.losses() and job.result == tmp_path / "adapters"
    with pytest.raises(ValueError, match="the current knowledge base is empty"):
        manager.start(source="kb", kb=None)


def test_report_rows_flatten_with_labels():
    report = {"backbone": "x", "retrieval": [{"mode": "kblam", "kb_size": 50, "best_top1": 0.25, "top1": {0: 1}}],
              "config": {"seed": 0}, "plots": ["a.png"]}
    assert report_rows(report) == [["backbone", "x"], ["retrieval[kblam @50].mode", "kblam"],
                                   ["retrieval[kblam @50].kb_size", "50"], ["retrieval[kblam @50].best_top1", "0.25"]]


# ---------------------------------------------------------------------------------------------- API edge


@pytest.fixture
def api(tmp_path):
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    from app_ui.api import create_router

    services = AppServices.create(ServerConfig(concurrency=1, max_queue=0, runs_dir=str(tmp_path)),
                                  loader=lambda **kw: FakeEngine())
    app = FastAPI()
    app.include_router(create_router(services))
    with TestClient(app) as client:
        yield client, services


def test_queue_full_gives_429(api):
    client, services = api
    held = threading.Event()
    release = threading.Event()

    def hold():
        with services.models.slot():
            held.set()
            release.wait(5)

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait(5)
    resp = client.post("/v1/chat/completions", json={"model": "kblam-studio",
                                                     "messages": [{"role": "user", "content": "hi"}]})
    release.set()
    thread.join()
    assert resp.status_code == 429
    assert resp.json()["error"]["code"] == "queue_full" and "max_queue=0" in resp.json()["error"]["message"]


@pytest.mark.parametrize("body, message", [
    ({"messages": []}, "'messages' must be a non-empty list"),
    ({"messages": [{"role": "robot", "content": "x"}]}, "messages[0].role must be"),
    ({"messages": [{"role": "system", "content": "x"}]}, "needs at least one user message"),
    ({"messages": [{"role": "user", "content": [{"type": "image_url"}]}]}, "only text parts"),
    ({"messages": [{"role": "user", "content": "x"}], "n": 2}, "only n=1"),
    ({"messages": [{"role": "user", "content": "x"}], "temperature": 3}, "'temperature' must be between 0 and 2"),
    ({"messages": [{"role": "user", "content": "x"}], "max_tokens": 1.5}, "'max_tokens' must be an integer"),
    ({"messages": [{"role": "user", "content": "x"}], "kb": [], }, "'kb' must be a non-empty list"),
    ({"messages": [{"role": "user", "content": "x"}], "kb": SOLAR[:0] or [{"a": 1}], "kb_id": "x"}, "not both"),
    ([1, 2], "must be a JSON object"),
])
def test_request_validation(api, body, message):
    client, _ = api
    if isinstance(body, dict):
        body = {"model": "kblam-studio", **body}
    resp = client.post("/v1/chat/completions", json=body)
    assert resp.status_code == 400 and message in resp.json()["error"]["message"]


def test_kbs_json_upload_errors(api):
    client, _ = api
    resp = client.post("/v1/kbs", json={"triples": [{"name": "A", "property": "p", "value": "v"},
                                                    {"name": "B", "property": "p", "value": ""}]})
    assert resp.status_code == 400 and "item 2" in resp.json()["error"]["message"]
    assert "field 'value'" in resp.json()["error"]["message"]
    resp = client.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": "q"}], "kb": [
        {"name": f"e{i}", "property": "p", "value": "v"} for i in range(5001)]})
    assert resp.status_code == 413 and "(max_inline_kb_triples)" in resp.json()["error"]["message"]
    assert client.get("/v1/kbs/kb-nope").status_code == 404
    assert client.delete("/v1/kbs/kb-nope").json()["error"]["code"] == "kb_not_found"


def test_production_backbone_only_with_gpu_and_token(monkeypatch):
    import torch

    import app

    assert app.production_defaults({"KBLAM_PRODUCTION": "1"}) == {
        "backbone": "meta-llama/Meta-Llama-3-8B-Instruct", "quantize": "4bit"}
    assert app.production_defaults({"KBLAM_PRODUCTION": "1", "KBLAM_BACKBONE": "smollm2"}) == {}  # explicit wins
    assert app.production_defaults({}) == {}
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert app.production_defaults({"KBLAM_PRODUCTION": "auto", "HF_TOKEN": "hf_x"}) == {}
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert app.production_defaults({"KBLAM_PRODUCTION": "auto"}) == {}  # no token: the gated model is out of reach
    assert app.production_defaults({"KBLAM_PRODUCTION": "auto", "HF_TOKEN": "hf_x"})["quantize"] == "4bit"


def test_flags_and_env_build_the_config(monkeypatch):
    import app

    monkeypatch.setenv("PORT", "9123")
    monkeypatch.setenv("KBLAM_CONCURRENCY", "3")
    config = app.config_from_args(app.build_parser().parse_args(["--host", "0.0.0.0", "--max-kb-triples", "77"]))
    assert (config.host, config.port, config.concurrency, config.max_kb_triples) == ("0.0.0.0", 9123, 3, 77)
    assert config.batching  # on by default; --no-batching / KBLAM_BATCHING=0 keeps one generate() per request
    assert not app.config_from_args(app.build_parser().parse_args(["--no-batching"])).batching
    monkeypatch.setenv("KBLAM_BATCHING", "0")
    assert not app.config_from_args(app.build_parser().parse_args([])).batching
    with pytest.raises(ValueError, match="concurrency must be >= 1"):
        ServerConfig(concurrency=0)
    monkeypatch.setenv("PORT", "eighty")
    with pytest.raises(SystemExit, match="PORT must be an integer"):
        app.build_parser()


# ---------------------------------------------------------------------------------------------- tab handlers


class FakeProgress:
    def __init__(self) -> None:
        self.calls: list = []

    def __call__(self, *args, **kwargs) -> None:
        self.calls.append((args, kwargs))


def test_studio_handoff_opens_the_kb_in_the_chat_session(tmp_path):
    from app_ui import chat_tab as ui

    services = AppServices.create(ServerConfig(runs_dir=str(tmp_path)), loader=lambda **kw: FakeEngine())
    session, progress = ui.ChatSession(), FakeProgress()
    records = [t.as_dict() for t in SOLAR]
    session, table, status, error = ui.receive_handoff(services, records, session, None, progress)
    assert error == "" and len(table) == 3 and status.startswith("**3 triples**") and "from `studio`" in status
    assert "6 new strings encoded" in status
    descs = [c[1].get("desc") for c in progress.calls]
    assert descs[0] == "loading the model (first use)…" and "encoding the KB" in descs
    bad = [*records, {"name": "Pluto", "property": "", "value": "dwarf"}]
    session, table, status, error = ui.receive_handoff(services, bad, session, None, progress)
    assert "studio, field 'property': item 4: is empty" in error
    assert len(session.entry.kb) == 3  # the previous KB stays


def test_upload_handler_refuses_a_file_over_the_limit(tmp_path):
    from app_ui import chat_tab as ui

    services = AppServices.create(ServerConfig(runs_dir=str(tmp_path), ui_max_kb_triples=2),
                                  loader=lambda **kw: FakeEngine())
    path = tmp_path / "three.jsonl"
    KnowledgeBase(SOLAR).save(path)
    session, table, status, error = ui.load_kb_file(services, str(path), ui.ChatSession(), None, FakeProgress())
    assert "three.jsonl" in error and "more than 2 triples" in error and session.entry is None


def test_multipart_kb_over_the_limit_is_413(api):
    client, services = api
    csv = "name,property,value\n" + "".join(f"e{i},p,v\n" for i in range(services.config.max_kb_triples + 1))
    resp = client.post("/v1/kbs", files={"file": ("many.csv", csv.encode(), "text/csv")})
    assert resp.status_code == 413 and resp.json()["error"]["code"] == "max_kb_triples_exceeded"
    assert "many.csv" in resp.json()["error"]["message"]
    resp = client.post("/v1/kbs", files={"other": ("x.csv", b"name,property,value\na,b,c\n", "text/csv")})
    assert resp.status_code == 400 and "needs a 'file' field" in resp.json()["error"]["message"]
    resp = client.post("/v1/kbs", files={"file": ("ok.tsv", b"name\tproperty\tvalue\na\tb\tc\n", "text/tab-separated-values")})
    assert resp.status_code == 200 and resp.json()["num_triples"] == 1 and resp.json()["name"] == "ok.tsv"


def test_errors_carry_their_http_status_as_data():
    from app_ui.api import _api_error
    from datagen.errors import DatagenError, FormatError
    from kblam.errors import KBFormatError, LimitError, ModelLoadError
    from studio_core.errors import HubError, StudioError

    assert issubclass(DatagenError, StudioError) and issubclass(KBFormatError, StudioError)
    statuses = [_api_error(exc).status for exc in (
        ModelLoadError("no weights"), HubError("repo not found"), BusyError("queue full"),
        LimitError("too big", limit="max_request_bytes"), LimitError("too long", limit="max_prompt_tokens"),
        FormatError("row 2"), ValueError("bad"))]
    assert statuses == [503, 502, 429, 413, 400, 400, 400]

    class Teapot(StudioError):  # a new error states its status; nothing in the API changes
        http_status = 418

    assert _api_error(Teapot("short and stout")).status == 418


def test_api_and_ui_say_when_untrained_adapters_ran_grounded_text():
    from app_ui.api import kblam_field
    from app_ui.strings import message
    from kblam.engine import GROUNDED_TEXT, Answer

    note = "adapters not trained for this backbone (x): answering from text evidence"
    info = kblam_field(Answer("42", False, [], GROUNDED_TEXT, note=note), kb_size=3)
    assert info["mode"] == "grounded-text" and info["note"] == note
    assert "grounded-text" in message("en", "grounded_text") and "grounded-text" in message("zh-CN", "grounded_text")
