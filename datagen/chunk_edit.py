"""Chunk editing before generation: split one chunk in two, merge neighbours, preview a file's chunks.

Edit, merge and delete of single chunks live in :class:`~datagen.store.Store` (and :mod:`datagen.service`);
this module adds what the chunk editor needs beyond them:

- :func:`split_chunk` cuts a chunk at a character position or before the first occurrence of a marker. The
  first part keeps the chunk's id (so questions already generated from it, and its stage marks, stay with it);
  the second part is a new chunk placed right after it, which the next questions run picks up.
- :func:`merge_neighbours` merges chunks only when they are consecutive chunks of one file, which is what
  "merge the selected neighbours" means in the editor (the service's ``merge`` accepts any chunks).
- :func:`file_chunks` lists one file's chunks in order, with their sizes, for the per-file preview.

Every change is one transaction: a failure changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from datagen.errors import StoreError
from datagen.split import Chunk, merge_chunks
from datagen.store import Store
from datagen.store_items import timestamp


def _cut(text: str, at: int | None, marker: str | None) -> int:
    """The position where ``text`` is cut (see :func:`split_chunk`)."""
    if (at is None) == (marker is None):
        raise ValueError("give exactly one of a position (at) or a marker to split at")
    if marker is not None:
        if not marker:
            raise ValueError("the split marker is empty")
        found = text.find(marker, 1)
        if found == -1:
            raise ValueError(f"the marker {marker!r} does not occur in the chunk after its first character")
        return found
    if not 0 < at < len(text):
        raise ValueError(f"split position {at} is outside the chunk (1 to {len(text) - 1})")
    return at


def split_chunk(store: Store, chunk_id: int, *, at: int | None = None, marker: str | None = None) -> tuple[int, int]:
    """Cut chunk ``chunk_id`` at character ``at`` or before the first ``marker`` found after its first
    character; returns (id of the first part = ``chunk_id``, id of the new second part).

    Both parts must hold text other than whitespace; their offsets into the file are kept when the chunk was
    never edited (its text is then exactly the file's text between ``start`` and ``end``)."""
    with store.transaction() as conn:
        row = conn.execute("SELECT * FROM chunks WHERE id = ?", (chunk_id,)).fetchone()
        if row is None:
            raise StoreError(f"no chunk with id {chunk_id}")
        text = row["text"]
        cut = _cut(text, at, marker)
        head, tail = text[:cut].rstrip(), text[cut:].lstrip()
        if not head or not tail:
            raise ValueError(f"chunk {chunk_id}: splitting at {cut} would leave an empty part")
        exact = row["start"] is not None and not row["edited"] and row["end"] - row["start"] == len(text)
        head_end = row["start"] + len(head) if exact else None
        tail_start = row["start"] + len(text) - len(tail) if exact else None
        following = conn.execute(
            "SELECT min(position) FROM chunks WHERE project_id = ? AND file_id IS ? AND position > ?",
            (row["project_id"], row["file_id"], row["position"])).fetchone()[0]
        position = (row["position"] + following) / 2 if following is not None else row["position"] + 1
        conn.execute('UPDATE chunks SET text = ?, "end" = COALESCE(?, "end"), edited = ? WHERE id = ?',
                     (head, head_end, 0 if exact else 1, chunk_id))
        new_id = conn.execute(
            'INSERT INTO chunks (project_id, file_id, position, text, heading_path, start, "end", edited, created)'
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (row["project_id"], row["file_id"], position, tail, row["heading_path"],
             tail_start if exact else row["start"], row["end"], 0 if exact else 1, timestamp())).lastrowid
    return chunk_id, new_id


def file_chunks(store: Store, project_id: int, file_id: int) -> list[dict]:
    """One file's chunks in order: ``{id, position, chars, heading, text, edited}``."""
    rows = store.list_chunks(project_id, file_id=file_id)
    return [{"id": r["id"], "position": r["position"], "chars": len(r["text"]),
             "heading": " / ".join(r["heading_path"]), "text": r["text"], "edited": bool(r["edited"])}
            for r in rows]


def merge_neighbours(store: Store, chunk_ids: Sequence[int]) -> int:
    """Merge chunks that are consecutive in one file (overlaps removed, common heading path kept); returns the
    merged chunk's id."""
    ids = list(dict.fromkeys(int(i) for i in chunk_ids))
    if len(ids) < 2:
        raise ValueError("merging needs at least two different chunks")
    rows = [store.get_chunk(i) for i in ids]
    files = {(r["project_id"], r["file_id"]) for r in rows}
    if len(files) != 1:
        raise ValueError(f"chunks {ids} belong to different files; only neighbours in one file can be merged")
    project_id, file_id = files.pop()
    order = [c["id"] for c in store.list_chunks(project_id, file_id=file_id)]
    places = sorted(order.index(i) for i in ids)
    if places != list(range(places[0], places[0] + len(places))):
        between = [order[p] for p in range(places[0], places[-1] + 1) if order[p] not in ids]
        raise ValueError(f"chunks {ids} are not neighbours in their file (chunks {json.dumps(between)} lie "
                         "between them); select consecutive chunks")
    merged = merge_chunks([Chunk(text=r["text"], heading_path=r["heading_path"], start=r["start"] or 0,
                                 end=r["end"] or 0) for r in rows])
    return store.merge_chunks(ids, merged.text, merged.heading_path)
