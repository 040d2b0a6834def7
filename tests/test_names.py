"""acctverify.names: one case per reason code, spoofing kinds, data tables, properties, robustness.

Names are real published company names from the reference notes, 某某 placeholders, or 张三/李四
placeholder persons. Intended asymmetries of match_names(given, actual):

* BRPY <-> HQPY: a branch paid instead of its head office, and the other way round;
* ABBR <-> ANNM: a short form contained in the expected name is a close match, but a payee name
  that *contains* the expected one plus more words (华为 -> 华为科技代理) is another name;
* LFDF vs ABBR: a payee name without a legal form is a short form, one with another legal form is
  LFDF, whichever side is longer;
* ACPR: only when the *given* name is a person's and the expected one a company's.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from acctverify._data import table
from acctverify.names import (
    MAX_NAME_LENGTH,
    REASONS,
    SPOOF_KINDS,
    CompanyName,
    MatchOutcome,
    NameMatch,
    looks_like_person_name,
    match_any,
    match_names,
    parse_company_name,
    spoofing_signs,
)

MTCH, CMTC, NMTC, NOAP = "MTCH", "CMTC", "NMTC", "NOAP"

# Real codes from identifiers.md §1.6 ("high" confidence).
USCC_TENCENT_CS = "91440300708461136T"  # 深圳市腾讯计算机系统有限公司
USCC_HUAWEI = "914403001922038216"  # 华为技术有限公司
USCC_BAD = "91110000600037341M"  # wrong check character
USCC_PILOT = "91350211M0000XUF46"  # real Fujian/Xiamen pilot code that fails the check
USCC_MADE_UP_PILOT = "91350200M000ABCD12"  # made up, but of the pilot pattern

# --------------------------------------------------------------------------------------------
# one case per reason code

CASES: list[tuple[str, str | None, str | None, dict[str, Any], str]] = [
    ("NFMT", "腾讯科技（深圳）有限公司", "腾讯科技(深圳)有限公司", {}, MTCH),
    ("LFSY", "北京字节跳动科技有限公司", "北京字节跳动科技有限责任公司", {}, MTCH),
    ("TRAD", "深圳市騰訊計算機系統有限公司", "深圳市腾讯计算机系统有限公司", {}, MTCH),
    (
        "IDEQ",
        "深圳市腾讯计算机系统有限公司",
        "腾讯计算机系统(深圳)有限公司",
        {"given_uscc": USCC_TENCENT_CS, "actual_uscc": USCC_TENCENT_CS},
        MTCH,
    ),
    ("RGPL", "深圳市腾讯计算机系统有限公司", "腾讯计算机系统（深圳）有限公司", {}, CMTC),
    ("LFDF", "平安科技有限公司", "平安科技股份有限公司", {}, CMTC),
    ("BRPY", "阿里巴巴（中国）有限公司北京分公司", "阿里巴巴（中国）有限公司", {}, CMTC),
    ("HQPY", "阿里巴巴（中国）有限公司", "阿里巴巴（中国）有限公司北京分公司", {}, CMTC),
    ("ABBR", "工商银行", "中国工商银行股份有限公司", {}, CMTC),
    ("ANNM", "中兴技术有限公司", "华为技术有限公司", {}, NMTC),
    ("RGDF", "腾讯科技(上海)有限公司", "腾讯科技(深圳)有限公司", {}, NMTC),
    ("LKHP", "华微技术有限公司", "华为技术有限公司", {}, NMTC),
    ("LKHG", "深圳前海徽众银行股份有限公司", "深圳前海微众银行股份有限公司", {}, NMTC),
    ("LKED", "腾讯计算机系流有限公司", "腾讯计算机系统有限公司", {}, NMTC),
    ("SPUF", "腾讯科技\u200b(深圳)有限公司", "腾讯科技(深圳)有限公司", {}, NMTC),
    (
        "IDMM",
        "华为技术有限公司",
        "华为技术有限公司",
        {"given_uscc": USCC_TENCENT_CS, "actual_uscc": USCC_HUAWEI},
        NMTC,
    ),
    ("IDIV", "华为技术有限公司", "华为技术有限公司", {"given_uscc": USCC_BAD}, NMTC),
    ("ACPR", "张三", "深圳市某某商务咨询有限公司", {}, NMTC),
    ("MISS", None, "华为技术有限公司", {}, NOAP),
    ("LONG", "某" * (MAX_NAME_LENGTH + 1), "华为技术有限公司", {}, NOAP),
    ("XLAT", "Huawei Technologies Co., Ltd.", "华为技术有限公司", {}, NOAP),
    ("UNSC", "\ue000某某科技有限公司", "某某科技有限公司", {}, NOAP),
]


@pytest.mark.parametrize(
    ("code", "given_", "actual", "kw", "outcome"), CASES, ids=[c[0] for c in CASES]
)
def test_reason_code(
    code: str, given_: str | None, actual: str | None, kw: dict[str, Any], outcome: str
) -> None:
    result = match_names(given_, actual, **kw)
    assert result.outcome.value == outcome
    assert result.reasons[0] == code or code in result.reasons
    assert (result.actual_name is not None) == (outcome == CMTC)
    if outcome == CMTC:
        assert result.actual_name == actual


def test_former_name() -> None:
    result = match_any(
        "深圳市某某小额贷款有限公司",
        ["深圳市某某科技有限公司"],
        former_names=["深圳市某某小额贷款有限公司"],
    )
    assert (result.outcome.value, result.reasons) == (CMTC, ("FRNM",))
    assert result.actual_name == "深圳市某某科技有限公司"


def test_every_reason_code_has_a_case_and_two_languages() -> None:
    tested = {case[0] for case in CASES} | {"FRNM"}
    assert tested == set(REASONS)
    for zh, en in REASONS.values():
        assert zh
        assert en != zh


def test_reason_codes_are_stable() -> None:
    codes = "NFMT LFSY TRAD IDEQ RGPL LFDF BRPY HQPY ABBR FRNM ANNM RGDF LKHP LKHG LKED SPUF"
    assert set(REASONS) == {
        *codes.split(" "),
        "IDMM",
        "IDIV",
        "ACPR",
        "MISS",
        "LONG",
        "XLAT",
        "UNSC",
    }


# --------------------------------------------------------------------------------------------
# finer points of the outcome model


def test_a_homophone_lookalike_reports_the_pair() -> None:
    result = match_names("华伟技术有限公司", "华为技术有限公司")
    [pair] = result.lookalikes
    assert (pair.given_char, pair.actual_char, pair.kind, pair.position) == (
        "伟",
        "为",
        "homophone",
        1,
    )
    assert pair.source == "pypinyin"


def test_lookalike_positions_point_into_the_original() -> None:
    given_ = "深圳 前海 徽众银行股份有限公司"
    result = match_names(given_, "深圳前海微众银行股份有限公司")
    [pair] = result.lookalikes
    assert pair.position is not None
    assert given_[pair.position] == "徽"


def test_short_lookalike_of_a_short_form() -> None:
    result = match_names("腾迅", "腾讯科技(深圳)有限公司")
    assert (result.outcome.value, result.reasons) == (NMTC, ("LKHP",))


def test_industry_words_never_carry_a_match() -> None:
    for short in ("科技", "科技有限公司", "信息技术有限公司", "商务咨询", "贸易有限公司"):
        result = match_names(short, "腾讯科技(深圳)有限公司")
        assert result.outcome.value == NMTC, short
        result = match_names(short, "深圳市某某信息技术商务咨询贸易有限公司")
        assert result.outcome.value == NMTC, short


def test_a_superstring_of_the_expected_name_is_another_name() -> None:
    result = match_names("华为科技代理有限公司", "华为技术有限公司")
    assert result.outcome.value == NMTC
    assert match_names("华为", "华为技术有限公司").reasons == ("ABBR",)


def test_spoofing_forces_nmtc_even_when_equal() -> None:
    name = "腾讯科技\u200b(深圳)有限公司"
    assert match_names(name, name).outcome.value == NMTC
    assert match_names("⼈民网股份有限公司", "人民网股份有限公司").reasons[0] == "SPUF"


def test_spoofing_lookalike_records() -> None:
    result = match_names("⼈民网股份有限公司", "人民网股份有限公司")
    assert [(x.given_char, x.actual_char, x.kind, x.source) for x in result.lookalikes] == [
        ("⼈", "人", "confusable", "NFKC")
    ]
    result = match_names("华为技朮有限公司", "华为技术有限公司")
    assert [(x.given_char, x.source) for x in result.lookalikes] == [("朮", "OpenCC t2s")]


def test_mixed_script_latin_name() -> None:
    result = match_names("\u0410libaba", "Alibaba")  # Cyrillic capital A
    assert result.outcome.value == NMTC
    assert result.reasons[0] == "SPUF"
    assert match_names("Huawei Technologies", "HUAWEI  TECHNOLOGIES").outcome.value == MTCH


def test_uscc_rules() -> None:
    same = {"given_uscc": USCC_TENCENT_CS, "actual_uscc": USCC_TENCENT_CS}
    result = match_names("深圳市腾讯计算机系统有限公司", "深圳市腾讯计算机系统有限公司", **same)
    assert (result.outcome.value, result.reasons) == (MTCH, ("IDEQ",))
    # equal codes do not upgrade a branch, another legal form or a short form
    for given_, actual in [
        ("平安科技有限公司", "平安科技股份有限公司"),
        ("工商银行", "中国工商银行股份有限公司"),
        ("阿里巴巴（中国）有限公司北京分公司", "阿里巴巴（中国）有限公司"),
    ]:
        assert match_names(given_, actual, **same).outcome.value == CMTC
    # nor a look-alike
    assert match_names("华微技术有限公司", "华为技术有限公司", **same).outcome.value == NMTC
    # codes compare in compact form
    spaced = {"given_uscc": "9144 0300 7084 6113 6t", "actual_uscc": USCC_TENCENT_CS}
    assert "IDMM" not in match_names("深圳市腾讯计算机系统有限公司", "x", **spaced).reasons
    # the real pilot codes fail the check but are not IDIV
    pilot = match_names("某某有限公司", "某某有限公司", given_uscc=USCC_PILOT)
    assert (pilot.outcome.value, pilot.reasons) == (MTCH, ())
    # bad codes of any type never raise
    for bad in (0, object(), "x" * 10_000, "\ud800"):
        result = match_names("某某有限公司", "某某有限公司", given_uscc=bad)  # type: ignore[arg-type]
        assert result.reasons[0] == "IDIV"


@pytest.mark.parametrize("code", [USCC_PILOT, USCC_MADE_UP_PILOT])
def test_pilot_pattern_codes_are_neither_invalid_nor_confirmed(code: str) -> None:
    both = {"given_uscc": code, "actual_uscc": code}
    region = ("深圳市腾讯计算机系统有限公司", "腾讯计算机系统（深圳）有限公司")
    result = match_names(*region, **both)
    assert (result.outcome.value, result.reasons) == (CMTC, ("RGPL",))  # no IDEQ upgrade
    result = match_names("某某有限公司", "某某有限公司", **both)
    assert (result.outcome.value, result.reasons) == (MTCH, ())
    # one side pilot-pattern, the other valid: not equal, and not confirmed either
    result = match_names(*region, given_uscc=code, actual_uscc=USCC_TENCENT_CS)
    assert (result.outcome.value, result.reasons[0]) == (NMTC, "IDMM")
    assert "IDIV" not in result.reasons


def test_different_branches_of_one_bank() -> None:
    result = match_names("中国工商银行股份有限公司北京分行", "中国工商银行股份有限公司上海分行")
    assert (result.outcome.value, result.reasons) == (CMTC, ("BRPY",))
    result = match_names("中国工商银行股份有限公司北亰分行", "中国工商银行股份有限公司北京分行")
    assert (result.outcome.value, result.reasons) == (NMTC, ("LKHG",))


# A bank's offices take the bank's name + legal form + the office (names.md §4.3).
@pytest.mark.parametrize(
    ("given_", "actual", "branch"),
    [
        ("招商银行股份有限公司信用卡中心", "招商银行股份有限公司", "信用卡中心"),
        ("中信银行股份有限公司信用卡中心", "中信银行股份有限公司", "信用卡中心"),
        ("中国工商银行股份有限公司牡丹卡中心", "中国工商银行股份有限公司", "牡丹卡中心"),
        ("中国工商银行股份有限公司（深圳分行）", "中国工商银行股份有限公司", "深圳分行"),
        ("中国工商银行股份有限公司[深圳分行]", "中国工商银行股份有限公司", "深圳分行"),
        ("招商银行股份有限公司深圳分行营业部", "招商银行股份有限公司", "深圳分行营业部"),
        ("中国建设银行股份有限公司成都分理处", "中国建设银行股份有限公司", "成都分理处"),
    ],
)
def test_bank_offices_and_bracketed_branches_are_branches(
    given_: str, actual: str, branch: str
) -> None:
    assert parse_company_name(given_).branch == branch
    result = match_names(given_, actual)
    assert (result.outcome.value, result.reasons, result.actual_name) == (CMTC, ("BRPY",), actual)
    backward = match_names(actual, given_)
    assert (backward.outcome.value, backward.reasons) == (CMTC, ("HQPY",))


def test_bank_office_tails_need_a_bank_and_brackets_only_format() -> None:
    # 信用卡中心 is a branch tail only after a bank's name
    assert parse_company_name("某某科技有限公司信用卡中心").branch is None
    assert match_names("某某科技有限公司信用卡中心", "某某科技有限公司").outcome.value == NMTC
    # the bank's name without its legal form (an Alipay branch-name form) is still the bank
    result = match_names("招商银行信用卡中心", "招商银行股份有限公司")
    assert (result.outcome.value, result.reasons) == (CMTC, ("BRPY", "ABBR"))
    # a branch in brackets is the same name as the branch without them
    result = match_names("中国工商银行股份有限公司（深圳分行）", "中国工商银行股份有限公司深圳分行")
    assert (result.outcome.value, result.reasons) == (MTCH, ("NFMT",))
    result = match_names("某某有限责任公司（北京分公司）", "某某有限公司（北京分公司）")
    assert (result.outcome.value, result.reasons) == (MTCH, ("LFSY",))
    # brackets that are not a trailing branch stay what they were
    assert parse_company_name("某某投资管理合伙企业（有限合伙）").branch is None
    assert parse_company_name("腾讯科技(深圳)有限公司").region == "深圳"


# Real banks differ in their distinctive part (字号 + industry without 银行/集团 …): another name.
@pytest.mark.parametrize(
    ("given_", "actual"),
    [
        ("中国建设银行股份有限公司", "中国工商银行股份有限公司"),
        ("中国农业银行股份有限公司", "中国工商银行股份有限公司"),
        ("中国光大集团股份公司", "中国光大银行股份有限公司"),
        ("中国光大银行股份有限公司", "中国光大集团股份公司"),
        ("中国民生银行股份有限公司", "中国人民银行"),
        ("中国银行股份有限公司", "中国工商银行股份有限公司"),
        ("交通银行股份有限公司", "中信银行股份有限公司"),
        ("宁波银行股份有限公司", "深圳前海微众银行股份有限公司"),
    ],
)
def test_different_real_banks_are_another_name(given_: str, actual: str) -> None:
    result = match_names(given_, actual)
    assert (result.outcome.value, result.reasons, result.lookalikes) == (NMTC, ("ANNM",), ())


@pytest.mark.parametrize(
    ("given_", "actual", "code"),
    [
        ("深圳前海徽众银行股份有限公司", "深圳前海微众银行股份有限公司", "LKHG"),
        ("华微技术有限公司", "华为技术有限公司", "LKHP"),
        ("杭州巿某某科技有限公司", "杭州市某某科技有限公司", "LKHG"),
        ("华夏银行股份有限公司", "华厦银行股份有限公司", "LKHP"),
        # one character of a distinctive part changed, added or dropped
        ("腾讯计算机系流有限公司", "腾讯计算机系统有限公司", "LKED"),
        ("腾讯计算机统有限公司", "腾讯计算机系统有限公司", "LKED"),
        ("华为x技术有限公司", "华为技术有限公司", "LKED"),
        # a garbled generic word keeps the whole identity
        ("招商银仃股份有限公司", "招商银行股份有限公司", "LKED"),
        ("扰州市某某科技有限公司", "杭州市某某科技有限公司", "LKED"),
        ("腾x", "腾讯科技(深圳)有限公司", "LKED"),
        # 招商 and 浙商 are both real banks, but by the rule one of two characters changed with 商
        # kept is the shape of 徽众 for 微众: LKED (NMTC either way; no register of real names here)
        ("浙商银行股份有限公司", "招商银行股份有限公司", "LKED"),
        ("招商银行股份有限公司", "浙商银行股份有限公司", "LKED"),
    ],
)
def test_lookalikes_keep_the_identity_of_the_expected_name(
    given_: str, actual: str, code: str
) -> None:
    result = match_names(given_, actual)
    assert (result.outcome.value, result.reasons) == (NMTC, (code,))


def test_two_homophones_must_keep_half_of_the_distinctive_part() -> None:
    # 花伟 for 华为: both characters swapped, but 技术 is kept: half of 华为技术
    assert match_names("花伟技术有限公司", "华为技术有限公司").reasons == ("LKHP",)


def test_individual_business_marker_is_not_compared() -> None:
    result = match_names("某某生鲜食品超市(个体工商户)", "某某生鲜食品超市")
    assert result.outcome.value == MTCH


def test_persons() -> None:
    assert match_names("李四", "李四").outcome.value == MTCH
    assert match_names("买买提·艾力", "买买提•艾力").outcome.value == MTCH
    assert looks_like_person_name("欧阳某某")
    assert looks_like_person_name("张三")
    assert not looks_like_person_name("深圳")
    assert not looks_like_person_name("张三商务咨询有限公司")
    assert not looks_like_person_name(None)  # type: ignore[arg-type]


def test_match_any_ranks_outcomes() -> None:
    names = ["中兴通讯股份有限公司", "华为技术有限公司", "华为终端有限公司"]
    result = match_any("华为技术有限公司", names)
    assert (result.outcome.value, result.actual) == (MTCH, "华为技术有限公司")
    assert match_any("某某", []).reasons == ("MISS",)
    assert match_any("华为技术有限公司", "华为技术有限公司").outcome.value == MTCH
    assert match_any("华为技术有限公司", None).outcome.value == NOAP  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# spoofing signs


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("腾讯\u200b科技", "hidden_character"),
        ("腾讯\ufeff科技", "hidden_character"),
        ("腾讯\u3164科技", "hidden_character"),
        ("腾讯\x00科技", "hidden_character"),
        ("腾讯\u202e科技", "bidi_control"),
        ("腾讯エ科技", "mixed_script"),
        ("腾讯한科技", "mixed_script"),
        ("Аlibaba", "mixed_script"),
        ("⼈民银行", "compatibility_ideograph"),
        ("\uf900某科技", "compatibility_ideograph"),
        ("⺁某科技", "compatibility_ideograph"),
        ("𝐀𝐁𝐂科技", "compatibility_character"),
        ("腾\u0301讯", "combining_mark"),
        ("□某科技", "confusable_symbol"),
        ("华为技朮有限公司", "mixed_traditional"),
        ("\ue000某科技", "private_use"),
        ("\U000e0fff某科技", "unassigned"),
        ("\ud800某科技", "unassigned"),
    ],
)
def test_spoofing_kinds(text: str, kind: str) -> None:
    signs = spoofing_signs(text)
    assert kind in {s.kind for s in signs}
    assert all(s.kind in SPOOF_KINDS for s in signs)
    for sign in signs:
        assert sign.codepoint == f"U+{ord(text[sign.position]):04X}"


@pytest.mark.parametrize(
    "text",
    [
        "华为Technologies有限公司",
        "TCL科技集团股份有限公司",
        "腾讯科技（深圳）有限公司",
        "ＡＢＣ科技有限公司",
        "买买提·艾力",
        "深圳市騰訊計算機系統有限公司",
        "某某 科技\u3000有限公司",
        "Peña S.A.",
        "Société Générale",
    ],
)
def test_legitimate_names_have_no_spoofing_signs(text: str) -> None:
    assert spoofing_signs(text) == ()


def test_kangxi_radicals_are_detected_before_nfkc() -> None:
    name = parse_company_name("⼈民网股份有限公司")
    assert name.normalised == "人民网股份有限公司"
    assert [s.kind for s in name.spoofing] == ["compatibility_ideograph"]


# --------------------------------------------------------------------------------------------
# data tables


def test_lookalike_table_has_the_reference_pairs() -> None:
    lookalike_table = table("lookalikes.csv")
    assert any(c.startswith("origin:") for c in lookalike_table.comments)
    assert any(c.startswith("curated:") for c in lookalike_table.comments)
    assert any(c.startswith("licence") for c in lookalike_table.comments)
    pairs = {frozenset((r["a"], r["b"])) for r in lookalike_table.rows}
    reference_pairs = "微徽 未末 市巿 己已 己巳 已巳 戊戌 戊戍 侯候 土士 日曰 人入"
    for pair in reference_pairs.split(" "):
        assert frozenset(pair) in pairs, pair
    sources = {r["source"] for r in lookalike_table.rows}
    header = "\n".join(lookalike_table.comments)
    for source in sources:
        assert f"origin: {source.split('/')[0]}" in header or source in header
    assert all(r["kind"] in ("glyph", "confusable") for r in lookalike_table.rows)


def test_name_parts_table() -> None:
    parts = table("name_parts.csv")
    assert any(c.startswith("licence") for c in parts.comments)
    assert any(c.startswith("curated:") for c in parts.comments)
    header = "\n".join(parts.comments)
    for row in parts.rows:
        for tag in row["source"].split("+"):
            assert f"origin: {tag} =" in header
        if row["kind"] == "legal_form":
            assert row["canonical"]
    kinds = {"legal_form", "branch", "bank_branch", "generic", "industry", "org_word", "surname"}
    assert {row["kind"] for row in parts.rows} == kinds


# --------------------------------------------------------------------------------------------
# laziness and robustness


def test_import_is_lazy() -> None:
    code = (
        "import sys, acctverify.names; "
        "assert not {'pypinyin', 'opencc'} & set(sys.modules), sorted(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


NASTY: list[Any] = [
    None,
    "",
    0,
    True,
    object(),
    b"\xe8\x85\xbe",
    ["腾讯"],
    "€",
    "３²",
    "\ud800",
    "\udfff" * 18,
    "a\x00b",
    "()",
    "(((((",
    "有限公司",
    "分公司",
    "(个体工商户)",
    "深圳市",
    "·",
    "腾" * 100_000,
    "\u200b" * 100_000,
    "(" * 100_000,
    "有限公司" * 30_000,
]


@pytest.mark.parametrize("value", NASTY, ids=range(len(NASTY)))
def test_public_functions_never_raise(value: Any) -> None:
    for other in ("华为技术有限公司", value):
        result = match_names(value, other)
        assert isinstance(result, NameMatch)
        result.model_dump_json()
        assert isinstance(match_any(value, [other], former_names=[other]), NameMatch)
        match_names(other, value, given_uscc=value, actual_uscc=value)
    assert isinstance(spoofing_signs(value), tuple)
    assert looks_like_person_name(value) in (True, False)
    if isinstance(value, str):
        parsed = parse_company_name(value)
        assert isinstance(parsed, CompanyName)
        parsed.model_dump_json()
    else:
        with pytest.raises(TypeError):
            parse_company_name(value)


def test_long_inputs_are_capped() -> None:
    huge = "腾讯科技" * 25_000
    result = match_names(huge, huge)
    assert (result.outcome.value, result.reasons) == (NOAP, ("LONG",))
    assert parse_company_name(huge).truncated
    assert len(parse_company_name(huge).normalised) <= MAX_NAME_LENGTH


# --------------------------------------------------------------------------------------------
# properties

HAN = "腾讯华为平安字节跳动阿里巴巴中兴招商微众星辰海蓝金鼎祥瑞宏达恒信博远鑫源"
REGIONS = [None, "深圳市", "北京", "上海市", "广东省深圳市", "杭州"]
INDUSTRIES = [None, "科技", "信息技术", "计算机系统", "商务咨询", "贸易", "网络科技"]
FORMS = [None, "有限公司", "有限责任公司", "股份有限公司", "股份公司", "合伙企业（有限合伙）"]
BRANCHES = [None, "北京分公司", "上海分公司", "成都第六支行"]

trade_names = st.text(alphabet=HAN, min_size=2, max_size=4)


@st.composite
def company_names(draw: st.DrawFn, trade: str | None = None) -> str:
    """Well-formed company names: region (in front or in brackets), trade name, industry, form."""
    region = draw(st.sampled_from(REGIONS))
    industry = draw(st.sampled_from(INDUSTRIES)) or ""
    form = draw(st.sampled_from(FORMS)) or ""
    branch = (draw(st.sampled_from(BRANCHES)) or "") if form else ""
    trade = trade if trade is not None else draw(trade_names)
    if region and form and draw(st.booleans()):
        bracket = draw(st.sampled_from(["（{}）", "({})", "【{}】"]))
        return trade + industry + bracket.format(region.rstrip("市")) + form + branch
    return (region or "") + trade + industry + form + branch


ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=40) | company_names()


@given(ANY_TEXT, ANY_TEXT)
def test_never_raises(a: str, b: str) -> None:
    parse_company_name(a)
    spoofing_signs(a)
    looks_like_person_name(a)
    assert isinstance(match_names(a, b), NameMatch)


@given(ANY_TEXT)
def test_normalisation_is_idempotent(text: str) -> None:
    first = parse_company_name(text).normalised
    assert parse_company_name(first).normalised == first


@given(ANY_TEXT)
def test_a_name_matches_itself_unless_it_carries_spoofing_signs(text: str) -> None:
    parsed = parse_company_name(text)
    result = match_names(text, text)
    if parsed.spoofing:
        kinds = {s.kind for s in parsed.spoofing}
        assert result.outcome != MatchOutcome.MATCH or kinds == {"mixed_traditional"}
    elif any(ch not in "()·.,'\"-_/、，。:;" for ch in parsed.normalised):
        assert result.outcome == MatchOutcome.MATCH, result
    else:
        assert result.reasons == ("MISS",)


@given(company_names())
def test_well_formed_names_match_themselves_and_their_formatting(name: str) -> None:
    assert match_names(name, name).outcome == MatchOutcome.MATCH
    spaced = " ".join(name).replace("(", "（").replace(")", "）")
    result = match_names(spaced, name)
    assert result.outcome == MatchOutcome.MATCH
    assert result.reasons in ((), ("NFMT",))


@given(company_names(), company_names())
def test_symmetry(a: str, b: str) -> None:
    forward, backward = match_names(a, b), match_names(b, a)
    if forward.outcome == MatchOutcome.MATCH:
        assert backward.outcome == MatchOutcome.MATCH
    if forward.outcome == MatchOutcome.NO_MATCH and forward.reasons[0] in ("ANNM", "RGDF"):
        assert backward.outcome == MatchOutcome.NO_MATCH or "ABBR" in backward.reasons
    if "BRPY" in forward.reasons:
        assert "HQPY" in backward.reasons or "BRPY" in backward.reasons


@given(company_names(), st.data())
def test_a_zero_width_character_never_matches(name: str, data: st.DataObject) -> None:
    where = data.draw(st.integers(0, len(name)))
    hidden = data.draw(
        st.sampled_from(["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
    )
    result = match_names(name[:where] + hidden + name[where:], name)
    assert result.outcome == MatchOutcome.NO_MATCH
    assert result.reasons[0] == "SPUF"


# Glyph pairs from lookalikes.csv, then homophones (same toneless pinyin).
_SWAP_PAIRS = "微徽 未末 市巿 己已 戊戌 侯候 土士 日曰 人入 金全 为伟 讯迅 华花 腾藤 达答 信新"
SWAPS: dict[str, str] = {pair[0]: pair[1] for pair in _SWAP_PAIRS.split(" ")}


@given(st.data())
def test_a_lookalike_in_the_trade_name_never_matches(data: st.DataObject) -> None:
    base = data.draw(trade_names)
    swap_from = data.draw(st.sampled_from(sorted(SWAPS)))
    where = data.draw(st.integers(0, len(base)))
    trade = base[:where] + swap_from + base[where:]
    actual = data.draw(company_names(trade=trade))
    start = actual.index(trade) + where
    given_ = actual[:start] + SWAPS[swap_from] + actual[start + 1 :]
    assume(given_ != actual)
    result = match_names(given_, actual)
    assert result.outcome == MatchOutcome.NO_MATCH, result
    assert result.reasons[0] in ("LKHG", "LKHP", "LKED"), result


@settings(max_examples=25)
@given(st.integers(MAX_NAME_LENGTH + 1, 100_000), st.sampled_from("腾a\u200b(·"))
def test_long_inputs_finish(length: int, char: str) -> None:
    result = match_names(char * length, "华为技术有限公司")
    assert "LONG" in result.reasons
