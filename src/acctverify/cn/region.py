"""行政区划代码 (administrative division code, GB/T 2260), with the codes no longer in use.

A division code has six digits:

* digits 1-2: province-level division (省级),
* digits 3-4: prefecture-level division (地级), ``00`` for the province itself,
* digits 5-6: county-level division (县级), ``00`` for the prefecture itself.

Credit codes keep the region code of the registering authority *when the code was issued*, so a
code abolished since (``120222`` 武清县, abolished 2000) still appears in genuine credit codes, and
``100000`` (not a GB/T 2260 code) marks registration with the national authority. This module
knows every historical code in python-stdnum's table (``stdnum/cn/loc.dat``, built from the
zh.wikipedia 中华人民共和国行政区划代码 pages, with the years each name was in use) plus
``100000``.

More information:

* https://zh.wikipedia.org/wiki/中华人民共和国行政区划代码
* ../shared/reference/identifiers.md §1.5

>>> lookup('440304').full_name
'广东省深圳市福田区'
>>> info = lookup('120222')
>>> info.name, info.abolished
('武清县', True)
>>> lookup('100000').national
True
>>> is_valid('999999')
False
>>> validate('99999')
Traceback (most recent call last):
    ...
stdnum.exceptions.InvalidLength: ...
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from stdnum.exceptions import InvalidComponent, InvalidFormat, InvalidLength, ValidationError

from acctverify.cn._util import ascii_digits, clean

if TYPE_CHECKING:
    from acctverify.models import RegionInfo

__all__ = ["NATIONAL", "compact", "format", "is_valid", "lookup", "validate"]

#: Not a GB/T 2260 code, but used in credit codes registered with the national authority
#: (e.g. ICBC ``91100000100003962T``, BOC ``911000001000013428``).
NATIONAL = "100000"

# Prefecture-level rows that only group counties (not names anyone writes in an address).
_GROUPING_NAMES = frozenset({"市辖区", "县", "郊区"})

_YEARS = re.compile(r"\[(\d{4})?-(\d{4})?\]")


def compact(number: object) -> str:
    """Return the code without separators or surrounding junk.

    >>> compact(' 44 03 04 ')
    '440304'
    """
    return clean(number)


def validate(number: object) -> str:
    """Check that *number* is a known (current or historical) region code; return it compact."""
    code = compact(number)
    if len(code) != 6:
        raise InvalidLength()
    if not ascii_digits(code):
        raise InvalidFormat()
    if not lookup(code).known:
        raise InvalidComponent("unknown region code")
    return code


def is_valid(number: object) -> bool:
    """Return whether *number* is a known region code; never raises."""
    try:
        return bool(validate(number))
    except (ValidationError, TypeError, ValueError):
        return False


def format(number: object) -> str:
    """Return the standard presentation of the code (its compact form)."""
    return compact(number)


def _entries(value: str) -> list[tuple[int | None, int | None, str]]:
    """Split a loc.dat name list (``[1983-2019]桥东区,[2020-]襄都区``) into (from, until, name)."""
    out: list[tuple[int | None, int | None, str]] = []
    for part in value.split(","):
        match = _YEARS.match(part)
        if match:
            start, end = match.group(1), match.group(2)
            out.append(
                (int(start) if start else None, int(end) if end else None, part[match.end() :])
            )
        else:
            out.append((None, None, part))
    return out


def lookup(number: object) -> RegionInfo:
    """Look up a 6-digit region code; unknown codes give ``known=False`` rather than an error.

    Raises :class:`~stdnum.exceptions.ValidationError` only when *number* is not six digits.
    """
    code = compact(number)
    if len(code) != 6:
        raise InvalidLength()
    if not ascii_digits(code):
        raise InvalidFormat()
    return _lookup(code)


@functools.lru_cache(maxsize=4096)
def _lookup(code: str) -> RegionInfo:
    from stdnum import numdb

    from acctverify.models import RegionInfo

    if code == NATIONAL:
        return RegionInfo(
            code=code, known=True, national=True, name="全国", full_name="全国 (国家登记机关)"
        )
    database = numdb.get("cn/loc")
    props = {key: value for _, part in database.info(code) for key, value in part.items()}
    if "county" not in props:
        return RegionInfo(code=code, known=False, province=props.get("province"))
    entries = _entries(props["county"])
    _, end, name = entries[-1]
    province = props.get("province")
    prefecture = None
    if code[4:] != "00" and code[2:4] != "00":
        prefecture_props = {
            key: value for _, part in database.info(code[:4] + "00") for key, value in part.items()
        }
        if "county" in prefecture_props:
            prefecture = _entries(prefecture_props["county"])[-1][2]
    parts = [province or ""]
    if prefecture and prefecture not in _GROUPING_NAMES and "直辖" not in prefecture:
        parts.append(prefecture)
    if name != province and name not in _GROUPING_NAMES:
        parts.append(name)
    history = tuple(
        f"{'' if s is None else s}-{'' if e is None else e} {n}" if (s or e) else n
        for s, e, n in entries
    )
    return RegionInfo(
        code=code,
        known=True,
        name=name,
        province=province,
        prefecture=prefecture,
        full_name="".join(parts),
        abolished=end is not None,
        history=history,
    )
