"""Properties of the identifier modules, on well-formed values from acctverify.testing."""

from __future__ import annotations

import string

from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import uscc as stdnum_uscc

from acctverify import testing
from acctverify.cn import bankcard, cnaps, orgcode, regno, uscc

FULL_WIDTH = {ord(c): ord(c) + 0xFEE0 for c in string.digits + string.ascii_uppercase}


def full_width(text: str) -> str:
    return text.translate(FULL_WIDTH)


def decorate(text: str, data: st.DataObject) -> str:
    """Insert separators and invisible characters between the characters of *text*."""
    junk = st.sampled_from(["", "", " ", "-", "\u3000", "\u200b", "\ufeff", "－"])
    return "".join(ch + data.draw(junk) for ch in text)


regnos = st.text(alphabet=string.digits, min_size=14, max_size=14).map(
    lambda body: body + regno.calc_check_digit(body)
)

VALID = {
    "uscc": (uscc, testing.usccs()),
    "orgcode": (orgcode, testing.org_codes()),
    "regno": (regno, regnos),
    "cnaps": (cnaps, testing.cnaps_codes()),
    "bankcard": (bankcard, testing.card_numbers()),
}


@given(st.sampled_from(sorted(VALID)), st.data())
def test_valid_values_validate_in_every_spelling(name: str, data: st.DataObject) -> None:
    module, strategy = VALID[name]
    value = data.draw(strategy)
    assert module.is_valid(value)
    assert module.compact(module.compact(value)) == module.compact(value)
    assert module.validate(module.format(value)) == module.compact(value)
    assert module.validate(full_width(value)) == module.compact(value)
    assert module.validate(decorate(value, data)) == module.compact(value)
    assert module.validate(value.lower()) == module.compact(value)


@given(testing.invalid_usccs())
def test_one_changed_character_is_always_caught(code: str) -> None:
    assert not uscc.is_valid(code)
    info = uscc.parse(code)
    assert not info.checksum_valid
    assert "checksum_invalid" in info.anomalies


@given(testing.usccs(authority="9"))
def test_same_verdict_as_stdnum_on_valid_codes(code: str) -> None:
    assert uscc.is_valid(code) is stdnum_uscc.is_valid(code) is True


@given(
    st.text(alphabet=string.digits, min_size=8, max_size=8),
    st.text(alphabet=uscc.ALPHABET + "IOSVZ -", min_size=8, max_size=12),
    st.booleans(),
)
def test_same_verdict_as_stdnum_on_noise(head: str, tail: str, complete: bool) -> None:
    # stdnum judges codes with digits in positions 1-8; there both must agree.
    text = head + tail
    if complete and len(text) == 17 and all(c in uscc.ALPHABET for c in text):
        text += uscc.calc_check_digit(text)
    assert uscc.is_valid(text) == stdnum_uscc.is_valid(text)


@given(testing.invalid_usccs())
def test_same_verdict_as_stdnum_on_near_misses(code: str) -> None:
    if code[:8].isdigit():
        assert uscc.is_valid(code) == stdnum_uscc.is_valid(code)


@given(testing.usccs())
def test_parse_reads_back_the_parts(code: str) -> None:
    info = uscc.parse(code)
    assert info.checksum_valid
    assert info.org_code_valid
    assert info.authority + info.entity_type + info.region_code + info.org_code == code[:17]
    assert info.entity_type_name is not None
    assert "checksum_invalid" not in info.anomalies


@given(testing.cnaps_codes())
def test_cnaps_parse_knows_the_category(code: str) -> None:
    info = cnaps.parse(code)
    assert info.checksum_valid
    assert info.category_name is not None


@given(testing.card_numbers())
def test_generated_cards_are_found_in_the_bin_table(number: str) -> None:
    found = bankcard.lookup(number)
    assert found is not None
    assert number.startswith(found.bin)
    assert found.length == len(number)
