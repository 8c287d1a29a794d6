"""Generation throughput: questions/s of the question stage against an endpoint with a fixed reply delay.

A FastAPI server in a separate process answers every ``/v1/chat/completions`` after ``--delay`` seconds (default
0.2 s) with one question as JSON. The studio's question stage (real ``openai`` client, real SQLite workspace, one
question per chunk, no dedup encoder) runs at concurrency 1, 4, 16 and 64; the ideal rate for a concurrency c
is c / delay questions per second (the baseline the measurement is compared with). Goal: >= 0.8 x ideal at 16.

Run with ``python -m bench.bench_pipeline``; writes ``bench/results/pipeline.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results" / "pipeline.json"
CONCURRENCY = (1, 4, 16, 64)


def serve(port: int, delay: float) -> None:
    """The delayed OpenAI-compatible endpoint (runs in the child process)."""
    import asyncio

    import uvicorn
    from fastapi import FastAPI

    app = FastAPI()
    counter = {"n": 0}

    @app.get("/v1/models")
    async def models() -> dict:
        return {"object": "list", "data": [{"id": "delayed", "object": "model", "created": 0, "owned_by": "b"}]}

    @app.post("/v1/chat/completions")
    async def chat() -> dict:
        await asyncio.sleep(delay)
        counter["n"] += 1
        content = json.dumps([{"question": f"What does benchmark question number {counter['n']} ask?"}])
        return {"id": f"c{counter['n']}", "object": "chat.completion", "created": 0, "model": "delayed",
                "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                             "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120}}

    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False, backlog=2048,
                timeout_keep_alive=60)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_ready(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("benchmark server exited")
        try:
            urllib.request.urlopen(url + "/models", timeout=1).read()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("benchmark server did not start")


def measure(base_url: str, concurrency: int, units: int, delay: float) -> dict:
    """Run the question stage over ``units`` chunks at ``concurrency``; returns the measured rates."""
    from datagen.generate import GenerationSettings
    from datagen.llm import LLMSettings, make_client
    from datagen.questions import generate_questions
    from datagen.store import Store

    with tempfile.TemporaryDirectory(prefix="bench-pipeline-") as tmp:
        store = Store.open(tmp, create=True)
        pid = store.create_project("bench")
        fid, _ = store.add_file(pid, name="bench.md", stored_path="files/bench.md", kind="markdown", sha256="b",
                                size=1, text="bench", outline=[], meta={})
        store.replace_chunks(pid, fid, [{"text": f"Benchmark passage {i}: the answer is {i}."}
                                        for i in range(units)])
        llm = make_client(LLMSettings(base_url=base_url, model="delayed", api_key="bench", concurrency=concurrency,
                                      max_retries=0, timeout=60))
        settings = GenerationSettings(min_questions=1, max_questions=1, dedup_threshold=1.0, parse_retries=0)
        start = time.perf_counter()
        report = generate_questions(store, pid, llm, settings)
        seconds = time.perf_counter() - start
        created = store.counts(pid)["questions"]
        store.close()
    if report.failed or created != units:
        raise RuntimeError(f"concurrency {concurrency}: {report.failed} failures, {created}/{units} questions")
    rate = created / seconds
    ideal = concurrency / delay
    return {"concurrency": concurrency, "questions": created, "seconds": round(seconds, 3),
            "questions_per_s": round(rate, 2), "ideal_per_s": round(ideal, 2), "ratio": round(rate / ideal, 3)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=0.2, help="seconds the endpoint waits per reply")
    parser.add_argument("--rounds", type=int, default=20, help="units per run = max(rounds x concurrency, 16)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)  # child process: run the server
    args = parser.parse_args(argv)
    if args.serve:
        serve(args.serve, args.delay)
        return 0
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "bench.bench_pipeline", "--serve", str(port), "--delay",
                               str(args.delay)], cwd=Path(__file__).resolve().parents[1])
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        _wait_ready(base_url, server)
        measure(base_url, 4, 16, args.delay)  # warm-up: imports, connection pool
        rows = []
        for concurrency in CONCURRENCY:
            row = measure(base_url, concurrency, max(args.rounds * concurrency, 16), args.delay)
            rows.append(row)
            print(f"concurrency {concurrency:>3}: {row['questions_per_s']:8.2f} questions/s "
                  f"(ideal {row['ideal_per_s']:.1f}, ratio {row['ratio']:.2f})", file=sys.stderr)
    finally:
        server.terminate()
        server.wait(timeout=10)
    at16 = next(r for r in rows if r["concurrency"] == 16)
    result = {
        "benchmark": "datagen question stage vs a fixed-delay OpenAI-compatible endpoint",
        "delay_s": args.delay, "rows": rows, "goal": "ratio >= 0.8 at concurrency 16",
        "goal_met": at16["ratio"] >= 0.8,
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "load_avg_1m": round(os.getloadavg()[0], 2), "platform": platform.platform()},
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
