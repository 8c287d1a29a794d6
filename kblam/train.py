"""Training KBLaM adapters: frozen LLM and encoder; trainable key/value adapters, KB query heads and the
retrieval-prior weight. Answer-token loss plus an optional auxiliary retrieval loss on the KB attention.

Runs on one CPU or under ``accelerate launch`` on many GPUs (each rank draws its own samples, refusal samples
included, from a stream seeded by (seed, rank, step), so a resumed run sees exactly the samples it would have).
Checkpoints every N steps; ``--resume`` (the default) continues from the last one."""

from __future__ import annotations

import json
import logging
import math
import random
import shutil
import signal
import threading
import time
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path

import torch
from safetensors.torch import load_file, save_file
from torch import nn

from studio_core.defaults import DEFAULT_BACKBONE, DEFAULT_ENCODER

from . import attention
from .adapters import AdapterConfig, KBAdapters, attach
from .encoder import EmbeddingCache, Encoder, load_encoder
from .kb import Triple
from .models import Backbone, load_backbone

log = logging.getLogger(__name__)


@dataclass
class TrainConfig:
    out_dir: str = "runs/adapters"
    backbone: str = DEFAULT_BACKBONE
    encoder: str = DEFAULT_ENCODER
    quantize: str = "auto"
    kb_file: str | None = None  # train on a user's KB instead of the synthetic one
    steps: int = 3000
    batch_size: int = 8
    grad_accum: int = 1
    lr: float = 1e-3
    warmup_steps: int = 100
    min_lr_ratio: float = 0.05
    kb_size: tuple[int, int] = (10, 100)
    layer_frequency: int = 3
    retrieval_loss_weight: float = 1.0
    prior_weight_init: float = 20.0
    learn_prior: bool = True
    # share of samples per mode; grounded samples carry `context_k` triples as text
    # (grounded-heavy: on CPU budgets it is the mode that reaches exact values; the auxiliary retrieval loss
    # still trains plain-KBLaM retrieval on every sample)
    mode_mix: dict[str, float] = field(default_factory=lambda: {"kblam": 0.2, "kblam+prior": 0.1,
                                                                "grounded": 0.7})
    context_k: int = 3
    max_length: int = 320
    n_entities: int = 3000
    seed: int = 0
    checkpoint_every: int = 100
    eval_every: int = 250
    log_every: int = 10
    threads: int | None = None

    def __post_init__(self) -> None:
        if self.steps < 1 or self.batch_size < 1 or self.grad_accum < 1:
            raise ValueError(f"steps, batch_size and grad_accum must be >= 1 (got {self.steps}, "
                             f"{self.batch_size}, {self.grad_accum})")
        unknown = set(self.mode_mix) - {"kblam", "kblam+prior", "grounded"}
        if unknown or not self.mode_mix:
            raise ValueError(f"mode_mix keys must be kblam, kblam+prior, grounded; got {sorted(self.mode_mix)}")
        self.kb_size = tuple(self.kb_size)


def cosine_lr(step: int, cfg: TrainConfig) -> float:
    """Linear warm-up then cosine decay to ``min_lr_ratio`` (a multiplier of cfg.lr)."""
    if step < cfg.warmup_steps:
        return (step + 1) / cfg.warmup_steps
    progress = min(1.0, (step - cfg.warmup_steps) / max(1, cfg.steps - cfg.warmup_steps))
    return cfg.min_lr_ratio + (1 - cfg.min_lr_ratio) * 0.5 * (1 + math.cos(math.pi * progress))


class TripleEmbeddings:
    """Encoder embeddings of every key and value string of the training triples, computed once and saved."""

    def __init__(self, triples: list[Triple], encoder: Encoder, cache_file: Path | None) -> None:
        self.index = {t: i for i, t in enumerate(triples)}
        if cache_file and cache_file.is_file():
            data = load_file(str(cache_file))
            if data["keys"].shape[0] == len(triples) and data["keys"].shape[1] == encoder.dim:
                self.keys, self.values = data["keys"], data["values"]
                return
        cache = EmbeddingCache()
        log.info("encoding %d training triples once", len(triples))
        self.keys = torch.from_numpy(cache.encode(encoder, [t.key_string for t in triples]))
        self.values = torch.from_numpy(cache.encode(encoder, [t.value_string for t in triples]))
        if cache_file:
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            save_file({"keys": self.keys, "values": self.values}, str(cache_file))

    def lookup(self, kb: list[Triple]) -> tuple[torch.Tensor, torch.Tensor]:
        rows = torch.tensor([self.index[t] for t in kb])
        return self.keys[rows], self.values[rows]


class KBLaMTrainer(nn.Module):
    """Holds the trainable adapters; ``forward(batch)`` returns the losses. The frozen backbone is kept out of
    the module tree so that Accelerate/DDP only wraps (and synchronises) the adapters."""

    def __init__(self, backbone: Backbone, adapters: KBAdapters, question_offset: int) -> None:
        super().__init__()
        self.adapters = adapters
        object.__setattr__(self, "_backbone", backbone)
        self.question_offset = question_offset
        attach(backbone.model, adapters)

    def forward(self, batch: dict[str, torch.Tensor], retrieval_weight: float = 1.0) -> dict[str, torch.Tensor]:
        model = self._backbone.model
        keys, values = self.adapters.knowledge_tokens(batch["key_emb"], batch["value_emb"])  # {l: (B, M, H, d)}
        prior = None
        if "prior_sim" in batch:
            prior = self.adapters.prior_weight * batch["prior_sim"]  # (B, M); rows without prior are 0
        state = attention.KBState(keys=keys, values=values, kb_mask=batch["kb_mask"], prior=prior,
                                  keep_logits=retrieval_weight > 0)
        with attention.kb_context(state):
            hidden = model.model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"],
                                 use_cache=False).last_hidden_state  # (B, T, hidden)
        labels = batch["labels"][:, 1:]  # token t predicts label t + 1
        scored = labels != -100  # the vocabulary projection only where the loss needs it
        logits = model.lm_head(hidden[:, :-1][scored]).float()  # (N_answer, V)
        lm_loss = nn.functional.cross_entropy(logits, labels[scored])
        losses = {"lm": lm_loss}
        if retrieval_weight > 0 and state.logits:
            losses["retrieval"] = self.retrieval_loss(state, batch)
            losses["loss"] = lm_loss + retrieval_weight * losses["retrieval"]
        else:
            losses["loss"] = lm_loss
        return losses

    def retrieval_loss(self, state: attention.KBState, batch: dict[str, torch.Tensor]) -> torch.Tensor:
        """Cross-entropy of question-averaged, head-averaged KB logits toward the true triple(s), every KB layer."""
        qmask = question_mask(batch, self.question_offset)  # (B, T)
        targets = batch["target_mask"]  # (B, M) True at true triples
        answerable = targets.any(dim=-1)
        if not bool(answerable.any()):
            return torch.zeros((), device=qmask.device)
        total = 0.0
        for logits in state.logits.values():  # (B, T, M)
            pooled = (logits * qmask[..., None]).sum(1) / qmask.sum(1, keepdim=True).clamp_min(1)  # (B, M)
            pooled = pooled.masked_fill(~batch["kb_mask"], -1e9)
            logp = pooled.log_softmax(-1)
            true_logp = logp.masked_fill(~targets, -1e9).logsumexp(-1)  # (B,)
            total = total - true_logp[answerable].mean()
        return total / len(state.logits)


def question_mask(batch: dict[str, torch.Tensor], question_offset: int) -> torch.Tensor:
    """(B, T) float: prompt tokens after the shared chat-template prefix (system prompt and user header)."""
    attn = batch["attention_mask"]
    position = attn.cumsum(-1) - 1  # position of each real token (left padding)
    prompt = (batch["labels"] == -100) & (attn == 1)
    first_answer = torch.where(batch["labels"] != -100, position, torch.full_like(position, 10**9)).amin(-1)
    return (prompt & (position >= question_offset) & (position < first_answer[:, None] - 3)).float()


def shared_prefix_tokens(tokenizer) -> int:
    """Number of tokens every chat-templated question prompt starts with."""
    from .prompting import render_prompt

    a = tokenizer(render_prompt(tokenizer, "alpha question"), add_special_tokens=False)["input_ids"]
    b = tokenizer(render_prompt(tokenizer, "zeta query"), add_special_tokens=False)["input_ids"]
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


class BatchBuilder:
    """Samples → padded tensors: tokens (left padding), per-sample KB embeddings padded to the batch's max M,
    KB mask, target mask, and the prior similarity for prior/grounded samples."""

    def __init__(self, cfg: TrainConfig, triples: list[Triple], embeddings: TripleEmbeddings, tokenizer,
                 encoder: Encoder, rank: int = 0) -> None:
        from .samples import TriplePool

        self.cfg, self.emb, self.tok, self.encoder = cfg, embeddings, tokenizer, encoder
        self.pool = TriplePool(triples)
        self.rank = rank
        self.question_cache = EmbeddingCache(max_entries=200_000)

    def rng_for(self, step: int) -> random.Random:
        return random.Random(self.cfg.seed * 1_000_003 + self.rank * 10_007 + step)

    def build(self, step: int, micro: int = 0) -> dict[str, torch.Tensor]:
        from .samples import collate, make_sample, tokenize_sample

        rng = self.rng_for(step * self.cfg.grad_accum + micro)
        modes = list(self.cfg.mode_mix)
        weights = [self.cfg.mode_mix[m] for m in modes]
        samples, rows, sample_modes = [], [], []
        for _ in range(self.cfg.batch_size):
            mode = rng.choices(modes, weights)[0]
            sample = make_sample(self.pool, rng, kb_size=self.cfg.kb_size,
                                 context_k=self.cfg.context_k if mode == "grounded" else None)
            samples.append(sample)
            sample_modes.append(mode)
            rows.append(tokenize_sample(self.tok, sample, max_length=self.cfg.max_length))
        batch = collate(rows, self.tok.pad_token_id, padding_side="left")
        m = max(len(s.kb) for s in samples)
        dim = self.emb.keys.shape[1]
        b = len(samples)
        key_emb, value_emb = torch.zeros(b, m, dim), torch.zeros(b, m, dim)
        kb_mask = torch.zeros(b, m, dtype=torch.bool)
        target_mask = torch.zeros(b, m, dtype=torch.bool)
        prior_sim = torch.zeros(b, m)
        q_emb = torch.from_numpy(self.question_cache.encode(self.encoder, [s.question for s in samples]))
        for i, s in enumerate(samples):
            k, v = self.emb.lookup(s.kb)
            n = len(s.kb)
            key_emb[i, :n], value_emb[i, :n], kb_mask[i, :n] = k, v, True
            target_mask[i, s.targets] = True
            if sample_modes[i] != "kblam":
                prior_sim[i, :n] = nn.functional.cosine_similarity(k, q_emb[i][None], dim=-1)
        batch.update(key_emb=key_emb, value_emb=value_emb, kb_mask=kb_mask, target_mask=target_mask,
                     prior_sim=prior_sim)
        batch.pop("targets", None)
        return batch


def load_training_triples(cfg: TrainConfig) -> tuple[list[Triple], list[Triple]]:
    if cfg.kb_file:
        from .kb import KnowledgeBase

        triples = list(KnowledgeBase.from_file(cfg.kb_file))
        return triples, []
    from .synthetic import SyntheticConfig, generate_kb

    return generate_kb(SyntheticConfig(n_entities=cfg.n_entities, seed=cfg.seed))


class CheckpointManager:
    """``out_dir/checkpoint``: adapters (safetensors + meta.json), optimiser state and the step, written
    atomically (a crash mid-save leaves the previous checkpoint intact)."""

    def __init__(self, out_dir: Path) -> None:
        self.dir = out_dir / "checkpoint"

    def save(self, adapters: KBAdapters, optimizer, step: int, cfg: TrainConfig) -> None:
        tmp = self.dir.with_name("checkpoint.tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        adapters.save(tmp, trained_steps=step, train_config=asdict(cfg))
        torch.save({"optimizer": optimizer.state_dict(), "step": step}, tmp / "trainer_state.pt")
        old = self.dir.with_name("checkpoint.old")
        shutil.rmtree(old, ignore_errors=True)
        if self.dir.exists():
            self.dir.rename(old)
        tmp.rename(self.dir)
        shutil.rmtree(old, ignore_errors=True)

    def load(self, adapters: KBAdapters, optimizer) -> int:
        if not (self.dir / "trainer_state.pt").is_file():
            return 0
        loaded = KBAdapters.load(self.dir)
        adapters.load_state_dict(loaded.state_dict())
        state = torch.load(self.dir / "trainer_state.pt", weights_only=False)
        optimizer.load_state_dict(state["optimizer"])
        return int(state["step"])


def train(cfg: TrainConfig, *, resume: bool = True, stop=None, on_log=None, backbone: Backbone | None = None,
          encoder: Encoder | None = None) -> Path:
    """Train adapters; returns the folder of the final adapters (``out_dir/adapters``).

    ``stop``: an object with ``is_set()`` (e.g. threading.Event) checked every step; ``on_log(record)`` gets
    each log record (the app's live loss plot)."""
    from accelerate import Accelerator
    from tqdm import tqdm

    if cfg.threads:
        torch.set_num_threads(cfg.threads)
    out = Path(cfg.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    accelerator = Accelerator(gradient_accumulation_steps=cfg.grad_accum)
    torch.manual_seed(cfg.seed)
    backbone = backbone or load_backbone(cfg.backbone, quantize=cfg.quantize, device=str(accelerator.device),
                                         precision="fp32")  # adapters learn against the full-precision backbone
    encoder = encoder or load_encoder(cfg.encoder)
    train_triples, val_triples = load_training_triples(cfg)
    emb = TripleEmbeddings(train_triples, encoder, out / "train_embeddings.safetensors")
    adapter_cfg = AdapterConfig.for_backbone(backbone.model, backbone.model_id, encoder.id, encoder.dim,
                                             layer_frequency=cfg.layer_frequency,
                                             prior_weight=cfg.prior_weight_init)
    adapters = KBAdapters(adapter_cfg)
    adapters.init_query_heads_from(backbone.model)
    adapters.prior_weight.requires_grad_(cfg.learn_prior)
    adapters.to(accelerator.device)
    trainer = KBLaMTrainer(backbone, adapters, shared_prefix_tokens(backbone.tokenizer))
    params = [p for p in adapters.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=cfg.lr, weight_decay=0.0)
    ckpt = CheckpointManager(out)
    start = ckpt.load(adapters, optimizer) if resume else 0
    if start:
        log.info("resuming from step %d", start)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: cosine_lr(s, cfg), last_epoch=-1)
    with warnings.catch_warnings():  # fast-forward the schedule to the resumed step
        warnings.simplefilter("ignore", UserWarning)
        for _ in range(start):
            scheduler.step()
    trainer, optimizer = accelerator.prepare(trainer, optimizer)
    builder = BatchBuilder(cfg, train_triples, emb, backbone.tokenizer, encoder, rank=accelerator.process_index)
    log_file = (out / "train_log.jsonl").open("a")
    (out / "train_config.json").write_text(json.dumps(asdict(cfg), indent=2) + "\n")
    bar = tqdm(total=cfg.steps, initial=start, desc="training", disable=not accelerator.is_main_process)
    step, t0 = start, time.perf_counter()
    grad_mode = torch.is_grad_enabled()
    torch.set_grad_enabled(True)  # callers (UI threads, tests) may have turned autograd off
    try:
        while step < cfg.steps:
            if stop is not None and stop.is_set():
                log.info("stop requested at step %d", step)
                break
            totals: dict[str, float] = {}
            for micro in range(cfg.grad_accum):
                batch = {k: v.to(accelerator.device) for k, v in builder.build(step, micro).items()}
                with accelerator.accumulate(trainer):
                    losses = trainer(batch, retrieval_weight=cfg.retrieval_loss_weight)
                    accelerator.backward(losses["loss"])
                    if accelerator.sync_gradients:
                        accelerator.clip_grad_norm_(params, 1.0)
                    optimizer.step()
                    optimizer.zero_grad()
                for k, v in losses.items():
                    totals[k] = totals.get(k, 0.0) + float(v.detach()) / cfg.grad_accum
            scheduler.step()
            step += 1
            bar.update(1)
            bar.set_postfix(loss=f"{totals['loss']:.3f}", lm=f"{totals['lm']:.3f}")
            if accelerator.is_main_process and (step % cfg.log_every == 0 or step == cfg.steps):
                record = {"step": step, "lr": scheduler.get_last_lr()[0], "elapsed_s": time.perf_counter() - t0,
                          "prior_weight": float(adapters.prior_weight.detach()), **totals}
                log_file.write(json.dumps(record) + "\n")
                log_file.flush()
                if on_log:
                    on_log(record)
            if accelerator.is_main_process and step % cfg.checkpoint_every == 0:
                ckpt.save(accelerator.unwrap_model(trainer).adapters, optimizer, step, cfg)
            if accelerator.is_main_process and val_triples and cfg.eval_every and step % cfg.eval_every == 0:
                _log_retrieval(backbone, encoder, adapters, val_triples, step, log_file, on_log)
    finally:
        torch.set_grad_enabled(grad_mode)
        bar.close()
        if accelerator.is_main_process:
            ckpt.save(accelerator.unwrap_model(trainer).adapters, optimizer, step, cfg)
            final = out / "adapters"
            adapters.save(final, trained_steps=step, train_config=asdict(cfg))
        log_file.close()
    return out / "adapters"


def _log_retrieval(backbone, encoder, adapters, val_triples, step, log_file, on_log) -> None:
    from .evaluate import retrieval_accuracy

    adapters.eval()
    with torch.no_grad():
        acc = retrieval_accuracy(backbone, encoder, adapters, val_triples, kb_size=100, n_questions=40, seed=1)
    adapters.train()
    record = {"step": step, "eval": acc}
    log.info("step %d: retrieval %s", step, acc)
    log_file.write(json.dumps(record) + "\n")
    log_file.flush()
    if on_log:
        on_log(record)


def register_cli(sub) -> None:
    """``python -m kblam train``."""
    p = sub.add_parser("train", help="train KBLaM adapters (checkpoints and resumes)")
    defaults = TrainConfig()
    p.add_argument("--out", default=defaults.out_dir, help="run folder (checkpoints, log, final adapters)")
    p.add_argument("--backbone", default=defaults.backbone, help="backbone alias, Hub id or folder")
    p.add_argument("--encoder", default=defaults.encoder, help="sentence encoder")
    p.add_argument("--quantize", default=defaults.quantize, choices=["auto", "none", "4bit"], help="4-bit NF4")
    p.add_argument("--kb", help="train on this KB file instead of the synthetic KB")
    p.add_argument("--steps", type=int, default=defaults.steps, help="optimizer steps")
    p.add_argument("--batch-size", type=int, default=defaults.batch_size, help="samples per micro-batch")
    p.add_argument("--grad-accum", type=int, default=defaults.grad_accum, help="gradient accumulation")
    p.add_argument("--lr", type=float, default=defaults.lr, help="peak learning rate (cosine decay)")
    p.add_argument("--retrieval-loss", type=float, default=defaults.retrieval_loss_weight,
                   help="weight of the auxiliary retrieval loss (0 = the paper's objective only)")
    p.add_argument("--checkpoint-every", type=int, default=defaults.checkpoint_every, help="steps")
    p.add_argument("--eval-every", type=int, default=defaults.eval_every, help="steps (0 = never)")
    p.add_argument("--seed", type=int, default=defaults.seed, help="data and init seed")
    p.add_argument("--threads", type=int, default=None, help="torch CPU threads")
    p.add_argument("--no-resume", action="store_true", help="start over even if a checkpoint exists")
    p.set_defaults(func=_cmd_train)


def _cmd_train(args) -> int:
    cfg = TrainConfig(out_dir=args.out, backbone=args.backbone, encoder=args.encoder, quantize=args.quantize,
                      kb_file=args.kb, steps=args.steps, batch_size=args.batch_size, grad_accum=args.grad_accum,
                      lr=args.lr, retrieval_loss_weight=args.retrieval_loss, checkpoint_every=args.checkpoint_every,
                      eval_every=args.eval_every, seed=args.seed, threads=args.threads)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):  # finish the step, write a checkpoint, exit cleanly
        signal.signal(sig, lambda *_: stop.set())
    print(train(cfg, resume=not args.no_resume, stop=stop))
    return 0


def export_adapters(src: str | Path, dst: str | Path, *, dtype: torch.dtype = torch.float16,
                    report: str | Path | None = None) -> Path:
    """Copy trained adapters for shipping (fp16 by default). With an evaluation ``report``, store the best
    evidence layer and the calibrated refusal threshold in meta.json, where the engine reads its defaults."""
    adapters = KBAdapters.load(src)
    extra = {}
    if report:
        data = json.loads(Path(report).read_text())
        if data.get("best_layer") is not None:
            extra["best_layer"] = int(data["best_layer"])
        if data.get("calibration"):
            extra["refusal_threshold"] = float(data["calibration"]["threshold"])
            extra["refusal_score"] = data["calibration"].get("score", "cosine")
    out = Path(dst)
    shutil.rmtree(out, ignore_errors=True)
    return adapters.save(out, dtype=dtype, **extra)


def register_export_cli(sub) -> None:
    p = sub.add_parser("export-adapters", help="copy trained adapters for shipping (fp16, with eval defaults)")
    p.add_argument("src", help="adapters folder (e.g. RUN/adapters or RUN/checkpoint)")
    p.add_argument("dst", help="destination folder (kblam/weights/smollm2-minilm for the shipped default)")
    p.add_argument("--report", help="evaluation report.json: stores best_layer and refusal_threshold")
    p.add_argument("--fp32", action="store_true", help="keep fp32 instead of fp16")
    p.set_defaults(func=lambda a: print(export_adapters(a.src, a.dst, report=a.report,
                                                        dtype=torch.float32 if a.fp32 else torch.float16)) or 0)
