"""The dialogues tab and the provider preset in a real browser (Debian's headless Chromium through Playwright):
split a document, generate a dialogue (scripted model), click it, click one turn, edit that turn alone and see
the change; pick the Ollama preset and see the base URL filled and the key box hidden."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fakes import ScriptedLLM
from openai_server import free_port

from app_ui.studio_tab import demo, studio_i18n

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def _factory(settings):
    def turn(messages) -> int:
        return messages[-1]["content"].split("Conversation so far:")[1].count("\n")

    return ScriptedLLM(by_purpose={"dialog_user": lambda m: f"Student question {turn(m)} about lava?",
                                   "dialog_assistant": lambda m: f"Tutor reply {turn(m)} about lava."})


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run `apt-get install chromium`")
    blocks = demo({"workspace": tmp_path_factory.mktemp("dialogs-browser-ws"), "llm_factory": _factory})
    port = free_port()
    blocks.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True,
                  i18n=studio_i18n())
    yield f"http://127.0.0.1:{port}/"
    blocks.close()


def _split_a_document(page, expect, tmp_path: Path) -> None:
    expect(page.locator("#studio-overview")).to_contain_text("files", timeout=60_000)
    page.get_by_label("New project name").fill("lava")
    page.get_by_role("button", name="Create project").click()
    expect(page.locator("#studio-overview")).to_contain_text("lava", timeout=30_000)
    doc = tmp_path / "lava.md"
    doc.write_text("# Lava\n\nLava leaves a volcano at about 700 to 1200 degrees Celsius.\n", encoding="utf-8")
    page.locator("#studio-upload input[type=file]").set_input_files([str(doc)])
    page.locator("#studio-add-files").click()
    expect(page.locator("#studio-files-msg")).to_contain_text("added lava.md", timeout=30_000)
    page.get_by_role("tab", name="Chunks").click()
    page.get_by_role("button", name="Split documents").click()
    expect(page.locator("#studio-overview")).to_contain_text("1 chunks", timeout=30_000)


def test_dialogue_turn_edit_and_provider_preset_in_chromium(url, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    expect = sync_api.expect
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 2400, "height": 1000})  # every studio tab in one row
        try:
            page.goto(url)
            _split_a_document(page, expect, tmp_path)
            page.get_by_role("tab", name="Dialogues").click()
            rounds = page.locator("#studio-dialog-rounds input").first
            rounds.fill("2")
            rounds.press("Tab")
            page.locator("#studio-dialog-generate").click()
            expect(page.locator("#studio-dialog-result")).to_contain_text("dialogs", timeout=60_000)
            page.locator("#studio-dialogs [data-testid='cell-0-4']").click()  # row 1, column "first message"
            turns = page.locator("#studio-dialog-turns")
            expect(turns).to_contain_text("Tutor reply", timeout=30_000)
            third = turns.locator("[data-testid='cell-2-3']").inner_text().strip()  # turn 3, left as it is
            assert third.startswith("Student question")
            turns.locator("[data-testid='cell-1-3']").click()  # turn 2 (the tutor's first reply)
            editor = page.locator("#studio-dialog-turn-text textarea")
            expect(editor).to_have_value(re.compile(r"^Tutor reply \d+ about lava\.$"), timeout=30_000)
            assert page.locator("#studio-dialog-turn input").first.input_value() == "2"
            editor.fill("About 700 to 1200 degrees Celsius.")
            page.locator("#studio-dialog-save-turn").click()
            expect(page.locator("#studio-dialog-msg")).to_contain_text("Turn 2 saved.", timeout=30_000)
            expect(turns).to_contain_text("About 700 to 1200 degrees Celsius.")
            expect(turns).to_contain_text(third)  # the other turns stay

            page.get_by_role("tab", name="Endpoint").click()
            page.locator("#studio-provider input").first.click()
            page.get_by_role("option", name="Ollama (local, no key)").first.click()
            base_url = page.get_by_label("Base URL (OpenAI-compatible)")
            expect(base_url).to_have_value("http://127.0.0.1:11434/v1", timeout=30_000)
            expect(page.get_by_label("API key (kept for this browser session only)")).to_be_hidden()
        finally:
            browser.close()
