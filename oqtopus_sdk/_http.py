"""The transport: one pooled httpx client per SDK client, requests with retries, error mapping.

:class:`SyncHttp` and :class:`AsyncHttp` differ only in I/O; the retry loop state
(:class:`RetryState`), header building, response decoding and error mapping are shared.
API requests carry the API headers (``q-api-token``, User-Agent, default headers); presigned
storage transfers go through the same pooled connection pool but carry none of them.
"""

from __future__ import annotations

import asyncio
import json
import logging
import ssl
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import httpx

from oqtopus_sdk import constants as C
from oqtopus_sdk._version import __version__
from oqtopus_sdk.errors import (
    OqtopusConnectionError,
    OqtopusTimeoutError,
    OqtopusTransportError,
    ResponseValidationError,
    StorageError,
    error_from_response,
    redact,
    strip_query,
)
from oqtopus_sdk.retry import (
    RetryPolicy,
    backoff_delay,
    should_retry_exception,
    should_retry_status,
)

logger = logging.getLogger("oqtopus_sdk")

SyncSleep = Callable[[float], None]
AsyncSleep = Callable[[float], Awaitable[None]]

_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.ProxyError)
_NEVER_RETRY = (httpx.UnsupportedProtocol, httpx.LocalProtocolError, httpx.InvalidURL)


def default_user_agent() -> str:
    """``oqtopus-sdk/<version>``."""
    return f"{C.USER_AGENT_PREFIX}/{__version__}"


def build_api_headers(
    api_token: str | None,
    default_headers: Mapping[str, str] | None,
    user_agent: str | None,
) -> dict[str, str]:
    """Headers of every API request: Accept, User-Agent, default headers, then the token.

    The token goes in ``q-api-token`` only (never ``Authorization``); it is applied last so a
    default header cannot silently replace it.
    """
    headers = {"Accept": "application/json", "User-Agent": user_agent or default_user_agent()}
    if default_headers:
        for key, value in default_headers.items():
            if not isinstance(key, str) or not isinstance(value, str):
                raise TypeError(f"default_headers must map str to str, got {key!r}: {value!r}")
            headers[key] = value
    if api_token:
        headers[C.API_TOKEN_HEADER] = api_token
    return headers


def secrets_of(config: Any) -> list[str]:
    """Strings that must never appear in logs or error text: token, proxy, proxy password."""
    found: list[str] = []
    token = getattr(config, "api_token", None)
    if token:
        found.append(str(token))
        if "." in str(token):
            found.append(str(token).split(".", 1)[1])
    proxy = getattr(config, "proxy", None)
    if proxy:
        parts = urlsplit(str(proxy))
        if parts.password:
            found.append(parts.password)
            found.append(unquote(parts.password))
        if parts.username and parts.password:
            found.append(f"{parts.username}:{parts.password}")
    return found


def api_timeout(config: Any) -> httpx.Timeout:
    """Per-request API timeout from the config (connect phase capped separately)."""
    total = float(
        getattr(config, "timeout", C.DEFAULT_TIMEOUT_SECONDS) or C.DEFAULT_TIMEOUT_SECONDS
    )
    return httpx.Timeout(total, connect=min(total, C.DEFAULT_CONNECT_TIMEOUT_SECONDS))


def storage_timeout(config: Any) -> httpx.Timeout:
    """Storage transfers get at least DEFAULT_STORAGE_TIMEOUT_SECONDS."""
    total = float(
        getattr(config, "timeout", C.DEFAULT_TIMEOUT_SECONDS) or C.DEFAULT_TIMEOUT_SECONDS
    )
    total = max(total, C.DEFAULT_STORAGE_TIMEOUT_SECONDS)
    return httpx.Timeout(total, connect=min(total, C.DEFAULT_CONNECT_TIMEOUT_SECONDS))


def verify_option(config: Any) -> bool | ssl.SSLContext:
    """TLS verification: on by default; a CA bundle gives a context trusting that bundle."""
    ca_bundle = getattr(config, "ca_bundle", None)
    if ca_bundle:
        return ssl.create_default_context(cafile=str(ca_bundle))
    return bool(getattr(config, "verify", True))


def client_options(config: Any, *, has_transport: bool) -> dict[str, Any]:
    """Keyword arguments for httpx.Client / httpx.AsyncClient.

    A custom transport (tests, the local emulator) receives every request, so no proxy
    mounts are added then: httpx would route around the transport otherwise.
    """
    options: dict[str, Any] = {
        "timeout": api_timeout(config),
        "limits": httpx.Limits(
            max_connections=C.MAX_CONNECTIONS,
            max_keepalive_connections=C.MAX_KEEPALIVE_CONNECTIONS,
        ),
        "follow_redirects": False,
    }
    if not has_transport:
        options["verify"] = verify_option(config)
        proxy = getattr(config, "proxy", None)
        if proxy:
            options["proxy"] = str(proxy)
    else:
        options["trust_env"] = False
    return options


def describe_url(url: str) -> str:
    """A URL safe to show: no query (presigned signatures), no credentials."""
    return strip_query(url)


class RetryState:
    """One request's attempts: decides after each answer or failure whether to go again.

    Shared by the sync and async loops so both retry identically.
    """

    __slots__ = ("attempt", "idempotent", "label", "method", "policy", "rng", "secrets", "url")

    def __init__(
        self,
        policy: RetryPolicy,
        method: str,
        url: str,
        *,
        idempotent: bool | None = None,
        secrets: Sequence[str] = (),
        rng: Any = None,
        label: str = "",
    ) -> None:
        self.policy = policy
        self.method = method.upper()
        self.url = url
        self.idempotent = idempotent
        self.secrets = secrets
        self.rng = rng
        self.label = label
        self.attempt = 1

    def after_response(self, response: httpx.Response) -> float | None:
        """Seconds to wait before retrying this answer, or None to accept it."""
        status = response.status_code
        if status < 400 or not should_retry_status(
            self.policy, self.method, status, self.attempt, idempotent=self.idempotent
        ):
            return None
        from oqtopus_sdk.errors import parse_retry_after

        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        delay = backoff_delay(self.policy, self.attempt, retry_after, self.rng)
        self._log(f"HTTP {status}", delay)
        self.attempt += 1
        return delay

    def after_exception(self, exc: httpx.TransportError) -> float:
        """Seconds to wait before retrying after a transport failure.

        Raises:
            OqtopusTimeoutError / OqtopusConnectionError: when no retry is allowed; the
                httpx exception is the ``__cause__``.
        """
        sent = not isinstance(exc, _NOT_SENT)
        if isinstance(exc, _NEVER_RETRY) or not should_retry_exception(
            self.policy, self.method, exc, self.attempt, sent, idempotent=self.idempotent
        ):
            raise self.wrap(exc) from exc
        delay = backoff_delay(self.policy, self.attempt, None, self.rng)
        self._log(type(exc).__name__, delay)
        self.attempt += 1
        return delay

    def wrap(self, exc: httpx.TransportError) -> OqtopusTransportError:
        """The SDK error for a transport failure (secrets redacted)."""
        detail = redact(str(exc) or type(exc).__name__, self.secrets)
        where = describe_url(self.url)
        tries = f" after {self.attempt} attempt(s)" if self.attempt > 1 else ""
        if isinstance(exc, httpx.TimeoutException):
            return OqtopusTimeoutError(
                f"request timed out{tries}: {type(exc).__name__}: {detail}",
                method=self.method,
                url=where,
            )
        return OqtopusConnectionError(
            f"connection failed{tries}: {type(exc).__name__}: {detail}",
            method=self.method,
            url=where,
        )

    def _log(self, reason: str, delay: float) -> None:
        if logger.isEnabledFor(logging.WARNING):
            logger.warning(
                "%s %s%s failed (%s), retrying in %.2fs (attempt %d of %d)",
                self.method,
                describe_url(self.url),
                f" [{self.label}]" if self.label else "",
                redact(reason, self.secrets),
                delay,
                self.attempt + 1,
                self.policy.max_attempts,
            )


def decode_api_response(response: httpx.Response, method: str, path: str) -> Any:
    """The decoded JSON of a 2xx answer (None when empty); a UserApiError otherwise.

    Raises:
        UserApiError subclass: non-2xx, with the server's own message.
        ResponseValidationError: a 2xx body that is not JSON.
    """
    status = response.status_code
    body = response.content
    if status >= 300 or status < 200:
        raise error_from_response(
            status,
            body,
            reason=response.reason_phrase,
            method=method.upper(),
            url=path,
            retry_after=response.headers.get("Retry-After"),
        )
    if not body or not body.strip():
        return None
    try:
        return json.loads(body)
    except ValueError as exc:
        text = body[:2000].decode("utf-8", errors="replace")
        raise ResponseValidationError(
            f"{method.upper()} {path}: response body is not JSON: {exc}", text
        ) from exc


def split_kwargs(kwargs: Mapping[str, Any]) -> tuple[str, str, dict[str, Any]]:
    """Split generated ``_get_kwargs`` output into (METHOD, path, other httpx kwargs)."""
    rest = dict(kwargs)
    method = str(rest.pop("method")).upper()
    path = str(rest.pop("url"))
    params = rest.get("params")
    if isinstance(params, Mapping):
        cleaned = {k: v for k, v in params.items() if v is not None}
        if cleaned:
            rest["params"] = cleaned
        else:
            rest.pop("params")
    return method, path, rest


def file_url_path(url: str) -> Path:
    """The local path of a ``file://`` URL."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    if parts.netloc and parts.netloc != "localhost":
        path = f"//{parts.netloc}{path}"
    return Path(path)


def is_file_url(url: str) -> bool:
    """Whether a URL uses the ``file://`` scheme (local storage driver)."""
    return url[:7].lower() == "file://"


def multipart_fields(fields: Mapping[str, Any] | Sequence[tuple[str, Any]]) -> dict[str, str]:
    """Every presigned field, in the order given, as form values (none is dropped)."""
    items = fields.items() if isinstance(fields, Mapping) else fields
    out: dict[str, str] = {}
    for key, value in items:
        if value is None:
            continue
        out[str(key)] = value if isinstance(value, str) else str(value)
    return out


def storage_error_for_status(
    action: str, archive: str, url: str, response: httpx.Response
) -> StorageError:
    """StorageError for a refused transfer: names the archive, never shows the signature."""
    text = response.content[:300].decode("utf-8", errors="replace").strip()
    where = describe_url(url)
    message = f"{action} of archive {archive!r} failed: HTTP {response.status_code} from {where}"
    if text:
        message += f": {text}"
    return StorageError(message, status_code=response.status_code, url=where)


def storage_error_for_exception(
    action: str, archive: str, url: str, exc: BaseException, secrets: Sequence[str]
) -> StorageError:
    """StorageError for a transfer that never got an answer (the cause is chained)."""
    where = describe_url(url)
    detail = redact(str(exc) or type(exc).__name__, secrets)
    return StorageError(
        f"Network error during {action.lower()} of archive {archive!r} ({where}): "
        f"{type(exc).__name__}: {detail}",
        url=where,
    )


class _Common:
    """State shared by both transports."""

    def __init__(
        self,
        config: Any,
        *,
        default_headers: Mapping[str, str] | None,
        user_agent: str | None,
        rng: Any = None,
    ) -> None:
        base = str(getattr(config, "base_url", None) or getattr(config, "url", None) or "")
        self.base_url = base.rstrip("/")
        self.headers = build_api_headers(
            getattr(config, "api_token", None), default_headers, user_agent
        )
        self.user_agent = self.headers["User-Agent"]
        self.policy = RetryPolicy.from_config(config)
        self.storage_policy = self.policy.with_status_codes(C.STORAGE_EXTRA_RETRY_STATUS_CODES)
        self.secrets = secrets_of(config)
        self.api_timeout = api_timeout(config)
        self.storage_timeout = storage_timeout(config)
        self.rng = rng

    def api_request(
        self, client: httpx.Client | httpx.AsyncClient, kwargs: Mapping[str, Any]
    ) -> tuple[httpx.Request, str]:
        method, path, rest = split_kwargs(kwargs)
        headers = dict(self.headers)
        extra = rest.pop("headers", None)
        if extra:
            headers.update(extra)
        request = client.build_request(
            method, self.base_url + path, headers=headers, timeout=self.api_timeout, **rest
        )
        return request, path

    def api_state(self, method: str, path: str, idempotent: bool | None) -> RetryState:
        return RetryState(
            self.policy,
            method,
            self.base_url + path,
            idempotent=idempotent,
            secrets=self.secrets,
            rng=self.rng,
        )

    def storage_state(self, method: str, url: str, archive: str) -> RetryState:
        return RetryState(
            self.storage_policy,
            method,
            url,
            idempotent=True,
            secrets=self.secrets,
            rng=self.rng,
            label=f"archive {archive}",
        )

    def upload_request(
        self,
        client: httpx.Client | httpx.AsyncClient,
        url: str,
        fields: Mapping[str, Any] | Sequence[tuple[str, Any]],
        data: bytes,
        filename: str,
    ) -> httpx.Request:
        # httpx writes data fields first (in order) and files last: S3 needs `file` last.
        return client.build_request(
            "POST",
            url,
            data=multipart_fields(fields),
            files={"file": (filename, data, "application/zip")},
            headers={"User-Agent": self.user_agent},
            timeout=self.storage_timeout,
        )

    def download_request(self, client: httpx.Client | httpx.AsyncClient, url: str) -> httpx.Request:
        return client.build_request(
            "GET", url, headers={"User-Agent": self.user_agent}, timeout=self.storage_timeout
        )


def _write_file(url: str, data: bytes) -> None:
    path = file_url_path(url)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _read_file(url: str, archive: str) -> bytes:
    path = file_url_path(url)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise StorageError(
            f"Download of archive {archive!r} failed: cannot read {path}: {exc.strerror or exc}",
            url=describe_url(url),
        ) from exc


class SyncHttp:
    """Blocking transport over one pooled httpx.Client."""

    def __init__(
        self,
        config: Any,
        *,
        default_headers: Mapping[str, str] | None = None,
        user_agent: str | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: SyncSleep | None = None,
        rng: Any = None,
    ) -> None:
        self.common = _Common(
            config, default_headers=default_headers, user_agent=user_agent, rng=rng
        )
        options = client_options(config, has_transport=transport is not None)
        if transport is not None:
            options["transport"] = transport
        self.client = httpx.Client(**options)
        self.sleep: SyncSleep = sleep or time.sleep

    def close(self) -> None:
        """Close the pooled connections."""
        self.client.close()

    def api(self, kwargs: Mapping[str, Any], *, idempotent: bool | None = None) -> Any:
        """Send one API request (from a generated ``_get_kwargs``) with retries; decoded JSON."""
        common = self.common
        request, path = common.api_request(self.client, kwargs)
        state = common.api_state(request.method, path, idempotent)
        while True:
            try:
                response = self.client.send(request)
            except httpx.TransportError as exc:
                self.sleep(state.after_exception(exc))
                request, _ = common.api_request(self.client, kwargs)
                continue
            wait = state.after_response(response)
            if wait is None:
                return decode_api_response(response, request.method, path)
            response.close()
            self.sleep(wait)
            request, _ = common.api_request(self.client, kwargs)

    def upload(
        self,
        url: str,
        fields: Mapping[str, Any] | Sequence[tuple[str, Any]],
        data: bytes,
        *,
        filename: str,
        archive: str = "input",
    ) -> None:
        """Presigned multipart POST of every field then ``file``; ``file://`` writes the file."""
        if is_file_url(url):
            try:
                _write_file(url, data)
            except OSError as exc:
                raise StorageError(
                    f"Upload of archive {archive!r} failed: cannot write {file_url_path(url)}: {exc}",
                    url=describe_url(url),
                ) from exc
            return
        common = self.common
        state = common.storage_state("POST", url, archive)
        while True:
            request = common.upload_request(self.client, url, fields, data, filename)
            try:
                response = self.client.send(request)
            except httpx.TransportError as exc:
                try:
                    delay = state.after_exception(exc)
                except OqtopusTransportError as wrapped:
                    raise storage_error_for_exception(
                        "Upload", archive, url, exc, common.secrets
                    ) from wrapped.__cause__
                self.sleep(delay)
                continue
            wait = state.after_response(response)
            if wait is None:
                if response.status_code >= 300:
                    raise storage_error_for_status("Upload", archive, url, response)
                return
            response.close()
            self.sleep(wait)

    def download(self, url: str, *, archive: str) -> bytes:
        """GET a presigned (or ``file://``) archive with retries; the raw bytes."""
        if is_file_url(url):
            return _read_file(url, archive)
        common = self.common
        state = common.storage_state("GET", url, archive)
        while True:
            request = common.download_request(self.client, url)
            try:
                response = self.client.send(request)
            except httpx.TransportError as exc:
                try:
                    delay = state.after_exception(exc)
                except OqtopusTransportError as wrapped:
                    raise storage_error_for_exception(
                        "Download", archive, url, exc, common.secrets
                    ) from wrapped.__cause__
                self.sleep(delay)
                continue
            wait = state.after_response(response)
            if wait is None:
                if response.status_code >= 300:
                    raise storage_error_for_status("Download", archive, url, response)
                return response.content
            response.close()
            self.sleep(wait)


class AsyncHttp:
    """Asyncio transport over one pooled httpx.AsyncClient (no threads)."""

    def __init__(
        self,
        config: Any,
        *,
        default_headers: Mapping[str, str] | None = None,
        user_agent: str | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: AsyncSleep | None = None,
        rng: Any = None,
    ) -> None:
        self.common = _Common(
            config, default_headers=default_headers, user_agent=user_agent, rng=rng
        )
        options = client_options(config, has_transport=transport is not None)
        if transport is not None:
            options["transport"] = transport
        self.client = httpx.AsyncClient(**options)
        self.sleep: AsyncSleep = sleep or asyncio.sleep

    async def close(self) -> None:
        """Close the pooled connections."""
        await self.client.aclose()

    async def api(self, kwargs: Mapping[str, Any], *, idempotent: bool | None = None) -> Any:
        """Send one API request (from a generated ``_get_kwargs``) with retries; decoded JSON."""
        common = self.common
        request, path = common.api_request(self.client, kwargs)
        state = common.api_state(request.method, path, idempotent)
        while True:
            try:
                response = await self.client.send(request)
            except httpx.TransportError as exc:
                await self.sleep(state.after_exception(exc))
                request, _ = common.api_request(self.client, kwargs)
                continue
            wait = state.after_response(response)
            if wait is None:
                return decode_api_response(response, request.method, path)
            await response.aclose()
            await self.sleep(wait)
            request, _ = common.api_request(self.client, kwargs)

    async def upload(
        self,
        url: str,
        fields: Mapping[str, Any] | Sequence[tuple[str, Any]],
        data: bytes,
        *,
        filename: str,
        archive: str = "input",
    ) -> None:
        """Presigned multipart POST of every field then ``file``; ``file://`` writes the file."""
        if is_file_url(url):
            try:
                _write_file(url, data)
            except OSError as exc:
                raise StorageError(
                    f"Upload of archive {archive!r} failed: cannot write {file_url_path(url)}: {exc}",
                    url=describe_url(url),
                ) from exc
            return
        common = self.common
        state = common.storage_state("POST", url, archive)
        while True:
            request = common.upload_request(self.client, url, fields, data, filename)
            try:
                response = await self.client.send(request)
            except httpx.TransportError as exc:
                try:
                    delay = state.after_exception(exc)
                except OqtopusTransportError as wrapped:
                    raise storage_error_for_exception(
                        "Upload", archive, url, exc, common.secrets
                    ) from wrapped.__cause__
                await self.sleep(delay)
                continue
            wait = state.after_response(response)
            if wait is None:
                if response.status_code >= 300:
                    raise storage_error_for_status("Upload", archive, url, response)
                return
            await response.aclose()
            await self.sleep(wait)

    async def download(self, url: str, *, archive: str) -> bytes:
        """GET a presigned (or ``file://``) archive with retries; the raw bytes."""
        if is_file_url(url):
            return _read_file(url, archive)
        common = self.common
        state = common.storage_state("GET", url, archive)
        while True:
            request = common.download_request(self.client, url)
            try:
                response = await self.client.send(request)
            except httpx.TransportError as exc:
                try:
                    delay = state.after_exception(exc)
                except OqtopusTransportError as wrapped:
                    raise storage_error_for_exception(
                        "Download", archive, url, exc, common.secrets
                    ) from wrapped.__cause__
                await self.sleep(delay)
                continue
            wait = state.after_response(response)
            if wait is None:
                if response.status_code >= 300:
                    raise storage_error_for_status("Download", archive, url, response)
                return response.content
            await response.aclose()
            await self.sleep(wait)
