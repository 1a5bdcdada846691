"""Small pieces the result classes share: the failed-job warning, log fetchers, files."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from oqtopus_sdk.results._base import OqtopusJobResult

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


def result_html(result: OqtopusJobResult) -> str:
    """The notebook table of a result: status, timing, message and the main outcome."""
    from oqtopus_sdk._display import key_value_table, shorten

    items: list[tuple[str, Any]] = [
        ("job id", result.job_id),
        ("name", result.name or None),
        ("type", result._job.get("job_type")),
        ("status", result._job.get("status")),
        ("device", result.device_id),
        ("shots", result.shots),
        ("submitted", result.submitted_at),
        ("queued", result.queued_for),
        ("ran", result.ran_for),
        ("turnaround", result.turnaround),
    ]
    if result.execution_time is not None:
        items.append(("execution time", f"{result.execution_time:.3f} s"))
    if result.message:
        items.append(("message", shorten(result.message, 300)))
    items.extend(result._summary_items())
    return key_value_table(items, caption=type(result).__name__)


def result_text(result: OqtopusJobResult) -> str:
    """The ``str()`` of a result: what ran where, its timing, message and outcome."""
    job_type = result._job.get("job_type", "job")
    title = f"{job_type} job {result.job_id}"
    if result.name:
        title += f" {result.name!r}"
    lines = [title]
    where = f"on {result.device_id}" if result.device_id else "device unknown"
    shots = f", {result.shots} shots" if result.shots is not None else ""
    lines.append(f"  status: {result._job.get('status')} ({where}{shots})")
    timing = []
    if result.submitted_at is not None:
        timing.append(f"submitted {result.submitted_at.isoformat()}")
    for label, span in (
        ("queued", result.queued_for),
        ("ran", result.ran_for),
        ("turnaround", result.turnaround),
    ):
        if span is not None:
            timing.append(f"{label} {span.total_seconds():.3f} s")
    if result.execution_time is not None:
        timing.append(f"execution_time {result.execution_time:.3f} s")
    if timing:
        lines.append("  " + ", ".join(timing))
    if result.message:
        lines.append(f"  message: {result.message}")
    lines.extend(result._summary_lines())
    return "\n".join(lines)
