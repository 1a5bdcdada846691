"""Pure waiting logic: status classification, poll intervals, and the shared-loop scheduler.

Waiting on many jobs uses ONE loop (not a thread or task per job): every job has its own
next-due time (its interval schedule plus jitter), and a token bucket bounds how many status
requests per second the whole wait may send. Nothing here does I/O or sleeps; the clients
ask :class:`PollScheduler` what is due and for how long to sleep.
"""

from __future__ import annotations

import collections
import datetime
import enum
import math
import random
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from oqtopus_sdk import constants


class _Rng(Protocol):
    def uniform(self, a: float, b: float) -> float: ...


class StatusClass(enum.Enum):
    """What a polled status means for a wait."""

    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"


def status_text(status: object) -> str:
    """The wire string of a status given as an enum member or a string."""
    value = getattr(status, "value", status)
    return str(value)


def normalize_statuses(
    statuses: Iterable[object] | None, default: frozenset[str] = frozenset()
) -> frozenset[str]:
    """Turn a caller's set of statuses (enum members or strings) into wire strings.

    ``None`` or an empty set gives ``default`` (the reference treats an empty terminal set
    as "use the default").
    """
    if not statuses:
        return default
    return frozenset(status_text(s) for s in statuses)


def classify_status(status: str, terminal: frozenset[str], failure: frozenset[str]) -> StatusClass:
    """Classify a polled status: still pending, done, or done in a failure status.

    A status in ``failure`` ends the wait even when it is not listed as terminal. A status the
    SDK does not know (a newer server) is pending: the wait keeps polling until its timeout
    instead of crashing or returning early.
    """
    if status in failure:
        return StatusClass.FAILED
    if status in terminal:
        return StatusClass.DONE
    return StatusClass.PENDING


def validate_wait_args(
    *,
    interval: float,
    interval_backoff: float,
    max_interval: float | None,
    timeout: float | None,
) -> None:
    """Check the wait parameters; ValueError names the bad one."""
    for name, value in (("interval", interval), ("interval_backoff", interval_backoff)):
        if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
            raise ValueError(f"{name} must be a number, got {value!r}")
    if interval <= 0:
        raise ValueError(f"interval must be greater than 0, got {interval!r}")
    if interval_backoff < 1.0:
        raise ValueError(f"interval_backoff must be >= 1.0, got {interval_backoff!r}")
    if max_interval is not None and not max_interval > 0:
        raise ValueError(f"max_interval must be greater than 0 or None, got {max_interval!r}")
    if timeout is not None and not timeout > 0:
        raise ValueError(f"timeout must be greater than 0 or None, got {timeout!r}")


def default_status_budget(max_workers: int, interval: float, swept_jobs: int = 0) -> float:
    """The status-request budget of a multi-job wait whose caller sets none, in requests/s.

    No more than ``max_workers`` one-job-at-a-time pollers would send at ``interval`` (the
    rate the caller's own settings already imply, and what thread-per-job waits such as the
    reference SDK's send), and never below ``DEFAULT_STATUS_REQUESTS_PER_SECOND``. When jobs
    are followed by sweeping the job list, the budget also lets one whole sweep (a page per
    ``SWEEP_PAGE_SIZE`` jobs) fit in each interval, so no status gets older than that.

    Args:
        max_workers: The wait's concurrency (>= 1).
        interval: The wait's first poll interval in seconds (> 0).
        swept_jobs: How many of the jobs are followed by sweeps.

    Returns:
        The budget in status requests per second.
    """
    return max(
        constants.DEFAULT_STATUS_REQUESTS_PER_SECOND,
        max_workers / interval,
        pages_per_sweep(swept_jobs) / interval,
    )


def pages_per_sweep(jobs: int) -> int:
    """List pages one sweep needs for ``jobs`` jobs (0 for none)."""
    return -(-jobs // constants.SWEEP_PAGE_SIZE)


def uuid7_time(job_id: str) -> datetime.datetime | None:
    """When a UUIDv7 job id was made (its 48-bit millisecond timestamp), else None.

    The live service issues UUIDv7 ids at registration, which precedes submission, so the
    time is a safe lower bound of the job's ``submitted_at``.
    """
    text = job_id.replace("-", "")
    if len(text) != 32 or text[12] != "7":
        return None
    try:
        millis = int(text[:12], 16)
        int(text, 16)
    except ValueError:
        return None
    return datetime.datetime.fromtimestamp(millis / 1000, tz=datetime.UTC)


def sweep_start_time(job_ids: Iterable[str]) -> datetime.datetime | None:
    """The ``start_time`` filter of a sweep: the earliest id time minus a safety margin."""
    times = [t for t in (uuid7_time(job_id) for job_id in job_ids) if t is not None]
    if not times:
        return None
    return min(times) - datetime.timedelta(seconds=constants.SWEEP_START_MARGIN_SECONDS)


def next_interval(current: float, interval_backoff: float, max_interval: float | None) -> float:
    """The interval after ``current``: multiplied by the backoff, capped by max_interval."""
    value = current * interval_backoff
    if max_interval is not None:
        value = min(value, max_interval)
    return value


def first_interval(interval: float, max_interval: float | None) -> float:
    """The first interval (``interval`` capped by ``max_interval``)."""
    return min(interval, max_interval) if max_interval is not None else interval


def next_sweep_gap(settle: float | None, interval: float) -> tuple[float, float | None]:
    """The gap before a wait's next sweep, and the settling gap to use after it.

    A wait's sweeps first follow a short settling ramp (``settle``, growing by
    ``SWEEP_SETTLE_GROWTH``); once the ramp reaches the caller's current ``interval`` it
    ends (``None``) and the interval schedule, with its backoff, takes over.

    Args:
        settle: The current settling gap, or None once the ramp has ended.
        interval: The caller's current sweep interval (first interval, then backed off).

    Returns:
        ``(gap, settle_after)``: seconds until the next sweep, and the settling gap for
        the sweep after it (None when the interval schedule applies from now on).
    """
    if settle is not None and settle < interval:
        return settle, settle * constants.SWEEP_SETTLE_GROWTH
    return interval, None


def sleep_before_next_poll(interval: float, now: float, deadline: float | None) -> float | None:
    """Seconds to sleep before the next poll, or None when the deadline has passed."""
    if deadline is None:
        return interval
    remaining = deadline - now
    if remaining <= 0:
        return None
    return min(interval, remaining)


def timeout_message(job_id: str, timeout: float | None, last_status: str | None) -> str:
    """The JobTimeoutError text: the reference's wording, the last status, how to resume.

    Only the wait ended: the job is still on the service (and may still be billed), so the
    text says how to pick it up again.
    """
    tail = f" (last status: {last_status})" if last_status else ""
    return (
        f"Timed out waiting for job {job_id} after {timeout} seconds.{tail} The job is still "
        f"running on the service: resume with client.wait_for_job({job_id!r}) (or "
        f"client.job({job_id!r}).wait()), or stop it with client.cancel_job({job_id!r})."
    )


@dataclass(slots=True)
class _JobSlot:
    job_id: str
    due: float
    interval: float
    last_status: str | None = None
    errors: int = 0
    checked: bool = False


class TokenBucket:
    """A request budget: ``rate`` tokens per second, bursting up to ``capacity``, and never
    more than ``rate`` grants in any one-second window.

    The bucket starts with a single token, so over any window of ``w`` seconds it grants at
    most ``1 + rate * w`` requests from a cold start: a wait on many jobs never opens with a
    burst above its budget. Bursts after idle time are capped at ``capacity`` (a quarter of a
    second's worth by default), and a sliding window of ``STATUS_BUDGET_WINDOW_SECONDS``
    (``floor(rate)`` grants, at least one) keeps such a burst from pushing any second over
    the budget.
    """

    __slots__ = ("capacity", "grants", "per_second", "rate", "tokens", "updated")

    def __init__(self, rate: float, now: float, capacity: float | None = None) -> None:
        if not rate > 0:
            raise ValueError(f"status_requests_per_second must be > 0, got {rate!r}")
        self.rate = float(rate)
        self.capacity = float(capacity if capacity is not None else max(1.0, rate / 4))
        self.tokens = min(1.0, self.capacity)
        self.updated = now
        self.per_second = max(1, math.floor(self.rate + 1e-9))
        self.grants: collections.deque[float] = collections.deque()

    def _refill(self, now: float) -> None:
        if now > self.updated:
            self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
            self.updated = now
        while self.grants and self.grants[0] <= now - constants.STATUS_BUDGET_WINDOW_SECONDS:
            self.grants.popleft()

    def take(self, now: float, wanted: int) -> int:
        """Take up to ``wanted`` whole tokens; returns how many were granted."""
        self._refill(now)
        room = self.per_second - len(self.grants)
        # A negative balance (debt from charge()) grants nothing and must not be touched.
        granted = max(0, min(wanted, int(self.tokens + 1e-9), room))
        self.tokens -= granted
        self.grants.extend([now] * granted)
        return granted

    def charge(self, now: float, count: int) -> None:
        """Spend ``count`` tokens unconditionally; the balance may go negative (a debt)."""
        self._refill(now)
        self.tokens -= count
        self.grants.extend([now] * count)

    def wait_time(self, now: float) -> float:
        """Seconds until one whole token is available and the window has room for it."""
        self._refill(now)
        missing = 1.0 - self.tokens
        token_wait = 0.0 if missing <= 1e-9 else missing / self.rate
        excess = len(self.grants) - self.per_second
        window_wait = (
            0.0
            if excess < 0
            else self.grants[excess] + constants.STATUS_BUDGET_WINDOW_SECONDS - now
        )
        return max(token_wait, window_wait)


class PollScheduler:
    """Decides which of many jobs to poll now, under one shared request budget.

    Each job is due first at ``start`` and then after its own interval, which grows with
    ``interval_backoff`` up to ``max_interval``; later intervals get +-``jitter`` so jobs
    submitted together spread out. The token bucket caps status requests per second
    across all jobs; when more are due than the budget allows, the longest-overdue go first.

    Each job's first check goes out at once (the caller's concurrency still bounds it) and
    is charged to the budget as a debt that is repaid before any job is polled again. So a
    wait notices finished jobs immediately, and in its first ``t`` seconds sends at most
    ``max(jobs, 1 + budget * t)`` status requests: the long-run rate stays within budget.
    """

    def __init__(
        self,
        job_ids: Iterable[str],
        *,
        now: float,
        interval: float,
        interval_backoff: float,
        max_interval: float | None,
        requests_per_second: float = constants.DEFAULT_STATUS_REQUESTS_PER_SECOND,
        jitter: float = constants.POLL_JITTER_FRACTION,
        rng: _Rng | None = None,
    ) -> None:
        self._interval = first_interval(interval, max_interval)
        self._backoff = interval_backoff
        self._max_interval = max_interval
        self._jitter = jitter
        self._rng: _Rng = rng if rng is not None else random.Random()
        self._bucket = TokenBucket(requests_per_second, now)
        self._slots: dict[str, _JobSlot] = {}
        for job_id in job_ids:
            if job_id not in self._slots:
                self._slots[job_id] = _JobSlot(job_id, now, self._interval)

    @property
    def pending(self) -> list[str]:
        """Job ids still being waited on."""
        return list(self._slots)

    def last_status(self, job_id: str) -> str | None:
        """The last status polled for a job still pending, if any."""
        slot = self._slots.get(job_id)
        return slot.last_status if slot else None

    def due(self, now: float) -> list[str]:
        """The jobs to poll now, limited by the request budget (longest overdue first)."""
        ready = [s for s in self._slots.values() if s.due <= now]
        if not ready:
            return []
        ready.sort(key=lambda s: s.due)
        fresh = [s for s in ready if not s.checked]
        if fresh:
            for slot in fresh:
                slot.checked = True
            self._bucket.charge(now, len(fresh))
            return [s.job_id for s in fresh]
        granted = self._bucket.take(now, len(ready))
        return [s.job_id for s in ready[:granted]]

    def _jittered(self, value: float) -> float:
        if self._jitter <= 0:
            return value
        return value * (1.0 + self._rng.uniform(-self._jitter, self._jitter))

    def polled(self, job_id: str, now: float, status: str | None) -> None:
        """Record a successful poll of a still-pending job and schedule its next one."""
        slot = self._slots.get(job_id)
        if slot is None:
            return
        slot.last_status = status
        slot.errors = 0
        slot.due = now + self._jittered(slot.interval)
        slot.interval = next_interval(slot.interval, self._backoff, self._max_interval)

    def failed(self, job_id: str, now: float) -> int:
        """Record a transport failure for a job; returns its consecutive failure count.

        The job is retried after its current interval (not a hot loop).
        """
        slot = self._slots.get(job_id)
        if slot is None:
            return 0
        slot.errors += 1
        slot.due = now + self._jittered(slot.interval)
        return slot.errors

    def finish(self, job_id: str) -> None:
        """Stop following a job (it is done, failed, or gave up)."""
        self._slots.pop(job_id, None)

    def add(self, job_id: str, now: float, last_status: str | None = None) -> None:
        """Start following a job individually (one a sweep could not find), due at once."""
        if job_id not in self._slots:
            self._slots[job_id] = _JobSlot(job_id, now, self._interval, last_status)

    def spend(self, now: float) -> bool:
        """Take one request from the shared budget (a sweep page); False when none is left."""
        return self._bucket.take(now, 1) == 1

    def budget_wait(self, now: float) -> float:
        """Seconds until the shared budget grants one more request."""
        return self._bucket.wait_time(now)

    def sleep_time(self, now: float) -> float:
        """Seconds until something can be polled (0 when a poll is possible right now)."""
        if not self._slots:
            return math.inf
        earliest = min(s.due for s in self._slots.values())
        wait_due = max(0.0, earliest - now)
        return max(wait_due, self._bucket.wait_time(now) if wait_due == 0 else 0.0)


@dataclass(slots=True)
class JobOutcome:
    """How waiting on one job ended: a result, an error, or a result with an error.

    Attributes:
        job_id: The job.
        result: The job's result object when it could be read (also for a job that ended
            in one of the caller's failure statuses).
        error: None on success; otherwise JobTimeoutError (still running when the wait
            ran out), JobFailedError (ended in a failure status), or the error that made
            the job unreachable.
    """

    job_id: str
    result: object | None = None
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        """True when the job finished and its result was read without error."""
        return self.error is None

    @property
    def status(self) -> str:
        """The job's final status, or ``timed_out`` / ``unreachable`` when it has none."""
        status = getattr(self.result, "status", None)
        if status is not None:
            return status_text(status)
        if isinstance(self.error, TimeoutError):
            return "timed_out"
        return "unreachable"
