"""The dataset studio's workspace: one SQLite database (WAL, foreign keys) plus a folder of uploaded files.

Every chunk, tag, question, answer, triple, rating, failure, LLM call and task state is a row committed as
soon as it is produced, so killing the process loses nothing already made. Re-running a stage resumes: work
units (a chunk for questions/triples, a question for answers) are recorded in ``units`` or recognised by
unique keys (``questions.key``, ``answers.question_id``, the triple itself), and inserts use ``INSERT OR
IGNORE``, so a resumed or concurrent run never duplicates rows.

A write that fails because the disk is full or the workspace is read-only rolls back whole (SQLite keeps the
database consistent) and raises :class:`~datagen.errors.StoreError` naming the database file and what to do;
re-running the same command once there is space resumes where the work stopped.

Each thread gets its own connection (SQLite connections are not shared across threads); writes run in
``BEGIN IMMEDIATE`` transactions with a generous busy timeout, which makes concurrent writers from threads or
processes safe. The schema and its migrations are in :mod:`datagen.schema`.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from datagen import schema
from datagen.errors import StoreError

logger = logging.getLogger(__name__)

DB_NAME = "studio.db"
FILES_DIR = "files"
LOCKS_DIR = "locks"
TASK_STATES = ("running", "done", "failed", "cancelled", "interrupted")
ITEM_STATUSES = ("all", "unanswered", "answered", "confirmed", "unconfirmed", "duplicate")

_ITEM_SELECT = """
SELECT q.id, q.project_id, q.text AS question, q.status, q.tag_id, t.name AS tag, q.chunk_id, q.source,
       COALESCE(c.text, q.context) AS context, a.id AS answer_id, a.text AS answer, a.reasoning, a.reasoning_source,
       a.turns, a.rejected, a.system, a.rating, a.judge_score, a.judge_reason, a.rouge_l, a.bleu,
       a.grounding, IFNULL(a.unanswerable, 0) AS unanswerable,
       IFNULL(a.confirmed, 0) AS confirmed, q.duplicate_of, q.similarity
FROM questions q LEFT JOIN answers a ON a.question_id = q.id LEFT JOIN tags t ON t.id = q.tag_id
LEFT JOIN chunks c ON c.id = q.chunk_id
"""
_STATUS_WHERE = {
    "all": "q.status = 'active'",
    "unanswered": "q.status = 'active' AND a.id IS NULL",
    "answered": "q.status = 'active' AND a.id IS NOT NULL",
    "confirmed": "q.status = 'active' AND a.confirmed = 1",
    "unconfirmed": "q.status = 'active' AND a.id IS NOT NULL AND a.confirmed = 0",
    "duplicate": "q.status = 'duplicate'",
}


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


def _now() -> float:
    return time.time()


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


class Store:
    """A workspace folder: ``studio.db`` and ``files/``. Open with :meth:`open` (``create=True`` to make one)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.db_path = self.root / DB_NAME
        self.files_dir = self.root / FILES_DIR
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._held = threading.local()  # project id -> (lock file, depth) held by this thread

    @classmethod
    def open(cls, root: str | Path, *, create: bool = False) -> Store:
        root = Path(root)
        if not (root / DB_NAME).is_file():
            if not create:
                raise StoreError(f"{root}: no workspace here (no {DB_NAME}); create one with `python -m datagen init`")
            if root.exists() and not root.is_dir():
                raise StoreError(f"{root}: exists and is not a folder")
            (root / FILES_DIR).mkdir(parents=True, exist_ok=True)
        store = cls(root)
        store._migrate()
        return store

    # ------------------------------------------------------------------------------------ connections

    @property
    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = sqlite3.connect(self.db_path, timeout=60.0, isolation_level=None)
                conn.execute("PRAGMA journal_mode=WAL")
            except sqlite3.Error as exc:
                raise StoreError(f"{self.db_path}: cannot open the workspace database ({exc})") from exc
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a killed process loses no commit
            conn.execute("PRAGMA busy_timeout=60000")
            self._local.conn = conn
            with self._lock:
                self._connections.append(conn)
        return conn

    def close(self) -> None:
        """Close every connection this store opened (in any thread)."""
        with self._lock:
            for conn in self._connections:
                try:
                    conn.close()
                except sqlite3.ProgrammingError:  # made in another thread that is gone; nothing to release
                    pass
            self._connections.clear()
        self._local = threading.local()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (``BEGIN IMMEDIATE``): committed on exit, rolled back on any exception."""
        conn = self.conn
        if conn.in_transaction:  # nested use joins the outer transaction
            yield conn
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise self.write_error(exc) from exc
        try:
            yield conn
            conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:  # disk full, read-only, I/O error: nothing of it is kept
            self._rollback(conn)
            raise self.write_error(exc) from exc
        except BaseException:
            self._rollback(conn)
            raise

    @staticmethod
    def _rollback(conn: sqlite3.Connection) -> None:
        if conn.in_transaction:  # SQLite may already have rolled back (e.g. after SQLITE_FULL)
            conn.execute("ROLLBACK")

    def write_error(self, exc: BaseException) -> StoreError:
        """A user message for a failed write to the workspace: which file, why, and what to do."""
        text = str(exc).lower()
        if "full" in text or "no space" in text:
            why = "the disk is full"
            todo = "free some space (or move the workspace to a bigger disk)"
        elif "readonly" in text or "read-only" in text or "permission" in text:
            why = "the workspace is read-only"
            todo = f"make {self.root} and the files in it writable"
        elif "locked" in text or "busy" in text:
            why = "another program holds the database locked"
            todo = "wait for it to finish"
        else:
            why = "the database could not be written"
            todo = "check the disk"
        return StoreError(f"{self.db_path}: {why} ({exc}); nothing was half-written. {todo.capitalize()}, then "
                          "re-run the same command to resume")

    def query(self, sql: str, params: Sequence = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    def _migrate(self) -> None:
        with self.transaction() as conn:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            latest = schema.SCHEMA_VERSION
            if version > latest:
                raise StoreError(f"{self.db_path}: schema version {version} is newer than this program's "
                                 f"({latest}); upgrade the studio")
            for target in range(version + 1, latest + 1):
                logger.info("migrating %s to schema version %d", self.db_path, target)
                schema.MIGRATIONS[target](conn)
                conn.execute(f"PRAGMA user_version = {target}")

    @contextmanager
    def work_lock(self, project_id: int, what: str) -> Iterator[None]:
        """Hold the project's work lock while generating, so two runs never do the same LLM work twice.

        An exclusive ``flock`` on ``locks/project-<id>.lock`` (released by the OS if the process dies);
        re-entrant within one thread. When another process or thread holds it, raises :class:`StoreError`
        naming the holder."""
        held = self._held.__dict__
        if project_id in held:
            handle, depth = held[project_id]
            held[project_id] = (handle, depth + 1)
            try:
                yield
            finally:
                held[project_id] = (handle, held[project_id][1] - 1)
            return
        path = self.root / LOCKS_DIR / f"project-{project_id}.lock"
        try:
            path.parent.mkdir(exist_ok=True)
            handle = open(path, "a+")  # noqa: SIM115 - held until the context exits
        except OSError as exc:
            raise self.write_error(exc) from exc
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another run"
            handle.close()
            raise StoreError(f"{self.root}: {holder} is already working on this project; wait for it to finish, "
                             f"then re-run to pick up anything it left") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{what} (pid {os.getpid()}, started {time.strftime('%Y-%m-%d %H:%M:%S')})")
        handle.flush()
        held[project_id] = (handle, 1)
        try:
            yield
        finally:
            del held[project_id]
            handle.close()  # closing releases the flock

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    # --------------------------------------------------------------------------------------- projects

    def create_project(self, name: str, settings: dict | None = None) -> int:
        name = name.strip()
        if not name:
            raise ValueError("a project needs a non-empty name")
        with self.transaction() as conn:
            row = conn.execute("SELECT id FROM projects WHERE name = ?", (name,)).fetchone()
            if row:
                return row["id"]
            return conn.execute("INSERT INTO projects (name, settings, created) VALUES (?, ?, ?)",
                                (name, json.dumps(settings or {}), _now())).lastrowid

    def project_id(self, name: str) -> int:
        row = self.conn.execute("SELECT id FROM projects WHERE name = ?", (name,)).fetchone()
        if row is None:
            known = ", ".join(r["name"] for r in self.list_projects()) or "none"
            raise StoreError(f"no project named {name!r} in {self.root} (projects: {known})")
        return row["id"]

    def list_projects(self) -> list[dict]:
        return [dict(r) for r in self.query("SELECT id, name, created FROM projects ORDER BY id")]

    def delete_project(self, project_id: int) -> None:
        with self.transaction() as conn:
            conn.execute("DELETE FROM projects WHERE id = ?", (project_id,))

    # ------------------------------------------------------------------------------------------ files

    def add_file(self, project_id: int, *, name: str, stored_path: str, kind: str, sha256: str, size: int,
                 text: str, outline: Sequence, meta: dict) -> tuple[int, bool]:
        """Insert a file; returns (id, created). The same content added twice returns the first row."""
        with self.transaction() as conn:
            row = conn.execute("SELECT id FROM files WHERE project_id = ? AND sha256 = ?",
                               (project_id, sha256)).fetchone()
            if row:
                return row["id"], False
            cur = conn.execute(
                "INSERT INTO files (project_id, name, stored_path, kind, sha256, size, text, outline, meta, created)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (project_id, name, stored_path, kind, sha256, size, text, json.dumps(list(outline)),
                 json.dumps(meta, default=str), _now()))
            return cur.lastrowid, True

    def list_files(self, project_id: int) -> list[dict]:
        rows = self.query(
            "SELECT f.id, f.name, f.kind, f.size, f.stored_path, f.created, length(f.text) AS chars,"
            " (SELECT count(*) FROM chunks c WHERE c.file_id = f.id) AS chunks"
            " FROM files f WHERE f.project_id = ? ORDER BY f.id", (project_id,))
        return [dict(r) for r in rows]

    def get_file(self, file_id: int) -> dict:
        row = self.conn.execute("SELECT * FROM files WHERE id = ?", (file_id,)).fetchone()
        if row is None:
            raise StoreError(f"no file with id {file_id}")
        out = dict(row)
        out["outline"] = [tuple(x) for x in json.loads(out["outline"])]
        out["meta"] = json.loads(out["meta"])
        return out

    def delete_file(self, file_id: int) -> None:
        with self.transaction() as conn:
            conn.execute("DELETE FROM files WHERE id = ?", (file_id,))

    # ----------------------------------------------------------------------------------------- chunks

    def replace_chunks(self, project_id: int, file_id: int, chunks: Sequence[dict], *, force: bool = False) -> int:
        """Replace a file's chunks in one transaction. Refuses when questions exist for them unless ``force``."""
        with self.transaction() as conn:
            used = conn.execute("SELECT count(*) FROM questions q JOIN chunks c ON c.id = q.chunk_id"
                                " WHERE c.file_id = ?", (file_id,)).fetchone()[0]
            if used and not force:
                name = conn.execute("SELECT name FROM files WHERE id = ?", (file_id,)).fetchone()[0]
                raise StoreError(f"{name}: {used} questions were generated from its chunks; re-splitting would "
                                 f"delete them (use force to do it anyway)")
            conn.execute("DELETE FROM chunks WHERE file_id = ?", (file_id,))
            now = _now()
            conn.executemany(
                'INSERT INTO chunks (project_id, file_id, position, text, heading_path, start, "end", created)'
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(project_id, file_id, float(i), c["text"], json.dumps(c.get("heading_path") or []),
                  c.get("start"), c.get("end"), now) for i, c in enumerate(chunks)])
        return len(chunks)

    def list_chunks(self, project_id: int, *, file_id: int | None = None, limit: int | None = None,
                    offset: int = 0) -> list[dict]:
        sql = ("SELECT c.id, c.file_id, f.name AS file, c.position, c.text, c.heading_path, c.start, c.\"end\","
               " c.edited FROM chunks c LEFT JOIN files f ON f.id = c.file_id WHERE c.project_id = ?")
        params: list = [project_id]
        if file_id is not None:
            sql += " AND c.file_id = ?"
            params.append(file_id)
        sql += " ORDER BY c.file_id, c.position, c.id LIMIT ? OFFSET ?"
        params += [-1 if limit is None else limit, offset]
        return [{**dict(r), "heading_path": json.loads(r["heading_path"])} for r in self.query(sql, params)]

    def get_chunk(self, chunk_id: int) -> dict:
        row = self.conn.execute('SELECT id, project_id, file_id, position, text, heading_path, start, "end", edited'
                                " FROM chunks WHERE id = ?", (chunk_id,)).fetchone()
        if row is None:
            raise StoreError(f"no chunk with id {chunk_id}")
        return {**dict(row), "heading_path": json.loads(row["heading_path"])}

    def edit_chunk(self, chunk_id: int, text: str) -> None:
        if not text.strip():
            raise ValueError(f"chunk {chunk_id}: the new text is empty; delete the chunk instead")
        with self.transaction() as conn:
            if conn.execute("UPDATE chunks SET text = ?, edited = 1 WHERE id = ?", (text, chunk_id)).rowcount == 0:
                raise StoreError(f"no chunk with id {chunk_id}")

    def merge_chunks(self, chunk_ids: Sequence[int], text: str, heading_path: Sequence[str]) -> int:
        """Replace ``chunk_ids`` by one chunk with ``text``; their questions and stage marks move to it."""
        ids = list(dict.fromkeys(chunk_ids))
        if len(ids) < 2:
            raise ValueError("merging needs at least two different chunks")
        with self.transaction() as conn:
            marks = ",".join("?" * len(ids))
            rows = conn.execute(f"SELECT * FROM chunks WHERE id IN ({marks}) ORDER BY position", ids).fetchall()
            if len(rows) != len(ids) or len({r["project_id"] for r in rows}) != 1:
                raise StoreError(f"chunks {ids}: some do not exist or belong to different projects")
            first = rows[0]
            file_ids = {r["file_id"] for r in rows}
            new_id = conn.execute(
                'INSERT INTO chunks (project_id, file_id, position, text, heading_path, start, "end", edited, created)'
                " VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)",
                (first["project_id"], first["file_id"] if len(file_ids) == 1 else None, first["position"], text,
                 json.dumps(list(heading_path)), min(r["start"] or 0 for r in rows),
                 max(r["end"] or 0 for r in rows), _now())).lastrowid
            conn.execute(f"UPDATE questions SET chunk_id = ? WHERE chunk_id IN ({marks})", [new_id, *ids])
            conn.execute(f"UPDATE triples SET chunk_id = ? WHERE chunk_id IN ({marks})", [new_id, *ids])
            keys = [f"chunk:{i}" for i in ids]
            stages = conn.execute(
                f"SELECT stage FROM units WHERE project_id = ? AND key IN ({marks}) GROUP BY stage"
                " HAVING count(*) = ?", [first["project_id"], *keys, len(ids)]).fetchall()
            for row in stages:  # a stage done for every merged chunk stays done for the merged one
                self.mark_unit(first["project_id"], row["stage"], f"chunk:{new_id}")
            conn.execute(f"DELETE FROM units WHERE project_id = ? AND key IN ({marks})", [first["project_id"], *keys])
            conn.execute(f"DELETE FROM chunks WHERE id IN ({marks})", ids)
        return new_id

    def delete_chunk(self, chunk_id: int) -> int:
        """Delete a chunk and the questions generated from it; returns how many questions went with it."""
        with self.transaction() as conn:
            n = conn.execute("SELECT count(*) FROM questions WHERE chunk_id = ?", (chunk_id,)).fetchone()[0]
            if conn.execute("DELETE FROM chunks WHERE id = ?", (chunk_id,)).rowcount == 0:
                raise StoreError(f"no chunk with id {chunk_id}")
        return n

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
        ``status``, ``duplicate_of``, ``similarity``, ``vector``: bytes, ``model``) and mark ``unit`` done, in
        one transaction. Rows whose key exists are skipped. Returns the ids of the rows inserted."""
        ids = []
        with self.transaction() as conn:
            for row in rows:
                cur = conn.execute(
                    "INSERT OR IGNORE INTO questions (project_id, chunk_id, tag_id, key, text, context, source,"
                    " status, duplicate_of, similarity, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (project_id, row.get("chunk_id"), row.get("tag_id"), row["key"], row["text"],
                     row.get("context"), row.get("source", "chunk"), row.get("status", "active"),
                     row.get("duplicate_of"), row.get("similarity"), _now()))
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
        now = _now()
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
                               [*fields.values(), _now(), question_id])
            if cur.rowcount == 0:
                raise StoreError(f"question {question_id} has no answer yet")

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
                                                   _now())).rowcount
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

    # --------------------------------------------------------------- units, failures, calls and tasks

    def mark_unit(self, project_id: int, stage: str, key: str, *, task_id: int | None = None) -> None:
        with self.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO units (project_id, stage, key, task_id, updated)"
                         " VALUES (?, ?, ?, ?, ?)", (project_id, stage, key, task_id, _now()))

    def done_units(self, project_id: int, stage: str) -> set[str]:
        return {r["key"] for r in self.query("SELECT key FROM units WHERE project_id = ? AND stage = ?",
                                             (project_id, stage))}

    def record_failure(self, project_id: int, stage: str, key: str, error: str, raw: str = "", *,
                       task_id: int | None = None) -> int:
        """Record that unit ``key`` of ``stage`` failed; an open failure of the same unit is updated, not
        repeated (re-runs that fail again do not grow the count). Returns the failure's id."""
        with self.transaction() as conn:
            row = conn.execute("SELECT id FROM failures WHERE project_id = ? AND stage = ? AND key = ? AND"
                               " resolved IS NULL ORDER BY id DESC LIMIT 1", (project_id, stage, key)).fetchone()
            if row:
                conn.execute("UPDATE failures SET task_id = ?, error = ?, raw = ?, created = ? WHERE id = ?",
                             (task_id, error, raw or "", _now(), row["id"]))
                return row["id"]
            return conn.execute("INSERT INTO failures (project_id, task_id, stage, key, error, raw, created)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                                (project_id, task_id, stage, key, error, raw or "", _now())).lastrowid

    def resolve_failures(self, project_id: int, stage: str, key: str) -> int:
        """Mark the open failures of unit ``key`` resolved (it succeeded since); returns how many."""
        with self.transaction() as conn:
            return conn.execute("UPDATE failures SET resolved = ? WHERE project_id = ? AND stage = ? AND key = ?"
                                " AND resolved IS NULL", (_now(), project_id, stage, key)).rowcount

    def open_failure_keys(self, project_id: int, stage: str) -> set[str]:
        return {r["key"] for r in self.query("SELECT key FROM failures WHERE project_id = ? AND stage = ? AND"
                                             " resolved IS NULL", (project_id, stage))}

    def list_failures(self, project_id: int, *, stage: str | None = None, task_id: int | None = None,
                      limit: int = 100, include_resolved: bool = False) -> list[dict]:
        """Failures, newest first; by default only open ones (resolved ones stay in the table as history)."""
        sql, params = "SELECT * FROM failures WHERE project_id = ?", [project_id]
        if not include_resolved:
            sql += " AND resolved IS NULL"
        if stage:
            sql, params = sql + " AND stage = ?", [*params, stage]
        if task_id is not None:
            sql, params = sql + " AND task_id = ?", [*params, task_id]
        return [dict(r) for r in self.query(sql + " ORDER BY id DESC LIMIT ?", [*params, limit])]

    def record_call(self, project_id: int, *, stage: str, model: str, prompt_tokens: int, completion_tokens: int,
                    seconds: float, task_id: int | None = None) -> None:
        with self.transaction() as conn:
            conn.execute("INSERT INTO llm_calls (project_id, task_id, stage, model, prompt_tokens,"
                         " completion_tokens, seconds, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         (project_id, task_id, stage, model, prompt_tokens, completion_tokens, seconds, _now()))

    def token_usage(self, project_id: int, *, task_id: int | None = None) -> dict:
        sql = ("SELECT count(*) AS calls, IFNULL(sum(prompt_tokens), 0) AS prompt_tokens,"
               " IFNULL(sum(completion_tokens), 0) AS completion_tokens FROM llm_calls WHERE project_id = ?")
        params: list = [project_id]
        if task_id is not None:
            sql, params = sql + " AND task_id = ?", [*params, task_id]
        return dict(self.conn.execute(sql, params).fetchone())

    def start_task(self, project_id: int, kind: str, *, total: int = 0, params: dict | None = None) -> int:
        """Open a task row; earlier 'running' tasks of the same kind (a killed process) become 'interrupted'."""
        now = _now()
        with self.transaction() as conn:
            conn.execute("UPDATE tasks SET status = 'interrupted', finished = ? WHERE project_id = ? AND kind = ?"
                         " AND status = 'running'", (now, project_id, kind))
            return conn.execute("INSERT INTO tasks (project_id, kind, status, total, params, started, updated)"
                                " VALUES (?, ?, 'running', ?, ?, ?, ?)",
                                (project_id, kind, total, json.dumps(params or {}, default=str), now, now)).lastrowid

    def update_task(self, task_id: int, *, done: int | None = None, failed: int | None = None,
                    total: int | None = None) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE tasks SET done = IFNULL(?, done), failed = IFNULL(?, failed),"
                         " total = IFNULL(?, total), updated = ? WHERE id = ?", (done, failed, total, _now(), task_id))

    def finish_task(self, task_id: int, status: str, message: str = "") -> None:
        if status not in TASK_STATES:
            raise ValueError(f"unknown task status {status!r}")
        with self.transaction() as conn:
            conn.execute("UPDATE tasks SET status = ?, message = ?, finished = ?, updated = ? WHERE id = ?",
                         (status, message, _now(), _now(), task_id))

    def list_tasks(self, project_id: int, *, limit: int = 50) -> list[dict]:
        return [dict(r) for r in self.query("SELECT * FROM tasks WHERE project_id = ? ORDER BY id DESC LIMIT ?",
                                            (project_id, limit))]

    def counts(self, project_id: int) -> dict:
        """How many of each kind of row the project has."""
        one = self.conn.execute
        q = "SELECT count(*) FROM {} WHERE project_id = ?"
        return {
            "files": one(q.format("files"), (project_id,)).fetchone()[0],
            "chunks": one(q.format("chunks"), (project_id,)).fetchone()[0],
            "tags": one(q.format("tags"), (project_id,)).fetchone()[0],
            "questions": one(q.format("questions") + " AND status = 'active'", (project_id,)).fetchone()[0],
            "duplicates": one(q.format("questions") + " AND status = 'duplicate'", (project_id,)).fetchone()[0],
            "answers": one(q.format("answers"), (project_id,)).fetchone()[0],
            "confirmed": one(q.format("answers") + " AND confirmed = 1", (project_id,)).fetchone()[0],
            "dpo_pairs": one(q.format("answers") + " AND rejected IS NOT NULL", (project_id,)).fetchone()[0],
            "judged": one(q.format("answers") + " AND judge_score IS NOT NULL", (project_id,)).fetchone()[0],
            "triples": one(q.format("triples"), (project_id,)).fetchone()[0],
            "failures": one(q.format("failures") + " AND resolved IS NULL", (project_id,)).fetchone()[0],
        }
