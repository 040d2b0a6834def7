"""The base model every acctverify model derives from (private)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    """Immutable model that rejects unknown fields; field docstrings become the JSON schema."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        use_attribute_docstrings=True,
        str_strip_whitespace=False,
    )
