"""The studio with the real built-in model and no endpoint, on a real document that nobody here wrote
(a licence text that ships with Debian): every JSON reply is schema-valid by construction.

The first test runs in ``make test`` (questions for two chunks); the second is the acceptance run of issue #13
(``slow``): questions for 8 chunks, answers, triples, and Alpaca/ShareGPT exports loaded with ``datasets``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from datagen import guides, pipeline, service
from datagen.answers import generate_answers
from datagen.generate import GenerationSettings
from datagen.llm import LLMSettings, LocalChatClient
from datagen.questions import generate_questions
from datagen.store import Store
from datagen.triples import extract_triples

DOCUMENT = Path("/usr/share/common-licenses/GPL-2")
pytestmark = [pytest.mark.realmodel,
              pytest.mark.skipif(not DOCUMENT.is_file(), reason="Debian's common-licenses are not installed")]


@pytest.fixture
def project(tmp_path):
    copy = tmp_path / "GPL-2.txt"
    shutil.copy(DOCUMENT, copy)
    store = Store.open(tmp_path / "ws", create=True)
    pid = store.create_project("gpl")
    pipeline.add_path(store, pid, copy)
    pipeline.split_files(store, pid)
    yield store, pid
    store.close()


def _client() -> LocalChatClient:
    return LocalChatClient(LLMSettings(temperature=0.7), batch_size=8)


def test_questions_of_the_real_model_are_schema_valid(project):
    store, pid = project
    chunks = [c["id"] for c in store.list_chunks(pid)][:2]
    settings = GenerationSettings(max_questions=2, max_triples=3, dedup_threshold=1.0)
    report = generate_questions(store, pid, _client(), settings, chunk_ids=chunks)
    assert (report.done, report.failed) == (2, 0), report.failures
    questions = list(store.iter_items(pid, status="all")) + list(store.iter_items(pid, status="duplicate"))
    assert {q["chunk_id"] for q in questions} == set(chunks)
    assert all(re.match(guides.question_pattern("en"), q["question"]) for q in questions), questions
    assert report.tokens_per_second > 0


@pytest.mark.slow
def test_acceptance_questions_answers_and_exports_that_load_in_datasets(project, tmp_path):
    datasets = pytest.importorskip("datasets")
    store, pid = project
    chunks = [c["id"] for c in store.list_chunks(pid)][:8]
    settings = GenerationSettings(reasoning=False, max_questions=4, chars_per_question=250)  # ~3-4 per chunk
    client = _client()
    report = generate_questions(store, pid, client, settings, chunk_ids=chunks)
    malformed = [f for f in report.failures if "JSON" in f or "shape" in f]
    covered = {q["chunk_id"] for q in [*store.iter_items(pid, status="all"),
                                       *store.iter_items(pid, status="duplicate")]}
    assert len(covered & set(chunks)) >= 0.95 * len(chunks) and not malformed, report.failures
    answers = generate_answers(store, pid, client, settings)
    assert answers.failed == 0, answers.failures
    triples = extract_triples(store, pid, client, GenerationSettings(max_triples=3), chunk_ids=chunks[:2])
    assert (triples.done, triples.failed) == (2, 0) and triples.created >= 1, triples.failures
    for fmt in ("alpaca", "sharegpt"):
        out = tmp_path / f"{fmt}.json"
        service.export(store, pid, fmt, out)
        rows = datasets.load_dataset("json", data_files=str(out), split="train")
        assert len(rows) >= 20, (fmt, len(rows))
