"""The dataset-studio tab's per-session state and its first handlers: :class:`StudioSession` (project, endpoint
settings with the key, cancel flag) and :class:`StudioBase` (workspace, projects, files, chunks, tags), plain
methods over :mod:`datagen.service` that the tab's layout (:mod:`app_ui.studio_tab`) wires to its components."""

from __future__ import annotations

import functools
import logging
import os
import threading
import uuid
from collections.abc import Callable
from pathlib import Path

import gradio as gr
import pandas as pd

from datagen import ingest, providers, service
from datagen.generate import GenerationSettings
from datagen.llm import LLMSettings
from kblam.errors import StudioError

from .access import ui_identity
from .common import md_text
from .strings import columns, lang_of, message

logger = logging.getLogger(__name__)
HANDOFF_LIMIT = 20_000
PAGE_SIZES = (10, 20, 50, 100)
SPLIT_METHODS = ("markdown", "recursive", "tokens", "custom")
DEFAULT_UI_STAGES = ("split", "questions", "answers", "score")
FILE_TYPES = tuple(sorted(ingest.SUPPORTED_EXTENSIONS))
TOP_LEVEL = "(top level)"
LLM_QUEUE = {"concurrency_id": "studio_llm", "concurrency_limit": 4}  # one queue for all sessions' model jobs
FILES_COLUMNS = ["id", "name", "kind", "chars", "chunks"]
CHUNK_COLUMNS = ["id", "file", "heading", "chars", "text"]
ITEM_COLUMNS = ["id", "status", "tag", "question", "answer", "rating", "judge", "rouge_l", "grounding",
                "flag", "confirmed", "pair"]
ITEM_WIDTHS = ["4%", "7%", "7%", "19%", "24%", "5%", "5%", "6%", "6%", "6%", "5%", "6%"]  # 100 %: nothing cut off
FAILURE_WIDTHS = ["10%", "10%", "45%", "35%"]
TRIPLE_COLUMNS = ["name", "property", "value"]
FAILURE_COLUMNS = ["stage", "key", "error", "raw"]



class StudioSession:
    """One browser session's state: project, endpoint settings (with the key) and the cancel flag.

    ``gr.State`` deep-copies values; this object returns itself from ``__deepcopy__`` so the session keeps one
    instance (and one ``threading.Event``) for its whole life. The key never appears in ``repr``."""

    def __init__(self) -> None:
        self.project: str | None = None
        self.base_url: str | None = None
        self.model: str | None = None
        self.api_key: str | None = None
        self.temperature = 0.7
        self.max_tokens = 1024
        self.concurrency = 4
        self.ui_lang = "en"
        self.cancel = threading.Event()
        self.owner: str | None = None  # who the page belongs to (set on page load from the login or cookie)
        self.fallback_owner = "session:" + uuid.uuid4().hex  # API clients that never load the page

    def __deepcopy__(self, memo: dict) -> StudioSession:
        return self

    def __repr__(self) -> str:
        return (f"StudioSession(project={self.project!r}, base_url={self.base_url!r}, model={self.model!r}, "
                f"api_key={'set' if self.api_key else 'unset'})")

    def llm_settings(self) -> LLMSettings:
        return LLMSettings(base_url=self.base_url, model=self.model, api_key=self.api_key,
                           temperature=float(self.temperature), max_tokens=int(self.max_tokens),
                           concurrency=int(self.concurrency))

    def columns(self, names: list[str]) -> list[str]:
        """Table headers in the session's language."""
        return columns(self.ui_lang, names)

    def say(self, key: str, **fields) -> str:
        """The message ``key`` with every text field shown as literal text (names are never Markdown)."""
        return message(self.ui_lang, key, **{k: md_text(v) if isinstance(v, str) else v for k, v in fields.items()})


def guard(fn: Callable) -> Callable:
    """Turn the studio's errors (and bad values) into a ``gr.Error`` shown to the user; nothing changes."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except (StudioError, ValueError, OSError) as exc:  # StudioError: both halves (the built-in model too)
            logger.info("studio: %s failed: %s", fn.__name__, exc)
            raise gr.Error(str(exc)) from None

    return wrapper


def clip(text: str | None, n: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def as_int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def parse_ids(text: str) -> list[int]:
    try:
        return [int(x) for x in str(text or "").replace(";", ",").replace(" ", ",").split(",") if x.strip()]
    except ValueError:
        raise ValueError(f"{text!r}: give chunk ids as numbers separated by commas, e.g. 3, 4") from None


def progress_for(progress: gr.Progress, stage: str | None = None) -> Callable:
    """A service progress callback driving ``gr.Progress`` ((stage, done, total, msg) or (done, total, msg))."""

    def report(*args) -> None:
        name, (done, total, msg) = (args[0], args[1:]) if len(args) == 4 else (stage, args)
        if total:  # msg: the stage's pace ("3.1 tok/s, 0 failed, ETA 1m05s"); done may count units in flight
            progress(min(1.0, done / total), desc=f"{name}: {int(done)}/{total}" + (f" · {msg}" if msg else ""))

    return report


def selected_id(evt: gr.SelectData):
    """The id (first column) of the table row the user clicked."""
    return evt.row_value[0] if evt.row_value else None


def split_options(method: str, min_len, max_len, chunk_size, overlap, chunk_tokens, token_overlap,
                  separator: str) -> dict:
    """The options of ``method`` from the splitter form (the others are ignored)."""
    if method == "markdown":
        return {"min_len": as_int(min_len, 300), "max_len": as_int(max_len, 1500)}
    if method == "recursive":
        return {"chunk_size": as_int(chunk_size, 1000), "overlap": as_int(overlap, 100)}
    if method == "tokens":
        return {"chunk_tokens": as_int(chunk_tokens, 256), "overlap": as_int(token_overlap, 32)}
    if method == "custom":
        return {"separator": (separator or "").replace("\\n", "\n").replace("\\t", "\t")}
    raise ValueError(f"unknown split method {method!r}; choose one of {', '.join(SPLIT_METHODS)}")


class StudioBase:
    """The tab's handlers for the workspace, project, files, chunks and tags: plain methods over the service
    layer, each taking the session first (the rest are in :class:`app_ui.studio_review.Studio`)."""

    def __init__(self, services: dict | None = None) -> None:
        services = dict(services or {})
        self.workspace = Path(services.get("workspace") or os.environ.get("DATAGEN_WORKSPACE")
                              or "workspaces/default")
        self.llm_factory: Callable = services.get("llm_factory") or service.make_llm
        self.embed = services.get("embed")
        self.workspace_for: Callable[[str], Path] | None = services.get("workspace_for")
        self._stores: dict[Path, object] = {}
        self._lock = threading.Lock()

    # ---------------------------------------------------------------------------- workspace, project

    def store_of(self, session: StudioSession):
        """The store of the session's owner: its own workspace in the app (``workspace_for``), the one
        workspace of the standalone studio demo."""
        if self.workspace_for is None:
            folder = self.workspace
        else:
            folder = Path(self.workspace_for(session.owner or session.fallback_owner))
        with self._lock:
            if folder not in self._stores:
                self._stores[folder] = service.open_workspace(folder, create=True)
            return self._stores[folder]

    def session_llm(self, session: StudioSession):
        """The session's model client, each stage routed to the project's per-stage model (datagen.providers)."""
        return providers.routed_client(self.store_of(session), self.pid(session), session.llm_settings(),
                                       self.llm_factory)

    def project_names(self, session: StudioSession) -> list[str]:
        return [p["name"] for p in service.list_projects(self.store_of(session))]

    def pid(self, session: StudioSession) -> int:
        """The id of the session's project (the first project of the workspace when none is selected yet)."""
        if session.project is None:
            names = self.project_names(session)
            session.project = names[0] if names else service.DEFAULT_PROJECT
            return service.project(self.store_of(session), session.project, create=True)
        return service.project(self.store_of(session), session.project)

    def on_load(self, session: StudioSession, remembered: str | None, request: gr.Request):
        """Page load: who the page belongs to, its language, and the project this browser had selected last
        (kept in the browser's localStorage; ignored when this owner has no such project)."""
        session.owner = ui_identity(request) if request is not None else None
        session.ui_lang = lang_of(request)
        if remembered and remembered in self.project_names(session):
            session.project = remembered
        self.pid(session)
        return session, gr.update(choices=self.project_names(session), value=session.project), self.overview(session)

    @guard
    def on_lang(self, session: StudioSession, request: gr.Request):
        """The language was switched in Settings (the page's script clicked ``#ui-lang-sync``): messages from now
        on are in it, and the overview and the endpoint line re-render in it."""
        session.ui_lang = lang_of(request)
        return session, self.overview(session), self.endpoint_status(session)

    @guard
    def select_project(self, session: StudioSession, name: str | None):
        if name:
            service.project(self.store_of(session), name)  # refuses an unknown name
            session.project = name
        return self.overview(session)

    @guard
    def create_project(self, session: StudioSession, name: str):
        name = (name or "").strip()
        if not name:
            raise ValueError(session.say("need_project_name"))
        service.project(self.store_of(session), name, create=True)
        session.project = name
        choices = gr.update(choices=self.project_names(session), value=name)
        return choices, "", session.say("project_created", name=name)

    def refresh_projects(self, session: StudioSession):
        self.pid(session)
        return gr.update(choices=self.project_names(session), value=session.project)

    @guard
    def overview(self, session: StudioSession) -> str:
        c = service.counts(self.store_of(session), self.pid(session))
        return session.say("overview", project=session.project, **c)

    # ------------------------------------------------------------------------------------- files

    def files_table(self, session: StudioSession) -> pd.DataFrame:
        rows = service.list_files(self.store_of(session), self.pid(session))
        return pd.DataFrame([[r[c] for c in FILES_COLUMNS] for r in rows], columns=session.columns(FILES_COLUMNS))

    @guard
    def add_files(self, session: StudioSession, paths: list | None):
        paths = [p if isinstance(p, str) else getattr(p, "name", str(p)) for p in (paths or [])]
        if not paths:
            raise ValueError(session.say("no_files"))
        result = service.add_files(self.store_of(session), self.pid(session), paths)
        lines = [session.say("file_added" if a["created"] else "file_known", name=a["name"], chars=a["chars"])
                 for a in result["added"]]
        lines += [session.say("file_failed", error=e) for e in result["errors"]]
        return self.files_table(session), "\n".join(f"- {line}" for line in lines)

    @guard
    def delete_file(self, session: StudioSession, file_id):
        if service.get_file(self.store_of(session), as_int(file_id, -1))["project_id"] != self.pid(session):
            raise ValueError(session.say("not_in_project", what="file", id=file_id))
        service.delete_file(self.store_of(session), as_int(file_id, -1))
        return self.files_table(session), session.say("file_deleted", id=as_int(file_id, -1))

    # ------------------------------------------------------------------------------------ chunks

    @guard
    def split(self, session: StudioSession, method: str, min_len, max_len, chunk_size, overlap, chunk_tokens,
              token_overlap, separator: str, only_unsplit: bool, force: bool, page_size):
        options = split_options(method, min_len, max_len, chunk_size, overlap, chunk_tokens, token_overlap,
                                separator)
        n = service.split(self.store_of(session), self.pid(session), method, options, only_unsplit=bool(only_unsplit),
                          force=bool(force))
        return (*self.chunks_page(session, 1, page_size), session.say("split_done", chunks=n, method=method))

    def chunks_page(self, session: StudioSession, page, page_size):
        pid, size = self.pid(session), as_int(page_size, 20)
        total = service.counts(self.store_of(session), pid)["chunks"]
        pages = max(1, -(-total // size))
        page = min(max(1, as_int(page, 1)), pages)
        rows = service.list_chunks(self.store_of(session), pid, limit=size, offset=(page - 1) * size)
        data = [[r["id"], r["file"] or "", " / ".join(r["heading_path"]), len(r["text"]),
                 clip(r["text"], 160)] for r in rows]
        info = session.say("page_info", page=page, pages=pages, total=total)
        return pd.DataFrame(data, columns=session.columns(CHUNK_COLUMNS)), page, info

    @guard
    def load_chunk(self, session: StudioSession, chunk_id):
        chunk = service.get_chunk(self.store_of(session), as_int(chunk_id, -1))
        if chunk["project_id"] != self.pid(session):
            raise ValueError(session.say("not_in_project", what="chunk", id=chunk_id))
        return chunk["text"]

    @guard
    def save_chunk(self, session: StudioSession, chunk_id, text: str, page, page_size):
        self.load_chunk(session, chunk_id)
        service.edit_chunk(self.store_of(session), as_int(chunk_id, -1), text)
        return (*self.chunks_page(session, page, page_size),
                session.say("chunk_saved", id=as_int(chunk_id, -1)))

    @guard
    def delete_chunk(self, session: StudioSession, chunk_id, page, page_size):
        self.load_chunk(session, chunk_id)
        lost = service.delete_chunk(self.store_of(session), as_int(chunk_id, -1))
        return (*self.chunks_page(session, page, page_size),
                session.say("chunk_deleted", id=as_int(chunk_id, -1), questions=lost))

    @guard
    def merge_chunks(self, session: StudioSession, ids_text: str, page, page_size):
        ids = parse_ids(ids_text)
        for chunk_id in ids:
            self.load_chunk(session, chunk_id)
        new_id = service.merge(self.store_of(session), ids)
        return (*self.chunks_page(session, page, page_size),
                session.say("chunks_merged", ids=", ".join(map(str, ids)), id=new_id))

    # -------------------------------------------------------------------------------------- tags

    def tag_paths(self, session: StudioSession) -> dict[str, int]:
        return {t["path"]: t["id"] for t in service.list_tags(self.store_of(session), self.pid(session))}

    def tag_views(self, session: StudioSession):
        """The tree as Markdown, and the choices of the tag pickers (edit, parent, review filter)."""
        tags = service.list_tags(self.store_of(session), self.pid(session))
        tree = "\n".join(f"{'  ' * t['depth']}- {md_text(t['name'])} ({t['questions']})" for t in tags)
        paths = [t["path"] for t in tags]
        tree = session.say("tree_header", n=len(tags)) + "\n\n" + tree if tags else session.say("no_tags")
        return (tree, gr.update(choices=paths, value=None),
                gr.update(choices=[TOP_LEVEL, *paths], value=TOP_LEVEL),
                gr.update(choices=["", *paths], value=""))

    def _tag(self, session: StudioSession, path: str | None) -> int:
        lookup = self.tag_paths(session)
        if not path or path not in lookup:
            raise ValueError(session.say("pick_tag"))
        return lookup[path]

    def _parent(self, session: StudioSession, path: str | None) -> int | None:
        return None if not path or path == TOP_LEVEL else self._tag(session, path)

    @guard
    def build_tags(self, session: StudioSession, mode: str, lang: str, progress=gr.Progress()):
        session.cancel.clear()
        settings = GenerationSettings(lang=lang, tag_mode=mode)
        report = service.build_tags(self.store_of(session), self.pid(session), self.session_llm(session),
                                    settings, mode=mode, progress=progress_for(progress, "tags"),
                                    cancel=session.cancel)
        return (*self.tag_views(session), self.report_text(session, [report]))

    @guard
    def add_tag(self, session: StudioSession, name: str, parent: str | None):
        service.add_tag(self.store_of(session), self.pid(session), name or "", self._parent(session, parent))
        return (*self.tag_views(session), session.say("tag_added", name=" ".join((name or "").split())))

    @guard
    def rename_tag(self, session: StudioSession, path: str | None, name: str):
        service.rename_tag(self.store_of(session), self._tag(session, path), name or "")
        return (*self.tag_views(session), session.say("tag_renamed", old=path, name=name))

    @guard
    def move_tag(self, session: StudioSession, path: str | None, parent: str | None):
        service.move_tag(self.store_of(session), self.pid(session), self._tag(session, path), self._parent(session, parent))
        return (*self.tag_views(session), session.say("tag_moved", name=path, parent=parent or TOP_LEVEL))

    @guard
    def delete_tag(self, session: StudioSession, path: str | None):
        service.delete_tag(self.store_of(session), self._tag(session, path))
        return (*self.tag_views(session), session.say("tag_deleted", name=path))
