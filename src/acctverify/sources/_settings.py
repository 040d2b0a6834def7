"""The settings every online source takes, their defaults and their checks (private).

A source's keyword-only settings (``base_url``, ``timeout``, ``retries``, ``backoff``,
``max_bytes``, ``cache_ttl``, ``verify``, ``api_key``) are checked here, once for the blocking and
the async variants, when the source is made: a bad or unsafe setting raises ``ValueError`` (or
``TypeError``) then, never at the first lookup.

* ``base_url``: ``https://`` only (plain ``http://`` only to the loopback interface, for tests and
  services on the same machine), no credentials, no query or fragment;
* ``timeout``: on, always (``None`` raises), every part of an ``httpx.Timeout`` set;
* ``verify``: TLS certificate verification cannot be turned off (``False``, or an
  ``ssl.SSLContext`` that does not verify, raises); a private CA is trusted by passing an
  ``ssl.SSLContext``;
* ``retries`` (at most :data:`MAX_RETRIES`), ``backoff`` (0–60 s), ``max_bytes`` (positive);
* an API key must be present and fit in a header; the error names the source, never the key.
"""

from __future__ import annotations

import ipaddress
import os
import ssl
from urllib.parse import urlsplit

import httpx

__all__ = [
    "DEFAULT_BACKOFF",
    "DEFAULT_CACHE_TTL",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_RETRIES",
    "DEFAULT_TIMEOUT",
    "MAX_RETRIES",
    "Timeout",
    "Verify",
    "check_api_key",
    "check_base_url",
    "check_settings",
    "check_timeout",
    "check_verify",
]

DEFAULT_TIMEOUT = 5.0
DEFAULT_RETRIES = 2
DEFAULT_BACKOFF = 0.25
DEFAULT_CACHE_TTL = 300.0
DEFAULT_MAX_BYTES = 1_000_000
MAX_RETRIES = 10

Timeout = float | httpx.Timeout
Verify = bool | ssl.SSLContext


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
