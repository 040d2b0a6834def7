"""acctverify.licence_image._layout on synthetic OCR lines: the rules for what real photos do to a
licence's lines (split, merged and missing labels, text glued to a value, codes in pieces, pages
turned). Every name and code is fictional (某某, computed check characters).

Each test builds the OCR lines (corner points, text, confidence) of an upright page, 1700 × 1200,
the way the engine returns them, and reads them with :func:`_layout.read_layout`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from acctverify.cn import regno
from acctverify.licence_image import _layout

sys.path.insert(0, str(Path(__file__).parent))
import licence_images as gen

CODE = gen.make_spec(21).uscc
REGNO = "44030110000001" + regno.calc_check_digit("44030110000001")
WIDTH, HEIGHT = 1700, 1200


def line(text: str, x: float, y: float, w: float | None = None, h: float = 30) -> Any:
    """An OCR line: corner points, text, confidence."""
    width = w if w is not None else 30 * len(text)
    return ([(x, y), (x + width, y), (x + width, y + h), (x, y + h)], text, 0.99)


def turned(lines: Any, rotation: int) -> list[Any]:
    """The lines of the page as they come from a photo turned *rotation* degrees clockwise."""
    out = []
    for quad, text, score in lines:
        points = []
        for x, y in quad:
            if rotation == 90:
                points.append((HEIGHT - y, x))
            elif rotation == 180:
                points.append((WIDTH - x, HEIGHT - y))
            else:
                points.append((x, y))
        out.append((points, text, score))
    return out


def layout(*lines: Any, rotation: int = 0) -> _layout.Layout:
    """The layout read off *lines* in the orientation *rotation* (clockwise turn)."""
    width, height = (HEIGHT, WIDTH) if rotation in (90, 270) else (WIDTH, HEIGHT)
    items = _layout.tokens(list(lines), rotation=rotation, width=width, height=height)
    return _layout.read_layout(items, rotation=rotation)


def fields(*lines: Any) -> dict[str, str]:
    return {found.field: found.value for found in layout(*lines).fields}


#: The first rows of a 2014-version portrait licence, as the engine reads them when it takes the
#: column of the labels' first characters for one tall line (``名类住``) and glues the second
#: character of 名称 to the name.
PORTRAIT = (
    line("营业执照", 500, 40, h=100),
    line("统一社会信用代码" + CODE, 700, 170),
    line("名类住", 90, 250, w=40, h=150),
    line("称深圳市某某科技有限公司", 250, 258),
    line("型", 250, 308),
    line("有限责任公司（自然人独资）", 330, 308),
    line("所", 250, 358),
    line("深圳市南山区某某路1号", 330, 358),
    line("法定代表人", 90, 420),
    line("张某某", 330, 420),
    line("成立日期", 90, 480),
    line("2016年05月18日", 330, 480),
)


# --- labels split, merged or missing ----------------------------------------------------------


def test_a_column_of_label_characters_is_split_into_its_rows() -> None:
    got = fields(*PORTRAIT)
    assert got["name"] == "深圳市某某科技有限公司"
    assert got["entity_type"] == "有限责任公司（自然人独资）"
    assert got["address"] == "深圳市南山区某某路1号"
    assert got["legal_representative"] == "张某某"
    assert got["uscc"] == CODE
    assert {"名称", "类型", "住所"} <= set(layout(*PORTRAIT).labels)


def test_the_second_column_read_as_one_line_too() -> None:
    lines = (
        line("名类住", 90, 250, w=40, h=150),
        line("称型所", 250, 250, w=40, h=150),
        line("深圳市某某科技有限公司", 330, 258),
        line("有限责任公司", 330, 308),
        line("深圳市南山区某某路1号", 330, 358),
        line("法定代表人", 90, 420),
        line("张某某", 330, 420),
    )
    got = fields(*lines)
    assert (got["name"], got["entity_type"], got["address"]) == (
        "深圳市某某科技有限公司",
        "有限责任公司",
        "深圳市南山区某某路1号",
    )


def test_a_speck_at_the_end_of_a_column_does_not_hide_it() -> None:
    # A table rule under the column read as 一: the column is still 类 and 住.
    lines = (
        line("名", 90, 250),
        line("深圳市某某科技有限公司", 330, 250),
        line("类住一", 90, 300, w=40, h=100),
        line("有限责任公司", 330, 308),
        line("深圳市南山区某某路1号", 330, 358),
    )
    got = fields(*lines)
    assert got["entity_type"] == "有限责任公司"
    assert got["address"] == "深圳市南山区某某路1号"


def test_a_label_spread_wide_is_joined_and_its_second_character_not_kept() -> None:
    # 名 more than four characters left of 称, which the engine glued to the value (old-style
    # forms).
    lines = (
        line("名", 100, 250, w=20, h=21),
        line("称重庆某某消防设备有限责任公司", 208, 248, w=230, h=24),
        line("住", 100, 284, w=20, h=21),
        line("所重庆市北部新区某某大道60号", 208, 284, w=300, h=24),
    )
    got = fields(*lines)
    assert got["name"] == "重庆某某消防设备有限责任公司"
    assert got["address"] == "重庆市北部新区某某大道60号"


def test_a_lone_first_character_drops_the_glued_second_one() -> None:
    # Too far apart to be joined (个体工商户 form): 名 alone, 称 glued to the value.
    lines = (
        line("名", 100, 250, w=40, h=40),
        line("称佛山市某某玻璃机械厂", 560, 245, h=45),
        line("经营者", 100, 330),
        line("李某", 560, 330),
    )
    got = fields(*lines)
    assert got["name"] == "佛山市某某玻璃机械厂"


def test_a_label_whose_first_character_was_not_read() -> None:
    # Only the second characters were read, glued to their values.
    lines = (
        line("注册号" + REGNO, 400, 160),
        line("称深圳市某某商贸有限公司", 185, 250),
        line("型有限责任公司（自然人独资）", 183, 300),
        line("所深圳市福田区某某路1号", 184, 350),
    )
    got = fields(*lines)
    assert got["name"] == "深圳市某某商贸有限公司"
    assert got["entity_type"] == "有限责任公司（自然人独资）"
    assert got["address"] == "深圳市福田区某某路1号"
    assert got["uscc"] == REGNO


def test_a_wrapped_line_of_another_value_is_never_taken_for_a_label() -> None:
    # 型材加工 starts a wrapped line of 经营范围: not 类型.
    lines = (
        line("名称", 90, 250),
        line("深圳市某某科技有限公司", 330, 250),
        line("经营范围", 90, 310),
        line("五金制品、铝合金", 330, 310),
        line("型材加工、销售。", 330, 345),
    )
    got = fields(*lines)
    assert got["business_scope"] == "五金制品、铝合金型材加工、销售。"
    assert "entity_type" not in got


def test_the_name_without_its_label_is_the_legal_form_line_atop_the_fields() -> None:
    lines = (
        line("营业执照", 500, 40, h=100),
        line("统一社会信用代码", 90, 160),
        line(CODE, 90, 200, w=390),
        line("深圳市某某科技有限公司", 330, 258),  # its label was not read at all
        line("类型", 90, 308),
        line("有限责任公司", 330, 308),
        line("住所", 90, 358),
        line("深圳市南山区某某路1号", 330, 358),
        line("仅供某某网络科技有限公司认证使用", 330, 700),  # a watermark below the fields
    )
    got = fields(*lines)
    assert got["name"] == "深圳市某某科技有限公司"
    assert "名称" not in layout(*lines).labels  # found, not seen


def test_no_name_is_guessed_below_the_fields_or_when_its_label_was_read() -> None:
    below = (
        line("类型", 90, 308),
        line("有限责任公司", 330, 308),
        line("住所", 90, 358),
        line("深圳市南山区某某路1号", 330, 358),
        line("某某网络科技有限公司", 330, 700),
    )
    assert "name" not in fields(*below)
    # A read 名称 with its value blacked out: the name is not taken from elsewhere.
    redacted = (line("某某网络科技有限公司", 330, 180), line("名称", 90, 250), *below[:4])
    assert "name" not in fields(*redacted)


def test_an_entity_type_is_never_taken_for_the_name() -> None:
    lines = (
        line("有限责任公司（自然人独资）", 330, 250),
        line("住所", 90, 308),
        line("深圳市南山区某某路1号", 330, 308),
    )
    assert "name" not in fields(*lines)


def test_old_forms_labels() -> None:
    lines = (
        line("字号名称大同市某某装饰材料经销部", 90, 250),
        line("经营者姓名刘某", 90, 300),
        line("公司类型有限责任公司（法人独资）", 90, 350),
        line("实收资本人民币伍佰万元整", 90, 390),
    )
    got = fields(*lines)
    assert got["name"] == "大同市某某装饰材料经销部"
    assert got["legal_representative"] == "刘某"
    assert got["entity_type"] == "有限责任公司（法人独资）"  # 实收资本 is a label: not glued on


# --- values cut where other text joins them ---------------------------------------------------


def test_the_entity_type_under_a_complete_name_is_not_part_of_it() -> None:
    # 类型 unread: its value stands right under the name.
    lines = (
        line("名称", 90, 250),
        line("深圳市某某环保科技有限公司", 330, 250),
        line("有限责任公司", 330, 290),
    )
    assert fields(*lines)["name"] == "深圳市某某环保科技有限公司"


def test_a_name_cut_at_its_legal_form_when_text_follows() -> None:
    assert _layout.clean_name("河南省某某机电设备有限公司型所") == "河南省某某机电设备有限公司"
    assert _layout.clean_name("某某建筑工程有限公司JIAGUHOME.COM加固之家") == "某某建筑工程有限公司"
    reminder = "每年三月一日至六月三十日"
    assert _layout.clean_name("某某科技股份有限公司" + reminder) == "某某科技股份有限公司"
    assert _layout.clean_name("佛山市某某玻璃机械厂EXAMPLE.COM") == "佛山市某某玻璃机械厂"


@pytest.mark.parametrize(
    "name",
    [
        "北京某某美容有限公司朝阳分公司",
        "广西某某运输有限责任公司宾阳分公司",
        "某某游艺设备（上海）有限公司",
        "某某投资股份有限公司深圳营业部",
        "某某科技有限公司",
        "ABC某某科技有限公司",
        "某某餐饮店",
    ],
)
def test_a_genuine_name_is_never_cut(name: str) -> None:
    assert _layout.clean_name(name) == name


def test_a_genuine_name_that_wraps_is_read_whole() -> None:
    branch = (
        line("名称", 90, 250),
        line("北京某某美容有限公司", 330, 250),
        line("朝阳分公司", 330, 290),
        line("类型", 90, 340),
        line("分公司", 330, 340),
    )
    assert fields(*branch)["name"] == "北京某某美容有限公司朝阳分公司"
    # A line break inside the legal form.
    split = (
        line("名称", 90, 250),
        line("青岛某某云帆企业管理咨询股份", 330, 250),
        line("有限公司", 330, 290),
        line("类型", 90, 340),
        line("股份有限公司", 330, 340),
    )
    assert fields(*split)["name"] == "青岛某某云帆企业管理咨询股份有限公司"


def test_text_far_right_on_the_row_is_not_part_of_the_value() -> None:
    # The 须知 panel beside the fields of an old-style 副本.
    lines = (
        line("名", 95, 274),
        line("称", 210, 277),
        line("郑州市某某装饰有限公司", 238, 264, h=32),
        line("每年三月一日至六月三十日，应当参加年度检验", 718, 270, w=270, h=18),
        line("注册资本人民币伍佰万元整", 96, 396),
        line("年度检验情况", 849, 400),
    )
    got = fields(*lines)
    assert got["name"] == "郑州市某某装饰有限公司"
    assert got["registered_capital"] == "人民币伍佰万元整"


def test_a_tall_watermark_across_the_row_is_not_part_of_the_value() -> None:
    lines = (
        line("法定代表人", 90, 250),
        line("李某某", 330, 250),
        line("Made-in-China.com", 600, 200, w=400, h=110),
    )
    assert fields(*lines)["legal_representative"] == "李某某"


def test_a_stray_character_in_the_label_column_is_the_misread_label() -> None:
    # 名 read alone; 称 misread as 黎 and glued to the value, where the label column ends.
    lines = (
        line("名", 90, 280, w=12, h=14),
        line("黎广西某某运输有限责任公司宾阳分公司", 138, 280, w=216, h=16),
        line("营业场所", 87, 320, w=66, h=15),
        line("广西宾阳县某某路1号", 160, 320, w=140, h=15),
    )
    assert fields(*lines)["name"] == "广西某某运输有限责任公司宾阳分公司"


def test_the_credit_code_label_heading_the_page_is_not_the_label_column() -> None:
    # 2019 layout, small photo: 名 read alone, the name well right of it; the wide credit-code
    # label above, in the same column, ends further right than the name begins.
    lines = (
        line("统一社会信用代码", 57, 75, w=156, h=23),
        line(CODE, 57, 106, w=247, h=23),
        line("名", 56, 260, w=26, h=25),
        line("上海市浦东新区某某华创网络科技有限公司", 177, 260, w=339, h=23),
        line("类型", 53, 302, w=87, h=31),
        line("股份有限公司", 177, 302, w=120, h=23),
        line("法定代表人", 53, 344, w=110, h=23),
        line("张某", 177, 344, w=40, h=23),
    )
    assert fields(*lines)["name"] == "上海市浦东新区某某华创网络科技有限公司"


def test_legal_representative_without_the_old_forms_name_label() -> None:
    assert fields(line("法定代表人姓名张某", 90, 250))["legal_representative"] == "张某"
    assert "legal_representative" not in fields(line("法定代表人姓名", 90, 250))


# --- codes ------------------------------------------------------------------------------------


def test_a_13_digit_registration_number_beside_its_label() -> None:
    assert fields(line("注册号4206002107724", 220, 330))["uscc"] == "4206002107724"
    assert fields(line("注册号", 220, 330), line("1402003901544", 330, 330))["uscc"] == (
        "1402003901544"
    )


def test_13_digits_elsewhere_are_not_a_code() -> None:
    lines = (line("注册号", 220, 100), line("编号1402003901544", 220, 600))
    assert "uscc" not in fields(*lines)
    assert "uscc" not in fields(line("1402003901544", 220, 600))


def test_a_credit_code_split_over_two_lines_of_a_row_is_joined() -> None:
    lines = (
        line("统一社会信用代码", 90, 110),
        line(CODE[:11], 90, 155, w=240),
        line(CODE[11:], 335, 155, w=150),
    )
    assert fields(*lines)["uscc"] == CODE


def test_a_credit_code_cut_short_is_not_a_registration_number() -> None:
    # 15 characters of a credit code (9…) are not a 注册号: those begin with a region code.
    assert "uscc" not in fields(line("注册号911101120955748", 448, 335))
    assert fields(line("注册号" + REGNO, 448, 335))["uscc"] == REGNO


# --- orientation ------------------------------------------------------------------------------


def _best(lines: Any, *, width: int, height: int) -> _layout.Layout:
    return _layout.choose(
        [
            _layout.read_layout(
                _layout.tokens(lines, rotation=r, width=width, height=height), rotation=r
            )
            for r in (0, 90, 180, 270)
        ]
    )


def test_an_upright_page_reads_best_as_it_is() -> None:
    best = _best(list(PORTRAIT), width=WIDTH, height=HEIGHT)
    assert best.rotation == 0
    assert best.upright > 0


def test_a_page_upside_down_is_turned() -> None:
    # The engine reads each line the right way round; only their places are upside down.
    best = _best(turned(PORTRAIT, 180), width=WIDTH, height=HEIGHT)
    assert best.rotation == 180
    assert {f.field: f.value for f in best.fields}["name"] == "深圳市某某科技有限公司"


def test_a_sideways_page_is_turned() -> None:
    best = _best(turned(PORTRAIT, 90), width=HEIGHT, height=WIDTH)
    assert best.rotation == 270
    assert {f.field: f.value for f in best.fields}["name"] == "深圳市某某科技有限公司"
    sideways = _layout.read_layout(
        _layout.tokens(turned(PORTRAIT, 90), rotation=0, width=HEIGHT, height=WIDTH)
    )
    assert sideways.upright < 0


def test_a_marginal_difference_does_not_turn_the_page() -> None:
    def at(rotation: int, score: int) -> _layout.Layout:
        return _layout.Layout(fields=(), labels=(), rotation=rotation, score=score)

    given = at(0, 10)
    assert _layout.choose([given, at(90, 11), at(180, 12), at(270, 5)]) is given
    assert _layout.choose([given, at(180, 10 + _layout.TURN_MARGIN)]).rotation == 180
    with pytest.raises(ValueError, match="no layouts"):
        _layout.choose([])


def test_reading_stays_linear_on_long_hostile_lines() -> None:
    # One very long line of code characters and label fragments: read at once, nothing found.
    noise = ("9" * 5000) + "称" + ("A1" * 5000)
    got = fields(line(noise, 0, 10, w=1600), line("名", 0, 60), line("称" * 3000, 40, 60, w=1600))
    assert "uscc" not in got
