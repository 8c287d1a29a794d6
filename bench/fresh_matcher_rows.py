"""Training rows for the property matcher from the fresh KBs' questions: an option measured in the forty-second
session and not shipped (README, "Forty-second session").

The fresh KBs of :mod:`bench.api_fresh_kb` (most read from real data, each with questions hand-written by a writer
who saw no matching code) hold thousands of freely phrased questions about real properties ("bytes-per-inode for
largefile4", "what do I pass to pg_dump --format?"). Each single-fact question whose entity the name index finds
becomes a training question of its (KB, property) row, the entity masked as the matcher sees it at run time
(:func:`kblam.wording.mask`); the KB is the row's entity type, so the KB's other properties are the hard negatives.

Left out, so that the OOD evaluation stays out of training: every KB of an OOD evaluation domain (HTTP, Unicode,
time zones, physical constants, programming languages and their lexers, errno), every question written in an
evaluation or dev template or naming a held-out domain's words (the checks of ``tests/kblam/test_matcher_model.py``),
and the KBs named with ``--exclude`` (kept unseen to measure the matcher on them).

    python -m bench.fresh_matcher_rows --exclude K ... --out runs/mdata/fresh_kbs.jsonl
    cp kblam/matcher_data/*.jsonl runs/mdata/ && python -m kblam.matcher_model --data runs/mdata --out runs/matcher-ho
    python -m bench.match_fresh --kb K ... --matcher runs/matcher-ho --threshold 0.35
"""

from __future__ import annotations

import argparse
import json
import pathlib
import re
import sys

from bench.api_fresh_kb import QUESTIONS
from bench.fresh_kbs import BUILDERS

OUT = pathlib.Path("runs/mdata/fresh_kbs.jsonl")
OOD_DIR = pathlib.Path(__file__).resolve().parents[1] / "kblam" / "ood"
# KBs of the OOD evaluation's domains (or close to them): never in training
OOD_KBS = frozenset({"errno", "timezones", "pgtzabbrev", "countryzones", "offsets", "physconsts", "lexers",
                     "pygtokens", "tokens", "entities", "emoji", "blocks", "scripts", "charsets", "httpmethods",
                     "handlers", "mimetypes", "sharedmime", "units", "strftime", "texsymbols", "mailcharsets"})
HELD_OUT_WORDS = re.compile(r"\b(HTTP|status code|Unicode|code point|UTF-8|UTC|GMT|time ?zones?|offset|CODATA|"
                            r"Planck|Pygments|lexer|errno|SIGKILL|MIME)\b", re.IGNORECASE)


def build(exclude: frozenset[str]) -> tuple[list[dict], dict]:
    from kblam import matching
    from kblam.encoder import DEFAULT_ENCODER, EmbeddingCache, encode_kb, load_encoder
    from kblam.kb import Triple
    from kblam.labels import spelled_out
    from kblam.matcher_model import evaluation_phrasings, phrasing_pattern
    from kblam.wording import PLACEHOLDER, mask

    templates = evaluation_phrasings()
    ood_properties = {p for kb in json.loads((OOD_DIR / "templates.json").read_text())["kbs"].values()
                      for p in kb.get("properties", {})}
    encoder, cache = load_encoder(DEFAULT_ENCODER), EmbeddingCache()
    rows: dict[tuple[str, str], dict] = {}
    counts = {"kbs": 0, "questions_seen": 0, "kept": 0, "no_name_found": 0, "held_out": 0}
    for kb_name in BUILDERS:
        if kb_name in OOD_KBS or kb_name in exclude:
            continue
        try:
            triples = [Triple(t["name"], t["property"], t["value"]) for t in BUILDERS[kb_name]()]
        except (OSError, ValueError, RuntimeError, ImportError) as exc:
            print(f"{kb_name}: skipped ({exc})", file=sys.stderr)
            continue
        counts["kbs"] += 1
        values = {(t.name, t.property): t.value for t in triples}
        kb = encode_kb(triples, encoder, cache)
        index, _ = matching.name_index(kb)
        for q in json.loads(QUESTIONS[kb_name].read_text(encoding="utf-8"))["questions"]:
            if q["kind"] != "single" or len(q["asked"]) != 1:
                continue
            counts["questions_seen"] += 1
            name, prop = q["asked"][0]
            question = q["turns"][-1][1]
            mentions, _ = index.find(question)
            mine = [m for m in mentions if index.display.get(m.name, m.name) == name]
            if not mine or len(mentions) != len(mine):
                counts["no_name_found"] += 1
                continue
            masked = " ".join(mask(question, mine).split())
            label = spelled_out(prop)
            patterns = [p for p in (phrasing_pattern(t, label) for t in templates) if p]
            if (not re.search(rf"\b{PLACEHOLDER}\b", masked) or HELD_OUT_WORDS.search(masked)
                    or any(p.match(masked) for p in patterns) or (label in ood_properties and " " in label)):
                counts["held_out"] += 1
                continue
            row = rows.setdefault((kb_name, label), {"type": f"fresh KB {kb_name}", "property": label,
                                                      "value": values[(name, prop)][:80], "questions": []})
            if masked not in row["questions"]:
                row["questions"].append(masked)
                counts["kept"] += 1
        print(kb_name, file=sys.stderr)
    out = [r for r in rows.values() if r["value"].strip()]
    counts["rows"] = len(out)
    return out, counts


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m bench.fresh_matcher_rows", description=__doc__.split("\n\n")[0])
    ap.add_argument("--exclude", nargs="*", default=[], help="fresh KBs to keep out of training")
    ap.add_argument("--out", type=pathlib.Path, default=OUT)
    args = ap.parse_args(argv)
    rows, counts = build(frozenset(args.exclude))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
