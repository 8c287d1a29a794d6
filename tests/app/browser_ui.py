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
