"""Scam phrase families, read from ``data/phrases.toml`` on first use (private).

Each family has a stable code, a Chinese and an English description, the official typologies it
comes from, and its phrases: named by the sources, weak (also in genuine messages), unconfirmed
(added by hand) or slang (filter-dodging spellings, all unconfirmed).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from acctverify._data import document
from acctverify.exceptions import DataError

if TYPE_CHECKING:
    from acctverify.models.text import PhraseFamily

__all__ = ["PHRASE_FAMILIES", "phrase_families"]

_FILE = "phrases.toml"
_KEYS = {
    "code", "zh", "en", "sources", "phrases", "weak", "unconfirmed", "slang", "note", "label_zh",
    "label_en", "weight", "floor",
}  # fmt: skip


def _family(entry: dict[str, Any]) -> PhraseFamily:
    from acctverify.models.text import PhraseFamily

    unknown = set(entry) - _KEYS
    if unknown:
        raise DataError(f"{_FILE}: unknown keys {sorted(unknown)} in family {entry.get('code')}")
    slang = tuple((item["phrase"], item["means"]) for item in entry.get("slang", ()))
    return PhraseFamily(
        code=entry["code"],
        zh=entry["zh"],
        en=entry["en"],
        sources=tuple(entry["sources"]),
        phrases=tuple(entry.get("phrases", ())),
        weak=tuple(entry.get("weak", ())),
        unconfirmed=tuple(entry.get("unconfirmed", ())),
        slang=slang,
        note=entry.get("note", ""),
        label_zh=entry["label_zh"],
        label_en=entry["label_en"],
        weight=entry["weight"],
        floor=entry.get("floor"),
    )


@functools.cache
def phrase_families() -> Mapping[str, PhraseFamily]:
    """Return every phrase family by code, read once from ``data/phrases.toml``.

    >>> families = phrase_families()
    >>> families['safe_account'].phrases[0]
    '安全账户'
    >>> ('鞋商', '协商') in families['debt_intermediary'].slang
    True
    """
    families: dict[str, PhraseFamily] = {}
    for entry in document(_FILE)["family"]:
        family = _family(entry)
        if family.code in families:
            raise DataError(f"{_FILE}: family {family.code} listed twice")
        families[family.code] = family
    return MappingProxyType(families)


class _LazyFamilies(Mapping[str, "PhraseFamily"]):
    """The phrase families as a read-only mapping that reads the data file on first access."""

    def __getitem__(self, code: str) -> PhraseFamily:
        return phrase_families()[code]

    def __iter__(self) -> Iterator[str]:
        return iter(phrase_families())

    def __len__(self) -> int:
        return len(phrase_families())

    def __repr__(self) -> str:
        return f"PHRASE_FAMILIES({', '.join(self)})"


#: Every phrase family by code (read from ``data/phrases.toml`` on first access).
PHRASE_FAMILIES: Mapping[str, PhraseFamily] = _LazyFamilies()
