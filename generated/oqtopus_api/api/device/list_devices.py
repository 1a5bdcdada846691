from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.devices_device_info import DevicesDeviceInfo
from ...models.error_internal_server_error import ErrorInternalServerError
from ...models.error_unauthorized_error import ErrorUnauthorizedError
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/devices",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorInternalServerError | ErrorUnauthorizedError | list[DevicesDeviceInfo] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = DevicesDeviceInfo.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200

    if response.status_code == 401:
        response_401 = ErrorUnauthorizedError.from_dict(response.json())

        return response_401

    if response.status_code == 500:
        response_500 = ErrorInternalServerError.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorInternalServerError | ErrorUnauthorizedError | list[DevicesDeviceInfo]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorInternalServerError | ErrorUnauthorizedError | list[DevicesDeviceInfo]]:
    """List devices

     Every device the service knows, available or not. `device_info` is usually JSON
    text; newer servers may return a presigned URL to `device_info.zip` instead.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorInternalServerError | ErrorUnauthorizedError | list[DevicesDeviceInfo]]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> ErrorInternalServerError | ErrorUnauthorizedError | list[DevicesDeviceInfo] | None:
    """List devices

     Every device the service knows, available or not. `device_info` is usually JSON
    text; newer servers may return a presigned URL to `device_info.zip` instead.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorInternalServerError | ErrorUnauthorizedError | list[DevicesDeviceInfo]
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorInternalServerError | ErrorUnauthorizedError | list[DevicesDeviceInfo]]:
    """List devices

     Every device the service knows, available or not. `device_info` is usually JSON
    text; newer servers may return a presigned URL to `device_info.zip` instead.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorInternalServerError | ErrorUnauthorizedError | list[DevicesDeviceInfo]]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> ErrorInternalServerError | ErrorUnauthorizedError | list[DevicesDeviceInfo] | None:
    """List devices

     Every device the service knows, available or not. `device_info` is usually JSON
    text; newer servers may return a presigned URL to `device_info.zip` instead.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorInternalServerError | ErrorUnauthorizedError | list[DevicesDeviceInfo]
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
