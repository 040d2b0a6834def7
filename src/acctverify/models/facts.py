"""The facts ``verify()`` reads off a request before any rule runs.

Everything a rule needs is here, parsed and looked up once: identifiers, names and their
comparisons (typed, one field per pair), the creditor as the directory resolves it, what the
directory says about each number and link in the messages, and what was read off a licence image.
Rules read these facts and nothing else.
"""

from __future__ import annotations

from datetime import date
from enum import Enum

from acctverify.models._base import Model
from acctverify.models.directory import Creditor, CreditorMatch
from acctverify.models.identifiers import AccountInfo, CnapsInfo, UsccInfo
from acctverify.models.licence_image import LicenceReading, QrVerdict
from acctverify.models.names import CompanyName, NameMatch
from acctverify.models.text import MessageRisk, TextHit

__all__ = [
    "BankMismatch",
    "Facts",
    "ImageFacts",
    "LicenceFacts",
    "ListedContact",
    "MessageFacts",
    "NameChecks",
    "NamePairMatch",
    "PayeeFacts",
    "QrLink",
    "RegistryStatus",
]


class RegistryStatus(str, Enum):
    """What a registry status (登记状态 / 经营状态) means for a payee (licence.md §3)."""

    OPERATING = "operating"
    """存续 / 在营 / 开业 / 在册 / 在业: registered and not terminated."""
    REVOKED = "revoked"
    """吊销: licence revoked; the entity exists only to liquidate."""
    CANCELLED = "cancelled"
    """注销: the entity no longer exists."""
    WITHDRAWN = "withdrawn"
    """撤销: registration void (obtained by fraud)."""
    MOVED = "moved"
    """迁出: moved to another registry; check there."""
    SUSPENDED = "suspended"
    """停业 / 歇业: suspended."""
    LIQUIDATING = "liquidating"
    """清算: in liquidation."""
    ABNORMAL = "abnormal"
    """列入经营异常名录: a public warning on an entity that still exists."""
    SERIOUS_VIOLATION = "serious_violation"
    """列入严重违法失信名单: a strong warning on an entity that still exists."""
    UNKNOWN = "unknown"
    """Not recognised."""


class BankMismatch(Model):
    """A bank the account evidence points to that is not the stated bank."""

    field: str
    """Where the evidence is: ``payee.account`` (the card BIN) or ``payee.cnaps``."""
    bank_code: str
    """The bank the evidence points to."""
    bank_name: str
    """Its Chinese name."""


class PayeeFacts(Model):
    """What was read off the payee's name, account, bank and CNAPS code."""

    name: CompanyName | None = None
    """The payee name, parsed."""
    account: AccountInfo | None = None
    """The account number, classified."""
    stated_bank_code: str | None = None
    """The stated bank, resolved to a bank code."""
    stated_bank_name: str | None = None
    """The stated bank's Chinese name."""
    bank_mismatches: tuple[BankMismatch, ...] = ()
    """Banks the card BIN or the CNAPS code point to that are not the stated bank."""
    cnaps: CnapsInfo | None = None
    """The CNAPS code, parsed."""
    cnaps_error: str | None = None
    """Why the CNAPS code could not be parsed."""
    known_institution: bool = False
    """The payee name is, as written, the name of a known institution (a directory entry, a
    licensed lender, a bank): never an imitation of another."""
    imitates: CreditorMatch | None = None
    """The official name the payee name imitates, searched in the whole directory (set whether or
    not the request names a creditor)."""
    imitated_creditor: Creditor | None = None
    """The directory entry whose official name the payee name imitates."""


class LicenceFacts(Model):
    """What was read off the licence or registry record."""

    code: str | None = None
    """The code as given, compacted (spaces and separators removed, upper case)."""
    uscc: UsccInfo | None = None
    """The credit code, parsed (``None`` when absent, malformed or an old 注册号)."""
    uscc_error: str | None = None
    """Why the credit code could not be parsed."""
    regno_valid: bool | None = None
    """For a 15-digit 注册号 instead of a credit code: whether its check digit is right."""
    regno_old: bool = False
    """The code is a 13-digit 注册号 (issued before 2007-07-01): it has no check digit, so it
    cannot be validated."""
    from_image: bool = False
    """The licence was read off a photo (``source == "licence_image"``): a code that fails its
    check, or a name a few characters off, may be a misreading rather than the licence's."""
    name: CompanyName | None = None
    """The licence name, parsed."""
    name_near_payee: bool = False
    """The licence was read off a photo and its name is within what OCR does to the payee name:
    the payee name with text around it, or a few characters wrong or missing (a quarter of them,
    at least two; a third when OCR was unsure of its reading). The photo then neither confirms
    nor contradicts the payee name."""
    address_province: str | None = None
    """The province the address names, when it names one."""
    established: date | None = None
    """成立日期, when readable."""
    term_end: date | None = None
    """End of the business term, when it has one."""
    term_open_ended: bool = False
    """The business term is 长期 (no end)."""
    status: RegistryStatus | None = None
    """The registry status, interpreted."""
    capital: str | None = None
    """Registered capital as a decimal string, when readable."""
    capital_currency: str | None = None
    """ISO code of the capital's currency."""
    individual_business: bool = False
    """The licence is that of a 个体工商户 (by its type, its code or its fields)."""
    payee_is_legal_representative: bool = False
    """The payee name is the licence's legal representative (法定代表人/经营者) personally."""
    unreadable: tuple[str, ...] = ()
    """Fields that were given but could not be read."""


class ListedContact(Model):
    """A number or link of a message that the directory lists as an institution's own."""

    hit: int
    """Index of the hit in the message's (or the contact's) hits."""
    creditor_id: str
    """The directory entry that publishes it."""
    of_creditor: bool
    """The entry is the request's creditor (or no creditor was named)."""
    kind: str
    """``number`` or ``domain``."""
    source: str
    """Where the entry's number or domain is published."""


class MessageFacts(Model):
    """What the scan found in one message."""

    index: int
    """Position of the message in the request (0-based)."""
    length: int
    """Length of the message in characters."""
    truncated: bool = False
    """Whether only the first part of the message was scanned."""
    hits: tuple[TextHit, ...] = ()
    """Contacts, links, apps and scam phrases found, with their spans."""
    hits_omitted: int = 0
    """Hits found but left out of the report (a report keeps at most
    ``acctverify.MAX_HITS_PER_MESSAGE`` per message; the rules saw them all)."""
    listed: tuple[ListedContact, ...] = ()
    """Numbers and links the directory lists as an institution's own."""
    risk: MessageRisk | None = None
    """How the message reads: its cues, typologies and risk score (``acctverify.text``)."""


class NamePairMatch(Model):
    """One pairwise name comparison."""

    against: str
    """The name compared against (the licence name, the creditor's entity, the registered name)."""
    match: NameMatch
    """The outcome with its reasons."""


class NameChecks(Model):
    """The name comparisons of a request, one field per pair (``None``: not compared)."""

    payee_licence: NamePairMatch | None = None
    """The payee name against the licence name."""
    payee_creditor: NamePairMatch | None = None
    """The payee name against the creditor's confirmed registered entities (the best match)."""
    payee_creditor_unconfirmed: NamePairMatch | None = None
    """The payee name against entities public sources tie only weakly to the creditor."""
    licence_creditor: NamePairMatch | None = None
    """The licence name against the creditor's confirmed entities (does the licence claim to be
    the creditor's?)."""
    payee_registry: NamePairMatch | None = None
    """The payee name against the registered name found online."""
    licence_registry: NamePairMatch | None = None
    """The licence name against the registered name found online."""


class QrLink(Model):
    """One QR code of a licence image, judged."""

    text: str
    """What the QR code holds (cut to 500 characters)."""
    host: str | None = None
    """The host it links to, when it is a link."""
    verdict: QrVerdict
    """Official publicity system, unlisted government host, elsewhere, or not a link."""
    code: str | None = None
    """A credit code or 注册号 the QR code carries in clear, compacted."""
    ip_host: bool = False
    """The host is a bare IP address that is not a listed provincial system."""


class ImageFacts(Model):
    """What the checks need from a licence image, beyond the fields read off it."""

    printed_code: str | None = None
    """The credit code (or 注册号) printed on the image, compacted."""
    printed_code_problem: str | None = None
    """Why the printed code fails its checks (a stdnum exception name), or ``None``."""
    qr_links: tuple[QrLink, ...] = ()
    """Every QR code found, judged."""
    qr_code: str | None = None
    """The code the first QR code carries, compacted."""
    individual_business: bool = False
    """The image is that of a 个体工商户 licence (by its type or its code)."""


class Facts(Model):
    """Everything parsed from the request, once, before any rule runs."""

    as_of: date
    """The date the request is judged at."""
    payee: PayeeFacts
    """Payee name, account, bank and CNAPS code."""
    licence: LicenceFacts | None = None
    """The licence, when one was supplied."""
    creditor: CreditorMatch | None = None
    """The creditor, resolved against the directory."""
    compared_creditor: Creditor | None = None
    """The creditor the payee is checked against: the one resolved, or — for a look-alike of an
    official name — the one imitated."""
    names: NameChecks = NameChecks()
    """Pairwise name comparisons."""
    messages: tuple[MessageFacts, ...] = ()
    """Scan results per message."""
    contact: tuple[TextHit, ...] = ()
    """What was found in the contact details (caller number, link)."""
    contact_listed: tuple[ListedContact, ...] = ()
    """Contact numbers and links the directory lists as an institution's own."""
    registry: LicenceFacts | None = None
    """The registry record found online (``PaymentRequest.registry``), read like a licence; its
    name is compared with the payee's and the licence's in ``names``."""
    online_card_bank: str | None = None
    """The name of the bank the online card-BIN lookup named (``PaymentRequest.card_bin``)."""
    truncated_fields: tuple[str, ...] = ()
    """Fields that were too long and were cut before checking."""
    licence_image: LicenceReading | None = None
    """What was read off the licence image, when the request carries one."""
    image: ImageFacts | None = None
    """What the checks need from the licence image."""
