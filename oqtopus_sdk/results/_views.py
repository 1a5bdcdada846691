"""Plain-JSON helpers and the read-only views a result hands out.

The archive views take their field names from the generated archive TypedDicts
(:mod:`oqtopus_api.archive_documents`), so a field added to the API appears here without a
hand-kept list. They are looked up on first attribute access: importing results stays free
of the generated package (and of httpx behind it).
"""

from __future__ import annotations

import copy
import datetime as _dt
import functools
import threading
from collections.abc import Awaitable, Callable, Iterator, Mapping, MutableMapping
from typing import Any, ClassVar

from oqtopus_sdk import vocabulary


@functools.cache
def fields_of(document: str) -> dict[str, str]:
    """``{attribute: key}`` for every key of a generated archive TypedDict, by its name."""
    from oqtopus_api import archive_documents

    return {key: key for key in getattr(archive_documents, document).__annotations__}


class LazyArchives(MutableMapping[str, Any]):
    """Decoded job archives, some downloaded only when first read.

    The sync client fetches the ``result`` archive with the job and leaves ``input``,
    ``transpile_result`` and ``combined_program`` for first use, so reading counts costs one
    download instead of three. Reads are thread-safe; each archive is fetched at most once.

    Args:
        loaded: Archives already decoded, by ``job_info`` key.
        pending: ``job_info`` key -> presigned URL of archives not fetched yet.
        loader: ``loader(key, url)`` downloads and decodes one archive (blocking).
        async_loader: ``await async_loader(key, url)`` does the same without blocking an
            event loop (results of the async client): see :meth:`aload`.
    """

    def __init__(
        self,
        loaded: Mapping[str, Any],
        pending: Mapping[str, str],
        loader: Callable[[str, str], Any],
        async_loader: Callable[[str, str], Awaitable[Any]] | None = None,
    ) -> None:
        self._loaded: dict[str, Any] = dict(loaded)
        self._pending: dict[str, str] = dict(pending)
        self._loader = loader
        self._async_loader = async_loader
        self._lock = threading.Lock()

    def load(self) -> None:
        """Fetch every pending archive now (blocking)."""
        for key in list(self._pending):
            self[key]

    async def aload(self) -> None:
        """Fetch every pending archive without blocking the event loop."""
        if self._async_loader is None:
            self.load()
            return
        for key in list(self._pending):
            url = self._pending.get(key)
            if url is None:
                continue
            value = plain(await self._async_loader(key, url))
            with self._lock:
                if key in self._pending:
                    self._loaded[key] = value
                    del self._pending[key]

    def __getitem__(self, key: str) -> Any:
        if key in self._loaded:
            return self._loaded[key]
        with self._lock:
            if key not in self._loaded:
                url = self._pending.get(key)
                if url is None:
                    raise KeyError(key)
                self._loaded[key] = plain(self._loader(key, url))
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


def plain(value: Any) -> Any:
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
        return {str(key): plain(item) for key, item in value.items() if not is_unset(item)}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return plain(to_dict())
    model_dump = getattr(value, "model_dump", None)
    if callable(model_dump):
        return plain(model_dump(mode="json", exclude_none=True))
    raise TypeError(f"cannot store a {type(value).__name__} in a job result: {value!r}")


def is_unset(value: Any) -> bool:
    return type(value).__name__ == "Unset"


def parse_time(value: Any) -> _dt.datetime | None:
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


def duration(start: _dt.datetime | None, end: _dt.datetime | None) -> _dt.timedelta | None:
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
    _document: ClassVar[str | None] = None
    """Name of the generated archive TypedDict that lists the fields, if any."""
    _fields: ClassVar[Mapping[str, str]] = {}
    """attribute name -> key, besides the document's fields."""
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
        if key is None and self._document is not None:
            key = fields_of(self._document).get(name)
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
    _document: ClassVar[str | None] = "JobsS3SamplingResult"


class EstimationResultView(ResultView):
    """``result.estimation``: ``exp_value`` and ``stds``."""

    __slots__ = ()
    _document: ClassVar[str | None] = "JobsS3EstimationResult"


class JobResultView(ResultView):
    """The decoded ``result`` archive: ``sampling`` and/or ``estimation``."""

    __slots__ = ()
    _document: ClassVar[str | None] = "JobsS3JobResult"
    _nested: ClassVar[Mapping[str, type[ResultView]]] = {
        "sampling": SamplingResultView,
        "estimation": EstimationResultView,
    }


class TranspileResultView(ResultView):
    """The decoded ``transpile_result`` archive."""

    __slots__ = ()
    _document: ClassVar[str | None] = "JobsS3TranspileResult"


class InputView(ResultView):
    """The decoded ``input`` archive: ``program``, ``operator`` or ``sse_program``."""

    __slots__ = ()
    _document: ClassVar[str | None] = "JobsS3SubmitJobInfo"


class JobInfoView(ResultView):
    """``job_info`` with its archives resolved (``input_`` is an alias of ``input``)."""

    __slots__ = ()
    _fields: ClassVar[Mapping[str, str]] = {
        **{key: key for key in vocabulary.ARCHIVE_KEYS},
        "input_": vocabulary.ARCHIVE_INPUT,
        vocabulary.JOB_INFO_MESSAGE: vocabulary.JOB_INFO_MESSAGE,
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
