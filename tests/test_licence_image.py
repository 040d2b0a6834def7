"""acctverify.licence_image: QR links, layout reading, the image rules, and real OCR on generated
licence images (genuine, forged, degraded).

The first part needs nothing beyond the package: QR-link classification against
data/gsxt_hosts.csv, the layout reader on synthetic OCR lines, and every ``image.*`` finding
through verify() with the image reader replaced by a prepared reading. The second part reads
images rendered by tests/licence_images.py; it needs the ``ocr`` extra and a CJK font from Debian
(fonts-noto-cjk or fonts-wqy-zenhei) and skips, saying which, without them. Every name and code is
fictional (某某, computed credit codes).
"""

from __future__ import annotations

import dataclasses
import functools
import io
import json
import math
import sys
from pathlib import Path
from typing import Any

import pytest

import acctverify as av
import acctverify.licence_image as li
from acctverify._data import table
from acctverify.cli import main
from acctverify.exceptions import AcctVerifyError, InputTooLarge
from acctverify.licence_image import _layout, _read
from acctverify.models import Report
from acctverify.models.licence_image import (
    ImageProblem,
    LicenceReading,
    LicenceStyle,
    QrVerdict,
)
from acctverify.rules.catalogue import FINDINGS

sys.path.insert(0, str(Path(__file__).parent))
import licence_images as gen

AS_OF = "2026-11-29"
SPEC = gen.make_spec(11)
OTHER = gen.make_spec(12)
QR = gen.OFFICIAL_QR.format(code=SPEC.uscc)


# --- QR links ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "verdict", "host", "code"),
    [
        (QR, "official", "www.gsxt.gov.cn", SPEC.uscc),
        (QR.replace("http:", "https:"), "official", "www.gsxt.gov.cn", SPEC.uscc),
        ("HTTP://WWW.GSXT.GOV.CN./index.html?uniscid=" + SPEC.uscc, "official", "www.gsxt.gov.cn",
         SPEC.uscc),
        ("www.gsxt.gov.cn/index.html?uniscid=" + SPEC.uscc, "official", "www.gsxt.gov.cn",
         SPEC.uscc),
        ("http://www.gsxt.gov.cn/%7BABC-1546300800000%7D", "official", "www.gsxt.gov.cn", None),
        ("http://zj.gsxt.gov.cn/%7BABC%7D", "official", "zj.gsxt.gov.cn", None),
        ("http://218.95.241.36:8035/yzt/toHandleQuery.do?id=eA&uniScID=OTE", "official",
         "218.95.241.36", None),
        ("http://gsxt.jxaic.gov.cn/ECPS/qyxxgsAction_initQyxyxxMain.action?qylx=9999&nbxh=1"
         "&qylxFlag=2&zch=360108610008710", "official", "gsxt.jxaic.gov.cn", "360108610008710"),
        ("http://www.jsgsj.gov.cn:58888/ecipplatform/jiangsu.jsp?org=A", "official",
         "www.jsgsj.gov.cn", None),
        ("http://www.gsxt-cx.com/index.html?uniscid=" + SPEC.uscc, "unofficial", "www.gsxt-cx.com",
         SPEC.uscc),
        ("https://www.gsxt.gov.cn.qiye-chaxun.top/?uniscid=" + SPEC.uscc, "unofficial",
         "www.gsxt.gov.cn.qiye-chaxun.top", SPEC.uscc),
        ("http://wwwgsxt.gov.cn.example.com/", "unofficial", "wwwgsxt.gov.cn.example.com", None),
        ("http://www.gsxt.gov.cn@qiye-cx.top/index.html", "unofficial", "qiye-cx.top", None),
        ("http://qiye-cx.top\\@www.gsxt.gov.cn/", "unofficial", "qiye-cx.top", None),
        ("http://218.95.241.37/", "unofficial", "218.95.241.37", None),
        ("http://samr.gov.cn/x", "gov_unlisted", "samr.gov.cn", None),
        ("http://xxgs.example.gov.cn/x", "gov_unlisted", "xxgs.example.gov.cn", None),
        ("某某科技有限公司 " + SPEC.uscc, "text_record", None, SPEC.uscc),
        ("某某科技有限公司", "not_a_link", None, None),
        ("", "not_a_link", None, None),
        ("http://", "not_a_link", None, None),
        ("http://[::1", "not_a_link", None, None),
        ("9" * 100_000, "not_a_link", None, None),
    ],
)  # fmt: skip
def test_qr_links(text: str, verdict: str, host: str | None, code: str | None) -> None:
    link = li.qr_link(text)
    assert (link.verdict.value, link.host, link.code) == (verdict, host, code)


def test_every_listed_host_is_official() -> None:
    rows = table("gsxt_hosts.csv").rows
    assert {row["province"] for row in rows} >= {"全国", "江西", "青海", "河南"}
    for row in rows:
        port = f":{row['port']}" if row["port"] else ""
        link = li.qr_link(f"http://{row['host']}{port}/x")
        assert link.verdict is QrVerdict.OFFICIAL, row
        assert link.system == row["province"]
        assert row["source"].strip(), row
        assert len(row["code_param"].split("|")) == len(row["code_kind"].split("|")), row


def test_only_the_clear_code_parameters_are_read() -> None:
    # 河南's uniScID is obfuscated (licence.md §2.3): never read as a credit code.
    link = li.qr_link("http://dzhy.haaic.gov.cn/yzt/toHandleQuery.do?id=x&uniScID=" + SPEC.uscc)
    assert (link.verdict, link.code) == (QrVerdict.OFFICIAL, None)


# --- the layout reader, on synthetic OCR lines ------------------------------------------------


def line(text: str, x: float, y: float, w: float | None = None, h: float = 30) -> Any:
    """An OCR line: corner points, text, confidence."""
    width = w if w is not None else 30 * len(text)
    return ([(x, y), (x + width, y), (x + width, y + h), (x, y + h)], text, 0.99)


def page(*lines: Any, rotation: int = 0, angle: float = 0.0) -> list[Any]:
    """The lines as they would come from a 1700 × 1200 page skewed by *angle* degrees and turned
    *rotation* degrees counter-clockwise (so that reading must turn them back)."""
    width = 1700
    turn = math.radians(angle)
    out = []
    for quad, text, score in lines:
        points = []
        for px, py in quad:
            x = px * math.cos(turn) - py * math.sin(turn)
            y = px * math.sin(turn) + py * math.cos(turn)
            points.append((y, width - x) if rotation == 90 else (x, y))
        out.append((points, text, score))
    return out


LINES = (
    line("统一社会信用代码", 90, 110),
    line(SPEC.uscc, 90, 155, w=390),
    line("证照编号：" + "1" * 20, 90, 215),
    line("营业执照", 520, 200, h=100),
    line("名", 90, 400), line("称", 190, 400),
    line(SPEC.name[:18], 270, 402),
    line(SPEC.name[18:] or "司", 270, 446),
    line("类型", 90, 516, w=130), line(SPEC.entity_type, 270, 518),
    line("法定代表人：" + SPEC.person, 90, 590),
    line("经营范围", 90, 660), line("一般项目：技术服务、", 270, 662), line("软件开发。", 270, 708),
    line("注册资本", 900, 400), line(SPEC.capital or "", 1080, 402),
    line("成立日期", 900, 470), line(SPEC.established, 1080, 472),
    line("营业期限", 900, 540), line(SPEC.term or "", 1080, 542),
    line("住", 900, 610), line("所", 990, 610),
    line(SPEC.address[:14], 1080, 612), line(SPEC.address[14:], 1080, 656),
    line("登记机关", 900, 900), line(SPEC.authority, 1140, 935, h=20),
    line(SPEC.issued, 1150, 1045),
)  # fmt: skip


def layout_fields(lines: Any, **where: int) -> dict[str, str]:
    width, height = (1200, 1700) if where.get("rotation") else (1700, 1200)
    best = max(
        (
            _layout.read_layout(
                _layout.tokens(lines, rotation=r, width=width, height=height), rotation=r
            )
            for r in (0, 90, 180, 270)
        ),
        key=lambda layout: layout.score,
    )
    return {found.field: found.value for found in best.fields}


EXPECTED = {
    "uscc": SPEC.uscc,
    "name": SPEC.name if len(SPEC.name) > 18 else SPEC.name + "司",
    "entity_type": SPEC.entity_type,
    "legal_representative": SPEC.person,
    "business_scope": "一般项目：技术服务、软件开发。",
    "registered_capital": SPEC.capital,
    "established": SPEC.established,
    "business_term_end": SPEC.term,
    "address": SPEC.address,
    "registration_authority": SPEC.authority,
}


@pytest.mark.parametrize(("rotation", "angle"), [(0, 0.0), (0, 3.0), (0, -4.0), (90, 0.0)])
def test_layout_reads_every_field(rotation: int, angle: float) -> None:
    lines = page(*LINES, rotation=rotation, angle=angle)
    assert layout_fields(lines, rotation=rotation) == EXPECTED


def test_layout_takes_the_code_next_to_its_label_not_the_serial() -> None:
    lines = page(
        line("证照编号", 90, 60),
        line("91" + "0" * 16, 300, 60),  # another 18-character run, far from the label
        line("统一社会信用代码", 90, 110),
        line(SPEC.uscc.replace("0", "O"), 90, 155, w=390),
    )
    assert layout_fields(lines)["uscc"] == SPEC.uscc  # O is never in a code: read as 0


def test_layout_without_labels_finds_nothing_but_a_code() -> None:
    assert layout_fields(page(line("某某有限公司", 10, 10), line(SPEC.uscc, 10, 60))) == {
        "uscc": SPEC.uscc
    }
    assert layout_fields([]) == {}


def test_after_label() -> None:
    assert _layout.after_label("法定代表人：张某", "法定代表人") == "张某"
    assert _layout.after_label("住　所 某某路1号", "住所") == "某某路1号"
    assert _layout.after_label("其他", "名称") == "其他"


def test_a_misread_printed_code_is_reconciled_with_the_qr_code_only_when_surely_misread() -> None:
    code = SPEC.uscc
    position = next(i for i, ch in enumerate(code[:17]) if ch in "0158")
    misread = code[:position] + {"0": "D", "1": "L", "5": "S", "8": "B"}[code[position]]
    misread += code[position + 1 :]
    assert _read._reconcile(misread, code)[0] == code
    assert "QR code" in (_read._reconcile(misread, code)[1] or "")
    # A printed code that passes its check is what is printed, whatever the QR code says.
    assert _read._reconcile(OTHER.uscc, code) == (OTHER.uscc, None)
    # So is one that differs in characters OCR does not confuse, or in too many.
    assert _read._reconcile(BAD_CHECK, code) == (BAD_CHECK, None)


def test_a_misread_code_is_corrected_only_when_one_reading_is_certain() -> None:
    code = SPEC.uscc
    position = next(i for i, ch in enumerate(code[:17]) if ch in "0158")
    misread = code[:position] + {"0": "D", "1": "L", "5": "S", "8": "B"}[code[position]]
    misread += code[position + 1 :]
    corrected, note = _read._reconcile(misread, None)
    assert corrected == code
    assert "only reading" in (note or "")
    # A 15-digit number one digit off has several confusable readings that pass: none is taken.
    assert _read._reconcile("110000480036189", None) == ("110000480036189", None)
    # A code that passes its checks is never changed.
    assert _read._reconcile(code, None) == (code, None)


# --- the image rules, with a prepared reading --------------------------------------------------


def reading(**changes: Any) -> LicenceReading:
    """A clean reading of SPEC, with *changes*."""
    values = {
        "name": SPEC.name,
        "uscc": SPEC.uscc,
        "entity_type": SPEC.entity_type,
        "legal_representative": SPEC.person,
        "registered_capital": SPEC.capital,
        "established": SPEC.established,
        "business_term_end": SPEC.term,
        "address": SPEC.address,
        "registration_authority": SPEC.authority,
    }
    values.update(changes.pop("values", {}))
    labels = changes.pop(
        "labels", ("统一社会信用代码", "名称", "类型", "法定代表人", "注册资本", "成立日期",
                   "营业期限", "住所", "登记机关"),
    )  # fmt: skip
    return gen.prepared_reading(values, labels, changes.pop("qr_text", QR), **changes)


def check(prepared: dict[str, LicenceReading], read: LicenceReading, **request: Any) -> Report:
    prepared["licence.png"] = read
    report = av.verify(
        {"payee": {"name": SPEC.name}, "licence_image": "licence.png", "as_of": AS_OF, **request}
    )
    for finding in report.findings:
        assert finding.evidence, finding.code
        assert finding.message_zh.strip()
        assert "{" not in finding.message_en, finding.message_en
    assert Report.model_validate_json(report.model_dump_json()) == report
    return report


BAD_CHECK = gen.forge(SPEC, "bad_check").uscc
#: code -> (reading changes, request additions): one case per image.* code.
CASES: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "image.unreadable": ({"problem": ImageProblem.UNREADABLE, "problem_detail": "not an image"},
                         {}),
    "image.ocr_unavailable": ({"problem": ImageProblem.OCR_UNAVAILABLE}, {}),
    "image.qr_missing": ({"qr_text": None}, {}),
    "image.qr_absent": ({"qr_text": None, "style": LicenceStyle.CURRENT, "qr_zone_blank": True},
                        {}),
    "image.qr_not_expected": ({"qr_text": None, "style": LicenceStyle.OLD_FORM}, {}),
    "image.qr_unofficial_host": ({"qr_text": "http://www.gsxt-cx.com/index.html?uniscid="
                                  + SPEC.uscc}, {}),
    "image.qr_unknown_gov_host": ({"qr_text": "http://samr.gov.cn/qr?id=1"}, {}),
    "image.qr_not_link": ({"qr_text": "企业码:0000"}, {}),
    "image.qr_ip_host": ({"qr_text": "http://218.57.139.24/pub/jbxx/qy/ab/jbxx"}, {}),
    "image.qr_text_record": ({"qr_text": f"名称:{SPEC.name};统一社会信用代码:{SPEC.uscc}",
                              "style": LicenceStyle.CURRENT}, {}),
    "image.qr_uscc_mismatch": ({"qr_text": gen.OFFICIAL_QR.format(code=OTHER.uscc)}, {}),
    "image.qr_uscc_consistent": ({}, {}),
    "image.uscc_differs_from_supplied": ({}, {"licence": {"name": SPEC.name,
                                                          "uscc": OTHER.uscc}}),
    "image.uscc_invalid": ({"values": {"uscc": BAD_CHECK},
                            "qr_text": gen.OFFICIAL_QR.format(code=BAD_CHECK)},
                           {"licence": {"name": SPEC.name}}),
    "image.code_unreliable": ({"values": {"uscc": BAD_CHECK}, "qr_text": None}, {}),
    "image.code_corrected": ({"code_read_as": "9L" + SPEC.uscc[2:]}, {}),
    "image.fields_missing": ({"values": {"entity_type": None, "registration_authority": None},
                              "labels": ("名称",)}, {}),
    "image.labels_vs_type": ({"labels": ("名称", "类型", "经营者", "组成形式", "登记机关")}, {}),
}  # fmt: skip


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_image_finding(prepared: dict[str, LicenceReading], code: str) -> None:
    changes, request = CASES[code]
    report = check(prepared, reading(**changes), **request)
    found = [f for f in report.findings if f.code == code]
    assert found, [f.code for f in report.findings]
    assert found[0].kind is FINDINGS[code].kind
    assert "licence_image" in [evidence.field for evidence in found[0].evidence]


def test_every_image_code_has_a_case() -> None:
    assert set(CASES) == {code for code in FINDINGS if code.startswith("image.")}


def test_a_clean_reading_raises_nothing(prepared: dict[str, LicenceReading]) -> None:
    report = check(prepared, reading())
    image = [f for f in report.findings if f.code.startswith(("image.", "licence."))]
    assert [f.code for f in image] == ["image.qr_uscc_consistent"]
    assert report.facts.licence_image is not None
    assert report.facts.licence is not None  # the image's licence stood in for the missing one


def test_a_matching_qr_code_is_never_trust(prepared: dict[str, LicenceReading]) -> None:
    report = check(prepared, reading(), creditor="微粒贷")
    consistent = next(f for f in report.findings if f.code == "image.qr_uscc_consistent")
    assert consistent.kind.value == "info"
    assert consistent.contribution == 0
    assert report.level.value != "low"
    assert all(f.kind.value != "trust" for f in report.findings if f.code.startswith("image."))


def test_the_image_licence_feeds_the_licence_rules(prepared: dict[str, LicenceReading]) -> None:
    report = check(
        prepared,
        reading(values={"uscc": BAD_CHECK}, qr_text=gen.OFFICIAL_QR.format(code=BAD_CHECK)),
        payee={"name": "深圳市某某商务咨询有限公司"},
    )
    codes = {f.code for f in report.findings}
    assert {"licence.uscc_invalid", "licence.name_mismatch"} <= codes
    assert "image.uscc_invalid" not in codes  # reported once, by the licence rules
    assert "image.qr_uscc_consistent" not in codes  # an invalid code does not exist


def test_a_supplied_licence_is_kept(prepared: dict[str, LicenceReading]) -> None:
    report = check(prepared, reading(), licence={"name": SPEC.name, "uscc": SPEC.uscc})
    codes = {f.code for f in report.findings}
    assert not codes & {"image.uscc_differs_from_supplied", "image.uscc_invalid"}


def test_individual_business_labels(prepared: dict[str, LicenceReading]) -> None:
    individual = gen.make_spec(4, kind="individual")
    read = reading(
        values={"uscc": individual.uscc, "entity_type": "个体工商户", "name": None,
                "registered_capital": None},
        labels=("统一社会信用代码", "类型", "经营者", "组成形式", "注册日期", "经营场所",
                "登记机关"),
        qr_text=gen.OFFICIAL_QR.format(code=individual.uscc),
    )  # fmt: skip
    codes = {f.code for f in check(prepared, read).findings}
    assert "image.fields_missing" not in codes  # 名称 may be absent on a 个体工商户 licence
    assert "image.labels_vs_type" not in codes
    assert "licence.individual_business_form" in codes
    wrong = reading(
        values={"uscc": individual.uscc, "entity_type": "个体工商户"},
        labels=("名称", "类型", "法定代表人", "注册资本", "登记机关"),
    )
    codes = {f.code for f in check(prepared, wrong).findings}
    assert "image.labels_vs_type" in codes


# --- reading without the extra, and hostile input ---------------------------------------------


def test_a_missing_file_is_unreadable_with_or_without_the_extra() -> None:
    got = li.try_read_licence("/no/such/licence.png")
    assert got.problem is ImageProblem.UNREADABLE
    assert got.source == "licence.png"
    with pytest.raises(li.UnreadableImage):
        li.read_licence("/no/such/licence.png")


def test_without_the_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "licence.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n")
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)
    _read._engine.cache_clear()
    try:
        with pytest.raises(ImportError, match=r'pip install "acctverify\[ocr\]"') as caught:
            li.read_licence(path)
        assert isinstance(caught.value, AcctVerifyError)
        assert li.try_read_licence(str(path)).problem is ImageProblem.OCR_UNAVAILABLE
        report = av.verify({"licence_image": str(path), "as_of": AS_OF})
        codes = [f.code for f in report.findings]
        assert "image.ocr_unavailable" in codes
        assert 'pip install "acctverify[ocr]"' in report.model_dump_json().replace("\\", "")
    finally:
        _read._engine.cache_clear()


def test_import_does_not_load_the_imaging_libraries() -> None:
    import subprocess

    code = (
        "import sys, acctverify, acctverify.licence_image; "
        "print(sorted(m for m in ('PIL', 'rapidocr_onnxruntime', 'zxingcpp', 'onnxruntime') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def need_ocr() -> None:
    pytest.importorskip("rapidocr_onnxruntime", reason='needs pip install "acctverify[ocr]"')
    pytest.importorskip("zxingcpp", reason='needs pip install "acctverify[ocr]"')


NASTY: list[Any] = [None, "", 0, object(), b"", b"not an image", "\ud800", "a\x00b",
                    "9" * 100_000, ["licence.png"], bytearray(b"GIF89a")]  # fmt: skip


@pytest.mark.parametrize("value", NASTY, ids=range(len(NASTY)))
def test_hostile_input_raises_only_our_errors(value: Any) -> None:
    need_ocr()
    with pytest.raises(AcctVerifyError):
        li.read_licence(value)
    assert li.try_read_licence(value).problem is not None


def test_size_caps(monkeypatch: pytest.MonkeyPatch) -> None:
    need_ocr()
    from PIL import Image

    monkeypatch.setattr(_read, "MAX_PIXELS", 50 * 50)
    with pytest.raises(InputTooLarge):
        li.read_licence(Image.new("RGB", (60, 60), "white"))
    monkeypatch.setattr(_read, "MAX_FILE_BYTES", 10)
    with pytest.raises(InputTooLarge):
        li.read_licence(b"x" * 11)


def test_the_models_ship_inside_the_wheel() -> None:
    need_ocr()
    import rapidocr_onnxruntime

    models = Path(rapidocr_onnxruntime.__file__).parent / "models"
    names = {path.name for path in models.glob("*.onnx")}
    assert {"ch_PP-OCRv4_det_infer.onnx", "ch_PP-OCRv4_rec_infer.onnx"} <= names
    assert _read.engine() is _read.engine()  # created once per process


# --- real OCR on generated images --------------------------------------------------------------


def need_images() -> gen.Fonts:
    need_ocr()
    fonts = gen.find_fonts()
    if fonts is None:
        pytest.skip("no CJK font: apt-get install fonts-noto-cjk (or fonts-wqy-zenhei)")
    return fonts


@functools.cache
def image_bytes(variant: str, degradation: str = "clean", kind: str = "company") -> bytes:
    spec = gen.make_spec(11 if kind == "company" else 4, kind=kind)
    if variant != "genuine":
        spec = gen.forge(spec, variant, seed=11)
    picture = gen.degrade(gen.render(spec), degradation, seed=11)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()


@functools.cache
def read(variant: str, degradation: str = "clean", kind: str = "company") -> LicenceReading:
    return li.read_licence(image_bytes(variant, degradation, kind))


def verify_image(tmp_path: Path, variant: str, **request: Any) -> Report:
    path = tmp_path / f"{variant}.png"
    path.write_bytes(image_bytes(variant))
    return av.verify({"payee": {"name": SPEC.name}, "licence_image": str(path), "as_of": AS_OF,
                      **request})  # fmt: skip


def test_a_genuine_company_licence_is_read() -> None:
    need_images()
    got = read("genuine")
    expected = {
        "uscc": SPEC.uscc, "name": SPEC.name, "legal_representative": SPEC.person,
        "established": SPEC.established, "registered_capital": SPEC.capital,
        "business_term_end": SPEC.term, "address": SPEC.address,
    }  # fmt: skip
    values = {item.field: item.value for item in got.fields}
    assert {key: values.get(key) for key in expected} == expected
    assert got.licence.entity_type is not None
    assert got.licence.source == "licence_image"
    assert (got.qr_text, got.qr_host, got.qr_uscc) == (QR, "www.gsxt.gov.cn", SPEC.uscc)
    assert got.qr_verdict is QrVerdict.OFFICIAL
    assert min(got.confidence.values()) > 0.8
    assert got.rotation == 0
    assert got.lines
    assert not got.warnings
    assert {"法定代表人", "注册资本", "登记机关"} <= set(got.labels)


def test_an_individual_business_licence_is_read() -> None:
    need_images()
    spec = gen.make_spec(4, kind="individual")
    got = read("genuine", kind="individual")
    assert got.licence.uscc == spec.uscc
    assert got.licence.legal_representative == spec.person
    assert {"经营者", "组成形式", "经营场所", "注册日期"} <= set(got.labels)
    assert "法定代表人" not in got.labels


@pytest.mark.parametrize("degradation", [d for d in gen.DEGRADATIONS if d != "clean"])
def test_degraded_copies_are_read(degradation: str) -> None:
    need_images()
    got = read("genuine", degradation)
    assert got.licence.uscc == SPEC.uscc
    assert got.licence.name == SPEC.name  # not one character short (the label column's edge)
    assert got.qr_uscc == SPEC.uscc
    assert got.licence.legal_representative == SPEC.person
    assert got.rotation == (90 if degradation == "rotate90" else 0)


def test_paths_bytes_and_pil_images_read_alike(tmp_path: Path) -> None:
    need_images()
    from PIL import Image

    path = tmp_path / "licence.png"
    path.write_bytes(image_bytes("genuine"))
    from_path = li.read_licence(path)
    from_image = li.read_licence(Image.open(io.BytesIO(image_bytes("genuine"))))
    assert from_path.source == "licence.png"
    assert from_image.source == "<image>"
    assert from_path.fields == from_image.fields == read("genuine").fields


def test_exif_orientation_and_transparency_are_honoured() -> None:
    need_images()
    from PIL import Image

    upright = Image.open(io.BytesIO(image_bytes("genuine")))
    sideways = upright.transpose(Image.Transpose.ROTATE_90).convert("RGBA")
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    buffer = io.BytesIO()
    sideways.save(buffer, format="PNG", exif=exif)
    got = li.read_licence(buffer.getvalue())
    assert got.licence.uscc == SPEC.uscc
    assert got.rotation == 0  # upright once the EXIF orientation is applied


@pytest.mark.parametrize(
    ("variant", "code"),
    [
        ("wrong_host", "image.qr_unofficial_host"),
        ("lookalike_host", "image.qr_unofficial_host"),
        ("qr_mismatch", "image.qr_uscc_mismatch"),
        ("bad_check", "licence.uscc_invalid"),
        ("no_qr", "image.qr_absent"),
        ("not_a_link", "image.qr_text_record"),
        ("genuine", "image.qr_uscc_consistent"),
    ],
)
def test_forgeries_are_reported(tmp_path: Path, variant: str, code: str) -> None:
    need_images()
    report = verify_image(tmp_path, variant)
    codes = [f.code for f in report.findings]
    assert code in codes
    if variant == "genuine":
        assert not [c for c in codes if c.startswith("image.") and c != code]
    else:
        assert report.level.rank >= av.Level.MEDIUM.rank


def test_a_company_licence_with_individual_labels(tmp_path: Path) -> None:
    need_images()
    forged = dataclasses.replace(
        gen.make_spec(4, kind="individual"), entity_type="有限责任公司(自然人独资)"
    )
    path = tmp_path / "forged.png"
    gen.render(forged).save(path)
    report = av.verify({"licence_image": str(path), "as_of": AS_OF})
    assert "image.labels_vs_type" in [f.code for f in report.findings]


def test_a_blank_picture_lacks_every_field(tmp_path: Path) -> None:
    need_ocr()
    from PIL import Image

    path = tmp_path / "blank.jpg"
    Image.new("RGB", (800, 600), (250, 250, 250)).save(path)
    report = av.verify({"licence_image": str(path), "as_of": AS_OF})
    codes = [f.code for f in report.findings]
    assert {"image.fields_missing", "image.qr_missing"} <= set(codes)
    assert report.facts.licence is None  # nothing read, nothing stands in for a licence


def test_the_supplied_code_is_compared(tmp_path: Path) -> None:
    need_images()
    report = verify_image(tmp_path, "genuine", licence={"name": SPEC.name, "uscc": OTHER.uscc})
    assert "image.uscc_differs_from_supplied" in [f.code for f in report.findings]


def test_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    need_images()
    path = tmp_path / "licence.png"
    path.write_bytes(image_bytes("qr_mismatch"))
    status = main(["check", "--payee-name", SPEC.name, "--licence-image", str(path), "--json",
                   "--as-of", AS_OF])  # fmt: skip
    out = json.loads(capsys.readouterr().out)
    assert status == 1
    assert "image.qr_uscc_mismatch" in [f["code"] for f in out["findings"]]
    assert out["facts"]["licence_image"]["qr_uscc"] != SPEC.uscc
    status = main(["check", "--licence-image", str(tmp_path / "missing.png")])
    assert status == 2
    assert "cannot read licence image" in capsys.readouterr().err
