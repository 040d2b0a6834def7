"""acctverify.text: contact channels and scam phrases in messages, with exact spans.

The realistic messages live in tests/data/text_messages.toml: genuine bank and lender
notifications (which must yield no personal contact and no strong phrase) and scam texts modelled
on the typologies of shared/reference/scam-signals.md §2, each with its source.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import phonenumbers
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from acctverify import _regex
from acctverify.text import (
    PHRASE_FAMILIES,
    RULES,
    HitKind,
    ScanResult,
    TextHit,
    _keywords,
    _phone_plan,
    _scan,
    _urls,
    normalise,
    scan,
    scan_detailed,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

DATA = Path(__file__).parent / "data"
CORPUS = tomllib.loads((DATA / "text_messages.toml").read_text(encoding="utf-8"))
GENUINE = [item["text"] for item in CORPUS["genuine"]]
WARNINGS = [item["text"] for item in CORPUS["genuine"] if item.get("warning")]
SCAMS = CORPUS["scam"]
ALL_MESSAGES = GENUINE + [item["text"] for item in SCAMS]


def found(text: str, **options: Any) -> set[str]:
    """``kind:value`` for every hit."""
    return {f"{hit.kind.value}:{hit.value}" for hit in scan(text, **options)}


def kinds(text: str) -> dict[str, list[TextHit]]:
    result: dict[str, list[TextHit]] = {}
    for hit in scan(text):
        result.setdefault(hit.kind.value, []).append(hit)
    return result


def check_invariants(text: str, hits: tuple[TextHit, ...]) -> None:
    previous = (-1, -1)
    seen = set()
    for hit in hits:
        assert 0 <= hit.start < hit.end <= len(text)
        assert text[hit.start : hit.end] == hit.raw
        assert (hit.start, hit.end) >= previous
        previous = (hit.start, hit.end)
        assert (hit.start, hit.end, hit.kind) not in seen
        seen.add((hit.start, hit.end, hit.kind))
        assert hit.rule in RULES
        if hit.context is not None:
            assert hit.context in text


# --- the API ------------------------------------------------------------------------------------


def test_import_is_light() -> None:
    code = (
        "import sys, acctverify.text as t; "
        "print(sorted(m for m in ('phonenumbers', 'tldextract', 'pypinyin') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("value", [None, b"13812345678", 13812345678, ["x"], object()])
def test_non_strings_raise_type_error(value: Any) -> None:
    with pytest.raises(TypeError, match="expects str"):
        scan(value)
    with pytest.raises(TypeError, match="expects str"):
        scan_detailed(value)


@pytest.mark.parametrize("max_chars", [0, -5])
def test_bad_max_chars(max_chars: int) -> None:
    with pytest.raises(ValueError, match="positive"):
        scan_detailed("x", max_chars=max_chars)
    with pytest.raises(TypeError):
        scan_detailed("x", max_chars="10")  # type: ignore[arg-type]


def test_truncation_is_reported() -> None:
    text = "请拨打13812345678。" * 1000
    result = scan_detailed(text, max_chars=1000)
    assert result.truncated
    assert result.scanned_chars == 1000
    assert result.text_length == len(text)
    assert all(hit.end <= 1000 for hit in result.hits)
    full = scan_detailed(text)
    assert not full.truncated
    assert full.scanned_chars == len(text)
    assert len(full.hits) == 1000


def test_results_are_json_ready_and_round_trip() -> None:
    result = scan_detailed(SCAMS[0]["text"])
    data = json.loads(result.model_dump_json())
    assert data["hits"][0]["kind"] in {kind.value for kind in HitKind}
    assert ScanResult.model_validate_json(result.model_dump_json()) == result
    assert ScanResult.model_json_schema()["properties"]["hits"]
    for hit in result.hits:
        hash(hit)  # frozen models all the way down


def test_empty_and_plain_texts() -> None:
    assert scan("") == ()
    assert scan("今天天气很好，我们一起去公园散步吧。") == ()
    assert scan("hello world") == ()


# --- phones ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "number_type", "region"),
    [
        ("请联系13812345678", "+8613812345678", "mobile", "CN"),
        ("电话：138 1234 5678", "+8613812345678", "mobile", "CN"),
        ("电话 138-1234-5678。", "+8613812345678", "mobile", "CN"),
        ("电话 138.1234.5678", "+8613812345678", "mobile", "CN"),
        ("+86 138 1234 5678", "+8613812345678", "mobile", "CN"),
        ("（+86）13812345678", "+8613812345678", "mobile", "CN"),
        ("008613812345678", "+8613812345678", "mobile", "CN"),
        ("热线400-820-8820", "+864008208820", "shared_cost", "CN"),
        ("免费电话800-810-8888", "+868008108888", "toll_free", "CN"),
        ("总机010-12345678", "+861012345678", "fixed_line", "CN"),
        ("（0755）8888 8888", "+8675588888888", "fixed_line", "CN"),
        ("香港 +852 6123 4567", "+85261234567", "mobile", "HK"),
        ("回电0085261234567", "+85261234567", "mobile", "HK"),
        ("澳门 00853 6612 3456", "+85366123456", "mobile", "MO"),
    ],
)
def test_phone_numbers(text: str, value: str, number_type: str, region: str) -> None:
    phones = kinds(text)["phone"]
    assert [hit.value for hit in phones] == [value]
    assert phones[0].details.number_type == number_type
    assert phones[0].details.region == region
    assert phones[0].details.cross_border is (region != "CN")
    assert phones[0].rule in {"phone.national", "phone.international"}
    check_invariants(text, scan(text))


def test_listed_service_lines_carry_the_institution() -> None:
    (hit,) = scan("招行信用卡客服400-820-5555")
    assert hit.details.institution == "CMB"
    assert hit.details.personal is False


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("加微１３８１２３４５６７８", "１３８１２３４５６７８"),  # full-width digits
        ("电话①③⑧①②③④⑤⑥⑦⑧", "①③⑧①②③④⑤⑥⑦⑧"),  # circled digits
        ("号码一三八一二三四五六七八", "一三八一二三四五六七八"),  # Chinese numerals
        ("号码幺三八幺二三四五六七八", "幺三八幺二三四五六七八"),  # 幺 = 1
        ("号码壹叁捌壹贰叁肆伍陆柒捌", "壹叁捌壹贰叁肆伍陆柒捌"),  # financial numerals
        ("号码138一二三四5678", "138一二三四5678"),  # mixed
        ("电话138★1234★5678", "138★1234★5678"),  # junk symbols
        ("电话1·3·8·1·2·3·4·5·6·7·8", "1·3·8·1·2·3·4·5·6·7·8"),
        ("电话1*3*8*1*2*3*4*5*6*7*8", "1*3*8*1*2*3*4*5*6*7*8"),
        ("电话138_1234_5678", "138_1234_5678"),
        ("电话1 3 8 1 2 3 4 5 6 7 8", "1 3 8 1 2 3 4 5 6 7 8"),
        ("电话138\u200b1234\u200b5678", "138\u200b1234\u200b5678"),  # zero-width spaces
        ("vx13812345678", "13812345678"),  # letters glued to the digits
        ("℡13812345678", "13812345678"),
    ],
)
def test_obfuscated_phone_numbers(text: str, raw: str) -> None:
    phones = kinds(text)["phone"]
    assert [(hit.value, hit.raw) for hit in phones] == [("+8613812345678", raw)]
    check_invariants(text, scan(text))


def test_obfuscation_is_flagged() -> None:
    assert kinds("电话１３８１２３４５６７８")["phone"][0].obfuscated
    assert kinds("电话138★1234★5678")["phone"][0].obfuscated
    assert kinds("电话一三八一二三四五六七八")["phone"][0].obfuscated
    assert not kinds("电话138 1234 5678")["phone"][0].obfuscated
    assert not kinds("电话138-1234-5678")["phone"][0].obfuscated


@pytest.mark.parametrize(
    "text",
    [
        "订单号 202611290001234567 已支付",
        "订单号13812345678已发货",
        "交易金额¥13812.34",
        "金额 ￥13812345678",
        "人民币138,123,456元",
        "转账13812345678元",
        "2026-11-29 14:30 到账",
        "日期20261129，时间143000",
        "尾号1234的银行卡",
        "您的验证码 482913，5分钟内有效",
        "验证码：13812345678",
        "申请编号20261129138123456",
        "卡号6222 0755 8888 8888 123",
        "ID abc13812345678",
        "账号wx_13812345678",
        "13812345678abc",
        "编号2026112900",
        "138****5678",
        "第一二三四五六七八九名",
    ],
)
def test_no_contact_in_numbers_that_are_not_phones(text: str) -> None:
    hits = kinds(text)
    assert not {"phone", "wechat", "qq"} & set(hits), hits


@pytest.mark.parametrize(
    ("text", "value", "institution"),
    [
        ("详询95555。", "95555", "CMB"),
        ("【微众银行】请致电95384", "95384", "WEBANK"),
        ("工行客服95588", "95588", "ICBC"),
        ("反诈专线96110", "96110", "anti_fraud_96110"),
        ("【12381】预警短信", "12381", "warning_sms_12381"),
        ("支付宝客服95188", "95188", "alipay"),
    ],
)
def test_listed_short_numbers(text: str, value: str, institution: str) -> None:
    (hit,) = scan(text)
    assert (hit.kind, hit.value, hit.rule) == (HitKind.SHORT_NUMBER, value, "short_number.listed")
    assert hit.details.institution == institution
    assert hit.details.personal is False


def test_unlisted_short_numbers_need_a_phone_word() -> None:
    assert found("请拨打客服热线95105") == {"short_number:95105"}
    assert found("消费95105元") == set()
    assert found("共计95105") == set()
    assert found("转账 95105") == set()


@pytest.mark.parametrize(
    "text",
    ["请致电95384", "请致电+86 95384", "请致电+8695384", "请致电008695384", "请致电0086-95384"],
)
def test_service_numbers_after_the_country_code(text: str) -> None:
    (hit,) = scan(text)
    assert (hit.kind, hit.value, hit.rule) == (HitKind.SHORT_NUMBER, "95384", "short_number.listed")
    assert (hit.details.institution, hit.details.personal) == ("WEBANK", False)
    assert hit.raw == text[3:]  # the prefix is part of what was written
    assert found("客服电话+86 12345") == {"short_number:12345"}
    assert found("+86 12345") == set()  # unlisted: still needs a phone word
    assert found("共计+8695384元") == set()


# --- WeChat, WeChat Work, QQ ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "context"),
    [
        ("请加微信 wx_kefu888", "wx_kefu888", "微信"),
        ("微信号：kefu-weilidai01", "kefu-weilidai01", "微信号"),
        ("V信：abc123456", "abc123456", "V信"),
        ("加v：abc123456", "abc123456", "加v"),
        ("+V abc123456", "abc123456", "+V"),
        ("ＶＸ：ａｂｃ１２３４５６", "abc123456", "ＶＸ"),
        ("vx abc123456", "abc123456", "vx"),
        ("薇信 abc123456", "abc123456", "薇信"),
        ("威信:abc123456", "abc123456", "威信"),
        ("微 信：abc123456", "abc123456", "微 信"),
        ("微★信 abc123456", "abc123456", "微★信"),
        ("wx：wxid_abcdefg123", "wxid_abcdefg123", "wx"),
        ("绿泡泡 abc123456", "abc123456", "绿泡泡"),
        ("【联系微信3179238】", "3179238", "微信"),
    ],
)
def test_wechat_ids(text: str, value: str, context: str) -> None:
    hits = kinds(text)["wechat"]
    assert [(hit.value, hit.context) for hit in hits] == [(value, context)]
    assert hits[0].details.personal is True
    check_invariants(text, scan(text))


def test_phone_after_a_wechat_word_gives_both_hits() -> None:
    hits = scan("加微信13812345678")
    assert [(hit.kind.value, hit.value, hit.raw) for hit in hits] == [
        ("phrase", "off_platform", "加微信"),
        ("phone", "+8613812345678", "13812345678"),
        ("wechat", "13812345678", "13812345678"),
    ]
    assert found("vx13812345678") == {"phone:+8613812345678", "wechat:13812345678"}
    assert found("13812345678（微信同号）") >= {"phone:+8613812345678", "wechat:13812345678"}


def test_homophone_confirmed_with_pypinyin() -> None:
    (hit,) = scan("喂信：abc12345")
    assert (hit.kind, hit.value, hit.rule, hit.context) == (
        HitKind.WECHAT,
        "abc12345",
        "wechat.homophone_id",
        "喂信",
    )
    assert hit.obfuscated
    assert scan("短信：abc12345") == ()  # 短 does not read wei


def test_wechat_words_without_an_id_are_not_phones() -> None:
    assert "wechat" not in kinds("请在微信里打开微粒贷")
    assert "wechat" not in kinds("微信 please contact us")
    assert "wechat" not in kinds("他在群众中的威信很高")


def test_wecom_is_kept_apart() -> None:
    hits = kinds("微众银行只通过官方电话和企业微信联系您")
    assert [(hit.value, hit.rule) for hit in hits["wecom"]] == [("企业微信", "wecom.mention")]
    assert "wechat" not in hits
    assert "phrase" not in hits
    (hit,) = kinds("添加企业微信：kefu_webank01")["wecom"]
    assert (hit.value, hit.details.personal) == ("kefu_webank01", False)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("QQ：123456789", "123456789"),
        ("qq 12345", "12345"),
        ("扣扣 123456789", "123456789"),
        ("蔻蔻：123456789", "123456789"),
        ("企鹅号：55667788", "55667788"),
        ("Q号 123456789", "123456789"),
        ("加q:56793", "56793"),
        ("ＱＱ：１２３４５６７８９", "123456789"),
        ("扣 扣 联系 123456789", "123456789"),
    ],
)
def test_qq_numbers(text: str, value: str) -> None:
    assert [hit.value for hit in kinds(text)["qq"]] == [value]


def test_qq_needs_a_qq_word() -> None:
    assert "qq" not in kinds("订单 123456789 已发货")
    assert "qq" not in kinds("QQ音乐会员")
    assert found("邮箱 12345@qq.com") == {"email:12345@qq.com"}


# --- links and addresses --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "host", "registered", "brand", "how"),
    [
        (
            "登录 https://webank-huankuan.top/pay",
            "webank-huankuan.top",
            "webank-huankuan.top",
            "webank",
            "lookalike",
        ),
        (
            "访问kf.95384.cn.evil.top完成验证",
            "kf.95384.cn.evil.top",
            "evil.top",
            "webank",
            "subdomain",
        ),
        (
            "点击 m.jd.com.cn-check.icu/login 登录",
            "m.jd.com.cn-check.icu",
            "cn-check.icu",
            "jd",
            "subdomain",
        ),
        ("官网 https://www.webank.com/", "www.webank.com", "webank.com", "webank", "official"),
        ("打开 http://中国银行.xyz 查看", "中国银行.xyz", "中国银行.xyz", "boc", "lookalike"),
        ("访问 webbank.top", "webbank.top", "webbank.top", "webank", "lookalike"),
        ("访问 a1ipay-refund.com", "a1ipay-refund.com", "a1ipay-refund.com", "alipay", "lookalike"),
        ("登录 icbc-vip.cc 提额", "icbc-vip.cc", "icbc-vip.cc", "icbc", "lookalike"),
        ("详见 www.example.com/a", "www.example.com", "example.com", None, None),
        # user information is not the host: the browser goes to evil.com
        (
            "请登录 https://webank.com@evil.com/pay 还款",
            "evil.com",
            "evil.com",
            "webank",
            "lookalike",
        ),
        ("登录 HTTPS://WeBank.com@Evil.com/pay", "evil.com", "evil.com", "webank", "lookalike"),
        ("登录 https://微众银行:95384@evil.top/", "evil.top", "evil.top", "webank", "lookalike"),
        (
            "登录 https://x@webank-pay.top",
            "webank-pay.top",
            "webank-pay.top",
            "webank",
            "lookalike",
        ),
        ("官网 https://user@www.webank.com/", "www.webank.com", "webank.com", "webank", "official"),
        ("登录 https://user:pw@example.com/", "example.com", "example.com", None, None),
        # a backslash ends the host in browsers: webank.com is in the path
        ("登录 https://evil.com\\@webank.com/x", "evil.com", "evil.com", "webank", "lookalike"),
        ("登录 https://a@evil.com\\@webank.com", "evil.com", "evil.com", "webank", "lookalike"),
        ("见 http://t.cn/@kefu", "t.cn", "t.cn", None, None),
    ],
)
def test_links(text: str, host: str, registered: str, brand: str | None, how: str | None) -> None:
    (hit,) = kinds(text)["url"]
    assert hit.value == host
    assert hit.details.registered_domain == registered
    assert (hit.details.brand, hit.details.brand_match) == (brand, how)
    check_invariants(text, scan(text))


def test_short_links() -> None:
    (hit,) = scan("领取：http://t.cn/A6xYz12 。")
    assert (hit.value, hit.raw, hit.details.short_link) == ("t.cn", "http://t.cn/A6xYz12", True)
    assert kinds("详见 dwz.cn/abc")["url"][0].details.short_link
    assert kinds("详见 u.10010.cn/x")["url"][0].details.short_link
    assert not kinds("详见 www.example.com")["url"][0].details.short_link


def test_official_domains_parameter() -> None:
    text = "请访问 https://repay.example-lender.com 或 example-lender-pay.top"
    hits = scan(text, official_domains=["example-lender.com"])
    assert [(hit.value, hit.details.brand_match) for hit in hits] == [
        ("repay.example-lender.com", "official"),
        ("example-lender-pay.top", "lookalike"),
    ]
    assert all(hit.details.brand is None for hit in scan(text))


@pytest.mark.parametrize(
    "text", ["见附件report.pdf", "版本 v1.2.3", "金额1.5万", "e.g. 示例", "No.1"]
)
def test_things_that_are_not_links(text: str) -> None:
    assert "url" not in kinds(text)


def test_email() -> None:
    (hit,) = scan("发邮件至 Invest.VIP@mail-alipay.top 获取")
    assert hit.kind == HitKind.EMAIL
    assert hit.value == "invest.vip@mail-alipay.top"
    assert (hit.details.brand, hit.details.brand_match) == ("alipay", "lookalike")
    assert hit.raw == "Invest.VIP@mail-alipay.top"


# --- apps -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "app"),
    [
        ("请下载腾讯会议", "tencent_meeting"),
        ("打开ZOOM会议", "zoom"),
        ("用钉钉联系", "dingtalk"),
        ("飞书会议号", "feishu"),
        ("下载纸飞机", "telegram"),
        ("加飞机联系", "telegram"),
        ("TG: @kefu", "telegram"),
        ("telegram", "telegram"),
        ("下载 WhatsApp", "whatsapp"),
        ("安装anydesk", "anydesk"),
        ("TeamViewer远程", "teamviewer"),
        ("下载向日葵", "sunlogin"),
        ("向日葵远程控制", "sunlogin"),
        ("开启屏幕共享", "screen_sharing"),
        ("共享屏幕给我看", "screen_sharing"),
        ("云视讯", "yunshixun"),
        ("乐播投屏", "lebo"),
    ],
)
def test_apps(text: str, app: str) -> None:
    assert [hit.value for hit in kinds(text)["app"]] == [app]


@pytest.mark.parametrize(
    "text", ["坐飞机去北京", "飞机上很冷", "向日葵花开了", "电视投屏", "zoomed in"]
)
def test_everyday_words_are_not_apps(text: str) -> None:
    assert "app" not in kinds(text)


# --- phrases --------------------------------------------------------------------------------------

REQUIRED_FAMILIES = {
    "advance_fee",
    "safe_account",
    "credit_repair",
    "debt_intermediary",
    "threat_urgency",
    "credential_request",
    "secrecy",
    "frozen_funds",
    "turnover_proof",
    "designated_account",
    "account_cancellation",
    "off_platform",
    "impersonation",
}


def test_phrase_families_are_sourced_and_bilingual() -> None:
    assert set(PHRASE_FAMILIES) >= REQUIRED_FAMILIES
    for code, family in PHRASE_FAMILIES.items():
        assert family.code == code
        assert re.fullmatch("[a-z_]+", code)
        assert family.zh
        assert family.en
        assert family.sources
        assert all(source.startswith("http") for source in family.sources)
        words = (
            family.phrases + family.weak + family.unconfirmed + tuple(w for w, _ in family.slang)
        )
        assert words, code
        assert len(words) == len(set(words)), code
        assert all(normalise(word).text == word for word in words), code


@pytest.mark.parametrize("code", sorted(REQUIRED_FAMILIES | {"fake_service", "task_rebate"}))
def test_every_family_is_found(code: str) -> None:
    family = PHRASE_FAMILIES[code]
    for word in (family.phrases + family.unconfirmed + family.weak)[:3]:
        hits = [hit for hit in scan(f"他说：{word}。") if hit.kind == HitKind.PHRASE]
        assert any(hit.value == code and hit.details.phrase == word for hit in hits), word


@pytest.mark.parametrize(
    ("text", "code", "phrase"),
    [
        ("先交保证金才能放款", "advance_fee", "保证金"),
        ("把钱转入安全账户", "safe_account", "安全账户"),
        ("转到安全帳戶", "safe_account", "安全帐户"),  # traditional characters
        ("我们可以修复征信", "credit_repair", "修复征信"),
        ("帮您办理停息挂账", "debt_intermediary", "停息挂账"),
        ("专业鞋商还款", "debt_intermediary", "鞋商"),
        ("全程代接崔收电话", "debt_intermediary", "崔收"),
        ("三日内上门催收", "threat_urgency", "上门催收"),
        ("请提供验证码给我", "credential_request", "提供验证码"),
        ("千万不要告诉家人", "secrecy", "不要告诉家人"),
        ("您的资金被冻结", "frozen_funds", "资金被冻结"),
        ("需要刷流水", "turnover_proof", "刷流水"),
        ("转到指定账户", "designated_account", "指定账户"),
        ("需要注销校园贷", "account_cancellation", "注销校园贷"),
        ("我们加微信聊", "off_platform", "加微信"),
        ("银保监会发来的文件", "impersonation", "银保监会"),
        ("安 全 账 户", "safe_account", "安全账户"),
        ("安★全★账★户", "safe_account", "安全账户"),
    ],
)
def test_phrases(text: str, code: str, phrase: str) -> None:
    hits = [hit for hit in scan(text) if hit.kind == HitKind.PHRASE and hit.value == code]
    assert [hit.details.phrase for hit in hits] == [phrase]
    assert hits[0].details.family == code
    assert not hits[0].details.negated
    check_invariants(text, scan(text))


def test_slang_is_unconfirmed_with_its_meaning() -> None:
    (hit,) = scan("鞋商")
    assert (hit.details.means, hit.details.confirmed) == ("协商", False)


@pytest.mark.parametrize(
    ("text", "negation"),
    [
        ("请勿向任何人提供验证码", "请勿"),
        ("公检法机关没有所谓的安全账户", "没有所谓"),
        ("凡是要求转入安全账户的，都是诈骗", "凡是"),
        ("要求转入安全账户的都是诈骗", "都是诈骗"),
        ("任何自称公检法的来电", "自称"),
    ],
)
def test_warnings_are_negated(text: str, negation: str) -> None:
    phrases = [hit for hit in scan(text) if hit.kind == HitKind.PHRASE]
    assert phrases
    assert phrases[-1].details.negated
    assert phrases[-1].details.negation == negation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the negator is far from the phrase, but in the same clause
        (
            "【微众银行】警惕诈骗！微众银行不会要求您转账到任何“安全账户”，请勿向他人透露验证码。",
            [("safe_account", "不会"), ("credential_request", "请勿")],
        ),
        # one warning covers a list of quoted phrases, before and after them
        ("谨防“债务优化”“停息挂账”骗局", [("debt_intermediary", "谨防")] * 2),
        ("“债务优化”、“停息挂账”等都是骗局", [("debt_intermediary", "都是骗局")] * 2),
        ("谨防“债务优化”，“停息挂账”", [("debt_intermediary", "谨防")] * 2),
        # 没有, and a denial after an institution's name
        ("警方提醒：公检法没有安全账户。", [("impersonation", "没有"), ("safe_account", "没有")]),
        ("银保监会无权冻结您的账户", [("impersonation", "无权")]),
        ("安全账户是假的", [("safe_account", "是假的")]),
        ("从不收取会员费", [("advance_fee", "从不")]),
        ("小心“代理投诉”陷阱", [("debt_intermediary", "小心")]),
        # instructions worded as negations are negated by warning words only
        ("警惕对方让您不要告诉家人", [("secrecy", "警惕")]),
        ("要求您不要接银行电话的都是诈骗", [("secrecy", "都是诈骗")]),
    ],
)
def test_genuine_warnings_cover_their_phrases(text: str, expected: list[tuple[str, str]]) -> None:
    hits = [hit for hit in scan(text) if hit.kind == HitKind.PHRASE]
    assert [(hit.value, hit.details.negation) for hit in hits] == expected
    assert all(hit.details.negated for hit in hits)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # a negator that is the scam's own wording does not negate (secrecy, 不要还银行)
        ("此事涉密，不要告诉家人，也不要挂电话。", {"secrecy"}),
        ("你不要慌也不要告诉家人", {"secrecy"}),
        ("千万不要告诉家人", {"secrecy"}),
        ("你不要告诉家人也不要挂电话", {"secrecy"}),
        ("期间不要还银行也不要接银行电话", {"debt_intermediary", "secrecy"}),
        # ... nor a later phrase of the same clause
        ("请不要挂断并提供验证码", {"secrecy", "credential_request"}),
        # a negator that asks to keep going, sets a condition or reassures
        ("请勿关闭屏幕共享", {"screen_sharing"}),
        ("不要退出腾讯会议", {"tencent_meeting"}),
        ("没有按时还款将上门催收", {"threat_urgency"}),
        ("不要担心把钱转到安全账户就行", {"safe_account"}),
        ("没有问题的话请把验证码发给我", {"credential_request"}),
        # the scam's reassurance or accusation is not a warning
        ("请将资金转入安全账户，这不是诈骗", {"safe_account"}),
        ("请将资金转入安全账户，否则将以诈骗罪起诉您", {"safe_account", "threat_urgency"}),
        ("请将资金转入安全账户配合调查，您涉嫌诈骗", {"safe_account"}),
        # a clause ends at a comma
        ("不要紧张，请将资金转入安全账户", {"safe_account"}),
    ],
)
def test_scam_wording_is_not_negated(text: str, codes: set[str]) -> None:
    hits = [hit for hit in scan(text) if hit.kind in (HitKind.PHRASE, HitKind.APP)]
    assert {hit.value for hit in hits} == codes
    assert not any(hit.details.negated for hit in hits), hits


@pytest.mark.parametrize(
    ("text", "app", "negation"),
    [
        (
            "【微众银行】温馨提示：不要相信任何自称客服要求您下载会议软件、共享屏幕的行为。",
            "screen_sharing",
            "不要相信",
        ),
        ("银行工作人员不会要求您下载向日葵等远程软件", "sunlogin", "不会"),
        ("要求下载“腾讯会议”进行屏幕共享的均为诈骗", "tencent_meeting", "均为诈骗"),
    ],
)
def test_app_mentions_can_be_negated(text: str, app: str, negation: str) -> None:
    (hit,) = [hit for hit in scan(text) if hit.kind == HitKind.APP and hit.value == app]
    assert (hit.details.negated, hit.details.negation) == (True, negation)
    (request,) = [hit for hit in scan("请下载腾讯会议") if hit.kind == HitKind.APP]
    assert (request.details.negated, request.details.negation) == (False, None)


def test_negation_windows_are_bounded() -> None:
    # 24 characters back at most: a negator further away does not count
    assert scan("不会" + "啊" * 22 + "安全账户")[0].details.negated
    assert not scan("不会" + "啊" * 23 + "安全账户")[0].details.negated
    # and a warning after counts within the sentence only
    assert not scan("安全账户。是诈骗")[0].details.negated


# --- realistic messages --------------------------------------------------------------------------


@pytest.mark.parametrize("text", GENUINE, ids=lambda text: text[1:5])
def test_genuine_messages_have_no_personal_contact(text: str) -> None:
    hits = scan(text)
    check_invariants(text, hits)
    for hit in hits:
        assert hit.kind not in (HitKind.WECHAT, HitKind.QQ), hit
        if hit.kind == HitKind.PHONE:
            assert hit.details.personal is not True, hit
        if hit.kind == HitKind.PHRASE:
            assert hit.details.weak or hit.details.negated, hit


@pytest.mark.parametrize("text", WARNINGS, ids=lambda text: text[1:6])
def test_genuine_warnings_negate_every_phrase_and_app(text: str) -> None:
    hits = [hit for hit in scan(text) if hit.kind in (HitKind.PHRASE, HitKind.APP)]
    assert hits
    for hit in hits:
        assert hit.details.negated, hit
        assert hit.details.negation, hit


@pytest.mark.parametrize("case", SCAMS, ids=lambda case: case["text"][:6])
def test_scam_phrases_and_apps_are_not_negated(case: dict[str, Any]) -> None:
    hits = scan(case["text"])
    for expected in case["expect"]:
        kind, value = expected.split(":", 1)
        if kind in ("phrase", "app"):
            assert any(
                hit.kind.value == kind and hit.value == value and not hit.details.negated
                for hit in hits
            ), expected


@pytest.mark.parametrize("case", SCAMS, ids=lambda case: case["text"][:6])
def test_scam_messages(case: dict[str, Any]) -> None:
    assert case["source"].count("http") >= 1
    hits = scan(case["text"])
    check_invariants(case["text"], hits)
    got = {f"{hit.kind.value}:{hit.value}" for hit in hits}
    assert set(case["expect"]) <= got


# --- data tables ----------------------------------------------------------------------------------


def test_keyword_tables_are_consistent() -> None:
    compiled = _keywords.keywords()
    for word, entries in compiled.by_word.items():
        assert word == normalise(word, simplify=False).text
        for entry in entries:
            assert entry.kind in ("phrase", "app", "cue")
            if entry.kind == "cue":
                assert entry.code in ("wechat", "wecom", "qq")
                assert entry.position in ("before", "after", "mention")
    assert "微信" in compiled.by_word
    assert "企业微信" in compiled.by_word


def test_brand_and_short_link_tables() -> None:
    table = _urls.brands()
    for domain in table.official:
        assert _urls.split_host(domain) is not None
        assert _urls.split_host(domain)[3] == domain
    assert {"t.cn", "dwz.cn", "u.10010.cn"} <= _urls.short_link_hosts()


def test_tldextract_never_fetches_and_never_writes() -> None:
    extractor = _urls._extractor()
    assert tuple(extractor.suffix_list_urls) == ()
    assert getattr(extractor._cache, "enabled", False) is False  # cache_dir=None: no disk cache
    code = (
        "import socket\n"
        "def refuse(*a, **k): raise OSError('network used')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "from acctverify.text import scan\n"
        "print([h.value for h in scan('https://kf.95384.cn.evil.top/x t.cn/abc')])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['kf.95384.cn.evil.top', 't.cn']"


# --- linear time: RE2 ----------------------------------------------------------------------------


def test_every_pattern_compiles_under_re2() -> None:
    import re2

    patterns = _scan.all_patterns()
    assert len(patterns) >= 15
    for name, pattern in patterns.items():
        re2.compile(pattern.source)  # raises re2.error outside the RE2 subset
        assert pattern.low() is not None, name


@pytest.mark.parametrize("text", [*ALL_MESSAGES[:10], "加v信：13812345678 http://t.cn/x qq 12345"])
def test_re2_and_re_agree_on_the_master_pattern(text: str) -> None:
    pattern = _scan._master()
    normalised = normalise(text).text
    expected = [match.span() for match in pattern.python().finditer(normalised)]
    assert _regex.spans(pattern, normalised) == expected


@given(st.text(alphabet="1 3-8.微信vx加扣@a/:t.cn★安全账户企业", max_size=60))
def test_re2_and_re_agree_on_anything(text: str) -> None:
    pattern = _scan._master()
    normalised = normalise(text).text
    expected = [match.span() for match in pattern.python().finditer(normalised)]
    assert _regex.spans(pattern, normalised) == expected


@pytest.mark.parametrize(
    "text",
    [
        "1" * 200_000,
        "1 " * 100_000,
        "微信" * 100_000,
        "a." * 100_000,
        "1★3 8-" * 30_000,
        "安全账户" * 50_000,
        "a@b." * 50_000,
        "一三八" * 60_000,
        "(" * 100_000 + "1",
        "https://" + "a" * 200_000,
    ],
    ids=["digits", "spaced", "cue", "dots", "junk", "phrases", "at", "numerals", "parens", "url"],
)
def test_adversarial_input_finishes(text: str) -> None:
    """Timing ratios live in bench/bench_text.py; here the scan only has to finish."""
    result = scan_detailed(text)
    assert not result.truncated


# --- properties -----------------------------------------------------------------------------------

junk = st.sampled_from(["", "", " ", "★", "·", "*", "_", "-", "\u200b", "\u3000"])
mobiles = st.from_regex(r"1(3[0-9]|5[0-35-9]|8[0-9])[0-9]{8}", fullmatch=True)


@given(st.text(max_size=200))
@example("\ud800加微信\udfff13812345678")
@example("微信" * 10 + "1" * 30)
def test_never_raises_and_spans_hold(text: str) -> None:
    hits = scan(text)
    check_invariants(text, hits)
    assert scan(text) == hits  # deterministic


@given(st.lists(st.sampled_from(ALL_MESSAGES), min_size=1, max_size=3), st.text(max_size=20))
def test_messages_with_noise(messages: list[str], noise: str) -> None:
    text = noise.join(messages)
    check_invariants(text, scan(text))


@given(mobiles, st.data())
def test_junk_inside_a_phone_number_still_finds_it(number: str, data: st.DataObject) -> None:
    assume(phonenumbers.number_type(phonenumbers.parse(number, "CN")) == 1)
    decorated = "".join(char + data.draw(junk) for char in number[:-1]) + number[-1]
    text = f"请联系{decorated}，谢谢"
    phones = [hit for hit in scan(text) if hit.kind == HitKind.PHONE]
    assert [hit.value for hit in phones] == ["+86" + number]
    assert text[phones[0].start : phones[0].end] == phones[0].raw


@given(mobiles)
def test_full_width_and_numeral_spellings(number: str) -> None:
    assume(phonenumbers.number_type(phonenumbers.parse(number, "CN")) == 1)
    wide = number.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    chinese = number.translate(str.maketrans("0123456789", "〇一二三四五六七八九"))
    for spelling in (wide, chinese):
        assert found(f"电话{spelling}") >= {f"phone:+86{number}"}


@given(st.from_regex(r"(0[1-9][0-9]{8,10}|1[0-9]{10}|400[0-9]{7}|800[0-9]{7})", fullmatch=True))
def test_classification_agrees_with_phonenumbers(digits: str) -> None:
    """Differential test: the fast path equals parse + is_valid_number + number_type."""
    ours = _phone_plan.classify_phone(digits, False)
    try:
        number = phonenumbers.parse(digits, "CN")
    except phonenumbers.NumberParseException:  # e.g. '11000002200': not a number at all
        assert ours is None
        return
    if not phonenumbers.is_valid_number(number):
        assert ours is None
        return
    assert ours is not None
    assert ours[0] == phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    assert ours[1] == _phone_plan._TYPE_NAMES[phonenumbers.number_type(number)]


def test_finds_every_number_phonenumbers_finds_in_the_corpus() -> None:
    for text in ALL_MESSAGES:
        hits = scan(text)
        values = {hit.value for hit in hits if hit.kind == HitKind.PHONE}
        spans = {(hit.start, hit.end) for hit in hits if hit.kind in (HitKind.QQ, HitKind.WECHAT)}
        for match in phonenumbers.PhoneNumberMatcher(text, "CN"):
            e164 = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
            # the matcher reads "QQ：2345678901" as a Chongqing line; scan reports it as the QQ
            # number it is, on the same span
            assert e164 in values or (match.start, match.end) in spans, (text, match.raw_string)
