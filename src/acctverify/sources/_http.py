"""HTTP handling shared by the online sources: safety, retries, size limits, cache (private).

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
import ssl
import threading
import time
import warnings
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Generic, TypeVar
from urllib.parse import urlsplit

import httpx
from typing_extensions import Self

from acctverify.exceptions import AcctVerifyError
from acctverify.models.sources import LookupStatus

__all__ = [
    "Body",
    "InsecureSourceWarning",
    "SourceError",
    "SourceRejected",
    "SourceResponseError",
    "SourceUnavailable",
    "SyncHttp",
    "TTLCache",
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
            stacklevel=4,
        )


def check_settings(*, retries: int, backoff: float, max_bytes: int) -> None:
    """Validate the retry and size settings."""
    if isinstance(retries, bool) or not isinstance(retries, int) or not 0 <= retries <= MAX_RETRIES:
        raise ValueError(f"retries must be an integer from 0 to {MAX_RETRIES}")
    if not isinstance(backoff, (int, float)) or not 0 <= backoff <= 60:
        raise ValueError("backoff must be between 0 and 60 seconds")
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0:
        raise ValueError("max_bytes must be a positive integer")


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


class _HttpBase:
    """Settings shared by the sync and async variants."""

    def __init__(
        self,
        *,
        source: str,
        base_url: str,
        timeout: Timeout | None,
        retries: int,
        backoff: float,
        max_bytes: int,
        verify: Verify,
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

    def url(self, path: str) -> str:
        return self.base_url + "/" + path.lstrip("/") if path else self.base_url

    def delay(self, attempt: int) -> float:
        """Seconds to wait before retry number *attempt* (1 for the first retry)."""
        return self.backoff * 2.0 ** (attempt - 1)

    def check_headers(self, response: httpx.Response) -> None:
        """Refuse redirects and bodies whose declared size is over the limit."""
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

    def too_large(self) -> SourceResponseError:
        return SourceResponseError(self.source, f"the answer is larger than {self.max_bytes} bytes")

    def gave_up(self, last: Exception | None) -> SourceUnavailable:
        attempts = self.retries + 1
        if isinstance(last, httpx.HTTPStatusError):
            why = f"HTTP {last.response.status_code} from {self.host}"
        else:
            why = f"timed out ({type(last).__name__}) talking to {self.host}"
        plural = "attempt" if attempts == 1 else "attempts"
        return SourceUnavailable(self.source, f"{why} after {attempts} {plural}")

    def transport_error(self, exc: httpx.HTTPError) -> SourceUnavailable:
        return SourceUnavailable(self.source, f"{type(exc).__name__} talking to {self.host}")

    def server_error(self, response: httpx.Response) -> httpx.HTTPStatusError:
        return httpx.HTTPStatusError(
            f"server error {response.status_code}", request=response.request, response=response
        )


class SyncHttp(_HttpBase):
    """Blocking requests through an ``httpx.Client`` (the caller's, or one made here)."""

    def __init__(
        self,
        *,
        source: str,
        base_url: str,
        client: httpx.Client | None = None,
        timeout: Timeout | None = DEFAULT_TIMEOUT,
        retries: int = DEFAULT_RETRIES,
        backoff: float = DEFAULT_BACKOFF,
        max_bytes: int = DEFAULT_MAX_BYTES,
        verify: Verify = True,
    ) -> None:
        super().__init__(
            source=source, base_url=base_url, timeout=timeout, retries=retries,
            backoff=backoff, max_bytes=max_bytes, verify=verify,
        )  # fmt: skip
        if client is None:
            self.client = httpx.Client(timeout=self.timeout, verify=self.verify)
            self.owns_client = True
        else:
            if not isinstance(client, httpx.Client):
                raise TypeError("client must be an httpx.Client (use the Async… source for async)")
            _warn_if_unverified(client)
            self.client = client
            self.owns_client = False

    def get(
        self, path: str, *, params: Mapping[str, str], headers: Mapping[str, str] | None = None
    ) -> Body:
        """GET *path* with retries; return the body of any non-5xx, non-redirect answer."""
        last: Exception | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.delay(attempt))
            request = self.client.build_request(
                "GET", self.url(path), params=params, headers=headers, timeout=self.timeout
            )
            try:
                response = self.client.send(request, stream=True, follow_redirects=False)
            except httpx.TimeoutException as exc:
                last = exc
                log.debug("%s: timeout from %s (attempt %d)", self.source, self.host, attempt + 1)
                continue
            except httpx.HTTPError as exc:
                raise self.transport_error(exc) from exc
            try:
                log.debug("%s: HTTP %d from %s", self.source, response.status_code, self.host)
                if response.status_code >= 500:
                    last = self.server_error(response)
                    continue
                self.check_headers(response)
                content = self._read(response)
            except httpx.TimeoutException as exc:
                last = exc
                continue
            except httpx.HTTPError as exc:
                raise self.transport_error(exc) from exc
            finally:
                response.close()
            return Body(response.status_code, content, response.charset_encoding)
        raise self.gave_up(last) from last

    def _read(self, response: httpx.Response) -> bytes:
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise self.too_large()
            chunks.append(chunk)
        return b"".join(chunks)

    def close(self) -> None:
        """Close the client if it was made here."""
        if self.owns_client:
            self.client.close()


class AsyncHttp(_HttpBase):
    """Requests through an ``httpx.AsyncClient`` (the caller's, or one made here)."""

    def __init__(
        self,
        *,
        source: str,
        base_url: str,
        client: httpx.AsyncClient | None = None,
        timeout: Timeout | None = DEFAULT_TIMEOUT,
        retries: int = DEFAULT_RETRIES,
        backoff: float = DEFAULT_BACKOFF,
        max_bytes: int = DEFAULT_MAX_BYTES,
        verify: Verify = True,
    ) -> None:
        super().__init__(
            source=source, base_url=base_url, timeout=timeout, retries=retries,
            backoff=backoff, max_bytes=max_bytes, verify=verify,
        )  # fmt: skip
        if client is None:
            self.client = httpx.AsyncClient(timeout=self.timeout, verify=self.verify)
            self.owns_client = True
        else:
            if not isinstance(client, httpx.AsyncClient):
                raise TypeError("client must be an httpx.AsyncClient")
            _warn_if_unverified(client)
            self.client = client
            self.owns_client = False

    async def get(
        self, path: str, *, params: Mapping[str, str], headers: Mapping[str, str] | None = None
    ) -> Body:
        """GET *path* with retries; return the body of any non-5xx, non-redirect answer."""
        last: Exception | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                await asyncio.sleep(self.delay(attempt))
            request = self.client.build_request(
                "GET", self.url(path), params=params, headers=headers, timeout=self.timeout
            )
            try:
                response = await self.client.send(request, stream=True, follow_redirects=False)
            except httpx.TimeoutException as exc:
                last = exc
                log.debug("%s: timeout from %s (attempt %d)", self.source, self.host, attempt + 1)
                continue
            except httpx.HTTPError as exc:
                raise self.transport_error(exc) from exc
            try:
                log.debug("%s: HTTP %d from %s", self.source, response.status_code, self.host)
                if response.status_code >= 500:
                    last = self.server_error(response)
                    continue
                self.check_headers(response)
                content = await self._read(response)
            except httpx.TimeoutException as exc:
                last = exc
                continue
            except httpx.HTTPError as exc:
                raise self.transport_error(exc) from exc
            finally:
                await response.aclose()
            return Body(response.status_code, content, response.charset_encoding)
        raise self.gave_up(last) from last

    async def _read(self, response: httpx.Response) -> bytes:
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise self.too_large()
            chunks.append(chunk)
        return b"".join(chunks)

    async def aclose(self) -> None:
        """Close the client if it was made here."""
        if self.owns_client:
            await self.client.aclose()


class SyncResource:
    """``close()`` and the context-manager protocol for a source holding a :class:`SyncHttp`."""

    http: SyncHttp

    def close(self) -> None:
        """Close the HTTP client if the source created it."""
        self.http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.http.base_url!r})"


class AsyncResource:
    """``aclose()`` and the async context-manager protocol for a source holding an
    :class:`AsyncHttp`."""

    http: AsyncHttp

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

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.http.base_url!r})"
