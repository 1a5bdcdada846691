"""An in-memory OQTOPUS User API + presigned storage for unit tests (httpx.MockTransport).

Small on purpose: just enough of the wire contract to drive the clients, with hooks to
script statuses and inject faults. Shared by the sync and async client tests.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

BASE = "https://api.test"
STORAGE = "https://storage.test"
TOKEN = "tokid.SuperSecretTokenValue"


def zip_one(name: str, data: bytes | str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(name, data)
    return buffer.getvalue()


def unzip_one(data: bytes) -> tuple[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        (name,) = zf.namelist()
        return name, zf.read(name)


class FakeTime:
    """A clock that only moves when the code under test sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)


@dataclass
class FakeJob:
    job_id: str
    status: str = "registered"
    job_type: str = "sampling"
    body: dict[str, Any] | None = None
    input_zip: bytes | None = None
    script: list[str] = field(default_factory=lambda: ["running", "succeeded"])
    result: dict[str, Any] | None = field(
        default_factory=lambda: {"sampling": {"counts": {"00": 6, "11": 4}, "divided_counts": None}}
    )
    message: str | None = None
    extra_archives: dict[str, bytes] = field(default_factory=dict)


class FakeApi:
    """Routes API and storage requests; records every request."""

    def __init__(self) -> None:
        self.jobs: dict[str, FakeJob] = {}
        self.requests: list[httpx.Request] = []
        self.counter = 0
        self.devices: list[dict[str, Any]] = []
        self.storage: dict[str, bytes] = {}
        # Hooks: return a Response (or raise) to override the normal answer.
        self.hooks: list[Callable[[httpx.Request], httpx.Response | None]] = []
        self.default_script = ["running", "succeeded"]

    # --- helpers -------------------------------------------------------------------------------
    def count(self, method: str, pattern: str) -> int:
        rx = re.compile(pattern)
        return sum(1 for r in self.requests if r.method == method and rx.fullmatch(r.url.path))

    def add_job(self, job_id: str, **kwargs: Any) -> FakeJob:
        job = FakeJob(job_id, **kwargs)
        self.jobs[job_id] = job
        return job

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def async_transport(self) -> httpx.MockTransport:
        async def handler(request: httpx.Request) -> httpx.Response:
            await request.aread()
            return self.handle(request)

        return httpx.MockTransport(handler)

    # --- routing ------------------------------------------------------------------------------
    def handle(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        for hook in list(self.hooks):
            answer = hook(request)
            if answer is not None:
                return answer
        url = str(request.url)
        if url.startswith(STORAGE):
            return self.storage_route(request)
        path = request.url.path
        method = request.method
        if method == "POST" and path == "/jobs":
            self.counter += 1
            job_id = f"job-{self.counter}"
            self.jobs[job_id] = FakeJob(job_id, script=list(self.default_script))
            return httpx.Response(
                200,
                json={
                    "job_id": job_id,
                    "presigned_url": {
                        "url": f"{STORAGE}/bucket/",
                        "fields": {
                            "key": f"{job_id}/input.zip",
                            "AWSAccessKeyId": "AKIA",
                            "x-amz-date": "20260101T000000Z",
                            "policy": "cG9saWN5",
                            "signature": "c2ln",
                        },
                    },
                },
            )
        m = re.fullmatch(r"/jobs/([^/]+)(/status|/submit|/cancel)?", path)
        if m:
            job = self.jobs.get(m.group(1))
            if job is None:
                return httpx.Response(404, json={"message": "job not found with the given id"})
            action = m.group(2)
            if action == "/submit" and method == "POST":
                if job.status != "registered":
                    return httpx.Response(
                        400,
                        json={
                            "message": f"{job.job_id} job is not in valid status for submission "
                            "(valid status for submission: 'registered')"
                        },
                    )
                job.body = json.loads(request.content)
                job.job_type = job.body["job_type"]
                job.status = "submitted"
                return httpx.Response(200, json={"message": "job submitted"})
            if action == "/status" and method == "GET":
                if (
                    job.status not in ("registered", "cancelled", "succeeded", "failed")
                    and job.script
                ):
                    job.status = job.script.pop(0)
                return httpx.Response(200, json={"job_id": job.job_id, "status": job.status})
            if action == "/cancel" and method == "POST":
                job.status = "cancelled"
                return httpx.Response(200, json={"message": "cancel request accepted"})
            if action is None and method == "GET":
                return httpx.Response(200, json=self.job_record(job))
            if action is None and method == "DELETE":
                del self.jobs[job.job_id]
                return httpx.Response(200, json={"message": "job deleted"})
        if method == "GET" and path == "/devices":
            return httpx.Response(200, json=self.devices)
        m = re.fullmatch(r"/devices/([^/]+)", path)
        if m and method == "GET":
            for device in self.devices:
                if device["device_id"] == m.group(1):
                    return httpx.Response(200, json=device)
            return httpx.Response(404, json={"message": f"device_id={m.group(1)} is not found."})
        return httpx.Response(404, json={"detail": "Not Found"})

    def job_record(self, job: FakeJob) -> dict[str, Any]:
        if job.status == "registered":
            return {"job_id": job.job_id, "status": "registered"}
        body = job.body or {}
        info: dict[str, Any] = {}
        self.storage[f"{job.job_id}/input.zip"] = job.input_zip or zip_one(
            "input.json", json.dumps({"program": ["OPENQASM 3;"]})
        )
        info["input"] = f"{STORAGE}/dl/{job.job_id}/input.zip?X-Amz-Signature=sekrit"
        if job.status == "succeeded" and job.result is not None:
            self.storage[f"{job.job_id}/result.zip"] = zip_one(
                "result.json", json.dumps(job.result)
            )
            info["result"] = f"{STORAGE}/dl/{job.job_id}/result.zip?X-Amz-Signature=sekrit"
        for name, data in job.extra_archives.items():
            self.storage[f"{job.job_id}/{name}.zip"] = data
            info[name] = f"{STORAGE}/dl/{job.job_id}/{name}.zip?X-Amz-Signature=sekrit"
        if job.message:
            info["message"] = job.message
        return {
            "job_id": job.job_id,
            "name": body.get("name", ""),
            "description": body.get("description", ""),
            "job_type": job.job_type,
            "status": job.status,
            "device_id": body.get("device_id", "qulacs"),
            "shots": body.get("shots", 10),
            "job_info": info,
            "transpiler_info": {},
            "simulator_info": {},
            "mitigation_info": {},
            "submitted_at": "2026-01-01T00:00:00+00:00",
        }

    def storage_route(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if request.method == "POST" and path == "/bucket/":
            content_type = request.headers["content-type"]
            boundary = content_type.split("boundary=")[1].encode()
            parts = request.content.split(b"--" + boundary)
            names = []
            file_data = b""
            key = ""
            for part in parts:
                m = re.search(rb'name="([^"]+)"', part)
                if not m:
                    continue
                names.append(m.group(1).decode())
                _head, _, data = part.partition(b"\r\n\r\n")
                data = data[:-2] if data.endswith(b"\r\n") else data
                if m.group(1) == b"file":
                    file_data = data
                if m.group(1) == b"key":
                    key = data.decode()
            self.last_upload_fields = names
            self.storage[key] = file_data
            job = self.jobs.get(key.split("/")[0])
            if job is not None:
                job.input_zip = file_data
            return httpx.Response(204)
        m = re.fullmatch(r"/dl/(.+)", path)
        if m and request.method == "GET":
            data = self.storage.get(m.group(1))
            if data is None:
                return httpx.Response(404, text="<Error>NoSuchKey</Error>")
            return httpx.Response(200, content=data)
        return httpx.Response(405)
