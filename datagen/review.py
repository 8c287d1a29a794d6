"""Bulk actions on review items (the rows a user selected): confirm, delete, or answer again.

Every id must belong to the project the caller works in; one that does not is refused before anything changes.
"""

from __future__ import annotations

from collections.abc import Sequence

from datagen.answers import generate_answers
from datagen.errors import StoreError
from datagen.generate import GenerationSettings, StageReport
from datagen.llm import ChatClient
from datagen.store import Store


def _own_items(store: Store, project_id: int, question_ids: Sequence[int]) -> list[dict]:
    """The items of ``question_ids`` (deduplicated, in order); an id of another project or none is refused."""
    items = []
    for qid in dict.fromkeys(int(i) for i in question_ids):
        item = store.get_item(qid)
        if item["project_id"] != project_id:
            raise StoreError(f"question {qid} is not in this project")
        items.append(item)
    return items


def confirm_items(store: Store, project_id: int, question_ids: Sequence[int], confirmed: bool = True) -> dict:
    """Confirm (or un-confirm) many items at once; questions without an answer are left as they are.
    Returns ``{"changed": n, "unanswered": [ids]}``."""
    items = _own_items(store, project_id, question_ids)
    answered = [i["id"] for i in items if i["answer_id"] is not None]
    with store.transaction():
        for qid in answered:
            store.update_answer(qid, confirmed=int(bool(confirmed)))
    return {"changed": len(answered), "unanswered": [i["id"] for i in items if i["answer_id"] is None]}


def delete_items(store: Store, project_id: int, question_ids: Sequence[int]) -> int:
    """Delete many items (question and answer) at once; returns how many were deleted."""
    items = _own_items(store, project_id, question_ids)
    with store.transaction():
        for item in items:
            store.delete_question(item["id"])
    return len(items)


def regenerate_answers(store: Store, project_id: int, llm: ChatClient, settings: GenerationSettings,
                       question_ids: Sequence[int], *, progress=None, cancel=None) -> StageReport:
    """Answer ``question_ids`` again: their answers (with ratings and confirmation) are replaced by new ones.
    An answer whose new generation fails is gone (the failure is recorded); the question stays."""
    items = _own_items(store, project_id, question_ids)
    with store.transaction():
        for item in items:
            store.delete_answer(item["id"])
    return generate_answers(store, project_id, llm, settings, question_ids=[i["id"] for i in items],
                            progress=progress, cancel=cancel)
