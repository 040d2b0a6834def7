"""Licence photos in the wild: misreads are not evidence, QR codes are read harder, and a missing
QR code is judged by the licence's version.

Pure parts (QR text decoding and classification, code correction, the page's version, the QR
spot, the rules on prepared readings) need nothing beyond the package and numpy; the parts that
decode generated images need the ``ocr`` extra (they skip without it). Names and codes are
fictional (某某, computed codes); the real photos are measured by bench/bench_licence_image.py.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import pytest

import acctverify as av
import acctverify.licence_image as li
from acctverify.licence_image import _page, _qr, _read
from acctverify.models import Report
from acctverify.models.licence_image import (
    LicenceReading,
    LicenceStyle,
    QrVerdict,
)

sys.path.insert(0, str(Path(__file__).parent))
import licence_images as gen

AS_OF = "2026-11-29"
SPEC = gen.make_spec(21)


def codes_of(report: Report) -> list[str]:
    return [f.code for f in report.findings]


# --- QR text -------------------------------------------------------------------------------------


class _Barcode:
    def __init__(self, raw: bytes, text: str) -> None:
        self.bytes = raw
        self.text = text


def test_gbk_text_is_decoded_as_gbk() -> None:
    record = f"统一社会信用代码:{SPEC.uscc};名称:{SPEC.name}"
    raw = record.encode("gbk")
    latin = raw.decode("latin-1")  # what the decoder reports for GBK without an ECI segment
    assert _qr.text_of(_Barcode(raw, latin)) == record
    assert _qr.text_of(_Barcode(record.encode("utf-8"), record)) == record
    assert _qr.text_of(_Barcode("\ufeff名称:x".encode(), "")) == "名称:x"


@pytest.mark.parametrize(
    ("text", "code", "name"),
    [
        (f"统一社会信用代码:{SPEC.uscc};注册号:110000450036189;名称:{SPEC.name};登记机关:某某局",
         SPEC.uscc, SPEC.name),
        (f"\ufeff名称：{SPEC.name}\n注册号：110000450036189\n类型：有限责任公司", "110000450036189",
         SPEC.name),
        (f"主体名称：{SPEC.name}|注册号：110000450036189|主体类型：有限责任公司", "110000450036189",
         SPEC.name),
        (f"企业名称 : {SPEC.name}\r\n统一社会信用代码 : {SPEC.uscc}", SPEC.uscc, SPEC.name),
    ],
)  # fmt: skip
def test_text_records_are_read(text: str, code: str, name: str) -> None:
    link = li.qr_link(text)
    assert link.verdict is QrVerdict.TEXT_RECORD
    assert (link.code, link.name) == (code, name)


def test_a_text_without_a_valid_code_is_not_a_record() -> None:
    assert li.qr_link(f"名称:{SPEC.name};统一社会信用代码:{SPEC.uscc[:-1]}X").verdict in (
        QrVerdict.NOT_A_LINK,
        QrVerdict.TEXT_RECORD,
    )
    assert li.qr_link("企业码:0000").verdict is QrVerdict.NOT_A_LINK
    assert li.qr_link("A" * 10_000).verdict is QrVerdict.NOT_A_LINK


@pytest.mark.parametrize(
    ("text", "system", "code"),
    [
        (f"https://zzlz.gsxt.gov.cn/businessCheck/verifKey.do?showType=p&serial={SPEC.uscc}"
         f"-SAIC_SHOW_100000{SPEC.uscc}1710919400712&signData=MEQCI", "全国", SPEC.uscc),
        ("https://zzlz.gsxt.gov.cn/businessCheck/verifKey.do?serial=110000201906171811550000"
         "03571695-SAIC_SHOW_10002020190618113213545", "全国", None),
        (f"http://www.szcredit.com.cn/web/GSZJGSPT/QyxyDetail.aspx?rid=ab12&cid={SPEC.uscc}",
         "广东（深圳）", SPEC.uscc),
        ("https://www.szcredit.org.cn/GJQYCredit/GSZJGSPTS/QYGS.aspx?rid=B0819DEB6219A8B1",
         "广东（深圳）", None),
        (f"http://m.yizhuce.gov.cn:8088/ssdj/CXFW/TZYM.aspx?uniscid={SPEC.uscc}", "广东（珠海）",
         SPEC.uscc),
        ("http://air.gzaic.gov.cn:88/outsys/commonquery/viewBusinessLicence?regno=440106000067508",
         "广东（广州）", "440106000067508"),
        (f"http://www.gsxt.gov.cn/index.html?UNISCID={SPEC.uscc}", "全国", SPEC.uscc),
    ],
)  # fmt: skip
def test_codes_in_clear_per_host(text: str, system: str, code: str | None) -> None:
    link = li.qr_link(text)
    assert link.verdict is QrVerdict.OFFICIAL
    assert (link.system, link.code) == (system, code)


def test_a_forged_host_still_gives_its_code_for_comparison() -> None:
    link = li.qr_link(f"http://www.szcredit-cx.com/QyxyDetail.aspx?cid={SPEC.uscc}")
    assert (link.verdict, link.code) == (QrVerdict.UNOFFICIAL, SPEC.uscc)


# --- code correction -----------------------------------------------------------------------------


def test_a_confirmed_code_is_never_corrected() -> None:
    bad = gen.forge(SPEC, "bad_check").uscc
    assert _read._reconcile(bad, bad) == (bad, None)


def test_a_valid_code_is_never_corrected() -> None:
    assert _read._reconcile(SPEC.uscc, None) == (SPEC.uscc, None)


def test_corrections_change_only_confusable_characters() -> None:
    for candidate in _read._corrections("9L" + SPEC.uscc[2:], 2):
        changed = [(a, b) for a, b in zip("9L" + SPEC.uscc[2:], candidate, strict=True) if a != b]
        assert changed
        assert all(_read._confusable(a, b) for a, b in changed)


# --- the page: version and QR spot -------------------------------------------------------------


def _line(text: str, box: tuple[int, int, int, int] = (0, 0, 10, 10)) -> Any:
    left, top, right, bottom = box
    return ([(left, top), (right, top), (right, bottom), (left, bottom)], text, 0.95)


@pytest.mark.parametrize(
    ("texts", "code", "style"),
    [
        (["国家市场监督管理总局监制"], SPEC.uscc, LicenceStyle.CURRENT),
        (["国家市场督管理总局监制"], SPEC.uscc, LicenceStyle.CURRENT),  # a character dropped
        (["扫描二维码登录“国家企业"], SPEC.uscc, LicenceStyle.CURRENT),
        (["中华人民共和国国家工商行政管理总局监制"], SPEC.uscc, LicenceStyle.CREDIT_CODE_2015),
        (["中华人民共和国国家工商行政管理总局监制"], "110000450036189",
         LicenceStyle.REGISTRATION_NUMBER),
        (["企业法人营业执照"], "110000450036189", LicenceStyle.OLD_FORM),
        (["个体工商户营业执照"], None, LicenceStyle.OLD_FORM),
        (["营业执照"], SPEC.uscc, LicenceStyle.UNKNOWN),
        (["营业执照"], "4206002107724", LicenceStyle.REGISTRATION_NUMBER),
    ],
)  # fmt: skip
def test_the_licence_version(texts: list[str], code: str | None, style: LicenceStyle) -> None:
    assert _page.style([_line(text) for text in texts], code) is style


def _page_with(qr: bool) -> tuple[Any, list[Any]]:
    """A white page with a 100-px title and, when *qr*, a QR-like block to its right."""
    import numpy as np

    rng = np.random.default_rng(1)
    gray = np.full((600, 1200), 250, dtype=np.uint8)
    gray[200:300, 300:700] = 40  # the title's ink
    gray[210:290, 305:695] = 250
    gray[230:260, 320:680] = 30
    if qr:
        modules = rng.integers(0, 2, size=(25, 25)) * 220 + 20
        gray[170:320, 800:950] = np.kron(modules, np.ones((6, 6), dtype=np.int64))[:150, :150]
    return gray, [_line("营业执照", (300, 200, 700, 300))]


def test_the_qr_spot_beside_the_title() -> None:
    gray, lines = _page_with(qr=True)
    assert _page.qr_zone_blank(gray, lines) is False
    gray, lines = _page_with(qr=False)
    assert _page.qr_zone_blank(gray, lines) is True


def test_the_qr_spot_is_not_judged_on_a_small_photo() -> None:
    gray, _ = _page_with(qr=False)
    assert _page.qr_zone_blank(gray, [_line("营业执照", (300, 200, 400, 230))]) is None
    assert _page.qr_zone_blank(gray, [_line("公司名称", (300, 200, 700, 300))]) is None


# --- the rules on prepared readings --------------------------------------------------------------


def reading(**changes: Any) -> LicenceReading:
    values = {"name": SPEC.name, "uscc": SPEC.uscc, "entity_type": SPEC.entity_type,
              "legal_representative": SPEC.person, "established": SPEC.established,
              "address": SPEC.address, "registration_authority": SPEC.authority}  # fmt: skip
    values.update(changes.pop("values", {}))
    labels = ("统一社会信用代码", "名称", "类型", "法定代表人", "成立日期", "住所", "登记机关")
    return gen.prepared_reading(values, changes.pop("labels", labels), **changes)


def check(prepared: dict[str, LicenceReading], read: LicenceReading, payee: str) -> Report:
    prepared["licence.png"] = read
    return av.verify({"payee": {"name": payee}, "licence_image": "licence.png", "as_of": AS_OF})


def test_a_misread_code_is_not_evidence(prepared: dict[str, LicenceReading]) -> None:
    misread = SPEC.uscc[:-1] + ("A" if SPEC.uscc[-1] != "A" else "B")
    report = check(prepared, reading(values={"uscc": misread}), SPEC.name)
    codes = codes_of(report)
    assert "image.code_unreliable" in codes
    assert not {"licence.uscc_invalid", "licence.uscc_malformed", "image.uscc_invalid"} & set(codes)
    assert report.level is av.Level.MEDIUM


def test_a_code_the_qr_code_confirms_is_the_licence_s(prepared: dict[str, LicenceReading]) -> None:
    bad = gen.forge(SPEC, "bad_check").uscc
    qr = gen.OFFICIAL_QR.format(code=bad)
    read = reading(values={"uscc": bad}, qr_text=qr, qr_uscc=bad, qr_verdict=QrVerdict.OFFICIAL)
    codes = codes_of(check(prepared, read, SPEC.name))
    assert "licence.uscc_invalid" in codes
    assert "image.code_unreliable" not in codes


def test_a_13_digit_number_cannot_be_validated(prepared: dict[str, LicenceReading]) -> None:
    report = check(prepared, reading(values={"uscc": "4206002107724"}), SPEC.name)
    codes = codes_of(report)
    assert "licence.regno_unverifiable" in codes
    assert not {"licence.uscc_malformed", "image.code_unreliable"} & set(codes)


@pytest.mark.parametrize(
    "read_as",
    [
        SPEC.name[1:],  # the first character dropped
        SPEC.name[:3] + "某" + SPEC.name[4:],  # one character misread
        SPEC.name + "JIAGUHOME.COM",  # a watermark glued on
        "称" + SPEC.name,  # a label remnant in front
    ],
)
def test_a_name_a_few_characters_off_is_unconfirmed(
    prepared: dict[str, LicenceReading], read_as: str
) -> None:
    report = check(prepared, reading(values={"name": read_as}), SPEC.name)
    codes = codes_of(report)
    assert "licence.name_unconfirmed" in codes
    assert not {"licence.name_mismatch", "licence.name_lookalike", "licence.name_close"} & set(
        codes
    )
    assert report.level is av.Level.MEDIUM


def test_a_different_name_on_a_photo_is_still_a_mismatch(
    prepared: dict[str, LicenceReading],
) -> None:
    report = check(prepared, reading(), "深圳市某某商务咨询有限公司")
    assert "licence.name_mismatch" in codes_of(report)


def test_a_supplied_licence_keeps_full_strength() -> None:
    report = av.verify(
        {"payee": {"name": SPEC.name[1:]}, "licence": {"name": SPEC.name, "uscc": SPEC.uscc},
         "as_of": AS_OF}
    )  # fmt: skip
    assert "licence.name_unconfirmed" not in codes_of(report)


def test_two_documents_in_one_photo_say_nothing_about_the_type(
    prepared: dict[str, LicenceReading],
) -> None:
    labels = ("统一社会信用代码", "名称", "类型", "经营者", "组成形式", "法定代表人", "住所")
    labels += ("经营场所",)
    read = reading(values={"entity_type": "个体工商户"}, labels=labels)
    assert "image.labels_vs_type" not in codes_of(check(prepared, read, SPEC.name))


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"style": LicenceStyle.CURRENT, "qr_zone_blank": True}, "image.qr_absent"),
        # the same photo, but a QR symbol was located and could not be decoded
        ({"style": LicenceStyle.CURRENT, "qr_zone_blank": None, "qr_unread": 1},
         "image.qr_missing"),
        # something QR-like where the code should be: no accusation
        ({"style": LicenceStyle.CURRENT, "qr_zone_blank": False}, "image.qr_missing"),
        # cropped: a field every licence shows is missing
        ({"style": LicenceStyle.CURRENT, "qr_zone_blank": True,
          "values": {"registration_authority": None, "address": None},
          "labels": ("统一社会信用代码", "名称", "类型", "法定代表人", "成立日期")},
         "image.qr_missing"),
        ({"style": LicenceStyle.OLD_FORM}, "image.qr_not_expected"),
        ({"style": LicenceStyle.REGISTRATION_NUMBER}, "image.qr_not_expected"),
        ({"style": LicenceStyle.CREDIT_CODE_2015}, "image.qr_missing"),
    ],
)  # fmt: skip
def test_a_missing_qr_code_by_version(
    prepared: dict[str, LicenceReading], changes: dict[str, Any], code: str
) -> None:
    report = check(prepared, reading(**changes), SPEC.name)
    qr_codes = [c for c in codes_of(report) if c.startswith("image.qr_")]
    assert qr_codes == [code]
    if code != "image.qr_absent":
        assert report.level is av.Level.MEDIUM
    else:
        assert report.level.rank >= av.Level.HIGH.rank


def test_a_text_record_on_a_2019_licence_is_a_forgery_sign(
    prepared: dict[str, LicenceReading],
) -> None:
    text = f"名称:{SPEC.name};统一社会信用代码:{SPEC.uscc}"
    link = li.qr_link(text)
    common = {"qr_text": text, "qr_uscc": link.code, "qr_verdict": link.verdict}
    current = check(prepared, reading(style=LicenceStyle.CURRENT, **common), SPEC.name)
    assert "image.qr_text_record" in codes_of(current)
    older = check(prepared, reading(style=LicenceStyle.CREDIT_CODE_2015, **common), SPEC.name)
    assert not [c for c in codes_of(older) if c.startswith("image.qr_")]


def test_a_bare_ip_host_is_not_an_accusation(prepared: dict[str, LicenceReading]) -> None:
    text = "http://218.57.139.24/pub/jbxx/qy/ab/jbxx"
    read = reading(qr_text=text, qr_verdict=QrVerdict.UNOFFICIAL, qr_host="218.57.139.24")
    report = check(prepared, read, SPEC.name)
    assert "image.qr_ip_host" in codes_of(report)
    assert "image.qr_unofficial_host" not in codes_of(report)
    assert report.level is av.Level.MEDIUM


# --- generated images (need the ocr extra and a CJK font) ----------------------------------------


def need_images() -> None:
    pytest.importorskip("rapidocr_onnxruntime")
    pytest.importorskip("zxingcpp")
    if gen.find_fonts() is None:
        pytest.skip("no CJK font: apt-get install fonts-noto-cjk (or fonts-wqy-zenhei)")


def _png(spec: gen.LicenceSpec) -> bytes:
    buffer = io.BytesIO()
    gen.render(spec).save(buffer, format="PNG")
    return buffer.getvalue()


def test_verify_reads_the_image_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    need_images()
    path = tmp_path / "licence.png"
    path.write_bytes(_png(SPEC))
    calls = {"ocr": 0, "decode": 0}
    ocr, decode = _read._ocr, _qr.decode

    def counted_ocr(picture: Any) -> Any:
        calls["ocr"] += 1
        return ocr(picture)

    def counted_decode(picture: Any) -> Any:
        calls["decode"] += 1
        return decode(picture)

    monkeypatch.setattr(_read, "_ocr", counted_ocr)
    monkeypatch.setattr(_qr, "decode", counted_decode)
    report = av.verify({"payee": {"name": SPEC.name}, "licence_image": str(path), "as_of": AS_OF})
    assert calls == {"ocr": 1, "decode": 1}
    assert report.facts.licence_image is not None
    assert report.facts.licence_image.style is LicenceStyle.CURRENT


def test_a_generated_licence_without_its_qr_code_is_a_likely_forgery() -> None:
    need_images()
    reading = li.read_licence(_png(gen.forge(SPEC, "no_qr")))
    assert reading.style is LicenceStyle.CURRENT
    assert reading.qr_zone_blank is True
    genuine = li.read_licence(_png(SPEC))
    assert genuine.qr_zone_blank is None  # a QR code was read: the spot is not judged
    assert genuine.qr_uscc == SPEC.uscc


def test_a_gbk_text_qr_code_is_read_off_an_image() -> None:
    need_images()
    import qrcode

    record = f"统一社会信用代码:{SPEC.uscc};名称:{SPEC.name}"
    code = qrcode.QRCode(border=4)
    code.add_data(record.encode("gbk"))  # bytes: no ECI, as many provinces printed them
    code.make(fit=True)
    picture = code.make_image().get_image().convert("RGB").resize((400, 400))
    scan = _qr.decode(picture)
    assert [text for text, _ in scan.codes] == [record]
