"""Small pieces the result classes share: the failed-job warning, log fetchers, files."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    pass

LogFetcher = Callable[[str], Any]
"""``job_id -> SSE log zip bytes`` (or an awaitable of them): how an SSE result reads its log."""


class OqtopusJobFailedWarning(UserWarning):
    """Counts or an expectation value were read from a failed or cancelled job.

    The message names the job id, the status and the server's ``message``. The accessor
    still returns what the reference SDK returns (``{}`` or None), so existing code keeps
    running; turn the warning into an error with ``warnings.simplefilter("error",
    OqtopusJobFailedWarning)``.
    """


def log_fetcher_of(client: object) -> LogFetcher | None:
    """The SSE log fetcher a client offers (the reference binds results to a client)."""
    fetch = getattr(client, "_fetch_sse_log_bytes", None)
    return fetch if callable(fetch) else None


def _enum_or_str(kind: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    from oqtopus_api.models import JobsJobStatus, JobsJobType

    enum = JobsJobType if kind == "job_type" else JobsJobStatus
    try:
        return enum(value)
    except ValueError:
        return value  # a value this SDK does not know yet: keep it readable


def atomic_write(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file, so a crash leaves no half file."""
    import tempfile

    directory = target.parent if str(target.parent) else Path()
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
