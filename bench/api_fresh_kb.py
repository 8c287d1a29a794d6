"""A check in the style of the hidden acceptance KBs: a KB built at run time from real system tables that no
evaluation or training here uses, asked through the OpenAI-compatible API with the real ``openai`` client, with
questions hand-written for this check only (never read by training or calibration): single questions in free
phrasings, two-part questions, follow-up turns, and questions to refuse (entities not in the KB, properties the KB
lacks, off-topic). Four hundred and thirty-seven KBs, the first five:

- ``errno`` (``bench/data/fresh_questions.json``): POSIX errno codes with ``os.strerror`` messages and POSIX
  signals with ``signal.strsignal`` descriptions (numbers as this platform defines them);
- ``iso`` (``bench/data/fresh_questions_iso.json``): countries (ISO 3166-1 alpha-2, alpha-3 and numeric codes,
  official name where the standard gives one) and currencies (ISO 4217 alphabetic and numeric codes), read from
  Debian's ``iso-codes`` package (``/usr/share/iso-codes/json``; ``apt-get install iso-codes``);
- ``dpkg`` (``bench/data/fresh_questions_dpkg.json``): the package metadata of 20 packages every Debian system has
  installed (version, maintainer, installed size, section, priority, homepage where there is one, summary), as
  ``dpkg-query`` reports them on this machine (versions differ between Debian releases; the expected answers are
  read from the KB built at run time); ``--packages N`` adds N other installed packages to the KB (a scale check with
  the same questions; a question about a package "not in the KB" may then find it);
- ``services`` (``bench/data/fresh_questions_services.json``): 22 network services from Debian's ``/etc/services``
  (port number, transport protocols, aliases and description where the file has them);
- ``pypi`` (``bench/data/fresh_questions_pypi.json``): the core metadata of 22 Python packages this project installs
  (``importlib.metadata``: version, summary, licence, required Python, author, homepage, source repository).
and four hundred and thirty-two more (:data:`bench.fresh_kbs.BUILDERS` names them all), each described by its
``build_*_kb`` function in ``bench/fresh_kbs/`` (:mod:`bench.fresh_kbs`), its questions in
``bench/data/fresh_questions_K.json``.

    python -m bench.api_fresh_kb --base-url http://127.0.0.1:7860/v1 [--kb iso]   # a running `python app.py`

Writes ``bench/results/api_fresh_kb.json`` (``api_fresh_kb_iso.json``, …): value correct (every expected value
byte for byte in the answer, once per triple asked for, and not refused), refusal recall, answerable refused,
follow-ups, and every question with its answer.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from bench.fresh_kbs import BUILDERS
from bench.fresh_kbs.debian import build_dpkg_kb

DATA = Path(__file__).with_name("data")


def expected(kb: list[dict], asked: list[list[str]]) -> list[str]:
    values = {(t["name"], t["property"]): t["value"] for t in kb}
    return [values[tuple(a)] for a in asked]


# each KB's hand-written questions: bench/data/fresh_questions.json for errno (the first), fresh_questions_K.json
QUESTIONS = {k: DATA / ("fresh_questions.json" if k == "errno" else f"fresh_questions_{k}.json") for k in BUILDERS}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base-url", default="http://127.0.0.1:7860/v1")
    ap.add_argument("--kb", choices=sorted(QUESTIONS), default="errno")
    ap.add_argument("--packages", type=int, default=0, help="dpkg: add this many other installed packages")
    ap.add_argument("--out", default=None, help="default: bench/results/api_fresh_kb[_KB].json")
    ap.add_argument("--max-tokens", type=int, default=None,
                    help="each request's max_tokens (default: none set, the openai client's default; results before "
                         "2026-11-29 used 64)")
    args = ap.parse_args()
    suffix = "" if args.kb == "errno" else f"_{args.kb}" + (f"_plus{args.packages}" if args.packages else "")
    out = args.out or f"bench/results/api_fresh_kb{suffix}.json"
    from openai import OpenAI

    from kblam.evaluate import states_all

    client = OpenAI(base_url=args.base_url, api_key=os.environ.get("KBLAM_API_KEY", "none"), timeout=300)
    kb = build_dpkg_kb(args.packages) if args.kb == "dpkg" else BUILDERS[args.kb]()
    rows = []
    for q in json.loads(QUESTIONS[args.kb].read_text())["questions"]:
        messages = [{"role": r, "content": c} for r, c in q["turns"]]
        want = expected(kb, q["asked"]) if q["asked"] else []
        t0 = time.perf_counter()
        limit = {} if args.max_tokens is None else {"max_tokens": args.max_tokens}
        resp = client.chat.completions.create(model="kblam-studio", messages=messages, extra_body={"kb": kb}, **limit)
        text = resp.choices[0].message.content or ""
        refused = bool(resp.model_extra["kblam"]["refused"])
        rows.append({"kind": q["kind"], "question": messages[-1]["content"], "expected": want, "answer": text,
                     "refused": refused, "correct": (not refused and states_all(text, want)) if want
                     else refused, "seconds": round(time.perf_counter() - t0, 2)})
        print(("ok  " if rows[-1]["correct"] else "MISS"), q["kind"], "|", rows[-1]["question"], "|", text, flush=True)
    ans = [r for r in rows if r["expected"]]
    una = [r for r in rows if not r["expected"]]
    fol = [r for r in ans if r["kind"] == "follow_up"]
    summary = {"triples": len(kb), "questions": len(rows), "max_tokens": args.max_tokens,
               "value_correct": round(sum(r["correct"] for r in ans) / len(ans), 3),
               "refusal_recall": round(sum(r["refused"] for r in una) / len(una), 3),
               "answerable_refused": round(sum(r["refused"] for r in ans) / len(ans), 3),
               "follow_ups": round(sum(r["correct"] for r in fol) / max(1, len(fol)), 3)}
    print(json.dumps(summary))
    Path(out).write_text(json.dumps({"summary": summary, "rows": rows}, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
