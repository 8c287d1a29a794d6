"""Helpers for the real-Chromium tests: steps of Gradio's own UI that several tests take."""

from __future__ import annotations


def pick_language(page, name: str) -> None:
    """Settings (in the page footer) → Language → ``name`` (as Gradio lists it, e.g. ``简体中文``), then close
    Settings."""
    footer = page.locator("footer")
    footer.get_by_text("Settings").or_(footer.get_by_text("设置")).first.click()
    page.get_by_role("listbox").or_(page.get_by_label("Language")).first.click()
    page.get_by_role("option", name=name).first.click()
    page.locator("[role=dialog] button").first.click()  # the header's close button
    page.locator("[role=dialog]").wait_for(state="detached", timeout=10_000)


def open_tab(page, name: str, timeout_s: float = 60.0) -> None:
    """Click the tab ``name`` until Gradio marks it selected: a click that lands while the page is still wiring
    its events is lost, as a user's would be, and the user would click again."""
    import time

    tab = page.get_by_role("tab", name=name)
    deadline = time.monotonic() + timeout_s
    while True:
        tab.click(timeout=int(timeout_s * 1000))
        try:
            page.wait_for_function("el => el.getAttribute('aria-selected') === 'true'", arg=tab.element_handle(),
                                   timeout=3_000)
            return
        except Exception:  # noqa: BLE001 - not selected yet: click again until the deadline
            if time.monotonic() > deadline:
                raise
