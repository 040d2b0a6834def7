"""Helpers shared by the verify() tests (tests/test_verify.py, tests/test_sources_rules.py).

Names are fictional (某某); card numbers and credit codes are synthetic, their check digits
computed here.
"""

from __future__ import annotations

from typing import Any

from acctverify.cn import bankcard, orgcode, uscc

CONSULTING = "深圳市某某商务咨询有限公司"


def luhn(body: str) -> str:
    return body + bankcard.calc_check_digit(body)


def make_uscc(prefix: str, region: str, org8: str = "MA5GQ7K3") -> str:
    """A credit code with a valid organisation code and check character."""
    body = prefix + region + org8 + orgcode.calc_check_digit(org8)
    return body + uscc.calc_check_digit(body)


def scam(**parts: Any) -> dict[str, Any]:
    """The consulting-company payee for 微粒贷, with *parts* added or replaced."""
    return {"payee": {"name": CONSULTING}, "creditor": "微粒贷", **parts}
