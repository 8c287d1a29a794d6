"""Schema of the workspace database and its migrations (SQLite ``user_version`` = the schema version).

To change the schema, add ``MIGRATIONS[n + 1]``: a function that upgrades a connection from version ``n``
inside the open transaction (plain ``conn.execute`` statements; never ``executescript``, which commits).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

_SCHEMA_V1 = """
CREATE TABLE projects (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, settings TEXT NOT NULL DEFAULT '{}', created REAL NOT NULL);
CREATE TABLE files (
    id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    name TEXT NOT NULL, stored_path TEXT NOT NULL, kind TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL,
    text TEXT NOT NULL, outline TEXT NOT NULL DEFAULT '[]', meta TEXT NOT NULL DEFAULT '{}', created REAL NOT NULL,
    UNIQUE (project_id, sha256));
CREATE TABLE chunks (
    id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    file_id INTEGER REFERENCES files(id) ON DELETE CASCADE, position REAL NOT NULL, text TEXT NOT NULL,
    heading_path TEXT NOT NULL DEFAULT '[]', start INTEGER, "end" INTEGER, edited INTEGER NOT NULL DEFAULT 0,
    created REAL NOT NULL);
CREATE INDEX chunks_by_file ON chunks(project_id, file_id, position);
CREATE TABLE tags (
    id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES tags(id) ON DELETE CASCADE, name TEXT NOT NULL, position INTEGER NOT NULL DEFAULT 0);
CREATE UNIQUE INDEX tags_unique ON tags(project_id, IFNULL(parent_id, 0), name);
CREATE TABLE questions (
    id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    chunk_id INTEGER REFERENCES chunks(id) ON DELETE CASCADE, tag_id INTEGER REFERENCES tags(id) ON DELETE SET NULL,
    key TEXT NOT NULL, text TEXT NOT NULL, context TEXT, source TEXT NOT NULL DEFAULT 'chunk',
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'duplicate')),
    duplicate_of INTEGER, similarity REAL, created REAL NOT NULL, UNIQUE (project_id, key));
CREATE INDEX questions_by_status ON questions(project_id, status, id);
CREATE INDEX questions_by_tag ON questions(project_id, tag_id, id);
CREATE INDEX questions_by_chunk ON questions(chunk_id);
CREATE TABLE embeddings (
    question_id INTEGER PRIMARY KEY REFERENCES questions(id) ON DELETE CASCADE, model TEXT NOT NULL,
    vector BLOB NOT NULL);
CREATE TABLE answers (
    id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    question_id INTEGER NOT NULL UNIQUE REFERENCES questions(id) ON DELETE CASCADE, text TEXT NOT NULL,
    reasoning TEXT, reasoning_source TEXT, turns TEXT, rejected TEXT, system TEXT,
    rating INTEGER CHECK (rating BETWEEN 0 AND 5), judge_score REAL, judge_reason TEXT, rouge_l REAL, bleu REAL,
    confirmed INTEGER NOT NULL DEFAULT 0, model TEXT, created REAL NOT NULL, updated REAL NOT NULL);
CREATE INDEX answers_by_confirmed ON answers(project_id, confirmed);
CREATE INDEX answers_by_score ON answers(project_id, IFNULL(rating, judge_score));
CREATE TABLE triples (
    id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    chunk_id INTEGER REFERENCES chunks(id) ON DELETE SET NULL, name TEXT NOT NULL, property TEXT NOT NULL,
    value TEXT NOT NULL, created REAL NOT NULL, UNIQUE (project_id, name, property, value));
CREATE TABLE units (
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE, stage TEXT NOT NULL, key TEXT NOT NULL,
    task_id INTEGER, updated REAL NOT NULL, PRIMARY KEY (project_id, stage, key)) WITHOUT ROWID;
CREATE TABLE failures (
    id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    task_id INTEGER, stage TEXT NOT NULL, key TEXT NOT NULL, error TEXT NOT NULL, raw TEXT NOT NULL DEFAULT '',
    created REAL NOT NULL);
CREATE INDEX failures_by_stage ON failures(project_id, stage, id);
CREATE TABLE tasks (
    id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    kind TEXT NOT NULL, status TEXT NOT NULL, total INTEGER NOT NULL DEFAULT 0, done INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0, params TEXT NOT NULL DEFAULT '{}', message TEXT NOT NULL DEFAULT '',
    started REAL NOT NULL, updated REAL NOT NULL, finished REAL);
CREATE TABLE llm_calls (
    id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    task_id INTEGER, stage TEXT NOT NULL, model TEXT NOT NULL, prompt_tokens INTEGER NOT NULL,
    completion_tokens INTEGER NOT NULL, seconds REAL NOT NULL, created REAL NOT NULL);
CREATE INDEX llm_calls_by_project ON llm_calls(project_id, stage);
"""

# version -> function that upgrades a connection from version - 1 (run inside one transaction)
def _run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run ``;``-separated DDL inside the current transaction (``executescript`` would commit first)."""
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


# v2: a failure is "resolved" (timestamp) once its unit later succeeds; only open failures are counted
_SCHEMA_V2 = """
ALTER TABLE failures ADD COLUMN resolved REAL;
CREATE INDEX failures_by_key ON failures(project_id, stage, key)
"""

# v3: grounding of an answer in its chunk (ROUGE-L precision) and a flag for questions the chunk cannot answer
_SCHEMA_V3 = """
ALTER TABLE answers ADD COLUMN grounding REAL;
ALTER TABLE answers ADD COLUMN unanswerable INTEGER NOT NULL DEFAULT 0
"""

# v4 (media): project images (uploaded, or taken from PDF/DOCX files) and image-grounded QA pairs
_SCHEMA_MEDIA = """
CREATE TABLE images (
    id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    file_id INTEGER REFERENCES files(id) ON DELETE SET NULL, name TEXT NOT NULL, stored_path TEXT NOT NULL,
    sha256 TEXT NOT NULL, mime TEXT NOT NULL, width INTEGER NOT NULL, height INTEGER NOT NULL, size INTEGER NOT NULL,
    source TEXT NOT NULL, page INTEGER, created REAL NOT NULL, UNIQUE (project_id, sha256));
CREATE TABLE image_qa (
    id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE, key TEXT NOT NULL, question TEXT NOT NULL,
    answer TEXT, reasoning TEXT, model TEXT, rating INTEGER CHECK (rating BETWEEN 0 AND 5),
    confirmed INTEGER NOT NULL DEFAULT 0, created REAL NOT NULL, updated REAL NOT NULL, UNIQUE (project_id, key));
CREATE INDEX image_qa_by_image ON image_qa(image_id, id)
"""

# v5: genre-audience pairs (per project, or per file when file_id is set); a question remembers the pair whose
# style it was generated in (and so does its answer, through the question). AUTOINCREMENT: a deleted pair's id is
# never reused, so the question keys of a new pair never collide with an old pair's
_SCHEMA_GA_PAIRS = """
CREATE TABLE ga_pairs (
    id INTEGER PRIMARY KEY AUTOINCREMENT, project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    file_id INTEGER REFERENCES files(id) ON DELETE CASCADE, genre TEXT NOT NULL,
    genre_desc TEXT NOT NULL DEFAULT '', audience TEXT NOT NULL, audience_desc TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1, source TEXT NOT NULL DEFAULT 'manual', created REAL NOT NULL);
CREATE UNIQUE INDEX ga_pairs_unique ON ga_pairs(project_id, IFNULL(file_id, 0), genre, audience);
ALTER TABLE questions ADD COLUMN ga_pair_id INTEGER REFERENCES ga_pairs(id) ON DELETE SET NULL;
CREATE INDEX questions_by_ga_pair ON questions(project_id, ga_pair_id)
"""

# v6 (dialogues): multi-turn conversations grounded in a chunk (optionally opened by one of its questions), one
# row per dialogue, turns committed as they are made
_SCHEMA_DIALOGS = """
CREATE TABLE dialogs (
    id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    chunk_id INTEGER REFERENCES chunks(id) ON DELETE SET NULL,
    question_id INTEGER REFERENCES questions(id) ON DELETE SET NULL, key TEXT NOT NULL, context TEXT NOT NULL,
    system TEXT, scenario TEXT, user_role TEXT NOT NULL, assistant_role TEXT NOT NULL, rounds INTEGER NOT NULL,
    turns TEXT NOT NULL DEFAULT '[]', status TEXT NOT NULL DEFAULT 'partial' CHECK (status IN ('partial', 'done')),
    confirmed INTEGER NOT NULL DEFAULT 0, model TEXT, created REAL NOT NULL, updated REAL NOT NULL,
    UNIQUE (project_id, key));
CREATE INDEX dialogs_by_status ON dialogs(project_id, status, id)
"""

# v7: evaluation sets (issue 15 item 3): closed and open questions with reference answers, evaluation runs of a
# model against them and one result row per (run, question); a result is written as soon as it exists
_SCHEMA_EVALSETS = """
CREATE TABLE eval_questions (
    id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    chunk_id INTEGER REFERENCES chunks(id) ON DELETE SET NULL, tag_id INTEGER REFERENCES tags(id) ON DELETE SET NULL,
    key TEXT NOT NULL, qtype TEXT NOT NULL CHECK (qtype IN ('true_false', 'single_choice', 'multiple_choice',
    'short_answer', 'open')), question TEXT NOT NULL, options TEXT NOT NULL DEFAULT '[]', answer TEXT NOT NULL,
    rubric TEXT, context TEXT, model TEXT, created REAL NOT NULL, updated REAL NOT NULL, UNIQUE (project_id, key));
CREATE INDEX eval_questions_by_type ON eval_questions(project_id, qtype, id);
CREATE TABLE eval_runs (
    id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    model TEXT NOT NULL, endpoint TEXT, judge_model TEXT, params TEXT NOT NULL DEFAULT '{}',
    status TEXT NOT NULL DEFAULT 'running', total INTEGER NOT NULL DEFAULT 0, summary TEXT,
    started REAL NOT NULL, finished REAL);
CREATE TABLE eval_results (
    run_id INTEGER NOT NULL REFERENCES eval_runs(id) ON DELETE CASCADE,
    question_id INTEGER NOT NULL REFERENCES eval_questions(id) ON DELETE CASCADE, reply TEXT NOT NULL,
    reasoning TEXT, parsed TEXT, score REAL, judge_reason TEXT, created REAL NOT NULL,
    PRIMARY KEY (run_id, question_id)) WITHOUT ROWID
"""

MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: lambda conn: _run_script(conn, _SCHEMA_V1),
    2: lambda conn: _run_script(conn, _SCHEMA_V2),
    3: lambda conn: _run_script(conn, _SCHEMA_V3),
    4: lambda conn: _run_script(conn, _SCHEMA_MEDIA),
    5: lambda conn: _run_script(conn, _SCHEMA_GA_PAIRS),
    6: lambda conn: _run_script(conn, _SCHEMA_DIALOGS),
    7: lambda conn: _run_script(conn, _SCHEMA_EVALSETS),
}
SCHEMA_VERSION = max(MIGRATIONS)
