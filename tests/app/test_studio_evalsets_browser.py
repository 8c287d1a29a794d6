"""The studio's Evaluation tab in a real browser (Debian's headless Chromium via Playwright): create a project and
upload a document, split it, generate an evaluation set, open a question by clicking its row, run an evaluation and
read the score table. The model is the scripted fake (the built-in model's eval run is in
``tests/datagen/test_evalsets_real_model.py``). Screenshot: ``test-artifacts/studio-eval.png``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fakes import ScriptedLLM, hash_embed
from openai_server import free_port

from app_ui.studio_tab import demo, studio_i18n

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # ~60 s; the same journey runs through gradio_client in test_studio_evalsets_ui

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]
DOC = "# The Loire\n\nThe Loire is the longest river in France. It flows into the Atlantic Ocean.\n"


def _items(messages) -> str:
    text = messages[-1]["content"]
    if "Item type: single-choice" in text:
        item = {"question": "Which is the longest river in France?", "options": ["Seine", "Loire", "Rhone", "Po"],
                "answer": "B"}
    else:
        item = {"question": "Why is the Loire notable?", "answer": "It is the longest river in France.",
                "rubric": "Says longest."}
    return json.dumps({"questions": [item]})


def _factory(settings):
    return ScriptedLLM(model="fake-model", by_purpose={
        "eval_questions": _items, "eval_closed": '{"answer": "B"}', "eval_open": "The longest river.",
        "eval_judge": '{"score": 4, "reason": "fine"}'})


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run `apt-get install chromium`")
    blocks = demo({"workspace": tmp_path_factory.mktemp("eval-browser-ws"), "llm_factory": _factory,
                   "embed": hash_embed})
    port = free_port()
    blocks.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True,
                  i18n=studio_i18n())
    yield f"http://127.0.0.1:{port}/"
    blocks.close()


def test_evaluation_tab_journey(url, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    expect = sync_api.expect
    (tmp_path / "loire.md").write_text(DOC, encoding="utf-8")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 2400, "height": 1000})  # every studio tab in one row
        try:
            page.goto(url)
            expect(page.locator("#studio-overview")).to_contain_text("files", timeout=60_000)
            page.get_by_label("New project name").fill("evals")
            page.get_by_role("button", name="Create project").click()
            expect(page.locator("#studio-overview")).to_contain_text("evals", timeout=30_000)
            page.locator("#studio-upload input[type=file]").set_input_files([str(tmp_path / "loire.md")])
            page.locator("#studio-add-files").click()
            expect(page.locator("#studio-files-msg")).to_contain_text("added loire.md", timeout=30_000)
            page.get_by_role("tab", name="Chunks").click()
            page.get_by_role("button", name="Split").first.click()
            expect(page.locator("#studio-overview")).to_contain_text("1 chunks", timeout=30_000)

            page.get_by_role("tab", name="Evaluation").click()
            for box in ("true_false", "multiple_choice", "short_answer"):
                page.get_by_label(box, exact=True).uncheck()
            page.locator("#studio-eval-generate").click()
            expect(page.locator("#studio-eval-counts")).to_contain_text("2 evaluation questions", timeout=60_000)
            page.get_by_text("Edit one question").click()  # open the accordion first: its inputs render then
            cell = page.locator("#studio-eval-questions [data-testid='cell-0-3']")  # row 1, column "question"
            expect(cell).to_contain_text("Which is the longest river", timeout=30_000)
            row_id = page.locator("#studio-eval-questions [data-testid='cell-0-0']").inner_text().strip()
            cell.click()  # a click on a row picks the question
            expect(page.locator("#studio-eval-id input")).to_have_value(row_id, timeout=30_000)
            page.get_by_role("button", name="Load").click()
            expect(page.get_by_label("Reference answer (true/false, letters such as A,C, or text)")).to_have_value(
                "B", timeout=30_000)
            page.locator("#studio-eval-run").click()
            result = page.locator("#studio-eval-result")
            expect(result).to_contain_text("[done]", timeout=60_000)
            text = result.inner_text()
            assert "single_choice" in text and "100.0%" in text and "80.0%" in text, text
            (ROOT / "test-artifacts").mkdir(exist_ok=True)
            page.screenshot(path=str(ROOT / "test-artifacts" / "studio-eval.png"), full_page=True)
        finally:
            browser.close()
