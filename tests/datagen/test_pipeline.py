"""The whole pipeline through the service layer with the scripted LLM: ingest → … → export / import."""

from __future__ import annotations

import json
import threading

import pytest
from fakes import ScriptedLLM, hash_embed, last_user

from datagen import formats, service
from datagen.errors import FormatError, LLMError, StoreError
from datagen.generate import GenerationSettings
from datagen.pipeline import DEFAULT_STAGES, SplitSettings

DOCS = {
    "planets.md": "# Planets\n\n## Mars\n\nMars is the fourth planet from the Sun and has two moons, Phobos and "
                  "Deimos. Its surface is red because of iron oxide.\n\n## Venus\n\nVenus is the hottest planet, "
                  "with a thick carbon dioxide atmosphere and surface temperatures around 465 degrees Celsius.\n",
    "notes.txt": "Jupiter is the largest planet in the solar system. Its Great Red Spot is a storm that has "
                 "lasted for centuries.\n",
}


def _questions(messages):
    text = last_user(messages)
    if "Mars is the fourth" in text:
        return '[{"question": "How many moons does Mars have?", "tag": "Mars"}, ' \
               '{"question": "Why is the surface of Mars red?", "tag": "Mars"}]'
    if "Venus is the hottest" in text:
        return '[{"question": "Which planet is the hottest?", "tag": "Venus"}]'
    return 'Here: ["How many moons does Mars have ?", "What is the Great Red Spot on Jupiter?"]'


def _llm(**extra):
    by_purpose = {
        "tags": '{"tags": [{"name": "Planets", "children": ["Mars", "Venus", "Jupiter"]}]}',
        "questions": _questions,
        "answer": lambda m: "<think>Read the reference.</think>" + last_user(m).split('"""')[1].strip()[:80],
        "rejected": "Probably something about space.",
        "triples": '[{"name": "Mars", "property": "number of moons", "value": "two"}]',
        "judge": '{"score": 4, "reason": "supported"}',
    }
    return ScriptedLLM(by_purpose={**by_purpose, **extra}, concurrency=3, notice="scripted model")


@pytest.fixture
def workspace(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in DOCS.items():
        (docs / name).write_text(text, encoding="utf-8")
    store = service.open_workspace(tmp_path / "ws", create=True)
    pid = service.project(store)
    yield store, pid, docs
    store.close()


SETTINGS = GenerationSettings(chars_per_question=60, max_questions=3, parse_retries=1)
SPLIT = SplitSettings("markdown", {"min_len": 10, "max_len": 400})


def test_run_every_stage_then_export_and_import(workspace, tmp_path):
    store, pid, docs = workspace
    added = service.add_files(store, pid, [docs])
    assert [f["name"] for f in added["added"]] == ["notes.txt", "planets.md"] and not added["errors"]
    assert service.add_files(store, pid, [docs / "notes.txt"])["added"][0]["created"] is False
    assert (store.root / store.list_files(pid)[0]["stored_path"]).is_file()

    events = []
    summary = service.run(store, pid, _llm(), SETTINGS, stages=(*DEFAULT_STAGES, "judge"), embed=hash_embed,
                          split_settings=SPLIT,
                          progress=lambda stage, done, total, msg: events.append((stage, done, total)))
    assert summary.error is None and not summary.cancelled
    assert [r.stage for r in summary.reports] == ["tags", "questions", "answers", "dpo", "triples", "score",
                                                  "judge"]
    c = summary.counts
    assert (c["files"], c["questions"], c["duplicates"], c["answers"], c["dpo_pairs"], c["triples"]) == \
        (2, 4, 1, 4, 4, 1)
    assert c["judged"] == 4 and summary.failures == 0 and summary.tokens["calls"] > 10
    assert {e[0] for e in events} >= {"questions", "answers"} and ("answers", 4, 4) in events
    text = summary.text()
    assert "duplicates removed" in text and "note: scripted model" in text

    tagged = service.list_items(store, pid, tag="Planets").items  # notes.txt has no headings to match: untagged
    assert [i["tag"] for i in tagged] == ["Mars", "Venus"]
    items = service.list_items(store, pid).items
    assert len(items) == 4 and all(i["reasoning"] == "Read the reference." for i in items)
    assert all(i["rouge_l"] > 0.5 for i in items)  # answers copy the chunk here: strongly grounded
    service.confirm_item(store, items[0]["id"])
    service.rate_item(store, items[1]["id"], 1)
    with pytest.raises(ValueError):
        service.rate_item(store, items[1]["id"], 9)
    edited = service.edit_item(store, items[2]["id"], answer="Completely different words.")
    assert edited["answer"] == "Completely different words." and edited["rouge_l"] < 0.2

    out = tmp_path / "out"
    result = service.export(store, pid, "alpaca", out / "data.jsonl", system_prompt="Be brief.",
                            include_reasoning=True, test_ratio=0.25, seed=1, llamafactory="planets")
    assert result["counts"] == {"train": 3, "test": 1}
    train = formats.read_records(out / "data_train.jsonl")
    assert train[0]["system"] == "Be brief." and train[0]["output"].startswith("<think>")
    info = json.loads((out / "dataset_info.json").read_text())
    assert info["planets"]["file_name"] == "data_train.jsonl" and "planets_test" in info
    assert service.export(store, pid, "sharegpt", out / "c.json", only_confirmed=True)["counts"] == {"all": 1}
    assert service.export(store, pid, "openai", out / "s.parquet", min_score=3)["counts"] == {"all": 3}
    assert service.export(store, pid, "dpo", out / "dpo.csv")["counts"] == {"all": 4}
    kb = service.export(store, pid, "kblam", out / "kb.jsonl")
    assert formats.read_records(kb["files"][0]) == [{"name": "Mars", "property": "number of moons",
                                                     "value": "two"}]

    other = service.project(store, "imported", create=True)
    first = service.import_file(store, other, out / "dpo.csv")
    assert first["imported"] == 4 and first["format"] == "dpo"
    assert service.import_file(store, other, out / "dpo.csv")["already_present"] == 4
    assert service.import_file(store, other, out / "kb.jsonl")["imported"] == 1
    assert store.counts(other)["dpo_pairs"] == 4


def test_rerun_resumes_and_adds_nothing_new(workspace):
    store, pid, docs = workspace
    service.add_files(store, pid, [docs])
    service.run(store, pid, _llm(), SETTINGS, embed=hash_embed, split_settings=SPLIT)
    counts = store.counts(pid)
    llm = ScriptedLLM()  # no replies scripted: any call would fail the test
    again = service.run(store, pid, llm, SETTINGS.__class__(tag_mode="keep"), embed=hash_embed)
    assert again.error is None and llm.calls == [] and store.counts(pid) == counts


def test_malformed_output_is_recorded_and_the_run_completes(workspace):
    store, pid, docs = workspace
    service.add_files(store, pid, [docs / "planets.md"])
    llm = _llm(tags="I would suggest: planets", questions="1. How many moons?\n2. Why red?",
               triples='[{"name": "Mars"}]')
    summary = service.run(store, pid, llm, SETTINGS, embed=hash_embed, split_settings=SPLIT)
    assert summary.error is None
    assert summary.failures == 1 + 2 + 2  # tag tree, two chunks of questions... and triples per chunk
    raws = {f["stage"]: f["raw"] for f in store.list_failures(pid)}
    assert raws["questions"] == "1. How many moons?\n2. Why red?" and raws["triples"] == '[{"name": "Mars"}]'
    assert store.counts(pid)["questions"] == 0 and store.counts(pid)["tags"] > 0  # outline fallback for tags


def test_endpoint_failure_stops_the_run_with_a_summary(workspace):
    store, pid, docs = workspace
    service.add_files(store, pid, [docs])
    llm = _llm(answer=LLMError("http://127.0.0.1:1/v1: chat failed after 5 attempts; last error: HTTP 503"))
    summary = service.run(store, pid, llm, SETTINGS, embed=hash_embed, split_settings=SPLIT)
    assert "HTTP 503" in summary.error and summary.reports[-1].stage == "answers"
    assert store.counts(pid)["questions"] == 4 and store.counts(pid)["answers"] == 0
    assert "stopped:" in summary.text()


def test_cancel_before_the_run(workspace):
    store, pid, docs = workspace
    service.add_files(store, pid, [docs])
    cancel = threading.Event()
    cancel.set()
    summary = service.run(store, pid, ScriptedLLM(), SETTINGS, cancel=cancel)
    assert summary.cancelled and summary.reports == []


def test_split_merge_and_resplit_guard(workspace):
    store, pid, docs = workspace
    service.add_files(store, pid, [docs / "planets.md"])
    assert service.split(store, pid, "markdown", {"min_len": 10, "max_len": 200}) == 2
    a, b = (c["id"] for c in store.list_chunks(pid))
    merged = service.merge(store, [a, b])
    chunk = store.get_chunk(merged)
    assert "Mars is the fourth" in chunk["text"] and "Venus is the hottest" in chunk["text"]
    assert chunk["heading_path"] == ["Planets"]
    store.add_questions(pid, [{"key": "k", "text": "q?", "chunk_id": merged}])
    with pytest.raises(StoreError, match="re-splitting"):
        service.split(store, pid, "recursive", {"chunk_size": 100, "overlap": 10})
    assert service.split(store, pid, "recursive", {"chunk_size": 100, "overlap": 10}, force=True) >= 2
    with pytest.raises(ValueError, match="unknown option"):
        service.split(store, pid, "markdown", {"chunk_size": 3}, force=True)


def test_dry_run_plan_touches_nothing(workspace, tmp_path):
    _, _, docs = workspace
    plan = service.plan([docs], GenerationSettings(chars_per_question=100, reasoning=False))
    assert plan["chunks"] == 2 and [f["kind"] for f in plan["files"]] == ["text", "markdown"]
    assert plan["estimated_calls"]["questions"] == 2 and plan["estimated_calls"]["answers"] == \
        plan["estimated_questions"]
    assert "built-in" in plan["model"] and plan["notice"]
    assert not (tmp_path / "nothing").exists()


def test_service_tag_and_chunk_editing(workspace):
    store, pid, docs = workspace
    service.add_files(store, pid, [docs / "planets.md"])
    service.split(store, pid, "markdown", {"min_len": 10, "max_len": 400})
    top = service.add_tag(store, pid, "Planets")
    inner = service.add_tag(store, pid, "Inner", parent="Planets")
    mars = service.add_tag(store, pid, "Mars", parent=inner)
    service.move_tag(store, pid, mars, "Planets")
    service.rename_tag(store, inner, "Rocky")
    tree = service.tag_tree(store, pid)
    assert [(n["name"], [c["name"] for c in n["children"]]) for n in tree] == [("Planets", ["Rocky", "Mars"])]
    service.delete_tag(store, top)
    assert service.tag_tree(store, pid) == []
    chunks = service.list_chunks(store, pid)
    service.edit_chunk(store, chunks[0]["id"], "Mars has two moons.")
    assert service.list_chunks(store, pid)[0]["text"] == "Mars has two moons."
    assert service.delete_chunk(store, chunks[1]["id"]) == 0 and len(service.list_chunks(store, pid)) == 1
    assert service.failures(store, pid) == []


def test_export_of_zero_rows_is_an_error_and_writes_nothing(workspace, tmp_path):
    store, pid, docs = workspace
    out = tmp_path / "out" / "empty.jsonl"
    with pytest.raises(FormatError, match="nothing to export as alpaca.*answer some questions first"):
        service.export(store, pid, "alpaca", out)
    service.add_files(store, pid, [docs])
    service.run(store, pid, _llm(), SETTINGS, stages=("split", "questions", "answers"), embed=hash_embed, split_settings=SPLIT)
    with pytest.raises(FormatError, match=r"only_confirmed=True.*no file was written"):
        service.export(store, pid, "alpaca", out, only_confirmed=True)
    assert not out.exists()
    ids = [i["id"] for i in service.iter_items(store, pid)]
    assert service.confirm_items(store, pid, ids[:2]) == {"changed": 2, "unanswered": []}
    assert service.export(store, pid, "alpaca", out, only_confirmed=True)["counts"] == {"all": 2}


def test_regenerate_replaces_only_the_selected_answers(workspace):
    store, pid, docs = workspace
    service.add_files(store, pid, [docs])
    service.run(store, pid, _llm(), SETTINGS, stages=("split", "questions", "answers"), embed=hash_embed, split_settings=SPLIT)
    items = list(service.iter_items(store, pid))
    service.confirm_items(store, pid, [i["id"] for i in items])
    report = service.regenerate_answers(store, pid, _llm(answer="<think>Fresh.</think>A fresh answer."), SETTINGS, [items[0]["id"]])
    after = {i["id"]: i for i in service.iter_items(store, pid)}
    assert report.done == 1 and after[items[0]["id"]]["answer"] == "A fresh answer."
    assert not after[items[0]["id"]]["confirmed"] and after[items[1]["id"]]["confirmed"]
    assert after[items[1]["id"]]["answer"] == items[1]["answer"]
    assert service.delete_items(store, pid, [items[0]["id"], items[1]["id"]]) == 2
    assert len(list(service.iter_items(store, pid))) == len(items) - 2
