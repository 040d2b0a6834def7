"""What an online source is, apart from sending: the base classes, the cache, the helpers (private).

A source is "sans-I/O": :class:`HttpSource` holds its settings and cache and two hooks, a
question to a :class:`~acctverify.sources._transport.Request` and a
:class:`~acctverify.sources._transport.Body` to the answer, both plain methods shared by its
blocking (:class:`SyncSource`) and async (:class:`AsyncSource`) classes. Those add only the one
step that differs, sending, which :mod:`acctverify.sources._transport` does. :class:`Closing`
gives ``with`` to every object with ``close()``, the sources that make no request included.
"""

from __future__ import annotations

import threading
import time
from abc import ABC, abstractmethod
from collections import OrderedDict
from collections.abc import Callable, Hashable
from types import TracebackType
from typing import Any, ClassVar, Generic, TypeVar, cast

import httpx
from typing_extensions import Self

from acctverify.sources._settings import Timeout, Verify
from acctverify.sources._transport import AsyncHttp, Body, ClientT, HttpBase, Request, SyncHttp

__all__ = ["AsyncSource", "Closing", "HttpSource", "SyncSource", "TTLCache", "clean_text"]


def clean_text(text: str) -> str:
    """Replace unpaired surrogates (JSON can carry them as escapes; no report can) by U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join("\ufffd" if "\ud800" <= char <= "\udfff" else char for char in text)
    return text


K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class TTLCache(Generic[K, V]):
    """A small thread-safe cache whose entries expire *ttl* seconds after they were stored;
    the oldest entry goes first when it is full. ``ttl=0`` turns caching off."""

    def __init__(
        self, ttl: float, *, maxsize: int = 1024, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if not isinstance(ttl, (int, float)) or ttl < 0:
            raise ValueError("cache_ttl must be zero (no cache) or a positive number of seconds")
        self.ttl = float(ttl)
        self.maxsize = maxsize
        self._clock = clock
        self._entries: OrderedDict[K, tuple[float, V]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> tuple[bool, V | None]:
        """Return ``(True, value)`` for a fresh entry, ``(False, None)`` otherwise."""
        if not self.ttl:
            return False, None
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return False, None
            expires, value = entry
            if expires <= self._clock():
                del self._entries[key]
                return False, None
            return True, value

    def put(self, key: K, value: V) -> None:
        """Store *value* for *key*."""
        if not self.ttl:
            return
        with self._lock:
            self._entries.pop(key, None)
            self._entries[key] = (self._clock() + self.ttl, value)
            while len(self._entries) > self.maxsize:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        """Forget every entry."""
        with self._lock:
            self._entries.clear()


Q = TypeVar("Q", bound=Hashable)
R = TypeVar("R")


class HttpSource(ABC, Generic[ClientT, Q, R]):
    """What an HTTP source is without I/O, shared by its sync and async classes: the settings, the
    cache, and two hooks — :meth:`_request` (a question, already checked and normalised, to a
    :class:`Request`) and :meth:`_parse` (the :class:`Body` to the answer). The question is also
    the cache key. :class:`SyncSource` and :class:`AsyncSource` add the one step that differs:
    sending."""

    name: str
    cache: TTLCache[Q, R]
    http: HttpBase[ClientT]
    _http_class: ClassVar[type[HttpBase[Any]]]

    def __init__(
        self,
        *,
        name: str,
        base_url: str,
        client: ClientT | None,
        timeout: Timeout | None,
        retries: int,
        backoff: float,
        max_bytes: int,
        cache_ttl: float,
        verify: Verify,
    ) -> None:
        self.name = name
        self.cache = TTLCache(cache_ttl)
        self.http = self._http_class(
            source=name, base_url=base_url, client=client, timeout=timeout, retries=retries,
            backoff=backoff, max_bytes=max_bytes, verify=verify,
        )  # fmt: skip

    @abstractmethod
    def _request(self, query: Q) -> Request:
        """Build the HTTP request that asks *query* (sans I/O)."""

    @abstractmethod
    def _parse(self, query: Q, body: Body) -> R:
        """Read the answer to *query* (sans I/O)."""

    def _answer(self, query: Q, body: Body) -> R:
        """Parse *body*, the answer to *query*, and cache the result (never a failure)."""
        result = self._parse(query, body)
        self.cache.put(query, result)
        return result

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.http.base_url!r})"


class Closing(ABC):
    """The context-manager protocol for an object with ``close()``."""

    @abstractmethod
    def close(self) -> None:
        """Release what the object holds."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class SyncSource(HttpSource[httpx.Client, Q, R], Closing):
    """A source with blocking ``lookup``, ``close()`` and ``with``."""

    _http_class = SyncHttp
    http: SyncHttp

    def _ask(self, query: Q) -> R:
        """The answer to *query*: cached, or asked and parsed."""
        hit, cached = self.cache.get(query)
        if hit:
            return cast(R, cached)
        return self._answer(query, self.http.send(self._request(query)))

    def close(self) -> None:
        """Close the HTTP client if the source created it."""
        self.http.close()


class AsyncSource(HttpSource[httpx.AsyncClient, Q, R]):
    """A source with ``async`` ``lookup``, ``aclose()`` and ``async with``."""

    _http_class = AsyncHttp
    http: AsyncHttp

    async def _ask(self, query: Q) -> R:
        """The answer to *query*: cached, or asked and parsed."""
        hit, cached = self.cache.get(query)
        if hit:
            return cast(R, cached)
        return self._answer(query, await self.http.send(self._request(query)))

    async def aclose(self) -> None:
        """Close the HTTP client if the source created it."""
        await self.http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
