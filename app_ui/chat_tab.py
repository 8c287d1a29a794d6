"""The knowledge-chat tab of the app (Gradio): the KB table, chat, comparison and model choice.

Handlers are plain functions of (inputs…, session) that call the kblam services; per-user state is one
:class:`ChatSession` in a ``gr.State`` (its KB, the chosen model stack, its training run), so one browser session
never sees another's KB. Model weights are shared through the service's :class:`~kblam.serving.ModelService`.
``services`` is the app's dict: ``"app"`` (AppServices), ``"i18n"`` (gr.I18n), ``"session"`` (the gr.State of
the ChatSession, shared with the Hub tab), ``"kb_handoff"`` (a gr.State the studio fills with triples to open in
the chat: a list of {name, property, value} dicts, or {"triples", "encoded", "source"}). The tab publishes
``services["kb_outputs"]`` (session, table, status, error) for other tabs that open a KB.
"""

from __future__ import annotations

import html
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import gradio as gr
import pandas as pd

from kblam import candidates
from kblam import engine as engine_module
from kblam.chat_service import Reply, check_prompt_length, in_context_messages, kb_reply, plain_reply
from kblam.errors import BusyError, KBLaMError, LimitError, StudioError
from kblam.kb import KnowledgeBase, bundled_examples
from kblam.kb_store import KBEntry, apply_table_edits
from kblam.serving import EngineSpec
from kblam.slots import Ticket

from .common import bind_services, export_folder, headers_on_load
from .context import AppServices
from .hub_tab import caller_token
from .strings import columns, lang_of, message

log = logging.getLogger(__name__)

TABLE_HEADERS = ["#", "name", "property", "value"]
EVIDENCE_HEADERS = ["rank", "#", "name", "property", "value", "score"]
MAX_TABLE_ROWS = 500
MAX_BARS = 60
KB_FILE_TYPES = [".csv", ".tsv", ".json", ".jsonl", ".ndjson"]


@dataclass
class ChatSession:
    """Everything one browser session owns."""

    entry: KBEntry | None = None
    spec: EngineSpec | None = None  # None: the server's default model stack
    shown: list[int] = field(default_factory=list)  # KB indices shown in the table, in order
    train_job: str | None = None
    trained_adapters: str | None = None


def session_of(session: ChatSession | None) -> ChatSession:
    return session if isinstance(session, ChatSession) else ChatSession()


def progress_fn(progress, desc: str):
    def update(done: int, total: int) -> None:
        progress((done, max(total, 1)), desc=desc)
    return update


def _reserve(services: AppServices) -> Ticket:
    """A place in the generation queue (``gr.Error`` naming ``max_queue`` when it is full)."""
    try:
        return services.models.reserve()
    except BusyError as exc:
        raise gr.Error(str(exc)) from None


def _queued(ticket: Ticket, lang: str) -> Iterator[str]:
    """Status lines with the queue position, every half second, until the ticket's slot is granted."""
    while not ticket.wait(0.5):
        yield message(lang, "queued", position=ticket.position)


def _check_question(services: AppServices, engine, question: str) -> None:
    """The question's length limit in every mode (a KB question costs memory in the KB attention too)."""
    check_prompt_length(engine, question, services.config.max_prompt_tokens)


def engine_for(services: AppServices, session: ChatSession, progress=None, lang: str = "en"):
    if progress is not None and not services.models.is_loaded(session.spec):
        progress(0, desc=message(lang, "progress_first_load"))
    return services.models.engine(session.spec)


# ---------------------------------------------------------------------------------------------- KB table


def kb_table(session: ChatSession, query: str = "", lang: str = "en") -> pd.DataFrame:
    """The rows to show for ``query`` (at most MAX_TABLE_ROWS); records their indices in the session."""
    if session.entry is None:
        session.shown = []
        return pd.DataFrame([], columns=columns(lang, TABLE_HEADERS))
    kb = session.entry.kb
    matches = kb.search(query or "")
    session.shown = matches[:MAX_TABLE_ROWS]
    rows = [[str(i), kb[i].name, kb[i].property, kb[i].value] for i in session.shown]
    return pd.DataFrame(rows, columns=columns(lang, TABLE_HEADERS))  # edits are read back by position


def kb_status(session: ChatSession, lang: str, query: str = "") -> str:
    entry = session.entry
    if entry is None:
        return ""
    kb = entry.kb
    parts = [message(lang, "kb_loaded", n=len(kb), names=len(kb.names()), props=len(kb.properties()),
                     source=entry.name)]
    if kb.duplicates_removed:
        parts.append(message(lang, "kb_dupes", n=kb.duplicates_removed))
    total = 2 * len(kb)
    parts.append(message(lang, "kb_encoded", encoder=_encoder_name(entry), new=entry.last_new_strings,
                         cached=max(0, total - entry.last_new_strings)))
    matches = len(kb.search(query or ""))
    if matches > len(session.shown):
        parts.append(message(lang, "kb_shown", shown=len(session.shown), matches=matches))
    return " · ".join(parts)


def _encoder_name(entry: KBEntry) -> str:
    return entry.encoder_id or "?"


def _kb_outputs(session: ChatSession, lang: str, query: str = "", error: str = ""):
    return session, kb_table(session, query, lang), kb_status(session, lang, query), error


def _open_kb(services: AppServices, session: ChatSession, kb: KnowledgeBase, name: str, progress,
             encoded=None, lang: str = "en") -> None:
    """Make ``kb`` the session's KB and encode it (only strings the engine has not seen are computed)."""
    engine = engine_for(services, session, progress, lang)
    large = len(kb) > getattr(engine, "exhaustive_max", candidates.EXHAUSTIVE_MAX)  # stored on disk (memory-mapped, reused), narrowed per question
    entry = KBEntry(kb, name=name, encoded=encoded, disk=services.kbs.disk if large else None)
    candidates.warm(engine, entry.encoded(engine, progress=progress_fn(progress,
                                                                       message(lang, "progress_encoding_kb"))))
    session.entry = entry


def open_kb_outputs(services: AppServices, session, kb: KnowledgeBase, name: str, lang: str, progress,
                    encoded=None) -> tuple:
    """Open ``kb`` as the session's chat KB (e.g. pulled from the Hub); returns the chat tab's KB outputs
    (``services["kb_outputs"]``: session, table, status, error)."""
    session = session_of(session)
    _open_kb(services, session, kb, name, progress, encoded=encoded, lang=lang)
    return _kb_outputs(session, lang)


def ok_note(text: str) -> str:
    """A success message for the KB notice area, which shows errors in red: marked so that it is not."""
    return f'<span class="kb-ok">{html.escape(text)}</span>'


def _fail(session: ChatSession, lang: str, exc: Exception, query: str = ""):
    text = str(exc)
    gr.Warning(text)
    return _kb_outputs(session, lang, query, message(lang, "error", error=text))


def load_kb_file(services: AppServices, file, session, request: gr.Request = None,
                 progress=gr.Progress()):
    session, lang = session_of(session), lang_of(request)
    if not file:
        return _kb_outputs(session, lang)
    path = Path(file if isinstance(file, str) else file.name)
    try:
        size = path.stat().st_size
        limits = services.config.ui_kb_limits
        if size > limits.max_bytes:
            raise KBLaMError(message(lang, "kb_file_too_large", file=path.name, size=size, limit=limits.max_bytes))
        kb = KnowledgeBase.from_bytes(path.read_bytes(), path.name, limits=limits)
        _open_kb(services, session, kb, path.name, progress, lang=lang)
    except (StudioError, ValueError, OSError) as exc:
        return _fail(session, lang, exc)
    return _kb_outputs(session, lang)


def load_example(services: AppServices, name: str, session, request: gr.Request = None,
                 progress=gr.Progress()):
    session, lang = session_of(session), lang_of(request)
    examples = bundled_examples()
    try:
        if name not in examples:
            raise KBLaMError(message(lang, "unknown_example", name=name, examples=", ".join(examples)))
        kb = KnowledgeBase.from_file(examples[name], limits=services.config.ui_kb_limits)
        _open_kb(services, session, kb, examples[name].name, progress, lang=lang)
    except (StudioError, ValueError) as exc:
        return _fail(session, lang, exc)
    return _kb_outputs(session, lang)


def search_kb(query: str, session, request: gr.Request = None):
    session, lang = session_of(session), lang_of(request)
    return session, kb_table(session, query, lang), kb_status(session, lang, query)


def apply_edits(services: AppServices, table, query: str, session, request: gr.Request = None,
                progress=gr.Progress()):
    """Apply the edited table (changed rows, deleted rows, new rows with an empty #) and re-encode what changed."""
    session, lang = session_of(session), lang_of(request)
    rows = table.values.tolist() if isinstance(table, pd.DataFrame) else list((table or {}).get("data", table)
                                                                              if isinstance(table, dict) else table or [])
    try:
        if session.entry is None:
            kb = KnowledgeBase(source="table", limits=services.config.ui_kb_limits)
            session.entry = KBEntry(kb, name="table")
        counts = apply_table_edits(session.entry.kb, session.shown, rows)
        engine = engine_for(services, session, progress, lang)
        session.entry.encoded(engine, progress=progress_fn(progress, message(lang, "progress_encoding_new")))
    except (StudioError, ValueError, IndexError) as exc:
        return _fail(session, lang, exc, query)
    gr.Info(message(lang, "kb_edited", **counts))
    return _kb_outputs(session, lang, query, ok_note(message(lang, "kb_edited", **counts)))


def clear_kb(session, request: gr.Request = None):
    session = session_of(session)
    session.entry = None
    return _kb_outputs(session, lang_of(request), "", ok_note(message(lang_of(request), "kb_cleared")))


def download_kb(session, request: gr.Request = None):
    session = session_of(session)
    if session.entry is None or len(session.entry.kb) == 0:
        raise gr.Error(message(lang_of(request), "no_kb_download"))
    out = export_folder("kblam-kb-") / "kb.jsonl"
    return str(session.entry.kb.save(out))


def receive_handoff(services: AppServices, payload, session, request: gr.Request = None,
                    progress=gr.Progress()):
    """Open triples sent by the dataset studio or pulled from the Hub as this session's KB."""
    session, lang = session_of(session), lang_of(request)
    if not payload:
        return _kb_outputs(session, lang)
    encoded, source = None, "studio"
    records = payload
    if isinstance(payload, dict):
        records, encoded, source = payload.get("triples"), payload.get("encoded"), payload.get("source", source)
    try:
        kb = KnowledgeBase.from_records(records or [], source=source, limits=services.config.ui_kb_limits)
        _open_kb(services, session, kb, source, progress, encoded=encoded, lang=lang)
    except (StudioError, ValueError) as exc:
        return _fail(session, lang, exc)
    return _kb_outputs(session, lang)


# ---------------------------------------------------------------------------------------------- chat


def chat_settings(mode, length_scale, max_new_tokens, do_sample, temperature, top_p, top_k, grounded_k,
                  refusal_threshold) -> engine_module.ChatSettings:
    return engine_module.ChatSettings(
        mode=mode, length_scale=float(length_scale) if length_scale else None, max_new_tokens=int(max_new_tokens),
        do_sample=bool(do_sample), temperature=float(temperature), top_p=float(top_p), top_k=int(top_k),
        grounded_k=int(grounded_k), refusal_threshold=float(refusal_threshold) if refusal_threshold else None)


def evidence_outputs(answer, encoded, lang: str = "en") -> tuple[pd.DataFrame, pd.DataFrame]:
    """The evidence table (top attended triples) and the bar-plot data (attention over the KB)."""
    rows = [[rank, e.index, e.triple.name, e.triple.property, e.triple.value, round(e.score, 4)]
            for rank, e in enumerate(answer.evidence, 1)]
    table = pd.DataFrame(rows, columns=columns(lang, EVIDENCE_HEADERS))
    weights = list(answer.attention or [])
    order = sorted(range(len(weights)), key=lambda i: -weights[i])[:MAX_BARS]
    bars = pd.DataFrame({
        "triple": [f"{i}: {encoded.triples[i].name[:20]} · {encoded.triples[i].property[:20]}" for i in order],
        "attention": [float(weights[i]) for i in order]})
    return table, bars


def _clear_chat(request: gr.Request = None):
    return [], "", *_empty_evidence(lang_of(request))


def _empty_evidence(lang: str = "en") -> tuple[pd.DataFrame, pd.DataFrame]:
    bars = pd.DataFrame({"triple": pd.Series([], dtype=str), "attention": pd.Series([], dtype=float)})
    return pd.DataFrame([], columns=columns(lang, EVIDENCE_HEADERS)), bars  # typed: an untyped empty x makes the axis linear


def _turns(history) -> list[dict[str, str]]:
    """The chat history as plain-text user/assistant messages (Gradio may hold content as text parts)."""
    turns = []
    for msg in history or []:
        if not isinstance(msg, dict):  # a gr.ChatMessage or similar
            msg = {"role": getattr(msg, "role", None), "content": getattr(msg, "content", None)}
        content = msg.get("content")
        if isinstance(content, list):
            content = "".join(p.get("text", "") for p in content if isinstance(p, dict))
        if msg.get("role") in ("user", "assistant") and isinstance(content, str):
            turns.append({"role": msg["role"], "content": content})
    return turns


def _prepare(services: AppServices, session: ChatSession, question: str, progress, lang: str, *knobs):
    """The chat settings from the UI's controls and the engine, with the question checked against the limits
    (raises the core errors; the callers turn them into ``gr.Error``)."""
    settings = chat_settings(*knobs)
    engine = engine_for(services, session, progress, lang)
    _check_question(services, engine, question)
    return settings, engine


def chat(services: AppServices, question: str, history, session, mode, length_scale, max_new_tokens, do_sample,
         temperature, top_p, top_k, grounded_k, refusal_threshold, request: gr.Request = None,
         progress=gr.Progress()):
    """Stream an answer; the last yield carries the answered/refused status and the evidence panel."""
    session, lang = session_of(session), lang_of(request)
    history = list(history or [])
    question = (question or "").strip()
    table, bars = _empty_evidence(lang)
    if not question:
        yield history, "", "", table, bars
        return
    try:
        settings, engine = _prepare(services, session, question, progress, lang, mode, length_scale,
                                    max_new_tokens, do_sample, temperature, top_p, top_k, grounded_k,
                                    refusal_threshold)
        if session.entry is not None and len(session.entry.kb):
            encoded = session.entry.encoded(engine, progress=progress_fn(progress, message(lang, "progress_encoding_kb")))
        else:
            encoded, settings = engine.encode([]), replace(settings, mode="kblam")  # empty KB: the stock model
    except (StudioError, ValueError) as exc:
        raise gr.Error(str(exc)) from None
    conversation = _turns(history) + [{"role": "user", "content": question}]  # follow-ups see earlier turns
    history += [{"role": "user", "content": question}, {"role": "assistant", "content": ""}]
    yield history, "", message(lang, "waiting"), table, bars
    ticket = _reserve(services)
    try:
        for status in _queued(ticket, lang):
            yield history, "", status, table, bars
        for reply in kb_reply(engine, conversation, encoded, settings):
            if isinstance(reply, str):
                history[-1]["content"] += reply
                yield history, "", message(lang, "generating"), table, bars
                continue
            item = reply.answer
            history[-1]["content"] = item.text
            times = {"first": item.timings.get("first_token_s", 0.0), "total": item.timings.get("total_s", 0.0)}
            if len(encoded) == 0:
                status = message(lang, "stock", **times)
            elif item.refused:
                status = message(lang, "refused", mode=item.mode, **times)
            else:
                status = message(lang, "answered", mode=item.mode, layer=item.layer, **times)
            if item.mode == engine_module.GROUNDED_TEXT and len(encoded):
                status += "\n\n" + message(lang, "grounded_text")
            table, bars = evidence_outputs(item, encoded, lang)
            yield history, "", status, table, bars
    finally:
        ticket.release()


def compare(services: AppServices, question: str, session, mode, length_scale, max_new_tokens, do_sample,
            temperature, top_p, top_k, grounded_k, refusal_threshold, request: gr.Request = None,
            progress=gr.Progress()):
    """The same question three ways: KB injected, all triples in the prompt, no KB (one after the other)."""
    session, lang = session_of(session), lang_of(request)
    question = (question or "").strip()
    outs = ["", "", ""]
    if not question:
        yield tuple(outs)
        return
    try:
        settings, engine = _prepare(services, session, question, progress, lang, mode, length_scale,
                                    max_new_tokens, do_sample, temperature, top_p, top_k, grounded_k,
                                    refusal_threshold)
        triples = list(session.entry.kb) if session.entry is not None else []
        encoded = session.entry.encoded(engine) if triples else engine.encode([])
    except (StudioError, ValueError) as exc:
        raise gr.Error(str(exc)) from None
    sampling = {"temperature": settings.temperature if settings.do_sample else None, "top_p": settings.top_p,
                "max_new_tokens": settings.max_new_tokens}
    ticket = _reserve(services)
    try:
        for status in _queued(ticket, lang):
            yield (status, status, status)
        if triples:
            for item in kb_reply(engine, question, encoded, settings):
                if isinstance(item, str):
                    outs[0] += item
                else:
                    outs[0] = item.text + (message(lang, "compare_refused") if item.answer.refused else "")
                yield tuple(outs)
            try:
                messages = in_context_messages(engine, question, triples, settings.max_new_tokens)
            except LimitError as exc:
                outs[1] = message(lang, "context_too_long", error=str(exc))
                messages = None
            for item in plain_reply(engine, messages, **sampling) if messages else ():
                outs[1] = item.text if isinstance(item, Reply) else outs[1] + item
                yield tuple(outs)
        else:
            outs[0] = outs[1] = message(lang, "no_kb")
        plain = [{"role": "user", "content": question}]
        for item in plain_reply(engine, plain, **sampling):
            outs[2] = item.text if isinstance(item, Reply) else outs[2] + item
            yield tuple(outs)
    finally:
        ticket.release()
    yield tuple(outs)


def load_model(services: AppServices, backbone: str, encoder: str, adapters_kind: str, adapters_path: str,
               adapters_repo: str, quantize: str, hf_token: str, session, request: gr.Request = None,
               progress=gr.Progress()):
    """Choose and load the model stack for this session (weights are shared with sessions choosing the same)."""
    from kblam import hub

    session, lang = session_of(session), lang_of(request)
    default = services.models.default_spec
    token = caller_token(services, hf_token, None, request)  # the server's own only for its admin
    try:
        adapters = {"default": "default", "none": "none"}.get(adapters_kind)
        if adapters_kind == "folder":
            adapters = (adapters_path or "").strip()
            if not adapters or not Path(adapters).is_dir():
                raise KBLaMError(message(lang, "adapters_folder_missing", folder=adapters))
        elif adapters_kind == "hub":
            progress(0, desc=message(lang, "progress_downloading_adapters"))
            adapters = str(hub.pull_adapters((adapters_repo or "").strip(), token=token))
        elif adapters is None:
            adapters = default.adapters
        spec = EngineSpec((backbone or default.backbone).strip(), (encoder or default.encoder).strip(), adapters,
                          quantize or default.quantize, default.device, default.precision)
        progress(0, desc=message(lang, "progress_loading_model", model=spec.backbone))
        start = time.perf_counter()
        engine = services.models.engine(spec, token=token)
    except (StudioError, ValueError, OSError) as exc:
        gr.Warning(str(exc))
        return session, message(lang, "error", error=str(exc))
    session.spec = None if spec == default else spec
    return session, model_status(engine, lang, time.perf_counter() - start)


def model_status(engine, lang: str, secs: float) -> str:
    extra = engine.adapters.config.extra or {}
    steps = extra.get("trained_steps")
    text = message(lang, "model_loaded", model=engine.backbone.model_id, encoder=engine.encoder.id,
                   adapters=f"{steps} training steps" if steps else "untrained", secs=secs)
    return text if steps else text + "\n\n" + message(lang, "adapters_untrained")


# ---------------------------------------------------------------------------------------------- layout


def build_chat_tab(services: dict) -> None:
    """The knowledge-chat tab; call inside an open ``gr.Tab``."""
    app: AppServices = services["app"]
    T = services["i18n"]
    session = services["session"]
    defaults = engine_module.ChatSettings()
    examples = list(bundled_examples())
    with gr.Row():
        with gr.Column(scale=5):
            gr.Markdown(T("kb.heading"), elem_classes=["section-title"])
            kb_file = gr.File(label=T("kb.upload"), file_types=KB_FILE_TYPES, elem_id="kb-upload")
            with gr.Row():
                first = "solar_system" if "solar_system" in examples else (examples[0] if examples else None)
                example = gr.Dropdown(examples, value=first, label=T("kb.example"),
                                      scale=3)
                example_btn = gr.Button(T("kb.load_example"), scale=1, elem_id="kb-load-example")
            kb_info = gr.Markdown(T("kb.empty"), elem_id="kb-status")
            kb_error = gr.Markdown("", elem_id="kb-error")
            search = gr.Textbox(label=T("kb.search"), elem_id="kb-search")
            table = gr.Dataframe(headers=TABLE_HEADERS, datatype="str", interactive=True, type="pandas",
                                 label=T("kb.table"), max_height=360, wrap=True, elem_id="kb-table")
            with gr.Row():
                apply_btn = gr.Button(T("kb.apply"), variant="primary")
                clear_btn = gr.Button(T("kb.clear"))
                download_btn = gr.DownloadButton(T("kb.download"))
        with gr.Column(scale=6):
            gr.Markdown(T("chat.heading"), elem_classes=["section-title"])
            chatbot = gr.Chatbot(label=T("chat.chatbot"), height=360, elem_id="chatbot")
            with gr.Row():
                question = gr.Textbox(label=T("chat.question"), placeholder=T("chat.placeholder"), scale=5,
                                      elem_id="question")
                send = gr.Button(T("chat.send"), variant="primary", scale=1, elem_id="ask")
            status = gr.Markdown("", elem_id="answer-status")
            evidence = gr.Dataframe(headers=EVIDENCE_HEADERS, label=T("chat.evidence"), interactive=False,
                                    elem_id="evidence")
            bars = gr.BarPlot(x="triple", y="attention", label=T("chat.attention"), height=320, sort="-y",
                              x_label_angle=-40, elem_id="attention-plot")
            clear_chat = gr.Button(T("chat.clear"), size="sm")
    with gr.Accordion(T("settings.heading"), open=False):
        with gr.Row():
            mode = gr.Radio(list(engine_module.MODES), value=defaults.mode, label=T("settings.mode"))
            length_scale = gr.Number(defaults.length_scale, label=T("settings.length_scale"))
            max_new = gr.Slider(8, app.config.max_new_tokens, value=defaults.max_new_tokens, step=8,
                                label=T("settings.max_new_tokens"))
        with gr.Row():
            do_sample = gr.Checkbox(defaults.do_sample, label=T("settings.do_sample"))
            temperature = gr.Slider(0.05, 2.0, value=defaults.temperature, label=T("settings.temperature"))
            top_p = gr.Slider(0.05, 1.0, value=defaults.top_p, label=T("settings.top_p"))
            top_k = gr.Slider(1, 20, value=defaults.top_k, step=1, label=T("settings.top_k"))
            grounded_k = gr.Slider(1, 10, value=defaults.grounded_k, step=1, label=T("settings.grounded_k"))
            refusal = gr.Number(0, label=T("settings.refusal_threshold"))
        gr.Markdown(T("settings.model"))
        spec = app.models.default_spec
        with gr.Row():
            backbone = gr.Textbox(spec.backbone, label=T("settings.backbone"), scale=3)
            encoder = gr.Textbox(spec.encoder, label=T("settings.encoder"))
            quantize = gr.Dropdown(["auto", "none", "4bit"], value=spec.quantize, label=T("settings.quantize"))
        with gr.Row():
            adapters_kind = gr.Radio(["default", "folder", "hub", "none"], value="default",
                                     label=T("settings.adapters"))
            adapters_path = gr.Textbox(label=T("settings.adapters_path"))
            adapters_repo = gr.Textbox(label=T("settings.adapters_repo"))
        load_btn = gr.Button(T("settings.load"))
        model_info = gr.Markdown("", elem_id="model-status")
    with gr.Accordion(T("chat.compare"), open=False):
        gr.Markdown(T("chat.compare_info"))
        with gr.Row():
            compare_q = gr.Textbox(label=T("chat.question"), scale=5, elem_id="compare-question")
            compare_btn = gr.Button(T("chat.compare_button"), scale=1)
        with gr.Row():
            col_kb = gr.Markdown(label=T("chat.col_kb"), show_label=True, container=True)
            col_ctx = gr.Markdown(label=T("chat.col_context"), show_label=True, container=True)
            col_plain = gr.Markdown(label=T("chat.col_plain"), show_label=True, container=True)

    kb_outs = [session, table, kb_info, kb_error]
    services["kb_outputs"] = kb_outs  # the Hub tab opens pulled KBs through them
    settings_in = [mode, length_scale, max_new, do_sample, temperature, top_p, top_k, grounded_k, refusal]

    kb_file.upload(bind_services(load_kb_file, app), [kb_file, session], kb_outs, api_name="upload_kb")
    example_btn.click(bind_services(load_example, app), [example, session], kb_outs, api_name="load_example")
    search.change(search_kb, [search, session], [session, table, kb_info], api_name="search_kb",
                  show_progress="hidden")
    headers_on_load(table, TABLE_HEADERS)
    headers_on_load(evidence, EVIDENCE_HEADERS)
    if services.get("lang_sync") is not None:  # a language switch in Settings: the KB table and line follow
        services["lang_sync"].click(search_kb, [search, session], [session, table, kb_info], api_name=False,
                                    show_progress="hidden")
    apply_btn.click(bind_services(apply_edits, app), [table, search, session], kb_outs, api_name="apply_edits")
    clear_btn.click(clear_kb, [session], kb_outs, api_name="clear_kb")
    download_btn.click(download_kb, [session], [download_btn], api_name="download_kb")
    chat_out = [chatbot, question, status, evidence, bars]
    chat_in = [question, chatbot, session, *settings_in]
    send.click(bind_services(chat, app), chat_in, chat_out, api_name="chat")
    question.submit(bind_services(chat, app), chat_in, chat_out, api_name=False)
    clear_chat.click(_clear_chat, None, [chatbot, status, evidence, bars], api_name=False)
    compare_btn.click(bind_services(compare, app), [compare_q, session, *settings_in], [col_kb, col_ctx, col_plain],
                      api_name="compare")
    load_btn.click(bind_services(load_model, app), [backbone, encoder, adapters_kind, adapters_path, adapters_repo,
                                             quantize, services["hf_token"], session], [session, model_info],
                   api_name="load_model")
    services["kb_handoff"].change(bind_services(receive_handoff, app), [services["kb_handoff"], session], kb_outs,
                                  api_name=False)
