"""Chat prompts shared by training, inference and evaluation, so that both sides use the same template."""

from __future__ import annotations

from collections.abc import Sequence

import torch

from .kb import Triple

REFUSAL = "I am sorry I cannot find relevant information in the KB."

# Short on purpose: it is part of every training sample, and CPU training cost grows with prompt length.
SYSTEM_PROMPT = "Answer from the knowledge base."


def facts_block(triples: Sequence[Triple]) -> str:
    """Triples rendered as text (the `grounded` mode, in-context and RAG baselines)."""
    return "\n".join(f"- The {t.property} of {t.name} is {t.value}." for t in triples)


def build_messages(question: str, *, context: Sequence[Triple] | None = None,
                   system: str | None = SYSTEM_PROMPT) -> list[dict[str, str]]:
    """Messages for one question; `context` triples, when given, are written into the user turn."""
    messages: list[dict[str, str]] = []
    if system:
        messages.append({"role": "system", "content": system})
    user = question
    if context:
        user = f"Knowledge base facts:\n{facts_block(context)}\n\nQuestion: {question}"
    messages.append({"role": "user", "content": user})
    return messages


def render_prompt(tokenizer, question: str, *, context: Sequence[Triple] | None = None,
                  system: str | None = SYSTEM_PROMPT) -> str:
    """The chat-templated prompt text, ending with the assistant generation prompt."""
    messages = build_messages(question, context=context, system=system)
    return tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)


def is_refusal(text: str) -> bool:
    """True when the answer is the refusal sentence (tolerant of case, whitespace and final punctuation)."""
    norm = " ".join(text.strip().lower().split()).rstrip(".!")
    return norm.startswith(REFUSAL.lower().rstrip("."))


def normalise(text: str) -> str:
    """Lower case, whitespace collapsed: how answers are compared with values."""
    return " ".join(text.lower().split())


def _loose(text: str) -> str:
    return normalise(text).rstrip(".")


class CoverValues:
    """A logits processor for the ``grounded`` mode: when the model wants to end its answer while the value
    of a triple matched to the question is still missing and its entity not even named, it is made to go on
    with that triple's answer sentence opening ("The {property} of {name} is") and then continues freely, so
    it copies the value from the facts in its prompt. A small model asked two things often stops after the
    first. An entity the answer already talks about is left alone (no second try at a value), and each
    opening is forced at most once, so the answer always ends."""

    def __init__(self, tokenizer, triples: Sequence[Triple], stop_ids: Sequence[int]) -> None:
        self.tokenizer, self.stop_ids = tokenizer, list(stop_ids)
        self.pending = [t for t in triples if t.value.strip()]
        self.queue: list[int] = []
        self.start: int | None = None

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        if self.start is None:
            self.start = input_ids.shape[1]
        if not self.queue:
            if not self.pending or not self.stop_ids or int(scores[0].argmax()) not in self.stop_ids:
                return scores
            text = _loose(self.tokenizer.decode(input_ids[0, self.start:], skip_special_tokens=True))
            self.pending = [t for t in self.pending
                            if _loose(t.value) not in text and _loose(t.name) not in text]
            if not self.pending:
                return scores
            t = self.pending.pop(0)
            self.queue = self.tokenizer.encode(f" The {t.property} of {t.name} is", add_special_tokens=False)
        forced = self.queue.pop(0)
        scores[:] = float("-inf")
        scores[:, forced] = 0.0
        return scores
