"""Parsed company names and name-match results (the outputs of :mod:`acctverify.names`).

The outcome model follows EU Verification of Payee (MTCH / CMTC / NMTC / NOAP) with UK
Confirmation-of-Payee-style four-letter reason codes; see ``acctverify.names.REASONS``.
"""

from __future__ import annotations

from enum import Enum
from typing import Literal

from acctverify.models._base import Model

__all__ = ["CompanyName", "Lookalike", "MatchOutcome", "NameMatch", "SpoofSign"]


class MatchOutcome(str, Enum):
    """The four outcomes of a payee-name check (the ISO codes EU VoP uses)."""

    MATCH = "MTCH"
    """The names are the same after formatting-only differences and statutory synonyms."""
    CLOSE_MATCH = "CMTC"
    """Same trade name and core, but a structural difference that may or may not be legitimate
    (branch, region placement, legal form, short form); the expected name is returned."""
    NO_MATCH = "NMTC"
    """A different entity, a look-alike name, or signs of spoofing."""
    NOT_POSSIBLE = "NOAP"
    """The names could not be compared (missing, another language, unverifiable characters)."""


class SpoofSign(Model):
    """A character in a name that has no legitimate use there, or that cannot be verified."""

    kind: str
    """Stable code, see ``acctverify.names.SPOOF_KINDS`` (``hidden_character``, ``bidi_control``,
    ``mixed_script``, ``compatibility_ideograph`` …)."""
    char: str
    """The character itself."""
    codepoint: str
    """Its code point, like ``U+200B``."""
    position: int
    """Its index in the original string."""
    detail: str = ""
    """The Unicode name of the character, or what it was taken for."""


class CompanyName(Model):
    """A Chinese organisation name split into its registered parts.

    A name is 行政区划 + 字号 + 行业/经营特点 + 组织形式, the region either in front or in brackets
    before the legal form, optionally followed by a branch tail (…分公司, …支行).
    """

    original: str
    """The name as given (only the first ``MAX_NAME_LENGTH`` characters are analysed)."""
    normalised: str
    """The canonical comparison form: NFKC, no whitespace or invisible characters, ASCII brackets,
    simplified script, lower-case Latin letters and the legal form in its canonical spelling."""
    region: str | None = None
    """The region (行政区划) as written, in front (``深圳市``) or in brackets (``深圳``)."""
    region_placement: Literal["prefix", "bracket"] | None = None
    """Where the region is written: ``prefix`` (``深圳市X有限公司``) or ``bracket``
    (``X(深圳)有限公司``)."""
    trade_name: str = ""
    """The 字号 (trade name); never empty for a non-empty name (it falls back to the whole core)."""
    industry: str | None = None
    """The 行业/经营特点 words after the trade name (``科技``, ``计算机系统``), if recognised."""
    core: str = ""
    """字号 + 行业 without brackets: the part that identifies the entity within its region."""
    legal_form: str | None = None
    """The 组织形式 as written (after normalisation), e.g. ``有限责任公司``."""
    legal_form_canonical: str | None = None
    """The form it is legally equivalent to: ``有限公司`` for ``有限责任公司``, ``股份有限公司`` for
    ``股份公司``."""
    branch: str | None = None
    """The branch tail (``北京分公司``, ``成都第六支行``), or ``None`` for the entity itself."""
    is_company: bool = False
    """Whether the name reads as an organisation (legal form, branch or organisation word)."""
    looks_like_person: bool = False
    """Whether the name reads as a personal name (张三, 买买提·艾力) rather than an organisation.
    A heuristic: two-character trade names that start with a surname read as names too."""
    individual_business: bool = False
    """A 个体工商户 name: ``…(个体工商户)`` or ``个体户`` + the operator's name."""
    truncated: bool = False
    """The input was longer than ``MAX_NAME_LENGTH`` and only its beginning was analysed."""
    changes: tuple[str, ...] = ()
    """What normalisation changed, as stable codes: ``invisible``, ``brackets``, ``nfkc``,
    ``whitespace``, ``case``, ``separator``, ``t2s``, ``legal_form_synonym``."""
    spoofing: tuple[SpoofSign, ...] = ()
    """Characters with no legitimate use in a name, or that cannot be verified."""


class Lookalike(Model):
    """A pair of characters that makes the given name look like the expected one."""

    given_char: str
    """The character in the given (payee) name."""
    actual_char: str
    """The character it stands in for in the expected name."""
    position: int | None
    """Index of the character in the given name as given (``None`` if it cannot be mapped back)."""
    kind: Literal["glyph", "homophone", "confusable"]
    """``glyph``: two Han characters that look alike (the look-alike table); ``homophone``: same
    pinyin without tones; ``confusable``: another script or a compatibility character posing as the
    expected one."""
    source: str
    """Where the pair comes from: a source tag of ``data/lookalikes.csv``, ``pypinyin``, ``NFKC``
    or ``OpenCC t2s``."""


class NameMatch(Model):
    """The result of comparing the name the payer is asked to pay with the expected name."""

    outcome: MatchOutcome
    """MTCH, CMTC, NMTC or NOAP."""
    reasons: tuple[str, ...] = ()
    """Reason codes (``acctverify.names.REASONS``), the ones that decide the outcome first."""
    given: str | None = None
    """The payee name as given (``None`` when missing or not text)."""
    actual: str | None = None
    """The expected name as given (``None`` when missing or not text)."""
    actual_name: str | None = None
    """The expected (registered) name, returned only on a close match, as CoP and VoP do."""
    similarity: float = 0.0
    """RapidFuzz ``ratio`` (0-100) of the two parsed cores; for information only, it decides
    nothing."""
    given_parsed: CompanyName | None = None
    """The given name, parsed."""
    actual_parsed: CompanyName | None = None
    """The expected name, parsed."""
    lookalikes: tuple[Lookalike, ...] = ()
    """The character pairs that make a look-alike (glyph, homophone or confusable)."""
