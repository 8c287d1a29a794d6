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
from pathlib import Path

from datagen import schema
from datagen.errors import StoreError
from datagen.store_items import ITEM_STATUSES, ItemQuality, ItemRecords, Page, timestamp
from datagen.store_runs import TASK_STATES, RunRecords

logger = logging.getLogger(__name__)

__all__ = ["ITEM_STATUSES", "TASK_STATES", "ItemQuality", "Page", "Store"]

DB_NAME = "studio.db"
FILES_DIR = "files"
LOCKS_DIR = "locks"


WAL_WAIT_S = 60.0  # how long opening waits for another process that holds the new database while switching it to WAL


def _wal(conn: sqlite3.Connection) -> None:
    """Switch the connection's database to write-ahead logging. Two processes opening a new workspace at once may
    meet "database is locked" here without SQLite's busy handler being asked (it changes the journal mode under an
    exclusive lock), so the switch is retried until ``WAL_WAIT_S`` has passed."""
    deadline = time.monotonic() + WAL_WAIT_S
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class Store(ItemRecords, RunRecords):
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
                _wal(conn)
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

    def write_blob(self, relative: str, data: bytes, *, label: str | None = None) -> None:
        """Write ``data`` to ``root/relative`` unless it exists (content-addressed names): through a temporary file
        of this writer's own, so a full or read-only disk leaves no partial copy and two processes or threads storing
        the same upload at once both succeed (one rename wins; the content is the same); the error names ``label``
        (default: the file)."""
        target = self.root / relative
        if target.exists():
            return
        tmp = target.with_name(f"{target.name}.{os.getpid()}-{threading.get_ident()}.tmp")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(data)
            tmp.replace(target)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise StoreError(str(self.write_error(exc)).replace(str(self.db_path), label or str(target), 1)) from exc

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
                                (name, json.dumps(settings or {}), timestamp())).lastrowid

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
                 json.dumps(meta, default=str), timestamp()))
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
            now = timestamp()
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
                 max(r["end"] or 0 for r in rows), timestamp())).lastrowid
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
