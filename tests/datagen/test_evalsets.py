"""Evaluation sets against the scripted fake: generation of the five types, storage, review edits, export that
loads in ``datasets``, reply normalisation, evaluation with exact match and a judge, the score table, resume."""

from __future__ import annotations

import json
import re

import pytest
from fakes import ScriptedLLM

from datagen import evalrun
from datagen import evalsets_service as svc
from datagen import evalsets_store as es
from datagen.errors import StoreError
from datagen.evalrun import normalise_reply
from datagen.generate import GenerationSettings
from datagen.store import Store

SETTINGS = GenerationSettings(parse_retries=1)
KIND_WORDS = {"true/false statements": "true_false", "single-choice": "single_choice",
              "multiple-choice": "multiple_choice", "short-answer": "short_answer", "open questions": "open"}


def passage(messages) -> int:
    return int(re.search(r"Passage number (\d+)", messages[-1]["content"]).group(1))


def kind(messages) -> str:
    text = messages[-1]["content"]
    return next(qtype for words, qtype in KIND_WORDS.items() if f"Item type: {words}" in text)


def generated(messages) -> str:
    """Two items of the asked type about the passage (tags 'Even'/'Odd' by passage number)."""
    n, qtype = passage(messages), kind(messages)
    tag = "Numbers / Even" if n % 2 == 0 else "Numbers / Odd"
    items = []
    for k in range(2):
        base = {"question": f"What does passage {n} say, point {k}?", "tag": tag}
        if qtype == "true_false":
            base.update(question=f"Passage {n} point {k} is true.", answer=k == 0)
        elif qtype in ("single_choice", "multiple_choice"):
            base.update(options=[f"opt{n}{k}{x}" for x in "abcd"], answer="B" if qtype == "single_choice" else ["C", "A"])
        elif qtype == "short_answer":
            base.update(answer=f"value {n}.{k}")
        else:
            base.update(answer=f"Because of {n}.", rubric="Mentions the cause.")
        items.append(base)
    return json.dumps({"questions": items})


def make_ws(tmp_path, n_chunks: int = 3):
    store = Store.open(tmp_path / "ws", create=True)
    pid = store.create_project("p")
    fid, _ = store.add_file(pid, name="a.md", stored_path="files/a.md", kind="markdown", sha256="x", size=1,
                            text="t", outline=[], meta={})
    store.replace_chunks(pid, fid, [{"text": f"Passage number {i}. Facts."} for i in range(n_chunks)])
    root = store.add_tag(pid, "Numbers")
    store.add_tag(pid, "Even", root)
    store.add_tag(pid, "Odd", root)
    return store, pid


def test_generates_five_types_with_references_tags_and_guides(tmp_path):
    store, pid = make_ws(tmp_path)
    llm = ScriptedLLM(by_purpose={"eval_questions": generated})
    report = svc.generate(store, pid, llm, SETTINGS, per_type=2)
    assert (report.done, report.created, report.failed) == (15, 30, 0)
    assert svc.counts(store, pid) == {t: 6 for t in es.QTYPES}
    first_chunk = store.list_chunks(pid)[0]["id"]
    by_type = {q["qtype"]: q for q in svc.list_questions(store, pid) if q["key"].startswith(f"chunk:{first_chunk}:")
               and q["key"].endswith(":0")}
    assert by_type["true_false"]["answer"] == "true"
    assert by_type["single_choice"]["answer"] == "B" and len(by_type["single_choice"]["options"]) == 4
    assert by_type["multiple_choice"]["answer"] == "A,C"
    assert by_type["short_answer"]["answer"] == "value 0.0"
    assert by_type["open"]["rubric"] == "Mentions the cause." and by_type["open"]["context"].startswith("Passage")
    assert {q["tag"] for q in svc.list_questions(store, pid)} == {"Even", "Odd"}
    guide = llm.schemas[0]["properties"]["questions"]
    assert guide["minItems"] == guide["maxItems"] == 2  # the guide holds the model to the count and the tags
    assert guide["items"]["properties"]["tag"]["enum"] == ["Numbers", "Numbers / Even", "Numbers / Odd"]
    # done units are not asked again
    again = svc.generate(store, pid, ScriptedLLM(), SETTINGS)
    assert (again.total, again.skipped) == (0, 15)
    assert svc.list_questions(store, pid, tag="Odd", qtypes=["open"])[0]["tag"] == "Odd"


def test_a_reference_naming_no_option_is_a_recorded_failure_not_a_guess(tmp_path):
    store, pid = make_ws(tmp_path, 1)
    bad = json.dumps({"questions": [{"question": "Which one is it?", "options": ["a", "b", "c"], "answer": "D"}]})
    report = svc.generate(store, pid, ScriptedLLM(by_purpose={"eval_questions": bad}), SETTINGS,
                          qtypes=["single_choice"], per_type=1)
    assert report.failed == 1 and svc.counts(store, pid)["single_choice"] == 0
    failure = store.list_failures(pid, stage="evalset")[0]
    assert "names no option" in failure["error"] and '"D"' in failure["raw"]


@pytest.mark.parametrize(("qtype", "reply", "options", "expected"), [
    ("true_false", '{"answer": true}', [], "true"),
    ("true_false", "False. The passage says otherwise.", [], "false"),
    ("true_false", "正确", [], "true"),
    ("true_false", "I am not sure.", [], None),
    ("single_choice", '{"answer": "B"}', ["w", "x", "y", "z"], "B"),
    ("single_choice", "The answer is (c).", ["w", "x", "y", "z"], None),  # lower-case letters are words
    ("single_choice", "(C)", ["w", "x", "y", "z"], "C"),
    ("single_choice", "Answer: D", ["w", "x", "y", "z"], "D"),
    ("single_choice", "y", ["w", "x", "y", "z"], "C"),  # the text of one option
    ("single_choice", "A or B", ["w", "x", "y", "z"], None),  # two letters: not a single choice
    ("multiple_choice", "A, C", ["w", "x", "y", "z"], "A,C"),
    ("multiple_choice", "ca", ["w", "x", "y", "z"], "A,C"),
    ("multiple_choice", '```json\n{"answer": ["D", "B"]}\n```', ["w", "x", "y", "z"], "B,D"),
    ("multiple_choice", "none of them", ["w", "x", "y", "z"], None),
])
def test_normalise_reply(qtype, reply, options, expected):
    assert normalise_reply(qtype, reply, options) == expected


def closed_reply(messages) -> str:
    text = messages[-1]["content"]
    if "true or false" in text:
        return "True." if "point 0" in text else '{"answer": true}'  # point 1 is false: wrong
    if "one correct option" in text:
        return '{"answer": "B"}'
    return "A, C" if "passage 0" in text else "A"  # multiple choice: right once, wrong on the others


def test_evaluation_scores_closed_by_exact_match_and_open_by_the_judge(tmp_path):
    store, pid = make_ws(tmp_path, 2)
    svc.generate(store, pid, ScriptedLLM(by_purpose={"eval_questions": generated}), SETTINGS)
    model = ScriptedLLM(by_purpose={"eval_closed": closed_reply, "eval_open": "<think>recall</think>It is so."},
                        model="candidate")
    judge = ScriptedLLM(by_purpose={"eval_judge": '{"score": 4, "reason": "mostly right"}'}, model="judge")
    run_id, report = svc.evaluate(store, pid, model, SETTINGS, judge=judge)
    assert report.failed == 0 and report.done == 20
    run, summary = svc.run_report(store, run_id)
    assert run["status"] == "done" and run["summary"] == summary and run["judge_model"] == "judge"
    by_type = {t: (c["n"], c["correct"], c["score"]) for t, c in summary["by_type"].items()}
    assert by_type == {"true_false": (4, 2, 0.5), "single_choice": (4, 4, 1.0), "multiple_choice": (4, 2, 0.5),
                       "short_answer": (4, 4, 0.8), "open": (4, 4, 0.8)}
    assert set(summary["by_tag"]) == {"Even", "Odd"} and summary["by_tag"]["Even"]["n"] == 10
    rows = {r["question_id"]: r for r in es.result_rows(store, run_id)}
    open_row = next(r for r in rows.values() if r["qtype"] == "open")
    assert open_row["reply"] == "It is so." and open_row["judge_reason"] == "mostly right"
    assert es.run_results(store, run_id)[open_row["question_id"]]["reasoning"] == "recall"
    # the judge saw the reference and the rubric; the model under test saw the options, never the reference
    judged = judge.calls[0][1][-1]["content"]
    assert "Mentions the cause." in judged or "same fact as the reference" in judged
    closed = next(m for p, m in model.calls if p == "eval_closed" and "A. opt" in m[-1]["content"])
    assert "answer" in model.schemas[model.calls.index(("eval_closed", closed))]["properties"]
    table = svc.format_table(summary)
    assert "| multiple_choice | 4 | 4 | 2 | 50.0% |" in table and "| Even | 10 |" in table


def test_an_interrupted_evaluation_resumes_without_asking_answered_items(tmp_path):
    store, pid = make_ws(tmp_path, 2)
    svc.generate(store, pid, ScriptedLLM(by_purpose={"eval_questions": generated}), SETTINGS,
                 qtypes=["single_choice", "open"])
    # first run: the judge is down (every call 500 after retries): replies are stored, scores are not
    from datagen.errors import LLMError

    down = LLMError("judge down")
    down.transient = True
    model = ScriptedLLM(by_purpose={"eval_closed": '{"answer": "B"}', "eval_open": "Because."}, model="m")
    first_id, first = svc.evaluate(store, pid, model, SETTINGS, judge=ScriptedLLM(by_purpose={"eval_judge": down}))
    assert es.get_eval_run(store, first_id)["status"] == "incomplete" and first.failed == 4
    assert len(es.run_results(store, first_id)) == 8 and len(model.calls) == 8
    # re-running the same command resumes that run: only the judge is asked, for the replies without a score
    judge = ScriptedLLM(by_purpose={"eval_judge": '{"score": 5, "reason": "right"}'})
    run_id, report = svc.evaluate(store, pid, model, SETTINGS, judge=judge)
    assert run_id == first_id and (report.total, report.skipped) == (4, 4)
    assert len(model.calls) == 8 and judge.purposes() == ["eval_judge"] * 4
    _, summary = svc.run_report(store, run_id)
    assert summary["overall"]["scored"] == 8 and summary["overall"]["score"] == 1.0
    assert es.get_eval_run(store, run_id)["status"] == "done"
    # a finished run is not resumed: the next run is a new one
    again, _ = svc.evaluate(store, pid, model, SETTINGS, judge=judge)
    assert again != run_id


def test_review_edit_checks_the_reference_and_export_loads_in_datasets(tmp_path):
    datasets = pytest.importorskip("datasets")
    store, pid = make_ws(tmp_path, 1)
    svc.generate(store, pid, ScriptedLLM(by_purpose={"eval_questions": generated}), SETTINGS)
    single = svc.list_questions(store, pid, qtypes=["single_choice"])[0]
    with pytest.raises(ValueError, match="names no option"):
        svc.edit_question(store, single["id"], answer="E")
    edited = svc.edit_question(store, single["id"], answer="d", options=["1", "2", "3", "4"], question="Which?")
    assert (edited["answer"], edited["options"], edited["question"]) == ("D", ["1", "2", "3", "4"], "Which?")
    with pytest.raises(ValueError, match="true or false"):
        svc.edit_question(store, svc.list_questions(store, pid, qtypes=["true_false"])[0]["id"], answer="maybe")
    svc.delete_question(store, single["id"])
    with pytest.raises(StoreError):
        svc.get_question(store, single["id"])
    for ext in ("json", "jsonl", "csv", "parquet"):
        path, n = svc.export(store, pid, tmp_path / f"eval.{ext}")
        loader = {"jsonl": "json"}.get(ext, ext)
        rows = datasets.load_dataset(loader, data_files=str(path), split="train")
        assert len(rows) == n == 9
        assert set(rows.column_names) == {"id", "type", "question", "options", "answer", "rubric", "tag", "context"}
        multi = next(r for r in rows if r["type"] == "multiple_choice")
        options = json.loads(multi["options"]) if ext == "csv" else multi["options"]
        assert multi["answer"] == "A,C" and len(options) == 4


def test_empty_set_and_unknown_types_are_clear_errors(tmp_path):
    store, pid = make_ws(tmp_path, 1)
    with pytest.raises(StoreError, match="evaluation set is empty"):
        svc.evaluate(store, pid, ScriptedLLM(), SETTINGS)
    with pytest.raises(ValueError, match="unknown question type"):
        svc.generate(store, pid, ScriptedLLM(), SETTINGS, qtypes=["essay"])
    assert evalrun.score_table([], 0)["overall"]["score"] is None


def test_every_guide_decodes_with_the_builtin_decoder(tmp_path):
    """A tiny random Llama with the real SmolLM2 tokenizer behind the built-in client: its output is noise, so
    only the grammars shape it; every generation guide and every closed-answer guide must compile and hold."""
    import torch
    from transformers import AutoTokenizer, LlamaConfig, LlamaForCausalLM

    from datagen.llm import LocalChatClient
    from kblam.models import default_backbone_dir

    tokenizer = AutoTokenizer.from_pretrained(default_backbone_dir())
    torch.manual_seed(0)
    config = LlamaConfig(vocab_size=len(tokenizer), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=4096)
    model = LlamaForCausalLM(config).eval()
    store, pid = make_ws(tmp_path, 1)
    client = LocalChatClient(loader=lambda: (model, tokenizer), max_tokens_cap=16)
    report = svc.generate(store, pid, client, SETTINGS, per_type=1)
    assert (report.created, report.failed) == (5, 0), report.failures
    run_id, report = svc.evaluate(store, pid, client, SETTINGS)
    rows = es.result_rows(store, run_id)
    assert len(rows) == 5 and all(r["parsed"] is not None for r in rows if r["qtype"] in es.CLOSED_TYPES)
    assert es.get_eval_run(store, run_id)["status"] == "done", report.failures
