"""The studio's genre–audience pairs, mapped import and balanced-export controls (hooked into
:mod:`app_ui.studio_tab`): handlers in :class:`MixHandlers` over :mod:`datagen.ga_pairs`, :mod:`datagen.mapping`
and :mod:`datagen.service`, and the layout functions that build their tabs and the export accordion."""

from __future__ import annotations

from pathlib import Path

import gradio as gr
import pandas as pd

from datagen import formats, ga_pairs, hub, mapping, service
from datagen.balance import STRATA, Selection
from datagen.generate import GenerationSettings

from .studio_actions import LLM_QUEUE, StudioSession, as_int, guard, progress_for, selected_id

PAIR_COLUMNS = ["id", "file", "genre", "audience", "active", "source", "questions"]
NONE = ""  # dropdown value: no column / no pair


def i18n(key: str):
    return gr.I18n()(key)


def _optional_id(value) -> int | None:
    number = as_int(value, 0)
    return number if number > 0 else None


class MixHandlers:
    """Handlers of the pairs tab, the import tab and the export extras; ``st`` is the tab's
    :class:`~app_ui.studio_review.Studio` (workspace, project, model factory)."""

    def __init__(self, st) -> None:
        self.st = st

    # ----------------------------------------------------------------------------------- pairs

    def pairs_table(self, session: StudioSession) -> pd.DataFrame:
        rows = ga_pairs.list_pairs(self.st.store_of(session), self.st.pid(session))
        data = [[p["id"], p["file"] or "", p["genre"], p["audience"], bool(p["active"]), p["source"],
                 p["questions"]] for p in rows]
        return pd.DataFrame(data, columns=session.columns(PAIR_COLUMNS))

    def pair_choices(self, session: StudioSession):
        rows = ga_pairs.list_pairs(self.st.store_of(session), self.st.pid(session))
        names = list(dict.fromkeys(f"{p['genre']} / {p['audience']}" for p in rows))
        return gr.update(choices=[NONE, *names], value=NONE)

    def _own_pair(self, session: StudioSession, pair_id) -> int:
        pair = ga_pairs.get_pair(self.st.store_of(session), as_int(pair_id, -1))
        if pair["project_id"] != self.st.pid(session):
            raise ValueError(session.say("not_in_project", what="pair", id=pair_id))
        return pair["id"]

    def _views(self, session: StudioSession, text: str):
        return self.pairs_table(session), self.pair_choices(session), text

    @guard
    def show_pairs(self, session: StudioSession):
        return self.pairs_table(session), self.pair_choices(session)

    @guard
    def add_pair(self, session: StudioSession, genre: str, genre_desc: str, audience: str, audience_desc: str,
                 file_id):
        new = ga_pairs.add_pair(self.st.store_of(session), self.st.pid(session), genre, audience,
                                genre_desc=genre_desc or "", audience_desc=audience_desc or "",
                                file_id=_optional_id(file_id))
        return self._views(session, session.say("ga_saved", id=new))

    @guard
    def load_pair(self, session: StudioSession, pair_id):
        pair = ga_pairs.get_pair(self.st.store_of(session), self._own_pair(session, pair_id))
        return pair["genre"], pair["genre_desc"], pair["audience"], pair["audience_desc"], pair["file_id"]

    @guard
    def save_pair(self, session: StudioSession, pair_id, genre: str, genre_desc: str, audience: str,
                  audience_desc: str):
        pid = self._own_pair(session, pair_id)
        ga_pairs.update_pair(self.st.store_of(session), pid, genre=genre, genre_desc=genre_desc or "",
                             audience=audience, audience_desc=audience_desc or "")
        return self._views(session, session.say("ga_saved", id=pid))

    @guard
    def toggle_pair(self, session: StudioSession, pair_id):
        pid = self._own_pair(session, pair_id)
        store = self.st.store_of(session)
        ga_pairs.update_pair(store, pid, active=not ga_pairs.get_pair(store, pid)["active"])
        return self._views(session, session.say("ga_saved", id=pid))

    @guard
    def delete_pair(self, session: StudioSession, pair_id):
        n = ga_pairs.delete_pair(self.st.store_of(session), self._own_pair(session, pair_id))
        return self._views(session, session.say("ga_deleted", n=n))

    @guard
    def generate_pairs(self, session: StudioSession, count, file_id, lang: str, progress=gr.Progress()):
        session.cancel.clear()
        llm = self.st.llm_factory(session.llm_settings())
        report = ga_pairs.generate_pairs(self.st.store_of(session), self.st.pid(session), llm,
                                         GenerationSettings(lang=lang), file_id=_optional_id(file_id),
                                         count=as_int(count, 5), again=True,
                                         progress=progress_for(progress, "ga_pairs"), cancel=session.cancel)
        return self._views(session, self.st.report_text(session, [report]))

    @guard
    def questions_per_pair(self, session: StudioSession, lang: str, min_q, max_q, dedup,
                           progress=gr.Progress()):
        session.cancel.clear()
        llm = self.st.llm_factory(session.llm_settings())
        settings = GenerationSettings(lang=lang, min_questions=as_int(min_q, 1), max_questions=as_int(max_q, 5),
                                      dedup_threshold=float(dedup))
        report = ga_pairs.generate_questions_per_pair(
            self.st.store_of(session), self.st.pid(session), llm, settings, embed=self.st.embed,
            progress=progress_for(progress, "questions_ga"), cancel=session.cancel)
        return self._views(session, self.st.report_text(session, [report]))

    # ---------------------------------------------------------------------------------- import

    @staticmethod
    def _records(path: str | None, hub_id: str | None) -> tuple[list[dict], str]:
        if path:
            return formats.read_records(path), Path(path).name
        if hub_id and hub_id.strip():  # public datasets only: False keeps huggingface_hub from sending the
            splits = hub.pull_dataset(hub_id.strip(), token=False)  # server's own HF_TOKEN or saved login
            return [r for rows in splits.values() for r in rows], hub_id.strip()
        raise ValueError("upload a JSON, JSONL, CSV or Parquet file, or give a Hub dataset id")

    @guard
    def preview_import(self, session: StudioSession, path: str | None, hub_id: str | None):
        records, source = self._records(path, hub_id)
        shown = mapping.preview(records)
        table = pd.DataFrame(shown["rows"], columns=shown["columns"])
        choices = [NONE, *shown["columns"]]
        dropdowns = [gr.update(choices=choices, value=shown["guess"].get(field, NONE)) for field in mapping.FIELDS]
        return (table, session.say("import_preview", total=shown["total"], source=source,
                                   columns=", ".join(shown["columns"])), *dropdowns)

    @guard
    def import_mapped(self, session: StudioSession, path: str | None, hub_id: str | None, *columns: str):
        chosen = {field: column for field, column in zip(mapping.FIELDS, columns, strict=True) if column}
        store, pid = self.st.store_of(session), self.st.pid(session)
        if path:
            result = service.import_file(store, pid, path, mapping=chosen)
        else:
            parts = service.pull(store, pid, (hub_id or "").strip(), token=False, mapping=chosen)
            result = {"imported": sum(p["imported"] for p in parts.values()),
                      "already_present": sum(p["already_present"] for p in parts.values())}
        return session.say("import_done", imported=result["imported"], present=result["already_present"])

    # ---------------------------------------------------------------------------------- export

    def export(self, session: StudioSession, fmt, file_type, name, system_prompt, include_reasoning,
               only_confirmed, min_score, test_ratio, seed, llamafactory, pair: str, cap_tag, cap_pair,
               stratify: str, file_id):
        """The studio's export with the pair filter, the caps, the stratified split and (pretrain) a file."""
        genre, _, audience = (pair or "").partition(" / ")
        try:
            selection = Selection(genre=genre or None, audience=audience or None,
                                  cap_per_tag=_optional_id(cap_tag), cap_per_pair=_optional_id(cap_pair),
                                  stratify=stratify or None)
        except ValueError as exc:
            raise gr.Error(str(exc)) from None
        return self.st.export(session, fmt, file_type, name, system_prompt, include_reasoning, only_confirmed,
                              min_score, test_ratio, seed, llamafactory,
                              selection=selection if selection.active else None, file_id=_optional_id(file_id))


# ------------------------------------------------------------------------------------------- layout

def pairs_tab(st, ui: dict) -> MixHandlers:
    """The "Genre–audience" tab: the pairs table, by-hand editing, generation, and questions per pair."""
    mix = ui.setdefault("mix", MixHandlers(st))
    s = ui["session"]
    with gr.Tab(i18n("studio_tab_pairs")):
        gr.Markdown(i18n("studio_ga_help"))
        with gr.Row():
            count = gr.Number(5, label=i18n("studio_ga_count"), precision=0, minimum=1, maximum=20)
            gen_file = gr.Number(None, label=i18n("studio_ga_file_id"), precision=0)
            generate = gr.Button(i18n("studio_ga_generate"), variant="primary")
        table = gr.Dataframe(headers=PAIR_COLUMNS, interactive=False, label=i18n("studio_ga_pairs"),
                             elem_id="studio-ga-pairs")
        with gr.Row():
            pair_id = gr.Number(label=i18n("studio_ga_pair_id"), precision=0)
            genre = gr.Textbox(label=i18n("studio_ga_genre"))
            audience = gr.Textbox(label=i18n("studio_ga_audience"))
            file_id = gr.Number(None, label=i18n("studio_ga_file_id"), precision=0)
        with gr.Row():
            genre_desc = gr.Textbox(label=i18n("studio_ga_genre_desc"))
            audience_desc = gr.Textbox(label=i18n("studio_ga_audience_desc"))
        with gr.Row():
            add = gr.Button(i18n("studio_ga_add"))
            save = gr.Button(i18n("studio_save"))
            toggle = gr.Button(i18n("studio_ga_toggle"))
            delete = gr.Button(i18n("studio_delete"), variant="stop")
        with gr.Row():
            min_q = gr.Number(1, label=i18n("studio_min_questions"), precision=0, minimum=1)
            max_q = gr.Number(3, label=i18n("studio_max_questions"), precision=0, minimum=1)
            dedup = gr.Slider(0.5, 1.0, value=0.92, step=0.01, label=i18n("studio_dedup"))
            questions = gr.Button(i18n("studio_ga_questions"), variant="primary")
        msg = gr.Markdown(elem_id="studio-ga-msg")
    views = [table, ui["export_pair"], msg]
    fields = [genre, genre_desc, audience, audience_desc]
    generate.click(mix.generate_pairs, [s, count, gen_file, ui["lang"]], views, api_name="studio_ga_generate",
                   **LLM_QUEUE)
    add.click(mix.add_pair, [s, *fields, file_id], views, api_name="studio_ga_add")
    table.select(selected_id, None, [pair_id], api_name=False).then(
        mix.load_pair, [s, pair_id], [*fields, file_id], api_name=False)
    save.click(mix.save_pair, [s, pair_id, *fields], views, api_name="studio_ga_save")
    toggle.click(mix.toggle_pair, [s, pair_id], views, api_name="studio_ga_toggle")
    delete.click(mix.delete_pair, [s, pair_id], views, api_name="studio_ga_delete")
    questions.click(mix.questions_per_pair, [s, ui["lang"], min_q, max_q, dedup], views,
                    api_name="studio_ga_questions", **LLM_QUEUE).then(st.overview, [s], [ui["overview"]],
                                                                      api_name=False)
    ui["pairs_view"] = [table, ui["export_pair"]]
    return mix


def import_tab(st, ui: dict) -> None:
    """The "Import" tab: a file or Hub dataset, a preview, one column per field, then import."""
    mix = ui.setdefault("mix", MixHandlers(st))
    s = ui["session"]
    with gr.Tab(i18n("studio_tab_import")):
        gr.Markdown(i18n("studio_import_help"))
        with gr.Row():
            upload = gr.File(label=i18n("studio_import_file"), file_types=list(formats.FILE_TYPES),
                             type="filepath", elem_id="studio-import-file")
            hub_id = gr.Textbox(label=i18n("studio_import_hub"), placeholder="user/dataset")
        preview = gr.Button(i18n("studio_import_preview"))
        info = gr.Markdown(elem_id="studio-import-info")
        table = gr.Dataframe(interactive=False, wrap=True, label=i18n("studio_import_rows"))
        dropdowns = []
        per_row = 5
        for start in range(0, len(mapping.FIELDS), per_row):
            with gr.Row():
                dropdowns += [gr.Dropdown([NONE], value=NONE, label=field, interactive=True,
                                          allow_custom_value=True)
                              for field in mapping.FIELDS[start:start + per_row]]
        run = gr.Button(i18n("studio_import_run"), variant="primary")
        msg = gr.Markdown(elem_id="studio-import-msg")
    preview.click(mix.preview_import, [s, upload, hub_id], [table, info, *dropdowns], api_name="studio_import_preview")
    run.click(mix.import_mapped, [s, upload, hub_id, *dropdowns], [msg], api_name="studio_import_mapped").then(
        st.overview, [s], [ui["overview"]], api_name=False)


def export_extras(ui: dict) -> list:
    """The export tab's accordion of balance options; returns its inputs (after the tab's own)."""
    with gr.Accordion(i18n("studio_export_balance"), open=False):
        with gr.Row():
            pair = ui["export_pair"].render()
            cap_tag = gr.Number(0, label=i18n("studio_cap_per_tag"), precision=0, minimum=0)
            cap_pair = gr.Number(0, label=i18n("studio_cap_per_pair"), precision=0, minimum=0)
        with gr.Row():
            stratify = gr.Dropdown([NONE, *STRATA], value=NONE, label=i18n("studio_stratify"))
            file_id = gr.Number(0, label=i18n("studio_pretrain_file"), precision=0, minimum=0)
    return [pair, cap_tag, cap_pair, stratify, file_id]


def export_pair_dropdown() -> gr.Dropdown:
    """The pair filter of the export (rendered in the export accordion, refreshed by the pairs tab)."""
    return gr.Dropdown([NONE], value=NONE, label=i18n("studio_export_pair"), interactive=True, render=False)
