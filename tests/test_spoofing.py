"""A corpus of evasions: each is detected and reported, and none is normalised into a match.

The cases follow the attacks the reference notes describe: invisible and bidi characters,
Cyrillic/Greek letters posing as Latin, CJK look-alikes by glyph (微/徽, 市/巿) and by
sound (微/薇), Kangxi radicals folded by NFKC, contacts written in Chinese numerals or split
by junk, homophones of 微信, look-alike creditor names and domains (names.md §4.7, licence.md
§4, scam-signals.md §5.4). All names are the published registered name of WeBank or
fictional 某某 names.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

import acctverify as av

WEBANK = "深圳前海微众银行股份有限公司"
AS_OF = "2026-11-29"


@dataclass(frozen=True)
class Case:
    request: dict[str, object]
    expected: set[str]
    forbidden: set[str] = field(default_factory=lambda: {"payee.official_entity"})


def payee(name: str, **extra: object) -> dict[str, object]:
    return {"payee": {"name": name}, "creditor": "微粒贷", **extra}


CASES: dict[str, Case] = {
    "zero-width space in the payee name": Case(
        payee("深圳前海微众\u200b银行股份有限公司"), {"payee.spoofed_characters"}
    ),
    "bidi override in the payee name": Case(payee(WEBANK + "\u202e"), {"payee.spoofed_characters"}),
    "soft hyphen in the payee name": Case(
        payee("深圳前海微众银\u00ad行股份有限公司"), {"payee.spoofed_characters"}
    ),
    "Cyrillic letter in a Latin part": Case(
        payee("深圳前海微众银行股份有限公司(WeBаnk)"), {"payee.spoofed_characters"}
    ),
    "Greek letter in a Latin part": Case(
        payee("深圳前海微众银行股份有限公司(WeΒank)"), {"payee.spoofed_characters"}
    ),
    "Kangxi radical instead of a character": Case(
        payee("深圳前海微众银⾏股份有限公司"), {"payee.spoofed_characters"}
    ),
    "glyph look-alike 徽 for 微": Case(
        payee("深圳前海徽众银行股份有限公司"), {"payee.lookalike_creditor"}
    ),
    "homophone 薇 for 微": Case(
        payee("深圳前海薇众银行股份有限公司"), {"payee.lookalike_creditor"}
    ),
    "巿 (U+5DFF) for 市 against the licence": Case(
        {
            "payee": {"name": "杭州巿某某科技有限公司"},
            "licence": {"name": "杭州市某某科技有限公司"},
        },
        {"licence.name_lookalike"},
        {"licence.name_close"},
    ),
    "look-alike creditor name": Case(
        {"payee": {"name": "深圳市某某商务咨询有限公司"}, "creditor": "徽粒贷"},
        {"creditor.lookalike"},
        {"creditor.name_typo", "payee.official_entity"},
    ),
    # The other side: the payee is WeBank's own entity, so 徽粒贷 is a slip of the pen. It is
    # reported, not taken for an attack, and never passes as a clean match either.
    "creditor typed with a look-alike, payee genuine": Case(
        {"payee": {"name": WEBANK}, "creditor": "徽粒贷"}, {"creditor.name_typo"}, set()
    ),
    "WeChat ID after a homophone of 微信": Case(
        payee("深圳市某某商务咨询有限公司", messages=["详情加薇信 wx_kefu888"]),
        {"messages.personal_contact"},
    ),
    "channel word split by a zero-width space": Case(
        payee("深圳市某某商务咨询有限公司", messages=["加微\u200b信 wx_kefu888 办理"]),
        {"messages.personal_contact"},
    ),
    "channel word split by junk": Case(
        payee("深圳市某某商务咨询有限公司", messages=["加V★信：wx_kefu888"]),
        {"messages.personal_contact"},
    ),
    "mobile number in Chinese numerals": Case(
        payee("深圳市某某商务咨询有限公司", messages=["联系专员手机一三八一二三四五六七八"]),
        {"messages.personal_contact"},
    ),
    "mobile number split by junk": Case(
        payee("深圳市某某商务咨询有限公司", messages=["专员电话 1★38-1234★5678"]),
        {"messages.personal_contact"},
    ),
    "full-width mobile number": Case(
        payee("深圳市某某商务咨询有限公司", messages=["专员电话１３８１２３４５６７８"]),
        {"messages.personal_contact"},
    ),
    "circled digits": Case(
        payee("深圳市某某商务咨询有限公司", messages=["专员电话①③⑧①②③④⑤⑥⑦⑧"]),
        {"messages.personal_contact"},
    ),
    "letters glued to a number": Case(
        payee("深圳市某某商务咨询有限公司", messages=["vx13812345678"]),
        {"messages.personal_contact"},
    ),
    "brand domain as a look-alike": Case(
        payee("深圳市某某商务咨询有限公司", messages=["登录 webank-huankuan.top 办理"]),
        {"messages.lookalike_link"},
    ),
    "official domain used as a sub-domain": Case(
        payee(
            "深圳市某某商务咨询有限公司",
            messages=["请访问 https://www.webank.com.cn-check.icu/pay"],
        ),
        {"messages.lookalike_link"},
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_evasion_is_reported(name: str) -> None:
    case = CASES[name]
    report = av.verify(case.request, as_of=AS_OF)
    codes = {finding.code for finding in report.findings}
    assert case.expected <= codes, (name, sorted(codes))
    assert not (case.forbidden & codes), (name, sorted(codes))
    assert report.level.rank >= av.Level.MEDIUM.rank


@pytest.mark.parametrize(
    "name",
    [
        "深圳前海微众银行股份有限公司",
        "深圳前海微众银行股份有限公司\u3000",  # an ideographic space: formatting only
        " 深圳前海微众银行股份有限公司 ",
    ],
)
def test_formatting_alone_still_matches(name: str) -> None:
    """The other side of the coin: what is only formatting is not called a spoof."""
    report = av.verify(payee(name), as_of=AS_OF)
    codes = {finding.code for finding in report.findings}
    assert "payee.official_entity" in codes
    assert "payee.spoofed_characters" not in codes


@pytest.mark.parametrize("name", sorted(n for n in CASES if "payee" in str(CASES[n].request)))
def test_no_spoof_is_ever_a_match(name: str) -> None:
    report = av.verify(CASES[name].request, as_of=AS_OF)
    names = report.facts.names
    for which in type(names).model_fields:
        pair = getattr(names, which)
        if pair is None:
            continue
        if CASES[name].expected & {"payee.spoofed_characters", "payee.lookalike_creditor"}:
            assert pair.match.outcome is not av.MatchOutcome.MATCH, (name, which, pair)
