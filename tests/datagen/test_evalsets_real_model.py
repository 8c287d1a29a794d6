"""Evaluation sets with the built-in SmolLM2 and no endpoint: every JSON shape the feature asks for (the
generation guides, the closed-answer guides, the judge's) decodes under llguidance, and a whole run completes."""

from __future__ import annotations

import pytest

from datagen import evalsets_service as svc
from datagen import evalsets_store as es
from datagen.evalsets import LETTERS
from datagen.generate import GenerationSettings
from datagen.llm import LocalChatClient
from datagen.store import Store

pytestmark = [pytest.mark.realmodel, pytest.mark.slow]  # ~50 s on 2 cores; the guides are checked fast in test_evalsets
TEXT = ("Espresso is brewed by forcing water at about 9 bar of pressure through finely ground coffee for 25 to 30 "
        "seconds. Coffee beans are roasted at temperatures between 180 and 240 degrees Celsius.")


def test_builtin_model_generates_and_evaluates_an_eval_set(tmp_path):
    store = Store.open(tmp_path / "ws", create=True)
    pid = store.create_project("p")
    fid, _ = store.add_file(pid, name="c.md", stored_path="c.md", kind="markdown", sha256="c", size=1, text=TEXT,
                            outline=[], meta={})
    store.replace_chunks(pid, fid, [{"text": TEXT}])
    qtypes = ["true_false", "multiple_choice", "open"]
    report = svc.generate(store, pid, LocalChatClient(), GenerationSettings(), qtypes=qtypes, per_type=1)
    assert report.failed == 0 and report.created == 3, report.failures
    questions = svc.list_questions(store, pid)
    multi = next(q for q in questions if q["qtype"] == "multiple_choice")
    assert len(multi["options"]) == 4 and set(multi["answer"].split(",")) <= set(LETTERS)
    assert next(q for q in questions if q["qtype"] == "true_false")["answer"] in ("true", "false")

    run_id, report = svc.evaluate(store, pid, LocalChatClient(), GenerationSettings())
    run, summary = svc.run_report(store, run_id)
    assert run["status"] == "done" and summary["overall"]["scored"] == 3, report.failures
    rows = {r["qtype"]: r for r in es.result_rows(store, run_id)}
    assert rows["true_false"]["parsed"] in ("true", "false")  # guided: the reply is always readable
    assert rows["multiple_choice"]["parsed"] and 0 <= rows["open"]["score"] <= 1
