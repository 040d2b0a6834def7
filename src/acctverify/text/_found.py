"""A hit in normalised coordinates, before it is mapped back to the original text (private)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from acctverify.models.text import HitDetails

__all__ = ["Found", "details"]


class Found(NamedTuple):
    """What a finder reports: kind, span in the normalised text, value, rule and evidence."""

    kind: str
    start: int
    end: int
    value: str
    rule: str
    cue: tuple[int, int] | None
    """Span (normalised) of the word or cue that supported the hit."""
    details: HitDetails
    disguised_cue: bool = False
    """The supporting word is a homophone or slang spelling (薇信, 扣扣, 企鹅)."""


@functools.lru_cache(maxsize=4096)
def details(**fields: Any) -> HitDetails:
    """A :class:`HitDetails`, shared between hits with the same facts (it is immutable)."""
    from acctverify.models.text import HitDetails

    return HitDetails(**{key: value for key, value in fields.items() if value is not None})
