"""The fuzz targets (fuzz/_targets.py) under hypothesis: hostile bytes never break a promise."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fuzz"))

from _targets import TARGETS

#: Bytes that look like the real inputs: UTF-8 text with digits, CJK, junk and NUL separators,
#: plus arbitrary bytes (invalid UTF-8 becomes lone surrogates).
_ALPHABET = "0123456789XxAaZz微信众银行有限公司贷 -_.:/@★·\u200b\u3000９\x00"
inputs = st.one_of(
    st.binary(max_size=300),
    st.text(alphabet=_ALPHABET, max_size=120).map(lambda text: text.encode("utf-8")),
    st.text(max_size=120).map(lambda text: text.encode("utf-8", "surrogatepass")),
)


@pytest.mark.parametrize("name", sorted(TARGETS))
@given(data=inputs)
def test_target_holds(name: str, data: bytes) -> None:
    TARGETS[name](data)
