from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.announcements_get_announcement_response import AnnouncementsGetAnnouncementResponse
from ...models.error_bad_request import ErrorBadRequest
from ...models.error_forbidden_error import ErrorForbiddenError
from ...models.error_internal_server_error import ErrorInternalServerError
from ...models.error_not_found_error import ErrorNotFoundError
from ...models.error_unauthorized_error import ErrorUnauthorizedError
from ...models.error_validation_error import ErrorValidationError
from ...types import Response


def _get_kwargs(
    announcement_id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/announcements/{announcement_id}".format(
            announcement_id=quote(str(announcement_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    AnnouncementsGetAnnouncementResponse
    | ErrorBadRequest
    | ErrorForbiddenError
    | ErrorInternalServerError
    | ErrorNotFoundError
    | ErrorUnauthorizedError
    | ErrorValidationError
    | None
):
    if response.status_code == 200:
        response_200 = AnnouncementsGetAnnouncementResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorBadRequest.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorUnauthorizedError.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorForbiddenError.from_dict(response.json())

        return response_403

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
    AnnouncementsGetAnnouncementResponse
    | ErrorBadRequest
    | ErrorForbiddenError
    | ErrorInternalServerError
    | ErrorNotFoundError
    | ErrorUnauthorizedError
    | ErrorValidationError
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    announcement_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[
    AnnouncementsGetAnnouncementResponse
    | ErrorBadRequest
    | ErrorForbiddenError
    | ErrorInternalServerError
    | ErrorNotFoundError
    | ErrorUnauthorizedError
    | ErrorValidationError
]:
    """Get one announcement

    Args:
        announcement_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AnnouncementsGetAnnouncementResponse | ErrorBadRequest | ErrorForbiddenError | ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError | ErrorValidationError]
    """

    kwargs = _get_kwargs(
        announcement_id=announcement_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    announcement_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> (
    AnnouncementsGetAnnouncementResponse
    | ErrorBadRequest
    | ErrorForbiddenError
    | ErrorInternalServerError
    | ErrorNotFoundError
    | ErrorUnauthorizedError
    | ErrorValidationError
    | None
):
    """Get one announcement

    Args:
        announcement_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AnnouncementsGetAnnouncementResponse | ErrorBadRequest | ErrorForbiddenError | ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError | ErrorValidationError
    """

    return sync_detailed(
        announcement_id=announcement_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    announcement_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[
    AnnouncementsGetAnnouncementResponse
    | ErrorBadRequest
    | ErrorForbiddenError
    | ErrorInternalServerError
    | ErrorNotFoundError
    | ErrorUnauthorizedError
    | ErrorValidationError
]:
    """Get one announcement

    Args:
        announcement_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AnnouncementsGetAnnouncementResponse | ErrorBadRequest | ErrorForbiddenError | ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError | ErrorValidationError]
    """

    kwargs = _get_kwargs(
        announcement_id=announcement_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    announcement_id: int,
    *,
    client: AuthenticatedClient | Client,
) -> (
    AnnouncementsGetAnnouncementResponse
    | ErrorBadRequest
    | ErrorForbiddenError
    | ErrorInternalServerError
    | ErrorNotFoundError
    | ErrorUnauthorizedError
    | ErrorValidationError
    | None
):
    """Get one announcement

    Args:
        announcement_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AnnouncementsGetAnnouncementResponse | ErrorBadRequest | ErrorForbiddenError | ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError | ErrorValidationError
    """

    return (
        await asyncio_detailed(
            announcement_id=announcement_id,
            client=client,
        )
    ).parsed
