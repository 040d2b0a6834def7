"""Facts parsed from identifiers: credit codes, regions, cards, accounts, CNAPS codes, banks.

These are the outputs of :mod:`acctverify.cn`. They are plain data: every value is JSON-ready and
every model is frozen.
"""

from __future__ import annotations

from enum import Enum

from acctverify.models._base import Model


class CardType(str, Enum):
    """Card type as the BIN tables record it (Alipay's codes)."""

    DEBIT = "DC"
    """储蓄卡 — debit card."""
    CREDIT = "CC"
    """信用卡 — credit card."""
    SEMI_CREDIT = "SCC"
    """准贷记卡 — semi-credit card."""
    PREPAID = "PC"
    """预付费卡 — prepaid card."""


class AccountKind(str, Enum):
    """What an account number most likely is."""

    CARD = "card"
    """A Luhn-valid number with a known card BIN for its length: normally a personal bank card."""
    CORPORATE_PLAUSIBLE = "corporate_plausible"
    """Digits of a length banks use for accounts, and not recognisable as a card."""
    UNKNOWN = "unknown"
    """Could be either; see the reasons."""
    INVALID = "invalid"
    """Not an account number at all (letters, too short or too long)."""


class RegionInfo(Model):
    """An administrative division (行政区划) as coded by GB/T 2260, including historical codes."""

    code: str
    """The 6-digit code."""
    known: bool
    """Whether the code is in the historical GB/T 2260 table (or is ``100000``)."""
    name: str | None = None
    """The most recent name of the division (``None`` when unknown)."""
    province: str | None = None
    """The province-level division the code belongs to."""
    prefecture: str | None = None
    """The prefecture-level division, where the code is below that level."""
    full_name: str | None = None
    """Province, prefecture and county names joined, e.g. ``广东省深圳市福田区``."""
    national: bool = False
    """``100000``: registration with the national authority (not a GB/T 2260 code, but used)."""
    abolished: bool = False
    """The code is no longer in use (it may still appear in credit codes issued before)."""
    history: tuple[str, ...] = ()
    """Every name the code carried, with its years, e.g. ``1983-2019 桥东区``."""


class UsccInfo(Model):
    """Everything that can be read off a 统一社会信用代码 (unified social credit code)."""

    code: str
    """The code in compact form (18 characters)."""
    checksum_valid: bool
    """Whether the 18th character is the GB 32100 check character of the first 17."""
    expected_check_character: str
    """The check character the first 17 characters call for."""
    authority: str
    """Character 1: the registration authority code (登记管理部门码)."""
    authority_name: str | None
    """The authority's name in Chinese, or ``None`` when the code is not in the table."""
    authority_name_en: str | None
    """The authority's name in English."""
    entity_type: str
    """Character 2: the entity type code (机构类别码), meaningful together with the authority."""
    entity_type_name: str | None
    """The entity type's name in Chinese, or ``None`` when the pair is not in the table."""
    entity_type_name_en: str | None
    """The entity type's name in English."""
    region_code: str
    """Characters 3-8: the region code of the registering authority when the code was issued."""
    region_name: str | None
    """The region's full name, or ``None`` when unknown."""
    region: RegionInfo
    """The region code, looked up."""
    org_code: str
    """Characters 9-17: the 主体标识码 (GB 11714 organisation code, with its own check)."""
    org_code_valid: bool
    """Whether characters 9-17 pass the GB 11714 check."""
    anomalies: tuple[str, ...] = ()
    """Stable codes for everything unusual: see :data:`acctverify.cn.uscc.ANOMALIES`."""


class CardBin(Model):
    """A card BIN (issuer identification number prefix) and what the tables say about it."""

    bin: str
    """The matching prefix."""
    length: int | None
    """The card length the row is recorded for."""
    bank_code: str
    """The issuing bank's code (Alipay codes: ICBC, ABC, CMB …)."""
    bank_name: str
    """The issuing bank's Chinese name."""
    card_type: CardType
    """Debit, credit, semi-credit or prepaid."""
    sources: tuple[str, ...]
    """Which public BIN data sets list it (``bcbc``, ``bankcardinfo``, or an online source)."""
    note: str = ""
    """Disagreement between the sources, if any."""


class AccountInfo(Model):
    """A bank account number, classified."""

    number: str
    """The normalised account number (digits only when it is one)."""
    masked: str
    """The number masked for display (first 4 and last 4 digits kept)."""
    kind: AccountKind
    """Card, plausible corporate account, unknown or invalid."""
    length: int
    """Number of digits (or characters, when invalid)."""
    luhn_valid: bool
    """Whether the number passes the Luhn check (card numbers do; corporate accounts need not)."""
    card_bin: CardBin | None = None
    """The card BIN found, if any."""
    issuing_bank_code: str | None = None
    """The bank the number belongs to, where the BIN tells."""
    stated_bank_code: str | None = None
    """The stated bank, resolved to a bank code (``None`` when not given or not recognised)."""
    length_fits_stated_bank: bool | None = None
    """Whether the length is one of the stated bank's published corporate-account lengths
    (``None`` when no table exists for that bank). A soft signal: the tables have errors."""
    reasons: tuple[str, ...] = ()
    """Stable codes explaining the classification: see :data:`acctverify.cn.account.REASONS`."""


class CnapsInfo(Model):
    """A 12-digit CNAPS bank code (大额支付系统行号, 联行号)."""

    code: str
    """The code in compact form."""
    checksum_valid: bool
    """Whether the last digit passes the (empirical) ISO 7064 MOD 11,10 check."""
    category: str
    """Digits 1-3: 行别代码, the bank or class of institution."""
    category_name: str | None
    """The bank or class the category stands for."""
    bank_code: str | None
    """The bank's code when the category identifies a single bank."""
    city_code: str
    """Digits 4-7: the PBOC city code."""
    city_name: str | None
    """The city, where known."""
    branch: str
    """Digits 8-11: the branch number."""
    listed_name: str | None = None
    """The institution name when the exact code is in the shipped list of published codes."""
    anomalies: tuple[str, ...] = ()
    """Stable codes: see :data:`acctverify.cn.cnaps.ANOMALIES`."""


class Hotline(Model):
    """A published customer-service number, with where it was published."""

    number: str
    """Digits only."""
    kind: str
    """``general`` or ``credit_card``."""
    confidence: str
    """``verified``, ``secondary`` or ``unconfirmed``, as the source notes grade it."""
    source: str
    """Where the number is published (URL or document)."""


class BankInfo(Model):
    """A bank (or class of institution) and the facts acctverify holds about it."""

    code: str
    """Bank code (Alipay's codes where one exists: ICBC, ABC, BOC, CCB, COMM, CMB …)."""
    name: str
    """Chinese name."""
    legal_name: str | None = None
    """Registered legal name, where sourced."""
    aliases: tuple[str, ...] = ()
    """Other names and abbreviations people write."""
    cnaps_categories: tuple[str, ...] = ()
    """CNAPS 行别代码 that identify this bank."""
    hotlines: tuple[Hotline, ...] = ()
    """Published customer-service numbers."""
    personal_card_lengths: tuple[int, ...] = ()
    """Personal card lengths from the published table (advisory)."""
    corporate_account_lengths: tuple[int, ...] = ()
    """Corporate account lengths from the published table (advisory)."""
