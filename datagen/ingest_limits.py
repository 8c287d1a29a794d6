"""Bounds on document ingest (see :mod:`datagen.ingest`): size, inflated size, nesting, element count, time.

:func:`datagen.ingest.load_bytes` applies every guard here before or while a reader runs: text types must not
look binary (:func:`require_text`), zip containers must not be bombs (:func:`check_zip`), HTML must not be
nested absurdly deep or hold too many elements (:func:`check_html_shape`), and the readers' loops call
:func:`check_time` so that a file which is slow to parse for any other reason ends at its time budget
(:func:`deadline`). Every refusal is an :class:`~datagen.errors.IngestError` naming the file.
"""

from __future__ import annotations

import contextvars
import io
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager

from datagen.errors import IngestError

DEFAULT_TIME_BUDGET = 60.0  # seconds per file
MAX_UNZIPPED_BYTES = 256 * 1024 * 1024  # all members of a DOCX/XLSX/EPUB, inflated
MAX_ZIP_MEMBERS = 10_000
MAX_ZIP_RATIO = 200  # inflated / packed size of one part over 1 MiB; text XML packs 5-30-fold
MAX_HTML_DEPTH = 255  # libxml2's own default nesting limit is 256
MAX_HTML_ELEMENTS = 500_000
TEXT_KINDS = frozenset({"markdown", "text", "csv", "html", "code"})
ZIP_KINDS = frozenset({"docx", "xlsx", "epub"})
KIND_LABELS = {"markdown": "Markdown file", "text": "text file", "pdf": "PDF", "docx": "Word document",
                "xlsx": "Excel workbook", "csv": "CSV file", "html": "HTML file", "epub": "EPUB",
               "code": "source file"}
# C0 control bytes that never occur in text (tab, newlines, form feed, vertical tab and escape are allowed)
_BINARY_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20)])
_DEADLINE: contextvars.ContextVar[tuple[float, float, str] | None] = contextvars.ContextVar("ingest_deadline",
                                                                                          default=None)


def human_size(n: int) -> str:
    """``n`` bytes in words: "512 bytes", "1.5 MiB"."""
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} bytes"  # pragma: no cover


@contextmanager
def deadline(name: str, seconds: float) -> Iterator[None]:
    """Give the file ``name`` a time budget of ``seconds`` for the readers' :func:`check_time` calls."""
    token = _DEADLINE.set((time.monotonic() + seconds, seconds, name))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def check_time() -> None:
    """Raise :class:`IngestError` when the current file's time budget is spent (the readers' loops call it)."""
    current = _DEADLINE.get()
    if current is not None and time.monotonic() > current[0]:
        raise IngestError(f"{current[2]}: reading took longer than {current[1]:g} s, the limit per file; split "
                          "the file into smaller ones")


def require_text(data: bytes, name: str) -> None:
    """Refuse bytes that are not text: more than 1 % control bytes (in the first 64 KiB) means binary."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return  # UTF-16 with a byte-order mark: its zero bytes are text
    sample = data[:65536]
    controls = len(sample) - len(sample.translate(None, _BINARY_BYTES))
    if controls * 100 > len(sample):
        raise IngestError(f"{name}: cannot decode the text: {controls} of its first {len(sample)} bytes are "
                          "control bytes, so it looks like binary data (is it a binary file renamed to a text "
                          "extension?)")


def check_zip(data: bytes, name: str, kind: str) -> None:
    """Refuse a zip container (DOCX, XLSX, EPUB) that holds too many members or inflates too far (a zip bomb)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise IngestError(f"{name}: corrupt or unreadable {KIND_LABELS[kind]} (not a valid zip container: "
                          f"{exc})") from exc
    if len(members) > MAX_ZIP_MEMBERS:
        raise IngestError(f"{name}: the {KIND_LABELS[kind]} holds {len(members)} parts; the limit is "
                          f"{MAX_ZIP_MEMBERS}")
    inflated = sum(m.file_size for m in members)
    for member in members:
        ratio = member.file_size / max(1, member.compress_size)
        if member.file_size > 1024 * 1024 and ratio > MAX_ZIP_RATIO:
            raise IngestError(f"{name}: part {member.filename!r} of the {KIND_LABELS[kind]} inflates "
                              f"{ratio:.0f}-fold to {human_size(member.file_size)}; the limit is "
                              f"{MAX_ZIP_RATIO}-fold (is it a zip bomb?)")
    if inflated > MAX_UNZIPPED_BYTES:
        raise IngestError(f"{name}: the {KIND_LABELS[kind]} inflates to {human_size(inflated)} "
                          f"({len(data)} bytes packed); the limit is {human_size(MAX_UNZIPPED_BYTES)} "
                          "(is it a zip bomb?)")


def check_html_shape(markup: bytes | str) -> None:
    """Refuse HTML nested deeper than MAX_HTML_DEPTH or with more than MAX_HTML_ELEMENTS elements.

    libxml2 (without its "huge" option) stops at depth 256 and says so in the error log; the element count
    comes from the same fast C parse, before BeautifulSoup builds its slower tree."""
    from lxml import etree

    current = _DEADLINE.get()
    name = current[2] if current else "the HTML"
    parser = etree.HTMLParser()
    try:
        root = etree.fromstring(markup, parser)
    except (etree.LxmlError, ValueError):
        return  # unparseable here: BeautifulSoup's more lenient parse decides
    if any("depth" in str(e.message).lower() for e in parser.error_log):
        raise IngestError(f"{name}: HTML elements are nested more than {MAX_HTML_DEPTH} levels deep; "
                          "this is not a readable document")
    count = sum(1 for _ in root.iter()) if root is not None else 0
    if count > MAX_HTML_ELEMENTS:
        raise IngestError(f"{name}: the HTML holds {count} elements; the limit is {MAX_HTML_ELEMENTS}")
