"""Quality scores: grounding (ROUGE-L and BLEU of the answer against its chunk) and an optional LLM judge.

Grounding is computed for every grounded answer (at generation time, and here for imported or edited ones).
The judge grades each answer 0–5 against its chunk with a strict JSON reply (``{"score", "reason"}``);
unusable replies are recorded as failures, never guessed. ``judge_threshold`` is applied when listing or
exporting (``min_score``), so low-scored items are filtered, not deleted.
"""

from __future__ import annotations

import logging

from datagen import quality
from datagen.generate import GenerationSettings, Job, StageReport, run_stage
from datagen.llm import ChatClient
from datagen.parsing import JUDGE_SCHEMA
from datagen.store import Store

logger = logging.getLogger(__name__)


def fill_grounding(store: Store, project_id: int, *, recompute: bool = False) -> int:
    """Compute grounding scores for answers with a context that lack them (all with ``recompute``)."""
    n = 0
    for item in store.iter_items(project_id, status="answered"):
        if item["context"] and item["answer"] and (recompute or item["grounding"] is None):
            scores = quality.answer_quality(item["question"], item["answer"], item["context"])
            store.update_answer(item["id"], **{**scores, "unanswerable": int(scores["unanswerable"])})
            n += 1
    return n


def judge_answers(store: Store, project_id: int, llm: ChatClient, settings: GenerationSettings, *,
                  rejudge: bool = False, progress=None, cancel=None) -> StageReport:
    """LLM-judge score (0–5) for every grounded answer without one (all of them with ``rejudge``)."""
    items = list(store.iter_items(project_id, status="answered"))
    todo = [i for i in items if i["context"] and (rejudge or i["judge_score"] is None)]
    job = Job(store, project_id, llm, settings, stage="judge", progress=progress, cancel=cancel)

    async def worker(item: dict) -> None:
        got = await job.ask("judge", {"context": item["context"], "question": item["question"],
                                      "answer": item["answer"]}, key=f"question:{item['id']}",
                            schema=JUDGE_SCHEMA, temperature=0.0)
        if got is None:
            return
        verdict = got[0]
        store.update_answer(item["id"], judge_score=float(verdict["score"]),
                            judge_reason=(verdict.get("reason") or "").strip() or None)
        job.report.created += 1

    report = run_stage(job, todo, worker, skipped=len(items) - len(todo),
                       params={"threshold": settings.judge_threshold})
    scores = [i["score"] for i in store.iter_items(project_id, status="answered")]
    below = sum(1 for s in scores if s is not None and s < settings.judge_threshold)
    unscored = sum(1 for s in scores if s is None)
    report.message = (f"{below} answers score below {settings.judge_threshold:g} (filtered out by min_score), "
                      f"{unscored} have no score")
    return report
