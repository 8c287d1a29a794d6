"""The Train tab's live loss plot gets numeric axes (so Gradio draws lines, not category ticks), from the first
empty frame on, and the evaluation plots are shown whole."""

from __future__ import annotations

import gradio as gr

from app_ui.train_tab import loss_frame

RECORDS = [{"step": 1, "loss": 4.1, "lm": 3.9, "retrieval": 0.2}, {"step": 2, "loss": 3.7, "lm": 3.5},
           {"step": 3, "loss": 3.2, "lm": 3.1, "retrieval": None}]


def test_loss_plot_axes_are_quantitative_even_before_the_first_step():
    plot = gr.LinePlot(x="step", y="value", color="series")
    for records in ([], RECORDS[:1], RECORDS):
        data = plot.postprocess(loss_frame(records))
        assert data.datatypes == {"step": "quantitative", "value": "quantitative", "series": "nominal"}, records
    frame = loss_frame(RECORDS)
    assert frame[frame.series == "loss"]["value"].tolist() == [4.1, 3.7, 3.2]  # one line per series, in order
    assert sorted(set(frame.series)) == ["lm", "loss", "retrieval"]


def test_evaluation_plots_are_not_cropped():
    from app_ui.train_tab import build_train_tab

    with gr.Blocks() as blocks:
        build_train_tab({"app": None, "session": gr.State(None), "i18n": gr.I18n()})
    gallery = next(b for b in blocks.blocks.values() if getattr(b, "elem_id", None) == "eval-plots")
    assert gallery.object_fit == "contain" and gallery.height == "auto"  # whole plots at their own height
