"""Every exception acctverify raises, in one tree.

The identifier modules (:mod:`acctverify.cn`) raise python-stdnum's own exception classes, so code
that already handles stdnum errors handles ours too; a request ``verify()`` cannot read is a
:class:`ValidationError` as well (and pydantic's, so code written for pydantic keeps working).
Everything else derives from :class:`AcctVerifyError`::

    ValueError
     └── ValidationError              (stdnum) a value is not valid
          ├── InvalidFormat           wrong characters or structure
          ├── InvalidLength           wrong number of characters
          ├── InvalidChecksum         the check character does not match
          ├── InvalidComponent        a part (region, date, type …) is not acceptable
          └── InvalidRequest          a request of the wrong shape (also an AcctVerifyError and a
                                      pydantic.ValidationError: .errors() lists what is wrong)
    Exception
     └── AcctVerifyError              the environment, not the input, is the problem
          ├── DataError               a shipped or user-supplied data table cannot be read
          ├── InputTooLarge           an input exceeds a documented cap (also a ValueError)
          └── SourceError             an online lookup failed (.source, .reason)
               ├── SourceUnavailable  no answer: timeout, connection failure, 5xx (after retries)
               ├── SourceRejected     refused: key, quota, parameters (a documented error code)
               └── SourceResponseError  unusable answer: malformed, unexpected, too large
    UserWarning
     └── InsecureSourceWarning        a client that does not verify TLS certificates was passed

So ``except acctverify.ValidationError`` catches a bad identifier and a bad request alike, and
``except acctverify.AcctVerifyError`` everything but a bad identifier.

>>> from acctverify.cn import uscc
>>> try:
...     uscc.validate("12345")
... except ValidationError as exc:
...     print(type(exc).__name__)
InvalidLength
"""

from __future__ import annotations

from typing import Any

import pydantic
from pydantic_core import InitErrorDetails, PydanticCustomError
from stdnum.exceptions import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    ValidationError,
)

from acctverify.models.sources import LookupStatus

__all__ = [
    "AcctVerifyError",
    "DataError",
    "InputTooLarge",
    "InsecureSourceWarning",
    "InvalidChecksum",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidLength",
    "InvalidRequest",
    "SourceError",
    "SourceRejected",
    "SourceResponseError",
    "SourceUnavailable",
    "ValidationError",
    "os_error_zh",
]


def os_error_zh(error: OSError) -> str:
    """An operating-system error in Chinese, for the Chinese half of a message (its English text,
    ``strerror``, goes in the English half).

    >>> os_error_zh(FileNotFoundError(2, "No such file or directory"))
    '文件不存在'
    """
    import errno

    return {
        errno.ENOENT: "文件不存在",
        errno.EACCES: "没有读取权限",
        errno.EPERM: "没有读取权限",
        errno.EISDIR: "这是一个文件夹",
        errno.ENOTDIR: "路径中有一部分不是文件夹",
        errno.ENAMETOOLONG: "文件名太长",
    }.get(error.errno or 0, "读取失败")


class AcctVerifyError(Exception):
    """Base class for errors that are not about the validity of an identifier."""


class DataError(AcctVerifyError):
    """A data table (shipped or supplied by the user) is missing or malformed."""


class InputTooLarge(AcctVerifyError, ValueError):
    """An input exceeds one of the documented size caps."""


class InvalidRequest(AcctVerifyError, ValidationError, pydantic.ValidationError):
    """A request of the wrong shape: ``verify()`` could not read it.

    It is pydantic's ``ValidationError`` too: :meth:`errors` lists each problem with its location
    (``('payee', 'account')``) and ``str()`` gives pydantic's readable text.

    >>> import acctverify as av
    >>> try:
    ...     av.verify({"payee": {"account": 6217000000123456786}})
    ... except av.ValidationError as exc:
    ...     print(type(exc).__name__, exc.errors()[0]["loc"])
    InvalidRequest ('payee', 'account')
    """

    __str__ = pydantic.ValidationError.__str__
    __repr__ = pydantic.ValidationError.__repr__

    @classmethod
    def from_pydantic(cls, error: pydantic.ValidationError) -> InvalidRequest:
        """The same errors as *error*, as an :class:`InvalidRequest`."""
        details: list[InitErrorDetails] = []
        for item in error.errors(include_url=False):
            detail: dict[str, Any] = {"type": item["type"], "loc": item["loc"]}
            detail["input"] = item.get("input")
            if "ctx" in item:
                detail["ctx"] = item["ctx"]
            details.append(detail)  # type: ignore[arg-type]
        try:
            return cls.from_exception_data(error.title, details)
        except (KeyError, TypeError, ValueError):  # a custom error type: keep its message
            plain: list[InitErrorDetails] = [
                {
                    "type": PydanticCustomError("invalid_request", str(item["msg"])),
                    "loc": item["loc"],
                    "input": item.get("input"),
                }
                for item in error.errors(include_url=False)
            ]
            return cls.from_exception_data(error.title, plain)


class SourceError(AcctVerifyError):
    """An online lookup failed. :attr:`source` names the source, :attr:`reason` says why.

    Messages name the source and the host, never a query string, a header or a key;
    :func:`acctverify.sources.enrich` records the failure instead of raising it.
    """

    status: LookupStatus = LookupStatus.ERROR
    """How the failure is reported in a :class:`~acctverify.models.sources.SourceOutcome`."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class SourceUnavailable(SourceError):
    """No answer: timeout, connection failure or server error (5xx), after the retries."""

    status = LookupStatus.UNAVAILABLE


class SourceRejected(SourceError):
    """The source refused the request: key, quota or parameters (a documented error code)."""


class SourceResponseError(SourceError):
    """The answer cannot be used: malformed, of an unexpected shape, too large, a redirect."""


class InsecureSourceWarning(UserWarning):
    """A client with TLS certificate verification turned off was given to a source."""
