"""The dataset-studio tab of the Gradio app: documents → chunks → tags → questions/answers → review → export.

The tab holds no logic of its own: every button calls :mod:`datagen.service` (or, for plain listing and
editing, its thin wrappers; the workspace handle it returns is only passed back to it). Per-user state — the
selected project, the endpoint settings including the API key, and the cancel flag of the running job — lives
in one :class:`StudioSession` per browser session inside a ``gr.State``; one session never sees another's
selection or key. The key is kept in memory only: never written to disk, logged or shown back.

Wiring (for ``app.py``)::

    from app_ui.studio_tab import build_studio_tab
    from app_ui.strings import build_i18n                # every tab's strings, for gr.I18n

    with gr.Blocks() as app:
        kb_handoff = gr.State(None)                     # owned by the app
        with gr.Tab("Dataset studio"):
            build_studio_tab({"kb_handoff": kb_handoff})
        with gr.Tab("Knowledge chat"):
            ...
            kb_handoff.change(load_kb_from_triples, [kb_handoff, ...], [...])
    app.launch(i18n=build_i18n())

``services`` keys (all optional):

- ``kb_handoff``: a ``gr.State`` the app owns. "Send to knowledge chat" writes the project's triples into it
  as a new ``list[dict]`` of ``{"name", "property", "value"}`` (strings; at most :data:`HANDOFF_LIMIT` rows),
  so the chat tab's ``kb_handoff.change`` listener can build a KB from it. Sending the same triples twice does
  not fire ``.change`` again (Gradio compares state by content). Without it the tab keeps a private state.
- ``workspace``: the workspace folder (default: env ``DATAGEN_WORKSPACE`` or ``./workspaces/default``).
- ``llm_factory``: ``LLMSettings -> ChatClient`` (default :func:`datagen.service.make_llm`; tests pass a
  fake).
- ``embed``: the question-dedup embedding function (default: the service's MiniLM encoder).

Static text goes through ``gr.I18n`` keys (:mod:`app_ui.strings`); messages built at run time use the
session's UI language, taken from the browser's ``Accept-Language`` when the page loads.
"""

from __future__ import annotations

import logging
import os

import gradio as gr

from datagen import format_registry, formats, service
from datagen.pipeline import STAGES

from . import studio_mix
from .common import headers_on_load
from .strings import build_i18n
from .studio_actions import (  # noqa: F401 - StudioSession is part of this module's API
    CHUNK_COLUMNS,
    DEFAULT_UI_STAGES,
    FAILURE_COLUMNS,
    FAILURE_WIDTHS,
    FILE_TYPES,
    FILES_COLUMNS,
    ITEM_COLUMNS,
    ITEM_WIDTHS,
    LLM_QUEUE,
    PAGE_SIZES,
    SPLIT_METHODS,
    TOP_LEVEL,
    TRIPLE_COLUMNS,
    StudioSession,
    guard,
    selected_id,
)
from .studio_dialogs import build_dialogs_tab
from .studio_evalsets import build_eval_tab, build_reasoning_box
from .studio_media import build_chunk_editor, build_images_tab
from .studio_providers import build_provider_controls
from .studio_review import Studio


def i18n(key: str):
    """A translation key for static UI text (resolved in the browser by the app's ``gr.I18n``)."""
    return gr.I18n()(key)


def studio_i18n() -> gr.I18n:
    """The app's ``gr.I18n`` (what :func:`demo` launches with)."""
    return build_i18n()



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
    table.select(selected_id, None, [file_id], api_name=False)  # a click on a row picks the file
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
    show.click(guard(st.chunks_page), [s, page, page_size], view, api_name="studio_chunks_page")
    table.select(selected_id, None, [chunk_id], api_name=False).then(  # a click on a row opens the chunk
        st.load_chunk, [s, chunk_id], [text], api_name=False)
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
            reasoning = ui["reasoning"] = gr.Checkbox(True, label=i18n("studio_reasoning"), elem_id="studio-reasoning")
            turns = gr.Number(1, label=i18n("studio_turns"), precision=0, minimum=1)
            retries = gr.Number(2, label=i18n("studio_parse_retries"), precision=0, minimum=0,
                                elem_id="studio-parse-retries")
        with gr.Row():
            run = gr.Button(i18n("studio_generate"), variant="primary", elem_id="studio-generate")
            stop = gr.Button(i18n("studio_stop"), variant="stop", elem_id="studio-stop")
        result = gr.Markdown(elem_id="studio-run-result")
        stop_msg = gr.Markdown(elem_id="studio-stop-msg")  # "Stopping…" until the run returns
        failures = gr.Dataframe(headers=FAILURE_COLUMNS, interactive=False, wrap=True,
                                label=i18n("studio_failures"), column_widths=FAILURE_WIDTHS)
        build_reasoning_box(st, ui)
    headers_on_load(failures, FAILURE_COLUMNS)
    inputs = [s, stages, ui["lang"], chars, min_q, max_q, dedup, reasoning, turns, retries, ui["tag_mode"],
              *ui["split_inputs"]]
    run.click(st.generate, inputs, [result, failures, stop_msg], api_name="studio_generate", **LLM_QUEUE).then(
        st.overview, [s], [ui["overview"]], api_name=False)
    stop.click(st.stop, [s], [stop_msg], api_name="studio_stop", queue=False)


def _review_tab(st: Studio, ui: dict) -> None:
    s = ui["session"]
    with gr.Tab(i18n("studio_tab_review")):
        with gr.Row():
            tag = ui["review_tag"].render()
            status = gr.Dropdown(list(service.ITEM_STATUSES), value="all", label=i18n("studio_status"))
            min_score = gr.Slider(0, 5, value=0, step=0.5, label=i18n("studio_min_score"))
        with gr.Row():
            page = gr.Number(1, label=i18n("studio_page"), precision=0, minimum=1)
            size = gr.Dropdown(list(PAGE_SIZES), value=20, label=i18n("studio_page_size"))
            prev, show, nxt = (gr.Button(i18n(k)) for k in ("studio_prev", "studio_show_page", "studio_next"))
        info = gr.Markdown(elem_id="studio-review-info")
        table = gr.Dataframe(headers=ITEM_COLUMNS, interactive=False, wrap=True, label=i18n("studio_items"),
                             elem_id="studio-items", column_widths=ITEM_WIDTHS)
        selected = gr.CheckboxGroup([], label=i18n("studio_selected_rows"), elem_id="studio-selected")
        with gr.Row():
            select_page = gr.Button(i18n("studio_select_page"), elem_id="studio-select-page", size="sm")
            clear = gr.Button(i18n("studio_clear_selection"), size="sm")
            confirm_sel = gr.Button(i18n("studio_confirm_selected"), variant="primary", size="sm",
                                    elem_id="studio-confirm-selected")
            regenerate = gr.Button(i18n("studio_regenerate_selected"), size="sm", elem_id="studio-regenerate-selected")
            delete_sel = gr.Button(i18n("studio_delete_selected"), variant="stop", size="sm",
                                   elem_id="studio-delete-selected")
        bulk_msg = gr.Markdown(elem_id="studio-bulk-msg")
        with gr.Row():
            item_id = gr.Number(label=i18n("studio_item_id"), precision=0, interactive=False,
                                elem_id="studio-item-id")
            load = gr.Button(i18n("studio_load"), visible=False)  # the API's way in; people click a row
            confirm_page = gr.Button(i18n("studio_confirm_page"))
        question = gr.Textbox(lines=2, label=i18n("studio_question"), elem_id="studio-question")
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
    table.select(selected_id, None, [item_id], api_name=False).then(
        st.load_item, [s, item_id], [item_id, question, answer, reasoning, context, rating, confirmed],
        api_name=False)
    editor = [item_id, question, answer, reasoning, context, rating, confirmed]
    load.click(st.load_item, [s, item_id], editor, api_name="studio_load_item")
    save.click(st.save_item, [s, item_id, question, answer, reasoning, rating, confirmed], [msg],
               api_name="studio_save_item").then(st.review_page, filters, view, api_name=False)
    delete.click(st.delete_item, [s, item_id], [msg], api_name="studio_delete_item").then(
        st.review_page, filters, view, api_name=False).then(
        st.overview, [s], [ui["overview"]], api_name=False)
    confirm_page.click(st.confirm_page, filters, [*view, msg], api_name="studio_confirm_page").then(
        st.overview, [s], [ui["overview"]], api_name=False)
    table.change(st.selection_choices, [table, selected], [selected], api_name=False, queue=False)
    select_page.click(st.select_all, [table], [selected], api_name="studio_select_page", queue=False)
    clear.click(lambda: [], None, [selected], api_name=False, queue=False)
    confirm_sel.click(st.confirm_selected, [*filters, selected, item_id], [*view, bulk_msg, confirmed],
                      api_name="studio_confirm_selected").then(st.overview, [s], [ui["overview"]], api_name=False)
    delete_sel.click(st.delete_selected, [*filters, selected], [*view, bulk_msg],
                     api_name="studio_delete_selected").then(st.overview, [s], [ui["overview"]], api_name=False)
    regenerate.click(st.regenerate_selected, [*filters, selected, ui["lang"], ui["reasoning"]], [*view, bulk_msg],
                     api_name="studio_regenerate_selected", **LLM_QUEUE)
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
            fmt = gr.Dropdown(list(format_registry.names()), value="alpaca", label=i18n("studio_format"))
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
        extras = studio_mix.export_extras(ui)  # pair filter, caps per tag/pair, stratified split, pretrain file
        info = gr.Code(language="json", label="dataset_info.json", interactive=False)
    mix = ui.setdefault("mix", studio_mix.MixHandlers(st))
    run.click(mix.export, [s, fmt, file_type, name, system, reasoning, confirmed, min_score, test_ratio, seed,
                           llamafactory, *extras], [files, msg, info], api_name="studio_export")


def _endpoint_tab(st: Studio, ui: dict) -> None:
    s = ui["session"]
    with gr.Tab(i18n("studio_tab_endpoint")):
        gr.Markdown(i18n("studio_default_model_note"))
        with gr.Row():
            base_url = gr.Textbox(label=i18n("studio_base_url"), placeholder="http://127.0.0.1:8000/v1")
            model = gr.Textbox(label=i18n("studio_model"))
            key = gr.Textbox(label=i18n("studio_api_key"), type="password", placeholder="sk-…")
        build_provider_controls(st, ui, base_url, model, key)
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
    ui["export_pair"] = studio_mix.export_pair_dropdown()  # rendered in the export tab, refreshed with the pairs
    with gr.Tabs():
        _files_tab(st, ui)
        _chunks_tab(st, ui)
        editor = build_chunk_editor(st, ui)
        _tags_tab(st, ui)
        studio_mix.pairs_tab(st, ui)
        _generate_tab(st, ui)
        _review_tab(st, ui)
        build_dialogs_tab(st, ui)
        _quality_tab(st, ui)
        _export_tab(st, ui)
        studio_mix.import_tab(st, ui)
        _kb_tab(st, ui, handoff)
        images = build_images_tab(st, ui)
        build_eval_tab(st, ui)
        _endpoint_tab(st, ui)
    _wire_refresh(st, ui, services.get("lang_sync"))
    ui["project"].change(lambda session: (editor.file_choices(session), *images.images_view(session),
                                          images.qa_table(session)), [ui["session"]],
                         [ui["editor_files"], *ui["images_view"], ui["image_pairs"]], api_name=False)


def _wire_refresh(st: Studio, ui: dict, lang_sync: gr.Button | None = None) -> None:
    """Page load and project changes refresh every view of the tab (for this session only); a language switch
    in Settings (``lang_sync`` clicked by the page) re-renders its status lines."""
    s = ui["session"]

    def refresh(session: StudioSession):
        return (st.files_table(session), *st.chunks_page(session, 1, 20), *st.tag_views(session),
                *st.items_page(session, "", 0, "all", 1, 20), *st.triples_view(session),
                st.endpoint_status(session), *ui["mix"].show_pairs(session))

    outputs = [ui["files_table"], *ui["chunks_view"], *ui["tag_views"], *ui["review_view"],
               *ui["triples_view"], ui["endpoint_status"], *ui["pairs_view"]]
    ui["project"].change(st.select_project, [s, ui["project"]], [ui["overview"]],
                         api_name="studio_select_project").then(guard(refresh), [s], outputs, api_name=False)
    remembered = gr.BrowserState(None, storage_key="kblam-studio-project")  # per browser, survives a reload
    ui["project"].change(lambda name: name or None, [ui["project"]], [remembered], api_name=False, queue=False)
    root = gr.context.Context.root_block
    if root is not None:  # keeps the language, restores this browser's project
        root.load(st.on_load, [s, remembered], [s, ui["project"], ui["overview"]], api_name=False)
    if lang_sync is not None:  # the tables' headers and page lines follow too, on the pages they show
        lang_sync.click(st.on_lang, [s], [s, ui["overview"], ui["endpoint_status"]], api_name=False).then(
            guard(st.files_table), [s], [ui["files_table"]], api_name=False).then(
            guard(st.chunks_page), ui["chunks_page_inputs"], ui["chunks_view"], api_name=False).then(
            st.review_page, ui["review_filters"], ui["review_view"], api_name=False).then(
            guard(st.triples_view), [s], ui["triples_view"], api_name=False)


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
