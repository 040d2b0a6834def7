"""Negation: does the message warn against a phrase or app rather than ask for it (private).

A phrase or app hit is *negated* (``HitDetails.negated``, the word in ``negation``) when the
message warns against it: ``不要相信任何要求您共享屏幕的人``, ``谨防“债务优化”“停息挂账”骗局``,
``公检法没有安全账户``. Genuine anti-fraud notices are full of scam phrases, and they must not read
as scams; so the scanner (:mod:`acctverify.text._scan`) asks this module about every phrase and
app it finds, and nothing else here looks at hits.

Interface: one :class:`Negations` per (normalised) text, asked hit by hit in order of start
(:meth:`Negations.phrase`, :meth:`Negations.app`); each answer is the negating word or ``None``.
It keeps the little state the tests need between hits (whether the text can hold a warning at
all, and the instructions seen so far), so the whole scan stays linear.

Three tests, each on a bounded window around the hit; apps take the first and the last, as
non-instructions:

* **before**, in the same clause: a negator or warning word between the start of the clause (the
  last of ``。！？；,，\\n``, or :data:`_BEFORE` characters back) and the hit. A comma between two
  quoted items (``“债务优化”，“停息挂账”``) does not end the clause, so one word covers a list.
  Plain negators (:data:`_NEGATORS`: 不要, 请勿, 不会, 没有 …) count for every family except the
  *instructions* (:func:`_roles`): the secrecy family (不要告诉家人, 不要接银行电话 …)
  and any phrase that starts with a negator (不要还银行). In those the negation is the scam's
  own wording, so only warning words (:data:`_WARNING_WORDS`: 警惕, 谨防, 凡是, 自称, 不要相信
  …) negate them. A negator inside such an instruction never negates a later hit (请不要挂断并
  提供验证码 still asks for the code: the instruction *shields* what follows), and a negator
  directly followed by 关闭, 退出, 挂断 … asks to keep going (请勿关闭屏幕共享), so it does not
  count either.
* **denial after** (impersonation only: its phrases name an institution): a denial right after it
  in the same clause (公检法没有安全账户, 银保监会无权冻结).
* **warning after**, in the same sentence (commas do not end it): 骗局, 诈骗, 是假的, 不可信 …
  within :data:`_AFTER` characters, unless it is the scam's reassurance or accusation (不是诈骗,
  涉嫌诈骗, 以诈骗罪).

The word lists are documented for users in the header of ``data/phrases.toml``.
"""

from __future__ import annotations

import functools

from acctverify._regex import WINDOW, Pattern, compile_pattern
from acctverify.text._keywords import Keyword

__all__ = ["Negations"]

#: How far back (characters) the clause before a hit is searched for a negation.
_BEFORE = 24
#: How far (characters) the sentence after a hit is searched for a warning.
_AFTER = 24
#: Plain negators: they negate what follows them, except the instructions.
_NEGATORS = (
    "请勿", "切勿", "勿", "不要", "千万不要", "不会", "绝不会", "绝不", "决不", "从不", "从来不",
    "不得", "严禁", "禁止", "没有所谓", "没有", "并没有", "并无", "不存在", "不可能", "无权",
    "拒绝",
)  # fmt: skip
#: Warning words: they negate every family, instructions included.
_WARNING_WORDS = (
    "谨防", "警惕", "防范", "小心", "当心", "提防", "凡是", "自称", "冒充", "假冒", "不要相信",
    "请勿相信", "切勿相信", "不要轻信", "请勿轻信", "切勿轻信", "勿轻信", "勿信", "别信", "别相信",
)  # fmt: skip
#: After a negator, these words ask to keep doing something (请勿关闭, 不要挂断), set a
#: condition (拒绝配合, 没有按时还款) or reassure (不要担心, 没有问题, 防范风险): the negator
#: does not negate what follows.
_NOT_NEGATING = (
    "关闭", "退出", "挂断", "挂电话", "断开", "离开", "结束", "中断", "停止", "配合", "还款",
    "按时", "及时", "还清", "结清", "履行", "缴纳", "支付", "问题", "担心", "着急", "紧张", "害怕",
    "怕", "慌", "急", "紧", "犹豫", "顾虑", "风险",
)  # fmt: skip
#: Denials after an institution's name (impersonation): 公检法没有安全账户.
_DENIALS = (
    "没有所谓", "没有", "并没有", "并无", "不会", "绝不会", "绝不", "决不", "从不", "从来不",
    "不存在", "无权", "不可能", "不得",
)  # fmt: skip
#: Warnings after a hit, in the same sentence; longer forms first, as they are reported.
_WARNINGS_AFTER = (
    "都是诈骗", "均为诈骗", "均是诈骗", "是诈骗", "诈骗行为", "诈骗陷阱", "诈骗手段", "诈骗套路",
    "都是骗局", "是骗局", "的骗局", "骗局", "是骗子", "骗子", "都是假的", "是假的", "诈骗",
    "不可信", "勿信", "陷阱",
)  # fmt: skip
#: A warning word right after these is the scam's reassurance or accusation (不是诈骗, 涉嫌诈骗).
_NOT_WARNING_BEFORE = ("不", "非", "没有", "涉嫌", "涉及", "参与", "以", "调查", "犯")
_NOT_WARNING_AFTER = ("罪", "团伙")
#: Characters that end a clause (before a hit) and a sentence (after it).
_CLAUSE_END = "。!?;\n,；，！？"
_SENTENCE_END = "。!?;\n；！？"
#: A comma between two quoted items does not end the clause.
_QUOTED_COMMA = '[”"」』][,，][“"「『]'


def _alternatives(words: tuple[str, ...]) -> str:
    """An alternation trying longer words first (leftmost-first engines take the first match)."""
    return "|".join(sorted(set(words), key=lambda word: (-len(word), word)))


#: A negator or warning word with nothing ending the clause after it.
_NEGATION_BEFORE = compile_pattern(
    "phrases.negation_before",
    f"({_alternatives(_NEGATORS + _WARNING_WORDS)})(?:[^{_CLAUSE_END}]|{_QUOTED_COMMA})*$",
)
#: The same for the warning words alone (for instructions).
_WARNING_BEFORE = compile_pattern(
    "phrases.warning_before",
    f"({_alternatives(_WARNING_WORDS)})(?:[^{_CLAUSE_END}]|{_QUOTED_COMMA})*$",
)
#: A denial right after an institution's name, in the same clause.
_DENIAL_AFTER = compile_pattern(
    "phrases.denial_after", f"[^{_CLAUSE_END}]{{0,6}}?({_alternatives(_DENIALS)})"
)
#: A warning in the same sentence after a hit (searched in the :data:`_AFTER` characters after).
_WARNING_AFTER = compile_pattern(
    "phrases.warning_after", f"[^{_SENTENCE_END}]*?({_alternatives(_WARNINGS_AFTER)})"
)
#: Families whose phrases are instructions worded as negations (see the module docstring).
_INSTRUCTION_FAMILIES = frozenset({"secrecy"})
#: Families whose phrases name an institution: a denial after them negates them.
_DENIAL_FAMILIES = frozenset({"impersonation"})

#: How a phrase takes part in the negation tests: (only warning words before it count, a denial
#: after it counts, its negators negate nothing after it). Apps: (False, False, False).
_Roles = tuple[bool, bool, bool]
_APP_ROLES: _Roles = (False, False, False)


class Negations:
    """The negation tests for one text, asked about its phrase and app hits in order of start.

    Hits may come out of order by a keyword's length at most (as the scanner finds them); the
    spans are in the coordinates of the text given here.
    """

    __slots__ = ("_shields", "_text", "_warnings")

    def __init__(self, text: str) -> None:
        self._text = text
        self._warnings: bool | None = None
        """Whether the text may hold a warning after a hit: decided at the first question."""
        self._shields: list[tuple[int, int]] = []
        """Instructions seen so far, whose negators negate nothing after them."""

    def phrase(self, word: Keyword, start: int, end: int) -> str | None:
        """The word that negates the phrase *word* found at ``[start, end)``, or ``None``."""
        roles = _roles(word)
        negation = self._covering(start, end, roles)
        if roles[2]:
            self._shields.append((start, end))
        return negation

    def app(self, start: int, end: int) -> str | None:
        """The word that negates the app found at ``[start, end)``, or ``None``."""
        return self._covering(start, end, _APP_ROLES)

    def cue(self, start: int, end: int, *, instruction: bool = False) -> str | None:
        """The word that negates a message-risk cue at ``[start, end)``, or ``None``.

        *instruction*: the cue is worded as a negation itself (不要告诉家人), so only warning
        words negate it. Cues are asked in order of start, like phrases; they shield nothing.
        """
        return self._covering(start, end, (instruction, False, False))

    def _covering(self, start: int, end: int, roles: _Roles) -> str | None:
        if self._warnings is None:
            self._warnings = _may_warn(self._text)
        shields = self._shields
        if shields and shields[0][1] < start - 2 * WINDOW:
            # hits come in order of start, give or take a keyword's length: an old shield
            # can no longer reach a window
            shields = [shield for shield in shields if shield[1] >= start - 2 * WINDOW]
            self._shields = shields
        return _negation(self._text, start, end, roles, warnings=self._warnings, shields=shields)


@functools.lru_cache(maxsize=4096)
def _roles(word: Keyword) -> _Roles:
    """The negation roles of a phrase (see the module docstring)."""
    instruction = word.code in _INSTRUCTION_FAMILIES or word.word.startswith(_NEGATORS)
    shields = any(negator in word.word for negator in _NEGATORS)
    return instruction, word.code in _DENIAL_FAMILIES, shields


def _negation(
    text: str,
    start: int,
    end: int,
    roles: _Roles,
    *,
    warnings: bool,
    shields: list[tuple[int, int]],
) -> str | None:
    """The negation or warning word that covers the hit at ``[start, end)``, or ``None``.

    *roles*: see :func:`_roles`; *warnings*: the text may hold a warning after the hit;
    *shields*: spans of instructions whose negators do not count (see the module docstring).
    Every regex runs on a window of at most :data:`_BEFORE` or :data:`_AFTER` characters.
    """
    instruction, denial, _ = roles
    pattern = _WARNING_BEFORE if instruction else _NEGATION_BEFORE
    low = start - _BEFORE if start > _BEFORE else 0
    if shields and any(
        low < shield_end and shield_start < start for shield_start, shield_end in shields
    ):
        found = _negation_before(_shielded(text[low:start], low, shields), 0, start - low, pattern)
    else:
        found = _negation_before(text, low, start, pattern)
    if found is not None:
        return found
    if denial:
        match = _DENIAL_AFTER.python().match(text, end, end + 8)
        if match is not None and not text.startswith(_NOT_NEGATING, match.end(1)):
            return match.group(1)
    if warnings:
        return _warning_after(text, end, end + _AFTER)
    return None


def _negation_before(text: str, low: int, high: int, pattern: Pattern) -> str | None:
    """The first negator of *pattern* in ``text[low:high]`` with nothing ending the clause after
    it, skipping the ones that ask to keep going (请勿关闭)."""
    search = pattern.python().search
    while True:
        match = search(text, low, high)
        # re's "$" also matches before a final newline, which ends the clause: no negation then
        if match is None or match.end() != high:
            return None
        if not text.startswith(_NOT_NEGATING, match.end(1)):
            return match.group(1)
        low = match.end(1)


def _warning_after(text: str, low: int, high: int) -> str | None:
    """The first warning in the sentence that starts at ``text[low]`` (up to *high*), skipping
    the scam's reassurances and accusations (不是诈骗, 涉嫌诈骗, 诈骗罪)."""
    match_at = _WARNING_AFTER.python().match
    position = low
    while True:
        match = match_at(text, position, high)
        if match is None:
            return None
        word = match.group(1)
        if not (
            text.endswith(_NOT_WARNING_BEFORE, low, match.start(1))
            or (word.endswith("诈骗") and text.startswith(_NOT_WARNING_AFTER, match.end(1)))
        ):
            return word
        position = match.end(1)


def _shielded(before: str, low: int, shields: list[tuple[int, int]]) -> str:
    """*before* (which starts at *low*) with the characters of the shielding hits blanked."""
    chars = list(before)
    for shield_start, shield_end in shields:
        first, last = max(shield_start - low, 0), min(shield_end - low, len(before))
        if first < last:
            chars[first:last] = "_" * (last - first)
    return "".join(chars)


def _may_warn(text: str) -> bool:
    """Whether *text* may hold a warning after a hit (cheap test before :func:`_warning_after`)."""
    return "骗" in text or "可信" in text or "勿信" in text or "假的" in text or "陷阱" in text
