"""Rules about the account: personal card posing as a corporate account, bank mismatches, CNAPS."""

from __future__ import annotations

from collections.abc import Iterator

from acctverify.cn.account import REASONS as ACCOUNT_REASONS
from acctverify.models.findings import Evidence
from acctverify.models.identifiers import AccountKind
from acctverify.models.request import AccountType
from acctverify.rules._common import CARD_TYPES, ERRORS, bank_name
from acctverify.rules._rule import RuleContext, Signal, emits

__all__ = ["account_kind", "bank_consistency", "cnaps_code"]


@emits(
    "account.missing",
    "account.invalid",
    "account.personal_card",
    "account.card",
    "account.maybe_card",
    "account.length_unusual",
)
def account_kind(ctx: RuleContext) -> Iterator[Signal]:
    """A card number given as a corporate account; an invalid or missing account number."""
    info = ctx.facts.payee.account
    if info is None:
        yield Signal("account.missing", (Evidence(field="payee.account"),))
        return
    evidence = (Evidence(field="payee.account", value=info.masked, detail=",".join(info.reasons)),)
    if info.kind is AccountKind.INVALID:
        reason = info.reasons[0] if info.reasons else "invalid"
        zh, en = ACCOUNT_REASONS.get(reason, (reason, reason))
        yield Signal("account.invalid", evidence, {"reason": zh, "reason_en": en})
    elif info.kind is AccountKind.CARD and info.card_bin is not None:
        card_zh, card_en = CARD_TYPES.get(info.card_bin.card_type.value, ("银行卡", "card"))
        params = {
            "account": info.masked,
            "bank": f"{info.card_bin.bank_name} ({info.card_bin.bank_code})",
            "card_type": card_zh,
            "card_type_en": card_en,
        }
        claimed = ctx.request.payee.claimed_account_type
        # The stronger finding only when the payer was told it is a corporate account.
        code = "account.personal_card" if claimed is AccountType.CORPORATE else "account.card"
        yield Signal(code, evidence, params)
    elif info.kind is AccountKind.UNKNOWN:
        zh, en = ACCOUNT_REASONS[info.reasons[0]]
        yield Signal(
            "account.maybe_card", evidence, {"account": info.masked, "reason": zh, "reason_en": en}
        )
    if info.length_fits_stated_bank is False and info.kind is not AccountKind.CARD:
        yield Signal(
            "account.length_unusual",
            evidence,
            {
                "length": str(info.length),
                "bank": bank_name(info.stated_bank_code, ctx.facts.payee.stated_bank_name),
            },
        )


@emits("account.bank_unknown", "account.bank_mismatch")
def bank_consistency(ctx: RuleContext) -> Iterator[Signal]:
    """The stated bank against the bank of the card BIN and of the CNAPS code."""
    payee = ctx.facts.payee
    stated_text = ctx.request.payee.bank or ctx.request.payee.branch
    if stated_text and payee.stated_bank_code is None:
        yield Signal(
            "account.bank_unknown", (Evidence(field="payee.bank", value=stated_text),),
            {"stated": stated_text},
        )  # fmt: skip
    stated = bank_name(payee.stated_bank_code, payee.stated_bank_name)
    for mismatch in payee.bank_mismatches:
        if mismatch.field == "payee.account":
            value = payee.account.masked if payee.account else None
            source_zh, source_en = "卡号BIN", "card BIN"
        else:
            value = payee.cnaps.code if payee.cnaps else None
            source_zh, source_en = "联行号", "CNAPS code"
        yield Signal(
            "account.bank_mismatch",
            (
                Evidence(field="payee.bank", value=stated_text),
                Evidence(field=mismatch.field, value=value, detail=source_en),
            ),
            {"stated": stated, "actual": bank_name(mismatch.bank_code, mismatch.bank_name),
             "source": source_zh, "source_en": source_en},
        )  # fmt: skip


@emits("account.cnaps_invalid")
def cnaps_code(ctx: RuleContext) -> Iterator[Signal]:
    """A CNAPS code that is malformed or fails its (empirical) check digit."""
    raw = ctx.request.payee.cnaps
    payee = ctx.facts.payee
    if raw is None or not raw.strip():
        return
    evidence = (Evidence(field="payee.cnaps", value=raw[:40]),)
    if payee.cnaps_error is not None:
        zh, en = ERRORS.get(payee.cnaps_error, (payee.cnaps_error, payee.cnaps_error))
        yield Signal(
            "account.cnaps_invalid", evidence, {"cnaps": raw[:40], "reason": zh, "reason_en": en}
        )
    elif payee.cnaps is not None and not payee.cnaps.checksum_valid:
        yield Signal(
            "account.cnaps_invalid",
            evidence,
            {"cnaps": payee.cnaps.code, "reason": "校验位错误", "reason_en": "wrong check digit"},
        )
