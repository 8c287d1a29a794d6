"""Hypothesis strategies for hostile inputs: KB files (CSV, TSV, JSON, JSONL) and documents of every ingest type.

Each strategy yields ``(filename, bytes)``. Structured inputs are built from records whose keys and values are
drawn wide (aliases, unknown keys, lone surrogates, huge and non-finite numbers, nested lists and objects), then
serialised and often mutated (cut, spliced with random bytes, wrapped in deep nesting, given a BOM), so the
cases range from valid files to every kind of almost-valid one.
"""

from __future__ import annotations

import csv
import io
import json

from hypothesis import strategies as st

KB_EXTENSIONS = (".csv", ".tsv", ".json", ".jsonl", ".ndjson")
KEYS = st.sampled_from(["name", "property", "value", "Name", " value ", "description_type", "description", "x", ""])
SCALARS = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.characters(codec=None, categories=None), max_size=8),  # surrogates included
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True), st.booleans(), st.none())
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
                      max_leaves=4)
RECORD = st.dictionaries(KEYS, VALUES, max_size=4)
GOOD_RECORD = st.fixed_dictionaries({"name": st.text(min_size=1, max_size=20), "property": st.text(min_size=1, max_size=20),
                                     "value": st.one_of(st.text(min_size=1, max_size=20), st.integers())})


def _json(records: list, jsonl: bool) -> bytes:
    if jsonl:
        return "\n".join(json.dumps(r) for r in records).encode()
    return json.dumps(records).encode()


def _delimited(records: list, delimiter: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    keys = list(dict.fromkeys(k for r in records if isinstance(r, dict) for k in r)) or ["name", "property", "value"]
    writer.writerow(keys)
    for r in records:
        writer.writerow([str(r.get(k, "")) if isinstance(r, dict) else str(r) for k in keys])
    return out.getvalue().encode("utf-8", "surrogatepass")


@st.composite
def mutate(draw, data: bytes) -> bytes:
    """Leave ``data`` alone or damage it in one of several ways."""
    how = draw(st.sampled_from(["none", "none", "cut", "splice", "nest", "bom", "flip", "longnum"]))
    if how == "longnum":  # a number longer than Python converts (json raises ValueError, not JSONDecodeError)
        return data.replace(b'"value": ', b'"value": ' + b"7" * draw(st.sampled_from([4301, 5000])), 1)
    if how == "cut" and data:
        return data[: draw(st.integers(0, len(data) - 1))]
    if how == "splice":
        at = draw(st.integers(0, len(data)))
        return data[:at] + draw(st.binary(max_size=40)) + data[at:]
    if how == "nest":
        depth = draw(st.sampled_from([10, 1000, 5000, 20000]))
        return b"[" * depth + data + b"]" * depth
    if how == "bom":
        return b"\xef\xbb\xbf" + data
    if how == "flip" and data:
        at = draw(st.integers(0, len(data) - 1))
        return data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
    return data


@st.composite
def kb_files(draw) -> tuple[str, bytes]:
    ext = draw(st.sampled_from(KB_EXTENSIONS + (".txt",)))
    records = draw(st.lists(st.one_of(GOOD_RECORD, RECORD, VALUES), max_size=5))
    if ext in (".csv", ".tsv"):
        data = _delimited(records, "\t" if ext == ".tsv" else ",")
    else:
        data = _json(records, jsonl=ext != ".json")
    data = draw(st.one_of(mutate(data), st.binary(max_size=200))) if draw(st.booleans()) else data
    return f"kb{ext}", data


# ------------------------------------------------------------------------------------------ documents

TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=200)


@st.composite
def html_documents(draw) -> bytes:
    tags = st.sampled_from(["div", "p", "h1", "h2", "li", "ul", "table", "tr", "td", "pre", "script", "br", "span"])
    parts = draw(st.lists(st.tuples(tags, TEXT), max_size=12))
    body = "".join(f"<{t}>{text}</{t}>" if draw(st.booleans()) else f"<{t}>{text}" for t, text in parts)
    depth = draw(st.sampled_from([0, 0, 5, 300, 3000]))
    return ("<html><body>" + "<div>" * depth + body + "</div>" * depth + "</body></html>").encode()


def _zip_document(kind: str, texts: list[str]) -> bytes:
    import docx
    import openpyxl

    out = io.BytesIO()
    if kind == "docx":
        document = docx.Document()
        for text in texts:
            document.add_paragraph("".join(ch for ch in text if ch.isprintable()))
        document.save(out)
    else:
        book = openpyxl.Workbook()
        for i, text in enumerate(texts):
            book.active.cell(row=i + 1, column=1, value="".join(ch for ch in text if ch.isprintable()))
        book.save(out)
    return out.getvalue()


_ZIP_TEMPLATES: dict[str, bytes] = {}


@st.composite
def documents(draw) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(["md", "txt", "csv", "html", "docx", "xlsx", "pdf", "epub"]))
    if kind in ("md", "txt"):
        data = draw(TEXT).encode() if draw(st.booleans()) else draw(st.binary(max_size=300))
    elif kind == "csv":
        rows = draw(st.lists(st.lists(TEXT, max_size=4), max_size=6))
        data = "\n".join(",".join(r) for r in rows).encode()
    elif kind == "html":
        data = draw(html_documents())
    elif kind in ("docx", "xlsx"):
        if kind not in _ZIP_TEMPLATES:  # one real container per type, mutated per example (cheap)
            _ZIP_TEMPLATES[kind] = _zip_document(kind, ["Heading", "Some text", "More text"])
        data = _ZIP_TEMPLATES[kind]
    else:  # pdf, epub: random or header-only bytes
        data = (b"%PDF-1.4\n" if kind == "pdf" else b"PK\x03\x04") + draw(st.binary(max_size=200))
    data = draw(mutate(data))
    return f"doc.{kind}", data
