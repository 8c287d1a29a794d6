"""The studio's Evaluation tab through its HTTP API (``gradio_client``): generate an evaluation set from the chunks,
edit and delete a question, run an evaluation with a separate judge, see the score table, export the set."""

from __future__ import annotations

import json
import re

import pytest
from fakes import ScriptedLLM, hash_embed
from gradio_client import Client, handle_file
from studio_launch import running_studio, table_rows

DOC = "# Rivers\n\nThe Loire is the longest river in France. It flows into the Atlantic Ocean.\n"
KINDS = {"true/false": {"question": "The Loire flows into the Atlantic.", "answer": True},
         "single-choice": {"question": "Which is the longest river in France?",
                           "options": ["Seine", "Loire", "Rhone", "Garonne"], "answer": "B"},
         "multiple-choice": {"question": "Which facts about the Loire hold?",
                             "options": ["Longest in France", "Flows to the Atlantic", "Frozen", "In Spain"],
                             "answer": ["A", "B"]},
         "short-answer": {"question": "Into which ocean does the Loire flow?", "answer": "Atlantic"},
         "open": {"question": "Why is the Loire notable?", "answer": "It is the longest river in France.",
                  "rubric": "Says longest."}}


def _items(messages) -> str:
    text = messages[-1]["content"]
    word = next(w for w in KINDS if f"Item type: {w}" in text)
    return json.dumps({"questions": [KINDS[word]]})


def _factory(settings):
    if settings.model == "judge":
        return ScriptedLLM(by_purpose={"eval_judge": '{"score": 5, "reason": "fine"}'}, model="judge")
    return ScriptedLLM(model=settings.model or "studio-model", by_purpose={
        "eval_questions": _items, "eval_closed": '{"answer": "B"}', "eval_open": "The longest river.",
        "reasoning": "The passage says it is the longest."})


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    workspace = tmp_path_factory.mktemp("eval-ws")
    with running_studio({"workspace": workspace, "llm_factory": _factory, "embed": hash_embed}) as url:
        yield url, workspace


_rows = table_rows


def test_generate_edit_run_and_export_an_evaluation_set(app, tmp_path):
    client = Client(app[0], verbose=False)
    client.predict("evals", api_name="/studio_create_project")
    (tmp_path / "rivers.md").write_text(DOC, encoding="utf-8")
    client.predict([handle_file(str(tmp_path / "rivers.md"))], api_name="/studio_add_files")
    client.predict("markdown", 20, 1500, 1000, 100, 256, 32, "", False, False, 20, api_name="/studio_split")

    table, counts, msg = client.predict(["true_false", "single_choice", "multiple_choice", "short_answer", "open"],
                                        1, "en", api_name="/studio_eval_generate")
    rows = _rows(table)
    assert len(rows) == 5 and "5 evaluation questions" in counts and "evalset" in msg
    single = next(r for r in rows if r["type"] == "single_choice")
    assert single["reference"] == "B" and "B. Loire" in single["options"]

    question, options, answer, rubric = client.predict(single["id"], api_name="/studio_eval_load")
    assert options.splitlines() == ["Seine", "Loire", "Rhone", "Garonne"] and answer == "B"
    table, _, msg = client.predict(single["id"], "Which river is longest in France?", options, "b", "",
                                   api_name="/studio_eval_save")
    assert f"Saved evaluation question {single['id']}" in msg
    with pytest.raises(Exception, match="names no option"):
        client.predict(single["id"], question, options, "E", "", api_name="/studio_eval_save")
    true_false = next(r for r in rows if r["type"] == "true_false")
    table, counts, msg = client.predict(true_false["id"], api_name="/studio_eval_delete")
    assert len(table["data"]) == 4 and "4 evaluation questions" in counts

    result, runs = client.predict([], "", "", "", "http://127.0.0.1:9/v1", "judge", "", "en",
                                  api_name="/studio_eval_run")
    assert re.search(r"Run \d+: studio-model \[done\], judge: judge", result)
    assert "| single_choice | 1 | 1 | 1 | 100.0% |" in result and "| multiple_choice | 1 | 1 | 0 | 0.0% |" in result
    assert "| open | 1 | 1 | 1 | 100.0% |" in result
    run_row = _rows(runs)[0]
    assert run_row["status"] == "done" and run_row["score"] == "75.0%"
    shown = client.predict(run_row["id"], api_name="/studio_eval_show_run")
    assert "| single_choice | 1 | 1 | 1 | 100.0% |" in shown

    path, msg = client.predict(".jsonl", api_name="/studio_eval_export")
    lines = [json.loads(line) for line in open(path, encoding="utf-8")]
    assert len(lines) == 4 and "Exported 4 evaluation questions" in msg
    assert next(r for r in lines if r["type"] == "single_choice")["question"] == "Which river is longest in France?"
    with pytest.raises(Exception, match="no evaluation question 999999"):
        client.predict(999999, api_name="/studio_eval_load")


def test_missing_reasoning_chains_are_written_on_request(app):
    from datagen.store import Store

    client = Client(app[0], verbose=False)
    client.predict("chains", api_name="/studio_create_project")
    store = Store.open(app[1])
    pid = store.project_id("chains")
    store.add_questions(pid, [{"key": "a", "text": "Which river is longest?", "context": DOC, "source": "import"},
                              {"key": "b", "text": "Where does it flow?", "context": DOC, "source": "import"}])
    (first, _), (second, _) = store.active_question_texts(pid)
    store.add_answer(first, text="The Loire.")
    store.add_answer(second, text="Into the Atlantic.", reasoning="Kept.", reasoning_source="native")
    result = client.predict("en", api_name="/studio_synthesize_reasoning")
    assert "reasoning" in result
    chains = {i["id"]: (i["reasoning"], i["reasoning_source"]) for i in store.iter_items(pid, status="answered")}
    assert chains == {first: ("The passage says it is the longest.", "generated"), second: ("Kept.", "native")}
