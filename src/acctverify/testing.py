"""Hypothesis strategies for acctverify's identifiers, for this project's tests and for yours.

Requires ``hypothesis`` (the ``test`` extra). Every strategy builds *well-formed* values from their
structure, so properties are exercised on realistic input and not only on noise.

>>> from hypothesis import given
>>> from acctverify.cn import uscc
>>> @given(usccs())
... def test_valid(code):
...     assert uscc.is_valid(code)
>>> test_valid()
"""

from __future__ import annotations

import functools

from hypothesis import strategies as st

from acctverify._data import table
from acctverify.cn import bankcard, cnaps, orgcode, uscc

__all__ = [
    "REGION_CODES",
    "card_numbers",
    "cnaps_codes",
    "invalid_usccs",
    "org_codes",
    "usccs",
]

#: Region codes used by :func:`usccs`: current, abolished and the national ``100000``.
REGION_CODES = (
    "100000",  # national registration (ICBC, BOC)
    "110000",
    "110108",
    "120222",  # 武清县, abolished 2000, still in real codes
    "310115",
    "330100",
    "340603",
    "350211",
    "440300",
    "440304",
    "500000",
    "510100",
)

_ORG_ALPHABET = uscc.ALPHABET  # positions 9-17 of a USCC use the USCC alphabet


@st.composite
def org_codes(draw: st.DrawFn) -> str:
    """Valid 9-character organisation codes (GB 11714) drawn from the USCC alphabet."""
    body = draw(st.text(alphabet=_ORG_ALPHABET, min_size=8, max_size=8))
    return body + orgcode.calc_check_digit(body)


@st.composite
def usccs(draw: st.DrawFn, *, authority: str | None = None, entity_type: str | None = None) -> str:
    """Valid unified social credit codes for every authority/type pair of the standard's table."""
    pairs = [
        pair
        for pair in uscc.ENTITY_TYPES
        if (authority is None or pair[0] == authority)
        and (entity_type is None or pair[1] == entity_type)
    ]
    first, second = draw(st.sampled_from(pairs))
    body = first + second + draw(st.sampled_from(REGION_CODES)) + draw(org_codes())
    return body + uscc.calc_check_digit(body)


@st.composite
def invalid_usccs(draw: st.DrawFn) -> str:
    """Codes that are well-formed except that exactly one character was changed."""
    code = draw(usccs())
    position = draw(st.integers(min_value=0, max_value=17))
    alphabet = "0123456789" if 2 <= position <= 7 else uscc.ALPHABET
    replacement = draw(st.sampled_from([c for c in alphabet if c != code[position]]))
    return code[:position] + replacement + code[position + 1 :]


@functools.cache
def _bin_rows() -> tuple[tuple[str, int, str], ...]:
    return tuple(
        (row["bin"], int(row["length"]), row["bank_code"])
        for row in table("card_bins.csv").rows
        if row["length"]
        and len(row["bin"]) >= 6
        and bankcard.MIN_LENGTH <= int(row["length"]) <= bankcard.MAX_LENGTH
    )


@st.composite
def card_numbers(draw: st.DrawFn, *, bank_code: str | None = None) -> str:
    """Luhn-valid card numbers on a BIN of the shipped table (of one bank, if given)."""
    rows = [row for row in _bin_rows() if bank_code is None or row[2] == bank_code]
    if not rows:
        raise ValueError(f"no card BIN known for bank {bank_code!r}")
    prefix, length, _ = draw(st.sampled_from(rows))
    middle = draw(
        st.text(alphabet="0123456789", min_size=length - len(prefix) - 1, max_size=length - 1)
    )
    body = (prefix + middle)[: length - 1]
    return body + bankcard.calc_check_digit(body)


@st.composite
def cnaps_codes(draw: st.DrawFn, *, category: str | None = None) -> str:
    """Valid 12-digit CNAPS codes (of one 3-digit category, if given)."""
    if category is None:
        category = draw(
            st.sampled_from([row["category"] for row in table("cnaps_categories.csv").rows])
        )
    rest = draw(st.text(alphabet="0123456789", min_size=8, max_size=8))
    body = category + rest
    return body + cnaps.calc_check_digit(body)
