"""Quality metrics: ROUGE-L and BLEU on hand-checked English and Chinese examples, and the grounding scores."""

from __future__ import annotations

import math
import random

import pytest

from datagen.quality import bleu, grounding_scores, lcs_length, rouge_l, rouge_l_scores, tokenize


def _lcs_reference(a: list[str], b: list[str]) -> int:
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            table[i + 1][j + 1] = table[i][j] + 1 if x == y else max(table[i][j + 1], table[i + 1][j])
    return table[-1][-1]


def test_tokenize_lowercases_words_and_splits_cjk_per_character():
    assert tokenize("The KBLaM model, v2!") == ["the", "kblam", "model", "v2"]
    assert tokenize("知识库ABC 令牌") == ["知", "识", "库", "abc", "令", "牌"]
    assert tokenize("") == [] and tokenize("!!! ...") == []


def test_bit_parallel_lcs_equals_dynamic_programming():
    rng = random.Random(0)
    for _ in range(300):
        a = [rng.choice("abcd") for _ in range(rng.randint(0, 80))]
        b = [rng.choice("abcd") for _ in range(rng.randint(0, 80))]
        assert lcs_length(a, b) == _lcs_reference(a, b)


def test_rouge_l_hand_computed():
    # LCS of "the cat sat on the mat" and "the cat was on the mat" = the cat on the mat (5 of 6 each side)
    assert rouge_l("the cat sat on the mat", "the cat was on the mat") == pytest.approx(5 / 6)
    precision, recall, f = rouge_l_scores("the cat", "the cat sat on the mat")
    assert (precision, recall) == (1.0, pytest.approx(2 / 6)) and f == pytest.approx(
        2 * (1 / 3) / (1 + 1 / 3)
    )
    assert rouge_l("Same Words", "same words!") == 1.0
    assert rouge_l("", "anything") == 0.0 and rouge_l("alpha", "beta") == 0.0


def test_rouge_l_chinese_uses_characters():
    # 巴黎是法国的首都 vs 法国的首都是巴黎: LCS 法国的首都 = 5 of 8 characters
    assert rouge_l("巴黎是法国的首都", "法国的首都是巴黎") == pytest.approx(5 / 8)


def test_bleu_identical_and_hand_computed():
    assert bleu("the cat sat on the mat", "the cat sat on the mat") == pytest.approx(1.0)
    # candidate "the cat sat on the mat" vs reference "the cat was on the mat":
    # p1 = 5/6, p2 = 3/5, p3 = 1/4, p4 = 1/(2*3) (no 4-gram match: smoothed), equal lengths so BP = 1
    expected = math.exp((math.log(5 / 6) + math.log(3 / 5) + math.log(1 / 4) + math.log(1 / 6)) / 4)
    assert bleu("the cat sat on the mat", "the cat was on the mat") == pytest.approx(expected)
    assert bleu("dog", "the cat") == 0.0 and bleu("", "x") == 0.0


def test_bleu_brevity_penalty_and_effective_order():
    short = bleu("the cat", "the cat sat on the mat")
    assert short == pytest.approx(
        math.exp(1 - 6 / 2)
    )  # perfect 1- and 2-gram precision, penalised for length
    assert bleu("the cat", "the cat sat on the mat", brevity_penalty=False) == pytest.approx(1.0)
    with pytest.raises(ValueError):
        bleu("a", "a", max_n=0)


def test_grounding_separates_copied_from_invented_answers():
    context = (
        "KBLaM encodes each triple into a key and a value vector. The prompt attends to every knowledge token "
        "through rectangular attention, and the knowledge tokens attend to nothing."
    )
    grounded = grounding_scores(
        "The prompt attends to every knowledge token through rectangular attention.", context
    )
    invented = grounding_scores("Bananas are yellow fruits that grow in tropical climates.", context)
    assert set(grounded) == {"rouge_l", "rouge_l_precision", "bleu"}
    assert grounded["rouge_l_precision"] == 1.0 and grounded["bleu"] > 0.9
    assert invented["rouge_l_precision"] < 0.2 and invented["bleu"] < 0.1
    assert all(0.0 <= v <= 1.0 for v in (*grounded.values(), *invented.values()))
    assert grounded["rouge_l"] > invented["rouge_l"]


def test_grounding_works_for_chinese():
    context = "知识令牌通过矩形注意力注入冻结的语言模型，提示词可以关注所有知识令牌。"
    assert grounding_scores("提示词可以关注所有知识令牌", context)["rouge_l_precision"] == 1.0
    assert grounding_scores("今天天气很好", context)["rouge_l_precision"] < 0.3
