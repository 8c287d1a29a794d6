"""Chat as the app offers it, shared by the chat tab, the ``/v1`` API and the CLI: plain chat (a message list,
the stock model) and KB chat (a question against an encoded KB), both on the engine's one generation loop
(:meth:`~kblam.engine.KBLaM.stream` and :meth:`~kblam.engine.KBLaM.stream_chat`), each ending with a
:class:`Reply` that carries the finish reason and token usage. Also the settings parser and the in-context
baseline's prompt."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from . import prompting
from .encoder import EncodedKB
from .engine import Answer, ChatResult, ChatSettings, KBLaM
from .errors import LimitError
from .kb import Triple


@dataclass
class Reply:
    """The end of one chat reply: its text, why it ended, token usage and, for KB chat, the engine's answer
    (refusal flag, evidence, timings) and the KB size."""

    text: str
    finish_reason: str  # "length" | "stop"
    usage: dict[str, int]
    answer: Answer | None = None
    kb_size: int = 0


def settings_from(values: Mapping[str, Any] | None, base: ChatSettings | None = None) -> ChatSettings:
    """ChatSettings from a mapping of field names (API ``extra_body``, UI controls); unknown keys and bad values
    raise ValueError naming them."""
    allowed = {f.name for f in dataclasses.fields(ChatSettings)}
    values = dict(values or {})
    unknown = sorted(set(values) - allowed)
    if unknown:
        raise ValueError(f"unknown setting(s) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}")
    try:
        return dataclasses.replace(base or ChatSettings(), **values)
    except TypeError as exc:
        raise ValueError(f"invalid settings: {exc}") from exc


def plain_reply(engine: KBLaM, messages: Sequence[Mapping[str, str]], *, max_new_tokens: int = 256,
                temperature: float | None = None, top_p: float | None = None, seed: int | None = None,
                max_prompt_tokens: int | None = None) -> Iterator[str | Reply]:
    """Plain chat with the stock model: text pieces, then a :class:`Reply`. LimitError (before generating) when
    the prompt is longer than ``max_prompt_tokens``."""
    if max_prompt_tokens is not None:
        prompt_tokens = engine.count_tokens(engine.render_messages(messages))
        if prompt_tokens > max_prompt_tokens:
            raise LimitError(f"the prompt is {prompt_tokens} tokens; the limit is {max_prompt_tokens} "
                             f"(max_prompt_tokens)", limit="max_prompt_tokens")
    stream = engine.stream_chat(messages, max_new_tokens=max_new_tokens, temperature=temperature, top_p=top_p,
                                seed=seed)
    for item in stream:
        if isinstance(item, ChatResult):
            yield Reply(item.text, item.finish_reason, item.usage())
        else:
            yield item


def check_prompt_length(engine: KBLaM, text: str, limit: int, what: str = "question") -> int:
    """The token count of ``text``; LimitError naming ``max_prompt_tokens`` when it is over ``limit``. A text far
    over the limit is refused by its length alone (no tokenizer run on megabytes)."""
    if len(text) > limit * 16:
        raise LimitError(f"the {what} is {len(text)} characters, far over the limit of {limit} tokens "
                         "(max_prompt_tokens)", limit="max_prompt_tokens")
    tokens = engine.count_tokens(text)
    if tokens > limit:
        raise LimitError(f"the {what} is {tokens} tokens; the limit is {limit} (max_prompt_tokens)",
                         limit="max_prompt_tokens")
    return tokens


def kb_reply(engine: KBLaM, conversation: str | Sequence[dict], kb: EncodedKB, settings: ChatSettings
             ) -> Iterator[str | Reply]:
    """KB chat: text pieces, then a :class:`Reply` whose ``answer`` has the refusal flag and the evidence.
    ``conversation``: a question or chat messages (a follow-up is resolved against the earlier turns)."""
    for item in engine.stream(conversation, kb, settings):
        if isinstance(item, Answer):
            usage = usage_of_answer(engine, item.question, item, None)
            finish = "length" if usage["completion_tokens"] >= (item.budget or settings.max_new_tokens) else "stop"
            yield Reply(item.text, finish, usage, item, len(kb))
        else:
            yield item


def in_context_messages(engine: KBLaM, question: str, triples: Sequence[Triple], max_new_tokens: int
                        ) -> list[dict[str, str]]:
    """The in-context baseline: every triple written into the prompt. LimitError when that does not fit the
    backbone's context window with room for the answer."""
    messages = prompting.build_messages(question, context=list(triples))
    window = int(getattr(engine.backbone.model.config, "max_position_embeddings", 2048))
    needed = engine.count_tokens(engine.render_messages(messages)) + max_new_tokens
    if needed > window:
        raise LimitError(f"{len(triples)} triples as text need {needed} tokens; the context window is {window}",
                         limit="context_window")
    return messages


def usage_of_answer(engine: KBLaM, question: str, answer: Answer, context: Sequence[Triple] | None) -> dict:
    """Approximate token counts of a KB answer (prompt as rendered for the mode, answer re-tokenised)."""
    if answer.mode == "grounded" and context is None:
        context = [e.triple for e in answer.evidence[:engine.settings.grounded_k]]
    prompt = prompting.render_prompt(engine.backbone.tokenizer, question, context=context or None)
    prompt_tokens, completion = engine.count_tokens(prompt), engine.count_tokens(answer.text)
    return {"prompt_tokens": prompt_tokens, "completion_tokens": completion,
            "total_tokens": prompt_tokens + completion}
