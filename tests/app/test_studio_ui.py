"""The dataset-studio tab through its HTTP API: ``demo()`` on 127.0.0.1 driven by ``gradio_client``.

The LLM is a scripted fake injected through ``services["llm_factory"]`` (or, for the endpoint tests, the real
``openai`` client against a scripted OpenAI-compatible server on 127.0.0.1); questions are deduplicated with
the bag-of-words test embedder. Each test works in its own project of one shared workspace.
"""

from __future__ import annotations

import itertools
import json
import re
import time
from pathlib import Path

import pytest
from fakes import ScriptedLLM, hash_embed, last_user
from gradio_client import Client, handle_file
from openai_server import ServerThread, scripted_app
from studio_launch import running_studio, table_rows

from app_ui.strings import catalogue
from app_ui.studio_tab import Studio, StudioSession, demo
from datagen import formats, service

DOC = """# Rivers

The Loire is the longest river in France. It flows into the Atlantic Ocean.

## Bridges

Many old bridges cross the Loire, some built of stone in the middle ages.

## Wine

Vineyards line the valley and the region is known for its white wines.
"""
SECRET = "sk-test-SECRET-0123456789abcdef"


_CALLS = itertools.count()


def _questions(messages: list[dict]) -> str:
    """Two questions with words of their own, so the bag-of-words dedup keeps them."""
    assert "Rivers" in last_user(messages) or "Part" in last_user(messages)  # the chunk is in the prompt
    n = next(_CALLS)
    return json.dumps([f"What is said about w{n}a w{n}b?", f"Which w{n}c w{n}d appears here?"])


def _fake_llm(delay: float = 0.0) -> ScriptedLLM:
    return ScriptedLLM(delay=delay, by_purpose={
        "questions": _questions,
        "answer": "The Loire is the longest river in France.",
        "rejected": "The Seine is the longest river.",
        "triples": '[{"name": "Loire", "property": "length rank in France", "value": "longest"}]',
        "judge": '{"score": 4, "reason": "grounded"}',
        "test_connection": "OK",
        "tags": '{"tags": [{"name": "Rivers", "children": ["Bridges", "Wine"]}]}',
    })


def _factory(settings):
    """A real endpoint client when the session names one, else the scripted fake (slow when model='slow')."""
    if settings.base_url:
        return service.make_llm(settings)
    return _fake_llm(delay=0.4 if settings.model == "slow" else 0.0)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    workspace = tmp_path_factory.mktemp("studio-ws")
    with running_studio({"workspace": workspace, "llm_factory": _factory, "embed": hash_embed}) as url:
        yield {"url": url, "workspace": workspace}


def _client(app, project: str) -> Client:
    client = Client(app["url"], verbose=False)
    update, cleared, msg = client.predict(project, api_name="/studio_create_project")
    assert update["value"] == project and cleared == "" and project in msg
    return client


def _upload(client: Client, tmp_path: Path, text: str = DOC, name: str = "rivers.md") -> tuple:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return client.predict([handle_file(str(path))], api_name="/studio_add_files")


SPLIT_MD = ("markdown", 20, 1500, 1000, 100, 256, 32, "")  # method + the seven option fields


def _split(client: Client, *, force: bool = False, args=SPLIT_MD) -> tuple:
    return client.predict(*args, False, force, 20, api_name="/studio_split")


def _generate(client: Client, stages: list[str], *, max_questions: int = 2) -> tuple:
    return client.predict(stages, "en", 20, 1, max_questions, 0.92, False, 1, 0, "rebuild", *SPLIT_MD,
                          api_name="/studio_generate")


def _stage(text: str, name: str) -> list[str]:
    """The cells of stage ``name``'s row in a run's result table (units done, created, failed, tok/s, s, status)."""
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells and cells[0] == name:
            return cells[1:]
    raise AssertionError(f"no row for stage {name!r} in:\n{text}")


_rows = table_rows


# ------------------------------------------------------------------------------------- documents


def test_upload_split_edit_merge_and_delete_chunks(app, tmp_path):
    client = _client(app, "chunks")
    (tmp_path / "rivers.md").write_text(DOC, encoding="utf-8")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    (tmp_path / "notes.txt").write_text("Short notes about the Loire.", encoding="utf-8")
    uploads = [handle_file(str(tmp_path / name)) for name in ("rivers.md", "broken.pdf", "notes.txt")]
    table, msg = client.predict(uploads, api_name="/studio_add_files")
    assert [r["name"] for r in _rows(table)] == ["rivers.md", "notes.txt"]
    assert "added rivers.md" in msg and "added notes.txt" in msg
    assert re.search(r"not added: .*broken\.pdf", msg)  # the bad file is named; the others are kept
    table, msg = client.predict(_rows(table)[1]["id"], api_name="/studio_delete_file")
    assert len(table["data"]) == 1 and "deleted" in msg

    chunks, page, info, msg = _split(client)
    rows = _rows(chunks)
    assert "3 chunks written" in msg and info == "Page 1 of 1 · 3 rows" and page == 1
    assert [r["heading"] for r in rows] == ["Rivers", "Rivers / Bridges", "Rivers / Wine"]

    first, second, third = (r["id"] for r in rows)
    assert client.predict(first, api_name="/studio_load_chunk").startswith("# Rivers")
    chunks, _, _, msg = client.predict(first, "# Rivers\n\nThe Loire is long.", 1, 20,
                                       api_name="/studio_save_chunk")
    assert f"Chunk {first} saved" in msg and _rows(chunks)[0]["text"] == "# Rivers The Loire is long."

    chunks, _, info, msg = client.predict(f"{second}, {third}", 1, 20, api_name="/studio_merge_chunks")
    merged = _rows(chunks)[1]
    assert "merged" in msg and info.endswith("2 rows")
    assert "Bridges" in merged["text"] and "Wine" in merged["text"]

    chunks, _, info, msg = client.predict(merged["id"], 1, 20, api_name="/studio_delete_chunk")
    assert info.endswith("1 rows") and f"Chunk {merged['id']} deleted" in msg

    with pytest.raises(Exception, match="give chunk ids as numbers"):
        client.predict("3, x", 1, 20, api_name="/studio_merge_chunks")
    with pytest.raises(Exception, match="min_len"):
        _split(client, args=("markdown", 2000, 100, 1000, 100, 256, 32, ""))
    unchanged = client.predict(1, 20, api_name="/studio_chunks_page")[0]["data"]
    assert len(unchanged) == 1  # the refused split changed nothing

    chunks, *_ = _split(client, args=("custom", 0, 0, 0, 0, 0, 0, "\\n## "))
    assert len(chunks["data"]) == 3


# ---------------------------------------------------------------------------- generation and review


def test_generate_review_and_export_with_download(app, tmp_path):
    client = _client(app, "journey")
    _upload(client, tmp_path)
    _split(client)
    result, failures, stop_note = _generate(client, ["questions", "answers", "score"])
    assert _stage(result, "questions")[:3] == ["3/3", "6", "0"] and _stage(result, "answers")[:3] == ["6/6", "6", "0"]
    assert "```" not in result and "python -m" not in result and stop_note == ""
    assert failures["data"] == []

    table, page, info = client.predict("", 0, "all", 1, 20, api_name="/studio_review_page")
    items = _rows(table)
    assert info == "Page 1 of 1 · 6 rows" and all(i["rouge_l"] is not None for i in items)
    qid = items[0]["id"]
    loaded = client.predict(qid, api_name="/studio_load_item")
    assert loaded[0] == qid and loaded[2].startswith("The Loire") and loaded[4].startswith("# Rivers")
    msg = client.predict(qid, "How long is the Loire?", "The Loire is about 1,000 km long.", "", "5", True,
                         api_name="/studio_save_item")
    assert f"Item {qid} saved" in msg
    table, _, info = client.predict("", 0, "confirmed", 1, 20, api_name="/studio_review_page")
    assert info.endswith("1 rows") and _rows(table)[0]["question"] == "How long is the Loire?"
    assert _rows(table)[0]["rating"] == 5
    _, _, info = client.predict("", 4.5, "all", 1, 20, api_name="/studio_review_page")
    assert info.endswith("1 rows")  # the rating is the score the filter sees

    assert "Item" in client.predict(items[1]["id"], api_name="/studio_delete_item")
    _, _, info = client.predict("", 0, "all", 1, 20, api_name="/studio_review_page")
    assert info.endswith("5 rows")
    _, _, _, msg = client.predict("", 0, "all", 1, 20, api_name="/studio_confirm_page")
    assert msg == "5 items confirmed."

    quality = client.predict(True, 4.5, False, "en", api_name="/studio_score")
    assert _stage(quality, "judge")[:2] == ["5/5", "5"] and "mean ROUGE-L" in quality
    assert "Below threshold 4.5**: 4 items" in quality  # judge says 4, the human-rated item has 5

    files, msg, info = client.predict("sharegpt", ".jsonl", "rivers", "You are a geography tutor.", False,
                                      True, 0, 0.4, 7, "rivers_qa", api_name="/studio_export")
    names = sorted(Path(f).name for f in files)
    assert names == ["dataset_info.json", "rivers_test.jsonl", "rivers_train.jsonl"], names
    assert "train: 3" in msg and "test: 2" in msg
    assert json.loads(info)["rivers_qa"]["file_name"] == "rivers_train.jsonl"
    train = formats.read_records(next(f for f in files if f.endswith("_train.jsonl")))
    formats.validate_records(train, "sharegpt")
    assert all(r["system"] == "You are a geography tutor." for r in train)

    files, msg, info = client.predict("alpaca", ".csv", "all", "", False, False, 0, 0, 0, "",
                                      api_name="/studio_export")
    assert len(files) == 1 and info == "" and len(formats.read_records(files[0])) == 5
    with pytest.raises(Exception, match="nothing to export as dpo.*5 matching item"):  # 0 rows is an error
        client.predict("dpo", ".json", "pairs", "", False, False, 0, 0, 0, "", api_name="/studio_export")
    with pytest.raises(Exception, match="no 'rejected'|LLaMA-Factory|CSV"):
        client.predict("sharegpt", ".csv", "bad", "", False, False, 0, 0, 0, "name",
                       api_name="/studio_export")


def test_tags_triples_and_send_to_knowledge_chat(app, tmp_path):
    client = _client(app, "kb")
    _upload(client, tmp_path)
    _split(client)
    tree, tag, parent, review_tag, msg = client.predict("rebuild", "en", api_name="/studio_build_tags")
    assert "- Rivers (0)" in tree and "  - Bridges (0)" in tree and _stage(msg, "tags")[0] == "1/1"
    tree, *_ = client.predict("Tributaries", "Rivers", api_name="/studio_add_tag")
    assert "  - Tributaries (0)" in tree
    tree, *_, msg = client.predict("Rivers / Tributaries", "Streams", api_name="/studio_rename_tag")
    assert "Streams" in tree and "Tributaries" not in tree
    tree, *_ = client.predict("Rivers / Streams", "(top level)", api_name="/studio_move_tag")
    assert re.search(r"^- Streams", tree, re.M)
    tree, *_ = client.predict("Streams", api_name="/studio_delete_tag")
    assert "Streams" not in tree
    with pytest.raises(Exception, match="Pick a tag"):
        client.predict(None, api_name="/studio_delete_tag")

    _generate(client, ["questions"])
    table, _, info = client.predict("Rivers / Bridges", 0, "all", 1, 20, api_name="/studio_review_page")
    assert info.endswith("2 rows")  # the chunk's heading labels its questions with the tag

    with pytest.raises(Exception, match="no triples yet"):
        client.predict(api_name="/studio_send_to_chat")
    table, count, msg = client.predict("en", api_name="/studio_extract_triples")
    assert _rows(table) == [{"name": "Loire", "property": "length rank in France", "value": "longest"}]
    assert "1 of 1 triples" in count
    assert "Sent 1 triples of project kb" in client.predict(api_name="/studio_send_to_chat")
    kb_path = client.predict(api_name="/studio_download_kb")
    assert Path(kb_path).read_text(encoding="utf-8").splitlines()[0] == "name,property,value"


def test_send_triples_fills_the_handoff_state_with_triple_dicts(tmp_path):
    store = service.open_workspace(tmp_path / "ws", create=True)
    store.add_triples(service.project(store, "facts", create=True),
                      [{"name": "Loire", "property": "length", "value": "1006 km"}])
    studio, session = Studio({"workspace": tmp_path / "ws"}), StudioSession()
    session.project = "facts"
    triples, msg = studio.send_triples(session)
    assert triples == [{"name": "Loire", "property": "length", "value": "1006 km"}]
    assert msg == "Sent 1 triples of project facts to the knowledge chat."


def test_review_pagination_pages_through_100k_rows(app):
    store = service.open_workspace(app["workspace"])
    pid = service.project(store, "big", create=True)
    rows = [{"key": f"k{i}", "text": f"question {i}?", "context": "ctx"} for i in range(100_000)]
    with store.transaction():
        ids = store.add_questions(pid, rows)
        store.conn.executemany("INSERT INTO answers (project_id, question_id, text, created, updated) "
                               "VALUES (?, ?, ?, 0, 0)", [(pid, q, f"answer {n}") for n, q in enumerate(ids)
                                                          if n % 2 == 0])
    client = _client(app, "big")
    start = time.perf_counter()
    table, page, info = client.predict("", 0, "all", 1234, 50, api_name="/studio_review_page")
    seconds = time.perf_counter() - start
    assert info == "Page 1234 of 2000 · 100000 rows" and page == 1234
    assert [r["id"] for r in _rows(table)] == ids[1233 * 50: 1234 * 50]
    assert seconds < 2.0, f"one page of 100k rows took {seconds:.2f} s"
    table, page, info = client.predict("", 0, "answered", 1000, 50, api_name="/studio_review_next")
    assert (page, info) == (1000, "Page 1000 of 1000 · 50000 rows")  # clamped at the last page
    assert _rows(table)[-1]["id"] == ids[-2]
    table, page, _ = client.predict("", 0, "unanswered", 1, 10, api_name="/studio_review_prev")
    assert page == 1 and [r["id"] for r in _rows(table)] == ids[1:20:2]
    table, page, info = client.predict(1, 10, api_name="/studio_chunks_page")
    assert info == "Page 1 of 1 · 0 rows" and table["data"] == []


# ------------------------------------------------------------------------------ stop, endpoint, sessions


def test_stop_button_cancels_a_running_generation(app, tmp_path):
    client = _client(app, "stop")
    client.predict("", "slow", "", 0.7, 64, 1, api_name="/studio_save_endpoint")  # 'slow': 0.4 s per call
    sections = "\n\n".join(f"## Part {i}\n\nText of part {i}, one of ten parts." for i in range(10))
    _upload(client, tmp_path, text=sections, name="parts.md")
    _split(client)
    job = client.submit(["questions"], "en", 400, 1, 1, 0.92, False, 1, 0, "rebuild", *SPLIT_MD,
                        api_name="/studio_generate")
    deadline, progress = time.monotonic() + 30, None
    while time.monotonic() < deadline and not (progress and progress[0].desc.startswith("questions")):
        progress = job.status().progress_data  # the gr.Progress bar, as the browser sees it
        time.sleep(0.1)
    assert re.match(r"questions: \d+/10 · ", progress[0].desc) and 0 <= progress[0].progress < 1, progress
    time.sleep(0.5)
    assert "Stopping" in client.predict(api_name="/studio_stop")
    result, _, stop_note = job.result(timeout=60)
    done, total = map(int, _stage(result, "questions")[0].split("/"))
    assert total == 10 and 1 <= done < 10 and _stage(result, "questions")[-1] == "stopped", result
    assert "Press Generate again to continue" in result and stop_note == ""  # "Stopping…" is cleared
    result, _, _ = _generate(client, ["questions"], max_questions=1)  # resumes with the rest
    assert _stage(result, "questions")[0] == f"{10 - done}/{10 - done}"


def test_endpoint_key_stays_in_the_session_and_is_never_shown(app):
    server = scripted_app([], model="remote-model", default={"content": "OK"})
    with ServerThread(server) as base_url:
        client = _client(app, "endpoint")
        cleared, status = client.predict(base_url, "remote-model", SECRET, 0.2, 64, 2,
                                         api_name="/studio_save_endpoint")
        assert cleared == "" and SECRET not in status and "API key: set (hidden)" in status
        result = client.predict(api_name="/studio_test_connection")
        assert "Connected to **remote-model**" in result and SECRET not in result
        assert server.state.requests[-1][1]["authorization"] == f"Bearer {SECRET}"

        cleared, status = client.predict(base_url, "remote-model", "", 0.2, 64, 2,
                                         api_name="/studio_save_endpoint")
        assert "set (hidden)" in status  # an empty key box keeps the session's key

        other = _client(app, "endpoint")  # another browser session on the same project: no endpoint, no key
        assert "Connected to **scripted**" in other.predict(api_name="/studio_test_connection")
        assert len(server.state.requests) == 1

    refused = scripted_app([{"status": 401, "message": f"bad key {SECRET}"}] * 5)
    with ServerThread(refused) as base_url:
        client.predict(base_url, "m", SECRET, 0.2, 64, 1, api_name="/studio_save_endpoint")
        result = client.predict(api_name="/studio_test_connection")
        assert "Connection failed" in result and "check the API key" in result and SECRET not in result
    for path in Path(app["workspace"]).rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path


def test_sessions_do_not_share_project_or_endpoint(app):
    first, second = _client(app, "alice"), Client(app["url"], verbose=False)
    assert first.predict(api_name="/studio_refresh_projects")["value"] == "alice"
    assert second.predict(api_name="/studio_refresh_projects")["value"] != "alice"
    first.predict("http://127.0.0.1:9/v1", "m", SECRET, 0.7, 64, 1, api_name="/studio_save_endpoint")
    assert "Connected to **scripted**" in second.predict(api_name="/studio_test_connection")


def test_every_label_is_translated_and_messages_match():
    config = json.dumps(demo({"workspace": "unused"}).get_config_file(), default=str)
    keys = set(re.findall(r'\\?"key\\?": \\?"(studio_\w+)', config))  # I18nData, also inside __i18n__ strings
    assert len(keys) > 100
    books = catalogue()
    labels = {lang: book["labels"] for lang, book in books.items()}
    messages = {lang: book["messages"] for lang, book in books.items()}
    for lang in ("en", "zh-CN"):
        assert keys <= set(labels[lang]), keys - set(labels[lang])
    assert set(labels["en"]) == set(labels["zh-CN"])
    assert set(messages["en"]) == set(messages["zh-CN"])
    field = re.compile(r"\{(\w+)")
    for key, text in messages["en"].items():
        assert set(field.findall(text)) == set(field.findall(messages["zh-CN"][key])), key
    assert "SmolLM2-135M" in labels["en"]["studio_default_model_note"]
    assert "SmolLM2-135M" in labels["zh-CN"]["studio_default_model_note"]
    session = StudioSession()
    session.api_key = SECRET
    assert SECRET not in repr(session) and "api_key=set" in repr(session)


def test_bulk_confirm_regenerate_and_delete_selected_rows(app, tmp_path):
    client = _client(app, "bulk")
    _upload(client, tmp_path)
    _split(client)
    _generate(client, ["questions"])  # 6 questions, no answers yet
    _generate(client, ["answers"], max_questions=2)
    table, _, _ = client.predict("", 0, "all", 1, 20, api_name="/studio_review_page")
    ids = [row["id"] for row in _rows(table)]
    assert len(ids) == 6
    selection = client.predict(table, api_name="/studio_select_page")  # as the button does: offers the ids shown
    assert selection["value"] == ids
    with pytest.raises(Exception, match="Select rows first"):
        client.predict("", 0, "all", 1, 20, [], None, api_name="/studio_confirm_selected")

    table, _, _, msg, box = client.predict("", 0, "all", 1, 20, ids[:3], ids[1], api_name="/studio_confirm_selected")
    assert msg == "3 items confirmed." and [r["confirmed"] for r in _rows(table)] == [1, 1, 1, 0, 0, 0]
    assert box is True  # the open item (#2) was among them: its editor box is ticked too

    service.edit_item(service.open_workspace(app["workspace"]), ids[0], answer="A human answer.")
    table, _, _, msg = client.predict("", 0, "all", 1, 20, ids[:2], "en", False,
                                      api_name="/studio_regenerate_selected")
    rows = {r["id"]: r for r in _rows(table)}
    assert _stage(msg, "answers")[:3] == ["2/2", "2", "0"]
    assert rows[ids[0]]["answer"] == "The Loire is the longest river in France."  # replaced by a new answer
    assert rows[ids[0]]["confirmed"] == 0 and rows[ids[2]]["confirmed"] == 1  # only the selected rows changed

    table, _, info, msg = client.predict("", 0, "all", 1, 20, [ids[4], ids[5]], api_name="/studio_delete_selected")
    assert msg == "2 items deleted." and info.endswith("4 rows") and {r["id"] for r in _rows(table)} == set(ids[:4])
    other = _client(app, "bulk-other")
    other.predict(table, api_name="/studio_select_page")  # a crafted table offers another project's ids
    with pytest.raises(Exception, match="not in this project"):  # another project's rows cannot be touched
        other.predict("", 0, "all", 1, 20, [ids[0]], api_name="/studio_delete_selected")
