"""Code-aware splitting of source files: chunks end at top-level function/class boundaries.

Source files (``.py``, ``.js``/``.mjs``/``.cjs``/``.jsx``, ``.ts``/``.tsx``, ``.java``, ``.go``, ``.rs``,
``.c``/``.h``, ``.cpp``/``.cc``/``.cxx``/``.hpp``/``.hh``) are parsed with tree-sitter (the ``tree-sitter``
bindings plus the tree-sitter organisation's grammar wheels, one small wheel per language). A parse tree gives
the exact extent of every top-level definition, where separator heuristics (``"\\ndef "``, ``"\\nfunction "``)
are fooled by nested definitions, strings and comments.

:func:`split_code` packs whole top-level units (a definition with the comments right above it, an import
block …) into chunks of at most ``max_len`` characters: a unit that fits is never cut. A unit larger than
``max_len`` (a long class) is cut between its members (methods, fields), the member chunks carrying the unit's
first line as their heading path; a single member still too large is cut between lines. Chunk offsets are
character offsets into the text (``text[start:end] == chunk.text``), like every splitter in
:mod:`datagen.split`.
"""

from __future__ import annotations

import bisect
import functools
import importlib
import itertools
import logging
from pathlib import Path

from datagen.split import Chunk

logger = logging.getLogger(__name__)

# extension -> language name; language name -> (grammar module, its language function)
CODE_EXTENSIONS: dict[str, str] = {
    ".py": "python", ".pyi": "python", ".js": "javascript", ".mjs": "javascript", ".cjs": "javascript",
    ".jsx": "javascript", ".ts": "typescript", ".tsx": "tsx", ".java": "java", ".go": "go", ".rs": "rust",
    ".c": "c", ".h": "c", ".cpp": "cpp", ".cc": "cpp", ".cxx": "cpp", ".hpp": "cpp", ".hh": "cpp",
}  # fmt: skip
_GRAMMARS: dict[str, tuple[str, str]] = {
    "python": ("tree_sitter_python", "language"), "javascript": ("tree_sitter_javascript", "language"),
    "typescript": ("tree_sitter_typescript", "language_typescript"),
    "tsx": ("tree_sitter_typescript", "language_tsx"), "java": ("tree_sitter_java", "language"),
    "go": ("tree_sitter_go", "language"), "rust": ("tree_sitter_rust", "language"),
    "c": ("tree_sitter_c", "language"), "cpp": ("tree_sitter_cpp", "language"),
}  # fmt: skip
LANGUAGES = tuple(_GRAMMARS)
_BODY_HINTS = ("body", "block", "declaration_list", "compound_statement")

Span = tuple[int, int, list[str]]  # byte start, byte end, heading path


def language_for(filename: str) -> str | None:
    """The language of a source file by its extension (None when it is not a known source type)."""
    return CODE_EXTENSIONS.get(Path(filename).suffix.lower())


@functools.cache
def _parser(language: str):
    if language not in _GRAMMARS:
        raise ValueError(f"unknown code language {language!r}; choose one of {', '.join(LANGUAGES)}")
    import tree_sitter

    module_name, function = _GRAMMARS[language]
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise ValueError(f"the {language} grammar is not installed (pip install {module_name.replace('_', '-')})"
                         ) from exc
    return tree_sitter.Parser(tree_sitter.Language(getattr(module, function)()))


def _line_start(data: bytes, offset: int) -> int:
    return data.rfind(b"\n", 0, offset) + 1


def _units(data: bytes, nodes) -> list[tuple[int, int]]:
    """Byte spans of the units among sibling ``nodes``: comments join the node that follows them, and a unit
    that starts its line begins at the line start (keeping its indentation)."""
    units: list[tuple[int, int]] = []
    pending: int | None = None  # start of comments waiting for their node
    for node in nodes:
        line = _line_start(data, node.start_byte)
        start = line if not data[line:node.start_byte].strip() else node.start_byte
        if "comment" in node.type:
            pending = start if pending is None else pending
            continue
        if pending is not None:
            start, pending = pending, None
        units.append((start, node.end_byte))
    if pending is not None:  # trailing comments: a unit of their own
        units.append((pending, nodes[-1].end_byte))
    return units


def _body(node):
    """The child of ``node`` that holds its members (a class or function body), or None."""
    best = None
    for child in node.children:
        if any(h in child.type for h in _BODY_HINTS) and child.named_child_count > 1:
            best = child
    if best is None:  # e.g. Python's decorated_definition: the definition inside
        inner = [c for c in node.named_children if c.named_child_count]
        if len(inner) == 1 and inner[0].end_byte - inner[0].start_byte > (node.end_byte - node.start_byte) // 2:
            return _body(inner[0])
    return best


def _lines(data: bytes, start: int, end: int, limit: int, path: list[str]) -> list[Span]:
    """Cut [start, end) between lines into pieces of at most ``limit`` bytes (a longer line stays whole)."""
    pieces, cur, pos = [], start, start
    while pos < end:
        nl = data.find(b"\n", pos, end)
        line_end = end if nl == -1 else nl + 1
        if line_end - cur > limit and pos > cur:
            pieces.append((cur, pos, path))
            cur = pos
        pos = line_end
    if cur < end:
        pieces.append((cur, end, path))
    return pieces


def _spans(data: bytes, node, start: int, end: int, limit: int, path: list[str]) -> list[Span]:
    """Pieces of one unit [start, end): whole if it fits, else cut between its body's members, else lines."""
    if end - start <= limit:
        return [(start, end, path)]
    own = _line_start(data, node.start_byte) if node is not None else start
    if start < own and end - own <= limit:  # the comments above it make it too long: they go alone
        return [*_lines(data, start, own, limit, path), (own, end, path)]
    body = _body(node) if node is not None else None
    if body is None:
        return _lines(data, start, end, limit, path)
    heading = data[start:end].split(b"\n", 1)[0].decode("utf-8", "replace").strip()[:100]
    inner_path = [*path, heading] if heading else path
    members = _units(data, body.named_children)
    by_end = {c.end_byte: c for c in body.named_children}
    pieces: list[Span] = []
    for i, (ms, me) in enumerate(members):
        s = start if i == 0 else ms  # the header joins the first member, the closing part the last
        e = end if i == len(members) - 1 else me
        pieces += _spans(data, by_end.get(me), s, e, limit, inner_path)
    return pieces


def _pack(pieces: list[Span], limit: int) -> list[Span]:
    """Join consecutive pieces with the same heading path while the joined span stays within ``limit``."""
    packed: list[Span] = []
    for s, e, path in pieces:
        if packed and packed[-1][2] == path and e - packed[-1][0] <= limit:
            packed[-1] = (packed[-1][0], e, path)
        else:
            packed.append((s, e, path))
    return packed


def split_code(text: str, *, language: str = "python", max_len: int = 1500, min_len: int = 0) -> list[Chunk]:
    """Chunks of source ``text`` cut at top-level definition boundaries (see the module docstring).

    ``min_len`` is accepted for compatibility with the Markdown splitter's options and ignored: packing
    already joins small neighbours up to ``max_len``."""
    if max_len <= 0:
        raise ValueError(f"need max_len > 0, got {max_len}")
    data = text.encode("utf-8")
    tree = _parser(language).parse(data)
    top = tree.root_node.children
    if not top:
        return []
    by_end = {n.end_byte: n for n in top}
    pieces: list[Span] = []
    for s, e in _units(data, top):
        pieces += _spans(data, by_end.get(e), s, e, max_len, [])
    # byte offsets -> character offsets
    char_at = list(itertools.accumulate((len(c.encode("utf-8")) for c in text), initial=0))
    chunks = []
    for s, e, path in _pack(pieces, max_len):
        cs, ce = bisect.bisect_left(char_at, s), bisect.bisect_left(char_at, e)
        piece = text[cs:ce]
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        if piece:
            chunks.append(Chunk(text=piece, heading_path=list(path), start=cs + lead, end=cs + lead + len(piece)))
    logger.debug("split %d chars of %s into %d chunks", len(text), language, len(chunks))
    return chunks


def split_document(text: str, kind: str, meta: dict, method: str, options: dict) -> list[Chunk]:
    """Split one ingested document: source files (kind ``code``) with the default (``markdown``) method go
    through :func:`split_code` (a ``#`` line is a comment there, not a heading), with ``max_len`` from the
    options; everything else, and source files with an explicit other method, through
    :func:`datagen.split.split_text`."""
    from datagen.split import split_text

    if kind == "code" and method in ("markdown", "code"):
        language = (meta or {}).get("language") or "python"
        return split_code(text, language=language, max_len=int(options.get("max_len") or 1500))
    return split_text(text, method, **options)
