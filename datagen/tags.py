"""The domain tag tree: built from the documents' outlines with the LLM, revised, or kept; and tag lookup.

Modes: ``auto`` (the default) builds a tree when there is none (or when building it failed last time) and
otherwise keeps it, so re-running a pipeline never throws away the labels; ``rebuild`` replaces the tree with
the model's proposal and re-attaches every labelled question to the new tag of the same path or name (the
report says how many kept their tag and how many lost it); ``revise`` shows the model the current tree and
merges its reply (existing tags keep their ids and labels; tags the reply drops are removed only when no
question uses them); ``keep`` leaves an existing tree alone (and builds one if there is none). When the model's
reply is unusable after the bounded retries the failure is recorded and the tree is taken from the document
outline itself (top headings and their sub-headings) — derived from the documents, not invented.
Editing (add, rename, move, delete) is in :class:`~datagen.store.Store`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence

from datagen.generate import GenerationSettings, Job, StageReport, run_stage
from datagen.llm import ChatClient
from datagen.parsing import TAG_TREE_SCHEMA
from datagen.store import Store

logger = logging.getLogger(__name__)

OUTLINE_CHARS = 4000
SAMPLE_CHARS = 2000
MAX_CHILDREN = 8
Tree = list[dict]  # [{"name": str, "children": [str, ...]}]


def _norm(name: str) -> str:
    return " ".join(name.replace(">", "/").split()).casefold().replace(" / ", "/")


def tag_lookup(store: Store, project_id: int) -> dict[str, int]:
    """Normalised tag name and path (``parent / child``) → tag id (first one wins for repeated names)."""
    lookup: dict[str, int] = {}
    for tag in store.list_tags(project_id):
        lookup.setdefault(_norm(tag["path"]), tag["id"])
        lookup.setdefault(_norm(tag["name"]), tag["id"])
    return lookup


def match_tag(lookup: dict[str, int], label: str | None, heading_path: Sequence[str] = ()) -> int | None:
    """The tag a question label names; else the deepest chunk heading that is a tag; else None."""
    if label and _norm(label) in lookup:
        return lookup[_norm(label)]
    for heading in reversed(list(heading_path)):
        if _norm(heading) in lookup:
            return lookup[_norm(heading)]
    return None


def tag_choices(store: Store, project_id: int) -> list[str]:
    """Tag labels offered to the model when it labels questions (paths of leaves and inner tags)."""
    return [t["path"] for t in store.list_tags(project_id)]


def outline_text(files: Sequence[dict], limit: int = OUTLINE_CHARS) -> str:
    """The files' outlines as indented lines under each file name, cut at ``limit`` characters."""
    lines = []
    for f in files:
        lines.append(f"- {f['name']}")
        lines += [f"{'  ' * int(level)}- {title}" for level, title in f["outline"]]
    text = "\n".join(lines)
    return text if len(text) <= limit else text[:limit].rsplit("\n", 1)[0] + "\n…"


def sample_text(files: Sequence[dict], limit: int = SAMPLE_CHARS) -> str:
    share = max(200, limit // max(1, len(files)))
    parts = [f"[{f['name']}]\n{f['text'][:share].strip()}" for f in files]
    return "\n\n".join(parts)[:limit]


def outline_tree(files: Sequence[dict], max_tags: int) -> Tree:
    """A tree from the outlines alone: each file's top heading level as tags, the next level as children."""
    tree: dict[str, list[str]] = {}
    for f in files:
        outline = [(int(level), title.strip()) for level, title in f["outline"] if title.strip()]
        if not outline:
            tree.setdefault(f["name"].rsplit(".", 1)[0], [])
            continue
        levels = sorted({level for level, _ in outline})
        top_level = levels[0]
        if len(levels) > 1 and sum(1 for level, _ in outline if level == top_level) == 1:
            top_level = levels[1]  # a single title heading: its sections are the subjects
        child_level = next((lv for lv in levels if lv > top_level), None)
        current = None
        for level, title in outline:
            if level == top_level:
                current = title
                tree.setdefault(title, [])
            elif level == child_level and current is not None and title not in tree[current]:
                tree[current].append(title)
    items = list(tree.items())[:max_tags]
    return [{"name": name, "children": children[:MAX_CHILDREN]} for name, children in items]


def current_tree(store: Store, project_id: int) -> Tree:
    return [{"name": node["name"], "children": [c["name"] for c in node["children"]]}
            for node in store.tag_tree(project_id)]


def _labels(store: Store, project_id: int) -> dict[int, str]:
    """Question id → the path of its tag, for every labelled question of the project."""
    paths = {t["id"]: t["path"] for t in store.list_tags(project_id)}
    rows = store.query("SELECT id, tag_id FROM questions WHERE project_id = ? AND tag_id IS NOT NULL", (project_id,))
    return {r["id"]: paths[r["tag_id"]] for r in rows if r["tag_id"] in paths}


def _reattach(store: Store, project_id: int, labels: dict[int, str]) -> tuple[int, int]:
    """Label each question again with the tag of the same path, else of the same leaf name; (kept, lost)."""
    lookup = tag_lookup(store, project_id)
    kept = 0
    for question_id, path in labels.items():
        tag_id = lookup.get(_norm(path)) or lookup.get(_norm(path.split(" / ")[-1]))
        store.conn.execute("UPDATE questions SET tag_id = ? WHERE id = ?", (tag_id, question_id))
        kept += tag_id is not None
    return kept, len(labels) - kept


def apply_tree(store: Store, project_id: int, tree: Tree, *, replace: bool, root_id: int | None = None,
               stats: dict | None = None) -> int:
    """Write ``tree`` under ``root_id`` (top level when None); returns tags created.

    ``replace`` first deletes the whole tree, then re-attaches the labelled questions to the new tags of the
    same path or name (``stats`` receives ``labelled``, ``kept`` and ``lost``); otherwise existing tags are
    reused and tags absent from ``tree`` are deleted only if no question is labelled with them or their
    subtree."""
    before = {t["id"] for t in store.list_tags(project_id)}
    with store.transaction():
        labels = _labels(store, project_id) if replace else {}
        if replace:
            store.clear_tags(project_id)
        keep: set[int] = set()
        for node in tree:
            parent = store.add_tag(project_id, node["name"], root_id)
            keep.add(parent)
            for child in node.get("children") or []:
                keep.add(store.add_tag(project_id, child, parent))
        if not replace and root_id is None:
            for tag in reversed(store.list_tags(project_id)):  # children before parents
                if tag["id"] not in keep and not _used(store, tag["id"]):
                    store.delete_tag(tag["id"])
        if labels:
            kept, lost = _reattach(store, project_id, labels)
            if stats is not None:
                stats.update(labelled=len(labels), kept=kept, lost=lost)
    after = {t["id"] for t in store.list_tags(project_id)}
    return len(after - before)


def _used(store: Store, tag_id: int) -> bool:
    ids = store.subtree_ids(tag_id)
    marks = ",".join("?" * len(ids))
    return store.conn.execute(f"SELECT 1 FROM questions WHERE tag_id IN ({marks}) LIMIT 1", ids).fetchone() is not None


def clean_tree(value: dict, max_tags: int) -> Tree:
    tree: Tree = []
    seen: set[str] = set()
    for node in value["tags"]:
        name = " ".join(node["name"].split())
        if not name or _norm(name) in seen:
            continue
        seen.add(_norm(name))
        children = list(dict.fromkeys(" ".join(c.split()) for c in node.get("children") or [] if c.strip()))
        tree.append({"name": name, "children": children[:MAX_CHILDREN]})
    return tree[:max_tags]


def build_tags(store: Store, project_id: int, llm: ChatClient, settings: GenerationSettings, *,
               mode: str | None = None, progress=None, cancel=None) -> StageReport:
    """Build or revise the project's tag tree (see the module docstring for the modes)."""
    mode = mode or settings.tag_mode
    if mode not in ("auto", "rebuild", "revise", "keep"):
        raise ValueError(f"tag mode must be auto, rebuild, revise or keep, got {mode!r}")
    existing = current_tree(store, project_id)
    if mode == "auto":  # keep a tree that was built; build (again) when there is none or the last try failed
        mode = "rebuild" if not existing or "tree" in store.open_failure_keys(project_id, "tags") else "keep"
    job = Job(store, project_id, llm, settings, stage="tags", progress=progress, cancel=cancel)
    if mode == "keep" and existing:
        job.report.skipped = 1
        job.report.message = (f"kept the existing tree ({len(store.list_tags(project_id))} tags, labels unchanged); "
                              "--tag-mode rebuild or revise changes it")
        return job.report
    if mode == "revise" and not existing:
        mode = "rebuild"
    files = [store.get_file(f["id"]) for f in store.list_files(project_id)]
    if not files:
        job.report.message = "no documents in the project: nothing to build a tag tree from"
        return job.report

    async def worker(_unit) -> None:
        outline = outline_text(files) or "(no headings)"
        if mode == "revise":
            got = await job.ask("tags_revise", {"tree": json.dumps(existing, ensure_ascii=False, indent=1),
                                                "outline": outline, "max_tags": settings.max_tags},
                                key="tree", schema=TAG_TREE_SCHEMA)
        else:
            got = await job.ask("tags", {"outline": outline, "sample": sample_text(files) or "(empty)",
                                         "max_tags": settings.max_tags}, key="tree", schema=TAG_TREE_SCHEMA)
        if got is not None:
            tree, source = clean_tree(got[0], settings.max_tags), "model"
        elif mode == "revise":
            job.report.message = "the model's revision was unusable; the tree is unchanged (failure recorded)"
            return
        else:
            tree, source = outline_tree(files, settings.max_tags), "outline"
            job.report.message = "the model's tag tree was unusable; the tree comes from the document outline"
        stats: dict = {}
        job.report.created += apply_tree(store, project_id, tree, replace=mode == "rebuild", stats=stats)
        if stats:
            relabel = (f"{stats['labelled']} labelled questions: {stats['kept']} kept their tag, {stats['lost']} "
                       "lost it (no tag of that name in the new tree)")
            job.report.message = f"{job.report.message}; {relabel}" if job.report.message else f"rebuilt: {relabel}"
        logger.info("tag tree (%s, from the %s): %d top-level tags", mode, source, len(tree))

    return run_stage(job, ["tree"], worker, params={"mode": mode})
