"""The rules verify() runs by default, in order (private; public as ``acctverify.rules``)."""

from __future__ import annotations

from acctverify.rules import account, contact, creditor, image, licence, messages, payee
from acctverify.rules import sources as sources_rules
from acctverify.rules._rule import Rule

__all__ = ["DEFAULT_RULES"]

DEFAULT_RULES: tuple[Rule, ...] = (
    payee.name_present,
    payee.spoofing,
    payee.person,
    payee.debt_service_company,
    payee.against_creditor,
    payee.official_account,
    account.account_kind,
    account.bank_consistency,
    account.cnaps_code,
    licence.credit_code,
    licence.credit_code_consistency,
    licence.name_against_payee,
    licence.status,
    licence.dates,
    licence.legal_representative,
    licence.scope,
    licence.individual_business,
    creditor.known,
    creditor.repayment_channel,
    messages.scam_typology,
    messages.phrases,
    messages.contacts,
    messages.links,
    messages.apps,
    messages.truncation,
    contact.caller,
    image.problem,
    image.qr_code,
    image.printed_code,
    image.fields,
    sources_rules.registry,
    sources_rules.card_bin_online,
    sources_rules.risk_lists,
)
