"""The directory of official creditors: who lends, under which legal names, and how to reach them.

Every fact carries its provenance: where it is published (``source``), when that was read
(``retrieved``; ``None`` = not recorded) and how far it can be trusted (``confidence``). The models
are the schema of both the shipped table (``acctverify/data/creditors.toml``) and of user files.

Rules that look for *positive* evidence (the payee is the creditor) must ignore facts whose
confidence is ``unconfirmed``: see :meth:`Creditor.entity_names`.

Checks that need the identifier modules (a credit code's check characters, a bank code, an
official account's name against the entities) are passed in by the loader as the validation
context (``acctverify.directory`` always does): the models themselves import nothing above them.

>>> from acctverify.models.directory import CreditorHotline
>>> CreditorHotline(number='95384', kind='general', confidence='secondary', source='x').number
'95384'
>>> CreditorHotline(number='400-820', kind='general', confidence='secondary', source='x')
Traceback (most recent call last):
    ...
pydantic_core._pydantic_core.ValidationError: 1 validation error for CreditorHotline
number
  Value error, must be digits ...
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from enum import Enum
from typing import Annotated

from pydantic import Field, ValidationInfo, field_validator, model_validator

from acctverify.models._base import Model

__all__ = [
    "Confidence",
    "ContactChannel",
    "ContactPolicy",
    "Creditor",
    "CreditorHotline",
    "CreditorKind",
    "CreditorMatch",
    "DirectoryFile",
    "EntityRole",
    "EntityStatus",
    "Fact",
    "FormerName",
    "HotlineKind",
    "KnownNames",
    "LegalEntity",
    "MatchVia",
    "OfficialAccount",
    "OfficialDomain",
    "OfficialStatement",
    "RepaymentPolicy",
]

_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_LICENCE = re.compile(r"[A-Z][0-9]{4}[A-Z][0-9]{9}")

Text = Annotated[str, Field(min_length=1, max_length=500)]
Name = Annotated[str, Field(min_length=1, max_length=120)]


class Confidence(str, Enum):
    """How far a fact can be trusted (the grades of the reference notes)."""

    VERIFIED = "verified"
    """A primary or official source, or computed directly from the cited file."""
    SECONDARY = "secondary"
    """A third-party restatement: a press reprint, a compilation, a vendor or community list."""
    UNCONFIRMED = "unconfirmed"
    """A single weak source, an inference or conflicting sources: never positive evidence."""

    @property
    def rank(self) -> int:
        """2 for verified, 1 for secondary, 0 for unconfirmed."""
        return {"verified": 2, "secondary": 1, "unconfirmed": 0}[self.value]


class CreditorKind(str, Enum):
    """What kind of institution a creditor entry describes."""

    BANK = "bank"
    """A commercial bank (credit cards, loans)."""
    CONSUMER_FINANCE = "consumer_finance"
    """A licensed consumer-finance company (消费金融公司)."""
    ONLINE_BANK = "online_bank"
    """A private online bank (民营互联网银行: 微众, 网商, 新网)."""
    MICRO_LENDER = "micro_lender"
    """A micro-lending company (小额贷款公司)."""
    PLATFORM = "platform"
    """A loan platform or brand whose lenders vary (partner banks, consumer-finance companies)."""


class EntityRole(str, Enum):
    """What a legal entity does for the creditor."""

    LENDER = "lender"
    """Lends the money: the name on the contract and in the 征信 report."""
    BANK = "bank"
    """A bank that is itself the creditor."""
    PLATFORM = "platform"
    """Operates the app or brand; not necessarily the lender."""
    COLLECTOR = "collector"
    """Collects on the creditor's behalf (only with the creditor's own statement)."""
    AFFILIATE = "affiliate"
    """A group company whose link to the creditor's loans is not established."""


class EntityStatus(str, Enum):
    """Whether a legal entity still plays its role for the creditor."""

    CURRENT = "current"
    """It does, as far as the sources say."""
    FORMER = "former"
    """It did (e.g. the micro-lenders behind 花呗 and 借呗 before the consumer-finance licence)."""
    UNKNOWN = "unknown"
    """Its current status is not confirmed."""


class HotlineKind(str, Enum):
    """What a published number is for."""

    GENERAL = "general"
    """The general customer-service line."""
    CREDIT_CARD = "credit_card"
    """The credit-card service line."""
    COLLECTIONS = "collections"
    """A line the creditor publishes for repayment and collection questions."""


class ContactChannel(str, Enum):
    """A way of contacting a borrower, named for contact policies."""

    OFFICIAL_PHONE = "official_phone"
    """The creditor's published hotline."""
    WECOM = "wecom"
    """企业微信 (WeChat Work), the company account, not a personal WeChat."""
    IN_APP = "in_app"
    """Messages inside the creditor's own app or mini-program."""
    SMS = "sms"
    """Text messages carrying the creditor's signature."""
    PERSONAL_WECHAT = "personal_wechat"
    """A personal WeChat account."""
    QQ = "qq"
    """A QQ account."""
    PRIVATE_NUMBER = "private_number"
    """A private mobile or any number other than the published hotline."""


class MatchVia(str, Enum):
    """Which kind of name a query matched."""

    PRODUCT = "product"
    """A product or brand name (微粒贷)."""
    ALIAS = "alias"
    """Another common name of the creditor (微众银行)."""
    ABBREVIATION = "abbreviation"
    """A short form that is only matched exactly (招联)."""
    LEGAL_NAME = "legal_name"
    """A current registered name of one of the creditor's legal entities."""
    FORMER_NAME = "former_name"
    """A former registered name (招联消费金融有限公司)."""
    BANK = "bank"
    """A bank or branch name, through :mod:`acctverify.cn.banks`."""


class Fact(Model):
    """Provenance shared by every fact: source, retrieval date, confidence."""

    confidence: Confidence
    """How far the fact can be trusted."""
    source: Text
    """Where the fact is published: a URL, ``owner/repo:path@commit``, or a named document."""
    retrieved: dt.date | None = None
    """When the source was read; ``None`` = not recorded."""
    note: str = ""
    """A caveat, in plain words."""


class SourcedFact(Model):
    """Provenance for a fact resting on several sources."""

    confidence: Confidence
    """How far the fact can be trusted."""
    sources: Annotated[tuple[Text, ...], Field(min_length=1)]
    """Where the fact is published (at least one)."""
    retrieved: dt.date | None = None
    """When the sources were read; ``None`` = not recorded."""
    note: str = ""
    """A caveat, in plain words."""


class FormerName(Fact):
    """A name a legal entity was registered under before."""

    name: Name
    """The former registered name."""


class LegalEntity(SourcedFact):
    """A company behind a creditor: the name a genuine payee account would carry."""

    name: Name
    """The registered name, exactly (e.g. ``深圳前海微众银行股份有限公司``)."""
    role: EntityRole
    """What the entity does for the creditor."""
    status: EntityStatus = EntityStatus.CURRENT
    """Whether the entity still plays this role."""
    former_names: tuple[FormerName, ...] = ()
    """Names the entity was registered under before."""
    uscc: str | None = None
    """统一社会信用代码, only where a source ties it to this name; must pass both checks."""
    uscc_confidence: Confidence | None = None
    """How far the credit code can be trusted (required with ``uscc``)."""
    uscc_source: str | None = None
    """Where the credit code is published (required with ``uscc``)."""
    licence_code: str | None = None
    """金融许可证 机构编码 (e.g. ``X0029H250000001``), as listed by the regulator."""
    licence_source: str | None = None
    """Where the licence code is listed (required with ``licence_code``)."""

    @field_validator("uscc")
    @classmethod
    def _check_uscc(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return None
        return _checked(info, "uscc", value)

    @field_validator("licence_code")
    @classmethod
    def _check_licence(cls, value: str | None) -> str | None:
        if value is not None and not _LICENCE.fullmatch(value):
            raise ValueError("must look like X0029H250000001 (letter, 4 digits, letter, 9 digits)")
        return value

    @model_validator(mode="after")
    def _provenance_of_codes(self) -> LegalEntity:
        if self.uscc and (self.uscc_confidence is None or not self.uscc_source):
            raise ValueError("uscc needs uscc_confidence and uscc_source")
        if self.licence_code and not self.licence_source:
            raise ValueError("licence_code needs licence_source")
        return self


class CreditorHotline(Fact):
    """A published phone number of the creditor. A number seen in a message is never proof."""

    number: str
    """Digits only (no dashes, spaces or country code)."""
    kind: HotlineKind
    """What the number is for."""

    @field_validator("number")
    @classmethod
    def _digits(cls, value: str) -> str:
        if not (value.isascii() and value.isdigit() and 5 <= len(value) <= 15):
            raise ValueError("must be digits (5 to 15, no dashes or spaces)")
        return value


class OfficialDomain(Fact):
    """An official web domain: the domain itself and all its subdomains count."""

    domain: str
    """Registrable domain in lower case, e.g. ``webank.com`` (internationalised names as IDNA)."""

    @field_validator("domain")
    @classmethod
    def _domain(cls, value: str) -> str:
        host = value.strip().lower().rstrip(".")
        if not host.isascii():
            try:
                host = host.encode("idna").decode("ascii")
            except UnicodeError as exc:
                raise ValueError("not a valid domain name") from exc
        labels = host.split(".")
        if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels):
            raise ValueError("must be a bare domain such as example.com (no scheme, path or port)")
        return host


class OfficialAccount(Model):
    """A corporate account the creditor itself publishes for repayment (user files only)."""

    name: Name
    """Account name (户名): must be one of the creditor's legal entities."""
    account: str
    """Account number, digits only."""
    bank: Name
    """Bank and branch (开户行) as published."""
    cnaps: str | None = None
    """12-digit CNAPS code (联行号) of the branch, if published."""
    purpose: str = ""
    """What the account is for (e.g. ``对公还款``)."""
    confidence: Confidence = Confidence.SECONDARY
    """How far the account can be trusted."""
    source: Text
    """Where the creditor publishes the account."""
    retrieved: dt.date | None = None
    """When the source was read."""

    @field_validator("account")
    @classmethod
    def _account(cls, value: str) -> str:
        if not (value.isascii() and value.isdigit() and 6 <= len(value) <= 40):
            raise ValueError("must be digits (6 to 40, no spaces)")
        return value

    @field_validator("cnaps")
    @classmethod
    def _cnaps(cls, value: str | None) -> str | None:
        if value is not None and not (value.isascii() and value.isdigit() and len(value) == 12):
            raise ValueError("must be 12 digits")
        return value


class RepaymentPolicy(SourcedFact):
    """How borrowers officially repay."""

    in_app_only: bool | None = None
    """Repayment happens only inside the creditor's app (or auto-debit); ``None``: not confirmed."""
    channels_zh: tuple[Text, ...] = ()
    """The official channels, in Chinese."""
    channels_en: tuple[Text, ...] = ()
    """The official channels, in English."""
    official_accounts: tuple[OfficialAccount, ...] = ()
    """Corporate repayment accounts the creditor publishes. The built-in data has none: no source
    shows any creditor publishing one."""


class ContactPolicy(SourcedFact):
    """How the creditor says it contacts borrowers, and how it never does."""

    channels: tuple[ContactChannel, ...]
    """The only channels the creditor says it uses."""
    never: tuple[ContactChannel, ...] = ()
    """Channels the creditor says it never uses, or that its statement rules out."""
    summary_zh: Text
    """The policy in Chinese."""
    summary_en: Text
    """The policy in English."""


class OfficialStatement(Fact):
    """An anti-fraud statement by the creditor; ``source`` is its URL (or a reprint's)."""

    text_zh: Text
    """What it says (paraphrased; key words quoted)."""
    text_en: Text
    """The same in English."""
    date: dt.date | None = None
    """Publication date, where known."""
    date_note: str = ""
    """What is known of the date when it is incomplete (e.g. ``03-22, year not stated``)."""

    @property
    def url(self) -> str:
        """The statement's address (the same as ``source``)."""
        return self.source


class Creditor(SourcedFact):
    """An official creditor: its names, legal entities and official channels.

    ``sources`` and ``confidence`` are those of the entry itself: that the products and aliases
    belong to this creditor.
    """

    id: str
    """Stable slug (``webank``, ``icbc``): user files override built-in entries by id."""
    name: Name
    """Display name in Chinese."""
    name_en: Name
    """Display name in English."""
    kind: CreditorKind
    """Kind of institution."""
    products: tuple[Name, ...] = ()
    """Product and brand names, also matched inside a longer text (微粒贷, 借呗)."""
    aliases: tuple[Name, ...] = ()
    """Other names, also matched inside a longer text when three or more characters long."""
    abbreviations: tuple[Name, ...] = ()
    """Short forms matched only when they are the whole text (招联, 白条)."""
    bank_code: str | None = None
    """Bank code in :mod:`acctverify.cn.banks` (``ICBC``); the bank's names and published hotlines
    are merged in from there."""
    entities: tuple[LegalEntity, ...] = ()
    """Legal entities, current and historical."""
    lenders_known: bool = True
    """The confirmed entities are the companies that lend or collect under the creditor's
    products. ``False`` when a source says which company lends a given loan is not confirmed
    (the contract or 征信 report names it): a payee matching none of the entities is then "cannot
    be tied to the creditor", never "a third party"."""
    hotlines: tuple[CreditorHotline, ...] = ()
    """Published numbers (for banks, the directory adds those of the bank table)."""
    domains: tuple[OfficialDomain, ...] = ()
    """Official web domains."""
    repayment: RepaymentPolicy | None = None
    """How borrowers officially repay; ``None``: nothing confirmed."""
    contact_policy: ContactPolicy | None = None
    """How the creditor contacts borrowers, where it has said so."""
    statements: tuple[OfficialStatement, ...] = ()
    """Official anti-fraud statements."""
    notes: tuple[Text, ...] = ()
    """Caveats and context."""
    authority: bool = False
    """The entry is published by the creditor itself (a lender describing its own official accounts
    in a user file). The built-in data never sets it."""
    origin: str = "user"
    """Where the entry was loaded from: ``builtin`` or ``user:<file name>`` (set by the loader)."""

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _SLUG.fullmatch(value):
            raise ValueError("must be a slug: lower-case letters, digits, '-' or '_'")
        return value

    @field_validator("bank_code")
    @classmethod
    def _bank(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return None
        return _checked(info, "bank_code", value)

    @field_validator("repayment")
    @classmethod
    def _accounts_belong(
        cls, value: RepaymentPolicy | None, info: ValidationInfo
    ) -> RepaymentPolicy | None:
        if value is None or not value.official_accounts:
            return value
        entities: tuple[LegalEntity, ...] = info.data.get("entities", ())
        fold = _check(info, "name_key")
        if fold is None:
            return value
        names = {fold(e.name) for e in entities} | {
            fold(f.name) for e in entities for f in e.former_names
        }
        for index, account in enumerate(value.official_accounts):
            if fold(account.name) not in names:
                raise ValueError(
                    f"official_accounts[{index}].name {account.name!r} is not one of this "
                    "creditor's entities"
                )
        return value

    def entity_names(
        self, *, include_unconfirmed: bool = False, include_former: bool = True
    ) -> tuple[str, ...]:
        """Return the registered names a genuine payee account of this creditor may carry.

        Unconfirmed entities are left out unless asked for: they must never make a payee look
        legitimate. Former names are included unless *include_former* is false.
        """
        names: list[str] = []
        for entity in self.entities:
            if entity.confidence is Confidence.UNCONFIRMED and not include_unconfirmed:
                continue
            names.append(entity.name)
            if include_former:
                names.extend(
                    f.name
                    for f in entity.former_names
                    if include_unconfirmed or f.confidence is not Confidence.UNCONFIRMED
                )
        return tuple(dict.fromkeys(names))


class KnownNames(Fact):
    """Real institutions outside the directory whose names resemble directory names.

    A text containing one of these names is never reported as a look-alike (e.g. 北银消费金融 is a
    licensed company, not an imitation of 中银消费金融).
    """

    names: Annotated[tuple[Name, ...], Field(min_length=1)]
    """Name stems, matched inside the text."""


class DirectoryFile(Model):
    """A directory file (the shipped ``creditors.toml`` or a user's TOML/JSON file)."""

    version: int = 1
    """File format version; only 1 exists."""
    creditors: tuple[Creditor, ...] = ()
    """The entries."""
    known_names: tuple[KnownNames, ...] = ()
    """Names of real institutions that are not look-alikes."""

    @field_validator("version")
    @classmethod
    def _version(cls, value: int) -> int:
        if value != 1:
            raise ValueError("only version 1 is supported")
        return value

    @field_validator("creditors")
    @classmethod
    def _unique(cls, value: tuple[Creditor, ...]) -> tuple[Creditor, ...]:
        seen: dict[str, int] = {}
        for index, creditor in enumerate(value):
            if creditor.id in seen:
                raise ValueError(
                    f"duplicate id {creditor.id!r} (entries {seen[creditor.id]} and {index})"
                )
            seen[creditor.id] = index
        return value


class CreditorMatch(Model):
    """The result of resolving a text against the directory.

    A look-alike is reported with ``creditor=None``: it is never a resolution. ``lookalike_of``
    names the official name it imitates and ``imitated_id`` the entry it belongs to.
    """

    query: str
    """The text as given (cut to 200 characters)."""
    normalised: str
    """The text as matched: NFKC, no spaces or invisible characters, lower case, simplified."""
    creditor: Creditor | None = None
    """The creditor found; ``None`` for a look-alike."""
    matched: str | None = None
    """The official name that matched (or that the text imitates)."""
    via: MatchVia | None = None
    """What kind of name matched."""
    entity: LegalEntity | None = None
    """The legal entity, when a registered (or former) name matched."""
    exact: bool = False
    """The whole text is an official name (after normalisation)."""
    extra: str = ""
    """What the text has besides the official name, punctuation removed (e.g. ``协商中心``)."""
    lookalike: bool = False
    """The text imitates an official name: one or two characters differ, or it sounds the same."""
    lookalike_of: str | None = None
    """The official name imitated."""
    imitated_id: str | None = None
    """The id of the entry whose name is imitated."""
    also: tuple[str, ...] = ()
    """Ids of other entries that claim the same name."""
    reasons: tuple[str, ...] = ()
    """Stable codes: see :data:`acctverify.directory.REASONS`."""

    @property
    def resolved(self) -> bool:
        """True when a creditor was found (never for a look-alike)."""
        return self.creditor is not None and not self.lookalike


def _check(info: ValidationInfo, name: str) -> Callable[[str], str] | None:
    """The check *name* the loader passed in the validation context, if any."""
    context = info.context
    check = context.get(name) if isinstance(context, Mapping) else None
    return check if callable(check) else None


def _checked(info: ValidationInfo, name: str, value: str) -> str:
    """*value* as the context's check *name* returns it (a ``ValueError`` says why it is wrong)."""
    check = _check(info, name)
    return check(value) if check is not None else value
