"""The directory file checks that need the identifier modules (private).

The directory schema (:mod:`acctverify.models.directory`) sits below every module that parses
identifiers, so the loader passes these checks to it as the validation context: pydantic then
reports a failure with its field path like any other validation error.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from acctverify._unicode import match_key

__all__ = ["CHECKS"]


def _uscc(value: str) -> str:
    from acctverify.cn import uscc

    if not uscc.is_valid(value):
        raise ValueError("not a valid credit code (fails the GB 32100 check)")
    info = uscc.parse(value)
    if not info.org_code_valid:
        raise ValueError("not a valid credit code (characters 9-17 fail the GB 11714 check)")
    return info.code


def _bank_code(value: str) -> str:
    from acctverify.cn import banks

    bank = banks.get(value)
    if bank is None:
        raise ValueError(f"unknown bank code {value!r} (see acctverify.cn.banks)")
    return bank.code


#: Check name -> function, as the schema's validators look them up.
CHECKS: Mapping[str, Callable[[str], str]] = {
    "uscc": _uscc,
    "bank_code": _bank_code,
    "name_key": match_key,
}
