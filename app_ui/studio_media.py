"""Two tabs of the dataset studio: the chunk editor (per-file preview, edit, split, merge of neighbours) and image
question answering (upload images or take them from PDF/DOCX files, generate through a vision endpoint, review,
export for LLaMA-Factory).

:class:`MediaHandlers` holds the handlers, plain methods over :mod:`datagen.chunk_edit`, :mod:`datagen.images`
and :mod:`datagen.image_qa` taking the session first; :func:`build_chunk_editor` and :func:`build_images_tab`
lay the tabs out inside :func:`app_ui.studio_tab.build_studio_tab`. Everything is scoped to the session's
project: an id from another project is refused.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import gradio as gr
import pandas as pd

from datagen import chunk_edit, image_qa, service
from datagen import images as media
from datagen.errors import IngestError
from datagen.generate import GenerationSettings
from datagen.ingest import read_file_bytes

from .common import export_folder
from .studio_actions import (
    LLM_QUEUE,
    StudioSession,
    as_int,
    clip,
    guard,
    parse_ids,
    progress_for,
    selected_id,
)

EDITOR_COLUMNS = ["id", "position", "chars", "heading", "text"]
IMAGE_COLUMNS = ["id", "name", "source", "page", "width", "height", "questions", "answers"]
QA_COLUMNS = ["id", "image", "question", "answer", "rating", "confirmed"]
IMAGE_UPLOAD_TYPES = [*media.IMAGE_EXTENSIONS, *media.DOCUMENT_EXTENSIONS]


def i18n(key: str):
    return gr.I18n()(key)


class MediaHandlers:
    """Handlers of the chunk editor and the images tab; ``st`` is the tab's :class:`~app_ui.studio_review.Studio`
    (for the session's store, project and model factory)."""

    def __init__(self, st) -> None:
        self.st = st

    def _ctx(self, session: StudioSession):
        return self.st.store_of(session), self.st.pid(session)

    # ------------------------------------------------------------------------------ chunk editor

    def file_choices(self, session: StudioSession):
        store, pid = self._ctx(session)
        return gr.update(choices=[(f"{f['id']} · {f['name']}", f["id"]) for f in service.list_files(store, pid)])

    def _file_id(self, session: StudioSession, file_id) -> int:
        store, pid = self._ctx(session)
        fid = as_int(file_id, -1)
        if service.get_file(store, fid)["project_id"] != pid:
            raise ValueError(session.say("not_in_project", what="file", id=file_id))
        return fid

    def _own_chunk(self, session: StudioSession, chunk_id) -> dict:
        store, pid = self._ctx(session)
        chunk = service.get_chunk(store, as_int(chunk_id, -1))
        if chunk["project_id"] != pid:
            raise ValueError(session.say("not_in_project", what="chunk", id=chunk_id))
        return chunk

    def file_table(self, session: StudioSession, file_id) -> tuple[pd.DataFrame, str]:
        store, pid = self._ctx(session)
        if file_id in (None, ""):
            return pd.DataFrame([], columns=session.columns(EDITOR_COLUMNS)), ""
        rows = chunk_edit.file_chunks(store, pid, self._file_id(session, file_id))
        data = [[r["id"], round(r["position"], 3), r["chars"], r["heading"], clip(r["text"], 200)] for r in rows]
        info = session.say("media_file_chunks", chunks=len(rows), chars=sum(r["chars"] for r in rows))
        return pd.DataFrame(data, columns=session.columns(EDITOR_COLUMNS)), info

    @guard
    def show_file(self, session: StudioSession, file_id):
        return self.file_table(session, file_id)

    @guard
    def open_chunk(self, session: StudioSession, chunk_id):
        return self._own_chunk(session, chunk_id)["text"]

    @guard
    def save_chunk(self, session: StudioSession, file_id, chunk_id, text: str):
        self._own_chunk(session, chunk_id)
        service.edit_chunk(self.st.store_of(session), as_int(chunk_id, -1), text or "")
        return (*self.file_table(session, file_id), session.say("chunk_saved", id=as_int(chunk_id, -1)))

    @guard
    def split_chunk(self, session: StudioSession, file_id, chunk_id, marker: str, position):
        self._own_chunk(session, chunk_id)
        marker = (marker or "").replace("\\n", "\n")
        at = as_int(position, 0) if not marker else None
        first, second = chunk_edit.split_chunk(self.st.store_of(session), as_int(chunk_id, -1), at=at,
                                               marker=marker or None)
        return (*self.file_table(session, file_id), session.say("media_chunk_split", id=first, new=second))

    @guard
    def merge_neighbours(self, session: StudioSession, file_id, ids_text: str):
        ids = parse_ids(ids_text)
        for chunk_id in ids:
            self._own_chunk(session, chunk_id)
        new_id = chunk_edit.merge_neighbours(self.st.store_of(session), ids)
        return (*self.file_table(session, file_id),
                session.say("chunks_merged", ids=", ".join(map(str, ids)), id=new_id))

    # ------------------------------------------------------------------------------------ images

    def images_view(self, session: StudioSession):
        store, pid = self._ctx(session)
        rows = media.list_images(store, pid)
        table = pd.DataFrame([[r[c] for c in IMAGE_COLUMNS] for r in rows], columns=session.columns(IMAGE_COLUMNS))
        gallery = [(str(store.root / r["stored_path"]), f"{r['id']} · {r['name']}") for r in rows]
        return table, gallery

    def qa_table(self, session: StudioSession) -> pd.DataFrame:
        store, pid = self._ctx(session)
        data = [[p["id"], p["image"], clip(p["question"], 120), clip(p["answer"], 160), p["rating"], p["confirmed"]]
                for p in image_qa.list_image_qa(store, pid)]
        return pd.DataFrame(data, columns=session.columns(QA_COLUMNS))

    @guard
    def add_images(self, session: StudioSession, paths: list | None):
        paths = [p if isinstance(p, str) else getattr(p, "name", str(p)) for p in (paths or [])]
        if not paths:
            raise ValueError(session.say("no_files"))
        store, pid = self._ctx(session)
        lines = []
        for path in map(Path, paths):
            try:
                data = read_file_bytes(path)
                if path.suffix.lower() in media.DOCUMENT_EXTENSIONS:
                    got = media.add_document_images(store, pid, data, path.name)
                    lines.append(session.say("media_doc_images", name=path.name, found=len(got.added),
                                             new=sum(a["created"] for a in got.added), skipped=len(got.skipped)))
                else:
                    added = media.add_image(store, pid, data, path.name)
                    lines.append(session.say("media_image_added" if added["created"] else "media_image_known",
                                             name=path.name, id=added["id"]))
            except IngestError as exc:
                lines.append(session.say("file_failed", error=str(exc)))
        return (*self.images_view(session), "\n".join(f"- {line}" for line in lines))

    @guard
    def extract(self, session: StudioSession):
        store, pid = self._ctx(session)
        got = media.extract_project_images(store, pid)
        text = session.say("media_extracted", new=sum(a["created"] for a in got.added), skipped=len(got.skipped))
        return (*self.images_view(session), text)

    @guard
    def generate(self, session: StudioSession, lang: str, per_image, progress=gr.Progress()):
        store, pid = self._ctx(session)
        llm = self.st.llm_factory(session.llm_settings())
        image_qa.require_vision(llm)  # before anything starts: the built-in model cannot see
        session.cancel.clear()
        reports = image_qa.generate_image_qa(store, pid, llm, GenerationSettings(lang=lang or "en"),
                                             per_image=as_int(per_image, image_qa.DEFAULT_QUESTIONS_PER_IMAGE),
                                             progress=progress_for(progress, "images"), cancel=session.cancel)
        return (self.st.report_text(session, reports), self.qa_table(session), *self.images_view(session))

    def _own_pair(self, session: StudioSession, qa_id) -> dict:
        store, pid = self._ctx(session)
        pair = next((p for p in image_qa.list_image_qa(store, pid) if p["id"] == as_int(qa_id, -1)), None)
        if pair is None:
            raise ValueError(session.say("not_in_project", what="image QA", id=qa_id))
        return pair

    @guard
    def open_pair(self, session: StudioSession, qa_id):
        pair = self._own_pair(session, qa_id)
        path = str(self.st.store_of(session).root / pair["stored_path"])
        return path, pair["question"], pair["answer"] or "", bool(pair["confirmed"])

    @guard
    def save_pair(self, session: StudioSession, qa_id, question: str, answer: str, confirmed: bool):
        self._own_pair(session, qa_id)
        image_qa.edit_image_qa(self.st.store_of(session), as_int(qa_id, -1), question=question, answer=answer,
                               confirmed=bool(confirmed))
        return self.qa_table(session), session.say("media_pair_saved", id=as_int(qa_id, -1))

    @guard
    def delete_pair(self, session: StudioSession, qa_id):
        self._own_pair(session, qa_id)
        image_qa.delete_image_qa(self.st.store_of(session), as_int(qa_id, -1))
        return self.qa_table(session), session.say("media_pair_deleted", id=as_int(qa_id, -1))

    @guard
    def export(self, session: StudioSession, name: str, only_confirmed: bool):
        stem = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in (name or "").strip()) or "image_qa"
        folder = export_folder("studio-images-")
        store, pid = self._ctx(session)
        result = image_qa.export_image_qa(store, pid, folder / stem, name=stem, only_confirmed=bool(only_confirmed))
        archive = shutil.make_archive(str(folder / stem), "zip", root_dir=folder / stem)
        text = session.say("media_exported", records=result["records"], images=result["images"])
        return [archive, result["path"]], text


# ------------------------------------------------------------------------------------------ layout

def build_chunk_editor(st, ui: dict) -> MediaHandlers:
    """The "Chunk editor" tab: pick a file, see its chunks in order, edit, split and merge them."""
    h = MediaHandlers(st)
    s = ui["session"]
    with gr.Tab(i18n("studio_tab_chunk_editor")):
        with gr.Row():
            file_id = gr.Dropdown(choices=[], label=i18n("studio_editor_file"), interactive=True, scale=3,
                                  elem_id="studio-editor-file")
            refresh = gr.Button(i18n("studio_refresh"), scale=1, elem_id="studio-editor-refresh")
        info = gr.Markdown(elem_id="studio-editor-info")
        table = gr.Dataframe(headers=EDITOR_COLUMNS, interactive=False, wrap=True, label=i18n("studio_chunks"),
                             elem_id="studio-editor-table")
        with gr.Row():
            chunk_id = gr.Number(label=i18n("studio_chunk_id"), precision=0, elem_id="studio-editor-chunk-id")
            save = gr.Button(i18n("studio_save"), variant="primary")
        text = gr.Textbox(lines=8, label=i18n("studio_chunk_text"), elem_id="studio-editor-text")
        with gr.Row():
            marker = gr.Textbox(label=i18n("studio_split_marker"), placeholder="## ", elem_id="studio-editor-marker")
            position = gr.Number(label=i18n("studio_split_position"), precision=0)
            split = gr.Button(i18n("studio_split_chunk"), elem_id="studio-editor-split")
        with gr.Row():
            merge_ids = gr.Textbox(label=i18n("studio_merge_neighbours_ids"), placeholder="3, 4")
            merge = gr.Button(i18n("studio_merge"))
        msg = gr.Markdown(elem_id="studio-editor-msg")
    view = [table, info]
    refresh.click(h.file_choices, [s], [file_id], api_name="studio_editor_files")
    file_id.change(h.show_file, [s, file_id], view, api_name="studio_editor_show")
    table.select(selected_id, None, [chunk_id], api_name=False).then(h.open_chunk, [s, chunk_id], [text],
                                                                     api_name=False)
    chunk_id.submit(h.open_chunk, [s, chunk_id], [text], api_name="studio_editor_open")
    save.click(h.save_chunk, [s, file_id, chunk_id, text], [*view, msg], api_name="studio_editor_save")
    split.click(h.split_chunk, [s, file_id, chunk_id, marker, position], [*view, msg],
                api_name="studio_editor_split")
    merge.click(h.merge_neighbours, [s, file_id, merge_ids], [*view, msg], api_name="studio_editor_merge")
    ui["editor_files"] = file_id
    return h


def build_images_tab(st, ui: dict) -> MediaHandlers:
    """The "Images" tab: add images (or PDF/DOCX files to take them from), generate image QA, review, export."""
    h = MediaHandlers(st)
    s = ui["session"]
    with gr.Tab(i18n("studio_tab_images")):
        gr.Markdown(i18n("studio_images_note"))
        upload = gr.File(label=i18n("studio_images_upload"), file_count="multiple", file_types=IMAGE_UPLOAD_TYPES,
                         type="filepath")
        with gr.Row():
            add = gr.Button(i18n("studio_images_add"), variant="primary")
            extract = gr.Button(i18n("studio_images_extract"))
        msg = gr.Markdown()
        gallery = gr.Gallery(label=i18n("studio_images"), columns=6, height=240)
        images = gr.Dataframe(headers=IMAGE_COLUMNS, interactive=False, label=i18n("studio_images"))
        with gr.Row():
            per_image = gr.Number(image_qa.DEFAULT_QUESTIONS_PER_IMAGE, label=i18n("studio_images_per_image"),
                                  precision=0, minimum=1, maximum=20)
            generate = gr.Button(i18n("studio_images_generate"), variant="primary")
        report = gr.Markdown()
        pairs = gr.Dataframe(headers=QA_COLUMNS, interactive=False, wrap=True, label=i18n("studio_images_pairs"))
        with gr.Row():
            qa_id = gr.Number(label=i18n("studio_images_pair_id"), precision=0)
            preview = gr.Image(label=i18n("studio_images_preview"), type="filepath", height=200, interactive=False)
        question = gr.Textbox(label=i18n("studio_question"), lines=2)
        answer = gr.Textbox(label=i18n("studio_answer"), lines=4)
        with gr.Row():
            confirmed = gr.Checkbox(False, label=i18n("studio_confirmed"))
            save = gr.Button(i18n("studio_save"), variant="primary")
            delete = gr.Button(i18n("studio_delete"), variant="stop")
        with gr.Row():
            name = gr.Textbox("image_qa", label=i18n("studio_images_export_name"))
            only_confirmed = gr.Checkbox(False, label=i18n("studio_only_confirmed"))
            export = gr.Button(i18n("studio_images_export"))
        files = gr.File(label=i18n("studio_images_download"), file_count="multiple")
        export_msg = gr.Markdown()
    view = [images, gallery]
    add.click(h.add_images, [s, upload], [*view, msg], api_name="studio_images_add")
    extract.click(h.extract, [s], [*view, msg], api_name="studio_images_extract")
    generate.click(h.generate, [s, ui["lang"], per_image], [report, pairs, *view], api_name="studio_images_generate",
                   **LLM_QUEUE)
    pairs.select(selected_id, None, [qa_id], api_name=False).then(
        h.open_pair, [s, qa_id], [preview, question, answer, confirmed], api_name=False)
    qa_id.submit(h.open_pair, [s, qa_id], [preview, question, answer, confirmed], api_name="studio_images_open")
    save.click(h.save_pair, [s, qa_id, question, answer, confirmed], [pairs, msg], api_name="studio_images_save")
    delete.click(h.delete_pair, [s, qa_id], [pairs, msg], api_name="studio_images_delete")
    export.click(h.export, [s, name, only_confirmed], [files, export_msg], api_name="studio_images_export")
    ui["images_view"], ui["image_pairs"] = view, pairs
    return h
