"""The directory of official creditors (官方债权人名录): who is owed, under which legal names.

A borrower is told to repay "微粒贷" or "借呗" — brands, not account names. The directory maps
product names, aliases, abbreviations, registered names and former names to a creditor entry and
its facts, each with its source and confidence:

* legal entities (the names a genuine payee account may carry; 统一社会信用代码 only where a source
  ties it to the name; 金融许可证 机构编码 for licensed consumer-finance companies),
* published hotlines (for banks, merged from :mod:`acctverify.cn.banks`), official web domains,
* official repayment channels (in-app only, where confirmed) and corporate repayment accounts (none
  is published by any creditor in the built-in data; a lender can add its own in a user file),
* contact policies and official anti-fraud statements.

The built-in table (``acctverify/data/creditors.toml``) covers the consumer lenders, online banks
and national banks a borrower in China is most likely to deal with. A user file (TOML or JSON, in
the shape of :class:`~acctverify.models.directory.DirectoryFile`; :func:`json_schema` gives its
JSON Schema) adds entries or replaces built-in ones by id.

Look-alikes of an official name (``微粒货``, ``深圳前海徽众银行股份有限公司``) are never resolved:
they come back with ``creditor=None``, ``lookalike=True`` and ``lookalike_of`` set. A text that only
*contains* an official name (``微粒贷协商中心``) resolves, with ``exact=False`` and the reason
``contained_name``: it is not an official name.

More information: ../shared/reference/creditors.md, scam-signals.md §1.2.

>>> m = resolve_creditor('微粒贷')
>>> m.creditor.id, m.via.value, m.exact
('webank', 'product', True)
>>> m.creditor.entities[0].uscc
'9144030031977063XH'
>>> m = resolve_creditor('微粒贷协商中心')
>>> m.creditor.id, m.extra, m.reasons
('webank', '协商中心', ('contained_name', 'debt_relief_wording'))
>>> m = resolve_creditor('徽粒贷')
>>> m.creditor is None, m.lookalike, m.lookalike_of, m.reasons
(True, True, '微粒贷', ('lookalike_glyph',))
>>> resolve_creditor('招联消费金融有限公司').reasons
('former_name',)
>>> default_directory().is_official_domain('webank.com.evil.top') is None
True
>>> load_directory('missing.toml')
Traceback (most recent call last):
    ...
acctverify.exceptions.DataError: missing.toml: cannot read the file: No such file or directory
"""

from __future__ import annotations

import os
from typing import Any

from acctverify._unicode import match_key as normalise
from acctverify.directory._directory import MAX_QUERY_CHARS, Directory
from acctverify.models.directory import Creditor, CreditorMatch, DirectoryFile

__all__ = [
    "MAX_QUERY_CHARS",
    "REASONS",
    "Creditor",
    "CreditorMatch",
    "Directory",
    "default_directory",
    "json_schema",
    "load_directory",
    "normalise",
    "resolve_creditor",
]

#: Every code :attr:`CreditorMatch.reasons` may hold, with its meaning in Chinese and English.
REASONS: dict[str, tuple[str, str]] = {
    "contained_name": (
        "文本包含官方名称，但本身不是官方名称",
        "the text contains an official name but is not one itself",
    ),
    "debt_relief_wording": (
        "官方名称后附加了“协商”“债务优化”“法务”等字样：债权人没有这样的部门",
        "words of the debt-relief trade (协商, 债务优化, 法务 …) are added to the official name: "
        "no creditor has such a department",
    ),
    "unregistered_company_name": (
        "文本是一个公司名称，含有债权人的名称，但不是其任何登记名称",
        "the text is a company name containing the creditor's name, but none of its registered "
        "names",
    ),
    "bank_branch": ("银行的分支机构名称", "the name of a branch or office of the bank"),
    "former_name": (
        "曾用名：收款户名现在应为现用名称",
        "a former registered name: a payee account now carries the current name",
    ),
    "unconfirmed_entity": (
        "该主体与债权人的关系未经证实，不能作为收款方可信的依据",
        "the entity's link to the creditor is unconfirmed: never evidence that a payee is genuine",
    ),
    "unconfirmed_creditor": ("该条目的信息均未经证实", "nothing in this entry is confirmed"),
    "ambiguous": ("多个条目使用该名称", "several entries claim the name"),
    "lookalike_glyph": (
        "把官方名称中的字换成了形近字（如“微”换成“徽”）：仿冒名称",
        "characters of an official name are swapped for look-alike ones (徽 for 微): an imitation",
    ),
    "lookalike_edit": (
        "与官方名称仅差一两个字：仿冒名称",
        "one or two characters differ from an official name: an imitation",
    ),
    "lookalike_homophone": (
        "与官方名称读音相同、用字不同：仿冒名称",
        "sounds the same as an official name but is written differently: an imitation",
    ),
    "invisible_characters": (
        "文本含有不可见字符（已在比对时去除）",
        "the text holds invisible characters (removed for matching)",
    ),
    "compatibility_ideographs": (
        "文本含有康熙部首或兼容汉字（如“⼯”），外观与常用字相同：可能是规避手段",
        "the text uses Kangxi radicals or compatibility ideographs (such as ⼯) that look like "
        "ordinary characters: a possible evasion",
    ),
    "traditional_chinese": ("繁体字已转换为简体后比对", "traditional characters were simplified"),
}


def default_directory() -> Directory:
    """Return the built-in directory (read on first use, cached)."""
    return Directory.builtin()


def load_directory(path: str | os.PathLike[str], *, builtin: bool = True) -> Directory:
    """Read a user directory file and return it merged over the built-in directory.

    With ``builtin=False`` the file's entries alone are returned. Raises
    :class:`acctverify.exceptions.DataError` naming the file, and the line or the field at fault.
    """
    loaded = Directory.load(path)
    return default_directory().merged(loaded) if builtin else loaded


def resolve_creditor(text: object, *, directory: Directory | None = None) -> CreditorMatch | None:
    """Find the creditor *text* names (see :meth:`Directory.resolve`); never raises."""
    return (directory or default_directory()).resolve(text)


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema of a directory file."""
    return DirectoryFile.model_json_schema()
