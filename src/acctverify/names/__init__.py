"""Chinese company names (企业名称): parse them, and match a payee name against an expected name.

A registered name is 行政区划 + 字号 + 行业/经营特点 + 组织形式 (企业名称登记管理规定 Art. 6):

* region (行政区划): in front (``深圳市``), in brackets before the legal form
  (``腾讯科技(深圳)``) or left out by firms registered nationally;
* trade name (字号): at least two characters, the part that identifies the firm;
* industry (行业/经营特点): ``科技``, ``计算机系统``, ``银行`` …; never enough to match on;
* legal form (组织形式) at the end: ``有限公司`` ≡ ``有限责任公司``,
  ``股份有限公司`` ≡ ``股份公司``, partnerships, ``(个体工商户)``;
* optionally a branch tail: ``…有限公司北京分公司``, ``…股份有限公司成都第六支行``, a bank's
  office (``…银行股份有限公司信用卡中心``), also in brackets (``…股份有限公司(深圳分行)``).

:func:`match_names` returns EU Verification-of-Payee outcomes with Confirmation-of-Payee-style
reason codes (:data:`REASONS`): MTCH for formatting-only differences and statutory synonyms, CMTC
(with the expected name) for a branch, another region placement, another legal form or a short
form, NMTC for another name, a one-character look-alike or spoofing characters, NOAP when the names
cannot be compared. A look-alike is never normalised into a match: zero-width characters, Kangxi
radicals, Cyrillic letters and stray traditional characters are reported (:func:`spoofing_signs`),
and a one-character swap in the core is NMTC with LKHG (glyph), LKHP (same pinyin) or LKED. A
look-alike keeps the identity of the expected name (at least half of its 字号 + industry without
generic words such as 银行): ``中国建设银行`` is another name than ``中国工商银行`` (ANNM).

More information:

* ../shared/reference/names.md §4, §6, §7; licence.md §4
* https://www.wearepay.uk/what-we-do/overlay-services/confirmation-of-payee/faqs/
* https://www.europeanpaymentscouncil.eu/node/28106

>>> match_names('腾讯科技（深圳）有限公司', '腾讯科技(深圳)有限公司').outcome.value
'MTCH'
>>> result = match_names('深圳市腾讯计算机系统有限公司', '腾讯计算机系统（深圳）有限公司')
>>> result.outcome.value, result.reasons, result.actual_name
('CMTC', ('RGPL',), '腾讯计算机系统（深圳）有限公司')
>>> result = match_names('华微技术有限公司', '华为技术有限公司')
>>> result.outcome.value, result.reasons, [(x.given_char, x.kind) for x in result.lookalikes]
('NMTC', ('LKHP',), [('微', 'homophone')])
>>> match_names('腾讯\u200b科技(深圳)有限公司', '腾讯科技(深圳)有限公司').reasons
('SPUF',)
>>> name = parse_company_name('北京字节跳动科技有限责任公司')
>>> name.region, name.trade_name, name.industry, name.legal_form_canonical
('北京', '字节跳动', '科技', '有限公司')
>>> parse_company_name(None)
Traceback (most recent call last):
    ...
TypeError: expected a str, got NoneType
"""

from __future__ import annotations

from acctverify.models.names import CompanyName, Lookalike, MatchOutcome, NameMatch, SpoofSign
from acctverify.names._match import REASONS, UPGRADABLE, match_any, match_names
from acctverify.names._normalise import MAX_NAME_LENGTH, SPOOF_KINDS
from acctverify.names._normalise import scan as _scan
from acctverify.names._parse import analyse as _analyse

__all__ = [
    "MAX_NAME_LENGTH",
    "REASONS",
    "SPOOF_KINDS",
    "UPGRADABLE",
    "CompanyName",
    "Lookalike",
    "MatchOutcome",
    "NameMatch",
    "SpoofSign",
    "looks_like_person_name",
    "match_any",
    "match_names",
    "parse_company_name",
    "spoofing_signs",
]


def parse_company_name(name: str) -> CompanyName:
    """Split *name* into region, trade name, industry, legal form and branch.

    Never raises for a ``str`` (any text gives a :class:`CompanyName`; only the first
    :data:`MAX_NAME_LENGTH` characters are analysed and ``truncated`` says so); anything that is
    not a ``str`` raises :class:`TypeError`.

    >>> name = parse_company_name('阿里巴巴（中国）有限公司北京分公司')
    >>> name.region, name.region_placement, name.trade_name, name.legal_form, name.branch
    ('中国', 'bracket', '阿里巴巴', '有限公司', '北京分公司')
    >>> parse_company_name('深圳市騰訊計算機系統有限責任公司').normalised
    '深圳市腾讯计算机系统有限公司'
    >>> parse_company_name('深圳市騰訊計算機系統有限責任公司').changes
    ('t2s', 'legal_form_synonym')
    """
    if not isinstance(name, str):
        raise TypeError(f"expected a str, got {type(name).__name__}")
    return _analyse(name).model


def spoofing_signs(text: str) -> tuple[SpoofSign, ...]:
    """Return the characters of *text* that have no legitimate use in a name; never raises.

    Looks at the first :data:`MAX_NAME_LENGTH` characters, *before* any normalisation (NFKC folds
    Kangxi radicals and compatibility ideographs into ordinary characters). Anything that is not a
    ``str`` gives ``()``. The kinds are listed in :data:`SPOOF_KINDS`; Han mixed with Latin
    (``华为Technologies``) is legitimate.

    >>> [(s.kind, s.codepoint, s.position) for s in spoofing_signs('腾讯\u200b科技')]
    [('hidden_character', 'U+200B', 2)]
    >>> [(s.kind, s.char) for s in spoofing_signs('⼈民银行')]
    [('compatibility_ideograph', '⼈')]
    >>> spoofing_signs('华为Technologies有限公司')
    ()
    """
    if not isinstance(text, str):
        return ()
    if len(text) <= MAX_NAME_LENGTH:
        return _analyse(text).model.spoofing
    return _scan(text[:MAX_NAME_LENGTH])


def looks_like_person_name(text: str) -> bool:
    """Return whether *text* reads as a personal name rather than an organisation; never raises.

    A heuristic on the normalised text: two to four Han characters starting with a common surname
    (single or compound), or Han parts joined by a middle dot (any of ``·•・●∙``), and no
    organisation, industry or legal-form word.

    >>> looks_like_person_name('张三'), looks_like_person_name('买买提•艾力')
    (True, True)
    >>> looks_like_person_name('腾讯科技有限公司'), looks_like_person_name('个体户张三')
    (False, False)
    """
    if not isinstance(text, str):
        return False
    return _analyse(text).model.looks_like_person
