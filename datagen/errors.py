"""Error hierarchy of the dataset studio; the UI, API and CLI turn these into user messages at the edge."""

from __future__ import annotations

from studio_core.errors import HubError, StudioError

__all__ = ["DatagenError", "FormatError", "HubError", "IngestError", "LLMError", "LLMOutputError",
           "StoreError", "StudioError"]


class DatagenError(StudioError):
    """Base class of every error the dataset studio raises on purpose."""


class IngestError(DatagenError, ValueError):
    """A document cannot be read: corrupt, encrypted, too large, unknown type or undecodable."""


class FormatError(DatagenError, ValueError):
    """An import/export file or record does not match the expected format (names file, row and field)."""


class LLMError(DatagenError, RuntimeError):
    """An LLM endpoint failed after the bounded retries (connection, HTTP status, timeout, unusable body).

    ``status`` is the last HTTP status (or None); ``transient`` is True when the failure may not repeat (5xx,
    429, timeouts, resets, bad bodies): the stage then records the unit as failed and goes on."""

    status: int | None = None
    transient: bool = False


class LLMOutputError(DatagenError, ValueError):
    """An LLM reply could not be parsed against its schema; keeps the raw text for the failure record."""

    def __init__(self, message: str, raw: str = "") -> None:
        super().__init__(message)
        self.raw = raw


class StoreError(DatagenError, RuntimeError):
    """The workspace database is missing, locked or inconsistent."""
