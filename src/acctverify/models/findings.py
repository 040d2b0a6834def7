"""Findings: what the rules found, with evidence and a message in Chinese and English."""

from __future__ import annotations

from enum import Enum

from acctverify.models._base import Model


class Level(str, Enum):
    """Overall risk level of a payment request."""

    LOW = "low"
    """The payee is positively tied to the creditor and nothing looks wrong."""
    MEDIUM = "medium"
    """Not verified, or some warning signs: check through the creditor's official channel first."""
    HIGH = "high"
    """Strong scam signals: do not pay."""
    CRITICAL = "critical"
    """The request matches a known scam pattern: do not pay, report it."""

    @property
    def rank(self) -> int:
        """0 for low … 3 for critical."""
        return _RANKS[self]


_RANKS = {Level.LOW: 0, Level.MEDIUM: 1, Level.HIGH: 2, Level.CRITICAL: 3}


class Subject(str, Enum):
    """What a finding is about."""

    PAYEE = "payee"
    ACCOUNT = "account"
    LICENCE = "licence"
    CREDITOR = "creditor"
    MESSAGES = "messages"
    CONTACT = "contact"
    INPUT = "input"
    SOURCES = "sources"
    IMAGE = "image"


class FindingKind(str, Enum):
    """How a finding enters the score."""

    RISK = "risk"
    """Raises the score."""
    TRUST = "trust"
    """Positive evidence: lowers the score."""
    NOT_POSSIBLE = "not_possible"
    """Something could not be verified; raises the score a little (fail closed)."""
    INFO = "info"
    """Context only; does not change the score."""


class Evidence(Model):
    """What triggered a finding: a field of the request, or a span of a message."""

    field: str
    """Dotted path in the request: ``payee.name``, ``licence.uscc``, ``messages[1]`` …"""
    value: str | None = None
    """The value or text involved (account numbers masked)."""
    start: int | None = None
    """Start offset of the span in the message (for message evidence)."""
    end: int | None = None
    """End offset of the span in the message."""
    detail: str | None = None
    """What about the value matters, e.g. the rule or pattern that fired."""


class Finding(Model):
    """One thing the rules found, and what it did to the score."""

    code: str
    """Stable dotted code, e.g. ``payee.not_creditor``: public API, listed in the catalogue."""
    subject: Subject
    """What the finding is about."""
    kind: FindingKind
    """Risk, trust (positive evidence), not possible (unverifiable) or info."""
    weight: float
    """The code's weight in the scoring table (points on a 0-100 scale; see ``scoring``)."""
    contribution: int
    """Points this finding added to (or, for trust, removed from) the final score."""
    min_level: Level | None = None
    """The lowest overall level a request with this finding can have, if any."""
    message_zh: str
    """What was found, in Chinese."""
    message_en: str
    """What was found, in English."""
    evidence: tuple[Evidence, ...] = ()
    """Where it was found (at most ``MAX_EVIDENCE`` pieces, sorted by field and position)."""
    evidence_omitted: int = 0
    """How many further pieces of evidence were found but left out of the report."""


class Advice(Model):
    """A concrete next step for the payer."""

    code: str
    """Stable code, e.g. ``repay_in_app``."""
    zh: str
    """In Chinese."""
    en: str
    """In English."""
