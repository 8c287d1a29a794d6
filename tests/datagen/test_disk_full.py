"""Disk full and read-only workspaces (issue 12, finding 8): a clear message naming the file and what to do, no
corruption, and the same run resumes once there is space again.

Disk full is produced by SQLite itself (``PRAGMA max_page_count`` makes it answer SQLITE_FULL exactly as on a
full disk) and, where this machine lets the test mount one, by a real 1 MiB tmpfs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from fakes import hash_embed
from test_pipeline import SETTINGS, SPLIT, _llm, workspace  # noqa: F401 - the pipeline tests' scripted model

from datagen import cli, service
from datagen.errors import StoreError


def _pages(store) -> int:
    return store.conn.execute("PRAGMA page_count").fetchone()[0]


def test_disk_full_mid_run_is_a_clear_error_and_the_run_resumes(workspace):  # noqa: F811
    store, pid, docs = workspace
    service.add_files(store, pid, [docs])
    service.split(store, pid, "markdown", SPLIT.options)
    store.conn.execute(f"PRAGMA max_page_count = {_pages(store) + 1}")  # the "disk" has one page left
    with pytest.raises(StoreError) as info:
        service.run(store, pid, _llm(), SETTINGS, embed=hash_embed, split_settings=SPLIT)
    message = str(info.value)
    assert str(store.db_path) in message and "the disk is full" in message
    assert "re-run the same command to resume" in message
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    partial = store.counts(pid)

    store.conn.execute("PRAGMA max_page_count = 1073741823")  # space is back
    summary = service.run(store, pid, _llm(), SETTINGS, embed=hash_embed, split_settings=SPLIT)
    counts = store.counts(pid)
    assert summary.error is None and counts["answers"] == counts["questions"] > partial["answers"]
    keys = [r["key"] for r in store.query("SELECT key FROM questions")]
    assert len(keys) == len(set(keys))  # nothing duplicated by the resumed run
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_read_only_workspace_is_a_clear_error(workspace):  # noqa: F811
    store, pid, docs = workspace
    store.conn.execute("PRAGMA query_only = 1")  # what SQLite answers for a read-only file or folder
    with pytest.raises(StoreError) as info:
        store.create_project("another")
    assert str(store.db_path) in str(info.value) and "read-only" in str(info.value)
    assert "writable" in str(info.value)
    store.conn.execute("PRAGMA query_only = 0")
    assert store.create_project("another") > pid


def _mount_tmpfs(path: Path, size: str) -> bool:
    if os.geteuid() != 0:
        return False
    path.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True)
    return done.returncode == 0


def test_real_full_filesystem_through_the_cli(tmp_path, capsys):
    mount = tmp_path / "tiny"
    if not _mount_tmpfs(mount, "1m"):
        pytest.skip("cannot mount a tmpfs here (needs root); the SQLite-level test above covers disk full")
    try:
        ws = mount / "ws"
        assert cli.main(["init", "-w", str(ws), "-q"]) == 0
        big = tmp_path / "big.txt"
        big.write_text(("Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 20 + "\n") * 1500)
        code = cli.main(["add", str(big), "-w", str(ws), "-q"])
        err = capsys.readouterr().err
        assert code == 1 and "the disk is full" in err and "re-run the same command" in err
        assert "Traceback" not in err and not list((ws / "files").glob("*.tmp"))
        check = subprocess.run([sys.executable, "-c", "import sqlite3, sys; print(sqlite3.connect(sys.argv[1])"
                                ".execute('PRAGMA integrity_check').fetchone()[0])", str(ws / "studio.db")],
                               capture_output=True, text=True)
        assert check.stdout.strip() == "ok"
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)
