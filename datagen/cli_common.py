"""Shared by the ``python -m datagen`` subcommand modules (``cli.py`` and the ``cli_*.py`` feature modules):
progress bars, the option groups, settings built from the parsed arguments, opening the workspace, and the
output and exit-code conventions (stdout carries the result, stderr the rest; 3 when some units failed)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from dataclasses import fields
from pathlib import Path

from datagen import providers, service
from datagen.errors import DatagenError
from datagen.generate import TAG_MODES, GenerationSettings, StageReport
from datagen.llm import LLMSettings
from datagen.pipeline import SplitSettings

logger = logging.getLogger("datagen.cli")
GEN_DEFAULTS = GenerationSettings()
LLM_DEFAULTS = LLMSettings()


class ProgressBars:
    """A tqdm bar per stage on stderr, driven by the service's ``progress(stage, done, total, message)``."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bars: dict = {}

    def __call__(self, stage: str, done: int, total: int, message: str = "") -> None:
        if not self.enabled:
            return
        from tqdm import tqdm

        bar = self.bars.get(stage)
        if bar is None:
            bar = self.bars[stage] = tqdm(total=total, desc=stage, unit="unit", file=sys.stderr, mininterval=0.5,
                                          leave=True, dynamic_ncols=True)
        bar.total = total
        if message:  # the stage's pace: tokens/s, failures, ETA
            bar.set_postfix_str(message, refresh=False)
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    def stage(self, name: str):
        return lambda done, total, message="": self(name, done, total, message)

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()


# ------------------------------------------------------------------------------------------ parsers

def common_options(parser: argparse.ArgumentParser, *, workspace: bool = True) -> None:
    if workspace:
        parser.add_argument("-w", "--workspace", default=os.environ.get("DATAGEN_WORKSPACE"),
                            help="workspace folder (env DATAGEN_WORKSPACE)")
        parser.add_argument("-p", "--project", default=os.environ.get("DATAGEN_PROJECT"),
                            help="project name (env DATAGEN_PROJECT; default: the only project, else 'default')")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details to stderr")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bars")


def llm_options(parser: argparse.ArgumentParser) -> None:
    g = parser.add_argument_group("model")
    g.add_argument("--provider", choices=tuple(providers.PROVIDERS), default=os.environ.get("DATAGEN_PROVIDER"),
                   help="preset endpoint: fills the base URL and reads the key from the provider's variable "
                        "(e.g. DEEPSEEK_API_KEY; ollama needs none) (env DATAGEN_PROVIDER)")
    g.add_argument("--base-url", help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8000/v1 "
                                      "(env DATAGEN_BASE_URL; none: the built-in SmolLM2, slow and low quality)")
    g.add_argument("--model", help="model name at the endpoint (env DATAGEN_MODEL; default: the first listed)")
    g.add_argument("--api-key", help="API key; prefer env OPENAI_API_KEY or --api-key-file (argv shows in ps); "
                                     "never logged or stored")
    g.add_argument("--api-key-file", help="file holding the API key (first line)")
    g.add_argument("--concurrency", type=int, help=f"parallel requests (default {LLM_DEFAULTS.concurrency})")
    g.add_argument("--temperature", type=float, help=f"sampling temperature (default {LLM_DEFAULTS.temperature})")
    g.add_argument("--max-tokens", type=int, help=f"max tokens per reply (default {LLM_DEFAULTS.max_tokens})")
    g.add_argument("--timeout", type=float, help=f"seconds per request (default {LLM_DEFAULTS.timeout:g})")
    g.add_argument("--max-retries", type=int, help=f"retries on 429/5xx/timeouts (default {LLM_DEFAULTS.max_retries})")


def gen_options(parser: argparse.ArgumentParser) -> None:
    g = parser.add_argument_group("generation")
    d = GEN_DEFAULTS
    g.add_argument("--lang", choices=("en", "zh"), default=os.environ.get("DATAGEN_LANG"),
                   help=f"language of the generated data (env DATAGEN_LANG; default {d.lang})")
    g.add_argument("--parse-retries", type=int, help=f"retries of a malformed reply (default {d.parse_retries})")
    g.add_argument("--chars-per-question", type=int, help=f"one question per N chunk characters "
                                                          f"(default {d.chars_per_question})")
    g.add_argument("--min-questions", type=int, help=f"questions per chunk, at least (default {d.min_questions})")
    g.add_argument("--max-questions", type=int, help=f"questions per chunk, at most (default {d.max_questions})")
    g.add_argument("--dedup-threshold", type=float, help=f"cosine similarity at which a question is a duplicate "
                                                         f"(default {d.dedup_threshold}; 1 = identical text only)")
    g.add_argument("--no-reasoning", dest="reasoning", action="store_false", default=None,
                   help="do not generate a reasoning trace when the model gives none")
    g.add_argument("--turns", type=int, help=f"conversation turns per item (default {d.turns})")
    g.add_argument("--tag-mode", choices=TAG_MODES, help=f"tag tree mode (default {d.tag_mode}: build it when "
                                                        "there is none, else keep it and its labels)")
    g.add_argument("--max-tags", type=int, help=f"top-level tags at most (default {d.max_tags})")
    g.add_argument("--max-triples", type=int, help=f"triples per chunk at most (default {d.max_triples})")
    g.add_argument("--judge-threshold", type=float, help=f"minimum judge score kept (default {d.judge_threshold:g})")


def split_options(parser: argparse.ArgumentParser) -> None:
    g = parser.add_argument_group("splitting")
    g.add_argument("--method", default="markdown", choices=("markdown", "recursive", "token", "custom"),
                   help="split method (default markdown: heading-aware)")
    g.add_argument("--min-len", type=int, help="markdown: merge sections shorter than this (chars)")
    g.add_argument("--max-len", type=int, help="markdown: cut sections longer than this (chars)")
    g.add_argument("--chunk-size", type=int, help="recursive: chunk size (chars)")
    g.add_argument("--overlap", type=int, help="recursive/token: overlap")
    g.add_argument("--chunk-tokens", type=int, help="token: tokens per chunk")
    g.add_argument("--separator", help="custom: cut at every occurrence of this text")


def export_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--system-prompt", help="system prompt for items that have none")
    parser.add_argument("--include-reasoning", action="store_true", help="put the reasoning before the answer "
                                                                         "in <think>…</think>")
    parser.add_argument("--only-confirmed", action="store_true", help="only items confirmed in review")
    parser.add_argument("--min-score", type=float, help="only items with a rating/judge score at least this")
    parser.add_argument("--min-grounding", type=float, help="only answers grounded at least this in their chunk "
                                                             "(0-1, ROUGE-L precision)")
    parser.add_argument("--answerable-only", action="store_true",
                        help="leave out questions flagged as not answerable from their chunk")
    parser.add_argument("--test-ratio", type=float, default=0.0, help="share of items in a test split (0: none)")
    parser.add_argument("--seed", type=int, default=0, help="shuffle seed of the train/test split")


# ---------------------------------------------------------------------------------------- settings

def gen_settings(args) -> GenerationSettings:
    names = {f.name for f in fields(GenerationSettings)}
    aliases = {"subtopics": "distill_subtopics", "aspects": "distill_aspects",
               "questions_per_aspect": "distill_questions"}
    values = {}
    for key, value in vars(args).items():
        target = aliases.get(key, key)
        if target in names and value is not None:
            values[target] = value
    return GenerationSettings(**values)


def api_key(args) -> str | None:
    """The key from --api-key-file, else --api-key (with a warning: argv is visible to other users), else None
    (then OPENAI_API_KEY)."""
    if getattr(args, "api_key_file", None):
        try:
            lines = Path(args.api_key_file).read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise DatagenError(f"cannot read --api-key-file {args.api_key_file}: {exc.strerror or exc}") from None
        return lines[0].strip() if lines and lines[0].strip() else None
    if args.api_key:
        logger.warning("--api-key on the command line is visible to other users (ps); prefer OPENAI_API_KEY or "
                       "--api-key-file")
    return args.api_key


def llm_settings(args) -> LLMSettings:
    return providers.resolve_settings(args.provider, base_url=args.base_url, model=args.model,
                                      api_key=api_key(args), concurrency=args.concurrency,
                                      temperature=args.temperature, max_tokens=args.max_tokens,
                                      timeout=args.timeout, max_retries=args.max_retries)


def stage_client(args, store, pid):
    """The model client of a stage command: the project's per-stage models route over the given endpoint."""
    return providers.routed_client(store, pid, llm_settings(args))


def split_settings(args) -> SplitSettings:
    keys = ("min_len", "max_len", "chunk_size", "overlap", "chunk_tokens", "separator")
    return SplitSettings(args.method, {k: getattr(args, k) for k in keys if getattr(args, k) is not None})


def open_project(args, *, create: bool = False):
    if not args.workspace:
        raise DatagenError("no workspace given: pass --workspace DIR (or set DATAGEN_WORKSPACE)")
    store = service.open_workspace(args.workspace, create=create)
    return store, service.project(store, args.project, create=create)


def out(text: str) -> None:
    sys.stdout.write(text.rstrip("\n") + "\n")
    sys.stdout.flush()


def stage_summary(report: StageReport, store, pid) -> None:
    out(report.line())
    if report.message:
        out(f"  {report.message}")
    if report.failed:
        out(f"  {report.failed} failures recorded with the raw replies (`python -m datagen failures "
             f"--stage {report.stage}`); re-run to retry them")
    if report.notice:
        print(f"note: {report.notice}", file=sys.stderr)


EXIT_UNITS_FAILED = 3


def failed_exit(failed: int) -> int:
    """Exit code of a command that finished: 0, or EXIT_UNITS_FAILED (with a line on stderr) when units failed."""
    if not failed:
        return 0
    print(f"warning: {failed} unit(s) failed and were recorded (`python -m datagen failures`); re-run the same "
          "command to retry exactly those", file=sys.stderr)
    return EXIT_UNITS_FAILED
