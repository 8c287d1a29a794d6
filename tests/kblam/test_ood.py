"""The out-of-distribution evaluation: real-data KB builders are deterministic and give >= 100 questions of every
kind per KB with correct expectations; evaluation and dev phrasings are disjoint and training never reads them;
the runner works end to end on a tiny random model and writes its JSON, JSONL and Markdown; scoring is byte-exact;
one smoke run with the real default model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_training import HashEncoder, tiny_backbone  # noqa: F401 - tiny model helpers shared with training tests
from transformers import AutoTokenizer

from kblam.engine import Answer, KBLaM, resolve_adapters
from kblam.ood.kbs import BUILDERS, build_kbs
from kblam.ood.questions import (
    DEV_TEMPLATES,
    EVAL_TEMPLATES,
    KINDS,
    REFUSAL_KINDS,
    build_questions,
    load_templates,
)
from kblam.ood.runner import OODConfig, accepts_messages, ask, run_ood, score

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def kbs():
    return build_kbs()


def test_builders_are_deterministic_real_tables_of_100_to_300_triples(kbs):
    again = build_kbs()
    assert [kb.name for kb in kbs] == list(BUILDERS)
    for kb, kb2 in zip(kbs, again, strict=True):
        assert kb.triples == kb2.triples and kb.others == kb2.others
        assert 100 <= len(kb.triples) <= 300, (kb.name, len(kb.triples))
        assert len(kb.properties) >= 3 and all(t.value for t in kb.triples)
        assert not set(kb.entities) & set(kb.other_entities)
    assert build_kbs(["http_status"], seed=1)[0].triples != kbs[0].triples  # the seed chooses the entities
    http = {(t.name, t.property): t.value for t in kbs[0].triples + kbs[0].others}
    assert http[("HTTP 404", "reason phrase")] == "Not Found"
    assert http[("HTTP 404", "Python constant")] == "HTTPStatus.NOT_FOUND"
    with pytest.raises(ValueError, match="unknown OOD KB nope"):
        build_kbs(["nope"])


def test_question_sets_cover_every_kind_with_correct_expectations(kbs):
    templates = load_templates()
    for kb in kbs:
        questions = build_questions(kb, templates=templates)
        assert questions == build_questions(kb, templates=templates)  # deterministic
        assert len(questions) >= 100 and {q.kind for q in questions} == set(KINDS)
        assert len({q.id for q in questions}) == len(questions)
        facts = {(t.name, t.property): t.value for t in kb.triples}
        names = {n.casefold() for n in kb.entities}
        for q in questions:
            assert q.messages[-1]["role"] == "user" and q.question.strip()
            if q.kind in REFUSAL_KINDS:
                assert q.expected == [] and all(a not in facts for a in q.asked), q
            else:
                assert q.expected == [facts[a] for a in q.asked], q
            if q.kind == "near_miss":
                assert q.asked[0][0].casefold() not in names and "closest KB entity" in q.note
            if q.kind == "name_variant":
                shown = q.question
                assert q.asked[0][0] not in shown and ("typo" in q.note or "lower case" in q.note)
            if q.kind == "follow_up":
                assert [m["role"] for m in q.messages] == ["user", "assistant", "user"]
                assert q.asked[0][0] not in q.question or q.asked[0][0] != q.messages[0]["content"]


def test_eval_and_dev_templates_are_disjoint_and_training_never_reads_them():
    evaluation, dev = load_templates(EVAL_TEMPLATES), load_templates(DEV_TEMPLATES)
    assert set(evaluation["kbs"]) == set(dev["kbs"]) == set(BUILDERS)
    for name, section in evaluation["kbs"].items():
        for prop, phrasings in section["properties"].items():
            assert not set(phrasings) & set(dev["kbs"][name]["properties"][prop]), (name, prop)
        assert not set(section["unknown_names"]) & set(dev["kbs"][name]["unknown_names"])
    for kind in ("possessive", "imperative", "terse", "follow_up_property", "follow_up_entity"):
        assert not set(evaluation["generic"][kind]) & set(dev["generic"][kind]), kind
    for kb in build_kbs():  # the dev phrasings give a full question set of their own
        dev_questions = build_questions(kb, templates=dev)
        assert len(dev_questions) >= 100
        assert not {q.question for q in dev_questions if q.kind == "paraphrase"} & {
            q.question for q in build_questions(kb, templates=evaluation) if q.kind == "paraphrase"}
    for module in ("train.py", "synthetic.py", "synthetic_values.py", "samples.py"):
        text = (ROOT / "kblam" / module).read_text()
        assert "templates.json" not in text.replace("dev_templates.json", ""), module
        assert "EVAL_TEMPLATES" not in text and "kblam.ood.runner" not in text, module


def test_bad_templates_file_names_the_field(tmp_path):
    data = json.loads(EVAL_TEMPLATES.read_text())
    data["generic"]["terse"] = ["{name} {propety}?"]
    bad = tmp_path / "t.json"
    bad.write_text(json.dumps(data))
    with pytest.raises(ValueError, match=r"generic\.terse\[0\]: unknown placeholder"):
        load_templates(bad)
    bad.write_text("{\n  oops")
    with pytest.raises(ValueError, match="line 2"):
        load_templates(bad)


def test_scoring_is_byte_exact_with_a_normalised_variant(kbs):
    q = next(q for q in build_questions(kbs[1]) if q.kind == "simple")
    value = q.expected[0]
    exact = score(q, Answer(f"It is {value}.", False, [], "grounded"), False)
    assert exact["exact"] and exact["normalised"]
    lowered = score(q, Answer(f"It is {value.lower()}.", False, [], "grounded"), False)
    assert lowered["normalised"] and (lowered["exact"] == (value == value.lower()))
    refused = score(q, Answer(f"Sorry, {value}", True, [], "grounded"), False)
    assert not refused["exact"] and not refused["normalised"]


class _ChatEngine:
    """Control flow only: an engine whose ``answer`` takes the chat messages, recording what it was given."""

    def __init__(self):
        self.seen = []

    def answer(self, messages: list[dict], kb, settings=None) -> Answer:
        self.seen.append(messages)
        return Answer("ok", False, [], "grounded")


def test_conversations_go_whole_to_an_engine_that_takes_messages(kbs):
    follow = next(q for q in build_questions(kbs[0]) if q.kind == "follow_up")
    chat = _ChatEngine()
    assert accepts_messages(chat)
    _, fallback = ask(chat, follow, None, None, accepts_messages(chat))
    assert chat.seen == [follow.messages] and not fallback


@pytest.fixture(scope="module")
def tokenizer():
    from kblam.models import default_backbone_dir

    return AutoTokenizer.from_pretrained(default_backbone_dir())


def test_runner_end_to_end_on_a_tiny_model(tokenizer, tmp_path):
    backbone, encoder = tiny_backbone(tokenizer), HashEncoder()
    engine = KBLaM(backbone, encoder, resolve_adapters(None, backbone, encoder))
    cfg = OODConfig(out_dir=str(tmp_path), kbs=("http_status", "timezones"), counts={k: 1 for k in KINDS},
                    max_new_tokens=3, retrieval_sizes=(20, 400), retrieval_questions=4,
                    synthetic_answerable=2, synthetic_unanswerable=1)
    report = run_ood(cfg, engine=engine)
    saved = json.loads((tmp_path / "ood_report.json").read_text())
    assert saved["kbs"].keys() == {"http_status", "timezones"} and saved["timings_s"]["total"] > 0
    for m in saved["kbs"].values():
        assert m["n"] == len(KINDS) and m["n_refusal_expected"] == len(REFUSAL_KINDS)
        assert set(m["by_kind"]) == set(KINDS) and 0 <= m["value_exact"] <= m["value_normalised"] <= 1
        assert m["fallback_rows"] == (0 if saved["engine_takes_messages"] else 1)  # the one follow-up
    sizes = [r["kb_size"] for r in saved["retrieval"]]
    assert sizes == [20, 20, 400] and all(0 <= r["best_top1"] <= r["best_top5"] <= 1 for r in saved["retrieval"])
    assert [r["kb_size"] for r in saved["synthetic"]["retrieval"]] == [20, 400]
    rows = [json.loads(x) for x in (tmp_path / "ood_answers.jsonl").read_text().splitlines()]
    assert len(rows) == 2 * len(KINDS) + 3 and {r["kb"] for r in rows} == {"http_status", "timezones", "synthetic"}
    table = (tmp_path / "ood_table.md").read_text()
    assert "| http_status | " in table and "| follow_up |" in table and "synthetic held-out" in table
    assert report["overall"]["n"] == 2 * len(KINDS)


def test_cli_rejects_an_unknown_kb_before_loading_a_model(capsys):
    from kblam.cli import main

    assert main(["eval", "--ood", "--kbs", "http_status,nope"]) == 1
    assert "unknown OOD KB nope" in capsys.readouterr().err


@pytest.mark.realmodel
def test_real_model_smoke_on_a_few_questions(tmp_path):
    engine = KBLaM.load()
    counts = {"simple": 2, "follow_up": 1}
    report = run_ood(OODConfig(out_dir=str(tmp_path), kbs=("http_status",), counts=counts, retrieval_sizes=(),
                               synthetic=False), engine=engine)
    m = report["kbs"]["http_status"]
    assert m["n"] == 3 and m["by_kind"]["simple"]["value_exact"] >= 1 / 2  # the shipped default gets these
    rows = [json.loads(x) for x in (tmp_path / "ood_answers.jsonl").read_text().splitlines()]
    assert all(r["mode"] == "grounded" and r["answer"] for r in rows)
