"""The UI's message catalogue: every user-facing string of every tab, in one JSON file per language under
``app_ui/locales/`` (``en.json``, ``zh-CN.json``; the file name is the language code, as browsers send it).

A file holds ``labels`` (static text, translated in the browser by Gradio's ``gr.I18n``: switch in Settings →
Language, default from the browser) and ``messages`` (templates of text built at run time, rendered by
:func:`message` in the language :func:`lang_of` picks from the request's Accept-Language). Adding a language is
adding one file; keys missing from it fall back to English."""

from __future__ import annotations

import functools
import json
from pathlib import Path

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
DEFAULT = "en"


def catalogue() -> dict[str, dict]:
    """``{code: {"language", "labels", "messages"}}`` from every ``*.json`` in :data:`LOCALES_DIR` (English
    first; read once per folder)."""
    return _load(LOCALES_DIR)


@functools.lru_cache(maxsize=4)
def _load(directory: Path) -> dict[str, dict]:
    found = {}
    for path in sorted(directory.glob("*.json"), key=lambda p: (p.stem != DEFAULT, p.stem)):
        data = json.loads(path.read_text(encoding="utf-8"))
        for part in ("labels", "messages"):
            if not isinstance(data.get(part), dict):
                raise ValueError(f"{path}: needs a '{part}' object of {{key: text}}")
        found[path.stem] = data
    if DEFAULT not in found:
        raise ValueError(f"{directory}: no {DEFAULT}.json, the fallback language")
    return found


def languages() -> list[str]:
    return list(catalogue())


def lang_of(request) -> str:
    """The catalogue language that best matches the request's Accept-Language (its first choice: the exact
    code, else the same primary language, e.g. ``zh`` → ``zh-CN``), else English."""
    headers = getattr(request, "headers", None) or {}
    accept = (headers.get("accept-language") or "") if hasattr(headers, "get") else ""
    first = accept.split(",")[0].split(";")[0].strip().lower()
    if not first:
        return DEFAULT
    codes = languages()
    for code in codes:
        if code.lower() == first:
            return code
    primary = first.split("-")[0]
    return next((code for code in codes if code.lower().split("-")[0] == primary), DEFAULT)


def message(lang: str, key: str, **values: object) -> str:
    """The run-time message ``key`` in ``lang`` (English when the language or the key is missing), filled in."""
    books = catalogue()
    table = books.get(lang, books[DEFAULT])["messages"]
    return (table.get(key) or books[DEFAULT]["messages"][key]).format(**values)


def label(lang: str, key: str) -> str:
    """A static label as text (for places that need it at run time)."""
    books = catalogue()
    return books.get(lang, books[DEFAULT])["labels"].get(key) or books[DEFAULT]["labels"][key]


def translations() -> dict[str, dict[str, str]]:
    """The static labels by language code, as ``gr.I18n`` takes them."""
    return {code: dict(data["labels"]) for code, data in catalogue().items()}


def build_i18n():
    import gradio as gr

    return gr.I18n(**translations())
