"""The dataset-studio tab in a real browser: Debian's headless Chromium driven by Playwright.

Journey: open ``demo()``, upload a Markdown file, generate questions and answers with the built-in
SmolLM2-135M (no endpoint: real model, few valid questions expected), see the run's result and failures, export and
download the file. Screenshots go to ``test-artifacts/`` and, with UPDATE_SCREENSHOTS=1, one copy to ``docs/screenshots/studio.png``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from openai_server import free_port

from app_ui.studio_tab import demo, studio_i18n

pytestmark = [pytest.mark.browser, pytest.mark.realmodel]  # part of `make test`: the studio journey in CI

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
DOC = """# The Loire

The Loire is the longest river in France, about 1,006 kilometres long. It rises in the Massif Central and
flows north and then west into the Atlantic Ocean near Saint-Nazaire. Its valley is famous for its castles.
"""


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run `apt-get install chromium` (make test does it when run as root)")
    blocks = demo({"workspace": tmp_path_factory.mktemp("studio-browser-ws")})
    port = free_port()
    blocks.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True,
                  i18n=studio_i18n())
    yield f"http://127.0.0.1:{port}/"
    blocks.close()


def _fill_number(page, elem_id: str, value: int) -> None:
    box = page.locator(f"#{elem_id} input").first
    box.fill(str(value))
    box.press("Tab")


def test_upload_generate_with_the_default_model_and_download_an_export(url, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    ARTIFACTS.mkdir(exist_ok=True)
    doc = tmp_path / "loire.md"
    doc.write_text(DOC, encoding="utf-8")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
        try:
            page.goto(url)
            page.wait_for_selector("#studio-overview :text('0 files')", timeout=60_000)
            sync_api.expect(page.locator("#studio-default-model-note")).to_contain_text("SmolLM2-135M")

            page.locator("#studio-upload input[type=file]").set_input_files(str(doc))
            page.locator("#studio-add-files").click()
            sync_api.expect(page.locator("#studio-files-msg")).to_contain_text("added loire.md",
                                                                               timeout=30_000)
            sync_api.expect(page.locator("#studio-overview")).to_contain_text("1 files")

            page.get_by_role("tab", name="Endpoint").click()
            _fill_number(page, "studio-max-tokens", 96)  # keep the built-in model's replies short
            page.locator("#studio-save-endpoint").click()
            sync_api.expect(page.locator("#studio-endpoint-status")).to_contain_text("built-in")

            page.get_by_role("tab", name="Generate").click()
            _fill_number(page, "studio-max-questions", 2)
            _fill_number(page, "studio-parse-retries", 0)
            page.locator("#studio-reasoning input[type=checkbox]").uncheck()
            page.locator("#studio-generate").click()
            result = page.locator("#studio-run-result")
            sync_api.expect(result).to_contain_text("this run:", timeout=300_000)
            text = result.inner_text()
            assert "questions:" in text and "answers:" in text and "SmolLM2-135M" in text, text
            assert "failures" in text  # shown whether or not the small model kept to the JSON format
            page.screenshot(path=str(ARTIFACTS / "studio-generate.png"), full_page=True)

            page.get_by_role("tab", name="Review").click()
            page.get_by_role("button", name="Show page").first.click()
            sync_api.expect(page.locator("#studio-review-info")).to_contain_text("Page 1 of")

            page.get_by_role("tab", name="Export").click()
            page.locator("#studio-export").click()
            sync_api.expect(page.locator("#studio-export-result")).to_contain_text("Exported 1 file",
                                                                                  timeout=30_000)
            link = page.locator("#studio-export-files a").first
            with page.expect_download(timeout=30_000) as info:
                link.click()
            saved = tmp_path / info.value.suggested_filename
            info.value.save_as(saved)
            assert saved.name.endswith(".jsonl") and saved.exists()
            page.screenshot(path=str(ARTIFACTS / "studio-export.png"), full_page=True)
            page.get_by_role("tab", name="Generate").click()
            page.screenshot(path=str(ARTIFACTS / "studio.png"), full_page=True)
        finally:
            browser.close()
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":  # refresh the README's screenshot on request
        screenshots = ROOT / "docs" / "screenshots"
        screenshots.mkdir(parents=True, exist_ok=True)
        shutil.copy(ARTIFACTS / "studio.png", screenshots / "studio.png")
