"""The asyncio client: the same operations as :class:`OqtopusClient`, as coroutines.

It drives the very same flows (:mod:`oqtopus_sdk._flows`) with one pooled
httpx.AsyncClient and ``asyncio.gather``; no threads are used except for the blocking
``sse_driver`` call in sse_container mode.
"""

from __future__ import annotations

import asyncio
import datetime
import warnings
from collections.abc import (
    AsyncIterator,
    Awaitable,
    Callable,
    Generator,
    Iterable,
    Mapping,
    Sequence,
)
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from oqtopus_sdk import _common as K
from oqtopus_sdk import _flows as F
from oqtopus_sdk import constants as C
from oqtopus_sdk import sse
from oqtopus_sdk._http import AsyncHttp, AsyncSleep
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


class _AsyncDriver:
    """Executes flow operations with asyncio I/O."""

    def __init__(self, http: AsyncHttp) -> None:
        self.http = http

    async def run(self, flow: Generator[Any, Any, T]) -> T:
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
                    continue
                try:
                    value = await self.execute(op)
                except Exception as exc:
                    error = exc
        finally:
            flow.close()

    async def drive(self, flow: Generator[Any, Any, Any]) -> AsyncIterator[Any]:
        """Run a flow, yielding each value it emits (``as_completed``)."""
        value: Any = None
        error: BaseException | None = None
        try:
            while True:
                try:
                    op = flow.throw(error) if error is not None else flow.send(value)
                except StopIteration:
                    return
                value, error = None, None
                if isinstance(op, F.Emit):
                    yield op.value
                    continue
                try:
                    value = await self.execute(op)
                except Exception as exc:
                    error = exc
        finally:
            flow.close()

    async def execute(self, op: Any) -> Any:
        http = self.http
        if isinstance(op, F.Api):
            return await http.api(op.kwargs, idempotent=op.idempotent)
        if isinstance(op, F.Download):
            return await http.download(op.url, archive=op.archive)
        if isinstance(op, F.Sleep):
            if op.seconds > 0:
                await http.sleep(op.seconds)
            return None
        if isinstance(op, F.Parallel):
            return await self.parallel(op)
        if isinstance(op, F.Upload):
            await http.upload(op.url, op.fields, op.data, filename=op.filename, archive=op.archive)
            return None
        if isinstance(op, F.Blocking):
            # The one place a thread is used: sse_driver.submit_job blocks.
            return await asyncio.to_thread(op.fn, *op.args)
        raise TypeError(f"unknown flow operation {op!r}")

    async def parallel(self, op: F.Parallel) -> list[F.Outcome]:
        semaphore = asyncio.Semaphore(max(1, op.limit))

        async def one(item: Any) -> F.Outcome:
            async with semaphore:
                try:
                    if isinstance(item, Generator):
                        return F.Outcome(await self.run(item))
                    return F.Outcome(await self.execute(item))
                except Exception as exc:
                    return F.Outcome(error=exc)

        if len(op.items) == 1:
            return [await one(op.items[0])]
        return list(await asyncio.gather(*(one(item) for item in op.items)))


class AsyncOqtopusClient:
    """Asyncio OQTOPUS User API client (every method a coroutine, same names and arguments).

    Args:
        config: Connection settings (resolved like :class:`OqtopusClient`).
        default_headers: Extra headers on every API request.
        user_agent: Replaces the default ``oqtopus-sdk/<version>``.
        transport: An httpx async transport (tests, the local emulator).
        sleep: Replaces ``asyncio.sleep`` for retries and polling (tests).
        clock: Replaces ``time.monotonic`` for wait deadlines (tests).
        status_requests_per_second: Status-poll budget of multi-job waits (default: per
            wait, ``polling.default_status_budget(max_workers, interval)``).
        transport_error_budget: Consecutive failed status polls a wait tolerates.
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
        self._http = AsyncHttp(
            resolved,
            default_headers=default_headers,
            user_agent=user_agent,
            transport=transport,
            sleep=sleep,
            rng=self._ctx.rng,
        )
        self._driver = _AsyncDriver(self._http)
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

    async def close(self) -> None:
        """Close the pooled connections."""
        if not self._closed:
            self._closed = True
            await self._http.close()

    async def aclose(self) -> None:
        """Alias of :meth:`close`."""
        await self.close()

    async def __aenter__(self) -> AsyncOqtopusClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    def __repr__(self) -> str:
        return K.client_repr(type(self).__name__, self.url)

    def clear_cache(self) -> None:
        """Forget the finished jobs this client has cached."""
        self._ctx.cache.clear()

    def _run(self, flow: Generator[Any, Any, T]) -> Awaitable[T]:
        return self._driver.run(flow)

    # --- devices ----------------------------------------------------------------------------
    async def list_devices(self) -> list[OqtopusDevice]:
        """``GET /devices``; a URL-valued ``device_info`` is downloaded and inlined."""
        return await self._run(F.list_devices())

    async def get_device(self, device_id: str) -> OqtopusDevice:
        """``GET /devices/{device_id}``."""
        return await self._run(F.get_device(device_id))

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
        """``GET /jobs`` with filters (checked before the request)."""
        params = K.list_jobs_params(
            fields=fields, start_time=start_time, end_time=end_time, status=status,
            q=q, page=page, size=size, order=order,
        )  # fmt: skip
        return await self._run(F.list_jobs(params))

    async def submit_job(self, body: OqtopusJobSpec) -> JobsRegisterJobResponse:
        """Register, upload the zipped input, submit; returns the register answer."""
        spec = K.check_spec(body, "submit_job")
        return await self._run(F.submit(spec))

    async def submit_jobs(
        self, jobs: Sequence[OqtopusJobSpec], *, max_workers: int = C.DEFAULT_MAX_WORKERS
    ) -> list[JobsRegisterJobResponse]:
        """Submit many specs, ``max_workers`` at a time; answers in input order.

        Raises:
            BatchJobError: some submissions failed (holds every answer and error).
        """
        K.check_workers(max_workers, "max_workers")
        specs = K.check_specs(jobs, "submit_jobs")
        return await self._run(F.submit_jobs(specs, max_workers))

    async def submit_jobs_async(
        self, jobs: Sequence[OqtopusJobSpec], *, max_workers: int = C.DEFAULT_MAX_WORKERS
    ) -> list[JobsRegisterJobResponse]:
        """Alias of :meth:`submit_jobs` (the reference's async name)."""
        return await self.submit_jobs(jobs, max_workers=max_workers)

    async def _run_spec(
        self, job: object, method: str, expected: str | None, opts: F.WaitOptions
    ) -> OqtopusJobResult:
        spec = K.check_spec(job, method, expected)
        if sse.is_container_mode():
            return await self._run(F.run_in_sse_container(self._ctx, spec))
        return await self._run(F.run_job(self._ctx, spec, opts))

    async def run_job(
        self,
        job: OqtopusJobSpec,
        *,
        interval: float = C.DEFAULT_POLL_INTERVAL_SECONDS,
        interval_backoff: float = C.DEFAULT_POLL_INTERVAL_BACKOFF,
        max_interval: float | None = None,
        timeout: float | None = C.DEFAULT_WAIT_TIMEOUT_SECONDS,  # noqa: ASYNC109
        terminal_statuses: StatusSet = None,
        failure_statuses: StatusSet = None,
        on_status: OnStatus = None,
    ) -> OqtopusJobResult:
        """Submit, wait until terminal, and return the typed result."""
        opts = K.wait_options(
            interval=interval, interval_backoff=interval_backoff, max_interval=max_interval,
            timeout=timeout, terminal_statuses=terminal_statuses,
            failure_statuses=failure_statuses, on_status=on_status,
        )  # fmt: skip
        return await self._run_spec(job, "run_job", None, opts)

    async def run_sampling(
        self,
        job: OqtopusJobSpec,
        *,
        interval: float = C.DEFAULT_POLL_INTERVAL_SECONDS,
        interval_backoff: float = C.DEFAULT_POLL_INTERVAL_BACKOFF,
        max_interval: float | None = None,
        timeout: float | None = C.DEFAULT_WAIT_TIMEOUT_SECONDS,  # noqa: ASYNC109
        terminal_statuses: StatusSet = None,
        failure_statuses: StatusSet = None,
        on_status: OnStatus = None,
    ) -> OqtopusSamplingJobResult:
        """:meth:`run_job` for a sampling spec."""
        from oqtopus_sdk.results import OqtopusSamplingJobResult

        opts = K.wait_options(
            interval=interval, interval_backoff=interval_backoff, max_interval=max_interval,
            timeout=timeout, terminal_statuses=terminal_statuses,
            failure_statuses=failure_statuses, on_status=on_status,
        )  # fmt: skip
        result = await self._run_spec(job, "run_sampling", "sampling", opts)
        return F.check_typed(result, OqtopusSamplingJobResult, "run_sampling")

    async def run_estimation(
        self,
        job: OqtopusJobSpec,
        *,
        interval: float = C.DEFAULT_POLL_INTERVAL_SECONDS,
        interval_backoff: float = C.DEFAULT_POLL_INTERVAL_BACKOFF,
        max_interval: float | None = None,
        timeout: float | None = C.DEFAULT_WAIT_TIMEOUT_SECONDS,  # noqa: ASYNC109
        terminal_statuses: StatusSet = None,
        failure_statuses: StatusSet = None,
        on_status: OnStatus = None,
    ) -> OqtopusEstimationJobResult:
        """:meth:`run_job` for an estimation spec."""
        from oqtopus_sdk.results import OqtopusEstimationJobResult

        opts = K.wait_options(
            interval=interval, interval_backoff=interval_backoff, max_interval=max_interval,
            timeout=timeout, terminal_statuses=terminal_statuses,
            failure_statuses=failure_statuses, on_status=on_status,
        )  # fmt: skip
        result = await self._run_spec(job, "run_estimation", "estimation", opts)
        return F.check_typed(result, OqtopusEstimationJobResult, "run_estimation")

    async def run_multi_manual(
        self,
        job: OqtopusJobSpec,
        *,
        interval: float = C.DEFAULT_POLL_INTERVAL_SECONDS,
        interval_backoff: float = C.DEFAULT_POLL_INTERVAL_BACKOFF,
        max_interval: float | None = None,
        timeout: float | None = C.DEFAULT_WAIT_TIMEOUT_SECONDS,  # noqa: ASYNC109
        terminal_statuses: StatusSet = None,
        failure_statuses: StatusSet = None,
        on_status: OnStatus = None,
    ) -> OqtopusMultiManualJobResult:
        """:meth:`run_job` for a multi_manual spec."""
        from oqtopus_sdk.results import OqtopusMultiManualJobResult

        opts = K.wait_options(
            interval=interval, interval_backoff=interval_backoff, max_interval=max_interval,
            timeout=timeout, terminal_statuses=terminal_statuses,
            failure_statuses=failure_statuses, on_status=on_status,
        )  # fmt: skip
        result = await self._run_spec(job, "run_multi_manual", "multi_manual", opts)
        return F.check_typed(result, OqtopusMultiManualJobResult, "run_multi_manual")

    async def run_sse(
        self,
        job: OqtopusJobSpec,
        *,
        interval: float = C.DEFAULT_POLL_INTERVAL_SECONDS,
        interval_backoff: float = C.DEFAULT_POLL_INTERVAL_BACKOFF,
        max_interval: float | None = None,
        timeout: float | None = C.DEFAULT_WAIT_TIMEOUT_SECONDS,  # noqa: ASYNC109
        terminal_statuses: StatusSet = None,
        failure_statuses: StatusSet = None,
        on_status: OnStatus = None,
    ) -> OqtopusSseJobResult:
        """:meth:`run_job` for an SSE spec."""
        from oqtopus_sdk.results import OqtopusSseJobResult

        opts = K.wait_options(
            interval=interval, interval_backoff=interval_backoff, max_interval=max_interval,
            timeout=timeout, terminal_statuses=terminal_statuses,
            failure_statuses=failure_statuses, on_status=on_status,
        )  # fmt: skip
        result = await self._run_spec(job, "run_sse", "sse", opts)
        return F.check_typed(result, OqtopusSseJobResult, "run_sse")

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
        shots: int = C.DEFAULT_SSE_SHOTS,
        max_file_size: int = C.DEFAULT_SSE_MAX_FILE_SIZE,
        interval: float = C.DEFAULT_POLL_INTERVAL_SECONDS,
        interval_backoff: float = C.DEFAULT_POLL_INTERVAL_BACKOFF,
        max_interval: float | None = None,
        timeout: float | None = C.DEFAULT_WAIT_TIMEOUT_SECONDS,  # noqa: ASYNC109
        terminal_statuses: StatusSet = None,
        failure_statuses: StatusSet = None,
        on_status: OnStatus = None,
    ) -> OqtopusSseJobResult:
        """Read and check a ``.py`` file and run it as an SSE job."""
        spec = sse.build_sse_spec(
            file_path=file_path, device_id=device_id, name=name, description=description,
            transpiler_info=transpiler_info, simulator_info=simulator_info,
            mitigation_info=mitigation_info, shots=shots, max_file_size=max_file_size,
        )  # fmt: skip
        return await self.run_sse(
            spec, interval=interval, interval_backoff=interval_backoff,
            max_interval=max_interval, timeout=timeout, terminal_statuses=terminal_statuses,
            failure_statuses=failure_statuses, on_status=on_status,
        )  # fmt: skip

    async def run_jobs_batch(
        self,
        jobs: list[OqtopusJobSpec],
        *,
        submit_workers: int = C.DEFAULT_MAX_WORKERS,
        wait_workers: int = C.DEFAULT_MAX_WORKERS,
        interval: float = C.DEFAULT_POLL_INTERVAL_SECONDS,
        interval_backoff: float = C.DEFAULT_POLL_INTERVAL_BACKOFF,
        max_interval: float | None = None,
        timeout: float | None = C.DEFAULT_WAIT_TIMEOUT_SECONDS,  # noqa: ASYNC109
        terminal_statuses: StatusSet = None,
        failure_statuses: StatusSet = None,
        on_status: OnStatus = None,
        status_requests_per_second: float | None = None,
    ) -> list[OqtopusJobResult]:
        """Submit every spec, then wait for all in one shared loop; results in input order.

        Raises:
            BatchJobError: carries every result that arrived and every per-job error.
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
        return await self._run(
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
        """Alias of :meth:`run_jobs_batch`."""
        return await self.run_jobs_batch(
            jobs, submit_workers=submit_workers, wait_workers=wait_workers, interval=interval,
            interval_backoff=interval_backoff, max_interval=max_interval, timeout=timeout,
        )  # fmt: skip

    # --- jobs: read and wait ----------------------------------------------------------------
    async def get_job(self, job_id: str, *, use_cache: bool = True) -> OqtopusJobResult:
        """``GET /jobs/{id}``, download its archives concurrently, wrap by job type."""
        return await self._run(F.get_job(self._ctx, K.check_job_id(job_id), use_cache=use_cache))

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
        interval: float = C.DEFAULT_POLL_INTERVAL_SECONDS,
        interval_backoff: float = C.DEFAULT_POLL_INTERVAL_BACKOFF,
        max_interval: float | None = None,
        timeout: float | None = C.DEFAULT_WAIT_TIMEOUT_SECONDS,  # noqa: ASYNC109
        terminal_statuses: StatusSet = None,
        failure_statuses: StatusSet = None,
        on_status: OnStatus = None,
    ) -> OqtopusJobResult:
        """Poll the job's status until terminal, then return :meth:`get_job`.

        Raises:
            JobTimeoutError: still not terminal after ``timeout`` seconds.
            JobFailedError: ended in one of ``failure_statuses``.
        """
        opts = K.wait_options(
            interval=interval, interval_backoff=interval_backoff, max_interval=max_interval,
            timeout=timeout, terminal_statuses=terminal_statuses,
            failure_statuses=failure_statuses, on_status=on_status,
        )  # fmt: skip
        return await self._run(F.wait_for_job(self._ctx, K.check_job_id(job_id), opts))

    async def wait(
        self,
        job_id: str,
        *,
        interval: float = C.DEFAULT_POLL_INTERVAL_SECONDS,
        interval_backoff: float = C.DEFAULT_POLL_INTERVAL_BACKOFF,
        max_interval: float | None = None,
        timeout: float | None = C.DEFAULT_WAIT_TIMEOUT_SECONDS,  # noqa: ASYNC109
        terminal_statuses: StatusSet = None,
        failure_statuses: StatusSet = None,
        on_status: OnStatus = None,
    ) -> OqtopusJobResult:
        """Alias of :meth:`wait_for_job`."""
        return await self.wait_for_job(
            job_id, interval=interval, interval_backoff=interval_backoff,
            max_interval=max_interval, timeout=timeout, terminal_statuses=terminal_statuses,
            failure_statuses=failure_statuses, on_status=on_status,
        )  # fmt: skip

    async def wait_for_jobs(
        self,
        job_ids: list[str],
        *,
        interval: float = C.DEFAULT_POLL_INTERVAL_SECONDS,
        interval_backoff: float = C.DEFAULT_POLL_INTERVAL_BACKOFF,
        max_interval: float | None = None,
        timeout: float | None = C.DEFAULT_WAIT_TIMEOUT_SECONDS,  # noqa: ASYNC109
        max_workers: int = C.DEFAULT_MAX_WORKERS,
        terminal_statuses: StatusSet = None,
        failure_statuses: StatusSet = None,
        on_status: OnStatus = None,
        status_requests_per_second: float | None = None,
    ) -> list[OqtopusJobResult]:
        """Wait for many jobs in one shared polling loop; results in input order.

        Raises:
            BatchJobError: carries every result that arrived and every per-job error.
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
        return await self._run(
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
        """Alias of :meth:`wait_for_jobs` (the reference's async name)."""
        return await self.wait_for_jobs(
            job_ids, interval=interval, interval_backoff=interval_backoff,
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
    ) -> AsyncIterator[JobOutcome]:
        """``async for outcome in client.as_completed(ids)``: outcomes in completion order."""
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
        return self._driver.drive(flow)

    async def get_job_status(self, job_id: str) -> JobsGetJobStatusResponse:
        """``GET /jobs/{id}/status``."""
        return await self._run(F.get_job_status(K.check_job_id(job_id)))

    async def status(self, job_id: str) -> JobsJobStatus:
        """The job's current status."""
        return (await self.get_job_status(job_id)).status

    async def is_finished(self, job_id: str, *, terminal_statuses: StatusSet = None) -> bool:
        """Whether the job's current status is terminal."""
        from oqtopus_sdk.polling import normalize_statuses, status_text

        terminal = normalize_statuses(terminal_statuses, C.TERMINAL_STATUSES)
        return status_text(await self.status(job_id)) in terminal

    async def cancel_job(self, job_id: str) -> SuccessSuccessResponse:
        """``POST /jobs/{id}/cancel``."""
        from oqtopus_api.api.job import cancel_job

        return await self._run(
            F.job_control(cancel_job, self._ctx, K.check_job_id(job_id), "cancel")
        )

    async def delete_job(self, job_id: str) -> SuccessSuccessResponse:
        """``DELETE /jobs/{id}``."""
        from oqtopus_api.api.job import delete_job

        return await self._run(
            F.job_control(delete_job, self._ctx, K.check_job_id(job_id), "delete")
        )

    async def get_sselog(self, job_id: str) -> JobsGetSselogResponse:
        """The SSE log zip of ``job_info.sse_log``, base64, as ``sselog_<id>.log``."""
        return await self._run(F.get_sselog(K.check_job_id(job_id)))

    async def _fetch_sse_log_bytes(self, job_id: str) -> bytes:
        """Raw SSE log zip bytes (used by OqtopusSseJobResult.download_log_async)."""
        return await self._run(F.fetch_sse_log(K.check_job_id(job_id)))

    # --- account and info -------------------------------------------------------------------
    async def create_api_token(self) -> ApiTokenApiToken:
        """``POST /api-token`` (deprecated)."""
        from oqtopus_api.api.api_token import create_api_token
        from oqtopus_api.models import ApiTokenApiToken

        warnings.warn(K.CREATE_TOKEN_DEPRECATION, DeprecationWarning, stacklevel=2)
        return await self._run(
            F.simple(create_api_token, ApiTokenApiToken.from_dict, "POST /api-token")
        )

    async def get_api_token_status(self) -> ApiTokenApiTokenStatus:
        """``GET /api-token/status``."""
        from oqtopus_api.api.api_token import get_api_token_status
        from oqtopus_api.models import ApiTokenApiTokenStatus

        return await self._run(
            F.simple(
                get_api_token_status, ApiTokenApiTokenStatus.from_dict, "GET /api-token/status"
            )
        )

    async def get_api_token(self) -> ApiTokenApiTokenStatus:
        """Alias of :meth:`get_api_token_status`."""
        return await self.get_api_token_status()

    async def delete_api_token(self) -> None:
        """``DELETE /api-token``."""
        from oqtopus_api.api.api_token import delete_api_token

        await self._run(F.no_content(delete_api_token))

    async def get_announcements_list(
        self,
        *,
        offset: int | None = None,
        limit: int | None = None,
        order: str | None = None,
        current_time: datetime.datetime | None = None,
    ) -> AnnouncementsGetAnnouncementsListResponse:
        """``GET /announcements``."""
        from oqtopus_api.api.announcements import get_announcements_list
        from oqtopus_api.models import AnnouncementsGetAnnouncementsListResponse

        params = K.announcements_params(
            offset=offset, limit=limit, order=order, current_time=current_time
        )
        return await self._run(
            F.simple(
                get_announcements_list,
                AnnouncementsGetAnnouncementsListResponse.from_dict,
                "GET /announcements",
                **params,
            )
        )

    async def get_announcement(self, announcement_id: int) -> AnnouncementsGetAnnouncementResponse:
        """``GET /announcements/{id}``."""
        from oqtopus_api.api.announcements import get_announcement
        from oqtopus_api.models import AnnouncementsGetAnnouncementResponse

        return await self._run(
            F.simple(
                get_announcement,
                AnnouncementsGetAnnouncementResponse.from_dict,
                "GET /announcements/{id}",
                announcement_id,
            )
        )

    async def get_current_user(self) -> UsersGetOneUserResponse:
        """``GET /users/me``."""
        from oqtopus_api.api.users import get_current_user
        from oqtopus_api.models import UsersGetOneUserResponse

        return await self._run(
            F.simple(get_current_user, UsersGetOneUserResponse.from_dict, "GET /users/me")
        )

    async def update_current_user(
        self,
        body: UsersUpdateUserRequest | Mapping[str, Any] | None = None,
        *,
        name: str | None = None,
        organization: str | None = None,
    ) -> UsersGetOneUserResponse:
        """``PATCH /users/me``."""
        from oqtopus_api.api.users import update_current_user
        from oqtopus_api.models import UsersGetOneUserResponse

        request = K.update_user_body(body, name, organization)
        return await self._run(
            F.simple(
                update_current_user,
                UsersGetOneUserResponse.from_dict,
                "PATCH /users/me",
                body=request,
            )
        )

    async def delete_current_user(self) -> None:
        """``DELETE /users/me``."""
        from oqtopus_api.api.users import delete_current_user

        await self._run(F.no_content(delete_current_user))

    async def get_current_settings(self) -> SettingsGetSettingsResponse:
        """``GET /system/settings``."""
        from oqtopus_api.api.settings import get_current_settings
        from oqtopus_api.models import SettingsGetSettingsResponse

        return await self._run(
            F.simple(
                get_current_settings, SettingsGetSettingsResponse.from_dict, "GET /system/settings"
            )
        )
