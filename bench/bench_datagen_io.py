"""Dataset-studio I/O benchmark: ingest + split throughput (Markdown, PDF) and export of 100,000 QA rows.

Run with ``python -m bench.bench_datagen_io``; writes ``bench/results/datagen_io.json``. Baselines measured in
the same run: plain ``json.dumps`` lines for JSONL and ``pyarrow`` on the raw canonical items for Parquet, so
the cost of the format conversion itself is visible. Goal: each export of 100,000 rows under 5 s.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import tempfile
import time
from pathlib import Path

from datagen.formats import read_records, to_records, validate_records, write_records
from datagen.ingest import load_bytes
from datagen.split import split_markdown, split_recursive

RESULTS = Path(__file__).resolve().parent / "results" / "datagen_io.json"
WORDS = (
    "knowledge base token attention model triple encoder adapter layer query value key answer question "
    "document chunk heading export format split quality score grounded reasoning dataset"
).split()


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))).capitalize() + "."
        for _ in range(sentences)
    )


def make_markdown(target_bytes: int, seed: int = 0) -> str:
    """A synthetic manual: nested headings, paragraphs, lists and code fences, about ``target_bytes`` long."""
    rng = random.Random(seed)
    parts: list[str] = []
    size, chapter = 0, 0
    while size < target_bytes:
        chapter += 1
        block = [f"# Chapter {chapter}", _paragraph(rng, 3)]
        for section in range(1, 4):
            block += [f"## Section {chapter}.{section}", _paragraph(rng, rng.randint(2, 12))]
            if section == 2:
                block += ["```python", *(f"# step {i}\nx{i} = {i}" for i in range(5)), "```"]
            block += [
                f"### Notes {chapter}.{section}",
                "\n".join(f"- {_paragraph(rng, 1)}" for _ in range(3)),
            ]
        text = "\n\n".join(block) + "\n\n"
        parts.append(text)
        size += len(text.encode("utf-8"))
    return "".join(parts)


def make_pdf(pages: int, seed: int = 0) -> bytes:
    from fpdf import FPDF

    rng = random.Random(seed)
    pdf = FPDF()
    pdf.set_font("helvetica", size=10)
    for page in range(pages):
        pdf.add_page()
        pdf.start_section(f"Page {page + 1}")
        pdf.multi_cell(0, 5, "\n\n".join(_paragraph(rng, 6) for _ in range(5)))
    return bytes(pdf.output())


def _timed(fn, repeat: int = 1):
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def bench_ingest(markdown_mb: float, pdf_pages: int) -> dict:
    markdown = make_markdown(int(markdown_mb * 1024 * 1024)).encode("utf-8")
    pdf = make_pdf(pdf_pages)
    out = {}
    for name, data, filename in (("markdown", markdown, "manual.md"), ("pdf", pdf, "manual.pdf")):
        t_ingest, doc = _timed(lambda d=data, f=filename: load_bytes(d, f), repeat=2)
        t_md, chunks = _timed(lambda d=doc: split_markdown(d.text, min_len=300, max_len=1500), repeat=2)
        t_rec, rchunks = _timed(lambda d=doc: split_recursive(d.text, chunk_size=1000, overlap=100), repeat=2)
        mb, text_mb = len(data) / 1e6, len(doc.text.encode("utf-8")) / 1e6
        out[name] = {
            "file_mb": round(mb, 3),
            "text_mb": round(text_mb, 3),
            "ingest_s": round(t_ingest, 4),
            "ingest_mb_per_s": round(mb / t_ingest, 2),
            "split_markdown_s": round(t_md, 4),
            "split_markdown_mb_per_s": round(text_mb / t_md, 2),
            "split_recursive_mb_per_s": round(text_mb / t_rec, 2),
            "ingest_plus_split_mb_per_s": round(mb / (t_ingest + t_md), 2),
            "chunks_markdown": len(chunks),
            "chunks_recursive": len(rchunks),
        }
        if name == "pdf":
            out[name]["pages"] = pdf_pages
            out[name]["pages_per_s"] = round(pdf_pages / t_ingest, 1)
    return out


def make_items(n: int, seed: int = 0) -> list[dict]:
    rng = random.Random(seed)
    return [
        {
            "question": f"Question {i}: " + _paragraph(rng, 1),
            "answer": _paragraph(rng, 3),
            "reasoning": _paragraph(rng, 2),
            "context": None,
            "tag": "bench",
            "system": None,
            "rejected": _paragraph(rng, 1),
            "score": None,
            "confirmed": True,
            "turns": None,
        }
        for i in range(n)
    ]


def bench_export(rows: int, tmp: Path) -> dict:
    import pyarrow as pa
    import pyarrow.parquet as pq

    items = make_items(rows)
    out: dict = {"rows": rows}
    for fmt in ("alpaca", "sharegpt"):
        t_convert, records = _timed(lambda f=fmt: to_records(items, f, include_reasoning=True))
        t_validate, _ = _timed(lambda r=records, f=fmt: validate_records(r, f))
        entry = {"to_records_s": round(t_convert, 3), "validate_s": round(t_validate, 3)}
        for ext in (".jsonl", ".parquet"):
            path = tmp / f"{fmt}{ext}"
            t_write, _ = _timed(lambda r=records, p=path: write_records(r, p))
            t_read, back = _timed(lambda p=path: read_records(p))
            assert len(back) == rows
            entry[ext[1:]] = {
                "export_s": round(t_convert + t_write, 3),
                "write_s": round(t_write, 3),
                "read_s": round(t_read, 3),
                "mb": round(path.stat().st_size / 1e6, 2),
                "goal_met": t_convert + t_write < 5.0,
            }
        out[fmt] = entry

    def baseline_jsonl() -> None:
        with open(tmp / "baseline.jsonl", "w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(item, ensure_ascii=False) + "\n" for item in items)

    t_jsonl, _ = _timed(baseline_jsonl)
    t_parquet, _ = _timed(lambda: pq.write_table(pa.Table.from_pylist(items), tmp / "baseline.parquet"))
    out["baseline"] = {"raw_items_jsonl_s": round(t_jsonl, 3), "raw_items_parquet_s": round(t_parquet, 3)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown-mb", type=float, default=4.0, help="size of the synthetic Markdown file")
    parser.add_argument("--pdf-pages", type=int, default=60, help="pages of the synthetic PDF")
    parser.add_argument("--rows", type=int, default=100_000, help="QA rows to export")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where to write the JSON results")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-datagen-") as tmp:
        results = {
            "machine": {
                "python": platform.python_version(),
                "processor": platform.processor() or platform.machine(),
            },
            "ingest_split": bench_ingest(args.markdown_mb, args.pdf_pages),
            "export": bench_export(args.rows, Path(tmp)),
        }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    for kind, r in results["ingest_split"].items():
        print(
            f"{kind:8s} ingest {r['ingest_mb_per_s']:8.2f} MB/s  split(markdown) {r['split_markdown_mb_per_s']:8.2f} MB/s  "
            f"ingest+split {r['ingest_plus_split_mb_per_s']:8.2f} MB/s  ({r['chunks_markdown']} chunks)"
        )
    export = results["export"]
    for fmt in ("alpaca", "sharegpt"):
        for ext in ("jsonl", "parquet"):
            e = export[fmt][ext]
            print(
                f"export {export['rows']} rows {fmt:8s} {ext:7s} {e['export_s']:6.2f} s "
                f"(goal < 5 s: {'met' if e['goal_met'] else 'MISSED'}), validate {export[fmt]['validate_s']:.2f} s"
            )
    print(
        f"baseline raw items: jsonl {export['baseline']['raw_items_jsonl_s']} s, parquet {export['baseline']['raw_items_parquet_s']} s"
    )
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
