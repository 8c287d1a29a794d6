"""Service functions of the dataset studio: what the Gradio UI and the CLI call (no UI code here).

Every function takes an open :class:`~datagen.store.Store` (from :func:`open_workspace`) and a project id
(from :func:`project`), plus plain values; long stages take ``progress(done, total, message)`` and a
``threading.Event`` to cancel. Errors are :mod:`datagen.errors` classes (or ``ValueError`` for bad options),
turned into messages at the edge. Generation defaults live in
:class:`~datagen.generate.GenerationSettings`, model access in :class:`~datagen.llm.LLMSettings`.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator, Sequence
from pathlib import Path

from datagen import balance, format_registry, formats, ga_pairs, hub
from datagen import llm as llm_module
from datagen import mapping as mapping_module
from datagen.answers import generate_answers, generate_rejected
from datagen.distill import distill
from datagen.errors import DatagenError, FormatError, StoreError
from datagen.generate import GenerationSettings, StageReport, run_sync
from datagen.llm import ChatClient, LLMSettings
from datagen.pipeline import (
    DEFAULT_STAGES,
    PipelineSummary,
    SplitSettings,
    add_bytes,
    add_paths,
    plan_pipeline,
    run_pipeline,
    split_files,
)
from datagen.questions import generate_questions
from datagen.review import confirm_items, delete_items, regenerate_answers
from datagen.scoring import fill_grounding, judge_answers
from datagen.split import Chunk, merge_chunks
from datagen.store import ITEM_STATUSES, ItemQuality, Page, Store
from datagen.tags import build_tags
from datagen.triples import export_kb, extract_triples

logger = logging.getLogger(__name__)

DEFAULT_PROJECT = "default"
CANONICAL_KEYS = tuple(formats.QA_DEFAULTS)

__all__ = [
    "DEFAULT_PROJECT", "GenerationSettings", "LLMSettings", "SplitSettings", "PipelineSummary", "StageReport",
    "open_workspace", "project", "project_name", "list_projects", "counts", "get_file", "delete_file",
    "get_chunk", "list_tags", "get_item", "iter_items", "list_triples", "ITEM_STATUSES", "make_llm", "check_llm", "add_files", "add_upload", "list_files",
    "split", "list_chunks", "edit_chunk", "delete_chunk", "merge", "tag_tree", "add_tag", "rename_tag", "move_tag",
    "delete_tag", "build_tags", "failures", "generate_questions", "generate_answers", "generate_rejected",
    "extract_triples", "distill",
    "score", "run", "plan", "list_items", "edit_item", "rate_item", "confirm_item", "delete_item", "stats",
    "confirm_items", "delete_items", "regenerate_answers",
    "export", "export_kb", "import_file", "convert", "push", "pull",
]  # fmt: skip


# ------------------------------------------------------------------------------ workspace and model

def open_workspace(path: str | Path, *, create: bool = False) -> Store:
    """Open the workspace folder ``path`` (``create=True`` makes it, with a default project)."""
    store = Store.open(path, create=create)
    if create and not store.list_projects():
        store.create_project(DEFAULT_PROJECT)
    return store


def project(store: Store, name: str | None = None, *, create: bool = False) -> int:
    """The id of project ``name`` (default: the only project, else ``default``); ``create`` makes it."""
    if name is None:
        projects = store.list_projects()
        name = projects[0]["name"] if len(projects) == 1 else DEFAULT_PROJECT
    return store.create_project(name) if create else store.project_id(name)


def project_name(store: Store, project_id: int) -> str:
    return next(p["name"] for p in store.list_projects() if p["id"] == project_id)


def make_llm(settings: LLMSettings) -> ChatClient:
    """The chat client for ``settings`` (endpoint, or the built-in model when there is no base_url)."""
    return llm_module.make_client(settings)


def check_llm(settings: LLMSettings) -> dict:
    """Try the model with one tiny request: ``{ok, model, seconds, reply|error, notice}``."""
    client = make_llm(settings)

    async def go() -> dict:
        try:
            return await llm_module.test_connection(client)
        finally:
            await client.aclose()

    return run_sync(go)


# ---------------------------------------------------------------------------------- documents, chunks

def add_files(store: Store, project_id: int, paths: Sequence[str | Path]) -> dict:
    """Ingest files and folders: ``{added: [{id, name, created, chars}], errors: [one line per bad file]}``."""
    added, errors = add_paths(store, project_id, paths)
    return {"added": added, "errors": errors}


def add_upload(store: Store, project_id: int, data: bytes, filename: str) -> dict:
    """Ingest one uploaded file's bytes."""
    return add_bytes(store, project_id, data, filename)


def split(store: Store, project_id: int, method: str = "markdown", options: dict | None = None, *,
          file_ids: Sequence[int] | None = None, force: bool = False, only_unsplit: bool = False) -> int:
    """(Re-)split files into chunks; returns chunks written. Refuses to drop generated questions unless forced."""
    return split_files(store, project_id, SplitSettings(method, dict(options or {})), file_ids=file_ids,
                       only_unsplit=only_unsplit, force=force)


def list_projects(store: Store) -> list[dict]:
    return store.list_projects()


def counts(store: Store, project_id: int) -> dict:
    """Row counts of a project (files, chunks, tags, questions, answers, confirmed, triples, failures …)."""
    return store.counts(project_id)


def list_files(store: Store, project_id: int) -> list[dict]:
    return store.list_files(project_id)


def get_file(store: Store, file_id: int) -> dict:
    return store.get_file(file_id)


def delete_file(store: Store, file_id: int) -> None:
    store.delete_file(file_id)


def get_chunk(store: Store, chunk_id: int) -> dict:
    return store.get_chunk(chunk_id)


def list_chunks(store: Store, project_id: int, *, file_id: int | None = None, limit: int | None = None,
                offset: int = 0) -> list[dict]:
    return store.list_chunks(project_id, file_id=file_id, limit=limit, offset=offset)


def edit_chunk(store: Store, chunk_id: int, text: str) -> None:
    store.edit_chunk(chunk_id, text)


def delete_chunk(store: Store, chunk_id: int) -> int:
    """Delete a chunk; returns how many questions (with their answers) were deleted with it."""
    return store.delete_chunk(chunk_id)


def merge(store: Store, chunk_ids: Sequence[int]) -> int:
    """Merge chunks into one (overlaps removed, common heading path kept); returns the new chunk id."""
    rows = [store.get_chunk(i) for i in chunk_ids]
    merged = merge_chunks([Chunk(text=r["text"], heading_path=r["heading_path"], start=r["start"] or 0,
                                 end=r["end"] or 0) for r in rows])
    return store.merge_chunks(chunk_ids, merged.text, merged.heading_path)


# -------------------------------------------------------------------------------------------- tags

def tag_tree(store: Store, project_id: int) -> list[dict]:
    """Nested ``[{id, name, path, questions, children}]``."""
    return store.tag_tree(project_id)


def list_tags(store: Store, project_id: int) -> list[dict]:
    """The tags in tree order, each with its ``path``, ``depth`` and question count."""
    return store.list_tags(project_id)


def add_tag(store: Store, project_id: int, name: str, parent: int | str | None = None) -> int:
    return store.add_tag(project_id, name, _tag_id(store, project_id, parent))


def rename_tag(store: Store, tag_id: int, name: str) -> None:
    store.rename_tag(tag_id, name)


def move_tag(store: Store, project_id: int, tag_id: int, parent: int | str | None) -> None:
    store.move_tag(tag_id, _tag_id(store, project_id, parent))


def delete_tag(store: Store, tag_id: int) -> None:
    store.delete_tag(tag_id)


# -------------------------------------------------------------------------------------- generation

def score(store: Store, project_id: int, llm: ChatClient | None = None,
          settings: GenerationSettings | None = None, *, judge: bool = False, rejudge: bool = False,
          progress=None, cancel=None) -> dict:
    """Grounding scores for every grounded answer lacking them; with ``judge`` also LLM-judge scores."""
    out: dict = {"grounding": fill_grounding(store, project_id)}
    if judge:
        if llm is None:
            raise ValueError("judging needs a model")
        out["judge"] = judge_answers(store, project_id, llm, settings or GenerationSettings(), rejudge=rejudge,
                                     progress=progress, cancel=cancel)
    return out


def run(store: Store, project_id: int, llm: ChatClient, settings: GenerationSettings | None = None, *,
        stages: Sequence[str] = DEFAULT_STAGES, split_settings: SplitSettings | None = None, embed=None,
        progress=None, cancel=None) -> PipelineSummary:
    """Every selected stage in order over the project's documents (resumable)."""
    return run_pipeline(store, project_id, llm, settings or GenerationSettings(), stages=stages,
                        split_settings=split_settings, embed=embed, progress=progress, cancel=cancel)


def plan(paths: Sequence[str | Path], settings: GenerationSettings | None = None, *,
         split_settings: SplitSettings | None = None, stages: Sequence[str] = DEFAULT_STAGES,
         llm_settings: LLMSettings | None = None) -> dict:
    """The dry-run plan for ``paths`` (no workspace written, no model called)."""
    llm_settings = llm_settings or LLMSettings()
    model = (f"{llm_settings.model or '(first listed)'} at {llm_settings.base_url}" if llm_settings.base_url
             else llm_module.LOCAL_MODEL_NAME)
    notice = None if llm_settings.base_url else llm_module.LOCAL_MODEL_NOTICE
    return plan_pipeline(paths, settings or GenerationSettings(), split_settings=split_settings, stages=stages,
                         model=model, notice=notice)


# ------------------------------------------------------------------------------------------ review

def _tag_id(store: Store, project_id: int, tag: int | str | None) -> int | None:
    if tag is None or isinstance(tag, int):
        return tag
    for t in store.list_tags(project_id):
        if tag in (t["name"], t["path"]):
            return t["id"]
    raise StoreError(f"no tag named {tag!r} in this project")


def quality_filter(min_grounding: float | None = None, answerable_only: bool = False) -> ItemQuality | None:
    """The review/export filter on grounding (0-1, ROUGE-L precision against the chunk) and the
    not-answerable flag; None when neither is asked for."""
    if min_grounding is not None and not 0.0 <= min_grounding <= 1.0:
        raise ValueError(f"min_grounding must be in [0, 1], got {min_grounding}")
    if min_grounding is None and not answerable_only:
        return None
    return ItemQuality(min_grounding=min_grounding, answerable_only=answerable_only)


def item_flag(item: dict) -> str:
    """The review flag of an item ("not answerable", "low grounding" or "")."""
    from datagen import quality

    return quality.quality_flag(item)


def list_items(store: Store, project_id: int, *, tag: int | str | None = None, min_score: float | None = None,
               status: str = "all", page: int = 1, page_size: int = 50, min_grounding: float | None = None,
               answerable_only: bool = False) -> Page:
    """A page of review items (filters: tag name/path/id with its subtree, minimum score, status, minimum
    grounding, answerable questions only)."""
    return store.list_items(project_id, tag_id=_tag_id(store, project_id, tag), min_score=min_score,
                            status=status, page=page, page_size=page_size,
                            quality=quality_filter(min_grounding, answerable_only))


def edit_item(store: Store, question_id: int, *, question: str | None = None, answer: str | None = None,
              reasoning: str | None = None, rejected: str | None = None, system: str | None = None,
              tag: int | str | None = None) -> dict:
    """Edit an item's question, answer (grounding re-scored), reasoning, rejected answer, system or tag."""
    item = store.get_item(question_id)
    with store.transaction():
        if question is not None or tag is not None:
            store.edit_question(question_id, text=question, tag_id=_tag_id(store, item["project_id"], tag))
        fields = {k: v for k, v in {"text": answer, "reasoning": reasoning, "rejected": rejected,
                                    "system": system}.items() if v is not None}
        if fields:
            if item["answer_id"] is None:
                if answer is None:
                    raise StoreError(f"question {question_id} has no answer yet; give the answer first")
                store.add_answer(question_id, text=answer, model="human")
            if answer is not None and item["context"]:
                from datagen import quality

                scores = quality.answer_quality(question or item["question"], answer, item["context"])
                fields.update(scores, unanswerable=int(scores["unanswerable"]))
            store.update_answer(question_id, **fields)
    return store.get_item(question_id)


def rate_item(store: Store, question_id: int, rating: int | None) -> None:
    """A human rating 0–5 (None clears it); it takes precedence over the judge score in filters."""
    if rating is not None and (not isinstance(rating, int) or not 0 <= rating <= 5):
        raise ValueError(f"rating must be an integer from 0 to 5, got {rating!r}")
    store.update_answer(question_id, rating=rating)


def confirm_item(store: Store, question_id: int, confirmed: bool = True) -> None:
    store.update_answer(question_id, confirmed=int(bool(confirmed)))


def get_item(store: Store, question_id: int) -> dict:
    return store.get_item(question_id)


def iter_items(store: Store, project_id: int, *, status: str = "answered") -> Iterator[dict]:
    """Every item of the project with ``status`` (see :data:`ITEM_STATUSES`), one at a time."""
    return store.iter_items(project_id, status=status)


def list_triples(store: Store, project_id: int, *, limit: int | None = None) -> list[dict]:
    return store.list_triples(project_id, limit=limit)


def delete_item(store: Store, question_id: int) -> None:
    store.delete_question(question_id)


def failures(store: Store, project_id: int, *, stage: str | None = None, limit: int = 100) -> list[dict]:
    """Recorded failures, newest first, each with the stage, unit key, error and the model's raw reply."""
    return store.list_failures(project_id, stage=stage, limit=limit)


def stats(store: Store, project_id: int) -> dict:
    """Row counts, token usage and the latest tasks of a project."""
    return {"counts": store.counts(project_id), "tokens": store.token_usage(project_id),
            "tasks": store.list_tasks(project_id, limit=10)}


# ---------------------------------------------------------------------------------- export / import

def canonical(item: dict) -> dict:
    """A stored item as the canonical QA dict shared with :mod:`datagen.formats`."""
    return {key: item.get(key, formats.QA_DEFAULTS[key]) for key in CANONICAL_KEYS}


def collect_items(store: Store, project_id: int, *, only_confirmed: bool = False, min_score: float | None = None,
                  tag: int | str | None = None, min_grounding: float | None = None,
                  answerable_only: bool = False) -> list[dict]:
    status = "confirmed" if only_confirmed else "answered"
    return [canonical(i) for i in store.iter_items(project_id, status=status, min_score=min_score,
                                                    tag_id=_tag_id(store, project_id, tag),
                                                    quality=quality_filter(min_grounding, answerable_only))]


def _split_path(out: Path, split_name: str) -> Path:
    return out.with_name(f"{out.stem}_{split_name}{out.suffix}")


def export(store: Store, project_id: int, fmt: str, out: str | Path, *, system_prompt: str | None = None,
           include_reasoning: bool = False, only_confirmed: bool = False, min_score: float | None = None,
           tag: int | str | None = None, test_ratio: float = 0.0, seed: int = 0,
           llamafactory: str | None = None, min_grounding: float | None = None,
           answerable_only: bool = False, selection: balance.Selection | None = None,
           file_id: int | None = None) -> dict:
    """Export answered items (or triples for ``kblam``) to ``out``; file type from the extension.

    ``test_ratio`` > 0 writes ``NAME_train.EXT`` and ``NAME_test.EXT``; ``llamafactory`` names the dataset in a
    ``dataset_info.json`` written next to the file(s). DPO leaves out items without a rejected answer.
    ``selection`` filters by genre-audience pair, caps items per tag/pair and stratifies the split
    (:mod:`datagen.balance`); ``pretrain`` exports the chunks (of ``file_id`` only, when given) as raw text.
    Returns ``{files: [paths], counts: {split: rows}, skipped}``."""
    out = Path(out)
    spec = format_registry.get(fmt)
    if spec.data == "triples":
        if llamafactory or test_ratio:
            raise FormatError("KBLaM triples have no train/test split or LLaMA-Factory entry")
        path = export_kb(store, project_id, out, fmt)
        return {"files": [str(path)], "counts": {"kb": store.counts(project_id)["triples"]}, "skipped": 0}
    if spec.data == "chunks":
        items = balance.chunk_records(store, project_id, file_id=file_id)
    else:
        items = balance.select(collect_items(store, project_id, only_confirmed=only_confirmed,
                                             min_score=min_score, tag=tag, min_grounding=min_grounding,
                                             answerable_only=answerable_only), selection, seed)
    skipped = sum(1 for i in items if not spec.exportable(i))
    items = [i for i in items if spec.exportable(i)]
    formats.file_type_of(out)  # a wrong file name is named before "nothing to export"
    if not items:
        raise FormatError(_nothing_to_export(fmt, skipped, only_confirmed=only_confirmed, min_score=min_score,
                                             tag=tag, min_grounding=min_grounding, answerable_only=answerable_only,
                                             **(selection.active if selection else {})))
    stratify = selection.stratify if selection else None
    splits = dict(zip(("train", "test"), balance.stratified_split(items, test_ratio, seed, stratify), strict=True)) \
        if test_ratio else {"all": items}
    options = {"system_prompt": system_prompt, "include_reasoning": include_reasoning}
    files, counts, entries = [], {}, {}
    for name, part in splits.items():
        path = out if name == "all" else _split_path(out, name)
        formats.export_items(part, path, fmt, **options)
        files.append(str(path))
        counts[name] = len(part)
        if llamafactory:
            history = any(i.get("turns") for i in part)
            entry_name = llamafactory if name in ("all", "train") else f"{llamafactory}_{name}"
            entries.update(formats.llamafactory_entry(entry_name, path.name, fmt, history=history))
    if llamafactory:
        files.append(str(formats.write_dataset_info(out.parent, entries)))
    return {"files": files, "counts": counts, "skipped": skipped}


def _nothing_to_export(fmt: str, skipped: int, **filters) -> str:
    """Why an export would be empty: the filters in force, and the items the format could not take."""
    active = ", ".join(f"{k}={v}" for k, v in filters.items() if v not in (None, False, 0))
    text = f"nothing to export as {fmt}: no answered item of this project matches"
    text += f" the filters ({active})" if active else " (answer some questions first)"
    if skipped:
        text += f"; {skipped} matching item(s) cannot be written as {fmt} (e.g. DPO needs a rejected answer)"
    return text + "; no file was written"


def _import_items(store: Store, project_id: int, items: Sequence[dict], source: str) -> dict:
    from datagen import quality

    imported = duplicates = 0
    tags = {t["path"]: t["id"] for t in store.list_tags(project_id)}
    for item in items:
        digest = hashlib.sha256(f"{item['question']}\x00{item['answer']}".encode()).hexdigest()[:24]
        tag_id = None
        if item.get("tag"):
            tag_id = tags.get(item["tag"]) or store.add_tag(project_id, item["tag"])
            tags[item["tag"]] = tag_id
        with store.transaction():
            ids = store.add_questions(project_id, [{"key": f"import:{digest}", "text": item["question"],
                                                    "context": item.get("context"), "tag_id": tag_id,
                                                    "source": source,
                                                    "ga_pair_id": ga_pairs.pair_for_item(store, project_id, item)}])
            if not ids:
                duplicates += 1
                continue
            scores = quality.grounding_scores(item["answer"], item["context"]) if item.get("context") else {}
            store.add_answer(ids[0], text=item["answer"], reasoning=item.get("reasoning"),
                             reasoning_source="imported" if item.get("reasoning") else None,
                             turns=item.get("turns"), model=source, rouge_l=scores.get("rouge_l"),
                             bleu=scores.get("bleu"))
            extra = {k: item[k] for k in ("rejected", "system") if item.get(k)}
            if item.get("confirmed"):
                extra["confirmed"] = 1
            score_value = item.get("score")
            if isinstance(score_value, int | float) and 0 <= score_value <= 5 and float(score_value).is_integer():
                extra["rating"] = int(score_value)
            if extra:
                store.update_answer(ids[0], **extra)
        imported += 1
    return {"imported": imported, "already_present": duplicates}


def import_file(store: Store, project_id: int, path: str | Path, fmt: str | None = None, *,
                mapping: dict[str, str] | None = None) -> dict:
    """Import a dataset file (format detected unless ``fmt``): QA rows become items, KBLaM rows triples.
    With ``mapping`` (``{field: column}``, see :mod:`datagen.mapping`) the columns are taken as mapped."""
    records = formats.read_records(path)
    if not records:
        return {"imported": 0, "already_present": 0, "format": fmt}
    if mapping:
        items = mapping_module.map_records(records, mapping, str(path))
        return {**_import_items(store, project_id, items, "import"), "format": "mapped"}
    detected = fmt or formats.detect_format(records)
    try:
        items = formats.from_records(records, detected)
    except FormatError as exc:
        raise FormatError(f"{path}: {exc}") from exc
    source = f"import:{Path(path).name}" if format_registry.get(detected).data == "chunks" else "import"
    return {**_import_records(store, project_id, items, detected, source), "format": detected}


def _import_records(store: Store, project_id: int, items: list[dict], fmt: str, source: str) -> dict:
    """Canonical items of format ``fmt`` into the project: triples or question/answer items."""
    if format_registry.get(fmt).data == "triples":
        new = store.add_triples(project_id, items)
        return {"imported": new, "already_present": len(items) - new}
    if format_registry.get(fmt).data == "chunks":
        return balance.import_chunks(store, project_id, items, source)
    return _import_items(store, project_id, items, source)


def convert(src: str | Path, dst: str | Path, to_fmt: str, from_fmt: str | None = None, **options) -> Path:
    """Convert a dataset file between formats and file types without a workspace."""
    return formats.convert_file(src, dst, to_fmt=to_fmt, from_fmt=from_fmt, **options)


def push(store: Store, project_id: int, repo_id: str, *, fmt: str = "alpaca", token: str | None = None,
         private: bool = False, only_confirmed: bool = False, min_score: float | None = None,
         system_prompt: str | None = None, include_reasoning: bool = False, test_ratio: float = 0.0,
         seed: int = 0, card: dict | None = None, endpoint: str | None = None, min_grounding: float | None = None,
         answerable_only: bool = False) -> str:
    """Push the project's data in ``fmt`` (train/test splits when ``test_ratio``) to a Hub dataset repo."""
    spec = format_registry.get(fmt)
    if spec.data == "chunks":
        splits = {"train": formats.to_records(balance.chunk_records(store, project_id), fmt)}
    elif spec.data == "triples":
        records = formats.to_records(store.list_triples(project_id), fmt)
        splits = {"train": records}
    else:
        items = collect_items(store, project_id, only_confirmed=only_confirmed, min_score=min_score,
                              min_grounding=min_grounding, answerable_only=answerable_only)
        items = [i for i in items if spec.exportable(i)]
        parts = formats.train_test_split(items, test_ratio, seed) if test_ratio else (items, [])
        options = {"system_prompt": system_prompt, "include_reasoning": include_reasoning}
        splits = {name: formats.to_records(part, fmt, **options) for name, part in zip(("train", "test"), parts,
                                                                                        strict=True) if part}
    if not any(splits.values()):
        raise DatagenError("nothing to push: the project has no items matching the filters")
    card = {"format": fmt, **(card or {})}
    return hub.push_dataset(splits, repo_id, token=token, private=private, card=card, endpoint=endpoint)


def pull(store: Store, project_id: int, repo_id: str, *, token: str | bool | None = None, fmt: str | None = None,
         endpoint: str | None = None, mapping: dict[str, str] | None = None) -> dict:
    """Pull a Hub dataset repo and import every split into the project: ``{split: import result}`` (columns
    taken as ``mapping`` says when given)."""
    splits = hub.pull_dataset(repo_id, token=token, endpoint=endpoint)
    out = {}
    for name, records in splits.items():
        if not records:
            out[name] = {"imported": 0, "already_present": 0}
            continue
        if mapping:
            items = mapping_module.map_records(records, mapping, f"{repo_id} ({name})")
            out[name] = _import_items(store, project_id, items, f"hub:{repo_id}")
            continue
        detected = fmt or formats.detect_format(records)
        items = formats.from_records(records, detected)
        out[name] = _import_records(store, project_id, items, detected, f"hub:{repo_id}")
    return out
