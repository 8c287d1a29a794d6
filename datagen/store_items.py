"""Review items of a studio workspace: the tag tree, questions with their answers, and extracted triples.

A mixin of :class:`datagen.store.Store` (which holds the connection, transactions and migrations); split from it
so that each file holds one job. Rows are committed as they are produced, like everything in the store.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from datagen.errors import StoreError

ITEM_STATUSES = ("all", "unanswered", "answered", "confirmed", "unconfirmed", "duplicate")

_ITEM_SELECT = """
SELECT q.id, q.project_id, q.text AS question, q.status, q.tag_id, t.name AS tag, q.chunk_id, q.source,
       COALESCE(c.text, q.context) AS context, a.id AS answer_id, a.text AS answer, a.reasoning, a.reasoning_source,
       a.turns, a.rejected, a.system, a.rating, a.judge_score, a.judge_reason, a.rouge_l, a.bleu,
       a.grounding, IFNULL(a.unanswerable, 0) AS unanswerable,
       IFNULL(a.confirmed, 0) AS confirmed, q.duplicate_of, q.similarity,
       q.ga_pair_id, g.genre, g.audience
FROM questions q LEFT JOIN answers a ON a.question_id = q.id LEFT JOIN tags t ON t.id = q.tag_id
LEFT JOIN chunks c ON c.id = q.chunk_id LEFT JOIN ga_pairs g ON g.id = q.ga_pair_id
"""
_STATUS_WHERE = {
    "all": "q.status = 'active'",
    "unanswered": "q.status = 'active' AND a.id IS NULL",
    "answered": "q.status = 'active' AND a.id IS NOT NULL",
    "confirmed": "q.status = 'active' AND a.confirmed = 1",
    "unconfirmed": "q.status = 'active' AND a.id IS NOT NULL AND a.confirmed = 0",
    "duplicate": "q.status = 'duplicate'",
}


def timestamp() -> float:
    return time.time()


@dataclass
class Page:
    """One page of review items and the total matching the filter."""

    items: list[dict]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


def _item(row: sqlite3.Row) -> dict:
    item = dict(row)
    item["turns"] = json.loads(item["turns"]) if item["turns"] else None
    item["confirmed"] = bool(item["confirmed"])
    item["score"] = item["rating"] if item["rating"] is not None else item["judge_score"]
    return item


@dataclass(frozen=True)
class ItemQuality:
    """Quality filter of review and export: answers grounded at least ``min_grounding`` (answers without a
    chunk have no grounding and pass), and with ``answerable_only`` no question flagged as not answerable."""

    min_grounding: float | None = None
    answerable_only: bool = False


class ItemRecords:
    """Tags, questions, answers and triples (mixed into :class:`~datagen.store.Store`)."""

    # ------------------------------------------------------------------------------------------- tags

    def add_tag(self, project_id: int, name: str, parent_id: int | None = None) -> int:
        """Add a tag (or return the existing one with that name under the same parent)."""
        name = " ".join(name.split())
        if not name:
            raise ValueError("a tag needs a non-empty name")
        with self.transaction() as conn:
            row = conn.execute("SELECT id FROM tags WHERE project_id = ? AND IFNULL(parent_id, 0) = ? AND name = ?",
                               (project_id, parent_id or 0, name)).fetchone()
            if row:
                return row["id"]
            position = conn.execute("SELECT count(*) FROM tags WHERE project_id = ? AND IFNULL(parent_id, 0) = ?",
                                    (project_id, parent_id or 0)).fetchone()[0]
            return conn.execute("INSERT INTO tags (project_id, parent_id, name, position) VALUES (?, ?, ?, ?)",
                                (project_id, parent_id, name, position)).lastrowid

    def rename_tag(self, tag_id: int, name: str) -> None:
        name = " ".join(name.split())
        if not name:
            raise ValueError("a tag needs a non-empty name")
        try:
            with self.transaction() as conn:
                if conn.execute("UPDATE tags SET name = ? WHERE id = ?", (name, tag_id)).rowcount == 0:
                    raise StoreError(f"no tag with id {tag_id}")
        except sqlite3.IntegrityError as exc:
            raise StoreError(f"a sibling tag is already named {name!r}") from exc

    def move_tag(self, tag_id: int, parent_id: int | None) -> None:
        """Move a tag (with its subtree) under ``parent_id`` (None: to the top level); refuses cycles."""
        with self.transaction() as conn:
            if parent_id is not None:
                ancestor: int | None = parent_id
                while ancestor is not None:
                    if ancestor == tag_id:
                        raise StoreError(f"cannot move tag {tag_id} under its own subtree")
                    row = conn.execute("SELECT parent_id FROM tags WHERE id = ?", (ancestor,)).fetchone()
                    if row is None:
                        raise StoreError(f"no tag with id {ancestor}")
                    ancestor = row["parent_id"]
            try:
                if conn.execute("UPDATE tags SET parent_id = ? WHERE id = ?", (parent_id, tag_id)).rowcount == 0:
                    raise StoreError(f"no tag with id {tag_id}")
            except sqlite3.IntegrityError as exc:
                raise StoreError("the new parent already has a tag with this name") from exc

    def delete_tag(self, tag_id: int) -> None:
        """Delete a tag and its subtree; questions labelled with them become unlabelled."""
        with self.transaction() as conn:
            if conn.execute("DELETE FROM tags WHERE id = ?", (tag_id,)).rowcount == 0:
                raise StoreError(f"no tag with id {tag_id}")

    def clear_tags(self, project_id: int) -> None:
        with self.transaction() as conn:
            conn.execute("DELETE FROM tags WHERE project_id = ?", (project_id,))

    def list_tags(self, project_id: int) -> list[dict]:
        """Flat list in tree order: ``{id, parent_id, name, path, depth, questions}``."""
        rows = self.query(
            "SELECT t.id, t.parent_id, t.name, t.position,"
            " (SELECT count(*) FROM questions q WHERE q.tag_id = t.id AND q.status = 'active') AS questions"
            " FROM tags t WHERE t.project_id = ? ORDER BY t.position, t.id", (project_id,))
        children: dict[int | None, list] = {}
        for row in rows:
            children.setdefault(row["parent_id"], []).append(dict(row))
        out: list[dict] = []

        def walk(parent: int | None, path: list[str]) -> None:
            for tag in children.get(parent, []):
                tag["path"] = " / ".join([*path, tag["name"]])
                tag["depth"] = len(path)
                out.append(tag)
                walk(tag["id"], [*path, tag["name"]])

        walk(None, [])
        return out

    def tag_tree(self, project_id: int) -> list[dict]:
        """Nested ``[{id, name, questions, children: [...]}]``."""
        nodes = {t["id"]: {**t, "children": []} for t in self.list_tags(project_id)}
        roots = []
        for node in nodes.values():
            (nodes[node["parent_id"]]["children"] if node["parent_id"] in nodes else roots).append(node)
        return roots

    def subtree_ids(self, tag_id: int) -> list[int]:
        rows = self.query("WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT t.id FROM tags t JOIN sub"
                          " ON t.parent_id = sub.id) SELECT id FROM sub", (tag_id,))
        return [r["id"] for r in rows]

    # ------------------------------------------------------------------------- questions and answers

    def add_questions(self, project_id: int, rows: Sequence[dict], *, unit: tuple[str, str] | None = None,
                      task_id: int | None = None) -> list[int]:
        """Insert questions (``key``, ``text`` and optional ``chunk_id``, ``tag_id``, ``context``, ``source``,
        ``status``, ``duplicate_of``, ``similarity``, ``ga_pair_id``, ``vector``: bytes, ``model``) and mark
        ``unit`` done, in one transaction. Rows whose key exists are skipped. Returns the ids of the rows inserted."""
        ids = []
        with self.transaction() as conn:
            for row in rows:
                cur = conn.execute(
                    "INSERT OR IGNORE INTO questions (project_id, chunk_id, tag_id, key, text, context, source,"
                    " status, duplicate_of, similarity, created, ga_pair_id)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (project_id, row.get("chunk_id"), row.get("tag_id"), row["key"], row["text"],
                     row.get("context"), row.get("source", "chunk"), row.get("status", "active"),
                     row.get("duplicate_of"), row.get("similarity"), timestamp(), row.get("ga_pair_id")))
                if cur.rowcount:
                    ids.append(cur.lastrowid)
                    row["id"] = cur.lastrowid
                    if row.get("vector") is not None:
                        conn.execute("INSERT INTO embeddings (question_id, model, vector) VALUES (?, ?, ?)",
                                     (cur.lastrowid, row["model"], row["vector"]))
            if unit:
                self.mark_unit(project_id, unit[0], unit[1], task_id=task_id)
        return ids

    def question_vectors(self, project_id: int, model: str) -> list[tuple[int, bytes]]:
        """(question id, float32 vector bytes) of the project's active questions embedded with ``model``."""
        rows = self.query("SELECT q.id, e.vector FROM questions q JOIN embeddings e ON e.question_id = q.id"
                          " WHERE q.project_id = ? AND q.status = 'active' AND e.model = ? ORDER BY q.id",
                          (project_id, model))
        return [(r["id"], r["vector"]) for r in rows]

    def active_question_texts(self, project_id: int) -> list[tuple[int, str]]:
        return [(r["id"], r["text"]) for r in self.query(
            "SELECT id, text FROM questions WHERE project_id = ? AND status = 'active' ORDER BY id", (project_id,))]

    def add_answer(self, question_id: int, *, text: str, reasoning: str | None = None,
                   reasoning_source: str | None = None, turns: list | None = None, model: str | None = None,
                   rouge_l: float | None = None, bleu: float | None = None, grounding: float | None = None,
                   unanswerable: bool = False) -> int | None:
        """Insert the answer of a question (None when it already has one: resumed or concurrent runs)."""
        now = timestamp()
        with self.transaction() as conn:
            cur = conn.execute(
                "INSERT OR IGNORE INTO answers (project_id, question_id, text, reasoning, reasoning_source, turns,"
                " model, rouge_l, bleu, grounding, unanswerable, created, updated)"
                " SELECT project_id, id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM questions WHERE id = ?",
                (text, reasoning, reasoning_source, json.dumps(turns, ensure_ascii=False) if turns else None, model,
                 rouge_l, bleu, grounding, int(unanswerable), now, now, question_id))
            return cur.lastrowid if cur.rowcount else None

    def update_answer(self, question_id: int, **fields) -> None:
        """Set answer columns (text, reasoning, rejected, system, rating, judge_score, judge_reason, rouge_l,
        bleu, grounding, unanswerable, confirmed, turns) of a question's answer."""
        allowed = {"text", "reasoning", "reasoning_source", "rejected", "system", "rating", "judge_score",
                   "judge_reason", "rouge_l", "bleu", "grounding", "unanswerable", "confirmed", "turns"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"unknown answer field(s): {', '.join(sorted(unknown))}")
        if "turns" in fields and fields["turns"] is not None:
            fields["turns"] = json.dumps(fields["turns"], ensure_ascii=False)
        sets = ", ".join(f"{name} = ?" for name in fields)
        with self.transaction() as conn:
            cur = conn.execute(f"UPDATE answers SET {sets}, updated = ? WHERE question_id = ?",
                               [*fields.values(), timestamp(), question_id])
            if cur.rowcount == 0:
                raise StoreError(f"question {question_id} has no answer yet")

    def delete_answer(self, question_id: int) -> bool:
        """Remove a question's answer (the question stays, unanswered); False when it had none."""
        with self.transaction() as conn:
            return conn.execute("DELETE FROM answers WHERE question_id = ?", (question_id,)).rowcount > 0

    def edit_question(self, question_id: int, *, text: str | None = None, tag_id: int | None = None,
                      clear_tag: bool = False) -> None:
        with self.transaction() as conn:
            if conn.execute("SELECT 1 FROM questions WHERE id = ?", (question_id,)).fetchone() is None:
                raise StoreError(f"no question with id {question_id}")
            if text is not None:
                if not text.strip():
                    raise ValueError(f"question {question_id}: the new text is empty")
                conn.execute("UPDATE questions SET text = ? WHERE id = ?", (text, question_id))
                conn.execute("DELETE FROM embeddings WHERE question_id = ?", (question_id,))
            if tag_id is not None or clear_tag:
                conn.execute("UPDATE questions SET tag_id = ? WHERE id = ?", (tag_id, question_id))

    def delete_question(self, question_id: int) -> None:
        with self.transaction() as conn:
            if conn.execute("DELETE FROM questions WHERE id = ?", (question_id,)).rowcount == 0:
                raise StoreError(f"no question with id {question_id}")

    def get_item(self, question_id: int) -> dict:
        row = self.conn.execute(_ITEM_SELECT + " WHERE q.id = ?", (question_id,)).fetchone()
        if row is None:
            raise StoreError(f"no question with id {question_id}")
        return _item(row)

    def _item_filter(self, project_id: int, tag_id: int | None, min_score: float | None,
                     status: str, quality: ItemQuality | None = None) -> tuple[str, list]:
        if status not in _STATUS_WHERE:
            raise ValueError(f"unknown status {status!r}; choose one of {', '.join(ITEM_STATUSES)}")
        where, params = ["q.project_id = ?", _STATUS_WHERE[status]], [project_id]
        if tag_id is not None:
            ids = self.subtree_ids(tag_id)
            where.append(f"q.tag_id IN ({','.join('?' * len(ids))})")
            params += ids
        if min_score is not None:
            where.append("IFNULL(a.rating, a.judge_score) >= ?")
            params.append(min_score)
        if quality is not None and quality.min_grounding is not None:  # answers without a chunk are not scored
            where.append("(a.grounding IS NULL OR a.grounding >= ?)")
            params.append(quality.min_grounding)
        if quality is not None and quality.answerable_only:
            where.append("IFNULL(a.unanswerable, 0) = 0")
        return " WHERE " + " AND ".join(where), params

    def list_items(self, project_id: int, *, tag_id: int | None = None, min_score: float | None = None,
                   status: str = "all", page: int = 1, page_size: int = 50,
                   quality: ItemQuality | None = None) -> Page:
        """One page (1-based) of review items, newest last, filtered by tag subtree, score and status."""
        if page < 1 or not 1 <= page_size <= 1000:
            raise ValueError(f"page must be >= 1 and page_size in 1..1000 (got {page}, {page_size})")
        where, params = self._item_filter(project_id, tag_id, min_score, status, quality)
        joins = "FROM questions q LEFT JOIN answers a ON a.question_id = q.id"
        total = self.conn.execute(f"SELECT count(*) {joins}{where}", params).fetchone()[0]
        rows = self.query(_ITEM_SELECT + where + " ORDER BY q.id LIMIT ? OFFSET ?",
                          [*params, page_size, (page - 1) * page_size])
        return Page(items=[_item(r) for r in rows], total=total, page=page, page_size=page_size)

    def iter_items(self, project_id: int, *, tag_id: int | None = None, min_score: float | None = None,
                   status: str = "answered", batch: int = 1000,
                   quality: ItemQuality | None = None) -> Iterator[dict]:
        """Every matching item in id order, read in batches (keyset pagination)."""
        where, params = self._item_filter(project_id, tag_id, min_score, status, quality)
        last = 0
        while True:
            rows = self.query(_ITEM_SELECT + where + " AND q.id > ? ORDER BY q.id LIMIT ?", [*params, last, batch])
            if not rows:
                return
            for row in rows:
                yield _item(row)
            last = rows[-1]["id"]

    # ---------------------------------------------------------------------------------------- triples

    def add_triples(self, project_id: int, triples: Sequence[dict], *, chunk_id: int | None = None,
                    unit: tuple[str, str] | None = None, task_id: int | None = None) -> int:
        """Insert triples (duplicates ignored) and mark ``unit`` done; returns how many were new."""
        new = 0
        with self.transaction() as conn:
            for t in triples:
                new += conn.execute(
                    "INSERT OR IGNORE INTO triples (project_id, chunk_id, name, property, value, created)"
                    " VALUES (?, ?, ?, ?, ?, ?)", (project_id, chunk_id, t["name"], t["property"], t["value"],
                                                   timestamp())).rowcount
            if unit:
                self.mark_unit(project_id, unit[0], unit[1], task_id=task_id)
        return new

    def list_triples(self, project_id: int, *, limit: int | None = None, offset: int = 0) -> list[dict]:
        return [dict(r) for r in self.query(
            "SELECT id, chunk_id, name, property, value FROM triples WHERE project_id = ? ORDER BY id LIMIT ? OFFSET ?",
            (project_id, -1 if limit is None else limit, offset))]

    def delete_triple(self, triple_id: int) -> None:
        with self.transaction() as conn:
            conn.execute("DELETE FROM triples WHERE id = ?", (triple_id,))
