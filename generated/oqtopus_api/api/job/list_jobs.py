import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_bad_request import ErrorBadRequest
from ...models.error_internal_server_error import ErrorInternalServerError
from ...models.error_unauthorized_error import ErrorUnauthorizedError
from ...models.error_validation_error import ErrorValidationError
from ...models.jobs_job import JobsJob
from ...models.jobs_job_status import JobsJobStatus
from ...models.list_jobs_order import ListJobsOrder
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    fields: str | Unset = UNSET,
    start_time: datetime.datetime | Unset = UNSET,
    end_time: datetime.datetime | Unset = UNSET,
    status: JobsJobStatus | Unset = UNSET,
    q: str | Unset = UNSET,
    page: int | Unset = UNSET,
    size: int | Unset = UNSET,
    order: ListJobsOrder | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["fields"] = fields

    json_start_time: str | Unset = UNSET
    if not isinstance(start_time, Unset):
        json_start_time = start_time.isoformat()
    params["start_time"] = json_start_time

    json_end_time: str | Unset = UNSET
    if not isinstance(end_time, Unset):
        json_end_time = end_time.isoformat()
    params["end_time"] = json_end_time

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["q"] = q

    params["page"] = page

    params["size"] = size

    json_order: str | Unset = UNSET
    if not isinstance(order, Unset):
        json_order = order.value

    params["order"] = json_order

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/jobs",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBadRequest | ErrorInternalServerError | ErrorUnauthorizedError | ErrorValidationError | list[JobsJob] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = JobsJob.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200

    if response.status_code == 400:
        response_400 = ErrorBadRequest.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorUnauthorizedError.from_dict(response.json())

        return response_401

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
    ErrorBadRequest | ErrorInternalServerError | ErrorUnauthorizedError | ErrorValidationError | list[JobsJob]
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
    fields: str | Unset = UNSET,
    start_time: datetime.datetime | Unset = UNSET,
    end_time: datetime.datetime | Unset = UNSET,
    status: JobsJobStatus | Unset = UNSET,
    q: str | Unset = UNSET,
    page: int | Unset = UNSET,
    size: int | Unset = UNSET,
    order: ListJobsOrder | Unset = UNSET,
) -> Response[
    ErrorBadRequest | ErrorInternalServerError | ErrorUnauthorizedError | ErrorValidationError | list[JobsJob]
]:
    """List the caller's jobs

     Live service: the response is a bare array with no `Link` header and no envelope.
    A page past the last one is an empty array. Jobs are ordered by their internal
    creation time, then id; `start_time`/`end_time` filter on `submitted_at`; `q`
    matches the job id, name or description.

    Args:
        fields (str | Unset):
        start_time (datetime.datetime | Unset):
        end_time (datetime.datetime | Unset):
        status (JobsJobStatus | Unset): `succeeded`, `failed` and `cancelled` are terminal. Live
            service: `cancelling` is
            never produced by the current user API.
        q (str | Unset):
        page (int | Unset):
        size (int | Unset):
        order (ListJobsOrder | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBadRequest | ErrorInternalServerError | ErrorUnauthorizedError | ErrorValidationError | list[JobsJob]]
    """

    kwargs = _get_kwargs(
        fields=fields,
        start_time=start_time,
        end_time=end_time,
        status=status,
        q=q,
        page=page,
        size=size,
        order=order,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    fields: str | Unset = UNSET,
    start_time: datetime.datetime | Unset = UNSET,
    end_time: datetime.datetime | Unset = UNSET,
    status: JobsJobStatus | Unset = UNSET,
    q: str | Unset = UNSET,
    page: int | Unset = UNSET,
    size: int | Unset = UNSET,
    order: ListJobsOrder | Unset = UNSET,
) -> ErrorBadRequest | ErrorInternalServerError | ErrorUnauthorizedError | ErrorValidationError | list[JobsJob] | None:
    """List the caller's jobs

     Live service: the response is a bare array with no `Link` header and no envelope.
    A page past the last one is an empty array. Jobs are ordered by their internal
    creation time, then id; `start_time`/`end_time` filter on `submitted_at`; `q`
    matches the job id, name or description.

    Args:
        fields (str | Unset):
        start_time (datetime.datetime | Unset):
        end_time (datetime.datetime | Unset):
        status (JobsJobStatus | Unset): `succeeded`, `failed` and `cancelled` are terminal. Live
            service: `cancelling` is
            never produced by the current user API.
        q (str | Unset):
        page (int | Unset):
        size (int | Unset):
        order (ListJobsOrder | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBadRequest | ErrorInternalServerError | ErrorUnauthorizedError | ErrorValidationError | list[JobsJob]
    """

    return sync_detailed(
        client=client,
        fields=fields,
        start_time=start_time,
        end_time=end_time,
        status=status,
        q=q,
        page=page,
        size=size,
        order=order,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    fields: str | Unset = UNSET,
    start_time: datetime.datetime | Unset = UNSET,
    end_time: datetime.datetime | Unset = UNSET,
    status: JobsJobStatus | Unset = UNSET,
    q: str | Unset = UNSET,
    page: int | Unset = UNSET,
    size: int | Unset = UNSET,
    order: ListJobsOrder | Unset = UNSET,
) -> Response[
    ErrorBadRequest | ErrorInternalServerError | ErrorUnauthorizedError | ErrorValidationError | list[JobsJob]
]:
    """List the caller's jobs

     Live service: the response is a bare array with no `Link` header and no envelope.
    A page past the last one is an empty array. Jobs are ordered by their internal
    creation time, then id; `start_time`/`end_time` filter on `submitted_at`; `q`
    matches the job id, name or description.

    Args:
        fields (str | Unset):
        start_time (datetime.datetime | Unset):
        end_time (datetime.datetime | Unset):
        status (JobsJobStatus | Unset): `succeeded`, `failed` and `cancelled` are terminal. Live
            service: `cancelling` is
            never produced by the current user API.
        q (str | Unset):
        page (int | Unset):
        size (int | Unset):
        order (ListJobsOrder | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBadRequest | ErrorInternalServerError | ErrorUnauthorizedError | ErrorValidationError | list[JobsJob]]
    """

    kwargs = _get_kwargs(
        fields=fields,
        start_time=start_time,
        end_time=end_time,
        status=status,
        q=q,
        page=page,
        size=size,
        order=order,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    fields: str | Unset = UNSET,
    start_time: datetime.datetime | Unset = UNSET,
    end_time: datetime.datetime | Unset = UNSET,
    status: JobsJobStatus | Unset = UNSET,
    q: str | Unset = UNSET,
    page: int | Unset = UNSET,
    size: int | Unset = UNSET,
    order: ListJobsOrder | Unset = UNSET,
) -> ErrorBadRequest | ErrorInternalServerError | ErrorUnauthorizedError | ErrorValidationError | list[JobsJob] | None:
    """List the caller's jobs

     Live service: the response is a bare array with no `Link` header and no envelope.
    A page past the last one is an empty array. Jobs are ordered by their internal
    creation time, then id; `start_time`/`end_time` filter on `submitted_at`; `q`
    matches the job id, name or description.

    Args:
        fields (str | Unset):
        start_time (datetime.datetime | Unset):
        end_time (datetime.datetime | Unset):
        status (JobsJobStatus | Unset): `succeeded`, `failed` and `cancelled` are terminal. Live
            service: `cancelling` is
            never produced by the current user API.
        q (str | Unset):
        page (int | Unset):
        size (int | Unset):
        order (ListJobsOrder | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBadRequest | ErrorInternalServerError | ErrorUnauthorizedError | ErrorValidationError | list[JobsJob]
    """

    return (
        await asyncio_detailed(
            client=client,
            fields=fields,
            start_time=start_time,
            end_time=end_time,
            status=status,
            q=q,
            page=page,
            size=size,
            order=order,
        )
    ).parsed
