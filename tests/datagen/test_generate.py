"""Strict parsing of LLM replies, prompt files, and each generation stage with the scripted fake LLM."""

from __future__ import annotations

import json
import threading

import pytest
from fakes import ScriptedLLM, hash_embed, last_user

from datagen import prompts
from datagen.answers import generate_answers, generate_rejected
from datagen.distill import distill
from datagen.errors import LLMError, LLMOutputError
from datagen.generate import GenerationSettings
from datagen.parsing import JUDGE_SCHEMA, QUESTIONS_SCHEMA, TRIPLES_SCHEMA, extract_json, parse_reply, unwrap
from datagen.questions import generate_questions
from datagen.scoring import judge_answers
from datagen.store import Store
from datagen.tags import build_tags, outline_tree
from datagen.triples import export_kb, extract_triples

# ------------------------------------------------------------------------------------------- parsing


@pytest.mark.parametrize("raw, expected", [
    ('[{"question": "What is X?"}]', [{"question": "What is X?"}]),
    ('```json\n{"score": 4}\n```', {"score": 4}),
    ('Sure! Here you go:\n```\n[1, 2]\n```\nHope it helps.', [1, 2]),
    ('Here is the JSON: {"a": [1, {"b": 2}]} -- done.', {"a": [1, {"b": 2}]}),
    ('  {"text": "braces } and ] inside strings"}  ', {"text": "braces } and ] inside strings"}),
])
def test_extract_json_accepts_fences_and_prose(raw, expected):
    assert extract_json(raw) == expected


@pytest.mark.parametrize("raw, fragment", [
    ("", "empty reply"),
    ("I cannot do that.", "no JSON"),
    ('[{"question": "What is X?"},]', "invalid JSON"),
    ("{'score': 4}", "invalid JSON"),
    ('[{"question": "cut off', "invalid JSON"),
    ('{"a": 1} and also {"b": 2}', "more than one JSON value"),
    ('```json\n[1]\n```\n```json\n[2]\n```', "2 code blocks"),
    ('```json\n{"a": 1,}\n```', "invalid JSON in the code block"),
])
def test_extract_json_rejects_everything_else(raw, fragment):
    with pytest.raises(LLMOutputError) as info:
        extract_json(raw)
    assert fragment in str(info.value)
    assert info.value.raw == raw


def test_parse_reply_validates_against_the_schema_and_names_the_spot():
    assert parse_reply('{"score": 5, "reason": "ok"}', JUDGE_SCHEMA)["score"] == 5
    with pytest.raises(LLMOutputError, match="score.*7 is greater than the maximum"):
        parse_reply('{"score": 7}', JUDGE_SCHEMA)
    with pytest.raises(LLMOutputError, match=r"at \[1\].*'value' is a required property"):
        parse_reply('[{"name": "a", "property": "b", "value": "c"}, {"name": "a", "property": "b"}]',
                    TRIPLES_SCHEMA)
    assert parse_reply('["What is the capital?"]', QUESTIONS_SCHEMA) == ["What is the capital?"]
    wrapped = parse_reply('{"questions": [{"question": "What is the capital?"}]}', QUESTIONS_SCHEMA)
    assert unwrap(wrapped, "questions") == [{"question": "What is the capital?"}]
    with pytest.raises(LLMOutputError):
        parse_reply("[]", QUESTIONS_SCHEMA)
    with pytest.raises(LLMOutputError, match="questions"):
        parse_reply('{"answers": ["What is the capital?"]}', QUESTIONS_SCHEMA)


# ------------------------------------------------------------------------------------------- prompts


def test_every_prompt_exists_in_both_languages_with_the_same_placeholders():
    assert prompts.check_prompts() == []
    assert {"questions", "answer", "tags", "triples", "judge", "rejected", "fix_json"} <= set(prompts.prompt_names())


def test_prompt_placeholders_must_match_exactly(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "p.txt").write_text("# placeholders: a\nUse {a} and {b}\n", encoding="utf-8")
    with pytest.raises(prompts.PromptError, match="declares"):
        prompts.load_prompt("p", "en", tmp_path)
    with pytest.raises(prompts.PromptError, match="missing \\['question'\\]"):
        prompts.render("answer", "en", context="x")
    with pytest.raises(prompts.PromptError, match="unexpected \\['extra'\\]"):
        prompts.render("answer", "en", context="x", question="y", extra=1)
    text = prompts.render("answer", "zh", context="{question} stays literal", question="Q?")
    assert "{question} stays literal" in text and "Q?" in text and "参考资料" in text
    with pytest.raises(prompts.PromptError, match="unknown data language"):
        prompts.render("answer", "fr", context="x", question="y")


# --------------------------------------------------------------------------------------- the stages

DOC = """# Solar system

## Mars
Mars is the fourth planet from the Sun. It has two small moons, Phobos and Deimos.

## Jupiter
Jupiter is the largest planet. It has a Great Red Spot, a storm larger than Earth.
"""


@pytest.fixture
def project(tmp_path):
    store = Store.open(tmp_path / "ws", create=True)
    pid = store.create_project("p")
    fid, _ = store.add_file(pid, name="solar.md", stored_path="files/solar.md", kind="markdown", sha256="x",
                            size=len(DOC), text=DOC, outline=[(1, "Solar system"), (2, "Mars"), (2, "Jupiter")],
                            meta={})
    store.replace_chunks(pid, fid, [
        {"text": DOC.split("## Jupiter")[0], "heading_path": ["Solar system", "Mars"]},
        {"text": "## Jupiter" + DOC.split("## Jupiter")[1], "heading_path": ["Solar system", "Jupiter"]},
    ])
    yield store, pid
    store.close()


def _questions_for(messages):
    text = last_user(messages)
    if "Mars is the fourth planet" in text:
        return json.dumps([{"question": "Which planet is fourth from the Sun?", "tag": "Planets / Mars"},
                           {"question": "What are the moons of Mars called?", "tag": "no such tag"},
                           {"question": "What are the moons of Mars called?", "tag": "Planets"}])
    return '```json\n[{"question": "Which planet is the largest?", "tag": "planets/jupiter"},' \
           ' "Which planet is fourth from the Sun ?"]\n```'


def _answer_for(messages):
    text = last_user(messages)
    return "Jupiter." if "largest" in text.split("Question:")[-1] else "<think>The passage says so.</think>Mars."


SETTINGS = GenerationSettings(chars_per_question=40, max_questions=3, dedup_threshold=0.9, parse_retries=1)


def test_tags_from_the_model_and_fallback_to_the_outline(project):
    store, pid = project
    llm = ScriptedLLM(by_purpose={"tags": ['{"tags": [{"name": "Planets", "children": ["Mars", "Jupiter"]}]}']})
    report = build_tags(store, pid, llm, SETTINGS)
    assert [t["path"] for t in store.list_tags(pid)] == ["Planets", "Planets / Mars", "Planets / Jupiter"]
    assert report.created == 3 and report.failed == 0

    broken = ScriptedLLM(by_purpose={"tags": ["not json", '{"tags": []}']})
    report = build_tags(store, pid, broken, SETTINGS, mode="rebuild")
    assert report.failed == 1 and "outline" in report.message
    assert [t["path"] for t in store.list_tags(pid)] == ["Mars", "Jupiter"]
    failure = store.list_failures(pid, stage="tags")[0]
    assert failure["raw"] == '{"tags": []}' and "after 2 attempts" in failure["error"]
    assert broken.purposes() == ["tags", "tags"]
    assert "could not be used" in broken.calls[1][1][-1]["content"]  # the retry says what was wrong

    kept = build_tags(store, pid, ScriptedLLM(), SETTINGS, mode="keep")
    assert kept.skipped == 1 and len(store.list_tags(pid)) == 2

    reviser = ScriptedLLM(by_purpose={"tags_revise": ['{"tags": [{"name": "Mars", "children": ["Moons"]}]}']})
    build_tags(store, pid, reviser, SETTINGS, mode="revise")
    assert [t["path"] for t in store.list_tags(pid)] == ["Mars", "Mars / Moons"]


def test_outline_tree_uses_sections_under_a_single_title():
    files = [{"name": "a.md", "outline": [(1, "Title"), (2, "A"), (3, "A1"), (2, "B")]},
             {"name": "notes.txt", "outline": []}]
    assert outline_tree(files, 10) == [{"name": "A", "children": ["A1"]}, {"name": "B", "children": []},
                                       {"name": "notes", "children": []}]


def test_full_chain_with_the_fake_llm(project):
    store, pid = project
    for name in ("Planets", "Mars", "Jupiter"):
        store.add_tag(pid, name, None if name == "Planets" else store.list_tags(pid)[0]["id"])
    llm = ScriptedLLM(concurrency=4, delay=0.01, by_purpose={
        "questions": _questions_for, "answer": _answer_for, "reasoning": "Because the text says it.",
        "rejected": "I think it is Saturn.",
        "triples": '[{"name": "Mars", "property": "moons", "value": "Phobos and Deimos"},'
                   ' {"name": "Mars", "property": "moons", "value": "Phobos and Deimos"}]',
        "judge": ['{"score": 5, "reason": "right"}', '{"score": 2}', "no idea"] + ['{"score": 9}'] * 2})

    report = generate_questions(store, pid, llm, SETTINGS, embed=hash_embed)
    assert (report.done, report.created, report.removed, report.failed) == (2, 3, 2, 0)
    items = store.list_items(pid).items
    assert [i["question"] for i in items] == ["Which planet is fourth from the Sun?",
                                              "What are the moons of Mars called?", "Which planet is the largest?"]
    assert [i["tag"] for i in items] == ["Mars", "Mars", "Jupiter"]  # unknown label -> the chunk's heading
    dups = store.list_items(pid, status="duplicate").items
    assert len(dups) == 2 and {d["duplicate_of"] for d in dups} <= {i["id"] for i in items}
    assert store.token_usage(pid)["calls"] == 2

    assert generate_questions(store, pid, llm, SETTINGS, embed=hash_embed).total == 0  # resumed: nothing left

    report = generate_answers(store, pid, llm, SETTINGS)
    assert (report.done, report.created, report.failed) == (3, 3, 0)
    mars = store.get_item(items[0]["id"])
    assert mars["answer"] == "Mars." and mars["reasoning"] == "The passage says so."
    assert mars["reasoning_source"] == "native" and mars["rouge_l"] > 0
    jupiter = store.get_item(items[2]["id"])
    assert jupiter["reasoning"] == "Because the text says it." and jupiter["reasoning_source"] == "generated"

    report = generate_rejected(store, pid, llm, SETTINGS)
    assert report.created == 3 and store.get_item(items[1]["id"])["rejected"] == "I think it is Saturn."

    report = extract_triples(store, pid, llm, SETTINGS)
    assert report.created == 1 and store.list_triples(pid)[0]["value"] == "Phobos and Deimos"

    report = judge_answers(store, pid, llm, SETTINGS.__class__(judge_threshold=3, parse_retries=1))
    assert report.created == 2 and report.failed == 1
    assert [i["judge_score"] for i in store.list_items(pid).items] == [5.0, 2.0, None]
    assert "1 answers score below 3" in report.message and "1 have no score" in report.message
    assert store.list_items(pid, min_score=3).total == 1
    assert all(f["raw"] for f in store.list_failures(pid, stage="judge"))
    assert store.list_tasks(pid)[0]["status"] == "done"
    assert llm.max_in_flight > 1  # workers ran concurrently


def test_multi_turn_answers(project):
    store, pid = project
    llm = ScriptedLLM(by_purpose={"questions": '["What are the moons of Mars?"]', "answer": "Phobos and Deimos.",
                                  "followup": "Which one is larger?", "answer_followup": "Phobos is larger."})
    settings = GenerationSettings(turns=3, reasoning=False, dedup_threshold=1.0, max_questions=1)
    generate_questions(store, pid, llm, settings, chunk_ids=[store.list_chunks(pid)[0]["id"]])
    generate_answers(store, pid, llm, settings)
    item = store.list_items(pid).items[0]
    assert [t["role"] for t in item["turns"]] == ["user", "assistant"] * 3
    assert item["turns"][-1]["content"] == "Phobos is larger." and item["answer"] == "Phobos and Deimos."


def test_failed_units_are_recorded_and_retried_on_the_next_run(project):
    store, pid = project
    llm = ScriptedLLM(by_purpose={"questions": ["nope", "still nope", "[\"What is the largest planet?\"]",
                                                "broken [", "[\"What has two moons?\"]"]})
    settings = GenerationSettings(parse_retries=1, dedup_threshold=1.0)
    report = generate_questions(store, pid, llm, settings)
    assert (report.done, report.failed, report.created) == (2, 1, 1)
    failure = store.list_failures(pid, stage="questions")[0]
    assert failure["raw"] == "still nope" and failure["key"].startswith("chunk:")
    report = generate_questions(store, pid, llm, settings)
    assert (report.total, report.created, report.skipped) == (1, 1, 1)
    assert store.counts(pid)["questions"] == 2


def test_endpoint_failure_stops_the_stage_and_keeps_what_was_done(project):
    store, pid = project
    llm = ScriptedLLM(by_purpose={"triples": ["[]", LLMError("http://x/v1: chat failed after 5 attempts")]})
    with pytest.raises(LLMError):
        extract_triples(store, pid, llm, GenerationSettings())
    assert store.list_tasks(pid)[0]["status"] == "failed"
    assert len(store.done_units(pid, "triples")) == 1
    too_long = LLMError("rejected: context too long")
    too_long.status = 400
    report = extract_triples(store, pid, ScriptedLLM(by_purpose={"triples": [too_long]}), GenerationSettings())
    assert report.failed == 1 and report.status == "done"


def test_cancel_stops_between_units(project):
    store, pid = project
    cancel = threading.Event()
    calls = []

    def reply(messages):
        calls.append(1)
        cancel.set()
        return "[]"

    report = extract_triples(store, pid, ScriptedLLM(by_purpose={"triples": reply}), GenerationSettings(),
                             cancel=cancel)
    assert report.status == "cancelled" and len(calls) == 1 and report.done == 1
    assert store.list_tasks(pid)[0]["status"] == "cancelled"


def test_distillation_from_a_topic(tmp_path):
    store = Store.open(tmp_path / "ws", create=True)
    pid = store.create_project("d")
    llm = ScriptedLLM(by_purpose={
        "distill_tags": '{"tags": [{"name": "Brewing", "children": ["Roasting", "Grinding"]}]}',
        "distill_questions": lambda m: json.dumps(
            [f"How does {'roasting' if 'Roasting' in last_user(m) else 'grinding'} change the flavour of coffee?",
             "Why does coffee taste bitter?"]),
        "distill_answer": "Because of chemistry."})
    reports = distill(store, pid, llm, "Coffee", GenerationSettings(distill_questions=2, dedup_threshold=0.95),
                      embed=hash_embed)
    assert [r.stage for r in reports] == ["distill_tags", "distill_questions", "answers"]
    assert [t["path"] for t in store.list_tags(pid)][:2] == ["Coffee", "Coffee / Brewing"]
    assert store.counts(pid)["questions"] == 3 and store.counts(pid)["duplicates"] == 1
    assert all(i["answer"] == "Because of chemistry." and i["context"] is None for i in store.list_items(pid).items)
    assert "You are an expert on Coffee" in next(m for p, m in llm.calls if p == "distill_answer")[-1]["content"]
    again = distill(store, pid, ScriptedLLM(), "Coffee", GenerationSettings(), embed=hash_embed)
    assert again[0].skipped == 1 and again[1].total == 0 and again[2].total == 0


def test_kb_export_has_the_columns_the_chat_loads(project, tmp_path):
    store, pid = project
    store.add_triples(pid, [{"name": "Mars", "property": "moons", "value": "2"}])
    path = export_kb(store, pid, tmp_path / "kb.csv")
    assert path.read_text(encoding="utf-8").splitlines() == ["name,property,value", "Mars,moons,2"]
    from kblam.kb import KnowledgeBase

    kb = KnowledgeBase.from_file(path)
    assert len(kb) == 1


@pytest.mark.realmodel
def test_dedup_with_the_default_minilm_encoder(project):
    """Paraphrases (cosine >= 0.93 with all-MiniLM-L6-v2) are removed; related but different questions stay."""
    store, pid = project
    llm = ScriptedLLM(by_purpose={"questions": [
        '["What is the capital of France?", "How many moons does Mars have?"]',
        '["What\'s France\'s capital?", "How many moons does Jupiter have?",'
        ' "What are the names of the moons of Mars?"]']})
    settings = GenerationSettings(chars_per_question=10, max_questions=3)  # default threshold 0.92
    report = generate_questions(store, pid, llm, settings)  # embed=None: the default encoder
    assert (report.created, report.removed) == (4, 1)
    dup = store.list_items(pid, status="duplicate").items[0]
    assert dup["question"] == "What's France's capital?" and dup["similarity"] > 0.92
    assert store.get_item(dup["duplicate_of"])["question"] == "What is the capital of France?"
    vectors = store.question_vectors(pid, "sentence-transformers/all-MiniLM-L6-v2")
    assert len(vectors) == 4 and len(vectors[0][1]) == 384 * 4


def test_data_language_selects_the_chinese_prompts(project):
    store, pid = project
    llm = ScriptedLLM(by_purpose={"questions": '["火星有几颗卫星？"]', "answer": "两颗：火卫一和火卫二。"})
    settings = GenerationSettings(lang="zh", reasoning=False, dedup_threshold=1.0, max_questions=1)
    generate_questions(store, pid, llm, settings, chunk_ids=[store.list_chunks(pid)[0]["id"]])
    generate_answers(store, pid, llm, settings)
    prompts_sent = [last_user(m) for _, m in llm.calls]
    assert "请根据下面的段落提出 1 个问题" in prompts_sent[0] and "请只依据参考资料回答问题" in prompts_sent[1]
    assert store.list_items(pid).items[0]["answer"] == "两颗：火卫一和火卫二。"
