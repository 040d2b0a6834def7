"""Card BIN lookup online: Alipay's public card-BIN endpoint (private).

The endpoint is undocumented and unofficial (../shared/reference/identifiers.md §3.3; used by the
npm ``bankcardinfo`` package and the ``hexindai/bcbc`` data set)::

    GET https://ccdcapi.alipay.com/validateAndCacheCardInfo.json
        ?_input_charset=utf-8&cardNo=<number>&cardBinCheck=true

    {"bank":"ABC","cardType":"DC","key":"…","messages":[],"stat":"ok","validated":true}
    {"messages":[{"errorCodes":"CARD_BIN_NOT_MATCH","name":"cardNo"}],"validated":false,
     "stat":"ok","key":"…"}

Bodies are GBK-encoded (decoded by :class:`~acctverify.sources._transport.Body`). Error codes:
``CARD_BIN_NOT_MATCH`` (no such BIN: not found), ``PARAM_ILLEGAL`` and ``CARD_NO_BLANK`` (the
request was refused), ``SYS_ERROR`` and ``SERVICE_ACCESS_FAILURE`` (the service is failing:
unavailable, not retried). The endpoint checks the BIN only, not the Luhn digit.

**Privacy.** The customer's card number never leaves the machine. What is sent is a dummy number
of the same length: the BIN (the first six digits, or up to eight with ``bin_digits``), zeros,
and a Luhn check digit (:func:`dummy_number`). The answer depends only on the BIN.

>>> dummy_number('6228 4804 0256 4890 018')
'6228480000000000000'
>>> dummy_number('6217003827561943520', bin_digits=8)
'6217003800000000004'
"""

from __future__ import annotations

import unicodedata
from typing import Any

import httpx
from stdnum import luhn
from stdnum.exceptions import InvalidFormat, InvalidLength
from typing_extensions import override

from acctverify.exceptions import SourceRejected, SourceResponseError, SourceUnavailable
from acctverify.models.identifiers import CardBin, CardType
from acctverify.sources._base import AsyncSource, HttpSource, SyncSource
from acctverify.sources._settings import (
    DEFAULT_BACKOFF,
    DEFAULT_CACHE_TTL,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    Timeout,
    Verify,
)
from acctverify.sources._transport import Body, ClientT, Request

__all__ = ["ALIPAY_BASE_URL", "AlipayCardBinSource", "AsyncAlipayCardBinSource", "dummy_number"]

ALIPAY_BASE_URL = "https://ccdcapi.alipay.com"
ALIPAY_PATH = "/validateAndCacheCardInfo.json"
#: The answers are a few hundred bytes.
MAX_BYTES = 65_536

_NOT_FOUND = frozenset({"CARD_BIN_NOT_MATCH"})
_REJECTED = frozenset({"PARAM_ILLEGAL", "CARD_NO_BLANK"})
_FAILING = frozenset({"SYS_ERROR", "SERVICE_ACCESS_FAILURE"})
_SEPARATORS = str.maketrans("", "", " -\u00a0\u3000")


def card_digits(number: str) -> str:
    """Return the digits of a card number (13 to 19 of them), or raise stdnum's errors."""
    if not isinstance(number, str):
        raise InvalidFormat()
    digits = unicodedata.normalize("NFKC", number).translate(_SEPARATORS)
    if not (digits.isascii() and digits.isdigit()):
        raise InvalidFormat()
    if not 13 <= len(digits) <= 19:
        raise InvalidLength()
    return digits


def dummy_number(number: str, *, bin_digits: int = 6) -> str:
    """Return what is sent instead of *number*: its BIN, zeros and a Luhn digit, same length."""
    if not 6 <= bin_digits <= 8:
        raise ValueError("bin_digits must be 6, 7 or 8")
    digits = card_digits(number)
    body = digits[:bin_digits].ljust(len(digits) - 1, "0")
    return body + luhn.calc_check_digit(body)


def _error_codes(data: dict[str, Any]) -> set[str]:
    codes: set[str] = set()
    messages = data.get("messages")
    if isinstance(messages, list):
        for message in messages:
            value = message.get("errorCodes") if isinstance(message, dict) else None
            if isinstance(value, str):
                codes.update(code.strip() for code in value.split(",") if code.strip())
    return codes


def parse_answer(source: str, body: Body, *, bin_: str, length: int) -> CardBin | None:
    """Read an answer of the endpoint: a BIN entry, ``None`` for an unknown BIN, or raise."""
    if body.status_code != 200:
        raise SourceRejected(source, f"HTTP {body.status_code}")
    data = body.json(source)
    if not isinstance(data, dict):
        raise SourceResponseError(source, "the answer is not a JSON object")
    codes = _error_codes(data)
    if data.get("validated") is True:
        bank, kind = data.get("bank"), data.get("cardType")
        if not (isinstance(bank, str) and bank.isascii() and bank.isalnum() and len(bank) <= 20):
            raise SourceResponseError(source, "no bank code in the answer")
        try:
            card_type = CardType(kind)
        except ValueError:
            raise SourceResponseError(source, f"unknown card type {str(kind)[:20]!r}") from None
        # The endpoint returns the bank's code only; acctverify.cn.banks.get() has its name.
        return CardBin(
            bin=bin_,
            length=length,
            bank_code=bank,
            bank_name=bank,
            card_type=card_type,
            sources=(source,),
        )
    if codes & _NOT_FOUND:
        return None
    if codes & _FAILING:
        raise SourceUnavailable(source, "the service reports " + ", ".join(sorted(codes)))
    if codes:
        raise SourceRejected(source, "error code " + ", ".join(sorted(codes))[:80])
    if data.get("stat") not in (None, "ok"):
        raise SourceResponseError(source, f"stat {str(data.get('stat'))[:20]!r}")
    raise SourceResponseError(source, "neither a card nor an error code in the answer")


class _Alipay(HttpSource[ClientT, str, CardBin | None]):
    """The endpoint's settings, request and answer, shared by the sync and async sources. The
    question (and cache key) is the dummy number: the BIN and the length, nothing more."""

    def __init__(
        self,
        *,
        base_url: str = ALIPAY_BASE_URL,
        client: ClientT | None = None,
        timeout: Timeout | None = DEFAULT_TIMEOUT,
        retries: int = DEFAULT_RETRIES,
        backoff: float = DEFAULT_BACKOFF,
        max_bytes: int = MAX_BYTES,
        cache_ttl: float = DEFAULT_CACHE_TTL,
        bin_digits: int = 6,
        verify: Verify = True,
        name: str = "alipay",
    ) -> None:
        if not 6 <= bin_digits <= 8:
            raise ValueError("bin_digits must be 6, 7 or 8")
        self.bin_digits = bin_digits
        super().__init__(
            name=name, base_url=base_url, client=client, timeout=timeout, retries=retries,
            backoff=backoff, max_bytes=max_bytes, cache_ttl=cache_ttl, verify=verify,
        )  # fmt: skip

    def _dummy(self, number: str) -> str:
        return dummy_number(number, bin_digits=self.bin_digits)

    @override
    def _request(self, query: str) -> Request:
        params = {"_input_charset": "utf-8", "cardNo": query, "cardBinCheck": "true"}
        return Request(ALIPAY_PATH, params, {"Accept": "application/json"})

    @override
    def _parse(self, query: str, body: Body) -> CardBin | None:
        return parse_answer(self.name, body, bin_=query[: self.bin_digits], length=len(query))


class AlipayCardBinSource(_Alipay[httpx.Client], SyncSource[str, CardBin | None]):
    """Look up card BINs with Alipay's public endpoint, sending the BIN only (see the module).

    >>> import httpx
    >>> def alipay(request):
    ...     assert request.url.params["cardNo"] == "6228480000000000000"   # the BIN, not the card
    ...     return httpx.Response(200, json={"bank": "ABC", "cardType": "DC", "messages": [],
    ...                                      "stat": "ok", "validated": True})
    >>> with AlipayCardBinSource(client=httpx.Client(transport=httpx.MockTransport(alipay))) as s:
    ...     s.lookup("6228480402564890018").bank_code
    'ABC'
    """

    def lookup(self, number: str) -> CardBin | None:
        """Return the BIN entry for a card number, ``None`` when the BIN is unknown.

        Raises stdnum's ``InvalidFormat``/``InvalidLength`` for something that is not a 13-19
        digit number, and a :class:`~acctverify.sources.SourceError` when the lookup fails.
        """
        return self._ask(self._dummy(number))


class AsyncAlipayCardBinSource(_Alipay[httpx.AsyncClient], AsyncSource[str, CardBin | None]):
    """The async variant of :class:`AlipayCardBinSource` (``await source.lookup(number)``)."""

    async def lookup(self, number: str) -> CardBin | None:
        """Return the BIN entry for a card number, ``None`` when the BIN is unknown."""
        return await self._ask(self._dummy(number))
