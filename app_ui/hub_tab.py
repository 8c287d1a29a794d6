"""The Hugging Face Hub tab: one click each to push or pull a dataset (a studio project), a knowledge base
(triples + encoded tensors + meta) and adapters (safetensors + meta + model card).

The token is the one typed into this browser session (a password box, passed to each call and never stored,
logged or sent back), else the OAuth token of "Sign in with Hugging Face" on Spaces, else the server's
``HF_TOKEN`` (only when not running on Spaces, where that would be the Space owner's token). ``HF_ENDPOINT`` is
honoured by every call (read at call time)."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import gradio as gr

from datagen import format_registry
from kblam.errors import KBLaMError, StudioError

from .access import ui_identity
from .common import bind_services, export_folder, session_folder
from .context import AppServices
from .strings import lang_of, message

log = logging.getLogger(__name__)



def on_spaces() -> bool:
    return bool(os.environ.get("SPACE_ID"))


def oauth_enabled() -> bool:
    """"Sign in with Hugging Face" needs a Space with ``hf_oauth: true`` (which sets OAUTH_CLIENT_ID)."""
    return on_spaces() and bool(os.environ.get("OAUTH_CLIENT_ID"))


def resolve_token(typed: str | None, oauth_token=None, *, server_token_allowed: bool = False) -> str | None:
    """Typed token > Spaces OAuth token > the server's HF_TOKEN (only for its owner, never on Spaces) > None.
    huggingface_hub's own lookup is not used either, so a server's saved login never leaks to its users."""
    if typed and typed.strip():
        return typed.strip()
    if oauth_token is not None and getattr(oauth_token, "token", None):
        return oauth_token.token
    if server_token_allowed and not on_spaces():
        return os.environ.get("HF_TOKEN") or None
    return None


def caller_token(app: AppServices, typed: str | None, oauth_token, request) -> str | bool:
    """The token of this caller: the server's own only for the admin login or with ``--hub-token-for-all``.
    ``False`` (not None) when there is none: huggingface_hub would otherwise fall back to ``HF_TOKEN`` itself."""
    allowed = app.access.may_use_server_token(ui_identity(request))
    return resolve_token(typed, oauth_token, server_token_allowed=allowed) or False


def _scrub(text: str, token: str | None) -> str:
    return text.replace(token, "***") if token else text


def _error(lang: str, exc: Exception, token: str | None) -> str:
    text = _scrub(str(exc), token) + ("" if token else message(lang, "hub_no_token_hint"))
    gr.Warning(text)
    return message(lang, "error", error=text)


# ---------------------------------------------------------------------------------------------- datasets


def _studio(app: AppServices, request=None):
    """The studio's service module and the caller's own workspace (shared with ``--shared-workspace``)."""
    from datagen import service

    return service, service.open_workspace(app.workspace_for(ui_identity(request)), create=True)


def list_projects(app: AppServices, request: gr.Request = None) -> gr.Dropdown:
    try:
        service, store = _studio(app, request)
        names = [p["name"] for p in service.list_projects(store)]
    except Exception as exc:  # noqa: BLE001 - an empty list with a warning; the tab keeps working
        gr.Warning(str(exc))
        names = []
    return gr.Dropdown(choices=names, value=names[0] if names else None)


def push_dataset(app: AppServices, project: str, repo_id: str, fmt: str, private: bool, hf_token: str,
                 request: gr.Request = None, oauth_token: gr.OAuthToken | None = None) -> str:
    lang, token = lang_of(request), caller_token(app, hf_token, oauth_token, request)
    try:
        service, store = _studio(app, request)
        pid = service.project(store, project or None)
        url = service.push(store, pid, (repo_id or "").strip(), fmt=fmt, token=token, private=bool(private))
    except Exception as exc:  # noqa: BLE001 - the studio's own error classes; shown, never raised
        return _error(lang, exc, token)
    return message(lang, "hub_pushed", url=url)


def pull_dataset(app: AppServices, project: str, repo_id: str, hf_token: str, request: gr.Request = None,
                 oauth_token: gr.OAuthToken | None = None) -> str:
    lang, token = lang_of(request), caller_token(app, hf_token, oauth_token, request)
    try:
        service, store = _studio(app, request)
        pid = service.project(store, project or None, create=bool(project))
        result = service.pull(store, pid, (repo_id or "").strip(), token=token)
    except Exception as exc:  # noqa: BLE001
        return _error(lang, exc, token)
    return message(lang, "hub_pulled_dataset", repo=repo_id, project=project or "default", result=result)


# ---------------------------------------------------------------------------------------------- KBs and adapters


def push_kb(app: AppServices, repo_id: str, private: bool, session, hf_token: str, request: gr.Request = None,
            oauth_token: gr.OAuthToken | None = None) -> str:
    from kblam import hub

    lang, token = lang_of(request), caller_token(app, hf_token, oauth_token, request)
    entry = getattr(session, "entry", None)
    try:
        if entry is None or len(entry.kb) == 0:
            raise KBLaMError(message(lang, "hub_no_kb"))
        encoded = None
        spec = getattr(session, "spec", None)
        if app.models.is_loaded(spec):
            encoded = entry.encoded(app.models.engine(spec))
        url = hub.push_kb(entry.kb, (repo_id or "").strip(), encoded=encoded, token=token, private=bool(private))
    except (StudioError, ValueError, OSError) as exc:
        return _error(lang, exc, token)
    return message(lang, "hub_pushed", url=url)


def pull_kb(app: AppServices, repo_id: str, hf_token: str, session, request: gr.Request = None,
            oauth_token: gr.OAuthToken | None = None, progress=gr.Progress()):
    """Pull a KB and make it this session's chat KB; returns the chat tab's KB outputs and the result text."""
    from kblam import hub

    from .chat_tab import open_kb_outputs

    lang, token = lang_of(request), caller_token(app, hf_token, oauth_token, request)
    try:
        pulled = hub.pull_kb((repo_id or "").strip(), token=token)
        outputs = open_kb_outputs(app, session, pulled.kb, f"hub:{pulled.repo_id}", lang, progress,
                                  encoded=pulled.encoded)
    except (StudioError, ValueError, OSError) as exc:
        return gr.skip(), gr.skip(), gr.skip(), gr.skip(), _error(lang, exc, token)
    note = message(lang, "hub_with_tensors") if pulled.encoded is not None else ""
    return (*outputs, message(lang, "hub_pulled_kb", n=len(pulled.kb), repo=pulled.repo_id, encoded=note))


def push_adapters(app: AppServices, source: str, folder: str, repo_id: str, private: bool, session, hf_token: str,
                  request: gr.Request = None, oauth_token: gr.OAuthToken | None = None) -> str:
    from kblam import hub

    lang, token = lang_of(request), caller_token(app, hf_token, oauth_token, request)
    try:
        path = _adapters_folder(app, source, folder, session, lang, request)
        url = hub.push_adapters(path, (repo_id or "").strip(), token=token, private=bool(private))
    except (StudioError, ValueError, OSError) as exc:
        return _error(lang, exc, token)
    return message(lang, "hub_pushed", url=url)


def _adapters_folder(app: AppServices, source: str, folder: str, session, lang: str, request=None) -> Path:
    if source == "trained":
        trained = getattr(session, "trained_adapters", None)
        if not trained:
            raise KBLaMError(message(lang, "hub_no_trained"))
        return Path(trained)
    if source == "loaded":
        spec = getattr(session, "spec", None)
        engine = app.models.engine(spec)
        return engine.adapters.save(export_folder("kblam-adapters-"))
    local = app.config.host in ("127.0.0.1", "localhost", "::1") and not app.config.share
    if not (local and not app.access.login_required) and not app.access.may_use_server_token(ui_identity(request)):
        raise KBLaMError(message(lang, "hub_folder_owner_only"))
    if not folder or not Path(folder).is_dir():
        raise KBLaMError(message(lang, "adapters_folder_missing", folder=folder))
    return Path(folder)


def pull_adapters(app: AppServices, repo_id: str, hf_token: str, session, request: gr.Request = None,
                  oauth_token: gr.OAuthToken | None = None):
    from dataclasses import replace

    from kblam import hub

    lang, token = lang_of(request), caller_token(app, hf_token, oauth_token, request)
    folder = session_folder("kblam-adapters-")
    try:
        path = hub.pull_adapters((repo_id or "").strip(), token=token, dest=folder)
    except (StudioError, ValueError, OSError) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        return session, _error(lang, exc, token)
    base = getattr(session, "spec", None) or app.models.default_spec
    session.spec = replace(base, adapters=str(path))
    return session, message(lang, "hub_pulled_adapters", repo=repo_id, path=path)


# ---------------------------------------------------------------------------------------------- layout


def build_hub_tab(services: dict) -> None:
    """The Hub tab; call inside an open ``gr.Tab``. Renders the shared token box (``services["hf_token"]``)."""
    app: AppServices = services["app"]
    T = services["i18n"]
    session = services["session"]
    gr.Markdown(T("hub.heading"), elem_classes=["section-title"])
    with gr.Row():
        services["hf_token"].render()
        if oauth_enabled():
            gr.LoginButton()
    gr.Markdown(T("hub.token_info"))
    with gr.Group():
        gr.Markdown(T("hub.dataset"), elem_classes=["section-title"])
        with gr.Row():
            project = gr.Dropdown([], label=T("hub.project"), allow_custom_value=True)
            refresh = gr.Button(T("hub.refresh"), size="sm")
            ds_repo = gr.Textbox(label=T("hub.repo"), elem_id="hub-dataset-repo")
            ds_fmt = gr.Dropdown(list(format_registry.names()), value="alpaca", label=T("hub.format"))
            ds_private = gr.Checkbox(False, label=T("hub.private"))
        with gr.Row():
            ds_push = gr.Button(T("hub.push"), variant="primary")
            ds_pull = gr.Button(T("hub.pull"))
        ds_out = gr.Markdown("", elem_id="hub-dataset-result")
    with gr.Group():
        gr.Markdown(T("hub.kb"), elem_classes=["section-title"])
        with gr.Row():
            kb_repo = gr.Textbox(label=T("hub.repo"), elem_id="hub-kb-repo")
            kb_private = gr.Checkbox(False, label=T("hub.private"))
        with gr.Row():
            kb_push = gr.Button(T("hub.push"), variant="primary", elem_id="hub-kb-push")
            kb_pull = gr.Button(T("hub.pull"), elem_id="hub-kb-pull")
        kb_out = gr.Markdown("", elem_id="hub-kb-result")
    with gr.Group():
        gr.Markdown(T("hub.adapters"), elem_classes=["section-title"])
        with gr.Row():
            ad_source = gr.Radio([("loaded in chat", "loaded"), ("last trained", "trained"), ("folder", "folder")],
                                 value="loaded", label=T("hub.adapters_source"))
            ad_folder = gr.Textbox(label=T("hub.adapters_folder"))
            ad_repo = gr.Textbox(label=T("hub.repo"), elem_id="hub-adapters-repo")
            ad_private = gr.Checkbox(False, label=T("hub.private"))
        with gr.Row():
            ad_push = gr.Button(T("hub.push"), variant="primary")
            ad_pull = gr.Button(T("hub.pull"))
        ad_out = gr.Markdown("", elem_id="hub-adapters-result")

    token = services["hf_token"]
    refresh.click(bind_services(list_projects, app), None, [project], api_name="hub_list_projects")
    if services.get("hub_tab") is not None:  # fill the project list when the tab is opened
        services["hub_tab"].select(bind_services(list_projects, app), None, [project], api_name=False,
                                   show_progress="hidden")
    ds_push.click(bind_services(push_dataset, app), [project, ds_repo, ds_fmt, ds_private, token], [ds_out],
                  api_name="hub_push_dataset")
    ds_pull.click(bind_services(pull_dataset, app), [project, ds_repo, token], [ds_out], api_name="hub_pull_dataset")
    kb_push.click(bind_services(push_kb, app), [kb_repo, kb_private, session, token], [kb_out],
                  api_name="hub_push_kb")
    kb_pull.click(bind_services(pull_kb, app), [kb_repo, token, session], [*services["kb_outputs"], kb_out],
                  api_name="hub_pull_kb")
    ad_push.click(bind_services(push_adapters, app), [ad_source, ad_folder, ad_repo, ad_private, session, token],
                  [ad_out], api_name="hub_push_adapters")
    ad_pull.click(bind_services(pull_adapters, app), [ad_repo, token, session], [session, ad_out],
                  api_name="hub_pull_adapters")
