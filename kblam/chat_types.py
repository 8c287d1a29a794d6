"""What goes into and comes out of one knowledge-chat question: :class:`ChatSettings` (mode and decoding
options, one source of defaults for the API, CLI and app), :class:`Answer` with its :class:`Evidence`, and
:class:`ChatResult` for a plain chat. Re-exported by :mod:`kblam.engine`, which produces them."""

from __future__ import annotations

from dataclasses import dataclass, field

from .kb import Triple

MODES = ("kblam", "kblam+prior", "grounded")
GROUNDED_TEXT = "grounded-text"  # the mode that runs instead of any of MODES when the adapters were never trained


@dataclass
class ChatSettings:
    """Decoding and KB options of one question. One source of defaults for the API, CLI and app."""

    mode: str = "grounded"
    max_new_tokens: int = 96
    do_sample: bool = False
    temperature: float = 0.7
    top_p: float = 0.9
    length_scale: float | None = 100.0  # C in log C - log M; None disables the shift
    evidence_layer: int | None = None  # None: the adapters' best layer (from evaluation) or the middle KB layer
    top_k: int = 5  # evidence triples reported
    grounded_k: int = 3  # triples written into the prompt in grounded mode
    prior_weight: float | None = None  # None: the adapters' learned/set weight
    refusal_threshold: float | None = None  # refuse below this question/KB match score (None: adapters' value)
    cover_values: bool = True  # grounded: do not end before every matched value is stated
    copy_values: bool = True  # grounded: an evidence value the answer starts is copied byte for byte (decoding.py)
    lead_with_value: bool = True  # grounded with matched triples: the answer opens with the first one's answer
    # opening ("The altitude of X is" + its copied value), each sentence after a copied value opens the next
    # matched triple not yet stated, and the sentence that states the last one ends the answer
    stop_repetition: bool = True  # end the answer when it repeats a line or loops on an n-gram
    bound_length: bool = True  # grounded with matched triples: at most the tokens their answer needs (+ slack)
    # grounded with matched triples (bound_length): a budget of max_new_tokens grows to what stating their values
    # needs, up to this many tokens (a 128-digit hex digest is ~100 tokens); 0 keeps max_new_tokens a hard limit, as
    # when an API client sets max_tokens
    value_tokens: int = 512
    inject_untrained: bool = False  # adapters never trained: inject their knowledge tokens anyway (plumbing tests
    # and research only; by default such a backbone answers in ``grounded-text`` mode, see KBLaM.stream)
    matched_context: bool = True  # grounded: only the matched triples in the prompt when there are any
    relevance_threshold: float | None = None  # grounded: match score for a triple to count as asked for
    # (None: the refusal threshold in force, else the calibrated one, else matching.DEFAULT_THRESHOLD)

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, got {self.mode!r}")
        if self.max_new_tokens < 1 or self.top_k < 0 or self.grounded_k < 1 or self.value_tokens < 0:
            raise ValueError(f"invalid settings: max_new_tokens={self.max_new_tokens}, top_k={self.top_k}, "
                             f"grounded_k={self.grounded_k}, value_tokens={self.value_tokens}")


@dataclass
class Evidence:
    index: int
    triple: Triple
    score: float


@dataclass
class Answer:
    text: str
    refused: bool
    evidence: list[Evidence]
    mode: str
    attention: list[float] = field(default_factory=list)  # KB attention at the evidence layer, KB order
    layer: int | None = None
    timings: dict[str, float] = field(default_factory=dict)
    # why the mode that ran differs from the one asked for (untrained adapters), or which entity was assumed when
    # a name in the question was not exact (that part also opens `text`)
    note: str = ""
    question: str = ""  # the question as matched and asked (a follow-up resolved against earlier turns)
    budget: int = 0  # the most tokens the answer's generation could write (0: nothing was generated)

    def as_dict(self) -> dict:
        return {"answer": self.text, "refused": self.refused, "mode": self.mode, "layer": self.layer,
                "note": self.note, "question": self.question,
                "evidence": [{"index": e.index, **e.triple.as_dict(), "score": e.score} for e in self.evidence],
                "timings": self.timings}


@dataclass
class ChatResult:
    """The end of a plain chat (a message list, no knowledge tokens)."""

    text: str
    prompt_tokens: int
    completion_tokens: int
    finish_reason: str  # "length" when it stopped at max_new_tokens, else "stop"
    timings: dict[str, float] = field(default_factory=dict)

    def usage(self) -> dict[str, int]:
        return {"prompt_tokens": self.prompt_tokens, "completion_tokens": self.completion_tokens,
                "total_tokens": self.prompt_tokens + self.completion_tokens}
