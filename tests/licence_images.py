"""Generate licence-like (营业执照) test images, deterministically, with fictional data only.

The layout follows the 2019 licence as licence.md §1 describes it: a landscape sheet with the
credit code top left, the title in the middle, the QR code top right, two columns of labelled
fields (company: 名称 · 类型 · 法定代表人 · 经营范围 | 注册资本 · 成立日期 · 营业期限 · 住所;
个体工商户: 名称 · 类型 · 经营者 · 组成形式 · 经营范围 | 注册日期 · 经营场所) and 登记机关 with a
seal and the issue date bottom right. Names use 某某-style trade names and persons; credit codes are
computed (valid organisation code and check character unless a variant breaks one on purpose).

Used by tests/test_licence_image.py and bench/bench_licence_image.py::

    spec = make_spec(7)                       # a company licence, seed 7
    image = render(spec)                      # PIL image (needs a CJK font: find_fonts())
    image = degrade(image, "jpeg", seed=7)    # blur, rotate, rotate90, jpeg, small
"""

from __future__ import annotations

import functools
import io
import os
import random
import shutil
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from acctverify.cn import orgcode, uscc
from acctverify.licence_image import qr_link
from acctverify.models import Licence
from acctverify.models.licence_image import FieldReading, LicenceReading

if TYPE_CHECKING:
    from PIL import Image, ImageFont

__all__ = [
    "DEGRADATIONS",
    "FORGERIES",
    "Fonts",
    "LicenceSpec",
    "degrade",
    "find_fonts",
    "forge",
    "make_spec",
    "make_uscc",
    "render",
]

#: Region codes (GB/T 2260) used for the fictional companies, with the address prefix and the
#: registration authority that go with them.
REGIONS = (
    ("440300", "深圳市", "深圳市市场监督管理局"),
    ("110105", "北京市朝阳区", "北京市朝阳区市场监督管理局"),
    ("310115", "上海市浦东新区", "上海市浦东新区市场监督管理局"),
    ("330106", "杭州市西湖区", "杭州市西湖区市场监督管理局"),
    ("510107", "成都市武侯区", "成都市武侯区市场监督管理局"),
    ("320506", "苏州市吴中区", "苏州市吴中区市场监督管理局"),
    ("420106", "武汉市武昌区", "武汉市武昌区市场监督管理局"),
    ("370202", "青岛市市南区", "青岛市市南区市场监督管理局"),
)
#: Trade names: 某某 plus a neutral word, so that no real company is named.
TRADE = ("某某", "某某信达", "某某恒通", "某某云帆", "某某启明", "某某华创", "某某瑞丰", "某某鑫源")
INDUSTRY = (
    "商务咨询",
    "科技",
    "信息技术",
    "网络科技",
    "企业管理咨询",
    "贸易",
    "文化传媒",
    "供应链管理",
)
FORMS = (
    ("有限公司", "有限责任公司(自然人投资或控股)"),
    ("有限公司", "有限责任公司(自然人独资)"),
    ("股份有限公司", "股份有限公司(非上市、自然人投资或控股)"),
)
SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何林"
STREETS = ("深南大道", "建国路", "世纪大道", "文三路", "人民南路", "干将东路", "中北路", "香港中路")
SCOPES = (
    "一般经营项目是：企业管理咨询；商务信息咨询；信息技术咨询服务；市场营销策划。",
    "一般项目：技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；软件开发。",
    "一般项目：供应链管理服务；国内贸易代理；货物进出口；技术进出口。",
    "一般项目：组织文化艺术交流活动；广告设计、代理；会议及展览服务。",
)
OFFICIAL_QR = "http://www.gsxt.gov.cn/index.html?uniscid={code}"

#: Forged variants: what differs from the genuine licence.
FORGERIES = ("wrong_host", "lookalike_host", "qr_mismatch", "bad_check", "no_qr", "not_a_link")
#: Ways a photo of a licence is degraded on its way to the payer.
DEGRADATIONS = ("clean", "blur", "rotate", "rotate90", "jpeg", "small")


def make_uscc(rng: random.Random, prefix: str, region: str) -> str:
    """Return a fictional credit code with a valid organisation code and check character."""
    org = "MA" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(6))
    body = prefix + region + org + orgcode.calc_check_digit(org)
    return body + uscc.calc_check_digit(body)


@dataclass(frozen=True)
class LicenceSpec:
    """Everything printed on one generated licence (the expected reading)."""

    kind: str
    """``company`` or ``individual`` (个体工商户)."""
    name: str
    uscc: str
    entity_type: str
    person: str
    capital: str | None
    established: str
    term: str | None
    address: str
    authority: str
    scope: str
    issued: str
    qr_text: str | None
    composition: str | None = None
    serial: str = ""


def make_spec(seed: int, *, kind: str = "company") -> LicenceSpec:
    """Return the fields of a fictional licence, the same for the same seed."""
    rng = random.Random(seed)
    region, place, authority = rng.choice(REGIONS)
    person = rng.choice(SURNAMES) + rng.choice(("某某", "某"))
    year, month, day = rng.randint(2005, 2024), rng.randint(1, 12), rng.randint(1, 28)
    established = f"{year}年{month:02d}月{day:02d}日"
    later = year + rng.randint(1, 3)
    issued = f"{later}年{rng.randint(1, 12):02d}月{rng.randint(1, 28):02d}日"
    street, number = rng.choice(STREETS), rng.randint(1, 999)
    address = f"{place}{street}{number}号某某大厦{rng.randint(2, 30)}层{rng.randint(1, 20):02d}室"
    serial = "".join(rng.choice("0123456789") for _ in range(20))
    if kind == "individual":
        code = make_uscc(rng, "92", region)
        return LicenceSpec(
            kind=kind,
            name=f"{place}{rng.choice(TRADE)}{rng.choice(('便利店', '餐饮店', '五金店'))}",
            uscc=code,
            entity_type="个体工商户",
            person=person,
            capital=None,
            established=established,
            term=None,
            address=address,
            authority=authority,
            scope="零售：日用百货、预包装食品。",
            issued=issued,
            qr_text=OFFICIAL_QR.format(code=code),
            composition="个人经营",
            serial=serial,
        )
    code = make_uscc(rng, "91", region)
    suffix, entity_type = rng.choice(FORMS)
    capital = f"{rng.choice((10, 50, 100, 300, 500, 1000, 5000))}万元人民币"
    term = rng.choice(
        ("长期", f"{established}至长期", f"{established}至{year + 30}年{month:02d}月{day:02d}日")
    )
    return LicenceSpec(
        kind=kind,
        name=f"{place}{rng.choice(TRADE)}{rng.choice(INDUSTRY)}{suffix}",
        uscc=code,
        entity_type=entity_type,
        person=person,
        capital=capital,
        established=established,
        term=term,
        address=address,
        authority=authority,
        scope=rng.choice(SCOPES),
        issued=issued,
        qr_text=OFFICIAL_QR.format(code=code),
        serial=serial,
    )


def _bad_check(code: str) -> str:
    alphabet = uscc.ALPHABET
    return code[:-1] + alphabet[(alphabet.index(code[-1]) + 7) % len(alphabet)]


def forge(spec: LicenceSpec, how: str, *, seed: int = 0) -> LicenceSpec:
    """Return *spec* forged in one of the :data:`FORGERIES` ways."""
    if how == "wrong_host":
        return replace(spec, qr_text=f"http://www.gsxt-cx.com/index.html?uniscid={spec.uscc}")
    if how == "lookalike_host":
        return replace(
            spec, qr_text=f"https://www.gsxt.gov.cn.qiye-chaxun.top/index.html?uniscid={spec.uscc}"
        )
    if how == "qr_mismatch":
        other = make_uscc(random.Random(seed + 10_000), "91", spec.uscc[2:8])
        return replace(spec, qr_text=OFFICIAL_QR.format(code=other))
    if how == "bad_check":
        code = _bad_check(spec.uscc)
        return replace(spec, uscc=code, qr_text=OFFICIAL_QR.format(code=code))
    if how == "no_qr":
        return replace(spec, qr_text=None)
    if how == "not_a_link":
        return replace(spec, qr_text=f"{spec.name} {spec.uscc}")
    raise ValueError(f"unknown forgery {how!r}")


# --- fonts ------------------------------------------------------------------------------------

_FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))


@dataclass(frozen=True)
class Fonts:
    """The CJK fonts the images are drawn with: a bold sans for labels, a serif for values."""

    label: tuple[Path, int]
    value: tuple[Path, int]


def _face(path: Path, want: str) -> int | None:
    from PIL import ImageFont

    for index in range(8):
        try:
            family, _ = ImageFont.truetype(str(path), 12, index=index).getname()
        except OSError:
            return None
        if want in (family or ""):
            return index
    return None


@functools.cache
def find_fonts() -> Fonts | None:
    """Return Debian's Noto CJK (SC faces) or WenQuanYi Zen Hei; ``None`` when neither is there."""
    forced = os.environ.get("ACCTVERIFY_TEST_FONT")  # one font file for everything, e.g. wqy
    if forced:
        return Fonts(label=(Path(forced), 0), value=(Path(forced), 0))
    candidates: list[Path] = []
    for folder in _FONT_DIRS:
        if folder.is_dir():
            candidates += sorted(folder.rglob("*.tt[cf]")) + sorted(folder.rglob("*.otf"))
    if not candidates and shutil.which("fc-list"):
        out = subprocess.run(
            ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, check=False
        ).stdout
        candidates = [Path(line.split(":")[0]) for line in out.splitlines() if line.strip()]
    by_name = {path.name: path for path in candidates}
    sans_bold = by_name.get("NotoSansCJK-Bold.ttc")
    serif = by_name.get("NotoSerifCJK-Regular.ttc")
    wqy = by_name.get("wqy-zenhei.ttc")
    label = value = None
    if sans_bold is not None and (index := _face(sans_bold, "CJK SC")) is not None:
        label = (sans_bold, index)
    if serif is not None and (index := _face(serif, "CJK SC")) is not None:
        value = (serif, index)
    if wqy is not None:
        label = label or (wqy, 0)
        value = value or (wqy, 0)
    if label is None or value is None:
        return None
    return Fonts(label=label, value=value)


@functools.lru_cache(maxsize=64)
def _font(path: Path, index: int, size: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    return ImageFont.truetype(str(path), size, index=index)


# --- rendering --------------------------------------------------------------------------------

WIDTH, HEIGHT = 1684, 1190
INK = (20, 20, 20)
RED = (200, 30, 30)


def _qr_image(text: str, size: int) -> Image.Image:
    import qrcode

    qr = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(text)
    qr.make(fit=True)
    image = qr.make_image(fill_color="black", back_color="white").get_image().convert("RGB")
    return image.resize((size, size), resample=0)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines, line = [], ""
    for char in text:
        if font.getlength(line + char) > width and line:
            lines.append(line)
            line = ""
        line += char
    return [*lines, line] if line else lines


def _spaced(label: str) -> str:
    """Two-character labels are printed spread to the width of four (名　　称)."""
    return f"{label[0]}\u3000\u3000{label[1]}" if len(label) == 2 else label


def render(spec: LicenceSpec, *, fonts: Fonts | None = None) -> Image.Image:
    """Draw *spec* as a licence-like image (RGB, 1684 × 1190)."""
    from PIL import Image, ImageDraw

    fonts = fonts or find_fonts()
    if fonts is None:
        raise RuntimeError("no CJK font: install fonts-noto-cjk or fonts-wqy-zenhei")
    label_font = _font(*fonts.label, 30)
    value_font = _font(*fonts.value, 28)
    small = _font(*fonts.value, 20)
    title_font = _font(*fonts.label, 88)
    image = Image.new("RGB", (WIDTH, HEIGHT), (252, 250, 244))
    draw = ImageDraw.Draw(image)
    # Border (the pre-printed frame).
    for inset, width in ((18, 6), (34, 2)):
        draw.rectangle(
            (inset, inset, WIDTH - inset, HEIGHT - inset), outline=(170, 120, 60), width=width
        )
    # Emblem and title.
    draw.ellipse(
        (WIDTH // 2 - 55, 60, WIDTH // 2 + 55, 170),
        fill=(210, 40, 30),
        outline=(230, 190, 60),
        width=6,
    )
    title = "营　业　执　照"
    draw.text(((WIDTH - title_font.getlength(title)) / 2, 190), title, font=title_font, fill=INK)
    # Credit code, serial, top left.
    draw.text((90, 110), "统一社会信用代码", font=label_font, fill=INK)
    draw.text((90, 155), spec.uscc, font=_font(*fonts.value, 34), fill=INK)
    draw.text((90, 215), f"证照编号：{spec.serial}", font=small, fill=INK)
    # QR code and its prompt, top right.
    if spec.qr_text is not None:
        image.paste(_qr_image(spec.qr_text, 190), (WIDTH - 300, 70))
    prompt = ("扫描二维码登录“国家企业", "信用信息公示系统”了解更多", "登记、备案、许可、监管信息")
    for row, text in enumerate(prompt):
        draw.text((WIDTH - 330, 270 + row * 24), text, font=small, fill=INK)
    # The two columns of fields.
    if spec.kind == "individual":
        left = [("名称", spec.name), ("类型", spec.entity_type), ("经营者", spec.person),
                ("组成形式", spec.composition or ""), ("经营范围", spec.scope)]  # fmt: skip
        right = [("注册日期", spec.established), ("经营场所", spec.address)]
    else:
        left = [("名称", spec.name), ("类型", spec.entity_type), ("法定代表人", spec.person),
                ("经营范围", spec.scope)]  # fmt: skip
        right = [("注册资本", spec.capital or ""), ("成立日期", spec.established),
                 ("营业期限", spec.term or ""), ("住所", spec.address)]  # fmt: skip
    for x, fields, value_width in ((90, left, 560), (900, right, 520)):
        y = 400
        for label, value in fields:
            draw.text((x, y), _spaced(label), font=label_font, fill=INK)
            for line in _wrap(value, value_font, value_width):
                draw.text((x + 180, y + 2), line, font=value_font, fill=INK)
                y += 44
            y += 26
    # Registration authority, seal and issue date, bottom right.
    draw.text((900, 900), "登记机关", font=label_font, fill=INK)
    cx, cy, radius = 1260, 930, 110
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=RED, width=6)
    star = _font(*fonts.label, 48)
    draw.text((cx - star.getlength("★") / 2, cy - 64), "★", font=star, fill=RED)
    seal = _font(*fonts.label, min(20, int(1.7 * radius / len(spec.authority))))
    draw.text(
        (cx - seal.getlength(spec.authority) / 2, cy + 5), spec.authority, font=seal, fill=RED
    )
    draw.text((1150, 1040), spec.issued, font=value_font, fill=INK)
    # Pre-printed footer.
    footer = "国家企业信用信息公示系统网址：http://www.gsxt.gov.cn　　国家市场监督管理总局监制"
    draw.text((90, 1110), footer, font=small, fill=INK)
    return image


def degrade(image: Image.Image, how: str, *, seed: int = 0) -> Image.Image:
    """Return *image* as it might arrive: one of :data:`DEGRADATIONS`."""
    from PIL import Image, ImageFilter

    rng = random.Random(seed)
    if how == "clean":
        return image
    if how == "blur":
        return image.filter(ImageFilter.GaussianBlur(radius=1.6))
    if how == "rotate":
        angle = rng.choice((-1, 1)) * rng.uniform(2.0, 4.0)
        return image.rotate(
            angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(90, 90, 90)
        )
    if how == "rotate90":
        return image.transpose(Image.Transpose.ROTATE_90)
    if how == "jpeg":
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=25)
        return Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")
    if how == "small":
        # A WeChat-compressed photo: 1080 pixels wide, then JPEG.
        small = image.resize(
            (1080, round(image.height * 1080 / image.width)), Image.Resampling.LANCZOS
        )
        buffer = io.BytesIO()
        small.save(buffer, format="JPEG", quality=60)
        return Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")
    raise ValueError(f"unknown degradation {how!r}")


def prepared_reading(
    values: dict[str, str | None],
    labels: tuple[str, ...],
    qr_text: str | None = None,
    **changes: object,
) -> LicenceReading:
    """What the reader would return for a licence showing *values* under *labels* (a value of
    ``None`` is not shown) and a QR code holding *qr_text*; *changes* replace reading fields. The
    verify() tests hand it over through the ``prepared`` fixture instead of reading a file."""
    shown = {key: value for key, value in values.items() if value is not None}
    link = qr_link(qr_text) if qr_text else None
    base: dict[str, object] = {
        "source": "licence.png",
        "licence": Licence(**shown, source="licence_image"),
        "fields": tuple(
            FieldReading(field=key, label="", value=value, confidence=0.99)
            for key, value in shown.items()
        ),
        "labels": labels,
        "qr_text": qr_text,
        "qr_host": link.host if link else None,
        "qr_uscc": link.code if link else None,
        "qr_verdict": link.verdict if link else None,
    }
    base.update(changes)
    return LicenceReading.model_validate(base)
