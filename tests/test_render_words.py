"""What people read instead of codes: words for codes, look-alike names marked, and terminal text
wrapped to a width in display columns (render._words, render._namediff, render._wrap)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from wcwidth import wcswidth

from acctverify.names import REASONS, match_names
from acctverify.render._namediff import name_diff
from acctverify.render._words import (
    account_kind_words,
    name_match_label,
    name_match_words,
    strip_reason_codes,
    visible,
)
from acctverify.render._wrap import display_width, wrap

ANSI = re.compile(r"\x1b\[[0-9;]*m")
WEBANK = "深圳前海微众银行股份有限公司"


# --- words ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("MTCH", ("一致", "match")),
        ("CMTC", ("近似", "close match")),
        ("NMTC", ("不一致", "no match")),
        ("NOAP", ("无法核对", "not possible")),
    ],
)
def test_every_name_check_outcome_has_words(code: str, words: tuple[str, str]) -> None:
    assert name_match_words(code) == words
    assert name_match_label(code) == " ".join(words)


def test_account_kinds_have_words() -> None:
    from acctverify.models.identifiers import AccountKind

    for kind in AccountKind:
        zh, en = account_kind_words(kind.value)
        assert kind.value not in (zh, en)


def test_every_reason_code_is_stripped_after_its_words() -> None:
    for code, (zh, en) in REASONS.items():
        assert strip_reason_codes(f"（{zh} [{code}]）") == (f"（{zh}）", (code,))
        assert strip_reason_codes(f"({en} [{code}])") == (f"({en})", (code,))
    # Brackets that hold no reason code are text: they stay.
    assert strip_reason_codes("[ABCD] [2025]")[0] == "[ABCD] [2025]"


def test_invisible_characters_become_visible() -> None:
    assert visible("微众\u200b\u202e银行\ufeff") == "微众⟨U+200B⟩⟨U+202E⟩银行⟨U+FEFF⟩"
    assert visible("a b\tc") == "a b\tc"


# --- look-alike names -----------------------------------------------------------------------------


def marked(pieces: tuple[tuple[str, str | None], ...]) -> list[str]:
    return [text for text, note in pieces if note is not None]


def test_a_swapped_glyph_is_marked_in_both_names() -> None:
    diff = name_diff(match_names("深圳前海徽众银行股份有限公司", WEBANK))
    assert diff is not None
    given_name, expected, notes = diff
    assert marked(given_name) == ["徽"]
    assert marked(expected) == ["微"]
    assert "".join(text for text, _ in given_name) == "深圳前海徽众银行股份有限公司"
    assert notes == (("“徽”冒充“微”（形近字）", "“徽” poses as “微” (look-alike glyph)"),)


def test_a_homophone_is_marked() -> None:
    diff = name_diff(match_names("深圳市腾迅科技有限公司", "深圳市腾讯科技有限公司"))
    assert diff is not None
    assert marked(diff[0]) == ["迅"]
    assert marked(diff[1]) == ["讯"]
    assert "同音字" in diff[2][0][0]


def test_a_hidden_character_is_shown_and_marked() -> None:
    diff = name_diff(match_names("深圳前海微众\u200b银行股份有限公司", WEBANK))
    assert diff is not None
    assert marked(diff[0]) == ["⟨U+200B⟩"]
    assert not marked(diff[1])
    assert diff[2] == (("隐藏字符 ⟨U+200B⟩", "hidden character ⟨U+200B⟩"),)


def test_added_and_missing_characters() -> None:
    added = name_diff(match_names("深圳前海微众银行科技股份有限公司", WEBANK))
    assert added is not None
    assert marked(added[0]) == ["科技"]
    missing = name_diff(match_names("深圳前海微银行股份有限公司", WEBANK))
    assert missing is not None
    assert marked(missing[1]) == ["众"]


@pytest.mark.parametrize(
    "payee",
    [WEBANK, "深圳前海微众银行股份公司", "腾讯科技（深圳）有限公司", "深圳前海微众银行有限公司"],
)
def test_names_that_are_not_look_alikes_are_not_marked(payee: str) -> None:
    assert name_diff(match_names(payee, WEBANK)) is None


# --- wrapping ------------------------------------------------------------------------------------


def test_display_width_counts_chinese_as_two() -> None:
    assert display_width("微众 WeBank") == 11
    assert display_width("\u200b") == 0


def test_closing_punctuation_does_not_begin_a_line() -> None:
    lines = wrap([("一二三四五六七八，九十。", None)], width=16)
    assert lines == ["一二三四五六七", "八，九十。"]


def test_a_styled_span_is_closed_and_reopened_on_every_line() -> None:
    lines = wrap([("前言", None), ("一二三四五六七八九十", "7"), ("后记", None)], width=10)
    for line in lines:
        assert line.count("\x1b[7m") == line.count("\x1b[0m")
    assert "".join(ANSI.sub("", line) for line in lines) == "前言一二三四五六七八九十后记"


def test_a_word_wider_than_the_line_is_cut() -> None:
    lines = wrap([("https://www.example.com/a/very/long/path", None)], width=12, indent="  ")
    assert all(display_width(line) <= 12 for line in lines)
    assert "".join(line.strip() for line in lines) == "https://www.example.com/a/very/long/path"


TEXT = st.text(
    st.sampled_from([*"微众银行，。（）“”《》", *"abc xyz-_.", " ", "\n", "\u200b", "ｗ"]),
    max_size=200,
)


@given(text=TEXT, width=st.integers(min_value=6, max_value=100), styled=st.booleans())
def test_no_line_is_wider_than_asked_and_no_text_is_lost(
    text: str, width: int, styled: bool
) -> None:
    lines = wrap(
        [(text, "1" if styled else None)], width=width, indent="  ", subsequent_indent="    "
    )
    for line in lines:
        assert wcswidth(ANSI.sub("", line)) <= width
    kept = "".join(ANSI.sub("", line) for line in lines)
    assert re.sub(r"\s", "", kept) == re.sub(r"\s", "", text)
