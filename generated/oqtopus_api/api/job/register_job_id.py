from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_bad_request import ErrorBadRequest
from ...models.error_internal_server_error import ErrorInternalServerError
from ...models.error_unauthorized_error import ErrorUnauthorizedError
from ...models.jobs_register_job_response import JobsRegisterJobResponse
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/jobs",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorBadRequest | ErrorInternalServerError | ErrorUnauthorizedError | JobsRegisterJobResponse | None:
    if response.status_code == 200:
        response_200 = JobsRegisterJobResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorBadRequest.from_dict(response.json())

        return response_400

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
) -> Response[ErrorBadRequest | ErrorInternalServerError | ErrorUnauthorizedError | JobsRegisterJobResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorBadRequest | ErrorInternalServerError | ErrorUnauthorizedError | JobsRegisterJobResponse]:
    """Register a job

     Creates a job in status `registered` and returns a presigned POST for uploading its
    input archive (a zip holding one JSON document shaped like `jobs.S3SubmitJobInfo`)
    under the key `<job_id>/input.zip`. Any request body is ignored.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBadRequest | ErrorInternalServerError | ErrorUnauthorizedError | JobsRegisterJobResponse]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> ErrorBadRequest | ErrorInternalServerError | ErrorUnauthorizedError | JobsRegisterJobResponse | None:
    """Register a job

     Creates a job in status `registered` and returns a presigned POST for uploading its
    input archive (a zip holding one JSON document shaped like `jobs.S3SubmitJobInfo`)
    under the key `<job_id>/input.zip`. Any request body is ignored.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBadRequest | ErrorInternalServerError | ErrorUnauthorizedError | JobsRegisterJobResponse
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorBadRequest | ErrorInternalServerError | ErrorUnauthorizedError | JobsRegisterJobResponse]:
    """Register a job

     Creates a job in status `registered` and returns a presigned POST for uploading its
    input archive (a zip holding one JSON document shaped like `jobs.S3SubmitJobInfo`)
    under the key `<job_id>/input.zip`. Any request body is ignored.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBadRequest | ErrorInternalServerError | ErrorUnauthorizedError | JobsRegisterJobResponse]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> ErrorBadRequest | ErrorInternalServerError | ErrorUnauthorizedError | JobsRegisterJobResponse | None:
    """Register a job

     Creates a job in status `registered` and returns a presigned POST for uploading its
    input archive (a zip holding one JSON document shaped like `jobs.S3SubmitJobInfo`)
    under the key `<job_id>/input.zip`. Any request body is ignored.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBadRequest | ErrorInternalServerError | ErrorUnauthorizedError | JobsRegisterJobResponse
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
