"""Reference-based quality metrics for generated answers: ROUGE-L, sentence BLEU and grounding scores.

Tokenisation works for English and Chinese alike: CJK ideographs and kana count one token per character,
other text is split into lowercased word runs; punctuation is ignored. The LCS behind ROUGE-L uses a
bit-parallel algorithm (Hyyrö 2004) on Python integers, so comparing an answer with a 1,500-character chunk
costs well under a millisecond.
"""

from __future__ import annotations

import math
import re
from collections import Counter

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
_TOKEN_RE = re.compile(rf"[{_CJK}]|[^\W{_CJK}_]+")


def tokenize(text: str) -> list[str]:
    """Lowercased word tokens; each CJK character is a token of its own."""
    return _TOKEN_RE.findall(text.lower())


def lcs_length(a: list[str], b: list[str]) -> int:
    """Length of the longest common subsequence of two token lists (bit-parallel, O(len(a) * len(b) / 64))."""
    if not a or not b:
        return 0
    if len(a) < len(b):
        a, b = b, a  # the bit vector runs over the longer sequence
    masks: dict[str, int] = {}
    for i, token in enumerate(a):
        masks[token] = masks.get(token, 0) | (1 << i)
    full = (1 << len(a)) - 1
    row = full
    for token in b:
        matches = row & masks.get(token, 0)
        row = ((row + matches) | (row - matches)) & full
    return len(a) - bin(row).count("1")


def rouge_l_scores(candidate: str, reference: str) -> tuple[float, float, float]:
    """(precision, recall, F1) of the LCS between candidate and reference tokens; zeros when either is empty."""
    cand, ref = tokenize(candidate), tokenize(reference)
    lcs = lcs_length(cand, ref)
    if lcs == 0:
        return 0.0, 0.0, 0.0
    precision, recall = lcs / len(cand), lcs / len(ref)
    return precision, recall, 2 * precision * recall / (precision + recall)


def rouge_l(candidate: str, reference: str) -> float:
    """ROUGE-L F-measure (β = 1) of ``candidate`` against ``reference``, in [0, 1]."""
    return rouge_l_scores(candidate, reference)[2]


def _ngrams(tokens: list[str], n: int) -> Counter:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def bleu(candidate: str, reference: str, max_n: int = 4, *, brevity_penalty: bool = True) -> float:
    """Sentence BLEU in [0, 1] with clipped n-gram precisions up to ``max_n``.

    Smoothing: orders the candidate is too short to have are left out (effective order), and a precision with
    no match at order n >= 2 counts as 1 / (2 * total) ("method 1"-style epsilon) so one missing 4-gram
    does not zero a good sentence. ``brevity_penalty=False`` gives the pure n-gram precision score.
    """
    if max_n < 1:
        raise ValueError(f"max_n must be >= 1, got {max_n}")
    cand, ref = tokenize(candidate), tokenize(reference)
    if not cand or not ref:
        return 0.0
    log_sum, orders = 0.0, 0
    for n in range(1, min(max_n, len(cand)) + 1):
        cand_ngrams, ref_ngrams = _ngrams(cand, n), _ngrams(ref, n)
        total = sum(cand_ngrams.values())
        matched = sum(min(count, ref_ngrams[g]) for g, count in cand_ngrams.items())
        if matched == 0:
            if n == 1:
                return 0.0
            precision = 1.0 / (2 * total)
        else:
            precision = matched / total
        log_sum += math.log(precision)
        orders += 1
    score = math.exp(log_sum / orders)
    if brevity_penalty and len(cand) < len(ref):
        score *= math.exp(1 - len(ref) / len(cand))
    return score


def grounding_scores(answer: str, context: str) -> dict:
    """How much of ``answer`` comes from its source ``context``.

    Returns ``rouge_l`` (F-measure), ``rouge_l_precision`` (share of answer tokens in the LCS with the
    context) and ``bleu`` computed without the brevity penalty: a grounded answer is meant to be much shorter
    than its context, so the penalty would only measure length.
    """
    precision, _, f_measure = rouge_l_scores(answer, context)
    return {
        "rouge_l": f_measure,
        "rouge_l_precision": precision,
        "bleu": bleu(answer, context, brevity_penalty=False),
    }


_REFUSAL_RE = re.compile(
    r"\b(not (available|mentioned|stated|specified|provided|given|included)|no information|does not (contain|mention|"
    r"say|state|specify|provide|include)|doesn't (contain|mention|say|state|specify)|cannot be (determined|answered|"
    r"found)|there is no mention)\b|没有提到|未提及|未说明|无法(回答|确定|得知)|没有相关信息|不包含", re.IGNORECASE)
_CJK_RE = re.compile(rf"[{_CJK}]")
MIN_QUESTION_SUPPORT = 0.25


def is_refusal(answer: str) -> bool:
    """True when the answer says that the text does not hold the information (English or Chinese)."""
    return bool(_REFUSAL_RE.search(answer))


def question_support(question: str, context: str) -> float:
    """Share of the question's content words (4+ letters, or CJK characters) that occur in ``context``."""
    words = {t for t in tokenize(question) if len(t) >= 4 or _CJK_RE.match(t)}
    if not words:
        return 1.0
    present = set(tokenize(context))
    return len(words & present) / len(words)


def unanswerable(question: str, answer: str, context: str) -> bool:
    """Flag a question its chunk cannot answer: the grounded answer refuses, or the chunk holds under
    :data:`MIN_QUESTION_SUPPORT` of the question's content words."""
    return is_refusal(answer) or question_support(question, context) < MIN_QUESTION_SUPPORT


def answer_quality(question: str, answer: str, context: str) -> dict:
    """Everything stored with a grounded answer: ROUGE-L F, BLEU, ``grounding`` (ROUGE-L precision: the
    share of the answer's tokens found, in order, in its chunk) and the ``unanswerable`` flag."""
    scores = grounding_scores(answer, context)
    return {"rouge_l": scores["rouge_l"], "bleu": scores["bleu"], "grounding": scores["rouge_l_precision"],
            "unanswerable": unanswerable(question, answer, context)}


LOW_GROUNDING = 0.5  # review flags answers whose ROUGE-L precision against the chunk is below this


def quality_flag(item: dict) -> str:
    """The review flag of an item: "not answerable", "low grounding" or ""."""
    if item.get("unanswerable"):
        return "not answerable"
    grounding = item.get("grounding")
    return "low grounding" if grounding is not None and grounding < LOW_GROUNDING else ""
