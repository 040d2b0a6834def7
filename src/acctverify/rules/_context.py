"""What every rule receives (private)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from acctverify.directory import Directory
    from acctverify.models.report import Facts
    from acctverify.models.request import PaymentRequest


@dataclass(frozen=True)
class RuleContext:
    """The request as given, the facts parsed from it, and the creditor directory in use."""

    request: PaymentRequest
    facts: Facts
    directory: Directory
