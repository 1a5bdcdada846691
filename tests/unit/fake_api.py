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
UUID7_EPOCH_MS = 0x0190_0000_0000
"""Millisecond timestamp of the first UUIDv7-shaped fake id (a date in 2024)."""


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
        # UUIDv7-shaped job ids (sweeps need them), a list that refuses `fields`, jobs the
        # list does not show.
        self.uuid_ids = False
        self.list_refuses_fields = False
        self.hidden_from_list: set[str] = set()
        # Hooks: return a Response (or raise) to override the normal answer.
        self.hooks: list[Callable[[httpx.Request], httpx.Response | None]] = []
        self.default_script = ["running", "succeeded"]

    # --- helpers -------------------------------------------------------------------------------
    def count(self, method: str, pattern: str) -> int:
        rx = re.compile(pattern)
        return sum(1 for r in self.requests if r.method == method and rx.fullmatch(r.url.path))

    def add_job(self, job_id: str, **kwargs: Any) -> FakeJob:
        if "script" in kwargs:
            kwargs["script"] = list(kwargs["script"])  # each job steps through its own copy
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
        if method == "GET" and path == "/jobs":
            return self.list_route(request)
        if method == "POST" and path == "/jobs":
            self.counter += 1
            job_id = self.new_id(self.counter)
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
                self.advance(job)
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

    def new_id(self, number: int, *, uuid: bool | None = None) -> str:
        """``job-N``, or a UUIDv7-shaped id (as the live service issues) with ``uuid_ids``."""
        if not (self.uuid_ids if uuid is None else uuid):
            return f"job-{number}"
        text = f"{UUID7_EPOCH_MS + number:012x}7{number:03x}8{number:015x}"
        return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"

    def add_uuid_jobs(self, count: int, **kwargs: Any) -> list[str]:
        """Add ``count`` submitted jobs with UUIDv7-shaped ids; their ids."""
        ids = []
        for _ in range(count):
            self.counter += 1
            job_id = self.new_id_uuid(self.counter)
            job = self.add_job(job_id, **kwargs)
            job.status = kwargs.get("status", "submitted")
            job.body = {"device_id": "qulacs", "job_type": job.job_type, "shots": 10}
            ids.append(job_id)
        return ids

    def new_id_uuid(self, number: int) -> str:
        """The UUIDv7-shaped id of job ``number``."""
        return self.new_id(number, uuid=True)

    def advance(self, job: FakeJob) -> None:
        """One step of the job's script, as a status read sees it."""
        if job.status not in ("registered", "cancelled", "succeeded", "failed") and job.script:
            job.status = job.script.pop(0)

    def list_route(self, request: httpx.Request) -> httpx.Response:
        """GET /jobs with the live rules used by sweeps: fields, page, size (<= 100), order."""
        params = request.url.params
        fields = params.get("fields")
        if fields is not None and self.list_refuses_fields:
            return httpx.Response(400, json={"message": f"fields {fields.split(',')!r} is invalid"})
        size = int(params.get("size", "100"))
        page = int(params.get("page", "1"))
        if size > 100:
            return httpx.Response(
                422, json={"detail": [{"loc": ["query", "size"], "msg": "<= 100"}]}
            )
        jobs = [j for j in self.jobs.values() if j.job_id not in self.hidden_from_list]
        if params.get("order") == "DESC":
            jobs.reverse()
        chosen = jobs[(page - 1) * size : page * size]
        rows = []
        for job in chosen:
            self.advance(job)
            if fields is None:
                rows.append(self.job_record(job))
            else:
                record = {"job_id": job.job_id, "status": job.status, "name": ""}
                rows.append({key: record[key] for key in fields.split(",") if key in record})
        return httpx.Response(200, json=rows)

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
