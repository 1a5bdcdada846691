"""The service's words, spelled once: job types, job statuses and archive keys.

Every module of the SDK reads these names from here; a test ties them to the generated
enums (``JobsJobType``, ``JobsJobStatus``) so a change of the API cannot go unnoticed.
Plain strings on purpose: importing this module costs nothing and needs no generated code.
"""

from __future__ import annotations

from typing import Final

SAMPLING: Final = "sampling"
ESTIMATION: Final = "estimation"
MULTI_MANUAL: Final = "multi_manual"
SSE: Final = "sse"
JOB_TYPES: Final[tuple[str, ...]] = (ESTIMATION, SAMPLING, MULTI_MANUAL, SSE)
"""Every ``jobs.JobType`` value, in the order of the API description."""

REGISTERED: Final = "registered"
SUBMITTED: Final = "submitted"
READY: Final = "ready"
RUNNING: Final = "running"
CANCELLING: Final = "cancelling"
SUCCEEDED: Final = "succeeded"
FAILED: Final = "failed"
CANCELLED: Final = "cancelled"
JOB_STATUSES: Final[tuple[str, ...]] = (
    REGISTERED,
    SUBMITTED,
    READY,
    RUNNING,
    CANCELLING,
    SUCCEEDED,
    FAILED,
    CANCELLED,
)
"""Every ``jobs.JobStatus`` value, in lifecycle order."""
TERMINAL_STATUSES: Final = frozenset({SUCCEEDED, FAILED, CANCELLED})
"""Statuses a job never leaves (``cancelling`` is not one: it still moves to ``cancelled``)."""
UNSUCCESSFUL_STATUSES: Final = frozenset({FAILED, CANCELLED})
"""Terminal statuses that are not a success."""

ARCHIVE_INPUT: Final = "input"
ARCHIVE_COMBINED_PROGRAM: Final = "combined_program"
ARCHIVE_RESULT: Final = "result"
ARCHIVE_TRANSPILE_RESULT: Final = "transpile_result"
ARCHIVE_SSE_LOG: Final = "sse_log"
ARCHIVE_KEYS: Final[tuple[str, ...]] = (
    ARCHIVE_INPUT,
    ARCHIVE_COMBINED_PROGRAM,
    ARCHIVE_RESULT,
    ARCHIVE_TRANSPILE_RESULT,
    ARCHIVE_SSE_LOG,
)
"""``job_info`` keys whose value is an archive URL until the client resolves it."""
RESOLVED_ARCHIVE_KEYS: Final[tuple[str, ...]] = (
    ARCHIVE_INPUT,
    ARCHIVE_COMBINED_PROGRAM,
    ARCHIVE_RESULT,
    ARCHIVE_TRANSPILE_RESULT,
)
"""Archives a job read downloads and decodes (the SSE log stays a URL, as in the reference)."""
EAGER_ARCHIVE_KEYS: Final = frozenset({ARCHIVE_RESULT})
"""Fetched with the job even when the client can load the others on first read."""
JOB_INFO_MESSAGE: Final = "message"
