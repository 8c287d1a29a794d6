"""Adding a UI language is adding one catalogue file: a throwaway language (every label and message of English
with a "ÉÉ " prefix, in one ``fr.json``) shows in every tab of the real app in Chromium, for the static labels
(Gradio's i18n) and for messages built at run time (the language picked from Accept-Language)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
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


def test_a_language_added_by_one_file_shows_in_every_tab(throwaway_language, tmp_path):
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run `apt-get install chromium` (make test does it when run as root)")
    from playwright.sync_api import sync_playwright

    from app_ui import CSS, build_ui
    from app_ui.config import ServerConfig
    from app_ui.context import AppServices

    def no_model(**kwargs):
        raise AssertionError("rendering the tabs must not load a model")

    config = ServerConfig(runs_dir=str(tmp_path / "runs"), workspace=str(tmp_path / "ws"), preload=False)
    blocks, i18n = build_ui(AppServices.create(config, loader=no_model))
    port = free_port()
    blocks.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True, i18n=i18n,
                  css=CSS)
    english = json.loads((throwaway_language / "en.json").read_text(encoding="utf-8"))["labels"]
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            page = browser.new_page(locale="fr", viewport={"width": 1400, "height": 900})
            page.goto(f"http://127.0.0.1:{port}/", wait_until="domcontentloaded")
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
