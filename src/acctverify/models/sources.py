"""What the optional online lookups (:mod:`acctverify.sources`) did, and what the risk lists hold.

:func:`acctverify.sources.enrich` records one :class:`SourceOutcome` per source it asked — failures
included — and one :class:`RiskHit` per risk-list entry that matched an identifier of the request.
Both travel in the request (``PaymentRequest.lookups``, ``PaymentRequest.risk_hits``), so that
``verify()`` stays offline and can still say what could not be checked.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from pydantic import Field

from acctverify.models._base import Model

__all__ = ["LookupStatus", "RiskHit", "RiskKind", "SourceKind", "SourceOutcome"]


class SourceKind(str, Enum):
    """What a source looks up."""

    CARD_BIN = "card_bin"
    """A card BIN: issuing bank and card type."""
    REGISTRY = "registry"
    """A business registry record (工商登记信息)."""
    RISK_LIST = "risk_list"
    """A list of identifiers known to be used in fraud (风险名单)."""


class LookupStatus(str, Enum):
    """How a lookup ended. Only ``ok`` and ``not_found`` are answers; the rest fail closed."""

    OK = "ok"
    """The source answered with a record (for a risk list: the identifiers were checked)."""
    NOT_FOUND = "not_found"
    """The source answered and has no record."""
    UNAVAILABLE = "unavailable"
    """No answer: timeout, connection failure or server error (5xx), after the retries."""
    ERROR = "error"
    """An answer that cannot be used: refused (key, quota, parameters), malformed or too large."""


class RiskKind(str, Enum):
    """What kind of identifier a risk-list entry is (the ``kind`` column of a list)."""

    ACCOUNT = "account"
    """A bank account or card number (digits)."""
    PHONE = "phone"
    """A telephone number (mainland numbers without +86)."""
    WECHAT = "wechat"
    """A WeChat ID (case-insensitive)."""
    QQ = "qq"
    """A QQ number."""
    DOMAIN = "domain"
    """A host name; an entry matches the host and all its sub-domains."""
    USCC = "uscc"
    """A unified social credit code (统一社会信用代码)."""
    NAME = "name"
    """A payee name, person or company (compared after NFKC and without spaces)."""


class SourceOutcome(Model):
    """What one source did for one request."""

    source: str
    """The source's name: ``alipay``, ``tianyancha``, a risk list's name …"""
    kind: SourceKind
    """What the source looks up."""
    status: LookupStatus
    """How the lookup ended."""
    field: str | None = None
    """The request field whose value was looked up (``licence.uscc``, ``payee.name``,
    ``payee.account``); ``None`` for a risk list, which checks every identifier."""
    query: str | None = None
    """What was sent, as shown to people: the BIN alone for a card, the code or name for a
    registry, a count for a risk list. Never a full account number, never a key."""
    detail: str = ""
    """Why a lookup failed, or a short summary of the answer."""


class RiskHit(Model):
    """An identifier of the request found on a risk list."""

    kind: RiskKind
    """What kind of identifier matched."""
    value: str
    """The identifier as normalised for the list; account numbers are masked."""
    field: Annotated[str, Field(pattern=r"^(?:[a-z_]+(?:\.[a-z_]+)*|messages\[\d{1,6}\])$")]
    """Where the identifier is in the request: ``payee.account``, ``contact.caller_number``,
    ``messages[1]`` …"""
    start: Annotated[int, Field(ge=0)] | None = None
    """For a message: offset of the identifier in the original text."""
    end: Annotated[int, Field(ge=0)] | None = None
    """For a message: offset just past the identifier."""
    note: str = ""
    """The list's note on the entry (why it is listed)."""
    source: str = ""
    """Where the list's entry comes from (the ``source`` column: a case number, a report …)."""
    list_name: str
    """The name of the list that holds the entry."""
