"""The knowledge-chat engine: a frozen backbone + encoder + adapters that answers questions from a KB,
refuses when the KB lacks the answer, and reports the triples it attended to.

Modes: ``kblam`` (knowledge tokens only, the paper), ``kblam+prior`` (plus the encoder-similarity prior on the
KB logits), ``grounded`` (the top-k attended triples, and the triple of each entity the question names, are also
written into the prompt so exact values survive; the prompt grows by k triples whatever the KB size, and the
answer may not end before it states every value the question was matched to). Wherever triples are in the
prompt, the values the answer states are copied from them byte for byte and loops are ended (:mod:`.decoding`).
Adapters that were never trained are never injected: such a backbone answers in ``grounded-text`` mode (text
matching, triples in the prompt, no knowledge tokens) and the :class:`Answer` says so.

A conversation (a question or chat messages) is first reduced to one standalone question
(:func:`conversation.resolve`: follow-ups take the entity or property of earlier turns).

Refusal, in every mode: the question is scored against the KB by :func:`matching.match_question` (entity
names found in the question, also with small typos; property compared with the names masked) and refused below
a threshold (the adapters' if calibrated on this score, else :data:`matching.CALIBRATED` for the encoder), or
when it names a near miss of a KB entity; the refusal then says why."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

import torch

from . import attention, batching, candidates, decoding, matching, prompting
from . import conversation as chat
from .adapters import SHIPPED_ADAPTERS, Attachment, KBAdapters, attach, resolve_adapters  # noqa: F401 - API
from .chat_types import GROUNDED_TEXT, MODES, Answer, ChatResult, ChatSettings, Evidence  # noqa: F401 - API
from .encoder import DEFAULT_ENCODER, EmbeddingCache, EncodedKB, Encoder, encode_kb, load_encoder
from .kb import Triple
from .matcher_model import load_matcher_encoder
from .models import DEFAULT_BACKBONE, Backbone, load_backbone

log = logging.getLogger(__name__)



class KBLaM:
    """One loaded model stack. Thread-safe for concurrent questions: each call sets its own KB context.

    A KB of more than ``exhaustive_max`` triples is narrowed per question to about ``num_candidates`` knowledge
    tokens before the rectangular attention (:mod:`.candidates`)."""

    exhaustive_max: int = candidates.EXHAUSTIVE_MAX
    num_candidates: int = candidates.NUM_CANDIDATES

    def __init__(self, backbone: Backbone, encoder: Encoder, adapters: KBAdapters,
                 settings: ChatSettings | None = None) -> None:
        self.backbone, self.encoder, self.adapters = backbone, encoder, adapters
        # compares questions with properties (:mod:`matching`): MiniLM fine-tuned on paraphrases when the KB
        # encoder is MiniLM (:mod:`matcher_model`), else the KB encoder itself
        self.matcher: Encoder = load_matcher_encoder(encoder)
        self.settings = settings or ChatSettings()
        self.cache = EmbeddingCache()
        self.attachment: Attachment = attach(backbone.model, adapters)
        self.batcher: batching.BatchScheduler | None = None  # set by enable_batching()

    def enable_batching(self, max_batch: int = 32) -> batching.BatchScheduler:
        """Decode concurrent generations of this engine together (continuous batching, :mod:`kblam.batching`)
        instead of one ``generate()`` thread each."""
        self.batcher = batching.BatchScheduler(self.backbone.model, max_batch=max_batch)
        return self.batcher

    @classmethod
    def load(cls, backbone: str = DEFAULT_BACKBONE, encoder: str = DEFAULT_ENCODER,
             adapters: str | Path | None = "default", *, quantize: str = "auto", device: str | None = None,
             settings: ChatSettings | None = None, token: str | bool | None = None,
             precision: str | None = "auto") -> KBLaM:
        """Load backbone, encoder and adapters (``"default"``: the shipped ones when they fit, else fresh
        untrained adapters; a folder; or None for fresh adapters)."""
        bb = load_backbone(backbone, quantize=quantize, device=device, token=token, precision=precision)
        enc = load_encoder(encoder, device=None if bb.device.type == "cpu" else str(bb.device), token=token)
        ad = resolve_adapters(adapters, bb, enc)
        dtype = torch.float32 if bb.device.type == "cpu" else bb.dtype
        ad.to(device=bb.device, dtype=dtype).eval().requires_grad_(False)
        return cls(bb, enc, ad, settings)

    # ---- knowledge base ---------------------------------------------------------------------------------------

    def encode(self, triples: Sequence[Triple], progress=None) -> EncodedKB:
        """Encode a KB; strings seen before (by this engine) are not re-encoded."""
        return encode_kb(triples, self.encoder, self.cache, progress=progress)

    def knowledge_tokens(self, kb: EncodedKB) -> tuple[dict, dict]:
        """Per-layer KB keys/values for this engine's adapters, cached on the encoded KB."""
        key = id(self.adapters)
        if key not in kb.derived:
            if kb.encoder_id != self.encoder.id:
                raise ValueError(f"KB encoded with '{kb.encoder_id}' but the engine uses '{self.encoder.id}'")
            with torch.no_grad():
                dev = self.backbone.device
                keys, values = self.adapters.knowledge_tokens(kb.key_emb[None].to(dev), kb.value_emb[None].to(dev))
            for other in [k for k in kb.derived if isinstance(k, int)]:  # another adapters' tokens
                del kb.derived[other]
            kb.derived[key] = (keys, values)
        return kb.derived[key]

    def similarity(self, question: str, kb: EncodedKB) -> torch.Tensor:
        """Cosine similarity between the question and each key string, (M,)."""
        q = torch.from_numpy(self.cache.encode(self.encoder, [question]))[0]
        keys = kb.key_emb
        return (keys @ q) / (keys.norm(dim=-1) * q.norm()).clamp_min(1e-8)

    def match(self, question: str, kb: EncodedKB) -> matching.QuestionMatch:
        """How well ``kb`` answers ``question`` and which triple each named entity points to."""
        kept = candidates.cached_match(kb, question)  # a candidate view: matched on the whole KB
        if kept is not None:
            return kept
        return matching.match_question(question, kb, self.encoder, self.cache, self.matcher)

    def refusal_threshold(self, settings: ChatSettings) -> float | None:
        """The settings' threshold, else the one calibrated by the evaluation and stored with the adapters
        (``refusal_threshold <= 0`` disables it)."""
        value = settings.refusal_threshold
        if value is None:
            value = self.calibrated_threshold()
        return value if value is not None and value > 0 else None

    @property
    def adapters_trained(self) -> bool:
        """Whether the adapters were trained (training records its step count in their meta.json; fresh adapters,
        e.g. for a backbone nobody has trained adapters for yet, have none)."""
        return bool(self.adapters.config.extra.get("trained_steps"))

    def calibrated_threshold(self) -> float | None:
        """The threshold the evaluation calibrated for these adapters, if it was calibrated on this score; else
        the one calibrated for the matcher on the match score alone (:func:`matching.calibrated_threshold`)."""
        extra = self.adapters.config.extra
        if extra.get("refusal_score") == matching.SCORE_NAME and extra.get("refusal_threshold") is not None:
            return float(extra["refusal_threshold"])
        return matching.calibrated_threshold(self.matcher)

    def evidence_layer(self, settings: ChatSettings) -> int:
        if settings.evidence_layer is not None:
            return settings.evidence_layer
        best = self.adapters.config.extra.get("best_layer")
        layers = self.adapters.config.kb_layers
        return int(best) if best is not None else layers[len(layers) // 2]

    def _state(self, kb: EncodedKB, question: str, settings: ChatSettings, *, record: bool
               ) -> tuple[attention.KBState | None, torch.Tensor | None]:
        if len(kb) == 0:
            return None, None
        keys, values = self.knowledge_tokens(kb)
        sim = self.similarity(question, kb) if settings.mode != "kblam" else None
        prior = None
        if settings.mode != "kblam":
            weight = settings.prior_weight
            if weight is None:
                weight = float(self.adapters.prior_weight.detach())
            prior = (weight * sim)[None].to(self.backbone.device)
        state = attention.KBState(keys=keys, values=values, prior=prior, record=record,
                                  length_shift=attention.length_shift(candidates.full_size(kb),
                                                                      settings.length_scale))
        return state, sim

    # ---- prompts and evidence ---------------------------------------------------------------------------------

    def _inputs(self, question: str, context: Sequence[Triple] | None):
        tok = self.backbone.tokenizer
        text = prompting.render_prompt(tok, question, context=context)
        enc = tok(text, return_tensors="pt", add_special_tokens=False, return_offsets_mapping=True)
        start = text.rfind(question)
        offsets = enc.pop("offset_mapping")[0]
        span = ((offsets[:, 0] >= start) & (offsets[:, 1] <= start + len(question))
                & (offsets[:, 1] > offsets[:, 0]))
        if not bool(span.any()):
            span[:] = True
        return {k: v.to(self.backbone.device) for k, v in enc.items()}, span

    def _evidence(self, state: attention.KBState, span: torch.Tensor, layer: int, kb: EncodedKB, k: int
                  ) -> tuple[list[Evidence], list[float]]:
        weights = state.attention.get(layer)
        if weights is None:
            return [], []
        per_triple = weights[0, span.to(weights.device)].sum(dim=0).float().cpu()  # (M,)
        scores = per_triple / per_triple.sum().clamp_min(1e-12)
        top = torch.topk(scores, min(k, len(kb))).indices.tolist()
        return [Evidence(i, kb.triples[i], float(scores[i])) for i in top], scores.tolist()

    def attention_scores(self, question: str, kb: EncodedKB, settings: ChatSettings | None = None
                         ) -> dict[int, torch.Tensor]:
        """KB attention of the question tokens at every KB layer on one prefill pass: {layer: (M,)}, summed
        over heads and question tokens (with the prior unless the mode is plain ``kblam``)."""
        settings = settings or self.settings
        state, _ = self._state(kb, question, settings, record=True)
        if state is None:
            return {}
        inputs, span = self._inputs(question, None)
        with torch.no_grad(), attention.kb_context(state):
            self.backbone.model(**inputs, use_cache=False, logits_to_keep=1)
        return {layer: w[0, span.to(w.device)].sum(dim=0).float().cpu() for layer, w in state.attention.items()}

    def _prefill_evidence(self, question: str, kb: EncodedKB, settings: ChatSettings, layer: int
                          ) -> tuple[list[Evidence], list[float]]:
        scores = self.attention_scores(question, kb, settings).get(layer)
        if scores is None:
            return [], []
        scores = scores / scores.sum().clamp_min(1e-12)
        top = torch.topk(scores, min(settings.top_k, len(kb))).indices.tolist()
        return [Evidence(i, kb.triples[i], float(scores[i])) for i in top], scores.tolist()

    def _grounded_evidence(self, question: str, kb: EncodedKB, settings: ChatSettings, layer: int,
                           relevant: Sequence[int]) -> list[Evidence]:
        """The triples matched to the entities the question names, then the top ones by KB attention."""
        attended, weights = self._prefill_evidence(
            question, kb, replace(settings, top_k=max(settings.top_k, settings.grounded_k)), layer)
        chosen = [Evidence(i, kb.triples[i], float(weights[i]) if weights else 0.0) for i in relevant]
        return chosen + [e for e in attended if e.index not in relevant]

    def retrieve(self, question: str, kb: EncodedKB, settings: ChatSettings | None = None, k: int = 5
                 ) -> list[Evidence]:
        """Top-k triples by KB attention at the evidence layer on a prefill pass."""
        settings = settings or self.settings
        return self._prefill_evidence(question, kb, replace(settings, top_k=k), self.evidence_layer(settings))[0]

    # ---- generation -------------------------------------------------------------------------------------------

    def stream(self, conversation: str | Sequence[dict], kb: EncodedKB, settings: ChatSettings | None = None,
               **overrides) -> Iterator[str | Answer]:
        """Yield text pieces as they are generated, then the final :class:`Answer`. ``conversation`` is a
        question or a list of chat messages; a follow-up turn is resolved against the earlier ones
        (:func:`conversation.resolve`) and the standalone question is what is matched and asked."""
        settings = replace(settings or self.settings, **overrides)
        t0 = time.perf_counter()
        question = self.resolve(conversation, kb)
        view = candidates.narrow(self, question, kb)
        if view is not None:  # a large KB: the question attends to its candidate triples only
            yield from candidates.remap(self._stream_question(question, view, settings, t0), view)
            return
        yield from self._stream_question(question, kb, settings, t0)

    def _stream_question(self, question: str, kb: EncodedKB, settings: ChatSettings, t0: float
                         ) -> Iterator[str | Answer]:
        if len(kb) and not self.adapters_trained and not settings.inject_untrained:
            yield from self._stream_grounded_text(question, kb, settings, t0)
            return
        layer = self.evidence_layer(settings)
        threshold = self.refusal_threshold(settings)
        state, _ = self._state(kb, question, settings, record=True)
        needs_match = threshold is not None or settings.mode == "grounded"
        match = self.match(question, kb) if len(kb) and needs_match else None
        if (match is not None and match.refused(threshold)) or (len(kb) == 0 and settings.mode == "grounded"):
            # refused before generating; the evidence still shows what was closest
            text = " ".join(filter(None, [prompting.REFUSAL, match.refusal_reason() if match else ""]))
            evidence, weights = self._prefill_evidence(question, kb, settings, layer) if len(kb) else ([], [])
            yield text
            yield Answer(text, True, evidence, settings.mode, weights, layer,
                         timings={"first_token_s": time.perf_counter() - t0, "total_s": time.perf_counter() - t0},
                         question=question)
            return
        context, retrieved, matched = None, None, []
        if settings.mode == "grounded" and state is not None:
            relevant = match.relevant(settings.relevance_threshold or threshold or self.calibrated_threshold())
            retrieved = self._grounded_evidence(question, kb, settings, layer, [m.index for m in relevant])
            # the matched triples alone when the question names KB entities (fewer look-alike values to confuse
            # a small model), else the top attended ones
            n_context = len(relevant) if relevant and settings.matched_context else settings.grounded_k
            context = [e.triple for e in retrieved[:n_context]]
            matched = [kb.triples[m.index] for m in relevant]
        note = match.note() if match is not None else ""
        if note:
            yield note + " "
        inputs, span = self._inputs(question, context)
        timing: dict[str, float] = {}
        pieces: list[str] = []
        for piece in self._generate(inputs, state, settings, timing, context or (), matched):
            pieces.append(piece)
            yield piece
        if match is not None and (rest := matching.partly_unanswered(match, threshold)):
            pieces.append(rest)
            yield rest
        text = "".join(pieces).strip()
        evidence, weights = ([], []) if state is None else self._evidence(state, span, layer, kb, settings.top_k)
        if retrieved is not None:  # grounded: the evidence is what was selected and written into the prompt
            evidence = retrieved[: settings.top_k]
        done = time.perf_counter()
        yield Answer(f"{note} {text}" if note else text, prompting.is_refusal(text), evidence, settings.mode,
                     weights, layer, {"first_token_s": timing.get("first", done) - t0, "total_s": done - t0},
                     note=note, question=question, budget=int(timing.get("budget", 0)))

    def resolve(self, conversation: str | Sequence[dict], kb: EncodedKB) -> str:
        """The last user turn as a standalone question (follow-ups resolved against the KB's names)."""
        if isinstance(conversation, str) and len(kb) == 0:
            return conversation
        if len(kb) == 0:
            return next(c for r, c in reversed(chat.user_turns(conversation)) if r == "user")
        index, by_key = matching.name_index(kb)  # what each entity holds: "What about Y?" carries the property stated
        threshold = self.calibrated_threshold()  # (an earlier turn naming no KB name: the entity matched by meaning)
        return chat.resolve(conversation, index, chat.facts_of(kb.triples, by_key),
                            lambda q: self.match(q, kb).about(kb.triples, threshold)).question

    def _stream_grounded_text(self, question: str, kb: EncodedKB, settings: ChatSettings, t0: float
                              ) -> Iterator[str | Answer]:
        """Untrained adapters: no knowledge tokens in attention. The question is matched to the KB as text (refused
        below the threshold), and the matched triples, else the closest keys by encoder similarity, are written
        into the prompt; values are copied as in ``grounded``."""
        threshold = self.refusal_threshold(settings)
        if threshold is None and settings.refusal_threshold is None:  # no calibration for this encoder
            threshold = matching.DEFAULT_THRESHOLD
        note = (f"adapters not trained for this backbone ({self.backbone.model_id}): answering from text evidence "
                f"(matching + triples in the prompt), no knowledge tokens; mode asked: {settings.mode}")
        match = self.match(question, kb)
        sim = self.similarity(question, kb)
        closest = torch.topk(sim, min(max(settings.top_k, settings.grounded_k), len(kb))).indices.tolist()
        if match.refused(threshold):
            evidence = [Evidence(i, kb.triples[i], float(sim[i])) for i in closest[: settings.top_k]]
            text = " ".join(filter(None, [prompting.REFUSAL, match.refusal_reason()]))
            yield text
            done = time.perf_counter() - t0
            yield Answer(text, True, evidence, GROUNDED_TEXT, timings={"first_token_s": done, "total_s": done},
                         note=note, question=question)
            return
        relevant = [m.index for m in match.relevant(settings.relevance_threshold or threshold
                                                    or self.calibrated_threshold())]
        order = relevant + [i for i in closest if i not in relevant]
        evidence = [Evidence(i, kb.triples[i], float(sim[i])) for i in order]
        n_context = len(relevant) if relevant and settings.matched_context else settings.grounded_k
        context = [e.triple for e in evidence[:n_context]]
        inputs, _ = self._inputs(question, context)
        timing: dict[str, float] = {}
        pieces: list[str] = []
        for piece in self._generate(inputs, None, settings, timing, context, [kb.triples[i] for i in relevant]):
            pieces.append(piece)
            yield piece
        if rest := matching.partly_unanswered(match, threshold):
            pieces.append(rest)
            yield rest
        text, done = "".join(pieces).strip(), time.perf_counter()
        yield Answer(text, prompting.is_refusal(text), evidence[: settings.top_k], GROUNDED_TEXT,
                     timings={"first_token_s": timing.get("first", done) - t0, "total_s": done - t0},
                     note=" ".join(filter(None, [match.note(), note])), question=question,
                     budget=int(timing.get("budget", 0)))

    def stream_text(self, question: str, context: Sequence[Triple] | None = None,
                    settings: ChatSettings | None = None, **overrides) -> Iterator[str | Answer]:
        """The stock model with no knowledge tokens: zero-shot (no context), in-context (all triples as text)
        or RAG (selected triples as text). Same prompt template and decoding as :meth:`stream`."""
        settings = replace(settings or self.settings, **overrides)
        t0 = time.perf_counter()
        inputs, _ = self._inputs(question, list(context) if context else None)
        timing: dict[str, float] = {}
        pieces: list[str] = []
        for piece in self._generate(inputs, None, settings, timing):
            pieces.append(piece)
            yield piece
        text = "".join(pieces).strip()
        done = time.perf_counter()
        yield Answer(text, prompting.is_refusal(text), [], "text", timings={
            "first_token_s": timing.get("first", done) - t0, "total_s": done - t0,
            "prompt_tokens": int(inputs["input_ids"].shape[1])})

    def render_messages(self, messages: Sequence[Mapping[str, str]]) -> str:
        """The backbone's chat template applied to OpenAI-style messages, ending with the assistant prompt."""
        return self.backbone.tokenizer.apply_chat_template(
            [{"role": m["role"], "content": m["content"]} for m in messages], tokenize=False,
            add_generation_prompt=True)

    def count_tokens(self, text: str) -> int:
        return len(self.backbone.tokenizer(text, add_special_tokens=False)["input_ids"])

    def stream_chat(self, messages: Sequence[Mapping[str, str]], *, max_new_tokens: int = 256,
                    temperature: float | None = None, top_p: float | None = None, seed: int | None = None
                    ) -> Iterator[str | ChatResult]:
        """Plain chat with the frozen backbone and no knowledge tokens (the stock model), on the same generation
        loop as :meth:`stream`: yields text pieces, then a :class:`ChatResult`. Samples when ``temperature`` > 0,
        else greedy. Closing the iterator early stops generation."""
        t0 = time.perf_counter()
        tok = self.backbone.tokenizer
        inputs = tok(self.render_messages(messages), return_tensors="pt", add_special_tokens=False)
        prompt_tokens = int(inputs["input_ids"].shape[1])
        inputs = {k: v.to(self.backbone.device) for k, v in inputs.items()}
        sample = bool(temperature and temperature > 0)
        # no loop stop here: plain chat serves JSON and code too, where repeated lines ("  },") are normal
        settings = replace(self.settings, max_new_tokens=max_new_tokens, do_sample=sample, stop_repetition=False,
                           temperature=float(temperature or 0.0), top_p=float(top_p if top_p is not None else 1.0))
        if seed is not None:
            torch.manual_seed(seed)
        timing: dict[str, float] = {}
        pieces: list[str] = []
        for piece in self._generate(inputs, None, settings, timing):
            pieces.append(piece)
            yield piece
        completion = int(timing.get("new_tokens", 0))
        done = time.perf_counter()
        yield ChatResult("".join(pieces).strip(), prompt_tokens, completion,
                         "length" if completion >= max_new_tokens else "stop",
                         {"first_token_s": timing.get("first", done) - t0, "total_s": done - t0})

    def _processor(self, settings: ChatSettings, evidence: Sequence[Triple], matched: Sequence[Triple]
                   ) -> tuple[decoding.GroundedDecoding | None, int]:
        """The decoding constraints for an answer grounded on ``evidence`` (the triples in the prompt) and the
        answer's token budget: what stating the matched triples needs, within ``max_new_tokens`` or, when that is
        too few for them, within ``value_tokens``; ``max_new_tokens`` when nothing is matched."""
        copy = settings.copy_values and bool(evidence)
        cover = settings.cover_values and bool(matched)
        max_new = settings.max_new_tokens
        if settings.bound_length and matched:
            need = decoding.answer_budget(self.backbone.tokenizer, matched)
            max_new = min(max(max_new, min(need, settings.value_tokens)), need)
        if not (copy or cover or settings.stop_repetition):
            return None, max_new
        return decoding.GroundedDecoding(self.backbone.tokenizer, evidence if copy else (), matched if cover else (),
                                         self._stop_ids(), copy=copy, cover=cover,
                                         stop_loops=settings.stop_repetition,
                                         lead=settings.lead_with_value), max_new

    def _generate(self, inputs: dict, state: attention.KBState | None, settings: ChatSettings,
                  timing: dict[str, float], evidence: Sequence[Triple] = (), matched: Sequence[Triple] = ()
                  ) -> Iterator[str]:
        """Generate under this call's KB and yield the decoded pieces; values of ``evidence`` are copied exactly
        and ``matched`` ones covered (see :mod:`kblam.decoding`). With a :attr:`batcher` the request is decoded
        together with every other running one (:mod:`kblam.batching`), else ``generate()`` runs in a thread of
        its own. Closing the iterator early stops the generation."""
        from transformers import TextIteratorStreamer

        streamer = TextIteratorStreamer(self.backbone.tokenizer, skip_prompt=True, skip_special_tokens=True)
        processor, max_new = self._processor(settings, evidence, matched)
        timing["budget"] = max_new
        cancelled, finished = threading.Event(), threading.Event()
        errors: list[BaseException] = []

        def end(error: BaseException | None, new_tokens: int | None = None) -> None:
            if error is not None:
                errors.append(error)
            if new_tokens is not None:
                timing["new_tokens"] = new_tokens
            streamer.end()
            finished.set()

        thread = None
        if self.batcher is not None:
            self._submit(inputs, state, settings, processor, max_new, streamer, cancelled, end)
        else:
            thread = self._generate_thread(inputs, state, settings, processor, max_new, streamer, cancelled, end)
        hold = decoding.LineHoldback() if settings.stop_repetition else None
        try:
            for piece in streamer:
                piece = hold.feed(piece) if hold else piece
                if piece:
                    timing.setdefault("first", time.perf_counter())
                    yield piece
            finished.wait()
            tail = hold.finish(processor is not None and processor.looped) if hold else ""
            if tail:
                yield tail
        finally:  # also when the caller closes the stream early (a client disconnect, a stop button)
            cancelled.set()
        finished.wait()
        if thread is not None:  # let it leave torch before the caller goes on (or the process exits under it)
            thread.join(timeout=10)
        if errors:
            raise errors[0]

    def _generate_thread(self, inputs: dict, state: attention.KBState | None, settings: ChatSettings,
                         processor, max_new: int, streamer, cancelled: threading.Event, end) -> threading.Thread:
        """The unbatched path: ``generate()`` for this request alone, in a thread of its own (returned)."""
        from transformers import LogitsProcessorList, StoppingCriteria, StoppingCriteriaList

        class Cancelled(StoppingCriteria):  # ends generate() once the consumer of the pieces has gone away
            def __call__(self, input_ids, scores, **kwargs) -> torch.BoolTensor:
                return torch.full((input_ids.shape[0],), cancelled.is_set(), dtype=torch.bool,
                                  device=input_ids.device)

        tok = self.backbone.tokenizer
        gen_kwargs = dict(**inputs, max_new_tokens=max_new, do_sample=settings.do_sample,
                          streamer=streamer, pad_token_id=tok.pad_token_id,
                          stopping_criteria=StoppingCriteriaList([Cancelled()]))
        if processor is not None:
            gen_kwargs["logits_processor"] = LogitsProcessorList([processor])
        if settings.do_sample:
            gen_kwargs.update(temperature=settings.temperature, top_p=settings.top_p)

        def run() -> None:
            try:
                with torch.no_grad(), attention.kb_context(state):
                    ids = self.backbone.model.generate(**gen_kwargs)
                end(None, int(ids.shape[1] - inputs["input_ids"].shape[1]))
            except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
                end(exc)

        thread = threading.Thread(target=run, daemon=True, name="kblam-generate")
        thread.start()
        return thread

    def _submit(self, inputs: dict, state: attention.KBState | None, settings: ChatSettings, processor,
                max_new: int, streamer, cancelled: threading.Event, end) -> None:
        """The batched path: a :class:`~kblam.batching.Job` for the scheduler, whose tokens feed ``streamer``."""
        prompt = inputs["input_ids"][0].tolist()
        streamer.put(inputs["input_ids"][0].cpu())  # the prompt (skipped), as generate() hands it over first
        generator = None
        if settings.do_sample:  # drawn from the global RNG, so a seed set before the call still decides it
            generator = torch.Generator().manual_seed(int(torch.randint(0, 2**62, ())))
        job = batching.Job(prompt, state, max_new, self._stop_ids(),
                           on_token=lambda token: streamer.put(torch.tensor([token])),
                           on_end=lambda error: end(error, len(job.tokens) - len(prompt)),
                           processor=processor, do_sample=settings.do_sample, temperature=settings.temperature,
                           top_p=settings.top_p, generator=generator, cancelled=cancelled)
        self.batcher.submit(job)

    def _stop_ids(self) -> list[int]:
        ids = self.backbone.model.generation_config.eos_token_id
        ids = [ids] if isinstance(ids, int) else list(ids or [])
        if self.backbone.tokenizer.eos_token_id is not None:
            ids.append(self.backbone.tokenizer.eos_token_id)
        return sorted(set(ids))

    def answer(self, question: str | Sequence[dict], kb: EncodedKB, settings: ChatSettings | None = None, **overrides) -> Answer:
        """:meth:`stream` run to the end."""
        return _last(self.stream(question, kb, settings, **overrides))

    def answer_text(self, question: str, context: Sequence[Triple] | None = None,
                    settings: ChatSettings | None = None, **overrides) -> Answer:
        """:meth:`stream_text` run to the end."""
        return _last(self.stream_text(question, context, settings, **overrides))


def _last(items: Iterator[str | Answer]) -> Answer:
    final = None
    for item in items:
        if isinstance(item, Answer):
            final = item
    assert final is not None
    return final
