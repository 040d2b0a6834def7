"""Redaction: a copy of a report that can be shared without the payer's personal data (private).

What is hidden: account and card numbers (first four and last four digits kept), phone numbers
(the middle four digits of a mobile number), WeChat and QQ IDs and e-mail addresses (all but
their first two characters), the names of persons (the payee when it is a person, the legal
representative), and the message text around the findings: evidence keeps only its own span,
masked the same way. What stays: every finding code, level, score, contribution and advice, the
company names, the banks, the credit codes, the creditor.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from acctverify.render._mask import mask_run

if TYPE_CHECKING:
    from acctverify.models.report import Report

__all__ = ["mask_text", "redact"]

# Linear-time patterns (RE2 subset): a run of 7+ digits with single spaces or dashes between.
_DIGIT_RUN = re.compile(r"\d(?:[ -]?\d){6,}")
_DATE = re.compile(r"(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])")
_CONTACT_KINDS = {"wechat", "wecom", "qq", "email"}
_PERSON_FIELDS = {"legal_representative"}
#: Fields that may carry text from the request (evidence, hits, messages, names compared).
_TEXT_FIELDS = {"value", "raw", "detail", "message_zh", "message_en", "context", "given",
                "actual", "query", "phrase"}  # fmt: skip


def _mask_digits(run: str) -> str:
    """Accounts keep 4+4 digits, mobile numbers 3+4 (138****5678), shorter numbers 2+2."""
    total = sum(c.isdigit() for c in run)
    head, tail = (4, 4) if total >= 12 else (3, 4) if total >= 11 else (2, 2)
    return mask_run(run, head=head, tail=tail)


def mask_text(text: str, keep: frozenset[str] = frozenset()) -> str:
    """Mask every run of seven or more digits in *text*, keeping its length.

    Runs that are part of a code with letters (a credit code such as ``9144030010001686XA``) and
    the published numbers in *keep* (official hotlines) are public, and stay.

    >>> mask_text('转账到 6217 0038 2756 1943 520，电话13812345678，订单号 123456')
    '转账到 6217 **** **** ***3 520，电话138****5678，订单号 123456'
    >>> mask_text('信用代码9144030010001686XA，客服4008205555', keep=frozenset({'4008205555'}))
    '信用代码9144030010001686XA，客服4008205555'
    >>> mask_text('该公司成立于2026-09-03')  # dates are kept
    '该公司成立于2026-09-03'
    """

    def replace(match: re.Match[str]) -> str:
        run = match.group(0)
        before = text[match.start() - 1 : match.start()]
        after = text[match.end() : match.end() + 1]
        if (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha()):
            return run  # part of an alphanumeric code (credit code, licence number)
        if run.replace(" ", "").replace("-", "") in keep:
            return run
        if _DATE.fullmatch(run):
            return run  # a date (a public registry fact: founded on 2026-09-03), not a number
        return _mask_digits(run)

    return _DIGIT_RUN.sub(replace, text)


def _mask_id(value: str) -> str:
    return value[:2] + "*" * max(len(value) - 2, 1)


def _mask_person(name: str) -> str:
    return name[:1] + "*" * max(len(name) - 1, 1) if name else name


def _secrets(value: Any, found: dict[str, str]) -> None:
    """Collect the personal strings of a dumped report: contact IDs and persons' names."""
    if isinstance(value, dict):
        if value.get("kind") in _CONTACT_KINDS:
            for name in ("raw", "value"):
                if isinstance(value.get(name), str) and value[name]:
                    found[value[name]] = _mask_id(value[name])
        if value.get("looks_like_person") and isinstance(value.get("original"), str):
            found[value["original"]] = _mask_person(value["original"])
        for name, item in value.items():
            if name in _PERSON_FIELDS and isinstance(item, str) and item:
                found[item] = _mask_person(item)
            _secrets(item, found)
    elif isinstance(value, list):
        for item in value:
            _secrets(item, found)


def _official_numbers(value: Any, found: set[str]) -> None:
    """Collect the published numbers in a dumped report (the creditor's hotlines, listed
    service numbers): they are public and stay readable."""
    if isinstance(value, dict):
        if isinstance(value.get("number"), str) and "kind" in value and "source" in value:
            found.add(value["number"])
        details = value.get("details")
        if (
            isinstance(details, dict)
            and details.get("institution")
            and isinstance(value.get("value"), str)
        ):
            found.add(value["value"].removeprefix("+86"))
        for item in value.values():
            _official_numbers(item, found)
    elif isinstance(value, list):
        for item in value:
            _official_numbers(item, found)


def _walk(
    value: Any, secrets: list[tuple[str, str]], keep: frozenset[str], key: str | None = None
) -> Any:
    if isinstance(value, dict):
        return {name: _walk(item, secrets, keep, name) for name, item in value.items()}
    if isinstance(value, list):
        return [_walk(item, secrets, keep, key) for item in value]
    if isinstance(value, str) and (
        key in _TEXT_FIELDS
        or key in _PERSON_FIELDS
        or key in {"original", "normalised", "trade_name", "core"}
    ):
        for secret, masked in secrets:
            if secret in value:
                value = value.replace(secret, masked)
        return mask_text(value, keep) if key in _TEXT_FIELDS else value
    return value


def redact(report: Report) -> Report:
    """Return a copy of *report* with personal data masked (see the module docstring)."""
    from acctverify.models.report import Report

    data = report.model_dump(mode="json")
    account = data["facts"]["payee"].get("account")
    if account is not None:
        account["number"] = account["masked"]
    found: dict[str, str] = {}
    _secrets(data, found)
    secrets = sorted(found.items(), key=lambda item: -len(item[0]))  # longest first
    official: set[str] = set()
    _official_numbers(data, official)
    return Report.model_validate(_walk(data, secrets, frozenset(official)))
