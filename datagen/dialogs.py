"""Multi-turn dialogues grounded in a chunk: generation (a resumable stage), turn-by-turn review and export.

A dialogue is one row of the ``dialogs`` table: the chunk's text, the personas playing the user and the
assistant (e.g. ``student`` / ``tutor``), the assistant's system prompt, the number of rounds (one user message
and one assistant reply each) and the ``turns`` so far. Every message is committed as soon as the model has
written it, so a killed run loses at most the message in flight and a re-run continues each partial dialogue
from its last stored turn. The personas, system prompt and rounds are fixed per dialogue when it starts; a run
with other settings starts other dialogues (its key includes them), so one chunk can yield differently styled
conversations.

Review works on single turns (edit one message, delete one round) and on whole dialogues (confirm, delete).
Export turns dialogues into canonical items with ``turns`` and ``system`` and writes them through the format
registry: ShareGPT ``conversations`` and OpenAI ``messages`` with every turn, Alpaca with ``history``.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from datagen import format_registry, formats
from datagen.errors import FormatError, StoreError
from datagen.generate import GenerationSettings, Job, StageReport, run_stage
from datagen.llm import ChatClient
from datagen.store import Store
from datagen.store_items import timestamp

logger = logging.getLogger(__name__)

STAGE = "dialogs"
MAX_ROUNDS = 20
MAX_ROLE_CHARS = 60
MAX_SYSTEM_CHARS = 4000
DEFAULT_SYSTEM = {"en": "Answer helpfully and accurately.", "zh": "请准确、有帮助地回答。"}
DEFAULT_SCENARIO = {"en": "a conversation about the reference text", "zh": "围绕参考文本的一段对话"}
SEEDS = ("chunks", "questions")
DIALOG_FORMATS = ("sharegpt", "openai", "alpaca")


@dataclass(frozen=True)
class DialogSettings:
    """How dialogues are written: rounds (user message + reply), personas, system prompt, scenario, and what
    opens them: ``seed="chunks"`` (``per_chunk`` dialogues per chunk, the model writes the first message) or
    ``"questions"`` (one dialogue per generated question of a chunk, which is its first message)."""

    rounds: int = 3
    user_role: str = "user"
    assistant_role: str = "assistant"
    system_prompt: str = ""
    per_chunk: int = 1
    scenario: str = ""
    seed: str = "chunks"

    def __post_init__(self) -> None:
        if not 1 <= self.rounds <= MAX_ROUNDS:
            raise ValueError(f"rounds must be between 1 and {MAX_ROUNDS}, got {self.rounds}")
        if not 1 <= self.per_chunk <= 10:
            raise ValueError(f"per_chunk (dialogues per chunk) must be between 1 and 10, got {self.per_chunk}")
        for name in ("user_role", "assistant_role"):
            value = getattr(self, name)
            if not value.strip() or len(value) > MAX_ROLE_CHARS or "\n" in value:
                raise ValueError(f"{name} must be one line of 1-{MAX_ROLE_CHARS} characters, got {value!r}")
        for name in ("system_prompt", "scenario"):
            if len(getattr(self, name)) > MAX_SYSTEM_CHARS:
                raise ValueError(f"{name} is {len(getattr(self, name))} characters; at most {MAX_SYSTEM_CHARS}")
        if self.seed not in SEEDS:
            raise ValueError(f"seed must be one of {', '.join(SEEDS)}, got {self.seed!r}")

    def style_key(self) -> str:
        """A short hash of what makes a dialogue's style (part of its unit key)."""
        text = json.dumps([self.rounds, self.user_role.strip(), self.assistant_role.strip(),
                           self.system_prompt.strip(), self.scenario.strip()], ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()[:10]


# ------------------------------------------------------------------------------------------ storage

def _row(row) -> dict:
    item = dict(row)
    item["turns"] = json.loads(item["turns"])
    item["confirmed"] = bool(item["confirmed"])
    return item


def start_dialog(store: Store, project_id: int, seed: dict, key: str, settings: DialogSettings) -> dict:
    """The dialogue of unit ``key``: created unless it exists (an existing one keeps its style). ``seed`` holds
    ``chunk_id``, ``context`` and, for a question-opened dialogue, ``question_id`` and ``question``, which
    becomes its first turn in the same transaction."""
    opening = [{"role": "user", "content": seed["question"]}] if seed.get("question") else []
    with store.transaction() as conn:
        conn.execute("INSERT OR IGNORE INTO dialogs (project_id, chunk_id, question_id, key, context, system,"
                     " scenario, user_role, assistant_role, rounds, turns, created, updated)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (project_id, seed.get("chunk_id"), seed.get("question_id"), key, seed["context"],
                      settings.system_prompt.strip() or None, settings.scenario.strip() or None,
                      settings.user_role.strip(), settings.assistant_role.strip(), settings.rounds,
                      json.dumps(opening, ensure_ascii=False), timestamp(), timestamp()))
        row = conn.execute("SELECT * FROM dialogs WHERE project_id = ? AND key = ?", (project_id, key)).fetchone()
    return _row(row)


def add_turn(store: Store, dialog_id: int, role: str, content: str, *, model: str | None = None) -> dict | None:
    """Append one message and commit it; the dialogue is ``done`` once it holds all its rounds. Returns the
    dialogue as stored now (None when it was deleted meanwhile, e.g. in review)."""
    with store.transaction() as conn:
        row = conn.execute("SELECT turns, rounds FROM dialogs WHERE id = ?", (dialog_id,)).fetchone()
        if row is None:
            return None
        turns = [*json.loads(row["turns"]), {"role": role, "content": content}]
        status = "done" if len(turns) >= 2 * row["rounds"] else "partial"
        conn.execute("UPDATE dialogs SET turns = ?, status = ?, model = IFNULL(?, model), updated = ? WHERE id = ?",
                     (json.dumps(turns, ensure_ascii=False), status, model, timestamp(), dialog_id))
    return get_dialog(store, dialog_id)


def get_dialog(store: Store, dialog_id: int, project_id: int | None = None) -> dict:
    """One dialogue (``project_id`` given: it must belong to that project)."""
    row = store.conn.execute("SELECT * FROM dialogs WHERE id = ?", (dialog_id,)).fetchone()
    if row is None or (project_id is not None and row["project_id"] != project_id):
        raise StoreError(f"no dialogue with id {dialog_id} in this project")
    return _row(row)


def list_dialogs(store: Store, project_id: int, *, status: str = "all", page: int = 1,
                 page_size: int = 20) -> tuple[list[dict], int]:
    """A page of dialogues (``status``: all, done, partial, confirmed) and the total count."""
    where = {"all": "", "done": " AND status = 'done'", "partial": " AND status = 'partial'",
             "confirmed": " AND confirmed = 1"}
    if status not in where:
        raise ValueError(f"status must be one of {', '.join(where)}, got {status!r}")
    if page < 1 or page_size < 1:
        raise ValueError(f"page and page_size must be >= 1, got {page}, {page_size}")
    sql = f"FROM dialogs WHERE project_id = ?{where[status]}"
    total = store.conn.execute(f"SELECT count(*) {sql}", (project_id,)).fetchone()[0]
    rows = store.query(f"SELECT * {sql} ORDER BY id LIMIT ? OFFSET ?", (project_id, page_size,
                                                                        (page - 1) * page_size))
    return [_row(r) for r in rows], total


def _check_turn(dialog: dict, number: int) -> int:
    """The 0-based index of 1-based turn ``number``; a clear error when out of range."""
    if not 1 <= number <= len(dialog["turns"]):
        raise ValueError(f"dialogue {dialog['id']} has turns 1-{len(dialog['turns'])}; there is no turn {number}")
    return number - 1


def _change(store: Store, dialog_id: int, project_id: int | None, change) -> dict:
    """Read, change and write a dialogue in one transaction (a generation appending turns meanwhile waits, so
    neither side loses the other's write); ``change(dialog)`` returns the columns to set."""
    with store.transaction() as conn:
        row = conn.execute("SELECT * FROM dialogs WHERE id = ?", (dialog_id,)).fetchone()
        if row is None or (project_id is not None and row["project_id"] != project_id):
            raise StoreError(f"no dialogue with id {dialog_id} in this project")
        values = change(_row(row))
        if "turns" in values:
            values["turns"] = json.dumps(values["turns"], ensure_ascii=False)
        sets = "".join(f", {k} = ?" for k in values)
        conn.execute(f"UPDATE dialogs SET updated = ?{sets} WHERE id = ?", (timestamp(), *values.values(), dialog_id))
    return get_dialog(store, dialog_id)


def edit_turn(store: Store, dialog_id: int, number: int, content: str, project_id: int | None = None) -> dict:
    """Replace the text of turn ``number`` (1-based); the other turns are untouched."""
    if not content or not content.strip():
        raise ValueError(f"turn {number}: the new text is empty (delete the round instead)")

    def change(dialog: dict) -> dict:
        turns = dialog["turns"]
        turns[_check_turn(dialog, number)]["content"] = content.strip()
        return {"turns": turns}

    return _change(store, dialog_id, project_id, change)


def delete_turn(store: Store, dialog_id: int, number: int, project_id: int | None = None) -> dict:
    """Delete the round holding turn ``number`` (the user message and its reply, so turns still alternate)."""

    def change(dialog: dict) -> dict:
        index = _check_turn(dialog, number)
        start = index - index % 2
        turns = dialog["turns"][:start] + dialog["turns"][start + 2:]
        if len(turns) < 2:
            raise ValueError(f"dialogue {dialog_id} would have no round left; delete the dialogue instead")
        if dialog["status"] == "done":  # a finished dialogue stays finished, one round shorter
            return {"turns": turns, "rounds": len(turns) // 2}
        rounds = max(1, dialog["rounds"] - 1)  # a partial one still aims at one round fewer than before
        return {"turns": turns, "rounds": rounds, "status": "done" if len(turns) >= 2 * rounds else "partial"}

    return _change(store, dialog_id, project_id, change)


def confirm_dialog(store: Store, dialog_id: int, confirmed: bool = True, project_id: int | None = None) -> None:
    _change(store, dialog_id, project_id, lambda dialog: {"confirmed": int(confirmed)})


def delete_dialog(store: Store, dialog_id: int, project_id: int | None = None) -> None:
    get_dialog(store, dialog_id, project_id)
    with store.transaction() as conn:
        conn.execute("DELETE FROM dialogs WHERE id = ?", (dialog_id,))


def dialog_counts(store: Store, project_id: int) -> dict:
    row = store.conn.execute(
        "SELECT count(*) AS total, IFNULL(sum(status = 'done'), 0) AS done, IFNULL(sum(confirmed), 0) AS confirmed"
        " FROM dialogs WHERE project_id = ?", (project_id,)).fetchone()
    return dict(row)


# --------------------------------------------------------------------------------------- generation

def _transcript(dialog: dict) -> str:
    names = {"user": dialog["user_role"], "assistant": dialog["assistant_role"]}
    lines = [f"{names[t['role']]}: {t['content']}" for t in dialog["turns"]]
    return "\n".join(lines) or "(nothing yet)"


async def continue_dialog(job: Job, dialog: dict) -> None:
    """Write the missing turns of ``dialog``, committing each message; stops at the first failed call."""
    key = f"dialog:{dialog['key']}"
    while len(dialog["turns"]) < 2 * dialog["rounds"]:
        fields = {"context": dialog["context"], "conversation": _transcript(dialog),
                  "user_role": dialog["user_role"], "assistant_role": dialog["assistant_role"],
                  "scenario": dialog["scenario"] or DEFAULT_SCENARIO[job.lang]}
        if len(dialog["turns"]) % 2 == 0:
            role, prompt = "user", "dialog_user"
            fields.update({"round": len(dialog["turns"]) // 2 + 1, "rounds": dialog["rounds"]})
        else:
            role, prompt = "assistant", "dialog_assistant"
            fields["system"] = dialog["system"] or DEFAULT_SYSTEM[job.lang]
        got = await job.ask(prompt, fields, key=key)
        if got is None:
            return
        text, result = got
        dialog = add_turn(job.store, dialog["id"], role, text, model=result.model or job.llm.model)
        if dialog is None:  # deleted in review meanwhile (deleting a round keeps the user/assistant order)
            return
    job.report.created += 1


def _seeds(store: Store, project_id: int, settings: DialogSettings, chunk_ids) -> list[tuple[dict, str]]:
    """(seed, unit key) of every dialogue the settings ask for."""
    wanted = set(chunk_ids) if chunk_ids is not None else None
    style = settings.style_key()
    if settings.seed == "questions":
        rows = store.query("SELECT q.id AS question_id, q.chunk_id, q.text AS question, c.text AS context"
                           " FROM questions q JOIN chunks c ON c.id = q.chunk_id"
                           " WHERE q.project_id = ? AND q.status = 'active' ORDER BY q.id", (project_id,))
        return [(dict(r), f"question:{r['question_id']}:{style}") for r in rows
                if wanted is None or r["chunk_id"] in wanted]
    chunks = [c for c in store.list_chunks(project_id) if wanted is None or c["id"] in wanted]
    return [({"chunk_id": c["id"], "context": c["text"]}, f"chunk:{c['id']}:{style}:{n}")
            for c in chunks for n in range(settings.per_chunk)]


def generate_dialogs(store: Store, project_id: int, llm: ChatClient, settings: GenerationSettings,
                     dialog_settings: DialogSettings, *, chunk_ids=None, progress=None,
                     cancel=None) -> StageReport:
    """Write the dialogues ``dialog_settings`` asks for (per chunk, or one per question; only ``chunk_ids`` when
    given); finished ones are skipped, partial ones continued from their last stored turn."""
    keys = _seeds(store, project_id, dialog_settings, chunk_ids)
    done = {r["key"] for r in store.query("SELECT key FROM dialogs WHERE project_id = ? AND status = 'done'",
                                          (project_id,))}
    units = [(seed, key) for seed, key in keys if key not in done]
    job = Job(store, project_id, llm, settings, stage=STAGE, progress=progress, cancel=cancel)

    async def worker(unit) -> None:
        seed, key = unit
        await continue_dialog(job, start_dialog(store, project_id, seed, key, dialog_settings))

    params = {"rounds": dialog_settings.rounds, "user_role": dialog_settings.user_role,
              "assistant_role": dialog_settings.assistant_role, "per_chunk": dialog_settings.per_chunk,
              "seed": dialog_settings.seed, "lang": settings.lang}
    return run_stage(job, units, worker, skipped=len(keys) - len(units), params=params)


# -------------------------------------------------------------------------------------------- export

def dialog_items(store: Store, project_id: int, *, only_confirmed: bool = False) -> list[dict]:
    """Finished dialogues as canonical items (``turns``, ``system``; question/answer = first/last message)."""
    sql = "SELECT * FROM dialogs WHERE project_id = ? AND status = 'done'"
    rows = [_row(r) for r in store.query(sql + (" AND confirmed = 1" if only_confirmed else "") + " ORDER BY id",
                                         (project_id,))]
    items = []
    for d in rows:
        turns = [{"role": t["role"], "content": t["content"]} for t in d["turns"]]
        item = dict(formats.QA_DEFAULTS)
        item.update(question=turns[0]["content"], answer=turns[-1]["content"], context=d["context"],
                    system=d["system"], confirmed=d["confirmed"], turns=turns)
        items.append(item)
    return items


def export_dialogs(store: Store, project_id: int, fmt: str, out: str | Path, *, system_prompt: str | None = None,
                   only_confirmed: bool = False, llamafactory: str | None = None) -> dict:
    """Write finished dialogues as ``fmt`` (sharegpt, openai, alpaca) to ``out``; ``{files, rows}``."""
    if fmt not in DIALOG_FORMATS:
        raise FormatError(f"dialogues export as {', '.join(DIALOG_FORMATS)}, not {fmt!r}")
    format_registry.get(fmt)
    out = Path(out)
    formats.file_type_of(out)
    items = dialog_items(store, project_id, only_confirmed=only_confirmed)
    if not items:
        which = "confirmed finished" if only_confirmed else "finished"
        raise FormatError(f"nothing to export: the project has no {which} dialogue "
                          "(`python -m datagen dialogs generate` writes some)")
    formats.export_items(items, out, fmt, system_prompt=system_prompt, include_reasoning=False)
    files = [str(out)]
    if llamafactory:
        entry = formats.llamafactory_entry(llamafactory, out.name, fmt, history=True)
        files.append(str(formats.write_dataset_info(out.parent, entry)))
    return {"files": files, "rows": len(items)}
