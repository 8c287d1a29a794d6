"""Hostile documents (issue 12, findings 5, 6 and 9): each ends fast as an IngestError naming the file, a folder run
goes on past it, symlinks leading out of the input folder are refused, and failures are recorded once."""

from __future__ import annotations

import os
import time

import hostile
import pytest

from datagen import ingest
from datagen.errors import IngestError
from datagen.pipeline import add_paths
from datagen.store import Store

GOOD_MD = b"# Title\n\nSome real text about apples and pears.\n"


def _refused(data: bytes, name: str, match: str, *, seconds: float = 5.0) -> IngestError:
    start = time.perf_counter()
    with pytest.raises(IngestError, match=match) as info:
        ingest.load_bytes(data, name)
    assert time.perf_counter() - start < seconds
    assert str(info.value).startswith(name + ":")
    return info.value


def test_truncated_xlsx_sheet_is_an_ingest_error():
    _refused(hostile.truncated_xlsx(), "cut.xlsx", "corrupt or unreadable Excel workbook")


def test_one_corrupt_file_does_not_stop_a_folder_run(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.md").write_bytes(GOOD_MD)
    (folder / "b.xlsx").write_bytes(hostile.truncated_xlsx())
    (folder / "c.xlsx").write_bytes(hostile.xlsx_bytes())
    store = Store.open(tmp_path / "ws", create=True)
    pid = store.create_project("p")
    added, errors = add_paths(store, pid, [folder])
    assert sorted(a["name"] for a in added) == ["a.md", "c.xlsx"]
    assert len(errors) == 1 and "b.xlsx" in errors[0]


def test_deeply_nested_html_is_refused_quickly():
    _refused(hostile.nested_divs_html(100_000), "deep.html", "nested more than 255 levels")
    ok = ingest.load_bytes(hostile.nested_divs_html(100), "fine.html")  # ordinary nesting still reads
    assert ok.text == "deep"


def test_many_paragraph_docx_reads_in_linear_time_or_is_refused():
    start = time.perf_counter()
    doc = ingest.load_bytes(hostile.many_paragraphs_docx(20_000), "many.docx")  # was ~50 s: style lookups
    assert doc.meta["paragraphs"] == 20_001 and time.perf_counter() - start < 10
    _refused(hostile.many_paragraphs_docx(100_000), "more.docx", "inflates 3[0-9][0-9]-fold")


def test_zip_bomb_docx_is_refused_before_parsing():
    bomb = hostile.zip_bomb_docx()
    assert len(bomb) < 700_000
    _refused(bomb, "bomb.docx", "zip bomb", seconds=2)


def test_time_budget_ends_a_slow_parse_with_a_clear_error():
    with pytest.raises(IngestError, match=r"slow\.docx: reading took longer than 0\.001 s"):
        ingest.load_bytes(hostile.many_paragraphs_docx(20_000), "slow.docx", time_budget=0.001)


def test_random_bytes_named_html_are_not_text():
    _refused(hostile.random_bytes(4096), "noise.html", "looks like binary data")
    _refused(hostile.random_bytes(4096, seed=2), "noise.csv", "looks like binary data")
    utf16 = "# Title\n\nText in UTF-16.\n".encode("utf-16")
    assert "UTF-16" in ingest.load_bytes(utf16, "wide.md").text


def test_symlink_out_of_the_input_folder_is_refused(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("root:x:0:0:secret\n")
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.md").write_bytes(GOOD_MD)
    os.symlink(outside, folder / "passwd.txt")
    os.symlink(folder / "a.md", folder / "sub" / "inside.md")  # a link within the folder is fine
    store = Store.open(tmp_path / "ws", create=True)
    pid = store.create_project("p")
    added, errors = add_paths(store, pid, [folder])
    assert [a["name"] for a in added] == ["a.md", "inside.md"]
    assert len(errors) == 1 and "passwd.txt" in errors[0] and "outside the input folder" in errors[0]
    assert all("secret" not in store.get_file(a["id"])["text"] for a in added)


@pytest.mark.timeout(30)
def test_fifo_in_the_input_folder_does_not_block(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.md")
    with pytest.raises(IngestError, match="not a regular file"):
        ingest.load_document(folder / "pipe.md")


def test_ingest_failure_recorded_once_and_resolved_when_fixed(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.xlsx").write_bytes(hostile.truncated_xlsx())
    store = Store.open(tmp_path / "ws", create=True)
    pid = store.create_project("p")
    for _ in range(3):
        add_paths(store, pid, [folder])
    assert store.counts(pid)["failures"] == 1
    (folder / "a.xlsx").write_bytes(hostile.xlsx_bytes())
    added, errors = add_paths(store, pid, [folder])
    assert len(added) == 1 and not errors and store.counts(pid)["failures"] == 0
