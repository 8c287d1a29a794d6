"""Evaluation of KBLaM against baselines: attention retrieval per KB layer and size, answer exact match and
token-F1, refusal precision/recall, cost (time to first token, memory); JSON report and PNG plots."""

from __future__ import annotations

import json
import logging
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import torch

from studio_core.defaults import DEFAULT_BACKBONE, DEFAULT_ENCODER

from .encoder import Encoder
from .engine import Answer, ChatSettings, KBLaM
from .kb import Triple
from .matching import SCORE_NAME
from .models import Backbone
from .prompting import REFUSAL, facts_block, normalise

log = logging.getLogger(__name__)


def pick_kb(triples: Sequence[Triple], size: int, seed: int) -> list[Triple]:
    """A deterministic random sub-KB of ``size`` triples (whole entities are not kept together on purpose)."""
    rng = random.Random(seed)
    return rng.sample(list(triples), min(size, len(triples)))


def retrieval_accuracy(backbone: Backbone, encoder: Encoder, adapters, triples: Sequence[Triple], *,
                       kb_size: int = 100, n_questions: int = 50, seed: int = 0, mode: str = "kblam",
                       engine: KBLaM | None = None) -> dict:
    """Top-1 / top-5 accuracy of the KB attention (summed over heads and question tokens) at every KB layer,
    on simple questions about triples of a ``kb_size`` KB. Returns {"top1": {layer: acc}, "top5": …, "best_layer"}."""
    from .samples import questions_for_kb

    engine = engine or KBLaM(backbone, encoder, adapters)
    kb_triples = pick_kb(triples, kb_size, seed)
    encoded = engine.encode(kb_triples)
    questions = questions_for_kb(kb_triples, n_questions, 0, seed, kinds=("simple",))
    settings = ChatSettings(mode=mode)
    hits1: dict[int, int] = {}
    hits5: dict[int, int] = {}
    for sample in questions:
        scores = engine.attention_scores(sample.question, encoded, settings)
        for layer, s in scores.items():
            top = torch.topk(s, min(5, len(s))).indices.tolist()
            hits1[layer] = hits1.get(layer, 0) + int(top[0] in sample.targets)
            hits5[layer] = hits5.get(layer, 0) + int(any(t in sample.targets for t in top))
    n = max(1, len(questions))
    top1 = {layer: hits1[layer] / n for layer in sorted(hits1)}
    top5 = {layer: hits5[layer] / n for layer in sorted(hits5)}
    best = max(top1, key=lambda k: (top1[k], top5[k])) if top1 else None
    return {"kb_size": len(kb_triples), "n": len(questions), "mode": mode, "top1": top1, "top5": top5,
            "best_layer": best, "best_top1": top1.get(best, 0.0), "best_top5": top5.get(best, 0.0)}


# ---- answers ------------------------------------------------------------------------------------------------

_STOP = {"the", "of", "is", "a", "an", "and", "are", "was", "its", "it", "s"}


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+|[^\w\s]", text.lower())


def states_all(answer: str, values: Sequence[str]) -> bool:
    """Every value occurs in ``answer`` byte for byte, as many times as it is listed (two entities with the same
    value need it stated for each)."""
    return all(answer.count(v) >= n for v, n in Counter(values).items())


def value_exact_match(answer: str, values: Sequence[str]) -> bool:
    """:func:`states_all` after normalising case and whitespace."""
    return states_all(normalise(answer), [normalise(v).rstrip(".") for v in values])


def value_token_f1(answer: str, values: Sequence[str], asked: Sequence[tuple[str, str]]) -> float:
    """Bag-of-tokens F1 between the answer (minus the asked names/properties and template words) and the values."""
    drop = set(_STOP)
    for name, prop in asked:
        drop.update(_tokens(name))
        drop.update(_tokens(prop))
    gold = [t for v in values for t in _tokens(v) if t.isalnum()]
    pred = [t for t in _tokens(answer) if t.isalnum() and (t not in drop or t in gold)]
    if not gold or not pred:
        return float(gold == pred)
    common = Counter(gold) & Counter(pred)
    overlap = sum(common.values())
    if overlap == 0:
        return 0.0
    precision, recall = overlap / len(pred), overlap / len(gold)
    return 2 * precision * recall / (precision + recall)


@dataclass
class EvalConfig:
    out_dir: str = "runs/eval"
    kb_file: str | None = None  # evaluate on a user's KB instead of the synthetic validation split
    seed: int = 0
    retrieval_sizes: tuple[int, ...] = (50, 100, 200, 500, 1000)
    retrieval_questions: int = 50
    answer_sizes: tuple[int, ...] = (100, 1000)
    n_answerable: int = 80
    n_unanswerable: int = 20
    methods: tuple[str, ...] = ("zero-shot", "in-context", "rag", "kblam", "kblam+prior", "grounded")
    # methods run at KB sizes above 100 (in-context does not fit there anyway)
    large_kb_methods: tuple[str, ...] = ("rag", "kblam+prior", "grounded")
    icl_questions: int | None = 30  # in-context prefill is long on a CPU: the first N of the same questions
    max_new_tokens: int = 48
    cost_sizes: tuple[int, ...] = (0, 100, 1000, 10000)
    context_window: int | None = None  # default: the backbone's max_position_embeddings
    refusal_threshold: float | None = None  # None: calibrated on training triples when calibrate=True
    cosine_threshold: float | None = None  # the same on the plain cosine (a comparison row for `grounded`)
    calibrate: bool = True


def eval_triples(cfg: EvalConfig) -> list[Triple]:
    if cfg.kb_file:
        from .kb import KnowledgeBase

        return list(KnowledgeBase.from_file(cfg.kb_file))
    from .synthetic import SyntheticConfig, generate_kb

    return generate_kb(SyntheticConfig(seed=cfg.seed))[1]  # held-out entities


def answer_eval(engine: KBLaM, triples: Sequence[Triple], kb_size: int, cfg: EvalConfig, progress=None) -> dict:
    """Exact match / token-F1 on answerable questions and refusal precision/recall, per method, on one KB."""
    from .samples import questions_for_kb

    kb_triples = pick_kb(triples, kb_size, cfg.seed)
    encoded = engine.encode(kb_triples)
    questions = questions_for_kb(kb_triples, cfg.n_answerable, cfg.n_unanswerable, cfg.seed)
    window = cfg.context_window or getattr(engine.backbone.model.config, "max_position_embeddings", 2048)
    all_text_tokens = len(engine.backbone.tokenizer(facts_block(kb_triples))["input_ids"])
    max_sim = {q.question: float(engine.similarity(q.question, encoded).max()) for q in questions}
    match_score = {q.question: engine.match(q.question, encoded).score for q in questions}
    results: dict[str, dict] = {}
    all_rows: list[dict] = []
    methods = cfg.methods if kb_size <= 100 else [m for m in cfg.methods if m in cfg.large_kb_methods]
    for method in methods:
        if method == "in-context" and all_text_tokens + 200 > window:
            results[method] = {"skipped": f"{all_text_tokens} KB tokens do not fit the {window}-token window"}
            continue
        subset = questions[: cfg.icl_questions] if method == "in-context" and cfg.icl_questions else questions
        rows = []
        for q in subset:
            answer = _ask(engine, method, q.question, encoded, kb_triples, cfg)
            values = [kb_triples[i].value for i in q.targets]
            rows.append({"kind": q.kind, "question": q.question, "expected": values, "answer": answer.text,
                         "refused": answer.refused, "first_token_s": answer.timings.get("first_token_s"),
                         "max_sim": max_sim[q.question], "match_score": match_score[q.question],
                         "em": value_exact_match(answer.text, values) if values else None,
                         "f1": value_token_f1(answer.text, values, q.asked) if values else None})
            if progress:
                progress(method, len(rows), len(subset))
        results[method] = summarise(rows)
        all_rows += [{"method": method, **r} for r in rows]
        if cfg.refusal_threshold is not None and method != "zero-shot":
            results[f"{method}+threshold"] = summarise(with_threshold(rows, cfg.refusal_threshold))
            if cfg.cosine_threshold is not None and method == "grounded":
                results[f"{method}+cosine-threshold"] = summarise(
                    with_threshold(rows, cfg.cosine_threshold, key="max_sim"))
    return {"kb_size": len(kb_triples), "refusal_threshold": cfg.refusal_threshold,
            "n_answerable": cfg.n_answerable, "n_unanswerable": cfg.n_unanswerable, "methods": results,
            "rows": all_rows}


def _ask(engine: KBLaM, method: str, question: str, encoded, kb_triples, cfg: EvalConfig) -> Answer:
    if method == "zero-shot":
        return engine.answer_text(question, None, max_new_tokens=cfg.max_new_tokens)
    if method == "in-context":
        return engine.answer_text(question, kb_triples, max_new_tokens=cfg.max_new_tokens)
    if method == "rag":
        sim = engine.similarity(question, encoded)
        top = torch.topk(sim, min(5, len(kb_triples))).indices.tolist()
        return engine.answer_text(question, [kb_triples[i] for i in top], max_new_tokens=cfg.max_new_tokens)
    # the model's own refusals here; the threshold rule is applied afterwards (`with_threshold`), so both show
    # inject_untrained: an evaluation measures each mode as named, trained adapters or not (the chat, API and CLI
    # answer in grounded-text mode when the adapters were never trained)
    return engine.answer(question, encoded, mode=method, max_new_tokens=cfg.max_new_tokens, refusal_threshold=-1.0,
                         relevance_threshold=cfg.refusal_threshold, inject_untrained=True)


def with_threshold(rows: list[dict], threshold: float, key: str = "match_score") -> list[dict]:
    """The same answers with a refusal rule applied: refuse when the row's ``key`` score (``match_score``: the
    entity-masked match, what ``ChatSettings.refusal_threshold`` uses before generating; ``max_sim``: the plain
    question/key cosine) is below ``threshold``."""
    out = []
    for r in rows:
        if r[key] < threshold and not r["refused"]:
            r = {**r, "refused": True, "answer": REFUSAL, "em": False if r["em"] is not None else None,
                 "f1": 0.0 if r["f1"] is not None else None}
        out.append(r)
    return out


def _best_threshold(scored: list[tuple[float, bool]]) -> tuple[float, float]:
    """(F1, threshold) of the refusal rule "refuse below the threshold" with the best F1 over ``scored``
    (score, unanswerable); the threshold is the middle of the range that reaches that F1."""
    cuts = sorted({round(s, 3) for s, _ in scored})
    f1s = []
    for threshold in cuts:
        tp = sum(1 for s, u in scored if s < threshold and u)
        fp = sum(1 for s, u in scored if s < threshold and not u)
        fn = sum(1 for s, u in scored if s >= threshold and u)
        f1s.append(2 * tp / max(1, 2 * tp + fp + fn))
    best = max(f1s, default=0.0)
    at_best = [c for c, f in zip(cuts, f1s, strict=True) if f == best]
    if not at_best:
        return 0.0, 0.0
    # the middle of the first and the last cut that reach the best F1: a margin on either side
    return best, round((at_best[0] + at_best[-1]) / 2, 3)


def calibrate_refusal_threshold(engine: KBLaM, triples: Sequence[Triple], *, kb_sizes: Sequence[int] = (100, 1000),
                                n_answerable: int = 160, n_unanswerable: int = 40, seed: int = 1) -> dict:
    """Pick the refusal thresholds that best separate answerable from unanswerable questions (max F1 of the
    refusal decision) on calibration KBs drawn from ``triples`` (use training triples, not held-out ones),
    with the evaluation's 4:1 mix: one for the entity-masked match score (:mod:`matching`, what the engine
    uses) and one for the plain question/key cosine (reported for comparison)."""
    from .samples import questions_for_kb

    masked, cosine = [], []
    for size in kb_sizes:
        kb_triples = pick_kb(triples, size, seed)
        encoded = engine.encode(kb_triples)
        for q in questions_for_kb(kb_triples, n_answerable, n_unanswerable, seed):
            masked.append((engine.match(q.question, encoded).score, not q.targets))
            cosine.append((float(engine.similarity(q.question, encoded).max()), not q.targets))
    f1, threshold = _best_threshold(masked)
    cos_f1, cos_threshold = _best_threshold(cosine)
    answerable = [s for s, u in masked if not u]
    unanswerable = [s for s, u in masked if u]
    return {"threshold": threshold, "score": SCORE_NAME, "calibration_f1": f1, "n": len(masked),
            "kb_sizes": list(kb_sizes), "cosine_threshold": cos_threshold, "cosine_calibration_f1": cos_f1,
            "mean_score_answerable": sum(answerable) / max(1, len(answerable)),
            "mean_score_unanswerable": sum(unanswerable) / max(1, len(unanswerable))}


def summarise(rows: list[dict]) -> dict:
    answerable = [r for r in rows if r["em"] is not None]
    unanswerable = [r for r in rows if r["em"] is None]
    refused = [r for r in rows if r["refused"]]
    true_refusals = [r for r in unanswerable if r["refused"]]
    out = {
        "n": len(rows), "n_unanswerable": len(unanswerable),
        "exact_match": sum(r["em"] for r in answerable) / max(1, len(answerable)),
        "token_f1": sum(r["f1"] for r in answerable) / max(1, len(answerable)),
        "refusal_precision": len(true_refusals) / len(refused) if refused else 0.0,
        "refusal_recall": len(true_refusals) / max(1, len(unanswerable)),
        "mean_first_token_s": sum(r["first_token_s"] or 0 for r in rows) / max(1, len(rows)),
        "by_kind": {},
        "examples": rows[:8],
    }
    for kind in sorted({r["kind"] for r in answerable}):
        sub = [r for r in answerable if r["kind"] == kind]
        out["by_kind"][kind] = {"n": len(sub), "exact_match": sum(r["em"] for r in sub) / len(sub)}
    return out


# ---- cost ---------------------------------------------------------------------------------------------------

def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def first_token_time(engine: KBLaM, question: str, encoded=None, context=None, repeats: int = 3) -> float:
    """Median time to first token (s) of KBLaM with ``encoded`` or of the stock model with ``context`` as text."""
    times = []
    for _ in range(repeats):
        if encoded is not None:
            answer = engine.answer(question, encoded, mode="kblam", max_new_tokens=1, refusal_threshold=-1.0,
                                   inject_untrained=True)
        else:
            answer = engine.answer_text(question, context, max_new_tokens=1)
        times.append(answer.timings["first_token_s"])
    return sorted(times)[len(times) // 2]


def cost_eval(engine: KBLaM, triples: Sequence[Triple], sizes: Sequence[int], window: int) -> list[dict]:
    """Time to first token and memory per KB size, KBLaM against in-context learning (while it fits)."""
    from .synthetic import SyntheticConfig, generate_kb

    pool = list(triples)
    if max(sizes, default=0) > len(pool):  # large sizes need more triples than the held-out split has
        pool += generate_kb(SyntheticConfig(n_entities=max(sizes) // 4, seed=99))[0]
    question = "What is the founding year of Quorvex Dynamics?"
    rows = []
    for size in sizes:
        kb_triples = pool[:size]
        before = rss_mb()
        encoded = engine.encode(kb_triples)
        if size:
            engine.knowledge_tokens(encoded)
        kb_bytes = sum(t.numel() * t.element_size() for d in engine.knowledge_tokens(encoded) for t in d.values()
                       ) if size else 0
        row = {"kb_size": size, "kblam_first_token_s": first_token_time(engine, question, encoded),
               "kblam_rss_mb": rss_mb(), "kblam_rss_delta_mb": rss_mb() - before,
               "knowledge_token_mb": kb_bytes / 2**20}
        n_tokens = len(engine.backbone.tokenizer(facts_block(kb_triples))["input_ids"]) if size else 0
        if n_tokens + 200 <= window:
            row["icl_prompt_tokens"] = n_tokens
            row["icl_first_token_s"] = first_token_time(engine, question, context=kb_triples or None)
            row["icl_rss_mb"] = rss_mb()
        else:
            row["icl_first_token_s"] = None
            row["icl_note"] = f"{n_tokens} tokens do not fit the {window}-token window"
        rows.append(row)
        log.info("cost %s", row)
    return rows


# ---- the whole evaluation -----------------------------------------------------------------------------------

def run_eval(cfg: EvalConfig, engine: KBLaM | None = None, progress=None, **load_kw) -> dict:
    """Run every part of the protocol, write ``report.json`` and PNG plots into ``cfg.out_dir``, return the
    report. ``progress(stage, done, total)`` is called as work proceeds."""
    out = Path(cfg.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    engine = engine or KBLaM.load(**load_kw)
    triples = eval_triples(cfg)
    started = time.time()
    report: dict = {"config": asdict(cfg), "backbone": engine.backbone.model_id, "encoder": engine.encoder.id,
                    "adapters": {"kb_layers": engine.adapters.config.kb_layers,
                                 "trained_steps": engine.adapters.config.extra.get("trained_steps"),
                                 "prior_weight": float(engine.adapters.prior_weight.detach())},
                    "held_out_triples": len(triples), "retrieval": [], "answers": [], "cost": []}
    for size in cfg.retrieval_sizes:
        for mode in ("kblam", "kblam+prior"):
            if size > len(triples):
                continue
            res = retrieval_accuracy(engine.backbone, engine.encoder, engine.adapters, triples, kb_size=size,
                                     n_questions=cfg.retrieval_questions, seed=cfg.seed, mode=mode, engine=engine)
            report["retrieval"].append(res)
            log.info("retrieval %s @%d: top1 %.2f top5 %.2f (layer %s)", mode, size, res["best_top1"],
                     res["best_top5"], res["best_layer"])
            if progress:
                progress("retrieval", len(report["retrieval"]), 2 * len(cfg.retrieval_sizes))
    if cfg.calibrate and cfg.refusal_threshold is None and not cfg.kb_file:
        from .synthetic import SyntheticConfig, generate_kb

        report["calibration"] = calibrate_refusal_threshold(engine, generate_kb(SyntheticConfig(seed=cfg.seed))[0])
        cfg = replace(cfg, refusal_threshold=report["calibration"]["threshold"],
                      cosine_threshold=report["calibration"]["cosine_threshold"])
        log.info("refusal threshold calibrated on training triples: %s", report["calibration"])
    plain = [r for r in report["retrieval"] if r["mode"] == "kblam" and r["kb_size"] == 100]
    report["best_layer"] = plain[0]["best_layer"] if plain else None
    for size in cfg.answer_sizes:
        if size <= len(triples):
            block = answer_eval(engine, triples, size, cfg, progress)
            rows = block.pop("rows")  # every question and answer, one JSON object per line, beside the report
            (out / f"answers_{block['kb_size']}.jsonl").write_text(
                "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
            block["rows_file"] = f"answers_{block['kb_size']}.jsonl"
            report["answers"].append(block)
            _write(out, report)
    window = cfg.context_window or getattr(engine.backbone.model.config, "max_position_embeddings", 2048)
    if cfg.cost_sizes:
        report["cost"] = cost_eval(engine, triples, cfg.cost_sizes, window)
    report["elapsed_s"] = time.time() - started
    _write(out, report)
    report["plots"] = write_plots(report, out)
    _write(out, report)
    return report


def _write(out: Path, report: dict) -> None:
    tmp = out / "report.json.tmp"
    tmp.write_text(json.dumps(report, indent=1, ensure_ascii=False, default=str) + "\n")
    tmp.replace(out / "report.json")


def write_plots(report: dict, out: Path) -> list[str]:
    """PNG plots of retrieval per layer and size, answer quality per method, and cost per KB size."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    written = []
    if report["retrieval"]:
        fig, axes = plt.subplots(1, 2, figsize=(11, 4))
        for res in report["retrieval"]:
            if res["mode"] == "kblam":
                layers = [int(k) for k in res["top1"]]
                axes[0].plot(layers, list(res["top1"].values()), marker="o", label=f"M={res['kb_size']}")
        axes[0].set(title="kblam: attention top-1 per KB layer", xlabel="layer", ylabel="top-1", ylim=(0, 1.05))
        axes[0].legend(fontsize=8)
        for mode in ("kblam", "kblam+prior"):
            rows = [r for r in report["retrieval"] if r["mode"] == mode]
            sizes = [r["kb_size"] for r in rows]
            axes[1].plot(sizes, [r["best_top1"] for r in rows], marker="o", label=f"{mode} top-1")
            axes[1].plot(sizes, [r["best_top5"] for r in rows], marker="x", ls="--", label=f"{mode} top-5")
        axes[1].set(title="retrieval vs KB size (best layer)", xlabel="KB size", xscale="log", ylim=(0, 1.05))
        axes[1].legend(fontsize=8)
        fig.tight_layout()
        fig.savefig(out / "retrieval.png", dpi=110)
        plt.close(fig)
        written.append("retrieval.png")
    for block in report["answers"]:
        methods = [m for m, r in block["methods"].items() if "skipped" not in r]
        metrics = ("exact_match", "token_f1", "refusal_precision", "refusal_recall")
        fig, ax = plt.subplots(figsize=(11, 4))
        width = 0.8 / len(metrics)
        for j, metric in enumerate(metrics):
            ax.bar([i + j * width for i in range(len(methods))],
                   [block["methods"][m][metric] for m in methods], width, label=metric)
        ax.set_xticks([i + 0.4 - width / 2 for i in range(len(methods))], methods)
        ax.set(title=f"answers at {block['kb_size']} triples (held-out entities)", ylim=(0, 1.05))
        ax.legend(fontsize=8, ncols=4)
        fig.tight_layout()
        name = f"answers_{block['kb_size']}.png"
        fig.savefig(out / name, dpi=110)
        plt.close(fig)
        written.append(name)
    if report["cost"]:
        fig, axes = plt.subplots(1, 2, figsize=(11, 4))
        sizes = [max(r["kb_size"], 1) for r in report["cost"]]
        axes[0].plot(sizes, [r["kblam_first_token_s"] for r in report["cost"]], marker="o", label="KBLaM")
        icl = [(max(r["kb_size"], 1), r["icl_first_token_s"]) for r in report["cost"] if r["icl_first_token_s"]]
        if icl:
            axes[0].plot(*zip(*icl, strict=True), marker="x", label="in-context")
        axes[0].set(title="time to first token", xlabel="KB size (0 plotted at 1)", ylabel="s", xscale="log")
        axes[0].legend()
        axes[1].plot(sizes, [r["knowledge_token_mb"] for r in report["cost"]], marker="o")
        axes[1].set(title="knowledge-token memory", xlabel="KB size", ylabel="MB", xscale="log")
        fig.tight_layout()
        fig.savefig(out / "cost.png", dpi=110)
        plt.close(fig)
        written.append("cost.png")
    return written


def register_cli(sub) -> None:
    """``python -m kblam eval``."""
    p = sub.add_parser("eval", help="evaluate KBLaM against baselines; writes report.json and PNG plots "
                       "(--ood: the out-of-distribution evaluation on real-data KBs)")
    p.add_argument("--out", default=None, help="output folder (default: runs/eval, with --ood runs/eval-ood)")
    from .ood.runner import add_cli_arguments

    add_cli_arguments(p)
    p.add_argument("--kb", help="evaluate on this KB file instead of the synthetic held-out split")
    p.add_argument("--backbone", default=DEFAULT_BACKBONE, help="backbone alias, Hub id or folder")
    p.add_argument("--encoder", default=DEFAULT_ENCODER, help="sentence encoder")
    p.add_argument("--adapters", default="default", help="'default', a folder, or 'none'")
    p.add_argument("--precision", choices=["auto", "fp32", "bf16", "int8"], default=None,
                   help="backbone weights on CPU (default: auto) [env KBLAM_PRECISION]")
    p.add_argument("--retrieval-sizes", default="50,100,200,500,1000", help="KB sizes for retrieval accuracy")
    p.add_argument("--answer-sizes", default="100,1000", help="KB sizes for answer quality")
    p.add_argument("--cost-sizes", default="0,100,1000,10000", help="KB sizes for time/memory")
    p.add_argument("--methods", default=",".join(EvalConfig.methods), help="methods to compare")
    p.add_argument("--large-kb-methods", default=",".join(EvalConfig.large_kb_methods),
                   help="methods also run at answer sizes above 100")
    p.add_argument("--icl-questions", type=int, default=EvalConfig.icl_questions,
                   help="in-context baseline on the first N questions only (0 = all)")
    p.add_argument("--n-answerable", type=int, default=80, help="answerable questions per KB")
    p.add_argument("--n-unanswerable", type=int, default=20, help="unanswerable questions per KB")
    p.add_argument("--retrieval-questions", type=int, default=50, help="questions per retrieval point")
    p.add_argument("--seed", type=int, default=0, help="KB and question seed")
    p.set_defaults(func=_cmd_eval)


def _ints(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.split(",") if x.strip())


def _cmd_eval(args) -> int:
    if args.ood:
        from .ood.runner import cmd_ood

        return cmd_ood(args)
    cfg = EvalConfig(out_dir=args.out or "runs/eval", kb_file=args.kb, seed=args.seed, retrieval_sizes=_ints(args.retrieval_sizes),
                     answer_sizes=_ints(args.answer_sizes), cost_sizes=_ints(args.cost_sizes),
                     methods=tuple(m for m in args.methods.split(",") if m),
                     large_kb_methods=tuple(m for m in args.large_kb_methods.split(",") if m),
                     icl_questions=args.icl_questions or None, n_answerable=args.n_answerable,
                     n_unanswerable=args.n_unanswerable, retrieval_questions=args.retrieval_questions)
    adapters = None if args.adapters == "none" else args.adapters
    report = run_eval(cfg, backbone=args.backbone, encoder=args.encoder, adapters=adapters,
                      precision=args.precision)
    print(Path(cfg.out_dir) / "report.json")
    for block in report["answers"]:
        for method, res in block["methods"].items():
            if "skipped" in res:
                print(f"M={block['kb_size']:5d} {method:12s} skipped: {res['skipped']}", file=sys.stderr)
            else:
                print(f"M={block['kb_size']:5d} {method:12s} EM {res['exact_match']:.2f}  F1 {res['token_f1']:.2f}  "
                      f"refusal P {res['refusal_precision']:.2f} R {res['refusal_recall']:.2f}", file=sys.stderr)
    return 0


def report_markdown(report: dict) -> str:
    """The headline tables of a report as Markdown (for the README and the app)."""
    lines = []
    for block in report["answers"]:
        lines += [f"**Answers at {block['kb_size']} triples** (held-out entities; "
                  f"{block['n_answerable']} answerable + {block['n_unanswerable']} unanswerable questions)", "",
                  "| method | value exact match | value token-F1 | refusal precision | refusal recall | "
                  "questions | mean time to first token |", "|---|---|---|---|---|---|---|"]
        for method, res in block["methods"].items():
            if "skipped" in res:
                lines.append(f"| {method} | — | — | — | — | — | {res['skipped']} |")
                continue
            lines.append(f"| {method} | {res['exact_match']:.2f} | {res['token_f1']:.2f} | "
                         f"{res['refusal_precision']:.2f} | {res['refusal_recall']:.2f} | {res['n']} | "
                         f"{res['mean_first_token_s']:.2f} s |")
        lines.append("")
    if report["retrieval"]:
        sizes = sorted({r["kb_size"] for r in report["retrieval"]})
        lines += ["**Attention retrieval** (best KB layer; top-1 / top-5)", "",
                  "| mode | " + " | ".join(f"M = {s}" for s in sizes) + " |", "|---|" + "---|" * len(sizes)]
        for mode in ("kblam", "kblam+prior"):
            cells = []
            for size in sizes:
                r = next((x for x in report["retrieval"] if x["mode"] == mode and x["kb_size"] == size), None)
                cells.append(f"{r['best_top1']:.2f} / {r['best_top5']:.2f} (L{r['best_layer']})" if r else "—")
            lines.append(f"| {mode} | " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)
