"""Sending requests and receiving answers, with the safety limits (private).

The sources are "sans-I/O" (:mod:`acctverify.sources._base`): a source builds a :class:`Request`
and parses a :class:`Body`. Sending is here: :meth:`SyncHttp.send` and :meth:`AsyncHttp.send`,
two small loops over one retry policy (:class:`_Attempts`) and one size-limited reader
(:class:`_Reader`). The settings they run with were checked by :mod:`acctverify.sources._settings`.

Every request a source makes goes through :class:`SyncHttp` or :class:`AsyncHttp`, which

* send only to the checked base URL, with the source's timeout overriding the client's own;
* keep TLS certificate verification on; a client the caller supplies with verification off draws
  an :class:`~acctverify.sources.InsecureSourceWarning`;
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
import json
import logging
import ssl
import time
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, TypeVar, cast
from urllib.parse import urlsplit

import httpx

from acctverify.exceptions import (
    InsecureSourceWarning,
    SourceResponseError,
    SourceUnavailable,
)
from acctverify.sources._settings import (
    DEFAULT_BACKOFF,
    DEFAULT_MAX_BYTES,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    Timeout,
    Verify,
    check_base_url,
    check_settings,
    check_timeout,
    check_verify,
)

__all__ = ["AsyncHttp", "Body", "ClientT", "HttpBase", "Request", "SyncHttp"]

log = logging.getLogger("acctverify.sources")


@dataclass(frozen=True)
class Request:
    """What a source asks, built without I/O: *method* *path* (below the base URL) with *params*
    and *headers*. The headers may hold a key: they are left out of the repr."""

    path: str
    params: Mapping[str, str]
    headers: Mapping[str, str] = field(default_factory=dict, repr=False)
    method: str = "GET"


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
            stacklevel=5,  # the caller of the source: source, HttpSource, HttpBase, here
        )


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

    def __init__(self, http: HttpBase[Any]) -> None:
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

    def __init__(self, http: HttpBase[Any], response: httpx.Response) -> None:
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


class HttpBase(Generic[ClientT]):
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


class SyncHttp(HttpBase[httpx.Client]):
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


class AsyncHttp(HttpBase[httpx.AsyncClient]):
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
