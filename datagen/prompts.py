"""Prompt files of the dataset studio: ``datagen/prompts/{lang}/{name}.txt``, one per language and task.

A prompt file starts with a header line declaring its placeholders, then the text::

    # placeholders: context, question
    Read the passage ... {context} ... {question}

Placeholders are ``{name}`` fields (identifiers only, so JSON examples with quoted keys are plain text). The
loader checks that the header matches the fields the text uses, and :func:`render` checks that the caller
passes exactly those fields: a missing or an extra one is a :class:`PromptError`, never a silent gap.
Values are substituted literally (no ``str.format`` escaping rules). The data language (``en``/``zh``) is
chosen per generation run, independently of the UI language.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from datagen.errors import DatagenError

PROMPT_DIR = Path(__file__).resolve().parent / "prompts"
LANGUAGES = ("en", "zh")
HEADER = "# placeholders:"
_FIELD_RE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


class PromptError(DatagenError, ValueError):
    """A prompt file is missing or malformed, or was rendered with the wrong fields."""


@dataclass(frozen=True)
class Prompt:
    """A loaded prompt template and the placeholders it declares."""

    name: str
    lang: str
    text: str
    placeholders: frozenset[str]
    path: Path

    def render(self, **fields: object) -> str:
        given = set(fields)
        if given != self.placeholders:
            missing = sorted(self.placeholders - given)
            extra = sorted(given - self.placeholders)
            raise PromptError(f"{self.path}: placeholders mismatch: missing {missing or 'none'}, "
                              f"unexpected {extra or 'none'} (the file declares {sorted(self.placeholders)})")
        return _FIELD_RE.sub(lambda m: str(fields[m.group(1)]), self.text)


def parse_prompt(text: str, *, name: str, lang: str, path: Path) -> Prompt:
    """Parse a prompt file's content; the header must list exactly the fields the text uses."""
    first, _, body = text.partition("\n")
    if not first.startswith(HEADER):
        raise PromptError(f"{path}: line 1 must be '{HEADER} a, b, …' (declare the placeholders, may be empty)")
    declared = {p.strip() for p in first[len(HEADER):].split(",") if p.strip()}
    bad = [p for p in declared if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", p)]
    if bad:
        raise PromptError(f"{path}: line 1: invalid placeholder name(s) {bad}")
    used = set(_FIELD_RE.findall(body))
    if used != declared:
        raise PromptError(f"{path}: the header declares {sorted(declared)} but the text uses {sorted(used)}")
    if not body.strip():
        raise PromptError(f"{path}: the prompt text is empty")
    return Prompt(name=name, lang=lang, text=body.strip() + "\n", placeholders=frozenset(declared), path=path)


@functools.cache
def load_prompt(name: str, lang: str = "en", directory: Path = PROMPT_DIR) -> Prompt:
    """The prompt ``name`` in language ``lang`` (``en`` or ``zh``), read once and cached."""
    if lang not in LANGUAGES:
        raise PromptError(f"unknown data language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    path = Path(directory) / lang / f"{name}.txt"
    if not path.is_file():
        raise PromptError(f"no prompt file {path}")
    return parse_prompt(path.read_text(encoding="utf-8"), name=name, lang=lang, path=path)


def render(name: str, lang: str = "en", **fields: object) -> str:
    """Load prompt ``name`` in ``lang`` and fill it with exactly its declared ``fields``."""
    return load_prompt(name, lang).render(**fields)


def prompt_names(directory: Path = PROMPT_DIR) -> list[str]:
    """Every prompt name found in any language folder."""
    return sorted({p.stem for lang in LANGUAGES for p in (Path(directory) / lang).glob("*.txt")})


def check_prompts(directory: Path = PROMPT_DIR) -> list[str]:
    """Problems with the prompt set: a prompt missing in a language or declaring different placeholders."""
    problems = []
    for name in prompt_names(directory):
        loaded = {}
        for lang in LANGUAGES:
            try:
                loaded[lang] = load_prompt(name, lang, Path(directory))
            except PromptError as exc:
                problems.append(str(exc))
        if len(loaded) == len(LANGUAGES) and len({p.placeholders for p in loaded.values()}) > 1:
            problems.append(f"{name}: languages declare different placeholders "
                            f"{ {lang: sorted(p.placeholders) for lang, p in loaded.items()} }")
    return problems
