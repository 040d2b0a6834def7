"""A report as terminal text, for the ``acctverify check`` command (private).

Level and score, the findings with their evidence (message excerpts around the spans, account-like
numbers masked), the advice, and the versions; in Chinese or English, with ANSI colours only when
the output is a terminal that wants them (:func:`use_colour`: not with ``NO_COLOR`` or
``TERM=dumb``). Without colour the highlighted span is marked ``«…»``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from acctverify.render._mask import excerpt, message_index
from acctverify.render._mask import mask_digits as _mask_digits

if TYPE_CHECKING:
    from acctverify.models import Report

__all__ = ["render_text", "use_colour"]

_LEVEL_NAMES = {"low": "低", "medium": "中", "high": "高", "critical": "极高"}
_COLOURS = {"low": "32", "medium": "33", "high": "31", "critical": "1;41;97"}


def use_colour(stream: TextIO) -> bool:
    """Whether to colour the text written to *stream*: a terminal, and nobody said no."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


class _Style:
    def __init__(self, colour: bool) -> None:
        self.colour = colour

    def __call__(self, text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.colour else text

    def mark(self, text: str) -> str:
        return self(text, "7") if self.colour else f"«{text}»"


def _excerpt(message: str, start: int, end: int, style: _Style) -> str:
    """A window around a span of an (already masked) message, the span highlighted."""
    lead, before, span, after, trail = excerpt(message, start, end)
    return lead + before + style.mark(span) + after + trail


def _typologies(report: Report) -> list[tuple[str, str]]:
    """The scam typologies the messages were recognised as, in order, once each."""
    found: dict[str, tuple[str, str]] = {}
    for message in report.facts.messages:
        if message.risk is not None and message.risk.scam:
            for typology in message.risk.typologies[:1]:
                found.setdefault(typology.code, (typology.zh, typology.en))
    return list(found.values())


def render_text(report: Report, messages: Sequence[str], *, lang: str, colour: bool) -> str:
    """Render a report for a terminal: level and score, findings with evidence, advice."""
    style = _Style(colour)
    zh = lang == "zh"
    messages = [_mask_digits(message) for message in messages]
    level = report.level.value
    label = f"{_LEVEL_NAMES[level]}（{level}）" if zh else level.upper()
    head = f"{'风险等级' if zh else 'Risk level'}: {label}  {report.score}/100"
    lines = [style(head, _COLOURS[level])]
    facts = report.facts
    if facts.creditor is not None and facts.creditor.creditor is not None:
        creditor = facts.creditor.creditor
        lines.append(f"{'债权人' if zh else 'Creditor'}: {creditor.name} ({creditor.name_en})")
    if facts.payee.account is not None:
        lines.append(f"{'账号' if zh else 'Account'}: {facts.payee.account.masked}")
    kinds = _typologies(report)
    if kinds:
        names = "、".join(zh_name for zh_name, _ in kinds) if zh else "; ".join(e for _, e in kinds)
        lines.append(
            style(f"{'识别出的诈骗类型' if zh else 'Scam recognised'}: {names}", _COLOURS[level])
        )
    lines.append("")
    risky = [f for f in report.findings if f.kind.value != "info" or f.contribution]
    info = [f for f in report.findings if f.kind.value == "info" and not f.contribution]
    lines.append(style(f"{'发现' if zh else 'Findings'} ({len(report.findings)})", "1"))
    for finding in [*risky, *info]:
        sign = f"{finding.contribution:+d}" if finding.contribution else "  ·"
        text = finding.message_zh if zh else finding.message_en
        lines.append(f"{sign:>4} {_mask_digits(text)}  [{finding.code}]")
        for evidence in finding.evidence[:3]:
            index = message_index(evidence.field)
            where = evidence.field
            if index is not None:
                where = f"消息{index + 1}" if zh else f"message {index + 1}"
                if (
                    evidence.start is not None
                    and evidence.end is not None
                    and index < len(messages)
                ):
                    excerpt = _excerpt(messages[index], evidence.start, evidence.end, style)
                    lines.append(f"       ↳ {where}: {excerpt}")
                    continue
            value = _mask_digits(evidence.value) if evidence.value else ""
            lines.append(f"       ↳ {where}" + (f": {value}" if value else ""))
    lines.append("")
    lines.append(style("建议" if zh else "What to do", "1"))
    for number, advice in enumerate(report.advice, start=1):
        lines.append(f"  {number}. {advice.zh if zh else advice.en}")
    lines.append("")
    lines.append(
        f"acctverify {report.version} · data {report.data_version} · "
        f"{'判断日期' if zh else 'as of'} {report.as_of.isoformat()}"
    )
    return "\n".join(lines)
