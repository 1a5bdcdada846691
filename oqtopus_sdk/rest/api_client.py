"""``ApiClient`` of the low-level layer (the reference's ``rest.api_client``), on httpx.

The reference's generated layer is async (aiohttp); this one is too, with the same entry
points: ``ApiClient(Configuration(host=...))`` as an async context manager,
``set_default_header`` (the User API token goes in ``q-api-token``), ``user_agent``, and the
API classes of :mod:`oqtopus_sdk.rest.api` built on it. Answers decode into the generated
models of :mod:`oqtopus_api.models`; a non-2xx answer raises
:class:`~oqtopus_sdk.rest.exceptions.ApiException` (a subclass per status), as in the
reference. A request that gets no answer raises
:class:`~oqtopus_sdk.errors.OqtopusConnectionError` or
:class:`~oqtopus_sdk.errors.OqtopusTimeoutError` (the reference leaked aiohttp's exceptions).

For new code, prefer :class:`~oqtopus_sdk.AsyncOqtopusClient`: it adds retries that honour
``Retry-After``, archive handling and typed results.
"""

from __future__ import annotations

import asyncio
import datetime
import enum
import json
import ssl
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Final, TypeVar
from urllib.parse import quote

import httpx

from oqtopus_sdk import __version__
from oqtopus_sdk.errors import OqtopusConnectionError, OqtopusTimeoutError, strip_query

from .api_response import ApiResponse
from .configuration import Configuration
from .exceptions import ApiException, ApiValueError

__all__ = ["ApiClient"]

T = TypeVar("T")

DEFAULT_TIMEOUT_SECONDS: Final = 300.0
"""Per-request timeout when the call passes no ``_request_timeout`` (the reference's 5 min)."""
_IDEMPOTENT: Final = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
_RETRY_BASE_SECONDS: Final = 0.1


@dataclass(frozen=True)
class Operation:
    """One endpoint of the User API, as the API classes describe it.

    Attributes:
        method: HTTP method.
        path: URL path template, e.g. ``/jobs/{job_id}``.
        params: The operation's own parameters in the reference's order.
        path_params: Which of ``params`` fill the path template (required).
        body: The parameter sent as the JSON body, if any.
    """

    method: str
    path: str
    params: tuple[str, ...] = ()
    path_params: frozenset[str] = frozenset()
    body: str | None = None


def to_jsonable(value: Any) -> Any:
    """Turn a model, mapping, list, enum or datetime into plain JSON values.

    Args:
        value: A generated model (anything with ``to_dict()``), or plain data.

    Returns:
        JSON-serialisable data.
    """
    if hasattr(value, "to_dict") and callable(value.to_dict):
        return to_jsonable(value.to_dict())
    if isinstance(value, Mapping):
        return {str(key): to_jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(item) for item in value]
    if isinstance(value, enum.Enum):
        return to_jsonable(value.value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def _query_value(value: Any) -> str:
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value)


def _timeout(value: Any) -> httpx.Timeout:
    if value is None:
        return httpx.Timeout(DEFAULT_TIMEOUT_SECONDS)
    if isinstance(value, Sequence) and not isinstance(value, str) and len(value) == 2:
        connect, read = value
        return httpx.Timeout(read, connect=connect)
    return httpx.Timeout(float(value))


def _decode(response: httpx.Response) -> Any:
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        return None


class ApiClient:
    """Sends the User API requests of the low-level API classes.

    Args:
        configuration: Where and how to connect (default: :meth:`Configuration.get_default`).
        header_name: One default header's name, e.g. ``"q-api-token"``.
        header_value: That header's value.
        cookie: A ``Cookie`` header value sent with every request.

    Attributes:
        configuration: The configuration.
        default_headers: Headers sent with every request (``User-Agent`` included).
    """

    _default: ClassVar[ApiClient | None] = None

    def __init__(
        self,
        configuration: Configuration | None = None,
        header_name: str | None = None,
        header_value: str | None = None,
        cookie: str | None = None,
    ) -> None:
        self.configuration = configuration or Configuration.get_default()
        self.default_headers: dict[str, str] = {}
        if header_name is not None and header_value is not None:
            self.default_headers[header_name] = header_value
        self.cookie = cookie
        self.user_agent = f"oqtopus-sdk/{__version__}"
        self.client_side_validation = True
        self._http: httpx.AsyncClient | None = None

    async def __aenter__(self) -> ApiClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def close(self) -> None:
        """Close the pooled connections (a later request opens new ones)."""
        if self._http is not None:
            http, self._http = self._http, None
            await http.aclose()

    @property
    def user_agent(self) -> str:
        """The ``User-Agent`` header (default ``oqtopus-sdk/<version>``)."""
        return self.default_headers["User-Agent"]

    @user_agent.setter
    def user_agent(self, value: str) -> None:
        self.default_headers["User-Agent"] = value

    def set_default_header(self, header_name: str, header_value: str) -> None:
        """Send a header with every request.

        Args:
            header_name: The header, e.g. ``"q-api-token"``.
            header_value: Its value.
        """
        self.default_headers[header_name] = header_value

    @classmethod
    def get_default(cls) -> ApiClient:
        """Return the shared default client, creating it on first use.

        Returns:
            The default ``ApiClient``.
        """
        if cls._default is None:
            cls._default = ApiClient()
        return cls._default

    @classmethod
    def set_default(cls, default: ApiClient | None) -> None:
        """Set the client API classes use when built without one.

        Args:
            default: The client, or None to forget it.
        """
        cls._default = default

    def _client(self) -> httpx.AsyncClient:
        if self._http is None:
            conf = self.configuration
            verify: bool | ssl.SSLContext = conf.verify_ssl
            if conf.verify_ssl and (conf.ssl_ca_cert or conf.cert_file):
                context = ssl.create_default_context(cafile=conf.ssl_ca_cert)
                if conf.cert_file:
                    context.load_cert_chain(conf.cert_file, conf.key_file)
                verify = context
            self._http = httpx.AsyncClient(
                base_url=conf.host,
                proxy=conf.proxy,
                verify=verify,
                trust_env=True,
                limits=httpx.Limits(max_connections=conf.connection_pool_maxsize),
            )
        return self._http

    def _headers(
        self,
        auth: Mapping[str, Any] | None,
        content_type: str | None,
        extra: Mapping[str, str] | None,
        has_body: bool,
    ) -> tuple[dict[str, str], dict[str, str]]:
        headers = {"Accept": "application/json", **self.default_headers}
        cookies: dict[str, str] = {}
        if self.cookie:
            headers["Cookie"] = self.cookie
        settings = list(self.configuration.auth_settings().values())
        if auth:
            settings = [dict(auth)]
        params: dict[str, str] = {}
        for setting in settings:
            where, key, value = setting.get("in"), setting.get("key"), setting.get("value")
            if not key or value is None:
                continue
            if where == "query":
                params[str(key)] = str(value)
            elif where == "cookie":
                cookies[str(key)] = str(value)
            else:
                headers[str(key)] = str(value)
        if cookies:
            joined = "; ".join(f"{k}={v}" for k, v in cookies.items())
            headers["Cookie"] = f"{headers['Cookie']}; {joined}" if "Cookie" in headers else joined
        if has_body:
            headers["Content-Type"] = content_type or "application/json"
        if extra:
            headers.update(extra)
        return headers, params

    async def send(
        self,
        operation: Operation,
        arguments: Mapping[str, Any],
        *,
        stream: bool = False,
    ) -> httpx.Response:
        """Send one operation's request and return the raw response (any status).

        Args:
            operation: The endpoint.
            arguments: The call's bound arguments (the operation's parameters plus
                ``_request_timeout``, ``_request_auth``, ``_content_type``, ``_headers``).
            stream: Leave the body unread (the caller reads and closes the response).

        Returns:
            The response.

        Raises:
            ApiValueError: A path parameter is missing.
            OqtopusConnectionError: No answer (connection refused or broken).
            OqtopusTimeoutError: No answer within the timeout.
        """
        path = operation.path
        for name in operation.path_params:
            value = arguments.get(name)
            if value is None:
                raise ApiValueError(f"Missing the required parameter `{name}`")
            path = path.replace("{" + name + "}", quote(_query_value(value), safe=""))
        query = {
            name: _query_value(arguments[name])
            for name in operation.params
            if name not in operation.path_params
            and name != operation.body
            and arguments.get(name) is not None
        }
        body = arguments.get(operation.body) if operation.body else None
        content = json.dumps(to_jsonable(body)).encode() if body is not None else None
        headers, auth_query = self._headers(
            arguments.get("_request_auth"),
            arguments.get("_content_type"),
            arguments.get("_headers"),
            content is not None,
        )
        query.update(auth_query)
        method = operation.method
        retries = self.configuration.retries
        attempts = max(1, retries or 1) if method in _IDEMPOTENT else 1
        client = self._client()
        for attempt in range(1, attempts + 1):
            request = client.build_request(
                method,
                path,
                params=query,
                content=content,
                headers=headers,
                timeout=_timeout(arguments.get("_request_timeout")),
            )
            try:
                response = await client.send(request, stream=stream)
            except httpx.TimeoutException as exc:
                if attempt < attempts:
                    await asyncio.sleep(_RETRY_BASE_SECONDS * 2 ** (attempt - 1))
                    continue
                raise OqtopusTimeoutError(
                    f"No answer within the timeout: {exc}",
                    method=method,
                    url=strip_query(str(request.url)),
                ) from exc
            except httpx.TransportError as exc:
                if attempt < attempts:
                    await asyncio.sleep(_RETRY_BASE_SECONDS * 2 ** (attempt - 1))
                    continue
                raise OqtopusConnectionError(
                    f"Request failed: {type(exc).__name__}: {exc}",
                    method=method,
                    url=strip_query(str(request.url)),
                ) from exc
            if response.status_code >= 500 and attempt < attempts:
                await response.aclose()
                await asyncio.sleep(_RETRY_BASE_SECONDS * 2 ** (attempt - 1))
                continue
            return response
        raise AssertionError("unreachable")  # pragma: no cover

    async def call(
        self,
        operation: Operation,
        arguments: Mapping[str, Any],
        convert: Callable[[Any], T],
    ) -> ApiResponse[T]:
        """Send one operation's request and decode the answer.

        Args:
            operation: The endpoint.
            arguments: The call's bound arguments (see :meth:`send`).
            convert: Turns the decoded JSON into the result (a model's ``from_dict``, ...).

        Returns:
            The response with ``data`` decoded.

        Raises:
            ApiException: A non-2xx answer (``BadRequestException``, ``NotFoundException``,
                ... by status).
        """
        response = await self.send(operation, arguments)
        raw = response.content
        decoded = _decode(response)
        if not response.is_success:
            ApiException.from_response(
                http_resp=response, body=raw.decode("utf-8", errors="replace"), data=decoded
            )
        return ApiResponse(
            status_code=response.status_code,
            headers=dict(response.headers),
            data=convert(decoded),
            raw_data=raw,
        )
