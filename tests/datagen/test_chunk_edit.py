"""The code-aware splitter (tree-sitter), source files through ingest and split, and chunk editing: split at a
position or marker, merge neighbours, per-file listing, and the ``python -m datagen chunks`` commands."""

from __future__ import annotations

import ast
import json

import pytest

from datagen import chunk_edit, cli, service
from datagen.code_split import LANGUAGES, _parser, split_code
from datagen.errors import IngestError
from datagen.ingest import load_bytes

PY_SOURCE = '''"""A module."""

import os
import sys


# helpers for paths
def join(a, b):
    """Join two parts."""
    return os.path.join(a, b)


@staticmethod
def decorated(x):
    text = "def not_a_function(): }"
    return x * 2


class Store:
    """A store."""

    def __init__(self):
        self.items = {}

''' + "".join(f'''    def method_{i}(self, key):
        """Method {i} looks the key up and formats it."""
        value = self.items.get(key, {i})
        return f"{{key}}={{value}} ({i})"

''' for i in range(10)) + '''

def main():
    print(join("a", "b"))
'''

SOURCES = {
    "javascript": "import x from 'y';\n// add\nfunction add(a, b) {\n  const s = '}';\n  return a + b;\n}\n"
                  "class A {\n  m() { return 1; }\n}\n",
    "typescript": "export interface P { x: number }\nfunction f(p: P): number {\n  return p.x;\n}\n",
    "tsx": "const C = () => <div>{'}'}</div>;\nfunction g() {\n  return 2;\n}\n",
    "java": "package a;\nimport b.C;\npublic class A {\n  int f() { return 1; }\n  int g() { return 2; }\n}\n",
    "go": "package main\n\nimport \"fmt\"\n\n// F prints.\nfunc F() {\n\tfmt.Println(\"}\")\n}\n\ntype T struct{ A int }\n",
    "rust": "use std::io;\n/// doc\nfn f<'a>(x: &'a str) -> &'a str {\n    x\n}\nimpl A {\n    fn g(&self) {}\n}\n",
    "c": "#include <stdio.h>\nstatic int n = 1;\nint main(void) {\n  printf(\"}\");\n  return 0;\n}\n",
    "cpp": "#include <vector>\nnamespace a {\nint f() { return 1; }\n}\nclass B {\n public:\n  int g();\n};\n",
    "python": PY_SOURCE,
}


def _top_level_defs(source: str) -> list[str]:
    tree = ast.parse(source)
    return [ast.get_source_segment(source, n) for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]


@pytest.mark.parametrize("max_len", [200, 400, 5000])
def test_python_functions_that_fit_are_never_cut(max_len):
    chunks = split_code(PY_SOURCE, language="python", max_len=max_len)
    assert all(PY_SOURCE[c.start:c.end] == c.text for c in chunks)
    assert "".join(PY_SOURCE[c.start:c.end] for c in chunks).replace("\n", "").replace(" ", "") == \
        PY_SOURCE.replace("\n", "").replace(" ", "")  # nothing lost, nothing repeated
    for definition in _top_level_defs(PY_SOURCE):
        if len(definition) <= max_len:
            assert any(definition in c.text for c in chunks), definition[:40]
    # a class too long for one chunk is cut between methods; the method chunks carry the class line
    if max_len < 1000:
        methods = [c for c in chunks if c.heading_path == ["class Store:"]]
        assert len(methods) > 1
        for i in range(10):
            assert sum(f"def method_{i}(" in c.text for c in chunks) == 1
            whole = next(c for c in chunks if f"def method_{i}(" in c.text).text
            assert f'return f"{{key}}={{value}} ({i})"' in whole  # the method body stayed with its line
    assert all(len(c.text) <= max_len for c in chunks)


def test_comments_above_a_function_stay_with_it_and_strings_do_not_confuse_it():
    chunks = split_code(PY_SOURCE, language="python", max_len=150)
    join = next(c for c in chunks if "def join" in c.text)
    assert "# helpers for paths\ndef join(a, b):" in join.text
    decorated = next(c for c in chunks if "def decorated" in c.text)
    assert "@staticmethod" in decorated.text and "return x * 2" in decorated.text


@pytest.mark.parametrize("language", sorted(SOURCES))
def test_every_language_splits_at_top_level_boundaries(language):
    source = SOURCES[language]
    chunks = split_code(source, language=language, max_len=60)
    assert len(chunks) >= 2
    assert all(source[c.start:c.end] == c.text for c in chunks)
    data = source.encode()
    top = [data[n.start_byte:n.end_byte].decode() for n in _parser(language).parse(data).root_node.children]
    for definition in top:  # every top-level definition that fits the limit lies whole inside one chunk
        if len(definition) <= 60:
            assert sum(definition in c.text for c in chunks) >= 1, (language, definition)
    assert set(SOURCES) == set(LANGUAGES)


def test_ingest_accepts_source_files_and_split_uses_the_code_splitter(tmp_path):
    document = load_bytes(PY_SOURCE.encode(), "store.py")
    assert document.kind == "code" and document.meta["language"] == "python" and document.outline == []
    with pytest.raises(IngestError, match="binary"):
        load_bytes(b"\x00\x01\x02" * 100, "evil.rs")
    store = service.open_workspace(tmp_path / "ws", create=True)
    pid = service.project(store)
    (tmp_path / "app.go").write_text(SOURCES["go"] * 20)
    (tmp_path / "store.py").write_text(PY_SOURCE)
    assert not service.add_files(store, pid, [tmp_path / "store.py", tmp_path / "app.go"])["errors"]
    service.split(store, pid, "markdown", {"max_len": 300})
    chunks = service.list_chunks(store, pid)
    py = [c for c in chunks if c["file"] == "store.py"]
    # the Markdown splitter would take "# helpers for paths" for a heading; the code splitter does not
    assert not any(c["heading_path"] == ["helpers for paths"] for c in py)
    assert any("# helpers for paths\ndef join" in c["text"] for c in py)
    go = [c["text"].replace('"}"', "") for c in chunks if c["file"] == "app.go"]
    assert len(go) > 1 and all(text.count("{") == text.count("}") for text in go)  # no block cut open


def _project_with_chunks(tmp_path, texts):
    store = service.open_workspace(tmp_path / "ws", create=True)
    pid = service.project(store)
    doc = "\n\n".join(texts)
    fid, _ = store.add_file(pid, name="doc.md", stored_path="files/doc.md", kind="markdown", sha256="x",
                            size=len(doc), text=doc, outline=[], meta={})
    rows, pos = [], 0
    for text in texts:
        start = doc.index(text, pos)
        rows.append({"text": text, "start": start, "end": start + len(text)})
        pos = start + len(text)
    store.replace_chunks(pid, fid, rows)
    return store, pid, fid, doc


def test_split_chunk_at_marker_and_position_keeps_order_offsets_and_questions(tmp_path):
    store, pid, fid, doc = _project_with_chunks(tmp_path, ["Alpha one. Alpha two.\n\nBeta three.", "Gamma four."])
    first = service.list_chunks(store, pid)[0]["id"]
    store.add_questions(pid, [{"chunk_id": first, "key": "q1", "text": "What is alpha?"}])
    kept, new = chunk_edit.split_chunk(store, first, marker="Beta")
    listing = chunk_edit.file_chunks(store, pid, fid)
    assert [c["text"] for c in listing] == ["Alpha one. Alpha two.", "Beta three.", "Gamma four."]
    assert [c["id"] for c in listing][:2] == [kept, new] and kept == first
    for chunk in service.list_chunks(store, pid):  # offsets still point into the file's text
        assert doc[chunk["start"]:chunk["end"]] == chunk["text"]
    assert store.query("SELECT chunk_id FROM questions")[0]["chunk_id"] == first  # questions stay on part one
    _, third = chunk_edit.split_chunk(store, first, at=10)
    assert [c["text"] for c in chunk_edit.file_chunks(store, pid, fid)][:3] == ["Alpha one.", "Alpha two.",
                                                                                 "Beta three."]
    for bad, match in (({"at": 0}, "outside the chunk"), ({"marker": "Zeta"}, "does not occur"),
                       ({}, "exactly one"), ({"at": 3, "marker": "a"}, "exactly one")):
        with pytest.raises(ValueError, match=match):
            chunk_edit.split_chunk(store, third, **bad)
    assert len(chunk_edit.file_chunks(store, pid, fid)) == 4  # the refused splits changed nothing


def test_merge_neighbours_only_merges_consecutive_chunks(tmp_path):
    store, pid, fid, _ = _project_with_chunks(tmp_path, ["One.", "Two.", "Three.", "Four."])
    ids = [c["id"] for c in chunk_edit.file_chunks(store, pid, fid)]
    with pytest.raises(ValueError, match=r"not neighbours.*\[" + str(ids[1]) + r"\]"):
        chunk_edit.merge_neighbours(store, [ids[0], ids[2]])
    merged = chunk_edit.merge_neighbours(store, [ids[2], ids[1]])
    assert [c["text"] for c in chunk_edit.file_chunks(store, pid, fid)] == ["One.", "Two.\n\nThree.", "Four."]
    assert merged not in ids


def test_chunks_cli_list_show_edit_split_merge_delete(tmp_path, capsys):
    store, pid, fid, _ = _project_with_chunks(tmp_path, ["First part. Second part.", "Next chunk.", "Last one."])
    ws = str(tmp_path / "ws")
    ids = [c["id"] for c in service.list_chunks(store, pid)]

    def run(*argv) -> tuple[int, str, str]:
        code = cli.main(["chunks", *argv, "-w", ws, "-q"])
        out, err = capsys.readouterr()
        return code, out, err

    code, out, _ = run("list", "--file", str(fid), "--json")
    assert code == 0 and [json.loads(line)["text"] for line in out.splitlines()][0] == "First part. Second part."
    assert run("split", str(ids[0]), "--marker", "Second")[1].strip() == \
        f"split chunk {ids[0]} into chunks {ids[0]} and {ids[-1] + 1}"
    assert run("show", str(ids[0]))[1].strip() == "First part."
    code, out, _ = run("edit", str(ids[1]), "--text", "Next chunk, edited.")
    assert code == 0 and out.strip() == "Next chunk, edited."
    code, out, _ = run("merge", str(ids[1]), str(ids[2]))
    assert code == 0 and out.startswith(f"merged chunks {ids[1]}, {ids[2]} into chunk ")
    code, _, err = run("merge", str(ids[0]), str(ids[2]))
    assert code == 1 and "error:" in err
    code, _, err = run("split", str(ids[0]), "--at", "999")
    assert code == 1 and "outside the chunk" in err
    texts = [c["text"] for c in service.list_chunks(store, pid)]
    assert texts == ["First part.", "Second part.", "Next chunk, edited.\n\nLast one."]
    code, out, _ = run("delete", str(ids[0]))
    assert code == 0 and len(service.list_chunks(store, pid)) == 2
