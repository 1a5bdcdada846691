"""A handle on one job: its id, status, wait, result and cancel, bound to a client.

Written by hand; ``scripts/unasync.py`` derives ``oqtopus_sdk/_sync/job.py`` from it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from oqtopus_sdk import _common, constants
from oqtopus_sdk._common import OnStatus, StatusSet
from oqtopus_sdk._progress import OnChange

if TYPE_CHECKING:
    from oqtopus_api.models import JobsJobStatus, SuccessSuccessResponse
    from oqtopus_sdk._async.client import AsyncOqtopusClient
    from oqtopus_sdk.results import OqtopusJobResult


class AsyncOqtopusJob:
    """One submitted job, bound to the client that talks to its service.

    Made by ``client.submit(spec)``, ``client.submit_many(specs)`` or ``client.job(job_id)``
    (no request is sent to make a handle). A handle deep-copies (sharing its client) and
    pickles: a pickle holds the id and the service URL, never the token; an unpickled handle
    connects with the default configuration (environment or config file) of that service.

    Attributes:
        job_id: The job's id.
    """

    __slots__ = ("_client", "base_url", "job_id")

    def __init__(self, client: AsyncOqtopusClient, job_id: str) -> None:
        self.job_id = _common.check_job_id(job_id)
        self._client: AsyncOqtopusClient | None = client
        self.base_url = client.url

    @property
    def client(self) -> AsyncOqtopusClient:
        """The client this handle uses (after unpickling: one from the default configuration).

        Raises:
            ConfigError: the default configuration points at another service.
        """
        if self._client is None:
            from oqtopus_sdk._async.client import AsyncOqtopusClient
            from oqtopus_sdk.errors import ConfigError

            client = AsyncOqtopusClient()
            if client.url != self.base_url:
                raise ConfigError(
                    f"job {self.job_id} belongs to {self.base_url}, but the default "
                    f"configuration points at {client.url}: use client.job({self.job_id!r}) "
                    "with a client for that service"
                )
            self._client = client
        return self._client

    async def status(self) -> JobsJobStatus:
        """The job's current status (one ``GET /jobs/{id}/status``)."""
        return await self.client.status(self.job_id)

    async def wait(
        self,
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
        """Wait until the job ends and return its result (see ``client.wait_for_job``).

        Raises:
            JobTimeoutError: still running after ``timeout`` seconds (it keeps running).
            JobFailedError: it ended in one of ``failure_statuses``.
        """
        return await self.client.wait_for_job(
            self.job_id, interval=interval, interval_backoff=interval_backoff,
            max_interval=max_interval, timeout=timeout, terminal_statuses=terminal_statuses,
            failure_statuses=failure_statuses, on_status=on_status, on_change=on_change,
            progress=progress,
        )  # fmt: skip

    async def result(self, *, wait: bool = True, **wait_options: Any) -> OqtopusJobResult:
        """The job's result: waits for it to end first unless ``wait=False``.

        Args:
            wait: Wait until the job ends (the default); False reads it as it is now.
            **wait_options: Arguments of :meth:`wait`.
        """
        if not wait:
            return await self.client.get_job(self.job_id)
        return await self.wait(**wait_options)

    async def cancel(self) -> SuccessSuccessResponse:
        """Cancel the job (``POST /jobs/{id}/cancel``)."""
        return await self.client.cancel_job(self.job_id)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(job_id={self.job_id!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, AsyncOqtopusJob):
            return NotImplemented
        return self.job_id == other.job_id and self.base_url == other.base_url

    def __hash__(self) -> int:
        return hash(self.job_id)

    def __getstate__(self) -> dict[str, Any]:
        # The client holds connections and the token: neither goes into a pickle.
        return {"job_id": self.job_id, "base_url": self.base_url}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.job_id = state["job_id"]
        self.base_url = state["base_url"]
        self._client = None

    def __deepcopy__(self, memo: dict[int, Any]) -> AsyncOqtopusJob:
        copy = type(self).__new__(type(self))
        copy.job_id, copy.base_url, copy._client = self.job_id, self.base_url, self._client
        return copy
