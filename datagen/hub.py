"""Push datasets to, and pull them from, the Hugging Face Hub (or any Hub-compatible endpoint).

Everything goes through ``huggingface_hub`` (``HfApi.create_repo`` + one ``create_commit`` to push,
``snapshot_download`` to pull). The endpoint is the ``endpoint`` argument, else ``HF_ENDPOINT`` read at call
time, else the public Hub. The token comes from the caller, else ``huggingface_hub``'s own lookup (``HF_TOKEN``
or the saved login). The token is never logged, never written to disk by this module and never part of an
error message: every failure becomes a :class:`~datagen.errors.HubError` with a scrubbed message such as
"authentication failed (401) for repo X" or "repo X not found".

A push writes one Parquet file per split (``data/{split}-00000-of-00001.parquet``; other configs under
``{config_name}/``) and a ``README.md`` dataset card whose YAML front matter carries ``configs`` (data files
per split, merged with the configs already on the repo), license, language, task categories, size category
and tags.
"""

from __future__ import annotations

import fnmatch
import io
import logging
import os
import re
import tempfile
from pathlib import Path, PurePosixPath

import yaml

from datagen.errors import FormatError, HubError
from datagen.formats import read_records
from studio_core.hub_errors import hub_errors

logger = logging.getLogger(__name__)

DATA_EXTENSIONS = (".parquet", ".jsonl", ".json", ".csv")
KNOWN_SPLITS = ("train", "validation", "valid", "dev", "test", "eval")
CARD_OPTIONS = ("license", "language", "task_categories", "tags", "pretty_name", "description", "format")
_REPO_ID_RE = re.compile(r"^[A-Za-z0-9][\w.-]{0,95}/[A-Za-z0-9][\w.-]{0,95}$")
_SPLIT_RE = re.compile(r"^\w+$")
_FRONT_MATTER_RE = re.compile(r"\A\s*---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.DOTALL)
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


def _endpoint(endpoint: str | None) -> str | None:
    return (endpoint or os.environ.get("HF_ENDPOINT") or "").rstrip("/") or None


def _check_repo_id(repo_id: str) -> None:
    if not isinstance(repo_id, str) or not _REPO_ID_RE.match(repo_id) or ".." in repo_id:
        raise HubError(
            f"invalid repo id {repo_id!r}: expected 'namespace/name' (letters, digits, '-', '_', '.')"
        )


def _hub_errors(repo_id: str, action: str, endpoint: str | None, token: str | None):
    return hub_errors(repo_id, action, endpoint, token)


# ------------------------------------------------------------------------------------------------ card


def size_category(n: int) -> str:
    """The Hub's ``size_categories`` bucket for ``n`` rows."""
    bounds = [(1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"),
              (10_000_000, "1M<n<10M"), (100_000_000, "10M<n<100M"), (1_000_000_000, "100M<n<1B")]  # fmt: skip
    for bound, label in bounds:
        if n < bound:
            return label
    return "n>1T" if n >= 10**12 else "1B<n<10B"


def _guess_language(splits: dict[str, list[dict]]) -> list[str]:
    sample = " ".join(str(v) for rows in splits.values() for row in rows[:50] for v in row.values())[:20000]
    if sample and len(_CJK_RE.findall(sample)) > 0.2 * len(sample.replace(" ", "")):
        return ["zh"]
    return ["en"]


def data_file_path(split: str, config_name: str = "default") -> str:
    """Repository path of a split's Parquet file."""
    folder = "data" if config_name == "default" else config_name
    return f"{folder}/{split}-00000-of-00001.parquet"


def dataset_card(
    repo_id: str,
    split_sizes: dict[str, int],
    *,
    config_name: str = "default",
    configs: list[dict] | None = None,
    license: str = "other",
    language: list[str] | str | None = None,
    task_categories: list[str] | None = None,
    tags: list[str] | None = None,
    pretty_name: str | None = None,
    description: str | None = None,
    format: str | None = None,
    columns: list[str] | None = None,
) -> str:
    """A README.md dataset card: YAML front matter (configs and metadata) and a short Markdown body.

    ``configs`` are other configs already on the repo; the entry for ``config_name`` is replaced.
    """
    entry = {
        "config_name": config_name,
        "data_files": [{"split": s, "path": data_file_path(s, config_name)} for s in split_sizes],
    }
    merged = [c for c in (configs or []) if isinstance(c, dict) and c.get("config_name") != config_name]
    merged = sorted(
        [entry, *merged], key=lambda c: (c.get("config_name") != "default", str(c.get("config_name")))
    )
    total = sum(split_sizes.values())
    meta = {
        "license": license,
        "language": [language] if isinstance(language, str) else list(language or ["en"]),
        "task_categories": list(task_categories or ["question-answering", "text-generation"]),
        "size_categories": [size_category(total)],
        "tags": list(tags or ["kblam-studio", "synthetic"]),
        "pretty_name": pretty_name or repo_id.split("/")[-1],
        "configs": merged,
    }
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True).strip()
    rows = "\n".join(f"| {split} | {n:,} |" for split, n in split_sizes.items())
    body = [
        f"# {meta['pretty_name']}",
        "",
        description or "Question/answer data generated from documents with KBLaM Studio.",
        "",
        "| split | rows |",
        "|---|---|",
        rows,
        "",
    ]
    if format:
        body += [
            f"Format: `{format}`"
            + (f" (columns: {', '.join(f'`{c}`' for c in columns)})" if columns else "."),
            "",
        ]
    body += [
        "```python",
        "from datasets import load_dataset",
        "",
        f'ds = load_dataset("{repo_id}"' + (f', "{config_name}")' if config_name != "default" else ")"),
        "```",
        "",
    ]
    return f"---\n{front}\n---\n\n" + "\n".join(body)


def parse_card(text: str) -> dict:
    """The YAML front matter of a README.md as a dict ({} when there is none or it is malformed)."""
    match = _FRONT_MATTER_RE.match(text)
    if not match:
        return {}
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        logger.warning("ignoring malformed dataset card front matter: %s", exc)
        return {}
    return data if isinstance(data, dict) else {}


# ------------------------------------------------------------------------------------------------ push


def _parquet_bytes(records: list[dict]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns: dict[str, None] = {}
    for record in records:
        columns.update(dict.fromkeys(record))
    table = pa.Table.from_pydict({c: [r.get(c) for r in records] for c in columns})
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def _check_splits(splits: dict[str, list[dict]]) -> None:
    if not splits:
        raise HubError("nothing to push: no splits given")
    for name, rows in splits.items():
        if not _SPLIT_RE.match(str(name)):
            raise HubError(f"invalid split name {name!r}: use letters, digits and '_'")
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise HubError(f"split {name!r} must be a list of records (dicts)")


def _existing_state(api, repo_id: str, token: str | None) -> tuple[list[str], list[dict]]:
    """Files and card configs already on the repo ([] and [] for a new or empty repo)."""
    from huggingface_hub.errors import EntryNotFoundError

    files = api.list_repo_files(repo_id, repo_type="dataset", token=token)
    if "README.md" not in files:
        return files, []
    with tempfile.TemporaryDirectory(prefix="datagen-card-") as tmp:
        try:
            readme = api.hf_hub_download(
                repo_id, "README.md", repo_type="dataset", token=token, cache_dir=tmp
            )
        except EntryNotFoundError:
            return files, []
        configs = parse_card(Path(readme).read_text(encoding="utf-8", errors="replace")).get("configs") or []
    return files, [c for c in configs if isinstance(c, dict)]


def push_dataset(
    splits: dict[str, list[dict]],
    repo_id: str,
    *,
    token: str | None = None,
    private: bool = False,
    card: dict | None = None,
    config_name: str = "default",
    endpoint: str | None = None,
    commit_message: str | None = None,
) -> str:
    """Upload ``splits`` (split name -> records) as Parquet plus a dataset card in one commit; returns the repo URL.

    ``card`` holds dataset-card fields (see :data:`CARD_OPTIONS`); unknown keys raise HubError. Stale Parquet
    files of the same config (splits no longer pushed) are deleted in the same commit.
    """
    from huggingface_hub import CommitOperationAdd, CommitOperationDelete, HfApi

    _check_repo_id(repo_id)
    _check_splits(splits)
    if not _SPLIT_RE.match(config_name):
        raise HubError(f"invalid config name {config_name!r}: use letters, digits and '_'")
    card = dict(card or {})
    unknown = sorted(set(card) - set(CARD_OPTIONS))
    if unknown:
        raise HubError(
            f"unknown dataset card field(s) {', '.join(unknown)}; allowed: {', '.join(CARD_OPTIONS)}"
        )
    card.setdefault("language", _guess_language(splits))
    columns = sorted({k for rows in splits.values() for row in rows[:100] for k in row})
    endpoint = _endpoint(endpoint)
    api = HfApi(endpoint=endpoint, token=token)
    with _hub_errors(repo_id, "push to", endpoint, token):
        url = api.create_repo(repo_id, repo_type="dataset", private=private, exist_ok=True)
        existing_files, configs = _existing_state(api, repo_id, token)
        readme = dataset_card(
            repo_id, {s: len(r) for s, r in splits.items()}, config_name=config_name, configs=configs,
            columns=columns, **card,
        )  # fmt: skip
        operations = [CommitOperationAdd("README.md", readme.encode("utf-8"))]
        new_paths = set()
        for split, rows in splits.items():
            path = data_file_path(split, config_name)
            new_paths.add(path)
            operations.append(CommitOperationAdd(path, _parquet_bytes(rows)))
        folder = str(PurePosixPath(data_file_path("x", config_name)).parent)
        stale = [
            f
            for f in existing_files
            if f.startswith(folder + "/") and f.endswith(".parquet") and f not in new_paths
        ]
        operations += [CommitOperationDelete(f) for f in stale]
        message = commit_message or f"Upload {', '.join(f'{s} ({len(r)} rows)' for s, r in splits.items())}"
        info = api.create_commit(
            repo_id, operations, commit_message=message, repo_type="dataset", token=token
        )
    logger.info("pushed %d split(s) to %s (commit %s)", len(splits), repo_id, info.oid)
    return str(url)


# ------------------------------------------------------------------------------------------------ pull


def _split_of(path: str) -> str:
    """Split name guessed from a data file path the way the Hub viewer does (file name prefix or folder)."""
    parts = PurePosixPath(path).parts
    stem = PurePosixPath(path).name.split(".")[0]
    for candidate in [stem, *reversed(parts[:-1])]:
        token = re.split(r"[-_.]", candidate.lower())[0]
        if token in KNOWN_SPLITS:
            return {"valid": "validation", "dev": "validation", "eval": "test"}.get(token, token)
    return "train"


def _card_splits(card: dict, files: list[str], config_name: str | None) -> dict[str, list[str]] | None:
    """split -> files from the card's ``configs`` entry (None when the card has no usable configs)."""
    configs = [c for c in card.get("configs") or [] if isinstance(c, dict)]
    if not configs:
        return None
    wanted = config_name or "default"
    config = next((c for c in configs if c.get("config_name") == wanted), None)
    if config is None:
        if config_name:
            names = ", ".join(str(c.get("config_name")) for c in configs)
            raise HubError(f"config {config_name!r} not in the dataset card (configs: {names})")
        config = configs[0]
    data_files = config.get("data_files")
    if isinstance(data_files, (str, list)) and (
        isinstance(data_files, str) or all(isinstance(d, str) for d in data_files)
    ):
        data_files = [{"split": "train", "path": data_files}]
    result: dict[str, list[str]] = {}
    for entry in data_files or []:
        if not isinstance(entry, dict):
            continue
        patterns = entry.get("path")
        patterns = [patterns] if isinstance(patterns, str) else list(patterns or [])
        matched = sorted({f for f in files for p in patterns if fnmatch.fnmatch(f, p)})
        result[str(entry.get("split", "train"))] = matched
    return result


def _read_splits(
    folder: Path, layout: dict[str, list[str]], repo_id: str, *, strict: bool
) -> dict[str, list[dict]]:
    """Read each split's files; without a card (``strict=False``) JSON files that are not record lists are skipped."""
    splits: dict[str, list[dict]] = {}
    for split, split_files in layout.items():
        rows: list[dict] = []
        for name in split_files:
            try:
                rows.extend(read_records(folder / name))
            except FormatError as exc:
                detail = str(exc).split(": ", 1)[-1]
                if not strict and name.endswith(".json"):
                    logger.warning("repo %s: skipping %s: %s", repo_id, name, detail)
                    continue
                raise HubError(f"repo {repo_id}: {name}: {detail}") from exc
        if rows or strict:
            splits[split] = rows
    if not splits:
        raise HubError(f"repo {repo_id} has no readable data files")
    return splits


def pull_dataset(
    repo_id: str,
    *,
    token: str | bool | None = None,
    revision: str = "main",
    endpoint: str | None = None,
    config_name: str | None = None,
) -> dict[str, list[dict]]:
    """Download a dataset repo's data files and return split -> records. ``token=None`` lets huggingface_hub use
    the machine's own login (``HF_TOKEN``, a saved token): right for the CLI, never for a visitor of the app, who
    passes their own token or ``False`` (public repos only).

    Splits come from the card's ``configs`` (``config_name``, else "default", else the first) or, without a
    card, from the file names (``train-*.parquet``, ``test.jsonl``, ``data/validation/…``).
    """
    from huggingface_hub import snapshot_download

    _check_repo_id(repo_id)
    endpoint = _endpoint(endpoint)
    patterns = ["README.md", *(f"*{ext}" for ext in DATA_EXTENSIONS)]
    with tempfile.TemporaryDirectory(prefix="datagen-pull-") as tmp:
        with _hub_errors(repo_id, "pull", endpoint, token):
            folder = Path(
                snapshot_download(
                    repo_id,
                    repo_type="dataset",
                    revision=revision,
                    token=token,
                    endpoint=endpoint,
                    local_dir=tmp,
                    allow_patterns=patterns,
                )  # fmt: skip
            )
        files = sorted(
            p.relative_to(folder).as_posix()
            for p in folder.rglob("*")
            if p.is_file() and p.suffix in DATA_EXTENSIONS and ".cache" not in p.relative_to(folder).parts
        )
        if not files:
            raise HubError(f"repo {repo_id} has no data files ({', '.join(DATA_EXTENSIONS)})")
        readme = folder / "README.md"
        card = parse_card(readme.read_text(encoding="utf-8", errors="replace")) if readme.is_file() else {}
        layout = _card_splits(card, files, config_name)
        from_card = bool(layout) and any(layout.values())
        if not from_card:
            layout = {}
            for f in files:
                if not PurePosixPath(f).name.startswith("dataset_info"):
                    layout.setdefault(_split_of(f), []).append(f)
        splits = _read_splits(folder, layout, repo_id, strict=from_card)
    logger.info("pulled %s: %s", repo_id, ", ".join(f"{s} ({len(r)})" for s, r in splits.items()))
    return splits
