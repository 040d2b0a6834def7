"""A report's findings as a table: ``Report.to_frame`` (private).

One row per finding, in the report's order, with the same masking as the card and the command's
text output: account-like numbers in messages and evidence are masked. The messages say a name
check's reasons in words only (``形近字替换``, not ``形近字替换 [LKHG]``); the codes stay in the
report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from acctverify._optional import import_pandas
from acctverify.render._mask import mask_digits
from acctverify.render._words import strip_reason_codes

if TYPE_CHECKING:
    from acctverify.models.findings import Evidence
    from acctverify.models.report import Report

__all__ = ["FRAME_COLUMNS", "report_frame"]


def _message(text: str) -> str:
    return mask_digits(strip_reason_codes(text)[0])


def _evidence_text(evidence: Evidence) -> str:
    text = evidence.field
    if evidence.start is not None and evidence.end is not None:
        text += f"[{evidence.start}:{evidence.end}]"
    if evidence.value:
        text += f": {mask_digits(evidence.value)}"
    return text


#: The columns of :func:`report_frame`, in order.
FRAME_COLUMNS = (
    "code",
    "subject",
    "kind",
    "contribution",
    "weight",
    "min_level",
    "message_zh",
    "message_en",
    "evidence",
)


def report_frame(report: Report) -> Any:
    """Return the findings as a pandas DataFrame, one row per finding, in the report's order."""
    pd = import_pandas()
    rows = [
        {
            "code": f.code,
            "subject": f.subject.value,
            "kind": f.kind.value,
            "contribution": f.contribution,
            "weight": f.weight,
            "min_level": f.min_level.value if f.min_level is not None else None,
            "message_zh": _message(f.message_zh),
            "message_en": _message(f.message_en),
            "evidence": "; ".join(_evidence_text(e) for e in f.evidence),
        }
        for f in report.findings
    ]
    frame = pd.DataFrame(rows, columns=list(FRAME_COLUMNS))
    return frame.astype({"contribution": "int64", "weight": "float64"})
