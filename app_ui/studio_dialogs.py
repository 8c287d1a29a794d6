"""The studio's "Dialogues" tab: generate multi-turn dialogues grounded in chunks (rounds, personas, system
prompt), review them turn by turn (edit one message, delete one round, confirm, delete) and export them as
ShareGPT, OpenAI messages or Alpaca with history (:mod:`datagen.dialogs`). :func:`build_dialogs_tab` is called
inside the studio's ``gr.Tabs``."""

from __future__ import annotations

import gradio as gr
import pandas as pd

from datagen import dialogs, formats
from datagen.generate import GenerationSettings

from .common import export_folder
from .studio_actions import (
    LLM_QUEUE,
    StudioBase,
    StudioSession,
    as_int,
    clip,
    guard,
    progress_for,
    selected_id,
)
from .studio_report import reports_markdown

DIALOG_COLUMNS = ["id", "status", "roles", "turns", "opening", "confirmed"]
TURN_COLUMNS = ["#", "role", "persona", "content"]
STATUSES = ("all", "done", "partial", "confirmed")


def i18n(key: str):
    return gr.I18n()(key)


class DialogViews:
    """Handlers of the dialogues tab, each taking the session first."""

    def __init__(self, st: StudioBase) -> None:
        self.st = st

    def _where(self, session: StudioSession):
        return self.st.store_of(session), self.st.pid(session)

    @guard
    def generate(self, session: StudioSession, lang: str, rounds, user_role: str, assistant_role: str,
                 system: str, per_chunk, scenario: str, from_questions: bool, status: str,
                 progress=gr.Progress()):
        settings = dialogs.DialogSettings(rounds=as_int(rounds, 3), user_role=(user_role or "").strip(),
                                          assistant_role=(assistant_role or "").strip(),
                                          system_prompt=(system or "").strip(), per_chunk=as_int(per_chunk, 1),
                                          scenario=(scenario or "").strip(),
                                          seed="questions" if from_questions else "chunks")
        store, pid = self._where(session)
        session.cancel.clear()
        report = dialogs.generate_dialogs(store, pid, self.st.session_llm(session), GenerationSettings(lang=lang),
                                          settings, progress=progress_for(progress, "dialogs"), cancel=session.cancel)
        return (reports_markdown(session.say, [report]), *self.page(session, status, 1))

    @guard
    def page(self, session: StudioSession, status: str, page):
        store, pid = self._where(session)
        page = max(1, as_int(page, 1))
        rows, total = dialogs.list_dialogs(store, pid, status=status or "all", page=page, page_size=20)
        data = [[d["id"], d["status"], f"{d['user_role']} / {d['assistant_role']}",
                 f"{len(d['turns'])}/{2 * d['rounds']}", clip(d["turns"][0]["content"] if d["turns"] else "", 120),
                 d["confirmed"]] for d in rows]
        info = session.say("dialogs_page", page=page, total=total)
        return pd.DataFrame(data, columns=session.columns(DIALOG_COLUMNS)), info

    @guard
    def load(self, session: StudioSession, dialog_id):
        store, pid = self._where(session)
        d = dialogs.get_dialog(store, as_int(dialog_id, 0), pid)
        names = {"user": d["user_role"], "assistant": d["assistant_role"]}
        rows = [[n, t["role"], names[t["role"]], t["content"]] for n, t in enumerate(d["turns"], 1)]
        return (d["id"], pd.DataFrame(rows, columns=session.columns(TURN_COLUMNS)), d["system"] or "",
                d["confirmed"], 1 if rows else None, rows[0][3] if rows else "")

    @staticmethod
    def pick_turn(table: pd.DataFrame | None, evt: gr.SelectData):
        """The clicked turn's number and text, for the editor."""
        row = evt.row_value or []
        return (row[0], row[3]) if len(row) >= 4 else (gr.update(), gr.update())

    @guard
    def save_turn(self, session: StudioSession, dialog_id, turn, text: str):
        store, pid = self._where(session)
        dialogs.edit_turn(store, as_int(dialog_id, 0), as_int(turn, 0), text, project_id=pid)
        return (*self.load(session, dialog_id), session.say("dialog_turn_saved", turn=as_int(turn, 0)))

    @guard
    def delete_round(self, session: StudioSession, dialog_id, turn):
        store, pid = self._where(session)
        dialogs.delete_turn(store, as_int(dialog_id, 0), as_int(turn, 0), project_id=pid)
        return (*self.load(session, dialog_id), session.say("dialog_round_deleted", turn=as_int(turn, 0)))

    @guard
    def confirm(self, session: StudioSession, dialog_id, confirmed: bool, status: str, page):
        store, pid = self._where(session)
        dialogs.confirm_dialog(store, as_int(dialog_id, 0), bool(confirmed), project_id=pid)
        return self.page(session, status, page)

    @guard
    def delete(self, session: StudioSession, dialog_id, status: str, page):
        store, pid = self._where(session)
        dialogs.delete_dialog(store, as_int(dialog_id, 0), project_id=pid)
        return (*self.page(session, status, page), session.say("dialog_deleted", id=as_int(dialog_id, 0)))

    @guard
    def export(self, session: StudioSession, fmt: str, file_type: str, only_confirmed: bool, llamafactory: str):
        store, pid = self._where(session)
        folder = export_folder("studio-dialogs-")
        result = dialogs.export_dialogs(store, pid, fmt, folder / f"dialogs_{fmt}{file_type}",
                                        only_confirmed=bool(only_confirmed),
                                        llamafactory=(llamafactory or "").strip() or None)
        return result["files"], session.say("dialogs_exported", rows=result["rows"], fmt=fmt)


def _generate_controls(views: DialogViews, ui: dict, status: gr.Dropdown, view: list) -> None:
    s = ui["session"]
    defaults = dialogs.DialogSettings()
    with gr.Row():
        rounds = gr.Number(defaults.rounds, label=i18n("studio_dialog_rounds"), precision=0, minimum=1,
                           maximum=dialogs.MAX_ROUNDS, elem_id="studio-dialog-rounds")
        user_role = gr.Textbox("student", label=i18n("studio_dialog_user_role"))
        assistant_role = gr.Textbox("tutor", label=i18n("studio_dialog_assistant_role"))
        per_chunk = gr.Number(defaults.per_chunk, label=i18n("studio_dialog_per_chunk"), precision=0, minimum=1)
    with gr.Row():
        system = gr.Textbox(lines=2, label=i18n("studio_dialog_system"))
        scenario = gr.Textbox(lines=2, label=i18n("studio_dialog_scenario"))
    from_questions = gr.Checkbox(False, label=i18n("studio_dialog_from_questions"))
    with gr.Row():
        run = gr.Button(i18n("studio_dialog_generate"), variant="primary", elem_id="studio-dialog-generate")
        stop = gr.Button(i18n("studio_stop"), variant="stop")
    result = gr.Markdown(elem_id="studio-dialog-result")
    run.click(views.generate, [s, ui["lang"], rounds, user_role, assistant_role, system, per_chunk, scenario,
                               from_questions, status],
              [result, *view], api_name="studio_dialogs_generate", **LLM_QUEUE)
    stop.click(views.st.stop, [s], [result], api_name=False, queue=False)


def build_dialogs_tab(st: StudioBase, ui: dict) -> None:
    """The dialogues tab: generation form, list, turn-by-turn editor, export."""
    views = DialogViews(st)
    s = ui["session"]
    with gr.Tab(i18n("studio_tab_dialogs")):
        gr.Markdown(i18n("studio_dialogs_help"))
        with gr.Row():
            status = gr.Dropdown(list(STATUSES), value="all", label=i18n("studio_status"))
            page = gr.Number(1, label=i18n("studio_page"), precision=0, minimum=1)
            show = gr.Button(i18n("studio_show_page"))
        info = gr.Markdown()
        table = gr.Dataframe(headers=DIALOG_COLUMNS, interactive=False, wrap=True, label=i18n("studio_dialogs"),
                             elem_id="studio-dialogs")
        view = [table, info]
        with gr.Accordion(i18n("studio_dialog_new"), open=True):
            _generate_controls(views, ui, status, view)
        with gr.Row():
            dialog_id = gr.Number(label=i18n("studio_dialog_id"), precision=0, elem_id="studio-dialog-id")
            load = gr.Button(i18n("studio_load"))
            confirmed = gr.Checkbox(False, label=i18n("studio_confirmed"))
            delete = gr.Button(i18n("studio_delete"), variant="stop")
        system = gr.Textbox(label=i18n("studio_dialog_system"), interactive=False)
        turns = gr.Dataframe(headers=TURN_COLUMNS, interactive=False, wrap=True, label=i18n("studio_dialog_turns"),
                             elem_id="studio-dialog-turns")
        with gr.Row():
            turn = gr.Number(label=i18n("studio_dialog_turn"), precision=0, minimum=1, elem_id="studio-dialog-turn")
            save = gr.Button(i18n("studio_dialog_save_turn"), variant="primary", elem_id="studio-dialog-save-turn")
            drop = gr.Button(i18n("studio_dialog_delete_round"))
        text = gr.Textbox(lines=4, label=i18n("studio_dialog_turn_text"), elem_id="studio-dialog-turn-text")
        msg = gr.Markdown(elem_id="studio-dialog-msg")
        with gr.Row():
            fmt = gr.Dropdown(list(dialogs.DIALOG_FORMATS), value="sharegpt", label=i18n("studio_format"))
            file_type = gr.Dropdown(list(formats.FILE_TYPES), value=".jsonl", label=i18n("studio_file_type"))
            only_confirmed = gr.Checkbox(False, label=i18n("studio_only_confirmed"))
            llamafactory = gr.Textbox(label=i18n("studio_llamafactory"))
            export = gr.Button(i18n("studio_export"))
        files = gr.File(label=i18n("studio_download"), file_count="multiple", interactive=False)
    editor = [dialog_id, turns, system, confirmed, turn, text]
    show.click(views.page, [s, status, page], view, api_name="studio_dialogs_page")
    status.change(views.page, [s, status, page], view, api_name=False)
    table.select(selected_id, None, [dialog_id], api_name=False).then(views.load, [s, dialog_id], editor,
                                                                     api_name=False)
    load.click(views.load, [s, dialog_id], editor, api_name="studio_dialog_load")
    turns.select(views.pick_turn, [turns], [turn, text], api_name=False)
    save.click(views.save_turn, [s, dialog_id, turn, text], [*editor, msg], api_name="studio_dialog_save_turn")
    drop.click(views.delete_round, [s, dialog_id, turn], [*editor, msg], api_name="studio_dialog_delete_round")
    confirmed.input(views.confirm, [s, dialog_id, confirmed, status, page], view, api_name="studio_dialog_confirm")
    delete.click(views.delete, [s, dialog_id, status, page], [*view, msg], api_name="studio_dialog_delete")
    export.click(views.export, [s, fmt, file_type, only_confirmed, llamafactory], [files, msg],
                 api_name="studio_dialogs_export")
