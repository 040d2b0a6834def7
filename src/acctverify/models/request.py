"""The input: a payment request as the payer received it.

Every field is optional: acctverify reports what it cannot check (verification not possible) instead
of refusing the request. Strings are kept as given — however broken — and judged by the rules;
only a value of the wrong *type* is a validation error.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated

from pydantic import Field, field_validator

from acctverify.models._base import Model
from acctverify.models.identifiers import CardBin
from acctverify.models.sources import RiskHit, SourceOutcome

#: Most messages a request may carry, and the longest text scanned per message (longer text is
#: scanned up to this size and the truncation reported).
MAX_MESSAGES = 50
MAX_MESSAGE_CHARS = 1_000_000
#: Longest value looked at in a single-line field (names, numbers, addresses); longer values are
#: accepted, cut to this length for the checks, and the cut is reported.
MAX_FIELD_CHARS = 2_000

ShortText = str

#: What people write for the account type they were told, in Chinese and English.
_ACCOUNT_TYPE_WORDS = {
    **dict.fromkeys(
        ("对公", "对公账户", "对公帐户", "公户", "公司账户", "公司帐户", "企业账户", "单位账户",
         "corporate", "company", "business"),
        "corporate",
    ),
    **dict.fromkeys(
        ("对私", "对私账户", "私户", "个人", "个人账户", "个人帐户", "个人卡", "银行卡", "personal",
         "private", "individual"),
        "personal",
    ),
    **dict.fromkeys(("未知", "不知道", "不清楚", "unknown", ""), "unknown"),
}  # fmt: skip


class AccountType(str, Enum):
    """What the payer was told the account is."""

    CORPORATE = "corporate"
    """对公账户: a company's account."""
    PERSONAL = "personal"
    """个人账户 / 银行卡: a person's account or card."""
    UNKNOWN = "unknown"
    """Not stated."""


class Payee(Model):
    """The account the payer is asked to pay into, as given to them."""

    name: ShortText | None = None
    """Account name (收款户名 / 户名) as given."""
    account: ShortText | None = None
    """Account or card number (收款账号) as given."""
    bank: ShortText | None = None
    """Bank or branch (开户行) as given, e.g. ``招商银行深圳分行``."""
    branch: ShortText | None = None
    """Branch, when given separately from the bank."""
    cnaps: ShortText | None = None
    """12-digit CNAPS code (联行号 / 行号), when given."""
    claimed_account_type: AccountType = AccountType.UNKNOWN
    """What the payer was told the account is (the scam usually says corporate)."""

    @field_validator("claimed_account_type", mode="before")
    @classmethod
    def _words_people_write(cls, value: object) -> object:
        """Accept the words people write (对公, 公户, 对私, 个人, 私户 …) and any letter case."""
        if isinstance(value, str):
            text = "".join(value.split()).lower()
            return _ACCOUNT_TYPE_WORDS.get(text, text)
        return value


class Licence(Model):
    """What a business licence (营业执照) or a registry record shows.

    Dates may be given as dates or as the text people paste (``2016年4月12日``); text that cannot be
    read as a date is kept and reported.
    """

    name: ShortText | None = None
    """名称."""
    uscc: ShortText | None = None
    """统一社会信用代码 (or an older 15-digit 注册号)."""
    legal_representative: ShortText | None = None
    """法定代表人 (or 经营者 / 负责人 / 投资人)."""
    entity_type: ShortText | None = None
    """类型, e.g. ``有限责任公司(自然人投资或控股)`` or ``个体工商户``."""
    address: ShortText | None = None
    """住所 / 经营场所."""
    established: date | ShortText | None = None
    """成立日期 / 注册日期."""
    business_term_end: date | ShortText | None = None
    """End of 营业期限: a date, ``长期``, or the whole term text (``2016年4月12日至长期``)."""
    status: ShortText | None = None
    """Registry status: 存续 / 在业 / 吊销 / 注销 / 经营异常 …"""
    registered_capital: ShortText | None = None
    """注册资本 as written, e.g. ``1000万元人民币``."""
    business_scope: str | None = None
    """经营范围."""
    registration_authority: ShortText | None = None
    """登记机关."""
    source: ShortText | None = None
    """Where this record comes from: ``licence`` (a document the payee supplied) or the name of a
    registry lookup."""


class Contact(Model):
    """How the request reached the payer, where known."""

    channel: ShortText | None = None
    """``sms``, ``call``, ``wechat``, ``qq``, ``email``, ``app``, ``letter`` …"""
    caller_number: ShortText | None = None
    """The number that called or texted."""
    sender: ShortText | None = None
    """Sender name or ID (SMS signature, WeChat name, e-mail address)."""
    link: ShortText | None = None
    """A link the payer was sent."""


class PaymentRequest(Model):
    """A request to pay: the payee, who the payer believes they are paying, and what they were told.

    A plain ``dict`` in this shape is accepted wherever a request is expected.
    """

    payee: Payee = Payee()
    """The account to pay into."""
    creditor: ShortText | None = None
    """The lender or product the payer believes they are paying (``微粒贷``, ``招商银行信用卡``)."""
    licence: Licence | None = None
    """Licence or registry data supplied for the payee."""
    licence_image: ShortText | None = None
    """Path of a photo of the payee's business licence (营业执照), read offline by
    :mod:`acctverify.licence_image` (needs the ``acctverify[ocr]`` extra). Its fields serve as the
    licence when ``licence`` is not given; its QR code and printed credit code are checked either
    way. A file that cannot be read is reported, never an error."""
    messages: Annotated[tuple[str, ...], Field(max_length=MAX_MESSAGES)] = ()
    """Texts the payer received (SMS, chat messages, call notes), oldest first."""
    contact: Contact | None = None
    """How the request arrived."""
    as_of: date | None = None
    """The date to judge the request at (default: today)."""
    card_bin: CardBin | None = None
    """The card BIN found by an online lookup (:func:`acctverify.sources.enrich`); ``None`` when
    none was made or it found nothing. The shipped BIN table is always consulted as well."""
    registry: Licence | None = None
    """The registry record found online for the payee (:func:`acctverify.sources.enrich`), kept
    apart from the licence the payee supplied so that the two can be compared."""
    lookups: tuple[SourceOutcome, ...] = ()
    """What each online source or risk list did, failures included: a failed lookup is reported
    as "could not be verified", never passed."""
    risk_hits: tuple[RiskHit, ...] = ()
    """Identifiers of this request found on a risk list, with the list's note and source."""
