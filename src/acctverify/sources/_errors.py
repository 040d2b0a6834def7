"""The errors an online source raises, one tree (private; re-exported by :mod:`acctverify.sources`).

Kept apart from the HTTP code: the sources that make no request (the CSV and SQLite risk lists)
raise them too, and :func:`~acctverify.sources.enrich` catches them from every source::

    AcctVerifyError
     └── SourceError               a lookup failed (.source, .reason); enrich() records it
          ├── SourceUnavailable    no answer: timeout, connection failure, 5xx (after retries)
          ├── SourceRejected       refused: key, quota, parameters (a documented error code)
          └── SourceResponseError  unusable answer: malformed JSON, unexpected shape, too large,
                                   a redirect
    UserWarning
     └── InsecureSourceWarning     a client that does not verify TLS certificates was passed

Messages name the source and the host, never a query string, a header or a key.
"""

from __future__ import annotations

from acctverify.exceptions import AcctVerifyError
from acctverify.models.sources import LookupStatus

__all__ = [
    "InsecureSourceWarning",
    "SourceError",
    "SourceRejected",
    "SourceResponseError",
    "SourceUnavailable",
]


class SourceError(AcctVerifyError):
    """A lookup failed. :attr:`source` names the source, :attr:`reason` says why."""

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
