"""The endpoint tab's provider controls: a preset dropdown that fills the base URL (and hides the key box where
no key is needed), a refresh button that lists the endpoint's models (``/v1/models``), per-stage model choice
stored in the project (:mod:`datagen.providers`; never a key) and token usage per stage and per run
(:mod:`datagen.usage`). :func:`build_provider_controls` is called inside the endpoint tab's layout."""

from __future__ import annotations

import gradio as gr
import pandas as pd

from datagen import providers, usage

from .studio_actions import StudioBase, StudioSession, guard

STAGE_COLUMNS = ["stage", "model", "calls", "prompt_tokens", "completion_tokens"]
RUN_COLUMNS = ["id", "stage", "status", "model", "calls", "prompt_tokens", "completion_tokens"]
ROUTE_COLUMNS = ["stage", "model", "base_url"]


def i18n(key: str):
    return gr.I18n()(key)


def provider_changed(name: str | None, base_url: str):
    """The preset's base URL (custom keeps what is typed) and whether the key box shows."""
    preset = providers.PROVIDERS.get(name or "custom", providers.PROVIDERS["custom"])
    url = preset.base_url or base_url
    return url, gr.update(visible=preset.name != "ollama")


class ProviderViews:
    """Handlers of the provider controls over the studio's store and the session's endpoint."""

    def __init__(self, st: StudioBase) -> None:
        self.st = st

    @guard
    def refresh_models(self, session: StudioSession, base_url: str, api_key: str):
        """List the models of the endpoint typed in the form (the session's key when the box is empty)."""
        url = (base_url or "").strip() or None
        key = (api_key or "").strip() or (session.api_key if url and url == session.base_url else None)
        candidate = StudioSession()
        candidate.base_url, candidate.api_key = url, key
        names = providers.list_models(candidate.llm_settings())
        msg = session.say("models_listed", count=len(names), where=url or "built-in")
        update = gr.update(choices=names, value=names[0] if names else None)
        return update, gr.update(choices=names), msg

    def routes_table(self, session: StudioSession) -> pd.DataFrame:
        routes = providers.stage_routes(self.st.store_of(session), self.st.pid(session))
        rows = [[stage, r["model"], r.get("base_url") or r.get("provider") or ""] for stage, r in routes.items()]
        return pd.DataFrame(rows, columns=session.columns(ROUTE_COLUMNS))

    @guard
    def set_route(self, session: StudioSession, stage: str, model: str | None, base_url: str):
        providers.set_stage_route(self.st.store_of(session), self.st.pid(session), stage, model=model or None,
                                  base_url=(base_url or "").strip() or None)
        return self.routes_table(session)

    @guard
    def usage_tables(self, session: StudioSession):
        info = usage.usage(self.st.store_of(session), self.st.pid(session))
        stages = [[r["stage"], r["model"], r["calls"], r["prompt_tokens"], r["completion_tokens"]]
                  for r in info["stages"]]
        runs = [[r["task_id"], r["stage"], r["status"], r["models"], r["calls"], r["prompt_tokens"],
                 r["completion_tokens"]] for r in info["tasks"]]
        return (pd.DataFrame(stages, columns=session.columns(STAGE_COLUMNS)),
                pd.DataFrame(runs, columns=session.columns(RUN_COLUMNS)), self.routes_table(session))


def build_provider_controls(st: StudioBase, ui: dict, base_url: gr.Textbox, model: gr.Textbox,
                            key: gr.Textbox) -> None:
    """Preset, model list, per-stage models and usage, wired to the endpoint form's ``base_url``/``model``/``key``."""
    views = ProviderViews(st)
    s = ui["session"]
    with gr.Row():
        preset = gr.Dropdown([(p.label, p.name) for p in providers.PROVIDERS.values()], value="custom",
                             label=i18n("studio_provider"), elem_id="studio-provider")
        listed = gr.Dropdown([], label=i18n("studio_models_listed"), allow_custom_value=True,
                             elem_id="studio-models-listed")
        refresh = gr.Button(i18n("studio_refresh_models"), elem_id="studio-refresh-models")
    models_msg = gr.Markdown()
    with gr.Accordion(i18n("studio_stage_models"), open=False):
        with gr.Row():
            stage = gr.Dropdown(list(providers.ROUTABLE_STAGES), value="answers", label=i18n("studio_stage"))
            stage_model = gr.Dropdown([], label=i18n("studio_stage_model"), allow_custom_value=True)
            stage_url = gr.Textbox(label=i18n("studio_stage_base_url"), placeholder=i18n("studio_stage_base_url_hint"))
            set_route = gr.Button(i18n("studio_set_stage_model"))
        routes = gr.Dataframe(headers=ROUTE_COLUMNS, interactive=False, label=i18n("studio_stage_models"))
    with gr.Accordion(i18n("studio_token_usage"), open=False):
        show_usage = gr.Button(i18n("studio_refresh_usage"))
        per_stage = gr.Dataframe(headers=STAGE_COLUMNS, interactive=False, label=i18n("studio_usage_per_stage"))
        per_run = gr.Dataframe(headers=RUN_COLUMNS, interactive=False, label=i18n("studio_usage_per_run"))
    preset.change(provider_changed, [preset, base_url], [base_url, key], api_name="studio_provider", queue=False)
    refresh.click(views.refresh_models, [s, base_url, key], [listed, stage_model, models_msg],
                  api_name="studio_refresh_models")
    listed.change(lambda name: name or gr.update(), [listed], [model], api_name=False, queue=False)
    set_route.click(views.set_route, [s, stage, stage_model, stage_url], [routes], api_name="studio_set_stage_model")
    show_usage.click(views.usage_tables, [s], [per_stage, per_run, routes], api_name="studio_token_usage")
