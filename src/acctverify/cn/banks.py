"""Banks: codes, names and aliases, CNAPS categories, published hotlines, account lengths.

One table serves every other module, so that a bank stated by the payer (``工行``, ``工商银行``,
``中国工商银行股份有限公司北京分行``) can be compared with the bank a card BIN or a CNAPS code
points to. Bank codes are Alipay's (``ICBC``, ``ABC``, ``BOC``, ``CCB``, ``COMM``, ``CMB`` …), as
used by both public BIN data sets.

The facts come from the shipped tables (``banks.csv``, ``cnaps_categories.csv``,
``bank_hotlines.csv``, ``account_lengths.csv``); each names its origin in its header. A hotline is
only listed with the page that publishes it, and a number in a message is never proof of anything.

>>> resolve('工行').code
'ICBC'
>>> resolve('中国工商银行股份有限公司北京海淀支行').code
'ICBC'
>>> get('CMB').corporate_account_lengths
(13, 15, 16, 17, 18, 19, 20, 21)
>>> resolve('某某商务咨询有限公司') is None
True
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from acctverify._data import table
from acctverify._unicode import squeeze

if TYPE_CHECKING:
    from acctverify.models.identifiers import BankInfo

__all__ = ["all_banks", "for_cnaps_category", "get", "normalise_name", "resolve", "same_bank"]

# A name that is long and institution-like enough to be matched as the start of a longer name
# (``中国工商银行北京分行``); short aliases such as ``工行`` or ``平安`` must match exactly.
_INSTITUTION_MARKERS = ("银行", "信用社", "信用联社", "合作联社", "联合社", "农商行")


def normalise_name(name: str) -> str:
    """Return *name* in the form used for look-ups: NFKC, no whitespace, Latin upper-case.

    >>> normalise_name(' 中国 工商银行（ICBC） ')
    '中国工商银行(ICBC)'
    """
    return squeeze(name).upper()


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split("|") if part.strip())


def _lengths(value: str) -> tuple[int, ...]:
    return tuple(int(part) for part in _split(value))


@functools.cache
def _index() -> tuple[dict[str, BankInfo], dict[str, str], dict[str, str], dict[str, str]]:
    """Build (banks by code, exact-name index, prefix-name index, category index)."""
    from acctverify.models.identifiers import BankInfo, Hotline

    categories: dict[str, list[str]] = {}
    category_index: dict[str, str] = {}
    for row in table("cnaps_categories.csv").rows:
        if row["bank_code"]:
            categories.setdefault(row["bank_code"], []).append(row["category"])
            category_index[row["category"]] = row["bank_code"]
    hotlines: dict[str, list[Hotline]] = {}
    for row in table("bank_hotlines.csv").rows:
        hotlines.setdefault(row["bank_code"], []).append(
            Hotline(
                number=row["number"],
                kind=row["kind"],
                confidence=row["confidence"],
                source=row["source"],
            )
        )
    lengths = {row["bank_code"]: row for row in table("account_lengths.csv").rows}

    banks: dict[str, BankInfo] = {}
    exact: dict[str, str] = {}
    prefix: dict[str, str] = {}
    for row in table("banks.csv").rows:
        code = row["code"]
        length_row = lengths.get(code, {})
        bank = BankInfo(
            code=code,
            name=row["name"],
            legal_name=row["legal_name"] or None,
            aliases=_split(row["aliases"]),
            cnaps_categories=tuple(categories.get(code, ())),
            hotlines=tuple(hotlines.get(code, ())),
            personal_card_lengths=_lengths(length_row.get("personal_lengths", "")),
            corporate_account_lengths=_lengths(length_row.get("corporate_lengths", "")),
        )
        banks[code] = bank
        names = [bank.name, *bank.aliases, *([bank.legal_name] if bank.legal_name else [])]
        for name in names:
            key = normalise_name(name)
            # The first bank to claim a name keeps it: aliases are curated, collisions are data
            # errors that the data tests catch.
            exact.setdefault(key, code)
            if len(key) >= 4 and any(marker in key for marker in _INSTITUTION_MARKERS):
                prefix.setdefault(key, code)
        exact.setdefault(code.upper(), code)
    return banks, exact, prefix, category_index


def get(code: str) -> BankInfo | None:
    """Return the bank with the given code (``ICBC``), or ``None``."""
    if not isinstance(code, str):
        return None
    return _index()[0].get(code.strip().upper())


def all_banks() -> tuple[BankInfo, ...]:
    """Return every bank in the table."""
    return tuple(_index()[0].values())


def for_cnaps_category(category: str) -> BankInfo | None:
    """Return the bank a 3-digit CNAPS category identifies, or ``None`` for classes of banks."""
    banks, _, _, categories = _index()
    code = categories.get(category)
    return banks.get(code) if code else None


# What may follow a bank's name in the name of one of its branches or offices.
_BRANCH_TAILS = (
    "分行", "支行", "营业部", "分理处", "储蓄所", "营业室", "办事处", "信用卡中心", "卡中心",
    "总行", "分部", "营业厅", "股份有限公司", "有限责任公司", "有限公司",
)  # fmt: skip


def _is_branch_tail(rest: str) -> bool:
    rest = rest.strip("()（）")
    return not rest or rest.endswith(_BRANCH_TAILS) or rest.startswith(_BRANCH_TAILS)


@functools.cache
def _identity(code: str) -> str:
    """The bank a code stands for, as its normalised Chinese name (bcbc keeps two codes for some
    banks, e.g. DBS and DBSCN for 星展银行)."""
    bank = _index()[0].get(code)
    return normalise_name(bank.name) if bank else code


def same_bank(first: str | None, second: str | None) -> bool:
    """Return whether two bank codes stand for the same bank (equal codes or equal names).

    >>> same_bank('DBS', 'DBSCN'), same_bank('ICBC', 'ABC')
    (True, False)
    """
    if not first or not second:
        return False
    return first == second or _identity(first) == _identity(second)


@functools.lru_cache(maxsize=2048)
def _resolve(key: str) -> str | None:
    _, exact, prefix, _ = _index()
    if key in exact:
        return exact[key]
    # Longest known institution name that starts the text, when the rest reads like a branch or
    # an office of it: 中国工商银行北京分行 -> ICBC, but 中国银行保险监督管理委员会 is not BOC.
    for end in range(min(len(key), 40), 3, -1):
        code = prefix.get(key[:end])
        if code is not None and _is_branch_tail(key[end:]):
            return code
    return None


def resolve(name: object) -> BankInfo | None:
    """Find the bank a free-text bank or branch name refers to; ``None`` when not recognised.

    Never raises. Branch names resolve to their bank (``招商银行深圳分行`` -> CMB).
    """
    if not isinstance(name, str) or not name.strip() or len(name) > 200:
        return None
    code = _resolve(normalise_name(name))
    return _index()[0][code] if code else None
