"""Thread-safe job and archive storage, in memory or persisted under a data directory.

With a data directory, jobs live in ``DIR/jobs.sqlite3`` (one connection shared by all
threads, guarded by the store lock; the in-memory dict stays the source of truth for
reads) and archives live as plain files under ``DIR/storage/<job_id>/<name>.zip``, so
the ``file://`` upload mode and the HTTP storage endpoint see the same bytes.

``GET /jobs`` must stay fast with tens of thousands of jobs, so the store keeps, per
owner, the ``(seq, job_id)`` keys in creation order and :meth:`JobStore.page` walks only
those, copying just the jobs of the requested page.
"""

from __future__ import annotations

import bisect
import contextlib
import copy
import json
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .ids import parse_time

TERMINAL = frozenset({"succeeded", "failed", "cancelled"})
JOB_STATUSES = (
    "registered",
    "submitted",
    "ready",
    "running",
    "cancelling",
    "succeeded",
    "failed",
    "cancelled",
)
JOB_TYPES = ("estimation", "sampling", "multi_manual", "sse")
ARCHIVES = ("input", "combined_program", "transpile_result", "result", "sse_log")


@dataclass
class JobRecord:
    """One job row. Timestamps are ISO-8601 strings; None means unset."""

    job_id: str
    owner: str
    seq: int
    created_at: str
    status: str = "registered"
    name: str | None = None
    description: str | None = None
    job_type: str | None = None
    device_id: str | None = None
    shots: int | None = None
    transpiler_info: dict[str, Any] | None = None
    simulator_info: dict[str, Any] | None = None
    mitigation_info: dict[str, Any] | None = None
    execution_time: float | None = None
    submitted_at: str | None = None
    ready_at: str | None = None
    running_at: str | None = None
    ended_at: str | None = None
    message: str | None = None
    # Set on jobs submitted from inside an SSE program (the parent SSE job id).
    sse_parent: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def copy(self) -> JobRecord:
        """Return a deep copy so callers never mutate stored state.

        Returns:
            The copy.
        """
        return copy.deepcopy(self)


class ArchiveStore:
    """Archive bytes keyed by ``<job_id>/<name>.zip``, in memory or on disk."""

    def __init__(self, root: Path | None) -> None:
        """Create the store.

        Args:
            root: Directory for files, or None to keep bytes in memory.
        """
        self.root = root
        self._mem: dict[str, bytes] = {}
        self._lock = threading.Lock()
        if root is not None:
            root.mkdir(parents=True, exist_ok=True)

    def path_for(self, key: str) -> Path:
        """Return the file path of a key (disk mode only).

        Args:
            key: Storage key.

        Returns:
            The path under the root.

        Raises:
            ValueError: In-memory mode, or a key that escapes the root.
        """
        if self.root is None:
            raise ValueError("archive store is in memory")
        parts = key.split("/")
        if len(parts) != 2 or any(p in ("", ".", "..") for p in parts):
            raise ValueError(f"invalid storage key: {key!r}")
        return self.root / parts[0] / parts[1]

    def put(self, key: str, data: bytes) -> None:
        """Store bytes under a key, replacing any previous object.

        Args:
            key: Storage key.
            data: Object bytes.
        """
        if self.root is None:
            with self._lock:
                self._mem[key] = data
            return
        path = self.path_for(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        # Atomic rename: a crash mid-write never leaves a truncated archive.
        tmp.replace(path)

    def get(self, key: str) -> bytes | None:
        """Read an object.

        Args:
            key: Storage key.

        Returns:
            The bytes, or None when absent.
        """
        if self.root is None:
            with self._lock:
                return self._mem.get(key)
        try:
            return self.path_for(key).read_bytes()
        except (OSError, ValueError):
            return None

    def exists(self, key: str) -> bool:
        """Tell whether an object exists.

        Args:
            key: Storage key.

        Returns:
            True when present.
        """
        if self.root is None:
            with self._lock:
                return key in self._mem
        try:
            return self.path_for(key).is_file()
        except ValueError:
            return False

    def delete(self, key: str) -> None:
        """Remove one object if present.

        Args:
            key: Storage key.
        """
        if self.root is None:
            with self._lock:
                self._mem.pop(key, None)
            return
        with contextlib.suppress(ValueError):
            self.path_for(key).unlink(missing_ok=True)

    def delete_prefix(self, job_id: str) -> None:
        """Remove every object under ``<job_id>/``.

        Args:
            job_id: The job.
        """
        if self.root is None:
            with self._lock:
                for k in [k for k in self._mem if k.startswith(job_id + "/")]:
                    del self._mem[k]
            return
        if "/" in job_id or job_id in ("", ".", ".."):
            return
        shutil.rmtree(self.root / job_id, ignore_errors=True)

    def clear(self) -> None:
        """Remove every object."""
        with self._lock:
            self._mem.clear()
        if self.root is not None:
            for child in self.root.iterdir():
                if child.is_dir():
                    shutil.rmtree(child, ignore_errors=True)


def _remove_sorted(items: list[Any], item: Any) -> None:
    """Remove an item from a sorted list if it is there."""
    i = bisect.bisect_left(items, item)
    if i < len(items) and items[i] == item:
        del items[i]


def _submit_entry(rec: JobRecord) -> tuple[float, int, str]:
    """A submitted job's key in the submit-time index."""
    assert rec.submitted_at is not None
    return (parse_time(rec.submitted_at).timestamp(), rec.seq, rec.job_id)


class JobStore:
    """Thread-safe job table with optional SQLite write-through persistence."""

    def __init__(self, db_path: Path | None) -> None:
        """Open the store, loading persisted jobs.

        Args:
            db_path: SQLite file, or None for memory only.
        """
        self._lock = threading.RLock()
        self._jobs: dict[str, JobRecord] = {}
        # Per owner, (seq, job_id) sorted ascending: the list endpoint's creation order.
        self._by_owner: dict[str, list[tuple[int, str]]] = {}
        # Per owner, (submitted_at as a timestamp, seq, job_id) sorted ascending, for jobs that
        # were submitted: a ``start_time`` filter (the status sweeps' window) visits only the
        # jobs it can match, as the live server's database index does, however many older
        # jobs there are.
        self._by_submit: dict[str, list[tuple[float, int, str]]] = {}
        # The last window put back in creation order, dropped when an index changes: a sweep
        # asks for the same window page after page, and every second.
        self._window: tuple[tuple[str, int], list[tuple[int, str]]] | None = None
        self._seq = 0
        self._db: sqlite3.Connection | None = None
        if db_path is not None:
            db_path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(db_path), check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS jobs (job_id TEXT PRIMARY KEY, seq INTEGER, data TEXT)"
            )
            self._db.commit()
            for (data,) in self._db.execute("SELECT data FROM jobs ORDER BY seq"):
                rec = JobRecord(**json.loads(data))
                self._jobs[rec.job_id] = rec
                self._index(rec)
                self._seq = max(self._seq, rec.seq)

    def _index(self, rec: JobRecord) -> None:
        self._window = None
        bisect.insort(self._by_owner.setdefault(rec.owner, []), (rec.seq, rec.job_id))
        if rec.submitted_at is not None:
            bisect.insort(self._by_submit.setdefault(rec.owner, []), _submit_entry(rec))

    def _unindex(self, rec: JobRecord) -> None:
        self._window = None
        _remove_sorted(self._by_owner.get(rec.owner, []), (rec.seq, rec.job_id))
        if rec.submitted_at is not None:
            _remove_sorted(self._by_submit.get(rec.owner, []), _submit_entry(rec))

    def _persist(self, rec: JobRecord) -> None:
        if self._db is not None:
            self._db.execute(
                "INSERT OR REPLACE INTO jobs (job_id, seq, data) VALUES (?, ?, ?)",
                (rec.job_id, rec.seq, json.dumps(asdict(rec))),
            )
            self._db.commit()

    def next_seq(self) -> int:
        """Return the next creation sequence number (list ordering key).

        Returns:
            A strictly increasing integer.
        """
        with self._lock:
            self._seq += 1
            return self._seq

    def add(self, rec: JobRecord) -> None:
        """Insert a new job.

        Args:
            rec: The job.
        """
        with self._lock:
            self._jobs[rec.job_id] = rec.copy()
            self._index(rec)
            self._persist(rec)

    def add_many(self, records: Iterable[JobRecord]) -> None:
        """Insert many new jobs at once (one database transaction), e.g. to seed a test.

        Args:
            records: The jobs; their ``seq`` values must come from :meth:`next_seq`.
        """
        with self._lock:
            rows = []
            for rec in records:
                self._jobs[rec.job_id] = rec.copy()
                self._index(rec)
                if self._db is not None:
                    rows.append((rec.job_id, rec.seq, json.dumps(asdict(rec))))
            if self._db is not None:
                self._db.executemany(
                    "INSERT OR REPLACE INTO jobs (job_id, seq, data) VALUES (?, ?, ?)", rows
                )
                self._db.commit()

    def get(self, job_id: str) -> JobRecord | None:
        """Fetch a copy of a job.

        Args:
            job_id: The id.

        Returns:
            A copy, or None.
        """
        with self._lock:
            rec = self._jobs.get(job_id)
            return None if rec is None else rec.copy()

    def update(
        self,
        job_id: str,
        mutate: Callable[[JobRecord], bool | None],
    ) -> JobRecord | None:
        """Atomically read-modify-write one job.

        Args:
            job_id: The id.
            mutate: Called with a working copy; return False to abort without saving.

        Returns:
            The saved copy, or None when the job is missing or the update was aborted.
        """
        with self._lock:
            rec = self._jobs.get(job_id)
            if rec is None:
                return None
            work = rec.copy()
            if mutate(work) is False:
                return None
            if work.submitted_at != rec.submitted_at or work.owner != rec.owner:
                self._unindex(rec)
                self._index(work)
            self._jobs[job_id] = work
            self._persist(work)
            return work.copy()

    def transition(
        self, job_id: str, from_statuses: Iterable[str], **changes: Any
    ) -> JobRecord | None:
        """Apply changes only if the job is still in one of ``from_statuses``.

        This is how the executor avoids overwriting a job cancelled or deleted meanwhile.

        Args:
            job_id: The id.
            from_statuses: Allowed current statuses.
            **changes: Attribute values to set.

        Returns:
            The saved copy, or None when the job moved on or vanished.
        """
        allowed = set(from_statuses)

        def mutate(rec: JobRecord) -> bool:
            if rec.status not in allowed:
                return False
            for k, v in changes.items():
                setattr(rec, k, v)
            return True

        return self.update(job_id, mutate)

    def delete(self, job_id: str) -> None:
        """Remove a job.

        Args:
            job_id: The id.
        """
        with self._lock:
            rec = self._jobs.pop(job_id, None)
            if rec is not None:
                self._unindex(rec)
            if self._db is not None:
                self._db.execute("DELETE FROM jobs WHERE job_id = ?", (job_id,))
                self._db.commit()

    def all(self) -> list[JobRecord]:
        """Return copies of every job in creation order.

        Returns:
            The jobs.
        """
        with self._lock:
            return [r.copy() for r in sorted(self._jobs.values(), key=lambda r: r.seq)]

    def page(
        self,
        owner: str,
        keep: Callable[[JobRecord], bool],
        *,
        page: int,
        size: int,
        descending: bool = False,
        submitted_from: datetime | None = None,
    ) -> list[JobRecord]:
        """Return one page of an owner's jobs that pass ``keep``, in creation order.

        Only the owner's jobs are visited and only the page's jobs are copied, so a page
        costs time proportional to the jobs skipped, never a copy of the whole table.

        Args:
            owner: The owner.
            keep: Filter; it sees the stored record and must not modify it.
            page: 1-based page number.
            size: Page size.
            descending: Newest first (ties cannot happen: ``seq`` is unique).
            submitted_from: When given, only jobs submitted at or after it are visited (a
                ``start_time`` filter; ``keep`` must apply it too, this only narrows the walk).

        Returns:
            Copies of the page's jobs; ``[]`` past the end.
        """
        skip = (page - 1) * size
        out: list[JobRecord] = []
        with self._lock:
            keys: list[tuple[int, str]] = self._by_owner.get(owner, [])
            if submitted_from is not None:
                submits = self._by_submit.get(owner, [])
                # A millisecond of slack covers float rounding; ``keep`` decides exactly.
                first = bisect.bisect_left(submits, (submitted_from.timestamp() - 1e-3,))
                keys = self._window_keys(owner, submits, first)
            for _, job_id in reversed(keys) if descending else keys:
                rec = self._jobs[job_id]
                if not keep(rec):
                    continue
                if skip:
                    skip -= 1
                    continue
                out.append(rec.copy())
                if len(out) >= size:
                    break
        return out

    def _window_keys(
        self, owner: str, submits: list[tuple[float, int, str]], first: int
    ) -> list[tuple[int, str]]:
        """The jobs of ``submits[first:]`` in creation order (cached until an index changes)."""
        key = (owner, first)
        if self._window is not None and self._window[0] == key:
            return self._window[1]
        keys = sorted((seq, job_id) for _, seq, job_id in submits[first:])
        self._window = (key, keys)
        return keys

    def count(self, keep: Callable[[JobRecord], bool]) -> int:
        """Count jobs passing a filter without copying them.

        Args:
            keep: Filter; it must not modify the record.

        Returns:
            The count.
        """
        with self._lock:
            return sum(1 for rec in self._jobs.values() if keep(rec))

    def ids_where(self, keep: Callable[[JobRecord], bool]) -> list[str]:
        """Return the ids of jobs passing a filter, in creation order, without copying.

        Args:
            keep: Filter; it must not modify the record.

        Returns:
            Job ids.
        """
        with self._lock:
            found = [rec for rec in self._jobs.values() if keep(rec)]
        return [rec.job_id for rec in sorted(found, key=lambda r: r.seq)]

    def clear(self) -> None:
        """Remove every job."""
        with self._lock:
            self._jobs.clear()
            self._by_owner.clear()
            self._by_submit.clear()
            self._window = None
            if self._db is not None:
                self._db.execute("DELETE FROM jobs")
                self._db.commit()

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
