"""The SDK's exception tree and the pure functions that turn HTTP answers into it.

Every exception the SDK raises derives from :class:`OqtopusError`. Raw httpx, json or
generated-layer exceptions never escape: they are wrapped, with the original attached as
``__cause__``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit


class OqtopusError(Exception):
    """Root of every exception raised by oqtopus_sdk.

    Attributes:
        job_id: The job the error is about, once one was registered (also named in the text),
            so nothing a user submitted is lost from view; None otherwise.
    """

    job_id: str | None = None

    def about_job(self, job_id: str | None) -> OqtopusError:
        """Name the job this error happened to (the first job named wins); returns self."""
        if job_id and self.job_id is None:
            self.job_id = job_id
        return self

    def _describe(self) -> str:
        return super().__str__()

    def __str__(self) -> str:
        text = self._describe()
        if self.job_id and self.job_id not in text:
            text += f" [job {self.job_id}]"
        return text


class UserApiError(OqtopusError):
    """The User API answered with a non-2xx status (or an sse_container call failed: status 0).

    Attributes:
        retry_after: The server's Retry-After hint in seconds, if it sent one (429, 503).
        status_code: The HTTP status (0 for sse_container mode failures).
        message: The server's own text (``message``, else ``detail``, else ``Message``, else
            the body).
        payload: The decoded JSON body when it was JSON, else the body text.
    """

    def __init__(
        self,
        status_code: int,
        message: str,
        payload: object | None = None,
        *,
        method: str | None = None,
        url: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(status_code, message, payload)
        self.status_code = status_code
        self.message = message
        self.payload = payload
        self.method = method
        self.url = url
        self.retry_after = retry_after

    def _describe(self) -> str:
        where = f" ({self.method} {self.url})" if self.method and self.url else ""
        return f"HTTP {self.status_code}: {self.message}{where}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status_code={self.status_code!r}, message={self.message!r})"


class BadRequestError(UserApiError):
    """400: the request was refused, for example a job not in a valid status for the call."""


class UnauthorizedError(UserApiError):
    """401: the API token is missing, malformed, unknown or expired."""


class ForbiddenError(UserApiError):
    """403: the caller may not do this (for example use this device)."""


class NotFoundError(UserApiError):
    """404: no such job, device or announcement for this caller."""


class ConflictError(UserApiError):
    """409: the request conflicts with the resource's current state."""


class UnprocessableEntityError(UserApiError):
    """422: the server rejected the request body or parameters (``detail`` lists why)."""


class RateLimitError(UserApiError):
    """429: too many requests; ``retry_after`` holds the server's hint in seconds, if any."""


class ServerError(UserApiError):
    """5xx: the service failed while handling the request."""


class ResponseValidationError(OqtopusError):
    """A successful response the SDK cannot use (bad JSON, missing key, wrong type, ...).

    Attributes:
        message: What did not fit.
        payload: The body (decoded JSON when possible) that did not fit.
    """

    def __init__(self, message: str, payload: object | None = None) -> None:
        super().__init__(message, payload)
        self.message = message
        self.payload = payload

    def _describe(self) -> str:
        return self.message


class JobNotFinishedError(ResponseValidationError):
    """What was asked for exists only once the job has ended (for example an SSE log).

    Attributes:
        job_id: The job.
        status: Its current status.
    """

    def __init__(self, message: str, *, job_id: str, status: str) -> None:
        super().__init__(message, {"job_id": job_id, "status": status})
        self.job_id = job_id
        self.status = status


class OqtopusTransportError(OqtopusError):
    """The request never got an HTTP answer; the httpx exception is ``__cause__``."""

    def __init__(self, message: str, *, method: str | None = None, url: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.method = method
        self.url = url

    def _describe(self) -> str:
        where = f" ({self.method} {self.url})" if self.method and self.url else ""
        return f"{self.message}{where}"


class OqtopusConnectionError(OqtopusTransportError, ConnectionError):
    """The connection could not be made, or broke before an answer arrived."""


class OqtopusTimeoutError(OqtopusTransportError, TimeoutError):
    """The request did not complete within its timeout."""


class StorageError(OqtopusError):
    """A presigned archive upload or download was refused by the storage service.

    Attributes:
        status_code: The storage service's HTTP status (None when it never answered).
        url: The storage URL without its query string (signatures are never shown).
    """

    def __init__(self, message: str, *, status_code: int | None = None, url: str | None = None):
        super().__init__(message)
        self.message = message
        self.status_code = status_code
        self.url = url

    def _describe(self) -> str:
        return self.message


class ArchiveError(OqtopusError):
    """A job archive is unusable: not a zip, zero or several entries, bad JSON, too large.

    Attributes:
        archive: Which archive (``input``, ``result``, ``transpile_result``, ``sse_log``, ...).
    """

    def __init__(self, archive: str, message: str) -> None:
        super().__init__(f"archive {archive!r}: {message}")
        self.archive = archive
        self.message = message


class JobError(OqtopusError):
    """Base of errors about one job; ``job_id`` names it."""

    def __init__(self, message: str, *, job_id: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.job_id = job_id

    def _describe(self) -> str:
        return self.message


class JobTimeoutError(JobError, TimeoutError):
    """A wait ran out of time before the job reached a terminal status.

    Attributes:
        last_status: The last status seen, if any.
        timeout: The wait's timeout in seconds.
    """

    def __init__(
        self,
        message: str,
        *,
        job_id: str | None = None,
        last_status: str | None = None,
        timeout: float | None = None,
    ) -> None:
        super().__init__(message, job_id=job_id)
        self.last_status = last_status
        self.timeout = timeout


class JobFailedError(JobError):
    """The job ended in one of the caller's ``failure_statuses``.

    Attributes:
        result: The job's result object (status, server message, timestamps).
        status: The status the job ended in.
        server_message: ``job_info.message`` as the service reported it, if any.
    """

    def __init__(
        self,
        message: str,
        *,
        job_id: str | None = None,
        result: object | None = None,
        status: str | None = None,
        server_message: str | None = None,
    ) -> None:
        super().__init__(message, job_id=job_id)
        self.result = result
        self.status = status
        self.server_message = server_message


class SubmissionError(JobError):
    """Submission failed after the job was registered: ``job_id`` is the registered job.

    The job exists on the server in status ``registered``; it can be cancelled and deleted,
    or completed by uploading and submitting again. ``stage`` says which step failed
    (``upload`` or ``submit``); ``__cause__`` holds the underlying error.
    """

    def __init__(self, message: str, *, job_id: str, stage: str) -> None:
        super().__init__(message, job_id=job_id)
        self.stage = stage


class BatchJobError(OqtopusError):
    """Some jobs of a batch did not produce a result; nothing that did is lost.

    Attributes:
        results: One entry per input, in input order: the result, or None where that job
            has an error.
        errors: Input index -> the exception for that job.
        job_ids: Input index -> job id, where one is known.
    """

    def __init__(
        self,
        message: str,
        *,
        results: Sequence[object | None],
        errors: Mapping[int, BaseException],
        job_ids: Mapping[int, str | None] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.results = list(results)
        self.errors = dict(errors)
        self.job_ids = dict(job_ids or {})

    def _describe(self) -> str:
        lines = [self.message]
        for index, error in sorted(self.errors.items()):
            job = self.job_ids.get(index)
            label = f"#{index}" + (f" (job {job})" if job else "")
            lines.append(f"  {label}: {type(error).__name__}: {error}")
        return "\n".join(lines)


_STATUS_CLASSES: dict[int, type[UserApiError]] = {
    400: BadRequestError,
    401: UnauthorizedError,
    403: ForbiddenError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def error_class_for_status(status_code: int) -> type[UserApiError]:
    """Return the UserApiError subclass for an HTTP status (ServerError for any 5xx)."""
    if status_code >= 500:
        return ServerError
    return _STATUS_CLASSES.get(status_code, UserApiError)


def decode_error_body(body: bytes, secrets: Iterable[str | None] = ()) -> object | None:
    """Decode an error body: the JSON value when it is JSON, else the text, else None.

    Secrets the server echoed back (the token, proxy credentials) are redacted first.
    """
    if not body:
        return None
    text = redact(body.decode("utf-8", errors="replace"), secrets)
    try:
        decoded: object = json.loads(text)
    except (ValueError, RecursionError):
        return text
    return decoded


def _detail_text(detail: object) -> str | None:
    if isinstance(detail, str):
        return detail
    if isinstance(detail, list):
        parts: list[str] = []
        for item in detail:
            if isinstance(item, Mapping) and "msg" in item:
                loc = item.get("loc")
                where = ".".join(str(p) for p in loc) if isinstance(loc, list) and loc else ""
                parts.append(f"{where}: {item['msg']}" if where else str(item["msg"]))
            else:
                parts.append(str(item))
        return "; ".join(parts) if parts else None
    return None


def extract_server_message(payload: object | None, *, fallback: str = "") -> str:
    """Return the server's own error text from a decoded body.

    Reads ``message``, then ``detail`` (a string, or a list of objects with ``msg``), then
    ``Message`` (API Gateway), then falls back to the body text, then to ``fallback``.
    """
    if isinstance(payload, Mapping):
        message = payload.get("message")
        if isinstance(message, str) and message:
            return message
        detail = _detail_text(payload.get("detail"))
        if detail:
            return detail
        gateway = payload.get("Message")
        if isinstance(gateway, str) and gateway:
            return gateway
        return json.dumps(payload, ensure_ascii=False) if payload else fallback
    if isinstance(payload, str) and payload.strip():
        return summarize_text_body(payload, fallback)
    if payload is not None and not isinstance(payload, str):
        return json.dumps(payload, ensure_ascii=False)
    return fallback


_TITLE = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
MAX_MESSAGE_CHARS = 500
"""Longest server text an error shows; the whole body stays in ``payload``."""


def summarize_text_body(text: str, fallback: str = "") -> str:
    """A non-JSON error body made readable: an HTML page becomes its title, long text is cut.

    A wrong base URL often reaches a web server or proxy whose error page is HTML; showing
    the whole page hides the one line that matters.
    """
    stripped = text.strip()
    if stripped[:1] == "<" and re.search(r"<(!doctype\s+html|html|head|body)\b", stripped, re.I):
        match = _TITLE.search(stripped)
        title = " ".join(match.group(1).split()) if match else ""
        kind = "an HTML page" + (f" titled {title!r}" if title else "")
        return (
            f"{fallback}: the server answered with {kind}, not the OQTOPUS API"
            if fallback
            else kind
        )
    if len(stripped) > MAX_MESSAGE_CHARS:
        return stripped[:MAX_MESSAGE_CHARS] + f"... ({len(stripped)} characters)"
    return stripped


def parse_retry_after(value: str | None) -> float | None:
    """Parse a Retry-After header given in seconds or as an HTTP date; None if absent/bad."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        from datetime import UTC, datetime
        from email.utils import parsedate_to_datetime

        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - datetime.now(UTC)).total_seconds()
    if seconds != seconds:  # NaN
        return None
    return max(0.0, seconds)


def error_from_response(
    status_code: int,
    body: bytes,
    *,
    reason: str = "",
    method: str | None = None,
    url: str | None = None,
    retry_after: str | None = None,
    secrets: Iterable[str | None] = (),
) -> UserApiError:
    """Build the UserApiError subclass for a non-2xx API answer, with the server's own text.

    ``secrets`` never reach the message or payload, even when the server echoes them.
    """
    payload = decode_error_body(body, secrets)
    message = extract_server_message(payload, fallback=reason or f"HTTP {status_code}")
    cls = error_class_for_status(status_code)
    return cls(
        status_code, message, payload, method=method, url=url,
        retry_after=parse_retry_after(retry_after),
    )  # fmt: skip


def strip_query(url: str) -> str:
    """Drop the query and fragment of a URL: presigned signatures must never be shown."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<invalid url>"
    netloc = parts.hostname or ""
    if parts.port:
        netloc = f"{netloc}:{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def redact(text: str, secrets: Iterable[str | None]) -> str:
    """Replace every non-empty secret (token, proxy credentials) in ``text`` with ``***``."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "***")
    return text


def describe_value(value: Any, limit: int = 80) -> str:
    """A short repr of a user value for error messages."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class ConfigError(OqtopusError, ValueError):
    """The configuration is missing, incomplete or holds a bad value.

    A ValueError too, so code written for the reference client's ``except ValueError`` keeps
    working. The message names the setting and where it came from (argument, environment
    variable, or INI file and section) but never the API token or proxy credentials.
    """
