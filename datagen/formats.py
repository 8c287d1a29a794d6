"""Export, import and conversion of question/answer data: Alpaca, ShareGPT, OpenAI, DPO and KBLaM triples (the
formats themselves are entries of :mod:`datagen.format_registry`; the built-in ones are in
:mod:`datagen.builtin_formats`).

The studio's canonical QA item is a plain dict (see :data:`QA_DEFAULTS`)::

    {"question", "answer", "reasoning", "context", "tag", "system", "rejected", "score", "confirmed", "turns",
     "genre", "audience"}

(``genre``/``audience``: the genre–audience pair the item was generated in, see :mod:`datagen.ga_pairs`.) Raw
chunks for continued pre-training are ``{"text"}`` (the ``pretrain`` format, :mod:`datagen.balance`).

``turns`` (a list of ``{"role": "user"|"assistant", "content"}``) holds a whole multi-turn conversation; its
first user turn and last assistant turn are also ``question`` and ``answer`` (on export the item's
``question``/``answer`` win, so an answer edited in review is what gets exported). KBLaM items are triples
``{"name", "property", "value"}``.

Record shapes (those LLaMA-Factory documents in its ``data/README.md``):

- ``alpaca``: ``{instruction, input, output, system}`` plus ``history`` (``[[user, assistant], ...]``) when
  any item is multi-turn.
- ``sharegpt``: ``{conversations: [{from: human|gpt, value}], system}``.
- ``openai``: ``{messages: [{role: system|user|assistant, content}]}``.
- ``dpo``: Alpaca-style ranking rows ``{instruction, input, chosen, rejected, system}`` (LLaMA-Factory
  ``ranking: true``); items without a ``rejected`` answer are refused unless ``skip_incomplete=True``.
- ``kblam``: ``{name, property, value}``.

With ``include_reasoning`` the reasoning goes before the answer as ``<think>\\n…\\n</think>\\n\\n``; import
splits it off again. DPO rows never carry reasoning: a think block on the chosen side only would teach the
format rather than the preference.

Files: ``.json`` (a list), ``.jsonl``, ``.csv`` (nested fields as JSON strings) and ``.parquet`` (pyarrow,
nested fields as native lists). Reading names the file, row (line) and field of anything malformed.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import random
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from datagen import format_registry
from datagen.errors import FormatError
from datagen.format_registry import QA_DEFAULTS, ExportOptions, normalize_item  # noqa: F401 - public here too

logger = logging.getLogger(__name__)

FILE_TYPES = (".json", ".jsonl", ".csv", ".parquet")
NESTED_FIELDS = ("conversations", "messages", "history")
# ------------------------------------------------------------------------------------------- export


def to_records(
    items: Iterable[dict],
    fmt: str,
    *,
    system_prompt: str | None = None,
    include_reasoning: bool = False,
    skip_incomplete: bool = False,
) -> list[dict]:
    """Convert canonical items (QA dicts, or triples for a triples format) to records of the format ``fmt``;
    with ``skip_incomplete`` items the format cannot carry (DPO: no rejected answer) are left out."""
    spec = format_registry.get(fmt)
    options = ExportOptions(system_prompt, include_reasoning)
    records, skipped = [], 0
    for index, item in enumerate(items):
        if skip_incomplete and not spec.exportable(item):
            skipped += 1
            continue
        records.append(spec.to_record(item, index, options))
    if skipped:
        logger.warning("%s export left out %d item(s) without %s", fmt, skipped, spec.incomplete)
    return spec.finish(records)


# ------------------------------------------------------------------------------------------- import


def detect_format(records: Sequence[dict]) -> str:
    """Name the export format of ``records`` from the keys of the first one."""
    return format_registry.detect(records)


def from_records(records: Iterable[dict], fmt: str | None = None) -> list[dict]:
    """Canonical items from records of ``fmt`` (detected when None); FormatError names the bad row."""
    records = list(records)
    if not records:
        return []
    fmt = fmt or detect_format(records)
    validate_records(records, fmt)
    spec = format_registry.get(fmt)
    return [spec.from_record(record, row) for row, record in enumerate(records, start=1)]


def validate_records(records: Iterable[dict], fmt: str) -> None:
    """Check every record against the JSON schema of ``fmt``; FormatError names the first bad row and field."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(format_registry.get(fmt).schema)
    for row, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise FormatError(f"row {row}: expected an object with {fmt} fields, got {type(record).__name__}")
        if validator.is_valid(record):  # fast path; the full error walk runs only for a bad row
            continue
        error = next(iter(validator.iter_errors(record)), None)
        if error is not None:
            where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path).lstrip(
                "."
            )
            if error.validator == "required":
                where = ", ".join(error.validator_value)
                message = f"missing required field(s); keys seen: {', '.join(sorted(record)) or 'none'}"
            else:
                message = error.message
            raise FormatError(f"row {row}: field '{where or '(record)'}': {message} (format {fmt})")


# ---------------------------------------------------------------------------------------------- files


def file_type_of(path: Path) -> str:
    """The export/import file type of ``path`` (its suffix); an unsupported one raises FormatError naming it."""
    suffix = path.suffix.lower()
    if suffix not in FILE_TYPES:
        raise FormatError(
            f"{path}: unsupported file type {suffix or '(none)'!r}; use one of {', '.join(FILE_TYPES)}"
        )
    return suffix


def _columns(records: Sequence[dict]) -> list[str]:
    columns: dict[str, None] = {}
    for record in records:
        for key in record:
            columns.setdefault(key, None)
    return list(columns)


def _atomic_write(path: Path, write) -> None:
    """Write through a temporary file in the same folder, then rename: a failure leaves the old file intact."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_records(records: Sequence[dict], path: str | Path) -> Path:
    """Write records to ``path``; the file type comes from the extension (.json, .jsonl, .csv, .parquet)."""
    path = Path(path)
    suffix = file_type_of(path)
    records = list(records)
    if suffix in (".json", ".jsonl"):
        lines = [json.dumps(r, ensure_ascii=False) for r in records]
        body = (
            ("[\n" + ",\n".join(lines) + "\n]\n")
            if suffix == ".json"
            else "".join(line + "\n" for line in lines)
        )
        _atomic_write(path, lambda tmp: Path(tmp).write_text(body, encoding="utf-8"))
    elif suffix == ".csv":
        _atomic_write(path, lambda tmp: _write_csv(records, tmp))
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        columns = _columns(records)
        table = pa.Table.from_pydict({c: [r.get(c) for r in records] for c in columns})
        _atomic_write(path, lambda tmp: pq.write_table(table, tmp))
    logger.info("wrote %d records to %s", len(records), path)
    return path


def _write_csv(records: Sequence[dict], tmp: str) -> None:
    columns = _columns(records)
    with open(tmp, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for record in records:
            row = []
            for column in columns:
                value = record.get(column)
                if isinstance(value, (list, dict)):
                    value = json.dumps(value, ensure_ascii=False)
                row.append("" if value is None else value)
            writer.writerow(row)


def _decode(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FormatError(
            f"{path}: line {line}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save the file as UTF-8"
        ) from exc


def read_records(path: str | Path) -> list[dict]:
    """Read records from a .json/.jsonl/.csv/.parquet file; FormatError names the file, row and field."""
    path = Path(path)
    suffix = file_type_of(path)
    if not path.is_file():
        raise FormatError(f"{path}: file not found")
    if suffix == ".parquet":
        return _read_parquet(path)
    text = _decode(path)
    if suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise FormatError(
                f"{path}: line {exc.lineno}, column {exc.colno}: invalid JSON ({exc.msg})"
            ) from exc
        if not isinstance(data, list):
            raise FormatError(f"{path}: expected a JSON list of records, got {type(data).__name__}")
        records = data
    elif suffix == ".jsonl":
        records = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise FormatError(
                    f"{path}: line {number}: invalid JSON ({exc.msg} at column {exc.colno})"
                ) from exc
    else:
        records = _read_csv(path, text)
    for row, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise FormatError(f"{path}: row {row}: expected an object, got {type(record).__name__}")
    return records


def _read_csv(path: Path, text: str) -> list[dict]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    reader = csv.DictReader(text.splitlines(keepends=True))
    records = []
    try:
        for row in reader:
            if None in row:
                raise FormatError(f"{path}: line {reader.line_num}: more values than the header has columns")
            record = {}
            for key, value in row.items():
                if key in NESTED_FIELDS:
                    try:
                        value = json.loads(value) if value else None
                    except json.JSONDecodeError as exc:
                        raise FormatError(
                            f"{path}: line {reader.line_num}: field '{key}': invalid JSON ({exc.msg})"
                        ) from exc
                record[key] = "" if value is None and key not in NESTED_FIELDS else value
            records.append(record)
    except csv.Error as exc:
        raise FormatError(f"{path}: line {reader.line_num}: malformed CSV ({exc})") from exc
    return records


def _read_parquet(path: Path) -> list[dict]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        return pq.read_table(path).to_pylist()
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise FormatError(f"{path}: not a readable Parquet file ({exc})") from exc


def export_items(
    items: Iterable[dict], path: str | Path, fmt: str, *, validate: bool = True, **options
) -> Path:
    """Convert canonical items to ``fmt``, validate them against its schema and write them to ``path``."""
    records = to_records(items, fmt, **options)
    if validate:
        validate_records(records, fmt)
    return write_records(records, path)


def convert_file(
    src: str | Path, dst: str | Path, *, to_fmt: str, from_fmt: str | None = None, **options
) -> Path:
    """Read ``src`` (format detected unless ``from_fmt``), convert to ``to_fmt`` and write ``dst``."""
    target = format_registry.get(to_fmt)
    records = read_records(src)
    try:
        items = from_records(records, from_fmt)
    except FormatError as exc:
        raise FormatError(f"{src}: {exc}") from exc
    source = from_fmt or (detect_format(records) if records else to_fmt)
    if format_registry.get(source).data != target.data:
        raise FormatError(f"{src}: cannot convert {source} to {to_fmt}: {format_registry.get(source).data} and "
                          f"{target.data} do not map (KBLaM triples, QA items and raw chunks are different data)")
    return export_items(items, dst, to_fmt, **options)


def train_test_split(
    items: Sequence[dict], test_ratio: float, seed: int = 0
) -> tuple[list[dict], list[dict]]:
    """Shuffle deterministically with ``seed`` and return (train, test) with round(n * test_ratio) test items."""
    if not 0.0 <= test_ratio < 1.0:
        raise ValueError(f"test_ratio must be in [0, 1), got {test_ratio}")
    order = list(range(len(items)))
    random.Random(seed).shuffle(order)
    n_test = round(len(items) * test_ratio)
    if test_ratio > 0 and n_test == 0 and len(items) >= 2:
        n_test = 1
    return [items[i] for i in order[n_test:]], [items[i] for i in order[:n_test]]


# ------------------------------------------------------------------------------------- LLaMA-Factory


def llamafactory_entry(dataset_name: str, file_name: str, fmt: str, *, history: bool = False) -> dict:
    """A ``{dataset_name: {...}}`` entry for LLaMA-Factory's ``data/dataset_info.json`` matching our records.

    ``history`` says whether the Alpaca/DPO file has a ``history`` column (multi-turn items).
    """
    spec = format_registry.get(fmt)
    if spec.llamafactory is None:
        what = "KBLaM triples are" if spec.data == "triples" else f"the {fmt} format is"
        raise FormatError(f"{what} not a LLaMA-Factory training format")
    if (spec.nested or history) and Path(file_name).suffix.lower() == ".csv":
        raise FormatError(
            f"{file_name}: LLaMA-Factory reads nested conversations from JSON, JSONL or Parquet, not CSV"
        )
    return {dataset_name: spec.llamafactory(file_name, history)}


def write_dataset_info(dir: str | Path, entries: dict) -> Path:
    """Merge ``entries`` into ``dir/dataset_info.json`` (created if missing; a corrupt one is not overwritten)."""
    path = Path(dir) / "dataset_info.json"
    existing: dict = {}
    if path.exists():
        try:
            existing = json.loads(_decode(path))
        except json.JSONDecodeError as exc:
            raise FormatError(
                f"{path}: line {exc.lineno}: invalid JSON ({exc.msg}); not overwriting it"
            ) from exc
        if not isinstance(existing, dict):
            raise FormatError(f"{path}: expected a JSON object of dataset entries; not overwriting it")
    existing.update(entries)
    body = json.dumps(existing, ensure_ascii=False, indent=2) + "\n"
    _atomic_write(path, lambda tmp: Path(tmp).write_text(body, encoding="utf-8"))
    return path
