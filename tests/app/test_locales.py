"""Adding a UI language is adding one catalogue file: a throwaway language (every label and message of English
with a "ÉÉ " prefix, in one ``fr.json``) shows in every tab of the real app in Chromium, for the static labels
(Gradio's i18n) and for messages built at run time and table headers (the language picked in Settings, else
from Accept-Language)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from browser_ui import pick_language
from openai_server import free_port

from app_ui import strings

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]
MARK = "ÉÉ "


@pytest.fixture
def throwaway_language(tmp_path, monkeypatch):
    locales = tmp_path / "locales"
    shutil.copytree(strings.LOCALES_DIR, locales)
    english = json.loads((locales / "en.json").read_text(encoding="utf-8"))
    french = {"language": "throwaway", "labels": {k: MARK + v for k, v in english["labels"].items()},
              "messages": {k: MARK + v for k, v in english["messages"].items()}}
    (locales / "fr.json").write_text(json.dumps(french, ensure_ascii=False), encoding="utf-8")  # the one file
    monkeypatch.setattr(strings, "LOCALES_DIR", locales)
    return locales


def test_catalogue_picks_the_language_from_accept_language(throwaway_language):
    class Request:
        def __init__(self, accept: str) -> None:
            self.headers = {"accept-language": accept}

    assert strings.languages() == ["en", "fr", "zh-CN"]
    assert [strings.lang_of(Request(a)) for a in ("fr-CA,fr;q=0.9", "zh", "zh-TW", "de", "")] == [
        "fr", "zh-CN", "zh-CN", "en", "en"]
    assert strings.message("fr", "no_kb") == MARK + strings.message("en", "no_kb")
    assert strings.message("de", "no_kb") == strings.message("en", "no_kb")


def _launch_ui(tmp_path: Path, head: str | None = None):
    """The app's tabs on a free port, with services that fail if anything tries to load a model; ``head``: the
    page head (default: the app's, which keeps the server's language in step with Settings)."""
    from app_ui import CSS, HEAD, build_ui
    from app_ui.config import ServerConfig
    from app_ui.context import AppServices

    def no_model(**kwargs):
        raise AssertionError("rendering the tabs or switching the language must not load a model")

    config = ServerConfig(runs_dir=str(tmp_path / "runs"), workspace=str(tmp_path / "ws"), preload=False)
    blocks, i18n = build_ui(AppServices.create(config, loader=no_model))
    port = free_port()
    blocks.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True, i18n=i18n,
                  css=CSS, head=HEAD if head is None else head)
    return blocks, port


def test_a_language_added_by_one_file_shows_in_every_tab(throwaway_language, tmp_path):
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run `apt-get install chromium` (make test does it when run as root)")
    from playwright.sync_api import sync_playwright

    blocks, port = _launch_ui(tmp_path, head="")
    english = json.loads((throwaway_language / "en.json").read_text(encoding="utf-8"))["labels"]
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            page = browser.new_page(locale="fr", viewport={"width": 1400, "height": 900})
            page.goto(f"http://127.0.0.1:{port}/", wait_until="domcontentloaded")
            for table, field in (("#kb-table", "property"), ("#evidence", "score")):  # headers, sent on load
                page.locator(f"{table} th").filter(has_text=MARK + field).first.wait_for(timeout=60_000)
            inside = {"chat": ("button", "chat.send"), "studio": ("tab", "studio_tab_files"),
                      "train": ("button", "train.start"), "hub": ("text", "hub.dataset")}
            for tab, (role, key) in inside.items():
                page.get_by_role("tab", name=MARK + english[f"tab.{tab}"]).click(timeout=60_000)
                text = MARK + english[key]
                found = page.get_by_text(text) if role == "text" else page.get_by_role(role, name=text)
                found.first.wait_for(timeout=30_000)
            overview = page.locator("#studio-overview")  # a message built at run time on page load
            page.get_by_role("tab", name=MARK + english["tab.studio"]).click()
            overview.get_by_text(MARK.strip()).first.wait_for(timeout=30_000)
            browser.close()
    finally:
        blocks.close()


def test_the_language_picked_in_settings_comes_first():
    """Order: the cookie the page keeps in step with Settings, then Accept-Language, then English."""
    class Request:
        def __init__(self, accept: str, cookie: str = "") -> None:
            self.headers = {"accept-language": accept, "cookie": cookie}

    picked = f"theme=dark; {strings.LANG_COOKIE}="
    cases = {("en-US", picked + "zh-CN"): "zh-CN", ("zh-CN", picked + "en"): "en",
             ("zh-CN", picked + "zh-TW"): "zh-CN", ("zh-CN", picked + "fr"): "en",  # no fr.json: English, as labels
             ("zh-CN", picked + "<script>"): "zh-CN", ("zh-CN", "other=1"): "zh-CN", ("", ""): "en"}
    assert {case: strings.lang_of(Request(*case)) for case in cases} == cases
    assert strings.lang_of(None) == "en"
    assert strings.columns("zh-CN", ["#", "name", "chars"]) == ["#", "名称", "字符数"]
    assert strings.columns("de", ["name"]) == ["name"]
    assert f'"{strings.LANG_COOKIE}="' in strings.LANG_HEAD and strings.LANG_SYNC_ID in strings.LANG_HEAD


def test_switching_the_language_in_settings_switches_run_time_text(tmp_path):
    """Real Chromium, English browser: pick 简体中文 in Settings; the studio overview (a status line built on
    the server) and its files table's headers re-render in Chinese at once, and the messages of later actions in the studio and the chat tab
    are Chinese; back to English, the overview follows."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run `apt-get install chromium` (make test does it when run as root)")
    from playwright.sync_api import expect, sync_playwright

    blocks, port = _launch_ui(tmp_path)
    zh = strings.catalogue()["zh-CN"]
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            page = browser.new_page(locale="en-US", viewport={"width": 1400, "height": 900})
            page.goto(f"http://127.0.0.1:{port}/", wait_until="domcontentloaded")
            page.get_by_role("tab", name=strings.label("en", "tab.studio")).click(timeout=60_000)
            overview = page.locator("#studio-overview")
            overview.get_by_text(" chunks · ").first.wait_for(timeout=30_000)
            pick_language(page, "简体中文")
            page.get_by_role("tab", name=zh["labels"]["tab.studio"]).wait_for(timeout=30_000)  # labels (Gradio)
            overview.get_by_text(" 个文本块 · ").first.wait_for(timeout=30_000)  # re-rendered by the server
            for header in ("名称", "字符数"):  # the files table's headers, re-rendered too
                page.locator("th:visible").filter(has_text=header).first.wait_for(timeout=30_000)
            page.locator("#studio-add-files").click()  # no file chosen: the studio's message, in Chinese
            page.get_by_text(zh["messages"]["no_files"]).first.wait_for(timeout=30_000)
            page.get_by_role("tab", name=zh["labels"]["tab.chat"]).click()
            page.locator("#kb-table th").filter(has_text="属性").first.wait_for(timeout=30_000)  # the KB table
            page.get_by_role("button", name=zh["labels"]["kb.clear"]).click()  # the chat tab's message
            page.locator("#kb-error").get_by_text(zh["messages"]["kb_cleared"]).wait_for(timeout=30_000)
            # a success message in the notice area is not shown in the error colour
            ok, error = page.locator("#kb-error .kb-ok").evaluate(
                "e => [getComputedStyle(e).color, getComputedStyle(e.closest('p')).color]")
            assert ok != error, (ok, error)
            pick_language(page, "English")
            page.get_by_role("tab", name=strings.label("en", "tab.studio")).click(timeout=30_000)
            overview.get_by_text(" chunks · ").first.wait_for(timeout=30_000)
            page.locator("th:visible").filter(has_text="chars").first.wait_for(timeout=30_000)
            expect(page.locator("th:visible").filter(has_text="字符数")).to_have_count(0, timeout=30_000)
            browser.close()
    finally:
        blocks.close()



def test_studio_tables_in_chinese_are_read_back_by_position(tmp_path):
    """A Chinese session gets Chinese table headers, and the page actions that read the table back (confirm the
    page) still find the ids and answers."""
    from app_ui.studio_tab import Studio, StudioSession
    from datagen import service

    studio, session = Studio({"workspace": tmp_path / "ws"}), StudioSession()
    session.ui_lang = "zh-CN"
    data = tmp_path / "qa.jsonl"
    data.write_text("".join(json.dumps({"instruction": f"Question {i}?", "input": "", "output": f"Answer {i}."})
                            + "\n" for i in range(3)), encoding="utf-8")
    service.import_file(studio.store_of(session), studio.pid(session), data)
    table, _, _ = studio.items_page(session, "", 0, "all", 1, 20)
    assert list(table.columns[:5]) == ["编号", "状态", "标签", "问题", "答案"] and len(table) == 3
    assert list(studio.files_table(session).columns) == strings.columns("zh-CN", ["id", "name", "kind", "chars",
                                                                                  "chunks"])
    *_, msg = studio.confirm_page(session, "", 0, "all", 1, 20)
    assert msg == strings.message("zh-CN", "page_confirmed", n=3)
    assert service.counts(studio.store_of(session), studio.pid(session))["confirmed"] == 3
