"""Matching only over the fresh KBs: the part of the default mode that decides which triples a question asks for and
whether the KB can answer it, without generating. Each conversation of ``bench.api_fresh_kb``'s questions is resolved
(:func:`kblam.conversation.resolve`) and matched (:func:`kblam.matching.match_question`) as the server does before
it writes an answer; a question counts as right when it is refused and should be, or when the triples the server
would answer from (:meth:`QuestionMatch.relevant`) hold every triple asked for.

    python -m bench.match_fresh [--kb K ...] [--skip K ...] [--group handmade|machine] [--threshold T]
                                [--matcher DIR]
                                [--baseline runs/match_fresh_before.json] [--out runs/match_fresh.json]

Writes, per KB and in total, value right, answerable refused and refusals right: with every question's outcome to
``--out`` (default ``runs/match_fresh.json``), without them to ``--summary`` (default
``bench/results/match_fresh.json``). A run over every KB takes about ten minutes on the 2 cores. ``--baseline FILE``
(an earlier ``--out``, say of the code before a change) adds both totals over the questions the two runs share, and
the questions whose outcome changed.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
import time

from bench.api_fresh_kb import QUESTIONS
from bench.fresh_kbs import BUILDERS, handmade

HANDMADE = frozenset(k for k in BUILDERS if getattr(BUILDERS[k], "__module__", "") == handmade.__name__)


def run(kbs: list[str], threshold: float | None, matcher_dir: str | None = None) -> tuple[list[dict], float]:
    from kblam import conversation, matching
    from kblam.encoder import DEFAULT_ENCODER, EmbeddingCache, encode_kb, load_encoder
    from kblam.kb import Triple
    from kblam.matcher_model import SHIPPED, load_matcher_encoder

    encoder = load_encoder(DEFAULT_ENCODER)
    matcher, cache = load_matcher_encoder(encoder, weights_dir=matcher_dir or SHIPPED), EmbeddingCache()
    threshold = matching.calibrated_threshold(matcher) if threshold is None else threshold
    rows = []
    for kb_name in kbs:
        try:
            triples = [Triple(t["name"], t["property"], t["value"]) for t in BUILDERS[kb_name]()]
        except (OSError, ValueError, RuntimeError, ImportError) as exc:  # a KB built from this machine's tables
            print(f"{kb_name}: skipped ({exc})", file=sys.stderr)
            continue
        kb = encode_kb(triples, encoder, cache)
        index, by_key = matching.name_index(kb)
        facts = conversation.facts_of(kb.triples, by_key)
        for q in json.loads(QUESTIONS[kb_name].read_text(encoding="utf-8"))["questions"]:
            messages = [{"role": role, "content": text} for role, text in q["turns"]]
            question = conversation.resolve(messages, index, facts, lambda q: matching.match_question(
                q, kb, encoder, cache, matcher).about(kb.triples, threshold)).question
            match = matching.match_question(question, kb, encoder, cache, matcher)
            got = sorted({(kb.triples[m.index].name, kb.triples[m.index].property) for m in match.relevant(threshold)})
            got, want = [list(g) for g in got], sorted([n, p] for n, p in {tuple(a) for a in q["asked"]})
            refused = match.refused(threshold) or not got
            right = refused if not want else not refused and {tuple(w) for w in want} <= {tuple(g) for g in got}
            rows.append({"kb": kb_name, "kind": q["kind"], "question": messages[-1]["content"], "resolved": question,
                         "want": want, "got": got, "refused": refused, "right": right, "score": round(match.score, 4)})
        print(kb_name, file=sys.stderr)
    return rows, threshold


def totals(rows: list[dict]) -> dict:
    answerable = [r for r in rows if r["want"]]
    others = [r for r in rows if not r["want"]]
    return {"answerable": len(answerable), "value_right": sum(r["right"] for r in answerable),
            "answerable_refused": sum(r["refused"] for r in answerable),
            "refusal_questions": len(others), "refusals_right": sum(r["right"] for r in others),
            "value_share": round(sum(r["right"] for r in answerable) / max(1, len(answerable)), 4),
            "answerable_refused_share": round(sum(r["refused"] for r in answerable) / max(1, len(answerable)), 4),
            "refusal_recall": round(sum(r["right"] for r in others) / max(1, len(others)), 4)}


def compare(rows: list[dict], baseline: str) -> dict:
    """Both totals over the questions a run (``rows``) shares with an earlier one (the file ``baseline``), and the
    questions whose outcome changed."""
    before = json.loads(pathlib.Path(baseline).read_text(encoding="utf-8"))["questions"]
    old = {(r["kb"], r["kind"], r["question"]): r for r in before}
    shared = [(old[key], r) for r in rows if (key := (r["kb"], r["kind"], r["question"])) in old]
    changed = [{"kb": r["kb"], "question": r["question"], "right_before": o["right"], "right": r["right"],
                "got_before": o["got"], "got": r["got"]}
               for o, r in shared if (o["right"], json.dumps(o["got"])) != (r["right"], json.dumps(r["got"]))]
    return {"file": baseline, "before": totals([o for o, _ in shared]), "after": totals([r for _, r in shared]),
            "gained": sum(c["right"] and not c["right_before"] for c in changed),
            "lost": sum(c["right_before"] and not c["right"] for c in changed), "changed": changed}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kb", nargs="*", default=None, help="KB names (default: every KB this machine can build)")
    ap.add_argument("--skip", nargs="*", default=[], help="KB names to leave out (a batch held back)")
    ap.add_argument("--group", choices=["handmade", "machine"], default=None)
    ap.add_argument("--threshold", type=float, default=None, help="refusal threshold (default: the matcher's)")
    ap.add_argument("--matcher", default=None, help="fine-tuned matcher weights (default: the shipped ones)")
    ap.add_argument("--out", default="runs/match_fresh.json")
    ap.add_argument("--summary", default="bench/results/match_fresh.json")
    ap.add_argument("--baseline", default=None, help="an earlier --out to compare with, question by question")
    args = ap.parse_args()
    kbs = [k for k in args.kb or BUILDERS if k not in args.skip]
    if args.group:
        kbs = [k for k in kbs if (k in HANDMADE) == (args.group == "handmade")]
    start = time.time()
    rows, threshold = run(kbs, args.threshold, args.matcher)
    per_kb = {k: totals([r for r in rows if r["kb"] == k]) for k in dict.fromkeys(r["kb"] for r in rows)}
    report = {"threshold": threshold, "seconds": round(time.time() - start), "total": totals(rows),
              "handmade": totals([r for r in rows if r["kb"] in HANDMADE]),
              "machine": totals([r for r in rows if r["kb"] not in HANDMADE]), "per_kb": per_kb, "questions": rows}
    if args.baseline:
        report["baseline"] = compare(rows, args.baseline)
    for name in ("total", "handmade", "machine"):
        t = report[name]
        print(f"{name}: value {t['value_right']}/{t['answerable']} = {t['value_share']}, answerable refused "
              f"{t['answerable_refused']} = {t['answerable_refused_share']}, refusals {t['refusals_right']}/"
              f"{t['refusal_questions']} = {t['refusal_recall']}")
    for path, kept in ((args.out, report), (args.summary, {k: v for k, v in report.items() if k != "questions"})):
        if path:
            pathlib.Path(path).parent.mkdir(parents=True, exist_ok=True)
            pathlib.Path(path).write_text(json.dumps(kept, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
