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
    from acctverify.models.identifiers import RegionInfo

__all__ = ["NATIONAL", "compact", "format", "is_valid", "lookup", "province_of", "validate"]

#: Not a GB/T 2260 code, but used in credit codes registered with the national authority
#: (e.g. ICBC ``91100000100003962T``, BOC ``911000001000013428``).
NATIONAL = "100000"

# Prefecture-level rows that only group counties (not names anyone writes in an address).
_GROUPING_NAMES = frozenset({"市辖区", "县", "市"})

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


def _is_place(name: str) -> bool:
    """False for rows that only group counties (市辖区, 县, 省直辖县级行政单位 …)."""
    return name not in _GROUPING_NAMES and "直辖" not in name


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

    from acctverify.models.identifiers import RegionInfo

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
            prefecture_name = _entries(prefecture_props["county"])[-1][2]
            prefecture = prefecture_name if _is_place(prefecture_name) else None
    # A province-level code's own row carries the province's name (in simplified characters,
    # where the province row of the table may use traditional ones: 香港特別行政區).
    parts = [name if code[2:] == "0000" else province or ""]
    if prefecture:
        parts.append(prefecture)
    if code[2:] != "0000" and _is_place(name):
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


_ADMIN_SUFFIX_CHARS = frozenset("区县市镇乡旗盟州")
_SUFFIXES = (
    "特別行政區",
    "特别行政区",
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "自治区",
    "省",
    "市",
)


@functools.cache
def _place_index() -> dict[str, tuple[str, bool]]:
    """Map unambiguous current place names (with and without 省/市 suffix) to their province,
    and whether the name is a shortened form."""
    from stdnum import numdb

    database = numdb.get("cn/loc")
    seen: dict[str, set[str]] = {}
    shortened: set[str] = set()
    for province_code in range(11, 83):
        for suffix in ("0000", *(f"{n:02d}00" for n in range(1, 100))):
            code = f"{province_code:02d}{suffix}"
            props = {k: v for _, part in database.info(code) for k, v in part.items()}
            if "county" not in props or "province" not in props:
                continue
            _, end, name = _entries(props["county"])[-1]
            if end is not None or name in _GROUPING_NAMES or "直辖" in name:
                continue
            names = {name, props["province"]}
            for place in list(names):
                for ending in _SUFFIXES:
                    if place.endswith(ending) and len(place) - len(ending) >= 2:
                        names.add(place[: -len(ending)])
                        shortened.add(place[: -len(ending)])
            for place in names:
                seen.setdefault(place, set()).add(props["province"])
    return {place: (next(iter(p)), place in shortened) for place, p in seen.items() if len(p) == 1}


def province_of(address: object) -> str | None:
    """Return the province an address starts with (``深圳市福田区…`` -> ``广东省``), or ``None``.

    Only province and prefecture-level names that belong to a single province are used; an
    address that starts with anything else gives ``None``. Never raises.

    >>> province_of('深圳市南山区粤海街道'), province_of('广东省深圳市'), province_of('朝阳区')
    ('广东省', '广东省', None)
    """
    if not isinstance(address, str):
        return None
    text = "".join(address[:60].split())
    index = _place_index()
    for end in range(min(len(text), 12), 1, -1):
        entry = index.get(text[:end])
        if entry is None:
            continue
        province, short = entry
        # A shortened name followed by an administrative suffix names another place:
        # 朝阳区 is not 朝阳(市).
        if short and text[end : end + 1] in _ADMIN_SUFFIX_CHARS:
            continue
        return province
    return None
