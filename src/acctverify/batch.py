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

import gc
import itertools
import multiprocessing
import os
import pickle
import shutil
import tempfile
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sized
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from acctverify.models._base import Model
from acctverify.models.findings import Advice, Evidence
from acctverify.models.text import HitDetails

if TYPE_CHECKING:
    from pydantic import ValidationError

    from acctverify.directory import Directory
    from acctverify.models.report import Report
    from acctverify.models.request import PaymentRequest
    from acctverify.rules import Rule

__all__ = ["DEFAULT_CHUNK_SIZE", "invalid_request_report", "verify_many"]

#: Requests per task sent to a worker process: large enough that the cost of moving a task
#: between processes is small next to checking it, small enough to keep memory flat.
DEFAULT_CHUNK_SIZE = 128
#: Chunks in flight per worker: one being checked, one waiting, so no worker idles.
_IN_FLIGHT_PER_WORKER = 2
_PROTOCOL = pickle.HIGHEST_PROTOCOL
_new = object.__new__
_setattr = object.__setattr__
#: Validation errors quoted per invalid request, and the longest value quoted.
_MAX_ERRORS = 5
_MAX_VALUE_CHARS = 80


@dataclass(frozen=True)
class _Options:
    """What every request of a batch is checked with (sent once to each worker)."""

    directory: Directory | None
    weights: Mapping[str, float] | None
    rules: tuple[Rule, ...] | None
    as_of: date | None
    transform: Callable[[Report], Any] | None = None
    """Applied to each report where it is made (in the worker): only its result travels."""


def _clean(text: str) -> str:
    """Text from a bad request, fit for a report: short, account-like numbers masked, unpaired
    surrogates (which no JSON can carry) replaced."""
    from acctverify._mask import mask_digits

    if len(text) > _MAX_VALUE_CHARS:
        text = text[: _MAX_VALUE_CHARS - 1] + "…"
    return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in mask_digits(text))


def _location(loc: tuple[int | str, ...]) -> str:
    """A pydantic error location as a dotted request path: ``payee.account``, ``messages[2]``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return _clean(out) or "request"


def _quoted(value: object) -> str:
    if isinstance(value, str):
        return _clean(value)
    if value is None or isinstance(value, (int, float, bool)):
        return _clean(repr(value))
    return type(value).__name__


def invalid_request_report(
    error: ValidationError,
    *,
    weights: Mapping[str, float] | None = None,
    as_of: date | None = None,
) -> Report:
    """Return the report for a request that failed validation: one ``input.invalid_request``
    finding with the error's locations as evidence (account-like numbers masked).

    >>> from pydantic import ValidationError
    >>> from acctverify.models import PaymentRequest
    >>> try:
    ...     PaymentRequest.model_validate({"payee": {"account": 6217000000123456786}})
    ... except ValidationError as exc:
    ...     report = invalid_request_report(exc, as_of=date(2026, 11, 29))
    >>> report.level.value, report.findings[0].message_en
    ('medium', 'The request is malformed and could not be checked: payee.account: Input should be
    a valid string.')
    >>> report.findings[0].evidence[0].value
    '6217***********6786'
    """
    from acctverify._verify import assemble
    from acctverify.models.facts import Facts, PayeeFacts
    from acctverify.rules import Signal

    errors = error.errors(include_url=False)
    shown = errors[:_MAX_ERRORS]
    text = "; ".join(f"{_location(e['loc'])}: {_clean(e['msg'])}" for e in shown)
    if len(errors) > len(shown):
        text += f" (+{len(errors) - len(shown)} more)"
    evidence = tuple(
        Evidence(field=_location(e["loc"]), value=_quoted(e.get("input")), detail=_clean(e["msg"]))
        for e in shown
    )
    facts = Facts(as_of=as_of or date.today(), payee=PayeeFacts())
    return assemble(
        [Signal("input.invalid_request", evidence, {"error": text})], facts, weights=weights
    )


def _verify_one(request: PaymentRequest | Mapping[str, Any], options: _Options) -> Report:
    from pydantic import ValidationError

    from acctverify._verify import verify

    try:
        return verify(
            request,
            directory=options.directory,
            weights=options.weights,
            rules=options.rules,
            as_of=options.as_of,
        )
    except ValidationError as exc:
        return invalid_request_report(exc, weights=options.weights, as_of=options.as_of)


def _check(request: PaymentRequest | Mapping[str, Any], options: _Options) -> Any:
    report = _verify_one(request, options)
    return report if options.transform is None else options.transform(report)


# --- worker processes --------------------------------------------------------------------------

_worker_options: _Options | None = None


#: A request that makes a fresh process load every table verify() reads (not a real payee).
_WARM_UP: Mapping[str, Any] = {
    "payee": {"name": "深圳市某某商务咨询有限公司", "account": "6217000000123456786",
              "bank": "中国建设银行", "cnaps": "105584000005"},
    "creditor": "微粒贷",
    "licence": {"name": "深圳市某某商务咨询有限公司", "uscc": "91440300MA5GQ7K33E",
                "established": "2026年9月3日"},
    "messages": ["【微粒贷】请于今日内转入对公账户，加微信 wx_kefu888 或致电 13812345678，"
                 "详见 http://t.cn/xxxx"],
    "contact": {"caller_number": "+85212345678"},
}  # fmt: skip


def _init_worker(options: _Options) -> None:
    """Keep the batch's options in the worker and load the data tables before the first chunk."""
    global _worker_options  # noqa: PLW0603 - one batch per worker process
    _worker_options = options
    _verify_one(_WARM_UP, options)
    # Everything alive now (the tables, and a forked caller's whole heap) lives as long as this
    # process: keep the collector from walking it again and again.
    gc.freeze()


def _ready() -> bool:
    """Return once the worker that runs it has started (its initializer has run)."""
    return True


def _rebuild(cls: type[Model], values: dict[str, Any], fields_set: set[str]) -> Model:
    """Recreate a model from its field values, as pydantic's own unpickling does (no validation:
    the values were validated in the worker), but with one call instead of two."""
    model = _new(cls)
    _setattr(model, "__dict__", values)
    _setattr(model, "__pydantic_fields_set__", fields_set)
    _setattr(model, "__pydantic_extra__", None)
    _setattr(model, "__pydantic_private__", None)
    return model


def _same(model: Model) -> Model:
    return model


class _ReportPickler(pickle.Pickler):
    """Pickle reports with a lighter state per model (about a third cheaper both ways), and
    small models that repeat from report to report (the advice, a phrase hit's details) once
    per chunk: they come back as one shared, immutable object."""

    _SHARED = (Advice, HitDetails)

    def __init__(self, file: IO[bytes], protocol: int) -> None:
        super().__init__(file, protocol)
        self._seen: dict[tuple[object, ...], Model] = {}

    def reducer_override(self, obj: object) -> Any:
        if (
            isinstance(obj, Model)
            and obj.__pydantic_extra__ is None
            and obj.__pydantic_private__ is None
        ):
            if type(obj) in self._SHARED:
                try:
                    first = self._seen.setdefault((type(obj), *obj.__dict__.values()), obj)
                except TypeError:  # pragma: no cover - a field that cannot be hashed
                    first = obj
                if first is not obj:
                    return _same, (first,)
            return _rebuild, (type(obj), obj.__dict__, obj.__pydantic_fields_set__)
        return NotImplemented


def _dump(objects: list[Any], path: Path) -> None:
    with path.open("wb") as handle:
        _ReportPickler(handle, _PROTOCOL).dump(objects)


def _verify_file(path: str) -> str:
    """Check the chunk of requests pickled in *path*, in a worker process; write the reports next
    to it and return that file's name (module level, so that the pool can call it).

    Chunks travel through files, not the pool's pipes: a pipe holds 64 KiB, so a chunk of
    reports (hundreds of KiB) would cross it in many pieces, each waiting until a thread of the
    busy caller gets the GIL, and the worker would stall for that long.
    """
    options = _worker_options
    if options is None:  # pragma: no cover - the initializer always runs first
        raise RuntimeError("acctverify worker used without its initializer")
    source = Path(path)
    chunk = pickle.loads(source.read_bytes())
    source.unlink()
    target = source.with_suffix(".out")
    # A chunk's reports are all alive until written: with the collector on, its collections
    # would promote them and walk them (and the worker's whole heap) again and again, which
    # costs more than a third of the checking. This process is ours: pause the collector for
    # the chunk; what is left to collect after it is freed is small.
    gc.disable()
    try:
        _dump([_check(request, options) for request in chunk], target)
    finally:
        gc.enable()
    return str(target)


def _load(path: str) -> list[Any]:
    source = Path(path)
    data = source.read_bytes()
    source.unlink()
    # Unpickling a chunk creates tens of thousands of objects at once; with the collector on,
    # each burst triggers collections that walk the caller's whole heap, which can cost more than
    # the unpickling itself. Nothing created here can be garbage, so pause it (and restore it).
    enabled = gc.isenabled()
    gc.disable()
    try:
        results: list[Any] = pickle.loads(data)
    finally:
        if enabled:
            gc.enable()
    return results


def _drain(results: list[Any]) -> Iterator[Any]:
    """Yield and forget the results one by one, so that each can be freed once consumed."""
    results.reverse()
    while results:
        yield results.pop()


def _context() -> multiprocessing.context.BaseContext:
    """fork when this process runs a single thread, else forkserver (spawn where neither exists).

    A forked helper starts at once with this process's tables and caches loaded; a fresh one
    (forkserver, spawn) spends most of a second importing and loading, and more warming its
    caches. Forking a process that runs other threads (a notebook kernel, a Dask client, a
    progress bar's monitor) can deadlock the child, so then a fresh interpreter it is.
    """
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and _single_threaded():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _single_threaded() -> bool:
    """Whether this process runs one thread, native threads (a thread pool of polars, pyarrow,
    a BLAS) included where the system tells."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return threading.active_count() == 1


def _chunks(
    requests: Iterable[PaymentRequest | Mapping[str, Any]], size: int
) -> Iterator[list[PaymentRequest | Mapping[str, Any]]]:
    iterator = iter(requests)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _in_process(
    requests: Iterable[PaymentRequest | Mapping[str, Any]], options: _Options
) -> Iterator[Any]:
    for request in requests:
        yield _check(request, options)


@dataclass
class _Local:
    """A chunk the caller checks itself: when it reaches the front (the reports go straight to
    the consumer), or earlier when the caller would otherwise wait for a helper."""

    requests: list[PaymentRequest | Mapping[str, Any]]
    results: list[Any] | None = None


def _freeze() -> bool:
    """Move every object the collector tracks to its permanent generation, unless someone
    already did (then leave it alone). O(1); undone by :func:`_thaw`."""
    if gc.get_freeze_count():
        return False
    gc.freeze()
    return True


def _thaw(frozen: bool) -> None:
    if frozen:
        gc.unfreeze()


def _in_pool(
    requests: Iterable[PaymentRequest | Mapping[str, Any]],
    options: _Options,
    workers: int,
    chunk_size: int,
) -> Iterator[Any]:
    """The calling process and ``workers - 1`` helper processes check the chunks, in order.

    Each new chunk goes to whoever has less queued: the helpers (chunks not back yet, per
    helper) or the caller (chunks it has not checked yet). The caller checks its chunks when
    they reach the front, so their reports go straight to the consumer; when the front is a
    helper's chunk that is not back yet, it checks its next chunk ahead instead of waiting.
    At most ``4 * workers`` chunks are held.

    Reports held in memory are what costs in the caller: the collector promotes them through
    its generations, and each full collection then walks them and the caller's whole heap (a
    notebook's, say), which can cost more than a third of the checking. So the caller's own
    work runs with its existing objects frozen (:func:`gc.freeze`, undone before each report is
    handed over, so the consumer's code runs with the collector as it was).
    """
    helpers = workers - 1
    window = 4 * workers
    slots: deque[Future[str] | _Local] = deque()
    chunks = _chunks(requests, chunk_size)
    exhausted = False
    names = itertools.count()
    folder = Path(tempfile.mkdtemp(prefix="acctverify-batch-"))
    pool = ProcessPoolExecutor(
        max_workers=helpers, mp_context=_context(), initializer=_init_worker, initargs=(options,)
    )
    # Until a helper has started (a fresh interpreter takes most of a second to import
    # acctverify and load its tables), the caller checks every chunk itself, as they come.
    started = pool.submit(_ready)
    try:
        while True:
            frozen = _freeze()
            try:
                while not exhausted and len(slots) < window:
                    chunk = next(chunks, None)
                    if chunk is None:
                        exhausted = True
                        break
                    busy = sum(isinstance(s, Future) and not s.done() for s in slots)
                    waiting = sum(isinstance(s, _Local) and s.results is None for s in slots)
                    if started.done() and busy <= waiting * helpers:
                        path = folder / f"{next(names)}.in"
                        _dump(chunk, path)
                        slots.append(pool.submit(_verify_file, str(path)))
                    else:
                        slots.append(_Local(chunk))
                if not slots:
                    return
                head = slots[0]
                if isinstance(head, Future) and not head.done():
                    ahead = next(
                        (s for s in slots if isinstance(s, _Local) and s.results is None), None
                    )
                    if ahead is not None:
                        ahead.results = [_check(r, options) for r in ahead.requests]
                        continue
                slots.popleft()
                if isinstance(head, Future):
                    head = _Local([], _load(head.result()))
            finally:
                _thaw(frozen)
            if head.results is not None:
                yield from _drain(head.results)
                continue
            for request in head.requests:  # the caller's chunk, at the front: check, hand over
                frozen = _freeze()
                try:
                    result = _check(request, options)
                finally:
                    _thaw(frozen)
                yield result
    finally:
        # Also on an early stop (the caller broke out of the loop) or an error: drop the queued
        # chunks, wait for the running ones, stop the workers, remove the files.
        pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(folder, ignore_errors=True)


def _with_progress(reports: Iterator[Any], total: int | None) -> Iterator[Any]:
    try:
        from tqdm.auto import tqdm  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - tqdm comes with the pandas extra
        raise ImportError(
            "progress=True needs tqdm: pip install 'acctverify[pandas]' (or pip install tqdm)"
        ) from None

    class Bar(tqdm):  # type: ignore[misc]
        monitor_interval = 0  # no monitor thread: helpers can still be forked

    bar = Bar(total=total, unit="request", smoothing=0.1, dynamic_ncols=True)
    try:
        for report in reports:
            yield report
            bar.update()
    finally:
        bar.close()
        close = getattr(reports, "close", None)
        if close is not None:
            close()


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
    started fresh (forkserver or spawn): then, as with any process pool, a script must guard its
    entry point with ``if __name__ == "__main__":``. *progress* shows a tqdm progress bar (a
    notebook widget in Jupyter), with a total when *requests* has a length. *directory*,
    *weights*, *rules* and *as_of* are passed to :func:`acctverify.verify` for every request
    (with workers, they must be picklable: rules are module-level functions).
    """
    options = _options(directory=directory, weights=weights, rules=rules, as_of=as_of)
    reports: Iterator[Report] = _run(requests, options, workers, chunk_size, progress)
    return reports


def _options(
    *,
    directory: Directory | None,
    weights: Mapping[str, float] | None,
    rules: Iterable[Rule] | None,
    as_of: date | None,
    transform: Callable[[Report], Any] | None = None,
) -> _Options:
    if weights is not None:
        from acctverify.scoring import score

        score([], weights=weights)  # unknown codes or weights out of range: fail before the work
    return _Options(
        directory=directory,
        weights=dict(weights) if weights is not None else None,
        rules=tuple(rules) if rules is not None else None,
        as_of=as_of,
        transform=transform,
    )


def _run(
    requests: Iterable[PaymentRequest | Mapping[str, Any]],
    options: _Options,
    workers: int | None,
    chunk_size: int,
    progress: bool,
) -> Iterator[Any]:
    """verify_many's work, with *options.transform* applied to each report (verify_frame sends
    only its result columns between processes)."""
    if workers is not None and (
        isinstance(workers, bool) or not isinstance(workers, int) or workers < 1
    ):
        raise ValueError(f"workers must be None or a positive integer, not {workers!r}")
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
        raise ValueError(f"chunk_size must be a positive integer, not {chunk_size!r}")
    if workers is None or workers == 1:
        results = _in_process(requests, options)
    else:
        results = _in_pool(requests, options, workers, chunk_size)
    if not progress:
        return results
    total = len(requests) if isinstance(requests, Sized) else None
    return _with_progress(results, total)
