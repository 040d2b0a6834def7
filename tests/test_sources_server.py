"""The online sources against a real HTTP server this module starts on 127.0.0.1.

The server answers in the documented formats (tests/data/sources_alipay.json,
tests/data/sources_tianyancha.json): success, each documented error code, GBK bodies, slow
answers, malformed JSON, oversize bodies, server errors and connection resets. Timeouts are kept
short so that the module runs in a few seconds. Nothing leaves the loopback interface.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import socket
import struct
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlsplit

import pytest

import acctverify as av
from acctverify.cn import bankcard
from acctverify.sources import (
    AlipayCardBinSource,
    AsyncAlipayCardBinSource,
    AsyncJsonHttpLicenceSource,
    AsyncJsonHttpRiskList,
    AsyncTianyanchaLicenceSource,
    CsvRiskList,
    JsonHttpLicenceSource,
    JsonHttpRiskList,
    LookupStatus,
    SourceRejected,
    SourceResponseError,
    Sources,
    SourceUnavailable,
    TianyanchaLicenceSource,
    aenrich,
    dummy_number,
    enrich,
)

DATA = Path(__file__).parent / "data"
ALIPAY = json.loads((DATA / "sources_alipay.json").read_text(encoding="utf-8"))
TIANYANCHA = json.loads((DATA / "sources_tianyancha.json").read_text(encoding="utf-8"))
KEY = "test-token-5f2c"
USCC = "91440300MA5GQ7K33E"  # the fictional company of sources_tianyancha.json
UNKNOWN_USCC = "91440300MA5GQ7K4XX"
CONSULTING = "深圳市某某商务咨询有限公司"
FAST = {"timeout": 0.25, "backoff": 0, "retries": 1}


def card(bin_: str, length: int = 19) -> str:
    """A Luhn-valid card number with this BIN and non-zero digits after it."""
    body = (bin_ + "3827561943520987")[: length - 1]
    return body + bankcard.calc_check_digit(body)


class Handler(BaseHTTPRequestHandler):
    """Routes by path; behaviour by the BIN (Alipay) or the keyword (Tianyancha)."""

    server: Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
        pass

    def send_body(self, body: bytes, *, status: int = 200, ctype: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def send_json(self, data: Any, *, status: int = 200, encoding: str = "utf-8") -> None:
        charset = "GBK" if encoding == "gbk" else "utf-8"
        body = json.dumps(data, ensure_ascii=False).encode(encoding)
        self.send_body(body, status=status, ctype=f"application/json;charset={charset}")

    def reset(self) -> None:
        """Close the connection with a TCP RST."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True
        self.wfile = io.BytesIO()

    def slow(self) -> None:
        time.sleep(0.8)
        with contextlib.suppress(OSError):
            self.send_json(ALIPAY["ok"])

    def do_GET(self) -> None:
        started = time.monotonic()
        url = urlsplit(self.path)
        query = {key: values[0] for key, values in parse_qs(url.query).items()}
        self.server.requests.append((url.path, query, dict(self.headers)))
        try:
            if url.path == "/validateAndCacheCardInfo.json":
                self.alipay(query)
            elif url.path == "/services/open/ic/baseinfo/normal":
                self.tianyancha(query)
            elif url.path == "/registry/v1/company":
                self.registry(query)
            elif url.path == "/risk/check":
                self.risk(query)
            else:
                self.send_json({"error": "no such path"}, status=404)
        finally:
            self.server.spans.append((url.path, started, time.monotonic()))

    def alipay(self, query: dict[str, str]) -> None:
        number = query.get("cardNo", "")
        self.server.card_numbers.append(number)
        behaviour = BINS.get(number[:6], "CARD_BIN_NOT_MATCH")
        if behaviour == "ok-gbk":
            self.send_json({**ALIPAY["ok"], "bankName": "中国农业银行"}, encoding="gbk")
        elif behaviour == "ok-gbk-undeclared":
            body = json.dumps(
                {**ALIPAY["ok"], "bank": "CCB", "bankName": "中国建设银行"}, ensure_ascii=False
            )
            self.send_body(body.encode("gbk"), ctype="text/html")
        elif behaviour == "slow":
            self.slow()
        elif behaviour == "malformed":
            self.send_body(b'{"bank": "ABC", "cardType": ', ctype="application/json")
        elif behaviour == "oversize":
            self.send_body(b'{"pad": "' + b"x" * 2_000_000 + b'"}')
        elif behaviour == "reset":
            self.reset()
        elif behaviour == "flaky":
            self.server.flaky += 1
            if self.server.flaky % 2:
                self.send_json({"error": "busy"}, status=503)
            else:
                self.send_json(ALIPAY["ok"], encoding="gbk")
        else:
            self.send_json(ALIPAY[behaviour], encoding="gbk")

    def tianyancha(self, query: dict[str, str]) -> None:
        if self.headers.get("Authorization") != KEY:
            self.send_json(TIANYANCHA["refused"])
            return
        keyword = query.get("keyword", "")
        if keyword in (USCC, CONSULTING):
            self.send_json(TIANYANCHA["ok"])
        elif keyword == "slow":
            time.sleep(0.3)
            self.send_json(TIANYANCHA["ok"])
        elif keyword == "reset":
            self.reset()
        else:
            self.send_json(TIANYANCHA["not_found"])

    def registry(self, query: dict[str, str]) -> None:
        if query.get("uscc") == USCC:
            self.send_json(
                {
                    "code": 0,
                    "data": {
                        "entName": CONSULTING,
                        "creditNo": USCC,
                        "state": {"text": "吊销，未注销"},
                    },
                }
            )
        else:
            self.send_json({"code": 404, "message": "not found"}, status=404)

    def risk(self, query: dict[str, str]) -> None:
        if self.headers.get("X-Api-Key") != KEY:
            self.send_json({"error": "forbidden"}, status=403)
        elif (query.get("kind"), query.get("value")) == ("phone", "13800138000"):
            self.send_json({"hits": [{"note": "冒充客服", "source": "内部案件 7"}]})
        elif query.get("value") == "slow":
            time.sleep(0.3)
            self.send_json({"hits": []})
        else:
            self.send_json({"hits": []})


BINS = {
    "622848": "ok-gbk",
    "621700": "ok-gbk-undeclared",
    "622111": "PARAM_ILLEGAL",
    "622112": "CARD_NO_BLANK",
    "622222": "SYS_ERROR",
    "622223": "SERVICE_ACCESS_FAILURE",
    "622333": "slow",
    "622444": "malformed",
    "622555": "oversize",
    "622666": "reset",
    "622777": "flaky",
}


class Server(ThreadingHTTPServer):
    daemon_threads = True
    card_numbers: ClassVar[list[str]]

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests: list[tuple[str, dict[str, str], dict[str, str]]] = []
        self.spans: list[tuple[str, float, float]] = []
        self.card_numbers = []
        self.flaky = 0

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that timed out and left: expected here

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    instance = Server()
    thread = threading.Thread(target=instance.serve_forever, daemon=True)
    thread.start()
    yield instance
    instance.shutdown()
    instance.server_close()


def alipay(server: Server, **settings: Any) -> AlipayCardBinSource:
    return AlipayCardBinSource(base_url=server.url, **{**FAST, **settings})


def tianyancha(server: Server, **settings: Any) -> TianyanchaLicenceSource:
    return TianyanchaLicenceSource(api_key=KEY, base_url=server.url, **{**FAST, **settings})


def risk_endpoint(server: Server) -> dict[str, Any]:
    """Where the server's risk list is, with the key it wants."""
    return {
        "base_url": server.url,
        "path": "/risk/check",
        "api_key": KEY,
        "api_key_header": "X-Api-Key",
    }


# --- Alipay ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("bin_", "bank"), [("622848", "ABC"), ("621700", "CCB")])
def test_alipay_success_with_gbk_bodies(server: Server, bin_: str, bank: str) -> None:
    with alipay(server) as source:
        found = source.lookup(card(bin_))
    assert found is not None
    assert (found.bank_code, found.card_type.value, found.bin, found.length) == (
        bank,
        "DC",
        bin_,
        19,
    )
    assert found.sources == ("alipay",)


def test_alipay_unknown_bin_is_not_found(server: Server) -> None:
    with alipay(server) as source:
        assert source.lookup(card("999999")) is None


@pytest.mark.parametrize("bin_", ["622111", "622112"])
def test_alipay_refused_parameters(server: Server, bin_: str) -> None:
    with alipay(server) as source, pytest.raises(SourceRejected, match="error code"):
        source.lookup(card(bin_))


@pytest.mark.parametrize("bin_", ["622222", "622223"])
def test_alipay_failing_service_is_unavailable(server: Server, bin_: str) -> None:
    with alipay(server) as source, pytest.raises(SourceUnavailable, match="the service reports"):
        source.lookup(card(bin_))


def test_alipay_slow_answers_time_out_after_the_retries(server: Server) -> None:
    before = len(server.card_numbers)
    started = time.monotonic()
    with (
        alipay(server, timeout=0.15) as source,
        pytest.raises(SourceUnavailable, match="2 attempts"),
    ):
        source.lookup(card("622333"))
    assert time.monotonic() - started < 2
    assert len(server.card_numbers) - before == 2


def test_alipay_malformed_json(server: Server) -> None:
    with alipay(server) as source, pytest.raises(SourceResponseError, match="not valid JSON"):
        source.lookup(card("622444"))


def test_alipay_oversize_body(server: Server) -> None:
    with alipay(server) as source, pytest.raises(SourceResponseError, match="larger than 65536"):
        source.lookup(card("622555"))


def test_alipay_connection_reset(server: Server) -> None:
    with alipay(server) as source, pytest.raises(SourceUnavailable) as caught:
        source.lookup(card("622666"))
    assert "talking to 127.0.0.1" in str(caught.value)


def test_alipay_server_error_is_retried(server: Server) -> None:
    with alipay(server, retries=2) as source:
        assert source.lookup(card("622777")) is not None


def test_alipay_never_receives_the_customers_card_number(server: Server) -> None:
    numbers = [card("622848"), card("622848", 16), card("999999")]
    with alipay(server, cache_ttl=0) as source:
        for number in numbers:
            source.lookup(number)
    sent = server.card_numbers[-3:]
    assert sent == [dummy_number(number) for number in numbers]
    for number, dummy in zip(numbers, sent, strict=True):
        assert dummy != number
        assert dummy[:6] == number[:6]
        assert set(dummy[6:-1]) == {"0"}
        assert bankcard.is_valid(dummy)
        assert len(dummy) == len(number)
    assert not set(numbers) & set(server.card_numbers)


# --- Tianyancha ----------------------------------------------------------------------------


def test_tianyancha_record(server: Server) -> None:
    with tianyancha(server) as source:
        record = source.lookup(uscc=USCC)
    assert record is not None
    assert record.name == CONSULTING
    assert record.uscc == USCC
    assert record.status == "存续"
    assert record.legal_representative == "张某某"
    assert record.established is not None
    assert record.established.isoformat() == "2026-09-03"
    assert record.business_term_end is None
    assert record.source == "tianyancha"
    _path, query, headers = server.requests[-1]
    assert query == {"keyword": USCC}
    assert headers["Authorization"] == KEY


def test_tianyancha_prefers_the_credit_code_to_the_name(server: Server) -> None:
    with tianyancha(server) as source:
        source.lookup(uscc=USCC, name="别的名字")
    assert server.requests[-1][1] == {"keyword": USCC}


def test_tianyancha_no_result_is_not_found(server: Server) -> None:
    with tianyancha(server) as source:
        assert source.lookup(uscc=UNKNOWN_USCC) is None


def test_tianyancha_error_codes_are_refusals(server: Server) -> None:
    source = TianyanchaLicenceSource(api_key="wrong-token", base_url=server.url, **FAST)
    with source, pytest.raises(SourceRejected, match="error_code 300005: 无权限"):
        source.lookup(uscc=USCC)


def test_tianyancha_connection_reset(server: Server) -> None:
    with tianyancha(server) as source, pytest.raises(SourceUnavailable):
        source.lookup(name="reset")


# --- your own services -----------------------------------------------------------------------


def test_json_registry_with_a_field_map(server: Server) -> None:
    source = JsonHttpLicenceSource(
        base_url=server.url,
        path="/registry/v1/company",
        record_path="data",
        field_map={"name": "entName", "uscc": "creditNo", "status": "state.text"},
        **FAST,
    )
    with source:
        record = source.lookup(uscc=USCC, name=CONSULTING)
        assert source.lookup(uscc=UNKNOWN_USCC) is None
    assert record is not None
    assert (record.name, record.uscc, record.status, record.source) == (
        CONSULTING,
        USCC,
        "吊销，未注销",
        "registry",
    )


def test_json_risk_list(server: Server) -> None:
    with JsonHttpRiskList(**risk_endpoint(server), **FAST) as source:
        hits = source.lookup("phone", "+86 138-0013-8000")
        assert source.lookup("phone", "13912345678") == ()
    assert [(h.kind.value, h.value, h.note) for h in hits] == [("phone", "13800138000", "冒充客服")]
    unauthorised = JsonHttpRiskList(base_url=server.url, path="/risk/check", **FAST)
    with unauthorised, pytest.raises(SourceRejected, match="HTTP 403"):
        unauthorised.lookup("phone", "13800138000")


# --- enrich() and verify() end to end ---------------------------------------------------------


def scam_request() -> dict[str, Any]:
    return {
        "payee": {"name": "深圳市某某科技有限公司", "account": card("622848")},
        "creditor": "微粒贷",
        "licence": {"name": "深圳市某某科技有限公司", "uscc": USCC},
        "messages": ["请拨打 138 0013 8000 联系专员"],
        "as_of": "2026-11-29",
    }


def test_enrich_then_verify(server: Server) -> None:
    risk = JsonHttpRiskList(**risk_endpoint(server), **FAST)
    with alipay(server) as card_bin, tianyancha(server) as registry, risk:
        request = enrich(
            scam_request(), Sources(card_bin=card_bin, registry=registry, risk_lists=[risk])
        )
    assert request.registry is not None
    assert request.registry.name == CONSULTING
    assert request.card_bin is not None
    assert request.card_bin.bank_code == "ABC"
    assert [(o.kind.value, o.status.value) for o in request.lookups] == [
        ("registry", "ok"),
        ("card_bin", "ok"),
        ("risk_list", "ok"),
    ]
    assert [(hit.field, hit.value) for hit in request.risk_hits] == [("messages[0]", "13800138000")]
    report = av.verify(request)
    codes = {finding.code for finding in report.findings}
    assert {
        "sources.registry_name_mismatch",
        "sources.card_bin_online",
        "sources.risk_list_hit",
    } <= codes
    assert report.level is av.Level.CRITICAL


def test_an_unreachable_registry_fails_closed(server: Server) -> None:
    request = {
        "payee": {"name": "深圳前海微众银行股份有限公司"},
        "creditor": "微粒贷",
        "as_of": "2026-11-29",
    }
    assert av.verify(request).level is av.Level.LOW
    with tianyancha(server) as registry:
        enriched = enrich({**request, "payee": {"name": "reset"}}, Sources(registry=registry))
    assert enriched.lookups[0].status is LookupStatus.UNAVAILABLE
    dead = {**request, "lookups": [o.model_dump() for o in enriched.lookups]}
    report = av.verify(dead)
    assert "sources.registry_unavailable" in {f.code for f in report.findings}
    assert report.level is not av.Level.LOW


def test_aenrich_runs_the_lookups_concurrently(server: Server) -> None:
    patient = {**FAST, "timeout": 5.0}

    async def main() -> Any:
        async with (
            AsyncTianyanchaLicenceSource(api_key=KEY, base_url=server.url, **patient) as registry,
            AsyncJsonHttpRiskList(**risk_endpoint(server), **patient) as risk,
            AsyncAlipayCardBinSource(base_url=server.url, **patient) as card_bin,
        ):
            request = {
                "payee": {"name": "slow", "account": card("622848")},
                "messages": ["加微信 slow"],
                "contact": {"link": "https://slow.example"},
            }
            return await aenrich(
                request, Sources(card_bin=card_bin, registry=registry, risk_lists=[risk])
            )

    server.spans.clear()
    request = asyncio.run(main())
    assert {o.kind.value: o.status.value for o in request.lookups} == {
        "registry": "ok",
        "card_bin": "ok",
        "risk_list": "ok",
    }
    registry_span = next(span for span in server.spans if span[0].startswith("/services"))
    others = [span for span in server.spans if not span[0].startswith("/services")]
    assert any(span[1] < registry_span[2] and registry_span[1] < span[2] for span in others)


def test_aenrich_takes_blocking_sources_too(server: Server) -> None:
    with alipay(server) as card_bin:
        lists = [CsvRiskList(DATA / "sources_risk_list.csv")]
        request = asyncio.run(aenrich(scam_request(), Sources(card_bin=card_bin, risk_lists=lists)))
    assert request.card_bin is not None
    assert {hit.kind.value for hit in request.risk_hits} == {"uscc", "phone"}


def test_async_json_registry(server: Server) -> None:
    async def main() -> Any:
        async with AsyncJsonHttpLicenceSource(
            base_url=server.url,
            path="/registry/v1/company",
            record_path="data",
            field_map={"name": "entName", "uscc": "creditNo"},
            **FAST,
        ) as source:
            return await source.lookup(uscc=USCC)

    record = asyncio.run(main())
    assert record is not None
    assert record.name == CONSULTING
