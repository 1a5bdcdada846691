"""Readable objects: display helpers, job records, job lists and job specs (repr, HTML, pickle)."""

from __future__ import annotations

import copy
import datetime
import pickle
from typing import Any

import pytest

from oqtopus_api.models import JobsGetJobStatusResponse, JobsJob, JobsRegisterJobResponse
from oqtopus_sdk._display import html_table, key_value_table, redact_url, shorten, text_of
from oqtopus_sdk._records import (
    JobList,
    JobRecord,
    JobStatusRecord,
    RegisteredJob,
    as_job_list,
    as_job_record,
    as_job_status,
    as_registered,
)
from oqtopus_sdk.spec import OqtopusJobSpec

SIGNED = (
    "https://oqtopus-bucket.s3.ap-northeast-1.amazonaws.com/jobs/j/result.zip"
    "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE%2F20260301"
    "&X-Amz-Signature=deadbeefcafe&X-Amz-Security-Token=FwoGZXIvYXdzEJr"
)
SECRETS = (
    "X-Amz-Signature",
    "deadbeefcafe",
    "AKIAEXAMPLE",
    "FwoGZXIvYXdzEJr",
    "AWSAccessKeyId",
    "policy-secret",
    "signature-secret",
    "x-amz-security-token",
    "Unset",
    "https://",
)
HOSTILE = "<script>alert(1)</script>"


def job_wire(**overrides: Any) -> dict[str, Any]:
    wire: dict[str, Any] = {
        "job_id": "069b1464-c124-79b3-8000-fb41f3dfdc50",
        "name": "bell",
        "description": "",
        "job_type": "sampling",
        "status": "succeeded",
        "device_id": "qulacs",
        "shots": 1000,
        "job_info": {"input": SIGNED, "result": SIGNED, "transpile_result": SIGNED},
        "transpiler_info": {"transpiler_lib": "qiskit"},
        "simulator_info": {},
        "mitigation_info": {},
        "execution_time": 0.25,
        "submitted_at": "2026-03-01T10:00:00Z",
        "ended_at": "2026-03-01T10:00:03Z",
    }
    wire.update(overrides)
    return wire


def registered_wire() -> dict[str, Any]:
    return {
        "job_id": "069b1464-c124-79b3-8000-fb41f3dfdc50",
        "presigned_url": {
            "url": "https://oqtopus-bucket.s3.amazonaws.com/?x-id=PostObject",
            "fields": {
                "key": "jobs/069b1464/input.zip",
                "AWSAccessKeyId": "AKIAEXAMPLE",
                "policy": "policy-secret",
                "signature": "signature-secret",
                "x-amz-security-token": "FwoGZXIvYXdzEJr",
            },
        },
    }


def assert_clean(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text, secret


# --- helpers ---------------------------------------------------------------------------------


def test_redact_url_drops_query_and_user_info() -> None:
    assert redact_url(SIGNED) == (
        "https://oqtopus-bucket.s3.ap-northeast-1.amazonaws.com/jobs/j/result.zip?…"
    )
    assert redact_url("https://user:pw@host:9000/a#frag") == "https://host:9000/a?…"
    assert redact_url("file:///tmp/x.zip") == "file:///tmp/x.zip"
    assert redact_url("not a url") == "not a url"


def test_shorten_and_text_of() -> None:
    assert shorten("abc", 5) == "abc"
    assert shorten("abcdef", 5) == "abcd…"
    assert text_of(None) == "-"
    assert text_of(datetime.datetime(2026, 1, 2, 3, 4, 5, 678, tzinfo=datetime.UTC)) == (
        "2026-01-02T03:04:05+00:00"
    )
    assert text_of(datetime.timedelta(seconds=1.5)) == "1.500 s"
    job = JobsJob.from_dict({"status": "running"})
    assert text_of(job.status) == "running"
    assert text_of(job.name) == "-"  # Unset


def test_tables_escape_everything() -> None:
    table = html_table([HOSTILE], [[HOSTILE, 1]], caption=HOSTILE)
    assert "<script>" not in table
    assert table.count("&lt;script&gt;") == 3
    pairs = key_value_table([(HOSTILE, HOSTILE)], caption=HOSTILE)
    assert "<script>" not in pairs
    assert pairs.count("&lt;script&gt;") == 3


# --- job records -----------------------------------------------------------------------------


def test_job_record_reclasses_in_place() -> None:
    model = JobsJob.from_dict(job_wire())
    before = model.to_dict()
    record = as_job_record(model)
    assert record is model
    assert isinstance(record, JobsJob)
    assert type(record) is JobRecord
    assert record.to_dict() == before
    assert record == JobsJob.from_dict(job_wire())
    assert JobsJob.from_dict(job_wire()) == record  # equal both ways
    assert record != JobsJob.from_dict(job_wire(status="failed"))
    assert as_job_record(record) is record
    with pytest.raises(TypeError, match="expected a JobsJob"):
        as_job_record(JobsRegisterJobResponse.from_dict(registered_wire()))  # type: ignore[arg-type]


def test_job_record_repr_is_short_and_clean() -> None:
    text = repr(as_job_record(JobsJob.from_dict(job_wire())))
    assert text == (
        "JobRecord(job_id='069b1464-c124-79b3-8000-fb41f3dfdc50', name='bell', "
        "job_type='sampling', status='succeeded', device_id='qulacs', "
        "submitted_at='2026-03-01T10:00:00+00:00')"
    )
    assert_clean(text)
    registered_only = as_job_record(JobsJob.from_dict({"job_id": "j", "status": "ready"}))
    assert repr(registered_only) == "JobRecord(job_id='j', status='ready')"


def test_job_record_repr_shows_failure_message() -> None:
    wire = job_wire(status="failed", job_info={"input": SIGNED, "message": "x" * 300})
    text = repr(as_job_record(JobsJob.from_dict(wire)))
    assert "status='failed'" in text
    assert "message='xxx" in text
    assert len(text) < 300
    assert_clean(text)


def test_job_records_pickle_and_copy() -> None:
    record = as_job_record(JobsJob.from_dict(job_wire()))
    for clone in (pickle.loads(pickle.dumps(record)), copy.deepcopy(record), copy.copy(record)):
        assert type(clone) is JobRecord
        assert clone == record
        assert clone.to_dict() == record.to_dict()
    registered = as_registered(JobsRegisterJobResponse.from_dict(registered_wire()))
    assert pickle.loads(pickle.dumps(registered)) == registered


def test_registered_job_hides_credentials() -> None:
    model = JobsRegisterJobResponse.from_dict(registered_wire())
    before = model.to_dict()
    registered = as_registered(model)
    assert registered is model
    assert isinstance(registered, JobsRegisterJobResponse)
    assert type(registered) is RegisteredJob
    assert registered.to_dict() == before
    text = repr(registered)
    assert text == (
        "RegisteredJob(job_id='069b1464-c124-79b3-8000-fb41f3dfdc50', "
        "upload_to='https://oqtopus-bucket.s3.amazonaws.com/?…', upload_fields=5 hidden)"
    )
    assert_clean(text.replace("https://oqtopus-bucket", ""))
    # what the generated repr would have shown
    assert "AKIAEXAMPLE" in repr(JobsRegisterJobResponse.from_dict(registered_wire()))


def test_job_status_record() -> None:
    model = JobsGetJobStatusResponse.from_dict({"job_id": "j", "status": "running"})
    status = as_job_status(model)
    assert status is model
    assert type(status) is JobStatusRecord
    assert repr(status) == "JobStatusRecord(job_id='j', status='running')"
    assert status == JobsGetJobStatusResponse.from_dict({"job_id": "j", "status": "running"})


def test_job_list_repr_and_html() -> None:
    jobs = as_job_list(
        [
            JobsJob.from_dict(job_wire()),
            JobsJob.from_dict(job_wire(job_id="j2", name=HOSTILE, status="failed")),
            JobsJob.from_dict({"job_id": "j3", "status": "ready"}),
        ]
    )
    assert isinstance(jobs, JobList)
    assert isinstance(jobs, list)
    assert all(type(job) is JobRecord for job in jobs)
    assert_clean(repr(jobs))
    assert len(repr(jobs)) < 600
    page = jobs._repr_html_()
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    for header in ("job id", "name", "type", "status", "device", "submitted"):
        assert f"<th>{header}</th>" in page
    assert "3 jobs" in page
    assert page.count("<tr>") == 4
    assert "2026-03-01T10:00:00+00:00" in page
    assert_clean(page)
    assert pickle.loads(pickle.dumps(jobs)) == jobs


# --- job specs -------------------------------------------------------------------------------


def test_spec_repr_is_short() -> None:
    program = "OPENQASM 3;\ninclude 'stdgates.inc';\n" + "h q[0];\n" * 500
    spec = OqtopusJobSpec.estimation(
        device_id="qulacs",
        program=program,
        operator=[{"pauli": "Z 0 Z 1", "coeff": 1.0}, {"pauli": "X 0", "coeff": 0.5}],
        name="bell",
        transpiler_info={"transpiler_lib": None},
    )
    text = repr(spec)
    assert text == (
        "OqtopusJobSpec(job_type='estimation', device_id='qulacs', shots=1000, name='bell', "
        "program=\"OPENQASM 3; include 'stdgates.inc'; h q…\", operator=2 terms, "
        "transpiler_info={'transpiler_lib': None})"
    )
    many = OqtopusJobSpec.multi_manual(device_id="q", program=["OPENQASM 3;"] * 3)
    assert "programs=3 (first 'OPENQASM 3;')" in repr(many)
    assert "JobsJobType" not in repr(many)


def test_spec_pickle_and_deepcopy() -> None:
    spec = OqtopusJobSpec.sampling(
        device_id="qulacs", program="OPENQASM 3;", name="n", simulator_info={"seed": 1}
    )
    for clone in (pickle.loads(pickle.dumps(spec)), copy.deepcopy(spec)):
        assert clone == spec
        assert clone.to_submit_body() == spec.to_submit_body()
