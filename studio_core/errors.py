"""The root of every deliberate error of the studio, and the errors both halves raise.

Each class says as data how the edges show it: ``http_status`` (the ``/v1`` API's status code) and
``severity`` (the UI's ``"warning"`` or ``"error"``); the web layer reads these attributes instead of
matching class names or message text."""

from __future__ import annotations


class StudioError(Exception):
    """Base class of every error the studio raises on purpose; the message is meant for the user."""

    http_status: int = 400
    severity: str = "error"


class HubError(StudioError, RuntimeError):
    """A Hugging Face Hub push or pull failed (auth, missing repo, network); the message never holds the token."""

    http_status = 502
