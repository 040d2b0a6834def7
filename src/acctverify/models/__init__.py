"""Pydantic models: the request, the report, and the facts parsed along the way.

All models are frozen, reject unknown fields and carry field docstrings into their JSON schema.
"""

from __future__ import annotations

from acctverify.models._base import Model
from acctverify.models.directory import (
    Creditor,
    CreditorHotline,
    CreditorMatch,
    LegalEntity,
    OfficialAccount,
    OfficialDomain,
)
from acctverify.models.facts import (
    BankMismatch,
    Facts,
    ImageFacts,
    LicenceFacts,
    ListedContact,
    MessageFacts,
    NameChecks,
    NamePairMatch,
    PayeeFacts,
    QrLink,
    RegistryStatus,
)
from acctverify.models.findings import Advice, Evidence, Finding, FindingKind, Level, Subject
from acctverify.models.identifiers import (
    AccountInfo,
    AccountKind,
    BankInfo,
    CardBin,
    CardType,
    CnapsInfo,
    Hotline,
    RegionInfo,
    UsccInfo,
)
from acctverify.models.names import CompanyName, Lookalike, MatchOutcome, NameMatch, SpoofSign
from acctverify.models.report import Report
from acctverify.models.request import AccountType, Contact, Licence, Payee, PaymentRequest
from acctverify.models.text import (
    CueHit,
    HitDetails,
    HitKind,
    MessageForm,
    MessageRisk,
    RiskContribution,
    ScanResult,
    TextHit,
    TypologyMatch,
)

__all__ = [
    "AccountInfo",
    "AccountKind",
    "AccountType",
    "Advice",
    "BankInfo",
    "BankMismatch",
    "CardBin",
    "CardType",
    "CnapsInfo",
    "CompanyName",
    "Contact",
    "Creditor",
    "CreditorHotline",
    "CreditorMatch",
    "CueHit",
    "Evidence",
    "Facts",
    "Finding",
    "FindingKind",
    "HitDetails",
    "HitKind",
    "Hotline",
    "ImageFacts",
    "LegalEntity",
    "Level",
    "Licence",
    "LicenceFacts",
    "ListedContact",
    "Lookalike",
    "MatchOutcome",
    "MessageFacts",
    "MessageForm",
    "MessageRisk",
    "Model",
    "NameChecks",
    "NameMatch",
    "NamePairMatch",
    "OfficialAccount",
    "OfficialDomain",
    "Payee",
    "PayeeFacts",
    "PaymentRequest",
    "QrLink",
    "RegionInfo",
    "RegistryStatus",
    "Report",
    "RiskContribution",
    "ScanResult",
    "SpoofSign",
    "Subject",
    "TextHit",
    "TypologyMatch",
    "UsccInfo",
]
