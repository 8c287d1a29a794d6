"""Shared by the studio UI tests: ``demo()`` launched on 127.0.0.1 for a test module, a client with a project,
and table rows as dicts."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from gradio_client import Client
from openai_server import free_port

from app_ui.studio_tab import demo, studio_i18n


@contextlib.contextmanager
def running_studio(options: dict) -> Iterator[str]:
    """The studio tab (``demo(options)``) served on a free local port; yields its URL, closes it afterwards."""
    blocks = demo(options)
    port = free_port()
    blocks.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True,
                  i18n=studio_i18n())
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        blocks.close()


def table_rows(table: dict) -> list[dict]:
    """A Gradio dataframe value as a list of {header: cell} rows."""
    return [dict(zip(table["headers"], row, strict=True)) for row in table["data"]]


def studio_client(url: str, project: str) -> Client:
    """A ``gradio_client`` on the studio with ``project`` created and selected."""
    client = Client(url, verbose=False)
    client.predict(project, api_name="/studio_create_project")
    return client
