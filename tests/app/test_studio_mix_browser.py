"""The Genre–audience and Import tabs in a real browser (Debian's headless Chromium through Playwright): add a
pair by hand and see it in the table, then import a CSV with the guessed column mapping and see it in review."""

from __future__ import annotations

from pathlib import Path

import pytest
from openai_server import free_port

from app_ui.studio_tab import demo, studio_i18n
from datagen import formats

pytestmark = [pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]


def test_add_a_pair_and_import_a_mapped_csv_in_the_browser(tmp_path):
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run `apt-get install chromium` (make test does it when run "
                    "as root)")
    from playwright.sync_api import expect, sync_playwright

    csv = formats.write_records([{"prompt": "What raises the tides?", "response": "The moon.", "topic": "Tides"},
                                 {"prompt": "What is a delta?", "response": "Silt at a river mouth.",
                                  "topic": "Rivers"}], tmp_path / "legacy.csv")
    blocks = demo({"workspace": tmp_path / "ws"})
    port = free_port()
    blocks.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True, i18n=studio_i18n())
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            page = browser.new_page(locale="en-US")
            page.goto(f"http://127.0.0.1:{port}/")
            expect(page.locator("#studio-overview")).to_contain_text("files", timeout=60_000)
            page.get_by_role("tab", name="Genre–audience").click()
            page.get_by_label("Genre", exact=True).fill("exam question")
            page.get_by_label("Audience", exact=True).fill("high-school students")
            page.get_by_role("button", name="Add pair").click()
            expect(page.locator("#studio-ga-msg")).to_contain_text("Pair 1 saved", timeout=30_000)
            expect(page.locator("#studio-ga-pairs")).to_contain_text("high-school students")

            page.get_by_role("tab", name="Import").click()
            page.locator("#studio-import-file input[type=file]").set_input_files(str(csv))
            page.get_by_role("button", name="Preview columns").click()
            expect(page.locator("#studio-import-info")).to_contain_text("2 rows from legacy.csv", timeout=30_000)
            page.get_by_role("button", name="Import with this mapping").click()
            expect(page.locator("#studio-import-msg")).to_contain_text("Imported 2 item(s)", timeout=30_000)
            page.get_by_role("tab", name="Review").click()
            page.get_by_role("button", name="Show page").click()
            expect(page.locator("#studio-items")).to_contain_text("What raises the tides?", timeout=30_000)
            browser.close()
    finally:
        blocks.close()
