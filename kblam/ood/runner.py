"""``python -m kblam eval --ood``: ask every out-of-distribution question through the engine's default mode
(grounded + refusal threshold) and report per KB and per question kind; also plain ``kblam`` attention retrieval
(top-1 / top-5) at 100 and 1,000 triples on the real KBs and on the synthetic held-out split, and the synthetic
held-out questions through the same path, so both sets of figures sit side by side.

Writes into the output folder: ``ood_report.json`` (metrics, config, timings), ``ood_answers.jsonl`` (every
question, its messages, the answer and its scores) and ``ood_table.md`` (the README tables)."""

from __future__ import annotations

import inspect
import json
import logging
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import torch

from ..engine import Answer, ChatSettings, KBLaM
from ..evaluate import states_all, value_exact_match
from ..kb import Triple
from .kbs import RealKB, build_kbs, unicode_large
from .questions import EVAL_TEMPLATES, REFUSAL_KINDS, OODQuestion, build_questions, fill, load_templates

log = logging.getLogger(__name__)
DEFAULT_KBS = ("http_status", "unicode", "timezones", "constants")


@dataclass
class OODConfig:
    out_dir: str = "runs/eval-ood"
    kbs: tuple[str, ...] = DEFAULT_KBS
    seed: int = 0
    templates: str = str(EVAL_TEMPLATES)
    counts: dict[str, int] | None = None  # questions per kind (None: questions.DEFAULT_COUNTS)
    max_new_tokens: int = 64  # the answers are one or two sentences; a degenerate loop stops here
    retrieval_sizes: tuple[int, ...] = (100, 1000)
    retrieval_questions: int = 60  # per KB and size, half simple and half paraphrased
    answers: bool = True  # ask the questions (False: retrieval figures only)
    synthetic: bool = True  # also the synthetic held-out figures (retrieval and answers at 100 triples)
    synthetic_answerable: int = 80
    synthetic_unanswerable: int = 20
    settings: dict = field(default_factory=dict)  # ChatSettings overrides (default: none, the shipped mode)


# ---- asking -----------------------------------------------------------------------------------------------

def accepts_messages(engine: KBLaM) -> bool:
    """True when ``engine.answer`` takes a list of chat messages (its first parameter is annotated with a list
    or sequence type, or named ``messages``), else it takes only one question string."""
    params = list(inspect.signature(engine.answer).parameters.values())
    if not params:
        return False
    first = params[0]
    note = str(first.annotation)
    return first.name in ("messages", "conversation") or any(w in note for w in ("list", "Sequence", "Message"))


def ask(engine: KBLaM, q: OODQuestion, encoded, settings: ChatSettings, with_messages: bool
        ) -> tuple[Answer, bool]:
    """(answer, fallback): the whole chat when the engine takes messages; else only the last user message, and
    ``fallback`` is True for a chat of more than one message (its earlier turns were not seen)."""
    if with_messages:
        return engine.answer([dict(m) for m in q.messages], encoded, settings=settings), False
    return engine.answer(q.question, encoded, settings=settings), len(q.messages) > 1


def score(q: OODQuestion, answer: Answer, fallback: bool) -> dict:
    """One result row. ``exact``: every expected value occurs in the answer byte for byte (case-sensitive; once per
    entity asked about, when two share a value) and the answer is not a refusal; ``normalised``: the same after
    lower-casing and collapsing whitespace; both None for questions that expect a refusal."""
    expected = q.expected
    exact = normalised = None
    if expected:
        text = answer.text
        exact = not answer.refused and states_all(text, expected)
        normalised = not answer.refused and value_exact_match(text, expected)
    return {**q.as_dict(), "answer": answer.text, "refused": answer.refused, "exact": exact,
            "normalised": normalised, "fallback": fallback, "mode": answer.mode,
            "first_token_s": round(answer.timings.get("first_token_s", 0.0), 3),
            "total_s": round(answer.timings.get("total_s", 0.0), 3),
            "evidence": [[e.triple.name, e.triple.property, e.triple.value] for e in answer.evidence[:3]],
            "evidence_first_asked": bool(answer.evidence) and
            (answer.evidence[0].triple.name, answer.evidence[0].triple.property) in set(q.asked)}


def run_questions(engine: KBLaM, triples: Sequence[Triple], questions: Sequence[OODQuestion],
                  settings: ChatSettings, progress: Callable[[int, int], None] | None = None) -> list[dict]:
    encoded = engine.encode(list(triples))
    with_messages = accepts_messages(engine)
    rows = []
    for i, q in enumerate(questions):
        answer, fallback = ask(engine, q, encoded, settings, with_messages)
        rows.append(score(q, answer, fallback))
        if progress:
            progress(i + 1, len(questions))
    return rows


# ---- metrics ----------------------------------------------------------------------------------------------

def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def summarise(rows: Sequence[dict]) -> dict:
    """Metrics of a set of rows: value exactly correct (and normalised) over answerable questions, refusal
    precision/recall, answerable questions refused, follow-ups correct, and the same per question kind."""
    answerable = [r for r in rows if r["expected"]]
    refusals = [r for r in rows if not r["expected"]]
    refused = [r for r in rows if r["refused"]]
    follow = [r for r in answerable if r["kind"] == "follow_up"]
    out = {
        "n": len(rows), "n_answerable": len(answerable), "n_refusal_expected": len(refusals),
        "value_exact": _rate(sum(r["exact"] for r in answerable), len(answerable)),
        "value_normalised": _rate(sum(r["normalised"] for r in answerable), len(answerable)),
        "refusal_precision": _rate(sum(1 for r in refused if not r["expected"]), len(refused)),
        "refusal_recall": _rate(sum(r["refused"] for r in refusals), len(refusals)),
        "answerable_refused": _rate(sum(r["refused"] for r in answerable), len(answerable)),
        "follow_up_exact": _rate(sum(r["exact"] for r in follow), len(follow)),
        # the engine's first evidence triple is one the question asks for (answerable questions)
        "evidence_top1": _rate(sum(r.get("evidence_first_asked", False) for r in answerable), len(answerable)),
        "fallback_rows": sum(r["fallback"] for r in rows),
        "mean_first_token_s": _rate(sum(r["first_token_s"] for r in rows), len(rows)),
        "mean_total_s": _rate(sum(r["total_s"] for r in rows), len(rows)),
        "by_kind": {},
    }
    for kind in dict.fromkeys(r["kind"] for r in rows):
        sub = [r for r in rows if r["kind"] == kind]
        item = {"n": len(sub), "refused": _rate(sum(r["refused"] for r in sub), len(sub))}
        if sub[0]["expected"]:
            item["value_exact"] = _rate(sum(r["exact"] for r in sub), len(sub))
            item["value_normalised"] = _rate(sum(r["normalised"] for r in sub), len(sub))
        out["by_kind"][kind] = item
    return out


# ---- plain kblam attention retrieval ----------------------------------------------------------------------

def retrieval_questions(triples: Sequence[Triple], kb_of: Sequence[str], templates: dict, n: int, seed: int
                        ) -> list[tuple[str, int, str]]:
    """(question, index of the true triple, style): ``n`` triples drawn with a seed, half asked with the simple
    template and half with a paraphrase of their KB's property."""
    rng = random.Random(f"retrieval:{seed}:{len(triples)}")
    out = []
    for j, i in enumerate(rng.sample(range(len(triples)), min(n, len(triples)))):
        t = triples[i]
        if j % 2 == 0:
            out.append((fill(templates["generic"]["simple"][0], name=t.name, property=t.property), i, "simple"))
        else:
            options = templates["kbs"][kb_of[i]]["properties"][t.property]
            out.append((fill(rng.choice(options), name=t.name, property=t.property), i, "paraphrase"))
    return out


def attention_retrieval(engine: KBLaM, triples: Sequence[Triple], questions: Sequence[tuple[str, int, str]]
                        ) -> dict:
    """Top-1 / top-5 of the plain ``kblam`` KB attention (no prior) per KB layer, overall and per style; the
    best layer's figures and those of the engine's evidence layer."""
    encoded = engine.encode(list(triples))
    settings = ChatSettings(mode="kblam")
    hits: dict[str, dict[int, list[int]]] = {"top1": {}, "top5": {}}
    styles: dict[str, dict[int, list[int]]] = {}
    for question, target, style in questions:
        for layer, s in engine.attention_scores(question, encoded, settings).items():
            top = torch.topk(s, min(5, len(s))).indices.tolist()
            hits["top1"].setdefault(layer, []).append(int(top[0] == target))
            hits["top5"].setdefault(layer, []).append(int(target in top))
            styles.setdefault(style, {}).setdefault(layer, []).append(int(top[0] == target))
    mean = {k: {layer: round(sum(v) / len(v), 4) for layer, v in per.items()} for k, per in hits.items()}
    if not mean["top1"]:
        return {"kb_size": len(triples), "n": len(questions), "top1": {}, "top5": {}}
    best = max(mean["top1"], key=lambda k: (mean["top1"][k], mean["top5"][k]))
    ev = engine.evidence_layer(settings)
    return {"kb_size": len(triples), "n": len(questions), **mean, "best_layer": best,
            "best_top1": mean["top1"][best], "best_top5": mean["top5"][best], "evidence_layer": ev,
            "evidence_top1": mean["top1"].get(ev), "evidence_top5": mean["top5"].get(ev),
            "top1_by_style_at_evidence_layer": {s: round(sum(v[ev]) / len(v[ev]), 4)
                                                for s, v in styles.items() if ev in v}}


def combined_kb(kbs: Sequence[RealKB], size: int, seed: int) -> tuple[list[Triple], list[str]]:
    """``size`` triples: every evaluation KB's triples, topped up (or cut) with a larger slice of the Unicode
    table; returns the triples and the KB each one comes from."""
    triples, kb_of = [], []
    for kb in kbs:
        triples += kb.triples
        kb_of += [kb.name] * len(kb.triples)
    names = {t.name for t in triples}
    for t in unicode_large(size * 2, seed):
        if len(triples) >= size:
            break
        if t.name not in names:
            triples.append(t)
            kb_of.append("unicode")
    return triples[:size], kb_of[:size]


def real_retrieval(engine: KBLaM, kbs: Sequence[RealKB], cfg: OODConfig, templates: dict) -> list[dict]:
    out = []
    for size in cfg.retrieval_sizes:
        if size <= 300:
            for kb in kbs:
                triples = kb.triples[:size]
                qs = retrieval_questions(triples, [kb.name] * len(triples), templates, cfg.retrieval_questions,
                                         cfg.seed)
                out.append({"kb": kb.name, **attention_retrieval(engine, triples, qs)})
        else:
            triples, kb_of = combined_kb(kbs, size, cfg.seed)
            qs = retrieval_questions(triples, kb_of, templates, cfg.retrieval_questions * 2, cfg.seed)
            out.append({"kb": "+".join(kb.name for kb in kbs) + "+unicode-slice",
                        **attention_retrieval(engine, triples, qs)})
        log.info("retrieval at %d: %s", size, [(r["kb"], r.get("best_top1"), r.get("evidence_top1"))
                                               for r in out if r["kb_size"] == size])
    return out


# ---- synthetic held-out figures (same machinery as kblam/evaluate.py) -------------------------------------

def synthetic_block(engine: KBLaM, cfg: OODConfig, settings: ChatSettings) -> tuple[dict, list[dict]]:
    """Plain ``kblam`` retrieval at the configured sizes (``evaluate.retrieval_accuracy``) and the synthetic
    held-out questions at 100 triples (``samples.questions_for_kb``) asked through the same default path."""
    from ..evaluate import EvalConfig, eval_triples, pick_kb, retrieval_accuracy
    from ..samples import questions_for_kb

    held_out = eval_triples(EvalConfig(seed=cfg.seed))
    retrieval = [retrieval_accuracy(engine.backbone, engine.encoder, engine.adapters, held_out, kb_size=s,
                                    n_questions=cfg.retrieval_questions, seed=cfg.seed, mode="kblam", engine=engine)
                 for s in cfg.retrieval_sizes if s <= len(held_out)]
    ev = engine.evidence_layer(ChatSettings(mode="kblam"))
    for r in retrieval:
        r.update(evidence_layer=ev, evidence_top1=r["top1"].get(ev), evidence_top5=r["top5"].get(ev))
    if not cfg.answers:
        return {"retrieval": retrieval, "answers": None}, []
    kb_triples = pick_kb(held_out, 100, cfg.seed)
    samples = questions_for_kb(kb_triples, cfg.synthetic_answerable, cfg.synthetic_unanswerable, cfg.seed)
    questions = [OODQuestion(f"synthetic-{i:03d}", "synthetic", s.kind, [{"role": "user", "content": s.question}],
                             [kb_triples[j].value for j in s.targets], list(s.asked)) for i, s in enumerate(samples)]
    rows = run_questions(engine, kb_triples, questions, settings)
    return {"retrieval": retrieval, "answers": summarise(rows)}, rows


# ---- the whole OOD evaluation -----------------------------------------------------------------------------

def run_ood(cfg: OODConfig, engine: KBLaM | None = None, **load_kw) -> dict:
    """Run the OOD evaluation, write ``ood_report.json``, ``ood_answers.jsonl`` and ``ood_table.md`` into
    ``cfg.out_dir`` (the report after every KB, so a stopped run keeps what it measured), return the report."""
    out = Path(cfg.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    engine = engine or KBLaM.load(**load_kw)
    templates = load_templates(cfg.templates)
    settings = ChatSettings(**{"max_new_tokens": cfg.max_new_tokens, **cfg.settings})
    kbs = build_kbs(cfg.kbs, cfg.seed)
    started = time.perf_counter()
    report: dict = {"config": asdict(cfg), "backbone": engine.backbone.model_id, "encoder": engine.encoder.id,
                    "adapters_trained_steps": engine.adapters.config.extra.get("trained_steps"),
                    "settings": asdict(settings), "refusal_threshold": engine.refusal_threshold(settings),
                    "engine_takes_messages": accepts_messages(engine), "kbs": {}, "retrieval": [],
                    "synthetic": None, "timings_s": {}}
    all_rows: list[dict] = []
    for kb in kbs if cfg.answers else ():
        t0 = time.perf_counter()
        questions = build_questions(kb, templates=templates, seed=cfg.seed, counts=cfg.counts)
        rows = run_questions(engine, kb.triples, questions, settings,
                             progress=lambda i, n, name=kb.name: log.debug("%s %d/%d", name, i, n))
        all_rows += rows
        report["kbs"][kb.name] = {"title": kb.title, "source": kb.source, "triples": len(kb.triples),
                                  "entities": len(kb.entities), **summarise(rows)}
        report["timings_s"][kb.name] = round(time.perf_counter() - t0, 1)
        log.info("%s: %s", kb.name, _headline(report["kbs"][kb.name]))
        _write(out, report, all_rows)
    report["overall"] = summarise(all_rows) if all_rows else None
    t0 = time.perf_counter()
    report["retrieval"] = real_retrieval(engine, kbs, cfg, templates)
    report["timings_s"]["retrieval"] = round(time.perf_counter() - t0, 1)
    if cfg.synthetic:
        t0 = time.perf_counter()
        report["synthetic"], rows = synthetic_block(engine, cfg, settings)
        all_rows += rows
        report["timings_s"]["synthetic"] = round(time.perf_counter() - t0, 1)
        if report["synthetic"]["answers"]:
            log.info("synthetic: %s", _headline(report["synthetic"]["answers"]))
    report["timings_s"]["total"] = round(time.perf_counter() - started, 1)
    _write(out, report, all_rows)
    return report


def _headline(m: dict) -> str:
    return (f"value exact {m['value_exact']} (normalised {m['value_normalised']}), refusal P/R "
            f"{m['refusal_precision']}/{m['refusal_recall']}, answerable refused {m['answerable_refused']}, "
            f"follow-ups {m['follow_up_exact']}")


def _write(out: Path, report: dict, rows: list[dict]) -> None:
    tmp = out / "ood_report.json.tmp"
    tmp.write_text(json.dumps(report, indent=1, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    tmp.replace(out / "ood_report.json")
    (out / "ood_answers.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                           encoding="utf-8")
    (out / "ood_table.md").write_text(report_markdown(report), encoding="utf-8")


def _cell(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f}"


def report_markdown(report: dict) -> str:
    """The README tables: one row per KB (and the synthetic held-out KB), per-kind results, retrieval."""
    blocks = dict(report["kbs"])
    if (report.get("synthetic") or {}).get("answers"):
        blocks["synthetic (held-out, 100 triples)"] = report["synthetic"]["answers"]
    lines = ["| KB | triples | questions | value exact | value normalised | refusal precision | refusal recall | "
             "answerable refused | follow-ups exact |", "|---|---|---|---|---|---|---|---|---|"]
    for name, m in blocks.items():
        lines.append(f"| {name} | {m.get('triples', 100)} | {m['n']} | {_cell(m['value_exact'])} | "
                     f"{_cell(m['value_normalised'])} | {_cell(m['refusal_precision'])} | "
                     f"{_cell(m['refusal_recall'])} | {_cell(m['answerable_refused'])} | "
                     f"{_cell(m['follow_up_exact'])} |")
    kinds = list(dict.fromkeys(k for name in report["kbs"] for k in report["kbs"][name]["by_kind"]))
    names = list(report["kbs"])
    lines += ["", "Per question kind (answerable kinds: value exactly correct; refusal kinds: share refused)", "",
              "| kind | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for kind in kinds:
        cells = []
        for name in names:
            k = report["kbs"][name]["by_kind"].get(kind)
            value = None if k is None else k["refused"] if kind in REFUSAL_KINDS else k["value_exact"]
            cells.append(_cell(value))
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    synthetic = (report.get("synthetic") or {}).get("retrieval", [])
    if not report["retrieval"] and not synthetic:
        return "\n".join(lines) + "\n"
    lines += ["", "Plain `kblam` attention retrieval (no prior), top-1 / top-5 (best layer; evidence layer)", "",
              "| KB | triples | questions | best layer | top-1 / top-5 (best) | top-1 / top-5 (evidence layer) |",
              "|---|---|---|---|---|---|"]
    for r in list(report["retrieval"]) + [{"kb": "synthetic held-out", **s} for s in synthetic]:
        lines.append(f"| {r['kb']} | {r['kb_size']} | {r['n']} | {r.get('best_layer')} | "
                     f"{_cell(r.get('best_top1'))} / {_cell(r.get('best_top5'))} | "
                     f"{_cell(r.get('evidence_top1'))} / {_cell(r.get('evidence_top5'))} |")
    return "\n".join(lines) + "\n"


def add_cli_arguments(p) -> None:
    """The ``--ood`` options of ``python -m kblam eval`` (the rest of that command's options are shared)."""
    p.add_argument("--ood", action="store_true",
                   help="out-of-distribution evaluation: KBs built from real data tables, hand-written phrasings "
                        "(kblam/ood); writes ood_report.json, ood_answers.jsonl, ood_table.md")
    p.add_argument("--kbs", default=None, help="with --ood: comma-separated KBs (http_status, unicode, timezones, "
                   f"constants, languages; default: {','.join(DEFAULT_KBS)})")
    p.add_argument("--dev", action="store_true",
                   help="with --ood: ask the DEV phrasings (dev_templates.json) instead of the evaluation ones; "
                        "for calibration and tuning, so that the evaluation phrasings stay unseen")
    p.add_argument("--per-kind", type=int, default=None,
                   help="with --ood: this many questions of every kind per KB (default: 104 per KB in all)")
    p.add_argument("--no-synthetic", action="store_true",
                   help="with --ood: skip the synthetic held-out figures reported beside the OOD ones")
    p.add_argument("--no-retrieval", action="store_true", help="with --ood: skip plain-kblam attention retrieval")
    p.add_argument("--no-answers", action="store_true",
                   help="with --ood: retrieval figures only (no questions through the engine)")
    p.add_argument("--max-new-tokens", type=int, default=OODConfig.max_new_tokens,
                   help="with --ood: generation budget per answer")


def cmd_ood(args) -> int:
    """The ``eval --ood`` command line: run, print the report path on stdout and the tables on stderr."""
    import sys

    from .questions import DEV_TEMPLATES, KINDS

    if args.per_kind is not None and args.per_kind < 1:
        raise ValueError(f"--per-kind must be at least 1, got {args.per_kind}")
    cfg = OODConfig(out_dir=args.out or OODConfig.out_dir, seed=args.seed,
                    kbs=tuple(k for k in (args.kbs or ",".join(DEFAULT_KBS)).split(",") if k),
                    templates=str(DEV_TEMPLATES if args.dev else EVAL_TEMPLATES),
                    counts={k: args.per_kind for k in KINDS} if args.per_kind else None,
                    max_new_tokens=args.max_new_tokens, synthetic=not args.no_synthetic, answers=not args.no_answers,
                    retrieval_sizes=() if args.no_retrieval else OODConfig.retrieval_sizes,
                    retrieval_questions=args.retrieval_questions)
    build_kbs(cfg.kbs, cfg.seed)  # an unknown KB name fails before the model loads
    adapters = None if args.adapters == "none" else args.adapters
    report = run_ood(cfg, backbone=args.backbone, encoder=args.encoder, adapters=adapters,
                     precision=args.precision)
    print(Path(cfg.out_dir) / "ood_report.json")
    print(report_markdown(report), file=sys.stderr)
    return 0
