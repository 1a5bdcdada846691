"""Job results: typed read-only views of a job record and its downloaded archives.

One module per job type (:mod:`~oqtopus_sdk.results.sampling`,
:mod:`~oqtopus_sdk.results.estimation`, :mod:`~oqtopus_sdk.results.sse`) over the shared
base (:class:`OqtopusJobResult`). :func:`wrap_job` picks the class for a job record.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Final

from oqtopus_sdk import vocabulary
from oqtopus_sdk.device import is_url
from oqtopus_sdk.results._base import (
    RESULT_SCHEMA,
    RESULT_SCHEMA_VERSION,
    OqtopusJobResult,
    mark_failure_reported,
)
from oqtopus_sdk.results._support import LogFetcher, OqtopusJobFailedWarning, log_fetcher_of
from oqtopus_sdk.results._views import (
    EstimationResultView,
    InputView,
    JobInfoView,
    JobResultView,
    LazyArchives,
    ResultView,
    SamplingResultView,
    TranspileResultView,
    plain,
)
from oqtopus_sdk.results.estimation import OqtopusEstimationJobResult
from oqtopus_sdk.results.sampling import OqtopusMultiManualJobResult, OqtopusSamplingJobResult
from oqtopus_sdk.results.sse import OqtopusSseJobResult

__all__ = [
    "RESULT_SCHEMA",
    "RESULT_SCHEMA_VERSION",
    "EstimationResultView",
    "InputView",
    "JobInfoView",
    "JobResultView",
    "LogFetcher",
    "OqtopusEstimationJobResult",
    "OqtopusJobFailedWarning",
    "OqtopusJobResult",
    "OqtopusMultiManualJobResult",
    "OqtopusSamplingJobResult",
    "OqtopusSseJobResult",
    "ResultView",
    "SamplingResultView",
    "TranspileResultView",
    "log_fetcher_of",
    "mark_failure_reported",
    "result_class_for",
    "wrap_job",
]


_CLASS_BY_TYPE: Final[dict[str, type[OqtopusJobResult]]] = {
    vocabulary.SAMPLING: OqtopusSamplingJobResult,
    vocabulary.ESTIMATION: OqtopusEstimationJobResult,
    vocabulary.MULTI_MANUAL: OqtopusMultiManualJobResult,
    vocabulary.SSE: OqtopusSseJobResult,
}


def result_class_for(job_type: object) -> type[OqtopusJobResult]:
    """The result class for a job type (the base class for an unknown or missing type)."""
    key = getattr(job_type, "value", job_type)
    return _CLASS_BY_TYPE.get(key, OqtopusJobResult) if isinstance(key, str) else OqtopusJobResult


def wrap_job(
    job: Mapping[str, Any],
    resolved: Mapping[str, Any],
    *,
    log_fetcher: LogFetcher | None = None,
    pending: Mapping[str, str] | None = None,
    loader: Callable[[str, str], Any] | None = None,
    async_loader: Callable[[str, str], Awaitable[Any]] | None = None,
) -> OqtopusJobResult:
    """Wrap a raw job record and its decoded archives in the result class for its type.

    Server data is never rejected for values this SDK does not know: an unknown status stays
    a str, an unknown job_type (or a registered job with none) gives the base class.

    Args:
        job: The job JSON as the service returned it (``GET /jobs/{id}``).
        resolved: Decoded archives by ``job_info`` key: ``{"input": {...}, "result": {...},
            "transpile_result": {...}, "combined_program": "..."}``. URL or None values are
            ignored; other keys (such as ``message``) are ignored too.
        log_fetcher: How an SSE result reads its log (``job_id -> zip bytes``).
        pending: ``job_info`` key -> URL of archives to fetch on first read, with ``loader``.
        loader: ``loader(key, url)`` downloads and decodes one pending archive.
        async_loader: The same, awaitable (``load_archives_async``).

    Returns:
        The typed result.

    Raises:
        TypeError: ``job`` or ``resolved`` is not a mapping, or holds values that are not JSON.
        ValueError: The record has no string ``job_id``.
    """
    if not isinstance(job, Mapping):
        raise TypeError(f"job must be a JSON object, got {type(job).__name__}")
    if not isinstance(resolved, Mapping):
        raise TypeError(f"resolved must be a mapping, got {type(resolved).__name__}")
    job_id = job.get("job_id")
    if not isinstance(job_id, str) or not job_id:
        raise ValueError(f"job record has no job_id: {job_id!r}")
    archives = {
        key: value
        for key, value in resolved.items()
        if key in vocabulary.ARCHIVE_KEYS and value is not None and not is_url(value)
    }
    if pending and loader is not None:
        lazy = LazyArchives(plain(archives), pending, loader, async_loader)
        return result_class_for(job.get("job_type"))._from_state(job, lazy, log_fetcher)
    return result_class_for(job.get("job_type"))._from_state(job, archives, log_fetcher)
