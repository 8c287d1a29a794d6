"""Time to first token of the default mode with the question matcher before and after issue 10 (same run, same
engine, same questions): ``before`` swaps in the previous matcher (``bench/_matching_v1.py``, i.e.
``git show c18069a:kblam/matching.py``) and passes the last question only; ``after`` is the shipped code with a
two-turn conversation (follow-up resolution included).

    python -m bench.ttft_match [--sizes 100 1000] [--questions 8]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
from pathlib import Path


def _v1():
    path = Path(__file__).with_name("_matching_v1.py")
    spec = importlib.util.spec_from_file_location("kblam._matching_v1", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def _as_v2(m):
    """The previous matcher's result in today's QuestionMatch (same fields; no note, near miss or language)."""
    from kblam import matching

    return matching.QuestionMatch(m.score, tuple(matching.TripleMatch(x.index, x.score) for x in m.matches), m.named)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="*", default=[100, 1000])
    ap.add_argument("--questions", type=int, default=8)
    args = ap.parse_args()
    from kblam import matching
    from kblam.engine import KBLaM
    from kblam.evaluate import pick_kb
    from kblam.synthetic import SyntheticConfig, generate_kb

    engine = KBLaM.load()
    v1 = _v1()
    held_out = generate_kb(SyntheticConfig(seed=0))[1]
    out = {}
    for size in args.sizes:
        triples = pick_kb(held_out, size, 0)
        encoded = engine.encode(triples)
        asked = triples[:: max(1, size // args.questions)][: args.questions]
        times: dict[str, list[float]] = {"before": [], "after": []}
        for t in asked:
            question = f"What is the {t.property} of {t.name}?"
            conversation = [{"role": "user", "content": "Hello, I have a question."},
                            {"role": "assistant", "content": "Sure, ask away."},
                            {"role": "user", "content": question}]
            for which in ("before", "after", "before", "after"):  # alternate, so load changes hit both
                encoded.derived.pop("names", None)  # the two matchers cache different name indices
                for key in [k for k in encoded.derived if isinstance(k, tuple) and k[0] == "distractors"]:
                    del encoded.derived[key]
                if which == "before":
                    engine.match = lambda q, kb: _as_v2(v1.match_question(q, kb, engine.encoder, engine.cache))
                    engine.resolve = lambda c, kb: c
                    answer = engine.answer(question, encoded, max_new_tokens=1, refusal_threshold=-1.0)
                else:
                    engine.match = lambda q, kb: matching.match_question(q, kb, engine.encoder, engine.cache,
                                                                         engine.matcher)
                    del engine.resolve  # back to the class method
                    answer = engine.answer(conversation, encoded, max_new_tokens=1, refusal_threshold=-1.0)
                times[which].append(answer.timings["first_token_s"])
        out[size] = {k: round(statistics.median(v), 3) for k, v in times.items()}
        out[size]["ratio"] = round(out[size]["after"] / out[size]["before"], 2)
        print(size, out[size], flush=True)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
