"""Hostile documents for the ingest tests (issue 12): small files that are corrupt, huge once parsed, or binary.

Each builder returns the file's bytes; they are made from scratch here (zip containers written with ``zipfile``)
so the tests need no fixtures on disk.
"""

from __future__ import annotations

import io
import random
import zipfile

from docx import Document as DocxDocument
from openpyxl import Workbook


def xlsx_bytes(rows: int = 20) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["name", "value"])
    for i in range(rows):
        sheet.append([f"item {i}", i])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rewrite_zip(data: bytes, member: str, transform) -> bytes:
    """The zip ``data`` with ``member``'s content replaced by ``transform(content)``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            dst.writestr(info.filename, transform(content) if info.filename == member else content)
    return out.getvalue()


def truncated_xlsx() -> bytes:
    """A valid zip whose first sheet's XML is cut in half."""
    return _rewrite_zip(xlsx_bytes(), "xl/worksheets/sheet1.xml", lambda xml: xml[: len(xml) // 2])


def docx_bytes(paragraphs: list[str]) -> bytes:
    document = DocxDocument()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def many_paragraphs_docx(n: int = 100_000) -> bytes:
    """A small DOCX whose body holds ``n`` short paragraphs (tens of KB compressed)."""
    body = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * n

    def fill(xml: bytes) -> bytes:
        start = xml.index(b"<w:body>") + len(b"<w:body>")
        return xml[:start] + body + xml[start:]

    return _rewrite_zip(docx_bytes(["start"]), "word/document.xml", fill)


def zip_bomb_docx(paragraphs: int = 2_000_000) -> bytes:
    """A DOCX of a few hundred KB whose document.xml inflates to ~70 MB of identical paragraphs."""
    return many_paragraphs_docx(paragraphs)


def nested_divs_html(depth: int = 100_000) -> bytes:
    return b"<html><body>" + b"<div>" * depth + b"deep" + b"</div>" * depth + b"</body></html>"


def random_bytes(n: int = 4096, seed: int = 0) -> bytes:
    return random.Random(seed).randbytes(n)
