"""Knowledge bases of (name, property, value) triples: parsing, validation and editing.

Files are CSV/TSV (header row), JSON (a list of objects, or ``{"triples": [...]}`` / ``{"kb": [...]}``) or JSONL
(one object a line), UTF-8 with an optional BOM. Columns are ``name, property, value``; the reference dataset's
``name, description_type, description`` are accepted too. Every problem raises :class:`KBFormatError` naming the
file, the line (CSV/TSV/JSONL: 1-based physical line; JSON: "item N", 1-based, in the message) and the field,
and a failed load returns nothing, so the caller's current knowledge base is never half-replaced.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import math
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from kblam.errors import KBFormatError

logger = logging.getLogger(__name__)

FIELDS = ("name", "property", "value")
_ALIASES = {"description_type": "property", "description": "value"}  # the reference dataset's column names
_FORMATS = {".csv": "csv", ".tsv": "tsv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}
_BOM = b"\xef\xbb\xbf"
EXAMPLES_DIR = Path(__file__).parent / "examples"


@dataclass(frozen=True)
class Triple:
    """One fact. The key string is what the encoder sees for retrieval; the value string carries the answer."""

    name: str
    property: str
    value: str

    @property
    def key_string(self) -> str:
        return f"the {self.property} of {self.name}"

    @property
    def value_string(self) -> str:
        return self.value

    @property
    def content_id(self) -> str:
        """Stable hash of the key/value strings (the cache key of this triple's embeddings)."""
        data = f"{self.key_string}\x1f{self.value_string}".encode()
        return hashlib.sha256(data).hexdigest()[:32]

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "property": self.property, "value": self.value}


@dataclass(frozen=True)
class KBLimits:
    """Upper bounds enforced while loading and editing (file size in bytes, triple count, field length)."""

    max_bytes: int
    max_triples: int
    max_field_chars: int

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_triples", "max_field_chars"):
            if getattr(self, name) < 1:
                raise ValueError(f"KBLimits.{name} must be >= 1, got {getattr(self, name)}")


# a field may hold a paragraph: a package's or a standard's description runs past 2,000 characters in real metadata,
# and one long value must not make a whole KB fail to load
MAX_FIELD_CHARS = 10_000
DEFAULT_LIMITS = KBLimits(max_bytes=100 * 1024 * 1024, max_triples=200_000, max_field_chars=MAX_FIELD_CHARS)


def _printable(text: str) -> str:
    """``text`` safe to print and log: characters UTF-8 cannot encode (lone surrogates) become escapes."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _fail(reason: str, source: str | None, *, line: int | None = None, item: int | None = None,
          field: str | None = None) -> NoReturn:
    reason = _printable(reason)
    raise KBFormatError(f"item {item}: {reason}" if item is not None else reason,
                        file=_printable(source) if source else source, line=line, field=field)


_LONG_NUMBER = re.compile(r"\d{4000,}")


def load_json(text: str, source: str | None, *, line: int | None = None) -> Any:
    """``json.loads`` whose every failure is a :class:`KBFormatError` naming the source and line.

    Besides syntax errors this covers what ``json`` raises outside ``JSONDecodeError``: nesting deeper than
    the interpreter's recursion limit (``RecursionError``) and integers longer than Python converts
    (``ValueError``)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        _fail(f"malformed JSON: {exc.msg} (column {exc.colno})", source, line=(line or 1) + exc.lineno - 1)
    except RecursionError:
        _fail("malformed JSON: nested too deeply (a knowledge base needs at most 3 levels)", source, line=line)
    except ValueError as exc:  # int digit limit
        found = _LONG_NUMBER.search(text)
        at = line if line is not None or found is None else text.count("\n", 0, found.start()) + 1
        _fail(f"malformed JSON: a number is too long ({exc})", source, line=at)


def _format_of(filename: str | os.PathLike[str]) -> str:
    suffix = Path(filename).suffix.lower()
    if suffix not in _FORMATS:
        _fail(f"unknown file type {suffix or '(no extension)'!r}; expected one of {', '.join(_FORMATS)}",
              str(filename))
    return _FORMATS[suffix]


def _decode(data: bytes, source: str) -> str:
    """Strict UTF-8 (BOM tolerated). Other encodings are refused, never guessed."""
    skip = len(_BOM) if data.startswith(_BOM) else 0
    try:
        text = data[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + skip
        _fail(f"not valid UTF-8: byte 0x{data[offset]:02x} at byte offset {offset}; save the file as UTF-8",
              source, line=data.count(b"\n", 0, offset) + 1)
    if not text.strip():
        _fail("file is empty", source)
    return text


def _canonical_columns(keys: list[Any]) -> tuple[dict[str, int], list[str]]:
    """Map each of FIELDS to the position of the key providing it (canonical names win over the reference
    aliases; names are case-insensitive and stripped); also return the unused, non-blank keys."""
    norms = [str(key).strip().lower() for key in keys]
    found: dict[str, int] = {}
    for pos, norm in enumerate(norms):
        if norm in FIELDS and norm not in found:
            found[norm] = pos
    for pos, norm in enumerate(norms):
        field = _ALIASES.get(norm)
        if field is not None and field not in found:
            found[field] = pos
    used = set(found.values())
    return found, [str(keys[pos]).strip() for pos in range(len(keys)) if pos not in used and norms[pos]]


def _clean(value: Any, field: str, limits: KBLimits, source: str | None, line: int | None,
           item: int | None) -> str:
    """One field as a stripped, non-empty string within the length limit (numbers become strings); a value made only
    of whitespace that is not all ASCII (U+2003 EM SPACE as a symbol's character) keeps that whitespace."""
    if value is None:
        _fail("is missing (null)", source, line=line, item=item, field=field)
    if isinstance(value, bool):
        value = "true" if value else "false"
    elif isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            _fail(f"must be a finite number, got {value}", source, line=line, item=item, field=field)
        value = str(value)
    elif not isinstance(value, str):
        _fail(f"must be a string or a number, got {type(value).__name__} (objects and lists are not allowed)",
              source, line=line, item=item, field=field)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate, e.g. from a JSON "\\ud800" escape
        _fail(f"contains an invalid character U+{ord(value[exc.start]):04X} at position {exc.start} (an unpaired "
              "surrogate: JSON \\u escapes must form valid UTF-16 pairs)", source, line=line, item=item, field=field)
    stripped = value.strip()
    if not stripped and field == "value":  # a symbol table's "character" of an em space or a no-break space is
        stripped = value.strip(" \t\n\r\f\v")  # a value of its own; ASCII blanks alone are an empty cell
    if not stripped:
        _fail("is empty", source, line=line, item=item, field=field)
    value = stripped
    if len(value) > limits.max_field_chars:
        _fail(f"is {len(value)} characters long; the limit is {limits.max_field_chars}",
              source, line=line, item=item, field=field)
    return value


class _Loader:
    """Collects validated, deduplicated triples; raises on the first bad row."""

    def __init__(self, source: str | None, limits: KBLimits) -> None:
        self.source, self.limits = source, limits
        self.triples: list[Triple] = []
        self.index: dict[Triple, int] = {}
        self.duplicates = 0
        self.extra_columns: dict[str, None] = {}  # ordered set

    def add_record(self, record: Any, *, line: int | None = None, item: int | None = None) -> None:
        """A Triple or a mapping with name/property/value (or the reference aliases); extra keys are noted."""
        if isinstance(record, Triple):  # fast path: no column mapping needed
            return self.add_values(record.as_dict(), line=line, item=item)
        if not isinstance(record, Mapping):
            _fail(f"expected an object with name, property, value; got {type(record).__name__}",
                  self.source, line=line, item=item)
        keys = list(record.keys())
        columns, extra = _canonical_columns(keys)
        self.extra_columns.update(dict.fromkeys(extra))
        for field in FIELDS:
            if field not in columns:
                found = ", ".join(map(str, keys)) or "none"
                _fail(f"is missing (found keys: {found}; expected name, property, value)",
                      self.source, line=line, item=item, field=field)
        self.add_values({field: record[keys[pos]] for field, pos in columns.items()}, line=line, item=item)

    def add_values(self, values: Mapping[str, Any], *, line: int | None = None, item: int | None = None) -> None:
        triple = Triple(*(_clean(values[f], f, self.limits, self.source, line, item) for f in FIELDS))
        if triple in self.index:
            self.duplicates += 1
            return
        if len(self.triples) >= self.limits.max_triples:
            _fail(f"more than {self.limits.max_triples} triples (the limit)", self.source, line=line, item=item)
        self.index[triple] = len(self.triples)
        self.triples.append(triple)

    def finish(self, empty_hint: str = "") -> None:
        if not self.triples:
            _fail(f"no triples found{empty_hint}", self.source)
        if self.extra_columns:
            logger.warning("%s: ignoring extra columns: %s", self.source,
                           _printable(", ".join(self.extra_columns)))
        if self.duplicates:
            logger.info("%s: removed %d duplicate triple(s)", self.source, self.duplicates)
        logger.info("%s: loaded %d triples", self.source, len(self.triples))


def _parse_delimited(text: str, loader: _Loader, delimiter: str) -> None:
    """CSV/TSV with a header row; errors carry the physical line where the offending row starts."""
    source, kind = loader.source, "TSV" if delimiter == "\t" else "CSV"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    columns: dict[str, Any] = {}
    next_line = 1
    try:
        for cells in reader:
            line, next_line = next_line, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue  # blank lines and all-empty rows (spreadsheet exports)
            if header is None:
                header, columns = cells, _header_columns(cells, loader, line, delimiter)
                continue
            if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header):]):
                _fail(f"row has {len(cells)} cells but the header has {len(header)} columns "
                      f"(quote values that contain {delimiter!r})", source, line=line)
            for field, col in columns.items():
                if col >= len(cells):
                    _fail(f"is missing: the row has {len(cells)} cells, the header has {len(header)} columns",
                          source, line=line, field=field)
            loader.add_values({field: cells[col] for field, col in columns.items()}, line=line)
    except csv.Error as exc:
        _fail(f"malformed {kind}: {exc}", source, line=reader.line_num)
    loader.finish(" (only a header row)" if header is not None else "")


def _header_columns(cells: list[str], loader: _Loader, line: int, delimiter: str) -> dict[str, int]:
    names = [cell.strip().lower() for cell in cells]
    for name in dict.fromkeys(names):
        if (name in FIELDS or name in _ALIASES) and names.count(name) > 1:
            _fail(f"column {name!r} appears {names.count(name)} times in the header", loader.source, line=line)
    found, extra = _canonical_columns(cells)
    missing = [f for f in FIELDS if f not in found]
    if missing:
        hint = ""
        if len(cells) == 1 and any(sep in cells[0] for sep in ",;\t|" if sep != delimiter):
            hint = f"; is the file delimited by something other than {delimiter!r}?"
        _fail(f"missing column(s) {', '.join(missing)}: found {', '.join(repr(c.strip()) for c in cells)}; "
              f"expected name, property, value (or name, description_type, description){hint}",
              loader.source, line=line)
    loader.extra_columns.update(dict.fromkeys(extra))
    return found


def _parse_json(text: str, loader: _Loader) -> None:
    """A list of objects, or an object holding one under "triples" or "kb"; errors name "item N" (1-based)."""
    doc = load_json(text, loader.source)
    if isinstance(doc, dict):
        key = next((k for k in ("triples", "kb") if k in doc), None)
        if key is None:
            _fail(f"expected a list of objects, or an object with a 'triples' or 'kb' list; found an object "
                  f"with keys {', '.join(map(str, doc)) or 'none'}", loader.source)
        doc = doc[key]
    if not isinstance(doc, list):
        _fail(f"expected a list of objects, found {type(doc).__name__}", loader.source)
    for item, record in enumerate(doc, 1):
        loader.add_record(record, item=item)
    loader.finish(" (the list is empty)" if not doc else "")


def _parse_jsonl(text: str, loader: _Loader) -> None:
    """One object per line; blank lines are skipped. Split on "\\n" only (JSON strings may hold U+2028)."""
    for line, raw in enumerate(text.split("\n"), 1):
        if not raw.strip():
            continue
        loader.add_record(load_json(raw, loader.source, line=line), line=line)
    loader.finish()


def _parse(data: bytes, fmt: str, source: str, limits: KBLimits) -> _Loader:
    if len(data) > limits.max_bytes:
        _fail(f"file is {len(data)} bytes; the limit is {limits.max_bytes}", source)
    text, loader = _decode(data, source), _Loader(source, limits)
    if fmt in ("csv", "tsv"):
        _parse_delimited(text, loader, "\t" if fmt == "tsv" else ",")
    else:
        (_parse_json if fmt == "json" else _parse_jsonl)(text, loader)
    return loader


def _read_bounded(path: Path, limits: KBLimits) -> bytes:
    """Read at most max_bytes + 1 bytes, after checking the size on disk (nothing big is read to refuse it).

    Only regular files are read: a FIFO, socket or device would block or never end."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a pipe, socket or device)"
            _fail(f"is {kind}; give a .csv, .tsv, .json or .jsonl file", str(path))
        if info.st_size > limits.max_bytes:
            _fail(f"file is {info.st_size} bytes; the limit is {limits.max_bytes}", str(path))
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # never wait on a file swapped for a pipe
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                _fail("is not a regular file (a pipe, socket or device)", str(path))
            return handle.read(limits.max_bytes + 1)
    except OSError as exc:
        _fail(f"cannot read the file: {exc.strerror or exc}", str(path))


class KnowledgeBase:
    """An ordered, duplicate-free list of triples that can be loaded, edited and saved.

    Loading validates everything before an object exists (a failed load changes nothing). Edits validate the
    same way, bump :attr:`version` when they change something, and keep indices stable except after
    :meth:`remove`, which shifts the later triples down by one.
    """

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __init__(self, triples: Iterable[Triple | Mapping[str, Any]] = (), *, source: str | None = None,
                 limits: KBLimits = DEFAULT_LIMITS) -> None:
        loader = triples if isinstance(triples, _Loader) else _Loader(source or "<memory>", limits)
        if loader is not triples:  # the file loaders pass an already validated _Loader
            for item, triple in enumerate(triples, 1):
                loader.add_record(triple, item=item)
        self._triples, self._index = loader.triples, loader.index
        self.source, self.limits = source, loader.limits
        self.duplicates_removed = loader.duplicates
        self._version = 0
        self._view: tuple[Triple, ...] | None = None
        self._fingerprint: tuple[int, str] | None = None

    @classmethod
    def from_file(cls, path: str | os.PathLike[str], *, limits: KBLimits = DEFAULT_LIMITS) -> KnowledgeBase:
        """Load a .csv, .tsv, .json, .jsonl (or .ndjson) file, chosen by extension."""
        return cls._load(path, _format_of(path), limits)

    @classmethod
    def from_bytes(cls, data: bytes, filename: str, *, limits: KBLimits = DEFAULT_LIMITS) -> KnowledgeBase:
        """Load uploaded content; ``filename`` picks the format and names the file in error messages."""
        return cls(_parse(data, _format_of(filename), filename, limits), source=filename)

    @classmethod
    def from_csv(cls, path: str | os.PathLike[str], *, limits: KBLimits = DEFAULT_LIMITS) -> KnowledgeBase:
        return cls._load(path, "csv", limits)

    @classmethod
    def from_tsv(cls, path: str | os.PathLike[str], *, limits: KBLimits = DEFAULT_LIMITS) -> KnowledgeBase:
        return cls._load(path, "tsv", limits)

    @classmethod
    def from_json(cls, path: str | os.PathLike[str], *, limits: KBLimits = DEFAULT_LIMITS) -> KnowledgeBase:
        return cls._load(path, "json", limits)

    @classmethod
    def from_jsonl(cls, path: str | os.PathLike[str], *, limits: KBLimits = DEFAULT_LIMITS) -> KnowledgeBase:
        return cls._load(path, "jsonl", limits)

    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, Any] | Triple], *, source: str = "<records>",
                     limits: KBLimits = DEFAULT_LIMITS) -> KnowledgeBase:
        """Build from dicts (same column rules as files); errors name the record as "item N" (1-based)."""
        loader = _Loader(source, limits)
        for item, record in enumerate(records, 1):
            loader.add_record(record, item=item)
        loader.finish()
        return cls(loader, source=source)

    @classmethod
    def _load(cls, path: str | os.PathLike[str], fmt: str, limits: KBLimits) -> KnowledgeBase:
        path = Path(path)
        return cls(_parse(_read_bounded(path, limits), fmt, str(path), limits), source=str(path))

    @property
    def triples(self) -> tuple[Triple, ...]:
        """Read-only snapshot of the triples in order."""
        if self._view is None:
            self._view = tuple(self._triples)
        return self._view

    @property
    def version(self) -> int:
        """Incremented by every edit that changes the content (caches compare it)."""
        return self._version

    def __len__(self) -> int:
        return len(self._triples)

    def __iter__(self) -> Iterator[Triple]:
        return iter(self.triples)

    def __getitem__(self, index: int) -> Triple:
        return self._triples[index]

    def __contains__(self, triple: object) -> bool:
        return isinstance(triple, Triple) and triple in self._index

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, KnowledgeBase):
            return NotImplemented
        return self._triples == other._triples

    def __repr__(self) -> str:
        return f"KnowledgeBase({len(self)} triples, source={self.source!r}, version={self._version})"

    def _validated(self, triple: Triple | Mapping[str, Any]) -> Triple:
        loader = _Loader(None, self.limits)
        loader.add_record(triple)
        return loader.triples[0]

    def _changed(self) -> None:
        self._version += 1
        self._view = None

    def add(self, triple: Triple | Mapping[str, Any]) -> int:
        """Append a triple and return its index. An identical triple is not added twice: its existing index is
        returned and the version does not change. Raises KBFormatError for bad fields or a full KB."""
        new = self._validated(triple)
        if new in self._index:
            return self._index[new]
        if len(self._triples) >= self.limits.max_triples:
            _fail(f"the knowledge base is full ({self.limits.max_triples} triples, the limit)", None)
        self._index[new] = len(self._triples)
        self._triples.append(new)
        self._changed()
        return self._index[new]

    def remove(self, index_or_triple: int | Triple) -> Triple:
        """Remove by index or by value and return the removed triple (IndexError / KeyError if absent)."""
        if isinstance(index_or_triple, Triple):
            if index_or_triple not in self._index:
                raise KeyError(f"triple not in the knowledge base: {index_or_triple}")
            index = self._index[index_or_triple]
        else:
            index = range(len(self._triples))[index_or_triple]  # IndexError, negative indices allowed
        removed = self._triples.pop(index)
        del self._index[removed]
        for pos in range(index, len(self._triples)):
            self._index[self._triples[pos]] = pos
        self._changed()
        return removed

    def replace(self, index: int, triple: Triple | Mapping[str, Any]) -> Triple:
        """Put a new triple at ``index`` and return the old one. Refuses to create a duplicate of another
        triple (KBFormatError naming its index)."""
        index = range(len(self._triples))[index]
        new, old = self._validated(triple), self._triples[index]
        if new == old:
            return old
        if new in self._index:
            _fail(f"an identical triple already exists at index {self._index[new]}", None)
        del self._index[old]
        self._index[new] = index
        self._triples[index] = new
        self._changed()
        return old

    def search(self, text: str) -> list[int]:
        """Indices of triples whose name, property or value contains ``text`` (case-insensitive); a blank
        query matches everything."""
        query = text.strip().casefold()
        if not query:
            return list(range(len(self._triples)))
        return [i for i, t in enumerate(self._triples)
                if query in t.name.casefold() or query in t.property.casefold() or query in t.value.casefold()]

    def names(self) -> list[str]:
        """Distinct entity names in order of first appearance."""
        return list(dict.fromkeys(t.name for t in self._triples))

    def properties(self) -> list[str]:
        """Distinct property names in order of first appearance."""
        return list(dict.fromkeys(t.property for t in self._triples))

    def to_records(self) -> list[dict[str, str]]:
        return [t.as_dict() for t in self._triples]

    def fingerprint(self) -> str:
        """SHA-256 of the ordered content ids: equal for equal content, changes with any edit or reorder."""
        if self._fingerprint is None or self._fingerprint[0] != self._version:
            digest = hashlib.sha256("\n".join(t.content_id for t in self._triples).encode()).hexdigest()
            self._fingerprint = (self._version, digest)
        return self._fingerprint[1]

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write as CSV/TSV/JSON/JSONL (by extension, UTF-8) via a temporary file, so a failed write never
        leaves a truncated file behind. Returns the path."""
        path = Path(path)
        fmt = _format_of(path)
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644  # mkstemp would leave 0600
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            os.chmod(tmp, mode)
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                _write(handle, fmt, self.to_records())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        logger.info("saved %d triples to %s", len(self), path)
        return path


def _write(handle: io.TextIOBase, fmt: str, records: list[dict[str, str]]) -> None:
    if fmt in ("csv", "tsv"):
        writer = csv.DictWriter(handle, fieldnames=FIELDS, delimiter="\t" if fmt == "tsv" else ",",
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
    elif fmt == "json":
        json.dump(records, handle, ensure_ascii=False, indent=1)
        handle.write("\n")
    else:
        handle.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def bundled_examples() -> dict[str, Path]:
    """The example knowledge bases shipped in ``kblam/examples``, keyed by file stem (e.g. "solar_system")."""
    return {p.stem: p for p in sorted(EXAMPLES_DIR.iterdir()) if p.suffix.lower() in _FORMATS}
