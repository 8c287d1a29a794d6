"""Multi-turn dialogues: generation against a scripted model (personas, system prompt, rounds), resume after a
SIGKILL mid-dialogue, turn-by-turn review, and exports (ShareGPT, OpenAI, Alpaca) that load in ``datasets`` with
every turn in order; end to end through ``python -m datagen dialogs`` and the real ``openai`` client."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fakes import ScriptedLLM
from openai_server import ServerThread, model_app

from datagen import cli, dialogs
from datagen.errors import FormatError, StoreError
from datagen.generate import GenerationSettings
from datagen.store import Store

ROOT = Path(__file__).resolve().parents[2]
STYLE = dialogs.DialogSettings(rounds=3, user_role="student", assistant_role="tutor",
                               system_prompt="Explain like a patient tutor.")


def _project(tmp_path, n_chunks: int = 2) -> tuple[Store, int]:
    store = Store.open(tmp_path / "ws", create=True)
    pid = store.create_project("p")
    fid, _ = store.add_file(pid, name="doc.md", stored_path="doc.md", kind="md", sha256="x", size=1, text="t",
                            outline=[], meta={})
    store.replace_chunks(pid, fid, [{"text": f"Passage number {i}. Volcano {i} erupted in year {1900 + i}."}
                                    for i in range(n_chunks)])
    return store, pid


def _passage(messages) -> str:
    return re.search(r"Passage number (\d+)", messages[-1]["content"]).group(1)


def _turn_no(messages) -> int:
    transcript = messages[-1]["content"].split("Conversation so far:")[1]
    return transcript.count("student:") + transcript.count("tutor:") + 1


def user_reply(messages) -> str:
    return f"Q{_turn_no(messages)} about passage {_passage(messages)}?"


def tutor_reply(messages) -> str:
    return f"A{_turn_no(messages)} from passage {_passage(messages)}."


def test_dialogues_follow_rounds_personas_and_system_prompt(tmp_path):
    store, pid = _project(tmp_path)
    llm = ScriptedLLM(by_purpose={"dialog_user": user_reply, "dialog_assistant": tutor_reply})
    report = dialogs.generate_dialogs(store, pid, llm, GenerationSettings(), STYLE)
    assert (report.done, report.created, report.failed) == (2, 2, 0)
    rows, total = dialogs.list_dialogs(store, pid)
    assert total == 2
    for d in rows:
        n = re.search(r"\d+", d["context"]).group(0)
        assert [t["role"] for t in d["turns"]] == ["user", "assistant"] * 3
        assert [t["content"] for t in d["turns"]] == [f"Q1 about passage {n}?", f"A2 from passage {n}.",
                                                      f"Q3 about passage {n}?", f"A4 from passage {n}.",
                                                      f"Q5 about passage {n}?", f"A6 from passage {n}."]
        assert (d["status"], d["system"], d["user_role"], d["assistant_role"]) == (
            "done", "Explain like a patient tutor.", "student", "tutor")
    prompts = [m[-1]["content"] for p, m in llm.calls if p == "dialog_assistant"]
    assert all("You are the tutor in a conversation with a student" in p and "patient tutor" in p for p in prompts)
    assert "message number 2 of 3" in [m[-1]["content"] for p, m in llm.calls if p == "dialog_user"][1]
    # a re-run has nothing left; another style is another set of dialogues for the same chunks
    assert dialogs.generate_dialogs(store, pid, llm, GenerationSettings(), STYLE).total == 0
    other = dialogs.DialogSettings(rounds=1, user_role="student", assistant_role="tutor")
    assert dialogs.generate_dialogs(store, pid, llm, GenerationSettings(), other).created == 2
    assert dialogs.dialog_counts(store, pid) == {"total": 4, "done": 4, "confirmed": 0}
    store.close()


def test_dialogues_opened_by_the_chunks_questions_with_a_scenario(tmp_path):
    store, pid = _project(tmp_path)
    chunks = store.list_chunks(pid)
    store.add_questions(pid, [{"key": f"q{i}", "text": f"When did volcano {i} erupt?", "chunk_id": c["id"]}
                              for i, c in enumerate(chunks)] + [
        {"key": "dup", "text": "When did it erupt?", "chunk_id": chunks[0]["id"], "status": "duplicate"}])
    style = dialogs.DialogSettings(rounds=2, user_role="student", assistant_role="tutor", seed="questions",
                                   scenario="an exam revision session")
    llm = ScriptedLLM(by_purpose={"dialog_user": user_reply, "dialog_assistant": tutor_reply})
    report = dialogs.generate_dialogs(store, pid, llm, GenerationSettings(), style)
    assert (report.total, report.created) == (2, 2)  # the duplicate question opens nothing
    rows, _ = dialogs.list_dialogs(store, pid)
    for i, d in enumerate(rows):
        assert [t["content"] for t in d["turns"]] == [f"When did volcano {i} erupt?", f"A2 from passage {i}.",
                                                      f"Q3 about passage {i}?", f"A4 from passage {i}."]
        assert d["question_id"] is not None and d["chunk_id"] == chunks[i]["id"]
        assert d["scenario"] == "an exam revision session"
    assert llm.purposes().count("dialog_user") == 2  # the opening came from the question, not the model
    assert all("The setting: an exam revision session" in m[-1]["content"] for _, m in llm.calls)
    with pytest.raises(ValueError, match="seed must be one of chunks, questions"):
        dialogs.DialogSettings(seed="files")
    store.close()


def test_failed_turn_keeps_what_was_written_and_rerun_continues(tmp_path):
    store, pid = _project(tmp_path, n_chunks=1)
    flaky = ScriptedLLM(by_purpose={"dialog_user": user_reply, "dialog_assistant": ["A2 ok.", "", "", ""]})
    report = dialogs.generate_dialogs(store, pid, flaky, GenerationSettings(parse_retries=2), STYLE)
    assert (report.failed, report.created) == (1, 0)
    (d,), _ = dialogs.list_dialogs(store, pid)
    assert d["status"] == "partial" and [t["content"] for t in d["turns"]] == ["Q1 about passage 0?", "A2 ok.",
                                                                                "Q3 about passage 0?"]
    good = ScriptedLLM(by_purpose={"dialog_user": user_reply, "dialog_assistant": tutor_reply})
    assert dialogs.generate_dialogs(store, pid, good, GenerationSettings(), STYLE).created == 1
    d = dialogs.get_dialog(store, d["id"])
    assert d["status"] == "done" and [t["content"] for t in d["turns"]][:3] == ["Q1 about passage 0?", "A2 ok.",
                                                                                 "Q3 about passage 0?"]
    assert good.purposes()[0] == "dialog_assistant"  # resumed at the missing reply, not from the start
    assert store.open_failure_keys(pid, "dialogs") == set()  # the unit's failure is resolved
    store.close()


def test_review_while_generating_keeps_both_sides(tmp_path):
    store, pid = _project(tmp_path, n_chunks=2)
    first, second = (f"chunk:{c['id']}:{STYLE.style_key()}:0" for c in store.list_chunks(pid))

    def review_then_reply(messages):
        """Runs between two committed turns: edit the first dialogue's opening, delete the second dialogue."""
        rows = {d["key"]: d for d in dialogs.list_dialogs(store, pid)[0]}
        if first in rows and rows[first]["turns"][0]["content"] != "Edited opening?":
            dialogs.edit_turn(store, rows[first]["id"], 1, "Edited opening?")
        if second in rows:
            dialogs.delete_dialog(store, rows[second]["id"])
        return tutor_reply(messages)

    llm = ScriptedLLM(by_purpose={"dialog_user": user_reply, "dialog_assistant": review_then_reply})
    report = dialogs.generate_dialogs(store, pid, llm, GenerationSettings(), STYLE)
    (d,), total = dialogs.list_dialogs(store, pid)
    assert total == 1 and d["key"] == first and report.created == 1 and report.failed == 0
    assert d["turns"][0]["content"] == "Edited opening?" and len(d["turns"]) == 6 and d["status"] == "done"
    store.close()


CRASH_SCRIPT = """
import re, sys
sys.path.insert(0, {root!r}); sys.path.insert(0, {tests!r})
from fakes import ScriptedLLM
from datagen import dialogs
from datagen.generate import GenerationSettings
from datagen.store import Store

def n(m): return re.search(r"Passage number (\\d+)", m[-1]["content"]).group(1)
def k(m):
    t = m[-1]["content"].split("Conversation so far:")[1]
    return t.count("student:") + t.count("tutor:") + 1
store = Store.open(sys.argv[1])
llm = ScriptedLLM(by_purpose={{"dialog_user": lambda m: "Q%d on %s?" % (k(m), n(m)),
                               "dialog_assistant": lambda m: "A%d on %s." % (k(m), n(m))}},
                  concurrency=3, delay=float(sys.argv[2]))
style = dialogs.DialogSettings(rounds=4, user_role="student", assistant_role="tutor")
report = dialogs.generate_dialogs(store, store.project_id("p"), llm, GenerationSettings(), style)
print(report.done, report.created)
"""


def test_sigkill_mid_dialogue_loses_no_turn_and_resume_completes(tmp_path):
    store, pid = _project(tmp_path, n_chunks=12)
    script = CRASH_SCRIPT.format(root=str(ROOT), tests=str(Path(__file__).parent))
    proc = subprocess.Popen([sys.executable, "-c", script, str(tmp_path / "ws"), "0.03"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while store.conn.execute("SELECT IFNULL(sum(json_array_length(turns)), 0) FROM dialogs").fetchone()[0] < 25:
        assert proc.poll() is None, proc.stderr.read().decode()
        assert time.monotonic() < deadline, "the worker made no progress"
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    before = {d["id"]: d["turns"] for d in dialogs.list_dialogs(store, pid, page_size=100)[0]}
    partial = [i for i, t in before.items() if len(t) < 8]
    assert partial, "the kill should land mid-dialogue"
    rerun = subprocess.run([sys.executable, "-c", script, str(tmp_path / "ws"), "0"], capture_output=True,
                           text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    after = {d["id"]: d for d in dialogs.list_dialogs(store, pid, page_size=100)[0]}
    assert len(after) == 12 and all(d["status"] == "done" and len(d["turns"]) == 8 for d in after.values())
    for dialog_id, turns in before.items():  # every turn written before the kill is still there, unchanged
        assert after[dialog_id]["turns"][: len(turns)] == turns
    for d in after.values():
        n = re.search(r"Passage number (\d+)", d["context"]).group(1)
        assert [t["content"] for t in d["turns"]] == [f"{'QA'[i % 2]}{i + 1} on {n}{'?.'[i % 2]}" for i in range(8)]
    store.close()


def test_review_turn_by_turn(tmp_path):
    store, pid = _project(tmp_path, n_chunks=1)
    llm = ScriptedLLM(by_purpose={"dialog_user": user_reply, "dialog_assistant": tutor_reply})
    dialogs.generate_dialogs(store, pid, llm, GenerationSettings(), STYLE)
    (d,), _ = dialogs.list_dialogs(store, pid)
    edited = dialogs.edit_turn(store, d["id"], 4, "A better second answer.", project_id=pid)
    assert [t["content"] for t in edited["turns"]] == [t["content"] for t in d["turns"][:3]] + [
        "A better second answer."] + [t["content"] for t in d["turns"][4:]]
    shorter = dialogs.delete_turn(store, d["id"], 3, project_id=pid)  # turn 3 and its reply go together
    assert [t["content"] for t in shorter["turns"]] == ["Q1 about passage 0?", "A2 from passage 0.",
                                                        "Q5 about passage 0?", "A6 from passage 0."]
    assert (shorter["status"], shorter["rounds"]) == ("done", 2)
    with pytest.raises(ValueError, match="there is no turn 9"):
        dialogs.edit_turn(store, d["id"], 9, "x")
    with pytest.raises(ValueError, match="empty"):
        dialogs.edit_turn(store, d["id"], 1, "  ")
    with pytest.raises(StoreError, match="no dialogue with id 999"):
        dialogs.get_dialog(store, 999, pid)
    dialogs.confirm_dialog(store, d["id"], project_id=pid)
    assert dialogs.list_dialogs(store, pid, status="confirmed")[1] == 1
    dialogs.delete_turn(store, d["id"], 1)
    with pytest.raises(ValueError, match="no round left"):
        dialogs.delete_turn(store, d["id"], 2)
    dialogs.delete_dialog(store, d["id"], project_id=pid)
    assert dialogs.list_dialogs(store, pid)[1] == 0
    store.close()


def _load(path: Path):
    from datasets import load_dataset

    return load_dataset("json", data_files=str(path), split="train")


def test_exports_load_in_datasets_with_every_turn_in_order(tmp_path):
    store, pid = _project(tmp_path)
    llm = ScriptedLLM(by_purpose={"dialog_user": user_reply, "dialog_assistant": tutor_reply})
    dialogs.generate_dialogs(store, pid, llm, GenerationSettings(), STYLE)
    rows, _ = dialogs.list_dialogs(store, pid)
    expected = [[t["content"] for t in d["turns"]] for d in rows]
    out = tmp_path / "out"
    dialogs.export_dialogs(store, pid, "sharegpt", out / "d_sharegpt.jsonl", llamafactory="dialogs_sg")
    dialogs.export_dialogs(store, pid, "openai", out / "d_openai.jsonl")
    dialogs.export_dialogs(store, pid, "alpaca", out / "d_alpaca.json")
    sharegpt, openai_rows, alpaca = (_load(out / f) for f in ("d_sharegpt.jsonl", "d_openai.jsonl", "d_alpaca.json"))
    assert [[m["value"] for m in r["conversations"]] for r in sharegpt] == expected
    assert [[m["from"] for m in r["conversations"]] for r in sharegpt] == [["human", "gpt"] * 3] * 2
    assert set(sharegpt["system"]) == {"Explain like a patient tutor."}
    assert [[m["content"] for m in r["messages"]] for r in openai_rows] == [
        ["Explain like a patient tutor.", *turns] for turns in expected]
    assert [[m["role"] for m in r["messages"]][:3] for r in openai_rows] == [["system", "user", "assistant"]] * 2
    assert [[x for pair in r["history"] for x in pair] + [r["instruction"], r["output"]] for r in alpaca] == expected
    info = json.loads((out / "dataset_info.json").read_text())
    assert info["dialogs_sg"]["formatting"] == "sharegpt" and info["dialogs_sg"]["file_name"] == "d_sharegpt.jsonl"
    with pytest.raises(FormatError, match="no confirmed finished dialogue"):
        dialogs.export_dialogs(store, pid, "sharegpt", out / "x.jsonl", only_confirmed=True)
    with pytest.raises(FormatError, match="not 'dpo'"):
        dialogs.export_dialogs(store, pid, "dpo", out / "x.jsonl")
    store.close()


def test_a_workspace_made_before_dialogues_upgrades_and_keeps_its_rows(tmp_path):
    import sqlite3

    from datagen import schema

    # the migration that adds dialogues (the lead may renumber it): every one before it makes the "old" workspace
    ours = next(v for v, m in schema.MIGRATIONS.items() if "_SCHEMA_DIALOGS" in m.__code__.co_names)
    db = tmp_path / "ws" / "studio.db"
    (tmp_path / "ws" / "files").mkdir(parents=True)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN")
    for version in range(1, ours):
        schema.MIGRATIONS[version](conn)
        conn.execute(f"PRAGMA user_version = {version}")
    conn.execute("INSERT INTO projects (name, created) VALUES ('old', 0)")
    conn.execute("COMMIT")
    assert "dialogs" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    store = Store.open(tmp_path / "ws")
    assert store.schema_version == schema.SCHEMA_VERSION and store.project_id("old")
    assert dialogs.list_dialogs(store, store.project_id("old")) == ([], 0)
    store.close()


def test_settings_reject_bad_values():
    with pytest.raises(ValueError, match="rounds must be between 1 and 20, got 0"):
        dialogs.DialogSettings(rounds=0)
    with pytest.raises(ValueError, match="user_role must be one line"):
        dialogs.DialogSettings(user_role="")


def rules(messages, max_tokens, temperature):
    """A stand-in model behind a real OpenAI-compatible server: recognises the dialogue prompts."""
    text = messages[-1]["content"]
    turn = text.split("Conversation so far:")[1].count("\n") if "Conversation so far:" in text else 0
    if "Play the" in text:
        reply = f"Student question {turn}: how hot is lava?"
    elif "You are the tutor" in text:
        reply = f"Tutor answer {turn}: about 1000 degrees Celsius."
    else:
        reply = "unexpected prompt"
    return reply, len(text.split()), len(reply.split())


def test_cli_end_to_end_through_the_openai_client(tmp_path, capsys):
    doc = tmp_path / "lava.md"
    doc.write_text("# Lava\n\nLava leaves a volcano at about 700 to 1200 degrees Celsius and cools into rock.\n")
    ws = str(tmp_path / "ws")

    def run(*argv):
        code = cli.main([str(a) for a in argv])
        out, err = capsys.readouterr()
        assert code == 0, err
        return out

    run("init", "-w", ws)
    run("add", doc, "-w", ws)
    run("split", "-w", ws)
    with ServerThread(model_app(rules, model="rules")) as base_url:
        out = run("dialogs", "generate", "-w", ws, "--base-url", base_url, "--rounds", "2", "--user-role",
                  "student", "--assistant-role", "tutor", "--system", "Be brief.", "-q")
    assert "dialogs: 1/1 units, 1 created, 0 failed, 4 calls" in out
    shown = run("dialogs", "show", "1", "-w", ws)
    assert "student / tutor  4/4 turns" in shown and "4. assistant (tutor): Tutor answer" in shown
    run("dialogs", "edit-turn", "1", "2", "--text", "Edited reply.", "-w", ws)
    data = json.loads(run("dialogs", "show", "1", "--json", "-w", ws))
    assert [t["content"] for t in data["turns"]][1] == "Edited reply." and data["system"] == "Be brief."
    run("dialogs", "confirm", "1", "-w", ws)
    path = tmp_path / "dialogs.jsonl"
    run("dialogs", "export", "--format", "openai", "--out", path, "--only-confirmed", "-w", ws)
    (row,) = _load(path)
    assert [m["role"] for m in row["messages"]] == ["system", "user", "assistant", "user", "assistant"]
    assert row["messages"][2]["content"] == "Edited reply."
    code = cli.main(["dialogs", "edit-turn", "1", "7", "--text", "x", "-w", ws])
    assert code == 1 and "there is no turn 7" in capsys.readouterr().err


@pytest.mark.realmodel
def test_builtin_model_writes_a_dialogue(tmp_path):
    """No endpoint: the built-in SmolLM2 writes the turns (low quality, said in the report's notice)."""
    from datagen.llm import LOCAL_MODEL_NOTICE, LLMSettings, LocalChatClient

    store, pid = _project(tmp_path, n_chunks=1)
    llm = LocalChatClient(LLMSettings(temperature=0.7, max_tokens=48), batch_size=4)
    report = dialogs.generate_dialogs(store, pid, llm, GenerationSettings(),
                                      dialogs.DialogSettings(rounds=1, user_role="student", assistant_role="tutor"))
    assert (report.created, report.failed, report.notice) == (1, 0, LOCAL_MODEL_NOTICE)
    (d,), _ = dialogs.list_dialogs(store, pid)
    assert [t["role"] for t in d["turns"]] == ["user", "assistant"] and all(t["content"].strip() for t in d["turns"])
    assert d["model"] and report.completion_tokens > 0
    store.close()
