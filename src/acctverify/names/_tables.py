"""Lazily built vocabularies for name parsing (private).

Everything here is built on first use and cached: the shipped ``name_parts.csv`` and
``lookalikes.csv`` tables, the region names from python-stdnum's ``cn/loc`` table, and the OpenCC
converters and pypinyin readings (imported only when first needed).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
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
    generic: tuple[str, ...]
    """Words that say what kind of institution a name is (银行, 集团), not which: longest first."""


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
        generic=tuple(
            sorted((r["word"] for r in rows if r["kind"] == "generic"), key=lambda w: -len(w))
        ),
    )


@dataclass(frozen=True)
class Lookalikes:
    """The look-alike table: unordered pair -> (kind, source)."""

    pairs: dict[frozenset[str], tuple[str, str]]
    """Both kinds, keyed by the unordered pair."""
    targets: dict[str, str]
    """Confusable character -> the character it poses as (Katakana, Cyrillic, Greek, digits)."""


@functools.cache
def lookalikes() -> Lookalikes:
    """Return the look-alike table, read once."""
    pairs: dict[frozenset[str], tuple[str, str]] = {}
    targets: dict[str, str] = {}
    for row in table("lookalikes.csv").rows:
        pairs[frozenset((row["a"], row["b"]))] = (row["kind"], row["source"])
        if row["kind"] == "confusable":
            targets[row["b"]] = row["a"]
    return Lookalikes(pairs=pairs, targets=targets)


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


@functools.cache
def _opencc(config: str) -> Callable[[str], str]:
    import opencc

    converter = opencc.OpenCC(config)
    return converter.convert


def t2s(text: str) -> str:
    """Convert traditional to simplified script (OpenCC ``t2s``)."""
    return _opencc("t2s")(text)


def s2t(text: str) -> str:
    """Convert simplified to traditional script (OpenCC ``s2t``)."""
    return _opencc("s2t")(text)


@functools.lru_cache(maxsize=8192)
def readings(char: str) -> frozenset[str]:
    """Return the toneless pinyin readings of one Han character (empty for anything else)."""
    if not is_han(char):
        return frozenset()
    from pypinyin import Style, pinyin

    found = pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")
    return frozenset(reading for group in found for reading in group if reading.isascii())


def is_han(char: str) -> bool:
    """Return whether *char* is a unified Han ideograph (any extension block) or 〇."""
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x323AF
        or code == 0x3007
        or (0xFA0E <= code <= 0xFA29 and char in _UNIFIED_IN_COMPAT)
    )


# The twelve CJK compatibility ideographs that are in fact unified ideographs (no decomposition).
_UNIFIED_IN_COMPAT = frozenset(
    "\ufa0e\ufa0f\ufa11\ufa13\ufa14\ufa1f\ufa21\ufa23\ufa24\ufa27\ufa28\ufa29"
)
