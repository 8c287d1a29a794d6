"""Knowledge bases held by the app: :class:`KBEntry` (a KB plus its encoding for one engine, re-encoded
incrementally after edits), :func:`apply_table_edits` (an edited table view applied to a KB, validated first)
and :class:`KBStore` (the KBs uploaded through ``/v1/kbs``, each owned by the identity that uploaded it).

A store given an engine (:meth:`KBStore.start_encoding`) encodes each KB at upload, in one background worker,
and its entries report their state (``encoding`` with strings done / total, ``ready``, ``failed`` with the
reason); with a disk cache (:mod:`kblam.kb_cache`) an encoding is stored memory-mapped and reused after a
restart, so the worker then only maps the file back."""

from __future__ import annotations

import json
import logging
import queue
import shutil
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from . import candidates
from .encoder import EmbeddingCache, encode_kb
from .engine import KBLaM
from .errors import BusyError, KBFormatError, KBLaMError
from .kb import KBLimits, KnowledgeBase
from .kb_cache import EncodedKBCache

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


class KBEntry:
    """A knowledge base and its encoding for one engine; re-encoding after an edit only computes new strings
    (the engine's embedding cache), and :attr:`last_new_strings` says how many that was."""

    def __init__(self, kb: KnowledgeBase, *, name: str | None = None, encoded=None,
                 disk: EncodedKBCache | None = None) -> None:
        self.kb = kb
        self.name = name or kb.source or "knowledge base"
        self.created = time.time()
        self.last_new_strings = 0
        self._encoded: tuple[tuple[int, str], Any] | None = None
        self._preset = encoded  # e.g. pulled from the Hub: used while it matches the content and the encoder
        self._lock = threading.Lock()
        self.disk = disk  # where encodings are stored and looked up first (None: memory only)
        # "pending" (encoded at first use), "encoding", "ready" or "failed" (with ``error``)
        self.state, self.error = "pending", ""
        self.done = self.total = 0  # strings encoded so far / in all, while encoding
        self.encode_seconds: float | None = None

    def encoded(self, engine: KBLaM, progress: Progress | None = None):
        """The :class:`~kblam.encoder.EncodedKB` of the current content for ``engine``."""
        key = (id(engine), self.kb.fingerprint())
        with self._lock:
            if self._encoded is not None and self._encoded[0] == key:
                return self._encoded[1]
            preset = self._preset
            if (preset is not None and preset.encoder_id == engine.encoder.id
                    and list(preset.triples) == list(self.kb)):
                self.last_new_strings = 0
                self._encoded = (key, preset)
                return preset
            encoded = self._encode(engine, progress)
            self._encoded = (key, encoded)
            return encoded

    def _encode(self, engine: KBLaM, progress: Progress | None):
        triples = list(self.kb)
        if self.disk is not None:
            stored = self.disk.load(triples, engine.encoder.id)
            if stored is not None:
                self.last_new_strings = 0
                return stored
        # a large KB does not go through the engine's shared embedding cache (it would hold it all twice)
        large = len(triples) > getattr(engine, "exhaustive_max", candidates.EXHAUSTIVE_MAX)
        cache = EmbeddingCache(max_entries=1) if large else engine.cache
        before = cache.misses
        encoded = encode_kb(triples, engine.encoder, cache, progress=progress)
        self.last_new_strings = cache.misses - before
        if self.disk is not None and triples:
            try:
                encoded = self.disk.save(encoded)  # memory-mapped from now on
            except OSError as exc:
                log.warning("could not store the encoded KB %s: %s", self.name, exc)
        return encoded

    def encode_now(self, engine: KBLaM) -> None:
        """Encode for ``engine`` with the state and progress tracked (``status()``), then build what the first
        question on a large KB would wait for; failures end in state ``failed`` with the reason."""
        self.state, self.done, self.total, self.error = "encoding", 0, 2 * len(self.kb), ""
        start = time.perf_counter()

        def track(done: int, total: int) -> None:
            self.done, self.total = done, total

        try:
            encoded = self.encoded(engine, progress=track)
            if hasattr(engine, "exhaustive_max"):  # a real engine (a test's stand-in has no matcher to warm)
                candidates.warm(engine, encoded)
        except Exception as exc:  # noqa: BLE001 - reported through status()
            log.exception("encoding KB %s failed", self.name)
            self.state, self.error = "failed", f"{type(exc).__name__}: {exc}"
            return
        self.done = self.total
        self.encode_seconds = time.perf_counter() - start
        self.state = "ready"

    def status(self) -> dict:
        """The encoding state as the API reports it."""
        out: dict[str, Any] = {"state": self.state, "done": self.done, "total": self.total, "unit": "strings"}
        if self.error:
            out["message"] = self.error
        if self.encode_seconds is not None:
            out["seconds"] = round(self.encode_seconds, 3)
        return out

    @property
    def encoder_id(self) -> str | None:
        """The encoder of the last encoding (None before the first)."""
        return self._encoded[1].encoder_id if self._encoded is not None else None

    def describe(self) -> dict:
        return {"name": self.name, "num_triples": len(self.kb), "names": len(self.kb.names()),
                "properties": len(self.kb.properties())}


def apply_table_edits(kb: KnowledgeBase, shown: Sequence[int], rows: Sequence[Sequence[Any]]) -> dict[str, int]:
    """Apply an edited table view to ``kb``.

    ``shown``: the KB indices the view displayed (in order); ``rows``: the edited rows as (index, name, property,
    value). A row whose index was shown and whose fields changed replaces that triple; a shown index missing from
    the rows is deleted; a row with a blank index is added. All rows are validated before anything changes (a
    KBFormatError names the row and field and leaves the KB untouched). Returns the counts."""
    shown_set = set(shown)
    updates: dict[int, dict[str, str]] = {}
    additions: list[dict[str, str]] = []
    for number, row in enumerate(rows, 1):
        cells = ["" if c is None else str(c).strip() for c in list(row)[:4]]
        cells += [""] * (4 - len(cells))
        index_text, values = cells[0], dict(zip(("name", "property", "value"), cells[1:], strict=True))
        if not index_text and not any(values.values()):
            continue  # an empty new row
        try:
            probe = KnowledgeBase(limits=kb.limits)
            probe.add(values)  # the same validation as files: names the field
            record = probe[0]
        except KBFormatError as exc:
            raise KBFormatError(exc.reason, file="table", line=number, field=exc.field) from None
        if not index_text:
            additions.append(record.as_dict())
            continue
        try:
            index = int(float(index_text))
        except ValueError:
            raise KBFormatError(f"'#' must be a triple number, got {index_text!r}", file="table", line=number,
                                field="#") from None
        if index not in shown_set:
            raise KBFormatError(f"triple #{index} is not in the table shown; clear '#' to add a new triple",
                                file="table", line=number, field="#")
        if index in updates:
            raise KBFormatError(f"triple #{index} appears twice", file="table", line=number, field="#")
        updates[index] = record.as_dict()
    deleted = sorted(shown_set - set(updates), reverse=True)
    trial = KnowledgeBase(kb.triples, source=kb.source, limits=kb.limits)  # rehearse on a copy first
    counts = _apply(trial, updates, deleted, additions)
    _apply(kb, updates, deleted, additions)
    return counts


def _apply(kb: KnowledgeBase, updates: dict[int, dict], deleted: list[int], additions: list[dict]) -> dict:
    changed = sum(kb[i].as_dict() != rec for i, rec in updates.items())
    for index, record in updates.items():
        kb.replace(index, record)
    for index in deleted:  # highest first, so earlier indices stay valid
        kb.remove(index)
    before = len(kb)
    for record in additions:
        kb.add(record)
    return {"edited": changed, "deleted": len(deleted), "added": len(kb) - before}


class KBStore:
    """Knowledge bases uploaded through ``/v1/kbs``, each owned by the identity that uploaded it.

    Ids are random; an owner sees, uses and deletes only its own KBs (another owner's id answers "not found").
    Each owner keeps at most ``max_per_owner`` KBs (its own oldest is dropped), so one caller cannot evict
    everybody's; ``max_total`` bounds the whole store (a new KB is then refused with BusyError). With ``root``
    every KB is also written to ``root/<id>/`` (triples + owner) and read back at start-up."""

    def __init__(self, max_per_owner: int, *, max_total: int = 1024, root: str | Path | None = None,
                 limits: KBLimits | None = None, disk: EncodedKBCache | None = None) -> None:
        self.max_per_owner, self.max_total = max_per_owner, max_total
        self.root = Path(root) if root else None
        self.disk = disk
        self._items: OrderedDict[str, tuple[str, KBEntry]] = OrderedDict()
        self._lock = threading.Lock()
        self._queue: queue.Queue[str] = queue.Queue()
        self._engine_fn: Callable[[], KBLaM] | None = None
        if self.root is not None:
            self._load(limits)

    def _load(self, limits: KBLimits | None) -> None:
        assert self.root is not None
        self.root.mkdir(parents=True, exist_ok=True)
        found = []
        for folder in self.root.glob("kb-*"):
            try:
                meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
                kb = KnowledgeBase.from_file(folder / "kb.jsonl", **({"limits": limits} if limits else {}))
            except (OSError, ValueError, KBLaMError) as exc:
                log.warning("skipping stored KB %s: %s", folder.name, exc)
                continue
            entry = KBEntry(kb, name=meta.get("name"), disk=self.disk)
            entry.created = float(meta.get("created", entry.created))
            found.append((entry.created, folder.name, str(meta.get("owner", "anonymous")), entry))
        for _, kb_id, owner, entry in sorted(found):
            self._items[kb_id] = (owner, entry)
        if found:
            log.info("loaded %d stored KBs from %s", len(found), self.root)

    def _save(self, kb_id: str, owner: str, entry: KBEntry) -> None:
        if self.root is None:
            return
        folder = self.root / kb_id
        folder.mkdir(parents=True, exist_ok=True)
        entry.kb.save(folder / "kb.jsonl")
        meta = {"owner": owner, "name": entry.name, "created": entry.created}
        (folder / "meta.json").write_text(json.dumps(meta) + "\n", encoding="utf-8")

    def _drop(self, kb_id: str) -> None:
        if self.root is not None:
            shutil.rmtree(self.root / kb_id, ignore_errors=True)

    def add(self, kb: KnowledgeBase, name: str | None = None, owner: str = "anonymous") -> str:
        kb_id = "kb-" + uuid.uuid4().hex[:20]
        entry = KBEntry(kb, name=name, disk=self.disk)
        with self._lock:
            mine = [i for i, (o, _) in self._items.items() if o == owner]
            dropped = mine[:max(0, len(mine) + 1 - self.max_per_owner)]
            if len(self._items) - len(dropped) >= self.max_total:
                raise BusyError(f"the server keeps {self.max_total} KBs and is full (max_total_kbs); delete "
                                "some of yours or try later")
            for old in dropped:
                del self._items[old]
                self._drop(old)
                log.info("dropped stored KB %s (max_stored_kbs=%d per owner)", old, self.max_per_owner)
            self._items[kb_id] = (owner, entry)
            self._save(kb_id, owner, entry)
        if self._engine_fn is not None:
            self._enqueue(kb_id, entry)
        return kb_id

    # ---- encoding at upload -------------------------------------------------------------------------------

    def start_encoding(self, engine_fn: Callable[[], KBLaM]) -> threading.Thread:
        """Encode every KB (those stored already, then each new one) in one background worker, with the engine
        ``engine_fn`` returns (it may block while the model loads)."""
        self._engine_fn = engine_fn
        with self._lock:
            waiting = [(kb_id, e) for kb_id, (_, e) in self._items.items() if e.state == "pending"]
        for kb_id, entry in waiting:
            self._enqueue(kb_id, entry)
        thread = threading.Thread(target=self._work, name="kblam-kb-encoder", daemon=True)
        thread.start()
        return thread

    def _enqueue(self, kb_id: str, entry: KBEntry) -> None:
        entry.state, entry.done, entry.total = "encoding", 0, 2 * len(entry.kb)
        self._queue.put(kb_id)

    def _work(self) -> None:
        assert self._engine_fn is not None
        while True:
            kb_id = self._queue.get()
            with self._lock:
                item = self._items.get(kb_id)
            if item is None:  # deleted while queued
                continue
            entry = item[1]
            try:
                engine = self._engine_fn()
            except Exception as exc:  # noqa: BLE001 - the model did not load: reported per KB
                entry.state, entry.error = "failed", f"the model stack did not load: {exc}"
                continue
            entry.encode_now(engine)

    def get(self, kb_id: str, owner: str = "anonymous") -> KBEntry | None:
        with self._lock:
            item = self._items.get(kb_id)
        return item[1] if item is not None and item[0] == owner else None

    def delete(self, kb_id: str, owner: str = "anonymous") -> bool:
        with self._lock:
            item = self._items.get(kb_id)
            if item is None or item[0] != owner:
                return False
            del self._items[kb_id]
            self._drop(kb_id)
        return True

    def list(self, owner: str = "anonymous") -> list[dict]:
        with self._lock:
            items = [(kb_id, e) for kb_id, (o, e) in self._items.items() if o == owner]
        return [{"id": kb_id, "object": "kb", "created": int(e.created), **e.describe(), "status": e.status()}
                for kb_id, e in items]
