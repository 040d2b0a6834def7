"""Each rule module on facts built by hand: rules read facts and nothing else.

These tests never call ``verify()`` or the facts stage: they construct the facts a rule reads and
check what it yields. A rule that parsed, queried the directory or recomputed a fact would not
see what these facts say.
"""

from __future__ import annotations

from datetime import date

import pytest

from acctverify.directory import default_directory
from acctverify.models import (
    BankMismatch,
    CreditorMatch,
    Facts,
    ImageFacts,
    Licence,
    LicenceFacts,
    ListedContact,
    MessageFacts,
    NameChecks,
    NameMatch,
    NamePairMatch,
    PayeeFacts,
    PaymentRequest,
    QrLink,
)
from acctverify.models.licence_image import LicenceReading, QrVerdict
from acctverify.models.names import MatchOutcome
from acctverify.models.text import HitDetails, HitKind, TextHit
from acctverify.rules import (
    DEFAULT_RULES,
    RuleContext,
    Signal,
    account,
    contact,
    creditor,
    declared,
    image,
    licence,
    messages,
    payee,
)
from acctverify.rules.catalogue import FINDINGS

AS_OF = date(2026, 11, 29)
WEBANK = default_directory().get("webank")
assert WEBANK is not None


def ctx(facts: Facts, **request: object) -> RuleContext:
    return RuleContext(request=PaymentRequest.model_validate(request), facts=facts)


def facts(**fields: object) -> Facts:
    return Facts.model_validate({"as_of": AS_OF, "payee": PayeeFacts(), **fields})


def codes(signals: object) -> list[str]:
    return [signal.code for signal in signals]  # type: ignore[attr-defined]


def pair(outcome: MatchOutcome, against: str, *reasons: str) -> NamePairMatch:
    return NamePairMatch(against=against, match=NameMatch(outcome=outcome, reasons=reasons))


# --- payee ----------------------------------------------------------------------------------------


def test_payee_match_on_the_typed_pair_is_official() -> None:
    found = facts(
        compared_creditor=WEBANK,
        names=NameChecks(payee_creditor=pair(MatchOutcome.MATCH, "深圳前海微众银行股份有限公司")),
    )
    context = ctx(found, payee={"name": "whatever the request says"})
    assert codes(payee.against_creditor(context)) == ["payee.official_entity"]


def test_payee_lookalike_needs_no_creditor() -> None:
    imitation = CreditorMatch(
        query="x", normalised="x", lookalike=True, lookalike_of="深圳前海微众银行股份有限公司",
        imitated_id="webank", reasons=("lookalike_glyph",),
    )  # fmt: skip
    found = facts(payee=PayeeFacts(imitates=imitation, imitated_creditor=WEBANK))
    context = ctx(found, payee={"name": "深圳前海徽众银行股份有限公司"})
    signals = list(payee.against_creditor(context))
    assert codes(signals) == ["payee.lookalike_creditor"]
    assert signals[0].params["creditor"] == "微众银行"


def test_a_known_institution_is_not_an_imitation() -> None:
    base = {
        "compared_creditor": WEBANK,
        "names": NameChecks(payee_creditor=pair(MatchOutcome.NO_MATCH, "x", "LKED")),
    }
    request = {"payee": {"name": "中国建设银行"}}
    assert codes(payee.against_creditor(ctx(facts(**base), **request))) == [
        "payee.lookalike_creditor"
    ]
    known = facts(**base, payee=PayeeFacts(known_institution=True))
    assert codes(payee.against_creditor(ctx(known, **request))) == ["payee.not_creditor"]


# --- account --------------------------------------------------------------------------------------


def test_bank_mismatch_comes_from_the_facts() -> None:
    found = facts(
        payee=PayeeFacts(
            stated_bank_code="CCB",
            stated_bank_name="中国建设银行",
            bank_mismatches=(
                BankMismatch(field="payee.cnaps", bank_code="ICBC", bank_name="工行"),
            ),
        )
    )
    signals = list(account.bank_consistency(ctx(found, payee={"bank": "建设银行"})))
    assert codes(signals) == ["account.bank_mismatch"]
    assert signals[0].params["actual"] == "工行 (ICBC)"
    assert codes(account.bank_consistency(ctx(facts(), payee={"bank": "建设银行"}))) == [
        "account.bank_unknown"
    ]


# --- licence --------------------------------------------------------------------------------------


def test_legal_representative_flag_is_read_not_computed() -> None:
    request = {"payee": {"name": "张三"}, "licence": {"legal_representative": "李四"}}
    flagged = facts(licence=LicenceFacts(payee_is_legal_representative=True))
    assert codes(licence.legal_representative(ctx(flagged, **request))) == [
        "licence.payee_is_legal_rep"
    ]
    assert codes(licence.legal_representative(ctx(facts(licence=LicenceFacts()), **request))) == []


# --- creditor -------------------------------------------------------------------------------------


def test_creditor_lookalike() -> None:
    match = CreditorMatch(
        query="徽粒贷", normalised="徽粒贷", lookalike=True, lookalike_of="微粒贷",
        imitated_id="webank", reasons=("lookalike_glyph",),
    )  # fmt: skip
    signals = codes(creditor.known(ctx(facts(creditor=match), creditor="徽粒贷")))
    assert signals == ["creditor.lookalike"]


# --- messages and contact -------------------------------------------------------------------------


def _number(value: str, kind: HitKind = HitKind.SHORT_NUMBER) -> TextHit:
    return TextHit(kind=kind, value=value, start=0, end=len(value), raw=value, rule="test")


def test_listed_numbers_come_from_the_facts() -> None:
    mine = ListedContact(hit=0, creditor_id="webank", of_creditor=True, kind="number", source="s")
    theirs = mine.model_copy(update={"creditor_id": "cmb", "of_creditor": False})
    request = {"messages": ["95384"]}
    own = facts(
        messages=(MessageFacts(index=0, length=5, hits=(_number("95384"),), listed=(mine,)),)
    )
    assert codes(messages.contacts(ctx(own, **request))) == ["messages.official_number"]
    other = facts(
        messages=(MessageFacts(index=0, length=5, hits=(_number("95384"),), listed=(theirs,)),)
    )
    assert codes(messages.contacts(ctx(other, **request))) == []


def test_an_unlisted_link_is_unofficial_and_a_listed_one_is_not() -> None:
    hit = TextHit(
        kind=HitKind.URL, value="example.top", start=0, end=11, raw="example.top", rule="t",
        details=HitDetails(short_link=False),
    )  # fmt: skip
    unlisted = facts(messages=(MessageFacts(index=0, length=11, hits=(hit,)),))
    assert codes(messages.links(ctx(unlisted, messages=["example.top"]))) == [
        "messages.unofficial_link"
    ]
    entry = ListedContact(hit=0, creditor_id="webank", of_creditor=True, kind="domain", source="s")
    listed = facts(messages=(MessageFacts(index=0, length=11, hits=(hit,), listed=(entry,)),))
    assert codes(messages.links(ctx(listed, messages=["example.top"]))) == []


def test_contact_private_number() -> None:
    hit = _number("+8613812345678", HitKind.PHONE).model_copy(
        update={"details": HitDetails(personal=True)}
    )
    found = facts(contact=(hit,))
    request = {"contact": {"caller_number": "13812345678"}}
    assert codes(contact.caller(ctx(found, **request))) == ["contact.private_number"]


# --- image ----------------------------------------------------------------------------------------


def test_image_qr_verdicts_come_from_the_facts() -> None:
    reading = LicenceReading(source="photo.jpg", licence=Licence(name="某公司"), qr_text="x")
    judged = ImageFacts(
        qr_links=(QrLink(text="http://evil.top/", host="evil.top", verdict=QrVerdict.UNOFFICIAL),)
    )
    found = facts(licence_image=reading, image=judged)
    assert "image.qr_unofficial_host" in codes(image.qr_code(ctx(found)))
    missing = facts(licence_image=reading, image=ImageFacts())
    assert codes(image.qr_code(ctx(missing))) == ["image.qr_missing"]


# --- the catalogue --------------------------------------------------------------------------------


def test_every_default_rule_declares_codes_of_the_catalogue() -> None:
    for rule in DEFAULT_RULES:
        codes_declared = declared(rule)
        assert codes_declared, f"{rule.__name__} declares no codes (@emits)"
        assert set(codes_declared) <= set(FINDINGS), rule.__name__


def test_every_code_names_the_rule_that_emits_it() -> None:
    missing = sorted(code for code, spec in FINDINGS.items() if not spec.rule)
    assert missing == []
    for code, spec in FINDINGS.items():
        module, _, name = spec.rule.rpartition(".")
        assert module.startswith("acctverify."), (code, spec.rule)
        assert name, (code, spec.rule)


@pytest.mark.parametrize("rule", DEFAULT_RULES, ids=lambda rule: rule.__name__)
def test_rules_run_on_empty_facts(rule: object) -> None:
    signals = list(rule(ctx(facts())))  # type: ignore[operator]
    assert all(isinstance(signal, Signal) for signal in signals)
    assert {signal.code for signal in signals} <= set(declared(rule))  # type: ignore[arg-type]
