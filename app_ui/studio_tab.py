"""The dataset-studio tab of the Gradio app: documents → chunks → tags → questions/answers → review → export.

The tab holds no logic of its own: every button calls :mod:`datagen.service` (or, for plain listing and
editing that the service does not wrap, the :class:`~datagen.store.Store` it returns). Per-user state — the
selected project, the endpoint settings including the API key, and the cancel flag of the running job — lives
in one :class:`StudioSession` per browser session inside a ``gr.State``; one session never sees another's
selection or key. The key is kept in memory only: never written to disk, logged or shown back.

Wiring (for ``app.py``)::

    from app_ui.studio_tab import build_studio_tab
    from app_ui.studio_strings import STUDIO_STRINGS        # merge into the app's gr.I18n(**translations)

    with gr.Blocks() as app:
        kb_handoff = gr.State(None)                     # owned by the app
        with gr.Tab("Dataset studio"):
            build_studio_tab({"kb_handoff": kb_handoff})
        with gr.Tab("Knowledge chat"):
            ...
            kb_handoff.change(load_kb_from_triples, [kb_handoff, ...], [...])
    app.launch(i18n=gr.I18n(**merged_translations))

``services`` keys (all optional):

- ``kb_handoff``: a ``gr.State`` the app owns. "Send to knowledge chat" writes the project's triples into it
  as a new ``list[dict]`` of ``{"name", "property", "value"}`` (strings; at most :data:`HANDOFF_LIMIT` rows),
  so the chat tab's ``kb_handoff.change`` listener can build a KB from it. Sending the same triples twice does
  not fire ``.change`` again (Gradio compares state by content). Without it the tab keeps a private state.
- ``workspace``: the workspace folder (default: env ``DATAGEN_WORKSPACE`` or ``./workspaces/default``).
- ``llm_factory``: ``LLMSettings -> ChatClient`` (default :func:`datagen.service.make_llm`; tests pass a
  fake).
- ``embed``: the question-dedup embedding function (default: the service's MiniLM encoder).

Static text goes through ``gr.I18n`` keys (:mod:`app_ui.studio_strings`); messages built at run time use the
session's UI language, taken from the browser's ``Accept-Language`` when the page loads.
"""

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

from datagen import formats, ingest, service
from datagen.errors import DatagenError
from datagen.generate import GenerationSettings
from datagen.llm import LOCAL_MODEL_NAME, LLMSettings
from datagen.pipeline import STAGES
from datagen.store import ITEM_STATUSES
from kblam.errors import KBLaMError

from .access import ui_identity
from .common import export_folder, md_text
from .studio_strings import STUDIO_STRINGS, message

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
ITEM_COLUMNS = ["id", "status", "tag", "question", "answer", "rating", "judge", "rouge_l", "bleu",
                "confirmed"]
TRIPLE_COLUMNS = ["name", "property", "value"]
FAILURE_COLUMNS = ["stage", "key", "error", "raw"]


def i18n(key: str):
    """A translation key for static UI text (resolved in the browser by the app's ``gr.I18n``)."""
    return gr.I18n()(key)


def studio_i18n() -> gr.I18n:
    """A ``gr.I18n`` with the studio's strings (what :func:`demo` launches with; the app merges its own)."""
    return gr.I18n(**STUDIO_STRINGS)


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

    def say(self, key: str, **fields) -> str:
        """The message ``key`` with every text field shown as literal text (names are never Markdown)."""
        return message(self.ui_lang, key, **{k: md_text(v) if isinstance(v, str) else v for k, v in fields.items()})


def _guard(fn: Callable) -> Callable:
    """Turn the studio's errors (and bad values) into a ``gr.Error`` shown to the user; nothing changes."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except (DatagenError, KBLaMError, ValueError, OSError) as exc:  # KBLaMError: the built-in model
            logger.info("studio: %s failed: %s", fn.__name__, exc)
            raise gr.Error(str(exc)) from None

    return wrapper


def _clip(text: str | None, n: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _ids(text: str) -> list[int]:
    try:
        return [int(x) for x in str(text or "").replace(";", ",").replace(" ", ",").split(",") if x.strip()]
    except ValueError:
        raise ValueError(f"{text!r}: give chunk ids as numbers separated by commas, e.g. 3, 4") from None


def _progress_for(progress: gr.Progress, stage: str | None = None) -> Callable:
    """A service progress callback driving ``gr.Progress`` ((stage, done, total, msg) or (done, total, msg))."""

    def report(*args) -> None:
        name, (done, total, _msg) = (args[0], args[1:]) if len(args) == 4 else (stage, args)
        if total:
            progress((done, total), desc=f"{name}: {done}/{total}")

    return report


def _selected_id(evt: gr.SelectData):
    """The id (first column) of the table row the user clicked."""
    return evt.row_value[0] if evt.row_value else None


def split_options(method: str, min_len, max_len, chunk_size, overlap, chunk_tokens, token_overlap,
                  separator: str) -> dict:
    """The options of ``method`` from the splitter form (the others are ignored)."""
    if method == "markdown":
        return {"min_len": _int(min_len, 300), "max_len": _int(max_len, 1500)}
    if method == "recursive":
        return {"chunk_size": _int(chunk_size, 1000), "overlap": _int(overlap, 100)}
    if method == "tokens":
        return {"chunk_tokens": _int(chunk_tokens, 256), "overlap": _int(token_overlap, 32)}
    if method == "custom":
        return {"separator": (separator or "").replace("\\n", "\n").replace("\\t", "\t")}
    raise ValueError(f"unknown split method {method!r}; choose one of {', '.join(SPLIT_METHODS)}")


class Studio:
    """The tab's handlers: plain methods over the service layer, each taking the session first."""

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

    def project_names(self, session: StudioSession) -> list[str]:
        return [p["name"] for p in self.store_of(session).list_projects()]

    def pid(self, session: StudioSession) -> int:
        """The id of the session's project (the first project of the workspace when none is selected yet)."""
        if session.project is None:
            names = self.project_names(session)
            session.project = names[0] if names else service.DEFAULT_PROJECT
            return service.project(self.store_of(session), session.project, create=True)
        return service.project(self.store_of(session), session.project)

    def on_load(self, session: StudioSession, request: gr.Request):
        session.owner = ui_identity(request) if request is not None else None
        lang = (request.headers.get("accept-language", "") if request is not None else "").lower()
        session.ui_lang = "zh" if lang.startswith("zh") else "en"
        self.pid(session)
        return gr.update(choices=self.project_names(session), value=session.project), self.overview(session)

    @_guard
    def select_project(self, session: StudioSession, name: str | None):
        if name:
            service.project(self.store_of(session), name)  # refuses an unknown name
            session.project = name
        return self.overview(session)

    @_guard
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

    @_guard
    def overview(self, session: StudioSession) -> str:
        c = self.store_of(session).counts(self.pid(session))
        return session.say("overview", project=session.project, **c)

    # ------------------------------------------------------------------------------------- files

    def files_table(self, session: StudioSession) -> pd.DataFrame:
        rows = self.store_of(session).list_files(self.pid(session))
        return pd.DataFrame([[r[c] for c in FILES_COLUMNS] for r in rows], columns=FILES_COLUMNS)

    @_guard
    def add_files(self, session: StudioSession, paths: list | None):
        paths = [p if isinstance(p, str) else getattr(p, "name", str(p)) for p in (paths or [])]
        if not paths:
            raise ValueError(session.say("no_files"))
        result = service.add_files(self.store_of(session), self.pid(session), paths)
        lines = [session.say("file_added" if a["created"] else "file_known", name=a["name"], chars=a["chars"])
                 for a in result["added"]]
        lines += [session.say("file_failed", error=e) for e in result["errors"]]
        return self.files_table(session), "\n".join(f"- {line}" for line in lines)

    @_guard
    def delete_file(self, session: StudioSession, file_id):
        if self.store_of(session).get_file(_int(file_id, -1))["project_id"] != self.pid(session):
            raise ValueError(session.say("not_in_project", what="file", id=file_id))
        self.store_of(session).delete_file(_int(file_id, -1))
        return self.files_table(session), session.say("file_deleted", id=_int(file_id, -1))

    # ------------------------------------------------------------------------------------ chunks

    @_guard
    def split(self, session: StudioSession, method: str, min_len, max_len, chunk_size, overlap, chunk_tokens,
              token_overlap, separator: str, only_unsplit: bool, force: bool, page_size):
        options = split_options(method, min_len, max_len, chunk_size, overlap, chunk_tokens, token_overlap,
                                separator)
        n = service.split(self.store_of(session), self.pid(session), method, options, only_unsplit=bool(only_unsplit),
                          force=bool(force))
        return (*self.chunks_page(session, 1, page_size), session.say("split_done", chunks=n, method=method))

    def chunks_page(self, session: StudioSession, page, page_size):
        pid, size = self.pid(session), _int(page_size, 20)
        total = self.store_of(session).counts(pid)["chunks"]
        pages = max(1, -(-total // size))
        page = min(max(1, _int(page, 1)), pages)
        rows = self.store_of(session).list_chunks(pid, limit=size, offset=(page - 1) * size)
        data = [[r["id"], r["file"] or "", " / ".join(r["heading_path"]), len(r["text"]),
                 _clip(r["text"], 160)] for r in rows]
        info = session.say("page_info", page=page, pages=pages, total=total)
        return pd.DataFrame(data, columns=CHUNK_COLUMNS), page, info

    @_guard
    def load_chunk(self, session: StudioSession, chunk_id):
        chunk = self.store_of(session).get_chunk(_int(chunk_id, -1))
        if chunk["project_id"] != self.pid(session):
            raise ValueError(session.say("not_in_project", what="chunk", id=chunk_id))
        return chunk["text"]

    @_guard
    def save_chunk(self, session: StudioSession, chunk_id, text: str, page, page_size):
        self.load_chunk(session, chunk_id)
        self.store_of(session).edit_chunk(_int(chunk_id, -1), text)
        return (*self.chunks_page(session, page, page_size),
                session.say("chunk_saved", id=_int(chunk_id, -1)))

    @_guard
    def delete_chunk(self, session: StudioSession, chunk_id, page, page_size):
        self.load_chunk(session, chunk_id)
        lost = self.store_of(session).delete_chunk(_int(chunk_id, -1))
        return (*self.chunks_page(session, page, page_size),
                session.say("chunk_deleted", id=_int(chunk_id, -1), questions=lost))

    @_guard
    def merge_chunks(self, session: StudioSession, ids_text: str, page, page_size):
        ids = _ids(ids_text)
        for chunk_id in ids:
            self.load_chunk(session, chunk_id)
        new_id = service.merge(self.store_of(session), ids)
        return (*self.chunks_page(session, page, page_size),
                session.say("chunks_merged", ids=", ".join(map(str, ids)), id=new_id))

    # -------------------------------------------------------------------------------------- tags

    def tag_paths(self, session: StudioSession) -> dict[str, int]:
        return {t["path"]: t["id"] for t in self.store_of(session).list_tags(self.pid(session))}

    def tag_views(self, session: StudioSession):
        """The tree as Markdown, and the choices of the tag pickers (edit, parent, review filter)."""
        tags = self.store_of(session).list_tags(self.pid(session))
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

    @_guard
    def build_tags(self, session: StudioSession, mode: str, lang: str, progress=gr.Progress()):
        session.cancel.clear()
        settings = GenerationSettings(lang=lang, tag_mode=mode)
        report = service.build_tags(self.store_of(session), self.pid(session), self.llm_factory(session.llm_settings()),
                                    settings, mode=mode, progress=_progress_for(progress, "tags"),
                                    cancel=session.cancel)
        return (*self.tag_views(session), self.report_text(session, [report]))

    @_guard
    def add_tag(self, session: StudioSession, name: str, parent: str | None):
        self.store_of(session).add_tag(self.pid(session), name or "", self._parent(session, parent))
        return (*self.tag_views(session), session.say("tag_added", name=" ".join((name or "").split())))

    @_guard
    def rename_tag(self, session: StudioSession, path: str | None, name: str):
        self.store_of(session).rename_tag(self._tag(session, path), name or "")
        return (*self.tag_views(session), session.say("tag_renamed", old=path, name=name))

    @_guard
    def move_tag(self, session: StudioSession, path: str | None, parent: str | None):
        self.store_of(session).move_tag(self._tag(session, path), self._parent(session, parent))
        return (*self.tag_views(session), session.say("tag_moved", name=path, parent=parent or TOP_LEVEL))

    @_guard
    def delete_tag(self, session: StudioSession, path: str | None):
        self.store_of(session).delete_tag(self._tag(session, path))
        return (*self.tag_views(session), session.say("tag_deleted", name=path))

    # -------------------------------------------------------------------------------- generation

    def report_text(self, session: StudioSession, reports: list) -> str:
        lines = [r.line() for r in reports]
        for report in reports:
            lines += [f"  - {f}" for f in report.failures[:10]]
            if report.message:
                lines.append(f"  {report.message}")
        text = "```\n" + "\n".join(lines or [session.say("nothing_done")]) + "\n```"
        if any(r.notice for r in reports):
            text += "\n\n" + session.say("local_notice")
        return text

    def failures_table(self, session: StudioSession) -> pd.DataFrame:
        rows = self.store_of(session).list_failures(self.pid(session), limit=50)
        data = [[r["stage"], r["key"], _clip(r["error"], 200), _clip(r["raw"], 200)] for r in rows]
        return pd.DataFrame(data, columns=FAILURE_COLUMNS)

    @_guard
    def generate(self, session: StudioSession, stages: list[str], lang: str, chars_per_question,
                 min_questions, max_questions, dedup_threshold, reasoning: bool, turns, parse_retries,
                 tag_mode: str, method: str, min_len, max_len, chunk_size, overlap, chunk_tokens,
                 token_overlap, separator: str, progress=gr.Progress()):
        """Run the selected stages (resumable) with a progress bar; the stop button sets the cancel flag."""
        if not stages:
            raise ValueError(session.say("no_stages"))
        settings = GenerationSettings(
            lang=lang, chars_per_question=_int(chars_per_question, 400), min_questions=_int(min_questions, 1),
            max_questions=_int(max_questions, 10), dedup_threshold=float(dedup_threshold),
            reasoning=bool(reasoning), turns=_int(turns, 1), parse_retries=_int(parse_retries, 2),
            tag_mode=tag_mode)
        split_settings = service.SplitSettings(method, split_options(
            method, min_len, max_len, chunk_size, overlap, chunk_tokens, token_overlap, separator))
        session.cancel.clear()
        progress(0, desc=session.say("starting"))
        llm = self.llm_factory(session.llm_settings())
        summary = service.run(self.store_of(session), self.pid(session), llm, settings,
                              stages=[s for s in STAGES if s in stages], split_settings=split_settings,
                              embed=self.embed, progress=_progress_for(progress), cancel=session.cancel)
        text = "```\n" + summary.text() + "\n```"
        if summary.notice:
            text += "\n\n" + session.say("local_notice")
        return text, self.failures_table(session)

    def stop(self, session: StudioSession) -> str:
        session.cancel.set()
        return session.say("stopping")

    # ------------------------------------------------------------------------------------ review

    def items_page(self, session: StudioSession, tag: str | None, min_score, status: str, page, page_size):
        min_score = float(min_score) if min_score not in (None, "") and float(min_score) > 0 else None
        size = _int(page_size, 20)
        result = service.list_items(self.store_of(session), self.pid(session), tag=tag or None, min_score=min_score,
                                    status=status or "all", page=max(1, _int(page, 1)), page_size=size)
        if result.page > result.pages and result.total:
            result = service.list_items(self.store_of(session), self.pid(session), tag=tag or None, min_score=min_score,
                                        status=status or "all", page=result.pages, page_size=size)
        data = [[i["id"], i["status"], i["tag"] or "", _clip(i["question"], 120), _clip(i["answer"], 160),
                 i["rating"], i["judge_score"], None if i["rouge_l"] is None else round(i["rouge_l"], 3),
                 None if i["bleu"] is None else round(i["bleu"], 3), i["confirmed"]] for i in result.items]
        info = session.say("page_info", page=result.page, pages=result.pages, total=result.total)
        return pd.DataFrame(data, columns=ITEM_COLUMNS), result.page, info

    @_guard
    def review_page(self, session: StudioSession, tag, min_score, status, page, page_size):
        return self.items_page(session, tag, min_score, status, page, page_size)

    @_guard
    def review_first(self, session: StudioSession, tag, min_score, status, page_size):
        return self.items_page(session, tag, min_score, status, 1, page_size)

    @_guard
    def review_prev(self, session: StudioSession, tag, min_score, status, page, page_size):
        return self.items_page(session, tag, min_score, status, max(1, _int(page, 1) - 1), page_size)

    @_guard
    def review_next(self, session: StudioSession, tag, min_score, status, page, page_size):
        return self.items_page(session, tag, min_score, status, _int(page, 1) + 1, page_size)

    def _own_item(self, session: StudioSession, item_id) -> dict:
        item = self.store_of(session).get_item(_int(item_id, -1))
        if item["project_id"] != self.pid(session):
            raise ValueError(session.say("not_in_project", what="item", id=item_id))
        return item

    @_guard
    def load_item(self, session: StudioSession, item_id):
        item = self._own_item(session, item_id)
        rating = "-" if item["rating"] is None else str(item["rating"])
        return (item["id"], item["question"], item["answer"] or "", item["reasoning"] or "",
                item["context"] or "", rating, item["confirmed"])

    @_guard
    def save_item(self, session: StudioSession, item_id, question: str, answer: str, reasoning: str, rating,
                  confirmed: bool):
        item = self._own_item(session, item_id)
        qid = item["id"]
        service.edit_item(self.store_of(session), qid, question=question if question != item["question"] else None,
                          answer=answer if answer and answer != (item["answer"] or "") else None,
                          reasoning=reasoning if reasoning and reasoning != (item["reasoning"] or "")
                          else None)
        if answer or item["answer"]:
            service.rate_item(self.store_of(session), qid, None if rating in (None, "", "-") else int(rating))
            service.confirm_item(self.store_of(session), qid, bool(confirmed))
        elif confirmed or rating not in (None, "", "-"):
            raise ValueError(session.say("needs_answer", id=qid))
        return session.say("item_saved", id=qid)

    @_guard
    def delete_item(self, session: StudioSession, item_id) -> str:
        item = self._own_item(session, item_id)
        service.delete_item(self.store_of(session), item["id"])
        return session.say("item_deleted", id=item["id"])

    @_guard
    def confirm_page(self, session: StudioSession, tag, min_score, status, page, page_size):
        table, page, _info = self.items_page(session, tag, min_score, status, page, page_size)
        ids = [int(i) for i, answer in zip(table["id"], table["answer"], strict=True) if answer]
        for qid in ids:
            service.confirm_item(self.store_of(session), qid, True)
        return (*self.items_page(session, tag, min_score, status, page, page_size),
                session.say("page_confirmed", n=len(ids)))

    # ----------------------------------------------------------------------------------- quality

    def quality_summary(self, session: StudioSession, threshold) -> str:
        rouge, bleu, judge, rated, below = [], [], [], 0, 0
        for item in self.store_of(session).iter_items(self.pid(session), status="answered"):
            if item["rouge_l"] is not None:
                rouge.append(item["rouge_l"])
                bleu.append(item["bleu"] or 0.0)
            if item["judge_score"] is not None:
                judge.append(item["judge_score"])
            rated += item["rating"] is not None
            below += item["score"] is not None and item["score"] < float(threshold)

        def mean(values: list) -> str:
            return f"{sum(values) / len(values):.3f}" if values else "–"

        return session.say("quality", grounded=len(rouge), rouge=mean(rouge), bleu=mean(bleu),
                           judged=len(judge), judge=mean(judge), rated=rated, below=below,
                           threshold=float(threshold))

    @_guard
    def score(self, session: StudioSession, use_judge: bool, threshold, rejudge: bool, lang: str,
              progress=gr.Progress()):
        session.cancel.clear()
        llm = self.llm_factory(session.llm_settings()) if use_judge else None
        settings = GenerationSettings(lang=lang, judge_threshold=float(threshold))
        out = service.score(self.store_of(session), self.pid(session), llm, settings, judge=bool(use_judge),
                            rejudge=bool(rejudge), progress=_progress_for(progress, "judge"),
                            cancel=session.cancel)
        lines = [session.say("grounding_done", n=out["grounding"])]
        if "judge" in out:
            lines.append(self.report_text(session, [out["judge"]]))
        return "\n\n".join([*lines, self.quality_summary(session, threshold)])

    # ------------------------------------------------------------------------------------ export

    @_guard
    def export(self, session: StudioSession, fmt: str, file_type: str, name: str, system_prompt: str,
               include_reasoning: bool, only_confirmed: bool, min_score, test_ratio, seed, llamafactory: str):
        stem = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in (name or "").strip()) or "dataset"
        folder = export_folder("studio-export-")
        min_score = float(min_score) if min_score and float(min_score) > 0 else None
        result = service.export(self.store_of(session), self.pid(session), fmt, folder / f"{stem}{file_type}",
                                system_prompt=(system_prompt or "").strip() or None,
                                include_reasoning=bool(include_reasoning),
                                only_confirmed=bool(only_confirmed), min_score=min_score,
                                test_ratio=float(test_ratio or 0), seed=_int(seed, 0),
                                llamafactory=(llamafactory or "").strip() or None)
        info = folder / "dataset_info.json"
        counts = ", ".join(f"{k}: {v}" for k, v in result["counts"].items())
        text = session.say("exported", files=len(result["files"]), counts=counts)
        if result["skipped"]:
            text += " " + session.say("export_skipped", skipped=result["skipped"])
        return result["files"], text, info.read_text(encoding="utf-8") if info.exists() else ""

    # ---------------------------------------------------------------------------- endpoint, KB

    def endpoint_status(self, session: StudioSession) -> str:
        if not session.base_url:
            return session.say("endpoint_default", model=LOCAL_MODEL_NAME)
        return session.say("endpoint_set", base_url=session.base_url, model=session.model or "?",
                           key_state=session.say("key_set" if session.api_key else "key_unset"))

    @_guard
    def save_endpoint(self, session: StudioSession, base_url: str, model: str, api_key: str, temperature,
                      max_tokens, concurrency):
        candidate = StudioSession()
        candidate.base_url = (base_url or "").strip() or None
        candidate.model = (model or "").strip() or None
        candidate.api_key = (api_key or "").strip() or (session.api_key if candidate.base_url else None)
        candidate.temperature, candidate.max_tokens = float(temperature), _int(max_tokens, 1024)
        candidate.concurrency = _int(concurrency, 4)
        candidate.llm_settings()  # validates; raises ValueError naming the bad value
        for attr in ("base_url", "model", "api_key", "temperature", "max_tokens", "concurrency"):
            setattr(session, attr, getattr(candidate, attr))
        return "", self.endpoint_status(session)  # the key box is cleared; the key stays in the session only

    @_guard
    def test_endpoint(self, session: StudioSession) -> str:
        from datagen.generate import run_sync
        from datagen.llm import test_connection

        client = self.llm_factory(session.llm_settings())

        async def check() -> dict:
            try:
                return await test_connection(client)
            finally:
                await client.aclose()

        result = run_sync(check)
        if result["ok"]:
            text = session.say("connection_ok", model=result["model"], seconds=result["seconds"],
                               reply=_clip(result.get("reply"), 80))
        else:
            text = session.say("connection_failed", error=result["error"])
        return text + ("\n\n" + session.say("local_notice") if result.get("notice") else "")

    def triples_view(self, session: StudioSession):
        pid = self.pid(session)
        rows = self.store_of(session).list_triples(pid, limit=200)
        total = self.store_of(session).counts(pid)["triples"]
        table = pd.DataFrame([[r[c] for c in TRIPLE_COLUMNS] for r in rows], columns=TRIPLE_COLUMNS)
        return table, session.say("triples_count", shown=len(rows), total=total)

    @_guard
    def extract_triples(self, session: StudioSession, lang: str, progress=gr.Progress()):
        session.cancel.clear()
        llm = self.llm_factory(session.llm_settings())
        report = service.extract_triples(self.store_of(session), self.pid(session), llm, GenerationSettings(lang=lang),
                                         progress=_progress_for(progress, "triples"), cancel=session.cancel)
        return (*self.triples_view(session), self.report_text(session, [report]))

    @_guard
    def send_triples(self, session: StudioSession):
        rows = self.store_of(session).list_triples(self.pid(session), limit=HANDOFF_LIMIT)
        if not rows:
            raise ValueError(session.say("no_triples"))
        triples = [{k: str(r[k]) for k in TRIPLE_COLUMNS} for r in rows]
        return triples, session.say("triples_sent", n=len(triples), project=session.project)

    @_guard
    def download_kb(self, session: StudioSession):
        folder = export_folder("studio-kb-")
        stem = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in session.project or "kb")
        return str(service.export_kb(self.store_of(session), self.pid(session), folder / f"{stem}_kb.csv"))


# ------------------------------------------------------------------------------------------- layout

def _project_bar(st: Studio, ui: dict) -> None:
    gr.Markdown(i18n("studio_intro"))
    gr.Markdown(i18n("studio_default_model_note"), elem_id="studio-default-model-note")
    with gr.Row(equal_height=True):
        ui["project"] = gr.Dropdown(label=i18n("studio_project"), choices=[], interactive=True, scale=2)
        ui["new_project"] = gr.Textbox(label=i18n("studio_new_project"), scale=2)
        create = gr.Button(i18n("studio_create_project"), scale=1)
        refresh = gr.Button(i18n("studio_refresh"), scale=1)
    ui["overview"] = gr.Markdown(elem_id="studio-overview")
    ui["project_msg"] = gr.Markdown()
    s = ui["session"]
    create.click(st.create_project, [s, ui["new_project"]],
                 [ui["project"], ui["new_project"], ui["project_msg"]], api_name="studio_create_project")
    refresh.click(st.refresh_projects, [s], [ui["project"]], api_name="studio_refresh_projects")


def _files_tab(st: Studio, ui: dict) -> None:
    s = ui["session"]
    with gr.Tab(i18n("studio_tab_files")):
        upload = gr.File(label=i18n("studio_upload"), file_count="multiple", file_types=list(FILE_TYPES),
                         type="filepath", elem_id="studio-upload")
        add = gr.Button(i18n("studio_add_files"), variant="primary", elem_id="studio-add-files")
        msg = gr.Markdown(elem_id="studio-files-msg")
        table = gr.Dataframe(headers=FILES_COLUMNS, interactive=False, label=i18n("studio_files"))
        with gr.Row():
            file_id = gr.Number(label=i18n("studio_file_id"), precision=0)
            delete = gr.Button(i18n("studio_delete_file"), variant="stop")
    add.click(st.add_files, [s, upload], [table, msg], api_name="studio_add_files").then(
        st.overview, [s], [ui["overview"]], api_name=False)
    delete.click(st.delete_file, [s, file_id], [table, msg], api_name="studio_delete_file").then(
        st.overview, [s], [ui["overview"]], api_name=False)
    ui["files_table"] = table


def _chunks_tab(st: Studio, ui: dict) -> None:
    s = ui["session"]
    with gr.Tab(i18n("studio_tab_chunks")):
        with gr.Row():
            method = gr.Dropdown(list(SPLIT_METHODS), value="markdown", label=i18n("studio_splitter"))
            only_unsplit = gr.Checkbox(False, label=i18n("studio_only_unsplit"))
            force = gr.Checkbox(False, label=i18n("studio_force_split"))
        with gr.Row(visible=True) as md_opts:
            min_len = gr.Number(300, label=i18n("studio_min_len"), precision=0)
            max_len = gr.Number(1500, label=i18n("studio_max_len"), precision=0)
        with gr.Row(visible=False) as rec_opts:
            chunk_size = gr.Number(1000, label=i18n("studio_chunk_size"), precision=0)
            overlap = gr.Number(100, label=i18n("studio_overlap"), precision=0)
        with gr.Row(visible=False) as tok_opts:
            chunk_tokens = gr.Number(256, label=i18n("studio_chunk_tokens"), precision=0)
            token_overlap = gr.Number(32, label=i18n("studio_token_overlap"), precision=0)
        with gr.Row(visible=False) as custom_opts:
            separator = gr.Textbox("\\n---\\n", label=i18n("studio_separator"))
        split = gr.Button(i18n("studio_split"), variant="primary")
        msg = gr.Markdown()
        with gr.Row():
            page = gr.Number(1, label=i18n("studio_page"), precision=0, minimum=1)
            page_size = gr.Dropdown(list(PAGE_SIZES), value=20, label=i18n("studio_page_size"))
            show = gr.Button(i18n("studio_show_page"))
        info = gr.Markdown()
        table = gr.Dataframe(headers=CHUNK_COLUMNS, interactive=False, wrap=True, label=i18n("studio_chunks"))
        with gr.Accordion(i18n("studio_edit_chunks"), open=False):
            with gr.Row():
                chunk_id = gr.Number(label=i18n("studio_chunk_id"), precision=0)
                load = gr.Button(i18n("studio_load"))
                save = gr.Button(i18n("studio_save"), variant="primary")
                delete = gr.Button(i18n("studio_delete"), variant="stop")
            text = gr.Textbox(lines=8, label=i18n("studio_chunk_text"))
            with gr.Row():
                merge_ids = gr.Textbox(label=i18n("studio_merge_ids"), placeholder="3, 4")
                merge = gr.Button(i18n("studio_merge"))
    opts = [min_len, max_len, chunk_size, overlap, chunk_tokens, token_overlap, separator]
    ui["split_inputs"] = [method, *opts]
    method.change(lambda m: [gr.update(visible=m == name) for name in SPLIT_METHODS], [method],
                  [md_opts, rec_opts, tok_opts, custom_opts], api_name=False, queue=False)
    view = [table, page, info]
    split.click(st.split, [s, method, *opts, only_unsplit, force, page_size], [*view, msg],
                api_name="studio_split").then(st.overview, [s], [ui["overview"]], api_name=False)
    show.click(_guard(st.chunks_page), [s, page, page_size], view, api_name="studio_chunks_page")
    table.select(_selected_id, None, [chunk_id], api_name=False)
    load.click(st.load_chunk, [s, chunk_id], [text], api_name="studio_load_chunk")
    save.click(st.save_chunk, [s, chunk_id, text, page, page_size], [*view, msg],
               api_name="studio_save_chunk")
    delete.click(st.delete_chunk, [s, chunk_id, page, page_size], [*view, msg],
                 api_name="studio_delete_chunk")
    merge.click(st.merge_chunks, [s, merge_ids, page, page_size], [*view, msg],
                api_name="studio_merge_chunks")
    ui["chunks_view"], ui["chunks_page_inputs"] = view, [s, page, page_size]


def _tags_tab(st: Studio, ui: dict) -> None:
    s = ui["session"]
    with gr.Tab(i18n("studio_tab_tags")):
        with gr.Row():
            mode = gr.Radio(["rebuild", "revise", "keep"], value="rebuild", label=i18n("studio_tag_mode"))
            build = gr.Button(i18n("studio_build_tags"), variant="primary")
            stop = gr.Button(i18n("studio_stop"), variant="stop")
        tree = gr.Markdown(elem_id="studio-tag-tree")
        with gr.Accordion(i18n("studio_edit_tags"), open=False):
            with gr.Row():
                tag = gr.Dropdown([], label=i18n("studio_tag"), interactive=True)
                name = gr.Textbox(label=i18n("studio_tag_name"))
                parent = gr.Dropdown([TOP_LEVEL], value=TOP_LEVEL, label=i18n("studio_tag_parent"),
                                     interactive=True)
            with gr.Row():
                add = gr.Button(i18n("studio_add_tag"))
                rename = gr.Button(i18n("studio_rename_tag"))
                move = gr.Button(i18n("studio_move_tag"))
                delete = gr.Button(i18n("studio_delete_tag"), variant="stop")
        msg = gr.Markdown()
    views = [tree, tag, parent, ui["review_tag"]]
    build.click(st.build_tags, [s, mode, ui["lang"]], [*views, msg], api_name="studio_build_tags",
                **LLM_QUEUE).then(st.overview, [s], [ui["overview"]], api_name=False)
    stop.click(st.stop, [s], [msg], api_name=False, queue=False)
    add.click(st.add_tag, [s, name, parent], [*views, msg], api_name="studio_add_tag")
    rename.click(st.rename_tag, [s, tag, name], [*views, msg], api_name="studio_rename_tag")
    move.click(st.move_tag, [s, tag, parent], [*views, msg], api_name="studio_move_tag")
    delete.click(st.delete_tag, [s, tag], [*views, msg], api_name="studio_delete_tag")
    ui["tag_views"] = views
    ui["tag_mode"] = mode


def _generate_tab(st: Studio, ui: dict) -> None:
    s = ui["session"]
    with gr.Tab(i18n("studio_tab_generate")):
        gr.Markdown(i18n("studio_default_model_note"))
        stages = gr.CheckboxGroup(list(STAGES), value=list(DEFAULT_UI_STAGES), label=i18n("studio_stages"))
        with gr.Row():
            chars = gr.Number(400, label=i18n("studio_chars_per_question"), precision=0, minimum=1)
            min_q = gr.Number(1, label=i18n("studio_min_questions"), precision=0, minimum=1)
            max_q = gr.Number(10, label=i18n("studio_max_questions"), precision=0, minimum=1,
                              elem_id="studio-max-questions")
            dedup = gr.Slider(0.5, 1.0, value=0.92, step=0.01, label=i18n("studio_dedup"))
        with gr.Row():
            reasoning = gr.Checkbox(True, label=i18n("studio_reasoning"), elem_id="studio-reasoning")
            turns = gr.Number(1, label=i18n("studio_turns"), precision=0, minimum=1)
            retries = gr.Number(2, label=i18n("studio_parse_retries"), precision=0, minimum=0,
                                elem_id="studio-parse-retries")
        with gr.Row():
            run = gr.Button(i18n("studio_generate"), variant="primary", elem_id="studio-generate")
            stop = gr.Button(i18n("studio_stop"), variant="stop", elem_id="studio-stop")
        result = gr.Markdown(elem_id="studio-run-result")
        stop_msg = gr.Markdown()
        failures = gr.Dataframe(headers=FAILURE_COLUMNS, interactive=False, wrap=True,
                                label=i18n("studio_failures"))
    inputs = [s, stages, ui["lang"], chars, min_q, max_q, dedup, reasoning, turns, retries, ui["tag_mode"],
              *ui["split_inputs"]]
    run.click(st.generate, inputs, [result, failures], api_name="studio_generate", **LLM_QUEUE).then(
        st.overview, [s], [ui["overview"]], api_name=False)
    stop.click(st.stop, [s], [stop_msg], api_name="studio_stop", queue=False)


def _review_tab(st: Studio, ui: dict) -> None:
    s = ui["session"]
    with gr.Tab(i18n("studio_tab_review")):
        with gr.Row():
            tag = ui["review_tag"].render()
            status = gr.Dropdown(list(ITEM_STATUSES), value="all", label=i18n("studio_status"))
            min_score = gr.Slider(0, 5, value=0, step=0.5, label=i18n("studio_min_score"))
        with gr.Row():
            page = gr.Number(1, label=i18n("studio_page"), precision=0, minimum=1)
            size = gr.Dropdown(list(PAGE_SIZES), value=20, label=i18n("studio_page_size"))
            prev, show, nxt = (gr.Button(i18n(k)) for k in ("studio_prev", "studio_show_page", "studio_next"))
        info = gr.Markdown(elem_id="studio-review-info")
        table = gr.Dataframe(headers=ITEM_COLUMNS, interactive=False, wrap=True, label=i18n("studio_items"))
        with gr.Row():
            item_id = gr.Number(label=i18n("studio_item_id"), precision=0)
            load = gr.Button(i18n("studio_load"))
            confirm_page = gr.Button(i18n("studio_confirm_page"))
        question = gr.Textbox(lines=2, label=i18n("studio_question"))
        answer = gr.Textbox(lines=5, label=i18n("studio_answer"))
        with gr.Accordion(i18n("studio_reasoning_context"), open=False):
            reasoning = gr.Textbox(lines=4, label=i18n("studio_reasoning_trace"))
            context = gr.Textbox(lines=4, label=i18n("studio_context"), interactive=False)
        with gr.Row():
            rating = gr.Radio(["-", "0", "1", "2", "3", "4", "5"], value="-", label=i18n("studio_rating"))
            confirmed = gr.Checkbox(False, label=i18n("studio_confirmed"))
            save = gr.Button(i18n("studio_save"), variant="primary")
            delete = gr.Button(i18n("studio_delete"), variant="stop")
        msg = gr.Markdown()
    filters = [s, tag, min_score, status, page, size]
    view = [table, page, info]
    show.click(st.review_page, filters, view, api_name="studio_review_page")
    for event in (tag.change, status.change, min_score.release, size.change):
        event(st.review_first, [s, tag, min_score, status, size], view, api_name=False)
    prev.click(st.review_prev, filters, view, api_name="studio_review_prev")
    nxt.click(st.review_next, filters, view, api_name="studio_review_next")
    table.select(_selected_id, None, [item_id], api_name=False).then(
        st.load_item, [s, item_id], [item_id, question, answer, reasoning, context, rating, confirmed],
        api_name=False)
    editor = [item_id, question, answer, reasoning, context, rating, confirmed]
    load.click(st.load_item, [s, item_id], editor, api_name="studio_load_item")
    save.click(st.save_item, [s, item_id, question, answer, reasoning, rating, confirmed], [msg],
               api_name="studio_save_item").then(st.review_page, filters, view, api_name=False)
    delete.click(st.delete_item, [s, item_id], [msg], api_name="studio_delete_item").then(
        st.review_page, filters, view, api_name=False).then(
        st.overview, [s], [ui["overview"]], api_name=False)
    confirm_page.click(st.confirm_page, filters, [*view, msg], api_name="studio_confirm_page")
    ui["review_filters"], ui["review_view"] = filters, view


def _quality_tab(st: Studio, ui: dict) -> None:
    s = ui["session"]
    with gr.Tab(i18n("studio_tab_quality")):
        gr.Markdown(i18n("studio_quality_help"))
        with gr.Row():
            judge = gr.Checkbox(False, label=i18n("studio_use_judge"))
            threshold = gr.Slider(0, 5, value=3, step=0.5, label=i18n("studio_judge_threshold"))
            rejudge = gr.Checkbox(False, label=i18n("studio_rejudge"))
        with gr.Row():
            run = gr.Button(i18n("studio_score"), variant="primary")
            stop = gr.Button(i18n("studio_stop"), variant="stop")
        result = gr.Markdown(elem_id="studio-quality")
    run.click(st.score, [s, judge, threshold, rejudge, ui["lang"]], [result], api_name="studio_score",
              **LLM_QUEUE)
    stop.click(st.stop, [s], [result], api_name=False, queue=False)


def _export_tab(st: Studio, ui: dict) -> None:
    s = ui["session"]
    with gr.Tab(i18n("studio_tab_export")):
        with gr.Row():
            fmt = gr.Dropdown(list(formats.EXPORT_FORMATS), value="alpaca", label=i18n("studio_format"))
            file_type = gr.Dropdown(list(formats.FILE_TYPES), value=".jsonl", label=i18n("studio_file_type"))
            name = gr.Textbox("dataset", label=i18n("studio_file_name"))
        system = gr.Textbox(lines=2, label=i18n("studio_system_prompt"))
        with gr.Row():
            reasoning = gr.Checkbox(False, label=i18n("studio_include_reasoning"))
            confirmed = gr.Checkbox(False, label=i18n("studio_only_confirmed"))
            min_score = gr.Slider(0, 5, value=0, step=0.5, label=i18n("studio_min_score"))
        with gr.Row():
            test_ratio = gr.Slider(0, 0.5, value=0, step=0.05, label=i18n("studio_test_ratio"))
            seed = gr.Number(0, label=i18n("studio_seed"), precision=0)
            llamafactory = gr.Textbox(label=i18n("studio_llamafactory"))
        run = gr.Button(i18n("studio_export"), variant="primary", elem_id="studio-export")
        msg = gr.Markdown(elem_id="studio-export-result")
        files = gr.File(label=i18n("studio_download"), file_count="multiple", interactive=False,
                        elem_id="studio-export-files")
        info = gr.Code(language="json", label="dataset_info.json", interactive=False)
    run.click(st.export, [s, fmt, file_type, name, system, reasoning, confirmed, min_score, test_ratio, seed,
                          llamafactory], [files, msg, info], api_name="studio_export")


def _endpoint_tab(st: Studio, ui: dict) -> None:
    s = ui["session"]
    with gr.Tab(i18n("studio_tab_endpoint")):
        gr.Markdown(i18n("studio_default_model_note"))
        with gr.Row():
            base_url = gr.Textbox(label=i18n("studio_base_url"), placeholder="http://127.0.0.1:8000/v1")
            model = gr.Textbox(label=i18n("studio_model"))
            key = gr.Textbox(label=i18n("studio_api_key"), type="password", placeholder="sk-…")
        with gr.Row():
            temperature = gr.Slider(0, 2, value=0.7, step=0.05, label=i18n("studio_temperature"))
            max_tokens = gr.Number(1024, label=i18n("studio_max_tokens"), precision=0, minimum=1,
                                   elem_id="studio-max-tokens")
            concurrency = gr.Number(4, label=i18n("studio_concurrency"), precision=0, minimum=1)
        with gr.Row():
            save = gr.Button(i18n("studio_save_endpoint"), variant="primary", elem_id="studio-save-endpoint")
            test = gr.Button(i18n("studio_test_connection"))
        status = gr.Markdown(elem_id="studio-endpoint-status")
    save.click(st.save_endpoint, [s, base_url, model, key, temperature, max_tokens, concurrency],
               [key, status], api_name="studio_save_endpoint")
    test.click(st.test_endpoint, [s], [status], api_name="studio_test_connection", **LLM_QUEUE)
    ui["endpoint_status"] = status


def _kb_tab(st: Studio, ui: dict, handoff: gr.State) -> None:
    s = ui["session"]
    with gr.Tab(i18n("studio_tab_kb")):
        gr.Markdown(i18n("studio_kb_help"))
        with gr.Row():
            extract = gr.Button(i18n("studio_extract_triples"), variant="primary")
            stop = gr.Button(i18n("studio_stop"), variant="stop")
            send = gr.Button(i18n("studio_send_to_chat"), elem_id="studio-send-kb")
            download = gr.Button(i18n("studio_download_kb"))
        msg = gr.Markdown(elem_id="studio-kb-msg")
        count = gr.Markdown()
        table = gr.Dataframe(headers=TRIPLE_COLUMNS, interactive=False, wrap=True,
                             label=i18n("studio_triples"))
        kb_file = gr.File(label=i18n("studio_kb_file"), interactive=False)
    extract.click(st.extract_triples, [s, ui["lang"]], [table, count, msg], api_name="studio_extract_triples",
                  **LLM_QUEUE).then(st.overview, [s], [ui["overview"]], api_name=False)
    stop.click(st.stop, [s], [msg], api_name=False, queue=False)
    send.click(st.send_triples, [s], [handoff, msg], api_name="studio_send_to_chat")
    download.click(st.download_kb, [s], [kb_file], api_name="studio_download_kb")
    ui["triples_view"] = [table, count]


def build_studio_tab(services: dict | None = None) -> None:
    """Build the whole dataset-studio tab inside the caller's open ``gr.Blocks``/``gr.Tab`` context.

    See the module docstring for ``services`` (``kb_handoff``, ``workspace``, ``llm_factory``, ``embed``)."""
    services = dict(services or {})
    st = Studio(services)
    handoff = services.get("kb_handoff")
    if handoff is None:
        handoff = gr.State(None)
    ui: dict = {"session": gr.State(StudioSession)}
    _project_bar(st, ui)
    ui["lang"] = gr.Radio(["en", "zh"], value="en", label=i18n("studio_data_lang"))
    ui["review_tag"] = gr.Dropdown([""], value="", label=i18n("studio_tag_filter"), interactive=True,
                                   render=False)  # rendered in the review tab, refreshed with the tag tree
    with gr.Tabs():
        _files_tab(st, ui)
        _chunks_tab(st, ui)
        _tags_tab(st, ui)
        _generate_tab(st, ui)
        _review_tab(st, ui)
        _quality_tab(st, ui)
        _export_tab(st, ui)
        _kb_tab(st, ui, handoff)
        _endpoint_tab(st, ui)
    _wire_refresh(st, ui)


def _wire_refresh(st: Studio, ui: dict) -> None:
    """Page load and project changes refresh every view of the tab (for this session only)."""
    s = ui["session"]

    def refresh(session: StudioSession):
        return (st.files_table(session), *st.chunks_page(session, 1, 20), *st.tag_views(session),
                *st.items_page(session, "", 0, "all", 1, 20), *st.triples_view(session),
                st.endpoint_status(session))

    outputs = [ui["files_table"], *ui["chunks_view"], *ui["tag_views"], *ui["review_view"],
               *ui["triples_view"], ui["endpoint_status"]]
    ui["project"].change(st.select_project, [s, ui["project"]], [ui["overview"]],
                         api_name="studio_select_project").then(_guard(refresh), [s], outputs, api_name=False)
    root = gr.context.Context.root_block
    if root is not None:
        root.load(st.on_load, [s], [ui["project"], ui["overview"]], api_name=False)


def demo(services: dict | None = None) -> gr.Blocks:
    """The studio tab alone in a ``gr.Blocks`` (standalone use, tests); launch with ``i18n=studio_i18n()``."""
    with gr.Blocks(title="KBLaM Studio — dataset studio") as blocks:
        services = dict(services or {})
        services.setdefault("kb_handoff", gr.State(None))
        build_studio_tab(services)
        with gr.Accordion("kb_handoff (what the knowledge chat tab would receive)", open=False):
            received = gr.JSON(elem_id="studio-kb-handoff")
        services["kb_handoff"].change(lambda triples: triples, [services["kb_handoff"]], [received],
                                      api_name=False)
    return blocks


if __name__ == "__main__":
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    logging.basicConfig(level=logging.INFO)
    demo().launch(i18n=studio_i18n())
