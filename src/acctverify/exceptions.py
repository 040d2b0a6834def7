"""Exceptions raised by acctverify.

The identifier modules (:mod:`acctverify.cn`) raise python-stdnum's own exception classes, so code
that already handles stdnum errors handles ours too. Everything else derives from
:class:`AcctVerifyError`::

    ValueError
     └── ValidationError          (stdnum) a value is not a valid identifier
          ├── InvalidFormat       wrong characters or structure
          ├── InvalidLength       wrong number of characters
          ├── InvalidChecksum     the check character does not match
          └── InvalidComponent    a part (region, date, type …) is not acceptable
    Exception
     └── AcctVerifyError          the environment, not the input, is the problem
          ├── DataError           a shipped or user-supplied data table cannot be read
          └── InputTooLarge       an input exceeds a documented cap

>>> from acctverify.cn import uscc
>>> try:
...     uscc.validate("12345")
... except ValidationError as exc:
...     print(type(exc).__name__)
InvalidLength
"""

from __future__ import annotations

from stdnum.exceptions import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    ValidationError,
)

__all__ = [
    "AcctVerifyError",
    "DataError",
    "InputTooLarge",
    "InvalidChecksum",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidLength",
    "ValidationError",
]


class AcctVerifyError(Exception):
    """Base class for errors that are not about the validity of an identifier."""


class DataError(AcctVerifyError):
    """A data table (shipped or supplied by the user) is missing or malformed."""


class InputTooLarge(AcctVerifyError, ValueError):
    """An input exceeds one of the documented size caps."""
