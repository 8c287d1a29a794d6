"""Provider presets, the model list of an endpoint, and per-stage model routing.

Presets (:data:`PROVIDERS`) fill the base URL of common OpenAI-compatible services and say whether they need
a key and which environment variable holds it; ``custom`` takes any base URL. :func:`resolve_settings` turns
(provider, base URL, key, other options) into :class:`~datagen.llm.LLMSettings`: an explicit value wins over
the preset, the preset over the environment.

Per-stage routes (questions with model A, answers with model B at another endpoint, the judge with C) live in
the project's ``settings`` JSON as ``{"stage_models": {stage: {"model", "provider", "base_url"}}}``: never a
key. At run time :class:`StageRouter` gives each stage (:class:`~datagen.generate.Job` asks ``for_stage``) its
own client. A stage at the same base URL as the run's endpoint uses the run's key; a stage at another host
gets only its preset's key variable from the environment, so a key is never sent to a host it was not given for.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from datagen.generate import run_sync
from datagen.llm import (
    LOCAL_MODEL_NAME,
    ChatClient,
    LLMSettings,
    OpenAIChatClient,
    make_client,
    settings_from_env,
)
from datagen.store import Store
from datagen.store_items import timestamp


@dataclass(frozen=True)
class Provider:
    """An OpenAI-compatible service: its base URL (None: the user gives one), whether it needs a key, and the
    environment variable its key is read from when none is given."""

    name: str
    label: str
    base_url: str | None
    needs_key: bool
    key_env: str | None = None


PROVIDERS: dict[str, Provider] = {p.name: p for p in (
    Provider("openai", "OpenAI", "https://api.openai.com/v1", True, "OPENAI_API_KEY"),
    Provider("ollama", "Ollama (local, no key)", "http://127.0.0.1:11434/v1", False),
    Provider("vllm", "vLLM (local)", "http://127.0.0.1:8000/v1", False, "VLLM_API_KEY"),
    Provider("deepseek", "DeepSeek", "https://api.deepseek.com/v1", True, "DEEPSEEK_API_KEY"),
    Provider("openrouter", "OpenRouter", "https://openrouter.ai/api/v1", True, "OPENROUTER_API_KEY"),
    Provider("siliconflow", "SiliconFlow", "https://api.siliconflow.cn/v1", True, "SILICONFLOW_API_KEY"),
    Provider("custom", "Custom base URL", None, False, "OPENAI_API_KEY"),
)}
# stages a model can be chosen for (``distill`` covers distill_tags and distill_questions)
ROUTABLE_STAGES = ("tags", "questions", "answers", "dpo", "triples", "judge", "distill", "dialogs")
_URL = re.compile(r"^https?://[^\s/@]+(/\S*)?$")


def provider(name: str) -> Provider:
    """The preset ``name``; unknown names are refused with the list of known ones."""
    try:
        return PROVIDERS[name]
    except KeyError:
        raise ValueError(f"unknown provider {name!r}; choose one of {', '.join(PROVIDERS)}") from None


def check_base_url(url: str) -> str:
    """``url`` stripped, if it is an http(s) URL without credentials in it."""
    url = url.strip().rstrip("/")
    if not _URL.match(url):
        raise ValueError(f"base URL {url!r} must look like http(s)://host[:port]/v1 (no user:password@)")
    return url


def resolve_settings(provider_name: str | None = None, *, base_url: str | None = None, api_key: str | None = None,
                     environ: Mapping[str, str] = os.environ, **options) -> LLMSettings:
    """LLMSettings from a preset plus explicit values; without a provider, the environment as before."""
    if not provider_name:
        return settings_from_env(base_url=base_url, api_key=api_key, **options)
    preset = provider(provider_name)
    url = base_url or preset.base_url or environ.get("DATAGEN_BASE_URL")
    if not url:
        raise ValueError("provider 'custom' needs a base URL (--base-url or DATAGEN_BASE_URL)")
    key = api_key or (environ.get(preset.key_env) if preset.key_env else None) or None
    if preset.needs_key and not key:
        raise ValueError(f"{preset.label} needs an API key: set {preset.key_env} or pass --api-key-file")
    model = options.pop("model", None) or environ.get("DATAGEN_MODEL") or None
    return LLMSettings(base_url=check_base_url(url), api_key=key, model=model,
                       **{k: v for k, v in options.items() if v is not None})


def list_models(settings: LLMSettings) -> list[str]:
    """The ids ``/v1/models`` lists at the endpoint (the built-in model's name when there is no endpoint)."""
    if not settings.base_url:
        return [LOCAL_MODEL_NAME]
    client = OpenAIChatClient(settings)

    async def fetch() -> list[str]:
        try:
            return await client.list_models()
        finally:
            await client.aclose()

    return run_sync(fetch)


# ------------------------------------------------------------------------------ per-stage routes

def project_settings(store: Store, project_id: int) -> dict:
    row = store.conn.execute("SELECT settings FROM projects WHERE id = ?", (project_id,)).fetchone()
    return json.loads(row["settings"] or "{}") if row else {}


def stage_routes(store: Store, project_id: int) -> dict[str, dict]:
    """``{stage: {"model", "provider", "base_url"}}`` stored for the project (no keys, ever)."""
    return dict(project_settings(store, project_id).get("stage_models") or {})


def set_stage_route(store: Store, project_id: int, stage: str, *, model: str | None = None,
                    provider_name: str | None = None, base_url: str | None = None) -> dict[str, dict]:
    """Choose the model (and optionally the provider or base URL) of ``stage``; no model clears the route."""
    if stage not in ROUTABLE_STAGES:
        raise ValueError(f"unknown stage {stage!r}; choose one of {', '.join(ROUTABLE_STAGES)}")
    route = {}
    if model and model.strip():
        route["model"] = model.strip()
        if provider_name:
            route["provider"] = provider(provider_name).name
        if base_url and base_url.strip():
            route["base_url"] = check_base_url(base_url)
        if route.get("provider") == "custom" and "base_url" not in route:
            raise ValueError(f"stage {stage}: provider 'custom' needs a base URL")
    with store.transaction() as conn:
        row = conn.execute("SELECT settings FROM projects WHERE id = ?", (project_id,)).fetchone()
        settings = json.loads(row["settings"] or "{}")
        routes = dict(settings.get("stage_models") or {})
        if route:
            routes[stage] = route
        else:
            routes.pop(stage, None)
        settings["stage_models"] = routes
        settings["updated"] = timestamp()
        conn.execute("UPDATE projects SET settings = ? WHERE id = ?", (json.dumps(settings), project_id))
    return routes


def route_settings(base: LLMSettings, route: dict, environ: Mapping[str, str] = os.environ) -> LLMSettings:
    """The settings of one stage: ``base`` with the route's model and, when given, its endpoint."""
    preset = PROVIDERS.get(route.get("provider") or "")
    url = route.get("base_url") or (preset.base_url if preset else None) or base.base_url
    if url is None:
        return replace(base, model=route.get("model"))  # the built-in model: only one model there
    url = check_base_url(url)
    if base.base_url and url == check_base_url(base.base_url):
        key = base.api_key  # same endpoint: the run's key
    else:
        key = environ.get(preset.key_env) if preset and preset.key_env else None
    return replace(base, base_url=url, api_key=key, model=route.get("model"))


def _route_for(routes: dict[str, dict], stage: str) -> dict | None:
    return routes.get(stage) or routes.get(stage.split("_")[0])


class StageRouter(ChatClient):
    """A client that hands each stage the client of its route (the run's default client otherwise)."""

    def __init__(self, default: ChatClient, routes: dict[str, dict], base: LLMSettings,
                 factory: Callable[[LLMSettings], ChatClient] = make_client) -> None:
        self.default, self.routes, self.base, self.factory = default, routes, base, factory
        self.settings = default.settings
        self.model, self.notice, self.concurrency = default.model, default.notice, default.concurrency
        self._clients: dict[str, ChatClient] = {}

    def for_stage(self, stage: str) -> ChatClient:
        route = _route_for(self.routes, stage)
        if route is None:
            return self.default
        if stage not in self._clients:
            self._clients[stage] = self.factory(route_settings(self.base, route))
        return self._clients[stage]

    async def chat(self, messages, **kwargs):
        return await self.default.chat(messages, **kwargs)

    async def aclose(self) -> None:
        for client in (self.default, *self._clients.values()):
            await client.aclose()

    def describe(self) -> str:
        extra = "; ".join(f"{stage}: {route['model']}" for stage, route in sorted(self.routes.items()))
        return f"{self.default.describe()} ({extra})" if extra else self.default.describe()


def routed_client(store: Store, project_id: int, base: LLMSettings,
                  factory: Callable[[LLMSettings], ChatClient] = make_client) -> ChatClient:
    """The run's client: plain when the project has no stage routes, else a :class:`StageRouter`."""
    routes = stage_routes(store, project_id)
    default = factory(base)
    return StageRouter(default, routes, base, factory) if routes else default
