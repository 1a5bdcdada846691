"""oqtopus_sdk against the local emulator over real loopback HTTP: every job type and call."""

from __future__ import annotations

import math
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from oqtopus_sdk import (
    AsyncOqtopusClient,
    OqtopusClient,
    OqtopusConfig,
    OqtopusEstimationJobResult,
    OqtopusEstimationOperator,
    OqtopusJobFailedWarning,
    OqtopusJobSpec,
    OqtopusMultiManualJobResult,
    OqtopusSamplingJobResult,
    OqtopusSseJobResult,
)
from oqtopus_sdk.errors import (
    BadRequestError,
    JobFailedError,
    NotFoundError,
    SubmissionError,
    UnauthorizedError,
)
from oqtopus_sdk.local import LocalOqtopus
from tests.integration.conftest import BELL, DEVICE, FAST, GHZ3


def bell_spec(name: str = "bell", shots: int = 1000) -> OqtopusJobSpec:
    return OqtopusJobSpec.sampling(device_id=DEVICE, program=BELL, shots=shots, name=name)


def assert_bell(counts: dict[str, int], shots: int = 1000) -> None:
    assert set(counts) <= {"00", "11"}
    assert sum(counts.values()) == shots
    assert 0.4 * shots < counts.get("00", 0) < 0.6 * shots


def test_sampling_bell_state(server: LocalOqtopus) -> None:
    with server.client() as client:
        result = client.run_sampling(bell_spec(), **FAST)
    assert isinstance(result, OqtopusSamplingJobResult)
    assert result.status == "succeeded"
    assert_bell(result.get_counts())
    assert result.counts_with_integer_keys()["counts"].keys() <= {0, 3}
    assert result.submitted_at <= result.ready_at <= result.running_at <= result.ended_at  # type: ignore[operator]
    assert result.execution_time
    assert result.execution_time > 0
    assert result.queued_for is not None
    assert result.turnaround is not None
    assert result.transpiler_info["transpiler_lib"] == "qiskit"
    assert result.transpile_result is not None


def test_estimation_of_bell_observables(server: LocalOqtopus) -> None:
    spec = OqtopusJobSpec.estimation(
        device_id=DEVICE,
        program=BELL,
        shots=4000,
        operator=[OqtopusEstimationOperator("X 0 X 1", 1.5), OqtopusEstimationOperator("Z 0 Z 1")],
    )
    with server.client() as client:
        result = client.run_estimation(spec, **FAST)
    assert isinstance(result, OqtopusEstimationJobResult)
    assert result.exp_value is not None
    assert math.isclose(result.exp_value, 2.5, abs_tol=0.15)
    assert result.stds is not None
    assert result.stds >= 0


def test_multi_manual_divided_counts(server: LocalOqtopus) -> None:
    spec = OqtopusJobSpec.multi_manual(device_id=DEVICE, program=[BELL, GHZ3], shots=1000)
    with server.client() as client:
        result = client.run_multi_manual(spec, **FAST)
    assert isinstance(result, OqtopusMultiManualJobResult)
    combined = result.get_counts()
    assert all(len(key) == 5 for key in combined)
    divided = result.get_divided_counts()
    assert set(divided) == {"0", "1"}
    assert set(divided["0"]) <= {0, 3}
    assert sum(divided["0"].values()) == 1000
    assert set(divided["1"]) <= {0, 7}
    assert sum(divided["1"].values()) == 1000
    assert "OPENQASM 3" in result.job_info.combined_program  # type: ignore[union-attr]


SSE_PROGRAM = textwrap.dedent(
    f"""
    from oqtopus_sdk import OqtopusClient, OqtopusConfig, OqtopusJobFailedWarning, OqtopusJobSpec

    with OqtopusClient() as client:
        spec = OqtopusJobSpec.sampling(device_id={DEVICE!r}, program={BELL!r}, shots=200)
        result = client.run_sampling(spec, interval=0.02)
        print("inner counts", sum(result.get_counts().values()))
    """
)


def test_sse_job_runs_inner_jobs_and_keeps_its_log(server: LocalOqtopus, tmp_path: Path) -> None:
    program = tmp_path / "program.py"
    program.write_text(SSE_PROGRAM, encoding="utf-8")
    with server.client() as client:
        result = client.run_sse_file(file_path=str(program), device_id=DEVICE, **FAST)
        assert isinstance(result, OqtopusSseJobResult)
        assert result.status == "succeeded"
        inner = result.get_job_result()
        assert isinstance(inner, OqtopusSamplingJobResult)
        assert_bell(inner.get_counts(), shots=200)
        assert "inner counts 200" in result.read_log_text()
        saved = result.download_log(save_dir=str(tmp_path), persist=True)
        assert Path(str(saved)).is_file()
        sselog = client.get_sselog(result.job_id)
        assert sselog.file_name == f"sselog_{result.job_id}.log"


def test_failing_sse_program_fails_without_result_or_log(server: LocalOqtopus) -> None:
    spec = OqtopusJobSpec.sse(device_id=DEVICE, program="raise SystemExit(3)", shots=1)
    with server.client() as client, pytest.warns(OqtopusJobFailedWarning):
        result = client.run_sse(spec, **FAST)
    assert result.status == "failed"
    assert result.execution_time is not None
    assert result.job_info.result is None  # type: ignore[union-attr]


def test_invalid_qasm_fails_with_the_server_message(server: LocalOqtopus) -> None:
    spec = OqtopusJobSpec.sampling(
        device_id=DEVICE, program="OPENQASM 3; this is not qasm;", shots=10
    )
    with server.client(preflight=False) as client:  # let the service find the error
        with pytest.raises(JobFailedError) as caught:
            client.run_sampling(spec, failure_statuses=["failed"], **FAST)
        with pytest.warns(OqtopusJobFailedWarning, match="ended failed"):
            failed = client.run_sampling(spec, **FAST)
    assert caught.value.server_message
    assert caught.value.job_id
    assert failed.status == "failed"
    assert failed.message
    assert failed.running_at is None


def test_cancel_then_delete(server: LocalOqtopus) -> None:
    server.faults.configure(queue_latency=30.0)
    try:
        with server.client() as client:
            submitted = client.submit_job(bell_spec("to-cancel"))
            assert client.cancel_job(submitted.job_id).message == "cancel request accepted"
            assert client.status(submitted.job_id) == "cancelled"
            assert client.delete_job(submitted.job_id).message == "job deleted"
            with pytest.raises(NotFoundError, match="job not found with the given id"):
                client.get_job(submitted.job_id)
    finally:
        server.faults.configure(queue_latency=0.0)


def test_delete_of_an_unfinished_job_is_refused_with_the_server_text(server: LocalOqtopus) -> None:
    server.faults.configure(queue_latency=30.0)
    try:
        with server.client() as client:
            job_id = client.submit_job(bell_spec("pending")).job_id
            with pytest.raises(BadRequestError, match="not in valid status for deletion"):
                client.delete_job(job_id)
            client.cancel_job(job_id)
    finally:
        server.faults.configure(queue_latency=0.0)


def test_list_jobs_with_filters(server: LocalOqtopus) -> None:
    marker = f"listing-{datetime.now(UTC).timestamp()}"
    with server.client() as client:
        start = datetime.now(UTC) - timedelta(seconds=1)
        results = client.run_jobs_batch(
            [bell_spec(f"{marker}-{i}", shots=10) for i in range(3)], **FAST
        )
        assert [r.status for r in results] == ["succeeded"] * 3
        found = client.list_jobs(q=marker, start_time=start, status="succeeded")
        assert sorted(job.name for job in found) == [f"{marker}-{i}" for i in range(3)]
        ascending = [job.job_id for job in client.list_jobs(q=marker, order="ASC")]
        descending = [job.job_id for job in client.list_jobs(q=marker, order="DESC")]
        assert descending == ascending[::-1]
        pages = [client.list_jobs(q=marker, size=2, page=p) for p in (1, 2, 3)]
        assert [[job.job_id for job in page] for page in pages] == [
            ascending[:2],
            ascending[2:],
            [],
        ]
        assert [job.status for job in client.list_jobs(q=marker, fields="job_id,status")] == [
            "succeeded"
        ] * 3


def test_unknown_job_wrong_token_and_unavailable_device(server: LocalOqtopus) -> None:
    with server.client() as client:
        with pytest.raises(NotFoundError) as not_found:
            client.get_job("00000000-0000-7000-8000-000000000000")
        assert not_found.value.message == "job not found with the given id"
        offline = OqtopusJobSpec.sampling(device_id="emu-qpu-offline", program=BELL, shots=10)
        with pytest.raises(SubmissionError) as refused:
            client.submit_job(offline)
        assert refused.value.job_id
        assert isinstance(refused.value.__cause__, BadRequestError)
        assert "device emu-qpu-offline is not available" in str(refused.value.__cause__)
    bad = OqtopusClient(OqtopusConfig(base_url=server.base_url, api_token="wrong.token"))
    with bad, pytest.raises(UnauthorizedError) as unauthorized:
        bad.list_devices()
    assert "wrong.token" not in str(unauthorized.value)


def test_devices_are_parsed(server: LocalOqtopus) -> None:
    with server.client() as client:
        devices = {d.device_id: d for d in client.list_devices()}
        qpu = client.get_device("emu-qpu-5")
    assert devices["emu-qpu-offline"].status == "unavailable"
    assert qpu.n_qubits == 5
    assert len(qpu.device_info["qubits"]) == 5  # type: ignore[index]


def test_account_and_info_calls(server: LocalOqtopus) -> None:
    with server.client() as client:
        assert client.get_api_token_status().api_token_expiration
        assert client.get_announcements_list().announcements is not None
        assert client.get_current_settings().allow_deletion in (True, False)
        assert client.get_current_user().email is not None


async def test_async_client_runs_every_job_type_concurrently(server: LocalOqtopus) -> None:
    import asyncio

    config = OqtopusConfig(base_url=server.base_url, api_token=server.api_token)
    async with AsyncOqtopusClient(config) as client:
        sampling, estimation, multi = await asyncio.gather(
            client.run_sampling(bell_spec("async"), **FAST),
            client.run_estimation(
                OqtopusJobSpec.estimation(
                    device_id=DEVICE,
                    program=BELL,
                    shots=2000,
                    operator=[OqtopusEstimationOperator("Z 0 Z 1")],
                ),
                **FAST,
            ),
            client.run_multi_manual(
                OqtopusJobSpec.multi_manual(device_id=DEVICE, program=[BELL, BELL], shots=500),
                **FAST,
            ),
        )
        assert_bell(sampling.get_counts())
        assert estimation.exp_value is not None
        assert math.isclose(estimation.exp_value, 1.0, abs_tol=0.05)
        assert set(multi.get_divided_counts()) == {"0", "1"}
        results = await client.run_jobs_batch([bell_spec(f"ab-{i}", 100) for i in range(4)], **FAST)
        assert [sum(r.get_counts().values()) for r in results] == [100] * 4  # type: ignore[attr-defined]


def test_restart_with_data_dir_keeps_jobs_and_archives(tmp_path: Path) -> None:
    with LocalOqtopus(data_dir=tmp_path) as first, first.client() as client:
        result = client.run_sampling(bell_spec("persisted"), **FAST)
        counts = result.get_counts()
    with LocalOqtopus(data_dir=tmp_path) as second, second.client() as client:
        again = client.get_job(result.job_id)
        assert again.status == "succeeded"
        assert again.get_counts() == counts  # type: ignore[attr-defined]
        assert [j.job_id for j in client.list_jobs(q="persisted")] == [result.job_id]
