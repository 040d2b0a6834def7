"""Run a task over many items, in order, in this process or across processes (private).

:mod:`acctverify.batch` and :mod:`acctverify.frame` check many requests the same way; this
module is how, whatever the task: it never calls :func:`acctverify.verify` itself. A
:class:`Task` is a picklable callable (sent once to each helper process) with a ``warm_up``
that loads what it needs in a fresh helper; :func:`run` applies it to every item and yields the
results in input order, as soon as they are ready.

Memory stays flat whatever the input's length: items are read lazily, in chunks of
*chunk_size*, at most four chunks per worker are held, and results are handed over one by one.

With ``workers=n`` the calling process and ``n - 1`` helper processes run the task, so that ``n``
is the number of CPUs kept busy. Chunks and results travel between processes through temporary
files (a chunk of reports is too big for the pool's pipes), pydantic models in a lighter pickle
than pydantic's own. Helpers are forked when this process runs a single thread, else started
fresh (forkserver, or spawn where there is no forkserver).
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import multiprocessing
import os
import pickle
import shutil
import sys
import tempfile
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sized
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import IO, Any, Protocol, TypeVar

from acctverify.models._base import Model
from acctverify.models.findings import Advice
from acctverify.models.text import HitDetails

__all__ = ["DEFAULT_CHUNK_SIZE", "SMALL_INPUT", "Task", "run"]

#: Items per chunk sent to a worker process: large enough that the cost of moving a chunk
#: between processes is small next to checking it, small enough to keep memory flat.
DEFAULT_CHUNK_SIZE = 128
#: Inputs with a length below this are checked in the calling process whatever *workers* says:
#: starting a pool, warming its helpers and moving the results back cost more than they save.
#: Measured with bench/bench_batch.py's requests on two CPUs with fresh helpers (forkserver):
#: workers=2 took 0.85-1.0x a plain loop's time up to 4,000 requests, 1.1-1.4x at 8,000.
SMALL_INPUT = 4_000
_PROTOCOL = pickle.HIGHEST_PROTOCOL
_new = object.__new__
_setattr = object.__setattr__

T = TypeVar("T")
R = TypeVar("R")
T_contra = TypeVar("T_contra", contravariant=True)
R_co = TypeVar("R_co", covariant=True)


class Task(Protocol[T_contra, R_co]):
    """What :func:`run` applies to each item: picklable, so that each helper gets a copy."""

    def __call__(self, item: T_contra, /) -> R_co:
        """The result for one item."""

    def warm_up(self) -> None:
        """Load, in a fresh helper process, what the first call would otherwise load."""


_worker_task: Task[Any, Any] | None = None


def _init_worker(task: Task[Any, Any]) -> None:
    """Keep the task in the worker and let it load what it needs before the first chunk."""
    global _worker_task  # noqa: PLW0603 - one task per worker process
    _worker_task = task
    task.warm_up()
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


def _run_file(path: str) -> str:
    """Run the task on the chunk of items pickled in *path*, in a worker process; write the
    results next to it and return that file's name (module level, so that the pool can call it).

    Chunks travel through files, not the pool's pipes: a pipe holds 64 KiB, so a chunk of
    reports (hundreds of KiB) would cross it in many pieces, each waiting until a thread of the
    busy caller gets the GIL, and the worker would stall for that long.
    """
    task = _worker_task
    if task is None:  # pragma: no cover - the initializer always runs first
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
        _dump([task(item) for item in chunk], target)
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


def _needs_main(task: object) -> bool:
    """Whether *task* refers to anything defined in ``__main__`` (a rule or directory class of
    the caller's script): then fresh helpers must import the script to unpickle it."""
    try:
        return b"__main__" in pickle.dumps(task, _PROTOCOL)
    except Exception:  # the pool reports an unpicklable task itself
        return True


@contextlib.contextmanager
def _main_set_aside(needed: bool) -> Iterator[None]:
    """Start fresh helpers without running the caller's main script again, unless *needed*.

    A helper started fresh (forkserver, spawn) imports the caller's ``__main__`` again: a script
    whose work is not guarded by ``if __name__ == "__main__":`` would run again in every helper
    (and fail), and a script read from standard input (``python - <<EOF``, ``__file__`` is
    ``<stdin>``) cannot be found at all. acctverify's own task needs nothing from it, so while
    helpers start, ``__main__``'s file and module spec are set aside — unless the task refers to
    something defined there, or the file is missing anyway.
    """
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    spec = getattr(main, "__spec__", None)
    missing = isinstance(path, str) and not os.path.isfile(path) and spec is None
    hide = main is not None and (missing or not needed) and (path is not None or spec is not None)
    if hide:
        if path is not None:
            del main.__file__  # type: ignore[union-attr]
        main.__spec__ = None  # type: ignore[union-attr]
    try:
        yield
    finally:
        if hide:
            if path is not None:
                main.__file__ = path  # type: ignore[union-attr]
            main.__spec__ = spec  # type: ignore[union-attr]


def _single_threaded() -> bool:
    """Whether this process runs one thread, native threads (a thread pool of polars, pyarrow,
    a BLAS) included where the system tells."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return threading.active_count() == 1


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _in_process(items: Iterable[T], task: Task[T, R]) -> Iterator[R]:
    for item in items:
        yield task(item)


@dataclass
class _Local:
    """A chunk the caller checks itself: when it reaches the front (the reports go straight to
    the consumer), or earlier when the caller would otherwise wait for a helper."""

    items: list[Any]
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


def _in_pool(items: Iterable[T], task: Task[T, R], workers: int, chunk_size: int) -> Iterator[R]:
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
    chunks = _chunks(items, chunk_size)
    exhausted = False
    names = itertools.count()
    folder = Path(tempfile.mkdtemp(prefix="acctverify-batch-"))
    pool = ProcessPoolExecutor(
        max_workers=helpers, mp_context=_context(), initializer=_init_worker, initargs=(task,)
    )

    # Until a helper has started (a fresh interpreter takes most of a second to import
    # acctverify and load its tables), the caller checks every chunk itself, as they come.
    needs_main = _needs_main(task)

    def submit(function: Any, *args: Any) -> Future[Any]:
        # A submit may start a helper process (they are started as work arrives).
        with _main_set_aside(needs_main):
            return pool.submit(function, *args)

    started = submit(_ready)
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
                        slots.append(submit(_run_file, str(path)))
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
                        ahead.results = [task(r) for r in ahead.items]
                        continue
                slots.popleft()
                if isinstance(head, Future):
                    head = _Local([], _load(head.result()))
            finally:
                _thaw(frozen)
            if head.results is not None:
                yield from _drain(head.results)
                continue
            for item in head.items:  # the caller's chunk, at the front: check, hand over
                frozen = _freeze()
                try:
                    result = task(item)
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


def run(
    items: Iterable[T],
    task: Task[T, R],
    *,
    workers: int | None,
    chunk_size: int,
    progress: bool,
    length: int | None = None,
) -> Iterator[R]:
    """Apply *task* to every item; yield the results in input order.

    *workers*: ``None`` or ``1`` runs it in this process; ``n > 1`` in this process and ``n - 1``
    helper processes, *chunk_size* items at a time (the helpers start on the first ``next()`` and
    stop when the iterator is exhausted or closed) — but an input whose length (*items*' own, or
    *length*) is below :data:`SMALL_INPUT` runs in this process: helpers would not pay for
    themselves. *progress* shows a tqdm progress bar, with a total when the length is known. Bad
    settings raise ``ValueError`` here, not at the first ``next()``.
    """
    if workers is not None and (
        isinstance(workers, bool) or not isinstance(workers, int) or workers < 1
    ):
        raise ValueError(f"workers must be None or a positive integer, not {workers!r}")
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
        raise ValueError(f"chunk_size must be a positive integer, not {chunk_size!r}")
    if length is None and isinstance(items, Sized):
        length = len(items)
    small = length is not None and length < SMALL_INPUT
    if workers is None or workers == 1 or small:
        results = _in_process(items, task)
    else:
        results = _in_pool(items, task, workers, chunk_size)
    if not progress:
        return results
    return _with_progress(results, length)
