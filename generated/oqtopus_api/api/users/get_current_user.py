from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_internal_server_error import ErrorInternalServerError
from ...models.error_not_found_error import ErrorNotFoundError
from ...models.error_unauthorized_error import ErrorUnauthorizedError
from ...models.users_get_one_user_response import UsersGetOneUserResponse
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/users/me",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError | UsersGetOneUserResponse | None:
    if response.status_code == 200:
        response_200 = UsersGetOneUserResponse.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ErrorUnauthorizedError.from_dict(response.json())

        return response_401

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
) -> Response[ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError | UsersGetOneUserResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError | UsersGetOneUserResponse]:
    """Get the caller's user record

     Fields outside the service's visible fields come back null.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError | UsersGetOneUserResponse]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError | UsersGetOneUserResponse | None:
    """Get the caller's user record

     Fields outside the service's visible fields come back null.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError | UsersGetOneUserResponse
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError | UsersGetOneUserResponse]:
    """Get the caller's user record

     Fields outside the service's visible fields come back null.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError | UsersGetOneUserResponse]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError | UsersGetOneUserResponse | None:
    """Get the caller's user record

     Fields outside the service's visible fields come back null.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError | UsersGetOneUserResponse
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
