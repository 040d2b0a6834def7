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

if TYPE_CHECKING:
    from acctverify.models.report import Report

__all__ = ["mask_text", "redact"]

# Linear-time patterns (RE2 subset): a run of 7+ digits with single spaces or dashes between.
_DIGIT_RUN = re.compile(r"\d(?:[ -]?\d){6,}")
_CONTACT_KINDS = {"wechat", "wecom", "qq", "email"}
_PERSON_FIELDS = {"legal_representative"}
#: Fields that may carry text from the request (evidence, hits, messages, names compared).
_TEXT_FIELDS = {"value", "raw", "detail", "message_zh", "message_en", "context", "given",
                "actual", "query"}  # fmt: skip


def _mask_digits(run: str) -> str:
    digits = [c for c in run if c.isdigit()]
    total = len(digits)
    keep_head, keep_tail = (4, 4) if total >= 12 else (3, 4) if total >= 11 else (2, 2)
    seen = 0
    out = []
    for char in run:
        if char.isdigit():
            seen += 1
            out.append(char if seen <= keep_head or seen > total - keep_tail else "*")
        else:
            out.append(char)
    return "".join(out)


def mask_text(text: str) -> str:
    """Mask every run of seven or more digits in *text*, keeping its length.

    >>> mask_text('转账到 6217 0038 2756 1943 520，电话13812345678，订单号 123456')
    '转账到 6217 **** **** ***3 520，电话138****5678，订单号 123456'
    """
    return _DIGIT_RUN.sub(lambda match: _mask_digits(match.group(0)), text)


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


def _walk(value: Any, secrets: list[tuple[str, str]], key: str | None = None) -> Any:
    if isinstance(value, dict):
        return {name: _walk(item, secrets, name) for name, item in value.items()}
    if isinstance(value, list):
        return [_walk(item, secrets, key) for item in value]
    if isinstance(value, str) and (
        key in _TEXT_FIELDS
        or key in _PERSON_FIELDS
        or key in {"original", "normalised", "trade_name", "core"}
    ):
        for secret, masked in secrets:
            if secret in value:
                value = value.replace(secret, masked)
        return mask_text(value) if key in _TEXT_FIELDS else value
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
    return Report.model_validate(_walk(data, secrets))
