"""Builds the three methods every operation has in the reference: ``X``, ``X_with_http_info``
and ``X_without_preload_content``, with the reference's parameters (see :func:`operation`)."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx

from ..api_client import ApiClient, Operation
from ..api_response import ApiResponse

__all__ = ["BaseApi", "Operation", "from_model", "list_of", "no_content", "operation"]

T = TypeVar("T")

_CALL_OPTIONS = (
    ("_request_timeout", None),
    ("_request_auth", None),
    ("_content_type", None),
    ("_headers", None),
    ("_host_index", 0),
)


class BaseApi:
    """Base of the API classes.

    Args:
        api_client: The client to send requests with (default: :meth:`ApiClient.get_default`).
    """

    def __init__(self, api_client: ApiClient | None = None) -> None:
        self.api_client = api_client if api_client is not None else ApiClient.get_default()


def from_model(name: str) -> Callable[[Any], Any]:
    """Decoder of one generated model, looked up by class name on first use."""

    def convert(data: Any) -> Any:
        import oqtopus_api.models

        return getattr(oqtopus_api.models, name).from_dict(data)

    return convert


def list_of(name: str) -> Callable[[Any], list[Any]]:
    """Decoder of a JSON array of one generated model."""
    item = from_model(name)

    def convert(data: Any) -> list[Any]:
        return [item(entry) for entry in data or []]

    return convert


def no_content(data: Any) -> None:
    """Decoder of an operation that returns nothing."""
    return None


def _signature(op: Operation) -> inspect.Signature:
    kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
    params = [inspect.Parameter("self", kind)]
    for name in op.params:
        default = inspect.Parameter.empty if name in op.path_params else None
        params.append(inspect.Parameter(name, kind, default=default))
    params += [inspect.Parameter(name, kind, default=value) for name, value in _CALL_OPTIONS]
    return inspect.Signature(params)


def operation(
    name: str, op: Operation, convert: Callable[[Any], T], summary: str
) -> tuple[
    Callable[..., Awaitable[T]],
    Callable[..., Awaitable[ApiResponse[T]]],
    Callable[..., Awaitable[httpx.Response]],
]:
    """Make an operation's three methods.

    Args:
        name: The operation name, e.g. ``get_job``.
        op: The endpoint.
        convert: Decodes the answer's JSON.
        summary: One line for the docstrings.

    Returns:
        ``(X, X_with_http_info, X_without_preload_content)``: the decoded result; an
        :class:`ApiResponse` with it; the raw, unread ``httpx.Response`` (read it with
        ``await response.aread()``, close it with ``await response.aclose()``).
    """
    signature = _signature(op)

    def bind(self: BaseApi, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
        bound = signature.bind(self, *args, **kwargs)
        bound.apply_defaults()
        return dict(bound.arguments)

    async def with_http_info(self: BaseApi, *args: Any, **kwargs: Any) -> ApiResponse[T]:
        return await self.api_client.call(op, bind(self, args, kwargs), convert)

    async def plain(self: BaseApi, *args: Any, **kwargs: Any) -> T:
        return (await with_http_info(self, *args, **kwargs)).data

    async def without_preload_content(self: BaseApi, *args: Any, **kwargs: Any) -> httpx.Response:
        return await self.api_client.send(op, bind(self, args, kwargs), stream=True)

    where = f"``{op.method} {op.path}``"
    for function, suffix, returns in (
        (plain, "", "the decoded result"),
        (with_http_info, "_with_http_info", "an ApiResponse holding the decoded result"),
        (without_preload_content, "_without_preload_content", "the raw, unread httpx.Response"),
    ):
        function.__name__ = function.__qualname__ = name + suffix
        function.__doc__ = (
            f"{summary} ({where}).\n\nReturns:\n    {returns}.\n\nRaises:\n"
            "    ApiException: A non-2xx answer (a subclass per status).\n"
        )
        setattr(function, "__signature__", signature)  # noqa: B010
    return plain, with_http_info, without_preload_content
