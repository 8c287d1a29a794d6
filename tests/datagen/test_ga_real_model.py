"""Genre–audience pairs with the built-in SmolLM2 model and no endpoint: the pairs and the per-pair questions
are schema-valid by construction (guided JSON), on a real document nobody here wrote (Debian's GPL-2 text)."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest

from datagen import ga_pairs, guides, pipeline
from datagen.generate import GenerationSettings
from datagen.llm import LLMSettings, LocalChatClient
from datagen.store import Store

DOCUMENT = Path("/usr/share/common-licenses/GPL-2")
pytestmark = [pytest.mark.realmodel,
              pytest.mark.skipif(not DOCUMENT.is_file(), reason="Debian's common-licenses are not installed")]


@pytest.mark.slow  # ~65 s on 2 CPU cores (model load, two guided calls)
def test_built_in_model_proposes_pairs_and_asks_per_pair(tmp_path):
    shutil.copy(DOCUMENT, tmp_path / "GPL-2.txt")
    store = Store.open(tmp_path / "ws", create=True)
    pid = store.create_project("gpl")
    pipeline.add_path(store, pid, tmp_path / "GPL-2.txt")
    pipeline.split_files(store, pid)
    llm = LocalChatClient(LLMSettings(temperature=0.7), batch_size=8)
    settings = GenerationSettings(max_questions=1, dedup_threshold=1.0)
    start = time.perf_counter()
    report = ga_pairs.generate_pairs(store, pid, llm, settings, count=2)
    assert (report.done, report.failed) == (1, 0), report.failures
    pairs = ga_pairs.list_pairs(store, pid)
    assert 1 <= len(pairs) <= 2 and all(p["genre"] and p["audience"] for p in pairs)
    assert not any("<" in p["genre"] + p["audience"] for p in pairs)  # no copied placeholders
    chunk = store.list_chunks(pid)[0]["id"]
    report = ga_pairs.generate_questions_per_pair(store, pid, llm, settings, chunk_ids=[chunk])
    assert (report.done, report.failed) == (len(pairs), 0), report.failures
    questions = list(store.iter_items(pid, status="all")) + list(store.iter_items(pid, status="duplicate"))
    assert {q["ga_pair_id"] for q in questions} == {p["id"] for p in pairs}
    assert all(re.match(guides.question_pattern("en"), q["question"]) for q in questions), questions
    print(f"pairs {[(p['genre'], p['audience']) for p in pairs]}, questions {[q['question'] for q in questions]}, "
          f"{time.perf_counter() - start:.1f} s")
    store.close()
