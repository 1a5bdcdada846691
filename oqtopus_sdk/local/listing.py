"""Job serialisation, filtering and pagination for ``GET /jobs`` and ``GET /jobs/{id}``."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from .ids import parse_time
from .store import JobRecord


def job_to_json(rec: JobRecord, job_info: Mapping[str, Any] | None) -> dict[str, Any]:
    """Serialise a job as the live server does (null fields left out).

    Args:
        rec: The job.
        job_info: The ``job_info`` object (URLs that exist, plus ``message``).

    Returns:
        ``{job_id, status}`` for a registered job, otherwise a full ``jobs.Job``.
    """
    if rec.status == "registered" or rec.job_type is None:
        return {"job_id": rec.job_id, "status": rec.status}
    out: dict[str, Any] = {
        "job_id": rec.job_id,
        "name": rec.name if rec.name is not None else "",
        "description": rec.description if rec.description is not None else "",
        "job_type": rec.job_type,
        "status": rec.status,
        "device_id": rec.device_id,
        "shots": rec.shots,
        "job_info": dict(job_info) if job_info is not None else None,
        "transpiler_info": rec.transpiler_info,
        "simulator_info": rec.simulator_info,
        "mitigation_info": rec.mitigation_info,
        "execution_time": rec.execution_time,
        "submitted_at": rec.submitted_at,
        "ready_at": rec.ready_at,
        "running_at": rec.running_at,
        "ended_at": rec.ended_at,
    }
    return {k: v for k, v in out.items() if v is not None}


def job_filter(
    *,
    start_time: datetime | None = None,
    end_time: datetime | None = None,
    status: str | None = None,
    q: str | None = None,
) -> Callable[[JobRecord], bool]:
    """Build the ``GET /jobs`` filter of the newest server as a predicate.

    Args:
        start_time: Keep ``submitted_at >= start_time``.
        end_time: Keep ``submitted_at <= end_time``.
        status: Exact status match.
        q: Substring of job id, name or description.

    Returns:
        ``keep(record) -> bool``; it only reads the record. Jobs submitted from inside SSE
        programs never match: the live service sends them to the engine, not the job table.
    """
    timed = start_time is not None or end_time is not None

    def keep(job: JobRecord) -> bool:
        if job.sse_parent is not None:
            return False
        if status is not None and job.status != status:
            return False
        if q is not None and not (
            q in job.job_id or q in (job.name or "") or q in (job.description or "")
        ):
            return False
        if timed:
            # A job that was never submitted has no submitted_at and, like SQL NULL, never matches.
            if job.submitted_at is None:
                return False
            sub = parse_time(job.submitted_at)
            if start_time is not None and sub < start_time:
                return False
            if end_time is not None and sub > end_time:
                return False
        return True

    return keep


def filter_jobs(
    jobs: Sequence[JobRecord],
    *,
    start_time: datetime | None = None,
    end_time: datetime | None = None,
    status: str | None = None,
    q: str | None = None,
) -> list[JobRecord]:
    """Filter jobs like the newest server (see :func:`job_filter`).

    Args:
        jobs: Candidate jobs (already scoped to the caller).
        start_time: Keep ``submitted_at >= start_time``.
        end_time: Keep ``submitted_at <= end_time``.
        status: Exact status match.
        q: Substring of job id, name or description.

    Returns:
        Matching jobs, input order kept.
    """
    keep = job_filter(start_time=start_time, end_time=end_time, status=status, q=q)
    return [job for job in jobs if keep(job)]


def paginate(
    jobs: Sequence[JobRecord], page: int, size: int, order: str = "ASC"
) -> list[JobRecord]:
    """Order by creation (then id) and cut one page; past the end gives ``[]``.

    Args:
        jobs: Filtered jobs.
        page: 1-based page number.
        size: Page size.
        order: ``ASC`` or ``DESC``.

    Returns:
        The page.
    """
    ordered = sorted(jobs, key=lambda j: (j.seq, j.job_id), reverse=order == "DESC")
    start = (page - 1) * size
    return ordered[start : start + size]


def project(job: Mapping[str, Any], fields: Sequence[str] | None) -> dict[str, Any]:
    """Keep only the requested fields of a serialised job.

    Args:
        job: Serialised job.
        fields: Field names, or None for all.

    Returns:
        The projected job (absent fields stay absent).
    """
    if fields is None:
        return dict(job)
    return {k: job[k] for k in fields if k in job}
