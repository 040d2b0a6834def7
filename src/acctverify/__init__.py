"""acctverify: is this "corporate account" really your creditor's, and is the request a scam?

The public API is listed once, in ``__all__``. Names are imported on first use, so
``import acctverify`` stays cheap; type checkers see the real imports.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from acctverify._version import __version__

if TYPE_CHECKING:
    from acctverify.models import (
        AccountInfo,
        AccountKind,
        BankInfo,
        CardBin,
        CardType,
        CnapsInfo,
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
    "RegionInfo",
    "UsccInfo",
    "__version__",
]

_LAZY = {
    "AccountInfo": "acctverify.models",
    "AccountKind": "acctverify.models",
    "BankInfo": "acctverify.models",
    "CardBin": "acctverify.models",
    "CardType": "acctverify.models",
    "CnapsInfo": "acctverify.models",
    "RegionInfo": "acctverify.models",
    "UsccInfo": "acctverify.models",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'acctverify' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
