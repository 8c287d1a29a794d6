"""Read user documents into Markdown-ish text with an outline: the first stage of the dataset studio.

Every supported file becomes a :class:`Document` whose ``text`` uses ``#`` heading lines wherever the source has
structure, so that the heading-aware splitter (:mod:`datagen.split`) can keep each chunk's heading path.

Libraries used per type:

- Markdown (``.md``, ``.markdown``) and plain text (``.txt``): the standard library, with the encoding detected
  by ``charset-normalizer`` when the bytes are not UTF-8 (the encoding found is reported in ``meta``).
- PDF (``.pdf``): ``pypdf`` (text per page, bookmarks as the outline). Encrypted files that need a password
  and corrupt files are refused with :class:`~datagen.errors.IngestError`.
- Word (``.docx``): ``python-docx``; "Heading N"/"Title" styles become ``#`` lines, list paragraphs ``-`` items,
  tables Markdown table rows.
- Excel (``.xlsx``): ``openpyxl``; CSV (``.csv``): the standard ``csv`` module. Each data row becomes one
  record of ``column: value`` lines; each sheet (or the CSV file) is a ``#`` heading.
- HTML (``.html``, ``.htm``): ``beautifulsoup4`` with ``lxml``; ``h1``-``h6`` become ``#`` lines and
  ``script``/``style``/``nav`` (and similar non-content elements) are dropped.
- Source code (``.py``, ``.js``, ``.ts``, ``.java``, ``.go``, ``.rs``, ``.c``, ``.cpp`` …, see
  :data:`datagen.code_split.CODE_EXTENSIONS`): read as text, the language kept in ``meta`` for the code-aware
  splitter.
- EPUB (``.epub``): ``ebooklib`` for the container, chapter by chapter in spine order, each chapter's XHTML
  through the same HTML conversion.

Every parse is bounded, and every failure is an :class:`~datagen.errors.IngestError` naming the file: the
bytes are capped (``max_bytes``); zip containers (DOCX, XLSX, EPUB) are refused before parsing when they hold
too many members or inflate past :data:`MAX_UNZIPPED_BYTES`; HTML is refused when nested deeper than
:data:`MAX_HTML_DEPTH` or holding more than :data:`MAX_HTML_ELEMENTS` elements; text types are refused when
the bytes look binary; the readers' loops check a per-file time budget (``time_budget`` seconds); and any
other exception a parser library raises on a corrupt file becomes an ``IngestError`` rather than a traceback.
"""

from __future__ import annotations

import csv
import io
import logging
import os
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from datagen.code_split import CODE_EXTENSIONS, language_for
from datagen.errors import IngestError
from datagen.ingest_limits import (  # noqa: F401 - the limits are part of this module's interface
    DEFAULT_TIME_BUDGET,
    KIND_LABELS,
    MAX_HTML_DEPTH,
    MAX_HTML_ELEMENTS,
    MAX_UNZIPPED_BYTES,
    MAX_ZIP_MEMBERS,
    MAX_ZIP_RATIO,
    TEXT_KINDS,
    ZIP_KINDS,
    check_html_shape,
    check_time,
    check_zip,
    deadline,
    human_size,
    require_text,
)
from datagen.split import markdown_headings

logger = logging.getLogger(__name__)

SUPPORTED_EXTENSIONS: dict[str, str] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".text": "text",
    ".pdf": "pdf",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".csv": "csv",
    ".html": "html",
    ".htm": "html",
    ".epub": "epub",
    **dict.fromkeys(CODE_EXTENSIONS, "code"),  # source files: split by datagen.code_split
}
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
_DROPPED_HTML_TAGS = ("script", "style", "nav", "noscript", "template", "iframe", "svg", "form", "button")
_HTML_BLOCK_TAGS = (
    "p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote", "ul", "ol", "dl",
    "figure", "figcaption", "hr", "body", "dd", "dt", "address",
)  # fmt: skip


@dataclass
class Document:
    """One ingested file: Markdown-ish ``text``, its heading ``outline`` and type-specific ``meta``."""

    name: str
    kind: str
    text: str
    outline: list[tuple[int, str]] = field(default_factory=list)
    meta: dict = field(default_factory=dict)


def _check_size(name: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise IngestError(
            f"{name}: file is too large ({human_size(size)}, {size} bytes); the limit is "
            f"{human_size(max_bytes)} ({max_bytes} bytes)"
        )


def kind_for(filename: str) -> str:
    """The reader kind of ``filename`` by extension; IngestError listing the supported ones otherwise."""
    ext = Path(filename).suffix.lower()
    if ext not in SUPPORTED_EXTENSIONS:
        supported = ", ".join(sorted(SUPPORTED_EXTENSIONS))
        hint = (" (images are added with `python -m datagen images add` or in the studio's Images tab)"
                if ext in (".png", ".jpg", ".jpeg", ".webp", ".gif") else "")
        raise IngestError(
            f"{filename}: unsupported file type {ext or '(no extension)'!r}; supported: {supported}{hint}"
        )
    return SUPPORTED_EXTENSIONS[ext]


def read_file_bytes(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a regular file at ``path``, size checked before reading (pipes and devices refused)."""
    path = Path(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise IngestError(f"{path}: not a regular file (a folder, pipe, socket or device)")
        _check_size(path.name, info.st_size, max_bytes)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise IngestError(f"{path}: cannot read file ({exc.strerror or exc})") from exc
    _check_size(path.name, len(data), max_bytes)
    return data


def load_document(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES,
                  time_budget: float = DEFAULT_TIME_BUDGET) -> Document:
    """Read the file at ``path`` (size checked before reading) and convert it to a :class:`Document`."""
    path = Path(path)
    kind_for(path.name)
    data = read_file_bytes(path, max_bytes=max_bytes)
    return load_bytes(data, path.name, max_bytes=max_bytes, time_budget=time_budget)


def load_bytes(data: bytes, filename: str, *, max_bytes: int = DEFAULT_MAX_BYTES,
               time_budget: float = DEFAULT_TIME_BUDGET) -> Document:
    """Convert the raw bytes of an uploaded file named ``filename`` to a :class:`Document`.

    Bounded in size, nesting, inflated size and time (see the module docstring); every failure is an
    :class:`IngestError` naming the file."""
    name = Path(filename).name
    kind = kind_for(name)
    _check_size(name, len(data), max_bytes)
    if kind in TEXT_KINDS:
        require_text(data, name)
    if kind in ZIP_KINDS:
        check_zip(data, name, kind)
    try:
        with deadline(name, time_budget):
            text, meta, outline = _READERS[kind](data, name)
            check_time()
    except IngestError:
        raise
    except RecursionError as exc:
        raise IngestError(f"{name}: the {KIND_LABELS[kind]} is nested too deeply to read") from exc
    except Exception as exc:  # noqa: BLE001 - parser libraries raise anything on corrupt input; name the file
        raise IngestError(f"{name}: corrupt or unreadable {KIND_LABELS[kind]} ({type(exc).__name__}: "
                          f"{str(exc)[:300]})") from exc
    text = _normalise_text(text)
    if not text.strip():
        raise IngestError(f"{name}: the file contains no text")
    if outline is None:
        outline = [(level, title) for _, level, title in markdown_headings(text)]
    meta.setdefault("chars", len(text))
    logger.info("ingested %s (%s): %d chars, %d headings", name, kind, len(text), len(outline))
    return Document(name=name, kind=kind, text=text, outline=outline, meta=meta)


def _normalise_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n")


# ---------------------------------------------------------------------------------------------- text


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM) or the encoding charset-normalizer finds; returns (text, encoding)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise IngestError(
            f"{name}: cannot decode the text: it is not UTF-8 and no other text encoding fits "
            "(is it a binary file renamed to a text extension?)"
        )
    return str(best), best.encoding


def _read_markdown(data: bytes, name: str) -> tuple[str, dict, None]:
    text, encoding = decode_text(data, name)
    return text, {"encoding": encoding}, None


def _read_code(data: bytes, name: str) -> tuple[str, dict, list[tuple[int, str]]]:
    text, encoding = decode_text(data, name)
    return text, {"encoding": encoding, "language": language_for(name)}, []  # '#' is a comment, not a heading


def _read_text(data: bytes, name: str) -> tuple[str, dict, list[tuple[int, str]]]:
    text, encoding = decode_text(data, name)
    return text, {"encoding": encoding}, []  # plain text has no heading syntax: a '#' line is just text


# ----------------------------------------------------------------------------------------------- pdf


def _read_pdf(data: bytes, name: str) -> tuple[str, dict, list[tuple[int, str]]]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError(f"{name}: the PDF is encrypted with a password; decrypt it first")
        pages = []
        for page in reader.pages:
            check_time()
            pages.append((page.extract_text() or "").strip())
        outline = _pdf_outline(reader)
    except IngestError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        if "encrypt" in str(exc).lower() or "password" in str(exc).lower():
            raise IngestError(f"{name}: the PDF is encrypted with a password; decrypt it first") from exc
        raise IngestError(f"{name}: corrupt or unreadable PDF ({type(exc).__name__}: {exc})") from exc
    if pages and not any(pages):
        raise IngestError(
            f"{name}: no text could be extracted from its {len(pages)} page(s); "
            "scanned PDFs need OCR before they can be used"
        )
    return "\n\n".join(p for p in pages if p), {"pages": len(pages)}, outline


def _pdf_outline(reader) -> list[tuple[int, str]]:
    """Bookmarks of a PDF as (level, title), depth first; [] when there are none or they are broken."""
    result: list[tuple[int, str]] = []

    def walk(items, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                title = str(getattr(item, "title", "") or "").strip()
                if title:
                    result.append((level, title))

    try:
        walk(reader.outline, 1)
    except Exception as exc:  # noqa: BLE001 - a broken outline must not lose the text
        logger.warning("ignoring unreadable PDF outline: %s", exc)
        return []
    return result


# ---------------------------------------------------------------------------------------------- docx


def _read_docx(data: bytes, name: str) -> tuple[str, dict, None]:
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise IngestError(
            f"{name}: corrupt or unreadable Word document ({type(exc).__name__}: {exc})"
        ) from exc
    except Exception as exc:  # python-docx raises its own PackageNotFoundError and lxml errors
        raise IngestError(
            f"{name}: corrupt or unreadable Word document ({type(exc).__name__}: {exc})"
        ) from exc
    # style id -> name, looked up once: python-docx's paragraph.style scans every style per call
    style_names = {s.style_id: s.name or "" for s in document.styles}
    blocks: list[str] = []
    tables = paragraphs = 0
    for element in document.iter_inner_content():
        check_time()
        if isinstance(element, Table):
            tables += 1
            blocks.append(_docx_table(element))
        else:
            paragraphs += 1
            blocks.append(_docx_paragraph(element, style_names))
    text = "\n\n".join(b for b in blocks if b.strip())
    return text, {"paragraphs": paragraphs, "tables": tables}, None


def _docx_paragraph(paragraph, style_names: dict[str, str]) -> str:
    text = paragraph.text.strip()
    if not text:
        return ""
    style = style_names.get(paragraph._p.style or "", "")  # no pStyle: the default (body text) style
    match = re.fullmatch(r"Heading\s*(\d)", style.strip(), flags=re.IGNORECASE)
    if match:
        return "#" * min(int(match.group(1)), 6) + " " + " ".join(text.split())
    if style.strip().lower() == "title":
        return "# " + " ".join(text.split())
    if style.lower().startswith("list"):
        return "- " + text
    return text


def markdown_table(rows: list[list[str]]) -> str:
    """Rows of cell strings as a Markdown table (first row as header); "" for no rows."""
    if not rows:
        return ""
    width = max(len(r) for r in rows)
    lines = [
        "| " + " | ".join(c.replace("|", "\\|") for c in r + [""] * (width - len(r))) + " |" for r in rows
    ]
    lines.insert(1, "|" + "---|" * width)
    return "\n".join(lines)


def _docx_table(table) -> str:
    return markdown_table([[" ".join(cell.text.split()) for cell in row.cells] for row in table.rows])


# ---------------------------------------------------------------------------------------- xlsx / csv


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def rows_to_records(title: str, rows: list[list]) -> tuple[str, int]:
    """Render a table (first non-empty row = header) as a ``# title`` section of ``column: value`` records."""
    rows = [[_cell_text(v) for v in row] for row in rows]
    rows = [row for row in rows if any(row)]
    lines = [f"# {title}"]
    if not rows:
        return lines[0], 0
    header = rows[0]
    columns = [h or f"column {i + 1}" for i, h in enumerate(header)]
    for row in rows[1:]:
        record = []
        for i, value in enumerate(row):
            if value:
                column = columns[i] if i < len(columns) else f"column {i + 1}"
                record.append(f"{column}: {value}")
        lines.append("\n".join(record))
    return "\n\n".join(lines), len(rows) - 1


def _read_xlsx(data: bytes, name: str) -> tuple[str, dict, None]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types (BadZipFile, InvalidFileException, KeyError…)
        raise IngestError(
            f"{name}: corrupt or unreadable Excel workbook ({type(exc).__name__}: {exc})"
        ) from exc
    sections, sheets, total = [], [], 0
    try:
        for sheet in workbook.worksheets:
            rows = []
            for row in sheet.iter_rows(values_only=True):
                check_time()
                rows.append(list(row))
            section, count = rows_to_records(sheet.title, rows)
            sections.append(section)
            sheets.append(sheet.title)
            total += count
    finally:
        workbook.close()
    return "\n\n".join(sections), {"sheets": sheets, "rows": total}, None


def _read_csv(data: bytes, name: str) -> tuple[str, dict, None]:
    text, encoding = decode_text(data, name)
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise IngestError(f"{name}: line {reader.line_num}: malformed CSV ({exc})") from exc
    section, count = rows_to_records(Path(name).stem, rows)
    return section, {"encoding": encoding, "rows": count, "delimiter": dialect.delimiter}, None


# ---------------------------------------------------------------------------------------- html / epub


def html_to_markdown(markup: bytes | str) -> tuple[str, str]:
    """Convert HTML to Markdown-ish text (``#`` headings, ``-`` list items); returns (text, <title>)."""
    from bs4 import BeautifulSoup

    check_html_shape(markup)
    soup = BeautifulSoup(markup, "lxml")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for tag in soup.find_all(["head", *_DROPPED_HTML_TAGS]):
        tag.decompose()
    for pre in soup.find_all("pre"):
        pre.replace_with("\n\n```\n" + pre.get_text().strip("\n") + "\n```\n\n")
    for level in range(1, 7):
        for heading in soup.find_all(f"h{level}"):
            words = " ".join(heading.get_text(" ", strip=True).split())
            heading.replace_with(f"\n\n{'#' * level} {words}\n\n" if words else "\n")
    for item in soup.find_all("li"):
        item.insert(0, "\n- ")
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for table in reversed(soup.find_all("table")):  # innermost first
        check_time()
        rows = [
            [_cell_text(c.get_text(" ", strip=True)) for c in tr.find_all(["td", "th"])]
            for tr in table.find_all("tr")
        ]
        table.replace_with("\n\n" + markdown_table([r for r in rows if any(r)]) + "\n\n")
    for block in soup.find_all(_HTML_BLOCK_TAGS):
        check_time()
        block.insert(0, "\n\n")
        block.append("\n\n")
    raw = soup.get_text()
    lines, in_fence = [], False
    for line in raw.split("\n"):
        if line.startswith("```"):
            in_fence = not in_fence
        lines.append(line.rstrip() if in_fence else " ".join(line.split()))
    return "\n".join(lines), title


def _read_html(data: bytes, name: str) -> tuple[str, dict, None]:
    text, title = html_to_markdown(data)
    return text, {"title": title} if title else {}, None


def _read_epub(data: bytes, name: str) -> tuple[str, dict, None]:
    import ebooklib
    from ebooklib import epub

    try:
        book = epub.read_epub(io.BytesIO(data), options={"ignore_ncx": True})
    except Exception as exc:  # ebooklib raises EpubException, KeyError, lxml errors…
        raise IngestError(f"{name}: corrupt or unreadable EPUB ({type(exc).__name__}: {exc})") from exc
    chapters = []
    for entry in book.spine:
        check_time()
        item = book.get_item_with_id(entry[0] if isinstance(entry, (tuple, list)) else entry)
        if item is None or item.get_type() != ebooklib.ITEM_DOCUMENT:
            continue
        text, _ = html_to_markdown(item.get_content())
        if text.strip():
            chapters.append(text.strip())
    titles = book.get_metadata("DC", "title")
    meta = {"chapters": len(chapters)}
    if titles:
        meta["title"] = titles[0][0]
    return "\n\n".join(chapters), meta, None


_READERS = {
    "markdown": _read_markdown,
    "text": _read_text,
    "pdf": _read_pdf,
    "docx": _read_docx,
    "xlsx": _read_xlsx,
    "csv": _read_csv,
    "html": _read_html,
    "epub": _read_epub,
    "code": _read_code,
}
