"""Live checks against the real services: skipped unless ACCTVERIFY_ONLINE_TESTS=1.

    ACCTVERIFY_ONLINE_TESTS=1 python -m pytest tests/test_sources_live.py
    export ACCTVERIFY_TIANYANCHA_KEY=…   # also run the Tianyancha check

They confirm that the documented formats still hold. The card number is a synthetic ABC number;
only its BIN reaches Alipay. The Tianyancha check costs one call of your quota.
"""

from __future__ import annotations

import os

import pytest

from acctverify.sources import AlipayCardBinSource, TianyanchaLicenceSource

pytestmark = pytest.mark.skipif(
    os.environ.get("ACCTVERIFY_ONLINE_TESTS") != "1",
    reason="live services: set ACCTVERIFY_ONLINE_TESTS=1 to run",
)

ABC_CARD = "6228480402564890018"  # util-helpers' Luhn-valid sample, BIN 622848 (ABC debit)


def test_alipay_card_bin_endpoint() -> None:
    with AlipayCardBinSource(timeout=10) as source:
        found = source.lookup(ABC_CARD)
    assert found is not None
    assert found.bank_code == "ABC"
    assert found.card_type.value == "DC"


@pytest.mark.skipif(
    not os.environ.get("ACCTVERIFY_TIANYANCHA_KEY"), reason="ACCTVERIFY_TIANYANCHA_KEY is not set"
)
def test_tianyancha_base_info() -> None:
    with TianyanchaLicenceSource(timeout=10) as source:
        record = source.lookup(uscc="9144030031977063XH")  # WeBank, published (creditors.md)
    assert record is not None
    assert record.name == "深圳前海微众银行股份有限公司"
    assert record.uscc == "9144030031977063XH"
