"""Splitters: heading paths, min/max lengths, code fences, overlap, token windows, custom separators, merging."""

from __future__ import annotations

import re

import pytest

from datagen.split import (
    Chunk,
    markdown_headings,
    merge_chunks,
    split_custom,
    split_markdown,
    split_recursive,
    split_text,
    split_tokens,
)


def _sentences(topic: str, n: int) -> str:
    return " ".join(f"Sentence {i} explains {topic} in some detail." for i in range(n))


DOC = f"""Preface line before any heading.

# Guide

{_sentences("the guide", 3)}

## Install

{_sentences("installing", 2)}

### Linux

{_sentences("linux", 4)}

### Mac

{_sentences("mac", 1)}

## Usage

{_sentences("usage", 60)}

# Appendix

{_sentences("appendix", 2)}
"""


def _assert_offsets(text: str, chunks: list[Chunk]) -> None:
    for chunk in chunks:
        assert text[chunk.start : chunk.end] == chunk.text
        assert chunk.text == chunk.text.strip() and chunk.text


def _squash(text: str) -> str:
    return "".join(text.split())


def test_markdown_headings_skip_code_fences_and_closing_hashes():
    text = "# One #\n```\n# not\n```\n~~~~\n## still not\n~~~~\n## Two\n#nospace\n"
    assert [(level, title) for _, level, title in markdown_headings(text)] == [(1, "One"), (2, "Two")]


def test_markdown_sections_keep_heading_paths_and_offsets():
    chunks = split_markdown(DOC, min_len=0, max_len=5000)
    _assert_offsets(DOC, chunks)
    assert [c.heading_path for c in chunks] == [
        [],
        ["Guide"],
        ["Guide", "Install"],
        ["Guide", "Install", "Linux"],
        ["Guide", "Install", "Mac"],
        ["Guide", "Usage"],
        ["Appendix"],
    ]
    assert chunks[3].text.startswith("### Linux")


def test_markdown_respects_max_len_and_loses_no_text():
    chunks = split_markdown(DOC, min_len=200, max_len=400)
    _assert_offsets(DOC, chunks)
    assert all(len(c.text) <= 400 for c in chunks)
    assert _squash("".join(c.text for c in chunks)) == _squash(DOC)
    assert [c.start for c in chunks] == sorted(c.start for c in chunks)
    usage = [c for c in chunks if c.heading_path == ["Guide", "Usage"]]
    assert len(usage) >= 5  # the long section was cut into several chunks that keep its path
    assert all(c.text.endswith(".") for c in usage[:-1])  # cut at sentence ends, not mid-sentence


def test_markdown_merges_small_sections_up_to_min_len_with_common_path():
    chunks = split_markdown(DOC, min_len=300, max_len=1500)
    _assert_offsets(DOC, chunks)
    install = next(c for c in chunks if "### Linux" in c.text)
    assert (
        "### Mac" in install.text and "## Install" in install.text
    )  # small siblings joined with their parent
    assert install.heading_path in (["Guide"], ["Guide", "Install"], [])
    assert all(len(c.text) <= 1500 for c in chunks)
    small = [c for c in chunks if len(c.text) < 300]
    assert len(small) <= 1  # only a remainder that fits nowhere may stay small


def test_markdown_prefers_merging_within_the_same_parent():
    big = _sentences("alpha", 8)  # ~360 chars
    text = (
        f"# A\n\n## A1\n\n{big}\n\n## A2\n\nTiny a2.\n\n# B\n\n## B1\n\nTiny b1.\n\n{_sentences('beta', 8)}"
    )
    chunks = split_markdown(text, min_len=100, max_len=600)
    a2 = next(c for c in chunks if "Tiny a2." in c.text)
    assert "## A1" in a2.text and "# B" not in a2.text
    assert a2.heading_path == ["A"]


def test_code_fence_is_never_split_and_may_exceed_max_len():
    code = "\n".join(f"# step {i}: print({i})" for i in range(40))  # ~900 chars, '#' lines inside the fence
    text = f"# Code\n\n{_sentences('code', 3)}\n\n```python\n{code}\n```\n\n{_sentences('after', 3)}\n"
    chunks = split_markdown(text, min_len=50, max_len=300)
    _assert_offsets(text, chunks)
    fenced = [c for c in chunks if "```python" in c.text]
    assert len(fenced) == 1 and code in fenced[0].text and fenced[0].text.endswith("```")
    assert all(c.heading_path == ["Code"] for c in chunks)
    assert all(len(c.text) <= 300 for c in chunks if c is not fenced[0])


def test_unbreakable_word_is_the_only_thing_over_max_len():
    word = "x" * 500
    text = f"# T\n\n{_sentences('t', 5)} {word} {_sentences('u', 5)}"
    chunks = split_markdown(text, min_len=0, max_len=200)
    _assert_offsets(text, chunks)
    over = [c for c in chunks if len(c.text) > 200]
    assert [c.text for c in over] == [word]


def test_markdown_rejects_inconsistent_lengths():
    with pytest.raises(ValueError, match="min_len"):
        split_markdown("x", min_len=500, max_len=100)


def test_recursive_chunk_size_and_overlap():
    text = "\n\n".join(_sentences(f"part {p}", 6) for p in range(8))
    chunks = split_recursive(text, chunk_size=400, overlap=120)
    _assert_offsets(text, chunks)
    assert len(chunks) > 3 and all(len(c.text) <= 400 for c in chunks)
    for prev, nxt in zip(chunks, chunks[1:], strict=False):
        assert prev.start < nxt.start
        shared = prev.end - nxt.start
        assert 0 < shared <= 120  # consecutive chunks overlap, by at most `overlap` characters
    covered = set()
    for c in chunks:
        covered.update(range(c.start, c.end))
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


def test_recursive_falls_back_to_characters_without_separators():
    text = "字" * 2500
    chunks = split_recursive(text, chunk_size=1000, overlap=100)
    _assert_offsets(text, chunks)
    assert all(len(c.text) <= 1000 for c in chunks)
    assert chunks[0].start == 0 and chunks[-1].end == 2500
    assert all(p.end - n.start == 100 for p, n in zip(chunks, chunks[1:], strict=False))


def test_recursive_rejects_overlap_not_below_chunk_size():
    with pytest.raises(ValueError, match="overlap"):
        split_recursive("abc", chunk_size=10, overlap=10)


def test_recursive_chunks_get_heading_paths():
    chunks = split_recursive(DOC, chunk_size=300, overlap=0)
    linux = next(c for c in chunks if "explains linux" in c.text and "### Linux" not in c.text[:5])
    assert linux.heading_path[:2] == ["Guide", "Install"]


def test_token_windows_with_builtin_tokenizer_count_cjk_per_character():
    text = "知识库 " + " ".join(f"word{i}" for i in range(100))
    chunks = split_tokens(text, chunk_tokens=20, overlap=5)
    _assert_offsets(text, chunks)
    assert chunks[0].text.startswith("知识库 word0") and chunks[0].text.endswith(
        "word16"
    )  # 3 CJK tokens + 17 words
    tokens = [re.findall(r"word\d+", c.text) for c in chunks]
    for prev, nxt in zip(tokens[1:], tokens[2:], strict=False):
        assert prev[-5:] == nxt[:5]  # 5 tokens of overlap
    assert chunks[-1].text.endswith("word99")


def _hf_tokenizer():
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    vocab = {"[UNK]": 0, **{f"w{i}": i + 1 for i in range(300)}, ".": 301}
    tok = Tokenizer(models.WordLevel(vocab=vocab, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    return PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]")


def test_token_windows_with_a_hugging_face_tokenizer():
    tokenizer = _hf_tokenizer()
    text = " ".join(f"w{i}." for i in range(100))  # 200 tokens
    chunks = split_tokens(text, chunk_tokens=50, overlap=10, tokenizer=tokenizer)
    _assert_offsets(text, chunks)
    counts = [len(tokenizer(c.text, add_special_tokens=False)["input_ids"]) for c in chunks]
    assert counts[:-1] == [50] * (len(counts) - 1) and counts[-1] <= 50
    assert len(chunks) == 5  # windows start every 40 tokens: 0, 40, 80, 120, 160


class _DecodeOnlyTokenizer:
    """A tokenizer without offsets (encode/decode only): the decoded windows are located in the text."""

    def encode(self, text, add_special_tokens=False):
        self.words = text.split()
        return list(range(len(self.words)))

    def decode(self, ids, skip_special_tokens=True):
        return " ".join(self.words[i] for i in ids)


def test_token_windows_with_a_tokenizer_without_offsets():
    text = " ".join(f"tok{i}" for i in range(30))
    chunks = split_tokens(text, chunk_tokens=10, overlap=2, tokenizer=_DecodeOnlyTokenizer())
    _assert_offsets(text, chunks)
    assert [c.text.split()[0] for c in chunks] == ["tok0", "tok8", "tok16", "tok24"]


def test_custom_separator_removed_and_blank_pieces_dropped():
    text = "alpha\n---\nbeta\n---\n   \n---\ngamma"
    chunks = split_custom(text, separator="---")
    _assert_offsets(text, chunks)
    assert [c.text for c in chunks] == ["alpha", "beta", "gamma"]
    with pytest.raises(ValueError, match="separator"):
        split_custom(text, separator="")


def test_split_text_dispatches_and_rejects_bad_method_or_option():
    assert [c.text for c in split_text("a||b", "custom", separator="||")] == ["a", "b"]
    assert split_text(DOC, "tokens", chunk_tokens=30, overlap=0)
    with pytest.raises(ValueError, match="'semantic'"):
        split_text(DOC, "semantic")
    with pytest.raises(ValueError, match="chunk_size") as info:
        split_text(DOC, "markdown", chunk_size=100)
    assert "max_len" in str(info.value)  # the message lists what is allowed


def test_merge_chunks_joins_and_drops_overlap():
    text = "\n\n".join(_sentences(f"p{p}", 4) for p in range(6))
    chunks = split_recursive(text, chunk_size=500, overlap=200)
    merged = merge_chunks(list(reversed(chunks)))  # order of the selection does not matter
    assert merged.text == text
    assert (merged.start, merged.end) == (0, len(text))
    paths = merge_chunks([Chunk("a", ["G", "I", "L"], 0, 1), Chunk("b", ["G", "I", "M"], 3, 4)])
    assert paths.heading_path == ["G", "I"] and paths.text == "a\n\nb"
    with pytest.raises(ValueError):
        merge_chunks([])
