"""verify(): one realistic request per finding code, fail closed, genuine cases, hostile input,
JSON round trip, schemas, determinism and the as_of date.

Every name below is fictional (某某) except the creditors' registered names, codes and hotlines
published in ../shared/reference/creditors.md and identifiers.md; card and account numbers are
synthetic (Luhn check digits computed here), phone numbers are textbook examples.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

import acctverify as av
from _helpers import luhn, make_uscc, scam
from acctverify import testing
from acctverify.cn import bankcard, cnaps, uscc
from acctverify.directory import Directory, load_directory
from acctverify.models import FindingKind, Level, PaymentRequest, Report
from acctverify.rules.catalogue import FINDINGS
from acctverify.scoring import TRUST_CODES_FOR_LOW
from acctverify.text import TYPOLOGIES

ROOT = Path(__file__).resolve().parent.parent
MY_DIRECTORY = ROOT / "examples" / "my-directory.toml"
AS_OF = date(2026, 11, 29)

# --- published facts (creditors.md §1.1, identifiers.md §1.5) -----------------------------------
WEBANK = "深圳前海微众银行股份有限公司"
WEBANK_USCC = "9144030031977063XH"
WEBANK_HOTLINE = "95384"
PILOT_USCC = "91350211M0000XUF46"  # a real Fujian/Xiamen pilot code that fails its check
# --- fictional ----------------------------------------------------------------------------------
CONSULTING = "深圳市某某商务咨询有限公司"
TECH = "深圳市某某科技有限公司"
PERSON = "张某某"
CORPORATE_ACCOUNT = "44250100003800001234"  # not a card: no card BIN, no Luhn
PLACEHOLDER = re.compile(r"\{\w+\}")
FIELD = re.compile(r"(payee\.\w+|licence(_image|\.\w+)?|creditor|contact\.\w+|messages\[\d+\])")


CCB_CARD = luhn("621700382756194352")  # a 19-digit CCB debit-card BIN (card_bins.csv)
WRONG_LUHN_CARD = CCB_CARD[:-1] + str((int(CCB_CARD[-1]) + 1) % 10)
FICTIONAL_USCC = make_uscc("91", "440300")
WRONG_CHECK_USCC = FICTIONAL_USCC[:-1] + ("0" if FICTIONAL_USCC[-1] != "0" else "1")
_BAD_ORG = "91440300MA5GQ7K3" + ("0" if FICTIONAL_USCC[16] != "0" else "1")
BAD_ORG_USCC = _BAD_ORG + uscc.calc_check_digit(_BAD_ORG)


@dataclass(frozen=True)
class Case:
    """A request that must produce *code*, with evidence on *field*."""

    request: dict[str, Any]
    field: str
    directory: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def with_licence(payee: str = TECH, **licence: Any) -> dict[str, Any]:
    return {
        "payee": {"name": payee, "account": CORPORATE_ACCOUNT},
        "creditor": "微粒贷",
        "licence": {"name": TECH, **licence},
    }


def said(*messages: str) -> dict[str, Any]:
    return scam(messages=list(messages))


#: One message per phrase family of the scanner (data/phrases.toml), in the scam's own words. A
#: family finding is evidence inside a message that reads as a scam (a phrase alone proves nothing:
#: warnings quote the same words), so every message also asks for the verification code.
ASKS_FOR_THE_CODE = "请把收到的验证码告诉专员。"
FAMILY_MESSAGES = {
    "safe_account": "您的资金存在风险，请立即转入安全账户。",
    "credential_request": "请提供您的银行卡密码以便核实身份。",
    "advance_fee": "放款前需先缴纳保证金2000元。",
    "turnover_proof": "您的流水不足，需要先刷流水验证还款能力。",
    "account_cancellation": "根据国家政策调整，您需要注销学生账户并清空额度。",
    "credit_repair": "我们可以帮您修复征信，消除逾期记录。",
    "frozen_funds": "由于您的银行卡号填错，资金被冻结。",
    "designated_account": "请将还款转入指定账户。",
    "task_rebate": "兼职刷单返利，做任务日结。",
    "money_mule": "高价收购两卡，帮信无风险。",
    "impersonation": "我是银保监会工作人员，您涉嫌洗钱。",
    "debt_intermediary": "我们提供债务优化、停息挂账服务。",
    "secrecy": "此事不要告诉家人。",
    "off_platform": "请下载会议软件，我拉你进群。",
    "fake_service": "您误开通了百万保障，每月扣费。",
    "investment": "内部有内幕消息，投资虚拟货币稳赚。",
    "loan_bait": "无资质要求，当天放款。",
    "threat_urgency": "逾期将被起诉，纳入失信名单，罚息翻倍。",
}

CASES: dict[str, Case] = {
    # --- payee ---------------------------------------------------------------------------------
    "payee.name_missing": Case(
        {"payee": {"account": CORPORATE_ACCOUNT}, "creditor": "微粒贷"}, "payee.name"
    ),
    "payee.name_truncated": Case(
        {"payee": {"name": "深圳市某某" + "科技" * 1100 + "有限公司"}, "creditor": "微粒贷"},
        "payee.name",
    ),
    "payee.official_entity": Case({"payee": {"name": WEBANK}, "creditor": "微粒贷"}, "payee.name"),
    "payee.official_account": Case(
        {
            "payee": {"name": "示例演示消费金融有限公司", "account": "000000000000000000"},
            "creditor": "示例演示贷",
        },
        "payee.account",
        directory=True,
    ),
    "payee.creditor_entity_unknown": Case(
        {"payee": {"name": "深圳市某某科技有限公司"}, "creditor": "有钱花"}, "payee.name"
    ),
    "payee.name_not_comparable": Case(
        {"payee": {"name": "Shenzhen Moumou Consulting Co., Ltd."}, "creditor": "微粒贷"},
        "payee.name",
    ),
    "creditor.name_typo": Case({"payee": {"name": WEBANK}, "creditor": "微粒代"}, "creditor"),
    "creditor.transfer_to_creditor": Case(
        {"payee": {"name": WEBANK, "account": "4109123456789012345"}, "creditor": "微粒贷"},
        "creditor",
    ),
    "licence.date_in_future": Case(
        {
            "payee": {"name": "深圳市某某商务咨询有限公司"},
            "creditor": "微粒贷",
            "licence": {"name": "深圳市某某商务咨询有限公司", "established": "2027年1月1日"},
        },
        "licence.established",
    ),
    "payee.unconfirmed_entity": Case(
        {"payee": {"name": "浙江宁银消费金融股份有限公司"}, "creditor": "宁波银行"}, "payee.name"
    ),
    "payee.not_official_account": Case(
        {
            "payee": {"name": "示例演示消费金融有限公司", "account": "000000000000000099"},
            "creditor": "示例演示贷",
        },
        "payee.account",
        directory=True,
    ),
    "payee.former_entity_name": Case(
        {"payee": {"name": "重庆市蚂蚁小微小额贷款有限公司"}, "creditor": "借呗"}, "payee.name"
    ),
    "payee.close_to_creditor": Case(
        {"payee": {"name": "深圳前海微众银行"}, "creditor": "微粒贷"}, "payee.name"
    ),
    "payee.not_creditor": Case(scam(), "payee.name"),
    "payee.lookalike_creditor": Case(
        {"payee": {"name": "深圳前海徽众银行股份有限公司"}, "creditor": "微粒贷"}, "payee.name"
    ),
    "payee.spoofed_characters": Case(
        {"payee": {"name": "深圳前海微众\u200b银行股份有限公司"}, "creditor": "微粒贷"},
        "payee.name",
    ),
    "payee.is_person": Case({"payee": {"name": PERSON}, "creditor": "微粒贷"}, "payee.name"),
    "payee.individual_business": Case(
        {"payee": {"name": "深圳市福田区某某五金店（个体工商户）"}, "creditor": "微粒贷"},
        "payee.name",
    ),
    "payee.debt_service_company": Case(scam(), "payee.name"),
    # --- account -------------------------------------------------------------------------------
    "account.missing": Case(scam(), "payee.account"),
    "account.invalid": Case(
        scam(payee={"name": CONSULTING, "account": "账号见图片"}), "payee.account"
    ),
    "account.personal_card": Case(
        scam(payee={"name": CONSULTING, "account": CCB_CARD, "claimed_account_type": "corporate"}),
        "payee.account",
    ),
    "account.card": Case(
        {
            "payee": {"name": PERSON, "account": CCB_CARD, "claimed_account_type": "personal"},
            "creditor": "微粒贷",
        },
        "payee.account",
    ),
    "account.maybe_card": Case(
        scam(payee={"name": CONSULTING, "account": WRONG_LUHN_CARD}), "payee.account"
    ),
    "account.bank_mismatch": Case(
        scam(payee={"name": CONSULTING, "account": CCB_CARD, "bank": "招商银行深圳分行"}),
        "payee.bank",
    ),
    "account.length_unusual": Case(
        scam(payee={"name": CONSULTING, "account": "100020003000", "bank": "中国工商银行"}),
        "payee.account",
    ),
    "account.bank_unknown": Case(
        scam(payee={"name": CONSULTING, "account": CORPORATE_ACCOUNT, "bank": "某某不存在银行"}),
        "payee.bank",
    ),
    "account.cnaps_invalid": Case(
        scam(payee={"name": CONSULTING, "account": CORPORATE_ACCOUNT, "cnaps": "30858400001X"}),
        "payee.cnaps",
    ),
    # --- licence -------------------------------------------------------------------------------
    "licence.uscc_malformed": Case(with_licence(uscc="9144030"), "licence.uscc"),
    "licence.uscc_invalid": Case(with_licence(uscc=WRONG_CHECK_USCC), "licence.uscc"),
    "licence.uscc_pilot_code": Case(with_licence(uscc=PILOT_USCC), "licence.uscc"),
    "licence.org_code_invalid": Case(with_licence(uscc=BAD_ORG_USCC), "licence.uscc"),
    "licence.uscc_unknown_region": Case(
        with_licence(uscc=make_uscc("91", "999999")), "licence.uscc"
    ),
    "licence.uscc_unknown_type": Case(with_licence(uscc=make_uscc("B1", "440300")), "licence.uscc"),
    "licence.uscc_type_vs_name": Case(with_licence(uscc=make_uscc("11", "440300")), "licence.uscc"),
    "licence.uscc_region_vs_address": Case(
        with_licence(uscc=make_uscc("91", "110000"), address="广东省深圳市福田区某某路1号"),
        "licence.address",
    ),
    "licence.regno_invalid": Case(with_licence(uscc="440301123456789"), "licence.uscc"),
    # a 13-digit registration number (the form before 2007): no check digit to test
    "licence.regno_unverifiable": Case(with_licence(uscc="4206002107724"), "licence.uscc"),
    "licence.name_mismatch": Case(
        with_licence(payee=CONSULTING, uscc=FICTIONAL_USCC), "licence.name"
    ),
    "licence.name_lookalike": Case(
        with_licence(payee="深圳市某某科枝有限公司", uscc=FICTIONAL_USCC), "licence.name"
    ),
    "licence.name_close": Case(
        with_licence(payee=TECH + "福田分公司", uscc=FICTIONAL_USCC), "licence.name"
    ),
    "licence.uscc_not_creditor": Case(
        scam(licence={"name": WEBANK, "uscc": FICTIONAL_USCC}), "licence.uscc"
    ),
    "licence.not_operating": Case(
        with_licence(uscc=FICTIONAL_USCC, status="吊销，未注销"), "licence.status"
    ),
    "licence.status_warning": Case(
        with_licence(uscc=FICTIONAL_USCC, status="经营异常"), "licence.status"
    ),
    "licence.recently_founded": Case(
        with_licence(uscc=FICTIONAL_USCC, established="2026年9月3日"), "licence.established"
    ),
    "licence.term_ended": Case(
        with_licence(uscc=FICTIONAL_USCC, business_term_end="2016年4月12日至2026年4月11日"),
        "licence.business_term_end",
    ),
    "licence.payee_is_legal_rep": Case(
        with_licence(payee=PERSON, uscc=FICTIONAL_USCC, legal_representative=PERSON),
        "licence.legal_representative",
    ),
    "licence.debt_service_scope": Case(
        with_licence(uscc=FICTIONAL_USCC, business_scope="商务信息咨询；债务咨询服务"),
        "licence.business_scope",
    ),
    "licence.individual_business_form": Case(
        with_licence(uscc=FICTIONAL_USCC, entity_type="个体工商户"), "licence"
    ),
    "licence.unreadable": Case(
        with_licence(uscc=FICTIONAL_USCC, established="去年春天"), "licence.established"
    ),
    # --- creditor ------------------------------------------------------------------------------
    "creditor.unknown": Case(scam(creditor="某某小额贷款"), "creditor"),
    "creditor.lookalike": Case(scam(creditor="徽粒贷"), "creditor"),
    "creditor.unofficial_name": Case(scam(creditor="微粒贷协商中心"), "creditor"),
    "creditor.in_app_repayment": Case(
        scam(payee={"name": CONSULTING, "account": CORPORATE_ACCOUNT}), "creditor"
    ),
    "creditor.no_official_account": Case(
        scam(payee={"name": CONSULTING, "account": CORPORATE_ACCOUNT}, creditor="招商银行"),
        "creditor",
    ),
    # --- messages ------------------------------------------------------------------------------
    **{
        f"messages.{family}": Case(said("【微粒贷】" + text + ASKS_FOR_THE_CODE), "messages[0]")
        for family, text in FAMILY_MESSAGES.items()
    },
    # one case per scam typology: the typology's own example message (data/typologies.toml)
    **{
        f"messages.scam.{code}": Case(said(typology.example), "messages[0]")
        for code, typology in TYPOLOGIES.items()
    },
    "messages.scam_likely": Case(said(ASKS_FOR_THE_CODE), "messages[0]"),
    "messages.scam_money_request": Case(said(TYPOLOGIES["fake_loan"].example), "messages[0]"),
    "messages.personal_contact": Case(said("您好", "请加微信 wx_kefu888 办理"), "messages[1]"),
    "messages.enterprise_wechat": Case(said("请添加企业微信联系客服"), "messages[0]"),
    "messages.remote_control_app": Case(
        said("您的学生账户需要注销，请下载向日葵远程控制软件，开启屏幕共享" + ASKS_FOR_THE_CODE),
        "messages[0]",
    ),
    "messages.meeting_app": Case(
        said("请下载腾讯会议，会议号123456789。" + ASKS_FOR_THE_CODE), "messages[0]"
    ),
    "messages.unofficial_link": Case(
        said("请登录 https://www.some-loan.example.net/repay 还款"), "messages[0]"
    ),
    "messages.lookalike_link": Case(
        said("请登录 https://webank-repay.top/login 办理"), "messages[0]"
    ),
    "messages.short_link": Case(said("详情点击 https://t.cn/A6abcd 查看"), "messages[0]"),
    "messages.cross_border_number": Case(said("请回电 +852 5123 4567"), "messages[0]"),
    "messages.unofficial_number": Case(said("请致电0755-83456789"), "messages[0]"),
    "messages.official_number": Case(said(f"官方客服{WEBANK_HOTLINE}"), "messages[0]"),
    "messages.truncated": Case(said("您好" + "啊" * 1_000_000), "messages[0]"),
    # --- contact -------------------------------------------------------------------------------
    "contact.cross_border_number": Case(
        scam(contact={"channel": "call", "caller_number": "+85251234567"}),
        "contact.caller_number",
    ),
    "contact.private_number": Case(
        scam(contact={"channel": "call", "caller_number": "13812345678"}),
        "contact.caller_number",
    ),
    "contact.official_number": Case(
        scam(contact={"channel": "sms", "caller_number": WEBANK_HOTLINE}),
        "contact.caller_number",
    ),
    "licence.name_not_comparable": Case(
        scam(licence={"name": "Shenzhen Moumou Consulting Co., Ltd."}),
        "licence.name",
    ),
    "input.invalid_characters": Case(
        scam(payee={"name": "深圳市某某\ud800商务咨询有限公司"}),
        "payee.name",
    ),
    # --- licence image (the other image.* codes need an image file: see NOT_FROM_VERIFY) --------
    "image.unreadable": Case(scam(licence_image="/no/such/dir/licence.png"), "licence_image"),
    # --- sources (the lookups' results as acctverify.sources.enrich records them) ---------------
    "sources.registry_not_found": Case(
        scam(
            licence={"name": CONSULTING, "uscc": FICTIONAL_USCC},
            lookups=[
                {
                    "source": "tianyancha",
                    "kind": "registry",
                    "status": "not_found",
                    "field": "licence.uscc",
                    "query": FICTIONAL_USCC,
                }
            ],
        ),
        "licence.uscc",
    ),
    "sources.registry_unavailable": Case(
        scam(
            lookups=[
                {
                    "source": "tianyancha",
                    "kind": "registry",
                    "status": "unavailable",
                    "field": "payee.name",
                    "query": CONSULTING,
                    "detail": "timed out",
                }
            ]
        ),
        "payee.name",
    ),
    "sources.registry_name_mismatch": Case(
        scam(registry={"name": TECH, "uscc": FICTIONAL_USCC, "status": "存续"}),
        "payee.name",
    ),
    "sources.registry_status": Case(
        scam(
            licence={"name": CONSULTING, "uscc": FICTIONAL_USCC},
            registry={"name": CONSULTING, "uscc": FICTIONAL_USCC, "status": "注销"},
        ),
        "licence.uscc",
    ),
    "sources.registry_uscc_mismatch": Case(
        scam(
            licence={"name": CONSULTING, "uscc": FICTIONAL_USCC},
            registry={"name": CONSULTING, "uscc": make_uscc("91", "440300", "MA5GQ7K4")},
        ),
        "licence.uscc",
    ),
    "sources.card_bin_online": Case(
        scam(
            payee={"name": CONSULTING, "account": CCB_CARD},
            card_bin={
                "bin": "621700",
                "length": 19,
                "bank_code": "CCB",
                "bank_name": "CCB",
                "card_type": "DC",
                "sources": ["alipay"],
            },
            lookups=[
                {
                    "source": "alipay",
                    "kind": "card_bin",
                    "status": "ok",
                    "field": "payee.account",
                    "query": "BIN 621700 (19 digits)",
                }
            ],
        ),
        "payee.account",
    ),
    "sources.risk_list_hit": Case(
        scam(
            payee={"name": CONSULTING, "account": CORPORATE_ACCOUNT},
            risk_hits=[
                {
                    "kind": "account",
                    "value": "4425************1234",
                    "field": "payee.account",
                    "note": "涉诈账户",
                    "source": "测试通报",
                    "list_name": "bank.sqlite",
                }
            ],
        ),
        "payee.account",
    ),
    "sources.risk_list_unavailable": Case(
        scam(
            lookups=[
                {
                    "source": "bank.sqlite",
                    "kind": "risk_list",
                    "status": "error",
                    "detail": "cannot read the database",
                }
            ]
        ),
        "payee.name",
    ),
}


def _directory(case: Case) -> Directory | None:
    return load_directory(MY_DIRECTORY) if case.directory else None


def run(case: Case) -> Report:
    return av.verify({"as_of": AS_OF.isoformat(), **case.request}, directory=_directory(case))


def check_report(report: Report, request: dict[str, Any]) -> None:
    """What every report must satisfy, whatever the request."""
    messages = list(request.get("messages") or [])
    # A request that itself holds "{name}" text may show it in a message, quoted.
    templated = "{" not in json.dumps(request, ensure_ascii=False, default=str)
    assert 0 <= report.score <= 100
    assert sum(finding.contribution for finding in report.findings) == report.score
    if report.level is Level.LOW:
        assert {f.code for f in report.findings} & TRUST_CODES_FOR_LOW
    for finding in report.findings:
        assert finding.code in FINDINGS
        assert finding.message_zh.strip()
        assert finding.message_en.strip()
        if templated:
            assert not PLACEHOLDER.search(finding.message_zh), finding.message_zh
            assert not PLACEHOLDER.search(finding.message_en), finding.message_en
        assert finding.evidence, finding.code
        for evidence in finding.evidence:
            assert FIELD.fullmatch(evidence.field), evidence.field
            if evidence.start is not None:
                index = int(evidence.field[len("messages[") : -1])
                assert evidence.end is not None
                assert messages[index][evidence.start : evidence.end] == evidence.value
    assert report.advice
    for advice in report.advice:
        assert advice.zh.strip()
        assert advice.en.strip()


# --- one case per finding code ----------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_finding_code(code: str) -> None:
    case = CASES[code]
    report = run(case)
    check_report(report, case.request)
    found = [f for f in report.findings if f.code == code]
    assert found, f"{code} not in {[f.code for f in report.findings]}"
    finding = found[0]
    assert finding.kind is FINDINGS[code].kind
    fields = [evidence.field for evidence in finding.evidence]
    assert case.field in fields, fields


#: Codes verify() cannot produce: verify_many() reports a request that fails validation (verify()
#: raises instead); tests/test_batch.py triggers it.
NOT_FROM_VERIFY = {"input.invalid_request"}
#: Needs a name read off a licence photo: tests/test_licence_photos.py triggers it.
NOT_FROM_VERIFY |= {"licence.name_unconfirmed"}
#: Codes that need a licence image on disk (or the ocr extra missing): tests/test_licence_image.py
#: triggers each of them through verify() (test_every_image_code_has_a_case).
NOT_FROM_VERIFY |= {
    code for code in FINDINGS if code.startswith("image.") and code != "image.unreadable"
}


def test_every_catalogue_code_is_triggered() -> None:
    """Codes that no request in this file produces (DEFAULT_RULES must be able to make each)."""
    produced = {finding.code for case in CASES.values() for finding in run(case).findings}
    missing = sorted(set(FINDINGS) - NOT_FROM_VERIFY - produced)
    assert not missing, f"catalogue codes no test triggers: {missing}"
    assert set(CASES) == set(FINDINGS) - NOT_FROM_VERIFY


def test_message_spans_quote_the_message() -> None:
    request = said(
        "【微粒贷协商中心】您已逾期，今日内将协商还款金额转入我司对公账户可停息挂账。",
        "请添加专员微信 wlsd-kefu2025 办理，不要告诉家人，否则后果自负。",
    )
    report = av.verify(request, as_of=AS_OF)
    spans = [(e.field, e.value) for f in report.findings for e in f.evidence if e.start is not None]
    assert ("messages[1]", "wlsd-kefu2025") in spans
    assert ("messages[0]", "停息挂账") in spans
    check_report(report, request)


def test_account_numbers_are_masked_in_evidence_and_messages() -> None:
    case = CASES["account.personal_card"]
    report = run(case)
    dumped = json.dumps(
        [(f.message_zh, f.message_en, [e.value for e in f.evidence]) for f in report.findings],
        ensure_ascii=False,
    )
    assert CCB_CARD not in dumped
    assert bankcard.mask(CCB_CARD) in dumped


def test_two_bank_mismatches_keep_both_pieces_of_evidence() -> None:
    icbc_cnaps = "10258400001" + cnaps.calc_check_digit("10258400001")  # category 102: ICBC
    request = scam(
        payee={"name": CONSULTING, "account": CCB_CARD, "bank": "招商银行", "cnaps": icbc_cnaps}
    )
    report = av.verify(request, as_of=AS_OF)
    mismatch = next(f for f in report.findings if f.code == "account.bank_mismatch")
    fields = [e.field for e in mismatch.evidence]
    assert "payee.account" in fields
    assert "payee.cnaps" in fields


# --- fail closed ------------------------------------------------------------------------------


def test_nothing_given_is_medium_and_says_why() -> None:
    report = av.verify({}, as_of=AS_OF)
    codes = {f.code for f in report.findings}
    assert report.level is Level.MEDIUM
    assert {"creditor.unknown", "payee.name_missing", "account.missing"} <= codes
    check_report(report, {})


def test_an_empty_payment_request_model_is_the_same_as_an_empty_dict() -> None:
    assert av.verify(PaymentRequest(), as_of=AS_OF) == av.verify({}, as_of=AS_OF)


@pytest.mark.parametrize(
    "creditor", [None, "", "   ", "某某小额贷款", "我也不知道", "\u200b", "None", "null"]
)
def test_unknown_creditor_is_at_least_medium(creditor: str | None) -> None:
    request = {"payee": {"name": WEBANK, "account": CORPORATE_ACCOUNT}, "creditor": creditor}
    report = av.verify(request, as_of=AS_OF)
    assert report.level.rank >= Level.MEDIUM.rank
    assert "creditor.unknown" in {f.code for f in report.findings}


@pytest.mark.parametrize("name", [None, "", "  ", "\u200b\u200b"])
def test_missing_payee_name_is_never_low(name: str | None) -> None:
    report = av.verify({"payee": {"name": name}, "creditor": "微粒贷"}, as_of=AS_OF)
    assert report.level.rank >= Level.MEDIUM.rank
    codes = {f.code for f in report.findings}
    assert codes & {"payee.name_missing", "payee.spoofed_characters"}


def test_a_look_alike_of_the_creditor_is_never_a_close_match() -> None:
    report = run(CASES["payee.lookalike_creditor"])
    assert report.level is Level.CRITICAL
    assert "payee.official_entity" not in {f.code for f in report.findings}


def test_hidden_characters_in_the_creditor_name_are_not_trusted() -> None:
    report = run(CASES["payee.spoofed_characters"])
    assert report.level.rank >= Level.HIGH.rank
    assert "payee.official_entity" not in {f.code for f in report.findings}


def test_an_unconfirmed_entity_is_not_enough_for_low() -> None:
    report = run(CASES["payee.unconfirmed_entity"])
    assert report.level.rank >= Level.MEDIUM.rank


def test_an_account_not_among_the_official_ones_is_high() -> None:
    report = run(CASES["payee.not_official_account"])
    assert report.level.rank >= Level.HIGH.rank


# --- genuine cases stay low -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("creditor", "payee"),
    [
        ("微粒贷", WEBANK),
        ("微众银行", WEBANK),
        ("WeBank", WEBANK),
        ("微粒贷", "深圳前海微众银行股份有限公司 "),
        ("微粒贷", "深圳前海微众银行股份有限公司".replace("", " ").strip()),
        ("微粒贷", "深圳前海微众银行股份有限公司\u3000"),  # an ideographic space: formatting only
        ("招商银行", "招商银行股份有限公司"),
        ("借呗", "重庆蚂蚁消费金融有限公司"),
    ],
)
def test_the_creditors_registered_name_is_low(creditor: str, payee: str) -> None:
    report = av.verify({"payee": {"name": payee}, "creditor": creditor}, as_of=AS_OF)
    assert report.level is Level.LOW, [(f.code, f.evidence) for f in report.findings]
    assert "payee.official_entity" in {f.code for f in report.findings}


def test_genuine_webank_request_with_licence_and_notice_is_low() -> None:
    request = {
        "payee": {
            "name": WEBANK,
            "account": CORPORATE_ACCOUNT,
            "bank": "微众银行",
            "claimed_account_type": "corporate",
        },
        "creditor": "微粒贷",
        "licence": {"name": WEBANK, "uscc": WEBANK_USCC, "status": "存续"},
        "messages": [
            f"【微众银行】您的微粒贷借款将于12月5日到期，如有疑问请致电{WEBANK_HOTLINE}。"
        ],
        "contact": {"channel": "sms", "caller_number": WEBANK_HOTLINE},
    }
    report = av.verify(request, as_of=AS_OF)
    check_report(report, request)
    assert report.level is Level.LOW
    codes = {f.code for f in report.findings}
    assert "payee.official_entity" in codes
    assert not codes & {"licence.uscc_not_creditor", "licence.name_mismatch"}
    assert report.facts.creditor is not None
    assert report.facts.creditor.creditor is not None
    assert report.facts.creditor.creditor.id == "webank"


def test_an_official_account_from_the_users_directory_is_low() -> None:
    report = run(CASES["payee.official_account"])
    assert report.level is Level.LOW
    official = next(f for f in report.findings if f.code == "payee.official_account")
    assert official.kind is FindingKind.TRUST
    assert official.evidence[0].detail  # the source of the account


def test_the_directory_argument_replaces_the_builtin_one() -> None:
    case = CASES["payee.official_account"]
    without = av.verify({"as_of": AS_OF.isoformat(), **case.request})
    assert "payee.official_account" not in {f.code for f in without.findings}
    assert without.level.rank >= Level.MEDIUM.rank


# --- input shapes -----------------------------------------------------------------------------


def test_a_plain_dict_is_accepted() -> None:
    request = CASES["account.personal_card"].request
    model = PaymentRequest.model_validate(request)
    assert av.verify(request, as_of=AS_OF) == av.verify(model, as_of=AS_OF)


def test_the_public_models_build_a_request() -> None:
    request = av.PaymentRequest(
        payee=av.Payee(name=CONSULTING, account=CCB_CARD, bank="中国建设银行"),
        creditor="微粒贷",
        licence=av.Licence(name=CONSULTING, uscc=FICTIONAL_USCC),
        messages=("您好，我是微粒贷协商中心……请添加客服微信 wx_kefu888",),
        as_of=AS_OF,
    )
    report = av.verify(request)
    assert report.level is Level.CRITICAL
    check_report(report, request.model_dump())


@pytest.mark.parametrize(
    "request_data",
    [
        {"payee": {"name": 5}},
        {"payee": {"account": 6217000000123456786}},
        {"payee": "深圳市某某商务咨询有限公司"},
        {"payee": {"claimed_account_type": "见截图"}},
        {"creditor": ["微粒贷"]},
        {"messages": "请加微信 wx_kefu888"},
        {"messages": [1, 2]},
        {"messages": ["x"] * 51},
        {"licence": "营业执照"},
        {"licence": {"uscc": 914403}},
        {"licence": {"established": "2026-02-30T00:00:00Z", "name": 1}},
        {"contact": {"caller_number": 13812345678}},
        {"as_of": "yesterday"},
        {"unknown_field": 1},
        {"payee": {"nam": "typo"}},
    ],
    ids=range(15),
)
def test_wrong_types_raise_a_validation_error(request_data: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        av.verify(request_data)


@pytest.mark.parametrize("request_data", [None, "微粒贷", 5, ["payee"], b"{}"])
def test_a_request_that_is_not_a_mapping_raises_a_validation_error(request_data: Any) -> None:
    with pytest.raises(ValidationError):
        av.verify(request_data)


# --- hostile strings --------------------------------------------------------------------------

HOSTILE = {
    "None": "None",
    "null": "null",
    "empty": "",
    "space": "   ",
    "euro": "€",
    "superscript": "３²",
    "nul": "a\x00b",
    "zero_width": "\u200b\u200d\ufeff\u2060",
    "rtl": "\u202e司公限有\u202c",
    "full_width_card": CCB_CARD.translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"}),
    "emoji": "🙂" * 10,
    "newlines": "\n\t\r\n",
    "huge": "某" * 100_000,
    "huge_digits": "9" * 100_000,
    "huge_zero_width": "\u200b" * 100_000,
    "braces": "{payee}{creditor}{0}{",
}
#: (section, field): every string field of the request.
STRING_FIELDS = [
    ("payee", "name"),
    ("payee", "account"),
    ("payee", "bank"),
    ("payee", "branch"),
    ("payee", "cnaps"),
    ("creditor", None),
    ("licence", "name"),
    ("licence", "uscc"),
    ("licence", "legal_representative"),
    ("licence", "entity_type"),
    ("licence", "address"),
    ("licence", "established"),
    ("licence", "business_term_end"),
    ("licence", "status"),
    ("licence", "registered_capital"),
    ("licence", "business_scope"),
    ("licence", "registration_authority"),
    ("licence", "source"),
    ("messages", None),
    ("contact", "channel"),
    ("contact", "caller_number"),
    ("contact", "sender"),
    ("contact", "link"),
]
FIELD_IDS = [f"{a}.{b}" if b else a for a, b in STRING_FIELDS]


def place(value: str, section: str, name: str | None) -> dict[str, Any]:
    """A realistic request with *value* in one field."""
    request: dict[str, Any] = {
        "payee": {"name": CONSULTING, "account": CCB_CARD, "bank": "中国建设银行"},
        "creditor": "微粒贷",
        "licence": {"name": CONSULTING, "uscc": FICTIONAL_USCC},
        "messages": ["请添加专员微信 wlsd-kefu2025 办理"],
        "contact": {"channel": "sms"},
    }
    if section == "messages":
        request["messages"] = [*request["messages"], value]
    elif name is None:
        request[section] = value
    else:
        request[section] = {**request[section], name: value}
    if (section, name) == ("payee", "branch"):
        del request["payee"]["bank"]  # the branch is read when no bank is given
    return request


@pytest.mark.parametrize(("section", "name"), STRING_FIELDS, ids=FIELD_IDS)
@pytest.mark.parametrize("value", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_strings_give_a_report(value: str, section: str, name: str | None) -> None:
    request = place(value, section, name)
    report = av.verify(request, as_of=AS_OF)
    check_report(report, request)
    assert report.level.rank >= Level.HIGH.rank  # the rest of the request is still a scam
    dumped = report.model_dump_json()
    assert Report.model_validate_json(dumped) == report


@pytest.mark.parametrize("value", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_strings_everywhere_at_once(value: str) -> None:
    request: dict[str, Any] = {
        "payee": dict.fromkeys(["name", "account", "bank", "branch", "cnaps"], value),
        "creditor": value,
        "licence": dict.fromkeys(
            [name for section, name in STRING_FIELDS if section == "licence"], value
        ),
        "messages": [value, value],
        "contact": dict.fromkeys(["channel", "caller_number", "sender", "link"], value),
    }
    report = av.verify(request, as_of=AS_OF)
    check_report(report, request)
    assert report.level.rank >= Level.MEDIUM.rank
    json.loads(report.model_dump_json())


@pytest.mark.parametrize(("section", "name"), STRING_FIELDS, ids=FIELD_IDS)
@pytest.mark.parametrize("value", ["\ud800", "深圳\udfff某某", "\udc00" * 18])
def test_lone_surrogates_give_a_report_that_serialises(
    value: str, section: str, name: str | None
) -> None:
    request = place(value, section, name)
    report = av.verify(request, as_of=AS_OF)
    assert report.level.rank >= Level.HIGH.rank
    json.loads(report.model_dump_json())


def test_a_full_width_card_is_still_a_card() -> None:
    full_width = HOSTILE["full_width_card"]
    request = scam(
        payee={"name": CONSULTING, "account": full_width, "claimed_account_type": "corporate"}
    )
    codes = {f.code for f in av.verify(request, as_of=AS_OF).findings}
    assert "account.personal_card" in codes


def test_long_fields_are_cut_and_reported() -> None:
    report = run(CASES["payee.name_truncated"])
    assert "payee.name" in report.facts.truncated_fields
    assert len(report.model_dump_json()) < 200_000


# --- JSON, schema, determinism ----------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(set(CASES) - {"messages.truncated"}))
def test_json_round_trip(code: str) -> None:
    report = run(CASES[code])
    assert Report.model_validate_json(report.model_dump_json()) == report
    assert Report.model_validate(json.loads(report.model_dump_json())) == report


def test_json_schemas_are_exported() -> None:
    for model in (Report, PaymentRequest):
        schema = model.model_json_schema()
        json.dumps(schema)
        assert schema["type"] == "object"
        assert schema["properties"]
    request_schema = PaymentRequest.model_json_schema()
    assert set(request_schema["properties"]) >= {
        "payee",
        "creditor",
        "licence",
        "messages",
        "contact",
        "as_of",
    }
    assert "description" in request_schema["properties"]["creditor"]  # field docstrings
    report_schema = Report.model_json_schema()
    assert set(report_schema["required"]) >= {"level", "score", "findings", "advice", "as_of"}


def test_the_json_names_the_versions_and_the_date() -> None:
    report = run(CASES["payee.not_creditor"])
    data = json.loads(report.model_dump_json())
    assert data["as_of"] == AS_OF.isoformat()
    assert data["data_version"] == av.data_version()
    assert data["version"] == av.__version__
    assert data["level"] in {level.value for level in Level}


@pytest.mark.parametrize("code", ["payee.not_creditor", "messages.personal_contact"])
def test_same_input_same_report(code: str) -> None:
    case = CASES[code]
    first, second = run(case), run(case)
    assert first == second
    assert first.model_dump_json() == second.model_dump_json()


# --- as_of --------------------------------------------------------------------------------------


def test_as_of_defaults_to_today() -> None:
    before = date.today()
    report = av.verify({"payee": {"name": WEBANK}, "creditor": "微粒贷"})
    assert before <= report.as_of <= date.today()
    assert report.facts.as_of == report.as_of


def test_the_requests_as_of_is_used() -> None:
    report = av.verify({"as_of": "2030-01-02"})
    assert report.as_of == report.facts.as_of == date(2030, 1, 2)


def test_the_as_of_argument_wins_over_the_request() -> None:
    report = av.verify({"as_of": "2030-01-02"}, as_of=AS_OF)
    assert report.as_of == report.facts.as_of == AS_OF


def test_as_of_decides_what_is_recent_and_what_has_ended() -> None:
    request = with_licence(
        uscc=FICTIONAL_USCC, established="2026年9月3日", business_term_end="2027年9月2日"
    )
    now = {f.code for f in av.verify(request, as_of=AS_OF).findings}
    later = {f.code for f in av.verify(request, as_of=date(2028, 1, 1)).findings}
    assert "licence.recently_founded" in now
    assert "licence.term_ended" not in now
    assert "licence.recently_founded" not in later
    assert "licence.term_ended" in later
    just_after = AS_OF + timedelta(days=1)
    founded = {
        f.code
        for f in av.verify(
            with_licence(uscc=FICTIONAL_USCC, established=just_after.isoformat()), as_of=AS_OF
        ).findings
    }
    assert "licence.date_in_future" in founded  # founded after the date judged at: impossible


# --- properties over structured requests --------------------------------------------------------

payee_names = st.sampled_from(
    [WEBANK, CONSULTING, TECH, PERSON, "深圳前海徽众银行股份有限公司", "重庆蚂蚁消费金融有限公司",
     "深圳市福田区某某五金店（个体工商户）", "深圳前海微众\u200b银行股份有限公司", ""]
)  # fmt: skip
creditors = st.sampled_from(
    ["微粒贷", "借呗", "招商银行", "徽粒贷", "微粒贷协商中心", "某某贷", ""]
)
accounts = st.one_of(
    testing.card_numbers(),
    st.text(alphabet="0123456789", min_size=8, max_size=30),
    st.sampled_from([CORPORATE_ACCOUNT, "", "账号见图片"]),
)
message_parts = st.lists(
    st.sampled_from(
        [*FAMILY_MESSAGES.values(), "请加微信 wx_kefu888", f"客服{WEBANK_HOTLINE}",
         "https://t.cn/A6abcd", "您好，", "\u200b", "１３８１２３４５６７８"]
    ),
    max_size=4,
).map("".join)  # fmt: skip
licences = st.none() | st.fixed_dictionaries(
    {
        "name": payee_names,
        "uscc": st.one_of(testing.usccs(), testing.invalid_usccs(), st.just(WEBANK_USCC)),
        "status": st.sampled_from(["存续", "吊销", "经营异常", "在业", "某某"]),
        "established": st.dates(min_value=date(1990, 1, 1), max_value=date(2027, 1, 1)).map(
            lambda d: f"{d.year}年{d.month}月{d.day}日"
        ),
    }
)
requests = st.fixed_dictionaries(
    {
        "payee": st.fixed_dictionaries({"name": payee_names, "account": accounts}),
        "creditor": creditors,
        "licence": licences,
        "messages": st.lists(message_parts, max_size=3),
        "as_of": st.just(AS_OF.isoformat()),
    }
)


@given(requests)
def test_every_request_gives_a_sound_report(request: dict[str, Any]) -> None:
    report = av.verify(request)
    check_report(report, request)
    assert Report.model_validate_json(report.model_dump_json()) == report
    assert av.verify(request) == report


@given(requests)
def test_low_only_when_the_payee_is_tied_to_the_creditor(request: dict[str, Any]) -> None:
    report = av.verify(request)
    codes = {f.code for f in report.findings}
    if report.level is Level.LOW:
        assert codes & TRUST_CODES_FOR_LOW
        assert request["payee"]["name"] in {WEBANK, "重庆蚂蚁消费金融有限公司"}
    if request["creditor"] in ("", "某某贷"):
        assert report.level.rank >= Level.MEDIUM.rank


def test_a_bank_with_two_codes_is_not_a_bank_mismatch() -> None:
    """bcbc keeps two codes for some banks (DBS and DBSCN 星展银行): the stated bank and the card
    BIN are compared as banks, not as code strings (the same rule as account.classify)."""
    from acctverify.cn import bankcard

    body = "621015" + "0" * 12  # a 星展银行 BIN recorded under DBSCN
    number = body + bankcard.calc_check_digit(body)
    request = {"payee": {"name": CONSULTING, "account": number, "bank": "星展银行"}}
    codes = {f.code for f in av.verify(request, as_of=AS_OF).findings}
    assert "account.card" in codes
    assert "account.bank_mismatch" not in codes
    other = {**request, "payee": {**request["payee"], "bank": "工商银行"}}
    assert "account.bank_mismatch" in {f.code for f in av.verify(other, as_of=AS_OF).findings}
