"""Optional dependencies, imported on first use with the extra that installs them (private).

pandas serves two places that must not depend on each other: :func:`acctverify.frame.verify_frame`
and ``Report.to_frame()`` (:mod:`acctverify.render`). Both say the same thing when it is missing.
"""

from __future__ import annotations

from typing import Any

__all__ = ["import_pandas"]

_PANDAS_MISSING = (
    "acctverify.frame needs pandas for this: pip install 'acctverify[pandas]' "
    "(or pass a polars DataFrame with acctverify[polars] installed)"
)


def import_pandas() -> Any:
    """Return the pandas module, or raise ``ImportError`` naming the extra that installs it."""
    try:
        import pandas  # type: ignore[import-untyped]
    except ImportError:
        raise ImportError(_PANDAS_MISSING) from None
    return pandas
