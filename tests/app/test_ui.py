"""The knowledge-chat and train & evaluate tabs through their Gradio API, with ``gradio_client`` against the
running ``python app.py`` (real SmolLM2 + MiniLM). Each ``client`` is its own browser session (its own
gr.State); the session-isolation test uses two at once."""

from __future__ import annotations

import re
import time
import uuid
from pathlib import Path

import pytest
from gradio_client import handle_file

pytestmark = pytest.mark.realmodel


def _rows(table) -> list[list]:
    return table["data"] if isinstance(table, dict) else table


def _text(message: dict) -> str:
    content = message["content"]
    return content if isinstance(content, str) else "".join(part.get("text", "") for part in content)


def _new_strings(status: str) -> int:
    match = re.search(r"(\d+) new strings encoded", status)
    assert match, status
    return int(match.group(1))


def _chat(client, question: str, **settings):
    job = client.submit(question=question, history=[], api_name="/chat", **settings)
    updates = list(job)  # every streamed update
    return updates, job.result()


def test_load_example_search_and_table(client):
    table, status, error = client.predict("solar_system", api_name="/load_example")
    assert error == ""
    assert status.startswith("**51 triples**") and "from `solar_system.csv`" in status
    assert len(_rows(table)) == 51 and _rows(table)[0][1:] == ["Sun", "stellar classification",
                                                               "G-type main-sequence star (G2V)"]
    table, status = client.predict("phobos", api_name="/search_kb")
    assert [r[1:] for r in _rows(table)] == [["Mars", "moons", "Phobos and Deimos"]]


def test_bad_upload_is_reported_and_keeps_the_kb(client, tmp_path):
    client.predict("solar_system", api_name="/load_example")
    bad = tmp_path / "facts.csv"
    bad.write_text("name,property,value\nVega,type,star\nAltair,,star\n", encoding="utf-8")
    table, status, error = client.predict(handle_file(str(bad)), api_name="/upload_kb")
    assert "facts.csv" in error and "line 3" in error and "field 'property'" in error
    assert len(_rows(table)) == 51  # the loaded KB is untouched
    good = tmp_path / "stars.jsonl"
    good.write_text('{"name": "Vega", "property": "constellation", "value": "Lyra"}\n', encoding="utf-8")
    table, status, error = client.predict(handle_file(str(good)), api_name="/upload_kb")
    assert error == "" and _rows(table) == [["0", "Vega", "constellation", "Lyra"]]


def test_table_edits_reencode_only_what_changed(client):
    client.predict("solar_system", api_name="/load_example")
    table, _ = client.predict("Mars", api_name="/search_kb")
    rows = _rows(table)
    assert len(rows) == 4
    fresh = uuid.uuid4().hex[:8]
    rows[0][3] = f"a red planet {fresh}"  # edit one value: one new value string
    deleted = rows.pop(1)  # delete one
    rows.append(["", f"Probe {fresh}", "launch year", "2042"])  # add one: a new key and a new value string
    table, status, error = client.predict({"headers": ["#", "name", "property", "value"], "data": rows}, "Mars",
                                          api_name="/apply_edits")
    # a success note, marked so that the notice area does not show it in the error colour
    assert error.startswith('<span class="kb-ok">applied: 1 edited, 1 deleted, 1 added'), error
    assert status.startswith("**51 triples**")  # 51 - 1 + 1
    assert _new_strings(status) == 3
    names = {r[1] for r in _rows(client.predict("", api_name="/search_kb")[0])}
    assert f"Probe {fresh}" in names
    values = {r[3] for r in _rows(client.predict("", api_name="/search_kb")[0])}
    assert deleted[3] not in values and f"a red planet {fresh}" in values


def test_invalid_edit_is_refused_without_changes(client):
    client.predict("solar_system", api_name="/load_example")
    table, _ = client.predict("Venus", api_name="/search_kb")
    rows = _rows(table)
    rows[0][1] = ""  # blank name
    rows.pop()  # and a deletion that must not happen
    table, status, error = client.predict({"headers": ["#", "name", "property", "value"], "data": rows}, "Venus",
                                          api_name="/apply_edits")
    assert "table, line 1, field 'name'" in error
    assert status.startswith("**51 triples**") and len(_rows(table)) == len(rows) + 1


def test_chat_streams_and_shows_evidence(client):
    client.predict("solar_system", api_name="/load_example")
    updates, (history, question_box, status, evidence, bars) = _chat(client, "How many moons does Mars have?",
                                                                      max_new_tokens=40)
    assert len(updates) >= 3  # streamed: waiting, pieces, final
    assert history[-1]["role"] == "assistant" and _text(history[-1])
    assert question_box == ""
    assert status.startswith("✅ **answered**") or status.startswith("🚫 **refused**")
    assert "mode `grounded`" in status
    ev = _rows(evidence)
    assert [r[0] for r in ev] == [1, 2, 3, 4, 5]
    assert all(0 <= r[5] <= 1 for r in ev) and ev[0][5] >= ev[-1][5]
    assert len(_rows(bars)) == 51  # one bar per triple
    assert abs(sum(r[1] for r in _rows(bars)) - 1.0) < 1e-3


def test_chat_follow_up_uses_the_history(client):
    """The chat passes its history: "And its highest volcano?" after a question about Mars is matched to Mars'
    highest volcano (first evidence row) instead of being refused."""
    client.predict("solar_system", api_name="/load_example")
    history = [{"role": "user", "content": [{"type": "text", "text": "How many moons does Mars have?"}]},
               {"role": "assistant", "content": [{"type": "text", "text": "Mars has two moons, Phobos and Deimos."}]}]
    job = client.submit(question="And its highest volcano?", history=history, api_name="/chat", max_new_tokens=32)
    history, _, status, evidence, _ = job.result()
    assert status.startswith("✅ **answered**"), status
    assert _rows(evidence)[0][2:4] == ["Mars", "highest volcano"], _rows(evidence)[0]


def test_chat_without_kb_is_the_stock_model(client):
    client.predict(api_name="/clear_kb")
    _, (history, _, status, evidence, bars) = _chat(client, "What is the capital of France?", max_new_tokens=16)
    assert "Paris" in _text(history[-1])
    assert status.startswith("ℹ️ no KB loaded") and _rows(evidence) == [] and _rows(bars) == []


def test_side_by_side(client, tmp_path):
    kb = tmp_path / "people.csv"
    kb.write_text("name,property,value\nZorblat Quinn,favourite colour,teal\nMira Castellan,home town,Oslo\n")
    client.predict(handle_file(str(kb)), api_name="/upload_kb")
    job = client.submit(question="What is the favourite colour of Zorblat Quinn?", max_new_tokens=24,
                        api_name="/compare")
    kb_col, ctx_col, plain_col = job.result()
    assert kb_col and plain_col and "teal" not in plain_col.lower()  # the stock model cannot know it
    assert ctx_col and not ctx_col.startswith("does not fit")  # 135M: what it makes of the facts varies
    big = tmp_path / "big.csv"
    big.write_text("name,property,value\n" + "".join(f"Entity {i},serial code,code {i * 7919}\n"
                                                       for i in range(600)))
    client.predict(handle_file(str(big)), api_name="/upload_kb")
    kb_col, ctx_col, plain_col = client.predict(question="What is the serial code of Entity 3?", max_new_tokens=8,
                                                api_name="/compare")
    assert ctx_col.startswith("does not fit: 600 triples as text need") and "context window is 8192" in ctx_col
    assert kb_col and plain_col


def test_load_model_errors_are_shown(client):
    status = client.predict("smollm2", "all-MiniLM-L6-v2", "folder", "/no/such/adapters", "", "auto", "",
                            api_name="/load_model")
    assert "adapters folder not found" in status
    status = client.predict("smollm2", "all-MiniLM-L6-v2", "default", "", "", "auto", "", api_name="/load_model")
    assert "HuggingFaceTB/SmolLM2-135M-Instruct" in status and "loaded in" in status


def test_session_isolation(app_server):
    from gradio_client import Client

    alice, bob = Client(app_server.url + "/", verbose=False), Client(app_server.url + "/", verbose=False)
    alice.predict("solar_system", api_name="/load_example")
    bob.predict("company_directory", api_name="/load_example")
    alice_rows = _rows(alice.predict("", api_name="/search_kb")[0])
    bob_rows = _rows(bob.predict("", api_name="/search_kb")[0])
    assert {r[1] for r in alice_rows}.isdisjoint({r[1] for r in bob_rows})
    assert _rows(alice.predict("Mars", api_name="/search_kb")[0])
    assert _rows(bob.predict("Mars", api_name="/search_kb")[0]) == []
    _, (_, _, _, evidence, bars) = _chat(bob, "Who is the CEO?", max_new_tokens=8)
    bob_names = {r[1] for r in bob_rows}
    assert {r[2] for r in _rows(evidence)} <= bob_names and len(_rows(bars)) == len(bob_rows)
    bob.predict(api_name="/clear_kb")
    assert len(_rows(alice.predict("", api_name="/search_kb")[0])) == len(alice_rows)  # unaffected


def test_ui_stays_responsive_while_the_model_generates(client, openai_client):
    client.predict("solar_system", api_name="/load_example")
    stream = openai_client.chat.completions.create(
        model="kblam-studio", max_tokens=48, stream=True,
        messages=[{"role": "user", "content": "Tell me a long story about the planets."}])
    first = next(iter(stream))  # generation has started and holds the only model slot
    assert first.choices[0].delta.role == "assistant"
    start = time.perf_counter()
    table, _ = client.predict("Saturn", api_name="/search_kb")
    elapsed = time.perf_counter() - start
    rest = list(stream)
    assert _rows(table) and elapsed < 5.0
    assert rest[-1].choices[0].finish_reason in ("stop", "length")


def test_train_poll_stop_and_use(client, app_server):
    client.predict("solar_system", api_name="/load_example")
    status, plot, timer = client.predict("kb", 3, 2, 1e-3, api_name="/train_start")
    assert "started (3 steps on the kb)" in status
    busy_status, _, _ = client.predict("kb", 3, 2, 1e-3, api_name="/train_start")
    assert "still going" in busy_status  # one run at a time for the whole server
    deadline = time.monotonic() + 240
    while True:
        status, plot, timer = client.predict(api_name="/train_poll")
        if "**finished**" in status or "**failed**" in status or time.monotonic() > deadline:
            break
        time.sleep(2)
    assert "**finished**" in status, status
    assert {r[2] for r in _rows(plot)} >= {"loss", "lm"} and max(r[0] for r in _rows(plot)) == 3
    folder = re.search(r"adapters saved in `([^`]+)`", status).group(1)
    assert (Path(folder) / "adapters.safetensors").is_file() and str(app_server.runs_dir) in folder
    assert f"adapters from `{folder}`" in client.predict(api_name="/use_trained")
    _, (_, _, status, _, _) = _chat(client, "What is the moon of Earth?", max_new_tokens=8)
    assert "mode `grounded`" in status  # answered with the trained adapters


def test_evaluate_on_current_kb(client):
    client.predict("solar_system", api_name="/load_example")
    status, table, gallery = client.predict("kb", "12", 3, False, api_name="/evaluate")
    assert status.startswith("evaluation finished"), status
    metrics = dict((r[0], r[1]) for r in _rows(table))
    assert any(k.endswith("best_top1") for k in metrics) and any(k.endswith("best_top5") for k in metrics)
    assert gallery and {Path(item["image"]).name for item in gallery} >= {"retrieval.png"}
    status, _, _ = client.predict("kb", "0,x", 6, False, api_name="/evaluate")
    assert "KB sizes must be positive integers" in status or "invalid literal" in status
