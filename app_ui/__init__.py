"""The app's Gradio front end: :func:`build_ui` assembles the tabs (dataset studio, knowledge chat, train &
evaluate, Hub) around one shared :class:`~app_ui.context.AppServices`. Serve it with ``css=CSS`` and
``head=HEAD`` (the script that tells the server the language picked in Settings)."""

from __future__ import annotations

import gradio as gr

from .context import AppServices
from .strings import LANG_HEAD, LANG_SYNC_ID, build_i18n

HEAD = LANG_HEAD

CSS = """
.section-title { font-weight: 600; font-size: 1.05rem; margin-top: .4rem; }
#kb-error p { color: var(--error-text-color, #b91c1c); }
#kb-error p .kb-ok { color: var(--body-text-color); }
"""


def build_ui(app: AppServices) -> tuple[gr.Blocks, gr.I18n]:
    """The whole UI and its translations (pass both to ``gr.mount_gradio_app`` / ``launch``)."""
    from .chat_tab import ChatSession, build_chat_tab
    from .hub_tab import build_hub_tab
    from .studio_tab import build_studio_tab
    from .train_tab import build_train_tab

    i18n = build_i18n()
    with gr.Blocks(title="KBLaM Studio") as blocks:
        services = {
            "app": app,
            "config": app.config,
            "i18n": i18n,
            "session": gr.State(ChatSession()),
            "kb_handoff": gr.State(None),
            "hf_token": gr.Textbox(label=i18n("hub.token"), type="password", render=False, elem_id="hf-token"),
            "workspace": app.config.workspace,
            "workspace_for": app.workspace_for,
            "api_base_url": f"http://{app.config.host}:{app.config.port}/v1",
        }
        # clicked by HEAD's script when the language is switched in Settings: tabs re-render their status lines
        services["lang_sync"] = gr.Button("language", elem_id=LANG_SYNC_ID, visible="hidden")
        gr.Markdown(i18n("app.intro"))
        with gr.Tabs():
            with gr.Tab(i18n("tab.chat"), id="chat"):
                build_chat_tab(services)
            with gr.Tab(i18n("tab.studio"), id="studio"):
                build_studio_tab(services)
            with gr.Tab(i18n("tab.train"), id="train"):
                build_train_tab(services)
            with gr.Tab(i18n("tab.hub"), id="hub") as hub_tab:
                services["hub_tab"] = hub_tab
                build_hub_tab(services)
    return blocks, i18n
