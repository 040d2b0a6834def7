"""Bank card numbers (银行卡号, PAN): Luhn check and BIN look-up.

Chinese bank card numbers follow ISO/IEC 7812 (JR/T 0008):

* the first digits are the BIN (发卡行识别码), mostly six digits; UnionPay cards start with ``62``,
* most debit cards have 19 digits, most credit cards 16 (13 to 19 are accepted here),
* the last digit is a Luhn check digit.

:func:`lookup` finds the issuing bank and the card type in one table merged from two public,
unofficial BIN data sets (``hexindai/bcbc``, MIT; npm ``bankcardinfo``, ISC), about 2,300 prefixes,
by longest-prefix match. Official UnionPay BIN tables are not published; a miss means "unknown",
not "fake". The shipped table's header names its origin and date.

More information:

* https://en.wikipedia.org/wiki/Payment_card_number
* ../shared/reference/identifiers.md §3

>>> validate('6228 4804 0256 4890 018')
'6228480402564890018'
>>> lookup('6228480402564890018').bank_code
'ABC'
>>> format('6228480402564890018')
'6228 4804 0256 4890 018'
>>> mask('6228480402564890018')
'6228***********0018'
>>> validate('6228480402564890019')
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
    from acctverify.models.identifiers import CardBin

__all__ = ["calc_check_digit", "compact", "format", "is_valid", "lookup", "mask", "validate"]

MIN_LENGTH = 13
MAX_LENGTH = 19


def compact(number: object) -> str:
    """Return the digits without separators (NFKC, so full-width digits work).

    >>> compact('６２２８ ４８０４-0256 4890 018')
    '6228480402564890018'
    """
    return clean(number)


def calc_check_digit(number: str) -> str:
    """Return the Luhn check digit for *number* (given without its check digit).

    >>> calc_check_digit('622848040256489001')
    '8'
    """
    from stdnum import luhn

    digits = compact(number)
    if not ascii_digits(digits):
        raise InvalidFormat()
    return str(luhn.calc_check_digit(digits))


def luhn_ok(digits: str) -> bool:
    """Return whether a string of ASCII digits passes the Luhn check."""
    from stdnum import luhn

    return bool(digits) and ascii_digits(digits) and luhn.checksum(digits) == 0


def validate(number: object) -> str:
    """Check the length (13-19), the digits and the Luhn check digit; return the digits."""
    digits = compact(number)
    if not ascii_digits(digits):
        raise InvalidFormat()
    if not MIN_LENGTH <= len(digits) <= MAX_LENGTH:
        raise InvalidLength()
    if not luhn_ok(digits):
        raise InvalidChecksum()
    return digits


def is_valid(number: object) -> bool:
    """Return whether *number* is a well-formed card number with a valid Luhn digit (total)."""
    try:
        return bool(validate(number))
    except (ValidationError, TypeError, ValueError):
        return False


def format(number: object) -> str:
    """Return the digits in groups of four, as printed on cards."""
    digits = compact(number)
    return " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))


def mask(number: object) -> str:
    """Return the number with all but the first four and last four digits hidden.

    The length stays visible (it matters when judging an account number); numbers of eight digits
    or fewer keep only their last two. Never raises.

    >>> mask('12345678')
    '******78'
    """
    try:
        digits = compact(number)
    except (ValidationError, TypeError, ValueError):
        return "****"
    if len(digits) <= 2:
        return "*" * len(digits)
    if len(digits) <= 8:
        return "*" * (len(digits) - 2) + digits[-2:]
    return digits[:4] + "*" * (len(digits) - 8) + digits[-4:]


@functools.cache
def _bins() -> tuple[dict[str, tuple[CardBin, ...]], int, int]:
    """Index the BIN table by prefix: (prefix -> rows, shortest prefix, longest prefix)."""
    from acctverify.cn import banks
    from acctverify.models.identifiers import CardBin, CardType

    index: dict[str, list[CardBin]] = {}
    for row in table("card_bins.csv").rows:
        bank = banks.get(row["bank_code"])
        index.setdefault(row["bin"], []).append(
            CardBin(
                bin=row["bin"],
                length=int(row["length"]) if row["length"] else None,
                bank_code=row["bank_code"],
                bank_name=bank.name if bank else row["bank_code"],
                card_type=CardType(row["card_type"]),
                sources=tuple(row["sources"].split("+")),
                note=row["note"],
            )
        )
    lengths = [len(prefix) for prefix in index]
    return {k: tuple(v) for k, v in index.items()}, min(lengths), max(lengths)


def lookup(number: object) -> CardBin | None:
    """Return the BIN entry for a card number or a BIN prefix; ``None`` when none is known.

    The longest matching prefix wins. For a full number (13 digits or more) only a row recorded for
    that card length counts, so a 16-digit credit-card BIN does not claim a 19-digit account number.
    A shorter input (at least six digits) is treated as a BIN and matched regardless of length.
    Never raises.
    """
    try:
        digits = compact(number)
    except (ValidationError, TypeError, ValueError):
        return None
    if len(digits) < 6 or len(digits) > MAX_LENGTH or not ascii_digits(digits):
        return None
    index, shortest, longest = _bins()
    full = len(digits) >= MIN_LENGTH
    for end in range(min(longest, len(digits)), shortest - 1, -1):
        rows = index.get(digits[:end])
        if not rows:
            continue
        if not full:
            return rows[0]
        for row in rows:
            if row.length == len(digits):
                return row
    return None
