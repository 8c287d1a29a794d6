"""Image-grounded question answering through a vision-capable OpenAI-compatible endpoint: generate, review, export.

Two resumable stages over a project's images (:mod:`datagen.images`):

- ``image_questions``: one call per image not yet done (the image sent as a ``data:`` URL content part with
  the ``image_questions`` prompt) returns a JSON list of questions; they are stored in ``image_qa`` (key
  ``image:<id>:<n>``) together with the image's unit mark in one transaction, so a killed run never asks twice
  and never stores half a list.
- ``image_answers``: one call per stored question without an answer (the image again, ``image_answer``
  prompt); the answer and any reasoning the model returned are written as soon as they arrive.

The built-in SmolLM2 model cannot see images: :func:`generate_image_qa` refuses it with
:data:`NEEDS_VISION` before doing anything. Reviewed pairs (edit, rate, confirm, delete) are exported in
LLaMA-Factory's multimodal ShareGPT shape (``messages`` with an ``<image>`` placeholder in the user turn and an
``images`` list of paths relative to the dataset folder), the image files copied next to the JSON file, with
the ``dataset_info.json`` entry that LLaMA-Factory reads (``"images": "images"`` column).
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

from datagen import images as media
from datagen.errors import DatagenError, StoreError
from datagen.formats import write_dataset_info
from datagen.generate import GenerationSettings, Job, StageReport, run_stage
from datagen.guides import string_list_guide
from datagen.llm import ChatClient, LocalChatClient
from datagen.parsing import STRING_LIST_SCHEMA, unwrap
from datagen.store import Store
from datagen.store_items import timestamp

logger = logging.getLogger(__name__)

NEEDS_VISION = "image QA needs a vision-capable endpoint (set a base URL)"
IMAGE_TOKEN = "<image>"
DEFAULT_QUESTIONS_PER_IMAGE = 3


class VisionRequiredError(DatagenError):
    """Image QA was asked of a model that cannot see images (the built-in one)."""


def require_vision(llm: ChatClient) -> None:
    """Refuse the built-in text-only model with :data:`NEEDS_VISION`."""
    if isinstance(llm, LocalChatClient):
        raise VisionRequiredError(NEEDS_VISION)


def _store_questions(store: Store, project_id: int, image_id: int, questions: list[str], task_id) -> int:
    """Insert an image's questions and mark the image done, in one transaction; returns rows added."""
    now = timestamp()
    with store.transaction() as conn:
        added = 0
        for n, question in enumerate(questions):
            added += conn.execute(
                "INSERT OR IGNORE INTO image_qa (project_id, image_id, key, question, created, updated)"
                " VALUES (?, ?, ?, ?, ?, ?)", (project_id, image_id, f"image:{image_id}:{n}", question, now,
                                               now)).rowcount
        store.mark_unit(project_id, "image_questions", f"image:{image_id}", task_id=task_id)
    return added


def generate_image_questions(store: Store, project_id: int, llm: ChatClient, settings: GenerationSettings, *,
                             per_image: int = DEFAULT_QUESTIONS_PER_IMAGE, progress=None,
                             cancel=None) -> StageReport:
    """Questions for every image of the project that has none yet."""
    require_vision(llm)
    if not 1 <= per_image <= 20:
        raise ValueError(f"questions per image must be between 1 and 20, got {per_image}")
    done = store.done_units(project_id, "image_questions")
    todo = [i for i in media.list_images(store, project_id) if f"image:{i['id']}" not in done]
    job = Job(store, project_id, llm, settings, stage="image_questions", progress=progress, cancel=cancel)

    async def worker(image: dict) -> None:
        got = await job.ask("image_questions", {"count": per_image, "filename": image["name"]},
                            key=f"image:{image['id']}", schema=STRING_LIST_SCHEMA,
                            guide=string_list_guide(per_image, settings.lang), images=[media.data_url(store, image)])
        if got is None:
            return
        questions = [" ".join(q.split()) for q in unwrap(got[0], "questions")][:per_image]
        job.report.created += _store_questions(store, project_id, image["id"], questions, job.task_id)

    return run_stage(job, todo, worker, skipped=len(done), params={"per_image": per_image})


def generate_image_answers(store: Store, project_id: int, llm: ChatClient, settings: GenerationSettings, *,
                           progress=None, cancel=None) -> StageReport:
    """Answers for every stored image question that has none yet."""
    require_vision(llm)
    rows = [dict(r) for r in store.query(
        "SELECT q.id, q.question, i.id AS image_id, i.stored_path, i.mime, i.width, i.height FROM image_qa q"
        " JOIN images i ON i.id = q.image_id WHERE q.project_id = ? AND q.answer IS NULL ORDER BY q.id",
        (project_id,))]
    job = Job(store, project_id, llm, settings, stage="image_answers", progress=progress, cancel=cancel)

    async def worker(row: dict) -> None:
        got = await job.ask("image_answer", {"question": row["question"]}, key=f"image_qa:{row['id']}",
                            images=[media.data_url(store, row)])
        if got is None:
            return
        answer, result = got
        with store.transaction() as conn:
            conn.execute("UPDATE image_qa SET answer = ?, reasoning = ?, model = ?, updated = ? WHERE id = ?",
                         (answer, result.reasoning, result.model or llm.model, timestamp(), row["id"]))
        job.report.created += 1

    answered = store.conn.execute("SELECT count(*) FROM image_qa WHERE project_id = ? AND answer IS NOT NULL",
                                  (project_id,)).fetchone()[0]
    return run_stage(job, rows, worker, skipped=answered)


def generate_image_qa(store: Store, project_id: int, llm: ChatClient, settings: GenerationSettings, *,
                      per_image: int = DEFAULT_QUESTIONS_PER_IMAGE, progress=None,
                      cancel=None) -> list[StageReport]:
    """Both stages in order (questions, then answers); each resumes where it stopped."""
    require_vision(llm)
    reports = [generate_image_questions(store, project_id, llm, settings, per_image=per_image,
                                        progress=progress, cancel=cancel)]
    if not (cancel is not None and cancel.is_set()):
        reports.append(generate_image_answers(store, project_id, llm, settings, progress=progress, cancel=cancel))
    return reports


# ------------------------------------------------------------------------------------------ review

def list_image_qa(store: Store, project_id: int, *, image_id: int | None = None,
                  only_confirmed: bool = False) -> list[dict]:
    """The project's image QA pairs with their image's name and path, in order."""
    sql = ("SELECT q.id, q.image_id, i.name AS image, i.stored_path, q.question, q.answer, q.reasoning, q.rating,"
           " q.confirmed, q.model FROM image_qa q JOIN images i ON i.id = q.image_id WHERE q.project_id = ?")
    params: list = [project_id]
    if image_id is not None:
        sql += " AND q.image_id = ?"
        params.append(image_id)
    if only_confirmed:
        sql += " AND q.confirmed = 1"
    return [dict(r) for r in store.query(sql + " ORDER BY q.image_id, q.id", params)]


def edit_image_qa(store: Store, qa_id: int, *, question: str | None = None, answer: str | None = None,
                  rating: int | None = None, confirmed: bool | None = None) -> None:
    """Change one pair's question, answer, rating (0-5) or confirmed flag."""
    fields: dict = {}
    for name, value in (("question", question), ("answer", answer)):
        if value is not None:
            if not value.strip():
                raise ValueError(f"image QA {qa_id}: the new {name} is empty")
            fields[name] = value.strip()
    if rating is not None:
        if not 0 <= int(rating) <= 5:
            raise ValueError(f"image QA {qa_id}: rating must be 0-5, got {rating}")
        fields["rating"] = int(rating)
    if confirmed is not None:
        fields["confirmed"] = int(bool(confirmed))
    if not fields:
        return
    sets = ", ".join(f"{k} = ?" for k in fields)
    with store.transaction() as conn:
        if conn.execute(f"UPDATE image_qa SET {sets}, updated = ? WHERE id = ?",
                        [*fields.values(), timestamp(), qa_id]).rowcount == 0:
            raise StoreError(f"no image QA pair with id {qa_id}")


def delete_image_qa(store: Store, qa_id: int) -> None:
    with store.transaction() as conn:
        if conn.execute("DELETE FROM image_qa WHERE id = ?", (qa_id,)).rowcount == 0:
            raise StoreError(f"no image QA pair with id {qa_id}")


# ------------------------------------------------------------------------------------------ export

def sharegpt_record(question: str, answer: str, image_path: str, *, system: str | None = None,
                    reasoning: str | None = None) -> dict:
    """One LLaMA-Factory multimodal ShareGPT record (``<image>`` before the question, one image)."""
    content = f"<think>\n{reasoning}\n</think>\n\n{answer}" if reasoning else answer
    messages = ([{"role": "system", "content": system}] if system else []) + [
        {"role": "user", "content": IMAGE_TOKEN + question}, {"role": "assistant", "content": content}]
    return {"messages": messages, "images": [image_path]}


def llamafactory_entry(file_name: str, *, system: bool = False) -> dict:
    """The ``dataset_info.json`` entry of a multimodal ShareGPT file (LLaMA-Factory's data/README)."""
    tags = {"role_tag": "role", "content_tag": "content", "user_tag": "user", "assistant_tag": "assistant"}
    if system:
        tags["system_tag"] = "system"
    return {"file_name": file_name, "formatting": "sharegpt",
            "columns": {"messages": "messages", "images": "images"}, "tags": tags}


def export_image_qa(store: Store, project_id: int, out_dir: str | Path, *, name: str = "image_qa",
                    only_confirmed: bool = False, system_prompt: str | None = None,
                    include_reasoning: bool = False) -> dict:
    """Write ``out_dir/<name>.json``, the images under ``out_dir/images/`` and the ``dataset_info.json`` entry
    (merged into an existing file); returns ``{path, records, images, dataset_info}``."""
    if not name or name in (".", "..") or any(sep in name for sep in ("/", "\\", "\0")):
        raise DatagenError(f"export name {name!r} must be a plain file name (no folders): it names <name>.json")
    out = Path(out_dir)
    pairs = [p for p in list_image_qa(store, project_id, only_confirmed=only_confirmed) if p["answer"]]
    if not pairs:
        what = "confirmed, answered" if only_confirmed else "answered"
        raise DatagenError(f"no {what} image QA pairs to export (generate them with `images qa` first)")
    (out / media.IMAGES_DIR).mkdir(parents=True, exist_ok=True)
    records, copied = [], set()
    for pair in pairs:
        relative = f"{media.IMAGES_DIR}/{Path(pair['stored_path']).name}"
        if relative not in copied:
            shutil.copyfile(store.root / pair["stored_path"], out / relative)
            copied.add(relative)
        records.append(sharegpt_record(pair["question"], pair["answer"], relative, system=system_prompt,
                                       reasoning=pair["reasoning"] if include_reasoning else None))
    path = out / f"{name}.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)
    info_path = write_dataset_info(out, {name: llamafactory_entry(path.name, system=bool(system_prompt))})
    return {"path": str(path), "records": len(records), "images": len(copied), "dataset_info": str(info_path)}
