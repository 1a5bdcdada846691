from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_bad_request import ErrorBadRequest
from ...models.error_internal_server_error import ErrorInternalServerError
from ...models.error_not_found_error import ErrorNotFoundError
from ...models.error_unauthorized_error import ErrorUnauthorizedError
from ...models.jobs_job import JobsJob
from ...types import Response


def _get_kwargs(
    job_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/jobs/{job_id}".format(
            job_id=quote(str(job_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBadRequest | ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError | JobsJob | None:
    if response.status_code == 200:
        response_200 = JobsJob.from_dict(response.json())

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

    if response.status_code == 500:
        response_500 = ErrorInternalServerError.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorBadRequest | ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError | JobsJob]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorBadRequest | ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError | JobsJob]:
    """Get a job

     Live service: a registered job is `{"job_id", "status"}` only. Any other job carries
    `job_info` with a fresh presigned GET URL for each archive that exists, and leaves
    null fields out.

    Args:
        job_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBadRequest | ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError | JobsJob]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorBadRequest | ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError | JobsJob | None:
    """Get a job

     Live service: a registered job is `{"job_id", "status"}` only. Any other job carries
    `job_info` with a fresh presigned GET URL for each archive that exists, and leaves
    null fields out.

    Args:
        job_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBadRequest | ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError | JobsJob
    """

    return sync_detailed(
        job_id=job_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorBadRequest | ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError | JobsJob]:
    """Get a job

     Live service: a registered job is `{"job_id", "status"}` only. Any other job carries
    `job_info` with a fresh presigned GET URL for each archive that exists, and leaves
    null fields out.

    Args:
        job_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBadRequest | ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError | JobsJob]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorBadRequest | ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError | JobsJob | None:
    """Get a job

     Live service: a registered job is `{"job_id", "status"}` only. Any other job carries
    `job_info` with a fresh presigned GET URL for each archive that exists, and leaves
    null fields out.

    Args:
        job_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBadRequest | ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError | JobsJob
    """

    return (
        await asyncio_detailed(
            job_id=job_id,
            client=client,
        )
    ).parsed
