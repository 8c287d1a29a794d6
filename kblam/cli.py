"""``python -m kblam``: encode a KB, ask questions, train adapters, evaluate.

stdout carries the result alone (the answer text, or JSON with ``--json``); progress bars, logs and evidence go
to stderr. Exit 0 on success, 1 with a one-line reason on failure, 2 on bad usage."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from collections.abc import Callable

from studio_core.defaults import DEFAULT_BACKBONE, DEFAULT_ENCODER

from .errors import StudioError

log = logging.getLogger("kblam")


def _progress_bar(desc: str) -> tuple[Callable[[int, int], None], Callable[[], None]]:
    from tqdm import tqdm

    bar = tqdm(total=0, desc=desc, unit="str", file=sys.stderr, leave=False)

    def update(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    return update, bar.close


def _add_model_options(p: argparse.ArgumentParser) -> None:
    env = os.environ.get
    p.add_argument("--backbone", default=env("KBLAM_BACKBONE", DEFAULT_BACKBONE),
                   help="backbone: 'smollm2' (embedded default), a Hub id or a folder [env KBLAM_BACKBONE]")
    p.add_argument("--encoder", default=env("KBLAM_ENCODER", DEFAULT_ENCODER),
                   help="sentence encoder name/path or openai:MODEL [env KBLAM_ENCODER]")
    p.add_argument("--encoder-base-url", default=env("KBLAM_ENCODER_BASE_URL"),
                   help="base URL of an OpenAI-compatible embeddings endpoint [env KBLAM_ENCODER_BASE_URL]")
    p.add_argument("--adapters", default=env("KBLAM_ADAPTERS", "default"),
                   help="'default' (shipped), a folder, or 'none' for untrained adapters [env KBLAM_ADAPTERS]")
    p.add_argument("--quantize", choices=["auto", "none", "4bit"], default=env("KBLAM_QUANTIZE", "auto"),
                   help="4-bit NF4 loading (auto: 4-bit for 8B models on CUDA) [env KBLAM_QUANTIZE]")
    p.add_argument("--device", default=env("KBLAM_DEVICE"), help="cpu, cuda, cuda:1 … [env KBLAM_DEVICE]")
    p.add_argument("--precision", choices=["auto", "fp32", "bf16", "int8"], default=env("KBLAM_PRECISION", "auto"),
                   help="backbone weights on CPU: fp32, bf16 or dynamic int8 (auto: the measured default) "
                        "[env KBLAM_PRECISION]")


def _load_engine(args):
    from .encoder import load_encoder
    from .engine import KBLaM, resolve_adapters
    from .models import load_backbone

    backbone = load_backbone(args.backbone, quantize=args.quantize, device=args.device, precision=args.precision)
    encoder = load_encoder(args.encoder, base_url=args.encoder_base_url)
    adapters = None if args.adapters == "none" else args.adapters
    return KBLaM(backbone, encoder, resolve_adapters(adapters, backbone, encoder))


def _load_kb(path: str):
    from .kb import KnowledgeBase

    kb = KnowledgeBase.from_file(path)
    if kb.duplicates_removed:
        log.info("%s: %d duplicate triples removed", path, kb.duplicates_removed)
    return kb


def cmd_encode(args) -> int:
    from .encoder import encode_kb, load_encoder

    kb = _load_kb(args.kb_file)
    encoder = load_encoder(args.encoder, base_url=args.encoder_base_url)
    update, close = _progress_bar("encoding")
    start = time.perf_counter()
    encoded = encode_kb(list(kb), encoder, progress=update)
    close()
    out = args.out or os.path.splitext(args.kb_file)[0] + ".encoded"
    encoded.save(out)
    elapsed = time.perf_counter() - start
    print(out)
    log.info("encoded %d triples with %s in %.2f s (%.0f triples/s)", len(kb), encoder.id, elapsed,
             len(kb) / max(elapsed, 1e-9))
    return 0


def cmd_ask(args) -> int:
    from .engine import Answer, ChatSettings

    settings = ChatSettings(mode=args.mode, max_new_tokens=args.max_new_tokens, do_sample=args.sample,
                            temperature=args.temperature, top_k=args.top_k, length_scale=args.length_scale,
                            refusal_threshold=args.refusal_threshold)
    triples = list(_load_kb(args.kb)) if args.kb else []
    engine = _load_engine(args)
    update, close = _progress_bar("encoding")
    encoded = engine.encode(triples, progress=update)
    close()
    final = None
    for item in engine.stream(args.question, encoded, settings):
        if isinstance(item, Answer):
            final = item
        elif not args.json:
            sys.stdout.write(item)
            sys.stdout.flush()
    if args.json:
        print(json.dumps(final.as_dict(), ensure_ascii=False))
    else:
        sys.stdout.write("\n")
        status = "refused" if final.refused else "answered"
        print(f"[{status}; mode {final.mode}; evidence at layer {final.layer}]", file=sys.stderr)
        for e in final.evidence:
            t = e.triple
            print(f"  {e.score:.3f}  ({t.name} | {t.property} | {t.value})", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    from .engine import MODES

    parser = argparse.ArgumentParser(prog="python -m kblam", description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging on stderr")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("encode", help="encode a KB file into knowledge-token embeddings (safetensors + meta)")
    p.add_argument("kb_file", help="KB file: CSV, TSV, JSON or JSONL with name, property, value")
    p.add_argument("--out", help="output folder (default: KB_FILE without extension + .encoded)")
    _add_model_options(p)
    p.set_defaults(func=cmd_encode)

    p = sub.add_parser("ask", help="answer a question from a KB (answer on stdout, evidence on stderr)")
    p.add_argument("question")
    p.add_argument("--kb", help="KB file (CSV, TSV, JSON, JSONL); none = empty KB")
    p.add_argument("--mode", choices=MODES, default=os.environ.get("KBLAM_MODE", "grounded"),
                   help="kblam | kblam+prior | grounded [env KBLAM_MODE]")
    p.add_argument("--max-new-tokens", type=int, default=96, help="generation budget")
    p.add_argument("--sample", action="store_true", help="sample instead of greedy decoding")
    p.add_argument("--temperature", type=float, default=0.7, help="sampling temperature (with --sample)")
    p.add_argument("--top-k", type=int, default=5, help="evidence triples to report")
    p.add_argument("--length-scale", type=float, default=100.0, help="C in the log C - log M KB logit shift")
    p.add_argument("--refusal-threshold", type=float, default=None,
                   help="refuse below this question/KB match score (default: the calibrated one; <= 0: off)")
    p.add_argument("--json", action="store_true", help="print a JSON object (answer, refusal, evidence, timings)")
    _add_model_options(p)
    p.set_defaults(func=cmd_ask)

    for register in _extra_commands():
        register(sub)
    return parser


def _extra_commands():
    """Subcommands defined next to their implementation (training, evaluation)."""
    registrars = []
    for module in ("train", "evaluate"):
        try:
            mod = __import__(f"kblam.{module}", fromlist=["register_cli"])
        except ImportError as exc:
            if exc.name and exc.name.startswith("kblam."):
                continue
            raise
        registrars += [getattr(mod, name) for name in ("register_cli", "register_export_cli") if hasattr(mod, name)]
    return registrars


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "sentence_transformers", "transformers", "urllib3", "filelock"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        return args.func(args)
    except (StudioError, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
