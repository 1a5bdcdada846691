"""AsyncOqtopusClient: the same flows driven by asyncio (httpx.AsyncClient, no threads)."""

from __future__ import annotations

import asyncio
import json
import threading
from typing import Any

import httpx
import pytest
from fake_api import TOKEN, FakeApi, FakeTime, unzip_one, zip_one

from oqtopus_sdk import AsyncOqtopusClient, OqtopusConfig, OqtopusJobSpec

BASE = "https://api.test"


@pytest.fixture
def api() -> FakeApi:
    return FakeApi()


@pytest.fixture
def clock() -> FakeTime:
    return FakeTime()


@pytest.fixture
async def client(api: FakeApi, clock: FakeTime, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.delenv("OQTOPUS_ENV", raising=False)
    async with AsyncOqtopusClient(
        OqtopusConfig(base_url=BASE, api_token=TOKEN),
        transport=api.async_transport(),
        sleep=clock.asleep,
        clock=clock.clock,
    ) as c:
        yield c
    assert c._driver.http.is_closed


def spec() -> OqtopusJobSpec:
    return OqtopusJobSpec.sampling(device_id="qulacs", program="OPENQASM 3;", shots=10)


def submitted(api: FakeApi, job_id: str, **kwargs: Any) -> None:
    job = api.add_job(job_id, **kwargs)
    job.status = kwargs.get("status", "succeeded")
    job.body = {"device_id": "qulacs", "job_type": job.job_type, "shots": 10}


async def test_methods_are_coroutines_with_reference_names() -> None:
    import inspect

    for name in ["get_job", "wait_for_job", "run_job", "submit_job", "submit_jobs", "wait_for_jobs",
                 "run_jobs_batch", "list_devices", "get_sselog", "cancel_job", "aclose", "close"]:  # fmt: skip
        assert inspect.iscoroutinefunction(getattr(AsyncOqtopusClient, name)), name


async def test_run_sampling_end_to_end_without_threads(
    client: AsyncOqtopusClient, api: FakeApi
) -> None:
    threads_before = threading.active_count()
    result = await client.run_sampling(spec())
    assert threading.active_count() == threads_before
    assert result.get_counts() == {"00": 6, "11": 4}
    assert api.last_upload_fields[-1] == "file"
    assert unzip_one(api.jobs["job-1"].input_zip or b"")[0] == "input.json"
    assert api.requests[0].headers["q-api-token"] == TOKEN
    assert all("q-api-token" not in r.headers for r in api.requests if r.url.host == "storage.test")


async def test_job_reads_download_concurrently_and_the_rest_lazily(
    client: AsyncOqtopusClient, api: FakeApi
) -> None:
    transpiled = {"transpiled_program": "x", "stats": {}, "virtual_physical_mapping": {}}
    for job_id in ("j1", "j2"):
        submitted(
            api,
            job_id,
            extra_archives={
                "transpile_result": zip_one("transpile_result.json", json.dumps(transpiled))
            },
        )
    in_flight = {"now": 0, "max": 0}
    original = api.handle

    async def handler(request: httpx.Request) -> httpx.Response:
        await request.aread()
        if request.url.host == "storage.test":
            in_flight["now"] += 1
            in_flight["max"] = max(in_flight["max"], in_flight["now"])
            await asyncio.sleep(0)
            await asyncio.sleep(0)
            in_flight["now"] -= 1
        return original(request)

    client._driver.http._transport = httpx.MockTransport(handler)
    results = await client.wait_for_jobs(["j1", "j2"])
    assert [r.status for r in results] == ["succeeded", "succeeded"]
    assert in_flight["max"] >= 2  # the two jobs' result archives at once
    assert api.count("GET", "/dl/j1/transpile_result.zip") == 0  # read on first use
    await results[0].load_archives_async()
    assert api.count("GET", "/dl/j1/transpile_result.zip") == 1
    assert results[0].transpile_result["transpiled_program"] == "x"  # type: ignore[index]


async def test_as_completed_async(client: AsyncOqtopusClient, api: FakeApi) -> None:
    submitted(api, "slow", status="running", script=["running", "succeeded"])
    submitted(api, "fast", status="running", script=["succeeded"])
    order = [o.job_id async for o in client.as_completed(["slow", "fast"])]
    assert order == ["fast", "slow"]
