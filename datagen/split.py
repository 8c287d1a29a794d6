"""Split document text into chunks that questions are generated from, keeping each chunk's heading path.

Four methods, all returning :class:`Chunk` objects whose ``start``/``end`` are character offsets into the text
they were cut from (``text[start:end] == chunk.text``, surrounding whitespace trimmed; the one exception is
:func:`split_tokens` with a tokenizer that reports no offsets, whose decoded windows are located approximately):

- :func:`split_markdown` — heading-aware: one section per heading, small neighbouring sections merged up to
  ``min_len`` (siblings and parent/child first, then any neighbour; a merged chunk's heading path is the
  common prefix of its sections' paths), sections over ``max_len`` split by
  paragraph, line, sentence and finally word. Fenced code blocks are never split inside and ``#`` inside them
  is not a heading; a code block or a single word longer than ``max_len`` stays whole (the only case where a
  chunk exceeds ``max_len``).
- :func:`split_recursive` — separator hierarchy with a character budget and overlap (the usual
  "recursive character splitter").
- :func:`split_tokens` — fixed windows of tokens with overlap, with any Hugging Face tokenizer or a built-in
  regex word tokenizer (CJK characters count one token each).
- :func:`split_custom` — cut at every occurrence of a user-given separator.

:func:`split_text` dispatches by method name and rejects unknown methods and options.
"""

from __future__ import annotations

import bisect
import inspect
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)

_HEADING_RE = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_SENTENCE_RE = re.compile(r"(?<=[.!?;:])\s+|(?<=[。！？；])")
_WORD_TOKEN_RE = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]"  # one CJK/kana character
    r"|[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]+"  # a run of other word chars
    r"|[^\w\s]"  # one punctuation mark
)

Span = tuple[int, int]


@dataclass
class Chunk:
    """A piece of a document: its text, the headings it sits under and its [start, end) offsets."""

    text: str
    heading_path: list[str] = field(default_factory=list)
    start: int = 0
    end: int = 0


# -------------------------------------------------------------------------------------------- headings


def markdown_headings(text: str) -> list[tuple[int, int, str]]:
    """ATX headings of ``text`` outside fenced code blocks, as (line start offset, level, title)."""
    headings: list[tuple[int, int, str]] = []
    fence: str | None = None
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        fence_match = _FENCE_RE.match(stripped)
        if fence is not None:
            if (
                fence_match
                and fence_match.group(1)[0] == fence[0]
                and len(fence_match.group(1)) >= len(fence)
            ):
                if not stripped.strip().lstrip(fence[0]):
                    fence = None
        elif fence_match:
            fence = fence_match.group(1)
        else:
            match = _HEADING_RE.match(stripped)
            if match and (match.group(2) or "").strip():
                headings.append((offset, len(match.group(1)), match.group(2).strip()))
        offset += len(line)
    return headings


def _heading_paths(headings: list[tuple[int, int, str]]) -> list[list[str]]:
    """The full heading path at each heading (its ancestors' titles plus its own)."""
    stack: list[tuple[int, str]] = []
    paths = []
    for _, level, title in headings:
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, title))
        paths.append([t for _, t in stack])
    return paths


class _PathIndex:
    """Finds the heading path in force at any offset of a text."""

    def __init__(self, text: str) -> None:
        headings = markdown_headings(text)
        self.offsets = [h[0] for h in headings]
        self.paths = _heading_paths(headings)

    def at(self, offset: int) -> list[str]:
        i = bisect.bisect_right(self.offsets, offset) - 1
        return list(self.paths[i]) if i >= 0 else []


# ----------------------------------------------------------------------------------------- span helpers


def _strip_span(text: str, s: int, e: int) -> Span:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _split_points(text: str, s: int, e: int, sep: str | re.Pattern) -> list[Span]:
    """Cut [s, e) after each separator occurrence (the separator stays with the part before it)."""
    parts, cur = [], s
    if isinstance(sep, re.Pattern):
        ends = [m.end() for m in sep.finditer(text, s, e)]
    else:
        ends, i = [], text.find(sep, s, e)
        while i != -1:
            ends.append(i + len(sep))
            i = text.find(sep, i + len(sep), e)
    for cut in ends:
        if s < cut < e and cut > cur:
            parts.append((cur, cut))
            cur = cut
    parts.append((cur, e))
    return parts


def _units(text: str, s: int, e: int, limit: int, seps: Sequence, char_unit: int | None = None) -> list[Span]:
    """Break [s, e) into contiguous units of at most ``limit`` chars, trying separators in order.

    The empty separator cuts characters (in pieces of ``char_unit``); without it a unit that no separator
    breaks (a single long word) is returned whole.
    """
    if e - s <= limit or not seps:
        return [(s, e)]
    sep, rest = seps[0], seps[1:]
    if sep == "":
        step = max(1, min(limit, char_unit or limit))
        return [(i, min(i + step, e)) for i in range(s, e, step)]
    parts = _split_points(text, s, e, sep)
    if len(parts) == 1:
        return _units(text, s, e, limit, rest, char_unit)
    out: list[Span] = []
    for ps, pe in parts:
        out.extend(_units(text, ps, pe, limit, rest, char_unit) if pe - ps > limit else [(ps, pe)])
    return out


def _pack(units: Sequence[Span], limit: int) -> list[Span]:
    """Join consecutive contiguous units greedily while the joined span stays within ``limit``."""
    packed: list[Span] = []
    for us, ue in units:
        if packed and ue - packed[-1][0] <= limit:
            packed[-1] = (packed[-1][0], ue)
        else:
            packed.append((us, ue))
    return packed


def _chunks_from_spans(text: str, spans: Sequence[Span], paths: _PathIndex | None = None) -> list[Chunk]:
    index = paths or _PathIndex(text)
    chunks = []
    for s, e in spans:
        s, e = _strip_span(text, s, e)
        if s < e:
            chunks.append(Chunk(text=text[s:e], heading_path=index.at(s), start=s, end=e))
    return chunks


# -------------------------------------------------------------------------------------------- markdown


def _md_blocks(text: str, s: int, e: int) -> list[tuple[int, int, bool]]:
    """Paragraph blocks of [s, e) as contiguous (start, end, is_code_fence) spans; fences are one block."""
    blocks: list[tuple[int, int, bool]] = []
    cur_start, fence, offset = s, None, s
    for line in text[s:e].splitlines(keepends=True):
        body = line.rstrip("\r\n")
        line_end = offset + len(line)
        fence_match = _FENCE_RE.match(body)
        if fence is not None:
            closing = (
                fence_match
                and fence_match.group(1)[0] == fence[0]
                and len(fence_match.group(1)) >= len(fence)
            )
            if closing and not body.strip().lstrip(fence[0]):
                blocks.append((cur_start, line_end, True))
                cur_start, fence = line_end, None
        elif fence_match:
            if offset > cur_start:
                blocks.append((cur_start, offset, False))
            cur_start, fence = offset, fence_match.group(1)
        elif not body.strip():
            if offset > cur_start:
                blocks.append((cur_start, line_end, False))
                cur_start = line_end
        offset = line_end
    if cur_start < e:
        blocks.append((cur_start, e, fence is not None))
    return blocks


def _split_section(text: str, s: int, e: int, max_len: int) -> list[Span]:
    """Pieces of an over-long section: paragraph blocks packed, long paragraphs cut by line/sentence/word."""
    units: list[Span] = []
    for bs, be, is_fence in _md_blocks(text, s, e):
        bs, be = _strip_span(text, bs, be)
        if bs >= be:
            continue
        if is_fence or be - bs <= max_len:
            units.append((bs, be))
        else:
            units.extend(_units(text, bs, be, max_len, ("\n", _SENTENCE_RE, " ")))
    return [_strip_span(text, ps, pe) for ps, pe in _pack(units, max_len)]


def _common_prefix(a: list[str], b: list[str]) -> list[str]:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return a[:n]


def _related(a: list[str], b: list[str]) -> bool:
    """Siblings (same parent) or one section is the other's ancestor."""
    return a[:-1] == b[:-1] or b[: len(a)] == a or a[: len(b)] == b


def _merge_small(pieces: list[tuple[int, int, list[str]]], min_len: int, max_len: int, same_parent: bool):
    out: list[tuple[int, int, list[str]]] = []
    for i, (s, e, path) in enumerate(pieces):
        if out:
            ps, pe, ppath = out[-1]
            small = (pe - ps) < min_len or (e - s) < min_len
            nxt = pieces[i + 1][2] if i + 1 < len(pieces) else None
            opens_section = (
                same_parent and nxt is not None and len(nxt) > len(path) and nxt[: len(path)] == path
            )
            if (
                small
                and not opens_section
                and e - ps <= max_len
                and (not same_parent or _related(ppath, path))
            ):
                out[-1] = (ps, e, _common_prefix(ppath, path))
                continue
        out.append((s, e, path))
    return out


def split_markdown(text: str, *, min_len: int = 300, max_len: int = 1500) -> list[Chunk]:
    """Heading-aware split: sections under headings, small ones merged to ``min_len``, big ones cut to ``max_len``."""
    if max_len <= 0 or min_len < 0 or min_len > max_len:
        raise ValueError(
            f"need 0 <= min_len <= max_len and max_len > 0, got min_len={min_len}, max_len={max_len}"
        )
    headings = markdown_headings(text)
    paths = _heading_paths(headings)
    bounds = [h[0] for h in headings]
    sections: list[tuple[int, int, list[str]]] = []
    if not bounds or bounds[0] > 0:
        sections.append((0, bounds[0] if bounds else len(text), []))
    for i, start in enumerate(bounds):
        sections.append((start, bounds[i + 1] if i + 1 < len(bounds) else len(text), paths[i]))
    pieces: list[tuple[int, int, list[str]]] = []
    for s, e, path in sections:
        s, e = _strip_span(text, s, e)
        if s >= e:
            continue
        spans = [(s, e)] if e - s <= max_len else _split_section(text, s, e, max_len)
        pieces.extend((ps, pe, path) for ps, pe in spans if ps < pe)
    pieces = _merge_small(pieces, min_len, max_len, same_parent=True)
    pieces = _merge_small(pieces, min_len, max_len, same_parent=False)
    return [Chunk(text=text[s:e], heading_path=list(path), start=s, end=e) for s, e, path in pieces]


# --------------------------------------------------------------------------------- recursive / tokens


def split_recursive(
    text: str,
    *,
    chunk_size: int = 1000,
    overlap: int = 100,
    separators: Sequence[str] = ("\n\n", "\n", ". ", " ", ""),
) -> list[Chunk]:
    """Cut at the first separator that yields pieces within ``chunk_size``; consecutive chunks share up to ``overlap`` chars.

    The shared part starts right after the coarsest separator (paragraph, line, sentence, word) found in the last
    ``overlap`` characters of the previous chunk, so overlaps begin at a natural boundary.
    """
    if chunk_size <= 0 or overlap < 0 or overlap >= chunk_size:
        raise ValueError(f"need chunk_size > 0 and 0 <= overlap < chunk_size, got {chunk_size=}, {overlap=}")
    units = _units(text, 0, len(text), chunk_size, list(separators), char_unit=overlap or None)
    windows: list[Span] = []
    start: int | None = None
    end = 0
    for unit_start, unit_end in units:
        if start is None:
            start, end = unit_start, unit_end
        elif unit_end - start <= chunk_size:
            end = unit_end
        else:
            windows.append((start, end))
            lowest = max(start + 1, end - overlap, unit_end - chunk_size)
            shared = _overlap_start(text, lowest, end, separators) if overlap else None
            start, end = (shared if shared is not None else unit_start), unit_end
    if start is not None:
        windows.append((start, end))
    return _chunks_from_spans(text, windows)


def _overlap_start(text: str, lowest: int, end: int, separators: Sequence[str]) -> int | None:
    """Earliest cut in [lowest, end) right after the coarsest separator found there (None when there is none)."""
    if lowest >= end:
        return None
    for sep in separators:
        if sep == "":
            return lowest
        i = text.find(sep, max(0, lowest - len(sep)), end)
        while i != -1 and i + len(sep) < lowest:
            i = text.find(sep, i + 1, end)
        if i != -1 and text[i + len(sep) : end].strip():
            return i + len(sep)
    return None


def _token_spans(text: str, tokenizer) -> list[Span] | None:
    """Character spans of the tokens of ``text``; None when the tokenizer cannot report offsets."""
    if tokenizer is None:
        return [m.span() for m in _WORD_TOKEN_RE.finditer(text)]
    try:
        encoded = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
        return [tuple(span) for span in encoded["offset_mapping"]]
    except (TypeError, ValueError, KeyError, NotImplementedError):
        return None


def split_tokens(text: str, *, chunk_tokens: int = 256, overlap: int = 32, tokenizer=None) -> list[Chunk]:
    """Windows of ``chunk_tokens`` tokens, each starting ``chunk_tokens - overlap`` tokens after the previous.

    ``tokenizer`` is any Hugging Face tokenizer (fast tokenizers give exact offsets; others are decoded and
    located in the text) or None for the built-in word tokenizer (words, punctuation marks and single CJK
    characters).
    """
    if chunk_tokens <= 0 or overlap < 0 or overlap >= chunk_tokens:
        raise ValueError(
            f"need chunk_tokens > 0 and 0 <= overlap < chunk_tokens, got {chunk_tokens=}, {overlap=}"
        )
    step = chunk_tokens - overlap
    spans = _token_spans(text, tokenizer)
    if spans is None:
        return _split_tokens_decoded(text, chunk_tokens, step, tokenizer)
    windows = []
    for i in range(0, len(spans), step):
        window = spans[i : i + chunk_tokens]
        windows.append((window[0][0], window[-1][1]))
        if i + chunk_tokens >= len(spans):
            break
    return _chunks_from_spans(text, windows)


def _split_tokens_decoded(text: str, chunk_tokens: int, step: int, tokenizer) -> list[Chunk]:
    """Token windows for tokenizers without offsets: decode each window and find it in the text."""
    ids = tokenizer.encode(text, add_special_tokens=False)
    index, chunks, cursor = _PathIndex(text), [], 0
    for i in range(0, len(ids), step):
        piece = tokenizer.decode(ids[i : i + chunk_tokens], skip_special_tokens=True).strip()
        if piece:
            found = text.find(piece, max(0, cursor - 4 * len(piece)))
            start = found if found >= 0 else cursor
            chunks.append(
                Chunk(text=piece, heading_path=index.at(start), start=start, end=start + len(piece))
            )
            cursor = start + 1
        if i + chunk_tokens >= len(ids):
            break
    return chunks


def split_custom(text: str, *, separator: str) -> list[Chunk]:
    """Cut at every occurrence of ``separator`` (removed from the chunks); blank pieces are dropped."""
    if not separator:
        raise ValueError("separator must be a non-empty string")
    spans, cur = [], 0
    i = text.find(separator)
    while i != -1:
        spans.append((cur, i))
        cur = i + len(separator)
        i = text.find(separator, cur)
    spans.append((cur, len(text)))
    return _chunks_from_spans(text, spans)


# ------------------------------------------------------------------------------------------ dispatch

SPLIT_METHODS = {
    "markdown": split_markdown,
    "recursive": split_recursive,
    "token": split_tokens,
    "custom": split_custom,
}


def split_text(text: str, method: str = "markdown", **options) -> list[Chunk]:
    """Split with the named method (markdown, recursive, token, custom); unknown methods/options raise ValueError."""
    function = SPLIT_METHODS.get("token" if method == "tokens" else method)
    if function is None:
        raise ValueError(f"unknown split method {method!r}; choose one of {', '.join(SPLIT_METHODS)}")
    allowed = [name for name in inspect.signature(function).parameters if name != "text"]
    unknown = sorted(set(options) - set(allowed))
    if unknown:
        raise ValueError(
            f"unknown option(s) {', '.join(unknown)} for split method {method!r}; allowed: {', '.join(allowed)}"
        )
    chunks = function(text, **options)
    logger.debug("split %d chars with %s into %d chunks", len(text), method, len(chunks))
    return chunks


def merge_chunks(chunks: Sequence[Chunk]) -> Chunk:
    """Join chunks (in text order) into one, dropping text that consecutive chunks share through overlap."""
    if not chunks:
        raise ValueError("merge_chunks needs at least one chunk")
    ordered = sorted(chunks, key=lambda c: (c.start, c.end))
    parts = [ordered[0].text]
    path = list(ordered[0].heading_path)
    end = ordered[0].end
    for chunk in ordered[1:]:
        text = chunk.text
        exact = len(text) == chunk.end - chunk.start
        if exact and chunk.start < end:
            text = text[end - chunk.start :].lstrip()  # overlapping span: keep only the new part
        if text:
            parts.append(text)
        path = _common_prefix(path, chunk.heading_path)
        end = max(end, chunk.end)
    return Chunk(text="\n\n".join(parts), heading_path=path, start=ordered[0].start, end=end)
