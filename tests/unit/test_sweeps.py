"""Multi-job waits learn statuses by sweeping the job list, and fall back without losing jobs."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

import pytest
from both_clients import MODES, ClientFactory
from fake_api import UUID7_EPOCH_MS, FakeApi, FakeTime

from oqtopus_sdk import _polling, constants
from oqtopus_sdk.errors import BatchJobError


@pytest.fixture(params=MODES)
def make_client(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.delenv("OQTOPUS_ENV", raising=False)
    factory = ClientFactory(request.param, FakeApi(), FakeTime())
    yield factory
    factory.close()


def counts(api: FakeApi) -> dict[str, int]:
    kinds = {"list": 0, "status": 0, "job": 0}
    for request in api.requests:
        path = request.url.path
        if path == "/jobs":
            kinds["list"] += 1
        elif path.endswith("/status"):
            kinds["status"] += 1
        elif path.startswith("/jobs/"):
            kinds["job"] += 1
    return kinds


def test_uuid7_times_and_the_sweep_window() -> None:
    api = FakeApi()
    first = api.new_id_uuid(1)
    assert _polling.uuid7_time(first) == datetime.datetime.fromtimestamp(
        (UUID7_EPOCH_MS + 1) / 1000, tz=datetime.UTC
    )
    assert _polling.uuid7_time("job-1") is None
    assert _polling.uuid7_time("0190000000-00-4000-8000-000000000000") is None
    start = _polling.sweep_start_time([api.new_id_uuid(5), first, "job-9"])
    margin = datetime.timedelta(seconds=constants.SWEEP_START_MARGIN_SECONDS)
    assert start == _polling.uuid7_time(first) - margin  # type: ignore[operator]
    assert _polling.pages_per_sweep(250) == 3
    assert _polling.default_status_budget(4, 1.0, 10_000) == 100.0


def test_a_sweep_reads_hundreds_of_statuses_in_a_few_requests(make_client: ClientFactory) -> None:
    api = make_client.api
    ids = api.add_uuid_jobs(250, script=["running", "running", "succeeded"])
    results = make_client().wait_for_jobs(ids, interval=1.0, timeout=None)
    assert [r.job_id for r in results] == ids
    seen = counts(api)
    assert seen["status"] == 0  # no per-job polling at all
    assert seen["job"] == 250  # each finished job read once
    # Three sweeps (running, running, succeeded) of three pages each.
    assert seen["list"] == 9
    sweep = next(r for r in api.requests if r.url.path == "/jobs")
    assert sweep.url.params["fields"] == "job_id,status"
    assert sweep.url.params["size"] == "100"
    assert sweep.url.params["order"] == "ASC"
    assert sweep.url.params["start_time"].startswith("2024-")


def test_no_cliff_the_first_sweep_goes_out_at_once(make_client: ClientFactory) -> None:
    api = make_client.api
    ids = api.add_uuid_jobs(1000, script=["succeeded"])
    clock = make_client.clock
    started = clock.now
    make_client().wait_for_jobs(ids, interval=1.0, timeout=None)
    # Every job finished at its first check: no interval was slept, and no debt of
    # per-job first checks (1000 jobs / 20 per s = 50 s) was paid.
    assert clock.now - started < 1.0
    assert counts(api)["list"] == 10


def test_small_waits_poll_each_job(make_client: ClientFactory) -> None:
    api = make_client.api
    ids = api.add_uuid_jobs(constants.SWEEP_MIN_JOBS - 1, script=["succeeded"])
    make_client().wait_for_jobs(ids, timeout=None)
    assert counts(api) == {"list": 0, "status": len(ids), "job": len(ids)}


def test_a_server_refusing_fields_falls_back_to_per_job_polling(make_client: ClientFactory) -> None:
    api = make_client.api
    api.list_refuses_fields = True
    ids = api.add_uuid_jobs(20, script=["running", "succeeded"])
    client = make_client()
    results = client.wait_for_jobs(ids, timeout=None)
    assert [r.status for r in results] == ["succeeded"] * 20
    assert counts(api)["list"] == 1  # refused once, then sweeps are off for this client
    client.wait_for_jobs(api.add_uuid_jobs(20, script=["succeeded"]), timeout=None)
    assert counts(api)["list"] == 1


def test_jobs_missing_from_the_sweep_are_polled_individually(make_client: ClientFactory) -> None:
    api = make_client.api
    ids = api.add_uuid_jobs(30, script=["running", "succeeded"])
    api.hidden_from_list = set(ids[:3])
    results = make_client().wait_for_jobs(ids, timeout=None)
    assert [r.status for r in results] == ["succeeded"] * 30
    polled = {r.url.path.split("/")[2] for r in api.requests if r.url.path.endswith("/status")}
    assert polled == set(ids[:3])


def test_sweeps_stay_within_the_budget_and_time_out_cleanly(make_client: ClientFactory) -> None:
    api = make_client.api
    ids = api.add_uuid_jobs(500, script=["running"] * 1000)
    clock = make_client.clock
    started = clock.now
    with pytest.raises(BatchJobError) as info:
        make_client().wait_for_jobs(ids, interval=0.5, timeout=10.0)
    elapsed = clock.now - started
    assert elapsed == pytest.approx(10.0, abs=0.5)
    assert len(info.value.errors) == 500
    lists = counts(api)["list"]
    budget = _polling.default_status_budget(constants.DEFAULT_MAX_WORKERS, 0.5, 500)
    assert lists <= 1 + budget * elapsed
    # A sweep every interval: statuses are never older than about one interval.
    assert lists >= 5 * (10.0 / 0.5) * 0.9


def sweep_starts(make_client: ClientFactory) -> list[float]:
    """Fake-clock times at which each sweep's first page went out."""
    starts: list[float] = []

    def note(request: Any) -> None:
        if request.url.path == "/jobs" and request.url.params.get("page") == "1":
            starts.append(make_client.clock.now)

    make_client.api.hooks.append(note)
    return starts


def gaps(starts: list[float]) -> list[float]:
    return [round(b - a, 6) for a, b in itertools.pairwise(starts)]


def test_sweeps_settle_then_follow_the_interval(make_client: ClientFactory) -> None:
    api = make_client.api
    ids = api.add_uuid_jobs(20, script=["running"] * 9 + ["succeeded"])
    starts = sweep_starts(make_client)
    make_client().wait_for_jobs(ids, interval=1.0, timeout=None)
    # A settling ramp (0.1 s, x1.5) while it is shorter than the interval, then the interval.
    assert gaps(starts) == [0.1, 0.15, 0.225, 0.3375, 0.50625, 0.759375, 1.0, 1.0, 1.0]


def test_the_settling_ramp_hands_over_to_the_callers_backoff(make_client: ClientFactory) -> None:
    api = make_client.api
    ids = api.add_uuid_jobs(20, script=["running"] * 7 + ["succeeded"])
    starts = sweep_starts(make_client)
    make_client().wait_for_jobs(
        ids, interval=0.3, interval_backoff=2.0, max_interval=1.0, timeout=None
    )
    assert gaps(starts) == [0.1, 0.15, 0.225, 0.3, 0.6, 1.0, 1.0]


def test_no_settling_below_the_first_gap(make_client: ClientFactory) -> None:
    api = make_client.api
    ids = api.add_uuid_jobs(20, script=["running"] * 3 + ["succeeded"])
    starts = sweep_starts(make_client)
    make_client().wait_for_jobs(ids, interval=0.05, timeout=None)
    assert gaps(starts) == [0.05, 0.05, 0.05]


def test_next_sweep_gap() -> None:
    assert _polling.next_sweep_gap(0.1, 1.0) == (0.1, 0.1 * constants.SWEEP_SETTLE_GROWTH)
    assert _polling.next_sweep_gap(0.8, 1.0) == (0.8, 0.8 * constants.SWEEP_SETTLE_GROWTH)
    assert _polling.next_sweep_gap(1.6, 1.0) == (1.0, None)
    assert _polling.next_sweep_gap(None, 0.5) == (0.5, None)
    assert _polling.next_sweep_gap(0.1, 0.1) == (0.1, None)
