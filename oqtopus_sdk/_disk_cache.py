"""Finished job results on disk: one JSON file per job id, bounded, least recently used out.

A job that reached a terminal status never changes (its record and archives are immutable),
so its result document (:meth:`OqtopusJobResult.to_dict`) is written once and read from disk
afterwards, also by later processes. Layout: ``<directory>/<job_id>.json``, written through a
temporary file and ``os.replace`` so a crash never leaves half a file under the real name.

Reads touch the file's modification time; when the directory grows past ``max_bytes`` the
files with the oldest modification time are removed first (LRU). A file that cannot be read
or is not a result document is deleted and reported as a miss, so the caller fetches the job
again.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from oqtopus_sdk.config import OqtopusConfig
    from oqtopus_sdk.results import OqtopusJobResult

__all__ = ["RESULT_SCHEMA", "DiskCache", "disk_cache_for", "load_result", "save_result"]

logger = logging.getLogger("oqtopus_sdk")

RESULT_SCHEMA: Final = "oqtopus-sdk/job-result"
"""The ``schema`` value of a result document (see ``oqtopus_sdk.results._base``)."""
_SUFFIX: Final = ".json"
_MAX_ID_LENGTH: Final = 200


def _check_job_id(job_id: object) -> str:
    if not isinstance(job_id, str):
        raise TypeError(f"job_id must be a str, got {type(job_id).__name__}")
    if (
        not job_id
        or len(job_id) > _MAX_ID_LENGTH
        or job_id.startswith(".")
        or any(not (c.isalnum() or c in "-_.") for c in job_id)
    ):
        raise ValueError(
            f"job_id {job_id!r} cannot name a cache file (letters, digits, '-', '_', '.' only)"
        )
    return job_id


class DiskCache:
    """Result documents of finished jobs, one JSON file per job id.

    Thread-safe within a process; several processes may share a directory (every write is an
    atomic rename, and a file removed by another process's eviction is just a miss).

    Args:
        directory: Where the files live (created on first write).
        max_bytes: Size cap of all entries together; None: no cap. After each write the
            least recently used entries are removed until the total fits (the entry just
            written is kept even when it alone is larger).

    Raises:
        ValueError: ``max_bytes`` is not a positive int.
    """

    def __init__(self, directory: str | os.PathLike[str], max_bytes: int | None = None) -> None:
        if max_bytes is not None and (
            isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0
        ):
            raise ValueError(f"max_bytes must be a positive int or None, got {max_bytes!r}")
        self.directory = Path(directory)
        self.max_bytes = max_bytes
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"DiskCache({str(self.directory)!r}, max_bytes={self.max_bytes!r})"

    def path_of(self, job_id: str) -> Path:
        """The file that holds (or would hold) a job's document.

        Raises:
            TypeError / ValueError: ``job_id`` is not a str usable as a file name.
        """
        return self.directory / (_check_job_id(job_id) + _SUFFIX)

    def get(self, job_id: str) -> dict[str, Any] | None:
        """The stored document of a job, or None (never stored, evicted, or corrupt).

        A corrupt entry (unreadable, not JSON, not a result document of that job) is deleted.

        Raises:
            TypeError / ValueError: ``job_id`` is not a str usable as a file name.
        """
        path = self.path_of(job_id)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            logger.warning("result cache: cannot read %s: %s", path, exc)
            return None
        try:
            document = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            document = None
        if not self._valid(document, job_id):
            logger.warning("result cache: discarding corrupt entry %s", path)
            path.unlink(missing_ok=True)
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: evicted last
        assert isinstance(document, dict)
        return document

    @staticmethod
    def _valid(document: object, job_id: str) -> bool:
        if not isinstance(document, dict) or document.get("schema") != RESULT_SCHEMA:
            return False
        job = document.get("job")
        return isinstance(job, dict) and job.get("job_id") == job_id

    def put(self, job_id: str, document: Mapping[str, Any]) -> Path:
        """Store a job's result document (atomically), then evict down to ``max_bytes``.

        Args:
            job_id: The job.
            document: ``OqtopusJobResult.to_dict()`` of a finished job.

        Returns:
            The file written.

        Raises:
            TypeError / ValueError: a bad ``job_id``, a document that is not a result
                document of that job, or one that is not JSON-serialisable.
            OSError: the directory cannot be written.
        """
        path = self.path_of(job_id)
        plain = dict(document) if isinstance(document, Mapping) else document
        if not self._valid(plain, job_id):
            raise ValueError(
                f"not a result document of job {job_id} (expected OqtopusJobResult.to_dict())"
            )
        try:
            data = json.dumps(plain, ensure_ascii=False, allow_nan=False).encode()
        except (TypeError, ValueError) as exc:
            raise ValueError(f"result document of job {job_id} is not JSON: {exc}") from exc
        from oqtopus_sdk.results._support import atomic_write

        self.directory.mkdir(parents=True, exist_ok=True)
        atomic_write(path, data)
        if self.max_bytes is not None:
            self.evict(keep=path)
        return path

    def discard(self, job_id: str) -> None:
        """Forget a job's document (no error when there is none)."""
        self.path_of(job_id).unlink(missing_ok=True)

    def size(self) -> int:
        """Bytes used by all entries."""
        return sum(size for _, _, size in self._entries())

    def _entries(self) -> list[tuple[float, Path, int]]:
        found: list[tuple[float, Path, int]] = []
        try:
            names = os.listdir(self.directory)
        except FileNotFoundError:
            return found
        for name in names:
            if not name.endswith(_SUFFIX) or name.startswith("."):
                continue
            path = self.directory / name
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue
            found.append((stat.st_mtime, path, stat.st_size))
        return found

    def evict(self, keep: Path | None = None) -> int:
        """Remove least recently used entries until the total fits ``max_bytes``.

        Args:
            keep: An entry never removed (the one just written).

        Returns:
            How many entries were removed.
        """
        if self.max_bytes is None:
            return 0
        removed = 0
        with self._lock:
            entries = sorted(self._entries(), key=lambda item: (item[0], item[1].name))
            total = sum(size for _, _, size in entries)
            for _, path, size in entries:
                if total <= self.max_bytes:
                    break
                if keep is not None and path == keep:
                    continue
                path.unlink(missing_ok=True)
                total -= size
                removed += 1
        return removed


def load_result(
    cache: DiskCache, job_id: str, *, log_fetcher: Any = None
) -> OqtopusJobResult | None:
    """A cached job as an ``OqtopusJobResult``, or None (a miss; an unusable entry is dropped).

    Args:
        cache: The cache.
        job_id: The job.
        log_fetcher: ``job_id -> SSE log zip bytes`` for SSE results (a client's
            ``ctx.log_fetcher``).

    Returns:
        The result, typed by job type, or None.
    """
    from oqtopus_sdk.results import OqtopusJobResult

    document = cache.get(job_id)
    if document is None:
        return None
    try:
        return OqtopusJobResult.from_dict(document, client=_LogSource(log_fetcher))
    except (ValueError, TypeError, KeyError) as exc:
        logger.warning("result cache: entry of job %s unusable (%s); discarded", job_id, exc)
        cache.discard(job_id)
        return None


def disk_cache_for(config: OqtopusConfig) -> DiskCache | None:
    """The on-disk result cache a config asks for (``cache_dir``, ``cache_max_bytes``), or None."""
    if not config.cache_dir:
        return None
    return DiskCache(config.cache_dir, config.cache_max_bytes)


def save_result(cache: DiskCache, result: Any) -> bool:
    """Store a result if its job is finished (terminal status); never raises for I/O.

    ``result.to_dict()`` downloads the archives a lazily loaded result has not read yet, so
    call it off the event loop (``Blocking``).

    Args:
        cache: The cache.
        result: An ``OqtopusJobResult``.

    Returns:
        Whether it was stored (False: not finished, or the write failed, which is logged).
    """
    from oqtopus_sdk import vocabulary
    from oqtopus_sdk._polling import status_text

    status = status_text(getattr(result, "status", None))
    job_id = getattr(result, "job_id", None)
    if status not in vocabulary.TERMINAL_STATUSES or not isinstance(job_id, str):
        return False
    try:
        cache.put(job_id, result.to_dict())
    except Exception as exc:  # I/O, a document that is not JSON, or an archive download
        logger.warning("result cache: job %s not stored: %s", job_id, exc)
        return False
    return True


class _LogSource:
    """Stands in for a client when a cached result is rebuilt (SSE results read logs here)."""

    def __init__(self, log_fetcher: Any) -> None:
        self._fetch_sse_log_bytes = log_fetcher
