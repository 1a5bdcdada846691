"""The base result: a job record and its decoded archives, read-only and lossless.

A result holds two plain-JSON parts, which makes it lossless to save and reload:

* the **job record** as the service returned it (``GET /jobs/{id}``), whose ``job_info`` keeps
  only URLs and ``message``;
* the **archives** the client downloaded and decoded: ``input``, ``result`` and
  ``transpile_result`` (JSON objects) and ``combined_program`` (OpenQASM text).

Reads never crash on what the server sends: an unknown ``status`` is kept as its string and
an unknown ``job_type`` gives the base :class:`OqtopusJobResult`. A result does no I/O of its
own: archives read on first use come through a loader, SSE logs through a log fetcher, both
handed in by the client.

Bit order: **classical bit 0 is the rightmost character** of every counts key.

A failed or cancelled job is never silent: reading its counts or expectation value emits
:class:`OqtopusJobFailedWarning` (once per result and accessor family) with the job id, the
status and the server's message; the values returned stay those of the reference (``{}``,
``None``).

Results pickle and deep-copy. Pickling first downloads every archive still pending (a loader
bound to a client cannot travel, and the client may be closed by the time the pickle is
read) and leaves the SSE log fetcher behind: a reloaded SSE result still reads a log that
was fetched before pickling. A deep copy downloads the pending archives too, and keeps the
log fetcher.
"""

from __future__ import annotations

import base64
import copy
import datetime as _dt
import json
import os
import warnings
from collections.abc import Mapping, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar

from oqtopus_sdk import vocabulary
from oqtopus_sdk._display import shorten
from oqtopus_sdk.bitstrings import BIT_ORDER
from oqtopus_sdk.device import is_url
from oqtopus_sdk.results._support import (
    LogFetcher,
    OqtopusJobFailedWarning,
    _enum_or_str,
    atomic_write,
    log_fetcher_of,
    result_html,
    result_text,
)
from oqtopus_sdk.results._views import (
    EstimationResultView,
    InputView,
    JobInfoView,
    LazyArchives,
    SamplingResultView,
    TranspileResultView,
    duration,
    parse_time,
    plain,
)

if TYPE_CHECKING:
    from oqtopus_api.models import JobsJob, JobsJobStatus, JobsJobType

R = TypeVar("R", bound="OqtopusJobResult")

RESULT_SCHEMA: Final = "oqtopus-sdk/job-result"
RESULT_SCHEMA_VERSION: Final = 1
_TIMESTAMPS: Final = ("submitted_at", "ready_at", "running_at", "ended_at")
_REPR_MESSAGE_LIMIT: Final = 80
_COUNTS: Final = "counts"
_EXPECTATION: Final = "expectation value"
_WARNING_FAMILIES: Final = (_COUNTS, _EXPECTATION)


def mark_failure_reported(result: OqtopusJobResult) -> None:
    """Record that a failed job was already reported, so reading it does not warn again.

    For a caller that has just warned (or raised) about the job's failure itself, such as a
    client's wait path; later reads of counts or expectation values then stay quiet.

    Args:
        result: The result.
    """
    result._warned_families().update(_WARNING_FAMILIES)


class OqtopusJobResult:
    """A read-only view of a job: metadata, timestamps and the decoded archives.

    Built by the client (``get_job``, ``wait_for_job``, ``run_*``), by :func:`wrap_job`, by
    :meth:`from_raw`, by :meth:`load` / :meth:`from_dict`, or directly with the 1.3.0 keyword
    constructor below.

    Args:
        job_id: Job identifier.
        job_type: ``sampling``, ``estimation``, ``multi_manual`` or ``sse``.
        status: A job status (``succeeded``, ``failed``, ...).
        name: Job name.
        description: Job description.
        device_id: Device the job ran on.
        shots: Shots.
        job_info: ``job_info`` with archives already decoded (a mapping or a model with
            ``to_dict()``); URL values are kept as URLs.
        transpiler_info: Echoed transpiler settings.
        simulator_info: Echoed simulator settings.
        mitigation_info: Echoed mitigation settings.
        transpile_result: The decoded ``transpile_result`` (overrides the one in job_info).
        message: ``job_info.message`` (overrides the one in job_info).
        execution_time: Seconds the job ran.
        submitted_at: Submission time.
        ready_at: Time the backend took the job.
        running_at: Time execution started.
        ended_at: Time the job ended.
        client: The client that produced this result (SSE results read their log through
            it, as in the reference).

    Raises:
        ValueError: ``job_type`` or ``status`` is not a known value (values read from the
            server are never rejected: see :func:`wrap_job`).
    """

    _job: dict[str, Any]
    _archives: MutableMapping[str, Any]
    _log_fetcher: LogFetcher | None

    def __init__(
        self,
        *,
        job_id: str,
        job_type: JobsJobType | str,
        status: JobsJobStatus | str,
        name: str,
        description: str | None = None,
        device_id: str,
        shots: int,
        job_info: Mapping[str, Any] | Any,
        transpiler_info: Mapping[str, Any] | None = None,
        simulator_info: Mapping[str, Any] | None = None,
        mitigation_info: Mapping[str, Any] | None = None,
        transpile_result: Mapping[str, Any] | Any | None = None,
        message: str | None = None,
        execution_time: float | None = None,
        submitted_at: _dt.datetime | None = None,
        ready_at: _dt.datetime | None = None,
        running_at: _dt.datetime | None = None,
        ended_at: _dt.datetime | None = None,
        client: Any = None,
    ) -> None:
        type_value = getattr(job_type, "value", job_type)
        if type_value not in vocabulary.JOB_TYPES:
            raise ValueError(
                f"Invalid job_type: {job_type!r} (expected one of {vocabulary.JOB_TYPES})"
            )
        status_value = getattr(status, "value", status)
        if status_value not in vocabulary.JOB_STATUSES:
            raise ValueError(
                f"Invalid status: {status!r} (expected one of {vocabulary.JOB_STATUSES})"
            )
        info = plain(job_info) if job_info is not None else {}
        if not isinstance(info, dict):
            raise ValueError(f"job_info must be a mapping, got {type(job_info).__name__}")
        if transpile_result is not None:
            info[vocabulary.ARCHIVE_TRANSPILE_RESULT] = plain(transpile_result)
        if message is not None:
            info[vocabulary.JOB_INFO_MESSAGE] = message
        record: dict[str, Any] = {
            "job_id": job_id,
            "name": name,
            "description": description,
            "job_type": str(type_value),
            "status": str(status_value),
            "device_id": device_id,
            "shots": shots,
            "job_info": info,
            "transpiler_info": transpiler_info,
            "simulator_info": simulator_info,
            "mitigation_info": mitigation_info,
            "execution_time": execution_time,
            "submitted_at": submitted_at,
            "ready_at": ready_at,
            "running_at": running_at,
            "ended_at": ended_at,
        }
        self._set_state(
            {key: plain(value) for key, value in record.items() if value is not None},
            {},
            log_fetcher_of(client),
        )

    def _set_state(
        self,
        job: dict[str, Any],
        archives: MutableMapping[str, Any],
        log_fetcher: LogFetcher | None,
    ) -> None:
        info = job.get("job_info")
        if isinstance(info, dict):
            # Content lives in the archives; job_info keeps only URLs and the message.
            for key in vocabulary.ARCHIVE_KEYS:
                value = info.get(key)
                if value is not None and not is_url(value):
                    archives.setdefault(key, info.pop(key))
        self._job = job
        self._archives = archives
        self._log_fetcher = log_fetcher
        self._log_bytes: bytes | None = None
        self._warned: set[str] = set()

    def _warned_families(self) -> set[str]:
        # Created on demand too: a subclass may build a result without _set_state.
        warned: set[str] = self.__dict__.setdefault("_warned", set())
        return warned

    def _warn_if_failed(self, family: str) -> None:
        """Warn once per ``family`` when this job failed or was cancelled.

        Call it directly from the public accessor: the warning points at the caller's caller
        (the user's line).
        """
        status = self._job.get("status")
        warned = self._warned_families()
        if status not in vocabulary.UNSUCCESSFUL_STATUSES or family in warned:
            return
        warned.add(family)
        message = self.message
        reason = f": {message}" if message else " (no message from the server)"
        warnings.warn(
            f"reading the {family} of job {self.job_id}, whose status is {status!r}{reason}",
            OqtopusJobFailedWarning,
            stacklevel=3,
        )

    # --- copy and pickle --------------------------------------------------------------------

    def __getstate__(self) -> dict[str, Any]:
        # Pending archives are downloaded now: a loader (bound to a client) cannot travel.
        # The log fetcher stays behind; a log already fetched travels as bytes.
        return {
            "job": copy.deepcopy(self._job),
            "archives": copy.deepcopy(self._archives),
            "log_bytes": self._log_bytes,
        }

    def __setstate__(self, state: Mapping[str, Any]) -> None:
        self._set_state(dict(state["job"]), dict(state["archives"]), None)
        self._log_bytes = state.get("log_bytes")

    def __copy__(self: R) -> R:
        result = type(self).__new__(type(self))
        result._set_state(dict(self._job), self._archives, self._log_fetcher)
        result._log_bytes = self._log_bytes
        return result

    def __deepcopy__(self: R, memo: dict[int, Any]) -> R:
        result = type(self).__new__(type(self))
        memo[id(self)] = result
        result._set_state(
            copy.deepcopy(self._job, memo),
            copy.deepcopy(self._archives, memo),
            self._log_fetcher,  # shared, not copied: it is bound to the client
        )
        result._log_bytes = self._log_bytes
        return result

    @classmethod
    def _from_state(
        cls: type[R],
        job: Mapping[str, Any],
        archives: Mapping[str, Any],
        log_fetcher: LogFetcher | None = None,
    ) -> R:
        result = cls.__new__(cls)
        stored = archives if isinstance(archives, LazyArchives) else plain(archives)
        result._set_state(plain(job), stored, log_fetcher)
        return result

    @classmethod
    def from_raw(cls: type[R], job: JobsJob | Mapping[str, Any], *, client: Any = None) -> R:
        """Build a result from a generated ``JobsJob`` (or its wire dict), archives unresolved.

        Args:
            job: The job; archive values in ``job_info`` that are not URLs count as resolved.
            client: The client to bind.

        Returns:
            An instance of ``cls``.

        Raises:
            ValueError: The job lacks job_id, job_type, status, name, device_id, shots or
                job_info, or has an unknown job_type or status.
        """
        record = plain(job)
        if not isinstance(record, dict):
            raise ValueError(f"job must be a JobsJob or a mapping, got {type(job).__name__}")
        required = ("job_id", "job_type", "status", "name", "device_id", "shots", "job_info")
        missing = [key for key in required if record.get(key) is None]
        if missing:
            raise ValueError(f"Job payload is missing required fields: {', '.join(missing)}")
        if record["job_type"] not in vocabulary.JOB_TYPES:
            raise ValueError(f"Invalid job_type: {record['job_type']!r}")
        if record["status"] not in vocabulary.JOB_STATUSES:
            raise ValueError(f"Invalid status: {record['status']!r}")
        return cls._from_state(record, {}, log_fetcher_of(client))

    # --- metadata ---------------------------------------------------------------------------

    @property
    def job_id(self) -> str | None:
        """The job id."""
        value = self._job.get("job_id")
        return value if isinstance(value, str) else None

    @property
    def job_type(self) -> JobsJobType | str | None:
        """The job type (a ``JobsJobType``; an unknown value stays a str)."""
        result: JobsJobType | str | None = _enum_or_str("job_type", self._job.get("job_type"))
        return result

    @property
    def status(self) -> JobsJobStatus | str | None:
        """The status (a ``JobsJobStatus``; an unknown value stays a str)."""
        result: JobsJobStatus | str | None = _enum_or_str("status", self._job.get("status"))
        return result

    @property
    def status_enum(self) -> JobsJobStatus | None:
        """The status as ``JobsJobStatus``, or None when the SDK does not know the value."""
        from oqtopus_api.models import JobsJobStatus

        status = self.status
        return status if isinstance(status, JobsJobStatus) else None

    @property
    def is_terminal(self) -> bool:
        """Whether the status is terminal (succeeded, failed or cancelled)."""
        return self._job.get("status") in vocabulary.TERMINAL_STATUSES

    @property
    def name(self) -> str | None:
        """The job name."""
        value: str | None = self._job.get("name")
        return value

    @property
    def description(self) -> str | None:
        """The job description."""
        value: str | None = self._job.get("description")
        return value

    @property
    def device_id(self) -> str | None:
        """The device the job was submitted to."""
        value: str | None = self._job.get("device_id")
        return value

    @property
    def shots(self) -> int | None:
        """The shot count."""
        value: int | None = self._job.get("shots")
        return value

    @property
    def transpiler_info(self) -> dict[str, Any] | None:
        """Transpiler settings as echoed by the service (a copy)."""
        return self._copy_field("transpiler_info")

    @property
    def simulator_info(self) -> dict[str, Any] | None:
        """Simulator settings as echoed by the service (a copy)."""
        return self._copy_field("simulator_info")

    @property
    def mitigation_info(self) -> dict[str, Any] | None:
        """Mitigation settings as echoed by the service (a copy)."""
        return self._copy_field("mitigation_info")

    def _copy_field(self, key: str) -> dict[str, Any] | None:
        value = self._job.get(key)
        return copy.deepcopy(value) if isinstance(value, dict) else None

    @property
    def execution_time(self) -> float | None:
        """Seconds the job ran, as reported by the backend."""
        value = self._job.get("execution_time")
        return value if isinstance(value, int | float) and not isinstance(value, bool) else None

    @property
    def submitted_at(self) -> _dt.datetime | None:
        """When the job was submitted (UTC)."""
        return parse_time(self._job.get("submitted_at"))

    @property
    def ready_at(self) -> _dt.datetime | None:
        """When the backend took the job."""
        return parse_time(self._job.get("ready_at"))

    @property
    def running_at(self) -> _dt.datetime | None:
        """When execution started."""
        return parse_time(self._job.get("running_at"))

    @property
    def ended_at(self) -> _dt.datetime | None:
        """When the job ended."""
        return parse_time(self._job.get("ended_at"))

    @property
    def queued_for(self) -> _dt.timedelta | None:
        """Time from submission until execution started (``running_at - submitted_at``)."""
        return duration(self.submitted_at, self.running_at)

    @property
    def ran_for(self) -> _dt.timedelta | None:
        """Time from execution start to the end (``ended_at - running_at``)."""
        return duration(self.running_at, self.ended_at)

    @property
    def turnaround(self) -> _dt.timedelta | None:
        """Time from submission to the end (``ended_at - submitted_at``)."""
        return duration(self.submitted_at, self.ended_at)

    # --- job_info and payloads --------------------------------------------------------------

    def _merged_job_info(self) -> dict[str, Any] | None:
        info = self._job.get("job_info")
        if not isinstance(info, Mapping) and not self._archives:
            return None
        merged = dict(info) if isinstance(info, Mapping) else {}
        merged.update(self._archives)
        return merged

    @property
    def job_info(self) -> JobInfoView | None:
        """``job_info`` with the archives resolved (None for a job that has none)."""
        merged = self._merged_job_info()
        return None if merged is None else JobInfoView(merged)

    @property
    def input(self) -> InputView | None:
        """The decoded ``input`` archive (programs, operators or SSE source)."""
        value = self._archives.get(vocabulary.ARCHIVE_INPUT)
        return InputView(value) if isinstance(value, Mapping) else None

    @property
    def combined_program(self) -> str | None:
        """The combined OpenQASM program of a multi_manual job."""
        value = self._archives.get(vocabulary.ARCHIVE_COMBINED_PROGRAM)
        return value if isinstance(value, str) else None

    @property
    def message(self) -> str | None:
        """``job_info.message``: the service's failure or status message."""
        info = self._job.get("job_info")
        value = info.get(vocabulary.JOB_INFO_MESSAGE) if isinstance(info, Mapping) else None
        return value if isinstance(value, str) else None

    @property
    def transpile_result(self) -> TranspileResultView | None:
        """The decoded ``transpile_result`` (attribute or key access), or None."""
        value = self._archives.get(vocabulary.ARCHIVE_TRANSPILE_RESULT)
        return TranspileResultView(value) if isinstance(value, Mapping) else None

    def _result_branch(self, key: str) -> Mapping[str, Any] | None:
        result = self._archives.get(vocabulary.ARCHIVE_RESULT)
        branch = result.get(key) if isinstance(result, Mapping) else None
        return branch if isinstance(branch, Mapping) else None

    @property
    def sampling(self) -> SamplingResultView | None:
        """``result.sampling`` (``counts``, ``divided_counts``), or None."""
        branch = self._result_branch(vocabulary.SAMPLING)
        return None if branch is None else SamplingResultView(branch)

    @property
    def estimation(self) -> EstimationResultView | None:
        """``result.estimation`` (``exp_value``, ``stds``), or None."""
        branch = self._result_branch(vocabulary.ESTIMATION)
        return None if branch is None else EstimationResultView(branch)

    def is_sampling(self) -> bool:
        """Whether this is a sampling job."""
        return self._job.get("job_type") == vocabulary.SAMPLING

    def is_estimation(self) -> bool:
        """Whether this is an estimation job."""
        return self._job.get("job_type") == vocabulary.ESTIMATION

    def is_multi_manual(self) -> bool:
        """Whether this is a multi_manual job."""
        return self._job.get("job_type") == vocabulary.MULTI_MANUAL

    def is_sse(self) -> bool:
        """Whether this is an SSE job."""
        return self._job.get("job_type") == vocabulary.SSE

    def load_archives(self) -> None:
        """Fetch every archive this result has not read yet (a blocking read each).

        The clients read ``input``, ``transpile_result`` and ``combined_program`` on first
        use; call this to have them all in hand (before going offline, say).
        """
        if isinstance(self._archives, LazyArchives):
            self._archives.load()

    async def load_archives_async(self) -> None:
        """:meth:`load_archives` for async code: never blocks the event loop.

        Results of the async client read archives lazily too; an attribute read before this
        fetches its archive with a short blocking request, so await this first in a loop.
        """
        if isinstance(self._archives, LazyArchives):
            await self._archives.aload()

    # --- serialisation ----------------------------------------------------------------------

    @property
    def raw(self) -> dict[str, Any]:
        """A copy of the job record (wire JSON; ``job_info`` holds only URLs and message)."""
        return copy.deepcopy(self._job)

    def to_dict(self) -> dict[str, Any]:
        """The versioned, self-describing document :meth:`save` writes.

        Returns:
            ``{"schema", "schema_version", "bit_order", "result_class", "job", "archives"}``
            (plus ``"sse_log_zip_base64"`` once an SSE log was fetched); plain JSON.
        """
        document: dict[str, Any] = {
            "schema": RESULT_SCHEMA,
            "schema_version": RESULT_SCHEMA_VERSION,
            "bit_order": BIT_ORDER,
            "result_class": type(self).__name__,
            "job": copy.deepcopy(self._job),
            "archives": copy.deepcopy(self._archives),
        }
        if self._log_bytes is not None:
            document["sse_log_zip_base64"] = base64.b64encode(self._log_bytes).decode("ascii")
        return document

    @classmethod
    def from_dict(cls, document: Mapping[str, Any], *, client: Any = None) -> OqtopusJobResult:
        """Rebuild a result from :meth:`to_dict` output.

        Called on the base class, the subclass is chosen by the job type; called on a
        subclass, that subclass is used.

        Args:
            document: The document.
            client: A client to bind (needed only for SSE logs not saved in the document).

        Returns:
            The result.

        Raises:
            ValueError: Not a result document, a newer schema version, another bit order, or
                a malformed job/archives part.
        """
        if not isinstance(document, Mapping) or document.get("schema") != RESULT_SCHEMA:
            found = document.get("schema") if isinstance(document, Mapping) else document
            raise ValueError(f"not an oqtopus-sdk job result document (schema {found!r})")
        version = document.get("schema_version")
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise ValueError(f"schema_version must be a positive int, got {version!r}")
        if version > RESULT_SCHEMA_VERSION:
            raise ValueError(
                f"schema_version {version} was written by a newer oqtopus-sdk; this one reads "
                f"up to {RESULT_SCHEMA_VERSION}"
            )
        if document.get("bit_order") != BIT_ORDER:
            raise ValueError(f"bit_order must be {BIT_ORDER!r}, got {document.get('bit_order')!r}")
        job = document.get("job")
        archives = document.get("archives", {})
        if not isinstance(job, Mapping):
            raise ValueError(f"job must be a JSON object, got {type(job).__name__}")
        if not isinstance(archives, Mapping):
            raise ValueError(f"archives must be a JSON object, got {type(archives).__name__}")
        from oqtopus_sdk.results import result_class_for

        target = result_class_for(job.get("job_type")) if cls is OqtopusJobResult else cls
        result = target._from_state(job, archives, log_fetcher_of(client))
        log = document.get("sse_log_zip_base64")
        if isinstance(log, str):
            try:
                result._log_bytes = base64.b64decode(log, validate=True)
            except ValueError as exc:
                raise ValueError(f"sse_log_zip_base64 is not valid base64: {exc}") from exc
        return result

    def save(self, path: str | os.PathLike[str], *, overwrite: bool = True) -> Path:
        """Write the result to a JSON file (atomically).

        Args:
            path: Destination file.
            overwrite: Replace an existing file (default) or refuse with ValueError.

        Returns:
            The path written.

        Raises:
            ValueError: The file exists and ``overwrite`` is False.
        """
        target = Path(path)
        if target.exists() and not overwrite:
            raise ValueError(f"The file already exists: {target}")
        document = self.to_dict()
        document["saved_at"] = _dt.datetime.now(_dt.UTC).isoformat()
        atomic_write(target, json.dumps(document, indent=2, ensure_ascii=False).encode())
        return target

    @classmethod
    def load(cls, path: str | os.PathLike[str], *, client: Any = None) -> OqtopusJobResult:
        """Read a result written by :meth:`save`.

        Args:
            path: The file.
            client: A client to bind.

        Returns:
            The result, typed by job type (see :meth:`from_dict`).

        Raises:
            FileNotFoundError: No such file.
            ValueError: Not valid JSON or not a result document; the message names the path.
        """
        source = Path(path)
        try:
            document = json.loads(source.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"{source} is not a JSON result file: {exc}") from exc
        try:
            return cls.from_dict(document, client=client)
        except ValueError as exc:
            raise ValueError(f"{source}: {exc}") from exc

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, OqtopusJobResult):
            return NotImplemented
        return (
            type(self) is type(other)
            and self._job == other._job
            and self._archives == other._archives
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        text = (
            f"{type(self).__name__}(job_id={self.job_id!r}, "
            f"job_type={self._job.get('job_type')!r}, status={self._job.get('status')!r}"
        )
        message = self.message
        if message:
            text += f", message={shorten(message, _REPR_MESSAGE_LIMIT)!r}"
        return text + ")"

    def _summary_lines(self) -> list[str]:
        return []

    def _summary_items(self) -> list[tuple[str, Any]]:
        """Extra ``(label, value)`` rows of the HTML summary (counts, expectation value)."""
        return []

    def _repr_html_(self) -> str:
        """A table for notebooks: status, timing, message and the main outcome."""
        return result_html(self)

    def __str__(self) -> str:
        return result_text(self)
