"""Does the fine-tuned matcher generalise to entity types it never saw? A held-out-type check of question matching.

Train a matcher without one training file (``python -m kblam.matcher_model --out runs/matcher-heldout --exclude
paraphrases_new2.jsonl``), then ask that file's questions (entity types, properties and free phrasings the matcher
never saw) through the real matcher, against the frozen MiniLM baseline in the same run:

- a KB is built from the held-out rows (one entity per type, its properties with their example values);
- every question is asked with the entity's name in place of ``X``: "choice" = the matched property is the asked
  one; "kept and right" = also not refused;
- "missing" questions: two questions per row asked after that property was removed from the entity, to be refused;
- each matcher is scored at its own threshold calibrated on the OOD dev phrasings (``bench/match_dev.py``'s rule:
  at most 2 % of answerable dev questions refused), as the engine would use it; "AUC": the chance that an answerable
  question scores above a missing one.

    python -m bench.matcher_heldout --matcher runs/matcher-heldout --held-out paraphrases_new2.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import numpy as np

from bench import match_dev as md
from kblam import matching
from kblam.encoder import EmbeddingCache, Encoder, encode_kb, load_encoder
from kblam.kb import Triple
from kblam.matcher_model import DATA_DIR, MatcherEncoder

RESULTS = Path(__file__).parent / "results"


def dev_threshold(base: Encoder, matcher: Encoder | None) -> tuple[float, dict]:
    """The refusal threshold calibrated on the OOD dev phrasings for this matcher, and the dev figures there."""
    kbs, qs = md.ood_questions("dev")
    rows = md.run_option("v2-ft" if matcher else "v2", kbs, qs, {"minilm": base, "matcher": matcher})
    threshold = md.calibrate(rows)
    return threshold, {k: round(v, 3) for k, v in md.metrics(rows, threshold).items()}


def held_out(path: Path, base: Encoder, matcher: Encoder | None, threshold: float, seed: int = 0) -> dict:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    types: dict[str, list[dict]] = {}
    for r in rows:
        types.setdefault(r["type"], []).append(r)
    names = {t: f"Entity Quorvane {i}" for i, t in enumerate(types)}
    triples = [Triple(names[r["type"]], r["property"], r["value"]) for r in rows]
    cache = EmbeddingCache()
    kb = encode_kb(triples, base, cache)
    ok, answerable = [], []
    for r in rows:
        for q in r["questions"]:
            match = matching.match_question(q.replace("X", names[r["type"]], 1), kb, base, cache, matcher)
            top = kb.triples[match.matches[0].index] if match.matches else None
            ok.append(bool(top and top.property == r["property"]))
            answerable.append(match.score)
    rng = random.Random(seed)
    missing = []
    for r in rows:
        lacking = encode_kb([t for t in triples if (t.name, t.property) != (names[r["type"]], r["property"])], base,
                            cache)
        for q in rng.sample(r["questions"], min(2, len(r["questions"]))):
            missing.append(matching.match_question(q.replace("X", names[r["type"]], 1), lacking, base, cache,
                                                   matcher).score)
    ok_a, ans, miss = np.array(ok), np.array(answerable), np.array(missing)
    return {"questions": len(ans), "missing_questions": len(miss), "threshold": threshold,
            "choice": round(float(ok_a.mean()), 3),
            "kept_and_right": round(float(np.mean(ok_a & (ans >= threshold))), 3),
            "answerable_refused": round(float(np.mean(ans < threshold)), 3),
            "missing_refused": round(float(np.mean(miss < threshold)), 3),
            "auc": round(float(np.mean(ans[:, None] > miss[None, :])), 3)}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--matcher", type=Path, required=True, help="a matcher trained without --held-out")
    ap.add_argument("--held-out", default="paraphrases_new2.jsonl", help="the training file it was trained without")
    ap.add_argument("--out", type=Path, default=RESULTS / "matcher_heldout.json")
    args = ap.parse_args(argv)
    meta = json.loads((args.matcher / "meta.json").read_text())
    if args.held_out not in meta.get("excluded", []):
        raise SystemExit(f"{args.matcher} was trained with {args.held_out}: train one with --exclude {args.held_out}")
    base = load_encoder()
    report = {"held_out": args.held_out, "matcher": str(args.matcher), "date": time.strftime("%Y-%m-%d %H:%M UTC",
                                                                                              time.gmtime())}
    for label, matcher in (("frozen MiniLM", None), ("fine-tuned matcher", MatcherEncoder(args.matcher))):
        threshold, dev = dev_threshold(base, matcher)
        report[label] = {"ood_dev": dev, **held_out(DATA_DIR / args.held_out, base, matcher, threshold)}
        print(label, json.dumps(report[label]), flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1) + "\n")


if __name__ == "__main__":
    main()
