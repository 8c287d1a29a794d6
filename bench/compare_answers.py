"""Compare two evaluation runs question by question (e.g. the backbone at fp32 and at bf16): the figures of each
on the questions both asked, the largest difference, and how many answers are identical.

    python -m bench.compare_answers REFERENCE_DIR OTHER_DIR [--out bench/results/eval_bf16_vs_fp32.json]

Each folder is the ``--out`` of ``python -m kblam eval --ood`` (its ``ood_answers.jsonl`` holds the OOD rows and,
unless ``--no-synthetic``, the synthetic held-out ones). Questions are matched by KB and messages."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

FIGURES = ("exact", "normalised", "refused")


def _rows(folder: Path) -> dict[str, dict]:
    """{"ood|kb|messages" or "synthetic|kb|messages": row} of one run's ``ood_answers.jsonl``."""
    rows = {}
    for line in (folder / "ood_answers.jsonl").read_text().splitlines():
        row = json.loads(line)
        part = "synthetic" if "synthetic" in str(row.get("kb")) else "ood"
        rows[f"{part}|{row.get('kb')}|{json.dumps(row.get('messages'))}"] = row
    return rows


def compare(reference: Path, other: Path) -> dict:
    ref, new = _rows(reference), _rows(other)
    both = sorted(set(ref) & set(new))
    out: dict = {"reference": str(reference), "other": str(other), "questions_in_both": len(both)}
    for part in sorted({k.split("|")[0] for k in both}):
        keys = [k for k in both if k.startswith(part + "|")]
        figures = {}
        for fig in FIGURES:
            a = sum(bool(ref[k].get(fig)) for k in keys) / len(keys)
            b = sum(bool(new[k].get(fig)) for k in keys) / len(keys)
            figures[fig] = {"reference": round(a, 4), "other": round(b, 4), "difference": round(b - a, 4)}
        out[part] = {"questions": len(keys), "figures": figures,
                     "identical_answers": sum(ref[k].get("answer") == new[k].get("answer") for k in keys),
                     "max_abs_difference": max(abs(f["difference"]) for f in figures.values())}
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("reference", type=Path)
    p.add_argument("other", type=Path)
    p.add_argument("--out", type=Path)
    args = p.parse_args(argv)
    result = compare(args.reference, args.other)
    result["when"] = time.strftime("%Y-%m-%d %H:%M:%S")
    text = json.dumps(result, indent=1)
    if args.out:
        args.out.write_text(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
