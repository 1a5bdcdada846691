"""Small HTTP helpers that drive the emulator the way an SDK would."""

from __future__ import annotations

import io
import json
import time
import zipfile
from typing import Any

import httpx

BELL = (
    'OPENQASM 3; include "stdgates.inc"; qubit[2] q; bit[2] c; '
    "h q[0]; cx q[0], q[1]; c = measure q;"
)
TERMINAL = {"succeeded", "failed", "cancelled"}


def zip_bytes(obj: Any, entry: str = "input.json", extra: dict[str, bytes] | None = None) -> bytes:
    """Zip ``obj`` as JSON (or raw bytes) into one entry, plus optional extra entries."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(entry, obj if isinstance(obj, bytes) else json.dumps(obj))
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


def register(api: httpx.Client) -> dict[str, Any]:
    """POST /jobs and return the body."""
    r = api.post("/jobs")
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def upload(reg: dict[str, Any], data: bytes) -> httpx.Response:
    """Upload ``data`` as input.zip through the presigned POST (fields first, file last)."""
    target = reg["presigned_url"]
    return httpx.post(
        target["url"],
        data=target["fields"],
        files={"file": ("input.zip", data, "application/zip")},
    )


def submit_job(
    api: httpx.Client,
    job_input: Any,
    *,
    job_type: str = "sampling",
    device_id: str = "SVSim",
    shots: int = 1000,
    raw: bytes | None = None,
    **extra: Any,
) -> str:
    """Register, upload and submit a job; return its id."""
    reg = register(api)
    r = upload(reg, raw if raw is not None else zip_bytes(job_input))
    assert r.status_code == 204, r.text
    body = {
        "device_id": device_id,
        "job_type": job_type,
        "shots": shots,
        "transpiler_info": {},
        "simulator_info": {},
        "mitigation_info": {},
        **extra,
    }
    s = api.post(f"/jobs/{reg['job_id']}/submit", json=body)
    assert s.status_code == 200, s.text
    assert s.json() == {"message": "job submitted"}
    job_id: str = reg["job_id"]
    return job_id


def wait(api: httpx.Client, job_id: str, timeout: float = 60.0) -> dict[str, Any]:
    """Poll the status endpoint until terminal, then return GET /jobs/{id}."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = api.get(f"/jobs/{job_id}/status").json()["status"]
        if status in TERMINAL:
            job: dict[str, Any] = api.get(f"/jobs/{job_id}").json()
            return job
        time.sleep(0.02)
    raise AssertionError(f"job {job_id} did not finish")


def wait_status(api: httpx.Client, job_id: str, statuses: set[str], timeout: float = 30.0) -> str:
    """Poll until the job is in one of ``statuses``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status: str = api.get(f"/jobs/{job_id}/status").json()["status"]
        if status in statuses:
            return status
        time.sleep(0.02)
    raise AssertionError(f"job {job_id} never reached {statuses}")


def download(url: str) -> tuple[str, bytes]:
    """Download an archive and return its only entry (name, bytes)."""
    r = httpx.get(url)
    assert r.status_code == 200, r.text
    with zipfile.ZipFile(io.BytesIO(r.content)) as zf:
        names = zf.namelist()
        assert len(names) == 1, names
        return names[0], zf.read(names[0])


def download_json(url: str) -> Any:
    """Download an archive holding one JSON entry."""
    return json.loads(download(url)[1])
