"""The chunk editor in a real browser (Debian's headless Chromium, Playwright): upload a Python file, split it
(the code-aware splitter), open the Chunk editor tab, pick the file, click a chunk row to open it, split it
before a marker and see the new chunk in the table. No model is involved."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openai_server import free_port
from test_studio_browser import CHROMIUM, CHROMIUM_ARGS

from app_ui.studio_tab import demo, studio_i18n

pytestmark = [pytest.mark.browser]

SOURCE = "import os\n\n\n" + "".join(
    f"def function_{i}(path):\n    \"\"\"Function {i} joins the path with part {i} and returns it.\"\"\"\n"
    f"    return os.path.join(path, 'part-{i}-{'x' * 40}')\n\n\n" for i in range(12))


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run `apt-get install chromium`")
    blocks = demo({"workspace": tmp_path_factory.mktemp("editor-browser-ws")})
    port = free_port()
    blocks.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True,
                  i18n=studio_i18n())
    yield f"http://127.0.0.1:{port}/"
    blocks.close()


def test_chunk_editor_opens_a_clicked_chunk_and_splits_it(url, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    expect = sync_api.expect
    (tmp_path / "paths.py").write_text(SOURCE, encoding="utf-8")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            page.goto(url)
            expect(page.locator("#studio-overview")).to_contain_text("files", timeout=60_000)
            page.get_by_label("New project name").fill("code")
            page.get_by_role("button", name="Create project").click()
            expect(page.locator("#studio-overview")).to_contain_text("code", timeout=30_000)
            page.locator("#studio-upload input[type=file]").set_input_files([str(tmp_path / "paths.py")])
            page.locator("#studio-add-files").click()
            expect(page.locator("#studio-files-msg")).to_contain_text("added paths.py", timeout=30_000)
            page.get_by_role("tab", name="Chunks", exact=True).click()
            page.get_by_role("button", name="Split documents").click()
            expect(page.locator("#studio-overview")).to_contain_text("chunks", timeout=30_000)

            page.get_by_role("tab", name="Chunk editor").click()
            page.locator("#studio-editor-refresh").click()
            page.locator("#studio-editor-file input").click()
            page.get_by_role("option", name=re.compile(r"paths\.py")).click()
            expect(page.locator("#studio-editor-info")).to_contain_text("chunks", timeout=30_000)
            before = int(page.locator("#studio-editor-info").inner_text().split()[0])
            assert before >= 2
            page.locator("#studio-editor-table [data-testid='cell-0-4']").click()  # row 1, column "text"
            expect(page.locator("#studio-editor-text textarea")).to_have_value(re.compile("^import os"),
                                                                               timeout=30_000)
            page.locator("#studio-editor-marker textarea, #studio-editor-marker input").first.fill("def function_1(")
            page.locator("#studio-editor-split").click()
            expect(page.locator("#studio-editor-msg")).to_contain_text("split", timeout=30_000)
            expect(page.locator("#studio-editor-info")).to_contain_text(f"{before + 1} chunks")
        finally:
            browser.close()
