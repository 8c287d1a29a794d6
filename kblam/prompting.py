"""Chat prompts shared by training, inference and evaluation, so that both sides use the same template."""

from __future__ import annotations

from collections.abc import Sequence

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
