"""CNAPS bank codes (大额支付系统行号, 联行号): 12 digits that identify a bank branch.

* digits 1-3: 行别代码, the bank (``102`` ICBC … ``403`` PSBC) or a class of institutions
  (``313`` city commercial banks, ``323`` private banks such as WeBank),
* digits 4-7: the PBOC city code (``5840`` Shenzhen),
* digits 8-11: the branch,
* digit 12: a check digit.

**The check digit is empirical**: no published specification was found, but ISO 7064 MOD 11,10 over
the first 11 digits (the algorithm of the 15-digit 注册号) holds for 419 of 420 published codes and
for every head-office code checked; the odds of that by chance are about 10^-419. A failure is
therefore reported as an anomaly, and the code is still parsed.

More information:

* ../shared/reference/identifiers.md §5 (sources: paycq/merchant-registration ``bank_list.js``;
  hjldragon ``bankinfo.sql``; http://m.hnxxbl.cn/banknum)

>>> validate('323584000888')
'323584000888'
>>> info = parse('323584000888')
>>> info.category_name, info.city_name, info.listed_name
('民营银行', '深圳', '深圳前海微众银行')
>>> parse('102100099996').bank_code
'ICBC'
>>> validate('323584000887')
Traceback (most recent call last):
    ...
stdnum.exceptions.InvalidChecksum: ...
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength, ValidationError

from acctverify._data import table
from acctverify.cn._util import ascii_digits, clean

if TYPE_CHECKING:
    from acctverify.models.identifiers import CnapsInfo

__all__ = ["ANOMALIES", "calc_check_digit", "compact", "format", "is_valid", "parse", "validate"]

#: PBOC city codes seen in published CNAPS codes (identifiers.md §5.1, empirical).
CITY_CODES: dict[str, str] = {
    "1000": "北京",
    "1100": "天津",
    "2900": "上海",
    "3310": "杭州",
    "5810": "广州",
    "5840": "深圳",
    "6510": "成都",
}

#: Anomaly code -> (Chinese, English) description. Codes are stable public API.
ANOMALIES: dict[str, tuple[str, str]] = {
    "checksum_invalid": ("行号校验位错误", "the check digit is wrong"),
    "unknown_category": ("行别代码未知", "unknown bank category (first three digits)"),
    "placeholder": ("占位行号（全零）", "placeholder code (zeros)"),
}


def compact(number: object) -> str:
    """Return the digits without separators.

    >>> compact('3235 8400 0888')
    '323584000888'
    """
    return clean(number)


def calc_check_digit(number: str) -> str:
    """Return the check digit for the first 11 digits (ISO 7064 MOD 11,10; empirical).

    >>> calc_check_digit('32358400088')
    '8'
    """
    from stdnum.iso7064 import mod_11_10

    digits = compact(number)[:11]
    if len(digits) != 11 or not ascii_digits(digits):
        raise InvalidFormat()
    return str(mod_11_10.calc_check_digit(digits))


def validate(number: object) -> str:
    """Check the length, the digits and the check digit; return the compact code."""
    digits = compact(number)
    if len(digits) != 12:
        raise InvalidLength()
    if not ascii_digits(digits):
        raise InvalidFormat()
    if digits[11] != calc_check_digit(digits):
        raise InvalidChecksum()
    return digits


def is_valid(number: object) -> bool:
    """Return whether *number* is a valid CNAPS code; never raises."""
    try:
        return bool(validate(number))
    except (ValidationError, TypeError, ValueError):
        return False


def format(number: object) -> str:
    """Return the code as usually written (the compact form)."""
    return compact(number)


@functools.cache
def _categories() -> dict[str, tuple[str, str | None]]:
    return {
        row["category"]: (row["name"], row["bank_code"] or None)
        for row in table("cnaps_categories.csv").rows
    }


@functools.cache
def _listed() -> dict[str, str]:
    return {row["code"]: row["name"] for row in table("cnaps_codes.csv").rows}


def parse(number: object) -> CnapsInfo:
    """Read the bank, city and branch off a code; a wrong check digit is an anomaly, not an error.

    Raises :class:`~stdnum.exceptions.ValidationError` only for a wrong length or non-digits.
    """
    from acctverify.models.identifiers import CnapsInfo

    digits = compact(number)
    if len(digits) != 12:
        raise InvalidLength()
    if not ascii_digits(digits):
        raise InvalidFormat()
    checksum_valid = digits[11] == calc_check_digit(digits)
    category_name, bank_code = _categories().get(digits[:3], (None, None))
    anomalies = []
    if not checksum_valid:
        anomalies.append("checksum_invalid")
    if category_name is None:
        anomalies.append("unknown_category")
    if digits[:11] == "0" * 11:
        anomalies.append("placeholder")
    return CnapsInfo(
        code=digits,
        checksum_valid=checksum_valid,
        category=digits[:3],
        category_name=category_name,
        bank_code=bank_code,
        city_code=digits[3:7],
        city_name=CITY_CODES.get(digits[3:7]),
        branch=digits[7:11],
        listed_name=_listed().get(digits),
        anomalies=tuple(anomalies),
    )
