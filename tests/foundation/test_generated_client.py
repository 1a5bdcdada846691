"""The generated client speaks the live wire contract: q-api-token auth and real job bodies."""

from __future__ import annotations

import json

import httpx

from oqtopus_api import AuthenticatedClient
from oqtopus_api.api.job import get_job
from oqtopus_api.models import JobsJob, JobsJobStatus, JobsJobType

JOB_ID = "069b1464-c124-79b3-8000-fb41f3dfdc50"
STORAGE = f"https://bucket.s3.amazonaws.com/{JOB_ID}"
SIGNED = "?AWSAccessKeyId=AKIAEXAMPLE&Signature=abc%2F&Expires=1714425600"

# A succeeded multi_manual job as the live service returns it (wire contract 3.6, 7).
MULTI_MANUAL_JOB = {
    "job_id": JOB_ID,
    "name": "mm-job",
    "description": "",
    "job_type": "multi_manual",
    "status": "succeeded",
    "device_id": "Kawasaki",
    "shots": 1000,
    "job_info": {
        "input": f"{STORAGE}/input.zip{SIGNED}",
        "combined_program": f"{STORAGE}/combined_program.zip{SIGNED}",
        "transpile_result": f"{STORAGE}/transpile_result.zip{SIGNED}",
        "result": f"{STORAGE}/result.zip{SIGNED}",
    },
    "transpiler_info": {
        "transpiler_lib": "qiskit",
        "transpiler_options": {"optimization_level": 1},
    },
    "simulator_info": {},
    "mitigation_info": {"ro_error_mitigation": "pseudo_inverse"},
    "execution_time": 1.234,
    "submitted_at": "2026-03-11T18:30:12.123456+00:00",
    "ready_at": "2026-03-11T18:30:13Z",
    "running_at": "2026-03-11T18:30:14+00:00",
    "ended_at": "2026-03-11T18:30:15.5+00:00",
}


def test_sends_q_api_token_and_parses_a_succeeded_multi_manual_job() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=MULTI_MANUAL_JOB)

    client = AuthenticatedClient(
        base_url="https://api.example.com",
        token="tokenid.tokensecret",
        prefix="",
        auth_header_name="q-api-token",
        httpx_args={"transport": httpx.MockTransport(handler)},
    )
    with client:
        response = get_job.sync_detailed(job_id=JOB_ID, client=client)

    (request,) = seen
    assert request.url == f"https://api.example.com/jobs/{JOB_ID}"
    assert request.headers["q-api-token"] == "tokenid.tokensecret"
    assert "authorization" not in request.headers
    job = response.parsed
    assert isinstance(job, JobsJob)
    assert job.job_type is JobsJobType.MULTI_MANUAL
    assert job.status is JobsJobStatus.SUCCEEDED
    assert job.job_info.input_ == MULTI_MANUAL_JOB["job_info"]["input"]  # type: ignore[union-attr]
    assert job.job_info.combined_program.endswith(f"combined_program.zip{SIGNED}")  # type: ignore[union-attr]
    assert job.job_info.result == f"{STORAGE}/result.zip{SIGNED}"  # type: ignore[union-attr]
    assert job.transpiler_info.to_dict() == MULTI_MANUAL_JOB["transpiler_info"]  # type: ignore[union-attr]
    assert job.ended_at.microsecond == 500000  # type: ignore[union-attr]
    # Nothing is lost on the way back to the wire.
    assert (
        json.loads(json.dumps(job.to_dict(), default=str))["job_info"]
        == MULTI_MANUAL_JOB["job_info"]
    )


def test_registered_job_shape_parses() -> None:
    job = JobsJob.from_dict({"job_id": JOB_ID, "status": "registered"})
    assert job.status is JobsJobStatus.REGISTERED
    assert job.to_dict() == {"job_id": JOB_ID, "status": "registered"}


def test_presigned_fields_keep_unknown_sigv4_keys() -> None:
    from oqtopus_api.models import JobsRegisterJobResponse

    body = {
        "job_id": JOB_ID,
        "presigned_url": {
            "url": "https://bucket.s3.amazonaws.com/",
            "fields": {
                "key": f"{JOB_ID}/input.zip",
                "x-amz-algorithm": "AWS4-HMAC-SHA256",
                "x-amz-credential": "AKIA/20260101/us-east-1/s3/aws4_request",
                "x-amz-date": "20260101T000000Z",
                "x-amz-signature": "deadbeef",
                "policy": "eyJ9",
            },
        },
    }
    parsed = JobsRegisterJobResponse.from_dict(body)
    assert parsed.presigned_url.fields.to_dict() == body["presigned_url"]["fields"]  # type: ignore[attr-defined]


def test_local_storage_upload_target_without_fields_parses() -> None:
    from oqtopus_api.models import JobsRegisterJobResponse

    body = {
        "job_id": JOB_ID,
        "presigned_url": {"url": f"file:///data/{JOB_ID}/input.zip", "fields": {}},
    }
    assert JobsRegisterJobResponse.from_dict(body).to_dict() == body


def test_null_result_branches_parse() -> None:
    from oqtopus_api.models import JobsS3JobResult, JobsS3SamplingResult

    result = JobsS3JobResult.from_dict(
        {"sampling": {"counts": {"00": 493, "11": 507}, "divided_counts": None}, "estimation": None}
    )
    assert isinstance(result.sampling, JobsS3SamplingResult)
    assert result.estimation is None
    assert result.sampling.counts.to_dict() == {"00": 493, "11": 507}  # type: ignore[union-attr]
