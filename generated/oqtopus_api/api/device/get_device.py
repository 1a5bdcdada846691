from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.devices_device_info import DevicesDeviceInfo
from ...models.error_forbidden_error import ErrorForbiddenError
from ...models.error_internal_server_error import ErrorInternalServerError
from ...models.error_not_found_error import ErrorNotFoundError
from ...models.error_unauthorized_error import ErrorUnauthorizedError
from ...types import Response


def _get_kwargs(
    device_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/devices/{device_id}".format(
            device_id=quote(str(device_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    DevicesDeviceInfo
    | ErrorForbiddenError
    | ErrorInternalServerError
    | ErrorNotFoundError
    | ErrorUnauthorizedError
    | None
):
    if response.status_code == 200:
        response_200 = DevicesDeviceInfo.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ErrorUnauthorizedError.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorForbiddenError.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorNotFoundError.from_dict(response.json())

        return response_404

    if response.status_code == 500:
        response_500 = ErrorInternalServerError.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    DevicesDeviceInfo | ErrorForbiddenError | ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    device_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[
    DevicesDeviceInfo | ErrorForbiddenError | ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError
]:
    """Get one device

    Args:
        device_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DevicesDeviceInfo | ErrorForbiddenError | ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError]
    """

    kwargs = _get_kwargs(
        device_id=device_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    device_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> (
    DevicesDeviceInfo
    | ErrorForbiddenError
    | ErrorInternalServerError
    | ErrorNotFoundError
    | ErrorUnauthorizedError
    | None
):
    """Get one device

    Args:
        device_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DevicesDeviceInfo | ErrorForbiddenError | ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError
    """

    return sync_detailed(
        device_id=device_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    device_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[
    DevicesDeviceInfo | ErrorForbiddenError | ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError
]:
    """Get one device

    Args:
        device_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DevicesDeviceInfo | ErrorForbiddenError | ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError]
    """

    kwargs = _get_kwargs(
        device_id=device_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    device_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> (
    DevicesDeviceInfo
    | ErrorForbiddenError
    | ErrorInternalServerError
    | ErrorNotFoundError
    | ErrorUnauthorizedError
    | None
):
    """Get one device

    Args:
        device_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DevicesDeviceInfo | ErrorForbiddenError | ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError
    """

    return (
        await asyncio_detailed(
            device_id=device_id,
            client=client,
        )
    ).parsed
