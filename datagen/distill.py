"""Distillation without documents: topic → tag tree → questions per leaf tag → answers.

The topic becomes a top-level tag; the model splits it into subtopics and aspects (the tag tree), writes
``distill_questions`` questions for each leaf, deduplicated like chunk questions, and answers them from its
own knowledge. Every step is a resumable stage: re-running skips the tree when it exists, leaves whose
questions are stored, and answered questions. A tree the model cannot produce is a recorded failure, not a
guessed tree.
"""

from __future__ import annotations

import logging

from datagen.answers import generate_answers
from datagen.generate import GenerationSettings, Job, StageReport, run_stage
from datagen.llm import ChatClient
from datagen.parsing import STRING_LIST_SCHEMA, TAG_TREE_SCHEMA, unwrap
from datagen.questions import Deduper, Embedder, default_embedder, store_questions
from datagen.store import Store
from datagen.tags import apply_tree, clean_tree

logger = logging.getLogger(__name__)


def _root(store: Store, project_id: int, topic: str) -> dict | None:
    return next((t for t in store.list_tags(project_id) if t["parent_id"] is None and t["name"] == topic), None)


def _leaves(store: Store, project_id: int, root_id: int) -> list[dict]:
    tags = store.list_tags(project_id)
    subtree = set(store.subtree_ids(root_id)) - {root_id}
    parents = {t["parent_id"] for t in tags}
    return [t for t in tags if t["id"] in subtree and t["id"] not in parents]


def distill_tree(store: Store, project_id: int, llm: ChatClient, topic: str, settings: GenerationSettings, *,
                 progress=None, cancel=None) -> StageReport:
    """The topic's subtopic/aspect tree (skipped when the topic already has one)."""
    job = Job(store, project_id, llm, settings, stage="distill_tags", progress=progress, cancel=cancel)
    root = _root(store, project_id, topic)
    if root and _leaves(store, project_id, root["id"]):
        job.report.skipped = 1
        return job.report

    async def worker(_unit) -> None:
        got = await job.ask("distill_tags", {"topic": topic, "count": settings.distill_subtopics,
                                             "sub_count": settings.distill_aspects},
                            key=f"topic:{topic}", schema=TAG_TREE_SCHEMA)
        if got is None:
            return
        tree = clean_tree(got[0], settings.distill_subtopics)
        root_id = store.add_tag(project_id, topic)
        job.report.created += apply_tree(store, project_id, tree, replace=False, root_id=root_id)

    return run_stage(job, ["tree"], worker, params={"topic": topic})


def distill_questions(store: Store, project_id: int, llm: ChatClient, topic: str, settings: GenerationSettings,
                      *, embed: Embedder | None = None, progress=None, cancel=None) -> StageReport:
    """``settings.distill_questions`` questions for every leaf of the topic's tree not done yet."""
    job = Job(store, project_id, llm, settings, stage="distill_questions", progress=progress, cancel=cancel)
    root = _root(store, project_id, topic)
    if root is None:
        job.report.message = f"topic {topic!r} has no tag tree yet"
        return job.report
    done = store.done_units(project_id, "distill_questions")
    leaves = [t for t in _leaves(store, project_id, root["id"]) if f"tag:{t['id']}" not in done]
    if embed is None and settings.dedup_threshold < 1.0 and leaves:
        embed = default_embedder()
    deduper = Deduper(store, project_id, settings.dedup_threshold, embed)

    async def worker(tag: dict) -> None:
        key = f"tag:{tag['id']}"
        got = await job.ask("distill_questions", {"topic": topic, "path": tag["path"],
                                                  "count": settings.distill_questions}, key=key,
                            schema=STRING_LIST_SCHEMA)
        if got is None:
            return
        texts = list(dict.fromkeys(" ".join(q.split()) for q in unwrap(got[0], "questions")))[: settings.distill_questions]
        rows = [{"key": f"distill:{tag['id']}:{i}", "text": text, "tag_id": tag["id"], "source": "distill"}
                for i, text in enumerate(texts)]
        await store_questions(job, deduper, rows, ("distill_questions", key))

    return run_stage(job, leaves, worker, skipped=len(done), params={"topic": topic})


def distill(store: Store, project_id: int, llm: ChatClient, topic: str, settings: GenerationSettings, *,
            embed: Embedder | None = None, progress=None, cancel=None) -> list[StageReport]:
    """Run the three distillation stages for ``topic``; stops early when a stage yields nothing to go on."""
    topic = " ".join(topic.split())
    if not topic:
        raise ValueError("distillation needs a non-empty topic")
    reports = [distill_tree(store, project_id, llm, topic, settings, progress=progress, cancel=cancel)]
    if _root(store, project_id, topic) is None or (cancel and cancel.is_set()):
        return reports
    reports.append(distill_questions(store, project_id, llm, topic, settings, embed=embed, progress=progress,
                                     cancel=cancel))
    if not (cancel and cancel.is_set()):
        reports.append(generate_answers(store, project_id, llm, settings, source="distill", progress=progress,
                                        cancel=cancel))
    return reports
