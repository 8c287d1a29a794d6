"""Shared machinery of the generation stages: settings, the per-stage job and its bounded LLM calls.

A stage (tags, questions, answers, dpo, triples, judge, distill) is a list of work units processed by
:func:`run_stage`: a task row tracks status and progress, ``concurrency`` workers pull units, each unit's
results are committed as soon as they exist, a ``threading.Event`` cancels between units, and an endpoint
failure that may not repeat (a 5xx, timeout, reset or unusable body after the client's bounded retries) fails
that unit alone: it is recorded with the reason and the stage goes on. A failure that will repeat (bad key, wrong
URL or model) or :data:`MAX_ENDPOINT_FAILURES` units failing in a row at the endpoint stops the stage with the
task marked ``failed`` — already committed units stay, and re-running the stage resumes with the rest. A unit
that succeeds resolves its earlier recorded failures, so the project's failure count shrinks as retries work.

:meth:`Job.ask` renders a prompt file, calls the model, records the call's token usage, parses the reply
strictly (JSON schema or non-empty text) and retries a malformed reply a bounded number of times (for JSON,
telling the model what was wrong). When the retries are used up the raw reply is stored in ``failures`` and
the unit yields nothing: no output is ever repaired or invented.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import threading
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import asdict, dataclass, field

from datagen import guides, prompts
from datagen.errors import LLMError, LLMOutputError
from datagen.llm import ChatClient, ChatResult, scrub
from datagen.parsing import parse_reply, require_text
from datagen.store import Store

logger = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]  # (done, total, message)
PER_ITEM_STATUS = frozenset({400, 413, 422})  # the request itself was refused (too long, invalid): one unit fails
MAX_ENDPOINT_FAILURES = 5  # units failing in a row at the endpoint (after retries) before the stage stops
TAG_MODES = ("auto", "rebuild", "revise", "keep")


@dataclass
class GenerationSettings:
    """Every generation option, with its default (one source of defaults for UI, CLI and service)."""

    lang: str = "en"
    chars_per_question: int = 400
    min_questions: int = 1
    max_questions: int = 10
    dedup_threshold: float = 0.92
    reasoning: bool = True
    turns: int = 1
    parse_retries: int = 2
    tag_mode: str = "auto"
    max_tags: int = 10
    max_triples: int = 20
    distill_subtopics: int = 5
    distill_aspects: int = 3
    distill_questions: int = 5
    judge_threshold: float = 3.0

    def __post_init__(self) -> None:
        if self.lang not in prompts.LANGUAGES:
            raise ValueError(f"lang must be one of {prompts.LANGUAGES}, got {self.lang!r}")
        if self.tag_mode not in TAG_MODES:
            raise ValueError(f"tag_mode must be one of {TAG_MODES}, got {self.tag_mode!r}")
        if self.chars_per_question < 1 or not 1 <= self.min_questions <= self.max_questions:
            raise ValueError(f"need chars_per_question >= 1 and 1 <= min_questions <= max_questions (got "
                             f"{self.chars_per_question}, {self.min_questions}, {self.max_questions})")
        if not 0.0 < self.dedup_threshold <= 1.0:
            raise ValueError(f"dedup_threshold must be in (0, 1], got {self.dedup_threshold}")
        if self.turns < 1 or self.parse_retries < 0 or self.max_tags < 1 or self.max_triples < 1:
            raise ValueError(f"need turns >= 1, parse_retries >= 0, max_tags >= 1, max_triples >= 1 (got "
                             f"{self.turns}, {self.parse_retries}, {self.max_tags}, {self.max_triples})")
        if min(self.distill_subtopics, self.distill_aspects, self.distill_questions) < 1:
            raise ValueError("distill_subtopics, distill_aspects and distill_questions must be >= 1")
        if not 0.0 <= self.judge_threshold <= 5.0:
            raise ValueError(f"judge_threshold must be in [0, 5], got {self.judge_threshold}")

    def questions_for(self, chars: int) -> int:
        """Questions to ask about a chunk of ``chars`` characters: proportional, clamped to [min, max]."""
        return max(self.min_questions, min(self.max_questions, round(chars / self.chars_per_question)))


@dataclass
class StageReport:
    """What one stage run did: units done/failed/skipped, rows created/removed, calls, tokens and time."""

    stage: str
    total: int = 0
    done: int = 0
    failed: int = 0
    skipped: int = 0
    created: int = 0
    removed: int = 0
    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    status: str = "done"
    message: str = ""
    notice: str | None = None
    task_id: int | None = None
    failures: list[str] = field(default_factory=list)

    @property
    def tokens_per_second(self) -> float:
        """Generated tokens per second of the stage's wall time."""
        return self.completion_tokens / self.seconds if self.seconds > 0 else 0.0

    def eta_seconds(self) -> float | None:
        """Seconds until the remaining units are done, at the pace so far (None before the first unit)."""
        if self.done == 0 or self.seconds <= 0:
            return None
        return self.seconds / self.done * max(0, self.total - self.done)

    def pace(self) -> str:
        """``"12.3 tok/s, 2 failed, ETA 1m05s"`` for progress lines."""
        eta = self.eta_seconds()
        left = "" if eta is None else f", ETA {int(eta) // 60}m{int(eta) % 60:02d}s"
        return f"{self.tokens_per_second:.1f} tok/s, {self.failed} failed{left}"

    def as_dict(self) -> dict:
        return {**asdict(self), "tokens_per_second": round(self.tokens_per_second, 2)}

    def line(self) -> str:
        extra = f", {self.removed} duplicates removed" if self.removed else ""
        return (f"{self.stage}: {self.done}/{self.total} units, {self.created} created{extra}, {self.failed} failed, "
                f"{self.calls} calls, {self.prompt_tokens}+{self.completion_tokens} tokens, {self.seconds:.1f} s, "
                f"{self.tokens_per_second:.1f} tok/s [{self.status}]")


UNIT_TOKENS_GUESS = 120.0  # tokens per unit assumed for the progress bar until the first unit has finished


class Job:
    """One stage run over a project: the store, the model, the settings and the bookkeeping."""

    def __init__(self, store: Store, project_id: int, llm: ChatClient | None, settings: GenerationSettings, *,
                 stage: str, progress: Progress | None = None, cancel: threading.Event | None = None) -> None:
        if llm is not None and hasattr(llm, "for_stage"):  # per-stage models (datagen.providers.StageRouter)
            llm = llm.for_stage(stage)
        self.store, self.project_id, self.llm, self.settings = store, project_id, llm, settings
        self.stage = stage
        self.progress = progress
        self.cancel = cancel or threading.Event()
        self.report = StageReport(stage=stage, notice=getattr(llm, "notice", None))
        self.task_id: int | None = None
        self.started: float | None = None  # perf_counter at the start of run_stage
        self._last_update = 0.0
        self._last_report = 0.0  # monotonic time of the last progress report (tick or heartbeat)
        self._live_start = 0  # the client's live token count when the stage started
        self._open_failures = store.open_failure_keys(project_id, stage)
        self._endpoint_failures = 0  # consecutive units failed at the endpoint

    @property
    def lang(self) -> str:
        return self.settings.lang

    def fail(self, key: str, error: str, raw: str = "") -> None:
        """Record a failed unit (with the model's raw reply) in the store and the report; the endpoint's key and
        anything that looks like a key are masked first (an endpoint may echo the request back)."""
        secret = getattr(getattr(self.llm, "settings", None), "api_key", None)
        error, raw = scrub(error, secret), scrub(raw, secret)
        self.store.record_failure(self.project_id, self.stage, key, error, raw, task_id=self.task_id)
        self.report.failed += 1
        if len(self.report.failures) < 20:
            self.report.failures.append(f"{key}: {error}")
        logger.info("%s %s failed: %s", self.stage, key, error)

    def _record(self, result: ChatResult) -> None:
        self.report.calls += 1
        self.report.prompt_tokens += result.prompt_tokens
        self.report.completion_tokens += result.completion_tokens
        self.store.record_call(self.project_id, stage=self.stage, model=result.model or self.llm.model,
                               prompt_tokens=result.prompt_tokens, completion_tokens=result.completion_tokens,
                               seconds=result.seconds, task_id=self.task_id)

    async def ask(self, prompt: str, fields: dict, *, key: str, schema: dict | None = None,
                  guide: dict | None = None, history: Sequence[dict] = (), temperature: float | None = None,
                  max_tokens: int | None = None, images: Sequence[str] = ()) -> tuple[object, ChatResult] | None:
        """Render ``prompt`` with ``fields``, call the model, parse strictly; (value, result) or None on failure.

        With ``schema`` the value is the validated JSON; without, the non-empty reply text. The model is asked
        for the ``guide`` shape (default: :func:`datagen.guides.default_guide` of ``schema``): the built-in
        model decodes under it, an endpoint gets it as ``response_format``. ``images`` (URLs) go with the prompt
        as image content parts."""
        content: str | list = prompts.render(prompt, self.lang, **fields)
        if images:  # image URLs (data: URLs) as OpenAI content parts after the text, for vision models
            content = [{"type": "text", "text": content},
                       *({"type": "image_url", "image_url": {"url": url}} for url in images)]
        messages = [*history, {"role": "user", "content": content}]
        guide = guide if guide is not None else guides.default_guide(schema)
        attempts = self.settings.parse_retries + 1
        error, raw = "", ""
        for attempt in range(attempts):
            try:
                result = await self.llm.chat(messages, temperature=temperature, max_tokens=max_tokens,
                                             purpose=prompt, schema=guide)
            except LLMError as exc:
                if getattr(exc, "status", None) in PER_ITEM_STATUS:
                    self.fail(key, f"{prompt}: {exc}")
                    return None
                if not getattr(exc, "transient", False):
                    raise
                self._endpoint_failures += 1
                self.fail(key, f"{prompt}: {exc}")
                if self._endpoint_failures >= MAX_ENDPOINT_FAILURES:
                    raise LLMError(f"{self._endpoint_failures} {self.stage} units in a row failed at the endpoint; "
                                   f"stopping (last error: {exc})") from None
                return None
            self._endpoint_failures = 0
            self._record(result)
            raw = result.text
            try:
                value = parse_reply(raw, schema) if schema is not None else require_text(raw)
                if key in self._open_failures:  # an earlier failure of this unit is now fixed
                    self._open_failures.discard(key)
                    self.store.resolve_failures(self.project_id, self.stage, key)
                return value, result
            except LLMOutputError as exc:
                error = str(exc)
                if result.finish_reason == "length":
                    error += " (the reply hit the max_tokens limit)"
                logger.debug("%s %s attempt %d/%d: %s", prompt, key, attempt + 1, attempts, error)
                if schema is not None:
                    messages = [*messages[: len(history) + 1], {"role": "assistant", "content": raw},
                                {"role": "user", "content": prompts.render("fix_json", self.lang, error=error)}]
        self.fail(key, f"{prompt}: {error} (after {attempts} attempts)", raw)
        return None

    def heartbeat(self, width: int, every: float = 1.0) -> None:
        """Between finished units (at most every ``every`` s): report the work in flight, so the bar moves from the
        first unit. With a client that counts its tokens live (the built-in model decodes a whole batch before
        any unit finishes), in-flight tokens count as a share of a unit, and tokens/s and the ETA come from them."""
        now = time.monotonic()
        if not self.progress or self.started is None or now - self._last_report < every:
            return
        self._last_report = now
        r = self.report
        elapsed = time.perf_counter() - self.started
        live = getattr(self.llm, "live_tokens", None)
        partial, rate, eta = 0.0, r.tokens_per_second, None
        in_flight = min(width, r.total - r.done)
        if live is not None and elapsed > 0:
            generated = max(0, live - self._live_start)
            rate = generated / elapsed
            per_unit = r.completion_tokens / r.done if r.done else UNIT_TOKENS_GUESS
            partial = min(0.9 * in_flight, max(0, generated - r.completion_tokens) / max(1.0, per_unit))
            if rate > 0:
                eta = (r.total - r.done - partial) * per_unit / rate
        left = "" if eta is None else f", ETA {int(eta) // 60}m{int(eta) % 60:02d}s"
        self.progress(r.done + partial, r.total,
                      f"{in_flight} in progress, {rate:.1f} tok/s, {r.failed} failed, {elapsed:.0f} s{left}")

    def tick(self, message: str = "") -> None:
        """One unit finished: report progress (and persist it at most twice a second)."""
        self.report.done += 1
        if self.started is not None:
            self.report.seconds = time.perf_counter() - self.started
        message = message or self.report.pace()
        now = time.monotonic()
        if self.task_id is not None and (now - self._last_update > 0.5 or self.report.done == self.report.total):
            self.store.update_task(self.task_id, done=self.report.done, failed=self.report.failed)
            self._last_update = now
        if self.progress:
            self._last_report = now
            self.progress(self.report.done, self.report.total, message)


async def run_units(job: Job, units: Sequence, worker: Callable[[object], Awaitable[None]]) -> None:
    """Process ``units`` with ``job.llm.concurrency`` workers; stop early when ``job.cancel`` is set.

    A worker exception (an endpoint failure) cancels the other workers and propagates."""
    pending_units = iter(units)

    async def runner() -> None:
        for unit in pending_units:  # one shared iterator: each unit goes to exactly one worker
            if job.cancel.is_set():
                return
            await worker(unit)
            job.tick()

    width = max(1, min(getattr(job.llm, "concurrency", 1) or 1, len(units)))
    tasks = {asyncio.create_task(runner()) for _ in range(width)}
    job._live_start = getattr(job.llm, "live_tokens", None) or 0
    if job.progress and units:
        job.progress(0, len(units), f"starting {width} at a time")  # the bar shows before the first unit ends
    try:
        while tasks:
            job.heartbeat(width)
            done, tasks = await asyncio.wait(tasks, timeout=0.1, return_when=asyncio.FIRST_EXCEPTION)
            errors = [t.exception() for t in done if not t.cancelled() and t.exception() is not None]
            if errors:
                raise errors[0]  # the first worker error; the others were retrieved above
            if job.cancel.is_set():
                break
    finally:
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)


def run_sync(coro_factory: Callable[[], Awaitable]):
    """Run a coroutine to completion from synchronous code, even when this thread already runs a loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro_factory())
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(coro_factory())).result()


def run_stage(job: Job, units: Sequence, worker: Callable[[object], Awaitable[None]], *,
              params: dict | None = None, skipped: int = 0) -> StageReport:
    """Run a stage as a task: start the task row, process the units, close the task with its outcome."""
    with job.store.work_lock(job.project_id, f"the {job.stage} stage"):
        return _run_stage(job, units, worker, params=params, skipped=skipped)


def _run_stage(job: Job, units: Sequence, worker: Callable[[object], Awaitable[None]], *,
               params: dict | None, skipped: int) -> StageReport:
    report = job.report
    report.total, report.skipped = len(units), skipped
    job.task_id = report.task_id = job.store.start_task(job.project_id, job.stage, total=len(units),
                                                       params=params)
    if report.notice and units and not getattr(job.llm, "notice_logged", False):
        logger.warning("%s", report.notice)  # once per client, not once per stage
        job.llm.notice_logged = True
    start = job.started = time.perf_counter()

    async def main() -> None:
        try:
            await run_units(job, units, worker)
        finally:
            if job.llm is not None:
                await job.llm.aclose()

    try:
        run_sync(main)
    except LLMError as exc:
        report.status, report.message = "failed", str(exc)
        exc.report = report  # callers summarising a pipeline still see what was done before the failure
        raise
    except BaseException as exc:
        report.status, report.message = "interrupted", f"{type(exc).__name__}: {exc}"
        raise
    else:
        report.status = "cancelled" if job.cancel.is_set() and report.done < report.total else "done"
    finally:
        report.seconds = time.perf_counter() - start
        job.store.update_task(job.task_id, done=report.done, failed=report.failed)
        job.store.finish_task(job.task_id, report.status, report.message or report.line())
        logger.info("%s", report.line())
    return report
