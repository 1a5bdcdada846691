"""Status sweeps: many jobs' statuses from a few ``GET /jobs?fields=job_id,status`` pages.

Polling ``GET /jobs/{id}/status`` costs one request per job per interval. A sweep reads the
job list instead, filtered to the window in which the waited jobs were submitted
(``start_time``, from their UUIDv7 ids) and ordered oldest first, so the pages holding
them come first: about ``ceil(N / 100)`` requests per sweep. Jobs a sweep cannot see (ids
without a time, a filter problem on the server) are handed back to per-job polling; a
server that refuses ``fields`` turns sweeps off for the client.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from oqtopus_sdk import _polling, constants
from oqtopus_sdk._ops import Flow, Sleep
from oqtopus_sdk.errors import BadRequestError, ResponseValidationError, UnprocessableEntityError

if TYPE_CHECKING:
    from oqtopus_sdk._jobs import Ctx

SWEEP_FIELDS = "job_id,status"


@dataclass(slots=True)
class SweepPlan:
    """The jobs one wait follows by sweeps, and when the next sweep is due.

    Attributes:
        jobs: Job ids still pending and followed by sweeps.
        start_time: The ``start_time`` filter (earliest id time minus a margin).
        due: Clock time of the next sweep.
        interval: The caller's interval for the next gap once settling has ended.
        settle: The settling gap before the next sweep, None once it reached the interval.
        errors: Consecutive sweeps that failed with a transient error.
        last_status: Last status seen per job.
    """

    jobs: set[str]
    start_time: datetime.datetime
    due: float
    interval: float
    settle: float | None = constants.SWEEP_SETTLE_FIRST_SECONDS
    errors: int = 0
    last_status: dict[str, str] = field(default_factory=dict)

    @classmethod
    def for_jobs(
        cls, job_ids: Iterable[str], *, now: float, interval: float, enabled: bool
    ) -> SweepPlan | None:
        """A plan over the jobs with UUIDv7 ids, or None when sweeping does not pay."""
        if not enabled:  # the server refused sweeps: no need to read the ids
            return None
        dated = [job_id for job_id in job_ids if _polling.uuid7_time(job_id) is not None]
        start = _polling.sweep_start_time(dated)
        if start is None or len(dated) < constants.SWEEP_MIN_JOBS:
            return None
        return cls(jobs=set(dated), start_time=start, due=now, interval=interval)


class SweepsUnsupported(Exception):
    """The server refused the list filters a sweep needs (400/422)."""


def sweep(
    ctx: Ctx, plan: SweepPlan, budget: _polling.PollScheduler, deadline: float | None
) -> Flow[dict[str, str]]:
    """One sweep: the status of every pending swept job found in the job list.

    Each page is one request from the wait's shared budget. Paging stops once every job
    is found or the list ends; jobs not found are absent from the answer.

    Raises:
        SweepsUnsupported: the server refused ``fields`` or the filters (400/422).
        OqtopusTransportError / ServerError / RateLimitError: transient failures.
    """
    from oqtopus_api.api.job import list_jobs
    from oqtopus_api.models.list_jobs_order import ListJobsOrder

    found: dict[str, str] = {}
    page = 1
    while True:
        while not budget.spend(ctx.clock()):
            yield Sleep(budget.budget_wait(ctx.clock()))
        request = list_jobs._get_kwargs(
            fields=SWEEP_FIELDS,
            start_time=plan.start_time,
            page=page,
            size=constants.SWEEP_PAGE_SIZE,
            order=ListJobsOrder.ASC,
        )
        try:
            raw: Any = yield from ctx.transport.api(request, deadline=deadline)
        except (BadRequestError, UnprocessableEntityError) as exc:
            raise SweepsUnsupported(str(exc)) from exc
        if not isinstance(raw, list):
            raise ResponseValidationError("GET /jobs: expected a JSON array", raw)
        for item in raw:
            if not isinstance(item, dict):
                continue
            job_id, status = item.get("job_id"), item.get("status")
            if job_id in plan.jobs and isinstance(status, str):
                found[job_id] = status
        if len(found) == len(plan.jobs) or len(raw) < constants.SWEEP_PAGE_SIZE:
            return found
        page += 1
