"""``python -m datagen models`` (the endpoint's model list, ``/v1/models``) and ``python -m datagen stage-models``
(per-stage model choice stored in the project: ``show``, ``set STAGE MODEL [--provider P] [--base-url URL]``,
``clear STAGE``). :func:`add_parsers` is called by :mod:`datagen.cli` with its ``add`` helper; :data:`HANDLERS`
joins its command table."""

from __future__ import annotations

import json

from datagen import cli_common as common
from datagen import providers


def add_parsers(add) -> None:
    """Register ``models`` and ``stage-models`` through ``cli.build_parser``'s ``add``."""
    p = add("models", "list the models an endpoint serves (GET /v1/models)", llm=True, workspace=False)
    p.add_argument("--json", action="store_true", help="a JSON list instead of one id per line")
    p = add("stage-models", "choose a model per stage (stored in the project; keys never are)")
    p.add_argument("action", nargs="?", default="show", choices=("show", "set", "clear"))
    p.add_argument("stage", nargs="?", choices=providers.ROUTABLE_STAGES)
    p.add_argument("model", nargs="?", help="set: the model id for the stage")
    p.add_argument("--provider", dest="stage_provider", choices=tuple(providers.PROVIDERS),
                   help="set: the stage's provider preset (default: the run's endpoint)")
    p.add_argument("--base-url", dest="stage_base_url", help="set: the stage's endpoint (default: the run's)")
    p.add_argument("--json", action="store_true")


def cmd_models(args, bars) -> int:

    names = providers.list_models(common.llm_settings(args))
    common.out(json.dumps(names) if args.json else "\n".join(names))
    return 0


def cmd_stage_models(args, bars) -> int:

    store, pid = common.open_project(args)
    if args.action != "show" and not args.stage:
        raise ValueError(f"stage-models {args.action} needs a stage ({', '.join(providers.ROUTABLE_STAGES)})")
    if args.action == "set":
        if not args.model:
            raise ValueError(f"stage-models set {args.stage} needs a model id")
        providers.set_stage_route(store, pid, args.stage, model=args.model, provider_name=args.stage_provider,
                                  base_url=args.stage_base_url)
    elif args.action == "clear":
        providers.set_stage_route(store, pid, args.stage)
    routes = providers.stage_routes(store, pid)
    if args.json:
        common.out(json.dumps(routes))
        return 0
    for stage in providers.ROUTABLE_STAGES:
        route = routes.get(stage)
        where = ""
        if route:
            where = " at " + (route.get("base_url") or route.get("provider") or "the run's endpoint")
        common.out(f"{stage}: {route['model'] + where if route else '(the run model)'}")
    return 0


HANDLERS = {"models": cmd_models, "stage-models": cmd_stage_models}
