"""Triple extraction: chunks → ``(name, property, value)`` facts for a KBLaM knowledge base.

Each chunk is one work unit (marked done with its triples in one transaction, so a resumed run skips it).
Triples are unique per project; an empty list is a valid reply (a chunk with no facts). The knowledge base is
exported as CSV or JSONL with exactly the columns ``name,property,value`` that the knowledge chat loads.
"""

from __future__ import annotations

import logging
from pathlib import Path

from datagen import formats
from datagen.generate import GenerationSettings, Job, StageReport, run_stage
from datagen.guides import triples_guide
from datagen.llm import ChatClient
from datagen.parsing import TRIPLES_SCHEMA, unwrap
from datagen.store import Store

logger = logging.getLogger(__name__)

KB_FILE_TYPES = (".csv", ".jsonl", ".json")


def clean_triples(value: list, limit: int) -> list[dict]:
    """Whitespace-normalised, non-empty, de-duplicated triples (values as strings), at most ``limit``."""
    out, seen = [], set()
    for entry in value:
        triple = {k: " ".join(str(entry[k]).split()) for k in ("name", "property", "value")}
        key = tuple(v.casefold() for v in triple.values())
        if all(triple.values()) and key not in seen:
            seen.add(key)
            out.append(triple)
    return out[:limit]


def extract_triples(store: Store, project_id: int, llm: ChatClient, settings: GenerationSettings, *,
                    chunk_ids=None, progress=None, cancel=None) -> StageReport:
    """Extract triples from every chunk not done yet (or only ``chunk_ids``)."""
    done = store.done_units(project_id, "triples")
    chunks = [c for c in store.list_chunks(project_id) if f"chunk:{c['id']}" not in done]
    if chunk_ids is not None:
        wanted = set(chunk_ids)
        chunks = [c for c in chunks if c["id"] in wanted]
    job = Job(store, project_id, llm, settings, stage="triples", progress=progress, cancel=cancel)

    async def worker(chunk: dict) -> None:
        key = f"chunk:{chunk['id']}"
        got = await job.ask("triples", {"text": chunk["text"], "max_triples": settings.max_triples}, key=key,
                            schema=TRIPLES_SCHEMA, guide=triples_guide(settings.max_triples))
        if got is None:
            return
        triples = clean_triples(unwrap(got[0], "triples"), settings.max_triples)
        job.report.created += store.add_triples(project_id, triples, chunk_id=chunk["id"], unit=("triples", key),
                                                task_id=job.task_id)

    return run_stage(job, chunks, worker, skipped=len(done))


def export_kb(store: Store, project_id: int, path: str | Path, fmt: str = "kblam") -> Path:
    """Write the project's triples as a KB file (``.csv``, ``.jsonl`` or ``.json``; columns name,property,value)
    in the triples format ``fmt``."""
    path = Path(path)
    if path.suffix.lower() not in KB_FILE_TYPES:
        raise ValueError(f"{path}: a KB file must end in {', '.join(KB_FILE_TYPES)}")
    triples = [{k: t[k] for k in ("name", "property", "value")} for t in store.list_triples(project_id)]
    return formats.export_items(triples, path, fmt)
