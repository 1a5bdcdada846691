"""Waiting written once as flows: one job, many jobs under one budget, and batches.

A multi-job wait is one loop (:func:`wait_many`) that polls only the jobs that are due, under
a shared status-request budget, and hands each job's :class:`JobOutcome` out as it finishes.
"""

from __future__ import annotations

import logging
from asyncio import CancelledError
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from oqtopus_sdk import _polling, constants, vocabulary
from oqtopus_sdk._jobs import (
    Ctx,
    check_specs_before_sending,
    get_job,
    req_status,
    status_of,
    submit,
)
from oqtopus_sdk._ops import Emit, Flow, Outcome, Parallel, Sleep
from oqtopus_sdk._polling import JobOutcome, StatusClass
from oqtopus_sdk._progress import OnChange, ProgressBar, StatusWatch, require_progress_extra
from oqtopus_sdk._sweeps import SweepPlan, SweepsUnsupported, sweep
from oqtopus_sdk.errors import (
    BatchJobError,
    JobFailedError,
    JobTimeoutError,
    OqtopusError,
    OqtopusTransportError,
    RateLimitError,
    ResponseValidationError,
    ServerError,
)

if TYPE_CHECKING:
    from oqtopus_api.models import JobsRegisterJobResponse
    from oqtopus_sdk.results import OqtopusJobResult
    from oqtopus_sdk.spec import OqtopusJobSpec

logger = logging.getLogger("oqtopus_sdk")


_TRANSIENT = (OqtopusTransportError, ServerError, RateLimitError)


@dataclass(slots=True)
class WaitOptions:
    """Validated wait parameters shared by single and multi-job waits."""

    interval: float = constants.DEFAULT_POLL_INTERVAL_SECONDS
    interval_backoff: float = constants.DEFAULT_POLL_INTERVAL_BACKOFF
    max_interval: float | None = None
    timeout: float | None = constants.DEFAULT_WAIT_TIMEOUT_SECONDS
    terminal: frozenset[str] = vocabulary.TERMINAL_STATUSES
    failure: frozenset[str] = frozenset()
    on_status: Callable[[Any], Any] | None = None
    on_change: OnChange = None
    progress: bool = False

    def watch(self, total: int) -> StatusWatch:
        """A fresh status watch for one wait (with a progress bar when asked for)."""
        bar = ProgressBar(total) if self.progress else None
        return StatusWatch(self.on_change, bar, self.terminal)

    @classmethod
    def build(
        cls,
        *,
        interval: float,
        interval_backoff: float,
        max_interval: float | None,
        timeout: float | None,
        terminal_statuses: Iterable[object] | None = None,
        failure_statuses: Iterable[object] | None = None,
        on_status: Callable[[Any], Any] | None = None,
        on_change: OnChange = None,
        progress: bool = False,
    ) -> WaitOptions:
        _polling.validate_wait_args(
            interval=interval,
            interval_backoff=interval_backoff,
            max_interval=max_interval,
            timeout=timeout,
        )
        if progress:
            require_progress_extra()  # before the job is sent, not after
        for name, callback in (("on_status", on_status), ("on_change", on_change)):
            if callback is not None and not callable(callback):
                raise TypeError(f"{name} must be callable, got {callback!r}")
        return cls(
            interval=float(interval),
            interval_backoff=float(interval_backoff),
            max_interval=max_interval,
            timeout=timeout,
            terminal=_polling.normalize_statuses(terminal_statuses, vocabulary.TERMINAL_STATUSES),
            failure=_polling.normalize_statuses(failure_statuses, frozenset()),
            on_status=on_status,
            on_change=on_change,
            progress=bool(progress),
        )


def note_interrupt(exc: BaseException, job_ids: Sequence[str]) -> None:
    """Tell an interrupted caller which jobs still run on the service and how to resume.

    Ctrl-C stops the wait, not the jobs: they keep running (and may be billed). The ids and
    a resuming call are added as a note (PEP 678) and as ``exc.oqtopus_job_ids``.
    """
    if not job_ids or getattr(exc, "oqtopus_job_ids", None):
        return
    ids = list(job_ids)
    exc.oqtopus_job_ids = ids  # type: ignore[attr-defined]
    shown = ", ".join(ids[:10]) + (f" and {len(ids) - 10} more" if len(ids) > 10 else "")
    call = f"client.wait_for_job({ids[0]!r})" if len(ids) == 1 else "client.wait_for_jobs(ids)"
    exc.add_note(
        f"oqtopus: the wait was interrupted, but {len(ids)} job(s) still run on the service: "
        f"{shown}. Resume with {call} (all ids: exc.oqtopus_job_ids), or cancel with "
        "client.cancel_job(id)."
    )
    logger.warning("wait interrupted; jobs still on the service: %s", shown)


def _failed_error(job_id: str, status: str, result: Any) -> JobFailedError:
    server_message = getattr(result, "message", None)
    text = f"job {job_id} ended with status {status!r}"
    if server_message:
        text += f": {server_message}"
    return JobFailedError(
        text, job_id=job_id, result=result, status=status, server_message=server_message
    )


def _timeout_error(job_id: str, opts: WaitOptions, last: str | None) -> JobTimeoutError:
    return JobTimeoutError(
        _polling.timeout_message(job_id, opts.timeout, last),
        job_id=job_id,
        last_status=last,
        timeout=opts.timeout,
    )


def wait_for_job(ctx: Ctx, job_id: str, opts: WaitOptions) -> Flow[OqtopusJobResult]:
    """Poll GET /jobs/{id}/status until terminal, then GET the job once.

    Transient failures (connection, timeout, 5xx, 429: each already retried by the
    transport) are tolerated up to the client's consecutive-failure budget. An interrupt
    (Ctrl-C) says how to resume; a timeout says the job still runs on the service.
    """
    watch = opts.watch(1)
    try:
        return (yield from _poll_one(ctx, job_id, opts, watch))
    except (KeyboardInterrupt, CancelledError) as exc:
        note_interrupt(exc, [job_id])
        raise
    finally:
        watch.close()


def _poll_one(
    ctx: Ctx, job_id: str, opts: WaitOptions, watch: StatusWatch
) -> Flow[OqtopusJobResult]:
    now = ctx.clock()
    deadline = now + opts.timeout if opts.timeout is not None else None
    current = _polling.first_interval(opts.interval, opts.max_interval)
    errors = 0
    last: str | None = None
    while True:
        hint = 0.0
        if deadline is not None and ctx.clock() >= deadline:
            raise _timeout_error(job_id, opts, last)
        try:
            raw = yield from req_status(ctx, job_id, deadline)
        except _TRANSIENT as exc:
            # A server asking for a pause is heeded, up to the wait's own deadline.
            hint = getattr(exc, "retry_after", None) or 0.0
            errors += 1
            if errors > ctx.transport_error_budget:
                raise
            logger.warning(
                "job %s: status poll failed (%d of %d tolerated): %s",
                job_id,
                errors,
                ctx.transport_error_budget,
                exc,
            )
        else:
            errors = 0
            last, model = status_of(raw, job_id)
            if opts.on_status is not None:
                opts.on_status(model)
            watch.see(job_id, last)
            kind = _polling.classify_status(last, opts.terminal, opts.failure)
            if kind is not StatusClass.PENDING:
                result = yield from get_job(ctx, job_id)
                if kind is StatusClass.FAILED:
                    raise _failed_error(job_id, last, result)
                return result
        delay = _polling.sleep_before_next_poll(max(current, hint), ctx.clock(), deadline)
        if delay is None:
            raise _timeout_error(job_id, opts, last)
        yield Sleep(delay)
        current = _polling.next_interval(current, opts.interval_backoff, opts.max_interval)


def wait_many(
    ctx: Ctx,
    job_ids: Sequence[str],
    opts: WaitOptions,
    *,
    max_workers: int,
    requests_per_second: float | None = None,
) -> Flow[dict[str, JobOutcome]]:
    """Wait for many jobs in ONE loop under a shared status-request budget.

    With at least ``SWEEP_MIN_JOBS`` jobs, statuses come from sweeps of the job list (about
    one request per 100 jobs, see :mod:`oqtopus_sdk._sweeps`); the first sweep goes out at
    once, the next ones follow a short settling ramp (0.1 s, x1.5 each) until it reaches the
    interval, and later ones follow the interval and its backoff. Jobs a sweep cannot see,
    and small waits, are polled one by one. Only jobs that reached a terminal status are
    read in full.

    Emits a :class:`JobOutcome` for each job as it finishes (for ``as_completed``) and
    returns every outcome keyed by job id. Nothing is lost: a job that times out or cannot
    be reached gets an outcome holding the error.
    """
    unique = list(dict.fromkeys(job_ids))
    watch = opts.watch(len(unique))
    outcomes: dict[str, JobOutcome] = {}
    try:
        return (
            yield from _follow_many(
                ctx, unique, opts, watch, outcomes, max_workers, requests_per_second
            )
        )
    except (KeyboardInterrupt, CancelledError) as exc:
        note_interrupt(exc, [job_id for job_id in unique if job_id not in outcomes])
        raise
    finally:
        watch.close()


def _follow_many(
    ctx: Ctx,
    unique: list[str],
    opts: WaitOptions,
    watch: StatusWatch,
    outcomes: dict[str, JobOutcome],
    max_workers: int,
    requests_per_second: float | None,
) -> Flow[dict[str, JobOutcome]]:
    start = ctx.clock()
    deadline = start + opts.timeout if opts.timeout is not None else None
    first = _polling.first_interval(opts.interval, opts.max_interval)
    plan = SweepPlan.for_jobs(unique, now=start, interval=first, enabled=ctx.sweeps)
    swept = plan.jobs if plan is not None else set()
    rate = (
        requests_per_second
        or ctx.status_requests_per_second
        or _polling.default_status_budget(max_workers, opts.interval, len(swept))
    )
    sched = _polling.PollScheduler(
        [job_id for job_id in unique if job_id not in swept],
        now=start,
        interval=opts.interval,
        interval_backoff=opts.interval_backoff,
        max_interval=opts.max_interval,
        requests_per_second=rate,
        rng=ctx.rng,
    )

    def done(outcome: JobOutcome) -> Emit:
        if isinstance(outcome.error, OqtopusError):
            outcome.error.about_job(outcome.job_id)
        outcomes[outcome.job_id] = outcome
        sched.finish(outcome.job_id)
        swept.discard(outcome.job_id)
        return Emit(outcome)

    def last_status(job_id: str) -> str | None:
        if plan is not None and job_id in plan.last_status:
            return plan.last_status[job_id]
        return sched.last_status(job_id)

    while sched.pending or swept:
        now = ctx.clock()
        if deadline is not None and now >= deadline:
            for job_id in [*sched.pending, *sorted(swept)]:
                yield done(
                    JobOutcome(job_id, error=_timeout_error(job_id, opts, last_status(job_id)))
                )
            break
        statuses: list[tuple[str, str, Any]] = []
        if plan is not None and swept and now >= plan.due:
            try:
                found = yield from sweep(ctx, plan, sched, deadline)
            except SweepsUnsupported as exc:
                logger.info("status sweeps refused by the server, polling jobs one by one: %s", exc)
                ctx.sweeps = False
                found = {}
                plan.due = now
            except _TRANSIENT as exc:
                plan.errors += 1
                if plan.errors > ctx.transport_error_budget:
                    for job_id in sorted(swept):
                        yield done(JobOutcome(job_id, error=exc))
                    continue
                found = None
            else:
                plan.errors = 0
            swept_at = ctx.clock()
            if found is not None:
                for job_id in sorted(swept):
                    if job_id in found:
                        statuses.append((job_id, found[job_id], None))
                    else:
                        # Not in the list (no such window on the server?): poll it directly.
                        swept.discard(job_id)
                        sched.add(job_id, swept_at, plan.last_status.get(job_id))
            # Gaps run from sweep start to sweep start, so a long sweep does not age every
            # status by its own duration. A short settling ramp comes first: the jobs
            # submitted last are usually moments from done when the first sweep goes out.
            gap, plan.settle = _polling.next_sweep_gap(plan.settle, plan.interval)
            plan.due = now + gap
            if plan.settle is None:
                plan.interval = _polling.next_interval(
                    plan.interval, opts.interval_backoff, opts.max_interval
                )
        due = sched.due(now) if sched.pending else []
        if due:
            polls = yield Parallel(
                [req_status(ctx, job_id, deadline) for job_id in due], max_workers
            )
            polled_at = ctx.clock()
            for job_id, outcome in zip(due, polls, strict=True):
                if outcome.error is None:
                    statuses.append((job_id, "", outcome.value))
                elif (
                    isinstance(outcome.error, _TRANSIENT)
                    and sched.failed(job_id, polled_at) <= ctx.transport_error_budget
                ):
                    continue
                else:
                    yield done(JobOutcome(job_id, error=outcome.error))
        if not statuses and not due:
            delay = sched.sleep_time(now)
            if plan is not None and swept:
                delay = min(delay, max(0.0, plan.due - now))
            if deadline is not None:
                delay = min(delay, max(0.0, deadline - now))
            yield Sleep(delay)
            continue
        finished: list[tuple[str, StatusClass, str]] = []
        checked_at = ctx.clock()
        for job_id, swept_status, payload in statuses:
            try:
                if payload is None:
                    payload = {"job_id": job_id, "status": swept_status}
                status, model = status_of(payload, job_id)
            except ResponseValidationError as exc:
                yield done(JobOutcome(job_id, error=exc))
                continue
            if opts.on_status is not None:
                opts.on_status(model)
            watch.see(job_id, status)
            kind = _polling.classify_status(status, opts.terminal, opts.failure)
            if kind is StatusClass.PENDING:
                if job_id in swept and plan is not None:
                    plan.last_status[job_id] = status
                else:
                    sched.polled(job_id, checked_at, status)
            else:
                finished.append((job_id, kind, status))
        if finished:
            for job_id, _, _ in finished:
                sched.finish(job_id)
                swept.discard(job_id)
            fetched = yield Parallel(
                [get_job(ctx, job_id) for job_id, _, _ in finished], max_workers
            )
            for (job_id, kind, status), outcome in zip(finished, fetched, strict=True):
                if outcome.error is not None:
                    yield done(JobOutcome(job_id, error=outcome.error))
                elif kind is StatusClass.FAILED:
                    err = _failed_error(job_id, status, outcome.value)
                    yield done(JobOutcome(job_id, result=outcome.value, error=err))
                else:
                    yield done(JobOutcome(job_id, result=outcome.value))
    return outcomes


def collect(
    job_ids: Sequence[str],
    outcomes: Mapping[str, JobOutcome],
    *,
    what: str,
    extra_errors: Mapping[int, BaseException] | None = None,
    extra_ids: Mapping[int, str | None] | None = None,
    total: int | None = None,
    index_of: Sequence[int] | None = None,
) -> list[Any]:
    """Results in input order; BatchJobError with every result and every error otherwise."""
    size = total if total is not None else len(job_ids)
    results: list[Any] = [None] * size
    errors: dict[int, BaseException] = dict(extra_errors or {})
    ids: dict[int, str | None] = dict(extra_ids or {})
    positions = index_of if index_of is not None else range(len(job_ids))
    for position, job_id in zip(positions, job_ids, strict=True):
        ids[position] = job_id
        outcome = outcomes.get(job_id)
        if outcome is None:
            errors[position] = OqtopusError(f"no outcome for job {job_id}")
            continue
        results[position] = outcome.result
        if outcome.error is not None:
            errors[position] = outcome.error
    if errors:
        raise BatchJobError(
            f"{what}: {len(errors)} of {size} job(s) did not succeed",
            results=results,
            errors=errors,
            job_ids=ids,
        )
    return results


def wait_for_jobs(
    ctx: Ctx,
    job_ids: Sequence[str],
    opts: WaitOptions,
    *,
    max_workers: int,
    requests_per_second: float | None,
) -> Flow[list[OqtopusJobResult]]:
    outcomes = yield from wait_many(
        ctx, job_ids, opts, max_workers=max_workers, requests_per_second=requests_per_second
    )
    return collect(job_ids, outcomes, what="wait_for_jobs")


def submit_many(ctx: Ctx, specs: Sequence[OqtopusJobSpec], max_workers: int) -> Flow[list[Outcome]]:
    """Submit every spec, ``max_workers`` at a time; one outcome per spec, in order.

    Raises:
        ValueError: a spec fails pre-flight; then none of the batch is sent.
    """
    check_specs_before_sending(ctx, specs)
    outcomes: list[Outcome] = yield Parallel(
        [submit(ctx, spec, preflight=False) for spec in specs], max_workers
    )
    return outcomes


def submit_jobs(
    ctx: Ctx, specs: Sequence[OqtopusJobSpec], max_workers: int
) -> Flow[list[JobsRegisterJobResponse]]:
    """Submit many specs; BatchJobError with every answer and error when any failed."""
    outcomes = yield from submit_many(ctx, specs, max_workers)
    errors = {i: o.error for i, o in enumerate(outcomes) if o.error is not None}
    if errors:
        ids: dict[int, str | None] = {}
        for i, o in enumerate(outcomes):
            if o.error is None:
                ids[i] = o.value.job_id
            else:
                ids[i] = getattr(o.error, "job_id", None)
        raise BatchJobError(
            f"submit_jobs: {len(errors)} of {len(specs)} submission(s) failed",
            results=[o.value for o in outcomes],
            errors=errors,
            job_ids=ids,
        )
    return [o.value for o in outcomes]


def run_jobs_batch(
    ctx: Ctx,
    specs: Sequence[OqtopusJobSpec],
    opts: WaitOptions,
    *,
    submit_workers: int,
    wait_workers: int,
    requests_per_second: float | None,
) -> Flow[list[OqtopusJobResult]]:
    """Submit all, wait for every submitted one; never lose a result or an error."""
    outcomes = yield from submit_many(ctx, specs, submit_workers)
    submit_errors: dict[int, BaseException] = {}
    error_ids: dict[int, str | None] = {}
    job_ids: list[str] = []
    positions: list[int] = []
    for i, o in enumerate(outcomes):
        if o.error is not None:
            submit_errors[i] = o.error
            error_ids[i] = getattr(o.error, "job_id", None)
        else:
            job_ids.append(o.value.job_id)
            positions.append(i)
    waited = yield from wait_many(
        ctx, job_ids, opts, max_workers=wait_workers, requests_per_second=requests_per_second
    )
    return collect(
        job_ids,
        waited,
        what="run_jobs_batch",
        extra_errors=submit_errors,
        extra_ids=error_ids,
        total=len(specs),
        index_of=positions,
    )


def run_job(ctx: Ctx, spec: OqtopusJobSpec, opts: WaitOptions) -> Flow[OqtopusJobResult]:
    """Submit, then wait; any error after register names the job (``job_id``, its text)."""
    registered = yield from submit(ctx, spec)
    try:
        return (yield from wait_for_job(ctx, registered.job_id, opts))
    except OqtopusError as exc:
        exc.about_job(registered.job_id)
        raise
    except (KeyboardInterrupt, CancelledError) as exc:
        note_interrupt(exc, [registered.job_id])
        raise
