"""HTTP handling shared by the online sources: safety, retries, size limits, cache (private).

The sources are "sans-I/O": each builds its :class:`Request` from a question and parses the
:class:`Body` of the answer in plain methods (:class:`HttpSource`), shared by its blocking
(:class:`SyncSource`) and async (:class:`AsyncSource`) classes. Only sending differs, and it is
here: :meth:`SyncHttp.send` and :meth:`AsyncHttp.send`, two small loops over one retry policy.
The settings are checked here too, once for both kinds (:func:`check_base_url`,
:func:`check_timeout`, :func:`check_verify`, :func:`check_settings`, :func:`check_api_key`).

Every request a source makes goes through :class:`SyncHttp` or :class:`AsyncHttp`, which

* accept only an ``https://`` base URL (plain ``http://`` only to the loopback interface, for tests
  and services on the same machine) and no credentials inside the URL;
* keep TLS certificate verification on: ``verify=False`` (or an ``ssl.SSLContext`` that does not
  verify) raises ``ValueError``; a private CA is trusted by passing an ``ssl.SSLContext``. A client
  the caller supplies with verification off draws an :class:`InsecureSourceWarning`;
* put a timeout on every request, overriding the client's own (``timeout=None`` raises);
* never follow a redirect, so that a key sent in a header cannot reach another host: a 3xx
  answer is an error;
* retry timeouts and 5xx answers only, at most ``retries`` times, waiting ``backoff``, then twice
  as long, and so on;
* read at most ``max_bytes`` of a body (after decompression) and refuse larger ones;
* close only a client they created.

Errors are raised as :class:`~acctverify.sources.SourceError` subclasses, ``from`` the httpx
exception. Messages name the source and the host, never a query string, a header or a key.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import os
import ssl
import threading
import time
import warnings
from abc import ABC, abstractmethod
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, ClassVar, Generic, TypeVar, cast
from urllib.parse import urlsplit

import httpx
from typing_extensions import Self

from acctverify.exceptions import AcctVerifyError
from acctverify.models.sources import LookupStatus

__all__ = [
    "AsyncHttp",
    "AsyncSource",
    "Body",
    "Closing",
    "HttpSource",
    "InsecureSourceWarning",
    "Request",
    "SourceError",
    "SourceRejected",
    "SourceResponseError",
    "SourceUnavailable",
    "SyncHttp",
    "SyncSource",
    "TTLCache",
    "check_api_key",
    "clean_text",
]

log = logging.getLogger("acctverify.sources")

DEFAULT_TIMEOUT = 5.0
DEFAULT_RETRIES = 2
DEFAULT_BACKOFF = 0.25
DEFAULT_CACHE_TTL = 300.0
DEFAULT_MAX_BYTES = 1_000_000
MAX_RETRIES = 10

Timeout = float | httpx.Timeout
Verify = bool | ssl.SSLContext


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


def check_base_url(base_url: str) -> str:
    """Return *base_url* without a trailing slash, or raise ``ValueError`` when it is unsafe."""
    parts = urlsplit(base_url)
    if parts.username is not None or parts.password is not None:
        raise ValueError("credentials inside base_url are not allowed: pass the key separately")
    host = parts.hostname or ""
    if not host or parts.scheme not in ("https", "http"):
        raise ValueError(
            f"base_url must be an https:// URL, not {parts.scheme or 'a relative'} one"
        )
    if parts.scheme == "http" and not _loopback(host):
        raise ValueError(
            f"base_url must use https:// (plain http:// only to the loopback interface): {host}"
        )
    if parts.query or parts.fragment:
        raise ValueError("base_url must not have a query or a fragment")
    return base_url.rstrip("/")


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_timeout(timeout: Timeout | None) -> httpx.Timeout:
    """Return an httpx timeout; ``None`` (no timeout) or a non-positive value raise."""
    if timeout is None:
        raise ValueError("timeouts cannot be turned off: give the longest wait in seconds")
    if isinstance(timeout, httpx.Timeout):
        if None in (timeout.connect, timeout.read, timeout.write, timeout.pool):
            raise ValueError("every part of the timeout must be set (connect, read, write, pool)")
        return timeout
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not timeout > 0:
        raise ValueError(f"timeout must be a positive number of seconds, not {timeout!r}")
    return httpx.Timeout(float(timeout))


def check_verify(verify: Verify) -> Verify:
    """Refuse to turn TLS certificate verification off."""
    insecure = verify is False or (
        isinstance(verify, ssl.SSLContext) and verify.verify_mode == ssl.CERT_NONE
    )
    if insecure:
        raise ValueError(
            "TLS certificate verification cannot be turned off; to trust a private CA, pass "
            "verify=ssl.create_default_context(cafile=...)"
        )
    if not isinstance(verify, (bool, ssl.SSLContext)):
        raise TypeError("verify must be True or an ssl.SSLContext")
    return verify


def _warn_if_unverified(client: httpx.Client | httpx.AsyncClient) -> None:
    """Warn when a supplied client does not verify certificates (best effort: httpx keeps the
    SSL context on its default transport's connection pool)."""
    pool = getattr(getattr(client, "_transport", None), "_pool", None)
    context = getattr(pool, "_ssl_context", None)
    if isinstance(context, ssl.SSLContext) and context.verify_mode == ssl.CERT_NONE:
        warnings.warn(
            "the httpx client given to an acctverify source does not verify TLS certificates: "
            "anyone on the network path can forge the answers",
            InsecureSourceWarning,
            stacklevel=5,  # the caller of the source: source, HttpSource, _HttpBase, here
        )


def check_settings(*, retries: int, backoff: float, max_bytes: int) -> None:
    """Validate the retry and size settings."""
    if isinstance(retries, bool) or not isinstance(retries, int) or not 0 <= retries <= MAX_RETRIES:
        raise ValueError(f"retries must be an integer from 0 to {MAX_RETRIES}")
    if not isinstance(backoff, (int, float)) or not 0 <= backoff <= 60:
        raise ValueError("backoff must be between 0 and 60 seconds")
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0:
        raise ValueError("max_bytes must be a positive integer")


def check_api_key(
    api_key: str | None, source: str, *, env: str | None = None, as_given: bool = False
) -> str:
    """Return the key to send in a header (stripped): *api_key*, else the *env* variable.

    A missing key, or one a header cannot carry (control or non-ASCII characters), raises
    ``ValueError`` naming *source*, never the key. With *as_given*, the key as given, not only its
    stripped part, must fit a header, and one message covers both cases.
    """
    key = (api_key if api_key is not None or env is None else os.environ.get(env, "")) or ""
    checked = key if as_given else key.strip()
    unfit = not checked.isascii() or any(ord(char) < 32 for char in checked)
    if as_given and (unfit or not key.strip()):
        raise ValueError(f"{source}: the API key is empty or has characters a header cannot carry")
    if not key.strip():
        raise ValueError(f"{source}: no API key: pass api_key=" + (f" or set {env}" if env else ""))
    if unfit:
        raise ValueError(f"{source}: the API key has characters a header cannot carry")
    return key.strip()


def clean_text(text: str) -> str:
    """Replace unpaired surrogates (JSON can carry them as escapes; no report can) by U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join("\ufffd" if "\ud800" <= char <= "\udfff" else char for char in text)
    return text


@dataclass(frozen=True)
class Body:
    """A complete response body, read within the size limit."""

    status_code: int
    content: bytes
    charset: str | None = None

    def text(self) -> str:
        """Decode with the declared charset, else UTF-8, else GB 18030 (a superset of GBK: some
        Chinese services send GBK without saying so)."""
        for encoding in (self.charset, "utf-8", "gb18030"):
            if not encoding:
                continue
            try:
                return self.content.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                continue
        return self.content.decode("utf-8", "replace")

    def json(self, source: str) -> Any:
        """Parse the body as JSON; raise :class:`SourceResponseError` when it is not JSON."""
        try:
            return json.loads(self.text())
        except ValueError as exc:
            raise SourceResponseError(source, "the answer is not valid JSON") from exc


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


@dataclass(frozen=True)
class Request:
    """What a source asks, built without I/O: *method* *path* (below the base URL) with *params*
    and *headers*. The headers may hold a key: they are left out of the repr."""

    path: str
    params: Mapping[str, str]
    headers: Mapping[str, str] = field(default_factory=dict, repr=False)
    method: str = "GET"


class _ServerError(Exception):
    """A 5xx answer (:attr:`error`, the httpx error kept as the cause): retried like a timeout."""

    def __init__(self, response: httpx.Response) -> None:
        super().__init__()
        self.error = httpx.HTTPStatusError(
            f"server error {response.status_code}", request=response.request, response=response
        )


class _Attempts:
    """The retry policy, without I/O: the wait before each attempt, which failures are retried,
    and the error once the attempts are used up. Both :meth:`~SyncHttp.send` loops run on it."""

    def __init__(self, http: _HttpBase[Any]) -> None:
        self.http = http
        self.number = 0
        self.last: Exception | None = None

    def __iter__(self) -> Iterator[float]:
        """Seconds to wait before each attempt: none before the first, then *backoff*, doubling."""
        for attempt in range(self.http.retries + 1):
            self.number = attempt + 1
            yield self.http.backoff * 2.0 ** (attempt - 1) if attempt else 0.0

    @contextmanager
    def guard(self) -> Iterator[None]:
        """Around one attempt: remember a timeout or a 5xx and let the loop go on; turn any other
        transport failure into :class:`SourceUnavailable` (not retried)."""
        try:
            yield
        except _ServerError as exc:
            self.last = exc.error
        except httpx.TimeoutException as exc:
            self.last = exc
            http = self.http
            log.debug("%s: timeout from %s (attempt %d)", http.source, http.host, self.number)
        except httpx.HTTPError as exc:
            why = f"{type(exc).__name__} talking to {self.http.host}"
            raise SourceUnavailable(self.http.source, why) from exc

    def gave_up(self) -> SourceUnavailable:
        attempts = self.http.retries + 1
        last = self.last
        if isinstance(last, httpx.HTTPStatusError):
            why = f"HTTP {last.response.status_code} from {self.http.host}"
        else:
            why = f"timed out ({type(last).__name__}) talking to {self.http.host}"
        plural = "attempt" if attempts == 1 else "attempts"
        return SourceUnavailable(self.http.source, f"{why} after {attempts} {plural}")


class _Reader:
    """An answer whose body is being read: refuses to grow past ``max_bytes``."""

    def __init__(self, http: _HttpBase[Any], response: httpx.Response) -> None:
        self.http = http
        self.response = response
        self.chunks: list[bytes] = []
        self.size = 0

    def add(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self.http.max_bytes:
            raise self.http.too_large()
        self.chunks.append(chunk)

    def body(self) -> Body:
        response = self.response
        return Body(response.status_code, b"".join(self.chunks), response.charset_encoding)


ClientT = TypeVar("ClientT", bound="httpx.Client | httpx.AsyncClient")


class _HttpBase(Generic[ClientT]):
    """Settings, checks and errors of the sync and async variants; only ``send`` differs."""

    client_class: ClassVar[type[httpx.Client] | type[httpx.AsyncClient]]
    wrong_client: ClassVar[str]

    def __init__(
        self,
        *,
        source: str,
        base_url: str,
        client: ClientT | None = None,
        timeout: Timeout | None = DEFAULT_TIMEOUT,
        retries: int = DEFAULT_RETRIES,
        backoff: float = DEFAULT_BACKOFF,
        max_bytes: int = DEFAULT_MAX_BYTES,
        verify: Verify = True,
    ) -> None:
        self.source = source
        self.base_url = check_base_url(base_url)
        self.host = urlsplit(self.base_url).hostname or ""
        self.timeout = check_timeout(timeout)
        check_settings(retries=retries, backoff=backoff, max_bytes=max_bytes)
        self.retries = retries
        self.backoff = float(backoff)
        self.max_bytes = max_bytes
        self.verify = check_verify(verify)
        self.owns_client = client is None
        if client is None:
            client = cast(ClientT, self.client_class(timeout=self.timeout, verify=self.verify))
        elif not isinstance(client, self.client_class):
            raise TypeError(self.wrong_client)
        else:
            _warn_if_unverified(client)
        self.client: ClientT = client

    def url(self, path: str) -> str:
        return self.base_url + "/" + path.lstrip("/") if path else self.base_url

    def build(self, request: Request) -> httpx.Request:
        """The httpx request for *request*, with this source's timeout (not the client's)."""
        return self.client.build_request(
            request.method, self.url(request.path), params=request.params,
            headers=request.headers, timeout=self.timeout,
        )  # fmt: skip

    def accept(self, response: httpx.Response) -> _Reader:
        """Check an answer before its body is read: a 5xx is retried; a redirect, or a declared
        size over the limit, is refused."""
        log.debug("%s: HTTP %d from %s", self.source, response.status_code, self.host)
        if response.status_code >= 500:
            raise _ServerError(response)
        if response.is_redirect:
            target = urlsplit(response.headers.get("location", "")).hostname or self.host
            raise SourceResponseError(
                self.source,
                f"redirect {response.status_code} to {target} not followed "
                "(a key must not reach another host)",
            )
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_bytes:
            raise self.too_large()
        return _Reader(self, response)

    def too_large(self) -> SourceResponseError:
        return SourceResponseError(self.source, f"the answer is larger than {self.max_bytes} bytes")


class SyncHttp(_HttpBase[httpx.Client]):
    """Blocking requests through an ``httpx.Client`` (the caller's, or one made here)."""

    client_class = httpx.Client
    wrong_client = "client must be an httpx.Client (use the Async… source for async)"

    def send(self, request: Request) -> Body:
        """Send *request*, retrying timeouts and 5xx answers; return the body of any other."""
        attempts = _Attempts(self)
        for wait in attempts:
            if wait:
                time.sleep(wait)
            with attempts.guard():
                response = self.client.send(
                    self.build(request), stream=True, follow_redirects=False
                )
                try:
                    reader = self.accept(response)
                    for chunk in response.iter_bytes():
                        reader.add(chunk)
                    return reader.body()
                finally:
                    response.close()
        raise attempts.gave_up() from attempts.last

    def close(self) -> None:
        """Close the client if it was made here."""
        if self.owns_client:
            self.client.close()


class AsyncHttp(_HttpBase[httpx.AsyncClient]):
    """Requests through an ``httpx.AsyncClient`` (the caller's, or one made here)."""

    client_class = httpx.AsyncClient
    wrong_client = "client must be an httpx.AsyncClient"

    async def send(self, request: Request) -> Body:
        """Send *request*, retrying timeouts and 5xx answers; return the body of any other."""
        attempts = _Attempts(self)
        for wait in attempts:
            if wait:
                await asyncio.sleep(wait)
            with attempts.guard():
                response = await self.client.send(
                    self.build(request), stream=True, follow_redirects=False
                )
                try:
                    reader = self.accept(response)
                    async for chunk in response.aiter_bytes():
                        reader.add(chunk)
                    return reader.body()
                finally:
                    await response.aclose()
        raise attempts.gave_up() from attempts.last

    async def aclose(self) -> None:
        """Close the client if it was made here."""
        if self.owns_client:
            await self.client.aclose()


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
    http: _HttpBase[ClientT]
    _http_class: ClassVar[type[_HttpBase[Any]]]

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
