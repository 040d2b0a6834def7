"""The name index behind Directory.resolve (private)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from acctverify._lookalike import Candidate
from acctverify._unicode import match_key as normalise
from acctverify.models.directory import Creditor, KnownNames, LegalEntity, MatchVia

__all__ = [
    "BANK_CONTEXT",
    "BRANCH_ENDINGS",
    "DEBT_RELIEF_WORDS",
    "LEGAL_FORMS",
    "SERVICE_WORDS",
    "Entry",
    "Index",
    "bank_keys",
    "build_index",
    "covered",
    "find_contained",
]

# Words after a bank's name that make a branch or office of the bank: a legitimate name.
BRANCH_ENDINGS = ("分行", "支行", "营业部", "分理处", "储蓄所", "信用卡中心", "卡中心", "分中心")
# Words after a short bank alias (工行, 招行) that show the text is about the bank.
BANK_CONTEXT = (
    "信用卡", "卡中心", "分行", "支行", "营业部", "客服", "热线", "电话", "贷款", "网银",
    "手机银行", "app", "协商", "催收", "法务", "还款", "分期", "中心", "官方",
)  # fmt: skip
# Words of the debt-relief trade (scam-signals.md §2.2-§2.3): no creditor has such a department.
DEBT_RELIEF_WORDS = (
    "协商", "债务", "优化", "重组", "化解", "停息", "挂账", "减免", "代理", "维权", "投诉",
    "法务", "清退", "注销", "清空",
)  # fmt: skip
# Words that follow a creditor's name in a claimed department or channel (微粒货协商中心).
SERVICE_WORDS = (
    *DEBT_RELIEF_WORDS, "客服", "中心", "官方", "专员", "催收", "热线", "电话", "部", "团队",
    "平台", "app",
)  # fmt: skip
# Endings that make a text a company name.
LEGAL_FORMS = ("有限公司", "股份公司", "有限责任公司", "合伙)", "合伙企业")
_CONTAINABLE = frozenset({MatchVia.PRODUCT, MatchVia.ALIAS, MatchVia.LEGAL_NAME})


@dataclass(frozen=True)
class Entry:
    key: str
    official: str
    creditor_id: str
    via: MatchVia
    entity: LegalEntity | None = None


@dataclass(frozen=True)
class Index:
    exact: dict[str, tuple[Entry, ...]]
    contained: tuple[Entry, ...]
    bank_prefixes: tuple[Entry, ...]
    candidates: tuple[Candidate, ...]
    known: tuple[str, ...]
    bank_codes: frozenset[str]


@functools.lru_cache(maxsize=512)
def bank_keys(code: str) -> frozenset[str]:
    from acctverify.cn import banks

    bank = banks.get(code)
    if bank is None:
        return frozenset()
    names = [bank.name, bank.code, *bank.aliases, *([bank.legal_name] if bank.legal_name else [])]
    return frozenset(normalise(n) for n in names)


def covered(key: str, index: Index) -> tuple[tuple[int, int], ...]:
    """Spans of *key* where a genuine official name occurs."""
    spans = []
    for entry in index.contained:
        start = key.find(entry.key)
        if start >= 0:
            spans.append((start, start + len(entry.key)))
    return tuple(spans)


def find_contained(key: str, index: Index) -> tuple[Entry, int] | None:
    best: tuple[Entry, int] | None = None
    for entry in index.contained:  # longest first
        start = key.find(entry.key)
        if start >= 0:
            return entry, start
    for entry in index.bank_prefixes:
        if (
            key.startswith(entry.key)
            and key[len(entry.key) :].startswith(BANK_CONTEXT)
            and (best is None or len(entry.key) > len(best[0].key))
        ):
            best = (entry, 0)
    return best


def _own(key: str) -> str:
    """The distinctive part of a name: for a company name, its 字号 and industry without the
    region, legal form and generic words (重庆蚂蚁消费金融有限公司 -> 蚂蚁); with the region when
    that is all that tells it apart (宁波银行股份有限公司 -> 宁波)."""
    from acctverify._lookalike import distinctive, is_generic
    from acctverify.names import parse_company_name

    parsed = parse_company_name(key)
    if parsed.is_company and parsed.core and not parsed.spoofing:
        own = distinctive(parsed.core)
        if not is_generic(own):
            return own
    return distinctive(key, legal_form=True)


def build_index(creditors: tuple[Creditor, ...], known: tuple[KnownNames, ...]) -> Index:
    from acctverify.cn import banks

    exact: dict[str, list[Entry]] = {}
    contained: list[Entry] = []
    bank_prefixes: list[Entry] = []
    candidates: dict[str, Candidate] = {}

    def add(
        creditor: Creditor, name: str, via: MatchVia, entity: LegalEntity | None = None
    ) -> None:
        key = normalise(name)
        if not key:
            return
        entries = exact.setdefault(key, [])
        if any(e.creditor_id == creditor.id for e in entries):
            return
        entry = Entry(key, name, creditor.id, via, entity)
        entries.append(entry)
        long_enough = len(key) >= 3 or via is MatchVia.PRODUCT
        if (via in _CONTAINABLE or via is MatchVia.FORMER_NAME) and long_enough:
            contained.append(entry)
        if via is MatchVia.BANK:
            if len(key) >= 4 and "银行" in key:
                contained.append(entry)
            else:
                bank_prefixes.append(entry)
        if via is not MatchVia.ABBREVIATION and key not in candidates:
            candidates[key] = Candidate(key, name, creditor.id, _own(key))

    for creditor in creditors:
        for name in creditor.products:
            add(creditor, name, MatchVia.PRODUCT)
        for name in (*creditor.aliases, creditor.name, creditor.name_en):
            add(creditor, name, MatchVia.ALIAS)
        for name in creditor.abbreviations:
            add(creditor, name, MatchVia.ABBREVIATION)
        for entity in creditor.entities:
            add(creditor, entity.name, MatchVia.LEGAL_NAME, entity)
            for former in entity.former_names:
                add(creditor, former.name, MatchVia.FORMER_NAME, entity)
        bank = banks.get(creditor.bank_code) if creditor.bank_code else None
        if bank is not None:
            for bank_name in (bank.legal_name, bank.name, *bank.aliases, bank.code):
                if bank_name:
                    add(creditor, bank_name, MatchVia.BANK)
    known_keys = tuple(normalise(n) for group in known for n in group.names)
    return Index(
        exact={k: tuple(v) for k, v in exact.items()},
        contained=tuple(sorted(contained, key=lambda e: -len(e.key))),
        bank_prefixes=tuple(bank_prefixes),
        candidates=tuple(candidates.values()),
        known=tuple(k for k in known_keys if k),
        bank_codes=frozenset(c.bank_code for c in creditors if c.bank_code),
    )
