"""Lazily built vocabularies for name parsing (private).

Everything here is built on first use and cached: the shipped ``name_parts.csv`` table and the
region names from python-stdnum's ``cn/loc`` table. Script conversion and pinyin are
:mod:`acctverify._unicode`'s; the look-alike table is :mod:`acctverify._lookalike`'s.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from acctverify._data import table

# Suffixes that region names may drop when unambiguous (names.md §4.1: 省/市/县 may be omitted).
# Only province- and prefecture-level names are recognised without their suffix: county names
# without one (平安, 东方, 永安 …) are too often a trade name.
_AUTONOMOUS = ("自治区", "自治州")
_SHORT_SUFFIXES = ("特别行政区", "省", "市")
# Ethnic-group names that follow the place name in 自治区/自治州 names (广西壮族自治区 -> 广西).
_ETHNIC_STARTS = (
    "壮", "回", "维吾尔", "朝鲜", "蒙古", "藏", "彝", "苗", "土家", "傣", "哈萨克", "柯尔克孜",
    "侗", "布依", "景颇", "傈僳", "白", "哈尼", "羌", "满",
)  # fmt: skip
# Regions the stdnum table spells in traditional script, or does not hold as prefixes.
_EXTRA_REGIONS = ("香港", "香港特别行政区", "澳门", "澳门特别行政区", "台湾", "台湾省")
# Bracketed "regions" allowed before the legal form of foreign-invested firms (names.md §4.1).
_BRACKET_ONLY = ("中国", "中华")


@dataclass(frozen=True)
class NameParts:
    """The vocabulary of ``name_parts.csv``."""

    legal_forms: tuple[tuple[str, str], ...]
    """(written, canonical), longest written form first."""
    branches: tuple[tuple[str, bool], ...]
    """(tail, bank only), longest first; ``bank_branch`` tails (信用卡中心) need a bank's name."""
    industries: frozenset[str]
    industry_lengths: tuple[int, ...]
    org_words: tuple[str, ...]
    surnames: frozenset[str]


@functools.cache
def name_parts() -> NameParts:
    """Return the parsing vocabulary, read once."""
    rows = table("name_parts.csv").rows
    legal = sorted(
        ((r["word"], r["canonical"]) for r in rows if r["kind"] == "legal_form"),
        key=lambda pair: -len(pair[0]),
    )
    industries = frozenset(r["word"] for r in rows if r["kind"] == "industry")
    return NameParts(
        legal_forms=tuple(legal),
        branches=tuple(
            sorted(
                (
                    (r["word"], r["kind"] == "bank_branch")
                    for r in rows
                    if r["kind"] in ("branch", "bank_branch")
                ),
                key=lambda pair: -len(pair[0]),
            )
        ),
        industries=industries,
        industry_lengths=tuple(sorted({len(w) for w in industries}, reverse=True)),
        org_words=tuple(r["word"] for r in rows if r["kind"] == "org_word"),
        surnames=frozenset(r["word"] for r in rows if r["kind"] == "surname"),
    )


def _short_forms(name: str, *, level: str) -> list[str]:
    """Return *name* and, for provinces and prefectures, its spellings without the suffix."""
    forms = [name]
    if level == "county":
        return forms
    for suffix in _AUTONOMOUS:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            stem = name[: -len(suffix)]
            cut = min(
                (i for i in range(2, len(stem)) if stem.startswith(_ETHNIC_STARTS, i)),
                default=len(stem),
            )
            forms.append(stem[:cut])
            return forms
    for suffix in _SHORT_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            forms.append(name[: -len(suffix)])
            break
    return forms


@functools.cache
def regions() -> dict[str, str]:
    """Return every region name recognised in names -> its key (the name without its suffix).

    Built from python-stdnum's historical GB/T 2260 table (``cn/loc``): province and prefecture
    names with and without 省/市/自治区/自治州, county-level names only with their suffix.
    """
    from stdnum import numdb

    out: dict[str, str] = {}

    def add(name: str, level: str) -> None:
        if len(name) < 2 or name in ("市辖区", "县", "郊区", "矿区") or "直辖" in name:
            return
        forms = _short_forms(name, level=level)
        key = forms[-1]
        for form in forms:
            out.setdefault(form, key)

    def walk(nodes: list[Any]) -> None:
        for _length, low, _high, props, children in nodes:
            for prop, value in props.items():
                level = (
                    "province"
                    if prop == "province"
                    else ("prefecture" if low.endswith("00") else "county")
                )
                for part in value.split(","):
                    name = part.split("]", 1)[1] if part.startswith("[") else part
                    add(name, level)
            walk(children)

    walk(numdb.get("cn/loc").prefixes)
    for name in _EXTRA_REGIONS:
        add(name, "province")
    return out


@functools.cache
def region_lengths() -> tuple[int, ...]:
    """Return the lengths of the region names, longest first."""
    return tuple(sorted({len(name) for name in regions()}, reverse=True))


def region_key(name: str) -> str | None:
    """Return the key of a region name (``深圳市`` -> ``深圳``), or None if it is not one."""
    if name in _BRACKET_ONLY:
        return name
    return regions().get(name)
