"""Code-aware splitter vs the Markdown splitter on this repository's own Python files: how many top-level
functions/classes that fit the size limit end up whole in one chunk, and how fast each splitter runs.

    python -m bench.bench_code_split [--max-len 1500] [--out bench/results/code_split.json]

The baseline is what a source file got before the code splitter existed (the heading-aware Markdown splitter,
which takes ``#`` comments for headings), measured in the same run on the same files.
"""

from __future__ import annotations

import argparse
import ast
import json
import time
from pathlib import Path

from datagen.code_split import split_code
from datagen.split import split_markdown

ROOT = Path(__file__).resolve().parents[1]


def _definitions(source: str) -> list[str]:
    tree = ast.parse(source)
    return [ast.get_source_segment(source, n) for n in tree.body
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]


def measure(files: list[Path], max_len: int) -> dict:
    sources = [p.read_text(encoding="utf-8") for p in files]
    result: dict = {"files": len(files), "chars": sum(map(len, sources)), "max_len": max_len}
    splitters = {"code": lambda s: split_code(s, language="python", max_len=max_len),
                 "markdown": lambda s: split_markdown(s, min_len=300, max_len=max_len)}
    for name, split in splitters.items():
        start = time.perf_counter()
        chunked = [split(s) for s in sources]
        seconds = time.perf_counter() - start
        fitting = whole = 0
        for source, chunks in zip(sources, chunked, strict=True):
            for definition in _definitions(source):
                if len(definition) <= max_len:
                    fitting += 1
                    whole += any(definition in c.text for c in chunks)
        sizes = [len(c.text) for chunks in chunked for c in chunks]
        result[name] = {"chunks": len(sizes), "max_chunk_chars": max(sizes), "seconds": round(seconds, 3),
                        "definitions_that_fit": fitting, "kept_whole": whole,
                        "kept_whole_share": round(whole / max(1, fitting), 4)}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-len", type=int, default=1500)
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "code_split.json"))
    args = parser.parse_args()
    files = sorted(p for folder in ("datagen", "kblam", "app_ui") for p in (ROOT / folder).rglob("*.py"))
    result = measure(files, args.max_len)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
