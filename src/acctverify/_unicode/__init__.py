"""The one home of text folding: character classes, script conversion, pinyin (private).

Every module that compares or searches Chinese text takes its primitives from here, so that "is
this a Chinese character", "what does this look like in simplified script" and "how is this
character read" have one answer each:

* :data:`INVISIBLE_CHARACTERS`, :func:`is_han`, :func:`has_surrogate` / :func:`replace_surrogates`
  (one policy: a lone surrogate becomes U+FFFD, one for one, so offsets stay valid);
* :func:`t2s` / :func:`s2t` (one OpenCC loader, imported on first use), :func:`readings` (every
  toneless pinyin reading of a character, pypinyin, imported on first use);
* three presets built on them:

  - :func:`match_key`: the key names are looked up by (NFKC, no invisible characters or
    whitespace, case-folded, simplified; idempotent);
  - :func:`fold_name`: a company name's comparison form with the changes made and a map back to
    the original characters (:mod:`acctverify._unicode._name`);
  - :func:`fold_message`: a message's matching form with an offset map back to the original, junk
    removed between characters, long runs of Chinese numerals read as digits, traditional script
    always converted (:mod:`acctverify._unicode._message`).

>>> is_han('中'), is_han('〇'), is_han('\\u4dc0'), is_han('a')
(True, True, False, False)
>>> match_key(' 微\\u200b粒 貸 ')
'微粒贷'
>>> sorted(readings('行'))
['hang', 'heng', 'xing']
>>> fold_message('加 V信：１３８★１２３４★５６７８').text
'加v信:13812345678'
"""

from __future__ import annotations

from acctverify._unicode._chars import (
    INVISIBLE_CHARACTERS,
    has_compatibility_ideographs,
    has_han,
    has_invisible,
    has_surrogate,
    has_traditional,
    is_han,
    match_key,
    readings,
    replace_surrogates,
    s2t,
    squeeze,
    t2s,
)
from acctverify._unicode._message import NormalisedText, fold_message
from acctverify._unicode._name import FoldedName, fold_name

__all__ = [
    "INVISIBLE_CHARACTERS",
    "FoldedName",
    "NormalisedText",
    "fold_message",
    "fold_name",
    "has_compatibility_ideographs",
    "has_han",
    "has_invisible",
    "has_surrogate",
    "has_traditional",
    "is_han",
    "match_key",
    "readings",
    "replace_surrogates",
    "s2t",
    "squeeze",
    "t2s",
]
