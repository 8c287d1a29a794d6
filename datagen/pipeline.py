"""The whole studio pipeline: documents in, then split → tags → questions → answers → DPO → triples → scores.

:func:`add_path` / :func:`add_bytes` ingest documents into a project (the original file is copied into the
workspace's ``files/`` folder, its text and outline are stored; the same content twice is one file).
:func:`split_files` cuts unsplit files into chunks. :func:`run_pipeline` runs every selected stage in order,
each resumable, and returns a :class:`PipelineSummary` (counts, failures, tokens, time, and the built-in
model's quality notice when it was used). An endpoint failure stops the run with the error in the summary;
everything committed before it stays. :func:`plan_pipeline` (``--dry-run``) reads and splits the input in
memory and estimates the work without touching a workspace or calling any model.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from datagen import code_split, ingest
from datagen.answers import generate_answers, generate_rejected
from datagen.errors import IngestError, LLMError
from datagen.generate import GenerationSettings, StageReport
from datagen.llm import ChatClient
from datagen.questions import Embedder, generate_questions
from datagen.scoring import fill_grounding, judge_answers
from datagen.store import FILES_DIR, Store
from datagen.tags import build_tags
from datagen.triples import extract_triples

logger = logging.getLogger(__name__)

STAGES = ("split", "tags", "questions", "answers", "dpo", "triples", "score", "judge")
DEFAULT_STAGES = ("split", "tags", "questions", "answers", "dpo", "triples", "score")
StageProgress = Callable[[str, int, int, str], None]  # (stage, done, total, message)


@dataclass
class SplitSettings:
    """How documents are cut into chunks: a :func:`datagen.split.split_text` method and its options."""

    method: str = "markdown"
    options: dict = field(default_factory=dict)


@dataclass
class PipelineSummary:
    """Outcome of a pipeline run."""

    reports: list[StageReport] = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    ingested: int = 0
    ingest_errors: list[str] = field(default_factory=list)
    chunks_created: int = 0
    seconds: float = 0.0
    model: str = ""
    notice: str | None = None
    error: str | None = None
    cancelled: bool = False

    @property
    def failures(self) -> int:
        return sum(r.failed for r in self.reports) + len(self.ingest_errors)

    @property
    def tokens(self) -> dict:
        return {"calls": sum(r.calls for r in self.reports),
                "prompt_tokens": sum(r.prompt_tokens for r in self.reports),
                "completion_tokens": sum(r.completion_tokens for r in self.reports)}

    def as_dict(self) -> dict:
        out = asdict(self)
        out.update(failures=self.failures, tokens=self.tokens)
        return out

    def text(self) -> str:
        """A human summary: one line per stage, then totals, failures, tokens, time and notices."""
        lines = []
        for report in self.reports:
            lines.append(report.line())
            if report.message and report.status != "failed":  # a failure's message is the "stopped:" line
                lines.append(f"  {report.message}")
        c = self.counts
        if c:
            lines.append(f"project: {c['files']} files, {c['chunks']} chunks, {c['tags']} tags, {c['questions']} "
                         f"questions ({c['duplicates']} duplicates removed), {c['answers']} answers, "
                         f"{c['dpo_pairs']} DPO pairs, {c['triples']} triples, {c['failures']} failures recorded")
        t = self.tokens
        lines.append(f"this run: {self.failures} failures, {t['calls']} LLM calls, {t['prompt_tokens']} prompt + "
                     f"{t['completion_tokens']} completion tokens, {self.seconds:.1f} s, model {self.model or '-'}")
        lines += [f"ingest failed: {e}" for e in self.ingest_errors]
        if self.failures:
            lines.append("failed units are stored with the model's raw reply (`python -m datagen failures`); "
                         "re-running the same command retries them")
        if self.cancelled:
            lines.append("cancelled: re-run the same command to resume")
        if self.error:
            lines.append(f"stopped: {self.error}")
        if self.notice:
            lines.append(f"note: {self.notice}")
        return "\n".join(lines)


# ------------------------------------------------------------------------------------------- ingest

def _safe_name(name: str) -> str:
    return re.sub(r"[^\w.\-]+", "_", name)[:120] or "file"


def add_bytes(store: Store, project_id: int, data: bytes, filename: str) -> dict:
    """Ingest an uploaded file; returns ``{id, name, created, chars}`` (created False for known content)."""
    document = ingest.load_bytes(data, filename)
    sha = hashlib.sha256(data).hexdigest()
    stored = f"{sha[:16]}-{_safe_name(document.name)}"
    store.write_blob(f"{FILES_DIR}/{stored}", data, label=f"{store.files_dir / stored} (copy of {filename})")
    file_id, created = store.add_file(project_id, name=document.name, stored_path=f"files/{stored}",
                                      kind=document.kind, sha256=sha, size=len(data), text=document.text,
                                      outline=document.outline, meta=document.meta)
    return {"id": file_id, "name": document.name, "created": created, "chars": len(document.text)}


def add_path(store: Store, project_id: int, path: str | Path) -> dict:
    """Ingest one file from disk (size checked before reading; pipes and devices refused)."""
    path = Path(path)
    if not path.exists():
        raise IngestError(f"{path}: no such file")
    ingest.kind_for(path.name)
    return add_bytes(store, project_id, ingest.read_file_bytes(path), path.name)


def document_paths(folder: str | Path) -> list[Path]:
    """Supported documents under ``folder`` (recursively, sorted; hidden files skipped)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise IngestError(f"{folder}: not a folder")
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")
                  and p.suffix.lower() in ingest.SUPPORTED_EXTENSIONS)


def check_inside(path: Path, folder: Path) -> None:
    """Refuse a file found in ``folder`` that is (or sits behind) a symbolic link leading outside it."""
    target, root = path.resolve(), folder.resolve()
    if not target.is_relative_to(root):
        raise IngestError(f"{path}: a symbolic link to {target}, outside the input folder {folder}; refused "
                          "(copy the file into the folder to use it)")


def input_files(given: str | Path) -> list[tuple[Path, Path | None]]:
    """(file, the folder it was found in, or None for a file given directly) for a file or folder argument."""
    given = Path(given)
    if given.is_dir():
        return [(path, given) for path in document_paths(given)]
    return [(given, None)]


def add_paths(store: Store, project_id: int, paths: Sequence[str | Path]) -> tuple[list[dict], list[str]]:
    """Ingest files and folders; returns (added files, one-line errors). A bad file does not stop the rest.

    A failure is recorded once per file (a re-run updates it) and resolved when the file is later read."""
    added, errors = [], []
    for given in paths:
        for path, folder in input_files(given):
            try:
                if folder is not None:
                    check_inside(path, folder)
                added.append(add_path(store, project_id, path))
            except IngestError as exc:
                errors.append(str(exc))
                store.record_failure(project_id, "ingest", str(path), str(exc))
            else:
                store.resolve_failures(project_id, "ingest", str(path))
    return added, errors


def split_files(store: Store, project_id: int, settings: SplitSettings | None = None, *,
                file_ids: Sequence[int] | None = None, only_unsplit: bool = True, force: bool = False) -> int:
    """Split files into chunks (by default only files without chunks); returns chunks written."""
    settings = settings or SplitSettings()
    total = 0
    for info in store.list_files(project_id):
        if (file_ids is not None and info["id"] not in file_ids) or (only_unsplit and info["chunks"]):
            continue
        row = store.get_file(info["id"])
        chunks = code_split.split_document(row["text"], row["kind"], row["meta"], settings.method, settings.options)
        rows = [{"text": c.text, "heading_path": c.heading_path, "start": c.start, "end": c.end}
                for c in chunks if c.text.strip()]
        total += store.replace_chunks(project_id, info["id"], rows, force=force)
    return total


# ----------------------------------------------------------------------------------------- pipeline

def run_pipeline(store: Store, project_id: int, llm: ChatClient, settings: GenerationSettings, *,
                 stages: Sequence[str] = DEFAULT_STAGES, split_settings: SplitSettings | None = None,
                 embed: Embedder | None = None, progress: StageProgress | None = None,
                 cancel: threading.Event | None = None) -> PipelineSummary:
    """Run ``stages`` in pipeline order over the project's files; resumable at every stage.

    Holds the project's work lock throughout (:meth:`Store.work_lock`): a second run on the same project is
    refused with a message naming the first, so no chunk is split twice and no LLM work is done twice."""
    unknown = sorted(set(stages) - set(STAGES))
    if unknown:
        raise ValueError(f"unknown stage(s) {unknown}; choose from {', '.join(STAGES)}")
    with store.work_lock(project_id, "a pipeline run"):
        return _run_pipeline(store, project_id, llm, settings, stages=stages, split_settings=split_settings,
                             embed=embed, progress=progress, cancel=cancel)


def _run_pipeline(store: Store, project_id: int, llm: ChatClient, settings: GenerationSettings, *,
                  stages: Sequence[str], split_settings: SplitSettings | None, embed: Embedder | None,
                  progress: StageProgress | None, cancel: threading.Event | None) -> PipelineSummary:
    cancel = cancel or threading.Event()
    summary = PipelineSummary(model=llm.describe(), notice=llm.notice)
    start = time.perf_counter()

    def step(stage: str):
        return (lambda done, total, message: progress(stage, done, total, message)) if progress else None

    runners = {
        "tags": lambda: build_tags(store, project_id, llm, settings, progress=step("tags"), cancel=cancel),
        "questions": lambda: generate_questions(store, project_id, llm, settings, embed=embed,
                                                progress=step("questions"), cancel=cancel),
        "answers": lambda: generate_answers(store, project_id, llm, settings, progress=step("answers"),
                                            cancel=cancel),
        "dpo": lambda: generate_rejected(store, project_id, llm, settings, progress=step("dpo"), cancel=cancel),
        "triples": lambda: extract_triples(store, project_id, llm, settings, progress=step("triples"),
                                           cancel=cancel),
        "judge": lambda: judge_answers(store, project_id, llm, settings, progress=step("judge"), cancel=cancel),
    }
    try:
        for stage in STAGES:
            if stage not in stages:
                continue
            if cancel.is_set():
                summary.cancelled = True
                break
            if stage == "split":
                summary.chunks_created = split_files(store, project_id, split_settings)
            elif stage == "score":
                n = fill_grounding(store, project_id)
                summary.reports.append(StageReport(stage="score", total=n, done=n, created=n))
            else:
                report = runners[stage]()
                summary.reports.append(report)
                summary.cancelled = summary.cancelled or report.status == "cancelled"
    except LLMError as exc:
        if getattr(exc, "report", None) is not None:
            summary.reports.append(exc.report)
        summary.error = str(exc)
        logger.error("pipeline stopped: %s", exc)
    summary.counts = store.counts(project_id)
    summary.model = llm.describe()  # the endpoint's model is known once the first call resolved it
    summary.seconds = time.perf_counter() - start
    return summary


def plan_pipeline(paths: Sequence[str | Path], settings: GenerationSettings, *,
                  split_settings: SplitSettings | None = None, stages: Sequence[str] = DEFAULT_STAGES,
                  model: str = "", notice: str | None = None) -> dict:
    """What ``run`` would do with ``paths``: files, chunks, estimated questions and LLM calls per stage.

    Reads and splits in memory only; no workspace is written and no model is called."""
    split_settings = split_settings or SplitSettings()
    files, errors, chunk_sizes = [], [], []
    for given in paths:
        for path, folder in input_files(given):
            try:
                if folder is not None:
                    check_inside(path, folder)
                document = ingest.load_document(path)
            except IngestError as exc:
                errors.append(str(exc))
                continue
            chunks = code_split.split_document(document.text, document.kind, document.meta, split_settings.method,
                                               split_settings.options)
            sizes = [len(c.text) for c in chunks if c.text.strip()]
            files.append({"file": str(path), "kind": document.kind, "chars": len(document.text),
                          "chunks": len(sizes)})
            chunk_sizes += sizes
    questions = sum(settings.questions_for(n) for n in chunk_sizes)
    per_answer = 1 + (1 if settings.reasoning else 0) + 2 * (settings.turns - 1)
    calls = {"tags": 1 if files else 0, "questions": len(chunk_sizes), "answers": questions * per_answer,
             "dpo": questions, "triples": len(chunk_sizes), "judge": questions}
    calls = {stage: n for stage, n in calls.items() if stage in stages}
    return {"files": files, "errors": errors, "chunks": len(chunk_sizes), "estimated_questions": questions,
            "estimated_calls": calls, "max_calls_with_retries": sum(calls.values()) * (settings.parse_retries + 1),
            "stages": [s for s in STAGES if s in stages], "model": model, "notice": notice,
            "split": asdict(split_settings), "settings": asdict(settings)}
