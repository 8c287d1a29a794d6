"""Hostile KB files (issue 12, finding 7): every one ends as a KBFormatError naming the file and, where there is
one, the line and field — never a RecursionError, a bare ValueError, an unencodable string or a blocked read."""

from __future__ import annotations

import json
import os
import threading

import pytest

from kblam.errors import KBFormatError
from kblam.kb import KnowledgeBase

GOOD = {"name": "Ada", "property": "born", "value": "1815"}


def _error(path) -> KBFormatError:
    with pytest.raises(KBFormatError) as info:
        KnowledgeBase.from_file(path)
    str(info.value).encode("utf-8")  # printable: no lone surrogates in the message
    return info.value


def test_deeply_nested_json_is_a_format_error(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 5000 + "]" * 5000)
    err = _error(path)
    assert err.file == str(path) and "nested too deeply" in str(err)


def test_deeply_nested_jsonl_line_names_the_line(tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text(json.dumps(GOOD) + "\n" + '{"name": ' + "[" * 5000 + "]" * 5000 + "}\n")
    err = _error(path)
    assert err.line == 2 and "nested too deeply" in str(err)


def test_five_thousand_digit_number_names_file_and_line(tmp_path):
    path = tmp_path / "long.json"
    path.write_text('[\n{"name": "a", "property": "b",\n "value": ' + "7" * 5000 + "}]")
    err = _error(path)
    assert err.file == str(path) and err.line == 3 and "number is too long" in str(err)
    jsonl = tmp_path / "long.jsonl"
    jsonl.write_text(json.dumps(GOOD) + '\n{"name": "a", "property": "b", "value": ' + "7" * 5000 + "}\n")
    assert _error(jsonl).line == 2


def test_lone_surrogate_names_file_line_and_field(tmp_path):
    path = tmp_path / "sur.jsonl"
    path.write_text(json.dumps(GOOD) + '\n{"name": "x", "property": "y", "value": "bad \\ud800 here"}\n')
    err = _error(path)
    assert (err.file, err.line, err.field) == (str(path), 2, "value") and "U+D800" in str(err)
    with pytest.raises(KBFormatError, match="field 'name'"):
        KnowledgeBase.from_records([{"name": "\udfff", "property": "p", "value": "v"}])
    with pytest.raises(KBFormatError) as info:  # a surrogate in an unknown column name is escaped, not printed raw
        KnowledgeBase.from_bytes(b'[{"\\ud800": 1, "name": "a"}]', "k.json")
    str(info.value).encode("utf-8")


def test_fifo_is_refused_without_blocking(tmp_path):
    path = tmp_path / "pipe.csv"
    os.mkfifo(path)
    outcome: list = []
    reader = threading.Thread(target=lambda: outcome.append(_error_or_none(path)), daemon=True)
    reader.start()
    reader.join(5)
    if reader.is_alive():  # unblock the old behaviour's open() so the thread can end
        with open(path, "w"):
            pass
        reader.join(5)
        pytest.fail("loading a FIFO blocked")
    assert isinstance(outcome[0], KBFormatError) and "not a regular file" in str(outcome[0])
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    assert "a folder" in str(_error(folder))


def _error_or_none(path):
    try:
        KnowledgeBase.from_file(path)
    except KBFormatError as exc:
        return exc
    return None
