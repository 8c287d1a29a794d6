"""Quality you can see: grounding of every answer in its chunk, the not-answerable flag, and the filters of
review and export (service and CLI)."""

from __future__ import annotations

import json

import pytest
from fakes import ScriptedLLM

from datagen import cli, quality, service
from datagen.answers import generate_answers
from datagen.generate import GenerationSettings
from datagen.scoring import fill_grounding
from datagen.store import Store

CHUNK = ("Mars is the fourth planet from the Sun. It has two small moons, Phobos and Deimos, and its red colour "
         "comes from iron oxide on its surface.")
QUESTIONS = ["What are the moons of Mars called?", "Why is Mars red?", "Who discovered the rings of Saturn?"]
ANSWERS = {
    QUESTIONS[0]: "Mars has two small moons, Phobos and Deimos.",  # grounded
    QUESTIONS[1]: "Pizza tastes wonderful with extra cheese on Fridays.",  # not grounded
    QUESTIONS[2]: "The text does not mention who discovered the rings of Saturn.",  # refusal
}


def test_grounding_and_flags_of_single_answers():
    good = quality.answer_quality(QUESTIONS[0], ANSWERS[QUESTIONS[0]], CHUNK)
    bad = quality.answer_quality(QUESTIONS[1], ANSWERS[QUESTIONS[1]], CHUNK)
    refusal = quality.answer_quality(QUESTIONS[2], ANSWERS[QUESTIONS[2]], CHUNK)
    assert good["grounding"] > 0.8 and not good["unanswerable"]
    assert bad["grounding"] < 0.2 and not bad["unanswerable"]
    assert refusal["unanswerable"]
    assert quality.unanswerable("Which telescope photographed Saturn's rings in 1610?", "Galileo's.", CHUNK)
    assert quality.is_refusal("参考资料中没有提到这一点。") and not quality.is_refusal("两颗：火卫一和火卫二。")
    assert quality.quality_flag({"grounding": 0.2, "unanswerable": 0}) == "low grounding"
    assert quality.quality_flag({"grounding": 0.9, "unanswerable": 1}) == "not answerable"
    assert quality.quality_flag({"grounding": None, "unanswerable": 0}) == ""


@pytest.fixture
def answered(tmp_path):
    store = Store.open(tmp_path / "ws", create=True)
    pid = store.create_project("p")
    fid, _ = store.add_file(pid, name="mars.md", stored_path="files/mars.md", kind="markdown", sha256="x",
                            size=len(CHUNK), text=CHUNK, outline=[], meta={})
    store.replace_chunks(pid, fid, [{"text": CHUNK, "heading_path": ["Mars"]}])
    chunk_id = store.list_chunks(pid)[0]["id"]
    store.add_questions(pid, [{"key": f"k{i}", "text": q, "chunk_id": chunk_id} for i, q in enumerate(QUESTIONS)])
    llm = ScriptedLLM(by_purpose={"answer": lambda m: ANSWERS[m[-1]["content"].split("Question: ")[-1].strip()]})
    generate_answers(store, pid, llm, GenerationSettings(reasoning=False))
    yield store, pid, tmp_path
    store.close()


def test_answers_are_stored_with_grounding_and_flags_and_filtered(answered):
    store, pid, _ = answered
    items = {i["question"]: i for i in store.iter_items(pid)}
    assert items[QUESTIONS[0]]["grounding"] > 0.8 and items[QUESTIONS[1]]["grounding"] < 0.2
    assert [service.item_flag(items[q]) for q in QUESTIONS] == ["", "low grounding", "not answerable"]
    kept = service.collect_items(store, pid, min_grounding=0.5)
    assert [i["question"] for i in kept] == [QUESTIONS[0]]
    kept = service.collect_items(store, pid, answerable_only=True)
    assert [i["question"] for i in kept] == QUESTIONS[:2]
    assert len(service.collect_items(store, pid)) == 3
    page = service.list_items(store, pid, answerable_only=True)
    assert page.total == 2
    with pytest.raises(ValueError, match="min_grounding"):
        service.collect_items(store, pid, min_grounding=2.0)


def test_fill_grounding_rescores_old_answers_and_edits_rescore(answered):
    store, pid, _ = answered
    first = store.iter_items(pid).__next__()
    store.update_answer(first["id"], grounding=None, unanswerable=1)
    assert fill_grounding(store, pid) == 1
    again = store.get_item(first["id"])
    assert again["grounding"] > 0.8 and again["unanswerable"] == 0
    edited = service.edit_item(store, first["id"], answer="Bananas are yellow and grow in bunches.")
    assert edited["grounding"] < 0.2


def test_cli_export_leaves_out_low_grounding_and_unanswerable_rows(answered, capsys):
    store, pid, tmp_path = answered
    out = tmp_path / "alpaca.json"
    code = cli.main(["export", "--workspace", str(tmp_path / "ws"), "--project", "p", "--format", "alpaca",
                     "--out", str(out), "--min-grounding", "0.5", "--answerable-only"])
    assert code == 0
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert [r["instruction"] for r in rows] == [QUESTIONS[0]]
