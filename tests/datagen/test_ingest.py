"""Ingest: every supported type parsed from a small real file written in the test, and every refusal path."""

from __future__ import annotations

import io
import random

import pytest

from datagen.errors import IngestError
from datagen.ingest import SUPPORTED_EXTENSIONS, Document, load_bytes, load_document


def test_markdown_outline_ignores_hashes_in_code_fences(tmp_path):
    path = tmp_path / "guide.md"
    path.write_text(
        "# Guide\n\nIntro.\n\n## Install\n\n```bash\n# not a heading\npip install x\n```\n\n### Linux\n\nApt.\n",
        encoding="utf-8",
    )
    doc = load_document(path)
    assert isinstance(doc, Document)
    assert doc.kind == "markdown" and doc.name == "guide.md"
    assert doc.outline == [(1, "Guide"), (2, "Install"), (3, "Linux")]
    assert "# not a heading" in doc.text
    assert doc.meta["encoding"] == "utf-8"


def test_plain_text_has_no_outline_even_with_hash_lines():
    doc = load_bytes(b"# just a comment line\nplain words\r\nmore\n", "notes.txt")
    assert doc.kind == "text" and doc.outline == []
    assert "\r" not in doc.text and doc.text.startswith("# just a comment line")


def test_latin1_text_detected_and_reported():
    data = "Le café crème et la crème brûlée sont délicieux à Noël. Où est la forêt? Ça va très bien.\n" * 3
    doc = load_bytes(data.encode("latin-1"), "fr.txt")
    assert "crème brûlée" in doc.text and "Noël" in doc.text
    assert doc.meta["encoding"] in {"cp1252", "latin_1", "iso8859_15", "iso8859_1"}


def test_gbk_text_detected_and_reported(tmp_path):
    text = (
        "知识库增强语言模型把三元组编码成知识令牌，并通过矩形注意力注入冻结的大模型。这是一个测试文件。\n" * 3
    )
    path = tmp_path / "zh.txt"
    path.write_bytes(text.encode("gbk"))
    doc = load_document(path)
    assert "矩形注意力" in doc.text
    assert doc.meta["encoding"] in {"gb18030", "gbk", "gb2312"}


def test_undecodable_binary_names_the_file():
    rng = random.Random(1)
    data = bytes(rng.randrange(256) for _ in range(4096))
    with pytest.raises(IngestError, match=r"blob\.txt: cannot decode"):
        load_bytes(data, "blob.txt")


def test_unknown_extension_lists_supported_types():
    with pytest.raises(IngestError) as info:
        load_bytes(b"x", "data.xyz")
    message = str(info.value)
    assert "data.xyz" in message and ".xyz" in message
    for ext in (".md", ".pdf", ".docx", ".xlsx", ".csv", ".html", ".epub"):
        assert ext in message


def test_oversize_file_refused_with_size_and_limit(tmp_path):
    path = tmp_path / "big.md"
    path.write_text("x" * 5000, encoding="utf-8")
    with pytest.raises(IngestError) as info:
        load_document(path, max_bytes=1024)
    assert "big.md" in str(info.value) and "5000 bytes" in str(info.value) and "1024 bytes" in str(info.value)
    with pytest.raises(IngestError, match="too large"):
        load_bytes(b"x" * 2000, "big.txt", max_bytes=1000)


def test_empty_file_refused():
    with pytest.raises(IngestError, match=r"empty\.md: the file contains no text"):
        load_bytes(b"\n  \n", "empty.md")


def test_missing_file_is_an_ingest_error(tmp_path):
    with pytest.raises(IngestError, match="cannot read"):
        load_document(tmp_path / "absent.md")


# --------------------------------------------------------------------------------------------- pdf


def _pdf_bytes(pages: list[tuple[str, str]]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for title, body in pages:
        pdf.add_page()
        if title:
            pdf.start_section(title)
        pdf.multi_cell(0, 8, body)
    return bytes(pdf.output())


def test_pdf_text_pages_and_bookmark_outline():
    data = _pdf_bytes(
        [("Overview", "Alpha page talks about llamas."), ("Details", "Beta page covers alpacas.")]
    )
    doc = load_bytes(data, "report.pdf")
    assert doc.kind == "pdf" and doc.meta["pages"] == 2
    assert "llamas" in doc.text and "alpacas" in doc.text
    assert doc.text.index("llamas") < doc.text.index("alpacas")
    assert doc.outline == [(1, "Overview"), (1, "Details")]


def test_encrypted_pdf_refused():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(_pdf_bytes([("", "secret text")]))).pages:
        writer.add_page(page)
    writer.encrypt("hunter2")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(IngestError, match=r"locked\.pdf: .*encrypted"):
        load_bytes(buffer.getvalue(), "locked.pdf")


def test_corrupt_pdf_refused():
    good = _pdf_bytes([("", "some text here")])
    for data in (b"%PDF-1.4\nthis is not really a pdf\n", good[: len(good) // 3]):
        with pytest.raises(IngestError, match=r"broken\.pdf"):
            load_bytes(data, "broken.pdf")


def test_pdf_without_text_says_ocr_is_needed():
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    with pytest.raises(IngestError, match="OCR"):
        load_bytes(bytes(pdf.output()), "scan.pdf")


# -------------------------------------------------------------------------------------------- office


def test_docx_headings_lists_and_tables():
    import docx

    document = docx.Document()
    document.add_heading("Handbook", level=1)
    document.add_paragraph("Welcome to the handbook.")
    document.add_heading("Setup", level=2)
    document.add_paragraph("Install the tool.", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Name", "Role"
    table.cell(1, 0).text, table.cell(1, 1).text = "Ada", "Engineer"
    document.add_paragraph("After the table.")
    buffer = io.BytesIO()
    document.save(buffer)
    doc = load_bytes(buffer.getvalue(), "handbook.docx")
    assert doc.kind == "docx"
    assert doc.outline == [(1, "Handbook"), (2, "Setup")]
    assert "# Handbook" in doc.text and "## Setup" in doc.text and "- Install the tool." in doc.text
    assert "| Name | Role |" in doc.text and "| Ada | Engineer |" in doc.text
    assert doc.text.index("| Ada | Engineer |") < doc.text.index("After the table.")  # document order kept
    assert doc.meta["tables"] == 1


def test_corrupt_docx_refused():
    with pytest.raises(IngestError, match=r"bad\.docx: corrupt"):
        load_bytes(b"PK\x03\x04 not a zip", "bad.docx")


def test_xlsx_rows_become_records_under_sheet_headings():
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Staff"
    sheet.append(["name", "role", "age"])
    sheet.append(["Ada", "engineer", 36])
    sheet.append(["Bob", None, 41.0])
    other = workbook.create_sheet("Empty")
    other.append([None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    doc = load_bytes(buffer.getvalue(), "people.xlsx")
    assert doc.outline == [(1, "Staff"), (1, "Empty")]
    assert doc.meta["sheets"] == ["Staff", "Empty"] and doc.meta["rows"] == 2
    assert "name: Ada\nrole: engineer\nage: 36" in doc.text
    assert "name: Bob\nage: 41" in doc.text and "role: \n" not in doc.text


def test_csv_rows_become_records_with_sniffed_delimiter():
    data = b"city;country;population\nParis;France;2100000\nLyon;France;520000\n"
    doc = load_bytes(data, "cities.csv")
    assert doc.kind == "csv" and doc.outline == [(1, "cities")]
    assert doc.meta["rows"] == 2 and doc.meta["delimiter"] == ";"
    records = doc.text.split("\n\n")[1:]
    assert records == [
        "city: Paris\ncountry: France\npopulation: 2100000",
        "city: Lyon\ncountry: France\npopulation: 520000",
    ]


# ----------------------------------------------------------------------------------------- html/epub


def test_html_headings_kept_and_boilerplate_dropped():
    html = b"""<html><head><title>Doc</title><style>p{color:red}</style></head><body>
    <nav><a href="/">Home</a> menu entries</nav>
    <h1>Main title</h1><p>First paragraph with <b>bold</b> text.</p>
    <script>var secret = 1;</script>
    <h2>Part two</h2><ul><li>one</li><li>two</li></ul>
    <table><tr><th>key</th><th>value</th></tr><tr><td>speed</td><td>42</td></tr></table>
    <pre>x = 1
# comment in code</pre>
    </body></html>"""
    doc = load_bytes(html, "page.html")
    assert doc.outline == [(1, "Main title"), (2, "Part two")]
    assert "# Main title" in doc.text and "First paragraph with bold text." in doc.text
    assert "- one" in doc.text and "- two" in doc.text
    assert "| key | value |\n|---|---|\n| speed | 42 |" in doc.text
    assert "```\nx = 1\n# comment in code\n```" in doc.text
    assert "secret" not in doc.text and "menu entries" not in doc.text and "color:red" not in doc.text
    assert doc.meta["title"] == "Doc"


def test_epub_chapters_in_spine_order(tmp_path):
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier("id-1")
    book.set_title("Tiny Book")
    book.set_language("en")
    chapters = []
    for i, (title, body) in enumerate(
        [("Dawn", "The sun rose over the hills."), ("Dusk", "Night fell quietly.")]
    ):
        chapter = epub.EpubHtml(title=title, file_name=f"ch{i}.xhtml", lang="en")
        chapter.content = f"<html><body><h1>{title}</h1><p>{body}</p></body></html>"
        book.add_item(chapter)
        chapters.append(chapter)
    book.toc = chapters
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = chapters
    path = tmp_path / "tiny.epub"
    epub.write_epub(str(path), book)
    doc = load_document(path)
    assert doc.kind == "epub" and doc.meta["chapters"] == 2 and doc.meta["title"] == "Tiny Book"
    assert doc.outline == [(1, "Dawn"), (1, "Dusk")]
    assert doc.text.index("sun rose") < doc.text.index("Night fell")


def test_corrupt_epub_refused():
    with pytest.raises(IngestError, match=r"book\.epub: corrupt"):
        load_bytes(b"not a zip at all", "book.epub")


def test_every_kind_has_a_reader():
    assert set(SUPPORTED_EXTENSIONS.values()) == {
        "markdown",
        "text",
        "pdf",
        "docx",
        "xlsx",
        "csv",
        "html",
        "epub",
        "code",
    }
