"""HTTP as sans-I/O flows: one retry loop for API calls, uploads and downloads.

:func:`send_with_retries` is the only retry loop of the SDK, in the style of httpx's
``Auth.auth_flow``: it yields a request, receives the response (or the transport error is
thrown in), and decides with :class:`RetryState` whether to sleep and go again. API calls,
presigned uploads and archive downloads are thin flows over it; the sync and async drivers
(:mod:`oqtopus_sdk._drivers`) only send requests and sleep.

API requests carry the API headers (``q-api-token``, User-Agent, default headers); presigned
storage transfers carry none of them.
"""

from __future__ import annotations

import json
import logging
import ssl
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import httpx

from oqtopus_sdk import constants
from oqtopus_sdk._ops import Blocking, Flow, Send, Sleep
from oqtopus_sdk._retry import (
    RetryPolicy,
    backoff_delay,
    should_retry_exception,
    should_retry_status,
)
from oqtopus_sdk._version import __version__
from oqtopus_sdk.errors import (
    OqtopusConnectionError,
    OqtopusTimeoutError,
    OqtopusTransportError,
    ResponseValidationError,
    StorageError,
    error_from_response,
    parse_retry_after,
    redact,
    strip_query,
)

if TYPE_CHECKING:
    from oqtopus_sdk.config import OqtopusConfig

logger = logging.getLogger("oqtopus_sdk")

_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.ProxyError)
_NEVER_RETRY = (httpx.UnsupportedProtocol, httpx.LocalProtocolError, httpx.InvalidURL)


def default_user_agent() -> str:
    """``oqtopus-sdk/<version>``."""
    return f"{constants.USER_AGENT_PREFIX}/{__version__}"


def build_api_headers(
    api_token: str | None,
    default_headers: Mapping[str, str] | None,
    user_agent: str | None,
) -> dict[str, str]:
    """Headers of every API request: Accept, User-Agent, default headers, then the token.

    The token goes in ``q-api-token`` only (never ``Authorization``); it is applied last so a
    default header cannot silently replace it.

    Raises:
        TypeError: a default header name or value is not a str.
    """
    headers = {"Accept": "application/json", "User-Agent": user_agent or default_user_agent()}
    if default_headers:
        for key, value in default_headers.items():
            if not isinstance(key, str) or not isinstance(value, str):
                raise TypeError(f"default_headers must map str to str, got {key!r}: {value!r}")
            headers[key] = value
    if api_token:
        headers[constants.API_TOKEN_HEADER] = api_token
    return headers


def secrets_of(config: OqtopusConfig) -> list[str]:
    """Strings that must never appear in logs or error text: token, proxy, proxy password."""
    found: list[str] = []
    token = config.api_token
    if token:
        found.append(token)
        if "." in token:
            found.append(token.split(".", 1)[1])
    if config.proxy:
        parts = urlsplit(config.proxy)
        if parts.password:
            found.append(parts.password)
            found.append(unquote(parts.password))
        if parts.username and parts.password:
            found.append(f"{parts.username}:{parts.password}")
    return found


def api_timeout(config: OqtopusConfig) -> httpx.Timeout:
    """Per-request API timeout from the config (connect phase capped separately)."""
    total = float(config.timeout or constants.DEFAULT_TIMEOUT_SECONDS)
    return httpx.Timeout(total, connect=min(total, constants.DEFAULT_CONNECT_TIMEOUT_SECONDS))


def storage_timeout(config: OqtopusConfig) -> httpx.Timeout:
    """Storage transfers get at least ``DEFAULT_STORAGE_TIMEOUT_SECONDS``."""
    total = max(
        float(config.timeout or constants.DEFAULT_TIMEOUT_SECONDS),
        constants.DEFAULT_STORAGE_TIMEOUT_SECONDS,
    )
    return httpx.Timeout(total, connect=min(total, constants.DEFAULT_CONNECT_TIMEOUT_SECONDS))


def verify_option(config: OqtopusConfig) -> bool | ssl.SSLContext:
    """TLS verification: on by default; a CA bundle gives a context trusting that bundle."""
    if config.ca_bundle:
        return ssl.create_default_context(cafile=config.ca_bundle)
    return bool(config.verify)


def client_options(config: OqtopusConfig, *, has_transport: bool) -> dict[str, Any]:
    """Keyword arguments for ``httpx.Client`` / ``httpx.AsyncClient``.

    A custom transport (tests, the local emulator) receives every request, so no proxy
    mounts are added then: httpx would route around the transport otherwise.
    """
    options: dict[str, Any] = {
        "timeout": api_timeout(config),
        "limits": httpx.Limits(
            max_connections=constants.MAX_CONNECTIONS,
            max_keepalive_connections=constants.MAX_KEEPALIVE_CONNECTIONS,
        ),
        "follow_redirects": False,
    }
    if has_transport:
        options["trust_env"] = False
    else:
        options["verify"] = verify_option(config)
        if config.proxy:
            options["proxy"] = config.proxy
    return options


class RetryState:
    """One request's attempts: decides after each answer or failure whether to go again."""

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
        where = strip_query(self.url)
        tries = f" after {self.attempt} attempt(s)" if self.attempt > 1 else ""
        cls: type[OqtopusTransportError] = OqtopusConnectionError
        what = "connection failed"
        if isinstance(exc, httpx.TimeoutException):
            cls, what = OqtopusTimeoutError, "request timed out"
        return cls(f"{what}{tries}: {type(exc).__name__}: {detail}", method=self.method, url=where)

    def _log(self, reason: str, delay: float) -> None:
        if logger.isEnabledFor(logging.WARNING):
            logger.warning(
                "%s %s%s failed (%s), retrying in %.2fs (attempt %d of %d)",
                self.method,
                strip_query(self.url),
                f" [{self.label}]" if self.label else "",
                redact(reason, self.secrets),
                delay,
                self.attempt + 1,
                self.policy.max_attempts,
            )


def send_with_retries(
    state: RetryState, build: Callable[[], httpx.Request]
) -> Flow[httpx.Response]:
    """Send ``build()`` until an answer is accepted; the final response.

    Each attempt builds a fresh request (a multipart body cannot be re-read). A status that
    is not retried, or the last retryable one, is returned for the caller to judge.

    Raises:
        OqtopusTransportError: the transport failed and no retry is left or allowed.
    """
    while True:
        try:
            response: httpx.Response = yield Send(build())
        except httpx.TransportError as exc:
            yield Sleep(state.after_exception(exc))
            continue
        delay = state.after_response(response)
        if delay is None:
            return response
        yield Sleep(delay)


def decode_api_response(response: httpx.Response, method: str, path: str) -> Any:
    """The decoded JSON of a 2xx answer (None when empty); a UserApiError otherwise.

    Raises:
        UserApiError subclass: non-2xx, with the server's own message.
        ResponseValidationError: a 2xx body that is not JSON.
    """
    status = response.status_code
    body = response.content
    if not 200 <= status < 300:
        raise error_from_response(
            status,
            body,
            reason=response.reason_phrase,
            method=method,
            url=path,
            retry_after=response.headers.get("Retry-After"),
        )
    if not body.strip():
        return None
    try:
        return json.loads(body)
    except ValueError as exc:
        text = body[:2000].decode("utf-8", errors="replace")
        raise ResponseValidationError(
            f"{method} {path}: response body is not JSON: {exc}", text
        ) from exc


def split_kwargs(kwargs: Mapping[str, Any]) -> tuple[str, str, dict[str, Any]]:
    """Split generated ``_get_kwargs`` output into (METHOD, path, other httpx kwargs)."""
    rest = dict(kwargs)
    method = str(rest.pop("method")).upper()
    path = str(rest.pop("url"))
    params = rest.pop("params", None)
    if isinstance(params, Mapping):
        cleaned = {k: v for k, v in params.items() if v is not None}
        if cleaned:
            rest["params"] = cleaned
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


def multipart_fields(fields: Mapping[str, Any]) -> dict[str, str]:
    """Every presigned field, in the order given, as form values (none is dropped)."""
    return {str(k): v if isinstance(v, str) else str(v) for k, v in fields.items() if v is not None}


def storage_error_for_status(
    action: str, archive: str, url: str, response: httpx.Response
) -> StorageError:
    """StorageError for a refused transfer: names the archive, never shows the signature."""
    text = response.content[:300].decode("utf-8", errors="replace").strip()
    where = strip_query(url)
    message = f"{action} of archive {archive!r} failed: HTTP {response.status_code} from {where}"
    if text:
        message += f": {text}"
    return StorageError(message, status_code=response.status_code, url=where)


class Transport:
    """What every request of one client shares: base URL, headers, policies, timeouts."""

    def __init__(
        self,
        config: OqtopusConfig,
        *,
        default_headers: Mapping[str, str] | None = None,
        user_agent: str | None = None,
        rng: Any = None,
    ) -> None:
        self.base_url = (config.base_url or "").rstrip("/")
        self.headers = build_api_headers(config.api_token, default_headers, user_agent)
        self.user_agent = self.headers["User-Agent"]
        self.policy = RetryPolicy.from_config(config)
        self.storage_policy = self.policy.with_status_codes(
            constants.STORAGE_EXTRA_RETRY_STATUS_CODES
        )
        self.secrets = secrets_of(config)
        self.api_timeout = api_timeout(config).as_dict()
        self.storage_timeout = storage_timeout(config).as_dict()
        self.rng = rng

    def api(self, kwargs: Mapping[str, Any], *, idempotent: bool | None = None) -> Flow[Any]:
        """One API request (from a generated ``_get_kwargs``) with retries; decoded JSON.

        Raises:
            UserApiError subclass, ResponseValidationError, OqtopusTransportError.
        """
        method, path, rest = split_kwargs(kwargs)
        headers = {**self.headers, **rest.pop("headers", {})}
        url = self.base_url + path
        state = RetryState(
            self.policy, method, url, idempotent=idempotent, secrets=self.secrets, rng=self.rng
        )

        def build() -> httpx.Request:
            return httpx.Request(
                method, url, headers=headers, extensions={"timeout": self.api_timeout}, **rest
            )

        response = yield from send_with_retries(state, build)
        return decode_api_response(response, method, path)

    def _storage(
        self, action: str, archive: str, url: str, build: Callable[[], httpx.Request]
    ) -> Flow[httpx.Response]:
        state = RetryState(
            self.storage_policy,
            "POST" if action == "Upload" else "GET",
            url,
            idempotent=True,  # the same bytes to the same key: safe to repeat
            secrets=self.secrets,
            rng=self.rng,
            label=f"archive {archive}",
        )
        try:
            response = yield from send_with_retries(state, build)
        except OqtopusTransportError as exc:
            raise StorageError(
                f"Network error during {action.lower()} of archive {archive!r} "
                f"({strip_query(url)}): {exc}",
                url=strip_query(url),
            ) from exc.__cause__
        if response.status_code >= 300:
            raise storage_error_for_status(action, archive, url, response)
        return response

    def upload(
        self, url: str, fields: Mapping[str, Any], data: bytes, *, filename: str, archive: str
    ) -> Flow[None]:
        """Presigned multipart POST of every field then ``file``; ``file://`` writes the file.

        Raises:
            StorageError: refused, unreachable, or the local file cannot be written.
        """
        if is_file_url(url):
            yield Blocking(_write_file, (url, data, archive))
            return
        form = multipart_fields(fields)
        headers = {"User-Agent": self.user_agent}

        def build() -> httpx.Request:
            # httpx writes data fields first (in order) and files last: S3 needs `file` last.
            return httpx.Request(
                "POST",
                url,
                data=form,
                files={"file": (filename, data, "application/zip")},
                headers=headers,
                extensions={"timeout": self.storage_timeout},
            )

        yield from self._storage("Upload", archive, url, build)

    def download(self, url: str, *, archive: str) -> Flow[bytes]:
        """GET a presigned (or ``file://``) archive with retries; the raw bytes.

        Raises:
            StorageError: refused, unreachable, or the local file cannot be read.
        """
        if is_file_url(url):
            data: bytes = yield Blocking(_read_file, (url, archive))
            return data
        headers = {"User-Agent": self.user_agent}

        def build() -> httpx.Request:
            return httpx.Request(
                "GET", url, headers=headers, extensions={"timeout": self.storage_timeout}
            )

        response = yield from self._storage("Download", archive, url, build)
        return response.content


def _write_file(url: str, data: bytes, archive: str) -> None:
    path = file_url_path(url)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        raise StorageError(
            f"Upload of archive {archive!r} failed: cannot write {path}: {exc.strerror or exc}",
            url=strip_query(url),
        ) from exc


def _read_file(url: str, archive: str) -> bytes:
    path = file_url_path(url)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise StorageError(
            f"Download of archive {archive!r} failed: cannot read {path}: {exc.strerror or exc}",
            url=strip_query(url),
        ) from exc
