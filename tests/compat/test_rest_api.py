"""The reference's low-level async layer (``rest.ApiClient``, ``rest.Configuration``, the API
classes) on oqtopus_sdk, against the emulator; and its parameters against the reference's."""

from __future__ import annotations

import asyncio
import importlib
import inspect
import socket
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from oqtopus_sdk import OqtopusJobSpec, rest
from oqtopus_sdk.errors import OqtopusConnectionError
from oqtopus_sdk.local import LocalOqtopus
from oqtopus_sdk.rest import exceptions
from oqtopus_sdk.rest.api import (
    AnnouncementsApi,
    ApiTokenApi,
    DeviceApi,
    JobApi,
    SettingsApi,
    UsersApi,
)
from oqtopus_sdk.rest.models import JobsJobStatus, UsersUpdateUserRequest
from oqtopus_sdk.services.storage import OqtopusStorage
from tests.compat.conftest import BELL, DEVICE
from tests.compat.reference_surface import reference_root

API_CLASSES = [AnnouncementsApi, ApiTokenApi, DeviceApi, JobApi, SettingsApi, UsersApi]


@pytest.fixture
async def api_client(server: LocalOqtopus) -> AsyncIterator[rest.ApiClient]:
    async with rest.ApiClient(rest.Configuration(host=server.base_url)) as client:
        client.set_default_header("q-api-token", server.api_token)
        yield client


async def _run_bell(jobs: JobApi, shots: int = 50) -> str:
    spec = OqtopusJobSpec.sampling(device_id=DEVICE, program=BELL, shots=shots)
    registered = await jobs.register_job_id()
    await OqtopusStorage.upload(registered.presigned_url, spec.to_s3_submit_job_info().to_dict())
    ok = await jobs.submit_job(registered.job_id, jobs_submit_job_request=spec.to_model())
    assert ok.message
    for _ in range(1000):
        status = await jobs.get_job_status(registered.job_id)
        if status.status in (JobsJobStatus.SUCCEEDED, JobsJobStatus.FAILED):
            break
        await asyncio.sleep(0.02)
    assert status.status == JobsJobStatus.SUCCEEDED
    job_id: str = registered.job_id
    return job_id


async def test_job_lifecycle_by_hand(api_client: rest.ApiClient) -> None:
    jobs = JobApi(api_client)
    job_id = await _run_bell(jobs)
    job = await jobs.get_job(job_id)
    assert isinstance(job, rest.JobsJob)
    assert job.status == JobsJobStatus.SUCCEEDED
    listed = await jobs.list_jobs(status=JobsJobStatus.SUCCEEDED, size=100, order="DESC")
    assert job_id in {j.job_id for j in listed}
    raw = await jobs.get_job_without_preload_content(job_id)
    assert isinstance(raw, httpx.Response)
    assert (await raw.aread()).startswith(b"{")
    await raw.aclose()
    with pytest.raises(exceptions.ApiException) as refused:
        await jobs.cancel_job(job_id)  # finished
    assert 400 <= (refused.value.status or 0) < 500
    deleted = await jobs.delete_job(job_id=job_id)
    assert deleted.message
    with pytest.raises(exceptions.NotFoundException):
        await jobs.get_job(job_id)


async def test_devices_token_announcements_user_settings(api_client: rest.ApiClient) -> None:
    devices = await DeviceApi(api_client).list_devices()
    assert DEVICE in {d.device_id for d in devices}
    info = await DeviceApi(api_client).get_device_with_http_info(DEVICE)
    assert info.status_code == 200
    assert info.data.device_id == DEVICE
    assert (await ApiTokenApi(api_client).get_api_token_status()).api_token_expiration
    announcements = await AnnouncementsApi(api_client).get_announcements_list(limit=1)
    assert len(announcements.announcements) <= 1
    user = await UsersApi(api_client).get_current_user()
    assert user is not None
    updated = await UsersApi(api_client).update_current_user(
        UsersUpdateUserRequest.from_dict({"name": "Renamed"})
    )
    assert updated is not None
    assert await SettingsApi(api_client).get_current_settings() is not None


async def test_errors_keep_the_reference_shape(server: LocalOqtopus) -> None:
    config = rest.Configuration(host=server.base_url)
    async with rest.ApiClient(config, header_name="q-api-token", header_value="x.wrong") as bad:
        with pytest.raises(exceptions.ApiException) as caught:
            await DeviceApi(bad).list_devices()
    assert caught.value.status in (401, 403)
    assert caught.value.body
    assert str(caught.value).startswith(f"({caught.value.status})\nReason: ")
    with pytest.raises(exceptions.ApiValueError, match="job_id"):
        await JobApi(bad).get_job(None)


async def test_unreachable_host_is_our_connection_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = rest.Configuration(host=f"http://127.0.0.1:{port}", retries=2)
    async with rest.ApiClient(config) as client:
        with pytest.raises(OqtopusConnectionError):
            await DeviceApi(client).list_devices(_request_timeout=2)


async def test_retries_idempotent_5xx_only(
    server: LocalOqtopus, api_client: rest.ApiClient
) -> None:
    api_client.configuration.retries = 3
    server.faults.fail_next("list_devices", 2, "503")
    assert await DeviceApi(api_client).list_devices()
    api_client.configuration.retries = None
    server.faults.fail_next("list_devices", 1, "503")
    with pytest.raises(exceptions.ServiceException):
        await DeviceApi(api_client).list_devices()


def test_headers_user_agent_and_auth_settings() -> None:
    client = rest.ApiClient(
        rest.Configuration(host="http://h", access_token="s3cr3t"), cookie="c=1"
    )
    assert client.user_agent.startswith("oqtopus-sdk/")
    client.user_agent = "mine/1"
    headers, query = client._headers(
        {"in": "query", "key": "k", "value": "v"}, None, {"X": "1"}, True
    )
    assert query == {"k": "v"}
    assert headers["User-Agent"] == "mine/1"
    assert headers["Content-Type"] == "application/json"
    assert headers["X"] == "1"
    headers, query = client._headers(None, None, None, False)
    assert headers["Authorization"] == "Bearer s3cr3t"
    assert headers["Cookie"] == "c=1"
    assert query == {}
    assert "s3cr3t" not in repr(client.configuration)


needs_reference = pytest.mark.skipif(reference_root() is None, reason="no oqtopus-client")


def _params(function: Any) -> list[tuple[str, Any, Any]]:
    return [(p.name, p.kind, p.default) for p in inspect.signature(function).parameters.values()]


@needs_reference
@pytest.mark.parametrize("cls", API_CLASSES, ids=lambda c: c.__name__)
def test_api_classes_take_the_reference_parameters(cls: type) -> None:
    reference = getattr(importlib.import_module("oqtopus_client.rest.api"), cls.__name__)
    theirs = {n for n in vars(reference) if not n.startswith("_")}
    ours = {n for n in dir(cls) if not n.startswith("_")}
    assert theirs - ours == set()
    for name in theirs:
        assert _params(getattr(cls, name)) == _params(getattr(reference, name)), name
        assert inspect.iscoroutinefunction(getattr(cls, name)), name


@needs_reference
@pytest.mark.parametrize("name", ["ApiClient", "Configuration", "ApiResponse"])
def test_infrastructure_takes_the_reference_parameters(name: str) -> None:
    reference = getattr(importlib.import_module("oqtopus_client.rest"), name)
    ours = getattr(rest, name)
    assert [p[0] for p in _params(ours)] == [p[0] for p in _params(reference)]
