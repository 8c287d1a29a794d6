"""Evaluation sets as LLaMA-Factory datasets: the eval export with a ``dataset_info.json`` entry.

LLaMA-Factory evaluates a model on an Alpaca-style dataset (``do_predict`` with ``eval_dataset``: the prompt is
asked, the reply compared with the response). Its Alpaca columns are strings, so the list of ``options`` cannot
be one: with an entry, each record also carries ``choices``, the options as lettered lines (``A. …``, the way
``eval run`` shows them to the model; empty for true/false, short-answer and open questions). The entry maps
``question`` to the prompt, ``choices`` to the query (LLaMA-Factory asks ``question\\nchoices``) and the reference
``answer`` (``true``/``false``, letters such as ``A,C``, or text) to the response.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from datagen import evalsets
from datagen import evalsets_store as es
from datagen.errors import FormatError
from datagen.evalrun import options_text
from datagen.formats import write_dataset_info, write_records
from datagen.store import Store


def llamafactory_entry(file_name: str) -> dict:
    """The ``dataset_info.json`` entry of an eval-set file written by :func:`export_eval_set`."""
    return {"file_name": file_name, "columns": {"prompt": "question", "query": "choices", "response": "answer"}}


def lf_records(items: Sequence[dict]) -> list[dict]:
    """Eval records plus ``choices`` (lettered options; empty when the question has none to choose from)."""
    return [{**record, "choices": options_text(record["options"]) if record["type"] != "true_false" else ""}
            for record in evalsets.eval_records(items)]


def export_eval_set(store: Store, project_id: int, path: str | Path, *, name: str,
                    qtypes: Sequence[str] | None = None, tag_ids: Sequence[int] | None = None) -> tuple[Path, int]:
    """Write the eval questions with ``choices`` to ``path`` and, when there are any, merge the entry ``name``
    into ``dataset_info.json`` beside it; returns (path, count)."""
    if not name.strip():
        raise FormatError("the LLaMA-Factory dataset name is empty")
    items = es.list_eval_questions(store, project_id, qtypes=qtypes, tag_ids=tag_ids)
    path = write_records(lf_records(items), path)
    if items:
        write_dataset_info(path.parent, {name: llamafactory_entry(path.name)})
    return path, len(items)
