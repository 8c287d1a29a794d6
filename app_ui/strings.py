"""The UI's message catalogue: every user-facing string of every tab, in one JSON file per language under
``app_ui/locales/`` (``en.json``, ``zh-CN.json``; the file name is the language code, as browsers send it).

A file holds ``labels`` (static text, translated in the browser by Gradio's ``gr.I18n``: switch in Settings →
Language, default from the browser) and ``messages`` (templates of text built at run time, rendered by
:func:`message` in the language :func:`lang_of` picks for the request). Adding a language is adding one file;
keys missing from it fall back to English.

Gradio keeps the language picked in Settings in the browser only (its i18n store, mirrored on ``<html lang>``)
and never sends it to the server; :data:`LANG_HEAD` is a script for the page's ``<head>`` that copies it into
the cookie :data:`LANG_COOKIE` whenever it changes (and clicks the hidden button ``#ui-lang-sync`` so that
views can re-render), so every later request carries it and :func:`lang_of` can put it first."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
DEFAULT = "en"
LANG_COOKIE = "kblam_ui_lang"
LANG_SYNC_ID = "ui-lang-sync"
_CODE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$")
LANG_HEAD = """<script>
(() => {  // KBLaM Studio: tell the server which language was picked in Settings (see app_ui/strings.py)
  let last = null;
  const sync = () => {
    const lang = document.documentElement.getAttribute("lang") || "";
    if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/.test(lang) || lang === last) return;
    const changed = last !== null;
    last = lang;
    document.cookie = "COOKIE=" + lang + "; path=/; SameSite=Lax";
    if (changed) document.getElementById("SYNC_ID")?.click();
  };
  new MutationObserver(sync).observe(document.documentElement, {attributes: true, attributeFilter: ["lang"]});
  sync();
})();
</script>""".replace("COOKIE", LANG_COOKIE).replace("SYNC_ID", LANG_SYNC_ID)


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
    """The catalogue language for ``request``, in this order: the language picked in Settings (the cookie
    :data:`LANG_COOKIE` the page keeps in step with it; a language without a catalogue file gives English, as its
    labels do), else the first choice of the Accept-Language header, else English. A code matches exactly, else
    by its primary language (``zh`` → ``zh-CN``)."""
    headers = getattr(request, "headers", None) or {}
    if not hasattr(headers, "get"):
        return DEFAULT
    picked = _cookie(headers.get("cookie") or "", LANG_COOKIE)
    if picked and _CODE.match(picked):
        return _match(picked) or DEFAULT
    accept = headers.get("accept-language") or ""
    first = accept.split(",")[0].split(";")[0].strip()
    return (_match(first) if first else None) or DEFAULT


def _cookie(header: str, name: str) -> str | None:
    for part in header.split(";"):
        key, sep, value = part.strip().partition("=")
        if sep and key == name:
            return value.strip().strip('"')
    return None


def _match(code: str) -> str | None:
    """The catalogue code equal to ``code`` (any case), else the first with the same primary language."""
    code = code.lower()
    codes = languages()
    exact = next((c for c in codes if c.lower() == code), None)
    return exact or next((c for c in codes if c.lower().split("-")[0] == code.split("-")[0]), None)


def message(lang: str, key: str, **values: object) -> str:
    """The run-time message ``key`` in ``lang`` (English when the language or the key is missing), filled in."""
    books = catalogue()
    table = books.get(lang, books[DEFAULT])["messages"]
    return (table.get(key) or books[DEFAULT]["messages"][key]).format(**values)


def columns(lang: str, names: list[str]) -> list[str]:
    """Table headers in ``lang`` for the field ``names`` (messages ``col_<name>``; a name without one, such as
    ``#``, stays as it is). Tables are read back by position, never by header."""
    books = catalogue()
    table, english = books.get(lang, books[DEFAULT])["messages"], books[DEFAULT]["messages"]
    return [table.get(f"col_{n}") or english.get(f"col_{n}") or n for n in names]


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
