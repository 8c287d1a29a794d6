"""The dataset-studio journey in a real browser: Debian's headless Chromium driven by Playwright.

A new user with no endpoint: create a project, upload two small documents, generate questions and answers with
the built-in SmolLM2-135M (grammar-constrained, so every reply is schema-valid), open a row by clicking it,
confirm rows in bulk, export the confirmed rows, download the file and load it with ``datasets``; then reload
the page and find the same project selected. Screenshots go to ``test-artifacts/`` and, with
``UPDATE_SCREENSHOTS=1``, to ``docs/screenshots/`` (the README's).
"""

from __future__ import annotations

import os
import re
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
DOCS = {
    "loire.md": "# The Loire\n\nThe Loire is the longest river in France, about 1,006 kilometres long. It rises in "
                "the Massif Central and flows into the Atlantic Ocean near Saint-Nazaire.\n",
    "rhone.txt": "The Rhone rises in the Rhone Glacier in the Swiss Alps. It flows through Lake Geneva and Lyon "
                 "and reaches the Mediterranean Sea near Arles.\n",
}


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


def _create_project_and_upload(page, expect, tmp_path: Path) -> None:
    # the page's load event fills the overview (and restores this browser's project): wait for it, or its late
    # answer can overwrite the session state of the first clicks on a slow machine
    expect(page.locator("#studio-overview")).to_contain_text("files", timeout=60_000)
    page.get_by_label("New project name").fill("rivers")
    page.get_by_role("button", name="Create project").click()
    expect(page.locator("#studio-overview")).to_contain_text("rivers", timeout=30_000)
    paths = []
    for name, text in DOCS.items():
        paths.append(tmp_path / name)
        paths[-1].write_text(text, encoding="utf-8")
    page.locator("#studio-upload input[type=file]").set_input_files([str(p) for p in paths])
    page.locator("#studio-add-files").click()
    for name in DOCS:
        expect(page.locator("#studio-files-msg")).to_contain_text(f"added {name}", timeout=30_000)
    expect(page.locator("#studio-overview")).to_contain_text("2 files")


def _generate(page, expect) -> str:
    page.get_by_role("tab", name="Endpoint").click()
    _fill_number(page, "studio-max-tokens", 128)  # keep the built-in model's answers short
    page.locator("#studio-save-endpoint").click()
    expect(page.locator("#studio-endpoint-status")).to_contain_text("built-in")
    page.get_by_role("tab", name="Generate").click()
    _fill_number(page, "studio-max-questions", 2)
    page.locator("#studio-reasoning input[type=checkbox]").uncheck()
    page.locator("#studio-generate").click()
    result = page.locator("#studio-run-result")
    expect(result).to_contain_text("This run:", timeout=240_000)
    return result.inner_text()


def _review(page, expect) -> int:
    """Open a row by clicking it, then confirm the whole page in bulk; returns how many were confirmed."""
    page.get_by_role("tab", name="Review").click()
    page.get_by_role("button", name="Show page").first.click()
    expect(page.locator("#studio-review-info")).to_contain_text("Page 1 of 1")
    second_row_question = page.locator("#studio-items [data-testid='cell-1-3']")  # row 2, column "question"
    shown = second_row_question.inner_text().strip().rstrip("…")
    second_row_question.click()
    expect(page.locator("#studio-question textarea")).to_have_value(
        re.compile("^" + re.escape(shown[:30])), timeout=30_000)
    assert page.locator("#studio-item-id input").input_value() != ""
    page.locator("#studio-select-page").click()
    boxes = page.locator("#studio-selected input[type=checkbox]")
    expect(boxes.first).to_be_checked()
    rows = boxes.count()
    page.locator("#studio-confirm-selected").click()
    expect(page.locator("#studio-bulk-msg")).to_contain_text("items confirmed", timeout=30_000)
    confirmed = int(page.locator("#studio-bulk-msg").inner_text().split()[0])
    assert 1 <= confirmed <= rows
    expect(page.locator("#studio-overview")).to_contain_text(f"{confirmed} confirmed")
    return confirmed


def _export(page, expect, tmp_path: Path) -> Path:
    page.get_by_role("tab", name="Export").click()
    page.get_by_label("Only confirmed items").check()
    page.locator("#studio-export").click()
    expect(page.locator("#studio-export-result")).to_contain_text("Exported 1 file", timeout=30_000)
    with page.expect_download(timeout=30_000) as info:
        page.locator("#studio-export-files a").first.click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    return saved


def test_journey_project_two_documents_generate_review_bulk_confirm_export(url, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    datasets = pytest.importorskip("datasets")
    expect = sync_api.expect
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 2400, "height": 1000}, accept_downloads=True)  # every tab in one row
        try:
            page.goto(url)
            expect(page.locator("#studio-default-model-note")).to_contain_text("SmolLM2-135M", timeout=60_000)
            _create_project_and_upload(page, expect, tmp_path)
            text = _generate(page, expect)
            assert "questions" in text and "answers" in text and "SmolLM2-135M" in text, text
            assert "python -m" not in text and "```" not in text  # a table, not a command-line transcript
            page.screenshot(path=str(ARTIFACTS / "studio.png"), full_page=True)
            confirmed = _review(page, expect)
            page.screenshot(path=str(ARTIFACTS / "studio-review.png"), full_page=True)
            saved = _export(page, expect, tmp_path)
            rows = datasets.load_dataset("json", data_files=str(saved), split="train")
            assert len(rows) == confirmed and set(rows.column_names) >= {"instruction", "output"}
            assert all(r["instruction"] and r["output"] for r in rows)

            page.reload()  # the project this browser selected survives a reload
            expect(page.locator("#studio-overview")).to_contain_text("rivers", timeout=30_000)
            expect(page.locator("#studio-overview")).to_contain_text("2 files")
        finally:
            browser.close()
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":  # refresh the README's screenshots on request
        screenshots = ROOT / "docs" / "screenshots"
        screenshots.mkdir(parents=True, exist_ok=True)
        shutil.copy(ARTIFACTS / "studio.png", screenshots / "studio.png")
        shutil.copy(ARTIFACTS / "studio-review.png", screenshots / "studio-review.png")
