"""The registry of export formats: one :class:`ExportFormat` entry per format holds everything about it (JSON
schema, record conversion both ways, detection, the LLaMA-Factory ``dataset_info.json`` entry, which project
data it carries). Export, import, conversion, the Hub push/pull, the CLI and the UI's format lists all read
this registry, so adding a format is one :func:`register` call (the built-in ones are in
:mod:`datagen.builtin_formats`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from datagen.errors import FormatError

# The canonical QA item (see datagen.formats); KB triples are {"name", "property", "value"}.
QA_DEFAULTS: dict = {
    "question": "",
    "answer": "",
    "reasoning": None,
    "context": None,
    "tag": None,
    "system": None,
    "rejected": None,
    "score": None,
    "confirmed": False,
    "turns": None,
    "genre": None,
    "audience": None,
}


def normalize_item(item: dict) -> dict:
    """A canonical QA item with every field present (defaults from :data:`QA_DEFAULTS`)."""
    return {**QA_DEFAULTS, **item}


@dataclass(frozen=True)
class ExportOptions:
    """Options of one export: a default system prompt, and whether reasoning goes before the answer."""

    system_prompt: str | None = None
    include_reasoning: bool = False


def _always(item: dict) -> bool:
    return True


def _unchanged(records: list[dict]) -> list[dict]:
    return records


@dataclass(frozen=True)
class ExportFormat:
    """One export format.

    ``to_record(item, index, options)`` turns a canonical item (a QA dict, or a triple when ``data`` is
    ``"triples"``) into a record, raising FormatError naming the item when it cannot; ``from_record(record,
    row)`` turns a schema-valid record back into a canonical item. ``detect(keys)`` says whether a record with
    these keys is in this format (tried in ``priority`` order); ``detect_hint`` names its keys in the error when
    nothing matches. ``llamafactory(file_name, history)`` is the LLaMA-Factory entry (None: not a training format).
    ``exportable(item)`` is False for items the format cannot carry (left out when skipping incomplete items);
    ``finish(records)`` tidies the whole list (e.g. drops an all-empty column)."""

    name: str
    schema: dict
    to_record: Callable[[dict, int, ExportOptions], dict]
    from_record: Callable[[dict, int], dict]
    detect: Callable[[set[str]], bool]
    detect_hint: str
    llamafactory: Callable[[str, bool], dict] | None = None
    data: str = "items"  # "items" (question/answer data), "triples" (KB triples) or "chunks" (raw text)
    nested: bool = False  # records hold lists (conversations), which CSV files keep as JSON strings
    exportable: Callable[[dict], bool] = _always
    incomplete: str = "incomplete"  # what a left-out item lacks, for messages
    finish: Callable[[list[dict]], list[dict]] = _unchanged
    priority: int = 100  # detection order: lower first
    extra: dict = field(default_factory=dict)


_FORMATS: dict[str, ExportFormat] = {}
DATA_KINDS = ("items", "triples", "chunks")  # QA items, KB triples, raw chunks (continued pre-training)


def register(fmt: ExportFormat) -> ExportFormat:
    """Add (or replace) a format; returns it."""
    if fmt.data not in DATA_KINDS:
        raise ValueError(f"format {fmt.name!r}: data must be one of {', '.join(DATA_KINDS)}, got {fmt.data!r}")
    _FORMATS[fmt.name] = fmt
    return fmt


def unregister(name: str) -> None:
    _FORMATS.pop(name, None)


def names() -> tuple[str, ...]:
    """The registered format names, in registration order."""
    return tuple(_FORMATS)


def get(name: str) -> ExportFormat:
    """The format called ``name``; FormatError listing the known ones otherwise."""
    try:
        return _FORMATS[name]
    except KeyError:
        raise FormatError(f"unknown format {name!r}; choose one of {', '.join(_FORMATS)}") from None


def detect(records: list[dict] | tuple[dict, ...]) -> str:
    """Name the format of ``records`` from the keys of the first one."""
    if not records:
        raise FormatError("cannot detect the format of an empty dataset")
    first = records[0]
    if not isinstance(first, dict):
        raise FormatError(f"row 1: expected an object, got {type(first).__name__}")
    keys = set(first)
    for fmt in sorted(_FORMATS.values(), key=lambda f: f.priority):
        if fmt.detect(keys):
            return fmt.name
    hints = [f"{f.name} ({f.detect_hint})" for f in _FORMATS.values()]
    expected = ", ".join(hints[:-1]) + f" or {hints[-1]}" if len(hints) > 1 else "".join(hints)
    raise FormatError(f"cannot detect the format: keys seen: {', '.join(sorted(keys)) or 'none'}; expected "
                      f"{expected}")


# the built-in formats first, then pretrain (raw chunks): the order of the format lists
from datagen import builtin_formats  # noqa: E402,F401,I001
from datagen import balance  # noqa: E402,F401
from datagen import reasoning_formats  # noqa: E402,F401 - alpaca_reasoning (reasoning in its own column)
