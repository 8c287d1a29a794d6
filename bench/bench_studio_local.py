"""The dataset studio with the built-in model and no endpoint: questions and answers for two real documents.

Two licence texts that ship with Debian (``/usr/share/common-licenses``, copied under a ``.txt`` name so the
studio accepts them) are ingested and split with the default settings (GPL-2 + MPL-1.1: 34 chunks). Then,
in one process and on the same chunks:

* ``baseline``: the pre-#13 way — one request at a time, no grammar (the reply is parsed and retried when it
  is malformed) — on the first ``--baseline-chunks`` chunks and the first ``--baseline-answers`` questions of
  the batched phase (answered before the batched answer phase, which takes the next ``--answers``);
* ``batched``: the studio today — ``LocalChatClient`` decoding ``--batch`` requests together, every JSON reply
  under its guide (llguidance) — tags, questions for every chunk, answers (with reasoning) for ``--answers``
  questions.

Then both exports of the batched project (Alpaca, ShareGPT) are loaded with ``datasets`` (rows reported).
Reported per phase: seconds, units, seconds per unit, tokens/s, failures (and how many were malformed JSON),
the share of chunks with schema-valid questions, and the load average before/after (the machine is shared, so
compare the same-run ratios, not absolute times). Run: ``python -m bench.bench_studio_local``; writes
``bench/results/studio_local.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results" / "studio_local.json"
GENERATION_DEFAULTS = {"chars_per_question": 400}  # datagen.generate.GenerationSettings' default (checked in main)
LICENSES = Path("/usr/share/common-licenses")
DEFAULT_DOCS = ("GPL-2", "MPL-1.1")


class UnguidedLocalClient:
    """The baseline: the built-in model one request at a time, without a grammar (schema ignored)."""

    def __new__(cls, settings, model_name: str | None = None):
        from datagen.llm import LocalChatClient

        class Unguided(LocalChatClient):
            async def chat(self, messages, *, temperature=None, max_tokens=None, purpose="", schema=None):
                return await super().chat(messages, temperature=temperature, max_tokens=max_tokens,
                                          purpose=purpose, schema=None)

        return Unguided(settings, batch_size=1)


def save_partial(path: Path, phases: list[dict]) -> None:
    """Write the phases measured so far (a long run stopped by hand keeps them)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"benchmark": "studio_local", "partial": True, "phases": phases}, indent=2,
                               ensure_ascii=False) + "\n", encoding="utf-8")


def make_project(store, name: str, docs: list[Path]) -> int:
    from datagen import pipeline

    pid = store.create_project(name)
    _, errors = pipeline.add_paths(store, pid, docs)
    if errors:
        raise SystemExit(f"cannot ingest the documents: {errors}")
    pipeline.split_files(store, pid)
    return pid


def phase(name: str, run, **facts) -> dict:
    """Run one stage and describe it (load average before and after, since the CPU is shared)."""
    load_before = os.getloadavg()
    start, cpu_start = time.perf_counter(), time.process_time()
    report = run()
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    malformed = sum(1 for f in report.failures if "JSON" in f or "shape" in f)
    out = {"phase": name, "seconds": round(seconds, 1), "cpu_seconds": round(cpu_seconds, 1), "units": report.total, "done": report.done,
           "failed": report.failed, "malformed_json_failures": malformed, "created": report.created,
           "calls": report.calls, "completion_tokens": report.completion_tokens,
           "tokens_per_second": round(report.completion_tokens / seconds, 2) if seconds else 0.0,
           "seconds_per_unit": round(seconds / max(1, report.total), 2),
           "cpu_seconds_per_unit": round(cpu_seconds / max(1, report.total), 2),
           "loadavg_before": [round(x, 2) for x in load_before],
           "loadavg_after": [round(x, 2) for x in os.getloadavg()], "failures": report.failures[:5], **facts}
    print(json.dumps({k: v for k, v in out.items() if k != "failures"}), flush=True)
    return out


def threads_probe(model, tokens: int = 400, steps: int = 20) -> list[dict]:
    """Prefill ``tokens`` and decode ``steps`` tokens with 1 and with 2 torch threads (wall and CPU seconds)."""
    import torch
    from transformers import DynamicCache

    from datagen.localgen import torch_threads

    ids = torch.randint(100, 40000, (1, tokens), generator=torch.Generator().manual_seed(0))
    rows = []
    for threads in (1, 2, 1, 2):
        with torch_threads(threads), torch.no_grad():
            cache = DynamicCache(config=model.config)
            start, cpu = time.perf_counter(), time.process_time()
            model(input_ids=ids, past_key_values=cache, use_cache=True, logits_to_keep=1)
            for _ in range(steps):
                model(input_ids=ids[:, -1:], past_key_values=cache, use_cache=True)
            rows.append({"threads": threads, "seconds": round(time.perf_counter() - start, 2),
                         "cpu_seconds": round(time.process_time() - cpu, 2),
                         "loadavg": [round(x, 2) for x in os.getloadavg()]})
    return rows


def chunk_coverage(store, pid: int, chunk_ids) -> dict:
    """How many of ``chunk_ids`` got at least one (schema-valid, stored) question."""
    wanted = set(chunk_ids)
    items = [*store.iter_items(pid, status="all"), *store.iter_items(pid, status="duplicate")]
    with_questions = {i["chunk_id"] for i in items if i["chunk_id"] in wanted}
    return {"chunks": len(wanted), "chunks_with_questions": len(with_questions),
            "share": round(len(with_questions) / max(1, len(wanted)), 3)}


def export_rows(store, pid: int, folder: Path) -> dict:
    """Export the batched project as Alpaca and ShareGPT and load each file with ``datasets``: rows loaded."""
    import datasets

    from datagen import service

    rows = {}
    for fmt in ("alpaca", "sharegpt"):
        out = folder / f"{fmt}.json"
        service.export(store, pid, fmt, out)
        rows[fmt] = len(datasets.load_dataset("json", data_files=str(out), split="train"))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", nargs=2, default=DEFAULT_DOCS, help="two names in /usr/share/common-licenses")
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--answers", type=int, default=100)
    parser.add_argument("--chunks", type=int, default=0, help="limit the batched question phase (0: all)")
    parser.add_argument("--baseline-chunks", type=int, default=3)
    parser.add_argument("--baseline-answers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0: torch's default)")
    parser.add_argument("--chars-per-question", type=int, default=GENERATION_DEFAULTS["chars_per_question"],
                        help="one question per this many characters of a chunk (lower: more questions)")
    parser.add_argument("--reasoning", action="store_true",
                        help="answers with a generated reasoning trace (a second call per answer)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    import torch

    from datagen.answers import generate_answers
    from datagen.generate import GenerationSettings
    from datagen.llm import LLMSettings, LocalChatClient
    from datagen.questions import generate_questions
    from datagen.store import Store
    from datagen.tags import build_tags

    assert GenerationSettings().chars_per_question == GENERATION_DEFAULTS["chars_per_question"]
    if args.threads:
        torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    tmp = Path(tempfile.mkdtemp(prefix="bench-studio-"))
    try:
        docs = []
        for name in args.docs:
            docs.append(tmp / f"{name}.txt")
            shutil.copy(LICENSES / name, docs[-1])
        store = Store.open(tmp / "ws", create=True)
        base_pid, pid = make_project(store, "baseline", docs), make_project(store, "batched", docs)
        chunks = [c["id"] for c in store.list_chunks(pid)]
        chunks = chunks[: args.chunks] if args.chunks else chunks
        base_chunks = [c["id"] for c in store.list_chunks(base_pid)][: args.baseline_chunks]
        settings = GenerationSettings(reasoning=args.reasoning, chars_per_question=args.chars_per_question)
        llm_settings = LLMSettings()
        batched = LocalChatClient(llm_settings, batch_size=args.batch)
        baseline = UnguidedLocalClient(llm_settings)
        start = time.perf_counter()
        batched._components()
        load_seconds = time.perf_counter() - start
        probe = threads_probe(batched._components()[0])
        print(json.dumps({"threads_probe": probe}), flush=True)
        phases = [phase("batched tags", lambda: build_tags(store, pid, batched, settings))]
        save_partial(args.out, phases)
        phases.append(phase("baseline questions", lambda: generate_questions(
            store, base_pid, baseline, settings, chunk_ids=base_chunks), coverage=None))
        phases[-1]["coverage"] = chunk_coverage(store, base_pid, base_chunks)
        save_partial(args.out, phases)
        phases.append(phase("batched questions", lambda: generate_questions(
            store, pid, batched, settings, chunk_ids=chunks)))
        phases[-1]["coverage"] = chunk_coverage(store, pid, chunks)
        save_partial(args.out, phases)
        # the baseline answers questions of the batched project (its own question phase may have produced none)
        base_q = [i["id"] for i in store.iter_items(pid, status="unanswered")][: args.baseline_answers]
        phases.append(phase("baseline answers", lambda: generate_answers(
            store, pid, baseline, settings, question_ids=base_q)))
        save_partial(args.out, phases)
        questions = [i["id"] for i in store.iter_items(pid, status="unanswered")][: args.answers]
        phases.append(phase("batched answers", lambda: generate_answers(
            store, pid, batched, settings, question_ids=questions)))
        save_partial(args.out, phases)
        samples = [{"question": i["question"], "answer": i["answer"], "rouge_l": i["rouge_l"]}
                   for i in store.iter_items(pid, status="answered")][:8]
        exports = export_rows(store, pid, tmp)
        print(json.dumps({"exports": exports}), flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    by_name = {p["phase"]: p for p in phases}
    ratios = {
        "questions_seconds_per_chunk_speedup": round(by_name["baseline questions"]["seconds_per_unit"]
                                                     / max(1e-9, by_name["batched questions"]["seconds_per_unit"]), 2),
        "answers_seconds_per_question_speedup": round(by_name["baseline answers"]["seconds_per_unit"]
                                                      / max(1e-9, by_name["batched answers"]["seconds_per_unit"]), 2),
        "questions_cpu_seconds_per_chunk_speedup": round(
            by_name["baseline questions"]["cpu_seconds_per_unit"]
            / max(1e-9, by_name["batched questions"]["cpu_seconds_per_unit"]), 2),
        "answers_cpu_seconds_per_question_speedup": round(
            by_name["baseline answers"]["cpu_seconds_per_unit"]
            / max(1e-9, by_name["batched answers"]["cpu_seconds_per_unit"]), 2),
    }
    result = {"benchmark": "studio_local", "docs": list(args.docs), "batch": args.batch, "reasoning": args.reasoning,
              "chars_per_question": args.chars_per_question,
              "exports": exports,
              "model_load_seconds": round(load_seconds, 1), "threads_probe": probe, "phases": phases, "ratios": ratios,
              "samples": samples, "machine": {"cpus": os.cpu_count(), "torch_threads": torch.get_num_threads(),
                                               "python": sys.version.split()[0], "platform": platform.platform(),
                                               "torch": torch.__version__,
                                               "decode_threads_env": os.environ.get("KBLAM_STUDIO_THREADS")}}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(ratios))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
