"""The dataset studio's Evaluation tab: generate an evaluation set from the chunks, review and edit it, export
it, and evaluate a model against it with a score table per type and per tag.

Layout in :func:`build_eval_tab` (called by :mod:`app_ui.studio_tab`); handlers in :class:`EvalTab`, plain
methods over :mod:`datagen.evalsets_service` taking the session first, like the rest of the studio. The model
under test and the judge are given per run (keys in memory only, never stored); empty fields fall back to the
studio's endpoint (or the built-in model).
"""

from __future__ import annotations

import gradio as gr
import pandas as pd

from datagen import evalsets_service as svc
from datagen.errors import StoreError
from datagen.evalsets_store import QTYPES
from datagen.formats import FILE_TYPES
from datagen.generate import GenerationSettings
from datagen.llm import LLMSettings

from .common import export_folder
from .studio_actions import LLM_QUEUE, StudioSession, as_int, clip, guard, progress_for, selected_id

EVAL_COLUMNS = ["id", "type", "tag", "question", "options", "reference"]
RUN_COLUMNS = ["id", "model", "status", "score", "judge"]


def i18n(key: str):
    return gr.I18n()(key)


class EvalTab:
    """Handlers of the Evaluation tab over the studio's :class:`~app_ui.studio_review.Studio` (store, project,
    model factory)."""

    def __init__(self, studio) -> None:
        self.st = studio

    def _ctx(self, session: StudioSession):
        return self.st.store_of(session), self.st.pid(session)

    def questions_view(self, session: StudioSession):
        store, pid = self._ctx(session)
        rows = svc.list_questions(store, pid, limit=500)
        data = [[q["id"], q["qtype"], q["tag"] or "", clip(q["question"], 200),
                 " | ".join(f"{chr(65 + i)}. {o}" for i, o in enumerate(q["options"])), clip(q["answer"], 200)]
                for q in rows]
        counts = svc.counts(store, pid)
        text = session.say("eval_counts", n=sum(counts.values()),
                           counts=", ".join(f"{t}: {n}" for t, n in counts.items()))
        return pd.DataFrame(data, columns=session.columns(EVAL_COLUMNS)), text

    def runs_view(self, session: StudioSession) -> pd.DataFrame:
        store, pid = self._ctx(session)
        data = []
        for run in svc.list_runs(store, pid):
            score = ((run["summary"] or {}).get("overall") or {}).get("score")
            data.append([run["id"], run["model"], run["status"], "-" if score is None else f"{100 * score:.1f}%",
                         run["judge_model"] or ""])
        return pd.DataFrame(data, columns=session.columns(RUN_COLUMNS))

    @guard
    def refresh(self, session: StudioSession):
        return (*self.questions_view(session), self.runs_view(session))

    @guard
    def generate(self, session: StudioSession, qtypes: list[str], per_type, lang: str, progress=gr.Progress()):
        session.cancel.clear()
        store, pid = self._ctx(session)
        llm = self.st.llm_factory(session.llm_settings())
        report = svc.generate(store, pid, llm, GenerationSettings(lang=lang), qtypes=qtypes or None,
                              per_type=as_int(per_type, 2), progress=progress_for(progress, "evalset"),
                              cancel=session.cancel)
        return (*self.questions_view(session), self.st.report_text(session, [report]))

    def _own(self, session: StudioSession, question_id) -> dict:
        store, pid = self._ctx(session)
        qid = as_int(question_id, -1)
        try:
            question = svc.get_question(store, qid)
        except StoreError:
            question = None
        if question is None or question["project_id"] != pid:
            raise ValueError(session.say("eval_not_here", id=qid))
        return question

    @guard
    def load(self, session: StudioSession, question_id):
        q = self._own(session, question_id)
        return q["question"], "\n".join(q["options"]), q["answer"], q["rubric"] or ""

    @guard
    def save(self, session: StudioSession, question_id, question: str, options: str, answer: str, rubric: str):
        q = self._own(session, question_id)
        lines = [line.strip() for line in (options or "").splitlines() if line.strip()]
        svc.edit_question(self._ctx(session)[0], q["id"], question=question, answer=answer,
                          options=lines if q["qtype"] in ("single_choice", "multiple_choice") else None,
                          rubric=rubric if q["qtype"] in ("short_answer", "open") else None)
        return (*self.questions_view(session), session.say("eval_saved", id=q["id"]))

    @guard
    def delete(self, session: StudioSession, question_id):
        q = self._own(session, question_id)
        svc.delete_question(self._ctx(session)[0], q["id"])
        return (*self.questions_view(session), session.say("eval_deleted", id=q["id"]))

    def _client(self, session: StudioSession, base_url: str, model: str, key: str):
        if not (base_url or "").strip():
            return self.st.llm_factory(session.llm_settings())
        return self.st.llm_factory(LLMSettings(base_url=base_url.strip(), model=(model or "").strip() or None,
                                               api_key=(key or "").strip() or None, temperature=0.0,
                                               concurrency=int(session.concurrency)))

    @guard
    def run(self, session: StudioSession, qtypes: list[str], base_url: str, model: str, key: str, judge_url: str,
            judge_model: str, judge_key: str, lang: str, progress=gr.Progress()):
        session.cancel.clear()
        store, pid = self._ctx(session)
        llm = self._client(session, base_url, model, key)
        judge = self._client(session, judge_url, judge_model, judge_key) if (judge_url or "").strip() else llm
        run_id, report = svc.evaluate(store, pid, llm, GenerationSettings(lang=lang), judge=judge,
                                      qtypes=qtypes or None, progress=progress_for(progress, "eval"),
                                      cancel=session.cancel)
        run, summary = svc.run_report(store, run_id)
        head = session.say("eval_run_head", run=run_id, model=run["model"], status=run["status"],
                           judge=run["judge_model"] or "")
        text = "\n\n".join([head, self.st.report_text(session, [report]), svc.format_table(summary)])
        return text, self.runs_view(session)

    @guard
    def show_run(self, session: StudioSession, run_id):
        store, _ = self._ctx(session)
        run, summary = svc.run_report(store, as_int(run_id, -1))
        if run["project_id"] != self.st.pid(session):
            raise ValueError(session.say("eval_not_here", id=run_id))
        head = session.say("eval_run_head", run=run["id"], model=run["model"], status=run["status"],
                           judge=run["judge_model"] or "")
        return head + "\n\n" + svc.format_table(summary)

    @guard
    def export(self, session: StudioSession, file_type: str):
        store, pid = self._ctx(session)
        path, n = svc.export(store, pid, export_folder("studio-eval-") / f"evalset{file_type}")
        return str(path), session.say("eval_exported", n=n)


@guard
def synthesize_reasoning(st, session: StudioSession, lang: str, progress=gr.Progress()) -> str:
    """Write the missing reasoning chains of the project's answers (the ``reasoning`` stage)."""
    session.cancel.clear()
    llm = st.llm_factory(session.llm_settings())
    report = svc.synthesize_reasoning(st.store_of(session), st.pid(session), llm, GenerationSettings(lang=lang),
                                      progress=progress_for(progress, "reasoning"), cancel=session.cancel)
    return st.report_text(session, [report])


def build_reasoning_box(st, ui: dict) -> None:
    """A button that writes the reasoning chains answers lack (inside the Generate tab)."""
    with gr.Row():
        button = gr.Button(i18n("studio_synthesize_reasoning"), elem_id="studio-synthesize-reasoning")
        result = gr.Markdown(elem_id="studio-reasoning-result")

    def run(session: StudioSession, lang: str, progress=gr.Progress()) -> str:
        return synthesize_reasoning(st, session, lang, progress)

    button.click(run, [ui["session"], ui["lang"]], [result], api_name="studio_synthesize_reasoning", **LLM_QUEUE)


def build_eval_tab(st, ui: dict) -> None:
    """The Evaluation tab, inside the studio's open ``gr.Tabs``."""
    tab, s = EvalTab(st), ui["session"]
    with gr.Tab(i18n("studio_tab_eval")):
        gr.Markdown(i18n("studio_eval_help"))
        with gr.Row():
            qtypes = gr.CheckboxGroup(list(QTYPES), value=list(QTYPES), label=i18n("studio_eval_types"))
            per_type = gr.Number(2, precision=0, minimum=1, maximum=10, label=i18n("studio_eval_per_type"))
        with gr.Row():
            generate = gr.Button(i18n("studio_eval_generate"), variant="primary", elem_id="studio-eval-generate")
            stop = gr.Button(i18n("studio_stop"), variant="stop")
            refresh = gr.Button(i18n("studio_refresh"))
        msg = gr.Markdown(elem_id="studio-eval-msg")
        counts = gr.Markdown(elem_id="studio-eval-counts")
        table = gr.Dataframe(headers=EVAL_COLUMNS, interactive=False, wrap=True, label=i18n("studio_eval_questions"),
                             elem_id="studio-eval-questions")
        with gr.Accordion(i18n("studio_eval_edit"), open=False):
            with gr.Row():
                qid = gr.Number(label=i18n("studio_eval_id"), precision=0, elem_id="studio-eval-id")
                load = gr.Button(i18n("studio_eval_load"))
            question = gr.Textbox(label=i18n("studio_eval_question"))
            options = gr.Textbox(lines=4, label=i18n("studio_eval_options"))
            answer = gr.Textbox(label=i18n("studio_eval_reference"))
            rubric = gr.Textbox(lines=2, label=i18n("studio_eval_rubric"))
            with gr.Row():
                save = gr.Button(i18n("studio_eval_save"), variant="primary")
                delete = gr.Button(i18n("studio_eval_delete"), variant="stop")
        with gr.Accordion(i18n("studio_eval_run_title"), open=True):
            gr.Markdown(i18n("studio_eval_run_help"))
            with gr.Row():
                url = gr.Textbox(label=i18n("studio_eval_model_url"), placeholder="http://127.0.0.1:8000/v1")
                model = gr.Textbox(label=i18n("studio_eval_model"))
                key = gr.Textbox(label=i18n("studio_eval_key"), type="password")
            with gr.Row():
                judge_url = gr.Textbox(label=i18n("studio_eval_judge_url"))
                judge_model = gr.Textbox(label=i18n("studio_eval_judge_model"))
                judge_key = gr.Textbox(label=i18n("studio_eval_judge_key"), type="password")
            run = gr.Button(i18n("studio_eval_run"), variant="primary", elem_id="studio-eval-run")
            result = gr.Markdown(elem_id="studio-eval-result")
            runs = gr.Dataframe(headers=RUN_COLUMNS, interactive=False, label=i18n("studio_eval_runs"))
            with gr.Row():
                run_id = gr.Number(label=i18n("studio_eval_run_id"), precision=0)
                show = gr.Button(i18n("studio_eval_show_run"))
        with gr.Row():
            file_type = gr.Dropdown(list(FILE_TYPES), value=".jsonl", label=i18n("studio_file_type"))
            export = gr.Button(i18n("studio_eval_export"))
        export_file = gr.File(label=i18n("studio_eval_file"), interactive=False)
    view = [table, counts]
    generate.click(tab.generate, [s, qtypes, per_type, ui["lang"]], [*view, msg], api_name="studio_eval_generate",
                   **LLM_QUEUE)
    stop.click(st.stop, [s], [msg], api_name=False, queue=False)
    refresh.click(tab.refresh, [s], [*view, runs], api_name="studio_eval_refresh")
    table.select(selected_id, None, [qid], api_name=False)
    load.click(tab.load, [s, qid], [question, options, answer, rubric], api_name="studio_eval_load")
    save.click(tab.save, [s, qid, question, options, answer, rubric], [*view, msg], api_name="studio_eval_save")
    delete.click(tab.delete, [s, qid], [*view, msg], api_name="studio_eval_delete")
    run.click(tab.run, [s, qtypes, url, model, key, judge_url, judge_model, judge_key, ui["lang"]], [result, runs],
              api_name="studio_eval_run", **LLM_QUEUE)
    runs.select(selected_id, None, [run_id], api_name=False)
    show.click(tab.show_run, [s, run_id], [result], api_name="studio_eval_show_run")
    export.click(tab.export, [s, file_type], [export_file, msg], api_name="studio_eval_export")
    ui["project"].change(guard(tab.refresh), [s], [*view, runs], api_name=False)
