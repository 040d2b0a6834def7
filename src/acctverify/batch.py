"""Screen many payment requests: :func:`verify_many`, in order, streaming, across processes.

One bad row never aborts a batch: a request that does not validate (a dict of the wrong shape)
becomes a report with the finding ``input.invalid_request`` that quotes the validation error, at
level ``medium`` (it could not be checked). Anything else :func:`acctverify.verify` raises is a bug
or a bad option (unknown weights) and is raised.

Memory stays flat whatever the input's length: requests are read lazily, in chunks of
*chunk_size*, at most four chunks per worker are held, and reports are handed over one by one, in
input order, as soon as they are ready.

With ``workers=n`` the calling process and ``n - 1`` helper processes check the requests, so that
``n`` is the number of CPUs kept busy. Reports come back from the helpers through temporary files
(a chunk of reports is too big for the pool's pipes), in a lighter pickle than pydantic's own.

>>> from acctverify.batch import verify_many
>>> rows = [{"payee": {"name": "深圳前海微众银行股份有限公司"}, "creditor": "微粒贷"},
...         {"payee": {"name": "张三", "account": ["not", "a", "string"]}}]
>>> for report in verify_many(rows, as_of=date(2026, 11, 29)):
...     print(report.level.value, [finding.code for finding in report.findings])
low ['account.missing', 'payee.official_entity']
medium ['input.invalid_request']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from acctverify._pool import DEFAULT_CHUNK_SIZE, run
from acctverify._request_check import VerifyTask, invalid_request_report

if TYPE_CHECKING:
    from acctverify.directory import Directory
    from acctverify.models.report import Report
    from acctverify.models.request import PaymentRequest
    from acctverify.rules import Rule

__all__ = ["DEFAULT_CHUNK_SIZE", "invalid_request_report", "verify_many"]


def verify_many(
    requests: Iterable[PaymentRequest | Mapping[str, Any]],
    *,
    workers: int | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    progress: bool = False,
    directory: Directory | None = None,
    weights: Mapping[str, float] | None = None,
    rules: Iterable[Rule] | None = None,
    as_of: date | None = None,
) -> Iterator[Report]:
    """Check many requests; yield one report per request, in input order, as they are ready.

    *requests* is any iterable of :class:`~acctverify.PaymentRequest` objects or dicts in its
    shape; it is read lazily, so a generator over a file of millions of rows works in flat memory.
    A request that does not validate gives a report with the finding ``input.invalid_request``.

    *workers*: ``None`` or ``1`` checks the requests in this process; ``n > 1`` checks them in
    this process and ``n - 1`` helper processes (``os.cpu_count()`` keeps every CPU busy),
    *chunk_size* requests at a time. The helpers start on the first ``next()`` and stop when the
    iterator is exhausted or closed. They are forked when this process runs a single thread, else
    started fresh (forkserver or spawn), without running the caller's script again (unless
    *rules* or *directory* refer to something defined in it: then the script must guard its
    entry point with ``if __name__ == "__main__":``, as with any process pool). Fewer than
    4,000 requests in a list (anything with a length) are checked in this process whatever
    *workers* says: helpers would not pay for themselves. *progress* shows a tqdm progress bar
    (a notebook widget in Jupyter), with a total when *requests* has a length. *directory*,
    *weights*, *rules* and *as_of* are passed to :func:`acctverify.verify` for every request
    (with workers, they must be picklable: rules are module-level functions).
    """
    task = VerifyTask.make(directory=directory, weights=weights, rules=rules, as_of=as_of)
    reports: Iterator[Report] = run(
        requests, task, workers=workers, chunk_size=chunk_size, progress=progress
    )
    return reports
