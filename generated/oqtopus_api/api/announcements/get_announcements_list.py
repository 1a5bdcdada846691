import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.announcements_get_announcements_list_response import AnnouncementsGetAnnouncementsListResponse
from ...models.error_forbidden_error import ErrorForbiddenError
from ...models.error_internal_server_error import ErrorInternalServerError
from ...models.error_unauthorized_error import ErrorUnauthorizedError
from ...models.error_validation_error import ErrorValidationError
from ...models.get_announcements_list_order import GetAnnouncementsListOrder
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    order: GetAnnouncementsListOrder | Unset = UNSET,
    current_time: datetime.datetime | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["offset"] = offset

    params["limit"] = limit

    json_order: str | Unset = UNSET
    if not isinstance(order, Unset):
        json_order = order.value

    params["order"] = json_order

    json_current_time: str | Unset = UNSET
    if not isinstance(current_time, Unset):
        json_current_time = current_time.isoformat()
    params["current_time"] = json_current_time

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/announcements",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    AnnouncementsGetAnnouncementsListResponse
    | ErrorForbiddenError
    | ErrorInternalServerError
    | ErrorUnauthorizedError
    | ErrorValidationError
    | None
):
    if response.status_code == 200:
        response_200 = AnnouncementsGetAnnouncementsListResponse.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ErrorUnauthorizedError.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorForbiddenError.from_dict(response.json())

        return response_403

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
    AnnouncementsGetAnnouncementsListResponse
    | ErrorForbiddenError
    | ErrorInternalServerError
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
    *,
    client: AuthenticatedClient | Client,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    order: GetAnnouncementsListOrder | Unset = UNSET,
    current_time: datetime.datetime | Unset = UNSET,
) -> Response[
    AnnouncementsGetAnnouncementsListResponse
    | ErrorForbiddenError
    | ErrorInternalServerError
    | ErrorUnauthorizedError
    | ErrorValidationError
]:
    """List announcements

    Args:
        offset (int | Unset):
        limit (int | Unset):
        order (GetAnnouncementsListOrder | Unset):
        current_time (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AnnouncementsGetAnnouncementsListResponse | ErrorForbiddenError | ErrorInternalServerError | ErrorUnauthorizedError | ErrorValidationError]
    """

    kwargs = _get_kwargs(
        offset=offset,
        limit=limit,
        order=order,
        current_time=current_time,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    order: GetAnnouncementsListOrder | Unset = UNSET,
    current_time: datetime.datetime | Unset = UNSET,
) -> (
    AnnouncementsGetAnnouncementsListResponse
    | ErrorForbiddenError
    | ErrorInternalServerError
    | ErrorUnauthorizedError
    | ErrorValidationError
    | None
):
    """List announcements

    Args:
        offset (int | Unset):
        limit (int | Unset):
        order (GetAnnouncementsListOrder | Unset):
        current_time (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AnnouncementsGetAnnouncementsListResponse | ErrorForbiddenError | ErrorInternalServerError | ErrorUnauthorizedError | ErrorValidationError
    """

    return sync_detailed(
        client=client,
        offset=offset,
        limit=limit,
        order=order,
        current_time=current_time,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    order: GetAnnouncementsListOrder | Unset = UNSET,
    current_time: datetime.datetime | Unset = UNSET,
) -> Response[
    AnnouncementsGetAnnouncementsListResponse
    | ErrorForbiddenError
    | ErrorInternalServerError
    | ErrorUnauthorizedError
    | ErrorValidationError
]:
    """List announcements

    Args:
        offset (int | Unset):
        limit (int | Unset):
        order (GetAnnouncementsListOrder | Unset):
        current_time (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AnnouncementsGetAnnouncementsListResponse | ErrorForbiddenError | ErrorInternalServerError | ErrorUnauthorizedError | ErrorValidationError]
    """

    kwargs = _get_kwargs(
        offset=offset,
        limit=limit,
        order=order,
        current_time=current_time,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    offset: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    order: GetAnnouncementsListOrder | Unset = UNSET,
    current_time: datetime.datetime | Unset = UNSET,
) -> (
    AnnouncementsGetAnnouncementsListResponse
    | ErrorForbiddenError
    | ErrorInternalServerError
    | ErrorUnauthorizedError
    | ErrorValidationError
    | None
):
    """List announcements

    Args:
        offset (int | Unset):
        limit (int | Unset):
        order (GetAnnouncementsListOrder | Unset):
        current_time (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AnnouncementsGetAnnouncementsListResponse | ErrorForbiddenError | ErrorInternalServerError | ErrorUnauthorizedError | ErrorValidationError
    """

    return (
        await asyncio_detailed(
            client=client,
            offset=offset,
            limit=limit,
            order=order,
            current_time=current_time,
        )
    ).parsed
