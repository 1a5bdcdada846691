"""Both clients end to end over an in-memory API (httpx.MockTransport), never sleeping.

Every test runs twice, through the ``make_client`` fixture: on :class:`OqtopusClient` and on
:class:`AsyncOqtopusClient` (driven blocking by ``both_clients.Blocking``).
"""

from __future__ import annotations

import asyncio
import base64
import json
import warnings
from pathlib import Path
from typing import Any

import httpx
import pytest
from both_clients import MODES, ClientFactory
from fake_api import STORAGE, TOKEN, FakeApi, FakeTime, unzip_one, zip_one

from oqtopus_sdk import OqtopusClient, OqtopusConfig, OqtopusJobFailedWarning, OqtopusJobSpec
from oqtopus_sdk.errors import (
    ArchiveError,
    BatchJobError,
    JobFailedError,
    JobTimeoutError,
    NotFoundError,
    OqtopusConnectionError,
    ResponseValidationError,
    ServerError,
    StorageError,
    SubmissionError,
)

BASE = "https://api.test"


@pytest.fixture
def api() -> FakeApi:
    return FakeApi()


@pytest.fixture
def clock() -> FakeTime:
    return FakeTime()


@pytest.fixture(params=MODES)
def make_client(
    request: pytest.FixtureRequest, api: FakeApi, clock: FakeTime, monkeypatch: pytest.MonkeyPatch
) -> Any:
    monkeypatch.delenv("OQTOPUS_ENV", raising=False)
    factory = ClientFactory(request.param, api, clock)
    yield factory
    factory.close()


@pytest.fixture
def client(make_client: ClientFactory) -> Any:
    return make_client(OqtopusConfig(base_url=BASE + "/", api_token=TOKEN))


def spec(shots: int = 10) -> OqtopusJobSpec:
    return OqtopusJobSpec.sampling(
        device_id="qulacs", program="OPENQASM 3; qubit[2] q;", shots=shots
    )


# --- construction -------------------------------------------------------------------------------
def test_attributes_and_repr_hide_token(client: Any) -> None:
    assert client.url == BASE
    assert client.base_url == BASE
    client.base_url = "https://other.test/"
    assert client.url == "https://other.test"
    assert client.timeout == 30.0
    assert client.retry_max_attempts == 3
    assert client.retry_status_codes == frozenset({429, 502, 503, 504})
    assert "GET" in client.retry_methods
    assert TOKEN not in repr(client)
    assert "SuperSecret" not in repr(client)


def test_context_manager_closes_pool(make_client: ClientFactory) -> None:
    with make_client() as c:
        pool = make_client.pool_of(c)
    assert pool.is_closed


def test_environment_config_and_credentials_are_required(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    from oqtopus_sdk import AsyncOqtopusClient
    from oqtopus_sdk.errors import ConfigError

    monkeypatch.delenv("OQTOPUS_ENV", raising=False)
    monkeypatch.delenv("OQTOPUS_URL", raising=False)
    monkeypatch.delenv("OQTOPUS_API_TOKEN", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("OQTOPUS_BASE_URL", "https://env.test")
    for cls in (OqtopusClient, AsyncOqtopusClient):
        # A URL without a token fails at construction, not with a 401 at the first call.
        with pytest.raises(ConfigError, match="OQTOPUS_API_TOKEN"):
            cls()
    monkeypatch.setenv("OQTOPUS_API_TOKEN", TOKEN)
    with OqtopusClient() as client:
        assert client.url == "https://env.test"
    monkeypatch.delenv("OQTOPUS_BASE_URL")
    with pytest.raises(ConfigError, match="OQTOPUS_URL"):
        OqtopusClient()


def test_preflight_refuses_before_any_request(make_client: ClientFactory, api: FakeApi) -> None:
    from oqtopus_sdk.preflight import PreflightError, Qasm2ProgramError

    client = make_client()
    qasm2 = OqtopusJobSpec.sampling(
        device_id="qulacs", program='OPENQASM 2.0; include "qelib1.inc"; qreg q[1];', shots=1
    )
    with pytest.raises(Qasm2ProgramError):
        client.submit_job(qasm2)
    with pytest.raises(PreflightError):
        client.run_sampling(qasm2)
    with pytest.raises(PreflightError):
        client.submit_jobs([spec(), qasm2])
    assert api.requests == []
    # The device is known once read: a program wider than it is refused before POST /jobs.
    api.devices = [
        {"device_id": "tiny", "device_type": "QPU", "status": "available", "n_pending_jobs": 0,
         "n_qubits": 1, "basis_gates": [], "supported_instructions": [], "description": ""}
    ]  # fmt: skip
    client.get_device("tiny")
    wide = OqtopusJobSpec.sampling(device_id="tiny", program="OPENQASM 3; qubit[2] q;", shots=1)
    with pytest.raises(PreflightError, match="2 qubits"):
        client.submit_job(wide)
    assert [r.url.path for r in api.requests] == ["/devices/tiny"]
    unchecked = make_client(preflight=False)
    assert unchecked.submit_job(wide).job_id == "job-1"


def test_failure_statuses_default_comes_from_the_config(
    make_client: ClientFactory, api: FakeApi
) -> None:
    submitted(api, status="running", script=["failed"], result=None, message="boom")
    strict = make_client(
        OqtopusConfig(base_url=BASE, api_token=TOKEN, failure_statuses=["failed", "cancelled"])
    )
    with pytest.raises(JobFailedError, match="boom"):
        strict.wait_for_job("job-1")
    lenient = make_client()
    with pytest.warns(OqtopusJobFailedWarning):
        assert lenient.wait_for_job("job-1").status == "failed"
    # An explicit argument still wins over the config.
    with pytest.warns(OqtopusJobFailedWarning):
        assert strict.wait_for_job("job-1", failure_statuses=[]).status == "failed"


# --- submission ---------------------------------------------------------------------------------
def test_submit_registers_uploads_every_field_then_submits(client: Any, api: FakeApi) -> None:
    response = client.submit_job(spec())
    assert response.job_id == "job-1"
    methods = [(r.method, str(r.url).split("?")[0]) for r in api.requests]
    assert methods == [
        ("POST", f"{BASE}/jobs"),
        ("POST", f"{STORAGE}/bucket/"),
        ("POST", f"{BASE}/jobs/job-1/submit"),
    ]
    assert api.last_upload_fields == [
        "key",
        "AWSAccessKeyId",
        "x-amz-date",
        "policy",
        "signature",
        "file",
    ]
    name, data = unzip_one(api.jobs["job-1"].input_zip or b"")
    assert name == "input.json"
    assert json.loads(data) == {"program": ["OPENQASM 3; qubit[2] q;"]}
    body = api.jobs["job-1"].body
    assert body == {
        "device_id": "qulacs",
        "job_type": "sampling",
        "transpiler_info": {},
        "simulator_info": {},
        "mitigation_info": {},
        "shots": 10,
    }
    upload = api.requests[1]
    assert "q-api-token" not in upload.headers


def test_submit_rejects_non_spec_and_invalid_spec_before_any_request(
    client: Any, api: FakeApi
) -> None:
    with pytest.raises(TypeError):
        client.submit_job({"device_id": "x"})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="shots"):
        client.submit_job(spec(shots=0))
    assert api.requests == []


def register_with_upload_url(api: FakeApi, url: str) -> None:
    def register(request: httpx.Request) -> httpx.Response | None:
        if request.method == "POST" and request.url.path == "/jobs":
            api.add_job("job-9")
            return httpx.Response(
                200, json={"job_id": "job-9", "presigned_url": {"url": url, "fields": {}}}
            )
        return None

    api.hooks.append(register)


def test_file_upload_url_with_empty_fields_writes_archive_inside_the_root(
    make_client: ClientFactory, api: FakeApi, tmp_path: Any
) -> None:
    root = tmp_path / "store"
    root.mkdir()
    target = root / "job-9" / "input.zip"
    register_with_upload_url(api, target.as_uri())
    client = make_client(OqtopusConfig(base_url=BASE, api_token=TOKEN, local_storage_root=root))
    client.submit_job(spec())
    assert unzip_one(target.read_bytes())[0] == "input.json"
    assert api.jobs["job-9"].status == "submitted"


def test_file_urls_are_refused_unless_local_storage_is_enabled(
    client: Any, make_client: ClientFactory, api: FakeApi, tmp_path: Any
) -> None:
    victim = tmp_path / "precious.txt"
    victim.write_text("keep me")
    register_with_upload_url(api, victim.as_uri())
    with pytest.raises(SubmissionError, match=r"file:// .*local_storage_root") as info:
        client.submit_job(spec())
    assert isinstance(info.value.__cause__, StorageError)
    assert victim.read_text() == "keep me"
    # Enabled, but the URL leaves the root: refused too.
    root = tmp_path / "store"
    root.mkdir()
    inside = make_client(OqtopusConfig(base_url=BASE, api_token=TOKEN, local_storage_root=root))
    with pytest.raises(SubmissionError, match="outside local_storage_root"):
        inside.submit_job(spec())
    assert victim.read_text() == "keep me"


def test_failure_after_register_raises_submission_error_with_job_id(
    client: Any, api: FakeApi
) -> None:
    api.hooks.append(
        lambda r: (
            httpx.Response(403, text="<Error>AccessDenied</Error>")
            if r.url.host == "storage.test"
            else None
        )
    )
    with pytest.raises(SubmissionError) as info:
        client.submit_job(spec())
    assert info.value.job_id == "job-1"
    assert info.value.stage == "upload"
    assert isinstance(info.value.__cause__, StorageError)


def test_submit_refused_raises_submission_error(client: Any, api: FakeApi) -> None:
    api.hooks.append(
        lambda r: (
            httpx.Response(400, json={"message": "device not found"})
            if r.url.path.endswith("/submit")
            else None
        )
    )
    with pytest.raises(SubmissionError, match="device not found") as info:
        client.submit_job(spec())
    assert info.value.stage == "submit"
    assert info.value.job_id == "job-1"


def test_lost_submit_response_is_resolved_by_checking_status(client: Any, api: FakeApi) -> None:
    state = {"lost": False}

    def lose_first_answer(request: httpx.Request) -> httpx.Response | None:
        if request.url.path.endswith("/submit") and not state["lost"]:
            state["lost"] = True
            # The server processes the submit, but the answer never arrives.
            api.hooks.remove(lose_first_answer)
            api.handle(request)
            api.requests.pop()
            api.hooks.insert(0, lose_first_answer)
            raise httpx.ReadError("connection reset")
        return None

    api.hooks.append(lose_first_answer)
    response = client.submit_job(spec())
    assert response.job_id == "job-1"
    assert api.count("POST", "/jobs/job-1/submit") == 2
    assert api.count("GET", "/jobs/job-1/status") == 1
    assert api.jobs["job-1"].status != "registered"


# --- reading jobs -------------------------------------------------------------------------------
def submitted(api: FakeApi, job_id: str = "job-1", **kwargs: Any) -> None:
    job = api.add_job(job_id, **kwargs)
    job.status = kwargs.get("status", "succeeded")
    job.body = {"device_id": "qulacs", "job_type": job.job_type, "shots": 10}


def test_get_job_downloads_archives_and_wraps_by_type(
    client: Any, api: FakeApi, make_client: ClientFactory
) -> None:
    from oqtopus_sdk.results import OqtopusSamplingJobResult

    submitted(api)
    result = client.get_job("job-1")
    assert isinstance(result, OqtopusSamplingJobResult)
    assert result.get_counts() == {"00": 6, "11": 4}
    assert api.count("GET", "/dl/job-1/result.zip") == 1
    # The input is fetched when first read, once.
    assert api.count("GET", "/dl/job-1/input.zip") == 0
    assert result.job_info.input == {"program": ["OPENQASM 3;"]}  # type: ignore[union-attr]
    assert result.job_info.input is not None  # type: ignore[union-attr]
    assert api.count("GET", "/dl/job-1/input.zip") == 1
    downloads = [r for r in api.requests if r.url.host == "storage.test"]
    assert all("q-api-token" not in r.headers for r in downloads)


def test_counts_cost_one_download_and_the_rest_load_on_first_read(
    client: Any, api: FakeApi, make_client: ClientFactory
) -> None:
    transpiled = {"transpiled_program": "OPENQASM 3;", "stats": {}, "virtual_physical_mapping": {}}
    submitted(
        api,
        extra_archives={
            "transpile_result": zip_one("transpile_result.json", json.dumps(transpiled))
        },
    )
    result = client.get_job("job-1")
    result.get_counts()
    assert [r.url.path for r in api.requests if r.url.host == "storage.test"] == [
        "/dl/job-1/result.zip"
    ]
    assert result.transpile_result is not None
    assert result.transpile_result["transpiled_program"] == "OPENQASM 3;"
    assert api.count("GET", "/dl/job-1/transpile_result.zip") == 1
    # Serialising needs everything: the remaining archive is fetched, nothing twice.
    document = result.to_dict()
    assert document["archives"]["input"] == {"program": ["OPENQASM 3;"]}
    assert api.count("GET", "/dl/job-1/input.zip") == 1
    assert api.count("GET", "/dl/job-1/transpile_result.zip") == 1


def test_an_expired_archive_url_is_replaced_by_reading_the_job_again(
    client: Any, api: FakeApi, make_client: ClientFactory
) -> None:
    submitted(api)
    result = client.get_job("job-1")
    gets_before = api.count("GET", r"/jobs/job-1$")
    api.hooks.append(
        lambda r: (
            httpx.Response(403, text="<Error>AccessDenied: Request has expired</Error>")
            if r.url.path == "/dl/job-1/input.zip" and "fresh" not in str(r.url)
            else None
        )
    )
    original = api.job_record

    def fresh_urls(job):  # type: ignore[no-untyped-def]
        record = original(job)
        record["job_info"]["input"] += "&fresh=1"
        return record

    api.job_record = fresh_urls  # type: ignore[method-assign]
    assert result.job_info.input == {"program": ["OPENQASM 3;"]}  # type: ignore[union-attr]
    assert api.count("GET", r"/jobs/job-1$") == gets_before + 1


def test_get_job_reads_the_single_entry_whatever_its_name(client: Any, api: FakeApi) -> None:
    submitted(
        api,
        job_type="multi_manual",
        extra_archives={"combined_program": zip_one("combined_program", "OPENQASM 3; // combined")},
    )
    api.jobs["job-1"].input_zip = zip_one("mp", json.dumps({"program": ["a", "b"]}))
    result = client.get_job("job-1")
    assert type(result).__name__ == "OqtopusMultiManualJobResult"
    assert "combined" in json.dumps(result.to_dict())


def test_terminal_jobs_are_cached_per_client(client: Any, api: FakeApi) -> None:
    submitted(api)
    first = client.get_job("job-1")
    second = client.get_job("job-1")
    assert first is second
    assert api.count("GET", "/jobs/job-1") == 1
    client.get_job("job-1", use_cache=False)
    assert api.count("GET", "/jobs/job-1") == 2


def test_running_jobs_are_not_cached(client: Any, api: FakeApi) -> None:
    submitted(api, status="running")
    client.get_job("job-1")
    client.get_job("job-1")
    assert api.count("GET", "/jobs/job-1") == 2


def test_registered_unknown_status_and_unknown_type_do_not_crash(client: Any, api: FakeApi) -> None:
    api.add_job("reg")
    assert client.get_job("reg").status == "registered"
    submitted(api, "odd", status="paused", script=[])
    api.jobs["odd"].job_type = "quantum_annealing"
    odd = client.get_job("odd")
    assert odd.status == "paused"
    assert client.get_job_status("odd").status == "paused"
    assert client.list_jobs is not None


def test_bad_archive_names_the_archive(client: Any, api: FakeApi) -> None:
    submitted(api)
    api.jobs["job-1"].result = None
    api.jobs["job-1"].extra_archives = {"result": b"not a zip"}
    with pytest.raises(ArchiveError) as info:
        client.get_job("job-1")
    assert info.value.archive == "result"


def test_2xx_body_that_does_not_fit_is_response_validation_error(client: Any, api: FakeApi) -> None:
    api.hooks.append(
        lambda r: (
            httpx.Response(200, json=["not", "an", "object"])
            if r.url.path == "/jobs/x/status"
            else None
        )
    )
    with pytest.raises(ResponseValidationError) as info:
        client.get_job_status("x")
    assert info.value.payload == ["not", "an", "object"]


def test_not_found_carries_server_message(client: Any) -> None:
    with pytest.raises(NotFoundError, match="job not found with the given id"):
        client.get_job("missing")


# --- waiting -----------------------------------------------------------------------------------
def test_wait_for_job_polls_status_then_gets_job_once(
    client: Any, api: FakeApi, clock: FakeTime
) -> None:
    submitted(api, status="submitted", script=["ready", "running", "succeeded"])
    seen: list[str] = []
    result = client.wait_for_job(
        "job-1",
        interval=2.0,
        interval_backoff=2.0,
        max_interval=3.0,
        on_status=lambda s: seen.append(str(s.status)),
    )
    assert seen == ["ready", "running", "succeeded"]
    assert clock.sleeps == [2.0, 3.0]
    assert api.count("GET", "/jobs/job-1") == 1
    assert result.status == "succeeded"


def test_wait_for_job_timeout_is_job_timeout_error(client: Any, api: FakeApi) -> None:
    submitted(api, status="running", script=["running"])
    with pytest.raises(JobTimeoutError) as info:
        client.wait_for_job("job-1", interval=1.0, timeout=3.5)
    assert isinstance(info.value, TimeoutError)
    assert info.value.job_id == "job-1"
    assert info.value.last_status == "running"


def test_failure_statuses_raise_with_result_and_server_message(client: Any, api: FakeApi) -> None:
    submitted(
        api,
        status="running",
        script=["failed"],
        message="Job input validation failed: bad qasm",
        result=None,
    )
    with pytest.raises(JobFailedError) as info:
        client.wait_for_job("job-1", failure_statuses={"failed"})
    assert info.value.status == "failed"
    assert info.value.server_message == "Job input validation failed: bad qasm"
    assert info.value.result is not None
    # Without failure_statuses the failed job is returned, like the reference.
    submitted(api, "job-2", status="running", script=["failed"], result=None)
    with pytest.warns(OqtopusJobFailedWarning):
        assert client.wait_for_job("job-2").status == "failed"


def test_transport_failures_during_wait_are_retried_within_budget(
    client: Any, api: FakeApi
) -> None:
    submitted(api, status="running", script=["running", "succeeded"])
    failures = {"n": 0}

    def flaky(request: httpx.Request) -> httpx.Response | None:
        if request.url.path.endswith("/status") and failures["n"] < 4:
            failures["n"] += 1
            raise httpx.ConnectError("down")
        return None

    api.hooks.append(flaky)
    assert client.wait_for_job("job-1").status == "succeeded"


def test_wait_gives_up_when_transport_budget_is_spent(
    api: FakeApi, make_client: ClientFactory
) -> None:
    submitted(api, status="running", script=["running"])
    api.hooks.append(lambda r: httpx.Response(503) if r.url.path.endswith("/status") else None)
    c = make_client(transport_error_budget=2)
    with pytest.raises(ServerError):
        c.wait_for_job("job-1", timeout=None)
    assert api.count("GET", "/jobs/job-1/status") == 3 * 3


def test_wait_argument_checks(client: Any) -> None:
    with pytest.raises(ValueError, match="interval"):
        client.wait_for_job("j", interval=0)
    with pytest.raises(ValueError, match="max_workers"):
        client.wait_for_jobs(["j"], max_workers=0)
    with pytest.raises(ValueError, match="max_workers"):
        client.submit_jobs([spec()], max_workers=0)
    with pytest.raises(TypeError):
        client.run_jobs_batch([spec(), "nope"])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="submit_workers"):
        client.run_jobs_batch([spec()], submit_workers=0)


def test_run_sampling_checks_job_type(client: Any, api: FakeApi) -> None:
    estimation = OqtopusJobSpec.estimation(
        device_id="q", program="OPENQASM 3;", operator=[{"pauli": "Z 0", "coeff": 1.0}]
    )
    with pytest.raises(ValueError, match="sampling"):
        client.run_sampling(estimation)
    assert api.requests == []


def test_run_sampling_end_to_end(client: Any, api: FakeApi) -> None:
    result = client.run_sampling(spec())
    assert result.get_counts() == {"00": 6, "11": 4}
    assert api.count("GET", "/jobs/job-1/status") == 2


# --- many jobs ----------------------------------------------------------------------------------
def test_run_jobs_batch_keeps_every_result_when_one_job_times_out(
    client: Any, api: FakeApi
) -> None:
    api.default_script = ["running", "succeeded"]

    def stuck(request: httpx.Request) -> httpx.Response | None:
        if request.url.path == "/jobs/job-3/status":
            return httpx.Response(200, json={"job_id": "job-3", "status": "running"})
        return None

    api.hooks.append(stuck)
    with pytest.raises(BatchJobError) as info:
        client.run_jobs_batch([spec() for _ in range(5)], timeout=30.0, submit_workers=1)
    error = info.value
    assert [r is not None for r in error.results] == [True, True, False, True, True]
    assert set(error.errors) == {2}
    assert isinstance(error.errors[2], JobTimeoutError)
    assert error.job_ids[2] == "job-3"
    assert all(r.status == "succeeded" for r in error.results if r is not None)


def test_wait_for_jobs_returns_input_order(client: Any, api: FakeApi) -> None:
    submitted(api, "a", status="running", script=["running", "running", "succeeded"])
    submitted(api, "b", status="running", script=["succeeded"])
    results = client.wait_for_jobs(["a", "b"])
    assert [r.job_id for r in results] == ["a", "b"]


def test_as_completed_yields_in_completion_order_with_outcomes(client: Any, api: FakeApi) -> None:
    submitted(api, "slow", status="running", script=["running", "running", "succeeded"])
    submitted(api, "fast", status="running", script=["succeeded"])
    submitted(api, "never", status="running", script=["running"])
    outcomes = list(client.as_completed(["slow", "fast", "never"], timeout=10.0))
    assert [o.job_id for o in outcomes] == ["fast", "slow", "never"]
    assert outcomes[0].ok
    assert outcomes[2].status == "timed_out"
    assert isinstance(outcomes[2].error, JobTimeoutError)


def test_shared_loop_bounds_status_request_rate(
    api: FakeApi, clock: FakeTime, make_client: ClientFactory
) -> None:
    for i in range(40):
        submitted(api, f"j{i}", status="running", script=["running"] * 5 + ["succeeded"])
    c = make_client(status_requests_per_second=10.0)
    start = clock.now
    c.wait_for_jobs([f"j{i}" for i in range(40)], interval=0.1, timeout=None)
    elapsed = clock.now - start
    polls = api.count("GET", r"/jobs/j\d+/status")
    assert polls == 40 * 6  # no redundant polls
    assert polls <= 1 + 10.0 * elapsed + 1e-6  # never above the budget, even at the start
    assert api.count("GET", r"/jobs/j\d+") == 40  # one GET per finished job


@pytest.mark.parametrize(("workers", "interval", "budget"), [(4, 1.0, 20.0), (8, 0.05, 160.0)])
def test_default_budget_is_derived_from_workers_and_interval(
    api: FakeApi,
    clock: FakeTime,
    make_client: ClientFactory,
    workers: int,
    interval: float,
    budget: float,
) -> None:
    for i in range(200):
        submitted(api, f"j{i}", status="running", script=["running"] * 3 + ["succeeded"])
    c = make_client()
    start = clock.now
    c.wait_for_jobs(
        [f"j{i}" for i in range(200)], interval=interval, max_workers=workers, timeout=None
    )
    elapsed = clock.now - start
    polls = api.count("GET", r"/jobs/j\d+/status")
    assert polls == 200 * 4
    assert polls <= 1 + budget * elapsed + 1e-6
    # The budget is the binding limit: the wait takes about polls / budget seconds.
    assert elapsed == pytest.approx(polls / budget, rel=0.1)


def test_a_batch_is_preflighted_once_per_spec(
    client: Any, api: FakeApi, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import oqtopus_sdk.preflight

    checked: list[OqtopusJobSpec] = []
    real = oqtopus_sdk.preflight.preflight_spec

    def counting(spec: OqtopusJobSpec, **kwargs: Any) -> None:
        checked.append(spec)
        real(spec, **kwargs)

    monkeypatch.setattr(oqtopus_sdk.preflight, "preflight_spec", counting)
    client.submit_jobs([spec() for _ in range(3)])
    assert len(checked) == 3  # the whole batch up front, not again per submit
    client.submit_job(spec())
    assert len(checked) == 4
    client.submit_jobs([spec() for _ in range(3)], journal=tmp_path / "batch.journal")
    assert len(checked) == 7  # a journaled batch too


def test_submit_jobs_bounded_and_batch_error_keeps_successes(client: Any, api: FakeApi) -> None:
    responses = client.submit_jobs([spec() for _ in range(3)], max_workers=2)
    assert sorted(r.job_id for r in responses) == ["job-1", "job-2", "job-3"]
    api.hooks.append(
        lambda r: (
            httpx.Response(400, json={"message": "device not found"})
            if r.url.path == "/jobs/job-5/submit"
            else None
        )
    )
    with pytest.raises(BatchJobError) as info:
        client.submit_jobs([spec(), spec()], max_workers=1)
    assert info.value.results[0] is not None
    assert info.value.job_ids[1] == "job-5"


def test_async_results_load_archives_without_blocking(api: FakeApi, clock: FakeTime) -> None:
    import asyncio

    from oqtopus_sdk import AsyncOqtopusClient

    submitted(api)

    async def main() -> Any:
        async with AsyncOqtopusClient(
            OqtopusConfig(base_url=BASE, api_token=TOKEN), transport=api.transport(),
            sleep=clock.asleep, clock=clock.clock,
        ) as client:  # fmt: skip
            result = await client.get_job("job-1")
            assert api.count("GET", "/dl/job-1/input.zip") == 0  # lazy: not read yet
            await result.load_archives_async()
            assert api.count("GET", "/dl/job-1/input.zip") == 1
            return result

    result = asyncio.run(main())
    assert result.job_info.input == {"program": ["OPENQASM 3;"]}  # type: ignore[union-attr]
    assert api.count("GET", "/dl/job-1/input.zip") == 1


def test_async_blocking_archive_reads_share_one_connection(
    api: FakeApi, clock: FakeTime, monkeypatch: pytest.MonkeyPatch
) -> None:
    from oqtopus_sdk import AsyncOqtopusClient, _drivers

    submitted(api)
    made: list[object] = []
    real_init = _drivers.SyncDriver.__init__

    def counting_init(self: Any, *args: Any, **kwargs: Any) -> None:
        made.append(self)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(_drivers.SyncDriver, "__init__", counting_init)

    async def main() -> None:
        async with AsyncOqtopusClient(
            OqtopusConfig(base_url=BASE, api_token=TOKEN), transport=api.transport(),
            sleep=clock.asleep, clock=clock.clock,
        ) as client:  # fmt: skip
            for _ in range(3):
                result = await client.get_job("job-1", use_cache=False)
                # A property cannot await: a blocking read, on one shared connection.
                assert result.job_info.input == {"program": ["OPENQASM 3;"]}  # type: ignore[union-attr]
            assert len(made) == 1

    asyncio.run(main())
    assert api.count("GET", "/dl/job-1/input.zip") == 3


def test_sync_client_keeps_one_worker_pool(make_client: ClientFactory) -> None:
    if make_client.is_async:
        pytest.skip("the async client runs parallel steps with asyncio.gather")
    client = make_client()
    client.run_jobs_batch([spec() for _ in range(6)])
    pool = client._driver._pool
    assert pool is not None
    client.run_jobs_batch([spec() for _ in range(6)])
    assert client._driver._pool is pool
    client.close()
    assert client._driver._pool is None


def test_reference_async_batch_helpers(client: Any, make_client: ClientFactory) -> None:
    # Coroutines on both clients: the sync client runs the work in a worker thread.
    def run(value: Any) -> Any:
        return value if make_client.is_async else asyncio.run(value)

    responses = run(client.submit_jobs_async([spec(), spec()]))
    results = run(client.wait_for_jobs_async([r.job_id for r in responses]))
    assert [r.status for r in results] == ["succeeded", "succeeded"]
    batch = run(client.run_jobs_batch_async([spec()]))
    assert [r.status for r in batch] == ["succeeded"]


# --- other endpoints ----------------------------------------------------------------------------
def test_cancel_and_delete_invalidate_cache(client: Any, api: FakeApi) -> None:
    submitted(api)
    client.get_job("job-1")
    assert client.delete_job("job-1").message == "job deleted"
    with pytest.raises(NotFoundError):
        client.get_job("job-1")
    submitted(api, "job-2", status="running")
    assert client.cancel_job("job-2").message == "cancel request accepted"
    assert client.is_finished("job-2")


def test_get_sselog_and_fetch_bytes(client: Any, api: FakeApi) -> None:
    log_zip = zip_one("sse_runtime.log", "hello from sse")
    submitted(api, job_type="sse", extra_archives={"sse_log": log_zip})
    response = client.get_sselog("job-1")
    assert response.file_name == "sselog_job-1.log"
    assert base64.b64decode(response.file) == log_zip
    assert client._fetch_sse_log_bytes("job-1") == log_zip
    assert api.count("GET", "/dl/job-1/input.zip") == 0  # only the log is downloaded
    submitted(api, "job-2")
    with pytest.raises(ResponseValidationError, match="SSE log is not available"):
        client.get_sselog("job-2")


def test_devices_with_url_device_info(client: Any, api: FakeApi) -> None:
    info = {"qubits": [{"id": 0}], "couplings": []}
    api.storage["devices/sim/device_info.zip"] = zip_one("device_info.json", json.dumps(info))
    api.devices = [
        {"device_id": "sim", "device_type": "simulator", "status": "available", "n_pending_jobs": 0,
         "basis_gates": ["x"], "supported_instructions": [], "description": "d",
         "device_info": f"{STORAGE}/dl/devices/sim/device_info.zip?sig=1"},
        {"device_id": "qpu", "device_type": "QPU", "status": "unavailable", "n_pending_jobs": 3,
         "basis_gates": [], "supported_instructions": [], "description": "q", "device_info": json.dumps(info)},
    ]  # fmt: skip
    devices = client.list_devices()
    assert [d.device_id for d in devices] == ["sim", "qpu"]
    assert devices[0].device_info == info
    assert client.get_device("sim").device_info == info
    with pytest.raises(NotFoundError, match="is not found"):
        client.get_device("nope")


def test_account_endpoints(client: Any, api: FakeApi) -> None:
    routes = {
        ("POST", "/api-token"): httpx.Response(200, json={"api_token_id": "i", "api_token_secret": "s", "api_token_expiration": "2026-04-01T00:00:00Z"}),
        ("GET", "/api-token/status"): httpx.Response(200, json={"api_token_expiration": "2026-04-01T00:00:00Z"}),
        ("DELETE", "/api-token"): httpx.Response(200),
        ("GET", "/announcements"): httpx.Response(200, json={"announcements": []}),
        ("GET", "/announcements/3"): httpx.Response(200, json={"id": 3, "title": "t", "content": "c", "start_time": "2026-01-01T00:00:00Z", "end_time": "2026-02-01T00:00:00Z", "publishable": True}),
        ("GET", "/users/me"): httpx.Response(200, json={"id": "u", "email": "e", "name": "n", "organization": "o", "created_at": "2026-01-01T00:00:00Z", "login_events": []}),
        ("PATCH", "/users/me"): httpx.Response(200, json={"id": "u", "name": "new"}),
        ("DELETE", "/users/me"): httpx.Response(204),
        ("GET", "/system/settings"): httpx.Response(200, json={"editable_fields": ["name"], "allow_deletion": False, "visible_fields": ["id"], "login_history_enabled": True}),
    }  # fmt: skip
    api.hooks.append(lambda r: routes.get((r.method, r.url.path)))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert client.create_api_token().api_token_id == "i"
    assert any(issubclass(w.category, DeprecationWarning) for w in caught)
    assert client.get_api_token_status().api_token_expiration is not None
    assert client.get_api_token().api_token_expiration is not None
    assert client.delete_api_token() is None
    assert client.get_announcements_list().announcements == []
    assert client.get_announcement(3).id == 3
    assert client.get_current_user().email == "e"
    assert client.update_current_user(name="new").name == "new"
    patch = next(r for r in api.requests if r.method == "PATCH")
    assert json.loads(patch.content) == {"name": "new"}
    assert client.delete_current_user() is None
    assert client.get_current_settings().allow_deletion is False
    client.get_announcements_list(limit=5, order="desc")
    last = api.requests[-1]
    assert last.url.params["limit"] == "5"
    assert last.url.params["order"] == "DESC"


def test_list_jobs_checks_and_sends_filters(client: Any, api: FakeApi) -> None:
    import datetime

    api.hooks.append(
        lambda r: httpx.Response(200, json=[{"job_id": "a", "status": "succeeded"}, {"job_id": "b", "status": "brand_new"}])
        if r.url.path == "/jobs" and r.method == "GET" else None
    )  # fmt: skip
    jobs = client.list_jobs(status="succeeded", size=5, order="desc", fields=["job_id", "status"],
                            start_time=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))  # fmt: skip
    assert [j.job_id for j in jobs] == ["a", "b"]
    assert jobs[1].status == "brand_new"
    params = api.requests[-1].url.params
    assert params["status"] == "succeeded"
    assert params["fields"] == "job_id,status"
    assert params["order"] == "DESC"
    assert params["start_time"].startswith("2026-01-01T00:00:00")
    with pytest.raises(ValueError, match="size"):
        client.list_jobs(size=0)
    with pytest.raises(ValueError, match="status"):
        client.list_jobs(status="nope")
    with pytest.raises(ValueError, match="q"):
        client.list_jobs(q="x" * 2000)


def test_connection_error_is_wrapped(make_client: ClientFactory) -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("no route")

    c = make_client(transport=down)
    with pytest.raises(OqtopusConnectionError) as info:
        c.get_job_status("x")
    assert isinstance(info.value.__cause__, httpx.ConnectError)
    assert TOKEN not in str(info.value)


def test_archives_still_load_after_the_client_is_closed(
    api: FakeApi, make_client: ClientFactory
) -> None:
    submitted(api)
    with make_client() as c:
        result = c.get_job("job-1")
    assert result.job_info.input == {"program": ["OPENQASM 3;"]}  # type: ignore[union-attr]
    assert api.count("GET", "/dl/job-1/input.zip") == 1
