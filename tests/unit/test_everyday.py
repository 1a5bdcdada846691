"""What a user sees every day: failures never silent, handles, progress, interrupts, errors."""

from __future__ import annotations

import copy
import logging
import pickle
from typing import Any

import httpx
import pytest
from both_clients import MODES, ClientFactory
from fake_api import BASE, TOKEN, FakeApi, FakeTime

from oqtopus_sdk import (
    AsyncOqtopusJob,
    OqtopusConfig,
    OqtopusJob,
    OqtopusJobFailedWarning,
    OqtopusJobSpec,
)
from oqtopus_sdk.errors import JobNotFinishedError, JobTimeoutError, NotFoundError


@pytest.fixture(params=MODES)
def make_client(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.delenv("OQTOPUS_ENV", raising=False)
    factory = ClientFactory(request.param, FakeApi(), FakeTime())
    yield factory
    factory.close()


def spec() -> OqtopusJobSpec:
    return OqtopusJobSpec.sampling(device_id="qulacs", program="OPENQASM 3;", shots=10)


def failing(api: FakeApi, job_id: str = "job-1") -> None:
    job = api.add_job(job_id, script=["running", "failed"], result=None, message="no qubits")
    job.status = "submitted"
    job.body = {"device_id": "qulacs", "job_type": "sampling", "shots": 10}


# --- never silent --------------------------------------------------------------------------------
def test_a_failed_job_returned_by_a_wait_warns_with_the_server_message(
    make_client: ClientFactory,
) -> None:
    failing(make_client.api)
    client = make_client()
    with pytest.warns(OqtopusJobFailedWarning, match=r"job-1 ended failed: no qubits"):
        result = client.wait_for_job("job-1")
    assert result.status == "failed"  # the reference-compatible return value stays
    with pytest.warns(OqtopusJobFailedWarning, match="job-1"):
        assert result.get_counts() == {}


def test_run_and_batch_calls_warn_for_each_failed_job(make_client: ClientFactory) -> None:
    api = make_client.api
    api.default_script = ["running", "failed"]
    client = make_client()
    with pytest.warns(OqtopusJobFailedWarning, match="ended failed"):
        assert client.run_sampling(spec()).status == "failed"
    with pytest.warns(OqtopusJobFailedWarning) as caught:
        results = client.run_jobs_batch([spec(), spec()])
    assert [r.status for r in results] == ["failed", "failed"]
    assert len(caught) == 2


# --- job handles ---------------------------------------------------------------------------------
def test_submit_returns_a_handle(make_client: ClientFactory) -> None:
    client = make_client()
    job = client.submit(spec())
    wrapped = getattr(job, "wrapped", job)
    assert isinstance(job, OqtopusJob) or isinstance(wrapped, AsyncOqtopusJob)
    assert repr(job) in ("OqtopusJob(job_id='job-1')", "AsyncOqtopusJob(job_id='job-1')")
    run = make_client.loop.run_until_complete if make_client.loop else (lambda value: value)
    assert str(run(job.status())) in ("submitted", "running")
    result = run(job.result())
    assert result.get_counts() == {"00": 6, "11": 4}
    assert run(job.result(wait=False)).job_id == "job-1"
    handles = client.submit_many([spec(), spec()])
    # Two submit workers register concurrently: which one gets job-2 is up to the race.
    assert sorted(h.job_id for h in handles) == ["job-2", "job-3"]
    first = handles[0].job_id
    existing = client.job(first)
    assert existing == handles[0]
    run(existing.cancel())
    assert make_client.api.jobs[first].status == "cancelled"
    with pytest.raises(ValueError, match="job_id"):
        client.job("../x")


def test_handles_copy_and_pickle_without_the_token(
    make_client: ClientFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    job = make_client().job("job-7")
    assert copy.deepcopy(job) == job
    data = pickle.dumps(job)
    assert TOKEN.encode() not in data
    assert b"SuperSecret" not in data
    restored = pickle.loads(data)
    assert restored == job
    monkeypatch.setenv("OQTOPUS_URL", "https://elsewhere.test")
    monkeypatch.setenv("OQTOPUS_API_TOKEN", TOKEN)
    with pytest.raises(ValueError, match=r"belongs to https://api\.test"):
        _ = restored.client


# --- status changes, logging and progress --------------------------------------------------------
def test_on_change_fires_once_per_change_and_changes_are_logged(
    make_client: ClientFactory, caplog: pytest.LogCaptureFixture
) -> None:
    api = make_client.api
    api.default_script = ["running", "running", "running", "succeeded"]
    client = make_client()
    changes: list[tuple[str, str | None, str]] = []
    job_id = client.submit_job(spec()).job_id
    with caplog.at_level(logging.INFO, logger="oqtopus_sdk"):
        client.wait_for_job(job_id, on_change=lambda *change: changes.append(change))
    assert changes == [(job_id, None, "running"), (job_id, "running", "succeeded")]
    assert f"job {job_id}: running -> succeeded" in caplog.text


def test_progress_bar_counts_jobs_by_status(
    make_client: ClientFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("tqdm")
    client = make_client()
    results = client.run_jobs_batch([spec() for _ in range(3)], progress=True)
    assert len(results) == 3
    err = capsys.readouterr().err
    assert "3/3" in err
    assert "succeeded=3" in err


def test_progress_default_comes_from_the_config(
    make_client: ClientFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("tqdm")
    client = make_client(OqtopusConfig(base_url=BASE, api_token=TOKEN, progress=True))
    client.run_sampling(spec())
    assert "1/1" in capsys.readouterr().err


# --- interrupts and timeouts say how to resume ---------------------------------------------------
def test_ctrl_c_during_a_wait_names_the_running_jobs(make_client: ClientFactory) -> None:
    if make_client.is_async:
        pytest.skip("asyncio turns Ctrl-C into task cancellation; covered by the sync driver")
    api = make_client.api
    api.default_script = ["running"] * 50

    def interrupted(seconds: float) -> None:
        raise KeyboardInterrupt

    client = make_client(sleep=interrupted)
    with pytest.raises(KeyboardInterrupt) as info:
        client.run_jobs_batch([spec(), spec()])
    # Two submit workers register concurrently: the server's id order is up to the race.
    ids = info.value.oqtopus_job_ids  # type: ignore[attr-defined]
    assert sorted(ids) == ["job-1", "job-2"]
    note = "\n".join(info.value.__notes__)
    assert ", ".join(ids) in note
    assert "client.wait_for_jobs(ids)" in note
    with pytest.raises(KeyboardInterrupt) as single:
        client.run_sampling(spec())
    assert "client.wait_for_job('job-3')" in "\n".join(single.value.__notes__)


def test_a_timeout_says_the_job_still_runs_and_how_to_resume(make_client: ClientFactory) -> None:
    api = make_client.api
    api.default_script = ["running"] * 100
    client = make_client()
    job_id = client.submit_job(spec()).job_id
    with pytest.raises(JobTimeoutError) as info:
        client.wait_for_job(job_id, timeout=3.0)
    text = str(info.value)
    assert "still running on the service" in text
    assert f"client.wait_for_job({job_id!r})" in text


# --- error texts ---------------------------------------------------------------------------------
def test_http_errors_name_the_full_url_and_reduce_html(make_client: ClientFactory) -> None:
    page = "<!DOCTYPE html><html><head><title>404 Not Found</title></head><body>" + "x" * 5000
    client = make_client(
        transport=lambda request: httpx.Response(
            404, text=page, headers={"Content-Type": "text/html"}
        )
    )
    with pytest.raises(NotFoundError) as info:
        client.list_devices()
    text = str(info.value)
    assert f"{BASE}/devices" in text
    assert "an HTML page titled '404 Not Found'" in text
    assert len(text) < 300


def test_sse_log_of_an_unfinished_job_says_so(make_client: ClientFactory) -> None:
    job = make_client.api.add_job("s-1", job_type="sse", script=["running"] * 10)
    job.status = "running"
    job.body = {"device_id": "qulacs", "job_type": "sse", "shots": 1}
    with pytest.raises(JobNotFinishedError, match="not available yet: the job is running") as info:
        make_client().get_sselog("s-1")
    assert info.value.status == "running"


def test_progress_without_tqdm_fails_before_anything_is_sent(
    make_client: ClientFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "tqdm" else real(name, *a)
    )
    client = make_client()
    with pytest.raises(ImportError, match=r"oqtopus-sdk\[progress\]"):
        client.run_sampling(spec(), progress=True)
    assert make_client.api.requests == []
