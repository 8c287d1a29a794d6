"""Load test of the app server: N concurrent clients x R requests each to ``/v1/chat/completions`` (half of
them streaming), against a real ``python app.py`` (real SmolLM2 + MiniLM) started here, or ``--url``.

Passes when no request gets a 5xx or a transport error and every rejection is a 429 whose body names the limit
(``max_queue``); afterwards ``/health`` and a new request must answer within 5 s. Reports generations/s, p50/p95
latency (end of the answer) and time to the first streamed chunk, per outcome, plus one request alone on the
idle server. By default the same load runs twice in one run: against the one-at-a-time server (``--no-batching``,
concurrency 1: the baseline) and against the batching server (``--batch-concurrency`` generations decoded
together), and the JSON gives the speed-up of the second over the first.

    python -m bench.load_test [--clients 50] [--requests 2] [--max-queue 64] [--max-tokens 4]
                              [--batching both|on|off] [--batch-concurrency 50] [--url URL]

Writes ``bench/results/load_test.json`` (``--out`` to change). Exit status 1 when the pass condition fails.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "load_test.json"
KEY = "bench-load-key"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_app(max_queue: int, concurrency: int, log_path: Path, batching: bool = True,
              precision: str | None = None) -> tuple[subprocess.Popen, str]:
    """``python app.py`` on a free port with an API key; waits until the model stack is ready."""
    port = _free_port()
    tmp = Path(tempfile.mkdtemp(prefix="kblam-load-"))
    env = {**os.environ, "KBLAM_API_KEYS": KEY, "KBLAM_MAX_QUEUE": str(max_queue),
           "KBLAM_CONCURRENCY": str(concurrency), "KBLAM_BATCHING": "1" if batching else "0",
           "DATAGEN_WORKSPACE": str(tmp / "ws"),
           "KBLAM_RUNS_DIR": str(tmp / "runs"), "GRADIO_ANALYTICS_ENABLED": "False"}
    if precision:
        env["KBLAM_PRECISION"] = precision
    log = open(log_path, "wb")  # noqa: SIM115 - handed to the child
    proc = subprocess.Popen([sys.executable, str(ROOT / "app.py"), "--host", "127.0.0.1", "--port", str(port)],
                            env=env, stdout=log, stderr=subprocess.STDOUT, cwd=tmp)
    log.close()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"app.py exited with {proc.returncode}; see {log_path}")
        try:
            if httpx.get(url + "/health", timeout=5).json()["model"]["status"] == "ready":
                return proc, url
        except (httpx.HTTPError, ValueError, KeyError):
            pass
        time.sleep(0.5)
    proc.kill()
    raise SystemExit(f"app.py was not ready in 300 s; see {log_path}")


def one_request(url: str, i: int, stream: bool, max_tokens: int) -> dict:
    """One chat request; returns its outcome, status, latency and (streaming) time to the first chunk."""
    body = {"messages": [{"role": "user", "content": f"Give me one word about the number {i}."}],
            "max_tokens": max_tokens, "stream": stream}
    headers = {"Authorization": f"Bearer {KEY}"}
    t0 = time.perf_counter()
    first = None
    try:
        if stream:
            with httpx.stream("POST", url + "/v1/chat/completions", json=body, headers=headers,
                              timeout=900) as resp:
                text = ""
                for piece in resp.iter_text():
                    first = first or time.perf_counter() - t0
                    text += piece
                status = resp.status_code
                ok = status == 200 and "[DONE]" in text and '"error"' not in text
        else:
            resp = httpx.post(url + "/v1/chat/completions", json=body, headers=headers, timeout=900)
            status, text = resp.status_code, resp.text
            ok = status == 200
    except httpx.HTTPError as exc:
        return {"i": i, "stream": stream, "status": None, "outcome": "transport_error", "error": repr(exc),
                "latency_s": time.perf_counter() - t0}
    outcome = "ok" if ok else ("rejected" if status == 429 else "error")
    row = {"i": i, "stream": stream, "status": status, "outcome": outcome, "latency_s": time.perf_counter() - t0,
           "first_chunk_s": first}
    if outcome != "ok":
        row["body"] = text[:300]
        row["names_limit"] = "max_queue" in text
    return row


def _pcts(values: list[float]) -> dict:
    if not values:
        return {"n": 0}
    values = sorted(values)
    pick = lambda q: values[min(len(values) - 1, round(q * (len(values) - 1)))]  # noqa: E731
    return {"n": len(values), "p50_s": round(pick(0.5), 3), "p95_s": round(pick(0.95), 3),
            "max_s": round(values[-1], 3), "mean_s": round(statistics.fmean(values), 3)}


def run(url: str, clients: int, requests: int, max_tokens: int) -> dict:
    """The load: ``clients`` threads, each sending ``requests`` requests one after the other (client c
    streams when c is even, so half the requests stream)."""
    baseline = one_request(url, -1, False, max_tokens)
    rows: list[dict] = []
    lock = threading.Lock()

    def client(c: int) -> None:
        for r in range(requests):
            row = one_request(url, c * requests + r, c % 2 == 0, max_tokens)
            with lock:
                rows.append(row)

    t0 = time.perf_counter()
    threads = [threading.Thread(target=client, args=(c,)) for c in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    t1 = time.perf_counter()
    health_ok = httpx.get(url + "/health", timeout=5).status_code == 200
    after = one_request(url, -2, False, max_tokens)
    after_s = time.perf_counter() - t1
    by = {k: sum(r["outcome"] == k for r in rows) for k in ("ok", "rejected", "error", "transport_error")}
    rejections_named = all(r.get("names_limit") for r in rows if r["outcome"] == "rejected")
    passed = (by["error"] == 0 and by["transport_error"] == 0 and rejections_named and health_ok
              and after["outcome"] == "ok" and after_s < 5)
    return {
        "clients": clients, "requests_per_client": requests, "max_tokens": max_tokens, "wall_s": round(wall, 2),
        "generations_per_s": round(by["ok"] / wall, 2),
        "outcomes": by, "server_errors": by["error"], "rejections_name_the_limit": rejections_named,
        "baseline_single_request_s": round(baseline["latency_s"], 3),
        "latency_ok_plain": _pcts([r["latency_s"] for r in rows if r["outcome"] == "ok" and not r["stream"]]),
        "latency_ok_stream": _pcts([r["latency_s"] for r in rows if r["outcome"] == "ok" and r["stream"]]),
        "first_chunk_stream": _pcts([r["first_chunk_s"] for r in rows if r["outcome"] == "ok" and r["stream"]
                                     and r["first_chunk_s"] is not None]),
        "latency_rejected": _pcts([r["latency_s"] for r in rows if r["outcome"] == "rejected"]),
        "health_after_ok": health_ok, "new_request_after_s": round(after_s, 3), "passed": passed,
        "failures": [r for r in rows if r["outcome"] in ("error", "transport_error")][:10],
    }


def measure(args: argparse.Namespace, batching: bool, concurrency: int, precision: str | None = None) -> dict:
    """One load run against a fresh ``app.py`` (or ``--url``) with batching on or off."""
    proc, url = None, args.url
    if url is None:
        log = args.out.with_name(args.out.stem + ("_batched" if batching else "_baseline") + ".log")
        proc, url = start_app(args.max_queue, concurrency, log, batching, precision)
    try:
        result = run(url.rstrip("/"), args.clients, args.requests, args.max_tokens)
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)
    result.update(batching=batching, concurrency=concurrency, load_average=os.getloadavg(),
                  precision=precision or os.environ.get("KBLAM_PRECISION") or "auto")
    print(json.dumps({k: v for k, v in result.items() if k != "failures"}), file=sys.stderr)
    return result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--clients", type=int, default=50)
    p.add_argument("--requests", type=int, default=2)
    p.add_argument("--max-queue", type=int, default=64)
    p.add_argument("--concurrency", type=int, default=1, help="concurrency of the one-at-a-time baseline")
    p.add_argument("--batch-concurrency", type=int, default=50, help="generations decoded together when batching")
    p.add_argument("--batching", choices=["both", "on", "off"], default="both")
    p.add_argument("--max-tokens", type=int, default=4)
    p.add_argument("--url", help="an app already running (its API key must be bench-load-key)")
    p.add_argument("--baseline-precision", choices=["auto", "fp32", "bf16", "int8"],
                   help="backbone precision of the one-at-a-time server (e.g. fp32: the server as it was before "
                        "int8 and batching); default: the same as the batched one (env KBLAM_PRECISION)")
    p.add_argument("--out", type=Path, default=RESULTS)
    args = p.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that the app started here is stopped too
    runs = {}
    if args.batching in ("both", "off"):
        runs["baseline"] = measure(args, False, args.concurrency, args.baseline_precision)
    if args.batching in ("both", "on"):
        runs["batched"] = measure(args, True, args.batch_concurrency)
    result: dict = {**runs, "passed": all(r["passed"] for r in runs.values())}
    if len(runs) == 2:
        result["speedup_generations_per_s"] = round(runs["batched"]["generations_per_s"]
                                                    / max(runs["baseline"]["generations_per_s"], 1e-9), 2)
    result.update(clients=args.clients, requests_per_client=args.requests, max_tokens=args.max_tokens,
                  max_queue=args.max_queue, machine=platform.platform(), cpus=os.cpu_count(),
                  when=time.strftime("%Y-%m-%d %H:%M:%S"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n")
    summary = {k: v for k, v in result.items() if k not in runs}
    for name, r in runs.items():
        summary[name] = {k: r[k] for k in ("generations_per_s", "wall_s", "outcomes", "latency_ok_plain",
                                           "latency_ok_stream", "first_chunk_stream", "passed")}
    print(json.dumps(summary, indent=1))
    return 0 if result["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
