"""Both clients against a hostile server over real loopback HTTP (the review's scenarios).

Each test reproduces one misbehaviour that once broke the SDK: a Retry-After of a day
inside a 1 s wait, a body trickled byte by byte, JSON nested 100,000 levels deep, a gzip
bomb, a server echoing the token, storage URLs pointing at local files, and broken
archives after submission. Every test runs on the sync and the async client.
"""

from __future__ import annotations

import asyncio
import functools
import io
import json
import subprocess
import sys
import time
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from oqtopus_sdk import AsyncOqtopusClient, OqtopusClient, OqtopusConfig, OqtopusJobSpec
from oqtopus_sdk.errors import (
    ArchiveError,
    BadRequestError,
    JobTimeoutError,
    OqtopusTimeoutError,
    RateLimitError,
    ResponseValidationError,
    StorageError,
    SubmissionError,
    UnauthorizedError,
)
from tests.conftest import ROOT
from tests.hostile.server import HostileServer, Request, hostile_server

TOKEN = "hostile-id.TopSecretTokenValue42"
JOB = "01900000-0000-7000-8000-000000000001"
NESTED = b"[" * 100_000 + b"]" * 100_000
BOMB = 320 << 20
"""Inflated size of the gzip bomb: past the 256 MiB archive cap, cheap enough to build."""


@pytest.fixture
def server() -> Iterator[HostileServer]:
    with hostile_server() as running:
        yield running


@pytest.fixture(params=["sync", "async"])
def call(request: pytest.FixtureRequest, server: HostileServer) -> Any:
    """``call(method, *args, config_timeout=..., **kwargs)`` on a fresh client of the test's mode."""
    mode = request.param

    def run(name: str, *args: Any, config_timeout: float = 5.0, **kwargs: Any) -> Any:
        config = OqtopusConfig(base_url=server.base_url, api_token=TOKEN, timeout=config_timeout)
        if mode == "sync":
            with OqtopusClient(config) as client:
                return getattr(client, name)(*args, **kwargs)

        async def main() -> Any:
            async with AsyncOqtopusClient(config) as client:
                return await getattr(client, name)(*args, **kwargs)

        return asyncio.run(main())

    return run


def zipped(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


def job_record(server: HostileServer, **job_info: str) -> dict[str, Any]:
    return {
        "job_id": JOB, "name": "", "description": "", "job_type": "sampling",
        "status": "succeeded", "device_id": "SVSim", "shots": 10,
        "job_info": job_info, "submitted_at": "2026-01-01T00:00:00Z",
    }  # fmt: skip


def serve_submission(server: HostileServer) -> None:
    """Register, upload and submit succeed; the job is at once succeeded."""

    @server.route("POST", "/jobs")
    def register(request: Request) -> None:
        fields = {"key": f"{JOB}/input.zip"}
        request.json(
            200,
            {"job_id": JOB, "presigned_url": {"url": f"{server.base_url}/up", "fields": fields}},
        )

    server.route("POST", "/up")(lambda request: request.send(204))
    server.route("POST", f"/jobs/{JOB}/submit")(
        lambda request: request.json(200, {"message": "job submitted"})
    )
    server.route("GET", f"/jobs/{JOB}/status")(
        lambda request: request.json(200, {"job_id": JOB, "status": "succeeded"})
    )


# --- 1. deadlines are absolute ---------------------------------------------------------------
def test_a_day_of_retry_after_does_not_hold_a_short_wait(server: HostileServer, call: Any) -> None:
    server.route("GET", f"/jobs/{JOB}/status")(
        lambda request: request.json(503, {"message": "busy"}, {"Retry-After": "86400"})
    )
    started = time.monotonic()
    with pytest.raises(JobTimeoutError) as info:
        call("wait_for_job", JOB, timeout=1.0, interval=0.1)
    assert time.monotonic() - started < 3.0
    assert info.value.job_id == JOB


def test_a_plain_call_raises_at_once_when_the_retry_would_miss_its_deadline(
    server: HostileServer, call: Any
) -> None:
    server.route("GET", f"/jobs/{JOB}/status")(
        lambda request: request.json(429, {"message": "slow down"}, {"Retry-After": "86400"})
    )
    started = time.monotonic()
    with pytest.raises(RateLimitError) as info:
        call("get_job_status", JOB, config_timeout=2.0)
    assert time.monotonic() - started < 1.0
    assert info.value.retry_after == pytest.approx(86400)
    assert server.count("GET") == 1


# --- 2. timeout is a total per request ---------------------------------------------------------
def test_a_trickled_body_cannot_hold_the_timeout(server: HostileServer, call: Any) -> None:
    body = json.dumps({"job_id": JOB, "status": "running", "pad": "x" * 40}).encode()
    server.route("GET", f"/jobs/{JOB}/status")(lambda request: request.trickle(200, body, 0.3))
    started = time.monotonic()
    with pytest.raises(OqtopusTimeoutError):
        call("get_job_status", JOB, config_timeout=1.0)
    assert time.monotonic() - started < 1.8


def test_headers_then_silence_ends_at_the_timeout(server: HostileServer, call: Any) -> None:
    server.route("GET", f"/jobs/{JOB}/status")(
        lambda request: (request.send(200, b"", length=100), time.sleep(3))
    )
    started = time.monotonic()
    with pytest.raises(OqtopusTimeoutError):
        call("get_job_status", JOB, config_timeout=1.0)
    assert time.monotonic() - started < 1.8


# --- 3. no raw exception from any body ---------------------------------------------------------
def test_deeply_nested_json_never_leaks_recursion_error(server: HostileServer, call: Any) -> None:
    server.route("GET", f"/jobs/{JOB}/status")(lambda request: request.send(200, NESTED))
    with pytest.raises(ResponseValidationError, match="nested too deeply"):
        call("get_job_status", JOB)
    server.route("GET", f"/jobs/{JOB}/status")(lambda request: request.send(400, NESTED))
    with pytest.raises(BadRequestError):
        call("get_job_status", JOB)
    server.route("GET", f"/jobs/{JOB}")(
        lambda request: request.json(200, job_record(server, result=f"{server.base_url}/r.zip"))
    )
    server.route("GET", "/r.zip")(lambda request: request.send(200, zipped("result.json", NESTED)))
    with pytest.raises(ArchiveError, match="nested too deeply") as info:
        call("get_job", JOB)
    assert info.value.job_id == JOB


def test_an_oversized_api_answer_is_refused_while_reading(server: HostileServer, call: Any) -> None:
    from oqtopus_sdk import constants

    size = constants.MAX_API_RESPONSE_BYTES + 1024
    server.route("GET", f"/jobs/{JOB}/status")(lambda request: request.send(200, b" " * size))
    with pytest.raises(ResponseValidationError, match="larger than"):
        call("get_job_status", JOB)


# --- 4. compressed transfer bombs --------------------------------------------------------------
@functools.cache
def gzip_bomb(inflated: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: gzip framing
    zeros = bytes(1 << 20)
    parts = [compressor.compress(zeros) for _ in range(inflated >> 20)]
    return b"".join(parts) + compressor.flush()


def test_a_gzip_bomb_download_is_stopped_at_the_cap(server: HostileServer, call: Any) -> None:
    bomb = gzip_bomb(BOMB)
    assert len(bomb) < 1 << 20
    server.route("GET", f"/jobs/{JOB}")(
        lambda request: request.json(200, job_record(server, result=f"{server.base_url}/r.zip"))
    )
    server.route("GET", "/r.zip")(
        lambda request: request.send(200, bomb, {"Content-Encoding": "gzip"})
    )
    with pytest.raises(ArchiveError, match="larger than") as info:
        call("get_job", JOB)
    assert info.value.job_id == JOB


def test_a_gzip_bomb_keeps_memory_bounded() -> None:
    """Peak RSS of a fresh process grows by less than the cap plus a small margin."""
    script = f"""
import resource, sys
sys.path.insert(0, {str(ROOT)!r})
from tests.hostile.test_hostile_server import BOMB, JOB, TOKEN, gzip_bomb, job_record
from tests.hostile.server import hostile_server
from oqtopus_sdk import OqtopusClient, OqtopusConfig, constants
from oqtopus_sdk.errors import ArchiveError
bomb = gzip_bomb(BOMB)
with hostile_server() as server:
    server.route("GET", f"/jobs/{{JOB}}")(
        lambda r: r.json(200, job_record(server, result=f"{{server.base_url}}/r.zip")))
    server.route("GET", "/r.zip")(lambda r: r.send(200, bomb, {{"Content-Encoding": "gzip"}}))
    with OqtopusClient(OqtopusConfig(base_url=server.base_url, api_token=TOKEN)) as client:
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        try:
            client.get_job(JOB)
        except ArchiveError:
            pass
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print((after - before) * 1024, constants.MAX_ARCHIVE_DOWNLOAD_BYTES)
"""
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    ).stdout.split()
    growth, cap = int(out[0]), int(out[1])
    assert growth < cap + (64 << 20), (growth, cap)


# --- 5. secrets never appear -----------------------------------------------------------------
def test_an_echoed_token_is_redacted(server: HostileServer, call: Any) -> None:
    server.route("GET", "/devices")(
        lambda request: request.json(
            401, {"message": f"bad token {request.headers.get('q-api-token')}"}
        )
    )
    with pytest.raises(UnauthorizedError) as info:
        call("list_devices")
    for text in (str(info.value), repr(info.value), repr(info.value.payload)):
        assert TOKEN not in text
        assert "TopSecretTokenValue42" not in text


# --- 6. file:// storage URLs only when asked for ------------------------------------------------
def test_local_file_urls_from_the_server_are_refused(
    server: HostileServer, call: Any, tmp_path: Path
) -> None:
    victim = tmp_path / "precious.txt"
    victim.write_text("keep me")
    server.route("GET", f"/jobs/{JOB}")(
        lambda request: request.json(
            200,
            {
                **job_record(server),
                "job_type": "sse",
                "job_info": {"sse_log": "file:///etc/hostname"},
            },
        )
    )
    with pytest.raises(StorageError, match="local_storage_root"):
        call("get_sselog", JOB)

    @server.route("POST", "/jobs")
    def register(request: Request) -> None:
        request.json(200, {"job_id": JOB, "presigned_url": {"url": victim.as_uri(), "fields": {}}})

    spec = OqtopusJobSpec.sampling(device_id="SVSim", program="OPENQASM 3;", shots=1)
    with pytest.raises(SubmissionError) as info:
        call("submit_job", spec)
    assert isinstance(info.value.__cause__, StorageError)
    assert "local_storage_root" in str(info.value.__cause__)
    assert victim.read_text() == "keep me"


# --- 7. nothing a user submitted is lost from view ---------------------------------------------
def test_an_unreadable_result_after_submission_names_the_job(
    server: HostileServer, call: Any
) -> None:
    serve_submission(server)
    server.route("GET", f"/jobs/{JOB}")(
        lambda request: request.json(200, job_record(server, result=f"{server.base_url}/r.zip"))
    )
    server.route("GET", "/r.zip")(lambda request: request.send(200, b"this is not a zip"))
    spec = OqtopusJobSpec.sampling(device_id="SVSim", program="OPENQASM 3;", shots=10)
    with pytest.raises(ArchiveError) as info:
        call("run_sampling", spec, interval=0.01)
    assert info.value.job_id == JOB
    assert JOB in str(info.value)


# --- 8. ids are path-safe ------------------------------------------------------------------------
@pytest.mark.parametrize("bad", ["..", ".", "", "a/b", "x y", "j\n", "id\x00"])
def test_unsafe_ids_are_refused_before_any_request(
    server: HostileServer, call: Any, bad: str
) -> None:
    for method in ("delete_job", "cancel_job", "get_job", "get_job_status", "wait_for_job"):
        with pytest.raises(ValueError, match="id"):
            call(method, bad)
    with pytest.raises(ValueError, match="device_id"):
        call("get_device", bad)
    assert server.count() == 0
