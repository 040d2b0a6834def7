"""acctverify.directory: the shipped data, resolution, look-alikes, user files, properties."""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from acctverify.cn import banks, uscc
from acctverify.directory import (
    MAX_QUERY_CHARS,
    REASONS,
    Directory,
    default_directory,
    json_schema,
    load_directory,
    normalise,
    resolve_creditor,
)
from acctverify.exceptions import DataError
from acctverify.models.directory import Confidence, CreditorKind, MatchVia

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DATA = Path(__file__).parent / "data"
EXAMPLE = Path(__file__).parent.parent / "examples" / "my-directory.toml"
BUILTIN = default_directory()
RAW = resources.files("acctverify.data").joinpath("creditors.toml").read_text(encoding="utf-8")

# creditors.md §1.1 and §1.2, by id.
CONSUMER_LENDERS = {
    "webank", "ant", "jd", "duxiaoman", "zhaolian", "mashang", "meituan", "qifu", "fenqile",
    "pingan-consumer-finance", "pingan-puhui", "boc-consumer-finance", "cib-consumer-finance",
    "home-credit", "psbc-consumer-finance", "nbbank", "mybank", "xwbank",
}  # fmt: skip
BANKS = {
    "icbc": "ICBC", "abc": "ABC", "boc": "BOC", "ccb": "CCB", "comm": "COMM", "cmb": "CMB",
    "spdb": "SPDB", "citic": "CITIC", "ceb": "CEB", "cmbc": "CMBC", "cib": "CIB", "cgb": "GDB",
    "pingan-bank": "SPABANK", "hxb": "HXBANK", "psbc": "PSBC",
}  # fmt: skip
# The only credit codes the reference ties to a name (creditors.md §1.1, identifiers.md §1.6).
EXPECTED_USCC = {
    "webank": "9144030031977063XH",
    "icbc": "91100000100003962T",
    "abc": "911100001000054748",
    "boc": "911000001000013428",
    "ccb": "911100001000044477",
    "comm": "9131000010000595XD",
    "cmb": "9144030010001686XA",
    "spdb": "9131000013221158XC",
    "pingan-bank": "91440300192185379H",
    "psbc": "9111000071093465XC",
}
# creditors.md §5 and scam-signals.md §2.5: numbers that must never be shipped as official.
DO_NOT_SHIP = ("4006227186", "4009998800", "95118", "95055")
# Codes that pass both checks but are tied to no name (光大, 兴业): must not be shipped.
UNTIED_USCC = ("91110000100011743X", "91350000158142711F")


def all_names(directory: Directory = BUILTIN) -> list[tuple[str, str]]:
    """(creditor id, name) for every name the directory lists itself."""
    pairs = []
    for creditor in directory:
        names = [*creditor.products, *creditor.aliases, *creditor.abbreviations, creditor.name]
        for entity in creditor.entities:
            names.append(entity.name)
            names.extend(f.name for f in entity.former_names)
        pairs.extend((creditor.id, name) for name in names)
    return pairs


# --- the shipped data --------------------------------------------------------------------------


def test_covers_every_creditor_of_the_reference() -> None:
    ids = {creditor.id for creditor in BUILTIN}
    assert ids == CONSUMER_LENDERS | set(BANKS)
    assert len(BUILTIN) == 33


def test_header_names_origin_licence_and_date() -> None:
    header = RAW.split("\nversion = 1", 1)[0]
    for word in ("curated:", "licence:", "confidence:", "2026-11-29", "creditors.md"):
        assert word in header


def test_bank_codes_exist_and_match() -> None:
    for creditor in BUILTIN:
        if creditor.bank_code is not None:
            assert banks.get(creditor.bank_code) is not None, creditor.id
    for creditor_id, code in BANKS.items():
        creditor = BUILTIN.get(creditor_id)
        assert creditor is not None
        assert creditor.bank_code == code
        assert creditor.kind is CreditorKind.BANK
    assert {BUILTIN.get(i).bank_code for i in ("webank", "mybank", "xwbank", "nbbank")} == {  # type: ignore[union-attr]
        "WEBANK",
        "WSBANK",
        "XWBANK",
        "NBBANK",
    }


def test_usccs_are_exactly_the_confirmed_ones() -> None:
    found = {c.id: e.uscc for c in BUILTIN for e in c.entities if e.uscc}
    assert found == EXPECTED_USCC
    for code in found.values():
        assert uscc.is_valid(code)
        info = uscc.parse(code)
        assert info.checksum_valid
        assert info.org_code_valid
        assert not info.anomalies
    for creditor in BUILTIN:
        for entity in creditor.entities:
            if entity.uscc:
                assert entity.uscc_confidence is not None
                assert entity.uscc_source
    for code in UNTIED_USCC:
        assert code not in RAW


def test_no_uscc_for_consumer_finance_platforms_or_small_banks() -> None:
    for creditor in BUILTIN:
        if creditor.kind in {CreditorKind.CONSUMER_FINANCE, CreditorKind.PLATFORM}:
            assert all(e.uscc is None for e in creditor.entities), creditor.id
    for creditor_id in ("mybank", "xwbank", "nbbank", "citic", "cmbc", "cgb", "hxb", "ceb", "cib"):
        assert all(e.uscc is None for e in BUILTIN.get(creditor_id).entities)  # type: ignore[union-attr]


def test_webank_uscc_is_valid() -> None:
    assert uscc.is_valid("9144030031977063XH")
    assert not uscc.is_valid("9144030031977149XQ")  # the wrong candidate in identifiers.md §6


def test_every_fact_has_source_and_confidence() -> None:
    for creditor in BUILTIN:
        assert creditor.sources
        assert creditor.confidence in Confidence
        facts: list[Any] = [*creditor.hotlines, *creditor.domains, *creditor.statements]
        for fact in facts:
            assert fact.source.strip(), (creditor.id, fact)
            assert fact.confidence in Confidence
        for entity in creditor.entities:
            assert entity.sources
            assert all(s.strip() for s in entity.sources)
            for former in entity.former_names:
                assert former.source.strip()
            if entity.licence_code:
                assert entity.licence_source
        for policy in (creditor.repayment, creditor.contact_policy):
            if policy is not None:
                assert policy.sources


def test_do_not_ship_numbers_appear_nowhere() -> None:
    digits = re.sub(r"[\s\-]", "", RAW)
    for number in DO_NOT_SHIP:
        assert number not in digits, number
    for creditor in BUILTIN:
        for hotline in creditor.hotlines:
            assert hotline.number not in DO_NOT_SHIP
        for number in DO_NOT_SHIP:
            assert BUILTIN.is_official_number(number) is None


def test_bank_hotlines_are_merged_not_repeated() -> None:
    for raw in tomllib.loads(RAW)["creditors"]:
        if raw.get("bank_code"):
            bank = banks.get(raw["bank_code"])
            assert bank is not None
            written = {h["number"] for h in raw.get("hotlines", [])}
            assert not written & {h.number for h in bank.hotlines}, raw["id"]
    icbc = BUILTIN.get("icbc")
    assert icbc is not None
    assert {(h.number, h.kind.value) for h in icbc.hotlines} == {
        ("95588", "general"),
        ("95588", "credit_card"),
    }
    webank = BUILTIN.get("webank")
    assert webank is not None
    assert [h.number for h in webank.hotlines] == ["95384"]
    for creditor in BUILTIN:
        keys = [(h.number, h.kind) for h in creditor.hotlines]
        assert len(keys) == len(set(keys)), creditor.id


def test_fintech_hotlines_are_only_the_confirmed_ones() -> None:
    fintech = {
        c.id: sorted(h.number for h in c.hotlines)
        for c in BUILTIN
        if c.kind is not CreditorKind.BANK and c.hotlines
    }
    assert fintech == {"webank": ["95384"], "ant": ["95188"], "fenqile": ["95730"]}
    assert [h.number for h in BUILTIN.get("nbbank").hotlines] == ["4000095574"]  # type: ignore[union-attr]


def test_no_official_account_is_built_in() -> None:
    for creditor in BUILTIN:
        assert BUILTIN.official_accounts(creditor) == ()
        assert not creditor.authority
        assert creditor.origin == "builtin"


def test_entities_named_in_one_list_only_are_left_out() -> None:
    names = {name for _, name in NAMES}
    left_out = ("重庆京东盛际小额贷款有限公司", "重庆度小满小额贷款有限公司",
                "重庆美团三快小额贷款有限公司", "深圳市分期乐网络科技有限公司")  # fmt: skip
    for name in left_out:
        assert name not in RAW
    # Wrong names from a public lender list (creditors.md, "What matters most").
    assert not {"微众银行股份有限公司", "蚂蚁消费金融有限公司"} & names


def test_unconfirmed_entities_are_never_positive_evidence() -> None:
    nbbank = BUILTIN.get("nbbank")
    assert nbbank is not None
    assert "浙江宁银消费金融股份有限公司" not in nbbank.entity_names()
    assert "浙江宁银消费金融股份有限公司" in nbbank.entity_names(include_unconfirmed=True)
    match = resolve_creditor("浙江宁银消费金融股份有限公司")
    assert match is not None
    assert "unconfirmed_entity" in match.reasons
    assert "unconfirmed_creditor" in resolve_creditor("平安普惠").reasons  # type: ignore[union-attr]


def test_entity_names_are_unique_and_include_former_names() -> None:
    names = [e.name for c in BUILTIN for e in c.entities]
    assert len(names) == len(set(names))
    assert BUILTIN.get("zhaolian").entity_names() == (  # type: ignore[union-attr]
        "招联消费金融股份有限公司",
        "招联消费金融有限公司",
    )


def test_every_reason_is_documented() -> None:
    for zh, en in REASONS.values():
        assert zh
        assert en


# --- resolution --------------------------------------------------------------------------------

RESOLVES = [
    ("微粒贷", "webank", MatchVia.PRODUCT, True),
    ("微众银行", "webank", MatchVia.ALIAS, True),
    ("深圳前海微众银行股份有限公司", "webank", MatchVia.LEGAL_NAME, True),
    ("WeBank", "webank", MatchVia.ALIAS, True),
    ("借呗", "ant", MatchVia.PRODUCT, True),
    ("花呗", "ant", MatchVia.PRODUCT, True),
    ("蚂蚁借呗", "ant", MatchVia.PRODUCT, True),
    ("重庆蚂蚁消费金融有限公司", "ant", MatchVia.LEGAL_NAME, True),
    ("重庆市蚂蚁小微小额贷款有限公司", "ant", MatchVia.LEGAL_NAME, True),
    ("京东金条", "jd", MatchVia.PRODUCT, True),
    ("中银消金", "boc-consumer-finance", MatchVia.ABBREVIATION, True),
    ("有钱花", "duxiaoman", MatchVia.PRODUCT, True),
    ("招联好期贷", "zhaolian", MatchVia.PRODUCT, True),
    ("招联", "zhaolian", MatchVia.ABBREVIATION, True),
    ("招联消费金融有限公司", "zhaolian", MatchVia.FORMER_NAME, True),
    ("安逸花", "mashang", MatchVia.PRODUCT, True),
    ("360借条", "qifu", MatchVia.PRODUCT, True),
    ("奇富借条", "qifu", MatchVia.PRODUCT, True),
    ("分期乐", "fenqile", MatchVia.PRODUCT, True),
    ("兴业消费金融股份公司", "cib-consumer-finance", MatchVia.LEGAL_NAME, True),
    ("平安普惠", "pingan-puhui", MatchVia.ALIAS, True),
    ("中国工商银行", "icbc", MatchVia.BANK, True),
    ("工行", "icbc", MatchVia.BANK, True),
    ("中国工商银行股份有限公司", "icbc", MatchVia.LEGAL_NAME, True),
    ("平安", "pingan-bank", MatchVia.BANK, True),
    ("广发银行", "cgb", MatchVia.ALIAS, True),
    ("浙江网商银行股份有限公司", "mybank", MatchVia.LEGAL_NAME, True),
    ("中国工商银行北京分行", "icbc", MatchVia.BANK, False),
    ("中国工商银行股份有限公司北京海淀支行", "icbc", MatchVia.LEGAL_NAME, False),
    ("工行信用卡", "icbc", MatchVia.BANK, False),
    ("招商银行信用卡中心", "cmb", MatchVia.ALIAS, False),
    ("微粒贷协商中心", "webank", MatchVia.PRODUCT, False),
    ("花呗分期还款", "ant", MatchVia.PRODUCT, False),
]


@pytest.mark.parametrize(("text", "creditor_id", "via", "exact"), RESOLVES)
def test_resolves(text: str, creditor_id: str, via: MatchVia, exact: bool) -> None:
    match = resolve_creditor(text)
    assert match is not None
    assert match.creditor is not None
    assert match.creditor.id == creditor_id
    assert match.via is via
    assert match.exact is exact
    assert match.resolved
    assert not match.lookalike
    assert match.lookalike_of is None


@pytest.mark.parametrize(
    ("text", "reasons", "extra"),
    [
        ("微粒贷协商中心", ("contained_name", "debt_relief_wording"), "协商中心"),
        ("中国工商银行北京分行", ("bank_branch",), "北京分行"),
        ("招商银行信用卡中心", ("bank_branch",), "信用卡中心"),
        ("工行信用卡", ("contained_name",), "信用卡"),
        ("招联消费金融有限公司", ("former_name",), ""),
        ("借唄", ("traditional_chinese",), ""),
        ("微\u200b粒贷", ("invisible_characters",), ""),
        ("\u2f2f商银行", ("compatibility_ideographs",), ""),
        ("微众银行股份有限公司", ("contained_name", "unregistered_company_name"), "股份有限公司"),
        ("度小满金融债务优化部", ("contained_name", "debt_relief_wording"), "债务优化部"),
    ],
)
def test_reasons(text: str, reasons: tuple[str, ...], extra: str) -> None:
    match = resolve_creditor(text)
    assert match is not None
    assert match.reasons == reasons
    assert match.extra == extra
    assert set(match.reasons) <= set(REASONS)


def test_former_name_points_to_the_current_entity() -> None:
    match = resolve_creditor("招联消费金融有限公司")
    assert match is not None
    assert match.entity is not None
    assert match.entity.name == "招联消费金融股份有限公司"


@pytest.mark.parametrize(
    ("text", "imitates", "creditor_id", "kind"),
    [
        ("微粒货", "微粒贷", "webank", "glyph"),
        ("徽粒贷", "微粒贷", "webank", "glyph"),
        ("为粒贷", "微粒贷", "webank", "homophone"),
        ("深圳前海徽众银行股份有限公司", "深圳前海微众银行股份有限公司", "webank", "glyph"),
        ("深圳前海微众银行有限公司", "深圳前海微众银行股份有限公司", "webank", "edit"),
        ("深圳前海徽众银行股份有限公司微粒贷", "深圳前海微众银行股份有限公司", "webank", "glyph"),
        ("徽粒贷协商中心", "微粒贷", "webank", "glyph"),
        ("蚂蚁消费金融有限公司", "重庆蚂蚁消费金融有限公司", "ant", "edit"),
        ("兴业消费金融股份有限公司", "兴业消费金融股份公司", "cib-consumer-finance", "edit"),
        ("招联消费金融有限责任公司", "招联消费金融有限公司", "zhaolian", "edit"),
        ("中国工商银衍", "中国工商银行", "icbc", "edit"),
        ("中国工商银行股仿有限公司", "中国工商银行股份有限公司", "icbc", "edit"),
        ("花贝", "花呗", "ant", "homophone"),
    ],
)
def test_lookalikes_are_reported_not_resolved(
    text: str, imitates: str, creditor_id: str, kind: str
) -> None:
    match = resolve_creditor(text)
    assert match is not None
    assert match.creditor is None
    assert not match.resolved
    assert match.lookalike
    assert match.lookalike_of == imitates
    assert match.imitated_id == creditor_id
    assert match.reasons[-1] == f"lookalike_{kind}"


@pytest.mark.parametrize(
    "text",
    [
        "北银消费金融有限公司",  # a licensed company (known name), not an imitation of 中银消金
        "苏宁消费金融有限公司",  # a different trade name altogether
        "浙商银行",  # a real bank not in the directory (one character from 招商银行)
        "在浙商银行的账户",
        "中国人民银行",
        "北京银行信用卡中心",
        "深圳市某某商务咨询有限公司",
        "戒备",  # sounds like 借呗 but shares no character: an ordinary word
        "马上还款",
        "",
        "   ",
        "\u200b",
    ],
)
def test_not_resolved_and_not_lookalike(text: str) -> None:
    assert resolve_creditor(text) is None


@pytest.mark.parametrize("value", [None, 0, 1.5, b"\xe5\xbe\xae", ["微粒贷"], object()])
def test_non_str_gives_none(value: object) -> None:
    assert resolve_creditor(value) is None
    assert BUILTIN.is_official_number(value) is None
    assert BUILTIN.is_official_domain(value) is None
    assert BUILTIN.get(value) is None


def test_caps() -> None:
    assert resolve_creditor("微粒贷" + " " * MAX_QUERY_CHARS) is None
    assert resolve_creditor("\ud800微粒贷") is not None
    assert resolve_creditor("９５３８４") is None


NASTY: list[Any] = [
    None, "", 0, -1, True, 1.5, object(), b"95384", ["微粒贷"], "€", "３²", "\ud800", "\udfff" * 18,
    "a\x00b", "微" * 100_000, "９" * 100_000, "\u200b" * 100_000, "𝟗𝟓𝟑𝟖𝟒", "⑨⑤③⑧④", "\u202e贷粒微",
]  # fmt: skip


@pytest.mark.parametrize("value", NASTY, ids=range(len(NASTY)))
def test_public_functions_never_raise(value: Any) -> None:
    resolve_creditor(value)
    BUILTIN.resolve(value)
    BUILTIN.is_official_number(value)
    BUILTIN.is_official_number("95384", value)
    BUILTIN.is_official_domain(value)
    BUILTIN.official_accounts(value)
    BUILTIN.get(value)
    assert isinstance(normalise(value), str)
    assert value in BUILTIN or value not in BUILTIN


@pytest.mark.parametrize("value", [None, 0, object(), b"x.toml"])
def test_load_rejects_what_is_not_a_path(value: Any) -> None:
    with pytest.raises(DataError, match="expected a file path"):
        Directory.load(value)


# --- numbers, domains, accounts ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "creditor", "expected"),
    [
        ("95384", None, "95384"),
        ("95384", "webank", "95384"),
        ("95384", "ant", None),
        ("9538 4", None, "95384"),
        ("９５３８４", "webank", "95384"),
        ("95188", "ant", "95188"),
        ("95730", "fenqile", "95730"),
        ("400-820-5555", "cmb", "4008205555"),
        ("4000095574", "nbbank", "4000095574"),
        ("95588", "icbc", "95588"),
        ("95588", "webank", None),
        ("95384x", None, None),
        ("", None, None),
        ("12345", None, None),
    ],
)
def test_is_official_number(number: str, creditor: str | None, expected: str | None) -> None:
    hotline = BUILTIN.is_official_number(number, creditor)
    assert (hotline.number if hotline else None) == expected


def test_is_official_number_accepts_a_creditor_object() -> None:
    webank = BUILTIN.get("webank")
    assert BUILTIN.is_official_number("95384", webank) is not None


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("webank.com", "webank.com"),
        ("www.webank.com", "webank.com"),
        ("WWW.WEBANK.COM.", "webank.com"),
        ("https://www.webank.com/news/zygg/2801", "webank.com"),
        ("webank.com:443", "webank.com"),
        ("https://user@webank.com/", "webank.com"),
        ("ｗｅｂａｎｋ．ｃｏｍ", "webank.com"),
        ("webank.com.evil.top", None),
        ("evilwebank.com", None),
        ("webank.co", None),
        ("https://webank.com@evil.top/", None),
        ("webank.com@evil.top", None),
        ("https://evil.top/webank.com", None),
        ("", None),
        ("http://[::1]/", None),
        ("微众银行.com", None),
    ],
)
def test_is_official_domain(host: str, expected: str | None) -> None:
    domain = BUILTIN.is_official_domain(host)
    assert (domain.domain if domain else None) == expected


def test_is_official_domain_for_one_creditor() -> None:
    assert BUILTIN.is_official_domain("alipay.com", "ant") is not None
    assert BUILTIN.is_official_domain("alipay.com", "webank") is None
    assert BUILTIN.is_official_domain("alipay.com", "no-such-id") is None


# --- user files --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["directory_user.toml", "directory_user.json"])
def test_user_file_overrides_and_adds(name: str) -> None:
    only = Directory.load(DATA / name)
    assert [c.id for c in only] == ["webank", "test-lender"]
    merged = load_directory(DATA / name)
    assert len(merged) == len(BUILTIN) + 1
    webank = merged.get("webank")
    assert webank is not None
    assert webank.name == "微众银行（用户覆盖）"
    assert webank.origin == f"user:{name}"
    assert [h.number for h in webank.hotlines] == ["95384"]  # merged from the bank table
    assert webank.domains == ()  # replaced as a whole, not field by field
    lender = merged.get("test-lender")
    assert lender is not None
    assert lender.authority
    accounts = merged.official_accounts("test-lender")
    assert [a.account for a in accounts] == ["000000000000000001"]
    match = merged.resolve("测试演示贷")
    assert match is not None
    assert match.creditor is not None
    assert match.creditor.id == "test-lender"
    assert merged.resolve("微粒贷").creditor.name == "微众银行（用户覆盖）"  # type: ignore[union-attr]
    assert BUILTIN.get("webank").name == "微众银行"  # type: ignore[union-attr]


def test_load_directory_without_builtin() -> None:
    assert len(load_directory(DATA / "directory_user.toml", builtin=False)) == 2


def test_toml_and_json_give_the_same_directory() -> None:
    toml = Directory.load(DATA / "directory_user.toml")
    data = Directory.load(DATA / "directory_user.json")
    assert [c.model_dump(exclude={"origin"}) for c in toml] == [
        c.model_dump(exclude={"origin"}) for c in data
    ]


def test_example_file_loads() -> None:
    directory = load_directory(EXAMPLE)
    lender = directory.get("example-lender")
    assert lender is not None
    assert lender.authority
    assert directory.official_accounts(lender)[0].name == "示例演示消费金融有限公司"
    assert directory.is_official_domain("pay.lender.example") is not None


def test_name_claimed_twice_is_ambiguous(tmp_path: Path) -> None:
    path = tmp_path / "claim.toml"
    path.write_text(
        'version = 1\n[[creditors]]\nid = "copy"\nname = "复制"\nname_en = "Copy"\n'
        'kind = "platform"\nproducts = ["微粒贷"]\nconfidence = "unconfirmed"\nsources = ["t"]\n',
        encoding="utf-8",
    )
    match = load_directory(path).resolve("微粒贷")
    assert match is not None
    assert match.creditor is not None
    assert match.creditor.id == "webank"
    assert match.also == ("copy",)
    assert "ambiguous" in match.reasons


def test_json_schema() -> None:
    schema = json_schema()
    assert "creditors" in schema["properties"]
    assert "Creditor" in schema["$defs"]
    text = json.dumps(schema, ensure_ascii=False)
    assert "统一社会信用代码" in text  # field docstrings flow into the schema


GOOD_ENTRY = {
    "id": "acme",
    "name": "示例",
    "name_en": "Example",
    "kind": "platform",
    "confidence": "secondary",
    "sources": ["s"],
}


def entry(**changes: Any) -> dict[str, Any]:
    return {**GOOD_ENTRY, **changes}


HOTLINE = {"number": "95000", "kind": "general", "confidence": "secondary", "source": "s"}
ENTITY = {"name": "示例有限公司", "role": "lender", "confidence": "secondary", "sources": ["s"]}

ERRORS = [
    (
        {"creditors": [entry(hotlines=[HOTLINE, {**HOTLINE, "number": "400-820"}])]},
        "f.json: creditors[0].hotlines[1].number: must be digits (5 to 15, no dashes or spaces) "
        "(got '400-820')",
    ),
    (
        {"creditors": [entry(hotline=[HOTLINE])]},
        "f.json: creditors[0].hotline: Extra inputs are not permitted",
    ),
    ({"creditors": [{k: v for k, v in GOOD_ENTRY.items() if k != "name_en"}]},
     "f.json: creditors[0].name_en: Field required"),
    (
        {"creditors": [entry(confidence="sure")]},
        "f.json: creditors[0].confidence: Input should be 'verified', 'secondary' or "
        "'unconfirmed' (got 'sure')",
    ),
    (
        {"creditors": [entry(entities=[{**ENTITY, "uscc": "9144030031977149XQ",
                                        "uscc_confidence": "secondary", "uscc_source": "s"}])]},
        "f.json: creditors[0].entities[0].uscc: not a valid credit code (fails the GB 32100 "
        "check) (got '9144030031977149XQ')",
    ),
    (
        {"creditors": [entry(entities=[{**ENTITY, "uscc": "9144030031977063XH"}])]},
        "f.json: creditors[0].entities[0]: uscc needs uscc_confidence and uscc_source",
    ),
    (
        {"creditors": [entry(bank_code="NOPE")]},
        "f.json: creditors[0].bank_code: unknown bank code 'NOPE' (see acctverify.cn.banks) "
        "(got 'NOPE')",
    ),
    (
        {"creditors": [entry(), entry()]},
        "f.json: creditors: duplicate id 'acme' (entries 0 and 1)",
    ),
    (
        {"creditors": [entry(id="Not A Slug")]},
        "f.json: creditors[0].id: must be a slug: lower-case letters, digits, '-' or '_' "
        "(got 'Not A Slug')",
    ),
    (
        {"creditors": [entry(domains=[{"domain": "https://x.com/", "confidence": "secondary",
                                       "source": "s"}])]},
        "f.json: creditors[0].domains[0].domain: must be a bare domain such as example.com "
        "(no scheme, path or port) (got 'https://x.com/')",
    ),
    (
        {"creditors": [entry(entities=[ENTITY], repayment={
            "confidence": "verified", "sources": ["s"],
            "official_accounts": [{"name": "别人的公司", "account": "123456789", "bank": "b",
                                   "source": "s"}]})]},
        "f.json: creditors[0].repayment: official_accounts[0].name '别人的公司' is not one of "
        "this creditor's entities",
    ),
    (
        {"creditors": [entry(entities=[ENTITY], repayment={
            "confidence": "verified", "sources": ["s"],
            "official_accounts": [{"name": "示例有限公司", "account": "1234 5678 9", "bank": "b",
                                   "source": "s"}]})]},
        "f.json: creditors[0].repayment.official_accounts[0].account: must be digits (6 to 40, "
        "no spaces) (got '1234 5678 9')",
    ),
    ({"version": 2}, "f.json: version: only version 1 is supported (got 2)"),
    ([], "f.json: (top level): Input should be a valid dictionary or instance of DirectoryFile"),
    (
        {"creditors": [entry(kind="bank", confidence="x")]},
        "f.json: creditors[0].confidence: Input should be 'verified', 'secondary' or "
        "'unconfirmed' (got 'x')",
    ),
    (
        {"creditors": [entry(kind="shop", confidence="x")]},
        "f.json: creditors[0].confidence: Input should be 'verified', 'secondary' or "
        "'unconfirmed' (got 'x') (and 1 more error)",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("content", "message"), ERRORS)
def test_validation_errors_name_the_field(tmp_path: Path, content: Any, message: str) -> None:
    path = tmp_path / "f.json"
    path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DataError) as info:
        Directory.load(path)
    assert str(info.value) == message
    assert "\n" not in str(info.value)


def test_toml_validation_error_names_the_field(tmp_path: Path) -> None:
    path = tmp_path / "my.toml"
    path.write_text(
        'version = 1\n[[creditors]]\nid = "acme"\nname = "示例"\nname_en = "E"\nkind = "platform"\n'
        'confidence = "secondary"\nsources = ["s"]\n'
        '[[creditors.hotlines]]\nnumber = "95000"\nkind = "general"\nconfidence = "secondary"\n'
        'source = "s"\n[[creditors.hotlines]]\nnumber = "400 820"\nkind = "general"\n'
        'confidence = "secondary"\nsource = "s"\n',
        encoding="utf-8",
    )
    with pytest.raises(DataError, match=r"^my\.toml: creditors\[0\]\.hotlines\[1\]\.number: "):
        Directory.load(path)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.toml", b'version = 1\n\n[[creditors]\n',
         "bad.toml: line 3, column 12: invalid TOML: "),
        ("bad.toml", b"version = 1\nversion = 2\n", "bad.toml: line 2, column 12: invalid TOML: "),
        ("bad.json", b'{"version": 1,\n "creditors": [\n}',
         "bad.json: line 3, column 1: invalid JSON: Expecting value"),
        ("bad.json", b"", "bad.json: line 1, column 1: invalid JSON: Expecting value"),
        ("bad.toml", b"version = 1\n# \xff\n",
         "bad.toml: line 2: not UTF-8 text (invalid start byte)"),
        ("bad.yaml", b"version: 1\n", "bad.yaml: unsupported file type: use a .toml or .json file"),
    ],
)  # fmt: skip
def test_syntax_errors_name_the_line(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DataError) as info:
        Directory.load(path)
    # tomllib's own wording after "invalid TOML: " differs between Python versions.
    assert str(info.value) == message or (
        message.endswith(": ") and str(info.value).startswith(message)
    )


def test_syntax_error_fixture() -> None:
    with pytest.raises(
        DataError, match=r"^directory_bad_syntax\.toml: line 6, column \d+: invalid"
    ):
        load_directory(DATA / "directory_bad_syntax.toml")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"^nothing\.toml: cannot read the file: "):
        load_directory(tmp_path / "nothing.toml")


def test_json_with_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"version": 1}).encode())
    assert len(Directory.load(path)) == 0


# --- properties --------------------------------------------------------------------------------

NAMES = all_names()
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
JUNK = st.sampled_from(["", "", " ", "\u3000", "\u200b", "\ufeff", "\t"])


@given(st.text(max_size=80))
def test_resolve_never_raises(text: str) -> None:
    match = resolve_creditor(text)
    if match is not None:
        assert match.creditor is not None or match.lookalike
        assert not (match.lookalike and match.resolved)


@given(st.text(st.characters(codec=None, exclude_categories=()), max_size=40))
def test_resolve_never_raises_on_any_code_point(text: str) -> None:
    resolve_creditor(text)
    BUILTIN.is_official_number(text)
    BUILTIN.is_official_domain(text)


@given(st.sampled_from(NAMES), st.text(max_size=6), st.text(max_size=6))
def test_resolve_never_raises_around_official_names(
    pair: tuple[str, str], before: str, after: str
) -> None:
    resolve_creditor(before + pair[1] + after)


@given(st.sampled_from(NAMES))
def test_every_official_name_resolves_to_its_creditor(pair: tuple[str, str]) -> None:
    creditor_id, name = pair
    match = resolve_creditor(name)
    assert match is not None, name
    assert match.creditor is not None, name
    assert match.exact
    assert not match.lookalike
    assert creditor_id in {match.creditor.id, *match.also}


@given(st.sampled_from(NAMES), st.data())
def test_decorated_official_names_still_resolve(pair: tuple[str, str], data: st.DataObject) -> None:
    creditor_id, name = pair
    decorated = "".join(ch + data.draw(JUNK) for ch in name)
    if data.draw(st.booleans()):
        decorated = unicodedata.normalize("NFKC", decorated).translate(
            {c: c + 0xFEE0 for c in range(0x21, 0x7F)}
        )
    match = resolve_creditor(decorated)
    assert match is not None, decorated
    assert match.creditor is not None, decorated
    assert creditor_id in {match.creditor.id, *match.also}


@given(st.text(max_size=60))
def test_normalising_twice_is_normalising_once(text: str) -> None:
    assert normalise(normalise(text)) == normalise(text)


def _cjk(text: str) -> int:
    return sum("\u4e00" <= c <= "\u9fff" for c in text)


@given(st.sampled_from([n for n in NAMES if _cjk(n[1]) >= 3]), st.data(), CJK)
def test_a_changed_name_resolves_only_on_a_genuine_name(
    pair: tuple[str, str], data: st.DataObject, replacement: str
) -> None:
    _, name = pair
    position = data.draw(st.integers(0, len(name) - 1))
    changed = name[:position] + replacement + name[position + 1 :]
    match = resolve_creditor(changed)
    if match is not None and match.creditor is not None and not match.exact:
        # Resolved only because another official name is really there (蚂X借呗 holds 借呗).
        assert match.matched is not None
        assert normalise(match.matched) in normalise(changed)


KNOWN = [normalise(n) for group in BUILTIN.known_names for n in group.names]
ABBREVIATIONS = {a for c in BUILTIN for a in c.abbreviations}


@pytest.mark.parametrize(
    "pair",
    [
        n
        for n in NAMES
        if _cjk(n[1]) >= 3
        and n[1].isalnum()
        and n[1] not in ABBREVIATIONS  # matched only exactly, never as look-alikes
        and not any(known[:4] in n[1] for known in KNOWN)  # 浙江宁银…: a known other name
    ],
    ids=lambda pair: pair[1],
)
def test_one_changed_character_is_a_lookalike(pair: tuple[str, str]) -> None:
    creditor_id, name = pair
    for position in {0, len(name) // 2, len(name) - 1}:
        changed = name[:position] + "龘" + name[position + 1 :]
        match = resolve_creditor(changed)
        assert match is not None, changed
        if match.creditor is not None:  # another genuine name of the creditor is still there
            assert match.creditor.id == creditor_id, changed
            assert not match.exact, changed
            assert match.matched is not None
            assert normalise(match.matched) in normalise(changed)
            continue
        # 龘业银行 is as close to 农业银行 as to 兴业银行: either is a correct report.
        assert match.lookalike, changed
        assert match.lookalike_of is not None, changed
        official = BUILTIN.get(match.imitated_id)
        assert official is not None
