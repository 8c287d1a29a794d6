"""Property-based fuzzing of document ingest (issue 12): generated documents of every supported type (valid,
damaged, deeply nested, random bytes) either become a Document or fail with an IngestError naming the file —
never another exception, and never a parse slower than the per-example bound."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from strategies import documents

from datagen import ingest
from datagen.errors import IngestError

DOCUMENTS = 250
SECONDS = 5.0  # per document (typically milliseconds; the machine may be loaded)


def test_generated_documents_ingest_or_fail_naming_the_file():
    stats = {"examples": 0, "read": 0, "refused": 0, "slowest_s": 0.0}
    kinds: set[str] = set()

    @settings(max_examples=DOCUMENTS, deadline=None, database=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(documents())
    def check(case: tuple[str, bytes]) -> None:
        filename, data = case
        start = time.perf_counter()
        try:
            document = ingest.load_bytes(data, filename, time_budget=SECONDS)
            assert document.text.strip() and document.name == filename
            outcome = "read"
        except IngestError as exc:
            assert str(exc).startswith(filename + ":"), str(exc)
            outcome = "refused"
        seconds = time.perf_counter() - start
        assert seconds < SECONDS
        stats["examples"] += 1
        stats[outcome] += 1
        stats["slowest_s"] = round(max(stats["slowest_s"], seconds), 3)
        kinds.add(filename.rsplit(".", 1)[1] + ":" + outcome)

    check()
    print(f"\ningest fuzz: {stats}, outcomes by type: {sorted(kinds)}")
    assert stats["examples"] >= DOCUMENTS >= 200 and stats["read"] > 30 and stats["refused"] > 30
