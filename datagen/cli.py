"""``python -m datagen``: the dataset studio from the command line, one subcommand per stage.

stdout carries the result alone (a summary, a listing, written paths; ``--json`` where it makes sense);
progress bars (tqdm) and logs go to stderr. Exit 0 on success, 1 with a one-line ``error: …`` on failure
(2 for usage errors, 130 when interrupted), and 3 when the command finished but some units failed (they are
recorded with their reasons: ``python -m datagen failures``; re-running the same command retries exactly them). Model options also come from ``DATAGEN_BASE_URL``,
``DATAGEN_MODEL`` and ``OPENAI_API_KEY``; without an endpoint the built-in SmolLM2 model is used.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from datagen import cli_common as common
from datagen import (
    cli_dialogs,
    cli_evalsets,
    cli_media,
    cli_mix,
    cli_providers,
    format_registry,
    providers,
    service,
    usage,
)
from datagen.errors import DatagenError, StudioError
from datagen.pipeline import DEFAULT_STAGES
from datagen.store import ITEM_STATUSES

GEN_DEFAULTS = common.GEN_DEFAULTS


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m datagen", description="Dataset studio: documents → "
                                     "chunks → tags → questions → answers → review → export.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help_text: str, *, llm: bool = False, gen: bool = False, workspace: bool = True):
        p = sub.add_parser(name, help=help_text, description=help_text)
        common.common_options(p, workspace=workspace)
        if llm:
            common.llm_options(p)
        if gen:
            common.gen_options(p)
        return p

    add("init", "create a workspace (and a project)")
    p = add("add", "add documents (files or folders) to the project")
    p.add_argument("paths", nargs="+", help="files or folders (md, txt, pdf, docx, xlsx, csv, html, epub)")
    p = add("split", "split documents into chunks (re-splits every file unless --only-new)")
    common.split_options(p)
    p.add_argument("--only-new", action="store_true", help="only files that have no chunks yet")
    p.add_argument("--force", action="store_true", help="re-split even when questions exist (deletes them)")
    p = add("tags", "build the domain tag tree (or --show it)", llm=True, gen=True)
    p.add_argument("--show", action="store_true", help="print the tree and exit")
    p = add("tag", "edit the tag tree")
    p.add_argument("action", choices=("add", "rename", "move", "delete"))
    p.add_argument("target", help="tag name for add, tag id otherwise")
    p.add_argument("name", nargs="?", help="rename: the new name")
    p.add_argument("--parent", type=int, help="add/move: parent tag id (omit for the top level)")
    add("questions", "generate questions for chunks (deduplicated)", llm=True, gen=True)
    add("answers", "answer unanswered questions", llm=True, gen=True)
    add("dpo", "generate rejected answers for DPO preference pairs", llm=True, gen=True)
    p = add("triples", "extract (name, property, value) triples from chunks", llm=True, gen=True)
    p.add_argument("--kb-out", help="also write the KB file (.csv or .jsonl)")
    p = add("distill", "generate data from a topic, without documents", llm=True, gen=True)
    p.add_argument("topic")
    p.add_argument("--subtopics", type=int, help=f"default {GEN_DEFAULTS.distill_subtopics}")
    p.add_argument("--aspects", type=int, help=f"aspects per subtopic (default {GEN_DEFAULTS.distill_aspects})")
    p.add_argument("--questions-per-aspect", type=int, help=f"default {GEN_DEFAULTS.distill_questions}")
    for name in ("list", "review"):
        p = add(name, "list items (review: also edit, rate, confirm, delete one)" if name == "review"
                else "list review items")
        if name == "review":
            p.add_argument("action", nargs="?", choices=("show", "edit", "rate", "confirm", "unconfirm", "delete"))
            p.add_argument("id", nargs="?", type=int, help="item (question) id")
            p.add_argument("value", nargs="?", help="rate: 0-5")
            p.add_argument("--question", help="edit: new question text")
            p.add_argument("--answer", help="edit: new answer text")
            p.add_argument("--reasoning", help="edit: new reasoning")
        p.add_argument("--tag", help="only this tag (name or path) and its subtree")
        p.add_argument("--min-score", type=float, help="only items scored at least this")
        p.add_argument("--status", choices=ITEM_STATUSES, default="all")
        p.add_argument("--page", type=int, default=1)
        p.add_argument("--page-size", type=int, default=20)
        p.add_argument("--json", action="store_true", help="JSON lines instead of text")
    p = add("score", "grounding scores; with --judge also an LLM-judge score", llm=True, gen=True)
    p.add_argument("--judge", action="store_true")
    p.add_argument("--rejudge", action="store_true", help="judge again items that already have a score")
    p = add("failures", "show recorded failures with the model's raw reply")
    p.add_argument("--stage")
    p.add_argument("--limit", type=int, default=20)
    p = add("stats", "counts, token usage and recent tasks")
    p.add_argument("--json", action="store_true")
    p = add("export", "export the data (file type from the extension: .json .jsonl .csv .parquet)")
    p.add_argument("--format", required=True, choices=format_registry.names())
    p.add_argument("--out", required=True, help="output file")
    p.add_argument("--tag", help="only this tag and its subtree")
    p.add_argument("--llamafactory", metavar="NAME", help="also write a LLaMA-Factory dataset_info.json entry")
    common.export_options(p)
    cli_mix.add_export_arguments(p)
    p = add("import", "import a dataset file into the project (format detected)")
    p.add_argument("file")
    p.add_argument("--format", choices=format_registry.names())
    cli_mix.add_map_argument(p)
    p = add("convert", "convert a dataset file between formats (no workspace)", workspace=False)
    p.add_argument("src")
    p.add_argument("dst")
    p.add_argument("--to", required=True, choices=format_registry.names())
    p.add_argument("--from", dest="from_fmt", choices=format_registry.names())
    p.add_argument("--system-prompt")
    p.add_argument("--include-reasoning", action="store_true")
    p = add("push", "push the data to a Hugging Face dataset repo")
    p.add_argument("repo_id")
    p.add_argument("--format", default="alpaca", choices=format_registry.names())
    p.add_argument("--token", help="Hub token (env HF_TOKEN); never logged or stored")
    p.add_argument("--private", action="store_true")
    p.add_argument("--license", help="dataset card licence, e.g. cc-by-4.0")
    common.export_options(p)
    p = add("pull", "pull a Hugging Face dataset repo into the project")
    p.add_argument("repo_id")
    p.add_argument("--format", choices=format_registry.names())
    p.add_argument("--token", help="Hub token (env HF_TOKEN)")
    cli_mix.add_map_argument(p)
    add("check", "send one tiny request to the model and report", llm=True, workspace=False)
    p = add("run", "every stage with defaults: add INPUT_DIR, split, tags, questions, answers, DPO, triples, "
                   "scores", llm=True, gen=True)
    p.add_argument("input_dir", help="folder (or file) of documents")
    common.split_options(p)
    p.add_argument("--dry-run", action="store_true", help="print the plan; call no model, write nothing")
    p.add_argument("--no-dpo", action="store_true", help="skip DPO rejected answers")
    p.add_argument("--no-triples", action="store_true", help="skip triple extraction")
    p.add_argument("--judge", action="store_true", help="also score answers with the LLM judge")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    cli_media.add_parsers(add)
    cli_mix.add_parsers(add)
    cli_dialogs.add_parsers(add)
    cli_providers.add_parsers(add)
    cli_evalsets.add_parsers(add)
    return parser


# ---------------------------------------------------------------------------------------- commands

def cmd_init(args, bars) -> int:
    store, pid = common.open_project(args, create=True)
    common.out(f"workspace {store.root} ready; project '{service.project_name(store, pid)}' (id {pid})")
    return 0


def cmd_add(args, bars) -> int:
    store, pid = common.open_project(args)
    result = service.add_files(store, pid, args.paths)
    for f in result["added"]:
        common.out(f"{'added' if f['created'] else 'already present'}: {f['name']} (file {f['id']}, {f['chars']} chars)")
    for error in result["errors"]:
        print(f"error: {error}", file=sys.stderr)
    return 1 if result["errors"] else 0


def cmd_split(args, bars) -> int:
    store, pid = common.open_project(args)
    n = service.split(store, pid, args.method, common.split_settings(args).options, force=args.force,
                      only_unsplit=args.only_new)
    common.out(f"{n} chunks written ({store.counts(pid)['chunks']} in the project)")
    return 0


def _print_tree(store, pid) -> None:
    for tag in store.list_tags(pid):
        common.out(f"{'  ' * tag['depth']}- {tag['name']}  [id {tag['id']}, {tag['questions']} questions]")


def cmd_tags(args, bars) -> int:
    store, pid = common.open_project(args)
    if not args.show:
        report = service.build_tags(store, pid, common.stage_client(args, store, pid), common.gen_settings(args),
                                    mode=args.tag_mode, progress=bars.stage("tags"))
        common.stage_summary(report, store, pid)
    _print_tree(store, pid)
    return 0


def cmd_tag(args, bars) -> int:
    store, pid = common.open_project(args)
    if args.action == "add":
        common.out(f"tag {store.add_tag(pid, args.target, args.parent)}")
        return 0
    tag_id = int(args.target)
    if args.action == "rename":
        if not args.name:
            raise ValueError("rename needs the new name")
        store.rename_tag(tag_id, args.name)
    elif args.action == "move":
        store.move_tag(tag_id, args.parent)
    else:
        store.delete_tag(tag_id)
    _print_tree(store, pid)
    return 0


def _stage(fn):
    def handler(args, bars) -> int:
        store, pid = common.open_project(args)
        report = fn(store, pid, common.stage_client(args, store, pid), common.gen_settings(args), args, bars)
        common.stage_summary(report, store, pid)
        return common.failed_exit(report.failed)
    return handler


cmd_questions = _stage(lambda s, p, llm, g, a, b: service.generate_questions(s, p, llm, g,
                                                                              progress=b.stage("questions")))
cmd_answers = _stage(lambda s, p, llm, g, a, b: service.generate_answers(s, p, llm, g, progress=b.stage("answers")))
cmd_dpo = _stage(lambda s, p, llm, g, a, b: service.generate_rejected(s, p, llm, g, progress=b.stage("dpo")))


def cmd_triples(args, bars) -> int:
    store, pid = common.open_project(args)
    report = service.extract_triples(store, pid, common.stage_client(args, store, pid), common.gen_settings(args),
                                     progress=bars.stage("triples"))
    common.stage_summary(report, store, pid)
    if args.kb_out:
        common.out(f"wrote {service.export_kb(store, pid, args.kb_out)}")
    return common.failed_exit(report.failed)


def cmd_distill(args, bars) -> int:
    store, pid = common.open_project(args)
    llm = common.stage_client(args, store, pid)
    for report in service.distill(store, pid, llm, args.topic, common.gen_settings(args), progress=bars.stage("distill")):
        common.stage_summary(report, store, pid)
    return 0


def _item_text(item: dict) -> str:
    score = "-" if item["score"] is None else f"{item['score']:g}"
    flag = "confirmed" if item["confirmed"] else ("duplicate" if item["status"] == "duplicate" else "")
    answer = (item["answer"] or "(no answer)").replace("\n", " ")
    pair = f"  pair: {item['genre']} / {item['audience']}" if item.get("genre") else ""
    return (f"[{item['id']}] {item['question']}\n    tag: {item['tag'] or '-'}  score: {score}  {flag}{pair}\n"
            f"    answer: {answer[:300]}")


def cmd_list(args, bars) -> int:
    store, pid = common.open_project(args)
    page = service.list_items(store, pid, tag=args.tag, min_score=args.min_score, status=args.status,
                              page=args.page, page_size=args.page_size)
    for item in page.items:
        common.out(json.dumps(item, ensure_ascii=False, default=str) if args.json else _item_text(item))
    print(f"page {page.page}/{page.pages}, {page.total} items", file=sys.stderr)
    return 0


def cmd_review(args, bars) -> int:
    if not args.action:
        return cmd_list(args, bars)
    store, pid = common.open_project(args)
    if args.id is None:
        raise ValueError(f"review {args.action} needs an item id")
    if args.action == "edit":
        if args.question is None and args.answer is None and args.reasoning is None:
            raise ValueError("review edit needs --question, --answer or --reasoning")
        service.edit_item(store, args.id, question=args.question, answer=args.answer, reasoning=args.reasoning)
    elif args.action == "rate":
        try:
            rating = int(args.value)
        except (TypeError, ValueError):
            raise ValueError(f"review rate needs a rating 0-5, got {args.value!r}") from None
        service.rate_item(store, args.id, rating)
    elif args.action in ("confirm", "unconfirm"):
        service.confirm_item(store, args.id, args.action == "confirm")
    elif args.action == "delete":
        service.delete_item(store, args.id)
        common.out(f"deleted item {args.id}")
        return 0
    item = store.get_item(args.id)
    common.out(json.dumps(item, ensure_ascii=False, default=str) if args.json else _item_text(item))
    return 0


def cmd_score(args, bars) -> int:
    store, pid = common.open_project(args)
    llm = common.stage_client(args, store, pid) if args.judge else None
    result = service.score(store, pid, llm, common.gen_settings(args), judge=args.judge, rejudge=args.rejudge,
                           progress=bars.stage("judge"))
    common.out(f"grounding scores computed for {result['grounding']} answers")
    if "judge" in result:
        common.stage_summary(result["judge"], store, pid)
    return 0


def cmd_failures(args, bars) -> int:
    store, pid = common.open_project(args)
    for f in store.list_failures(pid, stage=args.stage, limit=args.limit):
        raw = f["raw"].replace("\n", "\\n")
        common.out(f"[{f['id']}] {f['stage']} {f['key']}: {f['error']}\n    raw: {raw[:400] or '(none)'}")
    return 0


def cmd_stats(args, bars) -> int:
    store, pid = common.open_project(args)
    info = service.stats(store, pid)
    info["usage"] = usage.usage(store, pid)
    if args.json:
        common.out(json.dumps(info, default=str))
        return 0
    common.out(" ".join(f"{k}={v}" for k, v in info["counts"].items()))
    t = info["tokens"]
    common.out(f"LLM calls={t['calls']} prompt_tokens={t['prompt_tokens']} completion_tokens={t['completion_tokens']}")
    for task in info["tasks"]:
        common.out(f"task {task['id']} {task['kind']}: {task['status']} {task['done']}/{task['total']} "
             f"({task['failed']} failed)")
    for line in usage.usage_lines(info["usage"]):
        common.out(line)
    return 0


def cmd_export(args, bars) -> int:
    store, pid = common.open_project(args)
    result = service.export(store, pid, args.format, args.out, system_prompt=args.system_prompt,
                            include_reasoning=args.include_reasoning, only_confirmed=args.only_confirmed,
                            min_score=args.min_score, tag=args.tag, test_ratio=args.test_ratio, seed=args.seed,
                            llamafactory=args.llamafactory, min_grounding=args.min_grounding,
                            answerable_only=args.answerable_only, file_id=args.file,
                            selection=cli_mix.selection_from_args(store, args))
    for path in result["files"]:
        common.out(path)
    counts = ", ".join(f"{k}: {v}" for k, v in result["counts"].items())
    skipped = f"; {result['skipped']} items without a rejected answer left out" if result["skipped"] else ""
    print(f"exported {args.format} ({counts}){skipped}", file=sys.stderr)
    return 0


def cmd_import(args, bars) -> int:
    store, pid = common.open_project(args)
    result = service.import_file(store, pid, args.file, args.format, mapping=cli_mix.mapping_from_args(args))
    common.out(f"imported {result['imported']} ({result['format']}); {result['already_present']} already present")
    return 0


def cmd_convert(args, bars) -> int:
    path = service.convert(args.src, args.dst, args.to, args.from_fmt, system_prompt=args.system_prompt,
                           include_reasoning=args.include_reasoning)
    common.out(str(path))
    return 0


def cmd_push(args, bars) -> int:
    store, pid = common.open_project(args)
    card = {"license": args.license} if args.license else None
    url = service.push(store, pid, args.repo_id, fmt=args.format, token=args.token or os.environ.get("HF_TOKEN"),
                       private=args.private, only_confirmed=args.only_confirmed, min_score=args.min_score,
                       system_prompt=args.system_prompt, include_reasoning=args.include_reasoning,
                       test_ratio=args.test_ratio, seed=args.seed, card=card, min_grounding=args.min_grounding,
                       answerable_only=args.answerable_only)
    common.out(url)
    return 0


def cmd_pull(args, bars) -> int:
    store, pid = common.open_project(args)
    result = service.pull(store, pid, args.repo_id, token=args.token or os.environ.get("HF_TOKEN"), fmt=args.format,
                          mapping=cli_mix.mapping_from_args(args))
    for split_name, counts in result.items():
        common.out(f"{split_name}: imported {counts['imported']}, {counts['already_present']} already present")
    return 0


def cmd_check(args, bars) -> int:
    result = service.check_llm(common.llm_settings(args))
    common.out(json.dumps(result, ensure_ascii=False))
    return 0 if result["ok"] else 1


def cmd_run(args, bars) -> int:
    stages = [s for s in DEFAULT_STAGES if not (args.no_dpo and s == "dpo") and not (args.no_triples and
                                                                                    s == "triples")]
    if args.judge:
        stages.append("judge")
    settings, llm_settings, split_settings = common.gen_settings(args), common.llm_settings(args), common.split_settings(args)
    if not Path(args.input_dir).exists():
        raise DatagenError(f"{args.input_dir}: no such folder or file")
    if args.dry_run:
        plan = service.plan([args.input_dir], settings, split_settings=split_settings, stages=stages,
                            llm_settings=llm_settings)
        common.out(json.dumps(plan, ensure_ascii=False, indent=2))
        return 0
    store, pid = common.open_project(args, create=True)
    added = service.add_files(store, pid, [args.input_dir])
    for error in added["errors"]:
        print(f"error: {error}", file=sys.stderr)
    if not store.list_files(pid):
        raise DatagenError(f"{args.input_dir}: no readable documents (supported: md, txt, pdf, docx, xlsx, csv, "
                           f"html, epub)")
    summary = service.run(store, pid, providers.routed_client(store, pid, llm_settings), settings, stages=stages,
                          split_settings=split_settings, progress=bars)
    summary.ingested, summary.ingest_errors = len(added["added"]), added["errors"]
    bars.close()
    common.out(json.dumps(summary.as_dict(), default=str) if args.json else summary.text())
    if summary.error:
        print(f"error: {summary.error}", file=sys.stderr)
        return 1
    return common.failed_exit(summary.failures)


COMMANDS = {name[4:]: fn for name, fn in globals().items() if name.startswith("cmd_")}
COMMANDS.update(cli_media.COMMANDS)
COMMANDS.update(cli_mix.COMMANDS)
COMMANDS.update(cli_dialogs.HANDLERS)
COMMANDS.update(cli_providers.HANDLERS)
COMMANDS.update(cli_evalsets.HANDLERS)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    bars = common.ProgressBars(enabled=not args.quiet)
    try:
        return COMMANDS[args.command](args, bars)
    except KeyboardInterrupt:
        print("interrupted: everything finished so far is saved; re-run the same command to resume",
              file=sys.stderr)
        return 130
    except (StudioError, ValueError, OSError) as exc:
        message = " ".join(str(exc).split()) or type(exc).__name__
        print(f"error: {message}", file=sys.stderr)
        return 1
    finally:
        bars.close()
