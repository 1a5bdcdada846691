"""The asyncio client, and the one source of both clients.

This file is written by hand; ``scripts/unasync.py`` derives the synchronous
:class:`~oqtopus_sdk.OqtopusClient` (``oqtopus_sdk/_sync/client.py``) from it, and
``make check-generated`` fails when the two drift apart. Every operation is a flow
(:mod:`oqtopus_sdk._jobs`, :mod:`oqtopus_sdk._waiting`) run by a driver
(:mod:`oqtopus_sdk._drivers`); this facade only checks arguments and picks the flow.

Directives read by the script: ``# unasync: keep-async`` keeps a method a coroutine in the
sync client too (the reference's ``*_async`` methods); ``# unasync: async-only`` leaves a
method out of the sync client.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from oqtopus_sdk import _common, _jobs, _sse, _waiting, constants, vocabulary
from oqtopus_sdk._async.account import AsyncAccountMixin
from oqtopus_sdk._async.job import AsyncOqtopusJob
from oqtopus_sdk._async.waiting import AsyncWaitMixin
from oqtopus_sdk._common import JournalArg, OnStatus, StatusSet
from oqtopus_sdk._drivers import AsyncDriver, AsyncSleep
from oqtopus_sdk._ops import Flow
from oqtopus_sdk._progress import OnChange
from oqtopus_sdk._waiting import WaitOptions

if TYPE_CHECKING:
    import os
    import random

    from oqtopus_api.models import (
        JobsGetSselogResponse,
        JobsJob,
        JobsJobStatus,
        JobsRegisterJobResponse,
        SuccessSuccessResponse,
    )
    from oqtopus_sdk.config import OqtopusConfig
    from oqtopus_sdk.device import OqtopusDevice
    from oqtopus_sdk.journal import Journal
    from oqtopus_sdk.results import (
        OqtopusEstimationJobResult,
        OqtopusJobResult,
        OqtopusMultiManualJobResult,
        OqtopusSamplingJobResult,
        OqtopusSseJobResult,
    )
    from oqtopus_sdk.spec import OqtopusJobSpec

T = TypeVar("T")
R = TypeVar("R")


class AsyncOqtopusClient(AsyncWaitMixin, AsyncAccountMixin):
    """OQTOPUS User API client (one pooled connection; use it as a context manager).

    Args:
        config: Connection settings. Without one: the environment (``OQTOPUS_BASE_URL`` /
            ``OQTOPUS_URL``) if set, else the config file profile
            (:func:`oqtopus_sdk.config.resolve_config`).
        default_headers: Extra headers on every API request (never on storage transfers).
        user_agent: Replaces the default ``oqtopus-sdk/<version>``.
        transport: An httpx transport instead of the network (tests, the local emulator).
        sleep: Replaces the sleep of retries and polling (tests).
        clock: Replaces ``time.monotonic`` for wait deadlines (tests).
        status_requests_per_second: Budget of status requests per second (sweep pages and
            per-job polls) shared by one multi-job wait. Default: per wait, the largest of
            ``constants.DEFAULT_STATUS_REQUESTS_PER_SECOND``, ``max_workers / interval`` and
            the pages of one sweep per interval.
        transport_error_budget: Consecutive failed status polls a wait tolerates.
        rng: Source of retry and polling jitter (tests).
        preflight: Check every spec before anything is sent: the program parses as
            OpenQASM 3 (when Qiskit is installed), its qubits fit the device when this client
            has read it, operators act on the program's qubits. ``False`` skips the checks.

    Raises:
        ConfigError: no configuration, or a URL without a token (outside sse_container).
        ValueError: a bad setting.
    """

    def __init__(
        self,
        config: OqtopusConfig | None = None,
        default_headers: Mapping[str, str] | None = None,
        user_agent: str | None = None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: AsyncSleep | None = None,
        clock: Callable[[], float] | None = None,
        status_requests_per_second: float | None = None,
        transport_error_budget: int | None = None,
        rng: random.Random | None = None,
        preflight: bool = True,
    ) -> None:
        resolved = _common.resolve_client_config(config)
        self._config = resolved
        self._ctx = _common.make_ctx(
            resolved, default_headers=default_headers, user_agent=user_agent, clock=clock,
            status_requests_per_second=status_requests_per_second,
            transport_error_budget=transport_error_budget, rng=rng,
        )  # fmt: skip
        self._ctx.preflight = bool(preflight)
        self._driver = AsyncDriver(resolved, transport=transport, sleep=sleep)
        self._ctx.archive_loader = self._driver.archive_loader(self._ctx)
        self._ctx.log_fetcher = self._fetch_sse_log_bytes
        policy = self._ctx.transport.policy
        self.timeout: float = float(resolved.timeout)
        self.retry_max_attempts: int = policy.max_attempts
        self.retry_backoff_seconds: float = policy.backoff_seconds
        self.retry_status_codes: frozenset[int] = policy.status_codes
        self.retry_methods: frozenset[str] = policy.methods

    # --- lifecycle and attributes -----------------------------------------------------------
    @property
    def config(self) -> OqtopusConfig:
        """The resolved configuration."""
        return self._config

    @property
    def url(self) -> str:
        """API base URL without the trailing slash."""
        return self._ctx.transport.base_url

    @url.setter
    def url(self, value: str) -> None:
        self._ctx.transport.base_url = str(value).rstrip("/")

    @property
    def base_url(self) -> str:
        """Alias of :attr:`url`."""
        return self.url

    @base_url.setter
    def base_url(self, value: str) -> None:
        self.url = value

    @property
    def status_requests_per_second(self) -> float | None:
        """The client-wide status-poll budget of multi-job waits (None: derived per wait)."""
        return self._ctx.status_requests_per_second

    async def aclose(self) -> None:
        """Close the pooled connections. The client cannot send requests afterwards."""
        await self._driver.aclose()

    async def close(self) -> None:  # unasync: async-only
        """Alias of :meth:`aclose`."""
        await self.aclose()

    async def __aenter__(self) -> AsyncOqtopusClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return _common.client_repr(type(self).__name__, self.url)

    def clear_cache(self) -> None:
        """Forget the finished jobs this client has cached."""
        self._ctx.cache.clear()

    async def _run(self, flow: Flow[T]) -> T:
        return await self._driver.run(flow)

    def _wait_options(
        self,
        *,
        failure_statuses: StatusSet = None,
        progress: bool | None = None,
        **wait: Any,
    ) -> WaitOptions:
        # The config's failure_statuses and progress (argument, env or INI) apply when a
        # call names none.
        if failure_statuses is None:
            failure_statuses = self._config.failure_statuses
        if progress is None:
            progress = bool(self._config.progress)
        return _common.wait_options(failure_statuses=failure_statuses, progress=progress, **wait)

    # --- devices ----------------------------------------------------------------------------
    async def list_devices(self) -> list[OqtopusDevice]:
        """``GET /devices``; a URL-valued ``device_info`` is downloaded and inlined."""
        return await self._run(_jobs.list_devices(self._ctx))

    async def get_device(self, device_id: str) -> OqtopusDevice:
        """``GET /devices/{device_id}``, wrapped as :class:`OqtopusDevice`.

        Raises:
            ValueError: ``device_id`` could change the request path (``..``, ``/``, ...).
        """
        device_id = _common.check_path_id(device_id, "device_id")
        return await self._run(_jobs.get_device(self._ctx, device_id))

    # --- jobs: list, submit, run ------------------------------------------------------------
    async def list_jobs(
        self,
        *,
        fields: str | Sequence[str] | None = None,
        start_time: datetime.datetime | None = None,
        end_time: datetime.datetime | None = None,
        status: JobsJobStatus | str | None = None,
        q: str | None = None,
        page: int | None = None,
        size: int | None = None,
        order: str | None = None,
    ) -> list[JobsJob]:
        """``GET /jobs`` with filters; raw job records (archive URLs are not resolved).

        Raises:
            ValueError: a filter out of the API's range (checked before the request).
        """
        params = _common.list_jobs_params(
            fields=fields, start_time=start_time, end_time=end_time, status=status,
            q=q, page=page, size=size, order=order,
        )  # fmt: skip
        return await self._run(_jobs.list_jobs(self._ctx, params))

    async def submit_job(self, body: OqtopusJobSpec) -> JobsRegisterJobResponse:
        """Register, upload the zipped input, submit; returns the register answer.

        Raises:
            TypeError: ``body`` is not an OqtopusJobSpec.
            ValueError: the spec is invalid (checked before any request).
            SubmissionError: a step after register failed (``job_id`` is set).
        """
        spec = _common.check_spec(body, "submit_job")
        return await self._run(_jobs.submit(self._ctx, spec))

    async def submit_jobs(
        self,
        jobs: Sequence[OqtopusJobSpec],
        *,
        max_workers: int = constants.DEFAULT_MAX_WORKERS,
        journal: JournalArg = None,
    ) -> list[JobsRegisterJobResponse]:
        """Submit many specs, ``max_workers`` at a time; answers in input order.

        With ``journal`` (see :meth:`run_jobs_batch`) a re-run after a crash submits only
        the specs that have no job yet.

        Raises:
            TypeError: an item is not an OqtopusJobSpec.
            ValueError: ``max_workers < 1``.
            BatchJobError: some submissions failed (holds every answer and error).
        """
        _common.check_workers(max_workers, "max_workers")
        specs = _common.check_specs(jobs, "submit_jobs")
        if journal is None or journal is False:
            return await self._run(_waiting.submit_jobs(self._ctx, specs, max_workers))
        from oqtopus_sdk._journaled import submit_jobs_journaled

        opened, owned = self._open_journal(journal, specs)
        try:
            flow = submit_jobs_journaled(self._ctx, specs, journal=opened, max_workers=max_workers)
            return await self._run(flow)
        finally:
            if owned:
                opened.close()

    async def submit(self, spec: OqtopusJobSpec) -> AsyncOqtopusJob:
        """Submit one job; a handle with ``status()``, ``wait()``, ``result()``, ``cancel()``.

        Raises:
            TypeError / ValueError: as :meth:`submit_job` (before any request).
            SubmissionError: a step after register failed (``job_id`` is set).
        """
        registered = await self.submit_job(spec)
        return AsyncOqtopusJob(self, registered.job_id)

    async def submit_many(
        self,
        specs: Sequence[OqtopusJobSpec],
        *,
        max_workers: int = constants.DEFAULT_MAX_WORKERS,
        journal: JournalArg = None,
    ) -> list[AsyncOqtopusJob]:
        """Submit many jobs, ``max_workers`` at a time; handles in input order.

        ``journal`` makes the submission resumable (see :meth:`run_jobs_batch`).

        Raises:
            BatchJobError: some submissions failed (holds every answer and error).
        """
        answers = await self.submit_jobs(specs, max_workers=max_workers, journal=journal)
        return [AsyncOqtopusJob(self, answer.job_id) for answer in answers]

    def job(self, job_id: str) -> AsyncOqtopusJob:
        """A handle on an existing job (no request is sent).

        Raises:
            TypeError / ValueError: ``job_id`` is not a path-safe id.
        """
        return AsyncOqtopusJob(self, job_id)

    async def submit_jobs_async(  # unasync: keep-async
        self, jobs: Sequence[OqtopusJobSpec], *, max_workers: int = constants.DEFAULT_MAX_WORKERS
    ) -> list[JobsRegisterJobResponse]:
        """:meth:`submit_jobs` for async code (the reference's name)."""
        answers: list[JobsRegisterJobResponse] = await _common.call_async(
            self.submit_jobs, jobs, max_workers=max_workers
        )
        return answers

    async def _run_spec(
        self,
        job: object,
        method: str,
        expected: str | None,
        options: WaitOptions,
        result_type: type[R],
    ) -> R:
        spec = _common.check_spec(job, method, expected)
        if _sse.is_container_mode():
            result = await self._run(_jobs.run_in_sse_container(self._ctx, spec))
        else:
            result = await self._run(_waiting.run_job(self._ctx, spec, options))
        _common.warn_if_failed([result], stacklevel=3)
        return _jobs.check_typed(result, result_type, method)

    async def run_job(
        self,
        job: OqtopusJobSpec,
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
        """Submit, wait until terminal, and return the typed result.

        In ``OQTOPUS_ENV=sse_container`` mode the job goes to ``sse_driver.submit_job``.

        Raises:
            JobTimeoutError: still not terminal after ``timeout`` seconds.
            JobFailedError: ended in one of ``failure_statuses``.
        """
        from oqtopus_sdk.results import OqtopusJobResult

        options = self._wait_options(
            interval=interval, interval_backoff=interval_backoff, max_interval=max_interval,
            timeout=timeout, terminal_statuses=terminal_statuses,
            failure_statuses=failure_statuses, on_status=on_status,
            on_change=on_change, progress=progress,
        )  # fmt: skip
        return await self._run_spec(job, "run_job", None, options, OqtopusJobResult)

    async def run_sampling(
        self,
        job: OqtopusJobSpec,
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
    ) -> OqtopusSamplingJobResult:
        """:meth:`run_job` for a sampling spec (ValueError for another job type)."""
        from oqtopus_sdk.results import OqtopusSamplingJobResult

        options = self._wait_options(
            interval=interval, interval_backoff=interval_backoff, max_interval=max_interval,
            timeout=timeout, terminal_statuses=terminal_statuses,
            failure_statuses=failure_statuses, on_status=on_status,
            on_change=on_change, progress=progress,
        )  # fmt: skip
        return await self._run_spec(
            job, "run_sampling", vocabulary.SAMPLING, options, OqtopusSamplingJobResult
        )

    async def run_estimation(
        self,
        job: OqtopusJobSpec,
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
    ) -> OqtopusEstimationJobResult:
        """:meth:`run_job` for an estimation spec (ValueError for another job type)."""
        from oqtopus_sdk.results import OqtopusEstimationJobResult

        options = self._wait_options(
            interval=interval, interval_backoff=interval_backoff, max_interval=max_interval,
            timeout=timeout, terminal_statuses=terminal_statuses,
            failure_statuses=failure_statuses, on_status=on_status,
            on_change=on_change, progress=progress,
        )  # fmt: skip
        return await self._run_spec(
            job, "run_estimation", vocabulary.ESTIMATION, options, OqtopusEstimationJobResult
        )

    async def run_multi_manual(
        self,
        job: OqtopusJobSpec,
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
    ) -> OqtopusMultiManualJobResult:
        """:meth:`run_job` for a multi_manual spec (ValueError for another job type)."""
        from oqtopus_sdk.results import OqtopusMultiManualJobResult

        options = self._wait_options(
            interval=interval, interval_backoff=interval_backoff, max_interval=max_interval,
            timeout=timeout, terminal_statuses=terminal_statuses,
            failure_statuses=failure_statuses, on_status=on_status,
            on_change=on_change, progress=progress,
        )  # fmt: skip
        return await self._run_spec(
            job, "run_multi_manual", vocabulary.MULTI_MANUAL, options, OqtopusMultiManualJobResult
        )

    async def run_sse(
        self,
        job: OqtopusJobSpec,
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
    ) -> OqtopusSseJobResult:
        """:meth:`run_job` for an SSE spec (ValueError for another job type)."""
        from oqtopus_sdk.results import OqtopusSseJobResult

        options = self._wait_options(
            interval=interval, interval_backoff=interval_backoff, max_interval=max_interval,
            timeout=timeout, terminal_statuses=terminal_statuses,
            failure_statuses=failure_statuses, on_status=on_status,
            on_change=on_change, progress=progress,
        )  # fmt: skip
        return await self._run_spec(job, "run_sse", vocabulary.SSE, options, OqtopusSseJobResult)

    async def run_sse_file(
        self,
        *,
        file_path: str | Path,
        device_id: str,
        name: str | None = None,
        description: str | None = None,
        transpiler_info: Mapping[str, Any] | None = None,
        simulator_info: Mapping[str, Any] | None = None,
        mitigation_info: Mapping[str, Any] | None = None,
        shots: int = constants.DEFAULT_SSE_SHOTS,
        max_file_size: int = constants.DEFAULT_SSE_MAX_FILE_SIZE,
        interval: float = constants.DEFAULT_POLL_INTERVAL_SECONDS,
        interval_backoff: float = constants.DEFAULT_POLL_INTERVAL_BACKOFF,
        max_interval: float | None = None,
        timeout: float | None = constants.DEFAULT_WAIT_TIMEOUT_SECONDS,  # noqa: ASYNC109
        terminal_statuses: StatusSet = None,
        failure_statuses: StatusSet = None,
        on_status: OnStatus = None,
        on_change: OnChange = None,
        progress: bool | None = None,
    ) -> OqtopusSseJobResult:
        """Read and check a ``.py`` file (exists, is a file, size, UTF-8) and run it as SSE.

        Raises:
            FileNotFoundError / ValueError: naming the path and what is wrong with it.
        """
        spec = _sse.build_sse_spec(
            file_path=file_path, device_id=device_id, name=name, description=description,
            transpiler_info=transpiler_info, simulator_info=simulator_info,
            mitigation_info=mitigation_info, shots=shots, max_file_size=max_file_size,
        )  # fmt: skip
        return await self.run_sse(
            spec, interval=interval, interval_backoff=interval_backoff,
            max_interval=max_interval, timeout=timeout, terminal_statuses=terminal_statuses,
            failure_statuses=failure_statuses, on_status=on_status,
            on_change=on_change, progress=progress,
        )  # fmt: skip

    async def run_jobs_batch(
        self,
        jobs: list[OqtopusJobSpec],
        *,
        submit_workers: int = constants.DEFAULT_MAX_WORKERS,
        wait_workers: int = constants.DEFAULT_MAX_WORKERS,
        interval: float = constants.DEFAULT_POLL_INTERVAL_SECONDS,
        interval_backoff: float = constants.DEFAULT_POLL_INTERVAL_BACKOFF,
        max_interval: float | None = None,
        timeout: float | None = constants.DEFAULT_WAIT_TIMEOUT_SECONDS,  # noqa: ASYNC109
        terminal_statuses: StatusSet = None,
        failure_statuses: StatusSet = None,
        on_status: OnStatus = None,
        on_change: OnChange = None,
        progress: bool | None = None,
        status_requests_per_second: float | None = None,
        journal: JournalArg = None,
    ) -> list[OqtopusJobResult]:
        """Submit every spec, then wait for all in one shared loop; results in input order.

        With ``journal`` (a file path, an open :class:`~oqtopus_sdk.journal.Journal`, or
        True for one file per batch in the config's ``journal_dir``) every step is recorded,
        and running the same batch again after a crash resumes it: nothing is submitted
        twice, nothing is lost, finished results are read from disk.

        Raises:
            TypeError: an item is not an OqtopusJobSpec.
            ValueError: ``submit_workers`` or ``wait_workers`` < 1.
            BatchJobError: carries every result that arrived and every per-job error.
            JournalLockedError / JournalMismatchError: the journal is in use or holds
                another batch.
        """
        _common.check_workers(submit_workers, "submit_workers")
        _common.check_workers(wait_workers, "wait_workers")
        specs = _common.check_specs(jobs, "run_jobs_batch")
        if status_requests_per_second is not None:
            _common.check_rate(status_requests_per_second)
        options = self._wait_options(
            interval=interval, interval_backoff=interval_backoff, max_interval=max_interval,
            timeout=timeout, terminal_statuses=terminal_statuses,
            failure_statuses=failure_statuses, on_status=on_status,
            on_change=on_change, progress=progress,
        )  # fmt: skip
        if journal is None or journal is False:
            flow = _waiting.run_jobs_batch(
                self._ctx, specs, options, submit_workers=submit_workers,
                wait_workers=wait_workers, requests_per_second=status_requests_per_second,
            )  # fmt: skip
            results = await self._run(flow)
        else:
            from oqtopus_sdk._journaled import run_jobs_batch_journaled

            opened, owned = self._open_journal(journal, specs)
            try:
                results = await self._run(
                    run_jobs_batch_journaled(
                        self._ctx, specs, options, journal=opened,
                        submit_workers=submit_workers, wait_workers=wait_workers,
                        requests_per_second=status_requests_per_second,
                    )
                )  # fmt: skip
            finally:
                if owned:
                    opened.close()
        _common.warn_if_failed(results, stacklevel=2)
        return results

    def _open_journal(
        self, journal: Journal | str | os.PathLike[str] | bool, specs: Sequence[OqtopusJobSpec]
    ) -> tuple[Journal, bool]:
        from oqtopus_sdk._journaled import open_journal

        return open_journal(journal, specs, journal_dir=self._config.journal_dir)

    async def run_jobs_batch_async(  # unasync: keep-async
        self,
        jobs: list[OqtopusJobSpec],
        *,
        submit_workers: int = constants.DEFAULT_MAX_WORKERS,
        wait_workers: int = constants.DEFAULT_MAX_WORKERS,
        interval: float = constants.DEFAULT_POLL_INTERVAL_SECONDS,
        interval_backoff: float = constants.DEFAULT_POLL_INTERVAL_BACKOFF,
        max_interval: float | None = None,
        timeout: float | None = constants.DEFAULT_WAIT_TIMEOUT_SECONDS,  # noqa: ASYNC109
    ) -> list[OqtopusJobResult]:
        """:meth:`run_jobs_batch` for async code."""
        results: list[OqtopusJobResult] = await _common.call_async(
            self.run_jobs_batch, jobs, submit_workers=submit_workers,
            wait_workers=wait_workers, interval=interval, interval_backoff=interval_backoff,
            max_interval=max_interval, timeout=timeout,
        )  # fmt: skip
        return results

    async def cancel_job(self, job_id: str) -> SuccessSuccessResponse:
        """``POST /jobs/{id}/cancel``."""
        from oqtopus_api.api.job import cancel_job

        job_id = _common.check_job_id(job_id)
        request = cancel_job._get_kwargs(job_id)
        return await self._run(_jobs.job_control(self._ctx, request, job_id, "cancel"))

    async def delete_job(self, job_id: str) -> SuccessSuccessResponse:
        """``DELETE /jobs/{id}``."""
        from oqtopus_api.api.job import delete_job

        job_id = _common.check_job_id(job_id)
        request = delete_job._get_kwargs(job_id)
        return await self._run(_jobs.job_control(self._ctx, request, job_id, "delete"))

    async def get_sselog(self, job_id: str) -> JobsGetSselogResponse:
        """The SSE log zip of ``job_info.sse_log``, base64, as ``sselog_<id>.log``.

        Raises:
            ResponseValidationError: the job has no SSE log.
        """
        return await self._run(_jobs.get_sselog(self._ctx, _common.check_job_id(job_id)))

    async def _fetch_sse_log_bytes(self, job_id: str) -> bytes:
        """Raw SSE log zip bytes (what SSE results read their log with)."""
        return await self._run(_jobs.fetch_sse_log(self._ctx, _common.check_job_id(job_id)))
