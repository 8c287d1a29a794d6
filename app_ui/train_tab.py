"""The train & evaluate tab of the app (Gradio): start, watch and stop a training run of the session's adapters
(on the synthetic KB or the session's KB), use the trained adapters in the chat, and evaluate them."""

from __future__ import annotations

import shutil
import time
from dataclasses import replace
from pathlib import Path

import gradio as gr
import pandas as pd

from kblam.errors import StudioError
from kblam.eval_runner import report_rows, run_evaluation

from .chat_tab import engine_for, progress_fn, session_of
from .common import bind_services, export_folder, headers_on_load
from .context import AppServices
from .strings import columns, lang_of, message


def loss_frame(records: list[dict]) -> pd.DataFrame:
    rows = [{"step": r["step"], "value": float(r[k]), "series": k} for r in records
            for k in ("loss", "lm", "retrieval") if isinstance(r.get(k), (int, float))]
    frame = pd.DataFrame(rows, columns=["step", "value", "series"])
    # numeric axes even while empty: an object column makes the plot treat steps/values as categories (no line)
    return frame.astype({"step": "int64", "value": "float64", "series": "string"})


def _job_status(job, lang: str) -> str:
    losses = job.losses()
    last = losses[-1] if losses else {}
    text = message(lang, "train_status", job=job.id, status=job.status, step=last.get("step", 0),
                   steps=job.config.steps, loss=f"{last['loss']:.3f}" if "loss" in last else "–")
    if job.status == "failed":
        text += "\n\n" + message(lang, "train_failed", error=job.error)
    elif job.done and job.result:
        text += "\n\n" + message(lang, "train_done", path=job.result)
    evals = job.evals()
    if evals:
        acc = evals[-1]["eval"]
        text += f"\n\nretrieval at step {evals[-1]['step']}: top-1 {acc.get('best_top1', 0):.2f}, " \
                f"top-5 {acc.get('best_top5', 0):.2f} (layer {acc.get('best_layer')})"
    return text


def train_start(services: AppServices, source: str, steps, batch_size, lr, session, request: gr.Request = None):
    session, lang = session_of(session), lang_of(request)
    spec = session.spec or services.models.default_spec
    kb = session.entry.kb if session.entry is not None else None
    try:
        job = services.training.start(source=source, kb=kb, steps=int(steps), batch_size=int(batch_size),
                                      lr=float(lr), backbone=spec.backbone, encoder=spec.encoder,
                                      quantize=spec.quantize, n_entities=1000)
    except (StudioError, ValueError) as exc:
        gr.Warning(str(exc))
        return session, message(lang, "error", error=str(exc)), loss_frame([]), gr.Timer(active=False)
    session.train_job = job.id
    started = message(lang, "train_started", job=job.id, steps=job.config.steps,
                      source=source if lang == "en" else {"kb": "当前知识库", "synthetic": "合成知识库"}[source])
    return session, started, loss_frame([]), gr.Timer(active=True)


def train_poll(services: AppServices, session, request: gr.Request = None):
    session, lang = session_of(session), lang_of(request)
    job = services.training.get(session.train_job)
    if job is None:
        return message(lang, "train_none"), loss_frame([]), gr.Timer(active=False)
    if job.done and job.result:
        session.trained_adapters = str(job.result)
    return _job_status(job, lang), loss_frame(job.losses()), gr.Timer(active=not job.done)


def train_stop(services: AppServices, session, request: gr.Request = None):
    session, lang = session_of(session), lang_of(request)
    job = services.training.request_stop(session.train_job)
    return _job_status(job, lang) if job else message(lang, "train_none")


def use_trained(services: AppServices, session, request: gr.Request = None):
    session, lang = session_of(session), lang_of(request)
    job = services.training.get(session.train_job)
    if job is None or not job.done or not job.result or not Path(job.result).is_dir():
        gr.Warning(message(lang, "train_none"))
        return session, message(lang, "train_none")
    base = session.spec or services.models.default_spec
    session.spec = replace(base, adapters=str(job.result))
    session.trained_adapters = str(job.result)
    return session, message(lang, "train_use", path=job.result)


def run_eval(services: AppServices, source: str, kb_sizes: str, n_questions, answers: bool, session,
             request: gr.Request = None, progress=gr.Progress()):
    """Evaluate the session's model stack on the synthetic held-out KB or on the current KB."""
    session, lang = session_of(session), lang_of(request)
    empty = pd.DataFrame([], columns=columns(lang, ["metric", "value"]))
    try:
        sizes = [int(s) for s in str(kb_sizes).replace(";", ",").split(",") if s.strip()]
        if not sizes or min(sizes) < 1:
            raise ValueError(message(lang, "eval_bad_sizes", sizes=kb_sizes))
        triples = None
        if source == "kb":
            if session.entry is None or len(session.entry.kb) < 2:
                raise ValueError(message(lang, "eval_kb_too_small"))
            triples = list(session.entry.kb)
        engine = engine_for(services, session, progress, lang)
    except (StudioError, ValueError) as exc:
        gr.Warning(str(exc))
        return message(lang, "error", error=str(exc)), empty, []
    out = Path(services.config.runs_dir).resolve() / time.strftime("eval-%Y%m%d-%H%M%S")
    start = time.perf_counter()
    try:
        with services.models.slot():
            report = run_evaluation(engine, triples, out, kb_sizes=sizes, n_questions=int(n_questions),
                                    answers=bool(answers), progress=progress_fn(progress, message(lang, "progress_evaluating")))
    except (StudioError, ValueError) as exc:
        gr.Warning(str(exc))
        return message(lang, "error", error=str(exc)), empty, []
    table = pd.DataFrame(report_rows(report), columns=columns(lang, ["metric", "value"]))
    return message(lang, "eval_done", secs=time.perf_counter() - start, path=out), table, _images(report["plots"])


def _images(paths: list[str]) -> list[str]:
    """Copies of the plots in a download folder (Gradio serves those; the runs folder itself is not served)."""
    folder = export_folder("kblam-plots-")
    return [shutil.copy(path, folder / Path(path).name) for path in paths]


def build_train_tab(services: dict) -> None:
    """The train & evaluate tab; call inside an open ``gr.Tab``."""
    app: AppServices = services["app"]
    T = services["i18n"]
    session = services["session"]
    sources = [("synthetic", "synthetic"), ("current KB", "kb")]
    gr.Markdown(T("train.info"))
    with gr.Row():
        with gr.Column(scale=2):
            gr.Markdown(T("train.heading"), elem_classes=["section-title"])
            source = gr.Radio(sources, value="synthetic", label=T("train.source"))
            with gr.Row():
                steps = gr.Number(200, precision=0, minimum=1, label=T("train.steps"))
                batch = gr.Number(4, precision=0, minimum=1, label=T("train.batch_size"))
                lr = gr.Number(1e-3, label=T("train.lr"))
            with gr.Row():
                start = gr.Button(T("train.start"), variant="primary", elem_id="train-start")
                stop = gr.Button(T("train.stop"), variant="stop", elem_id="train-stop")
                use = gr.Button(T("train.use"))
            train_info = gr.Markdown("", elem_id="train-status")
        with gr.Column(scale=3):
            plot = gr.LinePlot(x="step", y="value", color="series", label=T("train.plot"), height=300,
                               elem_id="loss-plot", x_title="step", y_title="loss")
    timer = gr.Timer(2.0, active=False)
    gr.Markdown(T("eval.heading"), elem_classes=["section-title"])
    gr.Markdown(T("eval.info"))
    with gr.Row():
        eval_source = gr.Radio(sources, value="synthetic", label=T("eval.source"))
        sizes = gr.Textbox("50,100", label=T("eval.kb_sizes"))
        n_q = gr.Number(20, precision=0, minimum=1, label=T("eval.questions"))
        eval_answers = gr.Checkbox(False, label=T("eval.answers"))
        eval_btn = gr.Button(T("eval.run"), variant="primary", elem_id="eval-run")
    eval_info = gr.Markdown("", elem_id="eval-status")
    with gr.Row():
        eval_table = gr.Dataframe(headers=["metric", "value"], label=T("eval.table"), interactive=False, scale=2)
        gallery = gr.Gallery(label=T("eval.plots"), columns=1, height="auto", object_fit="contain", scale=3,
                             elem_id="eval-plots")  # whole plots, never cropped

    start.click(bind_services(train_start, app), [source, steps, batch, lr, session], [session, train_info, plot, timer],
                api_name="train_start")
    timer.tick(bind_services(train_poll, app), [session], [train_info, plot, timer], api_name="train_poll",
               show_progress="hidden")
    stop.click(bind_services(train_stop, app), [session], [train_info], api_name="train_stop")
    use.click(bind_services(use_trained, app), [session], [session, train_info], api_name="use_trained")
    headers_on_load(eval_table, ["metric", "value"])
    eval_btn.click(bind_services(run_eval, app), [eval_source, sizes, n_q, eval_answers, session],
                   [eval_info, eval_table, gallery], api_name="evaluate")
