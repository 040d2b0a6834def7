"""The HTML card of a report, shown by ``Report._repr_html_`` in notebooks (private).

The card is one self-contained fragment: inline styles only (no external CSS or JS, nothing a
notebook's sanitiser strips), text colour inherited so it reads in light and dark themes, the level
on a solid band of its colour. Every value from the report is escaped; account-like numbers are
masked as in the command's text output.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from acctverify.render._mask import excerpt, mask_digits, message_index

if TYPE_CHECKING:
    from acctverify.models.findings import Evidence, Finding
    from acctverify.models.report import Report

__all__ = ["LEVEL_COLOURS", "report_html"]

#: Band colour per level: white text on each has a contrast ratio of at least 4.5.
LEVEL_COLOURS = {
    "low": "#1a7f37",
    "medium": "#9a6700",
    "high": "#cf222e",
    "critical": "#82071e",
}
_LEVEL_ZH = {"low": "低风险", "medium": "中风险", "high": "高风险", "critical": "极高风险"}
_LEVEL_EN = {"low": "LOW", "medium": "MEDIUM", "high": "HIGH", "critical": "CRITICAL"}
_MAX_EVIDENCE_SHOWN = 3
#: Findings shown at once; the rest fold into a <details> element.
_FINDINGS_SHOWN = 6
_EXCERPT_WIDTH = 24

_FONT = (
    "system-ui,-apple-system,'Segoe UI','Noto Sans CJK SC','PingFang SC','Microsoft YaHei',"
    "sans-serif"
)
_MONO = "ui-monospace,SFMono-Regular,Menlo,Consolas,monospace"
_RULE = "1px solid rgba(127,127,127,.3)"
_MARK = "background:#ffe58f;color:#1f2328;border-radius:2px;padding:0 2px"


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _text(value: str) -> str:
    """Escape a text from the report, account-like numbers masked."""
    return _e(mask_digits(value))


def _badge(finding: Finding) -> str:
    if finding.contribution > 0:
        tint, text = "rgba(207,34,46,.16)", f"+{finding.contribution}"
    elif finding.contribution < 0:
        tint, text = "rgba(26,127,55,.2)", f"−{-finding.contribution}"
    else:
        tint, text = "rgba(127,127,127,.14)", "·"
    return (
        f'<span style="display:inline-block;min-width:2.6em;text-align:center;border-radius:10px;'
        f'padding:1px 6px;font-weight:600;font-variant-numeric:tabular-nums;background:{tint}">'
        f"{_e(text)}</span>"
    )


def _excerpt(message: str, start: int, end: int) -> str:
    """A window of the (masked) message around a span, the span marked."""
    lead, before, span, after, trail = excerpt(
        mask_digits(message), start, end, width=_EXCERPT_WIDTH
    )
    return lead + _e(before) + f'<mark style="{_MARK}">{_e(span)}</mark>' + _e(after) + trail


def _where(index: int) -> str:
    return f'<span style="opacity:.7">消息{index + 1} message {index + 1}:</span> '


def _field(evidence: Evidence) -> str:
    value = f": {_text(evidence.value)}" if evidence.value else ""
    return f'<code style="font-family:{_MONO};font-size:11px">{_e(evidence.field)}</code>{value}'


def _evidence_lines(finding: Finding, messages: Sequence[str] | None) -> list[str]:
    """One line per field or message excerpt; the spans of a message whose text is not known
    go on one line, in order."""
    lines: list[str | int] = []  # an int stands for the line of that message's spans
    spans: dict[int, list[str]] = {}
    for evidence in finding.evidence[:_MAX_EVIDENCE_SHOWN]:
        index = message_index(evidence.field)
        if index is None or evidence.start is None or evidence.end is None:
            lines.append(_field(evidence))
            continue
        if messages is not None and index < len(messages):
            lines.append(_where(index) + _excerpt(messages[index], evidence.start, evidence.end))
        else:
            if index not in spans:
                lines.append(index)
            spans.setdefault(index, []).append(
                f'<mark style="{_MARK}">{_text(evidence.value or "")}</mark>'
            )
    out = [
        _where(line) + " ".join(spans[line]) if isinstance(line, int) else line for line in lines
    ]
    more = len(finding.evidence) - min(len(finding.evidence), _MAX_EVIDENCE_SHOWN)
    more += finding.evidence_omitted
    if more > 0:
        out.append(f'<span style="opacity:.7">+{more}</span>')
    return out


def _finding(finding: Finding, messages: Sequence[str] | None) -> str:
    muted = "opacity:.6;" if finding.kind.value == "info" and not finding.contribution else ""
    evidence = "".join(
        f'<div style="font-size:12px;margin-top:1px">↳ {line}</div>'
        for line in _evidence_lines(finding, messages)
    )
    return (
        f'<div style="display:grid;grid-template-columns:3.4em 1fr;column-gap:8px;'
        f'padding:5px 0;border-top:{_RULE};{muted}">'
        f"<div>{_badge(finding)}</div>"
        "<div>"
        f'<div><span style="font-weight:600">{_text(finding.message_zh)}</span> '
        f'<code style="font-family:{_MONO};font-size:11px;opacity:.7">{_e(finding.code)}</code>'
        "</div>"
        f'<div style="opacity:.75;font-size:12px">{_text(finding.message_en)}</div>'
        f"{evidence}</div></div>"
    )


def _facts(report: Report) -> str:
    facts = report.facts
    items: list[tuple[str, str]] = []
    creditor = facts.creditor.creditor if facts.creditor is not None else None
    if creditor is not None:
        items.append(("债权人 Creditor", f"{creditor.name} ({creditor.name_en})"))
    if facts.payee.name is not None:
        items.append(("收款户名 Payee", facts.payee.name.original))
    if facts.payee.account is not None:
        account = facts.payee.account
        items.append(("账号 Account", f"{account.masked} ({account.kind.value})"))
    pair = facts.names.payee_creditor or facts.names.payee_creditor_unconfirmed
    if pair is not None:
        items.append(("户名核对 Name check", f"{pair.match.outcome.value} · {pair.against}"))
    if not items:
        return ""
    cells = "".join(
        f'<span style="margin-right:14px;white-space:nowrap"><span style="opacity:.65">'
        f"{_e(label)}</span> {_text(value)}</span>"
        for label, value in items
    )
    return f'<div style="padding:7px 14px;border-bottom:{_RULE};font-size:12px">{cells}</div>'


def _section(title: str, body: str) -> str:
    return (
        f'<div style="padding:8px 14px">'
        f'<div style="font-weight:700;margin-bottom:4px">{_e(title)}</div>{body}</div>'
    )


def report_html(report: Report, *, messages: Sequence[str] | None = None) -> str:
    """Return the report as a self-contained HTML card (Chinese and English).

    With the request's *messages*, message evidence is shown in an excerpt of its message with
    the span marked; without them (a report does not keep the messages), the span itself.
    """
    level = report.level.value
    colour = LEVEL_COLOURS[level]
    header = (
        f'<div style="background:{colour};color:#fff;padding:9px 14px;display:flex;'
        f'justify-content:space-between;align-items:baseline;gap:12px">'
        f'<span style="font-size:16px;font-weight:700;letter-spacing:.02em">'
        f"{_e(_LEVEL_ZH[level])} · {_e(_LEVEL_EN[level])}</span>"
        f'<span style="font-size:20px;font-weight:700;font-variant-numeric:tabular-nums">'
        f'{report.score}<span style="font-size:12px;opacity:.85">/100</span></span></div>'
    )
    ordered = sorted(report.findings, key=lambda f: f.kind.value == "info" and not f.contribution)
    findings = "".join(_finding(f, messages) for f in ordered[:_FINDINGS_SHOWN])
    if len(ordered) > _FINDINGS_SHOWN:
        rest = ordered[_FINDINGS_SHOWN:]
        findings += (
            f'<details style="border-top:{_RULE};padding-top:4px">'
            f'<summary style="cursor:pointer;opacity:.8">{len(rest)} more · 其余{len(rest)}项'
            f"</summary>{''.join(_finding(f, messages) for f in rest)}</details>"
        )
    if not findings:
        findings = f'<div style="opacity:.7;border-top:{_RULE};padding-top:6px">—</div>'
    advice = "".join(
        f'<li style="margin:2px 0">{_text(a.zh)}'
        f'<div style="opacity:.75;font-size:12px">{_text(a.en)}</div></li>'
        for a in report.advice
    )
    footer = (
        f'<div style="padding:6px 14px;border-top:{_RULE};font-size:11px;opacity:.6">'
        f"acctverify {_e(report.version)} · data {_e(report.data_version)} · "
        f"判断日期 as of {_e(report.as_of.isoformat())}</div>"
    )
    return (
        f'<div class="acctverify-report" style="font-family:{_FONT};font-size:13px;'
        f"line-height:1.45;color:inherit;background:transparent;max-width:780px;"
        f'border:1px solid {colour};border-radius:8px;overflow:hidden;text-align:left">'
        + header
        + _facts(report)
        + _section(f"发现 Findings ({len(report.findings)})", findings)
        + _section(
            "建议 What to do",
            f'<ol style="margin:0;padding-left:1.4em">{advice}</ol>',
        )
        + footer
        + "</div>"
    )
