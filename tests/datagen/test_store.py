"""The workspace store: schema versioning, editing, review queries, concurrency, crash-resume, 100k-row paging."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from datagen import schema
from datagen.errors import StoreError
from datagen.store import Store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def ws(tmp_path):
    store = Store.open(tmp_path / "ws", create=True)
    pid = store.create_project("p")
    yield store, pid
    store.close()


def _file(store, pid, name="a.md", text="# A\n\nalpha\n\n# B\n\nbeta\n"):
    fid, _ = store.add_file(pid, name=name, stored_path=f"files/{name}", kind="markdown", sha256=name, size=1,
                            text=text, outline=[(1, "A"), (1, "B")], meta={})
    return fid


def _items(store, pid, n, *, chunk_id=None, tag_id=None, prefix="q"):
    rows = [{"key": f"{prefix}:{i}", "text": f"{prefix} question {i}?", "chunk_id": chunk_id, "tag_id": tag_id}
            for i in range(n)]
    ids = store.add_questions(pid, rows)
    for qid in ids:
        store.add_answer(qid, text=f"answer {qid}")
    return ids


def test_open_requires_a_workspace_and_sets_wal_fk_and_version(tmp_path):
    with pytest.raises(StoreError, match="no workspace here"):
        Store.open(tmp_path / "missing")
    store = Store.open(tmp_path / "ws", create=True)
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.schema_version == schema.SCHEMA_VERSION
    assert (tmp_path / "ws" / "files").is_dir()


def test_migration_hook_upgrades_and_newer_versions_are_refused(tmp_path, monkeypatch):
    Store.open(tmp_path / "ws", create=True).close()
    current = schema.SCHEMA_VERSION
    migrations = dict(schema.MIGRATIONS)
    migrations[current + 1] = lambda conn: conn.execute("ALTER TABLE projects ADD COLUMN note TEXT")
    monkeypatch.setattr(schema, "MIGRATIONS", migrations)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", current + 1)
    store = Store.open(tmp_path / "ws")
    assert store.schema_version == current + 1
    assert "note" in [r[1] for r in store.conn.execute("PRAGMA table_info(projects)")]
    store.close()
    monkeypatch.setattr(schema, "SCHEMA_VERSION", current)
    with pytest.raises(StoreError, match="newer than this program"):
        Store.open(tmp_path / "ws")


def test_a_failed_transaction_changes_nothing(ws):
    store, pid = ws
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.add_questions(pid, [{"key": "k", "text": "a question?"}])
            raise RuntimeError("boom")
    assert store.counts(pid)["questions"] == 0


def test_chunks_edit_merge_delete(ws):
    store, pid = ws
    fid = _file(store, pid)
    store.replace_chunks(pid, fid, [{"text": "alpha", "heading_path": ["A"], "start": 0, "end": 5},
                                    {"text": "beta", "heading_path": ["B"], "start": 6, "end": 10},
                                    {"text": "gamma", "heading_path": ["B"], "start": 11, "end": 16}])
    c1, c2, c3 = (c["id"] for c in store.list_chunks(pid))
    store.edit_chunk(c1, "alpha edited")
    assert store.get_chunk(c1)["text"] == "alpha edited" and store.get_chunk(c1)["edited"]
    with pytest.raises(ValueError):
        store.edit_chunk(c1, "  ")
    _items(store, pid, 2, chunk_id=c2)
    store.mark_unit(pid, "questions", f"chunk:{c2}")
    store.mark_unit(pid, "questions", f"chunk:{c3}")
    new = store.merge_chunks([c2, c3], "beta\n\ngamma", ["B"])
    assert [c["id"] for c in store.list_chunks(pid)] == [c1, new]
    assert store.conn.execute("SELECT count(*) FROM questions WHERE chunk_id = ?", (new,)).fetchone()[0] == 2
    assert store.done_units(pid, "questions") == {f"chunk:{new}"}
    with pytest.raises(StoreError, match="re-splitting would delete them"):
        store.replace_chunks(pid, fid, [{"text": "x"}])
    assert store.delete_chunk(new) == 2 and store.counts(pid)["questions"] == 0


def test_tags_add_rename_move_delete(ws):
    store, pid = ws
    top = store.add_tag(pid, "Planets")
    mars = store.add_tag(pid, "Mars", top)
    assert store.add_tag(pid, " Mars ", top) == mars  # same name under the same parent: same tag
    moons = store.add_tag(pid, "Moons", mars)
    other = store.add_tag(pid, "Other")
    store.rename_tag(mars, "Red planet")
    with pytest.raises(StoreError, match="own subtree"):
        store.move_tag(top, moons)
    store.move_tag(moons, other)
    assert [t["path"] for t in store.list_tags(pid)] == ["Planets", "Planets / Red planet", "Other",
                                                         "Other / Moons"]
    store.add_tag(pid, "Moons", top)
    with pytest.raises(StoreError, match="already named"):
        store.rename_tag(store.add_tag(pid, "Moons2", top), "Moons")
    qid = _items(store, pid, 1, tag_id=moons)[0]
    store.delete_tag(other)
    assert store.get_item(qid)["tag_id"] is None and "Other" not in [t["name"] for t in store.list_tags(pid)]


def test_review_ops_and_filters(ws):
    store, pid = ws
    top = store.add_tag(pid, "Top")
    child = store.add_tag(pid, "Child", top)
    a, b, c = _items(store, pid, 3, tag_id=child)
    unanswered = store.add_questions(pid, [{"key": "u", "text": "no answer yet?", "tag_id": top}])[0]
    store.add_questions(pid, [{"key": "d", "text": "dup?", "status": "duplicate", "duplicate_of": a}])
    store.update_answer(a, rating=5, confirmed=1)
    store.update_answer(b, judge_score=2.0)
    store.update_answer(c, judge_score=4.0, rating=1)  # the human rating wins over the judge
    store.edit_question(b, text="edited question?")
    store.update_answer(b, text="edited answer")
    assert store.get_item(b)["question"] == "edited question?" and store.get_item(b)["answer"] == "edited answer"
    with pytest.raises(sqlite3.IntegrityError):
        store.update_answer(a, rating=6)

    def ids(**kw):
        return [i["id"] for i in store.list_items(pid, **kw).items]

    assert ids() == [a, b, c, unanswered]
    assert ids(tag_id=top) == [a, b, c, unanswered] and ids(tag_id=child) == [a, b, c]
    assert ids(min_score=2) == [a, b] and ids(min_score=4.5) == [a]
    assert ids(status="confirmed") == [a] and ids(status="unconfirmed") == [b, c]
    assert ids(status="unanswered") == [unanswered] and len(ids(status="duplicate")) == 1
    assert store.get_item(c)["score"] == 1
    store.delete_question(b)
    assert ids(status="answered") == [a, c]
    with pytest.raises(StoreError):
        store.update_answer(unanswered, rating=3)
    with pytest.raises(ValueError, match="unknown status"):
        store.list_items(pid, status="bogus")


def test_idempotent_inserts(ws):
    store, pid = ws
    assert len(store.add_questions(pid, [{"key": "k1", "text": "a?"}, {"key": "k2", "text": "b?"}])) == 2
    assert store.add_questions(pid, [{"key": "k1", "text": "a again?"}]) == []
    qid = store.list_items(pid).items[0]["id"]
    assert store.add_answer(qid, text="x") is not None and store.add_answer(qid, text="y") is None
    triple = {"name": "Mars", "property": "moons", "value": "2"}
    assert store.add_triples(pid, [triple, triple]) == 1 and store.add_triples(pid, [triple]) == 0


def test_concurrent_writers_threads_and_processes(tmp_path):
    store = Store.open(tmp_path / "ws", create=True)
    pid = store.create_project("p")
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from datagen.store import Store
        s = Store.open(sys.argv[1])
        for i in range(150):
            s.add_questions({pid}, [{{"key": f"{{sys.argv[2]}}:{{i}}", "text": "q?"}}])
            s.record_call({pid}, stage="t", model="m", prompt_tokens=1, completion_tokens=1, seconds=0)
    """)
    procs = [subprocess.Popen([sys.executable, "-c", script, str(tmp_path / "ws"), f"proc{n}"]) for n in range(2)]
    errors = []

    def writer(n):
        try:
            for i in range(150):
                store.add_questions(pid, [{"key": f"thread{n}:{i}", "text": "q?"}])
                store.record_call(pid, stage="t", model="m", prompt_tokens=1, completion_tokens=1, seconds=0)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    assert not errors
    assert store.counts(pid)["questions"] == 5 * 150
    assert store.token_usage(pid)["calls"] == 5 * 150
    store.close()


CRASH_SCRIPT = """
import sys, threading
sys.path.insert(0, {root!r}); sys.path.insert(0, {tests!r})
from fakes import ScriptedLLM
from datagen.generate import GenerationSettings
from datagen.questions import generate_questions
from datagen.store import Store

def reply(messages):
    text = messages[-1]["content"]
    n = text.split("Passage number ")[1].split(".")[0]
    return '["First question about passage %s?", "Second question about passage %s?"]' % (n, n)

store = Store.open(sys.argv[1])
llm = ScriptedLLM(by_purpose={{"questions": reply}}, concurrency=4, delay=float(sys.argv[2]))
settings = GenerationSettings(min_questions=2, max_questions=2, dedup_threshold=1.0)
report = generate_questions(store, store.project_id("p"), llm, settings)
print(report.done, report.created)
"""


def test_resume_after_sigkill_loses_nothing_and_duplicates_nothing(tmp_path):
    store = Store.open(tmp_path / "ws", create=True)
    pid = store.create_project("p")
    fid = _file(store, pid)
    n_chunks = 40
    store.replace_chunks(pid, fid, [{"text": f"Passage number {i}. Some text."} for i in range(n_chunks)])
    script = CRASH_SCRIPT.format(root=str(ROOT), tests=str(Path(__file__).parent))
    proc = subprocess.Popen([sys.executable, "-c", script, str(tmp_path / "ws"), "0.05"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while len(store.done_units(pid, "questions")) < 8:
        assert proc.poll() is None, proc.stderr.read().decode()
        assert time.monotonic() < deadline, "the worker made no progress"
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    before = {(r["id"], r["key"]) for r in store.query("SELECT id, key FROM questions")}
    done_before = store.done_units(pid, "questions")
    assert 8 <= len(done_before) < n_chunks
    assert len(before) == 2 * len(done_before)  # a chunk's questions and its mark commit together
    assert store.list_tasks(pid)[0]["status"] == "running"  # the killed run never closed its task

    rerun = subprocess.run([sys.executable, "-c", script, str(tmp_path / "ws"), "0"], capture_output=True,
                           text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.split() == [str(n_chunks - len(done_before)), str(2 * (n_chunks - len(done_before)))]
    after = {(r["id"], r["key"]) for r in store.query("SELECT id, key FROM questions")}
    assert before <= after and len(after) == 2 * n_chunks
    per_chunk = store.query("SELECT chunk_id, count(*) AS n FROM questions GROUP BY chunk_id")
    assert len(per_chunk) == n_chunks and all(r["n"] == 2 for r in per_chunk)
    tasks = store.list_tasks(pid)
    assert [t["status"] for t in tasks[:2]] == ["done", "interrupted"]
    store.close()


PIPELINE_CRASH_SCRIPT = """
import json, sys
sys.path.insert(0, {root!r}); sys.path.insert(0, {tests!r})
from fakes import ScriptedLLM, hash_embed
from datagen import service
from datagen.generate import GenerationSettings
from datagen.pipeline import SplitSettings
from datagen.store import Store

def number(messages):
    return int(messages[-1]["content"].split("Passage number ")[-1].split(".")[0])

def questions(messages):
    n = number(messages)
    tag = "Even" if n % 2 == 0 else "Odd"
    return json.dumps([{{"question": "What is said in passage %d, part %d?" % (n, k), "tag": tag}} for k in (1, 2)])

store = Store.open(sys.argv[1])
llm = ScriptedLLM(by_purpose={{"tags": '{{"tags": [{{"name": "Passages", "children": ["Even", "Odd"]}}]}}',
                               "questions": questions, "answer": lambda m: "Answer about %d." % number(m)}},
                  concurrency=4, delay=float(sys.argv[2]))
settings = GenerationSettings(min_questions=2, max_questions=2, dedup_threshold=1.0, reasoning=False)
summary = service.run(store, store.project_id("p"), llm, settings, stages=("split", "tags", "questions", "answers"),
                      split_settings=SplitSettings("markdown", {{"min_len": 10, "max_len": 200}}), embed=hash_embed)
print(summary.error, store.counts(store.project_id("p"))["answers"])
"""


def _labels_and_ratings(store, pid) -> tuple[dict, dict]:
    rows = store.query("SELECT q.id, q.tag_id, a.rating FROM questions q LEFT JOIN answers a ON a.question_id = q.id"
                       " WHERE q.project_id = ?", (pid,))
    return {r["id"]: r["tag_id"] for r in rows}, {r["id"]: r["rating"] for r in rows if r["rating"] is not None}


def test_kill_and_resume_keeps_labels_tags_and_ratings(tmp_path):
    store = Store.open(tmp_path / "ws", create=True)
    pid = store.create_project("p")
    n = 30
    _file(store, pid, text="\n\n".join(f"## Passage {i}\n\nPassage number {i}. Text about {i}."
                                                           for i in range(n)))
    script = PIPELINE_CRASH_SCRIPT.format(root=str(ROOT), tests=str(Path(__file__).parent))
    proc = subprocess.Popen([sys.executable, "-c", script, str(tmp_path / "ws"), "0.03"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    rated: set[int] = set()
    while len(rated) < 10:  # rate answers while the run is going (a user reviewing)
        assert proc.poll() is None, proc.stderr.read().decode()
        assert time.monotonic() < deadline, "the run made no progress"
        for row in store.query("SELECT question_id FROM answers WHERE rating IS NULL"):
            store.update_answer(row["question_id"], rating=row["question_id"] % 5 + 1)
            rated.add(row["question_id"])
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    tree = [(t["id"], t["path"]) for t in store.list_tags(pid)]
    labels, ratings = _labels_and_ratings(store, pid)
    assert {path for _, path in tree} == {"Passages", "Passages / Even", "Passages / Odd"}
    assert labels and all(labels.values()) and len(ratings) >= 10 and store.counts(pid)["answers"] < 2 * n

    rerun = subprocess.run([sys.executable, "-c", script, str(tmp_path / "ws"), "0"], capture_output=True, text=True,
                           timeout=120)
    assert rerun.returncode == 0 and rerun.stdout.split() == ["None", str(2 * n)], rerun.stderr
    after_labels, after_ratings = _labels_and_ratings(store, pid)
    assert [(t["id"], t["path"]) for t in store.list_tags(pid)] == tree  # the tree is the same rows
    assert {qid: after_labels[qid] for qid in labels} == labels  # every label survived the resume
    assert all(after_labels.values()) and len(after_labels) == 2 * n  # and the new questions are labelled too
    assert {qid: after_ratings[qid] for qid in ratings} == ratings  # every rating survived
    keys = [r["key"] for r in store.query("SELECT key FROM questions")]
    assert len(keys) == len(set(keys)) == 2 * n and store.counts(pid)["answers"] == 2 * n
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store.close()


def test_paging_stays_fast_at_100k_rows(ws):
    store, pid = ws
    n = 100_000
    tag = store.add_tag(pid, "T")
    with store.transaction() as conn:
        conn.executemany("INSERT INTO questions (project_id, tag_id, key, text, created) VALUES (?, ?, ?, ?, 0)",
                         [(pid, tag if i % 2 else None, f"k{i}", f"question {i}?") for i in range(n)])
        conn.executemany("INSERT INTO answers (project_id, question_id, text, judge_score, confirmed, created,"
                         " updated) SELECT project_id, id, 'answer', id % 6, id % 3 = 0, 0, 0 FROM questions"
                         " WHERE id % ? = 0", [(1,)])
    timings = {}
    for name, kwargs in {"first": {}, "last": {"page": n // 50}, "tag": {"tag_id": tag, "page": 900},
                         "score": {"min_score": 4, "page": 600}, "confirmed": {"status": "confirmed", "page": 600},
                         "unconfirmed": {"status": "unconfirmed", "page": 1000}}.items():
        start = time.perf_counter()
        page = store.list_items(pid, page_size=50, **kwargs)
        timings[name] = time.perf_counter() - start
        assert len(page.items) == 50, name
    assert store.list_items(pid, page=n // 50).items[-1]["question"] == f"question {n - 1}?"
    print("paging timings (s):", {k: round(v, 4) for k, v in timings.items()})
    assert max(timings.values()) < 0.5, timings
    start = time.perf_counter()
    assert sum(1 for _ in store.iter_items(pid, status="answered")) == n
    assert time.perf_counter() - start < 10


def test_the_same_upload_stored_by_two_writers_at_once_succeeds_for_both(ws, monkeypatch):
    """Found by CI (two `datagen run` on one workspace copying the same input): both writers used one temporary name,
    so the second rename found it gone and the run stopped with a disk error. Each writer now has its own."""
    store, _ = ws
    real_replace = Path.replace
    gate = threading.Barrier(2)

    def replace_together(self, target):  # both temporary files exist before either is renamed
        gate.wait(timeout=10)
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", replace_together)
    errors = []

    def store_it():
        try:
            store.write_blob("files/abc-items.md", b"same bytes", label="items.md")
        except StoreError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=store_it) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert errors == [] and (store.root / "files" / "abc-items.md").read_bytes() == b"same bytes"
    assert not list((store.root / "files").glob("*.tmp"))
