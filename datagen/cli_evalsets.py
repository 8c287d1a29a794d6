"""``python -m datagen eval …`` (evaluation sets and evaluation runs) and ``python -m datagen reasoning``.

``eval generate`` writes questions of the chosen types for every chunk; ``eval list|show|edit|delete`` review
them; ``eval export --out FILE`` writes them (.json/.jsonl/.csv/.parquet); ``eval run`` evaluates the model given
by the model options (``--judge-*`` options pick the judge of short-answer and open questions; default: the
same model) and prints the score table; re-running it resumes an unfinished run of the same model; ``eval runs``
lists runs and ``eval report RUN`` prints one run's table (``--out`` also writes its per-question results).
``reasoning`` writes the missing reasoning chains of answered items.
"""

from __future__ import annotations

import json
import sys

from datagen import cli_common as common
from datagen import evalsets_service as svc
from datagen import service
from datagen.evalsets_store import QTYPES

EVAL_ACTIONS = ("generate", "list", "show", "edit", "delete", "export", "run", "runs", "report")


def add_parsers(add) -> None:
    """Add the ``eval`` and ``reasoning`` subcommands through cli.py's ``add(name, help, llm=, gen=)``."""
    p = add("eval", "evaluation sets: generate, review, export; evaluate a model against them", llm=True, gen=True)
    p.add_argument("action", choices=EVAL_ACTIONS)
    p.add_argument("id", nargs="?", type=int, help="show/edit/delete: eval question id; report: run id")
    p.add_argument("--types", help=f"comma-separated question types (default all: {','.join(QTYPES)})")
    p.add_argument("--per-type", type=int, default=2, help="generate: questions of each type per chunk (default 2)")
    p.add_argument("--tag", help="only questions with this tag (name or path) and its subtree")
    p.add_argument("--question", help="edit: new question text")
    p.add_argument("--answer", help="edit: new reference answer (true/false, letters like A,C, or text)")
    p.add_argument("--options", help="edit: new options as a JSON list of strings")
    p.add_argument("--rubric", help="edit: new rubric")
    p.add_argument("--out", help="export: the eval set file; report: also write per-question results there")
    p.add_argument("--run", type=int, help="run: resume this run id (default: the latest unfinished run of the "
                                           "same model and selection, else a new run)")
    p.add_argument("--judge-base-url", help="run: endpoint of the judge (default: the model under test)")
    p.add_argument("--judge-model", help="run: judge model name")
    p.add_argument("--judge-api-key-file", help="run: file holding the judge's API key (else env "
                                                "DATAGEN_JUDGE_API_KEY)")
    p.add_argument("--json", action="store_true", help="JSON output")
    p.add_argument("--llamafactory", metavar="NAME", help="export: also write a dataset_info.json entry")
    add("reasoning", "write the missing reasoning chain of answered items", llm=True, gen=True)


def _types(args) -> list[str] | None:
    if not args.types:
        return None
    return [t.strip() for t in args.types.split(",") if t.strip()]


def _question_line(q: dict) -> str:
    options = "  ".join(f"{chr(65 + i)}. {o}" for i, o in enumerate(q["options"]))
    extra = f"\n    options: {options}" if options else ""
    return (f"[{q['id']}] ({q['qtype']}, tag: {q['tag'] or '-'}) {q['question']}{extra}\n"
            f"    reference: {q['answer'][:300]}")


def cmd_eval(args, bars) -> int:

    store, pid = common.open_project(args)
    action = args.action
    if action == "generate":
        report = svc.generate(store, pid, service.make_llm(common.llm_settings(args)), common.gen_settings(args),
                              qtypes=_types(args), per_type=args.per_type, progress=bars.stage("evalset"))
        common.stage_summary(report, store, pid)
        common.out(json.dumps(svc.counts(store, pid)))
        return common.failed_exit(report.failed)
    if action == "run":
        llm = service.make_llm(common.llm_settings(args))
        judge = svc.judge_client(args.judge_base_url, args.judge_model, args.judge_api_key_file, llm)
        run_id, report = svc.evaluate(store, pid, llm, common.gen_settings(args), judge=judge, qtypes=_types(args),
                                      tag=args.tag, run_id=args.run, progress=bars.stage("eval"))
        bars.close()
        common.stage_summary(report, store, pid)
        return _print_run(store, run_id, args) or common.failed_exit(report.failed)
    return _review(args, store, pid)


def _review(args, store, pid) -> int:
    action = args.action
    if action in ("show", "edit", "delete", "report") and args.id is None:
        raise ValueError(f"eval {action} needs an id")
    if action == "list":
        for q in svc.list_questions(store, pid, qtypes=_types(args), tag=args.tag):
            common.out(json.dumps(q, ensure_ascii=False) if args.json else _question_line(q))
    elif action == "show":
        q = svc.get_question(store, args.id)
        common.out(json.dumps(q, ensure_ascii=False) if args.json else _question_line(q))
    elif action == "edit":
        options = json.loads(args.options) if args.options is not None else None
        q = svc.edit_question(store, args.id, question=args.question, answer=args.answer, options=options,
                              rubric=args.rubric)
        common.out(json.dumps(q, ensure_ascii=False) if args.json else _question_line(q))
    elif action == "delete":
        svc.delete_question(store, args.id)
        common.out(f"deleted eval question {args.id}")
    elif action == "export":
        if not args.out:
            raise ValueError("eval export needs --out FILE (.json, .jsonl, .csv or .parquet)")
        path, n = svc.export(store, pid, args.out, qtypes=_types(args), tag=args.tag, llamafactory=args.llamafactory)
        common.out(str(path))
        print(f"exported {n} eval questions", file=sys.stderr)
    elif action == "runs":
        for run in svc.list_runs(store, pid):
            overall = (run["summary"] or {}).get("overall") or {}
            score = "-" if overall.get("score") is None else f"{100 * overall['score']:.1f}%"
            common.out(f"run {run['id']}: {run['model']} [{run['status']}] score {score}, judge {run['judge_model']}")
    else:
        return _print_run(store, args.id, args)
    return 0


def _print_run(store, run_id: int, args) -> int:

    run, summary = svc.run_report(store, run_id)
    if args.out and args.action == "report":
        path = svc.export_results(store, run_id, args.out)
        print(f"wrote per-question results to {path}", file=sys.stderr)
    if args.json:
        common.out(json.dumps({"run": run["id"], "status": run["status"], "model": run["model"],
                              "summary": summary}, ensure_ascii=False))
    else:
        common.out(f"run {run['id']}: {run['model']} [{run['status']}]")
        common.out(svc.format_table(summary))
    return 0


def cmd_reasoning(args, bars) -> int:

    store, pid = common.open_project(args)
    report = svc.synthesize_reasoning(store, pid, service.make_llm(common.llm_settings(args)),
                                      common.gen_settings(args), progress=bars.stage("reasoning"))
    common.stage_summary(report, store, pid)
    return common.failed_exit(report.failed)


HANDLERS = {"eval": cmd_eval, "reasoning": cmd_reasoning}
