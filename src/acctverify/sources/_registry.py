"""Business-registry lookups: Tianyancha's 企业基本信息 API, and any JSON service (private).

**Tianyancha (天眼查) open platform, API 1116 企业基本信息** — documentation:
https://open.tianyancha.com/open/1116 (list of APIs: https://open.tianyancha.com/api_list), and
the vendor manual for the same APIs sold on Huawei Cloud, "API调用示例（1116-企业基本信息）":
https://support.huaweicloud.com/tbis-dma/tbis_04.html ::

    GET https://open.api.tianyancha.com/services/open/ic/baseinfo/normal?keyword=<URL-encoded>
    Authorization: <token>

``keyword`` is a company name, Tianyancha company id, 注册号 or 统一社会信用代码. The answer is
``{"result": {...}, "reason": "ok", "error_code": 0}``; ``error_code`` 300000 is 经查无结果 (no
record: *not found*); any other non-zero code is a refusal (its ``reason`` is kept). Fields read
from ``result``: ``name``, ``creditCode`` (``regNumber`` when there is none), ``legalPersonName``,
``companyOrgType``, ``regLocation``, ``estiblishTime`` and ``toTime`` (milliseconds since the
epoch, read as dates in China time), ``regStatus``, ``regCapital``, ``businessScope``,
``regInstitute``. The manual documents plain ``http://``; the same host answers on ``https://``,
which is used here so that the token never travels in clear text. The token comes from the
caller or from the ``ACCTVERIFY_TIANYANCHA_KEY`` environment variable; it is sent only in the
``Authorization`` header, to this host only (redirects are never followed).

**Your own registry service** (:class:`JsonHttpLicenceSource`):
``GET <base_url><path>?uscc=…&name=…`` answering JSON; a field map says where each
:class:`~acctverify.models.Licence` field is in the record (dotted paths), ``record_path`` where
the record is in the answer. 404, ``null`` or an empty list mean *not found*.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta, timezone
from typing import Any

import httpx
from typing_extensions import override

from acctverify.exceptions import SourceRejected, SourceResponseError
from acctverify.models.request import Licence
from acctverify.sources._base import AsyncSource, HttpSource, SyncSource, clean_text
from acctverify.sources._settings import (
    DEFAULT_BACKOFF,
    DEFAULT_CACHE_TTL,
    DEFAULT_MAX_BYTES,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    Timeout,
    Verify,
    check_api_key,
)
from acctverify.sources._transport import Body, ClientT, Request

__all__ = [
    "TIANYANCHA_BASE_URL",
    "TIANYANCHA_KEY_ENV",
    "AsyncJsonHttpLicenceSource",
    "AsyncTianyanchaLicenceSource",
    "JsonHttpLicenceSource",
    "TianyanchaLicenceSource",
]

TIANYANCHA_BASE_URL = "https://open.api.tianyancha.com"
TIANYANCHA_PATH = "/services/open/ic/baseinfo/normal"
TIANYANCHA_KEY_ENV = "ACCTVERIFY_TIANYANCHA_KEY"
#: 经查无结果: the documented "no record" code.
TIANYANCHA_NOT_FOUND = 300000

_CHINA = timezone(timedelta(hours=8))
_TEXT_LIMIT = 20_000
_LICENCE_FIELDS = tuple(name for name in Licence.model_fields if name != "source")

Query = tuple[str | None, str | None]


def _query(uscc: str | None, name: str | None) -> Query:
    uscc = uscc.strip() if isinstance(uscc, str) and uscc.strip() else None
    name = name.strip() if isinstance(name, str) and name.strip() else None
    if uscc is None and name is None:
        raise ValueError("give a credit code (uscc) or a name to look up")
    return (uscc[:100] if uscc else None, name[:200] if name else None)


def _text(value: object) -> str | None:
    """A registry value as text (numbers too); ``None`` for empty or structured values."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str) and value.strip() and value.strip() != "-":
        return clean_text(value[:_TEXT_LIMIT])
    return None


def _epoch_ms_date(value: object) -> date | str | None:
    """Tianyancha's dates: milliseconds since the epoch, as a date in China; text is kept."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        try:
            day = datetime.fromtimestamp(value / 1000, tz=_CHINA).date()
        except (OverflowError, OSError, ValueError):
            return None
        return day if 1800 <= day.year <= 2300 else None
    return _text(value)


def parse_tianyancha(source: str, body: Body) -> Licence | None:
    """Read an answer of API 1116: a licence, ``None`` for 经查无结果, or raise."""
    if body.status_code in (401, 403):
        raise SourceRejected(source, f"HTTP {body.status_code}: the token was refused")
    if body.status_code != 200:
        raise SourceRejected(source, f"HTTP {body.status_code}")
    data = body.json(source)
    if not isinstance(data, dict) or "error_code" not in data:
        raise SourceResponseError(source, "no error_code in the answer")
    code = data["error_code"]
    if isinstance(code, str) and code.strip().isdigit():
        code = int(code)
    if code == TIANYANCHA_NOT_FOUND:
        return None
    if code != 0 or isinstance(code, bool):
        reason = clean_text(str(data.get("reason") or "")[:80])
        raise SourceRejected(
            source, f"error_code {str(code)[:12]}" + (f": {reason}" if reason else "")
        )
    result = data.get("result")
    if result is None:
        return None
    if not isinstance(result, dict):
        raise SourceResponseError(source, "result is not an object")
    return Licence(
        name=_text(result.get("name")),
        uscc=_text(result.get("creditCode")) or _text(result.get("regNumber")),
        legal_representative=_text(result.get("legalPersonName")),
        entity_type=_text(result.get("companyOrgType")),
        address=_text(result.get("regLocation")),
        established=_epoch_ms_date(result.get("estiblishTime")),
        business_term_end=_epoch_ms_date(result.get("toTime")),
        status=_text(result.get("regStatus")),
        registered_capital=_text(result.get("regCapital")),
        business_scope=_text(result.get("businessScope")),
        registration_authority=_text(result.get("regInstitute")),
        source=source,
    )


class _Tianyancha(HttpSource[ClientT, Query, Licence | None]):
    """API 1116's settings, request and answer, shared by the sync and async sources."""

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str = TIANYANCHA_BASE_URL,
        client: ClientT | None = None,
        timeout: Timeout | None = DEFAULT_TIMEOUT,
        retries: int = DEFAULT_RETRIES,
        backoff: float = DEFAULT_BACKOFF,
        max_bytes: int = DEFAULT_MAX_BYTES,
        cache_ttl: float = DEFAULT_CACHE_TTL,
        verify: Verify = True,
        name: str = "tianyancha",
    ) -> None:
        self._headers = {
            "Authorization": check_api_key(api_key, name, env=TIANYANCHA_KEY_ENV),
            "Accept": "application/json",
        }
        super().__init__(
            name=name, base_url=base_url, client=client, timeout=timeout, retries=retries,
            backoff=backoff, max_bytes=max_bytes, cache_ttl=cache_ttl, verify=verify,
        )  # fmt: skip

    @override
    def _request(self, query: Query) -> Request:
        # The credit code identifies one company; a name may not.
        return Request(TIANYANCHA_PATH, {"keyword": query[0] or query[1] or ""}, self._headers)

    @override
    def _parse(self, query: Query, body: Body) -> Licence | None:
        return parse_tianyancha(self.name, body)


class TianyanchaLicenceSource(_Tianyancha[httpx.Client], SyncSource[Query, Licence | None]):
    """Look up a company in Tianyancha's 企业基本信息 API (1116; see the module for the format).

    The token is *api_key*, or the ``ACCTVERIFY_TIANYANCHA_KEY`` environment variable.
    """

    def lookup(self, uscc: str | None = None, name: str | None = None) -> Licence | None:
        """Return the registry record for a credit code (preferred) or a name, ``None`` when
        there is none; raise a :class:`~acctverify.sources.SourceError` when the lookup fails."""
        return self._ask(_query(uscc, name))


class AsyncTianyanchaLicenceSource(
    _Tianyancha[httpx.AsyncClient], AsyncSource[Query, Licence | None]
):
    """The async variant of :class:`TianyanchaLicenceSource`."""

    async def lookup(self, uscc: str | None = None, name: str | None = None) -> Licence | None:
        """Return the registry record for a credit code or a name, ``None`` when there is none."""
        return await self._ask(_query(uscc, name))


def _dig(data: Any, path: str | None) -> Any:
    """The value at a dotted path (``data.items.0``), or ``None``."""
    if not path:
        return data
    for part in path.split("."):
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return None
    return data


class _JsonRegistry(HttpSource[ClientT, Query, Licence | None]):
    """Your registry service's settings, request and answer, shared by the sync and async
    sources."""

    def __init__(
        self,
        *,
        base_url: str,
        path: str = "",
        field_map: Mapping[str, str] | None = None,
        record_path: str | None = None,
        uscc_param: str = "uscc",
        name_param: str = "name",
        api_key: str | None = None,
        api_key_header: str = "Authorization",
        api_key_prefix: str = "Bearer ",
        client: ClientT | None = None,
        timeout: Timeout | None = DEFAULT_TIMEOUT,
        retries: int = DEFAULT_RETRIES,
        backoff: float = DEFAULT_BACKOFF,
        max_bytes: int = DEFAULT_MAX_BYTES,
        cache_ttl: float = DEFAULT_CACHE_TTL,
        verify: Verify = True,
        name: str = "registry",
    ) -> None:
        mapping = dict(field_map) if field_map is not None else {f: f for f in _LICENCE_FIELDS}
        unknown = sorted(set(mapping) - set(_LICENCE_FIELDS))
        if unknown:
            raise ValueError(f"field_map names fields a Licence does not have: {unknown}")
        self.path = path
        self.field_map = mapping
        self.record_path = record_path
        self.params = (uscc_param, name_param)
        self._headers = {"Accept": "application/json"}
        if api_key is not None:
            key = check_api_key(api_key, name)
            self._headers[api_key_header] = f"{api_key_prefix}{key}"
        super().__init__(
            name=name, base_url=base_url, client=client, timeout=timeout, retries=retries,
            backoff=backoff, max_bytes=max_bytes, cache_ttl=cache_ttl, verify=verify,
        )  # fmt: skip

    @override
    def _request(self, query: Query) -> Request:
        params = {param: value for param, value in zip(self.params, query, strict=True) if value}
        return Request(self.path, params, self._headers)

    @override
    def _parse(self, query: Query, body: Body) -> Licence | None:
        if body.status_code == 404:
            return None
        if body.status_code != 200:
            raise SourceRejected(self.name, f"HTTP {body.status_code}")
        record = _dig(body.json(self.name), self.record_path)
        if isinstance(record, list):
            record = record[0] if record else None
        if record is None or record == {}:
            return None
        if not isinstance(record, dict):
            raise SourceResponseError(self.name, "the record is not a JSON object")
        values = {field: _text(_dig(record, path)) for field, path in self.field_map.items()}
        return Licence(**values, source=self.name)


class JsonHttpLicenceSource(_JsonRegistry[httpx.Client], SyncSource[Query, Licence | None]):
    """Look up a company in your own registry service answering JSON.

    >>> import httpx
    >>> def service(request):
    ...     return httpx.Response(200, json={"data": {"entName": "深圳市某某科技有限公司",
    ...                                               "creditCode": "91440300MA5GQ7K33E"}})
    >>> source = JsonHttpLicenceSource(
    ...     base_url="https://registry.example", path="/v1/company", record_path="data",
    ...     field_map={"name": "entName", "uscc": "creditCode"},
    ...     client=httpx.Client(transport=httpx.MockTransport(service)))
    >>> source.lookup(uscc="91440300MA5GQ7K33E").name
    '深圳市某某科技有限公司'
    """

    def lookup(self, uscc: str | None = None, name: str | None = None) -> Licence | None:
        """Return the record for a credit code and/or a name, ``None`` when there is none."""
        return self._ask(_query(uscc, name))


class AsyncJsonHttpLicenceSource(
    _JsonRegistry[httpx.AsyncClient], AsyncSource[Query, Licence | None]
):
    """The async variant of :class:`JsonHttpLicenceSource`."""

    async def lookup(self, uscc: str | None = None, name: str | None = None) -> Licence | None:
        """Return the record for a credit code and/or a name, ``None`` when there is none."""
        return await self._ask(_query(uscc, name))
