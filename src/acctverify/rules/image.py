"""Rules about a licence image: its QR code, its printed credit code, its labels and fields.

The fields read off the image are checked by the licence rules (:mod:`acctverify.rules.licence`)
when the request carries no other licence; these rules add what only the image shows. A QR code
that links to the publicity system proves only that the code exists (licence.md §2.2): nothing
here is ever positive evidence.
"""

from __future__ import annotations

from collections.abc import Iterator

from acctverify.models.facts import ImageFacts
from acctverify.models.findings import Evidence
from acctverify.models.licence_image import (
    ImageProblem,
    LicenceReading,
    LicenceStyle,
    QrVerdict,
)
from acctverify.rules._common import error_text, quote
from acctverify.rules._rule import RuleContext, Signal, emits

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
#: Labels a licence prints one of, by entity type (licence.md §1.2): a photo showing both holds
#: more than one document (a licence beside a permit) or a misread, and its labels say nothing
#: about the licence's type.
_EITHER_OR_LABELS = (("法定代表人", "经营者"), ("住所", "经营场所"), ("成立日期", "注册日期"))


def _missing_fields(reading: LicenceReading, image: ImageFacts) -> list[str]:
    """The labels of the fields every licence shows that the photo does not."""
    labels = set(reading.labels)
    return [
        "/".join(shown)
        for field, shown in REQUIRED_FIELDS
        if not (field == "name" and image.individual_business)
        and getattr(reading.licence, field) is None
        and not labels.intersection(shown)
    ]


def _reading(ctx: RuleContext) -> tuple[LicenceReading, ImageFacts] | None:
    reading, image = ctx.facts.licence_image, ctx.facts.image
    if reading is None or reading.problem is not None or image is None:
        return None
    return reading, image


@emits("image.ocr_unavailable", "image.unreadable")
def problem(ctx: RuleContext) -> Iterator[Signal]:
    """The image could not be read: the file, or the OCR extra, is missing."""
    reading = ctx.facts.licence_image
    if reading is None or reading.problem is None:
        return
    evidence = (Evidence(field=FIELD, value=quote(reading.source), detail=reading.problem_detail),)
    if reading.problem is ImageProblem.OCR_UNAVAILABLE:
        yield Signal("image.ocr_unavailable", evidence)
    else:
        detail_en = reading.problem_detail or "unknown reason"
        detail_zh = reading.problem_detail_zh or detail_en
        yield Signal(
            "image.unreadable",
            evidence,
            {"detail": quote(detail_zh, 80), "detail_en": quote(detail_en, 80)},
        )


#: How each licence style is named in the findings.
_STYLE_WORDS = {
    LicenceStyle.OLD_FORM: (
        "2014年以前的旧式执照（如企业法人营业执照）",
        "an old-form licence (before 2014, such as a 企业法人营业执照)",
    ),
    LicenceStyle.REGISTRATION_NUMBER: (
        "印注册号的旧版执照（三证合一以前）",
        "an older licence with a registration number (before the merger of certificates)",
    ),
}


def _qr_absent(reading: LicenceReading, image: ImageFacts) -> Iterator[Signal]:
    """No QR code on the photo: a likely forgery, an older style, or a photo that cannot tell."""
    evidence = (Evidence(field=FIELD, value=quote(reading.source)),)
    if reading.style in _STYLE_WORDS:
        zh, en = _STYLE_WORDS[reading.style]
        yield Signal("image.qr_not_expected", evidence, {"style": zh, "style_en": en})
        return
    complete = not _missing_fields(reading, image)
    printed_ok = (
        image.printed_code is not None
        and len(image.printed_code) == 18
        and image.printed_code_problem is None
    )
    if (
        reading.style is LicenceStyle.CURRENT
        and reading.qr_zone_blank is True
        and not reading.qr_unread
        and complete
        and printed_ok
    ):
        yield Signal("image.qr_absent", evidence)
        return
    if reading.qr_unread:
        why = (
            "照片上的二维码无法识别（模糊或太小）",
            "The QR code on the photo could not be read (blurred or too small)",
        )
    else:
        why = (
            "照片上找不到可识别的二维码（照片可能被裁剪、太小或二维码被遮挡）",
            "No QR code could be found on the photo (it may be cropped, too small, or the code "
            "covered)",
        )
    yield Signal("image.qr_missing", evidence, {"why": why[0], "why_en": why[1]})


@emits(
    "image.qr_missing",
    "image.qr_absent",
    "image.qr_not_expected",
    "image.qr_unofficial_host",
    "image.qr_ip_host",
    "image.qr_text_record",
    "image.qr_unknown_gov_host",
    "image.qr_not_link",
    "image.qr_uscc_mismatch",
    "image.qr_uscc_consistent",
)
def qr_code(ctx: RuleContext) -> Iterator[Signal]:
    """The QR code: missing, pointing elsewhere than the publicity system, or another code."""
    found = _reading(ctx)
    if found is None:
        return
    reading, image = found
    if not image.qr_links:
        yield from _qr_absent(reading, image)
        return
    for link in image.qr_links:
        evidence = (Evidence(field=FIELD, value=quote(link.text, 120), detail="QR code"),)
        if link.verdict is QrVerdict.UNOFFICIAL and link.ip_host:
            # Some provinces' older publicity systems were bare addresses (licence.md §2.3-2.4).
            yield Signal("image.qr_ip_host", evidence, {"host": quote(link.host)})
        elif link.verdict is QrVerdict.UNOFFICIAL:
            yield Signal("image.qr_unofficial_host", evidence, {"host": quote(link.host)})
        elif link.verdict is QrVerdict.GOV_UNLISTED:
            yield Signal("image.qr_unknown_gov_host", evidence, {"host": quote(link.host)})
        elif link.verdict is QrVerdict.TEXT_RECORD and reading.style is LicenceStyle.CURRENT:
            # Some provinces printed a text record before 2019; the 2019 version's QR code links
            # to the publicity system (国市监注〔2018〕253号, licence.md §1.1).
            yield Signal("image.qr_text_record", evidence, {"text": quote(link.text, 40)})
        elif link.verdict is QrVerdict.NOT_A_LINK:
            yield Signal("image.qr_not_link", evidence, {"text": quote(link.text, 40)})
    printed, carried = image.printed_code, image.qr_code
    if printed is None or carried is None:
        return
    pair = (
        Evidence(field=FIELD, value=printed, detail="printed credit code"),
        Evidence(field=FIELD, value=quote(image.qr_links[0].text, 120), detail="QR code"),
    )
    if printed != carried:
        yield Signal("image.qr_uscc_mismatch", pair, {"uscc": printed, "qr_uscc": carried})
    elif image.qr_links[0].verdict is QrVerdict.OFFICIAL and image.printed_code_problem is None:
        # Context, never trust: a generator makes the same link for any code (licence.md §2.2).
        yield Signal("image.qr_uscc_consistent", pair, {"uscc": printed})


@emits(
    "image.uscc_differs_from_supplied",
    "image.uscc_invalid",
    "image.code_unreliable",
    "image.code_corrected",
)
def printed_code(ctx: RuleContext) -> Iterator[Signal]:
    """The printed credit code: read reliably or not, and against a licence supplied with it.

    A code read off a photo that fails its check is far more often misread than forged: it is
    reported as not read reliably (information), never as an invalid code, and never compared
    with a supplied code. A code corrected from OCR-confusable characters is said so.
    """
    found = _reading(ctx)
    if found is None:
        return
    reading, image = found
    printed = image.printed_code
    if printed is None:
        return
    evidence = (Evidence(field=FIELD, value=printed, detail="printed credit code"),)
    if reading.code_read_as is not None:
        yield Signal(
            "image.code_corrected",
            (Evidence(field=FIELD, value=reading.code_read_as, detail="read as"), *evidence),
            {"read": reading.code_read_as, "uscc": printed},
        )
    if image.printed_code_problem is not None and image.qr_code != printed:
        # Unconfirmed by a QR code carrying the same code: more likely misread than misprinted.
        yield Signal("image.code_unreliable", evidence, {"uscc": printed})
        return
    if image.printed_code_problem is not None and ctx.request.licence != reading.licence:
        # Confirmed by the QR code, and not the request's licence (whose rules would say it).
        zh, en = error_text(image.printed_code_problem)
        yield Signal(
            "image.uscc_invalid", evidence, {"uscc": printed, "reason": zh, "reason_en": en}
        )
        return
    if ctx.request.licence == reading.licence:
        return  # the image's licence is the request's: the licence rules check its code
    supplied = ctx.facts.licence.code if ctx.facts.licence is not None else None
    if supplied is not None and supplied != printed:
        yield Signal(
            "image.uscc_differs_from_supplied",
            (*evidence, Evidence(field="licence.uscc", value=quote(supplied, 40))),
            {"image_uscc": printed, "uscc": quote(supplied, 40)},
        )


@emits("image.fields_missing", "image.labels_vs_type")
def fields(ctx: RuleContext) -> Iterator[Signal]:
    """Fields every licence shows are missing; labels that do not fit the entity type."""
    found = _reading(ctx)
    if found is None:
        return
    reading, image = found
    licence = reading.licence
    labels = set(reading.labels)
    type_text = licence.entity_type or ""
    individual = image.individual_business
    missing = _missing_fields(reading, image)
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
    if wrong and not any(set(pair) <= labels for pair in _EITHER_OR_LABELS):
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
