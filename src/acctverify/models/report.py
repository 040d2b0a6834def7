"""The output: the facts parsed from the request, the findings, the score and the advice."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from acctverify._parse import RegistryStatus
from acctverify.models._base import Model
from acctverify.models.directory import CreditorMatch
from acctverify.models.facts import AccountInfo, CnapsInfo, UsccInfo
from acctverify.models.findings import Advice, Finding, Level
from acctverify.models.licence_image import LicenceReading
from acctverify.models.names import CompanyName, NameMatch
from acctverify.models.text import TextHit

if TYPE_CHECKING:
    import pandas  # type: ignore[import-untyped]


class PayeeFacts(Model):
    """What was read off the payee's name, account, bank and CNAPS code."""

    name: CompanyName | None = None
    """The payee name, parsed."""
    account: AccountInfo | None = None
    """The account number, classified."""
    stated_bank_code: str | None = None
    """The stated bank, resolved to a bank code."""
    cnaps: CnapsInfo | None = None
    """The CNAPS code, parsed."""
    cnaps_error: str | None = None
    """Why the CNAPS code could not be parsed."""


class LicenceFacts(Model):
    """What was read off the licence or registry record."""

    uscc: UsccInfo | None = None
    """The credit code, parsed (``None`` when absent, malformed or an old 注册号)."""
    uscc_error: str | None = None
    """Why the credit code could not be parsed."""
    regno_valid: bool | None = None
    """For a 15-digit 注册号 instead of a credit code: whether its check digit is right."""
    name: CompanyName | None = None
    """The licence name, parsed."""
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
    unreadable: tuple[str, ...] = ()
    """Fields that were given but could not be read."""


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


class NamePairMatch(Model):
    """One pairwise name comparison."""

    pair: str
    """``payee~licence``, ``payee~creditor`` (the creditor's confirmed entities),
    ``payee~creditor_unconfirmed`` (entities only weakly tied to it), ``licence~creditor``,
    ``payee~registry`` or ``licence~registry`` (the registry record found online)."""
    against: str
    """The name compared against (the licence name or the creditor's entity)."""
    match: NameMatch
    """The outcome with its reasons."""


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
    name_matches: tuple[NamePairMatch, ...] = ()
    """Pairwise name comparisons."""
    messages: tuple[MessageFacts, ...] = ()
    """Scan results per message."""
    contact: tuple[TextHit, ...] = ()
    """What was found in the contact details (caller number, link)."""
    registry: LicenceFacts | None = None
    """The registry record found online (``PaymentRequest.registry``), read like a licence; its
    name is compared with the payee's and the licence's in ``name_matches`` (``payee~registry``,
    ``licence~registry``)."""
    truncated_fields: tuple[str, ...] = ()
    """Fields that were too long and were cut before checking."""
    licence_image: LicenceReading | None = None
    """What was read off the licence image, when the request carries one."""


class Report(Model):
    """acctverify's answer: a level, a score, the findings with their evidence, and advice."""

    level: Level
    """Overall risk level."""
    score: int
    """Risk score, 0-100 (see ``acctverify.scoring``)."""
    findings: tuple[Finding, ...]
    """Everything found, largest contribution first."""
    advice: tuple[Advice, ...]
    """Concrete next steps, in Chinese and English."""
    facts: Facts
    """The parsed facts the findings rest on."""
    data_version: str
    """Digest of the shipped data tables used."""
    version: str
    """acctverify version."""
    as_of: date
    """The date the request was judged at."""

    def redacted(self) -> Report:
        """Return a copy to share: account, card and phone numbers, contact IDs and persons'
        names masked; codes, level, score, contributions and advice kept (see
        ``acctverify.render._redact``)."""
        from acctverify.render import redact

        return redact(self)

    def _repr_html_(self) -> str:
        """Show the report in Jupyter as a compact card: level, findings with evidence, advice."""
        from acctverify.render import report_html

        return report_html(self)

    def to_frame(self) -> pandas.DataFrame:
        """Return the findings as a pandas DataFrame, one row per finding (needs pandas:
        ``pip install 'acctverify[pandas]'``)."""
        from acctverify.render import report_frame

        frame: pandas.DataFrame = report_frame(self)
        return frame
