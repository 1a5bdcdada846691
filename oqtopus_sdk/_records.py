"""Readable job records: the generated job models with a short, safe ``repr``.

The client returns generated attrs models (``JobsJob``, ``JobsRegisterJobResponse``,
``JobsGetJobStatusResponse``), whose default ``repr`` shows every field, ``Unset`` markers,
presigned download URLs with their signatures and, for a registered job, the upload
credentials. The generated code is never edited: the subclasses here only override
``__repr__`` (plus ``_repr_html_`` and an equality that treats a record and its base model
alike). The ``as_*`` functions re-class a parsed model in place, with no copy:
``isinstance(record, JobsJob)`` stays true and ``to_dict()`` is unchanged.

Pickling and copying go through ``to_dict()`` / ``from_dict()``: the generated ``Unset``
marker is not a singleton once pickled, so a plain pickled model no longer compares equal to
its original; a record does.

What a repr never shows: URL queries (signatures, tokens), upload form field values
(``AWSAccessKeyId``, ``policy``, ``signature``, ``x-amz-security-token``...) and ``Unset``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final, TypeVar, cast

import attrs

from oqtopus_api.models import JobsGetJobStatusResponse, JobsJob, JobsRegisterJobResponse
from oqtopus_sdk._display import html_table, redact_url, shorten, text_of

__all__ = [
    "JobList",
    "JobRecord",
    "JobStatusRecord",
    "RegisteredJob",
    "as_job_list",
    "as_job_record",
    "as_job_status",
    "as_registered",
]

M = TypeVar("M")
_MESSAGE_LIMIT: Final = 80
_JOB_COLUMNS: Final = ("job id", "name", "type", "status", "device", "submitted")


def _is_set(value: Any) -> bool:
    return value is not None and type(value).__name__ != "Unset"


def _fields_equal(left: Any, right: Any, base: type) -> bool:
    return all(
        getattr(left, field.name) == getattr(right, field.name) for field in attrs.fields(base)
    )


def _rebuild(cls: type[Any], data: dict[str, Any]) -> Any:
    """Unpickle a record through ``from_dict`` (keeps the generated ``UNSET`` singleton)."""
    return cls.from_dict(data)


def _reclass(model: Any, base: type, target: type[M]) -> M:
    if isinstance(model, target):
        return model
    if type(model) is not base:
        raise TypeError(f"expected a {base.__name__}, got {type(model).__name__}")
    model.__class__ = target  # same slots layout: the subclasses add no state
    return cast(M, model)


class JobRecord(JobsJob):
    """A ``JobsJob`` whose ``repr`` is one short line, without URLs or ``Unset``."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, JobsJob):
            return NotImplemented
        return _fields_equal(self, other, JobsJob)

    __hash__ = None

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.to_dict()))

    def _message(self) -> str | None:
        info = self.job_info
        if not _is_set(info):
            return None
        value = getattr(info, "message", None)
        return value if isinstance(value, str) and value else None

    def __repr__(self) -> str:
        parts = [f"job_id={text_of(self.job_id)!r}"]
        for label, value in (
            ("name", self.name),
            ("job_type", self.job_type),
            ("status", self.status),
            ("device_id", self.device_id),
        ):
            if _is_set(value) and value != "":
                parts.append(f"{label}={shorten(text_of(value), 40)!r}")
        if _is_set(self.submitted_at):
            parts.append(f"submitted_at={text_of(self.submitted_at)!r}")
        message = self._message()
        if message is not None:
            parts.append(f"message={shorten(message, _MESSAGE_LIMIT)!r}")
        return f"JobRecord({', '.join(parts)})"

    def _row(self) -> tuple[Any, ...]:
        return (
            self.job_id,
            shorten(text_of(self.name), 40),
            self.job_type,
            self.status,
            self.device_id,
            self.submitted_at,
        )

    def _repr_html_(self) -> str:
        return html_table(_JOB_COLUMNS, [self._row()])


class RegisteredJob(JobsRegisterJobResponse):
    """A ``JobsRegisterJobResponse`` whose ``repr`` hides the upload credentials.

    Only the upload URL's scheme, host and path show, and the names of the form fields.
    """

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, JobsRegisterJobResponse):
            return NotImplemented
        return _fields_equal(self, other, JobsRegisterJobResponse)

    __hash__ = None

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.to_dict()))

    def __repr__(self) -> str:
        target = self.presigned_url
        url = getattr(target, "url", None)
        shown = redact_url(url) if isinstance(url, str) else "-"
        fields = getattr(target, "fields", None)
        names: list[str] = []
        if fields is not None:
            to_dict = getattr(fields, "to_dict", None)
            data = to_dict() if callable(to_dict) else {}
            names = sorted(str(key) for key in data)
        hidden = f", upload_fields={len(names)} hidden" if names else ""
        return f"RegisteredJob(job_id={self.job_id!r}, upload_to={shown!r}{hidden})"


class JobStatusRecord(JobsGetJobStatusResponse):
    """A ``JobsGetJobStatusResponse`` with a one-line ``repr``."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, JobsGetJobStatusResponse):
            return NotImplemented
        return _fields_equal(self, other, JobsGetJobStatusResponse)

    __hash__ = None

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.to_dict()))

    def __repr__(self) -> str:
        return f"JobStatusRecord(job_id={self.job_id!r}, status={text_of(self.status)!r})"


class JobList(list[JobsJob]):
    """A list of job records that renders as a table in a notebook."""

    def _repr_html_(self) -> str:
        rows = [as_job_record(job)._row() for job in self if isinstance(job, JobsJob)]
        return html_table(_JOB_COLUMNS, rows, caption=f"{len(self)} jobs")


def as_job_record(model: JobsJob) -> JobRecord:
    """Give a parsed ``JobsJob`` the short repr, in place (no copy).

    Args:
        model: A ``JobsJob`` (a ``JobRecord`` is returned as is).

    Returns:
        The same object, now a ``JobRecord`` (still a ``JobsJob``; ``to_dict()`` unchanged).

    Raises:
        TypeError: ``model`` is another type (a subclass of ``JobsJob`` other than
            ``JobRecord`` is refused rather than re-classed).
    """
    return _reclass(model, JobsJob, JobRecord)


def as_registered(model: JobsRegisterJobResponse) -> RegisteredJob:
    """Give a parsed ``JobsRegisterJobResponse`` a repr without credentials, in place.

    Args:
        model: The response of ``POST /jobs``.

    Returns:
        The same object, now a ``RegisteredJob``.

    Raises:
        TypeError: ``model`` is another type.
    """
    return _reclass(model, JobsRegisterJobResponse, RegisteredJob)


def as_job_status(model: JobsGetJobStatusResponse) -> JobStatusRecord:
    """Give a parsed ``JobsGetJobStatusResponse`` a one-line repr, in place.

    Args:
        model: The response of ``GET /jobs/{id}/status``.

    Returns:
        The same object, now a ``JobStatusRecord``.

    Raises:
        TypeError: ``model`` is another type.
    """
    return _reclass(model, JobsGetJobStatusResponse, JobStatusRecord)


def as_job_list(models: Iterable[JobsJob]) -> JobList:
    """Collect job records into a :class:`JobList`, each re-classed by :func:`as_job_record`.

    Args:
        models: ``JobsJob`` models as parsed from ``GET /jobs``.

    Returns:
        A new list (the models themselves are not copied).

    Raises:
        TypeError: An item is not a ``JobsJob``.
    """
    return JobList(as_job_record(model) for model in models)
