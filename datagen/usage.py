"""Token usage of a project from its ``llm_calls`` rows: per stage, per run (task) and per model.

Every call a stage makes is recorded with its task id, stage, model and token counts (see
:meth:`datagen.generate.Job._record`); these queries sum them for ``python -m datagen stats`` and the studio UI.
"""

from __future__ import annotations

from datagen.store import Store

_SUMS = ("count(*) AS calls, IFNULL(sum(prompt_tokens), 0) AS prompt_tokens,"
         " IFNULL(sum(completion_tokens), 0) AS completion_tokens, IFNULL(round(sum(seconds), 2), 0) AS seconds")


def by_stage(store: Store, project_id: int, *, task_id: int | None = None) -> list[dict]:
    """``[{stage, model, calls, prompt_tokens, completion_tokens, seconds}]``, one row per stage and model."""
    sql = f"SELECT stage, model, {_SUMS} FROM llm_calls WHERE project_id = ?"
    params: list = [project_id]
    if task_id is not None:
        sql, params = sql + " AND task_id = ?", [*params, task_id]
    return [dict(r) for r in store.query(sql + " GROUP BY stage, model ORDER BY min(id)", params)]


def by_task(store: Store, project_id: int, *, limit: int = 20) -> list[dict]:
    """The latest runs (tasks) with their status and summed usage, newest first; tasks without calls too."""
    sql = (f"SELECT t.id AS task_id, t.kind AS stage, t.status, t.done, t.total, t.started,"
           f" IFNULL(group_concat(DISTINCT c.model), '') AS models, {_SUMS.replace('count(*)', 'count(c.id)')}"
           " FROM tasks t LEFT JOIN llm_calls c ON c.task_id = t.id WHERE t.project_id = ?"
           " GROUP BY t.id ORDER BY t.id DESC LIMIT ?")
    return [dict(r) for r in store.query(sql, (project_id, limit))]


def usage(store: Store, project_id: int, *, limit: int = 20) -> dict:
    """``{stages: by_stage, tasks: by_task}`` for a project."""
    return {"stages": by_stage(store, project_id), "tasks": by_task(store, project_id, limit=limit)}


def usage_lines(info: dict) -> list[str]:
    """Plain-text lines of :func:`usage` (one per stage/model, then one per run)."""
    lines = ["tokens per stage:"]
    lines += [f"  {r['stage']} [{r['model']}]: {r['calls']} calls, prompt {r['prompt_tokens']}, completion "
              f"{r['completion_tokens']}" for r in info["stages"]] or ["  (no calls yet)"]
    lines.append("tokens per run:")
    lines += [f"  task {r['task_id']} {r['stage']} ({r['status']} {r['done']}/{r['total']}) "
              f"[{r['models'] or '-'}]: {r['calls']} calls, prompt {r['prompt_tokens']}, completion "
              f"{r['completion_tokens']}" for r in info["tasks"]] or ["  (no runs yet)"]
    return lines
