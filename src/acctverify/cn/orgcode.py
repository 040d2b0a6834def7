"""组织机构代码 (organisation code, GB 11714-1997).

The code has nine characters, usually printed ``XXXXXXXX-X``:

* characters 1-8: the body, digits or upper-case letters,
* character 9: a check character, a digit or ``X``.

Values 0-9 and A-Z (10-35) are weighted 3, 7, 9, 10, 5, 8, 4, 2; the check is
``11 - (sum mod 11)``, written ``X`` for 10 and ``0`` for 11. Since 2015 the same nine characters
form positions 9-17 of the 统一社会信用代码 (see :mod:`acctverify.cn.uscc`).

More information:

* GB 11714-1997 全国组织机构代码编制规则
* https://github.com/jamesqiu/wr3 (``src/wr3/bank/OrgID.java``; examples ``00359131-X``)
* ../shared/reference/identifiers.md §2.2

>>> validate('80210043-3')
'802100433'
>>> format('55138508 2')
'55138508-2'
>>> is_valid('００３５９１３１－Ｘ')
True
>>> validate('80210043-4')
Traceback (most recent call last):
    ...
stdnum.exceptions.InvalidChecksum: ...
"""

from __future__ import annotations

from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength, ValidationError

from acctverify.cn._util import clean

__all__ = ["calc_check_digit", "compact", "format", "is_valid", "validate"]

_BODY = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_VALUES = {c: i for i, c in enumerate(_BODY)}
_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def compact(number: object) -> str:
    """Return the code without separators, upper-case.

    >>> compact('00359131-x')
    '00359131X'
    """
    return clean(number)


def calc_check_digit(number: str) -> str:
    """Return the check character for the first eight characters of *number*.

    >>> calc_check_digit('00002106')
    '3'
    """
    body = compact(number)[:8]
    if len(body) != 8 or any(c not in _VALUES for c in body):
        raise InvalidFormat()
    check = 11 - sum(_VALUES[c] * w for c, w in zip(body, _WEIGHTS, strict=True)) % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


def validate(number: object) -> str:
    """Check the length, the alphabet and the check character; return the compact code."""
    code = compact(number)
    if len(code) != 9:
        raise InvalidLength()
    if any(c not in _VALUES for c in code[:8]) or code[8] not in "0123456789X":
        raise InvalidFormat()
    if code[8] != calc_check_digit(code):
        raise InvalidChecksum()
    return code


def is_valid(number: object) -> bool:
    """Return whether *number* is a valid organisation code; never raises."""
    try:
        return bool(validate(number))
    except (ValidationError, TypeError, ValueError):
        return False


def format(number: object) -> str:
    """Return the code as usually printed, ``XXXXXXXX-X``."""
    code = compact(number)
    return f"{code[:8]}-{code[8:]}"
