from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_bad_request import ErrorBadRequest
from ...models.error_internal_server_error import ErrorInternalServerError
from ...models.error_not_found_error import ErrorNotFoundError
from ...models.error_unauthorized_error import ErrorUnauthorizedError
from ...models.error_validation_error import ErrorValidationError
from ...models.users_get_one_user_response import UsersGetOneUserResponse
from ...models.users_update_user_request import UsersUpdateUserRequest
from ...types import Response


def _get_kwargs(
    *,
    body: UsersUpdateUserRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/users/me",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ErrorBadRequest
    | ErrorInternalServerError
    | ErrorNotFoundError
    | ErrorUnauthorizedError
    | ErrorValidationError
    | UsersGetOneUserResponse
    | None
):
    if response.status_code == 200:
        response_200 = UsersGetOneUserResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorBadRequest.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorUnauthorizedError.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorNotFoundError.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = ErrorValidationError.from_dict(response.json())

        return response_422

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
    ErrorBadRequest
    | ErrorInternalServerError
    | ErrorNotFoundError
    | ErrorUnauthorizedError
    | ErrorValidationError
    | UsersGetOneUserResponse
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: UsersUpdateUserRequest,
) -> Response[
    ErrorBadRequest
    | ErrorInternalServerError
    | ErrorNotFoundError
    | ErrorUnauthorizedError
    | ErrorValidationError
    | UsersGetOneUserResponse
]:
    """Update the caller's name or organization

     Live service: editing a field that is not editable gives 401 `<field> field is disabled for
    updates`.

    Args:
        body (UsersUpdateUserRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBadRequest | ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError | ErrorValidationError | UsersGetOneUserResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: UsersUpdateUserRequest,
) -> (
    ErrorBadRequest
    | ErrorInternalServerError
    | ErrorNotFoundError
    | ErrorUnauthorizedError
    | ErrorValidationError
    | UsersGetOneUserResponse
    | None
):
    """Update the caller's name or organization

     Live service: editing a field that is not editable gives 401 `<field> field is disabled for
    updates`.

    Args:
        body (UsersUpdateUserRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBadRequest | ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError | ErrorValidationError | UsersGetOneUserResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: UsersUpdateUserRequest,
) -> Response[
    ErrorBadRequest
    | ErrorInternalServerError
    | ErrorNotFoundError
    | ErrorUnauthorizedError
    | ErrorValidationError
    | UsersGetOneUserResponse
]:
    """Update the caller's name or organization

     Live service: editing a field that is not editable gives 401 `<field> field is disabled for
    updates`.

    Args:
        body (UsersUpdateUserRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBadRequest | ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError | ErrorValidationError | UsersGetOneUserResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: UsersUpdateUserRequest,
) -> (
    ErrorBadRequest
    | ErrorInternalServerError
    | ErrorNotFoundError
    | ErrorUnauthorizedError
    | ErrorValidationError
    | UsersGetOneUserResponse
    | None
):
    """Update the caller's name or organization

     Live service: editing a field that is not editable gives 401 `<field> field is disabled for
    updates`.

    Args:
        body (UsersUpdateUserRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBadRequest | ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError | ErrorValidationError | UsersGetOneUserResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
