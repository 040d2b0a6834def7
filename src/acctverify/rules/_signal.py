"""What a rule yields: a finding code, its evidence and the values for its message (private)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from acctverify.models.findings import Evidence


@dataclass(frozen=True)
class Signal:
    """A rule's raw result; the scoring stage turns signals into :class:`Finding` objects."""

    code: str
    evidence: tuple[Evidence, ...] = ()
    params: Mapping[str, str] = field(default_factory=dict)
