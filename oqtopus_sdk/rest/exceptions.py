"""Exception names of the reference's generated layer (``oqtopus_client.rest.exceptions``).

Code written against ``oqtopus_client`` sometimes names these classes in an ``except`` clause
or an ``isinstance`` check, so they exist here with the same names, bases and attributes.

What raises them: nothing in the high-level :class:`~oqtopus_sdk.OqtopusClient`. Like the
reference, which converts every ``ApiException`` into ``UserApiError`` before it reaches the
caller, our client raises :class:`~oqtopus_sdk.errors.UserApiError` (and a subclass per status)
for a non-2xx answer. So ``except ApiException`` around a client call catches nothing, in the
reference as here; catch ``UserApiError`` instead. The HTTP status classes correspond as
follows (ours on the right, all subclasses of ``UserApiError``):

============================  =========================================================
``BadRequestException``       :class:`~oqtopus_sdk.errors.BadRequestError` (400)
``UnauthorizedException``     :class:`~oqtopus_sdk.errors.UnauthorizedError` (401)
``ForbiddenException``        :class:`~oqtopus_sdk.errors.ForbiddenError` (403)
``NotFoundException``         :class:`~oqtopus_sdk.errors.NotFoundError` (404)
``ServiceException``          :class:`~oqtopus_sdk.errors.ServerError` (5xx)
``ApiException``              :class:`~oqtopus_sdk.errors.UserApiError` (any status)
============================  =========================================================

:meth:`ApiException.from_user_api_error` builds the matching exception from one of ours, for
code that wants to keep raising the reference's types.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NoReturn

__all__ = [
    "ApiAttributeError",
    "ApiException",
    "ApiKeyError",
    "ApiTypeError",
    "ApiValueError",
    "BadRequestException",
    "ForbiddenException",
    "NotFoundException",
    "OpenApiException",
    "ServiceException",
    "UnauthorizedException",
    "render_path",
]


def render_path(path_to_item: Iterable[object]) -> str:
    """Render a path into a nested document as subscripts, e.g. ``['jobs'][0]``.

    Args:
        path_to_item: Keys (rendered quoted) and list indices (rendered bare).

    Returns:
        The rendered path.
    """
    parts = []
    for step in path_to_item:
        parts.append(f"[{step}]" if isinstance(step, int) else f"['{step}']")
    return "".join(parts)


def _with_path(msg: str, path_to_item: Iterable[object] | None) -> str:
    path = list(path_to_item) if path_to_item else []
    return f"{msg} at {render_path(path)}" if path else msg


class OpenApiException(Exception):
    """Base of every exception of the generated layer."""


class ApiTypeError(OpenApiException, TypeError):
    """A value of the wrong type.

    Args:
        msg: The message.
        path_to_item: Where in the document the value sits.
        valid_classes: The accepted types.
        key_type: True when the bad value is a dict key.
    """

    def __init__(
        self,
        msg: str,
        path_to_item: list[object] | None = None,
        valid_classes: tuple[type, ...] | None = None,
        key_type: bool | None = None,
    ) -> None:
        self.path_to_item = path_to_item
        self.valid_classes = valid_classes
        self.key_type = key_type
        super().__init__(_with_path(msg, path_to_item))


class ApiValueError(OpenApiException, ValueError):
    """A value out of range or otherwise invalid.

    Args:
        msg: The message.
        path_to_item: Where in the document the value sits.
    """

    def __init__(self, msg: str, path_to_item: list[object] | None = None) -> None:
        self.path_to_item = path_to_item
        super().__init__(_with_path(msg, path_to_item))


class ApiAttributeError(OpenApiException, AttributeError):
    """An attribute that does not exist.

    Args:
        msg: The message.
        path_to_item: Where in the document the value sits.
    """

    def __init__(self, msg: str, path_to_item: list[object] | None = None) -> None:
        self.path_to_item = path_to_item
        super().__init__(_with_path(msg, path_to_item))


class ApiKeyError(OpenApiException, KeyError):
    """A key that does not exist.

    Args:
        msg: The message.
        path_to_item: Where in the document the value sits.
    """

    def __init__(self, msg: str, path_to_item: list[object] | None = None) -> None:
        self.path_to_item = path_to_item
        super().__init__(_with_path(msg, path_to_item))


def _response_status(http_resp: Any) -> int | None:
    for name in ("status", "status_code"):
        value = getattr(http_resp, name, None)
        if isinstance(value, int):
            return value
    return None


def _response_reason(http_resp: Any) -> str | None:
    for name in ("reason", "reason_phrase"):
        value = getattr(http_resp, name, None)
        if isinstance(value, str):
            return value
    return None


def _response_body(http_resp: Any) -> str | None:
    for name in ("data", "content"):
        value = getattr(http_resp, name, None)
        if isinstance(value, bytes):
            return value.decode("utf-8", errors="replace")
    return None


def _response_headers(http_resp: Any) -> Mapping[str, str] | None:
    getheaders = getattr(http_resp, "getheaders", None)
    value = getheaders() if callable(getheaders) else getattr(http_resp, "headers", None)
    return value if isinstance(value, Mapping) else None


class ApiException(OpenApiException):
    """A non-2xx answer of the API, in the generated layer's shape.

    Args:
        status: The HTTP status (taken from ``http_resp`` when None).
        reason: The reason phrase (taken from ``http_resp`` when None).
        http_resp: A response object (``httpx.Response`` or anything with ``status`` /
            ``status_code``, ``reason`` / ``reason_phrase``, ``data`` / ``content`` and
            ``headers``), or None.
        body: The response body text.
        data: The decoded response document.

    Attributes:
        status, reason, body, data, headers: As received.
    """

    def __init__(
        self,
        status: int | None = None,
        reason: str | None = None,
        http_resp: Any = None,
        *,
        body: str | None = None,
        data: Any = None,
    ) -> None:
        super().__init__(status, reason)
        self.status = status
        self.reason = reason
        self.body = body
        self.data = data
        self.headers: Mapping[str, str] | None = None
        if http_resp is not None:
            if self.status is None:
                self.status = _response_status(http_resp)
            if self.reason is None:
                self.reason = _response_reason(http_resp)
            if self.body is None:
                self.body = _response_body(http_resp)
            self.headers = _response_headers(http_resp)

    @classmethod
    def from_response(cls, *, http_resp: Any, body: str | None, data: Any) -> NoReturn:
        """Raise the exception class that matches the response's status.

        Args:
            http_resp: The response (see the class docstring).
            body: The response body text.
            data: The decoded response document.

        Raises:
            ApiException: Always; a subclass for 400, 401, 403, 404 and 5xx.
        """
        raise _class_for_status(_response_status(http_resp))(
            http_resp=http_resp, body=body, data=data
        )

    @classmethod
    def from_user_api_error(cls, error: BaseException) -> ApiException:
        """Build the matching exception from an ``oqtopus_sdk`` :class:`UserApiError`.

        Args:
            error: Our error (``status_code``, ``message`` and ``payload`` are read).

        Returns:
            An ``ApiException`` subclass chosen by the status, with ``body`` the message and
            ``data`` the payload.
        """
        status = getattr(error, "status_code", None)
        status = status if isinstance(status, int) else None
        message = getattr(error, "message", None)
        exc = _class_for_status(status)(
            status,
            None,
            body=message if isinstance(message, str) else str(error),
            data=getattr(error, "payload", None),
        )
        exc.__cause__ = error
        return exc

    def __str__(self) -> str:
        text = f"({self.status})\nReason: {self.reason}\n"
        if self.headers:
            text += f"HTTP response headers: {dict(self.headers)}\n"
        if self.data or self.body:
            text += f"HTTP response body: {self.data or self.body}\n"
        return text


class BadRequestException(ApiException):
    """HTTP 400."""


class UnauthorizedException(ApiException):
    """HTTP 401."""


class ForbiddenException(ApiException):
    """HTTP 403."""


class NotFoundException(ApiException):
    """HTTP 404."""


class ServiceException(ApiException):
    """HTTP 5xx."""


_BY_STATUS: dict[int, type[ApiException]] = {
    400: BadRequestException,
    401: UnauthorizedException,
    403: ForbiddenException,
    404: NotFoundException,
}


def _class_for_status(status: int | None) -> type[ApiException]:
    if status is None:
        return ApiException
    if 500 <= status <= 599:
        return ServiceException
    return _BY_STATUS.get(status, ApiException)
