"""``make bench``: run the benchmarks one after another, each in its own process with its default arguments.

Every benchmark writes its JSON to ``bench/results/`` and compares against its own same-run baseline; this runner
only sequences them (one at a time: they time the CPU) and prints how long each took and whether it succeeded.

    python -m bench.run_all                  # the default set (about 30-60 min on 2 cores)
    python -m bench.run_all --only encode decode
    python -m bench.run_all --all            # also the long ones (hours: large KBs, the built-in studio run)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Sequence

DEFAULT = {
    "datagen_io": ["bench.bench_datagen_io"],
    "pipeline": ["bench.bench_pipeline"],
    "encode": ["bench.bench_encode"],
    "decode": ["bench.bench_decode"],
    "load_test": ["bench.load_test"],
    "ttft_match": ["bench.ttft_match"],
    "code_split": ["bench.bench_code_split"],
}
LONG = {
    "large_kb": ["bench._large_kb_data", "100000"],  # encodes once into the bench cache, then:
    "large_kb_query": ["bench.bench_large_kb"],
    "kblam": ["bench.bench_kblam"],
    "decoding": ["bench.bench_decoding"],
    "models": ["bench.bench_models"],
    "studio_local": ["bench.bench_studio_local"],
}


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--all", action="store_true", help="also the long benchmarks")
    p.add_argument("--only", nargs="+", metavar="NAME", help=f"these only: {', '.join({**DEFAULT, **LONG})}")
    args = p.parse_args(argv)
    table = {**DEFAULT, **LONG}
    names = args.only or list(DEFAULT) + (list(LONG) if args.all else [])
    unknown = [n for n in names if n not in table]
    if unknown:
        p.error(f"unknown benchmark(s): {', '.join(unknown)}")
    failed = []
    for name in names:
        t0 = time.perf_counter()
        rc = subprocess.call([sys.executable, "-m", *table[name]])
        print(f"[bench] {name}: {'ok' if rc == 0 else f'exit {rc}'} in {time.perf_counter() - t0:.0f} s", flush=True)
        if rc:
            failed.append(name)
    if failed:
        print(f"[bench] failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
