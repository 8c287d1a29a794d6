"""Service functions of evaluation sets and runs, and of reasoning synthesis: what the UI and the CLI call.

Same conventions as :mod:`datagen.service`: an open store, a project id and plain values in; rows as dicts
out; errors are :mod:`datagen.errors` classes or ``ValueError`` for bad options.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from datagen import evalrun, evalsets, evalsets_lf
from datagen import evalsets_store as es
from datagen.errors import DatagenError, StoreError
from datagen.formats import write_records
from datagen.generate import GenerationSettings, StageReport, run_sync
from datagen.llm import ChatClient, LLMSettings, make_client
from datagen.reasoning import synthesize_reasoning
from datagen.store import Store

__all__ = ["counts", "delete_question", "edit_question", "evaluate", "export", "export_results", "format_table",
           "generate", "get_question", "judge_client", "list_questions", "list_runs", "run_report",
           "synthesize_reasoning"]

format_table = evalrun.format_table


def _tag_ids(store: Store, project_id: int, tag: str | int | None) -> list[int] | None:
    """The ids of tag ``tag`` (name, path or id) and its subtree; None for no filter."""
    if tag is None or tag == "":
        return None
    for t in store.list_tags(project_id):
        if tag in (t["id"], t["name"], t["path"]):
            return store.subtree_ids(t["id"])
    raise StoreError(f"no tag named {tag!r} in this project")


def _check_types(qtypes: Sequence[str] | None) -> list[str] | None:
    if not qtypes:
        return None
    unknown = [t for t in qtypes if t not in es.QTYPES]
    if unknown:
        raise ValueError(f"unknown question type(s) {', '.join(unknown)}; choose from {', '.join(es.QTYPES)}")
    return list(qtypes)


def generate(store: Store, project_id: int, llm: ChatClient, settings: GenerationSettings | None = None, *,
             qtypes: Sequence[str] | None = None, per_type: int = 2, progress=None, cancel=None) -> StageReport:
    """Eval questions of ``qtypes`` (default: all five), ``per_type`` per chunk and type (resumable)."""
    return evalsets.generate_eval_questions(store, project_id, llm, settings or GenerationSettings(),
                                            qtypes=_check_types(qtypes) or es.QTYPES, per_type=per_type,
                                            progress=progress, cancel=cancel)


def counts(store: Store, project_id: int) -> dict[str, int]:
    return es.eval_counts(store, project_id)


def list_questions(store: Store, project_id: int, *, qtypes: Sequence[str] | None = None,
                   tag: str | int | None = None, limit: int | None = None) -> list[dict]:
    return es.list_eval_questions(store, project_id, qtypes=_check_types(qtypes),
                                  tag_ids=_tag_ids(store, project_id, tag), limit=limit)


def get_question(store: Store, question_id: int) -> dict:
    return es.get_eval_question(store, question_id)


def _reference(qtype: str, answer: str, options: Sequence[str]) -> str:
    """A reference answer as stored, checked against the type (a clear ValueError otherwise)."""
    if qtype == "true_false":
        value = evalrun.normalise_reply(qtype, answer)
        if value is None:
            raise ValueError(f"a true/false reference must be true or false, got {answer!r}")
        return value
    if qtype in ("single_choice", "multiple_choice"):
        value = evalrun.normalise_reply(qtype, answer, options)
        if value is None:
            raise ValueError(f"{qtype}: reference {answer!r} names no option among "
                             f"{', '.join(evalsets.LETTERS[: len(options)])}")
        return value
    if not answer.strip():
        raise ValueError("the reference answer is empty")
    return answer.strip()


def edit_question(store: Store, question_id: int, *, question: str | None = None, answer: str | None = None,
                  options: Sequence[str] | None = None, rubric: str | None = None) -> dict:
    """Edit an eval question; the reference is re-checked against the (new) options."""
    current = es.get_eval_question(store, question_id)
    fields: dict = {}
    if question is not None:
        if not question.strip():
            raise ValueError("the question text is empty")
        fields["question"] = question.strip()
    if options is not None:
        if current["qtype"] not in ("single_choice", "multiple_choice"):
            raise ValueError(f"a {current['qtype']} question has no options")
        if not 2 <= len(options) <= len(evalsets.LETTERS) or not all(isinstance(o, str) and o.strip()
                                                                     for o in options):
            raise ValueError(f"options must be 2 to {len(evalsets.LETTERS)} non-empty strings, got {options!r}")
        fields["options"] = [o.strip() for o in options]
    new_options = fields.get("options", current["options"])
    if answer is not None or "options" in fields:
        fields["answer"] = _reference(current["qtype"], answer if answer is not None else current["answer"],
                                      new_options)
    if rubric is not None:
        fields["rubric"] = rubric.strip() or None
    es.update_eval_question(store, question_id, **fields)
    return es.get_eval_question(store, question_id)


def delete_question(store: Store, question_id: int) -> None:
    es.delete_eval_question(store, question_id)


def export(store: Store, project_id: int, out: str | Path, *, qtypes: Sequence[str] | None = None,
           tag: str | int | None = None, llamafactory: str | None = None) -> tuple[Path, int]:
    """Write the eval set (or the chosen types / tag) to ``out``; returns (path, count). ``llamafactory``: also
    a ``dataset_info.json`` entry of that name (:mod:`datagen.evalsets_lf`)."""
    selection = {"qtypes": _check_types(qtypes), "tag_ids": _tag_ids(store, project_id, tag)}
    if llamafactory is not None:
        path, n = evalsets_lf.export_eval_set(store, project_id, out, name=llamafactory, **selection)
    else:
        path, n = evalsets.export_eval_set(store, project_id, out, **selection)
    if n == 0:
        Path(path).unlink(missing_ok=True)
        raise DatagenError("nothing to export: the evaluation set is empty (generate it with `eval generate`)")
    return path, n


def judge_client(base_url: str | None, model: str | None, api_key_file: str | None,
                 default: ChatClient) -> ChatClient:
    """The judge's client: an endpoint when ``base_url`` is given, else ``default`` (the model under test)."""
    if not base_url:
        if model:
            raise ValueError("--judge-model needs --judge-base-url")
        return default
    key = os.environ.get("DATAGEN_JUDGE_API_KEY") or None
    if api_key_file:
        try:
            key = Path(api_key_file).read_text(encoding="utf-8").splitlines()[0].strip() or None
        except (OSError, IndexError) as exc:
            raise DatagenError(f"cannot read the judge's API key file {api_key_file}: {exc}") from None
    return make_client(LLMSettings(base_url=base_url, model=model, api_key=key, temperature=0.0))


def evaluate(store: Store, project_id: int, llm: ChatClient, settings: GenerationSettings | None = None, *,
             judge: ChatClient | None = None, qtypes: Sequence[str] | None = None, tag: str | int | None = None,
             run_id: int | None = None, progress=None, cancel=None) -> tuple[int, StageReport]:
    """Evaluate ``llm`` on the eval set (resuming an unfinished run); returns (run id, report)."""
    for client in {id(c): c for c in (llm, judge) if c is not None}.values():
        _resolve_model(client)  # the run records the model's real name, not "first listed"
    return evalrun.evaluate(store, project_id, llm, settings or GenerationSettings(), judge=judge,
                            qtypes=_check_types(qtypes), tag_ids=_tag_ids(store, project_id, tag), run_id=run_id,
                            progress=progress, cancel=cancel)


def _resolve_model(client: ChatClient) -> None:
    resolve = getattr(client, "resolve_model", None)
    if resolve is None or client.model:
        return

    async def go() -> None:
        try:
            await resolve()
        finally:
            await client.aclose()

    run_sync(go)


def list_runs(store: Store, project_id: int) -> list[dict]:
    return es.list_eval_runs(store, project_id)


def run_report(store: Store, run_id: int) -> tuple[dict, dict]:
    """(run row, its score table as stored now)."""
    return es.get_eval_run(store, run_id), evalrun.run_summary(store, run_id)


def export_results(store: Store, run_id: int, out: str | Path) -> Path:
    """Write one run's per-question results (question, type, tag, reference, reply, parsed, score, reason)."""
    rows = es.result_rows(store, run_id)
    return write_records([{**r, "parsed": r["parsed"] or ""} for r in rows], out)
