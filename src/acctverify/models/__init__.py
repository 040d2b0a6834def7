"""Pydantic models: identifier facts, and (later) the request and the report."""

from __future__ import annotations

from acctverify.models._base import Model
from acctverify.models.facts import (
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

__all__ = [
    "AccountInfo",
    "AccountKind",
    "BankInfo",
    "CardBin",
    "CardType",
    "CnapsInfo",
    "Hotline",
    "Model",
    "RegionInfo",
    "UsccInfo",
]
