"""Optional online lookups and risk lists, asked *before* ``verify()``.

联网查询与风险名单（可选）。

acctverify is offline by default: ``verify()`` never touches the network. A caller who wants
fresher or fuller facts than the shipped tables and the licence it was handed opts in here:
:func:`enrich` (or :func:`aenrich`, concurrent) asks the sources and returns the request with their
answers filled in — ``card_bin``, ``registry``, ``risk_hits``, and ``lookups``, one outcome per
source, failures included. ``verify()`` then compares the registry record with the payee and the
licence, reports risk-list hits, and turns a failed or empty lookup into "could not be verified"
(fail closed), never a pass.

* Card BIN: :class:`AlipayCardBinSource` — Alipay's public card-BIN endpoint. It never sends the
  customer's card number: only its BIN, padded to a Luhn-valid dummy number of the same length.
* Business registry: :class:`TianyanchaLicenceSource` — Tianyancha's 企业基本信息 API (1116,
  https://open.tianyancha.com/open/1116), token from ``ACCTVERIFY_TIANYANCHA_KEY``;
  :class:`JsonHttpLicenceSource` — your own registry service, with a field mapping.
* Risk lists: :class:`CsvRiskList` (small lists), :class:`SqliteRiskList` (millions of rows; build
  it with :func:`import_csv`), :class:`JsonHttpRiskList` (an endpoint you run).

Each HTTP source follows httpx: keyword-only settings, a timeout on by default, an
``httpx.Client`` (``httpx.AsyncClient`` for the ``Async…`` variants) you may pass — the transport is
the test seam — and only a client the source made is closed. Every source retries timeouts and 5xx
answers (bounded, with backoff), caches answers for ``cache_ttl`` seconds, refuses bodies over
``max_bytes``, keeps TLS verification on (``verify=False`` raises), never follows redirects, and
never logs or forwards a key.

Exceptions::

    AcctVerifyError
     └── SourceError               a lookup failed (.source, .reason); enrich() records it
          ├── SourceUnavailable    no answer: timeout, connection failure, 5xx (after retries)
          ├── SourceRejected       refused: key, quota, parameters (a documented error code)
          └── SourceResponseError  unusable answer: malformed JSON, unexpected shape, too large,
                                   a redirect
    UserWarning
     └── InsecureSourceWarning     a client that does not verify TLS certificates was passed

Bad settings (``verify=False``, ``timeout=None``, an ``http://`` URL off the loopback interface, a
missing key) raise ``ValueError`` when the source is made.

>>> import httpx
>>> from acctverify.sources import AlipayCardBinSource, Sources, enrich
>>> def alipay(request):  # a stand-in for the real endpoint
...     return httpx.Response(200, json={"bank": "CCB", "cardType": "DC", "messages": [],
...                                      "stat": "ok", "validated": True})
>>> card_bin = AlipayCardBinSource(client=httpx.Client(transport=httpx.MockTransport(alipay)))
>>> request = enrich({"payee": {"account": "6217000000123456786"}}, Sources(card_bin=card_bin))
>>> request.card_bin.bank_code, [(o.source, o.status.value, o.query) for o in request.lookups]
('CCB', [('alipay', 'ok', 'BIN 621700 (19 digits)')])
>>> AlipayCardBinSource(verify=False)
Traceback (most recent call last):
    ...
ValueError: TLS certificate verification cannot be turned off; ...
"""

from __future__ import annotations

from acctverify.exceptions import (
    InsecureSourceWarning,
    SourceError,
    SourceRejected,
    SourceResponseError,
    SourceUnavailable,
)
from acctverify.models.sources import LookupStatus, RiskHit, RiskKind, SourceKind, SourceOutcome
from acctverify.sources._cardbin import (
    ALIPAY_BASE_URL,
    AlipayCardBinSource,
    AsyncAlipayCardBinSource,
    dummy_number,
)
from acctverify.sources._enrich import (
    AsyncCardBinSource,
    AsyncLicenceSource,
    AsyncRiskListSource,
    CardBinSource,
    LicenceSource,
    RiskListSource,
    Sources,
    aenrich,
    enrich,
)
from acctverify.sources._registry import (
    TIANYANCHA_BASE_URL,
    TIANYANCHA_KEY_ENV,
    AsyncJsonHttpLicenceSource,
    AsyncTianyanchaLicenceSource,
    JsonHttpLicenceSource,
    TianyanchaLicenceSource,
)
from acctverify.sources._risklist import (
    AsyncJsonHttpRiskList,
    CsvRiskList,
    JsonHttpRiskList,
    RiskEntry,
    SqliteRiskList,
    import_csv,
    normalise,
)

__all__ = [
    "ALIPAY_BASE_URL",
    "TIANYANCHA_BASE_URL",
    "TIANYANCHA_KEY_ENV",
    "AlipayCardBinSource",
    "AsyncAlipayCardBinSource",
    "AsyncCardBinSource",
    "AsyncJsonHttpLicenceSource",
    "AsyncJsonHttpRiskList",
    "AsyncLicenceSource",
    "AsyncRiskListSource",
    "AsyncTianyanchaLicenceSource",
    "CardBinSource",
    "CsvRiskList",
    "InsecureSourceWarning",
    "JsonHttpLicenceSource",
    "JsonHttpRiskList",
    "LicenceSource",
    "LookupStatus",
    "RiskEntry",
    "RiskHit",
    "RiskKind",
    "RiskListSource",
    "SourceError",
    "SourceKind",
    "SourceOutcome",
    "SourceRejected",
    "SourceResponseError",
    "SourceUnavailable",
    "Sources",
    "SqliteRiskList",
    "TianyanchaLicenceSource",
    "aenrich",
    "dummy_number",
    "enrich",
    "import_csv",
    "normalise",
]
