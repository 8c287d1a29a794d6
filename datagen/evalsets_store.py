"""Evaluation-set rows of a studio workspace: eval questions, evaluation runs and their per-question results.

Plain functions over an open :class:`~datagen.store.Store` (its connection and transactions), kept out of the
store's mixins so that the evaluation feature stays in its own files. Every question is committed with the mark
of the work unit that produced it, and every result as soon as the model under test has replied (its judge
score follows in a second write), so a killed run loses nothing that was already answered.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from datagen.errors import StoreError
from datagen.store import Store
from datagen.store_items import timestamp

QTYPES = ("true_false", "single_choice", "multiple_choice", "short_answer", "open")
CLOSED_TYPES = frozenset({"true_false", "single_choice", "multiple_choice"})
RUN_STATES = ("running", "done", "incomplete", "failed", "cancelled", "interrupted")

_QUESTION_SELECT = """
SELECT e.id, e.project_id, e.chunk_id, e.tag_id, t.name AS tag, e.key, e.qtype, e.question, e.options, e.answer,
       e.rubric, e.context, e.model, e.created, e.updated
FROM eval_questions e LEFT JOIN tags t ON t.id = e.tag_id
"""


def _question(row) -> dict:
    item = dict(row)
    item["options"] = json.loads(item["options"] or "[]")
    return item


def add_eval_questions(store: Store, project_id: int, rows: Sequence[dict], *, unit: tuple[str, str] | None = None,
                       task_id: int | None = None) -> list[int]:
    """Insert eval questions (``key``, ``qtype``, ``question``, ``answer`` and optional ``options``, ``rubric``,
    ``chunk_id``, ``tag_id``, ``context``, ``model``) and mark ``unit`` done, in one transaction; rows whose key
    exists are skipped. Returns the new ids."""
    ids = []
    now = timestamp()
    with store.transaction() as conn:
        for row in rows:
            if row["qtype"] not in QTYPES:
                raise ValueError(f"eval question {row['key']}: unknown type {row['qtype']!r}; one of {QTYPES}")
            cur = conn.execute(
                "INSERT OR IGNORE INTO eval_questions (project_id, chunk_id, tag_id, key, qtype, question, options,"
                " answer, rubric, context, model, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (project_id, row.get("chunk_id"), row.get("tag_id"), row["key"], row["qtype"], row["question"],
                 json.dumps(list(row.get("options") or []), ensure_ascii=False), row["answer"], row.get("rubric"),
                 row.get("context"), row.get("model"), now, now))
            if cur.rowcount:
                ids.append(cur.lastrowid)
        if unit:
            store.mark_unit(project_id, unit[0], unit[1], task_id=task_id)
    return ids


def list_eval_questions(store: Store, project_id: int, *, qtypes: Sequence[str] | None = None,
                        tag_ids: Sequence[int] | None = None, limit: int | None = None,
                        offset: int = 0) -> list[dict]:
    """The project's eval questions in id order, optionally only some types and tags."""
    sql, params = _QUESTION_SELECT + " WHERE e.project_id = ?", [project_id]
    if qtypes:
        sql += f" AND e.qtype IN ({','.join('?' * len(qtypes))})"
        params += list(qtypes)
    if tag_ids is not None:
        sql += f" AND e.tag_id IN ({','.join('?' * len(tag_ids)) or 'NULL'})"
        params += list(tag_ids)
    sql += " ORDER BY e.id LIMIT ? OFFSET ?"
    params += [-1 if limit is None else limit, offset]
    return [_question(r) for r in store.query(sql, params)]


def get_eval_question(store: Store, question_id: int) -> dict:
    row = store.conn.execute(_QUESTION_SELECT + " WHERE e.id = ?", (question_id,)).fetchone()
    if row is None:
        raise StoreError(f"no eval question with id {question_id}")
    return _question(row)


def update_eval_question(store: Store, question_id: int, **fields) -> None:
    """Change ``question``, ``answer``, ``options`` (a list), ``rubric`` or ``tag_id`` of one eval question."""
    allowed = {"question", "answer", "options", "rubric", "tag_id"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"cannot edit {sorted(unknown)} of an eval question; editable: {sorted(allowed)}")
    if "options" in fields:
        fields["options"] = json.dumps(list(fields["options"]), ensure_ascii=False)
    if not fields:
        return
    sets = ", ".join(f"{name} = ?" for name in fields)
    with store.transaction() as conn:
        cur = conn.execute(f"UPDATE eval_questions SET {sets}, updated = ? WHERE id = ?",
                           [*fields.values(), timestamp(), question_id])
        if cur.rowcount == 0:
            raise StoreError(f"no eval question with id {question_id}")


def delete_eval_question(store: Store, question_id: int) -> None:
    with store.transaction() as conn:
        if conn.execute("DELETE FROM eval_questions WHERE id = ?", (question_id,)).rowcount == 0:
            raise StoreError(f"no eval question with id {question_id}")


def eval_counts(store: Store, project_id: int) -> dict[str, int]:
    """Eval questions per type (every type present, zero when none)."""
    rows = store.query("SELECT qtype, count(*) AS n FROM eval_questions WHERE project_id = ? GROUP BY qtype",
                       (project_id,))
    found = {r["qtype"]: r["n"] for r in rows}
    return {qtype: found.get(qtype, 0) for qtype in QTYPES}


# ------------------------------------------------------------------------------------------- runs

def start_eval_run(store: Store, project_id: int, *, model: str, endpoint: str | None, judge_model: str | None,
                   params: dict, total: int) -> int:
    with store.transaction() as conn:
        return conn.execute(
            "INSERT INTO eval_runs (project_id, model, endpoint, judge_model, params, status, total, started)"
            " VALUES (?, ?, ?, ?, ?, 'running', ?, ?)",
            (project_id, model, endpoint, judge_model, json.dumps(params, default=str), total, timestamp())).lastrowid


def _run(row) -> dict:
    run = dict(row)
    run["params"] = json.loads(run["params"] or "{}")
    run["summary"] = json.loads(run["summary"]) if run["summary"] else None
    return run


def get_eval_run(store: Store, run_id: int) -> dict:
    row = store.conn.execute("SELECT * FROM eval_runs WHERE id = ?", (run_id,)).fetchone()
    if row is None:
        raise StoreError(f"no evaluation run with id {run_id}")
    return _run(row)


def list_eval_runs(store: Store, project_id: int, *, limit: int = 50) -> list[dict]:
    rows = store.query("SELECT * FROM eval_runs WHERE project_id = ? ORDER BY id DESC LIMIT ?", (project_id, limit))
    return [_run(r) for r in rows]


def finish_eval_run(store: Store, run_id: int, status: str, summary: dict | None) -> None:
    if status not in RUN_STATES:
        raise ValueError(f"unknown run status {status!r}")
    with store.transaction() as conn:
        conn.execute("UPDATE eval_runs SET status = ?, summary = ?, finished = ? WHERE id = ?",
                     (status, json.dumps(summary) if summary is not None else None, timestamp(), run_id))


def save_reply(store: Store, run_id: int, question_id: int, *, reply: str, reasoning: str | None,
               parsed: object, score: float | None) -> None:
    """Store the evaluated model's reply (and, for closed types, its exact-match score) for one question."""
    with store.transaction() as conn:
        conn.execute("INSERT OR REPLACE INTO eval_results (run_id, question_id, reply, reasoning, parsed, score,"
                     " created) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (run_id, question_id, reply, reasoning, json.dumps(parsed, ensure_ascii=False), score,
                      timestamp()))


def save_judgement(store: Store, run_id: int, question_id: int, score: float, reason: str) -> None:
    with store.transaction() as conn:
        conn.execute("UPDATE eval_results SET score = ?, judge_reason = ? WHERE run_id = ? AND question_id = ?",
                     (score, reason, run_id, question_id))


def run_results(store: Store, run_id: int) -> dict[int, dict]:
    """question id → its result row (reply, parsed, score, judge_reason) for one run."""
    rows = store.query("SELECT * FROM eval_results WHERE run_id = ?", (run_id,))
    return {r["question_id"]: {**dict(r), "parsed": json.loads(r["parsed"]) if r["parsed"] else None}
            for r in rows}


def result_rows(store: Store, run_id: int) -> list[dict]:
    """Every result of a run joined with its question (type, tag, reference), in question order."""
    rows = store.query(
        "SELECT r.question_id, e.qtype, t.name AS tag, e.question, e.options, e.answer AS reference, r.reply,"
        " r.parsed, r.score, r.judge_reason FROM eval_results r JOIN eval_questions e ON e.id = r.question_id"
        " LEFT JOIN tags t ON t.id = e.tag_id WHERE r.run_id = ? ORDER BY r.question_id", (run_id,))
    return [{**dict(r), "options": json.loads(r["options"] or "[]"),
             "parsed": json.loads(r["parsed"]) if r["parsed"] else None} for r in rows]
