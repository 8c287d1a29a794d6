"""Encoded KBs on disk: key and value embeddings as safetensors, memory-mapped when read back, reused across
restarts and by every KB with the same content.

A folder per (content, encoder): ``<root>/<key>/embeddings.safetensors`` (``key_emb``, ``value_emb``, float32,
in KB order) and ``meta.json`` (format, encoder id, dim, triple count). The key is a SHA-256 of the encoder id
and the triples' content ids, so an edited or reordered KB gets a new folder and a different encoder never
meets another's vectors. Knowledge tokens depend on the adapters too but are not stored: above the exhaustive
limit the engine computes them per question for a few hundred candidate triples (:mod:`kblam.candidates`),
which costs less than reading them back. Derived files (the candidate index) live in the same folder.

Reading uses ``safetensors.torch.load_file``, which maps the file: the process pays memory only for the pages
it touches, and those pages are file-backed (the OS can drop them). Disk use is bounded by ``max_bytes``: the
least recently used folders go first."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import threading
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

from safetensors.torch import load_file, save_file

from .encoder import EncodedKB
from .kb import Triple

log = logging.getLogger(__name__)

CACHE_FORMAT = 1
EMBEDDINGS = "embeddings.safetensors"
META = "meta.json"


def content_key(triples: Sequence[Triple], encoder_id: str) -> str:
    """The cache key of a KB's encoding: encoder id + format + every triple's content id, in order."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}\x1e{encoder_id}\x1e".encode())
    for t in triples:
        digest.update(t.content_id.encode())
    return digest.hexdigest()[:40]


def folder_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.iterdir() if f.is_file())


class EncodedKBCache:
    """Encoded KBs under ``root``, at most ``max_bytes`` of them on disk (least recently used dropped first)."""

    def __init__(self, root: str | Path, *, max_bytes: int = 8 << 30) -> None:
        self.root = Path(root)
        self.max_bytes = max_bytes
        self._lock = threading.Lock()

    def folder(self, triples: Sequence[Triple], encoder_id: str) -> Path:
        return self.root / content_key(triples, encoder_id)

    def load(self, triples: Sequence[Triple], encoder_id: str) -> EncodedKB | None:
        """The stored encoding of ``triples`` (memory-mapped), or None when there is none or it does not fit."""
        folder = self.folder(triples, encoder_id)
        try:
            meta = json.loads((folder / META).read_text(encoding="utf-8"))
            if (meta.get("format") != CACHE_FORMAT or meta.get("encoder_id") != encoder_id
                    or meta.get("num_triples") != len(triples)):
                log.warning("ignoring encoded KB %s: written for %s", folder.name, meta)
                return None
            tensors = load_file(str(folder / EMBEDDINGS))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable encoded KB %s: %s", folder.name, exc)
            return None
        keys, values = tensors["key_emb"], tensors["value_emb"]
        if keys.shape != values.shape or keys.shape[0] != len(triples) or keys.shape[1] != meta["dim"]:
            log.warning("ignoring encoded KB %s: shapes %s / %s", folder.name, tuple(keys.shape), tuple(values.shape))
            return None
        os.utime(folder)  # recently used
        return EncodedKB(list(triples), keys, values, encoder_id, int(meta["dim"]), store_dir=folder)

    def save(self, encoded: EncodedKB) -> EncodedKB:
        """Write ``encoded`` (atomically: a temporary folder renamed into place), make room under ``max_bytes``,
        and return the memory-mapped copy (the in-memory tensors can then be freed)."""
        folder = self.folder(encoded.triples, encoded.encoder_id)
        if not (folder / META).exists():
            self.root.mkdir(parents=True, exist_ok=True)
            tmp = self.root / f".tmp-{uuid.uuid4().hex}"
            tmp.mkdir()
            try:
                save_file({"key_emb": encoded.key_emb.float().contiguous(),
                           "value_emb": encoded.value_emb.float().contiguous()}, str(tmp / EMBEDDINGS))
                meta = {"format": CACHE_FORMAT, "encoder_id": encoded.encoder_id, "dim": encoded.dim,
                        "num_triples": len(encoded), "created": time.time()}
                (tmp / META).write_text(json.dumps(meta) + "\n", encoding="utf-8")
                try:
                    tmp.rename(folder)
                except OSError:  # written meanwhile by another thread or process: keep theirs
                    shutil.rmtree(tmp, ignore_errors=True)
            except BaseException:
                shutil.rmtree(tmp, ignore_errors=True)
                raise
        self.trim(keep=folder)
        return self.load(encoded.triples, encoded.encoder_id) or encoded

    def trim(self, keep: Path | None = None) -> list[str]:
        """Drop the least recently used folders until the cache holds at most ``max_bytes``; returns their names.
        ``keep`` (the folder just written) is never dropped."""
        dropped: list[str] = []
        with self._lock:
            if not self.root.is_dir():
                return dropped
            folders = [(f.stat().st_mtime, f) for f in self.root.iterdir() if f.is_dir() and not f.name.startswith(".")]
            sizes = {f: folder_bytes(f) for _, f in folders}
            total = sum(sizes.values())
            for _, folder in sorted(folders):
                if total <= self.max_bytes:
                    break
                if keep is not None and folder == keep:
                    continue
                shutil.rmtree(folder, ignore_errors=True)
                total -= sizes[folder]
                dropped.append(folder.name)
        if dropped:
            log.info("dropped %d encoded KBs from %s (max %d bytes)", len(dropped), self.root, self.max_bytes)
        return dropped
