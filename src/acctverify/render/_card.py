"""The HTML card of a report, shown by ``Report._repr_html_`` in notebooks (private).

The card is one self-contained fragment: inline styles only (no external CSS or JS, nothing a
notebook's sanitiser strips), text colour inherited so it reads in light and dark themes, the level
on a solid band of its colour. Every value from the report is escaped; account-like numbers are
masked as in the command's text output; invisible characters are shown as ``⟨U+200B⟩``.

Codes are for machines: the card says what they mean in words (``不一致 no match`` for ``NMTC``) and
keeps the code in a tooltip. Secondary text is faded by one fixed amount (:data:`SOFT_OPACITY`),
never twice, so that it keeps a contrast of 4.5:1 in light and dark themes. A finding's badge says
its kind in words as well as in colour: risk, trust (可信), could not be checked, or context.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from acctverify.render._mask import excerpt, mask_digits, message_index
from acctverify.render._namediff import Piece, lookalike_of
from acctverify.render._words import (
    FINDING_KIND_WORDS,
    account_kind_words,
    more_words,
    name_match_label,
    reason_words,
    strip_reason_codes,
    visible,
)

if TYPE_CHECKING:
    from acctverify.models.findings import Evidence, Finding
    from acctverify.models.report import Report

__all__ = ["BADGE_TINTS", "LEVEL_COLOURS", "SOFT_OPACITY", "report_html"]

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
# A character swapped into a look-alike name: marked, bold and underlined (not by colour alone).
_SWAP = (
    "background:#ffe58f;color:#1f2328;font-weight:700;text-decoration:underline;"
    "text-decoration-color:#cf222e;text-decoration-thickness:2px;text-underline-offset:2px;"
    "border-radius:2px;padding:0 1px"
)
#: The opacity of secondary text (English lines, codes, labels): with the theme's own text colour
#: it keeps a contrast of at least 4.5:1 on light and dark backgrounds. Never nested.
SOFT_OPACITY = ".78"
_SOFT = f"opacity:{SOFT_OPACITY}"
#: Badge background and border per finding kind (the text on it is the theme's own).
BADGE_TINTS = {
    "risk": ("rgba(207,34,46,.16)", "rgba(207,34,46,.6)"),
    "trust": ("rgba(26,127,55,.24)", "rgba(45,164,78,.8)"),
    "not_possible": ("rgba(191,135,0,.2)", "rgba(191,135,0,.7)"),
    "info": ("rgba(127,127,127,.14)", "rgba(127,127,127,.45)"),
}
_KIND_SYMBOL = {"risk": "+", "trust": "✓", "not_possible": "?", "info": "i"}


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _text(value: str) -> str:
    """Escape a text from the report, account-like numbers masked, invisible characters shown."""
    return _e(visible(mask_digits(value)))


def _badge(finding: Finding) -> str:
    """The score a finding adds (or takes away) on a pill tinted by its kind, the kind in words
    below it."""
    kind = finding.kind.value
    zh, en = FINDING_KIND_WORDS.get(kind, (kind, kind))
    if finding.contribution > 0:
        value = f"+{finding.contribution}"
    elif finding.contribution < 0:
        value = f"−{-finding.contribution}"
    else:
        value = _KIND_SYMBOL.get(kind, "·")
    tint, edge = BADGE_TINTS.get(kind, BADGE_TINTS["info"])
    return (
        f'<div title="{_e(zh)} {_e(en)}" style="text-align:center;line-height:1.2">'
        f'<div style="border-radius:10px;padding:0 4px;font-weight:700;'
        f'font-variant-numeric:tabular-nums;background:{tint};border:1px solid {edge}">'
        f"{_e(value)}</div>"
        f'<div style="font-size:11px;margin-top:2px;{_SOFT}">{_e(zh)}<br>{_e(en)}</div></div>'
    )


def _name(pieces: tuple[Piece, ...]) -> str:
    """A name with its swapped or hidden characters marked (the mark says what it is)."""
    return "".join(
        _e(text) if note is None else f'<mark style="{_SWAP}" title="{_e(note)}">{_e(text)}</mark>'
        for text, note in pieces
    )


def _excerpt(message: str, start: int, end: int) -> str:
    """A window of the (masked) message around a span, the span marked."""
    lead, before, span, after, trail = excerpt(
        mask_digits(message), start, end, width=_EXCERPT_WIDTH
    )
    return (
        lead
        + _e(visible(before))
        + f'<mark style="{_MARK}">{_e(visible(span))}</mark>'
        + _e(visible(after))
        + trail
    )


def _where(index: int) -> str:
    return f'<span style="{_SOFT}">消息{index + 1} message {index + 1}:</span> '


def _field(evidence: Evidence, report: Report) -> list[str]:
    """The line of a field's evidence; a look-alike name gets the name it imitates below it,
    the differing characters marked in both."""
    label = f'<code style="font-family:{_MONO};font-size:11px">{_e(evidence.field)}</code>'
    found = lookalike_of(report, evidence.value) if evidence.field.endswith(".name") else None
    if found is None:
        return [label + (f": {_text(evidence.value)}" if evidence.value else "")]
    _, (given, expected, notes) = found
    return [
        f"{label}: {_name(given)}",
        f'<span style="{_SOFT}">对照 compare with:</span> {_name(expected)}',
        f'<span style="{_SOFT}">差别 difference:</span> '
        + "；".join(_e(zh) for zh, _ in notes)
        + " · "
        + "; ".join(_e(en) for _, en in notes),
    ]


def _evidence_lines(finding: Finding, messages: Sequence[str] | None, report: Report) -> list[str]:
    """One line per field or message excerpt; the spans of a message whose text is not known
    go on one line, in order."""
    lines: list[str | int] = []  # an int stands for the line of that message's spans
    spans: dict[int, list[str]] = {}
    for evidence in finding.evidence[:_MAX_EVIDENCE_SHOWN]:
        index = message_index(evidence.field)
        if index is None or evidence.start is None or evidence.end is None:
            lines.extend(_field(evidence, report))
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
        zh, en = more_words(more)
        out.append(f'<span style="{_SOFT}">{_e(zh)} · {_e(en)}</span>')
    return out


def _finding(finding: Finding, messages: Sequence[str] | None, report: Report) -> str:
    evidence = "".join(
        f'<div style="font-size:12px;margin-top:1px">↳ {line}</div>'
        for line in _evidence_lines(finding, messages, report)
    )
    message_zh, codes = strip_reason_codes(finding.message_zh)
    message_en, _ = strip_reason_codes(finding.message_en)
    # The reason codes a message carried stay in a tooltip, with their meaning.
    title = " · ".join(f"{code}: {reason_words(code)[1]}" for code in codes)
    tooltip = f' title="{_e(title)}"' if title else ""
    return (
        f'<div style="display:grid;grid-template-columns:4.6em 1fr;column-gap:8px;'
        f'padding:6px 0;border-top:{_RULE}">'
        f"{_badge(finding)}"
        "<div>"
        f'<div><span style="font-weight:600"{tooltip}>{_text(message_zh)}</span> '
        f'<code style="font-family:{_MONO};font-size:11px;{_SOFT}">{_e(finding.code)}</code>'
        "</div>"
        f'<div style="{_SOFT};font-size:12px">{_text(message_en)}</div>'
        f"{evidence}</div></div>"
    )


def _facts(report: Report) -> str:
    """Creditor, payee, account and the payee-name check, in words (codes in tooltips)."""
    facts = report.facts
    rows: list[tuple[str, str]] = []
    creditor = facts.creditor.creditor if facts.creditor is not None else None
    if creditor is not None:
        rows.append(("债权人 Creditor", _text(f"{creditor.name} ({creditor.name_en})")))
    pair = facts.names.payee_creditor or facts.names.payee_creditor_unconfirmed
    payee = facts.payee.name.original if facts.payee.name is not None else None
    found = lookalike_of(report, payee)
    if found is not None and found[0] is not pair:  # marked against the creditor's name only
        found = None
    if payee is not None:
        rows.append(("收款户名 Payee", _name(found[1][0]) if found else _text(payee)))
    if pair is not None:
        outcome = pair.match.outcome.value
        against = _name(found[1][1]) if found else _text(pair.against)
        rows.append(
            (
                "户名核对 Name check",
                f'<span title="{_e(outcome)}" style="font-weight:600">'
                f"{_e(name_match_label(outcome))}</span> · {against}",
            )
        )
    if facts.payee.account is not None:
        account = facts.payee.account
        zh, en = account_kind_words(account.kind.value)
        rows.append(
            (
                "账号 Account",
                f"{_text(account.masked)} · "
                f'<span title="{_e(account.kind.value)}">{_e(zh)} {_e(en)}</span>',
            )
        )
    if not rows:
        return ""
    cells = "".join(
        f'<div style="{_SOFT};white-space:nowrap">{_e(label)}</div><div>{value}</div>'
        for label, value in rows
    )
    return (
        f'<div style="padding:7px 14px;border-bottom:{_RULE};font-size:12px;display:grid;'
        f'grid-template-columns:max-content 1fr;column-gap:10px;row-gap:1px">{cells}</div>'
    )


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
        f'{report.score}<span style="font-size:12px">/100</span></span></div>'
    )
    ordered = sorted(report.findings, key=lambda f: f.kind.value == "info" and not f.contribution)
    findings = "".join(_finding(f, messages, report) for f in ordered[:_FINDINGS_SHOWN])
    if len(ordered) > _FINDINGS_SHOWN:
        rest = ordered[_FINDINGS_SHOWN:]
        findings += (
            f'<details style="border-top:{_RULE};padding-top:4px">'
            f'<summary style="cursor:pointer">其余{len(rest)}项 · {len(rest)} more'
            f"</summary>{''.join(_finding(f, messages, report) for f in rest)}</details>"
        )
    if not findings:
        findings = f'<div style="{_SOFT};border-top:{_RULE};padding-top:6px">—</div>'
    advice = "".join(
        f'<li style="margin:2px 0">{_text(a.zh)}'
        f'<div style="{_SOFT};font-size:12px">{_text(a.en)}</div></li>'
        for a in report.advice
    )
    footer = (
        f'<div style="padding:6px 14px;border-top:{_RULE};font-size:11px;{_SOFT}">'
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
