"""Export selection beyond the basic filters: genre–audience filters, caps per tag and per pair (balanced data),
a train/test split stratified by tag or pair, and raw chunks for continued pre-training.

Balancing keeps at most ``cap`` items of each group (tag, or (genre, audience) pair), chosen by a seeded
shuffle so the same seed gives the same export, and keeps the kept items in their original order. A
stratified split splits each group on its own, so every tag (or pair) with two items or more appears in both
train and test. Items without a tag (or pair) form one group of their own.

Raw chunks go out in the ``pretrain`` format: one ``{"text": chunk}`` record per chunk (LLaMA-Factory
``columns: {prompt: text}``, used for its ``pt`` stage); importing such a file back adds its texts as the
chunks of one imported document.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from datagen.errors import FormatError
from datagen.format_registry import ExportFormat, register
from datagen.store import Store

STRATA = ("tag", "pair")
NO_GROUP = "(none)"


@dataclass(frozen=True)
class Selection:
    """Which items an export keeps and how it splits them (every field optional)."""

    genre: str | None = None
    audience: str | None = None
    cap_per_tag: int | None = None
    cap_per_pair: int | None = None
    stratify: str | None = None  # "tag" or "pair": split train/test within each group

    def __post_init__(self) -> None:
        for name in ("cap_per_tag", "cap_per_pair"):
            value = getattr(self, name)
            if value is not None and value < 1:
                raise ValueError(f"{name} must be >= 1, got {value}")
        if self.stratify not in (None, *STRATA):
            raise ValueError(f"stratify must be one of {', '.join(STRATA)}, got {self.stratify!r}")

    @property
    def active(self) -> dict:
        """The options in force, for messages."""
        return {k: v for k, v in self.__dict__.items() if v is not None}


def group_key(by: str) -> Callable[[dict], str]:
    """The grouping of items by ``tag`` or by genre–audience ``pair``."""
    if by == "tag":
        return lambda item: item.get("tag") or NO_GROUP
    if by == "pair":
        return lambda item: (f"{item['genre']} / {item['audience']}" if item.get("genre") and item.get("audience")
                             else NO_GROUP)
    raise ValueError(f"group by one of {', '.join(STRATA)}, not {by!r}")


def cap_groups(items: Sequence[dict], key: Callable[[dict], str], cap: int, seed: int = 0) -> list[dict]:
    """At most ``cap`` items per group (a seeded choice), in their original order."""
    groups: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        groups.setdefault(key(item), []).append(index)
    rng = random.Random(seed)
    kept: set[int] = set()
    for indexes in groups.values():
        kept.update(indexes if len(indexes) <= cap else rng.sample(indexes, cap))
    return [item for index, item in enumerate(items) if index in kept]


def select(items: Sequence[dict], selection: Selection | None, seed: int = 0) -> list[dict]:
    """Filter by genre/audience, then cap per tag, then per pair."""
    items = list(items)
    if selection is None:
        return items
    if selection.genre:
        items = [i for i in items if (i.get("genre") or "").casefold() == selection.genre.casefold()]
    if selection.audience:
        items = [i for i in items if (i.get("audience") or "").casefold() == selection.audience.casefold()]
    if selection.cap_per_tag:
        items = cap_groups(items, group_key("tag"), selection.cap_per_tag, seed)
    if selection.cap_per_pair:
        items = cap_groups(items, group_key("pair"), selection.cap_per_pair, seed)
    return items


def counts_by(items: Sequence[dict], by: str) -> dict[str, int]:
    """How many items each group holds."""
    key = group_key(by)
    out: dict[str, int] = {}
    for item in items:
        out[key(item)] = out.get(key(item), 0) + 1
    return dict(sorted(out.items()))


def stratified_split(items: Sequence[dict], test_ratio: float, seed: int = 0,
                     by: str | None = None) -> tuple[list[dict], list[dict]]:
    """(train, test): a plain seeded split, or one made within each group of ``by``."""
    from datagen.formats import train_test_split

    if by is None:
        return train_test_split(items, test_ratio, seed)
    key = group_key(by)
    groups: dict[str, list[dict]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    train: list[dict] = []
    test: list[dict] = []
    for name in sorted(groups):
        part_train, part_test = train_test_split(groups[name], test_ratio, seed)
        train += part_train
        test += part_test
    return train, test


# ------------------------------------------------------------------------------------ raw chunks

def chunk_records(store: Store, project_id: int, *, file_id: int | None = None) -> list[dict]:
    """One ``{"text": chunk}`` per non-empty chunk, in document order."""
    return [{"text": c["text"]} for c in store.list_chunks(project_id, file_id=file_id) if c["text"].strip()]


def import_chunks(store: Store, project_id: int, records: Sequence[dict], name: str) -> dict:
    """Texts of a ``pretrain`` file as the chunks of one document ``name`` (the same texts twice: already
    present)."""
    texts = [r["text"] for r in records if r["text"].strip()]
    body = "\n\n".join(texts)
    digest = hashlib.sha256(("\x00".join(texts)).encode()).hexdigest()
    with store.transaction():
        file_id, created = store.add_file(project_id, name=name, stored_path="", kind="pretrain", sha256=digest,
                                          size=len(body.encode()), text=body, outline=[],
                                          meta={"imported_chunks": len(texts)})
        if created:
            store.replace_chunks(project_id, file_id, [{"text": t} for t in texts])
    return {"imported": len(texts) if created else 0, "already_present": 0 if created else len(texts)}


def _pretrain_record(item: dict, index: int, options) -> dict:
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        raise FormatError(f"item {index}: the pretrain format holds raw chunks ({{'text': …}}); export it from a "
                          "project, not from question/answer items")
    return {"text": text}


def _lf_pretrain(file_name: str, history: bool) -> dict:
    return {"file_name": file_name, "columns": {"prompt": "text"}}


register(ExportFormat(
    "pretrain", {"type": "object", "required": ["text"], "properties": {"text": {"type": "string", "minLength": 1}}},
    _pretrain_record, lambda r, row: {"text": r["text"]}, lambda keys: keys == {"text"}, "text",
    _lf_pretrain, data="chunks", priority=60))
