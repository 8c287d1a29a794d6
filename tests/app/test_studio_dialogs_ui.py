"""The studio's dialogues tab and provider controls through their HTTP API (``demo()`` on 127.0.0.1 driven by
``gradio_client``): generate dialogues with a per-stage model, edit one turn, delete a round, confirm, export
and load the export in ``datasets``; provider presets; the model list from a real OpenAI-compatible server
through the ``openai`` client; token usage per stage and per run."""

from __future__ import annotations

import re

import pytest
from fakes import ScriptedLLM
from gradio_client import Client, handle_file
from openai_server import ServerThread, scripted_app
from studio_launch import running_studio

from datagen import service

DOC = "# Lava\n\nLava leaves a volcano at about 700 to 1200 degrees Celsius and cools into basalt.\n"
SPLIT_MD = ("markdown", 20, 1500, 1000, 100, 256, 32, "")
MADE: list[str | None] = []


def _turn(messages) -> int:
    return messages[-1]["content"].split("Conversation so far:")[1].count("\n")


def _factory(settings):
    if settings.base_url:
        return service.make_llm(settings)
    MADE.append(settings.model)
    return ScriptedLLM(model=settings.model or "scripted", by_purpose={
        "dialog_user": lambda m: f"Student asks {_turn(m)}: how hot is lava?",
        "dialog_assistant": lambda m: f"Tutor answers {_turn(m)}: up to 1200 degrees.",
    })


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    workspace = tmp_path_factory.mktemp("dialogs-ws")
    with running_studio({"workspace": workspace, "llm_factory": _factory}) as url:
        yield url


def _rows(table: dict) -> list[list]:
    return table["data"]


def test_dialogues_generate_review_turn_by_turn_and_export(app, tmp_path):
    client = Client(app, verbose=False)
    client.predict("dialogs", api_name="/studio_create_project")
    (tmp_path / "lava.md").write_text(DOC, encoding="utf-8")
    client.predict([handle_file(str(tmp_path / "lava.md"))], api_name="/studio_add_files")
    client.predict(*SPLIT_MD, False, False, 20, api_name="/studio_split")
    routes = client.predict("dialogs", "writer-model", "", api_name="/studio_set_stage_model")
    assert _rows(routes) == [["dialogs", "writer-model", ""]]
    result, table, info = client.predict("en", 2, "student", "tutor", "Be brief.", 1, "", False, "all",
                                         api_name="/studio_dialogs_generate")
    assert re.search(r"\| dialogs \| 1/1 \| 1 \| 0 \|", result), result
    assert "writer-model" in MADE  # the dialogues stage got its own model
    ((dialog_id, status, roles, turns, opening, confirmed),) = _rows(table)
    assert (status, roles, turns, confirmed) == ("done", "student / tutor", "4/4", False)
    assert info == "Page 1 · 1 dialogues"
    loaded = client.predict(dialog_id, api_name="/studio_dialog_load")
    assert [r[:3] for r in _rows(loaded[1])] == [[1, "user", "student"], [2, "assistant", "tutor"],
                                                 [3, "user", "student"], [4, "assistant", "tutor"]]
    assert loaded[2] == "Be brief."
    *editor, msg = client.predict(dialog_id, 2, "Edited: about 700 to 1200 degrees.",
                                  api_name="/studio_dialog_save_turn")
    assert _rows(editor[1])[1][3] == "Edited: about 700 to 1200 degrees." and msg == "Turn 2 saved."
    assert [r[3] for r in _rows(editor[1])][2:] == [r[3] for r in _rows(loaded[1])][2:]  # the others unchanged
    *editor, msg = client.predict(dialog_id, 3, api_name="/studio_dialog_delete_round")
    assert len(_rows(editor[1])) == 2 and "turn 3" in msg
    table, _ = client.predict(dialog_id, True, "all", 1, api_name="/studio_dialog_confirm")
    assert _rows(table)[0][5] is True
    files, msg = client.predict("sharegpt", ".jsonl", True, "", api_name="/studio_dialogs_export")
    assert msg == "Exported 1 dialogues as sharegpt."
    from datasets import load_dataset

    (row,) = load_dataset("json", data_files=files[0], split="train")
    assert [m["from"] for m in row["conversations"]] == ["human", "gpt"]
    assert row["conversations"][1]["value"] == "Edited: about 700 to 1200 degrees." and row["system"] == "Be brief."
    per_stage, per_run, _ = client.predict(api_name="/studio_token_usage")
    assert [r[:3] for r in _rows(per_stage)] == [["dialogs", "writer-model", 4]]
    assert _rows(per_run)[0][1:5] == ["dialogs", "done", "writer-model", 4]


def test_provider_preset_and_model_list(app):
    client = Client(app, verbose=False)
    client.predict("providers", api_name="/studio_create_project")
    url, key = client.predict("ollama", "", api_name="/studio_provider")
    assert url == "http://127.0.0.1:11434/v1" and key["visible"] is False  # Ollama: no key box
    url, key = client.predict("deepseek", "", api_name="/studio_provider")
    assert url == "https://api.deepseek.com/v1" and key["visible"] is True
    url, _ = client.predict("custom", "http://10.1.2.3:9000/v1", api_name="/studio_provider")
    assert url == "http://10.1.2.3:9000/v1"  # custom keeps the typed URL
    server = scripted_app([], model="served-model")
    with ServerThread(server) as base_url:
        listed, stage_models, msg = client.predict(base_url, "", api_name="/studio_refresh_models")
    assert [c[0] for c in listed["choices"]] == ["served-model"] and listed["value"] == "served-model"
    assert [c[0] for c in stage_models["choices"]] == ["served-model"]
    assert msg == f"1 model(s) listed at {base_url}."
