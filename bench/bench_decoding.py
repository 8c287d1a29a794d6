"""Exact values and degenerate output on the hand-written failure KB of issue 10 (tests/kblam/data/failure_kb.json),
in the default mode: how many answers hold their value byte for byte, how many refusals are right, how long the
answers are and whether any repeats a line; and time to first token in the default mode at 100 and 1,000 triples
with the decoding constraints on and off, interleaved in the same run. Writes bench/results/decoding.json.

    python -m bench.bench_decoding [--max-new-tokens 96] [--label after] [--parts exact,false,ttft]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from kblam.engine import ChatSettings, KBLaM
from kblam.evaluate import pick_kb
from kblam.kb import Triple
from kblam.samples import questions_for_kb
from kblam.synthetic import SyntheticConfig, generate_kb

RESULTS = Path(__file__).resolve().parent / "results"
FAILURE_KB = Path(__file__).resolve().parents[1] / "tests" / "kblam" / "data" / "failure_kb.json"


def load_failure_kb(path: Path = FAILURE_KB) -> tuple[list[Triple], list[tuple[str, list[int]]], list[str]]:
    data = json.loads(path.read_text())
    triples = [Triple(*row) for row in data["triples"]]
    return triples, [(q, list(t)) for q, t in data["questions"]], list(data["refusals"])


def repeated_line(text: str) -> bool:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return len(lines) != len(set(lines))


def ask_all(engine: KBLaM, kb, triples: list[Triple], questions: list[tuple[str, list[int]]], max_new_tokens: int
            ) -> list[dict]:
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
    return rows


def run(engine: KBLaM, max_new_tokens: int) -> dict:
    triples, questions, refusals = load_failure_kb()
    paraphrased = [(q, list(t)) for q, t in json.loads(FAILURE_KB.read_text()).get("paraphrased", [])]
    kb = engine.encode(triples)
    rows = ask_all(engine, kb, triples, questions, max_new_tokens)
    para = ask_all(engine, kb, triples, paraphrased, max_new_tokens)
    refused = [engine.answer(q, kb, ChatSettings(max_new_tokens=max_new_tokens)).refused for q in refusals]
    return {"max_new_tokens": max_new_tokens, "exact": sum(r["exact"] for r in rows), "answerable": len(rows),
            "paraphrased_exact": sum(r["exact"] for r in para), "paraphrased": len(para),
            "paraphrased_refused": sum(r["refused"] for r in para),
            "refusals_right": sum(refused), "refusal_questions": len(refusals),
            "max_answer_tokens": max(r["tokens"] for r in rows + para),
            "answers_with_repeated_line": sum(r["repeated_line"] for r in rows + para), "rows": rows + para}


def false_triggers(engine: KBLaM, n_values: int = 5, seed: int = 0) -> dict:
    """How often the copy mechanism fires on sentences that state no KB value: each sentence of the README's
    prose is "generated" token by token (the model's choice is the sentence's next token) with the values of
    ``n_values`` random held-out synthetic triples, and of all the failure-KB triples, as evidence."""
    import random

    import torch

    from kblam.decoding import GroundedDecoding

    tok = engine.backbone.tokenizer
    prose = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    sentences = [s.strip() for s in prose.replace("\n", " ").split(". ") if len(s.split()) >= 4]
    synthetic = generate_kb(SyntheticConfig(seed=0))[1]
    failure = load_failure_kb()[0]
    rng = random.Random(seed)
    fired = {"synthetic": [], "failure_kb": []}
    for sentence in sentences:
        ids = tok.encode(sentence, add_special_tokens=False)
        for name, evidence in (("synthetic", rng.sample(synthetic, n_values)), ("failure_kb", failure)):
            processor = GroundedDecoding(tok, evidence, [], engine._stop_ids(), cover=False, stop_loops=False)
            prompt = torch.zeros(1, 1, dtype=torch.long)
            for k, want in enumerate(ids):
                scores = torch.zeros(1, len(tok))
                scores[0, want] = 1.0
                if int(processor(torch.cat([prompt, torch.tensor([ids[:k]], dtype=torch.long)], 1),
                                 scores).argmax()) != want:
                    fired[name].append({"sentence": sentence, "value": processor.forced_values[-1:]})
                    break
    return {"sentences": len(sentences), **{f"fired_{k}": len(v) for k, v in fired.items()},
            "examples": {k: v[:10] for k, v in fired.items()}}


CONSTRAINTS_OFF = dict(copy_values=False, stop_repetition=False, bound_length=False)


def first_token(engine: KBLaM, sizes: tuple[int, ...] = (100, 1000), n_questions: int = 8) -> list[dict]:
    """Median time to first token of the default mode with the decoding constraints on and off (the cover of
    matched values stays on in both: it was there before), on held-out synthetic KBs, the two interleaved."""
    pool, val = generate_kb(SyntheticConfig(n_entities=3000, seed=7))
    rows = []
    for size in sizes:
        kb_triples = pick_kb(pool + val, size, seed=5)
        kb = engine.encode(kb_triples)
        engine.knowledge_tokens(kb)
        questions = [q.question for q in questions_for_kb(kb_triples, n_questions, 0, seed=5, kinds=("simple",))]
        engine.answer(questions[0], kb, max_new_tokens=2)  # warm-up
        times: dict[str, list[float]] = {"on": [], "off": []}
        for q in questions:
            for label, extra in (("on", {}), ("off", CONSTRAINTS_OFF)):
                answer = engine.answer(q, kb, ChatSettings(max_new_tokens=8, **extra))
                times[label].append(answer.timings["first_token_s"])
        med = {k: sorted(v)[len(v) // 2] for k, v in times.items()}
        rows.append({"kb_size": size, "n": len(questions), "first_token_s_on": med["on"],
                     "first_token_s_off": med["off"], "ratio": med["on"] / med["off"]})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-new-tokens", type=int, default=96)
    parser.add_argument("--label", default="current", help="key of this run in the output JSON")
    parser.add_argument("--out", default=str(RESULTS / "decoding.json"))
    parser.add_argument("--parts", default="exact,ttft", help="exact: the failure KB; false: false copy triggers; ttft: time to first token")
    args = parser.parse_args(argv)
    engine = KBLaM.load()
    out = Path(args.out)
    saved = json.loads(out.read_text()) if out.is_file() else {}
    if "exact" in args.parts:
        result = run(engine, args.max_new_tokens)
        for r in result["rows"]:
            print(f"{'OK ' if r['exact'] else 'BAD'} {r['tokens']:3d} {r['question']!r} -> {r['answer']!r}")
        print(f"{args.label}: exact {result['exact']}/{result['answerable']}, paraphrased "
              f"{result['paraphrased_exact']}/{result['paraphrased']} ({result['paraphrased_refused']} refused), refusals "
              f"{result['refusals_right']}/{result['refusal_questions']}, longest answer "
              f"{result['max_answer_tokens']} tokens, {result['answers_with_repeated_line']} with a repeated line")
        saved[args.label] = result
    if "false" in args.parts:
        saved["false_triggers"] = ft = false_triggers(engine)
        print(f"false triggers on {ft['sentences']} README sentences: {ft['fired_synthetic']} with 5 synthetic "
              f"values as evidence, {ft['fired_failure_kb']} with the 20 failure-KB values; {ft['examples']}")
    if "ttft" in args.parts:
        saved["first_token"] = first_token(engine)
        for row in saved["first_token"]:
            print(f"first token at {row['kb_size']} triples: {row['first_token_s_on']:.3f} s with the decoding "
                  f"constraints, {row['first_token_s_off']:.3f} s without (x{row['ratio']:.2f})")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(saved, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
