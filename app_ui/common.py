"""Small helpers shared by the app's Gradio tabs: binding services to handlers, folders for downloads, table
headers in the page's language."""

from __future__ import annotations

import atexit
import functools
import inspect
import os
import re
import shutil
import tempfile
import time
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd

from .strings import columns, lang_of


def bind_services(fn: Callable, services: Any) -> Callable:
    """``fn`` with ``services`` bound as its first argument, keeping the rest of its signature and its resolved
    type hints, so that Gradio still injects ``gr.Request``, ``gr.Progress`` and ``gr.OAuthToken`` parameters
    and ``gradio_client`` sees the right parameter names."""
    if inspect.isgeneratorfunction(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            yield from fn(services, *args, **kwargs)
    else:
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            return fn(services, *args, **kwargs)
    sig = inspect.signature(fn)
    params = list(sig.parameters.values())
    wrapper.__signature__ = sig.replace(parameters=params[1:])
    try:
        hints = typing.get_type_hints(fn)
    except (NameError, TypeError):
        hints = {}
    hints.pop(params[0].name, None)
    wrapper.__annotations__ = hints
    del wrapper.__wrapped__
    return wrapper


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#|<>~&])")  # links and images need [ ]; HTML needs < >


def md_text(value: object) -> str:
    """``value`` as literal text inside Markdown: every character Markdown or HTML would interpret is escaped,
    so a name such as ``![x](http://…)`` shows as typed and makes no browser fetch anything."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))


EXPORT_ROOT_NAME = "kblam-exports"
EXPORT_MAX_AGE_S = 15 * 60  # Gradio copies a returned file into its own cache at once; older folders are stale


def export_folder(prefix: str, *, max_age_s: float = EXPORT_MAX_AGE_S) -> Path:
    """A fresh folder for a file handed to Gradio (a download). All of them live under one parent in the system
    temp directory; folders older than ``max_age_s`` are removed on each call and the parent at exit, so exports
    do not pile up."""
    root = Path(tempfile.gettempdir()) / EXPORT_ROOT_NAME
    root.mkdir(parents=True, exist_ok=True)
    now = time.time()
    for old in root.iterdir():
        try:
            if now - old.stat().st_mtime > max_age_s:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            continue
    _remove_at_exit(root)
    return Path(tempfile.mkdtemp(prefix=prefix, dir=root))


def session_folder(prefix: str) -> Path:
    """A fresh folder for files a session goes on using while the server runs (adapters pulled from the Hub): under
    this process's own parent in the system temp directory, removed when the server exits (never aged out, unlike
    :func:`export_folder`, and never another server's), so pulls do not pile up across runs."""
    return Path(tempfile.mkdtemp(prefix=prefix, dir=_session_root()))


@functools.cache
def _session_root() -> Path:
    """This process's parent folder for :func:`session_folder`, named by its pid. The folders of servers that no
    longer run are removed here: a server stopped by a signal runs no exit handlers (uvicorn re-raises SIGTERM)."""
    tmp = Path(tempfile.gettempdir())
    for old in tmp.glob("kblam-pulls-*-*"):
        pid = old.name.split("-")[2]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(old, ignore_errors=True)
    root = Path(tempfile.mkdtemp(prefix=f"kblam-pulls-{os.getpid()}-"))
    _remove_at_exit(root)
    return root


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


@functools.cache
def _remove_at_exit(root: Path) -> None:
    atexit.register(shutil.rmtree, root, True)


def headers_on_load(table: gr.Dataframe, names: list[str]) -> None:
    """Give the empty ``table`` its headers (the field ``names``) in the page's language when the page loads:
    Gradio's i18n does not reach table headers, so they are sent from the server like any run-time text."""
    root = gr.context.Context.root_block
    if root is None:
        return

    def empty(request: gr.Request) -> pd.DataFrame:
        return pd.DataFrame([], columns=columns(lang_of(request), names))

    root.load(empty, None, [table], api_name=False, queue=False, show_progress="hidden")
