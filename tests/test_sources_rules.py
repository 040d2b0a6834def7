"""verify() on what the online sources said: one realistic request per ``sources.*`` finding code
(the same requests are in tests/test_verify.py's CASES), fail closed, and how the registry record
is compared with the payee and the licence.

The lookups ran before verify() (acctverify.sources.enrich); here their results are given in the
request directly. Names are fictional (某某); card numbers synthetic.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

import acctverify as av
from _helpers import CONSULTING, luhn, make_uscc, scam
from acctverify.models import FindingKind, Level, PaymentRequest
from acctverify.rules.catalogue import FINDINGS

AS_OF = "2026-11-29"
WEBANK = "深圳前海微众银行股份有限公司"
WEBANK_USCC = "9144030031977063XH"
TECH = "深圳市某某科技有限公司"
CCB_CARD = luhn("621700382756194352")
CORPORATE_ACCOUNT = "44250100003800001234"
FICTIONAL_USCC = make_uscc("91", "440300")
OTHER_USCC = make_uscc("91", "440300", "MA5GQ7K4")
WECHAT_MESSAGE = "请添加专员微信 wlsd-kefu2025 办理"


def lookup(kind: str, status: str, **more: Any) -> dict[str, Any]:
    source = {"registry": "tianyancha", "card_bin": "alipay", "risk_list": "bank.sqlite"}[kind]
    return {"source": source, "kind": kind, "status": status, **more}


def card_lookup(status: str, **more: Any) -> dict[str, Any]:
    """The outcome of the card-BIN lookup of :data:`CCB_CARD`."""
    return lookup("card_bin", status, field="payee.account", query="BIN 621700 (19 digits)", **more)


def record(name: str, uscc: str, status: str = "存续") -> dict[str, Any]:
    """A registry record as Tianyancha's source returns it."""
    return {"name": name, "uscc": uscc, "status": status, "source": "tianyancha"}


def online_card_bin(bank_code: str = "CCB", card_type: str = "DC") -> dict[str, Any]:
    """The online BIN entry of :data:`CCB_CARD`."""
    return {
        "bin": "621700",
        "length": 19,
        "bank_code": bank_code,
        "bank_name": bank_code,
        "card_type": card_type,
        "sources": ["alipay"],
    }


@dataclass(frozen=True)
class Case:
    request: dict[str, Any]
    field: str


CASES: dict[str, Case] = {
    "sources.registry_not_found": Case(
        scam(
            licence={"name": CONSULTING, "uscc": FICTIONAL_USCC},
            lookups=[lookup("registry", "not_found", field="licence.uscc", query=FICTIONAL_USCC)],
        ),
        "licence.uscc",
    ),
    "sources.registry_unavailable": Case(
        scam(
            lookups=[
                lookup(
                    "registry",
                    "unavailable",
                    field="payee.name",
                    query=CONSULTING,
                    detail="timed out (ReadTimeout) talking to open.api.tianyancha.com",
                )
            ]
        ),
        "payee.name",
    ),
    "sources.registry_name_mismatch": Case(
        scam(
            registry=record(TECH, FICTIONAL_USCC),
            lookups=[lookup("registry", "ok", field="payee.name", query=CONSULTING)],
        ),
        "payee.name",
    ),
    "sources.registry_status": Case(
        scam(
            licence={"name": CONSULTING, "uscc": FICTIONAL_USCC},
            registry=record(CONSULTING, FICTIONAL_USCC, "注销"),
            lookups=[lookup("registry", "ok", field="licence.uscc", query=FICTIONAL_USCC)],
        ),
        "licence.uscc",
    ),
    "sources.registry_uscc_mismatch": Case(
        scam(
            licence={"name": CONSULTING, "uscc": FICTIONAL_USCC},
            registry=record(CONSULTING, OTHER_USCC),
            lookups=[lookup("registry", "ok", field="licence.name", query=CONSULTING)],
        ),
        "licence.uscc",
    ),
    "sources.card_bin_online": Case(
        scam(
            payee={"name": CONSULTING, "account": CCB_CARD},
            card_bin=online_card_bin(),
            lookups=[card_lookup("ok")],
        ),
        "payee.account",
    ),
    "sources.risk_list_hit": Case(
        scam(
            messages=[WECHAT_MESSAGE],
            risk_hits=[
                {
                    "kind": "wechat",
                    "value": "wlsd-kefu2025",
                    "field": "messages[0]",
                    "start": WECHAT_MESSAGE.index("wlsd"),
                    "end": WECHAT_MESSAGE.index(" 办理"),
                    "note": "债务优化中介",
                    "source": "内部案件 1187",
                    "list_name": "bank.sqlite",
                }
            ],
            lookups=[lookup("risk_list", "ok", query="2 identifiers", detail="1 listed")],
        ),
        "messages[0]",
    ),
    "sources.risk_list_unavailable": Case(
        scam(
            payee={"name": CONSULTING, "account": CORPORATE_ACCOUNT},
            lookups=[lookup("risk_list", "error", detail="cannot read the database")],
        ),
        "payee.account",
    ),
}


def run(request: dict[str, Any]) -> av.Report:
    return av.verify({"as_of": AS_OF, **request})


def test_every_sources_code_has_a_case() -> None:
    assert set(CASES) == {code for code in FINDINGS if code.startswith("sources.")}


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_sources_code(code: str) -> None:
    case = CASES[code]
    report = run(case.request)
    found = [f for f in report.findings if f.code == code]
    assert found, f"{code} not in {[f.code for f in report.findings]}"
    finding = found[0]
    assert finding.kind is FINDINGS[code].kind
    assert case.field in [evidence.field for evidence in finding.evidence]
    for message in (finding.message_zh, finding.message_en):
        assert "{" not in message, message
    for evidence in finding.evidence:
        if evidence.start is not None:
            text = case.request["messages"][int(evidence.field[9:-1])]
            assert text[evidence.start : evidence.end] == evidence.value
    PaymentRequest.model_validate_json(
        PaymentRequest.model_validate(case.request).model_dump_json()
    )


@pytest.mark.parametrize("code", ["sources.registry_not_found", "sources.registry_unavailable"])
def test_a_failed_registry_lookup_is_never_low(code: str) -> None:
    outcome = CASES[code].request["lookups"][0]
    genuine = {"payee": {"name": WEBANK}, "creditor": "微粒贷"}
    assert run(genuine).level is Level.LOW
    report = run({**genuine, "lookups": [{**outcome, "field": "payee.name", "query": WEBANK}]})
    assert report.level is Level.MEDIUM
    assert FINDINGS[code].kind is FindingKind.NOT_POSSIBLE


def test_the_registry_confirming_the_creditor_keeps_it_low() -> None:
    request = {
        "payee": {"name": WEBANK},
        "creditor": "微粒贷",
        "registry": record(WEBANK, WEBANK_USCC),
        "lookups": [lookup("registry", "ok", field="payee.name", query=WEBANK)],
    }
    report = run(request)
    assert report.level is Level.LOW
    assert not [f.code for f in report.findings if f.code.startswith("sources.")]


def test_a_close_name_in_the_registry_is_a_mismatch() -> None:
    request = scam(
        payee={"name": CONSULTING},
        registry={"name": "深圳市某某商务咨询公司", "status": "存续"},  # 公司, not 有限公司
        lookups=[lookup("registry", "ok", field="payee.name", query=CONSULTING)],
    )
    codes = {f.code for f in run(request).findings}
    assert "sources.registry_name_mismatch" in codes


def test_the_licence_name_is_compared_with_the_registry_too() -> None:
    request = scam(
        payee={"name": CONSULTING},
        licence={"name": CONSULTING, "uscc": FICTIONAL_USCC},
        registry={"name": TECH, "uscc": FICTIONAL_USCC, "status": "存续"},
        lookups=[lookup("registry", "ok", field="licence.uscc", query=FICTIONAL_USCC)],
    )
    (finding,) = [f for f in run(request).findings if f.code == "sources.registry_name_mismatch"]
    assert {e.field for e in finding.evidence} == {"payee.name", "licence.name"}
    assert finding.min_level is Level.HIGH


def test_a_warning_status_is_not_a_stopped_entity() -> None:
    request = scam(registry={"name": CONSULTING, "status": "存续（在营、开业、在册）"})
    assert "sources.registry_status" not in {f.code for f in run(request).findings}


def test_card_bin_disagreement_with_the_shipped_table_is_shown() -> None:
    request = scam(
        payee={"name": CONSULTING, "account": CCB_CARD},
        card_bin=online_card_bin("ICBC", "CC"),
        lookups=[card_lookup("ok")],
    )
    (finding,) = [f for f in run(request).findings if f.code == "sources.card_bin_online"]
    assert "the shipped BIN table says CCB DC" in finding.message_en
    assert finding.contribution == 0


@pytest.mark.parametrize(
    ("status", "text"), [("not_found", "the BIN is unknown"), ("unavailable", "the lookup failed")]
)
def test_card_bin_lookups_that_found_nothing_are_shown(status: str, text: str) -> None:
    request = scam(
        payee={"name": CONSULTING, "account": CCB_CARD},
        lookups=[card_lookup(status, detail="timed out")],
    )
    (finding,) = [f for f in run(request).findings if f.code == "sources.card_bin_online"]
    assert text in finding.message_en


def test_risk_hits_on_accounts_in_messages_are_masked_evidence() -> None:
    message = "转账到 6217 0000 0012 3456 786"
    request = scam(
        messages=[message],
        risk_hits=[
            {
                "kind": "account",
                "value": "6217***********6786",
                "field": "messages[0]",
                "start": 4,
                "end": len(message),
                "note": "涉诈",
                "list_name": "x.csv",
            }
        ],
    )
    (finding,) = [f for f in run(request).findings if f.code == "sources.risk_list_hit"]
    assert finding.evidence[0].value == "6217***********6786"
    assert finding.evidence[0].start is None
    assert finding.min_level is Level.HIGH
