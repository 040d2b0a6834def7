"""Rules about a licence image: its QR code, its printed credit code, its labels and fields.

The fields read off the image are checked by the licence rules (:mod:`acctverify.rules.licence`)
when the request carries no other licence; these rules add what only the image shows. A QR code
that links to the publicity system proves only that the code exists (licence.md §2.2): nothing
here is ever positive evidence.
"""

from __future__ import annotations

from collections.abc import Iterator

from stdnum.exceptions import ValidationError

from acctverify.cn import regno, uscc
from acctverify.models.findings import Evidence
from acctverify.models.licence_image import ImageProblem, LicenceReading, QrVerdict
from acctverify.rules._common import error_text, quote
from acctverify.rules._context import RuleContext
from acctverify.rules._signal import Signal

__all__ = [
    "COMPANY_ONLY_LABELS",
    "INDIVIDUAL_ONLY_LABELS",
    "REQUIRED_FIELDS",
    "fields",
    "printed_code",
    "problem",
    "qr_code",
]

FIELD = "licence_image"

#: Fields every current licence shows, with the labels that show them (licence.md §1.2: the labels
#: differ by entity type). 名称 may be absent on a 个体工商户 licence (无主体名称个体工商户).
REQUIRED_FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("name", ("名称",)),
    ("uscc", ("统一社会信用代码", "注册号")),
    ("entity_type", ("类型",)),
    ("legal_representative", ("法定代表人", "经营者", "负责人", "投资人", "执行事务合伙人")),
    ("established", ("成立日期", "注册日期")),
    ("address", ("住所", "经营场所", "营业场所", "主要经营场所")),
    ("registration_authority", ("登记机关",)),
)
#: Labels only a 个体工商户 licence prints, and labels it never prints (licence.md §1.2).
INDIVIDUAL_ONLY_LABELS = ("经营者", "组成形式")
COMPANY_ONLY_LABELS = ("法定代表人", "注册资本")
_INDIVIDUAL = ("个体工商户", "个体户", "个体经营")


def _reading(ctx: RuleContext) -> LicenceReading | None:
    reading = ctx.facts.licence_image
    return reading if reading is not None and reading.problem is None else None


def _compact(code: str | None) -> str | None:
    if not code or not code.strip():
        return None
    try:
        return uscc.compact(code)
    except (ValidationError, TypeError, ValueError):
        return "".join(code.split()).upper()


def problem(ctx: RuleContext) -> Iterator[Signal]:
    """The image could not be read: the file, or the OCR extra, is missing."""
    reading = ctx.facts.licence_image
    if reading is None or reading.problem is None:
        return
    evidence = (Evidence(field=FIELD, value=quote(reading.source), detail=reading.problem_detail),)
    if reading.problem is ImageProblem.OCR_UNAVAILABLE:
        yield Signal("image.ocr_unavailable", evidence)
    else:
        yield Signal("image.unreadable", evidence, {"detail": quote(reading.problem_detail, 80)})


def qr_code(ctx: RuleContext) -> Iterator[Signal]:
    """The QR code: missing, pointing elsewhere than the publicity system, or another code."""
    reading = _reading(ctx)
    if reading is None:
        return
    if reading.qr_text is None:
        yield Signal("image.qr_missing", (Evidence(field=FIELD, value=quote(reading.source)),))
        return
    from acctverify.licence_image import qr_link

    for text in (reading.qr_text, *reading.other_qr_texts):
        link = qr_link(text)
        evidence = (Evidence(field=FIELD, value=quote(text, 120), detail="QR code"),)
        if link.verdict is QrVerdict.UNOFFICIAL:
            yield Signal("image.qr_unofficial_host", evidence, {"host": quote(link.host)})
        elif link.verdict is QrVerdict.GOV_UNLISTED:
            yield Signal("image.qr_unknown_gov_host", evidence, {"host": quote(link.host)})
        elif link.verdict is QrVerdict.NOT_A_LINK:
            yield Signal("image.qr_not_link", evidence, {"text": quote(text, 40)})
    printed = _compact(reading.licence.uscc)
    carried = _compact(reading.qr_uscc)
    if printed is None or carried is None:
        return
    pair = (
        Evidence(field=FIELD, value=printed, detail="printed credit code"),
        Evidence(field=FIELD, value=quote(reading.qr_text, 120), detail="QR code"),
    )
    if printed != carried:
        yield Signal("image.qr_uscc_mismatch", pair, {"uscc": printed, "qr_uscc": carried})
    elif reading.qr_verdict is QrVerdict.OFFICIAL and _code_problem(printed) is None:
        # Context, never trust: a generator makes the same link for any code (licence.md §2.2).
        yield Signal("image.qr_uscc_consistent", pair, {"uscc": printed})


def _code_problem(code: str) -> tuple[str, str] | None:
    """Why a printed code fails its checks, as (Chinese, English), or None when it passes."""
    if len(code) == 15 and code.isascii() and code.isdigit():
        return None if regno.is_valid(code) else error_text("InvalidChecksum")
    try:
        info = uscc.parse(code)
    except ValidationError as exc:
        return error_text(type(exc).__name__)
    if not info.checksum_valid and "pilot_code_pattern" not in info.anomalies:
        return error_text("InvalidChecksum")
    return None


def printed_code(ctx: RuleContext) -> Iterator[Signal]:
    """The printed credit code against a licence supplied with the image, and its own checks.

    When the request has no other licence, the image's licence *is* the request's licence and the
    licence rules check its code; otherwise the code printed on the image is checked here.
    """
    reading = _reading(ctx)
    if reading is None or ctx.request.licence == reading.licence:
        return
    printed = _compact(reading.licence.uscc)
    if printed is None:
        return
    evidence = (Evidence(field=FIELD, value=printed, detail="printed credit code"),)
    supplied_licence = ctx.request.licence
    supplied = _compact(supplied_licence.uscc) if supplied_licence is not None else None
    if supplied is not None and supplied != printed:
        yield Signal(
            "image.uscc_differs_from_supplied",
            (*evidence, Evidence(field="licence.uscc", value=quote(supplied, 40))),
            {"image_uscc": printed, "uscc": quote(supplied, 40)},
        )
    if supplied != printed:
        why = _code_problem(printed)
        if why is not None:
            yield Signal(
                "image.uscc_invalid",
                evidence,
                {"uscc": printed, "reason": why[0], "reason_en": why[1]},
            )


def fields(ctx: RuleContext) -> Iterator[Signal]:
    """Fields every licence shows are missing; labels that do not fit the entity type."""
    reading = _reading(ctx)
    if reading is None:
        return
    licence = reading.licence
    labels = set(reading.labels)
    type_text = licence.entity_type or ""
    individual = any(word in type_text for word in _INDIVIDUAL) or (
        (licence.uscc or "").startswith("92")
    )
    missing = [
        "/".join(shown)
        for field, shown in REQUIRED_FIELDS
        if not (field == "name" and individual)
        and getattr(licence, field) is None
        and not labels.intersection(shown)
    ]
    if missing:
        yield Signal(
            "image.fields_missing",
            (Evidence(field=FIELD, value=quote(reading.source), detail="、".join(missing)),),
            {"fields": "、".join(missing)},
        )
    # The printed type decides which labels belong; the code's type only when none is printed.
    if "公司" in type_text or "企业" in type_text:
        wrong = [label for label in INDIVIDUAL_ONLY_LABELS if label in labels]
        expected, expected_en = "个体工商户", "individual business"
    elif individual:
        wrong = [label for label in COMPANY_ONLY_LABELS if label in labels]
        expected, expected_en = "公司", "company"
    else:
        wrong = []
    if wrong:
        yield Signal(
            "image.labels_vs_type",
            (Evidence(field=FIELD, value=quote(type_text), detail="、".join(wrong)),),
            {
                "entity_type": quote(type_text),
                "labels": "、".join(wrong),
                "expected": expected,
                "expected_en": expected_en,
            },
        )
