"""Push knowledge bases and adapters to the Hugging Face Hub (or any Hub-compatible ``HF_ENDPOINT``) and pull
them back, with the real ``huggingface_hub`` client.

A KB is a *dataset* repo: ``kb.jsonl`` (the triples), ``encoded/kb.safetensors`` + ``encoded/meta.json`` (the
encoder embeddings, when given) and a dataset card. Adapters are a *model* repo: ``adapters.safetensors`` +
``meta.json`` (exactly what :meth:`KBAdapters.save` writes) and a model card ``README.md`` whose YAML front
matter names the base model, license and tags. Pulls go to fresh folders, never to the shared Hub cache (whose
offline fallback could hand one user's private download to another).

Tokens come from the caller (else ``huggingface_hub``'s own lookup) and are never logged, stored or part of an
error message: every failure becomes a :class:`HubError` with a scrubbed, actionable message.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from studio_core.errors import HubError
from studio_core.hub_errors import hub_errors

from .kb import KnowledgeBase, Triple

log = logging.getLogger(__name__)

KB_FILE = "kb.jsonl"
ENCODED_DIR = "encoded"
ADAPTER_FILES = ("adapters.safetensors", "meta.json")
_REPO_ID_RE = re.compile(r"^[A-Za-z0-9][\w.-]{0,95}/[A-Za-z0-9][\w.-]{0,95}$")


@dataclass
class PulledKB:
    kb: KnowledgeBase
    encoded: object | None  # kblam.encoder.EncodedKB when the repo carries one matching the triples
    repo_id: str


def endpoint_url(endpoint: str | None = None) -> str | None:
    """The endpoint argument, else ``HF_ENDPOINT`` read now (not at import), else the public Hub."""
    return (endpoint or os.environ.get("HF_ENDPOINT") or "").rstrip("/") or None


def check_repo_id(repo_id: str) -> str:
    repo_id = (repo_id or "").strip()
    if not _REPO_ID_RE.match(repo_id) or ".." in repo_id:
        raise HubError(f"invalid repo id {repo_id!r}: expected 'namespace/name' (letters, digits, '-', '_', '.')")
    return repo_id


# ---------------------------------------------------------------------------------------------- cards


def _front_matter(meta: dict) -> str:
    import yaml

    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n"


def kb_card(repo_id: str, num_triples: int, *, encoder_id: str | None, license: str = "other") -> str:
    """Dataset card of a KB repo (the Hub viewer reads ``kb.jsonl`` through ``configs``)."""
    meta = {"license": license, "tags": ["kblam", "knowledge-base", "triples"],
            "configs": [{"config_name": "default", "data_files": [{"split": "train", "path": KB_FILE}]}]}
    encoded = (f"`{ENCODED_DIR}/` holds the key/value embeddings made with `{encoder_id}`, so the KB can be "
               f"used without re-encoding." if encoder_id else "No embeddings are included; the app encodes "
               "the triples on load.")
    return (_front_matter(meta) + f"\n# {repo_id}\n\nA knowledge base of {num_triples} (name, property, value) "
            f"triples for KBLaM knowledge chat, one JSON object per line in `{KB_FILE}`.\n\n{encoded}\n")


def adapters_card(repo_id: str, meta: dict, *, license: str = "mit") -> str:
    """Model card of an adapters repo: base model, encoder, shapes and training steps from ``meta.json``."""
    backbone = str(meta.get("backbone_id", ""))
    front: dict = {"license": license, "tags": ["kblam", "knowledge-base", "rectangular-attention"],
                   "pipeline_tag": "text-generation"}
    if _REPO_ID_RE.match(backbone):
        front["base_model"] = backbone
    extra = meta.get("extra") or {}
    lines = [f"- backbone: `{backbone}` ({meta.get('num_layers')} layers, hidden {meta.get('hidden_size')})",
             f"- sentence encoder: `{meta.get('encoder_id')}` (dim {meta.get('encoder_dim')})",
             f"- KB layers: {meta.get('kb_layers')} (every {meta.get('layer_frequency')}th layer)",
             f"- trained steps: {extra.get('trained_steps', 'unknown')}"]
    return (_front_matter(front) + f"\n# {repo_id}\n\nKBLaM adapters (key/value adapters and KB query heads) "
            "for injecting a knowledge base of triples into a frozen LLM through rectangular attention.\n\n"
            + "\n".join(lines) + "\n\nFiles: `adapters.safetensors` (weights) and `meta.json` (shapes and "
            "provenance, checked on load). Load them in KBLaM Studio (Knowledge chat → Settings → adapters) or "
            "with `KBAdapters.load(folder)`.\n")


# ---------------------------------------------------------------------------------------------- KBs


def push_kb(triples: KnowledgeBase | Sequence[Triple], repo_id: str, *, encoded=None, token: str | None = None,
            private: bool = False, endpoint: str | None = None, commit_message: str | None = None) -> str:
    """Upload a KB (triples, optional encoded tensors + meta, card) in one commit; returns the repo URL."""
    from huggingface_hub import CommitOperationAdd, HfApi

    repo_id = check_repo_id(repo_id)
    triples = list(triples)
    if not triples:
        raise HubError("nothing to push: the knowledge base is empty")
    if encoded is not None and list(encoded.triples) != triples:
        raise HubError("the encoded KB does not match the triples being pushed; re-encode before pushing")
    data = "".join(json.dumps(t.as_dict(), ensure_ascii=False) + "\n" for t in triples).encode("utf-8")
    ops = [CommitOperationAdd(KB_FILE, data)]
    with tempfile.TemporaryDirectory(prefix="kblam-push-") as tmp:
        if encoded is not None:
            folder = encoded.save(Path(tmp) / ENCODED_DIR)
            ops += [CommitOperationAdd(f"{ENCODED_DIR}/{p.name}", p.read_bytes()) for p in sorted(folder.iterdir())]
        card = kb_card(repo_id, len(triples), encoder_id=getattr(encoded, "encoder_id", None))
        ops.append(CommitOperationAdd("README.md", card.encode("utf-8")))
        endpoint = endpoint_url(endpoint)
        api = HfApi(endpoint=endpoint, token=token)
        with hub_errors(repo_id, "push to", endpoint, token):
            url = api.create_repo(repo_id, repo_type="dataset", private=private, exist_ok=True)
            api.create_commit(repo_id, ops, repo_type="dataset", token=token,
                              commit_message=commit_message or f"Upload a KB of {len(triples)} triples")
    log.info("pushed a KB of %d triples to %s", len(triples), repo_id)
    return str(url)


def pull_kb(repo_id: str, *, token: str | None = None, revision: str = "main", endpoint: str | None = None,
            encoder_id: str | None = None) -> PulledKB:
    """Download a KB repo. The triples are validated like an uploaded file (errors name the file and line);
    the encoded tensors are returned only when they match the triples (and ``encoder_id`` when given)."""
    from huggingface_hub import snapshot_download

    from .encoder import EncodedKB
    from .errors import ModelLoadError

    repo_id = check_repo_id(repo_id)
    endpoint = endpoint_url(endpoint)
    with tempfile.TemporaryDirectory(prefix="kblam-pull-") as tmp:
        with hub_errors(repo_id, "pull", endpoint, token):
            folder = Path(snapshot_download(repo_id, repo_type="dataset", revision=revision, token=token,
                                            endpoint=endpoint, local_dir=tmp,
                                            allow_patterns=[KB_FILE, f"{ENCODED_DIR}/*"]))
        kb_path = folder / KB_FILE
        if not kb_path.is_file():
            raise HubError(f"repo {repo_id} has no {KB_FILE}: is it a KBLaM knowledge base?")
        kb = KnowledgeBase.from_bytes(kb_path.read_bytes(), f"{repo_id}/{KB_FILE}")
        encoded = None
        if (folder / ENCODED_DIR / "meta.json").is_file():
            try:
                encoded = EncodedKB.load(folder / ENCODED_DIR, encoder_id=encoder_id)
            except ModelLoadError as exc:
                log.warning("%s: ignoring the encoded KB: %s", repo_id, exc)
            if encoded is not None and list(encoded.triples) != list(kb):
                log.warning("%s: the encoded KB does not match %s; it will be re-encoded", repo_id, KB_FILE)
                encoded = None
    return PulledKB(kb, encoded, repo_id)


# ---------------------------------------------------------------------------------------------- adapters


def push_adapters(folder: str | Path, repo_id: str, *, token: str | None = None, private: bool = False,
                  endpoint: str | None = None, license: str = "mit", commit_message: str | None = None) -> str:
    """Upload an adapters folder (safetensors + meta.json) with a generated model card; returns the repo URL."""
    from huggingface_hub import CommitOperationAdd, HfApi

    repo_id = check_repo_id(repo_id)
    folder = Path(folder)
    missing = [name for name in ADAPTER_FILES if not (folder / name).is_file()]
    if missing:
        raise HubError(f"{folder} is not an adapters folder: missing {', '.join(missing)}")
    try:
        meta = json.loads((folder / "meta.json").read_text())
    except ValueError as exc:
        raise HubError(f"{folder / 'meta.json'} is not valid JSON: {exc}") from None
    ops = [CommitOperationAdd(name, str(folder / name)) for name in ADAPTER_FILES]
    ops.append(CommitOperationAdd("README.md", io.BytesIO(adapters_card(repo_id, meta, license=license).encode())))
    endpoint = endpoint_url(endpoint)
    api = HfApi(endpoint=endpoint, token=token)
    with hub_errors(repo_id, "push to", endpoint, token):
        url = api.create_repo(repo_id, repo_type="model", private=private, exist_ok=True)
        api.create_commit(repo_id, ops, repo_type="model", token=token,
                          commit_message=commit_message or "Upload KBLaM adapters")
    log.info("pushed adapters from %s to %s", folder, repo_id)
    return str(url)


def pull_adapters(repo_id: str, *, token: str | None = None, revision: str = "main", endpoint: str | None = None,
                  dest: str | Path | None = None) -> Path:
    """Download an adapters repo into ``dest`` (default: a new temporary folder) and return it; the shapes are
    checked when the adapters are loaded.

    Never the shared Hub cache: huggingface_hub falls back to cached files when the Hub refuses a request, which
    would hand one user's private download to another user of the same server."""
    from huggingface_hub import snapshot_download

    repo_id = check_repo_id(repo_id)
    endpoint = endpoint_url(endpoint)
    folder = Path(dest) if dest is not None else Path(tempfile.mkdtemp(prefix="kblam-adapters-"))
    try:
        with hub_errors(repo_id, "pull", endpoint, token):
            snapshot_download(repo_id, repo_type="model", revision=revision, token=token, endpoint=endpoint,
                              local_dir=folder, allow_patterns=[*ADAPTER_FILES, "README.md"])
        missing = [name for name in ADAPTER_FILES if not (folder / name).is_file()]
        if missing:
            raise HubError(f"repo {repo_id} has no KBLaM adapters: missing {', '.join(missing)}")
    except BaseException:
        if dest is None:  # a failed pull leaves no folder of its own behind
            shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder
