"""A report as terminal text, for the ``acctverify check`` command (private).

Level and score, the payee-name check, the findings with their evidence (message excerpts around
the spans, account-like numbers masked), the advice, and the versions; in Chinese or English, with
ANSI colours only when the output is a terminal that wants them (:func:`use_colour`: not with
``NO_COLOR`` or ``TERM=dumb``). Without colour the highlighted span is marked ``«…»``.

Every line fits *width* display columns (a Chinese character takes two): text is wrapped, each
finding's code is kept whole (after its message, or on a line of its own), and a look-alike name
is shown above the name it imitates, the swapped characters marked. Codes a reader cannot decode
are said in words (``不一致`` for ``NMTC``; ``[LKHG]`` is dropped after the reason it names).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from acctverify.render._mask import excerpt, message_index
from acctverify.render._mask import mask_digits as _mask_digits
from acctverify.render._namediff import Piece, lookalike_of
from acctverify.render._words import (
    FINDING_KIND_WORDS,
    account_kind_words,
    more_words,
    name_match_words,
    strip_reason_codes,
    visible,
)
from acctverify.render._wrap import Run, display_width, wrap

if TYPE_CHECKING:
    from acctverify.models import Report
    from acctverify.models.findings import Evidence, Finding

__all__ = ["DEFAULT_WIDTH", "render_text", "use_colour"]

#: The width text is wrapped to when the terminal's is not known (output to a file or a pipe).
DEFAULT_WIDTH = 88

_LEVEL_NAMES = {"low": "低", "medium": "中", "high": "高", "critical": "极高"}
_COLOURS = {"low": "32", "medium": "33", "high": "31", "critical": "1;41;97"}
_MAX_EVIDENCE_SHOWN = 3
_SIGN = 5  # columns of the score (or kind) in front of a finding
_EVIDENCE = " " * (_SIGN + 1) + "↳ "


def use_colour(stream: TextIO) -> bool:
    """Whether to colour the text written to *stream*: a terminal, and nobody said no."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


class _Writer:
    """Lines of the report, wrapped to the width, styled when colour is on."""

    def __init__(self, *, colour: bool, width: int) -> None:
        self.colour = colour
        self.width = width
        self.lines: list[str] = []

    def style(self, code: str) -> str | None:
        return code if self.colour else None

    def mark(self, text: str) -> list[Run]:
        """A highlighted span: reverse video, or ``«…»`` without colour."""
        return [(text, "7")] if self.colour else [(f"«{text}»", None)]

    def add(self, runs: Sequence[Run], indent: str = "", then: str | None = None) -> None:
        self.lines.extend(wrap(runs, width=self.width, indent=indent, subsequent_indent=then))

    def blank(self) -> None:
        self.lines.append("")


def _typologies(report: Report) -> list[tuple[str, str]]:
    """The scam typologies the messages were recognised as, in order, once each."""
    found: dict[str, tuple[str, str]] = {}
    for message in report.facts.messages:
        if message.risk is not None and message.risk.scam:
            for typology in message.risk.typologies[:1]:
                found.setdefault(typology.code, (typology.zh, typology.en))
    return list(found.values())


def _name(out: _Writer, pieces: tuple[Piece, ...]) -> list[Run]:
    runs: list[Run] = []
    for text, note in pieces:
        runs.extend([(text, None)] if note is None else out.mark(text))
    return runs


def _sign(finding: Finding, zh: bool) -> str:
    """The score a finding adds, or its kind in a word when it adds nothing."""
    if finding.contribution:
        return f"{finding.contribution:+d}"
    kind = finding.kind.value
    words = FINDING_KIND_WORDS.get(kind, (kind, kind))
    return words[0] if zh else words[1]


def _evidence(
    out: _Writer, report: Report, evidence: Evidence, messages: Sequence[str], zh: bool
) -> None:
    index = message_index(evidence.field)
    if index is not None:
        where = f"消息{index + 1}" if zh else f"message {index + 1}"
        if evidence.start is not None and evidence.end is not None and index < len(messages):
            lead, before, span, after, trail = excerpt(
                messages[index], evidence.start, evidence.end
            )
            runs: list[Run] = [(f"{where}: {lead}{visible(before)}", None)]
            runs += out.mark(visible(span))
            runs.append((f"{visible(after)}{trail}", None))
            out.add(runs, _EVIDENCE)
            return
    else:
        where = evidence.field
    value = visible(_mask_digits(evidence.value)) if evidence.value else ""
    found = lookalike_of(report, evidence.value) if evidence.field.endswith(".name") else None
    if found is None:
        out.add([(f"{where}: {value}" if value else where, None)], _EVIDENCE)
        return
    _, (given, expected, notes) = found
    out.add([(f"{where}: ", None), *_name(out, given)], _EVIDENCE)
    out.add([("对照: " if zh else "compare with: ", None), *_name(out, expected)], _EVIDENCE)
    words = "；".join(z for z, _ in notes) if zh else "; ".join(e for _, e in notes)
    out.add([(f"{'差别' if zh else 'difference'}: {words}", None)], _EVIDENCE)


def _finding(
    out: _Writer, report: Report, finding: Finding, messages: Sequence[str], zh: bool
) -> None:
    sign = _sign(finding, zh)
    sign = " " * max(0, _SIGN - display_width(sign)) + sign
    text, _ = strip_reason_codes(finding.message_zh if zh else finding.message_en)
    # The code is one piece that is never cut: after the message when it fits, else below it.
    out.add(
        [(f"{visible(_mask_digits(text))} [{finding.code}]", None)],
        f"{sign} ",
        " " * (_SIGN + 1),
    )
    for evidence in finding.evidence[:_MAX_EVIDENCE_SHOWN]:
        _evidence(out, report, evidence, messages, zh)
    more = max(0, len(finding.evidence) - _MAX_EVIDENCE_SHOWN) + finding.evidence_omitted
    if more:
        out.add([(more_words(more)[0 if zh else 1], None)], _EVIDENCE)


def _head(out: _Writer, report: Report, zh: bool) -> None:
    level = report.level.value
    label = f"{_LEVEL_NAMES[level]}（{level}）" if zh else level.upper()
    head = f"{'风险等级' if zh else 'Risk level'}: {label}  {report.score}/100"
    out.add([(head, out.style(_COLOURS[level]))])
    facts = report.facts
    if facts.creditor is not None and facts.creditor.creditor is not None:
        creditor = facts.creditor.creditor
        out.add([(f"{'债权人' if zh else 'Creditor'}: {creditor.name} ({creditor.name_en})", None)])
    pair = facts.names.payee_creditor or facts.names.payee_creditor_unconfirmed
    if pair is not None:
        outcome = name_match_words(pair.match.outcome.value)[0 if zh else 1]
        out.add(
            [(f"{'户名核对' if zh else 'Name check'}: {outcome} · {visible(pair.against)}", None)],
            then="  ",
        )
    if facts.payee.account is not None:
        account = facts.payee.account
        kind = account_kind_words(account.kind.value)[0 if zh else 1]
        out.add([(f"{'账号' if zh else 'Account'}: {account.masked} · {kind}", None)], then="  ")
    kinds = _typologies(report)
    if kinds:
        names = "、".join(zh_name for zh_name, _ in kinds) if zh else "; ".join(e for _, e in kinds)
        label = "识别出的诈骗类型" if zh else "Scam recognised"
        out.add([(f"{label}: {names}", out.style(_COLOURS[level]))], then="  ")


def render_text(
    report: Report,
    messages: Sequence[str],
    *,
    lang: str,
    colour: bool,
    width: int = DEFAULT_WIDTH,
) -> str:
    """Render a report for a terminal *width* columns wide: level and score, findings with
    evidence, advice."""
    out = _Writer(colour=colour, width=width)
    zh = lang == "zh"
    messages = [_mask_digits(message) for message in messages]
    _head(out, report, zh)
    out.blank()
    risky = [f for f in report.findings if f.kind.value != "info" or f.contribution]
    info = [f for f in report.findings if f.kind.value == "info" and not f.contribution]
    out.add([(f"{'发现' if zh else 'Findings'} ({len(report.findings)})", out.style("1"))])
    for finding in [*risky, *info]:
        _finding(out, report, finding, messages, zh)
    out.blank()
    out.add([("建议" if zh else "What to do", out.style("1"))])
    for number, advice in enumerate(report.advice, start=1):
        out.add([(advice.zh if zh else advice.en, None)], f"  {number}. ")
    out.blank()
    out.add(
        [
            (
                f"acctverify {report.version} · data {report.data_version} · "
                f"{'判断日期' if zh else 'as of'} {report.as_of.isoformat()}",
                None,
            )
        ]
    )
    return "\n".join(out.lines)
