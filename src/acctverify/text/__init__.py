"""Scan messages for contact channels and scam phrases, in linear time.

消息扫描：联系方式与诈骗话术。

Like phonenumbers' matcher, searching and validating are separate and every match keeps its exact
span in the original text: ``text[hit.start:hit.end] == hit.raw``, whatever normalisation was
needed to find it. What :func:`scan` reports (:class:`~acctverify.models.text.HitKind`):

* ``phone`` — valid for its region per phonenumbers, value in E.164, with number type, region and
  ``cross_border`` (``+852…``, ``00…``);
* ``short_number`` — service numbers (95xxx, 96xxx, 12xxx …) with the institution they are listed
  for; never a personal contact;
* ``wechat``, ``qq`` — an ID or number right after a channel word (微信, V信, vx, 加V, 薇信 …; QQ,
  扣扣, 企鹅, Q号 …); ``wecom`` for 企业微信, kept apart;
* ``url`` (value the host), ``email`` — with the registered domain (tldextract, bundled suffix
  list, never fetched), short-link hosts and brand look-alikes;
* ``app`` — meeting, chat and remote-control apps and screen sharing (``tencent_meeting``,
  ``telegram``, ``sunlogin``, ``screen_sharing`` …);
* ``phrase`` — a phrase of a scam phrase family (:data:`PHRASE_FAMILIES`, from official
  typologies).

Phrases and apps are flagged ``negated`` when the message warns against them (``不要相信任何要求您
共享屏幕的人``, ``谨防“债务优化”“停息挂账”骗局``, ``公检法没有安全账户``): a negator or warning
word earlier in the clause, or a warning later in the sentence (``…都是诈骗``). Secrecy phrases are
worded as negations (``不要告诉家人``), so only warning words (警惕, 谨防, 凡是 …) negate them.

Normalisation (:func:`normalise`): NFKC (full-width and circled characters), traditional →
simplified, junk removed between characters (``微 信``, ``138★1234★5678``), runs of Chinese numerals
as digits (``一三八…``, ``幺``, ``壹叁捌``), channel words in their homophone and slang spellings.

Cost: one RE2 pattern (contacts and a trie of every keyword) finds every candidate in a single
linear pass; the rest is bounded work around each candidate, so the cost grows linearly with the
text (``bench/bench_text.py``). Every pattern is in the RE2 subset and the test suite compiles
each one with google-re2. Text beyond ``max_chars`` (default 1,000,000) is not scanned and is
reported as truncated, never an error. phonenumbers, tldextract and pypinyin are imported on
first use, not with this module.

More information:

* ../shared/reference/scam-signals.md §2 (typologies, lexicon), §4 (regex safety), §5 (contacts)
* https://github.com/daviddrysdale/python-phonenumbers (``phonenumbermatcher.py``)

>>> hits = scan('【微众银行】您的借款已逾期，详询95384')
>>> [(h.kind.value, h.value, h.details.institution) for h in hits]
[('short_number', '95384', 'WEBANK')]
>>> hit = scan('加V信：１３８★１２３４★５６７８')[0]
>>> hit.kind.value, hit.value, hit.raw, hit.obfuscated
('phone', '+8613812345678', '１３８★１２３４★５６７８', True)
>>> [(h.kind.value, h.value) for h in scan('您的账户涉嫌洗钱，请将资金转入安全账户')]
[('phrase', 'impersonation'), ('phrase', 'safe_account')]
>>> scan(b'95588')
Traceback (most recent call last):
    ...
TypeError: scan() expects str, got bytes
"""

from __future__ import annotations

from acctverify._unicode import NormalisedText
from acctverify._unicode import fold_message as normalise
from acctverify.models.text import (
    CueHit,
    HitDetails,
    HitKind,
    MessageForm,
    MessageRisk,
    PhraseFamily,
    RiskContribution,
    ScanResult,
    TextHit,
    TypologyMatch,
)
from acctverify.text._cues import CUES, TYPOLOGIES, Cue, Typology
from acctverify.text._phrases import PHRASE_FAMILIES, phrase_families
from acctverify.text._risk import assess as _assess
from acctverify.text._scan import DEFAULT_MAX_CHARS, RULES, scan, scan_detailed, scan_folded

__all__ = [
    "CUES",
    "DEFAULT_MAX_CHARS",
    "PHRASE_FAMILIES",
    "RULES",
    "TYPOLOGIES",
    "Cue",
    "CueHit",
    "HitDetails",
    "HitKind",
    "MessageForm",
    "MessageRisk",
    "NormalisedText",
    "PhraseFamily",
    "RiskContribution",
    "ScanResult",
    "TextHit",
    "Typology",
    "TypologyMatch",
    "assess_message",
    "normalise",
    "phrase_families",
    "scan",
    "scan_detailed",
]


def assess_message(text: str, *, max_chars: int = DEFAULT_MAX_CHARS) -> MessageRisk:
    """Read one message as an anti-fraud officer would: its cues, its typologies, its score.

    Who claims to speak, what they ask for, on what pretext, through which channel, under what
    pressure (``CUES``), and which official scam typology those combine into (``TYPOLOGIES``);
    every term of the score points at its spans in *text*. Text beyond *max_chars* is not read.

    >>> risk = assess_message('【速融贷】您已获得50000元借款额度，无抵押无征信，下载闪电贷APP即可'
    ...                       '申请，放款前需先交手续费800元')
    >>> risk.scam, [t.code for t in risk.typologies], risk.money_request
    (True, ['fake_loan'], True)
    >>> assess_message('【工商银行】您尾号0021卡11月28日14:30支出(消费)人民币138.00元，'
    ...                '余额12,345.67元。').scam
    False
    """
    result, norm = scan_folded(text, max_chars=max_chars)
    return _assess(norm, result.hits)
