"""Pure waiting logic: classification, intervals, wait args, the shared-loop scheduler."""

from __future__ import annotations

import bisect

import pytest

from oqtopus_sdk import constants
from oqtopus_sdk._polling import (
    JobOutcome,
    PollScheduler,
    StatusClass,
    TokenBucket,
    classify_status,
    first_interval,
    next_interval,
    normalize_statuses,
    sleep_before_next_poll,
    validate_wait_args,
)
from oqtopus_sdk.errors import JobTimeoutError

TERMINAL = frozenset({"succeeded", "failed", "cancelled"})


def test_classify_status() -> None:
    assert classify_status("running", TERMINAL, frozenset()) is StatusClass.PENDING
    assert classify_status("succeeded", TERMINAL, frozenset()) is StatusClass.DONE
    assert classify_status("failed", TERMINAL, frozenset({"failed"})) is StatusClass.FAILED
    # A failure status ends the wait even when not listed as terminal.
    assert (
        classify_status("cancelled", frozenset({"succeeded"}), frozenset({"cancelled"}))
        is StatusClass.FAILED
    )
    # Unknown statuses keep the wait going instead of crashing.
    assert classify_status("paused_by_operator", TERMINAL, frozenset()) is StatusClass.PENDING


def test_normalize_statuses_accepts_enums_and_strings() -> None:
    from oqtopus_api.models import JobsJobStatus

    assert normalize_statuses({JobsJobStatus.SUCCEEDED, "failed"}) == {"succeeded", "failed"}
    assert normalize_statuses(None, TERMINAL) == TERMINAL
    assert normalize_statuses(set(), TERMINAL) == TERMINAL


def test_interval_schedule() -> None:
    assert first_interval(5.0, 2.0) == 2.0
    assert next_interval(1.0, 2.0, None) == 2.0
    assert next_interval(4.0, 2.0, 5.0) == 5.0
    assert sleep_before_next_poll(2.0, 10.0, None) == 2.0
    assert sleep_before_next_poll(2.0, 10.0, 11.0) == 1.0
    assert sleep_before_next_poll(2.0, 11.0, 11.0) is None


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"interval": 0}, "interval"),
        ({"interval_backoff": 0.5}, "interval_backoff"),
        ({"max_interval": 0}, "max_interval"),
        ({"timeout": -1}, "timeout"),
        ({"interval": float("nan")}, "interval"),
    ],
)
def test_validate_wait_args_names_the_bad_one(kwargs: dict[str, float], name: str) -> None:
    args = {"interval": 1.0, "interval_backoff": 1.0, "max_interval": None, "timeout": 10.0}
    args.update(kwargs)
    with pytest.raises(ValueError, match=name):
        validate_wait_args(**args)  # type: ignore[arg-type]


@pytest.mark.parametrize("rate", [0.5, 2.0, 20.0, 100.0])
def test_token_bucket_never_exceeds_its_budget_from_a_cold_start(rate: float) -> None:
    bucket = TokenBucket(rate, now=0.0)
    granted, now = 0, 0.0
    while now < 10.0:
        granted += bucket.take(now, 1000)
        assert granted <= 1 + rate * now + 1e-9
        now += 0.013
    # The long-run rate is the budget, less the one-second window's slack.
    assert granted >= rate * 9.9 / constants.STATUS_BUDGET_WINDOW_SECONDS


def test_first_checks_are_immediate_and_the_long_run_rate_stays_in_budget() -> None:
    rate = 5.0
    sched = PollScheduler(
        [f"j{i}" for i in range(50)], now=0.0, interval=0.01, interval_backoff=1.0,
        max_interval=None, requests_per_second=rate, rng=NoJitter(),
    )  # fmt: skip
    sent, now = 0, 0.0
    assert len(sched.due(0.0)) == 50
    sent += 50
    while now < 60.0:
        now += 0.05
        for job_id in sched.due(now):
            sched.polled(job_id, now, "running")
            sent += 1
        assert sent <= max(50, 1 + rate * now) + 1e-9
    assert sent >= rate * 55  # and the budget is used, not starved


def test_token_bucket_burst_after_idle_is_capped() -> None:
    bucket = TokenBucket(20.0, now=0.0)
    bucket.take(0.0, 1)
    assert bucket.take(60.0, 1000) == 5


def test_token_bucket_limits_rate() -> None:
    bucket = TokenBucket(2.0, now=0.0)
    assert bucket.take(0.0, 5) == 1
    assert bucket.take(0.0, 5) == 0
    assert bucket.wait_time(0.0) == pytest.approx(0.5)
    assert bucket.take(0.5, 5) == 1
    with pytest.raises(ValueError, match="status_requests_per_second"):
        TokenBucket(0, now=0.0)


class NoJitter:
    def uniform(self, a: float, b: float) -> float:
        return 0.0


def test_scheduler_respects_budget_and_intervals() -> None:
    ids = [f"j{i}" for i in range(10)]
    sched = PollScheduler(
        ids, now=0.0, interval=1.0, interval_backoff=2.0, max_interval=3.0,
        requests_per_second=4.0, rng=NoJitter(),
    )  # fmt: skip
    first = sched.due(0.0)
    assert len(first) == 10  # every job's first check goes out at once...
    for job_id in first:
        sched.polled(job_id, 0.0, "running")
    assert sched.due(0.0) == []
    # ...and is paid back: 10 checks at 4/s with 1 token to start leave 9 owed, so the
    # next poll waits (9 + 1) / 4 seconds even though every job is due after 1 s.
    assert sched.sleep_time(1.0) == pytest.approx(1.5)
    assert sched.due(1.0) == []
    assert len(sched.due(2.5)) == 1
    sched.polled("j0", 1.0, "running")  # second interval: 2.0
    sched.finish("j1")
    assert "j1" not in sched.pending
    assert sched.last_status("j0") == "running"


def test_scheduler_backs_off_a_failing_job() -> None:
    sched = PollScheduler(
        ["a"], now=0.0, interval=2.0, interval_backoff=1.0, max_interval=None, rng=NoJitter()
    )
    assert sched.due(0.0) == ["a"]
    assert sched.failed("a", 0.0) == 1
    assert sched.due(1.0) == []
    assert sched.due(2.0) == ["a"]


def test_job_outcome_status() -> None:
    assert JobOutcome("a", error=JobTimeoutError("t", job_id="a")).status == "timed_out"
    assert JobOutcome("a", error=RuntimeError("x")).status == "unreachable"
    assert not JobOutcome("a", error=RuntimeError("x")).ok


def test_default_status_budget_follows_the_callers_concurrency_and_interval() -> None:
    from oqtopus_sdk import constants as C
    from oqtopus_sdk._polling import default_status_budget

    # The reference's defaults (4 workers, 1 s) stay at the floor budget.
    assert default_status_budget(4, 1.0) == C.DEFAULT_STATUS_REQUESTS_PER_SECOND
    # A caller asking for 8 concurrent pollers every 50 ms gets the rate that implies.
    assert default_status_budget(8, 0.05) == pytest.approx(160.0)


def test_token_bucket_in_debt_grants_nothing_until_repaid() -> None:
    bucket = TokenBucket(10.0, now=0.0)
    bucket.charge(0.0, 21)  # 1 token to start, so 20 owed
    assert bucket.take(0.0, 5) == 0
    assert bucket.take(1.0, 5) == 0  # 10 repaid, still 10 owed
    assert bucket.wait_time(1.0) == pytest.approx(1.1)
    assert bucket.take(2.1, 5) == 1


@pytest.mark.parametrize("rate", [1.0, 20.0, 100.0])
def test_token_bucket_never_exceeds_its_budget_in_any_second(rate: float) -> None:
    # Idle gaps between bursts refill the bucket; the one-second window still holds.
    bucket = TokenBucket(rate, now=0.0)
    grants: list[float] = []
    now = 0.0
    while now < 20.0:
        if (now % 1.0) < 0.9:  # busy for 0.9 s, idle for 0.1 s (a sweep finishing early)
            grants.extend([now] * bucket.take(now, 1000))
            now += max(0.001, bucket.wait_time(now))
        else:
            now += 0.1
    busiest = max(bisect.bisect_left(grants, t + 1.0) - i for i, t in enumerate(grants))
    assert busiest <= rate
    assert len(grants) >= rate * 18  # the budget is still used


def test_token_bucket_waits_for_room_in_the_window() -> None:
    bucket = TokenBucket(4.0, now=0.0, capacity=10.0)
    bucket.tokens = 10.0
    assert bucket.take(0.0, 10) == 4
    assert bucket.wait_time(0.5) == pytest.approx(0.55)
    assert bucket.take(0.5, 10) == 0
    assert bucket.take(1.0, 10) == 0
    assert bucket.take(1.05, 10) == 4
