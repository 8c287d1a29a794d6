"""What :mod:`entities` finds in a question: a KB name it mentions (:class:`Mention`), or a name that resembles KB
names but is none of them (:class:`NearMiss`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mention:
    name: str  # the KB name (lower-cased key of the index)
    start: int  # character span in the question
    end: int
    said: str  # the question's text at the span
    exact: bool  # False: a typo or spacing variant was assumed to mean ``name``

    @property
    def whole(self) -> bool:
        """A mention of no width: the question describes the entity as a whole (:func:`described.described_by_meaning`)."""
        return self.start == self.end


@dataclass(frozen=True)
class NearMiss:
    said: str  # the question's text that resembles a KB name
    closest: tuple[str, ...]  # the closest KB names, as written in the KB, best first
