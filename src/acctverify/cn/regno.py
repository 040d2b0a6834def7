"""15-digit 工商注册号 (business registration number, GS 15-2006).

Before the 统一社会信用代码 (2015), business licences carried a 15-digit registration number:

* digits 1-6: the code of the authority of first registration (首次登记机关码),
* digits 7-14: a sequence number,
* digit 15: an ISO 7064 MOD 11,10 check digit.

Older licences and some registry records still show it; the Jiangxi licence QR code carries it.

More information:

* GS 15-2006 工商行政管理市场主体注册号编制规则
* https://github.com/doly-dev/util-helpers (``src/isBusinessLicense.ts`` and its tests)
* ../shared/reference/identifiers.md §2.1

>>> validate('110108000000016')
'110108000000016'
>>> is_valid('１１０１０８０１２６６０４２２')
True
>>> validate('310115600985535')
Traceback (most recent call last):
    ...
stdnum.exceptions.InvalidChecksum: ...
"""

from __future__ import annotations

from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength, ValidationError

from acctverify.cn._util import ascii_digits, clean

__all__ = ["calc_check_digit", "compact", "format", "is_valid", "validate"]


def compact(number: object) -> str:
    """Return the number without separators.

    >>> compact('110108 00000001-6')
    '110108000000016'
    """
    return clean(number)


def calc_check_digit(number: str) -> str:
    """Return the ISO 7064 MOD 11,10 check digit for the first 14 digits of *number*.

    >>> calc_check_digit('31011560098553')
    '3'
    """
    from stdnum.iso7064 import mod_11_10

    digits = compact(number)[:14]
    if len(digits) != 14 or not ascii_digits(digits):
        raise InvalidFormat()
    return str(mod_11_10.calc_check_digit(digits))


def validate(number: object) -> str:
    """Check the length, the digits and the check digit; return the compact number."""
    digits = compact(number)
    if len(digits) != 15:
        raise InvalidLength()
    if not ascii_digits(digits):
        raise InvalidFormat()
    if digits[14] != calc_check_digit(digits):
        raise InvalidChecksum()
    return digits


def is_valid(number: object) -> bool:
    """Return whether *number* is a valid registration number; never raises."""
    try:
        return bool(validate(number))
    except (ValidationError, TypeError, ValueError):
        return False


def format(number: object) -> str:
    """Return the number as printed (the compact form)."""
    return compact(number)
