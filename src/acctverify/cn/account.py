"""Bank account numbers: is this a personal card, a plausible corporate account, or neither?

There is no public check-digit algorithm for Chinese corporate accounts (对公账户), so a corporate
account can only be judged *plausible*. A card number can be recognised: it is Luhn-valid and its
BIN is a known card BIN for its length. Such a number given as a "corporate account" normally is a
personal card — a risk signal, not proof (banks also issue 单位结算卡 on card BINs).

Per-bank account lengths come from WeChat Pay's published table
(https://pay.weixin.qq.com/wiki/doc/apiv3/terms_definition/chapter1_1_3.shtml). That table has
known errors, so a length outside it is only a soft signal.

More information:

* ../shared/reference/identifiers.md §3.1, §4

>>> info = classify('6228480402564890018')
>>> info.kind.value, info.issuing_bank_code, info.masked
('card', 'ABC', '6228***********0018')
>>> classify('2013013919201297869', bank='工商银行').kind.value
'corporate_plausible'
>>> classify('账号见图片').reasons
('not_digits',)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stdnum.exceptions import ValidationError

from acctverify.cn import bankcard, banks
from acctverify.cn._util import MAX_RAW_LENGTH, ascii_digits, clean

if TYPE_CHECKING:
    from acctverify.models.identifiers import AccountInfo

__all__ = ["MAX_LENGTH", "MIN_LENGTH", "REASONS", "classify", "mask"]

#: Shortest and longest account numbers considered (BoCom corporate accounts can have 8 digits;
#: WeChat Pay accepts up to 30 for any bank).
MIN_LENGTH = 8
MAX_LENGTH = 30

#: Reason code -> (Chinese, English) description. Codes are stable public API.
REASONS: dict[str, tuple[str, str]] = {
    "empty": ("未提供账号", "no account number given"),
    "not_digits": (
        "账号含有数字以外的字符",
        "the account number contains characters other than digits",
    ),
    "too_short": ("账号过短（少于8位）", "too short for an account number (fewer than 8 digits)"),
    "too_long": ("账号过长（超过30位）", "too long for an account number (more than 30 digits)"),
    "card_bin_luhn": (
        "卡号校验通过且卡BIN已知：通常是个人银行卡",
        "Luhn-valid with a known card BIN: normally a personal bank card",
    ),
    "card_bin_luhn_failed": (
        "以已知卡BIN开头但卡号校验失败：可能是输错的卡号，也可能是账户",
        "starts with a known card BIN but fails the Luhn check: a mistyped card or an account",
    ),
    "unionpay_prefix": (
        "以62开头、长度和校验像银联卡，但卡BIN不在表中",
        "looks like a UnionPay card (62…, card length, Luhn-valid) with a BIN not in the table",
    ),
    "no_card_bin": ("不像银行卡号", "not recognisable as a card number"),
    "stated_bank_unknown": ("无法识别所填开户行", "the stated bank is not recognised"),
    "issuer_differs_from_stated_bank": (
        "卡BIN所属银行与所填开户行不一致",
        "the card BIN belongs to another bank than the one stated",
    ),
    "length_not_in_bank_table": (
        "长度不在该行公布的对公账号长度中（参考信号，公布的表有误差）",
        "length not among the bank's published corporate-account lengths (soft signal)",
    ),
}


def mask(number: object) -> str:
    """Return the account number masked for display (see :func:`acctverify.cn.bankcard.mask`)."""
    return bankcard.mask(number)


def classify(number: object, bank: object = None) -> AccountInfo:
    """Classify an account number, optionally against the bank the payer was told it is at.

    Never raises: anything that is not an account number gives ``kind='invalid'`` with a reason.
    """
    from acctverify.models.identifiers import AccountInfo, AccountKind

    too_long = isinstance(number, str) and len(number) > MAX_RAW_LENGTH
    try:
        text = clean(number)
    except (ValidationError, TypeError, ValueError):
        text = number[: MAX_LENGTH + 1] if too_long and isinstance(number, str) else ""
    stated = banks.resolve(bank) if bank is not None else None
    reasons: list[str] = []
    if bank is not None and isinstance(bank, str) and bank.strip() and stated is None:
        reasons.append("stated_bank_unknown")

    def invalid(reason: str) -> AccountInfo:
        return AccountInfo(
            number=text[:64],
            masked=mask(text) if text else "",
            kind=AccountKind.INVALID,
            length=len(text),
            luhn_valid=False,
            stated_bank_code=stated.code if stated else None,
            reasons=(reason, *reasons),
        )

    if too_long:
        return invalid("too_long")
    if not text:
        return invalid("empty")
    if not ascii_digits(text):
        return invalid("not_digits")
    if len(text) < MIN_LENGTH:
        return invalid("too_short")
    if len(text) > MAX_LENGTH:
        return invalid("too_long")

    luhn_valid = bankcard.luhn_ok(text)
    card_bin = bankcard.lookup(text)
    if card_bin is not None and luhn_valid:
        kind = AccountKind.CARD
        reasons.insert(0, "card_bin_luhn")
    elif card_bin is not None:
        kind = AccountKind.UNKNOWN
        reasons.insert(0, "card_bin_luhn_failed")
    elif luhn_valid and text.startswith("62") and 16 <= len(text) <= 19:
        kind = AccountKind.UNKNOWN
        reasons.insert(0, "unionpay_prefix")
    else:
        kind = AccountKind.CORPORATE_PLAUSIBLE
        reasons.insert(0, "no_card_bin")

    if (
        stated is not None
        and card_bin is not None
        and not banks.same_bank(card_bin.bank_code, stated.code)
    ):
        reasons.append("issuer_differs_from_stated_bank")
    fits: bool | None = None
    if stated is not None and stated.corporate_account_lengths:
        fits = len(text) in stated.corporate_account_lengths
        if not fits and kind is not AccountKind.CARD:
            reasons.append("length_not_in_bank_table")
    return AccountInfo(
        number=text,
        masked=mask(text),
        kind=kind,
        length=len(text),
        luhn_valid=luhn_valid,
        card_bin=card_bin,
        issuing_bank_code=card_bin.bank_code if card_bin else None,
        stated_bank_code=stated.code if stated else None,
        length_fits_stated_bank=fits,
        reasons=tuple(reasons),
    )
