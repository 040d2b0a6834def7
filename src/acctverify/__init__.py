"""acctverify: is this "corporate account" really your creditor's, and is the request a scam?

>>> import acctverify as av
>>> report = av.verify({"payee": {"name": "深圳前海微众银行股份有限公司"}, "creditor": "微粒贷",
...                     "as_of": "2026-11-29"})
>>> report.level.value, [finding.code for finding in report.findings]
('low', ['account.missing', 'payee.official_entity'])

The public API is listed once, in ``__all__``. Names are imported on first use, so
``import acctverify`` stays cheap; type checkers see the real imports.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from acctverify import _hooks
from acctverify._version import __version__

if TYPE_CHECKING:
    from acctverify._data import data_version
    from acctverify._verify import verify
    from acctverify.batch import verify_many
    from acctverify.directory import Directory, default_directory, load_directory, resolve_creditor
    from acctverify.exceptions import (
        AcctVerifyError,
        DataError,
        InvalidRequest,
        SourceError,
        ValidationError,
    )
    from acctverify.models import (
        AccountInfo,
        AccountKind,
        AccountType,
        Advice,
        BankInfo,
        CardBin,
        CardType,
        CnapsInfo,
        CompanyName,
        Contact,
        Creditor,
        CreditorMatch,
        Evidence,
        Facts,
        Finding,
        FindingKind,
        HitKind,
        Level,
        Licence,
        MatchOutcome,
        NameMatch,
        Payee,
        PaymentRequest,
        RegionInfo,
        Report,
        Subject,
        TextHit,
        UsccInfo,
    )
    from acctverify.names import match_names, parse_company_name
    from acctverify.scoring import DEFAULT_WEIGHTS
    from acctverify.text import scan

__all__ = [
    "DEFAULT_WEIGHTS",
    "AccountInfo",
    "AccountKind",
    "AccountType",
    "AcctVerifyError",
    "Advice",
    "BankInfo",
    "CardBin",
    "CardType",
    "CnapsInfo",
    "CompanyName",
    "Contact",
    "Creditor",
    "CreditorMatch",
    "DataError",
    "Directory",
    "Evidence",
    "Facts",
    "Finding",
    "FindingKind",
    "HitKind",
    "InvalidRequest",
    "Level",
    "Licence",
    "MatchOutcome",
    "NameMatch",
    "Payee",
    "PaymentRequest",
    "RegionInfo",
    "Report",
    "SourceError",
    "Subject",
    "TextHit",
    "UsccInfo",
    "ValidationError",
    "__version__",
    "data_version",
    "default_directory",
    "load_directory",
    "match_names",
    "parse_company_name",
    "resolve_creditor",
    "scan",
    "verify",
    "verify_many",
]

_LAZY = {
    "AccountInfo": "acctverify.models",
    "AccountKind": "acctverify.models",
    "AccountType": "acctverify.models",
    "AcctVerifyError": "acctverify.exceptions",
    "Advice": "acctverify.models",
    "BankInfo": "acctverify.models",
    "CardBin": "acctverify.models",
    "CardType": "acctverify.models",
    "CnapsInfo": "acctverify.models",
    "CompanyName": "acctverify.models",
    "Contact": "acctverify.models",
    "Creditor": "acctverify.models",
    "CreditorMatch": "acctverify.models",
    "DEFAULT_WEIGHTS": "acctverify.scoring",
    "DataError": "acctverify.exceptions",
    "Directory": "acctverify.directory",
    "Evidence": "acctverify.models",
    "Facts": "acctverify.models",
    "Finding": "acctverify.models",
    "FindingKind": "acctverify.models",
    "HitKind": "acctverify.models",
    "InvalidRequest": "acctverify.exceptions",
    "Level": "acctverify.models",
    "Licence": "acctverify.models",
    "MatchOutcome": "acctverify.models",
    "NameMatch": "acctverify.models",
    "Payee": "acctverify.models",
    "PaymentRequest": "acctverify.models",
    "RegionInfo": "acctverify.models",
    "Report": "acctverify.models",
    "SourceError": "acctverify.exceptions",
    "Subject": "acctverify.models",
    "TextHit": "acctverify.models",
    "UsccInfo": "acctverify.models",
    "ValidationError": "acctverify.exceptions",
    "data_version": "acctverify._data",
    "default_directory": "acctverify.directory",
    "load_directory": "acctverify.directory",
    "match_names": "acctverify.names",
    "parse_company_name": "acctverify.names",
    "resolve_creditor": "acctverify.directory",
    "scan": "acctverify.text",
    "verify": "acctverify._verify",
    "verify_many": "acctverify.batch",
}


def _renderer(name: str, module: str) -> Any:
    """A hook that imports the renderer on first call (models never import rendering code)."""

    def render(*args: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args)

    return render


_hooks.register("redact", _renderer("redact", "acctverify.render"))
_hooks.register("report_html", _renderer("report_html", "acctverify.render"))
_hooks.register("report_frame", _renderer("report_frame", "acctverify.render"))


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'acctverify' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
