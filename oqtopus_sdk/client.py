"""The synchronous client, a drop-in replacement for ``oqtopus_client.OqtopusClient``.

One pooled httpx.Client serves every API call and archive transfer of a client; close it
with :meth:`OqtopusClient.close` or use the client as a context manager. Every operation is
a flow from :mod:`oqtopus_sdk._flows` driven here with blocking I/O (and a bounded thread
pool for concurrent steps); :class:`~oqtopus_sdk.aio.AsyncOqtopusClient` drives the same
flows with asyncio.
"""

from __future__ import annotations

import asyncio
import datetime
import warnings
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from oqtopus_sdk import _common as K
from oqtopus_sdk import _flows as F
from oqtopus_sdk import constants as C
from oqtopus_sdk import sse
from oqtopus_sdk._http import SyncHttp, SyncSleep
from oqtopus_sdk.polling import JobOutcome

if TYPE_CHECKING:
    from oqtopus_api.models import (
        AnnouncementsGetAnnouncementResponse,
        AnnouncementsGetAnnouncementsListResponse,
        ApiTokenApiToken,
        ApiTokenApiTokenStatus,
        JobsGetJobStatusResponse,
        JobsGetSselogResponse,
        JobsJob,
        JobsJobStatus,
        JobsRegisterJobResponse,
        SettingsGetSettingsResponse,
        SuccessSuccessResponse,
        UsersGetOneUserResponse,
        UsersUpdateUserRequest,
    )

    from oqtopus_sdk.config import OqtopusConfig
    from oqtopus_sdk.device import OqtopusDevice
    from oqtopus_sdk.results import (
        OqtopusEstimationJobResult,
        OqtopusJobResult,
        OqtopusMultiManualJobResult,
        OqtopusSamplingJobResult,
        OqtopusSseJobResult,
    )
    from oqtopus_sdk.spec import OqtopusJobSpec

T = TypeVar("T")
StatusSet = K.StatusSet
OnStatus = K.OnStatus


class _SyncDriver:
    """Executes flow operations with blocking I/O."""

    def __init__(self, http: SyncHttp) -> None:
        self.http = http

    def run(self, flow: Generator[Any, Any, T]) -> T:
        gen = self.drive(flow)
        while True:
            try:
                next(gen)
            except StopIteration as stop:
                result: T = stop.value
                return result

    def drive(self, flow: Generator[Any, Any, T]) -> Generator[Any, None, T]:
        """Run a flow, yielding each value it emits (``as_completed``)."""
        value: Any = None
        error: BaseException | None = None
        try:
            while True:
                try:
                    op = flow.throw(error) if error is not None else flow.send(value)
                except StopIteration as stop:
                    result: T = stop.value
                    return result
                value, error = None, None
                if isinstance(op, F.Emit):
                    yield op.value
                    continue
                try:
                    value = self.execute(op)
                except Exception as exc:
                    error = exc
        finally:
            flow.close()

    def execute(self, op: Any) -> Any:
        http = self.http
        if isinstance(op, F.Api):
            return http.api(op.kwargs, idempotent=op.idempotent)
        if isinstance(op, F.Download):
            return http.download(op.url, archive=op.archive)
        if isinstance(op, F.Sleep):
            if op.seconds > 0:
                http.sleep(op.seconds)
            return None
        if isinstance(op, F.Parallel):
            return self.parallel(op)
        if isinstance(op, F.Upload):
            http.upload(op.url, op.fields, op.data, filename=op.filename, archive=op.archive)
            return None
        if isinstance(op, F.Blocking):
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="oqtopus-sse") as pool:
                return pool.submit(op.fn, *op.args).result()
        raise TypeError(f"unknown flow operation {op!r}")

    def _item(self, item: Any) -> F.Outcome:
        try:
            if isinstance(item, Generator):
                return F.Outcome(self.run(item))
            return F.Outcome(self.execute(item))
        except Exception as exc:
            return F.Outcome(error=exc)

    def parallel(self, op: F.Parallel) -> list[F.Outcome]:
        items = op.items
        if len(items) <= 1 or op.limit <= 1:
            return [self._item(item) for item in items]
        workers = min(op.limit, len(items))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="oqtopus") as pool:
            return list(pool.map(self._item, items))


class OqtopusClient:
    """Synchronous OQTOPUS User API client.

    Args:
        config: Connection settings. Without one: environment (``OQTOPUS_BASE_URL`` /
            ``OQTOPUS_URL``) if set, else the config file profile (see
            :func:`oqtopus_sdk.config.resolve_config`).
        default_headers: Extra headers on every API request (never on storage transfers).
        user_agent: Replaces the default ``oqtopus-sdk/<version>``.
        transport: An httpx transport (tests, the local emulator).
        sleep: Replaces ``time.sleep`` for retries and polling (tests).
        clock: Replaces ``time.monotonic`` for wait deadlines (tests).
        status_requests_per_second: Budget of status polls per second shared by every
            job one multi-job wait follows. Default: per wait, ``max_workers / interval``
            but at least ``constants.DEFAULT_STATUS_REQUESTS_PER_SECOND``
            (``polling.default_status_budget``).
        transport_error_budget: Consecutive failed status polls a wait tolerates.

    Raises:
        ValueError: no base URL (outside sse_container mode) or a bad setting.
    """

    def __init__(
        self,
        config: OqtopusConfig | None = None,
        default_headers: Mapping[str, str] | None = None,
        user_agent: str | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: SyncSleep | None = None,
        clock: Callable[[], float] | None = None,
        status_requests_per_second: float | None = None,
        transport_error_budget: int | None = None,
        rng: Any = None,
    ) -> None:
        resolved = K.resolve_client_config(config)
        self._config = resolved
        self._ctx = K.make_ctx(
            self,
            clock=clock,
            status_requests_per_second=status_requests_per_second,
            transport_error_budget=transport_error_budget,
            rng=rng,
        )
        self._http_options: dict[str, Any] = {
            "default_headers": default_headers,
            "user_agent": user_agent,
            "transport": transport,
            "sleep": sleep,
            "rng": self._ctx.rng,
        }
        self._http = SyncHttp(resolved, **self._http_options)
        self._driver = _SyncDriver(self._http)
        # Blocking reads can fetch an archive when a result first needs it (see LazyArchives).
        self._ctx.archive_loader = self._load_archive
        self.timeout: float = float(resolved.timeout)
        policy = self._http.common.policy
        self.retry_max_attempts: int = policy.max_attempts
        self.retry_backoff_seconds: float = policy.backoff_seconds
        self.retry_status_codes: frozenset[int] = policy.status_codes
        self.retry_methods: frozenset[str] = policy.methods
        self._closed = False

    # --- lifecycle and attributes -----------------------------------------------------------
    @property
    def config(self) -> OqtopusConfig:
        """The resolved configuration."""
        return self._config

    @property
    def url(self) -> str:
        """API base URL without the trailing slash."""
        return self._http.common.base_url

    @url.setter
    def url(self, value: str) -> None:
        self._http.common.base_url = str(value).rstrip("/")

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

    def close(self) -> None:
        """Close the pooled connections. The client cannot be used afterwards."""
        if not self._closed:
            self._closed = True
            self._http.close()

    def __enter__(self) -> OqtopusClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return K.client_repr(type(self).__name__, self.url)

    def clear_cache(self) -> None:
        """Forget the finished jobs this client has cached."""
        self._ctx.cache.clear()

    def _run(self, flow: Generator[Any, Any, T]) -> T:
        return self._driver.run(flow)

    def _load_archive(self, job_id: str, key: str, url: str) -> Any:
        if not self._closed:
            return self._run(F.load_archive(job_id, key, url))
        # Results outlive their client (read after the `with` block): use a one-off
        # connection with the same settings for this archive.
        http = SyncHttp(self._config, **self._http_options)
        try:
            return _SyncDriver(http).run(F.load_archive(job_id, key, url))
        finally:
            http.close()

    # --- devices ----------------------------------------------------------------------------
    def list_devices(self) -> list[OqtopusDevice]:
        """``GET /devices``; a URL-valued ``device_info`` is downloaded and inlined."""
        return self._run(F.list_devices())

    def get_device(self, device_id: str) -> OqtopusDevice:
        """``GET /devices/{device_id}``, wrapped as :class:`OqtopusDevice`."""
        return self._run(F.get_device(device_id))

    # --- jobs: list, submit, run ------------------------------------------------------------
    def list_jobs(
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
        params = K.list_jobs_params(
            fields=fields, start_time=start_time, end_time=end_time, status=status,
            q=q, page=page, size=size, order=order,
        )  # fmt: skip
        return self._run(F.list_jobs(params))

    def submit_job(self, body: OqtopusJobSpec) -> JobsRegisterJobResponse:
        """Register, upload the zipped input, submit; returns the register answer.

        Raises:
            TypeError: ``body`` is not an OqtopusJobSpec.
            ValueError: the spec is invalid (checked before any request).
            SubmissionError: a step after register failed (``job_id`` is set).
        """
        spec = K.check_spec(body, "submit_job")
        return self._run(F.submit(spec))

    def submit_jobs(
        self, jobs: Sequence[OqtopusJobSpec], *, max_workers: int = C.DEFAULT_MAX_WORKERS
    ) -> list[JobsRegisterJobResponse]:
        """Submit many specs, ``max_workers`` at a time; answers in input order.

        Raises:
            TypeError: an item is not an OqtopusJobSpec.
            ValueError: ``max_workers < 1``.
            BatchJobError: some submissions failed (holds every answer and error).
        """
        K.check_workers(max_workers, "max_workers")
        specs = K.check_specs(jobs, "submit_jobs")
        return self._run(F.submit_jobs(specs, max_workers))

    async def submit_jobs_async(
        self, jobs: Sequence[OqtopusJobSpec], *, max_workers: int = C.DEFAULT_MAX_WORKERS
    ) -> list[JobsRegisterJobResponse]:
        """:meth:`submit_jobs` for async code (runs in a worker thread)."""
        K.check_workers(max_workers, "max_workers")
        specs = K.check_specs(jobs, "submit_jobs_async")
        return await asyncio.to_thread(self.submit_jobs, specs, max_workers=max_workers)

    def _run_spec(
        self,
        job: object,
        method: str,
        expected: str | None,
        opts: F.WaitOptions,
    ) -> OqtopusJobResult:
        spec = K.check_spec(job, method, expected)
        if sse.is_container_mode():
            return self._run(F.run_in_sse_container(self._ctx, spec))
        return self._run(F.run_job(self._ctx, spec, opts))

    def run_job(
        self,
        job: OqtopusJobSpec,
        *,
        interval: float = C.DEFAULT_POLL_INTERVAL_SECONDS,
        interval_backoff: float = C.DEFAULT_POLL_INTERVAL_BACKOFF,
        max_interval: float | None = None,
        timeout: float | None = C.DEFAULT_WAIT_TIMEOUT_SECONDS,
        terminal_statuses: StatusSet = None,
        failure_statuses: StatusSet = None,
        on_status: OnStatus = None,
    ) -> OqtopusJobResult:
        """Submit, wait until terminal, and return the typed result.

        In ``OQTOPUS_ENV=sse_container`` mode the job goes to ``sse_driver.submit_job``.

        Raises:
            JobTimeoutError: still not terminal after ``timeout`` seconds.
            JobFailedError: ended in one of ``failure_statuses``.
        """
        opts = K.wait_options(
            interval=interval, interval_backoff=interval_backoff, max_interval=max_interval,
            timeout=timeout, terminal_statuses=terminal_statuses,
            failure_statuses=failure_statuses, on_status=on_status,
        )  # fmt: skip
        return self._run_spec(job, "run_job", None, opts)

    def run_sampling(
        self,
        job: OqtopusJobSpec,
        *,
        interval: float = C.DEFAULT_POLL_INTERVAL_SECONDS,
        interval_backoff: float = C.DEFAULT_POLL_INTERVAL_BACKOFF,
        max_interval: float | None = None,
        timeout: float | None = C.DEFAULT_WAIT_TIMEOUT_SECONDS,
        terminal_statuses: StatusSet = None,
        failure_statuses: StatusSet = None,
        on_status: OnStatus = None,
    ) -> OqtopusSamplingJobResult:
        """:meth:`run_job` for a sampling spec (ValueError for another job type)."""
        from oqtopus_sdk.results import OqtopusSamplingJobResult

        opts = K.wait_options(
            interval=interval, interval_backoff=interval_backoff, max_interval=max_interval,
            timeout=timeout, terminal_statuses=terminal_statuses,
            failure_statuses=failure_statuses, on_status=on_status,
        )  # fmt: skip
        result = self._run_spec(job, "run_sampling", "sampling", opts)
        return F.check_typed(result, OqtopusSamplingJobResult, "run_sampling")

    def run_estimation(
        self,
        job: OqtopusJobSpec,
        *,
        interval: float = C.DEFAULT_POLL_INTERVAL_SECONDS,
        interval_backoff: float = C.DEFAULT_POLL_INTERVAL_BACKOFF,
        max_interval: float | None = None,
        timeout: float | None = C.DEFAULT_WAIT_TIMEOUT_SECONDS,
        terminal_statuses: StatusSet = None,
        failure_statuses: StatusSet = None,
        on_status: OnStatus = None,
    ) -> OqtopusEstimationJobResult:
        """:meth:`run_job` for an estimation spec (ValueError for another job type)."""
        from oqtopus_sdk.results import OqtopusEstimationJobResult

        opts = K.wait_options(
            interval=interval, interval_backoff=interval_backoff, max_interval=max_interval,
            timeout=timeout, terminal_statuses=terminal_statuses,
            failure_statuses=failure_statuses, on_status=on_status,
        )  # fmt: skip
        result = self._run_spec(job, "run_estimation", "estimation", opts)
        return F.check_typed(result, OqtopusEstimationJobResult, "run_estimation")

    def run_multi_manual(
        self,
        job: OqtopusJobSpec,
        *,
        interval: float = C.DEFAULT_POLL_INTERVAL_SECONDS,
        interval_backoff: float = C.DEFAULT_POLL_INTERVAL_BACKOFF,
        max_interval: float | None = None,
        timeout: float | None = C.DEFAULT_WAIT_TIMEOUT_SECONDS,
        terminal_statuses: StatusSet = None,
        failure_statuses: StatusSet = None,
        on_status: OnStatus = None,
    ) -> OqtopusMultiManualJobResult:
        """:meth:`run_job` for a multi_manual spec (ValueError for another job type)."""
        from oqtopus_sdk.results import OqtopusMultiManualJobResult

        opts = K.wait_options(
            interval=interval, interval_backoff=interval_backoff, max_interval=max_interval,
            timeout=timeout, terminal_statuses=terminal_statuses,
            failure_statuses=failure_statuses, on_status=on_status,
        )  # fmt: skip
        result = self._run_spec(job, "run_multi_manual", "multi_manual", opts)
        return F.check_typed(result, OqtopusMultiManualJobResult, "run_multi_manual")

    def run_sse(
        self,
        job: OqtopusJobSpec,
        *,
        interval: float = C.DEFAULT_POLL_INTERVAL_SECONDS,
        interval_backoff: float = C.DEFAULT_POLL_INTERVAL_BACKOFF,
        max_interval: float | None = None,
        timeout: float | None = C.DEFAULT_WAIT_TIMEOUT_SECONDS,
        terminal_statuses: StatusSet = None,
        failure_statuses: StatusSet = None,
        on_status: OnStatus = None,
    ) -> OqtopusSseJobResult:
        """:meth:`run_job` for an SSE spec (ValueError for another job type)."""
        from oqtopus_sdk.results import OqtopusSseJobResult

        opts = K.wait_options(
            interval=interval, interval_backoff=interval_backoff, max_interval=max_interval,
            timeout=timeout, terminal_statuses=terminal_statuses,
            failure_statuses=failure_statuses, on_status=on_status,
        )  # fmt: skip
        result = self._run_spec(job, "run_sse", "sse", opts)
        return F.check_typed(result, OqtopusSseJobResult, "run_sse")

    def run_sse_file(
        self,
        *,
        file_path: str | Path,
        device_id: str,
        name: str | None = None,
        description: str | None = None,
        transpiler_info: Mapping[str, Any] | None = None,
        simulator_info: Mapping[str, Any] | None = None,
        mitigation_info: Mapping[str, Any] | None = None,
        shots: int = C.DEFAULT_SSE_SHOTS,
        max_file_size: int = C.DEFAULT_SSE_MAX_FILE_SIZE,
        interval: float = C.DEFAULT_POLL_INTERVAL_SECONDS,
        interval_backoff: float = C.DEFAULT_POLL_INTERVAL_BACKOFF,
        max_interval: float | None = None,
        timeout: float | None = C.DEFAULT_WAIT_TIMEOUT_SECONDS,
        terminal_statuses: StatusSet = None,
        failure_statuses: StatusSet = None,
        on_status: OnStatus = None,
    ) -> OqtopusSseJobResult:
        """Read and check a ``.py`` file (exists, is a file, size, UTF-8) and run it as SSE.

        Raises:
            ValueError / FileNotFoundError: the file is unusable (names the path).
        """
        spec = sse.build_sse_spec(
            file_path=file_path, device_id=device_id, name=name, description=description,
            transpiler_info=transpiler_info, simulator_info=simulator_info,
            mitigation_info=mitigation_info, shots=shots, max_file_size=max_file_size,
        )  # fmt: skip
        return self.run_sse(
            spec, interval=interval, interval_backoff=interval_backoff,
            max_interval=max_interval, timeout=timeout, terminal_statuses=terminal_statuses,
            failure_statuses=failure_statuses, on_status=on_status,
        )  # fmt: skip

    def run_jobs_batch(
        self,
        jobs: list[OqtopusJobSpec],
        *,
        submit_workers: int = C.DEFAULT_MAX_WORKERS,
        wait_workers: int = C.DEFAULT_MAX_WORKERS,
        interval: float = C.DEFAULT_POLL_INTERVAL_SECONDS,
        interval_backoff: float = C.DEFAULT_POLL_INTERVAL_BACKOFF,
        max_interval: float | None = None,
        timeout: float | None = C.DEFAULT_WAIT_TIMEOUT_SECONDS,
        terminal_statuses: StatusSet = None,
        failure_statuses: StatusSet = None,
        on_status: OnStatus = None,
        status_requests_per_second: float | None = None,
    ) -> list[OqtopusJobResult]:
        """Submit every spec, then wait for all of them in one shared polling loop.

        Returns:
            Results in input order.

        Raises:
            TypeError: an item is not an OqtopusJobSpec.
            ValueError: ``submit_workers`` or ``wait_workers`` < 1.
            BatchJobError: some jobs failed to submit, timed out or failed; it carries every
                result that did arrive and every per-job error.
        """
        K.check_workers(submit_workers, "submit_workers")
        K.check_workers(wait_workers, "wait_workers")
        specs = K.check_specs(jobs, "run_jobs_batch")
        if status_requests_per_second is not None:
            K.check_rate(status_requests_per_second)
        opts = K.wait_options(
            interval=interval, interval_backoff=interval_backoff, max_interval=max_interval,
            timeout=timeout, terminal_statuses=terminal_statuses,
            failure_statuses=failure_statuses, on_status=on_status,
        )  # fmt: skip
        return self._run(
            F.run_jobs_batch(
                self._ctx, specs, opts, submit_workers=submit_workers,
                wait_workers=wait_workers, requests_per_second=status_requests_per_second,
            )
        )  # fmt: skip

    async def run_jobs_batch_async(
        self,
        jobs: list[OqtopusJobSpec],
        *,
        submit_workers: int = C.DEFAULT_MAX_WORKERS,
        wait_workers: int = C.DEFAULT_MAX_WORKERS,
        interval: float = C.DEFAULT_POLL_INTERVAL_SECONDS,
        interval_backoff: float = C.DEFAULT_POLL_INTERVAL_BACKOFF,
        max_interval: float | None = None,
        timeout: float | None = C.DEFAULT_WAIT_TIMEOUT_SECONDS,  # noqa: ASYNC109
    ) -> list[OqtopusJobResult]:
        """:meth:`run_jobs_batch` for async code (runs in a worker thread)."""
        K.check_workers(submit_workers, "submit_workers")
        K.check_workers(wait_workers, "wait_workers")
        specs = K.check_specs(jobs, "run_jobs_batch_async")
        return await asyncio.to_thread(
            self.run_jobs_batch, specs, submit_workers=submit_workers,
            wait_workers=wait_workers, interval=interval, interval_backoff=interval_backoff,
            max_interval=max_interval, timeout=timeout,
        )  # fmt: skip

    # --- jobs: read and wait ----------------------------------------------------------------
    def get_job(self, job_id: str, *, use_cache: bool = True) -> OqtopusJobResult:
        """``GET /jobs/{id}``, download its archives concurrently, and wrap it by job type.

        Finished jobs are cached per client (``use_cache=False`` forces a fresh read). A
        registered job, an unknown status or an unknown job type give a base result.
        """
        return self._run(F.get_job(self._ctx, K.check_job_id(job_id), use_cache=use_cache))

    def get_job_result(self, job_id: str) -> OqtopusJobResult:
        """Alias of :meth:`get_job`."""
        return self.get_job(job_id)

    def result(self, job_id: str) -> OqtopusJobResult:
        """Alias of :meth:`get_job`."""
        return self.get_job(job_id)

    def refresh(self, job_id: str) -> OqtopusJobResult:
        """Alias of :meth:`get_job`."""
        return self.get_job(job_id)

    def wait_for_job(
        self,
        job_id: str,
        *,
        interval: float = C.DEFAULT_POLL_INTERVAL_SECONDS,
        interval_backoff: float = C.DEFAULT_POLL_INTERVAL_BACKOFF,
        max_interval: float | None = None,
        timeout: float | None = C.DEFAULT_WAIT_TIMEOUT_SECONDS,
        terminal_statuses: StatusSet = None,
        failure_statuses: StatusSet = None,
        on_status: OnStatus = None,
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
            on_status: Called with each status answer.

        Raises:
            JobTimeoutError: (a TimeoutError) the job is still not terminal.
            JobFailedError: the job ended in a failure status; ``.result`` holds it.
        """
        opts = K.wait_options(
            interval=interval, interval_backoff=interval_backoff, max_interval=max_interval,
            timeout=timeout, terminal_statuses=terminal_statuses,
            failure_statuses=failure_statuses, on_status=on_status,
        )  # fmt: skip
        return self._run(F.wait_for_job(self._ctx, K.check_job_id(job_id), opts))

    def wait(
        self,
        job_id: str,
        *,
        interval: float = C.DEFAULT_POLL_INTERVAL_SECONDS,
        interval_backoff: float = C.DEFAULT_POLL_INTERVAL_BACKOFF,
        max_interval: float | None = None,
        timeout: float | None = C.DEFAULT_WAIT_TIMEOUT_SECONDS,
        terminal_statuses: StatusSet = None,
        failure_statuses: StatusSet = None,
        on_status: OnStatus = None,
    ) -> OqtopusJobResult:
        """Alias of :meth:`wait_for_job`."""
        return self.wait_for_job(
            job_id, interval=interval, interval_backoff=interval_backoff,
            max_interval=max_interval, timeout=timeout, terminal_statuses=terminal_statuses,
            failure_statuses=failure_statuses, on_status=on_status,
        )  # fmt: skip

    def wait_for_jobs(
        self,
        job_ids: list[str],
        *,
        interval: float = C.DEFAULT_POLL_INTERVAL_SECONDS,
        interval_backoff: float = C.DEFAULT_POLL_INTERVAL_BACKOFF,
        max_interval: float | None = None,
        timeout: float | None = C.DEFAULT_WAIT_TIMEOUT_SECONDS,
        max_workers: int = C.DEFAULT_MAX_WORKERS,
        terminal_statuses: StatusSet = None,
        failure_statuses: StatusSet = None,
        on_status: OnStatus = None,
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
        K.check_workers(max_workers, "max_workers")
        ids = K.check_job_ids(job_ids, "wait_for_jobs")
        if status_requests_per_second is not None:
            K.check_rate(status_requests_per_second)
        opts = K.wait_options(
            interval=interval, interval_backoff=interval_backoff, max_interval=max_interval,
            timeout=timeout, terminal_statuses=terminal_statuses,
            failure_statuses=failure_statuses, on_status=on_status,
        )  # fmt: skip
        return self._run(
            F.wait_for_jobs(
                self._ctx, ids, opts, max_workers=max_workers,
                requests_per_second=status_requests_per_second,
            )
        )  # fmt: skip

    async def wait_for_jobs_async(
        self,
        job_ids: list[str],
        *,
        interval: float = C.DEFAULT_POLL_INTERVAL_SECONDS,
        interval_backoff: float = C.DEFAULT_POLL_INTERVAL_BACKOFF,
        max_interval: float | None = None,
        timeout: float | None = C.DEFAULT_WAIT_TIMEOUT_SECONDS,  # noqa: ASYNC109
        max_workers: int = C.DEFAULT_MAX_WORKERS,
    ) -> list[OqtopusJobResult]:
        """:meth:`wait_for_jobs` for async code (the shared loop runs in a worker thread)."""
        K.check_workers(max_workers, "max_workers")
        ids = K.check_job_ids(job_ids, "wait_for_jobs_async")
        return await asyncio.to_thread(
            self.wait_for_jobs, ids, interval=interval, interval_backoff=interval_backoff,
            max_interval=max_interval, timeout=timeout, max_workers=max_workers,
        )  # fmt: skip

    def as_completed(
        self,
        job_ids: Iterable[str],
        *,
        interval: float = C.DEFAULT_POLL_INTERVAL_SECONDS,
        interval_backoff: float = C.DEFAULT_POLL_INTERVAL_BACKOFF,
        max_interval: float | None = None,
        timeout: float | None = C.DEFAULT_WAIT_TIMEOUT_SECONDS,
        max_workers: int = C.DEFAULT_MAX_WORKERS,
        terminal_statuses: StatusSet = None,
        failure_statuses: StatusSet = None,
        on_status: OnStatus = None,
        status_requests_per_second: float | None = None,
    ) -> Iterator[JobOutcome]:
        """Yield each job's :class:`JobOutcome` as soon as it finishes (completion order).

        Never raises for one job: a timeout, failure status or unreachable job comes out as
        an outcome whose ``error`` says so. Argument errors are raised at once.
        """
        K.check_workers(max_workers, "max_workers")
        ids = K.check_job_ids(job_ids, "as_completed")
        if status_requests_per_second is not None:
            K.check_rate(status_requests_per_second)
        opts = K.wait_options(
            interval=interval, interval_backoff=interval_backoff, max_interval=max_interval,
            timeout=timeout, terminal_statuses=terminal_statuses,
            failure_statuses=failure_statuses, on_status=on_status,
        )  # fmt: skip
        flow = F.wait_many(
            self._ctx, ids, opts, max_workers=max_workers,
            requests_per_second=status_requests_per_second,
        )  # fmt: skip
        return self._iterate(flow)

    def _iterate(self, flow: Generator[Any, Any, Any]) -> Iterator[JobOutcome]:
        yield from self._driver.drive(flow)

    def get_job_status(self, job_id: str) -> JobsGetJobStatusResponse:
        """``GET /jobs/{id}/status`` (an unknown status is kept as its string)."""
        return self._run(F.get_job_status(K.check_job_id(job_id)))

    def status(self, job_id: str) -> JobsJobStatus:
        """The job's current status."""
        return self.get_job_status(job_id).status

    def is_finished(self, job_id: str, *, terminal_statuses: StatusSet = None) -> bool:
        """Whether the job's current status is terminal."""
        from oqtopus_sdk.polling import normalize_statuses, status_text

        terminal = normalize_statuses(terminal_statuses, C.TERMINAL_STATUSES)
        return status_text(self.status(job_id)) in terminal

    def cancel_job(self, job_id: str) -> SuccessSuccessResponse:
        """``POST /jobs/{id}/cancel``."""
        from oqtopus_api.api.job import cancel_job

        return self._run(F.job_control(cancel_job, self._ctx, K.check_job_id(job_id), "cancel"))

    def delete_job(self, job_id: str) -> SuccessSuccessResponse:
        """``DELETE /jobs/{id}``."""
        from oqtopus_api.api.job import delete_job

        return self._run(F.job_control(delete_job, self._ctx, K.check_job_id(job_id), "delete"))

    def get_sselog(self, job_id: str) -> JobsGetSselogResponse:
        """The SSE log zip of ``job_info.sse_log``, base64, as ``sselog_<id>.log``.

        Raises:
            ResponseValidationError: the job has no SSE log.
        """
        return self._run(F.get_sselog(K.check_job_id(job_id)))

    def _fetch_sse_log_bytes(self, job_id: str) -> bytes:
        """Raw SSE log zip bytes (used by OqtopusSseJobResult.download_log)."""
        return self._run(F.fetch_sse_log(K.check_job_id(job_id)))

    # --- account and info -------------------------------------------------------------------
    def create_api_token(self) -> ApiTokenApiToken:
        """``POST /api-token`` (deprecated: token-authenticated callers get 403)."""
        from oqtopus_api.api.api_token import create_api_token
        from oqtopus_api.models import ApiTokenApiToken

        warnings.warn(K.CREATE_TOKEN_DEPRECATION, DeprecationWarning, stacklevel=2)
        return self._run(F.simple(create_api_token, ApiTokenApiToken.from_dict, "POST /api-token"))

    def get_api_token_status(self) -> ApiTokenApiTokenStatus:
        """``GET /api-token/status``."""
        from oqtopus_api.api.api_token import get_api_token_status
        from oqtopus_api.models import ApiTokenApiTokenStatus

        return self._run(
            F.simple(
                get_api_token_status, ApiTokenApiTokenStatus.from_dict, "GET /api-token/status"
            )
        )

    def get_api_token(self) -> ApiTokenApiTokenStatus:
        """Alias of :meth:`get_api_token_status` (it returns the status, as in the reference)."""
        return self.get_api_token_status()

    def delete_api_token(self) -> None:
        """``DELETE /api-token``."""
        from oqtopus_api.api.api_token import delete_api_token

        self._run(F.no_content(delete_api_token))

    def get_announcements_list(
        self,
        *,
        offset: int | None = None,
        limit: int | None = None,
        order: str | None = None,
        current_time: datetime.datetime | None = None,
    ) -> AnnouncementsGetAnnouncementsListResponse:
        """``GET /announcements`` (no parameters unless given)."""
        from oqtopus_api.api.announcements import get_announcements_list
        from oqtopus_api.models import AnnouncementsGetAnnouncementsListResponse

        params = K.announcements_params(
            offset=offset, limit=limit, order=order, current_time=current_time
        )
        return self._run(
            F.simple(
                get_announcements_list,
                AnnouncementsGetAnnouncementsListResponse.from_dict,
                "GET /announcements",
                **params,
            )
        )

    def get_announcement(self, announcement_id: int) -> AnnouncementsGetAnnouncementResponse:
        """``GET /announcements/{id}``."""
        from oqtopus_api.api.announcements import get_announcement
        from oqtopus_api.models import AnnouncementsGetAnnouncementResponse

        return self._run(
            F.simple(
                get_announcement,
                AnnouncementsGetAnnouncementResponse.from_dict,
                "GET /announcements/{id}",
                announcement_id,
            )
        )

    def get_current_user(self) -> UsersGetOneUserResponse:
        """``GET /users/me``."""
        from oqtopus_api.api.users import get_current_user
        from oqtopus_api.models import UsersGetOneUserResponse

        return self._run(
            F.simple(get_current_user, UsersGetOneUserResponse.from_dict, "GET /users/me")
        )

    def update_current_user(
        self,
        body: UsersUpdateUserRequest | Mapping[str, Any] | None = None,
        *,
        name: str | None = None,
        organization: str | None = None,
    ) -> UsersGetOneUserResponse:
        """``PATCH /users/me`` with a body or ``name=`` / ``organization=``."""
        from oqtopus_api.api.users import update_current_user
        from oqtopus_api.models import UsersGetOneUserResponse

        request = K.update_user_body(body, name, organization)
        return self._run(
            F.simple(
                update_current_user,
                UsersGetOneUserResponse.from_dict,
                "PATCH /users/me",
                body=request,
            )
        )

    def delete_current_user(self) -> None:
        """``DELETE /users/me``."""
        from oqtopus_api.api.users import delete_current_user

        self._run(F.no_content(delete_current_user))

    def get_current_settings(self) -> SettingsGetSettingsResponse:
        """``GET /system/settings``."""
        from oqtopus_api.api.settings import get_current_settings
        from oqtopus_api.models import SettingsGetSettingsResponse

        return self._run(
            F.simple(
                get_current_settings, SettingsGetSettingsResponse.from_dict, "GET /system/settings"
            )
        )
