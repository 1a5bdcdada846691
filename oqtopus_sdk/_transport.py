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
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import httpx

from oqtopus_sdk import constants
from oqtopus_sdk._ops import Blocking, BodyError, Flow, Received, Send, Sleep
from oqtopus_sdk._retry import (
    RetryPolicy,
    backoff_delay,
    should_retry_exception,
    should_retry_status,
)
from oqtopus_sdk._version import __version__
from oqtopus_sdk.errors import (
    ArchiveError,
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
    import random

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
    headers = {
        "Accept": "application/json",
        # Only encodings the driver inflates with a size cap (see _drivers._Inflater).
        "Accept-Encoding": "gzip, deflate",
        "User-Agent": user_agent or default_user_agent(),
    }
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
        rng: random.Random | None = None,
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

    def after_response(self, response: Received) -> float | None:
        """Seconds to wait before retrying this answer, or None to accept it."""
        status = response.status_code
        if status < 400 or not should_retry_status(
            self.policy, self.method, status, self.attempt, idempotent=self.idempotent
        ):
            return None
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        return backoff_delay(self.policy, self.attempt, retry_after, self.rng)

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
        return backoff_delay(self.policy, self.attempt, None, self.rng)

    def retrying(self, reason: str, delay: float) -> None:
        """Record that another attempt follows after ``delay`` seconds (and log it)."""
        self._log(reason, delay)
        self.attempt += 1

    def out_of_time(self, budget: float) -> OqtopusTimeoutError:
        """The error for a call whose deadline passed before another attempt could start."""
        return OqtopusTimeoutError(
            f"no time left for attempt {self.attempt} within the call's {budget:.3g} s",
            method=self.method,
            url=strip_query(self.url),
        )

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
    state: RetryState,
    build: Callable[[], httpx.Request],
    *,
    clock: Callable[[], float],
    deadline: float,
    max_bytes: int,
) -> Flow[Received]:
    """Send ``build()`` until an answer is accepted; the final answer.

    Each attempt builds a fresh request (a multipart body cannot be re-read) and may use
    only the time left before ``deadline``. No sleep (backoff or Retry-After) runs past the
    deadline: when the next attempt could not start in time, a retryable answer is returned
    as it is (a 429 then becomes a RateLimitError carrying ``retry_after``) and a transport
    failure is raised.

    Raises:
        OqtopusTransportError: the transport failed and no retry is left, allowed or in time.
        BodyTooLargeError: the body grew past ``max_bytes``.
    """
    total = max(deadline - clock(), 0.0)
    while True:
        budget = deadline - clock()
        if budget <= 0:
            raise state.out_of_time(total)
        try:
            response: Received = yield Send(build(), budget, max_bytes)
        except httpx.TransportError as exc:
            pause = state.after_exception(exc)
            if clock() + pause >= deadline:
                raise state.wrap(exc) from exc
            state.retrying(type(exc).__name__, pause)
            yield Sleep(pause)
            continue
        delay = state.after_response(response)
        if delay is None or clock() + delay >= deadline:
            return response
        state.retrying(f"HTTP {response.status_code}", delay)
        yield Sleep(delay)


def decode_api_response(
    response: Received, method: str, url: str, secrets: Sequence[str] = ()
) -> Any:
    """The decoded JSON of a 2xx answer (None when empty); a UserApiError otherwise.

    ``url`` is the full request URL (query stripped): an error names where it was sent, so a
    wrong base URL shows at once.

    Raises:
        UserApiError subclass: non-2xx, with the server's own message (secrets redacted).
        ResponseValidationError: a 2xx body that is not JSON, or nested too deeply to decode.
    """
    status = response.status_code
    body = response.content
    if not 200 <= status < 300:
        raise error_from_response(
            status,
            body,
            reason=response.reason_phrase,
            method=method,
            url=url,
            retry_after=response.headers.get("Retry-After"),
            secrets=secrets,
        )
    if not body.strip():
        return None
    try:
        return json.loads(body)
    except (ValueError, RecursionError) as exc:
        text = redact(body[:2000].decode("utf-8", errors="replace"), secrets)
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise ResponseValidationError(
            f"{method} {url}: response body is not usable JSON: {reason}", text
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
    action: str, archive: str, url: str, response: Received
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
        rng: random.Random | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.base_url = (config.base_url or "").rstrip("/")
        self.clock = clock
        self.api_budget = float(config.timeout or constants.DEFAULT_TIMEOUT_SECONDS)
        self.storage_budget = max(self.api_budget, constants.DEFAULT_STORAGE_TIMEOUT_SECONDS)
        root = getattr(config, "local_storage_root", None)
        self.local_storage_root = Path(root).resolve() if root else None
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

    def _deadline(self, budget: float, deadline: float | None) -> float:
        own = self.clock() + budget
        return own if deadline is None else min(own, deadline)

    def api(
        self,
        kwargs: Mapping[str, Any],
        *,
        idempotent: bool | None = None,
        deadline: float | None = None,
    ) -> Flow[Any]:
        """One API request (from a generated ``_get_kwargs``) with retries; decoded JSON.

        The call, retries included, ends by the config's ``timeout`` or by ``deadline`` (a
        ``clock`` time, e.g. the end of a wait), whichever comes first.

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

        try:
            response = yield from send_with_retries(
                state,
                build,
                clock=self.clock,
                deadline=self._deadline(self.api_budget, deadline),
                max_bytes=constants.MAX_API_RESPONSE_BYTES,
            )
        except BodyError as exc:
            raise ResponseValidationError(f"{method} {strip_query(url)}: {exc}") from exc
        return decode_api_response(response, method, strip_query(url), self.secrets)

    def _storage(
        self,
        action: str,
        archive: str,
        url: str,
        build: Callable[[], httpx.Request],
        max_bytes: int = constants.MAX_API_RESPONSE_BYTES,
    ) -> Flow[Received]:
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
            response = yield from send_with_retries(
                state,
                build,
                clock=self.clock,
                deadline=self._deadline(self.storage_budget, None),
                max_bytes=max_bytes,
            )
        except BodyError as exc:
            raise ArchiveError(archive, f"{action.lower()} refused: {exc}") from exc
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
            yield Blocking(_write_file, (self.local_path(url, "Upload", archive), data, archive))
            return
        form = multipart_fields(fields)
        headers = {"User-Agent": self.user_agent}

        def build() -> httpx.Request:
            # httpx writes data fields first (in order) and files last: S3 needs `file` last.
            request = httpx.Request(
                "POST",
                url,
                data=form,
                files={"file": (filename, data, "application/zip")},
                headers=headers,
                extensions={"timeout": self.storage_timeout},
            )
            # Render the form once: streamed, it leaves in one write per part boundary, and
            # each write costs the async client a cancel scope (2.5 ms more per upload).
            request.read()
            return request

        yield from self._storage("Upload", archive, url, build)

    def download(self, url: str, *, archive: str) -> Flow[bytes]:
        """GET a presigned (or ``file://``) archive with retries; the raw bytes.

        Raises:
            StorageError: refused, unreachable, or the local file cannot be read.
        """
        if is_file_url(url):
            data: bytes = yield Blocking(
                _read_file, (self.local_path(url, "Download", archive), archive)
            )
            return data
        headers = {"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate"}

        def build() -> httpx.Request:
            return httpx.Request(
                "GET", url, headers=headers, extensions={"timeout": self.storage_timeout}
            )

        response = yield from self._storage(
            "Download", archive, url, build, constants.MAX_ARCHIVE_DOWNLOAD_BYTES
        )
        return response.content

    def local_path(self, url: str, action: str, archive: str) -> Path:
        """The file a ``file://`` storage URL names, if the config accepts local storage.

        A server must not make the client read or write arbitrary local files: such URLs are
        followed only with ``local_storage_root`` set, and only inside that directory.

        Raises:
            StorageError: local storage is not enabled, or the path leaves the root.
        """
        if self.local_storage_root is None:
            raise StorageError(
                f"{action} of archive {archive!r} refused: the server gave a file:// storage "
                "URL, which is followed only when the configuration allows local storage "
                "(OqtopusConfig(local_storage_root=DIR), env OQTOPUS_LOCAL_STORAGE_ROOT or "
                "INI key local_storage_root)",
                url=strip_query(url),
            )
        path = file_url_path(url).resolve()
        if not path.is_relative_to(self.local_storage_root):
            raise StorageError(
                f"{action} of archive {archive!r} refused: {path} is outside "
                f"local_storage_root {self.local_storage_root}",
                url=strip_query(url),
            )
        return path


def _write_file(path: Path, data: bytes, archive: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        raise StorageError(
            f"Upload of archive {archive!r} failed: cannot write {path}: {exc.strerror or exc}",
            url=path.as_uri(),
        ) from exc


def _read_file(path: Path, archive: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise StorageError(
            f"Download of archive {archive!r} failed: cannot read {path}: {exc.strerror or exc}",
            url=path.as_uri(),
        ) from exc
