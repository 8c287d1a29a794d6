"""``python -m datagen dialogs ACTION``: generate, review (turn by turn) and export multi-turn dialogues.

Actions: ``generate`` (resumable; ``--rounds``, ``--user-role``, ``--assistant-role``, ``--system``,
``--scenario``, ``--per-chunk`` or ``--from-questions``), ``list``, ``show ID``, ``edit-turn ID TURN --text …``, ``delete-turn ID TURN`` (the round that
holds it), ``confirm ID`` / ``unconfirm ID``, ``delete ID`` and ``export --format sharegpt|openai|alpaca --out
FILE``. :func:`add_parsers` is called by :mod:`datagen.cli` with its ``add`` helper; :data:`HANDLERS` joins its
command table.
"""

from __future__ import annotations

import json
import sys

from datagen import cli_common as common
from datagen import dialogs

ACTIONS = ("generate", "list", "show", "edit-turn", "delete-turn", "confirm", "unconfirm", "delete", "export")
NEEDS_ID = {"show", "edit-turn", "delete-turn", "confirm", "unconfirm", "delete"}


def add_parsers(add) -> None:
    """Register the ``dialogs`` subcommand through ``cli.build_parser``'s ``add(name, help, llm=, gen=)``."""
    p = add("dialogs", "multi-turn dialogues grounded in chunks: generate, list, show, edit-turn, delete-turn, "
                       "confirm, delete, export", llm=True, gen=True)
    p.add_argument("action", choices=ACTIONS)
    p.add_argument("id", nargs="?", type=int, help="dialogue id")
    p.add_argument("turn", nargs="?", type=int, help="edit-turn/delete-turn: turn number (1 = first message)")
    d = dialogs.DialogSettings()
    p.add_argument("--rounds", type=int, help=f"generate: rounds per dialogue, each a user message and a reply "
                                              f"(default {d.rounds}; --turns is read too)")
    p.add_argument("--user-role", help=f"generate: persona of the user, e.g. student (default {d.user_role})")
    p.add_argument("--assistant-role", help=f"generate: persona of the assistant, e.g. tutor "
                                            f"(default {d.assistant_role})")
    p.add_argument("--system", help="generate: the assistant's system prompt, stored with each dialogue")
    p.add_argument("--per-chunk", type=int, help=f"generate: dialogues per chunk (default {d.per_chunk})")
    p.add_argument("--scenario", help="generate: the setting of the conversation, e.g. 'an exam revision session'")
    p.add_argument("--from-questions", action="store_true",
                   help="generate: one dialogue per generated question, opened by it (default: per chunk)")
    p.add_argument("--text", help="edit-turn: the new text of the turn")
    p.add_argument("--status", default="all", choices=("all", "done", "partial", "confirmed"), help="list: filter")
    p.add_argument("--page", type=int, default=1)
    p.add_argument("--page-size", type=int, default=20)
    p.add_argument("--json", action="store_true", help="list/show: JSON instead of text")
    p.add_argument("--format", choices=dialogs.DIALOG_FORMATS, default="sharegpt", help="export: format")
    p.add_argument("--out", help="export: output file (.json .jsonl .csv .parquet)")
    p.add_argument("--only-confirmed", action="store_true", help="export: only confirmed dialogues")
    p.add_argument("--system-prompt", help="export: system prompt for dialogues that have none")
    p.add_argument("--llamafactory", metavar="NAME", help="export: also write a dataset_info.json entry")


def dialog_settings(args) -> dialogs.DialogSettings:
    d = dialogs.DialogSettings()
    rounds = args.rounds if args.rounds is not None else (args.turns or d.rounds)
    return dialogs.DialogSettings(rounds=rounds, user_role=args.user_role or d.user_role,
                                  assistant_role=args.assistant_role or d.assistant_role,
                                  system_prompt=args.system or "", per_chunk=args.per_chunk or d.per_chunk,
                                  scenario=args.scenario or "", seed="questions" if args.from_questions else "chunks")


def dialog_text(d: dict) -> str:
    """A dialogue as numbered turns, personas named."""
    flags = ", ".join(f for f in (d["status"], "confirmed" if d["confirmed"] else "") if f)
    head = (f"[{d['id']}] chunk {d['chunk_id']}  {d['user_role']} / {d['assistant_role']}  "
            f"{len(d['turns'])}/{2 * d['rounds']} turns  ({flags})")
    lines = [head] + ([f"    system: {d['system']}"] if d["system"] else [])
    names = {"user": d["user_role"], "assistant": d["assistant_role"]}
    lines += [f"  {n}. {t['role']} ({names[t['role']]}): {t['content']}" for n, t in enumerate(d["turns"], 1)]
    return "\n".join(lines)


def _show(out, d: dict, as_json: bool) -> None:
    out(json.dumps(d, ensure_ascii=False, default=str) if as_json else dialog_text(d))


def cmd_dialogs(args, bars) -> int:

    store, pid = common.open_project(args)
    action = args.action
    if action in NEEDS_ID and args.id is None:
        raise ValueError(f"dialogs {action} needs a dialogue id")
    if action == "generate":
        llm = common.stage_client(args, store, pid)
        report = dialogs.generate_dialogs(store, pid, llm, common.gen_settings(args), dialog_settings(args),
                                          progress=bars.stage("dialogs"))
        common.stage_summary(report, store, pid)
        return common.failed_exit(report.failed)
    if action == "list":
        rows, total = dialogs.list_dialogs(store, pid, status=args.status, page=args.page, page_size=args.page_size)
        for d in rows:
            _show(common.out, d, args.json)
        print(f"page {args.page}, {total} dialogues", file=sys.stderr)
        return 0
    if action == "export":
        if not args.out:
            raise ValueError("dialogs export needs --out FILE")
        result = dialogs.export_dialogs(store, pid, args.format, args.out, system_prompt=args.system_prompt,
                                        only_confirmed=args.only_confirmed, llamafactory=args.llamafactory)
        for path in result["files"]:
            common.out(path)
        return 0
    if action == "edit-turn":
        if args.turn is None or args.text is None:
            raise ValueError("dialogs edit-turn needs ID TURN and --text")
        dialogs.edit_turn(store, args.id, args.turn, args.text, project_id=pid)
    elif action == "delete-turn":
        if args.turn is None:
            raise ValueError("dialogs delete-turn needs ID TURN")
        dialogs.delete_turn(store, args.id, args.turn, project_id=pid)
    elif action in ("confirm", "unconfirm"):
        dialogs.confirm_dialog(store, args.id, action == "confirm", project_id=pid)
    elif action == "delete":
        dialogs.delete_dialog(store, args.id, project_id=pid)
        common.out(f"deleted dialogue {args.id}")
        return 0
    _show(common.out, dialogs.get_dialog(store, args.id, pid), args.json)
    return 0


HANDLERS = {"dialogs": cmd_dialogs}
