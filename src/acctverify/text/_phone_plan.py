"""Phone-plan validation: what a digit string is, by phonenumbers' metadata and tables (private).

The search (:mod:`acctverify.text._phone_search`) proposes digit strings; this module decides,
without looking at the text around them, which are numbers and what they are:

* **shapes**: the digit counts a candidate starting with given digits can have
  (:func:`candidate_lengths`), and the shapes of service numbers (95xxx(x), 96xxx(x), 12xxx,
  10xxx: :func:`service_shape`), also after China's country code
  (:func:`service_after_country_code`: ``+86 95384`` is the same line as ``95384``).
* **numbers** (:func:`classify_phone`): phonenumbers says whether a candidate is valid and what
  type it is. Domestic numbers need their trunk ``0`` (``010-…``, ``0755-…``), so a bare
  ``2026112900`` is not read as a Guangzhou line; mobiles, 400/800 and 950 numbers need none.
  Domestic numbers are tested against phonenumbers' CN number descriptions, compiled once and
  tried in phonenumbers' order (``number_type``); ``+`` and ``00`` numbers go through
  ``phonenumbers.parse`` and ``number_type``.
* **facts** (:func:`phone_details`, :func:`short_details`): number type, region, cross-border,
  personal or institutional, and the institution a number is listed for in ``bank_hotlines.csv``
  or ``service_numbers.csv`` (:func:`listed_numbers`); an unlisted service number is one only if
  phonenumbers' short-number metadata accepts it (:func:`valid_short_number`).

Every answer depends on the digits alone, so each is cached.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from acctverify._data import table
from acctverify.text._found import details

__all__ = [
    "candidate_lengths",
    "classify_phone",
    "listed_numbers",
    "phone_details",
    "service_after_country_code",
    "service_shape",
    "short_details",
    "valid_short_number",
]

#: How a number written the domestic way starts: the trunk prefix 0, a mobile's 1, 400/800 and 95
#: service lines, or 86 before a mobile.
_DOMESTIC_HEADS = ("0", "1", "400", "800", "95", "861")

_TYPE_NAMES = {
    0: "fixed_line",
    1: "mobile",
    2: "fixed_line_or_mobile",
    3: "toll_free",
    4: "premium_rate",
    5: "shared_cost",
    6: "voip",
    7: "personal_number",
    8: "pager",
    9: "uan",
    10: "voicemail",
}
_PERSONAL = {"mobile": True, "personal_number": True, "fixed_line_or_mobile": None}
_INSTITUTIONAL = {"toll_free", "shared_cost", "uan", "premium_rate"}


@functools.lru_cache(maxsize=8192)
def classify_phone(digits: str, international: bool) -> tuple[str, str, str, int] | None:
    """Return (E.164, number type, region, country code) for a valid number, else ``None``.

    *digits* are the candidate's digits; *international* says it was written with ``+``. A
    domestic candidate keeps its trunk ``0``; ``00`` starts an international one.

    >>> classify_phone('13812345678', False)
    ('+8613812345678', 'mobile', 'CN', 86)
    >>> classify_phone('075588888888', False)
    ('+8675588888888', 'fixed_line', 'CN', 86)
    >>> classify_phone('85261234567', True)
    ('+85261234567', 'mobile', 'HK', 852)
    >>> classify_phone('2026112900', False) is None
    True
    """
    import phonenumbers

    if international or digits.startswith("00"):
        try:
            number = phonenumbers.parse("+" + (digits[2:] if not international else digits))
        except phonenumbers.NumberParseException:
            return None
        # is_valid_number(number) is number_type(number) != UNKNOWN for the region the number
        # belongs to (region_code_for_number), so the type alone decides
        kind = phonenumbers.number_type(number)
        if kind == phonenumbers.PhoneNumberType.UNKNOWN:
            return None
        region = phonenumbers.region_code_for_number(number) or ""
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        return e164, _TYPE_NAMES.get(kind, "unknown"), region, number.country_code or 0
    if not digits.startswith(_DOMESTIC_HEADS):
        return None  # a domestic fixed line needs its trunk 0: 2026112900 is not 020-2611-2900
    national = digits
    if digits.startswith("86") and len(digits) == 13:
        national = digits[2:]
    elif digits.startswith(_cn_national_prefix()):
        national = digits[len(_cn_national_prefix()) :]
    if not national or national.startswith("0"):
        return None
    # Equivalent to parse(digits, "CN") + is_valid_number + number_type for these shapes (tested),
    # without parse's generic string handling: for country code 86 a number is valid exactly when
    # its type is known.
    type_name = _cn_number_type(national)
    if type_name is None:
        return None
    return "+86" + national, type_name, "CN", 86


#: A phonenumbers number description, compiled: (possible lengths, full match), or ``None`` for
#: a description that matches nothing.
_Description = tuple[frozenset[int], Callable[[str], object]] | None


@dataclass(frozen=True)
class _NumberPlan:
    """phonenumbers' metadata for one region, each number description compiled once."""

    general: _Description
    special: tuple[tuple[str, _Description], ...]
    """The types tested before fixed line and mobile, in phonenumbers' order."""
    fixed_line: _Description
    mobile: _Description
    same_mobile_and_fixed_line: bool


_SPECIAL_TYPES = (
    "premium_rate",
    "toll_free",
    "shared_cost",
    "voip",
    "personal_number",
    "pager",
    "uan",
    "voicemail",
)


@functools.cache
def _cn_plan() -> _NumberPlan:
    import re

    import phonenumbers

    metadata = phonenumbers.PhoneMetadata.metadata_for_region("CN")
    if metadata is None:  # pragma: no cover - shipped with phonenumbers
        raise LookupError("phonenumbers has no metadata for CN")

    def compiled(desc: Any) -> _Description:
        if desc is None or not desc.national_number_pattern:
            return None
        return frozenset(desc.possible_length), re.compile(desc.national_number_pattern).fullmatch

    return _NumberPlan(
        general=compiled(metadata.general_desc),
        special=tuple((name, compiled(getattr(metadata, name))) for name in _SPECIAL_TYPES),
        fixed_line=compiled(metadata.fixed_line),
        mobile=compiled(metadata.mobile),
        same_mobile_and_fixed_line=bool(metadata.same_mobile_and_fixed_line_pattern),
    )


def _matches(national: str, description: _Description) -> bool:
    """phonenumbers' ``_is_number_matching_desc``, on a compiled description."""
    if description is None:
        return False
    lengths, fullmatch = description
    return (not lengths or len(national) in lengths) and fullmatch(national) is not None


def _cn_number_type(national: str) -> str | None:
    """The type of a CN national number as ``phonenumbers.number_type`` decides it (the same
    metadata, tested in the same order: ``_number_type_helper``), or ``None`` if it is invalid.

    phonenumbers compiles and looks up each pattern on every call; here they are compiled once.
    """
    plan = _cn_plan()
    if not _matches(national, plan.general):
        return None
    for name, description in plan.special:
        if _matches(national, description):
            return name
    same = plan.same_mobile_and_fixed_line
    if _matches(national, plan.fixed_line):
        return "fixed_line_or_mobile" if same or _matches(national, plan.mobile) else "fixed_line"
    if not same and _matches(national, plan.mobile):
        return "mobile"
    return None


@functools.cache
def _cn_national_prefix() -> str:
    import phonenumbers

    metadata = phonenumbers.PhoneMetadata.metadata_for_region("CN")
    return (metadata.national_prefix if metadata else None) or "0"


@functools.lru_cache(maxsize=1024)
def valid_short_number(digits: str) -> bool:
    """Whether phonenumbers' short-number metadata accepts *digits* as a CN service number."""
    import phonenumbers
    from phonenumbers import shortnumberinfo

    try:
        number = phonenumbers.parse(digits, "CN")
    except phonenumbers.NumberParseException:  # pragma: no cover - digits always parse
        return False
    return bool(shortnumberinfo.is_valid_short_number_for_region(number, "CN"))


@functools.cache
def listed_numbers() -> dict[str, tuple[str, str]]:
    """Numbers listed in the shipped tables: digits -> (institution code, Chinese name)."""
    from acctverify.cn import banks

    listed: dict[str, tuple[str, str]] = {}
    for row in table("bank_hotlines.csv").rows:
        bank = banks.get(row["bank_code"])
        listed.setdefault(row["number"], (row["bank_code"], bank.name if bank else ""))
    for row in table("service_numbers.csv").rows:
        listed.setdefault(row["number"], (row["code"], row["name_zh"]))
    return listed


@functools.cache
def candidate_lengths(head: str, plus: bool) -> tuple[int, ...]:
    """Digit counts a candidate starting with *head* (its first three digits) can have, longest
    first; *plus*: it was written after ``+``."""
    if plus:
        return (15, 14, 13, 12, 11, 10, 9, 8)
    if head.startswith("00"):
        return (17, 16, 15, 14, 13, 12, 11, 10)
    if head.startswith("0"):
        return (12, 11, 10)
    if head.startswith("861"):
        return (13,)
    if head.startswith("1"):
        return (11,)
    if head.startswith(("400", "800")):
        return (10,)
    if head.startswith("95"):
        return (11, 10)
    return ()


def service_shape(digits: str) -> bool:
    """The shapes of service numbers: 95xxx(x), 96xxx(x), 12xxx, 10xxx."""
    if len(digits) in (5, 6) and digits[:2] in ("95", "96"):
        return True
    return len(digits) == 5 and digits[:2] in ("12", "10")


def service_after_country_code(digits: str, plus: bool) -> str:
    """The service number after China's country code (``+86`` or ``0086``) that starts *digits*
    (written after ``+`` when *plus*), or ``""``: ``+86 95384`` is the same line as ``95384``."""
    prefix = "86" if plus else "0086"
    if digits.startswith(prefix) and service_shape(digits[len(prefix) :]):
        return digits[len(prefix) :]
    return ""


@functools.lru_cache(maxsize=8192)
def phone_details(info: tuple[str, str, str, int]) -> Any:
    """The :class:`HitDetails` of a number :func:`classify_phone` accepted (*info*)."""
    e164, kind, region, country = info
    listed = listed_numbers().get(e164[3:] if e164.startswith("+86") else e164)
    return details(
        number_type=kind,
        region=region,
        country_code=country,
        cross_border=region != "CN",
        personal=False if kind in _INSTITUTIONAL else _PERSONAL.get(kind),
        institution=listed[0] if listed else None,
        institution_name=listed[1] if listed else None,
    )


@functools.lru_cache(maxsize=1024)
def short_details(listed: tuple[str, str] | None) -> Any:
    """The :class:`HitDetails` of a service number, with its *listed* institution if any."""
    return details(
        personal=False,
        institution=listed[0] if listed else None,
        institution_name=listed[1] if listed else None,
    )
