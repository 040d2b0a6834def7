"""The message-risk reader: cues, typologies, the score and its explanations, and the levels of
messages-only requests."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import acctverify as av
from acctverify.text import CUES, TYPOLOGIES, assess_message
from acctverify.text._cues import HIT_CUES, learned, typologies

AS_OF = "2026-12-01"
DEV = Path(__file__).resolve().parent.parent / "bench" / "data" / "messages"


def level(*messages: str) -> av.Level:
    return av.verify({"messages": list(messages), "as_of": AS_OF}).level


# --- the tables ---------------------------------------------------------------------------------


def test_every_cue_has_words_or_patterns_or_hits_and_sources() -> None:
    for cue in CUES.values():
        assert cue.words or cue.patterns or cue.hits, cue.code
        assert cue.sources, cue.code
        assert set(cue.unconfirmed) <= set(cue.words), cue.code
        assert set(cue.hits) <= set(HIT_CUES), cue.code
        assert all(len(word) >= 2 for word in cue.words), cue.code
        assert not any(re.search(r"[\\^$.|?*+()\[\]{}]", word) for word in cue.words), cue.code


def test_every_typology_is_sourced_advised_and_recognises_its_own_example() -> None:
    assert len(TYPOLOGIES) >= 18
    for code, typology in TYPOLOGIES.items():
        assert typology.sources, code
        assert typology.advice_zh, code
        assert typology.advice_en, code
        risk = assess_message(typology.example)
        assert risk.scam, code
        assert risk.typologies[0].code == code, (code, [t.code for t in risk.typologies])


def test_no_combination_is_a_who_and_a_pressure_alone() -> None:
    """Genuine collection calls name the lender and a deadline: that is never a typology."""
    for typology in typologies().values():
        for combo in typology.combos:
            dimensions = {next(iter(options)).split(".")[0] for options in combo}
            assert dimensions - {"who", "pressure"}, typology.code


def test_the_learned_layer_names_only_known_features() -> None:
    model = learned()
    assert set(model.cue) <= set(CUES)
    assert set(model.typology) <= set(TYPOLOGIES)
    assert 0 < model.threshold_typology <= model.threshold < 1


# --- the cases --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        # a fee before the payout of a loan offered without collateral: a scam, and it asks for money  # noqa: E501
        (
            "【速融贷】您已获得50000元借款额度，无抵押无征信，下载闪电贷APP即可申请，放款前需先交手续费800元",
            av.Level.CRITICAL,
        ),
        # bank phishing without a link
        (
            "【工商银行】尊敬的客户，您的电子密码器将于今日过期，请尽快登录我行网站进行升级，否则将影响您的正常使用。",
            av.Level.HIGH,
        ),
        ("【中国移动】尊敬的客户，您的积分即将清零，可兑换现金198元，请回复领取。", av.Level.HIGH),
        # 验证流水: a deposit to "prove the ability to repay"
        ("您的还款能力不足，需要先存入5000元证明还款能力，我们验证流水后马上放款。", av.Level.CRITICAL),  # noqa: E501
        # a 安全账户, whoever asks
        ("您的资金存在风险，请立即转入安全账户。", av.Level.CRITICAL),
        # genuine notices stay quiet
        ("【微众银行】您的验证码为482913，请勿告知他人。", av.Level.MEDIUM),
        ("【招商银行】您尾号1234的信用卡本期账单金额¥3,812.34，到期还款日11月29日。", av.Level.MEDIUM),  # noqa: E501
        ("【光大银行】温馨提示：凡是自称客服要求您将资金转入安全账户的，都是诈骗。", av.Level.MEDIUM),  # noqa: E501
        ("【微众银行】我行不会以“国家政策调整”“利率过高”为由要求您注销账户或清空额度，接到此类电话请立即挂断。", av.Level.MEDIUM),  # noqa: E501
        ("今晚回家吃饭吗？", av.Level.MEDIUM),
    ],
)  # fmt: skip
def test_levels_of_messages_only_requests(message: str, expected: av.Level) -> None:
    assert level(message) is expected


def test_a_lender_asking_repayment_into_a_corporate_account_is_a_scam() -> None:
    """The mission's own case: no listed lender takes repayment into a corporate account."""
    risk = assess_message("【京东金条】协商还款请转入我司对公账户")
    assert risk.scam
    assert set(risk.decisive) == {"who.lender", "pretext.negotiation", "ask.corporate_account"}
    assert risk.typologies[0].code == "fake_collection"


@pytest.mark.parametrize(
    "message",
    [
        # the lender's own warning
        "【京东金融】协商还款请在京东金融App内申请，切勿向任何对公账户转账。",
        # a customer-service chat in which the borrower reports the request and is sent to the app
        "我：有人让我转到对公账户协商还款，说是金条的合作机构\n客服：不是我们。金条只能在APP里还款，"
        "有困难可以在APP里提交延期或分期申请。",
    ],
)
def test_the_decisive_combination_spares_warnings_and_official_channels(message: str) -> None:
    assert not assess_message(message).decisive


def test_an_unknown_link_alone_is_not_high() -> None:
    assert level("活动详情请见 https://www.some-shop.example.net/promo") is av.Level.MEDIUM


def test_traditional_script_reads_the_same() -> None:
    simplified = assess_message("您的资金存在风险，请立即转入安全账户配合调查。")
    traditional = assess_message("您的資金存在風險，請立即轉入安全帳戶配合調查。")
    assert traditional.scam
    assert {c.code for c in traditional.cues} >= {"ask.safe_account"}
    assert simplified.scam


def test_a_dialogue_is_recognised_as_one() -> None:
    risk = assess_message(
        "客服：您好，京东金融\n我：你好\n客服：您的学生账户需要注销，请下载会议软件"
    )
    assert risk.form is av.models.MessageForm.DIALOGUE
    assert assess_message("您好，京东金融").form is av.models.MessageForm.SMS


def test_obfuscation_is_undone() -> None:
    risk = assess_message("请把钱转入安 全★账 户，加V信：１３８★１２３４★５６７８")
    codes = {cue.code for cue in risk.cues if not cue.negated}
    assert "ask.safe_account" in codes
    assert "channel.social_id" in codes or "channel.private_mobile" in codes


# --- explanations -------------------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(TYPOLOGIES))
def test_every_term_points_at_spans_of_the_message(code: str) -> None:
    text = TYPOLOGIES[code].example
    risk = assess_message(text)
    for cue in risk.cues:
        assert text[cue.start : cue.end] == cue.raw
    for term in risk.contributions:
        if term.feature not in ("bias",) and not term.feature.startswith("form:"):
            assert term.spans, term.feature
        for start, end in term.spans:
            assert 0 <= start < end <= len(text)
    total = sum(term.points for term in risk.contributions)
    assert risk.score == pytest.approx(1 / (1 + pow(2.718281828459045, -total)), abs=1e-3)


def test_the_typology_finding_names_the_typology_and_quotes_the_cues() -> None:
    report = av.verify({"messages": [TYPOLOGIES["fake_authority"].example], "as_of": AS_OF})
    finding = next(f for f in report.findings if f.code == "messages.scam.fake_authority")
    assert "冒充公检法" in finding.message_zh
    assert finding.evidence
    assert all(e.field == "messages[0]" and e.start is not None for e in finding.evidence)
    assert any(advice.code == "typology.fake_authority" for advice in report.advice)


def test_a_warning_quoting_scam_words_raises_no_family_finding() -> None:
    report = av.verify(
        {"messages": ["【招商银行】温馨提示：近期有不法分子冒充银行工作人员，以“注销校园贷”为由，"
                      "诱导客户下载会议软件开启屏幕共享，再将资金转入所谓“安全账户”。"],
         "as_of": AS_OF}
    )  # fmt: skip
    assert report.level is av.Level.MEDIUM
    assert not [f for f in report.findings if f.code.startswith("messages.")]


# --- bad and hostile input ----------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_assessed(text: str) -> None:
    risk = assess_message(text)
    assert 0 <= risk.score <= 1
    for cue in risk.cues:
        assert 0 <= cue.start <= cue.end <= len(text)


def test_not_a_string_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        assess_message(b"95588")  # type: ignore[arg-type]


# --- the development sets (a smoke check; bench/bench_detection.py measures) ---------------------


def test_the_development_sets_are_mostly_told_apart() -> None:
    rows = [
        json.loads(line)
        for path in sorted(DEV.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    scams = [row for row in rows if row["label"] == 1]
    genuine = [row for row in rows if row["label"] == 0]
    caught = sum(assess_message(row["text"]).scam for row in scams)
    alarms = sum(assess_message(row["text"]).scam for row in genuine)
    assert caught >= 0.85 * len(scams)
    assert alarms <= 0.02 * len(genuine)
