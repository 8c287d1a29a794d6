"""Error hierarchy of the KBLaM engine; the UI, API and CLI turn these into user messages at the edge, by the
``http_status`` and ``severity`` each class carries (see :mod:`studio_core.errors`)."""

from __future__ import annotations

from studio_core.errors import HubError, StudioError

__all__ = ["ArtifactMismatchError", "BusyError", "HubError", "KBFormatError", "KBLaMError", "LimitError",
           "ModelLoadError", "StudioError"]


class KBLaMError(StudioError):
    """Base class of every error the engine raises on purpose."""


class KBFormatError(KBLaMError, ValueError):
    """A knowledge-base file or record is malformed. Names the file, the line and the field when known."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 field: str | None = None) -> None:
        self.file, self.line, self.field, self.reason = file, line, field, message
        where = []
        if file:
            where.append(str(file))
        if line is not None:
            where.append(f"line {line}")
        if field:
            where.append(f"field '{field}'")
        super().__init__(f"{', '.join(where)}: {message}" if where else message)


class ModelLoadError(KBLaMError, RuntimeError):
    """A backbone, encoder or adapter could not be loaded; the message says why and what to do."""

    http_status = 503


class ArtifactMismatchError(ModelLoadError):
    """A saved artefact (adapters, encoded KB) was made for another backbone or encoder."""


class BusyError(KBLaMError):
    """The model's wait queue is full, or a training run is already going; try again later."""

    http_status = 429
    severity = "warning"


class LimitError(KBLaMError, ValueError):
    """A request exceeds a configured limit; ``limit`` names it (e.g. ``max_kb_triples``)."""

    # too large a request: 413; other limits: 400
    SIZE_LIMITS = ("max_request_bytes", "max_kb_triples", "max_inline_kb_triples")

    def __init__(self, message: str, *, limit: str) -> None:
        super().__init__(message)
        self.limit = limit
        self.http_status = 413 if limit in self.SIZE_LIMITS else 400
