"""The HTTP layer every online source shares, through httpx.MockTransport: safety settings,
retries (timeouts and 5xx only), size limits, redirects, the cache, client ownership, keys.

Nothing here opens a socket.
"""

from __future__ import annotations

import asyncio
import json
import logging
import ssl
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from stdnum.exceptions import ValidationError

import acctverify as av
from acctverify.sources import (
    AlipayCardBinSource,
    AsyncAlipayCardBinSource,
    InsecureSourceWarning,
    JsonHttpLicenceSource,
    SourceRejected,
    SourceResponseError,
    SourceUnavailable,
    TianyanchaLicenceSource,
)
from acctverify.sources._base import TTLCache

CARD = "6228480402564890018"  # Luhn-valid, ABC BIN 622848
OK = {"bank": "ABC", "cardType": "DC", "key": "x", "messages": [], "stat": "ok", "validated": True}
KEY = "secret-token-0123456789"

Handler = Callable[[httpx.Request], httpx.Response]


def mock(handler: Handler, **options: Any) -> httpx.Client:
    """A client whose answers come from *handler*."""
    return httpx.Client(transport=httpx.MockTransport(handler), **options)


def amock(handler: Handler) -> httpx.AsyncClient:
    """An async client whose answers come from *handler*."""
    return httpx.AsyncClient(transport=httpx.MockTransport(handler))


def alipay(handler: Handler, **settings: Any) -> AlipayCardBinSource:
    """An Alipay source answered by *handler*, retrying without waiting unless told."""
    return AlipayCardBinSource(client=mock(handler), **{"backoff": 0, **settings})


def tianyancha(handler: Handler, **settings: Any) -> TianyanchaLicenceSource:
    """A Tianyancha source with a key, answered by *handler*."""
    return TianyanchaLicenceSource(api_key=KEY, client=mock(handler), **settings)


class Counter:
    """A handler that answers from a script and counts the calls."""

    def __init__(self, *answers: httpx.Response | Exception) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers[min(len(self.requests), len(self.answers)) - 1]
        if isinstance(answer, Exception):
            raise answer
        return answer


# --- safety settings ---------------------------------------------------------------------------


def test_tls_verification_cannot_be_turned_off() -> None:
    with pytest.raises(ValueError, match="verification cannot be turned off"):
        AlipayCardBinSource(verify=False)
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with pytest.raises(ValueError, match="verification cannot be turned off"):
        TianyanchaLicenceSource(api_key=KEY, verify=context)


def test_a_private_ca_is_trusted_through_an_ssl_context() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a verifying context draws no insecurity warning
        source = AlipayCardBinSource(verify=ssl.create_default_context())
    assert str(source.http.base_url).startswith("https://")
    source.close()


def test_a_supplied_client_that_does_not_verify_draws_a_loud_warning() -> None:
    client = httpx.Client(verify=False)
    with pytest.warns(InsecureSourceWarning, match="does not verify TLS certificates"):
        AlipayCardBinSource(client=client)
    client.close()


@pytest.mark.parametrize(
    "url",
    [
        "http://ccdcapi.alipay.com",
        "ftp://example.com",
        "ccdcapi.alipay.com",
        "https://user:pass@example.com",
        "https://example.com/?key=1",
    ],
)
def test_unsafe_base_urls_are_refused(url: str) -> None:
    with pytest.raises(ValueError, match="base_url"):
        AlipayCardBinSource(base_url=url)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8080", "http://localhost", "http://[::1]:1"])
def test_plain_http_is_allowed_on_the_loopback_interface(url: str) -> None:
    source = AlipayCardBinSource(base_url=url)
    assert str(source.http.base_url).startswith("http://")
    source.close()


@pytest.mark.parametrize("timeout", [None, 0, -1, "5", httpx.Timeout(None)])
def test_timeouts_cannot_be_turned_off(timeout: object) -> None:
    with pytest.raises(ValueError, match="timeout"):
        AlipayCardBinSource(timeout=timeout)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("setting", "value"), [("retries", -1), ("retries", 11), ("backoff", -1), ("max_bytes", 0)]
)
def test_bad_settings_raise(setting: str, value: int) -> None:
    with pytest.raises(ValueError, match=setting):
        AlipayCardBinSource(**{setting: value})  # type: ignore[arg-type]


def test_a_registry_source_needs_a_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ACCTVERIFY_TIANYANCHA_KEY", raising=False)
    with pytest.raises(ValueError, match="ACCTVERIFY_TIANYANCHA_KEY"):
        TianyanchaLicenceSource()
    with pytest.raises(ValueError, match="header"):
        TianyanchaLicenceSource(api_key="abc\ndef")
    monkeypatch.setenv("ACCTVERIFY_TIANYANCHA_KEY", KEY)
    TianyanchaLicenceSource().close()


def test_the_wrong_kind_of_client_is_refused() -> None:
    with pytest.raises(TypeError, match=r"httpx\.Client"):
        AlipayCardBinSource(client=httpx.AsyncClient())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"httpx\.AsyncClient"):
        AsyncAlipayCardBinSource(client=httpx.Client())  # type: ignore[arg-type]


# --- retries -----------------------------------------------------------------------------------


def test_timeouts_are_retried_a_bounded_number_of_times() -> None:
    handler = Counter(httpx.ReadTimeout("slow"))
    source = alipay(handler, retries=2)
    with pytest.raises(SourceUnavailable, match="after 3 attempts") as caught:
        source.lookup(CARD)
    assert len(handler.requests) == 3
    assert isinstance(caught.value.__cause__, httpx.TimeoutException)


def test_server_errors_are_retried_then_the_answer_is_used() -> None:
    handler = Counter(httpx.Response(503), httpx.Response(502), httpx.Response(200, json=OK))
    assert alipay(handler, retries=2).lookup(CARD) is not None
    assert len(handler.requests) == 3


def test_server_errors_after_the_last_retry_are_unavailable() -> None:
    handler = Counter(httpx.Response(500))
    with pytest.raises(SourceUnavailable, match="HTTP 500") as caught:
        alipay(handler, retries=1).lookup(CARD)
    assert len(handler.requests) == 2
    assert isinstance(caught.value.__cause__, httpx.HTTPStatusError)


@pytest.mark.parametrize("status", [400, 401, 403, 404, 429])
def test_client_errors_are_not_retried(status: int) -> None:
    handler = Counter(httpx.Response(status))
    with pytest.raises(SourceRejected, match=f"HTTP {status}"):
        alipay(handler, retries=3).lookup(CARD)
    assert len(handler.requests) == 1


def test_connection_failures_are_not_retried() -> None:
    handler = Counter(httpx.ConnectError("refused"))
    with pytest.raises(SourceUnavailable, match="ConnectError") as caught:
        alipay(handler, retries=3).lookup(CARD)
    assert len(handler.requests) == 1
    assert isinstance(caught.value.__cause__, httpx.ConnectError)


def test_backoff_doubles(monkeypatch: pytest.MonkeyPatch) -> None:
    waits: list[float] = []
    monkeypatch.setattr("acctverify.sources._transport.time.sleep", waits.append)
    source = alipay(Counter(httpx.Response(500)), retries=3, backoff=0.5)
    with pytest.raises(SourceUnavailable):
        source.lookup(CARD)
    assert waits == [0.5, 1.0, 2.0]


# --- what comes back ----------------------------------------------------------------------------


def test_bodies_over_the_limit_are_refused() -> None:
    big = httpx.Response(200, content=b'{"x": "' + b"a" * 10_000 + b'"}')
    with pytest.raises(SourceResponseError, match="larger than 1000 bytes"):
        alipay(Counter(big), max_bytes=1000).lookup(CARD)


def test_a_body_without_a_length_is_cut_off_at_the_limit() -> None:
    def chunks() -> object:
        for _ in range(100):
            yield b"x" * 1000

    streamed = httpx.Response(200, content=chunks())  # type: ignore[arg-type]
    with pytest.raises(SourceResponseError, match="larger than"):
        alipay(Counter(streamed), max_bytes=5000).lookup(CARD)


def test_redirects_are_never_followed() -> None:
    moved = httpx.Response(302, headers={"Location": "https://evil.example/steal"})
    handler = Counter(moved, httpx.Response(200, json=OK))
    with pytest.raises(SourceResponseError, match=r"redirect 302 to evil\.example not followed"):
        alipay(handler).lookup(CARD)
    assert len(handler.requests) == 1


def test_a_redirect_with_a_key_does_not_reach_the_other_host() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.host)
        return httpx.Response(301, headers={"Location": "https://evil.example/"})

    client = mock(handler, follow_redirects=True)
    source = TianyanchaLicenceSource(api_key=KEY, client=client, backoff=0)
    with pytest.raises(SourceResponseError, match="redirect"):
        source.lookup(uscc="91440300MA5GQ7K33E")
    assert seen == ["open.api.tianyancha.com"]


def test_malformed_json_is_a_response_error() -> None:
    with pytest.raises(SourceResponseError, match="not valid JSON") as caught:
        alipay(Counter(httpx.Response(200, content=b"{not json"))).lookup(CARD)
    assert isinstance(caught.value.__cause__, ValueError)


def test_gbk_bodies_without_a_charset_are_read() -> None:
    body = json.dumps(
        {
            "validated": False,
            "stat": "ok",
            "messages": [{"errorCodes": "CARD_BIN_NOT_MATCH", "name": "卡号"}],
        },
        ensure_ascii=False,
    )
    answer = httpx.Response(200, content=body.encode("gbk"))
    assert alipay(Counter(answer)).lookup(CARD) is None


def test_every_request_has_a_timeout() -> None:
    timeouts: list[object] = []

    def handler(request: httpx.Request) -> httpx.Response:
        timeouts.append(request.extensions.get("timeout"))
        return httpx.Response(200, json=OK)

    AlipayCardBinSource(client=mock(handler, timeout=None), timeout=1.5).lookup(CARD)
    assert timeouts == [{"connect": 1.5, "read": 1.5, "write": 1.5, "pool": 1.5}]


# --- keys ----------------------------------------------------------------------------------------


def test_keys_travel_in_the_header_only_and_never_in_errors_or_logs(
    caplog: pytest.LogCaptureFixture,
) -> None:
    requests: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(500, text=f"echo {request.headers.get('authorization')}")

    caplog.set_level(logging.DEBUG)
    source = tianyancha(handler, backoff=0, retries=1)
    with pytest.raises(SourceUnavailable) as caught:
        source.lookup(name="深圳市某某商务咨询有限公司")
    assert requests[0].headers["Authorization"] == KEY
    assert KEY not in str(requests[0].url)
    assert KEY not in str(caught.value)
    assert KEY not in repr(source)
    assert KEY not in caplog.text


# --- cache and clients ------------------------------------------------------------------------


def test_answers_are_cached_for_the_ttl() -> None:
    now = [0.0]
    handler = Counter(httpx.Response(200, json=OK))
    source = alipay(handler, cache_ttl=60)
    source.cache = TTLCache(60, clock=lambda: now[0])
    source.lookup(CARD)
    source.lookup("6228 4800 0000 0000 000")  # the same BIN and length: the same question
    assert len(handler.requests) == 1
    now[0] = 61
    source.lookup(CARD)
    assert len(handler.requests) == 2


def test_failures_are_not_cached() -> None:
    handler = Counter(httpx.Response(500), httpx.Response(200, json=OK))
    source = alipay(handler, retries=0)
    with pytest.raises(SourceUnavailable):
        source.lookup(CARD)
    assert source.lookup(CARD) is not None


def test_ttl_zero_turns_the_cache_off() -> None:
    handler = Counter(httpx.Response(200, json=OK))
    source = alipay(handler, cache_ttl=0)
    source.lookup(CARD)
    source.lookup(CARD)
    assert len(handler.requests) == 2


def test_the_cache_forgets_the_oldest_entry_when_full() -> None:
    cache: TTLCache[str, int] = TTLCache(60, maxsize=2)
    for key, value in (("a", 1), ("b", 2), ("c", 3)):
        cache.put(key, value)
    assert cache.get("a") == (False, None)
    assert cache.get("c") == (True, 3)


def test_only_a_client_made_by_the_source_is_closed() -> None:
    client = mock(Counter(httpx.Response(200, json=OK)))
    with AlipayCardBinSource(client=client) as source:
        source.lookup(CARD)
    assert not client.is_closed
    client.close()
    with AlipayCardBinSource() as own:
        pass
    assert own.http.client.is_closed


def test_async_sources_close_only_their_own_client() -> None:
    async def main() -> tuple[bool, bool]:
        client = amock(Counter(httpx.Response(200, json=OK)))
        async with AsyncAlipayCardBinSource(client=client) as source:
            card = await source.lookup(CARD)
            assert card is not None
        theirs = client.is_closed
        await client.aclose()
        async with AsyncAlipayCardBinSource() as own:
            pass
        return theirs, own.http.client.is_closed

    assert asyncio.run(main()) == (False, True)


def test_async_retries_and_limits_match_the_sync_ones() -> None:
    handler = Counter(httpx.Response(503), httpx.ReadTimeout("slow"), httpx.Response(200, json=OK))

    async def main() -> object:
        async with amock(handler) as client:
            return await AsyncAlipayCardBinSource(client=client, backoff=0).lookup(CARD)

    assert asyncio.run(main()) is not None
    assert len(handler.requests) == 3


def test_json_registry_field_map_must_name_licence_fields() -> None:
    with pytest.raises(ValueError, match="field_map"):
        JsonHttpLicenceSource(base_url="https://registry.example", field_map={"nmae": "name"})


# --- hostile answers and inputs -----------------------------------------------------------------


def test_hostile_registry_answers_give_a_record_a_report_can_carry() -> None:
    body = (
        b'{"error_code": 0, "reason": "ok", "result": {"name": "\\ud800\xe6\x9f\x90\xe6\x9f\x90",'
        b' "creditCode": 123, "estiblishTime": 1e30, "toTime": true, "regStatus": ["x"],'
        b' "legalPersonName": {"a": 1}}}'
    )
    record = tianyancha(Counter(httpx.Response(200, content=body))).lookup(name="某某")
    assert record is not None
    assert (record.name, record.uscc, record.established, record.status) == (
        "\ufffd某某",
        "123",
        None,
        None,
    )
    assert record.business_term_end is None
    assert record.legal_representative is None
    report = av.verify({"payee": {"name": "某某"}, "registry": record.model_dump()})
    report.model_dump_json()


@pytest.mark.parametrize(
    "answer",
    [[], "text", {"error_code": "x"}, {"error_code": 0, "result": [1]}, {"no": "code"}],
)
def test_registry_answers_of_the_wrong_shape_are_response_errors(answer: object) -> None:
    with pytest.raises((SourceResponseError, SourceRejected)):
        tianyancha(Counter(httpx.Response(200, json=answer))).lookup(name="某某")


@pytest.mark.parametrize(
    "answer",
    [
        [],
        {"validated": True, "bank": "ABC", "cardType": "XX"},
        {"validated": True, "bank": None, "cardType": "DC"},
        {"validated": False, "stat": "ok"},
        {"validated": False, "stat": "fail"},
        {"validated": False, "messages": [{"errorCodes": "SOMETHING_NEW"}]},
    ],
)
def test_alipay_answers_of_the_wrong_shape_are_errors(answer: object) -> None:
    with pytest.raises((SourceResponseError, SourceRejected)):
        alipay(Counter(httpx.Response(200, json=answer))).lookup(CARD)


@pytest.mark.parametrize(
    "number", ["", "abc", "6228-48", "6" * 20, "６２２８４８０４０２５６４８９００１８x"]
)
def test_alipay_refuses_what_is_not_a_card_number(number: str) -> None:
    handler = Counter(httpx.Response(200, json=OK))
    with pytest.raises(ValidationError):
        alipay(handler).lookup(number)
    assert handler.requests == []


@pytest.mark.parametrize("value", ["\ud800", "９" * 100_000, "€", "", " "])
def test_enrich_takes_hostile_requests(value: str) -> None:
    from acctverify.sources import CsvRiskList, Sources, enrich

    risk = CsvRiskList(Path(__file__).parent / "data" / "sources_risk_list.csv")
    request = {
        "payee": {"name": value, "account": value},
        "licence": {"name": value, "uscc": value},
        "messages": [value, f"微信 {value} 138 0013 8000"],
        "contact": {"caller_number": value, "link": value},
    }
    enriched = enrich(request, Sources(risk_lists=[risk]))
    assert enriched.lookups[0].status.value == "ok"
    av.verify(enriched).model_dump_json()
