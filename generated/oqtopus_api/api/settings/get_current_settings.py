from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_internal_server_error import ErrorInternalServerError
from ...models.error_unauthorized_error import ErrorUnauthorizedError
from ...models.settings_get_settings_response import SettingsGetSettingsResponse
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/system/settings",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorInternalServerError | ErrorUnauthorizedError | SettingsGetSettingsResponse | None:
    if response.status_code == 200:
        response_200 = SettingsGetSettingsResponse.from_dict(response.json())

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
) -> Response[ErrorInternalServerError | ErrorUnauthorizedError | SettingsGetSettingsResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorInternalServerError | ErrorUnauthorizedError | SettingsGetSettingsResponse]:
    """Get the service's user-record settings

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorInternalServerError | ErrorUnauthorizedError | SettingsGetSettingsResponse]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> ErrorInternalServerError | ErrorUnauthorizedError | SettingsGetSettingsResponse | None:
    """Get the service's user-record settings

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorInternalServerError | ErrorUnauthorizedError | SettingsGetSettingsResponse
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorInternalServerError | ErrorUnauthorizedError | SettingsGetSettingsResponse]:
    """Get the service's user-record settings

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorInternalServerError | ErrorUnauthorizedError | SettingsGetSettingsResponse]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> ErrorInternalServerError | ErrorUnauthorizedError | SettingsGetSettingsResponse | None:
    """Get the service's user-record settings

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorInternalServerError | ErrorUnauthorizedError | SettingsGetSettingsResponse
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
