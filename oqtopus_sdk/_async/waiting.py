"""Reading and waiting on jobs, for the asyncio client (mixed into AsyncOqtopusClient).

Written by hand; ``scripts/unasync.py`` derives ``oqtopus_sdk/_sync/waiting.py`` from it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from oqtopus_sdk import _common, _jobs, _waiting, constants, vocabulary
from oqtopus_sdk._common import OnStatus, StatusSet
from oqtopus_sdk._progress import OnChange
from oqtopus_sdk._waiting import WaitOptions

if TYPE_CHECKING:
    from oqtopus_api.models import JobsGetJobStatusResponse, JobsJobStatus
    from oqtopus_sdk._drivers import AsyncDriver
    from oqtopus_sdk._ops import Flow
    from oqtopus_sdk._polling import JobOutcome
    from oqtopus_sdk.results import OqtopusJobResult

T = TypeVar("T")


class AsyncWaitMixin:
    """Job reads, single and multi-job waits, and status checks of the client."""

    _ctx: _jobs.Ctx
    _driver: AsyncDriver

    if TYPE_CHECKING:

        async def _run(self, flow: Flow[T]) -> T: ...

        def _wait_options(self, **wait: Any) -> WaitOptions: ...

    async def get_job(self, job_id: str, *, use_cache: bool = True) -> OqtopusJobResult:
        """``GET /jobs/{id}``, download its archives concurrently, and wrap it by job type.

        Finished jobs are cached per client (``use_cache=False`` forces a fresh read). A
        registered job, an unknown status or an unknown job type give a base result.
        """
        job_id = _common.check_job_id(job_id)
        return await self._run(_jobs.get_job(self._ctx, job_id, use_cache=use_cache))

    async def get_job_result(self, job_id: str) -> OqtopusJobResult:
        """Alias of :meth:`get_job`."""
        return await self.get_job(job_id)

    async def result(self, job_id: str) -> OqtopusJobResult:
        """Alias of :meth:`get_job`."""
        return await self.get_job(job_id)

    async def refresh(self, job_id: str) -> OqtopusJobResult:
        """Alias of :meth:`get_job`."""
        return await self.get_job(job_id)

    async def wait_for_job(
        self,
        job_id: str,
        *,
        interval: float = constants.DEFAULT_POLL_INTERVAL_SECONDS,
        interval_backoff: float = constants.DEFAULT_POLL_INTERVAL_BACKOFF,
        max_interval: float | None = None,
        timeout: float | None = constants.DEFAULT_WAIT_TIMEOUT_SECONDS,  # noqa: ASYNC109
        terminal_statuses: StatusSet = None,
        failure_statuses: StatusSet = None,
        on_status: OnStatus = None,
        on_change: OnChange = None,
        progress: bool | None = None,
    ) -> OqtopusJobResult:
        """Poll ``GET /jobs/{id}/status`` until terminal, then return :meth:`get_job`.

        Args:
            job_id: The job.
            interval: First poll interval in seconds (> 0).
            interval_backoff: Factor applied to the interval after each poll (>= 1).
            max_interval: Cap of the interval.
            timeout: Seconds before JobTimeoutError (None waits forever).
            terminal_statuses: Statuses that end the wait (default succeeded/failed/cancelled).
            failure_statuses: Statuses that end the wait with JobFailedError.
            on_status: Called with each status answer (the reference's callback).
            on_change: Called as ``on_change(job_id, old, new)`` once per status change.
            progress: Show a progress bar (terminal or notebook; extra ``progress``);
                None uses the config's ``progress`` setting.

        Raises:
            JobTimeoutError: (a TimeoutError) the job is still not terminal.
            JobFailedError: the job ended in a failure status; ``.result`` holds it.
        """
        options = self._wait_options(
            interval=interval, interval_backoff=interval_backoff, max_interval=max_interval,
            timeout=timeout, terminal_statuses=terminal_statuses,
            failure_statuses=failure_statuses, on_status=on_status,
            on_change=on_change, progress=progress,
        )  # fmt: skip
        job_id = _common.check_job_id(job_id)
        result = await self._run(_waiting.wait_for_job(self._ctx, job_id, options))
        _common.warn_if_failed([result], stacklevel=2)
        return result

    async def wait(
        self,
        job_id: str,
        *,
        interval: float = constants.DEFAULT_POLL_INTERVAL_SECONDS,
        interval_backoff: float = constants.DEFAULT_POLL_INTERVAL_BACKOFF,
        max_interval: float | None = None,
        timeout: float | None = constants.DEFAULT_WAIT_TIMEOUT_SECONDS,  # noqa: ASYNC109
        terminal_statuses: StatusSet = None,
        failure_statuses: StatusSet = None,
        on_status: OnStatus = None,
        on_change: OnChange = None,
        progress: bool | None = None,
    ) -> OqtopusJobResult:
        """Alias of :meth:`wait_for_job`."""
        return await self.wait_for_job(
            job_id, interval=interval, interval_backoff=interval_backoff,
            max_interval=max_interval, timeout=timeout, terminal_statuses=terminal_statuses,
            failure_statuses=failure_statuses, on_status=on_status,
            on_change=on_change, progress=progress,
        )  # fmt: skip

    async def wait_for_jobs(
        self,
        job_ids: list[str],
        *,
        interval: float = constants.DEFAULT_POLL_INTERVAL_SECONDS,
        interval_backoff: float = constants.DEFAULT_POLL_INTERVAL_BACKOFF,
        max_interval: float | None = None,
        timeout: float | None = constants.DEFAULT_WAIT_TIMEOUT_SECONDS,  # noqa: ASYNC109
        max_workers: int = constants.DEFAULT_MAX_WORKERS,
        terminal_statuses: StatusSet = None,
        failure_statuses: StatusSet = None,
        on_status: OnStatus = None,
        on_change: OnChange = None,
        progress: bool | None = None,
        status_requests_per_second: float | None = None,
    ) -> list[OqtopusJobResult]:
        """Wait for many jobs in one shared polling loop; results in input order.

        ``max_workers`` bounds concurrent requests; ``status_requests_per_second`` bounds
        the status-poll rate of the whole wait (``timeout`` applies to the whole wait).

        Raises:
            ValueError: ``max_workers < 1``.
            BatchJobError: some jobs timed out, failed or were unreachable; it carries every
                result that did arrive.
        """
        ids, options = self._wait_plan(
            job_ids, "wait_for_jobs", interval=interval, interval_backoff=interval_backoff,
            max_interval=max_interval, timeout=timeout, max_workers=max_workers,
            terminal_statuses=terminal_statuses, failure_statuses=failure_statuses,
            on_status=on_status, on_change=on_change, progress=progress,
            status_requests_per_second=status_requests_per_second,
        )  # fmt: skip
        results = await self._run(
            _waiting.wait_for_jobs(
                self._ctx, ids, options, max_workers=max_workers,
                requests_per_second=status_requests_per_second,
            )
        )  # fmt: skip
        _common.warn_if_failed(results, stacklevel=2)
        return results

    async def wait_for_jobs_async(  # unasync: keep-async
        self,
        job_ids: list[str],
        *,
        interval: float = constants.DEFAULT_POLL_INTERVAL_SECONDS,
        interval_backoff: float = constants.DEFAULT_POLL_INTERVAL_BACKOFF,
        max_interval: float | None = None,
        timeout: float | None = constants.DEFAULT_WAIT_TIMEOUT_SECONDS,  # noqa: ASYNC109
        max_workers: int = constants.DEFAULT_MAX_WORKERS,
    ) -> list[OqtopusJobResult]:
        """:meth:`wait_for_jobs` for async code (the reference's name)."""
        results: list[OqtopusJobResult] = await _common.call_async(
            self.wait_for_jobs, job_ids, interval=interval, interval_backoff=interval_backoff,
            max_interval=max_interval, timeout=timeout, max_workers=max_workers,
        )  # fmt: skip
        return results

    def as_completed(
        self,
        job_ids: Iterable[str],
        *,
        interval: float = constants.DEFAULT_POLL_INTERVAL_SECONDS,
        interval_backoff: float = constants.DEFAULT_POLL_INTERVAL_BACKOFF,
        max_interval: float | None = None,
        timeout: float | None = constants.DEFAULT_WAIT_TIMEOUT_SECONDS,
        max_workers: int = constants.DEFAULT_MAX_WORKERS,
        terminal_statuses: StatusSet = None,
        failure_statuses: StatusSet = None,
        on_status: OnStatus = None,
        on_change: OnChange = None,
        progress: bool | None = None,
        status_requests_per_second: float | None = None,
    ) -> AsyncIterator[JobOutcome]:
        """Each job's :class:`JobOutcome` as soon as it finishes (completion order).

        Never raises for one job: a timeout, failure status or unreachable job comes out as
        an outcome whose ``error`` says so. Argument errors are raised at once.
        """
        ids, options = self._wait_plan(
            job_ids, "as_completed", interval=interval, interval_backoff=interval_backoff,
            max_interval=max_interval, timeout=timeout, max_workers=max_workers,
            terminal_statuses=terminal_statuses, failure_statuses=failure_statuses,
            on_status=on_status, on_change=on_change, progress=progress,
            status_requests_per_second=status_requests_per_second,
        )  # fmt: skip
        flow = _waiting.wait_many(
            self._ctx, ids, options, max_workers=max_workers,
            requests_per_second=status_requests_per_second,
        )  # fmt: skip
        return self._driver.iterate(flow)

    def _wait_plan(
        self,
        job_ids: Iterable[str],
        method: str,
        *,
        max_workers: int,
        status_requests_per_second: float | None,
        **wait: Any,
    ) -> tuple[list[str], WaitOptions]:
        _common.check_workers(max_workers, "max_workers")
        ids = _common.check_job_ids(job_ids, method)
        if status_requests_per_second is not None:
            _common.check_rate(status_requests_per_second)
        return ids, self._wait_options(**wait)

    async def get_job_status(self, job_id: str) -> JobsGetJobStatusResponse:
        """``GET /jobs/{id}/status`` (an unknown status is kept as its string)."""
        job_id = _common.check_job_id(job_id)
        return await self._run(_jobs.get_job_status(self._ctx, job_id))

    async def status(self, job_id: str) -> JobsJobStatus:
        """The job's current status."""
        return (await self.get_job_status(job_id)).status

    async def is_finished(self, job_id: str, *, terminal_statuses: StatusSet = None) -> bool:
        """Whether the job's current status is terminal."""
        from oqtopus_sdk._polling import normalize_statuses, status_text

        terminal = normalize_statuses(terminal_statuses, vocabulary.TERMINAL_STATUSES)
        return status_text(await self.status(job_id)) in terminal
