"""Links and e-mail addresses: find them, then ask tldextract what they are (private).

Candidates are found with RE2-subset patterns: ``http(s)://`` links (host names may be Chinese:
``http://中国银行.xyz``), scheme-less ``host.tld/path`` (ASCII host names only: in Chinese text a
scheme-less Chinese host cannot be told from the words around it) and e-mail addresses. A
scheme-less candidate counts only when tldextract finds a public suffix (``report.pdf`` does not
count). tldextract runs on its bundled Public Suffix List snapshot: it is created with
``suffix_list_urls=()`` and ``cache_dir=None``, so it never fetches and never writes.

For each host the details say:

* ``registered_domain`` — what the owner registered (``kf.95384.cn.evil.top`` → ``evil.top``);
* ``short_link`` — a URL shortener (``short_links.csv``): the real destination is hidden;
* ``brand`` and ``brand_match`` — a lender's or bank's domain (``brands.csv``, or the caller's
  ``official_domains``): ``official`` when the host is under one of its domains; ``subdomain``
  when its domain, hotline or name is used as a sub-domain of someone else's domain
  (``m.jd.com.cn-check.icu``); ``lookalike`` when the registered name contains it or is one edit
  away from it (``webank-huankuan.top``, ``webbank.top``).

User information is not the host: ``https://webank.com@evil.com/pay`` goes to ``evil.com``, and a
backslash ends the host as in browsers (``https://evil.com\\@webank.com`` goes to ``evil.com``
too). The hit's value is the host the browser visits; a brand named only in the decoy part (before
the ``@``, or after the backslash) is reported as ``brand_match="lookalike"``, as a look-alike
domain is: the link borrows the brand's name for someone else's host.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from acctverify._data import table
from acctverify.text._found import Found, details

__all__ = [
    "BARE_URL",
    "EMAIL",
    "SCHEME_URL",
    "Brands",
    "brands",
    "email_found",
    "host_facts",
    "official_key",
    "url_found",
]

_LABEL = "[a-z0-9][a-z0-9\\-]{0,62}"
_TLD = "(?:[a-z]{2,24}|xn--[a-z0-9\\-]{1,59})"
_PORT = "(?::[0-9]{1,5})?"
_HAN = "一-鿿"
#: ``user@host.tld``.
EMAIL = f"[a-z0-9][a-z0-9._%+\\-]{{0,63}}@(?:{_LABEL}\\.){{1,8}}[a-z]{{2,24}}"
#: What may stand before ``@`` in a link's authority (user name and password; a brand name or
#: domain there is a decoy: the browser goes to the host after the last ``@``).
_USERINFO = f"[a-z0-9._~%!$&'*+=:@\\-{_HAN}]{{1,64}}@"
#: ``http(s)://`` (or defanged ``hxxp``), optional user information, a host name (Chinese
#: allowed) or an IPv4 address. A backslash ends the host, as in browsers (WHATWG URL).
SCHEME_URL = (
    "(?:https?|hxxps?)://"
    f"(?:{_USERINFO})?"
    f"(?:(?:(?:{_LABEL}|[{_HAN}][{_HAN}\\-]{{0,62}})\\.){{1,10}}{_TLD}"
    "|[0-9]{1,3}(?:\\.[0-9]{1,3}){3})"
    f"{_PORT}(?:[/?#\\\\][!-~]*)?"
)
#: ``host.tld`` or ``host.tld/path`` without a scheme (ASCII host names).
BARE_URL = f"(?:{_LABEL}\\.){{1,10}}{_TLD}{_PORT}(?:/[!-~]*)?"

_TRAILING = ".,;:!?'\")]}>，。；：！？）】"


@functools.cache
def _extractor() -> Any:
    import tldextract

    # suffix_list_urls=() and cache_dir=None: the bundled snapshot, no network, nothing written.
    return tldextract.TLDExtract(
        suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True
    )


@functools.lru_cache(maxsize=4096)
def split_host(host: str) -> tuple[str, str, str, str] | None:
    """Return (subdomain, domain label, suffix, registered domain), or ``None`` without a public
    suffix.

    >>> split_host('kf.95384.cn.evil.top')
    ('kf.95384.cn', 'evil', 'top', 'evil.top')
    >>> split_host('report.pdf') is None
    True
    """
    result = _extractor()(host)
    if not result.suffix or not result.domain:
        return None
    return result.subdomain, result.domain, result.suffix, f"{result.domain}.{result.suffix}"


@dataclass(frozen=True)
class Brands:
    """Brand look-up tables."""

    official: dict[str, str]
    """Official registered domain -> brand."""
    domains: tuple[tuple[str, str], ...]
    """(official domain, brand), to look for inside sub-domains."""
    tokens: tuple[tuple[str, str], ...]
    """(Latin token, brand), longest first: domain labels, hotlines, extra spellings."""
    names: tuple[tuple[str, str], ...]
    """(Chinese name, brand), longest first."""
    rank: dict[str, int]
    """Brand -> its row in the table (ties between look-alikes go to the earlier row)."""


def _split(value: str) -> list[str]:
    return [part.strip().lower() for part in value.split("|") if part.strip()]


def _build(rows: Iterable[tuple[str, list[str], list[str], list[str], str]]) -> Brands:
    official: dict[str, str] = {}
    tokens: dict[str, str] = {}
    names: dict[str, str] = {}
    rank: dict[str, int] = {}
    for brand, brand_names, domains, extra, hotline in rows:
        rank.setdefault(brand, len(rank))
        for domain in domains:
            official.setdefault(domain, brand)
            tokens.setdefault(domain.split(".", 1)[0], brand)
        for token in [*extra, hotline]:
            if token:
                tokens.setdefault(token, brand)
        for name in brand_names:
            names.setdefault(name, brand)
    return Brands(
        official=official,
        domains=tuple(sorted(official.items(), key=lambda item: -len(item[0]))),
        tokens=tuple(sorted(tokens.items(), key=lambda item: (-len(item[0]), item[0]))),
        names=tuple(sorted(names.items(), key=lambda item: (-len(item[0]), item[0]))),
        rank=rank,
    )


def _rows() -> list[tuple[str, list[str], list[str], list[str], str]]:
    return [
        (
            row["brand"],
            _split(row["names"]),
            _split(row["domains"]),
            _split(row["tokens"]),
            row["hotline"],
        )
        for row in table("brands.csv").rows
    ]


@functools.cache
def _default_brands() -> Brands:
    return _build(_rows())


def official_key(official_domains: Iterable[str]) -> tuple[str, ...]:
    """The caller's official domains, normalised and sorted (a cache key)."""
    if isinstance(official_domains, str):
        official_domains = (official_domains,)
    return tuple(
        sorted({str(d).strip().lower().strip(".") for d in official_domains if str(d).strip()})
    )


def brands(official: tuple[str, ...] = ()) -> Brands:
    """The shipped brand table, plus *official* domains (each its own brand)."""
    if not official:
        return _default_brands()
    return _with_extra(official)


@functools.lru_cache(maxsize=64)
def _with_extra(extra: tuple[str, ...]) -> Brands:
    return _build([*_rows(), *((domain, [], [domain], [], "") for domain in extra)])


@functools.cache
def short_link_hosts() -> frozenset[str]:
    """Hosts of URL shorteners (``short_links.csv``)."""
    return frozenset(row["host"] for row in table("short_links.csv").rows)


def _skeleton(token: str) -> str:
    """Fold characters that look alike in a domain name (0/o, 1/l, vv/w, rn/m)."""
    return token.replace("vv", "w").replace("rn", "m").replace("0", "o").replace("1", "l")


def _one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    from rapidfuzz.distance import Levenshtein

    return bool(Levenshtein.distance(a, b, score_cutoff=1) <= 1)


def brand_of(parts: tuple[str, str, str, str], table_: Brands) -> tuple[str, str] | None:
    """Return (brand, how) for a host split by :func:`split_host`, or ``None``.

    >>> brand_of(split_host('m.jd.com.cn-check.icu'), brands())
    ('jd', 'subdomain')
    >>> brand_of(split_host('webank-huankuan.top'), brands())
    ('webank', 'lookalike')
    """
    subdomain, label, _suffix, registered = parts
    brand = table_.official.get(registered)
    if brand is not None:
        return brand, "official"
    if subdomain:
        padded = f".{subdomain}."
        for domain, brand in table_.domains:
            if f".{domain}." in padded:
                return brand, "subdomain"
        labels = set(subdomain.split("."))
        for token, brand in table_.tokens:
            if token in labels:
                return brand, "subdomain"
        for name, brand in table_.names:
            if name in subdomain:
                return brand, "subdomain"
    pieces = [piece for piece in label.split("-") if piece]
    for token, brand in table_.tokens:
        if token.isdigit():
            # a hotline's digits in a domain's own name imitate nothing by themselves (banks
            # register such names: 95588.com.cn); only as a sub-domain label of another domain
            # (kf.95384.cn.evil.top) do they pose as the brand
            continue
        if token in pieces:
            return brand, "lookalike"
        if len(token) >= 5 and token in label:
            return brand, "lookalike"
        if len(token) == 4 and any(p.startswith(token) or p.endswith(token) for p in pieces):
            return brand, "lookalike"
    for name, brand in table_.names:
        if name in label:
            return brand, "lookalike"
    closest: tuple[int, int, str] | None = None
    for piece in pieces:
        if len(piece) < 5 or not piece.isascii():
            continue
        skeleton = _skeleton(piece)
        for token, brand in table_.tokens:
            if len(token) < 5 or not token.isalpha():
                continue
            if _skeleton(token) == skeleton:
                distance = 0
            elif _one_edit(piece, token):
                distance = 1
            else:
                continue
            candidate = (distance, table_.rank[brand], brand)
            if closest is None or candidate < closest:
                closest = candidate
    return (closest[2], "lookalike") if closest else None


@functools.lru_cache(maxsize=4096)
def host_facts(host: str, official: tuple[str, ...], link: bool) -> Any:
    """The details of a link's or an address's host, or ``None`` without a public suffix."""
    is_ip = link and host.replace(".", "").isdigit()
    parts = None if is_ip else split_host(host)
    if parts is None and not is_ip:
        return None
    brand = brand_of(parts, brands(official)) if parts is not None else None
    short = None
    if link:
        hosts = short_link_hosts()
        short = host in hosts or (host.startswith("www.") and host[4:] in hosts)
    return details(
        registered_domain=parts[3] if parts else None,
        brand=brand[0] if brand else None,
        brand_match=brand[1] if brand else None,
        short_link=short,
    )


def url_found(
    text: str, start: int, end: int, *, scheme: bool, official: tuple[str, ...]
) -> Found | None:
    """A link at ``text[start:end]`` (a regex candidate), validated, or ``None``."""
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    candidate = text[start:end]
    host = candidate.split("://", 1)[1] if scheme else candidate
    decoy = ""
    if scheme:
        host, decoy = _authority(host)
    for stop in "/?#":
        host = host.split(stop, 1)[0]
    host = host.rsplit(":", 1)[0] if ":" in host else host
    host = host.strip(".")
    facts = host_facts(host, official, True) if host else None
    if facts is None or (not scheme and facts.registered_domain is None):
        return None
    if decoy and facts.brand is None:
        facts = _decoy_facts(facts, decoy, official)
    rule = "url.scheme" if scheme else "url.bare"
    return Found("url", start, end, host, rule, None, facts)


def _authority(rest: str) -> tuple[str, str]:
    """Split what follows ``://`` into the host part a browser uses and a decoy, the name a reader
    (or a naive parser) takes for the host.

    >>> _authority('webank.com@evil.com/pay')
    ('evil.com/pay', 'webank.com')
    >>> _authority('evil.com\\\\@webank.com/x')
    ('evil.com', 'webank.com')
    """
    end = len(rest)
    for stop in "/?#":
        index = rest.find(stop)
        if 0 <= index < end:
            end = index
    authority, tail = rest[:end], rest[end:]
    decoy = ""
    slash = authority.find("\\")
    if slash >= 0:  # a browser reads a backslash as "/": what follows is path, not host
        after = authority[slash + 1 :]
        decoy = after.rpartition("@")[2] if "@" in after else ""
        authority, tail = authority[:slash], ""
    if "@" in authority:  # user information: the host is after the last "@"
        user, _, authority = authority.rpartition("@")
        decoy = decoy or user
    return authority + tail, decoy


def _decoy_brand(decoy: str, table_: Brands) -> str | None:
    """The brand a decoy (user information, or a host after a backslash) names, or ``None``."""
    for part in decoy.split(":"):
        piece = part.strip(".")
        parts = split_host(piece) if piece else None
        if parts is not None:
            found = brand_of(parts, table_)
            if found is not None:
                return found[0]
        labels = set(piece.replace("-", ".").replace("_", ".").split("."))
        for token, brand in table_.tokens:
            if token in labels:
                return brand
        for name, brand in table_.names:
            if name in piece:
                return brand
    return None


@functools.lru_cache(maxsize=1024)
def _decoy_facts(facts: Any, decoy: str, official: tuple[str, ...]) -> Any:
    """*facts* of a host without a brand of its own, with the brand its decoy names, as a
    ``lookalike`` (``https://webank.com@evil.com``: the link goes to evil.com)."""
    brand = _decoy_brand(decoy, brands(official))
    if brand is None:
        return facts
    return details(
        registered_domain=facts.registered_domain,
        brand=brand,
        brand_match="lookalike",
        short_link=facts.short_link,
    )


def email_found(text: str, start: int, end: int, *, official: tuple[str, ...]) -> Found | None:
    """An e-mail address at ``text[start:end]``, validated, or ``None``."""
    address = text[start:end]
    facts = host_facts(address.rsplit("@", 1)[1], official, False)
    if facts is None:
        return None
    return Found("email", start, end, address, "email.address", None, facts)
