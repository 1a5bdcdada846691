"""``services.storage.OqtopusStorage``: the reference's presigned-URL helper, on httpx."""

from __future__ import annotations

import io
import socket
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from oqtopus_sdk import OqtopusClient, OqtopusJobSpec
from oqtopus_sdk.local import LocalOqtopus
from oqtopus_sdk.rest.models import JobsJobInfoUploadPresignedURL
from oqtopus_sdk.services.storage import OqtopusStorage, OqtopusStorageError
from tests.compat.conftest import BELL, DEVICE

INTERVAL = 0.02
TIMEOUT = 60.0


@pytest.fixture(scope="module")
def client(server: LocalOqtopus) -> Iterator[OqtopusClient]:
    with server.client() as bound:
        yield bound


def _api(server: LocalOqtopus, method: str, path: str, **kwargs: Any) -> Any:
    response = httpx.request(
        method, server.base_url + path, headers={"q-api-token": server.api_token}, **kwargs
    )
    response.raise_for_status()
    return response.json()


def _raw_job_info(client: OqtopusClient, job_id: str | None) -> dict[str, Any]:
    job = next(job for job in client.list_jobs() if job.job_id == job_id)
    info: dict[str, Any] = job.job_info.to_dict()  # type: ignore[union-attr]
    return info


@pytest.mark.parametrize("target_kind", ["model", "mapping"])
async def test_upload_feeds_a_real_submission(
    server: LocalOqtopus, client: OqtopusClient, target_kind: str
) -> None:
    """register, OqtopusStorage.upload, submit: the job runs on what was uploaded."""
    spec = OqtopusJobSpec.sampling(device_id=DEVICE, program=BELL, shots=120)
    registered = _api(server, "POST", "/jobs")
    target: Any = registered["presigned_url"]
    if target_kind == "model":
        target = JobsJobInfoUploadPresignedURL.from_dict(target)
    await OqtopusStorage.upload(target, spec.to_s3_submit_job_info().to_dict())
    _api(server, "POST", f"/jobs/{registered['job_id']}/submit", json=spec.to_model().to_dict())
    result = client.wait_for_job(registered["job_id"], interval=INTERVAL, timeout=TIMEOUT)
    counts = result.get_counts()  # type: ignore[attr-defined]
    assert set(counts) <= {"00", "11"}
    assert sum(counts.values()) == 120


async def test_download_and_download_archive(client: OqtopusClient) -> None:
    spec = OqtopusJobSpec.sampling(device_id=DEVICE, program=BELL, shots=64)
    done = client.run_sampling(spec, interval=INTERVAL, timeout=TIMEOUT)
    info = _raw_job_info(client, done.job_id)
    result = await OqtopusStorage.download(info["result"], timeout_s=10)
    assert isinstance(result, dict)
    sampling: Any = result["sampling"]
    assert sum(sampling["counts"].values()) == 64
    uploaded = await OqtopusStorage.download(info["input"])
    assert uploaded == {"program": [BELL]}
    archive = await OqtopusStorage.download_archive(info["result"])
    with zipfile.ZipFile(io.BytesIO(archive)) as zf:
        assert len(zf.namelist()) == 1


async def test_refused_download_carries_the_status_without_the_signature(
    client: OqtopusClient,
) -> None:
    done = client.run_sampling(
        OqtopusJobSpec.sampling(device_id=DEVICE, program=BELL, shots=8),
        interval=INTERVAL,
        timeout=TIMEOUT,
    )
    url = _raw_job_info(client, done.job_id)["result"]
    with pytest.raises(OqtopusStorageError) as caught:
        await OqtopusStorage.download(url + "0")
    assert caught.value.status_code is not None
    assert 400 <= caught.value.status_code < 500
    assert "signature" not in str(caught.value)
    assert caught.value.url is not None
    assert "?" not in caught.value.url


async def test_unreachable_storage_is_a_storage_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(OqtopusStorageError, match="Network error during download") as caught:
        await OqtopusStorage.download_archive(f"http://127.0.0.1:{port}/x.zip", timeout_s=5)
    assert caught.value.status_code is None
    with pytest.raises(OqtopusStorageError, match="Network error during upload"):
        await OqtopusStorage.upload(
            {"url": f"http://127.0.0.1:{port}/up", "fields": {"key": "a/input.zip"}}, {"a": 1}
        )


async def test_file_urls_round_trip(tmp_path: Path) -> None:
    target = tmp_path / "jobs" / "input.zip"
    await OqtopusStorage.upload({"url": target.as_uri(), "fields": {}}, {"program": ["x"]})
    with zipfile.ZipFile(target) as zf:
        assert zf.namelist() == ["input.json"]
    assert await OqtopusStorage.download(target.as_uri()) == {"program": ["x"]}
    with pytest.raises(OqtopusStorageError, match="cannot read"):
        await OqtopusStorage.download_archive((tmp_path / "absent.zip").as_uri())


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def test_zip_helpers_follow_the_reference() -> None:
    built = OqtopusStorage._build_zip_payload({"a": 1}, "input.zip")
    assert OqtopusStorage._extract_zip_object(built) == {"a": 1}
    with zipfile.ZipFile(io.BytesIO(built)) as zf:
        assert zf.namelist() == ["input.json"]
    text = _zip({"log.txt": b"plain text"})
    assert OqtopusStorage._extract_zip_object(text, allow_non_dict=True) == "plain text"
    with pytest.raises(OqtopusStorageError, match="Invalid JSON"):
        OqtopusStorage._extract_zip_object(text)
    with pytest.raises(OqtopusStorageError, match="Invalid ZIP"):
        OqtopusStorage._extract_zip_object(b"not a zip")
    with pytest.raises(OqtopusStorageError, match="found 2"):
        OqtopusStorage._extract_zip_object(_zip({"a.json": b"{}", "b.json": b"{}"}))
    with pytest.raises(OqtopusStorageError, match="got list"):
        OqtopusStorage._extract_zip_object(_zip({"a.json": b"[1]"}))
