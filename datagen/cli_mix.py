"""CLI of genre–audience pairs, mapped imports and balanced exports (hooked into :mod:`datagen.cli`).

Subcommands: ``ga`` (list/add/edit/enable/disable/delete pairs by hand), ``ga-generate`` (the model proposes
pairs from the documents), ``ga-questions`` (questions per chunk × pair; ``answers`` then answers them in the
pair's style). Options added to ``export`` (:func:`add_export_arguments`): ``--genre/--audience/--pair``
filters, ``--cap-per-tag``, ``--cap-per-pair``, ``--stratify``, ``--file`` (pretrain); to ``import`` and
``pull``: ``--map FIELD=COLUMN`` (:func:`add_map_argument`).
"""

from __future__ import annotations

import argparse
import json

from datagen import cli_common as common
from datagen import ga_pairs, service
from datagen.balance import STRATA, Selection
from datagen.mapping import FIELDS, parse_mapping


def add_parsers(add) -> None:
    """Register the subcommands with ``add(name, help, llm=, gen=)`` of :func:`datagen.cli.build_parser`."""
    p = add("ga", "genre-audience pairs: list, add, edit, enable, disable or delete them")
    p.add_argument("action", nargs="?", default="list",
                   choices=("list", "add", "edit", "enable", "disable", "delete"))
    p.add_argument("target", nargs="?", help="add: the genre; edit/enable/disable/delete: the pair id")
    p.add_argument("audience", nargs="?", help="add: the audience")
    p.add_argument("--genre", help="edit: the new genre")
    p.add_argument("--new-audience", help="edit: the new audience")
    p.add_argument("--genre-desc", help="add/edit: one sentence on the genre's style")
    p.add_argument("--audience-desc", help="add/edit: one sentence on the audience")
    p.add_argument("--file", type=int, help="add: a pair for this file id only (default: the whole project)")
    p.add_argument("--json", action="store_true", help="list as JSON lines")
    p = add("ga-generate", "let the model propose genre-audience pairs from the documents", llm=True, gen=True)
    p.add_argument("--count", type=int, default=5, help="pairs to propose (default 5)")
    p.add_argument("--file", type=int, help="propose pairs for this file id only")
    p.add_argument("--again", action="store_true", help="propose again even when done before")
    p = add("ga-questions", "generate questions per chunk for every active genre-audience pair", llm=True, gen=True)
    p.add_argument("--pair", type=int, action="append", help="only this pair id (repeatable)")


def add_export_arguments(parser: argparse.ArgumentParser) -> None:
    g = parser.add_argument_group("selection and balance")
    g.add_argument("--genre", help="only items of this genre")
    g.add_argument("--audience", help="only items for this audience")
    g.add_argument("--pair", type=int, help="only items of this genre-audience pair id")
    g.add_argument("--cap-per-tag", type=int, help="at most N items per tag (balanced)")
    g.add_argument("--cap-per-pair", type=int, help="at most N items per genre-audience pair (balanced)")
    g.add_argument("--stratify", choices=STRATA, help="split train/test within each tag or pair")
    g.add_argument("--file", type=int, help="pretrain: only this file id's chunks")


def add_map_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--map", action="append", metavar="FIELD=COLUMN",
                        help=f"take FIELD from COLUMN (repeatable); fields: {', '.join(FIELDS)}")


def mapping_from_args(args) -> dict[str, str] | None:
    return parse_mapping(args.map) or None if getattr(args, "map", None) else None


def selection_from_args(store, args) -> Selection | None:
    genre, audience = args.genre, args.audience
    if args.pair is not None:
        pair = ga_pairs.get_pair(store, args.pair)
        genre, audience = pair["genre"], pair["audience"]
    selection = Selection(genre=genre, audience=audience, cap_per_tag=args.cap_per_tag,
                          cap_per_pair=args.cap_per_pair, stratify=args.stratify)
    return selection if selection.active else None


def _pair_line(pair: dict) -> str:
    where = f"file {pair['file']}" if pair["file_id"] else "project"
    state = "" if pair["active"] else "  (disabled)"
    return (f"[{pair['id']}] {pair['genre']} / {pair['audience']}  ({where}, {pair['source']}, "
            f"{pair['questions']} questions){state}")


def _pair_id(args) -> int:
    if args.target is None or not str(args.target).isdigit():
        raise ValueError(f"ga {args.action}: give the pair id (see `python -m datagen ga list`)")
    return int(args.target)


def cmd_ga(args, bars) -> int:

    store, pid = common.open_project(args)
    if args.action == "add":
        if not args.target or not args.audience:
            raise ValueError("ga add: give GENRE and AUDIENCE")
        new = ga_pairs.add_pair(store, pid, args.target, args.audience, genre_desc=args.genre_desc or "",
                                audience_desc=args.audience_desc or "", file_id=args.file)
        common.out(f"pair {new}")
        return 0
    if args.action == "edit":
        ga_pairs.update_pair(store, _pair_id(args), genre=args.genre, audience=args.new_audience,
                             genre_desc=args.genre_desc, audience_desc=args.audience_desc)
    elif args.action in ("enable", "disable"):
        ga_pairs.update_pair(store, _pair_id(args), active=args.action == "enable")
    elif args.action == "delete":
        n = ga_pairs.delete_pair(store, _pair_id(args))
        common.out(f"deleted; {n} question(s) keep their text without a pair")
        return 0
    for pair in ga_pairs.list_pairs(store, pid):
        common.out(json.dumps(pair, ensure_ascii=False) if args.json else _pair_line(pair))
    return 0


def cmd_ga_generate(args, bars) -> int:

    store, pid = common.open_project(args)
    report = ga_pairs.generate_pairs(store, pid, service.make_llm(common.llm_settings(args)), common.gen_settings(args),
                                     file_id=args.file, count=args.count, again=args.again,
                                     progress=bars.stage("ga_pairs"))
    common.stage_summary(report, store, pid)
    for pair in ga_pairs.list_pairs(store, pid):
        common.out(_pair_line(pair))
    return common.failed_exit(report.failed)


def cmd_ga_questions(args, bars) -> int:

    store, pid = common.open_project(args)
    report = ga_pairs.generate_questions_per_pair(store, pid, service.make_llm(common.llm_settings(args)),
                                                  common.gen_settings(args), pair_ids=args.pair,
                                                  progress=bars.stage("questions_ga"))
    common.stage_summary(report, store, pid)
    return common.failed_exit(report.failed)


COMMANDS = {"ga": cmd_ga, "ga-generate": cmd_ga_generate, "ga-questions": cmd_ga_questions}
