"""Job results: typed read-only views of a job record and its downloaded archives.

A result holds two plain-JSON parts, which makes it lossless to save and reload:

* the **job record** as the service returned it (``GET /jobs/{id}``), whose ``job_info`` keeps
  only URLs and ``message``;
* the **archives** the client downloaded and decoded: ``input``, ``result`` and
  ``transpile_result`` (JSON objects) and ``combined_program`` (OpenQASM text).

Reads never crash on what the server sends: an unknown ``status`` is kept as its string and
an unknown ``job_type`` gives the base :class:`OqtopusJobResult`.

Bit order: **classical bit 0 is the rightmost character** of every counts key.
"""

from __future__ import annotations

import base64
import copy
import datetime as _dt
import json
import os
import threading
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Final, Protocol, TypeVar

from .archives import sse_log_text
from .bitstrings import (
    BIT_ORDER,
    convert_sampling_counts_to_int_keys,
    divided_counts_with_int_keys,
)
from .constants import TERMINAL_STATUSES
from .device import is_url

if TYPE_CHECKING:
    from oqtopus_api.models import JobsJob, JobsJobStatus, JobsJobType

__all__ = [
    "ARCHIVE_KEYS",
    "RESULT_SCHEMA",
    "RESULT_SCHEMA_VERSION",
    "AsyncSseLogSource",
    "EstimationResultView",
    "InputView",
    "JobInfoView",
    "JobResultView",
    "OqtopusEstimationJobResult",
    "OqtopusJobResult",
    "OqtopusMultiManualJobResult",
    "OqtopusSamplingJobResult",
    "OqtopusSseJobResult",
    "ResultView",
    "SamplingResultView",
    "SseLogSource",
    "TranspileResultView",
    "result_class_for",
    "wrap_job",
]

RESULT_SCHEMA: Final = "oqtopus-sdk/job-result"
RESULT_SCHEMA_VERSION: Final = 1
ARCHIVE_KEYS: Final = ("input", "combined_program", "result", "transpile_result", "sse_log")
"""``job_info`` keys that name an archive (their value is a URL until resolved)."""

_JOB_TYPES: Final = ("sampling", "estimation", "multi_manual", "sse")
_STATUSES: Final = (
    "registered",
    "submitted",
    "ready",
    "running",
    "cancelling",
    "succeeded",
    "failed",
    "cancelled",
)
_TIMESTAMPS: Final = ("submitted_at", "ready_at", "running_at", "ended_at")
_COUNTS_SHOWN_IN_STR: Final = 8

R = TypeVar("R", bound="OqtopusJobResult")


class SseLogSource(Protocol):
    """What a synchronous client offers an SSE result: the raw log zip of a job."""

    def _fetch_sse_log_bytes(self, job_id: str) -> bytes: ...


class AsyncSseLogSource(Protocol):
    """What an asynchronous client offers an SSE result: the raw log zip of a job."""

    async def _fetch_sse_log_bytes(self, job_id: str) -> bytes: ...


# --- plain JSON helpers ----------------------------------------------------------------------


class LazyArchives(MutableMapping[str, Any]):
    """Decoded job archives, some downloaded only when first read.

    The sync client fetches the ``result`` archive with the job and leaves ``input``,
    ``transpile_result`` and ``combined_program`` for first use, so reading counts costs one
    download instead of three. Reads are thread-safe; each archive is fetched at most once.

    Args:
        loaded: Archives already decoded, by ``job_info`` key.
        pending: ``job_info`` key -> presigned URL of archives not fetched yet.
        loader: ``loader(key, url)`` downloads and decodes one archive.
    """

    def __init__(
        self,
        loaded: Mapping[str, Any],
        pending: Mapping[str, str],
        loader: Callable[[str, str], Any],
    ) -> None:
        self._loaded: dict[str, Any] = dict(loaded)
        self._pending: dict[str, str] = dict(pending)
        self._loader = loader
        self._lock = threading.Lock()

    def __getitem__(self, key: str) -> Any:
        if key in self._loaded:
            return self._loaded[key]
        with self._lock:
            if key not in self._loaded:
                url = self._pending.get(key)
                if url is None:
                    raise KeyError(key)
                self._loaded[key] = _plain(self._loader(key, url))
                del self._pending[key]
            return self._loaded[key]

    def __setitem__(self, key: str, value: Any) -> None:
        with self._lock:
            self._pending.pop(key, None)
            self._loaded[key] = value

    def __delitem__(self, key: str) -> None:
        with self._lock:
            if key in self._loaded:
                del self._loaded[key]
            else:
                del self._pending[key]

    def __iter__(self) -> Iterator[str]:
        with self._lock:
            return iter([*self._loaded, *self._pending])

    def __len__(self) -> int:
        return len(self._loaded) + len(self._pending)

    @property
    def pending(self) -> frozenset[str]:
        """Keys whose archive has not been downloaded yet."""
        return frozenset(self._pending)

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, Any]:
        # A copy is plain data: every archive is fetched first.
        return copy.deepcopy({key: self[key] for key in list(self)}, memo)

    def __repr__(self) -> str:
        return f"LazyArchives(loaded={sorted(self._loaded)}, pending={sorted(self._pending)})"


def _plain(value: Any) -> Any:
    """Turn models, views, datetimes and enums into plain JSON values (deep copy)."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        # an enum member (StrEnum or str-mixin Enum) becomes its plain value
        return value if type(value) is str else str(getattr(value, "value", value))
    if isinstance(value, _dt.datetime | _dt.date):
        return value.isoformat()
    if isinstance(value, ResultView):
        return value.to_dict()
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items() if not _is_unset(item)}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return _plain(to_dict())
    model_dump = getattr(value, "model_dump", None)
    if callable(model_dump):
        return _plain(model_dump(mode="json", exclude_none=True))
    raise TypeError(f"cannot store a {type(value).__name__} in a job result: {value!r}")


def _is_unset(value: Any) -> bool:
    return type(value).__name__ == "Unset"


def _parse_time(value: Any) -> _dt.datetime | None:
    if isinstance(value, _dt.datetime):
        parsed = value
    elif isinstance(value, str) and value:
        try:
            parsed = _dt.datetime.fromisoformat(value)
        except ValueError:
            try:
                from dateutil.parser import isoparse

                parsed = isoparse(value)
            except (ValueError, OverflowError):
                return None
    else:
        return None
    # The service reports UTC; a timestamp without an offset is read as UTC so that
    # durations between timestamps can always be computed.
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=_dt.UTC)


def _duration(start: _dt.datetime | None, end: _dt.datetime | None) -> _dt.timedelta | None:
    if start is None or end is None:
        return None
    return end - start


# --- read-only views -------------------------------------------------------------------------


class ResultView(Mapping[str, Any]):
    """A read-only mapping over part of a result, with attribute access to known fields.

    Both ``view["counts"]`` and ``view.counts`` work; a known field that is absent reads as
    None through attribute access. Nested objects are views too, other values are copies, so
    the result cannot be changed through a view. ``to_dict()`` returns a deep copy.
    """

    __slots__ = ("_data",)
    _fields: ClassVar[Mapping[str, str]] = {}
    """attribute name -> key."""
    _nested: ClassVar[Mapping[str, type[ResultView]]] = {}
    """key -> view class for a nested object."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self._data = data

    def _wrap(self, key: str, value: Any) -> Any:
        view = self._nested.get(key)
        if view is not None and isinstance(value, Mapping):
            return view(value)
        return copy.deepcopy(value)

    def __getitem__(self, key: str) -> Any:
        return self._wrap(key, self._data[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "_data":
            raise AttributeError(name)
        key = self._fields.get(name)
        if key is None:
            raise AttributeError(f"{type(self).__name__} has no field {name!r}")
        return self._wrap(key, self._data.get(key))

    def to_dict(self) -> dict[str, Any]:
        """A deep copy of the underlying JSON object."""
        return copy.deepcopy(dict(self._data))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict(self._data)!r})"


class SamplingResultView(ResultView):
    """``result.sampling``: ``counts`` and ``divided_counts`` (bitstring keys)."""

    __slots__ = ()
    _fields: ClassVar[Mapping[str, str]] = {"counts": "counts", "divided_counts": "divided_counts"}


class EstimationResultView(ResultView):
    """``result.estimation``: ``exp_value`` and ``stds``."""

    __slots__ = ()
    _fields: ClassVar[Mapping[str, str]] = {"exp_value": "exp_value", "stds": "stds"}


class JobResultView(ResultView):
    """The decoded ``result`` archive: ``sampling`` and/or ``estimation``."""

    __slots__ = ()
    _fields: ClassVar[Mapping[str, str]] = {"sampling": "sampling", "estimation": "estimation"}
    _nested: ClassVar[Mapping[str, type[ResultView]]] = {
        "sampling": SamplingResultView,
        "estimation": EstimationResultView,
    }


class TranspileResultView(ResultView):
    """The decoded ``transpile_result`` archive."""

    __slots__ = ()
    _fields: ClassVar[Mapping[str, str]] = {
        "transpiled_program": "transpiled_program",
        "stats": "stats",
        "virtual_physical_mapping": "virtual_physical_mapping",
    }


class InputView(ResultView):
    """The decoded ``input`` archive: ``program``, ``operator`` or ``sse_program``."""

    __slots__ = ()
    _fields: ClassVar[Mapping[str, str]] = {
        "program": "program",
        "operator": "operator",
        "sse_program": "sse_program",
    }


class JobInfoView(ResultView):
    """``job_info`` with its archives resolved (``input_`` is an alias of ``input``)."""

    __slots__ = ()
    _fields: ClassVar[Mapping[str, str]] = {
        "input": "input",
        "input_": "input",
        "combined_program": "combined_program",
        "result": "result",
        "transpile_result": "transpile_result",
        "sse_log": "sse_log",
        "message": "message",
    }
    _nested: ClassVar[Mapping[str, type[ResultView]]] = {
        "input": InputView,
        "result": JobResultView,
        "transpile_result": TranspileResultView,
    }

    def to_dict(self) -> dict[str, Any]:
        """A deep copy, plus 1.3.0's legacy top-level ``program``/``operator`` and ``message``."""
        data = super().to_dict()
        source = data.get("input")
        if isinstance(source, Mapping):
            for key in ("program", "operator"):
                if key not in data and key in source:
                    data[key] = copy.deepcopy(source[key])
        data.setdefault("message", None)
        return data


# --- results ---------------------------------------------------------------------------------


def _enum_or_str(kind: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    from oqtopus_api.models import JobsJobStatus, JobsJobType

    enum = JobsJobType if kind == "job_type" else JobsJobStatus
    try:
        return enum(value)
    except ValueError:
        return value  # a value this SDK does not know yet: keep it readable


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
        client: The client that produced this result (used by SSE log helpers).

    Raises:
        ValueError: ``job_type`` or ``status`` is not a known value (values read from the
            server are never rejected: see :func:`wrap_job`).
    """

    _job: dict[str, Any]
    _archives: MutableMapping[str, Any]
    _client: Any

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
        if type_value not in _JOB_TYPES:
            raise ValueError(f"Invalid job_type: {job_type!r} (expected one of {_JOB_TYPES})")
        status_value = getattr(status, "value", status)
        if status_value not in _STATUSES:
            raise ValueError(f"Invalid status: {status!r} (expected one of {_STATUSES})")
        info = _plain(job_info) if job_info is not None else {}
        if not isinstance(info, dict):
            raise ValueError(f"job_info must be a mapping, got {type(job_info).__name__}")
        if transpile_result is not None:
            info["transpile_result"] = _plain(transpile_result)
        if message is not None:
            info["message"] = message
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
            {key: _plain(value) for key, value in record.items() if value is not None}, {}, client
        )

    def _set_state(
        self, job: dict[str, Any], archives: MutableMapping[str, Any], client: Any
    ) -> None:
        info = job.get("job_info")
        if isinstance(info, dict):
            # Content lives in the archives; job_info keeps only URLs and the message.
            for key in ARCHIVE_KEYS:
                value = info.get(key)
                if value is not None and not is_url(value):
                    archives.setdefault(key, info.pop(key))
        self._job = job
        self._archives = archives
        self._client = client
        self._log_bytes: bytes | None = None

    @classmethod
    def _from_state(
        cls: type[R], job: Mapping[str, Any], archives: Mapping[str, Any], client: Any = None
    ) -> R:
        result = cls.__new__(cls)
        plain = archives if isinstance(archives, LazyArchives) else _plain(archives)
        result._set_state(_plain(job), plain, client)
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
        record = _plain(job)
        if not isinstance(record, dict):
            raise ValueError(f"job must be a JobsJob or a mapping, got {type(job).__name__}")
        required = ("job_id", "job_type", "status", "name", "device_id", "shots", "job_info")
        missing = [key for key in required if record.get(key) is None]
        if missing:
            raise ValueError(f"Job payload is missing required fields: {', '.join(missing)}")
        if record["job_type"] not in _JOB_TYPES:
            raise ValueError(f"Invalid job_type: {record['job_type']!r}")
        if record["status"] not in _STATUSES:
            raise ValueError(f"Invalid status: {record['status']!r}")
        return cls._from_state(record, {}, client)

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
        return self._job.get("status") in TERMINAL_STATUSES

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
        return _parse_time(self._job.get("submitted_at"))

    @property
    def ready_at(self) -> _dt.datetime | None:
        """When the backend took the job."""
        return _parse_time(self._job.get("ready_at"))

    @property
    def running_at(self) -> _dt.datetime | None:
        """When execution started."""
        return _parse_time(self._job.get("running_at"))

    @property
    def ended_at(self) -> _dt.datetime | None:
        """When the job ended."""
        return _parse_time(self._job.get("ended_at"))

    @property
    def queued_for(self) -> _dt.timedelta | None:
        """Time from submission until execution started (``running_at - submitted_at``)."""
        return _duration(self.submitted_at, self.running_at)

    @property
    def ran_for(self) -> _dt.timedelta | None:
        """Time from execution start to the end (``ended_at - running_at``)."""
        return _duration(self.running_at, self.ended_at)

    @property
    def turnaround(self) -> _dt.timedelta | None:
        """Time from submission to the end (``ended_at - submitted_at``)."""
        return _duration(self.submitted_at, self.ended_at)

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
        value = self._archives.get("input")
        return InputView(value) if isinstance(value, Mapping) else None

    @property
    def combined_program(self) -> str | None:
        """The combined OpenQASM program of a multi_manual job."""
        value = self._archives.get("combined_program")
        return value if isinstance(value, str) else None

    @property
    def message(self) -> str | None:
        """``job_info.message``: the service's failure or status message."""
        info = self._job.get("job_info")
        value = info.get("message") if isinstance(info, Mapping) else None
        return value if isinstance(value, str) else None

    @property
    def transpile_result(self) -> TranspileResultView | None:
        """The decoded ``transpile_result`` (attribute or key access), or None."""
        value = self._archives.get("transpile_result")
        return TranspileResultView(value) if isinstance(value, Mapping) else None

    def _result_branch(self, key: str) -> Mapping[str, Any] | None:
        result = self._archives.get("result")
        branch = result.get(key) if isinstance(result, Mapping) else None
        return branch if isinstance(branch, Mapping) else None

    @property
    def sampling(self) -> SamplingResultView | None:
        """``result.sampling`` (``counts``, ``divided_counts``), or None."""
        branch = self._result_branch("sampling")
        return None if branch is None else SamplingResultView(branch)

    @property
    def estimation(self) -> EstimationResultView | None:
        """``result.estimation`` (``exp_value``, ``stds``), or None."""
        branch = self._result_branch("estimation")
        return None if branch is None else EstimationResultView(branch)

    def is_sampling(self) -> bool:
        """Whether this is a sampling job."""
        return self._job.get("job_type") == "sampling"

    def is_estimation(self) -> bool:
        """Whether this is an estimation job."""
        return self._job.get("job_type") == "estimation"

    def is_multi_manual(self) -> bool:
        """Whether this is a multi_manual job."""
        return self._job.get("job_type") == "multi_manual"

    def is_sse(self) -> bool:
        """Whether this is an SSE job."""
        return self._job.get("job_type") == "sse"

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
        target = result_class_for(job.get("job_type")) if cls is OqtopusJobResult else cls
        result = target._from_state(job, archives, client)
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
        _atomic_write(target, json.dumps(document, indent=2, ensure_ascii=False).encode())
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
        return (
            f"{type(self).__name__}(job_id={self.job_id!r}, "
            f"job_type={self._job.get('job_type')!r}, status={self._job.get('status')!r})"
        )

    def _summary_lines(self) -> list[str]:
        return []

    def __str__(self) -> str:
        job_type = self._job.get("job_type", "job")
        title = f"{job_type} job {self.job_id}"
        if self.name:
            title += f" {self.name!r}"
        lines = [title]
        where = f"on {self.device_id}" if self.device_id else "device unknown"
        shots = f", {self.shots} shots" if self.shots is not None else ""
        lines.append(f"  status: {self._job.get('status')} ({where}{shots})")
        timing = []
        if self.submitted_at is not None:
            timing.append(f"submitted {self.submitted_at.isoformat()}")
        for label, span in (
            ("queued", self.queued_for),
            ("ran", self.ran_for),
            ("turnaround", self.turnaround),
        ):
            if span is not None:
                timing.append(f"{label} {span.total_seconds():.3f} s")
        if self.execution_time is not None:
            timing.append(f"execution_time {self.execution_time:.3f} s")
        if timing:
            lines.append("  " + ", ".join(timing))
        if self.message:
            lines.append(f"  message: {self.message}")
        lines.extend(self._summary_lines())
        return "\n".join(lines)


def _atomic_write(target: Path, data: bytes) -> None:
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


def _counts_summary(counts: Mapping[str, Any], label: str = "counts") -> str:
    items = sorted(counts.items(), key=lambda item: (-_sort_count(item[1]), item[0]))
    shown = ", ".join(f"{key}: {value}" for key, value in items[:_COUNTS_SHOWN_IN_STR])
    more = len(items) - _COUNTS_SHOWN_IN_STR
    return f"  {label}: {{{shown}{f', ... {more} more' if more > 0 else ''}}}"


def _sort_count(value: Any) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


class OqtopusSamplingJobResult(OqtopusJobResult):
    """Result of a sampling job: counts keyed by bitstring (bit 0 = rightmost character)."""

    def get_counts(self) -> dict[str, Any]:
        """Counts with the original bitstring keys (``{}`` when there are none)."""
        sampling = self._result_branch("sampling")
        counts = sampling.get("counts") if sampling is not None else None
        if not isinstance(counts, Mapping):
            return {}
        return {str(key): value for key, value in counts.items()}

    def counts_with_integer_keys(self) -> dict[str, Any]:
        """``{"counts": {int: n}, "divided_counts": {int_index: {int: n}}}``.

        Raises:
            ValueError: A key is not a bitstring, or two keys have the same value.
        """
        return convert_sampling_counts_to_int_keys(self._result_branch("sampling"))

    def _summary_lines(self) -> list[str]:
        counts = self.get_counts()
        return [_counts_summary(counts)] if counts else []


class OqtopusMultiManualJobResult(OqtopusSamplingJobResult):
    """Result of a multi_manual job: combined counts plus ``divided_counts`` per circuit."""

    def get_divided_counts(self) -> dict[str, dict[int, Any]]:
        """Each circuit's counts with integer keys, keyed by circuit index **as a str**.

        Raises:
            ValueError: A key is not a bitstring, or two keys have the same value.
        """
        sampling = self._result_branch("sampling")
        return divided_counts_with_int_keys(sampling.get("divided_counts") if sampling else None)

    def _summary_lines(self) -> list[str]:
        lines = super()._summary_lines()
        sampling = self._result_branch("sampling")
        divided = sampling.get("divided_counts") if sampling else None
        if isinstance(divided, Mapping):
            for index, counts in divided.items():
                if isinstance(counts, Mapping):
                    lines.append(_counts_summary(counts, f"circuit {index}"))
        return lines


class OqtopusEstimationJobResult(OqtopusJobResult):
    """Result of an estimation job: the expectation value and its standard deviation."""

    def _number(self, key: str) -> float | None:
        branch = self._result_branch("estimation")
        value = branch.get(key) if branch is not None else None
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        return float(value)

    def get_exp_value(self) -> float | None:
        """The expectation value, or None."""
        return self._number("exp_value")

    def get_stds(self) -> float | None:
        """The standard deviation of the expectation value, or None."""
        return self._number("stds")

    @property
    def exp_value(self) -> float | None:
        """Alias of :meth:`get_exp_value`."""
        return self.get_exp_value()

    @property
    def stds(self) -> float | None:
        """Alias of :meth:`get_stds`."""
        return self.get_stds()

    def _summary_lines(self) -> list[str]:
        if self.exp_value is None:
            return []
        spread = f" ± {self.stds}" if self.stds is not None else ""
        return [f"  exp_value: {self.exp_value}{spread}"]


class OqtopusSseJobResult(OqtopusJobResult):
    """Result of an SSE job: the inner job's result plus the container log."""

    def get_job_result(self) -> OqtopusJobResult:
        """Re-wrap this job by what its result holds.

        Returns:
            A multi_manual result when ``divided_counts`` is present, a sampling result for
            sampling counts, an estimation result for an expectation value, else the base
            result. The job record (``job_type`` ``sse``) and the client are kept.
        """
        sampling = self._result_branch("sampling")
        target: type[OqtopusJobResult]
        if sampling is not None:
            divided = sampling.get("divided_counts")
            target = (
                OqtopusMultiManualJobResult if divided is not None else OqtopusSamplingJobResult
            )
        elif self._result_branch("estimation") is not None:
            target = OqtopusEstimationJobResult
        else:
            target = OqtopusJobResult
        return target._from_state(self._job, self._archives, self._client)

    # --- log access -------------------------------------------------------------------------

    def _inline_log(self) -> bytes | None:
        value = self._archives.get("sse_log")
        return value.encode("utf-8") if isinstance(value, str) else None

    def _require_fetch(self) -> tuple[str, Callable[[str], Any]]:
        if self.job_id is None:
            raise ValueError("job_id is required for SSE log operations.")
        fetch = getattr(self._client, "_fetch_sse_log_bytes", None)
        if self._client is None or not callable(fetch):
            raise ValueError("SSE log operations require a client-bound OqtopusSseJobResult.")
        return self.job_id, fetch

    def _log_archive(self) -> bytes:
        if self._log_bytes is not None:
            return self._log_bytes
        inline = self._inline_log()
        if inline is not None:
            return inline
        job_id, fetch = self._require_fetch()
        if _is_async(fetch):
            raise RuntimeError(
                "this result is bound to an AsyncOqtopusClient: use "
                "`await result.download_log_async()` (or read_log_text_async/show_log_async)"
            )
        data = fetch(job_id)
        self._log_bytes = _check_bytes(data)
        return self._log_bytes

    async def _log_archive_async(self) -> bytes:
        if self._log_bytes is not None:
            return self._log_bytes
        inline = self._inline_log()
        if inline is not None:
            return inline
        job_id, fetch = self._require_fetch()
        if _is_async(fetch):
            data = await fetch(job_id)
        else:
            import asyncio

            data = await asyncio.to_thread(fetch, job_id)
        self._log_bytes = _check_bytes(data)
        return self._log_bytes

    def _deliver(
        self,
        archive: bytes,
        *,
        save_dir: str | os.PathLike[str] | None,
        file_name: str | None,
        overwrite: bool,
        persist: bool,
    ) -> bytes | str:
        if not persist:
            return archive
        return _write_log(
            archive,
            save_dir=save_dir,
            file_name=file_name or f"sselog_{self.job_id}.log",
            overwrite=overwrite,
        )

    @staticmethod
    def _check_persist_args(
        save_dir: object, file_name: object, overwrite: bool, persist: bool
    ) -> None:
        if not persist and (save_dir is not None or file_name is not None or overwrite):
            raise ValueError("save_dir/file_name/overwrite require persist=True.")

    def download_log(
        self,
        *,
        save_dir: str | os.PathLike[str] | None = None,
        file_name: str | None = None,
        overwrite: bool = False,
        persist: bool = False,
    ) -> bytes | str:
        """Get the SSE log archive (a zip) through the bound client.

        Args:
            save_dir: Directory to write to when ``persist`` (default: the current one).
            file_name: File name when ``persist`` (default ``sselog_<job_id>.log``); must be
                a plain name that stays inside ``save_dir``.
            overwrite: Replace an existing file when ``persist``.
            persist: Write the archive to a file and return its path instead of the bytes.

        Returns:
            The zip bytes, or with ``persist`` the written file's path.

        Raises:
            ValueError: Save options without ``persist``, no bound client, a bad directory
                or file name, or an existing file without ``overwrite``.
            RuntimeError: The result is bound to an async client (use the ``_async`` twin).
            ResponseValidationError: The job has no SSE log (raised by the client).
        """
        self._check_persist_args(save_dir, file_name, overwrite, persist)
        return self._deliver(
            self._log_archive(),
            save_dir=save_dir,
            file_name=file_name,
            overwrite=overwrite,
            persist=persist,
        )

    async def download_log_async(
        self,
        *,
        save_dir: str | os.PathLike[str] | None = None,
        file_name: str | None = None,
        overwrite: bool = False,
        persist: bool = False,
    ) -> bytes | str:
        """Async twin of :meth:`download_log` (works with sync and async clients)."""
        self._check_persist_args(save_dir, file_name, overwrite, persist)
        archive = await self._log_archive_async()
        if not persist:
            return archive
        import asyncio

        return await asyncio.to_thread(
            self._deliver,
            archive,
            save_dir=save_dir,
            file_name=file_name,
            overwrite=overwrite,
            persist=persist,
        )

    def read_log_text(self, *, encoding: str = "utf-8", errors: str = "replace") -> str:
        """The SSE log as text: every zip entry under a ``===== <name> =====`` header.

        Args:
            encoding: Text encoding of the log.
            errors: Decoding error handler.

        Returns:
            The text (raw bytes decoded when the archive is not a zip).
        """
        return sse_log_text(self._log_archive(), encoding=encoding, errors=errors)

    async def read_log_text_async(self, *, encoding: str = "utf-8", errors: str = "replace") -> str:
        """Async twin of :meth:`read_log_text`."""
        return sse_log_text(await self._log_archive_async(), encoding=encoding, errors=errors)

    def show_log(
        self,
        *,
        encoding: str = "utf-8",
        errors: str = "replace",
        print_fn: Callable[[str], Any] = print,
    ) -> str:
        """Print the SSE log text with ``print_fn`` and return it."""
        text = self.read_log_text(encoding=encoding, errors=errors)
        print_fn(text)
        return text

    async def show_log_async(
        self,
        *,
        encoding: str = "utf-8",
        errors: str = "replace",
        print_fn: Callable[[str], Any] = print,
    ) -> str:
        """Async twin of :meth:`show_log`."""
        text = await self.read_log_text_async(encoding=encoding, errors=errors)
        print_fn(text)
        return text

    def _summary_lines(self) -> list[str]:
        inner = self.get_job_result()
        return inner._summary_lines() if type(inner) is not OqtopusJobResult else []


def _is_async(function: Callable[..., Any]) -> bool:
    import inspect  # imported on use: it costs more than the rest of this module

    return inspect.iscoroutinefunction(function)


def _check_bytes(data: Any) -> bytes:
    if isinstance(data, bytes | bytearray | memoryview):
        return bytes(data)
    raise TypeError(f"_fetch_sse_log_bytes must return bytes, got {type(data).__name__}")


def _write_log(
    archive: bytes, *, save_dir: str | os.PathLike[str] | None, file_name: str, overwrite: bool
) -> str:
    directory = Path.cwd() if save_dir is None else Path(save_dir)
    if not directory.exists():
        raise ValueError(f"The destination path does not exist: {directory}")
    if not directory.is_dir():
        raise ValueError(f"The destination path is not a directory: {directory}")
    if (
        not isinstance(file_name, str)
        or file_name in ("", ".", "..")
        or "/" in file_name
        or "\\" in file_name
        or "\x00" in file_name
        or Path(file_name).is_absolute()
    ):
        raise ValueError(
            f"file_name must be a plain file name that stays inside save_dir, got {file_name!r}"
        )
    target = directory / file_name
    if overwrite:
        _atomic_write(target, archive)
    else:
        try:
            with target.open("xb") as handle:
                handle.write(archive)
        except FileExistsError:
            raise ValueError(f"The file already exists: {target}") from None
    return str(target)


_CLASS_BY_TYPE: Final[dict[str, type[OqtopusJobResult]]] = {
    "sampling": OqtopusSamplingJobResult,
    "estimation": OqtopusEstimationJobResult,
    "multi_manual": OqtopusMultiManualJobResult,
    "sse": OqtopusSseJobResult,
}


def result_class_for(job_type: object) -> type[OqtopusJobResult]:
    """The result class for a job type (the base class for an unknown or missing type)."""
    key = getattr(job_type, "value", job_type)
    return _CLASS_BY_TYPE.get(key, OqtopusJobResult) if isinstance(key, str) else OqtopusJobResult


def wrap_job(
    job: Mapping[str, Any],
    resolved: Mapping[str, Any],
    *,
    client: Any = None,
    pending: Mapping[str, str] | None = None,
    loader: Callable[[str, str], Any] | None = None,
) -> OqtopusJobResult:
    """Wrap a raw job record and its decoded archives in the result class for its type.

    Server data is never rejected for values this SDK does not know: an unknown status stays
    a str, an unknown job_type (or a registered job with none) gives the base class.

    Args:
        job: The job JSON as the service returned it (``GET /jobs/{id}``).
        resolved: Decoded archives by ``job_info`` key: ``{"input": {...}, "result": {...},
            "transpile_result": {...}, "combined_program": "..."}``. URL or None values are
            ignored; other keys (such as ``message``) are ignored too.
        client: The client to bind (SSE log helpers use it).
        pending: ``job_info`` key -> URL of archives to fetch on first read, with ``loader``.
        loader: ``loader(key, url)`` downloads and decodes one pending archive.

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
        if key in ARCHIVE_KEYS and value is not None and not is_url(value)
    }
    if pending and loader is not None:
        lazy = LazyArchives(_plain(archives), pending, loader)
        return result_class_for(job.get("job_type"))._from_state(job, lazy, client)
    return result_class_for(job.get("job_type"))._from_state(job, archives, client)
