from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_bad_request import ErrorBadRequest
from ...models.error_forbidden_error import ErrorForbiddenError
from ...models.error_internal_server_error import ErrorInternalServerError
from ...models.error_not_found_error import ErrorNotFoundError
from ...models.error_unauthorized_error import ErrorUnauthorizedError
from ...models.error_validation_error import ErrorValidationError
from ...models.jobs_submit_job_request import JobsSubmitJobRequest
from ...models.success_success_response import SuccessSuccessResponse
from ...types import Response


def _get_kwargs(
    job_id: str,
    *,
    body: JobsSubmitJobRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/jobs/{job_id}/submit".format(
            job_id=quote(str(job_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ErrorBadRequest
    | ErrorForbiddenError
    | ErrorInternalServerError
    | ErrorNotFoundError
    | ErrorUnauthorizedError
    | ErrorValidationError
    | SuccessSuccessResponse
    | None
):
    if response.status_code == 200:
        response_200 = SuccessSuccessResponse.from_dict(response.json())

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
    ErrorBadRequest
    | ErrorForbiddenError
    | ErrorInternalServerError
    | ErrorNotFoundError
    | ErrorUnauthorizedError
    | ErrorValidationError
    | SuccessSuccessResponse
]:
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
    body: JobsSubmitJobRequest,
) -> Response[
    ErrorBadRequest
    | ErrorForbiddenError
    | ErrorInternalServerError
    | ErrorNotFoundError
    | ErrorUnauthorizedError
    | ErrorValidationError
    | SuccessSuccessResponse
]:
    """Submit a registered job

     Completes the submission of a job registered with `POST /jobs` whose input archive
    has been uploaded. Live service checks, in order: the job exists for the caller
    (404), its status is `registered` (400), the device exists (400 `device not found`),
    the device is available (400 `device <id> is not available`), the caller may use it
    (403), the input archive exists (400, the job stays `registered`).

    Args:
        job_id (str):
        body (JobsSubmitJobRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBadRequest | ErrorForbiddenError | ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError | ErrorValidationError | SuccessSuccessResponse]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: JobsSubmitJobRequest,
) -> (
    ErrorBadRequest
    | ErrorForbiddenError
    | ErrorInternalServerError
    | ErrorNotFoundError
    | ErrorUnauthorizedError
    | ErrorValidationError
    | SuccessSuccessResponse
    | None
):
    """Submit a registered job

     Completes the submission of a job registered with `POST /jobs` whose input archive
    has been uploaded. Live service checks, in order: the job exists for the caller
    (404), its status is `registered` (400), the device exists (400 `device not found`),
    the device is available (400 `device <id> is not available`), the caller may use it
    (403), the input archive exists (400, the job stays `registered`).

    Args:
        job_id (str):
        body (JobsSubmitJobRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBadRequest | ErrorForbiddenError | ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError | ErrorValidationError | SuccessSuccessResponse
    """

    return sync_detailed(
        job_id=job_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: JobsSubmitJobRequest,
) -> Response[
    ErrorBadRequest
    | ErrorForbiddenError
    | ErrorInternalServerError
    | ErrorNotFoundError
    | ErrorUnauthorizedError
    | ErrorValidationError
    | SuccessSuccessResponse
]:
    """Submit a registered job

     Completes the submission of a job registered with `POST /jobs` whose input archive
    has been uploaded. Live service checks, in order: the job exists for the caller
    (404), its status is `registered` (400), the device exists (400 `device not found`),
    the device is available (400 `device <id> is not available`), the caller may use it
    (403), the input archive exists (400, the job stays `registered`).

    Args:
        job_id (str):
        body (JobsSubmitJobRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorBadRequest | ErrorForbiddenError | ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError | ErrorValidationError | SuccessSuccessResponse]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: JobsSubmitJobRequest,
) -> (
    ErrorBadRequest
    | ErrorForbiddenError
    | ErrorInternalServerError
    | ErrorNotFoundError
    | ErrorUnauthorizedError
    | ErrorValidationError
    | SuccessSuccessResponse
    | None
):
    """Submit a registered job

     Completes the submission of a job registered with `POST /jobs` whose input archive
    has been uploaded. Live service checks, in order: the job exists for the caller
    (404), its status is `registered` (400), the device exists (400 `device not found`),
    the device is available (400 `device <id> is not available`), the caller may use it
    (403), the input archive exists (400, the job stays `registered`).

    Args:
        job_id (str):
        body (JobsSubmitJobRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorBadRequest | ErrorForbiddenError | ErrorInternalServerError | ErrorNotFoundError | ErrorUnauthorizedError | ErrorValidationError | SuccessSuccessResponse
    """

    return (
        await asyncio_detailed(
            job_id=job_id,
            client=client,
            body=body,
        )
    ).parsed
