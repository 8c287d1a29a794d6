"""Exact values and degenerate output on the hand-written failure KB of issue 10 (tests/kblam/data/failure_kb.json),
in the default mode: how many answers hold their value byte for byte, how many refusals are right, how long the
answers are and whether any repeats a line. Writes bench/results/decoding.json.

    python -m bench.bench_decoding [--max-new-tokens 96] [--label after]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from kblam.engine import ChatSettings, KBLaM
from kblam.kb import Triple

RESULTS = Path(__file__).resolve().parent / "results"
FAILURE_KB = Path(__file__).resolve().parents[1] / "tests" / "kblam" / "data" / "failure_kb.json"


def load_failure_kb(path: Path = FAILURE_KB) -> tuple[list[Triple], list[tuple[str, list[int]]], list[str]]:
    data = json.loads(path.read_text())
    triples = [Triple(*row) for row in data["triples"]]
    return triples, [(q, list(t)) for q, t in data["questions"]], list(data["refusals"])


def repeated_line(text: str) -> bool:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return len(lines) != len(set(lines))


def run(engine: KBLaM, max_new_tokens: int) -> dict:
    triples, questions, refusals = load_failure_kb()
    kb = engine.encode(triples)
    tok = engine.backbone.tokenizer
    rows = []
    for question, targets in questions:
        t0 = time.perf_counter()
        answer = engine.answer(question, kb, ChatSettings(max_new_tokens=max_new_tokens))
        values = [triples[i].value for i in targets]
        rows.append({"question": question, "values": values, "answer": answer.text,
                     "exact": all(v in answer.text for v in values), "refused": answer.refused,
                     "tokens": len(tok.encode(answer.text, add_special_tokens=False)),
                     "repeated_line": repeated_line(answer.text), "seconds": time.perf_counter() - t0})
    refused = [engine.answer(q, kb, ChatSettings(max_new_tokens=max_new_tokens)).refused for q in refusals]
    return {"max_new_tokens": max_new_tokens, "exact": sum(r["exact"] for r in rows), "answerable": len(rows),
            "refusals_right": sum(refused), "refusal_questions": len(refusals),
            "max_answer_tokens": max(r["tokens"] for r in rows),
            "answers_with_repeated_line": sum(r["repeated_line"] for r in rows), "rows": rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-new-tokens", type=int, default=96)
    parser.add_argument("--label", default="current", help="key of this run in the output JSON")
    parser.add_argument("--out", default=str(RESULTS / "decoding.json"))
    args = parser.parse_args(argv)
    engine = KBLaM.load()
    result = run(engine, args.max_new_tokens)
    for r in result["rows"]:
        print(f"{'OK ' if r['exact'] else 'BAD'} {r['tokens']:3d} {r['question']!r} -> {r['answer']!r}")
    print(f"{args.label}: exact {result['exact']}/{result['answerable']}, refusals "
          f"{result['refusals_right']}/{result['refusal_questions']}, longest answer {result['max_answer_tokens']} "
          f"tokens, {result['answers_with_repeated_line']} with a repeated line")
    out = Path(args.out)
    saved = json.loads(out.read_text()) if out.is_file() else {}
    saved[args.label] = result
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(saved, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
