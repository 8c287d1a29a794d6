"""Evaluation started from the app: :func:`run_evaluation` runs :func:`kblam.evaluate.run_eval` on a KB (or the
synthetic held-out split) into a folder, and :func:`report_rows` flattens its report into table rows."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .engine import KBLaM
from .kb import KnowledgeBase, Triple


def run_evaluation(engine: KBLaM, triples: Sequence[Triple] | None, out_dir: str | Path, *,
                   kb_sizes: Sequence[int] = (50, 100), n_questions: int = 20, answers: bool = False,
                   progress: Callable[[int, int], None] | None = None) -> dict:
    """Evaluate the engine's adapters on ``triples`` (None: the synthetic held-out split) with
    :func:`kblam.evaluate.run_eval`: retrieval at each KB size, plus answer quality and cost against the baselines
    when ``answers``. Writes ``report.json`` and PNG plots into ``out_dir`` and returns the report (with
    ``plots``: the PNG paths). ``progress(done, total)``."""
    from .evaluate import EvalConfig, run_eval

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    n_unanswerable = max(1, n_questions // 5)
    kb_file = None
    if triples is not None:
        kb_file = str(KnowledgeBase(triples).save(out / "eval_kb.jsonl"))
    cfg = EvalConfig(out_dir=str(out), kb_file=kb_file, retrieval_sizes=tuple(kb_sizes),
                     retrieval_questions=n_questions, answer_sizes=(min(kb_sizes),) if answers else (),
                     n_answerable=max(1, n_questions - n_unanswerable), n_unanswerable=n_unanswerable,
                     cost_sizes=(0, max(kb_sizes)) if answers else ())

    def relay(stage: str, done: int, total: int) -> None:
        if progress:
            progress(int(done), int(total))

    report = run_eval(cfg, engine=engine, progress=relay)
    report["plots"] = sorted(str(p) for p in out.glob("*.png"))
    return report


ROW_SKIP = {"plots", "config", "top1", "top5"}  # per-layer curves are in the plots


def report_rows(report: Mapping[str, Any], prefix: str = "") -> list[list[str]]:
    """A nested report flattened to (metric, value) rows for a table; list items are labelled by their mode,
    method and KB size when they have them."""
    rows: list[list[str]] = []
    for key, value in report.items():
        if key in ROW_SKIP:
            continue
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            rows += report_rows(value, name + ".")
        elif isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
            for i, item in enumerate(value):
                tags = [str(item[k]) for k in ("mode", "method", "kb_size") if k in item]
                rows += report_rows(item, f"{name}[{' @'.join(tags) if tags else i}].")
        elif isinstance(value, float):
            rows.append([name, f"{value:.4g}"])
        else:
            rows.append([name, json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else
                         str(value)])
    return rows
