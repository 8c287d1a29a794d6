"""Reasoning chains on request: write the missing chain of thought of answers that have none.

Answers keep the chain a reasoning model returned (``reasoning_content`` or ``reasoning`` message fields, or
``<think>`` blocks: see :func:`datagen.llm.split_think`); answers made without one (a model that does not
reason, ``--no-reasoning``, imported data, hand-written answers) can get one afterwards: the ``reasoning`` stage
asks the model to explain how the answer follows from the chunk (or, for an answer without a chunk, from the
question), stores it with ``reasoning_source = "generated"`` and leaves every answer that has a chain as it is.
Resumable like every stage: an answer is a unit, done once it has a chain.
"""

from __future__ import annotations

from collections.abc import Sequence

from datagen.generate import GenerationSettings, Job, StageReport, run_stage
from datagen.llm import ChatClient
from datagen.store import Store

STAGE = "reasoning"


def synthesize_reasoning(store: Store, project_id: int, llm: ChatClient, settings: GenerationSettings, *,
                         question_ids: Sequence[int] | None = None, progress=None, cancel=None) -> StageReport:
    """Write a reasoning chain for every answered item without one (optionally only ``question_ids``)."""
    answered = list(store.iter_items(project_id, status="answered"))
    items = [i for i in answered if not (i["reasoning"] or "").strip()]
    if question_ids is not None:
        wanted = set(question_ids)
        items = [i for i in items if i["id"] in wanted]
    job = Job(store, project_id, llm, settings, stage=STAGE, progress=progress, cancel=cancel)

    async def worker(item: dict) -> None:
        fields = {"question": item["question"], "answer": item["answer"]}
        prompt = "reasoning" if item["context"] else "reasoning_free"
        if item["context"]:
            fields["context"] = item["context"]
        got = await job.ask(prompt, fields, key=f"question:{item['id']}")
        if got is None:
            return
        store.update_answer(item["id"], reasoning=got[0], reasoning_source="generated")
        job.report.created += 1

    return run_stage(job, items, worker, skipped=len(answered) - len(items))
