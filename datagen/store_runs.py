"""Run bookkeeping of a studio workspace: finished work units, failures (resolved when a retry succeeds), LLM
calls with their token usage, and task states.

A mixin of :class:`datagen.store.Store`; a re-run asks these tables what is left to do.
"""

from __future__ import annotations

import json

from datagen.store_items import timestamp

TASK_STATES = ("running", "done", "failed", "cancelled", "interrupted")


class RunRecords:
    """Units, failures, calls and tasks (mixed into :class:`~datagen.store.Store`)."""

    # --------------------------------------------------------------- units, failures, calls and tasks

    def mark_unit(self, project_id: int, stage: str, key: str, *, task_id: int | None = None) -> None:
        with self.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO units (project_id, stage, key, task_id, updated)"
                         " VALUES (?, ?, ?, ?, ?)", (project_id, stage, key, task_id, timestamp()))

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
                             (task_id, error, raw or "", timestamp(), row["id"]))
                return row["id"]
            return conn.execute("INSERT INTO failures (project_id, task_id, stage, key, error, raw, created)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                                (project_id, task_id, stage, key, error, raw or "", timestamp())).lastrowid

    def resolve_failures(self, project_id: int, stage: str, key: str) -> int:
        """Mark the open failures of unit ``key`` resolved (it succeeded since); returns how many."""
        with self.transaction() as conn:
            return conn.execute("UPDATE failures SET resolved = ? WHERE project_id = ? AND stage = ? AND key = ?"
                                " AND resolved IS NULL", (timestamp(), project_id, stage, key)).rowcount

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
                         (project_id, task_id, stage, model, prompt_tokens, completion_tokens, seconds, timestamp()))

    def token_usage(self, project_id: int, *, task_id: int | None = None) -> dict:
        sql = ("SELECT count(*) AS calls, IFNULL(sum(prompt_tokens), 0) AS prompt_tokens,"
               " IFNULL(sum(completion_tokens), 0) AS completion_tokens FROM llm_calls WHERE project_id = ?")
        params: list = [project_id]
        if task_id is not None:
            sql, params = sql + " AND task_id = ?", [*params, task_id]
        return dict(self.conn.execute(sql, params).fetchone())

    def start_task(self, project_id: int, kind: str, *, total: int = 0, params: dict | None = None) -> int:
        """Open a task row; earlier 'running' tasks of the same kind (a killed process) become 'interrupted'."""
        now = timestamp()
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
                         " total = IFNULL(?, total), updated = ? WHERE id = ?", (done, failed, total, timestamp(), task_id))

    def finish_task(self, task_id: int, status: str, message: str = "") -> None:
        if status not in TASK_STATES:
            raise ValueError(f"unknown task status {status!r}")
        with self.transaction() as conn:
            conn.execute("UPDATE tasks SET status = ?, message = ?, finished = ?, updated = ? WHERE id = ?",
                         (status, message, timestamp(), timestamp(), task_id))

    def list_tasks(self, project_id: int, *, limit: int = 50) -> list[dict]:
        return [dict(r) for r in self.query("SELECT * FROM tasks WHERE project_id = ? ORDER BY id DESC LIMIT ?",
                                            (project_id, limit))]
