"""Resuming a journaled batch against the emulator: each recorded state, in process.

Earlier runs are staged by hand (register, upload and submit requests, journal writes) so
each test starts from exactly one of the states a crash can leave behind.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from oqtopus_sdk import OqtopusClient, OqtopusJobSpec
from oqtopus_sdk._common import wait_options
from oqtopus_sdk._disk_cache import DiskCache
from oqtopus_sdk._jobs import prepare_submission
from oqtopus_sdk._journaled import (
    default_cache,
    disk_cache_for,
    open_journal,
    run_jobs_batch_journaled,
    submit_jobs_journaled,
)
from oqtopus_sdk.errors import BatchJobError, JobFailedError, SubmissionError
from oqtopus_sdk.journal import Journal, JournalMismatchError, UploadTarget
from oqtopus_sdk.local import LocalOqtopus

from .conftest import DEVICE, CountingTransport, bell_specs, fast_wait


@pytest.fixture
def counted(server: LocalOqtopus) -> Iterator[tuple[OqtopusClient, CountingTransport]]:
    transport = CountingTransport()
    with server.client(transport=transport, preflight=False) as client:
        yield client, transport


def _run(client: OqtopusClient, journal: Journal, specs: list[OqtopusJobSpec], **kw: Any) -> Any:
    options = kw.pop("options", None) or fast_wait()
    return client._run(
        run_jobs_batch_journaled(
            client._ctx, specs, options, journal=journal, submit_workers=4, wait_workers=4,
            requests_per_second=None, **kw,
        )
    )  # fmt: skip


def _register(client: OqtopusClient) -> tuple[str, UploadTarget]:
    from oqtopus_api.api.job import register_job_id

    raw = client._run(client._ctx.transport.api(register_job_id._get_kwargs()))
    return raw["job_id"], UploadTarget.from_register(raw["presigned_url"], time.time())


def _upload(client: OqtopusClient, spec: OqtopusJobSpec, target: UploadTarget) -> None:
    _, archive = prepare_submission(spec)
    flow = client._ctx.transport.upload(
        target.url, target.fields, archive, filename="input.zip", archive="input"
    )
    client._run(flow)


def _submit(client: OqtopusClient, job_id: str, spec: OqtopusJobSpec) -> None:
    from oqtopus_api.api.job import submit_job
    from oqtopus_api.models import JobsSubmitJobRequest

    body = JobsSubmitJobRequest.from_dict(spec.to_submit_body())
    client._run(client._ctx.transport.api(submit_job._get_kwargs(job_id, body=body)))


def _status(server: LocalOqtopus, job_id: str) -> str | None:
    assert server.emulator is not None
    record = server.emulator.store.get(job_id)
    return None if record is None else record.status


def _count(transport: CountingTransport, method: str, suffix: str) -> int:
    return sum(1 for m, path in transport.requests if m == method and path.endswith(suffix))


def test_registered_job_is_uploaded_again_and_submitted(
    counted: tuple[OqtopusClient, CountingTransport], tmp_path: Path
) -> None:
    client, transport = counted
    specs = bell_specs(2, "rereg")
    with Journal(tmp_path / "j") as journal:
        journal.begin(specs)
        job_id, target = _register(client)  # died before the upload
        journal.mark_registered(0, job_id, target)
        transport.requests.clear()
        results = _run(client, journal, specs)
        assert results[0].job_id == job_id
        assert _count(transport, "POST", "/jobs") == 1  # only position 1 was registered
        assert [e.state for e in journal.entries()] == ["finished", "finished"]


def test_expired_target_without_upload_cancels_and_registers_anew(
    server: LocalOqtopus, counted: tuple[OqtopusClient, CountingTransport], tmp_path: Path
) -> None:
    client, transport = counted
    specs = bell_specs(1, "expired")
    with Journal(tmp_path / "j") as journal:
        journal.begin(specs)
        job_id, target = _register(client)
        expired = UploadTarget(target.url, target.fields, expires_at=time.time() - 1)
        journal.mark_registered(0, job_id, expired)
        transport.requests.clear()
        [result] = _run(client, journal, specs)
        assert result.job_id != job_id
        assert _status(server, job_id) == "cancelled"
        assert _count(transport, "POST", f"/jobs/{job_id}/cancel") == 1
        assert not any(
            path == "/storage/upload" and job_id in path for _, path in transport.requests
        )
        [abandoned] = journal.abandoned()
        assert (abandoned.job_id, abandoned.cancelled) == (job_id, True)
        assert "expired" in abandoned.reason


def test_expired_target_after_a_finished_upload_just_submits(
    counted: tuple[OqtopusClient, CountingTransport], tmp_path: Path
) -> None:
    client, transport = counted
    specs = bell_specs(1, "uploaded")
    with Journal(tmp_path / "j") as journal:
        journal.begin(specs)
        job_id, target = _register(client)
        _upload(client, specs[0], target)  # died between upload and submit, an hour ago
        journal.mark_registered(0, job_id, UploadTarget(target.url, target.fields, 0.0))
        transport.requests.clear()
        [result] = _run(client, journal, specs)
        assert result.job_id == job_id
        assert _count(transport, "POST", "/jobs") == 0
        assert _count(transport, "POST", "/storage/upload") == 0  # expired: not tried
        assert journal.abandoned() == []


def test_job_gone_from_the_service_is_registered_anew(
    server: LocalOqtopus, counted: tuple[OqtopusClient, CountingTransport], tmp_path: Path
) -> None:
    client, transport = counted
    specs = bell_specs(1, "gone")
    with Journal(tmp_path / "j") as journal:
        journal.begin(specs)
        job_id, target = _register(client)
        journal.mark_registered(0, job_id, target)
        client.cancel_job(job_id)
        client.delete_job(job_id)
        transport.requests.clear()
        [result] = _run(client, journal, specs)
        assert result.job_id != job_id
        assert _count(transport, "POST", f"/jobs/{job_id}/cancel") == 0
        assert [(a.job_id, a.reason, a.cancelled) for a in journal.abandoned()] == [
            (job_id, "not found", True)
        ]


def test_lost_submit_answer_is_not_submitted_twice(
    counted: tuple[OqtopusClient, CountingTransport], tmp_path: Path
) -> None:
    client, transport = counted
    specs = bell_specs(1, "lost")
    with Journal(tmp_path / "j") as journal:
        journal.begin(specs)
        job_id, target = _register(client)
        journal.mark_registered(0, job_id, target)
        _upload(client, specs[0], target)
        _submit(client, job_id, specs[0])  # submitted; the journal never heard of it
        transport.requests.clear()
        [result] = _run(client, journal, specs)
        assert result.job_id == job_id
        assert _count(transport, "POST", "/submit") == 0
        assert _count(transport, "POST", "/storage/upload") == 0


def test_submitted_jobs_are_waited_on_and_finished_ones_read_from_disk(
    server: LocalOqtopus, counted: tuple[OqtopusClient, CountingTransport], tmp_path: Path
) -> None:
    client, transport = counted
    specs = bell_specs(30, "reopen")
    with Journal(tmp_path / "j") as journal:
        answers = client._run(
            submit_jobs_journaled(client._ctx, specs, journal=journal, max_workers=4)
        )
        assert [e.state for e in journal.entries()] == ["submitted"] * 30
        again = client._run(
            submit_jobs_journaled(client._ctx, specs, journal=journal, max_workers=4)
        )
        assert [a.job_id for a in again] == [a.job_id for a in answers]
        assert again[0].presigned_url.url  # the recorded register answer
        transport.requests.clear()
        first = _run(client, journal, specs)
        assert [r.job_id for r in first] == [a.job_id for a in answers]
        assert _count(transport, "POST", "/jobs") == 0
        assert _count(transport, "POST", "/submit") == 0

    # A finished batch reopens instantly: every result from the disk cache, no request.
    fresh = CountingTransport()
    with server.client(transport=fresh, preflight=False) as other:
        started = time.perf_counter()
        with Journal(tmp_path / "j") as journal:
            second = _run(other, journal, specs)
        elapsed = time.perf_counter() - started
    assert fresh.requests == []
    assert elapsed < 1.0, elapsed
    assert [r.job_id for r in second] == [r.job_id for r in first]
    assert [r.get_counts() for r in second] == [r.get_counts() for r in first]
    assert all(r.name == f"reopen-{i}" for i, r in enumerate(second))

    # A result the cache lost is fetched once and cached again.
    fresh.requests.clear()
    with (
        server.client(transport=fresh, preflight=False) as other,
        Journal(tmp_path / "j") as journal,
    ):
        default_cache(journal).discard(first[3].job_id)
        third = _run(other, journal, specs)
        assert _count(fresh, "GET", f"/jobs/{first[3].job_id}") == 1
        fresh.requests.clear()
        _run(other, journal, specs)
    assert fresh.requests == []
    assert third[3].get_counts() == first[3].get_counts()


def test_submission_errors_keep_the_job_and_results_of_the_others(
    counted: tuple[OqtopusClient, CountingTransport], tmp_path: Path
) -> None:
    client, transport = counted
    specs = bell_specs(3, "offline")
    specs[1] = OqtopusJobSpec.sampling(
        device_id="emu-qpu-offline", program=specs[1].program, shots=8
    )
    with Journal(tmp_path / "j") as journal:
        with pytest.raises(BatchJobError) as caught:
            _run(client, journal, specs)
        error = caught.value
        assert list(error.errors) == [1]
        assert isinstance(error.errors[1], SubmissionError)
        assert error.results[0] is not None
        assert error.results[2] is not None
        job_id = journal.entry(1).job_id
        assert job_id is not None
        assert error.job_ids[1] == job_id
        assert journal.entry(1).state == "registered"
        transport.requests.clear()
        with pytest.raises(BatchJobError):  # still offline: the same job is tried again
            _run(client, journal, specs)
        assert _count(transport, "POST", "/jobs") == 0
        assert _count(transport, "POST", f"/jobs/{job_id}/submit") == 1


def test_failed_jobs_stay_failures_when_read_back(
    counted: tuple[OqtopusClient, CountingTransport], tmp_path: Path
) -> None:
    client, _ = counted
    specs = bell_specs(2, "fails")
    specs[0] = OqtopusJobSpec.sampling(device_id=DEVICE, program="OPENQASM 3; nonsense;", shots=8)
    options = wait_options(
        interval=0.02, interval_backoff=1.0, max_interval=None, timeout=60.0,
        failure_statuses=["failed"],
    )  # fmt: skip
    with Journal(tmp_path / "j") as journal:
        for _ in range(2):  # the second run reads both from the disk cache
            with pytest.raises(BatchJobError) as caught:
                _run(client, journal, specs, options=options)
            assert isinstance(caught.value.errors[0], JobFailedError)
            assert caught.value.results[1] is not None
        assert [e.final_status for e in journal.entries()] == ["failed", "succeeded"]


def test_abandoned_jobs_left_uncancelled_are_cancelled_next_run(
    server: LocalOqtopus, counted: tuple[OqtopusClient, CountingTransport], tmp_path: Path
) -> None:
    client, _ = counted
    specs = bell_specs(1, "leftover")
    with Journal(tmp_path / "j") as journal:
        journal.begin(specs)
        job_id, target = _register(client)
        journal.mark_registered(0, job_id, target)
        journal.abandon(0, job_id, reason="test", cancel=True)  # died before the cancel
        _run(client, journal, specs)
        assert _status(server, job_id) == "cancelled"
        assert journal.pending_cancellations() == []


def test_another_batch_is_refused_before_any_request(
    counted: tuple[OqtopusClient, CountingTransport], tmp_path: Path
) -> None:
    client, transport = counted
    with Journal(tmp_path / "j") as journal:
        journal.begin(bell_specs(2, "one"))
        transport.requests.clear()
        with pytest.raises(JournalMismatchError):
            _run(client, journal, bell_specs(2, "two"))
        assert transport.requests == []


async def test_the_async_client_runs_the_same_flow(server: LocalOqtopus, tmp_path: Path) -> None:
    specs = bell_specs(4, "async")
    async with server.async_client(preflight=False) as client:
        with Journal(tmp_path / "j") as journal:
            flow = run_jobs_batch_journaled(
                client._ctx, specs, fast_wait(), journal=journal, submit_workers=2,
                wait_workers=2, requests_per_second=None, cache=DiskCache(tmp_path / "c"),
            )  # fmt: skip
            results = await client._run(flow)
            assert [r.name for r in results] == [s.name for s in specs]
            assert {e.state for e in journal.entries()} == {"finished"}
    assert len(list((tmp_path / "c").iterdir())) == 4


def test_open_journal_and_disk_cache_helpers(server: LocalOqtopus, tmp_path: Path) -> None:
    specs = bell_specs(1)
    with Journal(tmp_path / "given") as given:
        assert open_journal(given, specs, journal_dir=None) == (given, False)
    opened, owned = open_journal(tmp_path / "by-path", specs, journal_dir=None)
    assert owned
    opened.close()
    opened, owned = open_journal(True, specs, journal_dir=tmp_path / "dir")
    assert owned
    assert opened.path.parent == tmp_path / "dir"
    opened.close()
    with pytest.raises(ValueError, match="journal directory"):
        open_journal(True, specs, journal_dir=None)
    with pytest.raises(ValueError, match="pass None"):
        open_journal(False, specs, journal_dir=None)
    with pytest.raises(TypeError, match="journal must be"):
        open_journal(3, specs, journal_dir=None)  # type: ignore[arg-type]
    assert disk_cache_for(server.config()) is None
    cache = disk_cache_for(server.config(cache_dir=str(tmp_path / "c"), cache_max_bytes=1000))
    assert cache is not None
    assert (cache.directory, cache.max_bytes) == (tmp_path / "c", 1000)


def test_a_timed_out_wait_leaves_jobs_submitted_for_the_next_run(
    server: LocalOqtopus, counted: tuple[OqtopusClient, CountingTransport], tmp_path: Path
) -> None:
    client, transport = counted
    specs = bell_specs(2, "slow")
    impatient = wait_options(interval=0.02, interval_backoff=1.0, max_interval=None, timeout=0.1)
    server.faults.configure(queue_latency=0.4)
    try:
        with Journal(tmp_path / "j") as journal:
            with pytest.raises(BatchJobError) as caught:
                _run(client, journal, specs, options=impatient)
            assert all(isinstance(e, TimeoutError) for e in caught.value.errors.values())
            assert [e.state for e in journal.entries()] == ["submitted", "submitted"]
            ids = [e.job_id for e in journal.entries()]
            transport.requests.clear()
            results = _run(client, journal, specs)
            assert [r.job_id for r in results] == ids
            assert _count(transport, "POST", "/jobs") == 0
    finally:
        server.faults.reset()


def test_the_clients_disk_cache_is_used_when_it_has_one(
    counted: tuple[OqtopusClient, CountingTransport], tmp_path: Path
) -> None:
    import dataclasses

    from oqtopus_sdk._jobs import Ctx

    class CtxWithDiskCache(Ctx):  # what Ctx becomes once clients carry a disk cache
        disk_cache: DiskCache

    client, _ = counted
    base = client._ctx
    ctx = CtxWithDiskCache(**{f.name: getattr(base, f.name) for f in dataclasses.fields(Ctx)})
    ctx.disk_cache = DiskCache(tmp_path / "client-cache")
    specs = bell_specs(2, "ctxcache")
    with Journal(tmp_path / "j") as journal:
        flow = run_jobs_batch_journaled(
            ctx, specs, fast_wait(), journal=journal, submit_workers=2, wait_workers=2,
            requests_per_second=None,
        )  # fmt: skip
        results = client._run(flow)
        assert not default_cache(journal).directory.exists()
    stored = sorted(p.stem for p in (tmp_path / "client-cache").iterdir())
    assert stored == sorted(str(r.job_id) for r in results)


def test_each_job_is_recorded_before_its_upload_starts(
    counted: tuple[OqtopusClient, CountingTransport], tmp_path: Path
) -> None:
    client, _ = counted
    transport = client._ctx.transport
    original = transport.upload
    seen: list[tuple[str, str | None]] = []
    with Journal(tmp_path / "j") as journal:

        def upload(url: str, fields: Any, data: bytes, **kwargs: Any) -> Any:
            job_id = str(fields.get("key", "")).split("/")[0]
            states = {e.job_id: e.state for e in journal.entries()}
            seen.append((job_id, states.get(job_id)))
            return (yield from original(url, fields, data, **kwargs))

        transport.upload = upload  # type: ignore[method-assign]
        try:
            _run(client, journal, bell_specs(3, "order"))
        finally:
            del transport.upload  # back to the class's method
    assert len(seen) == 3
    assert all(state == "registered" for _, state in seen), seen
